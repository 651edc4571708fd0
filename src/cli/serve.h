/* SPDX-License-Identifier: Apache-2.0 */
/* delib serve: the HTTP service. Internal to the CLI.
 *
 * serve.c         options, the libmicrohttpd daemon, routing, responses,
 *                 access log, clean stop on SIGTERM/SIGINT;
 * serve_render.c  the render pool: worker threads, each with its own
 *                 delib_ctx, a bounded queue and the watchdog that enforces
 *                 the render time limit;
 * serve_json.c    JSON output (diagnostics, errors) and the list of
 *                 templates read at start;
 * serve_log.c     the access log, one line per request, text or JSON;
 * serve_metrics.c the counters of GET /metrics (Prometheus text format);
 * preview.html    the preview page, embedded at build time
 *                 (cmake/embed.cmake → serve_preview_html[]).
 *
 * Why renders do not run in libmicrohttpd's own threads: a render blocks its
 * thread for tens of milliseconds to seconds; run there, it would stall the
 * other connections that thread serves, and nothing could answer the client
 * when the time limit passes (libdelib has no way to stop a render half-way).
 * So the HTTP threads only read requests and write responses; a request
 * whose body is complete is suspended (MHD_suspend_connection) and handed to
 * the render pool, which resumes it when the render is done, or the watchdog
 * resumes it with 503 when the time limit passes first. */
#ifndef DELIB_CLI_SERVE_H
#define DELIB_CLI_SERVE_H
#include <stdarg.h>
#include <stddef.h>
#include "delib.h"

/* ---- serve_json.c -------------------------------------------------- */

/* A growable byte buffer (malloc'd). After an allocation failure `failed`
 * is set and further additions are ignored: check once at the end. */
typedef struct sbuf {
	char *data;
	size_t len, cap;
	int failed;
} sbuf;

void sbuf_add(sbuf *b, const char *s, size_t n);
void sbuf_puts(sbuf *b, const char *s);
void sbuf_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a JSON string, quotes included; bytes that are not valid UTF-8 are
 * replaced by U+FFFD, so the output is always valid JSON. */
void sbuf_json_string(sbuf *b, const char *s);
/* Gives the bytes away (the caller frees them) and empties the buffer. */
char *sbuf_take(sbuf *b, size_t *len);
void sbuf_free(sbuf *b);

/* Appends "\"diagnostics\":[{file,line,column,severity,id,message}, …]",
 * every absolute path in a file or a message cut to its last name. */
void serve_json_diags(sbuf *b, const delib_result *r);
/* {"error":id,"message":message} */
char *serve_json_error(const char *id, const char *message, size_t *len);

/* The templates of the templates folder (delib_templates), read once at
 * start. A request can name only these. */
typedef struct serve_templates {
	delib_template_info *items;
	int n;
} serve_templates;

/* [A-Za-z0-9_-]{1,64} */
int serve_template_name_ok(const char *name);
/* 0, or -1 with a French message in err (no template is an error). */
int serve_templates_load(const char *data_dir, serve_templates *out, char *err, size_t errlen);
const delib_template_info *serve_templates_find(const serve_templates *t, const char *name);
/* [{"name":…,"description":…}, …] */
char *serve_templates_json(const serve_templates *t, size_t *len);
void serve_templates_free(serve_templates *t);

/* ---- serve_render.c ------------------------------------------------ */

typedef struct render_pool render_pool;
typedef struct render_job render_job;

typedef enum job_outcome {
	JOB_PENDING,  /* queued or rendering */
	JOB_DONE,     /* rendered: status and result are set */
	JOB_TIMEOUT,  /* the time limit passed first (the render, if it had
	                 started, goes on in its worker; its result is dropped) */
	JOB_NO_CONTEXT /* the worker has no delib_ctx (its creation failed) */
} job_outcome;

/* Called once per job, from a worker or from the watchdog thread, when the
 * job gets its outcome. It must not block (it resumes the connection). */
typedef void (*render_done_fn)(void *cls);

/* Starts nworkers threads, each creating its own delib_ctx on data_dir and
 * loading every template of `templates` into it; returns once all are
 * ready. At most max_queue jobs wait for a worker. timeout_ms counts from
 * the job's submission (queue time included). NULL with a French message in
 * err on failure. */
/* memory_limit [bytes]: bound of each render's layout memory (0: none). */
render_pool *render_pool_new(const char *data_dir, const serve_templates *templates, int nworkers, int max_queue,
                             unsigned timeout_ms, size_t memory_limit, char *err, size_t errlen);
/* The layout memory a render may use per byte of the body limit: the
 * sample needs about 25 bytes of layout per byte of XML. */
#define RENDER_MEMORY_PER_BODY_BYTE 64
/* Stops the workers once the queue is empty and joins them, waiting at most
 * wait_ms for renders still running (a render cannot be interrupted: past
 * that the threads are left to the process's exit). Returns the number of
 * workers not joined. Accepts NULL. */
