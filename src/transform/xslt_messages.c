/* SPDX-License-Identifier: Apache-2.0 */
#include "xslt_messages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libxslt's and libxml2's messages in French: '*' in the English text takes
 * any text, given back as %1, %2 in the French one. First match wins. */
static const char *const french[][2] = {
	/* libxml2's XPath errors (xmlXPathErrorMessages) */
	{"Undefined variable", "variable non déclarée"},
	{"Invalid predicate", "prédicat invalide"},
	{"Invalid expression", "expression invalide"},
	{"Missing closing curly brace", "accolade fermante manquante"},
	{"Unregistered function", "fonction inconnue"},
	{"Invalid operand", "opérande invalide"},
	{"Invalid type", "type de valeur invalide"},
	{"Invalid number of arguments", "nombre d'arguments invalide"},
	{"Syntax error", "erreur de syntaxe"},
	{"Undefined namespace prefix", "préfixe d'espace de noms non déclaré"},
	{"Unfinished literal", "chaîne entre apostrophes non terminée"},
	{"Start of literal", "début de chaîne attendu"},
	{"Expected $ for variable reference", "« $ » attendu devant le nom de la variable"},
	{"Recursion limit exceeded", "expression imbriquée trop profondément"},
	{"Memory allocation error", "mémoire insuffisante"},
	{"Stack usage error", "expression mal formée (pile)"},
	{"Invalid or incomplete context", "contexte invalide"},
	{"Number encoding", "nombre mal écrit"},
	{"Invalid context size", "taille du contexte invalide"},
	{"Invalid context position", "position dans le contexte invalide"},
	{"Resource error", "ressource illisible"},
	{"Sub resource error", "partie de ressource illisible"},
	{"Encoding error", "erreur de codage des caractères"},
	{"Char out of XML range", "caractère interdit en XML"},
	{"Forbidden variable", "variable interdite à cet endroit"},
	{"?? Unknown error ??", "erreur inconnue de XPath"},
	{NULL, NULL},  /* the end of libxml2's XPath messages (is_xpath_message) */
	/* libxslt, while compiling */
	{"xsl:import : unable to load *", "xsl:import : impossible de lire « %1 »"},
	{"xsl:include : unable to load *", "xsl:include : impossible de lire « %1 »"},
	{"xsl:include : recursion detected on included URL *", "xsl:include : « %1 » s'inclut lui-même"},
	{"xsl:import : recursion detected on imported URL *", "xsl:import : « %1 » s'importe lui-même"},
	{"xsltCompileStep : *", "expression XPath invalide : %1"},
	{"Failed to compile expression *", "impossible de compiler l'expression %1"},
	{"xsl:* : could not compile * expression '*'", "xsl:%1 : expression « %3 » invalide"},
	{"xsl:*: could not compile * expression '*'", "xsl:%1 : expression « %3 » invalide"},
	{"xsl:* : select is missing", "xsl:%1 : attribut « select » manquant"},
	{"xsl:*: select is missing", "xsl:%1 : attribut « select » manquant"},
	{"xsltStylePreCompute: unknown xsl:*", "instruction XSLT inconnue « xsl:%1 »"},
	{"The called template '*' was not found.", "aucun modèle nommé « %1 » (xsl:call-template)"},
	{"xsl:call-template : template * not found", "xsl:call-template : aucun modèle nommé « %1 »"},
	{"xsltStylesheetProcess : document is not a stylesheet*",
	 "ce fichier n'est pas une feuille de style XSLT (racine « xsl:stylesheet » attendue)"},
	{"xsltParseStylesheetProcess : document is not a stylesheet*",
	 "ce fichier n'est pas une feuille de style XSLT (racine « xsl:stylesheet » attendue)"},
	{"xsltParseStylesheetTop: unknown * element *", "élément « %2 » inconnu au premier niveau de la feuille de style"},
	{"Unexpected XSLT element '*'.", "élément XSLT « %1 » inattendu ici"},
	{"xsltParseTemplateContent: xslt:text content problem", "contenu invalide dans xsl:text"},
	{"Global parameter * already defined", "paramètre global « %1 » déclaré deux fois"},
	{"Global variable * already defined", "variable globale « %1 » déclarée deux fois"},
	{"Redefinition of variable or parameter *", "variable ou paramètre « %1 » déclaré deux fois"},
	{"xsltAddTemplate: error duplicate name: *", "deux modèles portent le nom « %1 »"},
	{"xsl:template: error duplicate name '*'", "deux modèles portent le nom « %1 »"},
	{"Attribute 'name': The value '*' is not a valid QName.", "nom « %1 » invalide (QName attendu)"},
	{"The attribute '*' is not allowed.", "attribut « %1 » non permis ici"},
	{"xsl:*: missing * attribute", "xsl:%1 : attribut « %2 » manquant"},
	{"xsl:* : missing * attribute", "xsl:%1 : attribut « %2 » manquant"},
	{"xsltCompilePattern : failed to compile '*'", "motif « %1 » invalide"},
	{"Failed to compile the expression '*' in an AVT.", "expression « %1 » invalide entre accolades"},
	{"Namespace prefix * for * on * is not defined", "préfixe « %1 » non déclaré"},
	{"Namespace prefix * on * is not defined", "préfixe « %1 » non déclaré"},
	{"xsl:version: only 1.1 features are supported", "seules les fonctions de XSLT 1.0 et 1.1 sont prises en charge"},
	/* libxslt 1.1.35, while compiling: the error messages a template can
	 * cause, taken from the strings of the library Debian 12 ships
	 * (libxslt.so.1.1.35; its debugging traces, internal errors and memory
	 * failures left to the generic sentence of translate()). */
	{"Attribute '*': The content is expected to be a single text node when compiling an AVT.",
	 "attribut « %1 » : une valeur entre accolades doit être un seul texte"},
	{"Attribute '*': The AVT has an unmatched '{'.", "attribut « %1 » : accolade « { » sans accolade fermante"},
	{"Attribute '*': The AVT has an unmatched '}'.",
	 "attribut « %1 » : accolade « } » sans accolade ouvrante (écrire « }} » pour une accolade)"},
	{"Attribute '*': Failed to compile the expression '*' in the AVT.",
	 "attribut « %1 » : expression « %2 » invalide entre accolades"},
	{"invalid value for method: *", "xsl:output : method « %1 » invalide"},
	{"invalid value for indent: *", "xsl:output : indent « %1 » invalide (yes ou no)"},
	{"invalid value for standalone: *", "xsl:output : standalone « %1 » invalide (yes ou no)"},
	{"invalid value for omit-xml-declaration: *", "xsl:output : omit-xml-declaration « %1 » invalide (yes ou no)"},
	{"misplaced text node: '*'", "texte « %1 » mal placé : hors de tout modèle"},
	{"xsl:key : error missing *", "xsl:key : attribut « %1 » manquant"},
	{"xsl:exclude-result-prefixes : undefined namespace *", "exclude-result-prefixes : préfixe « %1 » non déclaré"},
	{"xsl:extension-element-prefix : undefined namespace *", "extension-element-prefixes : préfixe « %1 » non déclaré"},
	{"The XSLT-element '*' is not allowed at this position.", "l'élément XSLT « %1 » n'est pas permis à cet endroit"},
	{"The element '*' is not allowed at this position.", "l'élément « %1 » n'est pas permis à cet endroit"},
	{"xsl:text: disable-output-escaping allows only yes or no", "xsl:text : disable-output-escaping vaut yes ou no"},
	{"xsl:value-of : disable-output-escaping allows only yes or no",
	 "xsl:value-of : disable-output-escaping vaut yes ou no"},
	{"xsltParseTemplateContent: ignoring misplaced param element",
	 "xsl:param mal placé (seulement au début d'un modèle) : ignoré"},
	{"xsltParseStylesheetProcess : empty stylesheet", "feuille de style vide"},
	{"xsl:version is missing: document may not be a stylesheet",
	 "attribut « version » manquant : ce fichier n'est peut-être pas une feuille de style"},
	{"Found a top-level element * with null namespace URI",
	 "élément « %1 » sans espace de noms au premier niveau de la feuille de style"},
	{"xsltParseStylesheetTop: ignoring misplaced import element",
	 "xsl:import doit précéder tout autre élément de la feuille de style"},
	{"xsltParseStylesheetTop: ignoring misplaced * element", "xsl:%1 mal placé au premier niveau de la feuille de style"},
	{"xsltParseStylesheetTop: unknown * element", "élément « %1 » inconnu au premier niveau de la feuille de style"},
	{"xsltParseStylesheetStripSpace: missing elements attribute", "xsl:strip-space : attribut « elements » manquant"},
	{"xsltParseStylesheetPreserveSpace: missing elements attribute",
	 "xsl:preserve-space : attribut « elements » manquant"},
	{"xsltParseStylestyleDecimalFormat: * already exists", "xsl:decimal-format « %1 » déclaré deux fois"},
	{"xsl:template : error invalid name '*'", "xsl:template : nom « %1 » invalide"},
	{"xsl:template: need to specify match or name attribute", "xsl:template : attribut « match » ou « name » attendu"},
	{"Namespaces prefix * used for multiple namespaces", "préfixe « %1 » employé pour plusieurs espaces de noms"},
	{"xsl:message : terminate expecting 'yes' or 'no'", "xsl:message : terminate vaut yes ou no"},
	{"*:* : no namespace bound to prefix *", "préfixe « %3 » non déclaré (%1:%2)"},
	{"No namespace bound to prefix '*'.", "préfixe « %1 » non déclaré"},
	{"* : no namespace bound to prefix *", "préfixe « %2 » non déclaré (%1)"},
	{"xsltCompileStepPattern : no namespace bound to prefix *", "motif : préfixe « %1 » non déclaré"},
	{"xsltCompileStepPattern : Name expected", "motif invalide : nom attendu"},
	{"xsltCompileLocationPathPattern : Name expected", "motif invalide : nom attendu"},
	{"xsltCompileStepPattern : NodeTest expected", "motif invalide : test de nœud attendu"},
	{"xsltCompileIdKeyPattern : Literal expected", "motif invalide : chaîne attendue dans id() ou key()"},
	{"xsltCompileIdKeyPattern : *", "motif invalide : id() ou key() mal écrit"},
	{"Failed to compile predicate", "prédicat du motif invalide"},
	{"xsl:* : compilation failed", "xsl:%1 : instruction invalide"},
	{"XSLT-variable: Redefinition of variable '*'.", "variable « %1 » déclarée deux fois dans le même modèle"},
	{"XSLT-param: Redefinition of parameter '*'.", "paramètre « %1 » déclaré deux fois dans le même modèle"},
	{"redefinition of global variable *", "variable globale « %1 » déclarée deux fois"},
	{"xsl:key : 'match' pattern is empty", "xsl:key : motif « match » vide"},
	{"xsl:key : 'match' pattern is malformed: *", "xsl:key : motif « %1 » mal formé"},
	{"xsl:key : 'match' pattern compilation failed '*'", "xsl:key : motif « %1 » invalide"},
	{"xsl:key : 'use' expression compilation failed '*'", "xsl:key : expression « %1 » de use invalide"},
	{"namespace-alias: * attribute missing", "xsl:namespace-alias : attribut « %1 » manquant"},
	{"namespace-alias: prefix * not bound to any namespace", "xsl:namespace-alias : préfixe « %1 » non déclaré"},
	{"xsl:import : missing href attribute", "xsl:import : attribut « href » manquant"},
	{"xsl:include : missing href attribute", "xsl:include : attribut « href » manquant"},
	{"xsl:attribute-set : name is missing", "xsl:attribute-set : attribut « name » manquant"},
	{"xsl:attribute-set : use-attribute-sets recursion detected on *",
	 "xsl:attribute-set : « %1 » s'emploie lui-même (use-attribute-sets)"},
	{"xsl:attribute-set : use-attribute-sets maximum recursion depth exceeded on *",
	 "xsl:attribute-set : use-attribute-sets imbriqués trop profondément sur « %1 »"},
	{"xsl:attribute-set : The name '*' in use-attribute-sets is not a valid QName.",
	 "xsl:attribute-set : « %1 » n'est pas un nom valide (use-attribute-sets)"},
	{"xsl:attribute-set : The name '*' is not a valid QName.", "xsl:attribute-set : nom « %1 » invalide"},
	{"xsl:attribute-set : No namespace found for QName '*:*'*", "xsl:attribute-set : préfixe « %1 » non déclaré"},
	{"xsl:attribute-set : unexpected child xsl:*", "xsl:attribute-set : seul xsl:attribute est permis ici, pas xsl:%1"},
	{"xsl:attribute-set : unexpected child *", "xsl:attribute-set : seul xsl:attribute est permis ici, pas « %1 »"},
	{"xsl:attribute-set : child of unexpected type", "xsl:attribute-set : seul xsl:attribute est permis ici"},
	{"The name '*' in use-attribute-sets is not a valid QName.", "« %1 » n'est pas un nom valide (use-attribute-sets)"},
	{"use-attribute-set : No namespace found for QName '*:*'", "use-attribute-sets : préfixe « %1 » non déclaré"},
	{"element * only allowed as child of stylesheet",
	 "l'élément « %1 » n'est permis qu'au premier niveau de la feuille de style"},
	{"element * only allowed only as root element", "l'élément « %1 » n'est permis que comme racine"},
	{"element * is not allowed within that context", "l'élément « %1 » n'est pas permis à cet endroit"},
	{"element * only allowed within a template, variable or param",
	 "l'élément « %1 » n'est permis que dans un modèle, une variable ou un paramètre"},
	{"The attribute '*' is missing.", "attribut « %1 » manquant"},
	{"The value '*' of the attribute '*' is not a valid QName.", "« %1 » n'est pas un nom valide (attribut « %2 »)"},
	{"XSLT-apply-templates: could not compile select expression '*'", "xsl:apply-templates : expression « %1 » invalide"},
	{"XSLT-with-param: Failed to compile select expression '*'", "xsl:with-param : expression « %1 » invalide"},
	{"XSLT-with-param: The content should be empty since the attribute select is present.",
	 "xsl:with-param : un contenu en plus de l'attribut select"},
	{"XSLT-param: could not compile select expression '*'.", "xsl:param : expression « %1 » invalide"},
	{"XSLT-param: The content should be empty since the attribute 'select' is present.",
	 "xsl:param : un contenu en plus de l'attribut select"},
	{"XSLT-variable: Failed to compile the XPath expression '*'.", "xsl:variable : expression « %1 » invalide"},
	{"XSLT-variable: There must be no child nodes, since the attribute 'select' was specified.",
	 "xsl:variable : un contenu en plus de l'attribut select"},
	{"xsl:* : test is not defined", "xsl:%1 : attribut « test » manquant"},
	{"XSLT-attribute: The attribute 'name' is missing.", "xsl:attribute : attribut « name » manquant"},
	{"xsl:*: The attribute 'name' is missing.", "xsl:%1 : attribut « name » manquant"},
	{"xsl:*: The value '*' of the attribute 'name' is not a valid QName.", "xsl:%1 : nom « %2 » invalide"},
	{"xsl:*: The attribute name 'xmlns' is not allowed.", "xsl:%1 : le nom « xmlns » n'est pas permis"},
	{"xsl:*: The prefixed QName '*' has no namespace binding in scope in the stylesheet; *",
	 "xsl:%1 : le préfixe de « %2 » n'est pas déclaré dans la feuille de style"},
	{"xsltSortComp: no support for data-type = *", "xsl:sort : data-type « %1 » non pris en charge (text ou number)"},
	{"xsltSortComp: invalid value * for order", "xsl:sort : order « %1 » invalide (ascending ou descending)"},
	{"xsltSortComp: could not compile select expression '*'", "xsl:sort : expression « %1 » invalide"},
	{"xsl:sort : is not empty", "xsl:sort doit être vide"},
	{"xsl:number : invalid value * for level", "xsl:number : level « %1 » invalide (single, multiple ou any)"},
	{"xsl:number : invalid value * for letter-value", "xsl:number : letter-value « %1 » invalide"},
	{"xsl:number : * not implemented", "xsl:number : %1 non pris en charge"},
	{"xsl:comment : '--' or ending '-' not allowed in comment",
	 "xsl:comment : « -- » ou un « - » final interdit dans un commentaire"},
	{"xsl:processing-instruction : name is missing", "xsl:processing-instruction : attribut « name » manquant"},
	{"xsl:processing-instruction: '?>' not allowed within PI content",
	 "xsl:processing-instruction : « ?> » interdit dans le contenu"},
	/* libxslt, while transforming */
	{"Variable '{*}*' has not been declared.", "la variable « %2 » n'est pas déclarée"},
	{"Evaluating global variable * failed", "le calcul de la variable globale « %1 » a échoué"},
	{"Recursive definition of *", "« %1 » se définit par lui-même (définition récursive)"},
	{"xpath : string() function didn't return a String", "string() n'a pas donné une chaîne"},
	{"xsltInitCtxtKey: key definition of * is recursive", "la clé « %1 » se définit par elle-même"},
	{"Key definition for * is recursive", "la clé « %1 » se définit par elle-même"},
	{"Failed to evaluate the 'match' expression.", "xsl:key : le calcul du motif match a échoué"},
	{"The 'match' expression did not evaluate to a node set.", "xsl:key : le motif match ne donne pas des nœuds"},
	{"Failed to evaluate the 'use' expression.", "xsl:key : le calcul de l'expression use a échoué"},
	{"Failed to find key definition for *", "key() : aucune clé « %1 » déclarée (xsl:key)"},
	{"xsl-number : negative value", "xsl:number : valeur négative"},
	{"xsltFormatNumberConversion : Invalid format (0-length)", "format-number() : format vide"},
	{"xsltFormatNumberConversion : error in format string '*', using default",
	 "format-number() : format « %1 » invalide, format par défaut employé"},
	{"node-set() : expects one result-tree arg", "node-set() : un argument attendu"},
	{"node-set() invalid arg expecting a result tree", "node-set() : un fragment d'arbre attendu"},
	{"format-number : No namespace found for QName '*:*'", "format-number() : préfixe « %1 » non déclaré"},
	{"format-number() : undeclared decimal format '*'", "format-number() : aucun xsl:decimal-format « %1 »"},
	{"generate-id() : invalid arg expecting a node-set", "generate-id() : un ensemble de nœuds attendu"},
	{"generate-id() : invalid number of args *", "generate-id() : nombre d'arguments invalide (%1)"},
	{"*() : expects one string arg", "%1() : un argument chaîne attendu"},
	{"*() : prefix * is not bound", "%1() : préfixe « %2 » non déclaré"},
	{"current() : function uses no argument", "current() ne prend pas d'argument"},
	{"key() : expects two arguments", "key() : deux arguments attendus"},
	{"key() : invalid arg expecting a string", "key() : une chaîne est attendue"},
	{"document() : invalid number of args *", "document() : nombre d'arguments invalide (%1)"},
	{"document() : invalid arg value", "document() : argument invalide"},
	{"document() : invalid arg expecting a nodeset", "document() : un ensemble de nœuds attendu"},
	{"document() : failed to parse URI", "document() : adresse illisible"},
	{"document() : XPointer does not select a node set: #*", "document() : le fragment « #%1 » ne désigne aucun nœud"},
	{"*() : invalid arg expecting a string", "%1() : une chaîne est attendue"},
	{"Namespace normalization error: Cannot undeclare the default namespace, since the default namespace '*' is "
	 "already declared on the result element '*'.",
	 "l'espace de noms par défaut « %1 » de l'élément produit « %2 » ne peut être retiré"},
	{"Namespace nodes must be added before any child nodes are added to an element.",
	 "un espace de noms doit être ajouté à un élément avant tout contenu"},
	{"Cannot add an attribute node to a non-element node.", "un attribut ne peut être ajouté qu'à un élément"},
	{"xsl:*: The effective name '*' is not a valid QName.", "xsl:%1 : le nom calculé « %2 » n'est pas un nom valide"},
	{"xsl:attribute: The effective name 'xmlns' is not allowed.", "xsl:attribute : le nom « xmlns » n'est pas permis"},
	{"xsl:attribute: Namespace http://www.w3.org/2000/xmlns/ forbidden.",
	 "xsl:attribute : l'espace de noms http://www.w3.org/2000/xmlns/ est interdit"},
	{"xsl:*: The QName '*:*' has no namespace binding in scope in the stylesheet; *",
	 "xsl:%1 : le préfixe « %2 » n'est pas déclaré dans la feuille de style"},
	{"xsl:element : creation of * failed", "xsl:element : l'élément « %1 » n'a pas pu être créé"},
	{"xsl:choose: The instruction has no content.", "xsl:choose vide : au moins un xsl:when attendu"},
	{"xsl:choose: xsl:when expected first", "xsl:choose : un xsl:when attendu en premier"},
	{"The 'select' expression does not evaluate to a node set.",
	 "xsl:for-each : l'expression select ne donne pas des nœuds"},
	{"The 'select' expression did not evaluate to a node set.",
	 "xsl:apply-templates : l'expression select ne donne pas des nœuds"},
	{"Failed to evaluate the 'select' expression.", "le calcul de l'expression select a échoué"},
	{"The number of xsl:sort instructions exceeds the maximum (*) allowed by this processor.",
	 "plus de %1 xsl:sort dans une instruction"},
	{"The number (*) of xsl:sort instructions exceeds the maximum allowed by this processor's settings.",
	 "trop d'xsl:sort dans une instruction (%1)"},
	{"It is an error to call 'apply-imports' when there's no current template rule.",
	 "xsl:apply-imports hors d'un modèle appliqué par un motif (match)"},
	{"The called template '{*}*' was not found.", "aucun modèle nommé « %2 » (xsl:call-template)"},
	{"xsl:call-template: misplaced xsl:*", "xsl:call-template : xsl:%1 mal placé (seul xsl:with-param est permis)"},
	{"xsl:call-template: misplaced * element", "xsl:call-template : « %1 » mal placé (seul xsl:with-param est permis)"},
	{"xsltCopyTree: Copying of '*' failed.", "la copie de « %1 » a échoué"},
	{"Variable '*' has not been declared.", "la variable « %1 » n'est pas déclarée"},
	{"XPath evaluation returned no result.", "l'expression XPath n'a rien donné"},
	{"Evaluating user parameter * failed", "le calcul du paramètre « %1 » a échoué"},
	{"Failed to evaluate the expression of variable '*'.", "le calcul de la variable « %1 » a échoué"},
	{"xsl:call-template: The called template '*' was not found.", "xsl:call-template : aucun modèle nommé « %1 »"},
	{"xsltMessage: Terminating the transformation*", "le modèle a arrêté la transformation (xsl:message terminate=\"yes\")"},
	{"xsltDocumentElem: write rights for * denied", "écriture de « %1 » refusée : un modèle n'écrit aucun fichier"},
	{"xsltLoadDocument: read rights for * denied", "lecture de « %1 » refusée : un modèle ne lit rien par le réseau"},
	{"Unknown extension instruction '*'.", "instruction d'extension inconnue « %1 »"},
	{"xmlXPathCompOpEval: function * not found", "fonction « %1 » inconnue"},
	{"The is no fallback behaviour defined for the unknown XSLT element '*'.", "élément XSLT « %1 » inconnu"},
	{"xsl:value-of : cannot evaluate select expression", "xsl:value-of : l'expression ne peut être calculée"},
	{"xsl:copy-of : could not evaluate the 'select' expression.", "xsl:copy-of : l'expression ne peut être calculée"},
	{"document() : invalid arg expecting a string", "document() : une chaîne est attendue"},
	{"Attribute nodes must be added before any child nodes to an element.",
	 "un attribut doit être ajouté à un élément avant tout contenu"},
	{"xsl:attribute: Cannot add attributes to an element if children have been already added to the element.",
	 "xsl:attribute : un attribut doit être ajouté à un élément avant tout contenu"},
};

