/* SPDX-License-Identifier: Apache-2.0 */
/* Subset TrueType fonts embedded as Type0 / CIDFontType2 (Identity-H,
 * CID = BMP code point), with the PDF/A-1 entries libharu's own fonts lack. */
#ifndef DELIB_PDF_FONTS_H
#define DELIB_PDF_FONTS_H
#include <hpdf.h>
#include <stddef.h>

#include "pdf_objects.h"

/* A subset font program: its TrueType bytes, the same deflated, and the
 * SHA-256 of the code point bitmap it was made for. */
typedef struct pdf_font_program {
	const unsigned char *ttf;
	size_t size;
	const unsigned char *deflated;
	size_t deflated_size;
	const unsigned char *bits_digest;  /* HASH_SIZE bytes */
} pdf_font_program;

/* The Type0 font dictionary (an indirect object of pdf) for the subset
 * program and the code points in bits (65,536 bits); its other streams are
 * compressed with z. NULL on failure. */
HPDF_Dict pdf_embed_font(HPDF_Doc pdf, pdf_deflater *z, const pdf_font_program *prog, const unsigned char *bits,
                         int italic);
/* Names object as res_name in the page's /Resources, in the dictionary
 * `category` ("Font", "XObject"), once. */
HPDF_STATUS pdf_use_resource(HPDF_Page page, const char *category, const char *res_name, HPDF_Dict object);
#endif
