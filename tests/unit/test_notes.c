/* test_notes.c: co-creation notes: saving, editing, the trash, kinds,
 * keyset paging, every filter, full-text search (accents, prefixes,
 * phrases, characters FTS5 would read as syntax, the index kept in step
 * by triggers), drafts, group labels,
 * waiting for a database another process is writing, and the migration
 * that brought search and drafts to a version 2 database. */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/drafts.h"
#include "core/fsutil.h"
#include "core/note_kinds.h"
#include "core/notes.h"
#include "core/schema.h"
#include "core/text.h"
#include "../tap.h"
#include "fixture.h"

#define MAXROWS 1000

static sqlite3 *db;
static const char *dir;

/* Sessions and organisations of most tests (see setup). */
static long long prog1, prog2, s_groei, s_focus, s_other, org_host, org_about, person_zoe;

/* ---- helpers ------------------------------------------------------------ */

/* How many notes (n) of sessions (s) meet cond. */
static long long query_int_count(const char *cond)
{
	char sql[2048];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM note n JOIN session s ON"
		 " s.id = n.session_id WHERE %s", cond);
	return query_int(db, sql);
}

/* Binds v[0..n-1] to ?1..?n: reference queries take their ids as
 * parameters, never through a printf format built at run time. */
static int bind_ints(sqlite3_stmt *st, const long long *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (sqlite3_bind_int64(st, i + 1, v[i]) != SQLITE_OK)
			return -1;
	return 0;
}
#define SET4(v, a, b, c, d) ((v)[0] = (a), (v)[1] = (b), (v)[2] = (c), (v)[3] = (d))

static void clear_notes(st_note *rows, int n)
{
	int i;

	for (i = 0; i < n; i++)
		note_clear(&rows[i]);
}

/* note_page over the test's database, for the fixture's pager. */
static int notes_page(const void *f, const void *anchor, bool backward, void *rows, int n,
		      st_err *err)
{
	return note_page(db, f, anchor, backward, rows, n, err);
}

static void clear_note(void *row)
{
	note_clear(row);
}

static void note_id(const void *row, char *out, size_t size)
{
	snprintf(out, size, "%lld", ((const st_note *)row)->id);
}

/* A note's first word: fixture notes start with a tag. */
static void note_tag(const void *row, char *out, size_t size)
{
	const char *body = ((const st_note *)row)->body;

	snprintf(out, size, "%.*s", (int)strcspn(body, " \n"), body);
}

static const struct pager note_ids = { sizeof(st_note), notes_page, clear_note, note_id };
static const struct pager note_tags = { sizeof(st_note), notes_page, clear_note, note_tag };

/* The tags of the notes a filter selects (one big page), comma-separated,
 * "ERROR: ..." on failure. */
static const char *tags(const note_filter *f)
{
	return page_labels(&note_tags, f, NULL, false, MAXROWS);
}

/* note_add with these fields; bails out when it fails. */
static long long add_note_on(sqlite3 *on, long long session, const char *kind, const char *group,
			     const char *author, long long about_person, long long about_org,
			     const char *body)
{
	st_note n = { 0 };
	st_err err = { "" };

	n.session_id = session;
	n.kind = (char *)kind;
	n.group_label = (char *)group;
	n.author = (char *)author;
	n.about_person_id = about_person;
	n.about_org_id = about_org;
	n.body = (char *)body;
	if (note_add(on, &n, &err) != 0) {
		printf("Bail out! note_add \"%s\": %s\n", body, err.msg);
		exit(99);
	}
	return n.id;
}

static long long add_note(long long session, const char *kind, const char *group,
			  const char *body)
{
	return add_note_on(db, session, kind, group, "", 0, 0, body);
}

static const char *found_by(const char *search)
{
	note_filter f = { .search = search };

	return tags(&f);
}

static bool is_local_time(const char *s)
{
	int y, mo, d, h, mi, se;
	char extra;

	return s && strlen(s) == 19 &&
	       sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &extra) == 6;
}

static void fts_integrity(const char *name)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, "INSERT INTO note_fts (note_fts) VALUES ('integrity-check')",
			      NULL, NULL, &msg);

	if (!ok(rc == SQLITE_OK, "%s", name))
		diag("%s", msg ? msg : "");
	sqlite3_free(msg);
}

static void setup(void)
{
	prog1 = add_programme(db, "STEM++ 2017-2018", "STEM++ 2017-2018");
	prog2 = add_programme(db, "STEMBASIS 2018-2019", "STEMBASIS 2018-2019");
	org_host = add_org(db, "school", "VBS Sint-Lodewijk");
	org_about = add_org(db, "school", "VBS De Regenboog");
	exec(db, "INSERT INTO person (first_name, last_name, sort_key, role, created_at)"
	     " VALUES ('Zoë', 'Van den Broeck', 'van den broeck' || char(1) || 'zoe', 'leraar',"
	     " '2018-01-01T00:00:00Z')");
	person_zoe = sqlite3_last_insert_rowid(db);
	s_groei = add_session(db, prog1, "COP 07", "groeisessie", "2018-05-31", org_host);
	s_focus = add_session(db, prog1, "COP 10", "focusgroep", "2018-11", 0);
	s_other = add_session(db, prog2, "SB 03", "groeisessie", "2018-10-15", 0);
}

/* ---- kinds -------------------------------------------------------------- */

static void test_kinds(void)
{
	is_int(NOTE_KIND_COUNT, 5, "five kinds");
	is_str(note_kind_key[0], "observation", "kind 0 is observation");
	is_str(note_kind_key[4], "action", "kind 4 is action");
	is_int(note_kind_index("quote"), 1, "a key");
	is_int(note_kind_index("Question"), 3, "an English word, any case");
	is_int(note_kind_index("observatie"), 0, "Dutch: observatie");
	is_int(note_kind_index("Citaat"), 1, "Dutch: Citaat");
	is_int(note_kind_index("IDEE"), 2, "Dutch: IDEE");
	is_int(note_kind_index("vraag"), 3, "Dutch: vraag");
	is_int(note_kind_index(" actie "), 4, "Dutch: actie, with spaces");
	is_int(note_kind_index("idea"), 2, "idea");
	is_int(note_kind_index("gedachte"), -1, "an unknown word: -1");
	is_int(note_kind_index(""), -1, "empty: -1");
	is_int(note_kind_index(NULL), -1, "NULL: -1");
	is_str(note_kind_label("observation"), "Observation", "label in English");
	is_str(note_kind_label("action"), "Action", "label of action");
	is_str(note_kind_label("nonsense"), "nonsense", "an unknown key is its own label");
	if (getenv("STEMTUI_LOCALEDIR")) {
		setenv("LANGUAGE", "nl", 1);
		textdomain("stemtui");
		is_str(note_kind_label("observation"), "Observatie", "label in Dutch: Observatie");
		is_str(note_kind_label("quote"), "Citaat", "Citaat");
		is_str(note_kind_label("idea"), "Idee", "Idee");
		is_str(note_kind_label("question"), "Vraag", "Vraag");
		is_str(note_kind_label("action"), "Actie", "Actie");
		is_int(note_kind_index("Observatie"), 0, "the Dutch label is found in Dutch too");
		unsetenv("LANGUAGE");
		textdomain("stemtui");
	} else {
		ok(1, "# SKIP labels in Dutch: no catalog (STEMTUI_LOCALEDIR)");
	}
}

/* ---- saving, editing, the trash ----------------------------------------- */

