/*
 * ar_stem.c - the Arabic light stemmer, English stemming through libstemmer,
 * and the Arabic stop list.
 *
 * Arabic words are light-stemmed: the article with the clitics before it,
 * attached pronouns and inflectional suffixes are removed; the root is never
 * sought. Snowball Arabic (libstemmer 2.2) was measured on the ANT corpus and
 * loses every keyword audit (macro F1 0.906 against 0.988 on the first list
 * with fahras-ar-18; bench/README.md) while it is 0.002 MRR@10 ahead on
 * the held-out half of known-item search: it
 * strips nisba ي
 * (مصري -> مصر), eats the first letter of names on its verb path
 * (فلسطين -> لسط) and misses و/ف + ال. It stays a real choice
 * (ar_analyzer_new_stemmer, indexer --stemmer snowball). Latin words go to
 * Snowball English.
 * The input is always a form that ar.c already normalized.
 */
#include "ar.h"
#include "ar_internal.h"

#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include <libstemmer.h>

int ar__stemmers_init(ar__stemmers *s, int snowball)
{
    memset(s, 0, sizeof *s);
    s->english = sb_stemmer_new("english", "UTF_8");
    if (snowball)
        s->arabic = sb_stemmer_new("arabic", "UTF_8");
    if (!s->english || (snowball && !s->arabic)) {
        ar__stemmers_fini(s);
        return AR_EICU;
    }
    return AR_OK;
}

void ar__stemmers_fini(ar__stemmers *s)
{
    if (s->english)
        sb_stemmer_delete(s->english);
    if (s->arabic)
        sb_stemmer_delete(s->arabic);
    free(s->buf);
    free(s->slots);
    free(s->arena);
    memset(s, 0, sizeof *s);
}

static int reserve(ar__stemmers *s, size_t need)
{
    if (need <= s->cap)
        return AR_OK;
    char *b = realloc(s->buf, need);
    if (!b)
        return AR_ENOMEM;
    s->buf = b;
    s->cap = need;
    return AR_OK;
}

static int starts_with(const char *w, size_t len, const char *p)
{
    size_t pl = strlen(p);
    return len >= pl && memcmp(w, p, pl) == 0;
}

