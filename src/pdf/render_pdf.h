/* SPDX-License-Identifier: Apache-2.0 */
/* The PDF writer: the only file that talks to libharu. */
#ifndef DELIB_RENDER_PDF_H
#define DELIB_RENDER_PDF_H
#include <stddef.h>
#include "diag.h"
#include "font.h"
#include "page.h"
#include "pdf_cache.h"

typedef struct pdf_options {
	const char *date;            /* ISO date for CreationDate/ModDate, from the document; NULL: none */
	const char *template_name;   /* recorded in the PDF */
	const char *template_sha256; /* recorded in the PDF */
	const char *template_file;   /* the stylesheet that wrote the layout (image diagnostics); NULL: unknown */
	const char *icc_path;        /* sRGB profile for the PDF/A output intent */
	int signature_field;         /* add the empty signature field(s) */
	int signature_tag;           /* add an invisible "#signature#" tag on the signature area */
	double deadline;             /* [ms] monotonic: stop between pages past it; 0: none */
	pdf_cache *cache;            /* the context's cache, or NULL: one for this render */
} pdf_options;

/* Writes doc as PDF into a malloc'd buffer (*out, *size; caller frees).
 * Returns 0, or -1 with a diagnostic. */
/* The libharu loaded at run time, as "2.4.3". */
const char *pdf_library_version(void);
int render_pdf(const doc_pages *doc, font_lib *fonts, const pdf_options *opt, diag_list *diags,
               unsigned char **out, size_t *size);
#endif
