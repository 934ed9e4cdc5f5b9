/*
 * fuzz_common.h - what the libFuzzer targets share: one analyzer for the
 * whole run, and a NUL-terminated copy of the input.
 */
#ifndef FAHRAS_FUZZ_COMMON_H
#define FAHRAS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../analysis/ar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline ar_analyzer *fuzz_analyzer(void)
{
    static ar_analyzer *a;
    if (!a && ar_analyzer_new(&a) != AR_OK)
        abort();
    return a;
}

static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
