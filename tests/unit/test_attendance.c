/* test_attendance.c: checking people in at a session: statuses and times,
 * walk-ins, undo and redo step by step, counts by role, the list of a
 * session (registered first, then others by name; with a name, the names
 * that start with it first and those already present last), a person's
 * history across programmes, the migration that brought walk-ins and redo,
 * and finding a session by its code or number. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/person_name.h"
#include "core/db.h"
#include "core/people.h"
#include "core/schema.h"
#include "core/session_match.h"
#include "core/text.h"
#include "../tap.h"
#include "fixture.h"

#define MAXROWS 200

static sqlite3 *db;

/* ---- helpers ------------------------------------------------------------ */

static void set(long long session, long long person, enum att_status s, const char *name)
{
	st_err err = { "" };

	if (!ok(attendance_set(db, session, person, s, &err) == 0, "%s", name))
		diag("%s", err.msg);
}

/* The person's state in the session: "status arrived" or "none". */
static const char *state(long long session, long long person)
{
	char sql[256];

	snprintf(sql, sizeof sql, "SELECT status || ' ' || ifnull(arrived_at, '-') FROM attendance"
		 " WHERE session_id = %lld AND person_id = %lld", session, person);
	return query_text(db, sql);
}

static void clear_attendees(st_attendee *rows, int n)
{
	int i;

	for (i = 0; i < n; i++)
		attendee_clear(&rows[i]);
}

/* One row as "First Last:status" ("-" when not registered). */
static void append_attendees(char *buf, size_t size, const st_attendee *rows, int n)
{
	size_t len;
	int i;

	for (i = 0; i < n; i++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s %s:%s", len ? "," : "",
			 rows[i].person.first_name, rows[i].person.last_name,
			 rows[i].registered ? att_status_key(rows[i].status) : "-");
	}
}

/* attendance_page of a session and a name, for the fixture's pager. */
struct att_filter {
	long long session;
	const char *name;
};

static int attendees_page(const void *filter, const void *anchor, bool backward, void *rows,
			  int n, st_err *err)
{
	const struct att_filter *f = filter;

	return attendance_page(db, f->session, f->name, anchor, backward, rows, n, err);
}

static void clear_attendee(void *row)
{
	attendee_clear(row);
}

static void attendee_label(const void *row, char *out, size_t size)
{
	out[0] = '\0';
	append_attendees(out, size, row, 1);
}

static const struct pager attendees = {
	sizeof(st_attendee), attendees_page, clear_attendee, attendee_label
};

static const char *page(long long session, const char *name)
{
	struct att_filter f = { session, name };

	return page_labels(&attendees, &f, NULL, false, MAXROWS);
}

/* The whole list read n at a time, forward or backward. */
static const char *paged(long long session, const char *name, bool backward, int n)
{
	struct att_filter f = { session, name };

	return paged_labels(&attendees, &f, backward, n);
}

/* ---- the data ----------------------------------------------------------- */

static long long old_prog, new_prog, s_cop07_old, s_cop17_old, s_cop70_old, s_cop07_new,
	s_fg01_new, s_cop01_new;
static long long an, jan, lien, piet, zoe, els;

static void setup(void)
{
	db = open_db("attendance.sqlite");
	old_prog = add_programme(db, "STEM++ 2017-2018", "2017-2018");
	s_cop07_old = add_session(db, old_prog, "COP 07", "focusgroep", "2018-02-01", 0);
	s_cop17_old = add_session(db, old_prog, "COP 17", "focusgroep", "2018-03-01", 0);
	s_cop70_old = add_session(db, old_prog, "COP 70", "focusgroep", "2018-04-01", 0);
	new_prog = add_programme(db, "STEMBASIS 2018-2019", "2018-2019");
	s_cop07_new = add_session(db, new_prog, "COP 07", "focusgroep", "2019-02-07", 0);
	s_fg01_new = add_session(db, new_prog, "FG 01", "focusgroep", "2018-10-01", 0);
	s_cop01_new = add_session(db, new_prog, "COP 01", "focusgroep", "2018-09-20", 0);
	an = add_person(db, "An", "Wouters", "leraar", 0, NULL);
	jan = add_person(db, "Jan", "Peeters", "leraar", 0, NULL);
	lien = add_person(db, "Lien", "Van den Broeck", "directie", 0, NULL);
	piet = add_person(db, "Piet", "Janssens", "techniekcoach", 0, NULL);
	zoe = add_person(db, "Zoë", "Peeters", "leraar", 0, NULL);
	els = add_person(db, "Els", "Peters", "onderzoeker", 0, NULL);
}

/* ---- tests -------------------------------------------------------------- */

