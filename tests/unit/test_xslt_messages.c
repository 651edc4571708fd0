/* SPDX-License-Identifier: Apache-2.0 */
/* libxslt's messages as a template author reads them (xslt_messages.c):
 * messages in the exact form libxslt 1.1.35 writes them (its format
 * strings filled in), after their position line, come out as one
 * diagnostic at that line, in French; a message the catalogue does not
 * hold is said by a French sentence with the English quoted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "sandbox.h"
#include "xslt_messages.h"

/* The diagnostic the sink makes of one located compile-time message. */
static void said(const char *english, char *french, size_t cap)
{
	diag_list dl = {.file = "deliberation.xsl"};
	sandbox sb = {.pending = D_INTERNAL};
	xslt_sink s;
	xslt_sink_init(&s, &sb, &dl, NULL);
	xslt_sink_message(&s, "compilation error: file /t/deliberation.xsl line 7 element value-of\n");
	xslt_sink_message(&s, "%s\n", english);
	xslt_sink_flush(&s);
	assert_int_equal(dl.n, 1);
	assert_int_equal(dl.items[0].line, 7);
	assert_string_equal(dl.items[0].id, "template.xslt");
	snprintf(french, cap, "%s", dl.items[0].message);
	diag_list_free(&dl);
}

static void expect(const char *english, const char *french)
{
	char got[1200], want[1200];
	said(english, got, sizeof got);
	snprintf(want, sizeof want, "erreur dans le modèle : %s", french);
	assert_string_equal(got, want);
}

static void compile_time_messages_are_french(void **state)
{
	(void)state;
	expect("Attribute 'style': The AVT has an unmatched '{'.", "attribut « style » : accolade « { » sans accolade fermante");
	expect("xsltParseStylesheetTop: unknown variabel element",
	       "élément « variabel » inconnu au premier niveau de la feuille de style");
	expect("xsltParseStylesheetTop: ignoring misplaced import element",
	       "xsl:import doit précéder tout autre élément de la feuille de style");
	expect("xsl:key : error missing use", "xsl:key : attribut « use » manquant");
	expect("xsl:value-of : could not compile select expression 'd:objet['",
	       "xsl:value-of : expression « d:objet[ » invalide");
	expect("xsl:when : test is not defined", "xsl:when : attribut « test » manquant");
	expect("XSLT-variable: Redefinition of variable 'n'.", "variable « n » déclarée deux fois dans le même modèle");
	expect("xsl:attribute-set : unexpected child xsl:value-of",
	       "xsl:attribute-set : seul xsl:attribute est permis ici, pas xsl:value-of");
	expect("xsltSortComp: invalid value up for order", "xsl:sort : order « up » invalide (ascending ou descending)");
	expect("xsl:template: need to specify match or name attribute",
	       "xsl:template : attribut « match » ou « name » attendu");
}

static void run_time_messages_are_french(void **state)
{
	(void)state;
	expect("format-number() : undeclared decimal format 'fr'", "format-number() : aucun xsl:decimal-format « fr »");
	expect("Evaluating global variable titre failed", "le calcul de la variable globale « titre » a échoué");
	expect("Variable '{urn:x}n' has not been declared.", "la variable « n » n'est pas déclarée");
	expect("system-property() : invalid arg expecting a string", "system-property() : une chaîne est attendue");
	expect("It is an error to call 'apply-imports' when there's no current template rule.",
	       "xsl:apply-imports hors d'un modèle appliqué par un motif (match)");
	expect("xsl:choose: xsl:when expected first", "xsl:choose : un xsl:when attendu en premier");
}

static void other_messages_are_quoted(void **state)
{
	(void)state;
	expect("xsltNewTransformContext : malloc failed",
	       "libxslt signale un problème (message non traduit) : « xsltNewTransformContext : malloc failed »");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compile_time_messages_are_french),
		cmocka_unit_test(run_time_messages_are_french),
		cmocka_unit_test(other_messages_are_quoted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
