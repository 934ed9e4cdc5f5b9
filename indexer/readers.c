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

static int read_text(const char *buf, size_t len, const char *path, ar_analyzer *a,
                     ix_article_fn on_article, ix_error_fn on_error, void *ctx)
{
    ix_article art;
    memset(&art, 0, sizeof art);
    art.id = path;
    art.text = buf;
    art.text_len = len;
    art.title_in_text = 1;
    art.record = 1;
    if (!ar_utf8_valid(buf, len)) {
        on_error(ctx, 0, "text is not valid UTF-8 (damaged bytes), skipped");
        return 0;
    }
    text_title(a, buf, len, &art.title, &art.title_len);
    if (!art.title) {
        on_error(ctx, 0, "empty document (no words)");
        return 0;
    }
    ix_find_date(a, buf, len, 1500, art.date);
    return on_article(ctx, &art);
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

static int read_trec(const char *buf, size_t len, ar_analyzer *a, ix_article_fn on_article,
                     ix_error_fn on_error, void *ctx)
{
    const char *end = buf + len, *p = buf;
    char *scratch[S_N] = {0};
    size_t record = 0;
    int rc = 0;
    char msg[160];

    while (rc == 0 && (p = find_ci(p, end, "<DOC>")) != NULL) {
        record++;
        const char *body = p + 5;
        const char *close = find_ci(body, end, "</DOC>");
        const char *next = find_ci(body, end, "<DOC>");
        if (!close || (next && next < close)) {
            on_error(ctx, record, "<DOC> without </DOC>, record skipped");
            p = next ? next : end;
            continue;
        }
        p = close + 6;
        ix_article art;
        memset(&art, 0, sizeof art);
        art.record = record;
        size_t n = 0;
        const char *v = tag_content(body, close, "DOCNO", &n);
        if (!v || n == 0) {
            on_error(ctx, record, "record without DOCNO, skipped");
            continue;
        }
        if (!(art.id = scratch_copy(&scratch[S_ID], v, n))) {
            rc = -1;
            break;
        }
        art.title = tag_content(body, close, "TITLE", &art.title_len);
        art.text = tag_content(body, close, "TEXT", &art.text_len);
        art.abstract = tag_content(body, close, "ABSTRACT", &art.abstract_len);
        static const char *const tags[] = {NULL, "SRC", "CAT", "URL", "AUTHOR"};
        const char **dst[] = {NULL, &art.source, &art.category, &art.url, &art.author};
        for (int k = S_SRC; k < S_N; k++) {
            v = tag_content(body, close, tags[k], &n);
            if (v && n) {
                if (!(*dst[k] = scratch_copy(&scratch[k], v, n))) {
                    rc = -1;
                    break;
                }
            }
        }
        if (rc)
            break;
        v = tag_content(body, close, "TIME", &n);
        if (!v)
            v = tag_content(body, close, "DATE", &n);
        if (v)
            ix_find_date(a, v, n, n, art.date);
        if (art.text_len == 0 && art.abstract_len == 0 && art.title_len == 0) {
            snprintf(msg, sizeof msg, "%s: empty document (no TITLE, TEXT or ABSTRACT)", art.id);
            on_error(ctx, record, msg);
            continue;
        }
        rc = on_article(ctx, &art);
    }
    if (rc == 0 && record == 0) {
        on_error(ctx, 0, "no <DOC> record found");
    }
    for (int k = 0; k < S_N; k++)
        free(scratch[k]);
    return rc;
}

/* ---------------- JSON Lines ---------------- */

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
        *n = s ? strlen(s) : 0;
    return s;
}

static int read_jsonl(const char *buf, size_t len, ar_analyzer *a, ix_article_fn on_article,
                      ix_error_fn on_error, void *ctx)
{
    size_t p = 0, line = 0;
    int rc = 0;
    char msg[200];
    json_tokener *tok = json_tokener_new();
    if (!tok)
        return -1;
    while (rc == 0 && p < len) {
        const char *nl = memchr(buf + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - buf) : len;
        const char *s = buf + p;
        size_t n = e - p;
        p = e + 1;
        line++;
        while (n > 0 && isspace((unsigned char)s[n - 1]))
            n--;
        size_t k = 0;
        while (k < n && isspace((unsigned char)s[k]))
            k++;
        if (k == n)
            continue; /* blank line */
        if (n > (size_t)INT32_MAX) {
            on_error(ctx, line, "line longer than 2 GiB, skipped");
            continue;
        }
        json_tokener_reset(tok);
        json_object *o = json_tokener_parse_ex(tok, s, (int)n);
        enum json_tokener_error jerr = json_tokener_get_error(tok);
        if (!o || jerr != json_tokener_success || json_tokener_get_parse_end(tok) != n) {
            snprintf(msg, sizeof msg, "malformed JSON (%s), skipped",
                     jerr == json_tokener_success ? "trailing data"
                     : jerr == json_tokener_continue ? "unexpected end of line"
                                                     : json_tokener_error_desc(jerr));
            on_error(ctx, line, msg);
            json_object_put(o);
            continue;
        }
        if (!json_object_is_type(o, json_type_object)) {
            on_error(ctx, line, "JSON value is not an object, skipped");
            json_object_put(o);
            continue;
        }
        ix_article art;
        memset(&art, 0, sizeof art);
        art.record = line;
        art.id = json_str(o, "id", NULL);
        art.title = json_str(o, "title", &art.title_len);
        art.text = json_str(o, "body", &art.text_len);
        if (!art.text)
            art.text = json_str(o, "text", &art.text_len);
        art.source = json_str(o, "source", NULL);
        art.url = json_str(o, "url", NULL);
        art.category = json_str(o, "category", NULL);
        art.author = json_str(o, "author", NULL);
        size_t dn = 0;
        const char *d = json_str(o, "date", &dn);
        if (d)
            ix_find_date(a, d, dn, dn, art.date);
        if (!art.id || !*art.id) {
            on_error(ctx, line, "record without \"id\", skipped");
        } else if (art.text_len == 0 && art.title_len == 0) {
            snprintf(msg, sizeof msg, "%.100s: empty document (no title, body or text)", art.id);
            on_error(ctx, line, msg);
        } else if (!ar_utf8_valid(art.text, art.text_len) ||
                   !ar_utf8_valid(art.title, art.title_len)) {
            on_error(ctx, line, "string is not valid UTF-8, skipped");
        } else {
            rc = on_article(ctx, &art);
        }
        json_object_put(o);
    }
    json_tokener_free(tok);
    return rc;
}

int ix_read(ix_format f, const char *buf, size_t len, const char *path, ar_analyzer *a,
            ix_article_fn on_article, ix_error_fn on_error, void *ctx)
{
    switch (f) {
    case IX_FMT_TREC:
        return read_trec(buf, len, a, on_article, on_error, ctx);
    case IX_FMT_JSONL:
        return read_jsonl(buf, len, a, on_article, on_error, ctx);
    case IX_FMT_TEXT:
    case IX_FMT_AUTO:
    default:
        return read_text(buf, len, path, a, on_article, on_error, ctx);
    }
}
