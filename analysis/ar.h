/*
 * ar.h - the Arabic text pipeline shared by the indexer, the searcher's query
 * parser and the snippet highlighter.
 *
 * Bytes go in, tokens come out. Every token keeps the byte offsets of the
 * word in the caller's original text (never in a normalized copy), so that
 * highlights never drift, its word position, its normalized surface form and
 * its stem. Because the three programs call the same function, a word is
 * analysed identically when it is indexed, searched and highlighted.
 *
 * Invariants:
 *  - norm and stem are never empty strings; a word that normalizes to nothing
 *    (a lone tatweel, a lone bidi mark) produces no token at all.
 *  - positions start at 0 and grow by one per emitted token.
 *  - AR_VERSION changes whenever any rule below changes the terms produced;
 *    an index records it and a searcher refuses a mismatch.
 *
 * This module never prints and never exits. An analyzer is not thread-safe:
 * use one per thread.
 */
#ifndef FAHRAS_AR_H
#define FAHRAS_AR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bump on any change to normalization, segmentation or stemming. */
#define AR_VERSION "fahras-ar-18"

typedef enum {
    AR_OK = 0,
    AR_ENOMEM = -1,   /* allocation failed */
    AR_EINVAL = -2,   /* a NULL or otherwise invalid argument */
    AR_EUTF8 = -3,    /* the input is not valid UTF-8 */
    AR_EICU = -4,     /* ICU or libstemmer reported a failure */
    AR_EBINARY = -5,  /* ar_text_decode: the bytes look like a binary file */
    AR_EDECODE = -6   /* ar_text_decode: no supported encoding fits */
} ar_status;

/* Token flags. */
#define AR_TOK_ARABIC 0x1u /* contains Arabic letters */
#define AR_TOK_NUMBER 0x2u /* digits only (after digit folding) */
#define AR_TOK_LATIN 0x4u  /* contains Latin letters */
#define AR_TOK_STOP 0x8u   /* an Arabic function word (see ar_is_stopword) */
#define AR_TOK_HAMZA 0x10u /* typed with أ or إ, which the norm writes ا */

typedef struct {
    size_t start;     /* byte offset of the word in the input */
    size_t end;       /* byte offset one past the word */
    uint32_t pos;     /* word position, 0-based */
    const char *norm; /* normalized surface form, UTF-8, NUL-terminated */
    const char *stem; /* index term: the stem, of an Arabic word read
                         without the proclitics typed onto it unless the
                         dictionary knows the whole word (بدمشق -> دمشق,
                         ورقة -> ورق); UTF-8, NUL-terminated, never empty */
    unsigned flags;   /* AR_TOK_* */
} ar_token;

typedef struct ar_analyzer ar_analyzer;

/* The Arabic stemmer: the light stemmer (the default), or libstemmer's
 * Snowball Arabic. An index records the one it was built with. */
typedef enum { AR_STEMMER_LIGHT, AR_STEMMER_SNOWBALL } ar_stemmer;

/* "light" or "snowball". */
const char *ar_stemmer_name(ar_stemmer s);

/* The stemmer named s ("light", "snowball"), or -1. */
int ar_stemmer_parse(const char *s);
typedef struct ar_tokens ar_tokens;

/* Create an analyzer (ICU break iterator, normalizer, stemmers) with the
 * light Arabic stemmer.
 * *out belongs to the caller; release it with ar_analyzer_free.
 * Returns AR_OK, AR_ENOMEM or AR_EICU. */
int ar_analyzer_new(ar_analyzer **out);

/* The same with the Arabic stemmer st. */
int ar_analyzer_new_stemmer(ar_analyzer **out, ar_stemmer st);

/* Release an analyzer. NULL is accepted. */
void ar_analyzer_free(ar_analyzer *a);

/* The message for the last failure of a call on this analyzer. Borrowed;
 * valid until the next call on a. Never NULL. */
const char *ar_analyzer_errmsg(const ar_analyzer *a);

/* Analyse len bytes of UTF-8 text (text need not be NUL-terminated).
 * *out belongs to the caller; release it with ar_tokens_free. Tokens point
 * into *out, not into text. Returns AR_OK, AR_EINVAL, AR_EUTF8 (nothing is
 * returned then), AR_ENOMEM or AR_EICU. */
int ar_analyze(ar_analyzer *a, const char *text, size_t len, ar_tokens **out);

/* The same tokens as ar_analyze (offsets, positions, norms, flags), but
 * each token's stem is its norm: no stemming, no clitic reading. For callers
 * that place words and compare spellings only (snippets), at less cost. */
int ar_analyze_forms(ar_analyzer *a, const char *text, size_t len, ar_tokens **out);

