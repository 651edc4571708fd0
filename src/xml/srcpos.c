/* SPDX-License-Identifier: Apache-2.0 */
#include "srcpos.h"
#include "tree.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tag_pos {
	size_t off;    /* [bytes] offset of '<' */
	int line, col;
} tag_pos;

typedef struct node_index {
	const void *node;
	size_t tag;    /* index into tags */
} node_index;

struct srcpos {
	const char *xml;
	size_t size;
	xmlDocPtr doc;
	int state;          /* 0: not built yet, 1: built, -1: unusable */
	tag_pos *tags;      /* a part's point into its whole's, not owned */
	size_t ntags;
	srcpos *whole;      /* a part (srcpos_new_part): the index of the whole text */
	xmlNodePtr original;  /* a part: the element of the whole its root copies */
	node_index *nodes;  /* sorted by node address */
	size_t nnodes;
};

/* A cursor that keeps the line and column of its offset. */
typedef struct cursor {
	const char *s;
	size_t n, i;
	int line, col;
} cursor;

static void advance(cursor *c)
{
	if (c->i >= c->n)
		return;
	unsigned char b = (unsigned char)c->s[c->i++];
	if (b == '\n') {
		c->line++;
		c->col = 1;
	} else if ((b & 0xC0) != 0x80) {
		c->col++;
	}
}

static int at(const cursor *c, const char *lit)
{
	size_t len = strlen(lit);
	return c->n - c->i >= len && memcmp(c->s + c->i, lit, len) == 0;
}

/* Moves past the first occurrence of lit (or to the end). */
static void skip_past(cursor *c, const char *lit)
{
	size_t len = strlen(lit);
	while (c->i < c->n && !at(c, lit))
		advance(c);
	for (size_t k = 0; k < len && c->i < c->n; k++)
		advance(c);
}

/* Moves past the '>' that closes a tag (brackets = 0) or a markup
 * declaration such as <!DOCTYPE … [ … ]> (brackets = 1), skipping quoted
 * values. */
static void skip_markup(cursor *c, int brackets)
{
	int depth = 0;
	char quote = 0;
	while (c->i < c->n) {
		char ch = c->s[c->i];
		advance(c);
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (brackets && ch == '[') {
			depth++;
		} else if (brackets && ch == ']') {
			depth--;
		} else if (ch == '>' && depth <= 0) {
			return;
		}
	}
}

static void skip_tag(cursor *c) { skip_markup(c, 0); }
static void skip_decl(cursor *c) { skip_markup(c, 1); }

typedef int (*tag_fn)(void *user, const cursor *c, int doctype);

/* Walks the markup of the text; calls fn at each start tag (doctype 0) and
 * at each <!DOCTYPE (doctype 1), the cursor on its '<'; stops when fn
 * returns non-zero. */
static void scan(const char *xml, size_t size, tag_fn fn, void *user)
{
	cursor c = {xml, size, 0, 1, 1};
	if (at(&c, "\xEF\xBB\xBF"))
		c.i = 3;  /* a BOM is not a character of the first line */
	while (c.i < c.n) {
		if (xml[c.i] != '<') {
			advance(&c);
			continue;
		}
		if (at(&c, "<!--")) {
			skip_past(&c, "-->");
		} else if (at(&c, "<![CDATA[")) {
			skip_past(&c, "]]>");
		} else if (at(&c, "<?")) {
			skip_past(&c, "?>");
		} else if (at(&c, "<!")) {
			if (at(&c, "<!DOCTYPE") && fn(user, &c, 1))
				return;
			skip_decl(&c);
		} else if (at(&c, "</")) {
			skip_tag(&c);
		} else {
			if (fn(user, &c, 0))
				return;
			skip_tag(&c);
		}
	}
}

typedef struct collect {
	tag_pos *tags;
	size_t n, cap;
	int failed;
	int only_doctype;  /* stop at the DOCTYPE, or at the first start tag */
	size_t doctype;
} collect;

static int on_tag(void *user, const cursor *c, int doctype)
{
	collect *k = user;
	if (doctype) {
		if (k->doctype == (size_t)-1)
			k->doctype = c->i;
		return k->only_doctype;
	}
	if (k->failed)
		return 1;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 256;
		tag_pos *t = realloc(k->tags, cap * sizeof *t);
		if (!t) {
			k->failed = 1;
			return 1;
		}
		k->tags = t;
		k->cap = cap;
	}
	k->tags[k->n++] = (tag_pos){c->i, c->line, c->col};
	return 0;
}

static int compare_nodes(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const node_index *)a)->node, y = (uintptr_t)((const node_index *)b)->node;
	return x < y ? -1 : x > y;
}

/* The elements of the tree in document order, without recursion. */
static int index_elements(srcpos *p, xmlDocPtr doc)
{
	p->nodes = malloc((p->ntags ? p->ntags : 1) * sizeof *p->nodes);
	if (!p->nodes)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(doc), n = root;
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			if (p->nnodes == p->ntags)
				return -1;  /* more elements than tags: text and tree disagree */
			p->nodes[p->nnodes] = (node_index){n, p->nnodes};
			p->nnodes++;
		}
		n = tree_next(n, root, 0);
	}
	/* A part's tags run on to the end of the whole text. */
	if (p->nnodes != p->ntags && !p->whole)
		return -1;
	qsort(p->nodes, p->nnodes, sizeof *p->nodes, compare_nodes);
	return 0;
}

