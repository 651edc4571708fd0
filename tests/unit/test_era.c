/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_era.c — the table of periods (src/era.c): it covers the calendar
 * without gap or overlap, each boundary is checked on both sides, and the
 * templates' fn:era answers from the same table as the validator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "attendance.h"
#include "check.h"
#include "era.h"
#include "xslt_functions.h"

static void test_days(void **state)
{
	(void)state;
	long d;
	assert_int_equal(era_days("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(era_days("2021-10-14", &d), 0);
	assert_int_equal(d, 18914);
	assert_int_equal(era_days("2000-03-01", &d), 0);
	assert_int_equal(d, 11017);
	assert_int_equal(era_days("2020-02-29", &d), 0);
	assert_int_equal(era_days("2021-02-29", &d), -1);
	assert_int_equal(era_days("2021-13-01", &d), -1);
	assert_int_equal(era_days("2021-10-14Z", &d), -1);
	assert_int_equal(era_days("", &d), -1);
	/* The seed: sent 8 October, séance 14 October = 5 clear days. */
	long a, b;
	era_days("2021-10-08", &a);
	era_days("2021-10-14", &b);
	assert_int_equal(b - a - 1, 5);
}

/* The rows follow each other day after day; open at both ends. */
static void test_table_partition(void **state)
{
	(void)state;
	size_t n;
	const era *t = era_table(&n);
	assert_true(n >= 2);
	assert_null(t[0].from);
	assert_null(t[n - 1].to);
	for (size_t i = 1; i < n; i++) {
		long end, start;
		assert_int_equal(era_days(t[i - 1].to, &end), 0);
		assert_int_equal(era_days(t[i].from, &start), 0);
		assert_int_equal(start, end + 1);
		assert_non_null(t[i].quorum_ref);
		assert_non_null(t[i].proxies_ref);
		assert_non_null(t[i].publicity_ref);
	}
}

static const struct {
	const char *date;
	era_quorum quorum;
	int proxies;
	era_publicity publicity;
} SIDES[] = {
	/* loi 2020-290 */
	{"2020-03-23", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY},
	{"2020-03-24", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_DISPLAY},
	{"2020-07-10", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_DISPLAY},
	{"2020-07-11", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY},
	/* loi 2020-1379, extended by loi 2021-689 */
	{"2020-11-14", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY},
	{"2020-11-15", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_DISPLAY},
	{"2021-09-30", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_DISPLAY},
	{"2021-10-01", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY},
	/* the seed's séance: between two windows */
	{"2021-10-14", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY},
	/* loi 2021-1465 */
	{"2021-11-09", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY},
	{"2021-11-10", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_DISPLAY},
	/* ordonnance 2021-1310 */
	{"2022-06-30", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_DISPLAY},
	{"2022-07-01", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_PUBLICATION},
	{"2022-07-31", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_PUBLICATION},
	{"2022-08-01", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_PUBLICATION},
	/* open ends */
	{"0001-01-01", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY},
	{"9999-12-31", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_PUBLICATION},
};

static void test_both_sides_of_each_boundary(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof SIDES / sizeof *SIDES; i++) {
		const era *e = era_at(SIDES[i].date);
		assert_non_null(e);
		if (e->quorum != SIDES[i].quorum || e->proxies_per_holder != SIDES[i].proxies ||
		    e->publicity != SIDES[i].publicity)
			fail_msg("%s: période %s inattendue", SIDES[i].date, e->id);
	}
	assert_null(era_at("2021-02-29"));
	assert_null(era_at("14/10/2021"));
	assert_null(era_at(NULL));
}

static void test_publicity_attribute(void **state)
{
	(void)state;
	assert_string_equal(era_publicity_attribute(era_at("2022-06-30"), "DE"), "affichage");
	assert_string_equal(era_publicity_attribute(era_at("2022-06-30"), "AI"), "affichage");
	assert_string_equal(era_publicity_attribute(era_at("2022-07-01"), "DE"), "publication");
	assert_string_equal(era_publicity_attribute(era_at("2022-07-01"), "AR"), "publication");
	assert_string_equal(era_publicity_attribute(era_at("2022-07-01"), "AI"), "notification");
	assert_string_equal(era_publicity_attribute(era_at("2022-07-01"), NULL), "publication");
}

static void test_values(void **state)
{
	(void)state;
	const era *covid = era_at("2021-01-21"), *common = era_at("2023-03-16");
	assert_string_equal(era_value(covid, "quorum", NULL), "tiers");
	assert_string_equal(era_value(covid, "pouvoirs", NULL), "2");
	assert_string_equal(era_value(covid, "id", NULL), "covid-2020-1379");
	assert_string_equal(era_value(common, "quorum", NULL), "moitie");
	assert_string_equal(era_value(common, "pouvoirs", NULL), "1");
	assert_string_equal(era_value(common, "publicite", "AI"), "notification");
	assert_non_null(strstr(era_value(covid, "reference", NULL), "2020-1379"));
	assert_null(era_value(common, "inconnu", NULL));
	assert_null(era_value(NULL, "quorum", NULL));
}

/* ---- fn:era, as templates call it ---------------------------------------- */

static void ignore(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static char *run_template(const char *expr)
{
	static const char IN[] = "<x/>";
	char xsl[1024];
	snprintf(xsl, sizeof xsl,
	         "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
	         " xmlns:fn='urn:delib:fn' exclude-result-prefixes='fn'>"
	         "<xsl:output method='text' encoding='UTF-8'/>"
	         "<xsl:template match='/'><xsl:value-of select=\"%s\"/></xsl:template></xsl:stylesheet>",
	         expr);
	xmlDocPtr sdoc = xmlReadMemory(xsl, (int)strlen(xsl), "t.xsl", NULL, 0);
	xsltStylesheetPtr style = xsltParseStylesheetDoc(sdoc);
	xmlDocPtr in = xmlReadMemory(IN, (int)strlen(IN), "in.xml", NULL, 0);
	xsltTransformContextPtr tc = xsltNewTransformContext(style, in);
	assert_int_equal(xslt_functions_register(tc), 0);
	xsltSetTransformErrorFunc(tc, NULL, ignore);
	xmlSetGenericErrorFunc(NULL, ignore);
	xmlDocPtr out = xsltApplyStylesheetUser(style, in, NULL, NULL, NULL, tc);
	xmlSetGenericErrorFunc(NULL, NULL);
	char *text = NULL;
	if (out && tc->state == XSLT_STATE_OK) {
		xmlChar *buf = NULL;
		int len = 0;
		xsltSaveResultToString(&buf, &len, out, style);
		text = strdup(buf ? (const char *)buf : "");
		xmlFree(buf);
	}
	xmlFreeDoc(out);
	xsltFreeTransformContext(tc);
	xmlFreeDoc(in);
	xsltFreeStylesheet(style);
	return text;
}

static void test_fn_era(void **state)
{
	(void)state;
	static const struct {
		const char *expr, *want;
	} CASES[] = {
		{"fn:era('2022-06-30', 'publicite')", "affichage"},
		{"fn:era('2022-07-01', 'publicite')", "publication"},
		{"fn:era('2022-07-01', 'publicite', 'AI')", "notification"},
		{"fn:era('2021-10-14', 'quorum')", "moitie"},
		{"fn:era('2021-11-10', 'quorum')", "tiers"},
		{"fn:era('2021-11-10', 'pouvoirs')", "2"},
		{"fn:era('2022-08-01', 'id')", "publication-electronique"},
	};
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		char *got = run_template(CASES[i].expr);
		assert_non_null(got);
		assert_string_equal(got, CASES[i].want);
		free(got);
	}
	/* Errors stop the transform: a bad date, an unknown aspect, arity. */
	assert_null(run_template("fn:era('2022-02-30', 'quorum')"));
	assert_null(run_template("fn:era('2022-07-01', 'couleur')"));
	assert_null(run_template("fn:era('2022-07-01')"));
}

/* fn:remote-basis and fn:attendance as templates call them: values, and
 * the template slips that stop the transform. (fn:attendance's counts are
 * checked on real documents by the wording corpus.) */
static void test_fn_remote_and_attendance(void **state)
{
	(void)state;
	static const struct {
		const char *expr, *want;
	} CASES[] = {
		{"fn:remote-basis('2023-03-16', 'epci')", "CGCT L5211-11-1"},
		{"fn:remote-basis('2023-03-16', 'commune')", ""},
		{"fn:remote-basis('2021-03-18', 'commune')", "loi n° 2020-1379 du 14 novembre 2020, art. 6"},
		{"fn:attendance(/nothing, 'votants')", "0"},  /* a projet: no presences */
	};
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		char *got = run_template(CASES[i].expr);
		assert_non_null(got);
		assert_string_equal(got, CASES[i].want);
		free(got);
	}
	assert_null(run_template("fn:attendance('presences', 'presents')"));  /* a string */
	assert_null(run_template("fn:attendance(/x, 'presents')"));          /* another element */
	assert_null(run_template("fn:attendance(/nothing, 'couleur')"));     /* an unknown aspect */
	assert_null(run_template("fn:attendance(/nothing)"));
	assert_null(run_template("fn:remote-basis('2023-03-16')"));
}

