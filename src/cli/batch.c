/* SPDX-License-Identifier: Apache-2.0 */
/* delib batch IN_DIR -o OUT_DIR [-j N] [--shard I/N] [--report FILE]
 *                   [--force] [--template NAME]
 *
 * Regenerates an archive: every *.xml under IN_DIR becomes
 * OUT_DIR/<same folder>/<numero>.pdf, rendered by N worker threads, each
 * with its own delib_ctx (the API's rule: one context per thread). Beside
 * each PDF a sidecar NAME.pdf.sha256 records SHA-256(fingerprint ‖ XML), the
 * fingerprint being delib_ctx_fingerprint (delib's version, schemas,
 * template, fonts), and the size and hash of the PDF written; a document
 * whose sidecar matches, beside a PDF that still starts with those bytes,
 * is skipped. The PDF is renamed into place before its sidecar, so a kill -9
 * at any instant leaves either a finished pair or something the next run
 * redoes, plus at most temporary files that the next run sweeps; the check
 * of the PDF's bytes covers what a power cut can leave (batch.h).
 *
 * Threads: the main thread finds the documents, creates the contexts and
 * loads the template in each (libxslt's stylesheet loading sets process-wide
 * error handlers, so it is kept out of the workers), then shows progress and
 * writes the report in input order while the workers render. */
#define _GNU_SOURCE /* sched_getaffinity */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "batch.h"
#include "cli.h"
#include "hash.h"
#include "sys.h"

#define MAX_JOBS 256
#define MAX_SHARDS 1000000

static const char batch_usage[] =
	"Usage : delib batch DOSSIER_ENTRÉE -o DOSSIER_SORTIE [-j N] [--shard I/N] [--report FICHIER.json]\n"
	"                    [--force] [--template NOM] [--format text|json]\n"
	"Rend en parallèle les *.xml d'un dossier (récursivement) dans DOSSIER_SORTIE, sans refaire l'inchangé.\n"
	"  -o, --output DOSSIER  le dossier des PDF (créé au besoin)\n"
	"  -j, --jobs N       N fils de rendu (par défaut : le nombre de processeurs)\n"
	"  --shard I/N        ne traiter que la part I sur N (1 ≤ I ≤ N), pour répartir sur N processus\n"
	"  --report FICHIER   rapport JSON par document (« - » : sortie standard)\n"
	"  --force            rendre même les documents inchangés\n"
	"  -t, --template NOM modèle (dossier templates/NOM ; « default » par défaut)\n"
	"  -f, --format text|json  la forme des diagnostics des documents en échec (json : un objet\n"
	"                     par document et par ligne, sur la sortie standard)\n";

typedef struct batch_config {
	const char *in_dir, *out_dir, *report, *template_name;
	int jobs, force;
	int json;                          /* --format json */
	unsigned shard_index, shard_count; /* 1-based; 0/0 when not sharded */
} batch_config;

/* Everything the workers share. Fields below `lock` are guarded by it. */
typedef struct batch_run {
	const batch_config *cfg;
	char fingerprint[HASH_HEX_SIZE];
	batch_doc *docs;
	size_t ndocs;
	size_t *todo;        /* indexes of this shard's documents, in input order */
	size_t ntodo;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	size_t next;         /* next position in todo to hand out */
	size_t finished;     /* documents whose status is set */
	int active;          /* workers still running */
	int stop;            /* stop handing out documents (signal) */
	size_t io_failed;    /* documents failed on reading or writing a file (exit 3) */
} batch_run;

typedef struct worker {
	batch_run *run;
	delib_ctx *ctx;
	pthread_t thread;
	int started;
} worker;

static volatile sig_atomic_t stop_signal; /* the CLI's only process-wide state: set by SIGINT/SIGTERM */

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* ---- Options ---------------------------------------------------------- */

static int default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0 && CPU_COUNT(&set) < n)
		n = CPU_COUNT(&set); /* a container or taskset may allow fewer */
	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

