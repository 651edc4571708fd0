/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_french.c — unit tests of src/french.c (pure C, no libxml2).
 * Tables of (input, expected) so that a new case is one row.
 */
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "french.h"

/* U+202F NARROW NO-BREAK SPACE */
#define NN "\xE2\x80\xAF"

/* Fills the buffer with garbage first, so a test sees whether a failing
 * call really leaves "" behind. */
static char *dirty(char *buf, size_t cap)
{
	memset(buf, 'X', cap);
	return buf;
}

/* ---- numbers in words -------------------------------------------------- */

static const struct {
	long n;
	const char *words;
} NUMBERS[] = {
	{0, "zéro"},
	{1, "un"},
	{2, "deux"},
	{10, "dix"},
	{11, "onze"},
	{16, "seize"},
	{17, "dix-sept"},
	{18, "dix-huit"},
	{19, "dix-neuf"},
	{20, "vingt"},
	{21, "vingt et un"},
	{22, "vingt-deux"},
	{30, "trente"},
	{31, "trente et un"},
	{39, "trente-neuf"},
	{41, "quarante et un"},
	{51, "cinquante et un"},
	{60, "soixante"},
	{61, "soixante et un"},
	{69, "soixante-neuf"},
	{70, "soixante-dix"},
	{71, "soixante et onze"},
	{72, "soixante-douze"},
	{76, "soixante-seize"},
	{77, "soixante-dix-sept"},
	{79, "soixante-dix-neuf"},
	{80, "quatre-vingts"},
	{81, "quatre-vingt-un"},
	{82, "quatre-vingt-deux"},
	{89, "quatre-vingt-neuf"},
	{90, "quatre-vingt-dix"},
	{91, "quatre-vingt-onze"},
	{96, "quatre-vingt-seize"},
	{97, "quatre-vingt-dix-sept"},
	{99, "quatre-vingt-dix-neuf"},
	{100, "cent"},
	{101, "cent un"},
	{111, "cent onze"},
	{121, "cent vingt et un"},
	{171, "cent soixante et onze"},
	{180, "cent quatre-vingts"},
	{181, "cent quatre-vingt-un"},
	{200, "deux cents"},
	{201, "deux cent un"},
	{280, "deux cent quatre-vingts"},
	{300, "trois cents"},
	{999, "neuf cent quatre-vingt-dix-neuf"},
	{1000, "mille"},
	{1001, "mille un"},
	{1021, "mille vingt et un"},
	{1080, "mille quatre-vingts"},
	{1100, "mille cent"},
	{1200, "mille deux cents"},
	{1999, "mille neuf cent quatre-vingt-dix-neuf"},
	{2000, "deux mille"},
	{2001, "deux mille un"},
	{2020, "deux mille vingt"},
	{2021, "deux mille vingt et un"},
	{2022, "deux mille vingt-deux"},
	{20574, "vingt mille cinq cent soixante-quatorze"},
	{21000, "vingt et un mille"},
	{71000, "soixante et onze mille"},
	{80000, "quatre-vingt mille"},
	{80080, "quatre-vingt mille quatre-vingts"},
	{81000, "quatre-vingt-un mille"},
	{100000, "cent mille"},
	{200000, "deux cent mille"},
	{201000, "deux cent un mille"},
	{999999, "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf"},
	{1000000, "un million"},
	{1000001, "un million un"},
	{1001000, "un million mille"},
	{1200000, "un million deux cent mille"},
	{2000000, "deux millions"},
	{2000200, "deux millions deux cents"},
	{21000000, "vingt et un millions"},
	{80000000, "quatre-vingts millions"},
	{81000000, "quatre-vingt-un millions"},
	{200000000, "deux cents millions"},
	{200001000, "deux cents millions mille"},
	{280000000, "deux cent quatre-vingts millions"},
	{999999999, "neuf cent quatre-vingt-dix-neuf millions neuf cent "
	            "quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf"},
	{-1, "moins un"},
	{-21, "moins vingt et un"},
	{-80, "moins quatre-vingts"},
	{-2000000, "moins deux millions"},
	{-999999999, "moins neuf cent quatre-vingt-dix-neuf millions neuf cent "
	             "quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf"},
};

