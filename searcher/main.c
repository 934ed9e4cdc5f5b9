/*
 * searcher - ranked search of a Fahras index.
 *
 *   searcher --db DIR [--db DIR...] [options] QUERY...
 *
 * Exit status follows grep: 0 something matched, 1 nothing matched, 2 usage
 * or fatal error (missing index, bad query, analyzer version mismatch).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "../shim/xs_schema.h"
#include "output.h"
#include "query.h"
#include "snippet.h"

#define MAX_DBS 64

static void usage(FILE *f)
{
    fputs("Usage: searcher --db DIR [OPTIONS] QUERY...\n"
          "Search a Fahras index. Every query word must match (through its stem,\n"
          "so الرقة also finds بالرقة, والرقة, الرَّقَّة); \"quoted words\" are a phrase.\n"
          "\n"
          "  -d, --db DIR         index to search; repeat to search several as one\n"
          "  -a, --any            any word may match (OR) instead of all (AND)\n"
          "  -n, --limit N        show at most N hits (default 10)\n"
          "      --offset N       skip the first N hits (default 0)\n"
          "  -c, --count          print only the exact number of matching documents\n"
          "  -f, --format FMT     human (default), json, trec or ids\n"
          "      --highlight HL   ansi, bold, brackets or none; default: ansi on a\n"
          "                       terminal (bold when NO_COLOR is set), brackets elsewhere\n"
          "      --sort KEY       relevance (default), date (newest first) or date-asc\n"
          "      --snippet N      snippet width in characters (default 200)\n"
          "      --qid ID         query id for --format trec (default 1)\n"
          "      --bm25 K1,B      BM25 parameters (default 1,0.5)\n"
          "      --queries FILE   run every line of FILE (- for stdin) as a query;\n"
          "                       a line is QUERY or QID<TAB>QUERY\n"
          "  -h, --help           this text\n"
          "  -V, --version        program and analyzer version\n"
          "\n"
          "JSON output: one object per hit per line with rank, id, score, title,\n"
          "date, source, path, snippet and highlights ([start, end) in code points).\n"
          "Exit status: 0 matches, 1 no match, 2 error.\n",
          f);
}

static int parse_uint(const char *s, uint32_t *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v > 100000000UL || s[0] == '-')
        return -1;
    *out = (uint32_t)v;
    return 0;
}

static char *field_dup(const xs_record *rec, const char *name)
{
    size_t n = 0;
    const char *v = xs_record_get(rec, name, &n);
    return v ? strndup(v, n) : NULL;
}

/* Refuse an index built by another analyzer or format. */
static int check_version(xs_reader *r, const char *db)
{
    char *fmt = NULL, *an = NULL;
    int rc = 0;
    if (xs_reader_get_metadata(r, XS_META_FORMAT, &fmt) ||
        xs_reader_get_metadata(r, XS_META_ANALYZER, &an)) {
        fprintf(stderr, "searcher: %s: %s\n", db, xs_errmsg());
        rc = -1;
    } else if (!*fmt) {
        fprintf(stderr, "searcher: %s: not a Fahras index (no format version)\n", db);
        rc = -1;
    } else if (strcmp(fmt, XS_FORMAT_VERSION) || strcmp(an, AR_VERSION)) {
        fprintf(stderr,
                "searcher: %s: index built with format %s and analyzer %s, this searcher uses "
                "format %s and analyzer %s; reindex it with indexer\n",
                db, fmt, an, XS_FORMAT_VERSION, AR_VERSION);
        rc = -1;
    }
    free(fmt);
    free(an);
    return rc;
}

/* What every query of a run shares. */
typedef struct {
    ar_analyzer *an;
    xs_reader *rd;
    xs_search_opts so;
    qp_mode mode;
    out_format fmt;
    out_highlight hl;
    int count_only;
    uint32_t snippet_width;
} sr_run;

