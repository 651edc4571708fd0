/* SPDX-License-Identifier: Apache-2.0 */
#ifndef DELIB_LISTE_H
#define DELIB_LISTE_H
#include <libxml/tree.h>
#include "diag.h"
#include "seance_files.h"

/* Checks that the entries make one séance's list, then sorts them by
 * number. Returns the number of errors reported. */
int liste_check(liste_entry *entries, int n, diag_list *dl);
/* The list document the template's liste.xsl reads; NULL if out of memory. */
xmlDocPtr liste_document(const liste_entry *entries, int n);
#endif
