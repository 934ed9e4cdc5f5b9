/*
 * testutil.h - helpers shared by the unit tests: golden-file reading with
 * \uXXXX escapes, temporary directories, and the texts of corpus/.
 */
#ifndef FAHRAS_TESTUTIL_H
#define FAHRAS_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <dirent.h>

/* Expand \uXXXX escapes in s, in place (the result is never longer). */
static inline void tu_unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        if (p[0] == '\\' && p[1] == 'u') {
            unsigned cp = (unsigned)strtoul((char[5]){p[2], p[3], p[4], p[5], 0}, NULL, 16);
            if (cp < 0x80) {
                *o++ = (char)cp;
            } else if (cp < 0x800) {
                *o++ = (char)(0xC0 | (cp >> 6));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *o++ = (char)(0xE0 | (cp >> 12));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            }
            p += 6;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
}

/* Open a golden file under $FAHRAS_GOLDEN (default tests/golden). */
static inline FILE *tu_golden(const char *name)
{
    char path[512];
    const char *dir = getenv("FAHRAS_GOLDEN");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/golden", name);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open golden file %s", path);
    return f;
}

/* Next data line (comments and blank lines skipped), unescaped, without
 * the newline. Returns NULL at the end. */
static inline char *tu_next_line(FILE *f, char *buf, size_t n)
{
    while (fgets(buf, (int)n, f)) {
        buf[strcspn(buf, "\n")] = '\0';
        if (buf[0] == '#' || buf[0] == '\0')
            continue;
        tu_unescape(buf);
        return buf;
    }
    return NULL;
}

/* A fresh temporary directory; the caller removes it with tu_rmdir. */
static inline char *tu_tmpdir(void)
{
    char *t = strdup("/tmp/fahras-test-XXXXXX");
    if (!t || !mkdtemp(t))
        fail_msg("mkdtemp failed");
    return t;
}

static inline void tu_rmdir(char *dir)
{
    char cmd[600];
    if (!dir)
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", dir);
    free(dir);
}

/* The whole content of the file at path, NUL-terminated, with its length
 * in *len; the caller frees it. */
static inline char *tu_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n)
        fail_msg("cannot read %s", path);
    fclose(f);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

/* tu_slurp of the next file of the corpus directory ($FAHRAS_CORPUS,
 * default corpus/); NULL after the last. *dir is opened on the first call
 * and closed after the last. */
static inline char *tu_next_corpus_text(DIR **dir, size_t *len)
{
    const char *root = getenv("FAHRAS_CORPUS") ? getenv("FAHRAS_CORPUS") : "corpus";
    struct dirent *de;
    if (!*dir && !(*dir = opendir(root)))
        fail_msg("cannot open %s", root);
    while ((de = readdir(*dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", root, de->d_name);
        return tu_slurp(path, len);
    }
    closedir(*dir);
    *dir = NULL;
    return NULL;
}

#endif
