/*
 * test_searcher.c - the query parser, snippets, and the proof that index
 * time, query time and the highlighter analyse a word the same way: every
 * word of every corpus document, typed as a query in its original spelling,
 * finds that document, and the matcher and the snippet highlight it there.
 */
#include "testutil.h"
#include "tu_analyzer.h"

#include <dirent.h>

#include "../../indexer/docbuild.h"
#include "../../indexer/readers.h"
#include "../../searcher/match.h"
#include "../../searcher/qparse.h"
#include "../../searcher/query.h"
#include "../../schema/schema.h"
#include "../../searcher/snippet.h"


static const qp_opts all_opts = {QP_ALL, NULL, NULL, 0};

/* Parse text and expect status rc at column col (0: any column). */
static void expect_error(const char *text, int rc, size_t col, const char *what)
{
    qp_query *q = NULL;
    qn_error e;
    int got = qp_parse(an, NULL, text, &all_opts, &q, &e);
    if (got != rc || (col && e.column != col) || !strstr(e.msg, what))
        fail_msg("%s: got %d at %zu (%s), want %d at %zu (%s)", text, got, e.column, e.msg, rc,
                 col, what);
    assert_null(q);
}

static void test_parse_errors(void **state)
{
    (void)state;
    expect_error("الرقة \"قسد", QP_ESYNTAX, 7, "unbalanced quote");
    expect_error("(الرقة قسد", QP_ESYNTAX, 1, "unbalanced parenthesis");
    expect_error("الرقة) قسد", QP_ESYNTAX, 6, "unbalanced parenthesis");
    expect_error("قسد OR", QP_ESYNTAX, 5, "no operand");
    expect_error("OR قسد", QP_ESYNTAX, 1, "no operand");
    expect_error("قسد NOT", QP_ESYNTAX, 5, "no operand");
    expect_error("- ...", QP_EEMPTY, 1, "only punctuation");
    expect_error("قسد AND", QP_ESYNTAX, 5, "no operand");
    expect_error("قسد NEAR/2", QP_ESYNTAX, 5, "no operand");
    expect_error("قسد ()", QP_ESYNTAX, 5, "empty parentheses");
    expect_error("", QP_EEMPTY, 0, "empty query");
    expect_error("   ", QP_EEMPTY, 0, "empty query");
    expect_error("... ،؛ !", QP_EEMPTY, 1, "only punctuation");
    /* Harakat alone: U+064E FATHA, U+0650 KASRA, U+0651 SHADDA. */
    expect_error("\xd9\x8e \xd9\x90\xd9\x91", QP_EEMPTY, 1, "only punctuation or diacritics");
    expect_error("قسد date:2018-13", QP_ESYNTAX, 10, "malformed date");
    expect_error("date:2018-02-30", QP_ESYNTAX, 6, "malformed date");
    expect_error("date:2018-06..2018-03", QP_ESYNTAX, 6, "ends before");
    expect_error("date:..", QP_ESYNTAX, 6, "malformed date");
    expect_error("قسد title:", QP_ESYNTAX, 5, "no value");
    expect_error("قسد \xd8\xa7\xff", QP_EUTF8, 6, "UTF-8");
    expect_error("\"قسد\" NEAR داعش", QP_ESYNTAX, 1, "single words");
    expect_error("قسد NEAR/x داعش", QP_ESYNTAX, 5, "NEAR/n");
    /* A prefix needs an index to list its forms. */
    expect_error("الرق*", QP_EINDEX, 1, "needs an index");
}

static qn *parse_ok(const char *text)
{
    qn *t = NULL;
    qn_error e;
    if (qn_parse(text, &t, &e) != QN_OK)
        fail_msg("%s: %s", text, e.msg);
    assert_int_equal(t->kind, QN_SEQ);
    return t;
}

