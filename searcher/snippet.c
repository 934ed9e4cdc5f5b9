/*
 * snippet.c - choose the window with the most distinct query stems, cut it
 * at word boundaries, and map highlights to code points of the output.
 */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026 */

/* Words of context kept before the first match of the window. */
#define LEAD_WORDS 3

void sn_snippet_clear(sn_snippet *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->spans);
    free(s->bstarts);
    free(s->bends);
    memset(s, 0, sizeof *s);
}

static int is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

int sn_make(ar_analyzer *a, const char *text, size_t len, const qp_query *q, size_t width,
            sn_snippet *out)
{
    ar_tokens *t = NULL;
    size_t *cp = NULL;  /* code point index of each token start */
    size_t *cpe = NULL; /* ... and of each token end */
    int *match = NULL;  /* stem index per token, -1 when none */
    unsigned char *seen = NULL;
    int rc;
    size_t nstems = 0;

    memset(out, 0, sizeof *out);
    rc = ar_analyze(a, text, len, &t);
    if (rc)
        return rc;
    size_t n = ar_tokens_count(t);
    qp_query_stems(q, &nstems);
    cp = calloc(n + 1, sizeof *cp);
    cpe = calloc(n + 1, sizeof *cpe);
    match = calloc(n + 1, sizeof *match);
    seen = calloc(nstems + 1, 1);
    if (!cp || !cpe || !match || !seen) {
        rc = AR_ENOMEM;
        goto done;
    }
    /* Code point positions of token starts, in one pass over the bytes. */
    size_t b = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        const ar_token *k = ar_tokens_get(t, i);
        for (; b < k->start; b++)
            if (!is_cont((unsigned char)text[b]))
                c++;
        cp[i] = c;
        for (; b < k->end; b++)
            if (!is_cont((unsigned char)text[b]))
                c++;
        cpe[i] = c;
        match[i] = qp_query_stem_index(q, k->stem);
    }

    /* Best window: most distinct stems, then most matches, then earliest. */
    size_t best_first = 0, best_score = 0;
    int have = 0;
    for (size_t i = 0; i < n; i++) {
        if (match[i] < 0)
            continue;
        size_t first = i >= LEAD_WORDS ? i - LEAD_WORDS : 0;
        memset(seen, 0, nstems + 1);
        size_t distinct = 0, hits = 0;
        for (size_t j = first; j < n && cp[j] < cp[first] + width; j++) {
            if (match[j] < 0)
                continue;
            hits++;
            if (!seen[match[j]]) {
                seen[match[j]] = 1;
                distinct++;
            }
        }
        size_t score = distinct * 10000 + hits;
        if (!have || score > best_score) {
            have = 1;
            best_score = score;
            best_first = first;
        }
    }
    /* Window in tokens: [best_first, last]. */
    size_t wstart_b = 0, wend_b = len;
    if (n > 0) {
        size_t last = best_first;
        while (last + 1 < n && cpe[last + 1] <= cp[best_first] + width)
            last++;
        wstart_b = best_first == 0 ? 0 : ar_tokens_get(t, best_first)->start;
        wend_b = ar_tokens_get(t, last)->end;
        if (last + 1 == n)
            wend_b = len;
    } else {
        wend_b = len;
    }
    /* Assemble: ellipsis, folded text, ellipsis; highlights in code points. */
    out->text = malloc(wend_b - wstart_b + 2 * sizeof ELLIPSIS + 1);
    out->spans = calloc(n + 1, sizeof *out->spans);
    out->bstarts = calloc(n + 1, sizeof *out->bstarts);
    out->bends = calloc(n + 1, sizeof *out->bends);
    if (!out->text || !out->spans || !out->bstarts || !out->bends) {
        rc = AR_ENOMEM;
        goto done;
    }
    size_t o = 0, ocp = 0;
    if (wstart_b > 0) {
        memcpy(out->text, ELLIPSIS, 3);
        o = 3;
        ocp = 1;
    }
    size_t ti = best_first;
    while (ti < n && ar_tokens_get(t, ti)->start < wstart_b)
        ti++;
    int in_space = 1; /* drop leading white space */
    int open = 0;
    for (size_t p = wstart_b; p < wend_b; p++) {
        unsigned char ch = (unsigned char)text[p];
        /* Token boundaries at this byte. */
        if (open && p == ar_tokens_get(t, ti)->end) {
            out->spans[out->nspans].end = ocp;
            out->bends[out->nspans] = o;
            out->nspans++;
            open = 0;
            ti++;
        }
        while (!open && ti < n && ar_tokens_get(t, ti)->end <= p)
            ti++;
        if (!open && ti < n && p == ar_tokens_get(t, ti)->start && match[ti] >= 0) {
            out->spans[out->nspans].start = ocp;
            out->bstarts[out->nspans] = o;
            open = 1;
        }
        if (is_space(ch)) {
            if (!in_space && !open) {
                out->text[o++] = ' ';
                ocp++;
            }
            in_space = 1;
            continue;
        }
        in_space = 0;
        out->text[o++] = (char)ch;
        if (!is_cont(ch))
            ocp++;
    }
    if (open) {
        out->spans[out->nspans].end = ocp;
        out->bends[out->nspans] = o;
        out->nspans++;
    }
    /* Trailing space before an ellipsis or the end. */
    if (o > 0 && out->text[o - 1] == ' ') {
        o--;
        ocp--;
    }
    if (wend_b < len) {
        memcpy(out->text + o, ELLIPSIS, 3);
        o += 3;
    }
    out->text[o] = '\0';
    out->len = o;
    rc = AR_OK;
done:
    if (rc)
        sn_snippet_clear(out);
    free(seen);
    free(match);
    free(cpe);
    free(cp);
    ar_tokens_free(t);
    return rc;
}
