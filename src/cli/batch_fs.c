/* SPDX-License-Identifier: Apache-2.0 */
/* delib batch: the file system side. Finding the deliberations, naming their
 * PDFs, and every write that must survive a kill -9 at any instant: a PDF or
 * a sidecar is either the old one or the complete new one, and the only
 * debris a killed run can leave are temporary files of one recognisable
 * pattern (".NAME.pdf.XXXXXX", ".NAME.pdf.sha256.XXXXXX"), swept on the next
 * start. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "batch.h"
#include "hash.h"
#include "sys.h"

#define NUMERO_SCAN_MAX 65536 /* [bytes] read to find the root element's @numero */
#define NUMERO_MAX 32

char *batch_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	while (la > 1 && a[la - 1] == '/')
		la--;
	int sep = !(la == 1 && a[0] == '/'); /* "/" + "x" is "/x" */
	char *s = malloc(la + lb + 2);
	if (!s)
		return NULL;
	memcpy(s, a, la);
	s[la] = '/';
	memcpy(s + la + sep, b, lb + 1);
	return s;
}

/* ---- Finding the documents ------------------------------------------ */

typedef struct str_list {
	char **items;
	size_t n, cap;
} str_list;

static int list_push(str_list *l, char *s)
{
	if (!s)
		return -1;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		char **items = realloc(l->items, cap * sizeof *items);
		if (!items) {
			free(s);
			return -1;
		}
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = s;
	return 0;
}

static int has_xml_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcasecmp(name + n - 4, ".xml") == 0;
}

/* Type of an entry without following a symbolic link to a folder; a link to
 * a regular file counts as a file. DT_UNKNOWN when it cannot be told. */
