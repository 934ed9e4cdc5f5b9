/*
 * readers.c - plain text, TREC and JSON Lines readers, and date finding.
 *
 * TREC input is "close to XML but not guaranteed well-formed", so it is read
 * by locating <DOC>...</DOC> blocks and the tags inside them, not by an XML
 * parser: an unclosed block or a block without DOCNO is skipped and
 * reported, and reading resumes at the next <DOC>. JSON Lines records are
 * parsed one line at a time with json-c.
 */
#include "readers.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json.h>

int ix_format_parse(const char *s)
{
    if (!strcmp(s, "auto"))
        return IX_FMT_AUTO;
    if (!strcmp(s, "text") || !strcmp(s, "txt"))
        return IX_FMT_TEXT;
    if (!strcmp(s, "trec"))
        return IX_FMT_TREC;
    if (!strcmp(s, "jsonl") || !strcmp(s, "json"))
        return IX_FMT_JSONL;
    return -1;
}

const char *ix_format_name(ix_format f)
{
    switch (f) {
    case IX_FMT_TEXT: return "text";
    case IX_FMT_TREC: return "trec";
    case IX_FMT_JSONL: return "jsonl";
    default: return "auto";
    }
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcasecmp(s + a - b, suf) == 0;
}

ix_format ix_detect_format(const char *buf, size_t len, const char *name)
{
    size_t i = 0;
    if (name && (ends_with(name, ".jsonl") || ends_with(name, ".ndjson") ||
                 ends_with(name, ".json")))
        return IX_FMT_JSONL;
    if (name && (ends_with(name, ".trec") || ends_with(name, ".sgml")))
        return IX_FMT_TREC;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && isspace((unsigned char)buf[i]))
        i++;
    if (len - i >= 5 && strncasecmp(buf + i, "<DOC>", 5) == 0)
        return IX_FMT_TREC;
    if (i < len && buf[i] == '{')
        return IX_FMT_JSONL;
    if (i < len && buf[i] == '[') { /* a JSON array of records */
        size_t k = i + 1;
        while (k < len && isspace((unsigned char)buf[k]))
            k++;
        if (k < len && buf[k] == '{')
            return IX_FMT_JSONL;
    }
    return IX_FMT_TEXT;
}

/* ---------------- dates ---------------- */

typedef struct {
    const char *name; /* normalized form, as ar_analyze produces it */
    int month;
} month_name;

static const month_name months[] = {
    /* Egyptian / Gulf (transliterated) */
    {"يناير", 1}, {"فبراير", 2}, {"مارس", 3}, {"ابريل", 4}, {"مايو", 5}, {"يونيو", 6},
    {"يونيه", 6}, {"يوليو", 7}, {"يوليه", 7}, {"اغسطس", 8}, {"سبتمبر", 9}, {"اكتوبر", 10},
    {"نوفمبر", 11}, {"ديسمبر", 12},
    /* Levantine / Iraqi (Syriac) */
    {"شباط", 2}, {"اذار", 3}, {"نيسان", 4}, {"ايار", 5}, {"حزيران", 6}, {"تموز", 7},
    {"اب", 8}, {"ايلول", 9},
    /* Maghrebi: Moroccan (French-derived) and Algerian/Tunisian */
    {"ماي", 5}, {"يوليوز", 7}, {"غشت", 8}, {"شتنبر", 9}, {"نونبر", 11}, {"دجنبر", 12},
    {"جانفي", 1}, {"فيفري", 2}, {"افريل", 4}, {"جوان", 6}, {"جويلية", 7}, {"اوت", 8},
    /* English (RFC 2822 and prose), case-folded */
    {"jan", 1}, {"january", 1}, {"feb", 2}, {"february", 2}, {"mar", 3}, {"march", 3},
    {"apr", 4}, {"april", 4}, {"may", 5}, {"jun", 6}, {"june", 6}, {"jul", 7}, {"july", 7},
    {"aug", 8}, {"august", 8}, {"sep", 9}, {"sept", 9}, {"september", 9}, {"oct", 10},
    {"october", 10}, {"nov", 11}, {"november", 11}, {"dec", 12}, {"december", 12},
};

