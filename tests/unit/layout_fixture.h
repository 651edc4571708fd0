/* What the layout tests share: fonts, hyphenation and layout.xsd loaded
 * once per test group, and one call that checks a layout document against
 * the schema and paginates it (tests/unit/test_layout.c, test_chart.c). */
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

/* cmocka group setup and teardown. */
int group_setup(void **state);
int group_teardown(void **state);
void print_diags(const diag_list *dl);
/* Parses xml, checks it against layout.xsd, paginates it (cmocka asserts);
 * with TEST_LAYOUT_DUMP set, prints the pages. */
void lay_out(run *r, const char *xml);
void run_free(run *r);
#endif
