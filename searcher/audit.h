/*
 * audit.h - keyword audits: for each keyword (a word, a phrase or a whole
 * query, one per line), how many documents match it and how many times it
 * occurs in them, optionally split by source, year or month, with the
 * matching ids, a sparkline and an SVG chart.
 *
 * Reproducible by construction: query expansion never consults the
 * collection (query.h), so what a keyword matches in a document never
 * depends on the other documents of the index. Occurrences are counted by qm_match, the matcher
 * that places the snippet highlights.
 */
#ifndef FAHRAS_AUDIT_H
#define FAHRAS_AUDIT_H

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "output.h"
#include "query.h"

typedef enum { AU_BY_NONE, AU_BY_SOURCE, AU_BY_YEAR, AU_BY_MONTH } au_by;

typedef struct {
    au_by by;
    int ids;            /* list the matching ids */
    out_format fmt;     /* OUT_TSV (default), OUT_JSON or OUT_HUMAN */
    int sparkline;      /* human format, by month: end rows with a sparkline */
    const char *plot;   /* write an SVG chart of monthly documents here */
    const char *since;  /* checked date bounds, or NULL */
    const char *until;
    qp_mode mode;       /* the default operator, as for a search (--any) */
} au_opts;

/* Parse "source", "year" or "month"; -1 when unknown. */
int au_by_parse(const char *s);

/* Audit every keyword of file (- for stdin) against r, printing to stdout.
 * Errors go to stderr as "searcher: FILE:LINE: ..." and the other keywords
 * still run. Returns the exit status: 0 some keyword matched, 1 none did,
 * 2 a line or the output failed. */
int au_run(ar_analyzer *a, xs_reader *r, const char *file, const au_opts *o);

#endif
