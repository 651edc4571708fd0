/* SPDX-License-Identifier: Apache-2.0 */
#include "font.h"
#include "hash.h"
#include "lsan.h"
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FACES 32
#define FALLBACK_SLOTS 64

typedef struct face_rec {
	char *file;
	int index;
	char *family;
	int bold, italic;
	hb_font_t *hb;
	int upem;
	font_metrics metrics;
	char sha256[HASH_HEX_SIZE]; /* of the file, "" until asked */
	int32_t *advance[256];  /* BMP page → 256 advances; -1 = not yet known, -2 = no glyph */
	int16_t *kern;          /* KERN_CHARS² pairs, kerning + KERN_BIAS; 0 = not yet known */
} face_rec;

/* Kerning is remembered for the characters of French text: Latin-1,
 * Latin Extended-A and the punctuation below (KERN_CHARS in all); a pair
 * with another character is not kerned. */
#define KERN_LATIN 0x180
static const uint32_t kern_extra[] = {0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x20AC};
#define KERN_CHARS (KERN_LATIN + (int)(sizeof kern_extra / sizeof *kern_extra))
#define KERN_BIAS 0x4000

typedef struct fallback {
	int face;       /* the face asked for */
	uint32_t cp;
	int result;
} fallback;

struct font_lib {
	FcConfig *config;
	face_rec faces[MAX_FACES];
	int nfaces;
	fallback fallbacks[FALLBACK_SLOTS]; /* small cache: missing glyphs are rare */
	int nfallbacks;
};

font_lib *font_lib_new(const char *conf_file, diag_list *diags)
{
	font_lib *lib = calloc(1, sizeof *lib);
	if (!lib) {
		diag_add(diags, D_NOMEM, 0, 0);
		return NULL;
	}
	/* A configuration of our own, not the system's: it starts in under a
	 * millisecond and only sees the fonts templates are allowed to use. */
	lib->config = FcConfigCreate();
	LIBRARY_LEAKS_BEGIN();  /* fontconfig's parser loses 28 bytes per load (lsan.h) */
	int loaded = lib->config && FcConfigParseAndLoad(lib->config, (const FcChar8 *)conf_file, FcTrue);
	LIBRARY_LEAKS_END();
	if (!loaded || !FcConfigBuildFonts(lib->config)) {
		diag_add(diags, D_FONT_MISSING, 0, 0, conf_file);
		font_lib_free(lib);
		return NULL;
	}
	return lib;
}

void font_lib_free(font_lib *lib)
{
	if (!lib)
		return;
	for (int i = 0; i < lib->nfaces; i++) {
		face_rec *f = &lib->faces[i];
		free(f->file);
		free(f->family);
		hb_font_destroy(f->hb);
		for (int p = 0; p < 256; p++)
			free(f->advance[p]);
		free(f->kern);
	}
	if (lib->config)
		FcConfigDestroy(lib->config);
	free(lib);
}

static int find_loaded(font_lib *lib, const char *file, int index)
{
	for (int i = 0; i < lib->nfaces; i++)
		if (lib->faces[i].index == index && strcmp(lib->faces[i].file, file) == 0)
			return i;
	return -1;
}

static void read_metrics(face_rec *f)
{
	hb_position_t v;
	float scale = 1000.0f / (float)f->upem;
	f->metrics.ascender = hb_ot_metrics_get_position(f->hb, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)
	                          ? (float)v * scale : 800.0f;
	f->metrics.descender = hb_ot_metrics_get_position(f->hb, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)
	                           ? (float)v * scale : -200.0f;
	f->metrics.cap_height = hb_ot_metrics_get_position(f->hb, HB_OT_METRICS_TAG_CAP_HEIGHT, &v)
	                            ? (float)v * scale : 700.0f;
}

