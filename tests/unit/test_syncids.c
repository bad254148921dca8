/* test_syncids.c: the ids rows have in a network (rowids.h) and the
 * renumbering of a database that joins one (renumber.h): shipped rows
 * share their ids across databases, every relation, figure, index, draft
 * and the undo of check-ins survive renumbering, and nothing else is
 * shared (TAP). */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/check.h"
#include "core/codebook_import.h"
#include "core/db.h"
#include "core/demo.h"
#include "core/drafts.h"
#include "core/notes.h"
#include "core/people_import.h"
#include "core/programme_import.h"
#include "core/renumber.h"
#include "core/roles.h"
#include "core/rowids.h"
#include "core/syncid.h"
#include "fixture.h"
#include "../tap.h"

#define NETWORK "5354454d-5359-4e43-8000-000000000001"

/* A new database name holding the shipped programme and codebook, and
 * the demo's people, notes and tags when demo. */
static sqlite3 *shipped_db(const char *name, bool demo)
{
	sqlite3 *db = open_db(name);
	st_err err = { "" };

	if (programme_import_shipped(db, &err) != 0 || codebook_import_shipped(db, &err) != 0 ||
	    (demo && demo_seed(db, &err) != 0)) {
		printf("Bail out! %s: %s\n", name, err.msg);
		exit(99);
	}
	return db;
}

static void join(sqlite3 *db, const char *what)
{
	st_err err = { "" };

	if (syncid_join(db, NETWORK, &err) != 0)
		diag("%s", err.msg);
	ok(query_int(db, "SELECT network_id IS NOT NULL FROM sync_self") == 1, "%s joins", what);
}

/* Every row of the data with each id replaced by what it names (a person
 * by name, a session by programme and code, a note by its text and time),
 * the attendance log in its order: equal before and after renumbering
 * exactly when every relation and that order are kept. */
#define PERSON(x) "(SELECT first_name || ' ' || last_name FROM person WHERE id = " x ")"
#define ORG(x) "(SELECT kind || ' ' || name FROM organisation WHERE id = " x ")"
#define SESSION(x) "(SELECT p.name || ' ' || s.code FROM session s JOIN programme p" \
	" ON p.id = s.programme_id WHERE s.id = " x ")"
#define NOTE(x) "(SELECT body || ' ' || created_at FROM note WHERE id = " x ")"
#define FACTOR(x) "(SELECT code FROM factor WHERE id = " x ")"
static const char *const canonical[] = {
	"SELECT name, school_year, description FROM programme ORDER BY 1",
	"SELECT kind, name, name_key, network, street, postcode, city FROM organisation ORDER BY 1, 2",
	"SELECT " SESSION("session.id") ", code_key, kind, title, date, start_time, end_time, venue,"
	" room, " ORG("host_org_id") ", remark FROM session ORDER BY 1",
	"SELECT first_name, last_name, sort_key, role, " ORG("organisation_id") ", email,"
	" created_at, name_key, first_last_key, last_first_key FROM person ORDER BY 1, 2, 3",
	"SELECT " PERSON("person_id") ", focus FROM person_focus ORDER BY 1, 2",
	"SELECT " PERSON("coach_id") ", " ORG("school_id") " FROM coaching ORDER BY 1, 2",
	"SELECT " SESSION("session_id") ", " PERSON("person_id") ", status, arrived_at, updated_at,"
	" walk_in FROM attendance ORDER BY 1, 2",
	"SELECT code, " FACTOR("parent_id") ", name, definition, inclusion, exclusion, colour, memo,"
	" guid, position FROM factor ORDER BY 1",
	"SELECT " SESSION("session_id") ", kind, body, group_label, " PERSON("about_person_id") ", "
	ORG("about_org_id") ", author, created_at, updated_at, deleted_at, author_key, session_date"
	" FROM note ORDER BY 3, 8",
	"SELECT " NOTE("note_id") ", " FACTOR("factor_id") ", polarity FROM tag ORDER BY 1, 2",
	"SELECT " SESSION("session_id") ", " PERSON("person_id") ", old_status, old_arrived_at,"
	" new_status, new_arrived_at, changed_at, undone FROM attendance_log ORDER BY id",
};
#define CANONICAL (sizeof canonical / sizeof canonical[0])

/* Dumps the tests compare, freed at the end. */
static char *kept[64];
static int nkept;

static const char *keep(char *s)
{
	if (nkept == 64)
		exit(99);
	return kept[nkept++] = s;
}

/* The rows of one query, one a line. */
static const char *ids_with(sqlite3 *db, const char *sql)
{
	return keep(dump_rows(db, &sql, 1));
}

/* The ids of a table, one a line. */
static const char *ids(sqlite3 *db, const char *table)
{
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT id FROM %s ORDER BY id", table);
	return ids_with(db, sql);
}

