/*
 * ar.c - segmentation and normalization: UTF-8 in, ar_token stream out.
 *
 * The input is converted once to UTF-16 with a table that maps every UTF-16
 * index back to its byte offset, so each token's offsets refer to the
 * caller's bytes. ICU's word break iterator segments the original text (it
 * keeps harakat, tatweel and bidi controls inside a word); each word is then
 * normalized on its own:
 *   1. NFKC_Casefold: presentation forms and lam-alef ligatures back to
 *      letters, Latin case folding, and removal of default-ignorable code
 *      points (bidi controls U+200E/U+200F, U+202A-U+202E, U+2066-U+2069,
 *      ZWJ/ZWNJ, U+FEFF).
 *   2. The Arabic rules of ar__fold_cp below.
 * A word that mixes digits and letters ("2018م") is split into its runs so
 * that the number can match on its own.
 */
#include "ar.h"
#include "ar_internal.h"
#include "ar_utf8.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

/* A sorted set of strings (words_init). */
typedef struct {
    char **v;
    size_t n;
} word_set;

typedef struct {
    char *stem;   /* stem of one lexicon form */
    const char *klass; /* its class: "form form ..." (ar_lexicon.c) */
    size_t ord;        /* order of loading: classes that share a stem
                        * are expanded in this order */
    int variant;       /* a spelling-variant class (ar_expand_variants),
                        * not a plural class (ar_expand) */
} lex_entry;

struct ar_analyzer {
    lex_entry *lex; /* stems of every class member, sorted by stem */
    size_t nlex;
    char **klasses; /* the dictionary's classes as kept (lex_init) */
    size_t nklasses;
    word_set words;    /* stems of ar__clitic_letter_words but its verbs in
                        * ـوا, and of ar__dict_clitic_words (words_init) */
    word_set ya_words; /* spellings of ar__ya_words */
    word_set lam_words; /* stems of ar__lam_words */
    word_set wa_verbs;  /* stems of the words of ar__clitic_letter_words in ـوا */
    word_set maqsura;   /* stems of ar__maqsura_words, function words aside
                         * (light stemmer only) */
    char mq[512];       /* a stem with its final ى back (keep_maqsura) */
    word_set madda;     /* stems of ar__madda_words (madda_reading) */
    word_set fem_nouns; /* spellings of ar__feminine_plural_nouns, made on
                         * the first ar_expand_singular (feminine_singular) */
    word_set masc_sg, in_un; /* spellings of ar__masculine_singulars and
                              * ar__in_un_words, made on the first
                              * ar_expand_own_forms (masculine_plural) */
    word_set teh, at, own_teh; /* spellings of ar__teh_words, ar__at_words and
                                * ar__own_teh_nouns, for the light stemmer
                                * (teh_sets_init) */
    char **xcache;     /* ar_expand's results by word (expand_cache_*) */
    size_t xused;
    int raw;     /* words_init at work: plain stems, no clitic readings */
    int no_stem; /* ar_analyze_forms at work: each stem is its norm */
    size_t max_tokens; /* ar_analyze_forms_prefix: stop at this many; 0 none */
    int icu_only;      /* ar__icu_only: every segment from the break iterator */
    UBreakIterator *bi;
    const UNormalizer2 *nfkc_cf;
    ar__stemmers stem;
    UChar *u16;       /* the whole input as UTF-16 */
    size_t *u16_byte; /* byte offset of each UTF-16 unit, plus one at the end */
    size_t cap16;
    UChar *nbuf; /* NFKC_Casefold output for one word */
    int32_t ncap;
    char *w8; /* normalized word as UTF-8 */
    size_t w8cap;
    char msg[200];
};

struct ar_tokens {
    ar_token *tok;
    size_t n, cap;
    char *arena; /* norm\0stem\0 of every token */
    size_t alen, acap;
};

const char *ar_strerror(int status)
{
    switch (status) {
    case AR_OK: return "success";
    case AR_ENOMEM: return "out of memory";
    case AR_EINVAL: return "invalid argument";
    case AR_EUTF8: return "text is not valid UTF-8";
    case AR_EICU: return "Unicode library failure";
    case AR_EBINARY: return "binary data, not text";
    case AR_EDECODE: return "text is in no supported encoding";
    default: return "unknown error";
    }
}

static int set_err(ar_analyzer *a, int code, const char *what)
{
    snprintf(a->msg, sizeof a->msg, "%s%s%s", ar_strerror(code), what ? ": " : "",
             what ? what : "");
    return code;
}

const char *ar_analyzer_errmsg(const ar_analyzer *a)
{
    return a ? a->msg : "no analyzer";
}

static int words_init(ar_analyzer *a);
static void keep_maqsura(ar_analyzer *a, const char *w, size_t n, unsigned flags,
                         const char **st, size_t *sl);
static void word_set_free(word_set *ws);
static void expand_cache_clear(ar_analyzer *a);
static int ends_in(const char *w, size_t n, const char *suffix);

/* The lexicon stem of the class word w (n bytes): the plain stem, its final
 * ى kept as keep_maqsura says. Borrowed like ar__stem's. */
static int lex_stem(ar_analyzer *a, const char *w, size_t n, const char **st, size_t *sl)
{
    int rc = ar__stem(&a->stem, w, n, AR_TOK_ARABIC, st, sl);
    if (!rc)
        keep_maqsura(a, w, n, AR_TOK_ARABIC, st, sl);
    return rc;
}

static int lex_push(ar_analyzer *a, size_t *cap, const char *st, size_t sl, const char *klass)
{
    if (a->nlex == *cap) {
        size_t nc = *cap ? *cap * 2 : 1024;
        lex_entry *nl = realloc(a->lex, nc * sizeof *nl);
        if (!nl)
            return AR_ENOMEM;
        a->lex = nl;
        *cap = nc;
    }
    if (!(a->lex[a->nlex].stem = strndup(st, sl)))
        return AR_ENOMEM;
    a->lex[a->nlex].klass = klass;
    a->lex[a->nlex].ord = a->nlex;
    a->lex[a->nlex].variant = 0;
    a->nlex++;
    return AR_OK;
}

static int lex_cmp(const void *x, const void *y)
{
    const lex_entry *p = x, *q = y;
    int c = strcmp(p->stem, q->stem);
    return c ? c : (p->ord > q->ord) - (p->ord < q->ord);
}

/* The first of the n sorted entries at the start of a->lex with stem st,
 * or n. */
static size_t lex_find(const ar_analyzer *a, size_t n, const char *st)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(a->lex[mid].stem, st) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && !strcmp(a->lex[lo].stem, st) ? lo : n;
}

/* 1 when a plural class (not a spelling-variant one) of the first n
 * sorted entries has a member of stem st. */
static int lex_has_plural_class(const ar_analyzer *a, size_t n, const char *st)
{
    for (size_t i = lex_find(a, n, st); i < n && !strcmp(a->lex[i].stem, st); i++)
        if (!a->lex[i].variant)
            return 1;
    return 0;
}

/* 1 when the class word w (n bytes) is one of ar__not_in_dict_classes. */
static int not_in_dict_classes(const char *w, size_t n)
{
    for (size_t i = 0; i < ar__not_in_dict_classes_n; i++)
        if (strlen(ar__not_in_dict_classes[i]) == n && !memcmp(ar__not_in_dict_classes[i], w, n))
            return 1;
    return 0;
}

/* One class of the dictionary (ar__dict_plurals), kept as far as the stems
 * of its words are free: a word whose stem a class of the hand lexicon or an
 * earlier dictionary class holds is left out (the hand lexicon knows which
 * sense the press means), and so is a word of ar__not_in_dict_classes or
 * one whose stem is a function word's; the whole class when that is its
 * singular or when fewer than two words are left. `sorted` entries of a->lex are sorted. */
static int lex_add_dict_class(ar_analyzer *a, size_t *cap, size_t sorted, const char *klass)
{
    char kept[512];
    size_t kl = 0, nwords = 0, first = a->nlex;
    const char *p = klass;
    int rc = AR_OK;
    while (*p && !rc) {
        size_t n = strcspn(p, " ");
        const char *st;
        size_t sl;
        char key[256];
        if (n > 0 && n + 2 < sizeof kept - kl && !(rc = lex_stem(a, p, n, &st, &sl)) &&
            sl < sizeof key) {
            memcpy(key, st, sl);
            key[sl] = '\0';
            /* Nor one whose stem is a function word's: ألوان, normalized
             * الوان, has the stem وان of وأن ("and that"), آلام that of
             * أم. */
            int taken = lex_has_plural_class(a, sorted, key) || not_in_dict_classes(p, n) ||
                        ar_is_stopword(key);
            for (size_t i = sorted; i < a->nlex && !taken; i++)
                taken = !a->lex[i].variant && !strcmp(a->lex[i].stem, key);
            if (taken && p == klass)
                break; /* the singular: no class */
            if (!taken && !(rc = lex_push(a, cap, st, sl, NULL))) {
                memcpy(kept + kl, p, n);
                kl += n;
                kept[kl++] = ' ';
                nwords++;
            }
        }
        p += n;
        while (*p == ' ')
            p++;
    }
    char *k = NULL;
    if (!rc && nwords >= 2) {
        kept[kl - 1] = '\0';
        char **nk = realloc(a->klasses, (a->nklasses + 1) * sizeof *nk);
        if (!nk || !(k = strdup(kept)))
            rc = AR_ENOMEM;
        if (nk)
            a->klasses = nk;
        if (k)
            a->klasses[a->nklasses++] = k;
    }
    /* Point the new entries at the class as kept, or take them back. */
    for (size_t i = first; i < a->nlex; i++)
        a->lex[i].klass = k;
    if (!k) {
        for (size_t i = first; i < a->nlex; i++)
            free(a->lex[i].stem);
        a->nlex = first;
    }
    return rc;
}

/* Stem every member of every class once (after words_init: a member ending
 * in ى keeps it as keep_maqsura says): the hand lexicon of ar_lexicon.c
 * first, then, with the light stemmer, the dictionary's classes as far as
 * their stems are free (lex_add_dict_class), and sort the stems for
 * lex_find. */
static int lex_init(ar_analyzer *a)
{
    size_t cap = 0;
    const char *const *tables[] = {ar__broken_plurals, ar__spelling_variants};
    const size_t sizes[] = {ar__broken_plurals_n, ar__spelling_variants_n};
    for (size_t tb = 0; tb < 2; tb++)
        for (size_t k = 0; k < sizes[tb]; k++) {
            const char *p = tables[tb][k];
            while (*p) {
                size_t n = strcspn(p, " ");
                const char *st;
                size_t sl;
                int rc = n > 0 ? lex_stem(a, p, n, &st, &sl) : AR_OK;
                if (!rc && n > 0 && !(rc = lex_push(a, &cap, st, sl, tables[tb][k])))
                    a->lex[a->nlex - 1].variant = tb == 1;
                if (rc)
                    return rc;
                p += n;
                while (*p == ' ')
                    p++;
            }
        }
    qsort(a->lex, a->nlex, sizeof *a->lex, lex_cmp);
    size_t sorted = a->nlex;
    /* Light stemmer only: Snowball takes a nisba's ي off (صحفي -> صحف),
     * so an adjective would find the class of the noun it is spelled like
     * (الصحفي, "journalist", found صحيفة: its audit F1 0.907 -> 0.614). */
    size_t ndict = a->stem.arabic ? 0 : ar__dict_plurals_n;
    for (size_t k = 0; k < ndict; k++) {
        int rc = lex_add_dict_class(a, &cap, sorted, ar__dict_plurals[k]);
        if (rc)
            return rc;
        /* Keep the unsorted tail short: it is searched one by one. */
        if (a->nlex - sorted > 64) {
            qsort(a->lex, a->nlex, sizeof *a->lex, lex_cmp);
            sorted = a->nlex;
        }
    }
    qsort(a->lex, a->nlex, sizeof *a->lex, lex_cmp);
    return AR_OK;
}

