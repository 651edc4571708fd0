/* PDF output with libharu 2.3.0: pages, text, rules, fills, images,
 * bookmarks; fonts subset with hb-subset and embedded by pdf_fonts.c; the
 * PDF/A and signature objects by pdf_objects.c. Traps of this libharu are
 * listed in ../shared/LIBHARU.md; the comments say which one each step
 * avoids. */
#include "render_pdf.h"
#include "hash.h"
#include "pdf_objects.h"
#include "pdf_fonts.h"
#include "layout.h"  /* monotonic_ms */
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <math.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <hpdf_pages.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct writer {
	HPDF_Doc pdf;
	int in_text;          /* inside BT … ET */
	int text_face;        /* text state set in the current BT block (-1: none) */
	float text_size;
	rgb text_color;
	int text_color_set;
	float line_x, line_y; /* [pt] start of the current text line (Td origin) */
	const pdf_options *opt;
	int failed;
	diag_list *diags;
	HPDF_STATUS error, detail;
	HPDF_Dict *fonts;     /* Type0 font per face of the font library, NULL if unused */
	int nfaces;
} writer;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	writer *w = user;
	if (!w->error) {
		w->error = error;
		w->detail = detail;
	}
}

static const char signature_tag[] = "#signature#";

static void mark_chars(unsigned char *bits, const char *text, int len)
{
	for (int j = 0; j < len;) {
		uint32_t cp;
		j += utf8_decode(text + j, len - j, &cp);
		if (cp < 0x10000)
			bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	}
}

/* Bitmap of the BMP code points each face draws (the signature tag is
 * drawn in face 0). */
static unsigned char *collect_used(const doc_pages *doc, int nfaces, int with_tag)
{
	unsigned char *used = calloc((size_t)nfaces, 65536 / 8);
	if (!used)
		return NULL;
	if (with_tag && nfaces > 0)
		mark_chars(used, signature_tag, (int)strlen(signature_tag));
	for (int i = 0; i < doc->npages; i++)
		for (int k = 0; k < doc->pages[i].nops; k++) {
			const op *o = &doc->pages[i].ops[k];
			if (o->kind != OP_TEXT && o->kind != OP_WATERMARK)
				continue;
			mark_chars(used + (size_t)o->face * (65536 / 8), o->text, o->len);
		}
	return used;
}

static int any_bit(const unsigned char *bits)
{
	for (int i = 0; i < 65536 / 8; i++)
		if (bits[i])
			return 1;
	return 0;
}

/* Subsets one face to the characters drawn (hb-subset): a document embeds
 * only the glyphs it shows. Returns malloc'd TrueType bytes, or NULL. */
static unsigned char *subset_bytes(const char *file, int index, const unsigned char *bits, size_t *size)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
	if (!blob)
		return NULL;
	hb_face_t *face = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in) {
		hb_face_destroy(face);
		return NULL;
	}
	hb_set_t *unicodes = hb_subset_input_unicode_set(in);
	for (uint32_t cp = 0; cp < 65536; cp++)
		if (bits[cp >> 3] & (1u << (cp & 7)))
			hb_set_add(unicodes, cp);
	hb_face_t *sub = hb_subset_or_fail(face, in);
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
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

#define SUBSET_CACHE_SIZE 16

struct subset_cache {
	struct {
		char file[4096];
		int index;
		uint8_t digest[HASH_SIZE];  /* of the code point bitmap */
		unsigned char *ttf;         /* the subset, owned by the cache */
		size_t size;
		unsigned long used;         /* for least-recently-used eviction */
	} e[SUBSET_CACHE_SIZE];
	int n;
	unsigned long clock;
};

subset_cache *subset_cache_new(void) { return calloc(1, sizeof(subset_cache)); }

void subset_cache_free(subset_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		free(c->e[i].ttf);
	free(c);
}

/* The subset of file for the characters in bits: from the cache, or made
 * and remembered. *owned tells whether the caller frees it. */
