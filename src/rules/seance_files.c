/* SPDX-License-Identifier: Apache-2.0 */
/* The deliberation files of one séance: see seance_files.h. */
#include "seance_files.h"
#include "french.h"
#include "namespaces.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

xmlNodePtr dom_child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

const char *dom_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = n ? xmlHasProp(n, (const xmlChar *)name) : NULL;
	return a && a->children ? (const char *)a->children->content : NULL;
}

int dom_same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

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

/* What a message calls the entry: its file, or its label when the
 * entries share one text. */
static const char *called(const liste_entry *e) { return e->label[0] ? e->label : e->name; }

/* Reports under the entry's own file name. */
static void report(diag_list *dl, const liste_entry *e, diag_code code, int line, const char *a, const char *b)
{
	const char *saved = dl->file;
	dl->file = e->name;
	diag_add(dl, code, line, 0, a, b);
	dl->file = saved;
}

static int check_same_seance(liste_entry *entries, int n, diag_list *dl)
{
	int errors = 0;
	xmlNodePtr first = xmlDocGetRootElement(entries[0].doc);
	const char *date = dom_attr(dom_child(first, "seance"), "date");
	const char *siren = dom_attr(dom_child(first, "collectivite"), "siren");
	for (int i = 1; i < n; i++) {
		xmlNodePtr root = xmlDocGetRootElement(entries[i].doc), seance = dom_child(root, "seance");
		if (dom_same(dom_attr(seance, "date"), date) && dom_same(dom_attr(dom_child(root, "collectivite"), "siren"), siren))
			continue;
		char when[FRENCH_BUF_SIZE];
		if (!date || french_date_long(date, when, sizeof when) != 0)
			snprintf(when, sizeof when, "%s", date ? date : "?");
		report(dl, &entries[i], D_LISTE_SEANCE, (int)xmlGetLineNo(seance), when, called(&entries[0]));
		errors++;
	}
	return errors;
}

int seance_files_check(liste_entry *entries, int n, int need_vote, diag_list *dl)
{
	int errors = check_same_seance(entries, n, dl);
	for (int i = 0; need_vote && i < n; i++) {
		xmlNodePtr root = xmlDocGetRootElement(entries[i].doc);
		if (!dom_child(root, "vote")) {
			report(dl, &entries[i], D_LISTE_VOTE, (int)xmlGetLineNo(root), entries[i].numero, NULL);
			errors++;
		}
	}
	qsort(entries, (size_t)n, sizeof *entries, compare_entries);
	for (int i = 1; i < n; i++)
		if (strcmp(entries[i].numero, entries[i - 1].numero) == 0) {
			report(dl, &entries[i], D_LISTE_NUMERO, (int)xmlGetLineNo(xmlDocGetRootElement(entries[i].doc)),
			       entries[i].numero, called(&entries[i - 1]));
			errors++;
		}
	return errors;
}

xmlDocPtr seance_document_new(const liste_entry *entries, const char *root_name, xmlNodePtr *root)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr r = doc ? xmlNewDocNode(doc, NULL, (const xmlChar *)root_name, NULL) : NULL;
	if (!r) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlSetNs(r, xmlNewNs(r, (const xmlChar *)NS_DELIBERATION, NULL));
	xmlDocSetRootElement(doc, r);
	xmlNodePtr first = xmlDocGetRootElement(entries[0].doc);
	xmlAddChild(r, xmlDocCopyNode(dom_child(first, "collectivite"), doc, 1));
	xmlAddChild(r, xmlDocCopyNode(dom_child(first, "seance"), doc, 1));
	*root = r;
	return doc;
}
