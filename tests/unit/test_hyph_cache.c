/* SPDX-License-Identifier: Apache-2.0 */
/* The hyphenation patterns' cache (src/font/hyph_cache.c): an automaton read
 * back is libhyphen's own, field by field; an entry is really read; an entry
 * cut short or damaged anywhere is refused (under the sanitizers: without a
 * read out of bounds) and the patterns loaded as usual. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "hyph_cache.h"
#include "lsan.h"
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FRENCH "/usr/share/hyphen/hyph_fr.dic"

static char dir[64], cache[96], entries[128];

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	assert_non_null(in);
	assert_non_null(out);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* The only entry of the cache folder into path; their number returned. */
static int only_entry(char *path, size_t cap)
{
	DIR *d = opendir(entries);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, cap, "%s/%s", entries, e->d_name);
			n++;
		}
	if (d)
		closedir(d);
	return n;
}

static void assert_same_automaton(const HyphenDict *a, const HyphenDict *b)
{
	for (; a || b; a = a->nextlevel, b = b->nextlevel) {
		assert_non_null(a);
		assert_non_null(b);
		assert_int_equal(a->lhmin, b->lhmin);
		assert_int_equal(a->rhmin, b->rhmin);
		assert_int_equal(a->clhmin, b->clhmin);
		assert_int_equal(a->crhmin, b->crhmin);
		assert_int_equal(a->utf8, b->utf8);
		assert_string_equal(a->cset, b->cset);
		assert_int_equal(!a->nohyphen, !b->nohyphen);
		if (a->nohyphen) {
			assert_int_equal(a->nohyphenl, b->nohyphenl);
			const char *p = a->nohyphen, *q = b->nohyphen;
			for (int i = 0; i <= a->nohyphenl; i++, p += strlen(p) + 1, q += strlen(q) + 1)
				assert_string_equal(p, q);
		}
		assert_int_equal(a->num_states, b->num_states);
		for (int i = 0; i < a->num_states; i++) {
			const HyphenState *s = &a->states[i], *t = &b->states[i];
			assert_int_equal(s->fallback_state, t->fallback_state);
			assert_int_equal(!s->match, !t->match);
			if (s->match)
				assert_string_equal(s->match, t->match);
			assert_int_equal(s->num_trans, t->num_trans);
			for (int k = 0; k < s->num_trans; k++) {
				assert_int_equal(s->trans[k].ch, t->trans[k].ch);
				assert_int_equal(s->trans[k].new_state, t->trans[k].new_state);
			}
		}
	}
}

static void assert_same_cuts(HyphenDict *a, HyphenDict *b)
{
	static const char *words[] = {"délibération", "conformément", "intercommunalité", "extraordinaire",
	                              "établissement", "subventionnement", "anticonstitutionnellement"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		int len = (int)strlen(words[i]);
		char ha[64], hb[64], wa[128], wb[128];
		char **rep = NULL;
		int *pos = NULL, *cut = NULL;
		assert_int_equal(hnj_hyphen_hyphenate2(a, words[i], len, ha, wa, &rep, &pos, &cut), 0);
		assert_int_equal(hnj_hyphen_hyphenate2(b, words[i], len, hb, wb, &rep, &pos, &cut), 0);
		assert_null(rep);
		assert_string_equal(wa, wb);
	}
}

/* The entry's checksum (FNV-1a, 64 bits, of the bytes before it, in its
 * last 8 bytes): set again after a change, so that what the change does
 * reaches the structure's checks. */
static void reseal(char *entry, size_t size)
{
	uint64_t x = 14695981039346656037u;
	for (size_t i = 0; i + 8 < size; i++)
		x = (x ^ (unsigned char)entry[i]) * 1099511628211u;
	memcpy(entry + size - 8, &x, 8);
}

static void write_entry(const char *path, const char *data, size_t size)
{
	FILE *e = fopen(path, "wb");
	assert_non_null(e);
	assert_int_equal(fwrite(data, 1, size, e), size);
	assert_int_equal(fclose(e), 0);
}

/* Whatever a changed entry gives is an automaton libhyphen can run on any
 * word without reading out of bounds (the sanitizers' build checks it). */
