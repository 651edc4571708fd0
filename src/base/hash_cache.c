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

/* Creates dir (mode 0700) unless it exists; 0 when it is then a folder. */
static int make_dir(const char *dir)
{
	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

/* The cache folder into buf: $DELIB_CACHE_DIR (empty: no cache), else
 * $XDG_CACHE_HOME/delib, else $HOME/.cache/delib; then its sha256/
 * subfolder, created, owned by us and writable by us alone (a folder others
 * may write to could hand us a false digest). 0 when there is none. */
static int cache_dir(char *buf, size_t cap)
{
	const char *own = getenv("DELIB_CACHE_DIR"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char base[3072];
	int n;
	if (own)
		n = snprintf(base, sizeof base, "%s", own);
	else if (xdg && xdg[0] == '/')
		n = snprintf(base, sizeof base, "%s/delib", xdg);
	else if (home && home[0] == '/')
		n = snprintf(base, sizeof base, "%s/.cache/delib", home);
	else
		return 0;
	if (n <= 0 || (size_t)n >= sizeof base)
		return 0;
	if (!own) {  /* the XDG folder itself may not exist yet */
		char parent[3072];
		memcpy(parent, base, (size_t)n + 1);
		*strrchr(parent, '/') = 0;
		if (make_dir(parent) != 0)
			return 0;
	}
	n = snprintf(buf, cap, "%s/sha256", base);
	if (n <= 0 || (size_t)n >= cap || make_dir(base) != 0 || make_dir(buf) != 0)
		return 0;
	struct stat st;
	if (lstat(buf, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022))
		return 0;
	return 1;
}

/* The entry's name: the file's identity. */
static void entry_name(const struct stat *st, char *buf, size_t cap)
{
	snprintf(buf, cap, "%jx-%jx-%jx-%jd.%09ld-%jd.%09ld", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino,
	         (uintmax_t)st->st_size, (intmax_t)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
	         (intmax_t)st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
}

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

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
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
	struct stat before, after;
	char dir[4096], entry[4200];
	int cached = fstat(fd, &before) == 0 && S_ISREG(before.st_mode) && cache_dir(dir, sizeof dir);
	if (cached) {
		char name[160];
		entry_name(&before, name, sizeof name);
		cached = snprintf(entry, sizeof entry, "%s/%s", dir, name) < (int)sizeof entry;
		if (cached && read_entry(entry, out) == 0) {
			close(fd);
			return 0;
		}
	}
	int rc = hash_fd(fd, out);
	if (rc == 0 && cached && fstat(fd, &after) == 0 && same_file(&before, &after)) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		time_t changed = before.st_mtim.tv_sec > before.st_ctim.tv_sec ? before.st_mtim.tv_sec : before.st_ctim.tv_sec;
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
