/* SPDX-License-Identifier: Apache-2.0 */
/* delib serve [--listen HOST:PORT] [--threads N] [--max-body BYTES]
 *             [--render-timeout MS] [--queue N] [--max-connections N]
 *
 * The HTTP service (libmicrohttpd), a thin caller of libdelib:
 *   POST /v1/render    deliberation XML → 200 application/pdf
 *   POST /v1/validate  deliberation XML → 200 {"valid":…,"diagnostics":[…]}
 *   POST /v1/convocation  <projets> of one séance → 200 application/pdf
 *   POST /v1/liste     <deliberations> of one séance → 200 application/pdf
 *   GET  /v1/templates [{"name":…,"description":…}, …]
 *   GET  /v1/openapi.json  docs/openapi.json, embedded
 *   GET  /metrics      Prometheus text format (serve_metrics.c)
 *   GET  /healthz      {"status":"ok","version":…}
 *   GET  /             the preview page (preview.html, embedded)
 * A POST body is the XML itself (application/xml, text/xml) or a
 * multipart/form-data form of one part, the XML file (serve_body.c).
 * Every answer carries X-Request-Id (the client's when safe, else a new
 * one); SIGHUP reloads the templates folder (serve_render.c).
 *
 * Before libmicrohttpd sees a connection, the gate (serve_gate.h) checks
 * its request head: limits per connection and per client address, the
 * head's deadline (--head-timeout, 408), Content-Length (one, digits only,
 * not beside Transfer-Encoding), target, query and header sizes (400, 414,
 * 431, 505), all answered in JSON. Every answer closes the connection, so
 * that each request passes there; the body has its own deadline
 * (--body-timeout, on_request).
 *
 * Status codes of POST /v1/render, /v1/validate, /v1/convocation and /v1/liste,
 * decided in this order:
 *   405  another method (Allow: POST); 404 another path;
 *   415  Content-Type missing or other than application/xml or text/xml
 *        (parameters allowed; a charset, if given, must be UTF-8: the engine
 *        reads UTF-8 only);
 *   413  Content-Length over --max-body (refused before the body is read);
 *        a chunked body never comes here (411 at the gate);
 *   400  bad query: `template` not [A-Za-z0-9_-]{1,64} (template.invalid) or
 *        not a template of the templates folder (template.unknown); `draft`
 *        not 0, 1, true or false, or given to /v1/convocation (param.draft);
 *   503  the render queue is full (http.busy), the time limit passed
 *        (http.timeout), or the service is stopping (http.stopping), all
 *        with Retry-After;
 *   then by libdelib's status:
 *   render:   DELIB_OK → 200 PDF; DELIB_INVALID → 400 when the body is not a
 *             deliberation document at all: one of its errors has an id of
 *             MALFORMED_IDS below (xml.empty, xml.syntax, xml.encoding,
 *             xml.limit, xml.dtd: not readable as XML, or xml.root: XML whose
 *             root is not <deliberation> in the domain namespace), else 422
 *             (a deliberation that breaks the schema or the rules);
 *   convocation: the same, the body being one <projets> document (root
 *             <projets> in the domain namespace, 1 to DELIB_MAX_PROJETS
 *             <deliberation> children, libdelib's
 *             delib_render_convocation_memory): 400 for MALFORMED_IDS, which
 *             holds the root and the number of projets (projets.vide,
 *             projets.nombre), 422 for a projet that breaks the schema or
 *             the rules or projets of different séances (liste.seance,
 *             liste.numero), each at its line and column in the body;
 *   validate: DELIB_OK or DELIB_INVALID → 200 (valid: true|false), whatever
 *             the ids: reporting the problems is the point;
 *   both:     render.timeout → 503 http.timeout, render.memory → 413 (the render's bounds),
 *             DELIB_USAGE → 400, DELIB_INTERNAL or a template's error → 500 (a broken template,
 *             out of memory…), with the diagnostics.
 * Every error body is JSON: {"error":ID,"message":…[,"diagnostics":[…]]}.
 *
 * Nothing a request sends reaches the filesystem: the template parameter is
 * looked up in the list read at start (serve_templates_load) and the name
 * passed to libdelib is that list's own copy; the body is parsed from
 * memory with no network and no DTD (parse.c).
 *
 * Memory per request: the body (≤ --max-body, grown as it arrives, never
 * allocated from Content-Length) plus, while it renders, libdelib's working
 * set, which grows with the input (XML trees, layout arena, PDF): measured
 * on the sample and on copies with its annex repeated 2, 4 and 8 times
 * (88 KB to 680 KB), the peak grows by about 140 bytes per byte of input,
 * on top of a context of about 12 MB per worker. The layout memory, the
 * largest part, is capped per render (delib_options.memory_limit,
 * RENDER_MEMORY_PER_BODY_BYTE × --max-body: 256 MiB by default; a render
 * over it stops with render.memory); the rest is bounded by the body size.
 * A real deliberation (the sample: 23 pages) is under 100 KB. At most --threads
 * renders run at once and --queue bodies wait; at most --max-connections
 * connections, each holding at most one body.
 *
 * Stop: SIGTERM or SIGINT stops accepting connections (MHD_quiesce_daemon,
 * and the listening socket is shut down so new connections are refused),
 * lets the requests already begun finish (responses then carry
 * "Connection: close"; a render or validation begun afterwards on a
 * kept-alive connection gets 503 http.stopping), then stops the daemon and
 * the workers; exit 0. The wait is bounded: every suspended request is
 * answered by its deadline (--render-timeout), sending gets 60 s more. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <microhttpd.h>
#include <netdb.h>
#include <nettle/base64.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "serve.h"
#include "serve_gate.h"
#include "sys.h"

#define MAX_BODY_LIMIT (64u * 1024u * 1024u) /* [bytes] libdelib refuses larger inputs (DELIB_MAX_INPUT) */
#define SOURCE_NAME "<requête>"

