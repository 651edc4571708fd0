/* SPDX-License-Identifier: Apache-2.0 */
/* Tables: column widths (fixed, percentage, automatic from content), the
 * grid with colspan and rowspan, cells laid out as small flows, and the
 * splitting that pagination needs.
 *
 * Rows are gathered into groups: a group is the smallest run of rows that no
 * rowspan crosses. A group is drawn whole when it fits; otherwise it is cut
 * between lines of its cells at the lowest position that splits no line,
 * and the rest becomes a new group for the next page. This one mechanism
 * splits ordinary rows, rowspans, and a single cell several pages long. */
#include "layout.h"
#include "layout_block.h"
#include "layout_inline.h"
#include "layout_table.h"
#include "layout_struct.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct cell_line {
	float y;            /* [pt] top, from the top of the group */
	const item *line;
} cell_line;

typedef struct cell_part {
	float x, w;         /* [pt] from the table's left edge */
	float top, bottom;  /* [pt] from the top of the group */
	int has_bg;
	rgb bg;
	cell_line *lines;
	int nlines;
} cell_part;

typedef struct row_group {
	float height;       /* [pt] */
	cell_part *parts;
	int nparts;
	int kept;           /* holds a row kept with the next: moved whole when a page can hold it */
} row_group;

struct table_layout {
	float x, width;     /* [pt] */
	float border;       /* [pt] cell border width */
	float pad;          /* [pt] cell padding */
	rgb border_color;
	row_group *head;    /* repeated on every page, or NULL */
	row_group *groups;
	int ngroups;
	int next;           /* next group to place */
	row_group *rest;    /* remainder of a split group */
	int line;           /* of the table element, for diagnostics */
	const int *align;   /* [ncols] a col's align, -1 when it sets none */
	const float *tail;  /* [ncols] [pt] decimal tail of the column's decimal cells */
	int head_placed;    /* the header rows are on a page: repeated, they are artefacts */
	int tagged;         /* a Table element (it has header rows): rows and cells are elements too */
};

typedef struct grid_cell {
	xmlNodePtr node;
	int row, col, rowspan, colspan;
	int has_bg;
	rgb bg;
	item_list content;
	float content_h;    /* [pt] */
} grid_cell;

typedef struct grid {
	grid_cell *cells;
	int n, cap;
	int nrows;
	char *keep_next;    /* [nrows] the row keeps with the next (a group heading) */
	int head;           /* the thead's: its cells keep their own align, not their column's */
} grid;

/* The bounds of layout.xsd: columns of a table (and so a colspan), rows a
 * rowspan covers. The grid takes rows × columns bytes: with these bounds a
 * table's memory stays proportional to its cells. */
#define LAYOUT_MAX_COLUMNS 100
#define LAYOUT_MAX_ROWSPAN 1000

/* A span attribute, at least 1 and at most max + 1: whatever the number
 * written, nothing computed from it can overflow. */
static int attr_span(layout_ctx *lc, xmlNodePtr n, const char *name, int max)
{
	const char *v = prop_get(lc, n, name);
	if (!v)
		return 1;
	char *end;
	long i = strtol(v, &end, 10);
	if (end == v || i < 1)
		return 1;
	return i > max ? max + 1 : (int)i;
}

/* A cell the grid cannot hold as written: said, never silently dropped. */
static void report_cell(layout_ctx *lc, xmlNodePtr td, const char *what)
{
	diag_add(lc->diags, D_LAYOUT_TABLE_CELL, (int)xmlGetLineNo(td), 0, what);
}

static int read_color(layout_ctx *lc, xmlNodePtr n, const char *name, rgb *out)
{
	return parse_color(prop_get(lc, n, name), out);
}

