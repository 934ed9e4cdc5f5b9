/*
 * output.h - how the searcher prints: hits as human, json, tsv, trec or
 * ids, and the string writers every output path shares.
 *
 * Text from documents never reaches a terminal raw: human and TSV output
 * show C0 and C1 control characters as visible placeholders (U+2400..U+2421
 * "control pictures", U+FFFD for C1), and JSON escapes them. Bytes that are
 * not UTF-8 become U+FFFD everywhere, so every JSON string is valid UTF-8.
 * Output stays in logical order; bidi display is the terminal's business.
 */
#ifndef FAHRAS_OUTPUT_H
#define FAHRAS_OUTPUT_H

#include <stdint.h>
#include <stdio.h>

#include "snippet.h"

typedef enum { OUT_HUMAN, OUT_JSON, OUT_TSV, OUT_TREC, OUT_IDS } out_format;
typedef enum { HL_NONE, HL_BRACKETS, HL_ANSI, HL_BOLD } out_highlight;

typedef struct {
    uint32_t rank;
    double score;
    const char *id, *title, *date, *source, *path; /* any may be NULL */
    size_t title_len;
    const sn_snippet *snippet; /* NULL for tsv, trec and ids */
    const char *qid;           /* query id: trec always, json and tsv in batches */
} out_hit;

/* Parse a format or highlight name; -1 when unknown. */
int out_format_parse(const char *s);
int out_highlight_parse(const char *s);

/* n bytes of s for a terminal: controls as placeholders, bad bytes as U+FFFD. */
void out_text(FILE *f, const char *s, size_t n);

/* n bytes of s as one TSV field: tab, newline, carriage return and
 * backslash as \t \n \r \\, other controls as for out_text. */
void out_tsv(FILE *f, const char *s, size_t n);

/* A JSON string literal of n bytes of s, or null when s is NULL. */
void out_json_str(FILE *f, const char *s, size_t n);

/* A JSON number, or null when v is not finite (JSON has no Infinity). */
void out_json_num(FILE *f, double v);

/* The header line of TSV hits (with a qid column when batch). */
void out_tsv_header(FILE *f, int batch);

/* Print one hit to f. Returns 0, or -1 when f failed. */
int out_print_hit(FILE *f, out_format fmt, out_highlight hl, const out_hit *h);

#endif