static const char serve_usage[] =
	"Usage : delib serve [--listen HÔTE:PORT] [--threads N] [--max-body OCTETS] [--render-timeout MS]\n"
	"                    [--queue N] [--max-connections N] [--max-per-client N] [--head-timeout MS]\n"
	"                    [--body-timeout MS] [--log-format text|json]\n"
	"  --listen HÔTE:PORT     adresse d'écoute (127.0.0.1:8080 par défaut ; port 0 : port libre, affiché)\n"
	"  --threads N            fils de rendu, et fils HTTP (par défaut : le nombre de processeurs)\n"
	"  --max-body OCTETS      taille maximale d'une délibération reçue (4194304 par défaut ; au plus 67108864)\n"
	"  --render-timeout MS    délai de réponse d'un rendu, attente comprise (30000 par défaut) ; au-delà : 503\n"
	"  --queue N              rendus en attente au plus (8 × fils par défaut) ; au-delà : 503\n"
	"  --max-connections N    connexions simultanées au plus (256 par défaut)\n"
	"  --max-per-client N     connexions simultanées d'une même adresse au plus (32 par défaut)\n"
	"  --head-timeout MS      délai total de réception des en-têtes d'une requête (10000 par défaut)\n"
	"  --body-timeout MS      délai total de réception du corps d'une requête (60000 par défaut)\n"
	"  --log-format FORMAT    journal des requêtes : text (par défaut) ou json (un objet par ligne)\n"
	"SIGHUP relit le dossier des modèles ; SIGTERM ou SIGINT arrête le service.\n";

typedef struct serve_config {
	const char *listen;
	int threads, queue;
	unsigned max_connections;
	unsigned max_per_client;  /* connections of one client address */
	size_t max_body;       /* [bytes] */
	unsigned timeout_ms;   /* [ms] of a render, queue included */
	unsigned head_timeout_ms; /* [ms] from accept to the end of the request head */
	unsigned body_timeout_ms; /* [ms] from the end of the head to the end of the body */
	int log_json;          /* --log-format json */
} serve_config;

typedef struct server {
	serve_config cfg;
	const char *data_dir;
	struct MHD_Daemon *daemon;
	serve_gate *gate;      /* the listening socket; heads are checked there */
	render_pool *pool;
	pthread_mutex_t tlock; /* guards templates and templates_json (SIGHUP replaces them) */
	serve_templates templates;
	char *templates_json;
	size_t templates_json_len;
	atomic_ulong reloads_failed;
	char csp[256];         /* Content-Security-Policy of the page */
	atomic_int stopping;
	pthread_mutex_t lock;  /* guards in_flight */
	pthread_cond_t idle;
	int in_flight;         /* requests begun and not completed */
	int stop_seen;         /* requests begun from now on are late */
} server;

typedef enum route {
	ROUTE_NONE,
	ROUTE_PAGE,
	ROUTE_HEALTH,
	ROUTE_TEMPLATES,
	ROUTE_RENDER,
	ROUTE_VALIDATE,
	ROUTE_CONVOCATION,
	ROUTE_LISTE,
	ROUTE_OPENAPI,
	ROUTE_METRICS
} route;

static const struct {
	const char *path;
	route route;
	const char *allow;
} routes[] = {
	{"/", ROUTE_PAGE, "GET, HEAD"},
	{"/healthz", ROUTE_HEALTH, "GET, HEAD"},
	{"/v1/templates", ROUTE_TEMPLATES, "GET, HEAD"},
	{"/v1/render", ROUTE_RENDER, "POST"},
	{"/v1/validate", ROUTE_VALIDATE, "POST"},
	{"/v1/convocation", ROUTE_CONVOCATION, "POST"},
	{"/v1/liste", ROUTE_LISTE, "POST"},
	{"/v1/openapi.json", ROUTE_OPENAPI, "GET, HEAD"},
	{"/metrics", ROUTE_METRICS, "GET, HEAD"},
};

/* The routes that take a body to render or validate. */
static int is_post_route(route rt)
{
	return rt == ROUTE_RENDER || rt == ROUTE_VALIDATE || rt == ROUTE_CONVOCATION || rt == ROUTE_LISTE;
}

/* One request, from its first call to its completion (MHD's con_cls). */
typedef struct request {
	server *srv;
	struct MHD_Connection *conn;
	double t0;             /* [ms] */
	char method[16];
	char path[256];        /* escaped for the log */
	char query[256];       /* the query parameters, decoded then escaped for the log */
	char id[SERVE_REQUEST_ID_MAX + 1]; /* X-Request-Id, the client's or a new one */
	char diag[64];         /* id of the first diagnostic of the answer */
	route route;
	char template_name[65]; /* set once the query is accepted (POST routes) */
	char boundary[72];     /* of a multipart/form-data body, else empty */
	char filename[96];     /* of the PDF (Content-Disposition) */
	int draft;
	sbuf body;
	int too_large;
	unsigned long long dropped; /* [bytes] of a body past the limit */
	int answered;          /* a response is queued */
	int late;              /* begun after the stop signal (on a kept-alive connection) */
	int body_late;         /* cut: the body was not received within --body-timeout */
	render_job *job;
	unsigned status;
	size_t bytes;          /* [bytes] of the response body */
} request;

/* ---- Responses ------------------------------------------------------------ */

static void log_escape(char *out, size_t cap, const char *s);

static void release_job_cb(void *cls) { render_job_release(cls); }

/* Queues a response whose body is data[0..len). free_fn(free_cls) is called
 * when MHD is done with it (NULL: data is static). */
