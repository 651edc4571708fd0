/* The catalogue of diagnostics: one code per problem, each with a stable id,
 * a severity and a French message (printf format). Modelled on mandoc's
 * mandoc_msg.c: adding a diagnostic = one enum value + one row. */
#ifndef DELIB_DIAG_H
#define DELIB_DIAG_H
#include "delib.h"

typedef enum diag_code {
	D_IO_READ,
	D_IO_WRITE,
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
	D_LAYOUT_TALL_HEADER,
	D_PDF,
	D_INTERNAL,
	D_NOMEM,
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

/* The French message of a system error number (errno), for diagnostics:
 * users read French, and strerror speaks the C locale's English. */
const char *diag_errno_text(int err);

const char *diag_id(diag_code code);
delib_severity diag_severity(diag_code code);

/* Adds a diagnostic; the message is the catalogue's format filled with the
 * arguments. line/col 0 = unknown. */
void diag_add(diag_list *l, diag_code code, int line, int col, ...);
/* Adds a diagnostic of a catalogue kept elsewhere (the rules table of
 * check.c): the id and severity are the caller's, stable like ours. */
void diag_add_custom(diag_list *l, const char *id, delib_severity sev, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Copies d (its stable id, its own catalogue) under another file name. */
void diag_add_from(diag_list *l, const delib_diag *d, const char *file);
void diag_list_free(diag_list *l);
int diag_has_error(const diag_list *l);
#endif
