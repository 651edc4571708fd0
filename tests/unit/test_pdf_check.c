/* SPDX-License-Identifier: Apache-2.0 */
/* The PDF/A-1b self-check (src/pdf/pdf_check.c) on documents built here
 * with libharu: a conformant one passes, and each way of breaking it that
 * the engine must never let through (a soft mask, a 16-bit image, a font
 * without ToUnicode, an over-long string, no output intent, Info differing
 * from XMP, a character libharu would drop from Info) is caught. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "pdf_check.h"
#include "pdf_objects.h"

#define ICC "/usr/share/color/icc/sRGB.icc"  /* Debian icc-profiles-free */

static const char title[] = "Délibération n° 12 — vœux 🎉";

static void ignore_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	(void)error;
	(void)detail;
	(void)user;
}

/* A one-page PDF/A-1b document with a 2 x 2 RGB image, as render_pdf.c
 * builds it: Info entries first, then XMP, output intent and /ID. */
static HPDF_Doc conformant(HPDF_Image *image)
{
	HPDF_Doc pdf = HPDF_New(ignore_error, NULL);
	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "");
	assert_int_equal(pdf_set_info_text(pdf, "Title", title), HPDF_OK);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "");
	assert_int_equal(pdf_set_info_text(pdf, "Producer", "test"), HPDF_OK);
	HPDF_Page page = HPDF_AddPage(pdf);
	static const HPDF_BYTE pixels[12] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255};
	*image = HPDF_LoadRawImageFromMem(pdf, pixels, 2, 2, HPDF_CS_DEVICE_RGB, 8);
	assert_non_null(*image);
	HPDF_Page_DrawImage(page, *image, 10, 10, 20, 20);
	pdfa_meta m = {.title = title, .producer = "test"};
	static const uint8_t id[16] = {1, 2, 3};
	assert_int_equal(pdfa_finish(pdf, &m, id, ICC), HPDF_OK);
	return pdf;
}

/* Saves and checks; returns the check's verdict, the reason in why. */
static int check(HPDF_Doc pdf, char *why, size_t whylen)
{
	assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
	why[0] = '\0';
	return pdf_check_pdfa(pdf, why, whylen);
}

static void expect_failure(HPDF_Doc pdf, const char *words)
{
	char why[256];
	assert_int_equal(check(pdf, why, sizeof why), -1);
	if (!strstr(why, words))
		fail_msg("« %s » expected in « %s »", words, why);
	HPDF_Free(pdf);
}

static void conformant_passes(void **state)
{
	(void)state;
	HPDF_Image img;
	HPDF_Doc pdf = conformant(&img);
	char why[256];
	if (check(pdf, why, sizeof why) != 0)
		fail_msg("a conformant document refused: %s", why);
	HPDF_Free(pdf);
}

static void soft_mask_refused(void **state)
{
	(void)state;
	HPDF_Image img;
	HPDF_Doc pdf = conformant(&img);
	static const HPDF_BYTE alpha[4] = {0, 128, 255, 255};
	HPDF_Image mask = HPDF_LoadRawImageFromMem(pdf, alpha, 2, 2, HPDF_CS_DEVICE_GRAY, 8);
	assert_int_equal(HPDF_Dict_Add(img, "SMask", mask), HPDF_OK);
	expect_failure(pdf, "SMask");
}

static void sixteen_bits_refused(void **state)
{
	(void)state;
	HPDF_Image img;
	HPDF_Doc pdf = conformant(&img);
	assert_int_equal(HPDF_Dict_AddNumber(img, "BitsPerComponent", 16), HPDF_OK);
	expect_failure(pdf, "16 bits");
}

static void font_without_to_unicode_refused(void **state)
{
	(void)state;
	HPDF_Image img;
	HPDF_Doc pdf = conformant(&img);
	HPDF_Dict font = HPDF_Dict_New(pdf->mmgr);
	assert_int_equal(HPDF_Xref_Add(pdf->xref, font), HPDF_OK);
	HPDF_Dict_AddName(font, "Type", "Font");
	HPDF_Dict_AddName(font, "Subtype", "Type0");
	HPDF_Dict_AddName(font, "BaseFont", "Sans");
	expect_failure(pdf, "ToUnicode");
}

static void long_string_refused(void **state)
{
	(void)state;
	HPDF_Image img;
	HPDF_Doc pdf = conformant(&img);
	/* 40,000 characters: 40,000 bytes of UTF-8, which libharu accepts,
	 * but 80,002 once written in UTF-16. */
	char *text = calloc(40001, 1);
	assert_non_null(text);
	memset(text, 'a', 40000);
	assert_int_equal(pdf_set_info_text(pdf, "Title", text), HPDF_STRING_OUT_OF_RANGE);
	HPDF_String s = HPDF_String_New(pdf->mmgr, text, HPDF_GetEncoder(pdf, "UTF-8"));
	free(text);
	assert_non_null(s);
	assert_int_equal(HPDF_Dict_Add(img, "Name", s), HPDF_OK);
	expect_failure(pdf, "80002 octets");
}

static void output_intent_required(void **state)
{
	(void)state;
	HPDF_Image img;
	HPDF_Doc pdf = conformant(&img);
	assert_int_equal(HPDF_Dict_RemoveElement(pdf->catalog, "OutputIntents"), HPDF_OK);
	expect_failure(pdf, "profil de sortie");
}

static void info_must_equal_xmp(void **state)
{
	(void)state;
	HPDF_Image img;
	HPDF_Doc pdf = conformant(&img);
	assert_int_equal(pdf_set_info_text(pdf, "Title", "Un autre titre"), HPDF_OK);
	expect_failure(pdf, "Title");
}

static void info_absent_from_xmp(void **state)
{
	(void)state;
	HPDF_Image img;
	HPDF_Doc pdf = conformant(&img);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, "Mairie");
	expect_failure(pdf, "Author");
}

/* libharu's own Info encoding drops characters beyond U+FFFF. */
static void libharu_info_encoding_refused(void **state)
{
	(void)state;
	HPDF_Image img;
	HPDF_Doc pdf = conformant(&img);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, title);
	expect_failure(pdf, "U+FFFF");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(conformant_passes),
		cmocka_unit_test(soft_mask_refused),
		cmocka_unit_test(sixteen_bits_refused),
		cmocka_unit_test(font_without_to_unicode_refused),
		cmocka_unit_test(long_string_refused),
		cmocka_unit_test(output_intent_required),
		cmocka_unit_test(info_must_equal_xmp),
		cmocka_unit_test(info_absent_from_xmp),
		cmocka_unit_test(libharu_info_encoding_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
