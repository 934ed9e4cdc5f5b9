/*
 * test_readers.c - indexer/readers.c and docbuild.c: TREC, JSON Lines and
 * plain text, malformed records, dates, titles, id terms.
 */
#include "testutil.h"
#include "tu_analyzer.h"

#include "../../indexer/docbuild.h"
#include "../../indexer/readers.h"


typedef struct {
    char ids[16][64];
    char titles[16][256];
    char dates[16][11];
    char sources[16][32];
    size_t n;
    char texts[16][256];
    size_t text_lens[16];
    size_t errors[16];
    char errmsg[16][200];
    size_t nerr;
    size_t warns[16];
    char warnmsg[16][200];
    size_t nwarn;
} collect;

static int on_art(void *ctx, const ix_article *a)
{
    collect *c = ctx;
    if (c->n < 16) {
        snprintf(c->ids[c->n], 64, "%s", a->id);
        snprintf(c->titles[c->n], 256, "%.*s", (int)a->title_len, a->title ? a->title : "");
        memcpy(c->dates[c->n], a->date, 11);
        snprintf(c->sources[c->n], 32, "%s", a->source ? a->source : "");
        size_t tl = a->text_len < 255 ? a->text_len : 255;
        if (a->text)
            memcpy(c->texts[c->n], a->text, tl);
        c->texts[c->n][tl] = '\0';
        c->text_lens[c->n] = a->text_len;
    }
    c->n++;
    return 0;
}

static void on_err(void *ctx, size_t record, const char *msg)
{
    collect *c = ctx;
    if (c->nerr < 16) {
        c->errors[c->nerr] = record;
        snprintf(c->errmsg[c->nerr], 200, "%s", msg);
    }
    c->nerr++;
}

static void on_warn(void *ctx, size_t record, const char *msg)
{
    collect *c = ctx;
    if (c->nwarn < 16) {
        c->warns[c->nwarn] = record;
        snprintf(c->warnmsg[c->nwarn], 200, "%s", msg);
    }
    c->nwarn++;
}

static collect *run_n(ix_format f, const char *buf, size_t len, size_t *skipped)
{
    static collect c;
    memset(&c, 0, sizeof c);
    ix_sink sink = {on_art, on_err, on_warn, &c, NULL};
    assert_int_equal(ix_read(f, buf, len, "archive/file.txt", an, &sink), 0);
    *skipped = c.nerr; /* every skipped record is reported once */
    return &c;
}

static collect *run(ix_format f, const char *buf, size_t *skipped)
{
    return run_n(f, buf, strlen(buf), skipped);
}

static void test_trec(void **state)
{
    (void)state;
    const char *in =
        "<DOC>\n<DOCNO>BB-1</DOCNO>\n<SRC>BBC</SRC>\n<CAT>middleEast</CAT>\n"
        "<TITLE>معركة الرقة</TITLE>\n<TIME>Fri, 18 May 2018 09:54:06 GMT</TIME>\n"
        "<TEXT>\nقوات سوريا الديمقراطية تتقدم في الرقة\n</TEXT>\n</DOC>\n"
        "<DOC><DOCNO>CN-2</DOCNO><TIME>2018-03-04T10:00:00Z</TIME>"
        "<TITLE>عنوان</TITLE><TEXT>نص</TEXT></DOC>\n"
        /* malformed: no DOCNO */
        "<DOC><TITLE>بلا رقم</TITLE><TEXT>نص</TEXT></DOC>\n"
        /* malformed: empty */
        "<DOC><DOCNO>E-3</DOCNO></DOC>\n"
        /* malformed: never closed, followed by a good record */
        "<DOC><DOCNO>X-4</DOCNO><TEXT>مقطوع\n"
        "<DOC><DOCNO>OK-5</DOCNO><TEXT>سليم</TEXT></DOC>\n";
    size_t skipped = 0;
    collect *c = run(IX_FMT_TREC, in, &skipped);
    assert_int_equal(c->n, 3);
    assert_string_equal(c->ids[0], "BB-1");
    assert_string_equal(c->titles[0], "معركة الرقة");
    assert_string_equal(c->dates[0], "2018-05-18");
    assert_string_equal(c->sources[0], "BBC");
    assert_string_equal(c->ids[1], "CN-2");
    assert_string_equal(c->dates[1], "2018-03-04");
    assert_string_equal(c->ids[2], "OK-5");
    assert_int_equal(skipped, 3);
    assert_int_equal(c->nerr, 3);
    assert_int_equal(c->errors[0], 3); /* record numbers are reported */
    assert_int_equal(c->errors[1], 4);
    assert_int_equal(c->errors[2], 5);

    c = run(IX_FMT_TREC, "no records here", &skipped);
    assert_int_equal(c->n, 0);
    assert_int_equal(skipped, 1);
}

