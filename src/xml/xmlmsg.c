/* SPDX-License-Identifier: Apache-2.0 */
#include "xmlmsg.h"
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>
#include "namespaces.h"
#include "sys.h"

#define QUOTE_MAX 60      /* [bytes] longest value quoted from the document */
#define LIST_MAX 240      /* [bytes] longest list of expected names quoted */
#define MATCH_MAX 2048    /* [bytes] longest English message matched against the patterns */
#define MAX_CAPS 4

static const char *const OUR_NAMESPACES[] = {"{" NS_DELIBERATION "}", "{" NS_LAYOUT "}"};

/* ---- small string tools --------------------------------------------------- */

void xmlmsg_quote(const char *s, size_t max, char *buf, size_t cap)
{
	size_t o = 0, i = 0, len = s ? strlen(s) : 0;
	if (!cap)
		return;
	while (i < len && o + 5 < cap) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t n = utf8_len(u, len - i);
		if (i + (n ? n : 1) > max) {
			if (o + 4 < cap) {
				memcpy(buf + o, "…", 3);
				o += 3;
			}
			break;
		}
		if (n == 0 || (n == 1 && (u[0] < 0x20 || u[0] == 0x7F))) {
			buf[o++] = (n == 1 && (u[0] == '\n' || u[0] == '\t' || u[0] == '\r')) ? ' ' : '?';
			i++;
			continue;
		}
		if (o + n + 1 >= cap)
			break;
		memcpy(buf + o, u, n);
		o += n;
		i += n;
	}
	buf[o] = 0;
}

/* Copies the English message (at most max bytes), on one line, without the
 * final newline. */
static void trim_message(const char *msg, size_t max, char *buf, size_t cap)
{
	xmlmsg_quote(msg ? msg : "?", max, buf, cap);
	size_t n = strlen(buf);
	while (n && buf[n - 1] == ' ')
		buf[--n] = 0;
}

/* Removes our namespaces' "{…}" prefixes from element names in s. */
static void strip_namespaces(char *s)
{
	for (size_t k = 0; k < sizeof OUR_NAMESPACES / sizeof *OUR_NAMESPACES; k++) {
		size_t len = strlen(OUR_NAMESPACES[k]);
		char *p;
		while ((p = strstr(s, OUR_NAMESPACES[k])))
			memmove(p, p + len, strlen(p + len) + 1);
	}
}

/* ---- pattern matching ----------------------------------------------------- */

typedef struct span {
	const char *s;
	size_t n;
} span;

/* Matches s against pat, where each '*' matches the shortest text that lets
 * the rest match; the wildcards' texts go to caps[k…]. */
static int match(const char *s, const char *pat, span *caps, int k)
{
	while (*pat && *pat != '*') {
		if (*s != *pat)
			return 0;
		s++;
		pat++;
	}
	if (!*pat)
		return *s == 0;
	for (const char *t = s;; t++) {
		if (k < MAX_CAPS && match(t, pat + 1, caps, k + 1)) {
			caps[k] = (span){s, (size_t)(t - s)};
			return 1;
		}
		if (!*t)
			return 0;
	}
}

/* Fills fmt, where {1}…{4} are the captures quoted (cut at QUOTE_MAX bytes,
 * valid UTF-8), and {1*}… the same cut at LIST_MAX (lists of names). */
static void fill(const char *fmt, const span *caps, char *buf, size_t cap)
{
	size_t o = 0;
	for (const char *f = fmt; *f && o + 1 < cap; f++) {
		int list = f[0] == '{' && f[1] >= '1' && f[1] <= '4' && f[2] == '*' && f[3] == '}';
		if (list || (f[0] == '{' && f[1] >= '1' && f[1] <= '4' && f[2] == '}')) {
			const span *c = &caps[f[1] - '1'];
			char raw[MATCH_MAX], q[LIST_MAX + 8];
			size_t n = c->n < sizeof raw - 1 ? c->n : sizeof raw - 1;
			memcpy(raw, c->s ? c->s : "", n);
			raw[n] = 0;
			strip_namespaces(raw);
			xmlmsg_quote(raw, list ? LIST_MAX : QUOTE_MAX, q, sizeof q);
			size_t ql = strlen(q);
			if (o + ql >= cap)
				break;
			memcpy(buf + o, q, ql);
			o += ql;
			f += list ? 3 : 2;
			continue;
		}
		buf[o++] = *f;
	}
	buf[o < cap ? o : cap - 1] = 0;
}

