/*
 * qparse.h - the query language, first two stages: the lexer and the parser.
 * Query text goes in, a syntax tree comes out. Nothing here analyses Arabic
 * or touches the index: query.c analyses each leaf with ar_analyze (the
 * code that built the index) and builds the Xapian query from the tree.
 *
 * Grammar (loosest first):
 *
 *   query   := item*                      items joined by the default
 *                                         operator (AND, or OR with --any);
 *                                         the word AND may stand between them
 *   item    := or ("OR" | "|") or ...     explicit OR binds tighter than the
 *                                         default operator: a b OR c is
 *                                         a AND (b OR c)
 *   unary   := "NOT" unary | "-" near | "+" near | near
 *   near    := primary ("NEAR" | "NEAR/n") primary ...   (single words)
 *   primary := "(" query ")" | "\"phrase\"" | leaf
 *   leaf    := word | =word | prefix* | field:word | field:"phrase"
 *   field   := title | source | category | id | date
 *
 * Every Unicode white space character separates words (U+00A0 and U+202F
 * included). The operators OR, AND, NOT and NEAR are recognised in capitals
 * only, so the lower-case English words stay searchable. "-" and "+" are
 * operators only at the start of a word: كيم-يونغ is one word, and a lone
 * "-" between spaces is a dash.
 *
 * Positions in messages are 1-based character (code point) columns.
 */
#ifndef FAHRAS_QPARSE_H
#define FAHRAS_QPARSE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    QN_SEQ,    /* children joined by the default operator, each with an occur */
    QN_OR,     /* children joined by OR */
    QN_NEAR,   /* single-word QN_TEXT children within `window` positions */
    QN_TEXT,   /* text for the analyser: a word, or a phrase when quoted */
    QN_EXACT,  /* =word: the exact normalized form, no stemming or expansion */
    QN_PREFIX, /* word*: every stem that starts with the word's stem */
    QN_LABEL,  /* source:, category:, id: a boolean filter on a stored label */
    QN_DATE    /* date:FROM..TO, a boolean filter on the extracted date */
} qn_kind;

typedef enum { QO_DEFAULT, QO_MUST, QO_MUST_NOT } qn_occur;

typedef enum { QF_NONE, QF_TITLE, QF_SOURCE, QF_CATEGORY, QF_ID } qn_field;

typedef struct qn qn;
struct qn {
    qn_kind kind;
    qn_occur occur;  /* how its parent combines it (+word, -word, NOT word) */
    qn_field field;  /* QN_TEXT: QF_NONE or QF_TITLE; QN_LABEL: which label */
    int quoted;      /* QN_TEXT written as "..." */
    size_t at;       /* byte offset of the node in the query text */
    char *text;      /* leaf text, NUL-terminated (TEXT, EXACT, PREFIX, LABEL) */
    char lo[11];     /* QN_DATE: "", "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
    char hi[11];
    uint32_t window; /* QN_NEAR: words apart at most (NEAR/n; NEAR is 10) */
    qn **kids;
    size_t nkids;
};

typedef struct {
    size_t column; /* 1-based code point column of the problem; 0 when none */
    char msg[200]; /* one line, no position in it */
} qn_error;

typedef enum {
    QN_OK = 0,
    QN_ENOMEM = -1,
    QN_ESYNTAX = -2, /* err says what and where */
    QN_EUTF8 = -3    /* the text is not valid UTF-8 (column of the first bad byte) */
} qn_status;

/* Parse text (NUL-terminated) into *out, always a QN_SEQ (possibly with no
 * children: an empty query). *out belongs to the caller (qn_free). On
 * failure *out is NULL and err (not NULL) is filled. */
int qn_parse(const char *text, qn **out, qn_error *err);

void qn_free(qn *n);

/* Check and normalize a date bound: YYYY, YYYY-MM or YYYY-MM-DD with a real
 * month and day. Returns 0 and copies it to out (11 bytes), or -1. */
int qn_date_check(const char *s, size_t len, char *out);

/* The 1-based column of byte offset off in text. */
size_t qn_column(const char *text, size_t off);

/* Length in bytes of the Unicode white space character at s (0 if none).
 * s holds n bytes. */
size_t qn_space_len(const char *s, size_t n);

#endif
