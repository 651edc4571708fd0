/* SPDX-License-Identifier: Apache-2.0 */
#include "hash.h"
#include <nettle/sha2.h>
#include <stdio.h>

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(((hash_ctx *)0)->state), "hash_ctx too small");

void hash_init(hash_ctx *h) { sha256_init((struct sha256_ctx *)(void *)h->state); }

void hash_update(hash_ctx *h, const void *data, size_t len)
{
	sha256_update((struct sha256_ctx *)(void *)h->state, len, data);
}

void hash_final(hash_ctx *h, uint8_t out[HASH_SIZE])
{
	sha256_digest((struct sha256_ctx *)(void *)h->state, HASH_SIZE, out);
}

void hash_hex(const uint8_t digest[HASH_SIZE], char out[HASH_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < HASH_SIZE; i++) {
		out[2 * i] = digits[digest[i] >> 4];
		out[2 * i + 1] = digits[digest[i] & 15];
	}
	out[64] = 0;
}

int hash_file_prefix(hash_ctx *h, const char *path, size_t size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	unsigned char buf[65536];
	size_t n, left = size;
	while (left > 0 && (n = fread(buf, 1, left < sizeof buf ? left : sizeof buf, f)) > 0) {
		hash_update(h, buf, n);
		left -= n;
	}
	int err = ferror(f);
	fclose(f);
	return err || (size != SIZE_MAX && left > 0) ? -1 : 0;
}

int hash_file(hash_ctx *h, const char *path) { return hash_file_prefix(h, path, SIZE_MAX); }