static enum MHD_Result respond(request *rq, unsigned status, const char *ctype, const void *data, size_t len,
                               MHD_ContentReaderFreeCallback free_fn, void *free_cls)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer_with_free_callback_cls(len, (void *)(uintptr_t)data, free_fn, free_cls);
	if (!r) {
		if (free_fn)
			free_fn(free_cls);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	MHD_add_response_header(r, MHD_HTTP_HEADER_X_CONTENT_TYPE_OPTIONS, "nosniff");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Request-Id", rq->id);
	/* One request per connection: the next one goes through the gate. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
			if (routes[i].route == rq->route)
				MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, routes[i].allow);
	if (rq->route == ROUTE_PAGE && status == MHD_HTTP_OK) {
		MHD_add_response_header(r, "Content-Security-Policy", rq->srv->csp);
		MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	}
	enum MHD_Result ok = MHD_queue_response(rq->conn, status, r);
	MHD_destroy_response(r);
	if (ok == MHD_YES) {
		rq->answered = 1;
		rq->status = status;
		rq->bytes = len;
	}
	return ok;
}

static enum MHD_Result respond_json(request *rq, unsigned status, char *json, size_t len)
{
	static const char oom[] = "{\"error\":\"internal.memory\",\"message\":\"mémoire insuffisante\"}\n";
	if (!json)
		return respond(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "application/json; charset=utf-8", oom, sizeof oom - 1,
		               NULL, NULL);
	return respond(rq, status, "application/json; charset=utf-8", json, len, free, json);
}

__attribute__((format(printf, 4, 5))) static enum MHD_Result respond_error(request *rq, unsigned status,
                                                                           const char *id, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	size_t len;
	char *json = serve_json_error(id, msg, &len);
	return respond_json(rq, status, json, len);
}

/* ---- Status of a render ------------------------------------------------- */

/* Ids of the diagnostics that say the body is not a deliberation document
 * at all (the parser could not read it, or its root is another element):
 * the client sent the wrong thing, 400. */
static const char *const MALFORMED_IDS[] = {"xml.empty", "xml.syntax", "xml.encoding", "xml.limit", "xml.dtd",
                                            "xml.root", "projets.vide", "projets.nombre", "liste.vide",
                                            "liste.nombre"};

static int is_malformed(const delib_result *r)
{
	for (int i = 0; i < r->ndiags; i++)
		for (size_t k = 0; k < sizeof MALFORMED_IDS / sizeof *MALFORMED_IDS; k++)
			if (r->diags[i].severity == DELIB_ERROR && strcmp(r->diags[i].id, MALFORMED_IDS[k]) == 0)
				return 1;
	return 0;
}

static int has_error(const delib_result *r, const char *id)
{
	for (int i = 0; i < r->ndiags; i++)
		if (r->diags[i].severity == DELIB_ERROR && strcmp(r->diags[i].id, id) == 0)
			return 1;
	return 0;
}

/* An error of a template rather than of the request's document (its
 * diagnostic names a file of the templates folder, not the request): the
 * service's failure, answered 500 without the server's paths. */
static int template_failure(const delib_result *r)
{
	for (int i = 0; i < r->ndiags; i++)
		if (r->diags[i].severity == DELIB_ERROR && r->diags[i].file && r->diags[i].file[0] != '<')
			return 1;
	return 0;
}

static unsigned http_status(route rt, delib_status st, const delib_result *r)
{
	if (st == DELIB_INVALID && template_failure(r))
		return MHD_HTTP_INTERNAL_SERVER_ERROR;
	/* A render stopped by its bounds: too long (the service is too busy or
	 * the document too big for the time given) or too large to lay out. */
	if (st == DELIB_INTERNAL && has_error(r, "render.timeout"))
		return MHD_HTTP_SERVICE_UNAVAILABLE;
	if (st == DELIB_INTERNAL && has_error(r, "render.memory"))
		return MHD_HTTP_CONTENT_TOO_LARGE;
	switch (st) {
	case DELIB_OK: return MHD_HTTP_OK;
	case DELIB_INVALID:
		if (rt == ROUTE_VALIDATE)
			return MHD_HTTP_OK;
		return is_malformed(r) ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_UNPROCESSABLE_CONTENT;
	case DELIB_USAGE: return MHD_HTTP_BAD_REQUEST;
	default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

static const delib_diag *first_error(const delib_result *r)
{
	for (int i = 0; i < r->ndiags; i++)
		if (r->diags[i].severity == DELIB_ERROR)
			return &r->diags[i];
	return NULL;
}

/* JSON body of a validation, or of a render that produced no PDF. */
static char *result_json(route rt, unsigned status, delib_status st, const delib_result *r, size_t *len)
{
	sbuf b = {0};
	sbuf_puts(&b, "{");
	if (status != MHD_HTTP_OK) {
		const delib_diag *e = first_error(r);
		const char *id = e ? e->id : "internal";
		/* --render-timeout has two clocks, the service's wait and the
		 * deadline libdelib checks inside the render; which one fires first
		 * is a matter of microseconds, so both answer http.timeout (the
		 * diagnostics still say render.timeout). */
		if (status == MHD_HTTP_SERVICE_UNAVAILABLE && e && strcmp(e->id, "render.timeout") == 0)
			id = "http.timeout";
		sbuf_puts(&b, "\"error\":");
		sbuf_json_string(&b, id);
		sbuf_puts(&b, ",\"message\":");
		sbuf_json_string(&b, e ? e->message : "le rendu a échoué");
		sbuf_puts(&b, ",");
	}
	if (rt == ROUTE_VALIDATE)
		sbuf_printf(&b, "\"valid\":%s,", st == DELIB_OK ? "true" : "false");
	if (rt == ROUTE_VALIDATE && st == DELIB_OK)
		sbuf_printf(&b, "\"pages\":%d,", r->pages);
	serve_json_diags(&b, r);
	sbuf_puts(&b, "}\n");
	return sbuf_take(&b, len);
}

static enum MHD_Result respond_pdf(request *rq, const delib_result *r)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback_cls(
		r->pdf_size, r->pdf, release_job_cb, rq->job);
	if (!resp)
		return MHD_NO;
	rq->job = NULL;  /* the response holds the reference now */
	char n[32], disposition[128];
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/pdf");
	/* rq->filename holds [A-Za-z0-9._-] only (delib_pdf_name): no quoting. */
	snprintf(disposition, sizeof disposition, "inline; filename=\"%s\"", rq->filename);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, disposition);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_X_CONTENT_TYPE_OPTIONS, "nosniff");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Request-Id", rq->id);
	snprintf(n, sizeof n, "%d", r->pages);
	MHD_add_response_header(resp, "X-Delib-Pages", n);
	snprintf(n, sizeof n, "%d", r->ndiags);
	MHD_add_response_header(resp, "X-Delib-Diagnostics", n);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	enum MHD_Result ok = MHD_queue_response(rq->conn, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	rq->answered = ok == MHD_YES;
	rq->status = MHD_HTTP_OK;
	rq->bytes = r->pdf_size;
	return ok;
}

/* A failure of the service, not of the document: the client gets the
 * request id to quote, the operator the diagnostics in the log (they may
 * name the server's files). */
static enum MHD_Result respond_internal(request *rq, const delib_result *r)
{
	for (int i = 0; r && i < r->ndiags; i++)
		fprintf(stderr, "delib serve : requête %s : %s %s\n", rq->id, r->diags[i].id,
		        r->diags[i].message ? r->diags[i].message : "");
	return respond_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
	                     "erreur interne du service ; le détail est dans son journal (requête %s)", rq->id);
}

