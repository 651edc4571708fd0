/* SPDX-License-Identifier: Apache-2.0 */
/* The PDF/A-1b self-check (pdf_check.h). It reads libharu's objects, never
 * through HPDF_Dict_GetItem, which marks the document in error when an
 * entry has an unexpected type: a check must not change what it checks. */
#include "pdf_check.h"
#include "font.h"
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct checker {
	char *why;
	size_t whylen;
	int failed;
} checker;

static void fail(checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(checker *c, const char *fmt, ...)
{
	if (c->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->why, c->whylen, fmt, ap);
	va_end(ap);
	c->failed = 1;
}

static unsigned cls(const void *obj) { return ((const HPDF_Obj_Header *)obj)->obj_class & HPDF_OCLASS_ANY; }

static void *resolve(void *obj)
{
	return obj && cls(obj) == HPDF_OCLASS_PROXY ? ((HPDF_Proxy)obj)->obj : obj;
}

static void *dict_get(HPDF_Dict d, const char *key)
{
	for (HPDF_UINT i = 0; i < d->list->count; i++) {
		HPDF_DictElement e = d->list->obj[i];
		if (strcmp(e->key, key) == 0)
			return resolve(e->value);
	}
	return NULL;
}

static HPDF_Dict dict_dict(HPDF_Dict d, const char *key)
{
	void *v = dict_get(d, key);
	return v && cls(v) == HPDF_OCLASS_DICT ? v : NULL;
}

static const char *dict_name(HPDF_Dict d, const char *key)
{
	void *v = dict_get(d, key);
	return v && cls(v) == HPDF_OCLASS_NAME ? ((HPDF_Name)v)->value : NULL;
}

static int is(const char *s, const char *want) { return s && strcmp(s, want) == 0; }

static size_t utf8_to_utf16_size(const char *s, size_t len)
{
	size_t n = 2;  /* byte order mark */
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, (int)(len - i > 4 ? 4 : len - i), &cp);
		n += cp > 0xFFFF ? 4 : 2;
	}
	return n;
}

/* ---- limits, on every object and what it holds directly ---- */

static void check_limits(checker *c, void *obj);

static void check_container(checker *c, HPDF_List list, int is_dict)
{
	if (list->count > (is_dict ? PDFA_MAX_DICT : PDFA_MAX_ARRAY))
		fail(c, "%s de %u éléments (au plus %d)", is_dict ? "dictionnaire" : "tableau", (unsigned)list->count,
		     is_dict ? PDFA_MAX_DICT : PDFA_MAX_ARRAY);
	for (HPDF_UINT i = 0; i < list->count && !c->failed; i++) {
		void *item = list->obj[i];
		if (is_dict) {
			HPDF_DictElement e = item;
			if (strlen(e->key) > PDFA_MAX_NAME)
				fail(c, "nom de %zu octets (au plus %d)", strlen(e->key), PDFA_MAX_NAME);
			item = e->value;
		}
		/* Indirect objects are checked from the cross-reference table. */
		if (cls(item) != HPDF_OCLASS_PROXY && !(((HPDF_Obj_Header *)item)->obj_id & HPDF_OTYPE_INDIRECT))
			check_limits(c, item);
	}
}

static void check_limits(checker *c, void *obj)
{
	size_t n = 0;
	switch (cls(obj)) {
	case HPDF_OCLASS_STRING: {
		HPDF_String s = obj;
		n = s->encoder ? utf8_to_utf16_size((const char *)s->value, s->len) : s->len;
		break;
	}
	case HPDF_OCLASS_BINARY: n = ((HPDF_Binary)obj)->len; break;
	case HPDF_OCLASS_NAME:
		if (strlen(((HPDF_Name)obj)->value) > PDFA_MAX_NAME)
			fail(c, "nom de %zu octets (au plus %d)", strlen(((HPDF_Name)obj)->value), PDFA_MAX_NAME);
		break;
	case HPDF_OCLASS_REAL: {
		HPDF_REAL v = ((HPDF_Real)obj)->value;
		if (v > PDFA_MAX_REAL || v < -PDFA_MAX_REAL)
			fail(c, "nombre réel %g hors de ±32 767", (double)v);
		break;
	}
	case HPDF_OCLASS_ARRAY: check_container(c, ((HPDF_Array)obj)->list, 0); break;
	case HPDF_OCLASS_DICT: check_container(c, ((HPDF_Dict)obj)->list, 1); break;
	}
	if (n > PDFA_MAX_STRING)
		fail(c, "chaîne de %zu octets (au plus %d)", n, PDFA_MAX_STRING);
}

