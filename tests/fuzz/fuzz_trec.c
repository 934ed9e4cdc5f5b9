/* fuzz_trec.c - the TREC reader. */
#include "fuzz_readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader(IX_FMT_TREC, data, size);
}
