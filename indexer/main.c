/*
 * indexer - add articles to a Fahras index, incrementally.
 *
 *   indexer --db DIR [OPTIONS] PATH...
 *   indexer --db DIR --stats
 *
 * Each input file's size, modification time and content hash are recorded
 * in the index with its documents, in the same commit. A later run reads
 * only the files that are new or changed, replaces their documents, and
 * deletes the documents a changed file no longer holds. Every bad input is
 * reported on stderr as "indexer: FILE[:RECORD]: what"; the others are
 * indexed. Exit 0 when everything was indexed as read, 1 when something was
 * skipped or repaired, 2 on a usage or fatal error. Changes are committed
 * every --commit-every documents and at the end; a run that is killed
 * leaves the last commit, and the next run completes it.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <ftw.h>

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "../schema/schema.h"
#include "docbuild.h"
#include "pipe.h"
#include "readers.h"
#include "shards.h"
#include "walk.h"

/* Standard input and devices are read into memory up to this size. */
#define MAX_STREAM_BYTES ((size_t)1 << 30)
#define SNIFF_BYTES ((size_t)64 << 10)
#define MAX_GLOBS 64

typedef struct {
    ar_analyzer *an; /* the reading thread's: titles and dates */
    ix_pipe *pipe;
    ix_shards sh; /* sh.w[0] holds the file states */
    ix_format format;
    int quiet, tty;
    const char *stdin_id;
    /* the file being read */
    const char *file;
    const char *key;
    const char *path;
    unsigned long file_skips;
    char *map;         /* the file's mapping, when it is mapped */
    size_t map_len, released;
    /* counts */
    unsigned long skipped, warned, unchanged, files_read;
    unsigned long files_total;
    uint64_t bytes_total;
    struct timespec t0, last_progress;
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
          "       indexer --db DIR --stats\n"
          "       indexer --db DIR --compact OUT\n"
          "Add Arabic articles to a Fahras index (created when missing). A run reads\n"
          "only the files that are new or changed since the last one.\n"
          "PATH is a file, a directory (read recursively) or - for standard input.\n"
          "\n"
          "  -d, --db DIR          the index directory (required)\n"
          "  -f, --format FMT      auto (default), text, trec or jsonl\n"
          "      --include GLOB    index only files that match (repeatable); a GLOB with\n"
          "                        a '/' matches the path inside PATH, others the name\n"
          "      --exclude GLOB    leave out files and directories that match (repeatable)\n"
          "      --delete-missing  delete the documents of files that are gone from the\n"
          "                        directories given\n"
          "      --id ID           the id of a plain-text article read from standard input\n"
          "  -j, --threads N       analysis threads (default: the number of cores)\n"
          "      --commit-every N  commit after every N documents (default 1000)\n"
          "      --wait[=SECONDS]  wait for another indexer's lock (default: exit 2)\n"
          "      --shards N        a new index in N shards (DIR/shard-NN, listed by the\n"
          "                        stub DIR/XAPIANDB); a document's shard is chosen by\n"
          "                        a hash of its id\n"
          "      --stemmer NAME    light (default) or snowball (Snowball Arabic), for a\n"
          "                        new index; an existing index keeps its own\n"
          "      --stats           describe the index and exit\n"
          "      --compact OUT     merge the index (every shard) into one new compacted\n"
          "                        index OUT, and exit\n"
          "  -q, --quiet           no progress line and no summary\n"
          "  -h, --help            this text\n"
          "  -V, --version         program and analyzer version\n"
          "\n"
          "Formats (auto-detected per file): plain text in UTF-8, UTF-16 with a byte\n"
          "order mark, Windows-1256 or ISO-8859-6 (one article per file); TREC <DOC>\n"
          "blocks; JSON Lines, or a JSON array, of records with id, title, body or text,\n"
          "and optional date, source, category, url, author. Damaged bytes are\n"
          "replaced by U+FFFD and reported; one article may hold up to 16 MiB.\n"
          "\n"
          "Ids: a record's own id; for a plain-text file, the name of the directory\n"
          "given, then the path inside it (archive/2024/a.txt), so a moved archive\n"
          "keeps its ids. Symbolic links inside a directory are not followed.\n"
          "\n"
          "Exit status: 0 all indexed as read, 1 something skipped or repaired (each\n"
          "reported), 2 usage or fatal error.\n",
          f);
}