/* Month at tokens i (and i+1 for the two-word Levantine names); sets *used. */
static int month_at(const ar_tokens *t, size_t i, size_t *used)
{
    const ar_token *k = ar_tokens_get(t, i);
    const ar_token *n = ar_tokens_get(t, i + 1);
    if (!k)
        return 0;
    /* كانون الثاني / كانون الاول (Jan / Dec), تشرين الاول / تشرين الثاني (Oct / Nov) */
    if (n && (!strcmp(k->norm, "كانون") || !strcmp(k->norm, "تشرين"))) {
        int first = !strcmp(n->norm, "الاول");
        int second = !strcmp(n->norm, "الثاني");
        if (first || second) {
            *used = 2;
            if (!strcmp(k->norm, "كانون"))
                return second ? 1 : 12;
            return first ? 10 : 11;
        }
    }
    for (size_t m = 0; m < sizeof months / sizeof *months; m++)
        if (!strcmp(k->norm, months[m].name)) {
            *used = 1;
            return months[m].month;
        }
    return 0;
}

static int num_at(const ar_tokens *t, size_t i, int lo, int hi, size_t maxdigits)
{
    const ar_token *k = ar_tokens_get(t, i);
    if (!k || !(k->flags & AR_TOK_NUMBER))
        return -1;
    size_t n = strlen(k->norm);
    if (n == 0 || n > maxdigits)
        return -1;
    int v = 0;
    for (size_t j = 0; j < n; j++) {
        if (!isdigit((unsigned char)k->norm[j]))
            return -1;
        v = v * 10 + (k->norm[j] - '0');
    }
    return (v >= lo && v <= hi) ? v : -1;
}

/* The bytes between tokens i and i+1 are only one of seps (and spaces). */
static int joined_by(const char *text, const ar_tokens *t, size_t i, const char *seps)
{
    const ar_token *a = ar_tokens_get(t, i), *b = ar_tokens_get(t, i + 1);
    if (!a || !b)
        return 0;
    int seen = 0;
    for (size_t p = a->end; p < b->start; p++) {
        if (text[p] == ' ')
            continue;
        if (!strchr(seps, text[p]) || seen)
            return 0;
        seen = 1;
    }
    return seen;
}

static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

static int put_date(char out[11], int y, int m, int d)
{
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 10);
    out[10] = '\0';
    return 1;
}

