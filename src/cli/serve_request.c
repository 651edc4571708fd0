/* SPDX-License-Identifier: Apache-2.0 */
/* The checks of a request head, on bytes, with no socket (serve_gate.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <unistd.h>
#include <time.h>
#include <stdatomic.h>
#include "serve.h"
#include "serve_gate.h"

static head_verdict refuse(serve_refusal *out, unsigned status, const char *id, const char *msg)
{
	out->status = status;
	out->id = id;
	snprintf(out->message, sizeof out->message, "%s", msg);
	return HEAD_REFUSED;
}

static int is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* One line [p, end): its length without CR, its end after LF. */
typedef struct line {
	const char *p;
	size_t n;
} line;

static int next_line(const char **cur, const char *end, line *l)
{
	const char *lf = memchr(*cur, '\n', (size_t)(end - *cur));
	if (!lf)
		return 0;
	l->p = *cur;
	l->n = (size_t)(lf - *cur);
	if (l->n && l->p[l->n - 1] == '\r')
		l->n--;
	*cur = lf + 1;
	return 1;
}

static head_verdict check_target(const char *t, size_t n, const serve_limits *lim, serve_refusal *out)
{
	if (n > lim->max_target)
		return refuse(out, 414, "http.uri-too-long", "adresse de requête trop longue");
	if (n == 0 || t[0] != '/')
		return refuse(out, 400, "http.malformed", "requête mal formée : la cible doit commencer par « / »");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)t[i] <= 0x20 || (unsigned char)t[i] >= 0x7F)
			return refuse(out, 400, "http.malformed", "requête mal formée : caractère interdit dans l'adresse");
	const char *q = memchr(t, '?', n);
	if (!q)
		return HEAD_OK;
	size_t qn = n - (size_t)(q + 1 - t);
	if (qn > lim->max_query)
		return refuse(out, 414, "http.query-too-long", "paramètres de requête trop longs");
	unsigned params = 0;
	size_t seg = 0;
	for (size_t i = 1; i <= qn + 1; i++) {  /* q[0] is the '?' */
		if (i == qn + 1 || q[i] == '&') {
			params += seg > 0;
			seg = 0;
		} else {
			seg++;
		}
	}
	if (params > lim->max_params)
		return refuse(out, 400, "http.query", "trop de paramètres de requête");
	return HEAD_OK;
}

/* [bytes] of a request line besides its target: a method of at most 16,
 * two spaces, "HTTP/1.x". */
#define REQUEST_LINE_EXTRA (16 + 2 + 8)

/* METHOD SP target SP HTTP/1.x */
static head_verdict check_request_line(const line *l, const serve_limits *lim, serve_refusal *out)
{
	if (l->n > lim->max_target + REQUEST_LINE_EXTRA)
		return refuse(out, 414, "http.uri-too-long", "adresse de requête trop longue");
	size_t i = 0;
	while (i < l->n && is_tchar((unsigned char)l->p[i]))
		i++;
	if (i == 0 || i > 16 || i >= l->n || l->p[i] != ' ')
		return refuse(out, 400, "http.malformed", "requête mal formée : ligne de requête illisible");
	const char *t = l->p + i + 1;
	const char *sp = memchr(t, ' ', l->n - i - 1);
	if (!sp)
		return refuse(out, 400, "http.malformed", "requête mal formée : ligne de requête illisible");
	head_verdict v = check_target(t, (size_t)(sp - t), lim, out);
	if (v != HEAD_OK)
		return v;
	size_t vn = l->n - (size_t)(sp + 1 - l->p);
	if (vn != 8 || memcmp(sp + 1, "HTTP/1.", 7) != 0 || (sp[8] != '0' && sp[8] != '1'))
		return refuse(out, 505, "http.version", "version du protocole non prise en charge : HTTP/1.0 ou HTTP/1.1");
	return HEAD_OK;
}

typedef struct framing {
	int content_length; /* header lines seen */
	int transfer_encoding;
} framing;

static int is_ows(char c) { return c == ' ' || c == '\t'; }

