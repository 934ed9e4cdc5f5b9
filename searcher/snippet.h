/*
 * snippet.h - cut a snippet from a document's original text and find the
 * words to highlight in it.
 *
 * The text is analysed with ar_analyze (the code that indexed it), so token
 * i of the body is the word at index position body_base + i; a token is
 * highlighted when the matcher (match.h) placed an occurrence there, so
 * every clitic or vocalized variant that matched is marked, and a phrase only
 * where the whole phrase stands. The snippet is cut from the original bytes
 * (diacritics kept) at word boundaries, with "…" at each cut and runs of
 * white space folded to one space. A text that fits in the width is shown
 * whole.
 */
#ifndef FAHRAS_SNIPPET_H
#define FAHRAS_SNIPPET_H

#include <stddef.h>

#include "../analysis/ar.h"
#include "match.h"

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

/* Build the snippet of about width code points of text (len bytes) that
 * shows the most distinct patterns of the hits (from qm_match, ordered by
 * position; positions below body_base are the title's and are ignored).
 * *out's members belong to the caller (sn_snippet_clear). Returns 0 or a
 * negative ar_status. */
int sn_make(ar_analyzer *a, const char *text, size_t len, uint32_t body_base,
            const qm_hit *hits, size_t nhits, size_t width, sn_snippet *out);

/* sn_make, which analyses the words up to the last match and tail words
 * past it first (the whole text when those might not be enough); tail 0
 * analyses the whole text at once. The snippet is the same for any tail:
 * tests check it. */
int sn_make_tail(ar_analyzer *a, const char *text, size_t len, uint32_t body_base,
                 const qm_hit *hits, size_t nhits, size_t width, size_t tail, sn_snippet *out);

void sn_snippet_clear(sn_snippet *s);

#endif
