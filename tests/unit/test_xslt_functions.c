/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_xslt_functions.c — the fn: extension functions seen from a template:
 * small in-memory stylesheets run through libxslt on one transform context
 * each, output compared as text, errors captured per context.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

#include <cmocka.h>

#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "xslt_functions.h"

/* U+202F NARROW NO-BREAK SPACE */
#define NN "\xE2\x80\xAF"

/* The source document: the figures of the seed deliberation 2021-10-14-22
 * and a few wrong values for the error cases. */
static const char INPUT[] =
	"<deliberation xmlns='urn:delib:deliberation:1' numero='2021-10-14-22'>\n"
	"  <seance date='2021-10-14' heure='18:30' convocation='2021-10-08'/>\n"
	"  <conseiller id='jmoyse' civilite='M.' prenom='Joachim' nom='Moyse' fonction='Maire'/>\n"
	"  <conseiller id='arravache' civilite='Mme' prenom='Anne-Emilie' nom='Ravache'/>\n"
	"  <conseillers en-exercice='35'/>\n"
	"  <vote pour='34' contre='0' abstentions='0'/>\n"
	"  <executoire reception-prefecture='2021-10-15'/>\n"
	"  <faux date='2021-13-01' heure='24:00' nombre='trente'/>\n"
	"</deliberation>\n";

#define XSL_HEAD \
	"<?xml version='1.0' encoding='UTF-8'?>\n" \
	"<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'\n" \
	"    xmlns:fn='urn:delib:fn' xmlns:d='urn:delib:deliberation:1'\n" \
	"    exclude-result-prefixes='fn d'>\n" \
	"<xsl:output method='text' encoding='UTF-8'/>\n" \
	"<xsl:template match='/d:deliberation'>\n"
#define XSL_TAIL "</xsl:template>\n</xsl:stylesheet>\n"
/* The line of the first instruction after XSL_HEAD, for error positions. */
#define XSL_FIRST_LINE 7

/* ---- running a transform ----------------------------------------------- */

/* Messages of one transform context (or of libxml2's thread-wide handler,
 * where libxml2 reports XPath errors itself). */
struct errors {
	char text[4096];
	size_t len;
};

static void on_error(void *ctx, const char *msg, ...)
{
	struct errors *e = ctx;
	va_list ap;
	int n;

	if (e->len >= sizeof e->text - 1)
		return;
	va_start(ap, msg);
	n = vsnprintf(e->text + e->len, sizeof e->text - e->len, msg, ap);
	va_end(ap);
	if (n > 0)
		e->len += (size_t)n;
	if (e->len > sizeof e->text - 1)
		e->len = sizeof e->text - 1;
}

static xsltStylesheetPtr parse_xsl(const char *xsl)
{
	xmlDocPtr doc = xmlReadMemory(xsl, (int)strlen(xsl), "test.xsl", NULL, 0);
	xsltStylesheetPtr style;

	assert_non_null(doc);
	style = xsltParseStylesheetDoc(doc); /* owns doc from here */
	assert_non_null(style);
	return style;
}

/* Applies `style` to INPUT on a new context (with the fn: functions when
 * `with_fn`). Returns the text output, to xmlFree(), or NULL when the
 * transform failed; every message lands in *err. No cmocka assertion here:
 * the thread test calls it off the main thread. */
static xmlChar *apply(xsltStylesheetPtr style, int with_fn, struct errors *err)
{
	xmlDocPtr in = xmlReadMemory(INPUT, (int)sizeof INPUT - 1, "input.xml", NULL, 0);
	xsltTransformContextPtr ctxt = in != NULL ? xsltNewTransformContext(style, in) : NULL;
	xmlDocPtr res = NULL;
	xmlChar *out = NULL;
	int len = 0;

	if (ctxt == NULL)
		on_error(err, "test: cannot set up the transform\n");
	else {
		xsltSetTransformErrorFunc(ctxt, err, on_error);
		if (with_fn && xslt_functions_register(ctxt) != 0)
			on_error(err, "test: xslt_functions_register failed\n");
		else
			res = xsltApplyStylesheetUser(style, in, NULL, NULL, NULL, ctxt);
	}
	if (res != NULL && ctxt->state == XSLT_STATE_OK &&
	    xsltSaveResultToString(&out, &len, res, style) == 0 && out == NULL)
		out = xmlStrdup((const xmlChar *)""); /* empty output is saved as NULL */
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctxt);
	xmlFreeDoc(in);
	return out;
}

