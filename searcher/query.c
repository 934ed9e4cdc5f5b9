/*
 * query.c - syntax tree to xs_query. Each leaf is analysed with ar_analyze,
 * so query terms are produced by exactly the code that produced the index
 * terms; then the tree is turned into Xapian operators bottom up.
 *
 * Invariants: a leaf under a NOT adds no ranking boost and no pattern; a
 * boolean filter (source:, category:, id:, date:, --since, --until) adds no
 * weight; boosts never change the matching set: a word's boost terms (its
 * exact form, its stem in the lead) weigh through AND_MAYBE, and so do the
 * words of a quoted run (QP_PHRASE_WEIGHT).
 */
#include "query.h"
#include "../schema/schema.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct qp_query {
    xs_query *xq;
    qm_pattern *pats;
    size_t npats, cappats;
    int check; /* qp_query_check */
};

/* A growing list of subqueries; owns them. */
typedef struct {
    xs_query **v;
    size_t n, cap;
} qlist;

typedef struct {
    ar_analyzer *a;
    xs_reader *r;
    const qp_opts *o;
    const char *text; /* the whole query, for error columns */
    qp_query *q;
    qn_error *err;
} builder;

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

static int fail(builder *b, int rc, size_t at, const char *msg)
{
    b->err->column = at == (size_t)-1 ? 0 : qn_column(b->text, at);
    snprintf(b->err->msg, sizeof b->err->msg, "%s", msg);
    return rc;
}

static int xs_fail(builder *b)
{
    char m[200];
    snprintf(m, sizeof m, "cannot build the query: %s", xs_errmsg());
    return fail(b, QP_EINDEX, (size_t)-1, m);
}

static int nomem(builder *b)
{
    return fail(b, QP_ENOMEM, (size_t)-1, "out of memory");
}

/* Combine a list into one query (a single element is taken as it is). The
 * list is emptied. */
static int ql_combine(builder *b, qlist *l, xs_op op, uint32_t window, xs_query **out)
{
    int rc = QP_OK;
    *out = NULL;
    if (l->n == 1) {
        *out = l->v[0];
        l->n = 0;
    } else if (l->n && xs_query_combine(out, op, l->v, l->n, window) != XS_OK) {
        rc = xs_fail(b);
    }
    ql_free(l);
    return rc;
}

/* *out = first OP second; both inputs are consumed. */
static int combine2(builder *b, xs_op op, xs_query *first, xs_query *second, xs_query **out)
{
    xs_query *subs[] = {first, second};
    int rc = xs_query_combine(out, op, subs, 2, 0) == XS_OK ? QP_OK : xs_fail(b);
    xs_query_free(first);
    xs_query_free(second);
    return rc;
}

static int term_query(builder *b, const char *term, double scale, xs_query **out)
{
    xs_query *t = NULL;
    *out = NULL;
    if (xs_query_term(&t, term, 1, 0) != XS_OK)
        return xs_fail(b);
    if (scale == 1.0) {
        *out = t;
        return QP_OK;
    }
    int rc = xs_query_scale(out, t, scale) == XS_OK ? QP_OK : xs_fail(b);
    xs_query_free(t);
    return rc;
}

/*
 * Ranking boosts added to every word outside NOT: the exact normalized
 * form, and the stem among the first words of the body (the lead,
 * FX_PREFIX_LEAD). Weights were chosen on the ANT known-item task
 * (bench/README.md): exact form alone +0.008 MRR@10 (0.6428 -> 0.6511), the
 * lead with BM25 at Xapian's defaults 0.6457 -> 0.6986; 0.5 and 0.8 sit in a
 * flat optimum.
 */
#define QP_EXACT_WEIGHT 0.5
#define QP_LEAD_WEIGHT 0.8

/*
 * With --any, a quoted run of words beside other items still matches as a
 * phrase, but its words weigh on their own, as if typed bare, in every
 * document the query matches; the phrase adds QP_PHRASE_WEIGHT times its
 * own weight on top. Headlines quote names, titles and statements that the
 * article words a little differently, so weighing the phrase alone lost
 * 0.019 MRR@10 on the tuning half of ANT (0.6949 quoted, 0.7139 quotes
 * stripped); this way: 0.7138 at 0.2, 0.7135 at 0, 0.7119 at 0.5
 * (bench/README.md).
 */
#define QP_PHRASE_WEIGHT 0.2

/*
 * A word's other spellings in the press (ar_expand_variants: اميركي for
 * امريكي) match as the word does but add nothing to a document's weight:
 * a headline and its article tend to share a spelling. With the two
 * spellings as one term, known-item search lost on the headlines that
 * hold them; on the tuning half of ANT, weights 1 / 0.5 / 0.3 / 0 gave
 * MRR@10 0.7224 / 0.7228 / 0.7229 / 0.7232 (0.7232 without the variants),
 * while the audit of bench/keywords3.tsv went 0.865 -> 0.984 at any of
 * them (bench/README.md).
 */
#define QP_VARIANT_WEIGHT 0.0

static int push_boost(builder *b, qlist *l, const char *prefix, const char *word, size_t wlen,
                      double weight)
{
    char term[512];
    xs_query *q = NULL;
    snprintf(term, sizeof term, "%s%.*s", prefix, (int)wlen, word);
    int rc = term_query(b, term, weight, &q);
    return rc ? rc : ql_push(l, q) ? nomem(b) : QP_OK;
}

/* ---- patterns ---------------------------------------------------------- */

static qm_pattern *pattern_new(builder *b, size_t nslots)
{
    qp_query *q = b->q;
    if (q->npats == q->cappats) {
        size_t nc = q->cappats ? q->cappats * 2 : 8;
        qm_pattern *nv = realloc(q->pats, nc * sizeof *nv);
        if (!nv)
            return NULL;
        q->pats = nv;
        q->cappats = nc;
    }
    qm_pattern *p = &q->pats[q->npats];
    memset(p, 0, sizeof *p);
    if (!(p->slots = calloc(nslots, sizeof *p->slots)))
        return NULL;
    p->nslots = nslots;
    q->npats++;
    return p;
}

