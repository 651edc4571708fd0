/* SPDX-License-Identifier: Apache-2.0 */
/* What the PDF writer keeps from one render to the next in a context: the
 * zlib compressor, and the subset fonts with their deflated programs.
 * Documents of one collectivity mostly draw the same characters, and a
 * subset depends on nothing else, so the output is the same with or
 * without the cache (unit-tested in tests/unit/test_limits.c). Part of the
 * PDF backend with render_pdf.c. */
#include "pdf_cache.h"
#include "pdf_fonts.h"
#include "hash.h"
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUBSET_CACHE_SIZE 16

typedef struct subset_entry {
	char file[4096];
	int index;
	uint8_t digest[HASH_SIZE];  /* of the code point bitmap */
	unsigned char *ttf;         /* the subset program */
	size_t size;
	unsigned char *deflated;    /* the same, deflated for FontFile2 */
	size_t deflated_size;
	unsigned long used;         /* for least-recently-used eviction */
} subset_entry;

struct pdf_cache {
	pdf_deflater *z;
	subset_entry e[SUBSET_CACHE_SIZE];
	int n;
	unsigned long clock;
};

pdf_cache *pdf_cache_new(void)
{
	pdf_cache *c = calloc(1, sizeof *c);
	if (c && !(c->z = pdf_deflater_new(PDF_DEFLATE_LEVEL))) {
		free(c);
		c = NULL;
	}
	return c;
}

static void entry_clear(subset_entry *e)
{
	free(e->ttf);
	free(e->deflated);
	memset(e, 0, sizeof *e);
}

void pdf_cache_free(pdf_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		entry_clear(&c->e[i]);
	pdf_deflater_free(c->z);
	free(c);
}

pdf_deflater *pdf_cache_deflater(pdf_cache *c) { return c->z; }

/* Subsets one face to the characters drawn (hb-subset): a document embeds
 * only the glyphs it shows. Returns malloc'd TrueType bytes, or NULL. */
static unsigned char *subset_bytes(hb_face_t *face, const unsigned char *bits, size_t *size)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	/* Without the OpenType layout tables: a PDF positions every glyph
	 * itself and no reader shapes embedded fonts, and with GSUB gone
	 * hb-subset also skips the substitution closure (ligatures, alternates
	 * the document never draws). Subsets are smaller and made faster. */
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
	hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
	hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
	hb_set_t *unicodes = hb_subset_input_unicode_set(in);
	for (uint32_t cp = 0; cp < 65536; cp++)
		if (bits[cp >> 3] & (1u << (cp & 7)))
			hb_set_add(unicodes, cp);
	hb_face_t *sub = hb_subset_or_fail(face, in);
	hb_subset_input_destroy(in);
	if (!sub)
		return NULL;
	hb_blob_t *out = hb_face_reference_blob(sub);
	unsigned len = 0;
	const char *data = hb_blob_get_data(out, &len);
	unsigned char *copy = len ? malloc(len) : NULL;
	if (copy)
		memcpy(copy, data, len);
	*size = len;
	hb_blob_destroy(out);
	hb_face_destroy(sub);
	return copy;
}

/* Makes the subset and its deflated program into e; 0 or -1. */
static int entry_fill(pdf_cache *c, subset_entry *e, const char *file, int index, hb_face_t *face,
                      const uint8_t *digest, const unsigned char *bits)
{
	snprintf(e->file, sizeof e->file, "%s", file);
	e->index = index;
	memcpy(e->digest, digest, HASH_SIZE);
	e->ttf = subset_bytes(face, bits, &e->size);
	const unsigned char *z;
	size_t zsize;
	if (!e->ttf || pdf_deflate(c->z, e->ttf, e->size, &z, &zsize) != 0 || !(e->deflated = malloc(zsize)))
		return -1;
	memcpy(e->deflated, z, zsize);
	e->deflated_size = zsize;
	return 0;
}

int pdf_cache_subset(pdf_cache *c, const char *file, int index, hb_face_t *face, const unsigned char *bits,
                     pdf_font_program *prog)
{
	if (strlen(file) >= sizeof c->e[0].file)
		return -1;
	hash_ctx h;
	uint8_t digest[HASH_SIZE];
	hash_init(&h);
	hash_update(&h, bits, 65536 / 8);
	hash_final(&h, digest);
	int slot = -1, oldest = 0;
	for (int i = 0; i < c->n && slot < 0; i++) {
		subset_entry *e = &c->e[i];
		if (e->index == index && memcmp(e->digest, digest, HASH_SIZE) == 0 && strcmp(e->file, file) == 0)
			slot = i;
		else if (e->used < c->e[oldest].used)
			oldest = i;
	}
	if (slot < 0) {
		/* A new entry, or the least recently used one makes room. */
		slot = c->n < SUBSET_CACHE_SIZE ? c->n++ : oldest;
		entry_clear(&c->e[slot]);
		if (entry_fill(c, &c->e[slot], file, index, face, digest, bits) != 0) {
			entry_clear(&c->e[slot]);  /* an empty entry matches nothing */
			return -1;
		}
	}
	subset_entry *e = &c->e[slot];
	e->used = ++c->clock;
	*prog = (pdf_font_program){e->ttf, e->size, e->deflated, e->deflated_size, e->digest};
	return 0;
}