/* Runs a template whose body is `body`; returns the output or NULL. */
static xmlChar *run_body(const char *body, struct errors *err)
{
	char xsl[4096];
	xsltStylesheetPtr style;
	xmlChar *out;

	snprintf(xsl, sizeof xsl, "%s%s\n%s", XSL_HEAD, body, XSL_TAIL);
	style = parse_xsl(xsl);
	/* libxml2 reports some XPath errors (arity, unknown function) through
	 * its own per-thread handler: catch them with the rest */
	xmlSetGenericErrorFunc(err, on_error);
	out = apply(style, 1, err);
	xmlSetGenericErrorFunc(NULL, NULL);
	xsltFreeStylesheet(style);
	return out;
}

/* Runs <xsl:value-of select="expr"/>. */
static xmlChar *run_expr(const char *expr, struct errors *err)
{
	char body[1024];

	snprintf(body, sizeof body, "<xsl:value-of select=\"%s\"/>", expr);
	return run_body(body, err);
}

/* ---- each function ----------------------------------------------------- */

static const struct {
	const char *expr, *text;
} CASES[] = {
	/* number-words: number, string, attribute (node-set) arguments */
	{"fn:number-words(0)", "zéro"},
	{"fn:number-words(21)", "vingt et un"},
	{"fn:number-words(71)", "soixante et onze"},
	{"fn:number-words(80)", "quatre-vingts"},
	{"fn:number-words(81)", "quatre-vingt-un"},
	{"fn:number-words(200)", "deux cents"},
	{"fn:number-words(201)", "deux cent un"},
	{"fn:number-words(-42)", "moins quarante-deux"},
	{"fn:number-words(2000000)", "deux millions"},
	{"fn:number-words('35')", "trente-cinq"},
	{"fn:number-words(d:conseillers/@en-exercice)", "trente-cinq"},
	{"fn:number-words(d:vote/@pour)", "trente-quatre"},
	{"fn:number-words(30 + 1)", "trente et un"},
	/* year-words */
	{"fn:year-words(2021)", "deux mille vingt et un"},
	{"fn:year-words(1999)", "mille neuf cent quatre-vingt-dix-neuf"},
	{"fn:year-words(substring(d:seance/@date, 1, 4))", "deux mille vingt et un"},
	/* dates */
	{"fn:date-long(d:seance/@date)", "14 octobre 2021"},
	{"fn:date-long('2021-10-01')", "1er octobre 2021"},
	{"fn:date-long('2020-02-29')", "29 février 2020"},
	{"fn:date-long(d:seance/@convocation)", "8 octobre 2021"},
	{"fn:day-month(d:seance/@date)", "14 octobre"},
	{"fn:day-month('2021-10-01')", "1er octobre"},
	{"fn:date-short(d:executoire/@reception-prefecture)", "15/10/2021"},
	{"fn:date-short('2021-01-01')", "01/01/2021"},
	/* hour */
	{"fn:hour(d:seance/@heure)", "18h30"},
	{"fn:hour('09:00')", "9h00"},
	{"fn:hour('00:00')", "0h00"},
	{"fn:hour('23:59')", "23h59"},
	/* civility */
	{"fn:civility(d:conseiller[1]/@civilite)", "Monsieur"},
	{"fn:civility(d:conseiller[2]/@civilite)", "Madame"},
	{"fn:civility('Mme')", "Madame"},
	/* plural */
	{"fn:plural(d:vote/@pour, 'vote', 'votes')", "34 votes"},
	{"fn:plural(1, 'vote', 'votes')", "1 vote"},
	{"fn:plural(0, 'vote', 'votes')", "0 vote"},
	{"fn:plural(d:vote/@contre, 'voix contre', 'voix contre')", "0 voix contre"},
	{"fn:plural(2, 'conseiller présent', 'conseillers présents')", "2 conseillers présents"},
	{"fn:plural(1247, 'vote', 'votes')", "1" NN "247 votes"},
	/* vote-wording */
	{"fn:vote-wording(d:vote/@pour, d:vote/@contre, d:vote/@abstentions)", "à l'unanimité"},
	{"fn:vote-wording(30, 0, 4)", "à l'unanimité des suffrages exprimés"},
	{"fn:vote-wording(30, 2, 2)", "à la majorité"},
	{"fn:vote-wording('20', '14', '0')", "à la majorité"},
	/* format-number */
	{"fn:format-number(20574)", "20" NN "574"},
	{"fn:format-number(2.5)", "2,5"},
	{"fn:format-number('1234.56')", "1" NN "234,56"},
	{"fn:format-number(-1234.5)", "-1" NN "234,5"},
	{"fn:format-number(0)", "0"},
	/* composition with XPath */
	{"concat(fn:civility('M.'), ' ', d:conseiller[1]/@prenom)", "Monsieur Joachim"},
	{"string-length(fn:hour('18:30'))", "5"},
};

