/* SPDX-License-Identifier: Apache-2.0 */
/* LD_PRELOAD shim for tests/batch/io.sh: makes the file system fail under
 * one folder, as a read-only mount, a permission error or a full disk do,
 * whoever runs the test (root ignores permission bits).
 *   FAILFS_UNDER=PATH   the folder (prefix of the paths given to the calls)
 *   FAILFS_ERRNO=EROFS|EACCES|ENOSPC
 * EROFS and EACCES: mkdir and the temporary files (mkostemp, mkstemp) under
 * PATH fail with it. ENOSPC: they succeed, and every write to a file
 * created there fails. Nothing else is changed. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Exported whatever the project's default visibility (hidden). */
#define SHIM __attribute__((visibility("default")))
SHIM int mkdir(const char *path, mode_t mode);
SHIM int mkostemp(char *tmpl, int flags);
SHIM int mkstemp(char *tmpl);
SHIM ssize_t write(int fd, const void *buf, size_t n);
SHIM int close(int fd);

static int mode(void)
{
	const char *e = getenv("FAILFS_ERRNO");
	if (!e)
		return 0;
	return strcmp(e, "EROFS") == 0 ? EROFS : strcmp(e, "EACCES") == 0 ? EACCES : strcmp(e, "ENOSPC") == 0 ? ENOSPC : 0;
}

static int under(const char *path)
{
	const char *u = getenv("FAILFS_UNDER");
	return u && *u && path && strncmp(path, u, strlen(u)) == 0;
}

static unsigned char full[4096]; /* descriptors of files created under the folder (ENOSPC) */

int mkdir(const char *path, mode_t m)
{
	static int (*real)(const char *, mode_t);
	if (!real)
		real = (int (*)(const char *, mode_t))dlsym(RTLD_NEXT, "mkdir");
	int e = mode();
	struct stat st;
	/* An existing folder stays EEXIST, as on a read-only mount. */
	if (e && e != ENOSPC && under(path) && stat(path, &st) != 0) {
		errno = e;
		return -1;
	}
	return real(path, m);
}

static int made(char *tmpl, int fd)
{
	if (fd >= 0 && fd < (int)sizeof full && mode() == ENOSPC && under(tmpl))
		full[fd] = 1;
	return fd;
}

int mkostemp(char *tmpl, int flags)
{
	static int (*real)(char *, int);
	if (!real)
		real = (int (*)(char *, int))dlsym(RTLD_NEXT, "mkostemp");
	int e = mode();
	if (e && e != ENOSPC && under(tmpl)) {
		errno = e;
		return -1;
	}
	return made(tmpl, real(tmpl, flags));
}

int mkstemp(char *tmpl)
{
	static int (*real)(char *);
	if (!real)
		real = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp");
	int e = mode();
	if (e && e != ENOSPC && under(tmpl)) {
		errno = e;
		return -1;
	}
	return made(tmpl, real(tmpl));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (fd >= 0 && fd < (int)sizeof full && full[fd]) {
		errno = ENOSPC;
		return -1;
	}
	return real(fd, buf, n);
}

int close(int fd)
{
	static int (*real)(int);
	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (fd >= 0 && fd < (int)sizeof full)
		full[fd] = 0;
	return real(fd);
}
