/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer harness: one input = one deliberation through the whole public
 * pipeline, parse → schema → rules → transform → layout → render, with the
 * PDF produced (delib_render_memory, want_pdf = 1); one input in four that
 * renders is rendered again as a draft. Beyond the sanitizers, it checks the result's
 * promises (include/delib.h): a status matching the diagnostics, a PDF
 * exactly when the status is DELIB_OK, every diagnostic with an id and one
 * line of valid UTF-8.
 *
 * Mutations: libFuzzer's, with the dictionary tests/fuzz/delib.dict, and
 * the vocabulary's (xml_mutator.c: boundary integers in numeric attributes,
 * attributes added where the schema allows them).
 *
 * Built with -DDELIB_FUZZ=ON and clang (tests/CMakeLists.txt); run by
 * scripts/fuzz.sh. The schemas, template and fonts come from $DELIB_DATADIR,
 * else from the source tree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "delib.h"
#include "xml_mutator.h"

#ifndef DELIB_SOURCE_DIR
#define DELIB_SOURCE_DIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	return xml_mutate(data, size, max_size, seed);
}

static delib_ctx *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[512];
	const char *dir = getenv("DELIB_DATADIR");
	/* Once per process: the context lives as long as the fuzzer (what the
	 * libraries lose while it is created is ignored, see delib_ctx_new). */
	ctx = delib_ctx_new(dir ? dir : DELIB_SOURCE_DIR, err, sizeof err);
	if (!ctx) {
		fprintf(stderr, "fuzz_render: %s\n", err);
		abort();
	}
	return 0;
}

static void check(delib_status st, const delib_result *r)
{
	int errors = 0;
	for (int i = 0; i < r->ndiags; i++) {
		const delib_diag *d = &r->diags[i];
		if (!d->id || !*d->id || !d->message || !d->file || !fuzz_valid_line(d->message) || d->line < 0 ||
		    d->column < 0) {
			fprintf(stderr, "fuzz_render: bad diagnostic %d: [%s] %s\n", i, d->id ? d->id : "(null)",
			        d->message ? d->message : "(null)");
			abort();
		}
		errors += d->severity == DELIB_ERROR;
	}
	if ((st == DELIB_OK) != (r->pdf != NULL && r->pdf_size > 4 && memcmp(r->pdf, "%PDF-", 5) == 0) ||
	    (st == DELIB_OK && errors) || (st == DELIB_INVALID && !errors)) {
		fprintf(stderr, "fuzz_render: status %d, %d errors, pdf %p (%zu bytes)\n", (int)st, errors,
		        (void *)r->pdf, r->pdf_size);
		abort();
	}
}

/* The PDF's file name (delib_pdf_name) is safe whatever the body. */
static void check_name(const uint8_t *data, size_t size)
{
	char name[96];
	delib_pdf_name((const char *)data, size, "deliberation", name, sizeof name);
	size_t len = strlen(name);
	if (len < 5 || strcmp(name + len - 4, ".pdf") != 0 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != len) {
		fprintf(stderr, "fuzz_render: unsafe file name \"%s\"\n", name);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_name(data, size);
	/* The service's layout memory bound (256 MiB with its default
	 * --max-body): a document past it fails with render.memory, as it
	 * does there, instead of exhausting the fuzzer's memory. */
	delib_options opt = {.source_name = "fuzz.xml", .want_pdf = 1, .memory_limit = 256u << 20};
	delib_result r;
	delib_status st = delib_render_memory(ctx, (const char *)data, size, &opt, &r);
	check(st, &r);
	delib_result_free(&r);
	/* The draft (watermark, "PROJET") for one valid input in four, chosen
	 * by its bytes: a second render of every input would halve the
	 * executions per second for one more code path. */
	if (st == DELIB_OK && size > 0 && (data[size / 2] & 3) == 0) {
		opt.draft = 1;
		st = delib_render_memory(ctx, (const char *)data, size, &opt, &r);
		check(st, &r);
		delib_result_free(&r);
	}
	return 0;
}
