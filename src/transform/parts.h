/* SPDX-License-Identifier: Apache-2.0 */
/* The parts every deliberation's layout must have, whatever the template
 * redefined (parts.c). */
#ifndef DELIB_PARTS_H
#define DELIB_PARTS_H
#include <libxslt/xsltInternals.h>
#include "diag.h"

/* Warns (template.part) once for each required part that the layout ldoc,
 * made from the deliberation doc, lacks. Each warning is at the line of
 * the named template of sheet's own file (sheet_path) that makes the part
 * when the template redefines it, else at root_file, the file of ldoc's
 * document element. */
void parts_check(xmlDocPtr doc, xmlDocPtr ldoc, int draft, const xsltStylesheet *sheet, const char *sheet_path,
                 const char *root_file, diag_list *dl);
/* The same for a séance's list or convocation (doc: the liste or
 * convocation document, ldoc its layout): each entree or point whose objet
 * the layout's text lacks, at the author's named template "entries" or
 * "agenda" when it redefines it. */
void parts_check_seance(xmlDocPtr doc, xmlDocPtr ldoc, const xsltStylesheet *sheet, const char *sheet_path,
                        const char *root_file, diag_list *dl);
#endif
