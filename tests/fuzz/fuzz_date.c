/* fuzz_date.c - the date finder: a date it returns is a real day. */
#include <stdio.h>

#include "fuzz_common.h"

#include "../../indexer/readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char out[11];
    if (!ar_utf8_valid((const char *)data, size))
        return 0;
    char *s = fuzz_cstr(data, size);
    if (ix_find_date(fuzz_analyzer(), s, size, size, out)) {
        int y, m, d;
        if (strlen(out) != 10 || sscanf(out, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
            m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100)
            abort();
    }
    free(s);
    return 0;
}
