/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_chart.c — unit tests of charts (src/layout_chart.c) without any PDF.
 *
 * The pure parts are called directly: nice-number steps, French labels,
 * the palette. The layout cases are layout trees written as XML strings in
 * the layout vocabulary, checked against schema/layout.xsd, laid out with
 * paginate_document() as src/delib.c does, and judged on the resulting ops:
 * bars (OP_PATH rectangles) as long as their values say, tick and category
 * labels as texts, pie sectors whose Bézier arcs add up to 360°, and a
 * chart that does not fit the space left moving to the next page with its
 * title. TEST_CHART_DUMP=1 prints each case's layout dump.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "layout_fixture.h"
#include <libxml/parser.h>

#include "arena.h"
#include "diag.h"
#include "dump.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "layout_chart.h"
#include "page.h"
#include "parse.h"

#ifndef DELIB_SOURCE_DIR
#define DELIB_SOURCE_DIR "."
#endif
#define NNBSP "\xe2\x80\xaf"
#define PI 3.14159265358979323846

#define PAGE_H 841.89f
#define MARGIN 56.7f
#define BODY_H (PAGE_H - 2 * MARGIN)

#define DOC_OPEN                                                                                     \
	"<document xmlns=\"urn:delib:layout:1\" font-family=\"DejaVu Sans\" font-size=\"10\""          \
	" line-height=\"1.25\">"
#define A4_TEMPLATE                                                                                  \
	"<page-template name=\"a4\" width=\"595.28\" height=\"841.89\" margin-top=\"56.7\""             \
	" margin-bottom=\"56.7\" margin-left=\"56.7\" margin-right=\"56.7\"/>"
#define SEQ_OPEN "<sequence template=\"a4\">"
#define DOC_CLOSE "</sequence></document>"

/* ------------------------------------------------------------------ fixture */



static void assert_near(double got, double want, double tol, const char *what)
{
	if (fabs(got - want) > tol) {
		fprintf(stderr, "%s: got %.4f, expected %.4f (± %.4f)\n", what, got, want, tol);
		fail();
	}
}

/* ------------------------------------------------------------------ op helpers */

static int text_is(const op *o, const char *s)
{
	return o->kind == OP_TEXT && o->len == (int)strlen(s) && memcmp(o->text, s, (size_t)o->len) == 0;
}

/* The first text op of the document equal to s, and its page. */
static const op *find_text(const doc_pages *d, const char *s, int *pgi)
{
	for (int i = 0; i < d->npages; i++)
		for (int k = 0; k < d->pages[i].nops; k++)
			if (text_is(&d->pages[i].ops[k], s)) {
				if (pgi)
					*pgi = i;
				return &d->pages[i].ops[k];
			}
	return NULL;
}

static void assert_text(const doc_pages *d, const char *s)
{
	if (!find_text(d, s, NULL)) {
		fprintf(stderr, "no text op \"%s\" in the document\n", s);
		fail();
	}
}

/* The OP_PATH ops of a page, in drawing order. */
static int paths(const page *p, const op **out, int max)
{
	int n = 0;
	for (int k = 0; k < p->nops && n < max; k++)
		if (p->ops[k].kind == OP_PATH)
			out[n++] = &p->ops[k];
	return n;
}

/* Bounding box of a path's end points, absolute [pt]. */
static void path_box(const op *o, float *x0, float *y0, float *x1, float *y1)
{
	*x0 = *y0 = 1e9f;
	*x1 = *y1 = -1e9f;
	for (int i = 0; i < o->npath; i++) {
		if (o->path[i].cmd == PATH_CLOSE)
			continue;
		float x = o->x + o->path[i].x, y = o->y + o->path[i].y;
		*x0 = fminf(*x0, x);
		*x1 = fmaxf(*x1, x);
		*y0 = fminf(*y0, y);
		*y1 = fmaxf(*y1, y);
	}
}

/* The bars of a chart: rectangles (5 segments) bigger than a legend swatch. */
static int bars(const page *p, const op **out, int max)
{
	const op *all[256];
	int n = paths(p, all, 256), nb = 0;
	for (int i = 0; i < n && nb < max; i++) {
		float x0, y0, x1, y1;
		path_box(all[i], &x0, &y0, &x1, &y1);
		if (all[i]->npath == 5 && (x1 - x0 > 12 || y1 - y0 > 12))
			out[nb++] = all[i];
	}
	return nb;
}

