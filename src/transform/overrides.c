/* SPDX-License-Identifier: Apache-2.0 */
/* A template that imports another redefines named templates and global
 * variables by name: a misspelt name ("extract-headng", "font-famly")
 * silently defines something new that nothing uses. Each top-level named
 * template or variable of the importing stylesheet that no imported
 * stylesheet defines and that the stylesheet itself never calls or reads
 * is warned about at its line (template.override). */
#include <stdio.h>
#include <string.h>
#include "namespaces.h"
#include "overrides.h"

#define XSLT_NS "http://www.w3.org/1999/XSL/Transform"

static int is_xsl(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, XSLT_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* Whether the stylesheet document defines a top-level `kind` (template or
 * variable/param) named name. */
static int defines(const xmlDoc *doc, const char *kind, const xmlChar *name)
{
	const xmlNode *root = doc ? xmlDocGetRootElement((xmlDocPtr)doc) : NULL;
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		int fits = strcmp(kind, "template") == 0 ? is_xsl(c, "template")
		                                         : is_xsl(c, "variable") || is_xsl(c, "param");
		xmlChar *n = fits ? xmlGetProp(c, (const xmlChar *)"name") : NULL;
		int same = n && xmlStrEqual(n, name);
		xmlFree(n);
		if (same)
			return 1;
	}
	return 0;
}

/* Whether an imported stylesheet (or one it includes or imports) defines it. */
static int imported_defines(const xsltStylesheet *s, const char *kind, const xmlChar *name)
{
	for (; s; s = s->next) {
		if (defines(s->doc, kind, name) || imported_defines(s->imports, kind, name))
			return 1;
		for (const xsltDocument *d = s->docList; d; d = d->next)
			if (defines(d->doc, kind, name))
				return 1;
	}
	return 0;
}

/* "$name" in text, not followed by more of a name. */
static int reads_variable(const xmlChar *text, const xmlChar *name)
{
	size_t len = (size_t)xmlStrlen(name);
	for (const xmlChar *p = text; (p = xmlStrchr(p, '$')); p++) {
		const xmlChar *after = p + 1 + len;
		if (xmlStrncmp(p + 1, name, (int)len) == 0 &&
		    !((*after >= 'a' && *after <= 'z') || (*after >= 'A' && *after <= 'Z') ||
		      (*after >= '0' && *after <= '9') || *after == '-' || *after == '_' || *after == '.'))
			return 1;
	}
	return 0;
}

/* Whether the subtree under n calls the template or reads the variable. */
static int used_under(const xmlNode *n, const char *kind, const xmlChar *name)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			const xmlChar *v = a->children ? a->children->content : NULL;
			if (!v)
				continue;
			if (strcmp(kind, "template") == 0 ? is_xsl(n, "call-template") && xmlStrEqual(a->name, BAD_CAST "name") &&
			                                    xmlStrEqual(v, name)
			                                  : reads_variable(v, name))
				return 1;
		}
		if (used_under(n->children, kind, name))
			return 1;
	}
	return 0;
}

static void warn(const xmlNode *def, const char *kind, const xmlChar *name, diag_list *diags)
{
	char msg[400];
	if (strcmp(kind, "template") == 0)
		snprintf(msg, sizeof msg, "le modèle nommé « %.80s » ne remplace aucun modèle des feuilles importées et "
		         "n'est appelé nulle part : nom mal orthographié ?", (const char *)name);
	else
		snprintf(msg, sizeof msg, "la variable « %.80s » ne remplace aucune variable des feuilles importées et "
		         "n'est lue nulle part : nom mal orthographié ?", (const char *)name);
	diag_add(diags, D_TEMPLATE_OVERRIDE, (int)xmlGetLineNo((xmlNodePtr)def), 0, msg);
}

