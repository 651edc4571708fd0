/* SPDX-License-Identifier: Apache-2.0 */
/* Pagination: each sequence's flow of items is placed on pages of its page
 * template; then page numbers are known and headers and footers are laid out
 * page by page. Reserved areas (the prefecture's stamp) push the flow down. */
#include "layout.h"
#include "layout_block.h"
#include "layout_inline.h"
#include "layout_table.h"
#include "paginate.h"
#include "layout_struct.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct page_template {
	xmlNodePtr node;
	const char *name;
	float width, height;                    /* [pt] */
	float mt, mb, ml, mr;                   /* [pt] margins */
	float header_h, footer_h;               /* [pt] */
	xmlNodePtr header, footer;
	xmlNodePtr watermark;                   /* drawn under every page's content, or NULL */
} page_template;

typedef struct reserve {
	int page;                               /* 1-based page of the document */
	float x, y, w, h;                       /* [pt] from the top-left corner */
} reserve;

#define MARKS_PENDING 16

typedef struct pager {
	layout_ctx *lc;
	doc_pages *doc;
	const page_template *tpl;
	const reserve *reserves;
	int nreserves;
	const style *root;                      /* the document's style */
	int sequence;
	page *pg;
	float y, top, bottom;                   /* [pt] */
	int fresh;                              /* nothing placed on the page yet */
	/* Outline marks met but not yet placed: a mark takes the page and
	 * height of what follows it, known only once that is placed (a heading
	 * moved to the next page by keep-with-next or for lack of room). */
	const item *marks[MARKS_PENDING];
	int nmarks;
} pager;

static float attr_num(layout_ctx *lc, xmlNodePtr n, const char *name, float fallback)
{
	return parse_length(prop_get(lc, n, name), 0, fallback);
}

static void read_template(layout_ctx *lc, xmlNodePtr n, page_template *t)
{
	memset(t, 0, sizeof *t);
	t->node = n;
	t->name = prop_get(lc, n, "name");
	t->width = attr_num(lc, n, "width", 595.28f);
	t->height = attr_num(lc, n, "height", 841.89f);
	t->mt = attr_num(lc, n, "margin-top", 56.7f);
	t->mb = attr_num(lc, n, "margin-bottom", 56.7f);
	t->ml = attr_num(lc, n, "margin-left", 56.7f);
	t->mr = attr_num(lc, n, "margin-right", 56.7f);
	t->header_h = attr_num(lc, n, "header-height", 0);
	t->footer_h = attr_num(lc, n, "footer-height", 0);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_layout(c, "header"))
			t->header = c;
		else if (is_layout(c, "footer"))
			t->footer = c;
		else if (is_layout(c, "watermark"))
			t->watermark = c;
	}
}

static float body_width(const page_template *t) { return t->width - t->ml - t->mr; }

/* The first free y on the page once reserved areas over the body are avoided. */
static float template_body_top(const page_template *t, const reserve *reserves, int nreserves, int page_number)
{
	float top = t->mt + t->header_h, bottom = t->height - t->mb - t->footer_h;
	for (int i = 0; i < nreserves; i++) {
		const reserve *r = &reserves[i];
		if (r->page != page_number)
			continue;
		int across = r->x < t->width - t->mr && r->x + r->w > t->ml;
		if (across && r->y < bottom && r->y + r->h > top)
			top = r->y + r->h;
	}
	return top;
}

static float body_top(const pager *pg, int page_number)
{
	return template_body_top(pg->tpl, pg->reserves, pg->nreserves, page_number);
}

/* A large light diagonal text ("PROJET") under the content: drawn first,
 * in a solid light colour (PDF/A-1 forbids transparency), so the page
 * stays readable and the word is extractable. */