static int entry_type(const char *path, const struct dirent *e)
{
	struct stat st;
	if (e->d_type == DT_DIR || e->d_type == DT_REG)
		return e->d_type;
	if (e->d_type == DT_LNK || e->d_type == DT_UNKNOWN) {
		if (lstat(path, &st) != 0)
			return DT_UNKNOWN;
		if (S_ISDIR(st.st_mode))
			return DT_DIR;
		if (S_ISREG(st.st_mode))
			return DT_REG;
		if (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return DT_REG;
	}
	return DT_UNKNOWN;
}

static int find_in(const char *root, const char *rel, str_list *out, char *err, size_t errlen)
{
	char *dir = rel[0] ? batch_join(root, rel) : strdup(root);
	DIR *d = dir ? opendir(dir) : NULL;
	if (!d) {
		snprintf(err, errlen, "lecture impossible du dossier « %s » : %s", dir ? dir : rel,
		         sys_strerror(dir ? errno : ENOMEM));
		free(dir);
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue; /* ".", "..", hidden files and our own temporaries */
		char *sub = rel[0] ? batch_join(rel, e->d_name) : strdup(e->d_name);
		char *path = sub ? batch_join(root, sub) : NULL;
		int type = path ? entry_type(path, e) : DT_UNKNOWN;
		free(path);
		if (!sub) {
			rc = -1;
			snprintf(err, errlen, "mémoire insuffisante");
		} else if (type == DT_DIR) {
			rc = find_in(root, sub, out, err, errlen);
			free(sub);
		} else if (type == DT_REG && has_xml_suffix(e->d_name)) {
			if ((rc = list_push(out, sub)) != 0)
				snprintf(err, errlen, "mémoire insuffisante");
		} else {
			free(sub);
		}
	}
	closedir(d);
	free(dir);
	return rc;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int batch_find(const char *dir, char ***rels, size_t *n, char *err, size_t errlen)
{
	str_list l = {0};
	if (find_in(dir, "", &l, err, errlen) != 0) {
		for (size_t i = 0; i < l.n; i++)
			free(l.items[i]);
		free(l.items);
		return -1;
	}
	if (l.n)
		qsort(l.items, l.n, sizeof *l.items, compare_strings);
	*rels = l.items;
	*n = l.n;
	return 0;
}

unsigned batch_shard_of(const char *rel, unsigned count)
{
	hash_ctx h;
	uint8_t d[HASH_SIZE];
	hash_init(&h);
	hash_update(&h, rel, strlen(rel));
	hash_final(&h, d);
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | d[i];
	return count ? (unsigned)(v % count) : 0;
}

/* ---- Naming the PDF ------------------------------------------------- */

static const char *skip_past(const char *p, const char *end, const char *token)
{
	size_t n = strlen(token);
	for (; p + n <= end; p++)
		if (memcmp(p, token, n) == 0)
			return p + n;
	return NULL;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int numero_ok(const char *v, size_t n)
{
	if (n < 1 || n > NUMERO_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
		      c == '-'))
			return 0;
	}
	return 1;
}

/* The @numero of the root start tag in buf, copied into out; 0 if found and
 * valid. Skips the XML declaration, comments and processing instructions;
 * gives up on a DOCTYPE (refused by the renderer anyway) or anything odd. */
static int scan_numero(const char *p, const char *end, char out[NUMERO_MAX + 1])
{
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	for (;;) {
		while (p < end && is_space(*p))
			p++;
		if (end - p < 2 || *p != '<')
			return -1;
		if (p[1] == '?')
			p = skip_past(p + 2, end, "?>");
		else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			p = skip_past(p + 4, end, "-->");
		else if (p[1] == '!')
			return -1;
		else
			break;
		if (!p)
			return -1;
	}
	p++; /* the root element's name */
	while (p < end && !is_space(*p) && *p != '>' && *p != '/')
		p++;
	for (;;) {
		while (p < end && is_space(*p))
			p++;
		if (p >= end || *p == '>' || *p == '/')
			return -1; /* end of the start tag: no @numero */
		const char *name = p;
		while (p < end && !is_space(*p) && *p != '=' && *p != '>')
			p++;
		size_t nlen = (size_t)(p - name);
		while (p < end && is_space(*p))
			p++;
		if (p >= end || *p != '=')
			return -1;
		p++;
		while (p < end && is_space(*p))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return -1;
		char q = *p++;
		const char *val = p;
		while (p < end && *p != q)
			p++;
		if (p >= end)
			return -1;
		size_t vlen = (size_t)(p - val);
		p++;
		if (nlen == 6 && memcmp(name, "numero", 6) == 0) {
			if (!numero_ok(val, vlen))
				return -1;
			memcpy(out, val, vlen);
			out[vlen] = 0;
			return 0;
		}
	}
}

static int read_head(const char *path, char *buf, size_t cap, size_t *n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	*n = 0;
	while (*n < cap) {
		ssize_t got = read(fd, buf + *n, cap - *n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		*n += (size_t)got;
	}
	close(fd);
	return 0;
}

char *batch_output_name(const char *in_path, const char *rel)
{
	char numero[NUMERO_MAX + 1];
	char *buf = malloc(NUMERO_SCAN_MAX);
	size_t n = 0;
	int found = buf && read_head(in_path, buf, NUMERO_SCAN_MAX, &n) == 0 &&
	            scan_numero(buf, buf + n, numero) == 0;
	free(buf);
	const char *slash = strrchr(rel, '/');
	size_t dlen = slash ? (size_t)(slash - rel) + 1 : 0; /* folder, with its '/' */
	const char *base = slash ? slash + 1 : rel;
	size_t blen = found ? strlen(numero) : strlen(base) - 4; /* without ".xml" */
	char *out = malloc(dlen + blen + 5);
	if (!out)
		return NULL;
	memcpy(out, rel, dlen);
	memcpy(out + dlen, found ? numero : base, blen);
	memcpy(out + dlen + blen, ".pdf", 5);
	return out;
}

/* ---- Folders and files ---------------------------------------------- */

int batch_make_dirs(const char *dir)
{
	if (mkdir(dir, 0755) == 0 || errno == EEXIST) {
		struct stat st;
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	if (errno != ENOENT)
		return -1;
	char *parent = strdup(dir);
	if (!parent)
		return -1;
	char *slash = strrchr(parent, '/');
	while (slash && slash > parent && slash[1] == 0) { /* trailing '/' */
		*slash = 0;
		slash = strrchr(parent, '/');
	}
	int rc = -1;
	if (slash && slash != parent) {
		*slash = 0;
		rc = batch_make_dirs(parent);
	}
	free(parent);
	if (rc != 0)
		return -1;
	return mkdir(dir, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int batch_make_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return 0;
	char *dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		return -1;
	int rc = batch_make_dirs(dir);
	int e = errno;
	free(dir);
	errno = e;
	return rc;
}

int batch_sync(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = syncfs(fd);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}


/* ---- Sidecars ------------------------------------------------------- */

static int is_hex64(const char *s)
{
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* [bytes] under which no file is a PDF: the smallest a reader accepts
 * (header, one page object, cross-reference table, trailer, %%EOF) takes
 * more; delib's own are over 10 KB (embedded fonts, XMP metadata). */
#define BATCH_MIN_PDF_SIZE 64

int batch_sidecar_read(const char *pdf_path, batch_sidecar *sc)
{
	char *path = malloc(strlen(pdf_path) + 8);
	if (!path)
		return -1;
	sprintf(path, "%s.sha256", pdf_path);
	char buf[256];
	size_t n = 0;
	int rc = read_head(path, buf, sizeof buf - 1, &n);
	free(path);
	if (rc != 0 || n < HASH_HEX_SIZE || buf[64] != '\n' || !is_hex64(buf))
		return -1;
	buf[n] = 0;
	memcpy(sc->input, buf, 64);
	sc->input[64] = 0;
	int pages, used = 0;
	unsigned long long size;
	const char *rest = buf + HASH_HEX_SIZE; /* after the input hash's 64 digits and '\n' */
	if (sscanf(rest, "pages: %d\npdf: %llu %n", &pages, &size, &used) != 2 || pages < 0 || used == 0 ||
	    HASH_HEX_SIZE + (size_t)used + 64 > n || !is_hex64(rest + used))
		return -1;
	/* A recorded size no PDF can have (0: a PDF emptied, then its sidecar
	 * rewritten to match) is not trusted: the hash of its first 0 bytes
	 * would match any file. */
	if (size < BATCH_MIN_PDF_SIZE)
		return -1;
	sc->pages = pages;
	sc->pdf_size = (size_t)size;
	memcpy(sc->pdf, rest + used, 64);
	sc->pdf[64] = 0;
	return 0;
}

int batch_sidecar_write(const char *pdf_path, const batch_sidecar *sc)
{
	char *path = malloc(strlen(pdf_path) + 8);
	if (!path) {
		errno = ENOMEM;
		return -1;
	}
	sprintf(path, "%s.sha256", pdf_path);
	char text[256];
	int n = snprintf(text, sizeof text, "%.64s\npages: %d\npdf: %zu %.64s\n", sc->input, sc->pages, sc->pdf_size,
	                 sc->pdf);
	int rc = sys_write_atomic(path, text, (size_t)n, SYS_NOSYNC);  /* batch.h says why */
	int e = errno;
	free(path);
	errno = e;
	return rc;
}

/* ---- Sweeping what a killed run left --------------------------------- */

static int is_suffix(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n > k && memcmp(s + n - k, suffix, k) == 0;
}

int batch_temp_target(const char *name, char *pdf, size_t cap)
{
	size_t n = strlen(name);
	if (n < 1 + 5 + 7 || name[0] != '.' || name[n - 7] != '.')
		return 0;
	for (size_t i = n - 6; i < n; i++) {
		char c = name[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return 0;
	}
	const char *mid = name + 1;
	size_t mlen = n - 1 - 7; /* "X.pdf" or "X.pdf.sha256" */
	if (is_suffix(mid, mlen, ".pdf.sha256"))
		mlen -= 7;
	else if (!is_suffix(mid, mlen, ".pdf"))
		return 0;
	if (mlen + 1 > cap)
		return 0;
	memcpy(pdf, mid, mlen);
	pdf[mlen] = 0;
	return 1;
}

static int unlink_if_regular(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) == 0;
}

size_t batch_sweep_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t removed = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		char pdf[512];
		char *path = NULL;
		if (e->d_name[0] == '.' && batch_temp_target(e->d_name, pdf, sizeof pdf)) {
			path = batch_join(dir, e->d_name);
			removed += path && unlink_if_regular(path);
		} else if (e->d_name[0] != '.') {
			path = batch_join(dir, e->d_name);
			if (path && entry_type(path, e) == DT_DIR)
				removed += batch_sweep_tree(path);
		}
		free(path);
	}
	closedir(d);
	return removed;
}

/* Sweeps one folder of the output, keeping to the given outputs (all in
 * that folder: rel_dir is their common folder, "" for the top). */
static size_t sweep_folder(const char *out_dir, const char *rel_dir, char *const *outs, size_t n)
{
	char *dir = rel_dir[0] ? batch_join(out_dir, rel_dir) : strdup(out_dir);
	DIR *d = dir ? opendir(dir) : NULL;
	size_t removed = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char pdf[512];
		if (!batch_temp_target(e->d_name, pdf, sizeof pdf))
			continue;
		char *rel = rel_dir[0] ? batch_join(rel_dir, pdf) : strdup(pdf);
		const char *key = rel;
		if (rel && bsearch(&key, outs, n, sizeof *outs, compare_strings)) {
			char *path = batch_join(dir, e->d_name);
			removed += path && unlink_if_regular(path);
			free(path);
		}
		free(rel);
	}
	if (d)
		closedir(d);
	free(dir);
	return removed;
}

static size_t folder_len(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return slash ? (size_t)(slash - rel) : 0;
}

/* By folder, then by name: the paths of one folder become adjacent
 * ("a/b/x" sorts between "a/a" and "a/c" bytewise). */
static int compare_by_folder(const void *pa, const void *pb)
{
	const char *a = *(char *const *)pa, *b = *(char *const *)pb;
	size_t la = folder_len(a), lb = folder_len(b);
	int c = memcmp(a, b, la < lb ? la : lb);
	if (c == 0 && la != lb)
		c = la < lb ? -1 : 1;
	return c ? c : strcmp(a, b);
}

size_t batch_sweep_own(const char *out_dir, char *const *sorted, size_t n)
{
	char **by_folder = n ? malloc(n * sizeof *by_folder) : NULL;
	if (!by_folder)
		return 0;
	memcpy(by_folder, sorted, n * sizeof *by_folder);
	qsort(by_folder, n, sizeof *by_folder, compare_by_folder);
	size_t removed = 0;
	for (size_t i = 0; i < n;) {
		size_t fl = folder_len(by_folder[i]), j = i + 1;
		while (j < n && folder_len(by_folder[j]) == fl && memcmp(by_folder[j], by_folder[i], fl) == 0)
			j++;
		char *folder = strndup(by_folder[i], fl);
		if (folder)
			removed += sweep_folder(out_dir, folder, sorted, n);
		free(folder);
		i = j;
	}
	free(by_folder);
	return removed;
}

size_t batch_sweep_exact(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base), removed = 0;
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		const char *nm = e->d_name;
		size_t n = strlen(nm);
		if (n != blen + 8 || nm[0] != '.' || memcmp(nm + 1, base, blen) != 0 || nm[blen + 1] != '.')
			continue;
		int ok = 1;
		for (size_t i = blen + 2; i < n; i++)
			ok = ok && ((nm[i] >= '0' && nm[i] <= '9') || (nm[i] >= 'A' && nm[i] <= 'Z') ||
			            (nm[i] >= 'a' && nm[i] <= 'z'));
		char *p = ok ? batch_join(dir, nm) : NULL;
		removed += p && unlink_if_regular(p);
		free(p);
	}
	if (d)
		closedir(d);
	free(dir);
	return removed;
}
