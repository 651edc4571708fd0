/* SPDX-License-Identifier: Apache-2.0 */
/* base/sys: the services written once for every stage and the CLI. The
 * UTF-8 validator on the edges of RFC 3629 (overlong forms, surrogates,
 * past U+10FFFF, sequences cut short), JSON strings, the strict number
 * parser's ranges, reading a file under a limit, atomic writing (a
 * failure never leaves a temporary file and never replaces the target), and
 * the file digests remembered between processes (base/hash_cache.c). */
#define _GNU_SOURCE /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "sys.h"

/* ---- UTF-8 ------------------------------------------------------------ */

/* utf8_len of a whole string given with its length. */
static size_t len_of(const char *s, size_t n)
{
	return utf8_len((const unsigned char *)s, n);
}

static void test_utf8_valid_edges(void **state)
{
	(void)state;
	assert_int_equal(len_of("A", 1), 1);
	assert_int_equal(len_of("\x7F", 1), 1);             /* U+007F */
	assert_int_equal(len_of("\xC2\x80", 2), 2);         /* U+0080, the first of two bytes */
	assert_int_equal(len_of("\xDF\xBF", 2), 2);         /* U+07FF */
	assert_int_equal(len_of("\xE0\xA0\x80", 3), 3);     /* U+0800, the first of three */
	assert_int_equal(len_of("\xED\x9F\xBF", 3), 3);     /* U+D7FF, just below the surrogates */
	assert_int_equal(len_of("\xEE\x80\x80", 3), 3);     /* U+E000, just above */
	assert_int_equal(len_of("\xEF\xBF\xBF", 3), 3);     /* U+FFFF */
	assert_int_equal(len_of("\xF0\x90\x80\x80", 4), 4); /* U+10000, the first of four */
	assert_int_equal(len_of("\xF4\x8F\xBF\xBF", 4), 4); /* U+10FFFF, the last code point */
	assert_int_equal(len_of("\xC3\xA9t\xC3\xA9", 5), 2); /* "été": one character at a time */
}

static void test_utf8_overlong(void **state)
{
	(void)state;
	assert_int_equal(len_of("\xC0\x80", 2), 0);         /* U+0000 in two bytes */
	assert_int_equal(len_of("\xC0\xAF", 2), 0);         /* '/' in two bytes */
	assert_int_equal(len_of("\xC1\xBF", 2), 0);         /* U+007F in two bytes */
	assert_int_equal(len_of("\xE0\x80\x80", 3), 0);     /* U+0000 in three */
	assert_int_equal(len_of("\xE0\x9F\xBF", 3), 0);     /* U+07FF in three */
	assert_int_equal(len_of("\xF0\x80\x80\x80", 4), 0); /* U+0000 in four */
	assert_int_equal(len_of("\xF0\x8F\xBF\xBF", 4), 0); /* U+FFFF in four */
}

static void test_utf8_surrogates(void **state)
{
	(void)state;
	assert_int_equal(len_of("\xED\xA0\x80", 3), 0); /* U+D800 */
	assert_int_equal(len_of("\xED\xAF\xBF", 3), 0); /* U+DBFF */
	assert_int_equal(len_of("\xED\xB0\x80", 3), 0); /* U+DC00 */
	assert_int_equal(len_of("\xED\xBF\xBF", 3), 0); /* U+DFFF */
	/* CESU-8's pair for U+10000 is two surrogates: refused from the first. */
	assert_int_equal(len_of("\xED\xA0\x80\xED\xB0\x80", 6), 0);
}

static void test_utf8_beyond_10ffff(void **state)
{
	(void)state;
	assert_int_equal(len_of("\xF4\x90\x80\x80", 4), 0); /* U+110000 */
	assert_int_equal(len_of("\xF5\x80\x80\x80", 4), 0);
	assert_int_equal(len_of("\xF7\xBF\xBF\xBF", 4), 0); /* U+1FFFFF */
	assert_int_equal(len_of("\xF8\x88\x80\x80\x80", 5), 0); /* the old five-byte form */
	assert_int_equal(len_of("\xFE", 1), 0);
	assert_int_equal(len_of("\xFF", 1), 0);
}

