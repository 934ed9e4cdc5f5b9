/* fuzz_readers.h - one reader over any bytes: every article it hands on
 * has an id, and its text and title are valid UTF-8 without NUL. */
#include "fuzz_common.h"

#include "../../indexer/readers.h"

static inline int fz_article(void *ctx, const ix_article *art)
{
    (void)ctx;
    if (!art->id || !*art->id || (art->text_len && !art->text) ||
        (art->title_len && !art->title))
        abort();
    /* Damaged bytes and NULs were replaced: what is handed on is clean. */
    if (memchr(art->text ? art->text : "", 0, art->text_len) ||
        memchr(art->title ? art->title : "", 0, art->title_len) ||
        !ar_utf8_valid(art->text, art->text_len) || !ar_utf8_valid(art->title, art->title_len))
        abort();
    return 0;
}

static inline void fz_msg(void *ctx, size_t record, const char *msg)
{
    (void)ctx;
    (void)record;
    if (!msg || !*msg)
        abort();
}

static inline int fuzz_reader(ix_format f, const uint8_t *data, size_t size)
{
    ix_sink sink = {fz_article, fz_msg, fz_msg, NULL, NULL};
    ix_read(f, (const char *)data, size, "fuzz/input.txt", fuzz_analyzer(), &sink);
    return 0;
}
