/* SPDX-License-Identifier: Apache-2.0 */
/* libxml2's messages in French.
 *
 * Parser errors are translated by error code (a table, with the error's
 * string and number arguments); schema errors by the shape of their English
 * text (missing or unexpected element, invalid value for a type, missing or
 * forbidden attribute, key and keyref). Anything not in the tables keeps
 * libxml2's English text, trimmed to one line, as the detail.
 *
 * Values quoted from the document are cut (60 bytes) and made valid UTF-8
 * on one line.
 */
#ifndef DELIB_XMLMSG_H
#define DELIB_XMLMSG_H
#include <libxml/xmlerror.h>
#include <stddef.h>
#include "diag.h"

/* French text of a parser (or I/O) error into buf; returns the catalogue
 * code it belongs to (D_XML_SYNTAX, D_XML_ENCODING, D_XML_LIMIT…). */
diag_code xmlmsg_parser(const xmlError *e, char *buf, size_t cap);

/* French text of a schema validity error into buf. Returns 0, or 1 when the
 * error only repeats an earlier one (libxml2's follow-up notes) and should
 * be dropped. */
int xmlmsg_schema(const xmlError *e, char *buf, size_t cap);

/* Whether a schema error is a facet error ("[facet 'pattern'] …"), and
 * whether it is the "not a valid value of the type" error libxml2 adds after
 * a facet error for the same value (a repetition, dropped by the caller). */
int xmlmsg_is_facet(const xmlError *e);
int xmlmsg_is_type_error(const xmlError *e);

/* The element (as "{ns}name") and the attribute a schema error is about,
 * from its text; either buffer may be NULL. -1 if the text says neither. */
int xmlmsg_schema_subject(const xmlError *e, char *elem, size_t ecap, char *attr, size_t acap);
/* The key value of a keyref error ("No match found for key-sequence ['x']"). */
int xmlmsg_schema_key(const xmlError *e, char *key, size_t cap);

/* Copies s into buf, at most max bytes of it, cut on a character boundary,
 * invalid UTF-8 and control characters replaced by '?'; "…" when cut. */
void xmlmsg_quote(const char *s, size_t max, char *buf, size_t cap);
#endif