static void test_number_words(void **state)
{
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof NUMBERS / sizeof NUMBERS[0]; i++) {
		assert_int_equal(french_number_words(NUMBERS[i].n, dirty(buf, sizeof buf), sizeof buf), 0);
		assert_string_equal(buf, NUMBERS[i].words);
	}
}

static void test_number_words_out_of_range(void **state)
{
	static const long BAD[] = {1000000000L, -1000000000L, LONG_MAX, LONG_MIN};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		assert_int_equal(french_number_words(BAD[i], dirty(buf, sizeof buf), sizeof buf), -1);
		assert_string_equal(buf, "");
	}
}

static void test_number_words_buffer(void **state)
{
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	/* "un" takes 3 bytes with its NUL: exactly enough, then one short */
	assert_int_equal(french_number_words(1, dirty(buf, 3), 3), 0);
	assert_string_equal(buf, "un");
	assert_int_equal(french_number_words(1, dirty(buf, 2), 2), -1);
	assert_string_equal(buf, "");
	/* "vingt et un" (11 bytes): cut in the middle of the phrase */
	assert_int_equal(french_number_words(21, dirty(buf, 11), 11), -1);
	assert_string_equal(buf, "");
	assert_int_equal(french_number_words(21, dirty(buf, 12), 12), 0);
	assert_string_equal(buf, "vingt et un");
	/* "zéro" is 5 bytes in UTF-8 */
	assert_int_equal(french_number_words(0, dirty(buf, 5), 5), -1);
	assert_int_equal(french_number_words(0, dirty(buf, 6), 6), 0);
	assert_int_equal(french_number_words(1, buf, 0), -1);
	assert_int_equal(french_number_words(1, NULL, 10), -1);
}

/* The longest result fits in FRENCH_BUF_SIZE, as french.h promises. */
static void test_buf_size_is_enough(void **state)
{
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	assert_int_equal(french_number_words(-997997997, buf, sizeof buf), 0);
	assert_true(strlen(buf) < sizeof buf);
	assert_int_equal(french_date_long("2021-09-30", buf, sizeof buf), 0);
	assert_int_equal(french_vote_wording(1, 0, 1, buf, sizeof buf), 0);
	assert_int_equal(french_format_number(-999999999999999.0, buf, sizeof buf), 0);
	assert_string_equal(buf, "-999" NN "999" NN "999" NN "999" NN "999");
}

/* ---- years ------------------------------------------------------------- */

static void test_year_words(void **state)
{
	static const struct {
		long y;
		const char *words;
	} YEARS[] = {
		{2021, "deux mille vingt et un"},
		{2020, "deux mille vingt"},
		{2000, "deux mille"},
		{1999, "mille neuf cent quatre-vingt-dix-neuf"},
		{1980, "mille neuf cent quatre-vingts"},
		{1789, "mille sept cent quatre-vingt-neuf"},
		{1, "un"},
		{9999, "neuf mille neuf cent quatre-vingt-dix-neuf"},
	};
	static const long BAD[] = {0, -2021, 10000, LONG_MAX};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof YEARS / sizeof YEARS[0]; i++) {
		assert_int_equal(french_year_words(YEARS[i].y, dirty(buf, sizeof buf), sizeof buf), 0);
		assert_string_equal(buf, YEARS[i].words);
	}
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		assert_int_equal(french_year_words(BAD[i], dirty(buf, sizeof buf), sizeof buf), -1);
		assert_string_equal(buf, "");
	}
	assert_int_equal(french_year_words(2021, dirty(buf, 10), 10), -1);
	assert_string_equal(buf, "");
}

/* ---- dates ------------------------------------------------------------- */

