/* SPDX-License-Identifier: Apache-2.0 */
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

#include "attendance.h"
#include "convocation.h"
#include "era.h"
#include "french.h"
#include "french_vote.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- fn:vote-sentences: the whole vote ---------------------------------- */

/* What fn:vote-sentences reads of the document around one vote element;
 * the strings belong to the tree (attribute values) or to `owned`. */
typedef struct vote_input {
	xmlNodePtr root;
	french_person *members;    /* one per conseiller, in the file's order */
	xmlChar **ids;             /* their ids */
	const char **offices;      /* their @fonction (NULL: none) */
	size_t nmembers;
	french_person *interested;
	french_voter *voters;
	french_vote v;
	xmlChar **owned;           /* every xmlGetNoNsProp() result, freed at the end */
	size_t nowned, capowned;
	int oom;
} vote_input;

static const char *attr(vote_input *in, xmlNodePtr n, const char *name)
{
	xmlChar *v;

	if (n == NULL)
		return NULL;
	v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	if (in->nowned == in->capowned) {
		size_t cap = in->capowned ? 2 * in->capowned : 64;
		xmlChar **a = realloc(in->owned, cap * sizeof *a);
		if (a == NULL) {
			xmlFree(v);
			in->oom = 1;
			return NULL;
		}
		in->owned = a;
		in->capowned = cap;
	}
	in->owned[in->nowned++] = v;
	return (const char *)v;
}

static int named(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrEqual(n->name, (const xmlChar *)name);
}

static xmlNodePtr first_child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent != NULL ? parent->children : NULL; c != NULL; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

static size_t count_named(xmlNodePtr parent, const char *name)
{
	size_t n = 0;

	for (xmlNodePtr c = parent != NULL ? parent->children : NULL; c != NULL; c = c->next)
		n += named(c, name);
	return n;
}

static french_person *member_of(vote_input *in, const char *id)
{
	for (size_t i = 0; id != NULL && i < in->nmembers; i++)
		if (in->ids[i] != NULL && strcmp((const char *)in->ids[i], id) == 0)
			return &in->members[i];
	return NULL;
}

static int is_person(xmlNodePtr c)
{
	return named(c, "conseiller") || named(c, "suppleant");
}

static int index_of(const xmlChar *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; id != NULL && i < n; i++)
		if (ids[i] != NULL && strcmp((const char *)ids[i], id) == 0)
			return (int)i;
	return -1;
}

static int yes_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int yes = v != NULL && xmlStrEqual(v, (const xmlChar *)"oui");
	xmlFree(v);
	return yes;
}

static int index_attr(xmlNodePtr n, const char *name, const xmlChar *const *ids, size_t nids)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int i = index_of(ids, nids, (const char *)v);
	xmlFree(v);
	return i;
}

/* The attendance at the vote (attendance.h) of the persons ids[0, n) from
 * the presences element: the opening's lists, then the arrivals and
 * departures in order. -1 when out of memory. */
