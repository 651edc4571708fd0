/* SPDX-License-Identifier: Apache-2.0 */
/* Warnings about XPath steps of a template that can select nothing
 * (paths.c). */
#ifndef DELIB_PATHS_H
#define DELIB_PATHS_H
#include <libxslt/xsltInternals.h>
#include "diag.h"

/* Warns (template.path) at each line of sheet's own document whose XPath
 * (select, test, match, use, and {…} in attribute values) names a domain
 * element no vocabulary has, an element of $identity that template.xsd
 * does not declare, or a key no xsl:key of the template declares.
 * schema_dir: the data folder's schema/. */
void paths_check(const xsltStylesheet *sheet, const char *schema_dir, diag_list *diags);
#endif