const char *ar_stemmer_name(ar_stemmer s)
{
    return s == AR_STEMMER_SNOWBALL ? "snowball" : "light";
}

int ar_stemmer_parse(const char *s)
{
    if (s && !strcmp(s, "light"))
        return AR_STEMMER_LIGHT;
    if (s && !strcmp(s, "snowball"))
        return AR_STEMMER_SNOWBALL;
    return -1;
}

int ar_analyzer_new(ar_analyzer **out)
{
    return ar_analyzer_new_stemmer(out, AR_STEMMER_LIGHT);
}

int ar_analyzer_new_stemmer(ar_analyzer **out, ar_stemmer st)
{
    UErrorCode err = U_ZERO_ERROR;
    int rc = AR_OK;
    ar_analyzer *a = NULL;

    if (!out)
        return AR_EINVAL;
    *out = NULL;
    a = calloc(1, sizeof *a);
    if (!a)
        return AR_ENOMEM;
    a->bi = ubrk_open(UBRK_WORD, "ar", NULL, 0, &err);
    if (U_FAILURE(err)) {
        rc = AR_EICU;
        goto done;
    }
    a->nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
    if (U_FAILURE(err)) {
        rc = AR_EICU;
        goto done;
    }
    rc = ar__stemmers_init(&a->stem, st == AR_STEMMER_SNOWBALL);
    if (rc)
        goto done;
    rc = words_init(a);
    if (!rc)
        rc = lex_init(a);
    if (rc)
        goto done;
    *out = a;
    a = NULL;
done:
    ar_analyzer_free(a);
    return rc;
}

void ar_analyzer_free(ar_analyzer *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nlex; i++)
        free(a->lex[i].stem);
    free(a->lex);
    for (size_t i = 0; i < a->nklasses; i++)
        free(a->klasses[i]);
    free(a->klasses);
    word_set_free(&a->words);
    word_set_free(&a->ya_words);
    word_set_free(&a->lam_words);
    word_set_free(&a->wa_verbs);
    word_set_free(&a->maqsura);
    word_set_free(&a->madda);
    word_set_free(&a->fem_nouns);
    word_set_free(&a->masc_sg);
    word_set_free(&a->in_un);
    word_set_free(&a->teh);
    word_set_free(&a->at);
    word_set_free(&a->own_teh);
    expand_cache_clear(a);
    free(a->xcache);
    ar__stemmers_fini(&a->stem);
    if (a->bi)
        ubrk_close(a->bi);
    free(a->u16);
    free(a->u16_byte);
    free(a->nbuf);
    free(a->w8);
    free(a);
}

int ar_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    if (!s)
        return len == 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        if (ar__u8_next((const unsigned char *)s, len, &i) < 0)
            return 0;
    }
    return 1;
}

/* UTF-8 -> UTF-16 with the offset table. */
static int to_u16(ar_analyzer *a, const char *text, size_t len, int32_t *n16)
{
    size_t need = len + 1, i = 0, k = 0;
    if (len > (size_t)INT32_MAX / 2)
        return set_err(a, AR_EINVAL, "text longer than 1 GiB");
    if (need > a->cap16) {
        UChar *u = realloc(a->u16, need * sizeof *u);
        if (!u)
            return set_err(a, AR_ENOMEM, NULL);
        a->u16 = u;
        size_t *m = realloc(a->u16_byte, need * sizeof *m);
        if (!m)
            return set_err(a, AR_ENOMEM, NULL);
        a->u16_byte = m;
        a->cap16 = need;
    }
    while (i < len) {
        size_t at = i;
        int32_t cp = ar__u8_next((const unsigned char *)text, len, &i);
        if (cp < 0) {
            char where[64];
            snprintf(where, sizeof where, "byte %zu", at);
            return set_err(a, AR_EUTF8, where);
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            a->u16[k] = (UChar)(0xD800 + (cp >> 10));
            a->u16_byte[k++] = at;
            a->u16[k] = (UChar)(0xDC00 + (cp & 0x3FF));
            a->u16_byte[k++] = at;
        } else {
            a->u16[k] = (UChar)cp;
            a->u16_byte[k++] = at;
        }
    }
    a->u16_byte[k] = len;
    *n16 = (int32_t)k;
    return AR_OK;
}

/*
 * The Arabic folding rules, applied per code point after NFKC_Casefold.
 * Returns the replacement code point, or 0 to drop the code point.
 */
static uint32_t fold_cp(uint32_t c)
{
    /* U+064B-U+065F: tanween, harakat, shadda, sukun, and the combining
     * hamza U+0654/U+0655 left over when NFKC found no letter to compose
     * them with. They change pronunciation, not the word searched for. */
    if (c >= 0x064B && c <= 0x065F)
        return 0;
    /* U+0670 superscript (dagger) alef: vocalization in modern text
     * (هٰذا = هذا), so it is dropped like the harakat. */
    if (c == 0x0670)
        return 0;
    /* U+06D6-U+06ED: Quranic annotation marks, never part of the word. */
    if (c >= 0x06D6 && c <= 0x06ED)
        return 0;
    /* U+0640 TATWEEL is elongation only; it never changes the word. */
    if (c == 0x0640)
        return 0;
    switch (c) {
    /* U+0622 آ, U+0623 أ, U+0625 إ, U+0671 ٱ (wasla), U+0672/U+0673 wavy
     * hamza alefs: writers use them interchangeably with bare alef U+0627. */
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
        return 0x0627;
    /* U+06A9 Persian keheh ک is the Arabic kaf U+0643 typed on a Persian
     * keyboard. */
    case 0x06A9:
        return 0x0643;
    /* U+06CC Farsi yeh ی is the Arabic yeh U+064A. */
    case 0x06CC:
        return 0x064A;
    /* U+06C0 heh with yeh above ۀ is ه U+0647 plus a hamza mark. The
     * Urdu keyboard's U+06BE heh doachashmee ھ, U+06C1 heh goal ہ and
     * U+06C2 ۂ are the same ه typed there (لجھود, ھذه: ANT has 190), and
     * its U+06C3 teh marbuta goal ۃ is ة U+0629. */
    case 0x06C0: case 0x06BE: case 0x06C1: case 0x06C2:
        return 0x0647;
    case 0x06C3:
        return 0x0629;
    /* U+06A4 ڤ (v) and U+067E پ (p), in foreign names: Arabic spelling
     * writes them ف and ب (ڤيروس is فيروس, ليڤربول is ليفربول). */
    case 0x06A4:
        return 0x0641;
    case 0x067E:
        return 0x0628;
    /* U+066B Arabic decimal separator, U+066C thousands separator. */
    case 0x066B:
        return '.';
    case 0x066C:
        return ',';
    default:
        break;
    }
    /* Arabic-Indic U+0660-U+0669 and Extended Arabic-Indic U+06F0-U+06F9
     * digits are the same numbers as ASCII 0-9. */
    if (c >= 0x0660 && c <= 0x0669)
        return '0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9)
        return '0' + (c - 0x06F0);
    return c;
}

/*
 * 1 when the code point that follows, at norm[i], past the marks fold_cp
 * drops, is ل: the آ before it then keeps its madda. آل begins words
 * (آلاف, آلية, آلام, آلة, آل, آلان) whose ل is their own, and its madda is
 * the one sign of it: folded to ا, آلاف is ال + اف, آلام is ال + ام (the
 * stem of أم) and آلة that of آل. Kept, the article and the clitics come
 * off before it (الآلاف, بآلاف, لآلاف are آلاف). Text that drops the madda
 * (الاف) is read as before.
 */
static int madda_lam(const UChar *norm, int32_t i, int32_t n)
{
    while (i < n) {
        UChar32 c;
        U16_NEXT(norm, i, n, c);
        if (fold_cp((uint32_t)c))
            return c == 0x0644;
    }
    return 0;
}

static int is_arabic_letter(uint32_t c)
{
    return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) ||
           (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF);
}

static int tokens_push(ar_tokens *t, size_t start, size_t end, uint32_t pos,
                       const char *norm, size_t nlen, const char *stem, size_t slen,
                       unsigned flags)
{
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 64;
        ar_token *nt = realloc(t->tok, nc * sizeof *nt);
        if (!nt)
            return AR_ENOMEM;
        t->tok = nt;
        t->cap = nc;
    }
    size_t need = t->alen + nlen + slen + 2;
    if (need > t->acap) {
        size_t nc = t->acap ? t->acap : 1024;
        while (nc < need)
            nc *= 2;
        char *na = realloc(t->arena, nc);
        if (!na)
            return AR_ENOMEM;
        t->arena = na;
        t->acap = nc;
    }
    ar_token *k = &t->tok[t->n++];
    k->start = start;
    k->end = end;
    k->pos = pos;
    k->flags = flags;
    /* Until the arena stops moving, keep offsets in the pointer fields. */
    k->norm = (const char *)(uintptr_t)t->alen;
    memcpy(t->arena + t->alen, norm, nlen);
    t->alen += nlen;
    t->arena[t->alen++] = '\0';
    k->stem = (const char *)(uintptr_t)t->alen;
    memcpy(t->arena + t->alen, stem, slen);
    t->alen += slen;
    t->arena[t->alen++] = '\0';
    return AR_OK;
}

/* 1 when the n code units at s are all letters of the basic Arabic block
 * (U+0621-U+063A, U+0641-U+064A): such a run is its own NFKC_Casefold (no
 * letter there decomposes, folds or composes with another letter; a unit
 * test compares every pair of the block's letters with and without this
 * shortcut), and every one of them is alphanumeric. */
static int is_plain_letter(UChar c)
{
    return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A);
}

static int plain_arabic(const UChar *s, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (!is_plain_letter(s[i]))
            return 0;
    return 1;
}

/* Space, tab, CR, LF: ICU's word rules break on both sides of them (a
 * run of spaces aside) and never put them in a word. */