static void test_jsonl(void **state)
{
    (void)state;
    const char *in =
        "{\"id\":\"j1\",\"title\":\"الرقة\",\"body\":\"نص عن الرقة\",\"date\":\"2018-02-03\","
        "\"source\":\"cnn\"}\n"
        "\n"
        "{\"id\": 42, \"title\": \"رقم\", \"text\": \"نص\"}\n"
        "{\"id\":\"bad\", \"title\": \"مقطوع\"\n"           /* truncated */
        "[1,2,3]\n"                                            /* not an object */
        "{\"title\":\"بلا معرف\",\"body\":\"نص\"}\n"          /* no id */
        "{\"id\":\"empty\"}\n"                                 /* empty */
        "{\"id\":\"j2\",\"body\":\"\\u0627\\u0644\\u0631\\u0642\\u0629\"} trailing\n"
        "{\"id\":\"j3\",\"body\":\"آخر\"}";
    size_t skipped = 0;
    collect *c = run(IX_FMT_JSONL, in, &skipped);
    assert_int_equal(c->n, 3);
    assert_string_equal(c->ids[0], "j1");
    assert_string_equal(c->dates[0], "2018-02-03");
    assert_string_equal(c->sources[0], "cnn");
    assert_string_equal(c->ids[1], "42");
    assert_string_equal(c->ids[2], "j3");
    assert_int_equal(skipped, 5);
    assert_int_equal(c->errors[0], 4); /* line numbers, blank lines counted */
    assert_non_null(strstr(c->errmsg[0], "malformed JSON"));
}

/* A JSON array of records, and records printed over several lines: read,
 * not refused line by line. */
static void test_json_array_and_pretty(void **state)
{
    (void)state;
    const char *arr = "[\n  {\"id\": \"a1\", \"title\": \"الرقة\",\n   \"body\": \"نص\"},\n"
                      "  {\"id\": \"a2\", \"body\": \"قسد\"}\n]\n";
    size_t skipped = 0;
    collect *c = run(IX_FMT_JSONL, arr, &skipped);
    assert_int_equal(skipped, 0);
    assert_int_equal(c->n, 2);
    assert_string_equal(c->ids[0], "a1");
    assert_string_equal(c->ids[1], "a2");
    const char *pretty = "{\n  \"id\": \"p1\",\n  \"body\": \"نص\"\n}\n{\n  \"id\": \"p2\",\n"
                         "  \"body\": \"نص\"\n}\n";
    c = run(IX_FMT_JSONL, pretty, &skipped);
    assert_int_equal(skipped, 0);
    assert_int_equal(c->n, 2);
    assert_string_equal(c->ids[1], "p2");
    /* A broken array: one message with a line number, not one per line. */
    const char *broken = "[\n {\"id\": \"b1\", \"body\": \"نص\"},\n {\"id\": \"b2\", \n\n\n";
    c = run(IX_FMT_JSONL, broken, &skipped);
    assert_int_equal(c->n, 1);
    assert_int_equal(skipped, 1);
    assert_non_null(strstr(c->errmsg[0], "line 3"));
    assert_non_null(strstr(c->errmsg[0], "JSON array"));
}

