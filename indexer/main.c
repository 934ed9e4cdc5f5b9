/*
 * indexer - add articles to a Fahras index.
 *
 *   indexer --db DIR [--format auto|text|trec|jsonl] [--quiet] PATH...
 *
 * Every bad input (unreadable, binary, undecodable, malformed record, empty
 * document) is reported on stderr as "indexer: FILE[:RECORD]: what", skipped
 * and counted; everything else is indexed. Exit 0 when nothing was skipped,
 * 1 when something was, 2 on a usage or fatal error. Changes are committed
 * every --commit-every documents and at the end, so an interrupted run keeps
 * what it committed.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "../shim/xs_schema.h"
#include "docbuild.h"
#include "readers.h"

#define MAX_FILE_BYTES ((size_t)1 << 30)

typedef struct {
    ar_analyzer *an;
    xs_writer *w;
    ix_format format;
    int quiet, tty;
    unsigned long commit_every;
    unsigned long added, replaced, skipped, since_commit;
    const char *file; /* current file, for messages */
    int fatal;
} ix_run;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void usage(FILE *f)
{
    fputs("Usage: indexer --db DIR [OPTIONS] PATH...\n"
          "Add Arabic articles to a Fahras index (created when missing).\n"
          "PATH is a file, a directory (read recursively) or - for standard input.\n"
          "\n"
          "  -d, --db DIR          the index directory (required)\n"
          "  -f, --format FMT      auto (default), text, trec or jsonl\n"
          "      --commit-every N  commit after every N documents (default 5000)\n"
          "      --stemmer NAME    light (default) or snowball (Snowball Arabic), for a\n"
          "                        new index; an existing index keeps its own\n"
          "  -q, --quiet           no progress and no summary line\n"
          "  -h, --help            this text\n"
          "  -V, --version         program and analyzer version\n"
          "\n"
          "Formats (auto-detected per file): plain UTF-8, Windows-1256 or ISO-8859-6\n"
          "text (one article per file, id = absolute path); TREC <DOC> blocks;\n"
          "JSON Lines with id, title, body or text, and optional date, source, url.\n"
          "Indexing a document again replaces it.\n"
          "\n"
          "Exit status: 0 all indexed, 1 some inputs skipped (each reported),\n"
          "2 usage or fatal error.\n",
          f);
}

/* A skipped input: reported as "indexer: FILE[:RECORD]: msg" and counted. */
static void on_error(void *ctx, size_t record, const char *msg)
{
    ix_run *r = ctx;
    if (record)
        fprintf(stderr, "indexer: %s:%zu: %s\n", r->file, record, msg);
    else
        fprintf(stderr, "indexer: %s: %s\n", r->file, msg);
    r->skipped++;
}

static int commit(ix_run *r)
{
    if (xs_writer_commit(r->w) != XS_OK) {
        fprintf(stderr, "indexer: commit failed: %s\n", xs_errmsg());
        r->fatal = 1;
        return -1;
    }
    r->since_commit = 0;
    return 0;
}

static int on_article(void *ctx, const ix_article *art0)
{
    ix_run *r = ctx;
    ix_article art = *art0;
    xs_doc *d = NULL;
    char idterm[256], msg[256];
    int replaced = 0;

    if (interrupted)
        return -2;
    art.path = r->file;
    int rc = ix_build_doc(r->an, &art, &d, idterm, msg, sizeof msg);
    if (rc == IX_BAD_INPUT) {
        on_error(r, art.record, msg);
        return 0;
    }
    if (rc) {
        fprintf(stderr, "indexer: %s:%zu: %s\n", r->file, art.record, msg);
        r->fatal = 1;
        return -1;
    }
    rc = xs_writer_replace(r->w, idterm, d, &replaced, NULL);
    xs_doc_free(d);
    if (rc) {
        fprintf(stderr, "indexer: %s:%zu: cannot store document: %s\n", r->file, art.record,
                xs_errmsg());
        r->fatal = 1;
        return -1;
    }
    if (replaced)
        r->replaced++;
    else
        r->added++;
    if (++r->since_commit >= r->commit_every && commit(r))
        return -1;
    if (r->tty && !r->quiet && (r->added + r->replaced) % 500 == 0)
        fprintf(stderr, "\rindexer: %lu documents...", r->added + r->replaced);
    return 0;
}

