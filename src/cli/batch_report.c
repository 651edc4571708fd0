/* SPDX-License-Identifier: Apache-2.0 */
/* delib batch: what the user sees. The JSON report (one object per
 * document, in input order, streamed to a temporary file renamed at the end
 * so that memory does not grow with the archive), the progress on stderr and
 * the summary. Numbers shown to people are French: "1 234,5" (narrow
 * no-break space, decimal comma); numbers in JSON are plain. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "batch.h"
#include "cli.h"
#include "sys.h"

#define NNBSP "\xE2\x80\xAF" /* U+202F narrow no-break space */

/* ---- JSON ------------------------------------------------------------ */

static const char *status_name(batch_status st)
{
	switch (st) {
	case BATCH_RENDERED: return "rendered";
	case BATCH_UNCHANGED: return "unchanged";
	case BATCH_FAILED: return "failed";
	default: return "not-processed";
	}
}

/* One document's facts, for the writers below. */
typedef struct doc_facts {
	const char *in_path, *out_path;
	batch_status status;
	int pages;
	double ms;
	const delib_diag *diags;
	int ndiags;
} doc_facts;

/* The text a writer puts into a memory stream (malloc'd), or NULL. */
static char *build_text(void (*write)(FILE *f, const doc_facts *e), const doc_facts *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	write(f, e);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The report's entry: one diagnostic a line, indented under the document. */
static void write_entry(FILE *f, const doc_facts *e)
{
	fputs("{\"input\": ", f);
	cli_json_string(f, e->in_path);
	fputs(", \"output\": ", f);
	cli_json_string(f, e->out_path);
	fprintf(f, ", \"status\": \"%s\", \"pages\": ", status_name(e->status));
	if (e->pages >= 0)
		fprintf(f, "%d", e->pages);
	else
		fputs("null", f);
	fprintf(f, ", \"milliseconds\": %.1f, \"diagnostics\": [", e->ms);
	for (int i = 0; i < e->ndiags; i++) {
		fputs(i ? ",\n      " : "\n      ", f);
		cli_json_diag(f, &e->diags[i]);
	}
	fputs(e->ndiags ? "\n    ]}" : "]}", f);
}

static void write_errors_text(FILE *f, const doc_facts *e)
{
	for (int i = 0; i < e->ndiags; i++) {
		char line[2048];
		delib_diag_format(&e->diags[i], line, sizeof line);
		fprintf(f, "%s\n", line);
	}
}

/* --format json: the whole failure on one line. */
static void write_errors_jsonl(FILE *f, const doc_facts *e)
{
	fputs("{\"input\": ", f);
	cli_json_string(f, e->in_path);
	fputs(", \"status\": \"failed\", \"diagnostics\": [", f);
	for (int i = 0; i < e->ndiags; i++) {
		fputs(i ? ", " : "", f);
		cli_json_diag(f, &e->diags[i]);
	}
	fputs("]}\n", f);
}

char *batch_entry_json(const char *in_path, const char *out_path, batch_status st, int pages, double ms,
                       const delib_diag *diags, int ndiags)
{
	doc_facts e = {in_path, out_path, st, pages, ms, diags, ndiags};
	return build_text(write_entry, &e);
}

char *batch_errors_text(const delib_diag *diags, int ndiags)
{
	doc_facts e = {.diags = diags, .ndiags = ndiags};
	return build_text(write_errors_text, &e);
}

char *batch_errors_jsonl(const char *in_path, const delib_diag *diags, int ndiags)
{
	doc_facts e = {.in_path = in_path, .status = BATCH_FAILED, .diags = diags, .ndiags = ndiags};
	return build_text(write_errors_jsonl, &e);
}

/* ---- The report file ------------------------------------------------- */

struct batch_report {
	FILE *f;
	sys_atomic file;   /* unused when writing to stdout */
	int to_stdout;
	size_t n;
};

static void report_header(FILE *f, const batch_report_info *in)
{
	fputs("{\n  \"delib\": \"" DELIB_VERSION "\",\n  \"input\": ", f);
	cli_json_string(f, in->in_dir);
	fputs(",\n  \"output\": ", f);
	cli_json_string(f, in->out_dir);
	fputs(",\n  \"template\": ", f);
	cli_json_string(f, in->template_name);
	fputs(",\n  \"fingerprint\": ", f);
	cli_json_string(f, in->fingerprint);
	if (in->shard_count)
		fprintf(f, ",\n  \"shard\": {\"index\": %u, \"count\": %u}", in->shard_index, in->shard_count);
	else
		fputs(",\n  \"shard\": null", f);
	fprintf(f, ",\n  \"jobs\": %d,\n  \"force\": %s,\n  \"documents\": [", in->jobs,
	        in->force ? "true" : "false");
}

batch_report *batch_report_open(const char *path, const batch_report_info *info)
{
	batch_report *r = calloc(1, sizeof *r);
	if (!r) {
		errno = ENOMEM;
		return NULL;
	}
	r->to_stdout = strcmp(path, "-") == 0;
	if (r->to_stdout) {
		r->f = stdout;
	} else if (sys_atomic_open(&r->file, path) != 0 || !(r->f = sys_atomic_stream(&r->file))) {
		int e = errno;
		if (r->file.tmp)
			sys_atomic_abort(&r->file);
		free(r);
		errno = e;
		return NULL;
	}
	report_header(r->f, info);
	return r;
}

int batch_report_add(batch_report *r, const char *entry)
{
	fputs(r->n++ ? ",\n    " : "\n    ", r->f);
	fputs(entry, r->f);
	return ferror(r->f) ? -1 : 0;
}

static double per_second(double n, double s)
{
	return s > 0 ? n / s : 0;
}

int batch_report_close(batch_report *r, const batch_totals *t)
{
	FILE *f = r->f;
	fprintf(f, "%s],\n  \"totals\": {\"found\": %zu, \"documents\": %zu, \"rendered\": %zu, "
	           "\"unchanged\": %zu, \"failed\": %zu, \"not_processed\": %zu, \"pages\": %ld, "
	           "\"pages_rendered\": %ld, \"seconds\": %.3f, \"documents_per_second\": %.2f, "
	           "\"pages_per_second\": %.2f, \"interrupted\": %s}\n}\n",
	        r->n ? "\n  " : "", t->found, t->documents, t->rendered, t->unchanged, t->failed, t->not_processed,
	        t->pages, t->pages_rendered, t->seconds,
	        per_second((double)(t->rendered + t->unchanged + t->failed), t->seconds),
	        per_second((double)t->pages_rendered, t->seconds), t->interrupted ? "true" : "false");
	/* One file the user waits for, written once at the end: durable. */
	int rc = r->to_stdout ? (fflush(f) == 0 && !ferror(f) ? 0 : -1) : sys_atomic_commit(&r->file, SYS_SYNC);
	int e = errno;
	free(r);
	errno = e;
	return rc;
}

void batch_report_abort(batch_report *r)
{
	if (!r)
		return;
	if (!r->to_stdout)
		sys_atomic_abort(&r->file);
	free(r);
}

/* ---- French numbers -------------------------------------------------- */

/* 1234567 → "1 234 567" (narrow no-break spaces). */
static char *fr_int(char *buf, size_t cap, long long v)
{
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
	size_t o = 0;
	if (v < 0 && o + 1 < cap)
		buf[o++] = '-';
	for (int i = 0; i < n && o + 4 < cap; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			memcpy(buf + o, NNBSP, 3);
			o += 3;
		}
		buf[o++] = digits[i];
	}
	buf[o] = 0;
	return buf;
}