static void test_date_parse(void **state)
{
	static const char *const GOOD[] = {
		"2021-10-14", "2020-02-29", "2000-02-29", "2024-02-29", "2021-02-28",
		"2021-12-31", "2021-01-01", "2021-04-30", "0001-01-01", "9999-12-31",
	};
	static const char *const BAD[] = {
		"2021-02-29", "1900-02-29", "2100-02-29", "2021-04-31", "2021-06-31",
		"2021-13-01", "2021-00-10", "2021-10-00", "2021-10-32", "0000-01-01",
		"2021-1-01", "2021-10-1", "21-10-14", "2021/10/14", "14/10/2021",
		"2021-10-14Z", "2021-10-14+02:00", " 2021-10-14", "2021-10-14 ",
		"+021-10-14", "2021-1a-14", "abcd-ef-gh", "2021-10-14T18:30", "",
	};
	french_date d = {0, 0, 0};

	(void)state;
	for (size_t i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++)
		assert_int_equal(french_date_parse(GOOD[i], &d), 0);
	assert_int_equal(french_date_parse("2020-02-29", &d), 0);
	assert_int_equal(d.year, 2020);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		if (french_date_parse(BAD[i], &d) != -1)
			fail_msg("accepted invalid date \"%s\"", BAD[i]);
	}
	assert_int_equal(french_date_parse(NULL, &d), -1);
	assert_int_equal(french_date_parse("2021-10-14", NULL), -1);
}

static void test_date_long(void **state)
{
	static const struct {
		const char *iso, *text;
	} CASES[] = {
		{"2021-10-14", "14 octobre 2021"},
		{"2021-10-01", "1er octobre 2021"},
		{"2021-10-02", "2 octobre 2021"},
		{"2021-10-08", "8 octobre 2021"},
		{"2021-10-21", "21 octobre 2021"},
		{"2021-10-31", "31 octobre 2021"},
		{"2020-02-29", "29 février 2020"},
		{"2021-01-15", "15 janvier 2021"},
		{"2021-03-15", "15 mars 2021"},
		{"2021-04-15", "15 avril 2021"},
		{"2021-05-15", "15 mai 2021"},
		{"2021-06-15", "15 juin 2021"},
		{"2021-07-15", "15 juillet 2021"},
		{"2021-08-15", "15 août 2021"},
		{"2021-09-15", "15 septembre 2021"},
		{"2021-11-15", "15 novembre 2021"},
		{"2021-12-15", "15 décembre 2021"},
		{"2022-07-01", "1er juillet 2022"},
	};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		assert_int_equal(french_date_long(CASES[i].iso, dirty(buf, sizeof buf), sizeof buf), 0);
		assert_string_equal(buf, CASES[i].text);
	}
	assert_int_equal(french_date_long("2021-02-29", dirty(buf, sizeof buf), sizeof buf), -1);
	assert_string_equal(buf, "");
	assert_int_equal(french_date_long("2021-13-01", buf, sizeof buf), -1);
	assert_int_equal(french_date_long(NULL, buf, sizeof buf), -1);
	/* "14 octobre 2021" is 15 bytes: 16 fit, 15 do not */
	assert_int_equal(french_date_long("2021-10-14", dirty(buf, 16), 16), 0);
	assert_int_equal(french_date_long("2021-10-14", dirty(buf, 15), 15), -1);
	assert_string_equal(buf, "");
}

static void test_day_month(void **state)
{
	static const struct {
		const char *iso, *text;
	} CASES[] = {
		{"2021-10-14", "14 octobre"},
		{"2021-10-01", "1er octobre"},
		{"2021-08-02", "2 août"},
		{"2020-02-29", "29 février"},
		{"2021-12-31", "31 décembre"},
	};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		assert_int_equal(french_day_month(CASES[i].iso, dirty(buf, sizeof buf), sizeof buf), 0);
		assert_string_equal(buf, CASES[i].text);
	}
	assert_int_equal(french_day_month("2021-02-29", dirty(buf, sizeof buf), sizeof buf), -1);
	assert_string_equal(buf, "");
	assert_int_equal(french_day_month("2021-10-01", dirty(buf, 4), 4), -1);
	assert_string_equal(buf, "");
}

static void test_date_short(void **state)
{
	static const struct {
		const char *iso, *text;
	} CASES[] = {
		{"2021-10-15", "15/10/2021"},
		{"2021-01-01", "01/01/2021"},
		{"2020-02-29", "29/02/2020"},
		{"0999-12-31", "31/12/0999"},
	};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		assert_int_equal(french_date_short(CASES[i].iso, dirty(buf, sizeof buf), sizeof buf), 0);
		assert_string_equal(buf, CASES[i].text);
	}
	assert_int_equal(french_date_short("2021-02-29", buf, sizeof buf), -1);
	assert_int_equal(french_date_short("15/10/2021", buf, sizeof buf), -1);
	assert_int_equal(french_date_short("2021-10-15", dirty(buf, 11), 11), 0);
	assert_int_equal(french_date_short("2021-10-15", dirty(buf, 10), 10), -1);
	assert_string_equal(buf, "");
}

