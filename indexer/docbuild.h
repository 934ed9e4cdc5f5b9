/*
 * docbuild.h - turn an ix_article into an xs_doc laid out as xs_schema.h says.
 */
#ifndef FAHRAS_DOCBUILD_H
#define FAHRAS_DOCBUILD_H

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "readers.h"

/* ix_build_doc's result when the article itself is bad (not valid UTF-8):
 * the record is to be skipped and reported, and indexing goes on. */
#define IX_BAD_INPUT 1

/* Build the document for art. *out belongs to the caller (xs_doc_free).
 * idterm (at least 256 bytes) receives the unique id term.
 * Returns 0, IX_BAD_INPUT, or a negative (fatal) code; a message is written
 * to msg (msglen bytes) for both. */
int ix_build_doc(ar_analyzer *a, const ix_article *art, xs_doc **out, char *idterm,
                 char *msg, size_t msglen);

/* The id term for id (long ids are shortened with a hash). idterm holds at
 * least 256 bytes. */
void ix_id_term(const char *id, char *idterm);

#endif