static unsigned char *subset_get(subset_cache *c, const char *file, int index, const unsigned char *bits,
                                 size_t *size, int *owned)
{
	*owned = 1;
	if (!c)
		return subset_bytes(file, index, bits, size);
	hash_ctx h;
	uint8_t digest[HASH_SIZE];
	hash_init(&h);
	hash_update(&h, bits, 65536 / 8);
	hash_final(&h, digest);
	int oldest = 0;
	for (int i = 0; i < c->n; i++) {
		if (c->e[i].index == index && memcmp(c->e[i].digest, digest, HASH_SIZE) == 0 &&
		    strcmp(c->e[i].file, file) == 0) {
			c->e[i].used = ++c->clock;
			*owned = 0;
			*size = c->e[i].size;
			return c->e[i].ttf;
		}
		if (c->e[i].used < c->e[oldest].used)
			oldest = i;
	}
	unsigned char *ttf = subset_bytes(file, index, bits, size);
	if (!ttf || strlen(file) >= sizeof c->e[0].file)
		return ttf;
	int slot;
	if (c->n < SUBSET_CACHE_SIZE) {
		slot = c->n++;
	} else {
		slot = oldest;  /* the least recently used subset makes room */
		free(c->e[slot].ttf);
	}
	snprintf(c->e[slot].file, sizeof c->e[slot].file, "%s", file);
	c->e[slot].index = index;
	memcpy(c->e[slot].digest, digest, HASH_SIZE);
	c->e[slot].ttf = ttf;
	c->e[slot].size = *size;
	c->e[slot].used = ++c->clock;
	*owned = 0;
	return ttf;
}

static int load_fonts(writer *w, const doc_pages *doc, font_lib *fonts)
{
	unsigned char *used = collect_used(doc, w->nfaces, w->opt->signature_tag);
	if (!used)
		return -1;
	int rc = 0;
	for (int f = 0; f < w->nfaces && rc == 0; f++) {
		const unsigned char *bits = used + (size_t)f * (65536 / 8);
		if (!any_bit(bits))
			continue;
		int owned;
		size_t size = 0;
		unsigned char *ttf = subset_get(w->opt->subsets, font_file(fonts, f), font_file_index(fonts, f), bits, &size,
		                                &owned);
		const char *file = font_file(fonts, f);
		int italic = strstr(file, "Italic") || strstr(file, "Oblique");
		w->fonts[f] = ttf ? pdf_embed_font(w->pdf, ttf, size, bits, italic) : NULL;
		if (owned)
			free(ttf);
		if (!w->fonts[f]) {
			diag_add(w->diags, D_INTERNAL, 0, 0, "police impossible à incorporer");
			rc = -1;
		}
	}
	free(used);
	return rc;
}

static void set_fill(HPDF_Page pg, rgb c) { HPDF_Page_SetRGBFill(pg, c.r, c.g, c.b); }
static void set_stroke(HPDF_Page pg, rgb c) { HPDF_Page_SetRGBStroke(pg, c.r, c.g, c.b); }

/* Text is written into the page's content stream by hand, not through
 * HPDF_Page_TextOut. Why: libharu measures every character again (a linear
 * cmap search per glyph) although layout already placed it, and writes each
 * string in hexadecimal, four bytes per character, which zlib then has to
 * compress: together half of the time spent writing a document. Here
 * consecutive runs share one BT … ET block, font, size and colour are
 * repeated only when they change, and strings are literal, two bytes per
 * character (CID = BMP code point, the Identity-H encoding of libharu's
 * UTF-8 fonts). The glyphs are marked used for embedding in load_fonts. */
/* A coordinate with at most three decimals, trailing zeros dropped, and a
 * space: written for every run of text, so by hand rather than through
 * printf's floating-point formatting (3 % of a document's time). */
