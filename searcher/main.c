/*
 * searcher - ranked search and keyword audits over a Fahras index.
 *
 *   searcher --db DIR [--db DIR...] [options] [--] QUERY...
 *   searcher --db DIR --audit KEYWORDS [--by source|year|month] [--ids]
 *
 * Exit status follows grep: 0 something matched, 1 nothing matched, 2 usage
 * or fatal error (missing index, bad query, analyzer version mismatch).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "../schema/schema.h"
#include "audit.h"
#include "match.h"
#include "output.h"
#include "query.h"
#include "snippet.h"
#include "textdoc.h"

#define MAX_DBS 64
/* Hits one query may print: more is a dump, not a search. */
#define MAX_LIMIT 100000000u

static void usage(FILE *f)
{
    fputs("Usage: searcher --db DIR [OPTIONS] [--] QUERY...\n"
          "       searcher --db DIR --audit KEYWORDS [--by source|year|month] [--ids]\n"
          "Search a Fahras index. Every query word must match (through its stem,\n"
          "so الرقة also finds بالرقة, والرقة, الرَّقَّة).\n"
          "\n"
          "Query language:\n"
          "  word word          all words (AND); with --any, any of them\n"
          "  a OR b, a | b      either (OR binds tighter than AND: a b OR c = a (b OR c))\n"
          "  NOT a, -a          without a;  +a  a must match (also with --any)\n"
          "  ( ... )            grouping\n"
          "  \"a b\"              a phrase;  a NEAR/n b  within n words (NEAR: 10)\n"
          "  =word              the exact normalized form, no stemming or expansion\n"
          "  =\"a b\"             a phrase of exact forms (as grep finds it, spelling folded)\n"
          "  word*              words that start so (at most 500 forms)\n"
          "  title:word  title:\"a b\"  source:NAME  category:NAME  id:ID\n"
          "  date:2018  date:2018-03  date:2018-03..2018-06  date:2018-03-01..\n"
          "A query starting with - needs -- before it: searcher --db DIR -- -word\n"
          "\n"
          "  -d, --db DIR         index to search: a directory, a stub file listing\n"
          "                       shards (auto PATH, remote HOST:PORT), or a directory\n"
          "                       with such a stub named XAPIANDB; repeat to search\n"
          "                       several as one\n"
          "      --allow-partial  answer from the shards that can be reached (the others\n"
          "                       are named on stderr) instead of exiting 2\n"
          "  -a, --any            the default operator is OR instead of AND\n"
          "      --all            every document, all listed unless --limit is given\n"
          "                       (with --count: the document count)\n"
          "      --since DATE     only documents dated DATE or later (YYYY[-MM[-DD]])\n"
          "      --until DATE     only documents dated DATE or earlier\n"
          "  -n, --limit N        show at most N hits (default 10)\n"
          "      --offset N       skip the first N hits (default 0)\n"
          "  -c, --count          print only the exact number of matching documents\n"
          "  -f, --format FMT     human (default), json, tsv, trec or ids\n"
          "      --highlight HL   ansi, bold, brackets or none; default: ansi on a\n"
          "                       terminal (bold when NO_COLOR is set), brackets elsewhere\n"
          "      --sort KEY       relevance (default), date (newest first) or date-asc;\n"
          "                       undated documents come last either way\n"
          "      --snippet N      snippet width in characters (default 200)\n"
          "      --qid ID         query id for trec, json and tsv output\n"
          "      --bm25 K1,B      BM25 parameters (default 0.7,0.5)\n"
          "      --queries FILE   run every line of FILE (- for stdin) as a query;\n"
          "                       a line is QUERY or QID<TAB>QUERY\n"
          "      --timings FILE   with --queries: write each query's QID<TAB>milliseconds\n"
          "                       (its search, snippets and output) to FILE\n"
          "\n"
          "Keyword audits:\n"
          "      --audit FILE     one keyword, phrase or query per line (# comments);\n"
          "                       prints keyword, documents and occurrences as TSV\n"
          "                       (--format json for JSON lines, human for a table)\n"
          "      --by KEY         split the numbers by source, year or month\n"
          "      --ids            one row per matching document, with its id\n"
          "      --plot FILE.svg  a line chart of documents per month per keyword\n"
          "\n"
          "  -h, --help           this text\n"
          "  -V, --version        program and analyzer version\n"
          "\n"
          "JSON output: one object per hit per line with rank, id, score, title,\n"
          "date, source, path, snippet and highlights ([start, end) in code points),\n"
          "and qid in --queries mode. Exit status: 0 matches, 1 no match, 2 error.\n",
          f);
}

