/*
 * query.c - query text to xs_query. The text is split into quoted phrases
 * and free chunks; every piece is analysed with ar_analyze, so query terms
 * are produced by exactly the code that produced the index terms.
 */
#include "query.h"
#include "../shim/xs_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct qp_query {
    xs_reader *reader; /* borrowed, for term frequencies; may be NULL */
    xs_query *xq;
    char **stems;
    size_t nstems, capstems;
};

/* A growing list of subqueries; owns them. */
typedef struct {
    xs_query **v;
    size_t n, cap;
} qlist;

static int ql_push(qlist *l, xs_query *q)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 8;
        xs_query **nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) {
            xs_query_free(q);
            return QP_ENOMEM;
        }
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = q;
    return QP_OK;
}

static void ql_free(qlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        xs_query_free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int add_stem(qp_query *q, const char *stem)
{
    for (size_t i = 0; i < q->nstems; i++)
        if (!strcmp(q->stems[i], stem))
            return QP_OK;
    if (q->nstems == q->capstems) {
        size_t nc = q->capstems ? q->capstems * 2 : 8;
        char **ns = realloc(q->stems, nc * sizeof *ns);
        if (!ns)
            return QP_ENOMEM;
        q->stems = ns;
        q->capstems = nc;
    }
    if (!(q->stems[q->nstems] = strdup(stem)))
        return QP_ENOMEM;
    q->nstems++;
    return QP_OK;
}

static int xs_fail(char *msg, size_t msglen)
{
    snprintf(msg, msglen, "cannot build the query: %s", xs_errmsg());
    return QP_EINDEX;
}

/* Combine list into one query (a single element is taken as it is).
 * The list is emptied. */
static int ql_combine(qlist *l, xs_op op, uint32_t window, xs_query **out, char *msg,
                      size_t msglen)
{
    int rc = QP_OK;
    *out = NULL;
    if (l->n == 1) {
        *out = l->v[0];
        l->n = 0;
    } else if (xs_query_combine(out, op, l->v, l->n, window) != XS_OK) {
        rc = xs_fail(msg, msglen);
    }
    ql_free(l);
    return rc;
}

/*
 * Ranking boosts added to every word outside a phrase, without changing
 * which documents match (AND_MAYBE): the exact normalized form, and the stem
 * among the first words of the body (the lead, XS_PREFIX_LEAD). Weights were
 * chosen on the ANT known-item task (bench/README.md): exact form alone
 * +0.008 MRR@10 (0.6428 -> 0.6511), the lead with BM25 at Xapian's defaults
 * 0.6457 -> 0.6986; 0.5 and 0.8 sit in a flat optimum.
 */
#define QP_EXACT_WEIGHT 0.5
#define QP_LEAD_WEIGHT 0.8

static int reader_df(void *ctx, ar_freq_kind kind, const char *term, uint64_t *df)
{
    uint32_t d = 0;
    char buf[512];
    if (kind == AR_FREQ_EXACT) {
        snprintf(buf, sizeof buf, "%s%s", XS_PREFIX_EXACT, term);
        term = buf;
    }
    if (xs_reader_termstats(ctx, term, &d, NULL) != XS_OK)
        return -1;
    *df = d;
    return 0;
}

/* The subquery for one token: its stem, or its expansions joined by op
 * (SYNONYM for a word on its own, OR inside a phrase, which takes only
 * terms or ORs of terms). The stems join the highlight set. */
static int token_query(ar_analyzer *a, qp_query *q, const ar_token *k, int in_phrase,
                       xs_query **out, char *msg, size_t msglen)
{
    char **stems = NULL;
    size_t n = 0;
    qlist alts = {0};
    int rc = QP_OK;
    *out = NULL;
    if (ar_expand(a, k, q->reader ? reader_df : NULL, q->reader, &stems, &n) != AR_OK) {
        snprintf(msg, msglen, "out of memory");
        rc = QP_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        xs_query *tq = NULL;
        if (xs_query_term(&tq, stems[i], 1, k->pos + 1) != XS_OK) {
            rc = xs_fail(msg, msglen);
            goto done;
        }
        if ((rc = ql_push(&alts, tq)) || (rc = add_stem(q, stems[i])))
            goto done;
    }
    rc = ql_combine(&alts, in_phrase ? XS_OP_OR : XS_OP_SYNONYM, 0, out, msg, msglen);
done:
    ql_free(&alts);
    ar_strv_free(stems, n);
    return rc;
}

/* A group of tokens matched together: one word, or a phrase. */
static int push_group(ar_analyzer *a, qp_query *q, const ar_tokens *t, size_t first,
                      size_t last, qlist *out, char *msg, size_t msglen)
{
    qlist parts = {0};
    xs_query *g = NULL;
    int rc = QP_OK;
    int phrase = last > first;
    for (size_t i = first; i <= last && !rc; i++) {
        xs_query *tq = NULL;
        rc = token_query(a, q, ar_tokens_get(t, i), phrase, &tq, msg, msglen);
        if (!rc)
            rc = ql_push(&parts, tq);
    }
    if (!rc)
        rc = ql_combine(&parts, XS_OP_PHRASE, 0, &g, msg, msglen);
    if (!rc)
        rc = ql_push(out, g);
    ql_free(&parts);
    return rc;
}

/* Push term (prefix + word) scaled by weight onto l. */
static int push_boost(qlist *l, const char *prefix, const char *word, double weight, char *msg,
                      size_t msglen)
{
    char term[512];
    xs_query *t = NULL, *sc = NULL;
    snprintf(term, sizeof term, "%s%s", prefix, word);
    if (xs_query_term(&t, term, 1, 0) != XS_OK || xs_query_scale(&sc, t, weight) != XS_OK) {
        xs_query_free(t);
        return xs_fail(msg, msglen);
    }
    xs_query_free(t);
    return ql_push(l, sc);
}

/*
 * Analyse s[0, n) and push one subquery per whitespace-separated chunk (or,
 * for a phrase, one subquery for the whole piece) onto out, and the ranking
 * boosts of words outside phrases onto boosts.
 */
static int add_piece(ar_analyzer *a, qp_query *q, const char *s, size_t n, int phrase,
                     qlist *out, qlist *boosts, char *msg, size_t msglen)
{
    ar_tokens *t = NULL;
    int rc = ar_analyze(a, s, n, &t);
    if (rc == AR_EUTF8) {
        snprintf(msg, msglen, "query is not valid UTF-8");
        return QP_EUTF8;
    }
    if (rc) {
        snprintf(msg, msglen, "cannot analyse the query: %s", ar_analyzer_errmsg(a));
        return QP_ENOMEM;
    }
    size_t cnt = ar_tokens_count(t);
    if (phrase && cnt == 0) {
        snprintf(msg, msglen, "empty phrase \"\" in query");
        rc = QP_ESYNTAX;
        goto done;
    }
    if (phrase) {
        rc = push_group(a, q, t, 0, cnt - 1, out, msg, msglen);
        goto done;
    }
    for (size_t i = 0; i < cnt && !rc;) {
        /* The chunk: tokens up to the next white space. */
        size_t j = i;
        while (j + 1 < cnt) {
            size_t gap_s = ar_tokens_get(t, j)->end, gap_e = ar_tokens_get(t, j + 1)->start;
            int space = 0;
            for (size_t b = gap_s; b < gap_e; b++)
                if (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')
                    space = 1;
            if (space)
                break;
            j++;
        }
        rc = push_group(a, q, t, i, j, out, msg, msglen);
        for (size_t k = i; k <= j && !rc; k++) {
            const ar_token *tk = ar_tokens_get(t, k);
            rc = push_boost(boosts, XS_PREFIX_EXACT, tk->norm, QP_EXACT_WEIGHT, msg, msglen);
            if (!rc)
                rc = push_boost(boosts, XS_PREFIX_LEAD, tk->stem, QP_LEAD_WEIGHT, msg, msglen);
        }
        i = j + 1;
    }
done:
    ar_tokens_free(t);
    return rc;
}

static int cmp_stem(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int qp_parse(ar_analyzer *a, xs_reader *reader, const char *text, qp_mode mode, qp_query **out,
             char *msg, size_t msglen)
{
    qp_query *q = NULL;
    qlist parts = {0}, boosts = {0};
    int rc = QP_OK;
    size_t len;

    if (!a || !text || !out)
        return QP_EEMPTY;
    *out = NULL;
    msg[0] = '\0';
    len = strlen(text);
    if (!ar_utf8_valid(text, len)) {
        snprintf(msg, msglen, "query is not valid UTF-8");
        return QP_EUTF8;
    }
    q = calloc(1, sizeof *q);
    if (!q)
        return QP_ENOMEM;
    q->reader = reader;
    size_t p = 0;
    while (p < len) {
        const char *quote = memchr(text + p, '"', len - p);
        size_t e = quote ? (size_t)(quote - text) : len;
        if (e > p && (rc = add_piece(a, q, text + p, e - p, 0, &parts, &boosts, msg, msglen)))
            goto done;
        if (!quote)
            break;
        const char *close = memchr(quote + 1, '"', len - e - 1);
        if (!close) {
            snprintf(msg, msglen, "unbalanced quote in query (a phrase is \"word word\")");
            rc = QP_ESYNTAX;
            goto done;
        }
        size_t ps = e + 1, pe = (size_t)(close - text);
        if ((rc = add_piece(a, q, text + ps, pe - ps, 1, &parts, &boosts, msg, msglen)))
            goto done;
        p = pe + 1;
    }
    if (parts.n == 0) {
        snprintf(msg, msglen, "query has no searchable word");
        rc = QP_EEMPTY;
        goto done;
    }
    if ((rc = ql_combine(&parts, mode == QP_ANY ? XS_OP_OR : XS_OP_AND, 0, &q->xq, msg, msglen)))
        goto done;
    if (boosts.n) {
        xs_query *bo = NULL, *mb = NULL;
        if ((rc = ql_combine(&boosts, XS_OP_OR, 0, &bo, msg, msglen)))
            goto done;
        xs_query *subs[] = {q->xq, bo};
        int xr = xs_query_combine(&mb, XS_OP_AND_MAYBE, subs, 2, 0);
        xs_query_free(bo);
        if (xr != XS_OK) {
            rc = xs_fail(msg, msglen);
            goto done;
        }
        xs_query_free(q->xq);
        q->xq = mb;
    }
    qsort(q->stems, q->nstems, sizeof *q->stems, cmp_stem);
    *out = q;
    q = NULL;
done:
    ql_free(&parts);
    ql_free(&boosts);
    qp_query_free(q);
    return rc;
}

const xs_query *qp_query_xs(const qp_query *q)
{
    return q ? q->xq : NULL;
}

const char *const *qp_query_stems(const qp_query *q, size_t *n)
{
    if (n)
        *n = q ? q->nstems : 0;
    return q ? (const char *const *)q->stems : NULL;
}

int qp_query_stem_index(const qp_query *q, const char *stem)
{
    if (!q || !stem || !q->nstems)
        return -1;
    char *const *hit = bsearch(&stem, q->stems, q->nstems, sizeof *q->stems, cmp_stem);
    return hit ? (int)(hit - q->stems) : -1;
}

void qp_query_free(qp_query *q)
{
    if (!q)
        return;
    xs_query_free(q->xq);
    for (size_t i = 0; i < q->nstems; i++)
        free(q->stems[i]);
    free(q->stems);
    free(q);
}
