/*
 * textdoc.c - documents read again for exact forms (textdoc.h).
 */
#include "textdoc.h"

#include <string.h>

#include "../schema/schema.h"

static int is_term_at(void *ctx, uint32_t pos, const char *term)
{
    td_doc *h = ctx;
    size_t pl = strlen(FX_PREFIX_EXACT);
    if (strncmp(term, FX_PREFIX_EXACT, pl) != 0)
        return 1;
    if (!h->analysed) {
        h->analysed = 1;
        if (ar_analyze_forms(h->an, h->body_text, h->body_len, &h->body) != AR_OK)
            h->failed = 1;
    }
    if (h->failed)
        return 1; /* as the stem would: better than no match */
    const ar_tokens *t = pos < h->body_base ? h->title : h->body;
    uint32_t p = pos < h->body_base ? pos : pos - h->body_base;
    size_t lo = 0, hi = ar_tokens_count(t);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const ar_token *k = ar_tokens_get(t, mid);
        if (k->pos == p)
            return strcmp(k->norm, term + pl) == 0;
        if (k->pos < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int td_open(td_doc *t, qm_doc *d, ar_analyzer *an, xs_reader *r, xs_docid id,
            const xs_record *rec)
{
    size_t tlen = 0, blen = 0;
    const char *title = xs_record_get(rec, "title", &tlen);
    const char *text = xs_record_get(rec, "text", &blen);
    memset(t, 0, sizeof *t);
    t->an = an;
    t->body_text = text ? text : "";
    t->body_len = text ? blen : 0;
    qm_doc_from_index(d, &t->idx, r, id);
    d->is_term_at = is_term_at; /* its ctx, &t->idx, is t */
    /* The body's positions start after the title's words and the gap
     * (schema.h); the title is analysed for its word count, and kept for
     * exact forms in it. */
    int rc = ar_analyze_forms(an, title ? title : "", title ? tlen : 0, &t->title);
    t->body_base = (uint32_t)ar_tokens_count(t->title) + FX_TITLE_GAP;
    return rc;
}

void td_close(td_doc *t)
{
    ar_tokens_free(t->title);
    ar_tokens_free(t->body);
    t->title = t->body = NULL;
}

int td_count(ar_analyzer *an, xs_reader *r, xs_docid id, const qm_pattern *pats, size_t npat,
             uint64_t *count)
{
    xs_record *rec = NULL;
    td_doc t;
    qm_doc d;
    *count = 0;
    if (xs_reader_record(r, id, &rec) != XS_OK)
        return -2;
    int rc = td_open(&t, &d, an, r, id, rec) != AR_OK ? -3
                                                      : qm_match(pats, npat, &d, NULL, NULL, count);
    td_close(&t);
    xs_record_free(rec);
    return rc;
}
