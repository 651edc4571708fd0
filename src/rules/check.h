/* SPDX-License-Identifier: Apache-2.0 */
/* The consistency rules of the law (../shared/DOMAIN.md, "Consistency
 * rules"), checked on a deliberation the domain schema has accepted.
 *
 * Each rule is a small function in a table with its stable id and severity
 * (mandoc's mdoc_valids[]): adding a rule = one function, one row, one
 * corpus case. The rules read a small read-only model built once from the
 * libxml2 tree; every diagnostic points at the element or attribute
 * concerned (srcpos.h). The rules in force follow the date of the séance
 * (era.h).
 */
#ifndef DELIB_CHECK_H
#define DELIB_CHECK_H
#include <libxml/tree.h>
#include "diag.h"
#include "srcpos.h"

typedef struct check_rule_info {
	const char *id;             /* stable, e.g. "quorum" */
	delib_severity severity;
	int final_only;             /* 1: not checked on a draft (attendance, vote, executory block) */
	const char *summary;        /* French, one line */
} check_rule_info;

/* Runs every rule on doc (valid against schema/deliberation.xsd). pos may
 * be NULL (lines from libxml2 then). draft: the document is rendered as a
 * draft ("projet", or --draft), which skips what only a final act has.
 * Returns the number of errors added to diags. */
int check_document(xmlDocPtr doc, srcpos *pos, int draft, diag_list *diags);

/* The rules table, for documentation and tests. */
size_t check_rule_count(void);
const check_rule_info *check_rule(size_t i);
#endif
