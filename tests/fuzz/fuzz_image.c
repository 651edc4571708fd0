/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer harness: one input = the logo of a template, drawn in a
 * render. The image decoder of src/pdf has no entry point of its own in the
 * public API (and is being replaced: libharu's PNG and JPEG loaders by
 * libpng and libjpeg), so the target goes through the public API, the way a
 * town hall's file reaches it: a data folder whose templates "fuzz-png" and
 * "fuzz-jpeg" are templates/communautaire drawing logo.png or logo.jpg
 * (beside a link to templates/default, which they import), the
 * input written there, then a small deliberation rendered to PDF with the
 * template the input's first bytes call for (JPEG's FF D8, else PNG).
 * Once src/pdf exposes its decoder, a second target can call it directly;
 * this one stays, as it also covers drawing and embedding.
 *
 * Beyond the sanitizers: a status matching the diagnostics, a PDF exactly
 * when the status is DELIB_OK (a broken logo is an error with a diagnostic,
 * never a crash, an abort or a PDF without it).
 *
 * The schemas, templates and fonts come from $DELIB_DATADIR, else from the
 * source tree. Seeds: scripts/fuzz_images.py (run by scripts/fuzz.sh). */
#define _GNU_SOURCE /* memmem */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "delib.h"

#ifndef DELIB_SOURCE_DIR
#define DELIB_SOURCE_DIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static delib_ctx *ctx;
static char root[PATH_MAX];   /* the fuzzer's data folder */
static char *doc;             /* the deliberation rendered */
static size_t doc_size;

static void die(const char *what)
{
	fprintf(stderr, "fuzz_image: %s\n", what);
	abort();
}

static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	do {
		if (n == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 65536)))
			die("mémoire");
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*size = n;
	return buf;
}

static void put(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
		die(path);
}

/* root/templates/NAME: communautaire's files, its stylesheet drawing `logo`. */
static void make_template(const char *src, const char *name, const char *logo)
{
	char dir[PATH_MAX + 64], path[PATH_MAX + 96], from[PATH_MAX + 96];
	snprintf(dir, sizeof dir, "%s/templates/%s", root, name);
	if (mkdir(dir, 0755) != 0)
		die(dir);
	static const char *const linked[] = {"template.xml", "liste.xsl"};
	for (size_t i = 0; i < sizeof linked / sizeof *linked; i++) {
		snprintf(from, sizeof from, "%s/templates/communautaire/%s", src, linked[i]);
		snprintf(path, sizeof path, "%s/%s", dir, linked[i]);
		if (symlink(from, path) != 0)
			die(path);
	}
	size_t n;
	snprintf(from, sizeof from, "%s/templates/communautaire/deliberation.xsl", src);
	char *xsl = slurp(from, &n);
	if (!xsl)
		die(from);
	char *at = memmem(xsl, n, "src=\"logo.png\"", 14);
	if (!at)
		die("templates/communautaire/deliberation.xsl ne dessine plus logo.png");
	snprintf(path, sizeof path, "%s/deliberation.xsl", dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		die(path);
	fwrite(xsl, 1, (size_t)(at - xsl), f);
	fprintf(f, "src=\"%s\"", logo);
	fwrite(at + 14, 1, n - (size_t)(at + 14 - xsl), f);
	if (fclose(f) != 0)
		die(path);
	free(xsl);
}

/* The data folder is removed when the fuzzer exits. */
static void cleanup(void)
{
	static const char *const files[] = {
		"templates/fuzz-png/template.xml",  "templates/fuzz-png/liste.xsl",  "templates/fuzz-png/deliberation.xsl",
		"templates/fuzz-png/logo.png",      "templates/fuzz-jpeg/template.xml", "templates/fuzz-jpeg/liste.xsl",
		"templates/fuzz-jpeg/deliberation.xsl", "templates/fuzz-jpeg/logo.jpg", "templates/default", "schema",
		"fonts"};
	static const char *const dirs[] = {"templates/fuzz-png", "templates/fuzz-jpeg", "templates", ""};
	char path[PATH_MAX + 64];
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", root, files[i]);
		unlink(path);
	}
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		snprintf(path, sizeof path, "%s/%s", root, dirs[i]);
		rmdir(path);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *src = getenv("DELIB_DATADIR") ? getenv("DELIB_DATADIR") : DELIB_SOURCE_DIR;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(root, sizeof root, "%s/delib-fuzz-image-XXXXXX", tmp);
	if (!mkdtemp(root))
		die(root);
	atexit(cleanup);
	char path[PATH_MAX + 64], from[PATH_MAX + 64];
	static const char *const linked[] = {"schema", "fonts"};
	for (size_t i = 0; i < sizeof linked / sizeof *linked; i++) {
		snprintf(from, sizeof from, "%s/%s", src, linked[i]);
		snprintf(path, sizeof path, "%s/%s", root, linked[i]);
		if (symlink(from, path) != 0)
			die(path);
	}
	snprintf(path, sizeof path, "%s/templates", root);
	if (mkdir(path, 0755) != 0)
		die(path);
	/* communautaire's stylesheets import the default template's. */
	snprintf(from, sizeof from, "%s/templates/default", src);
	snprintf(path, sizeof path, "%s/templates/default", root);
	if (symlink(from, path) != 0)
		die(path);
	make_template(src, "fuzz-png", "logo.png");
	make_template(src, "fuzz-jpeg", "logo.jpg");
	snprintf(path, sizeof path, "%s/tests/corpus/valid/base.xml", src);
	if (!(doc = slurp(path, &doc_size)))
		die(path);
	char err[512];
	ctx = delib_ctx_new(root, err, sizeof err);
	if (!ctx)
		die(err);
	fprintf(stderr, "fuzz_image: dossier de données %s\n", root);
	return 0;
}

static void check(delib_status st, const delib_result *r)
{
	int errors = 0;
	for (int i = 0; i < r->ndiags; i++) {
		const delib_diag *d = &r->diags[i];
		if (!d->id || !*d->id || !d->message)
			die("diagnostic sans identifiant ni message");
		errors += d->severity == DELIB_ERROR;
	}
	if ((st == DELIB_OK) != (r->pdf != NULL && r->pdf_size > 4 && memcmp(r->pdf, "%PDF-", 5) == 0) ||
	    (st == DELIB_OK && errors) || (st == DELIB_INVALID && !errors)) {
		fprintf(stderr, "fuzz_image: status %d, %d errors, pdf %p (%zu bytes)\n", (int)st, errors,
		        (void *)r->pdf, r->pdf_size);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int jpeg = size >= 2 && data[0] == 0xFF && data[1] == 0xD8;
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/templates/%s/%s", root, jpeg ? "fuzz-jpeg" : "fuzz-png",
	         jpeg ? "logo.jpg" : "logo.png");
	put(path, (const char *)data, size);
	delib_options opt = {.source_name = "fuzz.xml", .template_name = jpeg ? "fuzz-jpeg" : "fuzz-png",
	                     .want_pdf = 1, .memory_limit = 256u << 20};
	delib_result r;
	delib_status st = delib_render_memory(ctx, doc, doc_size, &opt, &r);
	check(st, &r);
	delib_result_free(&r);
	return 0;
}
