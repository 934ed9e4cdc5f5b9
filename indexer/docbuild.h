/*
 * docbuild.h - turn an ix_article into an xs_doc laid out as schema/schema.h says.
 */
#ifndef FAHRAS_DOCBUILD_H
#define FAHRAS_DOCBUILD_H

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "readers.h"

/* The indexer's own status. Analysis (ar_status) and shim (xs_status)
 * codes are translated into it where they are met, never passed on. */
typedef enum {
    IX_OK = 0,
    IX_BAD_INPUT = 1, /* the article itself is bad: skip it, report it, go on */
    IX_ENOMEM = -1,   /* out of memory: stop */
    IX_EFAIL = -2     /* the analyzer or the index failed: stop */
} ix_status;

/* Build the document for art. *out belongs to the caller (xs_doc_free).
 * idterm (at least 256 bytes) receives the unique id term.
 * Returns IX_OK, IX_BAD_INPUT, IX_ENOMEM or IX_EFAIL; a message is written
 * to msg (msglen bytes) for all but IX_OK. */
ix_status ix_build_doc(ar_analyzer *a, const ix_article *art, xs_doc **out, char *idterm,
                       char *msg, size_t msglen);

/* The term that marks every document read from the file with key key (at
 * least FX_IDTERM_SIZE bytes). */
void ix_file_term(const char *key, char *term);

/* The id term for id (long ids are shortened with a hash). idterm holds at
 * least 256 bytes. */
void ix_id_term(const char *id, char *idterm);

#endif
