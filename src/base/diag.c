/* SPDX-License-Identifier: Apache-2.0 */
#include "diag.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sys.h"

static const struct {
	const char *id;
	delib_severity severity;
	const char *format;
} catalogue[D_CODE_COUNT] = {
	[D_IO_READ] = {"io.read", DELIB_ERROR, "lecture impossible : %s"},
	[D_IO_WRITE] = {"io.write", DELIB_ERROR, "écriture impossible de « %s » : %s ; aucun fichier n'a été modifié"},
	[D_IO_OUTPUT] = {"io.output", DELIB_ERROR, "sortie « %s » refusée : %s ; rien n'a été écrit"},
	[D_XML_EMPTY] = {"xml.empty", DELIB_ERROR, "le fichier est vide"},
	[D_XML_SYNTAX] = {"xml.syntax", DELIB_ERROR, "XML mal formé : %s"},
	[D_XML_ENCODING] = {"xml.encoding", DELIB_ERROR, "encodage invalide (UTF-8 attendu) : %s"},
	[D_XML_LIMIT] = {"xml.limit", DELIB_ERROR, "limite dépassée : %s"},
	[D_XML_DTD] = {"xml.dtd", DELIB_ERROR, "DTD et entités externes refusées : %s"},
	[D_XML_ROOT] = {"xml.root", DELIB_ERROR, "élément racine %s inattendu (attendu : « %s » dans l'espace de noms %s)"},
	[D_XML_SCHEMA] = {"xml.schema", DELIB_ERROR, "non conforme au schéma : %s"},
	[D_TEMPLATE_UNKNOWN] = {"template.unknown", DELIB_ERROR, "modèle « %s » introuvable dans le dossier des modèles"},
	[D_TEMPLATE_XSLT] = {"template.xslt", DELIB_ERROR, "erreur dans le modèle : %s"},
	[D_TEMPLATE_LAYOUT] = {"template.layout", DELIB_ERROR, "le modèle produit une mise en page non conforme à layout.xsd : %s"},
	[D_LAYOUT_UNKNOWN_TEMPLATE] = {"layout.page-template", DELIB_ERROR, "gabarit de page « %s » inconnu"},
	[D_LAYOUT_VALUE] = {"layout.value", DELIB_ERROR, "valeur invalide « %s » pour l'attribut « %s »"},
	[D_FONT_MISSING] = {"font.missing", DELIB_ERROR, "aucune police trouvée pour la famille « %s »"},
	[D_FONT_GLYPH] = {"font.glyph", DELIB_WARNING, "le caractère U+%04X n'existe dans aucune police disponible ; remplacé par « ? »"},
	[D_LAYOUT_OVERFLOW] = {"layout.overflow", DELIB_WARNING, "un contenu de %.0f pt dépasse la hauteur de page (%.0f pt) ; il est coupé"},
	[D_LAYOUT_WORD_BROKEN] = {"layout.word-broken", DELIB_NOTE, "le mot « %s » est trop long pour sa colonne ; il est coupé"},
	[D_LAYOUT_UNBREAKABLE] = {"layout.unbreakable", DELIB_WARNING, "« %s » mesure %.1f pt et sa colonne %.1f pt : un nombre, un montant, une date ou un identifiant n'est jamais coupé ; il dépasse de la colonne"},
	[D_LAYOUT_KEEP_TALL] = {"layout.keep-tall", DELIB_WARNING, "un bloc à garder sur une page (keep-together) mesure %.0f pt, plus que la hauteur utile de la page (%.0f pt) ; il est réparti sur plusieurs pages"},
	[D_LAYOUT_TALL_HEADER] = {"layout.table-header", DELIB_WARNING, "l'en-tête d'un tableau mesure %.0f pt, plus du tiers de la hauteur utile de la page (%.0f pt) : il n'est pas répété en haut des pages suivantes"},
	[D_LAYOUT_CHART] = {"layout.chart", DELIB_WARNING, "graphique : %s"},
	[D_LAYOUT_TABLE_SIZE] = {"layout.table-size", DELIB_ERROR, "tableau de %ld colonnes : le maximum est %d ; il n'est pas mis en page"},
	[D_LAYOUT_TABLE_CELL] = {"layout.table-cell", DELIB_WARNING, "cellule hors du tableau : %s"},
	[D_LAYOUT_REGION] = {"layout.region", DELIB_WARNING, "l'en-tête de page mesure %.0f pt sur la page %d, plus que la hauteur qui lui est réservée (%.0f pt) : il chevauche le corps de la page"},
	[D_TABLE_COLUMNS] = {"tableau.colonnes", DELIB_ERROR, "cellule hors du tableau : %s"},
	[D_TABLE_ROWS] = {"tableau.lignes", DELIB_ERROR, "cellule fusionnée hors de sa section : %s"},
	[D_TABLE_GROUP] = {"tableau.intertitre", DELIB_ERROR, "cette ligne d'intertitre (« groupe ») coupe une cellule fusionnée sur plusieurs lignes (@lignes) au-dessus d'elle%s"},
	[D_PDF] = {"pdf.write", DELIB_ERROR, "erreur de la bibliothèque PDF (code 0x%04X, détail %u)"},
	[D_PDF_CONFORMANCE] = {"pdf.conformance", DELIB_ERROR, "le PDF ne serait pas conforme à PDF/A-1b : %s ; il n'est pas produit"},
	[D_IMAGE_READ] = {"image.read", DELIB_ERROR, "image « %s » illisible : %s"},
	[D_IMAGE_CORRUPT] = {"image.corrupt", DELIB_ERROR, "image « %s » endommagée ou incomplète : %s ; le PDF n'est pas produit"},
	[D_IMAGE_LIMIT] = {"image.limit", DELIB_ERROR, "image « %s » trop grande : %s ; réduisez-la"},
	[D_IMAGE_FORMAT] = {"image.format", DELIB_ERROR, "image « %s » non prise en charge : %s"},
	[D_RENDER_TIMEOUT] = {"render.timeout", DELIB_ERROR, "le rendu dépasse le temps permis ; rendu interrompu"},
	[D_RENDER_MEMORY] = {"render.memory", DELIB_ERROR,
	                     "le document dépasse la mémoire permise pour un rendu ; rendu interrompu"},
	[D_LISTE_EMPTY] = {"liste.vide", DELIB_ERROR, "aucune délibération à lister"},
	[D_LISTE_SEANCE] = {"liste.seance", DELIB_ERROR,
	                    "cette délibération n'appartient pas à la séance du %s de la même collectivité que %s"},
	[D_LISTE_VOTE] = {"liste.vote", DELIB_ERROR,
	                  "la délibération n° %s n'a pas de vote : la liste ne porte que des actes votés"},
	[D_LISTE_NUMERO] = {"liste.numero", DELIB_ERROR, "le numéro %s figure aussi dans %s"},
	[D_PROJETS_EMPTY] = {"projets.vide", DELIB_ERROR,
	                     "aucun projet dans « projets » : la convocation se fait à partir d'au moins un projet"},
	[D_PROJETS_MANY] = {"projets.nombre", DELIB_ERROR, "%d projets dans « projets » : au plus %d dans un même envoi"},
	[D_LISTE_MANY] = {"liste.nombre", DELIB_ERROR,
	                  "%d délibérations dans « deliberations » : au plus %d dans un même envoi"},
	[D_COMPARE_NONE] = {"compare.none", DELIB_WARNING,
	                    "« %s » ne dit pas avec quelles polices ni quel modèle il a été produit"},
	[D_COMPARE_TEMPLATE_OTHER] = {"compare.template", DELIB_WARNING,
	                              "le PDF archivé a été produit avec le modèle « %s », celui-ci avec « %s »"},
	[D_COMPARE_TEMPLATE_CHANGED] = {"compare.template", DELIB_WARNING,
	                                "le modèle « %s » a changé depuis le PDF archivé (empreinte %.12s… au lieu de "
	                                "%.12s…)"},
	[D_COMPARE_FONT_ADDED] = {"compare.font", DELIB_WARNING,
	                          "la police %s (%s) n'était pas utilisée par le PDF archivé"},
	[D_COMPARE_FONT_CHANGED] = {"compare.font", DELIB_WARNING,
	                            "le fichier de police %s a changé depuis le PDF archivé"},
	[D_COMPARE_FONT_GONE] = {"compare.font", DELIB_WARNING,
	                         "le PDF archivé utilisait la police %s (%s), absente de cette régénération"},
	[D_COMPARE_VERSION] = {"compare.version", DELIB_NOTE, "le PDF archivé a été produit par %s, celui-ci par %s"},
	[D_TEMPLATE_SANDBOX] = {"template.sandbox", DELIB_ERROR, "accès à « %s » refusé : %s"},
	[D_TEMPLATE_LIMIT] = {"template.limit", DELIB_ERROR, "%s ; transformation interrompue"},
	[D_TEMPLATE_OVERRIDE] = {"template.override", DELIB_WARNING, "%s"},
	[D_TEMPLATE_PART] = {"template.part", DELIB_WARNING, "le modèle ne produit %s"},
	[D_TEMPLATE_NO_PART] = {"template.unknown", DELIB_ERROR,
	                        "le modèle « %s » n'a pas de fichier « %s » ni de template.xml qui le ferait hériter de "
	                        "celui de « default »"},
	[D_TEMPLATE_MESSAGE] = {"template.message", DELIB_WARNING, "message du modèle (xsl:message) : %s"},
	[D_TEMPLATE_STYLE] = {"template.style", DELIB_WARNING, "%s"},
	[D_TEMPLATE_PATH] = {"template.path", DELIB_WARNING, "%s"},
	[D_INTERNAL] = {"internal", DELIB_ERROR, "erreur interne : %s"},
	[D_NOMEM] = {"internal.memory", DELIB_ERROR, "mémoire insuffisante"},
	[D_LAYOUT_NUMBER_SHRUNK] = {"layout.number-shrunk", DELIB_WARNING,
	                            "tableau (ligne %d), colonne %d : « %s » mesure %.1f pt et la colonne %.1f pt ; "
	                            "un nombre n'est jamais coupé : le texte de la cellule passe de %.1f à %.1f pt"},
};

