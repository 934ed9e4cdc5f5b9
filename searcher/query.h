/*
 * query.h - the query language, last two stages: every leaf of the syntax
 * tree (qparse.h) is analysed with ar_analyze, the code that built the
 * index, and the tree becomes one xs_query plus the patterns (match.h) that
 * place highlights and count occurrences.
 *
 * Words match through their stem and the forms a reader means by it
 * (ar_expand). The expansion never consults the collection, so what a query
 * matches in a document does not depend on the other documents: a keyword
 * audit rerun after new articles arrive keeps last month's counts, and the
 * audit's document counts are searcher --count's. A chunk without spaces that analyses to several tokens
 * (2018م, كيم-يونغ) is matched as a phrase. Ranking boosts (the exact form,
 * the lead) and patterns come only from positive leaves, never from a NOT
 * branch, and boosts never change which documents match.
 */
#ifndef FAHRAS_QUERY_H
#define FAHRAS_QUERY_H

#include <stddef.h>

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "match.h"
#include "qparse.h"

typedef enum { QP_ALL, QP_ANY } qp_mode;

typedef enum {
    QP_OK = 0,
    QP_ENOMEM = -1,
    QP_ESYNTAX = -2, /* a syntax error, a malformed date, a prefix too short */
    QP_EEMPTY = -3,  /* nothing to search: empty, or only punctuation/diacritics */
    QP_EUTF8 = -4,   /* the query is not valid UTF-8 */
    QP_EINDEX = -5   /* building the query or reading the index failed */
} qp_status;

/* A word* prefix may stand for at most this many stems. */
#define QP_PREFIX_MAX 500

typedef struct {
    qp_mode mode;        /* the default operator between items */
    const char *since;   /* date bounds, already checked with qn_date_check; */
    const char *until;   /* NULL for none */
    int all;             /* match every document (the text must be empty) */
} qp_opts;

typedef struct qp_query qp_query;

/* Parse, analyse and build text. reader (may be NULL when the query has no
 * prefix*) is read only to list the forms of a prefix.
 * *out belongs to the caller (qp_query_free). On failure err says what and
 * where (column 0: no position). */
int qp_parse(ar_analyzer *a, xs_reader *reader, const char *text, const qp_opts *o,
             qp_query **out, qn_error *err);

/* The query to run. Borrowed from q. */
const xs_query *qp_query_xs(const qp_query *q);

/* The patterns of the positive leaves, in query order. Borrowed from q. */
const qm_pattern *qp_query_patterns(const qp_query *q, size_t *n);

/* 1 when each document the query matches must be checked against its one
 * pattern, where the pattern's exact forms stand (textdoc.h: td_count):
 * a phrase or NEAR group, alone but for filters and exclusions, in which a
 * word matches only some of its stem's forms (a masculine plural whose
 * stem its feminine shares, several =words). Exact forms carry no
 * positions, so the index matched the group's stems in any document that
 * also holds the forms. */
int qp_query_check(const qp_query *q);

void qp_query_free(qp_query *q);

#endif
