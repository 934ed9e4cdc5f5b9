/*
 * xs_schema.h - how Fahras lays its documents out in the index: term
 * prefixes, value slots, record field names and metadata keys. Shared by the
 * indexer (which writes them) and the searcher (which reads them); a change
 * here that alters stored terms must bump XS_FORMAT_VERSION.
 *
 * Terms (all positional terms share one position space per document: title
 * words first, then the body after a gap, so phrases never span the two):
 *   <stem>        unprefixed: stem of every word, title and body, positional
 *   E<norm>       exact normalized surface form, title and body, wdf only:
 *                 no positions (they cost 29 % of the index and 22 % of the
 *                 indexing time on ANT); an exact word is placed where its
 *                 stem stands, an exact phrase is the phrase of the stems
 *   S<stem>       title field, positional
 *   L<stem>       the lead: body words among the first XS_LEAD_WORDS (wdf)
 *   Q<id>         the unique id (boolean)
 *   F<key>        the input file the document was read from (boolean; see
 *                 the indexer's file keys), for incremental runs
 *   O<source>     source, case-folded (boolean)
 *   K<category>   category, case-folded (boolean)
 *   Y<yyyy>, M<yyyymm>, D<yyyymmdd>  date (boolean)
 * Values: XS_SLOT_DATE "YYYY-MM-DD"; XS_SLOT_SOURCE the source as given.
 * Record fields (what the searcher shows): id, title, text, date, source,
 * path. Nothing else is stored: a field no query or output reads costs
 * space on every document.
 * A title that the body repeats (plain text, or a body that opens with its
 * title) is indexed as the title field only, so its words count once.
 * Stems and normalized forms never start with an ASCII capital, so the
 * prefixes cannot collide with them.
 */
#ifndef FAHRAS_XS_SCHEMA_H
#define FAHRAS_XS_SCHEMA_H

#define XS_FORMAT_VERSION "4"

#define XS_META_FORMAT "fahras.format"
#define XS_META_ANALYZER "fahras.analyzer"
/* The Arabic stemmer the index was built with: "light" (also when the key is
 * absent) or "snowball". */
#define XS_META_STEMMER "fahras.stemmer"
/* When the index last changed: "YYYY-MM-DDTHH:MM:SSZ". */
#define XS_META_UPDATED "fahras.updated"
/* One key per indexed input file: XS_META_FILE + file key, value
 * "size mtime hash" (decimal, decimal, 16 hex digits) of what was indexed. */
#define XS_META_FILE "fahras.file:"

#define XS_PREFIX_EXACT "E"
#define XS_PREFIX_TITLE "S"
#define XS_PREFIX_LEAD "L"
#define XS_PREFIX_ID "Q"
#define XS_PREFIX_FILE "F"
#define XS_PREFIX_SOURCE "O"
#define XS_PREFIX_CATEGORY "K"
#define XS_PREFIX_YEAR "Y"
#define XS_PREFIX_MONTH "M"
#define XS_PREFIX_DAY "D"

#define XS_SLOT_DATE 0
#define XS_SLOT_SOURCE 1

/* Body words that count as the lead of an article. 30 beat 20, 45, 60 and
 * 100 on the ANT known-item task. */
#define XS_LEAD_WORDS 30

/* Positions of body words start this far after the last title word. */
#define XS_TITLE_GAP 100

/* The unique id term of id into idterm (XS_IDTERM_SIZE bytes). Ids too long
 * for a Xapian term keep a readable head and an FNV-1a hash of the whole. */
#define XS_IDTERM_SIZE 256
#include <stdint.h>
#include <stdio.h>
#include <string.h>
static inline void xs_schema_key_term(const char *prefix, const char *id, char *idterm)
{
    size_t n = strlen(id);
    if (n + 1 <= 200) {
        snprintf(idterm, XS_IDTERM_SIZE, "%s%s", prefix, id);
        return;
    }
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)id[i];
        h *= 1099511628211ULL;
    }
    /* Keep the head of the id readable, cut at a character boundary. */
    size_t keep = 160;
    while (keep > 0 && ((unsigned char)id[keep] & 0xC0) == 0x80)
        keep--;
    snprintf(idterm, XS_IDTERM_SIZE, "%s%.*s#%016llx", prefix, (int)keep, id,
             (unsigned long long)h);
}

static inline void xs_schema_id_term(const char *id, char *idterm)
{
    xs_schema_key_term(XS_PREFIX_ID, id, idterm);
}

#endif
