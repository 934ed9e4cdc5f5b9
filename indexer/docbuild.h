/*
 * docbuild.h - turn an ix_article into an xs_doc laid out as xs_schema.h says.
 */
#ifndef FAHRAS_DOCBUILD_H
#define FAHRAS_DOCBUILD_H

#include "../analysis/ar.h"
#include "../shim/xs.h"
#include "readers.h"

/* Build the document for art. *out belongs to the caller (xs_doc_free).
 * idterm (at least 256 bytes) receives the unique id term.
 * Returns 0, or a negative code with a message in msg (msglen bytes). */
int ix_build_doc(ar_analyzer *a, const ix_article *art, xs_doc **out, char *idterm,
                 char *msg, size_t msglen);

/* The id term for id (long ids are shortened with a hash). idterm holds at
 * least 256 bytes. */
void ix_id_term(const char *id, char *idterm);

#endif