static void test_status_names(void)
{
	is_str(att_status_key(ATT_PRESENT), "present", "att_status_key(ATT_PRESENT)");
	is_str(att_status_key(ATT_NONE), "", "att_status_key(ATT_NONE) is empty");
	is_int(att_status_from_key("excused"), ATT_EXCUSED, "att_status_from_key(\"excused\")");
	is_int(att_status_from_key("expected"), ATT_EXPECTED, "att_status_from_key(\"expected\")");
	is_int(att_status_from_key("gone"), ATT_NONE, "an unknown key is ATT_NONE");
	is_int(att_status_from_key(NULL), ATT_NONE, "so is NULL");
	is_str(att_status_label(ATT_ABSENT), "Absent", "att_status_label in English");
	is_str(att_status_label(ATT_NONE), "Not registered", "  and for ATT_NONE");
}

static void test_set(void)
{
	long long s = s_fg01_new, logs;
	char before[16], after[16], sql[256];
	const char *st;
	st_err err = { "" };

	snprintf(before, sizeof before, "%s", query_text(db, "SELECT strftime('%H:%M', 'now', 'localtime')"));
	set(s, an, ATT_PRESENT, "attendance_set present");
	snprintf(after, sizeof after, "%s", query_text(db, "SELECT strftime('%H:%M', 'now', 'localtime')"));
	st = state(s, an);
	ok(strncmp(st, "present ", 8) == 0 && (strcmp(st + 8, before) == 0 ||
					       strcmp(st + 8, after) == 0),
	   "  registers her as present at the local time (HH:MM)");
	if (strncmp(st, "present ", 8) != 0)
		diag("state: %s", st);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM attendance WHERE session_id = %lld"
		 " AND updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'", s);
	is_int(query_int(db, sql), 1, "  with an ISO updated_at");

	exec(db, "UPDATE attendance SET arrived_at = '08:59'");
	logs = query_int(db, "SELECT count(*) FROM attendance_log");
	set(s, an, ATT_PRESENT, "present again");
	is_str(state(s, an), "present 08:59", "  keeps the first arrival time");
	is_int(query_int(db, "SELECT count(*) FROM attendance_log"), logs, "  and logs nothing");

	set(s, an, ATT_ABSENT, "absent");
	is_str(state(s, an), "absent -", "  has no arrival time");
	set(s, an, ATT_EXCUSED, "excused");
	is_str(state(s, an), "excused -", "  neither");
	set(s, jan, ATT_EXPECTED, "expected registers without a time");
	is_str(state(s, jan), "expected -", "  expected");

	is_int(attendance_set(db, 999999, an, ATT_PRESENT, &err), -1, "an unknown session");
	has_str(err.msg, "999999", "  is an error naming it");
	is_int(attendance_set(db, s, 999999, ATT_PRESENT, &err), -1, "an unknown person");
	has_str(err.msg, "999999", "  is an error naming them");
	is_int(attendance_set(db, s, an, ATT_NONE, &err), -1, "ATT_NONE is not a status to set");
	is_str(state(s, an), "excused -", "  nothing changed");
}

static void undo(long long session, long long want_person, const char *want_state,
		 long long person, const char *name)
{
	long long who = -1;
	st_err err = { "" };

	is_int(attendance_undo(db, session, &who, &err), 1, name);
	is_int(who, want_person, "  it concerned the right person");
	is_str(state(session, person), want_state, "  and restored the state before");
}

static void test_undo(void)
{
	long long s = s_cop01_new, who = -1;
	st_err err = { "" };
	char first_time[16];

	is_int(attendance_undo(db, s, &who, &err), 0, "undo with nothing to undo: 0");
	set(s, zoe, ATT_PRESENT, "Zoë present");
	snprintf(first_time, sizeof first_time, "%s", state(s, zoe));
	/* As if she had come at 09:01. */
	exec(db, "UPDATE attendance SET arrived_at = '09:01' WHERE person_id ="
	     " (SELECT id FROM person WHERE first_name = 'Zoë')");
	exec(db, "UPDATE attendance_log SET new_arrived_at = '09:01' WHERE person_id ="
	     " (SELECT id FROM person WHERE first_name = 'Zoë')");
	set(s, piet, ATT_EXCUSED, "Piet excused");
	set(s, zoe, ATT_ABSENT, "Zoë absent");
	set(s, zoe, ATT_EXCUSED, "Zoë excused");
	set(s_fg01_new, zoe, ATT_PRESENT, "Zoë present in another session");

	undo(s, zoe, "absent -", zoe, "undo: Zoë back to absent");
	undo(s, zoe, "present 09:01", zoe, "undo: Zoë back to present, with her time");
	undo(s, piet, "(none)", piet, "undo: Piet back to not registered");
	undo(s, zoe, "(none)", zoe, "undo: Zoë back to not registered");
	is_int(attendance_undo(db, s, &who, &err), 0, "then there is nothing to undo");
	ok(strncmp(first_time, "present ", 8) == 0, "  (she had been present)");
	ok(strncmp(state(s_fg01_new, zoe), "present", 7) == 0,
	   "the other session was not touched");
	is_int(query_int(db, "SELECT count(*) FROM attendance_log WHERE NOT undone AND session_id ="
			 " (SELECT id FROM session WHERE code = 'COP 01')"), 0,
	       "every change of the session's log is undone");
}

