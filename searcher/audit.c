/*
 * audit.c - keyword audits (audit.h). For each keyword: the matching
 * documents in one match; the wdf of every pattern term in all of them in
 * one pass along each posting list; then qm_match per document, reading
 * positions only where a phrase needs them.
 */
#include "audit.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../schema/schema.h"
#include "match.h"
#include "query.h"
#include "textdoc.h"

typedef struct {
    char *key;
    uint64_t docs, occ;
} au_group;

typedef struct {
    char *keyword;
    uint64_t docs, occ;
    au_group *groups; /* sorted by key */
    size_t ngroups;
    char **ids;       /* with --ids: the document ids, and occurrences each */
    uint64_t *id_occ;
    size_t nids;
} au_row;

/* One term of the keyword's patterns and its wdf in every matching doc. */
typedef struct {
    const char *term; /* borrowed from the pattern */
    uint32_t *wdf;
} au_term;

typedef struct {
    xs_reader *r;
    au_term *terms; /* sorted by term pointer */
    size_t nterms;
    const xs_docid *ids;
    size_t i; /* the document being matched */
    int failed;
} au_docs;

int au_by_parse(const char *s)
{
    static const char *const names[] = {"", "source", "year", "month"};
    for (int i = 1; i < 4; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

static int cmp_term_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const au_term *)a)->term, y = (uintptr_t)((const au_term *)b)->term;
    return x < y ? -1 : x > y;
}

static const au_term *find_term(const au_docs *d, const char *term)
{
    au_term key = {term, NULL};
    return bsearch(&key, d->terms, d->nterms, sizeof key, cmp_term_ptr);
}

static int doc_wdf(void *ctx, const char *term, uint32_t *wdf)
{
    au_docs *d = ctx;
    const au_term *t = find_term(d, term);
    *wdf = t ? t->wdf[d->i] : 0;
    return 0;
}

static int doc_positions(void *ctx, const char *term, uint32_t **pos, size_t *n)
{
    au_docs *d = ctx;
    const au_term *t = find_term(d, term);
    *pos = NULL;
    *n = 0;
    /* Only terms that the document holds cost a position lookup. */
    if (!t || t->wdf[d->i] == 0)
        return 0;
    if (xs_reader_positions(d->r, d->ids[d->i], term, pos, n) != XS_OK) {
        d->failed = 1;
        return -1;
    }
    return 0;
}

static void row_clear(au_row *w)
{
    free(w->keyword);
    for (size_t i = 0; i < w->ngroups; i++)
        free(w->groups[i].key);
    free(w->groups);
    for (size_t i = 0; i < w->nids; i++)
        free(w->ids[i]);
    free(w->ids);
    free(w->id_occ);
    memset(w, 0, sizeof *w);
}

/* The group of a document from its stored value (NULL: none). */
static void group_key(au_by by, const char *v, char *out, size_t cap)
{
    if (by == AU_BY_SOURCE)
        snprintf(out, cap, "%s", v && *v ? v : "(none)");
    else if (!v || strlen(v) < 7)
        snprintf(out, cap, "(undated)");
    else
        snprintf(out, cap, "%.*s", by == AU_BY_YEAR ? 4 : 7, v);
}

static int add_to_group(au_row *w, const char *key, uint64_t occ)
{
    size_t lo = 0, hi = w->ngroups;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w->groups[mid].key, key);
        if (c == 0) {
            w->groups[mid].docs++;
            w->groups[mid].occ += occ;
            return 0;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    au_group *ng = realloc(w->groups, (w->ngroups + 1) * sizeof *ng);
    if (!ng)
        return -1;
    w->groups = ng;
    char *k = strdup(key);
    if (!k)
        return -1;
    memmove(&w->groups[lo + 1], &w->groups[lo], (w->ngroups - lo) * sizeof *ng);
    w->groups[lo].key = k;
    w->groups[lo].docs = 1;
    w->groups[lo].occ = occ;
    w->ngroups++;
    return 0;
}

