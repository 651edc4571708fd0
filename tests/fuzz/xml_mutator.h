/* SPDX-License-Identifier: Apache-2.0 */
/* The structure-aware mutator of the deliberation fuzzers (xml_mutator.c). */
#ifndef DELIB_FUZZ_XML_MUTATOR_H
#define DELIB_FUZZ_XML_MUTATOR_H
#include <stddef.h>
#include <stdint.h>

/* Mutates data[0, size) in place (at most max_size bytes), deterministic
 * for a seed; returns the new size. Falls back on LLVMFuzzerMutate. */
size_t xml_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed);

#endif