/* ---- what each kind of dictionary may say ---- */

static void check_image(checker *c, HPDF_Dict d)
{
	void *bpc = dict_get(d, "BitsPerComponent");
	HPDF_INT32 bits = bpc && cls(bpc) == HPDF_OCLASS_NUMBER ? ((HPDF_Number)bpc)->value : 0;
	const char *cs = dict_name(d, "ColorSpace");
	void *interpolate = dict_get(d, "Interpolate");
	if (dict_get(d, "SMask"))
		fail(c, "une image porte un masque de transparence (SMask)");
	else if (bits != 1 && bits != 2 && bits != 4 && bits != 8)
		fail(c, "une image a %d bits par composante (1, 2, 4 ou 8 en PDF 1.4)", (int)bits);
	else if (!is(cs, "DeviceRGB") && !is(cs, "DeviceGray"))
		fail(c, "une image est en %s, sans profil de sortie pour cet espace", cs ? cs : "espace de couleur indéfini");
	else if (interpolate && cls(interpolate) == HPDF_OCLASS_BOOLEAN && ((HPDF_Boolean)interpolate)->value)
		fail(c, "une image demande l'interpolation");
	else if (dict_get(d, "Alternates") || dict_get(d, "OPI"))
		fail(c, "une image a des variantes (Alternates, OPI)");
}

static int is_one(void *v)
{
	if (!v)
		return 1;
	if (cls(v) == HPDF_OCLASS_REAL)
		return ((HPDF_Real)v)->value == 1.0f;
	return cls(v) == HPDF_OCLASS_NUMBER && ((HPDF_Number)v)->value == 1;
}

static void check_ext_gstate(checker *c, HPDF_Dict d)
{
	void *smask = dict_get(d, "SMask");
	const char *bm = dict_name(d, "BM");
	if (smask && !(cls(smask) == HPDF_OCLASS_NAME && is(((HPDF_Name)smask)->value, "None")))
		fail(c, "un état graphique porte un masque de transparence (SMask)");
	else if (!is_one(dict_get(d, "CA")) || !is_one(dict_get(d, "ca")))
		fail(c, "un état graphique demande une opacité partielle (CA, ca)");
	else if (bm && !is(bm, "Normal") && !is(bm, "Compatible"))
		fail(c, "un état graphique demande le mode de fusion %s", bm);
	else if (dict_get(d, "TR"))
		fail(c, "un état graphique porte une fonction de transfert (TR)");
}

static int has_font_file(HPDF_Dict font)
{
	HPDF_Dict desc = dict_dict(font, "FontDescriptor");
	return desc && (dict_get(desc, "FontFile") || dict_get(desc, "FontFile2") || dict_get(desc, "FontFile3"));
}

static void check_font(checker *c, HPDF_Dict d)
{
	const char *sub = dict_name(d, "Subtype"), *base = dict_name(d, "BaseFont");
	if (is(sub, "CIDFontType0") || is(sub, "CIDFontType2")) {
		if (!has_font_file(d))
			fail(c, "la police %s n'est pas incorporée", base ? base : "?");
		return;
	}
	if (!dict_get(d, "ToUnicode")) {
		fail(c, "la police %s n'a pas de table ToUnicode", base ? base : "?");
		return;
	}
	HPDF_Dict embedded = d;
	if (is(sub, "Type0")) {
		void *fonts = dict_get(d, "DescendantFonts");
		embedded = fonts && cls(fonts) == HPDF_OCLASS_ARRAY && ((HPDF_Array)fonts)->list->count == 1
		                   ? resolve(((HPDF_Array)fonts)->list->obj[0])
		                   : NULL;
		if (embedded && cls(embedded) != HPDF_OCLASS_DICT)
			embedded = NULL;
	}
	if (!is(sub, "Type3") && (!embedded || !has_font_file(embedded)))
		fail(c, "la police %s n'est pas incorporée", base ? base : "?");
}

