/* SPDX-License-Identifier: Apache-2.0 */
/* What a PDF of ours records about how it was made (/PieceInfo /delib on
 * page 1: version, template and its hash, each font file and its hash), read
 * back to warn when a regeneration would not use the same fonts or template. */
#ifndef DELIB_PROVENANCE_H
#define DELIB_PROVENANCE_H
#include <stddef.h>
#include "diag.h"
#include "hash.h"

#define PROVENANCE_MAX_FONTS 32

typedef struct provenance {
	char version[64];
	char template_name[72];
	char template_sha[HASH_HEX_SIZE];
	int nfonts;
	struct {
		char family[64], file[128], sha[HASH_HEX_SIZE];
	} fonts[PROVENANCE_MAX_FONTS];
} provenance;

/* Reads the record from PDF bytes written by delib; -1 when there is none. */
int provenance_read(const unsigned char *pdf, size_t size, provenance *out);
/* Adds a warning for each difference between the archived and new records. */
void provenance_compare(const provenance *old, const provenance *now, diag_list *diags);
#endif