/* 1..max into *out. */
static int parse_count(const char *s, const char *end, unsigned long max, unsigned *out)
{
	unsigned long long v;
	if (parse_uint(s, end, 1, max, &v) != 0)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int parse_shard(const char *s, batch_config *c)
{
	const char *slash = strchr(s, '/');
	if (!slash || parse_count(s, slash, MAX_SHARDS, &c->shard_index) != 0 ||
	    parse_count(slash + 1, NULL, MAX_SHARDS, &c->shard_count) != 0 ||
	    c->shard_index > c->shard_count) {
		fprintf(stderr, "delib batch : --shard attend I/N avec 1 ≤ I ≤ N (par exemple 2/8), pas « %s »\n", s);
		return -1;
	}
	return 0;
}

static int parse_batch_args(int argc, char **argv, batch_config *c)
{
	static const struct option longs[] = {
		{"output", required_argument, 0, 'o'}, {"jobs", required_argument, 0, 'j'},
		{"shard", required_argument, 0, 's'},  {"report", required_argument, 0, 'r'},
		{"force", no_argument, 0, 'f'},        {"template", required_argument, 0, 't'},
		{"format", required_argument, 0, 'F'}, {"help", no_argument, 0, 'h'},
		{0, 0, 0, 0}};
	memset(c, 0, sizeof *c);
	c->jobs = default_jobs();
	optind = 1;
	int ch;
	unsigned j;
	while ((ch = cli_getopt(argc, argv, "o:j:t:h", longs)) != -1) {
		switch (ch) {
		case 'o': c->out_dir = optarg; break;
		case 'j':
			if (parse_count(optarg, NULL, MAX_JOBS, &j) != 0) {
				fprintf(stderr, "delib batch : -j attend un nombre de 1 à %d, pas « %s »\n", MAX_JOBS, optarg);
				return -1;
			}
			c->jobs = (int)j;
			break;
		case 's':
			if (parse_shard(optarg, c) != 0)
				return -1;
			break;
		case 'r': c->report = optarg; break;
		case 'f': c->force = 1; break;
		case 't': c->template_name = optarg; break;
		case 'F':
			if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0) {
				cli_usage_error("batch", "--format attend text ou json, pas « %s »", optarg);
				return -1;
			}
			c->json = strcmp(optarg, "json") == 0;
			break;
		case 'h': fputs(batch_usage, stdout); exit(0);
		default: return -1;
		}
	}
	if (optind == argc)
		cli_usage_error("batch", "dossier d'entrée manquant");
	else if (optind < argc - 1)
		cli_usage_error("batch", "argument en trop « %s » (un seul dossier d'entrée)", argv[optind + 1]);
	else if (!c->out_dir)
		cli_usage_error("batch", "dossier de sortie manquant (-o DOSSIER)");
	else if (c->json && c->report && strcmp(c->report, "-") == 0)
		cli_usage_error("batch", "--format json et --report - écriraient tous deux sur la sortie standard");
	if (optind != argc - 1 || !c->out_dir || (c->json && c->report && strcmp(c->report, "-") == 0))
		return -1;
	c->in_dir = argv[optind];
	if (!c->template_name)
		c->template_name = "default";
	return 0;
}

/* ---- Finding and naming ------------------------------------------------ */

static void free_docs(batch_doc *docs, size_t n)
{
	for (size_t i = 0; docs && i < n; i++) {
		free(docs[i].rel);
		free(docs[i].out_rel);
		free(docs[i].entry);
		free(docs[i].errors);
	}
	free(docs);
}

static size_t folder_len(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return slash ? (size_t)(slash - rel) : 0;
}

/* A document's key for sorting: by folder then input order, or by output
 * name then input order. */
typedef struct keyed {
	const char *key;
	size_t i;
} keyed;

