/* SPDX-License-Identifier: Apache-2.0 */
/* delib serve: what the service reads of a body itself (serve.h): the
 * multipart/form-data envelope around an uploaded file. It works on the
 * whole body, already received and bounded by --max-body; libdelib parses
 * the XML itself (and names the PDF: delib_pdf_name). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "serve.h"
#include "serve_gate.h"

/* ---- multipart/form-data (RFC 7578, RFC 2046 5.1) ------------------------ */

/* The boundary parameter of a multipart/form-data Content-Type into out
 * (1 to 70 bytes, RFC 2046); 0, or -1 when ct is another type or has no
 * usable boundary. */
int serve_multipart_boundary(const char *ct, char *out, size_t cap)
{
	if (!ct)
		return -1;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, "multipart/form-data", 19) != 0 || (ct[19] && ct[19] != ';' && ct[19] != ' '))
		return -1;
	const char *b = NULL;
	for (const char *p = strchr(ct, ';'); p && !b; p = strchr(p + 1, ';')) {
		p += strspn(p + 1, " \t") + 1;
		if (strncasecmp(p, "boundary=", 9) == 0)
			b = p + 9;
	}
	if (!b)
		return -1;
	int quoted = *b == '"';
	b += quoted;
	size_t n = quoted ? strcspn(b, "\"") : strcspn(b, "; \t");
	if (n == 0 || n > 70 || n >= cap || (quoted && b[n] != '"'))
		return -1;
	memcpy(out, b, n);
	out[n] = 0;
	return 0;
}

static const char *find(const char *hay, size_t n, const char *needle, size_t nn)
{
	if (nn > n)
		return NULL;
	for (const char *p = hay; (p = memchr(p, needle[0], (size_t)(hay + n - p) - nn + 1)); p++)
		if (memcmp(p, needle, nn) == 0)
			return p;
	return NULL;
}

/* The Content-Type of a part's headers [h, e), or NULL (copied to out). */
static const char *part_type(const char *h, const char *e, char *out, size_t cap)
{
	while (h < e) {
		const char *eol = find(h, (size_t)(e - h), "\r\n", 2);
		if (!eol)
			eol = e;
		if (eol - h > 13 && strncasecmp(h, "Content-Type:", 13) == 0) {
			size_t n = (size_t)(eol - h - 13);
			snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), h + 13);
			return out;
		}
		h = eol + 2;
	}
	return NULL;
}

int serve_multipart_file(const char *boundary, const char *body, size_t len, size_t *off, size_t *size,
                         serve_refusal *why)
{
	char delim[80];
	int dn = snprintf(delim, sizeof delim, "--%s", boundary);
	const char *end = body + len;
	const char *first = find(body, len, delim, (size_t)dn);
	why->status = 400;
	why->id = "multipart.invalid";
	if (!first || (first != body && (first < body + 2 || memcmp(first - 2, "\r\n", 2) != 0))) {
		snprintf(why->message, sizeof why->message, "corps multipart illisible : délimiteur « %s » absent", delim);
		return -1;
	}
	const char *h = first + dn;
	if (end - h < 2 || memcmp(h, "\r\n", 2) != 0) {
		snprintf(why->message, sizeof why->message, "corps multipart illisible : aucune partie");
		return -1;
	}
	h += 2;
	const char *he = find(h, (size_t)(end - h), "\r\n\r\n", 4);
	char next[84];
	int nn = snprintf(next, sizeof next, "\r\n--%s", boundary);
	const char *content = he ? he + 4 : NULL;
	const char *close = content ? find(content, (size_t)(end - content), next, (size_t)nn) : NULL;
	if (!close) {
		snprintf(why->message, sizeof why->message, "corps multipart illisible : partie non terminée");
		return -1;
	}
	const char *after = close + nn;
	if (end - after < 2 || memcmp(after, "--", 2) != 0) {
		why->id = "multipart.parts";
		snprintf(why->message, sizeof why->message,
		         "corps multipart à plusieurs parties : une seule attendue, le fichier XML de la délibération");
		return -1;
	}
	char type[128];
	const char *t = part_type(h, he + 2, type, sizeof type);
	if (t && !serve_media_type_ok(t) && strncasecmp(t + strspn(t, " \t"), "application/octet-stream", 24) != 0) {
		why->status = 415;
		why->id = "http.media-type";
		snprintf(why->message, sizeof why->message,
		         "type de la partie « %.60s » refusé : application/xml ou text/xml (UTF-8) attendu", t + strspn(t, " \t"));
		return -1;
	}
	*off = (size_t)(content - body);
	*size = (size_t)(close - content);
	return 0;
}