/* The connection was resumed: answer from the job's outcome. */
static enum MHD_Result respond_job(request *rq)
{
	delib_status st = DELIB_INTERNAL;
	const delib_result *r = NULL;
	switch (render_job_outcome(rq->job, &st, &r)) {
	case JOB_PENDING: return MHD_YES;  /* not ours to answer yet */
	case JOB_TIMEOUT:
		return respond_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, "http.timeout",
		                     "le rendu n'a pas abouti dans le délai de %u ms", rq->srv->cfg.timeout_ms);
	case JOB_NO_CONTEXT:
		return respond_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "moteur de rendu indisponible");
	case JOB_DONE: break;
	}
	unsigned status = http_status(rq->route, st, r);
	if (r->ndiags)  /* for the log */
		log_escape(rq->diag, sizeof rq->diag, r->diags[0].id);
	int wants_pdf = rq->route != ROUTE_VALIDATE;
	if (wants_pdf && st == DELIB_OK && r->pdf)
		return respond_pdf(rq, r);
	if (wants_pdf && st == DELIB_OK)
		status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	if (status == MHD_HTTP_INTERNAL_SERVER_ERROR)
		return respond_internal(rq, r);
	size_t len;
	char *json = result_json(rq->route, status, st, r, &len);
	return respond_json(rq, status, json, len);
}

/* ---- Requests ------------------------------------------------------------- */

static void on_job_done(void *cls)
{
	request *rq = cls;
	MHD_resume_connection(rq->conn);
}

/* Copies s into out (cap bytes) for the log: printable ASCII kept, the rest
 * as \xHH, so a request cannot forge log lines. */
static void log_escape(char *out, size_t cap, const char *s)
{
	size_t n = 0;
	for (; *s && n + 5 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if (c > 0x20 && c < 0x7F && c != '"' && c != '\\')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, cap - n, "\\x%02X", c);
	}
	if (*s && n + 4 <= cap)
		n += (size_t)snprintf(out + n, cap - n, "...");
	out[n] = 0;
}

/* The client's X-Request-Id when acceptable (serve_request_id_ok), else
 * a new one: either way the answer and the log carry it. */
static void request_id(struct MHD_Connection *c, char *out)
{
	const char *v = NULL;
	size_t n = 0;
	if (MHD_lookup_connection_value_n(c, MHD_HEADER_KIND, "X-Request-Id", 12, &v, &n) == MHD_YES &&
	    serve_request_id_ok(v, n)) {
		memcpy(out, v, n);
		out[n] = 0;
	} else {
		serve_request_id_new(out);
	}
}

typedef struct query_buf {
	char *out;
	size_t cap, len;
} query_buf;

static enum MHD_Result add_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	query_buf *q = cls;
	char k[128], v[128];
	log_escape(k, sizeof k, key);
	log_escape(v, sizeof v, value ? value : "");
	int n = snprintf(q->out + q->len, q->cap - q->len, "%s%s%s%s", q->len ? "&" : "", k, value ? "=" : "", v);
	if (n < 0 || (size_t)n >= q->cap - q->len)
		return MHD_NO;  /* full: the rest is not logged */
	q->len += (size_t)n;
	return MHD_YES;
}

/* The query as libmicrohttpd decoded it (it gives no raw form), each key
 * and value escaped for the log. */
static void query_for_log(struct MHD_Connection *c, char *out, size_t cap)
{
	query_buf q = {out, cap, 0};
	out[0] = 0;
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_param, &q);
}

static request *request_new(server *s, struct MHD_Connection *c, const char *url, const char *method)
{
	request *rq = calloc(1, sizeof *rq);
	if (!rq)
		return NULL;
	rq->srv = s;
	rq->conn = c;
	rq->t0 = monotonic_ms();
	log_escape(rq->method, sizeof rq->method, method);
	log_escape(rq->path, sizeof rq->path, url);
	request_id(c, rq->id);
	query_for_log(c, rq->query, sizeof rq->query);
	for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
		if (strcmp(url, routes[i].path) == 0)
			rq->route = routes[i].route;
	pthread_mutex_lock(&s->lock);
	s->in_flight++;
	rq->late = s->stop_seen;
	pthread_mutex_unlock(&s->lock);
	return rq;
}

static int method_allowed(route rt, const char *method)
{
	if (is_post_route(rt))
		return strcmp(method, MHD_HTTP_METHOD_POST) == 0;
	return strcmp(method, MHD_HTTP_METHOD_GET) == 0 || strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
}

