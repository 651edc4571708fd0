/* SPDX-License-Identifier: Apache-2.0 */
/*
 * french.c — French wording: see french.h for the contract of each function.
 *
 * Everything is written through a small bounded writer (struct out) that
 * remembers an overflow instead of truncating, so each public function
 * checks its input, writes, and reports once at the end.
 */
#include "french.h"

#include <math.h>
#include <string.h>

/* U+202F NARROW NO-BREAK SPACE in UTF-8: the French thousands separator. */
#define NNBSP "\xE2\x80\xAF"

/* ---- bounded writer ---------------------------------------------------- */

struct out {
	char *buf;
	size_t cap; /* [bytes] including the final NUL */
	size_t len; /* [bytes] written so far, without the NUL */
	int bad;    /* set on overflow or bad input; sticky */
};

static void out_init(struct out *o, char *buf, size_t cap)
{
	o->buf = buf;
	o->cap = cap;
	o->len = 0;
	o->bad = (buf == NULL || cap == 0);
	if (!o->bad)
		buf[0] = '\0';
}

static void out_put(struct out *o, const char *s)
{
	size_t n;

	if (o->bad)
		return;
	n = strlen(s);
	if (n >= o->cap - o->len) {
		o->bad = 1;
		return;
	}
	memcpy(o->buf + o->len, s, n + 1);
	o->len += n;
}

/* Writes an unsigned integer without grouping, at least `width` digits. */
static void out_uint(struct out *o, unsigned long long v, int width)
{
	char tmp[24];
	int i = (int)sizeof tmp - 1;

	tmp[i] = '\0';
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
		width--;
	} while (v > 0 || width > 0);
	out_put(o, tmp + i);
}

/* Ends a write: on failure the caller sees "" rather than half a phrase. */
static int out_end(struct out *o)
{
	if (o->bad) {
		if (o->buf != NULL && o->cap > 0)
			o->buf[0] = '\0';
		return -1;
	}
	return 0;
}

/* ---- numbers in words -------------------------------------------------- */

static const char *const UNITS[17] = {
	"", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit",
	"neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize",
};

/* Tens 20..60; 70 and 90 are built on 60 and 80 ("soixante-dix"). */
static const char *const TENS[7] = {
	"", "", "vingt", "trente", "quarante", "cinquante", "soixante",
};

/* 1..19 */
static void words_below_20(struct out *o, int n)
{
	if (n <= 16) {
		out_put(o, UNITS[n]);
		return;
	}
	out_put(o, "dix-");
	out_put(o, UNITS[n - 10]);
}

/* 1..99. `final`: nothing but a noun (million) or the end follows, so
 * "quatre-vingt" takes its s; before "mille" it stays invariable. */
static void words_below_100(struct out *o, int n, int final)
{
	int t = n / 10, u = n % 10;

	if (n < 20) {
		words_below_20(o, n);
	} else if (t <= 6) {
		out_put(o, TENS[t]);
		if (u == 1)
			out_put(o, " et un");
		else if (u > 1) {
			out_put(o, "-");
			out_put(o, UNITS[u]);
		}
	} else if (t == 7) {
		/* 71 is "soixante et onze", the other 7x are hyphenated */
		out_put(o, n == 71 ? "soixante et " : "soixante-");
		words_below_20(o, n - 60);
	} else if (n == 80) {
		out_put(o, final ? "quatre-vingts" : "quatre-vingt");
	} else {
		/* 81 is "quatre-vingt-un": no "et" after quatre-vingt */
		out_put(o, "quatre-vingt-");
		words_below_20(o, n - 80);
	}
}

/* 1..999; `final` as above, and "cents" follows the same rule. */
static void words_below_1000(struct out *o, int n, int final)
{
	int h = n / 100, r = n % 100;

	if (h > 1) {
		out_put(o, UNITS[h]);
		out_put(o, r == 0 && final ? " cents" : " cent");
	} else if (h == 1) {
		out_put(o, "cent");
	}
	if (h > 0 && r > 0)
		out_put(o, " ");
	if (r > 0)
		words_below_100(o, r, final);
}