static void redo(long long session, long long want_person, const char *want_state,
		 const char *name)
{
	long long who = -1;
	st_err err = { "" };

	is_int(attendance_redo(db, session, &who, &err), 1, name);
	is_int(who, want_person, "  it concerned the right person");
	is_str(state(session, want_person), want_state, "  and made the change again");
}

/* After test_undo undid all four changes of COP 01: redo makes them again
 * in the order they were made, with the arrival time each set; a change
 * made after an undo leaves nothing to redo. */
static void test_redo(void)
{
	long long s = s_cop01_new, who = -1;
	st_err err = { "" };

	redo(s, zoe, "present 09:01", "redo: Zoë present again, at 09:01 as before");
	redo(s, piet, "excused -", "redo: Piet excused again");
	undo(s, piet, "(none)", piet, "undo after a redo: Piet not registered");
	redo(s, piet, "excused -", "redo it again");
	redo(s, zoe, "absent -", "redo: Zoë absent");
	redo(s, zoe, "excused -", "redo: Zoë excused");
	is_int(attendance_redo(db, s, &who, &err), 0, "then there is nothing to redo");
	undo(s, zoe, "absent -", zoe, "undo: Zoë absent");
	undo(s, zoe, "present 09:01", zoe, "undo: Zoë present");
	set(s, an, ATT_PRESENT, "a new change after two undos");
	is_int(attendance_redo(db, s, &who, &err), 0, "  leaves nothing to redo");
	undo(s, an, "(none)", an, "undo takes the new change back");
	undo(s, piet, "(none)", piet, "  and then the one before the undone ones");
	is_str(state(s, zoe), "present 09:01", "  (Zoë stays as the first undos left her)");
	is_int(attendance_redo(db, s_fg01_new, &who, &err), 0,
	       "another session has nothing to redo");
}

/* Checking in someone who was not registered makes a walk-in; someone
 * registered first is not one, whatever their status; undo and redo keep
 * what the row was. */
static void test_walk_in(void)
{
	long long s = s_cop17_old, who;
	st_attendee a;
	st_err err = { "" };
	char sql[256];

	set(s, an, ATT_EXPECTED, "An registered for COP 17 (old)");
	set(s, an, ATT_PRESENT, "  then checked in");
	set(s, jan, ATT_PRESENT, "Jan checked in without being registered");
	set(s, piet, ATT_EXCUSED, "Piet excused without being registered");
	snprintf(sql, sizeof sql, "SELECT group_concat(walk_in, '') FROM (SELECT walk_in FROM"
		 " attendance WHERE session_id = %lld ORDER BY person_id)", s);
	is_str(query_text(db, sql), "010", "only Jan is a walk-in");
	is_int(attendance_get(db, s, jan, &a, &err), 1, "attendance_get of Jan");
	ok(a.registered && a.walk_in && a.status == ATT_PRESENT && strlen(a.arrived_at) == 5 &&
	   strcmp(a.person.last_name, "Peeters") == 0,
	   "  has his name, the row, walk-in, present and the time");
	is_str(attendee_status_label(&a), "Walk-in", "  his status says walk-in");
	attendee_clear(&a);
	is_int(attendance_get(db, s, an, &a, &err), 1, "attendance_get of An");
	ok(a.registered && !a.walk_in && a.status == ATT_PRESENT, "  is registered and present");
	is_str(attendee_status_label(&a), "Present", "  her status says present");
	attendee_clear(&a);
	is_int(attendance_get(db, s, els, &a, &err), 1, "attendance_get of Els (not there)");
	ok(!a.registered && !a.walk_in && a.status == ATT_NONE && a.person.id == els,
	   "  has her name and no row");
	attendee_clear(&a);
	is_int(attendance_get(db, s, 999999, &a, &err), 0, "attendance_get of nobody: 0");
	attendee_clear(&a);

	set(s, jan, ATT_ABSENT, "Jan, the walk-in, marked absent");
	is_int(attendance_undo(db, s, &who, &err), 1, "  undone");
	is_int(attendance_undo(db, s, &who, &err), 1, "Piet's excuse undone");
	is_int(attendance_undo(db, s, &who, &err), 1, "Jan's check-in undone");
	is_str(state(s, jan), "(none)", "  Jan is not registered");
	is_int(attendance_redo(db, s, &who, &err), 1, "  redone");
	snprintf(sql, sizeof sql, "SELECT walk_in FROM attendance WHERE session_id = %lld"
		 " AND person_id = %lld", s, jan);
	is_int(query_int(db, sql), 1, "  he is a walk-in again");
}

