/*
 * qparse.c - lexer and recursive-descent parser of the query language (see
 * qparse.h for the grammar). The lexer cuts the text into words, phrases,
 * parentheses and operators; the parser builds the tree. Both only look at
 * ASCII syntax characters and Unicode white space: every other byte
 * belongs to a word, whatever the script.
 */
#include "qparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/ar.h"

/* NEAR without /n: Xapian's QueryParser uses the same default. */
#define QN_NEAR_DEFAULT 10
#define QN_NEAR_MAX 1000
/* Parentheses nested deeper than this are refused, so that a hostile
 * query cannot exhaust the stack. */
#define QN_MAX_DEPTH 100

typedef enum { T_END, T_WORD, T_PHRASE, T_LPAREN, T_RPAREN, T_OR, T_AND, T_NOT, T_NEAR } tok_kind;

typedef struct {
    tok_kind kind;
    size_t at;        /* byte offset of the token */
    const char *s;    /* T_WORD: the chunk; T_PHRASE: inside the quotes */
    size_t len;
    uint32_t window;  /* T_NEAR */
    qn_occur occur;   /* T_WORD, T_PHRASE, T_LPAREN: a leading + or - */
    int field_phrase; /* T_PHRASE preceded by field: (s/len name the field) */
    int exact_phrase; /* T_PHRASE preceded by = */
    const char *field;
    size_t field_len;
} tok;

typedef struct {
    const char *text;
    size_t len, p;
    tok cur;
    int have;
    int depth;
    qn_error *err;
    int rc;
} parser;

size_t qn_space_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    if (u[0] == ' ' || (u[0] >= 0x09 && u[0] <= 0x0D))
        return 1;
    /* U+0085 NEXT LINE, U+00A0 NO-BREAK SPACE */
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0x85 || u[1] == 0xA0))
        return 2;
    if (n < 3)
        return 0;
    /* U+1680 OGHAM SPACE MARK */
    if (u[0] == 0xE1 && u[1] == 0x9A && u[2] == 0x80)
        return 3;
    /* U+2000..U+200A the typographic spaces, U+2028 LINE SEPARATOR,
     * U+2029 PARAGRAPH SEPARATOR, U+202F NARROW NO-BREAK SPACE */
    if (u[0] == 0xE2 && u[1] == 0x80 &&
        (u[2] <= 0x8A || u[2] == 0xA8 || u[2] == 0xA9 || u[2] == 0xAF))
        return 3;
    /* U+205F MEDIUM MATHEMATICAL SPACE */
    if (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F)
        return 3;
    /* U+3000 IDEOGRAPHIC SPACE */
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return 3;
    return 0;
}

