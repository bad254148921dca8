/* test_check.c: db_check finds what is out of step with the data, and
 * db_check_repair puts right what can be rebuilt, in one transaction
 * (TAP).  Each case spoils one thing with SQL, as a program without
 * stemtui's triggers would, on the demo database. */
#include "config.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/check.h"
#include "core/codebook_import.h"
#include "core/db.h"
#include "core/demo.h"
#include "core/programme_import.h"
#include "../tap.h"
#include "fixture.h"

static char path[4200];

/* A fresh demo database at path. */
static sqlite3 *demo_db(const char *dir, const char *name)
{
	sqlite3 *db = NULL;
	st_err err = { "" };

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK || programme_import_shipped(db, &err) != 0 ||
	    codebook_import_shipped(db, &err) != 0 || demo_seed(db, &err) != 0) {
		printf("Bail out! demo database: %s\n", err.msg);
		exit(99);
	}
	return db;
}

/* The items r found wrong, as a bit set (1 << item), and skipped ones
 * as well: what a test compares. */
static unsigned found_items(const check_report *r)
{
	unsigned bits = 0;
	int i;

	for (i = 0; i < CHECK_COUNT; i++) {
		if (r->found[i] || r->skipped[i])
			bits |= 1u << i;
		if (r->detail[i])
			diag("  %s: %s", check_item_name(i), r->detail[i]);
	}
	return bits;
}

static unsigned check_items(sqlite3 *db)
{
	check_report r;
	st_err err = { "" };
	unsigned bits;

	if (db_check(db, path, &r, &err) != 0) {
		diag("db_check: %s", err.msg);
		return ~0u;
	}
	bits = found_items(&r);
	check_report_free(&r);
	return bits;
}

/* Spoils the database with sql, then: check finds exactly `items`
 * (with detail containing `says`), repair puts them right and says so,
 * and a check afterwards finds nothing. */
static void spoil_and_repair(sqlite3 *db, const char *what, const char *sql, unsigned items,
			     const char *says)
{
	check_report r;
	st_err err = { "" };
	int i;
	bool repaired = true, said = false;

	exec(db, sql);
	is_int(check_items(db), items, what);
	if (db_check_repair(db, path, &r, &err) != 0) {
		ok(0, "  repair runs (%s)", err.msg);
		return;
	}
	for (i = 0; i < CHECK_COUNT; i++) {
		if ((items >> i) & 1)
			repaired &= r.repaired[i];
		else
			repaired &= !r.repaired[i];
		said |= r.detail[i] && strstr(r.detail[i], says);
	}
	ok(repaired, "  repair puts right exactly what was found");
	ok(said, "  and says what it was (\"%s\")", says);
	check_report_free(&r);
	is_int(check_items(db), 0, "  a check afterwards finds nothing");
}

#define BIT(i) (1u << (i))

static void test_repairs(const char *dir)
{
	sqlite3 *db = demo_db(dir, "repair.sqlite");
	long long note = query_int(db, "SELECT min(id) FROM note WHERE body LIKE '% %'");
	char sql[512];

	is_int(check_items(db), 0, "the demo database is healthy");
	snprintf(sql, sizeof sql, "INSERT INTO note_fts (note_fts, rowid, body, group_label)"
		 " SELECT 'delete', id, body, group_label FROM note WHERE id = %lld", note);
	spoil_and_repair(db, "a note missing from the search index", sql, BIT(CHECK_NOTE_INDEX),
			 "does not match the notes");
	is_int(query_int(db, "SELECT count(*) FROM note_fts WHERE note_fts MATCH"
			 " '\"' || replace((SELECT substr(body, 1, instr(body, ' ') - 1) FROM note"
			 " WHERE id = (SELECT min(id) FROM note WHERE body LIKE '% %')), '\"', '\"\"')"
			 " || '\"' AND rowid = (SELECT min(id) FROM note WHERE body LIKE '% %')"), 1,
	       "  the note is found by its first word again");
	spoil_and_repair(db, "a note's text changed behind the index's back",
			 "DROP TRIGGER note_fts_update; UPDATE note SET body = 'veranderd' WHERE id ="
			 " (SELECT max(id) FROM note)", BIT(CHECK_NOTE_INDEX), "does not match");
	spoil_and_repair(db, "a figure changed",
			 "UPDATE fig_total SET notes = notes + 5 WHERE ancestor_id ="
			 " (SELECT min(ancestor_id) FROM fig_total WHERE notes > 0)",
			 BIT(CHECK_FIGURES), "fig_total 1");
	spoil_and_repair(db, "a factor's count of schools changed",
			 "UPDATE fig_total SET schools = schools + 1 WHERE ancestor_id ="
			 " (SELECT max(ancestor_id) FROM fig_total WHERE notes > 0)",
			 BIT(CHECK_FIGURES), "fig_total 1");
	spoil_and_repair(db, "a factor's row of a school gone (its school count with it)",
			 "DELETE FROM fig_total_org WHERE (ancestor_id, org_id) = (SELECT"
			 " fo.ancestor_id, fo.org_id FROM fig_total_org fo JOIN organisation o"
			 " ON o.id = fo.org_id AND o.kind = 'school' LIMIT 1)",
			 BIT(CHECK_FIGURES), "fig_total_org 1");
	spoil_and_repair(db, "a pair of co-occurring factors gone (and its total with it)",
			 "DELETE FROM fig_pair WHERE (ancestor_id, session_id, factor_id) ="
			 " (SELECT ancestor_id, session_id, factor_id FROM fig_pair LIMIT 1)",
			 BIT(CHECK_FIGURES), "fig_pair 1");
	spoil_and_repair(db, "an ancestor link too many",
			 "INSERT INTO factor_anc SELECT max(id), min(id) FROM factor",
			 BIT(CHECK_FIGURES), "factor_anc 1");
	spoil_and_repair(db, "a note's figures gone (the triggers take them off the session too)",
			 "DELETE FROM fig_note WHERE (note_id, ancestor_id) ="
			 " (SELECT note_id, ancestor_id FROM fig_note LIMIT 1)",
			 BIT(CHECK_FIGURES), "fig_note 1");
	spoil_and_repair(db, "keys out of step with the names and the session",
			 "UPDATE note SET author_key = 'x', session_date = '1900-01-01' WHERE id ="
			 " (SELECT min(id) FROM note); UPDATE person SET last_first_key = 'x'"
			 " WHERE id = (SELECT max(id) FROM person)",
			 BIT(CHECK_KEYS), "note.author_key 1, note.session_date 1, person.last_first_key 1");
	spoil_and_repair(db, "a name index entry changed and one gone",
			 "UPDATE person_name SET name = 'niemand' WHERE rowid = (SELECT min(id) FROM person);"
			 " DELETE FROM person_name WHERE rowid = (SELECT max(id) FROM person)",
			 BIT(CHECK_NAME_INDEX), "2 entries differ");
	ok(query_int(db, "SELECT count(*) FROM person p JOIN person_name n ON n.rowid = p.id"
		     " WHERE n.name = st_fold_name(p.first_name) || st_fold_name(p.last_name)"
		     " || char(10) || st_fold_name(p.last_name) || st_fold_name(p.first_name)")
	   == query_int(db, "SELECT count(*) FROM person"), "  every person has their entry again");
	spoil_and_repair(db, "the name index out of step with its own entries",
			 "UPDATE person_name_content SET c0 = 'iemand' || char(10) || 'anders'"
			 " WHERE id = (SELECT min(id) FROM person)", BIT(CHECK_NAME_INDEX),
			 "1 entry differs from the person's name; the index does not match its entries");
	chmod(path, 0644);
	spoil_and_repair(db, "the database readable by others", "SELECT 1",
			 BIT(CHECK_FILE_MODES), "(0644)");
	{
		struct stat sb;

		ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "  the file is 0600 again");
	}
	db_close(db);
}