static void test_counts(void)
{
	long long s = s_cop07_new;
	att_counts c;
	st_err err = { "" };
	int i, leraar = -1, directie = -1, coach = -1;

	set(s, an, ATT_EXPECTED, "count: An registered");
	set(s, jan, ATT_EXPECTED, "count: Jan registered");
	set(s, an, ATT_PRESENT, "count: An present");
	set(s, jan, ATT_PRESENT, "count: Jan present");
	set(s, zoe, ATT_EXPECTED, "count: Zoë expected");
	set(s, lien, ATT_ABSENT, "count: Lien absent");
	set(s, piet, ATT_EXCUSED, "count: Piet excused");
	is_int(attendance_counts(db, s, &c, &err), 0, "attendance_counts");
	ok(c.registered == 5 && c.present == 2 && c.absent == 1 && c.excused == 1 &&
	   c.walk_ins == 0, "  5 registered, 2 present, 1 absent, 1 excused, no walk-in");
	is_int(c.nroles, 3, "  three roles");
	for (i = 0; i < c.nroles; i++) {
		if (strcmp(c.by_role[i].role, "leraar") == 0)
			leraar = i;
		if (strcmp(c.by_role[i].role, "directie") == 0)
			directie = i;
		if (strcmp(c.by_role[i].role, "techniekcoach") == 0)
			coach = i;
	}
	ok(leraar >= 0 && c.by_role[leraar].present == 2 && c.by_role[leraar].registered == 3,
	   "  leraar: 2 of 3");
	ok(directie >= 0 && c.by_role[directie].present == 0 && c.by_role[directie].registered == 1,
	   "  directie: 0 of 1");
	ok(coach >= 0 && c.by_role[coach].present == 0 && c.by_role[coach].registered == 1,
	   "  techniekcoach: 0 of 1");
	is_int(attendance_counts(db, s_cop70_old, &c, &err), 0, "counts of an empty session");
	ok(c.registered == 0 && c.present == 0 && c.nroles == 0, "  are zero");

	/* Els (onderzoeker) comes without having signed up. */
	set(s, els, ATT_PRESENT, "count: Els, not registered, checked in");
	is_int(attendance_counts(db, s, &c, &err), 0, "attendance_counts with a walk-in");
	ok(c.registered == 5 && c.present == 2 && c.walk_ins == 1,
	   "  still 2 present of 5 registered, and 1 walk-in");
	is_int(c.nroles, 4, "  her role is listed");
	for (i = 0, leraar = -1; i < c.nroles; i++)
		if (strcmp(c.by_role[i].role, "onderzoeker") == 0)
			leraar = i;
	ok(leraar >= 0 && c.by_role[leraar].registered == 0 && c.by_role[leraar].present == 0 &&
	   c.by_role[leraar].walk_ins == 1, "  onderzoeker: 0 of 0, and 1 walk-in");
	is_int(attendance_undo(db, s, NULL, &err), 1, "her check-in undone");
}

static void test_page(void)
{
	long long s = s_cop07_new;
	char one[16384];

	/* Registered in COP 07 (new): An, Jan, Zoë, Lien, Piet; not: Els. */
	is_str(page(s, NULL),
	       "Piet Janssens:excused,Jan Peeters:present,Zoë Peeters:expected,"
	       "Lien Van den Broeck:absent,An Wouters:present",
	       "attendance_page without a name: the registered, in sort order");
	is_str(page(s, ""), page(s, NULL), "  an empty name is no name");
	is_str(page(s, "pe"), "Zoë Peeters:expected,Els Peters:-,Jan Peeters:present",
	       "with a name: the registered that match, then the others, then those present");
	is_str(page(s, "els"), "Els Peters:-", "  someone who did not sign up");
	is_str(page(s_cop70_old, NULL), "", "an empty session without a name: nobody");
	is_str(page(s_cop70_old, "peeters"), "Jan Peeters:-,Zoë Peeters:-",
	       "  with a name: the people that match");

	snprintf(one, sizeof one, "%s", page(s, "e"));
	is_str(one, "Els Peters:-,Piet Janssens:excused,Zoë Peeters:expected,"
	       "Lien Van den Broeck:absent,Jan Peeters:present,An Wouters:present",
	       "\"e\": Els, whose name starts with it, then the registered it is in,"
	       " those present last");
	is_str(paged(s, "e", false, 2), one, "  read two at a time forward, across the groups");
	is_str(paged(s, "e", true, 2), one, "  and backward");
	is_str(paged(s, "e", false, 1), one, "  one at a time forward");
	is_str(paged(s, "e", true, 4), one, "  four at a time backward");
	snprintf(one, sizeof one, "%s", page(s, NULL));
	is_str(paged(s, NULL, true, 3), one, "  without a name, backward");
}