static void add_watermark(layout_ctx *lc, const page_template *t, const style *root, page *p)
{
	const char *text = prop_keep(lc, t->watermark, "text");
	if (!text || !*text)
		return;
	style st = *root;
	st.bold = 1;
	st.size = 96;
	st.color = (rgb){0.85f, 0.85f, 0.85f};
	style_apply(lc, t->watermark, &st);
	op *o = page_add_op(lc->mem, p, OP_WATERMARK);
	if (!o)
		return;
	float angle = atan2f(t->height, t->width);
	float tw = text_width(lc, &st, text, (int)strlen(text));
	float cap = font_get_metrics(lc->fonts, style_face(lc, &st)).cap_height * st.size / 1000.0f;
	float cx = t->width / 2, cy = t->height / 2;
	o->x = cx - tw / 2 * cosf(angle) + cap / 2 * sinf(angle);
	o->y = cy + tw / 2 * sinf(angle) + cap / 2 * cosf(angle);
	o->w = tw;
	o->size = st.size;
	o->face = style_face(lc, &st);
	o->color = st.color;
	o->text = text;
	o->len = (int)strlen(text);
	o->angle = angle * 180.0f / 3.14159265f;
}

static int new_page(pager *pg)
{
	const page_template *t = pg->tpl;
	pg->pg = doc_add_page(pg->lc->mem, pg->doc, t->width, t->height);
	if (!pg->pg)
		return -1;
	pg->pg->sequence = pg->sequence;
	if (t->watermark)
		add_watermark(pg->lc, t, pg->root, pg->pg);
	pg->top = pg->y = body_top(pg, pg->doc->npages);
	pg->bottom = t->height - t->mb - t->footer_h;
	pg->fresh = 1;
	return 0;
}

/* An item's ops on page p, its top-left corner at (x, y). */
static void copy_ops(layout_ctx *lc, page *p, const item *it, float x, float y)
{
	for (int k = 0; k < it->nops; k++) {
		op *o = page_add_op(lc->mem, p, it->ops[k].kind);
		if (!o)
			return;
		*o = it->ops[k];
		o->x += x;
		o->y += y;
	}
}

static void place_ops(pager *pg, const item *it) { copy_ops(pg->lc, pg->pg, it, pg->tpl->ml, pg->y); }

/* Height needed to honour keep-with-next from item i on. A keep-together
 * block met on the way counts whole: a heading is not left behind by the
 * block it keeps with. */
static float chain_height(const item_list *l, int i)
{
	float h = 0;
	for (int start = i; i < l->n; i++) {
		const item *it = &l->items[i];
		if (i > start && it->keep_group > 0) {
			h += it->keep_group;
			i += it->keep_items - 1;  /* its last item */
			if (!l->items[i].keep_with_next)
				return h;
			continue;
		}
		if (it->kind == IT_TABLE)
			return h + table_min_height(it->table);
		if (it->kind == IT_BREAK)
			return h;
		h += it->height;
		if (it->kind != IT_SPACE && it->kind != IT_MARK && !it->keep_with_next)
			return h;
	}
	return h;
}

/* The pending outline marks, at the page and height where the next thing
 * is drawn. */
static void place_marks(pager *pg)
{
	for (int k = 0; k < pg->nmarks; k++)
		doc_add_outline(pg->lc->mem, pg->doc, pg->marks[k]->level, pg->marks[k]->title, pg->doc->npages - 1, pg->y);
	pg->nmarks = 0;
}

static void defer_mark(pager *pg, const item *it)
{
	if (pg->nmarks == MARKS_PENDING)
		place_marks(pg);  /* sixteen marks in a row with nothing between: where they are */
	pg->marks[pg->nmarks++] = it;
}

static int place_line(pager *pg, const item_list *l, int i)
{
	const item *it = &l->items[i];
	float body = pg->bottom - pg->top;
	float need = it->keep_with_next ? chain_height(l, i) : it->height;
	if (need > body)
		need = it->height;
	if (!pg->fresh && pg->y + need > pg->bottom + 0.01f)
		return new_page(pg) < 0 ? -1 : 0;
	if (pg->fresh && it->height > pg->bottom - pg->y + 0.01f)
		diag_add(pg->lc->diags, D_LAYOUT_OVERFLOW, it->line, 0, (double)it->height, (double)body);
	place_marks(pg);
	place_ops(pg, it);
	pg->y += it->height;
	pg->fresh = 0;
	return 1;
}

