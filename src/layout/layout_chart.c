/* SPDX-License-Identifier: Apache-2.0 */
/* Charts: the layout element chart — bars (vertical or horizontal, grouped
 * or stacked) and pies — becomes ONE unbreakable item holding its title,
 * the drawing, the legend or data table and its captions. Pagination then
 * keeps the title with the chart, and moves both to the next page when the
 * space left on a page is too short (paginate.c, place_line).
 *
 * The layout tree carries data (categories, series, values), never drawing
 * instructions: scales, ticks, colours and label positions are decided here.
 * Drawing goes through the op model: OP_PATH for bars and sectors (filled,
 * outlined, hatched past the sixth colour), OP_LINE for axes, ticks, grid
 * and rules, OP_TEXT for every label. The values are therefore text in the
 * PDF (pdftotext, search, screen readers), not only shapes.
 *
 * Pie sectors: each arc is cut into pieces of at most 90° and each piece is
 * one cubic Bézier computed here, control points at k = 4/3·tan(φ/4) of
 * the radius along the tangents (radial error under 0.03 % of the radius).
 * Computed in layout rather than in the renderer: the text dump shows the
 * very curves the PDF draws, tests can measure the angles, and a renderer
 * needs only move/line/curve/close (the model of MuPDF's fz_path). Polygons
 * would need hundreds of points for the same smoothness. */
#include "layout.h"
#include "layout_chart.h"
#include "layout_inline.h"
#include "french.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NNBSP "\xe2\x80\xaf" /* U+202F narrow no-break space */
#define PI 3.14159265358979323846
#define MAX_LINES 8          /* lines of one wrapped label */

/* ================================================================ numbers */

double chart_nice_step(double range, int max_steps)
{
	if (!(range > 0) || !isfinite(range) || max_steps < 1)
		return 0;
	double raw = range / max_steps;
	double mag = pow(10, floor(log10(raw)));
	double r = raw / mag;
	double n = r <= 1 + 1e-9 ? 1 : r <= 2 + 1e-9 ? 2 : r <= 5 + 1e-9 ? 5 : 10;
	return n * mag;
}

/* 1 → 2 → 5 → 10 (× 10^n). */
static double next_nice(double step)
{
	double mag = pow(10, floor(log10(step) + 1e-9));
	double m = step / mag;
	return (m < 1.5 ? 2 : m < 3.5 ? 5 : 10) * mag;
}

int chart_step_decimals(double step)
{
	double s = fabs(step);
	for (int d = 0; d < 6; d++) {
		double f = s * pow(10, d);
		if (fabs(f - round(f)) < 1e-6 * (f > 1 ? f : 1))
			return d;
	}
	return 6;
}

int chart_nice_scale(double lo, double hi, int max_steps, chart_scale *out)
{
	if (!out || !isfinite(lo) || !isfinite(hi) || lo > hi || max_steps < 1)
		return -1;
	if (lo == hi) {
		if (lo > 0)
			lo = 0;
		else if (hi < 0)
			hi = 0;
		else
			hi = 1;
	}
	double step = chart_nice_step(hi - lo, max_steps);
	for (int guard = 0; guard < 16 && step > 0 && isfinite(step); guard++) {
		double mn = floor(lo / step + 1e-9) * step, mx = ceil(hi / step - 1e-9) * step;
		double n = round((mx - mn) / step);
		if (n <= max_steps) {
			*out = (chart_scale){mn == 0 ? 0 : mn, mx, step, (int)n, chart_step_decimals(step)};
			return 0;
		}
		step = next_nice(step);
	}
	return -1;
}

int chart_format_value(double v, int decimals, const char *unit, const char *mark, char *buf, size_t cap)
{
	if (!buf || cap == 0)
		return -1;
	buf[0] = '\0';
	if (!isfinite(v) || decimals > 6)
		return -1;
	if (decimals >= 0) {
		double f = pow(10, decimals);
		v = round(v * f) / f;
	}
	if (v == 0)
		v = 0; /* never "-0" */
	char num[64];
	if (french_format_number(v, num, sizeof num) != 0)
		return -1;
	int has_unit = unit && *unit;
	int n = snprintf(buf, cap, "%s%s%s%s", num, has_unit ? NNBSP : "", has_unit ? unit : "", mark ? mark : "");
	if (n < 0 || (size_t)n >= cap) {
		buf[0] = '\0';
		return -1;
	}
	return 0;
}

/* ================================================================ colours */

#define RGB8(r, g, b) {(float)(r) / 255.0f, (float)(g) / 255.0f, (float)(b) / 255.0f}

/* Lightness L* 18, 65, 33, 79, 50, 93: about 15 apart when sorted, so
 * that a grey print keeps any two apart; neighbours differ by 29 or more. */
static const rgb palette[CHART_PALETTE_SIZE] = {
	RGB8(0x17, 0x2a, 0x4f), /* dark blue */
	RGB8(0xe8, 0x84, 0x2c), /* orange */
	RGB8(0x8c, 0x2d, 0x1e), /* brick */
	RGB8(0xa6, 0xc8, 0xe8), /* light blue */
	RGB8(0x4a, 0x78, 0xb0), /* mid blue */
	RGB8(0xfa, 0xea, 0xb0), /* pale yellow */
};

rgb chart_palette(int i, int *hatch)
{
	if (i < 0)
		i = 0;
	if (hatch)
		*hatch = (i / CHART_PALETTE_SIZE) % 2;
	return palette[i % CHART_PALETTE_SIZE];
}

static float linear(float c) { return c <= 0.04045f ? c / 12.92f : powf((c + 0.055f) / 1.055f, 2.4f); }

float chart_lightness(rgb c)
{
	float y = 0.2126f * linear(c.r) + 0.7152f * linear(c.g) + 0.0722f * linear(c.b);
	return y > 0.008856f ? 116.0f * cbrtf(y) - 16.0f : 903.3f * y;
}

static const rgb white = {1, 1, 1};
static const rgb grid_grey = RGB8(0xbf, 0xbf, 0xbf);
static const rgb outline_grey = RGB8(0x33, 0x33, 0x33);

/* ================================================================ data */

typedef struct chart_data {
	xmlNodePtr node, title;
	xmlNodePtr *captions;
	int ncaptions;
	int pie, horizontal, stacked;
	int ncat, nser;
	const char **cat;        /* category labels, white space collapsed */
	const char **ser;        /* series names; NULL when unnamed */
	rgb *cat_color, *ser_color;
	int *cat_hatch, *ser_hatch;
	double *v;               /* value of series s in category k: v[s * ncat + k] */
	unsigned char *est;      /* reconstructed values, same index */
	const char *unit, *value_axis, *cat_axis, *mark;
	int has_min, has_max, has_step;
	double min, max, step;
	int value_labels, data_table;
	float height;            /* [pt] plot height (bars) or diameter (pie); 0 = automatic */
} chart_data;

static void warn(layout_ctx *lc, xmlNodePtr n, const char *msg)
{
	diag_add(lc->diags, D_LAYOUT_CHART, (int)xmlGetLineNo(n), 0, msg);
}