/* ---- parser errors -------------------------------------------------------- */

typedef struct parser_row {
	int code;
	diag_code diag;
	const char *fr;  /* {1} {2} {3}: the error's strings; {n}: its number */
} parser_row;

static const parser_row PARSER[] = {
	{XML_ERR_DOCUMENT_START, D_XML_SYNTAX, "début de document invalide : aucun élément trouvé"},
	{XML_ERR_DOCUMENT_EMPTY, D_XML_SYNTAX, "aucun élément : le document doit commencer par une balise « < » (après la déclaration XML)"},
	{XML_ERR_DOCUMENT_END, D_XML_SYNTAX, "contenu après la fin de l'élément racine"},
	{XML_ERR_EXTRA_CONTENT, D_XML_SYNTAX, "contenu après la fin de l'élément racine"},
	{XML_ERR_INVALID_HEX_CHARREF, D_XML_SYNTAX, "référence de caractère hexadécimale invalide (&#x…;)"},
	{XML_ERR_INVALID_DEC_CHARREF, D_XML_SYNTAX, "référence de caractère décimale invalide (&#…;)"},
	{XML_ERR_INVALID_CHARREF, D_XML_SYNTAX, "la référence de caractère désigne un caractère interdit en XML"},
	{XML_ERR_CHARREF_IN_PROLOG, D_XML_SYNTAX, "référence de caractère avant l'élément racine"},
	{XML_ERR_CHARREF_IN_EPILOG, D_XML_SYNTAX, "référence de caractère après l'élément racine"},
	{XML_ERR_ENTITYREF_IN_PROLOG, D_XML_SYNTAX, "référence d'entité avant l'élément racine"},
	{XML_ERR_ENTITYREF_IN_EPILOG, D_XML_SYNTAX, "référence d'entité après l'élément racine"},
	{XML_ERR_ENTITYREF_NO_NAME, D_XML_SYNTAX, "« & » isolé : écrire « &amp; » pour une esperluette"},
	{XML_ERR_ENTITYREF_SEMICOL_MISSING, D_XML_SYNTAX, "référence d'entité sans « ; » final : écrire « &amp; » pour une esperluette"},
	{XML_ERR_UNDECLARED_ENTITY, D_XML_SYNTAX, "entité « {1} » non définie (seules &lt; &gt; &amp; &quot; &apos; et les références de caractère &#…; sont admises)"},
	{XML_WAR_UNDECLARED_ENTITY, D_XML_SYNTAX, "entité « {1} » non définie (seules &lt; &gt; &amp; &quot; &apos; et les références de caractère &#…; sont admises)"},
	{XML_ERR_ENTITY_IS_EXTERNAL, D_XML_DTD, "entité externe « {1} » refusée"},
	{XML_ERR_UNPARSED_ENTITY, D_XML_DTD, "entité non analysée « {1} » refusée"},
	{XML_ERR_UNKNOWN_ENCODING, D_XML_ENCODING, "encodage « {1} » inconnu"},
	{XML_ERR_UNSUPPORTED_ENCODING, D_XML_ENCODING, "encodage « {1} » non pris en charge"},
	{XML_ERR_ENCODING_NAME, D_XML_ENCODING, "nom d'encodage invalide dans la déclaration XML"},
	{XML_ERR_INVALID_ENCODING, D_XML_ENCODING, "octets invalides pour l'encodage déclaré"},
	{XML_ERR_STRING_NOT_STARTED, D_XML_SYNTAX, "guillemet ouvrant attendu"},
	{XML_ERR_STRING_NOT_CLOSED, D_XML_SYNTAX, "guillemet fermant manquant"},
	{XML_ERR_LT_IN_ATTRIBUTE, D_XML_SYNTAX, "« < » interdit dans une valeur d'attribut : écrire « &lt; »"},
	{XML_ERR_ATTRIBUTE_NOT_STARTED, D_XML_SYNTAX, "valeur d'attribut attendue entre guillemets"},
	{XML_ERR_ATTRIBUTE_NOT_FINISHED, D_XML_SYNTAX, "valeur d'attribut non terminée (guillemet fermant manquant)"},
	{XML_ERR_ATTRIBUTE_WITHOUT_VALUE, D_XML_SYNTAX, "l'attribut « {1} » n'a pas de valeur (écrire {1}=\"…\")"},
	{XML_ERR_ATTRIBUTE_REDEFINED, D_XML_SYNTAX, "attribut « {1} » répété dans la même balise"},
	{XML_ERR_LITERAL_NOT_STARTED, D_XML_SYNTAX, "littéral entre guillemets attendu"},
	{XML_ERR_LITERAL_NOT_FINISHED, D_XML_SYNTAX, "littéral non terminé (guillemet fermant manquant)"},
	{XML_ERR_COMMENT_NOT_FINISHED, D_XML_SYNTAX, "commentaire non terminé (« --> » manquant) : fichier tronqué ?"},
	{XML_ERR_HYPHEN_IN_COMMENT, D_XML_SYNTAX, "« -- » interdit à l'intérieur d'un commentaire"},
	{XML_ERR_PI_NOT_STARTED, D_XML_SYNTAX, "instruction de traitement mal formée"},
	{XML_ERR_PI_NOT_FINISHED, D_XML_SYNTAX, "instruction de traitement non terminée (« ?> » manquant)"},
	{XML_ERR_XMLDECL_NOT_STARTED, D_XML_SYNTAX, "déclaration XML mal formée (attendu : <?xml version=\"1.0\" encoding=\"UTF-8\"?>)"},
	{XML_ERR_XMLDECL_NOT_FINISHED, D_XML_SYNTAX, "déclaration XML non terminée (« ?> » manquant)"},
	{XML_ERR_VERSION_MISSING, D_XML_SYNTAX, "version manquante dans la déclaration XML (version=\"1.0\")"},
	{XML_ERR_UNKNOWN_VERSION, D_XML_SYNTAX, "version XML « {1} » non prise en charge (1.0 attendu)"},
	{XML_ERR_RESERVED_XML_NAME, D_XML_SYNTAX, "déclaration XML ailleurs qu'au tout début du fichier"},
	{XML_ERR_STANDALONE_VALUE, D_XML_SYNTAX, "valeur de « standalone » invalide (yes ou no)"},
	{XML_ERR_MISPLACED_CDATA_END, D_XML_SYNTAX, "« ]]> » interdit dans le texte"},
	{XML_ERR_CDATA_NOT_FINISHED, D_XML_SYNTAX, "section CDATA non terminée (« ]]> » manquant)"},
	{XML_ERR_SPACE_REQUIRED, D_XML_SYNTAX, "espace manquant (entre deux attributs, ou dans une déclaration)"},
	{XML_ERR_NAME_REQUIRED, D_XML_SYNTAX, "nom attendu : balise ou référence mal formée"},
	{XML_ERR_LT_REQUIRED, D_XML_SYNTAX, "« < » attendu"},
	{XML_ERR_GT_REQUIRED, D_XML_SYNTAX, "balise ouvrante « {1} » non terminée (« > » manquant)"},
	{XML_ERR_LTSLASH_REQUIRED, D_XML_SYNTAX, "balise fermante attendue : fichier tronqué ?"},
	{XML_ERR_EQUAL_REQUIRED, D_XML_SYNTAX, "« = » attendu après le nom d'attribut"},
	{XML_ERR_TAG_NAME_MISMATCH, D_XML_SYNTAX, "la balise fermante « {2} » ne correspond pas à la balise ouvrante « {1} » de la ligne {n}"},
	{XML_ERR_TAG_NOT_FINISHED, D_XML_SYNTAX, "fin du fichier avant la fermeture de « {1} » (ouvert ligne {n}) : fichier tronqué ?"},
	{XML_ERR_NOT_WELL_BALANCED, D_XML_SYNTAX, "balises mal imbriquées"},
	{XML_ERR_ENTITY_LOOP, D_XML_LIMIT, "boucle ou expansion excessive d'entités"},
	{XML_ERR_ENTITY_BOUNDARY, D_XML_SYNTAX, "entité mal imbriquée"},
	{XML_ERR_NAME_TOO_LONG, D_XML_LIMIT, "nom trop long"},
	{XML_ERR_NO_MEMORY, D_NOMEM, ""},
	{XML_NS_ERR_UNDEFINED_NAMESPACE, D_XML_SYNTAX, "préfixe d'espace de noms « {1} » non déclaré (sur « {2} »)"},
	{XML_NS_ERR_QNAME, D_XML_SYNTAX, "nom qualifié invalide"},
	{XML_NS_ERR_ATTRIBUTE_REDEFINED, D_XML_SYNTAX, "attribut « {1} » répété dans la même balise"},
	{XML_NS_ERR_EMPTY, D_XML_SYNTAX, "déclaration d'espace de noms vide"},
	{XML_NS_ERR_COLON, D_XML_SYNTAX, "« : » mal placé dans un nom"},
	{XML_NS_ERR_XML_NAMESPACE, D_XML_SYNTAX, "usage réservé du préfixe « xml » ou « xmlns »"},
	{XML_WAR_NS_URI, D_XML_SYNTAX, "adresse d'espace de noms « {1} » invalide"},
	{XML_WAR_NS_URI_RELATIVE, D_XML_SYNTAX, "adresse d'espace de noms « {1} » relative"},
};