static void check_annotation(checker *c, HPDF_Dict d)
{
	void *f = dict_get(d, "F");
	HPDF_INT32 flags = f && cls(f) == HPDF_OCLASS_NUMBER ? ((HPDF_Number)f)->value : 0;
	/* Print set; Invisible, Hidden, NoView clear (ISO 19005-1, 6.5.3). */
	if ((flags & (4 | 1 | 2 | 32)) != 4)
		fail(c, "une annotation n'est pas imprimable (drapeaux F = %d)", (int)flags);
}

static void check_dict(checker *c, HPDF_Dict d)
{
	const char *type = dict_name(d, "Type"), *sub = dict_name(d, "Subtype");
	HPDF_Dict group = dict_dict(d, "Group");
	if (group && is(dict_name(group, "S"), "Transparency"))
		fail(c, "un groupe de transparence est utilisé");
	else if (is(sub, "Image") && (!type || is(type, "XObject")))
		check_image(c, d);
	else if (is(type, "ExtGState"))
		check_ext_gstate(c, d);
	else if (is(type, "Font"))
		check_font(c, d);
	else if (is(type, "Annot"))
		check_annotation(c, d);
}

/* ---- the catalogue: output intent, XMP identification ---- */

static void check_output_intent(checker *c, HPDF_Dict catalog)
{
	void *intents = dict_get(catalog, "OutputIntents");
	HPDF_List list = intents && cls(intents) == HPDF_OCLASS_ARRAY ? ((HPDF_Array)intents)->list : NULL;
	for (HPDF_UINT i = 0; list && i < list->count; i++) {
		HPDF_Dict oi = resolve(list->obj[i]);
		if (cls(oi) != HPDF_OCLASS_DICT || !is(dict_name(oi, "S"), "GTS_PDFA1"))
			continue;
		/* libharu 2.3.0's helper spells the key with a trailing space,
		 * which its writer ends with the name: either is the profile. */
		HPDF_Dict icc = dict_dict(oi, "DestOutputProfile");
		if (!icc)
			icc = dict_dict(oi, "DestOutputProfile ");
		if (icc && icc->stream && HPDF_Stream_Size(icc->stream) > 0)
			return;
	}
	fail(c, "pas de profil de sortie (OutputIntent GTS_PDFA1 avec son profil ICC)");
}

/* The metadata stream's bytes, NUL-terminated; malloc'd, NULL if none. */
static char *xmp_bytes(HPDF_Dict catalog)
{
	HPDF_Dict md = dict_dict(catalog, "Metadata");
	if (!md || !md->stream)
		return NULL;
	HPDF_UINT32 size = HPDF_Stream_Size(md->stream);
	char *buf = malloc((size_t)size + 1);
	HPDF_UINT got = size;
	if (!buf || HPDF_Stream_Seek(md->stream, 0, HPDF_SEEK_SET) != HPDF_OK ||
	    (size && HPDF_Stream_Read(md->stream, (HPDF_BYTE *)buf, &got) != HPDF_OK) || got != size) {
		free(buf);
		return NULL;
	}
	buf[size] = '\0';
	return buf;
}

/* The XML text from s up to the next '<', entities decoded; malloc'd. */
static char *xml_text(const char *s)
{
	size_t n = strcspn(s, "<");
	char *out = malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	static const struct { const char *ent, ch; } ents[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		while (k < sizeof ents / sizeof *ents && strncmp(s + i, ents[k].ent, strlen(ents[k].ent)) != 0)
			k++;
		if (k < sizeof ents / sizeof *ents) {
			*o++ = ents[k].ch;
			i += strlen(ents[k].ent);
		} else if (s[i] == '&' && s[i + 1] == '#') {
			char *end;
			unsigned long cp = s[i + 2] == 'x' ? strtoul(s + i + 3, &end, 16) : strtoul(s + i + 2, &end, 10);
			char u[4];
			int len = utf8_encode((uint32_t)cp, u);
			memcpy(o, u, (size_t)len);  /* an entity is longer than its UTF-8 */
			o += len;
			i = (size_t)(end - s) + (*end == ';');
		} else {
			*o++ = s[i++];
		}
	}
	*o = '\0';
	return out;
}