size_t ar__letters(const char *w, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)w[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/*
 * The article with the clitics that can stand before it, longest first:
 * و/ف (and, so), ب/ك (with, like) and ل (for, which merges with ال into لل).
 */
static const char *const article_forms[] = {
    "وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
};

/* Words that look like clitic + stem but are not. */
static const char *const protected_words[] = {
    "الله", /* Allah: ال + له would collide with له, "to him" */
    "لله",
};

static int is_protected(const char *w, size_t len)
{
    for (size_t i = 0; i < sizeof protected_words / sizeof *protected_words; i++)
        if (len == strlen(protected_words[i]) && memcmp(w, protected_words[i], len) == 0)
            return 1;
    return 0;
}

/* Length in bytes of the article prefix of w to remove, or 0. At least two
 * letters must remain (الغد -> غد). */
size_t ar__article_len(const char *w, size_t len)
{
    if (is_protected(w, len))
        return 0;
    for (size_t i = 0; i < sizeof article_forms / sizeof *article_forms; i++) {
        const char *p = article_forms[i];
        size_t pl = strlen(p);
        if (starts_with(w, len, p) && ar__letters(w + pl, len - pl) >= 2)
            return pl;
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * The light stemmer: clitics and inflectional suffixes only, never a root.
 * Works on code points; every rule keeps at least the stated number of
 * letters, so short words are left alone.
 * ---------------------------------------------------------------------- */

typedef uint16_t ar_ch;

enum {
    HAMZA = 0x0621, WAW_HAMZA = 0x0624, YEH_HAMZA = 0x0626, ALEF = 0x0627, BEH = 0x0628,
    TEH_MARBUTA = 0x0629, TEH = 0x062A, FEH = 0x0641, KAF = 0x0643, LAM = 0x0644,
    MEEM = 0x0645, NOON = 0x0646, HEH = 0x0647, WAW = 0x0648, ALEF_MAKSURA = 0x0649,
    YEH = 0x064A
};

static int ends_with(const ar_ch *w, size_t n, const ar_ch *suf, size_t sl)
{
    return n >= sl && memcmp(w + n - sl, suf, sl * sizeof *w) == 0;
}

/* Attached pronouns: هما هم هن ها ه نا ("their", "her", "his", "our"). */
static const ar_ch pron_forms[][4] = {
    {HEH, MEEM, ALEF}, {HEH, MEEM}, {HEH, NOON}, {HEH, ALEF}, {HEH}, {NOON, ALEF},
};

static size_t ch_len(const ar_ch *w)
{
    size_t n = 0;
    while (w[n])
        n++;
    return n;
}

/* Write the n letters at w as UTF-8 (two bytes each: every code point here
 * is in U+0600-U+07FF) to out, with a NUL. */
static void put_letters(char *out, const ar_ch *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = (char)(0xC0 | (w[i] >> 6));
        out[2 * i + 1] = (char)(0x80 | (w[i] & 0x3F));
    }
    out[2 * n] = '\0';
}

static int cmp_str(const void *k, const void *e);

/* 1 when the letters w[0, n), the last one written last when last is not
 * 0, are one of the nv sorted spellings of v. */
static int spelled_in(char *const *v, size_t nv, const ar_ch *w, size_t n, ar_ch last)
{
    ar_ch c[64];
    char buf[2 * 64 + 1];
    if (!v || n == 0 || n > 64)
        return 0;
    memcpy(c, w, n * sizeof *c);
    if (last)
        c[n - 1] = last;
    put_letters(buf, c, n);
    return bsearch(buf, v, nv, sizeof *v, cmp_str) != NULL;
}

/* Stem w[0, n) in place, whose first st letters are the article group (see
 * ar__article_len); returns the start offset, *np gets the length. s holds
 * the dictionary's words that decide a ت before a pronoun. */
static size_t light_stem(const ar__stemmers *s, ar_ch *w, size_t *np, size_t st)
{
    size_t n = *np;
    /* Hamza seats vary by writer (مسؤول / مسئول): ؤ U+0624 and ئ U+0626
     * become the bare hamza U+0621. A final ى U+0649 is written ي U+064A
     * as often as not (مستشفى / مستشفي). */
    for (size_t i = 0; i < n; i++)
        if (w[i] == WAW_HAMZA || w[i] == YEH_HAMZA)
            w[i] = HAMZA;
    if (n && w[n - 1] == ALEF_MAKSURA)
        w[n - 1] = YEH;
    /* ال after the article is the word's own (الالمانية, الالتزام: the
     * hamza of ألمانيا is folded away, التزام has none): the bare word
     * loses it to the article rule, and so does the word here, so that
     * الألمانية and ألمانية are one word. Two letters stay. */
    if (st && n - st >= 4 && w[st] == ALEF && w[st + 1] == LAM)
        st += 2;
    ar_ch *r = w + st;
    size_t m = n - st;
    /* An attached pronoun, leaving three letters. */
    int pron = 0;
    for (size_t i = 0; i < sizeof pron_forms / sizeof *pron_forms; i++) {
        size_t sl = ch_len(pron_forms[i]);
        if (m >= sl + 3 && ends_with(r, m, pron_forms[i], sl)) {
            m -= sl;
            pron = 1;
            break;
        }
    }
    static const ar_ch at[] = {ALEF, TEH}, yin[] = {YEH, YEH, NOON}, yun[] = {YEH, WAW, NOON},
                       in[] = {YEH, NOON}, un[] = {WAW, NOON};
    /* ات before a pronoun: a noun in اة whose ة is written ت (حياته,
     * معاناته: حياة, معاناة), or a plural in ات (قواته: قوات). The
     * dictionary decides when it lists one spelling and not the other:
     * 1 the noun, 0 the plural; else -1, and the length does (four
     * letters the noun, more the plural). */
    int at_noun = -1;
    if (pron && m >= 4 && ends_with(r, m, at, 2)) {
        int noun = spelled_in(s->teh_nouns, s->nteh, r, m, TEH_MARBUTA);
        if (noun != spelled_in(s->at_words, s->nat, r, m, 0))
            at_noun = noun;
    }
    if (m >= 5 && (ends_with(r, m, yin, 3) || ends_with(r, m, yun, 3))) {
        /* ـيين / ـيون: plural of a nisba adjective; its ي stays
         * (المصريين -> مصري, not مصر). */
        m -= 2;
    } else if (m >= 5 && ends_with(r, m, at, 2) && at_noun != 1) {
        /* ـات: the feminine plural keeps its ending (الصادرات ->
         * صادرات, وحكوماتها -> حكومات). Taken off, it made صادرات (exports)
         * the same word as صادر (issued) and صادرة; a word typed in the
         * singular finds its plural through ar_expand instead. */
    } else if (pron && m >= 4 && r[m - 1] == TEH && at_noun != 0) {
        /* ة is written ت before a pronoun (حكومته -> حكومت -> حكوم). */
        m -= 1;
    } else if (pron && m == 3 && r[2] == TEH &&
               spelled_in(s->teh_nouns, s->nteh, r, 3, TEH_MARBUTA) &&
               !spelled_in(s->own_teh, s->nown, r, 3, 0)) {
        /* The same ت on a noun of three letters, which keeps its ة (below):
         * قوته, صحته, خطته are قوة, صحة, خطة when the dictionary lists
         * those, unless the ت is the noun's own (صوته; ar__own_teh_nouns).
         * بيته, وقته stay بيت, وقت: بية and وقة are no words. */
        r[2] = TEH_MARBUTA;
    } else if (!pron && m >= 6 && r[0] == MEEM && (ends_with(r, m, in, 2) || ends_with(r, m, un, 2))) {
        /* ـين / ـون: masculine plural, kept to participles (مسلحين ->
         * مسلح), since many names end in ين (فلسطين, البحرين). */
        m -= 2;
    } else if (m >= 4 && r[m - 1] == TEH_MARBUTA) {
        /* ة: feminine singular (الرئيسة -> رئيس; الرئيسية -> رئيسي keeps ي),
         * leaving three letters: on a word of three it made another word
         * of two (مرة -> مر, قمة -> قم, أمة -> ام, آلة -> آل), so such a
         * word keeps it. Measured on ANT (bench/README.md, fahras-ar-17). */
        m -= 1;
    } else if (!pron && m >= 4 && r[m - 1] == ALEF && r[m - 2] != YEH) {
        /* Accusative tanween alef (رئيسا -> رئيس); not after ي, where it
         * ends names (روسيا, سوريا). */
        m -= 1;
    }
    *np = m;
    return st;
}

/* Light-stem a normalized word; non-Arabic code points leave it as it is. */
static int stem_light(ar__stemmers *s, const char *w, size_t len, int whole, const char **out,
                      size_t *outlen)
{
    ar_ch cp[64];
    size_t n = 0;
    if (is_protected(w, len))
        goto as_is;
    for (size_t i = 0; i < len; i += 2) {
        unsigned char a = (unsigned char)w[i];
        if (i + 1 >= len || n == 63 || (a != 0xD8 && a != 0xD9 && a != 0xDA && a != 0xDB))
            goto as_is;
        cp[n++] = (ar_ch)(((a & 0x1F) << 6) | ((unsigned char)w[i + 1] & 0x3F));
    }
    size_t m = n;
    /* Arabic letters are two bytes each in UTF-8. */
    size_t st = light_stem(s, cp, &m, whole ? 0 : ar__article_len(w, len) / 2);
    int rc = reserve(s, m * 2 + 1);
    if (rc)
        return rc;
    put_letters(s->buf, cp + st, m);
    *out = s->buf;
    *outlen = 2 * m;
    return AR_OK;
as_is:
    *out = w;
    *outlen = len;
    return AR_OK;
}

#define CACHE_SLOTS ((size_t)1 << 16) /* a power of two */
#define CACHE_ARENA ((size_t)2 << 20)
#define CACHE_WORD 64 /* longer words are not remembered */
/* The flags that change a stem, part of the key (one byte in the arena). */
#define CACHE_KEY_FLAGS (AR_TOK_ARABIC | AR_TOK_LATIN | AR__STEM_WHOLE)

static int stem_uncached(ar__stemmers *s, const char *norm, size_t len, unsigned flags,
                         const char **out, size_t *outlen);

static uint32_t cache_hash(const char *w, size_t n, unsigned flags)
{
    uint32_t h = 2166136261u ^ (flags & CACHE_KEY_FLAGS);
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)w[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

int ar__stem(ar__stemmers *s, const char *norm, size_t len, unsigned flags,
             const char **out, size_t *outlen)
{
    if (len == 0 || len > CACHE_WORD || !(flags & (AR_TOK_ARABIC | AR_TOK_LATIN)))
        return stem_uncached(s, norm, len, flags, out, outlen);
    if (!s->slots) {
        s->slots = calloc(CACHE_SLOTS, sizeof *s->slots);
        s->arena = malloc(CACHE_ARENA);
        if (!s->slots || !s->arena) {
            free(s->slots);
            free(s->arena);
            s->slots = NULL;
            s->arena = NULL;
            return stem_uncached(s, norm, len, flags, out, outlen);
        }
        s->nslots = CACHE_SLOTS;
        s->acap = CACHE_ARENA;
    }
    /* The flags that change a stem are part of the key: the hash holds
     * them, and a slot is taken only by the same word with the same hash. */
    uint32_t h = cache_hash(norm, len, flags);
    size_t mask = s->nslots - 1, i = h & mask;
    for (; s->slots[i].nlen; i = (i + 1) & mask) {
        ar__stem_slot *e = &s->slots[i];
        if (e->hash == h && e->nlen == len && !memcmp(s->arena + e->off, norm, len) &&
            (unsigned char)s->arena[e->off + len] == (flags & CACHE_KEY_FLAGS)) {
            s->hits++;
            *out = s->arena + e->off + len + 1;
            *outlen = e->slen;
            return AR_OK;
        }
    }
    s->misses++;
    int rc = stem_uncached(s, norm, len, flags, out, outlen);
    if (rc || *outlen > 0xFFFF)
        return rc;
    size_t need = len + 1 + *outlen + 1;
    if (s->used + 1 > s->nslots / 2 || s->alen + need > s->acap) {
        /* Full: start again (the stem just made lives in s->buf or norm). */
        memset(s->slots, 0, s->nslots * sizeof *s->slots);
        s->used = 0;
        s->alen = 0;
        for (i = h & mask; s->slots[i].nlen; i = (i + 1) & mask)
            ;
    }
    ar__stem_slot *e = &s->slots[i];
    char *p = s->arena + s->alen;
    memcpy(p, norm, len);
    p[len] = (char)(flags & CACHE_KEY_FLAGS);
    memcpy(p + len + 1, *out, *outlen);
    p[len + 1 + *outlen] = '\0';
    e->hash = h;
    e->off = (uint32_t)s->alen;
    e->nlen = (uint16_t)len;
    e->slen = (uint16_t)*outlen;
    s->alen += need;
    s->used++;
    *out = p + len + 1;
    return AR_OK;
}

static int stem_uncached(ar__stemmers *s, const char *norm, size_t len, unsigned flags,
                         const char **out, size_t *outlen)
{
    struct sb_stemmer *sb = NULL;
    if ((flags & AR_TOK_ARABIC) && !(flags & AR_TOK_LATIN)) {
        if (!s->arabic)
            return stem_light(s, norm, len, (flags & AR__STEM_WHOLE) != 0, out, outlen);
        sb = s->arabic;
    } else if ((flags & AR_TOK_LATIN) && !(flags & AR_TOK_ARABIC)) {
        sb = s->english;
    }
    if (sb) {
        const sb_symbol *r = sb_stemmer_stem(sb, (const sb_symbol *)norm, (int)len);
        if (!r)
            return AR_ENOMEM;
        size_t n = (size_t)sb_stemmer_length(sb);
        if (n > 0) {
            int rc = reserve(s, n + 1);
            if (rc)
                return rc;
            memcpy(s->buf, r, n);
            s->buf[n] = '\0';
            *out = s->buf;
            *outlen = n;
            return AR_OK;
        }
    }
    /* Numbers, other scripts, and mixed tokens are their own stem. */
    *out = norm;
    *outlen = len;
    return AR_OK;
}

/*
 * Arabic function words, in normalized form (hamza-alef folded to ا).
 * Sorted for bsearch, none longer than AR__STOP_MAX_BYTES; test_stopwords
 * checks both.
 */
const char *const ar__stopwords[] = {
    "ا", "اذ", "اذا", "اكثر", "ال", "الا", "الاول", "التي", "الذي", "الذين", "اللتان",
    "اللذان", "الى", "الي", "ام", "اما", "امام", "ان", "انا", "انت", "انه", "انها",
    "او", "اي", "ايضا", "اين", "ب", "بان", "بانه", "بعد", "بعض", "بل", "به", "بها",
    "بين", "ت", "تحت", "تلك", "ثم", "حتى", "حتي", "حول", "حيث", "حين", "خلال", "ذلك",
    "ذو", "ذي", "رغم", "سوف", "شيء", "ضد", "ضمن", "عبر", "عل", "على", "علي", "عليه",
    "عليها", "عن", "عند", "عندما", "غير", "ف", "فان", "فقط", "في", "فيه", "فيها", "قبل",
    "قد", "كان", "كانت", "كل", "كما", "كيف", "ل", "لا", "لان", "لدى", "لدي", "لقد",
    "لكن", "لم", "لما", "لن", "له", "لها", "لهم", "لو", "ما", "مثل", "مع", "معه", "من",
    "منذ", "منه", "منها", "نحن", "نحو", "هذا", "هذه", "هل", "هم", "هنا", "هناك", "هو",
    "هي", "و", "وان", "وقد", "ولا", "ولم", "وما", "ومن", "وهو", "وهي", "يا", "يكون",
};

const size_t ar__stopwords_n = sizeof ar__stopwords / sizeof *ar__stopwords;

/* bsearch's comparison of a string key with an element of an array of
 * strings. */
static int cmp_str(const void *k, const void *e)
{
    return strcmp((const char *)k, *(const char *const *)e);
}

int ar_is_stopword(const char *norm)
{
    /* A word longer than every function word needs no search. */
    if (!norm || strnlen(norm, AR__STOP_MAX_BYTES + 1) > AR__STOP_MAX_BYTES)
        return 0;
    return bsearch(norm, ar__stopwords, ar__stopwords_n, sizeof *ar__stopwords, cmp_str) != NULL;
}
