/* SPDX-License-Identifier: Apache-2.0 */
/* The SHA-256 of a whole file, remembered between processes.
 *
 * The fonts a PDF records (their SHA-256, for --compare-with) and the
 * fingerprint of a batch (every font file, the executable) are several
 * megabytes: hashing them again at each start was most of a cold render.
 * A digest is kept in a file named after the hashed file's identity
 * (device, inode, size, modification and change times in nanoseconds), so
 * that a file written since, renamed over or restored with an old mtime
 * (the change time cannot be set back) is hashed again: the digests stay
 * exact. A file changed in the last seconds is not remembered, as two
 * writes within one tick of the file system's clock would keep the same
 * times (the "racy" case of git's index). Any failure of the cache (no
 * folder, read-only, someone else's) only means hashing the file. */
#define _GNU_SOURCE
#include "hash.h"
#include "sys.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RACY_SECONDS 2  /* a file changed this recently is not remembered */

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reads a remembered digest: 64 lower-case hex digits and a newline. */
static int read_entry(const char *path, uint8_t out[HASH_SIZE])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -1;
	char text[HASH_HEX_SIZE + 1];
	ssize_t n = read(fd, text, sizeof text);
	close(fd);
	if (n != HASH_HEX_SIZE || text[64] != '\n')
		return -1;
	for (int i = 0; i < HASH_SIZE; i++) {
		int hi = hex_value(text[2 * i]), lo = hex_value(text[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

static int hash_fd(int fd, uint8_t out[HASH_SIZE])
{
	hash_ctx h;
	hash_init(&h);
	unsigned char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		hash_update(&h, buf, (size_t)n);
	}
	hash_final(&h, out);
	return 0;
}

int hash_file_digest(const char *path, uint8_t out[HASH_SIZE])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char dir[4096], entry[4200], before[160], after[160];
	time_t changed;
	int cached = sys_file_identity(fd, before, sizeof before, &changed) == 0 &&
	             sys_cache_dir("sha256", dir, sizeof dir) &&
	             snprintf(entry, sizeof entry, "%s/%s", dir, before) < (int)sizeof entry;
	if (cached && read_entry(entry, out) == 0) {
		close(fd);
		return 0;
	}
	int rc = hash_fd(fd, out);
	if (rc == 0 && cached && sys_file_identity(fd, after, sizeof after, &changed) == 0 &&
	    strcmp(before, after) == 0) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		if (now.tv_sec - changed > RACY_SECONDS) {
			char text[HASH_HEX_SIZE];
			hash_hex(out, text);
			text[64] = '\n';
			(void)sys_write_atomic(entry, text, sizeof text, SYS_NOSYNC);  /* a cache: failing is fine */
		}
	}
	close(fd);
	return rc;
}