static int has_curve(const op *o)
{
	for (int i = 0; i < o->npath; i++)
		if (o->path[i].cmd == PATH_CURVE)
			return 1;
	return 0;
}

/* Angle [rad, clockwise from 12 o'clock] of a point relative to a centre,
 * y downwards, in [0, 2π). */
static double angle_of(float x, float y)
{
	double a = atan2(x, -y);
	return a < 0 ? a + 2 * PI : a;
}

/* Sweep [degrees] of a sector path: M centre, L arc start, C…, Z; or a
 * whole circle: M start, C × 4, Z. Checks every arc point is on the circle. */
static double sector_sweep(const op *o, double *start, double *radius)
{
	int i = 0;
	if (o->path[0].cmd == PATH_MOVE && o->path[1].cmd == PATH_LINE)
		i = 1;
	double r = hypot(o->path[i].x, o->path[i].y), prev = angle_of(o->path[i].x, o->path[i].y), sweep = 0;
	*start = prev;
	for (i++; i < o->npath && o->path[i].cmd == PATH_CURVE; i++) {
		const path_seg *s = &o->path[i];
		assert_near(hypot(s->x, s->y), r, 0.01, "arc end point on the circle");
		double a = angle_of(s->x, s->y), d = a - prev;
		if (d <= 1e-9)
			d += 2 * PI;
		assert_true(d <= PI / 2 + 1e-6); /* one Bézier per 90° at most */
		/* The curve's midpoint (t = 1/2) lies on the circle too. */
		const path_seg *from = &o->path[i - 1];
		double mx = (from->x + 3 * s->x1 + 3 * s->x2 + s->x) / 8, my = (from->y + 3 * s->y1 + 3 * s->y2 + s->y) / 8;
		assert_near(hypot(mx, my), r, r * 0.001, "Bézier midpoint on the circle");
		sweep += d;
		prev = a;
	}
	*radius = r;
	return sweep * 180 / PI;
}

/* ------------------------------------------------------------------ nice numbers */

static void nice_steps(void **state)
{
	(void)state;
	static const struct {
		double lo, hi;
		int max_steps;
		double step, min, max;
		int nsteps;
	} cases[] = {
		{0, 3.5, 7, 0.5, 0, 3.5, 7},     /* the sample's bar chart */
		{0, 3, 5, 1, 0, 3, 3},
		{0, 100, 5, 20, 0, 100, 5},
		{0, 97, 5, 20, 0, 100, 5},
		{0, 1234, 6, 500, 0, 1500, 3},
		{0, 0.07, 5, 0.02, 0, 0.08, 4},
		{-35, 80, 6, 20, -40, 80, 6},
		{0, 1e6, 4, 5e5, 0, 1e6, 2},
		{0, 0, 5, 0.2, 0, 1, 5},         /* empty range at zero */
		{5, 5, 5, 1, 0, 5, 5},           /* empty range: down to zero */
		{-7, -7, 5, 2, -8, 0, 4},
		{0, 10, 10, 1, 0, 10, 10},
		{0, 10, 5, 2, 0, 10, 5},
		{0, 10, 2, 5, 0, 10, 2},
		{0, 10, 1, 10, 0, 10, 1},
		{0, 2.5, 5, 0.5, 0, 2.5, 5},
		{12, 97, 8, 20, 0, 100, 5},
		{0, 30, 6, 5, 0, 30, 6},
		{0.001, 0.0042, 4, 0.001, 0.001, 0.005, 4}, /* zero is the caller's business */
		{0, 45000, 5, 10000, 0, 50000, 5},
		{-1, 1, 4, 0.5, -1, 1, 4},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		chart_scale sc;
		int rc = chart_nice_scale(cases[i].lo, cases[i].hi, cases[i].max_steps, &sc);
		int ok = rc == 0 && fabs(sc.step - cases[i].step) < cases[i].step * 1e-9 &&
		         fabs(sc.min - cases[i].min) < cases[i].step * 1e-9 &&
		         fabs(sc.max - cases[i].max) < cases[i].step * 1e-9 && sc.nsteps == cases[i].nsteps;
		if (!ok) {
			fprintf(stderr, "[%g, %g] in %d steps: got rc %d step %g min %g max %g (%d steps)\n", cases[i].lo,
			        cases[i].hi, cases[i].max_steps, rc, sc.step, sc.min, sc.max, sc.nsteps);
			fail();
		}
	}
}