static void put_number(HPDF_Stream s, float v)
{
	char buf[32], *end = buf + sizeof buf, *p = end;
	long long milli = llroundf(v * 1000.0f);
	int negative = milli < 0;
	unsigned long long u = (unsigned long long)(negative ? -milli : milli);
	*--p = ' ';
	unsigned frac = (unsigned)(u % 1000);
	u /= 1000;
	if (frac) {
		int digits = 3;
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		for (int i = 0; i < digits; i++, frac /= 10)
			*--p = (char)('0' + frac % 10);
		*--p = '.';
	}
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (negative)
		*--p = '-';
	HPDF_Stream_Write(s, (const HPDF_BYTE *)p, (HPDF_UINT)(end - p));
}

static void put_cid_string(HPDF_Stream s, const char *text, int len)
{
	unsigned char buf[1024];
	size_t n = 0;
	buf[n++] = '(';
	for (int i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(text + i, len - i, &cp);
		if (cp > 0xFFFF)
			cp = '?';
		unsigned char bytes[2] = {(unsigned char)(cp >> 8), (unsigned char)(cp & 0xFF)};
		for (int k = 0; k < 2; k++) {
			unsigned char c = bytes[k];
			if (n + 4 > sizeof buf) {
				HPDF_Stream_Write(s, buf, (HPDF_UINT)n);
				n = 0;
			}
			if (c == '(' || c == ')' || c == '\\') {
				buf[n++] = '\\';
				buf[n++] = c;
			} else if (c == '\r' || c == '\n') {
				buf[n++] = '\\';
				buf[n++] = c == '\r' ? 'r' : 'n';
			} else {
				buf[n++] = c;
			}
		}
	}
	buf[n++] = ')';
	HPDF_Stream_Write(s, buf, (HPDF_UINT)n);
}

static void end_text(writer *w, HPDF_Page pg)
{
	if (w->in_text)
		HPDF_Stream_WriteStr(((HPDF_PageAttr)pg->attr)->stream, "ET\n");
	w->in_text = 0;
}

/* "/Fn size Tf", naming face n in the page's resources. */
static int select_font(writer *w, HPDF_Page pg, HPDF_Stream s, int face, float size)
{
	char name[16];
	snprintf(name, sizeof name, "F%d", face);
	if (pdf_use_font(pg, w->fonts[face], name) != HPDF_OK) {
		w->failed = 1;
		return -1;
	}
	HPDF_Stream_WriteStr(s, "/");
	HPDF_Stream_WriteStr(s, name);
	HPDF_Stream_WriteStr(s, " ");
	put_number(s, size);
	HPDF_Stream_WriteStr(s, "Tf\n");
	return 0;
}

static void put_color(HPDF_Stream s, rgb c)
{
	put_number(s, c.r);
	put_number(s, c.g);
	put_number(s, c.b);
	HPDF_Stream_WriteStr(s, "rg\n");
}

static void draw_text(writer *w, HPDF_Page pg, float height, const op *o)
{
	if (!w->fonts[o->face] || o->len == 0)
		return;
	HPDF_Stream s = ((HPDF_PageAttr)pg->attr)->stream;
	if (!w->in_text) {
		HPDF_Stream_WriteStr(s, "BT\n");
		w->in_text = 1;
		w->text_face = -1;
		w->text_color_set = 0;
		w->line_x = w->line_y = 0;
	}
	if (o->face != w->text_face || o->size != w->text_size) {
		if (select_font(w, pg, s, o->face, o->size) != 0)
			return;
		w->text_face = o->face;
		w->text_size = o->size;
	}
	if (!w->text_color_set || memcmp(&o->color, &w->text_color, sizeof o->color) != 0) {
		put_color(s, o->color);
		w->text_color = o->color;
		w->text_color_set = 1;
	}
	/* Td moves from the start of the previous line of text. */
	float x = o->x, y = height - o->y;
	put_number(s, x - w->line_x);
	put_number(s, y - w->line_y);
	HPDF_Stream_WriteStr(s, "Td\n");
	w->line_x = x;
	w->line_y = y;
	put_cid_string(s, o->text, o->len);
	HPDF_Stream_WriteStr(s, " Tj\n");
}

