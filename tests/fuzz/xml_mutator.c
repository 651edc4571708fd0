/* SPDX-License-Identifier: Apache-2.0 */
/* A structure-aware mutator for the deliberation fuzzers (libFuzzer's
 * LLVMFuzzerCustomMutator). libFuzzer's byte mutations rarely turn a valid
 * document into another valid one with one telling change, and a document
 * that fails the schema never reaches layout: a 15-minute run of byte
 * mutations (140,355 executions) never produced the table-grid overflow
 * of issue 14, one attribute away from the seed corpus.
 *
 * So, besides libFuzzer's own mutations, three of the vocabulary's
 * (tests/fuzz/vocab.h, derived from the schema by scripts/fuzz_vocab.py):
 *   - a numeric attribute's value replaced by a boundary integer (0, -1,
 *     INT_MAX, INT_MAX + 1, 2^32, 1431655766 …), or any all-digit value;
 *   - an attribute the element may carry added to a start tag, or given a
 *     new value when present: a boundary integer for a number, one of the
 *     enumerated values for an enumeration.
 * One call in four does one of these (half each), the others are
 * libFuzzer's (LLVMFuzzerMutate, which also inserts dictionary words).
 * Each keeps the document well-formed, so most mutants reach the schema
 * and many pass it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "vocab.h"
#include "xml_mutator.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

typedef struct rng {
	uint64_t s;
} rng;

static uint32_t next(rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (uint32_t)(r->s >> 16);
}

static size_t pick(rng *r, size_t n) { return n ? next(r) % n : 0; }

static const struct vocab_element *find_element(const uint8_t *name, size_t n)
{
	for (size_t i = 0; i < sizeof vocab_elements / sizeof *vocab_elements; i++)
		if (strlen(vocab_elements[i].name) == n && memcmp(vocab_elements[i].name, name, n) == 0)
			return &vocab_elements[i];
	return NULL;
}

static int name_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c == ':' || c == '.';
}

/* Replaces data[at, at + old) by rep; 0 if the result would not fit. */
static size_t splice(uint8_t *data, size_t size, size_t max_size, size_t at, size_t old, const char *rep)
{
	size_t n = strlen(rep);
	if (size - old + n > max_size)
		return 0;
	memmove(data + at + n, data + at + old, size - at - old);
	memcpy(data + at, rep, n);
	return size - old + n;
}

static const char *value_for(rng *r, const struct vocab_attr *a)
{
	if (a->kind == VOCAB_ENUM) {
		size_t n = 0;
		while (a->values[n])
			n++;
		return a->values[pick(r, n)];
	}
	size_t n = sizeof vocab_boundary / sizeof *vocab_boundary - 1;
	return vocab_boundary[pick(r, n)];
}

/* One start tag: name at [name, name + nlen), attributes up to end ('>'). */
typedef struct tag {
	size_t name, nlen, end;
} tag;

static size_t find_tags(const uint8_t *d, size_t size, tag *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i + 1 < size; i++) {
		if (d[i] != '<' || !name_char(d[i + 1]))
			continue;
		size_t j = i + 1;
		while (j < size && name_char(d[j]))
			j++;
		size_t k = j;
		while (k < size && d[k] != '>' && d[k] != '<')
			k++;
		if (k >= size || d[k] != '>')
			continue;
		tag t = {i + 1, j - i - 1, k};
		if (n == cap)
			break;  /* the first cap tags: enough for a deliberation's head and body */
		out[n++] = t;
		i = k;
	}
	return n;
}

