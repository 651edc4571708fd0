/* SPDX-License-Identifier: Apache-2.0 */
/* Embedding our subset fonts as Type0 / CIDFontType2 fonts with libharu's
 * object layer, instead of HPDF_LoadTTFontFromFile + HPDF_GetFont.
 *
 * Why by hand: libharu parses the TrueType file again, builds its
 * CIDToGIDMap and width table by looking up all 65,536 code points of every
 * font (a linear cmap search each), rebuilds the font program at save, and
 * leaves out what PDF/A-1 needs (CapHeight, CIDSet) and writes a wrong
 * ToUnicode: a third of a document's PDF time, spent on four fonts. HarfBuzz
 * already gives us the subset program, its glyph ids and advances; the PDF
 * objects around it are a few dictionaries (ISO 32000-1 §9.7). Part of the
 * PDF backend with render_pdf.c and pdf_objects.c. */
#include "pdf_fonts.h"
#include <hb-ot.h>
#include <hb.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "pdf_objects.h"

static int has_bit(const unsigned char *bits, uint32_t cp) { return bits[cp >> 3] & (1u << (cp & 7)); }

typedef struct font_facts {
	int upem;
	char name[64];       /* PostScript name, PDF-name safe */
	float ascent, descent, cap_height, italic_angle;  /* [1/1000 em] */
	int bbox[4];         /* [1/1000 em] */
} font_facts;

static int16_t be16(const char *p) { return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]); }

static void read_facts(hb_face_t *face, hb_font_t *font, font_facts *f)
{
	f->upem = (int)hb_face_get_upem(face);
	float k = 1000.0f / (float)f->upem;
	unsigned size = sizeof f->name;
	char raw[64] = "";
	hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, raw);
	size_t n = 0;
	for (const char *p = raw; *p && n + 1 < sizeof f->name; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')
			f->name[n++] = *p;
	f->name[n] = 0;
	if (!n)
		snprintf(f->name, sizeof f->name, "Font");
	hb_position_t v;
	f->ascent = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v) ? (float)v * k : 800;
	f->descent = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v) ? (float)v * k : -200;
	f->cap_height = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &v) ? (float)v * k : 700;
	f->italic_angle = hb_style_get_value(font, HB_STYLE_TAG_SLANT_ANGLE);
	hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned len;
	const char *d = hb_blob_get_data(head, &len);
	for (int i = 0; i < 4; i++)
		f->bbox[i] = len >= 44 ? (int)((float)be16(d + 36 + 2 * i) * k) : (i < 2 ? -200 : 1000);
	hb_blob_destroy(head);
}

static HPDF_Array new_array(HPDF_MMgr mmgr, const float *v, int n)
{
	HPDF_Array a = HPDF_Array_New(mmgr);
	for (int i = 0; a && i < n; i++)
		HPDF_Array_AddReal(a, v[i]);
	return a;
}

/* "ABCDEF": the subset tag, from the font and the characters it holds
 * (the digest of their bitmap, made once by the cache), so that two subsets
 * of one font in a document never share a name. */
static void subset_tag(const char *name, const unsigned char *bits_digest, char tag[8])
{
	hash_ctx h;
	uint8_t d[HASH_SIZE];
	hash_init(&h);
	hash_update(&h, name, strlen(name));
	hash_update(&h, bits_digest, HASH_SIZE);
	hash_final(&h, d);
	for (int i = 0; i < 6; i++)
		tag[i] = (char)('A' + d[i] % 26);
	tag[6] = 0;
}

/* The ToUnicode CMap: each CID is its own BMP code point. Returns a
 * malloc'd text, or NULL. */
static char *to_unicode(const uint16_t *cids, int n, size_t *len)
{
	static const char head[] =
		"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
	static const char tail[] = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
	size_t blocks = (size_t)(n + 99) / 100;
	size_t cap = sizeof head + blocks * 32 + (size_t)n * 14 + sizeof tail;
	char *text = malloc(cap), *p = text;
	if (!text)
		return NULL;
	p += snprintf(p, cap, "%s", head);
	for (int i = 0; i < n; i += 100) {
		int block = n - i < 100 ? n - i : 100;
		p += snprintf(p, cap - (size_t)(p - text), "%d beginbfchar\n", block);
		for (int k = i; k < i + block; k++)
			p += snprintf(p, cap - (size_t)(p - text), "<%04X> <%04X>\n", cids[k], cids[k]);
		p += snprintf(p, cap - (size_t)(p - text), "endbfchar\n");
	}
	p += snprintf(p, cap - (size_t)(p - text), "%s", tail);
	*len = (size_t)(p - text);
	return text;
}