/* Add prefix+term to a slot (NULL slot: nothing to record). */
static int slot_add(qm_slot *s, const char *prefix, const char *term)
{
    if (!s)
        return 0;
    char **nv = realloc(s->terms, (s->n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    s->terms = nv;
    size_t pl = strlen(prefix), tl = strlen(term);
    if (!(s->terms[s->n] = malloc(pl + tl + 1)))
        return -1;
    memcpy(s->terms[s->n], prefix, pl);
    memcpy(s->terms[s->n] + pl, term, tl + 1);
    s->n++;
    return 0;
}

/* ---- leaves ------------------------------------------------------------ */

/* prefix + v[0], prefix + v[stride], ...: n new strings, with a df array
 * of n ones beside them (the form of xs_reader_termfreqs), or -1 when out
 * of memory (what was made is still the caller's to free). */
static int prefixed_terms(const char *prefix, char *const *v, size_t n, size_t stride,
                          char ***terms, uint32_t **df)
{
    *terms = calloc(n + 1, sizeof **terms);
    *df = calloc(n + 1, sizeof **df);
    if (!*terms || !*df)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(prefix) + strlen(v[i * stride]) + 1;
        if (!((*terms)[i] = malloc(l)))
            return -1;
        snprintf((*terms)[i], l, "%s%s", prefix, v[i * stride]);
        (*df)[i] = 1;
    }
    return 0;
}

/* In slot, the term `term` (not an exact form) replaced by the n exact
 * forms in forms, each placed where term stands (qm_slot.nexact); with n 0
 * the term goes. Nothing when slot is NULL or lacks the term. Returns 0,
 * or -1 out of memory (slot unchanged). */
static int slot_to_exact(qm_slot *slot, const char *term, char *const *forms, size_t n)
{
    size_t at = slot ? slot->nexact : 0;
    while (slot && at < slot->n && strcmp(slot->terms[at], term))
        at++;
    if (!slot || at == slot->n)
        return 0;
    char **nt = calloc(slot->n + n, sizeof *nt), **np = calloc(slot->nexact + n + 1, sizeof *np);
    size_t made = 0;
    for (; nt && np && made < n; made++) {
        nt[slot->nexact + made] = strdup(forms[made]);
        np[slot->nexact + made] = strdup(term);
        if (!nt[slot->nexact + made] || !np[slot->nexact + made])
            break;
    }
    if (!nt || !np || made < n) {
        for (size_t i = 0; nt && np && i <= made && i < n; i++) {
            free(nt[slot->nexact + i]);
            free(np[slot->nexact + i]);
        }
        free(nt);
        free(np);
        return -1;
    }
    /* The exact forms first, the new after the old; then the other terms. */
    memcpy(nt, slot->terms, slot->nexact * sizeof *nt);
    if (slot->nexact)
        memcpy(np, slot->pos_terms, slot->nexact * sizeof *np);
    size_t m = slot->nexact + n;
    for (size_t i = slot->nexact; i < slot->n; i++)
        if (i != at)
            nt[m++] = slot->terms[i];
    free(slot->terms[at]);
    free(slot->terms);
    free(slot->pos_terms);
    slot->terms = nt;
    slot->pos_terms = np;
    slot->n = m;
    slot->nexact += n;
    return 0;
}

/* The (term, form) pairs of an expansion (ar_expand_unmarked,
 * ar_expand_singular, ar_expand_own_forms), with what to look up for each,
 * its exact term (or the term itself where its form is ""), and whether the
 * index holds it, looked up in one call. */
typedef struct {
    char **pairs, **look;
    uint32_t *df;
    size_t n;
} form_set;

/* Fill fs's lookups for its n pairs (fs->pairs and fs->n already set). */
static int form_set_look(builder *b, form_set *fs)
{
    size_t n = fs->n;
    if (!n)
        return QP_OK;
    fs->look = calloc(n + 1, sizeof *fs->look);
    fs->df = calloc(n + 1, sizeof *fs->df);
    if (!fs->look || !fs->df)
        return nomem(b);
    for (size_t i = 0; i < n; i++) {
        const char *term = fs->pairs[2 * i], *form = fs->pairs[2 * i + 1];
        size_t l = strlen(FX_PREFIX_EXACT) + strlen(form) + strlen(term) + 1;
        if (!(fs->look[i] = malloc(l)))
            return nomem(b);
        snprintf(fs->look[i], l, "%s%s", *form ? FX_PREFIX_EXACT : "", *form ? form : term);
        fs->df[i] = 1;
    }
    if (b->r && xs_reader_termfreqs(b->r, (const char *const *)fs->look, n, fs->df))
        return xs_fail(b);
    return QP_OK;
}

/* fs from expand's pairs for k; fs->n 0 when there are none. */
static int form_set_load(builder *b, const ar_token *k,
                         int (*expand)(ar_analyzer *, const ar_token *, char ***, size_t *),
                         form_set *fs)
{
    memset(fs, 0, sizeof *fs);
    if (expand(b->a, k, &fs->pairs, &fs->n) != AR_OK)
        return nomem(b);
    return form_set_look(b, fs);
}

static void form_set_free(form_set *fs)
{
    ar_strv_free(fs->pairs, 2 * fs->n);
    ar_strv_free(fs->look, fs->n);
    free(fs->df);
}

/* 1 when pair i of fs is held and is its term's first held pair with a
 * form (a pair without one stands alone). */
static int first_held(const form_set *fs, size_t i)
{
    const char *t = fs->pairs[2 * i];
    if (!fs->df[i])
        return 0;
    if (!*fs->pairs[2 * i + 1])
        return 1;
    for (size_t j = 0; j < i; j++)
        if (fs->df[j] && *fs->pairs[2 * j + 1] && !strcmp(fs->pairs[2 * j], t))
            return 0;
    return 1;
}

/* *forms: the OR of fs's exact forms of term that the index holds (NULL
 * when it holds none). With slot, those forms take the term's place there,
 * so that only they are highlighted and counted. */
static int held_forms(builder *b, const form_set *fs, const char *term, qm_slot *slot,
                      xs_query **forms)
{
    qlist fl = {0};
    char **held = calloc(fs->n + 1, sizeof *held);
    size_t nheld = 0;
    int rc = held ? QP_OK : nomem(b);
    *forms = NULL;
    for (size_t i = 0; i < fs->n && !rc; i++) {
        xs_query *f = NULL;
        if (!fs->df[i] || !*fs->pairs[2 * i + 1] || strcmp(fs->pairs[2 * i], term))
            continue;
        held[nheld++] = fs->look[i];
        if (!(rc = term_query(b, fs->look[i], 1.0, &f)) && ql_push(&fl, f))
            rc = nomem(b);
    }
    if (!rc)
        rc = ql_combine(b, &fl, XS_OP_OR, 0, forms);
    if (!rc && slot_to_exact(slot, term, held, nheld)) {
        xs_query_free(*forms);
        *forms = NULL;
        rc = nomem(b);
    }
    ql_free(&fl);
    free(held);
    return rc;
}

/* *q, the query of term (replaced), restricted to the documents where one
 * of fs's exact forms of that term stands (the term alone is often another
 * word's: اف is إف's, مظاهر is مظهر's plural, مسلح is مسلحة's; the forms are
 * not). *q is NULL when the index holds none of them. With slot, the forms
 * take the term's place there (held_forms). */
static int restrict_term(builder *b, const form_set *fs, const char *term, qm_slot *slot,
                         xs_query **q)
{
    xs_query *forms = NULL;
    int rc = held_forms(b, fs, term, slot, &forms);
    if (!rc && forms)
        return combine2(b, XS_OP_FILTER, *q, forms, q);
    xs_query_free(forms);
    xs_query_free(*q);
    *q = NULL;
    return rc;
}

/* Into to: for each term of fs but skip (may be NULL) that the index holds,
 * once, its query: restricted to where its exact forms stand (restrict_term,
 * which puts them in slot in its place), or the term alone, into slot too,
 * where its form is "". With need (a phrase's word, which takes only
 * terms), the term goes into to alone, and what restricts it (the OR of its
 * held forms, or the term where its form is "") into need. */
static int push_form_terms(builder *b, const form_set *fs, const char *skip, qm_slot *slot,
                           qlist *to, qlist *need)
{
    int rc = QP_OK;
    for (size_t i = 0; i < fs->n && !rc; i++) {
        const char *t = fs->pairs[2 * i];
        xs_query *tq = NULL, *forms = NULL;
        if (!first_held(fs, i) || (skip && !strcmp(t, skip)))
            continue;
        int has_form = *fs->pairs[2 * i + 1] != '\0';
        if ((rc = term_query(b, t, 1.0, &tq)))
            break;
        if (slot_add(slot, "", t))
            rc = nomem(b);
        else if (need)
            rc = has_form ? held_forms(b, fs, t, slot, &forms) : term_query(b, t, 1.0, &forms);
        else if (has_form)
            rc = restrict_term(b, fs, t, slot, &tq); /* tq NULL on failure */
        if (!rc && forms && ql_push(need, forms))
            rc = nomem(b);
        if (rc)
            xs_query_free(tq);
        else if (tq && ql_push(to, tq))
            rc = nomem(b);
    }
    return rc;
}

/* *out: the exact term of k's typed form (the query of a restricted word
 * whose forms the index lacks: it lacks that one too). */
static int typed_form_query(builder *b, const ar_token *k, xs_query **out)
{
    char term[512];
    snprintf(term, sizeof term, "%s%s", FX_PREFIX_EXACT, k->norm);
    return term_query(b, term, 1.0, out);
}

/* A word of a phrase or NEAR group typed in a masculine plural, fs its
 * forms (ar_expand_own_forms): a phrase holds only terms, so the forms'
 * other terms (a variant spelling's, a dual's) join the word's stem as
 * plain alternatives, and need gets the OR of every exact form the index
 * holds (or of the typed form's, which it lacks, when it holds none): the
 * caller requires one of them in each document of the phrase, as a word on
 * its own requires them of its stem (restrict_term). In slot the forms take
 * their terms' place, so the phrase is highlighted and counted only where
 * a masculine form stands in it (المدرسين الفلسطينيين, not المدارس
 * الفلسطينية). */
static int phrase_forms(builder *b, const form_set *fs, const ar_token *k, qm_slot *slot,
                        qlist *alts, qlist *need)
{
    qlist fl = {0};
    xs_query *any = NULL, *forms = NULL;
    int rc = held_forms(b, fs, k->stem, slot, &forms);
    if (!rc && forms && ql_push(&fl, forms))
        rc = nomem(b);
    if (!rc)
        rc = push_form_terms(b, fs, k->stem, slot, alts, &fl);
    if (!rc && !fl.n && !(rc = typed_form_query(b, k, &forms)) && ql_push(&fl, forms))
        rc = nomem(b);
    if (!rc)
        rc = ql_combine(b, &fl, XS_OP_OR, 0, &any);
    if (!rc && any && ql_push(need, any))
        rc = nomem(b);
    ql_free(&fl);
    return rc;
}

/*
 * A word typed in a sound plural (العقوبات, اللاعبين) also finds its
 * singular (عقوبة, لاعب: ar_expand_singular), which matches but weighs this
 * many times its own weight, so the plural typed ranks first. On the tuning
 * half of ANT, weights 0 / 0.5 gave MRR@10 0.72334 / 0.72334 with the
 * feminine plurals' singulars (0.72316 without), 1.0 lower in an earlier
 * run, while the audit of bench/keywords5.tsv went 0.971 -> 0.982 at
 * either (bench/README.md).
 * Overridable at build time (-DQP_SINGULAR_WEIGHT=...) for such runs.
 */
#ifndef QP_SINGULAR_WEIGHT
#define QP_SINGULAR_WEIGHT 0.0
#endif

/* *out = *out OR weight * q (q taken; *out replaced). */
static int or_scaled(builder *b, xs_query *q, double weight, xs_query **out)
{
    if (weight != 1.0) {
        xs_query *sq = NULL;
        int rc = xs_query_scale(&sq, q, weight) == XS_OK ? QP_OK : xs_fail(b);
        xs_query_free(q);
        if (rc)
            return rc;
        q = sq;
    }
    return combine2(b, XS_OP_OR, *out, q, out);
}

/* The (term, form) pairs of k that expand (ar_expand_unmarked or
 * ar_expand_singular) gives, each term FILTER the OR of its exact forms the
 * index holds (push_form_terms), joined by OR, scaled by weight and ORed
 * into *out (the word's own subquery; replaced). */
static int add_pairs(builder *b, const ar_token *k, qm_slot *slot,
                     int (*expand)(ar_analyzer *, const ar_token *, char ***, size_t *),
                     double weight, xs_query **out)
{
    form_set fs;
    qlist alts = {0};
    xs_query *q = NULL;
    int rc = form_set_load(b, k, expand, &fs);
    if (!rc)
        rc = push_form_terms(b, &fs, NULL, slot, &alts, NULL);
    if (!rc)
        rc = ql_combine(b, &alts, XS_OP_OR, 0, &q);
    ql_free(&alts);
    form_set_free(&fs);
    return rc || !q ? rc : or_scaled(b, q, weight, out);
}

/* Into to: a term query for each of the n terms whose df is not 0; each
 * such term also goes into slot (may be NULL). */
static int push_held_terms(builder *b, char *const *terms, const uint32_t *df, size_t n,
                           qm_slot *slot, qlist *to)
{
    int rc = QP_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        xs_query *tq = NULL;
        if (df[i] && !(rc = term_query(b, terms[i], 1.0, &tq)) &&
            (ql_push(to, tq) || slot_add(slot, "", terms[i])))
            rc = nomem(b);
    }
    return rc;
}

