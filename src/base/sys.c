/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE /* mkostemp */
#include "sys.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

double monotonic_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

struct timespec timespec_after(clockid_t clock, double ms)
{
	struct timespec t;
	clock_gettime(clock, &t);
	long long ns = (long long)t.tv_nsec + (long long)((ms > 0 ? ms : 0) * 1e6);
	t.tv_sec += (time_t)(ns / 1000000000LL);
	t.tv_nsec = (long)(ns % 1000000000LL);
	return t;
}

const char *sys_strerror(int err)
{
	switch (err) {
	case ENOENT: return "fichier ou dossier introuvable";
	case EACCES: return "permission refusée";
	case EPERM: return "opération non permise";
	case ENOSPC: return "plus de place sur le disque";
	case EDQUOT: return "quota de disque dépassé";
	case EROFS: return "système de fichiers en lecture seule";
	case EISDIR: return "c'est un dossier";
	case ENOTDIR: return "un élément du chemin n'est pas un dossier";
	case EEXIST: return "le fichier existe déjà";
	case ENAMETOOLONG: return "nom de fichier trop long";
	case EMFILE:
	case ENFILE: return "trop de fichiers ouverts";
	case ENOMEM: return "mémoire insuffisante";
	case EIO: return "erreur d'entrée-sortie du disque";
	case EXDEV: return "déplacement entre deux systèmes de fichiers impossible";
	case ELOOP: return "trop de liens symboliques";
	case EBUSY: return "ressource occupée";
	case EINVAL: return "argument invalide";
	default: return "erreur du système";
	}
}

/* ---- Reading ---------------------------------------------------------- */

/* Closes fd and frees buf keeping errno; returns -1. */
static int fail_read(int fd, char *buf)
{
	int e = errno;
	free(buf);
	close(fd);
	errno = e;
	return -1;
}

/* Reads fd to its end or to max bytes into a growing buffer; first is the
 * size to start with (the file's size when known). */
static int read_fd(int fd, size_t first, size_t max, char **data, size_t *size)
{
	size_t cap = (first < max ? first : max) + 2, n = 0; /* a byte to see the end, and the NUL */
	char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			errno = ENOMEM;
			return fail_read(fd, NULL);
		}
		if (n + 1 == cap) { /* a pipe, or a file that grew while being read */
			if (n > max)
				break;
			size_t grown = cap - 1 > max / 2 ? max + 2 : cap * 2;
			char *b = realloc(buf, grown);
			if (!b)
				free(buf);
			buf = b;
			cap = grown;
			continue;
		}
		ssize_t got = read(fd, buf + n, cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return fail_read(fd, buf);
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	buf[n] = 0;
	*data = buf;
	*size = n;
	return 0;
}

int sys_read_file(const char *path, size_t limit, char **data, size_t *size)
{
	*data = NULL;
	*size = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0)
		return fail_read(fd, NULL);
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return fail_read(fd, NULL);
	}
	/* A regular file over the limit is refused before reading a byte. */
	int regular = S_ISREG(st.st_mode);
	if (regular && (unsigned long long)st.st_size > limit) {
		close(fd);
		*size = (size_t)st.st_size;
		return SYS_TOO_LARGE;
	}
	size_t max = limit < SIZE_MAX - 2 ? limit : SIZE_MAX - 2; /* room for one byte more and the NUL */
	if (read_fd(fd, regular ? (size_t)st.st_size : 64 * 1024, max, data, size) != 0)
		return -1;
	if (*size > limit) {
		free(*data);
		*data = NULL;
		return SYS_TOO_LARGE;
	}
	return 0;
}

/* ---- Atomic writing --------------------------------------------------- */