/* 1234.56 with 1 decimal → "1 234,6". */
static char *fr_dec(char *buf, size_t cap, double v, int decimals)
{
	double scale = decimals == 2 ? 100 : decimals == 1 ? 10 : 1;
	long long all = (long long)(v * scale + (v < 0 ? -0.5 : 0.5));
	long long ip = all / (long long)scale, fp = all % (long long)scale;
	fr_int(buf, cap, ip);
	size_t o = strlen(buf);
	if (decimals > 0 && o + 4 < cap)
		snprintf(buf + o, cap - o, decimals == 2 ? ",%02d" : ",%d", (int)(fp < 0 ? -fp : fp));
	return buf;
}

/* Seconds as "42 s", "3 min 05 s", "2 h 07 min". */
static char *fr_duration(char *buf, size_t cap, double s)
{
	long t = (long)(s + 0.5);
	if (t < 60)
		snprintf(buf, cap, "%ld s", t);
	else if (t < 3600)
		snprintf(buf, cap, "%ld min %02ld s", t / 60, t % 60);
	else
		snprintf(buf, cap, "%ld h %02ld min", t / 3600, t % 3600 / 60);
	return buf;
}

/* ---- Progress --------------------------------------------------------- */

#define RATE_WINDOW 16      /* samples kept for the rate */
#define RATE_SPAN 10.0      /* [s] the rate is measured over about this */
#define PLAIN_EVERY 5.0     /* [s] between plain progress lines */
#define TTY_EVERY 0.1       /* [s] between redraws of the bar */