/* Places the cells of one section (thead or tbody) on the grid. */
static void build_grid(layout_ctx *lc, xmlNodePtr section, int ncols, grid *g)
{
	int rows = 0;
	for (xmlNodePtr tr = section->children; tr; tr = tr->next)
		if (is_layout(tr, "tr"))
			rows++;
	g->nrows = rows;
	if (!rows)
		return;
	char *used = arena_alloc(lc->mem, (size_t)rows * (size_t)ncols);
	g->keep_next = arena_alloc(lc->mem, (size_t)rows);
	if (!used || !g->keep_next)
		return;
	int r = 0;
	for (xmlNodePtr tr = section->children; tr; tr = tr->next) {
		if (!is_layout(tr, "tr"))
			continue;
		rgb row_bg;
		int row_has_bg = read_color(lc, tr, "background", &row_bg);
		const char *keep = prop_get(lc, tr, "keep-with-next");
		g->keep_next[r] = keep && (strcmp(keep, "true") == 0 || strcmp(keep, "1") == 0);
		int c = 0;
		for (xmlNodePtr td = tr->children; td; td = td->next) {
			if (!is_layout(td, "td"))
				continue;
			while (c < ncols && used[(size_t)r * (size_t)ncols + (size_t)c])
				c++;
			if (c >= ncols) {
				report_cell(lc, td, "la ligne a plus de cellules que le tableau n'a de colonnes ; elles sont omises");
				break;
			}
			grid_cell *gc = arena_grow(lc->mem, g->cells, sizeof *gc, &g->cap, g->n + 1);
			if (!gc)
				return;
			g->cells = gc;
			gc = &g->cells[g->n++];
			memset(gc, 0, sizeof *gc);
			gc->node = td;
			gc->row = r;
			gc->col = c;
			gc->colspan = attr_span(lc, td, "colspan", LAYOUT_MAX_COLUMNS);
			gc->rowspan = attr_span(lc, td, "rowspan", LAYOUT_MAX_ROWSPAN);
			if (gc->col + gc->colspan > ncols) {
				report_cell(lc, td, "colspan dépasse la dernière colonne ; la cellule s'y arrête");
				gc->colspan = ncols - gc->col;
			}
			if (gc->row + gc->rowspan > rows) {
				report_cell(lc, td, "rowspan dépasse la dernière ligne de sa section ; la cellule s'y arrête");
				gc->rowspan = rows - gc->row;
			}
			gc->has_bg = read_color(lc, td, "background", &gc->bg);
			if (!gc->has_bg && row_has_bg) {
				gc->has_bg = 1;
				gc->bg = row_bg;
			}
			for (int dr = 0; dr < gc->rowspan; dr++)
				memset(used + (size_t)(r + dr) * (size_t)ncols + (size_t)c, 1, (size_t)gc->colspan);
			c += gc->colspan;
		}
		r++;
	}
}

/* The columns of a table: its col elements, or its widest row. Counts stop
 * past the bound, so that no sum of spans can overflow. */
static int count_columns(layout_ctx *lc, xmlNodePtr table)
{
	int ncols = 0, widest = 0;
	for (xmlNodePtr c = table->children; c; c = c->next) {
		if (is_layout(c, "col"))
			ncols++;
		if (!is_layout(c, "thead") && !is_layout(c, "tbody"))
			continue;
		for (xmlNodePtr tr = c->children; tr; tr = tr->next) {
			int w = 0;
			for (xmlNodePtr td = tr->children; td && w <= LAYOUT_MAX_COLUMNS; td = td->next)
				if (is_layout(td, "td"))
					w += attr_span(lc, td, "colspan", LAYOUT_MAX_COLUMNS);
			if (w > widest)
				widest = w;
		}
	}
	return ncols > widest ? ncols : widest;
}

static void cell_measure(layout_ctx *lc, xmlNodePtr td, const style *st, float *min_w, float *max_w)
{
	*min_w = *max_w = 0;
	if (!has_block_children(td)) {
		measure_inline(lc, td, st, min_w, max_w);
		return;
	}
	for (xmlNodePtr c = td->children; c; c = c->next) {
		float mn = 0, mx = 0, extra = 0;
		style cs = *st;
		style_apply(lc, c, &cs);
		if (is_layout(c, "p") || is_layout(c, "h")) {
			measure_inline(lc, c, &cs, &mn, &mx);
		} else if (is_layout(c, "list")) {
			extra = cs.size * 1.5f;
			for (xmlNodePtr it = c->children; it; it = it->next) {
				float a, b;
				if (!is_layout(it, "item"))
					continue;
				measure_inline(lc, it, &cs, &a, &b);
				if (a > mn)
					mn = a;
				if (b > mx)
					mx = b;
			}
		}
		if (mn + extra > *min_w)
			*min_w = mn + extra;
		if (mx + extra > *max_w)
			*max_w = mx + extra;
	}
}

static float cell_tail(layout_ctx *lc, const grid_cell *gc, const style *cs);
static style cell_style(layout_ctx *lc, const table_layout *t, const grid *g, const grid_cell *gc, const style *st);

