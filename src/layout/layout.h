/* SPDX-License-Identifier: Apache-2.0 */
/* Layout: the layout tree (layout vocabulary, as libxml2 nodes) becomes a
 * flow of vertical items per sequence, then pages of positioned boxes.
 * This header is the layer's shared base (layout.c: the context, items,
 * properties and named styles); the stages have their own headers:
 * layout_inline.h (paragraphs → lines), layout_block.h (blocks → items),
 * layout_table.h (tables → row groups that split), layout_chart.h,
 * paginate.h (items → pages). */
#ifndef DELIB_LAYOUT_H
#define DELIB_LAYOUT_H
#include <libxml/tree.h>
#include "arena.h"
#include "diag.h"
#include "font.h"
#include "hyph.h"
#include "page.h"
#include "sys.h"

/* ALIGN_DECIMAL: numbers on their decimal comma, at style.decimal_tail
 * from the right (table cells); elsewhere as ALIGN_RIGHT. */
enum align { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER, ALIGN_JUSTIFY, ALIGN_DECIMAL };

/* Inherited properties, as in CSS. */
typedef struct style {
	const char *family;
	float size;          /* [pt] */
	int bold, italic, underline;
	int vshift;          /* 0, +1 superscript, -1 subscript */
	rgb color;
	float line_height;   /* multiple of size */
	int align;
	float decimal_tail;  /* [pt] room right of the decimal comma (ALIGN_DECIMAL), set by the table */
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
	hyph *hyph;          /* parses its patterns at the first use */
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
	/* Where structure elements go (page.h), NULL when what is laid out
	 * is no content (running headers, footers); the element that blocks
	 * laid out now belong to; the Lbl element of the pending marker. */
	doc_pages *tree;
	int struct_parent;
	int marker_tag;
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
	float keep_group;      /* [pt] height of the keep-together block that starts here; 0: none */
	int keep_items;        /* how many items that block spans from here */
	op *ops;
	int nops;
	table_layout *table;   /* IT_TABLE */
	const char *title;     /* IT_MARK */
	int level;             /* IT_MARK */
	int line;              /* of the layout element it comes from (libxslt keeps the
	                        * template's line on the elements it writes); 0: unknown */
} item;

typedef struct item_list {
	item *items;
	int n, cap;
} item_list;

/* A horizontal band of the page: where a block's column starts and how
 * wide it is [pt]. One value, so that no function takes them in the other
 * order. */
typedef struct hspan {
	float x, width;
} hspan;

/* The layout context of one document: `doc` set, the rest as the caller
 * needs; builds the index of named styles once. Returns -1 out of memory. */
int layout_ctx_start(layout_ctx *lc);

item *items_add(layout_ctx *lc, item_list *l, item_kind kind);
/* True (and reported once) when the render must stop: past its deadline,
 * or out of its memory bound. Checked per block and per placed item. */
int layout_must_stop(layout_ctx *lc);

/* Properties and styles (layout.c). */
style style_root(xmlNodePtr document_node, layout_ctx *lc);
void style_apply(layout_ctx *lc, xmlNodePtr node, style *st);
void block_props_read(layout_ctx *lc, xmlNodePtr node, block_props *bp);
const char *prop_get(layout_ctx *lc, xmlNodePtr node, const char *name); /* own attr, then its style */
/* prop_get's value copied into the render arena (NULL when absent): what
 * the pages keep must not point into the layout tree, freed before the
 * pages are drawn or dumped (page.h). */
const char *prop_keep(layout_ctx *lc, xmlNodePtr node, const char *name);
float parse_length(const char *s, float percent_of, float fallback);
/* "#RRGGBB" (layout.xsd's color) into out; 0, out untouched, otherwise. */
int parse_color(const char *s, rgb *out);
int is_layout(xmlNodePtr n, const char *name);
int has_block_children(xmlNodePtr node);
/* Warns (D_TEMPLATE_STYLE, at the template line) of every style attribute
 * naming no declared style, which the layout then ignores; returns how
 * many there are. */
int layout_check_style_refs(xmlDocPtr layout_doc, diag_list *diags);
#endif
