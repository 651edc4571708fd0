/* SPDX-License-Identifier: Apache-2.0 */
/* The required parts of a deliberation are those of default's layout that carry the act's
 * legal content or what the transmission and signing chain needs:
 *   - the stamp reserve on page 1 (reserve page="1");
 *   - the title (document/@title, the object);
 *   - the body: the decision's articles (their text in the layout's text);
 *   - the signature block: a signature-field on a final act;
 *   - the executory block: the transmission identifier, on a final act
 *     that has one, in the layout's text (not only in the keywords).
 * Text is compared on letters and digits alone, so that the typography a
 * template adds (no-break spaces, apostrophes, case of a marker) does not
 * count as a missing part.
 * A séance's list and convocation must show each of their items' objet
 * (parts_check_seance). */
#include <string.h>
#include "namespaces.h"
#include "parts.h"
#include "transform.h"

enum { KEY_CHARS = 60 };  /* letters and digits of a text enough to recognise it */

static int has_element(xmlNodePtr n, const char *name, const char *page_no)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, name) == 0) {
			xmlChar *p = page_no ? xmlGetProp(n, (const xmlChar *)"page") : NULL;
			int fits = !page_no || (p && strcmp((const char *)p, page_no) == 0);
			xmlFree(p);
			if (fits)
				return 1;
		}
		if (has_element(n->children, name, page_no))
			return 1;
	}
	return 0;
}

/* The ASCII letters and digits of text, folded to lower case, at most
 * cap - 1 of them: accented letters are left out with the spaces and the
 * punctuation a template may write differently (’ for ', no-break spaces). */
static void key_of(const xmlChar *text, char *out, size_t cap)
{
	size_t n = 0;
	for (const xmlChar *p = text; p && *p && n + 1 < cap; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z'))
			out[n++] = (char)*p;
		else if (*p >= 'A' && *p <= 'Z')
			out[n++] = (char)(*p - 'A' + 'a');
	}
	out[n] = 0;
}

static void key_of_node(xmlNodePtr n, char *out, size_t cap)
{
	xmlChar *text = xmlNodeGetContent(n);
	key_of(text, out, cap);
	xmlFree(text);
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0 && c->ns &&
		    strcmp((const char *)c->ns->href, NS_DELIBERATION) == 0)
			return c;
	return NULL;
}

/* Whether the layout's text contains the key of want (empty: yes). */
static int text_holds(const char *layout_key, const char *want) { return !*want || strstr(layout_key, want); }

/* At the line of the named template `maker` of the template's own file,
 * else of "extract" (which calls the parts), else of the document element. */
static void warn(const xsltStylesheet *sheet, const char *sheet_path, const char *maker, const char *root_file,
                 int root_line, const char *what, diag_list *dl)
{
	int line = maker ? transform_template_line(sheet, maker) : 0;
	if (!line && maker)
		line = transform_template_line(sheet, "extract");
	const char *saved = dl->file;
	dl->file = line ? sheet_path : root_file;
	diag_add(dl, D_TEMPLATE_PART, line ? line : root_line, 0, what);
	dl->file = saved;
}

