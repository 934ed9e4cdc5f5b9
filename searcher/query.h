/*
 * query.h - the searcher's query parser: query text -> xs_query, analysed
 * with the same ar_analyze call the indexer uses.
 *
 * Syntax (v1): words, and "double-quoted phrases". Every word must match
 * (QP_ALL) or any may (QP_ANY); a word matches through its stem. A chunk
 * without spaces that analyses to several tokens (2018م, كيم-يونغ) is matched
 * as a phrase. An unbalanced quote is an error.
 */
#ifndef FAHRAS_QUERY_H
#define FAHRAS_QUERY_H

#include <stddef.h>

#include "../analysis/ar.h"
#include "../shim/xs.h"

typedef enum { QP_ALL, QP_ANY } qp_mode;

typedef enum {
    QP_OK = 0,
    QP_ENOMEM = -1,
    QP_ESYNTAX = -2, /* unbalanced quote, empty phrase */
    QP_EEMPTY = -3,  /* no searchable word */
    QP_EUTF8 = -4,   /* the query is not valid UTF-8 */
    QP_EINDEX = -5   /* building the xs_query failed (xs_errmsg) */
} qp_status;

typedef struct qp_query qp_query;

/* Parse text. reader (may be NULL) is consulted for term frequencies when
 * query words are expanded (see ar_expand). *out belongs to the caller
 * (qp_query_free). On failure a message is written to msg (msglen bytes). */
int qp_parse(ar_analyzer *a, xs_reader *reader, const char *text, qp_mode mode, qp_query **out,
             char *msg, size_t msglen);

/* The query to run. Borrowed from q. */
const xs_query *qp_query_xs(const qp_query *q);

/* The stems a snippet should highlight, sorted for bsearch (strcmp order).
 * Borrowed from q. */
const char *const *qp_query_stems(const qp_query *q, size_t *n);

/* Index of stem in the highlight set, or -1. */
int qp_query_stem_index(const qp_query *q, const char *stem);

void qp_query_free(qp_query *q);

#endif
