/*
 * test_shim.c - shim/: documents, records, every query operator, counting,
 * replacement, and the failures: a locked index, a missing path, a corrupt
 * file, malformed queries.
 */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <dirent.h>

#include "../../shim/xs.h"

/* Three documents:
 *   1 "a": alpha beta gamma   date 2018-01-05  source bbc
 *   2 "b": beta alpha delta   date 2018-03-01  source cnn
 *   3 "c": gamma gamma        date 2017-12-31  source bbc */
static void add_doc(xs_writer *w, const char *id, const char *const *words, size_t n,
                    const char *date, const char *source)
{
    xs_doc *d = NULL;
    char idterm[64];
    assert_int_equal(xs_doc_new(&d), XS_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(xs_doc_add_posting(d, words[i], (uint32_t)i + 1), XS_OK);
    assert_int_equal(xs_doc_set_value(d, 0, date, strlen(date)), XS_OK);
    char sterm[32];
    snprintf(sterm, sizeof sterm, "O%s", source);
    assert_int_equal(xs_doc_add_term(d, sterm, 0), XS_OK);
    assert_int_equal(xs_doc_set_field(d, "id", id, strlen(id)), XS_OK);
    assert_int_equal(xs_doc_set_field(d, "source", source, strlen(source)), XS_OK);
    /* Binary-safe fields: an embedded NUL survives. */
    assert_int_equal(xs_doc_set_field(d, "blob", "x\0y", 3), XS_OK);
    snprintf(idterm, sizeof idterm, "Q%s", id);
    int replaced = -1;
    assert_int_equal(xs_writer_replace(w, idterm, d, &replaced, NULL), XS_OK);
    assert_int_equal(replaced, 0);
    xs_doc_free(d);
}

static char *make_index(void)
{
    char *dir = tu_tmpdir();
    char path[600];
    snprintf(path, sizeof path, "%s/db", dir);
    xs_writer *w = NULL;
    assert_int_equal(xs_writer_open(&w, path, 1), XS_OK);
    const char *a[] = {"alpha", "beta", "gamma"};
    const char *b[] = {"beta", "alpha", "delta"};
    const char *c[] = {"gamma", "gamma"};
    add_doc(w, "a", a, 3, "2018-01-05", "bbc");
    add_doc(w, "b", b, 3, "2018-03-01", "cnn");
    add_doc(w, "c", c, 2, "2017-12-31", "bbc");
    assert_int_equal(xs_writer_set_metadata(w, "fahras.format", "1"), XS_OK);
    assert_int_equal(xs_writer_commit(w), XS_OK);
    xs_writer_free(w);
    return dir;
}

static xs_reader *open_reader(const char *dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/db", dir);
    const char *paths[] = {path};
    xs_reader *r = NULL;
    assert_int_equal(xs_reader_open(&r, paths, 1), XS_OK);
    return r;
}

static xs_query *term(const char *t, uint32_t pos)
{
    xs_query *q = NULL;
    assert_int_equal(xs_query_term(&q, t, 1, pos), XS_OK);
    return q;
}

static xs_query *combine2(xs_op op, xs_query *x, xs_query *y, uint32_t window)
{
    xs_query *subs[] = {x, y}, *q = NULL;
    assert_int_equal(xs_query_combine(&q, op, subs, 2, window), XS_OK);
    xs_query_free(x);
    xs_query_free(y);
    return q;
}

/* Ids of the hits of q, in rank order, as a string like "ab". */
static void hits(xs_reader *r, const xs_query *q, const xs_search_opts *o, char *out)
{
    xs_results *res = NULL;
    assert_int_equal(xs_reader_search(r, q, o, &res), XS_OK);
    size_t n = xs_results_size(res);
    for (size_t i = 0; i < n; i++) {
        xs_docid id;
        uint32_t rank;
        double w;
        xs_record *rec = NULL;
        assert_int_equal(xs_results_hit(res, i, &id, &rank, &w), XS_OK);
        assert_int_equal(rank, (o ? o->offset : 0) + i + 1);
        assert_int_equal(xs_reader_record(r, id, &rec), XS_OK);
        size_t len = 0;
        const char *v = xs_record_get(rec, "id", &len);
        assert_int_equal(len, 1);
        out[i] = v[0];
        xs_record_free(rec);
    }
    out[n] = '\0';
    xs_results_free(res);
}

static void test_operators(void **state)
{
    (void)state;
    char *dir = make_index();
    xs_reader *r = open_reader(dir);
    char got[16];
    xs_query *q;
    uint32_t n = 0;

    assert_int_equal(xs_reader_doccount(r, &n), XS_OK);
    assert_int_equal(n, 3);

    q = combine2(XS_OP_AND, term("alpha", 0), term("beta", 0), 0);
    hits(r, q, NULL, got);
    assert_int_equal(strlen(got), 2);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 2);
    xs_query_free(q);

    q = combine2(XS_OP_OR, term("delta", 0), term("gamma", 0), 0);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 3);
    xs_query_free(q);

    /* phrase: "alpha beta" only in a; "beta alpha" only in b */
    q = combine2(XS_OP_PHRASE, term("alpha", 1), term("beta", 2), 2);
    hits(r, q, NULL, got);
    assert_string_equal(got, "a");
    xs_query_free(q);
    q = combine2(XS_OP_NEAR, term("alpha", 1), term("beta", 2), 2);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 2);
    xs_query_free(q);

    q = combine2(XS_OP_AND_NOT, term("alpha", 0), term("delta", 0), 0);
    hits(r, q, NULL, got);
    assert_string_equal(got, "a");
    xs_query_free(q);

    /* AND_MAYBE: gamma's docs, a ranked by alpha */
    q = combine2(XS_OP_AND_MAYBE, term("gamma", 0), term("alpha", 0), 0);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 2);
    xs_query_free(q);

    q = combine2(XS_OP_FILTER, term("gamma", 0), term("Obbc", 0), 0);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 2);
    xs_query_free(q);

    q = combine2(XS_OP_SYNONYM, term("delta", 0), term("alpha", 0), 0);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 2);
    xs_query_free(q);

    /* value range and sorting by value */
    assert_int_equal(xs_query_value_range(&q, 0, "2018-01-01", "2018-12-31"), XS_OK);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 2);
    xs_query_free(q);
    assert_int_equal(xs_query_value_range(&q, 0, NULL, "2017-12-31"), XS_OK);
    hits(r, q, NULL, got);
    assert_string_equal(got, "c");
    xs_query_free(q);

    xs_search_opts o;
    xs_search_opts_init(&o);
    o.sort_slot = 0;
    o.sort_descending = 1;
    assert_int_equal(xs_query_all(&q), XS_OK);
    hits(r, q, &o, got);
    assert_string_equal(got, "bac");
    o.sort_descending = 0;
    hits(r, q, &o, got);
    assert_string_equal(got, "cab");
    o.offset = 1;
    o.limit = 1;
    hits(r, q, &o, got);
    assert_string_equal(got, "a");
    xs_query_free(q);

    /* scaling: gamma x0 leaves alpha to decide the order */
    xs_query *g = term("gamma", 0), *sg = NULL;
    assert_int_equal(xs_query_scale(&sg, g, 0.0), XS_OK);
    xs_query_free(g);
    q = combine2(XS_OP_OR, sg, term("alpha", 0), 0);
    xs_search_opts_init(&o);
    hits(r, q, &o, got);
    assert_int_equal(strlen(got), 3);
    assert_true(got[2] == 'c');
    char *desc = NULL;
    assert_int_equal(xs_query_describe(q, &desc), XS_OK);
    assert_non_null(strstr(desc, "alpha"));
    free(desc);
    assert_int_equal(xs_query_is_positional(q), 0);
    xs_query_free(q);

    /* a phrase or a NEAR anywhere, even scaled inside an OR */
    xs_query *ph = combine2(XS_OP_PHRASE, term("alpha", 1), term("beta", 2), 2), *sph = NULL;
    assert_int_equal(xs_query_is_positional(ph), 1);
    assert_int_equal(xs_query_scale(&sph, ph, 0.2), XS_OK);
    xs_query_free(ph);
    q = combine2(XS_OP_OR, term("gamma", 0), sph, 0);
    assert_int_equal(xs_query_is_positional(q), 1);
    xs_query_free(q);
    q = combine2(XS_OP_AND_MAYBE, term("gamma", 0),
                 combine2(XS_OP_NEAR, term("alpha", 1), term("beta", 2), 2), 0);
    assert_int_equal(xs_query_is_positional(q), 1);
    xs_query_free(q);
    assert_int_equal(xs_query_is_positional(NULL), 0);

    uint32_t df = 0;
    uint64_t cf = 0;
    assert_int_equal(xs_reader_termstats(r, "gamma", &df, &cf), XS_OK);
    assert_int_equal(df, 2);
    assert_int_equal(cf, 3);
    assert_int_equal(xs_reader_termstats(r, "nothing", &df, &cf), XS_OK);
    assert_int_equal(df, 0);
    uint64_t nt = 0;
    assert_int_equal(xs_reader_termcount(r, "O", 0, &nt), XS_OK);
    assert_int_equal(nt, 2);

    char *meta = NULL;
    assert_int_equal(xs_reader_get_metadata(r, "fahras.format", &meta), XS_OK);
    assert_string_equal(meta, "1");
    free(meta);

    xs_reader_free(r);
    tu_rmdir(dir);
}