size_t qn_column(const char *text, size_t off)
{
    size_t col = 1;
    for (size_t i = 0; i < off && text[i]; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int fail_at(parser *ps, size_t at, const char *msg)
{
    if (ps->rc == 0) {
        ps->err->column = qn_column(ps->text, at);
        snprintf(ps->err->msg, sizeof ps->err->msg, "%s", msg);
        ps->rc = QN_ESYNTAX;
    }
    return ps->rc;
}

static int nomem(parser *ps)
{
    if (ps->rc == 0) {
        ps->err->column = 0;
        snprintf(ps->err->msg, sizeof ps->err->msg, "out of memory");
        ps->rc = QN_ENOMEM;
    }
    return ps->rc;
}

/* A byte that ends a word chunk. */
static int is_stop(const parser *ps, size_t i)
{
    char c = ps->text[i];
    return c == '(' || c == ')' || c == '"' || c == '|' || qn_space_len(ps->text + i, ps->len - i);
}

static int chunk_is(const tok *t, const char *w)
{
    return t->len == strlen(w) && memcmp(t->s, w, t->len) == 0;
}

static int lex_after(parser *ps, tok *t);

/* Lex the next token into ps->cur. */
static int lex(parser *ps)
{
    tok *t = &ps->cur;
    size_t sp;
    memset(t, 0, sizeof *t);
    while (ps->p < ps->len && (sp = qn_space_len(ps->text + ps->p, ps->len - ps->p)))
        ps->p += sp;
    t->at = ps->p;
    if (ps->p >= ps->len) {
        t->kind = T_END;
        return 0;
    }
    char c = ps->text[ps->p];
    if (c == '(' || c == ')' || c == '|') {
        t->kind = c == '(' ? T_LPAREN : c == ')' ? T_RPAREN : T_OR;
        ps->p++;
        return 0;
    }
    if (c == '"') {
        const char *close = memchr(ps->text + ps->p + 1, '"', ps->len - ps->p - 1);
        if (!close)
            return fail_at(ps, ps->p, "unbalanced quote: a phrase is \"word word\"");
        t->kind = T_PHRASE;
        t->s = ps->text + ps->p + 1;
        t->len = (size_t)(close - t->s);
        ps->p = (size_t)(close - ps->text) + 1;
        return 0;
    }
    size_t s = ps->p;
    while (ps->p < ps->len && !is_stop(ps, ps->p))
        ps->p++;
    t->kind = T_WORD;
    t->s = ps->text + s;
    t->len = ps->p - s;
    if (chunk_is(t, "OR"))
        t->kind = T_OR;
    else if (chunk_is(t, "AND"))
        t->kind = T_AND;
    else if (chunk_is(t, "NOT"))
        t->kind = T_NOT;
    else if (chunk_is(t, "NEAR") || (t->len > 5 && !memcmp(t->s, "NEAR/", 5))) {
        t->kind = T_NEAR;
        t->window = QN_NEAR_DEFAULT;
        if (t->len > 4) {
            unsigned long v = 0;
            for (size_t i = 5; i < t->len; i++) {
                if (t->s[i] < '0' || t->s[i] > '9' || v > QN_NEAR_MAX)
                    return fail_at(ps, t->at, "NEAR/n needs a number n from 0 to 1000");
                v = v * 10 + (unsigned long)(t->s[i] - '0');
            }
            if (v > QN_NEAR_MAX)
                return fail_at(ps, t->at, "NEAR/n needs a number n from 0 to 1000");
            t->window = (uint32_t)v;
        }
    }
    if (t->kind != T_WORD)
        return 0;
    /* A leading + or - applies to what follows it directly. */
    if (t->s[0] == '-' || t->s[0] == '+') {
        t->occur = t->s[0] == '-' ? QO_MUST_NOT : QO_MUST;
        t->s++;
        t->len--;
        t->at++;
        if (t->len == 0) {
            if (ps->p < ps->len && (ps->text[ps->p] == '"' || ps->text[ps->p] == '(')) {
                t->at--;
                return lex_after(ps, t);
            }
            /* A lone - or + between spaces is a dash in running text
             * (headlines: "عاجل - ..."), not an operator: it analyses to
             * nothing and is dropped. */
            t->occur = QO_DEFAULT;
            t->s--;
            t->len++;
            t->at--;
        }
    }
    /* ="a phrase": its words in their exact forms */
    if (t->len == 1 && t->s[0] == '=' && ps->p < ps->len && ps->text[ps->p] == '"') {
        if (lex_after(ps, t))
            return ps->rc;
        t->exact_phrase = 1;
        return 0;
    }
    /* field:"a phrase" */
    if (t->len > 1 && t->s[t->len - 1] == ':' && ps->p < ps->len && ps->text[ps->p] == '"') {
        const char *f = t->s;
        size_t fl = t->len - 1;
        if (lex_after(ps, t))
            return ps->rc;
        t->field_phrase = 1;
        t->field = f;
        t->field_len = fl;
    }
    return 0;
}

/* The token that follows t's chunk (a sign, =, field:), lexed into t, which
 * keeps its occur and position. */
static int lex_after(parser *ps, tok *t)
{
    size_t at = t->at;
    qn_occur o = t->occur;
    if (lex(ps))
        return ps->rc;
    t->occur = o;
    t->at = at;
    return 0;
}

static tok *peek(parser *ps)
{
    if (!ps->have) {
        lex(ps);
        ps->have = 1;
    }
    return &ps->cur;
}

static void take(parser *ps)
{
    ps->have = 0;
}

static qn *node_new(parser *ps, qn_kind kind, size_t at)
{
    qn *n = calloc(1, sizeof *n);
    if (!n) {
        nomem(ps);
        return NULL;
    }
    n->kind = kind;
    n->at = at;
    return n;
}

static int add_kid(parser *ps, qn *parent, qn *kid)
{
    qn **nk = realloc(parent->kids, (parent->nkids + 1) * sizeof *nk);
    if (!nk) {
        qn_free(kid);
        return nomem(ps);
    }
    parent->kids = nk;
    parent->kids[parent->nkids++] = kid;
    return 0;
}

static int set_text(parser *ps, qn *n, const char *s, size_t len)
{
    if (!(n->text = strndup(s, len)))
        return nomem(ps);
    return 0;
}

int qn_date_check(const char *s, size_t len, char *out)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (len != 4 && len != 7 && len != 10)
        return -1;
    for (size_t i = 0; i < len; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return -1;
    }
    int y = atoi(s), m = 1, d = 1;
    if (len >= 7)
        m = (s[5] - '0') * 10 + (s[6] - '0');
    if (len == 10)
        d = (s[8] - '0') * 10 + (s[9] - '0');
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
        return -1;
    memcpy(out, s, len);
    out[len] = '\0';
    return 0;
}

/* date:FROM..TO, date:FROM.., date:..TO or date:DAY|MONTH|YEAR */
static int parse_date(parser *ps, qn *n, const char *v, size_t len, size_t at)
{
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (v[i] == '.' && v[i + 1] == '.') {
            dots = v + i;
            break;
        }
    static const char bad[] = "malformed date: use YYYY, YYYY-MM or YYYY-MM-DD, and FROM..TO "
                              "for a range";
    if (!dots) {
        if (qn_date_check(v, len, n->lo))
            return fail_at(ps, at, bad);
        memcpy(n->hi, n->lo, sizeof n->hi);
        return 0;
    }
    size_t l1 = (size_t)(dots - v), l2 = len - l1 - 2;
    if ((l1 && qn_date_check(v, l1, n->lo)) || (l2 && qn_date_check(dots + 2, l2, n->hi)) ||
        (!l1 && !l2))
        return fail_at(ps, at, bad);
    if (l1 && l2 && strncmp(n->lo, n->hi, strlen(n->hi)) > 0)
        return fail_at(ps, at, "date range ends before it starts");
    return 0;
}

static const struct {
    const char *name;
    qn_kind kind;
    qn_field field;
} fields[] = {
    {"title", QN_TEXT, QF_TITLE},     {"source", QN_LABEL, QF_SOURCE},
    {"category", QN_LABEL, QF_CATEGORY}, {"id", QN_LABEL, QF_ID},
    {"date", QN_DATE, QF_NONE},
};

/* The field named by s[0, len) (without the colon), or -1. */
static int field_index(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (strlen(fields[i].name) == len && !memcmp(fields[i].name, s, len))
            return (int)i;
    return -1;
}

/* A leaf from a T_WORD or T_PHRASE token. */
static qn *parse_leaf(parser *ps, const tok *t)
{
    qn *n = node_new(ps, QN_TEXT, t->at);
    if (!n)
        return NULL;
    n->occur = t->occur;
    const char *s = t->s;
    size_t len = t->len;
    if (t->kind == T_PHRASE) {
        n->quoted = 1;
        if (t->exact_phrase)
            n->kind = QN_EXACT;
        if (t->field_phrase) {
            int f = field_index(t->field, t->field_len);
            if (f < 0 || fields[f].kind == QN_DATE) {
                fail_at(ps, t->at, f < 0 ? "unknown field (title:, source:, category:, id:, "
                                           "date:)"
                                         : "date: takes no quotes");
                goto fail;
            }
            n->kind = fields[f].kind;
            n->field = fields[f].field;
        }
        if (set_text(ps, n, s, len))
            goto fail;
        return n;
    }
    /* field:value, only for the known fields: 10:30 or http://x stay words. */
    const char *colon = memchr(s, ':', len);
    if (colon) {
        int f = field_index(s, (size_t)(colon - s));
        if (f >= 0) {
            size_t vat = t->at + (size_t)(colon - s) + 1;
            size_t vl = len - (size_t)(colon - s) - 1;
            if (vl == 0) {
                fail_at(ps, t->at, "field has no value");
                goto fail;
            }
            n->kind = fields[f].kind;
            n->field = fields[f].field;
            if (n->kind == QN_DATE) {
                if (parse_date(ps, n, colon + 1, vl, vat))
                    goto fail;
                return n;
            }
            s = colon + 1;
            len = vl;
        }
    }
    if (n->kind == QN_TEXT && n->field == QF_NONE && len > 1 && s[0] == '=') {
        n->kind = QN_EXACT;
        s++;
        len--;
    } else if (n->kind == QN_TEXT && len > 1 && s[len - 1] == '*') {
        n->kind = QN_PREFIX;
        len--;
    }
    if (set_text(ps, n, s, len))
        goto fail;
    return n;
fail:
    qn_free(n);
    return NULL;
}

static qn *parse_seq(parser *ps, int top);

static qn *parse_primary(parser *ps)
{
    tok *t = peek(ps);
    if (ps->rc)
        return NULL;
    if (t->kind == T_LPAREN) {
        size_t at = t->at;
        qn_occur occ = t->occur;
        take(ps);
        if (++ps->depth > QN_MAX_DEPTH) {
            fail_at(ps, at, "parentheses nested too deep");
            return NULL;
        }
        qn *n = parse_seq(ps, 0);
        ps->depth--;
        if (!n)
            return NULL;
        t = peek(ps);
        if (ps->rc || t->kind != T_RPAREN) {
            qn_free(n);
            fail_at(ps, at, "unbalanced parenthesis: no ) for this (");
            return NULL;
        }
        take(ps);
        if (n->nkids == 0) {
            qn_free(n);
            fail_at(ps, at, "empty parentheses");
            return NULL;
        }
        n->at = at;
        n->occur = occ;
        return n;
    }
    if (t->kind == T_WORD || t->kind == T_PHRASE) {
        tok copy = *t;
        take(ps);
        return parse_leaf(ps, &copy);
    }
    if (t->kind == T_RPAREN)
        fail_at(ps, t->at, "unbalanced parenthesis: ) without (");
    else
        fail_at(ps, t->at, "operator has no operand");
    return NULL;
}

static int is_word(const qn *n)
{
    return n->kind == QN_TEXT && n->field == QF_NONE && !n->quoted && n->occur == QO_DEFAULT;
}

static qn *parse_near(parser *ps)
{
    qn *left = parse_primary(ps), *near = NULL;
    if (!left)
        return NULL;
    while (peek(ps)->kind == T_NEAR && !ps->rc) {
        size_t at = ps->cur.at;
        uint32_t w = ps->cur.window;
        take(ps);
        if (!near) {
            if (!is_word(left)) {
                fail_at(ps, left->at, "NEAR joins single words");
                goto fail;
            }
            if (!(near = node_new(ps, QN_NEAR, left->at)))
                goto fail;
            near->window = w;
            if (add_kid(ps, near, left)) {
                left = NULL;
                goto fail;
            }
            left = NULL;
        }
        if (w > near->window)
            near->window = w;
        tok *t = peek(ps);
        if (ps->rc)
            goto fail;
        if (t->kind != T_WORD) {
            fail_at(ps, at, "operator has no operand");
            goto fail;
        }
        qn *right = parse_primary(ps);
        if (!right)
            goto fail;
        if (!is_word(right)) {
            fail_at(ps, right->at, "NEAR joins single words");
            qn_free(right);
            goto fail;
        }
        if (add_kid(ps, near, right))
            goto fail;
    }
    if (ps->rc)
        goto fail;
    return near ? near : left;
fail:
    qn_free(left);
    qn_free(near);
    return NULL;
}

static qn *parse_unary(parser *ps)
{
    tok *t = peek(ps);
    if (ps->rc)
        return NULL;
    if (t->kind == T_NOT) {
        size_t at = t->at;
        take(ps);
        tok *n = peek(ps);
        if (ps->rc)
            return NULL;
        if (n->kind == T_END || n->kind == T_RPAREN || n->kind == T_OR || n->kind == T_AND) {
            fail_at(ps, at, "operator has no operand");
            return NULL;
        }
        qn *x = parse_unary(ps);
        if (x)
            x->occur = QO_MUST_NOT;
        return x;
    }
    return parse_near(ps);
}

static qn *parse_or(parser *ps)
{
    qn *left = parse_unary(ps), *or = NULL;
    if (!left)
        return NULL;
    while (peek(ps)->kind == T_OR && !ps->rc) {
        size_t at = ps->cur.at;
        take(ps);
        tok *t = peek(ps);
        if (ps->rc)
            goto fail;
        if (t->kind == T_END || t->kind == T_RPAREN || t->kind == T_OR || t->kind == T_AND) {
            fail_at(ps, at, "operator has no operand");
            goto fail;
        }
        if (!or) {
            if (!(or = node_new(ps, QN_OR, left->at)))
                goto fail;
            qn *l = left;
            left = NULL;
            if (add_kid(ps, or, l))
                goto fail;
        }
        qn *right = parse_unary(ps);
        if (!right || add_kid(ps, or, right))
            goto fail;
    }
    if (ps->rc)
        goto fail;
    return or ? or : left;
fail:
    qn_free(left);
    qn_free(or);
    return NULL;
}

static qn *parse_seq(parser *ps, int top)
{
    qn *seq = node_new(ps, QN_SEQ, ps->p);
    if (!seq)
        return NULL;
    for (;;) {
        tok *t = peek(ps);
        if (ps->rc)
            goto fail;
        if (t->kind == T_END)
            break;
        if (t->kind == T_RPAREN) {
            if (top) {
                fail_at(ps, t->at, "unbalanced parenthesis: ) without (");
                goto fail;
            }
            break;
        }
        if (t->kind == T_AND || (t->kind == T_OR && seq->nkids == 0)) {
            size_t at = t->at;
            int first = seq->nkids == 0;
            take(ps);
            t = peek(ps);
            if (ps->rc)
                goto fail;
            if (first || t->kind == T_END || t->kind == T_RPAREN || t->kind == T_OR ||
                t->kind == T_AND) {
                fail_at(ps, at, "operator has no operand");
                goto fail;
            }
            continue;
        }
        qn *item = parse_or(ps);
        if (!item || add_kid(ps, seq, item))
            goto fail;
    }
    return seq;
fail:
    qn_free(seq);
    return NULL;
}

/* Offset of the first byte that does not start a valid UTF-8 character. */
static size_t first_bad_byte(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t l = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        if (l > n - i || !ar_utf8_valid(s + i, l))
            return i;
        i += l;
    }
    return n;
}

int qn_parse(const char *text, qn **out, qn_error *err)
{
    parser ps;
    if (!out || !err)
        return QN_ESYNTAX;
    *out = NULL;
    memset(err, 0, sizeof *err);
    if (!text)
        text = "";
    memset(&ps, 0, sizeof ps);
    ps.text = text;
    ps.len = strlen(text);
    ps.err = err;
    if (!ar_utf8_valid(text, ps.len)) {
        err->column = qn_column(text, first_bad_byte(text, ps.len));
        snprintf(err->msg, sizeof err->msg, "query is not valid UTF-8");
        return QN_EUTF8;
    }
    qn *n = parse_seq(&ps, 1);
    if (ps.rc) {
        qn_free(n);
        return ps.rc;
    }
    *out = n;
    return QN_OK;
}

void qn_free(qn *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        qn_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}
