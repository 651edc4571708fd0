/* SPDX-License-Identifier: Apache-2.0 */
#include "transform.h"
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "xslt_functions.h"

int transform_name_ok(const char *name)
{
	if (!name || !*name || strlen(name) > 64)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_'))
			return 0;
	return 1;
}

typedef struct error_sink {
	diag_list *diags;
	diag_code code;
	char text[2048];
	size_t len;
} error_sink;

/* libxslt reports in pieces ("runtime error: file X line N element E\n",
 * then the message); gather them and emit one diagnostic per message. */
static void on_xslt_error(void *user, const char *fmt, ...)
{
	error_sink *s = user;
	va_list ap;
	va_start(ap, fmt);
	if (s->len < sizeof s->text)
		s->len += (size_t)vsnprintf(s->text + s->len, sizeof s->text - s->len, fmt, ap);
	va_end(ap);
	if (s->len >= sizeof s->text)
		s->len = sizeof s->text - 1;
}

/* libxslt's and libxml2's fixed words around the template's position and
 * our own French messages (xslt_functions.c) become French too. */
static void to_french(const char *in, char *out, size_t cap)
{
	static const char *const words[][2] = {
		{"runtime error: ", "erreur d'exécution : "}, {"compilation error: ", "erreur de compilation : "},
		{"parser error : ", "erreur d'analyse : "}, {"XPath error : ", "erreur XPath : "},
		{"file ", "fichier "}, {" line ", " ligne "}, {" element ", " élément "},
		{"Opening and ending tag mismatch", "balises ouvrante et fermante différentes"},
		{"Premature end of data in tag", "fin prématurée des données dans la balise"},
		{"XPath evaluation returned no result.", "l'expression XPath n'a rien donné."},
		{"Invalid number of arguments", "nombre d'arguments invalide"},
		{"cannot parse", "impossible à lire :"},
	};
	size_t n = 0;
	while (*in && n + 1 < cap) {
		size_t k = 0;
		for (; k < sizeof words / sizeof *words; k++)
			if (strncmp(in, words[k][0], strlen(words[k][0])) == 0)
				break;
		if (k < sizeof words / sizeof *words) {
			size_t len = strlen(words[k][1]);
			if (n + len >= cap)
				break;
			memcpy(out + n, words[k][1], len);
			n += len;
			in += strlen(words[k][0]);
		} else {
			out[n++] = *in++;
		}
	}
	out[n] = 0;
}

static void flush_sink(error_sink *s)
{
	if (!s->len)
		return;
	for (size_t i = 0; i < s->len; i++)
		if (s->text[i] == '\n')
			s->text[i] = ' ';
	while (s->len && s->text[s->len - 1] == ' ')
		s->text[--s->len] = 0;
	/* libxslt says "file X line N" at run time, libxml2 "X.xsl:N: parser
	 * error" when the template itself is not well formed. */
	int line = 0;
	const char *l = strstr(s->text, " line ");
	const char *colon = strstr(s->text, ".xsl:");
	if (colon && (!l || colon < l))
		line = atoi(colon + 5);
	else if (l)
		line = atoi(l + 6);
	char french[sizeof s->text + 512];
	to_french(s->text, french, sizeof french);
	diag_add(s->diags, s->code, line, 0, french);
	s->len = 0;
	s->text[0] = 0;
}

xsltStylesheetPtr transform_load(const char *templates_dir, const char *name, const char *file, diag_list *diags)
{
	if (!transform_name_ok(name)) {
		diag_add(diags, D_TEMPLATE_UNKNOWN, 0, 0, name ? name : "");
		return NULL;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/%s/%s", templates_dir, name, file);
	if (access(path, R_OK) != 0) {
		diag_add(diags, D_TEMPLATE_UNKNOWN, 0, 0, name);
		return NULL;
	}
	error_sink sink = {.diags = diags, .code = D_TEMPLATE_XSLT};
	xsltSetGenericErrorFunc(&sink, on_xslt_error);
	xmlSetGenericErrorFunc(&sink, on_xslt_error);
	xsltStylesheetPtr sheet = xsltParseStylesheetFile((const xmlChar *)path);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	flush_sink(&sink);
	if (!sheet && !diag_has_error(diags))
		diag_add(diags, D_TEMPLATE_XSLT, 0, 0, path);
	return sheet;
}

/* A template may read files beside it (document()) but never write or reach
 * the network. */
static xsltSecurityPrefsPtr security_prefs(void)
{
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
	if (!sec)
		return NULL;
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	return sec;
}

xmlDocPtr transform_apply(xsltStylesheetPtr sheet, xmlDocPtr doc, int draft, diag_list *diags)
{
	xsltTransformContextPtr tc = xsltNewTransformContext(sheet, doc);
	xsltSecurityPrefsPtr sec = security_prefs();
	if (!tc || !sec || xslt_functions_register(tc) != 0) {
		xsltFreeTransformContext(tc);
		xsltFreeSecurityPrefs(sec);
		diag_add(diags, D_NOMEM, 0, 0);
		return NULL;
	}
	xsltSetCtxtSecurityPrefs(sec, tc);
	error_sink sink = {.diags = diags, .code = D_TEMPLATE_XSLT};
	xsltSetTransformErrorFunc(tc, &sink, on_xslt_error);
	xmlSetGenericErrorFunc(&sink, on_xslt_error);
	const char *params[] = {"draft", draft ? "true()" : "false()", NULL};
	xmlDocPtr out = xsltApplyStylesheetUser(sheet, doc, params, NULL, NULL, tc);
	xmlSetGenericErrorFunc(NULL, NULL);
	flush_sink(&sink);
	if (out && tc->state != XSLT_STATE_OK) {
		xmlFreeDoc(out);
		out = NULL;
	}
	if (!out && !diag_has_error(diags))
		diag_add(diags, D_TEMPLATE_XSLT, 0, 0, "la transformation n'a rien produit");
	xsltFreeTransformContext(tc);
	xsltFreeSecurityPrefs(sec);
	return out;
}

int transform_library_version(char *buf, size_t cap)
{
	int v = xsltLibxsltVersion; /* 10135: the library's, not the headers' */
	return snprintf(buf, cap, "%d.%d.%d", v / 10000, v / 100 % 100, v % 100);
}
