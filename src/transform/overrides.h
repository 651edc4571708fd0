/* SPDX-License-Identifier: Apache-2.0 */
/* Warnings about names of an importing stylesheet that override nothing
 * (overrides.c). */
#ifndef DELIB_OVERRIDES_H
#define DELIB_OVERRIDES_H
#include <libxslt/xsltInternals.h>
#include "diag.h"

/* Warns (template.override) at each top-level named template or global
 * variable of sheet's own document that no stylesheet it imports defines
 * and that it never calls or reads. Nothing when sheet imports nothing. */
void overrides_check(const xsltStylesheet *sheet, diag_list *diags);
/* Warns (template.style) at each style element of sheet's own document
 * whose name nothing in the template's stylesheets (its own, what it
 * imports or includes) names elsewhere: a style attribute, a string. */
void styles_check(const xsltStylesheet *sheet, diag_list *diags);
/* The line of sheet's own document where an attribute or a text first
 * names text as a whole word ("Marianne" in select="'Marianne'"); 0 when
 * none does. */
int overrides_line_naming(const xsltStylesheet *sheet, const char *text);
#endif