struct batch_progress {
	FILE *f;
	int tty;
	size_t total, done;
	double start, last_draw;
	double t[RATE_WINDOW];  /* [s] */
	size_t n[RATE_WINDOW];
	int head, count;
	int drawn;              /* a bar is on screen */
};

batch_progress *batch_progress_new(FILE *f, size_t total)
{
	batch_progress *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->f = f;
	const char *term = getenv("TERM");
	p->tty = isatty(fileno(f)) && !(term && strcmp(term, "dumb") == 0);
	p->total = total;
	p->start = p->last_draw = monotonic_ms() / 1e3;
	p->t[0] = p->start;
	p->count = 1;
	return p;
}

static void add_sample(batch_progress *p, double now, size_t done)
{
	int last = (p->head + p->count - 1) % RATE_WINDOW;
	if (now - p->t[last] < RATE_SPAN / RATE_WINDOW)
		return;
	if (p->count < RATE_WINDOW) {
		p->count++;
	} else {
		p->head = (p->head + 1) % RATE_WINDOW;
	}
	last = (p->head + p->count - 1) % RATE_WINDOW;
	p->t[last] = now;
	p->n[last] = done;
}

/* Documents per second over the last RATE_SPAN seconds or so. */
static double current_rate(const batch_progress *p, double now)
{
	double dt = now - p->t[p->head];
	return dt > 0.2 ? (double)(p->done - p->n[p->head]) / dt : 0;
}

