/* person_merge.h: people entered twice (two laptops each registered the
 * same newcomer, or one person typed in twice), found and merged into one.
 *
 * Two people look like the same person when they have the same folded
 * name (person.first_last_key: case, accents, spaces, hyphens and
 * apostrophes do not count, so "Zoë Van den Broeck" is "zoe vandenbroeck")
 * and the same organisation (compared by its folded name, so a school
 * entered on two laptops counts as one; no organisation matches only no
 * organisation), or the same non-empty e-mail address (ignoring case).
 *
 * Merging keeps the older of the two: the earlier created_at, then the
 * smaller id.  The rule does not depend on the order the two are named
 * in, so two laptops that merge the same pair keep the same person. */
#ifndef STEMTUI_PERSON_MERGE_H
#define STEMTUI_PERSON_MERGE_H

#include <sqlite3.h>

#include "core/err.h"
#include "core/people.h"

/* Why the people of a group look alike. */
enum dup_reason {
	DUP_NAME_ORG,   /* the same folded name and organisation */
	DUP_EMAIL,      /* the same e-mail address (ignoring case) */
};

/* A group of people who look like the same person, the one a merge keeps
 * first, then the others in the order they would merge. */
typedef struct person_dup_group {
	enum dup_reason reason;
	int n;
	st_person *people;
} person_dup_group;

/* Calls each for every group of likely duplicates: first those by name
 * and organisation, then those by e-mail (leaving out a group of the
 * same people a name group already has), each part in name order.  Reads
 * only the people whose name or e-mail is there twice, from the indexes
 * (person_by_first_last; the e-mail groups scan the people once and sort
 * their addresses).  0, -1 with err set, or what each returned when not
 * 0 (it stops there). */
int person_duplicate_groups(sqlite3 *db,
			    int (*each)(void *ctx, const person_dup_group *g, st_err *err),
			    void *ctx, st_err *err);

/* The people who look like the same person as person id (not id
 * itself), in merge order (oldest first), up to max into out.  Returns
 * how many, or -1. */
int person_duplicates_of(sqlite3 *db, long long id, st_person *out, int max, st_err *err);

/* Which of a and b a merge keeps (the older: earlier created_at, then
 * smaller id) and which goes.  0, or -1 with err set (an unknown id, or
 * a and b the same). */
int person_merge_order(sqlite3 *db, long long a, long long b, long long *keep,
		       long long *gone, st_err *err);

/* What merging moves from the person who goes to the one kept: their
 * attendance rows (moved, or combined with the kept person's row at the
 * same session), the notes about them (also in the trash), their coach
 * links and focus tags. */
typedef struct person_merge_impact {
	long long keep, gone;
	int attendance, combined, notes, coaching, focus;
} person_merge_impact;
int person_merge_impact_of(sqlite3 *db, long long a, long long b, person_merge_impact *out,
			   st_err *err);

/* Merges a and b into the one person_merge_order keeps, in one
 * transaction:
 *  - attendance: a row at a session only the other had moves over; where
 *    both have a row, the kept row takes the more informative status
 *    (present > excused > absent > expected), the earlier arrival time,
 *    the later updated_at, and is a walk-in only when both were;
 *  - the attendance log rows move (the history stays whole);
 *  - coach links and focus tags are joined (each once);
 *  - notes about the other (note.about_person_id) are about the kept one;
 *  - the kept person's empty e-mail and organisation are filled in from
 *    the other's;
 *  - in a network (syncid.h), sync_redirect says where the other went,
 *    so that what colleagues wrote about them follows when it comes in;
 *  - then the other is deleted.
 * out (may be NULL) gets what moved.  0, or -1 with err set (nothing
 * changed). */
int person_merge(sqlite3 *db, long long a, long long b, person_merge_impact *out, st_err *err);

#endif
