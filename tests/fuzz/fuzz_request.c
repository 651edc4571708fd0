/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer harness: the service's request checks (src/cli/serve_request.c),
 * what `delib serve` looks at before libmicrohttpd parses anything. One
 * input = the first bytes received on a connection.
 *
 * Beyond the sanitizers, it checks the promises the gate relies on
 * (src/cli/serve_gate.h):
 *   - a refusal is a documented status with an id "http.*" and a one-line
 *     UTF-8 message, and its answer is one well-framed HTTP response:
 *     status line, Content-Length equal to the JSON body's length,
 *     "Connection: close";
 *   - a verdict reached on the first bytes is final: whatever follows
 *     (checked on prefixes of the input) cannot change it, since the gate
 *     decides as soon as it can;
 *   - the request id taken from a head is always one serve_request_id_ok
 *     accepts (it goes into a header and a log line).
 * The same input is also read as a body (src/cli/serve_body.c): a
 * multipart/form-data form's one part lies within it, and the PDF's name
 * drawn from it holds [A-Za-z0-9._-] only (it goes into a header). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "serve.h"
#include "serve_gate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const serve_limits limits = {SERVE_MAX_HEAD, SERVE_MAX_TARGET, SERVE_MAX_QUERY, SERVE_MAX_PARAMS,
                                    SERVE_MAX_HEADERS};

static void fail(const char *what, const serve_refusal *r)
{
	fprintf(stderr, "fuzz_request: %s (status %u, id %s, message %s)\n", what, r->status, r->id ? r->id : "(null)",
	        r->message);
	abort();
}

static void check_refusal(const serve_refusal *r)
{
	static const unsigned documented[] = {400, 408, 411, 414, 431, 501, 503, 505};
	int known = 0;
	for (size_t i = 0; i < sizeof documented / sizeof *documented; i++)
		known |= r->status == documented[i];
	if (!known || !r->id || strncmp(r->id, "http.", 5) != 0 || !fuzz_valid_line(r->message))
		fail("refus non documenté", r);
	size_t len;
	char *resp = serve_refusal_response(r, &len);
	if (!resp)
		return;  /* out of memory */
	char status[16];
	snprintf(status, sizeof status, "HTTP/1.1 %u ", r->status);
	const char *end = strstr(resp, "\r\n\r\n");
	const char *cl = strstr(resp, "\r\nContent-Length: ");
	if (strncmp(resp, status, strlen(status)) != 0 || !end || !cl || cl > end ||
	    !strstr(resp, "\r\nConnection: close\r\n") || strtoul(cl + 18, NULL, 10) != len - (size_t)(end + 4 - resp) ||
	    strncmp(end + 4, "{\"error\":\"", 10) != 0 || resp[len - 1] != '\n')
		fail("réponse mal formée", r);
	free(resp);
}

static void check_body(const char *data, size_t size)
{
	serve_refusal why = {0};
	size_t off, n;
	if (serve_multipart_file("frontiere", data, size, &off, &n, &why) == 0 && (off > size || n > size - off))
		fail("partie hors du corps", &why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	serve_refusal r, rp;
	memset(&r, 0, sizeof r);
	head_verdict v = serve_head_check((const char *)data, size, &limits, &r);
	if (v != HEAD_INCOMPLETE && v != HEAD_OK && v != HEAD_REFUSED)
		fail("verdict inconnu", &r);
	if (v == HEAD_REFUSED)
		check_refusal(&r);
	/* Prefixes: a verdict reached there is the whole input's. */
	for (size_t k = 1; k <= 8 && size > 1; k++) {
		size_t cut = size * k / 9;
		memset(&rp, 0, sizeof rp);
		head_verdict vp = serve_head_check((const char *)data, cut, &limits, &rp);
		if (vp != HEAD_INCOMPLETE && (vp != v || (v == HEAD_REFUSED && rp.status != r.status)))
			fail("verdict changé par la suite de la requête", &rp);
	}
	/* The Content-Type check libmicrohttpd's side makes (serve.c). */
	char ct[256];
	size_t n = size < sizeof ct - 1 ? size : sizeof ct - 1;
	memcpy(ct, data, n);
	ct[n] = 0;
	(void)serve_media_type_ok(ct);
	char id[SERVE_REQUEST_ID_MAX + 1];
	serve_head_request_id((const char *)data, size, id);
	if (!serve_request_id_ok(id, strlen(id)))
		fail("identifiant de requête invalide", &r);
	check_body((const char *)data, size);
	return 0;
}