static void progress(ix_run *r, int force);

static void msg_line(ix_run *r, const char *file, size_t record, const char *msg)
{
    if (r->tty && !r->quiet)
        fputs("\r\033[K", stderr);
    if (record)
        fprintf(stderr, "indexer: %s:%zu: %s\n", file, record, msg);
    else
        fprintf(stderr, "indexer: %s: %s\n", file, msg);
}

static void on_skip(void *ctx, size_t record, const char *msg)
{
    ix_run *r = ctx;
    msg_line(r, r->file, record, msg);
    r->skipped++;
    r->file_skips++;
}

static void on_warn(void *ctx, size_t record, const char *msg)
{
    ix_run *r = ctx;
    msg_line(r, r->file, record, msg);
    r->warned++;
}

static void on_note(void *ctx, const char *path, const char *why)
{
    ix_run *r = ctx;
    msg_line(r, path, 0, why);
    r->skipped++;
}

static int on_article(void *ctx, const ix_article *art0)
{
    ix_run *r = ctx;
    ix_article art = *art0;
    if (interrupted)
        return -2;
    art.path = r->path;
    art.file_key = r->key;
    if (ix_pipe_article(r->pipe, r->file, &art))
        return -1;
    progress(r, 0);
    return 0;
}

/* The first walk: count, and say nothing (the second walk reports). */
static void no_note(void *ctx, const char *path, const char *why)
{
    (void)ctx;
    (void)path;
    (void)why;
}

static int count_file(void *ctx, const ix_input *in)
{
    ix_run *r = ctx;
    r->files_total++;
    r->bytes_total += in->size;
    return 0;
}

static int stop_walk(ix_run *r)
{
    return r->fatal || interrupted || ix_pipe_failed(r->pipe, NULL, 0);
}

static void index_input(ix_run *r, const ix_input *in);

/* The second walk: index each file as it is found. */
static int index_file(void *ctx, const ix_input *in)
{
    ix_run *r = ctx;
    if (stop_walk(r))
        return 1;
    index_input(r, in);
    return 0;
}

/* Pages of a big mapped file that the reader has passed are given back, so
 * that memory does not grow with the size of one file. */
#define RELEASE_BYTES ((size_t)32 << 20)
static void on_done_with(void *ctx, size_t offset)
{
    ix_run *r = ctx;
    if (!r->map || offset > r->map_len || offset - r->released < RELEASE_BYTES)
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t end = offset / page * page;
    if (end > r->released && madvise(r->map + r->released, end - r->released, MADV_DONTNEED) == 0)
        r->released = end;
}

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* On a terminal: files, documents, MB, documents per second and ETA. */
static void progress(ix_run *r, int force)
{
    struct timespec now;
    if (!r->tty || r->quiet)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!force && since(&r->last_progress, &now) < 0.5)
        return;
    r->last_progress = now;
    ix_pipe_stats s;
    ix_pipe_get_stats(r->pipe, &s);
    double el = since(&r->t0, &now);
    unsigned long docs = s.added + s.replaced;
    double rate = el > 0 ? docs / el : 0;
    char eta[32] = "?";
    uint64_t left = r->bytes_total > s.bytes_done ? r->bytes_total - s.bytes_done : 0;
    if (s.bytes_done > 0 && el > 1) {
        double secs = left / (s.bytes_done / el);
        snprintf(eta, sizeof eta, "%d:%02d", (int)(secs / 60), (int)secs % 60);
    }
    fprintf(stderr, "\r\033[Kindexer: %lu/%lu files, %lu documents, %.1f/%.1f MB, %.0f docs/s, ETA %s",
            s.files_done + r->unchanged, r->files_total, docs, s.bytes_done / 1e6,
            r->bytes_total / 1e6, rate, eta);
}

typedef struct {
    uint64_t size;
    int64_t mtime_ns;
    uint64_t hash;
} file_state;

