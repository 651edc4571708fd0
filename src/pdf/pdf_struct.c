/* SPDX-License-Identifier: Apache-2.0 */
/* The structure tree of a tagged PDF (ISO 32000-1, 14.7 and 14.8). Pages
 * are written first: each run of one element's ops becomes a marked
 * content sequence with an MCID (render_pdf.c asks pdf_struct_mcid); the
 * tree is written at the end, when every element's marked content is
 * known. Elements that received nothing (an empty paragraph) are left out,
 * except the rows and cells of a table that has content, whose grid a
 * reader needs whole. */
#include "pdf_struct.h"
#include "pdf_check.h"
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>

typedef struct mark {
	int page, mcid, elem;
} mark;

typedef struct annot_ref {
	int elem, page;
	HPDF_Dict annot;
} annot_ref;

struct pdf_struct {
	const doc_pages *doc;
	mark *marks;
	int nmarks, cap_marks;
	int page, next_mcid;   /* the page being written and its next MCID */
	annot_ref *annots;
	int nannots, cap_annots;
};

pdf_struct *pdf_struct_new(const doc_pages *doc)
{
	if (!doc->nelems)
		return NULL;
	pdf_struct *s = calloc(1, sizeof *s);
	if (s)
		s->doc = doc;
	return s;
}

void pdf_struct_free(pdf_struct *s)
{
	if (!s)
		return;
	free(s->marks);
	free(s->annots);
	free(s);
}

static int grow(void **arr, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return 0;
	int n = *cap ? *cap * 2 : 256;
	void *grown = realloc(*arr, (size_t)n * size);
	if (!grown)
		return -1;
	*arr = grown;
	*cap = n;
	return 0;
}

int pdf_struct_mcid(pdf_struct *s, int page_index, int elem)
{
	if (page_index != s->page) {
		s->page = page_index;
		s->next_mcid = 0;
	}
	if (grow((void **)&s->marks, &s->cap_marks, s->nmarks + 1, sizeof *s->marks) != 0)
		return -1;
	s->marks[s->nmarks++] = (mark){page_index, s->next_mcid, elem};
	return s->next_mcid++;
}

const char *pdf_struct_role(const pdf_struct *s, int elem) { return s->doc->elems[elem].role; }

int pdf_struct_annot(pdf_struct *s, int elem, HPDF_Dict annot, int page_index)
{
	if (grow((void **)&s->annots, &s->cap_annots, s->nannots + 1, sizeof *s->annots) != 0)
		return -1;
	s->annots[s->nannots++] = (annot_ref){elem, page_index, annot};
	return 0;
}

static int is_cell_or_row(const char *role)
{
	return strcmp(role, "TR") == 0 || strcmp(role, "TH") == 0 || strcmp(role, "TD") == 0;
}

/* Which elements are written: those with content of their own or below
 * them, and the rows and cells of a written table. */
static char *kept_elements(const pdf_struct *s)
{
	int n = s->doc->nelems;
	char *keep = calloc((size_t)n, 1);
	if (!keep)
		return NULL;
	for (int i = 0; i < s->nmarks; i++)
		keep[s->marks[i].elem] = 1;
	for (int i = 0; i < s->nannots; i++)
		keep[s->annots[i].elem] = 1;
	for (int i = n - 1; i > 0; i--)
		if (keep[i] && s->doc->elems[i].parent >= 0)
			keep[s->doc->elems[i].parent] = 1;
	for (int i = 1; i < n; i++) {
		const struct_elem *e = &s->doc->elems[i];
		if (!keep[i] && e->parent >= 0 && keep[e->parent] && is_cell_or_row(e->role))
			keep[i] = 1;
	}
	keep[0] = 1;
	return keep;
}

/* /A: a header cell's scope, a cell's spans. */
static HPDF_STATUS add_attributes(HPDF_MMgr mmgr, HPDF_Dict d, const struct_elem *e)
{
	int th = strcmp(e->role, "TH") == 0;
	if (!th && e->rowspan <= 1 && e->colspan <= 1)
		return HPDF_OK;
	HPDF_Dict a = HPDF_Dict_New(mmgr);
	if (!a)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Dict_AddName(a, "O", "Table");
	if (th)
		HPDF_Dict_AddName(a, "Scope", e->scope == 2 ? "Row" : "Column");
	if (e->rowspan > 1)
		HPDF_Dict_AddNumber(a, "RowSpan", e->rowspan);
	if (e->colspan > 1)
		HPDF_Dict_AddNumber(a, "ColSpan", e->colspan);
	return HPDF_Dict_Add(d, "A", a);
}

