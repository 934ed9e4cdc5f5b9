/*
 * schema.h - how Fahras lays its documents out in the index: term prefixes,
 * value slots, record field names, metadata keys, and the check that an
 * index was written this way. Shared by the indexer (which writes them) and
 * the searcher (which reads them); the shim under them holds no such policy.
 * A change here that alters stored terms must bump FX_FORMAT_VERSION.
 *
 * Terms (all positional terms share one position space per document: title
 * words first, then the body after a gap, so phrases never span the two):
 *   <stem>        unprefixed: stem of every word, title and body, positional
 *   E<norm>       exact normalized surface form, title and body, wdf only:
 *                 no positions (they cost 29 % of the index and 22 % of the
 *                 indexing time on ANT); an exact word is placed where its
 *                 stem stands, an exact phrase is the phrase of the stems
 *   S<stem>       title field, positional
 *   L<stem>       the lead: body words among the first FX_LEAD_WORDS (wdf);
 *                 the stem as far as ar_broad_len, so that a feminine plural
 *                 and its singular count as one
 *   Q<id>         the unique id (boolean)
 *   F<hash>       the input file the document was read from: 16 hex digits
 *                 of an FNV-1a hash of its key (boolean), for incremental runs
 *   O<source>     source, case-folded (boolean)
 *   K<category>   category, case-folded (boolean)
 *   Y<yyyy>, M<yyyymm>, D<yyyymmdd>  date (boolean)
 * Values: FX_SLOT_DATE "YYYY-MM-DD"; FX_SLOT_SOURCE the source as given.
 * Record fields (what the searcher shows): id, title, text, date, source,
 * path. Nothing else is stored: a field no query or output reads costs
 * space on every document.
 * A title that the body repeats (plain text, or a body that opens with its
 * title) is indexed as the title field only, so its words count once.
 * Stems and normalized forms never start with an ASCII capital, so the
 * prefixes cannot collide with them.
 */
#ifndef FAHRAS_SCHEMA_H
#define FAHRAS_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#define FX_FORMAT_VERSION "5"

#define FX_META_FORMAT "fahras.format"
#define FX_META_ANALYZER "fahras.analyzer"
/* The Arabic stemmer the index was built with: "light" (also when the key is
 * absent) or "snowball". */
#define FX_META_STEMMER "fahras.stemmer"
/* When the index last changed: "YYYY-MM-DDTHH:MM:SSZ". */
#define FX_META_UPDATED "fahras.updated"
/* One key per indexed input file: FX_META_FILE + file key, value
 * "size mtime hash" (decimal, decimal, 16 hex digits) of what was indexed. */
#define FX_META_FILE "fahras.file:"

#define FX_PREFIX_EXACT "E"
#define FX_PREFIX_TITLE "S"
#define FX_PREFIX_LEAD "L"
#define FX_PREFIX_ID "Q"
#define FX_PREFIX_FILE "F"
#define FX_PREFIX_SOURCE "O"
#define FX_PREFIX_CATEGORY "K"
#define FX_PREFIX_YEAR "Y"
#define FX_PREFIX_MONTH "M"
#define FX_PREFIX_DAY "D"

#define FX_SLOT_DATE 0
#define FX_SLOT_SOURCE 1

/* Body words that count as the lead of an article. 30 beat 20, 45, 60 and
 * 100 on the ANT known-item task. */
#define FX_LEAD_WORDS 30

/* Positions of body words start this far after the last title word. */
#define FX_TITLE_GAP 100

/* The unique id term of id into idterm (FX_IDTERM_SIZE bytes). Ids too long
 * for a Xapian term keep a readable head and an FNV-1a hash of the whole. */
#define FX_IDTERM_SIZE 256
void fx_key_term(const char *prefix, const char *id, char *idterm);

/* FNV-1a, 64 bits, over n bytes, continued from h (start with
 * FX_HASH_SEED). Used for long ids, file terms, shard choice and file
 * contents. */
#define FX_HASH_SEED 1469598103934665603ULL
uint64_t fx_hash(uint64_t h, const void *p, size_t n);
static inline void fx_id_term(const char *id, char *idterm)
{
    fx_key_term(FX_PREFIX_ID, id, idterm);
}

/* What an index's metadata says, as fx_check reads it. */
typedef struct {
    const char *format, *analyzer, *stemmer; /* "" when unset */
    uint32_t docs;
} fx_index_meta;

typedef enum {
    FX_OK = 0,
    FX_ENOTFAHRAS = -1, /* documents, but no Fahras format */
    FX_EVERSION = -2,   /* another format or analyzer version */
    FX_ESTEMMER = -3    /* a stemmer this program does not know */
} fx_status;

/* Check an index against this program's format (FX_FORMAT_VERSION) and
 * analyzer (analyzer, AR_VERSION). An empty index (no documents) passes.
 * *stemmer (may be NULL) receives the index's stemmer as ar_stemmer_parse
 * reads it (light when unset). A one-line reason goes to msg. */
fx_status fx_check(const fx_index_meta *m, const char *analyzer, int *stemmer, char *msg,
                   size_t msglen);

#endif