static enum MHD_Result respond_metrics(request *rq)
{
	server *s = rq->srv;
	serve_gauges g = {.reloads_failed = atomic_load(&s->reloads_failed)};
	render_pool_stats(s->pool, &g.queued, &g.busy, &g.workers, &g.generation);
	pthread_mutex_lock(&s->lock);
	g.in_flight = s->in_flight;
	pthread_mutex_unlock(&s->lock);
	size_t len;
	char *text = serve_metrics_text(&g, &len);
	if (!text)
		return respond_json(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, 0);
	return respond(rq, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", text, len, free, text);
}

static enum MHD_Result respond_get(request *rq)
{
	server *s = rq->srv;
	switch (rq->route) {
	case ROUTE_PAGE:
		return respond(rq, MHD_HTTP_OK, "text/html; charset=utf-8", serve_preview_html, serve_preview_html_size,
		               NULL, NULL);
	case ROUTE_TEMPLATES: {
		/* A copy: SIGHUP may replace the list while it is being sent. */
		pthread_mutex_lock(&s->tlock);
		size_t n = s->templates_json_len;
		char *json = malloc(n);
		if (json)
			memcpy(json, s->templates_json, n);
		pthread_mutex_unlock(&s->tlock);
		return respond_json(rq, MHD_HTTP_OK, json, n);
	}
	case ROUTE_METRICS: return respond_metrics(rq);
	case ROUTE_OPENAPI:
		return respond(rq, MHD_HTTP_OK, "application/json; charset=utf-8", serve_openapi_json,
		               serve_openapi_json_size, NULL, NULL);
	default: {
		char buf[128];
		int stopping = atomic_load(&s->stopping);
		int n = snprintf(buf, sizeof buf, "{\"status\":\"%s\",\"version\":\"%s\"}\n", stopping ? "stopping" : "ok",
		                 DELIB_VERSION);
		char *json = strndup(buf, (size_t)n);
		return respond_json(rq, stopping ? MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_OK, json, (size_t)n);
	}
	}
}

/* A query parameter; one holding a NUL byte (%00) reads as "\x01", which
 * no check accepts, instead of being cut short at the NUL. */
static const char *query_value(struct MHD_Connection *c, const char *key)
{
	const char *v = NULL;
	size_t n = 0;
	if (MHD_lookup_connection_value_n(c, MHD_GET_ARGUMENT_KIND, key, strlen(key), &v, &n) != MHD_YES)
		return NULL;
	return v && strlen(v) != n ? "\x01" : v;
}

/* Checks what the headers and the query say before the body is read; a
 * refusal is queued at once, so the body is never read and the connection
 * is closed after the response. */
static enum MHD_Result begin_post(request *rq)
{
	server *s = rq->srv;
	struct MHD_Connection *c = rq->conn;
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	/* The XML as the body, or as the one file of a form (curl -F, HTML
	 * forms): unwrapped once the body is whole (finish). */
	if (serve_multipart_boundary(ct, rq->boundary, sizeof rq->boundary) != 0 && !serve_media_type_ok(ct))
		return respond_error(rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "http.media-type",
		                     "type de contenu « %s » refusé : application/xml ou text/xml (UTF-8), ou "
		                     "multipart/form-data avec le fichier XML, attendu",
		                     ct ? ct : "(aucun)");
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	unsigned long long length;
	if (cl && parse_uint(cl, NULL, 0, s->cfg.max_body, &length) != 0)
		return respond_error(rq, MHD_HTTP_CONTENT_TOO_LARGE, "http.too-large",
		                     "corps de %s octets refusé : au plus %zu octets", cl, s->cfg.max_body);
	const char *t = query_value(c, "template");
	if (t && !serve_template_name_ok(t))
		return respond_error(rq, MHD_HTTP_BAD_REQUEST, "template.invalid",
		                     "nom de modèle invalide : lettres, chiffres, « _ » et « - », 64 au plus");
	pthread_mutex_lock(&s->tlock);
	const delib_template_info *found = serve_templates_find(&s->templates, t ? t : "default");
	if (found)  /* copied: SIGHUP may replace the list */
		snprintf(rq->template_name, sizeof rq->template_name, "%s", found->name);
	pthread_mutex_unlock(&s->tlock);
	if (!found)
		return respond_error(rq, MHD_HTTP_BAD_REQUEST, "template.unknown",
		                     "modèle « %s » introuvable dans le dossier des modèles", t ? t : "default");
	const char *d = query_value(c, "draft");
	if (d && strcmp(d, "1") != 0 && strcmp(d, "true") != 0 && strcmp(d, "0") != 0 && strcmp(d, "false") != 0)
		return respond_error(rq, MHD_HTTP_BAD_REQUEST, "param.draft", "draft vaut 0, 1, true ou false");
	/* A convocation is never a draft: a parameter that would do nothing is
	 * refused rather than ignored. */
	if (d && (rq->route == ROUTE_CONVOCATION || rq->route == ROUTE_LISTE))
		return respond_error(rq, MHD_HTTP_BAD_REQUEST, "param.draft", "draft ne s'applique pas %s",
		                     rq->route == ROUTE_LISTE ? "à une liste" : "à une convocation");
	rq->draft = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	return MHD_YES;  /* now the body */
}

static enum MHD_Result begin(request *rq, const char *method)
{
	if (rq->route == ROUTE_NONE)
		return respond_error(rq, MHD_HTTP_NOT_FOUND, "http.not-found", "ressource introuvable : %s", rq->path);
	if (!method_allowed(rq->route, method))
		return respond_error(rq, MHD_HTTP_METHOD_NOT_ALLOWED, "http.method", "méthode %s non permise sur %s",
		                     rq->method, rq->path);
	if (is_post_route(rq->route))
		return begin_post(rq);
	/* GET: answered at the next call. A response queued at this first call
	 * makes libmicrohttpd close the connection after it (it has not read
	 * the body, if any): right for refusals, not for every GET. */
	return MHD_YES;
}

/* A piece of the body. A body announced larger than the limit was refused
 * before it was read (begin_post), and the gate refuses chunked bodies
 * (411), so a body past the limit should not come; the bound is kept here
 * all the same, so that memory never depends on the gate alone: the excess
 * is dropped as it comes and answered 413 at its end (libmicrohttpd 0.9.75
 * cannot queue a response in the middle of an upload), and a client that
 * keeps sending past 4 times the limit has its connection cut. */
static enum MHD_Result take_body(request *rq, const char *data, size_t n)
{
	size_t max = rq->srv->cfg.max_body;
	if (rq->answered || !rq->template_name[0])
		return MHD_YES;  /* refused already, or a GET with a body: ignored */
	if (rq->too_large || rq->body.len + n > max) {
		rq->too_large = 1;
		sbuf_free(&rq->body);
		rq->dropped += n;
		return rq->dropped > 4 * (unsigned long long)max ? MHD_NO : MHD_YES;
	}
	sbuf_add(&rq->body, data, n);
	return MHD_YES;
}

/* The body becomes its one part, moved to the front of the buffer; a
 * refusal is queued and -1 returned. */
static int unwrap_multipart(request *rq)
{
	serve_refusal why = {0};
	size_t off, n;
	if (serve_multipart_file(rq->boundary, rq->body.data, rq->body.len, &off, &n, &why) != 0) {
		respond_error(rq, why.status, why.id, "%s", why.message);
		return -1;
	}
	memmove(rq->body.data, rq->body.data + off, n);
	rq->body.len = n;
	return 0;
}

static enum MHD_Result finish(request *rq)
{
	server *s = rq->srv;
	if (rq->answered)
		return MHD_YES;
	if (!is_post_route(rq->route))
		return respond_get(rq);
	if (rq->job)
		return respond_job(rq);
	if (rq->too_large)
		return respond_error(rq, MHD_HTTP_CONTENT_TOO_LARGE, "http.too-large", "corps refusé : au plus %zu octets",
		                     s->cfg.max_body);
	if (rq->body.failed)
		return respond_error(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal.memory", "mémoire insuffisante");
	/* stop() waits for the requests begun before the signal; a later one
	 * (sent on a kept-alive connection) must not be suspended, since the
	 * daemon may be stopping under it. */
	if (rq->late)
		return respond_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, "http.stopping", "service en cours d'arrêt");
	if (rq->boundary[0] && unwrap_multipart(rq) != 0)
		return MHD_YES;  /* answered */
	const char *stem = rq->route == ROUTE_CONVOCATION ? "convocation"
	                   : rq->route == ROUTE_LISTE     ? "liste"
	                                                  : "deliberation";
	delib_pdf_name(rq->body.data, rq->body.len, stem, rq->filename, sizeof rq->filename);
	render_job *j = render_job_new(s->pool);
	if (!j)
		return respond_error(rq, MHD_HTTP_SERVICE_UNAVAILABLE, "http.busy",
		                     "trop de rendus en attente ; réessayez dans un instant");
	size_t len;
	char *body = sbuf_take(&rq->body, &len);
	rq->job = j;
	/* Suspend before the job can end: the worker resumes. */
	MHD_suspend_connection(rq->conn);
	job_kind kind = rq->route == ROUTE_VALIDATE      ? JOB_VALIDATE
	                : rq->route == ROUTE_CONVOCATION ? JOB_CONVOCATION
	                : rq->route == ROUTE_LISTE       ? JOB_LISTE
	                                                 : JOB_RENDER;
	render_job_start(j, body, len, rq->template_name, rq->draft, kind, on_job_done, rq);
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	(void)version;
	request *rq = *con_cls;
	if (!rq) {
		if (!(rq = request_new(cls, c, url, method)))
			return MHD_NO;
		*con_cls = rq;
		return begin(rq, method);
	}
	if (*upload_data_size) {
		/* The body's total deadline, checked as its pieces arrive (a
		 * client that stops sending is cut by the inactivity timeout).
		 * libmicrohttpd cannot answer in the middle of an upload: the
		 * connection is closed. */
		if (monotonic_ms() - rq->t0 > rq->srv->cfg.body_timeout_ms) {
			rq->body_late = 1;
			return MHD_NO;
		}
		enum MHD_Result r = take_body(rq, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return r;
	}
	return finish(rq);
}

/* ---- Access log ------------------------------------------------------------ */

static const char *termination(enum MHD_RequestTerminationCode toe)
{
	switch (toe) {
	case MHD_REQUEST_TERMINATED_COMPLETED_OK: return NULL;
	case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED: return "délai de connexion dépassé";
	case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN: return "arrêt du service";
	case MHD_REQUEST_TERMINATED_CLIENT_ABORT: return "abandonnée par le client";
	default: return "erreur de connexion";
	}
}

static const char *route_label(const request *rq)
{
	for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
		if (routes[i].route == rq->route && rq->route != ROUTE_NONE)
			return routes[i].path;
	return "other";
}

static void log_request(const request *rq, enum MHD_RequestTerminationCode toe)
{
	char client[INET6_ADDRSTRLEN];
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	serve_log_client(ci ? ci->client_addr : NULL, client, sizeof client);
	serve_access a = {.client = client, .id = rq->id, .method = rq->method, .path = rq->path,
	                  .query = rq->query[0] ? rq->query : NULL, .status = rq->status, .bytes = rq->bytes,
	                  .ms = monotonic_ms() - rq->t0,
	                  .template_name = rq->template_name[0] ? rq->template_name : NULL,
	                  .draft = rq->template_name[0] ? rq->draft : -1,
	                  .diag = rq->diag[0] ? rq->diag : NULL,
	                  .note = rq->body_late ? "corps non reçu dans le délai : connexion fermée" : termination(toe)};
	serve_log_access(&a, rq->srv->cfg.log_json);
	serve_metrics_request(route_label(rq), rq->status);
}

/* A refusal of the gate: method and path unknown; the metrics' route "gate". */
static void log_refusal(void *cls, const struct sockaddr *client, const serve_refusal *r)
{
	const server *s = cls;
	char who[INET6_ADDRSTRLEN], note[160];
	serve_log_client(client, who, sizeof who);
	snprintf(note, sizeof note, "refusée à l'entrée : %s", r->id);
	serve_access a = {.client = who, .id = r->request_id, .status = r->status, .draft = -1, .note = note};
	serve_log_access(&a, s->cfg.log_json);
	serve_metrics_request("gate", r->status);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)c;
	server *s = cls;
	request *rq = *con_cls;
	if (!rq)
		return;
	*con_cls = NULL;
	log_request(rq, toe);
	render_job_release(rq->job);
	sbuf_free(&rq->body);
	free(rq);
	pthread_mutex_lock(&s->lock);
	if (--s->in_flight == 0)
		pthread_cond_broadcast(&s->idle);
	pthread_mutex_unlock(&s->lock);
}

/* ---- Options ---------------------------------------------------------------- */

static int parse_serve_args(int argc, char **argv, serve_config *cfg)
{
	static const struct option longs[] = {
		{"listen", required_argument, 0, 'l'},         {"threads", required_argument, 0, 't'},
		{"max-body", required_argument, 0, 'b'},       {"render-timeout", required_argument, 0, 'T'},
		{"queue", required_argument, 0, 'q'},          {"max-connections", required_argument, 0, 'c'},
		{"max-per-client", required_argument, 0, 'P'}, {"head-timeout", required_argument, 0, 'H'},
		{"body-timeout", required_argument, 0, 'B'},   {"log-format", required_argument, 0, 'L'},
		{"help", no_argument, 0, 'h'},                 {0, 0, 0, 0}};
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	*cfg = (serve_config){.listen = "127.0.0.1:8080",
	                      .threads = ncpu > 0 ? (int)(ncpu < 64 ? ncpu : 64) : 2,
	                      .max_connections = 256,
	                      .head_timeout_ms = 10000,
	                      .body_timeout_ms = 60000,
	                      .max_body = 4u * 1024u * 1024u, /* see "Memory per request" above */
	                      .timeout_ms = 30000};
	optind = 1;
	int ch;
	unsigned long long v;
	while ((ch = cli_getopt(argc, argv, "h", longs)) != -1) {
		int bad = 0;
		switch (ch) {
		case 'l': cfg->listen = optarg; break;
		case 't': bad = parse_uint(optarg, NULL, 1, 256, &v) || !(cfg->threads = (int)v); break;
		case 'b': bad = parse_uint(optarg, NULL, 1, MAX_BODY_LIMIT, &v) || !(cfg->max_body = (size_t)v); break;
		case 'T': bad = parse_uint(optarg, NULL, 1, 3600000, &v) || !(cfg->timeout_ms = (unsigned)v); break;
		case 'q': bad = parse_uint(optarg, NULL, 1, 100000, &v) || !(cfg->queue = (int)v); break;
		case 'c': bad = parse_uint(optarg, NULL, 1, 100000, &v) || !(cfg->max_connections = (unsigned)v); break;
		case 'P': bad = parse_uint(optarg, NULL, 1, 100000, &v) || !(cfg->max_per_client = (unsigned)v); break;
		case 'H': bad = parse_uint(optarg, NULL, 1, 3600000, &v) || !(cfg->head_timeout_ms = (unsigned)v); break;
		case 'B': bad = parse_uint(optarg, NULL, 1, 3600000, &v) || !(cfg->body_timeout_ms = (unsigned)v); break;
		case 'L':
			bad = strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0;
			cfg->log_json = strcmp(optarg, "json") == 0;
			break;
		case 'h': fputs(serve_usage, stdout); exit(0);
		default: return -1;
		}
		if (bad)
			return cli_usage_error("serve", "valeur invalide : %s", optarg), -1;
	}
	if (!cfg->queue)
		cfg->queue = 8 * cfg->threads;
	if (!cfg->max_per_client)
		cfg->max_per_client = 32;
	if (cfg->max_per_client > cfg->max_connections)
		cfg->max_per_client = cfg->max_connections;
	if (optind < argc)
		return cli_usage_error("serve", "argument inattendu « %s »", argv[optind]), -1;
	return 0;
}

/* The port of --listen: 0 to 65535, digits only (getaddrinfo would take
 * 99999 modulo 65536, and a service name). */
static int parse_port(const char *p, char *err, size_t errlen, const char *spec)
{
	unsigned long long v;
	if (parse_uint(p, NULL, 0, 65535, &v) != 0) {
		snprintf(err, errlen, "adresse d'écoute « %s » invalide : le port doit être un nombre de 0 à 65535", spec);
		return -1;
	}
	return 0;
}

/* HOST:PORT or [V6]:PORT into *ss. */
static int resolve_listen(const char *spec, struct sockaddr_storage *ss, char *err, size_t errlen)
{
	char host[256];
	const char *colon = strrchr(spec, ':');
	size_t hl = colon ? (size_t)(colon - spec) : 0;
	if (!colon || hl == 0 || hl >= sizeof host || !colon[1]) {
		snprintf(err, errlen, "adresse d'écoute « %s » invalide : HÔTE:PORT attendu", spec);
		return -1;
	}
	if (parse_port(colon + 1, err, errlen, spec) != 0)
		return -1;
	memcpy(host, spec, hl);
	host[hl] = 0;
	if (host[0] == '[' && host[hl - 1] == ']') {
		memmove(host, host + 1, hl - 2);
		host[hl - 2] = 0;
	}
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
	                         .ai_flags = AI_PASSIVE | AI_NUMERICSERV}, *res = NULL;
	int rc = getaddrinfo(host, colon + 1, &hints, &res);
	if (rc != 0 || !res) {
		snprintf(err, errlen, "adresse d'écoute « %s » invalide : hôte « %s » inconnu", spec, host);
		return -1;
	}
	memset(ss, 0, sizeof *ss);
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return 0;
}

