/* SPDX-License-Identifier: Apache-2.0 */
/* Blocks: paragraphs, headings, lists, boxes, images, signature fields,
 * tables and charts become a flow of vertical items (lines, spaces, tables)
 * that paginate.c places on pages. The dispatcher of the layer: it calls
 * layout_inline.c, layout_table.c and layout_chart.c; only a table cell
 * calls back here (a cell holds blocks). */
#include "layout.h"
#include "layout_block.h"
#include "layout_chart.h"
#include "layout_inline.h"
#include "layout_table.h"
#include "layout_struct.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Vertical space between blocks collapses to the larger of the two. */
static void add_space(layout_ctx *lc, item_list *out, float h)
{
	if (h <= 0)
		return;
	if (out->n && out->items[out->n - 1].kind == IT_SPACE) {
		item *last = &out->items[out->n - 1];
		if (h > last->height)
			last->height = h;
		return;
	}
	item *it = items_add(lc, out, IT_SPACE);
	if (it)
		it->height = h;
}

static int has_box(const block_props *bp)
{
	return bp->border > 0 || bp->border_top > 0 || bp->border_bottom > 0 || bp->has_background;
}

/* One item of a box too tall for a page, with its slice of the box: the
 * background behind it, the side borders beside it, and the top (first
 * slice) or bottom (last slice) inset and border. The slices flow over
 * pages like the lines they hold; a page break leaves the frame open
 * there, as CSS's box-decoration-break: slice does. */
static int add_slice(layout_ctx *lc, const item *in, const block_props *bp, float x, float width, int first, int last,
                     item_list *out)
{
	float top = first ? bp->border_top + bp->padding : 0, bottom = last ? bp->padding + bp->border_bottom : 0;
	float h = in->height + top + bottom;
	item *it = items_add(lc, out, IT_LINE);
	op *ops = arena_alloc(lc->mem, sizeof *ops * (size_t)(in->nops + 5));
	if (!it || !ops)
		return 0;
	int n = 0;
	if (bp->has_background)
		ops[n++] = (op){.kind = OP_FILL, .x = x, .w = width, .h = h, .color = bp->background};
	for (int k = 0; k < in->nops; k++) {
		ops[n] = in->ops[k];
		ops[n++].y += top;
	}
	float b = bp->border;
	if (b > 0) {
		ops[n++] = (op){.kind = OP_LINE, .x = x + b / 2, .h = h, .size = b, .color = bp->border_color};
		ops[n++] = (op){.kind = OP_LINE, .x = x + width - b / 2, .h = h, .size = b, .color = bp->border_color};
	}
	if (first && bp->border_top > 0)
		ops[n++] = (op){.kind = OP_LINE, .x = x, .y = bp->border_top / 2, .w = width, .size = bp->border_top,
		                .color = bp->border_color};
	if (last && bp->border_bottom > 0)
		ops[n++] = (op){.kind = OP_LINE, .x = x, .y = h - bp->border_bottom / 2, .w = width,
		                .size = bp->border_bottom, .color = bp->border_color};
	*it = (item){.kind = IT_LINE, .height = h, .keep_with_next = last ? bp->keep_with_next : in->keep_with_next,
	             .ops = ops, .nops = n, .line = in->line};
	return 1;
}

/* A box taller than a page: its items one by one, each with its slice of
 * the box (add_slice). */
static void make_slices(layout_ctx *lc, const item_list *inner, int first, int last, const block_props *bp, float x,
                        float width, item_list *out)
{
	for (int i = first; i < last; i++)
		if (!add_slice(lc, &inner->items[i], bp, x, width, i == first, i == last - 1, out))
			return;
}

/* Stacks items into one unbreakable box with its background and borders;
 * a box taller than a page is sliced (make_slices). Returns 0 when the
 * content cannot be boxed (a table, a page break, a bookmark): the caller
 * then keeps the items as they are. */
