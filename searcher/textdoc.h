/*
 * textdoc.h - a document of the index as the matcher reads it, with its
 * stored title and body analysed again on first need, so that an exact
 * form (stored without positions, schema/schema.h) counts only where that
 * very form stands: for the highlighter, and to check a document against
 * a phrase whose words hold exact forms (td_count).
 */
#ifndef FAHRAS_TEXTDOC_H
#define FAHRAS_TEXTDOC_H

#include <stdint.h>

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "match.h"

typedef struct {
    qm_index_doc idx; /* first: the matcher's index callbacks read it */
    ar_analyzer *an;
    const char *body_text; /* the record's, never NULL */
    size_t body_len;
    ar_tokens *title, *body; /* the body analysed on first need */
    int analysed, failed;
    uint32_t body_base; /* the position of the body's first word */
} td_doc;

/* Set *d to read document id of r through *t, with the title and text of
 * rec (its record, alive as long as t is used). Returns AR_OK, or an
 * ar_status (ar_analyzer_errmsg(an) says why); td_close(t) either way. */
int td_open(td_doc *t, qm_doc *d, ar_analyzer *an, xs_reader *r, xs_docid id,
            const xs_record *rec);
void td_close(td_doc *t);

/* *count: the occurrences of npat patterns in document id of r, each exact
 * form checked where it stands (the document read again, td_open).
 * Returns 0, -1 out of memory, -2 an index error (xs_errmsg), -3 an
 * analyzer error (ar_analyzer_errmsg). */
int td_count(ar_analyzer *an, xs_reader *r, xs_docid id, const qm_pattern *pats, size_t npat,
             uint64_t *count);

#endif