static int parse_uint(const char *s, uint32_t *out, const char *opt)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || s[0] == '+') {
        fprintf(stderr, "searcher: %s needs a whole number, not '", opt);
        out_text(stderr, s, strlen(s));
        fputs("'\n", stderr);
        return -1;
    }
    if (errno == ERANGE || v > MAX_LIMIT) {
        fprintf(stderr, "searcher: %s %s is too large (at most %u)\n", opt, s, MAX_LIMIT);
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

static char *field_dup(const xs_record *rec, const char *name)
{
    size_t n = 0;
    const char *v = xs_record_get(rec, name, &n);
    return v ? strndup(v, n) : NULL;
}

/* Refuse an index built by another analyzer or format: every shard of it
 * is checked, and all must share one stemmer, which *st receives. */
static int check_version(xs_reader *r, const char *db, int *st)
{
    int rc = 0, first = -1;
    for (size_t i = 0; i < xs_reader_shard_count(r) && rc == 0; i++) {
        char *fmt = NULL, *an = NULL, *stm = NULL, why[300];
        uint32_t docs = 0;
        const char *name = xs_reader_shard_name(r, i);
        int one = AR_STEMMER_LIGHT;
        if (xs_reader_shard_metadata(r, i, FX_META_FORMAT, &fmt) ||
            xs_reader_shard_metadata(r, i, FX_META_ANALYZER, &an) ||
            xs_reader_shard_metadata(r, i, FX_META_STEMMER, &stm) ||
            xs_reader_shard_doccount(r, i, &docs)) {
            fprintf(stderr, "searcher: %s: %s\n", db, xs_errmsg());
            rc = -1;
        } else {
            fx_index_meta m = {fmt, an, stm, docs};
            if (fx_check(&m, AR_VERSION, &one, why, sizeof why) != FX_OK) {
                if (strcmp(name, db))
                    fprintf(stderr, "searcher: %s: shard %s: %s\n", db, name, why);
                else
                    fprintf(stderr, "searcher: %s: %s\n", db, why);
                rc = -1;
            } else if (docs > 0 && first >= 0 && one != first) {
                fprintf(stderr,
                        "searcher: %s: shard %s was built with the %s stemmer, the others with "
                        "%s\n",
                        db, name, ar_stemmer_name((ar_stemmer)one),
                        ar_stemmer_name((ar_stemmer)first));
                rc = -1;
            } else if (docs > 0 || first < 0) {
                first = one;
            }
        }
        free(fmt);
        free(an);
        free(stm);
    }
    *st = first < 0 ? AR_STEMMER_LIGHT : first;
    return rc;
}

/* What every query of a run shares. */
typedef struct {
    ar_analyzer *an;
    xs_reader *rd;
    xs_search_opts so;
    qp_opts qo;
    out_format fmt;
    out_highlight hl;
    int count_only;
    int batch;
    uint32_t snippet_width;
    FILE *timings; /* --timings: qid and milliseconds of each batch query */
} sr_run;

/* Print "searcher: WHERE: character N: what" for a query error. */
static void query_error(const char *where, const qn_error *e)
{
    fputs("searcher: ", stderr);
    if (where)
        fprintf(stderr, "%s: ", where);
    if (e->column)
        fprintf(stderr, "character %zu: ", e->column);
    fprintf(stderr, "%s\n", e->msg);
}

/* Print document id, ranked rank with weight w, with its snippet. Returns
 * 0, or -1 (reported). */
static int print_hit(sr_run *r, const qp_query *q, xs_docid id, uint32_t rank, double w,
                     const char *qid)
{
    xs_record *rec = NULL;
    sn_snippet snip;
    qm_hit *hits = NULL;
    size_t nhits = 0;
    int have_snip = 0, rc = -1;
    out_hit h;

    memset(&h, 0, sizeof h);
    if (xs_reader_record(r->rd, id, &rec)) {
        fprintf(stderr, "searcher: document %u: %s\n", id, xs_errmsg());
        return -1;
    }
    h.rank = rank;
    h.score = w;
    h.qid = (r->batch || r->fmt == OUT_TREC) ? qid : NULL;
    char *sid = field_dup(rec, "id"), *date = field_dup(rec, "date"),
         *src = field_dup(rec, "source"), *path = field_dup(rec, "path");
    h.id = sid;
    h.date = date;
    h.source = src;
    h.path = path;
    h.title = xs_record_get(rec, "title", &h.title_len);
    if (r->fmt == OUT_HUMAN || r->fmt == OUT_JSON) {
        size_t npat = 0;
        td_doc d;
        qm_doc doc;
        if (td_open(&d, &doc, r->an, r->rd, id, rec) != AR_OK) {
            td_close(&d);
            fprintf(stderr, "searcher: document %u: %s\n", id, ar_analyzer_errmsg(r->an));
            goto done;
        }
        const qm_pattern *pats = qp_query_patterns(q, &npat);
        int mr = qm_match(pats, npat, &doc, &hits, &nhits, NULL);
        td_close(&d);
        if (mr) {
            fprintf(stderr, "searcher: document %u: %s\n", id,
                    mr == -1 ? "out of memory" : xs_errmsg());
            goto done;
        }
        if (sn_make(r->an, d.body_text, d.body_len, d.body_base, hits, nhits,
                    r->snippet_width, &snip) == AR_OK) {
            have_snip = 1;
            h.snippet = &snip;
        }
    }
    if (out_print_hit(stdout, r->fmt, r->hl, &h)) {
        fprintf(stderr, "searcher: cannot write results\n");
        goto done;
    }
    rc = 0;
done:
    if (have_snip)
        sn_snippet_clear(&snip);
    free(hits);
    free(sid);
    free(date);
    free(src);
    free(path);
    xs_record_free(rec);
    return rc;
}

/* The first `want` matches of q in r->so's order that hold its pattern
 * (qp_query_check): their indexes into *res (which the caller frees),
 * *nok of them. Searches again with a deeper limit until it has them or
 * the matches run out. Returns 0, or -1 (reported). */
static int checked_matches(sr_run *r, const qp_query *q, uint64_t want, xs_results **res,
                           size_t **ok, size_t *nok)
{
    xs_search_opts so = r->so;
    uint32_t all = 0;
    size_t pn = 0;
    const qm_pattern *pats = qp_query_patterns(q, &pn);
    *res = NULL;
    *ok = NULL;
    *nok = 0;
    if (xs_reader_doccount(r->rd, &all) != XS_OK) {
        fprintf(stderr, "searcher: %s\n", xs_errmsg());
        return -1;
    }
    /* Most matches hold the pattern: twice what is wanted, then four times
     * as deep each round. */
    uint64_t depth = want * 2 + 20;
    for (;;) {
        so.offset = 0;
        so.limit = depth < all ? (uint32_t)depth : all;
        xs_results_free(*res);
        free(*ok);
        *res = NULL;
        *nok = 0;
        if (xs_reader_search(r->rd, qp_query_xs(q), &so, res) != XS_OK) {
            fprintf(stderr, "searcher: %s\n", xs_errmsg());
            return -1;
        }
        size_t n = xs_results_size(*res);
        if (!(*ok = malloc((n + 1) * sizeof **ok))) {
            fprintf(stderr, "searcher: out of memory\n");
            return -1;
        }
        for (size_t i = 0; i < n && *nok < want; i++) {
            xs_docid id;
            uint32_t rank;
            double w;
            uint64_t c = 0;
            if (xs_results_hit(*res, i, &id, &rank, &w)) {
                fprintf(stderr, "searcher: %s\n", xs_errmsg());
                return -1;
            }
            int mr = td_count(r->an, r->rd, id, pats, pn, &c);
            if (mr) {
                fprintf(stderr, "searcher: document %u: %s\n", id,
                        mr == -1   ? "out of memory"
                        : mr == -3 ? ar_analyzer_errmsg(r->an)
                                   : xs_errmsg());
                return -1;
            }
            if (c)
                (*ok)[(*nok)++] = i;
        }
        if (*nok >= want || n < so.limit || so.limit == all)
            return 0;
        depth *= 4;
    }
}

/* --count of a query that needs its matches checked. Returns 0, or -1
 * (reported). */
static int checked_count(sr_run *r, const qp_query *q, uint32_t *n)
{
    xs_results *res = NULL;
    size_t *ok = NULL, nok = 0;
    int rc = checked_matches(r, q, UINT32_MAX, &res, &ok, &nok);
    *n = (uint32_t)nok;
    xs_results_free(res);
    free(ok);
    return rc;
}

/* The hits of a query that needs its matches checked, from r->so's offset
 * and up to its limit, ranked among the checked ones. Returns 0 matched, 1
 * no match, 2 error (reported). */
static int checked_hits(sr_run *r, const qp_query *q, const char *qid)
{
    xs_results *res = NULL;
    size_t *ok = NULL, nok = 0;
    int status = 2;
    if (checked_matches(r, q, (uint64_t)r->so.offset + r->so.limit, &res, &ok, &nok))
        goto done;
    for (size_t j = r->so.offset; j < nok; j++) {
        xs_docid id;
        uint32_t rank;
        double w;
        if (xs_results_hit(res, ok[j], &id, &rank, &w)) {
            fprintf(stderr, "searcher: %s\n", xs_errmsg());
            goto done;
        }
        if (print_hit(r, q, id, (uint32_t)j + 1, w, qid))
            goto done;
    }
    status = nok > 0 ? 0 : 1;
done:
    xs_results_free(res);
    free(ok);
    return status;
}

/* Result of one query: 0 matched, 1 no match, 2 error (already reported). */
static int run_query(sr_run *r, const char *qtext, const char *qid, const char *where)
{
    qp_query *q = NULL;
    xs_results *res = NULL;
    qn_error err;
    int status = 2;

    if (qp_parse(r->an, r->rd, qtext, &r->qo, &q, &err)) {
        query_error(where, &err);
        goto done;
    }
    if (getenv("FAHRAS_DEBUG_QUERY")) {
        char *d = NULL;
        if (xs_query_describe(qp_query_xs(q), &d) == XS_OK)
            fprintf(stderr, "searcher: query: %s\n", d);
        free(d);
    }
    int check = qp_query_check(q);
    if (r->count_only) {
        uint32_t n = 0;
        if (check) {
            if (checked_count(r, q, &n))
                goto done;
        } else if (xs_reader_count(r->rd, qp_query_xs(q), &n) != XS_OK) {
            fprintf(stderr, "searcher: %s\n", xs_errmsg());
            goto done;
        }
        if (r->batch) {
            out_tsv(stdout, qid, strlen(qid));
            printf("\t%u\n", n);
        } else {
            printf("%u\n", n);
        }
        status = n > 0 ? 0 : 1;
        goto done;
    }
    if (check) {
        status = checked_hits(r, q, qid);
        goto done;
    }
    if (xs_reader_search(r->rd, qp_query_xs(q), &r->so, &res) != XS_OK) {
        fprintf(stderr, "searcher: %s\n", xs_errmsg());
        goto done;
    }
    size_t nres = xs_results_size(res);
    for (size_t i = 0; i < nres; i++) {
        xs_docid id;
        uint32_t rank;
        double w;
        if (xs_results_hit(res, i, &id, &rank, &w)) {
            fprintf(stderr, "searcher: %s\n", xs_errmsg());
            goto done;
        }
        if (print_hit(r, q, id, rank, w, qid))
            goto done;
    }
    uint32_t est = 0;
    xs_results_estimate(res, &est, NULL, NULL);
    status = (nres > 0 || est > 0) ? 0 : 1;
done:
    xs_results_free(res);
    qp_query_free(q);
    return status;
}

/* Open FILE (- for stdin) for reading lines; NULL after an error message. */
static FILE *open_lines(const char *file)
{
    struct stat st;
    FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    if (!f) {
        fprintf(stderr, "searcher: %s: %s\n", file, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "searcher: %s: is a directory, not a file of queries\n", file);
        if (f != stdin)
            fclose(f);
        return NULL;
    }
    return f;
}

/* --queries FILE: one query per line, "QID<TAB>QUERY" or just "QUERY" (the
 * line number is the id). Blank lines and lines starting with # are skipped.
 * Returns 0 if any query matched, 1 if none did, 2 if any line failed. */
static int run_batch(sr_run *r, const char *file)
{
    FILE *f = open_lines(file);
    char *line = NULL, where[600], qidbuf[32];
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int any = 0, errors = 0;
    if (!f)
        return 2;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        const char *qid = qidbuf, *qtext = line;
        char *tab = strchr(line, '\t');
        if (tab) {
            *tab = '\0';
            qid = line;
            qtext = tab + 1;
        } else {
            snprintf(qidbuf, sizeof qidbuf, "%zu", lineno);
        }
        snprintf(where, sizeof where, "%s:%zu: query %.200s", file, lineno, qid);
        if (!ar_utf8_valid(where, strlen(where)))
            snprintf(where, sizeof where, "%s:%zu", file, lineno);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int st = run_query(r, qtext, qid, where);
        if (r->timings) {
            fflush(stdout);
            clock_gettime(CLOCK_MONOTONIC, &t1);
            fprintf(r->timings, "%s\t%.3f\n", qid,
                    (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
        }
        if (st == 0)
            any = 1;
        else if (st == 2)
            errors++;
        if (ferror(stdout)) {
            errors++;
            break;
        }
    }
    if (ferror(f)) {
        fprintf(stderr, "searcher: %s: %s\n", file, strerror(errno));
        errors++;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return errors ? 2 : any ? 0 : 1;
}

/* A date option: YYYY, YYYY-MM or YYYY-MM-DD. */
static int date_opt(const char *opt, const char *v, char *out)
{
    if (qn_date_check(v, strlen(v), out) == 0)
        return 0;
    fprintf(stderr, "searcher: %s: malformed date '", opt);
    out_text(stderr, v, strlen(v));
    fputs("' (YYYY, YYYY-MM or YYYY-MM-DD)\n", stderr);
    return -1;
}

/* An argument that starts with - and then a non-ASCII byte (-قسد) is a
 * query word, never an option: getopt would take it apart byte by byte. */
static int is_query_dash(const char *s)
{
    return s[0] == '-' && (unsigned char)s[1] >= 0x80;
}

/* 1 when arg is an option whose value is the next argument (--db DIR,
 * -n N), so that a value such as a file named -ملف is left alone. */
static int takes_value(const struct option *opts, const char *arg)
{
    if (arg[0] != '-' || strchr(arg, '='))
        return 0;
    if (arg[1] != '-')
        return arg[1] && !arg[2] && strchr("dnf", arg[1]) != NULL;
    for (; opts->name; opts++)
        if (opts->has_arg == required_argument && !strcmp(arg + 2, opts->name))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    enum { O_ALL = 256, O_SINCE, O_UNTIL, O_AUDIT, O_BY, O_IDS, O_PLOT, O_PARTIAL, O_TIMINGS };
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"any", no_argument, NULL, 'a'},
        {"all", no_argument, NULL, O_ALL},
        {"allow-partial", no_argument, NULL, O_PARTIAL},
        {"timings", required_argument, NULL, O_TIMINGS},
        {"since", required_argument, NULL, O_SINCE},
        {"until", required_argument, NULL, O_UNTIL},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"count", no_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'f'},
        {"highlight", required_argument, NULL, 'H'},
        {"sort", required_argument, NULL, 's'},
        {"snippet", required_argument, NULL, 'w'},
        {"qid", required_argument, NULL, 'Q'},
        {"queries", required_argument, NULL, 'B'},
        {"bm25", required_argument, NULL, 'K'},
        {"audit", required_argument, NULL, O_AUDIT},
        {"by", required_argument, NULL, O_BY},
        {"ids", no_argument, NULL, O_IDS},
        {"plot", required_argument, NULL, O_PLOT},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *dbs[MAX_DBS];
    char *real[MAX_DBS];
    size_t ndb = 0;
    int hl = -1, c, status = 2, fmt_set = 0, limit_given = 0;
    unsigned open_flags = 0;
    const char *timings = NULL;
    const char *qid = "1", *batch = NULL, *audit = NULL;
    char since[11] = "", until[11] = "";
    au_opts ao;
    sr_run r;
    char *qtext = NULL;
    char **args = NULL;

    memset(&r, 0, sizeof r);
    memset(&ao, 0, sizeof ao);
    r.qo.mode = QP_ALL;
    r.fmt = OUT_HUMAN;
    r.snippet_width = 200;
    xs_search_opts_init(&r.so);
    /* k1 0.7, b 0.5: the best of k1 0.6..1.5, b 0.4..0.7 on the tuning half
     * of ANT (headlines as pasted, bench/README.md); 0.6 to 0.8 is flat. */
    r.so.k1 = 0.7;
    r.so.b = 0.5;
    /* Hide -word query arguments from getopt (see is_query_dash): each is
     * replaced by a pointer past its dash, which getopt takes for an operand,
     * and put back when the query is joined. */
    args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) {
        fprintf(stderr, "searcher: out of memory\n");
        return 2;
    }
    int after_dashes = 0;
    for (int i = 0; i < argc; i++) {
        args[i] = argv[i];
        if (!strcmp(argv[i], "--"))
            after_dashes = 1;
        if (i > 0 && !after_dashes && is_query_dash(argv[i]) && !takes_value(opts, argv[i - 1]))
            args[i] = argv[i] + 1;
    }
    char **orig = argv;
    opterr = 0;
    while ((c = getopt_long(argc, args, "d:an:cf:hV", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (ndb == MAX_DBS) {
                fprintf(stderr, "searcher: at most %d --db options\n", MAX_DBS);
                goto usage_error;
            }
            dbs[ndb++] = optarg;
            break;
        case 'a': r.qo.mode = QP_ANY; break;
        case O_ALL: r.qo.all = 1; break;
        case O_PARTIAL: open_flags = XS_OPEN_PARTIAL; break;
        case O_TIMINGS: timings = optarg; break;
        case O_SINCE:
            if (date_opt("--since", optarg, since))
                goto usage_error;
            break;
        case O_UNTIL:
            if (date_opt("--until", optarg, until))
                goto usage_error;
            break;
        case 'n':
            if (parse_uint(optarg, &r.so.limit, "--limit"))
                goto usage_error;
            limit_given = 1;
            break;
        case 'o':
            if (parse_uint(optarg, &r.so.offset, "--offset"))
                goto usage_error;
            break;
        case 'c': r.count_only = 1; break;
        case 'f': {
            int f = out_format_parse(optarg);
            if (f < 0) {
                fprintf(stderr, "searcher: unknown format (human, json, tsv, trec, ids)\n");
                goto usage_error;
            }
            r.fmt = (out_format)f;
            fmt_set = 1;
            break;
        }
        case 'H':
            if ((hl = out_highlight_parse(optarg)) < 0) {
                fprintf(stderr, "searcher: unknown highlight (ansi, bold, brackets, none)\n");
                goto usage_error;
            }
            break;
        case 's':
            if (!strcmp(optarg, "relevance")) {
                r.so.sort_slot = -1;
            } else if (!strcmp(optarg, "date") || !strcmp(optarg, "date-asc")) {
                r.so.sort_slot = FX_SLOT_DATE;
                r.so.sort_descending = !strcmp(optarg, "date");
                /* Undated documents last in both orders: in ascending order
                 * their missing date sorts after every real one. */
                r.so.sort_missing = r.so.sort_descending ? "" : "~";
            } else {
                fprintf(stderr, "searcher: unknown sort (relevance, date, date-asc)\n");
                goto usage_error;
            }
            break;
        case 'w':
            if (parse_uint(optarg, &r.snippet_width, "--snippet") || r.snippet_width < 20) {
                fprintf(stderr, "searcher: --snippet needs a number of at least 20\n");
                goto usage_error;
            }
            break;
        case 'Q': qid = optarg; break;
        case 'B': batch = optarg; break;
        case 'K': {
            char *end = NULL;
            double k1 = strtod(optarg, &end), b = -1;
            if (end && *end == ',')
                b = strtod(end + 1, &end);
            /* Past 1000, k1 makes weights overflow and changes nothing else. */
            if (!end || *end || !(k1 >= 0 && k1 <= 1000) || !(b >= 0 && b <= 1)) {
                fprintf(stderr, "searcher: --bm25 needs K1,B with 0 <= K1 <= 1000 and "
                                "0 <= B <= 1\n");
                goto usage_error;
            }
            r.so.k1 = k1;
            r.so.b = b;
            break;
        }
        case O_AUDIT: audit = optarg; break;
        case O_BY: {
            int by = au_by_parse(optarg);
            if (by < 0) {
                fprintf(stderr, "searcher: --by takes source, year or month\n");
                goto usage_error;
            }
            ao.by = (au_by)by;
            break;
        }
        case O_IDS: ao.ids = 1; break;
        case O_PLOT: ao.plot = optarg; break;
        case 'h': usage(stdout); status = 0; goto done;
        case 'V': printf("searcher (Fahras) analyzer %s, index format %s\n", AR_VERSION,
                         FX_FORMAT_VERSION);
            status = 0;
            goto done;
        case ':':
            fprintf(stderr, "searcher: option %s needs a value\n", args[optind - 1]);
            goto usage_error;
        default:
            /* Name the whole argument, never a byte of a character. */
            if (optopt > 0x20 && optopt < 0x7f) {
                fprintf(stderr, "searcher: unknown option -%c", optopt);
            } else {
                const char *bad = optind > 0 && optind <= argc ? args[optind - 1] : "?";
                fputs("searcher: unknown option '", stderr);
                out_text(stderr, bad, strlen(bad));
                fputc('\'', stderr);
            }
            fputs(" (a query that starts with - goes after --)\n", stderr);
            goto usage_error;
        }
    }
    if (ndb == 0) {
        fprintf(stderr, "searcher: --db DIR is required (see searcher --help)\n");
        goto usage_error;
    }
    r.qo.since = since;
    r.qo.until = until;
    int has_query = optind < argc;
    if (audit && (batch || has_query || r.qo.all || r.count_only)) {
        fprintf(stderr, "searcher: --audit takes its keywords from the file, and no query, "
                        "--queries, --all or --count\n");
        goto usage_error;
    }
    if (!audit && (ao.by || ao.ids || ao.plot)) {
        fprintf(stderr, "searcher: --by, --ids and --plot go with --audit\n");
        goto usage_error;
    }
    if (ao.plot && ao.by != AU_BY_NONE && ao.by != AU_BY_MONTH) {
        fprintf(stderr, "searcher: --plot draws months: use it alone or with --by month\n");
        goto usage_error;
    }
    if (audit && fmt_set && r.fmt != OUT_TSV && r.fmt != OUT_JSON && r.fmt != OUT_HUMAN) {
        fprintf(stderr, "searcher: an audit prints tsv (default), json or human\n");
        goto usage_error;
    }
    if (!audit && !has_query && !batch && !r.qo.all && !since[0] && !until[0]) {
        fprintf(stderr, "searcher: no QUERY given (see searcher --help)\n");
        goto usage_error;
    }
    if (timings && !batch) {
        fprintf(stderr, "searcher: --timings goes with --queries\n");
        goto usage_error;
    }
    if (timings && !(r.timings = fopen(timings, "w"))) {
        fprintf(stderr, "searcher: %s: %s\n", timings, strerror(errno));
        goto done;
    }
    if (has_query && batch) {
        fprintf(stderr, "searcher: give a QUERY or --queries FILE, not both\n");
        goto usage_error;
    }
    if (has_query && r.qo.all) {
        fprintf(stderr, "searcher: give a QUERY or --all, not both\n");
        goto usage_error;
    }
    /* --all lists every document unless --limit says otherwise. */
    if (r.qo.all && !limit_given)
        r.so.limit = MAX_LIMIT;
    if (hl < 0) {
        if (isatty(1))
            hl = getenv("NO_COLOR") && *getenv("NO_COLOR") ? HL_BOLD : HL_ANSI;
        else
            hl = HL_BRACKETS;
    }
    r.hl = (out_highlight)hl;
    r.batch = batch != NULL;
    /* The query is all remaining arguments, joined by spaces, with the -word
     * arguments hidden from getopt put back. */
    size_t qlen = 0;
    for (int i = optind; i < argc; i++)
        qlen += strlen(args[i]) + 2;
    qtext = calloc(qlen + 1, 1);
    if (!qtext) {
        fprintf(stderr, "searcher: out of memory\n");
        goto done;
    }
    for (int i = optind; i < argc; i++) {
        const char *arg = args[i];
        for (int k = 1; k < argc; k++)
            if (arg == orig[k] + 1 && is_query_dash(orig[k]))
                arg = orig[k];
        if (i > optind)
            strcat(qtext, " ");
        strcat(qtext, arg);
    }
    /* The same index named twice (or by two paths) is searched once. */
    size_t nuniq = 0;
    for (size_t i = 0; i < ndb; i++) {
        real[i] = realpath(dbs[i], NULL);
        int dup = 0;
        for (size_t k = 0; k < i && real[i]; k++)
            if (real[k] && !strcmp(real[k], real[i]))
                dup = 1;
        if (!dup)
            dbs[nuniq++] = dbs[i];
    }
    for (size_t i = 0; i < ndb; i++)
        free(real[i]);
    ndb = nuniq;
    /* Every index is checked, and the query is analysed with their stemmer:
     * indexes built with different stemmers cannot be searched as one. */
    int stemmer = -1;
    for (size_t i = 0; i < ndb; i++) {
        xs_reader *one = NULL;
        int st = AR_STEMMER_LIGHT;
        if (xs_reader_open_flags(&one, &dbs[i], 1, open_flags) != XS_OK) {
            fprintf(stderr, "searcher: %s: %s\n", dbs[i], xs_errmsg());
            goto done;
        }
        int bad = check_version(one, dbs[i], &st);
        xs_reader_free(one);
        if (bad)
            goto done;
        if (stemmer >= 0 && st != stemmer) {
            fprintf(stderr, "searcher: %s: built with the %s stemmer, %s with %s; they cannot be "
                            "searched together\n",
                    dbs[i], ar_stemmer_name((ar_stemmer)st), dbs[0],
                    ar_stemmer_name((ar_stemmer)stemmer));
            goto done;
        }
        stemmer = st;
    }
    if (ar_analyzer_new_stemmer(&r.an, (ar_stemmer)stemmer) != AR_OK) {
        fprintf(stderr, "searcher: cannot start the Arabic analyzer (ICU or libstemmer)\n");
        goto done;
    }
    if (xs_reader_open_flags(&r.rd, dbs, ndb, open_flags) != XS_OK) {
        fprintf(stderr, "searcher: %s: %s\n", ndb == 1 ? dbs[0] : "indexes", xs_errmsg());
        goto done;
    }
    /* --allow-partial: answer from the shards that are up, and say which
     * are not. */
    for (size_t i = 0; i < xs_reader_missing_count(r.rd); i++)
        fprintf(stderr, "searcher: warning: shard %s cannot be reached; results are partial\n",
                xs_reader_missing_name(r.rd, i));
    if (audit) {
        ao.fmt = fmt_set ? r.fmt : OUT_TSV;
        ao.sparkline = isatty(1);
        ao.mode = r.qo.mode;
        ao.since = since[0] ? since : NULL;
        ao.until = until[0] ? until : NULL;
        status = au_run(r.an, r.rd, audit, &ao);
    } else {
        if (r.fmt == OUT_TSV && !r.count_only)
            out_tsv_header(stdout, r.batch);
        status = batch ? run_batch(&r, batch) : run_query(&r, qtext, qid, NULL);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "searcher: cannot write results\n");
        status = 2;
    }
    goto done;
usage_error:
    status = 2;
done:
    if (r.timings && fclose(r.timings) != 0 && status != 2) {
        fprintf(stderr, "searcher: %s: %s\n", timings, strerror(errno));
        status = 2;
    }
    xs_reader_free(r.rd);
    ar_analyzer_free(r.an);
    free(qtext);
    free(args);
    return status;
}