static int make_box(layout_ctx *lc, item_list *inner, const block_props *bp, float x, float width, item_list *out)
{
	float h = 0;
	int nops = 0;
	int first = 0, last = inner->n;
	while (first < last && inner->items[first].kind == IT_SPACE)
		first++;
	while (last > first && inner->items[last - 1].kind == IT_SPACE)
		last--;
	for (int i = first; i < last; i++) {
		if (inner->items[i].kind == IT_TABLE || inner->items[i].kind == IT_BREAK || inner->items[i].kind == IT_MARK)
			return 0;
		h += inner->items[i].height;
		nops += inner->items[i].nops;
	}
	float top = bp->border_top + bp->padding, total = h + top + bp->padding + bp->border_bottom;
	if (lc->max_item_height > 0 && total > lc->max_item_height) {
		make_slices(lc, inner, first, last, bp, x, width, out);
		return 1;
	}
	item *box = items_add(lc, out, IT_LINE);
	op *ops = arena_alloc(lc->mem, sizeof *ops * (size_t)(nops + 4));
	if (!box || !ops)
		return 0;
	box->height = total;
	box->keep_with_next = bp->keep_with_next;
	int n = 0;
	if (bp->has_background)
		ops[n++] = (op){.kind = OP_FILL, .x = x, .y = 0, .w = width, .h = total, .color = bp->background};
	float y = top;
	for (int i = first; i < last; i++) {
		for (int k = 0; k < inner->items[i].nops; k++) {
			ops[n] = inner->items[i].ops[k];
			ops[n++].y += y;
		}
		y += inner->items[i].height;
	}
	if (bp->border > 0)
		ops[n++] = (op){.kind = OP_STROKE, .x = x + bp->border / 2, .y = bp->border / 2, .w = width - bp->border,
		                .h = total - bp->border, .size = bp->border, .color = bp->border_color};
	else {
		if (bp->border_top > 0)
			ops[n++] = (op){.kind = OP_LINE, .x = x, .y = bp->border_top / 2, .w = width, .size = bp->border_top,
			                .color = bp->border_color};
		if (bp->border_bottom > 0)
			ops[n++] = (op){.kind = OP_LINE, .x = x, .y = total - bp->border_bottom / 2, .w = width,
			                .size = bp->border_bottom, .color = bp->border_color};
	}
	box->ops = ops;
	box->nops = n;
	return 1;
}

static void append_items(layout_ctx *lc, item_list *out, const item_list *in)
{
	for (int i = 0; i < in->n; i++) {
		item *it = items_add(lc, out, in->items[i].kind);
		if (it)
			*it = in->items[i];
	}
}

static void layout_text_block(layout_ctx *lc, xmlNodePtr node, const style *st, const block_props *bp, float x,
                              float width, item_list *out)
{
	para_opts po = {.width = width - bp->indent_left - bp->indent_right,
	                .x = x + bp->indent_left,
	                .first_indent = bp->first_line_indent,
	                .marker = lc->pending_marker,
	                .marker_x = lc->pending_marker_x};
	lc->pending_marker = NULL;
	int first = out->n;
	layout_paragraph(lc, node, st, &po, out);
	if (bp->keep_with_next && out->n > first)
		out->items[out->n - 1].keep_with_next = 1;
	if (bp->keep_together)
		for (int i = first; i < out->n - 1; i++)
			out->items[i].keep_with_next = 1;
}

static void layout_boxed(layout_ctx *lc, xmlNodePtr node, const style *st, const block_props *bp, float x,
                         float width, int inline_content, item_list *out)
{
	float inset = (bp->border > 0 ? bp->border : 0) + bp->padding;
	item_list inner = {0};
	block_props plain = *bp;
	plain.space_before = plain.space_after = 0;
	plain.indent_left = plain.indent_right = 0;
	float ix = x + bp->indent_left + inset, iw = width - bp->indent_left - bp->indent_right - 2 * inset;
	if (inline_content)
		layout_text_block(lc, node, st, &plain, ix, iw, &inner);
	else
		layout_blocks(lc, node, st, (hspan){ix, iw}, &inner);
	if (!make_box(lc, &inner, bp, x + bp->indent_left, width - bp->indent_left - bp->indent_right, out))
		append_items(lc, out, &inner);
}

static void add_mark(layout_ctx *lc, xmlNodePtr node, item_list *out)
{
	const char *bm = prop_keep(lc, node, "bookmark");
	if (!bm)
		return;
	item *m = items_add(lc, out, IT_MARK);
	if (!m)
		return;
	m->title = bm;
	const char *lv = prop_get(lc, node, "level");
	m->level = lv ? atoi(lv) : 1;
}

static const char *marker_text(layout_ctx *lc, const char *marker, int index)
{
	if (marker && strcmp(marker, "decimal") == 0) {
		char buf[16];
		snprintf(buf, sizeof buf, "%d.", index);
		return arena_strdup(lc->mem, buf);
	}
	return marker ? marker : "•";
}

