/* fuzz_qparse.c - the query parser: a tree or an error with a column. */
#include "fuzz_common.h"

#include "../../searcher/qparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    qn *tree = NULL;
    qn_error err;
    memset(&err, 0, sizeof err);
    if (qn_parse(s, &tree, &err) == 0) {
        if (!tree)
            abort();
    } else if (tree || !err.msg[0]) {
        abort();
    }
    qn_free(tree);
    free(s);
    return 0;
}