/* Result of one query: 0 matched, 1 no match, 2 error (already reported). */
static int run_query(sr_run *r, const char *qtext, const char *qid, const char *where)
{
    qp_query *q = NULL;
    xs_results *res = NULL;
    char msg[256];
    int status = 2;

    int rc = qp_parse(r->an, r->rd, qtext, r->mode, &q, msg, sizeof msg);
    if (rc) {
        fprintf(stderr, "searcher: %s%s%s\n", where ? where : "", where ? ": " : "",
                rc == QP_ENOMEM ? "out of memory" : msg);
        goto done;
    }
    if (getenv("FAHRAS_DEBUG_QUERY")) {
        char *d = NULL;
        if (xs_query_describe(qp_query_xs(q), &d) == XS_OK)
            fprintf(stderr, "searcher: query: %s\n", d);
        free(d);
    }
    if (r->count_only) {
        uint32_t n = 0;
        if (xs_reader_count(r->rd, qp_query_xs(q), &n) != XS_OK) {
            fprintf(stderr, "searcher: %s\n", xs_errmsg());
            goto done;
        }
        if (where)
            printf("%s\t%u\n", qid, n);
        else
            printf("%u\n", n);
        status = n > 0 ? 0 : 1;
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
        xs_record *rec = NULL;
        sn_snippet snip;
        int have_snip = 0;
        if (xs_results_hit(res, i, &id, &rank, &w) || xs_reader_record(r->rd, id, &rec)) {
            fprintf(stderr, "searcher: document %u: %s\n", id, xs_errmsg());
            goto done;
        }
        out_hit h;
        memset(&h, 0, sizeof h);
        h.rank = rank;
        h.score = w;
        h.qid = qid;
        char *sid = field_dup(rec, "id"), *date = field_dup(rec, "date"),
             *src = field_dup(rec, "source"), *path = field_dup(rec, "path");
        h.id = sid;
        h.date = date;
        h.source = src;
        h.path = path;
        h.title = xs_record_get(rec, "title", &h.title_len);
        if (r->fmt == OUT_HUMAN || r->fmt == OUT_JSON) {
            size_t tlen = 0;
            const char *text = xs_record_get(rec, "text", &tlen);
            if (sn_make(r->an, text ? text : "", text ? tlen : 0, q, r->snippet_width, &snip) ==
                AR_OK) {
                have_snip = 1;
                h.snippet = &snip;
            }
        }
        int perr = out_print_hit(stdout, r->fmt, r->hl, &h);
        if (have_snip)
            sn_snippet_clear(&snip);
        free(sid);
        free(date);
        free(src);
        free(path);
        xs_record_free(rec);
        if (perr) {
            fprintf(stderr, "searcher: cannot write results\n");
            goto done;
        }
    }
    uint32_t est = 0;
    xs_results_estimate(res, &est, NULL, NULL);
    status = (nres > 0 || est > 0) ? 0 : 1;
done:
    xs_results_free(res);
    qp_query_free(q);
    return status;
}

/* --queries FILE: one query per line, "QID<TAB>QUERY" or just "QUERY" (the
 * line number is the id). Blank lines and lines starting with # are skipped.
 * Returns 0 if any query matched, 1 if none did, 2 if any line failed. */
static int run_batch(sr_run *r, const char *file)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    char *line = NULL, where[300], qidbuf[32];
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int any = 0, errors = 0;
    if (!f) {
        fprintf(stderr, "searcher: %s: %s\n", file, strerror(errno));
        return 2;
    }
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
        snprintf(where, sizeof where, "%s:%zu", file, lineno);
        int st = run_query(r, qtext, qid, where);
        if (st == 0)
            any = 1;
        else if (st == 2)
            errors++;
        if (ferror(stdout)) {
            errors++;
            break;
        }
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return errors ? 2 : any ? 0 : 1;
}


