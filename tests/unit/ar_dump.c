/*
 * ar_dump - print the analysis of each input line: "word<TAB>norm<TAB>stem"
 * per token. A developer's tool for writing golden lists and for measuring
 * the analyzer; not installed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../analysis/ar.h"

int main(void)
{
    ar_analyzer *a = NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    if (ar_analyzer_new(&a) != AR_OK)
        return 2;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        ar_tokens *t = NULL;
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        if (ar_analyze(a, line, (size_t)n, &t) != AR_OK) {
            fprintf(stderr, "ar_dump: %s\n", ar_analyzer_errmsg(a));
            continue;
        }
        for (size_t i = 0; i < ar_tokens_count(t); i++) {
            const ar_token *k = ar_tokens_get(t, i);
            printf("%.*s\t%s\t%s\n", (int)(k->end - k->start), line + k->start, k->norm, k->stem);
        }
        ar_tokens_free(t);
    }
    free(line);
    ar_analyzer_free(a);
    return 0;
}