static void test_content_ids(void)
{
	/* The rule of stemtui(1), SYNC FILES, pinned: another program can
	 * compute them. */
	is_int(rowid_of_programme("STEM++"), 8069620134808245LL, "a programme's id from its name");
	is_int(rowid_of_session("STEM++", "COP 7"), 4032697225927798LL,
	       "a session's from its programme's name and its code");
	is_int(rowid_of_factor("A1"), 7657570000297304LL, "a factor's from its code");
	ok(rowid_of_session("STEM+", "+COP 7") != rowid_of_session("STEM++", "COP 7"),
	   "the parts are kept apart");
	ok(rowid_random() > 0 && rowid_random() < ROWID_LIMIT, "a random id is below 2^53");
}

static void test_shipped_shared(void)
{
	sqlite3 *a = shipped_db("shipped-a.sqlite", false), *b = shipped_db("shipped-b.sqlite", true);
	static const char *const shipped[] = {
		"SELECT id, name FROM programme ORDER BY id",
		"SELECT id, code FROM session ORDER BY id",
		"SELECT id, code, parent_id FROM factor ORDER BY id",
	};
	const char *before;
	char *want;

	join(a, "a database with the shipped data only");
	join(b, "a demo database");
	before = keep(dump_rows(a, shipped, 3));
	is_str(before, keep(dump_rows(b, shipped, 3)), "the shipped rows have the same ids in both");
	want = sqlite3_mprintf("%lld", rowid_of_programme(query_text(a, "SELECT name FROM programme")));
	is_str(query_text(a, "SELECT id FROM programme"), want, "  the programme's is its content id");
	sqlite3_free(want);
	ok(query_int(a, "SELECT min(id) FROM factor") > 1000000, "  the factors' ids are large");
	db_close(a);
	db_close(b);
}

/* The person at place i (by name) of those not registered at session. */
static long long unregistered(sqlite3 *db, long long session, int i)
{
	char *sql = sqlite3_mprintf("SELECT id FROM person WHERE id NOT IN (SELECT person_id"
				    " FROM attendance WHERE session_id = %lld) OR id IN (SELECT"
				    " person_id FROM attendance_log) ORDER BY sort_key LIMIT 1"
				    " OFFSET %d", session, i);
	long long id = query_int(db, sql);

	sqlite3_free(sql);
	return id;
}

/* Three check-ins at one session of db, within a second; the person of
 * the last. */
static long long check_in_three(sqlite3 *db, long long *session)
{
	st_err err = { "" };
	long long p[3];
	int i;

	*session = query_int(db, "SELECT id FROM session ORDER BY date LIMIT 1");
	for (i = 0; i < 3; i++)
		p[i] = unregistered(db, *session, i);
	for (i = 0; i < 3; i++)
		if (attendance_set(db, *session, p[i], i == 1 ? ATT_ABSENT : ATT_PRESENT, &err) != 0)
			diag("%s", err.msg);
	return p[2];
}

/* Joining first and loading the shipped data after gives the same ids as
 * loading first and joining after. */
static void test_join_then_load(void)
{
	sqlite3 *a = open_db("join-first.sqlite"), *b = shipped_db("load-first.sqlite", false);
	static const char *const shipped[] = {
		"SELECT id, name FROM programme ORDER BY id",
		"SELECT id, code, programme_id FROM session ORDER BY id",
		"SELECT id, code, parent_id FROM factor ORDER BY id",
	};
	st_err err = { "" };

	join(a, "an empty database");
	if (programme_import_shipped(a, &err) != 0 || codebook_import_shipped(a, &err) != 0)
		diag("%s", err.msg);
	join(b, "a database with the shipped data");
	is_str(keep(dump_rows(a, shipped, 3)), keep(dump_rows(b, shipped, 3)),
	       "loading the shipped data in a network gives the ids joining gives");
	db_close(a);
	db_close(b);
}