int ix_find_date(ar_analyzer *a, const char *text, size_t len, size_t max_bytes, char out[11])
{
    ar_tokens *t = NULL;
    int found = 0;
    size_t n = len < max_bytes ? len : max_bytes;

    out[0] = '\0';
    /* Cut at a character boundary. */
    while (n > 0 && n < len && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    if (ar_analyze(a, text, n, &t) != AR_OK)
        return 0;
    size_t cnt = ar_tokens_count(t);
    for (size_t i = 0; i < cnt && !found; i++) {
        size_t used = 0;
        int y, m, d;
        /* 8 يونيو 2017, 18 May 2018, 25 تشرين الاول 2017 */
        if ((d = num_at(t, i, 1, 31, 2)) > 0 && (m = month_at(t, i + 1, &used)) > 0 &&
            (y = num_at(t, i + 1 + used, 1900, 2100, 4)) > 0) {
            found = put_date(out, y, m, d);
            continue;
        }
        /* May 18, 2018 */
        if ((m = month_at(t, i, &used)) > 0 && (d = num_at(t, i + used, 1, 31, 2)) > 0 &&
            (y = num_at(t, i + used + 1, 1900, 2100, 4)) > 0) {
            found = put_date(out, y, m, d);
            continue;
        }
        /* 2017-06-08, 2017/06/08 */
        if ((y = num_at(t, i, 1900, 2100, 4)) > 0 && (m = num_at(t, i + 1, 1, 12, 2)) > 0 &&
            (d = num_at(t, i + 2, 1, 31, 2)) > 0 && joined_by(text, t, i, "-/") &&
            joined_by(text, t, i + 1, "-/")) {
            found = put_date(out, y, m, d);
            continue;
        }
        /* 08/06/2017, 08-06-2017 (day first, as written in Arabic) */
        if ((d = num_at(t, i, 1, 31, 2)) > 0 && (m = num_at(t, i + 1, 1, 12, 2)) > 0 &&
            (y = num_at(t, i + 2, 1900, 2100, 4)) > 0 && joined_by(text, t, i, "-/") &&
            joined_by(text, t, i + 1, "-/")) {
            found = put_date(out, y, m, d);
            continue;
        }
    }
    ar_tokens_free(t);
    return found;
}

/* ---------------- plain text ---------------- */

/* Labels that end a headline when scraped pages glue metadata onto it. */
static const char *const meta_labels[] = {
    "الكاتب", "الكاتبة", "التاريخ", "المشاهدات", "المصدر", "بقلم", "تاريخ النشر",
    "عدد المشاهدات", "آخر تحديث",
};

/* Count words and check whether a line is only digits and punctuation. */
static size_t count_words(ar_analyzer *a, const char *s, size_t n, int *only_numbers)
{
    ar_tokens *t = NULL;
    size_t c = 0;
    *only_numbers = 1;
    if (ar_analyze(a, s, n, &t) != AR_OK)
        return 0;
    c = ar_tokens_count(t);
    for (size_t i = 0; i < c; i++)
        if (!(ar_tokens_get(t, i)->flags & AR_TOK_NUMBER))
            *only_numbers = 0;
    ar_tokens_free(t);
    return c;
}

/* The headline of a scraped article: the first line of four or more words
 * that is not only digits; metadata glued after it is cut off. When no line
 * qualifies, the first non-empty line. */
static void text_title(ar_analyzer *a, const char *buf, size_t len, const char **title,
                       size_t *tlen)
{
    const char *first = NULL;
    size_t first_len = 0;
    size_t p = 0;
    *title = NULL;
    *tlen = 0;
    for (int line = 0; p < len && line < 40; line++) {
        const char *nl = memchr(buf + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - buf) : len;
        const char *s = buf + p;
        size_t n = e - p;
        p = e + 1;
        int only_numbers = 1;
        size_t words = count_words(a, s, n, &only_numbers);
        if (words == 0 || only_numbers)
            continue;
        if (!first) {
            first = s;
            first_len = n;
        }
        if (words < 4)
            continue;
        *title = s;
        *tlen = n;
        break;
    }
    if (!*title) {
        *title = first;
        *tlen = first_len;
    }
    if (!*title)
        return;
    for (size_t i = 0; i < sizeof meta_labels / sizeof *meta_labels; i++) {
        size_t ll = strlen(meta_labels[i]);
        for (size_t k = 1; k + ll <= *tlen; k++) {
            if (memcmp(*title + k, meta_labels[i], ll) != 0 || (*title)[k - 1] != ' ')
                continue;
            size_t q = k + ll;
            while (q < *tlen && (*title)[q] == ' ')
                q++;
            if (q < *tlen && (*title)[q] == ':') {
                *tlen = k;
                break;
            }
        }
    }
    while (*tlen > 0 && strchr(" \t\r|-", (*title)[*tlen - 1]))
        (*tlen)--;
    while (*tlen > 0 && strchr(" \t\r|", (*title)[0])) {
        (*title)++;
        (*tlen)--;
    }
}

/* Decode one unit of a file (the whole of a plain-text file, a TREC block,
 * a JSON line) found at byte offset off. Returns 0 with *out set, 1 when the
 * unit was skipped (reported), -1 when out of memory. */
static int decode_unit(const char *raw, size_t n, size_t off, size_t record,
                       const char *charset, const ix_sink *sink, char **out, size_t *outlen)
{
    ar_decode_info info;
    char msg[200];
    *out = NULL;
    if (n > IX_MAX_DOC_BYTES) {
        snprintf(msg, sizeof msg, "%s%zu MiB: over the %zu MiB limit for one article, skipped",
                 record ? "record of " : "", n >> 20, IX_MAX_DOC_BYTES >> 20);
        sink->skip(sink->ctx, record, msg);
        return 1;
    }
    int rc = ar_text_decode_as(raw, n, charset, out, outlen, &info);
    if (rc == AR_ENOMEM)
        return -1;
    if (rc) {
        snprintf(msg, sizeof msg, "byte %zu: %s, skipped", off, ar_strerror(rc));
        sink->skip(sink->ctx, record, msg);
        return 1;
    }
    if (info.replaced) {
        snprintf(msg, sizeof msg,
                 "byte %zu: %zu damaged byte%s (invalid %s or NUL) replaced by U+FFFD",
                 off + info.first_bad, info.replaced, info.replaced == 1 ? "" : "s",
                 info.charset);
        sink->warn(sink->ctx, record, msg);
    }
    return 0;
}

static int read_text(const char *raw, size_t rawlen, const char *cs, const char *id,
                     ar_analyzer *a, const ix_sink *sink)
{
    ix_article art;
    char *buf = NULL;
    size_t len = 0;
    int rc = decode_unit(raw, rawlen, 0, 0, cs, sink, &buf, &len);
    if (rc)
        return rc < 0 ? -1 : 0;
    memset(&art, 0, sizeof art);
    art.id = id;
    art.text = buf;
    art.text_len = len;
    art.title_in_text = 1;
    art.record = 1;
    text_title(a, buf, len, &art.title, &art.title_len);
    if (!art.title) {
        sink->skip(sink->ctx, 0, "empty document (no words)");
        free(buf);
        return 0;
    }
    ix_find_date(a, buf, len, 1500, art.date);
    rc = sink->article(sink->ctx, &art);
    free(buf);
    return rc;
}

/* ---------------- TREC ---------------- */

static const char *find_ci(const char *s, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = s; p + n <= end; p++)
        if (strncasecmp(p, needle, n) == 0)
            return p;
    return NULL;
}