/* With a name typed, the names that start with it come first (first
 * name, then last name), registered before not registered, then the
 * names it is only inside of, and those already present last: "ine v"
 * selects Ine Verschueren, not Tine Vanhove who is in already. */
static void test_ranking(void)
{
	long long s = s_cop70_old, ine, tine;
	char one[16384];

	ine = add_person(db, "Ine", "Verschueren", "leraar", 0, NULL);
	tine = add_person(db, "Tine", "Vanhove", "leraar", 0, NULL);
	add_person(db, "Kristine", "Vermeulen", "leraar", 0, NULL);
	set(s, ine, ATT_EXPECTED, "Ine registered for COP 70");
	set(s, tine, ATT_EXPECTED, "Tine registered");
	set(s, tine, ATT_PRESENT, "  and present");
	set(s, piet, ATT_EXPECTED, "Piet registered");
	is_str(page(s, "ine v"), "Ine Verschueren:expected,Kristine Vermeulen:-,Tine Vanhove:present",
	       "\"ine v\": Ine first, then a name it is inside of, Tine (present) last");
	is_str(page(s, "Ine V"), page(s, "ine v"), "  the same in capitals");
	is_str(page(s, "v"), "Ine Verschueren:expected,Lien Van den Broeck:-,"
	       "Kristine Vermeulen:-,Tine Vanhove:present",
	       "\"v\": last names starting with it, registered first, each in name order");
	is_str(page(s, "jan"), "Piet Janssens:expected,Jan Peeters:-",
	       "\"jan\": the registered Janssens, then Jan who did not sign up");
	is_str(page(s, "jan "), "Jan Peeters:-", "\"jan \": the word ends, Janssens does not match");
	is_str(page(s, "anss"), "Piet Janssens:expected", "\"anss\": inside the name");
	is_str(page(s, "verschueren i"), "Ine Verschueren:expected", "last name first");
	is_str(page(s, " "), page(s, NULL), "only a space is no name");
	snprintf(one, sizeof one, "%s", page(s, "e"));
	is_str(paged(s, "e", false, 1), one, "\"e\": one at a time forward, through every tier");
	is_str(paged(s, "e", true, 1), one, "  and backward");
	is_str(paged(s, "e", false, 3), one, "  three at a time forward");
	is_str(paged(s, "e", true, 2), one, "  two at a time backward");
	snprintf(one, sizeof one, "%s", page(s, "v"));
	is_str(paged(s, "v", false, 2), one, "\"v\" two at a time forward");
	is_str(paged(s, "v", true, 3), one, "  three at a time backward");
}

/* The registered of a session in code order, read n at a time. */
static const char *by_code(long long session, int n)
{
	static char buf[16384];
	st_attendee rows[8], anchor = { 0 };
	st_err err = { "" };
	int got;

	buf[0] = '\0';
	memset(rows, 0, sizeof rows);
	do {
		got = attendance_page_by_code(db, session, anchor.person.id ? &anchor : NULL, rows,
					      n, &err);
		if (got < 0) {
			snprintf(buf, sizeof buf, "ERROR: %s", err.msg);
			break;
		}
		append_attendees(buf, sizeof buf, rows, got);
		if (got > 0)
			anchor.person.id = rows[got - 1].person.id;
		clear_attendees(rows, got);
	} while (got == n);
	return buf;
}

static void test_page_by_code(void)
{
	char one[16384];

	snprintf(one, sizeof one, "%s", by_code(s_cop07_new, 8));
	is_str(one, "An Wouters:present,Jan Peeters:present,Lien Van den Broeck:absent,"
	       "Piet Janssens:excused,Zoë Peeters:expected",
	       "attendance_page_by_code: the registered in code (id) order, not by name");
	is_str(by_code(s_cop07_new, 2), one, "  read two at a time after the anchor");
	is_str(by_code(s_cop70_old, 2), "", "  an empty session: nobody");
}

/* A database at schema 7 with COP 07: Ine registered then checked in,
 * Tine checked in without registering (in the undo log), Kobe registered
 * and absent; opened by this stemtui, it keeps Tine apart as a walk-in,
 * can undo and redo, and finds names by how they start. */