/* Every range from 1e-4 to 1e7, every budget from 2 to 10 steps: the step
 * is 1, 2 or 5 × 10^n, the axis covers the data, the budget is kept, and
 * the step is the smallest nice one that keeps it. */
static void nice_steps_property(void **state)
{
	(void)state;
	for (double hi = 1e-4; hi < 1e7; hi *= 1.37) {
		for (int n = 2; n <= 10; n++) {
			for (int neg = 0; neg < 2; neg++) {
				double lo = neg ? -hi * 0.43 : 0;
				chart_scale sc;
				assert_int_equal(chart_nice_scale(lo, hi, n, &sc), 0);
				double mag = pow(10, floor(log10(sc.step) + 1e-9)), m = sc.step / mag;
				if (!(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9)) {
					fprintf(stderr, "[%g, %g] / %d: step %g is not 1, 2 or 5 × 10^n\n", lo, hi, n, sc.step);
					fail();
				}
				assert_true(sc.min <= lo + sc.step * 1e-9);
				assert_true(sc.max >= hi - sc.step * 1e-9);
				assert_true(sc.nsteps >= 1 && sc.nsteps <= n);
				assert_near(sc.min + sc.nsteps * sc.step, sc.max, sc.step * 1e-6, "nsteps × step spans the axis");
				/* The next smaller nice step would need more than n steps. */
				double smaller = m == 1 ? 0.5 * sc.step : m == 2 ? 0.5 * sc.step : 0.4 * sc.step;
				double span = ceil(hi / smaller - 1e-9) - floor(lo / smaller + 1e-9);
				assert_true(span > n);
			}
		}
	}
	assert_near(chart_nice_step(1, 5), 0.2, 1e-12, "1 in 5 steps");
	assert_near(chart_nice_step(7, 7), 1, 1e-12, "7 in 7 steps");
	assert_near(chart_nice_step(0.3, 3), 0.1, 1e-12, "0.3 in 3 steps");
	assert_true(chart_nice_step(0, 5) == 0);
	assert_true(chart_nice_step(-1, 5) == 0);
	assert_true(chart_nice_step(1, 0) == 0);
	chart_scale sc;
	assert_int_equal(chart_nice_scale(2, 1, 5, &sc), -1);
	assert_int_equal(chart_nice_scale(0, NAN, 5, &sc), -1);
	assert_int_equal(chart_nice_scale(0, 1, 0, &sc), -1);
	assert_int_equal(chart_step_decimals(0.5), 1);
	assert_int_equal(chart_step_decimals(0.25), 2);
	assert_int_equal(chart_step_decimals(20), 0);
	assert_int_equal(chart_step_decimals(0.001), 3);
	assert_int_equal(chart_step_decimals(0.1 + 0.2), 1);
}

/* ------------------------------------------------------------------ French labels */

