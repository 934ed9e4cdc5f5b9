/*
 * docbuild.c - the index-time use of the analysis pipeline: every word of
 * the title and the body becomes a stem posting and an exact-form posting,
 * title words also a title-field posting; the record keeps the original text
 * for snippets.
 */
#include "docbuild.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../schema/schema.h"

/* Xapian refuses terms longer than 245 bytes; such "words" (base64 blobs,
 * URLs) are skipped rather than failing the whole document. */
#define MAX_TERM 240

void ix_id_term(const char *id, char *idterm)
{
    fx_id_term(id, idterm);
}

void ix_file_term(const char *key, char *term)
{
    /* A hash, not the key: one such term per file, on every document, and
     * keys are long paths (a 64-bit hash has no collision in practice). */
    uint64_t h = fx_hash(FX_HASH_SEED, key, strlen(key));
    snprintf(term, FX_IDTERM_SIZE, "%s%016llx", FX_PREFIX_FILE, (unsigned long long)h);
}

/* The boundary with the shim: an xs_status becomes an ix_status, and its
 * message is kept. */
static ix_status from_xs(int xrc, char *msg, size_t msglen)
{
    if (xrc == XS_OK)
        return IX_OK;
    if (!msg[0])
        snprintf(msg, msglen, "%s", xs_errmsg());
    return xrc == XS_ENOMEM ? IX_ENOMEM : IX_EFAIL;
}

/* The boundary with the analyzer. */
static ix_status from_ar(ar_analyzer *a, int arc, char *msg, size_t msglen)
{
    if (arc == AR_OK)
        return IX_OK;
    snprintf(msg, msglen, "%s", ar_analyzer_errmsg(a));
    return arc == AR_EUTF8 ? IX_BAD_INPUT : arc == AR_ENOMEM ? IX_ENOMEM : IX_EFAIL;
}

static ix_status add_words(ar_analyzer *a, xs_doc *d, const char *s, size_t n, uint32_t base,
                           int title_field, int general, uint32_t *next_pos, char *msg,
                           size_t msglen)
{
    ar_tokens *t = NULL;
    char term[MAX_TERM + 8];
    ix_status st = from_ar(a, ar_analyze(a, s, n, &t), msg, msglen);
    int rc = XS_OK;
    if (st)
        return st;
    size_t cnt = ar_tokens_count(t);
    for (size_t i = 0; i < cnt && rc == 0; i++) {
        const ar_token *k = ar_tokens_get(t, i);
        uint32_t pos = base + k->pos;
        if (strlen(k->norm) > MAX_TERM)
            continue;
        if (general) {
            rc = xs_doc_add_posting(d, k->stem, pos);
            if (rc == 0) {
                snprintf(term, sizeof term, "%s%s", FX_PREFIX_EXACT, k->norm);
                rc = xs_doc_add_term(d, term, 1); /* no positions: see schema/schema.h */
            }
        }
        /* The lead: what a news article is about is said first. */
        if (rc == 0 && general && !title_field && k->pos < FX_LEAD_WORDS) {
            snprintf(term, sizeof term, "%s%.*s", FX_PREFIX_LEAD, (int)ar_broad_len(k),
                     k->stem);
            rc = xs_doc_add_term(d, term, 1);
        }
        if (rc == 0 && title_field) {
            snprintf(term, sizeof term, "%s%s", FX_PREFIX_TITLE, k->stem);
            rc = xs_doc_add_posting(d, term, pos);
        }
    }
    *next_pos = base + (uint32_t)cnt;
    ar_tokens_free(t);
    return from_xs(rc, msg, msglen);
}

/* 1 when the body, past leading white space, starts with the title: the
 * title's words are then the body's own and must not count twice. */
static int body_opens_with(const char *text, size_t len, const char *title, size_t tlen)
{
    while (len && isspace((unsigned char)*text)) {
        text++;
        len--;
    }
    while (tlen && isspace((unsigned char)*title)) {
        title++;
        tlen--;
    }
    while (tlen && isspace((unsigned char)title[tlen - 1]))
        tlen--;
    return tlen > 0 && len >= tlen && memcmp(text, title, tlen) == 0;
}