static int is_break_space(UChar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Punctuation that ICU's word rules keep out of a word next to letters when
 * no letter or digit follows it (as before a break space): each is a
 * segment of its own, and no word. */
static int is_lone_punct(UChar c)
{
    switch (c) {
    case '.': case ',': case ':': case ';': case '!': case '?': case '(': case ')':
    case '"': case '\'': case 0x00AB: case 0x00BB: /* « » */
    case 0x060C: case 0x061B: case 0x061F: /* ، ؛ ؟ */
        return 1;
    default:
        return 0;
    }
}

/* A word that ICU would segment so, found without it: from s, which
 * follows a break space or is the start of the text, punctuation
 * (is_lone_punct), a run of basic Arabic letters (as plain_arabic), more
 * punctuation, then a break space or the end of the text. The letters are
 * one word segment, and nothing else there is a word: letters do not join
 * across a break space, and that punctuation joins letters only to letters
 * or digits after it. Returns the end of it all and sets [*ws, *we) to the
 * letters; returns s when the text there is of another kind (ICU decides).
 * A unit test compares both ways. */
static int32_t plain_word_span(const UChar *u, int32_t s, int32_t n, int32_t *ws, int32_t *we)
{
    if (s > 0 && !is_break_space(u[s - 1]))
        return s;
    int32_t i = s;
    while (i < n && is_lone_punct(u[i]))
        i++;
    *ws = i;
    while (i < n && is_plain_letter(u[i]))
        i++;
    *we = i;
    while (i < n && is_lone_punct(u[i]))
        i++;
    return *we > *ws && (i == n || is_break_space(u[i])) ? i : s;
}

/*
 * Normalize u16[s, e) into a->w8. Sets *len (0 when nothing is left) and
 * *flags.
 */
static int normalize_run(ar_analyzer *a, int32_t s, int32_t e, size_t *len,
                         unsigned *flags)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t n;
    const UChar *src = a->u16 + s, *norm;
    int32_t srclen = e - s;
    int plain = plain_arabic(src, srclen);

    if (plain) {
        /* Most words of Arabic text: ICU would give them back unchanged. */
        norm = src;
        n = srclen;
    } else {
        if (a->ncap < srclen * 4 + 16) {
            int32_t nc = srclen * 4 + 16;
            UChar *nb = realloc(a->nbuf, (size_t)nc * sizeof *nb);
            if (!nb)
                return set_err(a, AR_ENOMEM, NULL);
            a->nbuf = nb;
            a->ncap = nc;
        }
        n = unorm2_normalize(a->nfkc_cf, src, srclen, a->nbuf, a->ncap, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR) {
            UChar *nb = realloc(a->nbuf, (size_t)(n + 1) * sizeof *nb);
            if (!nb)
                return set_err(a, AR_ENOMEM, NULL);
            a->nbuf = nb;
            a->ncap = n + 1;
            err = U_ZERO_ERROR;
            n = unorm2_normalize(a->nfkc_cf, src, srclen, a->nbuf, a->ncap, &err);
        }
        if (U_FAILURE(err))
            return set_err(a, AR_EICU, u_errorName(err));
        norm = a->nbuf;
    }

    if (a->w8cap < (size_t)n * 4 + 1) {
        size_t nc = (size_t)n * 4 + 1;
        char *w = realloc(a->w8, nc);
        if (!w)
            return set_err(a, AR_ENOMEM, NULL);
        a->w8 = w;
        a->w8cap = nc;
    }
    size_t o = 0;
    unsigned f = 0;
    int all_digits = 1, alnum = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(norm, i, n, c);
        uint32_t m = c == 0x0622 && madda_lam(norm, i, n) ? 0x0622 : fold_cp((uint32_t)c);
        if (c == 0x0623 || c == 0x0625)
            f |= AR_TOK_HAMZA;
        if (!m)
            continue;
        if (is_arabic_letter(m))
            f |= AR_TOK_ARABIC;
        else if ((m >= 'a' && m <= 'z') || (m >= 0xC0 && m < 0x250))
            f |= AR_TOK_LATIN;
        if (!(m >= '0' && m <= '9') && m != '.' && m != ',')
            all_digits = 0;
        if (plain || u_isalnum((UChar32)m))
            alnum = 1;
        o += ar__u8_put(a->w8 + o, m);
    }
    /* A run of separators alone (U+066B between digits) is no word. */
    if (!alnum)
        o = 0;
    a->w8[o] = '\0';
    if (o && all_digits)
        f |= AR_TOK_NUMBER;
    *len = o;
    *flags = f;
    return AR_OK;
}

static void word_set_free(word_set *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->v[i]);
    free(ws->v);
    ws->v = NULL;
    ws->n = 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Sort ws's strings and keep each once. */
static void word_set_sort(word_set *ws)
{
    qsort(ws->v, ws->n, sizeof *ws->v, cmp_str);
    size_t m = 0;
    for (size_t i = 0; i < ws->n; i++) {
        if (m && !strcmp(ws->v[m - 1], ws->v[i]))
            free(ws->v[i]);
        else
            ws->v[m++] = ws->v[i];
    }
    ws->n = m;
}

/* The n dictionary words of list, analysed in one go with the analyzer's
 * own normalization and stemmer (plain stems: a dictionary word is never
 * read as clitic + word), into ws as their stems, or as their normalized
 * spellings when norms is set; function words left out when no_stop is. */
static int word_set_init(ar_analyzer *a, const char *const *list, size_t n, int norms,
                         int no_stop, word_set *ws)
{
    size_t len = 0;
    char *all = NULL;
    ar_tokens *t = NULL;
    int rc = AR_OK;
    for (size_t i = 0; i < n; i++)
        len += strlen(list[i]) + 1;
    if (!(all = malloc(len + 1)))
        return AR_ENOMEM;
    len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(list[i]);
        memcpy(all + len, list[i], l);
        all[len + l] = ' ';
        len += l + 1;
    }
    a->raw = 1;
    a->no_stem = norms;
    rc = ar_analyze(a, all, len, &t);
    a->raw = 0;
    a->no_stem = 0;
    if (rc)
        goto done;
    size_t nt = ar_tokens_count(t);
    if (!(ws->v = calloc(nt + 1, sizeof *ws->v))) {
        rc = AR_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < nt; i++) {
        const ar_token *k = ar_tokens_get(t, i);
        if (no_stop && (k->flags & AR_TOK_STOP))
            continue;
        if (!(ws->v[ws->n++] = strdup(norms ? k->norm : k->stem))) {
            rc = AR_ENOMEM;
            goto done;
        }
    }
    word_set_sort(ws);
done:
    if (rc)
        word_set_free(ws);
    ar_tokens_free(t);
    free(all);
    return rc;
}

/* Appends to v (*k strings so far) those of the n strings of list that
 * end in ـوا or not, as wa says (-1: either way). */
static void select_words(const char **v, size_t *k, const char *const *list, size_t n, int wa)
{
    for (size_t i = 0; i < n; i++)
        if (wa < 0 || ends_in(list[i], strlen(list[i]), "وا") == wa)
            v[(*k)++] = list[i];
}

/* ws's spellings as the light stemmer compares them: ؤ and ئ written ء
 * (light_stem), sorted again, each once (word_set_sort). */
static void hamza_seats(word_set *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        for (char *p = ws->v[i]; p[0] && p[1]; p++)
            if ((unsigned char)p[0] == 0xD8 &&
                ((unsigned char)p[1] == 0xA4 || (unsigned char)p[1] == 0xA6))
                p[1] = (char)0xA1;
    word_set_sort(ws);
}

/* The dictionary's words that decide a ت before a pronoun, handed to the
 * light stemmer before it stems anything: a stem made earlier would be
 * remembered without them. Normalized spellings, no stems. */
static int teh_sets_init(ar_analyzer *a)
{
    int rc = word_set_init(a, ar__teh_words, ar__teh_words_n, 1, 0, &a->teh);
    if (!rc)
        rc = word_set_init(a, ar__at_words, ar__at_words_n, 1, 0, &a->at);
    if (!rc)
        rc = word_set_init(a, ar__own_teh_nouns, ar__own_teh_nouns_n, 1, 0, &a->own_teh);
    if (rc)
        return rc;
    hamza_seats(&a->teh);
    hamza_seats(&a->at);
    hamza_seats(&a->own_teh);
    a->stem.teh_nouns = a->teh.v;
    a->stem.nteh = a->teh.n;
    a->stem.at_words = a->at.v;
    a->stem.nat = a->at.n;
    a->stem.own_teh = a->own_teh.v;
    a->stem.nown = a->own_teh.n;
    return AR_OK;
}

/* The stems of the dictionary words that begin with a proclitic letter
 * (ar__clitic_letter_words, ar__dict_clitic_words), the spellings of
 * those that end in يا (ar__ya_words), the stems of the ل-words that keep
 * their ل after لل (ar__lam_words) and, for the light stemmer, those of
 * the words that end in ى (ar__maqsura_words; the function words among
 * them, على حتى لدى, keep one stem for both spellings), and those of the
 * words that begin with آل (ar__madda_words), made once with the
 * analyzer (first, for the light stemmer, teh_sets_init). The stems are
 * the stemmer's own, a final ى made ي: keep_maqsura, which would give it
 * back, has no set to look in yet. */
static int words_init(ar_analyzer *a)
{
    /* Hunspell's words and the Arabic-English dictionary's (names above
     * all: فلاديمير, برونو) make one set. (The dictionary's words in ل
     * were tried among the ل-words after لل too: لفيف then made للفيفا,
     * to FIFA, ل + لفيفا.) Hunspell's verbs in ـوا (بقوا, لقوا) make a
     * set of their own: their stems (بقو) are also those of a clitic and a
     * noun in ة (ب + قوة; is_wa_verb_form). */
    if (!a->stem.arabic) {
        int rc = teh_sets_init(a);
        if (rc)
            return rc;
    }
    size_t nw = ar__clitic_letter_words_n + ar__dict_clitic_words_n;
    size_t n = 0, nv = 0;
    const char **both = malloc(nw * sizeof *both);
    const char **verbs = malloc(ar__clitic_letter_words_n * sizeof *verbs);
    int rc = both && verbs ? AR_OK : AR_ENOMEM;
    if (!rc) {
        select_words(both, &n, ar__clitic_letter_words, ar__clitic_letter_words_n, 0);
        select_words(both, &n, ar__dict_clitic_words, ar__dict_clitic_words_n, -1);
        select_words(verbs, &nv, ar__clitic_letter_words, ar__clitic_letter_words_n, 1);
        rc = word_set_init(a, both, n, 0, 0, &a->words);
    }
    if (!rc)
        rc = word_set_init(a, verbs, nv, 0, 0, &a->wa_verbs);
    if (!rc)
        rc = word_set_init(a, ar__lam_words, ar__lam_words_n, 0, 0, &a->lam_words);
    free(both);
    free(verbs);
    if (!rc)
        rc = word_set_init(a, ar__ya_words, ar__ya_words_n, 1, 0, &a->ya_words);
    if (!rc && !a->stem.arabic)
        rc = word_set_init(a, ar__maqsura_words, ar__maqsura_words_n, 0, 1, &a->maqsura);
    if (!rc)
        rc = word_set_init(a, ar__madda_words, ar__madda_words_n, 0, 0, &a->madda);
    return rc;
}

/* 1 when w (len bytes) is one of the n strings of list, sorted by strcmp. */
static int in_list(const char *const *list, size_t n, const char *w, size_t len)
{
    char key[512];
    const char *k = key;
    if (len >= sizeof key)
        return 0;
    memcpy(key, w, len);
    key[len] = '\0';
    return bsearch(&k, list, n, sizeof *list, cmp_str) != NULL;
}

static int in_set(const word_set *ws, const char *w, size_t len)
{
    return in_list((const char *const *)ws->v, ws->n, w, len);
}

static int ends_in(const char *w, size_t n, const char *suffix)
{
    size_t l = strlen(suffix);
    return n >= l && !memcmp(w + n - l, suffix, l);
}

/* The length of stem (n bytes) without a feminine plural's ـات, which the
 * light stemmer keeps (صادرات -> صادر), or n: a stem of five letters or
 * more that ends in ات. */
static size_t singular_len(const char *stem, size_t n)
{
    if (ar__letters(stem, n) >= 5 && ends_in(stem, n, "ات"))
        return n - 4;
    return n;
}

/* 1 when stem (len bytes) is the stem of a word of ws: for a->words, a
 * word whose first letter is its own (ورقة -> ورق), so that the word must
 * not be read as a clitic and the rest. */
static int is_word_stem(const word_set *ws, const char *stem, size_t len)
{
    if (in_set(ws, stem, len))
        return 1;
    /* The dictionary lists singulars; the stem of a feminine plural keeps
     * its ـات (وجبات), and its singular's stem is what is left (وجبة ->
     * وجب). */
    size_t sl = singular_len(stem, len);
    return sl != len && in_set(ws, stem, sl);
}

/* Bytes of one Arabic letter at w (every Arabic letter is 2 bytes). */
#define AR_LETTER 2

/* Attached pronouns that a construct state takes, longest first, with
 * their lengths in bytes: the stemmer's (pron_forms in ar_stem.c) and كم,
 * which only follows the ي or و here; the stemmer cannot take it from any
 * word (محاكم, "courts"). */