/* ---- Start and stop ----------------------------------------------------------- */

/* script-src of the page: the SHA-256 of its one inline script, so no other
 * script can run in it (CSP Level 2 hash source). */
static void page_csp(char *out, size_t cap)
{
	const char *page = (const char *)serve_preview_html;
	const char *a = strstr(page, "<script>"), *b = a ? strstr(a, "</script>") : NULL;
	char script_src[80] = "'none'";
	if (a && b) {
		a += strlen("<script>");
		uint8_t digest[SHA256_DIGEST_SIZE];
		char b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];
		struct sha256_ctx h;
		sha256_init(&h);
		sha256_update(&h, (size_t)(b - a), (const uint8_t *)a);
		sha256_digest(&h, sizeof digest, digest);
		base64_encode_raw(b64, sizeof digest, digest);
		b64[sizeof b64 - 1] = 0;
		snprintf(script_src, sizeof script_src, "'sha256-%s'", b64);
	}
	snprintf(out, cap,
	         "default-src 'none'; script-src %s; style-src 'unsafe-inline'; connect-src 'self' blob:; "
	         "frame-src blob:; object-src blob:; img-src data: blob:; base-uri 'none'; form-action 'none'",
	         script_src);
}

/* A connection handed over by the gate ends: its address counts one less.
 * socket_context marks the connections libmicrohttpd did take. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	server *s = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_context = s;
		return;
	}
	if (!*socket_context)
		return;
	*socket_context = NULL;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr)
		serve_gate_release(s->gate, ci->client_addr);
}

static int hand_over(void *cls, int fd, const struct sockaddr *addr, socklen_t addrlen)
{
	server *s = cls;
	/* On failure libmicrohttpd closes the socket itself. */
	return MHD_add_connection(s->daemon, fd, addr, addrlen) == MHD_YES ? 0 : -1;
}