static int load_face(font_lib *lib, const char *file, int index, const char *family, int bold, int italic)
{
	int found = find_loaded(lib, file, index);
	if (found >= 0)
		return found;
	if (lib->nfaces == MAX_FACES)
		return -1;
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
	if (!blob)
		return -1;
	hb_face_t *hface = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	face_rec *f = &lib->faces[lib->nfaces];
	memset(f, 0, sizeof *f);
	f->hb = hb_font_create(hface);
	f->upem = (int)hb_face_get_upem(hface);
	hb_face_destroy(hface);
	f->file = strdup(file);
	f->family = strdup(family);
	f->index = index;
	f->bold = bold;
	f->italic = italic;
	if (!f->hb || !f->file || !f->family || f->upem <= 0) {
		free(f->file);
		free(f->family);
		hb_font_destroy(f->hb);
		return -1;
	}
	read_metrics(f);
	return lib->nfaces++;
}

static FcPattern *style_pattern(const char *family, int bold, int italic)
{
	FcPattern *pat = FcPatternCreate();
	if (family)
		FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
	FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
	return pat;
}

static int match_pattern(font_lib *lib, FcPattern *pat, int bold, int italic, char **matched_family)
{
	FcConfigSubstitute(lib->config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *m = FcFontMatch(lib->config, pat, &res);
	int idx = -1;
	if (m) {
		FcChar8 *file = NULL, *fam = NULL;
		int index = 0;
		FcPatternGetInteger(m, FC_INDEX, 0, &index);
		if (FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
		    FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch) {
			idx = load_face(lib, (const char *)file, index, (const char *)fam, bold, italic);
			if (matched_family)
				*matched_family = strdup((const char *)fam);
		}
		FcPatternDestroy(m);
	}
	return idx;
}

int font_family_known(font_lib *lib, const char *family)
{
	FcPattern *pat = style_pattern(family, 0, 0);
	FcConfigSubstitute(lib->config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *m = FcFontMatch(lib->config, pat, &res);
	FcChar8 *fam = NULL;
	int known = m && FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch &&
	            strcmp((const char *)fam, family) == 0;
	FcPatternDestroy(m);
	FcPatternDestroy(pat);
	return known;
}

int font_face(font_lib *lib, const char *family, int bold, int italic, diag_list *diags)
{
	for (int i = 0; i < lib->nfaces; i++) {
		face_rec *f = &lib->faces[i];
		if (f->bold == bold && f->italic == italic && strcmp(f->family, family) == 0)
			return i;
	}
	FcPattern *pat = style_pattern(family, bold, italic);
	char *got = NULL;
	int idx = match_pattern(lib, pat, bold, italic, &got);
	FcPatternDestroy(pat);
	if (idx < 0 || !got || strcmp(got, family) != 0)
		diag_add(diags, D_FONT_MISSING, 0, 0, family);
	if (idx >= 0 && got && strcmp(got, family) != 0) {
		/* Remember the substitution under the asked name too, so the
		 * warning is given once per family. */
		free(lib->faces[idx].family);
		lib->faces[idx].family = strdup(family);
	}
	free(got);
	return idx;
}

static int32_t *advance_slot(face_rec *f, uint32_t cp)
{
	int32_t **page = &f->advance[(cp >> 8) & 0xFF];
	if (!*page) {
		*page = malloc(256 * sizeof **page);
		if (!*page)
			return NULL;
		for (int i = 0; i < 256; i++)
			(*page)[i] = -1;
	}
	return &(*page)[cp & 0xFF];
}

static int32_t lookup_advance(face_rec *f, uint32_t cp)
{
	if (cp > 0xFFFF)
		return -2;  /* libharu's UTF-8 path stops at the BMP */
	int32_t *slot = advance_slot(f, cp);
	if (slot && *slot != -1)
		return *slot;
	hb_codepoint_t gid;
	int32_t adv = -2;
	if (hb_font_get_nominal_glyph(f->hb, cp, &gid))
		/* Same integer arithmetic as libharu's width table. */
		adv = (int32_t)(hb_font_get_glyph_h_advance(f->hb, gid) * 1000 / f->upem);
	if (slot)
		*slot = adv;
	return adv;
}

int font_advance(font_lib *lib, int face_index, uint32_t cp)
{
	int32_t adv = lookup_advance(&lib->faces[face_index], cp);
	return adv < 0 ? 0 : adv;
}

/* The row or column of cp in the kerning table, -1 when not kept. */
static int kern_index(uint32_t cp)
{
	if (cp < KERN_LATIN)
		return cp > ' ' ? (int)cp : -1;  /* never across a space */
	for (size_t i = 0; i < sizeof kern_extra / sizeof *kern_extra; i++)
		if (kern_extra[i] == cp)
			return KERN_LATIN + (int)i;
	return -1;
}

/* [1/1000 em] The pair shaped by HarfBuzz (its GPOS kerning, or the kern
 * table), ligatures off: the first glyph's advance less its own. */
static int shape_kern(face_rec *f, uint32_t left, uint32_t right)
{
	hb_codepoint_t gl, gr;
	if (!hb_font_get_nominal_glyph(f->hb, left, &gl) || !hb_font_get_nominal_glyph(f->hb, right, &gr))
		return 0;
	hb_buffer_t *buf = hb_buffer_create();
	uint32_t text[2] = {left, right};
	hb_buffer_add_utf32(buf, text, 2, 0, 2);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
	hb_buffer_set_language(buf, hb_language_from_string("fr", -1));
	static const hb_feature_t features[] = {
		{HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1}, {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
		{HB_TAG('k', 'e', 'r', 'n'), 1, 0, (unsigned)-1}};
	hb_shape(f->hb, buf, features, sizeof features / sizeof *features);
	unsigned n = 0;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
	int kern = 0;
	if (n == 2 && info[0].codepoint == gl && info[1].codepoint == gr) {
		/* Rounded as the advances are (lookup_advance), after them. */
		int shaped = (int)((int64_t)pos[0].x_advance * 1000 / f->upem);
		kern = shaped - (int)((int64_t)hb_font_get_glyph_h_advance(f->hb, gl) * 1000 / f->upem);
	}
	hb_buffer_destroy(buf);
	return kern;
}

/* The kerning of a pair of kern_index rows a and b (both >= 0). */
static int kern_pair(face_rec *f, int a, int b, uint32_t left, uint32_t right)
{
	if (!f->kern && !(f->kern = calloc((size_t)KERN_CHARS * KERN_CHARS, sizeof *f->kern)))
		return 0;  /* no memory: no kerning (and the render stops on memory anyway) */
	int16_t *slot = &f->kern[a * KERN_CHARS + b];
	if (!*slot)
		*slot = (int16_t)(shape_kern(f, left, right) + KERN_BIAS);
	return *slot - KERN_BIAS;
}

int font_kern(font_lib *lib, int face_index, uint32_t left, uint32_t right)
{
	/* Called for every character layout measures: the usual pair (two
	 * printable ASCII or Latin-1 characters, already known) on the spot. */
	int a = left > ' ' && left < KERN_LATIN ? (int)left : kern_index(left);
	int b = right > ' ' && right < KERN_LATIN ? (int)right : kern_index(right);
	if (a < 0 || b < 0)
		return 0;
	face_rec *f = &lib->faces[face_index];
	int16_t slot = f->kern ? f->kern[a * KERN_CHARS + b] : 0;
	return slot ? slot - KERN_BIAS : kern_pair(f, a, b, left, right);
}

int font_kern_text(font_lib *lib, int face_index, const char *text, int len, int *at_byte)
{
	face_rec *f = &lib->faces[face_index];
	if (!f->kern && !(f->kern = calloc((size_t)KERN_CHARS * KERN_CHARS, sizeof *f->kern)))
		return 0;  /* as kern_pair */
	if (at_byte)
		memset(at_byte, 0, sizeof *at_byte * (size_t)(len > 0 ? len : 0));
	int total = 0, a = -1;
	uint32_t prev = 0;
	for (int i = 0; i < len;) {
		/* Called on every run of every line: ASCII decoded in place. */
		uint32_t cp = (unsigned char)text[i];
		int n = cp < 0x80 ? 1 : utf8_decode(text + i, len - i, &cp);
		int b = cp > ' ' && cp < KERN_LATIN ? (int)cp : kern_index(cp);
		if (a >= 0 && b >= 0) {
			int16_t slot = f->kern[a * KERN_CHARS + b];
			int k = slot ? slot - KERN_BIAS : kern_pair(f, a, b, prev, cp);
			total += k;
			if (at_byte)
				at_byte[i] = k;
		}
		a = b;
		prev = cp;
		i += n;
	}
	return total;
}

/* The face that draws cp when face_index lacks it: fontconfig's match for
 * the style and that character, and nothing else. The faces loaded so far
 * are not looked at first: which ones they are depends on the documents a
 * context has laid out before (a batch worker, the service), and the same
 * document must give the same bytes in a fresh process and a warm one. */
static int find_fallback(font_lib *lib, int face_index, uint32_t cp)
{
	face_rec *f = &lib->faces[face_index];
	FcPattern *pat = style_pattern(NULL, f->bold, f->italic);
	FcCharSet *cs = FcCharSetCreate();
	FcCharSetAddChar(cs, cp);
	FcPatternAddCharSet(pat, FC_CHARSET, cs);
	FcCharSetDestroy(cs);
	int idx = match_pattern(lib, pat, f->bold, f->italic, NULL);
	FcPatternDestroy(pat);
	if (idx >= 0 && lookup_advance(&lib->faces[idx], cp) < 0)
		idx = -1;
	return idx;
}

int font_face_for(font_lib *lib, int face_index, uint32_t cp)
{
	if (lookup_advance(&lib->faces[face_index], cp) >= 0)
		return face_index;
	for (int i = 0; i < lib->nfallbacks; i++)
		if (lib->fallbacks[i].face == face_index && lib->fallbacks[i].cp == cp)
			return lib->fallbacks[i].result;
	int result = find_fallback(lib, face_index, cp);
	fallback *slot = &lib->fallbacks[lib->nfallbacks < FALLBACK_SLOTS ? lib->nfallbacks++ : (int)(cp % FALLBACK_SLOTS)];
	*slot = (fallback){face_index, cp, result};
	return result;
}

font_metrics font_get_metrics(const font_lib *lib, int fi) { return lib->faces[fi].metrics; }
const char *font_file(const font_lib *lib, int fi) { return lib->faces[fi].file; }
int font_file_index(const font_lib *lib, int fi) { return lib->faces[fi].index; }
const char *font_family(const font_lib *lib, int fi) { return lib->faces[fi].family; }
int font_count(const font_lib *lib) { return lib->nfaces; }
hb_face_t *font_hb_face(const font_lib *lib, int fi) { return hb_font_get_face(lib->faces[fi].hb); }

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int font_lib_fingerprint(font_lib *lib, hash_ctx *h)
{
	FcFontSet *set = FcConfigGetFonts(lib->config, FcSetSystem);
	if (!set)
		return -1;
	const char **files = calloc((size_t)set->nfont + 1, sizeof *files);
	if (!files)
		return -1;
	int n = 0;
	for (int i = 0; i < set->nfont; i++) {
		FcChar8 *file;
		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch)
			files[n++] = (const char *)file;
	}
	qsort(files, (size_t)n, sizeof *files, compare_paths);
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (i > 0 && strcmp(files[i], files[i - 1]) == 0)
			continue;  /* one file, several faces (collections) */
		/* The file's digest rather than its bytes: remembered between
		 * processes (hash_file_digest), and as exact. */
		uint8_t digest[HASH_SIZE];
		rc = hash_file_digest(files[i], digest);
		hash_update(h, files[i], strlen(files[i]) + 1);
		hash_update(h, digest, sizeof digest);
	}
	free(files);
	return rc;
}

const char *font_sha256(font_lib *lib, int fi)
{
	face_rec *f = &lib->faces[fi];
	if (!f->sha256[0]) {
		uint8_t digest[HASH_SIZE];
		if (hash_file_digest(f->file, digest) != 0)
			return NULL;
		hash_hex(digest, f->sha256);
	}
	return f->sha256;
}

int font_library_versions(char *buf, size_t cap)
{
	int fc = FcGetVersion(); /* 21401 */
	return snprintf(buf, cap, "HarfBuzz %s\nfontconfig %d.%d.%d\n", hb_version_string(), fc / 10000,
	                fc / 100 % 100, fc % 100);
}