/* W: [first [w w …] first [w …] …], one group per run of consecutive CIDs. */
static HPDF_Array widths(HPDF_MMgr mmgr, const uint16_t *cids, const int *w, int n)
{
	HPDF_Array all = HPDF_Array_New(mmgr);
	for (int i = 0; all && i < n;) {
		int j = i + 1;
		while (j < n && cids[j] == cids[j - 1] + 1)
			j++;
		HPDF_Array run = HPDF_Array_New(mmgr);
		if (!run)
			return NULL;
		for (int k = i; k < j; k++)
			HPDF_Array_AddNumber(run, w[k]);
		HPDF_Array_AddNumber(all, cids[i]);
		HPDF_Array_Add(all, run);
		i = j;
	}
	return all;
}

typedef struct used_glyphs {
	uint16_t cids[65536];  /* the CIDs (= code points) drawn that the font has */
	int w[65536];          /* their advances [1/1000 em] */
	uint16_t gids[65536];
	int n;
	int max_cid;
} used_glyphs;

static void collect_glyphs(hb_font_t *font, int upem, const unsigned char *bits, used_glyphs *u)
{
	u->n = 0;
	u->max_cid = 0;
	for (uint32_t cp = 1; cp < 65536; cp++) {
		hb_codepoint_t gid;
		if (!has_bit(bits, cp) || !hb_font_get_nominal_glyph(font, cp, &gid) || gid == 0)
			continue;
		u->cids[u->n] = (uint16_t)cp;
		u->gids[u->n] = (uint16_t)gid;
		/* The same integer rounding as layout's measures (font.c). */
		u->w[u->n] = (int)(hb_font_get_glyph_h_advance(font, gid) * 1000 / upem);
		u->n++;
		u->max_cid = (int)cp;
	}
}

static HPDF_Dict cid_to_gid_map(HPDF_Doc pdf, pdf_deflater *z, const used_glyphs *u)
{
	HPDF_Dict map = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!map)
		return NULL;
	unsigned char *bytes = calloc((size_t)u->max_cid + 1, 2);
	if (!bytes)
		return NULL;
	for (int i = 0; i < u->n; i++) {
		bytes[2 * u->cids[i]] = (unsigned char)(u->gids[i] >> 8);
		bytes[2 * u->cids[i] + 1] = (unsigned char)(u->gids[i] & 0xFF);
	}
	HPDF_STATUS st = pdf_put_deflated(z, map, bytes, 2 * ((size_t)u->max_cid + 1));
	free(bytes);
	return st == HPDF_OK ? map : NULL;
}

static HPDF_Dict cid_set(HPDF_Doc pdf, const used_glyphs *u)
{
	HPDF_Dict set = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	unsigned char *bits = calloc((size_t)u->max_cid / 8 + 1, 1);
	if (!set || !bits) {
		free(bits);
		return NULL;
	}
	bits[0] = 0x80;  /* CID 0, .notdef */
	for (int i = 0; i < u->n; i++)
		bits[u->cids[i] >> 3] |= (unsigned char)(0x80u >> (u->cids[i] & 7));
	HPDF_STATUS st = HPDF_Stream_Write(set->stream, bits, (HPDF_UINT)(u->max_cid / 8 + 1));
	free(bits);
	return st == HPDF_OK ? set : NULL;
}

static HPDF_Dict descriptor(HPDF_Doc pdf, const font_facts *f, const char *base, int italic,
                            const pdf_font_program *prog, const used_glyphs *u)
{
	HPDF_MMgr mmgr = pdf->mmgr;
	HPDF_Dict file = HPDF_DictStream_New(mmgr, pdf->xref);
	HPDF_Dict d = HPDF_Dict_New(mmgr);
	HPDF_Dict set = cid_set(pdf, u);
	if (!file || !d || !set || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	if (pdf_set_deflated(file, prog->deflated, prog->deflated_size) != HPDF_OK ||
	    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)prog->size) != HPDF_OK)
		return NULL;
	float bbox[4] = {(float)f->bbox[0], (float)f->bbox[1], (float)f->bbox[2], (float)f->bbox[3]};
	HPDF_Dict_AddName(d, "Type", "FontDescriptor");
	HPDF_Dict_AddName(d, "FontName", base);
	HPDF_Dict_AddNumber(d, "Flags", italic ? 4 + 64 : 4);  /* symbolic: glyphs outside the standard Latin set */
	HPDF_Dict_Add(d, "FontBBox", new_array(mmgr, bbox, 4));
	HPDF_Dict_AddReal(d, "ItalicAngle", f->italic_angle);
	HPDF_Dict_AddReal(d, "Ascent", f->ascent);
	HPDF_Dict_AddReal(d, "Descent", f->descent);
	HPDF_Dict_AddReal(d, "CapHeight", f->cap_height);
	HPDF_Dict_AddNumber(d, "StemV", 80);
	HPDF_Dict_Add(d, "CIDSet", set);
	return HPDF_Dict_Add(d, "FontFile2", file) == HPDF_OK ? d : NULL;
}