/* XML_ERR_INVALID_CHAR covers bad UTF-8 and characters XML forbids. */
static diag_code invalid_char(const xmlError *e, char *buf, size_t cap)
{
	if (e->message && strncmp(e->message, "Input is not proper UTF-8", 25) == 0) {
		char bytes[128] = "";
		if (e->str1) {
			xmlmsg_quote(e->str1, 80, bytes, sizeof bytes);
			size_t n = strlen(bytes);
			while (n && bytes[n - 1] == ' ')
				bytes[--n] = 0;
		}
		const char *b = strncmp(bytes, "Bytes: ", 7) == 0 ? bytes + 7 : bytes;
		snprintf(buf, cap, "octets invalides en UTF-8%s%s%s ; enregistrer le fichier en UTF-8", *b ? " (" : "",
		         b, *b ? ")" : "");
		return D_XML_ENCODING;
	}
	if (e->int1 > 0)
		snprintf(buf, cap, "caractère U+%04X interdit en XML", (unsigned)e->int1);
	else
		snprintf(buf, cap, "caractère interdit en XML");
	return D_XML_SYNTAX;
}

diag_code xmlmsg_parser(const xmlError *e, char *buf, size_t cap)
{
	if (e->code == XML_ERR_INVALID_CHAR)
		return invalid_char(e, buf, cap);
	if (e->code == XML_ERR_INTERNAL_ERROR && e->message && strstr(e->message, "Excessive depth")) {
		snprintf(buf, cap, "imbrication des éléments trop profonde");
		return D_XML_LIMIT;
	}
	for (size_t i = 0; i < sizeof PARSER / sizeof *PARSER; i++) {
		if (PARSER[i].code != e->code)
			continue;
		span caps[MAX_CAPS] = {{e->str1, e->str1 ? strlen(e->str1) : 0},
		                       {e->str2, e->str2 ? strlen(e->str2) : 0},
		                       {e->str3, e->str3 ? strlen(e->str3) : 0},
		                       {NULL, 0}};
		char num[24];
		snprintf(num, sizeof num, "%d", e->int1);
		caps[3] = (span){num, strlen(num)};
		char fmt[512];
		snprintf(fmt, sizeof fmt, "%s", PARSER[i].fr);
		for (char *p; (p = strstr(fmt, "{n}"));)
			p[1] = '4';
		fill(fmt, caps, buf, cap);
		return PARSER[i].diag;
	}
	/* Not translated: libxml2's English, as the detail. */
	char en[512];
	trim_message(e->message, 400, en, sizeof en);
	snprintf(buf, cap, "%s", en);
	if (e->code == XML_ERR_INTERNAL_ERROR || e->code == XML_ERR_ENTITY_LOOP)
		return D_XML_LIMIT;
	return D_XML_SYNTAX;
}

