/* SPDX-License-Identifier: Apache-2.0 */
/*
 * french.h — French wording for council deliberations: numbers and years in
 * words, dates, hours, civilities, plural agreement, vote wording, numbers.
 *
 * Pure C, no libxml2 types, no global state: every function is thread-safe
 * and reentrant. Each one writes a NUL-terminated UTF-8 string into the
 * caller's buffer `buf` of `cap` bytes (cap counts the final NUL) and returns
 *    0  on success,
 *   -1  on bad input, a NULL argument, or a buffer too small.
 * On -1 the buffer, if cap > 0, holds the empty string: never a truncated
 * sentence that could end up printed in a register.
 *
 * The caller owns `buf`; nothing is allocated here.
 *
 * Orthography: the traditional one (before the 1990 rectifications), as
 * registers print it: "vingt et un", "quatre-vingts", "deux cent un",
 * "deux cent mille", "deux cents millions".
 */
#ifndef DELIB_FRENCH_H
#define DELIB_FRENCH_H

#include <stddef.h>

/* Bounds of french_number_words(): nine digits, either sign. */
#define FRENCH_NUMBER_MAX 999999999L
/* Bounds of french_year_words() and of the year of an ISO date. */
#define FRENCH_YEAR_MIN 1
#define FRENCH_YEAR_MAX 9999
/* A buffer this size holds any result of the functions below except
 * french_plural(), whose length depends on the nouns given. */
#define FRENCH_BUF_SIZE 256

/* A calendar date (proleptic Gregorian), as parsed from "YYYY-MM-DD". */
typedef struct french_date {
	int year;  /* 1..9999 */
	int month; /* 1..12 */
	int day;   /* 1..days in that month */
} french_date;

/* Parses exactly "YYYY-MM-DD" (no sign, no time zone, no spaces) and checks
 * that the day exists, leap years included. 0 ok, -1 invalid. */
int french_date_parse(const char *iso, french_date *out);

/* 0 → "zéro", 21 → "vingt et un", -5 → "moins cinq",
 * 2000000 → "deux millions". |n| <= FRENCH_NUMBER_MAX. */
int french_number_words(long n, char *buf, size_t cap);

/* 2021 → "deux mille vingt et un". FRENCH_YEAR_MIN <= y <= FRENCH_YEAR_MAX:
 * a year of a deliberation is never zero or negative. */
int french_year_words(long y, char *buf, size_t cap);

/* "2021-10-14" → "14 octobre 2021", "2021-10-01" → "1er octobre 2021". */
int french_date_long(const char *iso, char *buf, size_t cap);

/* "2021-10-14" → "14 octobre", "2021-10-01" → "1er octobre". */
int french_day_month(const char *iso, char *buf, size_t cap);

/* "2021-10-15" → "15/10/2021". */
int french_date_short(const char *iso, char *buf, size_t cap);

/* "18:30" → "18h30", "09:00" → "9h00" (hour without leading zero, minutes
 * always two digits, as town halls print). Exactly "HH:MM", 00:00..23:59. */
int french_hour(const char *hhmm, char *buf, size_t cap);

/* "M." → "Monsieur", "Mme" → "Madame"; anything else is bad input. */
int french_civility(const char *abbr, char *buf, size_t cap);

/* n, then a space, then `singular` when -1 <= n <= 1 (French: 0 and 1 take
 * the singular), `plural` otherwise: "34 votes", "1 vote", "0 vote".
 * n is formatted as french_format_number() does ("1 247 votes"). */
int french_plural(long n, const char *singular, const char *plural,
    char *buf, size_t cap);

/* "à l'unanimité"                        contre = 0, abstentions = 0, pour > 0
 * "à l'unanimité des suffrages exprimés"  contre = 0, abstentions > 0
 * "à la majorité"                         otherwise.
 * Negative counts are bad input. */
int french_vote_wording(long pour, long contre, long abstentions,
    char *buf, size_t cap);

/* French number: narrow no-break space U+202F between groups of three
 * digits from 1 000 up, comma as decimal mark, at most six decimals with
 * trailing zeros dropped: 20574 → "20 574", 2.5 → "2,5", -1234.5 →
 * "-1 234,5". Independent of the process locale. NaN, infinities and
 * |n| >= 1e15 (past exact decimals in a double) are bad input. */
int french_format_number(double n, char *buf, size_t cap);

#endif /* DELIB_FRENCH_H */
