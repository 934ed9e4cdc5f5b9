/*
 * ar_utf8.h - small UTF-8 helpers private to analysis/ (decoding one code
 * point, appending one). Inline so that the hot per-character loops in
 * ar.c and ar_stem.c need no calls.
 */
#ifndef FAHRAS_AR_UTF8_H
#define FAHRAS_AR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s[*i] (n bytes in s). Advances *i. Returns the
 * code point, or -1 for an invalid or truncated sequence (then *i advances
 * by one byte). Overlong forms and surrogates are invalid. */
static inline int32_t ar__u8_next(const unsigned char *s, size_t n, size_t *i)
{
    size_t k = *i;
    unsigned c = s[k];
    int32_t cp;
    size_t need;
    if (c < 0x80) {
        *i = k + 1;
        return (int32_t)c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = (int32_t)(c & 0x1F);
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = (int32_t)(c & 0x0F);
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = (int32_t)(c & 0x07);
    } else {
        *i = k + 1;
        return -1;
    }
    if (k + need >= n) { /* truncated at the end */
        *i = k + 1;
        return -1;
    }
    for (size_t j = 1; j <= need; j++) {
        unsigned d = s[k + j];
        if ((d & 0xC0) != 0x80) {
            *i = k + 1;
            return -1;
        }
        cp = (cp << 6) | (int32_t)(d & 0x3F);
    }
    if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = k + 1;
        return -1;
    }
    *i = k + need + 1;
    return cp;
}

/* Write cp as UTF-8 into out (at least 4 bytes). Returns the byte count. */
static inline size_t ar__u8_put(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#endif
