/* SPDX-License-Identifier: Apache-2.0 */
/* Paragraphs: inline content → words → lines.
 * Total-fit line breaking (Knuth and Plass; break_total_fit) for justified
 * and ragged paragraphs alike, French hyphenation (libhyphen) as weighted
 * break points, at most two hyphenated lines in a row, proper names and a
 * paragraph's last word not hyphenated. Its work per paragraph is bounded
 * (KP_LOOKAHEAD, KP_MAX_FRAGS). A paragraph it cannot set (a word with no
 * break point wider than its line) falls back to greedy first fit
 * (break_lines), which cuts a word between characters as the last resort
 * so that no word ever overflows its column. */
#include "layout.h"
#include "layout_inline.h"
#include "nfc.h"
#include <fribidi.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NBSP 0xA0u
#define SHY 0xADu          /* soft hyphen: a break point, drawn only when used */
#define BREAK_CP 0x2028u   /* internal marker for <br/> */
/* Numbers, amounts, dates and identifiers ("84 921,63 €", "12/10/2021",
 * "2021-10-14-22", "240 €/kWh" once its spaces are no-break spaces): a word
 * with a digit. Up to this many characters it is never broken: a reader
 * copies it, and a cut one reads as two values. Longer, it is no value
 * (a digest, a hostile input) and is broken like any word, so that a line
 * always ends. */
#define NUMBER_MAX_CHARS 48
/* [bytes] Up to this length split_word looks at the whole word (libhyphen
 * takes at most 200 bytes anyway); past it only at the bytes that may fit on
 * the line, so that breaking a word of any length costs its length once. */
#define WORD_WHOLE 512

typedef struct glyph_char {
	uint32_t cp;
	const style *st;
	unsigned char level;  /* bidi embedding level: odd = right to left */
} glyph_char;

typedef struct text_buf {
	glyph_char *c;
	int n, cap;
} text_buf;

typedef struct piece {
	const style *st;
	int face;
	float size;         /* [pt] after superscript shrink */
	float dy;           /* [pt] baseline shift, positive = down */
	const char *text;
	int len;            /* [bytes] */
	float width;        /* [pt] = units * size / 1000 */
	int units;          /* [1/1000 em] sum of the advances of text */
	int level;          /* bidi embedding level of all its characters */
	int hyphen;         /* ends with a hyphen added to cut its word */
} piece;

typedef struct word {
	piece *p;
	int np;
	float width;        /* [pt] */
	float space;        /* [pt] width of the space before it; 0 = glued */
	int space_level;    /* bidi embedding level of that space */
	int break_before;   /* a <br/> precedes it */
	int nobreak;        /* its space is a no-break space: a line never ends before it */
	const int *shy;     /* [bytes] soft hyphens: the word may break before these offsets */
	int nshy;
} word;

typedef struct placed {
	const word *w;
	float x;
} placed;

static const char *const month_names[] = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"};

/* Memory that lives for one paragraph: characters, words, pieces. The
 * lines keep their own copies of the text (line_text), so this is reset
 * after each paragraph instead of piling up for the whole document. */
static arena *tmp(layout_ctx *lc) { return lc->scratch ? lc->scratch : lc->mem; }

static void push_char(layout_ctx *lc, text_buf *b, uint32_t cp, const style *st)
{
	glyph_char *c = arena_grow(tmp(lc), b->c, sizeof *c, &b->cap, b->n + 1);
	if (!c)
		return;
	b->c = c;
	b->c[b->n++] = (glyph_char){cp, st, 0};
}

static int is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'; }

/* s in NFC (utf8proc: "é" as e + U+0301 becomes U+00E9, drawn as one
 * glyph instead of an accent over the next letter's place), in scratch
 * memory; s itself when not valid UTF-8. */
static const char *nfc(layout_ctx *lc, const char *s)
{
	char *out = nfc_compose(s);
	if (!out)
		return s;
	const char *copy = arena_strndup(tmp(lc), out, strlen(out));
	free(out);
	return copy ? copy : s;
}

/* Appends text s, white space collapsed. Text is composed to NFC first
 * when it holds a character that may change (nfc_sensitive), found on the
 * way: most text never does. */
static void push_text(layout_ctx *lc, text_buf *b, const char *s, const style *st)
{
	int len = (int)strlen(s), start = b->n, composed = 0;
	for (int i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if (!composed && nfc_sensitive(cp)) {
			composed = 1;
			s = nfc(lc, s);
			len = (int)strlen(s);
			b->n = start;
			i = 0;
			continue;
		}
		if (is_space(cp))
			cp = ' ';
		/* Collapse white space as HTML does. */
		if (cp == ' ' && (b->n == 0 || b->c[b->n - 1].cp == ' ' || b->c[b->n - 1].cp == BREAK_CP))
			continue;
		push_char(lc, b, cp, st);
	}
}

static void push_number(layout_ctx *lc, text_buf *b, int n, const style *st)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%d", n);
	push_text(lc, b, buf, st);
}

static void collect(layout_ctx *lc, xmlNodePtr parent, const style *st, text_buf *b)
{
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			push_text(lc, b, (const char *)n->content, st);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_layout(n, "br")) {
			while (b->n && b->c[b->n - 1].cp == ' ')
				b->n--;
			push_char(lc, b, BREAK_CP, st);
			continue;
		}
		if (is_layout(n, "page-number") || is_layout(n, "page-count")) {
			int v = is_layout(n, "page-number") ? lc->fields.number : lc->fields.count;
			push_number(lc, b, v, st);
			continue;
		}
		style *child = arena_alloc(tmp(lc), sizeof *child);
		if (!child)
			return;
		*child = *st;
		child->face = -1;
		if (is_layout(n, "b"))
			child->bold = 1;
		else if (is_layout(n, "i"))
			child->italic = 1;
		else if (is_layout(n, "u"))
			child->underline = 1;
		else if (is_layout(n, "sup"))
			child->vshift = 1;
		else if (is_layout(n, "sub"))
			child->vshift = -1;
		style_apply(lc, n, child);
		collect(lc, n, child, b);
	}
}

static int starts_with_month(const text_buf *b, int i)
{
	for (size_t m = 0; m < sizeof month_names / sizeof *month_names; m++) {
		const char *name = month_names[m];
		int k = 0, j = i;
		while (name[k] && j < b->n) {
			uint32_t cp;
			int n = utf8_decode(name + k, (int)strlen(name + k), &cp);
			if (b->c[j].cp != cp)
				break;
			k += n;
			j++;
		}
		if (!name[k])
			return 1;
	}
	return 0;
}

static int ends_with_month(const text_buf *b, int end)
{
	int start = end;
	while (start > 0 && b->c[start - 1].cp != ' ' && b->c[start - 1].cp != NBSP)
		start--;
	return starts_with_month(b, start) ? 1 : 0;
}

static int is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

/* Units written after a number, as in "240 kWh" or "3,5 km" (€ and % are
 * glued by their own character): symbols only, not counted nouns ("18
 * ans"), which French typography leaves breakable. */
static const char *const unit_names[] = {"k€", "M€", "Md€", "Wh", "kWh", "MWh", "GWh", "W", "kW", "MW", "m",
	"m²", "m³", "cm", "mm", "km", "km²", "ha", "g", "kg", "t", "l", "L", "h", "min", "°C", "HT", "TTC"};

/* Whether a unit (unit_names) starts at i, ended by a space, punctuation
 * or a slash ("kWh/an"). */
static int starts_with_unit(const text_buf *b, int i)
{
	char name[16];
	int len = 0;
	for (int j = i; j < b->n && len < (int)sizeof name - 4; j++) {
		uint32_t cp = b->c[j].cp;
		if (cp == ' ' || cp == NBSP || cp == '/' || cp == ',' || cp == '.' || cp == ';' || cp == ':' || cp == ')' ||
		    cp == BREAK_CP)
			break;
		len += utf8_encode(cp, name + len);
	}
	for (size_t u = 0; u < sizeof unit_names / sizeof *unit_names; u++)
		if (strlen(unit_names[u]) == (size_t)len && memcmp(unit_names[u], name, (size_t)len) == 0)
			return 1;
	return 0;
}

/* "n° 12", "N° 2021-10-14-22": the sign keeps its number. */
static int after_numero(const text_buf *b, int i)
{
	return i >= 2 && b->c[i - 1].cp == 0xB0 && (b->c[i - 2].cp == 'n' || b->c[i - 2].cp == 'N') &&
	       (i == 2 || b->c[i - 3].cp == ' ' || b->c[i - 3].cp == NBSP || b->c[i - 3].cp == '(');
}

/* French typography: spaces that must not break become no-break spaces. */
static void french_spaces(text_buf *b)
{
	for (int i = 0; i < b->n; i++) {
		if (b->c[i].cp != ' ')
			continue;
		uint32_t prev = i > 0 ? b->c[i - 1].cp : 0, next = i + 1 < b->n ? b->c[i + 1].cp : 0;
		int glue = next == ';' || next == ':' || next == '!' || next == '?' || next == 0xBB ||
		           prev == 0xAB || (is_digit(prev) && (next == 0x20AC || next == '%')) ||
		           (is_digit(prev) && is_digit(next) && i + 3 < b->n && is_digit(b->c[i + 3].cp) &&
		            (i + 4 >= b->n || !is_digit(b->c[i + 4].cp))) ||
		           (is_digit(prev) && starts_with_month(b, i + 1)) ||
		           (is_digit(prev) && starts_with_unit(b, i + 1)) ||
		           (is_digit(next) && ends_with_month(b, i)) || after_numero(b, i) ||
		           (next == 0x2013 || next == 0x2014);  /* never start a line with a dash */
		if (glue)
			b->c[i].cp = NBSP;
	}
	while (b->n && b->c[b->n - 1].cp == ' ')
		b->n--;
}

int style_face(layout_ctx *lc, const style *st)
{
	if (st->face >= 0)
		return st->face;
	int f = font_face(lc->fonts, st->family, st->bold, st->italic, lc->diags);
	/* Remember it in the style: looked up for every character otherwise.
	 * The cache is not part of the style's value, hence the cast. */
	((style *)st)->face = f < 0 ? 0 : f;
	return st->face;
}

static float piece_size(const style *st) { return st->vshift ? st->size * 0.7f : st->size; }
static float piece_dy(const style *st)
{
	return st->vshift > 0 ? -0.35f * st->size : st->vshift < 0 ? 0.15f * st->size : 0;
}