static void test_record_and_replace(void **state)
{
    (void)state;
    char *dir = make_index();
    char path[600];
    snprintf(path, sizeof path, "%s/db", dir);
    xs_reader *r = open_reader(dir);
    xs_record *rec = NULL;
    size_t len = 0;
    assert_int_equal(xs_reader_record(r, 1, &rec), XS_OK);
    const char *blob = xs_record_get(rec, "blob", &len);
    assert_int_equal(len, 3);
    assert_memory_equal(blob, "x\0y", 3);
    assert_null(xs_record_get(rec, "missing", NULL));
    xs_record_free(rec);
    assert_int_equal(xs_reader_record(r, 99, &rec), XS_ENOTFOUND);
    assert_null(rec);
    xs_reader_free(r);

    /* Replacing by id term keeps the count; deleting lowers it. */
    xs_writer *w = NULL;
    assert_int_equal(xs_writer_open(&w, path, 0), XS_OK);
    xs_doc *d = NULL;
    assert_int_equal(xs_doc_new(&d), XS_OK);
    assert_int_equal(xs_doc_add_posting(d, "omega", 1), XS_OK);
    assert_int_equal(xs_doc_set_field(d, "id", "a", 1), XS_OK);
    int replaced = 0, deleted = 0;
    assert_int_equal(xs_writer_replace(w, "Qa", d, &replaced, NULL), XS_OK);
    assert_int_equal(replaced, 1);
    xs_doc_free(d);
    assert_int_equal(xs_writer_delete(w, "Qc", &deleted), XS_OK);
    assert_int_equal(deleted, 1);
    assert_int_equal(xs_writer_delete(w, "Qzzz", &deleted), XS_OK);
    assert_int_equal(deleted, 0);
    assert_int_equal(xs_writer_commit(w), XS_OK);
    uint32_t n = 0;
    assert_int_equal(xs_writer_doccount(w, &n), XS_OK);
    assert_int_equal(n, 2);
    xs_writer_free(w);

    r = open_reader(dir);
    xs_query *q = term("omega", 0);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 1);
    xs_query_free(q);
    q = term("gamma", 0);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 0); /* a's gamma replaced, c deleted */
    xs_query_free(q);
    xs_reader_free(r);
    tu_rmdir(dir);
}