/* ---- schema errors -------------------------------------------------------- */

/* What a simple type of the XSD (built-in or ours) expects, in French. */
static const struct {
	const char *type;
	const char *fr;
} TYPES[] = {
	{"xs:nonNegativeInteger", "un entier positif ou nul"},
	{"xs:positiveInteger", "un entier strictement positif"},
	{"xs:integer", "un nombre entier"},
	{"xs:decimal", "un nombre décimal (point comme séparateur)"},
	{"xs:date", "une date AAAA-MM-JJ"},
	{"xs:ID", "un identifiant (une lettre ou « _ », puis lettres, chiffres, « - », « _ » ou « . »)"},
	{"xs:IDREF", "la référence d'un identifiant"},
	{"xs:boolean", "true ou false"},
	{"date", "une date AAAA-MM-JJ"},
	{"texteNonVide", "un texte non vide"},
	{"siren", "un numéro SIREN de 9 chiffres"},
	{"departement", "un code de département (2 ou 3 chiffres, 2A ou 2B)"},
	{"heure", "une heure HH:MM sur 24 heures"},
	{"numero", "un numéro de 1 à 32 lettres, chiffres, « - » ou « _ »"},
	{"identifiantActes", "un identifiant de télétransmission ACTES"},
	{"pourcentage", "un pourcentage comme 11.58%"},
	{"taillePolice", "une taille en points, de 0 (exclu) à 72"},
	{"marqueur", "une marque de 1 à 16 caractères sans espace"},
	{"numeroSection", "un numéro de section comme 1 ou 2.3"},
	{"nature", "un code de nature ACTES (DE, AR, AI, CC, BF ou AU)"},
	{"statut", "definitif ou projet"},
	{"typeCollectivite", "commune, epci, departement, region ou syndicat"},
	{"ouiNon", "oui ou non"},
	{"civilite", "M. ou Mme"},
	{"scrutin", "public, secret ou main-levee"},
	{"resultat", "adopte ou rejete"},
	{"choixVote", "pour, contre, abstention ou ne-prend-pas-part"},
	{"mentionVote", "unanimite, unanimite-suffrages-exprimes ou majorite"},
	{"voixPreponderante", "pour ou contre"},
	{"orientation", "portrait ou paysage"},
	{"niveauTitre", "2 ou 3"},
};