static void test_each_function(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		struct errors err = {.len = 0};
		xmlChar *out = run_expr(CASES[i].expr, &err);

		if (out == NULL)
			fail_msg("%s failed: %s", CASES[i].expr, err.text);
		if (strcmp((const char *)out, CASES[i].text) != 0)
			fail_msg("%s gave \"%s\", expected \"%s\"", CASES[i].expr,
			    (const char *)out, CASES[i].text);
		assert_int_equal(err.len, 0);
		xmlFree(out);
	}
}

/* A result tree fragment (xsl:variable with content) is a valid argument. */
static void test_rtf_argument(void **state)
{
	struct errors err = {.len = 0};
	xmlChar *out = run_body(
		"<xsl:variable name='h'><xsl:value-of select='d:seance/@heure'/></xsl:variable>"
		"<xsl:value-of select='fn:hour($h)'/>", &err);

	(void)state;
	assert_non_null(out);
	assert_string_equal((const char *)out, "18h30");
	xmlFree(out);
}

/* The seed's opening and vote sentences, built as a template would. */
static void test_seed_sentences(void **state)
{
	static const char BODY[] =
		"<xsl:variable name='s' select='d:seance'/>"
		"<xsl:variable name='p' select='d:conseiller[@id = \"jmoyse\"]'/>"
		"<xsl:text>L'An </xsl:text>"
		"<xsl:value-of select='fn:year-words(substring($s/@date, 1, 4))'/>"
		"<xsl:text>, le </xsl:text><xsl:value-of select='fn:day-month($s/@date)'/>"
		"<xsl:text>, à </xsl:text><xsl:value-of select='fn:hour($s/@heure)'/>"
		"<xsl:text>, sous la présidence de </xsl:text>"
		"<xsl:value-of select='concat(fn:civility($p/@civilite), \" \", $p/@prenom, \" \", $p/@nom, \", \", $p/@fonction)'/>"
		"<xsl:text>. Le Conseil municipal adopte </xsl:text>"
		"<xsl:value-of select='fn:vote-wording(d:vote/@pour, d:vote/@contre, d:vote/@abstentions)'/>"
		"<xsl:text> la délibération, par </xsl:text>"
		"<xsl:value-of select='fn:plural(d:vote/@pour, \"vote\", \"votes\")'/>"
		"<xsl:text> pour. Convocation : </xsl:text>"
		"<xsl:value-of select='fn:date-long(d:seance/@convocation)'/>";
	struct errors err = {.len = 0};
	xmlChar *out;

	(void)state;
	out = run_body(BODY, &err);
	assert_non_null(out);
	assert_string_equal((const char *)out,
		"L'An deux mille vingt et un, le 14 octobre, à 18h30, sous la présidence "
		"de Monsieur Joachim Moyse, Maire. Le Conseil municipal adopte à l'unanimité "
		"la délibération, par 34 votes pour. Convocation : 8 octobre 2021");
	xmlFree(out);
}