int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"any", no_argument, NULL, 'a'},
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
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *dbs[MAX_DBS];
    size_t ndb = 0;
    int hl = -1, c, status = 2;
    const char *qid = "1", *batch = NULL;
    sr_run r;
    char *qtext = NULL;

    memset(&r, 0, sizeof r);
    r.mode = QP_ALL;
    r.fmt = OUT_HUMAN;
    r.snippet_width = 200;
    xs_search_opts_init(&r.so);
    while ((c = getopt_long(argc, argv, "d:an:cf:hV", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (ndb == MAX_DBS) {
                fprintf(stderr, "searcher: at most %d --db options\n", MAX_DBS);
                return 2;
            }
            dbs[ndb++] = optarg;
            break;
        case 'a': r.mode = QP_ANY; break;
        case 'n':
            if (parse_uint(optarg, &r.so.limit)) {
                fprintf(stderr, "searcher: --limit needs a number, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'o':
            if (parse_uint(optarg, &r.so.offset)) {
                fprintf(stderr, "searcher: --offset needs a number, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'c': r.count_only = 1; break;
        case 'f': {
            int f = out_format_parse(optarg);
            if (f < 0) {
                fprintf(stderr, "searcher: unknown format '%s' (human, json, trec, ids)\n", optarg);
                return 2;
            }
            r.fmt = (out_format)f;
            break;
        }
        case 'H':
            if ((hl = out_highlight_parse(optarg)) < 0) {
                fprintf(stderr, "searcher: unknown highlight '%s' (ansi, bold, brackets, none)\n",
                        optarg);
                return 2;
            }
            break;
        case 's':
            if (!strcmp(optarg, "relevance")) {
                r.so.sort_slot = -1;
            } else if (!strcmp(optarg, "date") || !strcmp(optarg, "date-asc")) {
                r.so.sort_slot = XS_SLOT_DATE;
                r.so.sort_descending = !strcmp(optarg, "date");
            } else {
                fprintf(stderr, "searcher: unknown sort '%s' (relevance, date, date-asc)\n", optarg);
                return 2;
            }
            break;
        case 'w':
            if (parse_uint(optarg, &r.snippet_width) || r.snippet_width < 20) {
                fprintf(stderr, "searcher: --snippet needs a number of at least 20\n");
                return 2;
            }
            break;
        case 'Q': qid = optarg; break;
        case 'B': batch = optarg; break;
        case 'K': {
            char *end = NULL;
            double k1 = strtod(optarg, &end), b = -1;
            if (end && *end == ',')
                b = strtod(end + 1, &end);
            if (!end || *end || !(k1 >= 0) || !(b >= 0 && b <= 1)) {
                fprintf(stderr, "searcher: --bm25 needs K1,B with K1 >= 0 and 0 <= B <= 1\n");
                return 2;
            }
            r.so.k1 = k1;
            r.so.b = b;
            break;
        }
        case 'h': usage(stdout); return 0;
        case 'V': printf("searcher (Fahras) analyzer %s, index format %s\n", AR_VERSION,
                         XS_FORMAT_VERSION);
            return 0;
        default: usage(stderr); return 2;
        }
    }
    if (ndb == 0) {
        fprintf(stderr, "searcher: --db DIR is required (see searcher --help)\n");
        return 2;
    }
    if (optind >= argc && !batch) {
        fprintf(stderr, "searcher: no QUERY given (see searcher --help)\n");
        return 2;
    }
    if (optind < argc && batch) {
        fprintf(stderr, "searcher: give a QUERY or --queries FILE, not both\n");
        return 2;
    }
    if (hl < 0) {
        if (isatty(1))
            hl = getenv("NO_COLOR") && *getenv("NO_COLOR") ? HL_BOLD : HL_ANSI;
        else
            hl = HL_BRACKETS;
    }
    r.hl = (out_highlight)hl;
    /* The query is all remaining arguments, joined by spaces. */
    size_t qlen = 0;
    for (int i = optind; i < argc; i++)
        qlen += strlen(argv[i]) + 1;
    qtext = calloc(qlen + 1, 1);
    if (!qtext) {
        fprintf(stderr, "searcher: out of memory\n");
        return 2;
    }
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(qtext, " ");
        strcat(qtext, argv[i]);
    }
    if (ar_analyzer_new(&r.an) != AR_OK) {
        fprintf(stderr, "searcher: cannot start the Arabic analyzer (ICU or libstemmer)\n");
        goto done;
    }
    for (size_t i = 0; i < ndb; i++) {
        xs_reader *one = NULL;
        if (xs_reader_open(&one, &dbs[i], 1) != XS_OK) {
            fprintf(stderr, "searcher: %s: %s\n", dbs[i], xs_errmsg());
            goto done;
        }
        int bad = check_version(one, dbs[i]);
        xs_reader_free(one);
        if (bad)
            goto done;
    }
    if (xs_reader_open(&r.rd, dbs, ndb) != XS_OK) {
        fprintf(stderr, "searcher: %s: %s\n", ndb == 1 ? dbs[0] : "indexes", xs_errmsg());
        goto done;
    }
    status = batch ? run_batch(&r, batch) : run_query(&r, qtext, qid, NULL);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "searcher: cannot write results\n");
        status = 2;
    }
done:
    xs_reader_free(r.rd);
    ar_analyzer_free(r.an);
    free(qtext);
    return status;
}