/* The face that draws cp in style st, reporting a character no font has. */
static int face_for(layout_ctx *lc, int base, uint32_t *cp)
{
	int f = font_face_for(lc->fonts, base, *cp);
	if (f >= 0)
		return f;
	diag_add(lc->diags, D_FONT_GLYPH, 0, 0, (unsigned)*cp);
	*cp = '?';
	return base;
}

typedef struct word_builder {
	layout_ctx *lc;
	piece *pieces;
	int npieces, cap;
	word *words;
	int nwords, wcap;
	char *text;           /* UTF-8 of the current piece */
	int tlen, tcap;
	const style *st;
	int face;
	float pending_space;
	int pending_level;
	int pending_break;
	int pending_nobreak;
	int level;            /* of the current piece */
	int word_open;
	int units;            /* [1/1000 em] advance of the current piece so far, kerning included */
	uint32_t last_cp;     /* the current piece's last character, for kerning */
	int word_bytes;       /* [bytes] text of the open word so far */
	int *shy;             /* soft hyphen offsets of every word, in order */
	int nshy, shycap;
} word_builder;

static void close_piece(word_builder *wb)
{
	if (!wb->tlen)
		return;
	layout_ctx *lc = wb->lc;
	piece *p = arena_grow(tmp(lc), wb->pieces, sizeof *p, &wb->cap, wb->npieces + 1);
	if (!p)
		return;
	wb->pieces = p;
	piece *pc = &wb->pieces[wb->npieces++];
	pc->st = wb->st;
	pc->face = wb->face;
	pc->size = piece_size(wb->st);
	pc->dy = piece_dy(wb->st);
	pc->text = arena_strndup(tmp(lc), wb->text, (size_t)wb->tlen);
	pc->len = wb->tlen;
	pc->width = (float)wb->units * pc->size / 1000.0f;
	pc->units = wb->units;
	pc->level = wb->level;
	pc->hyphen = 0;
	wb->tlen = 0;
	wb->units = 0;
}

static void open_word(word_builder *wb)
{
	if (wb->word_open)
		return;
	word *w = arena_grow(tmp(wb->lc), wb->words, sizeof *w, &wb->wcap, wb->nwords + 1);
	if (!w)
		return;
	wb->words = w;
	word *nw = &wb->words[wb->nwords++];
	memset(nw, 0, sizeof *nw);
	nw->space = wb->pending_space;
	nw->space_level = wb->pending_level;
	nw->break_before = wb->pending_break;
	nw->nobreak = wb->pending_nobreak;
	nw->p = NULL;
	nw->np = wb->npieces; /* index of the first piece until closed */
	nw->nshy = wb->nshy;  /* index of the first soft hyphen until closed */
	wb->word_bytes = 0;
	wb->pending_space = 0;
	wb->pending_break = 0;
	wb->pending_nobreak = 0;
	wb->word_open = 1;
}

static void close_word(word_builder *wb)
{
	close_piece(wb);
	if (!wb->word_open)
		return;
	word *w = &wb->words[wb->nwords - 1];
	int first = w->np;
	w->np = wb->npieces - first;
	w->p = (piece *)(intptr_t)first;  /* fixed up once pieces stop moving */
	int first_shy = w->nshy;
	w->nshy = wb->nshy - first_shy;
	w->shy = (int *)(intptr_t)first_shy;
	wb->word_open = 0;
}

/* A soft hyphen inside a word: not drawn, remembered as a break point. */
static void add_shy(word_builder *wb)
{
	if (!wb->word_open || wb->word_bytes == 0)
		return;  /* at a word's start it breaks nothing */
	int *a = arena_grow(tmp(wb->lc), wb->shy, sizeof *a, &wb->shycap, wb->nshy + 1);
	if (!a)
		return;
	wb->shy = a;
	wb->shy[wb->nshy++] = wb->word_bytes;
}

static void add_char(word_builder *wb, uint32_t cp, const style *st, int level)
{
	int face = face_for(wb->lc, style_face(wb->lc, st), &cp);
	if (cp == NBSP)
		cp = ' ';  /* drawn as a plain space: copy-paste and search stay natural */
	if (wb->tlen && (wb->st != st || wb->face != face || wb->level != level))
		close_piece(wb);
	wb->st = st;
	wb->face = face;
	wb->level = level;
	char *t = arena_grow(tmp(wb->lc), wb->text, 1, &wb->tcap, wb->tlen + 4);
	if (!t)
		return;
	wb->text = t;
	int n = utf8_encode(cp, wb->text + wb->tlen);
	wb->tlen += n;
	wb->word_bytes += n;
	wb->units += font_advance(wb->lc->fonts, face, cp);  /* summed once, as characters arrive */
	if (wb->tlen > n)  /* the piece's character before: kerned with it */
		wb->units += font_kern(wb->lc->fonts, face, wb->last_cp, cp);
	wb->last_cp = cp;
}

/* Whether the no-break space at i joins two words ("Madame\u00A0Léa",
 * "présents\u00A0:", "«\u00A0vécu\u00A0»"): it then justifies as any word
 * space, only no line ends there. Beside a digit it is part of a number, an
 * amount, a date or a unit ("84\u00A0921,63\u00A0€", "14\u00A0octobre",
 * "n°\u00A012"), kept inside one word at its natural width, whole for
 * number_mask and the decimal alignment. */
static int is_word_glue(const text_buf *b, int i)
{
	return i > 0 && i + 1 < b->n && !is_digit(b->c[i - 1].cp) && !is_digit(b->c[i + 1].cp) &&
	       b->c[i - 1].cp != NBSP && b->c[i + 1].cp != NBSP && b->c[i + 1].cp != BREAK_CP;
}

static void build_words(layout_ctx *lc, const text_buf *b, word_builder *wb)
{
	memset(wb, 0, sizeof *wb);
	wb->lc = lc;
	for (int i = 0; i < b->n; i++) {
		uint32_t cp = b->c[i].cp;
		if (cp == ' ' || (cp == NBSP && is_word_glue(b, i))) {
			close_word(wb);
			int f = style_face(lc, b->c[i].st);
			wb->pending_space = (float)font_advance(lc->fonts, f, ' ') * b->c[i].st->size / 1000.0f;
			wb->pending_level = b->c[i].level;
			wb->pending_nobreak = cp == NBSP;
		} else if (cp == BREAK_CP) {
			close_word(wb);
			wb->pending_break = 1;
			wb->pending_space = 0;
			wb->pending_nobreak = 0;
		} else if (cp == SHY) {
			add_shy(wb);
		} else {
			open_word(wb);
			add_char(wb, cp, b->c[i].st, b->c[i].level);
		}
	}
	close_word(wb);
	for (int i = 0; i < wb->nwords; i++) {
		word *w = &wb->words[i];
		w->p = wb->pieces + (intptr_t)w->p;
		w->shy = w->nshy ? wb->shy + (intptr_t)w->shy : NULL;
		w->width = 0;
		for (int k = 0; k < w->np; k++)
			w->width += w->p[k].width;
	}
}

float text_width(layout_ctx *lc, const style *st, const char *s, int len)
{
	int face = style_face(lc, st), prev_face = -1;
	float w = 0;
	uint32_t prev = 0;
	for (int i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		int f = font_face_for(lc->fonts, face, cp);
		f = f >= 0 ? f : face;
		w += (float)font_advance(lc->fonts, f, cp);
		if (f == prev_face)
			w += (float)font_kern(lc->fonts, f, prev, cp);
		prev = cp;
		prev_face = f;
	}
	return w * st->size / 1000.0f;
}

float decimal_tail_width(layout_ctx *lc, const style *st, const char *s, int len)
{
	int comma = -1;
	for (int i = 1; i + 1 < len; i++)
		if (s[i] == ',' && is_digit((unsigned char)s[i - 1]) && is_digit((unsigned char)s[i + 1]))
			comma = i;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t'))
		len--;
	return comma < 0 ? 0 : text_width(lc, st, s + comma, len - comma);
}

/* [1/1000 em] advances of bytes [a, b) of text in face, with the kerning
 * between them. */
static int units_of(layout_ctx *lc, int face, const char *text, int a, int b)
{
	int units = font_kern_text(lc->fonts, face, text + a, b - a, NULL);
	for (int i = a; i < b;) {
		uint32_t cp;
		i += utf8_decode(text + i, b - i, &cp);
		units += font_advance(lc->fonts, face, cp);
	}
	return units;
}

/* The character of text[0..len) that ends at byte at (0 when at is 0). */
static uint32_t cp_before(const char *text, int at)
{
	if (at <= 0)
		return 0;
	int i = at - 1;
	while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
		i--;
	uint32_t cp;
	utf8_decode(text + i, at - i, &cp);
	return cp;
}

/* [1/1000 em] The kerning between the characters on either side of byte
 * at of text[0..len) in face (0 at either end). */
static int kern_at(layout_ctx *lc, int face, const char *text, int len, int at)
{
	if (at <= 0 || at >= len)
		return 0;
	uint32_t next;
	utf8_decode(text + at, len - at, &next);
	return font_kern(lc->fonts, face, cp_before(text, at), next);
}

static float piece_width(layout_ctx *lc, const piece *p)
{
	return (float)units_of(lc, p->face, p->text, 0, p->len) * p->size / 1000.0f;
}

/* Bytes [a, b) of src as a piece of their own, a hyphen added when asked.
 * The text is shared with src unless a hyphen is added, and the advances
 * are summed over the shorter of the slice and what it leaves out, so that
 * cutting a long word line by line costs its length once, not per line. */
static int slice_piece(layout_ctx *lc, const piece *src, int a, int b, int add_hyphen, piece *out)
{
	*out = *src;
	out->text = src->text + a;
	out->len = b - a;
	if (2 * (b - a) <= src->len)
		out->units = units_of(lc, src->face, src->text, a, b);
	else  /* the pairs cut at a and b kerned no more */
		out->units = src->units - units_of(lc, src->face, src->text, 0, a) -
		             units_of(lc, src->face, src->text, b, src->len) -
		             kern_at(lc, src->face, src->text, src->len, a) - kern_at(lc, src->face, src->text, src->len, b);
	if (add_hyphen) {
		char *t = arena_alloc(tmp(lc), (size_t)(b - a) + 1);
		if (!t)
			return -1;
		memcpy(t, src->text + a, (size_t)(b - a));
		t[out->len++] = '-';
		out->text = t;
		out->hyphen = 1;
		out->units += font_advance(lc->fonts, src->face, '-') +
		              font_kern(lc->fonts, src->face, cp_before(src->text, b), '-');
	}
	out->width = (float)out->units * out->size / 1000.0f;
	return 0;
}