static int write_all(int fd, const void *data, size_t size)
{
	const char *p = data;
	while (size) {
		ssize_t n = write(fd, p, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		size -= (size_t)n;
	}
	return 0;
}

static void atomic_free(sys_atomic *a)
{
	free(a->path);
	free(a->tmp);
	a->path = a->tmp = NULL;
	a->fd = -1;
	a->stream = NULL;
}

int sys_atomic_open(sys_atomic *a, const char *path)
{
	memset(a, 0, sizeof *a);
	a->fd = -1;
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	a->path = strdup(path);
	a->tmp = malloc(strlen(path) + 9);
	if (!a->path || !a->tmp) {
		atomic_free(a);
		errno = ENOMEM;
		return -1;
	}
	/* ".NAME.XXXXXX" beside the target: same file system, so the rename is
	 * atomic; the batch sweeps this pattern after a kill -9. */
	memcpy(a->tmp, path, dlen);
	sprintf(a->tmp + dlen, ".%s.XXXXXX", path + dlen);
	a->fd = mkostemp(a->tmp, O_CLOEXEC);
	if (a->fd < 0) {
		int e = errno;
		atomic_free(a);
		errno = e;
		return -1;
	}
	return 0;
}

FILE *sys_atomic_stream(sys_atomic *a)
{
	if (!a->stream)
		a->stream = fdopen(a->fd, "w");
	return a->stream;
}

int sys_atomic_commit(sys_atomic *a, sys_durability d)
{
	int ok = !a->stream || (fflush(a->stream) == 0 && !ferror(a->stream));
	ok = ok && fchmod(a->fd, 0644) == 0 && (d == SYS_NOSYNC || fsync(a->fd) == 0);
	int e = errno;
	int closed = a->stream ? fclose(a->stream) == 0 : close(a->fd) == 0;
	if (ok && !closed)
		e = errno;
	ok = ok && closed;
	if (ok && rename(a->tmp, a->path) != 0) {
		ok = 0;
		e = errno;
	}
	if (!ok)
		unlink(a->tmp);
	atomic_free(a);
	errno = e;
	return ok ? 0 : -1;
}

void sys_atomic_abort(sys_atomic *a)
{
	if (a->stream)
		fclose(a->stream);
	else if (a->fd >= 0)
		close(a->fd);
	if (a->tmp)
		unlink(a->tmp);
	atomic_free(a);
}

int sys_write_atomic(const char *path, const void *data, size_t size, sys_durability d)
{
	sys_atomic a;
	if (sys_atomic_open(&a, path) != 0)
		return -1;
	if (write_all(a.fd, data, size) != 0) {
		int e = errno;
		sys_atomic_abort(&a);
		errno = e;
		return -1;
	}
	return sys_atomic_commit(&a, d);
}

/* ---- Numbers ---------------------------------------------------------- */

/* ---- The per-user cache ------------------------------------------------ */

/* Creates dir (mode 0700) unless it exists; 0 when it is then a folder. */
static int make_dir(const char *dir)
{
	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

int sys_cache_dir(const char *sub, char *buf, size_t cap)
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
	n = snprintf(buf, cap, "%s/%s", base, sub);
	if (n <= 0 || (size_t)n >= cap || make_dir(base) != 0 || make_dir(buf) != 0)
		return 0;
	struct stat st;
	if (lstat(buf, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022))
		return 0;
	return 1;
}

int sys_file_identity(int fd, char *buf, size_t cap, time_t *changed_at)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	int n = snprintf(buf, cap, "%jx-%jx-%jx-%jd.%09ld-%jd.%09ld", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino,
	                 (uintmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
	                 (intmax_t)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
	if (n <= 0 || (size_t)n >= cap)
		return -1;
	*changed_at = st.st_mtim.tv_sec > st.st_ctim.tv_sec ? st.st_mtim.tv_sec : st.st_ctim.tv_sec;
	return 0;
}

int parse_uint(const char *s, const char *end, unsigned long long min, unsigned long long max,
               unsigned long long *out)
{
	if (!s)
		return -1;
	if (!end)
		end = s + strlen(s);
	if (s == end)
		return -1;
	unsigned long long v = 0;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		unsigned digit = (unsigned)(*s - '0');
		if (digit > max || v > (max - digit) / 10)
			return -1; /* above max, so never an overflow */
		v = v * 10 + digit;
	}
	if (v < min)
		return -1;
	*out = v;
	return 0;
}

/* ---- Text: UTF-8 and JSON strings ------------------------------------- */
size_t utf8_len(const unsigned char *s, size_t avail)
{
	if (avail == 0)
		return 0;
	unsigned c = s[0];
	size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	if (n == 0 || n > avail)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	/* The second byte's range rules out the overlong forms (E0 80–9F,
	 * F0 80–8F), the surrogates (ED A0–BF) and what lies past U+10FFFF
	 * (F4 90–BF); C0, C1 and F5–FF never start a sequence. */
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) || (c == 0xF0 && s[1] < 0x90) ||
	    (c == 0xF4 && s[1] >= 0x90))
		return 0;
	return n;
}

