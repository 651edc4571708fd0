/* SPDX-License-Identifier: Apache-2.0 */
/* The walk over a whole libxml2 tree that the checks of several stages do
 * (source positions, schema errors, tables, style and font references),
 * written once. Header only: base links no libxml2 code of its own. */
#ifndef DELIB_TREE_H
#define DELIB_TREE_H
#include <libxml/tree.h>

/* The node after n in document order inside root's subtree (start the walk
 * at root): n's first child unless skip_children or n is no element, else
 * the next sibling of n or of its nearest ancestor below root; NULL once
 * the subtree is done. No recursion: a layout tree's depth is the
 * template's to choose. */
static inline xmlNodePtr tree_next(xmlNodePtr n, const xmlNode *root, int skip_children)
{
	if (!skip_children && n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	while (n != root && !n->next)
		n = n->parent;
	return n != root ? n->next : NULL;
}
#endif