/* Run one keyword into w. Returns 0, or -1 with a message in msg. */
static int audit_keyword(ar_analyzer *a, xs_reader *r, const char *kw, const au_opts *o,
                         au_by by, au_row *w, char *msg, size_t msglen)
{
    qp_query *q = NULL;
    qn_error err;
    xs_docid *ids = NULL;
    size_t n = 0, npat = 0;
    au_docs d;
    char **vals = NULL;
    int rc = -1;
    qp_opts qo = {o->mode, o->since, o->until, 0};

    memset(&d, 0, sizeof d);
    memset(w, 0, sizeof *w);
    int qrc = qp_parse(a, r, kw, &qo, &q, &err);
    if (qrc) {
        if (err.column)
            snprintf(msg, msglen, "character %zu: %s", err.column, err.msg);
        else
            snprintf(msg, msglen, "%s", err.msg);
        goto done;
    }
    if (!(w->keyword = strdup(kw)))
        goto nomem;
    if (xs_reader_match_ids(r, qp_query_xs(q), &ids, &n) != XS_OK)
        goto xserr;
    const qm_pattern *pats = qp_query_patterns(q, &npat);
    int check = qp_query_check(q);
    for (size_t p = 0; p < npat; p++)
        for (size_t s = 0; s < pats[p].nslots; s++)
            d.nterms += pats[p].slots[s].n + pats[p].slots[s].nexact;
    d.terms = calloc(d.nterms + 1, sizeof *d.terms);
    if (!d.terms)
        goto nomem;
    d.nterms = 0;
    for (size_t p = 0; p < npat; p++)
        for (size_t s = 0; s < pats[p].nslots; s++)
            for (size_t t = 0; t < pats[p].slots[s].n + pats[p].slots[s].nexact; t++) {
                /* The slot's terms, then each term that places its exact
                 * forms, once. */
                const qm_slot *sl = &pats[p].slots[s];
                const char *term = t < sl->n ? sl->terms[t] : sl->pos_terms ? sl->pos_terms[t - sl->n] : NULL;
                for (size_t j = 0; term && t >= sl->n && j < t - sl->n; j++)
                    if (!strcmp(sl->pos_terms[j], term))
                        term = NULL;
                if (!term)
                    continue;
                au_term *at = &d.terms[d.nterms++];
                at->term = term;
                if (!(at->wdf = calloc(n + 1, sizeof *at->wdf)))
                    goto nomem;
                if (xs_reader_wdfs(r, at->term, ids, n, at->wdf) != XS_OK)
                    goto xserr;
            }
    qsort(d.terms, d.nterms, sizeof *d.terms, cmp_term_ptr);
    d.r = r;
    d.ids = ids;
    if (by != AU_BY_NONE) {
        if (!(vals = calloc(n + 1, sizeof *vals)))
            goto nomem;
        if (xs_reader_values(r, by == AU_BY_SOURCE ? FX_SLOT_SOURCE : FX_SLOT_DATE, ids, n,
                             vals) != XS_OK)
            goto xserr;
    }
    if (o->ids) {
        w->ids = calloc(n + 1, sizeof *w->ids);
        w->id_occ = calloc(n + 1, sizeof *w->id_occ);
        if (!w->ids || !w->id_occ)
            goto nomem;
    }
    qm_doc doc = {doc_positions, doc_wdf, NULL, &d};
    for (size_t i = 0; i < n; i++) {
        uint64_t c = 0;
        d.i = i;
        int mr = check ? td_count(a, r, ids[i], pats, npat, &c)
                       : qm_match(pats, npat, &doc, NULL, NULL, &c);
        if (mr == -1)
            goto nomem;
        if (mr == -3)
            goto anerr;
        if (mr)
            goto xserr;
        if (check && c == 0)
            continue; /* the stems, not the forms, stand together there */
        w->docs++;
        w->occ += c;
        if (by != AU_BY_NONE) {
            char key[256];
            group_key(by, vals[i], key, sizeof key);
            if (add_to_group(w, key, c))
                goto nomem;
        }
        if (o->ids) {
            xs_record *rec = NULL;
            size_t il = 0;
            if (xs_reader_record(r, ids[i], &rec) != XS_OK)
                goto xserr;
            const char *id = xs_record_get(rec, "id", &il);
            w->ids[w->nids] = strndup(id ? id : "", id ? il : 0);
            xs_record_free(rec);
            if (!w->ids[w->nids])
                goto nomem;
            w->id_occ[w->nids++] = c;
        }
    }
    rc = 0;
    goto done;
nomem:
    snprintf(msg, msglen, "out of memory");
    goto done;
anerr:
    snprintf(msg, msglen, "%s", ar_analyzer_errmsg(a));
    goto done;
xserr:
    snprintf(msg, msglen, "%s", xs_errmsg());
done:
    for (size_t i = 0; vals && i < n; i++)
        free(vals[i]);
    free(vals);
    for (size_t t = 0; t < d.nterms; t++)
        free(d.terms[t].wdf);
    free(d.terms);
    free(ids);
    qp_query_free(q);
    if (rc)
        row_clear(w);
    return rc;
}