/* Messages that are not template errors of their own: the security
 * preferences' refusals (sandbox.h's reasons say it once), libxslt's
 * limits (ours say which), and a consequence of the error before. */
_Static_assert(SANDBOX_DEPTH == 400 && SANDBOX_VARS == 5000, "the limits the messages below give");
static const struct {
	const char *en;
	diag_code code;   /* D_INTERNAL: dropped */
	const char *fr;
} special[] = {
	{"Network file read for * refused", D_INTERNAL, NULL},
	{"File write for * refused", D_INTERNAL, NULL},
	{"Directory creation for * refused", D_INTERNAL, NULL},
	{"xsltLoadDocument: read rights for * denied", D_TEMPLATE_SANDBOX, "un modèle ne lit rien par le réseau"},
	{"xsltDocumentElem: write rights for * denied", D_TEMPLATE_SANDBOX, "un modèle n'écrit aucun fichier"},
	{"xsltDocumentElem: unable to save to *", D_INTERNAL, NULL},
	{"xsltApplySequenceConstructor: A potential infinite template recursion was detected.", D_TEMPLATE_LIMIT,
	 "modèles appelés les uns dans les autres sur plus de 400 niveaux : une récursion sans fin ?"},
	{"xsltApplyXSLTTemplate: A potential infinite template recursion was detected.", D_TEMPLATE_LIMIT,
	 "modèles appelés les uns dans les autres sur plus de 400 niveaux : une récursion sans fin ?"},
	{"xsltApplyXSLTTemplate: A potential infinite recursion was detected*", D_TEMPLATE_LIMIT,
	 "plus de 5000 variables et paramètres à la fois : une récursion sans fin ?"},
	{"Operation limit exceeded", D_TEMPLATE_LIMIT,
	 "une expression XPath a dépassé le nombre d'opérations permis pour ce document : des chemins « // » "
	 "imbriqués dans des prédicats ?"},
};

