/* factors.h: the codebook of critical success factors, tagging notes with
 * them, and the figures of the factor overview.
 *
 * Factors form a tree (category, factor, deeper if wanted).  A tag links a
 * note to a factor with a polarity: +1 enabler (it helped), -1 barrier (it
 * stood in the way), 0 neutral.  Nothing a note was tagged with is lost
 * silently: merging moves tags, deleting asks what happens to them. */
#ifndef STEMTUI_FACTORS_H
#define STEMTUI_FACTORS_H

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
 * factor_merge, conflict_polarity for a note with + and -), or deleted
 * when delete_tags is true; with neither, a factor that has tags is
 * refused.  One transaction.  0, or -1. */
int factor_delete(sqlite3 *db, long long id, long long reassign_to, bool delete_tags,
		  int conflict_polarity, st_err *err);

/* Imports a codebook INI file (format in stemtui(1), CODEBOOK FILES):
 * all or nothing, errors as "FILE:LINE: reason"; factors are matched by
 * code, so importing twice changes nothing.  Returns 0, or -1. */
typedef struct codebook_stats { int added, changed, unchanged; } codebook_stats;
int codebook_import_ini(sqlite3 *db, const char *path, codebook_stats *stats, st_err *err);

/* Imports share/codebook/starter.ini (for a new database). */
int codebook_import_shipped(sqlite3 *db, st_err *err);

/* ---- tags ---------------------------------------------------------------- */

/* Tags note with factor at polarity (+1, 0, -1), or changes the polarity.
 * A note in the trash is refused (tag it once restored).  Committed at
 * once.  0, or -1. */
int tag_set(sqlite3 *db, long long note_id, long long factor_id, int polarity, st_err *err);
int tag_remove(sqlite3 *db, long long note_id, long long factor_id, st_err *err);

typedef struct st_tag {
	long long factor_id;
	char code[64], name[256];
	int polarity;
} st_tag;

/* The tags of a note, in tree order, up to max.  Returns how many, or -1. */
int tag_list(sqlite3 *db, long long note_id, st_tag *out, int max, st_err *err);

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

/* A note's tags as text, "VB1+ LD2- TE3" (+ enabler, - barrier). */
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

/* ---- figures -------------------------------------------------------------- */

/* Which notes count: all, or one programme, one kind of session, or one
 * session. */
typedef struct figure_filter {
	long long programme_id;      /* 0 for all */
	const char *session_kind;    /* NULL for all */
	long long session_id;        /* 0 for all */
} figure_filter;

/* A factor's figures.  A factor counts its own tags and those of its
 * descendants (each note once). */
typedef struct factor_figures {
	long long factor_id;
	int notes, sessions, schools;
	int enablers, barriers, neutral;
	int by_kind[4];              /* notes at inspiratie, groei, focus, uitwissel sessions */
} factor_figures;

/* Figures for every factor in tree order (out[i] belongs to tree[i] of
 * factor_tree), summed in SQL from the per-session figures the triggers
 * keep (migration 6), so they cost little even at a million notes.
 * Returns how many, or -1. */
int factor_figures_all(sqlite3 *db, const figure_filter *f, factor_figures *out, int max,
		       st_err *err);

/* The whole codebook (factor_tree_all) with the figures of every factor
 * ((*fig)[i] those of (*tree)[i]), both new arrays, freed with
 * factors_free and free: what the overview and the exports show.
 * Returns how many, or -1 (also when the codebook changed between the
 * two reads) with both NULL. */
int factor_tree_figures(sqlite3 *db, const figure_filter *f, st_factor **tree,
			factor_figures **fig, st_err *err);

/* The same figures counted from the notes and tags themselves, which
 * factor_figures_all reads from tables the triggers keep: slow (seconds
 * at a million notes), for checking those tables. */
int factor_figures_recount(sqlite3 *db, const figure_filter *f, factor_figures *out, int max,
			   st_err *err);

/* Factors tagged on the same notes as factor id (and its descendants),
 * most shared first, up to max: (factor, shared notes).  Returns how many. */
typedef struct factor_cooccur { long long factor_id; char code[64], name[256]; int notes; } factor_cooccur;
int factor_cooccurrence(sqlite3 *db, long long id, const figure_filter *f, factor_cooccur *out,
			int max, st_err *err);
/* The same counted from the tags themselves, which factor_cooccurrence
 * reads from fig_pair (kept by triggers): slow, for checking fig_pair. */
int factor_cooccurrence_recount(sqlite3 *db, long long id, const figure_filter *f,
				factor_cooccur *out, int max, st_err *err);

#endif