/* ---- output ------------------------------------------------------------ */

static const char *by_name(au_by by)
{
    return by == AU_BY_SOURCE ? "source" : by == AU_BY_YEAR ? "year" : "month";
}

static void print_tsv(FILE *f, const au_row *w, const au_opts *o)
{
    if (o->ids) {
        /* One row per document: the sums of the columns are the totals. */
        for (size_t i = 0; i < w->nids; i++) {
            out_tsv(f, w->keyword, strlen(w->keyword));
            fprintf(f, "\t1\t%llu\t", (unsigned long long)w->id_occ[i]);
            out_tsv(f, w->ids[i], strlen(w->ids[i]));
            fputc('\n', f);
        }
        return;
    }
    if (o->by == AU_BY_NONE) {
        out_tsv(f, w->keyword, strlen(w->keyword));
        fprintf(f, "\t%llu\t%llu\n", (unsigned long long)w->docs, (unsigned long long)w->occ);
        return;
    }
    for (size_t g = 0; g < w->ngroups; g++) {
        out_tsv(f, w->keyword, strlen(w->keyword));
        fprintf(f, "\t%llu\t%llu\t", (unsigned long long)w->groups[g].docs,
                (unsigned long long)w->groups[g].occ);
        out_tsv(f, w->groups[g].key, strlen(w->groups[g].key));
        fputc('\n', f);
    }
}

static void print_json(FILE *f, const au_row *w, const au_opts *o)
{
    fputs("{\"keyword\":", f);
    out_json_str(f, w->keyword, strlen(w->keyword));
    fprintf(f, ",\"documents\":%llu,\"occurrences\":%llu", (unsigned long long)w->docs,
            (unsigned long long)w->occ);
    if (o->by != AU_BY_NONE) {
        fprintf(f, ",\"by\":\"%s\",\"groups\":[", by_name(o->by));
        for (size_t g = 0; g < w->ngroups; g++) {
            fputs(g ? ",{\"key\":" : "{\"key\":", f);
            out_json_str(f, w->groups[g].key, strlen(w->groups[g].key));
            fprintf(f, ",\"documents\":%llu,\"occurrences\":%llu}",
                    (unsigned long long)w->groups[g].docs, (unsigned long long)w->groups[g].occ);
        }
        fputc(']', f);
    }
    if (o->ids) {
        fputs(",\"ids\":[", f);
        for (size_t i = 0; i < w->nids; i++) {
            fputs(i ? ",{\"id\":" : "{\"id\":", f);
            out_json_str(f, w->ids[i], strlen(w->ids[i]));
            fprintf(f, ",\"occurrences\":%llu}", (unsigned long long)w->id_occ[i]);
        }
        fputc(']', f);
    }
    fputs("}\n", f);
}

