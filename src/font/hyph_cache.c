/* SPDX-License-Identifier: Apache-2.0 */
/* The French patterns, compiled once per machine.
 *
 * libhyphen builds its automaton from the patterns' text at every load:
 * 10.5 M instructions, a twentieth of a cold render of the sample, for a
 * result that never changes while the file does not. libhyphen has no way
 * to save what it built, and no other library reads its dictionaries, so
 * the automaton is written here, field by field, to a file of the per-user
 * cache named after the patterns file's identity (sys_file_identity), and
 * read back at the next start in a fraction of the cost.
 *
 * The entry is only ours (a folder of our own, mode 0700), but a file cut
 * short, damaged or left by another version must not make libhyphen read
 * out of bounds: the entry carries a checksum, and what is read back is
 * checked to be an automaton libhyphen itself
 * could have built — a tree from state 0 that reaches every state once,
 * fallbacks towards shorter states (so a lookup ends), matches no longer
 * than their state's depth plus one (libhyphen's own bound, which its
 * hyphenation relies on), no empty NOHYPHEN string, no replacement rules
 * (none in French) — or refused, and the
 * patterns are then loaded as usual. Native byte order: the cache never
 * leaves the machine. */
#include "hyph_cache.h"
#include "lsan.h"
#include "sys.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAGIC "delib-hyphen-1\n"
#define RACY_SECONDS 2     /* a patterns file changed this recently is not remembered */
#define MAX_ENTRY (8 << 20)  /* [bytes] the French automaton takes about 200 KiB */
#define MAX_LEVELS 4

/* FNV-1a, 64 bits, of the entry's bytes, kept at its end: a sector gone
 * bad or a byte changed is seen before the checks below even start (an
 * accident, not an attack: the folder is ours alone). */
static uint64_t checksum(const char *p, size_t n)
{
	uint64_t x = 14695981039346656037u;
	for (size_t i = 0; i < n; i++)
		x = (x ^ (unsigned char)p[i]) * 1099511628211u;
	return x;
}

/* ---- Writing ----------------------------------------------------------- */

typedef struct out {
	char *data;
	size_t len, cap;
	int failed;
} out;

static void put(out *o, const void *p, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 65536;
		while (cap < o->len + n)
			cap *= 2;
		char *d = cap <= MAX_ENTRY ? realloc(o->data, cap) : NULL;
		if (!d) {
			o->failed = 1;
			return;
		}
		o->data = d;
		o->cap = cap;
	}
	memcpy(o->data + o->len, p, n);
	o->len += n;
}

static void put_int(out *o, int32_t v) { put(o, &v, sizeof v); }

/* A string as its length and bytes; -1 for NULL. */
static void put_string(out *o, const char *s)
{
	if (!s) {
		put_int(o, -1);
		return;
	}
	size_t n = strlen(s);
	put_int(o, (int32_t)n);
	put(o, s, n);
}

/* The NOHYPHEN list as libhyphen keeps it: nohyphenl + 1 strings end to
 * end, each with its NUL; -1 for none. */
static void put_nohyphen(out *o, const HyphenDict *d)
{
	put_int(o, d->nohyphen ? d->nohyphenl : -1);
	if (!d->nohyphen)
		return;
	size_t n = 0;
	for (int i = 0; i <= d->nohyphenl; i++)
		n += strlen(d->nohyphen + n) + 1;
	put_int(o, (int32_t)n);
	put(o, d->nohyphen, n);
}

static int put_level(out *o, const HyphenDict *d)
{
	put_int(o, d->lhmin);
	put_int(o, d->rhmin);
	put_int(o, d->clhmin);
	put_int(o, d->crhmin);
	put_int(o, d->utf8);
	put_nohyphen(o, d);
	put(o, d->cset, sizeof d->cset);
	put_int(o, d->num_states);
	for (int i = 0; i < d->num_states; i++) {
		const HyphenState *s = &d->states[i];
		if (s->repl)
			return -1;  /* replacement rules are not kept (none in French) */
		put_int(o, s->fallback_state);
		put_string(o, s->match);
		put_int(o, s->num_trans);
		for (int k = 0; k < s->num_trans; k++) {
			put_int(o, (unsigned char)s->trans[k].ch);
			put_int(o, s->trans[k].new_state);
		}
	}
	return 0;
}

