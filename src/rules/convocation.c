/* SPDX-License-Identifier: Apache-2.0 */
/* The table of convocation rules by collectivity; see convocation.h.
 * Clear days (jours francs) exclude the day of sending and the day of the
 * séance: n clear days is a gap of n + 1 days between the two dates. */
#include "convocation.h"

#include <string.h>

#define POPULATION_THRESHOLD 3500  /* CGCT L2121-11 / L2121-12 */

static const convocation_rule SMALL = {
	4, 2, 1, 1, "au moins 3 jours francs", "au moins 1 jour franc", "commune de moins de 3 500 habitants",
	"CGCT L2121-11", "CGCT L2121-11", "article L2121-11 du CGCT", 0, 1};
static const convocation_rule LARGE = {
	6, 2, 1, 1, "au moins 5 jours francs", "au moins 1 jour franc", "commune de 3 500 habitants et plus",
	"CGCT L2121-12", "CGCT L2121-12", "article L2121-12 du CGCT", 1, 1};
/* L2541-2: "trois jours au moins avant la séance et, en cas d'urgence, la
 * veille", read by the ministry as the rule of communes under 3 500. */
static const convocation_rule ALSACE_SMALL = {
	3, 1, 0, 0, "au moins 3 jours avant la séance", "au plus tard la veille",
	"commune d'Alsace-Moselle de moins de 3 500 habitants",
	"CGCT L2541-2", "CGCT L2541-2", "article L2541-2 du CGCT", 0, 1};
static const convocation_rule EPCI_SMALL = {
	4, 2, 1, 1, "au moins 3 jours francs", "au moins 1 jour franc",
	"établissement public de coopération intercommunale sans commune de 3 500 habitants",
	"CGCT L2121-11 par renvoi de L5211-1", "CGCT L2121-11 par renvoi de L5211-1",
	"articles L2121-11 et L5211-1 du CGCT", 0, 1};
static const convocation_rule EPCI_LARGE = {
	6, 2, 1, 1, "au moins 5 jours francs", "au moins 1 jour franc",
	"établissement public de coopération intercommunale comprenant une commune de 3 500 habitants et plus",
	"CGCT L2121-12 par renvoi de L5211-1", "CGCT L2121-12 par renvoi de L5211-1",
	"articles L2121-12 et L5211-1 du CGCT", 1, 1};
static const convocation_rule DEPARTEMENT = {
	12, 2, 0, 1, "au moins 12 jours avant la séance", "au moins 1 jour franc", "département",
	"CGCT L3121-19", "CGCT L3121-19", "article L3121-19 du CGCT", 1, 1};
static const convocation_rule REGION = {
	12, 2, 0, 1, "au moins 12 jours avant la séance", "au moins 1 jour franc", "région",
	"CGCT L4132-18", "CGCT L4132-18", "article L4132-18 du CGCT", 1, 1};

int convocation_alsace_moselle(const char *d)
{
	if (d == NULL)
		return 0;
	if (d[0] == '0' && strlen(d) == 3)
		d++;
	return strcmp(d, "57") == 0 || strcmp(d, "67") == 0 || strcmp(d, "68") == 0;
}

int convocation_rule_of(const char *type, const char *departement, long long population,
                        convocation_rule *out)
{
	int small = population >= 0 && population < POPULATION_THRESHOLD;

	if (type == NULL || out == NULL)
		return -1;
	if (strcmp(type, "commune") == 0) {
		if (small && convocation_alsace_moselle(departement))
			*out = ALSACE_SMALL;
		else
			*out = small ? SMALL : LARGE;
	} else if (strcmp(type, "epci") == 0 || strcmp(type, "syndicat") == 0) {
		*out = small ? EPCI_SMALL : EPCI_LARGE;
	} else if (strcmp(type, "departement") == 0) {
		*out = DEPARTEMENT;
		return 0;
	} else if (strcmp(type, "region") == 0) {
		*out = REGION;
		return 0;
	} else {
		return -1;
	}
	out->size_known = population >= 0;
	return 0;
}
