/*
 * match.c - occurrences of query patterns in one document, from the index's
 * positions (see match.h).
 */
#include "match.h"

#include <stdlib.h>
#include <string.h>

void qm_pattern_clear(qm_pattern *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nslots; i++) {
        for (size_t j = 0; j < p->slots[i].n; j++)
            free(p->slots[i].terms[j]);
        free(p->slots[i].terms);
        for (size_t j = 0; p->slots[i].pos_terms && j < p->slots[i].nexact; j++)
            free(p->slots[i].pos_terms[j]);
        free(p->slots[i].pos_terms);
    }
    free(p->slots);
    memset(p, 0, sizeof *p);
}

typedef struct {
    uint32_t *v;
    size_t n, cap;
} posv;

static int posv_add(posv *s, const uint32_t *x, size_t n)
{
    if (s->n + n > s->cap) {
        size_t nc = s->cap ? s->cap : 16;
        while (nc < s->n + n)
            nc *= 2;
        uint32_t *nv = realloc(s->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        s->v = nv;
        s->cap = nc;
    }
    if (n)
        memcpy(s->v + s->n, x, n * sizeof *x);
    s->n += n;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Add to out the positions of term; 0, -1 (memory) or -2 (callback). */
static int add_positions(const qm_doc *d, const char *term, posv *out)
{
    uint32_t *p = NULL;
    size_t n = 0;
    if (d->positions(d->ctx, term, &p, &n)) {
        free(p);
        return -2;
    }
    int rc = posv_add(out, p, n);
    free(p);
    return rc;
}

/* The sorted, distinct positions of every term of a slot: the exact forms'
 * among their pos_terms', the other terms' their own. */
static int slot_positions(const qm_slot *s, const qm_doc *d, posv *out)
{
    int rc = 0;
    size_t nexact = s->pos_terms ? s->nexact : 0;
    out->n = 0;
    /* Each pos term once (a slot's exact forms mostly share one), its
     * positions kept where one of its exact forms stands. */
    for (size_t i = 0; i < nexact && !rc; i++) {
        size_t j = 0, from = out->n;
        while (j < i && strcmp(s->pos_terms[j], s->pos_terms[i]))
            j++;
        if (j < i || (rc = add_positions(d, s->pos_terms[i], out)))
            continue;
        size_t m = from;
        for (size_t k = from; k < out->n; k++) {
            int keep = !d->is_term_at;
            for (j = i; !keep && j < nexact; j++)
                keep = !strcmp(s->pos_terms[j], s->pos_terms[i]) &&
                       d->is_term_at(d->ctx, out->v[k], s->terms[j]);
            if (keep)
                out->v[m++] = out->v[k];
        }
        out->n = m;
    }
    for (size_t i = nexact; i < s->n && !rc; i++)
        rc = add_positions(d, s->terms[i], out);
    if (rc)
        return rc;
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_u32);
    size_t m = 0;
    for (size_t i = 0; i < out->n; i++)
        if (!m || out->v[m - 1] != out->v[i])
            out->v[m++] = out->v[i];
    out->n = m;
    return 0;
}

static int has_pos(const posv *s, uint32_t p)
{
    return s->n && bsearch(&p, s->v, s->n, sizeof *s->v, cmp_u32) != NULL;
}

/* The position of s nearest to p, other than p itself; 0 with *found 0
 * when there is none. */
static uint32_t nearest(const posv *s, uint32_t p, int *found)
{
    uint32_t best = 0;
    uint64_t bd = UINT64_MAX;
    *found = 0;
    /* Positions are sorted: the nearest is beside the insertion point. */
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->v[mid] < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo > 1 ? lo - 2 : 0; k < s->n && k <= lo + 1; k++) {
        if (s->v[k] == p)
            continue;
        uint64_t dist = s->v[k] > p ? s->v[k] - p : p - s->v[k];
        if (dist < bd) {
            bd = dist;
            best = s->v[k];
            *found = 1;
        }
    }
    return best;
}

typedef struct {
    qm_hit *v;
    size_t n, cap;
} hitv;

