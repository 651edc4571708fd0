/* SPDX-License-Identifier: Apache-2.0 */
/* The convocation of a séance (CGCT L2121-10 to L2121-12, L3121-19,
 * L4132-18), built from the projets of its affairs: the document the
 * template's convocation.xsl reads (docs/templates.md). */
#ifndef DELIB_CONVOCATION_DOC_H
#define DELIB_CONVOCATION_DOC_H
#include <libxml/tree.h>
#include "diag.h"
#include "liste.h"

/* Checks that the projets belong to one séance of one collectivity (date
 * and SIREN of the first, by path) with distinct numbers, reporting each
 * other one at its file and line, then sorts them by number (the ordre du
 * jour's order). Returns the number of errors reported. */
int convocation_check(liste_entry *entries, int n, diag_list *dl);

/* <convocation xmlns="urn:delib:deliberation:1" note="oui|non"
 * article="…" delai="…"> with the collectivite and seance of the first
 * projet, the president who convenes (<president civilite prenom nom
 * fonction>, when known), then one <point numero nature> per projet holding
 * its objet, rapporteur (<rapporteur civilite prenom nom>) and expose.
 * note="oui" where a note explicative de synthèse (communes of 3,500
 * inhabitants and more, EPCI with such a commune: L2121-12) or a report on
 * each affair (départements, régions: L3121-19, L4132-18) goes with the
 * convocation. NULL if out of memory. */
xmlDocPtr convocation_document(const liste_entry *entries, int n);
#endif
