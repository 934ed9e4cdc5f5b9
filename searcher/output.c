/*
 * output.c - printing hits. JSON goes through json-c so every string is
 * escaped correctly; highlights are [start, end) code point offsets into the
 * snippet string.
 */
#include "output.h"

#include <string.h>

#include <json.h>

int out_format_parse(const char *s)
{
    if (!strcmp(s, "human"))
        return OUT_HUMAN;
    if (!strcmp(s, "json"))
        return OUT_JSON;
    if (!strcmp(s, "trec"))
        return OUT_TREC;
    if (!strcmp(s, "ids"))
        return OUT_IDS;
    return -1;
}

int out_highlight_parse(const char *s)
{
    if (!strcmp(s, "none"))
        return HL_NONE;
    if (!strcmp(s, "brackets"))
        return HL_BRACKETS;
    if (!strcmp(s, "ansi"))
        return HL_ANSI;
    if (!strcmp(s, "bold"))
        return HL_BOLD;
    return -1;
}

static void put_snippet(FILE *f, out_highlight hl, const sn_snippet *s)
{
    static const char *const open[] = {"", "[", "\033[1;31m", "\033[1m"};
    static const char *const close[] = {"", "]", "\033[0m", "\033[0m"};
    size_t p = 0;
    for (size_t i = 0; i < s->nspans; i++) {
        fwrite(s->text + p, 1, s->bstarts[i] - p, f);
        fputs(open[hl], f);
        fwrite(s->text + s->bstarts[i], 1, s->bends[i] - s->bstarts[i], f);
        fputs(close[hl], f);
        p = s->bends[i];
    }
    fwrite(s->text + p, 1, s->len - p, f);
}

static int add_str(json_object *o, const char *key, const char *v, size_t len)
{
    json_object *s = v ? json_object_new_string_len(v, (int)len) : json_object_new_null();
    if (v && !s)
        return -1;
    json_object_object_add(o, key, s);
    return 0;
}

static int print_json(FILE *f, const out_hit *h)
{
    int rc = -1;
    json_object *o = json_object_new_object();
    json_object *hl = json_object_new_array();
    if (!o || !hl)
        goto done;
    json_object_object_add(o, "rank", json_object_new_int64(h->rank));
    json_object_object_add(o, "id", json_object_new_string(h->id ? h->id : ""));
    json_object_object_add(o, "score", json_object_new_double(h->score));
    if (add_str(o, "title", h->title, h->title_len) ||
        add_str(o, "date", h->date, h->date ? strlen(h->date) : 0) ||
        add_str(o, "source", h->source, h->source ? strlen(h->source) : 0) ||
        add_str(o, "path", h->path, h->path ? strlen(h->path) : 0) ||
        add_str(o, "snippet", h->snippet ? h->snippet->text : "",
                h->snippet ? h->snippet->len : 0))
        goto done;
    for (size_t i = 0; h->snippet && i < h->snippet->nspans; i++) {
        json_object *pair = json_object_new_array();
        if (!pair)
            goto done;
        json_object_array_add(pair, json_object_new_int64((int64_t)h->snippet->spans[i].start));
        json_object_array_add(pair, json_object_new_int64((int64_t)h->snippet->spans[i].end));
        json_object_array_add(hl, pair);
    }
    json_object_object_add(o, "highlights", hl);
    hl = NULL;
    fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
          f);
    fputc('\n', f);
    rc = 0;
done:
    json_object_put(hl);
    json_object_put(o);
    return rc;
}

int out_print_hit(FILE *f, out_format fmt, out_highlight hl, const out_hit *h)
{
    switch (fmt) {
    case OUT_JSON:
        if (print_json(f, h))
            return -1;
        break;
    case OUT_TREC:
        fprintf(f, "%s Q0 %s %u %.6f fahras\n", h->qid ? h->qid : "1", h->id ? h->id : "",
                h->rank, h->score);
        break;
    case OUT_IDS:
        fprintf(f, "%s\n", h->id ? h->id : "");
        break;
    case OUT_HUMAN:
    default: {
        fprintf(f, "%u. ", h->rank);
        if (h->title && h->title_len)
            fwrite(h->title, 1, h->title_len, f);
        else
            fputs("(no title)", f);
        fprintf(f, "\n   %s", h->id ? h->id : "");
        if (h->date && *h->date)
            fprintf(f, " | %s", h->date);
        if (h->source && *h->source)
            fprintf(f, " | %s", h->source);
        fprintf(f, " | score %.3f\n", h->score);
        if (h->snippet) {
            fputs("   ", f);
            put_snippet(f, hl, h->snippet);
            fputc('\n', f);
        }
        fputc('\n', f);
        break;
    }
    }
    return ferror(f) ? -1 : 0;
}
