/* SPDX-License-Identifier: Apache-2.0 */
/* PDF output with libharu 2.3.0: pages, text, rules, fills, images,
 * bookmarks; fonts subset with hb-subset and embedded by pdf_fonts.c; the
 * PDF/A and signature objects by pdf_objects.c. Traps of this libharu are
 * listed in ../shared/LIBHARU.md; the comments say which one each step
 * avoids. */
#include "render_pdf.h"
#include "sys.h"
#include "hash.h"
#include "pdf_objects.h"
#include "pdf_cache.h"
#include "pdf_fonts.h"
#include "pdf_check.h"
#include "pdf_image.h"
#include "pdf_struct.h"
#include <hpdf.h>
#include <math.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The current page's content stream, built here rather than through
 * libharu's page operators (see put_number and draw_text for why). */
typedef struct content {
	char *p;
	size_t len, cap;
} content;

/* What the content stream has set so far on the page, so that colours,
 * line width and font are written only when they change. q … Q saves and
 * restores it with the graphics state (save_state, restore_state). */
typedef struct gstate {
	rgb fill, stroke;
	float width;
	int face;            /* text font and size; -1: none yet */
	float size;
	int fill_known, stroke_known, width_known;
} gstate;

typedef struct image_ref {
	const char *path;
	HPDF_Image image;
} image_ref;

typedef struct writer {
	HPDF_Doc pdf;
	pdf_deflater *z;
	content c;
	gstate gs;
	int in_text;          /* inside BT … ET */
	float line_x, line_y; /* [pt] start of the current text line (Td origin) */
	hash_ctx id;          /* of every page's content: the file /ID */
	const pdf_options *opt;
	int failed;
	const char *nonconform; /* why the content streams break PDF/A-1, or NULL */
	diag_list *diags;
	HPDF_STATUS error, detail;
	HPDF_Dict *fonts;     /* Type0 font per face of the font library, NULL if unused */
	int nfaces;
	font_lib *lib;        /* for the kerning layout measured (font_kern) */
	/* The faces this document uses, in the order it first uses them, and
	 * each face's place in that order (-1: unused). The font library's
	 * own indices depend on what a context loaded for earlier documents
	 * (a batch worker, the service): resource names, embedding order and
	 * the provenance record follow the document instead, so that the same
	 * input gives the same bytes in a fresh process and a warm one. */
	int *order, *rank;
	int nused;
	int tag_face;         /* the face of the signature tag: the document's first */
	image_ref *images;    /* each image file embedded once, whatever the pages using it */
	int nimages, cap_images;
	pdf_struct *tags;     /* the structure tree; NULL: an untagged document */
	int page_index;       /* of the page being written */
	int mc;               /* open marked content: an element, MC_ARTIFACT or MC_NONE */
} writer;

enum { MC_NONE = -2, MC_ARTIFACT = -1 };

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

static void use_face(writer *w, int face)
{
	if (face >= 0 && face < w->nfaces && w->rank[face] < 0) {
		w->rank[face] = w->nused;
		w->order[w->nused++] = face;
	}
}

/* The faces in order of first use (w->order, w->rank), and the bitmap of
 * the BMP code points each face draws (the signature tag is drawn in the
 * document's first face). */