/* ---- errors ------------------------------------------------------------ */

static const struct {
	const char *expr, *message;
} BAD[] = {
	{"fn:date-long(d:faux/@date)",
	 "fn:date-long : date invalide « 2021-13-01 » (attendu AAAA-MM-JJ)"},
	{"fn:date-long('2021-02-29')", "fn:date-long : date invalide « 2021-02-29 »"},
	{"fn:date-long(d:absent/@date)", "fn:date-long : date invalide «  »"},
	{"fn:day-month('14/10/2021')", "fn:day-month : date invalide « 14/10/2021 »"},
	{"fn:date-short('2021-10-32')", "fn:date-short : date invalide « 2021-10-32 »"},
	{"fn:hour(d:faux/@heure)", "fn:hour : heure invalide « 24:00 »"},
	{"fn:civility('Mlle')", "fn:civility : civilité invalide « Mlle » (attendu M. ou Mme)"},
	{"fn:number-words(d:faux/@nombre)", "fn:number-words : nombre invalide « trente »"},
	{"fn:number-words(1.5)", "fn:number-words : nombre invalide « 1.5 »"},
	{"fn:number-words(1000000000)", "fn:number-words : nombre invalide « 1000000000 »"},
	{"fn:year-words(0)", "fn:year-words : année invalide « 0 »"},
	{"fn:plural('x', 'vote', 'votes')", "fn:plural : nombre invalide « x »"},
	{"fn:vote-wording(34, -1, 0)", "fn:vote-wording : voix contre invalides « -1 »"},
	{"fn:vote-wording(34, 0, 'a')", "fn:vote-wording : abstentions invalides « a »"},
	{"fn:format-number('vingt')", "fn:format-number : nombre invalide « vingt »"},
	{"fn:format-number(1e15)", "fn:format-number : nombre invalide"},
	{"fn:number-words(true())", "fn:number-words : argument 1 de type inattendu (booléen)"},
	{"fn:plural(1, 'vote')", "fn:plural : 3 arguments attendus, 2 reçus"},
	{"fn:hour()", "fn:hour : 1 argument attendu, 0 reçu"},
	{"fn:hour('18:30', '19:00')", "fn:hour : 1 argument attendu, 2 reçus"},
};

static void test_bad_input(void **state)
{
	char where[64];

	(void)state;
	snprintf(where, sizeof where, "line %d", XSL_FIRST_LINE);
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		struct errors err = {.len = 0};
		xmlChar *out = run_expr(BAD[i].expr, &err);

		if (out != NULL)
			fail_msg("%s did not fail, gave \"%s\"", BAD[i].expr, (const char *)out);
		if (strstr(err.text, BAD[i].message) == NULL)
			fail_msg("%s: message \"%s\" not in:\n%s", BAD[i].expr, BAD[i].message, err.text);
		/* libxslt prefixes the template's file, line and instruction */
		if (strstr(err.text, "test.xsl") == NULL || strstr(err.text, where) == NULL ||
		    strstr(err.text, "value-of") == NULL)
			fail_msg("%s: no template position in:\n%s", BAD[i].expr, err.text);
	}
}

/* A long bad value is quoted cut at 60 bytes, backed off to a character
 * boundary: "a" then 2-byte "é"s puts byte 60 inside an "é". */