/* The content of <tag>...</tag> within [s, end), trimmed; NULL when absent. */
static const char *tag_content(const char *s, const char *end, const char *tag, size_t *n)
{
    char open[32], close[32];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *o = find_ci(s, end, open);
    if (!o)
        return NULL;
    o += strlen(open);
    const char *c = find_ci(o, end, close);
    if (!c)
        c = end; /* unclosed: take the rest of the block */
    while (o < c && isspace((unsigned char)*o))
        o++;
    while (c > o && isspace((unsigned char)c[-1]))
        c--;
    *n = (size_t)(c - o);
    return o;
}

/* A NUL-terminated copy in one of the scratch strings. */
static char *scratch_copy(char **slot, const char *s, size_t n)
{
    char *p = realloc(*slot, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    *slot = p;
    return p;
}

enum { S_ID, S_SRC, S_CAT, S_URL, S_AUTHOR, S_N };

/* One <DOC> block (decoded, [body, close) inside it). */
static int trec_record(const char *body, const char *close, size_t record, ar_analyzer *a,
                       char **scratch, const ix_sink *sink)
{
    ix_article art;
    char msg[160];
    memset(&art, 0, sizeof art);
    art.record = record;
    size_t n = 0;
    const char *v = tag_content(body, close, "DOCNO", &n);
    if (!v || n == 0) {
        sink->skip(sink->ctx, record, "record without DOCNO, skipped");
        return 0;
    }
    if (!(art.id = scratch_copy(&scratch[S_ID], v, n)))
        return -1;
    art.title = tag_content(body, close, "TITLE", &art.title_len);
    art.text = tag_content(body, close, "TEXT", &art.text_len);
    art.abstract = tag_content(body, close, "ABSTRACT", &art.abstract_len);
    static const char *const tags[] = {NULL, "SRC", "CAT", "URL", "AUTHOR"};
    const char **dst[] = {NULL, &art.source, &art.category, &art.url, &art.author};
    for (int k = S_SRC; k < S_N; k++) {
        v = tag_content(body, close, tags[k], &n);
        if (v && n && !(*dst[k] = scratch_copy(&scratch[k], v, n)))
            return -1;
    }
    v = tag_content(body, close, "TIME", &n);
    if (!v)
        v = tag_content(body, close, "DATE", &n);
    if (v)
        ix_find_date(a, v, n, n, art.date);
    if (art.text_len == 0 && art.abstract_len == 0 && art.title_len == 0) {
        snprintf(msg, sizeof msg, "%.100s: empty document (no TITLE, TEXT or ABSTRACT)", art.id);
        sink->skip(sink->ctx, record, msg);
        return 0;
    }
    return sink->article(sink->ctx, &art);
}

/* TREC blocks are found in the raw bytes (the tags are ASCII in every
 * encoding read here) and each is decoded on its own. */
static int read_trec(const char *buf, size_t len, const char *cs, ar_analyzer *a,
                     const ix_sink *sink)
{
    const char *end = buf + len, *p = buf;
    char *scratch[S_N] = {0};
    size_t record = 0;
    int rc = 0;

    while (rc == 0 && (p = find_ci(p, end, "<DOC>")) != NULL) {
        record++;
        const char *start = p;
        const char *body = p + 5;
        const char *close = find_ci(body, end, "</DOC>");
        const char *next = find_ci(body, end, "<DOC>");
        if (!close || (next && next < close)) {
            char msg[120];
            snprintf(msg, sizeof msg, "byte %zu: <DOC> without </DOC>, record skipped",
                     (size_t)(start - buf));
            sink->skip(sink->ctx, record, msg);
            p = next ? next : end;
            continue;
        }
        p = close + 6;
        char *dec = NULL;
        size_t dlen = 0;
        rc = decode_unit(start, (size_t)(p - start), (size_t)(start - buf), record, cs, sink,
                         &dec, &dlen);
        if (rc) {
            rc = rc < 0 ? -1 : 0;
            continue;
        }
        const char *dend = dec + dlen;
        const char *dclose = find_ci(dec + 5, dend, "</DOC>");
        rc = trec_record(dec + 5, dclose ? dclose : dend, record, a, scratch, sink);
        free(dec);
        if (sink->done_with)
            sink->done_with(sink->ctx, (size_t)(start - buf));
    }
    if (rc == 0 && record == 0)
        sink->skip(sink->ctx, 0, "no <DOC> record found");
    for (int k = 0; k < S_N; k++)
        free(scratch[k]);
    return rc;
}

/* ---------------- JSON Lines ---------------- */

/* A string member of o: strings, and numbers as their text. The length is
 * json-c's, so a \u0000 inside the string is seen, not a cut. */
static const char *json_str(json_object *o, const char *key, size_t *n)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !v)
        return NULL;
    if (!json_object_is_type(v, json_type_string) && !json_object_is_type(v, json_type_int) &&
        !json_object_is_type(v, json_type_double))
        return NULL;
    const char *s = json_object_get_string(v);
    if (n)
        *n = !s ? 0
             : json_object_is_type(v, json_type_string) ? (size_t)json_object_get_string_len(v)
                                                        : strlen(s);
    return s;
}

