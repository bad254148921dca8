/* attendance.c: see attendance.h.
 *
 * The list of a session is read in parts (tiers): the people registered
 * for it (a row in attendance) and, while a name is typed, everyone else
 * whose name matches, each split by how the name matches.  Each tier is
 * read with its own keyset query, one after the other, rather than as one
 * UNION: the registered are a few dozen rows found by the session, the
 * others come from the whole person table through its indexes, and none
 * has to wait for another to be sorted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/links.h"
#include "core/person_name.h"
#include "core/rowids.h"
#include "core/text.h"

#define ATT_SQL_MAX 4096

static const char *const status_key[] = {
	[ATT_EXPECTED] = "expected", [ATT_PRESENT] = "present",
	[ATT_ABSENT] = "absent", [ATT_EXCUSED] = "excused",
};
static const char *const status_label[] = {
	[ATT_EXPECTED] = N_("Expected"), [ATT_PRESENT] = N_("Present"),
	[ATT_ABSENT] = N_("Absent"), [ATT_EXCUSED] = N_("Excused"),
};
#define ATT_STATUS_COUNT ((int)(sizeof status_key / sizeof status_key[0]))

static bool status_valid(enum att_status s)
{
	return (int)s >= 0 && (int)s < ATT_STATUS_COUNT;
}

const char *att_status_key(enum att_status s)
{
	return status_valid(s) ? status_key[s] : "";
}

enum att_status att_status_from_key(const char *key)
{
	int i;

	for (i = 0; key && i < ATT_STATUS_COUNT; i++)
		if (strcmp(key, status_key[i]) == 0)
			return (enum att_status)i;
	return ATT_NONE;
}

const char *att_status_label(enum att_status s)
{
	return status_valid(s) ? _(status_label[s]) : _("Not registered");
}

void attendee_clear(st_attendee *a)
{
	person_clear(&a->person);
	free(a->arrived_at);
	free(a->tier_key);
	memset(a, 0, sizeof *a);
	a->status = ATT_NONE;
}

const char *att_status_walk_in_label(enum att_status s, bool walk_in)
{
	if (walk_in && s == ATT_PRESENT)
		return _("Walk-in");
	return att_status_label(s);
}

const char *attendee_status_label(const st_attendee *a)
{
	return att_status_walk_in_label(a->status, a->walk_in);
}

/* ---- the list ----------------------------------------------------------- */

/* Columns after PERSON_COLUMNS: the status (NULL when not registered),
 * the arrival time, walk_in and the tier's order key. */
static void attendee_from_row(sqlite3_stmt *st, st_attendee *a)
{
	const unsigned char *status = sqlite3_column_text(st, PERSON_NCOLUMNS);

	person_from_row(st, 0, &a->person);
	a->registered = status != NULL;
	a->status = att_status_from_key((const char *)status);
	a->arrived_at = db_column_strdup(st, PERSON_NCOLUMNS + 1);
	a->walk_in = sqlite3_column_int(st, PERSON_NCOLUMNS + 2) != 0;
	a->tier_key = db_column_strdup(st, PERSON_NCOLUMNS + 3);
}

/* Where a tier's people come from. */
enum att_from {
	FROM_REGISTERED,   /* everyone registered */
	FROM_TO_COME,      /* registered and not present (yet) */
	FROM_PRESENT,      /* registered and present */
	FROM_OTHERS,       /* not registered: the whole person table */
};

struct tier {
	enum att_from from;
	enum person_name_part part;
};

/* The list while a name is typed, in reading order (attendance.h).  The
 * others it is only inside of come in two parts: those a word of whose
 * name starts with it first (an index range, person_name_start: "sop" is
 * Anne-Sophie), then the rest (read only once the first is used up). */