/* keep-with-next on a table: a table that fits whole on a page starts on
 * the next one when what keeps with it would not fit under it on this one.
 * A table longer than a page is split as usual. */
static int table_moves_with_next(const pager *pg, const item_list *l, int i)
{
	const item *it = &l->items[i];
	if (!it->keep_with_next || pg->fresh || i + 1 >= l->n)
		return 0;  /* a table's rest always starts a fresh page */
	float need = it->height + chain_height(l, i + 1);
	return need <= pg->bottom - pg->top && pg->y + need > pg->bottom + 0.01f;
}

static int place_table(pager *pg, const item_list *l, int i)
{
	const item *it = &l->items[i];
	if (table_moves_with_next(pg, l, i))
		return new_page(pg) < 0 ? -1 : 0;
	if (!pg->fresh && pg->y + table_min_height(it->table) > pg->bottom + 0.01f)
		return new_page(pg) < 0 ? -1 : 0;
	int done = 0;
	place_marks(pg);
	float used = table_place(pg->lc, it->table, pg->pg, pg->tpl->ml, pg->y, pg->bottom - pg->y, pg->fresh, &done);
	if (used < 0)
		return new_page(pg) < 0 ? -1 : 0;
	pg->y += used;
	pg->fresh = 0;
	if (done)
		return 1;
	return new_page(pg) < 0 ? -1 : 0;
}

/* Places item i; returns 1 when it is finished, 0 to retry it on a new
 * page, -1 on failure. A keep-together block that does not fit in what is
 * left of the page starts on the next one (layout_block.c keep_together). */
static int place_item(pager *pg, const item_list *l, int i)
{
	const item *it = &l->items[i];
	if (it->keep_group > 0 && !pg->fresh && pg->y + it->keep_group > pg->bottom + 0.01f)
		return new_page(pg) < 0 ? -1 : 0;
	switch (it->kind) {
	case IT_SPACE:
		if (!pg->fresh)
			pg->y += it->height;
		return 1;
	case IT_BREAK:
		if (!pg->fresh && new_page(pg) < 0)
			return -1;
		return 1;
	case IT_MARK:
		defer_mark(pg, it);
		return 1;
	case IT_TABLE:
		return place_table(pg, l, i);
	case IT_LINE:
		return place_line(pg, l, i);
	}
	return 1;
}

static const page_template *find_template(const page_template *tpls, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (name && tpls[i].name && strcmp(tpls[i].name, name) == 0)
			return &tpls[i];
	return NULL;
}

static int paginate_sequence(pager *pg, xmlNodePtr seq, const style *root)
{
	layout_ctx *lc = pg->lc;
	lc->max_item_height = pg->tpl->height - pg->tpl->mt - pg->tpl->mb - pg->tpl->header_h - pg->tpl->footer_h;
	item_list items = {0};
	style st = *root;
	style_apply(lc, seq, &st);
	struct_scope sect = struct_open(lc, "Sect");
	layout_blocks(lc, seq, &st, (hspan){0, body_width(pg->tpl)}, &items);
	struct_close(lc, sect, &items, 0);
	if (layout_must_stop(lc) || new_page(pg) < 0)
		return -1;
	const char *bm = prop_keep(lc, seq, "bookmark");
	if (bm)
		doc_add_outline(lc->mem, pg->doc, 0, bm, pg->doc->npages - 1, pg->y);
	for (int i = 0; i < items.n;) {
		int r = place_item(pg, &items, i);
		if (r < 0 || layout_must_stop(lc))
			return -1;
		i += r;
	}
	place_marks(pg);  /* marks at the sequence's end: where it ends */
	return 0;
}