/* Attribute `name="value"` inside tag t: offsets of the value, or 0. */
static int find_value(const uint8_t *d, const tag *t, const char *name, size_t *v0, size_t *v1)
{
	size_t nl = strlen(name);
	for (size_t i = t->name + t->nlen; i + nl + 2 <= t->end; i++) {
		if ((d[i - 1] != ' ' && d[i - 1] != '\t' && d[i - 1] != '\n') || memcmp(d + i, name, nl) != 0 ||
		    d[i + nl] != '=' || (d[i + nl + 1] != '"' && d[i + nl + 1] != '\''))
			continue;
		uint8_t q = d[i + nl + 1];
		size_t j = i + nl + 2;
		while (j < t->end && d[j] != q)
			j++;
		if (j >= t->end)
			return 0;
		*v0 = i + nl + 2;
		*v1 = j;
		return 1;
	}
	return 0;
}

/* Sets one attribute of one known element (new value, or a new
 * attribute): a pair (start tag, attribute it may carry) drawn among all
 * the document's pairs, a numeric one two times in three, so that every
 * numeric attribute of every element has its chance whatever the length of
 * the document. */
static size_t mutate_attribute(uint8_t *data, size_t size, size_t max_size, rng *r)
{
	enum { CAP = 2048 };
	static tag tags[512];
	static struct cand {
		unsigned short tag;
		const struct vocab_attr *attr;
	} nums[CAP], enums[CAP];
	size_t ntags = find_tags(data, size, tags, sizeof tags / sizeof *tags), nn = 0, ne = 0;
	for (size_t i = 0; i < ntags; i++) {
		const struct vocab_element *e = find_element(data + tags[i].name, tags[i].nlen);
		for (int k = 0; e && k < e->nattrs; k++) {
			if (e->attrs[k].kind == VOCAB_NUMBER && nn < CAP)
				nums[nn++] = (struct cand){(unsigned short)i, &e->attrs[k]};
			else if (e->attrs[k].kind == VOCAB_ENUM && ne < CAP)
				enums[ne++] = (struct cand){(unsigned short)i, &e->attrs[k]};
		}
	}
	if (!nn && !ne)
		return 0;
	const struct cand *c = nn && (!ne || pick(r, 3) < 2) ? &nums[pick(r, nn)] : &enums[pick(r, ne)];
	const tag *t = &tags[c->tag];
	const char *v = value_for(r, c->attr);
	size_t v0, v1;
	if (find_value(data, t, c->attr->name, &v0, &v1))
		return splice(data, size, max_size, v0, v1 - v0, v);
	char ins[160];
	size_t n = (size_t)snprintf(ins, sizeof ins, " %s=\"%s\"", c->attr->name, v);
	return n < sizeof ins ? splice(data, size, max_size, t->name + t->nlen, 0, ins) : 0;
}

/* Replaces one all-digit attribute value (any attribute) by a boundary integer. */
static size_t mutate_number(uint8_t *data, size_t size, size_t max_size, rng *r)
{
	size_t spans[256][2], n = 0, seen = 0;
	for (size_t i = 0; i + 2 < size; i++) {
		if (data[i] != '=' || data[i + 1] != '"' || data[i + 2] < '0' || data[i + 2] > '9')
			continue;
		size_t j = i + 2;
		while (j < size && data[j] >= '0' && data[j] <= '9')
			j++;
		if (j >= size || data[j] != '"')
			continue;
		seen++;
		size_t slot = n < 256 ? n++ : pick(r, seen);
		if (slot < 256) {
			spans[slot][0] = i + 2;
			spans[slot][1] = j;
		}
	}
	if (!n)
		return 0;
	size_t k = pick(r, n);
	size_t nb = sizeof vocab_boundary / sizeof *vocab_boundary - 1;
	return splice(data, size, max_size, spans[k][0], spans[k][1] - spans[k][0], vocab_boundary[pick(r, nb)]);
}

size_t xml_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed)
{
	rng r = {0x9E3779B97F4A7C15ull ^ seed};
	next(&r);
	size_t out = 0;
	switch (pick(&r, 4)) {
	case 0: out = mutate_number(data, size, max_size, &r); break;
	case 1: out = mutate_attribute(data, size, max_size, &r); break;
	default: break;
	}
	return out ? out : LLVMFuzzerMutate(data, size, max_size);
}