/* Appends a space between groups, none before the first. */
static void words_sep(struct out *o, size_t start)
{
	if (o->len > start)
		out_put(o, " ");
}

/* 1..999 999 999 */
static void words_positive(struct out *o, long n)
{
	int m = (int)(n / 1000000), k = (int)(n / 1000 % 1000), u = (int)(n % 1000);
	size_t start = o->len;

	if (m == 1) {
		out_put(o, "un million");
	} else if (m > 1) {
		/* million is a noun: "quatre-vingts millions", "deux cents millions" */
		words_below_1000(o, m, 1);
		out_put(o, " millions");
	}
	if (k > 0) {
		words_sep(o, start);
		/* mille is invariable and never preceded by "un" */
		if (k > 1) {
			words_below_1000(o, k, 0);
			out_put(o, " ");
		}
		out_put(o, "mille");
	}
	if (u > 0) {
		words_sep(o, start);
		words_below_1000(o, u, 1);
	}
}

int french_number_words(long n, char *buf, size_t cap)
{
	struct out o;

	out_init(&o, buf, cap);
	if (n < -FRENCH_NUMBER_MAX || n > FRENCH_NUMBER_MAX)
		o.bad = 1;
	else if (n == 0)
		out_put(&o, "zéro");
	else {
		if (n < 0)
			out_put(&o, "moins ");
		words_positive(&o, n < 0 ? -n : n);
	}
	return out_end(&o);
}

int french_year_words(long y, char *buf, size_t cap)
{
	if (y < FRENCH_YEAR_MIN || y > FRENCH_YEAR_MAX) {
		struct out o;

		out_init(&o, buf, cap);
		o.bad = 1;
		return out_end(&o);
	}
	return french_number_words(y, buf, cap);
}

/* ---- dates and hours --------------------------------------------------- */

static const char *const MONTHS[12] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre",
};

/* Reads exactly `n` ASCII digits; -1 if any is not a digit. */
static int read_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : DAYS[m - 1];
}