/* The value of an XMP property (its first rdf:li for a list), or NULL. */
static char *xmp_value(const char *xmp, const char *property)
{
	char open[64];
	snprintf(open, sizeof open, "<%s>", property);
	const char *at = strstr(xmp, open);
	if (!at)
		return NULL;
	at += strlen(open);
	char close[64];
	snprintf(close, sizeof close, "</%s>", property);
	const char *li = strstr(at, "<rdf:li"), *end = strstr(at, close);
	if (li && end && li < end && strchr(li, '>'))
		at = strchr(li, '>') + 1;
	return xml_text(at);
}

/* ---- Info = XMP ---- */

/* An Info value as the file will say it, in UTF-8; malloc'd, NULL when it
 * cannot be said (then *bad says why). */
static char *info_text(void *v, const char **bad)
{
	const unsigned char *p;
	size_t len;
	if (cls(v) == HPDF_OCLASS_STRING) {
		HPDF_String s = v;
		p = s->value;
		len = s->len;
		for (size_t i = 0; s->encoder && i < len;) {
			uint32_t cp;
			i += (size_t)utf8_decode((const char *)p + i, (int)(len - i > 4 ? 4 : len - i), &cp);
			if (cp > 0xFFFF) {
				*bad = "un caractère au-delà de U+FFFF y serait remplacé";
				return NULL;
			}
		}
	} else if (cls(v) == HPDF_OCLASS_BINARY) {
		p = ((HPDF_Binary)v)->value;
		len = ((HPDF_Binary)v)->len;
	} else {
		*bad = "ce n'est pas une chaîne";
		return NULL;
	}
	char *out = malloc(2 * len + 1), *o = out;
	if (!out) {
		*bad = "mémoire insuffisante";
		return NULL;
	}
	if (cls(v) == HPDF_OCLASS_BINARY && len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		for (size_t i = 2; i + 1 < len; i += 2) {
			uint32_t u = (uint32_t)p[i] << 8 | p[i + 1];
			if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
				uint32_t lo = (uint32_t)p[i + 2] << 8 | p[i + 3];
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
			char b[4];
			int n = utf8_encode(u, b);
			memcpy(o, b, (size_t)n);  /* at most 4 bytes for 2 or 4 read */
			o += n;
		}
	} else {
		memcpy(o, p, len);  /* our plain strings are ASCII (dates) or UTF-8 */
		o += len;
	}
	*o = '\0';
	return out;
}

/* "D:YYYYMMDDHHmmSS+HH'mm'" as XMP writes it: "YYYY-MM-DDTHH:mm:SS+HH:mm". */
static void date_as_xmp(const char *d, char *out, size_t cap)
{
	if (strlen(d) >= 23 && strncmp(d, "D:", 2) == 0 && (d[16] == '+' || d[16] == '-'))
		snprintf(out, cap, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s%c%.2s:%.2s", d + 2, d + 6, d + 8, d + 10, d + 12, d + 14,
		         d[16], d + 17, d + 20);
	else
		snprintf(out, cap, "%s", d);
}

static void compare_entry(checker *c, HPDF_Dict info, const char *xmp, const char *key, const char *property)
{
	void *v = info ? dict_get(info, key) : NULL;
	char *x = xmp_value(xmp, property);
	if (!v || !x) {
		if (v || x)
			fail(c, "l'entrée %s est %s", key, v ? "dans Info mais pas dans XMP" : "dans XMP mais pas dans Info");
		free(x);
		return;
	}
	const char *bad = NULL;
	char *t = info_text(v, &bad);
	if (!t) {
		fail(c, "Info /%s : %s", key, bad);
	} else {
		char date[64];
		int dated = strstr(key, "Date") != NULL;
		if (dated)
			date_as_xmp(t, date, sizeof date);
		if (strcmp(dated ? date : t, x) != 0)
			fail(c, "Info /%s et XMP %s diffèrent", key, property);
	}
	free(t);
	free(x);
}