static void test_utf8_truncated(void **state)
{
	(void)state;
	assert_int_equal(len_of("\xC3", 1), 0);             /* a lead byte and nothing */
	assert_int_equal(len_of("\xE2\x82", 2), 0);         /* "€" cut after two bytes */
	assert_int_equal(len_of("\xE2\x82\xAC", 2), 0);     /* the third byte lies past avail */
	assert_int_equal(len_of("\xF0\x9F\x98", 3), 0);
	assert_int_equal(len_of("\xE2(\xA1", 3), 0);        /* a continuation byte missing */
	assert_int_equal(len_of("\x80", 1), 0);             /* a lone continuation byte */
	assert_int_equal(len_of("", 0), 0);
}

static void test_utf8_decode_encode(void **state)
{
	(void)state;
	static const uint32_t cps[] = {0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x20AC, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
	                               0x10000, 0x1F600, 0x10FFFF};
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		char buf[4];
		uint32_t back = 0;
		int n = utf8_encode(cps[i], buf);
		assert_int_equal(utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	uint32_t cp = 0;
	/* Invalid: U+FFFD and one byte, so that a caller moves on. */
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xE2\x82", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
}

/* ---- JSON strings ------------------------------------------------------ */

static void assert_quoted(const char *in, const char *want)
{
	char buf[256];
	size_t n = json_quote(in, buf, sizeof buf);
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
	assert_int_equal(json_quote(in, NULL, 0), n); /* sizing call */
}

static void test_json_quote(void **state)
{
	(void)state;
	assert_quoted("séance", "\"séance\"");
	assert_quoted(NULL, "\"\"");
	assert_quoted("a\"b\\c", "\"a\\\"b\\\\c\"");
	assert_quoted("l1\nl2\tx\r", "\"l1\\nl2\\tx\\r\"");
	assert_quoted("\x01\x1F\x7F", "\"\\u0001\\u001f\\u007f\"");
	/* Every byte that does not start a valid sequence becomes U+FFFD. */
	assert_quoted("a\xFF" "b", "\"a\xEF\xBF\xBD" "b\"");
	assert_quoted("\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
	assert_quoted("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
	assert_quoted("x\xE2\x82", "\"x\xEF\xBF\xBD\xEF\xBF\xBD\"");
	assert_quoted("\xF4\x90\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

static void test_json_quote_truncated(void **state)
{
	(void)state;
	char buf[5];
	memset(buf, 'z', sizeof buf);
	assert_int_equal(json_quote("abcdef", buf, sizeof buf), 8); /* the whole length, as snprintf */
	assert_string_equal(buf, "\"abc");
	assert_int_equal(json_quote("abcdef", buf, 1), 8);
	assert_string_equal(buf, "");
}

/* ---- Numbers ----------------------------------------------------------- */

static int parse(const char *s, unsigned long long min, unsigned long long max, unsigned long long *v)
{
	return parse_uint(s, NULL, min, max, v);
}

static void test_parse_uint(void **state)
{
	(void)state;
	unsigned long long v = 99;
	assert_int_equal(parse("0", 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse("007", 1, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(parse("256", 1, 256, &v), 0);
	assert_int_equal(v, 256);
	assert_int_equal(parse("18446744073709551615", 0, ULLONG_MAX, &v), 0);
	assert_true(v == ULLONG_MAX);
	v = 99;
	/* Out of range, and the value is left alone. */
	assert_int_equal(parse("257", 1, 256, &v), -1);
	assert_int_equal(parse("0", 1, 256, &v), -1);
	assert_int_equal(parse("5", 0, 0, &v), -1);
	assert_int_equal(parse("18446744073709551616", 0, ULLONG_MAX, &v), -1); /* overflow */
	assert_int_equal(parse("99999999999999999999999", 0, ULLONG_MAX, &v), -1);
	assert_int_equal(v, 99);
	/* Digits only. */
	static const char *const bad[] = {"", "-1", "+1", " 1", "1 ", "0x10", "1e3", "1.0", "12a", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(parse(bad[i], 0, 1000, &v), -1);
	assert_int_equal(parse_uint(NULL, NULL, 0, 10, &v), -1);
	assert_int_equal(v, 99);
}

static void test_parse_uint_span(void **state)
{
	(void)state;
	const char *s = "12/34";
	const char *slash = strchr(s, '/');
	unsigned long long a, b;
	assert_int_equal(parse_uint(s, slash, 1, 100, &a), 0);
	assert_int_equal(parse_uint(slash + 1, NULL, 1, 100, &b), 0);
	assert_int_equal(a, 12);
	assert_int_equal(b, 34);
	assert_int_equal(parse_uint(s, s, 0, 100, &a), -1); /* empty span */
}

/* ---- Files ------------------------------------------------------------- */

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/delib-test-sys.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void path_in(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", dir, name);
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The names in dir, other than "." and "..", as one line. */
static void list_dir(char *out, size_t cap)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	out[0] = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			snprintf(out + strlen(out), cap - strlen(out), "%s ", e->d_name);
	closedir(d);
}

/* The folder holds exactly these names (each followed by a space), so no
 * temporary file was left. */
static void assert_dir_holds(const char *want)
{
	char names[512];
	list_dir(names, sizeof names);
	assert_string_equal(names, want);
}

static void assert_file(const char *path, const char *text)
{
	char *data;
	size_t size;
	assert_int_equal(sys_read_file(path, SIZE_MAX, &data, &size), 0);
	assert_int_equal(size, strlen(text));
	assert_memory_equal(data, text, size);
	free(data);
}

static void test_read_file(void **state)
{
	(void)state;
	char path[128], *data = (char *)"x";
	size_t size = 1;
	path_in(path, sizeof path, "ten");
	put_file(path, "0123456789");
	assert_int_equal(sys_read_file(path, 10, &data, &size), 0); /* exactly the limit */
	assert_int_equal(size, 10);
	assert_memory_equal(data, "0123456789", 10);
	assert_int_equal(data[10], 0);
	free(data);
	assert_int_equal(sys_read_file(path, 9, &data, &size), SYS_TOO_LARGE);
	assert_null(data);
	assert_int_equal(size, 10);
	path_in(path, sizeof path, "missing");
	assert_int_equal(sys_read_file(path, SIZE_MAX, &data, &size), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(sys_read_file(dir, SIZE_MAX, &data, &size), -1);
	assert_int_equal(errno, EISDIR);
	path_in(path, sizeof path, "empty");
	put_file(path, "");
	assert_int_equal(sys_read_file(path, SIZE_MAX, &data, &size), 0);
	assert_int_equal(size, 0);
	free(data);
}

static void test_write_atomic(void **state)
{
	(void)state;
	char path[128];
	struct stat st;
	path_in(path, sizeof path, "out.pdf");
	assert_int_equal(sys_write_atomic(path, "first", 5, SYS_SYNC), 0);
	assert_file(path, "first");
	assert_int_equal(sys_write_atomic(path, "second!", 7, SYS_NOSYNC), 0);
	assert_file(path, "second!");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_dir_holds("out.pdf "); /* no temporary left */
}

/* The rename fails (the target is a folder): the folder stays, and the
 * temporary written beside it is removed. */
static void test_write_atomic_rename_fails(void **state)
{
	(void)state;
	char path[128], inside[160];
	path_in(path, sizeof path, "target");
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(inside, sizeof inside, "%s/kept", path);
	put_file(inside, "old");
	assert_int_equal(sys_write_atomic(path, "new", 3, SYS_SYNC), -1);
	assert_true(errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST);
	assert_file(inside, "old");
	assert_dir_holds("target ");
}

/* The write fails half-way (a file size limit stands for a full disk):
 * the old file keeps its bytes and no temporary is left. */
static void test_write_atomic_write_fails(void **state)
{
	(void)state;
	char path[128], big[4096];
	path_in(path, sizeof path, "report.json");
	put_file(path, "old report");
	memset(big, 'x', sizeof big);
	struct rlimit saved, small = {.rlim_cur = 100};
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	small.rlim_max = saved.rlim_max;
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN); /* write fails with EFBIG instead */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int rc = sys_write_atomic(path, big, sizeof big, SYS_SYNC);
	int err = errno;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, old_handler);
	assert_int_equal(rc, -1);
	assert_int_equal(err, EFBIG);
	assert_file(path, "old report");
	assert_dir_holds("report.json ");
}

/* No folder to write in: nothing is created. */
static void test_write_atomic_no_folder(void **state)
{
	(void)state;
	char path[128];
	path_in(path, sizeof path, "missing/out.pdf");
	assert_int_equal(sys_write_atomic(path, "x", 1, SYS_SYNC), -1);
	assert_int_equal(errno, ENOENT);
	assert_dir_holds("");
}

/* A streamed file: nothing under its name until committed; an abort
 * leaves the old file and no temporary. */
static void test_atomic_stream(void **state)
{
	(void)state;
	char path[128];
	path_in(path, sizeof path, "stream.json");
	put_file(path, "old");
	sys_atomic a;
	assert_int_equal(sys_atomic_open(&a, path), 0);
	FILE *f = sys_atomic_stream(&a);
	assert_non_null(f);
	fputs("{\"new\": true}", f);
	assert_file(path, "old");
	sys_atomic_abort(&a);
	assert_file(path, "old");
	assert_dir_holds("stream.json ");
	assert_int_equal(sys_atomic_open(&a, path), 0);
	fputs("{\"new\": true}", sys_atomic_stream(&a));
	assert_int_equal(sys_atomic_commit(&a, SYS_SYNC), 0);
	assert_file(path, "{\"new\": true}");
	assert_dir_holds("stream.json ");
}

/* ---- remembered digests (hash_cache.c) -------------------------------- */

/* The digest of path, hashed here the plain way. */
static void plain_digest(const char *path, uint8_t out[HASH_SIZE])
{
	hash_ctx h;
	hash_init(&h);
	assert_int_equal(hash_file(&h, path), 0);
	hash_final(&h, out);
}

static int count_entries(const char *folder)
{
	DIR *d = opendir(folder);
	int n = 0;
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void test_digest_cache(void **state)
{
	(void)state;
	char cache[128], entries[160], a[128], b[128], c[128];
	snprintf(cache, sizeof cache, "%s/cache", dir);
	snprintf(entries, sizeof entries, "%s/sha256", cache);
	snprintf(a, sizeof a, "%s/a.ttf", dir);
	snprintf(b, sizeof b, "%s/b.ttf", dir);
	snprintf(c, sizeof c, "%s/c.ttf", dir);
	setenv("DELIB_CACHE_DIR", cache, 1);
	write_text(a, "une police");
	write_text(b, "une autre!");  /* the same size */
	write_text(c, "troisième");
	uint8_t want[HASH_SIZE], got[HASH_SIZE];

	/* Changed a moment ago: right, but not remembered (two writes within a
	 * tick of the file system's clock would look alike). */
	plain_digest(a, want);
	assert_int_equal(hash_file_digest(a, got), 0);
	assert_memory_equal(got, want, HASH_SIZE);
	assert_int_equal(count_entries(entries), 0);

	/* Past the window (the change time cannot be set back): remembered,
	 * then read back. */
	sleep(3);
	assert_int_equal(hash_file_digest(a, got), 0);
	assert_memory_equal(got, want, HASH_SIZE);
	assert_int_equal(count_entries(entries), 1);
	assert_int_equal(hash_file_digest(a, got), 0);
	assert_memory_equal(got, want, HASH_SIZE);

	/* Another file of the same size renamed over it: another identity,
	 * hashed again. */
	assert_int_equal(rename(b, a), 0);
	plain_digest(a, want);
	assert_int_equal(hash_file_digest(a, got), 0);
	assert_memory_equal(got, want, HASH_SIZE);

	/* A folder others may write to is neither trusted nor written. */
	assert_int_equal(chmod(entries, 0777), 0);
	int before = count_entries(entries);
	plain_digest(c, want);
	assert_int_equal(hash_file_digest(c, got), 0);
	assert_memory_equal(got, want, HASH_SIZE);
	assert_int_equal(count_entries(entries), before);
	assert_int_equal(chmod(entries, 0700), 0);

	/* Empty: no cache at all; a missing file is an error. */
	setenv("DELIB_CACHE_DIR", "", 1);
	assert_int_equal(hash_file_digest(c, got), 0);
	assert_memory_equal(got, want, HASH_SIZE);
	assert_int_equal(hash_file_digest(b, got), -1);
	unsetenv("DELIB_CACHE_DIR");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_edges),
		cmocka_unit_test(test_utf8_overlong),
		cmocka_unit_test(test_utf8_surrogates),
		cmocka_unit_test(test_utf8_beyond_10ffff),
		cmocka_unit_test(test_utf8_truncated),
		cmocka_unit_test(test_utf8_decode_encode),
		cmocka_unit_test(test_json_quote),
		cmocka_unit_test(test_json_quote_truncated),
		cmocka_unit_test(test_parse_uint),
		cmocka_unit_test(test_parse_uint_span),
		cmocka_unit_test_setup_teardown(test_read_file, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_write_atomic, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_write_atomic_rename_fails, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_write_atomic_write_fails, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_write_atomic_no_folder, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_atomic_stream, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_digest_cache, make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