static void test_renumber_keeps_everything(void)
{
	sqlite3 *db = shipped_db("demo.sqlite", true);
	st_err err = { "" };
	st_draft d = { 0 }, got = { 0 };
	check_report r;
	long long session, last, undone = 0, note, p2;
	char key[128], *before;
	const char *notes_before, *names_before;
	int i, wrong = 0;

	last = check_in_three(db, &session);
	p2 = unregistered(db, session, 1);
	note = query_int(db, "SELECT id FROM note ORDER BY created_at DESC LIMIT 1");
	draft_key(key, sizeof key, true, note, "Arne Smets");
	d.key = key;
	d.body = "half a note";
	draft_save(db, &d, &err);
	before = dump_rows(db, canonical, CANONICAL);
	notes_before = ids_with(db, "SELECT n.body FROM note_fts f JOIN note n ON n.id = f.rowid"
				" WHERE note_fts MATCH 'leerkrachten' ORDER BY 1");
	names_before = ids_with(db, "SELECT p.last_name FROM person_name x JOIN person p"
				" ON p.id = x.rowid WHERE person_name MATCH 'een' ORDER BY 1");
	ok(strlen(notes_before) > 0 && strlen(names_before) > 0, "the searches find something");

	join(db, "the demo database");
	is_str(keep(dump_rows(db, canonical, CANONICAL)), before,
	       "every relation is kept, and the order of the attendance log");
	free(before);
	ok(query_int(db, "SELECT min(id) FROM person") > 1000000 &&
	   query_int(db, "SELECT min(id) FROM note") > 1000000, "people and notes have large ids");
	ok(query_int(db, "SELECT max(id) FROM person") < ROWID_LIMIT, "  below 2^53");
	is_int(query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0,
	       "no reference is broken");

	memset(&r, 0, sizeof r);
	is_int(db_check(db, fixture_path("demo.sqlite"), &r, &err), 0, "stemtui check runs");
	for (i = 0; i < CHECK_COUNT; i++) {
		if (i != CHECK_FILE_MODES && (r.found[i] || r.skipped[i])) {
			diag("%s: %s", check_item_name(i), r.detail[i] ? r.detail[i] : "");
			wrong++;
		}
	}
	is_int(wrong, 0, "  and finds the figures, indexes and keys right");
	check_report_free(&r);
	is_str(ids_with(db, "SELECT n.body FROM note_fts f JOIN note n ON n.id = f.rowid"
			" WHERE note_fts MATCH 'leerkrachten' ORDER BY 1"), notes_before,
	       "searching the notes finds the same notes");
	is_str(ids_with(db, "SELECT p.last_name FROM person_name x JOIN person p"
			" ON p.id = x.rowid WHERE person_name MATCH 'een' ORDER BY 1"), names_before,
	       "searching the names finds the same people");
	is_int(query_int(db, "SELECT count(*) FROM person_name_start s WHERE NOT EXISTS"
			 " (SELECT 1 FROM person p WHERE p.id = s.person_id AND p.sort_key = s.sort_key)"),
	       0, "the starts of names (type-ahead) name the people by their new ids");
	is_int(query_int(db, "SELECT count(DISTINCT person_id) FROM person_name_start"),
	       query_int(db, "SELECT count(*) FROM person"), "  every person among them");

	note = query_int(db, "SELECT id FROM note ORDER BY created_at DESC LIMIT 1");
	draft_key(key, sizeof key, true, note, "Arne Smets");
	is_int(draft_load(db, key, &got, &err), 1, "the draft of a note edit is under its new id");
	is_str(got.body, "half a note", "  with its text");
	draft_clear_fields(&got);

	session = query_int(db, "SELECT id FROM session ORDER BY date LIMIT 1");
	is_int(attendance_undo(db, session, &undone, &err), 1, "undo still undoes");
	ok(undone == unregistered(db, session, 2) &&
	   undone != last, "  the newest check-in, under its person's new id");
	is_int(attendance_undo(db, session, &undone, &err), 1, "  and the one before it");
	ok(undone == unregistered(db, session, 1) &&
	   undone != p2, "  in order");
	is_int(attendance_redo(db, session, &undone, &err), 1, "redo still redoes");
	db_close(db);
}

static void test_separate_databases(void)
{
	sqlite3 *a = shipped_db("sep-a.sqlite", true), *b = shipped_db("sep-b.sqlite", true);
	static const char *const tables[] = { "person", "note" };
	char *sql;
	size_t i;

	join(a, "one laptop's database");
	join(b, "another's, with the same demo content");
	is_str(ids(a, "session"), ids(b, "session"), "they share the sessions' ids");
	is_str(ids(a, "factor"), ids(b, "factor"), "  and the factors'");
	is_str(ids(a, "organisation"), ids(b, "organisation"),
	       "  and the organisations' (of the same name and postcode)");
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		sql = sqlite3_mprintf("ATTACH %Q AS b", fixture_path("sep-b.sqlite"));
		exec(a, sql);
		sqlite3_free(sql);
		sql = sqlite3_mprintf("SELECT count(*) FROM main.%s x JOIN b.%s y USING (id)",
				      tables[i], tables[i]);
		ok(query_int(a, sql) == 0, "no id of their %s is shared", tables[i]);
		sqlite3_free(sql);
		exec(a, "DETACH b");
	}
	db_close(a);
	db_close(b);
}

