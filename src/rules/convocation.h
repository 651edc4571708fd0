/* SPDX-License-Identifier: Apache-2.0 */
/* Convocation rules by collectivity: how long before the séance the
 * convocation (or the reports) must be sent, in ordinary times and in
 * declared urgency, and which article says so.
 *
 *   commune < 3 500 inhabitants     3 clear days, urgency 1 clear day   CGCT L2121-11
 *   commune >= 3 500 (or unknown)   5 clear days, urgency 1 clear day,  CGCT L2121-12
 *                                   note explicative de synthèse
 *   Alsace-Moselle (57, 67, 68),    3 days at least, urgency the day    CGCT L2541-2
 *   commune < 3 500                 before ("la veille")
 *   EPCI, syndicat                  the commune rules by the size of    CGCT L5211-1
 *                                   their largest member commune
 *   département                     12 days, urgency 1 clear day        CGCT L3121-19
 *   région                          12 days, urgency 1 clear day        CGCT L4132-18
 *
 * The validator (check.c: convocation.delay) and the templates (the
 * urgency's article, through fn:vote-sentences) read the same table.
 * Pure C, no global mutable state.
 */
#ifndef DELIB_CONVOCATION_H
#define DELIB_CONVOCATION_H

typedef struct convocation_rule {
	long min_gap;            /* séance day − sending day, at least [days] */
	long urgency_min_gap;    /* the same in declared urgency [days] */
	int clear, urgency_clear;    /* 1: the delay counts clear days (jours francs) */
	const char *delay;       /* "au moins 5 jours francs", "au moins 12 jours avant la séance" */
	const char *urgency_delay;   /* "au moins 1 jour franc", "au plus tard la veille" */
	const char *scope;       /* "commune de 3 500 habitants et plus" */
	const char *article;     /* "CGCT L2121-12" */
	const char *urgency_article;      /* "CGCT L2121-12" */
	const char *urgency_article_long; /* "article L2121-12 du CGCT" */
	int synthesis_note;      /* a note explicative de synthèse (L2121-12) or a
	                            report per affair (L3121-19, L4132-18) goes
	                            with the convocation */
	int size_known;          /* 0: population unknown, the rule of 3 500 and
	                            more was assumed */
} convocation_rule;

/* The rule for a collectivity of that type ("commune", "epci", "syndicat",
 * "departement", "region"), department code and population (-1 unknown;
 * for an EPCI or a syndicat the population of its largest member commune).
 * 0 ok, -1 for an unknown type. */
int convocation_rule_of(const char *type, const char *departement, long long population,
                        convocation_rule *out);

/* 1 for departments 57, 67, 68 (local law of Alsace-Moselle). */
int convocation_alsace_moselle(const char *departement);

#endif /* DELIB_CONVOCATION_H */