void overrides_check(const xsltStylesheet *sheet, diag_list *diags)
{
	if (!sheet->imports || !sheet->doc)
		return;
	const xmlNode *root = xmlDocGetRootElement(sheet->doc);
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		const char *kind = is_xsl(c, "template") ? "template"
		                   : is_xsl(c, "variable") || is_xsl(c, "param") ? "variable" : NULL;
		xmlChar *name = kind ? xmlGetProp(c, (const xmlChar *)"name") : NULL;
		if (name && !imported_defines(sheet->imports, kind, name) && !used_under(root->children, kind, name))
			warn(c, kind, name, diags);
		xmlFree(name);
	}
}

/* ---- styles declared and never named ------------------------------------- */

static int is_name_char(xmlChar c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c == '.' || c >= 0x80;
}

/* name in text as a whole word. */
static int names(const xmlChar *text, const xmlChar *name)
{
	int len = xmlStrlen(name);
	for (const xmlChar *p = text; p && (p = xmlStrstr(p, name)); p++)
		if ((p == text || !is_name_char(p[-1])) && !is_name_char(p[len]))
			return 1;
	return 0;
}

static int is_style_declaration(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, NS_LAYOUT) == 0 &&
	       strcmp((const char *)n->name, "style") == 0;
}

/* Whether anything under n but a style's own name attribute names it: a
 * style="…" attribute, an xsl:attribute's text, a string in an XPath. */
static int named_under(const xmlNode *n, const xmlChar *name)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && names(n->content, name))
			return 1;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			const xmlChar *v = a->children ? a->children->content : NULL;
			if (v && !(is_style_declaration(n) && xmlStrEqual(a->name, BAD_CAST "name")) && names(v, name))
				return 1;
		}
		if (named_under(n->children, name))
			return 1;
	}
	return 0;
}

static int named_in_doc(const xmlDoc *doc, const xmlChar *name)
{
	return doc && named_under(((xmlDoc *)doc)->children, name);
}

/* Whether a stylesheet, one it imports or one it includes names it. */
static int named_in(const xsltStylesheet *s, const xmlChar *name)
{
	for (; s; s = s->next) {
		if (named_in_doc(s->doc, name) || named_in(s->imports, name))
			return 1;
		for (const xsltDocument *d = s->docList; d; d = d->next)
			if (named_in_doc(d->doc, name))
				return 1;
	}
	return 0;
}

static void check_styles_under(const xmlNode *n, const xsltStylesheet *sheet, diag_list *diags)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *name = is_style_declaration(n) ? xmlGetProp((xmlNodePtr)n, BAD_CAST "name") : NULL;
		if (name && !xmlStrchr(name, '{') && !named_in(sheet, name)) {
			char msg[300];
			snprintf(msg, sizeof msg, "le style « %.80s » est déclaré mais aucun élément ne le nomme : nom mal "
			         "orthographié, ou style à retirer ?", (const char *)name);
			diag_add(diags, D_TEMPLATE_STYLE, (int)xmlGetLineNo((xmlNodePtr)n), 0, msg);
		}
		xmlFree(name);
		check_styles_under(n->children, sheet, diags);
	}
}

void styles_check(const xsltStylesheet *sheet, diag_list *diags)
{
	if (sheet->doc)
		check_styles_under(sheet->doc->children, sheet, diags);
}

/* The first line of n's siblings and descendants whose attribute or text
 * names text; 0 when none does. */
static int line_naming(const xmlNode *n, const xmlChar *text)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && names(n->content, text))
			return (int)xmlGetLineNo((xmlNodePtr)n);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (const xmlAttr *a = n->properties; a; a = a->next)
			if (a->children && names(a->children->content, text))
				return (int)xmlGetLineNo((xmlNodePtr)n);
		int line = line_naming(n->children, text);
		if (line)
			return line;
	}
	return 0;
}

int overrides_line_naming(const xsltStylesheet *sheet, const char *text)
{
	return sheet && sheet->doc ? line_naming(sheet->doc->children, (const xmlChar *)text) : 0;
}