/* Into to: a term query for each index term of k's other spellings
 * (ar_expand_variants) with prefix that the index holds; each term also
 * goes into slot (may be NULL). */
static int variant_terms(builder *b, const ar_token *k, const char *prefix, qm_slot *slot,
                         qlist *to)
{
    char **v = NULL, **terms = NULL;
    uint32_t *df = NULL;
    size_t n = 0;
    int rc = QP_OK;
    if (ar_expand_variants(b->a, k, &v, &n) != AR_OK || (n && prefixed_terms(prefix, v, n, 1, &terms, &df)))
        rc = nomem(b);
    else if (n && b->r && xs_reader_termfreqs(b->r, (const char *const *)terms, n, df))
        rc = xs_fail(b);
    if (!rc)
        rc = push_held_terms(b, terms, df, n, slot, to);
    ar_strv_free(terms, n);
    free(df);
    ar_strv_free(v, n);
    return rc;
}

/* The subquery for one token: its expansions with prefix, joined by op
 * (SYNONYM for a word on its own, OR inside a phrase or NEAR, which take
 * only terms or ORs of terms). The terms go into slot (may be NULL). Inside
 * a phrase or NEAR, need (NULL for none) gets what the caller must require
 * of the whole group's documents (phrase_forms). */
static int token_query(builder *b, const ar_token *k, const char *prefix, xs_op op,
                       qm_slot *slot, qlist *need, xs_query **out)
{
    char **stems = NULL;
    size_t n = 0;
    qlist alts = {0}, others = {0};
    form_set of = {0};
    int rc = QP_OK;
    *out = NULL;
    char **terms = NULL;
    uint32_t *df = NULL;
    if (ar_expand(b->a, k, &stems, &n) != AR_OK) {
        rc = nomem(b);
        goto done;
    }
    if (prefixed_terms(prefix, stems, n, 1, &terms, &df)) {
        rc = nomem(b);
        goto done;
    }
    /* A word typed in a sound masculine plural whose term is also its
     * feminine's: that term where a masculine form stands (else the typed
     * form's exact term, which the index lacks too), and none of its other
     * terms: the stem's broken plurals may be the feminine's (مدارس,
     * "schools", of مدرسة, beside المدرسين, "teachers"). On its own the
     * word's term is restricted (restrict_term); in a phrase or NEAR group,
     * the group's documents (phrase_forms). */
    if ((op == XS_OP_SYNONYM || need) && !*prefix &&
        (rc = form_set_load(b, k, ar_expand_own_forms, &of)))
        goto done;
    /* Forms the index does not hold cannot match: leaving them out changes
     * no result, and spares the matcher a posting list each. The typed
     * word's own stem always stays. */
    if (of.n)
        memset(df + 1, 0, (n - 1) * sizeof *df);
    else if (b->r && n > 1 &&
             xs_reader_termfreqs(b->r, (const char *const *)terms + 1, n - 1, df + 1)) {
        rc = xs_fail(b);
        goto done;
    }
    rc = push_held_terms(b, terms, df, n, slot, &alts);
    if (!rc && of.n && op != XS_OP_SYNONYM) {
        rc = phrase_forms(b, &of, k, slot, &alts, need);
        if (!rc)
            rc = ql_combine(b, &alts, op, 0, out);
        goto done;
    }
    if (!rc && of.n && (rc = restrict_term(b, &of, k->stem, slot, &alts.v[0])) == QP_OK &&
        !alts.v[0])
        rc = typed_form_query(b, k, &alts.v[0]);
    /* Other spellings: alternatives inside a phrase; beside a word on its
     * own, a part that matches and weighs QP_VARIANT_WEIGHT times its own
     * weight. With masculine forms, the other terms of those forms instead,
     * each where its forms stand: its other spellings' (اميركي for
     * الأمريكيين, not their feminine plural اميركيات), a dual with a term
     * of its own (مسلحان), a spelling the dictionary reads apart (العراقى,
     * as Hunspell lists عراقى). */
    if (!rc && !of.n)
        rc = variant_terms(b, k, prefix, slot, op == XS_OP_SYNONYM ? &others : &alts);
    else if (!rc)
        rc = push_form_terms(b, &of, k->stem, slot, &others, NULL);
    if (!rc)
        rc = ql_combine(b, &alts, op, 0, out);
    if (!rc && *out && others.n) {
        xs_query *v = NULL;
        if (!(rc = ql_combine(b, &others, XS_OP_SYNONYM, 0, &v)))
            rc = or_scaled(b, v, QP_VARIANT_WEIGHT, out);
    }
    /* A word on its own (not in a phrase, whose parts must be terms). */
    if (!rc && *out && op == XS_OP_SYNONYM && !*prefix)
        rc = add_pairs(b, k, slot, ar_expand_unmarked, 1.0, out);
    if (!rc && *out && op == XS_OP_SYNONYM && !*prefix)
        rc = add_pairs(b, k, slot, ar_expand_singular, QP_SINGULAR_WEIGHT, out);
done:
    ql_free(&alts);
    ql_free(&others);
    form_set_free(&of);
    ar_strv_free(terms, n);
    free(df);
    ar_strv_free(stems, n);
    return rc;
}

