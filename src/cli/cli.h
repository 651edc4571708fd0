/* Subcommands of the delib CLI: one function each, argv[0] is the
 * subcommand's name. Each returns the exit status (delib_status). */
#ifndef DELIB_CLI_H
#define DELIB_CLI_H
#include <stdio.h>
#include "delib.h"

int cmd_render(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_batch(int argc, char **argv);     /* batch.c */
int cmd_serve(int argc, char **argv);     /* serve.c */

/* Shared helpers (main.c). */
void cli_print_diags(FILE *f, const delib_result *r, int json);
delib_ctx *cli_ctx_new(void);   /* prints a French message and returns NULL on failure */
#endif