/* PNG or JPEG by extension. A PNG with an alpha channel would need a soft
 * mask, which PDF/A-1 forbids: templates ship opaque images (see
 * docs/templates.md); libharu reports the rest. */
static void draw_image(writer *w, HPDF_Page pg, float height, const op *o)
{
	const char *dot = strrchr(o->text, '.');
	int jpeg = dot && (strcmp(dot, ".jpg") == 0 || strcmp(dot, ".jpeg") == 0 || strcmp(dot, ".JPG") == 0);
	HPDF_Image img = jpeg ? HPDF_LoadJpegImageFromFile(w->pdf, o->text) : HPDF_LoadPngImageFromFile(w->pdf, o->text);
	if (!img) {
		w->failed = 1;
		diag_add(w->diags, D_IO_READ, 0, 0, o->text);
		return;
	}
	HPDF_Page_DrawImage(pg, img, o->x, height - o->y - o->h, o->w, o->h);
}

/* Text at (x, y) rotated by `angle` degrees: its own BT block with a text
 * matrix; `mode` is the rendering mode (0 fill, 3 invisible). */
static void draw_rotated(writer *w, HPDF_Page pg, int face, float size, rgb color, float x, float y, float angle,
                         int mode, const char *text, int len)
{
	if (!w->fonts[face] || len <= 0)
		return;
	HPDF_Stream s = ((HPDF_PageAttr)pg->attr)->stream;
	float a = angle * 3.14159265f / 180.0f;
	HPDF_Stream_WriteStr(s, "BT\n");
	if (mode)
		HPDF_Stream_WriteStr(s, "3 Tr\n");
	if (select_font(w, pg, s, face, size) != 0)
		return;
	put_color(s, color);
	float m[6] = {cosf(a), sinf(a), -sinf(a), cosf(a), x, y};
	for (int i = 0; i < 6; i++)
		put_number(s, m[i]);
	HPDF_Stream_WriteStr(s, "Tm\n");
	put_cid_string(s, text, len);
	HPDF_Stream_WriteStr(s, " Tj\nET\n");
}

static void draw_watermark(writer *w, HPDF_Page pg, float height, const op *o)
{
	draw_rotated(w, pg, o->face, o->size, o->color, o->x, height - o->y, o->angle, 0, o->text, o->len);
}

/* The empty signature field, and for parapheurs that place signatures on a
 * text tag, an invisible "#signature#" over the same area (face 0). */
static void draw_signature(writer *w, HPDF_Page pg, float height, const op *o)
{
	char name[128];
	snprintf(name, sizeof name, "%.*s", o->len, o->text);
	if (w->opt->signature_field &&
	    pdf_add_signature_field(w->pdf, pg, o->x, height - o->y - o->h, o->w, o->h, name) != HPDF_OK)
		w->failed = 1;
	if (w->opt->signature_tag)
		draw_rotated(w, pg, 0, 8, (rgb){0, 0, 0}, o->x + 2, height - o->y - o->h / 2, 0, 3, signature_tag,
		             (int)strlen(signature_tag));
}

/* Chart shapes (OP_PATH): the path as layout computed it, arcs already
 * cubic Béziers, so that the PDF holds exactly what the dump shows. */
static void trace_path(HPDF_Page pg, float height, const op *o)
{
	for (int i = 0; i < o->npath; i++) {
		const path_seg *s = &o->path[i];
		float x = o->x + s->x, y = height - o->y - s->y;
		switch (s->cmd) {
		case PATH_MOVE: HPDF_Page_MoveTo(pg, x, y); break;
		case PATH_LINE: HPDF_Page_LineTo(pg, x, y); break;
		case PATH_CURVE:
			HPDF_Page_CurveTo(pg, o->x + s->x1, height - o->y - s->y1, o->x + s->x2, height - o->y - s->y2, x, y);
			break;
		case PATH_CLOSE: HPDF_Page_ClosePath(pg); break;
		}
	}
}

/* Diagonal lines every 3 pt over the shape's bounding box, clipped to the
 * shape: a second cue besides lightness for readers of grey prints. */
