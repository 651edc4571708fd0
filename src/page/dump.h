/* SPDX-License-Identifier: Apache-2.0 */
/* Text dump of laid-out pages, for tests and debugging: one line per box,
 * fixed-precision coordinates, so that a layout change shows as a diff. */
#ifndef DELIB_DUMP_H
#define DELIB_DUMP_H
#include "font.h"
#include "page.h"

/* Returns a malloc'd NUL-terminated dump (caller frees), NULL if out of memory. */
char *dump_pages(const doc_pages *doc, const font_lib *fonts);
#endif