static void test_refused_with_pending(void)
{
	sqlite3 *db = shipped_db("pending.sqlite", true);
	st_err err = { "" };
	const char *before = ids(db, "person");

	write_file("pending.sqlite-pending-abc123", "stemtui pending writes 1\n");
	is_int(syncid_join(db, NETWORK, &err), -1, "joining waits for pending writes");
	has_str(err.msg, "pending", "  saying why");
	is_str(ids(db, "person"), before, "  the ids unchanged");
	is_int(query_int(db, "SELECT network_id IS NULL FROM sync_self"), 1, "  in no network");
	db_close(db);
}

/* Whether id is one a network gives at random: far beyond what 1, 2, 3
 * reaches, below 2^53. */
static bool network_id(long long id)
{
	return id > (1LL << 32) && id < ROWID_LIMIT;
}

static void test_new_rows(void)
{
	sqlite3 *db = shipped_db("new.sqlite", false), *plain = shipped_db("plain.sqlite", false);
	st_err err = { "" };
	st_note n = { 0 };
	st_roles roles;
	people_import_stats stats = { 0 };
	long long org, person, session, log1, log2;
	const char *csv = write_file("people.csv", "first_name,last_name,role,organisation\n"
				     "Zoë,Peeters,leraar,Nieuwe School\nJan,Peeters,leraar,\n");

	join(db, "a database");
	org = add_org(db, "school", "De Nieuwe");
	person = add_person(db, "Lien", "Claes", "leraar", org, "");
	ok(network_id(org) && network_id(person), "a new organisation and person get random ids");
	session = query_int(db, "SELECT id FROM session ORDER BY date LIMIT 1");
	n.session_id = session;
	n.body = "een nieuwe notitie";
	if (note_add(db, &n, &err) != 0)
		diag("%s", err.msg);
	ok(network_id(n.id), "a new note too");
	ok(network_id(add_factor(db, 0, "ZZ9", "Nieuw", "")), "a factor made by hand too");
	is_int(add_factor(db, 0, "ZZ8", "Nieuw", ""), rowid_of_factor("ZZ8"),
	       "  its content id, as another laptop gives a factor of that code");

	if (roles_load(&roles, NULL, &err) != 0 ||
	    people_import_csv(db, csv, &roles, 0, &stats, &err) != 0)
		diag("%s", err.msg);
	free(stats.warnings);
	roles_free(&roles);
	ok(network_id(query_int(db, "SELECT id FROM person WHERE first_name = 'Zoë'")) &&
	   network_id(query_int(db, "SELECT id FROM person WHERE first_name = 'Jan'")) &&
	   network_id(query_int(db, "SELECT id FROM organisation WHERE name = 'Nieuwe School'")),
	   "a list of people imports with random ids");
	is_int(query_int(db, "SELECT count(*) FROM person p JOIN organisation o"
			 " ON o.id = p.organisation_id WHERE p.first_name = 'Zoë'"
			 " AND o.name = 'Nieuwe School'"), 1, "  each person with their school");

	attendance_set(db, session, person, ATT_PRESENT, &err);
	attendance_set(db, session, person, ATT_ABSENT, &err);
	log1 = query_int(db, "SELECT min(id) FROM attendance_log");
	log2 = query_int(db, "SELECT max(id) FROM attendance_log");
	ok(network_id(log1) && log2 > log1 &&
	   query_int(db, "SELECT new_status = 'absent' FROM attendance_log ORDER BY id DESC") == 1,
	   "the attendance log gets ids in time order, newest last");
	is_int(attendance_undo(db, session, NULL, &err), 1, "  undo takes the newest back");
	is_str(query_text(db, "SELECT status FROM attendance WHERE person_id = (SELECT max(id)"
			  " FROM person WHERE first_name = 'Lien')"), "present", "  to present");

	/* A content id another row holds: a factor renamed away from ZZ8. */
	exec(db, "UPDATE factor SET code = 'ZZ7' WHERE code = 'ZZ8'");
	ok(network_id(add_factor(db, 0, "ZZ8", "Nog nieuwer", "")) &&
	   query_int(db, "SELECT id FROM factor WHERE code = 'ZZ8'") != rowid_of_factor("ZZ8"),
	   "a code whose content id another factor holds gets a random id");
	is_int(query_int(db, "SELECT id FROM factor WHERE code = 'ZZ7'"), rowid_of_factor("ZZ8"),
	       "  the other keeps its own");

	org = add_org(plain, "school", "De Nieuwe");
	ok(org < 100 && add_person(plain, "Lien", "Claes", "leraar", org, "") < 100,
	   "a database in no network keeps numbering 1, 2, 3");
	db_close(db);
	db_close(plain);
}

int main(void)
{
	fixture_start("syncids");
	find_datadir();
	test_content_ids();
	test_shipped_shared();
	test_join_then_load();
	test_renumber_keeps_everything();
	test_separate_databases();
	test_refused_with_pending();
	test_new_rows();
	while (nkept > 0)
		free(kept[--nkept]);
	return tap_done();
}