/* One word with its boosts (its exact form unless it is a function word,
 * its stem in the lead): the query of a word typed on its own. The boosts
 * weigh through AND_MAYBE, so the match set is the word's whatever the
 * boost terms match on their own (the lead term of a feminine plural also
 * counts its singular, ar_broad_len). The terms go into slot (may be
 * NULL). */
static int word_query(builder *b, const ar_token *k, qm_slot *slot, xs_query **out)
{
    qlist parts = {0};
    xs_query *word = NULL;
    *out = NULL;
    int rc = token_query(b, k, "", XS_OP_SYNONYM, slot, NULL, &word);
    if (rc)
        return rc;
    /* The word first: AND_MAYBE takes its matches from its first part. */
    if (ql_push(&parts, word))
        return nomem(b);
    /* A function word's exact form is no evidence of what a document is
     * about, and its posting list is about as long as the word's own: ANT,
     * both halves up (MRR@10 0.7216 -> 0.7219, 0.7280 -> 0.7281), 16% fewer
     * instructions per headline query (bench/README.md). Its lead term
     * stays: without it both halves went down. */
    if (!(k->flags & AR_TOK_STOP))
        rc = push_boost(b, &parts, FX_PREFIX_EXACT, k->norm, strlen(k->norm), QP_EXACT_WEIGHT);
    if (!rc)
        rc = push_boost(b, &parts, FX_PREFIX_LEAD, k->stem, ar_broad_len(k), QP_LEAD_WEIGHT);
    if (!rc)
        rc = ql_combine(b, &parts, XS_OP_AND_MAYBE, 0, out);
    ql_free(&parts);
    return rc;
}

