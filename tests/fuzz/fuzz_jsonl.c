/* fuzz_jsonl.c - the JSON Lines (and JSON array) reader. */
#include "fuzz_readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader(IX_FMT_JSONL, data, size);
}
