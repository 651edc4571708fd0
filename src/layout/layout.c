/* SPDX-License-Identifier: Apache-2.0 */
/* The layout layer's shared base: the context and its index of named
 * styles, item lists, properties and styles, the stop check. */
#include "layout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "namespaces.h"
#include "tree.h"


int is_layout(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, NS_LAYOUT) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

int layout_ctx_start(layout_ctx *lc)
{
	xmlNodePtr docnode = xmlDocGetRootElement(lc->doc);
	lc->nstyles = 0;
	for (xmlNodePtr c = docnode ? docnode->children : NULL; c; c = c->next)
		lc->nstyles += is_layout(c, "style");
	lc->styles = arena_alloc(lc->mem, sizeof *lc->styles * (size_t)(lc->nstyles + 1));
	if (!lc->styles)
		return -1;
	int i = 0;
	for (xmlNodePtr c = docnode ? docnode->children : NULL; c; c = c->next)
		if (is_layout(c, "style"))
			lc->styles[i++] = c;
	return 0;
}

item *items_add(layout_ctx *lc, item_list *l, item_kind kind)
{
	item *arr = arena_grow(lc->mem, l->items, sizeof *arr, &l->cap, l->n + 1);
	if (!arr)
		return NULL;
	l->items = arr;
	item *it = &l->items[l->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

static const char *own_attr(xmlNodePtr node, const char *name)
{
	for (xmlAttrPtr a = node->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static xmlNodePtr find_style(layout_ctx *lc, const char *name)
{
	for (int i = 0; i < lc->nstyles; i++) {
		const char *n = own_attr(lc->styles[i], "name");
		if (n && strcmp(n, name) == 0)
			return lc->styles[i];
	}
	return NULL;
}

/* Whether `name` is declared by a style child of the document node. */
static int style_declared(xmlNodePtr docnode, const char *name)
{
	for (xmlNodePtr c = docnode->children; c; c = c->next) {
		const char *n = is_layout(c, "style") ? own_attr(c, "name") : NULL;
		if (n && strcmp(n, name) == 0)
			return 1;
	}
	return 0;
}

/* Every style attribute names a declared style. Checked here rather than
 * by a keyref of layout.xsd: libxml2 evaluates a keyref whose selector is
 * "every descendant" on every element, 4 % of a whole render for a
 * table-heavy annex. A template line that writes a wrong name is reported
 * once, not once per element it wrote. */
int layout_check_style_refs(xmlDocPtr ldoc, diag_list *diags)
{
	enum { MAX_REPORTED = 16 };
	struct style_use { long line; const char *name; const char *element; int uses; } seen[MAX_REPORTED];
	int nseen = 0, errors = 0;
	xmlNodePtr root = xmlDocGetRootElement(ldoc), n = root;
	while (n) {
		const char *name = n->type == XML_ELEMENT_NODE ? own_attr(n, "style") : NULL;
		if (name && !style_declared(root, name)) {
			int i = 0;
			while (i < nseen && strcmp(seen[i].name, name) != 0)
				i++;
			if (i == nseen && nseen < MAX_REPORTED)
				seen[nseen++] = (struct style_use){xmlGetLineNo(n), name, (const char *)n->name, 0};
			if (i < nseen)
				seen[i].uses++;
			errors++;
		}
		n = tree_next(n, root, 0);
	}
	/* Once per style: the first element that names it, and how many do. */
	for (int i = 0; i < nseen; i++) {
		char msg[512], more[64] = "";
		if (seen[i].uses > 1)
			snprintf(more, sizeof more, " ; %d éléments le nomment", seen[i].uses);
		snprintf(msg, sizeof msg, "élément « %s » : le style « %s » n'est défini par aucun élément « style »%s ; "
		         "mis en forme sans ce style", seen[i].element, seen[i].name, more);
		diag_add(diags, D_TEMPLATE_STYLE, (int)seen[i].line, 0, msg);
	}
	return errors;
}

const char *prop_get(layout_ctx *lc, xmlNodePtr node, const char *name)
{
	const char *v = own_attr(node, name);
	if (v)
		return v;
	const char *sname = own_attr(node, "style");
	if (sname) {
		xmlNodePtr s = find_style(lc, sname);
		if (s)
			return own_attr(s, name);
	}
	return NULL;
}

const char *prop_keep(layout_ctx *lc, xmlNodePtr node, const char *name)
{
	const char *v = prop_get(lc, node, name);
	return v ? arena_strdup(lc->mem, v) : NULL;
}

float parse_length(const char *s, float percent_of, float fallback)
{
	if (!s)
		return fallback;
	char *end;
	float v = strtof(s, &end);
	if (end == s)
		return fallback;
	if (*end == '%')
		return v * percent_of / 100.0f;
	return v;
}

int parse_color(const char *s, rgb *out)
{
	if (!s || s[0] != '#' || strlen(s) != 7)
		return 0;
	unsigned v = (unsigned)strtoul(s + 1, NULL, 16);
	out->r = (float)((v >> 16) & 0xFF) / 255.0f;
	out->g = (float)((v >> 8) & 0xFF) / 255.0f;
	out->b = (float)(v & 0xFF) / 255.0f;
	return 1;
}

static int parse_bool(const char *s, int fallback)
{
	if (!s)
		return fallback;
	return strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
}

void style_apply(layout_ctx *lc, xmlNodePtr node, style *st)
{
	const char *v;
	st->face = -1;
	if ((v = prop_get(lc, node, "font-family")))
		st->family = v;
	if ((v = prop_get(lc, node, "font-size")))
		st->size = parse_length(v, st->size, st->size);
	if ((v = prop_get(lc, node, "font-weight")))
		st->bold = strcmp(v, "bold") == 0;
	if ((v = prop_get(lc, node, "font-style")))
		st->italic = strcmp(v, "italic") == 0;
	if ((v = prop_get(lc, node, "color")))
		parse_color(v, &st->color);
	if ((v = prop_get(lc, node, "line-height")))
		st->line_height = parse_length(v, 1, st->line_height);
	if ((v = prop_get(lc, node, "hyphenate")))
		st->hyphenate = parse_bool(v, 1);
	if ((v = prop_get(lc, node, "text-decoration")))
		st->underline = strcmp(v, "underline") == 0;
	if ((v = prop_get(lc, node, "align"))) {
		st->align = strcmp(v, "right") == 0     ? ALIGN_RIGHT
		            : strcmp(v, "center") == 0  ? ALIGN_CENTER
		            : strcmp(v, "justify") == 0 ? ALIGN_JUSTIFY
		            : strcmp(v, "decimal") == 0 ? ALIGN_DECIMAL
		                                        : ALIGN_LEFT;
	}
}

style style_root(xmlNodePtr document_node, layout_ctx *lc)
{
	style st = {.family = "DejaVu Sans", .size = 10, .line_height = 1.25f, .align = ALIGN_LEFT, .hyphenate = 1,
	            .face = -1};
	style_apply(lc, document_node, &st);
	return st;
}

void block_props_read(layout_ctx *lc, xmlNodePtr node, block_props *bp)
{
	memset(bp, 0, sizeof *bp);
	bp->space_before = parse_length(prop_get(lc, node, "space-before"), 0, 0);
	bp->space_after = parse_length(prop_get(lc, node, "space-after"), 0, 0);
	bp->indent_left = parse_length(prop_get(lc, node, "indent-left"), 0, 0);
	bp->indent_right = parse_length(prop_get(lc, node, "indent-right"), 0, 0);
	bp->first_line_indent = parse_length(prop_get(lc, node, "first-line-indent"), 0, 0);
	bp->border = parse_length(prop_get(lc, node, "border"), 0, 0);
	bp->border_top = parse_length(prop_get(lc, node, "border-top"), 0, bp->border);
	bp->border_bottom = parse_length(prop_get(lc, node, "border-bottom"), 0, bp->border);
	bp->padding = parse_length(prop_get(lc, node, "padding"), 0, 0);
	bp->border_color = (rgb){0, 0, 0};
	parse_color(prop_get(lc, node, "border-color"), &bp->border_color);
	bp->has_background = parse_color(prop_get(lc, node, "background"), &bp->background);
	bp->keep_with_next = parse_bool(prop_get(lc, node, "keep-with-next"), is_layout(node, "h"));
	bp->keep_together = parse_bool(prop_get(lc, node, "keep-together"), 0);
}

int has_block_children(xmlNodePtr node)
{
	static const char *const blocks[] = {"p", "h", "list", "table", "block", "page-break", "signature-field", "spacer",
	                                     "image", "chart"};
	for (xmlNodePtr c = node->children; c; c = c->next)
		for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
			if (is_layout(c, blocks[i]))
				return 1;
	return 0;
}

int layout_must_stop(layout_ctx *lc)
{
	if (lc->stopped)
		return 1;
	if (lc->mem->failed) {
		lc->stopped = 1;
		diag_add(lc->diags, D_RENDER_MEMORY, 0, 0);
	} else if (lc->deadline > 0 && monotonic_ms() > lc->deadline) {
		lc->stopped = 1;
		diag_add(lc->diags, D_RENDER_TIMEOUT, 0, 0);
	}
	return lc->stopped;
}
