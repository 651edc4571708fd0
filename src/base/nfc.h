/* SPDX-License-Identifier: Apache-2.0 */
/* Unicode normalisation form C (utf8proc): text in decomposed form (NFD,
 * as some exports and macOS file names give it) composed, so that "é" is
 * one character, measured and drawn as one glyph. */
#ifndef DELIB_NFC_H
#define DELIB_NFC_H

#include <stddef.h>
#include <stdint.h>

/* Whether cp may change when its text is composed to NFC: a combining
 * mark, a character with a canonical decomposition or a Hangul jamo.
 * Below U+0300 none does; ’, € or ✓ do not either. */
int nfc_sensitive(uint32_t cp);

/* Whether s[0..len) holds a character nfc_sensitive (nothing to compose
 * otherwise: most text). */
int nfc_needed(const char *s, size_t len);

/* s (NUL-terminated UTF-8) composed to NFC, malloc'd (free() it); NULL
 * when s is not valid UTF-8 or memory ran out. */
char *nfc_compose(const char *s);

#endif