static void test_migration(void)
{
	static const char fill[] =
		"INSERT INTO programme (id, name, school_year) VALUES (1, 'P', '2018-2019');"
		"INSERT INTO session (id, programme_id, code, code_key, kind, date)"
		"  VALUES (1, 1, 'COP 07', st_natural_key('COP 07'), 'focusgroep', '2019-02-07');"
		"INSERT INTO person (id, first_name, last_name, sort_key, role, created_at) VALUES"
		"  (1, 'Ine', 'Verschueren', 'verschueren' || char(1) || 'ine', 'leraar', 'x'),"
		"  (2, 'Tine', 'Vanhove', 'vanhove' || char(1) || 'tine', 'leraar', 'x'),"
		"  (3, 'Kobe', 'Van den Berghe', 'van den berghe' || char(1) || 'kobe', 'leraar', 'x');"
		"INSERT INTO attendance (session_id, person_id, status, arrived_at, updated_at) VALUES"
		"  (1, 1, 'present', '08:50', 'x'), (1, 2, 'present', '08:55', 'x'),"
		"  (1, 3, 'absent', NULL, 'x');"
		"INSERT INTO attendance_log (session_id, person_id, old_status, old_arrived_at,"
		"  new_status, changed_at) VALUES (1, 1, 'expected', NULL, 'present', 'x'),"
		"  (1, 2, NULL, NULL, 'present', 'x'), (1, 3, 'expected', NULL, 'absent', 'x');";
	const char *path = old_database("v7.sqlite", 7, fill);
	sqlite3 *saved = db;
	att_counts c;
	st_err err = { "" };

	if (!ok(db_open(path, &db, NULL, &err) == DB_OPEN_OK, "a version 7 database opens")) {
		diag("%s", err.msg);
		db = saved;
		return;
	}
	is_int(query_int(db, "PRAGMA user_version"), db_schema_version(), "  and is migrated");
	is_str(query_text(db, "SELECT group_concat(walk_in, '') FROM (SELECT walk_in FROM attendance"
			  " ORDER BY person_id)"), "010", "  Tine, checked in unregistered, is a walk-in");
	is_int(attendance_counts(db, 1, &c, &err), 0, "  its counts");
	ok(c.registered == 2 && c.present == 1 && c.absent == 1 && c.walk_ins == 1,
	   "  say 1 present of 2 registered, 1 absent, and 1 walk-in");
	is_str(query_text(db, "SELECT first_last_key || '/' || last_first_key FROM person WHERE id = 3"),
	       "kobevandenberghe/vandenberghekobe", "  names have their keys");
	is_str(page(1, "ine v"), "Ine Verschueren:present,Tine Vanhove:present",
	       "  and are found by how they start");
	is_str(page(1, "kobe"), "Kobe Van den Berghe:absent", "  Kobe (absent) by his first name");
	is_int(attendance_undo(db, 1, NULL, &err), 1, "  the logged changes can be undone");
	is_str(state(1, 3), "expected -", "  (Kobe is expected again)");
	is_int(attendance_redo(db, 1, NULL, &err), 1, "  and redone");
	is_str(state(1, 3), "absent -", "  (Kobe is absent again)");
	db_close(db);
	db = saved;
}

static void test_history(void)
{
	att_history h[10];
	char sql[128];
	st_err err = { "" };
	int n;

	set(s_cop07_old, jan, ATT_PRESENT, "Jan present at COP 07 of 2017-2018");
	set(s_cop17_old, jan, ATT_ABSENT, "Jan absent at COP 17 of 2017-2018");
	n = attendance_history(db, jan, h, 10, &err);
	is_int(n, 4, "attendance_history: four sessions");
	if (n == 4) {
		ok(h[0].session_id == s_cop07_new && strcmp(h[0].date, "2019-02-07") == 0 &&
		   strcmp(h[0].programme, "STEMBASIS 2018-2019") == 0 &&
		   strcmp(h[0].code, "COP 07") == 0 && h[0].status == ATT_PRESENT &&
		   strlen(h[0].arrived_at) == 5 && strcmp(h[0].kind, "focusgroep") == 0,
		   "  the newest first, with programme, code, date, kind, status and time");
		ok(h[1].session_id == s_fg01_new && h[1].status == ATT_EXPECTED &&
		   h[1].arrived_at[0] == '\0', "  then FG 01 (expected, no time)");
		ok(h[2].session_id == s_cop17_old && h[2].status == ATT_ABSENT &&
		   strcmp(h[2].programme, "STEM++ 2017-2018") == 0,
		   "  then COP 17 of the older programme");
		ok(h[3].session_id == s_cop07_old, "  and COP 07 of the older programme last");
	}
	snprintf(sql, sizeof sql, "UPDATE attendance SET walk_in = 1 WHERE person_id = %lld", jan);
	exec(db, sql);
	is_int(attendance_history(db, jan, h, 10, &err), 4, "again, now a walk-in everywhere");
	ok(h[0].walk_in && strcmp(att_status_walk_in_label(h[0].status, h[0].walk_in),
				  att_status_label(ATT_PRESENT)) != 0,
	   "  a walk-in who came reads as one, not as present");
	ok(h[2].walk_in && strcmp(att_status_walk_in_label(h[2].status, h[2].walk_in),
				  att_status_label(ATT_ABSENT)) == 0, "  absent stays absent");
	is_int(attendance_history(db, jan, h, 2, &err), 2, "max is respected");
	is_int(attendance_history(db, els, h, 10, &err), 0, "someone who came nowhere: none");
}

