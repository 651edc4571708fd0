/* SPDX-License-Identifier: Apache-2.0 */
#include "era.h"
#include <string.h>
#include "french.h"

#define REF_QUORUM "CGCT L2121-17"
#define REF_PROXIES "CGCT L2121-20"
#define REF_DISPLAY "CGCT L2131-1 (rédaction antérieure au 1er juillet 2022)"
#define REF_PUBLICATION "CGCT L2131-1, ordonnance n° 2021-1310 du 7 octobre 2021"
#define REF_COVID_2020_290 "loi n° 2020-290 du 23 mars 2020, art. 10"
#define REF_COVID_2020_1379 "loi n° 2020-1379 du 14 novembre 2020, art. 6, prorogée par la loi n° 2021-689"
#define REF_COVID_2021_1465 "loi n° 2021-1465 du 10 novembre 2021, art. 10"

/* The calendar, cut where a rule changes; each row runs from `from` to `to`
 * included, and the rows follow each other without gap or overlap (the
 * unit test checks it). The COVID windows are those of ../shared/DOMAIN.md
 * and of the laws named: quorum of one third of the members in office
 * present, two proxies per member.
 *   - loi 2020-290: 24 March 2020 – 10 July 2020 (end of the first state of
 *     health emergency);
 *   - loi 2020-1379: 15 November 2020 – 30 September 2021 (extended by loi
 *     2021-160, then loi 2021-689);
 *   - loi 2021-1465: 10 November 2021 – 31 July 2022.
 * The publicity reform (ordonnance 2021-1310) applies from 1 July 2022,
 * which splits the last COVID window in two. */
static const era ERAS[] = {
	{"droit-commun", NULL, "2020-03-23", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY,
	 REF_QUORUM, REF_PROXIES, REF_DISPLAY},
	{"covid-2020-290", "2020-03-24", "2020-07-10", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_DISPLAY,
	 REF_COVID_2020_290, REF_COVID_2020_290, REF_DISPLAY},
	{"droit-commun", "2020-07-11", "2020-11-14", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY,
	 REF_QUORUM, REF_PROXIES, REF_DISPLAY},
	{"covid-2020-1379", "2020-11-15", "2021-09-30", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_DISPLAY,
	 REF_COVID_2020_1379, REF_COVID_2020_1379, REF_DISPLAY},
	{"droit-commun", "2021-10-01", "2021-11-09", ERA_QUORUM_HALF, 1, ERA_PUBLICITY_DISPLAY,
	 REF_QUORUM, REF_PROXIES, REF_DISPLAY},
	{"covid-2021-1465", "2021-11-10", "2022-06-30", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_DISPLAY,
	 REF_COVID_2021_1465, REF_COVID_2021_1465, REF_DISPLAY},
	{"covid-2021-1465-publication", "2022-07-01", "2022-07-31", ERA_QUORUM_THIRD, 2, ERA_PUBLICITY_PUBLICATION,
	 REF_COVID_2021_1465, REF_COVID_2021_1465, REF_PUBLICATION},
	{"publication-electronique", "2022-08-01", NULL, ERA_QUORUM_HALF, 1, ERA_PUBLICITY_PUBLICATION,
	 REF_QUORUM, REF_PROXIES, REF_PUBLICATION},
};

const era *era_table(size_t *count)
{
	if (count)
		*count = sizeof ERAS / sizeof ERAS[0];
	return ERAS;
}

/* Days from civil (H. Hinnant's algorithm), proleptic Gregorian. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era400 = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era400 * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era400 * 146097 + (long)doe - 719468;
}

int era_days(const char *date, long *days)
{
	french_date d;
	if (french_date_parse(date, &d) != 0)
		return -1;
	*days = days_from_civil(d.year, (unsigned)d.month, (unsigned)d.day);
	return 0;
}

const era *era_at(const char *date)
{
	french_date d;
	if (french_date_parse(date, &d) != 0)
		return NULL;
	/* ISO dates of one form compare as strings. */
	for (size_t i = 0; i < sizeof ERAS / sizeof ERAS[0]; i++)
		if ((!ERAS[i].from || strcmp(date, ERAS[i].from) >= 0) && (!ERAS[i].to || strcmp(date, ERAS[i].to) <= 0))
			return &ERAS[i];
	return NULL;
}

const char *era_publicity_attribute(const era *e, const char *nature)
{
	if (!e || e->publicity == ERA_PUBLICITY_DISPLAY)
		return "affichage";
	return nature && strcmp(nature, "AI") == 0 ? "notification" : "publication";
}

const char *era_value(const era *e, const char *aspect, const char *nature)
{
	if (!e || !aspect)
		return NULL;
	if (strcmp(aspect, "id") == 0)
		return e->id;
	if (strcmp(aspect, "quorum") == 0)
		return e->quorum == ERA_QUORUM_THIRD ? "tiers" : "moitie";
	if (strcmp(aspect, "pouvoirs") == 0)
		return e->proxies_per_holder == 2 ? "2" : "1";
	if (strcmp(aspect, "publicite") == 0)
		return era_publicity_attribute(e, nature);
	if (strcmp(aspect, "reference") == 0)
		return e->quorum_ref;
	return NULL;
}

/* Remote participation. The COVID texts opened it to every collectivity's
 * assembly for their periods: ordonnance 2020-391 art. 6 from its
 * publication on 2 April 2020, extended to 30 October 2020 by loi
 * 2020-760 (22 June 2020); put back in force by loi 2020-1379 art. 6 from
 * 15 November 2020 to 30 September 2021 (lois 2021-160, 2021-689); by loi
 * 2021-1465 art. 10 from 10 November 2021 to 31 July 2022. In the
 * councils of EPCI with their own taxation (type "epci"), L5211-11-1
 * (loi 2019-1461 of 27 December 2019, in force on the 29th) allows it for
 * good: a meeting in several places, by teleconference. */
static const struct {
	const char *from, *to, *basis;
} REMOTE[] = {
	{"2020-04-02", "2020-10-30", "ordonnance n° 2020-391 du 1er avril 2020, art. 6, prorogé par la loi n° 2020-760 du 22 juin 2020"},
	{"2020-11-15", "2021-09-30", "loi n° 2020-1379 du 14 novembre 2020, art. 6"},
	{"2021-11-10", "2022-07-31", "loi n° 2021-1465 du 10 novembre 2021, art. 10"},
};

const char *era_remote_basis(const char *date, const char *type)
{
	french_date d;
	if (!date || !type || french_date_parse(date, &d) != 0)
		return NULL;
	for (size_t i = 0; i < sizeof REMOTE / sizeof REMOTE[0]; i++)
		if (strcmp(date, REMOTE[i].from) >= 0 && strcmp(date, REMOTE[i].to) <= 0)
			return REMOTE[i].basis;
	if (strcmp(type, "epci") == 0 && strcmp(date, "2019-12-29") >= 0)
		return "CGCT L5211-11-1";
	return NULL;
}
