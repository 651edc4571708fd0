/* SPDX-License-Identifier: Apache-2.0 */
/* The PDF backend's work below libharu's public API (its object layer):
 * what libharu 2.3.0 does not do, or does wrong, for PDF/A-1b and signing.
 * Part of the PDF backend with render_pdf.c; nothing else includes hpdf. */
#ifndef DELIB_PDF_OBJECTS_H
#define DELIB_PDF_OBJECTS_H
#include <hpdf.h>
#include <stdint.h>

typedef struct pdfa_meta {
	const char *title, *author, *subject, *keywords, *lang;
	const char *creator, *producer;
	const char *date;          /* ISO date or NULL: CreateDate = ModifyDate */
} pdfa_meta;

/* XMP metadata, sRGB output intent, /Lang and the file /ID. */
HPDF_STATUS pdfa_finish(HPDF_Doc pdf, const pdfa_meta *m, const uint8_t id[16], const char *icc_path);
/* An empty signature field (AcroForm /FT /Sig) with its widget on page,
 * rectangle in PDF coordinates [pt]; *widget: the field's dictionary. */
HPDF_STATUS pdf_add_signature_field(HPDF_Doc pdf, HPDF_Page page, float x, float y, float w, float h,
                                    const char *name, HPDF_Dict *widget);
/* A Deflate compressor (zlib format, /FlateDecode) kept from one stream to
 * the next, and from one document to the next by the context's PDF cache.
 * libdeflate rather than zlib or libharu's own compression: it compresses a
 * whole buffer at once, which is our case, about twice as fast as zlib at
 * about the same size (page streams of a 23-page document: 0.84 ms for
 * 53.7 KB at level 1, against 1.58 ms for 53.1 KB with zlib at level 3), and
 * compression was a sixth of a document's time; zlib would also set itself
 * up for every stream (256 KB by zlib's own memory formula for level 3),
 * and libharu hard-codes level 6. */
typedef struct pdf_deflater pdf_deflater;
pdf_deflater *pdf_deflater_new(int level);
void pdf_deflater_free(pdf_deflater *d);
/* Deflates size bytes of raw; *out is d's buffer, valid until the next
 * call. Returns 0 or -1. */
int pdf_deflate(pdf_deflater *d, const void *raw, size_t size, const unsigned char **out, size_t *out_size);
/* Sets a stream dictionary's data to bytes already deflated (/Filter
 * /FlateDecode; libharu does not compress them again at save). */
HPDF_STATUS pdf_set_deflated(HPDF_Dict stream_dict, const void *data, size_t size);
/* pdf_deflate, then pdf_set_deflated. */
HPDF_STATUS pdf_put_deflated(pdf_deflater *d, HPDF_Dict stream_dict, const void *raw, size_t size);
#define PDF_DEFLATE_LEVEL 1

/* Points an outline entry at a position of a page. */
HPDF_STATUS pdf_set_outline_dest(HPDF_Outline outline, HPDF_Page page, float top);
/* Application data on page 1 (/PieceInfo /delib): the fonts, template and
 * version the document was made with, so a regeneration can be compared. */
typedef struct font_record {
	const char *family, *file, *sha256;
} font_record;
HPDF_STATUS pdf_add_piece_info(HPDF_Doc pdf, HPDF_Page page, const char *date, const char *template_name,
                               const char *template_sha256, const font_record *fonts, int nfonts);
#endif