/* Whether text is one of libxml2's XPath messages (the table's first part):
 * libxslt writes them on their own, before its located message. */
static int is_xpath_message(const char *text)
{
	for (size_t i = 0; french[i][0]; i++)
		if (strcmp(french[i][0], text) == 0)
			return 1;
	return 0;
}

/* Matches text against an English pattern; the captures go into caps. */
static int match(const char *pat, const char *text, char caps[][200], int ncaps)
{
	int k = 0;
	while (*pat) {
		if (*pat != '*') {
			if (*pat++ != *text++)
				return 0;
			continue;
		}
		pat++;
		size_t lit = strcspn(pat, "*");
		const char *end = lit == 0 ? text + strlen(text) : NULL;
		for (const char *t = text; !end && *t; t++)
			if (strncmp(t, pat, lit) == 0)
				end = t;
		if (!end || k >= ncaps)
			return 0;
		snprintf(caps[k++], 200, "%.*s", (int)(end - text), text);
		text = end;
	}
	return *text == 0;
}

/* The French text of an English message into out: a table entry, else a
 * French sentence with the English quoted (an internal error, a memory
 * failure: nothing a template author fixes by reading it). */
static void translate(const char *en, char *out, size_t cap)
{
	char caps[4][200];
	if (strncmp(en, "fn:", 3) == 0) {
		snprintf(out, cap, "%s", en);  /* our extension functions speak French (xslt_functions.c) */
		return;
	}
	for (size_t i = 0; i < sizeof french / sizeof *french; i++) {
		if (!french[i][0] || !match(french[i][0], en, caps, 4))
			continue;
		size_t n = 0;
		for (const char *f = french[i][1]; *f && n + 1 < cap; f++) {
			if (f[0] == '%' && f[1] >= '1' && f[1] <= '4') {
				n += (size_t)snprintf(out + n, cap - n, "%s", caps[f[1] - '1']);
				f++;
				if (n >= cap)
					n = cap - 1;
			} else {
				out[n++] = *f;
			}
		}
		out[n] = 0;
		return;
	}
	snprintf(out, cap, "libxslt signale un problème (message non traduit) : « %s »", en);
}

