/* SPDX-License-Identifier: Apache-2.0 */
#include "transform.h"
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "overrides.h"
#include "paths.h"
#include "parse.h"
#include "sandbox.h"
#include "xslt_functions.h"
#include "xslt_messages.h"

/* Instructions a transform may execute: a base, and as many per node of
 * its input. The shipped templates execute about 5 per node (the sample:
 * 7,300 for 1,472 nodes, 1.3 million allowed); an endless or exponential
 * loop reaches the bound in well under a second. */
#define STEPS_BASE 1000000ul
#define STEPS_PER_NODE 200ul

int transform_name_ok(const char *name) { return sandbox_name_ok(name); }

/* Reads the template's main stylesheet as its imports are read: safely,
 * in the stylesheet's future dictionary. */
static xmlDocPtr read_sheet(const char *path, diag_list *diags)
{
	char *data;
	size_t size;
	if (read_file(path, &data, &size, diags) != 0)
		return NULL;
	xmlDictPtr dict = xmlDictCreate();
	xmlDocPtr doc = dict ? parse_xml_dict(data, size, path, dict, diags) : NULL;
	xmlDictFree(dict);  /* the document holds its own reference */
	free(data);
	return doc;
}

/* The folder a template's part comes from, its path into path: the
 * template's own file, else default's when the template is a folder with a
 * template.xml (it inherits every part it does not redefine); NULL when
 * there is no such template. */
static const char *part_folder(const char *templates_dir, const char *name, const char *file, char *path, size_t cap)
{
	snprintf(path, cap, "%s/%s/%s", templates_dir, name, file);
	if (access(path, R_OK) == 0)
		return name;
	snprintf(path, cap, "%s/%s/%s", templates_dir, name, TRANSFORM_IDENTITY);
	if (access(path, R_OK) != 0)
		return NULL;
	snprintf(path, cap, "%s/%s/%s", templates_dir, TRANSFORM_BASE, file);
	return access(path, R_OK) == 0 ? TRANSFORM_BASE : NULL;
}

xsltStylesheetPtr transform_load(const char *templates_dir, const char *name, const char *file, diag_list *diags)
{
	if (!transform_name_ok(name)) {
		diag_add(diags, D_TEMPLATE_UNKNOWN, 0, 0, name ? name : "");
		return NULL;
	}
	char path[PATH_MAX + 200];
	const char *from = part_folder(templates_dir, name, file, path, sizeof path);
	if (!from) {
		snprintf(path, sizeof path, "%s/%s", templates_dir, name);
		if (access(path, X_OK) == 0)
			diag_add(diags, D_TEMPLATE_NO_PART, 0, 0, name, file);
		else
			diag_add(diags, D_TEMPLATE_UNKNOWN, 0, 0, name);
		return NULL;
	}
	sandbox_init();
	xmlDocPtr doc = read_sheet(path, diags);
	if (!doc)
		return NULL;
	sandbox sb = {.templates = templates_dir, .compiling = 1};
	snprintf(sb.folders[sb.nfolders++], sizeof sb.folders[0], "%s", name);
	if (strcmp(from, name) != 0)
		snprintf(sb.folders[sb.nfolders++], sizeof sb.folders[0], "%s", from);
	xslt_sink sink;
	xslt_sink_init(&sink, &sb, diags, NULL);
	sandbox_enter(&sb);
	xmlGenericErrorFunc saved = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(&sink, xslt_sink_message);
	xsltStylesheetPtr sheet = xsltParseStylesheetDoc(doc);
	xmlSetGenericErrorFunc(saved_ctx, saved);
	sandbox_leave();
	xslt_sink_flush(&sink);
	if (sheet && (sheet->errors || diag_has_error(diags))) {
		xsltFreeStylesheet(sheet);  /* frees doc */
		sheet = NULL;
	} else if (!sheet) {
		xmlFreeDoc(doc);
	}
	if (!sheet && !diag_has_error(diags))
		diag_add(diags, D_TEMPLATE_XSLT, 0, 0, "la feuille de style n'a pas pu être compilée");
	if (sheet) {
		sandbox_keep_folders(&sb, sheet);
		overrides_check(sheet, diags);
		styles_check(sheet, diags);
		char schema[PATH_MAX + 20];
		snprintf(schema, sizeof schema, "%s/../schema", templates_dir);
		paths_check(sheet, schema, diags);
	}
	return sheet;
}

void transform_free(xsltStylesheetPtr sheet)
{
	sandbox_free_folders(sheet);
	xsltFreeStylesheet(sheet);
}

/* A template may neither write files or folders nor use the network
 * (reading is the sandbox's: sandbox.h). */
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

static unsigned long count_nodes(xmlNodePtr n)
{
	unsigned long c = 0;
	for (; n; n = n->next)
		c += 1 + (n->type == XML_ELEMENT_NODE ? count_nodes(n->children) : 0);
	return c;
}