/* session_resolve(text) within programme (0: any) gives want_rc and want. */
static void resolves_in(const char *text, long long programme, int want_rc, long long want,
			const char *name)
{
	long long id = 0;
	st_err err = { "" };
	int rc = session_resolve(db, text, programme, &id, &err);

	if (!ok(rc == want_rc && id == want, "%s", name))
		diag("rc %d, id %lld (want %d, %lld): %s", rc, id, want_rc, want, err.msg);
}

static void resolves(const char *text, long long want, const char *name)
{
	resolves_in(text, 0, 1, want, name);
}

static void test_resolve(void)
{
	long long id = 0;
	st_err err = { "" };

	resolves_in("COP 07", 0, SESSION_FOUND_ELSEWHERE_TOO, s_cop07_new,
		    "session_resolve \"COP 07\": the newest programme wins, saying the older has one");
	is_int(session_resolve(db, "COP 07", 0, &id, &err), SESSION_FOUND_ELSEWHERE_TOO,
	       "  the message");
	has_str(err.msg, "STEM++ 2017-2018 COP 07", "  names the older programme's COP 07");
	has_str(err.msg, "--programme", "  and how to choose");
	resolves_in("cop07", 0, SESSION_FOUND_ELSEWHERE_TOO, s_cop07_new, "\"cop07\"");
	resolves_in("  Cop 7 ", 0, SESSION_FOUND_ELSEWHERE_TOO, s_cop07_new, "\"Cop 7\"");
	resolves_in("7", 0, SESSION_FOUND_ELSEWHERE_TOO, s_cop07_new, "\"7\"");
	resolves_in("07", 0, SESSION_FOUND_ELSEWHERE_TOO, s_cop07_new, "\"07\"");
	resolves_in("7", old_prog, 1, s_cop07_old, "\"7\" within the older programme: its COP 07");
	resolves_in("COP 07", new_prog, 1, s_cop07_new, "\"COP 07\" within the newest: no warning");
	resolves_in("COP 17", new_prog, 0, 0, "\"COP 17\" within the newest: none");
	resolves("COP 17", s_cop17_old, "\"COP 17\": only in the older programme");
	resolves("17", s_cop17_old, "\"17\": the number of COP 17, not of COP 07");
	resolves("70", s_cop70_old, "\"70\": COP 70");
	resolves("fg1", s_fg01_new, "\"fg1\"");
	is_int(session_resolve(db, "1", 0, &id, &err), 2,
	       "\"1\": COP 01 and FG 01 in the newest programme: ambiguous");
	has_str(err.msg, "STEMBASIS 2018-2019 COP 01", "  the error lists them as PROGRAMME CODE");
	has_str(err.msg, "STEMBASIS 2018-2019 FG 01", "  both");
	is_int(session_resolve(db, "COP 99", 0, &id, &err), 0, "\"COP 99\": none");
	has_str(err.msg, "COP 99", "  with a message");
	is_int(session_resolve(db, "", 0, &id, &err), 0, "\"\": none");

	exec(db, "DELETE FROM attendance WHERE session_id IN (SELECT id FROM session"
	     " WHERE programme_id = (SELECT id FROM programme WHERE school_year = '2018-2019'))");
	exec(db, "DELETE FROM attendance_log");
	exec(db, "DELETE FROM session WHERE code = 'COP 07' AND date = '2019-02-07'");
	exec(db, "INSERT INTO session (programme_id, code, code_key, kind, date)"
	     " SELECT id, 'COP 7', st_natural_key('COP 7'), 'focusgroep', '2018-01-01'"
	     " FROM programme WHERE school_year = '2017-2018'");
	is_int(session_resolve(db, "7", 0, &id, &err), 2,
	       "\"7\" with COP 07 and COP 7 in an older programme only: ambiguous");
	has_str(err.msg, "STEM++ 2017-2018 COP 07", "  the error lists them");
	resolves("COP 7", sqlite3_last_insert_rowid(db),
		 "\"COP 7\" beside \"COP 07\": the code as typed wins");
	resolves("cop07", s_cop07_old, "  and \"cop07\" is COP 07");
}