static void test_add_get(void)
{
	st_note n = { 0 }, got = { 0 };
	st_err err = { "" };
	long long before = query_int(db, "SELECT count(*) FROM note");

	n.session_id = s_groei;
	n.kind = "";
	n.body = "  Eerste lijn\r\nTweede lijn\r\rDerde\x01 lijn\n\n";
	n.group_label = "  tafel 3\n";
	n.author = "Françoise Peeters";
	n.about_person_id = person_zoe;
	is_int(note_add(db, &n, &err), 0, "note_add saves a note");
	ok(n.id > 0, "  and sets its id");
	is_int(note_get(db, n.id, &got, &err), 1, "note_get finds it");
	is_int(got.session_id, s_groei, "  session");
	is_str(got.kind, "observation", "  an empty kind is observation");
	is_str(got.body, "Eerste lijn\nTweede lijn\n\nDerde lijn",
	       "  text: CR LF and CR are LF, control characters gone, trimmed");
	is_str(got.group_label, "tafel 3", "  group label trimmed");
	is_str(got.author, "Françoise Peeters", "  author");
	is_int(got.about_person_id, person_zoe, "  about person");
	is_int(got.about_org_id, 0, "  no organisation: 0");
	is_str(got.about, "Zoë Van den Broeck", "  about: the person's name");
	ok(is_local_time(got.created_at), "  created_at is YYYY-MM-DD HH:MM:SS (%s)", got.created_at);
	is_str(got.updated_at, got.created_at, "  updated_at is created_at");
	is_str(got.deleted_at, "", "  not deleted");
	is_str(got.programme, "STEM++ 2017-2018", "  programme");
	is_str(got.session_code, "COP 07", "  session code");
	is_str(got.session_kind, "groeisessie", "  session kind");
	is_str(got.session_date, "2018-05-31", "  session date");
	is_str(got.tags, "", "  no tags yet");
	note_clear(&got);
	is_int(note_get(db, 999999, &got, &err), 0, "note_get of an unknown id: 0");

	memset(&n, 0, sizeof n);
	n.session_id = s_groei;
	n.kind = "vraag";
	n.body = "Wat nu?";
	n.about_org_id = org_about;
	is_int(note_add(db, &n, &err), 0, "a kind in Dutch is taken");
	note_get(db, n.id, &got, &err);
	is_str(got.kind, "question", "  and stored as its key");
	is_str(got.about, "VBS De Regenboog", "  about: the school's name");
	is_str(got.author, "", "  no author: \"\"");
	note_clear(&got);
	exec(db, "DELETE FROM note WHERE body = 'Wat nu?'");

	memset(&n, 0, sizeof n);
	n.session_id = s_groei;
	n.body = " \n\t \r\n \xc2\xa0 ";
	is_int(note_add(db, &n, &err), -1, "a body of white space is refused");
	has_str(err.msg, "needs some text", "  saying it needs text");
	is_int(n.id, 0, "  and sets no id");
	n.body = NULL;
	is_int(note_add(db, &n, &err), -1, "a NULL body is refused");
	n.body = "Iets";
	n.kind = "gedachte";
	is_int(note_add(db, &n, &err), -1, "an unknown kind is refused");
	has_str(err.msg, "gedachte", "  naming it");
	n.kind = NULL;
	n.session_id = 999999;
	is_int(note_add(db, &n, &err), -1, "an unknown session is refused");
	has_str(err.msg, "no session", "  saying so");
	n.session_id = s_groei;
	n.about_person_id = 999999;
	is_int(note_add(db, &n, &err), -1, "an unknown person is refused");
	has_str(err.msg, "no person", "  saying so");
	n.about_person_id = 0;
	n.about_org_id = 999999;
	is_int(note_add(db, &n, &err), -1, "an unknown organisation is refused");
	is_int(query_int(db, "SELECT count(*) FROM note"), before + 1, "refused notes left nothing");
	ok(sqlite3_get_autocommit(db), "and no transaction open");
	exec(db, "DELETE FROM note");
}

static void test_update_delete(void)
{
	st_note n = { 0 }, got = { 0 };
	st_err err = { "" };
	note_filter live = { .session_id = s_groei }, trash = { .session_id = s_groei, .trash = true };
	long long id = add_note(s_groei, "idea", "tafel 1", "n1 Een idee");
	char sql[256];

	snprintf(sql, sizeof sql, "UPDATE note SET created_at = '2018-05-31 10:00:00',"
		 " updated_at = '2018-05-31 10:00:00' WHERE id = %lld", id);
	exec(db, sql);
	n.id = id;
	n.kind = "idea";
	n.body = "n1 Een idee";
	n.group_label = "tafel 1";
	is_int(note_update(db, &n, &err), 0, "note_update without a change");
	note_get(db, id, &got, &err);
	is_str(got.updated_at, "2018-05-31 10:00:00", "  keeps updated_at");
	note_clear(&got);
	n.kind = "actie";
	n.body = "n1 Een actie\r\n";
	n.group_label = " tafel 2 ";
	n.about_org_id = org_about;
	is_int(note_update(db, &n, &err), 0, "note_update with changes");
	note_get(db, id, &got, &err);
	is_str(got.kind, "action", "  kind");
	is_str(got.body, "n1 Een actie", "  text, cleaned");
	is_str(got.group_label, "tafel 2", "  group");
	is_int(got.about_org_id, org_about, "  about");
	is_str(got.created_at, "2018-05-31 10:00:00", "  created_at stays");
	ok(strcmp(got.updated_at, "2018-05-31 10:00:00") > 0 && is_local_time(got.updated_at),
	   "  updated_at is now (%s)", got.updated_at);
	note_clear(&got);
	n.body = "   ";
	is_int(note_update(db, &n, &err), -1, "an empty text is refused on update too");
	n.body = "x";
	n.kind = "nope";
	is_int(note_update(db, &n, &err), -1, "an unknown kind is refused on update");
	n.kind = NULL;
	n.id = 999999;
	is_int(note_update(db, &n, &err), -1, "updating an unknown note fails");
	has_str(err.msg, "no note with id 999999", "  saying so");
	note_get(db, id, &got, &err);
	is_str(got.body, "n1 Een actie", "failed updates changed nothing");
	note_clear(&got);

	is_str(tags(&live), "n1", "the live list has the note");
	is_int(note_delete(db, id, &err), 0, "note_delete");
	is_str(tags(&live), "", "  it leaves the live list");
	is_str(tags(&trash), "n1", "  and is in the trash");
	is_int(note_count(db, &trash, &err), 1, "  note_count of the trash: 1");
	is_int(note_count(db, &live, &err), 0, "  of the live list: 0");
	note_get(db, id, &got, &err);
	ok(is_local_time(got.deleted_at), "  note_get still reads it, deleted_at set (%s)",
	   got.deleted_at);
	note_clear(&got);
	is_int(note_delete(db, id, &err), 0, "deleting it again is fine");
	is_int(note_delete(db, 999999, &err), -1, "deleting an unknown note fails");
	is_int(note_restore(db, id, &err), 0, "note_restore");
	is_str(tags(&live), "n1", "  it is back in the live list");
	is_str(tags(&trash), "", "  and out of the trash");
	note_get(db, id, &got, &err);
	is_str(got.deleted_at, "", "  deleted_at cleared");
	note_clear(&got);
	is_int(note_restore(db, id, &err), 0, "restoring a live note is fine");
	is_int(note_restore(db, 999999, &err), -1, "restoring an unknown note fails");
	ok(sqlite3_get_autocommit(db), "no transaction left open");
	exec(db, "DELETE FROM note");
}

/* ---- paging ------------------------------------------------------------- */

