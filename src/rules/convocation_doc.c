/* SPDX-License-Identifier: Apache-2.0 */
/* The convocation document: see convocation_doc.h. */
#include "convocation_doc.h"
#include "convocation.h"
#include "french.h"
#include "namespaces.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int convocation_check(liste_entry *entries, int n, diag_list *dl)
{
	return seance_files_check(entries, n, 0, dl);
}

/* The member, as <NAME civilite prenom nom [fonction]>, under parent. */
static void add_person(xmlNodePtr parent, xmlNsPtr ns, const char *name, xmlNodePtr member)
{
	static const char *const KEYS[] = {"civilite", "prenom", "nom", "fonction"};
	if (!member)
		return;
	xmlNodePtr p = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
	for (size_t k = 0; p && k < sizeof KEYS / sizeof *KEYS; k++)
		if (dom_attr(member, KEYS[k]))
			xmlSetProp(p, (const xmlChar *)KEYS[k], (const xmlChar *)dom_attr(member, KEYS[k]));
}

static xmlNodePtr member_of(xmlNodePtr root, const char *id)
{
	for (xmlNodePtr c = dom_child(dom_child(root, "conseillers"), "conseiller"); c && id; c = c->next)
		if (c->type == XML_ELEMENT_NODE && dom_same(dom_attr(c, "id"), id))
			return c;
	return NULL;
}

/* Who convenes: a projet's president, else the member whose office is the
 * body's head ("Maire", "Président…", "Présidente…"). */
static xmlNodePtr convener(const liste_entry *entries, int n)
{
	for (int i = 0; i < n; i++) {
		xmlNodePtr root = xmlDocGetRootElement(entries[i].doc);
		xmlNodePtr m = member_of(root, dom_attr(dom_child(root, "president"), "ref"));
		if (m)
			return m;
	}
	xmlNodePtr root = xmlDocGetRootElement(entries[0].doc);
	for (xmlNodePtr c = dom_child(dom_child(root, "conseillers"), "conseiller"); c; c = c->next) {
		const char *f = dom_attr(c, "fonction");
		if (c->type == XML_ELEMENT_NODE && f &&
		    (strcmp(f, "Maire") == 0 || strncmp(f, "Président", strlen("Président")) == 0))
			return c;
	}
	return NULL;
}

static void set_rule(xmlNodePtr root, xmlNodePtr coll)
{
	const char *type = dom_attr(coll, "type"), *pop = dom_attr(coll, "population");
	const char *largest = dom_attr(coll, "plus-grande-commune");
	if (type && (strcmp(type, "epci") == 0 || strcmp(type, "syndicat") == 0) && largest)
		pop = largest;
	convocation_rule r;
	if (convocation_rule_of(type, dom_attr(coll, "departement"), pop ? strtoll(pop, NULL, 10) : -1, &r) != 0)
		return;
	xmlSetProp(root, (const xmlChar *)"note", (const xmlChar *)(r.synthesis_note ? "oui" : "non"));
	xmlSetProp(root, (const xmlChar *)"article", (const xmlChar *)r.article);
	xmlSetProp(root, (const xmlChar *)"delai", (const xmlChar *)r.delay);
	xmlSetProp(root, (const xmlChar *)"article-urgence", (const xmlChar *)r.urgency_article_long);
}

xmlDocPtr convocation_document(const liste_entry *entries, int n)
{
	xmlNodePtr root;
	xmlDocPtr doc = seance_document_new(entries, "convocation", &root);
	if (!doc)
		return NULL;
	xmlNsPtr ns = root->ns;
	set_rule(root, dom_child(xmlDocGetRootElement(entries[0].doc), "collectivite"));
	add_person(root, ns, "president", convener(entries, n));
	for (int i = 0; i < n; i++) {
		xmlNodePtr d = xmlDocGetRootElement(entries[i].doc);
		xmlNodePtr e = xmlNewChild(root, ns, (const xmlChar *)"point", NULL);
		if (!e)
			break;
		xmlSetProp(e, (const xmlChar *)"numero", (const xmlChar *)entries[i].numero);
		if (dom_attr(d, "nature"))
			xmlSetProp(e, (const xmlChar *)"nature", (const xmlChar *)dom_attr(d, "nature"));
		xmlAddChild(e, xmlDocCopyNode(dom_child(d, "objet"), doc, 1));
		add_person(e, ns, "rapporteur", member_of(d, dom_attr(dom_child(d, "rapporteur"), "ref")));
		if (dom_child(d, "expose"))
			xmlAddChild(e, xmlDocCopyNode(dom_child(d, "expose"), doc, 1));
	}
	return doc;
}