/* \u0000 in a JSON string used to cut the body there, silently. */
static void test_json_nul(void **state)
{
    (void)state;
    const char *in = "{\"id\":\"n1\",\"body\":\"الرقة\\u0000 قسد في الشمال\"}\n";
    size_t skipped = 0;
    collect *c = run(IX_FMT_JSONL, in, &skipped);
    assert_int_equal(skipped, 0);
    assert_int_equal(c->n, 1);
    assert_non_null(strstr(c->texts[0], "قسد في الشمال"));
    assert_null(memchr(c->texts[0], 0, c->text_lens[0]));
    assert_int_equal(c->nwarn, 1);
    assert_int_equal(c->warns[0], 1);
    assert_non_null(strstr(c->warnmsg[0], "\"body\""));
}

/* One damaged byte costs nothing but itself: the record is indexed with
 * U+FFFD, and the warning gives the byte offset in the file. */
static void test_damaged_bytes(void **state)
{
    (void)state;
    const char trec[] = "<DOC><DOCNO>d1</DOCNO><TEXT>الرقة \xff قسد</TEXT></DOC>\n"
                        "<DOC><DOCNO>d2</DOCNO><TEXT>نص</TEXT></DOC>\n";
    size_t skipped = 0;
    collect *c = run(IX_FMT_TREC, trec, &skipped);
    assert_int_equal(skipped, 0);
    assert_int_equal(c->n, 2);
    assert_non_null(strstr(c->texts[0], "\xef\xbf\xbd قسد"));
    assert_int_equal(c->nwarn, 1);
    char want[64];
    snprintf(want, sizeof want, "byte %zu:", strstr(trec, "\xff") - trec);
    assert_non_null(strstr(c->warnmsg[0], want));
    const char text[] = "عنوان المقال عن الرقة اليوم\nالرقة \xc3\x28 قسد\n";
    c = run_n(IX_FMT_TEXT, text, sizeof text - 1, &skipped);
    assert_int_equal(skipped, 0);
    assert_int_equal(c->n, 1);
    assert_string_equal(c->ids[0], "archive/file.txt");
    assert_int_equal(c->nwarn, 1);
    /* NUL bytes in a JSON line: repaired too. */
    const char jl[] = "{\"id\":\"x\",\"body\":\"a\0b\"}\n{\"id\":\"y\",\"body\":\"نص\"}\n";
    c = run_n(IX_FMT_JSONL, jl, sizeof jl - 1, &skipped);
    assert_int_equal(skipped, 0);
    assert_int_equal(c->n, 2);
    assert_int_equal(c->nwarn, 1);
    assert_string_equal(c->ids[1], "y");
}

static void test_text_title_date(void **state)
{
    (void)state;
    const char *in = "1187246\n1187246\nالعرب والعالم\n\n"
                     "روسيا تنفي أي خطط للتعاون مع واشنطن في إدلب\n\n08 ديسمبر 2017\n"
                     "نص المقال.\n";
    size_t skipped = 0;
    collect *c = run(IX_FMT_TEXT, in, &skipped);
    assert_int_equal(c->n, 1);
    assert_string_equal(c->ids[0], "archive/file.txt");
    assert_string_equal(c->titles[0], "روسيا تنفي أي خطط للتعاون مع واشنطن في إدلب");
    assert_string_equal(c->dates[0], "2017-12-08");

    /* metadata glued to the headline is cut off */
    c = run(IX_FMT_TEXT,
            "روسيا تتحرك لمنع اتفاق الكاتب: المرصد التاريخ: 8 يونيو 2017 م المشاهدات: 4923\n"
            "نص\n",
            &skipped);
    assert_string_equal(c->titles[0], "روسيا تتحرك لمنع اتفاق");
    assert_string_equal(c->dates[0], "2017-06-08");

    c = run(IX_FMT_TEXT, " \n\t\n...\n", &skipped);
    assert_int_equal(c->n, 0);
    assert_int_equal(skipped, 1);
}

