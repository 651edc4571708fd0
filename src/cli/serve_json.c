/* SPDX-License-Identifier: Apache-2.0 */
/* delib serve: JSON output and the list of templates (see serve.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "serve.h"
#include "sys.h"

/* ---- Buffer ----------------------------------------------------------- */

static int sbuf_reserve(sbuf *b, size_t more)
{
	if (b->failed)
		return -1;
	if (b->len + more + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *d = realloc(b->data, cap);
	if (!d) {
		b->failed = 1;
		return -1;
	}
	b->data = d;
	b->cap = cap;
	return 0;
}

void sbuf_add(sbuf *b, const char *s, size_t n)
{
	if (sbuf_reserve(b, n) != 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = 0;
}

void sbuf_puts(sbuf *b, const char *s) { sbuf_add(b, s, strlen(s)); }

void sbuf_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || sbuf_reserve(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sbuf_json_string(sbuf *b, const char *s)
{
	size_t n = json_quote(s, NULL, 0);
	if (sbuf_reserve(b, n) != 0)
		return;
	json_quote(s, b->data + b->len, n + 1);
	b->len += n;
}

char *sbuf_take(sbuf *b, size_t *len)
{
	char *d = b->failed ? NULL : b->data;
	if (len)
		*len = d ? b->len : 0;
	if (!d)
		free(b->data);
	memset(b, 0, sizeof *b);
	return d;
}

void sbuf_free(sbuf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* ---- Diagnostics and errors ------------------------------------------ */

/* s with every absolute path cut to its last name: a word that starts
 * with '/' and holds another '/' ("/usr/share/delib/templates/x/liste.xsl"
 * → "liste.xsl"). Answers never show the server's files. malloc'd, or NULL
 * when s has no path (or out of memory: then s is kept as is). */
static char *scrub_paths(const char *s)
{
	const char *p = s;
	int found = 0;
	for (; *p && !found; p++)
		found = *p == '/' && (p == s || p[-1] == ' ' || p[-1] == '"' || p[-1] == '(' || p[-1] == '\'' ||
		                      (unsigned char)p[-1] == 0xA0) && strchr(p + 1, '/');
	if (!found)
		return NULL;
	char *out = malloc(strlen(s) + 1), *o = out;
	if (!out)
		return NULL;
	for (p = s; *p;) {
		int start = *p == '/' && (p == s || p[-1] == ' ' || p[-1] == '"' || p[-1] == '(' || p[-1] == '\'' ||
		                          (unsigned char)p[-1] == 0xA0);
		size_t n = start ? strcspn(p, " \"'),:;") : 0;
		const char *slash = n ? memchr(p + 1, '/', n - 1) : NULL;
		if (!slash) {
			*o++ = *p++;
			continue;
		}
		const char *last = p;
		for (const char *q = p; q < p + n; q++)
			if (*q == '/')
				last = q + 1;
		memcpy(o, last, (size_t)(p + n - last));
		o += p + n - last;
		p += n;
	}
	*o = 0;
	return out;
}

void serve_json_diags(sbuf *b, const delib_result *r)
{
	sbuf_puts(b, "\"diagnostics\":[");
	for (int i = 0; i < r->ndiags; i++) {
		delib_diag d = r->diags[i];
		char *file = d.file ? scrub_paths(d.file) : NULL, *msg = d.message ? scrub_paths(d.message) : NULL;
		if (file)
			d.file = file;
		if (msg)
			d.message = msg;
		size_t n = delib_diag_format_json(&d, NULL, 0);
		sbuf_puts(b, i ? ",\n" : "\n");
		if (sbuf_reserve(b, n) == 0) {
			delib_diag_format_json(&d, b->data + b->len, n + 1);
			b->len += n;
		}
		free(file);
		free(msg);
	}
	sbuf_puts(b, r->ndiags ? "\n]" : "]");
}

char *serve_json_error(const char *id, const char *message, size_t *len)
{
	sbuf b = {0};
	sbuf_puts(&b, "{\"error\":");
	sbuf_json_string(&b, id);
	sbuf_puts(&b, ",\"message\":");
	sbuf_json_string(&b, message);
	sbuf_puts(&b, "}\n");
	return sbuf_take(&b, len);
}

/* ---- Templates --------------------------------------------------------- */

int serve_template_name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n < 1 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

int serve_templates_load(const char *data_dir, serve_templates *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	delib_ctx *ctx = delib_ctx_new(data_dir, err, errlen);
	if (!ctx)
		return -1;
	int n = delib_templates(ctx, &out->items);
	delib_ctx_free(ctx);
	if (n <= 0) {
		delib_templates_free(out->items, n > 0 ? n : 0);
		out->items = NULL;
		snprintf(err, errlen, "aucun modèle (dossier avec deliberation.xsl) sous %s/templates", data_dir);
		return -1;
	}
	out->n = n;
	return 0;
}

const delib_template_info *serve_templates_find(const serve_templates *t, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->items[i].name, name) == 0)
			return &t->items[i];
	return NULL;
}

char *serve_templates_json(const serve_templates *t, size_t *len)
{
	sbuf b = {0};
	sbuf_puts(&b, "[");
	for (int i = 0; i < t->n; i++) {
		sbuf_puts(&b, i ? ",\n{\"name\":" : "\n{\"name\":");
		sbuf_json_string(&b, t->items[i].name);
		sbuf_puts(&b, ",\"description\":");
		sbuf_json_string(&b, t->items[i].description ? t->items[i].description : "");
		sbuf_puts(&b, "}");
	}
	sbuf_puts(&b, t->n ? "\n]\n" : "]\n");
	return sbuf_take(&b, len);
}

void serve_templates_free(serve_templates *t)
{
	if (!t)
		return;
	delib_templates_free(t->items, t->n);
	memset(t, 0, sizeof *t);
}
