/* SPDX-License-Identifier: Apache-2.0 */
#include "page.h"
#include <string.h>

op *page_add_op(arena *a, page *p, op_kind kind)
{
	op *ops = arena_grow(a, p->ops, sizeof *ops, &p->cap, p->nops + 1);
	if (!ops)
		return NULL;
	p->ops = ops;
	op *o = &p->ops[p->nops++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	return o;
}

page *doc_add_page(arena *a, doc_pages *d, float width, float height)
{
	page *pages = arena_grow(a, d->pages, sizeof *pages, &d->cap, d->npages + 1);
	if (!pages)
		return NULL;
	d->pages = pages;
	page *p = &d->pages[d->npages++];
	memset(p, 0, sizeof *p);
	p->width = width;
	p->height = height;
	return p;
}

void doc_add_outline(arena *a, doc_pages *d, int level, const char *title, int page_index, float y)
{
	outline_entry *e = arena_grow(a, d->outline, sizeof *e, &d->outline_cap, d->noutline + 1);
	if (!e)
		return;
	d->outline = e;
	d->outline[d->noutline++] = (outline_entry){level, title, page_index, y};
}

int doc_add_elem(arena *a, doc_pages *d, const char *role, int parent)
{
	struct_elem *e = arena_grow(a, d->elems, sizeof *e, &d->elems_cap, d->nelems + 1);
	if (!e)
		return -1;
	d->elems = e;
	d->elems[d->nelems] = (struct_elem){.role = role, .parent = parent};
	return d->nelems++;
}
