/* SPDX-License-Identifier: Apache-2.0 */
/* Command-line words: getopt_long with French messages instead of glibc's
 * English ones, naming the wrong word and suggesting the nearest valid one
 * (edit distance), as git and cargo do. */
#include <stdarg.h>
#include <string.h>
#include "cli.h"

/* Optimal string alignment distance (Levenshtein plus the transposition of
 * two neighbours, the commonest typing slip: "rendre" for "render"). */
static size_t edit_distance(const char *a, const char *b)
{
	enum { MAX = 64 };
	size_t la = strlen(a), lb = strlen(b);
	if (la >= MAX || lb >= MAX)
		return (size_t)-1;
	size_t d[MAX][MAX];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* Close enough to be the intended word: at most 3 edits, and at most half
 * of the longer word (so that "xyz" suggests nothing). */
static int near(size_t dist, const char *a, const char *b)
{
	size_t longer = strlen(a) > strlen(b) ? strlen(a) : strlen(b);
	return dist <= 3 && 2 * dist <= longer;
}

const char *cli_suggest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_dist = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t dist = edit_distance(word, candidates[i]);
		if (dist < best_dist && near(dist, word, candidates[i])) {
			best = candidates[i];
			best_dist = dist;
		}
	}
	return best;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "delib %s : ", command);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nAide : delib help %s\n", command);
	return DELIB_USAGE;
}

static const struct option *long_named(const struct option *longs, const char *name, size_t len)
{
	for (const struct option *o = longs; o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

static int by_value(const struct option *longs, int val, const struct option **found)
{
	for (const struct option *o = longs; o->name; o++)
		if (o->val == val && !o->flag) {
			*found = o;
			return 1;
		}
	return 0;
}

/* "--name" of the nearest long option to word (without its "--"), and its
 * short form when it has one, as " (-o)"; NULL when none is near. */
static const struct option *nearest_long(const struct option *longs, const char *word)
{
	const char *names[64];
	size_t n = 0;
	for (const struct option *o = longs; o->name && n < 64; o++)
		names[n++] = o->name;
	const char *best = cli_suggest(word, names, n);
	return best ? long_named(longs, best, strlen(best)) : NULL;
}

static void short_form(const struct option *o, const char *shorts, char *buf, size_t cap)
{
	buf[0] = 0;
	if (!o->flag && o->val > 0 && o->val < 128 && o->val != ':' && strchr(shorts, o->val))
		snprintf(buf, cap, " (-%c)", o->val);
}

/* An unknown or ambiguous "--word[=value]". */
static void bad_long(const char *command, const char *arg, const char *shorts, const struct option *longs)
{
	const char *name = arg + 2;
	size_t len = strcspn(name, "=");
	char word[128];
	snprintf(word, sizeof word, "%.*s", (int)len, name);
	const char *which[8];
	int prefixed = 0;
	for (const struct option *o = longs; o->name; o++)
		if (strncmp(o->name, word, len) == 0 && prefixed < 8)
			which[prefixed++] = o->name;
	if (prefixed > 1 && len) { /* glibc refuses a prefix of several options */
		char list[256] = "";
		for (int i = 0; i < prefixed; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s--%s",
			         i == 0 ? "" : i == prefixed - 1 ? " ou " : ", ", which[i]);
		cli_usage_error(command, "option ambiguë « --%s » : %s ?", word, list);
		return;
	}
	const struct option *near_one = nearest_long(longs, word);
	if (!near_one) {
		cli_usage_error(command, "option inconnue « --%s »", word);
		return;
	}
	char sf[8];
	short_form(near_one, shorts, sf, sizeof sf);
	cli_usage_error(command, "option inconnue « --%s » ; vouliez-vous dire « --%s »%s ?", word, near_one->name, sf);
}

/* glibc leaves optind past the word it refused, and optopt the option's
 * value when it was known (a missing or unwanted value) or 0 for an unknown
 * long option. */
static void explain(const char *command, int ch, char **argv, const char *shorts, const struct option *longs)
{
	const char *arg = argv[optind - 1];
	const struct option *o = NULL;
	int is_long = strncmp(arg, "--", 2) == 0;
	if (ch == ':' && is_long)
		cli_usage_error(command, "l'option « %.*s » attend une valeur", (int)strcspn(arg, "="), arg);
	else if (ch == ':')
		cli_usage_error(command, "l'option « -%c » attend une valeur", optopt);
	else if (is_long && optopt && by_value(longs, optopt, &o) && strchr(arg, '='))
		cli_usage_error(command, "l'option « --%s » ne prend pas de valeur", o->name);
	else if (is_long)
		bad_long(command, arg, shorts, longs);
	else
		cli_usage_error(command, "option inconnue « -%c »", optopt);
}

int cli_getopt(int argc, char **argv, const char *shorts, const struct option *longs)
{
	char colon_first[64];
	snprintf(colon_first, sizeof colon_first, ":%s", shorts); /* ':' tells a missing value from an unknown option */
	opterr = 0;
	int ch = getopt_long(argc, argv, colon_first, longs, NULL);
	if (ch == '?' || ch == ':') {
		explain(argv[0], ch, argv, shorts, longs);
		return '?';
	}
	return ch;
}
