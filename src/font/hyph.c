/* SPDX-License-Identifier: Apache-2.0 */
#include "hyph.h"
#include "font.h"
#include "lsan.h"
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

struct hyph {
	HyphenDict *dict;
};

hyph *hyph_new(const char *dic_path)
{
	hyph *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	LIBRARY_LEAKS_BEGIN();  /* libhyphen loses a few bytes per load (lsan.h) */
	h->dict = hnj_hyphen_load(dic_path);
	LIBRARY_LEAKS_END();
	if (!h->dict) {
		free(h);
		return NULL;
	}
	return h;
}

void hyph_free(hyph *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	free(h);
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

int hyph_points(const hyph *h, const char *word, int len, char *breaks)
{
	memset(breaks, 0, (size_t)len);
	if (!h || len < 4 || len > 200)
		return 0;
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
