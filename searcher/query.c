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
 * Analyse s[0, n) and push one subquery per whitespace-separated chunk (or,
 * for a phrase, one subquery for the whole piece) onto out.
 */
/* Experiment knobs (temporary). */
static int fx_stop(void) { const char *e = getenv("FX_STOP"); return e && *e == '1'; }
static double fx_exact(void) { const char *e = getenv("FX_EXACT"); return e ? atof(e) : 0; }
static int fx_noexp(void) { const char *e = getenv("FX_NOEXP"); return e && *e == '1'; }

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
    if (fx_noexp()) {
        stems = malloc(sizeof *stems);
        if (stems && (stems[0] = strdup(k->stem)))
            n = 1;
        else
            rc = QP_ENOMEM;
    } else if (ar_expand(a, k, q->reader ? reader_df : NULL, q->reader, &stems, &n) != AR_OK) {
        rc = QP_ENOMEM;
    }
    if (rc) {
        snprintf(msg, msglen, "out of memory");
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

/*
 * Analyse s[0, n) and push one subquery per whitespace-separated chunk (or,
 * for a phrase, one subquery for the whole piece) onto out. In OR queries a
 * lone function word goes to stops instead (when stops is not NULL); exact
 * forms go to exact (when not NULL).
 */
static int add_piece(ar_analyzer *a, qp_query *q, const char *s, size_t n, int phrase,
                     qlist *out, qlist *stops, qlist *exact, char *msg, size_t msglen)
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
        int stop = i == j && stops && (ar_tokens_get(t, i)->flags & AR_TOK_STOP);
        rc = push_group(a, q, t, i, j, stop ? stops : out, msg, msglen);
        for (size_t k = i; k <= j && !rc && exact; k++) {
            char et[300];
            xs_query *eq = NULL;
            snprintf(et, sizeof et, "E%s", ar_tokens_get(t, k)->norm);
            if (xs_query_term(&eq, et, 1, 0) != XS_OK)
                rc = xs_fail(msg, msglen);
            else
                rc = ql_push(exact, eq);
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
    qlist parts = {0}, stops = {0}, exact = {0};
    int use_stops = mode == QP_ANY && fx_stop();
    double ew = fx_exact();
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
        if (e > p && (rc = add_piece(a, q, text + p, e - p, 0, &parts, use_stops ? &stops : NULL, ew > 0 ? &exact : NULL, msg, msglen)))
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
        if ((rc = add_piece(a, q, text + ps, pe - ps, 1, &parts, NULL, NULL, msg, msglen)))
            goto done;
        p = pe + 1;
    }
    if (parts.n == 0 && stops.n) {
        parts = stops;
        memset(&stops, 0, sizeof stops);
    }
    if (parts.n == 0) {
        snprintf(msg, msglen, "query has no searchable word");
        rc = QP_EEMPTY;
        goto done;
    }
    if ((rc = ql_combine(&parts, mode == QP_ANY ? XS_OP_OR : XS_OP_AND, 0, &q->xq, msg, msglen)))
        goto done;
    if (exact.n) {
        xs_query *eo = NULL, *es = NULL, *mb = NULL;
        if ((rc = ql_combine(&exact, XS_OP_OR, 0, &eo, msg, msglen)))
            goto done;
        xs_query_scale(&es, eo, ew);
        xs_query *subs[] = {q->xq, es};
        xs_query_combine(&mb, XS_OP_AND_MAYBE, subs, 2, 0);
        xs_query_free(eo);
        xs_query_free(es);
        xs_query_free(q->xq);
        q->xq = mb;
    }
    qsort(q->stems, q->nstems, sizeof *q->stems, cmp_stem);
    *out = q;
    q = NULL;
done:
    ql_free(&parts);
    ql_free(&stops);
    ql_free(&exact);
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
