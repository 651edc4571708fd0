/* Paragraphs: inline content → words → lines.
 * Greedy first-fit line breaking with French hyphenation (libhyphen) when a
 * word does not fit, breaks after hyphens, and a character break as the last
 * resort so that no word ever overflows its column. Knuth–Plass would give
 * slightly better justified paragraphs; first-fit is what word processors
 * do and keeps layout linear in the text. */
#include "layout.h"
#include "layout_inline.h"
#include <string.h>

#define NBSP 0xA0u
#define BREAK_CP 0x2028u   /* internal marker for <br/> */

typedef struct glyph_char {
	uint32_t cp;
	const style *st;
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
	float width;        /* [pt] */
} piece;

typedef struct word {
	piece *p;
	int np;
	float width;        /* [pt] */
	float space;        /* [pt] width of the space before it; 0 = glued */
	int break_before;   /* a <br/> precedes it */
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
	b->c[b->n++] = (glyph_char){cp, st};
}

static int is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'; }

static void push_text(layout_ctx *lc, text_buf *b, const char *s, const style *st)
{
	int len = (int)strlen(s);
	for (int i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
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
		           (is_digit(next) && ends_with_month(b, i)) ||
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
	int pending_break;
	int word_open;
	int units;            /* [1/1000 em] advance of the current piece so far */
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
	nw->break_before = wb->pending_break;
	nw->p = NULL;
	nw->np = wb->npieces; /* index of the first piece until closed */
	wb->pending_space = 0;
	wb->pending_break = 0;
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
	wb->word_open = 0;
}

static void add_char(word_builder *wb, uint32_t cp, const style *st)
{
	int face = face_for(wb->lc, style_face(wb->lc, st), &cp);
	if (cp == NBSP)
		cp = ' ';  /* drawn as a plain space: copy-paste and search stay natural */
	if (wb->tlen && (wb->st != st || wb->face != face))
		close_piece(wb);
	wb->st = st;
	wb->face = face;
	char *t = arena_grow(tmp(wb->lc), wb->text, 1, &wb->tcap, wb->tlen + 4);
	if (!t)
		return;
	wb->text = t;
	wb->tlen += utf8_encode(cp, wb->text + wb->tlen);
	wb->units += font_advance(wb->lc->fonts, face, cp);  /* summed once, as characters arrive */
}

static void build_words(layout_ctx *lc, const text_buf *b, word_builder *wb)
{
	memset(wb, 0, sizeof *wb);
	wb->lc = lc;
	for (int i = 0; i < b->n; i++) {
		uint32_t cp = b->c[i].cp;
		if (cp == ' ') {
			close_word(wb);
			int f = style_face(lc, b->c[i].st);
			wb->pending_space = (float)font_advance(lc->fonts, f, ' ') * b->c[i].st->size / 1000.0f;
		} else if (cp == BREAK_CP) {
			close_word(wb);
			wb->pending_break = 1;
			wb->pending_space = 0;
		} else {
			open_word(wb);
			add_char(wb, cp, b->c[i].st);
		}
	}
	close_word(wb);
	for (int i = 0; i < wb->nwords; i++) {
		word *w = &wb->words[i];
		w->p = wb->pieces + (intptr_t)w->p;
		w->width = 0;
		for (int k = 0; k < w->np; k++)
			w->width += w->p[k].width;
	}
}

float text_width(layout_ctx *lc, const style *st, const char *s, int len)
{
	int face = style_face(lc, st);
	float w = 0;
	for (int i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		int f = font_face_for(lc->fonts, face, cp);
		w += (float)font_advance(lc->fonts, f >= 0 ? f : face, cp);
	}
	return w * st->size / 1000.0f;
}

static float piece_width(layout_ctx *lc, const piece *p)
{
	float units = 0;
	for (int i = 0; i < p->len;) {
		uint32_t cp;
		i += utf8_decode(p->text + i, p->len - i, &cp);
		units += (float)font_advance(lc->fonts, p->face, cp);
	}
	return units * p->size / 1000.0f;
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
		int last = to <= at + src->len;
		char *t = arena_alloc(tmp(lc), (size_t)(b - a) + 2);
		if (!t)
			return NULL;
		memcpy(t, src->text + a, (size_t)(b - a));
		int len = b - a;
		if (add_hyphen && last)
			t[len++] = '-';
		ps[n] = *src;
		ps[n].text = t;
		ps[n].len = len;
		ps[n].width = piece_width(lc, &ps[n]);
		nw->width += ps[n].width;
		n++;
	}
	nw->p = ps;
	nw->np = n;
	nw->space = from == 0 ? w->space : 0;
	nw->break_before = from == 0 ? w->break_before : 0;
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

/* Splits w so that its first part fits in room [pt]: at a hyphenation point,
 * after an existing hyphen, or (force) between any two characters.
 * Returns 1 and sets *head and *tail on success. */
static int split_word(layout_ctx *lc, const word *w, float room, int force, word **head, word **tail)
{
	/* The word's text across its pieces ("2<sup>nde</sup>", a bold part). */
	char text[512];
	int len = 0;
	for (int k = 0; k < w->np; k++) {
		if (len + w->p[k].len >= (int)sizeof text)
			return 0;
		memcpy(text + len, w->p[k].text, (size_t)w->p[k].len);
		len += w->p[k].len;
	}
	piece whole = w->p[0];
	whole.text = text;
	whole.len = len;
	const piece *p = &whole;
	char breaks[512];
	memset(breaks, 0, (size_t)len);
	if (p->st->hyphenate) {
		/* Hyphenate the letters only: "(socioprofessionnelle)," → its core. */
		int a = 0, b = p->len;
		while (a < b && !starts_letter(p->text + a, b - a))
			a += utf8_decode(p->text + a, b - a, &(uint32_t){0});
		while (b > a && !ends_letter(p->text + a, b - a)) {
			b--;
			while (b > a && ((unsigned char)p->text[b] & 0xC0) == 0x80)
				b--;
		}
		piece core = *p;
		core.text = p->text + a;
		core.len = b - a;
		if (core.len > 0 && is_letter_word(&core))
			hyph_points(lc->hyph, core.text, core.len, breaks + a);
	}
	/* After a hyphen or a slash between letters ("Saint-Étienne", "et/ou"),
	 * never inside numbers and codes ("2019-2022", "76-217605757-…"). */
	for (int i = 1; i < p->len - 1; i++)
		if ((p->text[i] == '-' || p->text[i] == '/') && !is_digit((unsigned char)p->text[i + 1]) &&
		    !is_digit((unsigned char)p->text[i - 1]) && p->text[i + 1] != '-')
			breaks[i] = 2;  /* 2: no hyphen added */
	for (int pass = 0; pass < (force ? 2 : 1); pass++) {
		for (int i = p->len - 2; i >= 0; i--) {
			int kind = pass == 0 ? breaks[i] : 3;
			if (!kind)
				continue;
			if (pass == 1 && ((unsigned char)p->text[i + 1] & 0xC0) == 0x80)
				continue;  /* never inside a UTF-8 sequence */
			word *h = sub_word(lc, w, 0, i + 1, kind == 1);
			if (!h)
				return 0;
			if (h->width <= room || (pass == 1 && i == 0)) {
				*head = h;
				*tail = sub_word(lc, w, i + 1, p->len, 0);
				if (pass == 1 && !lc->word_broken_reported) {
					lc->word_broken_reported = 1;
					char shown[64];
					snprintf(shown, sizeof shown, "%.*s", p->len < 60 ? p->len : 60, p->text);
					diag_add(lc->diags, D_LAYOUT_WORD_BROKEN, 0, 0, shown);
				}
				return *tail != NULL;
			}
		}
	}
	return 0;
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
			piece q = {st, face, st->size, 0, "?", 1, 0};
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
		piece mp = {st, face, st->size, 0, marker + i, j - i, 0};
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
	if (lb->st->align == ALIGN_JUSTIFY && !last && gaps > 0 && natural - line_start(lb) < room)
		extra = (room - (natural - line_start(lb))) / (float)gaps;
	else if (lb->st->align == ALIGN_RIGHT)
		shift = room - (natural - line_start(lb));
	else if (lb->st->align == ALIGN_CENTER)
		shift = (room - (natural - line_start(lb))) / 2;
	if (shift < 0)
		shift = 0;
	item *it = items_add(lc, lb->out, IT_LINE);
	if (!it)
		return;
	it->height = height;
	op *ops = NULL;
	int cap = 0;
	float dx = 0;
	op *last_run = NULL;
	const piece *last_piece = NULL;
	line_text lt = {0};
	for (int i = 0; i < lb->n; i++)
		for (int k = 0; k < lb->words[i].w->np; k++)
			lt.cap += (size_t)lb->words[i].w->p[k].len + 1;
	if (lb->first_line && po->marker)
		lt.cap += strlen(po->marker) + 1;
	lt.buf = arena_take_bytes(lc->mem, lt.cap);
	if (!lt.buf)
		lt.cap = 0;
	if (lb->first_line && po->marker)
		emit_marker(lc, it, &ops, &cap, &lt, lb->st, po->marker, po->x + po->marker_x, base);
	for (int i = 0; i < lb->n; i++) {
		const word *w = lb->words[i].w;
		if (i > 0 && w->space > 0)
			dx += extra;
		float x = po->x + shift + lb->words[i].x + dx;
		for (int k = 0; k < w->np; k++) {
			const piece *p = &w->p[k];
			int glued = k > 0 || (i > 0 && w->space == 0);
			if (last_run && last_piece && same_run(last_piece, p) && (glued || extra == 0)) {
				float gap = glued ? 0 : w->space;
				extend_run(&lt, last_run, glued ? "" : " ", p, gap);
			} else {
				last_run = emit_text(lc, it, &ops, &cap, &lt, p, x, base);
			}
			last_piece = p;
			x += p->width;
		}
	}
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

static void break_lines(line_builder *lb, word *words, int nwords)
{
	const para_opts *po = lb->po;
	lb->x = line_start(lb);
	for (int i = 0; i < nwords; i++) {
		const word *w = &words[i];
		if (w->break_before && lb->n)
			flush_line(lb, 1);
		for (int guard = 0; w && guard < 10000; guard++) {
			float gap = lb->n ? w->space : 0;
			float room = po->width - lb->x - gap;
			if (w->width <= room + 0.001f) {
				place_word(lb, w);
				break;
			}
			word *head = NULL, *tail = NULL;
			if (split_word(lb->lc, w, room, lb->n == 0, &head, &tail)) {
				head->space = w->space;
				place_word(lb, head);
				flush_line(lb, 0);
				tail->space = 0;
				w = tail;
			} else if (lb->n) {
				flush_line(lb, 0);
			} else {
				place_word(lb, w);  /* unsplittable and alone: let it overflow */
				break;
			}
		}
	}
	if (lb->n || lb->nlines == 0)
		flush_line(lb, 1);
}

static void build_paragraph(layout_ctx *lc, xmlNodePtr node, const style *st, word_builder *wb)
{
	text_buf b = {0};
	collect(lc, node, st, &b);
	french_spaces(&b);
	build_words(lc, &b, wb);
}

void layout_paragraph(layout_ctx *lc, xmlNodePtr node, const style *st, const para_opts *po, item_list *out)
{
	word_builder wb;
	build_paragraph(lc, node, st, &wb);
	line_builder lb = {.lc = lc, .st = st, .po = po, .out = out, .first_line = 1};
	int first_item = out->n;
	break_lines(&lb, wb.words, wb.nwords);
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

void measure_inline(layout_ctx *lc, xmlNodePtr node, const style *st, float *min_w, float *max_w)
{
	word_builder wb;
	build_paragraph(lc, node, st, &wb);
	float line = 0, longest = 0, widest = 0;
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
		if (w->np == 1 && w->p[0].st->hyphenate && w->p[0].len > 8)
			need = w->width * 0.6f;
		if (need > longest)
			longest = need;
	}
	*min_w = longest;
	*max_w = widest;
	if (lc->scratch)
		arena_reset(lc->scratch, SCRATCH_KEEP);
}