static int read_all(FILE *f, char **out, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap >= MAX_FILE_BYTES) {
                free(buf);
                return EFBIG;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return ENOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(buf);
                return e;
            }
            break;
        }
    }
    *out = buf;
    *len = n;
    return 0;
}

static void index_file(ix_run *r, const char *path)
{
    FILE *f = NULL;
    char *raw = NULL, *text = NULL;
    size_t rawlen = 0, len = 0;
    char abspath[PATH_MAX];
    const char *charset = NULL;
    int is_stdin = !strcmp(path, "-");

    if (is_stdin) {
        f = stdin;
        snprintf(abspath, sizeof abspath, "-");
    } else {
        if (!realpath(path, abspath))
            snprintf(abspath, sizeof abspath, "%s", path);
        f = fopen(path, "rb");
    }
    r->file = is_stdin ? "(stdin)" : path;
    if (!f) {
        on_error(r, 0, strerror(errno));
        return;
    }
    int e = read_all(f, &raw, &rawlen);
    if (!is_stdin)
        fclose(f);
    if (e) {
        on_error(r, 0, e == EFBIG ? "file larger than 1 GiB, skipped" : strerror(e));
        return;
    }
    if (rawlen == 0) {
        on_error(r, 0, "empty file, skipped");
        goto done;
    }
    int rc = ar_text_decode(raw, rawlen, &text, &len, &charset);
    if (rc) {
        char m[128];
        snprintf(m, sizeof m, "%s, skipped", ar_strerror(rc));
        on_error(r, 0, m);
        goto done;
    }
    ix_format fmt = r->format;
    if (fmt == IX_FMT_AUTO)
        fmt = ix_detect_format(text, len, is_stdin ? NULL : path);
    rc = ix_read(fmt, text, len, abspath, r->an, on_article, on_error, r);
    if (rc == -1 && !r->fatal) {
        fprintf(stderr, "indexer: %s: out of memory\n", r->file);
        r->fatal = 1;
    }
done:
    free(text);
    free(raw);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void index_path(ix_run *r, const char *path, int depth)
{
    struct stat st;
    if (interrupted || r->fatal)
        return;
    if (!strcmp(path, "-")) {
        index_file(r, path);
        return;
    }
    if (stat(path, &st) != 0) {
        r->file = path;
        on_error(r, 0, strerror(errno));
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (S_ISREG(st.st_mode) || depth == 0)
            index_file(r, path);
        return;
    }
    if (depth > 64) {
        r->file = path;
        on_error(r, 0, "directories nested too deep, skipped");
        return;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        r->file = path;
        on_error(r, 0, strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue; /* ., .., and hidden files */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        size_t pl = strlen(path);
        int slash = pl > 0 && path[pl - 1] == '/';
        if (asprintf(&names[n], "%s%s%s", path, slash ? "" : "/", de->d_name) < 0)
            break;
        n++;
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        index_path(r, names[i], depth + 1);
        free(names[i]);
    }
    free(names);
}

/* Refuse to mix analyzer versions or stemmers in one index. *st is the
 * stemmer asked for (-1: none); it becomes the one to use: the index's own
 * when the index has documents. */
static int check_index_version(ix_run *r, const char *db, int *st)
{
    char *fmt = NULL, *an = NULL, *stm = NULL;
    uint32_t docs = 0;
    int rc = 0;
    if (xs_writer_get_metadata(r->w, XS_META_FORMAT, &fmt) ||
        xs_writer_get_metadata(r->w, XS_META_ANALYZER, &an) ||
        xs_writer_get_metadata(r->w, XS_META_STEMMER, &stm) || xs_writer_doccount(r->w, &docs)) {
        fprintf(stderr, "indexer: %s: %s\n", db, xs_errmsg());
        rc = -1;
        goto done;
    }
    int have = *stm ? ar_stemmer_parse(stm) : AR_STEMMER_LIGHT;
    if (docs > 0 && (!*fmt || !*an)) {
        fprintf(stderr, "indexer: %s: not a Fahras index (it has documents but no Fahras format)\n",
                db);
        rc = -1;
    } else if (docs > 0 && (strcmp(fmt, XS_FORMAT_VERSION) || strcmp(an, AR_VERSION))) {
        fprintf(stderr,
                "indexer: %s: index has format %s and analyzer %s, this indexer writes format %s "
                "and analyzer %s; index into a new directory\n",
                db, fmt, an, XS_FORMAT_VERSION, AR_VERSION);
        rc = -1;
    } else if (docs > 0 && have < 0) {
        fprintf(stderr, "indexer: %s: unknown stemmer '%s' in the index\n", db, stm);
        rc = -1;
    } else if (docs > 0 && *st >= 0 && *st != have) {
        fprintf(stderr,
                "indexer: %s: index was built with the %s stemmer, not %s; index into a new "
                "directory\n",
                db, ar_stemmer_name((ar_stemmer)have), ar_stemmer_name((ar_stemmer)*st));
        rc = -1;
    } else {
        if (docs > 0 || *st < 0)
            *st = docs > 0 ? have : AR_STEMMER_LIGHT;
        if (xs_writer_set_metadata(r->w, XS_META_FORMAT, XS_FORMAT_VERSION) ||
            xs_writer_set_metadata(r->w, XS_META_ANALYZER, AR_VERSION) ||
            xs_writer_set_metadata(r->w, XS_META_STEMMER, ar_stemmer_name((ar_stemmer)*st))) {
            fprintf(stderr, "indexer: %s: %s\n", db, xs_errmsg());
            rc = -1;
        }
    }
done:
    free(fmt);
    free(an);
    free(stm);
    return rc;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"commit-every", required_argument, NULL, 'c'},
        {"quiet", no_argument, NULL, 'q'},
        {"stemmer", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    ix_run r;
    const char *db = NULL;
    int c, status = 0, stemmer = -1;
    struct timespec t0, t1;

    memset(&r, 0, sizeof r);
    r.commit_every = 5000;
    while ((c = getopt_long(argc, argv, "d:f:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f': {
            int f = ix_format_parse(optarg);
            if (f < 0) {
                fprintf(stderr, "indexer: unknown format '%s' (auto, text, trec, jsonl)\n", optarg);
                return 2;
            }
            r.format = (ix_format)f;
            break;
        }
        case 'c': {
            char *end;
            unsigned long v = strtoul(optarg, &end, 10);
            if (*end || v == 0) {
                fprintf(stderr, "indexer: --commit-every needs a positive number\n");
                return 2;
            }
            r.commit_every = v;
            break;
        }
        case 'q': r.quiet = 1; break;
        case 's':
            if ((stemmer = ar_stemmer_parse(optarg)) < 0) {
                fprintf(stderr, "indexer: unknown stemmer '%s' (light, snowball)\n", optarg);
                return 2;
            }
            break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("indexer (Fahras) analyzer %s, index format %s\n", AR_VERSION,
                         XS_FORMAT_VERSION);
            return 0;
        default: usage(stderr); return 2;
        }
    }
    if (!db) {
        fprintf(stderr, "indexer: --db DIR is required (see indexer --help)\n");
        return 2;
    }
    if (optind >= argc) {
        fprintf(stderr, "indexer: no PATH to index (see indexer --help)\n");
        return 2;
    }
    r.tty = isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (xs_writer_open(&r.w, db, 1) != XS_OK) {
        fprintf(stderr, "indexer: %s: %s\n", db, xs_errmsg());
        return 2;
    }
    if (check_index_version(&r, db, &stemmer)) {
        status = 2;
        goto done;
    }
    if (ar_analyzer_new_stemmer(&r.an, (ar_stemmer)stemmer) != AR_OK) {
        fprintf(stderr, "indexer: cannot start the Arabic analyzer (ICU or libstemmer)\n");
        status = 2;
        goto done;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    for (int i = optind; i < argc && !r.fatal && !interrupted; i++)
        index_path(&r, argv[i], 0);
    /* Keep everything indexed so far, even after a fatal error or a signal. */
    if (commit(&r) == 0 && r.fatal)
        fprintf(stderr, "indexer: stopped; the %lu documents before the error are kept\n",
                r.added + r.replaced);
    if (interrupted)
        fprintf(stderr, "indexer: interrupted; %lu documents committed\n", r.added + r.replaced);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (r.tty && !r.quiet)
        fputs("\r\033[K", stderr);
    if (!r.quiet) {
        uint32_t total = 0;
        xs_writer_doccount(r.w, &total);
        printf("indexed: %lu added, %lu replaced, %lu skipped in %.2f s (%u documents in %s)\n",
               r.added, r.replaced, r.skipped,
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, total,
               db);
    }
    status = (r.fatal || interrupted) ? 2 : r.skipped ? 1 : 0;
done:
    xs_writer_free(r.w);
    ar_analyzer_free(r.an);
    return status;
}
