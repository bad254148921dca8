/* test_sync_status.c: what the network screen reads of the sync tables
 * (sync_status.h): this database's status and counts, what came in from
 * whom newest first and the decisions oldest first, each read a page at a
 * time without losing or repeating a row, and the counts in words (TAP). */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/sync_status.h"
#include "core/syncid.h"
#include "fixture.h"
#include "../tap.h"

#define GRIET "0b6e8d3c-5a41-4c2e-9f07-3d1e2a6b9c84"
#define NONAME "7f00aa11-5a41-4c2e-9f07-3d1e2a6b9c84"
#define STRANGER "c0ffee00-5a41-4c2e-9f07-3d1e2a6b9c84"
#define NLOG 25
#define NDECISIONS 7

static sqlite3 *db;

static int log_page(const void *f, const void *anchor, bool backward, void *rows, int n,
		    st_err *err)
{
	(void)f;
	return sync_log_page(db, anchor, backward, rows, n, err);
}

static void log_clear(void *row)
{
	sync_log_entry_clear(row);
}

/* "seq:colleague" */
static void log_label(const void *row, char *out, size_t size)
{
	const sync_log_entry *e = row;

	snprintf(out, size, "%lld:%s", e->seq, e->colleague);
}

static const struct pager log_pager = { sizeof(sync_log_entry), log_page, log_clear, log_label };

static int decision_page(const void *f, const void *anchor, bool backward, void *rows, int n,
			 st_err *err)
{
	(void)f;
	return sync_decision_page(db, anchor, backward, rows, n, err);
}

static void decision_clear(void *row)
{
	sync_decision_entry_clear(row);
}

static void decision_label(const void *row, char *out, size_t size)
{
	const sync_decision_entry *e = row;

	snprintf(out, size, "%s#%lld", e->table, e->row_id);
}

static const struct pager decision_pager = {
	sizeof(sync_decision_entry), decision_page, decision_clear, decision_label,
};

static void test_fresh(void)
{
	sync_status s;
	sync_log_entry e[2];
	st_err err = { "" };

	is_int(sync_status_read(db, &s, &err), 0, "a new database has a status");
	ok(syncid_valid(s.database_id), "with its own id (%s)", s.database_id);
	is_str(s.network_id, "", "in no network yet");
	is_str(s.last_sync, "", "never synced");
	ok(s.received == 0 && s.decisions == 0 && s.revisions == 0, "nothing came in");
	is_int(sync_log_page(db, NULL, false, e, 2, &err), 0, "what came in is empty");
	is_str(page_labels(&decision_pager, NULL, NULL, false, 5), "", "no decisions");
}

/* NLOG files: from Griet (a name), from a database without a name, and
 * from one sync_member does not know, in turn; seq counts up. */
static void fill(void)
{
	char sql[512];
	int i;

	exec(db, "INSERT INTO sync_member (database_id, facilitator) VALUES ('" GRIET "', 'Griet'),"
		 " ('" NONAME "', '')");
	for (i = 1; i <= NLOG; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO sync_log (at, database_id, seq, notes, tags)"
			 " VALUES ('2026-12-03 10:%02d:00', '%s', %d, %d, 2)", i,
			 i % 3 == 1 ? GRIET : i % 3 == 2 ? NONAME : STRANGER, i, i);
		exec(db, sql);
	}
	for (i = 1; i <= NDECISIONS; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO sync_decision (at, tbl, row_id, what) VALUES"
			 " ('2026-12-03 11:00:00', 'factor', %d, 'constraint')", 100 + i);
		exec(db, sql);
	}
	exec(db, "UPDATE sync_self SET network_id = '5354454d-5359-4e43-8000-000000000001',"
		 " last_sync = '2026-12-03 11:00:00'");
}

static void test_log(void)
{
	const char *whole = page_labels(&log_pager, NULL, NULL, false, NLOG + 5);
	sync_log_entry e[3];
	st_err err = { "" };
	int n, i;

	is_str(page_labels(&log_pager, NULL, NULL, false, 3), "25:Griet,24:c0ffee00,23:7f00aa11",
	       "newest first; a colleague by facilitator name, else the first 8 characters of the "
	       "id (unknown to sync_member, or without a name)");
	has_str(whole, "1:Griet", "down to the first file");
	is_str(paged_labels(&log_pager, NULL, false, 4), whole, "read 4 at a time forward: the same rows");
	is_str(paged_labels(&log_pager, NULL, true, 4), whole, "and backward");
	is_str(page_labels(&log_pager, NULL, NULL, true, 2), "2:7f00aa11,1:Griet",
	       "from the end: the oldest, in display order");
	n = sync_log_page(db, NULL, false, e, 3, &err);
	is_int(n, 3, "a page of 3");
	is_str(e[0].at, "2026-12-03 10:25:00", "with the time it was applied");
	is_str(e[0].database_id, GRIET, "the whole database id");
	ok(e[0].n[SYNC_WHAT_NOTES] == 25 && e[0].n[SYNC_WHAT_TAGS] == 2 &&
	   e[0].n[SYNC_WHAT_CHECKINS] == 0, "and what it brought");
	for (i = 0; i < n; i++)
		sync_log_entry_clear(&e[i]);
}