/* An automatic column aligned on the decimal comma needs the widest part
 * before a comma plus the widest tail from it (decimal_tail_width), which
 * may be more than its widest cell: "1 234,5 €" above "12,345 €". Raises
 * minw and maxw of the column of cell gc (mx: its widest line) so. */
static void decimal_width(layout_ctx *lc, const table_layout *t, const grid *g, const grid_cell *gc,
                          const style *st, float mx, float inset, float *minw, float *maxw, float *head)
{
	if (!t->tail || g->head || t->tail[gc->col] <= 0)
		return;
	style cs = cell_style(lc, t, g, gc, st);
	if (cs.align != ALIGN_DECIMAL)
		return;
	float own = cell_tail(lc, gc, &cs);
	if (mx - own > head[gc->col])
		head[gc->col] = mx - own;
	float need = head[gc->col] + t->tail[gc->col] + inset;
	if (need > minw[gc->col])
		minw[gc->col] = need;
	if (need > maxw[gc->col])
		maxw[gc->col] = need;
}

/* Column widths: fixed and percentage columns first, then the automatic ones
 * share what is left according to their content, as browsers do. */
static void column_widths(layout_ctx *lc, const table_layout *t, xmlNodePtr table, const style *st, grid *sections,
                          int nsections, int ncols, float width, float inset, float *out)
{
	float *minw = arena_alloc(lc->mem, sizeof(float) * (size_t)ncols * 3);
	int *is_auto = arena_alloc(lc->mem, sizeof(int) * (size_t)ncols);
	if (!minw || !is_auto)
		return;
	float *maxw = minw + ncols, *head = maxw + ncols;
	int i = 0;
	float fixed = 0;
	for (xmlNodePtr c = table->children; c && i < ncols; c = c->next) {
		if (!is_layout(c, "col"))
			continue;
		const char *w = prop_get(lc, c, "width");
		if (!w || strcmp(w, "auto") == 0)
			is_auto[i] = 1;
		else
			fixed += out[i] = parse_length(w, width, 0);
		i++;
	}
	for (; i < ncols; i++)
		is_auto[i] = 1;
	if (fixed > width) {
		for (i = 0; i < ncols; i++)
			out[i] *= width / fixed;
		fixed = width;
	}
	int nauto = 0;
	for (i = 0; i < ncols; i++)
		nauto += is_auto[i];
	if (!nauto)
		return;
	for (int s = 0; s < nsections; s++)
		for (int k = 0; k < sections[s].n; k++) {
			grid_cell *gc = &sections[s].cells[k];
			if (gc->colspan != 1 || !is_auto[gc->col])
				continue;
			style cs = *st;
			style_apply(lc, gc->node, &cs);
			float mn, mx;
			cell_measure(lc, gc->node, &cs, &mn, &mx);
			if (mn + inset > minw[gc->col])
				minw[gc->col] = mn + inset;
			if (mx + inset > maxw[gc->col])
				maxw[gc->col] = mx + inset;
			decimal_width(lc, t, &sections[s], gc, st, mx, inset, minw, maxw, head);
		}
	float left = width - fixed, summin = 0, summax = 0;
	for (i = 0; i < ncols; i++)
		if (is_auto[i]) {
			summin += minw[i];
			summax += maxw[i];
		}
	for (i = 0; i < ncols; i++) {
		if (!is_auto[i])
			continue;
		if (summax <= left)
			out[i] = maxw[i] + (left - summax) / (float)nauto;
		else if (summin <= left && summax > summin)
			out[i] = minw[i] + (left - summin) * (maxw[i] - minw[i]) / (summax - summin);
		else
			out[i] = summin > 0 ? left * minw[i] / summin : left / (float)nauto;
	}
}

/* A cell's style: its column's align (a col's align attribute: amounts in
 * the body, not the header's titles) unless it sets its own, and the
 * column's decimal tail. */
static style cell_style(layout_ctx *lc, const table_layout *t, const grid *g, const grid_cell *gc, const style *st)
{
	style cs = *st;
	if (!g->head && gc->colspan == 1 && t->align && t->align[gc->col] >= 0)
		cs.align = t->align[gc->col];
	style_apply(lc, gc->node, &cs);
	cs.decimal_tail = t->tail ? t->tail[gc->col] : 0;
	return cs;
}

/* Whether the text under node may hold a digit (a page number or count
 * may): a cell without one holds no number, and is not measured for one. */