/* ---- hours ------------------------------------------------------------- */

static void test_hour(void **state)
{
	static const struct {
		const char *in, *text;
	} CASES[] = {
		{"18:30", "18h30"}, {"09:00", "9h00"}, {"00:00", "0h00"},
		{"00:05", "0h05"},  {"12:05", "12h05"}, {"23:59", "23h59"},
		{"10:00", "10h00"},
	};
	static const char *const BAD[] = {
		"24:00", "23:60", "25:10", "99:99", "9:00", "18h30", "18:3", "18:300",
		"18:30:00", "1830", "ab:cd", "-1:00", " 9:00", "18 30", "",
	};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		assert_int_equal(french_hour(CASES[i].in, dirty(buf, sizeof buf), sizeof buf), 0);
		assert_string_equal(buf, CASES[i].text);
	}
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		if (french_hour(BAD[i], dirty(buf, sizeof buf), sizeof buf) != -1)
			fail_msg("accepted invalid hour \"%s\"", BAD[i]);
		assert_string_equal(buf, "");
	}
	assert_int_equal(french_hour(NULL, buf, sizeof buf), -1);
	assert_int_equal(french_hour("18:30", dirty(buf, 6), 6), 0);
	assert_int_equal(french_hour("18:30", dirty(buf, 5), 5), -1);
	assert_string_equal(buf, "");
}

/* ---- civility ---------------------------------------------------------- */

static void test_civility(void **state)
{
	static const char *const BAD[] = {"M", "m.", "Mme.", "MME", "Mlle", "Mr", " M.", ""};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	assert_int_equal(french_civility("M.", dirty(buf, sizeof buf), sizeof buf), 0);
	assert_string_equal(buf, "Monsieur");
	assert_int_equal(french_civility("Mme", dirty(buf, sizeof buf), sizeof buf), 0);
	assert_string_equal(buf, "Madame");
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		assert_int_equal(french_civility(BAD[i], dirty(buf, sizeof buf), sizeof buf), -1);
		assert_string_equal(buf, "");
	}
	assert_int_equal(french_civility(NULL, buf, sizeof buf), -1);
	assert_int_equal(french_civility("Mme", dirty(buf, 7), 7), 0);
	assert_int_equal(french_civility("Mme", dirty(buf, 6), 6), -1);
	assert_string_equal(buf, "");
}

/* ---- plural ------------------------------------------------------------ */

static void test_plural(void **state)
{
	static const struct {
		long n;
		const char *text;
	} CASES[] = {
		{34, "34 votes"}, {1, "1 vote"}, {0, "0 vote"}, {2, "2 votes"},
		{-1, "-1 vote"}, {-2, "-2 votes"}, {999, "999 votes"},
		{1000, "1" NN "000 votes"}, {1247, "1" NN "247 votes"},
		{1000000, "1" NN "000" NN "000 votes"},
	};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		assert_int_equal(french_plural(CASES[i].n, "vote", "votes", dirty(buf, sizeof buf), sizeof buf), 0);
		assert_string_equal(buf, CASES[i].text);
	}
	assert_int_equal(french_plural(3, "voix", "voix", buf, sizeof buf), 0);
	assert_string_equal(buf, "3 voix");
	assert_int_equal(french_plural(2, "conseiller présent", "conseillers présents", buf, sizeof buf), 0);
	assert_string_equal(buf, "2 conseillers présents");
	assert_int_equal(french_plural(LONG_MIN, "a", "b", buf, sizeof buf), 0);
	assert_int_equal(french_plural(1, NULL, "votes", dirty(buf, sizeof buf), sizeof buf), -1);
	assert_string_equal(buf, "");
	assert_int_equal(french_plural(1, "vote", NULL, buf, sizeof buf), -1);
	/* "34 votes" is 8 bytes */
	assert_int_equal(french_plural(34, "vote", "votes", dirty(buf, 9), 9), 0);
	assert_int_equal(french_plural(34, "vote", "votes", dirty(buf, 8), 8), -1);
	assert_string_equal(buf, "");
}

/* ---- vote wording ------------------------------------------------------ */

