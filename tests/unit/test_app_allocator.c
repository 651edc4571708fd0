/* SPDX-License-Identifier: Apache-2.0 */
/* The transform's memory bound over an allocator the application gave
 * libxml2 (xmlMemSetup before delib starts), one that keeps a header
 * before each block as libxml2's debug allocator does: a template doubling
 * a string is stopped (template.limit) with the live memory of the whole
 * process under three times the bound, every block goes back through the
 * application's free (a header checked at each free), and the same
 * context then renders the sample. Without the bound the doubling grows
 * to gigabytes before anything else stops it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <libxml/xmlmemory.h>

#include "delib.h"
#include "sys.h"

#ifndef DELIB_SOURCE_DIR
#define DELIB_SOURCE_DIR "."
#endif

#define MAGIC 0x64656c6962616c6cull  /* written before every block of ours */
#define SANDBOX_BOUND ((size_t)64 << 20)

typedef struct header {
	uint64_t magic;
	size_t size;
} header;

static size_t live, peak, foreign_frees;

static void *app_malloc(size_t n)
{
	header *h = malloc(sizeof *h + n);
	if (!h)
		return NULL;
	*h = (header){MAGIC, n};
	live += n;
	if (live > peak)
		peak = live;
	return h + 1;
}

static void app_free(void *p)
{
	if (!p)
		return;
	header *h = (header *)p - 1;
	if (h->magic != MAGIC) {
		foreign_frees++;  /* a block not of ours: never freed here */
		return;
	}
	live -= h->size;
	h->magic = 0;
	free(h);
}

static void *app_realloc(void *p, size_t n)
{
	if (!p)
		return app_malloc(n);
	header *old = (header *)p - 1;
	if (old->magic != MAGIC) {
		foreign_frees++;
		return NULL;
	}
	void *q = app_malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, old->size < n ? old->size : n);
	app_free(p);
	return q;
}

static char *app_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = app_malloc(n);
	return d ? memcpy(d, s, n) : NULL;
}

static char data[] = "/tmp/delib-app-allocator-XXXXXX";
static char path[4096];
static delib_ctx *ctx;
static char *sample;
static size_t sample_size;

static const char doubling[] =
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
	"  <xsl:import href=\"../default/deliberation.xsl\"/>\n"
	"  <xsl:template name=\"double\">\n"
	"    <xsl:param name=\"s\" select=\"'abcdefgh'\"/>\n"
	"    <xsl:call-template name=\"double\"><xsl:with-param name=\"s\" select=\"concat($s, $s)\"/></xsl:call-template>\n"
	"  </xsl:template>\n"
	"  <xsl:template name=\"extract-heading\"><xsl:call-template name=\"double\"/></xsl:template>\n"
	"</xsl:stylesheet>\n";

static int write_text(const char *file, const char *text)
{
	FILE *f = fopen(file, "w");
	int ok = f && fputs(text, f) >= 0;
	return (f && fclose(f) == 0 && ok) ? 0 : -1;
}

/* The data folder's own path `name`: a link into the source tree (to
 * non-NULL), a folder, or a file holding text. */
static int make(const char *name, const char *link_to, const char *text)
{
	snprintf(path, sizeof path, "%s/%s", data, name);
	if (link_to)
		return symlink(link_to, path);
	return text ? write_text(path, text) : mkdir(path, 0700);
}

/* A data folder of links to the source tree's, and a doubling template. */
static int make_data_folder(void)
{
	return !mkdtemp(data) || make("schema", DELIB_SOURCE_DIR "/schema", NULL) != 0 ||
	       make("fonts", DELIB_SOURCE_DIR "/fonts", NULL) != 0 || make("templates", NULL, NULL) != 0 ||
	       make("templates/default", DELIB_SOURCE_DIR "/templates/default", NULL) != 0 ||
	       make("templates/doubling", NULL, NULL) != 0 ||
	       make("templates/doubling/deliberation.xsl", NULL, doubling) != 0 ||
	       make("templates/doubling/template.xml", NULL, "<template name=\"doubling\" description=\"test\"/>\n") != 0
	           ? -1
	           : 0;
}

static int setup(void **state)
{
	(void)state;
	/* Before anything of libxml2 runs: the application's allocator. */
	if (xmlMemSetup(app_free, app_malloc, app_realloc, app_strdup) != 0 || make_data_folder() != 0)
		return -1;
	char err[256] = "";
	ctx = delib_ctx_new(data, err, sizeof err);
	if (!ctx || sys_read_file(DELIB_SOURCE_DIR "/samples/2021-10-14-22.xml", SIZE_MAX, &sample, &sample_size) != 0) {
		fprintf(stderr, "test_app_allocator: %s\n", ctx ? "sample missing" : err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	delib_ctx_free(ctx);
	free(sample);
	static const char *const made[] = {"templates/doubling/deliberation.xsl", "templates/doubling/template.xml",
	                                   "templates/doubling", "templates/default", "templates", "schema", "fonts"};
	for (size_t i = 0; i < sizeof made / sizeof *made; i++) {
		snprintf(path, sizeof path, "%s/%s", data, made[i]);
		if (unlink(path) != 0)
			rmdir(path);
	}
	rmdir(data);
	return 0;
}

static int has_diag(const delib_result *r, const char *id)
{
	for (int i = 0; i < r->ndiags; i++)
		if (strcmp(r->diags[i].id, id) == 0)
			return 1;
	return 0;
}

static void doubling_is_stopped_within_the_bound(void **state)
{
	(void)state;
	size_t before = live;
	peak = live;
	delib_options opt = {.want_pdf = 1, .template_name = "doubling"};
	delib_result r;
	assert_int_equal(delib_render_memory(ctx, sample, sample_size, &opt, &r), DELIB_INVALID);
	assert_null(r.pdf);
	assert_true(has_diag(&r, "template.limit"));
	delib_result_free(&r);
	printf("# peak %zu MiB over %zu MiB before the render\n", (peak - before) >> 20, before >> 20);
	assert_true(peak - before < 3 * SANDBOX_BOUND);
	assert_int_equal(foreign_frees, 0);
}

static void the_context_renders_afterwards(void **state)
{
	(void)state;
	delib_options opt = {.want_pdf = 1};
	delib_result r;
	assert_int_equal(delib_render_memory(ctx, sample, sample_size, &opt, &r), DELIB_OK);
	assert_non_null(r.pdf);
	assert_true(r.pages >= 20);
	delib_result_free(&r);
	assert_int_equal(foreign_frees, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(doubling_is_stopped_within_the_bound),
		cmocka_unit_test(the_context_renders_afterwards),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
