/* SPDX-License-Identifier: Apache-2.0 */
/* The template stage: domain XML → layout XML with libxslt, French wording
 * through the C extension functions of xslt_functions.c. */
#ifndef DELIB_TRANSFORM_H
#define DELIB_TRANSFORM_H
#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>
#include "diag.h"

/* Checks a template name (letters, digits, '-', '_': nothing that could
 * leave the templates folder). */
/* The libxslt loaded at run time, as "1.1.35", into buf (snprintf's contract). */
int transform_library_version(char *buf, size_t cap);
int transform_name_ok(const char *name);
/* Loads templates_dir/name/file (deliberation.xsl, liste.xsl). */
xsltStylesheetPtr transform_load(const char *templates_dir, const char *name, const char *file, diag_list *diags);
xmlDocPtr transform_apply(xsltStylesheetPtr sheet, xmlDocPtr doc, int draft, diag_list *diags);
#endif