static head_verdict check_header(const line *l, framing *f, serve_refusal *out)
{
	if (l->n && is_ows(l->p[0]))
		return refuse(out, 400, "http.malformed", "requête mal formée : en-tête replié sur plusieurs lignes");
	const char *colon = memchr(l->p, ':', l->n);
	size_t nn = colon ? (size_t)(colon - l->p) : 0;
	for (size_t i = 0; i < nn; i++)
		if (!is_tchar((unsigned char)l->p[i]))
			nn = 0;
	if (!nn)
		return refuse(out, 400, "http.malformed", "requête mal formée : ligne d'en-tête sans nom");
	const char *v = colon + 1, *ve = l->p + l->n;
	while (v < ve && is_ows(*v))
		v++;
	while (ve > v && is_ows(ve[-1]))
		ve--;
	if (nn == 17 && strncasecmp(l->p, "Transfer-Encoding", nn) == 0) {
		/* libmicrohttpd reads chunked only: another coding would leave it
		 * waiting for a body it cannot delimit. Chunked itself is refused
		 * at the head's end (411), once the smuggling case is told apart. */
		if (++f->transfer_encoding > 1 || ve - v != 7 || strncasecmp(v, "chunked", 7) != 0)
			return refuse(out, 501, "http.transfer-encoding",
			              "Transfer-Encoding non pris en charge : « chunked » seul, une fois");
		return HEAD_OK;
	}
	if (nn != 14 || strncasecmp(l->p, "Content-Length", nn) != 0)
		return HEAD_OK;
	if (++f->content_length > 1)
		return refuse(out, 400, "http.content-length", "plusieurs en-têtes Content-Length : requête refusée");
	size_t vn = (size_t)(ve - v);
	int digits = vn > 0 && vn <= 18;
	for (size_t i = 0; i < vn && digits; i++)
		digits = v[i] >= '0' && v[i] <= '9';
	if (!digits)
		return refuse(out, 400, "http.content-length",
		              "Content-Length invalide : un nombre d'octets (chiffres seulement) attendu");
	return HEAD_OK;
}

head_verdict serve_head_check(const char *data, size_t len, const serve_limits *lim, serve_refusal *out)
{
	const char *cur = data, *end = data + len;
	line l;
	/* Blank lines before the request line are ignored (RFC 9112, 2.2). */
	while (cur < end && (*cur == '\r' || *cur == '\n'))
		cur++;
	head_verdict v = HEAD_INCOMPLETE;
	int first = 1;
	unsigned headers = 0;
	framing f = {0};
	while (next_line(&cur, end, &l)) {
		if (memchr(l.p, 0, l.n))
			return refuse(out, 400, "http.malformed", "requête mal formée : octet nul");
		if (first) {
			if ((v = check_request_line(&l, lim, out)) != HEAD_OK)
				return v;
			first = 0;
			continue;
		}
		if (l.n == 0) {
			if (f.content_length && f.transfer_encoding)
				return refuse(out, 400, "http.content-length",
				              "Content-Length et Transfer-Encoding ensemble : requête refusée");
			/* A chunked body's framing is parsed by libmicrohttpd, past the
			 * gate, and a broken one is answered in libmicrohttpd's own HTML
			 * (0.9.75 has no hook to replace it). Every body has a bound
			 * (--max-body), so asking for its length up front costs clients
			 * nothing (RFC 9112, 6.3 allows 411) and keeps every refusal ours. */
			if (f.transfer_encoding)
				return refuse(out, 411, "http.length-required",
				              "Content-Length requis : un corps en morceaux (chunked) n'est pas accepté");
			return (size_t)(cur - data) > lim->max_head
			               ? refuse(out, 431, "http.headers-too-large", "en-têtes de requête trop grands")
			               : HEAD_OK;
		}
		if (++headers > lim->max_headers)
			return refuse(out, 431, "http.headers-too-large", "trop d'en-têtes de requête");
		if ((v = check_header(&l, &f, out)) != HEAD_OK)
			return v;
	}
	/* The line being received. Every verdict given here is the one its
	 * end would get (the gate decides on the first bytes): a NUL byte; a
	 * request line already longer than any acceptable one (a method of 16,
	 * two spaces, the target, "HTTP/1.x" and a CR; see check_request_line). */
	if (memchr(cur, 0, (size_t)(end - cur)))
		return refuse(out, 400, "http.malformed", "requête mal formée : octet nul");
	if (first && (size_t)(end - cur) > lim->max_target + REQUEST_LINE_EXTRA + 1)
		return refuse(out, 414, "http.uri-too-long", "adresse de requête trop longue");
	if (len >= lim->max_head)
		return refuse(out, 431, "http.headers-too-large", "en-têtes de requête trop grands");
	return HEAD_INCOMPLETE;
}