static void hatch_path(HPDF_Page pg, float height, const op *o)
{
	float x0 = 1e9f, x1 = -1e9f, y0 = 1e9f, y1 = -1e9f;
	for (int i = 0; i < o->npath; i++) {
		const path_seg *s = &o->path[i];
		float xs[3] = {s->x, s->x1, s->x2}, ys[3] = {s->y, s->y1, s->y2};
		for (int k = 0; k < (s->cmd == PATH_CURVE ? 3 : s->cmd == PATH_CLOSE ? 0 : 1); k++) {
			x0 = xs[k] < x0 ? xs[k] : x0;
			x1 = xs[k] > x1 ? xs[k] : x1;
			y0 = ys[k] < y0 ? ys[k] : y0;
			y1 = ys[k] > y1 ? ys[k] : y1;
		}
	}
	if (x1 < x0 || y1 < y0)
		return;
	float bx = o->x + x0, by = height - o->y - y1, bw = x1 - x0, bh = y1 - y0;
	HPDF_Page_GSave(pg);
	trace_path(pg, height, o);
	HPDF_Page_Clip(pg);
	HPDF_Page_EndPath(pg);
	set_stroke(pg, o->stroke);
	HPDF_Page_SetLineWidth(pg, 0.6f);
	for (float d = -bh; d < bw; d += 3) {
		HPDF_Page_MoveTo(pg, bx + d, by);
		HPDF_Page_LineTo(pg, bx + d + bh, by + bh);
	}
	HPDF_Page_Stroke(pg);
	HPDF_Page_GRestore(pg);
}

static void draw_path(HPDF_Page pg, float height, const op *o)
{
	if (o->npath == 0)
		return;
	set_fill(pg, o->color);
	trace_path(pg, height, o);
	HPDF_Page_Fill(pg);
	if (o->hatch)
		hatch_path(pg, height, o);
	if (o->size > 0) {
		HPDF_Page_GSave(pg);
		HPDF_Page_SetLineJoin(pg, HPDF_ROUND_JOIN);
		set_stroke(pg, o->stroke);
		HPDF_Page_SetLineWidth(pg, o->size);
		trace_path(pg, height, o);
		HPDF_Page_Stroke(pg);
		HPDF_Page_GRestore(pg);
	}
}

static void draw_op(writer *w, HPDF_Page pg, float height, const op *o)
{
	if (o->kind != OP_TEXT)
		end_text(w, pg);
	switch (o->kind) {
	case OP_TEXT:
		draw_text(w, pg, height, o);
		break;
	case OP_FILL:
		set_fill(pg, o->color);
		HPDF_Page_Rectangle(pg, o->x, height - o->y - o->h, o->w, o->h);
		HPDF_Page_Fill(pg);
		break;
	case OP_STROKE:
		set_stroke(pg, o->color);
		HPDF_Page_SetLineWidth(pg, o->size);
		HPDF_Page_Rectangle(pg, o->x, height - o->y - o->h, o->w, o->h);
		HPDF_Page_Stroke(pg);
		break;
	case OP_LINE:
		set_stroke(pg, o->color);
		HPDF_Page_SetLineWidth(pg, o->size);
		HPDF_Page_MoveTo(pg, o->x, height - o->y);
		HPDF_Page_LineTo(pg, o->x + o->w, height - o->y - o->h);
		HPDF_Page_Stroke(pg);
		break;
	case OP_SIGNATURE:
		draw_signature(w, pg, height, o);
		break;
	case OP_WATERMARK:
		draw_watermark(w, pg, height, o);
		break;
	case OP_IMAGE:
		draw_image(w, pg, height, o);
		break;
	case OP_PATH:
		draw_path(pg, height, o);
		break;
	}
}

