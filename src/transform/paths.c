/* SPDX-License-Identifier: Apache-2.0 */
/* An XPath that names what cannot exist selects nothing, silently: XSLT
 * has no types to say so. What is checked, in the template's own file
 * only (not in what it imports), before any document is transformed:
 *   - a step PREFIX:NAME whose prefix is the deliberation vocabulary's
 *     namespace and whose NAME is no element of schema/deliberation.xsd nor
 *     of the documents delib builds for liste.xsl and convocation.xsl
 *     (liste, entree, convocation, point): "d:objt", "d:seances";
 *   - a step after $identity that no element of schema/template.xsd bears:
 *     "$identity/colors";
 *   - key('NAME', …) with a literal NAME that no xsl:key of the template
 *     or of what it imports declares (libxslt 1.1.35 returns nothing and
 *     says nothing).
 * Not checked: a path valid in the vocabulary but absent from a given
 * document (d:annexe of an act without annex), the context a relative
 * path is evaluated in (d:vote inside a for-each over d:article), names
 * built at run time (name() = 'objet', *[local-name() = …]), the
 * attributes' names. Each cause is said once per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "namespaces.h"
#include "parse.h"
#include "paths.h"

#define XSLT_NS "http://www.w3.org/1999/XSL/Transform"
enum { MAX_NAMES = 256, NAME_CAP = 64 };

typedef struct names {
	int n;
	char name[MAX_NAMES][NAME_CAP];
} names;

static int has(const names *set, const char *name, size_t len)
{
	for (int i = 0; i < set->n; i++)
		if (strlen(set->name[i]) == len && strncmp(set->name[i], name, len) == 0)
			return 1;
	return 0;
}

static void add(names *set, const char *name)
{
	if (set->n < MAX_NAMES && strlen(name) < NAME_CAP && !has(set, name, strlen(name)))
		snprintf(set->name[set->n++], NAME_CAP, "%s", name);
}

static void add_declared(const xmlNode *n, names *set)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "element") == 0) {
			xmlChar *name = xmlGetProp((xmlNodePtr)n, BAD_CAST "name");
			if (name)
				add(set, (const char *)name);
			xmlFree(name);
		}
		add_declared(n->children, set);
	}
}

/* The element names a schema declares; 0 when it cannot be read (the
 * check is then skipped, not made wrong). */
static int schema_names(const char *schema_dir, const char *file, names *set)
{
	char path[4200], *data;
	size_t size;
	snprintf(path, sizeof path, "%s/%s", schema_dir, file);
	diag_list ignored = {.file = path};
	xmlDocPtr doc = NULL;
	if (read_file(path, &data, &size, &ignored) == 0) {
		doc = parse_xml(data, size, path, &ignored);
		free(data);
	}
	diag_list_free(&ignored);
	if (doc)
		add_declared(doc->children, set);
	xmlFreeDoc(doc);
	return doc != NULL;
}

static void keys_under(const xmlNode *n, names *set)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns && strcmp((const char *)n->ns->href, XSLT_NS) == 0 && strcmp((const char *)n->name, "key") == 0) {
			xmlChar *name = xmlGetProp((xmlNodePtr)n, BAD_CAST "name");
			if (name)
				add(set, (const char *)name);
			xmlFree(name);
		}
		keys_under(n->children, set);
	}
}

/* The keys the stylesheet, what it imports and what it includes declare. */
static void declared_keys(const xsltStylesheet *s, names *set)
{
	for (; s; s = s->next) {
		if (s->doc)
			keys_under(s->doc->children, set);
		declared_keys(s->imports, set);
		for (const xsltDocument *d = s->docList; d; d = d->next)
			if (d->doc)
				keys_under(d->doc->children, set);
	}
}

typedef struct check {
	names domain, identity, keys;
	int have_domain, have_identity;
	diag_list *diags;
	char said[64][NAME_CAP + 16];  /* "line name" already warned */
	int nsaid;
} check;

static int is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

static int is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static void warn(check *c, int line, const char *name, const char *message)
{
	char key[NAME_CAP + 16];
	snprintf(key, sizeof key, "%d %.*s", line, NAME_CAP - 1, name);
	for (int i = 0; i < c->nsaid; i++)
		if (strcmp(c->said[i], key) == 0)
			return;
	if (c->nsaid < 64)
		snprintf(c->said[c->nsaid++], sizeof c->said[0], "%s", key);
	diag_add(c->diags, D_TEMPLATE_PATH, line, 0, message);
}

/* A name of the XPath text at p, its length; 0 if none starts there. */
static size_t name_at(const char *p)
{
	size_t n = 0;
	if (is_name_start(p[0]))
		while (is_name_char(p[n]))
			n++;
	return n;
}

/* key('NAME' …) with a literal name no xsl:key declares. */
static void check_key(check *c, const xmlNode *el, const char *p)
{
	const char *q = p + 3;
	while (*q == ' ')
		q++;
	if (*q++ != '(')
		return;
	while (*q == ' ')
		q++;
	char quote = *q;
	const char *end = (quote == '\'' || quote == '"') ? strchr(q + 1, quote) : NULL;
	if (!end || (size_t)(end - q - 1) >= NAME_CAP || has(&c->keys, q + 1, (size_t)(end - q - 1)))
		return;
	char msg[300];
	snprintf(msg, sizeof msg, "key('%.*s', …) : aucune clé « %.*s » n'est déclarée (xsl:key) : l'appel ne "
	         "sélectionne rien", (int)(end - q - 1), q + 1, (int)(end - q - 1), q + 1);
	warn(c, (int)xmlGetLineNo((xmlNodePtr)el), q + 1, msg);
}