/* Remote participation: each window's first and last day and the days
 * around them; EPCI councils from 29 December 2019 only. */
static void test_remote_basis(void **state)
{
	(void)state;
	static const char *const INSIDE[] = {"2020-04-02", "2020-10-30", "2020-11-15", "2021-09-30",
	                                     "2021-11-10", "2022-07-31"};
	static const char *const OUTSIDE[] = {"2020-04-01", "2020-10-31", "2020-11-14", "2021-10-01",
	                                      "2021-11-09", "2022-08-01", "2019-12-28", "2023-03-16"};
	for (size_t i = 0; i < sizeof INSIDE / sizeof *INSIDE; i++) {
		assert_non_null(era_remote_basis(INSIDE[i], "commune"));
		assert_string_equal(era_remote_basis(INSIDE[i], "departement"), era_remote_basis(INSIDE[i], "commune"));
	}
	for (size_t i = 0; i < sizeof OUTSIDE / sizeof *OUTSIDE; i++)
		assert_null(era_remote_basis(OUTSIDE[i], "commune"));
	assert_null(era_remote_basis("2019-12-28", "epci"));
	assert_string_equal(era_remote_basis("2019-12-29", "epci"), "CGCT L5211-11-1");
	assert_string_equal(era_remote_basis("2023-03-16", "epci"), "CGCT L5211-11-1");
	assert_null(era_remote_basis("2023-03-16", "syndicat"));
	assert_null(era_remote_basis("2023-02-30", "epci"));
	assert_null(era_remote_basis(NULL, "epci"));
}