unsigned long transform_steps(xmlDocPtr doc)
{
	return STEPS_BASE + STEPS_PER_NODE * count_nodes(doc->children);
}

/* Runs the transform on this thread's sandbox; the result, or NULL. */
static xmlDocPtr run(xsltStylesheetPtr sheet, xmlDocPtr doc, xsltTransformContextPtr tc, int draft, sandbox *sb,
                     xslt_sink *sink)
{
	sandbox_enter(sb);
	xmlGenericErrorFunc saved = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(sink, xslt_sink_message);
	/* The identity is read by document(), through the sandbox: a path with
	 * an apostrophe cannot be quoted in XPath 1.0 and is left out. */
	char identity[PATH_MAX + 40];
	int with_identity = sb->identity && !strchr(sb->identity, '\'') &&
	                    (size_t)snprintf(identity, sizeof identity, "document('%s')/template", sb->identity) <
	                        sizeof identity;
	const char *params[] = {"draft", draft ? "true()" : "false()", with_identity ? "identity" : NULL, identity, NULL};
	xmlDocPtr out = xsltApplyStylesheetUser(sheet, doc, params, NULL, NULL, tc);
	xmlSetGenericErrorFunc(saved_ctx, saved);
	sandbox_leave();
	return out;
}

xmlDocPtr transform_apply(xsltStylesheetPtr sheet, xmlDocPtr doc, int draft, const transform_limits *lim,
                          transform_origin *origin, diag_list *diags)
{
	sandbox_init();
	xsltTransformContextPtr tc = xsltNewTransformContext(sheet, doc);
	xsltSecurityPrefsPtr sec = security_prefs();
	if (!tc || !sec || xslt_functions_register(tc) != 0) {
		xsltFreeTransformContext(tc);
		xsltFreeSecurityPrefs(sec);
		diag_add(diags, D_NOMEM, 0, 0);
		return NULL;
	}
	xsltSetCtxtSecurityPrefs(sec, tc);
	sandbox sb = {.templates = lim->templates_dir, .deadline = lim->deadline, .max_memory = lim->memory,
	              .render_memory = lim->render_memory, .origin = origin, .identity = lim->identity};
	sandbox_take_folders(&sb, sheet);
	sandbox_bound(&sb, tc, lim->steps ? lim->steps : transform_steps(doc));
	xslt_sink sink;
	xslt_sink_init(&sink, &sb, diags, tc);
	xsltSetTransformErrorFunc(tc, &sink, xslt_sink_message);
	xmlDocPtr out = run(sheet, doc, tc, draft, &sb, &sink);
	xslt_sink_flush(&sink);
	if (out && (tc->state != XSLT_STATE_OK || diag_has_error(diags))) {
		xmlFreeDoc(out);
		out = NULL;
	}
	if (!out && !diag_has_error(diags))
		diag_add(diags, D_TEMPLATE_XSLT, 0, 0, "la transformation n'a rien produit");
	xsltFreeTransformContext(tc);
	xsltFreeSecurityPrefs(sec);
	return out;
}

int transform_template_line(const xsltStylesheet *sheet, const char *name)
{
	const xmlNode *root = sheet && sheet->doc ? xmlDocGetRootElement(sheet->doc) : NULL;
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !c->ns || strcmp((const char *)c->name, "template") != 0 ||
		    strcmp((const char *)c->ns->href, "http://www.w3.org/1999/XSL/Transform") != 0)
			continue;
		xmlChar *n = xmlGetProp(c, (const xmlChar *)"name");
		int same = n && strcmp((const char *)n, name) == 0;
		xmlFree(n);
		if (same)
			return (int)xmlGetLineNo((xmlNodePtr)c);
	}
	return 0;
}

transform_origin *transform_origin_new(void) { return calloc(1, sizeof(transform_origin)); }

void transform_origin_free(transform_origin *o)
{
	for (int i = 0; o && i < o->n; i++) {
		free(o->paths[i]);
		free(o->lines[i]);
	}
	free(o);
}

const char *transform_origin_file(const transform_origin *o, int line, const char *fallback)
{
	const char *found = NULL;
	for (int i = 0; o && line > 0 && line < ORIGIN_LINES && i < o->n; i++) {
		if (!(o->lines[i][line / 8] & (1u << (line % 8))))
			continue;
		if (found)
			return fallback;  /* two files ran an instruction at that line */
		found = o->paths[i];
	}
	return found ? found : fallback;
}

int transform_library_version(char *buf, size_t cap)
{
	int v = xsltLibxsltVersion; /* 10135: the library's, not the headers' */
	return snprintf(buf, cap, "%d.%d.%d", v / 10000, v / 100 % 100, v % 100);
}
