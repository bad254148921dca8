/* attendance.h: who came to a session.
 *
 * A person is registered for a session (expected) or not; at the door
 * they are marked present (with the time), absent or excused.  Someone
 * checked in who was not registered is a walk-in, counted apart from the
 * registered.  Every change is committed at once and logged, so the last
 * changes of a session can be undone, and what was undone redone. */
#ifndef STEMTUI_ATTENDANCE_H
#define STEMTUI_ATTENDANCE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"
#include "core/people.h"
#include "core/roles.h"

enum att_status { ATT_NONE = -1, ATT_EXPECTED, ATT_PRESENT, ATT_ABSENT, ATT_EXCUSED };

/* The database key of a status ("expected", "present", ...), and back
 * (-1 / ATT_NONE when unknown).  Labels for people: att_status_label. */
const char *att_status_key(enum att_status s);
enum att_status att_status_from_key(const char *key);
const char *att_status_label(enum att_status s);   /* translated */

typedef struct st_attendee {
	st_person person;
	bool registered;         /* has an attendance row for this session */
	bool walk_in;            /* that row came from checking them in unregistered */
	enum att_status status;  /* ATT_NONE when not registered */
	char *arrived_at;        /* "HH:MM" local time when present, else "" */
	int tier;                /* paging: the part of the list the row is in */
	char *tier_key;          /* and its place there, with person.id */
} st_attendee;

void attendee_clear(st_attendee *a);

/* The status of a registered row for people: "Walk-in" for a walk-in
 * who is present, else att_status_label (translated). */
const char *attendee_status_label(const st_attendee *a);
/* The same for a status and whether they came unregistered. */
const char *att_status_walk_in_label(enum att_status s, bool walk_in);

/* Keyset page of the people of a session.  Without a name: the people
 * registered (walk-ins included), in sort order.  With a name (one that
 * person_name_given takes), the people it matches as person_filter.name
 * does, the likeliest first: those registered and not present yet whose
 * first name starts with it (people.h: NAME_FIRST_STARTS, "ine v" is Ine
 * Verschueren), then whose last name does; then the same for people not
 * registered (so someone who did not sign up can be checked in too); then
 * the registered it is only inside of ("ine v" in Tine Vanhove), the
 * others a later word of whose name starts with it ("sop" is Anne-Sophie
 * De Vos; person_name_word_start) and the others it is only inside of;
 * and last those already present, in the same three parts as the first.
 * Each part is in order of the name it starts with (the sort key for the
 * rest), so every one is read from an index.  Anchor/backward/n as in
 * person_page; the anchor's place is its tier, tier_key and person.id.
 * Returns how many, or -1. */
int attendance_page(sqlite3 *db, long long session_id, const char *name,
		    const st_attendee *anchor, bool backward, st_attendee *out,
		    int n, st_err *err);

/* The registered people of a session in code order (the pseudonym, P017:
 * the person's id) instead of name order, for pseudonymised lists, which
 * name order would let a reader line up with a list of names.  Up to n
 * after anchor (only anchor->person.id is read; NULL: from the start).
 * Returns how many, or -1. */
int attendance_page_by_code(sqlite3 *db, long long session_id, const st_attendee *anchor,
			    st_attendee *out, int n, st_err *err);

/* Sets a person's status for a session, registering them if needed;
 * present stamps arrived_at with the current local time (kept if they
 * were already present), any other status clears it.  Setting the status
 * they already have changes and logs nothing.  status must not be
 * ATT_NONE.  Commits before returning.  0, or -1 (also for an unknown
 * session or person). */
int attendance_set(sqlite3 *db, long long session_id, long long person_id,
		   enum att_status status, st_err *err);

/* attendance_set with the arrival time ("HH:MM", local) a check-in
 * decided earlier gets (one kept while another program wrote: pending.h);
 * NULL or "" for now. */
int attendance_set_at(sqlite3 *db, long long session_id, long long person_id,
		      enum att_status status, const char *arrived_at, st_err *err);

/* Undoes the last change attendance_set made to this session's
 * attendance (going back one step each call, to "not registered" when
 * that is how it started; registrations by an import are not undone).
 * Sets *person_id (may be NULL) to whom it concerned.  Returns 1 when
 * something was undone, 0 when there is nothing to undo, -1 on error. */
int attendance_undo(sqlite3 *db, long long session_id, long long *person_id, st_err *err);

/* Makes again the change the last attendance_undo of this session undid
 * (the one undone first, after several undos), with the arrival time it
 * had; a change made since (attendance_set) leaves nothing to redo.
 * Returns like attendance_undo. */
int attendance_redo(sqlite3 *db, long long session_id, long long *person_id, st_err *err);

/* One person's state at a session, into out (person, registered, walk_in,
 * status, arrived_at).  1, 0 when there is no such person, -1 on error. */
int attendance_get(sqlite3 *db, long long session_id, long long person_id,
		   st_attendee *out, st_err *err);

/* Counts for the header: registered people (every status; walk-ins are
 * not registered), those of them present, absent and excused, the
 * walk-ins present, and per role (role key, present, registered,
 * walk-ins; role keys in byte order, at most ATT_MAX_ROLES, while the
 * totals count everyone), computed in SQL. */
#define ATT_MAX_ROLES 32
typedef struct att_counts {
	int registered, present, absent, excused, walk_ins;
	int nroles;
	struct att_role_count {
		char role[64];
		int present, registered, walk_ins;
	} by_role[ATT_MAX_ROLES];
} att_counts;
int attendance_counts(sqlite3 *db, long long session_id, att_counts *out, st_err *err);

/* Puts the per-role counts in the order of the roles (roles_order), any
 * role the roles no longer list last (in byte order), so the command line
 * and the check-in screen list them alike. */
void attendance_counts_order(att_counts *c, const st_roles *roles);

/* A person's sessions (every one they are registered for, any status),
 * across programmes, newest date first: up to max rows of (session id,
 * programme name, code, date, kind, status, arrival time).  Returns how
 * many, or -1. */
typedef struct att_history {
	long long session_id;
	char programme[128], code[32], date[16], kind[32];
	enum att_status status;
	bool walk_in;            /* checked in unregistered */
	char arrived_at[8];
} att_history;
int attendance_history(sqlite3 *db, long long person_id, att_history *out, int max,
		       st_err *err);

#endif
