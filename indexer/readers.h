/*
 * readers.h - input readers of the indexer: plain text, TREC and JSON Lines.
 *
 * A reader turns one decoded (UTF-8) buffer into articles and hands each to a
 * callback. A record that cannot be read is reported through the error
 * callback with its record number and skipped; the reader goes on with the
 * next. Readers never print and never exit.
 */
#ifndef FAHRAS_READERS_H
#define FAHRAS_READERS_H

#include <stddef.h>

#include "../analysis/ar.h"

typedef enum { IX_FMT_AUTO, IX_FMT_TEXT, IX_FMT_TREC, IX_FMT_JSONL } ix_format;

/* One article. Every string is borrowed from the reader's buffers and lives
 * until the callback returns; a missing field is NULL with length 0. */
typedef struct {
    const char *id;       /* unique id (DOCNO, JSON id, the file's id) */
    const char *title;
    size_t title_len;
    const char *text;     /* the body the snippets are cut from */
    size_t text_len;
    const char *abstract; /* TREC ABSTRACT */
    size_t abstract_len;
    char date[11];        /* "YYYY-MM-DD", or "" when unknown */
    const char *source, *category, *url, *author;
    const char *path;     /* the file it came from; set by the indexer */
    const char *file_key; /* the file's stable key (see ix_file_key); set by
                           * the indexer, NULL for standard input */
    int title_in_text;    /* 1 when the title is also part of text (plain text) */
    size_t record;        /* 1-based record number in the file (line for JSONL) */
} ix_article;

/* Returns 0 to go on, negative to stop the reader with that code. */
typedef int (*ix_article_fn)(void *ctx, const ix_article *art);
/* A message about record number record (0 for the whole file). */
typedef void (*ix_error_fn)(void *ctx, size_t record, const char *msg);

/* Where a reader sends its results. */
typedef struct {
    ix_article_fn article; /* each readable article */
    ix_error_fn skip;      /* a record (or file) that is not indexed */
    ix_error_fn warn;      /* a record indexed with damaged bytes replaced */
    void *ctx;
    /* Optional: the reader is done with the bytes before offset and will
     * not read them again (the caller may release them). */
    void (*done_with)(void *ctx, size_t offset);
} ix_sink;

/* The largest article Fahras indexes: one plain-text file, one JSON record
 * or one TREC <DOC>. Larger ones are skipped with a message. */
#define IX_MAX_DOC_BYTES ((size_t)16 << 20)

/* Guess the format of buf from its first bytes (and name, when not NULL). */
ix_format ix_detect_format(const char *buf, size_t len, const char *name);

/* Parse "text|trec|jsonl|auto"; -1 when unknown. */
int ix_format_parse(const char *s);
const char *ix_format_name(ix_format f);

/* Read every article of raw (len bytes as found in the file: any encoding
 * ar_text_decode reads) in format f (not AUTO). TREC blocks and JSON lines
 * are decoded one record at a time, so a damaged record costs only itself;
 * damaged bytes become U+FFFD and are reported through warn with their
 * byte offset in raw. A .json file may also hold a JSON array of records
 * or records spread over several lines. text_id is the plain-text article's
 * id. a is used for dates and titles. Returns 0, or the first negative
 * value sink->article returned, or -1 when out of memory. Every skipped
 * record is reported through sink->skip exactly once. */
int ix_read(ix_format f, const char *raw, size_t len, const char *text_id, ar_analyzer *a,
            const ix_sink *sink);

/* Find a date in text: ISO 2017-06-08 or 2017/06/08, 08/06/2017, RFC 2822
 * "Fri, 18 May 2018", Arabic "8 يونيو 2017" with Levantine, Egyptian/Gulf and
 * Maghrebi month names, Arabic-Indic digits. Writes "YYYY-MM-DD" to out and
 * returns 1, or returns 0 when no date with a year is found. Only the first
 * max_bytes of text are searched. */
int ix_find_date(ar_analyzer *a, const char *text, size_t len, size_t max_bytes, char out[11]);

#endif