static int analyse(builder *b, const qn *n, ar_tokens **t)
{
    int rc = ar_analyze(b->a, n->text, strlen(n->text), t);
    if (rc == AR_EUTF8)
        return fail(b, QP_EUTF8, n->at, "query is not valid UTF-8");
    if (rc) {
        char m[200];
        snprintf(m, sizeof m, "cannot analyse the query: %s", ar_analyzer_errmsg(b->a));
        return fail(b, QP_ENOMEM, n->at, m);
    }
    return QP_OK;
}

/* *q (replaced) FILTER the AND of l's queries: the documents of a phrase or
 * NEAR group that also hold what its words require (exact forms, which
 * carry no positions). l is emptied. */
static int require_all(builder *b, qlist *l, xs_query **q)
{
    xs_query *all = NULL, *group = *q;
    *q = NULL;
    int rc = ql_combine(b, l, XS_OP_AND, 0, &all);
    if (!rc)
        return combine2(b, XS_OP_FILTER, group, all, q);
    xs_query_free(group);
    return rc;
}

/* A word or a phrase (QN_TEXT), or an exact form (QN_EXACT). */
static int build_text(builder *b, const qn *n, int negated, xs_query **out)
{
    ar_tokens *t = NULL;
    qlist parts = {0}, exact = {0};
    int rc = analyse(b, n, &t);
    size_t cnt = ar_tokens_count(t);
    *out = NULL;
    if (rc || cnt == 0)
        goto done;
    const char *prefix = n->kind == QN_EXACT ? FX_PREFIX_EXACT
                         : n->field == QF_TITLE ? FX_PREFIX_TITLE
                                                : "";
    qm_pattern *pat = negated ? NULL : pattern_new(b, cnt);
    if (!negated && !pat) {
        rc = nomem(b);
        goto done;
    }
    for (size_t i = 0; i < cnt && !rc; i++) {
        const ar_token *k = ar_tokens_get(t, i);
        qm_slot *slot = pat ? &pat->slots[i] : NULL;
        xs_query *tq = NULL;
        if (n->kind == QN_EXACT) {
            /* Exact forms carry no positions: one is its E term; several
             * are the phrase of their stems among documents holding every
             * E term (FILTER, below). */
            char term[512];
            snprintf(term, sizeof term, "%s%s", prefix, k->norm);
            rc = term_query(b, cnt > 1 ? k->stem : term, 1.0, &tq);
            if (!rc && cnt > 1) {
                xs_query *eq = NULL;
                rc = term_query(b, term, 1.0, &eq);
                if (!rc && ql_push(&exact, eq))
                    rc = nomem(b);
            }
            if (!rc && slot && (slot_add(slot, "", k->stem) ||
                                slot_to_exact(slot, k->stem, (char *[]){term}, 1)))
                rc = nomem(b);
        } else if (cnt == 1 && !negated && n->field == QF_NONE) {
            /* A word outside NOT, quoted or not, with its boosts. A phrase's
             * words get none: under --any they weigh on their own with
             * their boosts (QP_PHRASE_WEIGHT), and the boosts inside the
             * phrase no longer paid for their posting lists: tuning-half
             * MRR@10 0.7149 without them, 0.7146 with; 200 two-word phrases
             * at 10x, p50 3.6-4.1 ms without, 5.3-5.4 ms with. */
            rc = word_query(b, k, slot, &tq);
        } else {
            rc = token_query(b, k, prefix, cnt > 1 ? XS_OP_OR : XS_OP_SYNONYM, slot,
                             cnt > 1 ? &exact : NULL, &tq);
        }
        if (!rc && ql_push(&parts, tq))
            rc = nomem(b);
    }
    if (!rc)
        rc = ql_combine(b, &parts, XS_OP_PHRASE, 0, out);
    if (!rc && exact.n)
        rc = require_all(b, &exact, out);
done:
    ql_free(&parts);
    ql_free(&exact);
    ar_tokens_free(t);
    return rc;
}

/* 1 when st is shorter than pre, or than norm after none, one or two of its
 * letters (the proclitics: بكورون), and begins it: the stemmer cut into
 * letters that were typed. */
static int cut_short(const char *st, const char *pre, const char *norm)
{
    size_t sl = strlen(st);
    if (sl < strlen(pre) && !strncmp(pre, st, sl))
        return 1;
    for (size_t k = 0; k <= 4 && k < strlen(norm); k += 2) /* Arabic letters: 2 bytes */
        if (sl < strlen(norm + k) && !strncmp(norm + k, st, sl))
            return 1;
    return 0;
}

/*
 * Add to terms[0, *nt) the stems of the written forms that begin with norm
 * (the E terms of the index) that cut into the typed letters (cut_short),
 * each once: the stemmer took for a suffix letters that were typed (كورونا
 * is كورو, so كورون* starts no stem of it). A form read as a clitic and
 * another word (كورقة, ك + ورقة) has a stem that begins no typed letters
 * and is left out: it would bring every document of ورقة. Nothing is added
 * when more than QP_PREFIX_MAX forms begin so: the stems alone answer then.
 * terms is grown with realloc; it stays the caller's to free.
 */