static int is_ws(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

/* The text of a node, white space collapsed as in HTML, in the arena. */
static const char *collapsed_text(layout_ctx *lc, xmlNodePtr n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	const char *s = raw ? (const char *)raw : "";
	char *out = arena_alloc(lc->mem, strlen(s) + 1);
	if (out) {
		size_t k = 0;
		for (const char *p = s; *p; p++) {
			if (!is_ws(*p))
				out[k++] = *p;
			else if (k > 0 && out[k - 1] != ' ')
				out[k++] = ' ';
		}
		while (k > 0 && out[k - 1] == ' ')
			k--;
		out[k] = '\0';
	}
	xmlFree(raw);
	return out;
}

static int parse_num(const char *s, double *out)
{
	if (!s)
		return 0;
	char *end;
	double v = strtod(s, &end);
	while (is_ws(*end))
		end++;
	if (end == s || *end || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

static int str_is(const char *s, const char *want) { return s && strcmp(s, want) == 0; }
static const char *nonempty(const char *s) { return s && *s ? s : NULL; }

static int bool_prop(layout_ctx *lc, xmlNodePtr n, const char *name, int fallback)
{
	const char *v = prop_get(lc, n, name);
	return v ? str_is(v, "true") : fallback;
}

static int color_prop(layout_ctx *lc, xmlNodePtr n, rgb *out)
{
	return parse_color(prop_get(lc, n, "color"), out);
}

static void read_props(layout_ctx *lc, xmlNodePtr node, chart_data *d)
{
	d->pie = str_is(prop_get(lc, node, "type"), "pie");
	d->horizontal = str_is(prop_get(lc, node, "orientation"), "horizontal");
	d->stacked = str_is(prop_get(lc, node, "stacking"), "stacked");
	d->unit = nonempty(prop_get(lc, node, "unit"));
	d->value_axis = nonempty(prop_get(lc, node, "value-axis-label"));
	d->cat_axis = nonempty(prop_get(lc, node, "category-axis-label"));
	d->mark = prop_get(lc, node, "estimate-mark");
	if (!d->mark)
		d->mark = "*";
	d->has_min = parse_num(prop_get(lc, node, "min"), &d->min);
	d->has_max = parse_num(prop_get(lc, node, "max"), &d->max);
	d->has_step = parse_num(prop_get(lc, node, "step"), &d->step) && d->step > 0;
	d->value_labels = bool_prop(lc, node, "value-labels", 1);
	d->data_table = bool_prop(lc, node, "data-table", 0);
	d->height = parse_length(prop_get(lc, node, "height"), 0, 0);
}

static int alloc_data(layout_ctx *lc, chart_data *d)
{
	arena *m = lc->mem;
	size_t nc = (size_t)d->ncat, ns = (size_t)d->nser;
	d->cat = arena_alloc(m, sizeof *d->cat * nc);
	d->cat_color = arena_alloc(m, sizeof *d->cat_color * nc);
	d->cat_hatch = arena_alloc(m, sizeof *d->cat_hatch * nc);
	d->ser = arena_alloc(m, sizeof *d->ser * ns);
	d->ser_color = arena_alloc(m, sizeof *d->ser_color * ns);
	d->ser_hatch = arena_alloc(m, sizeof *d->ser_hatch * ns);
	d->v = arena_alloc(m, sizeof *d->v * nc * ns);
	d->est = arena_alloc(m, nc * ns);
	d->captions = arena_alloc(m, sizeof *d->captions * (size_t)(d->ncaptions + 1));
	return m->failed ? -1 : 0;
}

/* The values of series s, in category order. */
static void read_series(layout_ctx *lc, chart_data *d, xmlNodePtr sn, int s)
{
	d->ser[s] = nonempty(prop_get(lc, sn, "name"));
	d->ser_color[s] = chart_palette(s, &d->ser_hatch[s]);
	color_prop(lc, sn, &d->ser_color[s]);
	int k = 0;
	for (xmlNodePtr vn = sn->children; vn; vn = vn->next) {
		if (!is_layout(vn, "value"))
			continue;
		if (k >= d->ncat) {
			warn(lc, vn, "plus de valeurs que de catégories ; les dernières sont ignorées");
			break;
		}
		double v = 0;
		if (!parse_num(collapsed_text(lc, vn), &v))
			warn(lc, vn, "valeur non numérique, comptée 0");
		if (d->pie && v < 0) {
			warn(lc, vn, "valeur négative dans un camembert, comptée 0");
			v = 0;
		}
		d->v[s * d->ncat + k] = v;
		d->est[s * d->ncat + k] = (unsigned char)bool_prop(lc, vn, "estimated", 0);
		k++;
	}
	if (k < d->ncat)
		warn(lc, sn, "moins de valeurs que de catégories ; les manquantes comptent 0");
}

static void check_pie(layout_ctx *lc, const chart_data *d)
{
	if (d->nser > 1)
		warn(lc, d->node, "un camembert ne montre que sa première série");
	double sum = 0;
	for (int i = 0; i < d->ncat; i++)
		sum += d->v[i];
	if (!(sum > 0))
		warn(lc, d->node, "un camembert dont toutes les valeurs sont nulles n'a pas de secteur");
}

/* The value axis's bounds and step as the document fixed them: said and
 * set aside when they cannot be honoured (min not below max, a step giving
 * more than a hundred graduations); values beyond fixed bounds said once,
 * as their bars are cut at the axis's end. */
static void check_axis(layout_ctx *lc, chart_data *d)
{
	if (d->pie)
		return;
	if (d->has_min && d->has_max && !(d->min < d->max)) {
		warn(lc, d->node, "bornes de l'axe contradictoires (min n'est pas inférieur à max) : ignorées");
		d->has_min = d->has_max = 0;
	}
	if (d->has_step) {
		double lo = 0, hi = 0;
		for (int i = 0; i < d->ncat * d->nser; i++) {
			lo = d->v[i] < lo ? d->v[i] : lo;
			hi = d->v[i] > hi ? d->v[i] : hi;
		}
		if (d->has_min)
			lo = d->min;
		if (d->has_max)
			hi = d->max;
		if ((hi - lo) / d->step > 100) {
			warn(lc, d->node, "pas de l'axe trop fin (plus de cent graduations) : ignoré");
			d->has_step = 0;
		}
	}
	for (int i = 0; i < d->ncat * d->nser; i++)
		if ((d->has_min && d->v[i] < d->min) || (d->has_max && d->v[i] > d->max)) {
			warn(lc, d->node, "valeurs hors des bornes de l'axe (min, max) : leurs barres sont coupées à la borne");
			break;
		}
}

static int chart_read(layout_ctx *lc, xmlNodePtr node, chart_data *d)
{
	memset(d, 0, sizeof *d);
	d->node = node;
	read_props(lc, node, d);
	for (xmlNodePtr c = node->children; c; c = c->next) {
		d->ncat += is_layout(c, "category");
		d->nser += is_layout(c, "series");
		d->ncaptions += is_layout(c, "caption");
		if (is_layout(c, "title") && !d->title)
			d->title = c;
	}
	if (d->ncat == 0 || d->nser == 0) {
		warn(lc, node, "ni catégorie ni série : rien à dessiner");
		return -1;
	}
	if (alloc_data(lc, d) != 0)
		return -1;
	int k = 0, s = 0, n = 0;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (is_layout(c, "category")) {
			d->cat[k] = collapsed_text(lc, c);
			d->cat_color[k] = chart_palette(k, &d->cat_hatch[k]);
			color_prop(lc, c, &d->cat_color[k]);
			k++;
		} else if (is_layout(c, "series")) {
			read_series(lc, d, c, s++);
		} else if (is_layout(c, "caption")) {
			d->captions[n++] = c;
		}
	}
	if (d->pie)
		check_pie(lc, d);
	check_axis(lc, d);
	return lc->mem->failed ? -1 : 0;
}

/* ================================================================ drawing context */

typedef struct chart {
	layout_ctx *lc;
	const chart_data *d;
	int face;            /* face of the chart's style */
	float fs;            /* [pt] label size */
	float asc, desc;     /* [1/1000 em] of the face; desc negative */
	rgb ink;
	op *ops;             /* relative to the drawing's top-left */
	int nops, cap;
} chart;

enum anchor { LEFT, CENTER, RIGHT };

static op *add_op(chart *c, op_kind kind)
{
	op *arr = arena_grow(c->lc->mem, c->ops, sizeof *arr, &c->cap, c->nops + 1);
	if (!arr)
		return NULL;
	c->ops = arr;
	op *o = &arr[c->nops++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	return o;
}

static float line_h(float size) { return size * 1.2f; }

/* Baseline of a label from the top of its line box. */
static float baseline_off(const chart *c, float size)
{
	float content = (c->asc - c->desc) * size / 1000.0f;
	return (line_h(size) - content) / 2 + c->asc * size / 1000.0f;
}

static int face_of(const chart *c, uint32_t cp)
{
	int f = font_face_for(c->lc->fonts, c->face, cp);
	return f >= 0 ? f : c->face;
}

/* Kerning counted as the PDF writer draws it: between two characters of
 * one run (one face). */
static float measure_n(const chart *c, const char *s, int len, float size)
{
	float units = 0;
	uint32_t prev = 0;
	int prev_face = -1;
	for (int i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		int f = face_of(c, cp);
		units += (float)font_advance(c->lc->fonts, f, cp);
		if (f == prev_face)
			units += (float)font_kern(c->lc->fonts, f, prev, cp);
		prev = cp;
		prev_face = f;
	}
	return units * size / 1000.0f;
}

static float measure(const chart *c, const char *s, float size) { return measure_n(c, s, (int)strlen(s), size); }

/* Text ops for s, baseline at (x, base): one op per run of characters that
 * one face draws (fallback faces for what the chart's face lacks). */
static void put_text(chart *c, const char *s, float x, float base, float size, rgb color)
{
	int len = (int)strlen(s);
	for (int i = 0; i < len;) {
		int start = i, face = -1;
		float units = 0;
		uint32_t prev = 0;
		while (i < len) {
			uint32_t cp;
			int n = utf8_decode(s + i, len - i, &cp);
			int f = face_of(c, cp);
			if (face >= 0 && f != face)
				break;
			units += (float)font_advance(c->lc->fonts, f, cp);
			if (face >= 0)
				units += (float)font_kern(c->lc->fonts, f, prev, cp);
			face = f;
			prev = cp;
			i += n;
		}
		const char *t = arena_strndup(c->lc->mem, s + start, (size_t)(i - start));
		op *o = add_op(c, OP_TEXT);
		if (!o || !t)
			return;
		float w = units * size / 1000.0f;
		*o = (op){.kind = OP_TEXT, .x = x, .y = base, .w = w, .size = size, .face = face, .color = color,
		          .text = t, .len = i - start};
		x += w;
	}
}

/* A one-line label in a line box whose top is `top`, anchored at x. */
static void label(chart *c, const char *s, float x, float top, float size, enum anchor a, rgb color)
{
	float w = measure(c, s, size);
	float lx = a == CENTER ? x - w / 2 : a == RIGHT ? x - w : x;
	put_text(c, s, lx, top + baseline_off(c, size), size, color);
}

typedef struct text_lines {
	const char *s[MAX_LINES];
	int n;
	float w;   /* [pt] widest line */
} text_lines;

/* Greedy line breaking of a collapsed label at spaces; a word wider than
 * maxw stays alone on its line. */
static text_lines wrap(const chart *c, const char *s, float maxw, float size)
{
	text_lines tl = {{0}, 0, 0};
	const char *p = s;
	while (*p && tl.n < MAX_LINES) {
		const char *end = NULL, *q = p;
		for (;;) {
			const char *we = strchr(q, ' ');
			if (!we)
				we = q + strlen(q);
			if (end && measure_n(c, p, (int)(we - p), size) > maxw)
				break;
			end = we;
			if (!*we)
				break;
			q = we + 1;
		}
		if (tl.n == MAX_LINES - 1)
			end = p + strlen(p);
		tl.s[tl.n] = arena_strndup(c->lc->mem, p, (size_t)(end - p));
		if (!tl.s[tl.n])
			break;
		float w = measure_n(c, p, (int)(end - p), size);
		tl.w = w > tl.w ? w : tl.w;
		tl.n++;
		p = *end ? end + 1 : end;
	}
	return tl;
}

static void draw_lines(chart *c, const text_lines *tl, float x, float top, float size, enum anchor a)
{
	for (int i = 0; i < tl->n; i++)
		label(c, tl->s[i], x, top + (float)i * line_h(size), size, a, c->ink);
}

static void line(chart *c, float x1, float y1, float x2, float y2, float width, rgb color)
{
	op *o = add_op(c, OP_LINE);
	if (o)
		*o = (op){.kind = OP_LINE, .x = x1, .y = y1, .w = x2 - x1, .h = y2 - y1, .size = width, .color = color};
}

/* A filled shape, outlined in dark grey; hatched ones get their lines in
 * white over dark fills and dark grey over light ones. */
static void shape(chart *c, float x, float y, const path_seg *p, int n, rgb fill, int hatch)
{
	op *o = add_op(c, OP_PATH);
	if (!o || !p)
		return;
	rgb stroke = hatch && chart_lightness(fill) < 50 ? white : outline_grey;
	*o = (op){.kind = OP_PATH, .x = x, .y = y, .color = fill, .size = 0.4f, .path = p, .npath = n,
	          .stroke = stroke, .hatch = hatch};
}

static void rect(chart *c, float x, float y, float w, float h, rgb fill, int hatch)
{
	if (w < 0) {
		x += w;
		w = -w;
	}
	if (h < 0) {
		y += h;
		h = -h;
	}
	path_seg *p = arena_alloc(c->lc->mem, sizeof *p * 5);
	if (!p)
		return;
	p[0] = (path_seg){.cmd = PATH_MOVE};
	p[1] = (path_seg){.cmd = PATH_LINE, .x = w};
	p[2] = (path_seg){.cmd = PATH_LINE, .x = w, .y = h};
	p[3] = (path_seg){.cmd = PATH_LINE, .y = h};
	p[4] = (path_seg){.cmd = PATH_CLOSE};
	shape(c, x, y, p, 5, fill, hatch);
}

static const char *fmt(chart *c, double v, int decimals, int estimated)
{
	char buf[128];
	if (chart_format_value(v, decimals, c->d->unit, estimated ? c->d->mark : NULL, buf, sizeof buf) != 0)
		snprintf(buf, sizeof buf, "?");
	return arena_strdup(c->lc->mem, buf);
}

static double value_at(const chart_data *d, int s, int k) { return d->v[s * d->ncat + k]; }
static int estimated_at(const chart_data *d, int s, int k) { return d->est[s * d->ncat + k]; }

/* A value in a table column, right-aligned at `right`; the estimate mark
 * hangs past the column so that the digits of all values line up. */
static void value_cell(chart *c, const char *text, int estimated, float right, float top)
{
	const chart_data *d = c->d;
	int any = 0;
	for (int i = 0; i < d->ncat * d->nser && !any; i++)
		any = d->est[i];
	float hang = any && !estimated && d->mark ? measure(c, d->mark, c->fs) : 0;
	label(c, text, right - hang, top, c->fs, RIGHT, c->ink);
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
static float maxf(float a, float b) { return a > b ? a : b; }
static float minf(float a, float b) { return a < b ? a : b; }

/* ================================================================ value axis */

/* Lowest and highest value the axis shows: bars start at 0; stacked bars
 * reach the sums of their positive and of their negative parts. */
static void data_range(const chart_data *d, double *lo, double *hi)
{
	*lo = 0;
	*hi = 0;
	for (int k = 0; k < d->ncat; k++) {
		double pos = 0, neg = 0;
		for (int s = 0; s < d->nser; s++) {
			double v = value_at(d, s, k);
			if (d->stacked)
				*(v > 0 ? &pos : &neg) += v;
			else if (v > pos)
				pos = v;
			else if (v < neg)
				neg = v;
		}
		*hi = pos > *hi ? pos : *hi;
		*lo = neg < *lo ? neg : *lo;
	}
}

/* The nice scale, then what the document fixed (min, max, step). */
static void value_scale(const chart_data *d, int max_steps, chart_scale *sc)
{
	double lo, hi;
	data_range(d, &lo, &hi);
	if (d->has_min)
		lo = d->min;
	if (d->has_max)
		hi = d->max;
	if (hi < lo)
		hi = lo;
	if (chart_nice_scale(lo, hi, max_steps, sc) != 0)
		*sc = (chart_scale){0, 1, 1, 1, 0};
	if (d->has_step && (hi - lo) / d->step <= 100) { /* else a step too fine to print: the nice one */
		sc->step = d->step;
		sc->min = floor(lo / d->step + 1e-9) * d->step;
		sc->max = ceil(hi / d->step - 1e-9) * d->step;
		sc->decimals = chart_step_decimals(d->step);
	}
	if (d->has_min)
		sc->min = d->min;
	if (d->has_max)
		sc->max = d->max;
	if (sc->max <= sc->min)
		sc->max = sc->min + sc->step;
	double n = floor((sc->max - sc->min) / sc->step + 1e-9);
	sc->nsteps = n > 100 ? 100 : (int)n;
}

typedef struct plot {
	float x, y, w, h;    /* [pt] the plot area, relative to the drawing */
	chart_scale sc;
} plot;

static double tick(const plot *p, int i) { return p->sc.min + i * p->sc.step; }

/* Position of v along the value axis: from `a` (at min) over `len` (signed). */
static float along(const plot *p, double v, float a, float len)
{
	v = v < p->sc.min ? p->sc.min : v > p->sc.max ? p->sc.max : v;
	return a + (float)((v - p->sc.min) / (p->sc.max - p->sc.min)) * len;
}

static float vy(const plot *p, double v) { return along(p, v, p->y + p->h, -p->h); }
static float vx(const plot *p, double v) { return along(p, v, p->x, p->w); }
static double base_value(const plot *p) { return p->sc.min > 0 ? p->sc.min : p->sc.max < 0 ? p->sc.max : 0; }

static float widest_tick(chart *c, const plot *p)
{
	float w = 0;
	for (int i = 0; i <= p->sc.nsteps; i++)
		w = maxf(w, measure(c, fmt(c, tick(p, i), p->sc.decimals, 0), c->fs));
	return w;
}

/* ================================================================ bars */

/* Geometry of bar s of category k along the category axis: offset from the
 * slot's start and thickness. */
static void bar_slot(const chart_data *d, int s, float slot, float *off, float *thick)
{
	int nb = d->stacked ? 1 : d->nser;
	float group = slot * (d->stacked ? 0.55f : 0.72f);
	*thick = group / (float)nb;
	*off = (slot - group) / 2 + (d->stacked ? 0 : (float)s * *thick);
}

/* From and to values of bar s in category k (stacked bars pile up). */
static void bar_span(const chart_data *d, int s, int k, double *from, double *to)
{
	double pos = 0, neg = 0;
	for (int i = 0; d->stacked && i < s; i++) {
		double v = value_at(d, i, k);
		*(v > 0 ? &pos : &neg) += v;
	}
	double v = value_at(d, s, k);
	*from = v >= 0 ? pos : neg;
	*to = *from + v;
}

/* A value label on a stacked segment (inside, if it fits) or past the end
 * of a grouped bar. len: the bar's length along the value axis. */
static void bar_value(chart *c, int s, int k, float cx, float cy, float len, float thick, int vertical)
{
	const chart_data *d = c->d;
	double v = value_at(d, s, k);
	const char *t = fmt(c, v, -1, estimated_at(d, s, k));
	float size = c->fs * 0.9f, w = measure(c, t, size), lh = line_h(size);
	if (d->stacked) {
		int fits = vertical ? fabsf(len) >= lh && w <= thick - 1 : fabsf(len) >= w + 2 && thick >= size;
		if (fits)
			label(c, t, cx, cy - lh / 2, size, CENTER,
			      chart_lightness(d->ser_color[s]) < 55 ? white : (rgb){0, 0, 0});
		return;
	}
	if (vertical)
		label(c, t, cx, v >= 0 ? cy - lh - 0.5f : cy + 0.5f, size, CENTER, c->ink);
	else
		label(c, t, v >= 0 ? cx + 2 : cx - 2, cy - lh / 2, size, v >= 0 ? LEFT : RIGHT, c->ink);
}

/* Bars (pass 0) or their value labels (pass 1) of category k. */
static void bars_of(chart *c, const plot *p, int k, float slot, int vertical, int pass)
{
	const chart_data *d = c->d;
	for (int s = 0; s < d->nser; s++) {
		double from, to;
		float off, thick;
		bar_span(d, s, k, &from, &to);
		bar_slot(d, s, slot, &off, &thick);
		if (vertical) {
			float x0 = p->x + (float)k * slot + off, ya = vy(p, from), yb = vy(p, to);
			if (pass == 0 && fabsf(yb - ya) > 0.01f)
				rect(c, x0, ya, thick, yb - ya, d->ser_color[s], d->ser_hatch[s]);
			if (pass == 1)
				bar_value(c, s, k, x0 + thick / 2, d->stacked ? (ya + yb) / 2 : yb, yb - ya, thick, 1);
		} else {
			float y0 = p->y + (float)k * slot + off, xa = vx(p, from), xb = vx(p, to);
			if (pass == 0 && fabsf(xb - xa) > 0.01f)
				rect(c, xa, y0, xb - xa, thick, d->ser_color[s], d->ser_hatch[s]);
			if (pass == 1)
				bar_value(c, s, k, d->stacked ? (xa + xb) / 2 : xb, y0 + thick / 2, xb - xa, thick, 0);
		}
	}
}

static void all_bars(chart *c, const plot *p, float slot, int vertical)
{
	for (int pass = 0; pass < (c->d->value_labels ? 2 : 1); pass++)
		for (int k = 0; k < c->d->ncat; k++)
			bars_of(c, p, k, slot, vertical, pass);
}

/* Horizontal gridlines, ticks and tick labels of a vertical value axis. */
static void grid_vertical_axis(chart *c, const plot *p)
{
	for (int i = 0; i <= p->sc.nsteps; i++) {
		float y = vy(p, tick(p, i));
		if (i > 0)
			line(c, p->x, y, p->x + p->w, y, 0.3f, grid_grey);
		line(c, p->x - 3, y, p->x, y, 0.5f, c->ink);
		label(c, fmt(c, tick(p, i), p->sc.decimals, 0), p->x - 5, y - line_h(c->fs) / 2, c->fs, RIGHT, c->ink);
	}
}

/* Vertical gridlines, ticks and tick labels of a horizontal value axis. */
static void grid_horizontal_axis(chart *c, const plot *p)
{
	float bottom = p->y + p->h;
	for (int i = 0; i <= p->sc.nsteps; i++) {
		float x = vx(p, tick(p, i));
		if (i > 0)
			line(c, x, p->y, x, bottom, 0.3f, grid_grey);
		line(c, x, bottom, x, bottom + 3, 0.5f, c->ink);
		label(c, fmt(c, tick(p, i), p->sc.decimals, 0), x, bottom + 3, c->fs, CENTER, c->ink);
	}
}

/* Label size for category labels under vertical bars: smaller (down to
 * 75 %) when a single word is wider than its slot. */
static float category_size(chart *c, float maxw)
{
	float longest = 0;
	for (int k = 0; k < c->d->ncat; k++) {
		const char *s = c->d->cat[k];
		while (*s) {
			const char *e = strchr(s, ' ');
			int n = e ? (int)(e - s) : (int)strlen(s);
			longest = maxf(longest, measure_n(c, s, n, c->fs));
			s += n + (e ? 1 : 0);
		}
	}
	return longest > maxw ? maxf(c->fs * 0.75f, c->fs * maxw / longest) : c->fs;
}

static float bars_vertical(chart *c, float x, float width, float plot_h)
{
	const chart_data *d = c->d;
	float lh = line_h(c->fs);
	plot p = {.h = plot_h};
	value_scale(d, clampi((int)(plot_h / (lh * 1.6f)), 2, 10), &p.sc);
	float y = 0;
	if (d->value_axis) {
		label(c, d->value_axis, x, 0, c->fs, LEFT, c->ink);
		y += lh + 2;
	}
	y += d->value_labels ? line_h(c->fs * 0.9f) + 1 : lh / 2;
	p.x = x + widest_tick(c, &p) + 6;
	p.y = y;
	p.w = maxf(width - (p.x - x) - 2, 10); /* a column too narrow still gets a plot */
	float slot = p.w / (float)d->ncat;
	grid_vertical_axis(c, &p);
	all_bars(c, &p, slot, 1);
	float base = vy(&p, base_value(&p));
	line(c, p.x, base, p.x + p.w, base, 0.6f, c->ink);
	line(c, p.x, p.y, p.x, p.y + p.h, 0.6f, c->ink);
	float size = category_size(c, slot - 3), top = p.y + p.h + 3, bottom = top;
	for (int k = 0; k < d->ncat; k++) {
		text_lines tl = wrap(c, d->cat[k], slot - 3, size);
		draw_lines(c, &tl, p.x + ((float)k + 0.5f) * slot, top, size, CENTER);
		bottom = maxf(bottom, top + (float)tl.n * line_h(size));
	}
	if (d->cat_axis) {
		label(c, d->cat_axis, p.x + p.w / 2, bottom + 1, c->fs, CENTER, c->ink);
		bottom += lh + 1;
	}
	return bottom;
}

/* Widest value label past the end of horizontal grouped bars. */
static float widest_value(chart *c)
{
	float w = 0;
	for (int s = 0; s < c->d->nser; s++)
		for (int k = 0; k < c->d->ncat; k++)
			w = maxf(w, measure(c, fmt(c, value_at(c->d, s, k), -1, estimated_at(c->d, s, k)), c->fs * 0.9f));
	return w;
}

/* Category labels at the left, right-aligned, each centred on its slot. */
static void category_column(chart *c, const plot *p, const text_lines *tl, float slot)
{
	for (int k = 0; k < c->d->ncat; k++) {
		float top = p->y + (float)k * slot + (slot - (float)tl[k].n * line_h(c->fs)) / 2;
		draw_lines(c, &tl[k], p->x - 5, top, c->fs, RIGHT);
	}
}

static float bars_horizontal(chart *c, float x, float width, float min_h)
{
	const chart_data *d = c->d;
	float lh = line_h(c->fs), labw = 0;
	int maxlines = 1;
	text_lines *tl = arena_alloc(c->lc->mem, sizeof *tl * (size_t)d->ncat);
	if (!tl)
		return 0;
	for (int k = 0; k < d->ncat; k++) {
		tl[k] = wrap(c, d->cat[k], width * 0.38f, c->fs);
		labw = maxf(labw, tl[k].w);
		maxlines = tl[k].n > maxlines ? tl[k].n : maxlines;
	}
	float y = 0;
	if (d->cat_axis) {
		label(c, d->cat_axis, x, 0, c->fs, LEFT, c->ink);
		y += lh + 2;
	}
	float right = d->value_labels && !d->stacked ? widest_value(c) + 4 : 8;
	int nb = d->stacked ? 1 : d->nser;
	float slot = maxf((float)maxlines * lh + 4, (float)nb * c->fs * 1.3f / 0.72f);
	if (min_h > slot * (float)d->ncat)
		slot = min_h / (float)d->ncat;
	plot p = {.x = x + labw + 6, .y = y, .h = slot * (float)d->ncat};
	p.w = maxf(width - (p.x - x) - right, 10);
	double lo, hi;
	data_range(d, &lo, &hi);
	float guess = measure(c, fmt(c, fabs(lo) > hi ? lo : hi, 1, 0), c->fs) + 10;
	if (right < guess / 2 && p.w > guess) /* the last tick label is centred on the plot's end */
		p.w -= guess / 2 - right;
	value_scale(d, clampi((int)(p.w / guess), 2, 10), &p.sc);
	grid_horizontal_axis(c, &p);
	all_bars(c, &p, slot, 0);
	float base = vx(&p, base_value(&p));
	line(c, base, p.y, base, p.y + p.h, 0.6f, c->ink);
	line(c, p.x, p.y + p.h, p.x + p.w, p.y + p.h, 0.6f, c->ink);
	category_column(c, &p, tl, slot);
	float bottom = p.y + p.h + 3 + lh;
	if (d->value_axis) {
		label(c, d->value_axis, p.x + p.w / 2, bottom + 1, c->fs, CENTER, c->ink);
		bottom += lh + 1;
	}
	return bottom;
}

/* ================================================================ legends and data tables */

static const char *series_name(chart *c, int s)
{
	if (c->d->ser[s])
		return c->d->ser[s];
	char buf[32];
	snprintf(buf, sizeof buf, "Série %d", s + 1);
	return arena_strdup(c->lc->mem, buf);
}

/* Swatch and name of each series, in rows as wide as the chart. */
static float series_legend(chart *c, float x, float width, float top)
{
	float lh = line_h(c->fs), sw = c->fs * 0.9f, cx = x, y = top;
	for (int s = 0; s < c->d->nser; s++) {
		const char *name = series_name(c, s);
		float w = sw + 3 + measure(c, name, c->fs);
		if (cx > x && cx + w > x + width) {
			cx = x;
			y += lh;
		}
		rect(c, cx, y + (lh - sw) / 2, sw, sw, c->d->ser_color[s], c->d->ser_hatch[s]);
		label(c, name, cx + sw + 3, y, c->fs, LEFT, c->ink);
		cx += w + 10;
	}
	return y + lh;
}

/* Width of a data table's value column: its widest value or header word. */
static float value_column_width(chart *c, float sw)
{
	const chart_data *d = c->d;
	float w = widest_value(c) * 1.0f / 0.9f;
	for (int s = 0; s < d->nser; s++) {
		const char *n = series_name(c, s);
		while (*n) {
			const char *e = strchr(n, ' ');
			int len = e ? (int)(e - n) : (int)strlen(n);
			w = maxf(w, measure_n(c, n, len, c->fs) + (d->nser > 1 ? sw + 3 : 0));
			n += len + (e ? 1 : 0);
		}
	}
	return w + 8;
}

/* The header row of a bars' data table: the category axis' title, then
 * each series' swatch and name (right-aligned like its numbers). */
static float table_header(chart *c, float x, float catw, float colw, float top)
{
	const chart_data *d = c->d;
	float sw = c->fs * 0.9f, lh = line_h(c->fs), h = lh;
	if (d->cat_axis)
		label(c, d->cat_axis, x + 1, top, c->fs, LEFT, c->ink);
	for (int s = 0; s < d->nser; s++) {
		float right = x + catw + (float)(s + 1) * colw - 2;
		text_lines tl = wrap(c, series_name(c, s), colw - 4 - (d->nser > 1 ? sw + 3 : 0), c->fs);
		draw_lines(c, &tl, right, top, c->fs, RIGHT);
		if (d->nser > 1 && tl.n > 0)
			rect(c, right - measure(c, tl.s[0], c->fs) - sw - 3, top + (lh - sw) / 2, sw, sw, d->ser_color[s],
			     d->ser_hatch[s]);
		h = maxf(h, (float)tl.n * lh);
	}
	return top + h + 1;
}

/* Every value of a bar chart as text: one row per category, one column
 * per series; reconstructed values carry the mark. */
static float bars_table(chart *c, float x, float width, float top)
{
	const chart_data *d = c->d;
	float lh = line_h(c->fs), colw = value_column_width(c, c->fs * 0.9f);
	float catw = width - (float)d->nser * colw;
	if (catw < width * 0.3f) {
		catw = width * 0.3f;
		colw = (width - catw) / (float)d->nser;
	}
	float y = top;
	line(c, x, y, x + width, y, 0.5f, c->ink);
	if (d->nser > 1 || d->ser[0] || d->cat_axis) {
		y = table_header(c, x, catw, colw, y + 1);
		line(c, x, y, x + width, y, 0.3f, c->ink);
	}
	y += 1;
	for (int k = 0; k < d->ncat; k++) {
		text_lines tl = wrap(c, d->cat[k], catw - 4, c->fs);
		draw_lines(c, &tl, x + 1, y, c->fs, LEFT);
		float last = y + (float)(tl.n > 0 ? tl.n - 1 : 0) * lh; /* values on the label's last line */
		for (int s = 0; s < d->nser; s++)
			value_cell(c, fmt(c, value_at(d, s, k), -1, estimated_at(d, s, k)), estimated_at(d, s, k),
			           x + catw + (float)(s + 1) * colw - 2, last);
		y += (float)tl.n * lh + 1;
	}
	line(c, x, y, x + width, y, 0.5f, c->ink);
	return y + 1;
}

/* ================================================================ pie */

/* Point of the circle at angle a (radians clockwise from 12 o'clock),
 * relative to the centre, y downwards. */
static float px(double r, double a) { return (float)(r * sin(a)); }
static float py(double r, double a) { return (float)(-r * cos(a)); }

/* One cubic Bézier for the arc from a0 to a1 (a1 - a0 <= 90°). The
 * tangent at a is (cos a, sin a) in these coordinates. */
static path_seg arc_piece(double r, double a0, double a1)
{
	double k = 4.0 / 3.0 * tan((a1 - a0) / 4) * r;
	return (path_seg){.cmd = PATH_CURVE,
	                  .x1 = px(r, a0) + (float)(k * cos(a0)), .y1 = py(r, a0) + (float)(k * sin(a0)),
	                  .x2 = px(r, a1) - (float)(k * cos(a1)), .y2 = py(r, a1) - (float)(k * sin(a1)),
	                  .x = px(r, a1), .y = py(r, a1)};
}

/* A sector from a0 to a1: centre, arc in pieces of at most 90°, back to
 * the centre; a whole circle has no radius drawn. */
static void sector(chart *c, float cx, float cy, double r, double a0, double a1, rgb fill, int hatch)
{
	double sweep = a1 - a0;
	int full = sweep >= 2 * PI - 1e-6;
	int n = (int)ceil(sweep / (PI / 2) - 1e-9);
	n = n < 1 ? 1 : n;
	path_seg *p = arena_alloc(c->lc->mem, sizeof *p * (size_t)(n + 3));
	if (!p)
		return;
	int k = 0;
	if (!full)
		p[k++] = (path_seg){.cmd = PATH_MOVE};
	p[k++] = (path_seg){.cmd = full ? PATH_MOVE : PATH_LINE, .x = px(r, a0), .y = py(r, a0)};
	for (int i = 0; i < n; i++)
		p[k++] = arc_piece(r, a0 + sweep * i / n, a0 + sweep * (i + 1) / n);
	p[k++] = (path_seg){.cmd = PATH_CLOSE};
	shape(c, cx, cy, p, k, fill, hatch);
}

static double pie_sum(const chart_data *d)
{
	double sum = 0;
	for (int k = 0; k < d->ncat; k++)
		sum += value_at(d, 0, k) > 0 ? value_at(d, 0, k) : 0;
	return sum;
}

/* "30 %", or "12 (30 %)" when the values are not percentages. */
static const char *pie_label(chart *c, int k, double sum)
{
	const chart_data *d = c->d;
	const char *v = fmt(c, value_at(d, 0, k), -1, estimated_at(d, 0, k));
	if (str_is(d->unit, "%") || sum <= 0)
		return v;
	char pct[64], buf[192];
	if (chart_format_value(100 * value_at(d, 0, k) / sum, 0, "%", NULL, pct, sizeof pct) != 0)
		return v;
	snprintf(buf, sizeof buf, "%s (%s)", v, pct);
	return arena_strdup(c->lc->mem, buf);
}

typedef struct pie_geo {
	const char **labels;
	float *lw;           /* [pt] label widths */
	double *mid;         /* [rad] middle angle of each sector */
	int *inside;         /* label drawn inside its sector */
	double sum;
	float r;             /* [pt] */
	float side;          /* [pt] room kept left and right for outer labels */
} pie_geo;

static double sweep_of(const pie_geo *g, const chart_data *d, int k)
{
	double v = value_at(d, 0, k);
	return g->sum > 0 && v > 0 ? 2 * PI * v / g->sum : 0;
}

/* Inner labels where the arc at 62 % of the radius is long enough, outer
 * ones elsewhere, in a column left or right of the pie; the pie shrinks to
 * leave room for that column. */
static void pie_fit(const chart *c, pie_geo *g, float width, float diameter)
{
	const chart_data *d = c->d;
	g->side = 0;
	for (int pass = 0; pass < 3; pass++) {
		g->r = maxf(20, minf(diameter, width - 2 * g->side) / 2);
		float need = 0;
		for (int k = 0; k < d->ncat; k++) {
			double sweep = sweep_of(g, d, k);
			g->inside[k] = sweep >= 0.35 && sweep * 0.62 * g->r >= g->lw[k] * 0.9 + 2;
			if (sweep > 0 && !g->inside[k])
				need = maxf(need, g->lw[k] + 12);
		}
		if (need <= g->side)
			break;
		g->side = need;
	}
}

/* An outer label: its sector and the y of its line [pt]. */
typedef struct outer_label {
	int k;
	float y;
} outer_label;

/* Sorts the labels of one side by y and moves them apart by at least one
 * line, within [ymin, ymax] as far as they fit. */
static void spread(outer_label *o, int n, float lh, float ymin, float ymax)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && o[j].y < o[j - 1].y; j--) {
			outer_label t = o[j];
			o[j] = o[j - 1];
			o[j - 1] = t;
		}
	for (int i = 0; i < n; i++)
		o[i].y = maxf(o[i].y, i > 0 ? o[i - 1].y + lh : ymin);
	for (int i = n - 1; i >= 0; i--)
		o[i].y = minf(o[i].y, i < n - 1 ? o[i + 1].y - lh : ymax);
}

/* Distance from (cx, cy) to the segment (ax, ay)–(bx, by) [pt]. */
static float segment_distance(float cx, float cy, float ax, float ay, float bx, float by)
{
	float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
	float t = len2 > 0 ? ((cx - ax) * dx + (cy - ay) * dy) / len2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	float qx = ax + t * dx - cx, qy = ay + t * dy - cy;
	return sqrtf(qx * qx + qy * qy);
}

/* The outer labels of one side: a leader from the sector out of the
 * circle, then across to the label's line. A label that spreading moved
 * far from its sector would have its leader cut across the pie: that one
 * goes out level to the column first, then along it (both outside the
 * circle: the column stands r + 8 from the centre). */
static void outer_labels(chart *c, const pie_geo *g, outer_label *o, int n, float cx, float cy, int right)
{
	float lh = line_h(c->fs), col = right ? cx + g->r + 8 : cx - g->r - 8;
	for (int i = 0; i < n; i++) {
		double m = g->mid[o[i].k];
		float ex = cx + px(g->r + 5, m), ey = cy + py(g->r + 5, m);
		line(c, cx + px(g->r * 0.92, m), cy + py(g->r * 0.92, m), ex, ey, 0.5f, c->ink);
		if (segment_distance(cx, cy, ex, ey, col, o[i].y) < g->r + 1) {
			line(c, ex, ey, col, ey, 0.5f, c->ink);
			line(c, col, ey, col, o[i].y, 0.5f, c->ink);
		} else {
			line(c, ex, ey, col, o[i].y, 0.5f, c->ink);
		}
		label(c, g->labels[o[i].k], right ? col + 2 : col - 2, o[i].y - lh / 2, c->fs, right ? LEFT : RIGHT, c->ink);
	}
}

/* Labels: inside in a contrasting ink, or in a column beside the pie.
 * `area`: height of the pie's area [pt], the labels' limits. */
static void pie_labels(chart *c, const pie_geo *g, float cx, float cy, float area)
{
	const chart_data *d = c->d;
	float lh = line_h(c->fs);
	outer_label *side[2];
	int n[2] = {0, 0};
	side[0] = arena_alloc(c->lc->mem, sizeof *side[0] * (size_t)d->ncat);
	side[1] = arena_alloc(c->lc->mem, sizeof *side[1] * (size_t)d->ncat);
	if (!side[0] || !side[1])
		return;
	for (int k = 0; k < d->ncat; k++) {
		double m = g->mid[k];
		if (sweep_of(g, d, k) <= 0)
			continue;
		if (g->inside[k]) {
			rgb ink = chart_lightness(d->cat_color[k]) < 55 ? white : (rgb){0, 0, 0};
			label(c, g->labels[k], cx + px(g->r * 0.62, m), cy + py(g->r * 0.62, m) - lh / 2, c->fs, CENTER, ink);
			continue;
		}
		int right = sin(m) >= 0;
		side[right][n[right]++] = (outer_label){k, cy + py(g->r + 5, m)};
	}
	for (int r = 0; r < 2; r++) {
		spread(side[r], n[r], lh, lh / 2, area - lh / 2);
		outer_labels(c, g, side[r], n[r], cx, cy, r);
	}
}

/* The legend of a pie: swatch, category, and with a data table the value. */
static float pie_legend(chart *c, const pie_geo *g, float x, float width, float top)
{
	const chart_data *d = c->d;
	float lh = line_h(c->fs), sw = c->fs * 0.9f, valw = 0;
	for (int k = 0; d->data_table && k < d->ncat; k++)
		valw = maxf(valw, g->lw[k]);
	float tx = x + sw + 4, tw = width - (sw + 4) - (valw > 0 ? valw + 6 : 0), y = top;
	if (d->data_table)
		line(c, x, y - 1, x + width, y - 1, 0.5f, c->ink);
	for (int k = 0; k < d->ncat; k++) {
		text_lines tl = wrap(c, d->cat[k], tw, c->fs);
		rect(c, x, y + (lh - sw) / 2, sw, sw, d->cat_color[k], d->cat_hatch[k]);
		draw_lines(c, &tl, tx, y, c->fs, LEFT);
		if (d->data_table) /* on the label's last line: read after it */
			value_cell(c, g->labels[k], estimated_at(d, 0, k), x + width, y + (float)(tl.n - 1) * lh);
		y += (float)tl.n * lh + 1.5f;
	}
	if (d->data_table)
		line(c, x, y, x + width, y, 0.5f, c->ink);
	return y + 1;
}

/* Outer labels on the side of the busier column. */
static int outer_count(const pie_geo *g, const chart_data *d)
{
	int n[2] = {0, 0};
	for (int k = 0; k < d->ncat; k++)
		if (sweep_of(g, d, k) > 0 && !g->inside[k])
			n[sin(g->mid[k]) >= 0]++;
	return n[0] > n[1] ? n[0] : n[1];
}

static float pie(chart *c, float x, float width, float diameter)
{
	const chart_data *d = c->d;
	pie_geo g = {.sum = pie_sum(d)};
	size_t n = (size_t)d->ncat;
	g.labels = arena_alloc(c->lc->mem, sizeof *g.labels * n);
	g.lw = arena_alloc(c->lc->mem, sizeof *g.lw * n);
	g.mid = arena_alloc(c->lc->mem, sizeof *g.mid * n);
	g.inside = arena_alloc(c->lc->mem, sizeof *g.inside * n);
	if (!g.labels || !g.lw || !g.mid || !g.inside)
		return 0;
	double a = 0;
	for (int k = 0; k < d->ncat; k++) {
		g.labels[k] = pie_label(c, k, g.sum);
		g.lw[k] = measure(c, g.labels[k], c->fs);
		g.mid[k] = a + sweep_of(&g, d, k) / 2;
		a += sweep_of(&g, d, k);
	}
	pie_fit(c, &g, width, diameter);
	float lh = line_h(c->fs), margin = g.side > 0 ? lh : 1;
	float area = maxf(2 * g.r + 2 * margin, (float)(outer_count(&g, d) + 1) * lh);
	float cx = x + width / 2, cy = area / 2;
	a = 0;
	for (int k = 0; k < d->ncat; k++) {
		double sweep = sweep_of(&g, d, k);
		if (sweep > 0)
			sector(c, cx, cy, g.r, a, a + sweep, d->cat_color[k], d->cat_hatch[k]);
		a += sweep;
	}
	if (g.sum > 0)
		pie_labels(c, &g, cx, cy, area);
	return pie_legend(c, &g, x, width, area + 5);
}

/* ================================================================ the item */

/* The drawing of the chart, ops relative to its top-left; its height. */
static float draw(chart *c, float x, float width, float plot_h)
{
	c->nops = 0;
	if (c->d->pie)
		return pie(c, x, width, plot_h);
	float y = c->d->horizontal ? bars_horizontal(c, x, width, plot_h) : bars_vertical(c, x, width, plot_h);
	if (c->d->data_table)
		return bars_table(c, x, width, y + 5);
	if (c->d->nser > 1)
		return series_legend(c, x, width, y + 4);
	return y;
}

/* Plot height of vertical bars, diameter of a pie, least plot height of
 * horizontal bars (their slots follow their labels) [pt]. */
static float plot_size(const chart_data *d, float width)
{
	if (d->height > 0)
		return d->height;
	if (d->pie)
		return minf(width * 0.55f, 150);
	return d->horizontal ? 0 : maxf(80, minf(width * 0.45f, 200));
}

/* Title (bold, centred unless styled otherwise) or a caption, as lines.
 * A list marker waiting for this item's first line goes on the title's. */
static void text_part(layout_ctx *lc, xmlNodePtr node, const style *st, int is_title, float x, float width,
                      item_list *out)
{
	style ts = *st;
	if (is_title) {
		ts.bold = 1;
		ts.align = ALIGN_CENTER;
		ts.hyphenate = 0;
	}
	style_apply(lc, node, &ts);
	para_opts po = {.width = width, .x = x};
	if (is_title) {
		po.marker = lc->pending_marker;
		po.marker_x = lc->pending_marker_x;
	}
	layout_paragraph(lc, node, &ts, &po, out);
}

static float items_height(const item_list *l)
{
	float h = 0;
	for (int i = 0; i < l->n; i++)
		h += l->items[i].height;
	return h;
}

typedef struct op_list {
	op *ops;
	int n;
} op_list;

static void append_ops(op_list *dst, const op *src, int n, float dy)
{
	for (int k = 0; k < n; k++) {
		dst->ops[dst->n] = src[k];
		dst->ops[dst->n++].y += dy;
	}
}

static int count_ops(const item_list *l)
{
	int n = 0;
	for (int i = 0; i < l->n; i++)
		n += l->items[i].nops;
	return n;
}

static float append_items(op_list *dst, const item_list *l, float y)
{
	for (int i = 0; i < l->n; i++) {
		append_ops(dst, l->items[i].ops, l->items[i].nops, y);
		y += l->items[i].height;
	}
	return y;
}

/* One unbreakable item: background, title, drawing, captions, border. */
static void emit(layout_ctx *lc, const block_props *bp, float x, float width, const item_list *head,
                 const chart *c, float draw_h, const item_list *tail, item_list *out)
{
	float inset = bp->border + bp->padding;
	float th = items_height(head), ch = items_height(tail);
	float total = 2 * inset + th + (head->n ? 3 : 0) + draw_h + (tail->n ? 3 : 0) + ch;
	op_list l = {arena_alloc(lc->mem, sizeof *l.ops * (size_t)(count_ops(head) + c->nops + count_ops(tail) + 2)), 0};
	item *it = items_add(lc, out, IT_LINE);
	if (!l.ops || !it)
		return;
	if (bp->has_background)
		l.ops[l.n++] = (op){.kind = OP_FILL, .x = x, .w = width, .h = total, .color = bp->background};
	float y = append_items(&l, head, inset) + (head->n ? 3 : 0);
	append_ops(&l, c->ops, c->nops, y);
	append_items(&l, tail, y + draw_h + (tail->n ? 3 : 0));
	if (bp->border > 0)
		l.ops[l.n++] = (op){.kind = OP_STROKE, .x = x + bp->border / 2, .y = bp->border / 2, .w = width - bp->border,
		                    .h = total - bp->border, .size = bp->border, .color = bp->border_color};
	it->height = total;
	it->ops = l.ops;
	it->nops = l.n;
}

/* Right edge of what the drawing draws [pt, same origin as its ops]. */
static float drawing_right(const chart *c)
{
	float right = 0;
	for (int i = 0; i < c->nops; i++) {
		const op *o = &c->ops[i];
		float r = o->x + (o->w > 0 ? o->w : 0);
		for (int k = 0; o->kind == OP_PATH && k < o->npath; k++)
			r = maxf(r, o->x + o->path[k].x);
		right = maxf(right, r);
	}
	return right;
}

/* The alternative text of a chart drawn as a Figure: its title and every
 * value, series by series ("Titre. Série : catégorie 12 %, …"), so that a
 * reader who cannot see the bars still has the numbers. */
static void describe_chart(layout_ctx *lc, const chart_data *d)
{
	if (!lc->tree || lc->struct_parent <= 0)
		return;
	struct_elem *e = &lc->tree->elems[lc->struct_parent];
	if (e->alt || strcmp(e->role, "Figure") != 0)
		return;
	size_t cap = 256, len = 0;
	for (int i = 0; i < d->ncat * d->nser; i++)
		cap += strlen(d->cat[i % d->ncat]) + 64;
	for (int s = 0; s < d->nser; s++)
		cap += d->ser[s] ? strlen(d->ser[s]) + 4 : 0;
	const char *title = d->title ? collapsed_text(lc, d->title) : NULL;
	cap += title ? strlen(title) : 0;
	char *buf = arena_alloc(lc->mem, cap);
	if (!buf)
		return;
	len += (size_t)snprintf(buf, cap, "Graphique%s%s.", title ? " : " : "", title ? title : "");
	for (int s = 0; s < d->nser; s++) {
		len += (size_t)snprintf(buf + len, cap - len, " %s%s", d->ser[s] ? d->ser[s] : "", d->ser[s] ? " :" : "");
		for (int k = 0; k < d->ncat; k++) {
			char v[48];
			double x = d->v[s * d->ncat + k];
			if (chart_format_value(x, x == (double)(long long)x ? 0 : 2, d->unit, NULL, v, sizeof v) < 0)
				v[0] = 0;
			len += (size_t)snprintf(buf + len, cap - len, " %s %s%s%s", d->cat[k], v,
			                        d->est[s * d->ncat + k] ? " (estimation)" : "", k + 1 < d->ncat ? "," : ".");
		}
	}
	e->alt = buf;
}

void layout_chart(layout_ctx *lc, xmlNodePtr node, const style *st, hspan col, item_list *out)
{
	float x = col.x, width = col.width;
	chart_data *d = arena_alloc(lc->mem, sizeof *d);
	if (!d || chart_read(lc, node, d) != 0)
		return;
	describe_chart(lc, d);
	block_props bp;
	block_props_read(lc, node, &bp);
	float inset = bp.border + bp.padding, ix = x + inset, iw = width - 2 * inset;
	item_list head = {0}, tail = {0};
	if (d->title)
		text_part(lc, d->title, st, 1, ix, iw, &head);
	lc->pending_marker = NULL; /* drawn on the title, or not at all */
	for (int i = 0; i < d->ncaptions; i++)
		text_part(lc, d->captions[i], st, 0, ix, iw, &tail);
	font_metrics m = font_get_metrics(lc->fonts, style_face(lc, st));
	chart c = {.lc = lc, .d = d, .face = style_face(lc, st), .fs = st->size, .asc = m.ascender,
	           .desc = m.descender, .ink = st->color};
	float plot_h = plot_size(d, iw), draw_h = draw(&c, ix, iw, plot_h);
	/* Taller than a page: a smaller plot rather than a cut chart. */
	float total = 2 * inset + items_height(&head) + items_height(&tail) + draw_h + 6;
	if (lc->max_item_height > 0 && total > lc->max_item_height && plot_h > 0) {
		float smaller = plot_h - (total - lc->max_item_height);
		if (smaller >= 40)
			draw_h = draw(&c, ix, iw, smaller);
	}
	/* Labels and bars need room; in a column too narrow for them they
	 * overflow into what is beside it: said, not hidden. */
	float right = drawing_right(&c);
	if (right > ix + iw + 0.5f) {
		char msg[160];
		snprintf(msg, sizeof msg, "colonne trop étroite (%.0f pt) : le graphique en déborde de %.0f pt", (double)iw,
		         (double)(right - ix - iw));
		warn(lc, node, msg);
	}
	emit(lc, &bp, x, width, &head, &c, draw_h, &tail, out);
}
