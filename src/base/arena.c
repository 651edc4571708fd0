/* SPDX-License-Identifier: Apache-2.0 */
#include "arena.h"
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE (64 * 1024)

struct arena_chunk {
	arena_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

void arena_init(arena *a) { memset(a, 0, sizeof *a); }

static void free_chunks(arena_chunk *c)
{
	while (c) {
		arena_chunk *next = c->next;
		free(c);
		c = next;
	}
}

void arena_free(arena *a)
{
	free_chunks(a->head);
	free_chunks(a->spare);
	memset(a, 0, sizeof *a);
}

void arena_reset(arena *a, size_t keep)
{
	size_t kept = 0;
	arena_chunk *c = a->head, *spare = a->spare;
	for (arena_chunk *s = spare; s; s = s->next)
		kept += s->cap;
	while (c) {
		arena_chunk *next = c->next;
		if (kept + c->cap <= keep) {
			c->used = 0;
			c->next = spare;
			spare = c;
			kept += c->cap;
		} else {
			free(c);
		}
		c = next;
	}
	a->head = NULL;
	a->spare = spare;
	a->total = 0;
	a->failed = 0;
}

static arena_chunk *new_chunk(arena *a, size_t need)
{
	size_t cap = need > CHUNK_SIZE ? need : CHUNK_SIZE;
	/* The bound counts the chunks in use, reused or new. */
	if (a->limit && a->total + cap > a->limit) {
		a->failed = 1;  /* a render's memory bound (delib_options.memory_limit) */
		return NULL;
	}
	for (arena_chunk **s = &a->spare; *s; s = &(*s)->next) {
		if ((*s)->cap >= need) {
			arena_chunk *c = *s;
			*s = c->next;
			c->used = 0;
			c->next = a->head;
			a->head = c;
			a->total += c->cap;
			return c;
		}
	}
	arena_chunk *c = malloc(sizeof *c + cap);
	if (!c) {
		a->failed = 1;
		return NULL;
	}
	c->used = 0;
	c->cap = cap;
	c->next = a->head;
	a->head = c;
	a->total += cap;
	return c;
}

/* Memory from the current chunk, not cleared. */
static void *arena_take(arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	if (size == 0)
		size = align;
	arena_chunk *c = a->head;
	if (!c || c->cap - c->used < size) {
		c = new_chunk(a, size);
		if (!c)
			return NULL;
	}
	void *p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

void *arena_alloc(arena *a, size_t size)
{
	void *p = arena_take(a, size);
	if (p)
		memset(p, 0, size);
	return p;
}

char *arena_take_bytes(arena *a, size_t size) { return arena_take(a, size ? size : 1); }

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = arena_take(a, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = 0;
	}
	return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void *arena_grow(arena *a, void *old, size_t size, int *cap, int need)
{
	if (need <= *cap)
		return old;
	/* Small first: most arrays (a line's runs, a cell's items) stay at a
	 * few elements, and arrays started at 16 were half of the layout's
	 * memory, each fresh page a fault. */
	int ncap = *cap ? *cap * 2 : 4;
	while (ncap < need)
		ncap *= 2;
	/* The last allocation of the current chunk grows where it is, when
	 * the chunk has room: no copy, and no dead array left behind. */
	const size_t align = sizeof(max_align_t);
	arena_chunk *c = a->head;
	if (old && c && *cap > 0) {
		size_t old_bytes = (size * (size_t)*cap + align - 1) / align * align;
		size_t new_bytes = (size * (size_t)ncap + align - 1) / align * align;
		char *top = (char *)c->data + c->used;
		if ((char *)old + old_bytes == top && c->cap - c->used >= new_bytes - old_bytes) {
			c->used += new_bytes - old_bytes;
			*cap = ncap;
			return old;
		}
	}
	/* Growing arrays are filled by their callers: copy what exists and
	 * leave the rest uncleared (clearing was a fifth of layout time). */
	void *p = arena_take(a, size * (size_t)ncap);
	if (!p)
		return NULL;
	if (old)
		memcpy(p, old, size * (size_t)*cap);
	*cap = ncap;
	return p;
}
