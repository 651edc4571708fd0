/* SPDX-License-Identifier: Apache-2.0 */
/* libxslt's and libxml2's messages about a template, as diagnostics.
 *
 * libxslt writes an error in pieces through an error function: a position
 * line ("runtime error: file F line N element E"), then the message, maybe
 * followed by explanation lines; libxml2's XPath errors come first, with
 * the expression and a caret, and no position. The sink gathers lines and
 * makes one diagnostic per cause: at the template line of its position
 * line, the XPath error joined to the message that follows it, the
 * explanation lines dropped, in French (a table of libxslt's and libxml2's
 * messages; one not in it is quoted in English after a French sentence), and
 * a repetition of the same message at the same line dropped. A message of
 * the sandbox (a refused file, a stop) takes the place of libxslt's. */
#ifndef DELIB_XSLT_MESSAGES_H
#define DELIB_XSLT_MESSAGES_H
#include <libxslt/xsltInternals.h>
#include <stdarg.h>
#include "diag.h"
#include "sandbox.h"

typedef struct xslt_sink {
	diag_list *diags;
	sandbox *sb;
	xsltTransformContextPtr tc;  /* while transforming: the current instruction's line */
	char text[2048];             /* the line being gathered */
	size_t len;
	int line;                    /* of the last position line; -1: none since the last message */
	char file[1024];             /* of the last position line; "": the template's own */
	int warning;                 /* the position line said "warning" */
	int in_xpath;                /* after an XPath error: its expression and caret lines */
	char xpath[300];             /* the XPath error waiting for its position */
	char msg[600];               /* an xsl:message's text, until its fate is known */
	int msg_line;
	char last[700];              /* the last message, for repetitions */
	int last_line;
} xslt_sink;

void xslt_sink_init(xslt_sink *s, sandbox *sb, diag_list *diags, xsltTransformContextPtr tc);
/* libxml2's and libxslt's error function (user: the sink). */
void xslt_sink_message(void *user, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void xslt_sink_vmessage(void *user, const char *fmt, va_list ap);
/* Emits what remains of an unfinished line. */
void xslt_sink_flush(xslt_sink *s);
#endif