void parts_check(xmlDocPtr doc, xmlDocPtr ldoc, int draft, const xsltStylesheet *sheet, const char *sheet_path,
                 const char *root_file, diag_list *dl)
{
	xmlNodePtr root = xmlDocGetRootElement(ldoc), act = xmlDocGetRootElement(doc);
	int line = (int)xmlGetLineNo(root);
	if (!draft && !has_element(root->children, "signature-field", NULL))
		warn(sheet, sheet_path, "signature", root_file, line,
		     "aucun champ de signature (« signature-field ») pour un acte définitif : le parapheur n'aura pas où "
		     "signer", dl);
	if (!has_element(root->children, "reserve", "1"))
		warn(sheet, sheet_path, NULL, root_file, line,
		     "aucune réserve pour le tampon de la plateforme de transmission (« reserve page=\"1\" »)", dl);
	xmlChar *title = xmlGetProp(root, (const xmlChar *)"title");
	if (!title || !*title)
		warn(sheet, sheet_path, NULL, root_file, line, "aucun titre (l'objet, attribut « title » de « document »)",
		     dl);
	xmlFree(title);

	/* The layout's text, once; large for an annex of tables, and read
	 * only when the act has a body or an identifier to look for. */
	xmlNodePtr article = child(child(act, "decision"), "article");
	xmlChar *id = draft ? NULL : xmlGetProp(child(act, "executoire"), (const xmlChar *)"identifiant");
	if (!article && !id)
		return;
	xmlChar *all = xmlNodeGetContent(root);
	size_t cap = all ? (size_t)xmlStrlen(all) + 1 : 1;
	char *layout_key = xmlMalloc(cap), want[KEY_CHARS + 1];
	if (layout_key) {
		key_of(all, layout_key, cap);
		key_of_node(article, want, sizeof want);
		if (article && !text_holds(layout_key, want))
			warn(sheet, sheet_path, "considering", root_file, line,
			     "pas le dispositif : le texte du premier article de la décision (« decision/article ») "
			     "n'est nulle part dans la mise en page", dl);
		key_of(id, want, sizeof want);
		if (id && !text_holds(layout_key, want))
			warn(sheet, sheet_path, "executory", root_file, line,
			     "pas le cadre exécutoire : l'identifiant de télétransmission (« executoire/@identifiant ») "
			     "n'est nulle part dans le texte de la mise en page", dl);
	}
	xmlFree(layout_key);
	xmlFree(all);
	xmlFree(id);
}

/* Each item (a liste's entree, a convocation's point) whose objet is
 * nowhere in the layout's text, warned once each, at the author's
 * named template that makes the items (maker). */
static void check_items(xmlNodePtr in, const char *item, const char *layout_key, const char *maker,
                        const char *before, const char *after, const xsltStylesheet *sheet, const char *sheet_path, const char *root_file,
                        int line, diag_list *dl)
{
	for (xmlNodePtr e = in->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE || strcmp((const char *)e->name, item) != 0)
			continue;
		char want[KEY_CHARS + 1], message[512];
		xmlNodePtr objet = child(e, "objet");
		key_of_node(objet, want, sizeof want);
		if (!objet || text_holds(layout_key, want))
			continue;
		xmlChar *numero = xmlGetProp(e, (const xmlChar *)"numero");
		snprintf(message, sizeof message, "%s%s%s", before, numero ? (const char *)numero : "?", after);
		xmlFree(numero);
		warn(sheet, sheet_path, maker, root_file, line, message, dl);
	}
}

void parts_check_seance(xmlDocPtr doc, xmlDocPtr ldoc, const xsltStylesheet *sheet, const char *sheet_path,
                        const char *root_file, diag_list *dl)
{
	xmlNodePtr root = xmlDocGetRootElement(ldoc), in = xmlDocGetRootElement(doc);
	int is_list = strcmp((const char *)in->name, "liste") == 0;
	xmlChar *all = xmlNodeGetContent(root);
	size_t cap = all ? (size_t)xmlStrlen(all) + 1 : 1;
	char *layout_key = xmlMalloc(cap);
	if (layout_key) {
		key_of(all, layout_key, cap);
		if (is_list)
			check_items(in, "entree", layout_key, "entries",
			            "pas la délibération n° ", " dans la liste : son objet (« entree/objet ») n'est nulle part "
			            "dans la mise en page, et la liste énumère les délibérations examinées en séance "
			            "(CGCT L2121-25)",
			            sheet, sheet_path, root_file, (int)xmlGetLineNo(root), dl);
		else
			check_items(in, "point", layout_key, "agenda",
			            "pas l'affaire n° ", " à l'ordre du jour : son objet (« point/objet ») n'est nulle part "
			            "dans la mise en page, et la convocation indique les questions portées à l'ordre du jour "
			            "(CGCT L2121-10 ; départements L3121-19, régions L4132-18)",
			            sheet, sheet_path, root_file, (int)xmlGetLineNo(root), dl);
	}
	xmlFree(layout_key);
	xmlFree(all);
}