/* Fields whose text is analysed. */
enum { J_ID, J_TITLE, J_BODY, J_SOURCE, J_URL, J_CAT, J_AUTHOR, J_DATE, J_N };

/* The article of one JSON object. Strings that hold NUL characters or
 * invalid UTF-8 (lone surrogates from \u escapes) are repaired into
 * scratch and reported. */
static int json_record(json_object *o, size_t record, ar_analyzer *a, char **scratch,
                       const ix_sink *sink)
{
    static const char *const names[J_N] = {"id", "title", "body", "source",
                                           "url", "category", "author", "date"};
    const char *v[J_N];
    size_t n[J_N];
    char msg[200];
    if (!json_object_is_type(o, json_type_object)) {
        sink->skip(sink->ctx, record, "JSON value is not an object (a record), skipped");
        return 0;
    }
    for (int k = 0; k < J_N; k++) {
        n[k] = 0;
        v[k] = json_str(o, names[k], &n[k]);
        if (k == J_BODY && !v[k])
            v[k] = json_str(o, "text", &n[k]);
        if (!v[k])
            continue;
        if (memchr(v[k], 0, n[k]) || !ar_utf8_valid(v[k], n[k])) {
            size_t bad = 0, first = 0, outlen = 0;
            free(scratch[k]);
            scratch[k] = NULL;
            if (ar_utf8_repair(v[k], n[k], &scratch[k], &outlen, &bad, &first) != AR_OK)
                return -1;
            snprintf(msg, sizeof msg,
                     "\"%s\": %zu NUL or invalid character%s replaced by U+FFFD (the first at "
                     "byte %zu of the string)",
                     k == J_BODY && !json_object_object_get_ex(o, "body", NULL) ? "text"
                                                                              : names[k],
                     bad, bad == 1 ? "" : "s", first);
            sink->warn(sink->ctx, record, msg);
            v[k] = scratch[k];
            n[k] = outlen;
        }
    }
    ix_article art;
    memset(&art, 0, sizeof art);
    art.record = record;
    art.id = v[J_ID];
    art.title = v[J_TITLE];
    art.title_len = n[J_TITLE];
    art.text = v[J_BODY];
    art.text_len = n[J_BODY];
    art.source = v[J_SOURCE];
    art.url = v[J_URL];
    art.category = v[J_CAT];
    art.author = v[J_AUTHOR];
    if (v[J_DATE])
        ix_find_date(a, v[J_DATE], n[J_DATE], n[J_DATE], art.date);
    if (!art.id || !*art.id) {
        sink->skip(sink->ctx, record, "record without \"id\", skipped");
        return 0;
    }
    if (art.text_len == 0 && art.title_len == 0) {
        snprintf(msg, sizeof msg, "%.100s: empty document (no title, body or text)", art.id);
        sink->skip(sink->ctx, record, msg);
        return 0;
    }
    return sink->article(sink->ctx, &art);
}

