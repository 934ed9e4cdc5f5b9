/*
 * schema.c - id terms, and the check that an index was written by this
 * format and analyzer.
 */
#include "schema.h"

#include <stdio.h>
#include <string.h>

#include "../analysis/ar.h"

void fx_key_term(const char *prefix, const char *id, char *idterm)
{
    size_t n = strlen(id);
    if (n + 1 <= 200) {
        snprintf(idterm, FX_IDTERM_SIZE, "%s%s", prefix, id);
        return;
    }
    uint64_t h = fx_hash(FX_HASH_SEED, id, n);
    /* Keep the head of the id readable, cut at a character boundary. */
    size_t keep = 160;
    while (keep > 0 && ((unsigned char)id[keep] & 0xC0) == 0x80)
        keep--;
    snprintf(idterm, FX_IDTERM_SIZE, "%s%.*s#%016llx", prefix, (int)keep, id,
             (unsigned long long)h);
}

uint64_t fx_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

fx_status fx_check(const fx_index_meta *m, const char *analyzer, int *stemmer, char *msg,
                   size_t msglen)
{
    int st = *m->stemmer ? ar_stemmer_parse(m->stemmer) : AR_STEMMER_LIGHT;
    msg[0] = '\0';
    if (stemmer)
        *stemmer = st < 0 ? AR_STEMMER_LIGHT : st;
    if (m->docs == 0)
        return FX_OK;
    if (!*m->format || !*m->analyzer) {
        snprintf(msg, msglen, "not a Fahras index (it has documents but no Fahras format)");
        return FX_ENOTFAHRAS;
    }
    if (strcmp(m->format, FX_FORMAT_VERSION) || strcmp(m->analyzer, analyzer)) {
        snprintf(msg, msglen,
                 "index has format %s and analyzer %s, this program uses format %s and analyzer "
                 "%s; reindex it into a new directory",
                 m->format, m->analyzer, FX_FORMAT_VERSION, analyzer);
        return FX_EVERSION;
    }
    if (st < 0) {
        snprintf(msg, msglen, "unknown stemmer '%s' in the index", m->stemmer);
        return FX_ESTEMMER;
    }
    return FX_OK;
}