void xslt_sink_init(xslt_sink *s, sandbox *sb, diag_list *diags, xsltTransformContextPtr tc)
{
	memset(s, 0, sizeof *s);
	s->diags = diags;
	s->sb = sb;
	s->tc = tc;
	s->line = -1;
	sb->report = xslt_sink_vmessage;
	sb->report_user = s;
}

static void add(xslt_sink *s, diag_code code, int line, const char *a, const char *b)
{
	char key[700];
	snprintf(key, sizeof key, "%d %s %s", (int)code, a, b ? b : "");
	if (line == s->last_line && strcmp(key, s->last) == 0)
		return;  /* the same cause, said again (libxslt repeats some) */
	snprintf(s->last, sizeof s->last, "%s", key);
	s->last_line = line;
	const char *saved = s->diags->file;
	if (s->file[0])
		s->diags->file = s->file;  /* the stylesheet libxslt names: an imported one's */
	diag_add(s->diags, code, line, 0, a, b);
	s->diags->file = saved;
}

/* A message of the sandbox that stands for this one of libxslt. */
static int sandbox_message(xslt_sink *s, int line)
{
	sandbox *sb = s->sb;
	if (sb->pending == D_INTERNAL)
		return 0;
	diag_code code = sb->pending;
	sb->pending = D_INTERNAL;
	char *why = strchr(sb->pending_text, '\n');
	if (why)
		*why++ = 0;
	add(s, code, line, sb->pending_text, why);
	return 1;
}

