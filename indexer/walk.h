/*
 * walk.h - find the input files under the paths given on the command line.
 *
 * Every file gets a stable key: the name of the root it was found under,
 * then its path inside that root ("archive/2024/05/a.txt" for
 * /data/archive/2024/05/a.txt found under the root /data/archive). A file
 * given by itself is keyed by its own name. The key does not depend on
 * where the archive lives, so an archive that is moved and indexed again
 * keeps its keys; plain-text articles take their key as their id.
 *
 * Symbolic links found inside a root are never followed: a link to a file
 * inside the tree would index it twice, and a link out of it (or into a
 * loop) would index what was not asked for. Each one is reported. The
 * paths on the command line themselves may be links.
 */
#ifndef FAHRAS_WALK_H
#define FAHRAS_WALK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct {
    char *path;      /* as found: root joined with the path inside it */
    char *key;       /* the stable key (see above) */
    uint64_t size;   /* st_size (0 for a device or a pipe) */
    int64_t mtime_ns; /* st_mtim in nanoseconds */
    int regular;     /* a regular file (else a device or pipe given by name) */
} ix_input;

typedef struct {
    ix_input *v;
    size_t n, cap;
    uint64_t bytes; /* sum of sizes */
} ix_inputs;

typedef struct {
    const char *const *include; /* globs; a file must match one (none: all) */
    size_t ninclude;
    const char *const *exclude; /* globs; a match is left out */
    size_t nexclude;
} ix_filter;

/* A path that is skipped, and why. */
typedef void (*ix_walk_note_fn)(void *ctx, const char *path, const char *why);

/* A file chosen by the filter. in and its strings live for the call only.
 * Returns 0 to go on, non-zero to stop the walk. */
typedef int (*ix_walk_file_fn)(void *ctx, const ix_input *in);

/* The key prefix of root: its name ("" for "/"); NULL when it cannot be
 * resolved. A new string (free()). */
char *ix_root_name(const char *root);

/* 1 when name (a file's name) or rel (its path inside the root) is chosen by
 * the filter: a glob with a '/' is matched against rel, any other against
 * name. */
int ix_filter_match(const ix_filter *f, const char *name, const char *rel);

/* Walk root and hand each of its files (filtered, in byte order of their
 * paths) to on_file, as it is found: nothing is kept, so memory does not
 * grow with the number of files. Every file seen, filtered or not, is also
 * added to seen_keys when it is not NULL (for --delete-missing). Hidden
 * entries (names starting with '.') are left out silently. Returns 0, -1
 * when out of memory, 2 when on_file stopped it, or 1 when root itself does
 * not exist or cannot be read (noted). */
int ix_walk(const char *root, const ix_filter *f, ix_walk_file_fn on_file, ix_inputs *seen_keys,
            ix_walk_note_fn note, void *ctx);

void ix_inputs_free(ix_inputs *in);

#endif