static void test_decisions(void)
{
	const char *whole = page_labels(&decision_pager, NULL, NULL, false, 20);

	is_str(whole, "factor#101,factor#102,factor#103,factor#104,factor#105,factor#106,factor#107",
	       "decisions oldest first");
	is_str(paged_labels(&decision_pager, NULL, false, 3), whole, "read 3 at a time forward");
	is_str(paged_labels(&decision_pager, NULL, true, 3), whole, "and backward");
}

static int revision_page(const void *f, const void *anchor, bool backward, void *rows, int n,
			 st_err *err)
{
	(void)f;
	return note_revision_page(db, anchor, backward, rows, n, err);
}

static void revision_clear(void *row)
{
	note_revision_entry_clear(row);
}

/* "code/author/body" */
static void revision_label(const void *row, char *out, size_t size)
{
	const note_revision_entry *e = row;

	snprintf(out, size, "%s/%s/%s", e->session_code, e->author, e->body);
}

static const struct pager revision_pager = {
	sizeof(note_revision_entry), revision_page, revision_clear, revision_label,
};

/* NREVISIONS texts of one note of Griet's at COP 07 that lost. */
#define NREVISIONS 5
static void test_revisions(void)
{
	long long programme = add_programme(db, "STEM++", "2017-2018");
	long long session = add_session(db, programme, "COP 07", "groeisessie", "2018-03-01", 0);
	const char *whole;
	char sql[512];
	long long note;
	int i;

	snprintf(sql, sizeof sql, "INSERT INTO note (session_id, body, author, created_at, updated_at)"
		 " VALUES (%lld, 'nieuw', 'Griet', '2018-03-01 10:00:00', '2018-03-02 10:00:00')",
		 session);
	note = insert(db, sql);
	for (i = 1; i <= NREVISIONS; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO note_revision (note_id, body, updated_at, kept_at)"
			 " VALUES (%lld, 'oud %d', '2018-03-01 1%d:00:00', '2026-12-03 11:0%d:00')",
			 note, i, i, i);
		exec(db, sql);
	}
	whole = page_labels(&revision_pager, NULL, NULL, false, 20);
	is_str(whole, "COP 07/Griet/oud 5,COP 07/Griet/oud 4,COP 07/Griet/oud 3,COP 07/Griet/oud 2,"
	       "COP 07/Griet/oud 1", "texts kept, newest first, with the note's session and author");
	is_str(paged_labels(&revision_pager, NULL, false, 2), whole, "read 2 at a time forward");
	is_str(paged_labels(&revision_pager, NULL, true, 2), whole, "and backward");
}

static void test_status(void)
{
	sync_status s;
	st_err err = { "" };

	is_int(sync_status_read(db, &s, &err), 0, "the status");
	is_str(s.network_id, "5354454d-5359-4e43-8000-000000000001", "the network");
	is_str(s.last_sync, "2026-12-03 11:00:00", "the last sync");
	is_int(s.received, NLOG, "files that came in");
	is_int(s.decisions, NDECISIONS, "decisions waiting");
	is_int(s.revisions, NREVISIONS, "note texts kept");
}

static void test_counts_text(void)
{
	long long some[SYNC_WHAT_COUNT] = { 1, 2, 0, 3, 1 }, none[SYNC_WHAT_COUNT] = { 0 };
	char buf[256], tiny[12];

	sync_counts_text(some, buf, sizeof buf);
	is_str(buf, "1 note, 2 tags, 3 changes to people, 1 other change", "the kinds with some");
	sync_counts_text(none, buf, sizeof buf);
	is_str(buf, "nothing new", "none");
	sync_counts_text(some, tiny, sizeof tiny);
	is_int((long long)strlen(tiny), (long long)sizeof tiny - 1, "a small buffer is cut, not overrun");
}

int main(void)
{
	fixture_locale();
	find_datadir();
	fixture_start("sync_status");
	db = open_db("status.sqlite");
	test_fresh();
	fill();
	test_log();
	test_decisions();
	test_revisions();
	test_status();
	test_counts_text();
	db_close(db);
	return tap_done();
}
