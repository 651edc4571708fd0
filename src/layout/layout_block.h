/* SPDX-License-Identifier: Apache-2.0 */
/* Blocks → vertical items: the dispatcher of the layout layer
 * (layout_block.c). */
#ifndef DELIB_LAYOUT_BLOCK_H
#define DELIB_LAYOUT_BLOCK_H
#include "layout.h"

/* Lays out the block children of `parent` in `col`, appending items. */
void layout_blocks(layout_ctx *lc, xmlNodePtr parent, const style *st, hspan col, item_list *out);
/* Lays out a container whose content is inline text or blocks (td, item). */
void layout_flow_or_inline(layout_ctx *lc, xmlNodePtr node, const style *st, hspan col, item_list *out);
#endif