static int may_hold_digit(xmlNodePtr node)
{
	for (xmlNodePtr n = node->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			for (const xmlChar *c = n->content; c && *c; c++)
				if (*c >= '0' && *c <= '9')
					return 1;
		} else if (n->type == XML_ELEMENT_NODE &&
		           (is_layout(n, "page-number") || is_layout(n, "page-count") || may_hold_digit(n))) {
			return 1;
		}
	}
	return 0;
}

/* A number (never cut) wider than its cell: the cell's text is made
 * smaller until it fits, and said, rather than run into the next column. */
static void fit_numbers(layout_ctx *lc, const table_layout *t, const grid_cell *gc, style *cs, float inner)
{
	if (has_block_children(gc->node) || inner <= 0 || !may_hold_digit(gc->node))
		return;
	char shown[4 * 48 + 1];
	float widest = widest_number(lc, gc->node, cs, shown, sizeof shown);
	if (widest <= inner + 0.001f)
		return;
	float size = floorf(cs->size * inner / widest * 100) / 100;
	diag_add(lc->diags, D_LAYOUT_NUMBER_SHRUNK, (int)xmlGetLineNo(gc->node), 0, t->line, gc->col + 1, shown,
	         (double)widest, (double)inner, (double)cs->size, (double)size);
	cs->size = size;
	cs->face = -1;
}

/* A cell's structure element: TH (a header row's, scope column) or TD,
 * with its spans; its row's TR opened when the row starts (cells come in
 * row order). */
static struct_scope open_cell(layout_ctx *lc, int tagged, const grid *g, const grid_cell *gc, struct_scope *row,
                              int *row_at)
{
	if (!tagged)
		return struct_open(lc, NULL);
	if (gc->row != *row_at) {
		struct_close(lc, *row, NULL, 0);
		*row = struct_open(lc, "TR");
		*row_at = gc->row;
	}
	struct_scope cell = struct_open(lc, g->head ? "TH" : "TD");
	struct_elem *e = struct_elem_of(lc, cell);
	if (e) {
		e->rowspan = gc->rowspan;
		e->colspan = gc->colspan;
		e->scope = g->head ? 1 : 0;
	}
	return cell;
}

static void layout_cells(layout_ctx *lc, table_layout *t, grid *g, const style *st, const float *colx)
{
	float inset = t->border + t->pad;
	struct_scope row = struct_open(lc, NULL);
	int row_at = -1;
	for (int k = 0; k < g->n; k++) {
		grid_cell *gc = &g->cells[k];
		style cs = cell_style(lc, t, g, gc, st);
		float x = colx[gc->col], w = colx[gc->col + gc->colspan] - x;
		fit_numbers(lc, t, gc, &cs, w - 2 * inset);
		struct_scope cell = open_cell(lc, t->tagged, g, gc, &row, &row_at);
		layout_flow_or_inline(lc, gc->node, &cs, (hspan){t->x + x + inset, w - 2 * inset}, &gc->content);
		struct_close(lc, cell, &gc->content, 0);
		float h = 0;
		for (int i = 0; i < gc->content.n; i++) {
			const item *it = &gc->content.items[i];
			if (it->kind == IT_LINE || (it->kind == IT_SPACE && i > 0 && i < gc->content.n - 1))
				h += it->height;
		}
		gc->content_h = h;
	}
	struct_close(lc, row, NULL, 0);
}

/* The text of a cell (its inline content), for its decimal tail. */
static float cell_tail(layout_ctx *lc, const grid_cell *gc, const style *cs)
{
	xmlChar *text = xmlNodeGetContent(gc->node);
	if (!text)
		return 0;
	float tail = decimal_tail_width(lc, cs, (const char *)text, (int)strlen((const char *)text));
	xmlFree(text);
	return tail;
}

/* The columns' align (col elements) and, for the columns with decimal
 * cells, the widest decimal tail among them: their commas line up. */
