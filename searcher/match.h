/*
 * match.h - where a query's words occur in one document. This is the one
 * matcher behind both the highlights of a snippet and the occurrence counts
 * of a keyword audit, so what is highlighted is what is counted.
 *
 * A query's positive leaves become patterns: a sequence of slots, each slot
 * the index terms one word may take (its expansions). A pattern of one slot
 * is a word, several slots in a row a phrase, and with `near` set, words
 * within a window in any order. Positions are the index's own positions
 * (schema/schema.h: title words from 0, body words after a gap), read through
 * the qm_doc callbacks, so nothing is analysed again.
 */
#ifndef FAHRAS_MATCH_H
#define FAHRAS_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "../shim/xs.h"

typedef struct {
    char **terms; /* index terms, prefixes included */
    size_t n;
    /* The first nexact terms are exact forms, stored without positions
     * (schema/schema.h): terms[i] stands where pos_terms[i], its stem,
     * stands, and, given is_term_at, only where that very form does. The
     * other terms are placed by their own positions. Counting a one-word
     * pattern uses the wdf of terms, which is exact for both. pos_terms
     * and its strings are malloc'd. */
    size_t nexact;
    char **pos_terms;
} qm_slot;

typedef struct {
    qm_slot *slots;
    size_t nslots;
    int near;        /* 0: the slots in a row (a phrase); 1: any order */
    uint32_t window; /* near: the occurrence spans at most this many positions */
} qm_pattern;

/* One document, as the matcher reads it. Both return 0, or non-zero on
 * failure (the caller's own message). */
typedef struct {
    /* The ascending positions of term; *pos (malloc'd, freed by the matcher)
     * may be NULL when *n is 0. */
    int (*positions)(void *ctx, const char *term, uint32_t **pos, size_t *n);
    /* How many positions term has (its wdf). */
    int (*wdf)(void *ctx, const char *term, uint32_t *wdf);
    /* Optional (may be NULL): 1 when the word at pos is the one term (a
     * slot's exact form, prefix included) names. With it, a slot's exact
     * forms keep only their own positions among their pos_terms'. */
    int (*is_term_at)(void *ctx, uint32_t pos, const char *term);
    void *ctx;
} qm_doc;

/* An occurrence of pattern number `pattern`, from position first to last
 * (a NEAR occurrence gives one hit per word, first == last). */
typedef struct {
    uint32_t first, last;
    size_t pattern;
} qm_hit;

/* Find the occurrences of npat patterns in document d. A phrase counts once
 * per occurrence of the whole phrase; a NEAR group once per position of its
 * first word that has the others within the window.
 * With hits not NULL, *hits receives every occurrence ordered by first
 * position (malloc'd, caller frees; *nhits entries). With hits NULL only
 * *count is computed, and a one-word pattern is counted from wdf alone.
 * *count (may be NULL) receives the total number of occurrences.
 * Returns 0, -1 out of memory, -2 a callback failed. */
int qm_match(const qm_pattern *pats, size_t npat, const qm_doc *d, qm_hit **hits,
             size_t *nhits, uint64_t *count);

/* A document of an index, as the matcher reads it: set *d to read document
 * id of r through ctx (the caller's, alive as long as d is used). */
typedef struct {
    xs_reader *r;
    xs_docid id;
} qm_index_doc;
void qm_doc_from_index(qm_doc *d, qm_index_doc *ctx, xs_reader *r, xs_docid id);

/* Release the slots and terms of a pattern (not the pattern itself). */
void qm_pattern_clear(qm_pattern *p);

#endif
