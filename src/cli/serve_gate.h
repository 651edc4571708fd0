/* SPDX-License-Identifier: Apache-2.0 */
/* delib serve: the gate in front of libmicrohttpd. Internal to the CLI.
 *
 * serve_request.c  the checks of a request head (request line and
 *                  headers) as bytes, with no socket: what the service
 *                  refuses before libmicrohttpd parses anything; the raw
 *                  HTTP answer of a refusal. Fuzzed by tests/fuzz/fuzz_request.c.
 * serve_gate.c     the listening socket and the connections whose head has
 *                  not arrived yet: limits (total, per client address), the
 *                  deadline of the head, the checks above on the bytes as
 *                  they arrive (read with MSG_PEEK, so none is consumed);
 *                  an accepted connection is handed to libmicrohttpd
 *                  (MHD_add_connection), which reads the same bytes.
 *
 * Why a gate: libmicrohttpd 0.9.75 answers some malformed requests itself,
 * in HTML and before any callback (a Content-Length it cannot read, with the
 * status line sent twice; a head larger than its memory pool: 414/431), and
 * its only timeout is one of inactivity, so a client that trickles a byte a
 * second holds a connection forever. Checked here first, every refusal is
 * the service's JSON, and a head has a total deadline. */
#ifndef DELIB_CLI_SERVE_GATE_H
#define DELIB_CLI_SERVE_GATE_H
#include <stddef.h>
#include <sys/socket.h>

/* ---- serve_request.c ------------------------------------------------- */

typedef struct serve_limits {
	size_t max_head;      /* [bytes] request line and headers, blank line included */
	size_t max_target;    /* [bytes] request target (path and query) */
	size_t max_query;     /* [bytes] query string, after '?' */
	unsigned max_params;  /* query parameters */
	unsigned max_headers; /* header lines */
} serve_limits;

/* The defaults of delib serve (documented in the README). */
#define SERVE_MAX_HEAD (32u * 1024u)
#define SERVE_MAX_TARGET 4096u
#define SERVE_MAX_QUERY 1024u
#define SERVE_MAX_PARAMS 16u
#define SERVE_MAX_HEADERS 64u

typedef enum head_verdict {
	HEAD_INCOMPLETE, /* no blank line yet, and nothing wrong so far */
	HEAD_OK,         /* complete and acceptable */
	HEAD_REFUSED     /* *out says why */
} head_verdict;

/* [bytes] of an X-Request-Id kept as the client sent it. */
#define SERVE_REQUEST_ID_MAX 128

typedef struct serve_refusal {
	unsigned status;   /* HTTP status */
	const char *id;    /* error id (static) */
	char message[256]; /* French, UTF-8 */
	char request_id[SERVE_REQUEST_ID_MAX + 1]; /* echoed as X-Request-Id when not empty */
} serve_refusal;

/* Looks at data[0, len), the first bytes received on a connection.
 * Refuses (400 http.malformed) a request line that is not
 * `METHOD SP /target SP HTTP/1.x`, a header line without a name and a
 * colon, a folded line, a NUL byte; (505 http.version) another HTTP
 * version; (414 http.uri-too-long, http.query-too-long) a target or query
 * over its limit; (400 http.query) too many query parameters; (431
 * http.headers-too-large) too many header lines or a head over max_head;
 * (400 http.content-length) more than one Content-Length, one that is not
 * digits only (negative, empty, a list), or one beside a Transfer-Encoding;
 * (501 http.transfer-encoding) a Transfer-Encoding other than one "chunked";
 * (411 http.length-required) a chunked body, whose framing libmicrohttpd
 * would parse and refuse in its own HTML.
 * HEAD_INCOMPLETE when all is well so far but the blank line has not come. */
head_verdict serve_head_check(const char *data, size_t len, const serve_limits *lim, serve_refusal *out);

/* The whole HTTP answer of a refusal (status line, headers with
 * "Connection: close", body {"error":…,"message":…}); malloc'd, NULL when
 * out of memory. */
char *serve_refusal_response(const serve_refusal *r, size_t *len);

/* A request id a client may choose: 1 to SERVE_REQUEST_ID_MAX bytes of
 * [A-Za-z0-9._:/+=@-] (what tracing systems use: UUIDs, W3C trace ids,
 * base64), nothing that could break a log line or a header. */
int serve_request_id_ok(const char *s, size_t n);
/* A new id: 32 hex digits (128 random bits), NUL-terminated. */
void serve_request_id_new(char out[33]);
/* The request id of a head: its X-Request-Id when acceptable, else a new
 * one; out holds SERVE_REQUEST_ID_MAX + 1 bytes. */
void serve_head_request_id(const char *data, size_t len, char *out);

/* "application/xml" or "text/xml", any case, with parameters; a charset
 * parameter, if any, must name UTF-8. */
int serve_media_type_ok(const char *ct);

/* ---- serve_gate.c ---------------------------------------------------- */

typedef struct serve_gate serve_gate;

/* Receives an accepted connection whose head passed the checks; returns 0
 * once it owns fd, -1 when it refused it (fd is then closed by the callee,
 * as MHD_add_connection does, and the gate forgets the connection). */
typedef int (*gate_handover_fn)(void *cls, int fd, const struct sockaddr *addr, socklen_t addrlen);

typedef struct gate_config {
	unsigned max_connections; /* all connections, handed over or not */
	unsigned max_per_client;  /* connections of one client address */
	unsigned head_timeout_ms; /* [ms] from accept to the end of the head */
	serve_limits limits;
	/* Told of each refusal (from the gate's thread), or NULL. */
	void (*on_refusal)(void *cls, const struct sockaddr *client, const serve_refusal *r);
	void *cls;
} gate_config;

/* Binds and listens on *addr (port 0: a free port). NULL with a French
 * message in err. */
serve_gate *serve_gate_new(const struct sockaddr *addr, socklen_t addrlen, const gate_config *cfg, char *err,
                           size_t errlen);
/* The port listened on. */
unsigned serve_gate_port(const serve_gate *g);
/* Starts the gate's thread: accepted heads go to handover(cls, …). */
int serve_gate_start(serve_gate *g, gate_handover_fn handover, void *cls);
/* A connection handed over has ended (libmicrohttpd closed it): its
 * address counts one less. Thread-safe. */
void serve_gate_release(serve_gate *g, const struct sockaddr *addr);
/* Stops accepting: the listening socket and the connections still in the
 * gate are closed (new connections are refused at once). Accepts NULL. */
void serve_gate_stop(serve_gate *g);
/* Stops if needed, then frees; after libmicrohttpd has stopped (it calls
 * serve_gate_release until then). Accepts NULL. */
void serve_gate_free(serve_gate *g);

#endif
