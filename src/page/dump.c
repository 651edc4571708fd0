/* SPDX-License-Identifier: Apache-2.0 */
#include "dump.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sbuf {
	char *s;
	size_t len, cap;
	int failed;
} sbuf;

static void put(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		size_t room = b->cap - b->len;
		va_start(ap, fmt);
		int n = vsnprintf(b->s ? b->s + b->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->failed = 1;
			return;
		}
		if ((size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap - b->len <= (size_t)n)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (!s) {
			b->failed = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
}

static const char *kind_name(op_kind k)
{
	switch (k) {
	case OP_TEXT: return "text";
	case OP_FILL: return "fill";
	case OP_STROKE: return "stroke";
	case OP_LINE: return "line";
	case OP_SIGNATURE: return "signature";
	case OP_WATERMARK: return "watermark";
	case OP_IMAGE: return "image";
	case OP_PATH: return "path";
	}
	return "?";
}

static unsigned hex_color(rgb c)
{
	return (unsigned)(c.r * 255 + 0.5f) << 16 | (unsigned)(c.g * 255 + 0.5f) << 8 | (unsigned)(c.b * 255 + 0.5f);
}

/* "fill=#rrggbb [stroke=#rrggbb width=W] [hatch] M x,y L x,y C x1,y1 x2,y2 x,y Z" */
static void dump_path(sbuf *b, const op *o)
{
	put(b, " fill=#%06x", hex_color(o->color));
	if (o->size > 0)
		put(b, " stroke=#%06x width=%.2f", hex_color(o->stroke), (double)o->size);
	if (o->hatch)
		put(b, " hatch");
	for (int i = 0; i < o->npath; i++) {
		const path_seg *s = &o->path[i];
		switch (s->cmd) {
		case PATH_MOVE: put(b, " M %.2f,%.2f", (double)s->x, (double)s->y); break;
		case PATH_LINE: put(b, " L %.2f,%.2f", (double)s->x, (double)s->y); break;
		case PATH_CURVE:
			put(b, " C %.2f,%.2f %.2f,%.2f %.2f,%.2f", (double)s->x1, (double)s->y1, (double)s->x2, (double)s->y2,
			    (double)s->x, (double)s->y);
			break;
		case PATH_CLOSE: put(b, " Z"); break;
		}
	}
	put(b, "\n");
}

static void dump_op(sbuf *b, const op *o, const font_lib *fonts)
{
	put(b, "  %s x=%.2f y=%.2f", kind_name(o->kind), (double)o->x, (double)o->y);
	switch (o->kind) {
	case OP_WATERMARK:
		put(b, " angle=%.2f", (double)o->angle);
		/* fall through */
	case OP_TEXT:
		put(b, " w=%.2f font=\"%s\"%s%s size=%.2f \"%.*s\"\n", (double)o->w, font_family(fonts, o->face),
		    strstr(font_file(fonts, o->face), "Bold") ? " bold" : "",
		    strstr(font_file(fonts, o->face), "Italic") || strstr(font_file(fonts, o->face), "Oblique") ? " italic" : "",
		    (double)o->size, o->len, o->text);
		break;
	case OP_SIGNATURE:
		put(b, " w=%.2f h=%.2f name=\"%.*s\"\n", (double)o->w, (double)o->h, o->len, o->text);
		break;
	case OP_IMAGE: {
		const char *slash = strrchr(o->text, '/');
		put(b, " w=%.2f h=%.2f src=\"%s\"\n", (double)o->w, (double)o->h, slash ? slash + 1 : o->text);
		break;
	}
	case OP_PATH:
		dump_path(b, o);
		break;
	default:
		put(b, " w=%.2f h=%.2f\n", (double)o->w, (double)o->h);
		break;
	}
}

char *dump_pages(const doc_pages *doc, const font_lib *fonts)
{
	sbuf b = {0};
	put(&b, "document pages=%d title=\"%s\"\n", doc->npages, doc->meta.title ? doc->meta.title : "");
	for (int i = 0; i < doc->noutline; i++) {
		const outline_entry *e = &doc->outline[i];
		put(&b, "outline level=%d page=%d y=%.2f \"%s\"\n", e->level, e->page + 1, (double)e->y, e->title);
	}
	for (int i = 0; i < doc->npages; i++) {
		const page *p = &doc->pages[i];
		put(&b, "page %d size=%.2fx%.2f sequence=%d number=%d/%d\n", i + 1, (double)p->width, (double)p->height,
		    p->sequence, p->number, p->counter_pages);
		for (int k = 0; k < p->nops; k++)
			dump_op(&b, &p->ops[k], fonts);
	}
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