static void column_aligns(layout_ctx *lc, table_layout *t, xmlNodePtr table, const style *st, grid *sections,
                          int nsections, int ncols)
{
	int *align = arena_alloc(lc->mem, sizeof *align * (size_t)ncols);
	float *tail = arena_alloc(lc->mem, sizeof *tail * (size_t)ncols);
	if (!align || !tail)
		return;
	int i = 0;
	for (xmlNodePtr c = table->children; c && i < ncols; c = c->next) {
		if (!is_layout(c, "col"))
			continue;
		style probe = {.align = -1};
		const char *v = prop_get(lc, c, "align");
		if (v)
			style_apply(lc, c, &probe);
		align[i++] = v ? probe.align : -1;
	}
	for (; i < ncols; i++)
		align[i] = -1;
	t->align = align;
	for (int s = 0; s < nsections; s++)
		for (int k = 0; k < sections[s].n; k++) {
			const grid_cell *gc = &sections[s].cells[k];
			if (sections[s].head || align[gc->col] != ALIGN_DECIMAL)
				continue;  /* most tables: no cell styled twice */
			style cs = cell_style(lc, t, &sections[s], gc, st);
			if (gc->colspan == 1 && cs.align == ALIGN_DECIMAL) {
				float w = cell_tail(lc, gc, &cs);
				tail[gc->col] = w > tail[gc->col] ? w : tail[gc->col];
			}
		}
	t->tail = tail;
}

static float *row_heights(layout_ctx *lc, const table_layout *t, const grid *g)
{
	float *rh = arena_alloc(lc->mem, sizeof(float) * (size_t)(g->nrows + 1));
	if (!rh)
		return NULL;
	float inset = 2 * (t->border + t->pad);
	for (int k = 0; k < g->n; k++)
		if (g->cells[k].rowspan == 1 && g->cells[k].content_h + inset > rh[g->cells[k].row])
			rh[g->cells[k].row] = g->cells[k].content_h + inset;
	/* Spanning cells stretch the last row they cover when they need more. */
	for (int k = 0; k < g->n; k++) {
		const grid_cell *gc = &g->cells[k];
		if (gc->rowspan == 1)
			continue;
		float have = 0;
		for (int r = gc->row; r < gc->row + gc->rowspan; r++)
			have += rh[r];
		if (gc->content_h + inset > have)
			rh[gc->row + gc->rowspan - 1] += gc->content_h + inset - have;
	}
	return rh;
}

static void fill_part(layout_ctx *lc, const table_layout *t, const grid_cell *gc, const float *colx, float top,
                      float bottom, cell_part *p)
{
	p->x = colx[gc->col];
	p->w = colx[gc->col + gc->colspan] - p->x;
	p->top = top;
	p->bottom = bottom;
	p->has_bg = gc->has_bg;
	p->bg = gc->bg;
	p->lines = arena_alloc(lc->mem, sizeof *p->lines * (size_t)(gc->content.n + 1));
	if (!p->lines)
		return;
	float y = top + t->border + t->pad;
	for (int i = 0; i < gc->content.n; i++) {
		const item *it = &gc->content.items[i];
		if (it->kind == IT_SPACE) {
			if (p->nlines)
				y += it->height;
			continue;
		}
		if (it->kind != IT_LINE)
			continue;  /* tables inside cells are not supported by the layout vocabulary */
		p->lines[p->nlines++] = (cell_line){y, it};
		y += it->height;
	}
}

/* Cuts a grid section into groups of rows that no rowspan crosses. */
static void make_groups(layout_ctx *lc, table_layout *t, const grid *g, const float *rh, const float *colx,
                        row_group **out, int *nout)
{
	float *rowy = arena_alloc(lc->mem, sizeof(float) * (size_t)(g->nrows + 1));
	row_group *groups = arena_alloc(lc->mem, sizeof *groups * (size_t)(g->nrows + 1));
	if (!rowy || !groups)
		return;
	for (int r = 0; r < g->nrows; r++)
		rowy[r + 1] = rowy[r] + rh[r];
	/* Cells come in row order (build_grid): one pass with a cursor keeps
	 * this linear in the number of cells. */
	int ng = 0, first = 0;
	for (int start = 0; start < g->nrows;) {
		int end = start + 1, last = first, kept = 0;
		for (;;) {
			for (; last < g->n && g->cells[last].row < end; last++)
				if (g->cells[last].row + g->cells[last].rowspan > end)
					end = g->cells[last].row + g->cells[last].rowspan;
			/* A row kept with the next (a group heading) is placed with it:
			 * never alone at the foot of a page. */
			if (end < g->nrows && g->keep_next && g->keep_next[end - 1]) {
				end++;
				kept = 1;
				continue;
			}
			break;
		}
		row_group *rg = &groups[ng++];
		rg->kept = kept;
		rg->height = rowy[end] - rowy[start];
		int count = last - first;
		rg->parts = arena_alloc(lc->mem, sizeof *rg->parts * (size_t)(count ? count : 1));
		for (int k = first; k < last && rg->parts; k++) {
			const grid_cell *gc = &g->cells[k];
			fill_part(lc, t, gc, colx, rowy[gc->row] - rowy[start], rowy[gc->row + gc->rowspan] - rowy[start],
			          &rg->parts[rg->nparts++]);
		}
		first = last;
		start = end;
	}
	*out = groups;
	*nout = ng;
}

