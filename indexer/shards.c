/*
 * shards.c - open, route to and commit the shards of an index (shards.h).
 */
#include "shards.h"

#include "../schema/schema.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STUB "XAPIANDB"

static double since(const struct timespec *a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

/* Remove a directory left by a killed creation: only the files an index
 * holds, then the directory itself. */
static void remove_partial(const char *dir)
{
    static const char *const files[] = {"flintlock", "iamglass", "docdata.glass",
                                        "position.glass", "postlist.glass", "termlist.glass",
                                        "spelling.glass", "synonym.glass"};
    char p[PATH_MAX * 2 + 32];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* A new index comes into being whole: it is made and committed under
 * PATH.new, then renamed to PATH, so that a kill at any moment leaves
 * either no index or one that opens. */
static int create_whole(const char *path, char *msg, size_t msglen)
{
    char tmp[PATH_MAX * 2 + 8];
    xs_writer *w = NULL;
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.new", path) >= sizeof tmp) {
        snprintf(msg, msglen, "path too long");
        return XS_EINVAL;
    }
    remove_partial(tmp); /* a creation killed earlier */
    int rc = xs_writer_open(&w, tmp, 1);
    /* A commit with something in it: a commit with nothing to write leaves
     * Xapian's creation state, which a commit killed half-way was seen to
     * leave unreadable ("EOF reading block 2"). */
    if (rc == XS_OK)
        rc = xs_writer_set_metadata(w, FX_META_FORMAT, FX_FORMAT_VERSION);
    if (rc == XS_OK)
        rc = xs_writer_commit(w);
    if (rc != XS_OK)
        snprintf(msg, msglen, "%s", xs_errmsg());
    xs_writer_free(w);
    if (rc == XS_OK && rename(tmp, path) != 0) {
        snprintf(msg, msglen, "%s: %s", path, strerror(errno));
        rc = XS_EIO;
    }
    if (rc != XS_OK)
        remove_partial(tmp);
    return rc;
}

/* Open one writer, waiting for another indexer's lock as --wait says. */
static int open_one(xs_writer **w, const char *path, long wait_secs, int quiet, int *said)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        int rc = xs_writer_open(w, path, 1);
        if (rc != XS_ELOCKED || wait_secs == 0)
            return rc;
        if (wait_secs > 0 && since(&t0) >= (double)wait_secs)
            return rc;
        if (!*said && !quiet)
            fprintf(stderr, "indexer: %s: waiting for another indexer to finish...\n", path);
        *said = 1;
        struct timespec nap = {0, 200 * 1000 * 1000};
        if (nanosleep(&nap, NULL) != 0 && errno == EINTR)
            return rc; /* interrupted: give up */
    }
}

/* The shard directories a stub lists ("auto shard-00" lines, relative). */
static int read_stub(const char *db, char ***names, size_t *n, char *msg, size_t msglen)
{
    char path[PATH_MAX], line[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/%s", db, STUB);
    FILE *f = fopen(path, "r");
    *names = NULL;
    *n = 0;
    if (!f) {
        snprintf(msg, msglen, "%s: %s", path, strerror(errno));
        return XS_EIO;
    }
    char **v = calloc(IX_MAX_SHARDS, sizeof *v);
    int rc = v ? XS_OK : XS_ENOMEM;
    while (rc == XS_OK && fgets(line, sizeof line, f)) {
        char kind[16], name[PATH_MAX];
        if (sscanf(line, "%15s %4095s", kind, name) != 2 || kind[0] == '#')
            continue;
        if (strcmp(kind, "auto") || name[0] == '/' || strstr(name, "..") || *n == IX_MAX_SHARDS) {
            snprintf(msg, msglen,
                     "%s: the indexer writes only to local shards inside %s (auto shard-NN)",
                     path, db);
            rc = XS_EINVAL;
        } else if (!(v[(*n)++] = strdup(name))) {
            rc = XS_ENOMEM;
        }
    }
    fclose(f);
    if (rc == XS_OK && *n == 0) {
        snprintf(msg, msglen, "%s: lists no shard", path);
        rc = XS_EINVAL;
    }
    *names = v;
    return rc;
}

/* A new sharded index: its directory and the names of its shards (they are
 * made by ix_shards_open, and the stub after them). */
static int make_stub(const char *db, size_t n, char ***names, char *msg, size_t msglen)
{
    char **v = calloc(n, sizeof *v);
    if (!v)
        return XS_ENOMEM;
    *names = v;
    if (mkdir(db, 0777) != 0 && errno != EEXIST) {
        snprintf(msg, msglen, "%s: %s", db, strerror(errno));
        return XS_EIO;
    }
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "shard-%02zu", i);
        if (!(v[i] = strdup(name)))
            return XS_ENOMEM;
    }
    return XS_OK;
}

