/*
 * ar_internal.h - interfaces between the files of analysis/. Not installed,
 * not included outside analysis/.
 */
#ifndef FAHRAS_AR_INTERNAL_H
#define FAHRAS_AR_INTERNAL_H

#include "ar.h"

struct sb_stemmer;

/* ---- interface to ar_stem.c ---- */

/* Stemmers owned by one analyzer. */
/* One remembered stem: norm and stem stored back to back in the arena. */
typedef struct {
    uint32_t hash, off;
    uint16_t nlen, slen; /* nlen 0: an empty slot */
} ar__stem_slot;

typedef struct {
    struct sb_stemmer *english;
    struct sb_stemmer *arabic; /* Snowball Arabic, when chosen; else NULL */
    char *buf; /* scratch, grown on demand */
    size_t cap;
    /* Stems by word: word frequencies follow Zipf's law, so a small table
     * answers most lookups. Cleared when full. */
    ar__stem_slot *slots;
    size_t nslots, used;
    char *arena;
    size_t alen, acap;
    unsigned long hits, misses;
    /* Sorted spellings, as the light stemmer sees them (normalized, ؤ ئ
     * as ء), that decide a ت before a pronoun; borrowed from the
     * analyzer, NULL until it has made them (then no word is in them). */
    char *const *teh_nouns; /* ar__teh_words */
    size_t nteh;
    char *const *at_words; /* ar__at_words */
    size_t nat;
    char *const *own_teh; /* ar__own_teh_nouns */
    size_t nown;
} ar__stemmers;

/* Set up the stemmers; Arabic words go to Snowball Arabic when snowball is
 * non-zero, to the light stemmer otherwise. */
int ar__stemmers_init(ar__stemmers *s, int snowball);
void ar__stemmers_fini(ar__stemmers *s);

/* A flag for ar__stem beside the AR_TOK_* ones: the word's first letters
 * are its own even where they look like the article group (بالغة, وكالات
 * are words, not بال + غة, وكال + ات); the light stemmer then leaves them. */
#define AR__STEM_WHOLE 0x80u

/* Stem a normalized word of len bytes with the given AR_TOK_* flags. The
 * result is written to *out (borrowed from s, valid until the next call) and
 * its length to *outlen; it is never empty. Returns AR_OK or AR_ENOMEM. */
int ar__stem(ar__stemmers *s, const char *norm, size_t len, unsigned flags,
             const char **out, size_t *outlen);

/* Code points in len bytes of UTF-8. */
size_t ar__letters(const char *w, size_t len);

/* Bytes of the article group (ال, وال, بال, لل, ...) that ar__stem strips
 * from the front of w, or 0. */
size_t ar__article_len(const char *w, size_t len);

/* For tests: with on, ar_analyze takes every word segment from ICU's break
 * iterator, none from its shortcut for plain Arabic words (plain_word_span);
 * the tokens must be the same. */
void ar__icu_only(ar_analyzer *a, int on);

/* The function words of ar_is_stopword, sorted, each at most
 * AR__STOP_MAX_BYTES long. */
#define AR__STOP_MAX_BYTES 12
extern const char *const ar__stopwords[];
extern const size_t ar__stopwords_n;

/* ---- interface to ar_lexicon.c ---- */

/* Broken-plural classes: each string is "singular plural [plural...]". */
extern const char *const ar__broken_plurals[];
extern const size_t ar__broken_plurals_n;

/* Spelling variants of one word: each string is "spelling spelling...". */
extern const char *const ar__spelling_variants[];
extern const size_t ar__spelling_variants_n;

/* Words the dictionary's plural classes leave out (another sense leads). */
extern const char *const ar__not_in_dict_classes[];
extern const size_t ar__not_in_dict_classes_n;

/* Words whose first letter ل stays after ل + the article, written لل
 * (للاعب is ل + اللاعب): each string is one word. */
extern const char *const ar__lam_words[];
extern const size_t ar__lam_words_n;

/* Nouns of three letters in ت whose ت stays before a pronoun (صوته). */
extern const char *const ar__own_teh_nouns[];
extern const size_t ar__own_teh_nouns_n;

/* ---- interface to the generated ar_plurals.c (analysis/gen_plurals.py) ---- */

/* Broken-plural classes read from an Arabic-English dictionary, "singular
 * plural [plural...]"; lex_init keeps what the hand lexicon leaves free. */
extern const char *const ar__dict_plurals[];
extern const size_t ar__dict_plurals_n;

/* Dictionary nouns and adjectives that take the sound masculine plural
 * ـون / ـين (مقاتل, لاعب), in the analyzer's normalized spelling and sorted
 * by strcmp (gen_plurals.py); those with a nisba adjective in ـي of their
 * own (مركزي, عائلي) are not among them. */
extern const char *const ar__construct_bases[];
extern const size_t ar__construct_bases_n;
extern const char *const ar__masculine_singulars[];
extern const size_t ar__masculine_singulars_n;

/* The Arabic-English dictionary's headwords that begin with و ف ب ل or ك
 * as a letter of their own and that Hunspell lacks, names above all (برونو,
 * فلاديمير), in normalized spelling (gen_plurals.py). */
extern const char *const ar__dict_clitic_words[];
extern const size_t ar__dict_clitic_words_n;

/* Dictionary nouns that take the feminine sound plural in ـات (عقوبة,
 * احتجاج), in normalized spelling (gen_plurals.py); adjectives, which take
 * it too (صادر), are not among them. */
extern const char *const ar__feminine_plural_nouns[];
extern const size_t ar__feminine_plural_nouns_n;

/* ---- interface to the generated ar_words.c (analysis/gen_words.sh) ---- */

/* Dictionary words that begin with و ف ب ل or ك as a letter of their own
 * (ورقة, وزير, بلد), in the dictionary's spelling. */
extern const char *const ar__clitic_letter_words[];
extern const size_t ar__clitic_letter_words_n;

/* Dictionary words that end in يا (سوريا, عليا), in its spelling. */
extern const char *const ar__ya_words[];
extern const size_t ar__ya_words_n;

/* Dictionary words that end in ى (مستشفى, معنى), in its spelling. */
extern const char *const ar__maqsura_words[];
extern const size_t ar__maqsura_words_n;
/* Dictionary words that begin with آل (madda_reading). */
extern const char *const ar__madda_words[];
extern const size_t ar__madda_words_n;
/* Dictionary words in ة of three letters or in اة, and those in ات
 * (the light stemmer's reading of ت before a pronoun). */
extern const char *const ar__teh_words[];
extern const size_t ar__teh_words_n;
extern const char *const ar__at_words[];
extern const size_t ar__at_words_n;
extern const char *const ar__in_un_words[];
extern const size_t ar__in_un_words_n;

#endif
