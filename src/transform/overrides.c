/* SPDX-License-Identifier: Apache-2.0 */
/* A template that imports another redefines named templates and global
 * variables by name: a misspelt name ("extract-headng", "font-famly")
 * silently defines something new that nothing uses. Each top-level named
 * template or variable of the importing stylesheet that no imported
 * stylesheet defines and that the stylesheet itself never calls or reads
 * is warned about at its line (template.override). */
#include <string.h>
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
