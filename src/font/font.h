/* SPDX-License-Identifier: Apache-2.0 */
/* Fonts: found by family and style through fontconfig, measured through
 * HarfBuzz. Layout measures text here and never sees the PDF library; the
 * PDF writer asks for each face's file to subset and embed it. */
#ifndef DELIB_FONT_H
#define DELIB_FONT_H
#include <stdint.h>
#include "diag.h"
#include "sys.h"  /* utf8_decode, utf8_encode: every user of the font interface walks UTF-8 */

typedef struct font_lib font_lib;

typedef struct font_metrics {
	float ascender;   /* [1/1000 em] above the baseline, positive */
	float descender;  /* [1/1000 em] below the baseline, negative */
	float cap_height; /* [1/1000 em] */
} font_metrics;

/* conf_file: a fontconfig configuration naming the font folders delib may
 * use (fonts/fonts.conf). Returns NULL with a diagnostic on failure. */
/* The HarfBuzz and fontconfig loaded at run time, as "HarfBuzz 6.0.0\n
 * fontconfig 2.14.1\n", into buf (snprintf's contract). */
int font_library_versions(char *buf, size_t cap);
font_lib *font_lib_new(const char *conf_file, diag_list *diags);
void font_lib_free(font_lib *lib);

/* Face index for a family and style; the closest fontconfig match when the
 * exact family is missing (with a warning), -1 when nothing matches. */
int font_face(font_lib *lib, const char *family, int bold, int italic, diag_list *diags);
/* Whether fontconfig has the family itself (not a substitute); loads
 * nothing. */
int font_family_known(font_lib *lib, const char *family);
/* The face that draws code point cp: `face` itself when it has the glyph,
 * else a fallback face of the same style, else -1. */
int font_face_for(font_lib *lib, int face, uint32_t cp);
/* Advance width [1/1000 em] of cp in face, rounded as the PDF's /W array will
 * hold it, so that measured and drawn widths agree. */
int font_advance(font_lib *lib, int face, uint32_t cp);
/* [1/1000 em] Kerning between left and right drawn one after the other in
 * face (negative: closer), as HarfBuzz shapes the pair; 0 for a pair with
 * a space or a character outside Latin-1, Latin Extended-A and the
 * quotes, dashes and € of French text. Layout adds it to the widths and
 * the PDF writer draws it (TJ), from this one function. */
int font_kern(font_lib *lib, int face, uint32_t left, uint32_t right);
/* [1/1000 em] The kerning of text[0..len) in face, every pair of it; when
 * at_byte is not NULL, at_byte[i] receives the kerning before the character
 * starting at byte i (0 at other bytes). One call per run instead of one
 * per character. */
int font_kern_text(font_lib *lib, int face, const char *text, int len, int *at_byte);
font_metrics font_get_metrics(const font_lib *lib, int face);
const char *font_file(const font_lib *lib, int face);
int font_file_index(const font_lib *lib, int face);
const char *font_family(const font_lib *lib, int face);
int font_count(const font_lib *lib);
/* The face's HarfBuzz face, for the PDF writer to subset it without
 * reading and parsing the file again. */
struct hb_face_t;
struct hb_face_t *font_hb_face(const font_lib *lib, int face);
/* SHA-256 of the face's file as hex, computed once per library; NULL on error. */
const char *font_sha256(font_lib *lib, int face);

/* Feeds into h the name and SHA-256 of every font file the configuration
 * can offer, in a fixed order: documents depend on these and nothing else. */
struct hash_ctx;
int font_lib_fingerprint(font_lib *lib, struct hash_ctx *h);

#endif
