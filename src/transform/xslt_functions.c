/*
 * xslt_functions.c — XPath wrappers around french.h; see xslt_functions.h.
 *
 * Each wrapper: check the argument count, pop the arguments (last first, as
 * XPath pushes them), check their type and value, call the pure C function,
 * push the string. Every failure is reported through the transform context
 * (vreport()), so the message reaches that context's handler with the
 * template's line.
 */
#include "xslt_functions.h"

#include "era.h"
#include "french.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/xsltutils.h>

/* Longest quoted value in a message [bytes]: a node-set argument may carry
 * a whole paragraph, which would drown the message. */
#define QUOTE_MAX 60

/* Reports a message through the transform context: its error handler gets
 * it, prefixed by libxslt with the template's file, line and element. */
static void vreport(xmlXPathParserContextPtr ctxt, const char *fmt, va_list ap)
{
	xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
	char msg[512];

	vsnprintf(msg, sizeof msg, fmt, ap);
	xsltTransformError(tctxt, NULL, tctxt != NULL ? tctxt->inst : NULL,
	    "%s\n", msg);
}

static void report(xmlXPathParserContextPtr ctxt, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ctxt, fmt, ap);
	va_end(ap);
}

/* Reports `fmt` and fails the XPath evaluation with `code`.
 * The code is set directly, not through xmlXPathErr(): that would print a
 * second, vaguer message ("XPath error : Invalid type") through libxml2's
 * thread-wide handler instead of the transform context's. */
static void fail(xmlXPathParserContextPtr ctxt, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ctxt, fmt, ap);
	va_end(ap);
	if (ctxt->error == XPATH_EXPRESSION_OK)
		ctxt->error = code;
}

/* Fails with the bad value quoted: « value » (cut at QUOTE_MAX bytes, on a
 * UTF-8 character boundary, with "…" when cut). */
static void fail_value(xmlXPathParserContextPtr ctxt, const char *fn,
    const char *what, const xmlChar *value, const char *expected)
{
	const char *v = value != NULL ? (const char *)value : "";
	size_t n = strlen(v);
	int cut = n > QUOTE_MAX;

	if (cut) {
		n = QUOTE_MAX;
		while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
			n--;
	}
	fail(ctxt, XPATH_EXPR_ERROR,
	    "fn:%s : %s « %.*s%s » (attendu %s)",
	    fn, what, (int)n, v, cut ? "…" : "", expected);
}

static int check_arity(xmlXPathParserContextPtr ctxt, const char *fn,
    int nargs, int expected)
{
	if (nargs == expected)
		return 0;
	report(ctxt, "fn:%s : %d argument%s attendu%s, %d reçu%s", fn,
	    expected, expected > 1 ? "s" : "", expected > 1 ? "s" : "",
	    nargs, nargs > 1 ? "s" : "");
	/* as libxml2's own functions do; it adds "XPath error : Invalid number
	 * of arguments" on libxml2's handler, after the message authors read */
	xmlXPathSetArityError(ctxt);
	return -1;
}

/* Pops one argument; NULL (error raised) if it is missing or a boolean,
 * which converts to 0/1 or "true"/"false" and is always a template slip. */
static xmlXPathObjectPtr pop_arg(xmlXPathParserContextPtr ctxt,
    const char *fn, int pos)
{
	xmlXPathObjectPtr obj = valuePop(ctxt);

	if (obj == NULL) {
		fail(ctxt, XPATH_STACK_ERROR, "fn:%s : argument %d manquant", fn, pos);
		return NULL;
	}
	switch (obj->type) {
	case XPATH_NUMBER:
	case XPATH_STRING:
	case XPATH_NODESET:
	case XPATH_XSLT_TREE:
		return obj;
	default:
		fail(ctxt, XPATH_INVALID_TYPE,
		    "fn:%s : argument %d de type inattendu (%s), attendu un "
		    "nombre, une chaîne ou un ensemble de nœuds", fn, pos,
		    obj->type == XPATH_BOOLEAN ? "booléen" : "autre");
		xmlXPathFreeObject(obj);
		return NULL;
	}
}

/* Pops a string argument (XPath string() of it); the caller frees it with
 * xmlFree(). NULL with the error raised on failure. */
static xmlChar *pop_string(xmlXPathParserContextPtr ctxt, const char *fn,
    int pos)
{
	xmlXPathObjectPtr obj = pop_arg(ctxt, fn, pos);
	xmlChar *s;

	if (obj == NULL)
		return NULL;
	s = xmlXPathCastToString(obj);
	xmlXPathFreeObject(obj);
	if (s == NULL)
		fail(ctxt, XPATH_MEMORY_ERROR, "fn:%s : mémoire insuffisante", fn);
	return s;
}

/* Pops a number argument (XPath number() of it) into *out; -1 with the
 * error raised on failure. NaN is left to the caller, which knows the
 * wording; *text gets the argument's string value for that message. */