static HPDF_Dict new_element(HPDF_Doc pdf, const struct_elem *e)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	HPDF_Array k = HPDF_Array_New(pdf->mmgr);
	if (!d || !k || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	/* No /Type: optional for a structure element (ISO 32000-1, table 323),
	 * and 17 bytes of each of the sample's 788 elements. */
	HPDF_Dict_AddName(d, "S", e->role);
	if (HPDF_Dict_Add(d, "K", k) != HPDF_OK || add_attributes(pdf->mmgr, d, e) != HPDF_OK)
		return NULL;
	if (e->alt) {
		HPDF_Binary alt = pdf_text_string(pdf->mmgr, e->alt);
		if (!alt || HPDF_Dict_Add(d, "Alt", alt) != HPDF_OK)
			return NULL;
	}
	return d;
}

/* A marked-content reference: the bare MCID on the element's own page
 * (/Pg), a dictionary naming the page elsewhere. */
static HPDF_STATUS add_mcr(HPDF_Doc pdf, HPDF_Array k, int own_page, const mark *m, const HPDF_Page *pages)
{
	if (m->page == own_page)
		return HPDF_Array_AddNumber(k, m->mcid);
	HPDF_Dict mcr = HPDF_Dict_New(pdf->mmgr);
	if (!mcr)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Dict_AddName(mcr, "Type", "MCR");
	HPDF_Dict_Add(mcr, "Pg", pages[m->page]);
	HPDF_Dict_AddNumber(mcr, "MCID", m->mcid);
	return HPDF_Array_Add(k, mcr);
}

/* The widget as the Form element's content (/OBJR), its /StructParent
 * and its description (/TU) for readers. */
static HPDF_STATUS add_objr(HPDF_Doc pdf, HPDF_Dict elem, const struct_elem *e, const annot_ref *a, int key,
                            const HPDF_Page *pages)
{
	HPDF_Dict objr = HPDF_Dict_New(pdf->mmgr);
	if (!objr)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Dict_AddName(objr, "Type", "OBJR");
	HPDF_Dict_Add(objr, "Pg", pages[a->page]);
	HPDF_Dict_Add(objr, "Obj", a->annot);
	HPDF_Dict_AddNumber(a->annot, "StructParent", key);
	if (e->alt) {
		HPDF_Binary tu = pdf_text_string(pdf->mmgr, e->alt);
		if (!tu || HPDF_Dict_Add(a->annot, "TU", tu) != HPDF_OK)
			return HPDF_FAILD_TO_ALLOC_MEM;
	}
	HPDF_Dict_Add(elem, "Pg", pages[a->page]);
	return HPDF_Array_Add(HPDF_Dict_GetItem(elem, "K", HPDF_OCLASS_ARRAY), objr);
}

/* Each element's content, in page order: MCIDs, then the annotation. */
static HPDF_STATUS add_contents(pdf_struct *s, HPDF_Doc pdf, HPDF_Dict *dicts, const HPDF_Page *pages, int npages)
{
	int n = s->doc->nelems;
	int *own_page = malloc(sizeof *own_page * (size_t)n);
	if (!own_page)
		return HPDF_FAILD_TO_ALLOC_MEM;
	for (int i = 0; i < n; i++)
		own_page[i] = -1;
	HPDF_STATUS st = HPDF_OK;
	for (int i = 0; i < s->nmarks && st == HPDF_OK; i++) {
		const mark *m = &s->marks[i];
		HPDF_Dict d = dicts[m->elem];
		if (own_page[m->elem] < 0) {
			own_page[m->elem] = m->page;
			st = HPDF_Dict_Add(d, "Pg", pages[m->page]);
		}
		if (st == HPDF_OK)
			st = add_mcr(pdf, HPDF_Dict_GetItem(d, "K", HPDF_OCLASS_ARRAY), own_page[m->elem], m, pages);
	}
	for (int i = 0; i < s->nannots && st == HPDF_OK; i++)
		st = add_objr(pdf, dicts[s->annots[i].elem], &s->doc->elems[s->annots[i].elem], &s->annots[i], npages + i,
		              pages);
	free(own_page);
	return st;
}

