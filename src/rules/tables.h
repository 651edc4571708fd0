/* SPDX-License-Identifier: Apache-2.0 */
/* The structure of the annex's tables: spans within the declared columns
 * and within their section's rows (tables.c). */
#ifndef DELIB_TABLES_H
#define DELIB_TABLES_H
#include <libxml/tree.h>
#include "diag.h"
#include "srcpos.h"

/* The bounds deliberation.xsd sets (and layout.xsd, for what templates
 * write): columns of a table (elements colonne, @colonnes), rows a merged
 * cell covers (@lignes). */
#define TABLE_MAX_COLUMNS 100
#define TABLE_MAX_ROWSPAN 1000

/* Checks every d:tableau of doc (valid against deliberation.xsd); returns
 * the number of errors added to diags. */
int check_tables(xmlDocPtr doc, srcpos *pos, diag_list *diags);
#endif
