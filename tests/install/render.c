/* SPDX-License-Identifier: Apache-2.0 */
/* Renders a deliberation through the installed libdelib (tests/install/staged.sh). */
#include <stdio.h>
#include <delib.h>

int main(int argc, char **argv)
{
	char err[512], dir[4096];
	if (argc != 3 || !delib_default_data_dir(dir, sizeof dir))
		return 2;
	printf("data: %s\n", dir);
	delib_ctx *ctx = delib_ctx_new(NULL, err, sizeof err);
	if (!ctx) {
		fprintf(stderr, "%s\n", err);
		return 3;
	}
	delib_result r;
	delib_status st = delib_render_file(ctx, argv[1], argv[2], NULL, &r);
	printf("status: %d, pages: %d\n", (int)st, r.pages);
	delib_result_free(&r);
	delib_ctx_free(ctx);
	return (int)st;
}
