/* SPDX-License-Identifier: Apache-2.0 */
/* delib serve: the access log (serve.h). One line per request on stderr,
 * text for a person reading a terminal or journalctl, or JSON (one object
 * per line) for a log collector: --log-format. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "serve.h"

void serve_log_client(const void *sockaddr, char *client, size_t cap)
{
	const struct sockaddr *sa = sockaddr;
	snprintf(client, cap, "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sockaddr)->sin_addr, client, (socklen_t)cap);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sockaddr)->sin6_addr, client, (socklen_t)cap);
}

static void now_iso(char *out, size_t cap)
{
	struct timespec ts;
	struct tm tm;
	char when[32];
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	unsigned ms = (unsigned)(ts.tv_nsec / 1000000) % 1000u;  /* < 1000: three digits */
	snprintf(out, cap, "%s.%03uZ", when, ms);
}

static const char *dash(const char *s) { return s && *s ? s : "-"; }

/* when client id method path[?query] status bytes ms[ template=… draft=…][ diag=…][ (note)] */
static void text_line(sbuf *b, const char *when, const serve_access *a)
{
	sbuf_printf(b, "%s %s %s %s %s%s%s ", when, dash(a->client), dash(a->id), dash(a->method), dash(a->path),
	            a->query && *a->query ? "?" : "", a->query ? a->query : "");
	if (a->status)
		sbuf_printf(b, "%u", a->status);
	else
		sbuf_puts(b, "-");
	sbuf_printf(b, " %zu %.1fms", a->bytes, a->ms);
	if (a->template_name)
		sbuf_printf(b, " template=%s draft=%d", a->template_name, a->draft > 0);
	if (a->diag)
		sbuf_printf(b, " diag=%s", a->diag);
	if (a->note && *a->note)
		sbuf_printf(b, " (%s)", a->note);
	sbuf_puts(b, "\n");
}

static void json_field(sbuf *b, const char *key, const char *v)
{
	sbuf_printf(b, ",\"%s\":", key);
	if (v)
		sbuf_json_string(b, v);
	else
		sbuf_puts(b, "null");
}

static void json_line(sbuf *b, const char *when, const serve_access *a)
{
	sbuf_puts(b, "{\"time\":");
	sbuf_json_string(b, when);
	json_field(b, "client", a->client);
	json_field(b, "id", a->id);
	json_field(b, "method", a->method);
	json_field(b, "path", a->path);
	json_field(b, "query", a->query);
	if (a->status)
		sbuf_printf(b, ",\"status\":%u", a->status);
	else
		sbuf_puts(b, ",\"status\":null");
	sbuf_printf(b, ",\"bytes\":%zu,\"ms\":%.1f", a->bytes, a->ms);
	json_field(b, "template", a->template_name);
	sbuf_puts(b, a->draft < 0 ? ",\"draft\":null" : a->draft ? ",\"draft\":true" : ",\"draft\":false");
	json_field(b, "diagnostic", a->diag);
	if (a->note && *a->note)
		json_field(b, "note", a->note);
	sbuf_puts(b, "}\n");
}

void serve_log_access(const serve_access *a, int json)
{
	char when[40];
	now_iso(when, sizeof when);
	sbuf b = {0};
	if (json)
		json_line(&b, when, a);
	else
		text_line(&b, when, a);
	if (!b.failed)
		(void)!write(STDERR_FILENO, b.data, b.len);
	sbuf_free(&b);
}
