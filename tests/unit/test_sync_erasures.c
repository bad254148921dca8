/* test_sync_erasures.c: what is taken away travels and stays away
 * (stemtui(1), SYNC): an untagging, against a stale copy, and a tag made
 * again later; the tags
 * of a factor deleted with its tags moved, made meanwhile on another
 * laptop; a note restored on one laptop after a trash from another, and
 * edited on a third; a starter factor erased before its database joined;
 * of a trash and a restore on two laptops the later wins, and a trash
 * and restore between two syncs change nothing; and what is written
 * over: of two changes of one field the later wins,
 * whatever else changed the row after (sync_field_time.h) (TAP). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/codebook.h"
#include "core/db.h"
#include "core/notes.h"
#include "core/sync.h"
#include "core/tags.h"
#include "fixture.h"
#include "sync_fixture.h"
#include "../tap.h"

static sqlite3 *lap[LAPTOPS];
static const char *folder;
static char test[32];
static long long session;

/* A file of this test in the scratch folder. */
static const char *path_of(const char *what)
{
	return test_name("erasures-%s-%s", test, what);
}

/* Three laptops of the shipped data (laptops_new); joined through their
 * folder when join is true. */
static void start(const char *name, bool join)
{
	snprintf(test, sizeof test, "%s", name);
	folder = shared_folder(path_of("shared"));
	laptops_new(lap, test_name("erasures-%s", test));
	if (join && !laptops_sync(lap, folder, "012", 0)) {
		printf("Bail out! %s: the laptops cannot join\n", name);
		exit(99);
	}
	session = query_int(lap[0], "SELECT id FROM session WHERE code = 'COP 07'");
}

/* Laptop l syncs; the clock moves on. */
static bool syncs(int l)
{
	char order[2] = { (char)('0' + l), 0 };

	return laptops_sync(lap, folder, order, 1000);
}

/* Every laptop syncs, twice round: each has every file. */
static bool all_sync(void)
{
	return laptops_sync(lap, folder, "012012", 1000);
}

/* What a step of the core returned, else bail out; the clock moves on. */
static void step(int rc, const char *what, const st_err *err)
{
	must(rc, what, err);
	clock_tick(1000);
}

static long long note_by(int l, const char *body)
{
	return laptop_note(lap[l], session, laptop_who[l], body);
}

/* Laptop l gives note n the text body. */
static void edit_on(int l, long long n, const char *body)
{
	st_note x;
	st_err err = { "" };

	memset(&x, 0, sizeof x);
	if (note_get(lap[l], n, &x, &err) != 1) {
		printf("Bail out! note_get: %s\n", err.msg);
		exit(99);
	}
	free(x.body);
	x.body = strdup(body);
	step(note_update(lap[l], &x, &err), "note_update", &err);
	note_clear(&x);
}

static long long code_id(const char *code)
{
	char sql[96];

	snprintf(sql, sizeof sql, "SELECT id FROM factor WHERE code = '%s'", code);
	return query_int(lap[0], sql);
}

/* The tags of note n on laptop l as "CODE coder polarity" lines. */
static const char *tags_on(int l, long long n)
{
	static char *kept[16];
	static int next;
	char sql[256];
	const char *q = sql;

	snprintf(sql, sizeof sql, "SELECT f.code, t.coder, t.polarity FROM tag t JOIN factor f"
		 " ON f.id = t.factor_id WHERE t.note_id = %lld ORDER BY 1, 2", n);
	free(kept[next % 16]);
	return kept[next++ % 16] = dump_rows(lap[l], &q, 1);
}

/* A copy of laptop l as it is now, at path (a backup brought back
 * later). */
static void copy_of(int l, const char *path)
{
	sqlite3 *to;
	sqlite3_backup *b;

	if (sqlite3_open(path, &to) != SQLITE_OK ||
	    !(b = sqlite3_backup_init(to, "main", lap[l], "main")) ||
	    sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK) {
		printf("Bail out! cannot copy to %s\n", path);
		exit(99);
	}
	sqlite3_close(to);
}

