/* The PDF backend's side of the context's cache (render_pdf.h declares
 * pdf_cache_new and pdf_cache_free for the rest of the library). */
#ifndef DELIB_PDF_CACHE_H
#define DELIB_PDF_CACHE_H
#include "pdf_fonts.h"
#include "render_pdf.h"

/* The compressor every stream of a document goes through. */
pdf_deflater *pdf_cache_deflater(pdf_cache *c);
/* The subset of face (the font file's `file`, `index`) for the code points
 * in bits: from the cache, or made and remembered. prog points into the cache, valid
 * until the next call. Returns 0 or -1. */
int pdf_cache_subset(pdf_cache *c, const char *file, int index, struct hb_face_t *face, const unsigned char *bits,
                     pdf_font_program *prog);
#endif