static int attendance_of(xmlNodePtr presences, const xmlChar *const *ids, size_t n, att_member *out, att_counts *counts)
{
	size_t nmoves = count_named(presences, "arrivee") + count_named(presences, "depart"), k = 0;
	att_movement *moves = calloc(nmoves ? nmoves : 1, sizeof *moves);
	if (moves == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		out[i] = (att_member){ATT_NONE, -1, 0};
	for (xmlNodePtr c = presences != NULL ? presences->children : NULL; c != NULL; c = c->next) {
		int who = index_attr(c, named(c, "pouvoir") ? "de" : "ref", ids, n);
		if (named(c, "arrivee") || named(c, "depart")) {
			moves[k++] = (att_movement){.member = who, .arrival = named(c, "arrivee"),
			                            .holder = index_attr(c, "pouvoir-a", ids, n),
			                            .remote = yes_attr(c, "a-distance")};
			continue;
		}
		if (who < 0 || out[who].status != ATT_NONE)
			continue;  /* the validator reports it */
		if (named(c, "present"))
			out[who] = (att_member){ATT_PRESENT, -1, yes_attr(c, "a-distance")};
		else if (named(c, "pouvoir"))
			out[who] = (att_member){ATT_PROXY, index_attr(c, "a", ids, n), 0};
		else if (named(c, "excuse"))
			out[who].status = ATT_EXCUSED;
		else if (named(c, "absent"))
			out[who].status = ATT_ABSENT;
	}
	*counts = attendance_at_vote(out, (int)n, moves, (int)k);
	free(moves);
	return 0;
}

static void read_members(vote_input *in)
{
	xmlNodePtr list = first_child(in->root, "conseillers");
	size_t n = count_named(list, "conseiller") + count_named(list, "suppleant");

	in->members = calloc(n ? n : 1, sizeof *in->members);
	in->ids = calloc(n ? n : 1, sizeof *in->ids);
	in->offices = calloc(n ? n : 1, sizeof *in->offices);
	att_member *at = calloc(n ? n : 1, sizeof *at);
	if (in->members == NULL || in->ids == NULL || in->offices == NULL || at == NULL) {
		in->oom = 1;
		free(at);
		return;
	}
	for (xmlNodePtr c = list != NULL ? list->children : NULL; c != NULL; c = c->next) {
		if (!is_person(c))
			continue;
		french_person *p = &in->members[in->nmembers];
		in->offices[in->nmembers] = attr(in, c, "fonction");
		in->ids[in->nmembers++] = (xmlChar *)attr(in, c, "id");
		p->civilite = attr(in, c, "civilite");
		p->prenom = attr(in, c, "prenom");
		p->nom = attr(in, c, "nom");
	}
	/* a represented member votes through the holder of her proxy at the
	 * vote: arrivals and departures counted */
	att_counts counts;
	if (attendance_of(first_child(in->root, "presences"), (const xmlChar *const *)in->ids, in->nmembers, at,
	                  &counts) != 0)
		in->oom = 1;
	for (size_t i = 0; !in->oom && i < in->nmembers; i++)
		if (at[i].status == ATT_PROXY && at[i].holder >= 0)
			in->members[i].holder = &in->members[at[i].holder];
	free(at);
}

/* fn:attendance(presences, aspect): at this deliberation's vote, after
 * the arrivals and departures (attendance.h, the validator's own count):
 * "presents", "distance" (of the present, those at a distance),
 * "representes" or "votants" (present and represented). */
static void fn_attendance(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char FN[] = "attendance";
	xmlChar *aspect = NULL;
	xmlXPathObjectPtr p = NULL;
	xmlChar **ids = NULL;
	att_member *at = NULL;

	if (check_arity(ctxt, FN, nargs, 2) != 0 || (aspect = pop_string(ctxt, FN, 2)) == NULL ||
	    (p = pop_arg(ctxt, FN, 1)) == NULL)
		goto done;
	/* An empty node-set (a projet has no presences) counts nothing. */
	xmlNodePtr presences = p->type == XPATH_NODESET && p->nodesetval != NULL && p->nodesetval->nodeNr > 0
	                               ? p->nodesetval->nodeTab[0] : NULL;
	if (p->type != XPATH_NODESET ||
	    (presences != NULL && (!named(presences, "presences") || presences->doc == NULL))) {
		fail(ctxt, XPATH_INVALID_TYPE, "fn:%s : argument 1 : attendu l'élément « presences »", FN);
		goto done;
	}
	xmlNodePtr list = presences != NULL ? first_child(xmlDocGetRootElement(presences->doc), "conseillers") : NULL;
	size_t n = count_named(list, "conseiller") + count_named(list, "suppleant"), k = 0;
	ids = calloc(n ? n : 1, sizeof *ids);
	at = calloc(n ? n : 1, sizeof *at);
	if (ids == NULL || at == NULL)
		goto oom;
	for (xmlNodePtr c = list != NULL ? list->children : NULL; c != NULL; c = c->next)
		if (is_person(c))
			ids[k++] = xmlGetProp(c, (const xmlChar *)"id");
	att_counts c = {0, 0, 0};
	if (presences != NULL && attendance_of(presences, (const xmlChar *const *)ids, n, at, &c) != 0)
		goto oom;
	const char *a = (const char *)aspect;
	double v = strcmp(a, "presents") == 0 ? c.present : strcmp(a, "distance") == 0 ? c.remote
	         : strcmp(a, "representes") == 0 ? c.represented : strcmp(a, "votants") == 0 ? c.present + c.represented
	         : -1;
	if (v < 0) {
		fail_value(ctxt, FN, "aspect inconnu", aspect, "presents, distance, representes ou votants");
		goto done;
	}
	xmlXPathObjectPtr r = xmlXPathNewFloat(v);
	if (r == NULL || valuePush(ctxt, r) < 0) {
		xmlXPathFreeObject(r);
		goto oom;
	}
	goto done;
oom:
	fail(ctxt, XPATH_MEMORY_ERROR, "fn:%s : mémoire insuffisante", FN);
done:
	for (size_t i = 0; ids != NULL && i < n; i++)
		xmlFree(ids[i]);
	free(ids);
	free(at);
	xmlXPathFreeObject(p);
	xmlFree(aspect);
}

/* fn:remote-basis(date, type): the text that allowed a collectivity of
 * this type to meet with members at a distance on that date (era.h), or
 * "" when none did. */
static void fn_remote_basis(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char FN[] = "remote-basis";
	xmlChar *date = NULL, *type = NULL;

	if (check_arity(ctxt, FN, nargs, 2) == 0 && (type = pop_string(ctxt, FN, 2)) != NULL &&
	    (date = pop_string(ctxt, FN, 1)) != NULL) {
		const char *b = era_remote_basis((const char *)date, (const char *)type);
		push_string(ctxt, FN, b != NULL ? b : "");
	}
	xmlFree(date);
	xmlFree(type);
}

static int choice_code(const char *s)
{
	static const char *const NAMES[FRENCH_CHOICES] = {"pour", "contre", "abstention", "ne-prend-pas-part"};

	for (int i = 0; s != NULL && i < FRENCH_CHOICES; i++)
		if (strcmp(s, NAMES[i]) == 0)
			return i;
	return -1;
}

static long count_attr(vote_input *in, xmlNodePtr n, const char *name)
{
	const char *s = attr(in, n, name);
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return 0;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 0 && v <= COUNT_MAX ? v : -1;
}

static void read_vote_lists(vote_input *in, xmlNodePtr vote)
{
	size_t ni = count_named(vote, "interesse"), nv = count_named(vote, "votant");

	in->interested = calloc(ni ? ni : 1, sizeof *in->interested);
	in->voters = calloc(nv ? nv : 1, sizeof *in->voters);
	if (in->interested == NULL || in->voters == NULL) {
		in->oom = 1;
		return;
	}
	for (xmlNodePtr c = vote->children; c != NULL; c = c->next) {
		if (named(c, "interesse")) {
			const french_person *p = member_of(in, attr(in, c, "ref"));
			if (p != NULL) {
				in->interested[in->v.ninterested] = *p;
				in->interested[in->v.ninterested++].holder = NULL;
			}
		} else if (named(c, "votant")) {
			const french_person *p = member_of(in, attr(in, c, "ref"));
			int choice = choice_code(attr(in, c, "choix"));
			if (p != NULL && choice >= 0)
				in->voters[in->v.nvoters++] = (french_voter){p, choice};
		}
	}
	in->v.interested = in->interested;
	in->v.voters = in->voters;
}

static void read_urgency(vote_input *in)
{
	xmlNodePtr seance = first_child(in->root, "seance");
	xmlNodePtr coll = first_child(in->root, "collectivite");
	const char *urgence = attr(in, seance, "urgence");
	const char *ruling = attr(in, seance, "urgence-reconnue");
	const char *pop = attr(in, coll, "population");
	const char *largest = attr(in, coll, "plus-grande-commune");
	const char *type = attr(in, coll, "type");
	convocation_rule rule;
	long long population = -1;

	if (urgence == NULL || strcmp(urgence, "oui") != 0)
		return;
	in->v.urgency = ruling == NULL ? FRENCH_URGENCY_UNRULED
	    : strcmp(ruling, "oui") == 0 ? FRENCH_URGENCY_RECOGNISED : FRENCH_URGENCY_DEFERRED;
	if (type != NULL && (strcmp(type, "epci") == 0 || strcmp(type, "syndicat") == 0) && largest != NULL)
		pop = largest;
	if (pop != NULL)
		population = strtoll(pop, NULL, 10);
	if (convocation_rule_of(type, attr(in, coll, "departement"), population, &rule) == 0)
		in->v.urgency_article = rule.urgency_article_long;
}

static void read_vote(vote_input *in, xmlNodePtr vote, const char *organe, const char *options)
{
	const char *scrutin = attr(in, vote, "scrutin");
	const char *resultat = attr(in, vote, "resultat");
	const char *casting = attr(in, vote, "voix-preponderante");
	xmlNodePtr president = first_child(in->root, "president");

	in->v.organe = organe;
	in->v.ballot = scrutin == NULL ? FRENCH_BALLOT_HANDS
	    : strcmp(scrutin, "secret") == 0 ? FRENCH_BALLOT_SECRET
	    : strcmp(scrutin, "public") == 0 ? FRENCH_BALLOT_PUBLIC : FRENCH_BALLOT_HANDS;
	in->v.pour = count_attr(in, vote, "pour");
	in->v.contre = count_attr(in, vote, "contre");
	in->v.abstentions = count_attr(in, vote, "abstentions");
	in->v.npp = count_attr(in, vote, "ne-prend-pas-part");
	in->v.adopted = resultat != NULL && strcmp(resultat, "adopte") == 0;
	in->v.casting = choice_code(casting);
	in->v.capital_unanimity = options != NULL && strstr(options, "unanimite-majuscule") != NULL;
	read_members(in);
	if (in->oom)
		return;
	in->v.president = member_of(in, attr(in, president, "ref"));
	if (in->v.president != NULL)
		in->v.president_office = in->offices[in->v.president - in->members];
	/* the president's own vote in the list says how the tie was settled */
	read_vote_lists(in, vote);
	for (size_t i = 0; i < in->v.nvoters; i++)
		if (in->v.voters[i].who == in->v.president && in->v.casting < 0)
			in->v.casting = in->v.voters[i].choice;
	read_urgency(in);
}

static void vote_input_free(vote_input *in)
{
	for (size_t i = 0; i < in->nowned; i++)
		xmlFree(in->owned[i]);
	free(in->owned);
	free(in->members);
	free(in->ids);
	free(in->offices);
	free(in->interested);
	free(in->voters);
}

/* The phrases as a node-set of <phrase role="…">text</phrase> elements in
 * a result tree fragment the transform context owns. */
static xmlXPathObjectPtr phrases_node_set(xmlXPathParserContextPtr ctxt,
    const french_phrase *p, size_t n)
{
	xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
	xmlDocPtr container = tctxt != NULL ? xsltCreateRVT(tctxt) : NULL;
	xmlNodeSetPtr set;

	if (container == NULL)
		return NULL;
	if (xsltRegisterLocalRVT(tctxt, container) != 0) {
		xsltReleaseRVT(tctxt, container);
		return NULL;
	}
	set = xmlXPathNodeSetCreate(NULL);
	if (set == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = xmlNewDocNode(container, NULL, (const xmlChar *)"phrase", NULL);
		if (e == NULL || xmlAddChild((xmlNodePtr)container, e) == NULL ||
		    xmlSetProp(e, (const xmlChar *)"role",
		        (const xmlChar *)french_phrase_role_name(p[i].role)) == NULL) {
			xmlXPathFreeNodeSet(set);
			return NULL;
		}
		xmlNodeAddContent(e, (const xmlChar *)p[i].text);
		if (xmlXPathNodeSetAdd(set, e) != 0) {
			xmlXPathFreeNodeSet(set);
			return NULL;
		}
	}
	return xmlXPathWrapNodeSet(set);
}

/* fn:vote-sentences(vote, organe[, options]): the sentences of the whole
 * vote (french_vote.h) as <phrase role="urgence|resultat|interesses|votants">
 * elements, in reading order. `vote` is the d:vote element (an empty
 * node-set gives no phrase), `organe` the assembly with its article ("le
 * Conseil municipal"), `options` space-separated words:
 * "unanimite-majuscule" prints "à l'Unanimité". */
static void fn_vote_sentences(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char FN[] = "vote-sentences";
	xmlChar *organe = NULL, *options = NULL;
	xmlXPathObjectPtr vote = NULL, result = NULL;
	french_phrase *phrases = NULL;
	size_t nphrases = 0;
	vote_input in;

	memset(&in, 0, sizeof in);
	if (nargs != 2 && nargs != 3) {
		check_arity(ctxt, FN, nargs, 2);
		return;
	}
	if ((nargs == 3 && (options = pop_string(ctxt, FN, 3)) == NULL) ||
	    (organe = pop_string(ctxt, FN, 2)) == NULL ||
	    (vote = pop_arg(ctxt, FN, 1)) == NULL)
		goto done;
	if (vote->type != XPATH_NODESET) {
		fail(ctxt, XPATH_INVALID_TYPE, "fn:%s : argument 1 : attendu l'élément « vote »", FN);
		goto done;
	}
	if (vote->nodesetval == NULL || vote->nodesetval->nodeNr == 0) {
		result = xmlXPathNewNodeSet(NULL);
	} else {
		xmlNodePtr node = vote->nodesetval->nodeTab[0];
		if (!named(node, "vote") || node->doc == NULL) {
			fail(ctxt, XPATH_INVALID_TYPE, "fn:%s : argument 1 : attendu l'élément « vote »", FN);
			goto done;
		}
		in.root = xmlDocGetRootElement(node->doc);
		read_vote(&in, node, (const char *)organe, (const char *)options);
		if (in.oom || french_vote_phrases(&in.v, &phrases, &nphrases) != 0) {
			fail(ctxt, XPATH_EXPR_ERROR, "fn:%s : vote invalide ou mémoire insuffisante", FN);
			goto done;
		}
		result = phrases_node_set(ctxt, phrases, nphrases);
	}
	if (result == NULL || valuePush(ctxt, result) < 0) {
		xmlXPathFreeObject(result);
		fail(ctxt, XPATH_MEMORY_ERROR, "fn:%s : mémoire insuffisante", FN);
	}
done:
	french_phrases_free(phrases, nphrases);
	vote_input_free(&in);
	xmlXPathFreeObject(vote);
	xmlFree(organe);
	xmlFree(options);
}

/* fn:de(word): "d'" or "de " before it ("d'Anne", "de Bruno"). */
static void fn_de(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char FN[] = "de";
	xmlChar *w;

	if (check_arity(ctxt, FN, nargs, 1) != 0 || (w = pop_string(ctxt, FN, 1)) == NULL)
		return;
	push_string(ctxt, FN, french_de((const char *)w));
	xmlFree(w);
}

/* fn:gender(civilite, masculine, feminine): the word that agrees with the
 * civility ("Mme" → feminine). */
static void fn_gender(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char FN[] = "gender";
	xmlChar *civ = NULL, *masc = NULL, *fem = NULL;

	if (check_arity(ctxt, FN, nargs, 3) != 0)
		return;
	if ((fem = pop_string(ctxt, FN, 3)) != NULL && (masc = pop_string(ctxt, FN, 2)) != NULL &&
	    (civ = pop_string(ctxt, FN, 1)) != NULL)
		push_string(ctxt, FN, (const char *)(french_feminine((const char *)civ) ? fem : masc));
	xmlFree(civ);
	xmlFree(masc);
	xmlFree(fem);
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
	{"vote-sentences", fn_vote_sentences},
	{"de", fn_de},
	{"gender", fn_gender},
	{"format-number", fn_format_number},
	{"era", fn_era},
	{"attendance", fn_attendance},
	{"remote-basis", fn_remote_basis},
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