static int parse_state(const char *s, file_state *st)
{
    unsigned long long size, hash;
    long long mt;
    if (sscanf(s, "%llu %lld %llx", &size, &mt, &hash) != 3)
        return -1;
    st->size = size;
    st->mtime_ns = mt;
    st->hash = hash;
    return 0;
}

/* Read a pipe or a device, up to MAX_STREAM_BYTES; binary data is refused
 * after its first SNIFF_BYTES, so /dev/zero costs 64 KiB, not 1 GiB. */
static int read_stream(int fd, char **out, size_t *len, const char **why)
{
    size_t cap = SNIFF_BYTES, n = 0;
    char *buf = malloc(cap);
    int sniffed = 0;
    *why = NULL;
    if (!buf)
        return ENOMEM;
    for (;;) {
        if (n == cap) {
            if (!sniffed && ar_looks_binary(buf, n)) {
                free(buf);
                *why = "binary data, skipped";
                return 0;
            }
            sniffed = 1;
            if (cap >= MAX_STREAM_BYTES) {
                free(buf);
                *why = "input larger than 1 GiB (the limit for standard input and devices), "
                       "skipped";
                return 0;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return ENOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0) {
            if (errno == EINTR && !interrupted)
                continue;
            int e = errno;
            free(buf);
            return e;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    *out = buf;
    *len = n;
    return 0;
}

static void index_input(ix_run *r, const ix_input *in)
{
    char *raw = NULL;
    size_t len = 0;
    void *map = NULL;
    int fd = -1, is_stdin = !strcmp(in->path, "-") && !in->key;
    char abspath[PATH_MAX], state[96];
    file_state old = {0, 0, 0};
    int have_old = 0;

    r->file = is_stdin ? "(stdin)" : in->path;
    r->key = in->key;
    r->file_skips = 0;
    if (!is_stdin && realpath(in->path, abspath))
        r->path = abspath;
    else
        r->path = r->file;
    if (in->key && in->regular) {
        char mkey[FX_IDTERM_SIZE + 32], *val = NULL;
        snprintf(mkey, sizeof mkey, "%s%s", FX_META_FILE, in->key);
        ix_pipe_lock(r->pipe);
        int rc = xs_writer_get_metadata(r->sh.w[0], mkey, &val);
        ix_pipe_unlock(r->pipe);
        if (rc == XS_OK && *val && parse_state(val, &old) == 0)
            have_old = 1;
        free(val);
        if (have_old && old.size == in->size && old.mtime_ns == in->mtime_ns) {
            r->unchanged++;
            return;
        }
    }
    fd = is_stdin ? 0 : open(in->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        on_skip(r, 0, strerror(errno));
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        on_skip(r, 0, strerror(errno));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        on_skip(r, 0, "is a directory");
        goto done;
    }
    if (S_ISREG(st.st_mode)) {
        len = (size_t)st.st_size;
        if (len > 0) {
            map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
            if (map == MAP_FAILED) {
                map = NULL;
                on_skip(r, 0, strerror(errno));
                goto done;
            }
            madvise(map, len, MADV_SEQUENTIAL);
            raw = map;
            r->map = map;
            r->map_len = len;
            r->released = 0;
        }
    } else {
        const char *why = NULL;
        int e = read_stream(fd, &raw, &len, &why);
        if (e || why) {
            on_skip(r, 0, why ? why : strerror(e));
            goto done;
        }
    }
    r->files_read++;
    if (len == 0) {
        on_skip(r, 0, "empty file, skipped");
        goto done;
    }
    uint64_t h = 0;
    if (in->key) {
        /* Hash a mapped file piece by piece, giving each piece back: a big
         * file must not be resident whole before it is even read. */
        h = FX_HASH_SEED;
        for (size_t o = 0; o < len; o += RELEASE_BYTES) {
            size_t n = len - o < RELEASE_BYTES ? len - o : RELEASE_BYTES;
            h = fx_hash(h, raw + o, n);
            if (map && n == RELEASE_BYTES)
                madvise(raw + o, n, MADV_DONTNEED);
        }
    }
    snprintf(state, sizeof state, "%llu %lld %016llx", (unsigned long long)len,
             (long long)in->mtime_ns, (unsigned long long)h);
    /* Touched, not changed: record the new time, keep the documents. */
    if (have_old && old.size == len && old.hash == h) {
        r->unchanged++;
        ix_pipe_file_end(r->pipe, in->key, state, len, 0);
        goto done;
    }
    /* Format detection looks for ASCII ('{', "<DOC>"): not in UTF-16. */
    char *dec = NULL;
    const char *bom = len >= 2 ? ar_text_detect(raw, 2) : NULL;
    if (bom && !strncmp(bom, "UTF-16", 6)) {
        size_t dlen = 0;
        if (ar_text_decode(raw, len < 4096 ? len : 4096, &dec, &dlen, NULL) != AR_OK)
            dec = NULL;
    }
    const char *head = dec ? dec : raw;
    size_t hlen = dec ? strlen(dec) : len;
    ix_format fmt = r->format;
    if (fmt == IX_FMT_AUTO)
        fmt = ix_detect_format(head, hlen, is_stdin ? NULL : in->path);
    free(dec);
    const char *text_id = is_stdin ? r->stdin_id : in->key;
    if (fmt == IX_FMT_TEXT && !text_id) {
        msg_line(r, r->file, 0, "plain text from standard input needs --id ID (its id)");
        r->fatal = 1;
        goto done;
    }
    ix_sink sink = {on_article, on_skip, on_warn, r, on_done_with};
    int rc = ix_read(fmt, raw, len, text_id, r->an, &sink);
    if (rc == -1 && !ix_pipe_failed(r->pipe, NULL, 0)) {
        msg_line(r, r->file, 0, "out of memory");
        r->fatal = 1;
    }
    /* A file read to its end, without a skipped record, is recorded: its
     * documents that it no longer holds go. One with errors is read again
     * next time, and keeps what it had. */
    if (rc == 0 && !interrupted)
        ix_pipe_file_end(r->pipe, is_stdin ? NULL : in->key,
                         r->file_skips || is_stdin ? NULL : state, len,
                         !r->file_skips && !is_stdin);
done:
    r->map = NULL;
    if (map)
        munmap(map, len);
    else
        free(raw);
    if (fd > 0)
        close(fd);
    progress(r, 0);
}

/* Refuse to mix analyzer versions or stemmers in one index. *st is the
 * stemmer asked for (-1: none); it becomes the one to use: the index's own
 * when the index has documents. Metadata is written only when it changes,
 * so a run that finds nothing new leaves the revision as it was. */
static int check_index_version(xs_writer *w, const char *db, int *st)
{
    char *fmt = NULL, *an = NULL, *stm = NULL;
    uint32_t docs = 0;
    int rc = 0;
    if (xs_writer_get_metadata(w, FX_META_FORMAT, &fmt) ||
        xs_writer_get_metadata(w, FX_META_ANALYZER, &an) ||
        xs_writer_get_metadata(w, FX_META_STEMMER, &stm) || xs_writer_doccount(w, &docs)) {
        fprintf(stderr, "indexer: %s: %s\n", db, xs_errmsg());
        rc = -1;
        goto done;
    }
    char why[300];
    int have = AR_STEMMER_LIGHT;
    fx_index_meta m = {fmt, an, stm, docs};
    if (fx_check(&m, AR_VERSION, &have, why, sizeof why) != FX_OK) {
        fprintf(stderr, "indexer: %s: %s\n", db, why);
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
        const char *name = ar_stemmer_name((ar_stemmer)*st);
        if ((strcmp(fmt, FX_FORMAT_VERSION) &&
             xs_writer_set_metadata(w, FX_META_FORMAT, FX_FORMAT_VERSION)) ||
            (strcmp(an, AR_VERSION) && xs_writer_set_metadata(w, FX_META_ANALYZER, AR_VERSION)) ||
            (strcmp(stm, name) && xs_writer_set_metadata(w, FX_META_STEMMER, name))) {
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

static uint64_t du_total;

static int du_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (flag == FTW_F)
        du_total += (uint64_t)st->st_size;
    return 0;
}

/* --stats: read-only, so it works while an indexer writes. */
static int print_stats(const char *db)
{
    xs_reader *rd = NULL;
    const char *paths[] = {db};
    uint32_t docs = 0;
    uint64_t terms = 0, rev = 0;
    char *fmt = NULL, *an = NULL, *stm = NULL, *upd = NULL;
    if (xs_reader_open(&rd, paths, 1) != XS_OK) {
        fprintf(stderr, "indexer: %s: %s\n", db, xs_errmsg());
        return 2;
    }
    int rc = xs_reader_doccount(rd, &docs) || xs_reader_termcount(rd, "", 0, &terms) ||
             xs_reader_revision(rd, &rev) || xs_reader_get_metadata(rd, FX_META_FORMAT, &fmt) ||
             xs_reader_get_metadata(rd, FX_META_ANALYZER, &an) ||
             xs_reader_get_metadata(rd, FX_META_STEMMER, &stm) ||
             xs_reader_get_metadata(rd, FX_META_UPDATED, &upd);
    if (rc) {
        fprintf(stderr, "indexer: %s: %s\n", db, xs_errmsg());
    } else {
        du_total = 0;
        nftw(db, du_one, 16, FTW_PHYS);
        printf("documents\t%u\n", docs);
        printf("terms\t%llu\n", (unsigned long long)terms);
        printf("size\t%llu bytes (%.1f MB)\n", (unsigned long long)du_total, du_total / 1e6);
        printf("updated\t%s\n", *upd ? upd : "unknown");
        printf("revision\t%llu\n", (unsigned long long)rev);
        printf("format\t%s\n", *fmt ? fmt : "none");
        printf("analyzer\t%s\n", *an ? an : "none");
        printf("stemmer\t%s\n", *stm ? stm : docs ? "light" : "none");
    }
    free(fmt);
    free(an);
    free(stm);
    free(upd);
    xs_reader_free(rd);
    return rc ? 2 : 0;
}

/* --compact OUT: every shard of db merged into one new compacted index.
 * The write locks are held meanwhile, so no indexer changes db under it. */
static int compact(const char *db, const char *out, long wait_secs, int quiet)
{
    struct stat st;
    ix_shards sh;
    char msg[600];
    if (stat(out, &st) == 0) {
        fprintf(stderr, "indexer: %s: already exists; --compact writes a new directory\n", out);
        return 2;
    }
    if (ix_shards_open(&sh, db, 0, wait_secs, quiet, msg, sizeof msg) != XS_OK) {
        fprintf(stderr, "indexer: %s: %s\n", db, msg);
        return 2;
    }
    size_t n = sh.n;
    uint32_t docs = 0;
    ix_shards_doccount(&sh, &docs);
    const char *paths[] = {db};
    int rc = xs_compact(paths, 1, out);
    ix_shards_close(&sh);
    if (rc != XS_OK) {
        fprintf(stderr, "indexer: cannot compact %s into %s: %s\n", db, out, xs_errmsg());
        return 2;
    }
    du_total = 0;
    nftw(db, du_one, 16, FTW_PHYS);
    uint64_t before = du_total;
    du_total = 0;
    nftw(out, du_one, 16, FTW_PHYS);
    if (!quiet)
        printf("compacted: %u documents from %zu shard%s of %s into %s (%.1f MB -> %.1f MB)\n",
               docs, n, n == 1 ? "" : "s", db, out, before / 1e6, du_total / 1e6);
    return 0;
}

/* A positive whole number no larger than max; -1 otherwise. */
static long parse_count(const char *s, long max)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno || v <= 0 || v > max)
        return -1;
    return v;
}

/* --db must be a directory we can write, or a path where one can be made. */
static int check_db_path(const char *db)
{
    struct stat st;
    if (stat(db, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, "indexer: %s: not a directory (--db names the index directory)\n",
                    db);
            return -1;
        }
        if (access(db, W_OK | X_OK) != 0) {
            fprintf(stderr, "indexer: %s: %s (the index cannot be written)\n", db,
                    strerror(errno));
            return -1;
        }
    }
    return 0;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const ix_input *)a)->key, ((const ix_input *)b)->key);
}