/* Attendance at the vote: an arrival ends a proxy, a departure may give
 * one, a proxy whose holder left is not used; faults are flagged. */
static void test_attendance(void **state)
{
	(void)state;
	/* 0, 1 present (1 at a distance); 2 represented by 1; 3 absent */
	att_member m[4] = {{ATT_PRESENT, -1, 0}, {ATT_PRESENT, -1, 1}, {ATT_PROXY, 1, 0}, {ATT_ABSENT, -1, 0}};
	att_counts c = attendance_at_vote(m, 4, NULL, 0);
	assert_int_equal(c.present, 2);
	assert_int_equal(c.remote, 1);
	assert_int_equal(c.represented, 1);
	/* 3 arrives at a distance; 1 (the holder of 2's proxy) leaves */
	att_movement mv[3] = {{.member = 3, .arrival = 1, .holder = -1, .remote = 1},
	                      {.member = 1, .arrival = 0, .holder = -1},
	                      {.member = 1, .arrival = 0, .holder = -1}};
	c = attendance_at_vote(m, 4, mv, 3);
	assert_int_equal(c.present, 2);      /* 0 and 3 */
	assert_int_equal(c.remote, 1);       /* 3 */
	assert_int_equal(c.represented, 0);  /* 2's holder has gone */
	assert_int_equal(m[2].status, ATT_ABSENT);
	assert_int_equal(mv[0].fault, ATT_OK);
	assert_int_equal(mv[1].fault, ATT_OK);
	assert_int_equal(mv[2].fault, ATT_LEAVES_ABSENT);
	/* a departure with a proxy to someone absent */
	att_member k[2] = {{ATT_PRESENT, -1, 0}, {ATT_ABSENT, -1, 0}};
	att_movement d = {.member = 0, .arrival = 0, .holder = 1};
	c = attendance_at_vote(k, 2, &d, 1);
	assert_int_equal(d.fault, ATT_PROXY_TO_ABSENT);
	assert_int_equal(c.present + c.represented, 0);
	/* an arrival of someone present; an unknown member is skipped */
	att_member a[1] = {{ATT_PRESENT, -1, 0}};
	att_movement two[2] = {{.member = 0, .arrival = 1, .holder = -1}, {.member = 7, .arrival = 1, .holder = -1}};
	c = attendance_at_vote(a, 1, two, 2);
	assert_int_equal(two[0].fault, ATT_ARRIVES_PRESENT);
	assert_int_equal(c.present, 1);
}

/* The validator's rules table: unique ids, a summary each. */
static void test_rules_table(void **state)
{
	(void)state;
	size_t n = check_rule_count();
	assert_true(n >= 20);
	for (size_t i = 0; i < n; i++) {
		const check_rule_info *r = check_rule(i);
		assert_non_null(r);
		assert_non_null(r->id);
		assert_non_null(r->summary);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(r->id, check_rule(j)->id);
	}
	assert_null(check_rule(n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_table_partition),
		cmocka_unit_test(test_both_sides_of_each_boundary),
		cmocka_unit_test(test_publicity_attribute),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_fn_era),
		cmocka_unit_test(test_rules_table),
		cmocka_unit_test(test_remote_basis),
		cmocka_unit_test(test_fn_remote_and_attendance),
		cmocka_unit_test(test_attendance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
