/* SPDX-License-Identifier: Apache-2.0 */
/*
 * xslt_functions.h — the French wording of french.h offered to XSLT 1.0
 * templates as extension functions, in the namespace DELIB_FN_NS:
 *
 *   <xsl:stylesheet version="1.0" xmlns:fn="urn:delib:fn"
 *                   exclude-result-prefixes="fn" …>
 *     L'An <xsl:value-of select="fn:year-words(substring(d:seance/@date, 1, 4))"/>
 *
 *   fn:number-words(n)        -42 → "moins quarante-deux"
 *   fn:year-words(y)          2021 → "deux mille vingt et un"
 *   fn:date-long(d)           "2021-10-01" → "1er octobre 2021"
 *   fn:day-month(d)           "2021-10-14" → "14 octobre"
 *   fn:date-short(d)          "2021-10-15" → "15/10/2021"
 *   fn:hour(h)                "09:00" → "9h00"
 *   fn:civility(c)            "Mme" → "Madame"
 *   fn:plural(n, sing, plur)  34, "vote", "votes" → "34 votes"
 *   fn:vote-wording(p, c, a)  34, 0, 0 → "à l'unanimité"
 *   fn:format-number(n)       20574 → "20 574" (U+202F), 2.5 → "2,5"
 *   fn:era(d, aspect[, nat])  the rules in force on date d (era.h):
 *                             "2021-10-14", "publicite" → "affichage";
 *                             "2022-09-01", "publicite", "AI" → "notification";
 *                             aspects id, quorum, pouvoirs, publicite, reference
 *   fn:attendance(p, aspect)  at this vote, after the arrivals and departures
 *                             of presences p (attendance.h): the number of
 *                             "presents", "distance", "representes", "votants"
 *   fn:remote-basis(d, type)  the text that allowed members at a distance
 *                             (era.h), "" when none did
 *
 * Each returns a string (fn:attendance a number). Arguments may be numbers, strings, node-sets
 * (attributes) or result tree fragments, converted as XPath string() and
 * number() do; a boolean argument is a type error. On a wrong argument
 * count, type or value the function reports a French message naming the
 * function and the value through xsltTransformError() (so it carries the
 * template's file and line and goes to the context's error handler, see
 * xsltSetTransformErrorFunc()), then fails the XPath evaluation: the
 * transform stops in error and xsltApplyStylesheetUser() returns NULL.
 */
#ifndef DELIB_XSLT_FUNCTIONS_H
#define DELIB_XSLT_FUNCTIONS_H
#include "namespaces.h"

#include <libxslt/xsltInternals.h>

#define DELIB_FN_NS NS_FUNCTIONS

/* Registers the functions above on one transform context, between
 * xsltNewTransformContext() and xsltApplyStylesheetUser(). Nothing is
 * registered process-wide, so contexts on other threads are unaffected.
 * Call it once per context: 0 ok, -1 if ctxt is NULL, on allocation
 * failure, or if a function of the namespace is already registered. */
int xslt_functions_register(xsltTransformContextPtr ctxt);

#endif /* DELIB_XSLT_FUNCTIONS_H */
