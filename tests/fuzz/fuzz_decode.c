/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer harness: one input = an image file given to the PDF layer's
 * decoder (src/pdf/pdf_image.c, image_decode: libpng and libjpeg), the way
 * a template's logo reaches it, without a render around it: tens of times
 * the executions of fuzz_image.c, which draws the logo in a whole render.
 * The input is written to a temporary file (the decoder reads a path).
 * libpng and libjpeg are Debian's, not instrumented: coverage guides the
 * fuzzer through our wrapper only, and ASan sees their heap misuse (its
 * allocator) but not their stray reads.
 *
 * Beyond the sanitizers, it checks the decoder's promises (pdf_image.h):
 * a known status; on success pixels within the limits, 1 or 3 channels;
 * on failure no pixels and a one-line UTF-8 explanation. Seeds:
 * scripts/fuzz_images.py (run by scripts/fuzz.sh). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include <unistd.h>
#include "pdf_image.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4096];

static void die(const char *what)
{
	fprintf(stderr, "fuzz_decode: %s\n", what);
	abort();
}

static void cleanup(void) { unlink(path); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(path, sizeof path, "%s/delib-fuzz-decode-XXXXXX", tmp);
	int fd = mkstemp(path);
	if (fd < 0)
		die(path);
	close(fd);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		die("écriture du fichier temporaire impossible");
	image_pixels px;
	memset(&px, 0xA5, sizeof px);
	char why[512] = "";
	image_status st = image_decode(path, &px, why, sizeof why);
	switch (st) {
	case IMAGE_OK: {
		if (!px.data || px.width < 1 || px.height < 1 || px.width > IMAGE_MAX_SIDE || px.height > IMAGE_MAX_SIDE ||
		    (unsigned long long)px.width * px.height > IMAGE_MAX_PIXELS || (px.channels != 1 && px.channels != 3))
			die("image décodée hors des promesses de pdf_image.h");
		/* Every sample readable (ASan): the last byte of the last row. */
		volatile unsigned char last = px.data[(size_t)px.width * px.height * (size_t)px.channels - 1];
		(void)last;
		image_pixels_free(&px);
		break;
	}
	case IMAGE_READ:
	case IMAGE_CORRUPT:
	case IMAGE_LIMIT:
	case IMAGE_FORMAT:
	case IMAGE_NOMEM:
		if (px.data || !why[0] || !fuzz_valid_line(why))
			die("échec sans explication d'une ligne en UTF-8, ou avec des pixels");
		break;
	default: die("statut inconnu");
	}
	return 0;
}