static void test_multiple_indexes(void **state)
{
    (void)state;
    char *d1 = make_index(), *d2 = make_index();
    char p1[600], p2[600];
    snprintf(p1, sizeof p1, "%s/db", d1);
    snprintf(p2, sizeof p2, "%s/db", d2);
    const char *paths[] = {p1, p2};
    xs_reader *r = NULL;
    uint32_t n = 0;
    assert_int_equal(xs_reader_open(&r, paths, 2), XS_OK);
    assert_int_equal(xs_reader_doccount(r, &n), XS_OK);
    assert_int_equal(n, 6);
    xs_query *q = term("gamma", 0);
    assert_int_equal(xs_reader_count(r, q, &n), XS_OK);
    assert_int_equal(n, 4);
    xs_query_free(q);
    xs_reader_free(r);
    tu_rmdir(d1);
    tu_rmdir(d2);
}

/* One xs_doc stored under two ids: each id on exactly one document (the
 * replace used to leave the first id term on the caller's document). */
static void test_replace_same_doc_twice(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char path[600];
    snprintf(path, sizeof path, "%s/db", dir);
    xs_writer *w = NULL;
    xs_doc *d = NULL;
    xs_docid ida = 0, idb = 0;
    assert_int_equal(xs_writer_open(&w, path, 1), XS_OK);
    assert_int_equal(xs_doc_new(&d), XS_OK);
    assert_int_equal(xs_doc_add_posting(d, "word", 1), XS_OK);
    assert_int_equal(xs_doc_add_term(d, "Fsame", 0), XS_OK);
    assert_int_equal(xs_writer_replace(w, "Qa", d, NULL, &ida), XS_OK);
    assert_int_equal(xs_writer_replace(w, "Qb", d, NULL, &idb), XS_OK);
    assert_int_not_equal(ida, idb);
    xs_doc_free(d);
    assert_int_equal(xs_writer_commit(w), XS_OK);

    xs_docid *ids = NULL;
    size_t n = 0;
    assert_int_equal(xs_writer_term_docids(w, "Qa", &ids, &n), XS_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], ida);
    free(ids);
    assert_int_equal(xs_writer_term_docids(w, "Qb", &ids, &n), XS_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], idb);
    free(ids);
    assert_int_equal(xs_writer_term_docids(w, "Fsame", &ids, &n), XS_OK);
    assert_int_equal(n, 2);
    free(ids);
    assert_int_equal(xs_writer_term_docids(w, "Qnone", &ids, &n), XS_OK);
    assert_int_equal(n, 0);
    assert_non_null(ids);
    free(ids);

    /* Metadata keys by prefix, revision moves only when something changed. */
    uint64_t rev1 = 0, rev2 = 0, terms = 0;
    assert_int_equal(xs_writer_set_metadata(w, "f:b", "2"), XS_OK);
    assert_int_equal(xs_writer_set_metadata(w, "f:a", "1"), XS_OK);
    assert_int_equal(xs_writer_set_metadata(w, "g:a", "3"), XS_OK);
    assert_int_equal(xs_writer_commit(w), XS_OK);
    char **keys = NULL;
    assert_int_equal(xs_writer_metadata_keys(w, "f:", &keys, &n), XS_OK);
    assert_int_equal(n, 2);
    assert_string_equal(keys[0], "f:a");
    assert_string_equal(keys[1], "f:b");
    free(keys[0]);
    free(keys[1]);
    free(keys);
    assert_int_equal(xs_writer_revision(w, &rev1), XS_OK);
    assert_int_equal(xs_writer_commit(w), XS_OK);
    assert_int_equal(xs_writer_revision(w, &rev2), XS_OK);
    assert_true(rev1 == rev2);
    assert_int_equal(xs_writer_termcount(w, &terms), XS_OK);
    assert_int_equal(terms, 4); /* word Fsame Qa Qb */

    assert_int_equal(xs_writer_delete_docid(w, ida), XS_OK);
    assert_int_equal(xs_writer_delete_docid(w, ida), XS_ENOTFOUND);
    uint32_t cnt = 0;
    assert_int_equal(xs_writer_doccount(w, &cnt), XS_OK);
    assert_int_equal(cnt, 1);
    xs_writer_free(w);
    tu_rmdir(dir);
}