/* The first tokens of ar_analyze_forms, the same ones: at least min_tokens
 * of them (a word split in several, like a hashtag, may give a few more),
 * or all when the text holds fewer; 0 means all. For callers that need the
 * words up to a known position only (snippets). The whole text is still
 * checked as UTF-8. */
int ar_analyze_forms_prefix(ar_analyzer *a, const char *text, size_t len, size_t min_tokens,
                            ar_tokens **out);

/* Number of tokens. NULL gives 0. */
size_t ar_tokens_count(const ar_tokens *t);

/* Token i (0 <= i < count). Borrowed from t. */
const ar_token *ar_tokens_get(const ar_tokens *t, size_t i);

/* Release tokens. NULL is accepted. */
void ar_tokens_free(ar_tokens *t);

/* Normalize and stem one word the same way ar_analyze does, for callers that
 * already hold a single normalized word (tests, tools). Returns a new
 * NUL-terminated string in *out (caller frees with free()), or AR_EINVAL when
 * word is not a single word. */
int ar_stem_word(ar_analyzer *a, const char *word, char **out);

/* The length in bytes of the part of tok->stem that ranking boosts key on
 * (the lead, FX_PREFIX_LEAD): the stem of an Arabic feminine plural without
 * its ـات (انتخابات -> انتخاب), the whole stem otherwise. Matching keeps
 * the plural apart (صادرات is not صادر); a document whose lead speaks of
 * الانتخاب is still about الانتخابات. */
size_t ar_broad_len(const ar_token *tok);

/* The index terms a reader means by one query token (from ar_analyze on the
 * same analyzer): its own term first, then the terms that the word gets in a
 * document with the proclitics و ب ل (and ف ك on longer words) or the
 * article attached, and those of its sound masculine plural, of its
 * feminine plural in ـات (حكومة / حكومات; a word typed in that plural gets
 * the plural only, unless its class below holds the singular: سيارات), and
 * of the other members of its broken-plural class
 * (طفل / اطفال). Function words, numbers
 * and Latin words give their own term only.
 * Most clitic forms share the word's own term, because ar_analyze reads a
 * word without its typed proclitics (بدمشق, لقسد, وداعش: the bare word);
 * the word typed with proclitics is also expanded as if typed bare. A clitic
 * reading that is a word of its own is left out: و + رقة is ورقة ("paper"),
 * ب + رقة is برقة. "A word of its own" is decided by a dictionary (Debian's
 * Arabic Hunspell word list, read at build time), never by the collection:
 * the expansion of a word is the same whatever the index holds.
 * *out is an array of *n new strings (caller frees with ar_strv_free).
 * Returns AR_OK, AR_EINVAL or AR_ENOMEM. */
int ar_expand(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n);

/* The index terms of a token's other spellings in the press (امريكي and
 * اميركي, تلفزيون and تليفزيون: the spelling-variant classes of
 * ar_lexicon.c), each expanded as ar_expand expands a word, less the terms
 * ar_expand gives the token itself. A caller may weigh them below the
 * token's own spelling: a headline and its article tend to share one.
 * None for most tokens (*out NULL, *n 0); function words, numbers and
 * Latin words have none. Caller frees with ar_strv_free(*out, *n).
 * Returns AR_OK, AR_EINVAL or AR_ENOMEM. */
int ar_expand_variants(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n);

/* The spellings that a token typed with the madda of آل (آلية, بآليات)
 * has in text that drops the madda, with each proclitic and with the
 * article (الية, الالية, بالية, والالية, ...), as *n pairs in *out: the
 * index term each gets, then its normalized form (term, form, term,
 * form, ...). Such a term is often another word's too (الاف -> اف, the
 * stem of إف), so a caller should match it only where the form itself
 * stands. A pair whose term is a function word's is left out (الام is
 * also الأم, whose stem is أم's), and a token without that madda gets
 * none. Caller frees with ar_strv_free(*out, 2 * *n).
 * Returns AR_OK, AR_EINVAL or AR_ENOMEM. */
int ar_expand_unmarked(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n);

/* The index terms of the singular of a token typed in a sound plural,
 * less the terms ar_expand gives the token itself (ar_expand finds the
 * plural, and a masculine plural's other case): a feminine plural
 * (العقوبات, بالاحتجاجات) when the Hunspell dictionary lists its singular
 * as a noun that takes it (عقوبة, احتجاج; not صادر, an adjective:
 * الصادرات are exports), a masculine plural (اللاعبين) when it gives the
 * singular that plural (ar__construct_bases: لاعب, and its construct
 * state لاعبو, لاعبي). As *n pairs in *out (term, form, term, form, ...):
 * a singular in ة loses it in its stem, which can be another word's
 * (مظاهرة -> مظاهر, also the plural of مظهر), and a masculine singular
 * shares its stem with its feminine (لاعب, لاعبة), so each of their
 * spellings with the proclitics (and the article) comes with the index
 * term it gets, to be matched only where that form stands (as in
 * ar_expand_unmarked); any other singular's terms come with the form "",
 * to be matched as they are. None for most tokens (*out NULL, *n 0).
 * Caller frees with ar_strv_free(*out, 2 * *n).
 * Returns AR_OK, AR_EINVAL or AR_ENOMEM. */