/* Months from first to last ("YYYY-MM"), as an index: month m of the span
 * is (y0 * 12 + m0) + m. */
static int month_index(const char *key)
{
    if (strlen(key) != 7 || key[4] != '-')
        return -1;
    return atoi(key) * 12 + atoi(key + 5) - 1;
}

typedef struct {
    int first, last; /* month indexes; first > last when there is none */
} span;

static span month_span(const au_row *rows, size_t n)
{
    span s = {1 << 30, -1};
    for (size_t i = 0; i < n; i++)
        for (size_t g = 0; g < rows[i].ngroups; g++) {
            int m = month_index(rows[i].groups[g].key);
            if (m < 0)
                continue;
            if (m < s.first)
                s.first = m;
            if (m > s.last)
                s.last = m;
        }
    return s;
}

/* Documents of row w in month index m. */
static uint64_t month_docs(const au_row *w, int m)
{
    for (size_t g = 0; g < w->ngroups; g++)
        if (month_index(w->groups[g].key) == m)
            return w->groups[g].docs;
    return 0;
}

static void sparkline(FILE *f, const au_row *w, span s)
{
    /* U+2581..U+2588: eight heights; a month with no document is the lowest. */
    static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    uint64_t max = 0;
    for (int m = s.first; m <= s.last; m++)
        if (month_docs(w, m) > max)
            max = month_docs(w, m);
    for (int m = s.first; m <= s.last; m++) {
        uint64_t v = month_docs(w, m);
        int lvl = max == 0 || v == 0 ? 0 : 1 + (int)((v * 6 + max - 1) / max);
        fputs(bars[lvl > 7 ? 7 : lvl], f);
    }
}

static void print_human(FILE *f, const au_row *rows, size_t n, const au_opts *o)
{
    span s = month_span(rows, n);
    fprintf(f, "%-24s %10s %12s\n", "keyword", "documents", "occurrences");
    for (size_t i = 0; i < n; i++) {
        const au_row *w = &rows[i];
        if (!w->keyword)
            continue;
        out_text(f, w->keyword, strlen(w->keyword));
        /* Pad by characters, not bytes. */
        size_t cps = 0;
        for (const char *p = w->keyword; *p; p++)
            cps += ((unsigned char)*p & 0xC0) != 0x80;
        for (size_t k = cps; k < 24; k++)
            fputc(' ', f);
        fprintf(f, " %10llu %12llu", (unsigned long long)w->docs, (unsigned long long)w->occ);
        if (o->sparkline && o->by == AU_BY_MONTH && s.first <= s.last) {
            fputs("  ", f);
            sparkline(f, w, s);
        }
        fputc('\n', f);
        for (size_t g = 0; o->by != AU_BY_NONE && g < w->ngroups; g++) {
            fputs("    ", f);
            out_text(f, w->groups[g].key, strlen(w->groups[g].key));
            fprintf(f, "  %llu documents, %llu occurrences\n",
                    (unsigned long long)w->groups[g].docs, (unsigned long long)w->groups[g].occ);
        }
        for (size_t k = 0; k < w->nids; k++) {
            fputs("    ", f);
            out_text(f, w->ids[k], strlen(w->ids[k]));
            fprintf(f, "  %llu\n", (unsigned long long)w->id_occ[k]);
        }
    }
}

/* ---- SVG ------------------------------------------------------------- */

/* Text for XML: escaped, and only characters XML 1.0 allows. */
static void svg_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '&')
            fputs("&amp;", f);
        else if (c == '<')
            fputs("&lt;", f);
        else if (c == '>')
            fputs("&gt;", f);
        else if (c == '"')
            fputs("&quot;", f);
        else if (c < 0x20)
            fputc(' ', f);
        else
            fputc(c, f);
    }
}

/* A round step for about five ticks up to max. */
static uint64_t tick_step(uint64_t max)
{
    uint64_t step = 1;
    while (step * 5 < max) {
        if (step * 2 * 5 >= max)
            return step * 2;
        if (step * 5 * 5 >= max)
            return step * 5;
        step *= 10;
    }
    return step;
}

