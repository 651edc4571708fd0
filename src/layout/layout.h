/* Layout: the layout tree (layout vocabulary, as libxml2 nodes) becomes a
 * flow of vertical items per sequence, then pages of positioned boxes.
 * Stages: layout_inline.c (paragraphs → lines), layout.c (blocks → items),
 * layout_table.c (tables → row groups that split), paginate.c (items →
 * pages). Never includes hpdf.h. */
#ifndef DELIB_LAYOUT_H
#define DELIB_LAYOUT_H
#include <libxml/tree.h>
#include "arena.h"
#include "diag.h"
#include "font.h"
#include "hyph.h"
#include "page.h"
#include "sys.h"

enum align { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER, ALIGN_JUSTIFY };

/* Inherited properties, as in CSS. */
typedef struct style {
	const char *family;
	float size;          /* [pt] */
	int bold, italic, underline;
	int vshift;          /* 0, +1 superscript, -1 subscript */
	rgb color;
	float line_height;   /* multiple of size */
	int align;
	int hyphenate;
	int face;            /* cache of style_face(): -1 until resolved (not a property) */
} style;

/* Properties of one block, not inherited. */
typedef struct block_props {
	float space_before, space_after;   /* [pt] */
	float indent_left, indent_right;   /* [pt] */
	float first_line_indent;           /* [pt] */
	float border, border_top, border_bottom; /* [pt] line widths */
	rgb border_color;
	float padding;                     /* [pt] */
	int has_background;
	rgb background;
	int keep_with_next, keep_together;
} block_props;

/* Page fields resolved while laying out headers and footers. */
typedef struct page_fields {
	int number, count;   /* 0 = not known (body text) */
} page_fields;

#define SCRATCH_KEEP (4u * 1024u * 1024u)  /* [bytes] paragraph memory kept between paragraphs */

typedef struct layout_ctx {
	arena *mem;
	arena *scratch;      /* one paragraph's working memory, or NULL (then mem) */
	font_lib *fonts;
	const hyph *hyph;
	diag_list *diags;
	xmlDocPtr doc;       /* the layout tree */
	page_fields fields;
	int word_broken_reported;
	float max_item_height;  /* [pt] body height of the current page template */
	const char *pending_marker; /* list marker for the next paragraph's first line */
	float pending_marker_x;     /* [pt] */
	const char *resource_dir; /* the template's folder: images resolve there only */
	double deadline;        /* [ms] monotonic clock; 0: no time limit */
	int stopped;            /* the deadline passed or memory ran out: stop laying out */
	xmlNodePtr *styles;     /* named styles of the document */
	int nstyles;
} layout_ctx;

/* A vertical item of a flow. Ops are relative to the item's top-left. */
typedef enum item_kind {
	IT_LINE,     /* a line of text (or a drawn box): unbreakable */
	IT_SPACE,    /* vertical space: dropped at the top of a page */
	IT_TABLE,    /* a table, split by rows and lines */
	IT_BREAK,    /* forced page break */
	IT_MARK      /* an outline entry at this position */
} item_kind;

typedef struct table_layout table_layout;

typedef struct item {
	item_kind kind;
	float height;          /* [pt] */
	int keep_with_next;
	op *ops;
	int nops;
	table_layout *table;   /* IT_TABLE */
	const char *title;     /* IT_MARK */
	int level;             /* IT_MARK */
} item;

typedef struct item_list {
	item *items;
	int n, cap;
} item_list;

item *items_add(layout_ctx *lc, item_list *l, item_kind kind);
/* True (and reported once) when the render must stop: past its deadline,
 * or out of its memory bound. Checked per block and per placed item. */
int layout_must_stop(layout_ctx *lc);

/* layout.c */
style style_root(xmlNodePtr document_node, layout_ctx *lc);
void style_apply(layout_ctx *lc, xmlNodePtr node, style *st);
void block_props_read(layout_ctx *lc, xmlNodePtr node, block_props *bp);
const char *prop_get(layout_ctx *lc, xmlNodePtr node, const char *name); /* own attr, then its style */
float parse_length(const char *s, float percent_of, float fallback);
int is_layout(xmlNodePtr n, const char *name);
/* Reports (D_TEMPLATE_LAYOUT, at the template line) every style attribute
 * naming no declared style; returns how many there are. */
int layout_check_style_refs(xmlDocPtr layout_doc, diag_list *diags);
/* Lays out the block children of `parent` at `width`, appending items. */
void layout_blocks(layout_ctx *lc, xmlNodePtr parent, const style *st, float x, float width, item_list *out);
/* Lays out a container whose content is inline text or blocks (td, item). */
void layout_flow_or_inline(layout_ctx *lc, xmlNodePtr node, const style *st, float x, float width, item_list *out);
int has_block_children(xmlNodePtr node);

/* layout_inline.c: a paragraph's inline content into line items. */
typedef struct para_opts {
	float width;             /* [pt] available for the lines */
	float x;                 /* [pt] left offset of the lines */
	float first_indent;      /* [pt] */
	const char *marker;      /* list marker drawn on the first line, or NULL */
	float marker_x;          /* [pt] */
} para_opts;
void layout_paragraph(layout_ctx *lc, xmlNodePtr node, const style *st, const para_opts *po, item_list *out);
/* min-content (longest word) and max-content (one line) widths of inline content. */
void measure_inline(layout_ctx *lc, xmlNodePtr node, const style *st, float *min_w, float *max_w);
float text_width(layout_ctx *lc, const style *st, const char *s, int len);
int style_face(layout_ctx *lc, const style *st);

/* layout_chart.c: a chart (bars or pie) as one unbreakable item holding its
 * title, drawing, legend or data table and captions. */
void layout_chart(layout_ctx *lc, xmlNodePtr node, const style *st, float x, float width, item_list *out);

/* layout_table.c */
void layout_table(layout_ctx *lc, xmlNodePtr node, const style *st, float width, float x, item_list *out);
/* Places as much of the table as fits in `avail` [pt]; appends ops at
 * (x, y) of page p; returns the height used, or -1 when nothing could be
 * placed (the caller starts a new page); *done set when finished. */
float table_place(layout_ctx *lc, table_layout *t, page *p, float x, float y, float avail,
                  int page_is_fresh, int *done);
float table_min_height(const table_layout *t);
/* [pt] right edge of the table, from the left of the column it was laid out in. */
float table_right(const table_layout *t);

/* paginate.c */
int paginate_document(layout_ctx *lc, xmlNodePtr document_node, doc_pages *out);
#endif