static void test_paging(void)
{
	const char *one, *fwd, *back;
	note_filter f = { .session_id = s_other };
	st_err err = { "" };
	char body[64], sql[256];
	int i;

	for (i = 0; i < 300; i++) {
		long long id;

		snprintf(body, sizeof body, "p%03d", i);
		id = add_note_on(db, s_other, "", "", "", 0, 0, body);
		/* Three notes a second, in an order unlike the ids', so that
		 * equal times are ordered by id. */
		snprintf(sql, sizeof sql, "UPDATE note SET created_at ="
			 " strftime('%%Y-%%m-%%d %%H:%%M:%%S', '2018-10-15 09:00:00', '+%d seconds')"
			 " WHERE id = %lld", (299 - i) / 3, id);
		exec(db, sql);
	}
	is_int(note_count(db, &f, &err), 300, "300 notes");
	is_int(note_count_upto(db, &f, 300, &err), 300, "note_count_upto 300: exactly 300");
	is_int(note_count_upto(db, &f, 299, &err), 300, "note_count_upto 299: more (300)");
	is_int(note_count_upto(db, &f, 10, &err), 11, "note_count_upto 10: more (11)");
	one = page_labels(&note_ids, &f, NULL, false, MAXROWS);
	fwd = paged_labels(&note_ids, &f, false, 7);
	is_str(fwd, one, "paging forward 7 at a time gives the one big page");
	back = paged_labels(&note_ids, &f, true, 7);
	is_str(back, one, "paging backward 7 at a time gives it too");
	fwd = paged_labels(&note_ids, &f, false, 300);
	is_str(fwd, one, "a page of exactly 300, then an empty one");
	ok(strncmp(one, "", 1) != 0 && query_int(db, "SELECT min(created_at) = '2018-10-15 09:00:00'"
						  " FROM note") == 1, "the times are as made");
	/* The first three share the earliest second: ordered by id. */
	snprintf(sql, sizeof sql, "SELECT group_concat(id) FROM (SELECT id FROM note"
		 " WHERE session_id = %lld ORDER BY created_at, id LIMIT 3)", s_other);
	{
		sqlite3_stmt *st;
		char want[128] = "";
		size_t len;

		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			snprintf(want, sizeof want, "%s,", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		len = strlen(want);
		ok(len > 1 && strncmp(one, want, len) == 0, "equal times are in id order");
	}
	{
		st_note rows[2];
		note_filter none = { .session_id = 999999 };

		is_int(note_page(db, &none, NULL, false, rows, 2, &err), 0,
		       "a filter that selects nothing: an empty page");
		is_int(note_page(db, &f, NULL, false, rows, 0, &err), 0, "a page of 0: 0");
	}
	exec(db, "DELETE FROM note");
}

/* Session-side filters page across sessions in one time order, with the
 * notes of the other programme in between (and before: the walk starts at
 * the first that matches). */
static void test_paging_sessions(void)
{
	static char want[65536];
	const char *one, *fwd, *back;
	const note_filter filters[] = {
		{ .programme_id = 0 },   /* prog1, set below */
		{ .org_id = 0 },         /* org_host, set below */
		{ .from = "2018-06-01", .to = "2018-11-30" },
		{ .session_kind = "focusgroep" },
		{ .search = "p" },
		{ .search = "p*", .session_id = 0 },   /* s_focus, set below */
	};
	const char *const name[] = {
		"programme", "school", "dates", "kind of session", "search (in id order)",
		"search in one session",
	};
	const char *const sql[] = {
		"SELECT n.id FROM note n JOIN session s ON s.id = n.session_id"
		" WHERE n.deleted_at IS NULL AND s.programme_id = ?1 ORDER BY n.created_at, n.id",
		"SELECT n.id FROM note n JOIN session s ON s.id = n.session_id"
		" WHERE n.deleted_at IS NULL AND (s.host_org_id = ?1 OR n.about_org_id = ?1)"
		" ORDER BY n.created_at, n.id",
		"SELECT n.id FROM note n JOIN session s ON s.id = n.session_id"
		" WHERE n.deleted_at IS NULL AND ?1 = ?1 AND s.id IN (SELECT id FROM session"
		" WHERE code IN ('COP 10', 'SB 03')) ORDER BY n.created_at, n.id",
		"SELECT n.id FROM note n JOIN session s ON s.id = n.session_id"
		" WHERE n.deleted_at IS NULL AND ?1 = ?1 AND s.kind = 'focusgroep'"
		" ORDER BY n.created_at, n.id",
		"SELECT id FROM note WHERE deleted_at IS NULL AND ?1 = ?1 ORDER BY id",
		"SELECT id FROM note WHERE deleted_at IS NULL AND session_id = ?1 ORDER BY id",
	};
	long long sessions[] = { s_other, s_groei, s_focus }, id;
	char q[512];
	int i;

	for (i = 0; i < 120; i++) {
		/* The other programme's notes first, then all three mixed,
		 * some at the same second, one in the trash, some about the
		 * host school; times not in id order, for the search. */
		id = add_note_on(db, i < 30 ? s_other : sessions[i % 3], "", "", "",
				 0, i % 7 == 0 ? org_host : 0, "p");
		snprintf(q, sizeof q, "UPDATE note SET created_at = strftime('%%Y-%%m-%%d %%H:%%M:%%S',"
			 " '2018-10-15 09:00:00', '+%d seconds') WHERE id = %lld",
			 i % 10 == 9 ? i / 2 - 3 : i / 2, id);
		exec(db, q);
	}
	exec(db, "UPDATE note SET deleted_at = '2019-01-01 00:00:00' WHERE id ="
	     " (SELECT min(id) + 40 FROM note)");
	for (i = 0; i < 6; i++) {
		note_filter f = filters[i];
		long long arg = i == 1 ? org_host : i == 5 ? s_focus : prog1;
		sqlite3_stmt *st;

		if (i == 0)
			f.programme_id = prog1;
		if (i == 1)
			f.org_id = org_host;
		if (i == 5)
			f.session_id = s_focus;
		want[0] = '\0';
		if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_bind_int64(st, 1, arg) == SQLITE_OK)
			while (sqlite3_step(st) == SQLITE_ROW)
				snprintf(want + strlen(want), sizeof want - strlen(want), "%s%lld",
					 *want ? "," : "", (long long)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
		one = page_labels(&note_ids, &f, NULL, false, MAXROWS);
		ok(*want != '\0' && strcmp(one, want) == 0, "%s: the notes of the filter, in time order",
		   name[i]);
		fwd = paged_labels(&note_ids, &f, false, 7);
		is_str(fwd, one, "  paging forward 7 at a time");
		back = paged_labels(&note_ids, &f, true, 7);
		is_str(back, one, "  paging backward 7 at a time");
	}
	exec(db, "DELETE FROM note");
}

/* A factor's notes (with the factors below it, optionally of one
 * polarity) page in one time order across ties, a note once however many
 * of its tags are in the subtree.  Run twice: with the figures as they
 * are (few notes: a list of them drives) and with fig_total saying the
 * factors have many (each note's tags are probed on a walk in time
 * order); both plans must give the same rows. */
static void test_paging_factors(void)
{
	static char want[65536];
	const char *one, *fwd, *back;
	const char *const name[] = {
		"a category", "a category's barriers", "a factor", "a factor's enablers",
		"a category's neutral tags", "a category in a programme", "a category in the trash",
		"a factor without notes",
	};
	long long cat, fa, fb, fc, id;
	char q[1024];
	int i, plan;
	st_err err = { "" };

	exec(db, "INSERT INTO factor (code, name, guid) VALUES ('XC', 'Category', 'g-xc')");
	cat = sqlite3_last_insert_rowid(db);
	snprintf(q, sizeof q, "INSERT INTO factor (parent_id, code, name, guid) VALUES"
		 " (%lld, 'XA', 'A', 'g-xa'), (%lld, 'XB', 'B', 'g-xb')", cat, cat);
	exec(db, q);
	fa = query_int(db, "SELECT id FROM factor WHERE code = 'XA'");
	fb = query_int(db, "SELECT id FROM factor WHERE code = 'XB'");
	snprintf(q, sizeof q, "INSERT INTO factor (parent_id, code, name, guid) VALUES"
		 " (%lld, 'XD', 'D', 'g-xd')", fa);
	exec(db, q);
	exec(db, "INSERT INTO factor (code, name, guid) VALUES ('XE', 'Empty', 'g-xe')");
	fc = sqlite3_last_insert_rowid(db);
	for (i = 0; i < 150; i++) {
		long long sessions[] = { s_other, s_groei, s_focus };

		id = add_note_on(db, sessions[i % 3], "", "", "", 0, 0, "f");
		/* Several notes a second, times not in id order. */
		snprintf(q, sizeof q, "UPDATE note SET created_at = strftime('%%Y-%%m-%%d %%H:%%M:%%S',"
			 " '2018-10-15 09:00:00', '+%d seconds') WHERE id = %lld", (149 - i) / 4, id);
		exec(db, q);
		/* Tags on the category, its factors and a grandchild, some
		 * notes with several of them. */
		snprintf(q, sizeof q, "INSERT INTO tag (note_id, factor_id, polarity) SELECT %lld, f, p"
			 " FROM (SELECT %lld AS f, 1 AS p WHERE %d %% 3 = 0"
			 " UNION ALL SELECT %lld, -1 WHERE %d %% 4 = 0"
			 " UNION ALL SELECT %lld, 0 WHERE %d %% 10 = 0"
			 " UNION ALL SELECT (SELECT id FROM factor WHERE code = 'XD'), -1 WHERE %d %% 7 = 0)",
			 id, fa, i, fb, i, cat, i, i);
		exec(db, q);
	}
	exec(db, "UPDATE note SET deleted_at = '2019-01-01 00:00:00' WHERE id IN"
	     " (SELECT min(id) + 12 FROM note UNION SELECT min(id) + 24 FROM note)");
	exec(db, "CREATE TEMP TABLE fig_total_kept AS SELECT * FROM fig_total");
	for (plan = 0; plan < 2; plan++) {
		if (plan == 1) {
			/* fig_session's rows first: their triggers write fig_total. */
			snprintf(q, sizeof q, "UPDATE fig_session SET notes = notes + 1000"
				 " WHERE ancestor_id = %lld", cat);
			exec(db, q);
			exec(db, "UPDATE fig_total SET notes = 1000000, enablers = 1000000,"
			     " barriers = 1000000, neutral = 1000000");
		}
		for (i = 0; i < 8; i++) {
			static const char *const where[] = {
				"t.factor_id IN (?1, ?2, ?3, ?4)",
				"t.factor_id IN (?1, ?2, ?3, ?4) AND t.polarity = -1",
				"t.factor_id IN (?1, ?2) AND ?3 > 0 AND ?4 > 0",
				"t.factor_id IN (?1, ?2) AND t.polarity = 1 AND ?3 > 0 AND ?4 > 0",
				"t.factor_id IN (?1, ?2, ?3, ?4) AND t.polarity = 0",
				("t.factor_id IN (?1, ?2, ?3, ?4) AND s.programme_id = (SELECT"
				 " programme_id FROM session WHERE code = 'COP 07')"),
				"t.factor_id IN (?1, ?2, ?3, ?4)",
				"t.factor_id = ?1 AND ?2 > 0 AND ?3 > 0 AND ?4 > 0",
			};
			note_filter f = { .factor_id = cat };
			long long xd = query_int(db, "SELECT id FROM factor WHERE code = 'XD'");
			long long arg[4];
			sqlite3_stmt *st;
			long long count, stored;

			if (i == 1)
				f.polarity = NOTE_POLARITY_BARRIER;
			if (i == 2 || i == 3)
				f.factor_id = fa;
			if (i == 3)
				f.polarity = NOTE_POLARITY_ENABLER;
			if (i == 4)
				f.polarity = NOTE_POLARITY_NEUTRAL;
			if (i == 5)
				f.programme_id = prog1;
			if (i == 6)
				f.trash = true;
			if (i == 7)
				f.factor_id = fc;
			if (i == 2 || i == 3)
				SET4(arg, fa, xd, fa, xd);
			else if (i == 7)
				SET4(arg, fc, fc, fc, fc);
			else
				SET4(arg, cat, fa, fb, xd);
			snprintf(q, sizeof q, "SELECT n.id FROM note n JOIN session s ON s.id = n.session_id"
				 " WHERE n.deleted_at IS %s NULL AND n.id IN (SELECT t.note_id FROM tag t"
				 " WHERE %s) ORDER BY n.created_at, n.id", i == 6 ? "NOT" : "", where[i]);
			want[0] = '\0';
			count = 0;
			if (sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK &&
			    bind_ints(st, arg, sqlite3_bind_parameter_count(st)) == 0)
				while (sqlite3_step(st) == SQLITE_ROW) {
					snprintf(want + strlen(want), sizeof want - strlen(want), "%s%lld",
						 *want ? "," : "", (long long)sqlite3_column_int64(st, 0));
					count++;
				}
			sqlite3_finalize(st);
			one = page_labels(&note_ids, &f, NULL, false, MAXROWS);
			ok((i == 7 ? *want == '\0' : *want != '\0') && strcmp(one, want) == 0,
			   "%s (%s): the notes of the filter, in time order", name[i],
			   plan ? "probing tags" : "a list");
			fwd = paged_labels(&note_ids, &f, false, 7);
			is_str(fwd, one, "  paging forward 7 at a time");
			back = paged_labels(&note_ids, &f, true, 7);
			is_str(back, one, "  paging backward 7 at a time");
			back = paged_labels(&note_ids, &f, true, 1);
			is_str(back, one, "  paging backward 1 at a time");
			/* A factor's live notes, with no other filter but an
			 * enabler or barrier tag, are counted in fig_total, and
			 * those of one programme in fig_session: the same as
			 * counting them, and (with the figures made wrong on
			 * purpose) read from there. */
			stored = i <= 3 ? (plan == 1 ? 1000000 : count) : count;
			if (i == 5 && plan == 1) {
				snprintf(q, sizeof q, "SELECT %lld + 1000 * count(*) FROM fig_session fs"
					 " JOIN session s ON s.id = fs.session_id WHERE fs.ancestor_id = %lld"
					 " AND s.programme_id = %lld", count, cat, prog1);
				stored = query_int(db, q);
			}
			is_int(note_count(db, &f, &err), stored,
			       stored == count ? "  note_count" : i == 5 ? "  note_count: fig_session's"
			       : "  note_count: fig_total's");
			is_int(note_count_upto(db, &f, 1000, &err), stored > 1000 ? 1001 : stored,
			       "  note_count_upto above it");
			is_int(note_count_upto(db, &f, 5, &err), stored > 5 ? 6 : stored,
			       "  note_count_upto 5");
		}
	}
	snprintf(q, sizeof q, "UPDATE fig_session SET notes = notes - 1000 WHERE ancestor_id = %lld",
		 cat);
	exec(db, q);
	exec(db, "DELETE FROM fig_total");
	exec(db, "INSERT INTO fig_total SELECT * FROM temp.fig_total_kept");
	exec(db, "DROP TABLE temp.fig_total_kept");
	exec(db, "DELETE FROM note");
	exec(db, "DELETE FROM factor WHERE code IN ('XD', 'XE')");
	exec(db, "DELETE FROM factor WHERE code IN ('XA', 'XB')");
	exec(db, "DELETE FROM factor WHERE code = 'XC'");
}

/* The ids the reference query sql selects, comma-separated. */
static void ids_of(const char *sql, char *out, size_t size)
{
	sqlite3_stmt *st;

	out[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(out, size, "ERROR: %s", sqlite3_errmsg(db));
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out + strlen(out), size - strlen(out), "%s%lld", *out ? "," : "",
			 (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
}

/* Checks that f lists what the reference condition cond (on note n and
 * session s) selects, in the order of the session's date, then of writing
 * (ties of both in id order), whole and paged both ways. */
static void check_session_order(note_filter f, const char *cond, const char *name)
{
	static char want[65536];
	const char *one, *fwd, *back;
	char sql[2048];
	st_err err = { "" };

	f.order = NOTE_ORDER_SESSION;
	snprintf(sql, sizeof sql, "SELECT n.id FROM note n JOIN session s ON s.id = n.session_id"
		 " WHERE %s ORDER BY s.date, n.created_at, n.id", cond);
	ids_of(sql, want, sizeof want);
	one = page_labels(&note_ids, &f, NULL, false, MAXROWS);
	if (!ok(*want && strcmp(one, want) == 0, "%s: by session date, then as written", name))
		diag("got  %s\nwant %s", one, want);
	fwd = paged_labels(&note_ids, &f, false, 7);
	is_str(fwd, want, "  paging forward 7 at a time");
	back = paged_labels(&note_ids, &f, true, 7);
	is_str(back, want, "  paging backward 7 at a time");
	back = paged_labels(&note_ids, &f, true, 1);
	is_str(back, want, "  paging backward 1 at a time");
	f.order = NOTE_ORDER_ENTERED;
	is_int(note_count(db, &f, &err), query_int_count(cond), "  the same count in both orders");
}

/* Notes typed up later (today, for a session of months ago), sessions on
 * one date, notes in one second: the order of the session's date keeps
 * each note with its session's day, whatever the time it was written,
 * with every filter, across pages in both directions; and it follows a
 * session given another date, a note moved to another session and a
 * new note at once (the triggers of migration 8). */
static void test_session_order(void)
{
	static char want[65536], got[65536];
	long long same_day, factor, id, ids[150];
	char q[1024], cond[256];
	st_note n = { 0 };
	st_err err = { "" };
	int i;

	/* A session of the other programme on COP 07's date. */
	same_day = add_session(db, prog2, "SB 01", "groeisessie", "2018-05-31", 0);
	exec(db, "INSERT INTO factor (code, name, guid) VALUES ('XO', 'Order', 'g-xo')");
	factor = sqlite3_last_insert_rowid(db);
	for (i = 0; i < 150; i++) {
		long long sessions[] = { s_focus, s_other, s_groei, same_day };
		static const char *const kinds[] = { "idea", "quote", "observation" };

		ids[i] = add_note_on(db, sessions[i % 4], kinds[i % 3], i % 5 ? "tafel 2" : "tafel 1",
				     i % 6 ? "An" : "Bart", 0, i % 9 == 0 ? org_host : 0,
				     i % 75 == 0 ? "p zeldzaam" : "p");
		/* Written in the order of the ids but for every fourth, typed
		 * up on a later day; several in one second, across sessions. */
		snprintf(q, sizeof q, "UPDATE note SET created_at = strftime('%%Y-%%m-%%d %%H:%%M:%%S',"
			 " '%s', '+%d seconds') WHERE id = %lld",
			 i % 4 == 1 ? "2026-01-05 05:31:00" : "2018-05-31 11:05:00", (149 - i) / 5,
			 ids[i]);
		exec(db, q);
		if (i % 3 == 0) {
			snprintf(q, sizeof q, "INSERT INTO tag (note_id, factor_id, polarity)"
				 " VALUES (%lld, %lld, %d)", ids[i], factor, i % 2 ? 1 : -1);
			exec(db, q);
		}
	}
	snprintf(q, sizeof q, "UPDATE note SET deleted_at = '2019-01-01 00:00:00' WHERE id IN"
		 " (%lld, %lld, %lld)", ids[10], ids[11], ids[77]);
	exec(db, q);
	/* Today's note of COP 07 sits with COP 07, not at the end. */
	{
		note_filter f = { .order = NOTE_ORDER_SESSION };
		st_note rows[150];
		int k = note_page(db, &f, NULL, false, rows, 150, &err), at = -1, j;

		for (j = 0; j < k; j++)
			if (rows[j].id == ids[2 + 4 * 1])   /* COP 07, written on the day */
				at = j;
		ok(k > 0 && strcmp(rows[0].session_date, "2018-05-31") == 0 &&
		   strcmp(rows[k - 1].session_date, "2018-11") == 0,
		   "31 May 2018 comes first, November 2018 last");
		ok(at >= 0 && at < k / 2, "a note of 31 May is in the first half");
		clear_notes(rows, k > 0 ? k : 0);
	}
	check_session_order((note_filter){ 0 }, "n.deleted_at IS NULL", "all notes");
	check_session_order((note_filter){ .trash = true }, "n.deleted_at IS NOT NULL", "the trash");
	snprintf(cond, sizeof cond, "n.deleted_at IS NULL AND s.programme_id = %lld", prog2);
	check_session_order((note_filter){ .programme_id = prog2 }, cond, "one programme");
	snprintf(cond, sizeof cond, "n.deleted_at IS NULL AND n.session_id = %lld", s_groei);
	check_session_order((note_filter){ .session_id = s_groei }, cond,
			    "one session (the same as in entry order)");
	check_session_order((note_filter){ .session_kind = "focusgroep" },
			    "n.deleted_at IS NULL AND s.kind = 'focusgroep'", "one kind of session");
	check_session_order((note_filter){ .from = "2018-06-01", .to = "2018-11-30" },
			    "n.deleted_at IS NULL AND s.date > '2018-06'", "dates");
	check_session_order((note_filter){ .from = "2018-05-31", .to = "2018-05-31" },
			    "n.deleted_at IS NULL AND s.date = '2018-05-31'", "one day, two sessions");
	check_session_order((note_filter){ .kind = "quote" },
			    "n.deleted_at IS NULL AND n.kind = 'quote'", "one kind of note");
	check_session_order((note_filter){ .group_label = "Tafel 1" },
			    "n.deleted_at IS NULL AND n.group_label = 'tafel 1'", "one group");
	check_session_order((note_filter){ .author = "bart" },
			    "n.deleted_at IS NULL AND n.author = 'Bart'", "one author");
	snprintf(cond, sizeof cond, "n.deleted_at IS NULL AND (s.host_org_id = %lld OR"
		 " n.about_org_id = %lld)", org_host, org_host);
	check_session_order((note_filter){ .org_id = org_host }, cond, "one school");
	snprintf(cond, sizeof cond, "n.deleted_at IS NULL AND n.id IN (SELECT note_id FROM tag"
		 " WHERE factor_id = %lld AND polarity = -1)", factor);
	check_session_order((note_filter){ .factor_id = factor, .polarity = NOTE_POLARITY_BARRIER },
			    cond, "a factor as barrier");
	check_session_order((note_filter){ .untagged = true }, "n.deleted_at IS NULL AND"
			    " n.id NOT IN (SELECT note_id FROM tag)", "untagged");
	/* A word in every note: its matches are probed on the walk; a word
	 * in two of 150 (less than one in SEARCH_WALK_SHARE): they are
	 * sorted. */
	check_session_order((note_filter){ .search = "p" }, "n.deleted_at IS NULL",
			    "a search matching every note");
	check_session_order((note_filter){ .search = "zeldzaam" }, "n.deleted_at IS NULL AND"
			    " n.body LIKE '%zeldzaam%'", "a search matching a few");
	snprintf(cond, sizeof cond, "n.deleted_at IS NULL AND s.programme_id = %lld", prog1);
	check_session_order((note_filter){ .search = "p", .programme_id = prog1 }, cond,
			    "a search in one programme");
	snprintf(cond, sizeof cond, "n.deleted_at IS NULL AND (s.host_org_id = %lld OR"
		 " n.about_org_id = %lld)", org_host, org_host);
	check_session_order((note_filter){ .search = "p", .org_id = org_host }, cond,
			    "a search in one school's notes");
	{
		note_filter bad = { .search = "p", .order = NOTE_ORDER_SESSION };
		st_note rows[2];

		bad.programme_id = 999999;
		is_int(note_page(db, &bad, NULL, false, rows, 2, &err), 0,
		       "a programme without sessions: nothing");
	}
	/* The review queue follows the order it is given. */
	{
		note_filter f = { .order = NOTE_ORDER_SESSION };
		long long after = 0;
		size_t len;

		ids_of("SELECT n.id FROM note n JOIN session s ON s.id = n.session_id WHERE"
		       " n.deleted_at IS NULL AND n.id NOT IN (SELECT note_id FROM tag)"
		       " ORDER BY s.date, n.created_at, n.id", want, sizeof want);
		got[0] = '\0';
		while (note_next_untagged(db, &f, after, &n, &err) == 1) {
			len = strlen(got);
			snprintf(got + len, sizeof got - len, "%s%lld", len ? "," : "", n.id);
			after = n.id;
			note_clear(&n);
		}
		is_str(got, want, "the untagged notes one by one, by session date");
	}
	/* The triggers keep the order: a session moved to another date, a
	 * note moved to another session, a new note. */
	snprintf(q, sizeof q, "UPDATE session SET date = '2017-01-10' WHERE id = %lld", s_focus);
	exec(db, q);
	check_session_order((note_filter){ 0 }, "n.deleted_at IS NULL",
			    "a session given an earlier date: its notes come first");
	snprintf(q, sizeof q, "UPDATE note SET session_id = %lld WHERE id = %lld", s_other, ids[0]);
	exec(db, q);
	check_session_order((note_filter){ 0 }, "n.deleted_at IS NULL",
			    "a note moved to another session: with that one's date");
	id = add_note(s_focus, "idea", "", "p nieuw");
	is_int(note_get(db, id, &n, &err), 1, "a new note");
	is_str(n.session_date, "2017-01-10", "  has its session's date");
	note_clear(&n);
	check_session_order((note_filter){ 0 }, "n.deleted_at IS NULL", "  and its place");
	is_int(query_int(db, "SELECT count(*) FROM note n JOIN session s ON s.id = n.session_id"
			 " WHERE n.session_date IS NOT s.date"), 0,
	       "every note has its session's date");
	snprintf(q, sizeof q, "UPDATE session SET date = '2018-11' WHERE id = %lld", s_focus);
	exec(db, q);
	exec(db, "DELETE FROM note");
	snprintf(q, sizeof q, "DELETE FROM session WHERE id = %lld", same_day);
	exec(db, q);
	exec(db, "DELETE FROM factor WHERE code = 'XO'");
}

/* ---- filters ------------------------------------------------------------ */

static void test_filters(void)
{
	note_filter f;
	st_err err = { "" };

	/* In time order: the order they are added. */
	add_note_on(db, s_groei, "observation", "tafel 1", "Françoise Peeters", 0, 0,
		    "f1 Het team heeft nog geen visie");
	add_note_on(db, s_groei, "quote", "Tafel 1 ", "Jan Peeters", 0, org_about,
		    "f2 Als ik vertrek valt alles stil");
	add_note_on(db, s_focus, "idea", "VBS De Regenboog", "Jan Peeters", 0, org_about,
		    "f3 Een STEM-kast per graad");
	add_note_on(db, s_other, "question", "tafel 2", "francoise peeters", person_zoe, 0,
		    "f4 Wie bewaakt de leerlijn?");
	exec(db, "UPDATE note SET created_at = '2018-01-01 00:00:0' || id");

	memset(&f, 0, sizeof f);
	is_str(tags(&f), "f1,f2,f3,f4", "no filter: every live note, in time order");
	is_int(note_count(db, &f, &err), 4, "  note_count: 4");
	f.programme_id = prog1;
	is_str(tags(&f), "f1,f2,f3", "programme");
	is_int(note_count(db, &f, &err), 3, "  note_count with a filter");
	is_int(note_count_upto(db, &f, 1000, &err), 3, "  note_count_upto with a filter");
	memset(&f, 0, sizeof f);
	f.session_id = s_groei;
	is_str(tags(&f), "f1,f2", "session");
	memset(&f, 0, sizeof f);
	f.session_kind = "focusgroep";
	is_str(tags(&f), "f3", "session kind focusgroep");
	f.session_kind = "groeisessie";
	is_str(tags(&f), "f1,f2,f4", "session kind groeisessie");
	memset(&f, 0, sizeof f);
	f.kind = "quote";
	is_str(tags(&f), "f2", "note kind");
	memset(&f, 0, sizeof f);
	f.group_label = "tafel 1";
	is_str(tags(&f), "f1,f2", "group label, ignoring case");
	f.group_label = " TÁFEL 1 ";
	is_str(tags(&f), "f1,f2", "  and accents and spaces at the ends");
	f.group_label = "tafel";
	is_str(tags(&f), "", "  but whole: \"tafel\" is not \"tafel 1\"");
	memset(&f, 0, sizeof f);
	f.org_id = org_host;
	is_str(tags(&f), "f1,f2", "school: notes at a session it hosted");
	f.org_id = org_about;
	is_str(tags(&f), "f2,f3", "school: notes about it");
	memset(&f, 0, sizeof f);
	f.author = "FRANCOISE PEETERS";
	is_str(tags(&f), "f1,f4", "author, ignoring case and accents");
	f.author = "Jan";
	is_str(tags(&f), "", "  but whole");
	memset(&f, 0, sizeof f);
	f.from = "2018-06-01";
	is_str(tags(&f), "f3,f4", "from a date (a month-only session inside)");
	memset(&f, 0, sizeof f);
	f.to = "2018-10-31";
	is_str(tags(&f), "f1,f2,f4", "to a date");
	f.from = "2018-05-31";
	f.to = "2018-05-31";
	is_str(tags(&f), "f1,f2", "from and to the same day: inclusive");
	f.from = "2018-11-15";
	f.to = "2018-11-15";
	is_str(tags(&f), "f3", "a day in the month of a month-only session");
	f.from = "2018-11";
	f.to = "2018-11";
	is_str(tags(&f), "f3", "a month as from and to");
	f.from = "2018-12-01";
	f.to = NULL;
	is_str(tags(&f), "", "after every session: nothing");
	memset(&f, 0, sizeof f);
	f.programme_id = prog1;
	f.kind = "idea";
	f.org_id = org_about;
	f.session_kind = "focusgroep";
	is_str(tags(&f), "f3", "filters combine");
	f.kind = "quote";
	is_str(tags(&f), "", "  all of them");
	memset(&f, 0, sizeof f);
	f.search = "visie";
	f.session_id = s_groei;
	is_str(tags(&f), "f1", "search and session combine");
	exec(db, "DELETE FROM note");
}

/* ---- search ------------------------------------------------------------- */

static void test_search(void)
{
	static const char *const syntax[] = {
		"AND", "OR", "NOT", "NEAR", "(", ")", ":", "^", "-", "+", "*", "\"", "\"\"", "'",
		"\\", "{", "}", "body:tijd", "-tijd", "^tijd", "tijd)", "(tijd", "a\"b", "\"a",
		"tijd AND", "OR tijd", "NOT tijd", "NEAR(tijd lesrooster)", "tijd : ^ - ( )",
		"AND OR NOT ( ) : ^ -", "\"\" \"\" *", "** tijd**", "group_label:tafel",
		"{body}: tijd", "tijd + lesrooster", "'; DROP TABLE note; --", "tijd\"*",
	};
	st_note n = { 0 };
	note_filter f = { 0 };
	st_err err = { "" };
	long long a, b, c;
	size_t i;
	int bad = 0;

	c = add_note(s_groei, "quote", "tafel 2",
		     "s1 Zoë: \"De kinderen tonen zoveel créativiteit als ze zelf ontwerpen.\"");
	a = add_note(s_groei, "question", "tafel 3",
		     "s2 Hoe vinden we tijd in het lesrooster voor STEM?");
	b = add_note(s_groei, "observation", "tafel 4",
		     "s3 Het lesrooster is vol: er is geen tijd voor overleg in het team.");
	add_note(s_focus, "idea", "De Regenboog", "s4 Ideeën genoeg,\nmaar co-creatie vraagt tijd.");
	exec(db, "UPDATE note SET created_at = '2018-01-01 00:00:0' || id");

	is_str(found_by("creativiteit"), "s1", "\"creativiteit\" finds \"créativiteit\"");
	is_str(found_by("Créativiteit"), "s1", "\"Créativiteit\" finds it too");
	is_str(found_by("CREATIVITEIT"), "s1", "and \"CREATIVITEIT\"");
	is_str(found_by("creat*"), "s1,s4", "a prefix: \"creat*\" (also \"creatie\" in \"co-creatie\")");
	is_str(found_by("créativ*"), "s1", "an accented prefix: \"créativ*\"");
	is_str(found_by("creat"), "", "without *, a word is whole: \"creat\" finds nothing");
	is_str(found_by("zoe"), "s1", "\"zoe\" finds \"Zoë\"");
	is_str(found_by("ideeen"), "s4", "\"ideeen\" finds \"Ideeën\"");
	is_str(found_by("\"tijd in het lesrooster\""), "s2",
	       "a phrase finds the words together");
	is_str(found_by("tijd in het lesrooster"), "s2,s3",
	       "the same words without quotes find them apart too");
	is_str(found_by("lesrooster tijd"), "s2,s3", "words in any order");
	is_str(found_by("lesrooster overleg"), "s3", "every word must occur");
	is_str(found_by("\"tijd in het les\"*"), "s2", "a phrase with a prefix");
	is_str(found_by("co-creatie"), "s4", "a word with a hyphen (a phrase of its parts)");
	is_str(found_by("tafel"), "s1,s2,s3", "the group label is searched too");
	is_str(found_by("\"tafel 3\""), "s2", "  as a phrase");
	is_str(found_by("\"\""), "s1,s2,s3,s4", "a search without words does not filter");
	is_str(found_by("niets"), "", "a word no note has: nothing");
	f.search = "creativiteit";
	is_int(note_count(db, &f, &err), 1, "note_count with a search");

	for (i = 0; i < sizeof syntax / sizeof syntax[0]; i++) {
		const char *r;

		f.search = syntax[i];
		r = tags(&f);
		if (strncmp(r, "ERROR", 5) == 0 || note_count(db, &f, &err) < 0) {
			bad++;
			diag("search %s: %s", syntax[i], r);
		}
	}
	is_int(bad, 0, "characters FTS5 reads as syntax are searched as text, never an error");
	is_str(found_by("NOT tijd"), "", "\"NOT tijd\" is two words, not an operator");
	is_str(found_by("tijd)"), "s2,s3,s4", "\"tijd)\" is the word tijd");
	is_int(query_int(db, "SELECT count(*) FROM note"), 4, "and no search wrote anything");

	/* The triggers keep the index in step. */
	n.id = a;
	n.kind = "question";
	n.body = "s2 Waar zetten we de werkbanken?";
	n.group_label = "tafel 3";
	note_update(db, &n, &err);
	is_str(found_by("werkbanken"), "s2", "an edited note is found by its new words");
	is_str(found_by("\"tijd in het lesrooster\""), "", "  and no longer by its old ones");
	is_str(found_by("lesrooster"), "s3", "  (the other note still is)");
	n.group_label = "tafel 9";
	note_update(db, &n, &err);
	is_str(found_by("\"tafel 9\""), "s2", "a changed group label is found");
	is_str(found_by("\"tafel 3\""), "", "  the old one is not");
	note_delete(db, c, &err);
	is_str(found_by("creativiteit"), "", "a deleted note is not found");
	f.search = "creativiteit";
	f.trash = true;
	is_str(tags(&f), "s1", "  unless searching the trash");
	f.trash = false;
	note_restore(db, c, &err);
	is_str(found_by("creativiteit"), "s1", "a restored note is found again");
	fts_integrity("the index matches the notes (FTS5 integrity-check)");
	{
		char sql[128];

		snprintf(sql, sizeof sql, "DELETE FROM note WHERE id = %lld", b);
		exec(db, sql);
	}
	is_str(found_by("overleg"), "", "a note removed with SQL is gone from the index");
	fts_integrity("  and the index still matches");
	exec(db, "DELETE FROM note");
	fts_integrity("an empty note table, an empty index");
}

/* ---- group labels ------------------------------------------------------- */

static void test_groups(void)
{
	char *out[10];
	st_err err = { "" };
	long long gone;
	int n, i;
	char buf[512];

	add_note(s_groei, "", "tafel 1", "g1");
	add_note(s_groei, "", "tafel 1", "g2");
	add_note(s_focus, "", "tafel 1", "g3");
	add_note(s_groei, "", "tafel 2", "g4");
	add_note(s_focus, "", "VBS De Regenboog", "g5");
	add_note(s_focus, "", "VBS De Regenboog", "g6");
	add_note(s_other, "", "Tafel 3", "g7");
	add_note(s_other, "", "", "g8");
	gone = add_note(s_other, "", "Weg", "g9");
	note_delete(db, gone, &err);

#define GROUPS(session, prefix, max) do { \
		n = note_groups(db, session, prefix, out, max, &err); \
		buf[0] = '\0'; \
		for (i = 0; i < n; i++) { \
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? "|" : "", \
				 out[i]); \
			free(out[i]); \
		} \
	} while (0)

	GROUPS(0, "", 10);
	is_str(buf, "tafel 1|VBS De Regenboog|Tafel 3|tafel 2",
	       "every label, most used first (no empty one, none from the trash)");
	GROUPS(0, "taf", 10);
	is_str(buf, "tafel 1|Tafel 3|tafel 2", "those starting with \"taf\"");
	GROUPS(0, "TÁF", 10);
	is_str(buf, "tafel 1|Tafel 3|tafel 2", "  ignoring case and accents");
	GROUPS(0, "tafel ", 10);
	is_str(buf, "tafel 1|Tafel 3|tafel 2", "  a space at the end counts");
	GROUPS(0, "vbs", 10);
	is_str(buf, "VBS De Regenboog", "\"vbs\"");
	GROUPS(0, "x", 10);
	is_str(buf, "", "no label starts with x");
	GROUPS(s_focus, "", 10);
	is_str(buf, "VBS De Regenboog|tafel 1|Tafel 3|tafel 2",
	       "at a session, its own labels first");
	GROUPS(s_other, "", 2);
	is_str(buf, "Tafel 3|tafel 1", "  up to max");
	GROUPS(0, NULL, 10);
	is_int(n, 4, "a NULL prefix is \"\"");
#undef GROUPS
	strcpy(buf, "unchanged");
	is_int(note_group_spelling(db, s_other, "  TAFEL 1 ", buf, sizeof buf, &err), 1,
	       "note_group_spelling finds a label ignoring case and blanks");
	is_str(buf, "tafel 1", "  and gives its spelling");
	is_int(note_group_spelling(db, 0, "tafel", buf, sizeof buf, &err), 0,
	       "  a start of a label is not that label");
	is_str(buf, "tafel 1", "  and out is left alone");
	exec(db, "DELETE FROM note");
}

/* ---- drafts ------------------------------------------------------------- */

static void test_drafts(void)
{
	st_draft d = { 0 }, got = { 0 };
	st_err err = { "" };

	is_int(draft_newest(db, &got, &err), 0, "no drafts: draft_newest 0");
	d.key = "session:7";
	d.body = "Half getypt, met een\nregel";
	d.kind = "idea";
	d.group_label = "tafel 2";
	is_int(draft_save(db, &d, &err), 0, "draft_save");
	is_int(draft_load(db, "session:7", &got, &err), 1, "draft_load finds it");
	is_str(got.key, "session:7", "  key");
	is_str(got.body, "Half getypt, met een\nregel", "  body as typed");
	is_str(got.kind, "idea", "  kind");
	is_str(got.group_label, "tafel 2", "  group");
	ok(is_local_time(got.saved_at), "  saved_at is local time (%s)", got.saved_at);
	draft_clear_fields(&got);
	ok(got.key == NULL && got.body == NULL, "draft_clear_fields empties it");
	d.body = "Half getypt, met een\nregel en meer  ";
	d.kind = NULL;
	d.group_label = NULL;
	is_int(draft_save(db, &d, &err), 0, "saving the same key again");
	draft_load(db, "session:7", &got, &err);
	is_str(got.body, "Half getypt, met een\nregel en meer  ", "  overwrites (not trimmed)");
	is_str(got.kind, "", "  a NULL kind is \"\"");
	draft_clear_fields(&got);
	is_int(query_int(db, "SELECT count(*) FROM draft"), 1, "  one draft per key");
	d.key = "note:12";
	d.body = "Bewerking";
	draft_save(db, &d, &err);
	is_int(draft_newest(db, &got, &err), 1, "draft_newest");
	is_str(got.key, "note:12", "  is the last saved");
	draft_clear_fields(&got);
	d.key = "session:7";
	d.body = "Nog meer";
	draft_save(db, &d, &err);
	draft_newest(db, &got, &err);
	is_str(got.key, "session:7", "  by the order of saving, also within one second");
	draft_clear_fields(&got);
	is_int(draft_delete(db, "session:7", &err), 0, "draft_delete");
	is_int(draft_load(db, "session:7", &got, &err), 0, "  it is gone");
	draft_newest(db, &got, &err);
	is_str(got.key, "note:12", "  the newest is the other one");
	draft_clear_fields(&got);
	is_int(draft_delete(db, "nothing:1", &err), 0, "deleting a key without a draft is fine");
	d.key = "note:12";
	d.body = " \n ";
	is_int(draft_save(db, &d, &err), 0, "saving an empty body");
	is_int(draft_load(db, "note:12", &got, &err), 0, "  deletes the draft");
	d.key = "";
	d.body = "x";
	is_int(draft_save(db, &d, &err), -1, "a draft without a key is refused");
	is_int(query_int(db, "SELECT count(*) FROM draft"), 0, "no drafts left");
	ok(sqlite3_get_autocommit(db), "no transaction left open");
}

/* Two facilitators on one database: each is offered only their own. */
static void test_drafts_own(void)
{
	st_draft d = { 0 }, got[4];
	st_err err = { "" };
	char key[128];
	int n;

	memset(got, 0, sizeof got);
	draft_key(key, sizeof key, false, 7, "Arne Smets");
	is_str(key, "session:7:Arne Smets", "draft_key of a new note");
	draft_key(key, sizeof key, true, 12, NULL);
	is_str(key, "note:12:", "draft_key of an edit, without a facilitator");
#define SAVE(k, b) (d.key = (k), d.body = (b), draft_save(db, &d, &err))
	SAVE("session:7:Lies Peeters", "van Lies");
	SAVE("session:7:Arne Smets", "van Arne");
	SAVE("note:3:Lies Peeters", "bewerking van Lies");
	SAVE("session:7:", "van niemand");
	SAVE("session:8:Arne Smets:x", "een andere naam");
	SAVE("session:9:Peeters", "ook een andere naam");
#undef SAVE
	n = draft_list_own(db, "Lies Peeters", got, 4, &err);
	is_int(n, 2, "Lies has two drafts");
	is_str(got[0].key, "note:3:Lies Peeters", "  newest first");
	is_str(got[1].body, "van Lies", "  and her other one");
	while (n > 0)
		draft_clear_fields(&got[--n]);
	n = draft_list_own(db, "Arne Smets", got, 4, &err);
	is_int(n, 1, "Arne has one: never Lies's, nor one of a longer name");
	is_str(got[0].body, "van Arne", "  his own");
	while (n > 0)
		draft_clear_fields(&got[--n]);
	n = draft_list_own(db, "", got, 4, &err);
	is_int(n, 1, "without a facilitator only the drafts without one");
	is_str(got[0].body, "van niemand", "  that one");
	while (n > 0)
		draft_clear_fields(&got[--n]);
	is_int(draft_list_own(db, "Lies Peeters", got, 1, &err), 1, "up to max");
	draft_clear_fields(&got[0]);
	exec(db, "DELETE FROM draft");
}

/* ---- the external editor's command -------------------------------------- */

/* The words of cmd joined with "|", or "-1". */
static const char *words(const char *cmd)
{
	static char out[512];
	char buf[256], *argv[8];
	int n = fs_command_words(cmd, buf, sizeof buf, argv, 8), i;
	size_t len = 0;

	if (n < 0)
		return "-1";
	out[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", i ? "|" : "", argv[i]);
	ok(argv[n] == NULL, "  argv ends in NULL (%s)", cmd);
	return out;
}

static void test_command_words(void)
{
	char path[4300], cmd[4400];
	FILE *f;

	is_str(words("vi"), "vi", "one word");
	is_str(words("  emacs  -nw\t"), "emacs|-nw", "blanks around and between words");
	is_str(words("ed2.sh --foo 'bar baz'"), "ed2.sh|--foo|bar baz", "single quotes keep a space");
	is_str(words("ed \"a \\\"b\\\" c\""), "ed|a \"b\" c", "double quotes, with \\\" inside");
	is_str(words("ed \"a\\b\""), "ed|a\\b", "  where \\ before another character stays");
	is_str(words("ed 'it\\s'"), "ed|it\\s", "nothing is special in single quotes");
	is_str(words("/opt/my\\ editor/bin -x"), "/opt/my editor/bin|-x", "a backslash keeps a space");
	is_str(words("ed a'b'\"c\"d"), "ed|abcd", "quoted parts join into one word");
	is_str(words("ed ''"), "ed|", "an empty quoted word is a word");
	is_str(words("ed $HOME ~ *"), "ed|$HOME|~|*", "nothing is expanded");
	is_str(words("ed 'open"), "-1", "a quote not closed is refused");
	is_str(words("ed \"open"), "-1", "  also a double one");
	is_str(words("a b c d e f g h"), "-1", "more words than fit are refused");
	is_str(words(""), "", "nothing: no word");
	snprintf(path, sizeof path, "%s/dir with space", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/dir with space/ed.sh", dir);
	f = fopen(path, "w");
	fputs("#!/bin/sh\n", f);
	fclose(f);
	chmod(path, 0700);
	is_str(words(path), path, "the path of an executable file is taken whole");
	snprintf(cmd, sizeof cmd, "%s -x", path);
	ok(strcmp(words(cmd), "-1") != 0 && strstr(words(cmd), "|with|"),
	   "  not when arguments follow (then it is split)");
}

/* ---- two processes ------------------------------------------------------ */

/* 1 when process pid is asleep (state S in /proc/PID/stat), 0 when not,
 * -1 when there is no telling.  A process that does nothing but wait for
 * a lock waits asleep. */
static int asleep(pid_t pid)
{
	char path[64], buf[512], *paren;
	size_t got;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	got = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[got] = '\0';
	paren = strrchr(buf, ')');   /* the name in parentheses may hold anything */
	if (!paren || paren[1] != ' ')
		return -1;
	return paren[2] == 'S';
}

/* The other stemtui: takes the write lock and says so on `locked`, holds
 * it until a byte (or the end) comes on `release`, then waits until the
 * test process is asleep, which after the release can only be waiting for
 * the lock, so that the write it makes meanwhile surely had to wait
 * (where /proc tells; else it lets go at once); commits.
 * Never returns. */
static void hold_write_lock(const char *path, int locked, int release)
{
	sqlite3 *other = NULL;
	st_err err = { "" };
	int tries;
	char c;

	if (db_open(path, &other, NULL, &err) != DB_OPEN_OK ||
	    sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO draft (key, body,"
			 " saved_at) VALUES ('other:' || random(), 'x', '')",
			 NULL, NULL, NULL) != SQLITE_OK)
		_exit(1);
	if (write(locked, "L", 1) != 1 || read(release, &c, 1) < 0)
		_exit(1);
	/* Polls for the state, not for time; the deadline (5000 polls, some
	 * 5 s, half the busy timeout) is only there so that it never hangs. */
	for (tries = 0; tries < 5000 && asleep(getppid()) == 0; tries++)
		usleep(1000);
	if (sqlite3_exec(other, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		_exit(1);
	sqlite3_close(other);
	_exit(0);
}

/* Another process holds the write lock until this one lets it go: opening
 * and reading meanwhile must not need the lock (else they would fail, as
 * it is never let go while they run), and a note (and, second, a draft)
 * written once it is let go must wait for it and succeed.  Nothing here
 * depends on how long anything takes. */
static void test_busy(void)
{
	char path[4200];
	sqlite3 *mine = NULL;
	st_err err = { "" };
	long long session;
	int locked[2], release[2], status = 0, round;
	pid_t pid;
	char c;

	snprintf(path, sizeof path, "%s/busy.sqlite", dir);
	if (db_open(path, &mine, NULL, &err) != DB_OPEN_OK) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
	session = add_session(mine, add_programme(mine, "P", "P"), "COP 01", "groeisessie",
			      "2018-05-31", 0);
	/* Closed before fork: the child must not inherit an open connection. */
	db_close(mine);
	for (round = 0; round < 2; round++) {
		if (pipe(locked) != 0 || pipe(release) != 0) {
			printf("Bail out! pipe\n");
			exit(99);
		}
		fflush(stdout);
		pid = fork();
		if (pid < 0) {
			printf("Bail out! fork\n");
			exit(99);
		}
		if (pid == 0) {
			close(locked[0]);
			close(release[1]);
			hold_write_lock(path, locked[1], release[0]);
		}
		close(locked[1]);
		close(release[0]);
		if (read(locked[0], &c, 1) != 1) {
			printf("Bail out! the child did not take the lock\n");
			exit(99);
		}
		close(locked[0]);
		if (db_open(path, &mine, NULL, &err) != DB_OPEN_OK) {
			ok(0, "db_open while another process holds the write lock: %s", err.msg);
			close(release[1]);
			waitpid(pid, &status, 0);
			return;
		}
		if (round == 0) {
			ok(1, "db_open while another process holds the write lock");
			is_int(note_count(mine, NULL, &err), 0, "reading then works too");
		}
		/* Let go once this process waits for the lock. */
		if (write(release[1], "G", 1) != 1) {
			printf("Bail out! cannot reach the child\n");
			exit(99);
		}
		close(release[1]);
		if (round == 0) {
			add_note_on(mine, session, "", "", "", 0, 0, "tijdens een schrijfslot");
			ok(1, "note_add waits for another process's write lock and succeeds");
		} else {
			st_draft d = { .key = "session:1", .body = "typing" };

			is_int(draft_save(mine, &d, &err), 0, "draft_save waits and succeeds too");
		}
		waitpid(pid, &status, 0);
		ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "  and the other process committed");
		db_close(mine);
	}
	mine = NULL;
	if (db_open(path, &mine, NULL, &err) == DB_OPEN_OK) {
		is_int(query_int(mine, "SELECT count(*) FROM note"), 1, "the note is there");
		is_int(query_int(mine, "SELECT count(*) FROM draft"), 3,
		       "and both processes' drafts");
		db_close(mine);
	}
}

/* ---- migration ---------------------------------------------------------- */

/* st_fold for a plain connection, as db_open registers it. */
static void test_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);

	(void)argc;
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, text_fold((const char *)s), -1, free);
}

/* A database at schema 2 holding notes, opened by this stemtui. */
static void test_migration(void)
{
	char path[4200], sql[256];
	sqlite3 *old = NULL, *saved = db;
	st_err err = { "" };
	st_draft d = { .key = "session:1", .body = "nog niet bewaard" }, got = { 0 };

	snprintf(path, sizeof path, "%s/v2.sqlite", dir);
	if (sqlite3_open(path, &old) != SQLITE_OK)
		exit(99);
	sqlite3_create_function(old, "st_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				test_fold, NULL, NULL);
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = 2;",
		 (int)ST_DB_APP_ID);
	if (sqlite3_exec(old, schema_migration(0), NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(old, schema_migration(1), NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(old, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(old, "INSERT INTO programme (name) VALUES ('P');"
			 "INSERT INTO session (programme_id, code, code_key, kind, date)"
			 " VALUES (1, 'COP 07', 'cop 07', 'groeisessie', '2018-05-31');"
			 "INSERT INTO note (session_id, body, group_label, created_at, updated_at)"
			 " VALUES (1, 'm1 Een oude notitie over créativiteit', 'tafel 1',"
			 " '2018-05-31 09:00:00', '2018-05-31 09:00:00');"
			 "INSERT INTO note (session_id, body, created_at, updated_at)"
			 " VALUES (1, 'm2 Nog een', '2018-05-31 09:05:00', '2018-05-31 09:05:00');",
			 NULL, NULL, NULL) != SQLITE_OK) {
		printf("Bail out! making a version 2 database: %s\n", sqlite3_errmsg(old));
		exit(99);
	}
	sqlite3_close(old);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		ok(0, "a version 2 database opens: %s", err.msg);
		db = saved;
		return;
	}
	ok(db_schema_version() >= 3, "this stemtui writes schema 3 or later");
	is_int(query_int(db, "PRAGMA user_version"), db_schema_version(),
	       "a version 2 database is migrated to the current version");
	is_str(found_by("creativiteit"), "m1", "  its old notes are found by search");
	is_str(found_by("\"tafel 1\""), "m1", "  also by group label");
	fts_integrity("  the index matches the notes");
	is_int(draft_save(db, &d, &err), 0, "  drafts can be saved");
	is_int(draft_load(db, "session:1", &got, &err), 1, "  and loaded");
	draft_clear_fields(&got);
	add_note(1, "idea", "", "m3 Een nieuwe notitie");
	is_str(found_by("nieuwe"), "m3", "  new notes are found");
	is_int(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN"
			 " ('note_by_deleted_created', 'draft_by_seq', 'note_live_by_session_kind',"
			 " 'note_trash_by_created')"), 4,
	       "  with the new indexes");
	is_int(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN"
			 " ('note_by_group', 'note_by_created')"), 0,
	       "  and without those no query used (migration 17)");
	is_int(query_int(db, "SELECT count(*) FROM note WHERE session_date = '2018-05-31'"), 3,
	       "  old and new notes know their session's date (migration 8)");
	db_close(db);
	db = saved;
}

int main(void)
{
	fixture_locale();
	dir = fixture_start("notes");
	db = open_db("notes.sqlite");
	setup();
	test_kinds();
	test_add_get();
	test_update_delete();
	test_paging();
	test_paging_sessions();
	test_paging_factors();
	test_session_order();
	test_filters();
	test_search();
	test_groups();
	test_drafts();
	test_drafts_own();
	test_command_words();
	test_busy();
	test_migration();
	db_close(db);
	return tap_done();
}
