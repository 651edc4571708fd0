/* SPDX-License-Identifier: Apache-2.0 */
/* Bump allocator: everything a render builds lives in one arena, freed at once.
 * Why: a render allocates tens of thousands of small objects (words, lines,
 * ops) with one lifetime; an arena makes that fast and leak-proof. */
#ifndef DELIB_ARENA_H
#define DELIB_ARENA_H
#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
	arena_chunk *head;
	arena_chunk *spare;  /* chunks kept by arena_reset for the next use */
	size_t total;   /* [bytes] in the chunks in use (not the spare ones) */
	size_t limit;   /* [bytes] at most this much in use (0: no limit) */
	int failed;     /* set when an allocation failed: callers check once */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
/* Forgets everything allocated but keeps up to `keep` bytes of chunks for
 * the next render: a context rendering many documents then stops asking
 * the system for fresh (page-faulted, zeroed) memory each time. */
void arena_reset(arena *a, size_t keep);
/* Zeroed memory, aligned for any type; NULL (and a->failed set) when out of memory. */
void *arena_alloc(arena *a, size_t size);
/* Uncleared bytes, for buffers the caller fills. */
char *arena_take_bytes(arena *a, size_t size);
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
/* Grows an array of elements of `size` bytes to at least `need` elements;
 * the elements past the old capacity are not cleared. */
void *arena_grow(arena *a, void *old, size_t size, int *cap, int need);
#endif