static bool merges(int l, const char *path)
{
	sync_report r;
	st_err err = { "" };
	int rc = sync_merge(lap[l], path, &r, &err);

	if (rc != 0)
		diag("%s", err.msg);
	sync_report_free(&r);
	return rc == 0;
}

/* ---- untagging ----------------------------------------------------------- */

static void test_untag_stays_untagged(void)
{
	st_err err = { "" };
	const char *stale = fixture_path(path_of("stale.db"));
	long long n, vb1;
	int l;

	start("untag", true);
	vb1 = code_id("VB1");
	n = note_by(0, "Getagd door twee codeurs.");
	step(tag_set(lap[0], n, vb1, 1, "Anna", &err), "tag_set", &err);
	step(tag_set(lap[0], n, vb1, -1, "Bert", &err), "tag_set", &err);
	ok(all_sync(), "untag: every laptop has the tags");
	copy_of(2, stale);
	step(tag_remove(lap[0], n, vb1, "Anna", &err), "tag_remove", &err);
	ok(all_sync(), "untag: every laptop syncs the untagging");
	for (l = 0; l < LAPTOPS; l++)
		is_str(tags_on(l, n), "VB1|bert|-1\n", "untag: Anna's tag is gone, Bert's stays");
	ok(merges(1, stale), "untag: Bert merges a stale copy");
	is_str(tags_on(1, n), "VB1|bert|-1\n", "untag: the stale copy does not bring the tag back");
	ok(all_sync(), "untag: every laptop syncs after the stale copy");
	for (l = 0; l < LAPTOPS; l++)
		is_str(tags_on(l, n), "VB1|bert|-1\n", "untag: nor does it after a sync");
	/* Tagged again later: that tag is there everywhere, stale copy or not. */
	step(tag_set(lap[2], n, vb1, 1, "Anna", &err), "tag_set", &err);
	ok(all_sync() && merges(0, stale) && all_sync(), "untag: every laptop syncs a new tag");
	for (l = 0; l < LAPTOPS; l++)
		is_str(tags_on(l, n), "VB1|anna|1\nVB1|bert|-1\n", "untag: a tag made again later stays");
	ok(laptops_alike(lap), "untag: the three laptops hold the same");
	laptops_close(lap);
}

/* ---- a factor deleted, its tags moved ------------------------------------ */

static void test_deleted_factor_sends_tags_on(void)
{
	st_err err = { "" };
	long long n, m, vb1, vb2;
	int l;

	start("reassign", true);
	vb1 = code_id("VB1");
	vb2 = code_id("VB2");
	n = note_by(0, "Getagd voor de verwijdering.");
	m = note_by(0, "Getagd ondertussen.");
	step(tag_set(lap[0], n, vb2, 1, "", &err), "tag_set", &err);
	ok(all_sync(), "reassign: every laptop has the notes");
	/* Bert tags with VB2 while Anna deletes it, moving its tags to VB1. */
	step(tag_set(lap[1], m, vb2, -1, "", &err), "tag_set", &err);
	step(factor_delete(lap[0], vb2, vb1, false, 0, &err), "factor_delete", &err);
	ok(all_sync(), "reassign: every laptop syncs");
	for (l = 0; l < LAPTOPS; l++) {
		is_str(tags_on(l, n), "VB1||1\n", "reassign: the tag made before moved to VB1");
		is_str(tags_on(l, m), "VB1||-1\n", "reassign: the tag made meanwhile follows to VB1");
	}
	ok(laptops_alike(lap), "reassign: the three laptops hold the same");
	laptops_close(lap);
}

/* ---- two changes of one field: the later wins, whatever came after ------ */

/* A tag's polarity changed on Bert's laptop, then on Anna's; a stale
 * copy with the first polarity merged afterwards: the latest polarity
 * stays everywhere, though the stale one (+) and Bert's (0) sort after
 * Anna's (-). */
