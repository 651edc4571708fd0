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

void arena_free(arena *a)
{
	arena_chunk *c = a->head;
	while (c) {
		arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	memset(a, 0, sizeof *a);
}

static arena_chunk *new_chunk(arena *a, size_t need)
{
	size_t cap = need > CHUNK_SIZE ? need : CHUNK_SIZE;
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

void *arena_alloc(arena *a, size_t size)
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
	memset(p, 0, size);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (p)
		memcpy(p, s, len);
	return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void *arena_grow(arena *a, void *old, size_t size, int *cap, int need)
{
	if (need <= *cap)
		return old;
	int ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	void *p = arena_alloc(a, size * (size_t)ncap);
	if (!p)
		return NULL;
	if (old)
		memcpy(p, old, size * (size_t)*cap);
	*cap = ncap;
	return p;
}
