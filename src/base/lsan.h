/* SPDX-License-Identifier: Apache-2.0 */
/* Allocations a library makes and loses by itself, once, that delib cannot
 * free: libhyphen's pattern loader (hnj_hyphen_load) and fontconfig's
 * configuration parser (FcConfigParseAndLoad) lose 158 bytes in 17 blocks
 * per load (Debian 12). Under AddressSanitizer, LeakSanitizer ignores what is
 * allocated between LIBRARY_LEAKS_BEGIN() and LIBRARY_LEAKS_END(), so that the
 * sanitizer build of the suite reports only delib's leaks; valgrind is told
 * the same by tests/valgrind.supp. Elsewhere the macros do nothing. */
#ifndef DELIB_LSAN_H
#define DELIB_LSAN_H

#if defined(__SANITIZE_ADDRESS__)
#define DELIB_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DELIB_LSAN 1
#endif
#endif

#ifdef DELIB_LSAN
#include <sanitizer/lsan_interface.h>
#define LIBRARY_LEAKS_BEGIN() __lsan_disable()
#define LIBRARY_LEAKS_END() __lsan_enable()
#else
#define LIBRARY_LEAKS_BEGIN() ((void)0)
#define LIBRARY_LEAKS_END() ((void)0)
#endif
#endif
