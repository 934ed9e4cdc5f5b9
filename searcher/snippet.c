/*
 * snippet.c - choose up to three fragments of the text that together show
 * the most distinct query patterns, then the most distinct matched spellings
 * (so a reader sees that والرقة matched as well as الرقة), then the most
 * matches; cut them at word boundaries, join them with "…", and map the
 * highlights to code points of the output.
 *
 * Budget: the fragments share `width` code points. When fewer fragments are
 * needed they grow to fill it, and fragments that touch are merged.
 */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026 */
#define MAX_FRAGS 3
/* Words of context kept before the first match of a fragment. */
#define LEAD_WORDS 3
/* Words analysed past the last match before checking that no fragment can
 * reach them (sn_make): about the default width of 200 code points of
 * Arabic, and a word per 4 code points of a wider one. */
#define TAIL_WORDS 48

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

typedef struct {
    const ar_tokens *t;
    size_t n;
    size_t *cp, *cpe; /* code point offsets of token starts and ends */
    int *match;       /* pattern index per token, -1 when none */
    int *form;        /* distinct matched spelling per token, -1 when none */
} sn_ctx;

typedef struct {
    size_t first, last; /* token range, inclusive */
} frag;

/* Last token of a fragment that starts at token f and may span w code points. */
static size_t frag_end(const sn_ctx *c, size_t f, size_t w, size_t limit)
{
    size_t l = f;
    while (l + 1 < limit && c->cpe[l + 1] <= c->cp[f] + w)
        l++;
    return l;
}

/* Code points in text[from, to). */
static size_t count_cps(const char *text, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t b = from; b < to; b++)
        n += !is_cont((unsigned char)text[b]);
    return n;
}

/*
 * The words of text that a snippet can show. Every fragment starts at or
 * before a match (or at the first word when there is none) and ends within
 * width code points of its start, so the words up to the last match and a
 * width past it are enough: the words after them change nothing, not even
 * whether the snippet ends with "…". They are analysed first; the whole text
 * only when they end too close to the last match.
 */
static int snippet_words(ar_analyzer *a, const char *text, size_t len, uint32_t body_base,
                         const qm_hit *hits, size_t nhits, size_t width, size_t tail,
                         ar_tokens **out)
{
    if (tail == 0)
        return ar_analyze_forms(a, text, len, out);
    size_t last = 0;
    for (size_t h = 0; h < nhits; h++)
        if (hits[h].last >= body_base && hits[h].last - body_base > last)
            last = (size_t)(hits[h].last - body_base);
    size_t want = last + 1 + tail;
    int rc = ar_analyze_forms_prefix(a, text, len, want, out);
    if (rc)
        return rc;
    size_t n = ar_tokens_count(*out);
    if (n < want)
        return AR_OK; /* the whole text */
    const ar_token *at = ar_tokens_get(*out, last), *end = ar_tokens_get(*out, n - 1);
    /* Enough when the words analysed end more than width code points
     * after the last match starts. */
    if (count_cps(text, at->start, end->end) > width)
        return AR_OK;
    ar_tokens_free(*out);
    *out = NULL;
    return ar_analyze_forms(a, text, len, out);
}

