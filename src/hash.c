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

int hash_file(hash_ctx *h, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	unsigned char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		hash_update(h, buf, n);
	int err = ferror(f);
	fclose(f);
	return err ? -1 : 0;
}