static void free_scratch(char **scratch)
{
    for (int k = 0; k < J_N; k++)
        free(scratch[k]);
}

/* 1-based line of byte off in buf. */
static size_t line_of(const char *buf, size_t off)
{
    size_t line = 1;
    for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + off - p))) != NULL; p++)
        line++;
    return line;
}

/* JSON that is not one record per line: a top-level array of records, or
 * records spread over lines, one after the other (the whole buffer is
 * decoded). A syntax error ends the file with one message: where the next
 * record starts is not known then. */
static int read_json_stream(const char *buf, size_t len, ar_analyzer *a, json_tokener *tok,
                            const ix_sink *sink)
{
    char *scratch[J_N] = {0};
    char msg[300];
    size_t p = 0, count = 0;
    int rc = 0, in_array = 0, after_value = 0;
    while (rc == 0) {
        while (p < len && isspace((unsigned char)buf[p]))
            p++;
        if (p >= len)
            break;
        if (buf[p] == '[' && !in_array && count == 0 && !after_value) {
            in_array = 1;
            p++;
            continue;
        }
        if (in_array && buf[p] == ',' && after_value) {
            after_value = 0;
            p++;
            continue;
        }
        if (in_array && buf[p] == ']') {
            in_array = 0;
            p++;
            after_value = 1;
            continue;
        }
        if (after_value && in_array) {
            snprintf(msg, sizeof msg,
                     "line %zu: expected ',' or ']' between records; the rest of the file is "
                     "skipped",
                     line_of(buf, p));
            sink->skip(sink->ctx, 0, msg);
            in_array = 0;
            break;
        }
        size_t line = line_of(buf, p);
        size_t rest = len - p;
        json_tokener_reset(tok);
        json_object *o = json_tokener_parse_ex(tok, buf + p, rest > INT32_MAX ? INT32_MAX
                                                                           : (int)rest);
        enum json_tokener_error jerr = json_tokener_get_error(tok);
        if (!o || jerr != json_tokener_success) {
            snprintf(msg, sizeof msg,
                     "line %zu: malformed JSON (%s); expected JSON Lines (one object per line) "
                     "or a JSON array of objects; the rest of the file is skipped",
                     line, jerr == json_tokener_continue ? "unexpected end of file"
                                                         : json_tokener_error_desc(jerr));
            sink->skip(sink->ctx, 0, msg);
            json_object_put(o);
            in_array = 0; /* said once */
            break;
        }
        p += json_tokener_get_parse_end(tok);
        count++;
        after_value = 1;
        if (json_object_is_type(o, json_type_array)) {
            /* An array after the first value: read its records too. */
            size_t k = json_object_array_length(o);
            for (size_t i = 0; i < k && rc == 0; i++)
                rc = json_record(json_object_array_get_idx(o, i), line, a, scratch, sink);
        } else {
            rc = json_record(o, line, a, scratch, sink);
        }
        json_object_put(o);
    }
    if (rc == 0 && in_array) {
        snprintf(msg, sizeof msg, "line %zu: JSON array not closed with ']'", line_of(buf, len));
        sink->skip(sink->ctx, 0, msg);
    }
    free_scratch(scratch);
    return rc;
}

/* Does the JSON start with one complete value on its first line? */
static int json_is_lines(const char *buf, size_t len, json_tokener *tok)
{
    size_t p = 0;
    while (p < len && isspace((unsigned char)buf[p]))
        p++;
    if (p >= len || buf[p] == '[')
        return p >= len;
    const char *nl = memchr(buf + p, '\n', len - p);
    size_t e = nl ? (size_t)(nl - buf) : len;
    json_tokener_reset(tok);
    json_object *o = json_tokener_parse_ex(tok, buf + p, (int)((e - p) > INT32_MAX ? INT32_MAX
                                                                              : e - p));
    int lines = json_tokener_get_error(tok) != json_tokener_continue;
    json_object_put(o);
    return lines;
}

