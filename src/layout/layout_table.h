/* SPDX-License-Identifier: Apache-2.0 */
/* Tables → row groups that split across pages (layout_table.c). A cell
 * holds blocks: the one mutual recursion of the layer, with layout_block.c. */
#ifndef DELIB_LAYOUT_TABLE_H
#define DELIB_LAYOUT_TABLE_H
#include "layout.h"

void layout_table(layout_ctx *lc, xmlNodePtr node, const style *st, hspan col, item_list *out);
/* Places as much of the table as fits in `avail` [pt]; appends ops at
 * (x, y) of page p; returns the height used, or -1 when nothing could be
 * placed (the caller starts a new page); *done set when finished. */
float table_place(layout_ctx *lc, table_layout *t, page *p, float x, float y, float avail,
                  int page_is_fresh, int *done);
float table_min_height(const table_layout *t);
/* [pt] right edge of the table, from the left of the column it was laid out in. */
float table_right(const table_layout *t);
#endif