/* Right edge [pt, from the region's left] of what laid-out items draw. */
static float items_right(const item_list *items)
{
	float right = 0;
	for (int i = 0; i < items->n; i++) {
		const item *it = &items->items[i];
		if (it->kind == IT_TABLE) {
			float r = table_right(it->table);
			right = r > right ? r : right;
			continue;
		}
		for (int k = 0; k < it->nops; k++) {
			float r = it->ops[k].x + (it->ops[k].w > 0 ? it->ops[k].w : 0);
			right = r > right ? r : right;
		}
	}
	return right;
}

/* Where the first reserved area (the stamp on page 1) that comes into the
 * band between top and bottom starts, from the body's left; the body's
 * width when none does. */
static float reserve_left(const page_template *t, const reserve *rs, int nrs, int page_number, float top,
                          float bottom)
{
	float left = body_width(t);
	for (int i = 0; i < nrs; i++) {
		const reserve *r = &rs[i];
		if (r->page == page_number && r->y < bottom && r->y + r->h > top && r->x > t->ml && r->x - t->ml < left)
			left = r->x - t->ml;
	}
	return left;
}

/* Header or footer of one page, with its page number fields filled. It is
 * laid out at the body's width, and again 6 pt short of `limit` (where a
 * reserved area starts) only if what it draws would reach into that area:
 * a template that already keeps its header clear of the stamp with an
 * indent is not narrowed a second time. */
/* Draws a header or footer; returns the height it took [pt]. */
static float place_region(layout_ctx *lc, xmlNodePtr region, const style *root, const page_template *t, page *p,
                          float y, float limit)
{
	if (!region)
		return 0;
	float start = y;
	item_list items = {0};
	style st = *root;
	style_apply(lc, region, &st);
	layout_blocks(lc, region, &st, (hspan){0, body_width(t)}, &items);
	if (limit < body_width(t) && items_right(&items) > limit + 0.01f) {
		items = (item_list){0};
		layout_blocks(lc, region, &st, (hspan){0, limit - 6}, &items);
	}
	for (int i = 0; i < items.n; i++) {
		const item *it = &items.items[i];
		if (it->kind == IT_TABLE) {
			/* A header or footer table (logo beside a title): drawn whole. */
			int done;
			float used = table_place(lc, it->table, p, t->ml, y, it->height + 1, 1, &done);
			y += used > 0 ? used : 0;
			continue;
		}
		copy_ops(lc, p, it, t->ml, y);
		if (it->kind == IT_LINE || (it->kind == IT_SPACE && i > 0))
			y += it->height;
	}
	return y - start;
}

/* The body is placed before the headers (they show the page numbers),
 * below the band the template reserves for them: a header taller than its
 * band, here because a reserved area narrowed it, overlaps the body unless
 * the page's body starts lower anyway (below a reserved area). Said once
 * per document, at the header's line. (A footer taller than its band runs
 * into the bottom margin, not the body.) */
static void check_header(layout_ctx *lc, const page_template *t, float used, float body_top, int page_number,
                         int *told)
{
	if (*told || !t->header || t->mt + used <= body_top + 0.01f)
		return;
	diag_add(lc->diags, D_LAYOUT_REGION, (int)xmlGetLineNo(t->header), 0, (double)used, page_number,
	         (double)t->header_h);
	*told = 1;
}

static void number_pages(doc_pages *doc, const char **counters)
{
	for (int i = 0; i < doc->npages; i++) {
		int number = 0, count = 0;
		const char *c = counters[doc->pages[i].sequence];
		for (int j = 0; j < doc->npages; j++) {
			if (strcmp(counters[doc->pages[j].sequence], c) != 0)
				continue;
			count++;
			if (j <= i)
				number++;
		}
		doc->pages[i].number = number;
		doc->pages[i].counter_pages = count;
	}
}