static void test_later_polarity_wins(void)
{
	st_err err = { "" };
	const char *stale = fixture_path(path_of("stale.db"));
	long long n, vb1;
	int l;

	start("polarity", true);
	vb1 = code_id("VB1");
	n = note_by(0, "Eerst een hefboom.");
	step(tag_set(lap[0], n, vb1, 1, "Anna", &err), "tag_set", &err);
	ok(all_sync(), "polarity: every laptop has the tag");
	copy_of(2, stale);
	step(tag_set(lap[1], n, vb1, 0, "Anna", &err), "tag_set", &err);
	step(tag_set(lap[0], n, vb1, -1, "Anna", &err), "tag_set", &err);
	ok(all_sync(), "polarity: every laptop syncs");
	for (l = 0; l < LAPTOPS; l++)
		is_str(tags_on(l, n), "VB1|anna|-1\n", "polarity: the later polarity wins");
	ok(merges(1, stale) && all_sync(), "polarity: Bert merges a stale copy");
	for (l = 0; l < LAPTOPS; l++)
		is_str(tags_on(l, n), "VB1|anna|-1\n", "polarity: the stale copy does not bring it back");
	ok(laptops_alike(lap), "polarity: the three laptops hold the same");
	laptops_close(lap);
}

static void rename_on(int l, long long id, const char *name)
{
	st_factor f;
	st_err err = { "" };

	if (factor_get(lap[l], id, &f, &err) != 1) {
		printf("Bail out! factor_get: %s\n", err.msg);
		exit(99);
	}
	free(f.name);
	f.name = strdup(name);
	step(factor_save(lap[l], &f, &err), "factor_save", &err);
	factor_clear(&f);
}