static void build_section(layout_ctx *lc, table_layout *t, grid *g, const style *st, const float *colx,
                          row_group **out, int *nout)
{
	layout_cells(lc, t, g, st, colx);
	float *rh = row_heights(lc, t, g);
	if (rh)
		make_groups(lc, t, g, rh, colx, out, nout);
}

/* A header row taller than a third of the page (long header texts in
 * narrow columns) is not repeated: on every continuation page it would
 * leave little or no room for the body, which would then advance a line
 * per page. It becomes the first group of the body, drawn once. */
static void demote_tall_header(layout_ctx *lc, table_layout *t)
{
	if (!t->head || lc->max_item_height <= 0 || t->head->height <= lc->max_item_height / 3)
		return;
	row_group *groups = arena_alloc(lc->mem, sizeof *groups * (size_t)(t->ngroups + 1));
	if (!groups)
		return;
	groups[0] = *t->head;
	if (t->ngroups)
		memcpy(groups + 1, t->groups, sizeof *groups * (size_t)t->ngroups);
	diag_add(lc->diags, D_LAYOUT_TALL_HEADER, t->line, 0, (double)t->head->height, (double)lc->max_item_height);
	t->groups = groups;
	t->ngroups++;
	t->head = NULL;
}

void layout_table(layout_ctx *lc, xmlNodePtr node, const style *parent, hspan col, item_list *out)
{
	float x = col.x, width = col.width;
	style st = *parent;
	style_apply(lc, node, &st);
	table_layout *t = arena_alloc(lc->mem, sizeof *t);
	if (!t)
		return;
	float tw = parse_length(prop_get(lc, node, "width"), width, width);
	t->x = x;
	t->line = (int)xmlGetLineNo(node);
	t->tagged = lc->tree && lc->struct_parent > 0 && strcmp(lc->tree->elems[lc->struct_parent].role, "Table") == 0;
	t->width = tw > width ? width : tw;
	t->border = parse_length(prop_get(lc, node, "border"), 0, 0.4f);
	t->pad = parse_length(prop_get(lc, node, "cell-padding"), 0, 2);
	read_color(lc, node, "border-color", &t->border_color);
	int ncols = count_columns(lc, node);
	if (!ncols)
		return;
	if (ncols > LAYOUT_MAX_COLUMNS) {
		diag_add(lc->diags, D_LAYOUT_TABLE_SIZE, (int)xmlGetLineNo(node), 0, (long)ncols, LAYOUT_MAX_COLUMNS);
		return;
	}
	grid sections[2];
	memset(sections, 0, sizeof sections);
	sections[0].head = 1;
	xmlNodePtr thead = NULL, tbody = NULL;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (is_layout(c, "thead") && !thead)
			build_grid(lc, thead = c, ncols, &sections[0]);
		else if (is_layout(c, "tbody") && !tbody)
			build_grid(lc, tbody = c, ncols, &sections[1]);
	}
	float *widths = arena_alloc(lc->mem, sizeof(float) * (size_t)ncols);
	float *colx = arena_alloc(lc->mem, sizeof(float) * (size_t)(ncols + 1));
	if (!widths || !colx)
		return;
	/* The decimal tails first: an automatic column's width takes them in. */
	column_aligns(lc, t, node, &st, sections, 2, ncols);
	column_widths(lc, t, node, &st, sections, 2, ncols, t->width, 2 * (t->border + t->pad), widths);
	for (int i = 0; i < ncols; i++)
		colx[i + 1] = colx[i] + widths[i];
	int nhead = 0;
	if (sections[0].nrows) {
		row_group *heads = NULL;
		build_section(lc, t, &sections[0], &st, colx, &heads, &nhead);
		/* All header rows form one group: they repeat together. */
		if (nhead) {
			t->head = heads;
			for (int i = 1; i < nhead; i++) {
				/* Rare: several header groups; merge them by stacking. */
				row_group *h = t->head;
				cell_part *parts = arena_alloc(lc->mem, sizeof *parts * (size_t)(h->nparts + heads[i].nparts));
				if (!parts)
					break;
				memcpy(parts, h->parts, sizeof *parts * (size_t)h->nparts);
				for (int k = 0; k < heads[i].nparts; k++) {
					cell_part p = heads[i].parts[k];
					p.top += h->height;
					p.bottom += h->height;
					for (int l = 0; l < p.nlines; l++)
						p.lines[l].y += h->height;
					parts[h->nparts + k] = p;
				}
				h->parts = parts;
				h->nparts += heads[i].nparts;
				h->height += heads[i].height;
			}
		}
	}
	build_section(lc, t, &sections[1], &st, colx, &t->groups, &t->ngroups);
	demote_tall_header(lc, t);
	item *it = items_add(lc, out, IT_TABLE);
	if (!it)
		return;
	it->table = t;
	float h = t->head ? t->head->height : 0;
	for (int i = 0; i < t->ngroups; i++)
		h += t->groups[i].height;
	it->height = h;
}

