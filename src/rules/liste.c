/* SPDX-License-Identifier: Apache-2.0 */
/* The list of a séance's deliberations (CGCT L2121-25 as amended by
 * ordonnance 2021-1310: published within a week of the séance): each
 * deliberation file is validated, the séance and collectivity checked to be
 * the same, and a list document in the domain vocabulary is built for the
 * template's liste.xsl (docs/templates.md describes it). */
#include "liste.h"
#include "french.h"
#include "namespaces.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

static const char *attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = n ? xmlHasProp(n, (const xmlChar *)name) : NULL;
	return a && a->children ? (const char *)a->children->content : NULL;
}

static int same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Numbers compare by their digit runs as numbers: 2021-10-14-9 before
 * 2021-10-14-10. */
static int compare_numbers(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			char *ea, *eb;
			unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);
			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
		} else {
			if (*a != *b)
				return (unsigned char)*a - (unsigned char)*b;
			a++;
			b++;
		}
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int compare_entries(const void *x, const void *y)
{
	const liste_entry *a = x, *b = y;
	return compare_numbers(a->numero, b->numero);
}

int liste_check(liste_entry *entries, int n, diag_list *dl)
{
	int errors = 0;
	xmlNodePtr first = xmlDocGetRootElement(entries[0].doc);
	const char *date = attr(child(first, "seance"), "date"), *siren = attr(child(first, "collectivite"), "siren");
	for (int i = 0; i < n; i++) {
		xmlNodePtr root = xmlDocGetRootElement(entries[i].doc);
		xmlNodePtr seance = child(root, "seance");
		const char *saved = dl->file;
		dl->file = entries[i].name;
		if (!same(attr(seance, "date"), date) || !same(attr(child(root, "collectivite"), "siren"), siren)) {
			char when[FRENCH_BUF_SIZE];
			if (!date || french_date_long(date, when, sizeof when) != 0)
				snprintf(when, sizeof when, "%s", date ? date : "?");
			diag_add(dl, D_LISTE_SEANCE, (int)xmlGetLineNo(seance), 0, when, entries[0].name);
			errors++;
		}
		if (!child(root, "vote")) {
			diag_add(dl, D_LISTE_VOTE, (int)xmlGetLineNo(root), 0, entries[i].numero);
			errors++;
		}
		dl->file = saved;
	}
	qsort(entries, (size_t)n, sizeof *entries, compare_entries);
	for (int i = 1; i < n; i++)
		if (strcmp(entries[i].numero, entries[i - 1].numero) == 0) {
			const char *saved = dl->file;
			dl->file = entries[i].name;
			diag_add(dl, D_LISTE_NUMERO, (int)xmlGetLineNo(xmlDocGetRootElement(entries[i].doc)), 0,
			         entries[i].numero, entries[i - 1].name);
			dl->file = saved;
			errors++;
		}
	return errors;
}

/* <liste xmlns="urn:delib:deliberation:1"> with the séance's collectivite
 * and seance, then one <entree numero nature resultat pour contre
 * abstentions> holding the objet, per deliberation. */
xmlDocPtr liste_document(const liste_entry *entries, int n)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"liste", NULL);
	if (!doc || !root) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlNsPtr ns = xmlNewNs(root, (const xmlChar *)NS_DELIBERATION, NULL);
	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	xmlNodePtr first = xmlDocGetRootElement(entries[0].doc);
	xmlAddChild(root, xmlDocCopyNode(child(first, "collectivite"), doc, 1));
	xmlAddChild(root, xmlDocCopyNode(child(first, "seance"), doc, 1));
	for (int i = 0; i < n; i++) {
		xmlNodePtr d = xmlDocGetRootElement(entries[i].doc), vote = child(d, "vote");
		xmlNodePtr e = xmlNewChild(root, ns, (const xmlChar *)"entree", NULL);
		xmlSetProp(e, (const xmlChar *)"numero", (const xmlChar *)entries[i].numero);
		const char *keys[] = {"resultat", "pour", "contre", "abstentions", "scrutin"};
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			if (attr(vote, keys[k]))
				xmlSetProp(e, (const xmlChar *)keys[k], (const xmlChar *)attr(vote, keys[k]));
		if (attr(d, "nature"))
			xmlSetProp(e, (const xmlChar *)"nature", (const xmlChar *)attr(d, "nature"));
		xmlAddChild(e, xmlDocCopyNode(child(d, "objet"), doc, 1));
	}
	return doc;
}