static void test_parse_tree(void **state)
{
    (void)state;
    /* Explicit OR binds tighter than the default operator. */
    qn *t = parse_ok("قسد الرقة OR دمشق");
    assert_int_equal(t->nkids, 2);
    assert_int_equal(t->kids[0]->kind, QN_TEXT);
    assert_int_equal(t->kids[1]->kind, QN_OR);
    assert_int_equal(t->kids[1]->nkids, 2);
    assert_string_equal(t->kids[1]->kids[1]->text, "دمشق");
    qn_free(t);
    /* | is OR; AND is the default operator written out. */
    t = parse_ok("قسد | داعش AND الرقة");
    assert_int_equal(t->nkids, 2);
    assert_int_equal(t->kids[0]->kind, QN_OR);
    qn_free(t);
    /* -word, +word, NOT word; a hyphen inside a word is not an operator. */
    t = parse_ok("-قسد +داعش NOT (الرقة دمشق) كيم-يونغ");
    assert_int_equal(t->nkids, 4);
    assert_int_equal(t->kids[0]->occur, QO_MUST_NOT);
    assert_string_equal(t->kids[0]->text, "قسد");
    assert_int_equal(t->kids[1]->occur, QO_MUST);
    assert_int_equal(t->kids[2]->occur, QO_MUST_NOT);
    assert_int_equal(t->kids[2]->kind, QN_SEQ);
    assert_string_equal(t->kids[3]->text, "كيم-يونغ");
    qn_free(t);
    /* Every Unicode space separates words: U+00A0, U+202F, U+2003, U+3000. */
    t = parse_ok("قسد\xc2\xa0الرقة\xe2\x80\xaf" "داعش\xe2\x80\x83" "دمشق\xe3\x80\x80" "حلب");
    assert_int_equal(t->nkids, 5);
    qn_free(t);
    t = parse_ok("\"وزارة\xc2\xa0الدفاع\"");
    assert_int_equal(t->nkids, 1);
    assert_true(t->kids[0]->quoted);
    qn_free(t);
    /* Fields, exact forms, prefixes, NEAR, dates. */
    t = parse_ok("title:\"وزارة الدفاع\" source:BBC category:sport id:AL-1 =الرقة الرق* "
                 "قسد NEAR/3 داعش date:2018-03..2018-06 date:2018 10:30");
    assert_int_equal(t->nkids, 10);
    assert_int_equal(t->kids[0]->kind, QN_TEXT);
    assert_int_equal(t->kids[0]->field, QF_TITLE);
    assert_true(t->kids[0]->quoted);
    assert_int_equal(t->kids[1]->kind, QN_LABEL);
    assert_int_equal(t->kids[1]->field, QF_SOURCE);
    assert_string_equal(t->kids[1]->text, "BBC");
    assert_int_equal(t->kids[2]->field, QF_CATEGORY);
    assert_int_equal(t->kids[3]->field, QF_ID);
    assert_string_equal(t->kids[3]->text, "AL-1");
    assert_int_equal(t->kids[4]->kind, QN_EXACT);
    assert_string_equal(t->kids[4]->text, "الرقة");
    assert_int_equal(t->kids[5]->kind, QN_PREFIX);
    assert_string_equal(t->kids[5]->text, "الرق");
    assert_int_equal(t->kids[6]->kind, QN_NEAR);
    assert_int_equal(t->kids[6]->window, 3);
    assert_int_equal(t->kids[6]->nkids, 2);
    assert_int_equal(t->kids[7]->kind, QN_DATE);
    assert_string_equal(t->kids[7]->lo, "2018-03");
    assert_string_equal(t->kids[7]->hi, "2018-06");
    assert_string_equal(t->kids[8]->lo, "2018");
    assert_string_equal(t->kids[8]->hi, "2018");
    assert_int_equal(t->kids[9]->kind, QN_TEXT); /* not a field */
    qn_free(t);
    /* ="a phrase" is a phrase of exact forms, and keeps a leading - or +;
     * = before a word is an exact form, a lone = nothing of either. */
    t = parse_ok("=\"وزارة الدفاع\" -=\"بيان الجيش\" = \"قسد داعش\"");
    assert_int_equal(t->nkids, 4);
    assert_int_equal(t->kids[0]->kind, QN_EXACT);
    assert_true(t->kids[0]->quoted);
    assert_string_equal(t->kids[0]->text, "وزارة الدفاع");
    assert_int_equal(t->kids[1]->kind, QN_EXACT);
    assert_int_equal(t->kids[1]->occur, QO_MUST_NOT);
    assert_int_equal(t->kids[2]->kind, QN_TEXT);
    assert_int_equal(t->kids[3]->kind, QN_TEXT);
    assert_true(t->kids[3]->quoted);
    qn_free(t);
    /* Lower-case operator words are words. */
    t = parse_ok("war or peace");
    assert_int_equal(t->nkids, 3);
    qn_free(t);
    /* Deep nesting is refused, not a stack overflow. */
    char deep[1000] = "";
    for (int i = 0; i < 300; i++)
        strcat(deep, "(");
    qn_error e;
    assert_int_equal(qn_parse(deep, &t, &e), QN_ESYNTAX);
    assert_non_null(strstr(e.msg, "too deep"));
}