/* A boolean term from a free-text field: case-folded ASCII, spaces kept. */
static int add_label(xs_doc *d, const char *prefix, const char *v)
{
    char term[MAX_TERM + 8];
    size_t o = strlen(prefix);
    if (!v || !*v)
        return 0;
    memcpy(term, prefix, o);
    for (size_t i = 0; v[i] && o < MAX_TERM; i++)
        term[o++] = (char)tolower((unsigned char)v[i]);
    term[o] = '\0';
    return xs_doc_add_term(d, term, 0);
}

ix_status ix_build_doc(ar_analyzer *a, const ix_article *art, xs_doc **out, char *idterm,
                       char *msg, size_t msglen)
{
    xs_doc *d = NULL;
    ix_status st = IX_OK;
    int rc = XS_OK; /* shim calls */
    uint32_t pos = 0;
    const char *text = art->text;
    size_t text_len = art->text_len;

    msg[0] = '\0';
    *out = NULL;
    ix_id_term(art->id, idterm);
    /* No body: the abstract stands in for it. */
    if (text_len == 0 && art->abstract_len) {
        text = art->abstract;
        text_len = art->abstract_len;
    }
    if ((rc = xs_doc_new(&d)) != XS_OK)
        goto done;
    /* Plain text already holds its headline in the body: index it as the
     * title field only, so its words are not counted twice. */
    if (art->title_len) {
        int repeated = art->title_in_text || body_opens_with(text, text_len, art->title,
                                                             art->title_len);
        st = add_words(a, d, art->title, art->title_len, 0, 1, !repeated, &pos, msg, msglen);
        if (st)
            goto done;
    }
    if (text_len) {
        st = add_words(a, d, text, text_len, pos + FX_TITLE_GAP, 0, 1, &pos, msg, msglen);
        if (st)
            goto done;
    }
    if (art->file_key) {
        char term[FX_IDTERM_SIZE];
        ix_file_term(art->file_key, term);
        if ((rc = xs_doc_add_term(d, term, 0)) != XS_OK)
            goto done;
    }
    if (art->date[0]) {
        char term[16];
        rc = xs_doc_set_value(d, FX_SLOT_DATE, art->date, 10);
        snprintf(term, sizeof term, "%s%.4s", FX_PREFIX_YEAR, art->date);
        if (!rc)
            rc = xs_doc_add_term(d, term, 0);
        snprintf(term, sizeof term, "%s%.4s%.2s", FX_PREFIX_MONTH, art->date, art->date + 5);
        if (!rc)
            rc = xs_doc_add_term(d, term, 0);
        snprintf(term, sizeof term, "%s%.4s%.2s%.2s", FX_PREFIX_DAY, art->date, art->date + 5,
                 art->date + 8);
        if (!rc)
            rc = xs_doc_add_term(d, term, 0);
        if (!rc)
            rc = xs_doc_set_field(d, "date", art->date, 10);
        if (rc)
            goto done;
    }
    if (art->source) {
        rc = xs_doc_set_value(d, FX_SLOT_SOURCE, art->source, strlen(art->source));
        if (!rc)
            rc = add_label(d, FX_PREFIX_SOURCE, art->source);
        if (!rc)
            rc = xs_doc_set_field(d, "source", art->source, strlen(art->source));
        if (rc)
            goto done;
    }
    /* The category is searched (category:), never shown: a term only. */
    if (art->category && (rc = add_label(d, FX_PREFIX_CATEGORY, art->category)) != XS_OK)
        goto done;
    struct {
        const char *name, *val;
        size_t len;
    } fields[] = {
        {"id", art->id, strlen(art->id)},
        {"title", art->title, art->title_len},
        {"text", text, text_len},
        {"path", art->path, art->path ? strlen(art->path) : 0},
    }; /* what the searcher shows; url and author are read by nothing */
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        if (!fields[i].val || !fields[i].len)
            continue;
        rc = xs_doc_set_field(d, fields[i].name, fields[i].val, fields[i].len);
        if (rc)
            goto done;
    }
    *out = d;
    d = NULL;
done:
    if (!st)
        st = from_xs(rc, msg, msglen);
    xs_doc_free(d);
    return st;
}