int utf8_decode(const char *s, int len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = utf8_len(u, len > 0 ? (size_t)len : 0);
	static const unsigned char lead_bits[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	if (n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	uint32_t c = u[0] & lead_bits[n];
	for (size_t i = 1; i < n; i++)
		c = c << 6 | (u[i] & 0x3Fu);
	*cp = c;
	return (int)n;
}

int utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Output like snprintf's: `len` counts every byte; those past cap - 1
 * are not written. */
typedef struct out {
	char *buf;
	size_t cap, len;
} out;

static void put(out *w, const char *s, size_t n)
{
	if (w->len + 1 < w->cap) {
		size_t room = w->cap - 1 - w->len;
		memcpy(w->buf + w->len, s, n < room ? n : room);
	}
	w->len += n;
}

/* The JSON form of the character at p (n bytes, valid UTF-8) into esc. */
static size_t json_char(const unsigned char *p, size_t n, char esc[8])
{
	if (n > 1) {
		memcpy(esc, p, n);
		return n;
	}
	switch (*p) {
	case '"': return (size_t)snprintf(esc, 8, "\\\"");
	case '\\': return (size_t)snprintf(esc, 8, "\\\\");
	case '\n': return (size_t)snprintf(esc, 8, "\\n");
	case '\r': return (size_t)snprintf(esc, 8, "\\r");
	case '\t': return (size_t)snprintf(esc, 8, "\\t");
	}
	if (*p < 0x20 || *p == 0x7F)
		return (size_t)snprintf(esc, 8, "\\u%04x", *p);
	esc[0] = (char)*p;
	return 1;
}

size_t json_quote(const char *s, char *buf, size_t cap)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);
	out w = {buf, cap, 0};
	put(&w, "\"", 1);
	while (left) {
		char esc[8];
		size_t n = utf8_len(p, left);
		if (n)
			put(&w, esc, json_char(p, n, esc));
		else
			put(&w, "\xEF\xBF\xBD", 3); /* U+FFFD for a byte that is not UTF-8 */
		p += n ? n : 1;
		left -= n ? n : 1;
	}
	put(&w, "\"", 1);
	if (cap)
		buf[w.len < cap ? w.len : cap - 1] = 0;
	return w.len;
}

/* Why out_path may not receive the PDF, or NULL. The PDF replaces only a
 * regular file (or nothing): renaming over a device, a FIFO or a socket
 * would replace that special file itself (as root, /dev/null), and over
 * the input would destroy the source. A symbolic link is refused rather
 * than followed: the rename would replace the link, not what it points
 * to, and writing through it would put a record where its name does not
 * say; the message asks for the real path. Checked before any work; a
 * file swapped in between is the caller's race, as with any tool. */
const char *sys_output_refusal(const char *out_path, const char *in_path)
{
	struct stat o, i;
	if (lstat(out_path, &o) != 0)
		return NULL;  /* nothing there yet (or unreachable: the write will say) */
	if (S_ISLNK(o.st_mode))
		return "c'est un lien symbolique ; donnez le chemin du fichier qu'il désigne";
	if (S_ISDIR(o.st_mode))
		return "c'est un dossier";
	if (!S_ISREG(o.st_mode))
		return "c'est un fichier spécial (périphérique, tube ou socket), qui serait remplacé";
	if (in_path && stat(in_path, &i) == 0 && i.st_dev == o.st_dev && i.st_ino == o.st_ino)
		return "c'est le fichier d'entrée, qui serait écrasé";
	return NULL;
}
