/*
 * output.c - printing hits, and the three string writers (terminal, TSV,
 * JSON) that every piece of document text goes through. Highlights are
 * [start, end) code point offsets into the snippet string; the writers keep
 * one code point per code point, so the offsets stay right.
 */
#include "output.h"

#include <math.h>
#include <string.h>

#include "../analysis/ar.h"

int out_format_parse(const char *s)
{
    static const char *const names[] = {"human", "json", "tsv", "trec", "ids"};
    for (int i = 0; i < 5; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

int out_highlight_parse(const char *s)
{
    static const char *const names[] = {"none", "brackets", "ansi", "bold"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

/* Length of the valid UTF-8 character at s (n bytes left), 0 if invalid. */
static size_t char_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t l = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    return l <= n && ar_utf8_valid(s, l) ? l : 0;
}

typedef enum { W_TEXT, W_TSV, W_JSON } wmode;

/* The one walk over document text: valid characters are copied, controls
 * and bad bytes are shown as mode wants. */
static void put_str(FILE *f, const char *s, size_t n, wmode mode)
{
    static const char repl[] = "\xef\xbf\xbd"; /* U+FFFD */
    size_t i = 0, run = 0; /* s[run, i) is written as it stands, in one go */
    while (i < n) {
        size_t l = char_len(s + i, n - i);
        unsigned char c = (unsigned char)s[i];
        /* The code point of a 2-byte character (C1 controls are U+0080..U+009F). */
        unsigned cp = l == 1 ? c : l == 2 ? ((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu) : 0x800;
        int ctl = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
        int plain = l > 0 && !ctl &&
                    !(mode == W_JSON && (cp == '"' || cp == '\\')) &&
                    !(mode == W_TSV && cp == '\\');
        if (plain) {
            i += l;
            continue;
        }
        if (i > run)
            fwrite(s + run, 1, i - run, f);
        if (l == 0) {
            fputs(mode == W_JSON ? "\\ufffd" : repl, f);
            run = ++i;
            continue;
        }
        if (mode == W_JSON) {
            if (cp == '"' || cp == '\\')
                fprintf(f, "\\%c", (char)cp);
            else if (cp == '\n')
                fputs("\\n", f);
            else if (cp == '\t')
                fputs("\\t", f);
            else
                fprintf(f, "\\u%04x", cp);
        } else if (mode == W_TSV && (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\\')) {
            fputs(cp == '\t' ? "\\t" : cp == '\n' ? "\\n" : cp == '\r' ? "\\r" : "\\\\", f);
        } else if (cp < 0x20) {
            /* U+2400 + c pictures C0 controls; U+2421 is DEL's picture. */
            fprintf(f, "\xe2\x90%c", (char)(0x80 + cp));
        } else if (cp == 0x7F) {
            fputs("\xe2\x90\xa1", f);
        } else {
            fputs(repl, f);
        }
        i += l;
        run = i;
    }
    if (i > run)
        fwrite(s + run, 1, i - run, f);
}

void out_text(FILE *f, const char *s, size_t n)
{
    put_str(f, s, n, W_TEXT);
}

void out_tsv(FILE *f, const char *s, size_t n)
{
    if (s)
        put_str(f, s, n, W_TSV);
}

void out_json_str(FILE *f, const char *s, size_t n)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    put_str(f, s, n, W_JSON);
    fputc('"', f);
}

void out_json_num(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.17g", v);
    else
        fputs("null", f);
}

static void put_snippet(FILE *f, out_highlight hl, const sn_snippet *s)
{
    static const char *const open[] = {"", "[", "\033[1;31m", "\033[1m"};
    static const char *const close[] = {"", "]", "\033[0m", "\033[0m"};
    size_t p = 0;
    for (size_t i = 0; i < s->nspans; i++) {
        out_text(f, s->text + p, s->bstarts[i] - p);
        fputs(open[hl], f);
        out_text(f, s->text + s->bstarts[i], s->bends[i] - s->bstarts[i]);
        fputs(close[hl], f);
        p = s->bends[i];
    }
    out_text(f, s->text + p, s->len - p);
}

static size_t slen(const char *s)
{
    return s ? strlen(s) : 0;
}

static void json_field(FILE *f, const char *key, const char *v, size_t n)
{
    fprintf(f, ",\"%s\":", key);
    out_json_str(f, v, n);
}

static void print_json(FILE *f, const out_hit *h)
{
    fputc('{', f);
    if (h->qid) {
        fputs("\"qid\":", f);
        out_json_str(f, h->qid, strlen(h->qid));
        fputc(',', f);
    }
    fprintf(f, "\"rank\":%u", h->rank);
    json_field(f, "id", h->id ? h->id : "", slen(h->id));
    fputs(",\"score\":", f);
    out_json_num(f, h->score);
    json_field(f, "title", h->title, h->title_len);
    json_field(f, "date", h->date, slen(h->date));
    json_field(f, "source", h->source, slen(h->source));
    json_field(f, "path", h->path, slen(h->path));
    json_field(f, "snippet", h->snippet ? h->snippet->text : "", h->snippet ? h->snippet->len : 0);
    fputs(",\"highlights\":[", f);
    for (size_t i = 0; h->snippet && i < h->snippet->nspans; i++)
        fprintf(f, "%s[%zu,%zu]", i ? "," : "", h->snippet->spans[i].start,
                h->snippet->spans[i].end);
    fputs("]}\n", f);
}

void out_tsv_header(FILE *f, int batch)
{
    fprintf(f, "%srank\tid\tscore\tdate\tsource\ttitle\n", batch ? "qid\t" : "");
}

static void print_tsv(FILE *f, const out_hit *h)
{
    if (h->qid) {
        out_tsv(f, h->qid, strlen(h->qid));
        fputc('\t', f);
    }
    fprintf(f, "%u\t", h->rank);
    out_tsv(f, h->id, slen(h->id));
    fprintf(f, "\t%.6f\t", isfinite(h->score) ? h->score : 0.0);
    out_tsv(f, h->date, slen(h->date));
    fputc('\t', f);
    out_tsv(f, h->source, slen(h->source));
    fputc('\t', f);
    out_tsv(f, h->title, h->title_len);
    fputc('\n', f);
}

int out_print_hit(FILE *f, out_format fmt, out_highlight hl, const out_hit *h)
{
    switch (fmt) {
    case OUT_JSON:
        print_json(f, h);
        break;
    case OUT_TSV:
        print_tsv(f, h);
        break;
    case OUT_TREC:
        /* TREC run files are whitespace-separated: the id goes as TSV. */
        out_tsv(f, h->qid ? h->qid : "1", strlen(h->qid ? h->qid : "1"));
        fputs(" Q0 ", f);
        out_tsv(f, h->id, slen(h->id));
        fprintf(f, " %u %.6f fahras\n", h->rank, isfinite(h->score) ? h->score : 0.0);
        break;
    case OUT_IDS:
        out_tsv(f, h->id, slen(h->id));
        fputc('\n', f);
        break;
    case OUT_HUMAN:
    default:
        fprintf(f, "%u. ", h->rank);
        if (h->title && h->title_len)
            out_text(f, h->title, h->title_len);
        else
            fputs("(no title)", f);
        fputs("\n   ", f);
        out_text(f, h->id ? h->id : "", slen(h->id));
        if (h->date && *h->date) {
            fputs(" | ", f);
            out_text(f, h->date, strlen(h->date));
        }
        if (h->source && *h->source) {
            fputs(" | ", f);
            out_text(f, h->source, strlen(h->source));
        }
        fprintf(f, " | score %.3f\n", h->score);
        if (h->snippet) {
            fputs("   ", f);
            put_snippet(f, hl, h->snippet);
            fputc('\n', f);
        }
        fputc('\n', f);
        break;
    }
    return ferror(f) ? -1 : 0;
}
