/*
 * pipe.h - the indexing pipeline: worker threads analyse articles into
 * documents, and one writer thread stores them in the order they were read.
 *
 * The order is kept whatever the number of workers, so the index is the
 * same with one thread or many: the same documents under the same docids.
 * Every call to the writers goes through the pipe's lock, so the reading
 * thread may look things up in the index (ix_pipe_lock) while it runs.
 */
#ifndef FAHRAS_PIPE_H
#define FAHRAS_PIPE_H

#include <stdint.h>

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "readers.h"
#include "shards.h"

typedef struct ix_pipe ix_pipe;

typedef struct {
    unsigned long added, replaced, deleted; /* documents */
    unsigned long skipped;                  /* records refused by the analyzer */
    unsigned long files_done;               /* files whose every document is stored */
    unsigned long states;                   /* file states recorded */
    uint64_t bytes_done;                    /* their sizes */
    unsigned long commits;
} ix_pipe_stats;

/* Start threads workers (>= 1) with analyzers of stemmer st, writing to
 * the shards s (each document to its own shard) with a commit every
 * commit_every documents. Returns 0, or -1 (message in msg). */
int ix_pipe_start(ix_pipe **out, ix_shards *s, unsigned threads, ar_stemmer st,
                  unsigned long commit_every, char *msg, size_t msglen);

/* Queue one article of file (the path shown in messages). Strings are
 * copied. Blocks while too much is in flight.
 * Returns 0, or -1 when the pipe stopped on a fatal error. */
int ix_pipe_article(ix_pipe *p, const char *file, const ix_article *art);

/* The end of file key (NULL: nothing to track, as for standard input), in
 * the writer's order: when prune is set, the documents of key that this
 * reading did not store are deleted; state (NULL: none) is recorded as the
 * file's metadata. bytes count as done for the progress line. */
int ix_pipe_file_end(ix_pipe *p, const char *key, const char *state, uint64_t bytes, int prune);

/* Lock and unlock the writer for a lookup from the reading thread. */
void ix_pipe_lock(ix_pipe *p);
void ix_pipe_unlock(ix_pipe *p);

/* A copy of the counters so far. */
void ix_pipe_get_stats(ix_pipe *p, ix_pipe_stats *s);

/* 1 when a fatal error stopped the pipe; its message is in msg. */
int ix_pipe_failed(ix_pipe *p, char *msg, size_t msglen);

/* Wait for every queued job, stop the threads and free the pipe. Nothing is
 * committed here: the caller commits. Returns 0, or -1 when a fatal error
 * stopped the pipe (message in msg). */
int ix_pipe_finish(ix_pipe *p, ix_pipe_stats *s, char *msg, size_t msglen);

#endif