static void read_meta(layout_ctx *lc, xmlNodePtr docnode, doc_meta *m)
{
	m->title = prop_keep(lc, docnode, "title");
	m->author = prop_keep(lc, docnode, "author");
	m->subject = prop_keep(lc, docnode, "subject");
	m->keywords = prop_keep(lc, docnode, "keywords");
	m->lang = prop_keep(lc, docnode, "lang");
}

int paginate_document(layout_ctx *lc, xmlNodePtr docnode, doc_pages *out)
{
	int ntpl = 0, nres = 0, nseq = 0;
	for (xmlNodePtr c = docnode->children; c; c = c->next) {
		ntpl += is_layout(c, "page-template");
		nres += is_layout(c, "reserve");
		nseq += is_layout(c, "sequence");
	}
	page_template *tpls = arena_alloc(lc->mem, sizeof *tpls * (size_t)(ntpl + 1));
	reserve *res = arena_alloc(lc->mem, sizeof *res * (size_t)(nres + 1));
	const char **counters = arena_alloc(lc->mem, sizeof *counters * (size_t)(nseq + 1));
	xmlNodePtr *seqs = arena_alloc(lc->mem, sizeof *seqs * (size_t)(nseq + 1));
	if (!tpls || !res || !counters || !seqs)
		return -1;
	int it = 0, ir = 0, is = 0;
	for (xmlNodePtr c = docnode->children; c; c = c->next) {
		if (is_layout(c, "page-template"))
			read_template(lc, c, &tpls[it++]);
		else if (is_layout(c, "reserve"))
			res[ir++] = (reserve){(int)attr_num(lc, c, "page", 1), attr_num(lc, c, "x", 0), attr_num(lc, c, "y", 0),
			                      attr_num(lc, c, "width", 0), attr_num(lc, c, "height", 0)};
		else if (is_layout(c, "sequence"))
			seqs[is++] = c;
	}
	read_meta(lc, docnode, &out->meta);
	lc->tree = out;
	lc->struct_parent = doc_add_elem(lc->mem, out, "Document", -1);
	style root = style_root(docnode, lc);
	pager pg = {.lc = lc, .doc = out, .reserves = res, .nreserves = nres, .root = &root};
	for (int s = 0; s < nseq; s++) {
		const char *tname = prop_get(lc, seqs[s], "template");
		pg.tpl = find_template(tpls, ntpl, tname);
		if (!pg.tpl) {
			diag_add(lc->diags, D_LAYOUT_UNKNOWN_TEMPLATE, xmlGetLineNo(seqs[s]), 0, tname ? tname : "");
			return -1;
		}
		const char *counter = prop_get(lc, seqs[s], "counter");
		if (!counter) {
			char buf[32];
			snprintf(buf, sizeof buf, "#%d", s);
			counter = arena_strdup(lc->mem, buf);
		}
		counters[s] = counter;
		pg.sequence = s;
		if (paginate_sequence(&pg, seqs[s], &root) < 0)
			return -1;
	}
	number_pages(out, counters);
	lc->tree = NULL;  /* headers and footers: artefacts */
	int told = 0;
	for (int i = 0; i < out->npages; i++) {
		page *p = &out->pages[i];
		const page_template *t = find_template(tpls, ntpl, prop_get(lc, seqs[p->sequence], "template"));
		lc->fields = (page_fields){p->number, p->counter_pages};
		float used = place_region(lc, t->header, &root, t, p, t->mt,
		                          reserve_left(t, res, nres, i + 1, t->mt, t->mt + t->header_h));
		check_header(lc, t, used, template_body_top(t, res, nres, i + 1), i + 1, &told);
		float fy = t->height - t->mb - t->footer_h;
		place_region(lc, t->footer, &root, t, p, fy, reserve_left(t, res, nres, i + 1, fy, fy + t->footer_h));
	}
	lc->fields = (page_fields){0, 0};
	return lc->mem->failed ? -1 : 0;
}
