/* SPDX-License-Identifier: Apache-2.0 */
/* The catalogue of diagnostics: one code per problem, each with a stable id,
 * a severity and a French message (printf format). Modelled on mandoc's
 * mandoc_msg.c: adding a diagnostic = one enum value + one row. Every id
 * the library emits is a row here, but for the consistency rules, whose
 * ids and severities are the rows of check.c's rules table (diag_add_rule).
 * Several codes may share an id when they are one problem worded for its
 * cases (compare.font: a font added, changed or gone). */
#ifndef DELIB_DIAG_H
#define DELIB_DIAG_H
#include "delib.h"

typedef enum diag_code {
	D_IO_READ,
	D_IO_WRITE,
	D_IO_OUTPUT,
	D_XML_EMPTY,
	D_XML_SYNTAX,
	D_XML_ENCODING,
	D_XML_LIMIT,
	D_XML_DTD,
	D_XML_ROOT,
	D_XML_SCHEMA,
	D_TEMPLATE_UNKNOWN,
	D_TEMPLATE_XSLT,
	D_TEMPLATE_LAYOUT,
	D_LAYOUT_UNKNOWN_TEMPLATE,
	D_LAYOUT_VALUE,
	D_FONT_MISSING,
	D_FONT_GLYPH,
	D_LAYOUT_OVERFLOW,
	D_LAYOUT_WORD_BROKEN,
	D_LAYOUT_UNBREAKABLE,
	D_LAYOUT_KEEP_TALL,
	D_LAYOUT_TALL_HEADER,
	D_LAYOUT_CHART,
	D_LAYOUT_TABLE_SIZE,
	D_LAYOUT_TABLE_CELL,
	D_LAYOUT_REGION,
	D_TABLE_COLUMNS,
	D_TABLE_ROWS,
	D_TABLE_GROUP,
	D_PDF,
	D_PDF_CONFORMANCE,
	D_IMAGE_READ,
	D_IMAGE_CORRUPT,
	D_IMAGE_LIMIT,
	D_IMAGE_FORMAT,
	D_RENDER_TIMEOUT,
	D_RENDER_MEMORY,
	D_LISTE_EMPTY,
	D_LISTE_SEANCE,
	D_LISTE_VOTE,
	D_LISTE_NUMERO,
	D_PROJETS_EMPTY,
	D_PROJETS_MANY,
	D_LISTE_MANY,
	D_COMPARE_NONE,
	D_COMPARE_TEMPLATE_OTHER,
	D_COMPARE_TEMPLATE_CHANGED,
	D_COMPARE_FONT_ADDED,
	D_COMPARE_FONT_CHANGED,
	D_COMPARE_FONT_GONE,
	D_COMPARE_VERSION,
	D_TEMPLATE_SANDBOX,
	D_TEMPLATE_LIMIT,
	D_TEMPLATE_OVERRIDE,
	D_TEMPLATE_PART,
	D_TEMPLATE_NO_PART,
	D_TEMPLATE_MESSAGE,
	D_TEMPLATE_STYLE,
	D_TEMPLATE_PATH,
	D_INTERNAL,
	D_NOMEM,
	D_LAYOUT_NUMBER_SHRUNK,
	D_CODE_COUNT
} diag_code;

/* A growable list owned by the caller (malloc'd, not in a render arena, so
 * the diagnostics outlive the render that produced them). */
typedef struct diag_list {
	delib_diag *items;
	int n, cap;
	delib_severity worst;
	const char *file;  /* default file name for new entries (not owned) */
} diag_list;

/* Adds a diagnostic; the message is the catalogue's format filled with the
 * arguments. line/col 0 = unknown. */
void diag_add(diag_list *l, diag_code code, int line, int col, ...);
/* Adds a diagnostic of a consistency rule: the id and severity are those
 * of the rule's row in check.c's table, stable like ours. For check.c
 * only: every other diagnostic is a row of this catalogue. */
void diag_add_rule(diag_list *l, const char *id, delib_severity sev, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Copies d (its stable id, its own catalogue) under another file name. */
void diag_add_from(diag_list *l, const delib_diag *d, const char *file);
/* d is a diagnostic of code (same id). */
int diag_is(const delib_diag *d, diag_code code);
void diag_list_free(diag_list *l);
int diag_has_error(const diag_list *l);
#endif
