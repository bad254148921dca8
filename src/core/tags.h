/* tags.h: tagging notes with factors of the codebook, reading a note's
 * tags, and the factors of the digit keys.
 *
 * A tag links a note to a factor with a polarity: +1 enabler (it helped),
 * -1 barrier (it stood in the way), 0 neutral. */
#ifndef STEMTUI_TAGS_H
#define STEMTUI_TAGS_H

#include <sqlite3.h>

#include "core/codebook.h"
#include "core/err.h"

/* Tags note with factor at polarity (+1, 0, -1) for coder, or changes
 * the polarity of coder's tag.  coder is who tags, a facilitator's name
 * (the config's facilitator, or --facilitator), stored folded (st_fold,
 * as note.author_key); NULL or "" is the unknown coder.  Another coder's
 * tag on the same note and factor stays as it is.  A note in the trash is
 * refused (tag it once restored).  Committed at once.  0, or -1. */
int tag_set(sqlite3 *db, long long note_id, long long factor_id, int polarity, const char *coder,
	    st_err *err);
/* Removes coder's tag (only theirs) of note with factor.  0, or -1. */
int tag_remove(sqlite3 *db, long long note_id, long long factor_id, const char *coder,
	       st_err *err);

/* The coder a facilitator's name stands for: "" (the unknown coder) for
 * none. */
static inline const char *tag_coder_of(const char *facilitator)
{
	return facilitator ? facilitator : "";
}

typedef struct st_tag {
	long long factor_id;
	char code[64], name[256];
	int polarity;
	char coder[128];   /* folded name; "" for the unknown coder */
} st_tag;

/* The tags of a note by coder (a name, NULL for every coder's), in tree
 * order then by coder, up to max.  Returns how many, or -1. */
int tag_list(sqlite3 *db, long long note_id, const char *coder, st_tag *out, int max,
	     st_err *err);

/* How note_id is tagged with factor_id or a factor below it, as the
 * figures count it: TAG_HAS_ENABLER when one of those tags is +1,
 * TAG_HAS_BARRIER when one is -1 (both can hold), TAG_HAS_NEUTRAL when
 * all of them are 0; 0 when it has none of them; -1 on error. */
#define TAG_HAS_ENABLER 1
#define TAG_HAS_BARRIER 2
#define TAG_HAS_NEUTRAL 4
int tag_polarity_within(sqlite3 *db, long long note_id, long long factor_id, st_err *err);
/* The same for n notes at once, into out[i] (0 for a note not tagged so),
 * with one query: what a page of evidence needs.  0, or -1. */
int tag_polarities_within(sqlite3 *db, long long factor_id, const long long *note_ids, int n,
			  int *out, st_err *err);

/* A note's tags as text, "VB1+ LD2- TE3" (+ enabler, - barrier), every
 * coder's: a factor once when the coders agree on its polarity, once per
 * polarity when they do not ("VB1+ VB1-"). */
int tag_text(sqlite3 *db, long long note_id, char *buf, int size, st_err *err);

/* The tags of n notes as text, as tag_text, into out[i] (new strings the
 * caller frees; "" for an untagged note), with one prepared statement for
 * them all: what a page of a notes list needs.  0, or -1 with err set and
 * out left NULL. */
int tag_texts(sqlite3 *db, const long long *note_ids, int n, char **out, st_err *err);

/* The factors most used in tags on the newest 2 000 live notes by author
 * (everyone's newest 2 000 when author is NULL or none of theirs is tagged
 * yet; the author ignoring case and accents), most used first, then in
 * tree order to fill up: up to max.  For the digit keys 1-9: what someone
 * tags now, at a cost that does not grow with the database.  Returns how
 * many, or -1. */
int factor_most_used(sqlite3 *db, const char *author, st_factor *out, int max, st_err *err);

/* The factors of the digit keys 1-9 into out[0..FACTOR_DIGITS-1], out[i]
 * for digit i+1 (id 0: none, when the codebook has fewer factors).  A
 * digit keeps the factor keep[i] (keep may be NULL; 0: none) while it is
 * in the codebook: a pin, or what the digit was given before, so the keys
 * never move while someone learns them.  Every other digit gets in turn
 * the factor author uses most (factor_most_used) that no digit holds yet.
 * out holds fresh copies (a renamed factor shows its new name).  0, or -1
 * with out cleared. */
#define FACTOR_DIGITS 9
int factor_digit_keys(sqlite3 *db, const char *author, const long long *keep, st_factor *out,
		      st_err *err);

#endif
