/*
 * test_searcher.c - the query parser, snippets, and the proof that index
 * time, query time and the highlighter analyse a word the same way: every
 * word of every corpus document, typed as a query in its original spelling,
 * finds that document and is highlighted in it.
 */
#include "testutil.h"
#include "tu_analyzer.h"

#include <dirent.h>

#include "../../indexer/docbuild.h"
#include "../../indexer/readers.h"
#include "../../searcher/query.h"
#include "../../searcher/snippet.h"


static void test_parse_errors(void **state)
{
    (void)state;
    qp_query *q = NULL;
    char msg[256];
    assert_int_equal(qp_parse(an, NULL, "\"الرقة قسد", QP_ALL, &q, msg, sizeof msg), QP_ESYNTAX);
    assert_null(q);
    assert_non_null(strstr(msg, "unbalanced"));
    assert_int_equal(qp_parse(an, NULL, "الرقة \"\"", QP_ALL, &q, msg, sizeof msg), QP_ESYNTAX);
    assert_int_equal(qp_parse(an, NULL, "... ،؛ !", QP_ALL, &q, msg, sizeof msg), QP_EEMPTY);
    assert_int_equal(qp_parse(an, NULL, "", QP_ALL, &q, msg, sizeof msg), QP_EEMPTY);
    assert_int_equal(qp_parse(an, NULL, "\xd8\xa7\xff", QP_ALL, &q, msg, sizeof msg), QP_EUTF8);
    assert_null(q);
}

static void test_parse_stems(void **state)
{
    (void)state;
    qp_query *q = NULL;
    char msg[256];
    size_t n = 0;
    assert_int_equal(qp_parse(an, NULL, "والرقة «قسد» \"بالرقة قسد\"", QP_ALL, &q, msg, sizeof msg), QP_OK);
    const char *const *stems = qp_query_stems(q, &n);
    assert_true(qp_query_stem_index(q, "رق") >= 0);
    assert_true(qp_query_stem_index(q, "قسد") >= 0);
    /* clitic expansions highlight too (no reader: no collection checks) */
    assert_true(qp_query_stem_index(q, "لقسد") >= 0);
    assert_int_equal(qp_query_stem_index(q, "داعش"), -1);
    /* sorted, duplicates folded */
    for (size_t i = 1; i < n; i++)
        assert_true(strcmp(stems[i - 1], stems[i]) < 0);
    qp_query_free(q);
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
    qp_query *q = NULL;
    char msg[256];
    assert_int_equal(qp_parse(an, NULL, "الرقة قسد", QP_ALL, &q, msg, sizeof msg), QP_OK);
    sn_snippet s;
    assert_int_equal(sn_make(an, text, strlen(text), q, 100, &s), AR_OK);
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

    /* A short text is kept whole, without ellipses. */
    assert_int_equal(sn_make(an, "قسد", 6, q, 100, &s), AR_OK);
    assert_string_equal(s.text, "قسد");
    assert_int_equal(s.nspans, 1);
    sn_snippet_clear(&s);
    qp_query_free(q);
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
    assert_int_equal(xs_writer_replace(c->w, idterm, d, NULL), XS_OK);
    xs_doc_free(d);
    return 0;
}

static void no_err(void *ctx, size_t record, const char *msg)
{
    (void)ctx;
    fail_msg("record %zu: %s", record, msg);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return b;
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
        char *buf = slurp(files[nf], &len);
        assert_int_equal(ix_read(IX_FMT_TEXT, buf, len, files[nf], an, index_art, no_err, &c),
                         0);
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
        size_t len;
        char *text = slurp(files[fi], &len);
        ar_tokens *t = NULL;
        assert_int_equal(ar_analyze(an, text, len, &t), AR_OK);
        char idterm[256];
        ix_id_term(files[fi], idterm);
        for (size_t i = 0; i < ar_tokens_count(t); i++) {
            const ar_token *k = ar_tokens_get(t, i);
            char word[512];
            size_t wl = k->end - k->start;
            if (wl >= sizeof word)
                continue;
            memcpy(word, text + k->start, wl);
            word[wl] = '\0';
            qp_query *q = NULL;
            char msg[256];
            if (qp_parse(an, NULL, word, QP_ALL, &q, msg, sizeof msg) != QP_OK) {
                print_error("query %s: %s\n", word, msg);
                failures++;
                continue;
            }
            /* The document itself must match: restrict to its id term. */
            xs_query *idq = NULL, *both = NULL;
            assert_int_equal(xs_query_term(&idq, idterm, 1, 0), XS_OK);
            xs_query *subs[] = {(xs_query *)qp_query_xs(q), idq};
            assert_int_equal(xs_query_combine(&both, XS_OP_FILTER, subs, 2, 0), XS_OK);
            uint32_t n = 0;
            assert_int_equal(xs_reader_count(r, both, &n), XS_OK);
            /* ...and the highlighter must mark the word's own stem. */
            int hl = qp_query_stem_index(q, k->stem) >= 0;
            if (n != 1 || !hl) {
                print_error("%s: word %s (stem %s) found=%u highlighted=%d\n", files[fi], word,
                            k->stem, n, hl);
                failures++;
            }
            checked++;
            xs_query_free(both);
            xs_query_free(idq);
            qp_query_free(q);
        }
        ar_tokens_free(t);
        free(text);
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
        cmocka_unit_test(test_parse_stems),
        cmocka_unit_test(test_snippet),
        cmocka_unit_test(test_same_analysis_everywhere),
    };
    return cmocka_run_group_tests_name("searcher", tests, setup, teardown);
}
