/* Subset TrueType fonts embedded as Type0 / CIDFontType2 (Identity-H,
 * CID = BMP code point), with the PDF/A-1 entries libharu's own fonts lack. */
#ifndef DELIB_PDF_FONTS_H
#define DELIB_PDF_FONTS_H
#include <hpdf.h>
#include <stddef.h>

/* The Type0 font dictionary (an indirect object of pdf) for the subset
 * program ttf (len bytes) and the code points in bits (65,536 bits); NULL
 * on failure. */
HPDF_Dict pdf_embed_font(HPDF_Doc pdf, const unsigned char *ttf, size_t len, const unsigned char *bits, int italic);
/* Names font as res_name in the page's /Resources /Font (once). */
HPDF_STATUS pdf_use_font(HPDF_Page page, HPDF_Dict font, const char *res_name);
#endif
