/* SPDX-License-Identifier: Apache-2.0 */
/* What every fuzz target checks of a message it was given: one line of
 * strict UTF-8 (the library's own validator, base/sys.h), as users read
 * them in a terminal or in JSON. */
#ifndef DELIB_FUZZ_COMMON_H
#define DELIB_FUZZ_COMMON_H
#include <string.h>
#include "sys.h"

static inline int fuzz_valid_line(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t left = strlen(s);
	while (left) {
		size_t n = *u == '\n' || *u == '\r' ? 0 : utf8_len(u, left);
		if (n == 0)
			return 0;
		u += n;
		left -= n;
	}
	return 1;
}
#endif
