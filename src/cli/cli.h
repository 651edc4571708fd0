/* SPDX-License-Identifier: Apache-2.0 */
/* Subcommands of the delib CLI: one function each, argv[0] is the
 * subcommand's name. Each returns the exit status (delib_status). */
#ifndef DELIB_CLI_H
#define DELIB_CLI_H
#include <getopt.h>
#include <stdio.h>
#include "delib.h"

int cmd_render(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_batch(int argc, char **argv);     /* batch.c */
int cmd_serve(int argc, char **argv);     /* serve.c */
/* delib templates --check NAME [FILE…] (check.c): the exit status. */
int templates_check(const char *name, char **files, int nfiles);

/* [bytes] Bound of one render's layout memory for `delib render` and each
 * document of `delib batch` (delib_options.memory_limit): far above any
 * real deliberation (10,000 table rows, 1,215 pages: 446 MiB of peak), it
 * turns a document that would exhaust the machine, in an unattended batch
 * above all, into a failure of that document (render.memory). The service
 * has its own, tighter bound (serve.c). */
#define CLI_MEMORY_LIMIT ((size_t)2 << 30)

/* Command-line words (args.c). cli_getopt is getopt_long with the
 * subcommand's name in argv[0]: on a wrong word (unknown or ambiguous
 * option, missing or unwanted value) it writes a French message naming it,
 * with the nearest valid option, and returns '?' (the caller exits with
 * DELIB_USAGE). cli_suggest returns the candidate nearest to word by edit
 * distance, or NULL when none is near. cli_usage_error writes
 * "delib COMMAND : message" and where to find help, returns DELIB_USAGE. */
int cli_getopt(int argc, char **argv, const char *shorts, const struct option *longs);
const char *cli_suggest(const char *word, const char *const *candidates, size_t n);
int cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Shared helpers (main.c). */
void cli_print_diags(FILE *f, const delib_result *r, int json);
/* JSON to f: a string (json_quote: valid UTF-8 whatever s holds), one
 * diagnostic (delib_diag_format_json); "null" when out of memory. */
void cli_json_string(FILE *f, const char *s);
void cli_json_diag(FILE *f, const delib_diag *d);
delib_ctx *cli_ctx_new(void);   /* prints a French message and returns NULL on failure */
/* The data folder: --data-dir, $DELIB_DATADIR or libdelib's default
 * (delib_default_data_dir); a static buffer. */
const char *cli_data_dir(void);
#endif