static void store(const char *entry, const HyphenDict *dict)
{
	out o = {0};
	int levels = 0;
	for (const HyphenDict *d = dict; d; d = d->nextlevel)
		levels++;
	put(&o, MAGIC, sizeof MAGIC);
	put_int(&o, levels);
	for (const HyphenDict *d = dict; d; d = d->nextlevel)
		if (put_level(&o, d) != 0)
			o.failed = 1;
	uint64_t sum = checksum(o.data, o.len);
	put(&o, &sum, sizeof sum);
	if (!o.failed && levels <= MAX_LEVELS)
		(void)sys_write_atomic(entry, o.data, o.len, SYS_NOSYNC);  /* a cache: failing is fine */
	free(o.data);
}

/* ---- Reading ----------------------------------------------------------- */

typedef struct in {
	const char *p, *end;
	int bad;
} in;

static int32_t get_int(in *r)
{
	int32_t v = 0;
	if (r->end - r->p < (long)sizeof v) {
		r->bad = 1;
		return 0;
	}
	memcpy(&v, r->p, sizeof v);
	r->p += sizeof v;
	return v;
}

/* A malloc'd copy of a string written by put_string (hnj_hyphen_free frees
 * each one); *present = 0 for NULL. */
static char *get_string(in *r, int *present)
{
	int32_t n = get_int(r);
	*present = n >= 0;
	if (r->bad || n < 0)
		return NULL;
	char *s = n <= r->end - r->p ? malloc((size_t)n + 1) : NULL;
	if (!s || memchr(r->p, 0, (size_t)n)) {
		free(s);
		r->bad = 1;
		return NULL;
	}
	memcpy(s, r->p, (size_t)n);
	s[n] = 0;
	r->p += n;
	return s;
}

/* The list put_nohyphen wrote, into d: each of its nohyphenl + 1 strings
 * not empty (libhyphen's search for an empty one would run past the word). */
static int get_nohyphen(in *r, HyphenDict *d)
{
	int32_t count = get_int(r);
	if (r->bad || count == -1)
		return r->bad ? -1 : 0;
	int32_t n = get_int(r);
	if (r->bad || count < 0 || count > 1000 || n <= 0 || n > r->end - r->p || !(d->nohyphen = malloc((size_t)n)))
		return -1;
	memcpy(d->nohyphen, r->p, (size_t)n);
	r->p += n;
	d->nohyphenl = count;
	int32_t at = 0;
	for (int i = 0; i <= count; i++) {
		const char *nul = at < n ? memchr(d->nohyphen + at, 0, (size_t)(n - at)) : NULL;
		if (!nul || nul == d->nohyphen + at)
			return -1;
		at = (int32_t)(nul - d->nohyphen) + 1;
	}
	return at == n ? 0 : -1;
}

static int get_state(in *r, HyphenState *s, int num_states)
{
	int present;
	s->fallback_state = get_int(r);
	s->match = get_string(r, &present);
	s->repl = NULL;
	s->replindex = s->replcut = 0;
	s->num_trans = get_int(r);
	if (r->bad || s->fallback_state < -1 || s->fallback_state >= num_states || s->num_trans < 0 ||
	    s->num_trans > 256 || (present && !s->match))
		return -1;
	if (s->num_trans) {
		s->trans = calloc((size_t)s->num_trans, sizeof *s->trans);
		if (!s->trans)
			return -1;
	}
	for (int k = 0; k < s->num_trans; k++) {
		int32_t ch = get_int(r), to = get_int(r);
		if (r->bad || ch < 0 || ch > 255 || to <= 0 || to >= num_states)
			return -1;
		s->trans[k].ch = (char)ch;
		s->trans[k].new_state = to;
	}
	return 0;
}

/* Checks the automaton: see the head of this file. */
static int check_automaton(const HyphenDict *d)
{
	int n = d->num_states, ok = n > 0 && d->states[0].fallback_state == -1;
	int *depth = malloc((size_t)n * sizeof *depth), *queue = malloc((size_t)n * sizeof *queue);
	if (!ok || !depth || !queue) {
		free(depth);
		free(queue);
		return -1;
	}
	for (int i = 0; i < n; i++)
		depth[i] = -1;
	depth[0] = 0;
	int head = 0, tail = 0;
	queue[tail++] = 0;
	while (ok && head < tail) {
		const HyphenState *s = &d->states[queue[head++]];
		for (int k = 0; ok && k < s->num_trans; k++) {
			int to = s->trans[k].new_state;
			ok = depth[to] < 0;  /* reached once: a tree */
			if (ok) {
				depth[to] = depth[queue[head - 1]] + 1;
				queue[tail++] = to;
			}
		}
	}
	ok = ok && tail == n;
	for (int i = 1; ok && i < n; i++) {
		const HyphenState *s = &d->states[i];
		ok = s->fallback_state >= 0 && depth[s->fallback_state] < depth[i] &&
		     (!s->match || strlen(s->match) <= (size_t)depth[i] + 1);
	}
	free(depth);
	free(queue);
	return ok ? 0 : -1;
}