static void test_vote_wording(void **state)
{
	static const struct {
		long pour, contre, abst;
		const char *text;
	} CASES[] = {
		{34, 0, 0, "à l'unanimité"},
		{1, 0, 0, "à l'unanimité"},
		{30, 0, 4, "à l'unanimité des suffrages exprimés"},
		{1, 0, 33, "à l'unanimité des suffrages exprimés"},
		{0, 0, 3, "à l'unanimité des suffrages exprimés"},
		{30, 4, 0, "à la majorité"},
		{30, 2, 2, "à la majorité"},
		{2, 30, 2, "à la majorité"},
		{0, 5, 0, "à la majorité"},
		{0, 0, 0, "à la majorité"},
	};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		assert_int_equal(french_vote_wording(CASES[i].pour, CASES[i].contre, CASES[i].abst,
		    dirty(buf, sizeof buf), sizeof buf), 0);
		assert_string_equal(buf, CASES[i].text);
	}
	assert_int_equal(french_vote_wording(-1, 0, 0, dirty(buf, sizeof buf), sizeof buf), -1);
	assert_string_equal(buf, "");
	assert_int_equal(french_vote_wording(1, -1, 0, buf, sizeof buf), -1);
	assert_int_equal(french_vote_wording(1, 0, -1, buf, sizeof buf), -1);
	/* "à l'unanimité" is 15 bytes in UTF-8 */
	assert_int_equal(french_vote_wording(34, 0, 0, dirty(buf, 16), 16), 0);
	assert_int_equal(french_vote_wording(34, 0, 0, dirty(buf, 15), 15), -1);
	assert_string_equal(buf, "");
}

/* ---- number formatting ------------------------------------------------- */

static void test_format_number(void **state)
{
	static const struct {
		double n;
		const char *text;
	} CASES[] = {
		{20574, "20" NN "574"},
		{2.5, "2,5"},
		{0, "0"},
		{-0.0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1" NN "000"},
		{1247, "1" NN "247"},
		{39783, "39" NN "783"},
		{195550, "195" NN "550"},
		{1000000, "1" NN "000" NN "000"},
		{1234567.891, "1" NN "234" NN "567,891"},
		{1234.56, "1" NN "234,56"},
		{-1234.5, "-1" NN "234,5"},
		{-2.5, "-2,5"},
		{0.25, "0,25"},
		{0.05, "0,05"},
		{1.5, "1,5"},
		{0.1 + 0.2, "0,3"},
		{0.000001, "0,000001"},
		{0.0000001, "0"},
		{-0.0000001, "0"},
		{0.9999999, "1"},
		{999999.9999999, "1" NN "000" NN "000"},
		{999999999999999.0, "999" NN "999" NN "999" NN "999" NN "999"},
	};
	static const double BAD[] = {1e15, -1e15, 1e300};
	char buf[FRENCH_BUF_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		assert_int_equal(french_format_number(CASES[i].n, dirty(buf, sizeof buf), sizeof buf), 0);
		assert_string_equal(buf, CASES[i].text);
	}
	for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		assert_int_equal(french_format_number(BAD[i], dirty(buf, sizeof buf), sizeof buf), -1);
		assert_string_equal(buf, "");
	}
	assert_int_equal(french_format_number(NAN, buf, sizeof buf), -1);
	assert_int_equal(french_format_number(INFINITY, buf, sizeof buf), -1);
	assert_int_equal(french_format_number(-INFINITY, buf, sizeof buf), -1);
	/* "20 574" is 2 + 3 + 3 = 8 bytes */
	assert_int_equal(french_format_number(20574, dirty(buf, 9), 9), 0);
	assert_int_equal(french_format_number(20574, dirty(buf, 8), 8), -1);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_words),
		cmocka_unit_test(test_number_words_out_of_range),
		cmocka_unit_test(test_number_words_buffer),
		cmocka_unit_test(test_buf_size_is_enough),
		cmocka_unit_test(test_year_words),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_long),
		cmocka_unit_test(test_day_month),
		cmocka_unit_test(test_date_short),
		cmocka_unit_test(test_hour),
		cmocka_unit_test(test_civility),
		cmocka_unit_test(test_plural),
		cmocka_unit_test(test_vote_wording),
		cmocka_unit_test(test_format_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