static int write_svg(const char *path, const au_row *rows, size_t n)
{
    static const char *const colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                          "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                                          "#bcbd22", "#17becf"};
    span s = month_span(rows, n);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int months = s.first <= s.last ? s.last - s.first + 1 : 0;
    uint64_t max = 1;
    for (size_t i = 0; i < n; i++)
        for (int m = s.first; m <= s.last; m++)
            if (rows[i].keyword && month_docs(&rows[i], m) > max)
                max = month_docs(&rows[i], m);
    uint64_t step = tick_step(max);
    uint64_t top = (max + step - 1) / step * step;
    const double L = 70, R = 220, T = 40, B = 80, W = 960, H = 480;
    const double pw = W - L - R, ph = H - T - B;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" "
               "viewBox=\"0 0 %g %g\" font-family=\"sans-serif\" font-size=\"12\">\n",
            W, H, W, H);
    fprintf(f, "<title>Documents per month</title>\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
               "<text x=\"%g\" y=\"24\" font-size=\"15\">Documents per month</text>\n",
            L);
    /* Axes, ticks and grid. */
    fprintf(f, "<g class=\"axes\" stroke=\"#333\">\n"
               "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\"/>\n"
               "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\"/>\n</g>\n",
            L, T, L, T + ph, L, T + ph, L + pw, T + ph);
    fputs("<g class=\"y-ticks\" text-anchor=\"end\">\n", f);
    for (uint64_t v = 0; v <= top; v += step) {
        double y = T + ph - ph * (double)v / (double)top;
        fprintf(f, "<line x1=\"%g\" y1=\"%.1f\" x2=\"%g\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                   "<text x=\"%g\" y=\"%.1f\">%llu</text>\n",
                L, y, L + pw, y, L - 6, y + 4, (unsigned long long)v);
    }
    fputs("</g>\n<g class=\"x-ticks\" text-anchor=\"end\">\n", f);
    int every = months > 24 ? (months + 23) / 24 : 1;
    for (int m = 0; m < months; m++) {
        double x = L + (months > 1 ? pw * m / (months - 1) : pw / 2);
        int mi = s.first + m;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%g\" x2=\"%.1f\" y2=\"%g\" stroke=\"#333\"/>", x,
                T + ph, x, T + ph + 4);
        if (m % every == 0)
            fprintf(f, "<text class=\"month\" x=\"%.1f\" y=\"%g\" transform=\"rotate(-45 %.1f %g)\">"
                       "%04d-%02d</text>",
                    x, T + ph + 16, x, T + ph + 16, mi / 12, mi % 12 + 1);
        fputc('\n', f);
    }
    fprintf(f, "</g>\n<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">month</text>\n"
               "<text x=\"16\" y=\"%g\" transform=\"rotate(-90 16 %g)\" "
               "text-anchor=\"middle\">documents</text>\n",
            L + pw / 2, H - 8, T + ph / 2, T + ph / 2);
    /* One series per keyword; the data attributes carry the numbers. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const au_row *w = &rows[i];
        if (!w->keyword)
            continue;
        const char *col = colours[k % 10];
        fputs("<g class=\"series\" data-keyword=\"", f);
        svg_text(f, w->keyword);
        fprintf(f, "\">\n<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", col);
        for (int m = 0; m < months; m++) {
            double x = L + (months > 1 ? pw * m / (months - 1) : pw / 2);
            double y = T + ph - ph * (double)month_docs(w, s.first + m) / (double)top;
            fprintf(f, "%s%.1f,%.1f", m ? " " : "", x, y);
        }
        fputs("\"/>\n", f);
        for (int m = 0; m < months; m++) {
            int mi = s.first + m;
            double x = L + (months > 1 ? pw * m / (months - 1) : pw / 2);
            uint64_t v = month_docs(w, mi);
            double y = T + ph - ph * (double)v / (double)top;
            fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\" "
                       "data-month=\"%04d-%02d\" data-documents=\"%llu\"><title>",
                    x, y, col, mi / 12, mi % 12 + 1, (unsigned long long)v);
            svg_text(f, w->keyword);
            fprintf(f, " %04d-%02d: %llu</title></circle>\n", mi / 12, mi % 12 + 1,
                    (unsigned long long)v);
        }
        /* The legend: Arabic keywords read right to left. */
        double ly = T + 10 + 20.0 * (double)k;
        fprintf(f, "<line x1=\"%g\" y1=\"%.1f\" x2=\"%g\" y2=\"%.1f\" stroke=\"%s\" "
                   "stroke-width=\"3\"/>\n"
                   "<text class=\"legend\" x=\"%g\" y=\"%.1f\" direction=\"rtl\" "
                   "unicode-bidi=\"embed\" text-anchor=\"start\" xml:lang=\"ar\">",
                W - 40, ly, W - 20, ly, col, W - 48, ly + 4);
        svg_text(f, w->keyword);
        fputs("</text>\n</g>\n", f);
        k++;
    }
    fputs("</svg>\n", f);
    int bad = ferror(f);
    return fclose(f) || bad ? -1 : 0;
}

