/* SPDX-License-Identifier: Apache-2.0 */
#define _XOPEN_SOURCE 700  /* realpath */
#include "layout_fixture.h"
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>

#include "dump.h"
#include "parse.h"

#ifndef DELIB_SOURCE_DIR
#define DELIB_SOURCE_DIR "."
#endif
#define HYPHEN_FR "/usr/share/hyphen/hyph_fr.dic"

shared S;

static const char *data_dir(void)
{
	static char absolute[4096];  /* fontconfig wants an absolute path */
	const char *d = getenv("DELIB_DATADIR");
	if (!realpath(d && *d ? d : DELIB_SOURCE_DIR, absolute))
		return d && *d ? d : DELIB_SOURCE_DIR;
	return absolute;
}

int fixture_load(void)
{
	char path[4096];
	diag_list dl = {0};
	snprintf(path, sizeof path, "%s/fonts/fonts.conf", data_dir());
	S.fonts = font_lib_new(path, &dl);
	diag_list_free(&dl);
	const char *hy = getenv("DELIB_HYPHEN_DIC");
	S.hy = hyph_new(hy ? hy : HYPHEN_FR);
	snprintf(path, sizeof path, "%s/schema/layout.xsd", data_dir());
	S.schema = parse_load_schema(path);
	if (!S.fonts || !S.hy || !S.schema) {
		fprintf(stderr, "layout tests: cannot load fonts (%s), hyphenation (%s) or schema (%s) from %s\n",
		        S.fonts ? "ok" : "missing", S.hy ? "ok" : "missing", S.schema ? "ok" : "missing", data_dir());
		return -1;
	}
	return 0;
}

void fixture_unload(void)
{
	font_lib_free(S.fonts);
	hyph_free(S.hy);
	xmlSchemaFree(S.schema);
	S = (shared){0};
}

int group_setup(void **state)
{
	(void)state;
	return fixture_load();
}

int group_teardown(void **state)
{
	(void)state;
	fixture_unload();
	return 0;
}

void print_diags(const diag_list *dl)
{
	for (int i = 0; i < dl->n; i++)
		fprintf(stderr, "  diag %s line %d: %s\n", dl->items[i].id, dl->items[i].line, dl->items[i].message);
}

int lay_out_doc(run *r, const char *xml, size_t len, const char *name, const char *resource_dir)
{
	memset(r, 0, sizeof *r);
	arena_init(&r->mem);
	r->diags.file = name;
	if (len > INT_MAX || !(r->doc = xmlReadMemory(xml, (int)len, name, NULL, XML_PARSE_NONET))) {
		fprintf(stderr, "%s: not well-formed XML\n", name);
		return -1;
	}
	diag_list vd = {.file = name};
	int valid = parse_validate(S.schema, r->doc, D_XML_SCHEMA, &vd);
	if (valid != 0) {
		fprintf(stderr, "%s: not valid against layout.xsd:\n", name);
		print_diags(&vd);
	}
	diag_list_free(&vd);
	if (valid != 0)
		return -1;
	r->lc = (layout_ctx){.mem = &r->mem, .fonts = S.fonts, .hyph = S.hy, .diags = &r->diags, .doc = r->doc,
	                     .resource_dir = resource_dir};
	if (layout_ctx_start(&r->lc) != 0 || paginate_document(&r->lc, xmlDocGetRootElement(r->doc), &r->pages) != 0) {
		fprintf(stderr, "%s: layout failed:\n", name);
		print_diags(&r->diags);
		return -1;
	}
	return 0;
}

void lay_out(run *r, const char *xml)
{
	assert_int_equal(lay_out_doc(r, xml, strlen(xml), "test.xml", NULL), 0);
	assert_true(r->pages.npages >= 1);
	if (getenv("TEST_LAYOUT_DUMP")) { /* debugging: the pages as text */
		char *d = dump_pages(&r->pages, S.fonts);
		fprintf(stderr, "%s", d ? d : "(no dump)\n");
		free(d);
	}
}

void run_free(run *r)
{
	arena_free(&r->mem);
	diag_list_free(&r->diags);
	xmlFreeDoc(r->doc);
}