static int hit_add(hitv *h, uint32_t first, uint32_t last, size_t pattern)
{
    if (h->n == h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 16;
        qm_hit *nv = realloc(h->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        h->v = nv;
        h->cap = nc;
    }
    h->v[h->n].first = first;
    h->v[h->n].last = last;
    h->v[h->n++].pattern = pattern;
    return 0;
}

static int cmp_hit(const void *a, const void *b)
{
    const qm_hit *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

/* Occurrences of one pattern; hits (may be NULL) collects them. */
static int match_one(const qm_pattern *pt, size_t idx, const qm_doc *d, hitv *hits,
                     uint64_t *count)
{
    posv *ps = NULL;
    int rc = 0;
    if (pt->nslots == 0)
        return 0;
    if (!hits && pt->nslots == 1) {
        /* A word's occurrences are its positions, which wdf counts: each
         * position holds one token, so the terms of a slot never share one. */
        for (size_t i = 0; i < pt->slots[0].n; i++) {
            uint32_t w = 0;
            if (d->wdf(d->ctx, pt->slots[0].terms[i], &w))
                return -2;
            *count += w;
        }
        return 0;
    }
    ps = calloc(pt->nslots, sizeof *ps);
    if (!ps)
        return -1;
    for (size_t i = 0; i < pt->nslots && !rc; i++) {
        rc = slot_positions(&pt->slots[i], d, &ps[i]);
        if (!rc && ps[i].n == 0)
            goto done; /* a word is missing: no occurrence */
    }
    if (rc)
        goto done;
    for (size_t k = 0; k < ps[0].n && !rc; k++) {
        uint32_t p = ps[0].v[k], first = p, last = p;
        int ok = 1;
        for (size_t i = 1; i < pt->nslots && ok; i++) {
            if (!pt->near) {
                ok = has_pos(&ps[i], p + (uint32_t)i);
                last = p + (uint32_t)i;
            } else {
                int found;
                uint32_t q = nearest(&ps[i], p, &found);
                ok = found;
                if (q < first)
                    first = q;
                if (q > last)
                    last = q;
            }
        }
        if (ok && pt->near && (uint64_t)last - first + 1 > pt->window)
            ok = 0;
        if (!ok)
            continue;
        (*count)++;
        if (!hits)
            continue;
        if (!pt->near) {
            rc = hit_add(hits, first, last, idx);
            continue;
        }
        /* NEAR: the words themselves, not what stands between them. */
        rc = hit_add(hits, p, p, idx);
        for (size_t i = 1; i < pt->nslots && !rc; i++) {
            int found;
            uint32_t q = nearest(&ps[i], p, &found);
            rc = hit_add(hits, q, q, idx);
        }
    }
done:
    for (size_t i = 0; i < pt->nslots; i++)
        free(ps[i].v);
    free(ps);
    return rc;
}

static int index_positions(void *ctx, const char *term, uint32_t **pos, size_t *n)
{
    qm_index_doc *d = ctx;
    return xs_reader_positions(d->r, d->id, term, pos, n) == XS_OK ? 0 : -1;
}

static int index_wdf(void *ctx, const char *term, uint32_t *wdf)
{
    qm_index_doc *d = ctx;
    *wdf = 0;
    return xs_reader_wdfs(d->r, term, &d->id, 1, wdf) == XS_OK ? 0 : -1;
}

void qm_doc_from_index(qm_doc *d, qm_index_doc *ctx, xs_reader *r, xs_docid id)
{
    ctx->r = r;
    ctx->id = id;
    d->positions = index_positions;
    d->wdf = index_wdf;
    d->is_term_at = NULL;
    d->ctx = ctx;
}

int qm_match(const qm_pattern *pats, size_t npat, const qm_doc *d, qm_hit **hits,
             size_t *nhits, uint64_t *count)
{
    hitv h = {0};
    uint64_t c = 0;
    int rc = 0;
    if (hits) {
        *hits = NULL;
        *nhits = 0;
    }
    for (size_t i = 0; i < npat && !rc; i++)
        rc = match_one(&pats[i], i, d, hits ? &h : NULL, &c);
    if (rc) {
        free(h.v);
        return rc;
    }
    if (hits) {
        if (h.n)
            qsort(h.v, h.n, sizeof *h.v, cmp_hit);
        *hits = h.v;
        *nhits = h.n;
    }
    if (count)
        *count = c;
    return 0;
}