int ar_expand_singular(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n);

/* The spellings that the term of a token typed in a sound masculine plural
 * stands for, when that term is also its feminine's: the light stemmer
 * reads المسلحين, مسلح and مسلحة as مسلح, الفلسطينيين and الفلسطينية as
 * فلسطيني, المدرسين and مدرسة ("school") as مدرس. The plural is one of a
 * Hunspell noun or adjective that takes it, or of a nisba adjective in ي,
 * and not a Hunspell word of its own (تعيين, مليون). As *n pairs in *out
 * (term, form, term, form, ...), the token's own term first: the
 * singular (a nisba's also written with ى), the plural in ين and ون and
 * the dual in ان, bare, with each proclitic group and with the article,
 * and the construct state in و and ي (and ى), each with the index term it
 * gets, mostly the token's own (not the dual's مسلحان); and the same forms
 * of the singular's other spellings in the press (ar_expand_variants:
 * الامريكيين, اميركي). A caller can then match each of these terms only
 * where one of its forms stands. None (*out NULL,
 * *n 0) for any other token, and for a plural whose feminine gets another
 * term. Caller frees with ar_strv_free(*out, 2 * *n).
 * Returns AR_OK, AR_EINVAL or AR_ENOMEM. */
int ar_expand_own_forms(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n);

/* Free n strings and the array. NULL is accepted. */
void ar_strv_free(char **v, size_t n);

/* 1 when a normalized form is an Arabic function word (a preposition,
 * pronoun, particle or conjunction) that carries no topic on its own. */
int ar_is_stopword(const char *norm);

/* 1 when len bytes at s are valid UTF-8 (no overlongs, no surrogates). */
int ar_utf8_valid(const char *s, size_t len);

/* What ar_text_decode did: the encoding it read, and the bytes it could
 * not read and replaced by U+FFFD (damaged UTF-8 sequences, NUL bytes). */
typedef struct {
    const char *charset; /* static: "UTF-8", "UTF-16LE", "UTF-16BE",
                          * "windows-1256" or "ISO-8859-6" */
    size_t replaced;     /* bytes replaced by U+FFFD (0: none) */
    size_t first_bad;    /* offset in the input of the first of them */
} ar_decode_info;

/* Decode a file's bytes into UTF-8. UTF-8 is kept (a leading BOM is
 * dropped); UTF-16 with a byte order mark is decoded. Text that is mostly
 * UTF-8 with some damaged bytes keeps its good text: each damaged byte, and
 * each NUL byte, becomes U+FFFD and is counted in info. Otherwise the bytes
 * are decoded as Windows-1256 or ISO-8859-6, whichever reads as more
 * Arabic. *out (NUL-terminated, *outlen bytes, valid UTF-8 with no NUL)
 * belongs to the caller (free()). info may be NULL.
 * Returns AR_OK, AR_EBINARY (mostly NUL or control bytes), AR_EDECODE,
 * AR_ENOMEM or AR_EINVAL. */
int ar_text_decode(const char *in, size_t n, char **out, size_t *outlen, ar_decode_info *info);

/* The encoding of a file's bytes, judged on its first MiB: "UTF-16LE" or
 * "UTF-16BE" (byte order mark), "UTF-8" (also when mostly UTF-8 with some
 * damaged bytes), else "windows-1256" or "ISO-8859-6". NULL for binary
 * data. A static string. */
const char *ar_text_detect(const char *in, size_t n);

/* Decode in (n bytes) from charset, a name ar_text_detect returns, as
 * ar_text_decode does. Used to decode a file one record at a time. */
int ar_text_decode_as(const char *in, size_t n, const char *charset, char **out,
                      size_t *outlen, ar_decode_info *info);

/* 1 when the first n bytes of a file look like binary data (more than one
 * in ten a NUL or control byte; UTF-16 with a byte order mark is text). */
int ar_looks_binary(const char *s, size_t n);

/* A copy of s (n bytes) in which every invalid UTF-8 byte and every NUL is
 * U+FFFD. *out (NUL-terminated, *outlen bytes) belongs to the caller.
 * *replaced and *first_bad (both may be NULL) as in ar_decode_info.
 * Returns AR_OK, AR_EINVAL or AR_ENOMEM. */
int ar_utf8_repair(const char *s, size_t n, char **out, size_t *outlen, size_t *replaced,
                   size_t *first_bad);

/* A static one-line description of a status code. */
const char *ar_strerror(int status);

#ifdef __cplusplus
}
#endif

#endif