/* With one or two letters, the others it is inside of come in two parts:
 * those a word of whose name starts with it, then the rest. */
static void test_short_name(void)
{
	long long s = s_cop70_old;
	char one[16384];

	add_person(db, "Gabriel", "Aerts", "leraar", 0, NULL);
	is_str(page(s, "br"), "Lien Van den Broeck:-,Gabriel Aerts:-",
	       "\"br\": Broeck, a word starting with it, before Gabriel Aerts (name order)");
	is_str(page(s, "bro"), "Lien Van den Broeck:-",
	       "\"bro\": three letters, as before");
	is_str(page(s, "ab"), "Gabriel Aerts:-", "\"ab\": only inside a name");
	is_str(page(s, "zq"), "", "\"zq\": nobody");
	snprintf(one, sizeof one, "%s", page(s, "r"));
	is_str(paged(s, "r", false, 1), one, "\"r\": one at a time forward, through every part");
	is_str(paged(s, "r", true, 1), one, "  and backward");
	is_str(paged(s, "r", false, 3), one, "  three at a time forward");
	is_str(paged(s, "r", true, 2), one, "  two at a time backward");
}

/* Two letters many of the others have only inside their name
 * (person_name_dense): the last part is read in name order, row by row,
 * and the list is what it would be otherwise, every page. */
static void test_short_name_dense(void)
{
	long long s = s_cop70_old;
	char last[32], one[16384];
	int i;

	for (i = 0; i < 50; i++) {
		snprintf(last, sizeof last, "Dijkman %02d", 49 - i);
		add_person(db, "Kees", last, "leraar", 0, NULL);
	}
	add_person(db, "Ine", "IJzerman", "leraar", 0, NULL);
	add_person(db, "Jan", "Van IJzendoorn", "leraar", 0, NULL);
	ok(person_name_dense(db, "ij"), "\"ij\": inside the names of many (person_name_dense)");
	snprintf(one, sizeof one, "%s", page(s, "ij"));
	ok(strncmp(one, "Ine IJzerman:-,Jan Van IJzendoorn:-,Kees Dijkman 00:-,Kees Dijkman 01:-,",
		   71) == 0, "  IJzerman first, IJzendoorn (a word starts with it), then the Dijkmans"
	   " in name order (%.80s)", one);
	ok(strlen(one) > 18 && strcmp(one + strlen(one) - strlen(",Kees Dijkman 49:-"),
				      ",Kees Dijkman 49:-") == 0,
	   "  to the last of them");
	is_str(paged(s, "ij", false, 1), one, "  one at a time forward");
	is_str(paged(s, "ij", false, 4), one, "  four at a time forward");
	is_str(paged(s, "ij", true, 3), one, "  three at a time backward");
}

/* A check-in a colleague made on their laptop, synced here, is not this
 * laptop's to undo: undo takes back this database's own newest change. */
static void test_undo_own_only(void)
{
	long long s = s_fg01_new, who = -1;
	st_err err = { "" };

	set(s, piet, ATT_PRESENT, "Piet present here");
	/* Then a colleague's newer change of Zoë, as a sync brings it. */
	exec(db, "INSERT INTO attendance_log (id, session_id, person_id, old_status,"
	     " new_status, changed_at, origin) SELECT max(id) + 1, session_id, (SELECT id FROM"
	     " person WHERE first_name = 'Zoë'), 'present', 'absent', '2030-01-01T00:00:00Z',"
	     " '0b6e8d3c-5a41-4c2e-9f07-3d1e2a6b9c84' FROM attendance_log WHERE session_id ="
	     " (SELECT id FROM session WHERE code = 'FG 01')");
	is_int(attendance_undo(db, s, &who, &err), 1, "undo with a colleague's change newest");
	is_int(who, piet, "  takes back this laptop's own: Piet's");
	is_int(query_int(db, "SELECT count(*) FROM attendance_log WHERE undone AND origin ="
			 " '0b6e8d3c-5a41-4c2e-9f07-3d1e2a6b9c84'"), 0,
	       "  and leaves the colleague's alone");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	fixture_start("attendance");
	setup();
	test_status_names();
	test_set();
	test_undo();
	test_redo();
	test_walk_in();
	test_counts();
	test_page();
	test_page_by_code();
	test_ranking();
	test_history();
	test_resolve();
	test_migration();
	test_short_name();
	test_short_name_dense();
	test_undo_own_only();
	db_close(db);
	return tap_done();
}