static const struct tier typed_tiers[] = {
	{ FROM_TO_COME, NAME_FIRST_STARTS }, { FROM_TO_COME, NAME_LAST_STARTS },
	{ FROM_OTHERS, NAME_FIRST_STARTS }, { FROM_OTHERS, NAME_LAST_STARTS },
	{ FROM_TO_COME, NAME_INSIDE }, { FROM_OTHERS, NAME_INSIDE_WORD_STARTS },
	{ FROM_OTHERS, NAME_INSIDE_NO_WORD_STARTS },
	{ FROM_PRESENT, NAME_FIRST_STARTS }, { FROM_PRESENT, NAME_LAST_STARTS },
	{ FROM_PRESENT, NAME_INSIDE },
};
#define TYPED_TIERS ((int)(sizeof typed_tiers / sizeof typed_tiers[0]))

/* And without a name: everyone registered. */
static const struct tier registered_tier = { FROM_REGISTERED, NAME_MATCHES };

/* The registered are found by the session (a few dozen rows), then their
 * person rows: CROSS JOIN keeps that order whatever the name condition
 * offers the planner. */
#define REGISTERED_FROM \
	" FROM attendance a CROSS JOIN person p ON p.id = a.person_id" \
	" LEFT JOIN organisation o ON o.id = p.organisation_id WHERE a.session_id = :session"

/* The people not registered for the session. */
#define OTHERS_ONLY \
	" AND NOT EXISTS (SELECT 1 FROM attendance a" \
	" WHERE a.session_id = :session AND a.person_id = p.id)"

/* A tier's query, with its name condition: after or before :key/:id in
 * the order of the name it starts with (sort_key for the others), or :id
 * in code order (by_code). */
static void tier_sql(char *sql, size_t n, const struct tier *t, const char *name_cond,
		     bool by_code, bool backward, bool anchored)
{
	static const char *const state[] = {
		[FROM_REGISTERED] = ", a.status, coalesce(a.arrived_at, ''), a.walk_in",
		[FROM_TO_COME] = ", a.status, coalesce(a.arrived_at, ''), a.walk_in",
		[FROM_PRESENT] = ", a.status, coalesce(a.arrived_at, ''), a.walk_in",
		[FROM_OTHERS] = ", NULL, '', 0",
	};
	static const char *const from[] = {
		[FROM_REGISTERED] = REGISTERED_FROM,
		[FROM_TO_COME] = REGISTERED_FROM " AND a.status <> 'present'",
		[FROM_PRESENT] = REGISTERED_FROM " AND a.status = 'present'",
		[FROM_OTHERS] = PERSON_FROM " WHERE 1" OTHERS_ONLY,
	};
	/* The others a word of whose name starts with the name are read in
	 * sort order from person_name_start s. */
	bool by_start = t->part == NAME_INSIDE_WORD_STARTS;
	const char *key = by_code ? "p.id" : t->part == NAME_FIRST_STARTS ? "p.first_last_key"
		: t->part == NAME_LAST_STARTS ? "p.last_first_key"
		: by_start ? "s.sort_key" : "p.sort_key";
	const char *id = by_start ? "s.person_id" : "p.id", *desc = backward ? " DESC" : "";
	char place[128] = "", order[128];

	if (by_code) {
		snprintf(order, sizeof order, "p.id%s", desc);
		if (anchored)
			snprintf(place, sizeof place, " AND p.id %c :id", backward ? '<' : '>');
	} else {
		snprintf(order, sizeof order, "%s%s, %s%s", key, desc, id, desc);
		if (anchored)
			snprintf(place, sizeof place, " AND (%s, %s) %c (:key, :id)", key, id,
				 backward ? '<' : '>');
	}
	snprintf(sql, n, "SELECT " PERSON_COLUMNS "%s, %s%s%s%s ORDER BY %s LIMIT :limit",
		 state[t->from], key, by_start ? PERSON_BY_WORD_START OTHERS_ONLY : from[t->from],
		 name_cond, place, order);
}

/* Reads up to n rows of tier number `index` into out, nearest the anchor
 * first.  Returns how many, or -1. */