static const char *type_fr(const char *type)
{
	for (size_t i = 0; i < sizeof TYPES / sizeof *TYPES; i++)
		if (strcmp(TYPES[i].type, type) == 0)
			return TYPES[i].fr;
	return NULL;
}

/* What a pattern of the XSD asks for, in French. */
static const struct {
	const char *pattern;
	const char *fr;
} PATTERNS[] = {
	{"[\\s\\S]*\\S[\\s\\S]*", "un texte non vide"},
	{"[0-9]{9}", "un numéro SIREN de 9 chiffres"},
	{"[0-9]{4}-[0-9]{2}-[0-9]{2}", "une date AAAA-MM-JJ, sans fuseau horaire"},
	{"[0-9A-Za-z_\\-]{1,32}", "de 1 à 32 lettres, chiffres, « - » ou « _ »"},
	{"[0-9]{2,3}|2A|2B", "un code de département (2 ou 3 chiffres, 2A ou 2B)"},
	{"([01][0-9]|2[0-3]):[0-5][0-9]", "une heure HH:MM sur 24 heures"},
	{"[0-9]+(\\.[0-9]+)?%", "un pourcentage comme 11.58%"},
	{"\\S+", "des caractères sans espace"},
	{"\\S{1,80}", "de 1 à 80 caractères sans espace"},
	{"[0-9A-Za-z]{1,8}(\\.[0-9A-Za-z]{1,8})*", "un numéro de section comme 1 ou 2.3"},
};