/* A row pointing at nothing is not something to rebuild: found, left. */
static void test_foreign_keys(const char *dir)
{
	sqlite3 *db = demo_db(dir, "fk.sqlite");
	check_report r;
	st_err err = { "" };

	exec(db, "PRAGMA foreign_keys = OFF; INSERT INTO attendance (session_id, person_id,"
	     " status, updated_at) VALUES ((SELECT min(id) FROM session), 999999, 'present',"
	     " '2018-01-01 10:00:00'); PRAGMA foreign_keys = ON");
	is_int(check_items(db), BIT(CHECK_FOREIGN_KEYS), "a row referring to nobody is found");
	ok(db_check_repair(db, path, &r, &err) == 0 && !r.repaired[CHECK_FOREIGN_KEYS] &&
	   r.found[CHECK_FOREIGN_KEYS] == 1, "  repair leaves it (it cannot know who was meant)");
	has_str(r.detail[CHECK_FOREIGN_KEYS], "attendance", "  and says where it is");
	check_report_free(&r);
	db_close(db);
}

/* A damaged file: found, and repair changes nothing in it. */
static void test_damaged(const char *dir)
{
	sqlite3 *db = demo_db(dir, "damaged.sqlite");
	check_report r;
	st_err err = { "" };
	long long before;
	FILE *f;
	long page = query_int(db, "PRAGMA page_size");
	long long root = query_int(db, "SELECT rootpage FROM sqlite_master WHERE name = 'person_by_sort'");

	exec(db, "UPDATE fig_total SET notes = notes + 1");
	before = query_int(db, "SELECT sum(notes) FROM fig_total");
	db_close(db);
	/* Scribble over an index's root page: the data stays readable, the
	 * index no longer matches it. */
	f = fopen(path, "r+b");
	if (!f || fseek(f, (root - 1) * page + 8, SEEK_SET) != 0 || fwrite("\xff\xff\xff\xff", 1, 4, f) != 4) {
		printf("Bail out! cannot damage %s\n", path);
		exit(99);
	}
	fclose(f);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		printf("Bail out! damaged.sqlite no longer opens: %s\n", err.msg);
		exit(99);
	}
	ok(check_items(db) & BIT(CHECK_INTEGRITY), "a damaged index is found");
	if (!ok(db_check_repair(db, path, &r, &err) == 0 && r.found[CHECK_INTEGRITY] &&
		!r.repaired[CHECK_FIGURES], "  repair rebuilds nothing in a damaged file"))
		diag("%s", err.msg);
	is_int(query_int(db, "SELECT sum(notes) FROM fig_total"), before, "  and changes nothing");
	check_report_free(&r);
	db_close(db);
}

int main(void)
{
	const char *dir = tap_tmpdir("test_check");

	test_repairs(dir);
	test_foreign_keys(dir);
	test_damaged(dir);
	return tap_done();
}