/* A message of the special table: reported with its code, or dropped. */
static int special_message(xslt_sink *s, int line, const char *text)
{
	char caps[4][200];
	for (size_t i = 0; i < sizeof special / sizeof *special; i++) {
		if (!match(special[i].en, text, caps, 4))
			continue;
		if (special[i].code == D_TEMPLATE_SANDBOX)
			add(s, special[i].code, line, caps[0], special[i].fr);
		else if (special[i].code != D_INTERNAL)
			add(s, special[i].code, line, special[i].fr, NULL);
		s->xpath[0] = 0;
		return 1;
	}
	return 0;
}

static int is_special(const char *text)
{
	char caps[4][200];
	for (size_t i = 0; i < sizeof special / sizeof *special; i++)
		if (match(special[i].en, text, caps, 4))
			return 1;
	return 0;
}

static int line_of_instruction(const xslt_sink *s)
{
	return s->tc && s->tc->inst ? (int)xmlGetLineNo(s->tc->inst) : 0;
}

static void message(xslt_sink *s, const char *text)
{
	int line = s->line >= 0 ? s->line : line_of_instruction(s);
	if (s->sb->stopped && s->sb->pending == D_INTERNAL)
		return;  /* what libxslt says while unwinding a stop of ours */
	if (sandbox_message(s, line))
		return;
	if (special_message(s, line, s->xpath[0] ? s->xpath : text))
		return;
	if (strcmp(text, "XPath evaluation returned no result.") == 0 && line == s->last_line && line > 0)
		return;  /* the consequence of the error just reported at this line */
	char fr[800], both[1300];
	translate(text, fr, sizeof fr);
	if (s->xpath[0]) {
		char x[400];
		translate(s->xpath, x, sizeof x);
		snprintf(both, sizeof both, "%s : %s", fr, x);
		add(s, D_TEMPLATE_XSLT, line, both, NULL);
	} else {
		add(s, D_TEMPLATE_XSLT, line, fr, NULL);
	}
	s->xpath[0] = 0;
}