/* The Xapian description of the query text (all_opts, no index). */
static char *describe(const char *text)
{
    qp_query *q = NULL;
    qn_error e;
    char *d = NULL;
    assert_int_equal(qp_parse(an, NULL, text, &all_opts, &q, &e), QP_OK);
    assert_int_equal(xs_query_describe(qp_query_xs(q), &d), XS_OK);
    qp_query_free(q);
    return d;
}

/* The patterns (highlights, counts) come from positive leaves only. */
static void test_patterns(void **state)
{
    (void)state;
    qp_query *q = NULL;
    qn_error e;
    size_t n = 0;
    assert_int_equal(qp_parse(an, NULL, "والرقة NOT قسد -داعش \"بالرقة قسد\" source:bbc",
                              &all_opts, &q, &e),
                     QP_OK);
    const qm_pattern *p = qp_query_patterns(q, &n);
    assert_int_equal(n, 2);
    assert_int_equal(p[0].nslots, 1);
    assert_int_equal(p[1].nslots, 2);
    assert_int_equal(p[1].near, 0);
    /* The bare stem and the index term of a clitic form (لرقة, as the
     * indexer analyses it) are among the word's terms; ورقة's is not. */
    char *lrq = NULL, *wrq = NULL, *rq = NULL;
    assert_int_equal(ar_stem_word(an, "لرقة", &lrq), AR_OK);
    assert_int_equal(ar_stem_word(an, "ورقة", &wrq), AR_OK);
    assert_int_equal(ar_stem_word(an, "رقة", &rq), AR_OK);
    assert_string_not_equal(lrq, "لرق");
    assert_string_not_equal(rq, wrq);
    int bare = 0, clitic = 0, paper = 0, neg = 0;
    for (size_t i = 0; i < p[0].slots[0].n; i++) {
        bare |= !strcmp(p[0].slots[0].terms[i], rq);
        clitic |= !strcmp(p[0].slots[0].terms[i], lrq);
        paper |= !strcmp(p[0].slots[0].terms[i], wrq);
    }
    free(lrq);
    free(wrq);
    free(rq);
    assert_false(paper);
    for (size_t k = 0; k < n; k++)
        for (size_t s = 0; s < p[k].nslots; s++)
            for (size_t i = 0; i < p[k].slots[s].n; i++)
                neg |= !strcmp(p[k].slots[s].terms[i], "داعش");
    assert_true(bare);
    assert_true(clitic);
    assert_false(neg);
    qp_query_free(q);
    /* =word is the E-prefixed normalized form alone. */
    assert_int_equal(qp_parse(an, NULL, "=الرَّقَّة", &all_opts, &q, &e), QP_OK);
    p = qp_query_patterns(q, &n);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].slots[0].n, 1);
    assert_string_equal(p[0].slots[0].terms[0], "Eالرقة");
    qp_query_free(q);
    /* A quoted single word is the bare word: same terms, same boosts. */
    char *quoted = describe("\"داعش\""), *plain = describe("داعش");
    assert_string_equal(quoted, plain);
    /* A content word gets both boosts; a function word the lead boost but
     * not the exact-form one. */
    assert_non_null(strstr(plain, "Eداعش"));
    assert_non_null(strstr(plain, "Lداعش"));
    char *fn = describe("في");
    assert_null(strstr(fn, "Eفي"));
    assert_non_null(strstr(fn, "Lفي"));
    free(quoted);
    free(plain);
    free(fn);
    /* In a phrase, a sound masculine plural whose stem its feminine shares
     * (مدرس, مدرسة "school") takes no broken plural of that stem (مدارس),
     * the phrase must stand in a document holding one of its exact forms,
     * and its slot holds those forms, so only they are marked. Typed in
     * the singular, the phrase keeps the stem's plurals. */
    char *ph = describe("\"المدرسين الفلسطينيين\""), *sg = describe("\"المدرسة الفلسطينية\"");
    assert_null(strstr(ph, "مدارس"));
    assert_non_null(strstr(ph, "FILTER"));
    assert_non_null(strstr(ph, "Eالمدرسين"));
    assert_non_null(strstr(ph, "Eالفلسطينيين"));
    assert_non_null(strstr(sg, "مدارس"));
    assert_null(strstr(sg, "FILTER"));
    free(ph);
    free(sg);
    assert_int_equal(qp_parse(an, NULL, "المدرسين NEAR/2 الفلسطينيين", &all_opts, &q, &e), QP_OK);
    p = qp_query_patterns(q, &n);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].nslots, 2);
    assert_true(p[0].slots[0].nexact > 0);
    for (size_t i = 0; i < p[0].slots[0].nexact; i++)
        assert_int_equal(strncmp(p[0].slots[0].terms[i], "E", 1), 0);
    char *nd = NULL;
    assert_int_equal(xs_query_describe(qp_query_xs(q), &nd), XS_OK);
    assert_non_null(strstr(nd, "FILTER"));
    free(nd);
    /* Such a group alone, or several =words, is checked document by
     * document where the forms stand (their terms carry no positions);
     * not beside another word, nor a group without exact forms. */
    assert_true(qp_query_check(q));
    qp_query_free(q);
    static const struct {
        const char *text;
        int check;
    } checks[] = {
        {"\"المدرسين الفلسطينيين\"", 1},
        {"\"المدرسين الفلسطينيين\" source:bbc -قسد", 1},
        {"=\"وزارة الدفاع\"", 1},
        {"\"المدرسين الفلسطينيين\" قسد", 0},
        {"\"وزارة الدفاع\"", 0},
        {"المدرسين", 0},
        {"=الرقة", 0},
        {"(\"المدرسين الفلسطينيين\" OR =\"وزارة الدفاع\")", 0},
    };
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        assert_int_equal(qp_parse(an, NULL, checks[i].text, &all_opts, &q, &e), QP_OK);
        if (qp_query_check(q) != checks[i].check)
            fail_msg("%s: check %d", checks[i].text, qp_query_check(q));
        qp_query_free(q);
    }
}