static void add_outline(writer *w, const doc_pages *doc, HPDF_Page *pages)
{
	HPDF_Outline parents[8] = {0};
	HPDF_Encoder enc = HPDF_GetEncoder(w->pdf, "UTF-8");
	for (int i = 0; i < doc->noutline; i++) {
		const outline_entry *e = &doc->outline[i];
		int level = e->level < 0 ? 0 : e->level > 7 ? 7 : e->level;
		HPDF_Outline parent = NULL;
		for (int l = level - 1; l >= 0 && !parent; l--)
			parent = parents[l];
		HPDF_Outline o = HPDF_CreateOutline(w->pdf, parent, e->title, enc);
		if (!o)
			continue;
		if (pdf_set_outline_dest(o, pages[e->page], doc->pages[e->page].height - e->y) != HPDF_OK)
			w->failed = 1;
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
		parents[level] = o;
		for (int l = level + 1; l < 8; l++)
			parents[l] = NULL;
	}
}

static void set_info(writer *w, const doc_pages *doc, const pdf_options *opt)
{
	if (doc->meta.title)
		HPDF_SetInfoAttr(w->pdf, HPDF_INFO_TITLE, doc->meta.title);
	if (doc->meta.author)
		HPDF_SetInfoAttr(w->pdf, HPDF_INFO_AUTHOR, doc->meta.author);
	if (doc->meta.subject)
		HPDF_SetInfoAttr(w->pdf, HPDF_INFO_SUBJECT, doc->meta.subject);
	if (doc->meta.keywords)
		HPDF_SetInfoAttr(w->pdf, HPDF_INFO_KEYWORDS, doc->meta.keywords);
	HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, "delib " DELIB_VERSION);
	HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "delib " DELIB_VERSION " (libharu)");
	int y, m, d;
	if (opt && opt->date && sscanf(opt->date, "%4d-%2d-%2d", &y, &m, &d) == 3) {
		/* No wall clock: the dates come from the document. '+' with zero
		 * offsets, never 'Z', which poisons libharu 2.3.0's document. */
		HPDF_Date date = {y, m, d, 0, 0, 0, '+', 0, 0};
		HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date);
	}
}

static int save(writer *w, unsigned char **out, size_t *size)
{
	if (HPDF_SaveToStream(w->pdf) != HPDF_OK)
		return -1;
	HPDF_UINT32 n = HPDF_GetStreamSize(w->pdf);
	unsigned char *buf = malloc(n ? n : 1);
	if (!buf)
		return -1;
	HPDF_UINT32 got = n;
	if (HPDF_ReadFromStream(w->pdf, buf, &got) != HPDF_OK && got != n) {
		free(buf);
		return -1;
	}
	*out = buf;
	*size = got;
	return 0;
}

/* The file /ID: a hash of what the pages show, so that the same content
 * gives the same bytes and different content a different identifier. */