static HyphenDict *get_level(in *r)
{
	HyphenDict *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->lhmin = (char)get_int(r);
	d->rhmin = (char)get_int(r);
	d->clhmin = (char)get_int(r);
	d->crhmin = (char)get_int(r);
	d->utf8 = get_int(r);
	if (get_nohyphen(r, d) != 0)
		r->bad = 1;
	if (!r->bad && r->end - r->p >= (long)sizeof d->cset) {
		memcpy(d->cset, r->p, sizeof d->cset);
		d->cset[sizeof d->cset - 1] = 0;
		r->p += sizeof d->cset;
	} else {
		r->bad = 1;
	}
	int n = get_int(r);
	/* Each state takes at least 12 bytes of the entry: n is bounded by it. */
	if (r->bad || n <= 0 || n > (r->end - r->p) / 12 || !(d->states = calloc((size_t)n, sizeof *d->states))) {
		hnj_hyphen_free(d);
		return NULL;
	}
	d->num_states = n;
	for (int i = 0; i < n; i++)
		if (get_state(r, &d->states[i], n) != 0) {
			d->num_states = i + 1;  /* what hnj_hyphen_free must release */
			hnj_hyphen_free(d);
			return NULL;
		}
	if (check_automaton(d) != 0) {
		hnj_hyphen_free(d);
		return NULL;
	}
	return d;
}

static HyphenDict *parse_entry(const char *data, size_t size)
{
	uint64_t sum;
	if (size < sizeof MAGIC + sizeof sum || memcmp(data, MAGIC, sizeof MAGIC) != 0)
		return NULL;
	size -= sizeof sum;
	memcpy(&sum, data + size, sizeof sum);
	if (sum != checksum(data, size))
		return NULL;
	in r = {data, data + size, 0};
	r.p += sizeof MAGIC;
	int levels = get_int(&r);
	if (r.bad || levels < 1 || levels > MAX_LEVELS)
		return NULL;
	HyphenDict *first = NULL, **link = &first;
	for (int i = 0; i < levels; i++) {
		HyphenDict *d = get_level(&r);
		if (!d) {
			if (first)
				hnj_hyphen_free(first);
			return NULL;
		}
		*link = d;
		link = &d->nextlevel;
	}
	if (r.p != r.end) {  /* trailing bytes: not an entry we wrote */
		hnj_hyphen_free(first);
		return NULL;
	}
	return first;
}

/* ---- The cache ----------------------------------------------------------- */

/* The file at path still has this identity and has not changed in the
 * last seconds (two writes within one tick of the file system's clock would
 * keep the same times): what was just loaded from it may be remembered. */
static int unchanged_since(const char *path, const char *identity)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char now_identity[160];
	time_t changed;
	int same = sys_file_identity(fd, now_identity, sizeof now_identity, &changed) == 0 &&
	           strcmp(identity, now_identity) == 0;
	close(fd);
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return same && now.tv_sec - changed > RACY_SECONDS;
}

HyphenDict *hyph_cache_load(const char *dic_path)
{
	int fd = open(dic_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	char identity[160], dir[4096], entry[4400];
	time_t changed;  /* not used here: unchanged_since checks it after the load */
	int cached = sys_file_identity(fd, identity, sizeof identity, &changed) == 0 &&
	             sys_cache_dir("hyphen", dir, sizeof dir) &&
	             snprintf(entry, sizeof entry, "%s/%s", dir, identity) < (int)sizeof entry;
	close(fd);
	HyphenDict *dict = NULL;
	char *data;
	size_t size;
	if (cached && sys_read_file(entry, MAX_ENTRY, &data, &size) == 0) {
		dict = parse_entry(data, size);
		free(data);
		if (dict)
			return dict;
	}
	LIBRARY_LEAKS_BEGIN();  /* libhyphen loses a few bytes per load (lsan.h) */
	dict = hnj_hyphen_load(dic_path);
	LIBRARY_LEAKS_END();
	if (dict && cached && unchanged_since(dic_path, identity))
		store(entry, dict);
	return dict;
}