/* PREFIX:NAME at p (prefix of length plen): a domain step to check. */
static void check_domain_step(check *c, const xmlNode *el, const char *p, size_t plen)
{
	char prefix[NAME_CAP];
	snprintf(prefix, sizeof prefix, "%.*s", (int)plen, p);
	xmlNsPtr ns = xmlSearchNs(el->doc, (xmlNodePtr)el, BAD_CAST prefix);
	if (!ns || strcmp((const char *)ns->href, NS_DELIBERATION) != 0)
		return;
	const char *name = p + plen + 1;
	size_t len = name_at(name);
	const char *after = name + len;
	while (*after == ' ')
		after++;
	if (!len || *after == '(' || (len < NAME_CAP && has(&c->domain, name, len)))
		return;
	char msg[400];
	snprintf(msg, sizeof msg, "« %s:%.*s » ne désigne aucun élément du vocabulaire des délibérations "
	         "(schema/deliberation.xsd) : ce chemin ne sélectionne rien ; nom mal orthographié ?", prefix,
	         (int)len, name);
	warn(c, (int)xmlGetLineNo((xmlNodePtr)el), name, msg);
}

/* $identity/NAME/NAME…: each element step must be one of template.xsd. */
static void check_identity_steps(check *c, const xmlNode *el, const char *p)
{
	p += strlen("$identity");
	while (*p == '/') {
		p++;
		size_t len = name_at(p);
		if (!len)
			return;  /* @attribute, *, text()… */
		if (p[len] != '(' && !has(&c->identity, p, len)) {
			char msg[400];
			snprintf(msg, sizeof msg, "« $identity/…%.*s » : template.xml n'a pas d'élément « %.*s » "
			         "(schema/template.xsd) : ce chemin ne sélectionne rien", (int)len, p, (int)len, p);
			warn(c, (int)xmlGetLineNo((xmlNodePtr)el), p, msg);
			return;
		}
		p += len;
	}
}

/* Scans one XPath text, string literals skipped. */
static void check_xpath(check *c, const xmlNode *el, const char *x)
{
	for (const char *p = x; *p;) {
		if (*p == '\'' || *p == '"') {
			const char *end = strchr(p + 1, *p);
			p = end ? end + 1 : p + strlen(p);
			continue;
		}
		int after_axis = p - x >= 2 && p[-1] == ':' && p[-2] == ':';  /* child::d:objet */
		int starts = p == x || after_axis || !(is_name_char(p[-1]) || p[-1] == ':' || p[-1] == '$' || p[-1] == '@');
		size_t len = starts ? name_at(p) : 0;
		if (len == 3 && strncmp(p, "key", 3) == 0)
			check_key(c, el, p);
		else if (len && p[len] == ':' && p[len + 1] != ':' && c->have_domain)
			check_domain_step(c, el, p, len);
		if (*p == '$' && strncmp(p, "$identity/", 10) == 0 && c->have_identity)
			check_identity_steps(c, el, p);
		p += len ? len : 1;
	}
}

/* The {…} expressions of an attribute value template. */
static void check_avt(check *c, const xmlNode *el, const char *v)
{
	char x[1000];
	for (const char *p = strchr(v, '{'); p; p = strchr(p, '{')) {
		if (p[1] == '{') {
			p += 2;
			continue;
		}
		const char *end = strchr(p, '}');
		if (!end)
			return;
		snprintf(x, sizeof x, "%.*s", (int)(end - p - 1), p + 1);
		check_xpath(c, el, x);
		p = end + 1;
	}
}

static int is_expression(const xmlNode *el, const xmlChar *attr)
{
	static const char *const kinds[] = {"select", "test", "match", "use", "count", "from", "value"};
	if (!el->ns || strcmp((const char *)el->ns->href, XSLT_NS) != 0)
		return 0;
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp((const char *)attr, kinds[i]) == 0)
			return 1;
	return 0;
}

static void check_under(check *c, const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int xslt = n->ns && strcmp((const char *)n->ns->href, XSLT_NS) == 0;
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			const char *v = a->children ? (const char *)a->children->content : NULL;
			if (!v)
				continue;
			if (is_expression(n, a->name))
				check_xpath(c, n, v);
			else if (!xslt || strcmp((const char *)n->name, "attribute") == 0 ||
			         strcmp((const char *)n->name, "element") == 0)
				check_avt(c, n, v);
		}
		check_under(c, n->children);
	}
}

void paths_check(const xsltStylesheet *sheet, const char *schema_dir, diag_list *diags)
{
	if (!sheet->doc)
		return;
	check *c = calloc(1, sizeof *c);
	if (!c)
		return;
	c->diags = diags;
	c->have_domain = schema_names(schema_dir, "deliberation.xsd", &c->domain);
	static const char *const built[] = {"liste", "entree", "convocation", "point"};  /* liste.c, convocation_doc.c */
	for (size_t i = 0; i < sizeof built / sizeof *built; i++)
		add(&c->domain, built[i]);
	c->have_identity = schema_names(schema_dir, "template.xsd", &c->identity);
	declared_keys(sheet, &c->keys);
	check_under(c, sheet->doc->children);
	free(c);
}