static int starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* An xsl:message's text, once its fate is known: the transform stopped
 * (terminate="yes") or went on. */
static void settle_message(xslt_sink *s)
{
	if (!s->msg[0])
		return;
	diag_code code = s->tc && s->tc->state == XSLT_STATE_STOPPED ? D_TEMPLATE_XSLT : D_TEMPLATE_MESSAGE;
	char text[800];
	snprintf(text, sizeof text, code == D_TEMPLATE_XSLT ? "le modèle a arrêté la transformation (xsl:message) : « %s »"
	                                                    : "« %s »", s->msg);
	add(s, code, s->msg_line, text, NULL);
	s->msg[0] = 0;
}

/* One complete line of libxslt's or libxml2's output. */
static void take_line(xslt_sink *s, char *text)
{
	settle_message(s);

	if (starts(text, "runtime error: ") || starts(text, "compilation error: ") ||
	    starts(text, "compilation warning: ") || starts(text, "runtime warning: ")) {
		const char *l = strstr(text, " line ");
		s->line = l ? atoi(l + 6) : 0;
		const char *f = strstr(text, ": file ");
		s->file[0] = 0;
		if (f && l && l > f + 7)
			snprintf(s->file, sizeof s->file, "%.*s", (int)(l - f - 7), f + 7);
		s->warning = strstr(text, "warning: ") != NULL;
		s->in_xpath = 0;
		return;
	}
	if (starts(text, "XPath error : ")) {
		snprintf(s->xpath, sizeof s->xpath, "%s", text + 14);
		s->in_xpath = 1;
		return;
	}
	if (s->in_xpath || !*text || s->line == -2)
		return;  /* the expression and its caret; an explanation line after a message */
	if (s->line == -1 && (is_xpath_message(text) || is_special(text))) {
		snprintf(s->xpath, sizeof s->xpath, "%s", text);  /* its position follows */
		return;
	}
	if (s->line == -1 && s->tc && !(s->sb->pending != D_INTERNAL)) {
		snprintf(s->msg, sizeof s->msg, "%s", text);  /* xsl:message: no position line */
		s->msg_line = line_of_instruction(s);
		return;
	}
	if (s->warning) {
		s->line = -2;
		return;  /* compilation warnings: the checks of --check say what matters */
	}
	message(s, text);
	s->line = s->line >= 0 ? -2 : -1;
}

void xslt_sink_vmessage(void *user, const char *fmt, va_list ap)
{
	xslt_sink *s = user;
	if (s->len < sizeof s->text)
		s->len += (size_t)vsnprintf(s->text + s->len, sizeof s->text - s->len, fmt, ap);
	if (s->len >= sizeof s->text)
		s->len = sizeof s->text - 1;
	char *nl;
	while ((nl = memchr(s->text, '\n', s->len))) {
		*nl = 0;
		take_line(s, s->text);
		size_t used = (size_t)(nl + 1 - s->text);
		memmove(s->text, nl + 1, s->len - used);
		s->len -= used;
		s->text[s->len] = 0;
	}
}

void xslt_sink_message(void *user, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	xslt_sink_vmessage(user, fmt, ap);
	va_end(ap);
}

void xslt_sink_flush(xslt_sink *s)
{
	if (s->len) {
		s->text[s->len] = 0;
		take_line(s, s->text);
		s->len = 0;
	}
	settle_message(s);
	if (s->xpath[0] && s->line != -2)
		message(s, "XPath evaluation returned no result.");
}
