/* SPDX-License-Identifier: Apache-2.0 */
/* Tagged PDF: the structure tree of page.h's struct_elem written as PDF
 * objects (StructTreeRoot, its elements, the ParentTree), the marked
 * content identifiers the page streams use, and what a tagged document
 * declares in its catalog (MarkInfo, ViewerPreferences) and pages
 * (StructParents, Tabs). Part of the PDF backend with render_pdf.c. */
#ifndef DELIB_PDF_STRUCT_H
#define DELIB_PDF_STRUCT_H
#include <hpdf.h>
#include "page.h"

typedef struct pdf_struct pdf_struct;

/* NULL when the document has no structure (nothing to tag) or memory ran out. */
pdf_struct *pdf_struct_new(const doc_pages *doc);
void pdf_struct_free(pdf_struct *s);
/* The next marked-content identifier of page `page` (0-based, pages in
 * order), given to element elem; -1 out of memory. */
int pdf_struct_mcid(pdf_struct *s, int page_index, int elem);
/* The element's role, the tag its marked content is written with. */
const char *pdf_struct_role(const pdf_struct *s, int elem);
/* An annotation (the signature widget) that is element elem's content. */
int pdf_struct_annot(pdf_struct *s, int elem, HPDF_Dict annot, int page_index);
/* Writes the tree, the parent tree and the catalog's and pages' entries. */
HPDF_STATUS pdf_struct_write(pdf_struct *s, HPDF_Doc pdf, const HPDF_Page *pages, int npages);
#endif