#define PRONOUN(s) {s, sizeof s - 1}
static const struct {
    const char *s;
    size_t len;
} construct_pronouns[] = {PRONOUN("هما"), PRONOUN("هم"), PRONOUN("هن"), PRONOUN("ها"),
                          PRONOUN("ه"),   PRONOUN("نا"), PRONOUN("كم")};
#undef PRONOUN

/* The bytes of the normalized word w (n bytes) before the ending of a sound
 * masculine plural's construct state, or n: a final و or ي (or ى for it),
 * alone or, with pronouns, before an attached pronoun (مقاتلو, لاعبي,
 * مقاتليه, لاعبينا: ـون and ـين lose their ن before either), when min
 * letters are left. It runs on most words, so a word whose last letter
 * ends neither a pronoun nor that state is let go at once. */
static size_t construct_base(const char *w, size_t n, size_t min, int pronouns)
{
    static const char last[] = "ويىهامن"; /* the letters such a word ends in */
    const char *p = last;
    while (*p && (n < AR_LETTER || memcmp(w + n - AR_LETTER, p, AR_LETTER)))
        p += AR_LETTER;
    if (!*p)
        return n;
    size_t m = n;
    for (size_t i = 0; pronouns && i < sizeof construct_pronouns / sizeof *construct_pronouns; i++) {
        size_t l = construct_pronouns[i].len;
        if (n > l && !memcmp(w + n - l, construct_pronouns[i].s, l)) {
            m = n - l;
            break;
        }
    }
    if (!ends_in(w, m, "و") && !ends_in(w, m, "ي") && (m != n || !ends_in(w, m, "ى")))
        return n;
    m -= AR_LETTER;
    return ar__letters(w, m) >= min ? m : n;
}

/*
 * The bytes of the normalized word w (n bytes, no article) to stem: only
 * the noun when w is the construct state of its sound masculine plural,
 * which drops the ن of ـون / ـين before a genitive or an attached pronoun
 * (مقاتلو داعش, لاعبي المنتخب, مقاتليه, لاعبينا; construct_base): the word
 * is then read as the plural (مقاتلون, لاعبين), whose ending the stemmer
 * takes, and the pronoun goes as it goes from any word. The noun must be
 * one the dictionary gives that plural and no nisba ـي (ar__construct_bases,
 * gen_plurals.py: مركزي and عائلي stay apart from مركز and عائلة). A word
 * with the article is never in the construct state, so it is not looked
 * at. The noun keeps four letters.
 */
static size_t construct_len(const char *w, size_t n)
{
    size_t b = construct_base(w, n, 4, 1);
    return b != n && in_list(ar__construct_bases, ar__construct_bases_n, w, b) ? b : n;
}

/* The bytes of w (n bytes, no clitics or article) before a final ـين or
 * ـون when three letters at least are left, or 0. */
static size_t in_un_base(const char *w, size_t n)
{
    if (!(ends_in(w, n, "ين") || ends_in(w, n, "ون")) || ar__letters(w, n) < 5)
        return 0;
    return n - 2 * AR_LETTER;
}

/* The bytes of w (n bytes, no clitics or article) before ـين or ـون when
 * w is a sound masculine plural (or dual in ـين) of a noun the dictionary
 * gives that plural (ar__construct_bases: لاعبين, لاجئون of لاعب, لاجئ),
 * or 0. Three letters at least are left. */
static size_t masculine_plural_base(const char *w, size_t n)
{
    size_t b = in_un_base(w, n);
    return b && in_list(ar__construct_bases, ar__construct_bases_n, w, b) ? b : 0;
}

/*
 * The bytes of the normalized word w (n bytes) before one regular ending
 * that makes a form the dictionary does not list, or n: the nisba ـي with
 * its feminine and plurals (فرنسي, فرنسية, فرنسيين from فرنسا), the
 * masculine plural or dual ـين / ـون (لاعبين, وزيرين), a short feminine
 * plural ـات (كرات, لغات: ـات on five letters or more is singular_len's),
 * and the construct state's ـو (لاعبو; construct_base).
 * A final ى counts as ي and a final ه as ة: writers swap them (فرنسى,
 * فرنسيه), and the reading must not depend on which was typed. The base
 * keeps four letters, or three after ف or ك: with و ب ل, a base of three
 * letters is too often a rare dictionary word made of the clitic and two
 * letters (وحر in وحرية, وعل in وعلي), while ف and ك stand before far
 * fewer nouns (فكري, كندي). The choice was measured on the tuning half of
 * ANT (bench/README.md).
 */
static size_t inflection_base(const char *w, size_t n)
{
    size_t letters = ar__letters(w, n);
    size_t min = (!memcmp(w, "ف", 2) || !memcmp(w, "ك", 2)) ? 3 : 4;
    if (letters >= min + 3 && (ends_in(w, n, "يين") || ends_in(w, n, "يون")))
        return n - 6;
    if (letters >= min + 2 && (ends_in(w, n, "ية") || ends_in(w, n, "يه") || ends_in(w, n, "ين") ||
                               ends_in(w, n, "ون")))
        return n - 4;
    if (letters == 4 && ends_in(w, n, "ات"))
        return n - 4;
    return construct_base(w, n, min, 0);
}

/* 1 when st (sl bytes), the stem of the normalized word w (n bytes), is
 * that of one of Hunspell's verbs in ـوا (a->wa_verbs: بقوا, كوروا), unless
 * what follows the stem in w is a feminine ة (or the ه or ت written for
 * it) or ات: بقوة and وقوات are ب + قوة and و + قوات, while بقوا, لقوا
 * and كورونا stay whole. */
static int is_wa_verb_form(const ar_analyzer *a, const char *w, size_t n, const char *st,
                           size_t sl)
{
    static const char *const feminine[] = {"ة", "ه", "ت", "ات"};
    size_t l = singular_len(st, sl);
    if (!in_set(&a->wa_verbs, st, l))
        return 0;
    if (n < l || memcmp(w, st, l) != 0)
        return 1;
    for (size_t i = 0; i < sizeof feminine / sizeof *feminine; i++)
        if (n - l >= strlen(feminine[i]) && !memcmp(w + l, feminine[i], strlen(feminine[i])))
            return 0;
    return 1;
}

/* 1 when the normalized word w (n bytes), taken whole, is a word of ws
 * (for a->words: a dictionary word whose first letter is its own), or
 * (when inflected) a regular form of one (inflection_base), so that it must
 * not be read as a clitic and the rest. *rc gets an ar_status. Clobbers the
 * stemmer's borrowed result. */
static int is_form_in(ar_analyzer *a, const word_set *ws, const char *w, size_t n, int inflected,
                      int *rc)
{
    const char *st;
    size_t sl;
    const unsigned flags = AR_TOK_ARABIC | AR__STEM_WHOLE;
    if ((*rc = ar__stem(&a->stem, w, n, flags, &st, &sl)))
        return 0;
    if (is_word_stem(ws, st, sl))
        return 1;
    size_t base = inflected ? inflection_base(w, n) : n;
    /* Or the construct state of such a noun's plural before a pronoun
     * (لاعبيها), when the noun takes that plural (construct_len). */
    if (inflected && base == n)
        base = construct_len(w, n);
    if (base == n || (*rc = ar__stem(&a->stem, w, base, flags, &st, &sl)))
        return 0;
    /* The base as it stands: one the stemmer shortens (لحما of لحماية,
     * whose ـا it takes for a case ending) is no word the ending was put on. */
    return ar__letters(st, sl) == ar__letters(w, base) && in_set(ws, st, sl);
}

/* is_form_in for a->words, where Hunspell's verbs in ـوا count too, apart
 * (is_wa_verb_form). */
static int is_word_form(ar_analyzer *a, const char *w, size_t n, int inflected, int *rc)
{
    const char *st;
    size_t sl;
    if (is_form_in(a, &a->words, w, n, inflected, rc) || *rc)
        return !*rc;
    if ((*rc = ar__stem(&a->stem, w, n, AR_TOK_ARABIC | AR__STEM_WHOLE, &st, &sl)))
        return 0;
    return is_wa_verb_form(a, w, n, st, sl);
}

/* 1 when p + form, or form with any inner part of p (ب + form for وب),
 * is a dictionary word of its own or a regular form of one (is_word_form):
 * ورقة is a word, not و + رقة; or when the reading it gets is such a word
 * (ل + لبنان would be read ل + ال + بنان). */
static int clitic_reading_is_word(ar_analyzer *a, const char *p, size_t pl, const char *form,
                                  size_t flen, int *rc)
{
    char buf[512];
    *rc = AR_OK;
    for (size_t k = 0; k < pl && pl - k + flen <= sizeof buf; k += AR_LETTER) {
        memcpy(buf, p + k, pl - k);
        memcpy(buf + pl - k, form, flen);
        const char *st;
        size_t sl;
        if (is_word_form(a, buf, pl - k + flen, 1, rc))
            return 1;
        /* Or the reading it gets is a word: للبنان would be بنان. */
        if (*rc || (*rc = ar__stem(&a->stem, buf, pl - k + flen, AR_TOK_ARABIC, &st, &sl)))
            return 0;
        if (is_word_stem(&a->words, st, sl))
            return 1;
    }
    return 0;
}

/* 1 when the letter at w (n bytes) is one of the proclitics in set. */
static int starts_with_any(const char *w, size_t n, const char *const *set, size_t nset)
{
    for (size_t i = 0; i < nset; i++)
        if (n > AR_LETTER && memcmp(w, set[i], AR_LETTER) == 0)
            return 1;
    return 0;
}

/*
 * A word typed with proclitics (بدمشق, لقسد, وداعش): the reading with them
 * removed, in *rest and *rlen (pointing into norm), when there is one. و or ف
 * may come first, then one of ب ل ك; each is removed only while what is
 * left is not a dictionary word of its own (وزير, ولاية, بلد, لبنان stay
 * whole) and keeps at least three letters. Returns 1 when a reading was
 * found, 0 when not, or a negative ar_status.
 */
static int strip_typed_clitics(ar_analyzer *a, const char *norm, size_t nlen, const char **rest,
                               size_t *rlen)
{
    static const char *const outer[] = {"و", "ف"};
    static const char *const inner[] = {"ب", "ل", "ك"};
    const char *w = norm;
    size_t n = nlen;
    for (int stage = 0; stage < 2; stage++) {
        const char *const *set = stage == 0 ? outer : inner;
        size_t nset = stage == 0 ? 2 : 3;
        if (!starts_with_any(w, n, set, nset) || ar__letters(w, n) < 4)
            continue;
        int rc;
        if (is_word_form(a, w, n, 1, &rc))
            break;
        if (rc)
            return rc;
        w += AR_LETTER;
        n -= AR_LETTER;
    }
    if (w == norm)
        return 0;
    *rest = w;
    *rlen = n;
    return 1;
}

/*
 * The bytes of the normalized word w (n bytes, no article) to stem: without
 * a final ا after ي when it is the accusative ending of a nisba adjective
 * (رسميا, حاليا, اقتصاديا: رسمي, حالي, اقتصادي), which the stemmer leaves on
 * every word in يا because names end so (سوريا, روسيا). A dictionary word
 * keeps it (سوريا, عليا, تكنولوجيا), and so does a plural in ـايا (قضايا,
 * ضحايا). The article and the accusative ending never go together, so a
 * word with the article is not looked at. Five letters at least.
 */
static size_t accusative_len(const ar_analyzer *a, const char *w, size_t n)
{
    if (ends_in(w, n, "يا") && !ends_in(w, n, "ايا") && ar__letters(w, n) >= 5 &&
        !in_set(&a->ya_words, w, n))
        return n - 2;
    return n;
}

/* The bytes of w (n bytes, no article) to stem: construct_len, or
 * accusative_len when that takes nothing. */