static int compare_folders(const void *pa, const void *pb)
{
	const keyed *a = pa, *b = pb;
	size_t la = folder_len(a->key), lb = folder_len(b->key);
	int c = memcmp(a->key, b->key, la < lb ? la : lb);
	if (c == 0 && la != lb)
		c = la < lb ? -1 : 1;
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

static int compare_keys(const void *pa, const void *pb)
{
	const keyed *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

static int compare_string_ptrs(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int same_folder(const char *a, const char *b)
{
	size_t la = folder_len(a);
	return la == folder_len(b) && memcmp(a, b, la) == 0;
}

/* Names the PDF of every document that shares a folder with one of ours
 * (only those can collide with ours: the output mirrors the folders), then
 * marks duplicates: the first document in input order keeps the name, the
 * others fail. Every shard names the same way, so shards agree with an
 * unsharded run. */
static int name_outputs(const batch_config *cfg, batch_doc *docs, size_t n)
{
	keyed *by_folder = malloc((n ? n : 1) * sizeof *by_folder);
	keyed *named = malloc((n ? n : 1) * sizeof *named);
	size_t k = 0;
	int rc = by_folder && named ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		by_folder[i] = (keyed){docs[i].rel, i};
		docs[i].dup_of = -1;
	}
	if (rc == 0)
		qsort(by_folder, n, sizeof *by_folder, compare_folders);
	for (size_t i = 0, j; rc == 0 && i < n; i = j) {
		int need = cfg->shard_count == 0 || docs[by_folder[i].i].mine;
		for (j = i + 1; j < n && same_folder(by_folder[j].key, by_folder[i].key); j++)
			need |= docs[by_folder[j].i].mine;
		for (size_t m = i; need && rc == 0 && m < j; m++) {
			batch_doc *d = &docs[by_folder[m].i];
			char *in = batch_join(cfg->in_dir, d->rel);
			d->out_rel = in ? batch_output_name(in, d->rel) : NULL;
			free(in);
			if (!d->out_rel)
				rc = -1;
			else
				named[k++] = (keyed){d->out_rel, by_folder[m].i};
		}
	}
	if (rc == 0)
		qsort(named, k, sizeof *named, compare_keys);
	for (size_t i = 1; rc == 0 && i < k; i++)
		if (strcmp(named[i].key, named[i - 1].key) == 0) {
			long first = docs[named[i - 1].i].dup_of;
			docs[named[i].i].dup_of = first >= 0 ? first : (long)named[i - 1].i;
		}
	free(by_folder);
	free(named);
	return rc;
}

/* ---- One document ------------------------------------------------------ */

typedef struct doc_job {
	batch_run *run;
	delib_ctx *ctx;
	batch_doc *doc;
	char *in, *out;
	double t0;
	batch_status status; /* the outcome; published by the worker under the lock */
	delib_diag extra;    /* a diagnostic of the batch itself (I/O, duplicate) */
	int io;              /* failed on reading the input or writing the output */
	char extra_msg[1024];
} doc_job;

__attribute__((format(printf, 3, 4))) static void set_extra(doc_job *j, const char *id, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(j->extra_msg, sizeof j->extra_msg, fmt, ap);
	va_end(ap);
	j->io = strncmp(id, "io.", 3) == 0;
	j->extra = (delib_diag){.file = j->in, .severity = DELIB_ERROR, .id = id, .message = j->extra_msg};
}

/* Records the outcome: the report's entry, the error lines for stderr.
 * The status itself is published later, under the lock (worker_main), so
 * that the main thread never sees a status without its entry. */
static void finish(doc_job *j, batch_status st, int pages, const delib_result *res)
{
	batch_doc *d = j->doc;
	int n = (res ? res->ndiags : 0) + (j->extra.id ? 1 : 0);
	delib_diag *all = malloc(sizeof *all * (size_t)(n ? n : 1));
	int k = 0;
	for (int i = 0; all && res && i < res->ndiags; i++)
		all[k++] = res->diags[i];
	if (all && j->extra.id)
		all[k++] = j->extra;
	j->status = st;
	d->pages = pages;
	d->ms = (monotonic_ms() / 1e3 - j->t0) * 1e3;
	if (j->run->cfg->report)
		d->entry = batch_entry_json(j->in, j->out, st, pages, d->ms, all, all ? k : 0);
	if (st == BATCH_FAILED)
		d->errors = j->run->cfg->json ? batch_errors_jsonl(j->in, all, all ? k : 0)
		                              : batch_errors_text(all, all ? k : 0);
	free(all);
}

/* The input hash: SHA-256 of the fingerprint (hex) and the XML bytes. */
static void input_hash(const char fingerprint[HASH_HEX_SIZE], const char *xml, size_t size, char hex[HASH_HEX_SIZE])
{
	hash_ctx h;
	uint8_t digest[HASH_SIZE];
	hash_init(&h);
	hash_update(&h, fingerprint, 64);
	hash_update(&h, xml, size);
	hash_final(&h, digest);
	hash_hex(digest, hex);
}

static int unchanged(const char *out, const char hex[HASH_HEX_SIZE], int *pages)
{
	batch_sidecar sc;
	hash_ctx h;
	uint8_t digest[HASH_SIZE];
	char on_disk[HASH_HEX_SIZE];
	hash_init(&h);
	if (batch_sidecar_read(out, &sc) != 0 || strcmp(sc.input, hex) != 0 ||
	    hash_file_prefix(&h, out, sc.pdf_size) != 0)
		return 0;
	hash_final(&h, digest);
	hash_hex(digest, on_disk);
	if (strcmp(on_disk, sc.pdf) != 0)
		return 0;
	*pages = sc.pages;
	return 1;
}

static int record(const char *out, const char hex[HASH_HEX_SIZE], const delib_result *res)
{
	batch_sidecar sc = {.pages = res->pages, .pdf_size = res->pdf_size};
	hash_ctx h;
	uint8_t digest[HASH_SIZE];
	memcpy(sc.input, hex, HASH_HEX_SIZE);
	hash_init(&h);
	hash_update(&h, res->pdf, res->pdf_size);
	hash_final(&h, digest);
	hash_hex(digest, sc.pdf);
	return batch_sidecar_write(out, &sc);
}

static void render_and_write(doc_job *j, const char *xml, size_t size, const char hex[HASH_HEX_SIZE])
{
	const batch_config *cfg = j->run->cfg;
	delib_options opt = {.source_name = j->in, .template_name = cfg->template_name, .want_pdf = 1,
	                     .memory_limit = CLI_MEMORY_LIMIT};
	delib_result res;
	delib_status st = delib_render_memory(j->ctx, xml, size, &opt, &res);
	if (st != DELIB_OK) {
		finish(j, BATCH_FAILED, -1, &res);
	} else if (batch_make_parent(j->out) != 0 || sys_write_atomic(j->out, res.pdf, res.pdf_size, SYS_NOSYNC) != 0) {
		set_extra(j, "io.write", "écriture impossible de « %s » : %s ; aucun fichier n'a été modifié", j->out,
		          sys_strerror(errno));
		finish(j, BATCH_FAILED, -1, &res);
	} else if (record(j->out, hex, &res) != 0) {
		/* The PDF is good but unrecorded: the next run renders it again. */
		set_extra(j, "io.write", "écriture impossible de l'empreinte « %s.sha256 » : %s", j->out,
		          sys_strerror(errno));
		finish(j, BATCH_FAILED, res.pages, &res);
	} else {
		finish(j, BATCH_RENDERED, res.pages, &res);
	}
	delib_result_free(&res);
}

/* *io: set when the document failed on a file it could not read or write
 * (not on its content): the run then exits 3, worth a retry. */
static batch_status process(batch_run *run, delib_ctx *ctx, batch_doc *d, int *io)
{
	doc_job j = {.run = run, .ctx = ctx, .doc = d, .t0 = monotonic_ms() / 1e3};
	j.in = batch_join(run->cfg->in_dir, d->rel);
	j.out = batch_join(run->cfg->out_dir, d->out_rel);
	char *xml = NULL;
	size_t size = 0;
	char hex[HASH_HEX_SIZE];
	int pages;
	if (!j.in || !j.out) {
		set_extra(&j, "internal.memory", "mémoire insuffisante");
		finish(&j, BATCH_FAILED, -1, NULL);
	} else if (d->dup_of >= 0) {
		set_extra(&j, "batch.duplicate",
		          "numéro de délibération en double dans ce dossier : même fichier de sortie « %s » que « %s », "
		          "qui garde ce nom ; document non rendu",
		          d->out_rel, run->docs[d->dup_of].rel);
		finish(&j, BATCH_FAILED, -1, NULL);
	} else if (sys_read_file(j.in, SIZE_MAX, &xml, &size) != 0) {
		set_extra(&j, "io.read", "lecture impossible : %s", sys_strerror(errno));
		finish(&j, BATCH_FAILED, -1, NULL);
	} else {
		input_hash(run->fingerprint, xml, size, hex);
		if (!run->cfg->force && unchanged(j.out, hex, &pages))
			finish(&j, BATCH_UNCHANGED, pages, NULL);
		else
			render_and_write(&j, xml, size, hex);
	}
	free(xml);
	free(j.in);
	free(j.out);
	*io = j.status == BATCH_FAILED && j.io;
	return j.status;
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	batch_run *run = w->run;
	pthread_mutex_lock(&run->lock);
	while (!run->stop && run->next < run->ntodo) {
		batch_doc *d = &run->docs[run->todo[run->next++]];
		pthread_mutex_unlock(&run->lock);
		int io = 0;
		batch_status st = process(run, w->ctx, d, &io);
		pthread_mutex_lock(&run->lock);
		d->status = st;
		run->io_failed += (size_t)io;
		run->finished++;
		pthread_cond_signal(&run->cond);
	}
	run->active--;
	pthread_cond_signal(&run->cond);
	pthread_mutex_unlock(&run->lock);
	return NULL;
}

/* ---- Contexts ------------------------------------------------------------ */

static void free_workers(worker *w, int n)
{
	for (int i = 0; w && i < n; i++)
		delib_ctx_free(w[i].ctx);
	free(w);
}

/* n contexts, each with the template loaded; the fingerprint into fp.
 * Returns the exit status on failure, 0 on success. */
static int make_workers(const batch_config *cfg, int n, worker **out, char fp[HASH_HEX_SIZE])
{
	worker *w = calloc((size_t)n, sizeof *w);
	if (!w) {
		fprintf(stderr, "delib batch : mémoire insuffisante\n");
		return DELIB_INTERNAL;
	}
	for (int i = 0; i < n; i++) {
		char f[HASH_HEX_SIZE];
		if (!(w[i].ctx = cli_ctx_new())) {
			free_workers(w, n);
			return DELIB_INTERNAL;
		}
		delib_status st = delib_ctx_fingerprint(w[i].ctx, cfg->template_name, f);
		if (st != DELIB_OK) {
			if (st == DELIB_USAGE)
				fprintf(stderr, "delib batch : modèle « %s » introuvable dans le dossier des modèles\n",
				        cfg->template_name);
			else
				fprintf(stderr, "delib batch : empreinte du modèle, des schémas et des polices impossible "
				                "(fichier illisible)\n");
			free_workers(w, n);
			return st;
		}
		if (i == 0)
			memcpy(fp, f, HASH_HEX_SIZE);
		else if (strcmp(f, fp) != 0) { /* a file changed while we were starting */
			fprintf(stderr, "delib batch : le modèle ou les polices ont changé pendant le démarrage ; "
			                "relancez\n");
			free_workers(w, n);
			return DELIB_INTERNAL;
		}
	}
	*out = w;
	return 0;
}

/* ---- The main thread's loop ------------------------------------------- */

typedef struct sink {
	batch_report *report;
	batch_progress *progress;
	batch_totals totals;
	size_t flushed;      /* position in todo written out */
	int report_failed;
	int json;            /* failures as JSON lines on stdout (--format json) */
} sink;

/* Writes the finished documents at the head of the input order. */
static void flush_done(batch_run *run, sink *s, int final)
{
	pthread_mutex_lock(&run->lock);
	size_t upto = s->flushed;
	while (upto < run->ntodo && run->docs[run->todo[upto]].status != BATCH_PENDING)
		upto++;
	if (final) /* after the workers: whatever remains was never started */
		upto = run->ntodo;
	pthread_mutex_unlock(&run->lock);
	for (; s->flushed < upto; s->flushed++) {
		batch_doc *d = &run->docs[run->todo[s->flushed]];
		batch_totals *t = &s->totals;
		if (d->status == BATCH_PENDING) { /* interrupted before its turn: listed, for a complete report */
			t->not_processed++;
			char *in = batch_join(run->cfg->in_dir, d->rel), *out = batch_join(run->cfg->out_dir, d->out_rel);
			d->entry = in && out ? batch_entry_json(in, out, BATCH_PENDING, -1, 0, NULL, 0) : NULL;
			free(in);
			free(out);
		} else {
			t->rendered += d->status == BATCH_RENDERED;
			t->unchanged += d->status == BATCH_UNCHANGED;
			t->failed += d->status == BATCH_FAILED;
		}
		if (d->pages > 0 && d->status != BATCH_FAILED)
			t->pages += d->pages;
		if (d->status == BATCH_RENDERED)
			t->pages_rendered += d->pages;
		if (d->errors && s->json) {
			fputs(d->errors, stdout);  /* a line each: a reader may follow the run */
			fflush(stdout);
		} else if (d->errors) {
			batch_progress_print(s->progress, d->errors);
		}
		if (s->report && !s->report_failed && (!d->entry || batch_report_add(s->report, d->entry) != 0))
			s->report_failed = 1;
		free(d->entry);
		free(d->errors);
		d->entry = d->errors = NULL;
	}
}

static void wait_a_little(batch_run *run, double seconds)
{
	struct timespec ts = timespec_after(CLOCK_REALTIME, seconds * 1e3);
	pthread_cond_timedwait(&run->cond, &run->lock, &ts);
}

static void supervise(batch_run *run, sink *s)
{
	pthread_mutex_lock(&run->lock);
	while (run->active > 0) {
		wait_a_little(run, 0.1);
		if (stop_signal && !run->stop) {
			run->stop = 1;
			pthread_mutex_unlock(&run->lock);
			batch_progress_print(s->progress, "\nInterruption demandée : fin des documents en cours…\n");
			pthread_mutex_lock(&run->lock);
		}
		size_t done = run->finished;
		pthread_mutex_unlock(&run->lock);
		flush_done(run, s, 0);
		batch_progress_update(s->progress, done, 0);
		pthread_mutex_lock(&run->lock);
	}
	pthread_mutex_unlock(&run->lock);
}

/* Starts the workers with SIGINT and SIGTERM blocked (the main thread alone
 * takes them), supervises, joins. */
static void run_workers(batch_run *run, worker *w, int nw, sink *s)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	run->active = 0;
	for (int i = 0; i < nw; i++) {
		w[i].run = run;
		pthread_mutex_lock(&run->lock);
		run->active++;
		pthread_mutex_unlock(&run->lock);
		if (pthread_create(&w[i].thread, NULL, worker_main, &w[i]) != 0) {
			pthread_mutex_lock(&run->lock);
			run->active--;
			pthread_mutex_unlock(&run->lock);
			break; /* fewer workers; if none, the loop below runs them here */
		}
		w[i].started = 1;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!w[0].started) {
		pthread_mutex_lock(&run->lock);
		run->active = 1;
		pthread_mutex_unlock(&run->lock);
		worker_main(&w[0]);
	}
	supervise(run, s);
	for (int i = 0; i < nw; i++)
		if (w[i].started)
			pthread_join(w[i].thread, NULL);
	flush_done(run, s, 1);
}

/* ---- The command ------------------------------------------------------- */

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESTART | SA_RESETHAND; /* a second signal kills at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static int prepare_docs(const batch_config *cfg, batch_run *run, size_t *found)
{
	char **rels = NULL, err[1024];
	size_t n = 0;
	if (batch_find(cfg->in_dir, &rels, &n, err, sizeof err) != 0) {
		fprintf(stderr, "delib batch : %s\n", err);
		return -1;
	}
	run->docs = calloc(n ? n : 1, sizeof *run->docs);
	run->todo = malloc((n ? n : 1) * sizeof *run->todo);
	if (!run->docs || !run->todo) {
		for (size_t i = 0; i < n; i++)
			free(rels[i]);
		free(rels);
		fprintf(stderr, "delib batch : mémoire insuffisante\n");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		batch_doc *d = &run->docs[i];
		d->rel = rels[i];
		d->pages = -1;
		d->mine = cfg->shard_count == 0 || batch_shard_of(d->rel, cfg->shard_count) == cfg->shard_index - 1;
		if (d->mine)
			run->todo[run->ntodo++] = i;
	}
	free(rels);
	run->ndocs = n;
	*found = n;
	if (name_outputs(cfg, run->docs, n) != 0) {
		fprintf(stderr, "delib batch : mémoire insuffisante\n");
		return -1;
	}
	return 0;
}

/* Removes what a killed run left: everywhere when we own the folder, only
 * our documents' temporaries when other shards may be writing beside us. */
static void sweep(const batch_config *cfg, const batch_run *run)
{
	size_t removed = 0;
	if (cfg->shard_count == 0) {
		removed = batch_sweep_tree(cfg->out_dir);
	} else if (run->ntodo) {
		char **outs = malloc(run->ntodo * sizeof *outs);
		for (size_t i = 0; outs && i < run->ntodo; i++)
			outs[i] = run->docs[run->todo[i]].out_rel;
		if (outs) {
			qsort(outs, run->ntodo, sizeof *outs, compare_string_ptrs);
			removed = batch_sweep_own(cfg->out_dir, outs, run->ntodo);
		}
		free(outs);
	}
	if (cfg->report && strcmp(cfg->report, "-") != 0)
		removed += batch_sweep_exact(cfg->report);
	if (removed)
		fprintf(stderr, "delib batch : %zu fichier%s temporaire%s d'une exécution interrompue supprimé%s\n",
		        removed, removed > 1 ? "s" : "", removed > 1 ? "s" : "", removed > 1 ? "s" : "");
}

static void print_start(const batch_config *cfg, size_t found, size_t ntodo, int nw)
{
	if (cfg->shard_count)
		fprintf(stderr, "delib batch : %zu document%s trouvé%s sous %s, dont %zu dans la part %u/%u ; %d fil%s de "
		                "rendu\n",
		        found, found > 1 ? "s" : "", found > 1 ? "s" : "", cfg->in_dir, ntodo, cfg->shard_index,
		        cfg->shard_count, nw, nw > 1 ? "s" : "");
	else
		fprintf(stderr, "delib batch : %zu document%s trouvé%s sous %s ; %d fil%s de rendu\n", found,
		        found > 1 ? "s" : "", found > 1 ? "s" : "", cfg->in_dir, nw, nw > 1 ? "s" : "");
}

/* 3 (DELIB_INTERNAL) when a file could not be read or written, the
 * report included: the environment's fault (read-only folder, permission,
 * full disk), worth a retry; 1 when only documents were invalid, which a
 * retry would not change. */
static int exit_status(const sink *s, int report_ok, size_t io_failed)
{
	if (!report_ok)
		return DELIB_INTERNAL;
	if (s->totals.interrupted)
		return 128 + (int)stop_signal;
	if (io_failed)
		return DELIB_INTERNAL;
	return s->totals.failed ? DELIB_INVALID : DELIB_OK;
}

/* Runs the batch once the documents are found and named. */
static int run_batch(const batch_config *cfg, batch_run *run, size_t found, double t0)
{
	int nw = run->ntodo < (size_t)cfg->jobs ? (int)(run->ntodo ? run->ntodo : 1) : cfg->jobs;
	worker *w = NULL;
	int st = make_workers(cfg, nw, &w, run->fingerprint);
	if (st)
		return st;
	sweep(cfg, run);
	sink s = {.totals = {.found = found, .documents = run->ntodo}, .json = cfg->json};
	batch_report_info info = {cfg->in_dir, cfg->out_dir, cfg->template_name, run->fingerprint,
	                          cfg->shard_index, cfg->shard_count, nw, cfg->force};
	if (cfg->report && !(s.report = batch_report_open(cfg->report, &info))) {
		fprintf(stderr, "delib batch : écriture impossible du rapport « %s » : %s\n", cfg->report,
		        sys_strerror(errno));
		free_workers(w, nw);
		return DELIB_INTERNAL;
	}
	print_start(cfg, found, run->ntodo, nw);
	s.progress = batch_progress_new(stderr, run->ntodo);
	install_signals();
	run_workers(run, w, nw, &s);
	batch_progress_free(s.progress);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	free_workers(w, nw);
	/* One sync for the whole run rather than one per file (batch.h, on the
	 * sidecars, says why that is safe): once the command has returned,
	 * what it wrote is on disk. */
	int synced = s.totals.rendered == 0 || batch_sync(cfg->out_dir) == 0;
	if (!synced)
		fprintf(stderr, "delib batch : synchronisation impossible de « %s » sur le disque : %s\n", cfg->out_dir,
		        sys_strerror(errno));
	int report_ok = 1;
	s.totals.interrupted = stop_signal != 0 && s.totals.not_processed > 0;
	s.totals.seconds = monotonic_ms() / 1e3 - t0;
	if (s.report) {
		if (s.report_failed) {
			batch_report_abort(s.report);
			errno = EIO;
			report_ok = 0;
		} else if (batch_report_close(s.report, &s.totals) != 0) {
			report_ok = 0;
		}
		if (!report_ok)
			fprintf(stderr, "delib batch : écriture impossible du rapport « %s » : %s\n", cfg->report,
			        sys_strerror(errno));
	}
	batch_summary(stderr, &s.totals);
	if (run->io_failed)
		fprintf(stderr,
		        "delib batch : %zu document%s en échec de lecture ou d'écriture de fichier (dossier en lecture "
		        "seule, droits, disque plein…) : code de sortie 3, à relancer une fois la cause levée\n",
		        run->io_failed, run->io_failed > 1 ? "s" : "");
	return exit_status(&s, report_ok && synced, run->io_failed);
}

int cmd_batch(int argc, char **argv)
{
	batch_config cfg;
	if (parse_batch_args(argc, argv, &cfg) != 0)
		return DELIB_USAGE; /* the wrong word is said */
	double t0 = monotonic_ms() / 1e3;
	struct stat st;
	int serr = stat(cfg.in_dir, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	if (serr) {
		fprintf(stderr, "delib batch : « %s » n'est pas un dossier lisible : %s\n", cfg.in_dir,
		        sys_strerror(serr));
		return DELIB_INTERNAL;
	}
	if (batch_make_dirs(cfg.out_dir) != 0) {
		fprintf(stderr, "delib batch : création impossible du dossier « %s » : %s\n", cfg.out_dir,
		        sys_strerror(errno));
		return DELIB_INTERNAL;
	}
	batch_run run = {.cfg = &cfg};
	pthread_mutex_init(&run.lock, NULL);
	pthread_cond_init(&run.cond, NULL);
	size_t found = 0;
	int status = prepare_docs(&cfg, &run, &found) == 0 ? run_batch(&cfg, &run, found, t0) : DELIB_INTERNAL;
	free_docs(run.docs, run.ndocs);
	free(run.todo);
	pthread_cond_destroy(&run.cond);
	pthread_mutex_destroy(&run.lock);
	return status;
}
