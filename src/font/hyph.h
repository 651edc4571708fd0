/* SPDX-License-Identifier: Apache-2.0 */
/* French hyphenation through libhyphen and Debian's hyphen-fr patterns. */
#ifndef DELIB_HYPH_H
#define DELIB_HYPH_H

typedef struct hyph hyph;

hyph *hyph_new(const char *dic_path);   /* NULL when the patterns cannot be read */
void hyph_free(hyph *h);
/* Marks in breaks[i] (i in bytes, 0..len-1) a 1 where the word may be split
 * after byte i. Returns the number of break points (0 when none or on error). */
int hyph_points(const hyph *h, const char *word, int len, char *breaks);
#endif
