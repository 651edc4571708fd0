/* SPDX-License-Identifier: Apache-2.0 */
/* The template stage: domain XML → layout XML with libxslt, French wording
 * through the C extension functions of xslt_functions.c, in the sandbox of
 * sandbox.h (what a template may read, how long and how much it may run). */
#ifndef DELIB_TRANSFORM_H
#define DELIB_TRANSFORM_H
#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>
#include "diag.h"

/* The libxslt loaded at run time, as "1.1.35", into buf (snprintf's contract). */
int transform_library_version(char *buf, size_t cap);
/* Checks a template name (letters, digits, '-', '_': nothing that could
 * leave the templates folder). */
int transform_name_ok(const char *name);
#define TRANSFORM_BASE "default"          /* the template every other one may inherit from */
#define TRANSFORM_IDENTITY "template.xml"  /* a template's name, description and identity */

/* Loads templates_dir/name/file (deliberation.xsl, liste.xsl), templates_dir
 * being absolute: it and what it includes or imports are read only from
 * template folders (sandbox.h). A template folder without that file but
 * with a template.xml takes default's (TRANSFORM_BASE). Free with
 * transform_free. */
xsltStylesheetPtr transform_load(const char *templates_dir, const char *name, const char *file, diag_list *diags);
void transform_free(xsltStylesheetPtr sheet);

/* The bounds of one transform. */
typedef struct transform_limits {
	const char *templates_dir;  /* absolute, as given to transform_load */
	double deadline;            /* [ms] monotonic_ms() clock; 0: none */
	size_t memory;              /* [bytes] allocated by the transform; 0: none */
	int render_memory;          /* memory is the render's bound: render.memory when passed */
	unsigned long steps;        /* instructions executed; 0: transform_steps(doc) */
	const char *identity;       /* the template's template.xml, absolute, given to the stylesheet as
	                               the parameter $identity (its root element); NULL: none */
} transform_limits;

/* The instructions a transform of doc may execute: a base and a number per
 * node, far above what the shipped templates need. */
unsigned long transform_steps(xmlDocPtr doc);
/* origin (may be NULL): filled with the files and lines the transform ran
 * (transform_origin_file); free with transform_origin_free. */
typedef struct transform_origin transform_origin;
xmlDocPtr transform_apply(xsltStylesheetPtr sheet, xmlDocPtr doc, int draft, const transform_limits *lim,
                          transform_origin *origin, diag_list *diags);
transform_origin *transform_origin_new(void);
/* The line of the top-level named template `name` in sheet's own file
 * (not in what it imports); 0 when it has none. */
int transform_template_line(const xsltStylesheet *sheet, const char *name);
void transform_origin_free(transform_origin *o);
/* The stylesheet file whose instruction at line ran, when one file alone
 * has one there; else fallback. */
const char *transform_origin_file(const transform_origin *o, int line, const char *fallback);
#endif
