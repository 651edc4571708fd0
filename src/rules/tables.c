/* SPDX-License-Identifier: Apache-2.0 */
/* The structure of the annex's tables (d:tableau), checked on the
 * deliberation so that a wrong span is reported where its author wrote it,
 * before any template sees it: a cell must not reach past the table's
 * declared columns, a merged cell not past its section's last row. Without
 * this, layout could only squeeze or drop the cells, silently.
 *
 * One pass per section with, per column, the number of rows a cell from
 * above still covers: memory in the number of columns, never rows × columns
 * (a span is an input number; it must not size anything). */
#include "tables.h"
#include "namespaces.h"
#include "tree.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct section_walk {
	srcpos *pos;
	diag_list *diags;
	int ncols;
	int *covered;   /* [ncols] rows still covered by a cell from above */
	int errors;
} section_walk;

static int is_domain(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, NS_DELIBERATION) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* A span attribute (xs:positiveInteger, bounded by the schema): 1 when
 * absent; numbers past `max` read as max + 1, so that nothing here can
 * overflow whatever the number written. */
static long span_of(xmlNodePtr cell, const char *attr, long max)
{
	xmlChar *v = xmlGetProp(cell, (const xmlChar *)attr);
	if (!v)
		return 1;
	char *end;
	long n = strtol((const char *)v, &end, 10);
	int bad = end == (char *)v || *end;
	xmlFree(v);
	if (bad || n < 1)
		return 1;
	return n > max ? max + 1 : n;
}

static void report(section_walk *w, diag_code code, xmlNodePtr node, const char *attr, const char *what)
{
	int line = 0, col = 0;
	srcpos_find(w->pos, node, attr, &line, &col);
	diag_add(w->diags, code, line, col, what);
	w->errors++;
}

/* "elle couvre les colonnes 3 à 5, mais le tableau n'en a que 4". */
static void report_columns(section_walk *w, xmlNodePtr cell, long first, long span)
{
	char what[256], cols[64], have[64];
	if (span == 1)
		snprintf(cols, sizeof cols, "la colonne %ld", first);
	else
		snprintf(cols, sizeof cols, "les colonnes %ld à %ld", first, first + span - 1);
	if (w->ncols == 1)
		snprintf(have, sizeof have, "n'en a qu'une");
	else
		snprintf(have, sizeof have, "n'en a que %d", w->ncols);
	snprintf(what, sizeof what, "elle couvre %s, mais le tableau %s (éléments « colonne »)", cols, have);
	report(w, D_TABLE_COLUMNS, cell, xmlHasProp(cell, (const xmlChar *)"colonnes") ? "colonnes" : NULL, what);
}

/* "elle couvre 3 lignes, mais sa section n'en a plus que 2 à partir d'elle". */
static void report_rows(section_walk *w, xmlNodePtr cell, long rows, int left)
{
	char what[160];
	snprintf(what, sizeof what, "elle couvre %ld lignes, mais %s", rows,
	         left == 1 ? "c'est la dernière ligne de sa section"
	                   : "sa section n'en a plus que ");
	if (left > 1) {
		size_t n = strlen(what);
		snprintf(what + n, sizeof what - n, "%d à partir d'elle", left);
	}
	report(w, D_TABLE_ROWS, cell, "lignes", what);
}

static int rows_of(xmlNodePtr section)
{
	int n = 0;
	for (xmlNodePtr r = section->children; r; r = r->next)
		n += is_domain(r, "ligne") || is_domain(r, "groupe");
	return n;
}

/* One row: its cells take the free columns from left to right. */
static void walk_row(section_walk *w, xmlNodePtr row, int row_index, int nrows)
{
	int c = 0;
	for (xmlNodePtr cell = row->children; cell; cell = cell->next) {
		if (!is_domain(cell, "cellule"))
			continue;
		while (c < w->ncols && w->covered[c] > 0)
			c++;
		long span = span_of(cell, "colonnes", TABLE_MAX_COLUMNS);
		long rows = span_of(cell, "lignes", TABLE_MAX_ROWSPAN);
		if (c + span > w->ncols) {
			report_columns(w, cell, (long)c + 1, span);
			break;  /* the rest of the row is past the table too */
		}
		if (row_index + rows > nrows)
			report_rows(w, cell, rows, nrows - row_index);
		for (long k = 0; k < span; k++)
			w->covered[c + k] = (int)(rows < nrows ? rows : nrows);
		c += (int)span;
	}
}

static void walk_section(section_walk *w, xmlNodePtr section)
{
	int nrows = rows_of(section), r = 0;
	memset(w->covered, 0, sizeof *w->covered * (size_t)w->ncols);
	for (xmlNodePtr row = section->children; row; row = row->next) {
		if (is_domain(row, "ligne"))
			walk_row(w, row, r, nrows);
		else if (!is_domain(row, "groupe"))
			continue;
		else if (w->ncols > 0)
			for (int c = 0; c < w->ncols; c++)  /* a heading row spans the table */
				if (w->covered[c] > 0) {
					report(w, D_TABLE_GROUP, row, NULL, "");
					break;
				}
		for (int c = 0; c < w->ncols; c++)
			if (w->covered[c] > 0)
				w->covered[c]--;
		r++;
	}
}

static int check_table(xmlNodePtr table, srcpos *pos, diag_list *diags)
{
	int ncols = 0;
	for (xmlNodePtr c = table->children; c; c = c->next)
		ncols += is_domain(c, "colonne");
	section_walk w = {.pos = pos, .diags = diags, .ncols = ncols};
	w.covered = calloc((size_t)(ncols > 0 ? ncols : 1), sizeof *w.covered);
	if (!w.covered) {
		diag_add(diags, D_NOMEM, 0, 0);
		return 1;
	}
	for (xmlNodePtr s = table->children; s; s = s->next)
		if (is_domain(s, "entete") || is_domain(s, "corps"))
			walk_section(&w, s);
	free(w.covered);
	return w.errors;
}

int check_tables(xmlDocPtr doc, srcpos *pos, diag_list *diags)
{
	int errors = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc), n = root;
	while (n) {
		int table = is_domain(n, "tableau");
		if (table)
			errors += check_table(n, pos, diags);
		n = tree_next(n, root, table);
	}
	return errors;
}