/* A lock file that cannot be created is not "locked by another writer". */
static void test_lock_permission(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip(); /* root writes anywhere; the CLI test covers it as nobody */
    char *dir = tu_tmpdir();
    char path[600];
    snprintf(path, sizeof path, "%s/db", dir);
    xs_writer *w = NULL;
    assert_int_equal(xs_writer_open(&w, path, 1), XS_OK);
    xs_writer_free(w);
    char lock[700];
    snprintf(lock, sizeof lock, "%s/flintlock", path);
    unlink(lock);
    assert_int_equal(chmod(path, 0555), 0);
    int rc = xs_writer_open(&w, path, 1);
    assert_int_equal(rc, XS_EIO);
    assert_null(strstr(xs_errmsg(), "another writer"));
    chmod(path, 0755);
    tu_rmdir(dir);
}

static void test_locked(void **state)
{
    (void)state;
    char *dir = make_index();
    char path[600];
    snprintf(path, sizeof path, "%s/db", dir);
    xs_writer *w1 = NULL, *w2 = NULL;
    assert_int_equal(xs_writer_open(&w1, path, 1), XS_OK);
    assert_int_equal(xs_writer_open(&w2, path, 1), XS_ELOCKED);
    assert_null(w2);
    assert_non_null(strstr(xs_errmsg(), "locked"));
    /* Readers are not blocked by a writer. */
    xs_reader *r = open_reader(dir);
    xs_reader_free(r);
    xs_writer_free(w1);
    assert_int_equal(xs_writer_open(&w2, path, 1), XS_OK);
    xs_writer_free(w2);
    tu_rmdir(dir);
}

