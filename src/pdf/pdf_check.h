/* SPDX-License-Identifier: Apache-2.0 */
/* The conformance self-check: what a document claims as PDF/A-1b, checked
 * on libharu's objects once they are all built (after HPDF_SaveToStream,
 * whose write hooks add the last ones) and before the bytes are handed out.
 * Part of the PDF backend. */
#ifndef DELIB_PDF_CHECK_H
#define DELIB_PDF_CHECK_H
#include <hpdf.h>
#include <stddef.h>

/* PDF/A-1 (ISO 19005-1, 6.1.12) implementation limits. */
#define PDFA_MAX_STRING 65535 /* [bytes] */
#define PDFA_MAX_NAME 127     /* [bytes] */
#define PDFA_MAX_ARRAY 8191   /* [elements] */
#define PDFA_MAX_DICT 4095    /* [entries] */
#define PDFA_MAX_REAL 32767.0f

/* Checks every object of pdf: no soft mask or transparency group, images
 * in 8-bit DeviceGray or DeviceRGB at most, ExtGState opaque, fonts
 * embedded with a ToUnicode map, printable annotations, the string, name,
 * array, dictionary and real limits, an output intent with its profile,
 * the XMP packet's identification, and every Info entry equal to its XMP
 * counterpart (Title, Author, Subject, Keywords, Creator, Producer,
 * CreationDate, ModDate), presence included. Returns 0, or -1 with the
 * first failure explained in French in why. */
int pdf_check_pdfa(HPDF_Doc pdf, char *why, size_t whylen);

/* Sets an Info entry to UTF-8 text as a PDF text string (UTF-16BE with a
 * byte order mark), surrogate pairs included: libharu's own conversion
 * writes a space for every character beyond U+FFFF, so Info and XMP would
 * differ. Returns HPDF_STRING_OUT_OF_RANGE, and sets nothing, past
 * PDFA_MAX_STRING bytes. */
HPDF_STATUS pdf_set_info_text(HPDF_Doc pdf, const char *key, const char *utf8);
/* The same text string (UTF-16BE with its byte order mark) as an object;
 * NULL past PDFA_MAX_STRING bytes or out of memory. */
HPDF_Binary pdf_text_string(HPDF_MMgr mmgr, const char *utf8);
#endif