srcpos *srcpos_new(const char *xml, size_t size, xmlDocPtr doc)
{
	if (!xml || !doc)
		return NULL;
	srcpos *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->xml = xml;
	p->size = size;
	p->doc = doc;
	return p;
}

srcpos *srcpos_new_part(srcpos *whole, xmlNodePtr original, xmlDocPtr doc)
{
	if (!whole || !original || !doc)
		return NULL;
	srcpos *p = srcpos_new(whole->xml, whole->size, doc);
	if (p) {
		p->whole = whole;
		p->original = original;
	}
	return p;
}

static int build(srcpos *p);
static const tag_pos *tag_of(srcpos *p, xmlNodePtr node);

/* A part's elements are the whole's from its original's start tag on, in
 * the same order: a copy keeps the order of the elements it copies. */
static int build_part(srcpos *p)
{
	const tag_pos *first = tag_of(p->whole, p->original);
	if (!first)
		return -1;
	p->tags = (tag_pos *)first;
	p->ntags = p->whole->ntags - (size_t)(first - p->whole->tags);
	return index_elements(p, p->doc);
}

/* The index is built on the first lookup, that is only for a document
 * that has something to report: scanning the text is wasted on the
 * valid ones, which are nearly all of them in a batch. */
static int build(srcpos *p)
{
	if (p->state)
		return p->state;
	if (p->whole) {
		p->state = build_part(p) != 0 ? -1 : 1;
		return p->state;
	}
	collect k = {.doctype = (size_t)-1};
	scan(p->xml, p->size, on_tag, &k);
	p->tags = k.tags;
	p->ntags = k.n;
	p->state = k.failed || index_elements(p, p->doc) != 0 ? -1 : 1;
	return p->state;
}

void srcpos_free(srcpos *p)
{
	if (!p)
		return;
	if (!p->whole)
		free(p->tags);
	free(p->nodes);
	free(p);
}

static int is_name_char(char ch)
{
	return ch == '-' || ch == '_' || ch == '.' || ch == ':' || (ch >= '0' && ch <= '9') ||
	       (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (unsigned char)ch >= 0x80;
}

/* Finds attribute name (qualified as written) in the start tag at t. */
static int find_attr(const srcpos *p, const tag_pos *t, const char *name, int *line, int *col)
{
	cursor c = {p->xml, p->size, t->off, t->line, t->col};
	size_t len = strlen(name);
	advance(&c);  /* '<' */
	while (c.i < c.n && is_name_char(p->xml[c.i]))
		advance(&c);  /* element name */
	char quote = 0;
	while (c.i < c.n) {
		char ch = p->xml[c.i];
		if (quote) {
			if (ch == quote)
				quote = 0;
			advance(&c);
			continue;
		}
		if (ch == '>' || (ch == '/' && c.i + 1 < c.n && p->xml[c.i + 1] == '>'))
			return -1;
		if (ch == '"' || ch == '\'') {
			quote = ch;
			advance(&c);
			continue;
		}
		if (is_name_char(ch) && !is_name_char(p->xml[c.i - 1])) {
			size_t start = c.i;
			int l = c.line, k = c.col;
			while (c.i < c.n && is_name_char(p->xml[c.i]))
				advance(&c);
			if (c.i - start == len && memcmp(p->xml + start, name, len) == 0) {
				*line = l;
				*col = k;
				return 0;
			}
			continue;
		}
		advance(&c);
	}
	return -1;
}

static const tag_pos *tag_of(srcpos *p, xmlNodePtr node)
{
	if (!p || !node || build(p) != 1)
		return NULL;
	node_index key = {node, 0};
	const node_index *hit = bsearch(&key, p->nodes, p->nnodes, sizeof *p->nodes, compare_nodes);
	return hit ? &p->tags[hit->tag] : NULL;
}

void srcpos_find(srcpos *p, xmlNodePtr node, const char *attr, int *line, int *col)
{
	*line = 0;
	*col = 0;
	if (!node)
		return;
	char qname[256];
	if (node->type == XML_ATTRIBUTE_NODE) {
		xmlAttrPtr a = (xmlAttrPtr)node;
		if (a->ns && a->ns->prefix)
			snprintf(qname, sizeof qname, "%s:%s", (const char *)a->ns->prefix, (const char *)a->name);
		else
			snprintf(qname, sizeof qname, "%s", (const char *)a->name);
		attr = qname;
		node = node->parent;
		if (!node)
			return;
	}
	const tag_pos *t = tag_of(p, node);
	if (t) {
		if (attr && find_attr(p, t, attr, line, col) == 0)
			return;
		*line = t->line;
		*col = t->col;
		return;
	}
	long l = xmlGetLineNo(node);
	*line = l > 0 && l < 1000000000 ? (int)l : 0;
}

void srcpos_line_col(const char *xml, size_t size, size_t off, int *line, int *col)
{
	cursor c = {xml, size, 0, 1, 1};
	if (size >= 3 && memcmp(xml, "\xEF\xBB\xBF", 3) == 0)
		c.i = 3;
	while (c.i < off && c.i < size)
		advance(&c);
	*line = c.line;
	*col = c.col;
}

size_t srcpos_find_doctype(const char *xml, size_t size)
{
	collect k = {.doctype = (size_t)-1, .failed = 1, .only_doctype = 1};
	scan(xml, size, on_tag, &k);
	return k.doctype;
}