static void check_metadata(checker *c, HPDF_Doc pdf)
{
	char *xmp = xmp_bytes(pdf->catalog);
	if (!xmp) {
		fail(c, "pas de métadonnées XMP");
		return;
	}
	char *part = xmp_value(xmp, "pdfaid:part"), *conf = xmp_value(xmp, "pdfaid:conformance");
	if (!is(part, "1") || !is(conf, "B"))
		fail(c, "les métadonnées XMP ne déclarent pas PDF/A-1b");
	free(part);
	free(conf);
	static const char *const pairs[][2] = {
		{"Title", "dc:title"},       {"Author", "dc:creator"},         {"Subject", "dc:description"},
		{"Keywords", "pdf:Keywords"}, {"Creator", "xmp:CreatorTool"},   {"Producer", "pdf:Producer"},
		{"CreationDate", "xmp:CreateDate"}, {"ModDate", "xmp:ModifyDate"}};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		compare_entry(c, pdf->info, xmp, pairs[i][0], pairs[i][1]);
	free(xmp);
}

int pdf_check_pdfa(HPDF_Doc pdf, char *why, size_t whylen)
{
	checker c = {why, whylen, 0};
	for (HPDF_Xref x = pdf->xref; x && !c.failed; x = x->prev)
		for (HPDF_UINT i = 0; i < x->entries->count && !c.failed; i++) {
			HPDF_XrefEntry e = x->entries->obj[i];
			if (!e->obj)
				continue;
			check_limits(&c, e->obj);
			if (cls(e->obj) == HPDF_OCLASS_DICT)
				check_dict(&c, e->obj);
		}
	if (!c.failed && dict_get(pdf->trailer, "Encrypt"))
		fail(&c, "le fichier est chiffré");
	if (!c.failed && !dict_get(pdf->trailer, "ID"))
		fail(&c, "pas d'identifiant de fichier (/ID)");
	if (!c.failed)
		check_output_intent(&c, pdf->catalog);
	if (!c.failed)
		check_metadata(&c, pdf);
	return c.failed ? -1 : 0;
}

HPDF_Binary pdf_text_string(HPDF_MMgr mmgr, const char *utf8)
{
	size_t len = strlen(utf8), size = utf8_to_utf16_size(utf8, len);
	if (size > PDFA_MAX_STRING)
		return NULL;
	HPDF_BYTE *buf = malloc(size), *p = buf;
	if (!buf)
		return NULL;
	*p++ = 0xFE;
	*p++ = 0xFF;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += (size_t)utf8_decode(utf8 + i, (int)(len - i > 4 ? 4 : len - i), &cp);
		uint32_t units[2] = {cp, 0};
		int n = 1;
		if (cp > 0xFFFF) {
			units[0] = 0xD800 + ((cp - 0x10000) >> 10);
			units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			n = 2;
		}
		for (int k = 0; k < n; k++) {
			*p++ = (HPDF_BYTE)(units[k] >> 8);
			*p++ = (HPDF_BYTE)(units[k] & 0xFF);
		}
	}
	HPDF_Binary b = HPDF_Binary_New(mmgr, buf, (HPDF_UINT)size);
	free(buf);
	return b;
}

HPDF_STATUS pdf_set_info_text(HPDF_Doc pdf, const char *key, const char *utf8)
{
	if (utf8_to_utf16_size(utf8, strlen(utf8)) > PDFA_MAX_STRING)
		return HPDF_STRING_OUT_OF_RANGE;
	if (!pdf->info)
		return HPDF_INVALID_OBJECT;
	HPDF_Binary b = pdf_text_string(pdf->mmgr, utf8);
	return b ? HPDF_Dict_Add(pdf->info, key, b) : HPDF_FAILD_TO_ALLOC_MEM;
}