static void test_dates(void **state)
{
    (void)state;
    struct {
        const char *in, *want;
    } cases[] = {
        {"8 يونيو 2017", "2017-06-08"},
        {"08 ديسمبر 2017", "2017-12-08"},
        {"٢٥ أيار ٢٠١٧", "2017-05-25"},
        {"25 أيار 2017", "2017-05-25"},
        {"3 كانون الثاني 2018", "2018-01-03"},
        {"3 كانون الأول 2018", "2018-12-03"},
        {"12 تشرين الأول 2018", "2018-10-12"},
        {"1 شتنبر 2018", "2018-09-01"},
        {"14 جويلية 2018", "2018-07-14"},
        {"14 غشت 2018", "2018-08-14"},
        {"Fri, 18 May 2018 09:54:06 GMT", "2018-05-18"},
        {"May 18, 2018", "2018-05-18"},
        {"2018-05-18T09:54:06+04:00", "2018-05-18"},
        {"2018/05/18", "2018-05-18"},
        {"18/05/2018", "2018-05-18"},
        {"التاريخ: 29 فبراير 2016", "2016-02-29"},
    };
    char out[11];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int ok = ix_find_date(an, cases[i].in, strlen(cases[i].in), 500, out);
        if (!ok || strcmp(out, cases[i].want))
            fail_msg("%s -> %s, want %s", cases[i].in, ok ? out : "(none)", cases[i].want);
    }
    const char *none[] = {"25 أيار", "29 فبراير 2017", "32 مايو 2018", "قسد", "2018"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        if (ix_find_date(an, none[i], strlen(none[i]), 500, out))
            fail_msg("%s gave a date %s", none[i], out);
}

static void test_detect(void **state)
{
    (void)state;
    assert_int_equal(ix_detect_format("  <DOC>\n", 8, "a.txt"), IX_FMT_TREC);
    assert_int_equal(ix_detect_format("{\"id\":1}", 8, NULL), IX_FMT_JSONL);
    assert_int_equal(ix_detect_format("x", 1, "a.jsonl"), IX_FMT_JSONL);
    assert_int_equal(ix_detect_format("الرقة", strlen("الرقة"), "a.txt"), IX_FMT_TEXT);
    assert_int_equal(ix_format_parse("trec"), IX_FMT_TREC);
    assert_int_equal(ix_format_parse("xml"), -1);
}

static void test_id_term(void **state)
{
    (void)state;
    char t1[256], t2[256];
    ix_id_term("BB-1", t1);
    assert_string_equal(t1, "QBB-1");
    char longid[1000];
    memset(longid, 'a', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    ix_id_term(longid, t1);
    assert_true(strlen(t1) < 200);
    longid[500] = 'b';
    ix_id_term(longid, t2);
    assert_string_not_equal(t1, t2); /* the hash keeps long ids apart */
}

static void test_build_doc(void **state)
{
    (void)state;
    ix_article a;
    memset(&a, 0, sizeof a);
    a.id = "x";
    a.title = "عنوان";
    a.title_len = strlen(a.title);
    a.text = "نص \xff";
    a.text_len = strlen(a.text);
    xs_doc *d = NULL;
    char idterm[256], msg[256];
    /* invalid UTF-8 inside a record is refused with a message */
    assert_int_equal(ix_build_doc(an, &a, &d, idterm, msg, sizeof msg), IX_BAD_INPUT);
    assert_null(d);
    assert_true(strlen(msg) > 0);
    a.text = "نص سليم";
    a.text_len = strlen(a.text);
    assert_int_equal(ix_build_doc(an, &a, &d, idterm, msg, sizeof msg), 0);
    assert_non_null(d);
    xs_doc_free(d);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trec),   cmocka_unit_test(test_jsonl), cmocka_unit_test(test_json_array_and_pretty),
        cmocka_unit_test(test_json_nul), cmocka_unit_test(test_damaged_bytes),
        cmocka_unit_test(test_text_title_date), cmocka_unit_test(test_dates),
        cmocka_unit_test(test_detect), cmocka_unit_test(test_id_term),
        cmocka_unit_test(test_build_doc),
    };
    return cmocka_run_group_tests_name("readers", tests, setup, teardown);
}