static size_t bare_len(const ar_analyzer *a, const char *w, size_t n)
{
    size_t c = construct_len(w, n);
    return c != n ? c : accusative_len(a, w, n);
}

/*
 * The index term of one normalized Arabic word (n bytes at w), before
 * keep_maqsura: its stem, read without the proclitics typed onto it
 * (بدمشق, لقسد and ودمشق all give دمشق), unless the word is a dictionary
 * word of its own (ورقة, وزير, بلد stay whole). Function words and words with the article keep their plain
 * stem: the stemmer already takes the article and the clitics before it,
 * except from a dictionary word whose first letters only look like them
 * (بالغة, وكالات, والدة). The dictionary's own words (a->raw) are always
 * whole. The decision needs the dictionary only, never the collection, so a
 * word is read the same way in every index. The result is borrowed like
 * ar__stem's.
 */
static int plain_reading(ar_analyzer *a, const char *w, size_t n, unsigned flags,
                         const char **out, size_t *outlen)
{
    const char *rest;
    size_t rlen;
    if (a->raw)
        return ar__stem(&a->stem, w, n, flags | AR__STEM_WHOLE, out, outlen);
    if ((flags & AR_TOK_ARABIC) && !(flags & (AR_TOK_LATIN | AR_TOK_STOP))) {
        size_t al = ar__article_len(w, n);
        if (al == 0) {
            int typed = strip_typed_clitics(a, w, n, &rest, &rlen);
            if (typed < 0)
                return typed;
            /* What is left holds no article: one its first letters seem
             * to make is the word's own (و + وكالات, ب + بالغة). */
            if (typed)
                return ar__stem(&a->stem, rest, bare_len(a, rest, rlen), flags | AR__STEM_WHOLE,
                                out, outlen);
            return ar__stem(&a->stem, w, bare_len(a, w, n), flags, out, outlen);
        } else if (memcmp(w, "ال", 4) != 0) {
            /* A clitic before the article, or what looks like one. */
            int rc;
            if (is_word_form(a, w, n, 0, &rc))
                return ar__stem(&a->stem, w, n, flags | AR__STEM_WHOLE, out, outlen);
            if (rc)
                return rc;
            /* ل before the article of a word that begins with ل keeps one
             * لل: للاعب is ل + اللاعب, not ل + ال + اعب. */
            const char *lw = w + al - AR_LETTER;
            size_t ln = n - (al - AR_LETTER);
            if (al >= 2 * AR_LETTER && !memcmp(lw - AR_LETTER, "لل", 2 * AR_LETTER) &&
                is_form_in(a, &a->lam_words, lw, ln, 1, &rc))
                return ar__stem(&a->stem, lw, construct_len(lw, ln), flags | AR__STEM_WHOLE,
                                out, outlen);
            if (rc)
                return rc;
        }
    }
    return ar__stem(&a->stem, w, n, flags, out, outlen);
}

/*
 * The stem st (sl bytes) of the word w (n bytes) with its final ى back
 * where the stemmer made it ي, when w ends in ى and is a dictionary word
 * that ends so (a->maqsura): معنى (meaning), مبنى (building) and قضى (he
 * spent) then differ from معنية (concerned), مبنية (built) and قضية (case),
 * whose ة the stemmer takes off. Writers who put ى for a final ي (مصرى,
 * فى) keep the one stem: those words are not in the dictionary so, or
 * are function words, which the set leaves out (so ولدى, read و + لدى,
 * keeps the stem لدي). ar_expand gives a word typed with either letter
 * both stems (other_spelling). The result is borrowed like ar__stem's.
 */
static void keep_maqsura(ar_analyzer *a, const char *w, size_t n, unsigned flags,
                         const char **st, size_t *sl)
{
    if (!a->maqsura.n || (flags & (AR_TOK_LATIN | AR_TOK_STOP)) || !ends_in(w, n, "ى") ||
        !ends_in(*st, *sl, "ي") || *sl >= sizeof a->mq || !in_set(&a->maqsura, *st, *sl))
        return;
    memcpy(a->mq, *st, *sl - AR_LETTER);
    memcpy(a->mq + *sl - AR_LETTER, "ى", AR_LETTER);
    a->mq[*sl] = '\0';
    *st = a->mq;
}

/* The index term of one normalized word: plain_reading, and keep_maqsura
 * on what it gives. */
static int reading_of(ar_analyzer *a, const char *w, size_t n, unsigned flags,
                      const char **out, size_t *outlen)
{
    int rc = plain_reading(a, w, n, flags, out, outlen);
    if (!rc && !a->raw)
        keep_maqsura(a, w, n, flags, out, outlen);
    return rc;
}

static int emit(ar_analyzer *a, ar_tokens *t, int32_t s, int32_t e, uint32_t *pos)
{
    size_t nlen = 0, slen = 0;
    unsigned flags = 0;
    const char *stem;
    int rc = normalize_run(a, s, e, &nlen, &flags);
    if (rc)
        return rc;
    if (nlen == 0)
        return AR_OK;
    if (ar_is_stopword(a->w8))
        flags |= AR_TOK_STOP;
    if (a->no_stem) {
        stem = a->w8;
        slen = nlen;
    } else if ((rc = reading_of(a, a->w8, nlen, flags, &stem, &slen))) {
        return set_err(a, rc, "stemming");
    }
    rc = tokens_push(t, a->u16_byte[s], a->u16_byte[e], *pos, a->w8, nlen, stem, slen,
                     flags);
    if (rc)
        return set_err(a, rc, NULL);
    (*pos)++;
    return AR_OK;
}

/* Split one word segment into digit runs and other runs, emitting each.
 * A connector (_) joins words for ICU, but in news text it ties the words
 * of a hashtag (#الانتخابات_الرئاسية): each of them is a word here. */
static int emit_word(ar_analyzer *a, ar_tokens *t, int32_t s, int32_t e, uint32_t *pos)
{
    if (plain_arabic(a->u16 + s, e - s))
        return emit(a, t, s, e, pos); /* no digit, mark or connector in it */
    int32_t run = s, i = s;
    int cls = -1; /* 1 digit run, 0 other, -1 not yet known */
    while (i < e) {
        int32_t at = i;
        UChar32 c;
        U16_NEXT(a->u16, i, e, c);
        int8_t gc = (int8_t)u_charType(c);
        if (gc == U_CONNECTOR_PUNCTUATION) {
            int rc = run < at ? emit(a, t, run, at, pos) : AR_OK;
            if (rc)
                return rc;
            run = i;
            cls = -1;
            continue;
        }
        /* Marks and format characters belong to whatever run they sit in. */
        if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
            gc == U_COMBINING_SPACING_MARK || gc == U_FORMAT_CHAR)
            continue;
        int d = (gc == U_DECIMAL_DIGIT_NUMBER);
        if (cls == -1) {
            cls = d;
        } else if (d != cls) {
            int rc = emit(a, t, run, at, pos);
            if (rc)
                return rc;
            run = at;
            cls = d;
        }
    }
    return run < e ? emit(a, t, run, e, pos) : AR_OK;
}

int ar_analyze(ar_analyzer *a, const char *text, size_t len, ar_tokens **out)
{
    int rc = AR_OK;
    int32_t n16 = 0;
    ar_tokens *t = NULL;
    UErrorCode err = U_ZERO_ERROR;
    uint32_t pos = 0;

    if (!a || !out || (!text && len))
        return AR_EINVAL;
    *out = NULL;
    a->msg[0] = '\0';
    t = calloc(1, sizeof *t);
    if (!t)
        return set_err(a, AR_ENOMEM, NULL);
    rc = to_u16(a, text ? text : "", len, &n16);
    if (rc)
        goto done;
    ubrk_setText(a->bi, a->u16, n16, &err);
    if (U_FAILURE(err)) {
        rc = set_err(a, AR_EICU, u_errorName(err));
        goto done;
    }
    /* ICU's word segments, with the commonest ones found without it: a
     * space, tab or newline is never in a word, and a run of basic Arabic
     * letters between those, with some punctuation around it, is one word
     * (plain_word_span). Elsewhere the break iterator takes over from s, and
     * hands back after a break space. */
    int32_t s = 0;
    int at_s = 0; /* the break iterator stands at s */
    while (s < n16) {
        int32_t e;
        int word;
        if (is_break_space(a->u16[s])) {
            s++;
            at_s = 0;
            continue;
        }
        int32_t ws, we;
        if (!a->icu_only && (e = plain_word_span(a->u16, s, n16, &ws, &we)) > s) {
            /* Plain letters: no digit, mark or connector for emit_word. */
            if ((rc = emit(a, t, ws, we, &pos)))
                goto done;
            word = 0;
            at_s = 0;
        } else {
            e = at_s ? ubrk_next(a->bi) : ubrk_following(a->bi, s);
            if (e == UBRK_DONE)
                break;
            /* UBRK_WORD_NONE covers spaces and punctuation; everything
             * else (numbers, letters, kana, ideographs) is a word. */
            word = ubrk_getRuleStatus(a->bi) >= UBRK_WORD_NONE_LIMIT;
            at_s = 1;
        }
        if (word && (rc = emit_word(a, t, s, e, &pos)))
            goto done;
        s = e;
        if (a->max_tokens && t->n >= a->max_tokens)
            break;
    }
    for (size_t i = 0; i < t->n; i++) {
        t->tok[i].norm = t->arena + (uintptr_t)t->tok[i].norm;
        t->tok[i].stem = t->arena + (uintptr_t)t->tok[i].stem;
    }
    *out = t;
    t = NULL;
done:
    ar_tokens_free(t);
    return rc;
}

void ar__icu_only(ar_analyzer *a, int on)
{
    a->icu_only = on;
}

int ar_analyze_forms_prefix(ar_analyzer *a, const char *text, size_t len, size_t min_tokens,
                            ar_tokens **out)
{
    if (!a)
        return AR_EINVAL;
    a->no_stem = 1;
    a->max_tokens = min_tokens;
    int rc = ar_analyze(a, text, len, out);
    a->no_stem = 0;
    a->max_tokens = 0;
    return rc;
}

int ar_analyze_forms(ar_analyzer *a, const char *text, size_t len, ar_tokens **out)
{
    return ar_analyze_forms_prefix(a, text, len, 0, out);
}

size_t ar_tokens_count(const ar_tokens *t)
{
    return t ? t->n : 0;
}

const ar_token *ar_tokens_get(const ar_tokens *t, size_t i)
{
    return (t && i < t->n) ? &t->tok[i] : NULL;
}

void ar_tokens_free(ar_tokens *t)
{
    if (!t)
        return;
    free(t->tok);
    free(t->arena);
    free(t);
}

int ar_stem_word(ar_analyzer *a, const char *word, char **out)
{
    ar_tokens *t = NULL;
    int rc;
    if (!a || !word || !out)
        return AR_EINVAL;
    *out = NULL;
    rc = ar_analyze(a, word, strlen(word), &t);
    if (rc)
        return rc;
    if (ar_tokens_count(t) != 1) {
        ar_tokens_free(t);
        return set_err(a, AR_EINVAL, "not a single word");
    }
    *out = strdup(ar_tokens_get(t, 0)->stem);
    ar_tokens_free(t);
    return *out ? AR_OK : AR_ENOMEM;
}

void ar_strv_free(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

typedef struct {
    char **v;
    size_t n, cap;
} strv;

/* Append the len bytes at x as a new string. */
static int strv_push(strv *s, const char *x, size_t len)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 16;
        char **nv = realloc(s->v, nc * sizeof *nv);
        if (!nv)
            return AR_ENOMEM;
        s->v = nv;
        s->cap = nc;
    }
    if (!(s->v[s->n] = strndup(x, len)))
        return AR_ENOMEM;
    s->n++;
    return AR_OK;
}