static int add_form_stems(builder *b, const char *norm, const char *pre, char ***terms,
                          size_t *nt)
{
    char epre[512];
    char **forms = NULL;
    size_t nf = 0;
    int rc = QP_OK;
    snprintf(epre, sizeof epre, "%s%s", FX_PREFIX_EXACT, norm);
    if (xs_reader_prefix_terms(b->r, epre, QP_PREFIX_MAX, &forms, &nf) != XS_OK)
        return xs_fail(b);
    for (size_t i = 0; i < nf && nf <= QP_PREFIX_MAX && !rc; i++) {
        ar_tokens *t = NULL;
        const char *form = forms[i] + strlen(FX_PREFIX_EXACT);
        if ((rc = ar_analyze(b->a, form, strlen(form), &t))) {
            rc = rc == AR_ENOMEM ? nomem(b) : QP_OK; /* not one word: skipped */
        } else if (ar_tokens_count(t) == 1 && cut_short(ar_tokens_get(t, 0)->stem, pre, norm)) {
            const char *st = ar_tokens_get(t, 0)->stem;
            size_t j = 0;
            while (j < *nt && strcmp((*terms)[j], st) != 0)
                j++;
            if (j == *nt) {
                char **nv = realloc(*terms, (*nt + 1) * sizeof *nv);
                if (nv)
                    *terms = nv;
                if (!nv || !(nv[*nt] = strdup(st)))
                    rc = nomem(b);
                else
                    (*nt)++;
            }
        }
        ar_tokens_free(t);
    }
    ar_strv_free(forms, nf);
    return rc;
}

/* word*: every stem with that beginning, and for an Arabic word the stems
 * of the written forms with that beginning (add_form_stems), at most
 * QP_PREFIX_MAX. */
static int build_prefix(builder *b, const qn *n, int negated, xs_query **out)
{
    ar_tokens *t = NULL;
    char **terms = NULL;
    size_t nt = 0;
    qlist alts = {0};
    char pre[512], m[200];
    int rc = analyse(b, n, &t);
    *out = NULL;
    if (rc || ar_tokens_count(t) == 0)
        goto done;
    if (ar_tokens_count(t) > 1) {
        rc = fail(b, QP_ESYNTAX, n->at, "a prefix* is a single word");
        goto done;
    }
    if (!b->r) {
        rc = fail(b, QP_EINDEX, n->at, "a prefix* needs an index");
        goto done;
    }
    /* Arabic: the stem, so that clitics and the article do not count
     * (والبوكم* finds البوكمال); other scripts: the normalized form, as a
     * stemmer would rewrite the end of a cut Latin word. */
    const ar_token *k = ar_tokens_get(t, 0);
    snprintf(pre, sizeof pre, "%s", (k->flags & AR_TOK_ARABIC) ? k->stem : k->norm);
    if (xs_reader_prefix_terms(b->r, pre, QP_PREFIX_MAX, &terms, &nt) != XS_OK) {
        rc = xs_fail(b);
        goto done;
    }
    if (nt <= QP_PREFIX_MAX && (k->flags & AR_TOK_ARABIC) &&
        (rc = add_form_stems(b, k->norm, pre, &terms, &nt)))
        goto done;
    if (nt > QP_PREFIX_MAX) {
        snprintf(m, sizeof m, "prefix matches more than %d words; type more letters before *",
                 QP_PREFIX_MAX);
        rc = fail(b, QP_ESYNTAX, n->at, m);
        goto done;
    }
    qm_pattern *pat = negated ? NULL : pattern_new(b, 1);
    if (!negated && !pat) {
        rc = nomem(b);
        goto done;
    }
    /* No stem at all: the prefix itself stands in, and matches nothing. */
    for (size_t i = 0; i < (nt ? nt : 1) && !rc; i++) {
        xs_query *tq = NULL;
        rc = term_query(b, nt ? terms[i] : pre, 1.0, &tq);
        if (!rc && (ql_push(&alts, tq) || slot_add(pat ? pat->slots : NULL, "",
                                                     nt ? terms[i] : pre)))
            rc = nomem(b);
    }
    if (!rc)
        rc = ql_combine(b, &alts, XS_OP_SYNONYM, 0, out);
done:
    ql_free(&alts);
    ar_strv_free(terms, nt);
    ar_tokens_free(t);
    return rc;
}

/* source:, category:, id: a boolean term. */
static int build_label(builder *b, const qn *n, xs_query **out)
{
    char term[FX_IDTERM_SIZE + 8];
    if (n->field == QF_ID) {
        fx_id_term(n->text, term);
    } else {
        /* As the indexer stores labels: ASCII case-folded. */
        const char *p = n->field == QF_SOURCE ? FX_PREFIX_SOURCE : FX_PREFIX_CATEGORY;
        size_t o = strlen(p);
        memcpy(term, p, o);
        for (size_t i = 0; n->text[i] && o < 240; i++)
            term[o++] = (char)tolower((unsigned char)n->text[i]);
        term[o] = '\0';
    }
    return term_query(b, term, 0.0, out);
}

/* Documents whose extracted date lies in [lo, hi]; a shorter bound (a year,
 * a month) takes in the whole of it. */
static int date_range(builder *b, const char *lo, const char *hi, xs_query **out)
{
    char h[16];
    /* "~" sorts after every digit and "-": 2018-06~ is past 2018-06-30. */
    if (hi && *hi)
        snprintf(h, sizeof h, "%s~", hi);
    if (xs_query_value_range(out, FX_SLOT_DATE, lo && *lo ? lo : NULL, hi && *hi ? h : NULL) !=
        XS_OK)
        return xs_fail(b);
    return QP_OK;
}

static int build(builder *b, const qn *n, int negated, xs_query **out);

static int build_near(builder *b, const qn *n, int negated, xs_query **out)
{
    qlist parts = {0}, need = {0};
    int rc = QP_OK;
    *out = NULL;
    qm_pattern *pat = negated ? NULL : pattern_new(b, n->nkids);
    if (!negated && !pat)
        return nomem(b);
    for (size_t i = 0; i < n->nkids && !rc; i++) {
        ar_tokens *t = NULL;
        rc = analyse(b, n->kids[i], &t);
        if (!rc && ar_tokens_count(t) != 1)
            rc = fail(b, QP_ESYNTAX, n->kids[i]->at, "NEAR joins single words");
        xs_query *tq = NULL;
        if (!rc)
            rc = token_query(b, ar_tokens_get(t, 0), "", XS_OP_OR, pat ? &pat->slots[i] : NULL,
                             &need, &tq);
        if (!rc && ql_push(&parts, tq))
            rc = nomem(b);
        ar_tokens_free(t);
    }
    uint32_t window = n->window + (uint32_t)n->nkids;
    if (pat) {
        pat->near = 1;
        pat->window = window;
    }
    if (!rc)
        rc = ql_combine(b, &parts, XS_OP_NEAR, window, out);
    if (!rc && need.n)
        rc = require_all(b, &need, out);
    ql_free(&parts);
    ql_free(&need);
    return rc;
}