static void assert_usable(HyphenDict *d)
{
	static const char *words[] = {"délibération", "zzzzzzzzzzzzzzzzzzzzzz", "abécédaire", "a-b'c"};
	assert_non_null(d);
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		char h[64], w[128];
		char **rep = NULL;
		int *pos = NULL, *cut = NULL;
		hnj_hyphen_hyphenate2(d, words[i], (int)strlen(words[i]), h, w, &rep, &pos, &cut);
		assert_null(rep);
	}
}

static void setup_dirs(void)
{
	strcpy(dir, "/tmp/delib-hyph-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cache, sizeof cache, "%s/cache", dir);
	snprintf(entries, sizeof entries, "%s/hyphen", cache);
	setenv("DELIB_CACHE_DIR", cache, 1);
}

static void test_round_trip_and_damage(void **state)
{
	(void)state;
	setup_dirs();
	char dic[128], other[128], entry[512], other_entry[512];
	snprintf(dic, sizeof dic, "%s/fr.dic", dir);
	snprintf(other, sizeof other, "%s/autre.dic", dir);
	copy_file(FRENCH, dic);
	FILE *f = fopen(other, "w");
	assert_non_null(f);
	fputs("UTF-8\n1ba\nb1c\n", f);
	assert_int_equal(fclose(f), 0);
	LIBRARY_LEAKS_BEGIN();  /* libhyphen loses a few bytes per load (lsan.h) */
	HyphenDict *reference = hnj_hyphen_load(FRENCH), *small = hnj_hyphen_load(other);
	LIBRARY_LEAKS_END();
	assert_non_null(reference);
	assert_non_null(small);

	/* Changed a moment ago: loaded, not remembered. */
	HyphenDict *d = hyph_cache_load(dic);
	assert_non_null(d);
	assert_same_automaton(d, reference);
	hnj_hyphen_free(d);
	assert_int_equal(only_entry(entry, sizeof entry), 0);

	/* Past the window (the change time cannot be set back): remembered,
	 * then read back as the same automaton, cutting the same words. */
	sleep(3);
	d = hyph_cache_load(dic);
	hnj_hyphen_free(d);
	assert_int_equal(only_entry(entry, sizeof entry), 1);
	d = hyph_cache_load(dic);
	assert_non_null(d);
	assert_same_automaton(d, reference);
	assert_same_cuts(d, reference);
	hnj_hyphen_free(d);

	/* The entry is what is read: another automaton's entry put in its place
	 * comes back. */
	char keep[512];
	snprintf(keep, sizeof keep, "%s/fr.entry", dir);
	assert_int_equal(rename(entry, keep), 0);
	d = hyph_cache_load(other);
	hnj_hyphen_free(d);
	assert_int_equal(only_entry(other_entry, sizeof other_entry), 1);
	assert_int_equal(rename(other_entry, entry), 0);
	d = hyph_cache_load(dic);
	assert_same_automaton(d, small);
	hnj_hyphen_free(d);

	/* Cut short at every length, or with bytes changed (a state number, a
	 * length, a character): refused by the checksum, and the patterns
	 * loaded as usual. */
	FILE *e = fopen(keep, "rb");
	assert_non_null(e);
	char *good = malloc(1 << 20), *bad = malloc(1 << 20);
	size_t size = fread(good, 1, 1 << 20, e);
	fclose(e);
	assert_true(size > 1000 && size < (1 << 20));
	for (size_t cut = 0; cut < size; cut += cut < 64 ? 1 : 4099) {
		write_entry(entry, good, cut);
		d = hyph_cache_load(dic);
		assert_same_automaton(d, reference);
		hnj_hyphen_free(d);
	}
	static const unsigned char value[] = {0xff, 0x01};
	for (size_t at = 16; at < size; at += 2003)
		for (size_t v = 0; v < sizeof value; v++) {
			memcpy(bad, good, size);
			bad[at] = (char)value[v];
			if (!memcmp(bad, good, size))
				continue;
			write_entry(entry, bad, size);
			d = hyph_cache_load(dic);
			assert_same_automaton(d, reference);
			hnj_hyphen_free(d);
			/* The same change with its checksum set again: what comes back
			 * (refused, or a sound automaton with another match) is safe. */
			reseal(bad, size);
			write_entry(entry, bad, size);
			d = hyph_cache_load(dic);
			assert_usable(d);
			hnj_hyphen_free(d);
		}
	free(bad);
	free(good);
	hnj_hyphen_free(reference);
	hnj_hyphen_free(small);
	unsetenv("DELIB_CACHE_DIR");
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip_and_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