/* libmicrohttpd listens on nothing: the gate accepts, checks each request
 * head and hands the connection over (serve_gate.h). Its own limits stay as
 * a backstop, with room for the connections the gate has released and it
 * is still closing. Its memory per connection holds a head of the gate's
 * largest size (SERVE_MAX_HEAD) with room to parse it, so it never answers
 * 414/431 itself; the pages past what a connection uses are never touched
 * (a pool that large is mapped, not allocated). */
static struct MHD_Daemon *start_daemon(server *s)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG |
	                 MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC;
	return MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
	                        /* 1: no pool, the polling thread serves alone */
	                        MHD_OPTION_THREAD_POOL_SIZE, s->cfg.threads > 1 ? (unsigned)s->cfg.threads : 0u,
	                        MHD_OPTION_CONNECTION_LIMIT, s->cfg.max_connections + 64u,
	                        MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->cfg.max_per_client + 8u,
	                        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(4 * SERVE_MAX_HEAD),
	                        /* inactivity; the head's and the body's total deadlines are
	                         * --head-timeout (the gate) and --body-timeout (on_request) */
	                        MHD_OPTION_CONNECTION_TIMEOUT, 10u,
	                        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	                        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
	                        MHD_OPTION_END);
}

static void service_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
}

/* SIGHUP: the templates folder read again. Loaded whole into a trial
 * context first (render_pool_reload): a template that does not load
 * refuses the new set, and the old one stays in service. */
static void reload_templates(server *s)
{
	char err[512];
	serve_templates fresh;
	size_t json_len = 0;
	char *json = NULL;
	if (serve_templates_load(s->data_dir, &fresh, err, sizeof err) == 0 &&
	    !(json = serve_templates_json(&fresh, &json_len)))
		snprintf(err, sizeof err, "mémoire insuffisante");
	if (!json || render_pool_reload(s->pool, &fresh, err, sizeof err) != 0) {
		if (json)
			serve_templates_free(&fresh);
		free(json);
		atomic_fetch_add(&s->reloads_failed, 1);
		fprintf(stderr, "delib serve : SIGHUP : nouveaux modèles refusés (%s) ; les précédents restent en service\n",
		        err);
		return;
	}
	pthread_mutex_lock(&s->tlock);
	serve_templates old = s->templates;
	char *old_json = s->templates_json;
	s->templates = fresh;
	s->templates_json = json;
	s->templates_json_len = json_len;
	pthread_mutex_unlock(&s->tlock);
	serve_templates_free(&old);
	free(old_json);
	fprintf(stderr, "delib serve : SIGHUP : %d modèle%s rechargé%s\n", fresh.n, fresh.n > 1 ? "s" : "",
	        fresh.n > 1 ? "s" : "");
}