/* The soft hyphens of w inside bytes (from, to), as offsets from `from`. */
static void sub_shy(layout_ctx *lc, const word *w, int from, int to, word *nw)
{
	int n = 0;
	for (int i = 0; i < w->nshy; i++)
		n += w->shy[i] > from && w->shy[i] < to;
	int *shy = n ? arena_alloc(tmp(lc), sizeof *shy * (size_t)n) : NULL;
	if (!shy)
		return;
	for (int i = 0; i < w->nshy; i++)
		if (w->shy[i] > from && w->shy[i] < to)
			shy[nw->nshy++] = w->shy[i] - from;
	nw->shy = shy;
}

/* The part of w between bytes [from, to) of its text (counted across its
 * pieces), with a hyphen added in the style of the last piece kept. */
static word *sub_word(layout_ctx *lc, const word *w, int from, int to, int add_hyphen)
{
	word *nw = arena_alloc(tmp(lc), sizeof *nw);
	piece *ps = arena_alloc(tmp(lc), sizeof *ps * (size_t)w->np);
	if (!nw || !ps)
		return NULL;
	int n = 0, at = 0;
	for (int k = 0; k < w->np; at += w->p[k].len, k++) {
		const piece *src = &w->p[k];
		int a = from > at ? from - at : 0, b = to - at < src->len ? to - at : src->len;
		if (b <= a)
			continue;
		if (slice_piece(lc, src, a, b, add_hyphen && to <= at + src->len, &ps[n]) < 0)
			return NULL;
		nw->width += ps[n].width;
		n++;
	}
	nw->p = ps;
	nw->np = n;
	nw->space = from == 0 ? w->space : 0;
	nw->break_before = from == 0 ? w->break_before : 0;
	nw->nobreak = from == 0 ? w->nobreak : 0;
	sub_shy(lc, w, from, to, nw);
	return nw;
}

static int is_letter_word(const piece *p)
{
	for (int i = 0; i < p->len; i++) {
		unsigned char c = (unsigned char)p->text[i];
		if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '\''))
			return 0;
	}
	return 1;
}

static int is_letter_cp(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       cp == 0x153 || cp == 0x152;
}

static int starts_letter(const char *s, int len)
{
	uint32_t cp;
	utf8_decode(s, len, &cp);
	return is_letter_cp(cp);
}

/* Whether the last character of s[0..len) is a letter. */
static int ends_letter(const char *s, int len)
{
	int i = len - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	uint32_t cp;
	utf8_decode(s + i, len - i, &cp);
	return is_letter_cp(cp);
}

static int word_len(const word *w)
{
	int len = 0;
	for (int k = 0; k < w->np; k++)
		len += w->p[k].len;
	return len;
}

/* [bytes] How much of w split_word looks at: all of a word of ordinary
 * length; of a longer one, up to the end of the first character that does
 * not fit in room (a character boundary: no break past it can fit). */
static int split_window(layout_ctx *lc, const word *w, int len, float room)
{
	if (len < WORD_WHOLE)
		return len;
	int at = 0;
	for (int k = 0; k < w->np; at += w->p[k].len, k++) {
		const piece *p = &w->p[k];
		int units = 0;
		uint32_t prev = 0;
		for (int i = 0; i < p->len;) {
			uint32_t cp;
			i += utf8_decode(p->text + i, p->len - i, &cp);
			units += font_advance(lc->fonts, p->face, cp) + (prev ? font_kern(lc->fonts, p->face, prev, cp) : 0);
			prev = cp;
			if ((float)units * p->size / 1000.0f > room)
				return at + i;
		}
		room -= p->width;
	}
	return len;
}

/* The first n bytes of w's text across its pieces ("2<sup>nde</sup>", a
 * bold part), in scratch memory, with est[i] the width [pt] of the bytes
 * before i (exact up to rounding: used to skip hopeless break points). */
static char *word_text(layout_ctx *lc, const word *w, int n, float **est)
{
	char *text = arena_alloc(tmp(lc), (size_t)n + 1);
	float *e = arena_alloc(tmp(lc), sizeof *e * ((size_t)n + 1));
	if (!text || !e)
		return NULL;
	int at = 0;
	float x = 0;
	e[0] = 0;
	for (int k = 0; k < w->np && at < n; k++) {
		const piece *p = &w->p[k];
		int m = p->len < n - at ? p->len : n - at, units = 0;
		uint32_t prev = 0;
		memcpy(text + at, p->text, (size_t)m);
		for (int i = 0; i < m;) {
			uint32_t cp;
			int step = utf8_decode(p->text + i, m - i, &cp);
			/* A pair's kerning counted with its second character. */
			units += font_advance(lc->fonts, p->face, cp) + (i ? font_kern(lc->fonts, p->face, prev, cp) : 0);
			prev = cp;
			for (int j = 1; j <= step; j++)
				e[at + i + j] = x + (float)units * p->size / 1000.0f;
			i += step;
		}
		at += m;
		x += (float)units * p->size / 1000.0f;
	}
	text[n] = 0;
	*est = e;
	return text;
}

static int word_chars(const word *w)
{
	int chars = 0;
	for (int k = 0; k < w->np; k++)
		for (int i = 0; i < w->p[k].len; i++)
			chars += ((unsigned char)w->p[k].text[i] & 0xC0) != 0x80;
	return chars;
}

static int has_digit(const char *s, int len)
{
	for (int i = 0; i < len; i++)
		if (is_digit((unsigned char)s[i]))
			return 1;
	return 0;
}

static int has_digit_word(const word *w)
{
	for (int k = 0; k < w->np; k++)
		if (has_digit(w->p[k].text, w->p[k].len))
			return 1;
	return 0;
}

/* The unit after a number ("€", "%", "€/kWh", "kWh", "m²"): what does not
 * start with a letter, or a short word. */