/* strv_push, unless x is there already. */
static int strv_add(strv *s, const char *x, size_t len)
{
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->v[i]) == len && memcmp(s->v[i], x, len) == 0)
            return AR_OK;
    return strv_push(s, x, len);
}

/* Add term and form as two strings, unless that form is there already. */
static int strv_add_pair(strv *s, const char *term, const char *form)
{
    for (size_t i = 1; i < s->n; i += 2)
        if (!strcmp(s->v[i], form))
            return AR_OK;
    int rc = strv_push(s, term, strlen(term));
    if (!rc && (rc = strv_push(s, form, strlen(form))))
        free(s->v[--s->n]);
    return rc;
}

/* The proclitics a word is expanded with, none first: و ب ل are by far the
 * commonest; ف and ك (after the first COMMON_PROCLITICS) also begin many
 * words (فكرة is not ف + كرة), so they are tried on longer words only. */
static const char *const proclitics[] = {"", "و", "ب", "ل", "وب", "ول",
                                         "ف", "ك", "فب", "فل", "وك"};
#define COMMON_PROCLITICS 6

/* Add the index term that form gets when it stands with each applicable
 * proclitic, or with the article, except the readings that are words of
 * their own (clitic_reading_is_word). Most of them are the same term
 * (reading_of takes the clitics off); a word the dictionary does not know,
 * and that begins with a clitic letter (بغداد), gives two: one read as it
 * stands and one with its first letter taken as a clitic. */
static int add_with_clitics(ar_analyzer *a, strv *out, const char *form, size_t flen)
{
    char buf[512];
    const char *st;
    size_t sl;
    size_t nl = ar__letters(form, flen);
    if (nl < 3 || flen + 8 > sizeof buf)
        return AR_OK;
    /* With the article: its plain stem. */
    memcpy(buf, "ال", 4);
    memcpy(buf + 4, form, flen);
    int rc = reading_of(a, buf, flen + 4, AR_TOK_ARABIC, &st, &sl);
    if (rc || (rc = strv_add(out, st, sl)))
        return rc;
    for (size_t i = 0; i < sizeof proclitics / sizeof *proclitics; i++) {
        const char *p = proclitics[i];
        if (i >= COMMON_PROCLITICS && nl < 4)
            break;
        size_t pl = strlen(p);
        if (i > 0 && clitic_reading_is_word(a, p, pl, form, flen, &rc))
            continue;
        if (rc)
            return rc;
        memcpy(buf, p, pl);
        memcpy(buf + pl, form, flen);
        buf[pl + flen] = '\0';
        /* The flags emit would give this word: a function word keeps its
         * plain stem (وقد, ومن). */
        unsigned fl = AR_TOK_ARABIC | (ar_is_stopword(buf) ? AR_TOK_STOP : 0);
        if ((rc = reading_of(a, buf, pl + flen, fl, &st, &sl)) ||
            (rc = strv_add(out, st, sl)))
            return rc;
    }
    return AR_OK;
}

size_t ar_broad_len(const ar_token *tok)
{
    if (!tok)
        return 0;
    size_t n = strlen(tok->stem);
    return (tok->flags & AR_TOK_ARABIC) ? singular_len(tok->stem, n) : n;
}

/*
 * When the stem of form (flen bytes, no article) is that of a dictionary
 * word ending in ى (keep_maqsura): the form with its final ى written ي or
 * its final ي written ى, into alt (altsize bytes), and 1. Writers swap the
 * two (مستشفى / مستشفي) and only a word typed with ى keeps its ى, so a word
 * typed either way finds both. A word in ـية is never such a form: its ي
 * is its own. Else 0, or a negative ar_status.
 */
static int other_spelling(ar_analyzer *a, const char *form, size_t flen, char *alt,
                          size_t altsize)
{
    const char *st;
    size_t sl;
    int maq = ends_in(form, flen, "ى");
    if (!a->maqsura.n || (!maq && !ends_in(form, flen, "ي")) || flen + 4 > altsize)
        return 0;
    memcpy(alt, "ال", 4);
    memcpy(alt + 4, form, flen);
    int rc = ar__stem(&a->stem, alt, flen + 4, AR_TOK_ARABIC, &st, &sl);
    if (rc)
        return rc;
    if (!in_set(&a->maqsura, st, sl))
        return 0;
    memcpy(alt, form, flen - AR_LETTER);
    memcpy(alt + flen - AR_LETTER, maq ? "ي" : "ى", AR_LETTER);
    return 1;
}

/* Into stem (512 bytes): the stem by which a word without the article
 * (base, blen bytes) finds its classes, the plain stem of the word with
 * the article (وزراء: its bare reading may be زراء, its class is وزير's),
 * its final ى kept as the lexicon's stems keep it (lex_init). 1 when the
 * word is too long to have a class. */
static int class_stem(ar_analyzer *a, const char *base, size_t blen, char stem[512])
{
    const char *st;
    size_t sl;
    if (blen + 4 >= 512)
        return 1;
    memcpy(stem, "ال", 4);
    memcpy(stem + 4, base, blen);
    int rc = ar__stem(&a->stem, stem, blen + 4, AR_TOK_ARABIC, &st, &sl);
    if (rc)
        return rc;
    keep_maqsura(a, stem, blen + 4, AR_TOK_ARABIC, &st, &sl);
    memmove(stem, st, sl);
    stem[sl] = '\0';
    return AR_OK;
}

/* add(a, s, member) for each member of the classes (the plural ones, or
 * with variant the spelling-variant ones) that stem belongs to, in both
 * spellings (other_spelling). */
static int class_members(ar_analyzer *a, strv *s, const char *stem, int variant,
                         int (*add)(ar_analyzer *, strv *, const char *, size_t))
{
    int rc = AR_OK;
    for (size_t i = lex_find(a, a->nlex, stem); i < a->nlex && !rc && !strcmp(a->lex[i].stem, stem);
         i++) {
        if (a->lex[i].variant != variant)
            continue;
        const char *p = a->lex[i].klass;
        while (*p && !rc) {
            size_t fl = strcspn(p, " ");
            char alt[512];
            rc = add(a, s, p, fl);
            if (!rc && (rc = other_spelling(a, p, fl, alt, sizeof alt)) == 1)
                rc = add(a, s, alt, fl);
            p += fl;
            while (*p == ' ')
                p++;
        }
    }
    return rc;
}

/* The index terms of a word without the article (base, blen bytes,
 * already normalized): its clitic forms, sound plural and broken-plural
 * class, each member in both spellings (other_spelling). */
static int expand_form(ar_analyzer *a, strv *s, const char *base, size_t blen)
{
    char stem[512];
    int rc = class_stem(a, base, blen, stem);
    if (rc)
        return rc > 0 ? AR_OK : rc;
    if ((rc = add_with_clitics(a, s, base, blen)))
        return rc;
    /* A word of three letters ending in ة also as written with ه (غزه,
     * كره, مره: informal text writes a final ة so). Longer words need no
     * help: the stemmer takes a final ه off them as a pronoun, as it takes
     * ة, and they meet; here it takes neither, three letters staying. */
    if (ar__letters(base, blen) == 3 && ends_in(base, blen, "ة")) {
        char buf[16];
        memcpy(buf, base, blen - 2);
        memcpy(buf + blen - 2, "ه", 2);
        if ((rc = add_with_clitics(a, s, buf, blen)))
            return rc;
    }
    /* Sound masculine plural and its construct form, from words of four
     * letters or more (لاعب -> لاعبون لاعبين لاعبو); shorter bases would
     * turn بحر into البحرين and زيت into زيتون. */
    if (ar__letters(base, blen) >= 4 && !ends_in(base, blen, "ة") &&
        !ends_in(base, blen, "ات") &&
        !ends_in(base, blen, "ا") && !ends_in(base, blen, "ى") &&
        !ends_in(base, blen, "ي") && blen + 8 < 500) {
        static const char *const suf[] = {"ون", "ين", "و"};
        char buf[512];
        for (size_t i = 0; i < 3 && !rc; i++) {
            size_t sl = strlen(suf[i]);
            memcpy(buf, base, blen);
            memcpy(buf + blen, suf[i], sl);
            rc = add_with_clitics(a, s, buf, blen + sl);
        }
        if (rc)
            return rc;
    }
    /* A sound masculine plural typed in one case also finds the other
     * (لاعبين, لاعبون): the stemmer keeps both endings but on participles
     * in م (مسلحين -> مسلح), names being full of ين (فلسطين). */
    size_t mb = masculine_plural_base(base, blen);
    if (mb && blen < 500) {
        char buf[512];
        memcpy(buf, base, blen);
        memcpy(buf + mb, ends_in(base, blen, "ين") ? "ون" : "ين", 2 * AR_LETTER);
        if ((rc = add_with_clitics(a, s, buf, blen)))
            return rc;
    }
    /* Feminine sound plural: a word typed in the singular also finds its
     * ـات plural (حكومة -> حكومات, برلمان -> برلمانات); one typed in the
     * plural finds the plural only (the stemmer keeps ـات), unless its
     * broken-plural class below holds the singular (سيارة سيارات). Not after a
     * final alef, ى or hamza, whose plurals are irregular (the lexicon
     * holds the common ones: مستشفى مستشفيات), and not from words of two
     * letters (بن is not the singular of بنات). */
    if (ar__letters(base, blen) >= 3 && !ends_in(base, blen, "ات") &&
        !ends_in(base, blen, "ا") &&
        !ends_in(base, blen, "ى") && !ends_in(base, blen, "ء") && blen + 8 < 500) {
        char buf[512];
        size_t bl = ends_in(base, blen, "ة") ? blen - 2 : blen;
        memcpy(buf, base, bl);
        memcpy(buf + bl, "ات", 4);
        if ((rc = add_with_clitics(a, s, buf, bl + 4)))
            return rc;
    }
    /* Broken-plural classes that the stem belongs to. */
    return class_members(a, s, stem, 0, add_with_clitics);
}

/* The index terms a word means (norm, nlen bytes, already normalized):
 * expand_form's, and those of its other spelling (other_spelling) too. */
static int expand_word(ar_analyzer *a, strv *s, const char *norm, size_t nlen)
{
    size_t skip = ar__article_len(norm, nlen);
    const char *base = norm + skip;
    size_t blen = nlen - skip;
    char alt[512];
    int rc = expand_form(a, s, base, blen);
    if (!rc && (rc = other_spelling(a, base, blen, alt, sizeof alt)) == 1)
        rc = expand_form(a, s, alt, blen);
    return rc;
}

/* What may stand before a word: proclitics, with or without the article. */
static const char *const clitic_groups[] = {
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك",
    "ال", "وال", "فال", "بال", "كال", "لل", "وبال", "وكال", "فبال", "فكال", "ولل", "فلل",
};

/*
 * A word typed without the madda of آل (الية, بالالاف, للاليات): the
 * analyzer reads its ال as the article (الية -> ية), while the text that
 * writes آلية keeps it (madda_lam). When what follows the clitics and the
 * article is ال and at least two letters, and آل with those letters is a
 * dictionary word or a regular form of one (a->madda: آلية of آلي, آلات of
 * آلة), that word is expanded too. Not for a word typed with أ or إ
 * (AR_TOK_HAMZA): who types the hamza types the madda (الأم is not آلام).
 * Returns an ar_status.
 */