static void layout_list(layout_ctx *lc, xmlNodePtr node, const style *st, float x, float width, item_list *out)
{
	const char *marker = prop_get(lc, node, "marker");
	float mw = parse_length(prop_get(lc, node, "marker-width"), 0, 0);
	if (mw <= 0)
		mw = text_width(lc, st, marker_text(lc, marker, 9), (int)strlen(marker_text(lc, marker, 9))) + st->size * 0.6f;
	int index = 0;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (!is_layout(c, "item"))
			continue;
		style ist = *st;
		style_apply(lc, c, &ist);
		block_props bp;
		block_props_read(lc, c, &bp);
		add_space(lc, out, bp.space_before);
		lc->pending_marker = marker_text(lc, marker, ++index);
		lc->pending_marker_x = -mw;
		int first = out->n;
		struct_scope li = struct_open(lc, "LI"), lbl = struct_open(lc, "Lbl");
		struct_close(lc, lbl, NULL, 0);
		lc->marker_tag = lbl.elem;
		struct_scope body = struct_open(lc, "LBody");
		layout_flow_or_inline(lc, c, &ist, (hspan){x + mw, width - mw}, out);
		struct_close(lc, body, out, first);
		struct_close(lc, li, out, first);
		lc->pending_marker = NULL;
		lc->marker_tag = 0;
		add_space(lc, out, bp.space_after);
	}
}

static void layout_signature(layout_ctx *lc, xmlNodePtr node, float x, float width, item_list *out)
{
	float w = parse_length(prop_get(lc, node, "width"), width, 200);
	float h = parse_length(prop_get(lc, node, "height"), 0, 60);
	const char *name = prop_keep(lc, node, "name");
	item *it = items_add(lc, out, IT_LINE);
	op *o = arena_alloc(lc->mem, sizeof *o);
	if (!it || !o)
		return;
	float left = x;
	const char *al = prop_get(lc, node, "align");
	if (al && strcmp(al, "right") == 0)
		left = x + width - w;
	else if (al && strcmp(al, "center") == 0)
		left = x + (width - w) / 2;
	*o = (op){.kind = OP_SIGNATURE, .x = left, .y = 0, .w = w, .h = h, .text = name ? name : "Signature",
	          .len = (int)strlen(name ? name : "Signature")};
	it->height = h;
	it->line = o->line;
	it->ops = o;
	it->nops = 1;
}

/* An image of the template's folder (a logo): a plain file name, never a
 * path, so that a layout tree cannot make the engine read anything else. */
static const char *image_path(layout_ctx *lc, xmlNodePtr node)
{
	const char *src = prop_get(lc, node, "src");
	if (!src || !*src || strchr(src, '/') || src[0] == '.' || !lc->resource_dir) {
		diag_add(lc->diags, D_LAYOUT_VALUE, (int)xmlGetLineNo(node), 0, src ? src : "", "src");
		return NULL;
	}
	size_t n = strlen(lc->resource_dir) + strlen(src) + 2;
	char *path = arena_alloc(lc->mem, n);
	if (path)
		snprintf(path, n, "%s/%s", lc->resource_dir, src);
	return path;
}

static void layout_image(layout_ctx *lc, xmlNodePtr node, float x, float width, item_list *out)
{
	const char *path = image_path(lc, node);
	float w = parse_length(prop_get(lc, node, "width"), width, 0);
	float h = parse_length(prop_get(lc, node, "height"), 0, 0);
	if (!path || w <= 0 || h <= 0)
		return;
	if (w > width) {
		h *= width / w;
		w = width;
	}
	item *it = items_add(lc, out, IT_LINE);
	op *o = arena_alloc(lc->mem, sizeof *o);
	if (!it || !o)
		return;
	const char *al = prop_get(lc, node, "align");
	float left = al && strcmp(al, "right") == 0 ? x + width - w : al && strcmp(al, "center") == 0 ? x + (width - w) / 2 : x;
	/* libxslt keeps the template's line on the elements it writes. */
	*o = (op){.kind = OP_IMAGE, .x = left, .y = 0, .w = w, .h = h, .text = path, .len = (int)strlen(path),
	          .line = (int)xmlGetLineNo(node)};
	it->height = h;
	it->line = o->line;
	it->ops = o;
	it->nops = 1;
}

/* [pt] Height of items [first, n) of l as pagination stacks them (spaces
 * at its end are dropped where a page ends, and *last is where they start);
 * -1 when a page break inside leaves nothing to keep together. */
static float group_height(const item_list *l, int first, int *last_out)
{
	int last = l->n;
	while (last > first && l->items[last - 1].kind == IT_SPACE)
		last--;
	*last_out = last;
	float h = 0;
	for (int i = first; i < last; i++) {
		if (l->items[i].kind == IT_BREAK)
			return -1;
		h += l->items[i].height;
	}
	return h;
}

