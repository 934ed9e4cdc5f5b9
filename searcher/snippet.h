/*
 * snippet.h - cut a snippet from a document's original text and find the
 * words to highlight in it.
 *
 * The text is analysed with ar_analyze (the code that indexed it); a token is
 * highlighted when its stem is one of the query's stems, so every clitic or
 * vocalized variant that matched is marked. The snippet is cut from the
 * original bytes (diacritics kept) at word boundaries, with "…" at each cut
 * and runs of white space folded to one space.
 */
#ifndef FAHRAS_SNIPPET_H
#define FAHRAS_SNIPPET_H

#include <stddef.h>

#include "../analysis/ar.h"
#include "query.h"

typedef struct {
    size_t start, end; /* [start, end) in code points of the snippet */
} sn_span;

typedef struct {
    char *text;       /* UTF-8, NUL-terminated */
    size_t len;       /* bytes */
    sn_span *spans;   /* highlights, in order */
    size_t *bstarts;  /* byte offsets of each span's start in text */
    size_t *bends;
    size_t nspans;
} sn_snippet;

/* Build the snippet of about width code points of text (len bytes) with the
 * most distinct query stems. *out's members belong to the caller
 * (sn_snippet_clear). Returns 0 or a negative ar_status. */
int sn_make(ar_analyzer *a, const char *text, size_t len, const qp_query *q, size_t width,
            sn_snippet *out);

void sn_snippet_clear(sn_snippet *s);

#endif
