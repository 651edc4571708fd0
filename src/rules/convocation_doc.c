/* SPDX-License-Identifier: Apache-2.0 */
/* The convocation document: see convocation_doc.h. */
#include "convocation_doc.h"
#include "convocation.h"
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

/* Numbers compare by their digit runs as numbers: …-9 before …-10. */
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

int convocation_check(liste_entry *entries, int n, diag_list *dl)
{
	int errors = 0;
	xmlNodePtr first = xmlDocGetRootElement(entries[0].doc);
	const char *date = attr(child(first, "seance"), "date"), *siren = attr(child(first, "collectivite"), "siren");
	for (int i = 1; i < n; i++) {
		xmlNodePtr root = xmlDocGetRootElement(entries[i].doc), seance = child(root, "seance");
		if (same(attr(seance, "date"), date) && same(attr(child(root, "collectivite"), "siren"), siren))
			continue;
		char when[FRENCH_BUF_SIZE];
		if (!date || french_date_long(date, when, sizeof when) != 0)
			snprintf(when, sizeof when, "%s", date ? date : "?");
		const char *saved = dl->file;
		dl->file = entries[i].name;
		diag_add(dl, D_LISTE_SEANCE, (int)xmlGetLineNo(seance), 0, when, entries[0].name);
		dl->file = saved;
		errors++;
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

/* The member, as <NAME civilite prenom nom [fonction]>, under parent. */
static void add_person(xmlNodePtr parent, xmlNsPtr ns, const char *name, xmlNodePtr member)
{
	static const char *const KEYS[] = {"civilite", "prenom", "nom", "fonction"};
	if (!member)
		return;
	xmlNodePtr p = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
	for (size_t k = 0; p && k < sizeof KEYS / sizeof *KEYS; k++)
		if (attr(member, KEYS[k]))
			xmlSetProp(p, (const xmlChar *)KEYS[k], (const xmlChar *)attr(member, KEYS[k]));
}

static xmlNodePtr member_of(xmlNodePtr root, const char *id)
{
	for (xmlNodePtr c = child(child(root, "conseillers"), "conseiller"); c && id; c = c->next)
		if (c->type == XML_ELEMENT_NODE && same(attr(c, "id"), id))
			return c;
	return NULL;
}

/* Who convenes: a projet's president, else the member whose office is the
 * body's head ("Maire", "Président…", "Présidente…"). */
static xmlNodePtr convener(const liste_entry *entries, int n)
{
	for (int i = 0; i < n; i++) {
		xmlNodePtr root = xmlDocGetRootElement(entries[i].doc);
		xmlNodePtr m = member_of(root, attr(child(root, "president"), "ref"));
		if (m)
			return m;
	}
	xmlNodePtr root = xmlDocGetRootElement(entries[0].doc);
	for (xmlNodePtr c = child(child(root, "conseillers"), "conseiller"); c; c = c->next) {
		const char *f = attr(c, "fonction");
		if (c->type == XML_ELEMENT_NODE && f &&
		    (strcmp(f, "Maire") == 0 || strncmp(f, "Président", strlen("Président")) == 0))
			return c;
	}
	return NULL;
}

static void set_rule(xmlNodePtr root, xmlNodePtr coll)
{
	const char *type = attr(coll, "type"), *pop = attr(coll, "population");
	const char *largest = attr(coll, "plus-grande-commune");
	if (type && (strcmp(type, "epci") == 0 || strcmp(type, "syndicat") == 0) && largest)
		pop = largest;
	convocation_rule r;
	if (convocation_rule_of(type, attr(coll, "departement"), pop ? strtoll(pop, NULL, 10) : -1, &r) != 0)
		return;
	xmlSetProp(root, (const xmlChar *)"note", (const xmlChar *)(r.synthesis_note ? "oui" : "non"));
	xmlSetProp(root, (const xmlChar *)"article", (const xmlChar *)r.article);
	xmlSetProp(root, (const xmlChar *)"delai", (const xmlChar *)r.delay);
	xmlSetProp(root, (const xmlChar *)"article-urgence", (const xmlChar *)r.urgency_article_long);
}

xmlDocPtr convocation_document(const liste_entry *entries, int n)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"convocation", NULL);
	if (!doc || !root) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlNsPtr ns = xmlNewNs(root, (const xmlChar *)NS_DELIBERATION, NULL);
	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	xmlNodePtr first = xmlDocGetRootElement(entries[0].doc);
	set_rule(root, child(first, "collectivite"));
	xmlAddChild(root, xmlDocCopyNode(child(first, "collectivite"), doc, 1));
	xmlAddChild(root, xmlDocCopyNode(child(first, "seance"), doc, 1));
	add_person(root, ns, "president", convener(entries, n));
	for (int i = 0; i < n; i++) {
		xmlNodePtr d = xmlDocGetRootElement(entries[i].doc);
		xmlNodePtr e = xmlNewChild(root, ns, (const xmlChar *)"point", NULL);
		if (!e)
			break;
		xmlSetProp(e, (const xmlChar *)"numero", (const xmlChar *)entries[i].numero);
		if (attr(d, "nature"))
			xmlSetProp(e, (const xmlChar *)"nature", (const xmlChar *)attr(d, "nature"));
		xmlAddChild(e, xmlDocCopyNode(child(d, "objet"), doc, 1));
		add_person(e, ns, "rapporteur", member_of(d, attr(child(d, "rapporteur"), "ref")));
		if (child(d, "expose"))
			xmlAddChild(e, xmlDocCopyNode(child(d, "expose"), doc, 1));
	}
	return doc;
}
