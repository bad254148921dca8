/* codebook.h: the codebook of critical success factors: reading the tree,
 * finding and searching factors, and changing it (add, rename, move,
 * merge, delete).
 *
 * Factors form a tree (category, factor, deeper if wanted).  A tag
 * (tags.h) links a note to a factor with a polarity.  Nothing a note was
 * tagged with is lost silently: merging moves tags, deleting asks what
 * happens to them.  Importing a codebook file: codebook_import.h; the
 * figures of the factors: figures.h; the tree with its figures as one
 * consistent read: codebook_snapshot.h. */
#ifndef STEMTUI_CODEBOOK_H
#define STEMTUI_CODEBOOK_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

typedef struct st_factor {
	long long id;
	long long parent_id;      /* 0 for a top-level category */
	char *code;               /* short, unique: "VB", "VB1" */
	char *name;
	char *definition, *inclusion, *exclusion, *colour, *memo;
	char *guid;               /* kept across exports (REFI-QDA) */
	int position;             /* order among its siblings */
	int depth;                /* 0 for top level (filled by factor_tree) */
	int children;             /* number of direct children (filled by factor_tree) */
} st_factor;

void factor_clear(st_factor *f);

/* The most factors a codebook holds.  A codebook has tens of factors,
 * but one brought from NVivo or ATLAS.ti (REFI-QDA) can have thousands of
 * codes.  An import that would make it larger is refused whole ("too many
 * codes (N, at most FACTORS_MAX)"), and so is adding one more in the
 * codebook screen; every screen, export and command shows them all. */
#define FACTORS_MAX 10000

/* The whole codebook in tree order (depth first, siblings by position),
 * up to max.  Returns how many, or -1. */
int factor_tree(sqlite3 *db, st_factor *out, int max, st_err *err);

/* The same, every factor, into a new array (*out, which factors_free
 * frees; never NULL on success): a codebook is read whole.  Returns how
 * many, or -1 with *out NULL. */
int factor_tree_all(sqlite3 *db, st_factor **out, st_err *err);

/* Frees n factors and the array holding them (NULL is fine). */
void factors_free(st_factor *a, int n);

/* Refuses a codebook of more than FACTORS_MAX factors: what an import
 * checks inside its transaction before committing, so that a merge
 * cannot grow the codebook past the limit either.  0, or -1 with err
 * "FILE: too many factors: ...". */
int factor_count_check(sqlite3 *db, const char *path, st_err *err);

#define FACTOR_CODE_MAX 32

/* True when s can be a factor code: 1 to FACTOR_CODE_MAX bytes, no white space or
 * control characters, not ending in + or - (the polarity suffix of
 * `stemtui tag`). */
bool factor_code_ok(const char *s);

int factor_get(sqlite3 *db, long long id, st_factor *out, st_err *err);        /* 1/0/-1 */
int factor_find_code(sqlite3 *db, const char *code, st_factor *out, st_err *err); /* 1/0/-1, case-insensitive */

/* Factors whose code, name or definition contain text (ignoring case and
 * accents), up to max: first those whose code starts with it, then whose
 * code holds it, then whose name, then whose definition, each in tree
 * order (typing "pa" puts PA and its factors before a definition that
 * mentions "partners").  Returns how many, or -1. */
int factor_search(sqlite3 *db, const char *text, st_factor *out, int max, st_err *err);
/* The same, every factor that matches, into a new array as
 * factor_tree_all. */
int factor_search_all(sqlite3 *db, const char *text, st_factor **out, st_err *err);

/* Saves f: inserts when f->id is 0 (a new GUID is made; sets f->id), else
 * updates code, name, definition, inclusion, exclusion, colour, memo.
 * Refuses an empty or duplicate code, an empty name, a colour that is not
 * #RRGGBB (empty is fine), a new factor when the codebook holds
 * FACTORS_MAX.  One transaction.  0, or -1. */
int factor_save(sqlite3 *db, st_factor *f, st_err *err);

/* Moves f under new_parent (0: to the top), last among its siblings;
 * refuses to move a factor under itself or its descendants.  0, or -1. */
int factor_move(sqlite3 *db, long long id, long long new_parent, st_err *err);

/* Merges `from` into `into`: its tags move to `into`, its children move
 * under `into`, and `from` is deleted.  A note tagged with both keeps one
 * tag: the polarity they share, a neutral one giving way to + or -; with
 * + on one and - on the other (a conflict one tag cannot hold) it gets
 * conflict_polarity (-1, 0 or 1: factor_merge_impact counts these first,
 * so the person can choose).  One transaction.  0, or -1. */
int factor_merge(sqlite3 *db, long long from, long long into, int conflict_polarity,
		 st_err *err);

/* What deleting or merging a factor touches, to say before doing it. */
typedef struct factor_impact {
	int tags;              /* its own tags */
	int descendants;       /* delete: the factors under it; merge: its children */
	int descendant_tags;   /* delete: their tags */
	int shared;            /* notes whose tags become one tag on the factor
				  they move to, since they are tagged with
				  more than one of those involved */
	int conflicts;         /* of those, notes with + on one and - on
				  another: their one tag gets the
				  conflict_polarity given */
} factor_impact;

/* For factor_delete(db, id, reassign_to, ...): shared and conflicts are
 * about moving the tags to reassign_to (0 when they are not moved).
 * Counted in SQL.  0, or -1. */
int factor_delete_impact(sqlite3 *db, long long id, long long reassign_to, factor_impact *out,
			 st_err *err);

/* For factor_merge(db, from, into): tags, descendants (its children),
 * shared and conflicts.  0, or -1. */
int factor_merge_impact(sqlite3 *db, long long from, long long into, factor_impact *out,
			st_err *err);

/* Deletes a factor (and its descendants).  Their tags are moved to
 * reassign_to when it is not 0 (all of them at once, by the rule of
 * factor_merge, conflict_polarity for a note with + and -; in a network,
 * the tags another laptop makes on them follow there too, as after a
 * merge), or deleted
 * when delete_tags is true; with neither, a factor that has tags is
 * refused.  One transaction.  0, or -1. */
int factor_delete(sqlite3 *db, long long id, long long reassign_to, bool delete_tags,
		  int conflict_polarity, st_err *err);

#endif
