/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_parse.c — safe reading (src/parse.c): each limit on both sides of its
 * boundary, the DOCTYPE refused before its declarations, positions in the
 * source (src/srcpos.c), quoting in messages (src/xmlmsg.c) and the PDF's
 * file name read from the head of a document (src/docname.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docname.h"
#include "parse.h"
#include "srcpos.h"
#include "xmlmsg.h"

#define NS "urn:delib:deliberation:1"

typedef struct buf {
	char *s;
	size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static void repeat(buf *b, const char *s, size_t times)
{
	for (size_t i = 0; i < times; i++)
		puts_(b, s);
}

/* Parses text; returns the document (or NULL) and the first diagnostic's id. */
static xmlDocPtr parse(const char *text, size_t n, diag_list *dl)
{
	memset(dl, 0, sizeof *dl);
	dl->file = "t.xml";
	return parse_xml(text, n, "t.xml", dl);
}

static const char *first_id(const diag_list *dl) { return dl->n ? dl->items[0].id : ""; }

/* Nesting: DELIB_MAX_DEPTH levels pass, one more is refused. */
static void test_depth_boundary(void **state)
{
	(void)state;
	for (int extra = 0; extra <= 1; extra++) {
		buf b = {0};
		int depth = DELIB_MAX_DEPTH + extra;
		puts_(&b, "<deliberation xmlns='" NS "'>");
		repeat(&b, "<a>", (size_t)depth - 1);
		repeat(&b, "</a>", (size_t)depth - 1);
		puts_(&b, "</deliberation>");
		diag_list dl;
		xmlDocPtr doc = parse(b.s, b.n, &dl);
		if (extra == 0) {
			assert_non_null(doc);
			assert_int_equal(dl.n, 0);
		} else {
			assert_null(doc);
			assert_string_equal(first_id(&dl), "xml.limit");
			assert_int_equal(dl.items[0].line, 1);
			/* the start of the <a> that goes one level too deep */
			assert_int_equal(dl.items[0].column, (int)strlen("<deliberation xmlns='" NS "'>") + 1 +
			                                         3 * (DELIB_MAX_DEPTH - 1));
		}
		xmlFreeDoc(doc);
		diag_list_free(&dl);
		free(b.s);
	}
}

static void test_elements_boundary(void **state)
{
	(void)state;
	for (int extra = 0; extra <= 1; extra++) {
		buf b = {0};
		puts_(&b, "<deliberation xmlns='" NS "'>");
		repeat(&b, "<a/>", (size_t)DELIB_MAX_ELEMENTS - 1 + (size_t)extra);
		puts_(&b, "</deliberation>");
		diag_list dl;
		xmlDocPtr doc = parse(b.s, b.n, &dl);
		if (extra == 0)
			assert_non_null(doc);
		else
			assert_string_equal(first_id(&dl), "xml.limit");
		xmlFreeDoc(doc);
		diag_list_free(&dl);
		free(b.s);
	}
}

/* One text node: DELIB_MAX_VALUE bytes pass, one more is refused; the same
 * for an attribute value. */
static void test_value_boundary(void **state)
{
	(void)state;
	for (int attr = 0; attr <= 1; attr++) {
		for (int extra = 0; extra <= 1; extra++) {
			buf b = {0};
			puts_(&b, "<deliberation xmlns='" NS "'>\n<objet");
			puts_(&b, attr ? " titre='" : ">");
			repeat(&b, "x", DELIB_MAX_VALUE + (size_t)extra);
			puts_(&b, attr ? "'/>" : "</objet>");
			puts_(&b, "</deliberation>");
			diag_list dl;
			xmlDocPtr doc = parse(b.s, b.n, &dl);
			if (extra == 0) {
				assert_non_null(doc);
			} else {
				assert_null(doc);
				assert_string_equal(first_id(&dl), "xml.limit");
				assert_int_equal(dl.items[0].line, 2);
			}
			xmlFreeDoc(doc);
			diag_list_free(&dl);
			free(b.s);
		}
	}
}

/* All text together: DELIB_MAX_TEXT bytes pass, more is refused. */
static void test_text_boundary(void **state)
{
	(void)state;
	const size_t piece = 512 * 1024;
	for (int extra = 0; extra <= 1; extra++) {
		buf b = {0};
		puts_(&b, "<deliberation xmlns='" NS "'>");
		for (size_t i = 0; i < DELIB_MAX_TEXT / piece; i++) {
			puts_(&b, "<p>");
			repeat(&b, "y", piece);
			puts_(&b, "</p>");
		}
		if (extra)
			puts_(&b, "<p>z</p>");
		puts_(&b, "</deliberation>");
		diag_list dl;
		xmlDocPtr doc = parse(b.s, b.n, &dl);
		if (extra == 0)
			assert_non_null(doc);
		else
			assert_string_equal(first_id(&dl), "xml.limit");
		xmlFreeDoc(doc);
		diag_list_free(&dl);
		free(b.s);
	}
}

/* The DOCTYPE is refused before its declarations are read: the declared
 * entities never exist, whatever follows. */
static void test_doctype(void **state)
{
	(void)state;
	static const char T[] = "<?xml version='1.0'?>\n\n  <!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>\n"
	                        "<deliberation xmlns='" NS "'>&e;</deliberation>\n";
	diag_list dl;
	xmlDocPtr doc = parse(T, sizeof T - 1, &dl);
	assert_null(doc);
	assert_int_equal(dl.n, 1);
	assert_string_equal(first_id(&dl), "xml.dtd");
	assert_int_equal(dl.items[0].line, 3);
	assert_int_equal(dl.items[0].column, 3);
	diag_list_free(&dl);
}

static void test_size(void **state)
{
	(void)state;
	diag_list dl;
	assert_null(parse("", 0, &dl));
	assert_string_equal(first_id(&dl), "xml.empty");
	diag_list_free(&dl);
	assert_null(parse("<a/>", (size_t)DELIB_MAX_INPUT + 1, &dl));  /* refused before reading */
	assert_string_equal(first_id(&dl), "xml.limit");
	diag_list_free(&dl);
}

/* Positions: the start of an element, an attribute on a later line, UTF-8
 * characters counted once, markup in comments and CDATA skipped. */
static void test_positions(void **state)
{
	(void)state;
	static const char T[] = "<?xml version='1.0' encoding='UTF-8'?>\n"
	                        "<!-- <faux a='1'> -->\n"
	                        "<r xmlns='" NS "'><![CDATA[<pas-un-element/>]]>\n"
	                        "  <é x='>'/><b\n"
	                        "     y=\"2\" z='3'/>\n"
	                        "</r>\n";
	diag_list dl;
	xmlDocPtr doc = parse(T, sizeof T - 1, &dl);
	assert_non_null(doc);
	srcpos *p = srcpos_new(T, sizeof T - 1, doc);
	assert_non_null(p);
	xmlNodePtr r = xmlDocGetRootElement(doc), e = NULL, b = NULL;
	for (xmlNodePtr c = r->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !e)
			e = c;
		else if (c->type == XML_ELEMENT_NODE)
			b = c;
	int line, col;
	srcpos_find(p, r, NULL, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
	srcpos_find(p, e, NULL, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 3);
	srcpos_find(p, b, NULL, &line, &col);  /* after "<é x='>'/>": é is one character */
	assert_int_equal(line, 4);
	assert_int_equal(col, 13);
	srcpos_find(p, b, "z", &line, &col);  /* "     y=\"2\" z" */
	assert_int_equal(line, 5);
	assert_int_equal(col, 12);
	srcpos_find(p, b, "absent", &line, &col);  /* no such attribute: the element */
	assert_int_equal(line, 4);
	srcpos_free(p);
	xmlFreeDoc(doc);
	diag_list_free(&dl);
}

/* A copy of one element in a document of its own (a projet split off a
 * <projets> body) finds its positions in the whole text. */
static void test_positions_part(void **state)
{
	(void)state;
	static const char T[] = "<r xmlns='" NS "'>\n"
	                        "  <p n='1'><q/></p>\n"
	                        "  <p n='2'>\n"
	                        "    <q a='x'/><q b='y'/></p>\n"
	                        "</r>\n";
	diag_list dl;
	xmlDocPtr whole = parse(T, sizeof T - 1, &dl);
	assert_non_null(whole);
	srcpos *p = srcpos_new(T, sizeof T - 1, whole);
	xmlNodePtr second = NULL;
	for (xmlNodePtr c = xmlDocGetRootElement(whole)->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			second = c;
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlDocSetRootElement(doc, xmlDocCopyNode(second, doc, 1));
	srcpos *part = srcpos_new_part(p, second, doc);
	assert_non_null(part);
	xmlNodePtr root = xmlDocGetRootElement(doc), q = root->children;
	while (q->type != XML_ELEMENT_NODE)
		q = q->next;
	int line, col;
	srcpos_find(part, root, "n", &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 6);
	srcpos_find(part, q->next, "b", &line, &col);  /* the second <q> of the copy */
	assert_int_equal(line, 4);
	assert_int_equal(col, 18);
	srcpos_free(part);
	srcpos_free(p);
	xmlFreeDoc(doc);
	xmlFreeDoc(whole);
	diag_list_free(&dl);
}

static void test_quote(void **state)
{
	(void)state;
	char out[64];
	xmlmsg_quote("abc\xff" "d\ne", 100, out, sizeof out);
	assert_string_equal(out, "abc?d e");
	xmlmsg_quote("ééééé", 5, out, sizeof out);  /* cut on a character boundary */
	assert_string_equal(out, "éé…");
	xmlmsg_quote("\xc3", 10, out, sizeof out);  /* truncated sequence */
	assert_string_equal(out, "?");
}

static void expect_name(const char *xml, const char *fallback, const char *expected)
{
	char name[96];
	xml_document_name(xml, strlen(xml), fallback, name, sizeof name);
	assert_string_equal(name, expected);
}

static void test_document_name(void **state)
{
	(void)state;
	expect_name("<?xml version=\"1.0\"?>\n<!-- c -->\n<deliberation xmlns=\"" NS "\" numero=\"2021-10-14-22\"/>",
	            "deliberation", "deliberation-2021-10-14-22.pdf");
	/* The séance of the first deliberation names a convocation or a list. */
	expect_name("<projets xmlns=\"" NS "\"><deliberation numero=\"1\"><collectivite/>"
	            "<seance date=\"2023-03-16\"/></deliberation><deliberation><seance date=\"2023-03-23\"/>"
	            "</deliberation></projets>",
	            "convocation", "convocation-2023-03-16.pdf");
	expect_name("<deliberations xmlns=\"" NS "\"><deliberation><seance date=\"2023-03-16\"/></deliberation>",
	            "liste", "liste-2023-03-16.pdf");
	/* Unsafe bytes of a value become '-' (a header, a file name). */
	expect_name("<deliberation xmlns=\"" NS "\" numero=\"a/b&quot;c é\"/>", "deliberation",
	            "deliberation-a-b-c---.pdf");
	/* Nothing usable: the fallback. */
	expect_name("<deliberation numero=\"1\"/>", "deliberation", "deliberation.pdf"); /* no namespace */
	expect_name("<deliberation xmlns=\"" NS "\" numero=\"\"/>", "deliberation", "deliberation.pdf");
	expect_name("<projets xmlns=\"" NS "\"><deliberation/></projets>", "convocation", "convocation.pdf");
	expect_name("pas du XML", "liste", "liste.pdf");
	expect_name("", "liste", "liste.pdf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth_boundary), cmocka_unit_test(test_elements_boundary),
		cmocka_unit_test(test_value_boundary), cmocka_unit_test(test_text_boundary),
		cmocka_unit_test(test_doctype),        cmocka_unit_test(test_size),
		cmocka_unit_test(test_positions),      cmocka_unit_test(test_positions_part),
		cmocka_unit_test(test_quote),          cmocka_unit_test(test_document_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