/* Messages are one line of valid UTF-8, whatever libxml2 or a document
 * put in them: control characters become spaces, invalid bytes '?'. */
static void clean_message(char *m)
{
	unsigned char *s = (unsigned char *)m;
	size_t left = strlen(m);
	while (left) {
		size_t n = utf8_len(s, left);
		if (n == 0) {
			left--;
			*s++ = '?';
			continue;
		}
		if (n == 1 && (*s < 0x20 || *s == 0x7F))
			*s = ' ';
		s += n;
		left -= n;
	}
}

static void push_raw(diag_list *l, const char *id, delib_severity sev, int line, int col, char *message)
{
	if (!message)
		return;
	clean_message(message);
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 8;
		delib_diag *items = realloc(l->items, sizeof *items * (size_t)cap);
		if (!items) {
			free(message);
			return;
		}
		l->items = items;
		l->cap = cap;
	}
	char *file = strdup(l->file ? l->file : "<entrée>");
	if (!file) {
		free(message);
		return;
	}
	delib_diag *d = &l->items[l->n++];
	d->file = file;
	d->line = line;
	d->column = col;
	d->severity = sev;
	d->id = id;
	d->message = message;
	if (d->severity > l->worst)
		l->worst = d->severity;
}

static void push(diag_list *l, diag_code code, int line, int col, char *message)
{
	push_raw(l, catalogue[code].id, catalogue[code].severity, line, col, message);
}

