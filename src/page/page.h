/* SPDX-License-Identifier: Apache-2.0 */
/* Pages of positioned boxes: what layout produces and what renderers draw.
 * No PDF here: dump.c prints these for tests, render_pdf.c draws them. */
#ifndef DELIB_PAGE_H
#define DELIB_PAGE_H
#include "arena.h"

typedef struct rgb { float r, g, b; } rgb;  /* each in [0, 1] */

typedef enum op_kind {
	OP_TEXT,        /* a run of text in one face and size */
	OP_FILL,        /* filled rectangle */
	OP_STROKE,      /* stroked rectangle */
	OP_LINE,        /* segment from (x, y) to (x + w, y + h) */
	OP_SIGNATURE,   /* area of an empty signature field; text = field name */
	OP_WATERMARK,   /* large diagonal text drawn under the content */
	OP_IMAGE,       /* a PNG or JPEG file drawn in (x, y, w, h); text = its path */
	OP_PATH         /* a filled shape (chart bars, pie sectors): path, stroke, hatch */
} op_kind;

/* One segment of an OP_PATH. Coordinates [pt] are relative to the op's
 * (x, y), y downwards like every coordinate here, so that placing an op
 * moves its path with it. PATH_CURVE is a cubic Bézier: control points
 * (x1, y1), (x2, y2), end point (x, y). */
typedef enum path_cmd { PATH_MOVE, PATH_LINE, PATH_CURVE, PATH_CLOSE } path_cmd;
typedef struct path_seg {
	path_cmd cmd;
	float x1, y1, x2, y2;  /* [pt] control points (PATH_CURVE only) */
	float x, y;            /* [pt] end point */
} path_seg;

typedef struct op {
	op_kind kind;
	float x, y;          /* [pt] from the page's top-left corner; text: start of baseline */
	float w, h;          /* [pt] size of rectangles, vector of lines */
	float size;          /* [pt] font size (text) or line width (strokes) */
	int face;            /* font face index in the font library (text) */
	rgb color;
	const char *text;    /* UTF-8 in the render arena (text, field name) */
	int len;             /* [bytes] */
	int underline;       /* text: underlined (layout turns it into an OP_LINE) */
	float angle;         /* [degrees] watermark: rotation of the text, counter-clockwise */
	/* OP_PATH: filled with `color`; outlined in `stroke` when size > 0
	 * (size = line width [pt]); hatch = 1 adds diagonal lines in `stroke`
	 * over the fill, clipped to the shape. Segments in the render arena. */
	const path_seg *path;
	int npath;
	rgb stroke;
	int hatch;
	int line;            /* image: the template line that wrote it, for diagnostics; 0: unknown */
	/* The structure element (index in doc_pages.elems) this op is content
	 * of; 0: an artefact (running headers and footers, page numbers, the
	 * watermark, rules, borders, backgrounds, a repeated table header). */
	int tag;
	int hyphen;          /* text: ends with a hyphen layout added to cut the word */
} op;

typedef struct page {
	float width, height; /* [pt] */
	op *ops;
	int nops, cap;
	int sequence;        /* index of the sequence it belongs to */
	int number;          /* page number within its counter */
	int counter_pages;   /* number of pages of its counter */
} page;

typedef struct outline_entry {
	int level;           /* 0 = sequence, 1.. = headings */
	const char *title;   /* UTF-8 in the render arena */
	int page;            /* 0-based page index */
	float y;             /* [pt] from the top of the page */
} outline_entry;

typedef struct doc_meta {  /* UTF-8 in the render arena; NULL when absent */
	const char *title, *author, *subject, *keywords, *lang;
} doc_meta;

/* The logical structure of a tagged PDF: elements in reading order, each
 * after its parent; element 0 is the Document. Roles are PDF's standard
 * structure types ("Sect", "H1", "P", "L", "LI", "Lbl", "LBody", "Table",
 * "TR", "TH", "TD", "Figure", "Form"). */
typedef struct struct_elem {
	const char *role;
	int parent;          /* index; -1 for the Document */
	const char *alt;     /* Figure: alternative text; Form: its description; NULL */
	int rowspan, colspan;/* TH, TD: 0 or 1 when the cell spans nothing */
	int scope;           /* TH: 1 column, 2 row; 0 otherwise */
} struct_elem;

typedef struct doc_pages {
	page *pages;
	int npages, cap;
	outline_entry *outline;
	int noutline, outline_cap;
	doc_meta meta;
	struct_elem *elems;  /* empty when the pages carry no structure */
	int nelems, elems_cap;
} doc_pages;

op *page_add_op(arena *a, page *p, op_kind kind);
page *doc_add_page(arena *a, doc_pages *d, float width, float height);
/* A new structure element under parent; returns its index, -1 out of memory. */
int doc_add_elem(arena *a, doc_pages *d, const char *role, int parent);
void doc_add_outline(arena *a, doc_pages *d, int level, const char *title, int page, float y);
#endif
