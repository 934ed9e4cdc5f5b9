/*
 * ar_stem.c - stemming around Snowball Arabic, and the Arabic stop list.
 *
 * Snowball Arabic (libstemmer) is used for suffixes, but never blindly:
 *  - It leaves و/ف + ال and short بال/لل words alone (والرقة, بالرقة stay),
 *    so the article and the clitics in front of it are removed here first.
 *  - It sends nouns without ال down its verb path, which eats the first
 *    letter of names (فلسطين -> لسط, وزير -> زير). Every word is therefore
 *    handed to it in its definite form (ال + word), which takes the noun path,
 *    and a leading ال left in its output is removed afterwards.
 * The input is always a form that ar.c already normalized.
 */
#include "ar.h"
#include "ar_internal.h"

#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

int ar__stemmers_init(ar__stemmers *s)
{
    memset(s, 0, sizeof *s);
    s->arabic = sb_stemmer_new("arabic", "UTF_8");
    s->english = sb_stemmer_new("english", "UTF_8");
    if (!s->arabic || !s->english) {
        ar__stemmers_fini(s);
        return AR_EICU;
    }
    return AR_OK;
}

void ar__stemmers_fini(ar__stemmers *s)
{
    if (s->arabic)
        sb_stemmer_delete(s->arabic);
    if (s->english)
        sb_stemmer_delete(s->english);
    free(s->buf);
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

/* Arabic letters are two bytes each in UTF-8 (U+0600-U+07FF). */
#define AL "\xd8\xa7\xd9\x84" /* ال */

static int starts_with(const char *w, size_t len, const char *p)
{
    size_t pl = strlen(p);
    return len >= pl && memcmp(w, p, pl) == 0;
}

static size_t letters(const char *w, size_t len)
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
static size_t article_len(const char *w, size_t len)
{
    for (size_t i = 0; i < sizeof article_forms / sizeof *article_forms; i++) {
        const char *p = article_forms[i];
        size_t pl = strlen(p);
        if (starts_with(w, len, p) && letters(w + pl, len - pl) >= 2)
            return pl;
    }
    return 0;
}

static int stem_arabic(ar__stemmers *s, const char *w, size_t len, const char **out,
                       size_t *outlen)
{
    size_t skip;
    const char *rest;
    size_t rlen;
    int rc;

    if (is_protected(w, len)) {
        *out = w;
        *outlen = len;
        return AR_OK;
    }
    skip = article_len(w, len);
    rest = w + skip;
    rlen = len - skip;
    /* One-letter words (a lone clitic, an initial) are their own stem. */
    if (letters(rest, rlen) < 2) {
        *out = rest;
        *outlen = rlen;
        return AR_OK;
    }
    /* Definite form: Snowball's noun path. */
    rc = reserve(s, rlen + sizeof AL);
    if (rc)
        return rc;
    memcpy(s->buf, AL, 4);
    memcpy(s->buf + 4, rest, rlen);
    const sb_symbol *r = sb_stemmer_stem(s->arabic, (const sb_symbol *)s->buf, (int)(rlen + 4));
    if (!r)
        return AR_ENOMEM;
    size_t n = (size_t)sb_stemmer_length(s->arabic);
    const char *res = (const char *)r;
    /* The ال added above is ours: remove it when Snowball left it. */
    if (starts_with(res, n, AL)) {
        res += 4;
        n -= 4;
    }
    if (n == 0) {
        res = rest;
        n = rlen;
    }
    rc = reserve(s, n + 1);
    if (rc)
        return rc;
    memmove(s->buf, res, n);
    s->buf[n] = '\0';
    *out = s->buf;
    *outlen = n;
    return AR_OK;
}

int ar__stem(ar__stemmers *s, const char *norm, size_t len, unsigned flags,
             const char **out, size_t *outlen)
{
    if ((flags & AR_TOK_ARABIC) && !(flags & AR_TOK_LATIN))
        return stem_arabic(s, norm, len, out, outlen);
    if ((flags & AR_TOK_LATIN) && !(flags & AR_TOK_ARABIC)) {
        const sb_symbol *r = sb_stemmer_stem(s->english, (const sb_symbol *)norm, (int)len);
        if (!r)
            return AR_ENOMEM;
        size_t n = (size_t)sb_stemmer_length(s->english);
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
 * Sorted for bsearch; tests/unit check the order.
 */
static const char *const stopwords[] = {
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

static int cmp_str(const void *k, const void *e)
{
    return strcmp((const char *)k, *(const char *const *)e);
}

int ar_is_stopword(const char *norm)
{
    if (!norm)
        return 0;
    return bsearch(norm, stopwords, sizeof stopwords / sizeof *stopwords, sizeof *stopwords,
                   cmp_str) != NULL;
}