static HPDF_Dict cid_font(HPDF_Doc pdf, pdf_deflater *z, const char *base, HPDF_Dict desc, const used_glyphs *u)
{
	HPDF_MMgr mmgr = pdf->mmgr;
	HPDF_Dict cf = HPDF_Dict_New(mmgr), info = HPDF_Dict_New(mmgr);
	HPDF_Dict map = cid_to_gid_map(pdf, z, u);
	if (!cf || !info || !map || HPDF_Xref_Add(pdf->xref, cf) != HPDF_OK)
		return NULL;
	HPDF_Dict_Add(info, "Registry", HPDF_String_New(mmgr, "Adobe", NULL));
	HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mmgr, "Identity", NULL));
	HPDF_Dict_AddNumber(info, "Supplement", 0);
	HPDF_Dict_AddName(cf, "Type", "Font");
	HPDF_Dict_AddName(cf, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cf, "BaseFont", base);
	HPDF_Dict_Add(cf, "CIDSystemInfo", info);
	HPDF_Dict_Add(cf, "FontDescriptor", desc);
	HPDF_Dict_Add(cf, "W", widths(mmgr, u->cids, u->w, u->n));
	return HPDF_Dict_Add(cf, "CIDToGIDMap", map) == HPDF_OK ? cf : NULL;
}

static HPDF_Dict to_unicode_stream(HPDF_Doc pdf, pdf_deflater *z, const used_glyphs *u)
{
	HPDF_Dict tu = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	size_t len;
	char *text = tu ? to_unicode(u->cids, u->n, &len) : NULL;
	HPDF_STATUS st = text ? pdf_put_deflated(z, tu, text, len) : HPDF_FAILD_TO_ALLOC_MEM;
	free(text);
	return st == HPDF_OK ? tu : NULL;
}

HPDF_Dict pdf_embed_font(HPDF_Doc pdf, pdf_deflater *z, const pdf_font_program *prog, const unsigned char *bits,
                         int italic)
{
	hb_blob_t *blob = hb_blob_create((const char *)prog->ttf, (unsigned)prog->size, HB_MEMORY_MODE_READONLY, NULL,
	                                 NULL);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(face);
	font_facts f;
	read_facts(face, font, &f);
	used_glyphs *u = malloc(sizeof *u);
	HPDF_Dict type0 = NULL;
	if (u) {
		collect_glyphs(font, f.upem, bits, u);
		char tag[8], base[80];
		subset_tag(f.name, prog->bits_digest, tag);
		snprintf(base, sizeof base, "%s+%s", tag, f.name);
		HPDF_Dict desc = descriptor(pdf, &f, base, italic, prog, u);
		HPDF_Dict cf = desc ? cid_font(pdf, z, base, desc, u) : NULL;
		HPDF_Dict tu = cf ? to_unicode_stream(pdf, z, u) : NULL;
		HPDF_Array desc_fonts = HPDF_Array_New(pdf->mmgr);
		type0 = HPDF_Dict_New(pdf->mmgr);
		if (!tu || !desc_fonts || !type0 || HPDF_Xref_Add(pdf->xref, type0) != HPDF_OK) {
			type0 = NULL;
		} else {
			HPDF_Array_Add(desc_fonts, cf);
			HPDF_Dict_AddName(type0, "Type", "Font");
			HPDF_Dict_AddName(type0, "Subtype", "Type0");
			HPDF_Dict_AddName(type0, "BaseFont", base);
			HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
			HPDF_Dict_Add(type0, "DescendantFonts", desc_fonts);
			if (HPDF_Dict_Add(type0, "ToUnicode", tu) != HPDF_OK)
				type0 = NULL;
		}
	}
	free(u);
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return type0;
}

HPDF_STATUS pdf_use_resource(HPDF_Page page, const char *category, const char *res_name, HPDF_Dict object)
{
	HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
	if (!res)
		return HPDF_INVALID_OBJECT;
	HPDF_Dict names = HPDF_Dict_GetItem(res, category, HPDF_OCLASS_DICT);
	if (!names) {
		names = HPDF_Dict_New(page->mmgr);
		if (!names || HPDF_Dict_Add(res, category, names) != HPDF_OK)
			return HPDF_FAILD_TO_ALLOC_MEM;
	}
	if (HPDF_Dict_GetItem(names, res_name, HPDF_OCLASS_DICT))
		return HPDF_OK;
	return HPDF_Dict_Add(names, res_name, object);
}
