/*
 * ar_decode.c - turn a file's bytes into UTF-8.
 *
 * Order of trust: a strict UTF-8 check first (statistical detectors often
 * miss Windows-1256); when it fails, the bytes are decoded through ICU as
 * Windows-1256 and as ISO-8859-6, and the reading with more Arabic letters
 * and fewer unmapped bytes wins (Windows-1256 on a tie, as the commoner).
 * NUL bytes, or a text that is mostly control bytes, mean a binary file.
 */
#include "ar.h"
#include "ar_utf8.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

static int looks_binary(const unsigned char *s, size_t n)
{
    size_t ctl = 0;
    if (memchr(s, 0, n))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\f' &&
            s[i] != 0x1B)
            ctl++;
    return n > 0 && ctl * 10 > n; /* more than 10 % control bytes */
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

int ar_text_decode(const char *in, size_t n, char **out, size_t *outlen, const char **charset)
{
    UChar *a = NULL, *b = NULL;
    int32_t alen = 0, blen = 0;
    long ascore = 0, bscore = 0;
    int rc = AR_OK;
    char *res = NULL;

    if (!out || !outlen || (!in && n))
        return AR_EINVAL;
    *out = NULL;
    *outlen = 0;
    if (!in)
        in = "";
    if (looks_binary((const unsigned char *)in, n))
        return AR_EBINARY;
    int valid = ar_utf8_valid(in, n);
    /* UTF-8 with a few damaged bytes is kept too: a legacy decoding would
     * garble every good record, so the reader skips the damaged ones. */
    if (valid || mostly_utf8((const unsigned char *)in, n)) {
        if (valid && n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
            in += 3;
            n -= 3;
        }
        res = malloc(n + 1);
        if (!res)
            return AR_ENOMEM;
        memcpy(res, in, n);
        res[n] = '\0';
        *out = res;
        *outlen = n;
        if (charset)
            *charset = valid ? "UTF-8" : "UTF-8 (damaged)";
        return AR_OK;
    }
    rc = decode_with("windows-1256", in, n, &a, &alen, &ascore);
    if (rc == AR_ENOMEM)
        goto done;
    int rc2 = decode_with("ISO-8859-6", in, n, &b, &blen, &bscore);
    if (rc2 == AR_ENOMEM) {
        rc = rc2;
        goto done;
    }
    if (!a && !b) {
        rc = AR_EDECODE;
        goto done;
    }
    const UChar *best = a;
    int32_t blen_best = alen;
    const char *name = "windows-1256";
    if (!a || (b && bscore > ascore)) {
        best = b;
        blen_best = blen;
        name = "ISO-8859-6";
    }
    UErrorCode err = U_ZERO_ERROR;
    int32_t need = 0;
    u_strToUTF8(NULL, 0, &need, best, blen_best, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
        rc = AR_EDECODE;
        goto done;
    }
    err = U_ZERO_ERROR;
    res = malloc((size_t)need + 1);
    if (!res) {
        rc = AR_ENOMEM;
        goto done;
    }
    u_strToUTF8(res, need + 1, NULL, best, blen_best, &err);
    if (U_FAILURE(err)) {
        rc = AR_EDECODE;
        goto done;
    }
    *out = res;
    *outlen = (size_t)need;
    if (charset)
        *charset = name;
    res = NULL;
    rc = AR_OK;
done:
    free(res);
    free(b);
    free(a);
    return rc;
}
