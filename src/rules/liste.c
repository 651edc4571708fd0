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


int liste_check(liste_entry *entries, int n, diag_list *dl)
{
	return seance_files_check(entries, n, 1, dl);
}

/* <liste xmlns="urn:delib:deliberation:1"> with the séance's collectivite
 * and seance, then one <entree numero nature resultat pour contre
 * abstentions> holding the objet, per deliberation. */
xmlDocPtr liste_document(const liste_entry *entries, int n)
{
	xmlNodePtr root;
	xmlDocPtr doc = seance_document_new(entries, "liste", &root);
	if (!doc)
		return NULL;
	xmlNsPtr ns = root->ns;
	for (int i = 0; i < n; i++) {
		xmlNodePtr d = xmlDocGetRootElement(entries[i].doc), vote = dom_child(d, "vote");
		xmlNodePtr e = xmlNewChild(root, ns, (const xmlChar *)"entree", NULL);
		xmlSetProp(e, (const xmlChar *)"numero", (const xmlChar *)entries[i].numero);
		const char *keys[] = {"resultat", "pour", "contre", "abstentions", "scrutin"};
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			if (dom_attr(vote, keys[k]))
				xmlSetProp(e, (const xmlChar *)keys[k], (const xmlChar *)dom_attr(vote, keys[k]));
		if (dom_attr(d, "nature"))
			xmlSetProp(e, (const xmlChar *)"nature", (const xmlChar *)dom_attr(d, "nature"));
		xmlAddChild(e, xmlDocCopyNode(dom_child(d, "objet"), doc, 1));
	}
	return doc;
}
