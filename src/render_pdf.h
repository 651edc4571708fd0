/* The PDF writer: the only file that talks to libharu. */
#ifndef DELIB_RENDER_PDF_H
#define DELIB_RENDER_PDF_H
#include <stddef.h>
#include "diag.h"
#include "font.h"
#include "page.h"

typedef struct pdf_options {
	const char *date;   /* ISO date for CreationDate/ModDate, from the document; NULL: none */
} pdf_options;

/* Writes doc as PDF into a malloc'd buffer (*out, *size; caller frees).
 * Returns 0, or -1 with a diagnostic. */
int render_pdf(const doc_pages *doc, const font_lib *fonts, const pdf_options *opt, diag_list *diags,
               unsigned char **out, size_t *size);
#endif
