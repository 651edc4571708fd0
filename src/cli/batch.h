/* SPDX-License-Identifier: Apache-2.0 */
/* delib batch: regenerates a whole archive of deliberations.
 *
 * Internal to the CLI. batch.c runs the command (options, workers, the
 * order of events); batch_fs.c finds the documents, names their PDFs and
 * does every file operation that must survive a kill -9 (atomic writes,
 * sidecars, sweeping the temporary files of an interrupted run);
 * batch_report.c writes the JSON report and the progress shown on stderr. */
#ifndef DELIB_CLI_BATCH_H
#define DELIB_CLI_BATCH_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "delib.h"
#include "hash.h"

typedef enum batch_status {
	BATCH_PENDING = 0, /* not processed (yet, or the run was interrupted) */
	BATCH_RENDERED,    /* rendered and written, sidecar recorded */
	BATCH_UNCHANGED,   /* skipped: the sidecar records the same input hash */
	BATCH_FAILED       /* diagnostics say why; any old PDF is left as it was */
} batch_status;

/* One deliberation found under IN_DIR. Paths are relative, '/'-separated. */
typedef struct batch_doc {
	char *rel;           /* under IN_DIR, e.g. "2021/2021-10-14/2021-10-14-22.xml" (owned) */
	char *out_rel;       /* under OUT_DIR, e.g. "2021/2021-10-14/2021-10-14-22.pdf" (owned);
	                        NULL when not needed (other shard's folder) */
	long dup_of;         /* index of an earlier document with the same out_rel, or -1 */
	int mine;            /* belongs to this shard */
	/* Set by the worker that processed it, read by the main thread once
	 * status is no longer BATCH_PENDING. */
	batch_status status;
	int pages;           /* pages of the PDF, -1 when unknown */
	double ms;           /* [ms] wall time spent on this document */
	char *entry;         /* its JSON object for the report (owned; freed once written) */
	char *errors;        /* its error diagnostics as text lines for stderr, or NULL (owned) */
} batch_doc;

/* ---- batch_fs.c ---------------------------------------------------- */

/* Every regular file named *.xml under dir (recursively; hidden entries and
 * symbolic links to folders are skipped), as relative paths sorted bytewise.
 * Returns 0, or -1 with a French message in err. *rels is malloc'd, as is
 * each string. */
int batch_find(const char *dir, char ***rels, size_t *n, char *err, size_t errlen);

/* The shard a relative path belongs to, in 0..count-1: the first 8 bytes of
 * SHA-256(rel), big-endian, modulo count. Same on every host. */
unsigned batch_shard_of(const char *rel, unsigned count);

/* The relative output path of a document: its folder, then the @numero of
 * its root element ("2021-10-14-22.pdf"), read by a bounded scan of the
 * file's first bytes; the file's base name when the attribute is missing,
 * unreadable or not a valid number ([0-9A-Za-z_-]{1,32}). malloc'd. */
char *batch_output_name(const char *in_path, const char *rel);

/* "a" + "/" + "b", malloc'd (NULL on allocation failure). */
char *batch_join(const char *a, const char *b);

/* Creates the folder that will hold path, and its parents. 0 or -1 (errno). */
int batch_make_parent(const char *path);
int batch_make_dirs(const char *dir);

/* Files are read with sys_read_file and written with sys_write_atomic
 * (sys.h): PDFs and sidecars with SYS_NOSYNC, no fsync per file (see
 * batch_sidecar), the batch syncing its output once at the end. */
/* syncfs() of the file system holding dir: 0, or -1 with errno. */
int batch_sync(const char *dir);

/* The sidecar "NAME.pdf.sha256" beside a PDF ("HEX\npages: N\npdf: SIZE
 * HEX\n"): the hash of the inputs, the page count, and the size and hash
 * of the PDF as written. A document is unchanged only when its inputs hash
 * the same and the PDF on disk still starts with exactly the bytes written
 * (a signature appended later as an incremental update keeps them), so
 * that whatever a crash or a power cut left (a missing, empty or older PDF
 * beside a newer sidecar) is rendered again rather than trusted: no fsync
 * per document is needed for that, and they were a fifth of a batch's
 * elapsed time. read returns 0 when the sidecar is well formed, else -1. */
typedef struct batch_sidecar {
	char input[HASH_HEX_SIZE];
	int pages;
	size_t pdf_size;
	char pdf[HASH_HEX_SIZE];
} batch_sidecar;
int batch_sidecar_read(const char *pdf_path, batch_sidecar *sc);
int batch_sidecar_write(const char *pdf_path, const batch_sidecar *sc);

/* If name is one of our temporary files (".X.pdf.XXXXXX" or
 * ".X.pdf.sha256.XXXXXX"), returns 1 and writes "X.pdf" into pdf; else 0. */
int batch_temp_target(const char *name, char *pdf, size_t cap);

/* Removes our temporary files left by a killed run. sweep_tree: everywhere
 * under out_dir (an unsharded run owns the whole folder). sweep_own: only
 * those of the given outputs (sorted relative paths), so that concurrent
 * shards sharing out_dir never remove each other's files in flight.
 * Also removes a temporary of the report (".BASE.XXXXXX" beside it).
 * Return the number of files removed. */
size_t batch_sweep_tree(const char *out_dir);
size_t batch_sweep_own(const char *out_dir, char *const *sorted_out_rels, size_t n);
size_t batch_sweep_exact(const char *path);

/* ---- batch_report.c ------------------------------------------------ */

/* The JSON object of one document for the report (malloc'd). */
char *batch_entry_json(const char *in_path, const char *out_path, batch_status st, int pages, double ms,
                       const delib_diag *diags, int ndiags);
/* Text lines of a failed document's diagnostics, for stderr (malloc'd). */
char *batch_errors_text(const delib_diag *diags, int ndiags);
/* The same as one line of JSON (--format json, on stdout): {"input": …,
 * "status": "failed", "diagnostics": […]} and a newline (malloc'd). */
char *batch_errors_jsonl(const char *in_path, const delib_diag *diags, int ndiags);

typedef struct batch_totals {
	size_t found;        /* XML files under IN_DIR */
	size_t documents;    /* those of this shard */
	size_t rendered, unchanged, failed, not_processed;
	long pages;          /* pages of the rendered and unchanged PDFs (known ones) */
	long pages_rendered;
	double seconds;      /* [s] wall time of the whole run */
	int interrupted;
} batch_totals;

typedef struct batch_report batch_report;
typedef struct batch_report_info {
	const char *in_dir, *out_dir, *template_name, *fingerprint;
	unsigned shard_index, shard_count;  /* 0/0: no shard */
	int jobs, force;
} batch_report_info;

/* Opens the report (a temporary beside path, renamed by close; "-" is
 * stdout). NULL with errno on failure. */
batch_report *batch_report_open(const char *path, const batch_report_info *info);
int batch_report_add(batch_report *r, const char *entry);
/* Writes the totals, syncs and renames; frees r. 0 or -1 (errno). */
int batch_report_close(batch_report *r, const batch_totals *t);
void batch_report_abort(batch_report *r);

/* Progress on stderr: a bar redrawn in place on a terminal, plain lines
 * every few seconds otherwise. */
typedef struct batch_progress batch_progress;
batch_progress *batch_progress_new(FILE *f, size_t total);
void batch_progress_update(batch_progress *p, size_t done, int force_draw);
/* Prints text (whole lines) above the bar. */
void batch_progress_print(batch_progress *p, const char *text);
void batch_progress_free(batch_progress *p);
void batch_summary(FILE *f, const batch_totals *t);

#endif
