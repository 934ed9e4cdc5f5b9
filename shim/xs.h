/*
 * xs.h - a plain C API over the Xapian index.
 *
 * The shim stores terms, positions, values and a record, and runs queries
 * built from terms that the caller has already analysed. It holds no
 * language policy: no normalization, no stemming, no formatting.
 *
 * Conventions (after libgit2 and notmuch):
 *  - Functions that can fail return 0 (XS_OK) or a negative xs_status.
 *    xs_errmsg() then gives a one-line message, valid until the next xs_
 *    call on the same thread.
 *  - `**out` results belong to the caller and are released with the matching
 *    _free function. Every _free accepts NULL.
 *  - Strings returned through `const char **` are borrowed from the object
 *    they came from and live as long as it does.
 *  - No C++ exception ever crosses this boundary.
 */
#ifndef FAHRAS_XS_H
#define FAHRAS_XS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define XS_NOEXCEPT noexcept
extern "C" {
#else
#define XS_NOEXCEPT
#endif

typedef enum {
    XS_OK = 0,
    XS_ENOMEM = -1,    /* allocation failed */
    XS_EINVAL = -2,    /* bad argument (NULL, empty term, bad operator) */
    XS_ELOCKED = -3,   /* another writer holds the index lock (a lock that
                        * cannot be taken for any other reason is XS_EIO) */
    XS_ENOTFOUND = -4, /* no index at that path, or no such document */
    XS_ECORRUPT = -5,  /* the index files are damaged */
    XS_EVERSION = -6,  /* index format the library cannot read */
    XS_EIO = -7,       /* the filesystem refused */
    XS_EXAPIAN = -8,   /* any other Xapian or C++ failure */
    XS_ENET = -9       /* a remote shard cannot be reached, or stopped answering */
} xs_status;

/* The message for the last failure on this thread. Never NULL. */
const char *xs_errmsg(void) XS_NOEXCEPT;

typedef uint32_t xs_docid;

typedef struct xs_writer xs_writer;
typedef struct xs_reader xs_reader;
typedef struct xs_doc xs_doc;
typedef struct xs_query xs_query;
typedef struct xs_results xs_results;
typedef struct xs_record xs_record;

/* ---------- writing ---------- */

/* Open the index at path for writing, creating it when create is non-zero.
 * Returns XS_OK, XS_ELOCKED, XS_ENOTFOUND (missing and create == 0),
 * XS_ECORRUPT, XS_EVERSION, XS_EIO or XS_EXAPIAN. */
int xs_writer_open(xs_writer **out, const char *path, int create) XS_NOEXCEPT;

/* Close the writer. Xapian commits pending changes as it closes; call
 * xs_writer_commit first to know that the commit succeeded. NULL is
 * accepted. */
void xs_writer_free(xs_writer *w) XS_NOEXCEPT;

/* Add doc, or replace the document that has the unique term idterm.
 * *replaced (may be NULL) is set to 1 when a document was replaced, *docid
 * (may be NULL) to the document's id. doc is left as it was: the same doc
 * may be stored again under another id. */
int xs_writer_replace(xs_writer *w, const char *idterm, const xs_doc *doc, int *replaced,
                      xs_docid *docid) XS_NOEXCEPT;

/* The ids of the documents that hold term, ascending. *ids (never NULL on
 * success) belongs to the caller (free()). */
int xs_writer_term_docids(xs_writer *w, const char *term, xs_docid **ids, size_t *n) XS_NOEXCEPT;

/* Delete document id (XS_ENOTFOUND when there is none). */
int xs_writer_delete_docid(xs_writer *w, xs_docid id) XS_NOEXCEPT;

/* The metadata keys that start with prefix, in byte order: *keys is an
 * array of *n malloc'd strings (never NULL on success); the caller frees
 * every one and the array. */
int xs_writer_metadata_keys(xs_writer *w, const char *prefix, char ***keys, size_t *n) XS_NOEXCEPT;

/* The revision of the index as last committed (unchanged by a commit that
 * had nothing to write). */
int xs_writer_revision(xs_writer *w, uint64_t *rev) XS_NOEXCEPT;

/* Number of distinct terms in the index. */
int xs_writer_termcount(xs_writer *w, uint64_t *out) XS_NOEXCEPT;

/* Delete the document with the unique term idterm. *deleted (may be NULL) is
 * set to 1 when one existed. */
int xs_writer_delete(xs_writer *w, const char *idterm, int *deleted) XS_NOEXCEPT;

/* Make every change since the last commit durable. */
int xs_writer_commit(xs_writer *w) XS_NOEXCEPT;

/* Set a metadata entry (an empty value removes it). */
int xs_writer_set_metadata(xs_writer *w, const char *key, const char *value) XS_NOEXCEPT;

/* Read a metadata entry; *out is a new string (free()), "" when unset. */
int xs_writer_get_metadata(xs_writer *w, const char *key, char **out) XS_NOEXCEPT;

/* Number of documents the writer sees (committed or not). */
int xs_writer_doccount(xs_writer *w, uint32_t *out) XS_NOEXCEPT;

/* ---------- documents ---------- */

int xs_doc_new(xs_doc **out) XS_NOEXCEPT;
void xs_doc_free(xs_doc *d) XS_NOEXCEPT;

/* A positional posting of term at pos (wdf grows by one). */
int xs_doc_add_posting(xs_doc *d, const char *term, uint32_t pos) XS_NOEXCEPT;

/* A term without position, adding wdfinc to its wdf (0 for a boolean term). */
int xs_doc_add_term(xs_doc *d, const char *term, uint32_t wdfinc) XS_NOEXCEPT;

/* A value in a slot (for sorting and ranges); bytes compare as strings. */
int xs_doc_set_value(xs_doc *d, unsigned slot, const char *val, size_t len) XS_NOEXCEPT;

/* A field of the stored record. name is a short key ("title", "text", ...) XS_NOEXCEPT;
 * val holds len bytes. Setting a name twice keeps the last value. */
int xs_doc_set_field(xs_doc *d, const char *name, const char *val, size_t len) XS_NOEXCEPT;

/* ---------- reading ---------- */

/* Open n indexes for reading as one combined index. Each path is an index
 * directory, a stub file that lists shards, or a directory that holds a
 * stub file named XAPIANDB. Stub lines (Xapian's format): "auto PATH"
 * (glass, chert too; PATH relative to the stub), "remote HOST:PORT",
 * "tcp HOST PORT"; '#' starts a comment. A failure names the shard. */
int xs_reader_open(xs_reader **out, const char *const *paths, size_t n) XS_NOEXCEPT;

/* xs_reader_open with flags: XS_OPEN_PARTIAL leaves out the remote shards
 * that cannot be reached (see xs_reader_missing_*) instead of failing with
 * XS_ENET; it still fails when no shard at all can be opened. */
#define XS_OPEN_PARTIAL 1u
int xs_reader_open_flags(xs_reader **out, const char *const *paths, size_t n,
                         unsigned flags) XS_NOEXCEPT;

/* Merge the indexes at paths (as xs_reader_open reads them: shards, stubs)
 * into one new compacted index at out, through Xapian's compactor. out must
 * not exist yet. Document ids are renumbered; terms, positions, values,
 * records and metadata (the first index's value for a key they share) are
 * kept. */
int xs_compact(const char *const *paths, size_t n, const char *out) XS_NOEXCEPT;

/* The shards opened, in order: their number, names, metadata, counts. */
size_t xs_reader_shard_count(const xs_reader *r) XS_NOEXCEPT;
const char *xs_reader_shard_name(const xs_reader *r, size_t i) XS_NOEXCEPT;
int xs_reader_shard_metadata(xs_reader *r, size_t i, const char *key, char **out) XS_NOEXCEPT;
int xs_reader_shard_doccount(xs_reader *r, size_t i, uint32_t *out) XS_NOEXCEPT;

/* The shards left out by XS_OPEN_PARTIAL. */
size_t xs_reader_missing_count(const xs_reader *r) XS_NOEXCEPT;
const char *xs_reader_missing_name(const xs_reader *r, size_t i) XS_NOEXCEPT;
void xs_reader_free(xs_reader *r) XS_NOEXCEPT;

/* Metadata of the first index; *out is a new string (free()), "" when unset. */
int xs_reader_get_metadata(xs_reader *r, const char *key, char **out) XS_NOEXCEPT;

int xs_reader_doccount(xs_reader *r, uint32_t *out) XS_NOEXCEPT;

/* The committed revision of the first index. */
int xs_reader_revision(xs_reader *r, uint64_t *rev) XS_NOEXCEPT;

/* Document frequency and collection frequency of term (0 when absent).
 * Either out pointer may be NULL. */
int xs_reader_termstats(xs_reader *r, const char *term, uint32_t *df, uint64_t *cf) XS_NOEXCEPT;

/* Document frequencies of n terms in one call (df has n entries, the
 * caller's; 0 for an absent term). One round trip for a whole candidate
 * list, whatever the backend. */
int xs_reader_termfreqs(xs_reader *r, const char *const *terms, size_t n,
                        uint32_t *df) XS_NOEXCEPT;

/* Number of distinct terms that start with prefix (all, for ""), and their
 * count is limited to max (0 = no limit). */
int xs_reader_termcount(xs_reader *r, const char *prefix, uint64_t max, uint64_t *out) XS_NOEXCEPT;

/* The stored record of document id. XS_ENOTFOUND when there is none. */
int xs_reader_record(xs_reader *r, xs_docid id, xs_record **out) XS_NOEXCEPT;

/* Value of slot for document id; *out is a new string (free()), len in *len. */
int xs_reader_value(xs_reader *r, xs_docid id, unsigned slot, char **out, size_t *len) XS_NOEXCEPT;

/* The field name of rec, or NULL when absent. *len (may be NULL) gets its
 * length. Borrowed from rec. */
const char *xs_record_get(const xs_record *rec, const char *name, size_t *len) XS_NOEXCEPT;
void xs_record_free(xs_record *rec) XS_NOEXCEPT;

/* ---------- queries ---------- */

typedef enum {
    XS_OP_AND,
    XS_OP_OR,
    XS_OP_AND_NOT,   /* first AND NOT (any of the rest) */
    XS_OP_AND_MAYBE, /* first, weighted up by the rest */
    XS_OP_FILTER,    /* first, restricted to the rest without weight */
    XS_OP_PHRASE,    /* in order, within window positions (0 = exact) */
    XS_OP_NEAR,      /* any order, within window positions */
    XS_OP_SYNONYM,   /* one term for weighting: the union of its parts */
    XS_OP_ELITE_SET  /* OR restricted to the best-weighted subqueries */
} xs_op;

/* A term; wqf is the within-query frequency (1 normally), pos its query
 * position (used by phrase operators built over term queries). */
int xs_query_term(xs_query **out, const char *term, uint32_t wqf, uint32_t pos) XS_NOEXCEPT;

/* Combine n subqueries. Subqueries are copied: the caller still frees them. */
int xs_query_combine(xs_query **out, xs_op op, xs_query *const *subs, size_t n,
                     uint32_t window) XS_NOEXCEPT;

/* Documents whose value in slot lies in [lo, hi] (string order); either
 * bound may be NULL for an open end. */
int xs_query_value_range(xs_query **out, unsigned slot, const char *lo, const char *hi) XS_NOEXCEPT;

/* q with its weight scaled by factor (>= 0). */
int xs_query_scale(xs_query **out, const xs_query *q, double factor) XS_NOEXCEPT;

/* Every document. */
int xs_query_all(xs_query **out) XS_NOEXCEPT;

/* 1 when q holds a phrase or a NEAR anywhere in it, else 0 (1 also when
 * that cannot be told). */
int xs_query_is_positional(const xs_query *q) XS_NOEXCEPT;

/* A readable description of q (new string, free()). */
int xs_query_describe(const xs_query *q, char **out) XS_NOEXCEPT;
void xs_query_free(xs_query *q) XS_NOEXCEPT;

typedef struct {
    double k1, k2, k3, b, min_normlen; /* BM25; see xs_search_opts_init */
    uint32_t offset, limit;
    int sort_slot;         /* -1: by relevance; else by this value slot */
    int sort_descending;   /* for sort_slot >= 0 */
    const char *sort_missing; /* the key of a document with no value in sort_slot
                               * (NULL: ""); borrowed, for the call only */
    uint32_t check_at_least; /* make the estimate exact up to this many */
} xs_search_opts;

/* Defaults: Xapian's BM25 (k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5),
 * offset 0, limit 10, by relevance, sort_missing NULL, check_at_least 0. */
void xs_search_opts_init(xs_search_opts *o) XS_NOEXCEPT;

int xs_reader_search(xs_reader *r, const xs_query *q, const xs_search_opts *o,
                     xs_results **out) XS_NOEXCEPT;

/* The exact number of documents that match q. */
int xs_reader_count(xs_reader *r, const xs_query *q, uint32_t *out) XS_NOEXCEPT;

/* Every document that matches q, as ascending ids. *ids (n entries, never
 * NULL on success) belongs to the caller (free()). */
int xs_reader_match_ids(xs_reader *r, const xs_query *q, xs_docid **ids, size_t *n) XS_NOEXCEPT;

/* wdf[i] = the within-document frequency of term in document ids[i], 0 when
 * the document lacks it. ids must be ascending; wdf has n entries (caller's).
 * One pass along the term's posting list. */
int xs_reader_wdfs(xs_reader *r, const char *term, const xs_docid *ids, size_t n,
                   uint32_t *wdf) XS_NOEXCEPT;

/* The positions of term in document id, ascending. *pos (n entries, never
 * NULL on success) belongs to the caller (free()); *n is 0 when the document
 * lacks the term. */
int xs_reader_positions(xs_reader *r, xs_docid id, const char *term, uint32_t **pos,
                        size_t *n) XS_NOEXCEPT;

/* The terms of the index that start with prefix, in byte order, at most
 * max + 1 of them (so *n > max says "more than max"). *out is an array of *n
 * malloc'd strings and the array itself; the caller frees every one. */
int xs_reader_prefix_terms(xs_reader *r, const char *prefix, size_t max, char ***out,
                           size_t *n) XS_NOEXCEPT;

/* vals[i] = the value in slot of document ids[i] as a new NUL-terminated
 * string (free()), NULL when the document has none. ids must be ascending;
 * vals has n entries (caller's). On failure every vals[i] is NULL. */
int xs_reader_values(xs_reader *r, unsigned slot, const xs_docid *ids, size_t n,
                     char **vals) XS_NOEXCEPT;

size_t xs_results_size(const xs_results *res) XS_NOEXCEPT;
/* Hit i: docid, 1-based rank over all results (offset included), weight. */
int xs_results_hit(const xs_results *res, size_t i, xs_docid *id, uint32_t *rank,
                   double *weight) XS_NOEXCEPT;
/* Estimated total matches, and its lower and upper bounds. */
void xs_results_estimate(const xs_results *res, uint32_t *est, uint32_t *lo, uint32_t *hi) XS_NOEXCEPT;
void xs_results_free(xs_results *res) XS_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