float table_right(const table_layout *t) { return t->x + t->width; }

float table_min_height(const table_layout *t)
{
	float h = t->head ? t->head->height : 0;
	if (t->ngroups) {
		const row_group *g = &t->groups[0];
		float first = g->height;
		for (int i = 0; i < g->nparts; i++)
			if (g->parts[i].nlines) {
				float b = g->parts[i].lines[0].y + g->parts[i].lines[0].line->height + t->pad + t->border;
				if (b < first)
					first = b;
			}
		h += first;
	}
	return h;
}

static void draw_group(layout_ctx *lc, const table_layout *t, const row_group *g, page *p, float x, float y,
                       float limit)
{
	float bx = x + t->x;  /* [pt] the table's left edge on the page */
	for (int i = 0; i < g->nparts; i++) {
		const cell_part *c = &g->parts[i];
		if (!c->has_bg || c->top >= limit)
			continue;
		op *o = page_add_op(lc->mem, p, OP_FILL);
		if (!o)
			return;
		float bottom = c->bottom < limit ? c->bottom : limit;
		*o = (op){.kind = OP_FILL, .x = bx + c->x, .y = y + c->top, .w = c->w, .h = bottom - c->top, .color = c->bg};
	}
	for (int i = 0; i < g->nparts; i++) {
		const cell_part *c = &g->parts[i];
		for (int l = 0; l < c->nlines; l++) {
			const cell_line *cl = &c->lines[l];
			if (cl->y + cl->line->height > limit + 0.01f)
				break;
			for (int k = 0; k < cl->line->nops; k++) {
				op *o = page_add_op(lc->mem, p, OP_TEXT);
				if (!o)
					return;
				*o = cl->line->ops[k];
				o->x += x;  /* cell lines already hold the table's offset */
				o->y += y + cl->y;
			}
		}
	}
	if (t->border <= 0)
		return;
	for (int i = 0; i < g->nparts; i++) {
		const cell_part *c = &g->parts[i];
		if (c->top >= limit)
			continue;
		float bottom = c->bottom < limit ? c->bottom : limit;
		op *o = page_add_op(lc->mem, p, OP_STROKE);
		if (!o)
			return;
		*o = (op){.kind = OP_STROKE, .x = bx + c->x, .y = y + c->top, .w = c->w, .h = bottom - c->top,
		          .size = t->border, .color = t->border_color};
	}
}

/* Lines of part c that lie wholly above `cut`. */
static int count_above(const cell_part *c, float cut)
{
	int n = 0;
	while (n < c->nlines && c->lines[n].y + c->lines[n].line->height <= cut + 0.01f)
		n++;
	return n;
}

/* The lowest cut at or above `room` that splits no line of any cell and
 * leaves no cell with a single line on either side of the break (orphans
 * and widows of two lines, as for paragraphs). */
static float find_cut(const row_group *g, float room)
{
	float cut = room;
	for (int changed = 1; changed;) {
		changed = 0;
		for (int i = 0; i < g->nparts; i++) {
			const cell_part *c = &g->parts[i];
			if (c->top >= cut || c->bottom <= cut || !c->nlines)
				continue;
			int above = count_above(c, cut);
			float to = cut;
			if (above < c->nlines && c->lines[above].y < cut)
				to = c->lines[above].y;  /* a line across the cut */
			if (above == 1 && c->nlines >= 2)
				to = c->lines[0].y;  /* orphan: move the cell's first line too */
			else if (above > 1 && above == c->nlines - 1 && c->nlines >= 3)
				to = c->lines[above - 1].y;  /* widow: take one more line along */
			if (to < cut - 0.01f) {
				cut = to;
				changed = 1;
			}
		}
	}
	return cut;
}