/* 1 when n only filters: labels and dates, or groups of them. */
static int is_boolean(const qn *n)
{
    if (n->kind == QN_LABEL || n->kind == QN_DATE)
        return 1;
    if (n->kind != QN_SEQ && n->kind != QN_OR)
        return 0;
    for (size_t i = 0; i < n->nkids; i++)
        if (!is_boolean(n->kids[i]))
            return 0;
    return n->nkids > 0;
}

static int all_query(builder *b, xs_query **out)
{
    return xs_query_all(out) == XS_OK ? QP_OK : xs_fail(b);
}

/*
 * Xapian 1.4.22 can give a document the weight of a phrase (or NEAR) that it
 * lacks, a weight left over from another document, when the phrase sits
 * inside an OR that the matcher tests document by document instead of
 * walking it: under OP_FILTER, or on the right of OP_AND_MAYBE. An --any
 * query with a quoted phrase (or a word such as بـ6, searched as a phrase
 * of its parts) then ranks otherwise with --since than without it. So a
 * query that holds a phrase is never the tested side: it leads, and what
 * restricts it is the AND_NOT of everything outside (bench/README.md).
 */

/* q restricted to the documents of f, which adds no weight; takes both. */
static int restrict_to(builder *b, xs_query *q, xs_query *f, xs_query **out)
{
    if (!xs_query_is_positional(q))
        return combine2(b, XS_OP_FILTER, q, f, out);
    xs_query *all = NULL, *outside = NULL;
    int rc = all_query(b, &all);
    if (rc) {
        xs_query_free(q);
        xs_query_free(f);
        return rc;
    }
    if ((rc = combine2(b, XS_OP_AND_NOT, all, f, &outside))) {
        xs_query_free(q);
        return rc;
    }
    return combine2(b, XS_OP_AND_NOT, q, outside, out);
}

/* The documents of must, weighted up by should where it matches too;
 * takes both. */
static int weigh_up(builder *b, xs_query *must, xs_query *should, xs_query **out)
{
    if (!xs_query_is_positional(should))
        return combine2(b, XS_OP_AND_MAYBE, must, should, out);
    xs_query *subs[] = {must, should}, *either = NULL;
    int rc = xs_query_combine(&either, XS_OP_OR, subs, 2, 0) == XS_OK ? QP_OK : xs_fail(b);
    xs_query_free(should);
    if (rc) {
        xs_query_free(must);
        return rc;
    }
    return restrict_to(b, either, must, out);
}

/* base AND_NOT (the nots, ORed); base NULL stands for every document. */
static int exclude(builder *b, xs_query *base, qlist *nots, xs_query **out)
{
    xs_query *no = NULL;
    int rc = ql_combine(b, nots, XS_OP_OR, 0, &no);
    if (!rc && !base)
        rc = all_query(b, &base);
    if (rc) {
        xs_query_free(base);
        xs_query_free(no);
        return rc;
    }
    return combine2(b, XS_OP_AND_NOT, base, no, out);
}

/* 1 when k is an optional item of an --any sequence (not +, not -). */
static int is_optional(const builder *b, const qn *k)
{
    return b->o->mode == QP_ANY && k->occur == QO_DEFAULT && !is_boolean(k);
}

/* A quoted run of words that is one optional item among others (see
 * QP_PHRASE_WEIGHT): *x, the phrase, is scaled down, and each of its words
 * goes into words as if typed bare. */
static int phrase_words(builder *b, const qn *k, xs_query **x, qlist *words)
{
    ar_tokens *t = NULL;
    xs_query *sc = NULL;
    int rc = analyse(b, k, &t);
    if (rc || ar_tokens_count(t) < 2)
        goto done;
    for (size_t i = 0; i < ar_tokens_count(t) && !rc; i++) {
        xs_query *w = NULL;
        if (!(rc = word_query(b, ar_tokens_get(t, i), NULL, &w)) && ql_push(words, w))
            rc = nomem(b);
    }
    if (!rc && xs_query_scale(&sc, *x, QP_PHRASE_WEIGHT) != XS_OK)
        rc = xs_fail(b);
    if (!rc) {
        xs_query_free(*x);
        *x = sc;
    }
done:
    ar_tokens_free(t);
    return rc;
}

/* Children of a sequence: must, should, must-not and filters. */
static int build_seq(builder *b, const qn *n, int negated, xs_query **out)
{
    qlist must = {0}, should = {0}, nots = {0}, filters = {0}, words = {0};
    xs_query *q = NULL, *x = NULL;
    int rc = QP_OK;
    size_t optional = 0;
    *out = NULL;
    for (size_t i = 0; i < n->nkids; i++)
        optional += is_optional(b, n->kids[i]);
    for (size_t i = 0; i < n->nkids && !rc; i++) {
        const qn *k = n->kids[i];
        int neg = k->occur == QO_MUST_NOT;
        if ((rc = build(b, k, negated || neg, &x)) || !x)
            continue;
        if (!negated && optional > 1 && is_optional(b, k) && k->kind == QN_TEXT &&
            k->field == QF_NONE && (rc = phrase_words(b, k, &x, &words))) {
            xs_query_free(x);
            x = NULL;
            continue;
        }
        qlist *to = neg                  ? &nots
                    : is_boolean(k)      ? &filters
                    : k->occur == QO_MUST ? &must
                    : b->o->mode == QP_ALL ? &must
                                           : &should;
        if (ql_push(to, x))
            rc = nomem(b);
        x = NULL;
    }
    if (rc)
        goto done;
    if (must.n) {
        rc = ql_combine(b, &must, XS_OP_AND, 0, &q);
        if (!rc && should.n) {
            xs_query *sh = NULL;
            rc = ql_combine(b, &should, XS_OP_OR, 0, &sh);
            if (!rc)
                rc = weigh_up(b, q, sh, &q);
        }
    } else if (should.n) {
        rc = ql_combine(b, &should, XS_OP_OR, 0, &q);
    } else if (filters.n || nots.n) {
        rc = all_query(b, &q);
    }
    /* The words of quoted runs weigh in every match, and match nothing new. */
    if (!rc && q && words.n) {
        xs_query *w = NULL;
        if (!(rc = ql_combine(b, &words, XS_OP_OR, 0, &w)))
            rc = weigh_up(b, q, w, &q);
    }
    if (!rc && q && filters.n) {
        xs_query *f = NULL;
        rc = ql_combine(b, &filters, XS_OP_AND, 0, &f);
        if (!rc)
            rc = restrict_to(b, q, f, &q);
    }
    if (!rc && q && nots.n)
        rc = exclude(b, q, &nots, &q);
    if (!rc) {
        *out = q;
        q = NULL;
    }
done:
    xs_query_free(q);
    ql_free(&must);
    ql_free(&should);
    ql_free(&nots);
    ql_free(&filters);
    ql_free(&words);
    return rc;
}