int french_date_parse(const char *iso, french_date *out)
{
	int y, m, d;

	if (iso == NULL || out == NULL || strlen(iso) != 10 ||
	    iso[4] != '-' || iso[7] != '-')
		return -1;
	y = read_digits(iso, 4);
	m = read_digits(iso + 5, 2);
	d = read_digits(iso + 8, 2);
	if (y < FRENCH_YEAR_MIN || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	out->year = y;
	out->month = m;
	out->day = d;
	return 0;
}

/* "14 octobre", "1er octobre": the first of the month is an ordinal. */
static void put_day_month(struct out *o, const french_date *d)
{
	if (d->day == 1)
		out_put(o, "1er");
	else
		out_uint(o, (unsigned long long)d->day, 1);
	out_put(o, " ");
	out_put(o, MONTHS[d->month - 1]);
}

/* Shared by the three date functions: parse, then one of the formats. */
enum date_format { DATE_LONG, DATE_DAY_MONTH, DATE_SHORT };

static int format_date(const char *iso, enum date_format f,
    char *buf, size_t cap)
{
	struct out o;
	french_date d;

	out_init(&o, buf, cap);
	if (french_date_parse(iso, &d) != 0)
		o.bad = 1;
	else if (f == DATE_SHORT) {
		out_uint(&o, (unsigned long long)d.day, 2);
		out_put(&o, "/");
		out_uint(&o, (unsigned long long)d.month, 2);
		out_put(&o, "/");
		out_uint(&o, (unsigned long long)d.year, 4);
	} else {
		put_day_month(&o, &d);
		if (f == DATE_LONG) {
			out_put(&o, " ");
			out_uint(&o, (unsigned long long)d.year, 1);
		}
	}
	return out_end(&o);
}

int french_date_long(const char *iso, char *buf, size_t cap)
{
	return format_date(iso, DATE_LONG, buf, cap);
}

int french_day_month(const char *iso, char *buf, size_t cap)
{
	return format_date(iso, DATE_DAY_MONTH, buf, cap);
}

int french_date_short(const char *iso, char *buf, size_t cap)
{
	return format_date(iso, DATE_SHORT, buf, cap);
}

int french_hour(const char *hhmm, char *buf, size_t cap)
{
	struct out o;
	int h = -1, m = -1;

	out_init(&o, buf, cap);
	if (hhmm != NULL && strlen(hhmm) == 5 && hhmm[2] == ':') {
		h = read_digits(hhmm, 2);
		m = read_digits(hhmm + 3, 2);
	}
	if (h < 0 || h > 23 || m < 0 || m > 59)
		o.bad = 1;
	else {
		out_uint(&o, (unsigned long long)h, 1);
		out_put(&o, "h");
		out_uint(&o, (unsigned long long)m, 2);
	}
	return out_end(&o);
}

/* ---- civility, plural, vote -------------------------------------------- */

int french_civility(const char *abbr, char *buf, size_t cap)
{
	struct out o;

	out_init(&o, buf, cap);
	if (abbr != NULL && strcmp(abbr, "M.") == 0)
		out_put(&o, "Monsieur");
	else if (abbr != NULL && strcmp(abbr, "Mme") == 0)
		out_put(&o, "Madame");
	else
		o.bad = 1;
	return out_end(&o);
}

/* Integer part with U+202F between groups of three, from 1 000 up. */
static void put_grouped(struct out *o, unsigned long long v)
{
	if (v >= 1000) {
		put_grouped(o, v / 1000);
		out_put(o, NNBSP);
		out_uint(o, v % 1000, 3);
	} else {
		out_uint(o, v, 1);
	}
}

int french_plural(long n, const char *singular, const char *plural,
    char *buf, size_t cap)
{
	struct out o;
	/* negated in unsigned arithmetic so that LONG_MIN is fine too */
	unsigned long long mag = n < 0 ? 0ULL - (unsigned long long)n
	                               : (unsigned long long)n;

	out_init(&o, buf, cap);
	if (singular == NULL || plural == NULL)
		o.bad = 1;
	if (n < 0)
		out_put(&o, "-");
	put_grouped(&o, mag);
	out_put(&o, " ");
	out_put(&o, mag <= 1 ? singular : plural);
	return out_end(&o);
}

int french_vote_wording(long pour, long contre, long abstentions,
    char *buf, size_t cap)
{
	struct out o;

	out_init(&o, buf, cap);
	if (pour < 0 || contre < 0 || abstentions < 0)
		o.bad = 1;
	else if (contre == 0 && abstentions == 0 && pour > 0)
		out_put(&o, "à l'unanimité");
	else if (contre == 0 && abstentions > 0)
		out_put(&o, "à l'unanimité des suffrages exprimés");
	else
		out_put(&o, "à la majorité");
	return out_end(&o);
}

/* ---- French number formatting ------------------------------------------ */

/* Six decimals: enough for amounts, rates and areas, and exact in a double
 * below 1e15 (the bound french_format_number() enforces). */
#define DECIMALS 6
#define DECIMAL_SCALE 1000000ULL

int french_format_number(double n, char *buf, size_t cap)
{
	struct out o;
	double a = n < 0 ? -n : n;
	unsigned long long ip = 0, frac = 0;
	int digits = DECIMALS;

	out_init(&o, buf, cap);
	if (!isfinite(n) || a >= 1e15) {
		o.bad = 1;
		return out_end(&o);
	}
	/* integer arithmetic, not printf("%f"), so that a program which called
	 * setlocale() still gets a comma and no stray group separator */
	ip = (unsigned long long)a;
	frac = (unsigned long long)((a - (double)ip) * (double)DECIMAL_SCALE + 0.5);
	if (frac >= DECIMAL_SCALE) {
		ip++;
		frac -= DECIMAL_SCALE;
	}
	while (frac > 0 && frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	if (n < 0 && (ip > 0 || frac > 0))
		out_put(&o, "-"); /* no "-0" for -0.0000001 */
	put_grouped(&o, ip);
	if (frac > 0) {
		out_put(&o, ",");
		out_uint(&o, frac, digits);
	}
	return out_end(&o);
}