static const char *name_on(int l, long long id)
{
	static char name[4][64];
	static int next;
	char *s = name[next++ % 4], sql[96];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT name FROM factor WHERE id = %lld", id);
	s[0] = '\0';
	if (sqlite3_prepare_v2(lap[l], sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		snprintf(s, sizeof name[0], "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

/* Anna renames VB1, then Bert renames it, then Carla moves it: Carla's
 * move makes the row's time of change the latest, but not its name's.
 * Whichever laptop has which first, Bert's name is the later. */
static void test_later_rename_wins_after_a_move(void)
{
	st_err err = { "" };
	long long vb1, vb2;
	int l;

	start("field", true);
	vb1 = code_id("VB1");
	vb2 = code_id("VB2");
	rename_on(0, vb1, "Naam van Anna");
	rename_on(1, vb1, "Naam van Bert");
	step(factor_move(lap[2], vb1, vb2, &err), "factor_move", &err);
	/* Anna has Carla's move before Bert's name, Bert Carla's before
	 * Anna's, Carla Anna's before Bert's. */
	ok(syncs(2) && syncs(0) && syncs(1) && syncs(0) && syncs(2), "field: the laptops sync");
	ok(all_sync(), "field: every laptop has every file");
	for (l = 0; l < LAPTOPS; l++)
		is_str(name_on(l, vb1), "Naam van Bert", "field: the later name wins everywhere");
	ok(laptops_alike(lap), "field: the three laptops hold the same");
	laptops_close(lap);
}

/* A note edited on Bert's laptop, then twice on Anna's, all within one
 * second: Anna's last text is the latest everywhere (though Bert's sorts
 * after it), and Bert's is kept. */
static void test_two_edits_in_one_second(void)
{
	long long n;
	int l;

	start("second", true);
	n = note_by(0, "Eerste tekst.");
	ok(all_sync(), "second: every laptop has the note");
	edit_on(1, n, "Bert past aan.");
	clock_tick(-900);       /* step() moved the clock on by a second */
	edit_on(0, n, "Anna past aan.");
	clock_tick(-900);
	edit_on(0, n, "Anna past nog eens aan.");
	ok(all_sync(), "second: every laptop syncs");
	for (l = 0; l < LAPTOPS; l++) {
		is_str(query_text(lap[l], "SELECT body FROM note WHERE body LIKE '%aan.'"),
		       "Anna past nog eens aan.", "second: Anna's last text is there");
		ok(query_int(lap[l], "SELECT count(*) FROM note_revision WHERE body ="
			     " 'Bert past aan.'") == 1, "second: Bert's text is kept");
	}
	ok(laptops_alike(lap), "second: the three laptops hold the same");
	laptops_close(lap);
}

/* ---- a note trashed, restored and edited on three laptops --------------- */

#define TRASHED "SELECT deleted_at IS NOT NULL FROM note WHERE id = "

static void test_restore_after_a_trash_from_elsewhere(void)
{
	st_err err = { "" };
	char sql[96];
	long long n;
	int l;

	start("restore", true);
	n = note_by(0, "Weggegooid en teruggehaald.");
	ok(all_sync(), "restore: every laptop has the note");
	snprintf(sql, sizeof sql, TRASHED "%lld", n);
	/* Bert trashes it; Anna, who has that, restores it; Carla, who has
	 * neither, edits it meanwhile, then reads Anna's file before
	 * Bert's (by database id). */
	step(note_delete(lap[1], n, &err), "note_delete", &err);
	ok(syncs(1) && syncs(0), "restore: Anna has the trash");
	step(note_restore(lap[0], n, &err), "note_restore", &err);
	edit_on(2, n, "Carla past aan.");
	ok(syncs(0) && syncs(2), "restore: Carla syncs once");
	is_int(query_int(lap[2], sql), 0, "restore: Carla has it restored, not trashed");
	ok(all_sync(), "restore: every laptop syncs");
	for (l = 0; l < LAPTOPS; l++)
		is_int(query_int(lap[l], sql), 0, "restore: restored on every laptop");
	ok(laptops_alike(lap), "restore: the three laptops hold the same, with Carla's edit");
	laptops_close(lap);
}

/* Bert edits the note and trashes it, in one file; Anna trashes it too,
 * later: both laptops keep one time of trashing. */
static void test_trashed_on_two_laptops(void)
{
	st_err err = { "" };
	char sql[96];
	long long n;
	int l;

	start("trash2", true);
	n = note_by(0, "Twee keer weggegooid.");
	ok(all_sync(), "trash2: every laptop has the note");
	edit_on(1, n, "Bert past aan.");
	step(note_delete(lap[1], n, &err), "note_delete", &err);
	step(note_delete(lap[0], n, &err), "note_delete", &err);
	ok(all_sync(), "trash2: every laptop syncs");
	snprintf(sql, sizeof sql, TRASHED "%lld", n);
	for (l = 0; l < LAPTOPS; l++)
		is_int(query_int(lap[l], sql), 1, "trash2: trashed on every laptop");
	ok(laptops_alike(lap), "trash2: the three laptops hold the same");
	laptops_close(lap);
}

/* Anna trashes the note; Bert, who has not heard of that, trashes it
 * too, syncs, and restores it after Anna's trash: his restore is the
 * later, and the note is back on every laptop. */
static void test_restore_later_than_a_trash_elsewhere(void)
{
	st_err err = { "" };
	char sql[96];
	long long n;
	int l;

	start("retrash", true);
	n = note_by(0, "Weggegooid, weggegooid, teruggehaald.");
	ok(all_sync(), "retrash: every laptop has the note");
	step(note_delete(lap[0], n, &err), "note_delete", &err);
	step(note_delete(lap[1], n, &err), "note_delete", &err);
	ok(syncs(1) && syncs(0), "retrash: Anna has Bert's trash");
	step(note_restore(lap[1], n, &err), "note_restore", &err);
	ok(all_sync(), "retrash: every laptop syncs");
	snprintf(sql, sizeof sql, TRASHED "%lld", n);
	for (l = 0; l < LAPTOPS; l++)
		is_int(query_int(lap[l], sql), 0, "retrash: restored on every laptop");
	ok(laptops_alike(lap), "retrash: the three laptops hold the same");
	laptops_close(lap);
}

/* Bert trashes the note and restores it before he syncs, while Anna
 * trashes it in between: his file changes nothing of the trash, and
 * Anna's trash stands on every laptop, his own too. */
static void test_trash_and_restore_in_one_file(void)
{
	st_err err = { "" };
	char sql[96];
	long long n;
	int l;

	start("oneway", true);
	n = note_by(0, "Weggegooid en teruggezet voor de sync.");
	ok(all_sync(), "oneway: every laptop has the note");
	step(note_delete(lap[1], n, &err), "note_delete", &err);
	step(note_delete(lap[0], n, &err), "note_delete", &err);
	step(note_restore(lap[1], n, &err), "note_restore", &err);
	ok(all_sync(), "oneway: every laptop syncs");
	snprintf(sql, sizeof sql, TRASHED "%lld", n);
	for (l = 0; l < LAPTOPS; l++)
		is_int(query_int(lap[l], sql), 1, "oneway: Anna's trash stands on every laptop");
	ok(laptops_alike(lap), "oneway: the three laptops hold the same");
	laptops_close(lap);
}

/* ---- erased before joining ---------------------------------------------- */

#define FACTOR_COUNT "SELECT count(*) FROM factor WHERE code = "

static void test_erased_before_joining(void)
{
	st_err err = { "" };
	st_factor f;
	long long n;
	int l;

	start("prejoin", false);
	/* Anna, in no network yet, erases a starter factor, and another
	 * that she makes again. */
	step(factor_delete(lap[0], code_id("TM3"), 0, true, 0, &err), "factor_delete", &err);
	step(factor_delete(lap[0], code_id("TM2"), 0, true, 0, &err), "factor_delete", &err);
	memset(&f, 0, sizeof f);
	f.code = "TM2";
	f.name = "Opnieuw gemaakt";
	step(factor_save(lap[0], &f, &err), "factor_save", &err);
	/* Bert and Carla join; Bert tags with the starter factor. */
	ok(syncs(1) && syncs(2), "prejoin: Bert and Carla join");
	session = query_int(lap[1], "SELECT id FROM session WHERE code = 'COP 07'");
	n = note_by(1, "Getagd met TM3.");
	step(tag_set(lap[1], n, query_int(lap[1], "SELECT id FROM factor WHERE code = 'TM3'"), 1,
		     "", &err), "tag_set", &err);
	ok(syncs(0) && all_sync(), "prejoin: Anna joins, every laptop syncs");
	for (l = 0; l < LAPTOPS; l++) {
		is_int(query_int(lap[l], FACTOR_COUNT "'TM3'"), 0,
		       "prejoin: the factor erased before joining stays erased");
		is_str(query_text(lap[l], "SELECT name FROM factor WHERE code = 'TM2'"),
		       "Opnieuw gemaakt", "prejoin: the one made again is there");
	}
	is_str(tags_on(1, n), "", "prejoin: Bert's tag went with the factor");
	ok(laptops_alike(lap), "prejoin: the three laptops hold the same");
	laptops_close(lap);
}

int main(void)
{
	fixture_start("test_sync_erasures");
	find_datadir();
	clock_install();
	test_untag_stays_untagged();
	test_deleted_factor_sends_tags_on();
	test_restore_after_a_trash_from_elsewhere();
	test_trashed_on_two_laptops();
	test_erased_before_joining();
	test_restore_later_than_a_trash_elsewhere();
	test_trash_and_restore_in_one_file();
	test_later_rename_wins_after_a_move();
	test_later_polarity_wins();
	test_two_edits_in_one_second();
	return tap_done();
}
