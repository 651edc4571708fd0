/* SPDX-License-Identifier: Apache-2.0 */
/* Reading XML safely (no network, no DTD, no external entities, bounded
 * size and depth) and checking it against an XML Schema. */
#ifndef DELIB_PARSE_H
#define DELIB_PARSE_H
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include "diag.h"
#include "srcpos.h"

#define DELIB_MAX_DEPTH 64                     /* deepest element nesting accepted (the sample: 13) */
#define DELIB_MAX_ELEMENTS 200000              /* most elements in one document (the sample: ~1 500) */
#define DELIB_MAX_TEXT (8u * 1024u * 1024u)   /* [bytes] text and attribute values in all (the sample: ~60 KB) */
#define DELIB_MAX_VALUE (1024u * 1024u)       /* [bytes] one text node or attribute value */

/* Parses without network, DTD or entities: a <!DOCTYPE> stops the parser
 * (xml.dtd) before its declarations are read; nesting deeper than
 * DELIB_MAX_DEPTH, more than DELIB_MAX_ELEMENTS elements, more than
 * DELIB_MAX_TEXT bytes of text (character data and attribute values) or a
 * value longer than DELIB_MAX_VALUE stop it too (xml.limit): the input size
 * alone does not bound what the later stages need. Parser errors are diagnostics in French (xmlmsg.h); NULL
 * when there is any. */
xmlDocPtr parse_xml(const char *data, size_t size, const char *url, diag_list *diags);
/* The same, the names and texts kept in dict (libxslt wants the documents
 * of one stylesheet in the stylesheet's dictionary); NULL: a new one. */
xmlDocPtr parse_xml_dict(const char *data, size_t size, const char *url, xmlDictPtr dict, diag_list *diags);
/* Checks the root element's name and namespace. */
int parse_check_root(xmlDocPtr doc, const char *name, const char *ns, diag_list *diags);
int parse_check_root_at(xmlDocPtr doc, srcpos *pos, const char *name, const char *ns, diag_list *diags);
/* Validates doc; each schema error becomes a diagnostic of `code` at its line. */
int parse_validate(xmlSchemaPtr schema, xmlDocPtr doc, diag_code code, diag_list *diags);
/* The same, positions taken from the source text's index when pos is not
 * NULL (start of the element, or the attribute concerned). */
int parse_validate_at(xmlSchemaPtr schema, xmlDocPtr doc, srcpos *pos, diag_code code, diag_list *diags);
xmlSchemaPtr parse_load_schema(const char *path);
/* Reads a whole file (malloc'd, caller frees). -1 with a diagnostic on an
 * I/O failure; -2 (xml.limit) when it holds more than DELIB_MAX_INPUT bytes,
 * refused before reading when it is a regular file. */
/* The libxml2 loaded at run time, as "2.9.14", into buf (snprintf's contract). */
int xml_library_version(char *buf, size_t cap);
int read_file(const char *path, char **data, size_t *size, diag_list *diags);
#endif
