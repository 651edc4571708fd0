/* SPDX-License-Identifier: Apache-2.0 */
/* Items → pages (paginate.c): the layout layer's entry point. */
#ifndef DELIB_PAGINATE_H
#define DELIB_PAGINATE_H
#include "layout.h"

/* Lays out the layout document whose root is `document_node` into `out`.
 * lc must have been started (layout_ctx_start). 0, or -1 on failure
 * (diagnostics in lc->diags). */
int paginate_document(layout_ctx *lc, xmlNodePtr document_node, doc_pages *out);
#endif
