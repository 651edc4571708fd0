/* SPDX-License-Identifier: Apache-2.0 */
/* What the PDF writer keeps between the renders of one context (subset
 * fonts, the compressor): the output is the same with or without it. The
 * rest of the library sees only the opaque type, through render_pdf.h; no
 * libharu type appears here. */
#ifndef DELIB_PDF_CACHE_H
#define DELIB_PDF_CACHE_H

struct hb_face_t;
typedef struct pdf_cache pdf_cache;
typedef struct pdf_deflater pdf_deflater;
typedef struct pdf_font_program pdf_font_program;

pdf_cache *pdf_cache_new(void);
void pdf_cache_free(pdf_cache *c);

/* The compressor every stream of a document goes through. */
pdf_deflater *pdf_cache_deflater(pdf_cache *c);
/* The subset of face (the font file's `file`, `index`) for the code points
 * in bits: from the cache, or made and remembered. prog points into the cache, valid
 * until the next call. Returns 0 or -1. */
int pdf_cache_subset(pdf_cache *c, const char *file, int index, struct hb_face_t *face, const unsigned char *bits,
                     pdf_font_program *prog);
#endif
