/*
 * output.h - how the searcher prints a hit: human, json, trec or ids.
 * Output stays in logical order; terminals that cannot do bidi are the
 * terminal's business, not a reason to reorder text.
 */
#ifndef FAHRAS_OUTPUT_H
#define FAHRAS_OUTPUT_H

#include <stdint.h>
#include <stdio.h>

#include "snippet.h"

typedef enum { OUT_HUMAN, OUT_JSON, OUT_TREC, OUT_IDS } out_format;
typedef enum { HL_NONE, HL_BRACKETS, HL_ANSI, HL_BOLD } out_highlight;

typedef struct {
    uint32_t rank;
    double score;
    const char *id, *title, *date, *source, *path; /* any may be NULL */
    size_t title_len;
    const sn_snippet *snippet; /* NULL for trec and ids */
    const char *qid;           /* trec query id */
} out_hit;

/* Parse a format or highlight name; -1 when unknown. */
int out_format_parse(const char *s);
int out_highlight_parse(const char *s);

/* Print one hit to f. Returns 0, or -1 when out of memory or f failed. */
int out_print_hit(FILE *f, out_format fmt, out_highlight hl, const out_hit *h);

#endif
