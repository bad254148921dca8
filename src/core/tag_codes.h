/* tag_codes.h: the tags of one note after another as text ("VB1+ LD2-
 * TM3": the factor codes in the codebook's tree order, + enabler,
 * - barrier), for what streams every note (note_each, the exports): the
 * tree's order is read once, and each note costs one lookup of its tags
 * by its key, with no query per note sorting the tree again (as
 * tag_texts does per page). */
#ifndef STEMTUI_TAG_CODES_H
#define STEMTUI_TAG_CODES_H

#include <sqlite3.h>

#include "core/err.h"

typedef struct tag_codes tag_codes;

/* Reads the codebook's order, for the tags of coder (a name, folded when
 * compared), or of every coder when coder is NULL: a factor once when
 * the coders agree on its polarity, once per polarity when they do not
 * ("VB1+ VB1-"), as tag_texts.  NULL with err set. */
tag_codes *tag_codes_new(sqlite3 *db, const char *coder, st_err *err);

/* The tags of note_id as text, "" for none: valid until the next call
 * or tag_codes_free.  NULL with err set. */
const char *tag_codes_of(tag_codes *t, long long note_id, st_err *err);

void tag_codes_free(tag_codes *t);

#endif
