/*
 * xs_schema.h - how Fahras lays its documents out in the index: term
 * prefixes, value slots, record field names and metadata keys. Shared by the
 * indexer (which writes them) and the searcher (which reads them); a change
 * here that alters stored terms must bump XS_FORMAT_VERSION.
 *
 * Terms (all positional terms share one position space per document: title
 * words first, then the body after a gap, so phrases never span the two):
 *   <stem>        unprefixed: stem of every word, title and body, positional
 *   E<norm>       exact normalized surface form, title and body, positional
 *   S<stem>       title field, positional
 *   L<stem>       the lead: body words among the first XS_LEAD_WORDS (wdf)
 *   Q<id>         the unique id (boolean)
 *   O<source>     source, case-folded (boolean)
 *   K<category>   category, case-folded (boolean)
 *   Y<yyyy>, M<yyyymm>, D<yyyymmdd>  date (boolean)
 * Values: XS_SLOT_DATE "YYYY-MM-DD"; XS_SLOT_SOURCE the source as given.
 * Stems and normalized forms never start with an ASCII capital, so the
 * prefixes cannot collide with them.
 */
#ifndef FAHRAS_XS_SCHEMA_H
#define FAHRAS_XS_SCHEMA_H

#define XS_FORMAT_VERSION "2"

#define XS_META_FORMAT "fahras.format"
#define XS_META_ANALYZER "fahras.analyzer"

#define XS_PREFIX_EXACT "E"
#define XS_PREFIX_TITLE "S"
#define XS_PREFIX_LEAD "L"
#define XS_PREFIX_ID "Q"
#define XS_PREFIX_SOURCE "O"
#define XS_PREFIX_CATEGORY "K"
#define XS_PREFIX_YEAR "Y"
#define XS_PREFIX_MONTH "M"
#define XS_PREFIX_DAY "D"

#define XS_SLOT_DATE 0
#define XS_SLOT_SOURCE 1

/* Body words that count as the lead of an article. 30 beat 20, 45, 60 and
 * 100 on the ANT known-item task. */
#define XS_LEAD_WORDS 30

/* Positions of body words start this far after the last title word. */
#define XS_TITLE_GAP 100

#endif