/* keep-together for any block (paragraphs, lists, tables, blocks holding a
 * table, which make_box cannot stack into one item): pagination moves the
 * whole group to a new page when it does not fit on the current one. A
 * block taller than a page cannot be kept together: it flows, warned. */
static void keep_together(layout_ctx *lc, xmlNodePtr c, item_list *out, int first)
{
	int last;
	float h = group_height(out, first, &last);
	if (h <= 0 || first >= out->n)
		return;
	if (lc->max_item_height > 0 && h > lc->max_item_height + 0.01f) {
		diag_add(lc->diags, D_LAYOUT_KEEP_TALL, (int)xmlGetLineNo(c), 0, (double)h, (double)lc->max_item_height);
		return;
	}
	out->items[first].keep_group = h;
	out->items[first].keep_items = last - first;
}

/* The alternative text of a figure (the template's alt; a chart without
 * one gets its title and values from layout_chart) and the description of a signature field, for readers that
 * cannot see them. */
static void describe(layout_ctx *lc, xmlNodePtr c, struct_scope scope)
{
	struct_elem *e = struct_elem_of(lc, scope);
	if (!e)
		return;
	const char *alt = prop_keep(lc, c, "alt");
	if (!alt && is_layout(c, "signature-field")) {
		const char *name = prop_get(lc, c, "name");
		char buf[256];
		snprintf(buf, sizeof buf, "Champ de signature électronique%s%s", name ? " : " : "", name ? name : "");
		alt = arena_strdup(lc->mem, buf);
	}
	e->alt = alt;
}

/* The block `c` in `col`: its indents narrow the column for what it holds. */
static void layout_block_element(layout_ctx *lc, xmlNodePtr c, const style *parent, hspan col, item_list *out)
{
	if (is_layout(c, "page-break")) {
		items_add(lc, out, IT_BREAK);
		return;
	}
	style st = *parent;
	if (is_layout(c, "h"))
		st.hyphenate = 0;  /* headings are not hyphenated unless asked */
	style_apply(lc, c, &st);
	block_props bp;
	block_props_read(lc, c, &bp);
	add_space(lc, out, bp.space_before);
	float x = col.x, width = col.width;
	hspan inner = {x + bp.indent_left, width - bp.indent_left - bp.indent_right};
	int first = out->n;
	struct_scope scope = struct_open(lc, lc->tree ? struct_role(lc, c) : NULL);
	describe(lc, c, scope);
	if (is_layout(c, "p") || is_layout(c, "h")) {
		if (is_layout(c, "h"))
			add_mark(lc, c, out);
		if (has_box(&bp))
			layout_boxed(lc, c, &st, &bp, x, width, 1, out);
		else
			layout_text_block(lc, c, &st, &bp, x, width, out);
	} else if (is_layout(c, "list")) {
		layout_list(lc, c, &st, inner.x, inner.width, out);
	} else if (is_layout(c, "table")) {
		layout_table(lc, c, &st, inner, out);
	} else if (is_layout(c, "block")) {
		if (has_box(&bp) || bp.keep_together)
			layout_boxed(lc, c, &st, &bp, x, width, 0, out);
		else
			layout_blocks(lc, c, &st, inner, out);
	} else if (is_layout(c, "signature-field")) {
		layout_signature(lc, c, x, width, out);
	} else if (is_layout(c, "image")) {
		layout_image(lc, c, inner.x, inner.width, out);
	} else if (is_layout(c, "chart")) {
		layout_chart(lc, c, &st, inner, out);
	} else if (is_layout(c, "spacer")) {
		item *it = items_add(lc, out, IT_LINE);
		if (it)
			it->height = parse_length(prop_get(lc, c, "height"), 0, 0);
	}
	struct_close(lc, scope, out, first);
	if (bp.keep_together)
		keep_together(lc, c, out, first);
	if (bp.keep_with_next && out->n)
		out->items[out->n - 1].keep_with_next = 1;
	add_space(lc, out, bp.space_after);
}

void layout_blocks(layout_ctx *lc, xmlNodePtr parent, const style *st, hspan col, item_list *out)
{
	for (xmlNodePtr c = parent->children; c && !layout_must_stop(lc); c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			layout_block_element(lc, c, st, col, out);
}

void layout_flow_or_inline(layout_ctx *lc, xmlNodePtr node, const style *st, hspan col, item_list *out)
{
	float x = col.x, width = col.width;
	if (has_block_children(node)) {
		layout_blocks(lc, node, st, col, out);
		return;
	}
	block_props none;
	memset(&none, 0, sizeof none);
	layout_text_block(lc, node, st, &none, x, width, out);
}