/* --delete-missing: the files recorded under a directory root that the walk
 * did not see (seen is sorted by key). */
static int delete_missing(ix_run *r, const char *root, const ix_inputs *seen,
                          unsigned long *deleted)
{
    char *name = ix_root_name(root);
    char prefix[PATH_MAX + 64];
    char **keys = NULL;
    size_t n = 0;
    int rc = 0;
    if (!name)
        return 0;
    snprintf(prefix, sizeof prefix, "%s%s%s", FX_META_FILE, name, *name ? "/" : "");
    free(name);
    if (xs_writer_metadata_keys(r->sh.w[0], prefix, &keys, &n) != XS_OK) {
        fprintf(stderr, "indexer: %s\n", xs_errmsg());
        return -1;
    }
    size_t plen = strlen(FX_META_FILE);
    for (size_t i = 0; i < n && rc == 0; i++) {
        ix_input probe = {0};
        probe.key = keys[i] + plen;
        const char *key = probe.key;
        if (seen->n && bsearch(&probe, seen->v, seen->n, sizeof probe, cmp_key))
            continue;
        char term[FX_IDTERM_SIZE];
        ix_file_term(key, term);
        for (size_t sh = 0; sh < r->sh.n && rc == 0; sh++) {
            xs_docid *ids = NULL;
            size_t m = 0;
            if (xs_writer_term_docids(r->sh.w[sh], term, &ids, &m) != XS_OK) {
                rc = -1;
                break;
            }
            for (size_t k = 0; k < m && rc == 0; k++)
                if (xs_writer_delete_docid(r->sh.w[sh], ids[k]) != XS_OK)
                    rc = -1;
                else
                    (*deleted)++;
            free(ids);
        }
        if (rc == 0 && xs_writer_set_metadata(r->sh.w[0], keys[i], "") != XS_OK)
            rc = -1;
    }
    if (rc)
        fprintf(stderr, "indexer: cannot delete missing files: %s\n", xs_errmsg());
    ar_strv_free(keys, n);
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
        {"threads", required_argument, NULL, 'j'},
        {"include", required_argument, NULL, 'I'},
        {"exclude", required_argument, NULL, 'X'},
        {"delete-missing", no_argument, NULL, 'D'},
        {"id", required_argument, NULL, 'i'},
        {"wait", optional_argument, NULL, 'W'},
        {"stats", no_argument, NULL, 'S'},
        {"shards", required_argument, NULL, 'N'},
        {"compact", required_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    ix_run r;
    const char *db = NULL;
    const char *include[MAX_GLOBS], *exclude[MAX_GLOBS];
    size_t ninclude = 0, nexclude = 0;
    int c, status = 0, stemmer = -1, stats = 0, del_missing = 0;
    const char *compact_out = NULL;
    long threads = sysconf(_SC_NPROCESSORS_ONLN), wait_secs = 0, commit_every = 1000, shards = 0;
    char msg[600];
    ix_inputs seen = {0};

    memset(&r, 0, sizeof r);
    while ((c = getopt_long(argc, argv, "d:f:j:qhV", opts, NULL)) != -1) {
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
        case 'c':
            if ((commit_every = parse_count(optarg, 1000000000L)) < 0) {
                fprintf(stderr,
                        "indexer: --commit-every needs a whole number from 1 to 1000000000\n");
                return 2;
            }
            break;
        case 'j':
            if ((threads = parse_count(optarg, 64)) < 0) {
                fprintf(stderr, "indexer: --threads needs a whole number from 1 to 64\n");
                return 2;
            }
            break;
        case 'I':
        case 'X':
            if ((c == 'I' ? ninclude : nexclude) >= MAX_GLOBS) {
                fprintf(stderr, "indexer: at most %d --include and %d --exclude\n", MAX_GLOBS,
                        MAX_GLOBS);
                return 2;
            }
            if (c == 'I')
                include[ninclude++] = optarg;
            else
                exclude[nexclude++] = optarg;
            break;
        case 'D': del_missing = 1; break;
        case 'i':
            if (!*optarg) {
                fprintf(stderr, "indexer: --id needs a non-empty id\n");
                return 2;
            }
            r.stdin_id = optarg;
            break;
        case 'W':
            wait_secs = -1; /* for ever */
            if (optarg && (wait_secs = parse_count(optarg, 86400L * 365)) < 0) {
                fprintf(stderr, "indexer: --wait=SECONDS needs a whole number of seconds\n");
                return 2;
            }
            break;
        case 'S': stats = 1; break;
        case 'C': compact_out = optarg; break;
        case 'N':
            if ((shards = parse_count(optarg, IX_MAX_SHARDS)) < 0) {
                fprintf(stderr, "indexer: --shards needs a whole number from 1 to %d\n",
                        IX_MAX_SHARDS);
                return 2;
            }
            break;
        case 'q': r.quiet = 1; break;
        case 's':
            if ((stemmer = ar_stemmer_parse(optarg)) < 0) {
                fprintf(stderr, "indexer: unknown stemmer '%s' (light, snowball)\n", optarg);
                return 2;
            }
            break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("indexer (Fahras) analyzer %s, index format %s\n", AR_VERSION,
                         FX_FORMAT_VERSION);
            return 0;
        default: usage(stderr); return 2;
        }
    }
    if (!db) {
        fprintf(stderr, "indexer: --db DIR is required (see indexer --help)\n");
        return 2;
    }
    if (stats || compact_out) {
        if (optind < argc) {
            fprintf(stderr, "indexer: --%s takes no PATH\n", stats ? "stats" : "compact");
            return 2;
        }
        return stats ? print_stats(db) : compact(db, compact_out, wait_secs, r.quiet);
    }
    if (optind >= argc) {
        fprintf(stderr, "indexer: no PATH to index (see indexer --help)\n");
        return 2;
    }
    if (threads < 1)
        threads = 1;
    r.tty = isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &r.t0);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    if (check_db_path(db))
        return 2;
    if (ar_analyzer_new_stemmer(&r.an, AR_STEMMER_LIGHT) != AR_OK) {
        fprintf(stderr, "indexer: cannot start the Arabic analyzer (ICU or libstemmer)\n");
        return 2;
    }

    /* Count the files first (the progress line knows the total) and check
     * the roots before anything is written; the files are then indexed as
     * a second walk finds them, so nothing grows with their number. */
    ix_filter filter = {include, ninclude, exclude, nexclude};
    int roots_ok = 1;
    for (int i = optind; i < argc; i++) {
        if (!strcmp(argv[i], "-"))
            continue;
        int wr = ix_walk(argv[i], &filter, count_file, del_missing ? &seen : NULL, no_note, &r);
        if (wr < 0) {
            fprintf(stderr, "indexer: out of memory\n");
            status = 2;
            goto done;
        }
        if (wr > 0 && roots_ok && del_missing) {
            struct stat st;
            fprintf(stderr, "indexer: %s: %s\n", argv[i],
                    stat(argv[i], &st) ? strerror(errno) : "cannot be read");
        }
        if (wr > 0)
            roots_ok = 0; /* the second walk reports it */
    }
    /* Two directories with one name would give their files the same ids. */
    for (int i = optind; i < argc && status == 0; i++) {
        struct stat si, sj;
        if (!strcmp(argv[i], "-") || stat(argv[i], &si) || !S_ISDIR(si.st_mode))
            continue;
        char *ni = ix_root_name(argv[i]);
        for (int j = i + 1; ni && j < argc && status == 0; j++) {
            if (!strcmp(argv[j], "-") || stat(argv[j], &sj) || !S_ISDIR(sj.st_mode) ||
                (si.st_dev == sj.st_dev && si.st_ino == sj.st_ino))
                continue;
            char *nj = ix_root_name(argv[j]);
            if (nj && !strcmp(ni, nj)) {
                fprintf(stderr,
                        "indexer: %s and %s are both named '%s': their files would share ids; "
                        "index their parent directory instead\n",
                        argv[i], argv[j], ni);
                status = 2;
            }
            free(nj);
        }
        free(ni);
    }
    if (status)
        goto done;
    if (del_missing && !roots_ok) {
        fprintf(stderr, "indexer: a PATH is missing or unreadable; nothing was indexed or "
                        "deleted (--delete-missing)\n");
        status = 2;
        goto done;
    }

    int orc = ix_shards_open(&r.sh, db, (unsigned)shards, wait_secs, r.quiet, msg, sizeof msg);
    if (orc != XS_OK) {
        fprintf(stderr, "indexer: %s: %s\n", db, msg);
        status = 2;
        goto done;
    }
    /* Every shard carries the versions and the stemmer, and is checked. */
    for (size_t i = 0; i < r.sh.n; i++) {
        int want = stemmer;
        if (check_index_version(r.sh.w[i], db, &want)) {
            status = 2;
            goto done;
        }
        if (i == 0)
            stemmer = want;
        else if (want != stemmer) {
            fprintf(stderr, "indexer: %s: its shards were built with different stemmers\n", db);
            status = 2;
            goto done;
        }
    }
    if (ix_pipe_start(&r.pipe, &r.sh, (unsigned)threads, (ar_stemmer)stemmer,
                      (unsigned long)commit_every, msg, sizeof msg)) {
        fprintf(stderr, "indexer: %s\n", msg);
        status = 2;
        goto done;
    }
    for (int i = optind; i < argc && !stop_walk(&r); i++) {
        if (!strcmp(argv[i], "-")) {
            ix_input in = {0};
            in.path = (char *)"-";
            index_input(&r, &in);
            continue;
        }
        if (ix_walk(argv[i], &filter, index_file, NULL, on_note, &r) < 0) {
            fprintf(stderr, "indexer: out of memory\n");
            r.fatal = 1;
        }
    }
    ix_pipe_stats s;
    int failed = ix_pipe_finish(r.pipe, &s, msg, sizeof msg);
    r.pipe = NULL;
    if (failed)
        fprintf(stderr, "indexer: %s\n", msg);
    unsigned long gone = 0;
    if (seen.n)
        qsort(seen.v, seen.n, sizeof *seen.v, cmp_key);
    if (!failed && !r.fatal && !interrupted && del_missing)
        for (int i = optind; i < argc && !r.fatal; i++)
            if (strcmp(argv[i], "-") && delete_missing(&r, argv[i], &seen, &gone))
                r.fatal = 1;
    s.deleted += gone;
    int changed = s.added || s.replaced || s.deleted || s.states;
    int committed = 0;
    if (!failed) {
        /* Keep everything stored so far, even after an error or a signal. */
        if (changed) {
            char when[32];
            time_t now = time(NULL);
            strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
            xs_writer_set_metadata(r.sh.w[0], FX_META_UPDATED, when);
        }
        if (ix_shards_commit(&r.sh) == XS_OK)
            committed = 1;
        else
            fprintf(stderr, "indexer: commit failed: %s\n", xs_errmsg());
    }
    if (!committed) {
        /* Say what the index really holds: its last commit. */
        ix_shards_close(&r.sh);
        xs_reader *rd = NULL;
        const char *paths[] = {db};
        uint32_t held = 0;
        if (xs_reader_open(&rd, paths, 1) == XS_OK && xs_reader_doccount(rd, &held) == XS_OK)
            fprintf(stderr,
                    "indexer: stopped; the index holds %u documents, as of its last commit; "
                    "run again to index the rest\n",
                    held);
        else
            fprintf(stderr, "indexer: stopped; the index cannot be read: %s\n", xs_errmsg());
        xs_reader_free(rd);
    } else if (r.fatal || interrupted) {
        fprintf(stderr, "indexer: %s; what was stored is committed; run again to index the rest\n",
                interrupted ? "interrupted" : "stopped");
    }
    if (r.tty && !r.quiet)
        fputs("\r\033[K", stderr);
    if (!r.quiet && committed) {
        struct timespec t1;
        uint32_t total = 0;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (r.sh.n)
            ix_shards_doccount(&r.sh, &total);
        printf("indexed: %lu added, %lu replaced, %lu deleted, %lu skipped; %lu files read, %lu "
               "unchanged, in %.2f s (%u documents in %s)\n",
               s.added, s.replaced, s.deleted, r.skipped + s.skipped, r.files_read, r.unchanged,
               since(&r.t0, &t1), total, db);
    }
    status = (!committed || failed || r.fatal || interrupted) ? 2
             : (r.skipped || s.skipped || r.warned)       ? 1
                                                          : 0;
done:
    ix_shards_close(&r.sh);
    ar_analyzer_free(r.an);
    ix_inputs_free(&seen);
    return status;
}
