/* SPDX-License-Identifier: Apache-2.0 */
/* The file name of a document's PDF, from its XML (see docname.c). */
#ifndef DELIB_DOCNAME_H
#define DELIB_DOCNAME_H
#include <stddef.h>

/* "deliberation-NUMERO.pdf" for a deliberation, "convocation-DATE.pdf" for
 * a <projets> body and "liste-DATE.pdf" for a <deliberations> body (DATE:
 * the séance of its first deliberation), in [A-Za-z0-9._-] only; and
 * "FALLBACK.pdf" when the text says nothing usable. */
void xml_document_name(const char *data, size_t size, const char *fallback, char *out, size_t cap);
#endif
