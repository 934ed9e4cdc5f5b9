/*
 * ar_decode.c - turn a file's bytes into UTF-8.
 *
 * Order of trust: a strict UTF-8 check first (statistical detectors often
 * miss Windows-1256); when it fails, the bytes are decoded through ICU as
 * Windows-1256 and as ISO-8859-6, and the reading with more Arabic letters
 * and fewer unmapped bytes wins (Windows-1256 on a tie, as the commoner).
 * UTF-16 is read when it opens with a byte order mark. A text that is more
 * than one tenth NUL or control bytes is a binary file; a few damaged bytes
 * or NULs in a text become U+FFFD, and the caller is told where.
 */
#include "ar.h"
#include "ar_utf8.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

static int has_utf16_bom(const unsigned char *s, size_t n)
{
    return n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
}

int ar_looks_binary(const char *in, size_t n)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t ctl = 0;
    if (!s || has_utf16_bom(s, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\f' &&
            s[i] != 0x1B)
            ctl++;
    return n > 0 && ctl * 10 > n; /* more than 10 % NUL or control bytes */
}

int ar_utf8_repair(const char *in, size_t n, char **out, size_t *outlen, size_t *replaced,
                   size_t *first_bad)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t bad = 0, first = 0, o = 0, i = 0;
    if (!out || !outlen || (!in && n))
        return AR_EINVAL;
    *out = NULL;
    *outlen = 0;
    /* Each bad byte becomes 3 bytes at most. */
    if (n > ((size_t)-1 - 1) / 3)
        return AR_EINVAL;
    char *res = malloc(n * 3 + 1);
    if (!res)
        return AR_ENOMEM;
    while (i < n) {
        size_t k = i;
        int32_t cp = s[i] < 0x80 ? (int32_t)s[i++] : ar__u8_next(s, n, &i);
        if (cp <= 0) {
            if (!bad++)
                first = k;
            o += ar__u8_put(res + o, 0xFFFD);
            continue;
        }
        memcpy(res + o, s + k, i - k);
        o += i - k;
    }
    res[o] = '\0';
    *out = res;
    *outlen = o;
    if (replaced)
        *replaced = bad;
    if (first_bad)
        *first_bad = first;
    return AR_OK;
}

/* More valid multi-byte UTF-8 sequences than invalid bytes. Legacy Arabic
 * text almost never forms valid UTF-8 sequences: its letters are bytes
 * 0xC1-0xFE followed by more letters, not by continuation bytes. */
static int mostly_utf8(const unsigned char *s, size_t n)
{
    size_t good = 0, bad = 0, i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if (ar__u8_next(s, n, &i) < 0)
            bad++;
        else
            good++;
    }
    return good > bad;
}

/* Decode with one ICU converter; score = Arabic letters - 4 * substitutions. */
static int decode_with(const char *name, const char *in, size_t n, UChar **out,
                       int32_t *outlen, long *score)
{
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(name, &err);
    UChar *u = NULL;
    int rc = AR_OK;
    if (U_FAILURE(err))
        return AR_EDECODE;
    if (n > (size_t)INT32_MAX / 2) {
        rc = AR_EINVAL;
        goto done;
    }
    u = malloc((n + 1) * sizeof *u);
    if (!u) {
        rc = AR_ENOMEM;
        goto done;
    }
    int32_t len = ucnv_toUChars(cv, u, (int32_t)n + 1, in, (int32_t)n, &err);
    if (U_FAILURE(err)) {
        rc = AR_EDECODE;
        goto done;
    }
    long sc = 0;
    for (int32_t i = 0; i < len; i++) {
        if (u[i] >= 0x0621 && u[i] <= 0x064A)
            sc++;
        else if (u[i] == 0xFFFD || u[i] == 0x1A)
            sc -= 4;
    }
    *out = u;
    *outlen = len;
    *score = sc;
    u = NULL;
done:
    free(u);
    ucnv_close(cv);
    return rc;
}

static int to_utf8(const UChar *u, int32_t len, char **out, size_t *outlen)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t need = 0;
    u_strToUTF8WithSub(NULL, 0, &need, u, len, 0xFFFD, NULL, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return AR_EDECODE;
    err = U_ZERO_ERROR;
    char *res = malloc((size_t)need + 1);
    if (!res)
        return AR_ENOMEM;
    u_strToUTF8WithSub(res, need + 1, NULL, u, len, 0xFFFD, NULL, &err);
    if (U_FAILURE(err)) {
        free(res);
        return AR_EDECODE;
    }
    res[need] = '\0';
    *out = res;
    *outlen = (size_t)need;
    return AR_OK;
}