/* ---- the matcher, over a document made up in memory ---- */

typedef struct {
    const char *term;
    uint32_t pos[8];
    size_t n;
} fake_term;

static fake_term fake_doc[] = {
    {"a", {1, 5, 9}, 3}, {"wa", {3}, 1}, {"b", {2, 6, 20}, 3}, {"c", {12}, 1},
};

static int fake_positions(void *ctx, const char *term, uint32_t **pos, size_t *n)
{
    (void)ctx;
    *pos = NULL;
    *n = 0;
    for (size_t i = 0; i < sizeof fake_doc / sizeof *fake_doc; i++)
        if (!strcmp(fake_doc[i].term, term)) {
            *pos = malloc(fake_doc[i].n * sizeof **pos);
            memcpy(*pos, fake_doc[i].pos, fake_doc[i].n * sizeof **pos);
            *n = fake_doc[i].n;
        }
    return 0;
}

static int fake_wdf(void *ctx, const char *term, uint32_t *wdf)
{
    uint32_t *p = NULL;
    size_t n = 0;
    fake_positions(ctx, term, &p, &n);
    free(p);
    *wdf = (uint32_t)n;
    return 0;
}

static void test_matcher(void **state)
{
    (void)state;
    char *word_a[] = {"a", "wa"}, *word_b[] = {"b"}, *word_c[] = {"c"};
    qm_slot sa = {word_a, 2, 0, NULL}, sb = {word_b, 1, 0, NULL}, sc = {word_c, 1, 0, NULL};
    qm_slot phrase[] = {sa, sb}, near[] = {sc, sa};
    qm_pattern pats[] = {
        {&sa, 1, 0, 0},    /* a or wa: 4 occurrences */
        {phrase, 2, 0, 0}, /* "a b": at 1-2 and 5-6, not 9 (b at 10 missing) */
        {near, 2, 1, 4},   /* c NEAR/2 a: c at 12, a at 9 spans 4 positions */
    };
    qm_doc doc = {fake_positions, fake_wdf, NULL, NULL};
    uint64_t count = 0, count2 = 0;
    qm_hit *hits = NULL;
    size_t nhits = 0;
    assert_int_equal(qm_match(pats, 3, &doc, &hits, &nhits, &count), 0);
    assert_int_equal(count, 4 + 2 + 1);
    /* Counting without hits (wdf for words) gives the same number. */
    assert_int_equal(qm_match(pats, 3, &doc, NULL, NULL, &count2), 0);
    assert_int_equal(count2, count);
    /* Hits are ordered by position; the phrase covers both words. */
    for (size_t i = 1; i < nhits; i++)
        assert_true(hits[i - 1].first <= hits[i].first);
    int phrase_at_5 = 0;
    for (size_t i = 0; i < nhits; i++)
        phrase_at_5 |= hits[i].pattern == 1 && hits[i].first == 5 && hits[i].last == 6;
    assert_true(phrase_at_5);
    free(hits);
    /* A window too small for the gap finds nothing. */
    pats[2].window = 3;
    assert_int_equal(qm_match(&pats[2], 1, &doc, NULL, NULL, &count), 0);
    assert_int_equal(count, 0);
}