static int pattern_facet(const char *body, char *out, size_t cap)
{
	span caps[MAX_CAPS] = {{0}};
	if (!match(body, "[facet 'pattern'] The value '*' is not accepted by the pattern '*'.", caps, 0))
		return -1;
	const char *want = NULL;
	for (size_t i = 0; i < sizeof PATTERNS / sizeof *PATTERNS; i++)
		if (strlen(PATTERNS[i].pattern) == caps[1].n && memcmp(PATTERNS[i].pattern, caps[1].s, caps[1].n) == 0)
			want = PATTERNS[i].fr;
	char fmt[256];
	snprintf(fmt, sizeof fmt, "la valeur « {1} » n'a pas la forme attendue (%s)", want ? want : "motif {2}");
	fill(fmt, caps, out, cap);
	return 0;
}

typedef struct schema_row {
	const char *en;   /* the English body; '*' = any text */
	const char *fr;   /* NULL: drop (a follow-up of an earlier error) */
} schema_row;

static const schema_row SCHEMA[] = {
	{"The attribute '*' is required but missing.", "l'attribut obligatoire « {1} » manque"},
	{"The attribute '*' is not allowed.", "l'attribut « {1} » n'est pas permis ici"},
	{"This element is not expected. Expected is one of ( * ).", "élément inattendu à cet endroit ; attendu : l'un de {1*}"},
	{"This element is not expected. Expected is ( * ).", "élément inattendu à cet endroit ; attendu : « {1} »"},
	{"This element is not expected.", "élément inattendu à cet endroit"},
	{"Missing child element(s). Expected is one of ( * ).", "élément enfant manquant ; attendu : l'un de {1*}"},
	{"Missing child element(s). Expected is ( * ).", "élément enfant « {1} » manquant"},
	{"[facet 'enumeration'] The value '*' is not an element of the set {*}.",
	 "valeur « {1} » non admise ; valeurs possibles : {2*}"},
	{"[facet 'pattern'] The value '*' is not accepted by the pattern '*'.", "la valeur « {1} » n'a pas la forme attendue"},
	{"[facet 'minLength'] The value has a length of '*'; this underruns the allowed minimum length of '*'.",
	 "valeur trop courte ({1} caractères ; au moins {2})"},
	{"[facet 'maxLength'] The value has a length of '*'; this exceeds the allowed maximum length of '*'.",
	 "valeur trop longue ({1} caractères ; au plus {2})"},
	{"[facet 'minInclusive'] The value '*' is less than the minimum value allowed ('*').",
	 "la valeur {1} est inférieure au minimum permis ({2})"},
	{"[facet 'maxInclusive'] The value '*' is greater than the maximum value allowed ('*').",
	 "la valeur {1} dépasse le maximum permis ({2})"},
	{"[facet 'minExclusive'] The value '*' must be greater than '*'.", "la valeur {1} doit être supérieure à {2}"},
	{"[facet 'maxExclusive'] The value '*' must be less than '*'.", "la valeur {1} doit être inférieure à {2}"},
	{"Duplicate key-sequence ['*'] in key identity-constraint '*'.", "l'identifiant « {1} » est déclaré plusieurs fois"},
	{"Duplicate key-sequence ['*'] in unique identity-constraint '*'.", "« {1} » figure plusieurs fois"},
	{"Character content other than whitespace is not allowed because the content type is 'element-only'.",
	 "du texte n'est pas permis directement dans cet élément (il ne contient que des éléments)"},
	{"Character content is not allowed, because the content type is empty.", "cet élément doit être vide"},
	{"Element content is not allowed, because the content type is empty.", "cet élément doit être vide"},
	{"Element content is not allowed, because the content type is a simple type definition.",
	 "cet élément ne contient que du texte, sans élément"},
	{"Element content is not allowed, because the type definition is simple.",
	 "cet élément ne contient que du texte, sans élément"},
	{"No matching global declaration available for the validation root.", "élément racine inconnu du schéma"},
	{"'*' is not a valid value of the local atomic type.", "« {1} » n'est pas une valeur valide"},
	{"'*' is not a valid value of the local union type.", "« {1} » n'est pas une valeur valide"},
	{"Not all fields of key identity-constraint '*' evaluate to a node.", NULL},
	{"Warning: No precomputed value available, the value was either invalid or something strange happened.", NULL},
};