static int read_tier(sqlite3 *db, long long session_id, const char *name, const struct tier *t,
		     int index, bool by_code, const st_attendee *anchor, bool backward,
		     st_attendee *out, int n, st_err *err)
{
	char sql[ATT_SQL_MAX];
	person_name_bind value;
	sqlite3_stmt *st;
	int got = 0, rc = SQLITE_DONE, i;

	/* The registered are few; of the others, the rest a short name is
	 * only inside of may be many (person_name_dense). */
	bool few_rows = t->from != FROM_OTHERS ||
			(t->part == NAME_INSIDE_NO_WORD_STARTS && person_name_dense(db, name));

	tier_sql(sql, sizeof sql, t, person_name_part_condition(name, t->part, few_rows, &value),
		 by_code, backward, anchor != NULL);
	st = db_prepare(db, sql, err);
	if (!st) {
		person_bind_name(NULL, &value);
		return -1;
	}
	person_bind_name(st, &value);
	db_bind_named_int64(st, ":session", session_id);
	if (anchor) {
		db_bind_named_text(st, ":key", anchor->tier_key ? anchor->tier_key : "");
		db_bind_named_int64(st, ":id", anchor->person.id);
	}
	db_bind_named_int64(st, ":limit", n);
	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		attendee_from_row(st, &out[got]);
		out[got++].tier = index;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, err);
		for (i = 0; i < got; i++)
			attendee_clear(&out[i]);
		return -1;
	}
	return got;
}

int attendance_page(sqlite3 *db, long long session_id, const char *name,
		    const st_attendee *anchor, bool backward, st_attendee *out,
		    int n, st_err *err)
{
	bool typed = person_name_given(name);
	const struct tier *tiers = typed ? typed_tiers : &registered_tier;
	int ntiers = typed ? TYPED_TIERS : 1, step = backward ? -1 : 1, got = 0, more, i, t;

	/* Tiers in reading order; an anchor starts inside its own tier (one
	 * from another list, read before the name changed, starts afresh). */
	if (anchor && (anchor->tier < 0 || anchor->tier >= ntiers))
		anchor = NULL;
	t = anchor ? anchor->tier : backward ? ntiers - 1 : 0;
	for (; t >= 0 && t < ntiers && got < n; t += step) {
		more = read_tier(db, session_id, typed ? name : NULL, &tiers[t], t, false,
				 anchor && t == anchor->tier ? anchor : NULL, backward, out + got,
				 n - got, err);
		if (more < 0) {
			for (i = 0; i < got; i++)
				attendee_clear(&out[i]);
			return -1;
		}
		got += more;
	}
	/* Backward pages come nearest first; show them in display order. */
	if (backward)
		db_reverse_rows(out, got, sizeof(st_attendee));
	return got;
}

int attendance_page_by_code(sqlite3 *db, long long session_id, const st_attendee *anchor,
			    st_attendee *out, int n, st_err *err)
{
	return read_tier(db, session_id, NULL, &registered_tier, 0, true, anchor, false, out, n,
			 err);
}

int attendance_get(sqlite3 *db, long long session_id, long long person_id,
		   st_attendee *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " PERSON_COLUMNS ", a.status,"
				      " coalesce(a.arrived_at, ''), coalesce(a.walk_in, 0), ''"
				      PERSON_FROM " LEFT JOIN attendance a ON a.person_id = p.id"
				      " AND a.session_id = ?1 WHERE p.id = ?2", err);
	int rc;

	memset(out, 0, sizeof *out);
	out->status = ATT_NONE;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, person_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		attendee_from_row(st, out);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return rc == SQLITE_ROW;
}

/* ---- changes ------------------------------------------------------------ */

/* The person's current state in the session: *registered, and the status
 * and arrival time (fresh strings, or NULL) when registered. */
static int read_state(sqlite3 *db, long long session_id, long long person_id,
		      bool *registered, char **status, char **arrived_at, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT status, arrived_at FROM attendance"
				      " WHERE session_id = ?1 AND person_id = ?2", err);
	const unsigned char *arrived;
	int rc;

	*registered = false;
	*status = *arrived_at = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, person_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*registered = true;
		*status = db_column_strdup(st, 0);
		arrived = sqlite3_column_text(st, 1);
		*arrived_at = arrived ? strdup((const char *)arrived) : NULL;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return 0;
}