static int madda_reading(ar_analyzer *a, strv *s, const char *norm, size_t nlen)
{
    char buf[512];
    int rc = AR_OK;
    for (size_t i = 0; i < sizeof clitic_groups / sizeof *clitic_groups && !rc; i++) {
        size_t pl = strlen(clitic_groups[i]);
        if (nlen < pl + 4 || memcmp(norm, clitic_groups[i], pl) || memcmp(norm + pl, "ال", 4) ||
            ar__letters(norm + pl + 4, nlen - pl - 4) < 2 || nlen - pl >= sizeof buf)
            continue;
        size_t blen = nlen - pl;
        memcpy(buf, "آ", AR_LETTER);
        memcpy(buf + AR_LETTER, norm + pl + AR_LETTER, blen - AR_LETTER);
        if (is_form_in(a, &a->madda, buf, blen, 1, &rc))
            rc = expand_word(a, s, buf, blen);
    }
    return rc;
}

/*
 * ar_expand's results, remembered by word: a batch of queries repeats its
 * words, and the expansion of one (its clitic readings, each checked against
 * the dictionary) is the larger part of building a query. The result
 * depends on the word and the analyzer only, never on an index, so an entry
 * never goes stale. An entry is one block: the flags byte, the word with
 * its NUL, the number of results (a size_t), then each result with its NUL.
 * When half the slots are taken, all are dropped.
 */
#define XCACHE_SLOTS ((size_t)1 << 13) /* a power of two */
#define XCACHE_KEY_FLAGS (AR_TOK_ARABIC | AR_TOK_LATIN | AR_TOK_STOP | AR_TOK_HAMZA)

static void expand_cache_clear(ar_analyzer *a)
{
    if (!a->xcache)
        return;
    for (size_t i = 0; i < XCACHE_SLOTS; i++) {
        free(a->xcache[i]);
        a->xcache[i] = NULL;
    }
    a->xused = 0;
}

static size_t expand_cache_slot(const ar_analyzer *a, const char *norm, unsigned flags)
{
    uint32_t h = 2166136261u ^ (flags & XCACHE_KEY_FLAGS);
    for (const char *p = norm; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 16777619u;
    }
    size_t i = h & (XCACHE_SLOTS - 1);
    for (; a->xcache[i]; i = (i + 1) & (XCACHE_SLOTS - 1)) {
        const char *e = a->xcache[i];
        if ((unsigned char)e[0] == (flags & XCACHE_KEY_FLAGS) && !strcmp(e + 1, norm))
            break;
    }
    return i;
}

/* The remembered expansion of tok into *out, *n: 1 when found, 0 when not,
 * or a negative ar_status. */
static int expand_cache_get(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n)
{
    if (!a->xcache)
        return 0;
    const char *e = a->xcache[expand_cache_slot(a, tok->norm, tok->flags)];
    if (!e)
        return 0;
    const char *p = e + 1 + strlen(e + 1) + 1;
    size_t cnt;
    memcpy(&cnt, p, sizeof cnt);
    p += sizeof cnt;
    char **v = calloc(cnt + 1, sizeof *v);
    if (!v)
        return AR_ENOMEM;
    for (size_t i = 0; i < cnt; i++, p += strlen(p) + 1)
        if (!(v[i] = strdup(p))) {
            ar_strv_free(v, i);
            return AR_ENOMEM;
        }
    *out = v;
    *n = cnt;
    return 1;
}

/* Remember v[0, n) as tok's expansion; without memory, nothing is kept. */
static void expand_cache_put(ar_analyzer *a, const ar_token *tok, char *const *v, size_t n)
{
    if (!a->xcache && !(a->xcache = calloc(XCACHE_SLOTS, sizeof *a->xcache)))
        return;
    if (a->xused + 1 > XCACHE_SLOTS / 2)
        expand_cache_clear(a);
    size_t nl = strlen(tok->norm) + 1, len = 1 + nl + sizeof n;
    for (size_t i = 0; i < n; i++)
        len += strlen(v[i]) + 1;
    char *e = malloc(len), *p = e;
    if (!e)
        return;
    *p++ = (char)(tok->flags & XCACHE_KEY_FLAGS);
    memcpy(p, tok->norm, nl);
    p += nl;
    memcpy(p, &n, sizeof n);
    p += sizeof n;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(v[i]) + 1;
        memcpy(p, v[i], l);
        p += l;
    }
    size_t slot = expand_cache_slot(a, tok->norm, tok->flags);
    if (a->xcache[slot])
        free(a->xcache[slot]);
    else
        a->xused++;
    a->xcache[slot] = e;
}

/* 1 when tok is a word that expansions apply to: Arabic, not a function
 * word (numbers and Latin words give their own term only). */
static int expandable(const ar_token *tok)
{
    return (tok->flags & AR_TOK_ARABIC) && !(tok->flags & (AR_TOK_STOP | AR_TOK_LATIN));
}

int ar_expand(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n)
{
    strv s = {0};
    int rc;
    if (!a || !tok || !out || !n)
        return AR_EINVAL;
    *out = NULL;
    *n = 0;
    if ((rc = expand_cache_get(a, tok, out, n)))
        return rc < 0 ? rc : AR_OK;
    rc = strv_add(&s, tok->stem, strlen(tok->stem));
    if (rc || !expandable(tok))
        goto done;
    size_t len = strlen(tok->norm);
    if ((rc = expand_word(a, &s, tok->norm, len)))
        goto done;
    /* Typed with a clitic: the bare word is expanded as if typed bare. The
     * article is the stemmer's business (بالرقة already stems to رق). */
    const char *rest = NULL;
    size_t rlen = 0;
    int typed = ar__article_len(tok->norm, len) == 0
                    ? strip_typed_clitics(a, tok->norm, len, &rest, &rlen)
                    : 0;
    if (typed < 0) {
        rc = typed;
        goto done;
    }
    /* tok->stem is already the reading of rest (reading_of). */
    if (typed && (rc = expand_word(a, &s, rest, rlen)))
        goto done;
    if (!(tok->flags & AR_TOK_HAMZA))
        rc = madda_reading(a, &s, tok->norm, len);
done:
    if (rc) {
        ar_strv_free(s.v, s.n);
        return rc;
    }
    expand_cache_put(a, tok, s.v, s.n);
    *out = s.v;
    *n = s.n;
    return AR_OK;
}

/* Drop from s the groups of stride strings (a term, then what goes with
 * it) whose term ar_expand gives tok itself. Returns an ar_status. */
static int drop_own_terms(ar_analyzer *a, const ar_token *tok, strv *s, size_t stride)
{
    char **own = NULL;
    size_t nown = 0, k = 0;
    int rc = ar_expand(a, tok, &own, &nown);
    if (rc)
        return rc;
    for (size_t i = 0; i + stride <= s->n; i += stride) {
        int dup = 0;
        for (size_t j = 0; j < nown && !dup; j++)
            dup = !strcmp(s->v[i], own[j]);
        for (size_t g = 0; g < stride; g++) {
            if (dup)
                free(s->v[i + g]);
            else
                s->v[k++] = s->v[i + g];
        }
    }
    s->n = k;
    ar_strv_free(own, nown);
    return AR_OK;
}

/* Add to s the index terms of the other spellings of a word without the
 * article (base, blen bytes): each member of its spelling-variant classes,
 * expanded as ar_expand expands a word. */
static int variant_forms(ar_analyzer *a, strv *s, const char *base, size_t blen)
{
    char stem[512];
    int rc = class_stem(a, base, blen, stem);
    if (rc)
        return rc > 0 ? AR_OK : rc;
    return class_members(a, s, stem, 1, expand_form);
}

int ar_expand_variants(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n)
{
    strv s = {0};
    int rc = AR_OK;
    if (!a || !tok || !out || !n)
        return AR_EINVAL;
    *out = NULL;
    *n = 0;
    if (!expandable(tok))
        return AR_OK;
    size_t len = strlen(tok->norm), skip = ar__article_len(tok->norm, len);
    char alt[512];
    rc = variant_forms(a, &s, tok->norm + skip, len - skip);
    if (!rc && (rc = other_spelling(a, tok->norm + skip, len - skip, alt, sizeof alt)) == 1)
        rc = variant_forms(a, &s, alt, len - skip);
    /* Typed with a clitic: the bare word's variants too (ar_expand). */
    const char *rest = NULL;
    size_t rlen = 0;
    if (!rc && skip == 0 && s.n == 0) {
        int typed = strip_typed_clitics(a, tok->norm, len, &rest, &rlen);
        rc = typed < 0 ? typed : typed ? variant_forms(a, &s, rest, rlen) : AR_OK;
    }
    /* Less what the word finds anyway. */
    if (!rc && s.n)
        rc = drop_own_terms(a, tok, &s, 1);
    if (rc < 0) {
        ar_strv_free(s.v, s.n);
        return rc;
    }
    *out = s.v;
    *n = s.n;
    return AR_OK;
}

/* Add to s the pairs (term, form) of base (blen bytes, no clitics): its
 * spelling with each proclitic group, and with the article unless article
 * is 0, and the index term each gets (ar_expand_unmarked,
 * ar_expand_singular). */
static int clitic_form_pairs(ar_analyzer *a, strv *s, const char *base, size_t blen,
                             int article)
{
    char buf[512];
    int rc = AR_OK;
    if (blen + 8 >= sizeof buf)
        return AR_OK;
    /* Each proclitic group alone and before the article, which ل joins as
     * لل. */
    for (size_t i = 0; i < 2 * (sizeof proclitics / sizeof *proclitics) && !rc; i++) {
        const char *p = proclitics[i / 2];
        size_t pl = strlen(p), len = pl;
        if (i % 2 && !article)
            continue;
        memcpy(buf, p, pl);
        if (i % 2) {
            /* ل + ال is written لل. */
            const char *art = pl && !memcmp(p + pl - AR_LETTER, "ل", AR_LETTER) ? "ل" : "ال";
            memcpy(buf + len, art, strlen(art));
            len += strlen(art);
        }
        memcpy(buf + len, base, blen);
        len += blen;
        buf[len] = '\0';
        /* Clitics and the bare spelling that make a word of their own
         * (وك + الة is وكالة, ب + الية is بالية) are that word. */
        if (i % 2 == 0 && pl) {
            int word = clitic_reading_is_word(a, p, pl, base, blen, &rc);
            if (rc)
                break;
            if (word)
                continue;
        }
        const char *st;
        size_t sl;
        unsigned fl = AR_TOK_ARABIC | (ar_is_stopword(buf) ? AR_TOK_STOP : 0);
        if ((rc = reading_of(a, buf, len, fl, &st, &sl)))
            break;
        char term[512];
        if (sl >= sizeof term)
            continue;
        memcpy(term, st, sl);
        term[sl] = '\0';
        if (!ar_is_stopword(term))
            rc = strv_add_pair(s, term, buf);
    }
    return rc;
}

int ar_expand_unmarked(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n)
{
    if (!a || !tok || !out || !n)
        return AR_EINVAL;
    *out = NULL;
    *n = 0;
    const char *m = strstr(tok->norm, "آل");
    char base[256];
    strv s = {0};
    size_t blen = m ? strlen(m) : 0;
    if (!m || blen + 2 >= sizeof base || !(tok->flags & AR_TOK_ARABIC))
        return AR_OK;
    /* آل must begin the word, past its clitics and article: the ا of مآل
     * is no article's. */
    size_t g = 0, ng = sizeof clitic_groups / sizeof *clitic_groups;
    while (g < ng && (strlen(clitic_groups[g]) != (size_t)(m - tok->norm) ||
                      memcmp(tok->norm, clitic_groups[g], (size_t)(m - tok->norm))))
        g++;
    if (g == ng)
        return AR_OK;
    memcpy(base, "ا", AR_LETTER);
    memcpy(base + AR_LETTER, m + AR_LETTER, blen - AR_LETTER);
    int rc = clitic_form_pairs(a, &s, base, blen, 1);
    /* A singular in ة also finds its plural in ات (expand_form), so that
     * plural's madda-less spellings too (الية: اليات). */
    if (!rc && ends_in(base, blen, "ة") && ar__letters(base, blen) >= 3) {
        memcpy(base + blen - AR_LETTER, "ات", 2 * AR_LETTER);
        rc = clitic_form_pairs(a, &s, base, blen + AR_LETTER, 1);
    }
    if (rc) {
        ar_strv_free(s.v, s.n);
        return rc;
    }
    *out = s.v;
    *n = s.n / 2;
    return AR_OK;
}