/* The exact form "Ea" stands where "a" stands at 5 and 9, not at 1. */
static int fake_is_term_at(void *ctx, uint32_t pos, const char *term)
{
    (void)ctx;
    return !strcmp(term, "Ea") && (pos == 5 || pos == 9);
}

/* A slot's exact forms stand at their own stem's positions where that
 * very form stands; its other terms at their own positions. */
static void test_matcher_exact_forms(void **state)
{
    (void)state;
    char *terms[] = {"Ea", "c"}, *pos_terms[] = {"a"}, *next[] = {"b"};
    qm_slot s = {terms, 2, 1, pos_terms}, sb = {next, 1, 0, NULL};
    qm_slot phrase[] = {s, sb};
    qm_pattern pats[] = {{&s, 1, 0, 0}, {phrase, 2, 0, 0}};
    qm_doc doc = {fake_positions, fake_wdf, fake_is_term_at, NULL};
    uint64_t count = 0;
    qm_hit *hits = NULL;
    size_t nhits = 0;
    assert_int_equal(qm_match(pats, 1, &doc, &hits, &nhits, &count), 0);
    /* Ea at 5 and 9, c at 12; not a's position 1. */
    assert_int_equal(nhits, 3);
    assert_int_equal(hits[0].first, 5);
    assert_int_equal(hits[1].first, 9);
    assert_int_equal(hits[2].first, 12);
    free(hits);
    /* "Ea b": at 5-6 only (b at 2 follows a's 1, which is not Ea). */
    assert_int_equal(qm_match(&pats[1], 1, &doc, &hits, &nhits, &count), 0);
    assert_int_equal(nhits, 1);
    assert_int_equal(hits[0].first, 5);
    free(hits);
    /* Without is_term_at, every position of the stem. */
    doc.is_term_at = NULL;
    assert_int_equal(qm_match(&pats[1], 1, &doc, NULL, NULL, &count), 0);
    assert_int_equal(count, 2);
}

