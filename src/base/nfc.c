/* SPDX-License-Identifier: Apache-2.0 */
#include "nfc.h"
#include "sys.h"

#include <stdlib.h>
#include <utf8proc.h>

int nfc_sensitive(uint32_t cp)
{
	if (cp < 0x300)
		return 0;
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
	return p->combining_class != 0 || (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) ||
	       (cp >= 0x1100 && cp <= 0x11FF);
}

int nfc_needed(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		/* Lead bytes below 0xCC encode characters below U+0300. */
		if ((unsigned char)s[i] < 0xCC) {
			i++;
			continue;
		}
		uint32_t cp;
		int n = utf8_decode(s + i, (int)(len - i < 8 ? len - i : 8), &cp);
		if (nfc_sensitive(cp))
			return 1;
		i += n > 0 ? (size_t)n : 1;
	}
	return 0;
}

char *nfc_compose(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	                                  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		free(out);
		return NULL;
	}
	return (char *)out;
}
