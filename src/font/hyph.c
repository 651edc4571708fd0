/* SPDX-License-Identifier: Apache-2.0 */
#include "hyph.h"
#include "font.h"
#include "hyph_cache.h"
#include <hyphen.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The patterns are parsed at the first word to cut, not with the context:
 * a command or a document that never cuts a word (validate of a short
 * text, the template list) does not pay for them. */
/* Words come back: a document cuts the same words at many line ends, a
 * batch or a service context at every document. Their break points are
 * remembered in a small table, cleared when three quarters full (the
 * answer for a word never changes, so neither does the output). */
#define MEMO_SLOTS 4096  /* a power of two; 256 KiB, the long words of a few documents */
#define MEMO_WORD 48     /* [bytes] longer words are not remembered */
typedef struct memo {
	unsigned char len;   /* 0: empty slot */
	char word[MEMO_WORD];
	uint64_t cuts;       /* bit i: a break after byte i */
} memo;

struct hyph {
	HyphenDict *dict;
	int tried;      /* the load was attempted */
	memo *memo;     /* MEMO_SLOTS entries, allocated at the first word */
	int nmemo;
	char path[];    /* the patterns' file */
};

hyph *hyph_new(const char *dic_path)
{
	/* Checked now, so that a missing package is still said at start-up. */
	struct stat st;
	if (stat(dic_path, &st) != 0 || !S_ISREG(st.st_mode) || access(dic_path, R_OK) != 0)
		return NULL;
	size_t n = strlen(dic_path);
	hyph *h = calloc(1, sizeof *h + n + 1);
	if (!h)
		return NULL;
	memcpy(h->path, dic_path, n + 1);
	return h;
}

void hyph_free(hyph *h)
{
	if (!h)
		return;
	if (h->dict)
		hnj_hyphen_free(h->dict);
	free(h->memo);
	free(h);
}

static HyphenDict *dict_of(hyph *h)
{
	if (!h->tried) {
		h->tried = 1;
		h->dict = hyph_cache_load(h->path);
	}
	return h->dict;
}

/* The patterns are lower case; fold the letters French uses (ASCII and
 * Latin-1 capitals, Œ) keeping byte lengths, so break offsets still match. */
static int lower_word(const char *word, int len, char *out)
{
	int i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(word + i, len - i, &cp);
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
			cp += 32;
		else if (cp == 0x152)
			cp = 0x153;
		char enc[4];
		int m = utf8_encode(cp, enc);
		if (m != n)
			return -1;
		memcpy(out + i, enc, (size_t)n);
		i += n;
	}
	out[len] = 0;
	return 0;
}

static memo *memo_slot(hyph *h, const char *word, int len)
{
	if (len >= MEMO_WORD || (!h->memo && !(h->memo = calloc(MEMO_SLOTS, sizeof *h->memo))))
		return NULL;
	uint32_t x = 2166136261u;  /* FNV-1a */
	for (int i = 0; i < len; i++)
		x = (x ^ (unsigned char)word[i]) * 16777619u;
	for (uint32_t i = x & (MEMO_SLOTS - 1);; i = (i + 1) & (MEMO_SLOTS - 1)) {
		memo *m = &h->memo[i];
		if (!m->len || (m->len == len && memcmp(m->word, word, (size_t)len) == 0))
			return m;
	}
}

static int points(hyph *h, const char *word, int len, char *breaks);

int hyph_points(hyph *h, const char *word, int len, char *breaks)
{
	memset(breaks, 0, (size_t)len);
	if (!h || len < 4 || len > 200 || !dict_of(h))
		return 0;
	memo *m = memo_slot(h, word, len);
	if (m && m->len) {
		int count = 0;
		for (int i = 0; i < len; i++)
			if (m->cuts >> i & 1) {
				breaks[i] = 1;
				count++;
			}
		return count;
	}
	int count = points(h, word, len, breaks);
	if (m) {
		if (h->nmemo >= MEMO_SLOTS / 4 * 3) {
			memset(h->memo, 0, MEMO_SLOTS * sizeof *h->memo);
			h->nmemo = 0;
			m = memo_slot(h, word, len);
		}
		m->len = (unsigned char)len;
		memcpy(m->word, word, (size_t)len);
		m->cuts = 0;
		for (int i = 0; i < len; i++)
			if (breaks[i])
				m->cuts |= (uint64_t)1 << i;
		h->nmemo++;
	}
	return count;
}

/* The break points from libhyphen. */
static int points(hyph *h, const char *word, int len, char *breaks)
{
	char lower[256], hyphens[256 + 5], hyphenated[512];
	if (lower_word(word, len, lower) != 0)
		return 0;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate2(h->dict, lower, len, hyphens, hyphenated, &rep, &pos, &cut) != 0)
		return 0;
	/* With a UTF-8 dictionary libhyphen indexes `hyphens` by character,
	 * not by byte: walk the word to map each character to its last byte. */
	int count = 0, ci = 0;
	for (int i = 0; i < len; ci++) {
		uint32_t cp;
		int n = utf8_decode(word + i, len - i, &cp);
		i += n;
		if (i < len && (hyphens[ci] & 1) && !rep) {
			breaks[i - 1] = 1;
			count++;
		}
	}
	if (rep) {
		/* Non-standard hyphenation (none in French patterns): ignore. */
		for (int i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	return count;
}