/* Names what is missing (links_check), so a check-in is not refused with
 * SQLite's bare "FOREIGN KEY constraint failed". */
static int check_exists(sqlite3 *db, long long session_id, long long person_id, st_err *err)
{
	const st_link links[2] = { { LINK_SESSION, session_id }, { LINK_PERSON, person_id } };

	return links_check(db, links, 2, err);
}

/* The database a log row was written in (migration 14 -> 15): this one. */
#define OWN_ORIGIN "(SELECT database_id FROM sync_self WHERE one = 1)"

/* Logs a change just written: the state before, and the status and
 * arrival time it set (read back from the row, for a redo). */
static int write_log(sqlite3 *db, long long session_id, long long person_id,
		     const char *old_status, const char *old_arrived_at,
		     const char *new_status, st_err *err)
{
	sqlite3_stmt *st;
	long long id;

	/* In a network the id is the time: the log stays newest last. */
	if (rowid_new(db, "attendance_log", 0, &id, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO attendance_log (id, session_id, person_id,"
			" old_status, old_arrived_at, new_status, new_arrived_at,"
			" changed_at, origin) VALUES (?6, ?1, ?2, ?3, ?4, ?5,"
			" (SELECT arrived_at FROM attendance"
			"  WHERE session_id = ?1 AND person_id = ?2),"
			" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), " OWN_ORIGIN ")", err);
	if (!st)
		return -1;
	rowid_bind(st, 6, id);
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, person_id);
	db_bind_text_or_null(st, 3, old_status);
	db_bind_text_or_null(st, 4, old_arrived_at);
	sqlite3_bind_text(st, 5, new_status, -1, SQLITE_STATIC);
	return db_step_done(db, st, err);
}

/* The undone changes of session ?1 are always its newest log rows (a new
 * change forgets them first): those above the newest one not undone,
 * found by walking the session's log back from its end.  Only this
 * database's own: undo never takes back a check-in a colleague made on
 * their laptop and synced here. */
#define UNDONE_LOG_ROWS \
	" session_id = ?1 AND undone AND origin = " OWN_ORIGIN " AND id > coalesce((SELECT id" \
	" FROM attendance_log WHERE session_id = ?1 AND NOT undone AND origin = " OWN_ORIGIN \
	" ORDER BY id DESC LIMIT 1), 0)"

/* A change made anew leaves nothing to redo: what was undone is
 * forgotten. */
static int forget_undone(sqlite3 *db, long long session_id, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM attendance_log WHERE" UNDONE_LOG_ROWS,
				      err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	return db_step_done(db, st, err);
}

/* Registers or updates.  Its time of change is later than the one the
 * row has, even within one second (sync_field_time.h: a change that left
 * it as it was would not carry it).  Present has an arrival time: arrived_at, or the
 * local time now when that is NULL; any other status has none.  A row
 * made by checking someone in is a walk-in's; walk_in never changes
 * after, so an undo or redo that only updates keeps it.  (Staying
 * present, which would keep the first time, never gets here: set_in_tx
 * skips a status someone already has.) */
static int write_status(sqlite3 *db, long long session_id, long long person_id,
			const char *status, const char *arrived_at, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO attendance (session_id, person_id, status,"
				      " arrived_at, updated_at, walk_in) VALUES (?1, ?2, ?3,"
				      " CASE WHEN ?3 = 'present' THEN"
				      "  coalesce(?4, strftime('%H:%M', 'now', 'localtime')) END,"
				      " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?3 = 'present')"
				      " ON CONFLICT (session_id, person_id) DO UPDATE SET"
				      " status = excluded.status, arrived_at = excluded.arrived_at,"
				      " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ',"
				      "  max(julianday(excluded.updated_at),"
				      "   coalesce(julianday(attendance.updated_at, '+1 second'), 0)))",
				      err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, person_id);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	db_bind_text_or_null(st, 4, arrived_at);
	return db_step_done(db, st, err);
}

/* Writes the new state and logs it with the one before; the caller holds
 * the transaction.  Setting the status someone already has changes
 * nothing and logs nothing, so a key pressed twice needs one undo, not
 * two. */
static int set_in_tx(sqlite3 *db, long long session_id, long long person_id,
		     const char *status, const char *arrived_at, st_err *err)
{
	char *old_status = NULL, *old_arrived = NULL;
	bool registered;
	int rc;

	rc = check_exists(db, session_id, person_id, err);
	if (rc == 0)
		rc = read_state(db, session_id, person_id, &registered, &old_status, &old_arrived,
				err);
	if (rc == 0 && !(registered && strcmp(old_status, status) == 0)) {
		rc = forget_undone(db, session_id, err);
		if (rc == 0)
			rc = write_status(db, session_id, person_id, status, arrived_at, err);
		if (rc == 0)
			rc = write_log(db, session_id, person_id, old_status, old_arrived, status, err);
	}
	free(old_status);
	free(old_arrived);
	return rc;
}

int attendance_set(sqlite3 *db, long long session_id, long long person_id,
		   enum att_status status, st_err *err)
{
	return attendance_set_at(db, session_id, person_id, status, NULL, err);
}

int attendance_set_at(sqlite3 *db, long long session_id, long long person_id,
		      enum att_status status, const char *arrived_at, st_err *err)
{
	if (!status_valid(status))
		return st_err_set(err, _("unknown attendance status %d"), (int)status);
	if (db_begin(db, err) != 0)
		return -1;
	if (set_in_tx(db, session_id, person_id, status_key[status],
		      arrived_at && *arrived_at ? arrived_at : NULL, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Puts a state a log row remembers back: no row when status is NULL. */
static int restore_state(sqlite3 *db, long long session_id, long long person_id,
			 const char *status, const char *arrived_at, st_err *err)
{
	sqlite3_stmt *st;

	if (status)
		return write_status(db, session_id, person_id, status, arrived_at, err);
	st = db_prepare(db, "DELETE FROM attendance WHERE session_id = ?1 AND person_id = ?2",
			err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, person_id);
	return db_step_done(db, st, err);
}

static int mark_undone(sqlite3 *db, long long log_id, bool undone, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE attendance_log SET undone = ?2 WHERE id = ?1",
				      err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, log_id);
	sqlite3_bind_int(st, 2, undone);
	return db_step_done(db, st, err);
}

/* The log row an undo takes back (the newest not undone) and the state it
 * puts back; the one a redo makes again (the oldest undone) and the state
 * it set. */
static const char *const replay_sql[2] = {
	"SELECT id, person_id, old_status, old_arrived_at FROM attendance_log"
	" WHERE session_id = ?1 AND NOT undone AND origin = " OWN_ORIGIN
	" ORDER BY id DESC LIMIT 1",
	"SELECT id, person_id, new_status, new_arrived_at FROM attendance_log"
	" WHERE" UNDONE_LOG_ROWS " ORDER BY id LIMIT 1",
};

/* Undoes (or redoes) one step of the session's log; 1 done, 0 none,
 * -1 error. */
static int replay_in_tx(sqlite3 *db, long long session_id, bool redo, long long *person_id,
			st_err *err)
{
	sqlite3_stmt *st = db_prepare_ints(db, replay_sql[redo], &session_id, 1, err);
	const unsigned char *s;
	char *status = NULL, *arrived = NULL;
	long long log_id = 0;
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		log_id = sqlite3_column_int64(st, 0);
		*person_id = sqlite3_column_int64(st, 1);
		s = sqlite3_column_text(st, 2);
		status = s ? strdup((const char *)s) : NULL;
		s = sqlite3_column_text(st, 3);
		arrived = s ? strdup((const char *)s) : NULL;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_error(db, err);
	rc = restore_state(db, session_id, *person_id, status, arrived, err);
	if (rc == 0)
		rc = mark_undone(db, log_id, !redo, err);
	free(status);
	free(arrived);
	return rc == 0 ? 1 : -1;
}

static int replay(sqlite3 *db, long long session_id, bool redo, long long *person_id,
		  st_err *err)
{
	long long who = 0;
	int rc;

	if (db_begin(db, err) != 0)
		return -1;
	rc = replay_in_tx(db, session_id, redo, &who, err);
	if (rc <= 0) {
		db_rollback(db);
		return rc;
	}
	if (db_commit(db, err) != 0)
		return -1;
	if (person_id)
		*person_id = who;
	return 1;
}

int attendance_undo(sqlite3 *db, long long session_id, long long *person_id, st_err *err)
{
	return replay(db, session_id, false, person_id, err);
}

int attendance_redo(sqlite3 *db, long long session_id, long long *person_id, st_err *err)
{
	return replay(db, session_id, true, person_id, err);
}

/* ---- counts and history ------------------------------------------------- */

static void add_role_count(att_counts *out, sqlite3_stmt *st)
{
	int registered = sqlite3_column_int(st, 1), present = sqlite3_column_int(st, 2);
	int walk_ins = sqlite3_column_int(st, 5);
	struct att_role_count *r = &out->by_role[out->nroles];

	out->registered += registered;
	out->present += present;
	out->absent += sqlite3_column_int(st, 3);
	out->excused += sqlite3_column_int(st, 4);
	out->walk_ins += walk_ins;
	/* A walk-in marked absent afterwards is counted nowhere. */
	if (out->nroles == ATT_MAX_ROLES || (!registered && !walk_ins))
		return;
	snprintf(r->role, sizeof r->role, "%s", (const char *)sqlite3_column_text(st, 0));
	r->present = present;
	r->registered = registered;
	r->walk_ins = walk_ins;
	out->nroles++;
}

int attendance_counts(sqlite3 *db, long long session_id, att_counts *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT p.role, sum(NOT a.walk_in),"
				      " sum(a.status = 'present' AND NOT a.walk_in),"
				      " sum(a.status = 'absent' AND NOT a.walk_in),"
				      " sum(a.status = 'excused' AND NOT a.walk_in),"
				      " sum(a.status = 'present' AND a.walk_in)"
				      " FROM attendance a JOIN person p ON p.id = a.person_id"
				      " WHERE a.session_id = ?1 GROUP BY p.role ORDER BY p.role", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_role_count(out, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		memset(out, 0, sizeof *out);
		return db_error(db, err);
	}
	return 0;
}

void attendance_counts_order(att_counts *c, const st_roles *roles)
{
	int i, j;

	/* A stable insertion sort: a few roles, and the unlisted ones keep
	 * the byte order SQL gave them. */
	for (i = 1; i < c->nroles; i++) {
		for (j = i; j > 0 && roles_order(roles, c->by_role[j - 1].role) >
				     roles_order(roles, c->by_role[j].role); j--) {
			struct att_role_count t = c->by_role[j];
			c->by_role[j] = c->by_role[j - 1];
			c->by_role[j - 1] = t;
		}
	}
}

static void copy_column(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	snprintf(buf, n, "%s", s ? (const char *)s : "");
}

int attendance_history(sqlite3 *db, long long person_id, att_history *out, int max,
		       st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT s.id, pr.name, s.code, s.date, s.kind,"
				      " a.status, coalesce(a.arrived_at, ''), a.walk_in"
				      " FROM attendance a JOIN session s ON s.id = a.session_id"
				      " JOIN programme pr ON pr.id = s.programme_id"
				      " WHERE a.person_id = ?1"
				      " ORDER BY s.date DESC, s.code_key DESC, s.id DESC LIMIT ?2", err);
	int n = 0, rc = SQLITE_DONE;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int(st, 2, max);
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		att_history *h = &out[n++];
		h->session_id = sqlite3_column_int64(st, 0);
		copy_column(st, 1, h->programme, sizeof h->programme);
		copy_column(st, 2, h->code, sizeof h->code);
		copy_column(st, 3, h->date, sizeof h->date);
		copy_column(st, 4, h->kind, sizeof h->kind);
		h->status = att_status_from_key((const char *)sqlite3_column_text(st, 5));
		copy_column(st, 6, h->arrived_at, sizeof h->arrived_at);
		h->walk_in = sqlite3_column_int(st, 7) != 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return n;
}
