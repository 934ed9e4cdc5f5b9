/*
 * query.c - query text to xs_query. The text is split into quoted phrases
 * and free chunks; every piece is analysed with ar_analyze, so query terms
 * are produced by exactly the code that produced the index terms.
 */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct qp_query {
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
 * Analyse s[0, n) and push one subquery per whitespace-separated chunk (or,
 * for a phrase, one subquery for the whole piece) onto out.
 */
static int add_piece(ar_analyzer *a, qp_query *q, const char *s, size_t n, int phrase,
                     qlist *out, char *msg, size_t msglen)
{
    ar_tokens *t = NULL;
    qlist group = {0};
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
    size_t chunk_end = 0; /* byte offset where the current chunk ends */
    for (size_t i = 0; i < cnt; i++) {
        const ar_token *k = ar_tokens_get(t, i);
        /* A new chunk starts after whitespace (never inside a phrase). */
        if (!phrase && group.n && k->start >= chunk_end) {
            xs_query *g = NULL;
            if ((rc = ql_combine(&group, XS_OP_PHRASE, 0, &g, msg, msglen)) ||
                (rc = ql_push(out, g)))
                goto done;
        }
        if (!phrase) {
            chunk_end = k->end;
            while (chunk_end < n && s[chunk_end] != ' ' && s[chunk_end] != '\t' &&
                   s[chunk_end] != '\n')
                chunk_end++;
        }
        xs_query *tq = NULL;
        if (xs_query_term(&tq, k->stem, 1, k->pos + 1) != XS_OK) {
            rc = xs_fail(msg, msglen);
            goto done;
        }
        if ((rc = ql_push(&group, tq)) || (rc = add_stem(q, k->stem)))
            goto done;
    }
    if (group.n) {
        xs_query *g = NULL;
        if ((rc = ql_combine(&group, XS_OP_PHRASE, 0, &g, msg, msglen)) ||
            (rc = ql_push(out, g)))
            goto done;
    }
done:
    ql_free(&group);
    ar_tokens_free(t);
    return rc;
}

static int cmp_stem(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int qp_parse(ar_analyzer *a, const char *text, qp_mode mode, qp_query **out, char *msg,
             size_t msglen)
{
    qp_query *q = NULL;
    qlist parts = {0};
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
    size_t p = 0;
    while (p < len) {
        const char *quote = memchr(text + p, '"', len - p);
        size_t e = quote ? (size_t)(quote - text) : len;
        if (e > p && (rc = add_piece(a, q, text + p, e - p, 0, &parts, msg, msglen)))
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
        if ((rc = add_piece(a, q, text + ps, pe - ps, 1, &parts, msg, msglen)))
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
    qsort(q->stems, q->nstems, sizeof *q->stems, cmp_stem);
    *out = q;
    q = NULL;
done:
    ql_free(&parts);
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