static void test_missing(void **state)
{
    (void)state;
    const char *paths[] = {"/nonexistent/fahras/index"};
    xs_reader *r = NULL;
    xs_writer *w = NULL;
    assert_int_equal(xs_reader_open(&r, paths, 1), XS_ENOTFOUND);
    assert_null(r);
    assert_true(strlen(xs_errmsg()) > 0);
    assert_int_equal(xs_writer_open(&w, "/nonexistent/fahras/index", 0), XS_ENOTFOUND);
    assert_null(w);
    assert_int_equal(xs_reader_open(&r, paths, 0), XS_EINVAL);
    assert_int_equal(xs_writer_open(&w, "", 1), XS_EINVAL);
}

static void test_corrupt(void **state)
{
    (void)state;
    char *dir = make_index();
    char dbdir[600];
    snprintf(dbdir, sizeof dbdir, "%s/db", dir);
    /* Overwrite every table file of the index with garbage. */
    DIR *d = opendir(dbdir);
    assert_non_null(d);
    struct dirent *de;
    int smashed = 0;
    while ((de = readdir(d)) != NULL) {
        if (!strstr(de->d_name, ".glass") && strcmp(de->d_name, "iamglass"))
            continue;
        char p[900];
        snprintf(p, sizeof p, "%s/%s", dbdir, de->d_name);
        FILE *f = fopen(p, "r+b");
        assert_non_null(f);
        char junk[8192];
        memset(junk, 0x5A, sizeof junk);
        fwrite(junk, 1, sizeof junk, f);
        fclose(f);
        smashed++;
    }
    closedir(d);
    assert_true(smashed > 0);
    const char *paths[] = {dbdir};
    xs_reader *r = NULL;
    int rc = xs_reader_open(&r, paths, 1);
    if (rc == XS_OK) {
        /* Some damage only shows when the tables are read. */
        xs_query *q = term("alpha", 0);
        uint32_t n;
        rc = xs_reader_count(r, q, &n);
        xs_query_free(q);
        xs_reader_free(r);
    }
    assert_true(rc < 0);
    assert_true(rc == XS_ECORRUPT || rc == XS_EVERSION || rc == XS_EIO);
    assert_true(strlen(xs_errmsg()) > 0);
    tu_rmdir(dir);
}