static int pop_number(xmlXPathParserContextPtr ctxt, const char *fn,
    int pos, double *out, xmlChar **text)
{
	xmlXPathObjectPtr obj = pop_arg(ctxt, fn, pos);

	if (obj == NULL)
		return -1;
	*out = xmlXPathCastToNumber(obj);
	*text = xmlXPathCastToString(obj);
	xmlXPathFreeObject(obj);
	if (*text == NULL) {
		fail(ctxt, XPATH_MEMORY_ERROR, "fn:%s : mémoire insuffisante", fn);
		return -1;
	}
	return 0;
}

/* Pops an integer in [lo, hi]; -1 with the error raised otherwise, the
 * message saying `what` was bad and what was `expected`. */
static int pop_long(xmlXPathParserContextPtr ctxt, const char *fn, int pos,
    long lo, long hi, const char *what, const char *expected, long *out)
{
	double v;
	xmlChar *text = NULL;
	int ok;

	if (pop_number(ctxt, fn, pos, &v, &text) != 0)
		return -1;
	/* NaN fails both comparisons; the cast is defined once v is in range */
	ok = v >= (double)lo && v <= (double)hi && v == (double)(long)v;
	if (ok)
		*out = (long)v;
	else
		fail_value(ctxt, fn, what, text, expected);
	xmlFree(text);
	return ok ? 0 : -1;
}

static void push_string(xmlXPathParserContextPtr ctxt, const char *fn,
    const char *s)
{
	xmlXPathObjectPtr obj = xmlXPathNewString((const xmlChar *)s);

	if (obj == NULL || valuePush(ctxt, obj) < 0) {
		xmlXPathFreeObject(obj);
		fail(ctxt, XPATH_MEMORY_ERROR, "fn:%s : mémoire insuffisante", fn);
	}
}

/* ---- one-argument functions -------------------------------------------- */

typedef int (*string_formatter)(const char *in, char *buf, size_t cap);
typedef int (*long_formatter)(long n, char *buf, size_t cap);

/* f(string): the C function's -1 means bad value, its buffer being large
 * enough for any valid one (FRENCH_BUF_SIZE). */
static void call_string(xmlXPathParserContextPtr ctxt, int nargs,
    const char *fn, string_formatter f, const char *what,
    const char *expected)
{
	char buf[FRENCH_BUF_SIZE];
	xmlChar *in;

	if (check_arity(ctxt, fn, nargs, 1) != 0)
		return;
	in = pop_string(ctxt, fn, 1);
	if (in == NULL)
		return;
	if (f((const char *)in, buf, sizeof buf) == 0)
		push_string(ctxt, fn, buf);
	else
		fail_value(ctxt, fn, what, in, expected);
	xmlFree(in);
}

/* f(integer in [lo, hi]) */
static void call_long(xmlXPathParserContextPtr ctxt, int nargs,
    const char *fn, long_formatter f, long lo, long hi, const char *what,
    const char *expected)
{
	char buf[FRENCH_BUF_SIZE];
	long n;

	if (check_arity(ctxt, fn, nargs, 1) != 0)
		return;
	if (pop_long(ctxt, fn, 1, lo, hi, what, expected, &n) != 0)
		return;
	if (f(n, buf, sizeof buf) == 0)
		push_string(ctxt, fn, buf);
	else
		fail(ctxt, XPATH_EXPR_ERROR, "fn:%s : %ld hors limites", fn, n);
}

static void fn_number_words(xmlXPathParserContextPtr ctxt, int nargs)
{
	call_long(ctxt, nargs, "number-words", french_number_words,
	    -FRENCH_NUMBER_MAX, FRENCH_NUMBER_MAX, "nombre invalide",
	    "un entier de -999999999 à 999999999");
}

static void fn_year_words(xmlXPathParserContextPtr ctxt, int nargs)
{
	call_long(ctxt, nargs, "year-words", french_year_words,
	    FRENCH_YEAR_MIN, FRENCH_YEAR_MAX, "année invalide",
	    "un entier de 1 à 9999");
}

static void fn_date_long(xmlXPathParserContextPtr ctxt, int nargs)
{
	call_string(ctxt, nargs, "date-long", french_date_long,
	    "date invalide", "AAAA-MM-JJ");
}

static void fn_day_month(xmlXPathParserContextPtr ctxt, int nargs)
{
	call_string(ctxt, nargs, "day-month", french_day_month,
	    "date invalide", "AAAA-MM-JJ");
}

static void fn_date_short(xmlXPathParserContextPtr ctxt, int nargs)
{
	call_string(ctxt, nargs, "date-short", french_date_short,
	    "date invalide", "AAAA-MM-JJ");
}

static void fn_hour(xmlXPathParserContextPtr ctxt, int nargs)
{
	call_string(ctxt, nargs, "hour", french_hour,
	    "heure invalide", "HH:MM, de 00:00 à 23:59");
}

static void fn_civility(xmlXPathParserContextPtr ctxt, int nargs)
{
	call_string(ctxt, nargs, "civility", french_civility,
	    "civilité invalide", "M. ou Mme");
}

