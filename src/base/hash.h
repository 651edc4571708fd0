/* SPDX-License-Identifier: Apache-2.0 */
/* SHA-256 (through nettle) for reproducibility fingerprints: the hash of a
 * batch document's inputs, the fonts a PDF records, the PDF's /ID. */
#ifndef DELIB_HASH_H
#define DELIB_HASH_H
#include <stddef.h>
#include <stdint.h>

typedef struct hash_ctx {
	unsigned char state[128];  /* a struct sha256_ctx, kept opaque here */
} hash_ctx;

#define HASH_SIZE 32
#define HASH_HEX_SIZE 65  /* 64 hex digits and a NUL */

void hash_init(hash_ctx *h);
void hash_update(hash_ctx *h, const void *data, size_t len);
void hash_final(hash_ctx *h, uint8_t out[HASH_SIZE]);
void hash_hex(const uint8_t digest[HASH_SIZE], char out[HASH_HEX_SIZE]);
/* Hashes a whole file into h; -1 when it cannot be read. */
int hash_file(hash_ctx *h, const char *path);
/* Hashes the first size bytes of a file into h; -1 when it cannot be read
 * or is shorter. */
int hash_file_prefix(hash_ctx *h, const char *path, size_t size);
/* The SHA-256 of a whole file into out, remembered between processes by
 * the file's identity (hash_cache.c: $DELIB_CACHE_DIR, else the XDG cache
 * folder's delib/sha256/); -1 when the file cannot be read. */
int hash_file_digest(const char *path, uint8_t out[HASH_SIZE]);
#endif
