/* SPDX-License-Identifier: Apache-2.0 */
/* The logical structure of the pages (page.h's struct_elem), built while
 * blocks are laid out: an element is opened around a block, and what the
 * block drew that no inner element claimed becomes its content. */
#ifndef DELIB_LAYOUT_STRUCT_H
#define DELIB_LAYOUT_STRUCT_H
#include "layout.h"

typedef struct struct_scope {
	int elem;    /* the element opened; 0: none; -1: an artefact block */
	int parent;  /* the element current before it */
	doc_pages *tree;
} struct_scope;

/* The role of a block element of the layout tree (its own role attribute
 * first), or NULL when it is no element of its own (a block of blocks). */
const char *struct_role(layout_ctx *lc, xmlNodePtr node);
/* Opens an element of that role under the current one; "artifact" opens
 * none and makes everything inside an artefact. NULL: nothing. */
struct_scope struct_open(layout_ctx *lc, const char *role);
/* Closes it: the content ops of out's items [first, out->n) not yet given
 * to an element become its content. */
void struct_close(layout_ctx *lc, struct_scope s, item_list *out, int first);
/* Content ops not yet given to an element become tag's. */
void struct_stamp(op *ops, int n, int tag);
/* The element opened last, for its attributes; NULL when none. */
struct_elem *struct_elem_of(layout_ctx *lc, struct_scope s);
#endif