static unsigned char *collect_used(writer *w, const doc_pages *doc, int with_tag)
{
	unsigned char *used = calloc((size_t)w->nfaces, 65536 / 8);
	if (!used)
		return NULL;
	for (int i = 0; i < doc->npages; i++)
		for (int k = 0; k < doc->pages[i].nops; k++) {
			const op *o = &doc->pages[i].ops[k];
			if (o->kind != OP_TEXT && o->kind != OP_WATERMARK)
				continue;
			use_face(w, o->face);
			mark_chars(used + (size_t)o->face * (65536 / 8), o->text, o->len);
			if (w->tags && o->tag > 0)  /* needs_space, put_kerned_text */
				mark_chars(used + (size_t)o->face * (65536 / 8), o->hyphen ? "\xC2\xAD" : " ", o->hyphen ? 2 : 1);
		}
	w->tag_face = w->nused ? w->order[0] : 0;
	if (with_tag && w->nfaces > 0) {
		use_face(w, w->tag_face);
		mark_chars(used + (size_t)w->tag_face * (65536 / 8), signature_tag, (int)strlen(signature_tag));
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

static int load_fonts(writer *w, const doc_pages *doc, font_lib *fonts)
{
	unsigned char *used = collect_used(w, doc, w->opt->signature_tag);
	if (!used)
		return -1;
	int rc = 0;
	for (int k = 0; k < w->nused && rc == 0; k++) {
		int f = w->order[k];
		const unsigned char *bits = used + (size_t)f * (65536 / 8);
		if (!any_bit(bits))
			continue;
		pdf_font_program prog;
		const char *file = font_file(fonts, f);
		int italic = strstr(file, "Italic") || strstr(file, "Oblique");
		if (pdf_cache_subset(w->opt->cache, file, font_file_index(fonts, f), font_hb_face(fonts, f), bits, &prog) == 0)
			w->fonts[f] = pdf_embed_font(w->pdf, w->z, &prog, bits, italic);
		if (!w->fonts[f]) {
			diag_add(w->diags, D_INTERNAL, 0, 0, "police impossible à incorporer");
			rc = -1;
		}
	}
	free(used);
	return rc;
}

/* Room for n more bytes in the content stream; NULL (and the document
 * failed) when memory runs out. */
static char *reserve(writer *w, size_t n)
{
	content *c = &w->c;
	if (c->len + n > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 65536;
		while (cap < c->len + n)
			cap *= 2;
		char *grown = realloc(c->p, cap);
		if (!grown) {
			w->failed = 1;
			return NULL;
		}
		c->p = grown;
		c->cap = cap;
	}
	return c->p + c->len;
}

static void put(writer *w, const void *bytes, size_t n)
{
	char *at = reserve(w, n);
	if (!at)
		return;
	memcpy(at, bytes, n);
	w->c.len += n;
}

static void put_str(writer *w, const char *s) { put(w, s, strlen(s)); }

/* Every page is written into the content stream by hand rather than with
 * libharu's page operators (HPDF_Page_TextOut, _Rectangle, _SetRGBFill …).
 * Why: libharu measures every character again (a linear cmap search per
 * glyph) although layout already placed it, writes strings in hexadecimal,
 * four bytes per character, and formats each number through a byte-by-byte
 * buffer clearing: together more than half of the time spent writing a
 * document. Here consecutive runs share one BT … ET block; font, size,
 * colours and line width are repeated only when they change; strings are
 * literal, two bytes per character (CID = BMP code point, Identity-H).
 *
 * A number with at most three decimals, trailing zeros dropped, and a
 * space, by hand rather than through printf's floating-point formatting. */
static void put_number(writer *w, float v)
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
	put(w, p, (size_t)(end - p));
}

/* v as put_number writes it. */
static float rounded(float v) { return (float)llroundf(v * 1000.0f) / 1000.0f; }

static void put_numbers(writer *w, const float *v, int n, const char *operator)
{
	for (int i = 0; i < n; i++)
		put_number(w, v[i]);
	put_str(w, operator);
}

/* A literal string of 2-byte CIDs: at most four bytes per UTF-8 byte. */
static void put_cid_string(writer *w, const char *text, int len)
{
	unsigned char *out = (unsigned char *)reserve(w, 4 * (size_t)len + 2), *p = out;
	if (!out)
		return;
	*p++ = '(';
	for (int i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(text + i, len - i, &cp);
		if (cp > 0xFFFF)
			cp = '?';
		unsigned char bytes[2] = {(unsigned char)(cp >> 8), (unsigned char)(cp & 0xFF)};
		for (int k = 0; k < 2; k++) {
			unsigned char c = bytes[k];
			if (c == '(' || c == ')' || c == '\\') {
				*p++ = '\\';
				*p++ = c;
			} else if (c == '\r' || c == '\n') {
				*p++ = '\\';
				*p++ = c == '\r' ? 'r' : 'n';
			} else {
				*p++ = c;
			}
		}
	}
	*p++ = ')';
	/* Two bytes a character: PDF/A-1 bounds a string to 65,535 bytes. */
	if ((size_t)(p - out) > 2 * PDFA_MAX_STRING + 2)
		w->nonconform = "un texte de plus de 65 535 octets dans une seule chaîne";
	w->c.len += (size_t)(p - out);
}

/* Bytes [from, to) of a run with the kerning layout measured
 * (font_kern_text): "(…) Tj", or "[(…) k (…)] TJ" where pairs are kerned,
 * k in thousandths of the font size, positive to the left; `lead`: the
 * pair before `from` is kerned too (the run continues). Text extraction
 * reads the same characters. */
static void put_run(writer *w, const int *kern, const char *text, int from, int to, int lead)
{
	int kerned = lead && kern[from];
	for (int i = from + 1; i < to && !kerned; i++)
		kerned = kern[i] != 0;
	if (!kerned) {
		put_cid_string(w, text + from, to - from);
		put_str(w, " Tj\n");
		return;
	}
	put_str(w, "[");
	if (lead && kern[from])
		put_number(w, (float)-kern[from]);
	int start = from;
	for (int i = from + 1; i < to; i++) {
		if (!kern[i])
			continue;
		put_cid_string(w, text + start, i - start);
		put_number(w, (float)-kern[i]);
		start = i;
	}
	put_cid_string(w, text + start, to - start);
	put_str(w, "] TJ\n");
}

/* Whether face draws the soft hyphen U+00AD as it draws '-' (same
 * advance): then a hyphen layout added can be written as one. */
static int soft_hyphen_drawn(writer *w, int face)
{
	return font_face_for(w->lib, face, 0xAD) == face && font_advance(w->lib, face, 0xAD) == font_advance(w->lib, face, '-');
}

/* A run of text. In a tagged document a hyphen layout added to cut a word
 * is written as the soft hyphen U+00AD, the character Unicode gives a
 * hyphen that only shows a line break: the glyph is a hyphen, and text
 * extraction (by position or by structure) can join the word's two
 * halves. A hyphen of the text itself stays '-'. */
static void put_kerned_text(writer *w, const op *o)
{
	int len = o->len, small[256], *kern = len <= 256 ? small : malloc(sizeof *kern * (size_t)len);
	if (!kern) {
		w->failed = 1;
		return;
	}
	font_kern_text(w->lib, o->face, o->text, len, kern);
	int split = w->tags && o->hyphen && o->text[len - 1] == '-' && soft_hyphen_drawn(w, o->face) ? len - 1 : len;
	if (split > 0)
		put_run(w, kern, o->text, 0, split, 0);
	if (split < len) {
		int lead = split > 0 && kern[split];
		put_str(w, lead ? "[" : "");
		if (lead)
			put_number(w, (float)-kern[split]);
		put_cid_string(w, "\xC2\xAD", 2);
		put_str(w, lead ? "] TJ\n" : " Tj\n");
	}
	if (kern != small)
		free(kern);
}

/* Whether a space glyph follows text op o, next being the op drawn after
 * it. Justified words are runs of their own with no space character
 * between them, and a line's last run ends without one: what reads the
 * characters of an element rather than their positions (pdfinfo
 * -struct-text, a screen reader) would run the words together. The glyph
 * draws nothing and the next run is placed by its own Td. Not after a
 * hyphen (added by layout, or a compound's own that ends the line:
 * "Saint-Étienne-du-" then "Rouvray"), nor between two pieces of one word. */
static int needs_space(const writer *w, const op *o, const op *next)
{
	if (!w->tags || o->tag <= 0 || o->hyphen || o->len == 0 || o->text[o->len - 1] == ' ' || o->text[o->len - 1] == '-')
		return 0;
	if (!next || next->kind != OP_TEXT || next->tag != o->tag)
		return 1;
	return !(fabsf(next->y - o->y) < 0.5f * o->size && next->x <= o->x + o->w + 0.05f * o->size);
}

static int same_rgb(rgb a, rgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

/* "r g b rg" (fill) or "r g b RG" (stroke), unless already current. */
static void set_color(writer *w, rgb c, rgb *current, int *known, const char *operator)
{
	if (*known && same_rgb(c, *current))
		return;
	put_numbers(w, (float[]){c.r, c.g, c.b}, 3, operator);
	*current = c;
	*known = 1;
}

static void set_fill(writer *w, rgb c) { set_color(w, c, &w->gs.fill, &w->gs.fill_known, "rg\n"); }
static void set_stroke(writer *w, rgb c) { set_color(w, c, &w->gs.stroke, &w->gs.stroke_known, "RG\n"); }

static void set_width(writer *w, float width)
{
	if (w->gs.width_known && width == w->gs.width)
		return;
	put_numbers(w, &width, 1, "w\n");
	w->gs.width = width;
	w->gs.width_known = 1;
}

static gstate save_state(writer *w)
{
	put_str(w, "q\n");
	return w->gs;
}

static void restore_state(writer *w, gstate saved)
{
	put_str(w, "Q\n");
	w->gs = saved;
}

static void end_text(writer *w)
{
	if (w->in_text)
		put_str(w, "ET\n");
	w->in_text = 0;
}

/* "/Fn size Tf", n the face's place in the document's order of use. */
static int select_font(writer *w, HPDF_Page pg, int face, float size)
{
	if (face == w->gs.face && size == w->gs.size)
		return 0;
	char name[16];
	snprintf(name, sizeof name, "F%d", w->rank[face]);
	if (pdf_use_resource(pg, "Font", name, w->fonts[face]) != HPDF_OK) {
		w->failed = 1;
		return -1;
	}
	put_str(w, "/");
	put_str(w, name);
	put_str(w, " ");
	put_numbers(w, &size, 1, "Tf\n");
	w->gs.face = face;
	w->gs.size = size;
	return 0;
}

static void draw_text(writer *w, HPDF_Page pg, float height, const op *o, int space)
{
	if (!w->fonts[o->face] || o->len == 0)
		return;
	if (!w->in_text) {
		put_str(w, "BT\n");
		w->in_text = 1;
		w->line_x = w->line_y = 0;
	}
	if (select_font(w, pg, o->face, o->size) != 0)
		return;
	set_fill(w, o->color);
	/* Td moves from the start of the previous line of text. The position
	 * kept is the one written (moves rounded as put_number writes them),
	 * so that rounding does not add up over the runs of a page. */
	float dx = rounded(o->x - w->line_x), dy = rounded(height - o->y - w->line_y);
	put_numbers(w, (float[]){dx, dy}, 2, "Td\n");
	w->line_x += dx;
	w->line_y += dy;
	put_kerned_text(w, o);
	if (space)
		put_str(w, "(\\000 ) Tj\n");
}

/* A diagnostic about a template's image (its path in the message), at the
 * template line that draws it, or at the image file when that is unknown. */
static void image_diag(writer *w, diag_code code, const op *o, const char *why)
{
	const char *saved = w->diags->file;
	int located = w->opt->template_file && o->line > 0;
	w->diags->file = located ? w->opt->template_file : o->text;
	diag_add(w->diags, code, located ? o->line : 0, 0, o->text, why);
	w->diags->file = saved;
}

/* Decodes the image (pdf_image.c: limits, transparency flattened onto
 * white, 8-bit grey or RGB) and hands libharu the raw samples, which it
 * deflates at save: never libharu's own PNG and JPEG loaders. NULL with a
 * diagnostic when the file is refused. */
static HPDF_Image load_image(writer *w, const op *o)
{
	const char *path = o->text;
	image_pixels px;
	char why[256];
	image_status st = image_decode(path, &px, why, sizeof why);
	switch (st) {
	case IMAGE_OK: break;
	case IMAGE_READ: image_diag(w, D_IMAGE_READ, o, why); return NULL;
	case IMAGE_CORRUPT: image_diag(w, D_IMAGE_CORRUPT, o, why); return NULL;
	case IMAGE_LIMIT: image_diag(w, D_IMAGE_LIMIT, o, why); return NULL;
	case IMAGE_FORMAT: image_diag(w, D_IMAGE_FORMAT, o, why); return NULL;
	case IMAGE_NOMEM: diag_add(w->diags, D_NOMEM, 0, 0); return NULL;
	}
	HPDF_Image img = HPDF_LoadRawImageFromMem(w->pdf, px.data, px.width, px.height,
	                                          px.channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
	image_pixels_free(&px);
	return img;
}

/* Each image file is loaded and embedded once per document, then drawn by
 * name wherever it appears (a logo in every page header). Returns the
 * image's index, or -1. */
static int find_image(writer *w, const op *o)
{
	const char *path = o->text;
	for (int i = 0; i < w->nimages; i++)
		if (strcmp(w->images[i].path, path) == 0)
			return i;
	if (w->nimages == w->cap_images) {
		int cap = w->cap_images ? 2 * w->cap_images : 4;
		image_ref *grown = realloc(w->images, sizeof *grown * (size_t)cap);
		if (!grown)
			return -1;
		w->images = grown;
		w->cap_images = cap;
	}
	HPDF_Image img = load_image(w, o);
	if (!img)
		return -1;
	w->images[w->nimages].path = path;
	w->images[w->nimages].image = img;
	return w->nimages++;
}

static void draw_image(writer *w, HPDF_Page pg, float height, const op *o)
{
	int i = find_image(w, o);
	if (i < 0) {
		w->failed = 1;
		return;
	}
	char name[16];
	snprintf(name, sizeof name, "Im%d", i);
	if (pdf_use_resource(pg, "XObject", name, w->images[i].image) != HPDF_OK) {
		w->failed = 1;
		return;
	}
	/* q … Q around the image matrix only: no tracked state changes. */
	put_str(w, "q\n");
	put_numbers(w, (float[]){o->w, 0, 0, o->h, o->x, height - o->y - o->h}, 6, "cm\n");
	put_str(w, "/");
	put_str(w, name);
	put_str(w, " Do\nQ\n");
}

/* Text at (x, y) rotated by `angle` degrees, in its own q … Q so that the
 * rendering mode `mode` (0 fill, 3 invisible) does not outlive it. */
static void draw_rotated(writer *w, HPDF_Page pg, int face, float size, rgb color, float x, float y, float angle,
                         int mode, const char *text, int len)
{
	if (!w->fonts[face] || len <= 0)
		return;
	float a = angle * 3.14159265f / 180.0f;
	gstate saved = save_state(w);
	put_str(w, "BT\n");
	if (mode)
		put_str(w, "3 Tr\n");
	if (select_font(w, pg, face, size) == 0) {
		set_fill(w, color);
		put_numbers(w, (float[]){cosf(a), sinf(a), -sinf(a), cosf(a), x, y}, 6, "Tm\n");
		put_cid_string(w, text, len);
		put_str(w, " Tj\n");
	}
	put_str(w, "ET\n");
	restore_state(w, saved);
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
	hash_update(&w->id, name, strlen(name) + 1);  /* not in the content stream */
	HPDF_Dict widget = NULL;
	if (w->opt->signature_field &&
	    pdf_add_signature_field(w->pdf, pg, o->x, height - o->y - o->h, o->w, o->h, name, &widget) != HPDF_OK)
		w->failed = 1;
	if (widget && w->tags && o->tag > 0 && pdf_struct_annot(w->tags, o->tag, widget, w->page_index) != 0)
		w->failed = 1;
	if (w->opt->signature_tag)
		draw_rotated(w, pg, w->tag_face, 8, (rgb){0, 0, 0}, o->x + 2, height - o->y - o->h / 2, 0, 3, signature_tag,
		             (int)strlen(signature_tag));
}

/* Chart shapes (OP_PATH): the path as layout computed it, arcs already
 * cubic Béziers, so that the PDF holds exactly what the dump shows. */
static void trace_path(writer *w, float height, const op *o)
{
	for (int i = 0; i < o->npath; i++) {
		const path_seg *s = &o->path[i];
		float x = o->x + s->x, y = height - o->y - s->y;
		switch (s->cmd) {
		case PATH_MOVE: put_numbers(w, (float[]){x, y}, 2, "m\n"); break;
		case PATH_LINE: put_numbers(w, (float[]){x, y}, 2, "l\n"); break;
		case PATH_CURVE:
			put_numbers(w, (float[]){o->x + s->x1, height - o->y - s->y1, o->x + s->x2, height - o->y - s->y2, x, y},
			            6, "c\n");
			break;
		case PATH_CLOSE: put_str(w, "h\n"); break;
		}
	}
}

/* Diagonal lines every 3 pt over the shape's bounding box, clipped to the
 * shape: a second cue besides lightness for readers of grey prints. */
static void hatch_path(writer *w, float height, const op *o)
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
	gstate saved = save_state(w);
	trace_path(w, height, o);
	put_str(w, "W\nn\n");
	set_stroke(w, o->stroke);
	set_width(w, 0.6f);
	for (float d = -bh; d < bw; d += 3) {
		put_numbers(w, (float[]){bx + d, by}, 2, "m\n");
		put_numbers(w, (float[]){bx + d + bh, by + bh}, 2, "l\n");
	}
	put_str(w, "S\n");
	restore_state(w, saved);
}

static void draw_path(writer *w, float height, const op *o)
{
	if (o->npath == 0)
		return;
	set_fill(w, o->color);
	trace_path(w, height, o);
	put_str(w, "f\n");
	if (o->hatch)
		hatch_path(w, height, o);
	if (o->size > 0) {
		gstate saved = save_state(w);
		put_str(w, "1 j\n");  /* round joins */
		set_stroke(w, o->stroke);
		set_width(w, o->size);
		trace_path(w, height, o);
		put_str(w, "S\n");
		restore_state(w, saved);
	}
}

/* Tagged PDF: every op inside marked content, either its structure
 * element's (an MCID the tree points to) or an artefact's. A run of ops of
 * one element shares one sequence; a sequence never crosses BT … ET. The
 * signature's drawing is an artefact: the field itself is its element's
 * content (pdf_struct_annot). */
static void mark_content(writer *w, const op *o)
{
	int want = o->tag > 0 && o->kind != OP_SIGNATURE ? o->tag : MC_ARTIFACT;
	if (!w->tags || want == w->mc)
		return;
	end_text(w);
	if (w->mc != MC_NONE)
		put_str(w, "EMC\n");
	w->mc = want;
	if (want == MC_ARTIFACT) {
		put_str(w, "/Artifact BMC\n");
		return;
	}
	int mcid = pdf_struct_mcid(w->tags, w->page_index, want);
	if (mcid < 0) {
		w->failed = 1;
		return;
	}
	put_str(w, "/");
	put_str(w, pdf_struct_role(w->tags, want));
	put_str(w, " <</MCID ");
	put_number(w, (float)mcid);
	put_str(w, ">> BDC\n");
}

static void end_marked(writer *w)
{
	end_text(w);
	if (w->mc != MC_NONE)
		put_str(w, "EMC\n");
	w->mc = MC_NONE;
}

static void draw_op(writer *w, HPDF_Page pg, float height, const op *o, const op *next)
{
	mark_content(w, o);
	if (o->kind != OP_TEXT)
		end_text(w);
	switch (o->kind) {
	case OP_TEXT:
		draw_text(w, pg, height, o, needs_space(w, o, next));
		break;
	case OP_FILL:
		set_fill(w, o->color);
		put_numbers(w, (float[]){o->x, height - o->y - o->h, o->w, o->h}, 4, "re\nf\n");
		break;
	case OP_STROKE:
		set_stroke(w, o->color);
		set_width(w, o->size);
		put_numbers(w, (float[]){o->x, height - o->y - o->h, o->w, o->h}, 4, "re\nS\n");
		break;
	case OP_LINE:
		set_stroke(w, o->color);
		set_width(w, o->size);
		put_numbers(w, (float[]){o->x, height - o->y}, 2, "m\n");
		put_numbers(w, (float[]){o->x + o->w, height - o->y - o->h}, 2, "l\nS\n");
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
		draw_path(w, height, o);
		break;
	}
}

/* One page: its content stream written here, deflated into the page's
 * /Contents, and hashed for the /ID. */
static void draw_page(writer *w, HPDF_Page pg, const page *p)
{
	w->c.len = 0;
	w->gs = (gstate){.face = -1};
	w->in_text = 0;
	w->mc = MC_NONE;
	for (int k = 0; k < p->nops && !w->failed; k++)
		draw_op(w, pg, p->height, &p->ops[k], k + 1 < p->nops ? &p->ops[k + 1] : NULL);
	end_marked(w);
	if (w->failed)
		return;
	/* The /ID hashes the deflated stream: the same content, a tenth of
	 * the bytes. */
	const unsigned char *z;
	size_t zsize;
	float box[2] = {p->width, p->height};
	if (pdf_deflate(w->z, w->c.p, w->c.len, &z, &zsize) != 0 ||
	    pdf_set_deflated(((HPDF_PageAttr)pg->attr)->contents, z, zsize) != HPDF_OK) {
		w->failed = 1;
		return;
	}
	hash_update(&w->id, box, sizeof box);
	hash_update(&w->id, z, zsize);
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

/* An Info text entry: libharu's setter puts the key in its place, then
 * pdf_set_info_text writes the value so that every character survives. */
static void set_info_text(writer *w, HPDF_InfoType type, const char *key, const char *value)
{
	if (!value)
		return;
	HPDF_SetInfoAttr(w->pdf, type, "");
	HPDF_STATUS st = pdf_set_info_text(w->pdf, key, value);
	if (st == HPDF_STRING_OUT_OF_RANGE) {
		char why[128];
		snprintf(why, sizeof why, "la métadonnée %s dépasse 65 535 octets", key);
		diag_add(w->diags, D_PDF_CONFORMANCE, 0, 0, why);
	}
	if (st != HPDF_OK)
		w->failed = 1;
}

static void set_info(writer *w, const doc_pages *doc, const pdf_options *opt)
{
	set_info_text(w, HPDF_INFO_TITLE, "Title", doc->meta.title);
	set_info_text(w, HPDF_INFO_AUTHOR, "Author", doc->meta.author);
	set_info_text(w, HPDF_INFO_SUBJECT, "Subject", doc->meta.subject);
	set_info_text(w, HPDF_INFO_KEYWORDS, "Keywords", doc->meta.keywords);
	set_info_text(w, HPDF_INFO_CREATOR, "Creator", "delib " DELIB_VERSION);
	set_info_text(w, HPDF_INFO_PRODUCER, "Producer", "delib " DELIB_VERSION " (libharu)");
	int y, m, d;
	if (opt && opt->date && sscanf(opt->date, "%4d-%2d-%2d", &y, &m, &d) == 3) {
		/* No wall clock: the dates come from the document. '+' with zero
		 * offsets, never 'Z', which poisons libharu 2.3.0's document. */
		HPDF_Date date = {y, m, d, 0, 0, 0, '+', 0, 0};
		HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date);
	}
}

/* Saves into libharu's memory stream, checks what the file claims
 * (pdf_check.h), and only then copies the bytes out: a document that would
 * not be the PDF/A-1b it says it is is an error, not a file. */
static int save(writer *w, unsigned char **out, size_t *size)
{
	if (HPDF_SaveToStream(w->pdf) != HPDF_OK)
		return -1;
	char why[256];
	if (w->nonconform || pdf_check_pdfa(w->pdf, why, sizeof why) != 0) {
		diag_add(w->diags, D_PDF_CONFORMANCE, 0, 0, w->nonconform ? w->nonconform : why);
		return -1;
	}
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

/* The file /ID: a hash of what the pages show (every page's box and
 * content stream, hashed as each page is written, and the signature
 * fields' names) and of the metadata, so that the same content gives the
 * same bytes and different content a different identifier. */
static void content_id(writer *w, const doc_pages *doc, const pdf_options *opt, uint8_t id[16])
{
	const char *fields[] = {doc->meta.title, doc->meta.author, doc->meta.subject, doc->meta.keywords,
	                        opt->date, opt->template_sha256};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		hash_update(&w->id, fields[i] ? fields[i] : "", fields[i] ? strlen(fields[i]) + 1 : 1);
	uint8_t digest[HASH_SIZE];
	hash_final(&w->id, digest);
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
	for (int k = 0; k < w->nused && n < 64; k++) {
		int f = w->order[k];
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
	content_id(w, doc, opt, id);
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
	w->lib = fonts;
	if (load_fonts(w, doc, fonts) != 0)
		return -1;
	HPDF_Page *pages = calloc((size_t)(doc->npages ? doc->npages : 1), sizeof *pages);
	if (!pages)
		return -1;
	for (int i = 0; i < doc->npages && !w->error && !w->failed; i++) {
		const page *p = &doc->pages[i];
		if (opt->deadline > 0 && monotonic_ms() > opt->deadline) {
			diag_add(w->diags, D_RENDER_TIMEOUT, 0, 0);
			w->failed = 1;
			break;
		}
		HPDF_Page pg = pages[i] = HPDF_AddPage(w->pdf);
		HPDF_Page_SetWidth(pg, p->width);
		HPDF_Page_SetHeight(pg, p->height);
		w->page_index = i;
		draw_page(w, pg, p);
	}
	int rc = w->error || w->failed ? -1 : 0;
	if (rc == 0) {
		add_outline(w, doc, pages);
		if (doc->npages)
			rc = record_provenance(w, fonts, opt, pages[0]);
		if (rc == 0 && w->tags && pdf_struct_write(w->tags, w->pdf, pages, doc->npages) != HPDF_OK)
			rc = -1;
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
	pdf_options local = *opt;
	pdf_cache *own = opt->cache ? NULL : pdf_cache_new();
	if (own)
		local.cache = own;
	writer w = {.diags = diags, .opt = &local, .nfaces = font_count(fonts)};
	*out = NULL;
	*size = 0;
	hash_init(&w.id);
	w.fonts = calloc((size_t)(w.nfaces + 1), sizeof *w.fonts);
	w.order = calloc((size_t)(w.nfaces + 1), sizeof *w.order);
	w.rank = malloc((size_t)(w.nfaces + 1) * sizeof *w.rank);
	for (int f = 0; w.rank && f <= w.nfaces; f++)
		w.rank[f] = -1;
	w.pdf = local.cache ? HPDF_New(on_error, &w) : NULL;
	w.tags = pdf_struct_new(doc);
	int rc = -1;
	if (w.fonts && w.order && w.rank && w.pdf && (w.tags || !doc->nelems)) {
		w.z = pdf_cache_deflater(local.cache);
		rc = write_document(&w, doc, fonts, &local, out, size);
	}
	if (rc != 0) {
		if (w.error)
			diag_add(diags, D_PDF, 0, 0, (unsigned)w.error, (unsigned)w.detail);
		else if (!diag_has_error(diags))
			diag_add(diags, D_NOMEM, 0, 0);
	}
	if (w.pdf)
		HPDF_Free(w.pdf);
	free(w.fonts);
	free(w.order);
	free(w.rank);
	free(w.images);
	free(w.c.p);
	pdf_struct_free(w.tags);
	pdf_cache_free(own);
	return rc;
}

const char *pdf_library_version(void)
{
	return HPDF_GetVersion();
}