static int cmp_frag(const void *a, const void *b)
{
    const frag *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Greedy choice of fragments; returns how many. */
static size_t choose(const sn_ctx *c, size_t width, size_t npats, size_t nforms, frag *out,
                     unsigned char *pat_seen, unsigned char *form_seen)
{
    size_t nf = 0, fw = width / MAX_FRAGS;
    memset(pat_seen, 0, npats + 1);
    memset(form_seen, 0, nforms + 1);
    while (nf < MAX_FRAGS) {
        size_t best_score = 0;
        frag best = {0, 0};
        for (size_t i = 0; i < c->n; i++) {
            if (c->match[i] < 0)
                continue;
            frag f;
            f.first = i >= LEAD_WORDS ? i - LEAD_WORDS : 0;
            f.last = frag_end(c, f.first, fw, c->n);
            if (f.last < i)
                f.last = i;
            int overlaps = 0;
            for (size_t k = 0; k < nf; k++)
                if (f.first <= out[k].last && f.last >= out[k].first)
                    overlaps = 1;
            if (overlaps)
                continue;
            size_t new_terms = 0, new_forms = 0, hits = 0;
            for (size_t j = f.first; j <= f.last; j++) {
                if (c->match[j] < 0)
                    continue;
                hits++;
                int seen_before = 0;
                for (size_t q = f.first; q < j; q++)
                    if (c->match[q] == c->match[j])
                        seen_before = 1;
                if (!seen_before && !pat_seen[c->match[j]])
                    new_terms++;
                seen_before = 0;
                for (size_t q = f.first; q < j; q++)
                    if (c->form[q] == c->form[j])
                        seen_before = 1;
                if (!seen_before && !form_seen[c->form[j]])
                    new_forms++;
            }
            size_t score = new_terms * 1000000 + new_forms * 1000 + hits;
            if (score > best_score) {
                best_score = score;
                best = f;
            }
        }
        if (best_score == 0)
            break;
        for (size_t j = best.first; j <= best.last; j++)
            if (c->match[j] >= 0) {
                pat_seen[c->match[j]] = 1;
                form_seen[c->form[j]] = 1;
            }
        out[nf++] = best;
    }
    if (nf == 0) {
        out[0].first = 0;
        out[0].last = c->n ? frag_end(c, 0, width, c->n) : 0;
        return 1;
    }
    qsort(out, nf, sizeof *out, cmp_frag);
    /* Grow the fragments to share the whole budget, never into the next. */
    size_t w = width / nf;
    for (size_t k = 0; k < nf; k++) {
        size_t limit = k + 1 < nf ? out[k + 1].first : c->n;
        size_t l = frag_end(c, out[k].first, w, limit);
        if (l > out[k].last)
            out[k].last = l;
    }
    /* Merge fragments that touch. */
    size_t m = 0;
    for (size_t k = 1; k < nf; k++) {
        if (out[k].first <= out[m].last + 1)
            out[m].last = out[k].last > out[m].last ? out[k].last : out[m].last;
        else
            out[++m] = out[k];
    }
    return m + 1;
}

int sn_make(ar_analyzer *a, const char *text, size_t len, uint32_t body_base,
            const qm_hit *hits, size_t nhits, size_t width, sn_snippet *out)
{
    size_t tail = width / 4 > TAIL_WORDS ? width / 4 : TAIL_WORDS;
    return sn_make_tail(a, text, len, body_base, hits, nhits, width, tail, out);
}

int sn_make_tail(ar_analyzer *a, const char *text, size_t len, uint32_t body_base,
                 const qm_hit *hits, size_t nhits, size_t width, size_t tail, sn_snippet *out)
{
    ar_tokens *t = NULL;
    sn_ctx c = {0};
    unsigned char *pat_seen = NULL, *form_seen = NULL;
    const char **forms = NULL;
    size_t nforms = 0, npats = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = snippet_words(a, text, len, body_base, hits, nhits, width, tail, &t);
    if (rc)
        return rc;
    c.t = t;
    c.n = ar_tokens_count(t);
    for (size_t h = 0; h < nhits; h++)
        if (hits[h].pattern + 1 > npats)
            npats = hits[h].pattern + 1;
    c.cp = calloc(c.n + 1, sizeof *c.cp);
    c.cpe = calloc(c.n + 1, sizeof *c.cpe);
    c.match = calloc(c.n + 1, sizeof *c.match);
    c.form = calloc(c.n + 1, sizeof *c.form);
    forms = calloc(c.n + 1, sizeof *forms);
    pat_seen = calloc(npats + 1, 1);
    form_seen = calloc(c.n + 1, 1);
    if (!c.cp || !c.cpe || !c.match || !c.form || !forms || !pat_seen || !form_seen) {
        rc = AR_ENOMEM;
        goto done;
    }
    /* Code point offsets in one pass; matches and their distinct forms. */
    size_t b = 0, cpos = 0;
    for (size_t i = 0; i < c.n; i++) {
        const ar_token *k = ar_tokens_get(t, i);
        for (; b < k->start; b++)
            if (!is_cont((unsigned char)text[b]))
                cpos++;
        c.cp[i] = cpos;
        for (; b < k->end; b++)
            if (!is_cont((unsigned char)text[b]))
                cpos++;
        c.cpe[i] = cpos;
        c.match[i] = -1;
        c.form[i] = -1;
    }
    /* Token i stands at index position body_base + i (ar.h: positions grow
     * by one per token). */
    for (size_t h = 0; h < nhits; h++)
        for (uint64_t p = hits[h].first; p <= hits[h].last; p++)
            if (p >= body_base && p - body_base < c.n && c.match[p - body_base] < 0)
                c.match[p - body_base] = (int)hits[h].pattern;
    for (size_t i = 0; i < c.n; i++) {
        const ar_token *k = ar_tokens_get(t, i);
        if (c.match[i] >= 0) {
            size_t f = 0;
            while (f < nforms && strcmp(forms[f], k->norm))
                f++;
            if (f == nforms)
                forms[nforms++] = k->norm;
            c.form[i] = (int)f;
        }
    }
    size_t total = cpos;
    for (; b < len; b++)
        if (!is_cont((unsigned char)text[b]))
            total++;
    frag fr[MAX_FRAGS];
    size_t nf;
    if (total <= width) {
        /* It all fits: no cut, no ellipsis. */
        fr[0].first = 0;
        fr[0].last = c.n ? c.n - 1 : 0;
        nf = 1;
    } else {
        nf = choose(&c, width, npats, nforms, fr, pat_seen, form_seen);
    }

    /* Assemble. The output is never longer than the text plus ellipses. */
    size_t cap = len + (MAX_FRAGS + 1) * (sizeof ELLIPSIS + 2) + 1;
    out->text = malloc(cap);
    out->spans = calloc(c.n + 1, sizeof *out->spans);
    out->bstarts = calloc(c.n + 1, sizeof *out->bstarts);
    out->bends = calloc(c.n + 1, sizeof *out->bends);
    if (!out->text || !out->spans || !out->bstarts || !out->bends) {
        rc = AR_ENOMEM;
        goto done;
    }
    size_t o = 0, ocp = 0;
    for (size_t k = 0; k < nf; k++) {
        size_t sb = (c.n == 0 || fr[k].first == 0) ? 0 : ar_tokens_get(t, fr[k].first)->start;
        size_t eb = (c.n == 0 || fr[k].last + 1 >= c.n) ? len : ar_tokens_get(t, fr[k].last)->end;
        if (sb > 0) {
            if (k > 0) {
                out->text[o++] = ' ';
                ocp++;
            }
            memcpy(out->text + o, ELLIPSIS, 3);
            o += 3;
            ocp++;
            if (k > 0) {
                out->text[o++] = ' ';
                ocp++;
            }
        }
        size_t ti = fr[k].first;
        int in_space = 1, open = 0;
        for (size_t p = sb; p < eb; p++) {
            unsigned char ch = (unsigned char)text[p];
            if (open && p == ar_tokens_get(t, ti)->end) {
                out->spans[out->nspans].end = ocp;
                out->bends[out->nspans++] = o;
                open = 0;
                ti++;
            }
            while (!open && ti < c.n && ar_tokens_get(t, ti)->end <= p)
                ti++;
            if (!open && ti < c.n && p == ar_tokens_get(t, ti)->start && c.match[ti] >= 0) {
                out->spans[out->nspans].start = ocp;
                out->bstarts[out->nspans] = o;
                open = 1;
            }
            if (is_space(ch)) {
                if (!in_space) {
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
            out->bends[out->nspans++] = o;
        }
        if (o > 0 && out->text[o - 1] == ' ') {
            o--;
            ocp--;
        }
        if (k + 1 == nf && eb < len) {
            memcpy(out->text + o, ELLIPSIS, 3);
            o += 3;
        }
    }
    out->text[o] = '\0';
    out->len = o;
    rc = AR_OK;
done:
    if (rc)
        sn_snippet_clear(out);
    free(form_seen);
    free(pat_seen);
    free(forms);
    free(c.form);
    free(c.match);
    free(c.cpe);
    free(c.cp);
    ar_tokens_free(t);
    return rc;
}