int au_run(ar_analyzer *a, xs_reader *r, const char *file, const au_opts *o)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    char *line = NULL, msg[300];
    size_t cap = 0, lineno = 0, nrows = 0, caprows = 0;
    ssize_t len;
    au_row *rows = NULL;
    int errors = 0, any = 0;
    struct stat st;
    /* A plot needs months, whatever the table is split by. */
    au_by by = o->plot ? AU_BY_MONTH : o->by;

    if (!f || (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))) {
        fprintf(stderr, "searcher: %s: %s\n", file, f ? "is a directory" : strerror(errno));
        if (f && f != stdin)
            fclose(f);
        return 2;
    }
    if (o->fmt == OUT_TSV) {
        printf("keyword\tdocuments\toccurrences");
        if (o->ids)
            printf("\tid");
        else if (o->by != AU_BY_NONE)
            printf("\t%s", by_name(o->by));
        putchar('\n');
    }
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        size_t s = 0;
        while (line[s] == ' ' || line[s] == '\t')
            s++;
        if (!line[s] || line[s] == '#')
            continue;
        if (nrows == caprows) {
            size_t nc = caprows ? caprows * 2 : 16;
            au_row *nr = realloc(rows, nc * sizeof *nr);
            if (!nr) {
                fprintf(stderr, "searcher: out of memory\n");
                errors++;
                break;
            }
            rows = nr;
            caprows = nc;
        }
        au_row *w = &rows[nrows++];
        if (audit_keyword(a, r, line + s, o, by, w, msg, sizeof msg)) {
            fprintf(stderr, "searcher: %s:%zu: ", file, lineno);
            out_text(stderr, msg, strlen(msg));
            fputc('\n', stderr);
            errors++;
            continue;
        }
        if (w->docs)
            any = 1;
        if (o->fmt == OUT_TSV)
            print_tsv(stdout, w, o);
        else if (o->fmt == OUT_JSON)
            print_json(stdout, w, o);
        if (ferror(stdout))
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "searcher: %s: %s\n", file, strerror(errno));
        errors++;
    }
    if (o->fmt == OUT_HUMAN)
        print_human(stdout, rows, nrows, o);
    if (o->plot && write_svg(o->plot, rows, nrows)) {
        fprintf(stderr, "searcher: %s: cannot write the chart: %s\n", o->plot, strerror(errno));
        errors++;
    }
    if (ferror(stdout)) {
        fprintf(stderr, "searcher: cannot write results\n");
        errors++;
    }
    for (size_t i = 0; i < nrows; i++)
        row_clear(&rows[i]);
    free(rows);
    free(line);
    if (f != stdin)
        fclose(f);
    return errors ? 2 : any ? 0 : 1;
}
