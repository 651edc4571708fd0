#include "diag.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *id;
	delib_severity severity;
	const char *format;
} catalogue[D_CODE_COUNT] = {
	[D_IO_READ] = {"io.read", DELIB_ERROR, "lecture impossible : %s"},
	[D_IO_WRITE] = {"io.write", DELIB_ERROR, "écriture impossible de « %s » : %s ; aucun fichier n'a été modifié"},
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
	[D_LAYOUT_TALL_HEADER] = {"layout.table-header", DELIB_WARNING, "l'en-tête d'un tableau mesure %.0f pt, plus du tiers de la hauteur utile de la page (%.0f pt) : il n'est pas répété en haut des pages suivantes"},
	[D_PDF] = {"pdf.write", DELIB_ERROR, "erreur de la bibliothèque PDF (code 0x%04X, détail %u)"},
	[D_INTERNAL] = {"internal", DELIB_ERROR, "erreur interne : %s"},
	[D_NOMEM] = {"internal.memory", DELIB_ERROR, "mémoire insuffisante"},
};

const char *diag_errno_text(int err)
{
	switch (err) {
	case ENOENT: return "fichier ou dossier introuvable";
	case EACCES: return "permission refusée";
	case EPERM: return "opération non permise";
	case ENOSPC: return "plus de place sur le disque";
	case EDQUOT: return "quota de disque dépassé";
	case EROFS: return "système de fichiers en lecture seule";
	case EISDIR: return "c'est un dossier";
	case ENOTDIR: return "un élément du chemin n'est pas un dossier";
	case EEXIST: return "le fichier existe déjà";
	case ENAMETOOLONG: return "nom de fichier trop long";
	case EMFILE:
	case ENFILE: return "trop de fichiers ouverts";
	case ENOMEM: return "mémoire insuffisante";
	case EIO: return "erreur d'entrée-sortie du disque";
	case EXDEV: return "déplacement entre deux systèmes de fichiers impossible";
	case ELOOP: return "trop de liens symboliques";
	case EBUSY: return "ressource occupée";
	case EINVAL: return "argument invalide";
	default: return "erreur du système";
	}
}

const char *diag_id(diag_code code) { return catalogue[code].id; }
delib_severity diag_severity(diag_code code) { return catalogue[code].severity; }

/* Messages are one line of valid UTF-8, whatever libxml2 or a document
 * put in them: control characters become spaces, invalid bytes '?'. */
static void clean_message(char *m)
{
	unsigned char *s = (unsigned char *)m;
	while (*s) {
		size_t n = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 && *s >= 0xC2 ? 2 : (*s & 0xF0) == 0xE0 ? 3
		         : (*s & 0xF8) == 0xF0 && *s <= 0xF4 ? 4 : 0;
		for (size_t i = 1; i < n; i++)
			if ((s[i] & 0xC0) != 0x80)
				n = 0;
		if (n == 0) {
			*s++ = '?';
			continue;
		}
		if (n == 1 && (*s < 0x20 || *s == 0x7F))
			*s = ' ';
		s += n;
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

void diag_add_custom(diag_list *l, const char *id, delib_severity sev, int line, int col, const char *fmt, ...)
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

const char *delib_severity_name(delib_severity s)
{
	switch (s) {
	case DELIB_ERROR: return "erreur";
	case DELIB_WARNING: return "avertissement";
	default: return "note";
	}
}

size_t delib_diag_format(const delib_diag *d, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "%s:%d:%d: %s: %s [%s]", d->file, d->line, d->column,
	                 delib_severity_name(d->severity), d->message, d->id);
	if (n < 0)
		return 0;
	return (size_t)n < cap ? (size_t)n : cap - 1;
}