/* The number tree from each page's StructParents (and each annotation's
 * StructParent) to the elements of its marked content, MCID by MCID. */
static HPDF_Dict parent_tree(pdf_struct *s, HPDF_Doc pdf, HPDF_Dict *dicts, int npages)
{
	HPDF_Dict tree = HPDF_Dict_New(pdf->mmgr);
	HPDF_Array nums = HPDF_Array_New(pdf->mmgr);
	if (!tree || !nums || HPDF_Xref_Add(pdf->xref, tree) != HPDF_OK || HPDF_Dict_Add(tree, "Nums", nums) != HPDF_OK)
		return NULL;
	int at = 0;
	for (int p = 0; p < npages; p++) {
		HPDF_Array refs = HPDF_Array_New(pdf->mmgr);
		if (!refs)
			return NULL;
		for (; at < s->nmarks && s->marks[at].page == p; at++)
			HPDF_Array_Add(refs, dicts[s->marks[at].elem]);
		HPDF_Array_AddNumber(nums, p);
		if (HPDF_Array_Add(nums, refs) != HPDF_OK)
			return NULL;
	}
	for (int i = 0; i < s->nannots; i++) {
		HPDF_Array_AddNumber(nums, npages + i);
		if (HPDF_Array_Add(nums, dicts[s->annots[i].elem]) != HPDF_OK)
			return NULL;
	}
	return tree;
}

static HPDF_STATUS declare_tagged(HPDF_Doc pdf, HPDF_Dict root, const HPDF_Page *pages, int npages)
{
	HPDF_Dict mark_info = HPDF_Dict_New(pdf->mmgr), prefs = HPDF_Dict_New(pdf->mmgr);
	if (!mark_info || !prefs)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Dict_Add(mark_info, "Marked", HPDF_Boolean_New(pdf->mmgr, HPDF_TRUE));
	HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(pdf->mmgr, HPDF_TRUE));
	HPDF_STATUS st = HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark_info);
	if (st == HPDF_OK)
		st = HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs);
	if (st == HPDF_OK)
		st = HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
	for (int p = 0; p < npages && st == HPDF_OK; p++) {
		HPDF_Dict_AddNumber(pages[p], "StructParents", p);
		st = HPDF_Dict_AddName(pages[p], "Tabs", "S");  /* tab order: the structure's */
	}
	return st;
}

HPDF_STATUS pdf_struct_write(pdf_struct *s, HPDF_Doc pdf, const HPDF_Page *pages, int npages)
{
	int n = s->doc->nelems;
	char *keep = kept_elements(s);
	HPDF_Dict *dicts = calloc((size_t)n, sizeof *dicts);
	HPDF_Dict root = HPDF_Dict_New(pdf->mmgr);
	HPDF_STATUS st = keep && dicts && root ? HPDF_Xref_Add(pdf->xref, root) : HPDF_FAILD_TO_ALLOC_MEM;
	for (int i = 0; i < n && st == HPDF_OK; i++)
		if (keep[i] && !(dicts[i] = new_element(pdf, &s->doc->elems[i])))
			st = HPDF_FAILD_TO_ALLOC_MEM;
	if (st == HPDF_OK)
		st = add_contents(s, pdf, dicts, pages, npages);
	/* Children after the element's own content, in reading order. */
	for (int i = 0; i < n && st == HPDF_OK; i++) {
		if (!keep[i])
			continue;
		int parent = s->doc->elems[i].parent;
		st = HPDF_Dict_Add(dicts[i], "P", parent < 0 ? root : dicts[parent]);
		if (st == HPDF_OK && parent >= 0)
			st = HPDF_Array_Add(HPDF_Dict_GetItem(dicts[parent], "K", HPDF_OCLASS_ARRAY), dicts[i]);
	}
	HPDF_Dict tree = st == HPDF_OK ? parent_tree(s, pdf, dicts, npages) : NULL;
	if (st == HPDF_OK && !tree)
		st = HPDF_FAILD_TO_ALLOC_MEM;
	if (st == HPDF_OK) {
		HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
		HPDF_Dict_Add(root, "K", dicts[0]);
		HPDF_Dict_Add(root, "ParentTree", tree);
		HPDF_Dict_AddNumber(root, "ParentTreeNextKey", npages + s->nannots);
		st = declare_tagged(pdf, root, pages, npages);
	}
	free(keep);
	free(dicts);
	return st;
}