/* Waits for SIGTERM or SIGINT (blocked in every thread, taken here),
 * reloading the templates at each SIGHUP. */
static int wait_signal(server *s)
{
	sigset_t set;
	service_signals(&set);
	for (;;) {
		int sig = 0;
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig != SIGHUP)
			return sig;
		reload_templates(s);
	}
}

/* Stops accepting, lets the requests begun finish, stops. */
static void stop(server *s, int sig)
{
	atomic_store(&s->stopping, 1);
	pthread_mutex_lock(&s->lock);
	s->stop_seen = 1;
	int n = s->in_flight;
	pthread_mutex_unlock(&s->lock);
	fprintf(stderr, "delib serve : %s reçu ; arrêt après %d requête%s en cours\n", sig == SIGINT ? "SIGINT" : "SIGTERM",
	        n, n > 1 ? "s" : "");
	/* Stop listening now, so new connections are refused at once instead
	 * of waiting in the backlog. */
	serve_gate_stop(s->gate);
	/* Every suspended request is resumed by its deadline (the watchdog), so
	 * this wait ends; the margin covers sending the responses. */
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += (time_t)(s->cfg.timeout_ms / 1000u) + 60;
	pthread_mutex_lock(&s->lock);
	while (s->in_flight > 0 && pthread_cond_timedwait(&s->idle, &s->lock, &until) != ETIMEDOUT)
		;
	n = s->in_flight;
	pthread_mutex_unlock(&s->lock);
	if (n)
		fprintf(stderr, "delib serve : %d requête%s encore en cours ; arrêt sans elles\n", n, n > 1 ? "s" : "");
	MHD_stop_daemon(s->daemon);
	int left = render_pool_free(s->pool, s->cfg.timeout_ms + 1000u);
	s->pool = NULL;
	if (left)
		fprintf(stderr, "delib serve : %d rendu%s abandonné%s en cours d'exécution\n", left, left > 1 ? "s" : "",
		        left > 1 ? "s" : "");
}

static int setup(server *s)
{
	char err[512];
	if (serve_templates_load(s->data_dir, &s->templates, err, sizeof err) != 0) {
		fprintf(stderr, "delib serve : %s\n", err);
		return DELIB_INTERNAL;
	}
	if (!(s->templates_json = serve_templates_json(&s->templates, &s->templates_json_len))) {
		fprintf(stderr, "delib serve : mémoire insuffisante\n");
		return DELIB_INTERNAL;
	}
	page_csp(s->csp, sizeof s->csp);
	s->pool = render_pool_new(s->data_dir, &s->templates, s->cfg.threads, s->cfg.queue, s->cfg.timeout_ms,
	                          s->cfg.max_body * RENDER_MEMORY_PER_BODY_BYTE, err,
	                          sizeof err);
	if (!s->pool) {
		fprintf(stderr, "delib serve : %s\n", err);
		return DELIB_INTERNAL;
	}
	return 0;
}

static void teardown(server *s)
{
	serve_gate_free(s->gate);
	render_pool_free(s->pool, 0);
	serve_templates_free(&s->templates);
	free(s->templates_json);
	pthread_cond_destroy(&s->idle);
	pthread_mutex_destroy(&s->lock);
	pthread_mutex_destroy(&s->tlock);
}

static void announce(const server *s)
{
	char host[256];
	const char *colon = strrchr(s->cfg.listen, ':');
	snprintf(host, sizeof host, "%.*s", (int)(colon - s->cfg.listen), s->cfg.listen);
	fprintf(stderr,
	        "delib serve : à l'écoute sur http://%s:%u/ (%d fil%s, corps ≤ %zu octets, rendu ≤ %u ms, données %s)\n",
	        host, serve_gate_port(s->gate), s->cfg.threads, s->cfg.threads > 1 ? "s" : "", s->cfg.max_body,
	        s->cfg.timeout_ms, s->data_dir);
}

int cmd_serve(int argc, char **argv)
{
	server s = {0};
	char err[512];
	struct sockaddr_storage ss;
	if (parse_serve_args(argc, argv, &s.cfg) != 0)
		return DELIB_USAGE;  /* the word is named (cli_getopt, cli_usage_error) */
	/* An address that cannot be listened on is a failure to start (3),
	 * like a busy one: a supervisor must not take it for a bad call. */
	if (resolve_listen(s.cfg.listen, &ss, err, sizeof err) != 0) {
		fprintf(stderr, "delib serve : %s\n", err);
		return DELIB_INTERNAL;
	}
	s.data_dir = cli_data_dir();
	pthread_mutex_init(&s.lock, NULL);
	pthread_mutex_init(&s.tlock, NULL);
	pthread_cond_init(&s.idle, NULL);
	/* Block the signals before any thread starts: all inherit the mask,
	 * and wait_signal takes them in this thread. */
	sigset_t set;
	service_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	int status = setup(&s);
	gate_config gc = {.max_connections = s.cfg.max_connections, .max_per_client = s.cfg.max_per_client,
	                  .head_timeout_ms = s.cfg.head_timeout_ms, .on_refusal = log_refusal, .cls = &s,
	                  .limits = {SERVE_MAX_HEAD, SERVE_MAX_TARGET, SERVE_MAX_QUERY, SERVE_MAX_PARAMS,
	                             SERVE_MAX_HEADERS}};
	socklen_t sl = ss.ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	if (status == 0 && !(s.gate = serve_gate_new((const struct sockaddr *)&ss, sl, &gc, err, sizeof err))) {
		fprintf(stderr, "delib serve : écoute impossible sur %s : %s\n", s.cfg.listen, err);
		status = DELIB_INTERNAL;
	}
	if (status == 0 && !(s.daemon = start_daemon(&s))) {
		fprintf(stderr, "delib serve : démarrage du serveur HTTP impossible\n");
		status = DELIB_INTERNAL;
	}
	if (status == 0 && serve_gate_start(s.gate, hand_over, &s) != 0) {
		fprintf(stderr, "delib serve : démarrage impossible (fil d'acceptation)\n");
		MHD_stop_daemon(s.daemon);
		status = DELIB_INTERNAL;
	}
	if (status == 0) {
		announce(&s);
		stop(&s, wait_signal(&s));
		fprintf(stderr, "delib serve : arrêté\n");
	}
	teardown(&s);
	return status;
}