int render_pool_free(render_pool *p, unsigned wait_ms);

/* Loads the templates of t into a trial context; when all load, they
 * become the pool's next generation (each worker reloads between two
 * jobs) and 0 is returned; else -1 with a French message in err, and the
 * pool keeps its templates. From one thread at a time. */
int render_pool_reload(render_pool *p, const serve_templates *t, char *err, size_t errlen);
/* Jobs queued, workers rendering, workers, templates' generation. */
void render_pool_stats(render_pool *p, int *queued, int *busy, int *workers, unsigned long *generation);

/* What a job does with its body. */
typedef enum job_kind {
	JOB_RENDER,      /* delib_render_memory, with the PDF */
	JOB_VALIDATE,    /* delib_render_memory, laid out but no PDF */
	JOB_CONVOCATION, /* delib_render_convocation_memory, with the PDF */
	JOB_LISTE        /* delib_render_list_memory, with the PDF */
} job_kind;

/* Reserves a place in the queue: NULL when the queue is full or the pool is
 * stopping. The job then belongs to the caller until render_job_start. */
render_job *render_job_new(render_pool *p);
/* Queues the job. Takes ownership of body (malloc'd); template_name is
 * copied. */
void render_job_start(render_job *j, char *body, size_t size, const char *template_name, int draft, job_kind kind,
                      render_done_fn on_done, void *cls);
/* The outcome; for JOB_DONE, *st and *res (owned by the job). */
job_outcome render_job_outcome(render_job *j, delib_status *st, const delib_result **res);
/* Drops the caller's reference (the job is freed with its result when the
 * worker has dropped its own). Accepts NULL. */
void render_job_release(render_job *j);

/* ---- serve_body.c --------------------------------------------------- */

struct serve_refusal;
/* The boundary of a multipart/form-data Content-Type (into out, cap ≥ 71);
 * -1 when ct is another type or names no usable boundary. */
int serve_multipart_boundary(const char *ct, char *out, size_t cap);
/* The one part of a multipart/form-data body: its content at body + *off,
 * *size bytes. -1 with why filled (400 multipart.invalid, multipart.parts
 * for more than one part, 415 http.media-type for a part whose own type is
 * neither XML nor application/octet-stream). */
int serve_multipart_file(const char *boundary, const char *body, size_t len, size_t *off, size_t *size,
                         struct serve_refusal *why);
/* ---- serve_log.c ---------------------------------------------------- */

/* One request of the access log. NULL strings are logged as "-" (text) or
 * null (JSON); strings are already safe for a log line (log_escape). */
typedef struct serve_access {
	const char *client;    /* the client's address */
	const char *id;        /* X-Request-Id */
	const char *method, *path, *query;
	unsigned status;       /* 0: no answer */
	size_t bytes;          /* [bytes] of the response body */
	double ms;             /* [ms] from the first byte handled to the end */
	const char *template_name;
	int draft;             /* -1: not a render */
	const char *diag;      /* id of the first diagnostic */
	const char *note;      /* French: how the connection ended, if not well */
} serve_access;

/* Writes one line to stderr, in one write (lines of concurrent requests
 * never mix): text, or one JSON object when json is set. */
void serve_log_access(const serve_access *a, int json);
/* client (INET6_ADDRSTRLEN bytes) from a socket address; "-" if none. */
void serve_log_client(const void *sockaddr, char *client, size_t cap);

/* ---- serve_metrics.c ------------------------------------------------ */

/* Process-wide counters (one service per process), updated with C11
 * atomics from any thread. route is a path of the routes table, "other"
 * (none) or "gate" (refused before routing). */
void serve_metrics_request(const char *route, unsigned status);
/* A render that ended in a worker: its duration, its outcome ("ok",
 * "invalid", "timeout", "memory", "error"; NULL: counted elsewhere). */
void serve_metrics_render(const char *route, double seconds, const char *outcome);
/* A render answered 503 by the watchdog before its worker finished. */
void serve_metrics_render_timeout(void);
/* What is read from the service when scraped. */
typedef struct serve_gauges {
	int queued, busy, workers, in_flight;
	unsigned long generation;   /* templates' generation (1 at start) */
	unsigned long reloads_failed;
} serve_gauges;
/* The whole exposition (text format 0.0.4), malloc'd. */
char *serve_metrics_text(const serve_gauges *g, size_t *len);

/* ---- preview.html (generated) --------------------------------------- */
extern const unsigned char serve_preview_html[];
extern const size_t serve_preview_html_size;
/* docs/openapi.json, the description served at GET /v1/openapi.json. */
extern const unsigned char serve_openapi_json[];
extern const size_t serve_openapi_json_size;
#endif