static int term_columns(FILE *f)
{
	struct winsize ws;
	if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static void status_text(const batch_progress *p, double now, char *out, size_t cap)
{
	double rate = current_rate(p, now);
	char c1[32], c2[32], r[32], eta[32];
	size_t left = p->total - p->done;
	if (rate > 0)
		fr_duration(eta, sizeof eta, (double)left / rate);
	else
		snprintf(eta, sizeof eta, "?");
	snprintf(out, cap, "%s/%s  %3d %%  %s doc/s  reste %s", fr_int(c1, sizeof c1, (long long)p->done),
	         fr_int(c2, sizeof c2, (long long)p->total),
	         p->total ? (int)(100.0 * (double)p->done / (double)p->total) : 100, fr_dec(r, sizeof r, rate, 1),
	         eta);
}

/* Display width of UTF-8 text (one column per character: enough here). */
static int text_width(const char *s)
{
	int w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void draw_bar(batch_progress *p, double now)
{
	char status[200], total[32];
	status_text(p, now, status, sizeof status);
	/* A constant width for the status, so that the bar does not jump as the
	 * figures grow: "N/N  100 %  9 999,9 doc/s  reste 59 min 59 s". */
	int reserve = 2 * text_width(fr_int(total, sizeof total, (long long)p->total)) + 42;
	for (int w = text_width(status); w < reserve && strlen(status) + 1 < sizeof status; w++)
		strcat(status, " ");
	int cols = term_columns(p->f) - 1;
	int bar = cols - text_width(status) - 3;
	fputs("\r", p->f);
	if (bar >= 10) {
		if (bar > 50)
			bar = 50;
		int full = p->total ? (int)((double)bar * (double)p->done / (double)p->total) : bar;
		fputc('[', p->f);
		for (int i = 0; i < bar; i++)
			fputs(i < full ? "#" : "-", p->f);
		fputs("] ", p->f);
	}
	fputs(status, p->f);
	fputs("\033[K", p->f);
	fflush(p->f);
	p->drawn = 1;
}

void batch_progress_update(batch_progress *p, size_t done, int force_draw)
{
	if (!p)
		return;
	double now = monotonic_ms() / 1e3;
	p->done = done;
	add_sample(p, now, done);
	if (p->tty) {
		if (force_draw || now - p->last_draw >= TTY_EVERY) {
			draw_bar(p, now);
			p->last_draw = now;
		}
	} else if (now - p->last_draw >= PLAIN_EVERY && done < p->total) {
		char status[160];
		status_text(p, now, status, sizeof status);
		fprintf(p->f, "delib batch : %s\n", status);
		fflush(p->f);
		p->last_draw = now;
	}
}

void batch_progress_print(batch_progress *p, const char *text)
{
	if (p && p->tty && p->drawn)
		fputs("\r\033[K", p->f);
	fputs(text, p ? p->f : stderr);
	if (p && p->tty && p->drawn)
		draw_bar(p, monotonic_ms() / 1e3);
	else
		fflush(p ? p->f : stderr);
}

void batch_progress_free(batch_progress *p)
{
	if (!p)
		return;
	if (p->tty && p->drawn) {
		draw_bar(p, monotonic_ms() / 1e3);
		fputc('\n', p->f);
	}
	fflush(p->f);
	free(p);
}

/* ---- Summary ---------------------------------------------------------- */

static const char *plural(size_t n, const char *one, const char *many)
{
	return n >= 2 ? many : one;
}

void batch_summary(FILE *f, const batch_totals *t)
{
	size_t processed = t->rendered + t->unchanged + t->failed;
	char a[32], b[32], c[32], d[32], e[32], g[32], h[32];
	fprintf(f, "Bilan : %s %s, %s %s, %s en échec",
	        fr_int(a, sizeof a, (long long)t->rendered), plural(t->rendered, "rendu", "rendus"),
	        fr_int(b, sizeof b, (long long)t->unchanged), plural(t->unchanged, "inchangé", "inchangés"),
	        fr_int(c, sizeof c, (long long)t->failed));
	if (t->not_processed)
		fprintf(f, ", %s non %s", fr_int(d, sizeof d, (long long)t->not_processed),
		        plural(t->not_processed, "traité", "traités"));
	fprintf(f, " — %s %s en %s s (%s documents/s",
	        fr_int(e, sizeof e, (long long)processed), plural(processed, "document", "documents"),
	        fr_dec(g, sizeof g, t->seconds, 1), fr_dec(h, sizeof h, per_second((double)processed, t->seconds), 1));
	if (t->rendered)
		fprintf(f, " ; %s pages rendues, %s pages/s", fr_int(a, sizeof a, t->pages_rendered),
		        fr_dec(b, sizeof b, per_second((double)t->pages_rendered, t->seconds), 1));
	fputs(").\n", f);
	if (t->interrupted)
		fputs("Interrompu : relancez la même commande pour terminer ; ce qui est fait ne sera pas refait.\n", f);
	else if (t->rendered == 0 && t->failed == 0 && t->unchanged > 0)
		fprintf(f, "Rien à refaire : %s à jour, aucun document rendu.\n",
		        t->unchanged == 1 ? "le document est" : "tous les documents sont");
	else if (processed == 0)
		fputs("Aucun document à traiter.\n", f);
	fflush(f);
}