static int read_jsonl(const char *buf, size_t len, const char *cs, ar_analyzer *a,
                      const ix_sink *sink)
{
    size_t p = 0, line = 0;
    int rc = 0;
    char msg[200];
    char *scratch[J_N] = {0};
    json_tokener *tok = json_tokener_new();
    if (!tok)
        return -1;
    /* An array, or records over several lines: decode the whole. */
    if (!json_is_lines(buf, len, tok)) {
        char *dec = NULL;
        size_t dlen = 0;
        ar_decode_info info;
        int d = ar_text_decode_as(buf, len, cs, &dec, &dlen, &info);
        if (d == AR_ENOMEM) {
            rc = -1;
        } else if (d) {
            snprintf(msg, sizeof msg, "%s, skipped", ar_strerror(d));
            sink->skip(sink->ctx, 0, msg);
        } else {
            if (info.replaced) {
                snprintf(msg, sizeof msg, "byte %zu: %zu damaged byte%s replaced by U+FFFD",
                         info.first_bad, info.replaced, info.replaced == 1 ? "" : "s");
                sink->warn(sink->ctx, 0, msg);
            }
            rc = read_json_stream(dec, dlen, a, tok, sink);
        }
        free(dec);
        json_tokener_free(tok);
        return rc;
    }
    while (rc == 0 && p < len) {
        const char *nl = memchr(buf + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - buf) : len;
        const char *s = buf + p;
        size_t n = e - p, off = p;
        p = e + 1;
        line++;
        while (n > 0 && isspace((unsigned char)s[n - 1]))
            n--;
        size_t k = 0;
        while (k < n && isspace((unsigned char)s[k]))
            k++;
        if (k == n)
            continue; /* blank line */
        char *dec = NULL;
        size_t dlen = 0;
        int d = decode_unit(s, n, off, line, cs, sink, &dec, &dlen);
        if (d) {
            rc = d < 0 ? -1 : 0;
            continue;
        }
        json_tokener_reset(tok);
        json_object *o = json_tokener_parse_ex(tok, dec, (int)dlen);
        enum json_tokener_error jerr = json_tokener_get_error(tok);
        if (!o || jerr != json_tokener_success || json_tokener_get_parse_end(tok) != dlen) {
            snprintf(msg, sizeof msg, "malformed JSON (%s), skipped",
                     jerr == json_tokener_success ? "trailing data"
                     : jerr == json_tokener_continue ? "unexpected end of line"
                                                     : json_tokener_error_desc(jerr));
            sink->skip(sink->ctx, line, msg);
        } else {
            rc = json_record(o, line, a, scratch, sink);
        }
        json_object_put(o);
        free(dec);
        if (sink->done_with)
            sink->done_with(sink->ctx, off);
    }
    free_scratch(scratch);
    json_tokener_free(tok);
    return rc;
}

int ix_read(ix_format f, const char *raw, size_t len, const char *text_id, ar_analyzer *a,
            const ix_sink *sink)
{
    /* One encoding per file, judged on its beginning; then each record is
     * decoded on its own. */
    const char *cs = ar_text_detect(raw, len);
    if (!cs) {
        sink->skip(sink->ctx, 0, "binary data, not text, skipped");
        return 0;
    }
    if (!strncmp(cs, "UTF-16", 6)) {
        /* The tags are not ASCII bytes in UTF-16: decode the whole first. */
        char *dec = NULL;
        size_t dlen = 0;
        ar_decode_info info;
        int rc = ar_text_decode_as(raw, len, cs, &dec, &dlen, &info);
        if (rc == AR_ENOMEM)
            return -1;
        if (rc == AR_OK) {
            if (info.replaced) {
                char msg[160];
                snprintf(msg, sizeof msg, "%zu damaged %s code units replaced by U+FFFD",
                         info.replaced, cs);
                sink->warn(sink->ctx, 0, msg);
            }
            rc = ix_read(f, dec, dlen, text_id, a, sink);
        } else {
            sink->skip(sink->ctx, 0, ar_strerror(rc));
            rc = 0;
        }
        free(dec);
        return rc;
    }
    switch (f) {
    case IX_FMT_TREC:
        return read_trec(raw, len, cs, a, sink);
    case IX_FMT_JSONL:
        return read_jsonl(raw, len, cs, a, sink);
    case IX_FMT_TEXT:
    case IX_FMT_AUTO:
    default:
        return read_text(raw, len, cs, text_id, a, sink);
    }
}