/*
 * The singular of the feminine sound plural base (blen bytes, no clitics or
 * article, ending in ات) that the dictionary lists as a noun taking that
 * plural (ar__feminine_plural_nouns: عقوبات of عقوبة, احتجاجات of احتجاج,
 * فتيات of فتاة), written to buf; its length, or 0 for none. صادرات has
 * none: صادر takes ـات as an adjective, whose feminine is صادرة.
 */
static size_t feminine_singular(ar_analyzer *a, const char *base, size_t blen, char *buf,
                                size_t cap, int *rc)
{
    *rc = AR_OK;
    if (!ends_in(base, blen, "ات") || ar__letters(base, blen) < 4 || blen + 4 >= cap)
        return 0;
    if (!a->fem_nouns.v && (*rc = word_set_init(a, ar__feminine_plural_nouns,
                                                ar__feminine_plural_nouns_n, 1, 0,
                                                &a->fem_nouns)))
        return 0;
    size_t bl = blen - 2 * AR_LETTER;
    /* The dictionary's rules: ة -> ات, 0 -> ات, اة -> يات. */
    memcpy(buf, base, bl);
    memcpy(buf + bl, "ة", AR_LETTER);
    if (in_set(&a->fem_nouns, buf, bl + AR_LETTER))
        return bl + AR_LETTER;
    if (in_set(&a->fem_nouns, base, bl)) {
        memcpy(buf, base, bl);
        return bl;
    }
    if (ends_in(base, bl, "ي")) {
        memcpy(buf + bl - AR_LETTER, "اة", 2 * AR_LETTER);
        if (in_set(&a->fem_nouns, buf, bl + AR_LETTER))
            return bl + AR_LETTER;
    }
    return 0;
}

/* The singular of base (blen bytes, no clitics or article) when it is a
 * noun's feminine sound plural (feminine_singular) or sound masculine
 * plural (masculine_plural_base: لاعبين of لاعب; *masculine set), written
 * to buf; its length, or 0. */
static size_t plural_singular(ar_analyzer *a, const char *base, size_t blen, char *buf,
                              size_t cap, int *masculine, int *rc)
{
    size_t sl = feminine_singular(a, base, blen, buf, cap, rc);
    *masculine = 0;
    if (sl || *rc)
        return sl;
    sl = masculine_plural_base(base, blen);
    /* Room for the construct state's letter after it. */
    if (!sl || sl + AR_LETTER >= cap)
        return 0;
    memcpy(buf, base, sl);
    *masculine = 1;
    return sl;
}

/* The start of an expansion that gives pairs: check the arguments and
 * clear *out and *n; then *base and *blen are tok's word past the article,
 * whose length is *skip. Returns AR_OK, 1 when tok gets no expansion (a
 * function word, a number, a Latin word), or AR_EINVAL. */
static int pairs_start(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n,
                       const char **base, size_t *blen, size_t *skip)
{
    if (!a || !tok || !out || !n)
        return AR_EINVAL;
    *out = NULL;
    *n = 0;
    if (!expandable(tok))
        return 1;
    size_t len = strlen(tok->norm);
    *skip = ar__article_len(tok->norm, len);
    *base = tok->norm + *skip;
    *blen = len - *skip;
    return AR_OK;
}

int ar_expand_singular(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n)
{
    strv s = {0};
    char sing[512];
    const char *base;
    size_t blen, skip;
    int rc = pairs_start(a, tok, out, n, &base, &blen, &skip);
    if (rc)
        return rc > 0 ? AR_OK : rc;
    int masculine = 0;
    size_t sl = plural_singular(a, base, blen, sing, sizeof sing, &masculine, &rc);
    /* Typed with a clitic: the bare word's singular (ar_expand). */
    if (!sl && !rc && skip == 0) {
        int typed = strip_typed_clitics(a, tok->norm, blen, &base, &blen);
        if (typed < 0)
            rc = typed;
        else if (typed)
            sl = plural_singular(a, base, blen, sing, sizeof sing, &masculine, &rc);
    }
    if (rc || !sl)
        return rc;
    if (masculine) {
        /* Its term is also its feminine's (لاعبة -> لاعب): the singular and
         * the plural's construct state (لاعبو, لاعبي, and لاعبى as text
         * that swaps final ي and ى writes it; read as the singular in the
         * index; never after the article), each spelling with its term. */
        static const char *const ends[] = {"", "و", "ي", "ى"};
        for (size_t i = 0; i < sizeof ends / sizeof *ends && !rc; i++) {
            memcpy(sing + sl, ends[i], strlen(ends[i]));
            rc = clitic_form_pairs(a, &s, sing, sl + strlen(ends[i]), i == 0);
        }
    } else if (ends_in(sing, sl, "ة")) {
        /* Its stem has lost the ة and may be another word's (مظاهرة ->
         * مظاهر, the plural of مظهر): each spelling with its term, and
         * with the ة written ه, as informal text does (عقوبه: ar_expand
         * meets it through the stem, which takes that ه as a pronoun). */
        rc = clitic_form_pairs(a, &s, sing, sl, 1);
        if (!rc) {
            memcpy(sing + sl - AR_LETTER, "ه", AR_LETTER);
            rc = clitic_form_pairs(a, &s, sing, sl, 1);
        }
    } else {
        strv terms = {0};
        rc = expand_word(a, &terms, sing, sl);
        /* (expand_word adds each term once.) */
        for (size_t i = 0; i < terms.n && !rc; i++)
            if (!(rc = strv_push(&s, terms.v[i], strlen(terms.v[i]))) &&
                (rc = strv_push(&s, "", 0)))
                free(s.v[--s.n]);
        ar_strv_free(terms.v, terms.n);
    }
    /* Less what the word finds anyway. */
    if (!rc && s.n)
        rc = drop_own_terms(a, tok, &s, 2);
    if (rc) {
        ar_strv_free(s.v, s.n);
        return rc;
    }
    *out = s.v;
    *n = s.n / 2;
    return AR_OK;
}

/* The length of the singular of w (n bytes, no clitics or article) when w
 * is a sound masculine plural in ين or ون: that of a Hunspell lemma taking
 * that plural (مسلح, مدرس), or of a nisba adjective (فلسطيني, عسكري: the
 * dictionary lacks most of them), unless w is a word of its own (تعيين,
 * مليون: the stemmer takes their ending off too); else 0. */
static size_t masculine_plural(ar_analyzer *a, const char *w, size_t n, int *rc)
{
    size_t b = in_un_base(w, n);
    *rc = AR_OK;
    if (!b)
        return 0;
    if (!a->masc_sg.v && (*rc = word_set_init(a, ar__masculine_singulars,
                                              ar__masculine_singulars_n, 1, 0, &a->masc_sg)))
        return 0;
    if (!a->in_un.v &&
        (*rc = word_set_init(a, ar__in_un_words, ar__in_un_words_n, 1, 0, &a->in_un)))
        return 0;
    if (in_set(&a->in_un, w, n))
        return 0;
    if (in_set(&a->masc_sg, w, b) || (ends_in(w, b, "ي") && ar__letters(w, b) >= 4))
        return b;
    return 0;
}

/* Add to s the pairs (term, form) of the masculine forms of the singular
 * sing (sl bytes, no clitics or article) when its term is also its
 * feminine's in ة: the singular, the plural in ين and ون, the dual in ان
 * (its other case is the plural's ين; the light stemmer gives it a term of
 * its own, Snowball's may not), each bare, with each proclitic group
 * and with the article, and the construct state in و and ي (and ى, as text
 * that swaps final ي and ى writes it; never after the article); a
 * singular in ي also with ى. Each with the term it gets, which for some
 * is another (مسلحو; العراقى, as Hunspell lists عراقى). */
static int masculine_form_pairs(ar_analyzer *a, strv *s, const char *sing, size_t sl)
{
    static const char *const ends[] = {"", "ين", "ون", "ان", "و", "ي", "ى"};
    char buf[512], term[512];
    const char *st;
    size_t tl;
    int rc;
    if (sl + 8 >= sizeof buf)
        return AR_OK;
    memcpy(buf, sing, sl);
    memcpy(buf + sl, "ة", AR_LETTER);
    if ((rc = reading_of(a, buf, sl + AR_LETTER, AR_TOK_ARABIC, &st, &tl)))
        return rc;
    memcpy(term, st, tl);
    term[tl] = '\0';
    if ((rc = reading_of(a, sing, sl, AR_TOK_ARABIC, &st, &tl)))
        return rc;
    if (tl != strlen(term) || memcmp(st, term, tl))
        return AR_OK;
    size_t from = s->n;
    for (size_t i = 0; i < sizeof ends / sizeof *ends && !rc; i++) {
        memcpy(buf + sl, ends[i], strlen(ends[i]));
        rc = clitic_form_pairs(a, s, buf, sl + strlen(ends[i]), i < 4);
    }
    /* A singular in ي (a nisba: مصري) also as written with ى (مصرى). */
    if (!rc && ends_in(sing, sl, "ي")) {
        memcpy(buf + sl - AR_LETTER, "ى", AR_LETTER);
        rc = clitic_form_pairs(a, s, buf, sl, 1);
    }
    /* Each pair once (a variant class holds the word itself too). */
    size_t m = from;
    for (size_t i = from; !rc && i + 1 < s->n; i += 2) {
        int drop = 0;
        for (size_t j = 0; !drop && j < m; j += 2)
            drop = !strcmp(s->v[j], s->v[i]) && !strcmp(s->v[j + 1], s->v[i + 1]);
        if (drop) {
            free(s->v[i]);
            free(s->v[i + 1]);
            continue;
        }
        s->v[m++] = s->v[i];
        s->v[m++] = s->v[i + 1];
    }
    if (!rc)
        s->n = m;
    return rc;
}

int ar_expand_own_forms(ar_analyzer *a, const ar_token *tok, char ***out, size_t *n)
{
    strv s = {0};
    char buf[512], stem[512];
    const char *base;
    size_t blen, skip;
    int rc = pairs_start(a, tok, out, n, &base, &blen, &skip);
    if (rc)
        return rc > 0 ? AR_OK : rc;
    if (skip == 0) {
        int typed = strip_typed_clitics(a, tok->norm, blen, &base, &blen);
        if (typed < 0)
            return typed;
    }
    size_t bl = masculine_plural(a, base, blen, &rc);
    if (rc || !bl || blen + 8 >= sizeof buf)
        return rc;
    memcpy(buf, base, bl);
    rc = masculine_form_pairs(a, &s, buf, bl);
    /* Its first pair is the bare singular's, with the term the singular
     * shares with its feminine: is that the token's own? */
    if (!rc && s.n && strcmp(s.v[0], tok->stem)) {
        ar_strv_free(s.v, s.n);
        return AR_OK;
    }
    /* The singular's other spellings (ar_expand_variants: امريكي, اميركي)
     * the same way. */
    if (!rc && s.n && !(rc = class_stem(a, buf, bl, stem)))
        rc = class_members(a, &s, stem, 1, masculine_form_pairs);
    if (rc < 0 || !s.n) {
        ar_strv_free(s.v, s.n);
        return rc < 0 ? rc : AR_OK;
    }
    *out = s.v;
    *n = s.n / 2;
    return AR_OK;
}
