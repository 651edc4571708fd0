/* SPDX-License-Identifier: Apache-2.0 */
/* What the layout tests share: fonts, hyphenation and layout.xsd loaded
 * once per test group, and one call that checks a layout document against
 * the schema and paginates it (tests/unit/test_layout.c, test_chart.c, and
 * without cmocka the golden corpus's tests/corpus/layout/layout_dump.c). */
#ifndef DELIB_LAYOUT_FIXTURE_H
#define DELIB_LAYOUT_FIXTURE_H
#include <libxml/xmlschemas.h>
#include "arena.h"
#include "diag.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "paginate.h"
#include "page.h"

typedef struct shared {
	font_lib *fonts;
	hyph *hy;
	xmlSchemaPtr schema;
} shared;

extern shared S;

/* One layout run: everything it allocates, freed by run_free(). */
typedef struct run {
	arena mem;
	diag_list diags;
	xmlDocPtr doc;
	layout_ctx lc;
	doc_pages pages;
} run;

/* Loads S from DELIB_DATADIR (else the source folder): 0, or -1 with the
 * reason on stderr. fixture_unload() frees it. */
int fixture_load(void);
void fixture_unload(void);
/* cmocka group setup and teardown: fixture_load() and fixture_unload(). */
int group_setup(void **state);
int group_teardown(void **state);
void print_diags(const diag_list *dl);
/* Parses xml (len bytes; `name` is the file name its diagnostics carry, not
 * copied), checks it against layout.xsd and paginates it, images resolved in
 * resource_dir (NULL: none). Returns 0 when laid out, else -1 with the reason
 * on stderr. Either way r is then freed with run_free(). No cmocka. */
int lay_out_doc(run *r, const char *xml, size_t len, const char *name, const char *resource_dir);
/* lay_out_doc() for unit tests: cmocka asserts it laid out at least one
 * page; with TEST_LAYOUT_DUMP set, prints the pages. */
void lay_out(run *r, const char *xml);
void run_free(run *r);
#endif
