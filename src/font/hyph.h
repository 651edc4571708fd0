/* SPDX-License-Identifier: Apache-2.0 */
/* French hyphenation through libhyphen and Debian's hyphen-fr patterns. */
#ifndef DELIB_HYPH_H
#define DELIB_HYPH_H

typedef struct hyph hyph;

/* NULL when the patterns' file is missing or unreadable; the patterns
 * themselves are parsed at the first hyph_points (a context is used by one
 * thread at a time). */
hyph *hyph_new(const char *dic_path);
void hyph_free(hyph *h);
/* Marks in breaks[i] (i in bytes, 0..len-1) a 1 where the word may be split
 * after byte i. Returns the number of break points (0 when none or on error). */
int hyph_points(hyph *h, const char *word, int len, char *breaks);
#endif
