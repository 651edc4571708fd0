/* SPDX-License-Identifier: Apache-2.0 */
/* A render's bounds (delib_options.time_limit_ms and memory_limit): a
 * render past them stops with render.timeout or render.memory and gives no
 * PDF, and the same context then renders normally; and what a context keeps
 * between renders never changes the bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "delib.h"
#include "sys.h"

#ifndef DELIB_SOURCE_DIR
#define DELIB_SOURCE_DIR "."
#endif

static delib_ctx *ctx;
static char *sample;
static size_t sample_size;

static int setup(void **state)
{
	(void)state;
	char err[256] = "";
	ctx = delib_ctx_new(NULL, err, sizeof err);
	if (!ctx || sys_read_file(DELIB_SOURCE_DIR "/samples/2021-10-14-22.xml", SIZE_MAX, &sample, &sample_size) != 0) {
		fprintf(stderr, "test_limits: %s\n", ctx ? "sample missing" : err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	delib_ctx_free(ctx);
	free(sample);
	return 0;
}

static int has_diag(const delib_result *r, const char *id)
{
	for (int i = 0; i < r->ndiags; i++)
		if (strcmp(r->diags[i].id, id) == 0)
			return 1;
	return 0;
}

static void render_ok(void)
{
	delib_options opt = {.want_pdf = 1};
	delib_result r;
	assert_int_equal(delib_render_memory(ctx, sample, sample_size, &opt, &r), DELIB_OK);
	assert_non_null(r.pdf);
	assert_true(r.pages >= 20);
	delib_result_free(&r);
}

static void memory_limit_stops_the_layout(void **state)
{
	(void)state;
	render_ok();  /* the context now keeps spare layout memory: it counts too */
	delib_options opt = {.want_pdf = 1, .memory_limit = 256 * 1024};
	delib_result r;
	assert_int_equal(delib_render_memory(ctx, sample, sample_size, &opt, &r), DELIB_INTERNAL);
	assert_null(r.pdf);
	assert_true(has_diag(&r, "render.memory"));
	delib_result_free(&r);
	render_ok();  /* the bound belonged to that render only */
}

static void generous_memory_limit_changes_nothing(void **state)
{
	(void)state;
	delib_options opt = {.want_pdf = 1, .memory_limit = 256u * 1024u * 1024u};
	delib_result r;
	assert_int_equal(delib_render_memory(ctx, sample, sample_size, &opt, &r), DELIB_OK);
	assert_non_null(r.pdf);
	delib_result_free(&r);
}

static void time_limit_stops_the_render(void **state)
{
	(void)state;
	/* 1 ms: parsing, validating and laying out 23 pages take far longer. */
	delib_options opt = {.want_pdf = 1, .time_limit_ms = 1};
	delib_result r;
	assert_int_equal(delib_render_memory(ctx, sample, sample_size, &opt, &r), DELIB_INTERNAL);
	assert_null(r.pdf);
	assert_true(has_diag(&r, "render.timeout"));
	delib_result_free(&r);
	render_ok();
}

/* A context keeps layout memory and subset fonts between renders: the
 * bytes must not depend on what it rendered before. */
static void same_bytes_cold_and_warm(void **state)
{
	(void)state;
	char err[256] = "";
	delib_ctx *cold = delib_ctx_new(NULL, err, sizeof err);
	assert_non_null(cold);
	delib_options opt = {.want_pdf = 1};
	delib_result first, draft, again;
	assert_int_equal(delib_render_memory(cold, sample, sample_size, &opt, &first), DELIB_OK);
	delib_options d = {.want_pdf = 1, .draft = 1};
	assert_int_equal(delib_render_memory(cold, sample, sample_size, &d, &draft), DELIB_OK);
	assert_int_equal(delib_render_memory(ctx, sample, sample_size, &opt, &again), DELIB_OK);
	assert_int_equal(first.pdf_size, again.pdf_size);
	assert_memory_equal(first.pdf, again.pdf, first.pdf_size);
	assert_true(draft.pdf_size != first.pdf_size || memcmp(draft.pdf, first.pdf, first.pdf_size) != 0);
	delib_result_free(&first);
	delib_result_free(&draft);
	delib_result_free(&again);
	delib_ctx_free(cold);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memory_limit_stops_the_layout),
		cmocka_unit_test(generous_memory_limit_changes_nothing),
		cmocka_unit_test(time_limit_stops_the_render),
		cmocka_unit_test(same_bytes_cold_and_warm),
	};
	return cmocka_run_group_tests_name("limits", tests, setup, teardown);
}