/* "Element '{ns}vote', attribute 'pour': rest" → subject "élément « vote »,
 * attribut « pour »" and the rest. Returns the rest, or NULL. */
static const char *split_head(const char *msg, char *subject, size_t cap)
{
	span caps[MAX_CAPS] = {{0}};
	const char *colon = strstr(msg, "': ");
	if (strncmp(msg, "Element '", 9) != 0 || !colon)
		return NULL;
	char head[MATCH_MAX];
	size_t n = (size_t)(colon - msg) + 2;
	if (n >= sizeof head)
		return NULL;
	memcpy(head, msg, n);
	head[n] = 0;
	if (match(head, "Element '*', attribute '*':", caps, 0))
		fill("élément « {1} », attribut « {2} »", caps, subject, cap);
	else if (match(head, "Element '*':", caps, 0))
		fill("élément « {1} »", caps, subject, cap);
	else
		return NULL;
	return colon + 3;
}

/* "'x' is not a valid value of the atomic type 'T'." */
static int atomic_type(const char *body, char *out, size_t cap)
{
	span caps[MAX_CAPS] = {{0}};
	if (!match(body, "'*' is not a valid value of the atomic type '*'.", caps, 0) &&
	    !match(body, "'*' is not a valid value of the list type '*'.", caps, 0))
		return -1;
	char type[128], value[MATCH_MAX];
	snprintf(type, sizeof type, "%.*s", (int)(caps[1].n < 127 ? caps[1].n : 127), caps[1].s);
	snprintf(value, sizeof value, "%.*s", (int)(caps[0].n < MATCH_MAX - 1 ? caps[0].n : MATCH_MAX - 1), caps[0].s);
	strip_namespaces(type);
	if (strcmp(type, "xs:ID") == 0 && xmlValidateNCName((const xmlChar *)value, 0) == 0) {
		fill("l'identifiant « {1} » est déjà celui d'un autre élément", caps, out, cap);
		return 0;
	}
	const char *want = type_fr(type);
	char tail[512];
	snprintf(tail, sizeof tail, "« {1} » n'est pas une valeur valide (attendu : %s)", want ? want : type);
	fill(tail, caps, out, cap);
	return 0;
}

static int keyref(const char *body, char *out, size_t cap)
{
	span caps[MAX_CAPS] = {{0}};
	if (!match(body, "No match found for key-sequence ['*'] of keyref '*'.", caps, 0))
		return -1;
	static const char OURS[] = "{" NS_DELIBERATION "}ref";
	if (caps[1].n >= sizeof OURS - 1 && memcmp(caps[1].s, OURS, sizeof OURS - 1) == 0)
		fill("« {1} » ne désigne aucun conseiller déclaré dans « conseillers »", caps, out, cap);
	else
		fill("« {1} » ne désigne aucun élément déclaré (contrainte {2})", caps, out, cap);
	return 0;
}