/* The UTF-8 of a decoded text, with NUL code points as U+FFFD. */
static int finish(const UChar *u, int32_t len, char **out, size_t *outlen, ar_decode_info *info)
{
    char *tmp = NULL;
    size_t tlen = 0;
    int rc = to_utf8(u, len, &tmp, &tlen);
    if (rc)
        return rc;
    if (!memchr(tmp, 0, tlen)) {
        *out = tmp;
        *outlen = tlen;
        return AR_OK;
    }
    rc = ar_utf8_repair(tmp, tlen, out, outlen, &info->replaced, &info->first_bad);
    free(tmp);
    return rc;
}

/* The sample that decides a file's encoding. */
#define DETECT_BYTES ((size_t)1 << 20)

const char *ar_text_detect(const char *in, size_t n)
{
    const unsigned char *s = (const unsigned char *)in;
    if (!in)
        return "UTF-8";
    if (has_utf16_bom(s, n))
        return s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
    size_t m = n < DETECT_BYTES ? n : DETECT_BYTES;
    /* Do not judge by a character cut at the end of the sample. */
    while (m < n && m > 0 && (s[m] & 0xC0) == 0x80)
        m--;
    if (ar_looks_binary(in, m))
        return NULL;
    if (ar_utf8_valid(in, m) || mostly_utf8(s, m))
        return "UTF-8";
    UChar *a = NULL, *b = NULL;
    int32_t alen = 0, blen = 0;
    long ascore = 0, bscore = 0;
    int ra = decode_with("windows-1256", in, m, &a, &alen, &ascore);
    int rb = decode_with("ISO-8859-6", in, m, &b, &blen, &bscore);
    free(a);
    free(b);
    if (ra && rb)
        return "windows-1256";
    return (ra || (!rb && bscore > ascore)) ? "ISO-8859-6" : "windows-1256";
}

int ar_text_decode_as(const char *in, size_t n, const char *charset, char **out,
                      size_t *outlen, ar_decode_info *info)
{
    UChar *u = NULL;
    int32_t ulen = 0;
    long score = 0;
    ar_decode_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof *info);
    if (!out || !outlen || (!in && n) || !charset)
        return AR_EINVAL;
    *out = NULL;
    *outlen = 0;
    if (!in)
        in = "";
    info->charset = !strcmp(charset, "UTF-8")      ? "UTF-8"
                    : !strcmp(charset, "UTF-16LE") ? "UTF-16LE"
                    : !strcmp(charset, "UTF-16BE") ? "UTF-16BE"
                    : !strcmp(charset, "ISO-8859-6") ? "ISO-8859-6"
                                                     : "windows-1256";
    if (!strcmp(info->charset, "UTF-8")) {
        size_t skip = n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        in += skip;
        n -= skip;
        if (ar_utf8_valid(in, n) && !memchr(in, 0, n)) {
            char *res = malloc(n + 1);
            if (!res)
                return AR_ENOMEM;
            memcpy(res, in, n);
            res[n] = '\0';
            *out = res;
            *outlen = n;
            return AR_OK;
        }
        int rc = ar_utf8_repair(in, n, out, outlen, &info->replaced, &info->first_bad);
        info->first_bad += skip;
        return rc;
    }
    size_t skip = !strncmp(info->charset, "UTF-16", 6) && n >= 2 ? 2 : 0;
    int rc = decode_with(info->charset, in + skip, n - skip, &u, &ulen, &score);
    if (rc == AR_OK)
        rc = finish(u, ulen, out, outlen, info);
    free(u);
    return rc;
}

int ar_text_decode(const char *in, size_t n, char **out, size_t *outlen, ar_decode_info *info)
{
    if (!out || !outlen || (!in && n))
        return AR_EINVAL;
    *out = NULL;
    *outlen = 0;
    if (info)
        memset(info, 0, sizeof *info);
    const char *cs = ar_text_detect(in, n);
    if (!cs)
        return AR_EBINARY;
    return ar_text_decode_as(in, n, cs, out, outlen, info);
}