static void test_malformed_queries(void **state)
{
    (void)state;
    xs_query *q = NULL, *t = term("x", 0);
    xs_query *subs[] = {t, NULL};
    assert_int_equal(xs_query_term(&q, "", 1, 0), XS_EINVAL);
    assert_int_equal(xs_query_term(&q, NULL, 1, 0), XS_EINVAL);
    assert_int_equal(xs_query_combine(&q, XS_OP_AND, subs, 2, 0), XS_EINVAL);
    assert_int_equal(xs_query_combine(&q, XS_OP_AND_NOT, subs, 0, 0), XS_EINVAL);
    assert_int_equal(xs_query_combine(&q, (xs_op)99, subs, 1, 0), XS_EINVAL);
    assert_int_equal(xs_query_value_range(&q, 0, NULL, NULL), XS_EINVAL);
    assert_int_equal(xs_query_scale(&q, t, -1.0), XS_EINVAL);
    assert_null(q);
    xs_query_free(t);
    /* Every free accepts NULL. */
    xs_query_free(NULL);
    xs_doc_free(NULL);
    xs_record_free(NULL);
    xs_results_free(NULL);
    xs_reader_free(NULL);
    xs_writer_free(NULL);
    xs_doc *d = NULL;
    assert_int_equal(xs_doc_new(&d), XS_OK);
    assert_int_equal(xs_doc_add_posting(d, "", 1), XS_EINVAL);
    /* Xapian's term length limit surfaces as an error, not a crash. */
    char longterm[400];
    memset(longterm, 'x', sizeof longterm - 1);
    longterm[sizeof longterm - 1] = '\0';
    assert_int_equal(xs_doc_add_posting(d, longterm, 1), XS_OK);
    char *dir = tu_tmpdir();
    char path[600];
    snprintf(path, sizeof path, "%s/db", dir);
    xs_writer *w = NULL;
    assert_int_equal(xs_writer_open(&w, path, 1), XS_OK);
    assert_true(xs_writer_replace(w, "Qlong", d, NULL, NULL) < 0);
    xs_writer_free(w);
    xs_doc_free(d);
    tu_rmdir(dir);
}

/* The readers that audits and highlights use: every matching id, wdf along
 * a posting list, positions, prefixes, values, term frequencies in a batch,
 * and documents with no value sorted last. Docids are 1 a, 2 b, 3 c. */
static void test_reader_lists(void **state)
{
    (void)state;
    char *dir = make_index();
    xs_reader *r = open_reader(dir);
    /* all matching ids, ascending */
    xs_query *q = NULL;
    const char *both[] = {"alpha", "gamma"};
    xs_query *subs[] = {term(both[0], 0), term(both[1], 0)};
    assert_int_equal(xs_query_combine(&q, XS_OP_OR, subs, 2, 0), XS_OK);
    xs_query_free(subs[0]);
    xs_query_free(subs[1]);
    xs_docid *ids = NULL;
    size_t n = 0;
    assert_int_equal(xs_reader_match_ids(r, q, &ids, &n), XS_OK);
    assert_int_equal(n, 3);
    assert_int_equal(ids[0], 1);
    assert_int_equal(ids[2], 3);
    /* wdf of gamma in 1, 2, 3 */
    uint32_t wdf[3];
    assert_int_equal(xs_reader_wdfs(r, "gamma", ids, 3, wdf), XS_OK);
    assert_int_equal(wdf[0], 1);
    assert_int_equal(wdf[1], 0);
    assert_int_equal(wdf[2], 2);
    assert_int_equal(xs_reader_wdfs(r, "nothing", ids, 3, wdf), XS_OK);
    assert_int_equal(wdf[0] + wdf[1] + wdf[2], 0);
    xs_docid backwards[] = {3, 1};
    assert_int_equal(xs_reader_wdfs(r, "gamma", backwards, 2, wdf), XS_EINVAL);
    /* positions (add_doc puts word i at i + 1) */
    uint32_t *pos = NULL;
    size_t np = 0;
    assert_int_equal(xs_reader_positions(r, 3, "gamma", &pos, &np), XS_OK);
    assert_int_equal(np, 2);
    assert_int_equal(pos[0], 1);
    assert_int_equal(pos[1], 2);
    free(pos);
    assert_int_equal(xs_reader_positions(r, 2, "gamma", &pos, &np), XS_OK);
    assert_int_equal(np, 0);
    free(pos);
    /* prefixes, bounded: max + 1 come back when there are more */
    char **terms = NULL;
    size_t nt = 0;
    assert_int_equal(xs_reader_prefix_terms(r, "", 2, &terms, &nt), XS_OK);
    assert_int_equal(nt, 3);
    for (size_t i = 0; i < nt; i++)
        free(terms[i]);
    free(terms);
    assert_int_equal(xs_reader_prefix_terms(r, "al", 10, &terms, &nt), XS_OK);
    assert_int_equal(nt, 1);
    assert_string_equal(terms[0], "alpha");
    free(terms[0]);
    free(terms);
    /* values of slot 0 for each id */
    char *vals[3];
    assert_int_equal(xs_reader_values(r, 0, ids, 3, vals), XS_OK);
    assert_string_equal(vals[0], "2018-01-05");
    assert_string_equal(vals[2], "2017-12-31");
    for (int i = 0; i < 3; i++)
        free(vals[i]);
    assert_int_equal(xs_reader_values(r, 7, ids, 3, vals), XS_OK);
    assert_null(vals[0]);
    assert_null(vals[2]);
    /* term frequencies in one call */
    const char *tf[] = {"alpha", "gamma", "nothing"};
    uint32_t df[3];
    assert_int_equal(xs_reader_termfreqs(r, tf, 3, df), XS_OK);
    assert_int_equal(df[0], 2);
    assert_int_equal(df[1], 2);
    assert_int_equal(df[2], 0);
    free(ids);
    xs_query_free(q);
    xs_reader_free(r);
    tu_rmdir(dir);
}

