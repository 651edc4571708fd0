/* SPDX-License-Identifier: Apache-2.0 */
/* The hyphenation patterns' automaton, remembered between processes
 * (hyph_cache.c). */
#ifndef DELIB_HYPH_CACHE_H
#define DELIB_HYPH_CACHE_H
#include <hyphen.h>

/* The dictionary of the patterns file dic_path, as hnj_hyphen_load gives
 * it (freed with hnj_hyphen_free): from the per-user cache when an entry
 * for the file's identity is there and sound, else loaded by libhyphen and
 * then remembered. NULL when the file cannot be loaded. */
HyphenDict *hyph_cache_load(const char *dic_path);
#endif