static int build_or(builder *b, const qn *n, int negated, xs_query **out)
{
    qlist alts = {0};
    int rc = QP_OK;
    *out = NULL;
    for (size_t i = 0; i < n->nkids && !rc; i++) {
        const qn *k = n->kids[i];
        xs_query *x = NULL;
        int neg = k->occur == QO_MUST_NOT;
        if ((rc = build(b, k, negated || neg, &x)) || !x)
            continue;
        if (neg) {
            /* a OR NOT b: everything without b. */
            qlist one = {0};
            if (ql_push(&one, x))
                rc = nomem(b);
            else
                rc = exclude(b, NULL, &one, &x);
        }
        if (!rc && ql_push(&alts, x))
            rc = nomem(b);
    }
    if (!rc)
        rc = ql_combine(b, &alts, XS_OP_OR, 0, out);
    ql_free(&alts);
    return rc;
}

/* *out: the node's query, or NULL when it holds nothing searchable (only
 * punctuation or diacritics). */
static int build(builder *b, const qn *n, int negated, xs_query **out)
{
    *out = NULL;
    switch (n->kind) {
    case QN_SEQ: return build_seq(b, n, negated, out);
    case QN_OR: return build_or(b, n, negated, out);
    case QN_NEAR: return build_near(b, n, negated, out);
    case QN_TEXT:
    case QN_EXACT: return build_text(b, n, negated, out);
    case QN_PREFIX: return build_prefix(b, n, negated, out);
    case QN_LABEL: return build_label(b, n, out);
    case QN_DATE: return date_range(b, n->lo, n->hi, out);
    }
    return fail(b, QP_ESYNTAX, n->at, "unknown query node");
}

/* 1 when a document matches q only if it holds q's one pattern (the tree
 * is that phrase or NEAR group, with filters and exclusions at most), and
 * some word of the pattern holds exact forms: those carry no positions, so
 * the index matched the group's stems in documents that hold the forms
 * anywhere (phrase_forms, or several =words), and each document must be
 * checked where the forms stand (qp_query_check). */
static int needs_check(const qn *tree, const qp_query *q)
{
    const qn *group = NULL;
    if (q->npats != 1 || q->pats[0].nslots < 2)
        return 0;
    for (size_t i = 0; i < tree->nkids; i++) {
        const qn *k = tree->kids[i];
        if (k->occur == QO_MUST_NOT || is_boolean(k))
            continue;
        if (group)
            return 0;
        group = k;
    }
    if (!group || !(group->kind == QN_NEAR || group->kind == QN_EXACT ||
                     (group->kind == QN_TEXT && group->quoted)))
        return 0;
    for (size_t i = 0; i < q->pats[0].nslots; i++)
        if (q->pats[0].slots[i].nexact)
            return 1;
    return 0;
}

int qp_parse(ar_analyzer *a, xs_reader *reader, const char *text, const qp_opts *o,
             qp_query **out, qn_error *err)
{
    qn *tree = NULL;
    builder b;
    xs_query *q = NULL;
    int rc;

    if (!a || !out || !err || !o)
        return QP_EINDEX;
    *out = NULL;
    memset(err, 0, sizeof *err);
    memset(&b, 0, sizeof b);
    b.a = a;
    b.r = reader;
    b.o = o;
    b.text = text ? text : "";
    b.err = err;
    rc = qn_parse(b.text, &tree, err);
    if (rc)
        return rc == QN_EUTF8 ? QP_EUTF8 : rc == QN_ENOMEM ? QP_ENOMEM : QP_ESYNTAX;
    int has_filter = (o->since && *o->since) || (o->until && *o->until);
    if (o->all && tree->nkids) {
        rc = fail(&b, QP_ESYNTAX, 0, "--all takes no query (filters go in --since/--until)");
        goto done;
    }
    if (!o->all && tree->nkids == 0 && !has_filter) {
        rc = fail(&b, QP_EEMPTY, (size_t)-1, "empty query (use --all for every document)");
        goto done;
    }
    if (!(b.q = calloc(1, sizeof *b.q))) {
        rc = nomem(&b);
        goto done;
    }
    if ((rc = build(&b, tree, 0, &q)))
        goto done;
    if (!q && tree->nkids) {
        rc = fail(&b, QP_EEMPTY, tree->kids[0]->at,
                  "query has no searchable word (only punctuation or diacritics)");
        goto done;
    }
    if (!q && (rc = all_query(&b, &q)))
        goto done;
    if (has_filter) {
        xs_query *f = NULL;
        if ((rc = date_range(&b, o->since, o->until, &f)) ||
            (rc = restrict_to(&b, q, f, &q)))
            goto done;
    }
    b.q->xq = q;
    b.q->check = needs_check(tree, b.q);
    q = NULL;
    *out = b.q;
    b.q = NULL;
done:
    xs_query_free(q);
    qp_query_free(b.q);
    qn_free(tree);
    return rc;
}

const xs_query *qp_query_xs(const qp_query *q)
{
    return q ? q->xq : NULL;
}

int qp_query_check(const qp_query *q)
{
    return q ? q->check : 0;
}

const qm_pattern *qp_query_patterns(const qp_query *q, size_t *n)
{
    if (n)
        *n = q ? q->npats : 0;
    return q ? q->pats : NULL;
}

void qp_query_free(qp_query *q)
{
    if (!q)
        return;
    xs_query_free(q->xq);
    for (size_t i = 0; i < q->npats; i++)
        qm_pattern_clear(&q->pats[i]);
    free(q->pats);
    free(q);
}