static void test_bad_input_long_value(void **state)
{
	struct errors err = {.len = 0};
	xmlChar *out = run_expr("fn:hour('a" "éééééééééééééééééééééééééééééééééééééééé')", &err);

	(void)state;
	assert_null(out);
	if (strstr(err.text, "fn:hour : heure invalide « a"
	        "ééééééééééééééééééééééééééééé… » (attendu HH:MM, de 00:00 à 23:59)") == NULL)
		fail_msg("not cut as expected:\n%s", err.text);
}

/* ---- registration ------------------------------------------------------ */

/* Nothing is registered process-wide: a context without the functions
 * fails on them, beside one that has them. */
static void test_register_per_context(void **state)
{
	xsltStylesheetPtr style = parse_xsl(
		XSL_HEAD "<xsl:value-of select=\"fn:hour('18:30')\"/>\n" XSL_TAIL);
	struct errors err = {.len = 0};
	xmlChar *out;

	(void)state;
	xmlSetGenericErrorFunc(&err, on_error);
	out = apply(style, 0, &err);
	xmlSetGenericErrorFunc(NULL, NULL);
	assert_null(out);
	assert_true(err.len > 0);

	err.len = 0;
	err.text[0] = '\0';
	out = apply(style, 1, &err);
	assert_non_null(out);
	assert_string_equal((const char *)out, "18h30");
	assert_int_equal(err.len, 0);
	xmlFree(out);
	xsltFreeStylesheet(style);
}

static void test_register_errors(void **state)
{
	xsltStylesheetPtr style = parse_xsl(XSL_HEAD XSL_TAIL);
	xmlDocPtr in = xmlReadMemory(INPUT, (int)sizeof INPUT - 1, "input.xml", NULL, 0);
	xsltTransformContextPtr ctxt = xsltNewTransformContext(style, in);

	(void)state;
	assert_int_equal(xslt_functions_register(NULL), -1);
	assert_int_equal(xslt_functions_register(ctxt), 0);
	assert_int_equal(xslt_functions_register(ctxt), -1); /* once per context */
	xsltFreeTransformContext(ctxt);
	xmlFreeDoc(in);
	xsltFreeStylesheet(style);
}

/* ---- threads ----------------------------------------------------------- */

#define THREADS 4
#define RUNS_PER_THREAD 25

struct worker {
	xsltStylesheetPtr style; /* shared: read-only during transforms */
	int failures;
};

/* Transforms on its own contexts and documents; counts wrong outputs. */
static int worker_main(void *arg)
{
	struct worker *w = arg;

	for (int i = 0; i < RUNS_PER_THREAD; i++) {
		struct errors err = {.len = 0};
		xmlChar *out = apply(w->style, 1, &err);

		if (out == NULL || strcmp((const char *)out,
		        "deux mille vingt et un|14 octobre 2021|18h30|34 votes") != 0)
			w->failures++;
		xmlFree(out);
	}
	return 0;
}

static void test_threads(void **state)
{
	xsltStylesheetPtr style = parse_xsl(XSL_HEAD
		"<xsl:value-of select=\"concat(fn:year-words(2021), '|', "
		"fn:date-long(d:seance/@date), '|', fn:hour(d:seance/@heure), '|', "
		"fn:plural(d:vote/@pour, 'vote', 'votes'))\"/>\n" XSL_TAIL);
	struct worker w[THREADS];
	thrd_t t[THREADS];

	(void)state;
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){style, 0};
		assert_int_equal(thrd_create(&t[i], worker_main, &w[i]), thrd_success);
	}
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(thrd_join(t[i], NULL), thrd_success);
		assert_int_equal(w[i].failures, 0);
	}
	xsltFreeStylesheet(style);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_function),
		cmocka_unit_test(test_rtf_argument),
		cmocka_unit_test(test_seed_sentences),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_bad_input_long_value),
		cmocka_unit_test(test_register_per_context),
		cmocka_unit_test(test_register_errors),
		cmocka_unit_test(test_threads),
	};
	int failed;

	xmlInitParser();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return failed;
}
