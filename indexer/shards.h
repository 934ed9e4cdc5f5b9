/*
 * shards.h - the writable side of an index that may be split into shards.
 *
 * An unsharded index is one Xapian database at DIR. A sharded one (indexer
 * --shards N) is N databases DIR/shard-00 ... and a stub file DIR/XAPIANDB
 * that lists them, so that `--db DIR` opens them all as one. A document
 * lands in the shard chosen by a hash of its id, always the same one, so
 * replacing and deleting keep working. Shard 0 also holds the metadata of
 * the input files; it is committed last, so that a file is never recorded
 * as indexed before its documents are durable in every shard.
 */
#ifndef FAHRAS_SHARDS_H
#define FAHRAS_SHARDS_H

#include <stddef.h>

#include "../shim/xs.h"

#define IX_MAX_SHARDS 256

typedef struct {
    xs_writer **w; /* n writers; w[0] holds the file states */
    size_t n;
} ix_shards;

/* Open the index at db for writing, creating it when missing. want is the
 * --shards asked for (0: none; an existing index keeps its own number, and
 * asking for another is an error). wait_secs as --wait (0: do not wait, -1:
 * for ever). Returns XS_OK or the xs_status of the failure, with a one-line
 * message in msg. */
int ix_shards_open(ix_shards *s, const char *db, unsigned want, long wait_secs, int quiet,
                   char *msg, size_t msglen);

/* The shard of the document with id term idterm. */
size_t ix_shard_of(const ix_shards *s, const char *idterm);

/* Commit every shard, shard 0 last. Returns XS_OK or the first failure. */
int ix_shards_commit(ix_shards *s);

/* Documents in all shards. */
int ix_shards_doccount(ix_shards *s, uint32_t *total);

/* Close every writer (pending changes are committed by Xapian as it
 * closes; call ix_shards_commit first to know). */
void ix_shards_close(ix_shards *s);

#endif
