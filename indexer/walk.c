/*
 * walk.c - the input files under the command line's paths, with fts(3) in
 * physical mode: links inside the tree are reported and not followed, so no
 * loop and no file outside the roots can be reached.
 */
#include "walk.h"

#include <errno.h>
#include <fnmatch.h>
#include <fts.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *ix_root_name(const char *root)
{
    char real[PATH_MAX];
    if (!realpath(root, real))
        return NULL;
    const char *slash = strrchr(real, '/');
    return strdup(slash ? slash + 1 : real);
}

/* 1 when one of n globs matches: those with a '/' match rel, others name. */
static int any_glob(const char *const *globs, size_t n, const char *name, const char *rel)
{
    for (size_t i = 0; i < n; i++) {
        int path = strchr(globs[i], '/') != NULL;
        if (fnmatch(globs[i], path ? rel : name, path ? FNM_PATHNAME : 0) == 0)
            return 1;
    }
    return 0;
}

static int excluded(const ix_filter *f, const char *name, const char *rel)
{
    return any_glob(f->exclude, f->nexclude, name, rel);
}

int ix_filter_match(const ix_filter *f, const char *name, const char *rel)
{
    if (excluded(f, name, rel))
        return 0;
    return f->ninclude == 0 || any_glob(f->include, f->ninclude, name, rel);
}

/* The ix_input of a file, borrowing path and key. */
static ix_input input_of(const char *path, const char *key, const struct stat *st)
{
    ix_input in;
    memset(&in, 0, sizeof in);
    in.path = (char *)path;
    in.key = (char *)key;
    in.regular = S_ISREG(st->st_mode);
    in.size = in.regular ? (uint64_t)st->st_size : 0;
    in.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    return in;
}

static int push(ix_inputs *out, const char *path, const char *key, const struct stat *st)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 256;
        ix_input *v = realloc(out->v, cap * sizeof *v);
        if (!v)
            return -1;
        out->v = v;
        out->cap = cap;
    }
    ix_input *in = &out->v[out->n];
    *in = input_of(path, key, st);
    in->path = strdup(path);
    in->key = strdup(key);
    if (!in->path || !in->key) {
        free(in->path);
        free(in->key);
        return -1;
    }
    out->bytes += in->size;
    out->n++;
    return 0;
}

static int by_name(const FTSENT **a, const FTSENT **b)
{
    return strcmp((*a)->fts_name, (*b)->fts_name);
}

static void note_link(const char *path, ix_walk_note_fn note, void *ctx)
{
    char target[PATH_MAX], msg[PATH_MAX + 80];
    if (realpath(path, target))
        snprintf(msg, sizeof msg, "symbolic link to %s, not followed", target);
    else if (errno == ELOOP)
        snprintf(msg, sizeof msg, "symbolic link loop, not followed");
    else
        snprintf(msg, sizeof msg, "symbolic link to nothing (%s), not followed", strerror(errno));
    note(ctx, path, msg);
}


int ix_walk(const char *root, const ix_filter *f, ix_walk_file_fn on_file, ix_inputs *seen_keys,
            ix_walk_note_fn note, void *ctx)
{
    struct stat st;
    if (stat(root, &st) != 0) {
        note(ctx, root, strerror(errno));
        return 1;
    }
    char *name = ix_root_name(root);
    if (!name) {
        note(ctx, root, strerror(errno));
        return 1;
    }
    /* A file given by itself: its own name is its key. */
    if (!S_ISDIR(st.st_mode)) {
        int rc = seen_keys ? push(seen_keys, root, name, &st) : 0;
        if (rc == 0) {
            ix_input in = input_of(root, name, &st);
            rc = on_file(ctx, &in) ? 2 : 0;
        }
        free(name);
        return rc;
    }
    char *const roots[] = {(char *)root, NULL};
    FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, by_name);
    if (!fts) {
        note(ctx, root, strerror(errno));
        free(name);
        return 1;
    }
    size_t rootlen = strlen(root);
    int rc = 0;
    FTSENT *e;
    char key[PATH_MAX * 2];
    while (rc == 0 && (e = fts_read(fts)) != NULL) {
        if (e->fts_level > 0 && e->fts_name[0] == '.') {
            if (e->fts_info == FTS_D)
                fts_set(fts, e, FTS_SKIP);
            continue; /* hidden files and directories */
        }
        const char *rel = e->fts_path + (strncmp(e->fts_path, root, rootlen) ? 0 : rootlen);
        while (*rel == '/')
            rel++;
        switch (e->fts_info) {
        case FTS_D:
            if (e->fts_level > 0 && excluded(f, e->fts_name, rel))
                fts_set(fts, e, FTS_SKIP);
            break;
        case FTS_DP:
            break;
        case FTS_F:
            snprintf(key, sizeof key, "%s%s%s", name, *name ? "/" : "", rel);
            if (seen_keys && push(seen_keys, e->fts_path, key, e->fts_statp))
                rc = -1;
            if (rc == 0 && ix_filter_match(f, e->fts_name, rel)) {
                ix_input in = input_of(e->fts_path, key, e->fts_statp);
                if (on_file(ctx, &in))
                    rc = 2;
            }
            break;
        case FTS_SL:
        case FTS_SLNONE:
            note_link(e->fts_path, note, ctx);
            break;
        case FTS_DC:
            note(ctx, e->fts_path, "directory loop, not followed");
            break;
        case FTS_DNR:
        case FTS_ERR:
        case FTS_NS:
            note(ctx, e->fts_path, strerror(e->fts_errno));
            break;
        default:
            note(ctx, e->fts_path, "not a regular file, skipped");
            break;
        }
    }
    fts_close(fts);
    free(name);
    return rc;
}

void ix_inputs_free(ix_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->v[i].path);
        free(in->v[i].key);
    }
    free(in->v);
    memset(in, 0, sizeof *in);
}