/* The stub of a new sharded index, written whole and renamed into place
 * once every shard exists. */
static int write_stub(const char *db, char **names, size_t n, char *msg, size_t msglen)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s/%s.tmp", db, STUB);
    snprintf(path, sizeof path, "%s/%s", db, STUB);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(msg, msglen, "%s: %s", tmp, strerror(errno));
        return XS_EIO;
    }
    fprintf(f, "# Fahras index in %zu shards; search it with --db %s\n", n, db);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "auto %s\n", names[i]);
    if (fflush(f) || fsync(fileno(f)) || fclose(f) || rename(tmp, path)) {
        snprintf(msg, msglen, "%s: %s", path, strerror(errno));
        return XS_EIO;
    }
    return XS_OK;
}

int ix_shards_open(ix_shards *s, const char *db, unsigned want, long wait_secs, int quiet,
                   char *msg, size_t msglen)
{
    char stub[PATH_MAX], glass[PATH_MAX];
    char **names = NULL;
    size_t n = 0;
    int rc = XS_OK, said = 0;
    struct stat st;
    memset(s, 0, sizeof *s);
    msg[0] = '\0';
    snprintf(stub, sizeof stub, "%s/%s", db, STUB);
    snprintf(glass, sizeof glass, "%s/iamglass", db);
    int sharded = stat(stub, &st) == 0;
    if (sharded) {
        rc = read_stub(db, &names, &n, msg, msglen);
        if (rc == XS_OK && want && want != n) {
            snprintf(msg, msglen, "%s has %zu shards, not %u; index into a new directory", db, n,
                     want);
            rc = XS_EINVAL;
        }
    } else if (want > 1) {
        if (stat(glass, &st) == 0) {
            snprintf(msg, msglen,
                     "%s is an index of one shard; --shards %u needs a new directory", db, want);
            rc = XS_EINVAL;
        } else {
            n = want;
            rc = make_stub(db, n, &names, msg, msglen);
        }
    }
    if (rc == XS_OK && n == 0) { /* one database at db */
        n = 1;
        if (!(names = calloc(1, sizeof *names)) || !(names[0] = strdup(".")))
            rc = XS_ENOMEM;
    }
    if (rc == XS_OK && !(s->w = calloc(n, sizeof *s->w)))
        rc = XS_ENOMEM;
    for (size_t i = 0; rc == XS_OK && i < n; i++) {
        char path[PATH_MAX * 2];
        if (!strcmp(names[i], "."))
            snprintf(path, sizeof path, "%s", db);
        else
            snprintf(path, sizeof path, "%s/%s", db, names[i]);
        if (stat(path, &st) != 0 && errno == ENOENT &&
            (rc = create_whole(path, msg, msglen)) != XS_OK)
            break;
        rc = open_one(&s->w[i], path, wait_secs, quiet, &said);
        if (rc == XS_OK)
            s->n++;
        else
            snprintf(msg, msglen, "%s%s%s", n > 1 ? path : "", n > 1 ? ": " : "", xs_errmsg());
    }
    if (rc == XS_OK && n > 1 && !sharded)
        rc = write_stub(db, names, n, msg, msglen);
    if (rc == XS_ENOMEM && !msg[0])
        snprintf(msg, msglen, "out of memory");
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    if (rc != XS_OK)
        ix_shards_close(s);
    return rc;
}

size_t ix_shard_of(const ix_shards *s, const char *idterm)
{
    uint64_t h = fx_hash(FX_HASH_SEED, idterm, strlen(idterm));
    return s->n > 1 ? (size_t)(h % s->n) : 0;
}

int ix_shards_commit(ix_shards *s)
{
    for (size_t i = s->n; i-- > 0;) {
        int rc = xs_writer_commit(s->w[i]);
        if (rc != XS_OK)
            return rc;
    }
    return XS_OK;
}

int ix_shards_doccount(ix_shards *s, uint32_t *total)
{
    *total = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t c = 0;
        int rc = xs_writer_doccount(s->w[i], &c);
        if (rc != XS_OK)
            return rc;
        *total += c;
    }
    return XS_OK;
}

void ix_shards_close(ix_shards *s)
{
    for (size_t i = 0; s->w && i < s->n; i++)
        xs_writer_free(s->w[i]);
    free(s->w);
    memset(s, 0, sizeof *s);
}