void diag_add_rule(diag_list *l, const char *id, delib_severity sev, int line, int col, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	push_raw(l, id, sev, line, col, strdup(buf));
}

void diag_add(diag_list *l, diag_code code, int line, int col, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, col);
	vsnprintf(buf, sizeof buf, catalogue[code].format, ap);
	va_end(ap);
	push(l, code, line, col, strdup(buf));
}

void diag_add_from(diag_list *l, const delib_diag *d, const char *file)
{
	const char *saved = l->file;
	l->file = file;
	push_raw(l, d->id, d->severity, d->line, d->column, strdup(d->message));
	l->file = saved;
}

int diag_is(const delib_diag *d, diag_code code) { return strcmp(d->id, catalogue[code].id) == 0; }

void diag_list_free(diag_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free((char *)l->items[i].message);
		free((char *)l->items[i].file);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

int diag_has_error(const diag_list *l) { return l->worst >= DELIB_ERROR; }

/* Each severity's two names: French for people (delib_diag_format), and
 * the stable English key of JSON ("error|warning|note", which the
 * service's clients, the batch report and the corpus match on). */
static const struct {
	const char *name, *key;
} severities[] = {
	[DELIB_NOTE] = {"note", "note"},
	[DELIB_WARNING] = {"avertissement", "warning"},
	[DELIB_ERROR] = {"erreur", "error"},
};

static delib_severity known(delib_severity s)
{
	return s == DELIB_ERROR || s == DELIB_WARNING ? s : DELIB_NOTE;
}

const char *delib_severity_name(delib_severity s) { return severities[known(s)].name; }

size_t delib_diag_format(const delib_diag *d, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "%s:%d:%d: %s: %s [%s]", d->file, d->line, d->column,
	                 delib_severity_name(d->severity), d->message, d->id);
	if (n < 0)
		return 0;
	return (size_t)n < cap ? (size_t)n : cap - 1;
}

/* JSON into a caller's buffer, snprintf's way: len counts every byte,
 * what passes cap - 1 is not written. */
typedef struct json_out {
	char *buf;
	size_t cap, len;
} json_out;

static char *json_at(const json_out *w) { return w->len < w->cap ? w->buf + w->len : NULL; }
static size_t json_room(const json_out *w) { return w->len < w->cap ? w->cap - w->len : 0; }

__attribute__((format(printf, 2, 3))) static void json_printf(json_out *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(json_at(w), json_room(w), fmt, ap);
	va_end(ap);
	w->len += n > 0 ? (size_t)n : 0;
}

static void json_string(json_out *w, const char *s) { w->len += json_quote(s, json_at(w), json_room(w)); }

size_t delib_diag_format_json(const delib_diag *d, char *buf, size_t cap)
{
	json_out w = {buf, cap, 0};
	json_printf(&w, "{\"file\":");
	json_string(&w, d->file);
	json_printf(&w, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"id\":", d->line, d->column,
	            severities[known(d->severity)].key);
	json_string(&w, d->id);
	json_printf(&w, ",\"message\":");
	json_string(&w, d->message);
	json_printf(&w, "}");
	return w.len;
}