static void fn_format_number(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char FN[] = "format-number";
	char buf[FRENCH_BUF_SIZE];
	xmlChar *text = NULL;
	double v;

	if (check_arity(ctxt, FN, nargs, 1) != 0 ||
	    pop_number(ctxt, FN, 1, &v, &text) != 0)
		return;
	if (french_format_number(v, buf, sizeof buf) == 0)
		push_string(ctxt, FN, buf);
	else
		fail_value(ctxt, FN, "nombre invalide", text,
		    "un nombre de valeur absolue inférieure à 10^15");
	xmlFree(text);
}

/* ---- several arguments ------------------------------------------------- */

/* Bounds of a count given to plural() or vote-wording(): far past any
 * council, far below LONG_MAX on every platform. */
#define COUNT_MAX 999999999L

static void fn_plural(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char FN[] = "plural";
	xmlChar *sing = NULL, *plur = NULL;
	char *buf = NULL;
	size_t cap;
	long n;

	if (check_arity(ctxt, FN, nargs, 3) != 0)
		return;
	plur = pop_string(ctxt, FN, 3);
	if (plur != NULL)
		sing = pop_string(ctxt, FN, 2);
	if (sing == NULL ||
	    pop_long(ctxt, FN, 1, -COUNT_MAX, COUNT_MAX, "nombre invalide",
	        "un entier de -999999999 à 999999999", &n) != 0)
		goto done;
	/* the grouped number fits in 32 bytes, then a space and the noun */
	cap = 32 + strlen((const char *)sing) + strlen((const char *)plur);
	buf = xmlMalloc(cap);
	if (buf == NULL)
		fail(ctxt, XPATH_MEMORY_ERROR, "fn:%s : mémoire insuffisante", FN);
	else if (french_plural(n, (const char *)sing, (const char *)plur, buf, cap) == 0)
		push_string(ctxt, FN, buf);
	else
		fail(ctxt, XPATH_EXPR_ERROR, "fn:%s : %ld hors limites", FN, n);
done:
	xmlFree(buf);
	xmlFree(sing);
	xmlFree(plur);
}

static void fn_vote_wording(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char FN[] = "vote-wording";
	static const char EXPECTED[] = "un entier positif ou nul";
	char buf[FRENCH_BUF_SIZE];
	long pour, contre, abst;

	if (check_arity(ctxt, FN, nargs, 3) != 0 ||
	    pop_long(ctxt, FN, 3, 0, COUNT_MAX, "abstentions invalides",
	        EXPECTED, &abst) != 0 ||
	    pop_long(ctxt, FN, 2, 0, COUNT_MAX, "voix contre invalides",
	        EXPECTED, &contre) != 0 ||
	    pop_long(ctxt, FN, 1, 0, COUNT_MAX, "voix pour invalides",
	        EXPECTED, &pour) != 0)
		return;
	if (french_vote_wording(pour, contre, abst, buf, sizeof buf) == 0)
		push_string(ctxt, FN, buf);
	else
		fail(ctxt, XPATH_EXPR_ERROR, "fn:%s : décompte invalide", FN);
}

/* fn:era(date, aspect[, nature]): the rules in force on the séance date,
 * from the same table as the validator (era.h), so that the wording of the
 * executory block and the rule publicity.era cannot disagree. */
static void fn_era(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char FN[] = "era";
	xmlChar *date = NULL, *aspect = NULL, *nature = NULL;

	if (nargs != 2 && nargs != 3) {
		check_arity(ctxt, FN, nargs, 2);
		return;
	}
	if ((nargs == 3 && (nature = pop_string(ctxt, FN, 3)) == NULL) ||
	    (aspect = pop_string(ctxt, FN, 2)) == NULL ||
	    (date = pop_string(ctxt, FN, 1)) == NULL)
		goto done;
	const era *e = era_at((const char *)date);
	const char *v = e != NULL ? era_value(e, (const char *)aspect, (const char *)nature) : NULL;
	if (e == NULL)
		fail_value(ctxt, FN, "date invalide", date, "une date AAAA-MM-JJ");
	else if (v == NULL)
		fail_value(ctxt, FN, "aspect inconnu", aspect,
		    "id, quorum, pouvoirs, publicite ou reference");
	else
		push_string(ctxt, FN, v);
done:
	xmlFree(date);
	xmlFree(aspect);
	xmlFree(nature);
}

/* ---- registration ------------------------------------------------------ */

static const struct {
	const char *name;
	xmlXPathFunction func;
} FUNCTIONS[] = {
	{"number-words", fn_number_words},
	{"year-words", fn_year_words},
	{"date-long", fn_date_long},
	{"day-month", fn_day_month},
	{"date-short", fn_date_short},
	{"hour", fn_hour},
	{"civility", fn_civility},
	{"plural", fn_plural},
	{"vote-wording", fn_vote_wording},
	{"format-number", fn_format_number},
	{"era", fn_era},
};

int xslt_functions_register(xsltTransformContextPtr ctxt)
{
	if (ctxt == NULL)
		return -1;
	for (size_t i = 0; i < sizeof FUNCTIONS / sizeof FUNCTIONS[0]; i++) {
		if (xsltRegisterExtFunction(ctxt, (const xmlChar *)FUNCTIONS[i].name,
		        (const xmlChar *)DELIB_FN_NS, FUNCTIONS[i].func) != 0)
			return -1;
	}
	return 0;
}