static int lines_above(const row_group *g, float cut)
{
	for (int i = 0; i < g->nparts; i++)
		for (int l = 0; l < g->parts[i].nlines; l++)
			if (g->parts[i].lines[l].y + g->parts[i].lines[l].line->height <= cut + 0.01f)
				return 1;
	return 0;
}

/* When even one line does not fit on an empty page: cut below the first
 * line of every cell, so that the table always advances. */
static float forced_cut(const row_group *g)
{
	float cut = 0;
	for (int i = 0; i < g->nparts; i++)
		if (g->parts[i].nlines) {
			float b = g->parts[i].lines[0].y + g->parts[i].lines[0].line->height;
			if (b > cut)
				cut = b;
		}
	return cut > 0 ? cut : g->height;
}

/* The part of g below `cut`, as a group of its own starting at the top. */
static row_group *group_rest(layout_ctx *lc, const table_layout *t, const row_group *g, float cut)
{
	row_group *r = arena_alloc(lc->mem, sizeof *r);
	cell_part *parts = arena_alloc(lc->mem, sizeof *parts * (size_t)(g->nparts ? g->nparts : 1));
	if (!r || !parts)
		return NULL;
	float shift = cut - t->pad - t->border;
	r->parts = parts;
	r->height = g->height - shift;
	for (int i = 0; i < g->nparts; i++) {
		const cell_part *c = &g->parts[i];
		if (c->bottom <= cut + 0.01f)
			continue;
		cell_part *p = &parts[r->nparts++];
		*p = *c;
		p->top = c->top >= cut ? c->top - shift : 0;
		p->bottom = c->bottom - shift;
		p->lines = arena_alloc(lc->mem, sizeof *p->lines * (size_t)(c->nlines ? c->nlines : 1));
		p->nlines = 0;
		for (int l = 0; l < c->nlines && p->lines; l++)
			if (c->lines[l].y + c->lines[l].line->height > cut + 0.01f)
				p->lines[p->nlines++] = (cell_line){c->lines[l].y - shift, c->lines[l].line};
	}
	return r;
}

float table_place(layout_ctx *lc, table_layout *t, page *p, float x, float y, float avail, int page_is_fresh,
                  int *done)
{
	*done = 0;
	float used = 0;
	int mark = p->nops;
	if (t->head) {
		if (t->head->height > avail && !page_is_fresh)
			return -1;
		int from = p->nops;
		draw_group(lc, t, t->head, p, x, y, t->head->height);
		for (int k = from; t->head_placed && k < p->nops; k++)
			p->ops[k].tag = -1;
		used = t->head->height;
	}
	int placed = 0;
	while (t->next < t->ngroups) {
		row_group *g = t->rest ? t->rest : &t->groups[t->next];
		float room = avail - used;
		if (g->height <= room + 0.01f) {
			draw_group(lc, t, g, p, x, y + used, g->height);
			used += g->height;
			t->rest = NULL;
			t->next++;
			placed = 1;
			continue;
		}
		float fresh_room = lc->max_item_height - (t->head ? t->head->height : 0);
		if (g->kept && !t->rest && !page_is_fresh && g->height <= fresh_room)
			break;  /* a group heading and its next row: together on the next page */
		float cut = find_cut(g, room);
		if (cut <= 0 || !lines_above(g, cut)) {
			if (placed || !page_is_fresh)
				break;
			cut = forced_cut(g);
			diag_add(lc->diags, D_LAYOUT_OVERFLOW, t->line, 0, (double)cut, (double)room);
		}
		draw_group(lc, t, g, p, x, y + used, cut);
		used += cut;
		t->rest = group_rest(lc, t, g, cut);
		placed = 1;
		break;
	}
	if (!placed && t->next < t->ngroups && !page_is_fresh) {
		/* Only the header would fit: start the table on the next page. */
		p->nops = mark;
		return -1;
	}
	*done = t->next >= t->ngroups;
	t->head_placed = 1;
	return used;
}