int xmlmsg_schema(const xmlError *e, char *buf, size_t cap)
{
	char msg[MATCH_MAX], subject[512] = "", body_fr[1024];
	trim_message(e->message, MATCH_MAX - 8, msg, sizeof msg);
	if (strlen(e->message ? e->message : "") >= sizeof msg - 1) {
		snprintf(buf, cap, "%s", msg);  /* too long to match: the English, cut */
		strip_namespaces(buf);
		return 0;
	}
	const char *body = split_head(msg, subject, sizeof subject);
	if (!body)
		body = msg;
	int done = atomic_type(body, body_fr, sizeof body_fr) == 0 || keyref(body, body_fr, sizeof body_fr) == 0 ||
	           pattern_facet(body, body_fr, sizeof body_fr) == 0;
	for (size_t i = 0; !done && i < sizeof SCHEMA / sizeof *SCHEMA; i++) {
		span caps[MAX_CAPS] = {{0}};
		if (!match(body, SCHEMA[i].en, caps, 0))
			continue;
		if (!SCHEMA[i].fr)
			return 1;
		fill(SCHEMA[i].fr, caps, body_fr, sizeof body_fr);
		done = 1;
	}
	if (!done) {
		snprintf(body_fr, sizeof body_fr, "%.*s", (int)sizeof body_fr - 1, body);  /* the English, cut */
		strip_namespaces(body_fr);
	}
	if (*subject)
		snprintf(buf, cap, "%s : %s", subject, body_fr);
	else
		snprintf(buf, cap, "%s", body_fr);
	return 0;
}

int xmlmsg_is_facet(const xmlError *e)
{
	return e->message && strstr(e->message, "[facet '") != NULL;
}

int xmlmsg_is_type_error(const xmlError *e)
{
	return e->message && (strstr(e->message, "is not a valid value of the atomic type") ||
	                      strstr(e->message, "is not a valid value of the local atomic type") ||
	                      strstr(e->message, "is not a valid value of the list type"));
}

int xmlmsg_schema_subject(const xmlError *e, char *elem, size_t ecap, char *attr, size_t acap)
{
	span caps[MAX_CAPS] = {{0}};
	char msg[MATCH_MAX];
	if (elem && ecap)
		elem[0] = 0;
	if (attr && acap)
		attr[0] = 0;
	if (!e->message || strlen(e->message) >= sizeof msg - 1)
		return -1;
	snprintf(msg, sizeof msg, "%s", e->message);
	const char *colon = strstr(msg, "': ");
	if (strncmp(msg, "Element '", 9) != 0 || !colon)
		return -1;
	((char *)colon)[2] = 0;
	int with_attr = match(msg, "Element '*', attribute '*':", caps, 0);
	if (!with_attr && !match(msg, "Element '*':", caps, 0))
		return -1;
	if (elem && ecap)
		snprintf(elem, ecap, "%.*s", (int)caps[0].n, caps[0].s);
	if (attr && acap && with_attr)
		snprintf(attr, acap, "%.*s", (int)caps[1].n, caps[1].s);
	return 0;
}

int xmlmsg_schema_key(const xmlError *e, char *key, size_t cap)
{
	span caps[MAX_CAPS] = {{0}};
	char msg[MATCH_MAX];
	if (!e->message || strlen(e->message) >= sizeof msg - 1)
		return -1;
	trim_message(e->message, MATCH_MAX - 8, msg, sizeof msg);
	const char *k = strstr(msg, "No match found for key-sequence ['");
	if (!k || !match(k, "No match found for key-sequence ['*'] of keyref '*'.", caps, 0))
		return -1;
	snprintf(key, cap, "%.*s", (int)caps[0].n, caps[0].s);
	return 0;
}