static void content_id(const doc_pages *doc, const pdf_options *opt, uint8_t id[16])
{
	hash_ctx h;
	hash_init(&h);
	for (int i = 0; i < doc->npages; i++) {
		const page *p = &doc->pages[i];
		float box[2] = {p->width, p->height};
		hash_update(&h, box, sizeof box);
		for (int k = 0; k < p->nops; k++) {
			const op *o = &p->ops[k];
			float geo[5] = {o->x, o->y, o->w, o->h, o->size};
			hash_update(&h, &o->kind, sizeof o->kind);
			hash_update(&h, geo, sizeof geo);
			if (o->text)
				hash_update(&h, o->text, (size_t)o->len);
			if (o->kind == OP_PATH && o->path)
				hash_update(&h, o->path, sizeof *o->path * (size_t)o->npath);
		}
	}
	const char *fields[] = {doc->meta.title, doc->meta.author, doc->meta.subject, doc->meta.keywords,
	                        opt->date, opt->template_sha256};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		hash_update(&h, fields[i] ? fields[i] : "", fields[i] ? strlen(fields[i]) + 1 : 1);
	uint8_t digest[HASH_SIZE];
	hash_final(&h, digest);
	memcpy(id, digest, 16);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Records the fonts and template on page 1, for --compare-with. */
static int record_provenance(writer *w, font_lib *fonts, const pdf_options *opt, HPDF_Page first)
{
	font_record recs[64];
	int n = 0;
	for (int f = 0; f < w->nfaces && n < 64; f++) {
		if (!w->fonts[f])
			continue;
		const char *sha = font_sha256(fonts, f);
		if (!sha)
			return -1;
		recs[n++] = (font_record){font_family(fonts, f), base_name(font_file(fonts, f)), sha};
	}
	return pdf_add_piece_info(w->pdf, first, opt->date, opt->template_name, opt->template_sha256, recs, n) ==
	               HPDF_OK ? 0 : -1;
}

static int finish_pdfa(writer *w, const doc_pages *doc, const pdf_options *opt)
{
	uint8_t id[16];
	content_id(doc, opt, id);
	pdfa_meta m = {doc->meta.title, doc->meta.author, doc->meta.subject, doc->meta.keywords,
	               doc->meta.lang,  "delib " DELIB_VERSION, "delib " DELIB_VERSION " (libharu)", opt->date};
	if (pdfa_finish(w->pdf, &m, id, opt->icc_path) == HPDF_OK)
		return 0;
	diag_add(w->diags, D_INTERNAL, 0, 0, "profil de couleur sRGB illisible (paquet icc-profiles-free)");
	return -1;
}

static int write_document(writer *w, const doc_pages *doc, font_lib *fonts, const pdf_options *opt,
                          unsigned char **out, size_t *size)
{
	HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(w->pdf);
	HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
	set_info(w, doc, opt);
	if (load_fonts(w, doc, fonts) != 0)
		return -1;
	HPDF_Page *pages = calloc((size_t)(doc->npages ? doc->npages : 1), sizeof *pages);
	if (!pages)
		return -1;
	for (int i = 0; i < doc->npages && !w->error && !w->failed; i++) {
		const page *p = &doc->pages[i];
		if (opt->deadline > 0 && monotonic_ms() > opt->deadline) {
			diag_add_custom(w->diags, "render.timeout", DELIB_ERROR, 0, 0,
			                "le rendu dépasse le temps permis ; rendu interrompu");
			w->failed = 1;
			break;
		}
		HPDF_Page pg = pages[i] = HPDF_AddPage(w->pdf);
		HPDF_Page_SetWidth(pg, p->width);
		HPDF_Page_SetHeight(pg, p->height);
		for (int k = 0; k < p->nops; k++)
			draw_op(w, pg, p->height, &p->ops[k]);
		end_text(w, pg);
		if (pdf_precompress(((HPDF_PageAttr)pg->attr)->contents, PDF_DEFLATE_LEVEL) != HPDF_OK)
			w->failed = 1;
	}
	int rc = w->error || w->failed ? -1 : 0;
	if (rc == 0) {
		add_outline(w, doc, pages);
		if (doc->npages)
			rc = record_provenance(w, fonts, opt, pages[0]);
	}
	free(pages);
	if (rc == 0 && !w->error)
		rc = finish_pdfa(w, doc, opt);
	if (rc != 0 || w->error)
		return -1;
	return save(w, out, size);
}

int render_pdf(const doc_pages *doc, font_lib *fonts, const pdf_options *opt, diag_list *diags,
               unsigned char **out, size_t *size)
{
	writer w = {.diags = diags, .opt = opt, .nfaces = font_count(fonts)};
	*out = NULL;
	*size = 0;
	w.fonts = calloc((size_t)(w.nfaces + 1), sizeof *w.fonts);
	w.pdf = HPDF_New(on_error, &w);
	int rc = -1;
	if (w.fonts && w.pdf)
		rc = write_document(&w, doc, fonts, opt, out, size);
	if (rc != 0) {
		if (w.error)
			diag_add(diags, D_PDF, 0, 0, (unsigned)w.error, (unsigned)w.detail);
		else if (!diag_has_error(diags))
			diag_add(diags, D_NOMEM, 0, 0);
	}
	if (w.pdf)
		HPDF_Free(w.pdf);
	free(w.fonts);
	return rc;
}
