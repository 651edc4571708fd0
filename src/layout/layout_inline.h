/* SPDX-License-Identifier: Apache-2.0 */
/* A paragraph's inline content → line items (layout_inline.c). */
#ifndef DELIB_LAYOUT_INLINE_H
#define DELIB_LAYOUT_INLINE_H
#include "layout.h"

typedef struct para_opts {
	float width;             /* [pt] available for the lines */
	float x;                 /* [pt] left offset of the lines */
	float first_indent;      /* [pt] */
	const char *marker;      /* list marker drawn on the first line, or NULL */
	float marker_x;          /* [pt] */
} para_opts;
void layout_paragraph(layout_ctx *lc, xmlNodePtr node, const style *st, const para_opts *po, item_list *out);
/* min-content (longest word) and max-content (one line) widths of inline content. */
void measure_inline(layout_ctx *lc, xmlNodePtr node, const style *st, float *min_w, float *max_w);
float text_width(layout_ctx *lc, const style *st, const char *s, int len);
/* [pt] Width of s[0..len) from its decimal comma (the last comma between
 * two digits) to its end, trailing spaces left out; 0 without one. What
 * ALIGN_DECIMAL keeps right of the comma. */
float decimal_tail_width(layout_ctx *lc, const style *st, const char *s, int len);
/* [pt] The widest number, amount, date or identifier (a word never cut) of
 * inline content, its text copied into shown (NUL-terminated, cut on a
 * character); 0 when it has none. */
float widest_number(layout_ctx *lc, xmlNodePtr node, const style *st, char *shown, size_t cap);
int style_face(layout_ctx *lc, const style *st);
#endif
