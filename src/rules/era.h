/* SPDX-License-Identifier: Apache-2.0 */
/* Rules by date: which law applies to a séance.
 *
 * One table of periods (era.c) partitions the calendar; each period gives
 * the quorum, the number of proxies a member may hold and the publicity
 * regime of the executory block, with their legal references. The
 * validator (check.c) and the templates (through fn:era, see
 * xslt_functions.h) read the same table, so that the wording printed and
 * the rules checked can never disagree. The period is chosen by the date
 * of the séance.
 *
 * Pure C, no global mutable state.
 */
#ifndef DELIB_ERA_H
#define DELIB_ERA_H
#include <stddef.h>

typedef enum era_quorum {
	ERA_QUORUM_HALF,   /* more than half of the members in office present (L2121-17) */
	ERA_QUORUM_THIRD   /* at least one third present (COVID laws) */
} era_quorum;

typedef enum era_publicity {
	ERA_PUBLICITY_DISPLAY,     /* "Affiché ou notifié le" (before 1 July 2022) */
	ERA_PUBLICITY_PUBLICATION  /* "Publié le" / "Notifié le" (ordonnance 2021-1310) */
} era_publicity;

typedef struct era {
	const char *id;            /* stable name of the period, e.g. "covid-2021-1465" */
	const char *from, *to;     /* first and last day, "YYYY-MM-DD"; NULL = open */
	era_quorum quorum;
	int proxies_per_holder;    /* proxies one present member may hold */
	era_publicity publicity;
	const char *quorum_ref;    /* legal references, French, for messages */
	const char *proxies_ref;
	const char *publicity_ref;
} era;

/* The period in force on an ISO date "YYYY-MM-DD"; NULL if the date is not
 * a valid date of that form. */
const era *era_at(const char *date);

/* The whole table, in date order (for tests and documentation). */
const era *era_table(size_t *count);

/* Days since 1970-01-01 of an ISO date "YYYY-MM-DD" (proleptic Gregorian);
 * 0 ok, -1 if not a valid date of that form. */
int era_days(const char *date, long *days);

/* The executory block's attribute that carries the publicity date of an act
 * of ACTES nature `nature` in period e: "affichage" before the reform;
 * after it "notification" for an individual act (AI), "publication" for the
 * others. */
const char *era_publicity_attribute(const era *e, const char *nature);

/* The value of fn:era(date, aspect[, nature]) for templates:
 *   "id"        the period's id
 *   "quorum"    "moitie" | "tiers"
 *   "pouvoirs"  "1" | "2"
 *   "publicite" era_publicity_attribute(): "affichage" | "publication" | "notification"
 *   "reference" the legal references of the period
 * NULL for an unknown aspect. */
const char *era_value(const era *e, const char *aspect, const char *nature);

/* The text that allowed the members of a collectivity of this type
 * ("commune", "epci", …) to take part in its séance of this ISO date at a
 * distance, by teleconference, French ("CGCT L5211-11-1", "ordonnance
 * n° 2020-391 du 1er avril 2020, art. 6…"); NULL when none did. */
const char *era_remote_basis(const char *date, const char *type);
#endif
