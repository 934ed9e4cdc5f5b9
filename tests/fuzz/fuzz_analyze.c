/* fuzz_analyze.c - decoding, analysis and query-side expansion of any
 * bytes: no crash, and every token lies inside the text it came from. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ar_analyzer *a = fuzz_analyzer();
    char *text = NULL;
    size_t len = 0;
    if (ar_text_decode((const char *)data, size, &text, &len, NULL) != AR_OK)
        return 0;
    if (!ar_utf8_valid(text, len))
        abort(); /* the decoder promises valid UTF-8 */
    ar_tokens *t = NULL;
    if (ar_analyze(a, text, len, &t) == AR_OK) {
        size_t n = ar_tokens_count(t);
        for (size_t i = 0; i < n; i++) {
            const ar_token *k = ar_tokens_get(t, i);
            if (k->start > k->end || k->end > len || !k->norm[0] || !k->stem[0])
                abort();
            if (i < 8) {
                char **v = NULL;
                size_t m = 0;
                if (ar_expand(a, k, &v, &m) == AR_OK)
                    ar_strv_free(v, m);
                if (ar_expand_unmarked(a, k, &v, &m) == AR_OK)
                    ar_strv_free(v, 2 * m);
                if (ar_expand_variants(a, k, &v, &m) == AR_OK)
                    ar_strv_free(v, m);
                if (ar_expand_singular(a, k, &v, &m) == AR_OK)
                    ar_strv_free(v, 2 * m);
                if (ar_expand_own_forms(a, k, &v, &m) == AR_OK)
                    ar_strv_free(v, 2 * m);
            }
        }
    }
    ar_tokens_free(t);
    free(text);
    return 0;
}
