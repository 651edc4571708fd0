/* SPDX-License-Identifier: Apache-2.0 */
/* Source positions of elements and attributes.
 *
 * libxml2 keeps one line per element (the line where its start tag ends,
 * capped at 65535) and no column. For diagnostics that point at the start
 * of an element, or at the attribute concerned, this module scans the
 * well-formed source once: the n-th start tag of the text is the n-th
 * element of the tree in document order (the parser refuses DTDs, so no
 * entity can add elements), which maps every element to the offset of its
 * "<", and an attribute to the offset of its name inside the start tag.
 *
 * Columns count characters (UTF-8 sequences), 1-based, as libxml2 does.
 */
#ifndef DELIB_SRCPOS_H
#define DELIB_SRCPOS_H
#include <stddef.h>
#include <libxml/tree.h>

typedef struct srcpos srcpos;

/* The index of doc parsed from xml[0..size), built at the first
 * srcpos_find. NULL when out of memory. When the text and the tree
 * disagree (another encoding than UTF-8 or ASCII-compatible, say),
 * srcpos_find falls back on libxml2's lines. The text must outlive the
 * index, and the tree must not change before its first use. */
srcpos *srcpos_new(const char *xml, size_t size, xmlDocPtr doc);
void srcpos_free(srcpos *p);

/* The index of doc, whose root element is a copy (xmlDocCopyNode) of
 * original, an element of the document whole indexes: positions in the
 * whole text, which is scanned once for all its parts. whole and its tree
 * must outlive the part's first use. NULL when out of memory. */
srcpos *srcpos_new_part(srcpos *whole, xmlNodePtr original, xmlDocPtr doc);

/* Position of node (an element, or an attribute node) or, when attr is not
 * NULL, of that attribute of the element node. Falls back on the element's
 * start, then on xmlGetLineNo() with column 0. p may be NULL. Not
 * thread-safe on a shared index (it may build it). */
void srcpos_find(srcpos *p, xmlNodePtr node, const char *attr, int *line, int *col);

/* Line and column of byte offset off of the text (1-based). */
void srcpos_line_col(const char *xml, size_t size, size_t off, int *line, int *col);

/* Offset of the first "<!DOCTYPE" outside comments and processing
 * instructions, or (size_t)-1. */
size_t srcpos_find_doctype(const char *xml, size_t size);
#endif