static int is_unit(const char *s, int len)
{
	int chars = 0;
	for (int i = 0; i < len; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	return len > 0 && (!starts_letter(s, len) || chars <= 4);
}

/* A month's name, as french_spaces glues it to its day and year. */
static int is_month(const char *s, int len)
{
	for (size_t m = 0; m < sizeof month_names / sizeof *month_names; m++) {
		const char *name = month_names[m];
		if (strlen(name) == (size_t)len && (s[0] | 0x20) == name[0] && memcmp(s + 1, name + 1, (size_t)len - 1) == 0)
			return 1;
	}
	return 0;
}

/* Marks in keep[] the bytes of text[0..n) no break may touch: the numbers,
 * amounts, dates and identifiers of a word, that is its parts between
 * no-break spaces (drawn as spaces) that hold a digit, the unit after one,
 * a month's name beside one ("14 octobre 2021"), and the spaces between
 * them. A word longer than NUMBER_MAX_CHARS gets none. Returns whether
 * every byte is kept. */
static int number_mask(const word *w, const char *text, int n, char *keep)
{
	memset(keep, 0, (size_t)n + 1);
	if (word_chars(w) > NUMBER_MAX_CHARS)
		return 0;
	int start[NUMBER_MAX_CHARS], end[NUMBER_MAX_CHARS], kind[NUMBER_MAX_CHARS], ns = 0;
	for (int a = 0; a < n && ns < NUMBER_MAX_CHARS;) {
		int b = a;
		while (b < n && text[b] != ' ')
			b++;
		start[ns] = a;
		end[ns] = b;
		kind[ns++] = has_digit(text + a, b - a) ? 'n' : is_month(text + a, b - a) ? 'm' : 'w';
		a = b + 1;
	}
	for (int i = 0; i < ns; i++) {
		int after_number = i > 0 && kind[i - 1] == 'n', before_number = i + 1 < ns && kind[i + 1] == 'n';
		int kept = kind[i] == 'n' || (kind[i] == 'm' && (after_number || before_number)) ||
		           (after_number && is_unit(text + start[i], end[i] - start[i]));
		if (!kept)
			continue;
		memset(keep + start[i], 1, (size_t)(end[i] - start[i]));
		if (i > 0 && (keep[start[i - 1]] || kind[i] == 'n'))
			keep[start[i] - 1] = 1;  /* the space that joins it to the part before */
		if (kind[i] == 'n' && i + 1 < ns)
			keep[end[i]] = 1;  /* and to its unit or month */
	}
	for (int i = 0; i < n; i++)
		if (!keep[i])
			return 0;
	return 1;
}

/* Whether the whole of w is a number, amount, date or identifier. */
static int is_number_word(layout_ctx *lc, const word *w)
{
	int len = word_len(w);
	if (len >= WORD_WHOLE || !has_digit_word(w))
		return 0;
	float *est = NULL;
	char *text = word_text(lc, w, len, &est);
	char *keep = arena_alloc(tmp(lc), (size_t)len + 1);
	return text && keep && number_mask(w, text, len, keep);
}

/* Marks the break points of text[0..n): breaks[i] = 1 after byte i at a
 * soft hyphen or (hyphenate) a hyphenation point, a hyphen added; 2 after
 * an existing hyphen or slash. `hyphenate`: text is the whole word and
 * libhyphen may cut it. */
static void find_breaks(layout_ctx *lc, const word *w, const char *text, int n, int hyphenate, char *breaks)
{
	memset(breaks, 0, (size_t)n);
	if (w->nshy) {
		/* The author's soft hyphens replace automatic hyphenation. */
		for (int i = 0; i < w->nshy; i++)
			if (w->shy[i] > 0 && w->shy[i] <= n)
				breaks[w->shy[i] - 1] = 1;
	} else if (w->p[0].st->hyphenate && hyphenate) {
		/* Hyphenate the letters only: "(socioprofessionnelle)," → its core. */
		int a = 0, b = n;
		while (a < b && !starts_letter(text + a, b - a))
			a += utf8_decode(text + a, b - a, &(uint32_t){0});
		while (b > a && !ends_letter(text + a, b - a)) {
			b--;
			while (b > a && ((unsigned char)text[b] & 0xC0) == 0x80)
				b--;
		}
		piece core = w->p[0];
		core.text = text + a;
		core.len = b - a;
		if (core.len > 0 && is_letter_word(&core))
			hyph_points(lc->hyph, core.text, core.len, breaks + a);
	}
	/* After a hyphen or a slash between letters ("Saint-Étienne", "et/ou"),
	 * never inside numbers and codes ("2019-2022", "76-217605757-…"). */
	for (int i = 1; i < n - 1; i++)
		if ((text[i] == '-' || text[i] == '/') && !is_digit((unsigned char)text[i + 1]) &&
		    !is_digit((unsigned char)text[i - 1]) && text[i + 1] != '-')
			breaks[i] = 2;  /* 2: no hyphen added */
}

/* Reports, once per document, a word cut between two characters (its
 * first 60 bytes, never half a character), at the line of its paragraph in
 * the layout tree. */
static void report_broken(layout_ctx *lc, int line, const word *w)
{
	if (lc->word_broken_reported)
		return;
	lc->word_broken_reported = 1;
	char shown[65];
	int n = 0;
	for (int k = 0; k < w->np && n < 64; k++) {
		int m = w->p[k].len < 64 - n ? w->p[k].len : 64 - n;
		memcpy(shown + n, w->p[k].text, (size_t)m);
		n += m;
	}
	if (n > 60) {
		n = 60;
		while (n > 0 && ((unsigned char)shown[n] & 0xC0) == 0x80)
			n--;
	}
	shown[n] = 0;
	diag_add(lc->diags, D_LAYOUT_WORD_BROKEN, line, 0, shown);
}

/* What split_word is asked: the word, the room [pt] for its head, whether
 * it may be cut between any two characters, its paragraph's line. */
typedef struct split_req {
	const word *w;
	float room;
	int force;
	int line;
} split_req;

/* w cut after byte i: h its head, built by the caller; the tail is the
 * rest. A forced cut is reported. */
static int split_at(layout_ctx *lc, const split_req *rq, word *h, int i, int len, int forced, word **head,
                    word **tail)
{
	*head = h;
	*tail = sub_word(lc, rq->w, i + 1, len, 0);
	if (forced)
		report_broken(lc, rq->line, rq->w);
	return *tail != NULL;
}

/* Splits w so that its first part fits in room [pt]: at a soft hyphen, a
 * hyphenation point, after an existing hyphen, or (force) between any two
 * characters; never inside a number, an amount, a date or an identifier
 * (number_mask). Returns 1 and sets *head and *tail on success. */
static int split_word(layout_ctx *lc, const split_req *rq, word **head, word **tail)
{
	const word *w = rq->w;
	float room = rq->room;
	int len = word_len(w), n = split_window(lc, w, len, room);
	float *est = NULL;
	char *text = word_text(lc, w, n, &est);
	char *breaks = arena_alloc(tmp(lc), (size_t)n + 1), *keep = arena_alloc(tmp(lc), (size_t)n + 1);
	if (!text || !est || !breaks || !keep)
		return 0;
	find_breaks(lc, w, text, n, n == len, breaks);
	if (number_mask(w, text, n, keep))
		return 0;
	int top = n < len ? n - 1 : len - 2;  /* the tail is never empty */
	int lowest = -1;  /* the first place a forced break may go */
	for (int pass = 0; pass < (rq->force ? 2 : 1); pass++) {
		for (int i = top; i >= 0; i--) {
			int kind = pass == 0 ? breaks[i] : 3;
			if (!kind || keep[i] || keep[i + 1])
				continue;
			if (pass == 1 && ((unsigned char)text[i + 1] & 0xC0) == 0x80)
				continue;  /* never inside a UTF-8 sequence */
			if (pass == 1)
				lowest = i;
			if (est[i + 1] > room + 1.0f)
				continue;  /* far too wide: no need to build it */
			word *h = sub_word(lc, w, 0, i + 1, kind == 1);
			if (!h)
				return 0;
			if (h->width <= room)
				return split_at(lc, rq, h, i, len, pass == 1, head, tail);
		}
	}
	if (lowest < 0)
		return 0;
	/* Not even one character fits: the line takes one anyway, so that the
	 * word advances. */
	word *h = sub_word(lc, w, 0, lowest + 1, 0);
	return h && split_at(lc, rq, h, lowest, len, 1, head, tail);
}

typedef struct line_builder {
	layout_ctx *lc;
	const style *st;
	const para_opts *po;
	item_list *out;
	placed *words;
	int n, cap;
	float x;            /* [pt] current end of the line */
	int first_line;
	int nlines;
	int line;           /* of the paragraph in the layout tree, for diagnostics */
	int overflow_reported;
} line_builder;

static float line_start(const line_builder *lb) { return lb->first_line ? lb->po->first_indent : 0; }

static void line_metrics(const line_builder *lb, float *height, float *baseline)
{
	layout_ctx *lc = lb->lc;
	const style *st = lb->st;
	font_metrics m = font_get_metrics(lc->fonts, style_face(lc, st));
	float content = (m.ascender - m.descender) * st->size / 1000.0f;
	float h = st->size * st->line_height;
	float base = (h - content) / 2 + m.ascender * st->size / 1000.0f;
	for (int i = 0; i < lb->n; i++) {
		const word *w = lb->words[i].w;
		for (int k = 0; k < w->np; k++) {
			const style *ps = w->p[k].st;
			if (ps->size <= st->size || ps->vshift)
				continue;
			font_metrics pm = font_get_metrics(lc->fonts, w->p[k].face);
			float ph = ps->size * ps->line_height;
			float pb = (ph - (pm.ascender - pm.descender) * ps->size / 1000.0f) / 2 +
			           pm.ascender * ps->size / 1000.0f;
			if (ph > h)
				h = ph;
			if (pb > base)
				base = pb;
		}
	}
	*height = h;
	*baseline = base;
}

static int same_run(const piece *a, const piece *b)
{
	return a->face == b->face && a->size == b->size && a->dy == b->dy && a->st->underline == b->st->underline &&
	       a->st->color.r == b->st->color.r && a->st->color.g == b->st->color.g && a->st->color.b == b->st->color.b;
}

/* The text of a line's merged runs, written once into one buffer sized
 * for the whole line (runs are contiguous in it), instead of copying a run
 * again each time a word is added to it. */
typedef struct line_text {
	char *buf;
	size_t pos, cap;
} line_text;

/* A run of one piece; its text is copied into the line's buffer, which
 * outlives the paragraph's scratch memory. */
static op *emit_text(layout_ctx *lc, item *it, op **ops, int *cap, line_text *lt, const piece *p, float x,
                     float base)
{
	if (lt->pos + (size_t)p->len > lt->cap)
		return NULL;
	op *arr = arena_grow(lc->mem, *ops, sizeof *arr, cap, it->nops + 2);
	if (!arr)
		return NULL;
	*ops = arr;
	op *o = &arr[it->nops++];
	memset(o, 0, sizeof *o);
	o->kind = OP_TEXT;
	o->x = x;
	o->y = base + p->dy;
	o->size = p->size;
	o->face = p->face;
	o->color = p->st->color;
	memcpy(lt->buf + lt->pos, p->text, (size_t)p->len);
	o->text = lt->buf + lt->pos;
	lt->pos += (size_t)p->len;
	o->len = p->len;
	o->w = p->width;
	o->underline = p->st->underline;
	return o;
}

/* A list marker ("✓", "–", "1."), in the faces that have its characters:
 * the paragraph's font may lack them (Liberation Serif has no ✓). */
static void emit_marker(layout_ctx *lc, item *it, op **ops, int *cap, line_text *lt, const style *st,
                        const char *marker, float x, float base)
{
	int len = (int)strlen(marker), base_face = style_face(lc, st);
	for (int i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(marker + i, len - i, &cp);
		int face = face_for(lc, base_face, &cp);
		if (cp == '?' && marker[i] != '?') {  /* no font has it: face_for said so */
			piece q = {st, face, st->size, 0, "?", 1, 0, 0, 0, 0};
			q.width = piece_width(lc, &q);
			emit_text(lc, it, ops, cap, lt, &q, x, base);
			x += q.width;
			i += n;
			continue;
		}
		int j = i + n;
		while (j < len) {  /* extend the run while the face stays the same */
			uint32_t next;
			int m = utf8_decode(marker + j, len - j, &next);
			if (font_face_for(lc->fonts, base_face, next) != face)
				break;
			j += m;
		}
		piece mp = {st, face, st->size, 0, marker + i, j - i, 0, 0, 0, 0};
		mp.width = piece_width(lc, &mp);
		emit_text(lc, it, ops, cap, lt, &mp, x, base);
		x += mp.width;
		i = j;
	}
}


/* Appends text to the previous run (same font, not justified). */
static void extend_run(line_text *lt, op *o, const char *sep, const piece *p, float gap)
{
	size_t seplen = strlen(sep);
	if (o->text + o->len != lt->buf + lt->pos) {  /* first extension: move the run into the buffer */
		if (lt->pos + (size_t)o->len > lt->cap)
			return;
		memcpy(lt->buf + lt->pos, o->text, (size_t)o->len);
		o->text = lt->buf + lt->pos;
		lt->pos += (size_t)o->len;
	}
	if (lt->pos + seplen + (size_t)p->len > lt->cap)
		return;
	memcpy(lt->buf + lt->pos, sep, seplen);
	memcpy(lt->buf + lt->pos + seplen, p->text, (size_t)p->len);
	lt->pos += seplen + (size_t)p->len;
	o->len += (int)(seplen + (size_t)p->len);
	o->w += gap + p->width;
}

/* One piece or space of a line in the order of its text, for the bidi
 * reordering of a line (UAX #9 rule L2). */
typedef struct run_unit {
	const piece *p;     /* NULL: a space */
	float width;        /* [pt] */
	int level;
} run_unit;

static int line_has_rtl(const line_builder *lb)
{
	for (int i = 0; i < lb->n; i++) {
		const word *w = lb->words[i].w;
		if (i > 0 && w->space > 0 && w->space_level > 0)
			return 1;
		for (int k = 0; k < w->np; k++)
			if (w->p[k].level > 0)
				return 1;
	}
	return 0;
}

static void reverse_units(run_unit *u, int a, int b)
{
	for (b--; a < b; a++, b--) {
		run_unit t = u[a];
		u[a] = u[b];
		u[b] = t;
	}
}

/* Rule L2: from the highest level down to the lowest odd one, every run of
 * units at that level or above is reversed. */
static void reorder_units(run_unit *u, int n)
{
	int high = 0, low_odd = 255;
	for (int i = 0; i < n; i++) {
		high = u[i].level > high ? u[i].level : high;
		if (u[i].level % 2 && u[i].level < low_odd)
			low_odd = u[i].level;
	}
	for (int lev = high; lev >= low_odd && lev > 0; lev--)
		for (int i = 0; i < n;) {
			if (u[i].level < lev) {
				i++;
				continue;
			}
			int j = i;
			while (j < n && u[j].level >= lev)
				j++;
			reverse_units(u, i, j);
			i = j;
		}
}

/* The characters of a right-to-left piece in drawing order: reversed, a
 * combining mark kept after its base, mirrored brackets ("(" drawn ")"). */
static piece *visual_piece(layout_ctx *lc, const piece *p)
{
	piece *v = arena_alloc(tmp(lc), sizeof *v);
	char *t = arena_alloc(tmp(lc), (size_t)p->len * 2 + 4);
	if (!v || !t)
		return NULL;
	*v = *p;
	int out = 0;
	for (int end = p->len; end > 0;) {
		int start = end - 1;  /* the cluster: a base and the marks after it */
		for (;;) {
			while (start > 0 && ((unsigned char)p->text[start] & 0xC0) == 0x80)
				start--;
			uint32_t cp;
			utf8_decode(p->text + start, end - start, &cp);
			if (start == 0 || fribidi_get_bidi_type(cp) != FRIBIDI_TYPE_NSM)
				break;
			start--;
		}
		for (int i = start; i < end;) {
			uint32_t cp, mirror;
			i += utf8_decode(p->text + i, end - i, &cp);
			if (fribidi_get_mirror_char(cp, &mirror))
				cp = mirror;
			out += utf8_encode(cp, t + out);
		}
		end = start;
	}
	v->text = t;
	v->len = out;
	return v;
}

/* A line holding right-to-left text: its pieces and spaces reordered by
 * their embedding levels, each drawn as a run of its own from x. */
static void emit_visual(line_builder *lb, item *it, op **ops, int *cap, line_text *lt, float x, float extra,
                        float base)
{
	layout_ctx *lc = lb->lc;
	int n = 0;
	for (int i = 0; i < lb->n; i++)
		n += lb->words[i].w->np + 1;
	run_unit *u = arena_alloc(tmp(lc), sizeof *u * (size_t)(n ? n : 1));
	if (!u)
		return;
	n = 0;
	for (int i = 0; i < lb->n; i++) {
		const word *w = lb->words[i].w;
		if (i > 0 && w->space > 0)
			u[n++] = (run_unit){NULL, w->space + extra, w->space_level};
		for (int k = 0; k < w->np; k++)
			u[n++] = (run_unit){&w->p[k], w->p[k].width, w->p[k].level};
	}
	reorder_units(u, n);
	for (int i = 0; i < n; i++) {
		const piece *p = u[i].p;
		if (p && p->level % 2)
			p = visual_piece(lc, p);
		if (p && p->len)
			emit_text(lc, it, ops, cap, lt, p, x, base);
		x += u[i].width;
	}
}

/* A line of left-to-right text, the pieces of one font merged into one run
 * (the spaces between words written into it) unless the line is justified. */
static void emit_logical(line_builder *lb, item *it, op **ops, int *cap, line_text *lt, float x0, float extra,
                         float base)
{
	float dx = 0;
	op *last_run = NULL;
	const piece *last_piece = NULL;
	for (int i = 0; i < lb->n; i++) {
		const word *w = lb->words[i].w;
		if (i > 0 && w->space > 0)
			dx += extra;
		float x = x0 + lb->words[i].x + dx;
		for (int k = 0; k < w->np; k++) {
			const piece *p = &w->p[k];
			int glued = k > 0 || (i > 0 && w->space == 0);
			if (last_run && last_piece && same_run(last_piece, p) && (glued || extra == 0)) {
				float gap = glued ? 0 : w->space;
				extend_run(lt, last_run, glued ? "" : " ", p, gap);
			} else {
				last_run = emit_text(lb->lc, it, ops, cap, lt, p, x, base);
			}
			last_piece = p;
			x += p->width;
		}
	}
	if (last_run && last_piece && last_piece->hyphen)
		last_run->hyphen = 1;  /* the PDF says it is no character of the text */
}

/* [pt] The decimal tail (decimal_tail_width) of the line being built, its
 * words joined by spaces as drawn. */
static float line_decimal_tail(const line_builder *lb)
{
	size_t n = 0;
	for (int i = 0; i < lb->n; i++)
		for (int k = 0; k < lb->words[i].w->np; k++)
			n += (size_t)lb->words[i].w->p[k].len + 1;
	char *text = arena_alloc(tmp(lb->lc), n + 1);
	if (!text)
		return 0;
	size_t at = 0;
	for (int i = 0; i < lb->n; i++) {
		const word *w = lb->words[i].w;
		if (i > 0 && w->space > 0)
			text[at++] = ' ';
		for (int k = 0; k < w->np; k++) {
			memcpy(text + at, w->p[k].text, (size_t)w->p[k].len);
			at += (size_t)w->p[k].len;
		}
	}
	return decimal_tail_width(lb->lc, lb->st, text, (int)at);
}

/* [pt] How far right a decimal-aligned line moves: its comma where the
 * column's commas are, style.decimal_tail from the right edge (a line
 * without one ends there). left: the room the line leaves. */
static float decimal_shift(const line_builder *lb, float left)
{
	float own = line_decimal_tail(lb);
	float tail = lb->st->decimal_tail > own ? lb->st->decimal_tail : own;
	return left - (tail - own);
}

static void flush_line(line_builder *lb, int last)
{
	layout_ctx *lc = lb->lc;
	const para_opts *po = lb->po;
	float height, base;
	line_metrics(lb, &height, &base);
	float natural = lb->x, room = po->width - line_start(lb);
	float extra = 0, shift = 0;
	int gaps = 0;
	for (int i = 1; i < lb->n; i++)
		if (lb->words[i].w->space > 0)
			gaps++;
	/* Justified: the room left spread over the gaps; negative when the
	 * total-fit breaker chose to shrink the spaces (at most a third). */
	if (lb->st->align == ALIGN_JUSTIFY && !last && gaps > 0)
		extra = (room - (natural - line_start(lb))) / (float)gaps;
	else if (lb->st->align == ALIGN_RIGHT)
		shift = room - (natural - line_start(lb));
	else if (lb->st->align == ALIGN_DECIMAL)
		shift = decimal_shift(lb, room - (natural - line_start(lb)));
	else if (lb->st->align == ALIGN_CENTER)
		shift = (room - (natural - line_start(lb))) / 2;
	if (shift < 0)
		shift = 0;
	item *it = items_add(lc, lb->out, IT_LINE);
	if (!it)
		return;
	it->height = height;
	it->line = lb->line;
	op *ops = NULL;
	int cap = 0;
	line_text lt = {0};
	for (int i = 0; i < lb->n; i++)
		for (int k = 0; k < lb->words[i].w->np; k++)
			lt.cap += (size_t)lb->words[i].w->p[k].len + 1;
	if (lb->first_line && po->marker)
		lt.cap += strlen(po->marker) + 1;
	if (line_has_rtl(lb))
		lt.cap *= 2;  /* room for mirrored brackets (visual_piece) */
	lt.buf = arena_take_bytes(lc->mem, lt.cap);
	if (!lt.buf)
		lt.cap = 0;
	if (lb->first_line && po->marker) {
		int from = it->nops;
		emit_marker(lc, it, &ops, &cap, &lt, lb->st, po->marker, po->x + po->marker_x, base);
		for (int k = from; k < it->nops; k++)
			ops[k].tag = lc->marker_tag;  /* the list item's Lbl */
	}
	if (line_has_rtl(lb))
		emit_visual(lb, it, &ops, &cap, &lt, po->x + shift + line_start(lb), extra, base);
	else
		emit_logical(lb, it, &ops, &cap, &lt, po->x + shift, extra, base);
	/* Underlines: one segment under each underlined run. */
	int ntext = it->nops;
	for (int i = 0; i < ntext; i++) {
		if (!ops[i].underline)
			continue;
		op *arr = arena_grow(lc->mem, ops, sizeof *arr, &cap, it->nops + 1);
		if (!arr)
			break;
		ops = arr;
		op *u = &ops[it->nops++];
		*u = (op){.kind = OP_LINE, .x = ops[i].x, .y = ops[i].y + ops[i].size * 0.12f, .w = ops[i].w,
		           .size = ops[i].size * 0.06f, .color = ops[i].color};
	}
	it->ops = ops;
	lb->n = 0;
	lb->first_line = 0;
	lb->x = line_start(lb);
	lb->nlines++;
}

static void place_word(line_builder *lb, const word *w)
{
	float gap = lb->n ? w->space : 0;
	placed *arr = arena_grow(tmp(lb->lc), lb->words, sizeof *arr, &lb->cap, lb->n + 1);
	if (!arr)
		return;
	lb->words = arr;
	lb->words[lb->n++] = (placed){w, lb->x + gap};
	lb->x += gap + w->width;
}

/* A word that may not be cut (is_number_word) and is wider than its line
 * overflows the column: said once per paragraph, with the text. */
static void report_overflow(line_builder *lb, const word *w, float room)
{
	if (lb->overflow_reported)
		return;
	lb->overflow_reported = 1;
	layout_ctx *lc = lb->lc;
	int len = word_len(w);
	char *text = arena_alloc(tmp(lc), (size_t)len + 1);
	if (!text)
		return;
	for (int k = 0, at = 0; k < w->np; at += w->p[k].len, k++)
		memcpy(text + at, w->p[k].text, (size_t)w->p[k].len);
	text[len] = 0;
	diag_add(lc->diags, D_LAYOUT_UNBREAKABLE, lb->line, 0, text, (double)w->width, (double)room);
}

/* A word joined to the line's last ones by no-break spaces does not fit:
 * those words go to the next line with it, unless they start the line
 * (then the line breaks at a no-break space, the last resort). Returns
 * whether they moved. */
static int carry_glued(line_builder *lb)
{
	int s = lb->n - 1;
	while (s > 0 && lb->words[s].w->nobreak)
		s--;
	if (s == 0)
		return 0;
	int k = lb->n - s;
	const word **moved = arena_alloc(tmp(lb->lc), sizeof *moved * (size_t)k);
	if (!moved)
		return 0;
	for (int i = 0; i < k; i++)
		moved[i] = lb->words[s + i].w;
	lb->n = s;
	lb->x = lb->words[s - 1].x + lb->words[s - 1].w->width;
	flush_line(lb, 0);
	for (int i = 0; i < k; i++)
		place_word(lb, moved[i]);
	return 1;
}

/* First-fit: each word goes on the line if it fits, else is split (a part
 * ends the line) or starts the next line. Every turn of the inner loop
 * places the word, shortens it (a split keeps at least one byte in the
 * head) or empties the line, so it ends whatever the word's length; unless
 * memory ran out, when nothing is placed any more (layout_must_stop then
 * stops the render). */
static void break_lines(line_builder *lb, word *words, int nwords)
{
	const para_opts *po = lb->po;
	lb->x = line_start(lb);
	for (int i = 0; i < nwords; i++) {
		const word *w = &words[i];
		if (w->break_before && lb->n)
			flush_line(lb, 1);
		while (w && !lb->lc->mem->failed && !tmp(lb->lc)->failed) {
			float gap = lb->n ? w->space : 0;
			float room = po->width - lb->x - gap;
			if (w->width <= room + 0.001f) {
				place_word(lb, w);
				break;
			}
			if (w->nobreak && lb->n && carry_glued(lb))
				continue;
			word *head = NULL, *tail = NULL;
			split_req rq = {w, room, lb->n == 0, lb->line};
			if (split_word(lb->lc, &rq, &head, &tail)) {
				head->space = w->space;
				place_word(lb, head);
				flush_line(lb, 0);
				tail->space = 0;
				w = tail;
			} else if (lb->n) {
				flush_line(lb, 0);
			} else {
				report_overflow(lb, w, room);
				place_word(lb, w);  /* unsplittable and alone: let it overflow */
				break;
			}
		}
	}
	if (lb->n || lb->nlines == 0)
		flush_line(lb, 1);
}

/* Total fit (Knuth and Plass, "Breaking paragraphs into lines", 1981):
 * the breaks of a whole paragraph are chosen together, so that the sum over
 * its lines of (line penalty + badness)² + penalty² is least, instead of
 * filling each line in turn and leaving the next one to stretch. A word is
 * cut into fragments at its break points (hyphenation points, soft hyphens,
 * existing hyphens); a line runs from one fragment to another. The
 * constants are TeX's plain values, but for ragged text (below). */
#define KP_LINE_PENALTY 10.0
#define KP_HYPHEN_PENALTY 50.0         /* a line ending with a hyphen, drawn or existing */
#define KP_RAGGED_HYPHEN_PENALTY 100.0 /* ragged text needs a cut less: a short line costs little */
#define KP_DOUBLE_HYPHEN 10000.0       /* two hyphenated lines in a row */
#define KP_THIRD_HYPHEN 1e20           /* a third one: only when nothing else can be set (above any sum of badness) */
#define KP_FINAL_HYPHEN 5000.0         /* the last full line hyphenated */
#define KP_ADJ_FITNESS 10000.0         /* a tight line beside a loose one */
#define KP_AWFUL 1e7                   /* the most badness of a line that stretches */
#define KP_LONELY 1e8                  /* badness of a short justified line without a space */
/* A justified space stretches by a third of itself at badness 100 and
 * shrinks by at most a half (TeX's plain values are a half and a third).
 * DejaVu Sans' space is wide (0.318 em): at badness 100 a space spans
 * 0.16 to 0.42 em, the tightest about a fine space, so that a line takes
 * one more word rather than stretch. Measured (tests/bench/typography.sh):
 * with a half and a third the sample had spaces of 0.44 em in a tenth of
 * its justified lines and the corpus 3.8 % of lines over 0.5 em; with these,
 * 0.40 em and 0.5 %, at the same rate of hyphens. */
#define KP_STRETCH (1.0f / 3)
#define KP_SHRINK 0.5f
#define KP_RAGGED_EM 3.0f              /* [em] the end of a ragged line stretches as much */
/* The first pass cuts no word (TeX's \pretolerance): a paragraph whose
 * lines all stay within this badness without hyphenation keeps its words
 * whole (justified: spaces of at most 0.40 em in DejaVu Sans). Most
 * paragraphs are set so, and libhyphen never looks at their words. */
#define KP_PRETOLERANCE 50.0
/* The second pass, with hyphenation, first tries lines within this badness
 * (TeX's \tolerance): fewer lines to weigh, the same breaks nearly always. */
#define KP_TOLERANCE 200.0
/* Bounds of the work per paragraph: a line holds at most KP_LOOKAHEAD
 * fragments, a paragraph at most KP_MAX_FRAGS (past them: first fit). */
#define KP_LOOKAHEAD 256
#define KP_MAX_FRAGS 20000
#define KP_FITNESS 4                   /* very loose, loose, decent, tight */
#define KP_STATES (3 * KP_FITNESS)     /* × hyphenated lines just before: 0, 1, 2 */

enum brk { BRK_NONE, BRK_HYPHEN, BRK_EXPLICIT, BRK_SPACE, BRK_FORCED, BRK_END };

/* A piece of a word between two of its break points. */
typedef struct frag {
	const word *w;
	int a, b;          /* [bytes] of w's text */
	float width;       /* [pt] */
	float space;       /* [pt] before it: it starts a word (0 at a line's start) */
	float hyphen;      /* [pt] added when a line ends after it (a hyphen drawn) */
	float kern_in;     /* [pt] kerning with the fragment before, in width, lost at a line's start */
	int brk;           /* enum brk: what may follow it */
} frag;

typedef struct frag_list {
	frag *f;
	int n, cap;
} frag_list;

static int add_frag(layout_ctx *lc, frag_list *fl, frag f)
{
	frag *a = arena_grow(tmp(lc), fl->f, sizeof *a, &fl->cap, fl->n + 1);
	if (!a)
		return -1;
	fl->f = a;
	fl->f[fl->n++] = f;
	return 0;
}

/* Upper case Latin letters (ASCII, Latin-1, Latin Extended-A), which
 * start the proper names of French documents ("Łukasz", "Œuvre"). */
static int is_upper_cp(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
		return 1;
	if (cp >= 0x100 && cp <= 0x137)
		return cp % 2 == 0;
	if (cp >= 0x139 && cp <= 0x148)
		return cp % 2 == 1;
	if (cp >= 0x14A && cp <= 0x177)
		return cp % 2 == 0;
	return cp == 0x178 || cp == 0x179 || cp == 0x17B || cp == 0x17D;
}

/* Whether the first letter of w (after an opening quote or bracket) is a
 * capital. */
static int is_capitalised(const word *w)
{
	const piece *p = &w->p[0];
	for (int i = 0; i < p->len;) {
		uint32_t cp;
		i += utf8_decode(p->text + i, p->len - i, &cp);
		if (is_letter_cp(cp))
			return is_upper_cp(cp);
	}
	return 0;
}

/* Whether w may have a break point at all: a soft hyphen, a hyphen or a
 * slash, or letters enough for libhyphen (French patterns cut no word of
 * fewer than five letters). Most words have none, and are never scanned. */
static int may_break(const word *w, int hyphenate)
{
	if (w->nshy)
		return 1;
	int chars = 0;
	for (int k = 0; k < w->np; k++)
		for (int i = 0; i < w->p[k].len; i++) {
			char c = w->p[k].text[i];
			if (c == '-' || c == '/')
				return 1;
			chars += ((unsigned char)c & 0xC0) != 0x80;
		}
	return hyphenate && w->p[0].st->hyphenate && chars >= 5;
}

/* [pt] Width of a hyphen added after byte at-1, in the style of its piece
 * and kerned with the character before it. */
static float hyphen_at(layout_ctx *lc, const word *w, int at)
{
	for (int k = 0, start = 0; k < w->np; start += w->p[k].len, k++) {
		const piece *p = &w->p[k];
		if (at <= start + p->len) {
			int units = font_advance(lc->fonts, p->face, '-') +
			            font_kern(lc->fonts, p->face, cp_before(p->text, at - start), '-');
			return (float)units * p->size / 1000.0f;
		}
	}
	return 0;
}

/* [pt] The kerning of w's pair cut at byte at (inside one piece): counted
 * in est[] with the character after the cut, it is lost when a line
 * starts there (frag.kern_in). */
static float word_kern_at(layout_ctx *lc, const word *w, int at)
{
	for (int k = 0, start = 0; k < w->np; start += w->p[k].len, k++) {
		const piece *p = &w->p[k];
		if (at > start && at < start + p->len)
			return (float)kern_at(lc, p->face, p->text, p->len, at - start) * p->size / 1000.0f;
	}
	return 0;
}

/* The fragments of w, the last one's break left to the caller. Proper
 * names are not hyphenated: a word starting with a capital (a member's
 * name, "Madame", a place; also the first word of a sentence, rarely long)
 * keeps its hyphens and soft hyphens but gets no hyphenation point, unless
 * it is wider than the line; `last`, the paragraph's last word, gets none
 * either, under the same condition (a last line holding half a word). */
static int word_frags(layout_ctx *lc, const word *w, int last, float measure, int hyphenate_all, frag_list *fl)
{
	int len = word_len(w);
	int wide = w->width > measure;
	int hyphenate = wide || (hyphenate_all && !last && !is_capitalised(w));
	frag f = {w, 0, len, w->width, w->space, 0, 0, BRK_NONE};
	if ((last && !wide) || !may_break(w, hyphenate) || len >= WORD_WHOLE)
		return add_frag(lc, fl, f);
	float *est = NULL;
	char *text = word_text(lc, w, len, &est);
	char *breaks = arena_alloc(tmp(lc), (size_t)len + 1), *keep = arena_alloc(tmp(lc), (size_t)len + 1);
	if (!text || !breaks || !keep)
		return -1;
	find_breaks(lc, w, text, len, hyphenate, breaks);
	if (!has_digit_word(w))
		memset(keep, 0, (size_t)len + 1);  /* no number: nothing to keep whole */
	else if (number_mask(w, text, len, keep))
		return add_frag(lc, fl, f);
	int a = 0;
	for (int i = 0; i < len - 1; i++) {
		if (!breaks[i] || keep[i] || keep[i + 1])
			continue;
		frag h = {w, a, i + 1, est[i + 1] - est[a], a ? 0 : w->space, 0, word_kern_at(lc, w, a),
		          breaks[i] == 1 ? BRK_HYPHEN : BRK_EXPLICIT};
		if (breaks[i] == 1)
			h.hyphen = hyphen_at(lc, w, i + 1);
		if (add_frag(lc, fl, h) < 0)
			return -1;
		a = i + 1;
	}
	frag t = {w, a, len, est[len] - est[a], a ? 0 : w->space, 0, word_kern_at(lc, w, a), BRK_NONE};
	return add_frag(lc, fl, t);
}

/* The paragraph as fragments, each word's last one ending in a space, a
 * <br/> or the end; words are hyphenated when `hyphenate` (always when
 * wider than a line). Fails (0) when a fragment is wider than a line: the
 * first-fit breaker then cuts it between characters or lets it overflow. */
static int paragraph_frags(layout_ctx *lc, const para_opts *po, const word *words, int nwords, int hyphenate,
                           frag_list *fl)
{
	float measure = po->width - (po->first_indent > 0 ? po->first_indent : 0);
	for (int i = 0; i < nwords; i++) {
		if (word_frags(lc, &words[i], i == nwords - 1, measure, hyphenate, fl) < 0)
			return 0;
		frag *f = &fl->f[fl->n - 1];
		f->brk = i == nwords - 1 ? BRK_END : words[i + 1].break_before ? BRK_FORCED
		         : words[i + 1].space > 0 && !words[i + 1].nobreak ? BRK_SPACE : BRK_NONE;
	}
	if (fl->n > KP_MAX_FRAGS)
		return 0;
	for (int i = 0; i < fl->n; i++)
		if (fl->f[i].width + fl->f[i].hyphen > measure + 0.001f)
			return 0;
	return 1;
}

typedef struct kp_node {
	double d;          /* least total demerits to reach this state */
	int prev;          /* the state before: position × KP_STATES + state, -1 at the start */
} kp_node;

/* What the breaker needs of the paragraph: the fragments and their running
 * sums ([pt], cum[k] = widths and spaces of fragments 0..k-1). */
typedef struct kp_para {
	const frag *f;
	int n;
	const double *cum, *spaces;
	const int *stop;           /* stop[p]: the first position after p ending at a <br/> or the end */
	float width, first_width;  /* [pt] of the lines, of the first one */
	float size;                /* [pt] of the paragraph's font */
	int justify;
	double tolerance;          /* the worst badness a line may have */
	double ratio;              /* the stretch ratio of that badness */
} kp_para;

/* A candidate line: fragments [p, q). */
typedef struct kp_line {
	double badness;
	int fitness;
	int feasible;
} kp_line;

static kp_line kp_judge(const kp_para *kp, int p, int q)
{
	const frag *last = &kp->f[q - 1];
	double lead = p > 0 ? kp->f[p].space : 0;
	double w = kp->cum[q] - kp->cum[p] - lead - kp->f[p].kern_in + last->hyphen;
	double sp = kp->spaces[q] - kp->spaces[p] - lead;
	double room = (p == 0 ? kp->first_width : kp->width) - w;
	int end = last->brk == BRK_END || last->brk == BRK_FORCED;
	kp_line l = {0, 2, 1};
	if (room < -0.001 && (end || !kp->justify || room < -sp * KP_SHRINK - 0.001)) {
		l.feasible = q == p + 1;  /* one fragment: never happens once checked (paragraph_frags) */
		l.badness = KP_AWFUL;
		return l;
	}
	if (end)
		return l;
	double stretch = kp->justify ? sp * KP_STRETCH : KP_RAGGED_EM * kp->size;
	if (stretch <= 0 && room >= 0.001) {
		/* A justified line without a space, short: worse than any line
		 * that can stretch, however far ("Łukasz" alone rather than
		 * "Madame Letellier," at 50 times its stretch). */
		l.badness = KP_LONELY;
		l.fitness = 0;
		return l;
	}
	double r = room >= 0 ? (stretch > 0 ? room / stretch : 0) : room / (sp * KP_SHRINK);
	l.badness = 100.0 * fabs(r * r * r);
	if (l.badness > KP_AWFUL)
		l.badness = KP_AWFUL;
	/* Fitness matters to justified lines only (KP_ADJ_FITNESS): ragged
	 * ones stay "decent", a quarter of the states to follow. */
	if (kp->justify)
		l.fitness = r > 1 ? 0 : r > 0.5 ? 1 : r >= -0.5 ? 2 : 3;
	return l;
}

/* Demerits of line [p, q) after a line of state s; *next: the state after. */
static double kp_demerits(const kp_para *kp, const kp_line *l, int s, int q, int *next)
{
	const frag *last = &kp->f[q - 1];
	int hyphens = s / KP_FITNESS, fitness = s % KP_FITNESS;
	int cut = last->brk == BRK_HYPHEN || last->brk == BRK_EXPLICIT;
	double penalty = cut ? (kp->justify ? KP_HYPHEN_PENALTY : KP_RAGGED_HYPHEN_PENALTY) : 0;
	double d = (KP_LINE_PENALTY + l->badness) * (KP_LINE_PENALTY + l->badness) + penalty * penalty;
	if (cut && hyphens >= 2)  /* within a tolerance, never: the last pass may find better */
		d += kp->tolerance < HUGE_VAL ? HUGE_VAL : KP_THIRD_HYPHEN;
	else if (cut && hyphens == 1)
		d += KP_DOUBLE_HYPHEN;
	if (last->brk == BRK_END && hyphens > 0)
		d += KP_FINAL_HYPHEN;
	if (kp->justify && abs(l->fitness - fitness) > 1)
		d += KP_ADJ_FITNESS;
	int h = cut ? (hyphens < 2 ? hyphens + 1 : 2) : 0;
	*next = h * KP_FITNESS + l->fitness;
	return d;
}

/* [demerits] The most that starting the next line from state s can cost
 * more than from any other state: the states differ only in what they add
 * to that line (fitness, hyphens in a row). */
static double kp_handicap(int s)
{
	int hyphens = s / KP_FITNESS;
	double h = hyphens == 2 ? KP_THIRD_HYPHEN : hyphens == 1 ? KP_DOUBLE_HYPHEN : 0;
	return h + (hyphens ? KP_FINAL_HYPHEN : 0) + KP_ADJ_FITNESS;
}

/* The states reached at p worth extending: a state whose demerits pass
 * another's plus that one's handicap can never lead to the best breaks. */
static int kp_reached(const kp_node *at, int *reached)
{
	double bound = HUGE_VAL;
	for (int s = 0; s < KP_STATES; s++)
		if (at[s].d + kp_handicap(s) < bound)
			bound = at[s].d + kp_handicap(s);
	if (bound >= HUGE_VAL)
		return 0;
	int nr = 0;
	for (int s = 0; s < KP_STATES; s++)
		if (at[s].d <= bound)
			reached[nr++] = s;
	return nr;
}

/* The first end q of a line from p that may be within the tolerance:
 * shorter lines stretch too much. A binary search on the running sums (a
 * line's width and its spaces' stretch grow with q), an em of margin for
 * the hyphen; p + 1 when any badness goes. */
static int kp_first_end(const kp_para *kp, int p)
{
	if (kp->tolerance >= HUGE_VAL)
		return p + 1;
	double r = kp->ratio, lead = p > 0 ? kp->f[p].space : 0;
	double room = (p == 0 ? kp->first_width : kp->width) - kp->size;
	double k = kp->justify ? r * KP_STRETCH : 0;
	if (!kp->justify)
		room -= r * KP_RAGGED_EM * kp->size;
	int lo = p + 1, hi = kp->stop[p] < p + KP_LOOKAHEAD ? kp->stop[p] : p + KP_LOOKAHEAD;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		double w = kp->cum[mid] - kp->cum[p] - lead, sp = kp->spaces[mid] - kp->spaces[p] - lead;
		if (w + k * sp >= room)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Every line starting at position p, from each state reached there: those
 * ending from kp_first_end on, and the one ending at the next <br/> or the
 * paragraph's end (a last line may be short). */
static void kp_extend(const kp_para *kp, kp_node *nodes, int p)
{
	int reached[KP_STATES], nr = kp_reached(&nodes[p * KP_STATES], reached);
	if (!nr)
		return;
	int first = kp_first_end(kp, p);
	for (int q = first < kp->stop[p] ? first : kp->stop[p]; q <= kp->n && q - p <= KP_LOOKAHEAD; q++) {
		const frag *last = &kp->f[q - 1];
		if (last->brk == BRK_NONE)
			continue;
		kp_line l = kp_judge(kp, p, q);
		if (!l.feasible)
			break;  /* too wide: longer lines are wider still */
		for (int i = 0; i < nr && l.badness <= kp->tolerance; i++) {
			int s = reached[i];
			const kp_node *from = &nodes[p * KP_STATES + s];
			int next;
			double d = from->d + kp_demerits(kp, &l, s, q, &next);
			kp_node *to = &nodes[q * KP_STATES + next];
			if (d < to->d)
				*to = (kp_node){d, p * KP_STATES + s};
		}
		if (last->brk == BRK_FORCED || last->brk == BRK_END)
			break;
	}
}

/* The chosen breaks: ends[i] = the position where line i ends. Returns
 * the number of lines, 0 on failure. */
static int kp_solve(layout_ctx *lc, const kp_para *kp, int **ends)
{
	size_t count = (size_t)(kp->n + 1) * KP_STATES;
	kp_node *nodes = (kp_node *)(void *)arena_take_bytes(tmp(lc), sizeof *nodes * count);  /* filled below */
	if (!nodes)
		return 0;
	for (size_t i = 0; i < count; i++)
		nodes[i] = (kp_node){HUGE_VAL, -1};
	nodes[2].d = 0;  /* before the first line: no hyphen, decent */
	for (int p = 0; p < kp->n; p++)
		kp_extend(kp, nodes, p);
	int best = -1;
	for (int s = 0; s < KP_STATES; s++)
		if (nodes[kp->n * KP_STATES + s].d < HUGE_VAL && (best < 0 || nodes[kp->n * KP_STATES + s].d <
		                                                                   nodes[kp->n * KP_STATES + best].d))
			best = s;
	if (best < 0)
		return 0;
	int nl = 0;
	for (int at = kp->n * KP_STATES + best; at >= KP_STATES; at = nodes[at].prev)
		nl++;
	int *e = arena_alloc(tmp(lc), sizeof *e * (size_t)nl);
	if (!e)
		return 0;
	int i = nl;
	for (int at = kp->n * KP_STATES + best; at >= KP_STATES; at = nodes[at].prev)
		e[--i] = at / KP_STATES;
	*ends = e;
	return nl;
}

/* Places fragments [p, q) on the line builder's line, a word at a time:
 * a whole word as it is, a part of one as a new word (its hyphen added when
 * the line ends there with one). */
static int kp_place(line_builder *lb, const frag *f, int p, int q)
{
	for (int i = p; i < q;) {
		const word *w = f[i].w;
		int j = i;
		while (j + 1 < q && f[j + 1].w == w)
			j++;
		int from = f[i].a, to = f[j].b, len = word_len(w);
		const word *part = w;
		if (from > 0 || to < len) {
			word *sub = sub_word(lb->lc, w, from, to, j == q - 1 && f[j].brk == BRK_HYPHEN);
			if (!sub)
				return -1;
			part = sub;
		}
		place_word(lb, part);
		i = j + 1;
	}
	return 0;
}

/* The paragraph's fragments (hyphenated when asked) and their running
 * sums in *kp; 0 when total fit does not apply (a fragment wider than a
 * line, too many of them, memory). */
static int kp_prepare(line_builder *lb, word *words, int nwords, int hyphenate, kp_para *kp)
{
	layout_ctx *lc = lb->lc;
	const para_opts *po = lb->po;
	frag_list fl = {0};
	if (!paragraph_frags(lc, po, words, nwords, hyphenate, &fl))
		return 0;
	double *cum = arena_alloc(tmp(lc), sizeof *cum * ((size_t)fl.n + 1));
	double *spaces = arena_alloc(tmp(lc), sizeof *spaces * ((size_t)fl.n + 1));
	int *stop = arena_alloc(tmp(lc), sizeof *stop * ((size_t)fl.n + 1));
	if (!cum || !spaces || !stop)
		return 0;
	stop[fl.n] = fl.n;
	for (int i = fl.n; i > 0; i--)
		stop[i - 1] = fl.f[i - 1].brk == BRK_END || fl.f[i - 1].brk == BRK_FORCED ? i : stop[i];
	cum[0] = spaces[0] = 0;
	for (int i = 0; i < fl.n; i++) {
		double sp = i > 0 ? fl.f[i].space : 0;
		cum[i + 1] = cum[i] + sp + fl.f[i].width;
		spaces[i + 1] = spaces[i] + sp;
	}
	*kp = (kp_para){fl.f, fl.n, cum, spaces, stop, po->width, po->width - po->first_indent, lb->st->size,
	                lb->st->align == ALIGN_JUSTIFY, 0, 0};
	return 1;
}

/* Whether the whole paragraph fits on its first line: then one line is
 * the best and only choice (most table cells), found without the search. */
static int fits_one_line(const line_builder *lb, const word *words, int nwords)
{
	float x = 0;
	for (int i = 0; i < nwords; i++) {
		if (i > 0 && words[i].break_before)
			return 0;
		x += (i > 0 ? words[i].space : 0) + words[i].width;
	}
	return x <= lb->po->width - lb->po->first_indent + 0.001f;
}

/* The lines' ends for the paragraph: total fit in up to three passes, as
 * TeX does, each trying fewer breaks than the next: without hyphenation
 * within KP_PRETOLERANCE, with it within KP_TOLERANCE, then with any
 * badness (a solution always exists then). Returns the number of lines,
 * 0 when total fit does not apply. */
static int kp_breaks(line_builder *lb, word *words, int nwords, kp_para *kp, int **ends)
{
	int nl = 0;
	/* Ragged text nearly never keeps every line within the pretolerance
	 * (a short line is cheap, a cut word dear): no first pass. */
	if (lb->st->align == ALIGN_JUSTIFY) {
		if (!kp_prepare(lb, words, nwords, 0, kp))
			return 0;
		kp->tolerance = KP_PRETOLERANCE;
		kp->ratio = cbrt(KP_PRETOLERANCE / 100.0);
		if ((nl = kp_solve(lb->lc, kp, ends)))
			return nl;
	}
	if (!kp_prepare(lb, words, nwords, 1, kp))
		return 0;
	kp->tolerance = KP_TOLERANCE;
	kp->ratio = cbrt(KP_TOLERANCE / 100.0);
	if ((nl = kp_solve(lb->lc, kp, ends)))
		return nl;
	kp->tolerance = HUGE_VAL;
	return kp_solve(lb->lc, kp, ends);
}

/* Total fit, placed line by line. 0 when it does not apply: nothing was
 * placed then. */
static int break_total_fit(line_builder *lb, word *words, int nwords)
{
	if (nwords < 1 || fits_one_line(lb, words, nwords))
		return 0;
	kp_para kp;
	int *ends = NULL, nl = kp_breaks(lb, words, nwords, &kp, &ends);
	if (!nl)
		return 0;
	lb->x = line_start(lb);
	for (int i = 0, p = 0; i < nl; p = ends[i++]) {
		if (kp_place(lb, kp.f, p, ends[i]) < 0)
			return 0;
		int brk = kp.f[ends[i] - 1].brk;
		flush_line(lb, brk == BRK_END || brk == BRK_FORCED);
	}
	return 1;
}

/* Whether the paragraph holds anything that may run right to left: when
 * not (nearly always), every level stays 0 and the bidi pass is skipped. */
static int has_rtl(const text_buf *b)
{
	for (int i = 0; i < b->n; i++) {
		FriBidiCharType t = fribidi_get_bidi_type(b->c[i].cp);
		if (FRIBIDI_IS_RTL(t) || FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t))
			return 1;
	}
	return 0;
}

/* The embedding levels of the Unicode bidi algorithm (UAX #9, rules P to
 * I: GNU FriBidi), the paragraph taken as left to right (the documents are
 * French): each line is reordered with them as it is drawn (flush_line). */
static void bidi_levels(layout_ctx *lc, text_buf *b)
{
	if (!b->n || !has_rtl(b))
		return;
	FriBidiChar *str = arena_alloc(tmp(lc), sizeof *str * (size_t)b->n);
	FriBidiCharType *types = arena_alloc(tmp(lc), sizeof *types * (size_t)b->n);
	FriBidiBracketType *brackets = arena_alloc(tmp(lc), sizeof *brackets * (size_t)b->n);
	FriBidiLevel *levels = arena_alloc(tmp(lc), sizeof *levels * (size_t)b->n);
	if (!str || !types || !brackets || !levels)
		return;
	for (int i = 0; i < b->n; i++)
		str[i] = b->c[i].cp;
	FriBidiParType dir = FRIBIDI_PAR_LTR;
	fribidi_get_bidi_types(str, b->n, types);
	fribidi_get_bracket_types(str, b->n, types, brackets);
	if (!fribidi_get_par_embedding_levels_ex(types, brackets, b->n, &dir, levels))
		return;
	for (int i = 0; i < b->n; i++)
		b->c[i].level = (unsigned char)levels[i];
}

static void build_paragraph(layout_ctx *lc, xmlNodePtr node, const style *st, word_builder *wb)
{
	text_buf b = {0};
	collect(lc, node, st, &b);
	french_spaces(&b);
	bidi_levels(lc, &b);
	build_words(lc, &b, wb);
}

void layout_paragraph(layout_ctx *lc, xmlNodePtr node, const style *st, const para_opts *po, item_list *out)
{
	word_builder wb;
	build_paragraph(lc, node, st, &wb);
	line_builder lb = {.lc = lc, .st = st, .po = po, .out = out, .first_line = 1, .line = (int)xmlGetLineNo(node)};
	int first_item = out->n;
	if (!break_total_fit(&lb, wb.words, wb.nwords)) {
		/* Nothing was placed: first fit, which can cut any word. */
		lb = (line_builder){.lc = lc, .st = st, .po = po, .out = out, .first_line = 1, .line = lb.line};
		break_lines(&lb, wb.words, wb.nwords);
	}
	if (lc->scratch)
		arena_reset(lc->scratch, SCRATCH_KEEP);
	/* Widows and orphans: keep the first two and the last two lines together. */
	int nl = out->n - first_item;
	if (nl >= 4) {
		out->items[first_item].keep_with_next = 1;
		out->items[out->n - 2].keep_with_next = 1;
	} else if (nl > 1) {
		for (int i = first_item; i < out->n - 1; i++)
			out->items[i].keep_with_next = 1;
	}
}

float widest_number(layout_ctx *lc, xmlNodePtr node, const style *st, char *shown, size_t cap)
{
	word_builder wb;
	build_paragraph(lc, node, st, &wb);
	float widest = 0;
	for (int i = 0; i < wb.nwords; i++) {
		const word *w = &wb.words[i];
		if (w->width <= widest || !is_number_word(lc, w))
			continue;
		widest = w->width;
		/* A number word has at most NUMBER_MAX_CHARS characters: a cap
		 * of 4 bytes each holds it whole; a smaller one cuts it. */
		size_t at = 0;
		for (int k = 0; k < w->np && at + 1 < cap; k++) {
			size_t m = (size_t)w->p[k].len < cap - 1 - at ? (size_t)w->p[k].len : cap - 1 - at;
			memcpy(shown + at, w->p[k].text, m);
			at += m;
		}
		shown[at] = 0;
	}
	if (lc->scratch)
		arena_reset(lc->scratch, SCRATCH_KEEP);
	return widest;
}

void measure_inline(layout_ctx *lc, xmlNodePtr node, const style *st, float *min_w, float *max_w)
{
	word_builder wb;
	build_paragraph(lc, node, st, &wb);
	float line = 0, longest = 0, widest = 0, glued = 0;
	for (int i = 0; i < wb.nwords; i++) {
		const word *w = &wb.words[i];
		if (w->break_before)
			line = 0;
		line += (line > 0 ? w->space : 0) + w->width;
		if (line > widest)
			widest = line;
		/* A word that can be hyphenated need not be as wide as itself;
		 * count a third of it, as narrow columns hyphenate anyway. */
		float need = w->width;
		if (w->np == 1 && w->p[0].st->hyphenate && w->p[0].len > 8 && !is_number_word(lc, w))
			need = w->width * 0.6f;
		/* Words joined by no-break spaces ("Madame Léa") need their
		 * whole width on one line. */
		glued = i > 0 && w->nobreak && !w->break_before ? glued + w->space + w->width : need;
		if (glued > longest)
			longest = glued;
	}
	*min_w = longest;
	*max_w = widest;
	if (lc->scratch)
		arena_reset(lc->scratch, SCRATCH_KEEP);
}
