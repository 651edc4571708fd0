/* SPDX-License-Identifier: Apache-2.0 */
/* delib_diag_format_json, the one JSON form of a diagnostic (validate
 * --format json, the batch report, the service): always valid JSON in
 * valid UTF-8, whatever bytes the file name or the message hold, and
 * snprintf's contract on the buffer. Through the public API only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "delib.h"

#define FFFD "\xEF\xBF\xBD"

static void assert_json(const delib_diag *d, const char *want)
{
	char buf[1024];
	size_t n = delib_diag_format_json(d, buf, sizeof buf);
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
	assert_int_equal(delib_diag_format_json(d, NULL, 0), n); /* the sizing call */
}

static void test_plain(void **state)
{
	(void)state;
	delib_diag d = {"délib.xml", 12, 7, DELIB_ERROR, "vote.total", "le total des votes (30) dépasse les votants"};
	assert_json(&d, "{\"file\":\"délib.xml\",\"line\":12,\"column\":7,\"severity\":\"error\",\"id\":\"vote.total\","
	                "\"message\":\"le total des votes (30) dépasse les votants\"}");
}

static void test_severities(void **state)
{
	(void)state;
	delib_diag d = {"f", 0, 0, DELIB_WARNING, "x", "m"};
	assert_json(&d, "{\"file\":\"f\",\"line\":0,\"column\":0,\"severity\":\"warning\",\"id\":\"x\",\"message\":\"m\"}");
	d.severity = DELIB_NOTE;
	assert_json(&d, "{\"file\":\"f\",\"line\":0,\"column\":0,\"severity\":\"note\",\"id\":\"x\",\"message\":\"m\"}");
	/* The French names stay those of the text form. */
	assert_string_equal(delib_severity_name(DELIB_ERROR), "erreur");
	assert_string_equal(delib_severity_name(DELIB_WARNING), "avertissement");
	assert_string_equal(delib_severity_name(DELIB_NOTE), "note");
}

/* Invalid UTF-8 in the message and the file name: each offending byte
 * becomes U+FFFD; control characters, quotes and backslashes are escaped. */
static void test_invalid_utf8(void **state)
{
	(void)state;
	delib_diag d = {"arch\xFFive/\xC3(.xml", 3, 1, DELIB_ERROR, "xml.encoding",
	                "overlong \xC0\xAF, surrogate \xED\xA0\x80, too high \xF4\x90\x80\x80, cut \xE2\x82"};
	assert_json(&d, "{\"file\":\"arch" FFFD "ive/" FFFD "(.xml\",\"line\":3,\"column\":1,\"severity\":\"error\","
	                "\"id\":\"xml.encoding\",\"message\":\"overlong " FFFD FFFD ", surrogate " FFFD FFFD FFFD
	                ", too high " FFFD FFFD FFFD FFFD ", cut " FFFD FFFD "\"}");
	delib_diag e = {"a\"b\\c", 1, 1, DELIB_NOTE, "id", "tab\there\nnew line \x01\x7F"};
	assert_json(&e, "{\"file\":\"a\\\"b\\\\c\",\"line\":1,\"column\":1,\"severity\":\"note\",\"id\":\"id\","
	                "\"message\":\"tab\\there\\nnew line \\u0001\\u007f\"}");
}

static void test_null_strings(void **state)
{
	(void)state;
	delib_diag d = {NULL, 1, 2, DELIB_ERROR, NULL, NULL};
	assert_json(&d, "{\"file\":\"\",\"line\":1,\"column\":2,\"severity\":\"error\",\"id\":\"\",\"message\":\"\"}");
}

/* A short buffer holds a NUL-terminated prefix; the return value is the
 * whole length, so that the caller can allocate and call again. */
static void test_short_buffer(void **state)
{
	(void)state;
	delib_diag d = {"f.xml", 1, 1, DELIB_ERROR, "xml.syntax", "XML mal formé"};
	char whole[256], part[20];
	size_t n = delib_diag_format_json(&d, whole, sizeof whole);
	memset(part, 'z', sizeof part);
	assert_int_equal(delib_diag_format_json(&d, part, sizeof part), n);
	assert_int_equal(strlen(part), sizeof part - 1);
	assert_memory_equal(part, whole, sizeof part - 1);
	char *big = malloc(n + 1);
	assert_non_null(big);
	assert_int_equal(delib_diag_format_json(&d, big, n + 1), n);
	assert_string_equal(big, whole);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_severities),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_null_strings),
		cmocka_unit_test(test_short_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
