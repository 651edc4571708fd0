/* SPDX-License-Identifier: Apache-2.0 */
/* The deliberation files of one séance, taken together: its list
 * (liste.c) and its convocation (convocation_doc.c) are made from them.
 * What both need: the entries, the check that they are one séance of one
 * collectivity with distinct numbers, and small readers of the tree. */
#ifndef DELIB_SEANCE_FILES_H
#define DELIB_SEANCE_FILES_H
#include <libxml/tree.h>
#include "diag.h"

typedef struct liste_entry {
	xmlDocPtr doc;          /* the validated deliberation */
	const char *name;       /* its file, for diagnostics */
	const char *numero;     /* its number (in doc) */
	char label[48];         /* what messages call it when name does not tell
	                           it from the others (several projets of one
	                           request body); "": name */
} liste_entry;

/* Checks that the entries are of the séance and collectivity of the first
 * (date and SIREN), each other one reported at its file and line; with
 * need_vote, that each holds a vote (the list carries only acts voted);
 * then sorts them by number (…-9 before …-10) and reports a number given
 * twice. Returns the number of errors reported. */
int seance_files_check(liste_entry *entries, int n, int need_vote, diag_list *dl);

/* A new document whose root element root_name, in the deliberation
 * namespace, holds copies of the collectivite and seance of the first
 * entry (what the list and the convocation start with); *root set. NULL if
 * out of memory. */
xmlDocPtr seance_document_new(const liste_entry *entries, const char *root_name, xmlNodePtr *root);

/* The first element child of parent named name, or NULL (parent may be NULL). */
xmlNodePtr dom_child(xmlNodePtr parent, const char *name);
/* The value of attribute name of n, or NULL (n may be NULL). */
const char *dom_attr(xmlNodePtr n, const char *name);
/* Both set and equal. */
int dom_same(const char *a, const char *b);
#endif
