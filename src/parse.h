/* Reading XML safely (no network, no DTD, no external entities, bounded
 * size and depth) and checking it against an XML Schema. */
#ifndef DELIB_PARSE_H
#define DELIB_PARSE_H
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include "diag.h"

#define DELIB_MAX_INPUT (64u * 1024u * 1024u)  /* [bytes] largest deliberation accepted */

xmlDocPtr parse_xml(const char *data, size_t size, const char *url, diag_list *diags);
/* Checks the root element's name and namespace. */
int parse_check_root(xmlDocPtr doc, const char *name, const char *ns, diag_list *diags);
/* Validates doc; each schema error becomes a diagnostic of `code` at its line. */
int parse_validate(xmlSchemaPtr schema, xmlDocPtr doc, diag_code code, diag_list *diags);
xmlSchemaPtr parse_load_schema(const char *path);
/* Reads a whole file (malloc'd, caller frees); -1 with a diagnostic on failure. */
int read_file(const char *path, char **data, size_t *size, diag_list *diags);
#endif
