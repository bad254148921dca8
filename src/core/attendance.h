/* attendance.h: who came to a session.
 *
 * A person is registered for a session (expected) or not; at the door
 * they are marked present (with the time), absent or excused.  Every
 * change is committed at once and logged, so the last change of a session
 * can be undone. */
#ifndef STEMTUI_ATTENDANCE_H
#define STEMTUI_ATTENDANCE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"
#include "core/people.h"

enum att_status { ATT_NONE = -1, ATT_EXPECTED, ATT_PRESENT, ATT_ABSENT, ATT_EXCUSED };

/* The database key of a status ("expected", "present", ...), and back
 * (-1 / ATT_NONE when unknown).  Labels for people: att_status_label. */
const char *att_status_key(enum att_status s);
enum att_status att_status_from_key(const char *key);
const char *att_status_label(enum att_status s);   /* translated */

typedef struct st_attendee {
	st_person person;
	bool registered;         /* has an attendance row for this session */
	enum att_status status;  /* ATT_NONE when not registered */
	char *arrived_at;        /* "HH:MM" local time when present, else "" */
} st_attendee;

void attendee_clear(st_attendee *a);

/* Keyset page of the people of a session: the registered ones first (in
 * sort order), then, only when name is given, other people whose name
 * matches (so a person who did not sign up can be checked in too).
 * Anchor/backward/n as in person_page.  Returns how many, or -1. */
int attendance_page(sqlite3 *db, long long session_id, const char *name,
		    const st_attendee *anchor, bool backward, st_attendee *out,
		    int n, st_err *err);

/* Sets a person's status for a session, registering them if needed;
 * present stamps arrived_at with the current local time (kept if they
 * were already present).  Commits before returning.  0, or -1. */
int attendance_set(sqlite3 *db, long long session_id, long long person_id,
		   enum att_status status, st_err *err);

/* Undoes the last change made to this session's attendance (going back
 * one step each call).  Sets *person_id to whom it concerned.  Returns 1
 * when something was undone, 0 when there is nothing to undo, -1 on
 * error. */
int attendance_undo(sqlite3 *db, long long session_id, long long *person_id, st_err *err);

/* Counts for the header: registered people, those present, and per role
 * (role key, present, registered), computed in SQL. */
#define ATT_MAX_ROLES 32
typedef struct att_counts {
	int registered, present, absent, excused;
	int nroles;
	struct { char role[64]; int present, registered; } by_role[ATT_MAX_ROLES];
} att_counts;
int attendance_counts(sqlite3 *db, long long session_id, att_counts *out, st_err *err);

/* A person's sessions, across programmes, newest first: up to max rows of
 * (session id, programme name, code, date, status).  Returns how many, or -1. */
typedef struct att_history {
	long long session_id;
	char programme[128], code[32], date[16], kind[32];
	enum att_status status;
	char arrived_at[8];
} att_history;
int attendance_history(sqlite3 *db, long long person_id, att_history *out, int max,
		       st_err *err);

/* Finds the session text means: a code ("COP 07"), folded and without
 * spaces ("cop07"), or a number ("7") — in the newest programme first,
 * then any, provided exactly one session matches there.  Returns 1 and
 * sets *id, 0 when none, 2 when ambiguous (err lists them), -1 on error. */
int session_resolve(sqlite3 *db, const char *text, long long *id, st_err *err);

#endif