/* A document without a value sorts where sort_missing says. */
static void test_sort_missing(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char path[600];
    snprintf(path, sizeof path, "%s/db", dir);
    xs_writer *w = NULL;
    assert_int_equal(xs_writer_open(&w, path, 1), XS_OK);
    const char *vals[] = {"2018-02-01", NULL, "2018-01-01"};
    const char *names[] = {"x", "y", "z"};
    for (int i = 0; i < 3; i++) {
        xs_doc *d = NULL;
        char idterm[8];
        assert_int_equal(xs_doc_new(&d), XS_OK);
        assert_int_equal(xs_doc_add_posting(d, "word", 1), XS_OK);
        if (vals[i])
            assert_int_equal(xs_doc_set_value(d, 0, vals[i], strlen(vals[i])), XS_OK);
        assert_int_equal(xs_doc_set_field(d, "id", names[i], 1), XS_OK);
        snprintf(idterm, sizeof idterm, "Q%s", names[i]);
        assert_int_equal(xs_writer_replace(w, idterm, d, NULL, NULL), XS_OK);
        xs_doc_free(d);
    }
    assert_int_equal(xs_writer_commit(w), XS_OK);
    xs_writer_free(w);
    xs_reader *r = open_reader(dir);
    xs_query *q = term("word", 0);
    xs_search_opts o;
    char got[8];
    xs_search_opts_init(&o);
    o.sort_slot = 0;
    o.sort_descending = 1;
    o.sort_missing = "";
    hits(r, q, &o, got);
    assert_string_equal(got, "xzy");
    o.sort_descending = 0;
    o.sort_missing = "~";
    hits(r, q, &o, got);
    assert_string_equal(got, "zxy");
    o.sort_missing = NULL;
    hits(r, q, &o, got);
    assert_string_equal(got, "yzx");
    xs_query_free(q);
    xs_reader_free(r);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),  cmocka_unit_test(test_record_and_replace),
        cmocka_unit_test(test_multiple_indexes), cmocka_unit_test(test_locked),
        cmocka_unit_test(test_replace_same_doc_twice), cmocka_unit_test(test_lock_permission),
        cmocka_unit_test(test_missing),    cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_malformed_queries),
        cmocka_unit_test(test_reader_lists),     cmocka_unit_test(test_sort_missing),
    };
    return cmocka_run_group_tests_name("shim", tests, NULL, NULL);
}