static void french_values(void **state)
{
	(void)state;
	static const struct {
		double v;
		int decimals;
		const char *unit, *mark, *want;
	} cases[] = {
		{2.5, -1, NULL, NULL, "2,5"},
		{30, -1, "%", NULL, "30" NNBSP "%"},
		{20574, -1, "€", NULL, "20" NNBSP "574" NNBSP "€"},
		{-1234.5, -1, NULL, NULL, "-1" NNBSP "234,5"},
		{0.1 + 0.2, -1, NULL, NULL, "0,3"},
		{3.14159, 1, NULL, NULL, "3,1"},
		{1.0, 1, NULL, NULL, "1"},
		{-0.0001, 2, NULL, NULL, "0"},
		{20, -1, "%", "*", "20" NNBSP "%*"},
		{3, -1, "", "*", "3*"},
		{1247, 0, NULL, NULL, "1" NNBSP "247"},
		{999, 0, NULL, NULL, "999"},
		{1500000, -1, "€", NULL, "1" NNBSP "500" NNBSP "000" NNBSP "€"},
		{0.5, 1, NULL, NULL, "0,5"},
		{2.25, 1, NULL, NULL, "2,3"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[64];
		int rc = chart_format_value(cases[i].v, cases[i].decimals, cases[i].unit, cases[i].mark, buf, sizeof buf);
		if (rc != 0 || strcmp(buf, cases[i].want) != 0) {
			fprintf(stderr, "%g: got rc %d \"%s\", expected \"%s\"\n", cases[i].v, rc, buf, cases[i].want);
			fail();
		}
	}
	char small[4] = "xyz";
	assert_int_equal(chart_format_value(20574, -1, NULL, NULL, small, sizeof small), -1);
	assert_string_equal(small, "");
	char buf[64] = "x";
	assert_int_equal(chart_format_value(NAN, -1, NULL, NULL, buf, sizeof buf), -1);
	assert_string_equal(buf, "");
	assert_int_equal(chart_format_value(1e16, -1, NULL, NULL, buf, sizeof buf), -1);
	assert_int_equal(chart_format_value(1, -1, NULL, NULL, NULL, 8), -1);
}

/* Six colours that stay apart printed in grey; the seventh comes round
 * again hatched. */
static void palette_in_grey(void **state)
{
	(void)state;
	float l[CHART_PALETTE_SIZE];
	for (int i = 0; i < CHART_PALETTE_SIZE; i++) {
		int hatch = -1;
		l[i] = chart_lightness(chart_palette(i, &hatch));
		assert_int_equal(hatch, 0);
	}
	for (int i = 0; i < CHART_PALETTE_SIZE; i++) {
		assert_true(fabsf(l[i] - l[(i + 1) % CHART_PALETTE_SIZE]) >= 29); /* neighbours */
		for (int j = i + 1; j < CHART_PALETTE_SIZE; j++)
			if (fabsf(l[i] - l[j]) < 13) {
				fprintf(stderr, "colours %d and %d: lightness %.1f and %.1f, too close in grey\n", i, j,
				        (double)l[i], (double)l[j]);
				fail();
			}
	}
	int hatch = 0;
	rgb c6 = chart_palette(CHART_PALETTE_SIZE, &hatch), c0 = chart_palette(0, NULL);
	assert_int_equal(hatch, 1);
	assert_true(c6.r == c0.r && c6.g == c0.g && c6.b == c0.b);
	assert_near(chart_lightness((rgb){0, 0, 0}), 0, 0.01, "L* of black");
	assert_near(chart_lightness((rgb){1, 1, 1}), 100, 0.05, "L* of white");
}

/* ------------------------------------------------------------------ bars */

#define BAR_CHART(attrs, series)                                                                     \
	DOC_OPEN A4_TEMPLATE SEQ_OPEN "<chart type=\"bar\"" attrs ">"                                    \
	"<title>Titre du graphique</title>"                                                              \
	"<category>Alpha</category><category>Bêta</category><category>Gamma</category>" series            \
	"</chart>" DOC_CLOSE

/* Vertical bars: one per value, in category order, standing on one
 * baseline, heights proportional to the values (37.5 on an axis up to 40
 * fills 187.5 of 200 pt); tick labels 0 … 40 and category labels as text,
 * each category label centred under its bar. */
static void bar_chart_vertical(void **state)
{
	(void)state;
	run r;
	lay_out(&r, BAR_CHART(" height=\"200\"", "<series name=\"Effectif\"><value>12</value><value>25</value>"
	                          "<value>37.5</value></series>"));
	assert_int_equal(r.pages.npages, 1);
	const page *p = &r.pages.pages[0];
	const op *b[8];
	assert_int_equal(bars(p, b, 8), 3);
	const double v[3] = {12, 25, 37.5};
	float x0[3], y0[3], x1[3], y1[3];
	for (int i = 0; i < 3; i++)
		path_box(b[i], &x0[i], &y0[i], &x1[i], &y1[i]);
	for (int i = 0; i < 3; i++) {
		assert_near(y1[i], y1[0], 0.01, "bars stand on one baseline");
		assert_near((y1[i] - y0[i]) / v[i], 200.0 / 40, 0.01, "bar height / value (200 pt for 40)");
		if (i > 0)
			assert_true(x0[i] > x1[i - 1]); /* left to right, no overlap */
	}
	/* Axis: 0 … 40, and the value labels. */
	const char *ticks[] = {"0", "10", "20", "30", "40"};
	for (size_t i = 0; i < 5; i++)
		assert_text(&r.pages, ticks[i]);
	assert_null(find_text(&r.pages, "45", NULL));
	assert_text(&r.pages, "12");
	assert_text(&r.pages, "37,5");
	const char *cats[] = {"Alpha", "Bêta", "Gamma"};
	for (int i = 0; i < 3; i++) {
		const op *t = find_text(&r.pages, cats[i], NULL);
		assert_non_null(t);
		assert_near(t->x + t->w / 2, (x0[i] + x1[i]) / 2, 0.05, "category label centred under its bar");
		assert_true(t->y > y1[i]);
	}
	/* The title comes first, above the drawing. */
	const op *title = find_text(&r.pages, "Titre du graphique", NULL);
	assert_non_null(title);
	assert_true(title->y < y0[2]);
	run_free(&r);
}

/* Horizontal bars: lengths proportional, category labels at the left. */
static void bar_chart_horizontal(void **state)
{
	(void)state;
	run r;
	lay_out(&r, BAR_CHART(" height=\"200\" orientation=\"horizontal\" step=\"5\"",
	                      "<series><value>5</value><value>10</value><value>20</value></series>"));
	const op *b[8];
	assert_int_equal(bars(&r.pages.pages[0], b, 8), 3);
	float x0[3], y0[3], x1[3], y1[3];
	for (int i = 0; i < 3; i++) {
		path_box(b[i], &x0[i], &y0[i], &x1[i], &y1[i]);
		assert_near(x0[i], x0[0], 0.01, "bars start on one baseline");
		if (i > 0)
			assert_true(y0[i] > y1[i - 1]); /* top to bottom */
	}
	assert_near((x1[1] - x0[1]) / (x1[0] - x0[0]), 2, 0.001, "10 is twice as long as 5");
	assert_near((x1[2] - x0[2]) / (x1[0] - x0[0]), 4, 0.001, "20 is four times 5");
	const char *ticks[] = {"0", "5", "10", "15", "20"}; /* step fixed at 5 */
	for (size_t i = 0; i < 5; i++)
		assert_text(&r.pages, ticks[i]);
	const op *alpha = find_text(&r.pages, "Alpha", NULL);
	assert_non_null(alpha);
	assert_true(alpha->x + alpha->w < x0[0]);
	run_free(&r);
}

/* Grouped: two bars per category side by side, in series colours, and a
 * legend naming the series. Stacked: one pile per category whose height
 * is the sum. */
static void bar_chart_grouped_and_stacked(void **state)
{
	(void)state;
	const char *series = "<series name=\"Femmes\"><value>2</value><value>4</value><value>6</value></series>"
	                     "<series name=\"Hommes\"><value>3</value><value>1</value><value>2</value></series>";
	char xml[2048];
	snprintf(xml, sizeof xml, BAR_CHART(" height=\"200\"%s", "%s"), "", series);
	run r;
	lay_out(&r, xml);
	const op *b[16];
	assert_int_equal(bars(&r.pages.pages[0], b, 16), 6);
	float x0[6], y0[6], x1[6], y1[6];
	for (int i = 0; i < 6; i++)
		path_box(b[i], &x0[i], &y0[i], &x1[i], &y1[i]);
	/* Drawn category by category, series by series: bar 2k and 2k+1 touch. */
	for (int k = 0; k < 3; k++) {
		assert_near(x1[2 * k], x0[2 * k + 1], 0.01, "the two series of a category side by side");
		assert_true(b[2 * k]->color.r != b[2 * k + 1]->color.r);
	}
	assert_near((y1[0] - y0[0]) * 3, (y1[1] - y0[1]) * 2, 0.05, "2 and 3 proportional");
	assert_text(&r.pages, "Femmes");
	assert_text(&r.pages, "Hommes");
	run_free(&r);

	snprintf(xml, sizeof xml, BAR_CHART(" height=\"200\"%s", "%s"), " stacking=\"stacked\"", series);
	lay_out(&r, xml);
	assert_int_equal(bars(&r.pages.pages[0], b, 16), 6);
	for (int i = 0; i < 6; i++)
		path_box(b[i], &x0[i], &y0[i], &x1[i], &y1[i]);
	const double sums[3] = {5, 5, 8};
	for (int k = 0; k < 3; k++) {
		assert_near(x0[2 * k], x0[2 * k + 1], 0.01, "a pile is one column");
		assert_near(y0[2 * k], y1[2 * k + 1], 0.01, "the second series sits on the first");
		assert_near((y1[2 * k] - y0[2 * k + 1]) / sums[k], (y1[2] - y0[3]) / 5, 0.01, "pile height ∝ sum");
	}
	run_free(&r);
}

/* data-table: every value as text, reconstructed ones with the mark. */
static void bar_chart_data_table(void **state)
{
	(void)state;
	run r;
	lay_out(&r, BAR_CHART(" height=\"200\" data-table=\"true\" value-labels=\"false\" unit=\"%\"",
	                      "<series name=\"Part\"><value>12.5</value><value estimated=\"true\">20</value>"
	                      "<value>67.5</value></series>"));
	assert_text(&r.pages, "12,5" NNBSP "%");
	assert_text(&r.pages, "20" NNBSP "%*");
	assert_text(&r.pages, "67,5" NNBSP "%");
	assert_text(&r.pages, "Part");
	run_free(&r);
}

/* ------------------------------------------------------------------ pie */

#define PIE_CATEGORIES                                                                               \
	"<category>Réorientation</category><category>Déménagement</category>"                            \
	"<category>Résolution totale</category><category>Résolution partielle</category>"                \
	"<category>Fin d'adhésion</category><category>Non adhésion</category>"

/* Six sectors whose arcs add up to 360°, each as wide as its share,
 * clockwise from 12 o'clock, arcs made of Béziers of 90° at most whose
 * points lie on the circle; labels "30 %" and "20 %*" as text. */
static void pie_chart_angles(void **state)
{
	(void)state;
	run r;
	lay_out(&r, DOC_OPEN A4_TEMPLATE SEQ_OPEN "<chart type=\"pie\" unit=\"%\" data-table=\"true\">"
	            "<title>Sorties</title>" PIE_CATEGORIES
	            "<series><value estimated=\"true\">20</value><value estimated=\"true\">10</value><value>30</value>"
	            "<value estimated=\"true\">25</value><value estimated=\"true\">10</value>"
	            "<value estimated=\"true\">5</value></series></chart>" DOC_CLOSE);
	const op *all[64], *sec[16];
	int n = paths(&r.pages.pages[0], all, 64), ns = 0;
	for (int i = 0; i < n; i++)
		if (has_curve(all[i]))
			sec[ns++] = all[i];
	assert_int_equal(ns, 6);
	const double share[6] = {20, 10, 30, 25, 10, 5};
	double total = 0, expect_start = 0, r0 = -1;
	for (int i = 0; i < 6; i++) {
		double start, radius, sweep = sector_sweep(sec[i], &start, &radius);
		assert_near(sweep, 360 * share[i] / 100, 0.01, "sector angle ∝ value");
		assert_near(start * 180 / PI, expect_start, 0.01, "sectors follow each other clockwise from 12 o'clock");
		assert_near(sec[i]->x, sec[0]->x, 0.001, "one centre");
		if (r0 < 0)
			r0 = radius;
		assert_near(radius, r0, 0.01, "one radius");
		expect_start += sweep;
		total += sweep;
	}
	assert_near(total, 360, 0.01, "the sectors make a whole circle");
	assert_text(&r.pages, "30" NNBSP "%");
	assert_text(&r.pages, "20" NNBSP "%*");
	assert_text(&r.pages, "Résolution partielle");
	run_free(&r);
}

/* One non-zero value: a whole circle without radius, 4 quarter arcs; the
 * zero-valued categories still appear in the legend. */
static void pie_chart_single_value(void **state)
{
	(void)state;
	run r;
	lay_out(&r, DOC_OPEN A4_TEMPLATE SEQ_OPEN "<chart type=\"pie\">" PIE_CATEGORIES
	            "<series><value>0</value><value>0</value><value>7</value><value>0</value><value>0</value>"
	            "<value>0</value></series></chart>" DOC_CLOSE);
	const op *all[64];
	int n = paths(&r.pages.pages[0], all, 64), found = 0;
	for (int i = 0; i < n; i++) {
		if (!has_curve(all[i]))
			continue;
		double start, radius;
		assert_near(sector_sweep(all[i], &start, &radius), 360, 0.01, "a whole circle");
		assert_int_equal(all[i]->path[0].cmd, PATH_MOVE);
		assert_int_equal(all[i]->path[1].cmd, PATH_CURVE);
		found++;
	}
	assert_int_equal(found, 1);
	assert_text(&r.pages, "Non adhésion");
	assert_text(&r.pages, "7 (100" NNBSP "%)"); /* not percentages: the share is added */
	run_free(&r);
}

/* ------------------------------------------------------------------ pagination */

/* A spacer leaves `room` pt at the bottom of page 1, then a heading and a
 * 200 pt chart with its title. */
static char *paged_doc(float room)
{
	static char xml[2048];
	snprintf(xml, sizeof xml,
	         DOC_OPEN A4_TEMPLATE SEQ_OPEN "<spacer height=\"%.2f\"/><p>Avant le graphique.</p>"
	         "<chart type=\"bar\" height=\"200\"><title>Graphique mobile</title>"
	         "<category>A</category><category>B</category>"
	         "<series><value>1</value><value>2</value></series>"
	         "<caption>Source : essai.</caption></chart><p>Après le graphique.</p>" DOC_CLOSE,
	         (double)(BODY_H - 12.5f - room));
	return strdup(xml);
}

static void chart_moves_with_title(void **state)
{
	(void)state;
	/* Control: with 400 pt left, everything stays on page 1. */
	char *xml = paged_doc(400);
	run r;
	lay_out(&r, xml);
	free(xml);
	int pg = -1;
	assert_non_null(find_text(&r.pages, "Graphique mobile", &pg));
	assert_int_equal(pg, 0);
	assert_int_equal(r.pages.npages, 1);
	run_free(&r);

	/* 150 pt left: the title alone would fit, the chart not. Title,
	 * drawing and caption all go to page 2, the title first at its top,
	 * and page 1 keeps nothing of the chart. */
	xml = paged_doc(150);
	lay_out(&r, xml);
	free(xml);
	assert_int_equal(r.pages.npages, 2);
	const op *title = find_text(&r.pages, "Graphique mobile", &pg);
	assert_non_null(title);
	assert_int_equal(pg, 1);
	assert_non_null(find_text(&r.pages, "Source : essai.", &pg));
	assert_int_equal(pg, 1);
	assert_non_null(find_text(&r.pages, "Avant le graphique.", &pg));
	assert_int_equal(pg, 0);
	const op *b[8];
	assert_int_equal(bars(&r.pages.pages[0], b, 8), 0);
	assert_int_equal(bars(&r.pages.pages[1], b, 8), 2);
	assert_true(title->y < MARGIN + 20);
	for (int k = 0; k < r.pages.pages[1].nops; k++) {
		const op *o = &r.pages.pages[1].ops[k];
		if (o != title && o->kind == OP_TEXT)
			assert_true(o->y > title->y);
	}
	assert_int_equal(r.diags.n, 0);
	run_free(&r);
}

/* A heading before the chart keeps with it: both move. */
static void heading_keeps_with_chart(void **state)
{
	(void)state;
	char xml[2048];
	snprintf(xml, sizeof xml,
	         DOC_OPEN A4_TEMPLATE SEQ_OPEN "<spacer height=\"%.2f\"/><h level=\"2\">Section</h>"
	         "<chart type=\"pie\" height=\"120\"><category>A</category><category>B</category>"
	         "<series><value>1</value><value>3</value></series></chart>" DOC_CLOSE,
	         (double)(BODY_H - 60));
	run r;
	lay_out(&r, xml);
	int pg = -1;
	assert_non_null(find_text(&r.pages, "Section", &pg));
	assert_int_equal(pg, 1);
	run_free(&r);
}

/* A chart asked taller than a page is drawn smaller, on one page, without
 * an overflow. */
static void chart_taller_than_page_shrinks(void **state)
{
	(void)state;
	run r;
	lay_out(&r, BAR_CHART(" height=\"2000\"", "<series><value>1</value><value>2</value><value>3</value></series>"));
	assert_int_equal(r.pages.npages, 1);
	assert_int_equal(r.diags.n, 0);
	const op *b[8];
	assert_int_equal(bars(&r.pages.pages[0], b, 8), 3);
	float x0, y0, x1, y1;
	path_box(b[2], &x0, &y0, &x1, &y1);
	assert_true(y1 < PAGE_H - MARGIN);
	run_free(&r);
}

/* A chart in a table cell stays inside its cell. */
static void chart_in_table_cell(void **state)
{
	(void)state;
	run r;
	lay_out(&r, DOC_OPEN A4_TEMPLATE SEQ_OPEN "<table><col width=\"30%\"/><col width=\"70%\"/><tbody><tr>"
	            "<td>Gauche</td><td><p>Avant</p><chart type=\"bar\" font-size=\"7\"><title>Dans la cellule</title>"
	            "<category>Un</category><category>Deux</category>"
	            "<series><value>3</value><value>1</value></series></chart></td></tr></tbody></table>" DOC_CLOSE);
	const op *b[8];
	assert_int_equal(bars(&r.pages.pages[0], b, 8), 2);
	float left = MARGIN + 0.3f * (595.28f - 2 * MARGIN), right = 595.28f - MARGIN;
	for (int i = 0; i < 2; i++) {
		float x0, y0, x1, y1;
		path_box(b[i], &x0, &y0, &x1, &y1);
		assert_true(x0 > left && x1 < right);
	}
	const op *avant = find_text(&r.pages, "Avant", NULL), *title = find_text(&r.pages, "Dans la cellule", NULL);
	assert_non_null(avant);
	assert_non_null(title);
	assert_true(title->y > avant->y);
	run_free(&r);
}

/* Odd data never crashes nor yields a coordinate that is not a number:
 * all zeros, negatives piled, one category, a column of 20 pt, huge
 * values (labels "?"), twelve sectors of which most are tiny. */
static void odd_data_stays_finite(void **state)
{
	(void)state;
	static const char *const charts[] = {
		"<chart type=\"bar\"><category>A</category><series><value>0</value></series></chart>",
		"<chart type=\"pie\"><category>A</category><category>B</category>"
		"<series><value>0</value><value>0</value></series></chart>",
		"<chart type=\"bar\" stacking=\"stacked\" orientation=\"horizontal\"><category>A</category>"
		"<category>B</category><series><value>-5</value><value>3</value></series>"
		"<series><value>-2</value><value>-7</value></series></chart>",
		"<chart type=\"bar\" min=\"10\" max=\"5\" step=\"0.001\"><category>A</category>"
		"<series><value>7</value></series></chart>",
		"<table><col width=\"20\"/><col width=\"auto\"/><tbody><tr><td><chart type=\"bar\">"
		"<category>Catégorie longue</category><category>B</category><series><value>1</value><value>2</value>"
		"</series></chart></td><td><chart type=\"pie\" orientation=\"horizontal\"><category>A</category>"
		"<series><value>1</value></series></chart></td></tr></tbody></table>",
		"<chart type=\"bar\" data-table=\"true\"><category>A</category><series>"
		"<value>99999999999999999999</value></series></chart>",
		"<chart type=\"pie\" data-table=\"true\"><category>1</category><category>2</category>"
		"<category>3</category><category>4</category><category>5</category><category>6</category>"
		"<category>7</category><category>8</category><category>9</category><category>10</category>"
		"<category>11</category><category>12</category><series><value>90</value><value>1</value>"
		"<value>1</value><value>1</value><value>1</value><value>1</value><value>1</value><value>1</value>"
		"<value>1</value><value>1</value><value>0.5</value><value>0.5</value></series></chart>",
	};
	for (size_t i = 0; i < sizeof charts / sizeof *charts; i++) {
		char xml[4096];
		snprintf(xml, sizeof xml, DOC_OPEN A4_TEMPLATE SEQ_OPEN "%s" DOC_CLOSE, charts[i]);
		run r;
		lay_out(&r, xml);
		for (int pg = 0; pg < r.pages.npages; pg++)
			for (int k = 0; k < r.pages.pages[pg].nops; k++) {
				const op *o = &r.pages.pages[pg].ops[k];
				int ok = isfinite(o->x) && isfinite(o->y) && isfinite(o->w) && isfinite(o->h);
				for (int j = 0; j < o->npath; j++)
					ok = ok && isfinite(o->path[j].x) && isfinite(o->path[j].y) && isfinite(o->path[j].x1) &&
					     isfinite(o->path[j].y2);
				if (!ok) {
					fprintf(stderr, "case %zu: op %d of page %d has a coordinate that is not finite\n", i, k, pg + 1);
					fail();
				}
			}
		run_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nice_steps),
		cmocka_unit_test(nice_steps_property),
		cmocka_unit_test(french_values),
		cmocka_unit_test(palette_in_grey),
		cmocka_unit_test(bar_chart_vertical),
		cmocka_unit_test(bar_chart_horizontal),
		cmocka_unit_test(bar_chart_grouped_and_stacked),
		cmocka_unit_test(bar_chart_data_table),
		cmocka_unit_test(pie_chart_angles),
		cmocka_unit_test(pie_chart_single_value),
		cmocka_unit_test(chart_moves_with_title),
		cmocka_unit_test(heading_keeps_with_chart),
		cmocka_unit_test(chart_taller_than_page_shrinks),
		cmocka_unit_test(chart_in_table_cell),
		cmocka_unit_test(odd_data_stays_finite),
	};
	return cmocka_run_group_tests_name("chart", tests, group_setup, group_teardown);
}