static const char *reason(unsigned status)
{
	switch (status) {
	case 400: return "Bad Request";
	case 408: return "Request Timeout";
	case 411: return "Length Required";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 505: return "HTTP Version Not Supported";
	default: return "Error";
	}
}

char *serve_refusal_response(const serve_refusal *r, size_t *len)
{
	size_t blen;
	char *body = serve_json_error(r->id, r->message, &blen);
	if (!body)
		return NULL;
	sbuf b = {0};
	sbuf_printf(&b,
	            "HTTP/1.1 %u %s\r\nContent-Type: application/json; charset=utf-8\r\n"
	            "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n%s%s%s%sConnection: close\r\n"
	            "Content-Length: %zu\r\n\r\n",
	            r->status, reason(r->status), r->status == 503 ? "Retry-After: 1\r\n" : "",
	            r->request_id[0] ? "X-Request-Id: " : "", r->request_id, r->request_id[0] ? "\r\n" : "", blen);
	sbuf_add(&b, body, blen);
	free(body);
	return sbuf_take(&b, len);
}

int serve_media_type_ok(const char *ct)
{
	if (!ct)
		return 0;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	size_t n = strcspn(ct, "; \t");
	if (!((n == 15 && strncasecmp(ct, "application/xml", n) == 0) || (n == 8 && strncasecmp(ct, "text/xml", n) == 0)))
		return 0;
	for (const char *p = strchr(ct, ';'); p; p = strchr(p + 1, ';')) {
		const char *q = p + 1;
		while (*q == ' ' || *q == '\t')
			q++;
		if (strncasecmp(q, "charset=", 8) != 0)
			continue;
		q += 8;
		int quoted = *q == '"';
		q += quoted;
		if (strncasecmp(q, "utf-8", 5) != 0 && strncasecmp(q, "utf8", 4) != 0)
			return 0;
		q += strncasecmp(q, "utf-8", 5) == 0 ? 5 : 4;
		if (quoted && *q++ != '"')
			return 0;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q && *q != ';')
			return 0;
	}
	return 1;
}

/* ---- Request ids ------------------------------------------------------ */

int serve_request_id_ok(const char *s, size_t n)
{
	if (!s || n == 0 || n > SERVE_REQUEST_ID_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("._:/+=@-", c)) ||
		    !c)
			return 0;
	}
	return 1;
}

void serve_request_id_new(char out[33])
{
	unsigned char r[16];
	/* getrandom never blocks once the pool is ready (it is, long after
	 * boot); should it fail, a clock and a counter still make ids unique
	 * within the process. */
	if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
		static atomic_ulong counter;
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		unsigned long long a = (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
		unsigned long long b = atomic_fetch_add(&counter, 1) ^ ((unsigned long long)getpid() << 32);
		memcpy(r, &a, 8);
		memcpy(r + 8, &b, 8);
	}
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		out[2 * i] = hex[r[i] >> 4];
		out[2 * i + 1] = hex[r[i] & 15];
	}
	out[32] = 0;
}

void serve_head_request_id(const char *data, size_t len, char *out)
{
	const char *cur = data, *end = data + len;
	line l;
	next_line(&cur, end, &l);  /* the request line */
	while (next_line(&cur, end, &l) && l.n) {
		if (l.n < 13 || strncasecmp(l.p, "X-Request-Id:", 13) != 0)
			continue;
		const char *v = l.p + 13, *ve = l.p + l.n;
		while (v < ve && is_ows(*v))
			v++;
		while (ve > v && is_ows(ve[-1]))
			ve--;
		if (serve_request_id_ok(v, (size_t)(ve - v))) {
			memcpy(out, v, (size_t)(ve - v));
			out[ve - v] = 0;
			return;
		}
		break;
	}
	serve_request_id_new(out);
}
