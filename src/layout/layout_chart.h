/* SPDX-License-Identifier: Apache-2.0 */
/* Charts (layout element `chart`, layout_chart.c): layout_chart() and the
 * pieces tests call directly (pure functions: no allocation, no global
 * state). */
#ifndef DELIB_LAYOUT_CHART_H
#define DELIB_LAYOUT_CHART_H
#include <stddef.h>
#include "layout.h"
#include "page.h"

/* A value axis from min to max, ticks every step (nsteps intervals). */
typedef struct chart_scale {
	double min, max, step;
	int nsteps;
	int decimals;  /* decimals a tick label needs (0 for step 1, 1 for 0.5) */
} chart_scale;

/* The "nice" step for a range [any unit]: the smallest of 1, 2 or 5 × 10^n
 * that cuts `range` into at most max_steps steps. range > 0 and
 * max_steps >= 1, else 0. */
double chart_nice_step(double range, int max_steps);

/* The axis that covers [lo, hi] with nice numbers: min and max are
 * multiples of the step, at most max_steps steps. An empty range (lo == hi)
 * is widened to reach 0 (or to [0, 1] when both are 0). 0 ok, -1 on bad
 * input (lo > hi, not finite, max_steps < 1). */
int chart_nice_scale(double lo, double hi, int max_steps, chart_scale *out);

/* Decimals needed to print multiples of step exactly (0..6). */
int chart_step_decimals(double step);

/* The French label of a value: "2,5", "30 %", "20 574 €", "-1 234,5";
 * a narrow no-break space (U+202F) between groups of thousands and before
 * the unit; then `mark` ("*" for a reconstructed value) when not NULL.
 * decimals >= 0 rounds to that many decimals first, -1 keeps the value's
 * own (at most six; trailing zeros are never printed). 0 ok, -1 on bad
 * input or a buffer too small (buf then holds "" if cap > 0). */
int chart_format_value(double v, int decimals, const char *unit, const char *mark, char *buf, size_t cap);

/* Colour i of the palette. Six colours whose lightness (CIE L* 18 to 93,
 * about 15 apart) stays distinct printed in grey, ordered so that
 * neighbours differ most;
 * from the seventh on the colours come round again hatched (*hatch = 1). */
#define CHART_PALETTE_SIZE 6
rgb chart_palette(int i, int *hatch);
/* CIE L* (0 black .. 100 white) of an sRGB colour: picks the ink of a label
 * drawn over it. */
float chart_lightness(rgb c);
/* A chart (bars or pie) as one unbreakable item holding its title,
 * drawing, legend or data table and captions, in `col`. */
void layout_chart(layout_ctx *lc, xmlNodePtr node, const style *st, hspan col, item_list *out);
#endif