/* Count code points of s[0, n). */
static size_t cps(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

static void test_snippet(void **state)
{
    (void)state;
    char text[8192] = "";
    for (int i = 0; i < 60; i++)
        strcat(text, "كلام عادي\n\n ");
    strcat(text, "دخلت القوات والرَّقَّة أمس، ثم قسد في الرقة. ");
    for (int i = 0; i < 60; i++)
        strcat(text, "كلام آخر ");
    /* Tokens 120.. are دخلت القوات والرَّقَّة أمس ثم قسد في الرقة; the body
     * starts at index position 100. */
    qm_hit hits[] = {{222, 222, 0}, {225, 225, 1}, {227, 227, 0}, {5, 5, 0}};
    sn_snippet s;
    assert_int_equal(sn_make(an, text, strlen(text), 100, hits, 3, 100, &s), AR_OK);
    assert_int_equal(s.nspans, 3);
    /* Starts and ends with an ellipsis, diacritics kept, no newlines. */
    assert_memory_equal(s.text, "\xe2\x80\xa6", 3);
    assert_memory_equal(s.text + s.len - 3, "\xe2\x80\xa6", 3);
    assert_null(strchr(s.text, '\n'));
    assert_non_null(strstr(s.text, "والرَّقَّة"));
    assert_true(cps(s.text, s.len) <= 100 + 2);
    /* Code point spans and byte spans agree and cover the words. */
    const char *want[] = {"والرَّقَّة", "قسد", "الرقة"};
    for (size_t i = 0; i < 3; i++) {
        size_t bl = s.bends[i] - s.bstarts[i];
        assert_int_equal(bl, strlen(want[i]));
        assert_memory_equal(s.text + s.bstarts[i], want[i], bl);
        assert_int_equal(s.spans[i].start, cps(s.text, s.bstarts[i]));
        assert_int_equal(s.spans[i].end - s.spans[i].start, cps(want[i], strlen(want[i])));
    }
    sn_snippet_clear(&s);

    /* A short text is kept whole, without ellipses, even when the match is
     * far from its start; title positions (below the base) are ignored. */
    const char *shortt = "كلام عادي كلام عادي كلام عادي ثم قسد";
    qm_hit h2[] = {{5, 5, 0}, {107, 107, 0}};
    assert_int_equal(sn_make(an, shortt, strlen(shortt), 100, h2, 2, 100, &s), AR_OK);
    assert_string_equal(s.text, shortt);
    assert_int_equal(s.nspans, 1);
    sn_snippet_clear(&s);
}

/* ---- index time == query time == highlight time, over corpus/ ---- */

typedef struct {
    xs_writer *w;
} ictx;

static int index_art(void *ctx, const ix_article *a)
{
    ictx *c = ctx;
    xs_doc *d = NULL;
    char idterm[256], msg[256];
    assert_int_equal(ix_build_doc(an, a, &d, idterm, msg, sizeof msg), 0);
    assert_int_equal(xs_writer_replace(c->w, idterm, d, NULL, NULL), XS_OK);
    xs_doc_free(d);
    return 0;
}

static void no_err(void *ctx, size_t record, const char *msg)
{
    (void)ctx;
    fail_msg("record %zu: %s", record, msg);
}

/* sn_make analyses only the words up to the last match and a few past it
 * when that is enough: the snippet must be the one of the whole text, for
 * any tail, width and matches, over the texts of corpus/. */
static void test_snippet_prefix(void **state)
{
    (void)state;
    DIR *d = NULL;
    size_t compared = 0, files = 0, len;
    char *text;
    while ((text = tu_next_corpus_text(&d, &len)) != NULL) {
        ar_tokens *t = NULL;
        assert_int_equal(ar_analyze_forms(an, text, len, &t), AR_OK);
        size_t n = ar_tokens_count(t);
        ar_tokens_free(t);
        assert_true(n > 100);
        files++;
        const size_t widths[] = {40, 200, 600}, tails[] = {1, 6, 48};
        for (size_t at = 0; at < n + 3; at += 23) {
            /* a match at `at`, one 5 words on, and one in the title */
            qm_hit hits[] = {{3, 3, 0}, {10 + at, 10 + at, 0}, {15 + at, 15 + at, 1}};
            for (size_t nh = 0; nh <= 3; nh++)
                for (size_t wi = 0; wi < 3; wi++) {
                    sn_snippet whole, part;
                    assert_int_equal(sn_make_tail(an, text, len, 10, hits, nh, widths[wi], 0,
                                                  &whole),
                                     AR_OK);
                    for (size_t ti = 0; ti < 3; ti++) {
                        assert_int_equal(sn_make_tail(an, text, len, 10, hits, nh, widths[wi],
                                                      tails[ti], &part),
                                         AR_OK);
                        assert_int_equal(part.len, whole.len);
                        assert_memory_equal(part.text, whole.text, whole.len);
                        assert_int_equal(part.nspans, whole.nspans);
                        for (size_t k = 0; k < whole.nspans; k++) {
                            assert_int_equal(part.spans[k].start, whole.spans[k].start);
                            assert_int_equal(part.spans[k].end, whole.spans[k].end);
                        }
                        sn_snippet_clear(&part);
                        compared++;
                    }
                    sn_snippet_clear(&whole);
                }
        }
        free(text);
    }
    print_message("compared %zu snippets\n", compared);
    assert_true(files >= 5);
    assert_true(compared > 1000);
}

static void test_same_analysis_everywhere(void **state)
{
    (void)state;
    const char *cdir = getenv("FAHRAS_CORPUS") ? getenv("FAHRAS_CORPUS") : "corpus";
    char *tmp = tu_tmpdir();
    char db[600];
    snprintf(db, sizeof db, "%s/db", tmp);
    ictx c = {0};
    assert_int_equal(xs_writer_open(&c.w, db, 1), XS_OK);

    DIR *d = opendir(cdir);
    assert_non_null(d);
    char files[16][700];
    size_t nf = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && nf < 16) {
        if (de->d_name[0] == '.')
            continue;
        snprintf(files[nf], sizeof files[nf], "%s/%s", cdir, de->d_name);
        size_t len;
        char *buf = tu_slurp(files[nf], &len);
        ix_sink sink = {index_art, no_err, no_err, &c, NULL};
        assert_int_equal(ix_read(IX_FMT_TEXT, buf, len, files[nf], an, &sink), 0);
        free(buf);
        nf++;
    }
    closedir(d);
    assert_true(nf >= 5);
    assert_int_equal(xs_writer_commit(c.w), XS_OK);
    xs_writer_free(c.w);

    const char *paths[] = {db};
    xs_reader *r = NULL;
    assert_int_equal(xs_reader_open(&r, paths, 1), XS_OK);
    size_t checked = 0, failures = 0;
    for (size_t fi = 0; fi < nf; fi++) {
        char idterm[256];
        ix_id_term(files[fi], idterm);
        /* The document as the index holds it: its record and its id. */
        xs_query *idq = NULL;
        xs_docid *ids = NULL;
        size_t nids = 0;
        assert_int_equal(xs_query_term(&idq, idterm, 1, 0), XS_OK);
        assert_int_equal(xs_reader_match_ids(r, idq, &ids, &nids), XS_OK);
        assert_int_equal(nids, 1);
        xs_record *rec = NULL;
        assert_int_equal(xs_reader_record(r, ids[0], &rec), XS_OK);
        size_t tlen = 0, len = 0;
        const char *title = xs_record_get(rec, "title", &tlen);
        const char *text = xs_record_get(rec, "text", &len);
        assert_non_null(text);
        ar_tokens *tt = NULL, *t = NULL;
        assert_int_equal(ar_analyze(an, title ? title : "", tlen, &tt), AR_OK);
        uint32_t base = (uint32_t)ar_tokens_count(tt) + FX_TITLE_GAP;
        ar_tokens_free(tt);
        assert_int_equal(ar_analyze(an, text, len, &t), AR_OK);
        for (size_t i = 0; i < ar_tokens_count(t); i++) {
            const ar_token *k = ar_tokens_get(t, i);
            char word[512];
            size_t wl = k->end - k->start;
            if (wl >= sizeof word)
                continue;
            memcpy(word, text + k->start, wl);
            word[wl] = '\0';
            qp_query *q = NULL;
            qn_error e;
            if (qp_parse(an, NULL, word, &all_opts, &q, &e) != QP_OK) {
                print_error("query %s: %s\n", word, e.msg);
                failures++;
                continue;
            }
            /* The document itself must match: restrict to its id term. */
            xs_query *both = NULL;
            xs_query *subs[] = {(xs_query *)qp_query_xs(q), idq};
            assert_int_equal(xs_query_combine(&both, XS_OP_FILTER, subs, 2, 0), XS_OK);
            uint32_t n = 0;
            assert_int_equal(xs_reader_count(r, both, &n), XS_OK);
            /* ...the matcher must place a hit on this very token, and the
             * snippet built from those hits (wide enough for the whole
             * text) must highlight it. */
            qm_index_doc d;
            qm_doc doc;
            qm_doc_from_index(&doc, &d, r, ids[0]);
            size_t npat = 0, nhits = 0;
            const qm_pattern *pats = qp_query_patterns(q, &npat);
            qm_hit *hits = NULL;
            assert_int_equal(qm_match(pats, npat, &doc, &hits, &nhits, NULL), 0);
            int placed = 0, shown = 0;
            for (size_t h = 0; h < nhits; h++)
                placed |= hits[h].first <= base + i && base + i <= hits[h].last;
            sn_snippet sn;
            assert_int_equal(sn_make(an, text, len, base, hits, nhits, len + 10, &sn), AR_OK);
            for (size_t sp = 0; sp < sn.nspans; sp++)
                shown |= sn.bends[sp] - sn.bstarts[sp] == wl &&
                         !memcmp(sn.text + sn.bstarts[sp], word, wl);
            sn_snippet_clear(&sn);
            free(hits);
            if (n != 1 || !placed || !shown) {
                print_error("%s: word %s (stem %s) found=%u placed=%d shown=%d\n", files[fi],
                            word, k->stem, n, placed, shown);
                failures++;
            }
            checked++;
            xs_query_free(both);
            qp_query_free(q);
        }
        ar_tokens_free(t);
        xs_record_free(rec);
        xs_query_free(idq);
        free(ids);
    }
    xs_reader_free(r);
    tu_rmdir(tmp);
    print_message("checked %zu words\n", checked);
    assert_true(checked > 1000);
    assert_int_equal(failures, 0);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_tree),
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_matcher),
        cmocka_unit_test(test_matcher_exact_forms),
        cmocka_unit_test(test_snippet),
        cmocka_unit_test(test_snippet_prefix),
        cmocka_unit_test(test_same_analysis_everywhere),
    };
    return cmocka_run_group_tests_name("searcher", tests, setup, teardown);
}
