/* SPDX-License-Identifier: Apache-2.0 */
/* Structure elements for tagged PDF. Elements are numbered in the order
 * blocks are laid out, which is the reading order, a parent before its
 * children. Ops start as artefacts (tag 0); closing an element gives it
 * the content ops of its items that an inner element has not claimed, so
 * that borders, backgrounds and rules (never content) and everything a
 * running header draws (laid out with no tree) stay artefacts. */
#include "layout_struct.h"
#include <stdio.h>
#include <string.h>

static const char *heading_role(int level)
{
	static const char *const roles[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
	return roles[level < 1 ? 0 : level > 6 ? 5 : level - 1];
}

/* The template's role attribute: artifact, h1 … h6, p. */
static const char *declared_role(const char *role)
{
	if (strcmp(role, "artifact") == 0)
		return "artifact";
	if (strcmp(role, "p") == 0)
		return "P";
	if (role[0] == 'h' && role[1] >= '1' && role[1] <= '6' && !role[2])
		return heading_role(role[1] - '0');
	return NULL;
}

static int has_header_rows(xmlNodePtr table)
{
	for (xmlNodePtr c = table->children; c; c = c->next)
		if (is_layout(c, "thead"))
			for (xmlNodePtr r = c->children; r; r = r->next)
				if (is_layout(r, "tr"))
					return 1;
	return 0;
}

const char *struct_role(layout_ctx *lc, xmlNodePtr node)
{
	const char *role = prop_get(lc, node, "role");
	if (role && declared_role(role))
		return declared_role(role);
	if (is_layout(node, "h")) {
		const char *lv = prop_get(lc, node, "level");
		return heading_role(lv ? lv[0] - '0' : 1);
	}
	if (is_layout(node, "p"))
		return "P";
	if (is_layout(node, "list"))
		return "L";
	if (is_layout(node, "table"))  /* without header rows: a layout grid, its cells read in order */
		return has_header_rows(node) ? "Table" : NULL;
	if (is_layout(node, "block"))
		return has_block_children(node) ? NULL : "P";
	if (is_layout(node, "signature-field"))
		return "Form";
	if (is_layout(node, "chart"))
		return "Figure";
	if (is_layout(node, "image"))  /* an image without alternative text is decoration */
		return prop_get(lc, node, "alt") ? "Figure" : "artifact";
	return NULL;
}

struct_scope struct_open(layout_ctx *lc, const char *role)
{
	struct_scope s = {0, lc->struct_parent, lc->tree};
	if (!role || !lc->tree)
		return s;
	if (strcmp(role, "artifact") == 0) {
		s.elem = -1;
		lc->tree = NULL;  /* nothing inside is an element */
		return s;
	}
	int e = doc_add_elem(lc->mem, lc->tree, role, lc->struct_parent);
	if (e > 0) {
		s.elem = e;
		lc->struct_parent = e;
	}
	return s;
}

static int is_content(op_kind k) { return k == OP_TEXT || k == OP_IMAGE || k == OP_PATH || k == OP_SIGNATURE; }

void struct_stamp(op *ops, int n, int tag)
{
	for (int k = 0; k < n; k++)
		if (ops[k].tag == 0 && is_content(ops[k].kind))
			ops[k].tag = tag;
}

void struct_close(layout_ctx *lc, struct_scope s, item_list *out, int first)
{
	lc->struct_parent = s.parent;
	lc->tree = s.tree;
	if (!s.elem || !out)
		return;
	for (int i = first; i < out->n; i++)
		struct_stamp(out->items[i].ops, out->items[i].nops, s.elem);
}

struct_elem *struct_elem_of(layout_ctx *lc, struct_scope s)
{
	return s.elem > 0 && lc->tree ? &lc->tree->elems[s.elem] : NULL;
}
