/* sync_follow.c: what follows the changes of a colleague's changeset
 * (sync_follow.h).
 *
 * sqlite3changeset_apply_v2 applies the changes one by one; what a
 * change means for rows it does not name comes here: rows that point at
 * a person or factor merged away follow the merge (sync_redirect); rows
 * that point at a row erased go as they would have gone here; erasures
 * that rows here held back are made; a row created with a tombstone here
 * is erased again, and a tombstone that came in erases its row. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/sync_follow.h"

/* What points at a person or a factor merged into another (sync_redirect)
 * follows it: ?1 the one merged away, ?2 the one it went into.  A row
 * that would then be there twice stays with the first and goes with it. */
static const struct follow {
	const char *target, *sql;
} follows[] = {
#define FOLLOW(target, table, column) \
	{ target, "UPDATE OR IGNORE " table " SET " column " = ?2 WHERE " column " = ?1" }
	FOLLOW("person", "attendance", "person_id"),
	FOLLOW("person", "attendance_log", "person_id"),
	FOLLOW("person", "coaching", "coach_id"),
	FOLLOW("person", "person_focus", "person_id"),
	FOLLOW("person", "note", "about_person_id"),
	FOLLOW("factor", "tag", "factor_id"),
	FOLLOW("factor", "factor", "parent_id"),
#undef FOLLOW
};

int sync_follow_merge(sqlite3 *db, const char *target, long long from, long long into,
		      st_err *err)
{
	long long ids[2] = { from, into };
	size_t i;

	for (i = 0; i < sizeof follows / sizeof follows[0]; i++)
		if (strcmp(follows[i].target, target) == 0 &&
		    db_exec_ints(db, follows[i].sql, ids, 2, err) != 0)
			return -1;
	return 0;
}

/* Every merge whose row merged away is gone here, followed (a merge of a
 * merge too: until nothing moves). */
static int follow_all_merges(sqlite3 *db, st_err *err)
{
	sqlite3_stmt *st;
	int round, rc = 0;

	for (round = 0; rc == 0 && round < 4; round++) {
		st = db_prepare(db, "SELECT tbl, from_id, into_id FROM sync_redirect"
				    " WHERE tbl IN ('person', 'factor')", err);
		if (!st)
			return -1;
		while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
			const char *tbl = (const char *)sqlite3_column_text(st, 0);

			rc = sync_follow_merge(db, strcmp(tbl, "person") == 0 ? "person" : "factor",
					  sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
					  err);
		}
		sqlite3_finalize(st);
	}
	return rc;
}

/* Then what points at a row erased goes as it would have gone here
 * (the schema's ON DELETE: CASCADE, SET NULL; a factor's children move
 * to the top). */
static const char *const follow_erasures[] = {
	"DELETE FROM session WHERE programme_id NOT IN (SELECT id FROM programme)",
	"DELETE FROM tag WHERE note_id NOT IN (SELECT id FROM note)"
	" OR factor_id NOT IN (SELECT id FROM factor)",
	"DELETE FROM attendance WHERE session_id NOT IN (SELECT id FROM session)"
	" OR person_id NOT IN (SELECT id FROM person)",
	"DELETE FROM attendance_log WHERE session_id NOT IN (SELECT id FROM session)"
	" OR person_id NOT IN (SELECT id FROM person)",
	"DELETE FROM coaching WHERE coach_id NOT IN (SELECT id FROM person)"
	" OR school_id NOT IN (SELECT id FROM organisation)",
	"DELETE FROM person_focus WHERE person_id NOT IN (SELECT id FROM person)",
	"UPDATE note SET about_person_id = NULL WHERE about_person_id NOT IN (SELECT id FROM person)",
	"UPDATE note SET about_org_id = NULL WHERE about_org_id NOT IN (SELECT id FROM organisation)",
	"UPDATE person SET organisation_id = NULL"
	" WHERE organisation_id NOT IN (SELECT id FROM organisation)",
	"UPDATE session SET host_org_id = NULL WHERE host_org_id NOT IN (SELECT id FROM organisation)",
	"UPDATE factor SET parent_id = NULL WHERE parent_id NOT IN (SELECT id FROM factor)",
};

int sync_follow_missing_rows(sqlite3 *db, st_err *err)
{
	size_t i;
	long long orphans;

	if (follow_all_merges(db, err) != 0)
		return -1;
	for (i = 0; i < sizeof follow_erasures / sizeof follow_erasures[0]; i++)
		if (db_exec_ints(db, follow_erasures[i], NULL, 0, err) != 0)
			return -1;
	if (db_query_int(db, "SELECT count(*) FROM note WHERE session_id NOT IN"
			     " (SELECT id FROM session)", NULL, 0, &orphans, err) != 0)
		return -1;
	if (orphans > 0)
		return st_err_set(err, _("these changes erase a session that %lld notes here "
					 "belong to: a note is never erased that way; move the "
					 "notes to another session, or ask the colleague to keep "
					 "the session"), orphans);
	return 0;
}

int sync_follow_factor_links(sqlite3 *db, st_err *err)
{
	return db_exec_ints(db, "DELETE FROM factor_anc WHERE factor_id NOT IN"
			    " (SELECT id FROM factor) OR ancestor_id NOT IN (SELECT id FROM factor)",
			    NULL, 0, err);
}

/* Erases the row the tombstone (tbl, id) names as the schema lets it go
 * here: a factor's tags go and its below-factors move up to the top
 * (its ON DELETE is RESTRICT). */
static int erase_releasing(sqlite3 *db, const char *tbl, long long id, st_err *err)
{
	static const char *const release[] = {
		"DELETE FROM tag WHERE factor_id = ?1",
		"UPDATE factor SET parent_id = NULL WHERE parent_id = ?1",
	};
	size_t k;

	for (k = 0; tbl && strcmp(tbl, "factor") == 0 && k < sizeof release / sizeof release[0]; k++)
		if (db_exec_ints(db, release[k], &id, 1, err) != 0)
			return -1;
	return sync_tombstone_erase(db, tbl, id, err);
}

int sync_erase_held_back(sqlite3 *db, const sync_erasure *later, int n, st_err *err)
{
	int i;

	if (n > 0 && follow_all_merges(db, err) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (erase_releasing(db, later[i].t->name, later[i].id, err) != 0)
			return -1;
	return 0;
}

int sync_honour_tombstone(sqlite3 *db, sqlite3_changeset_iter *it, const sync_table *t,
			  int op, st_err *err)
{
	sqlite3_value *a = NULL, *b = NULL;
	char *tbl;
	long long id;
	bool yes;
	int rc;

	if (strcmp(t->name, "sync_tombstone") == 0) {
		/* made, or made again later (UPDATE: its key is in the old
		 * values) */
		if (op == SQLITE_UPDATE) {
			sqlite3changeset_old(it, 0, &a);
			sqlite3changeset_old(it, 1, &b);
		} else {
			sqlite3changeset_new(it, 0, &a);
			sqlite3changeset_new(it, 1, &b);
		}
		if (!a || !b)
			return 0;
		return erase_releasing(db, (const char *)sqlite3_value_text(a),
				       sqlite3_value_int64(b), err);
	}
	/* A tag changed (by a merge into its factor) where an untagging of a
	 * tag merged into it waits: their times decide, as where the
	 * untagging came after (sync_tombstone_erase). */
	if (op != SQLITE_INSERT && strcmp(t->name, "tag") != 0)
		return 0;
	if (sync_change_tombstoned(db, t, it, op, &yes, err) != 0)
		return -1;
	if (!yes || sync_tombstone_of(t, it, op, &tbl, &id) <= 0)
		return 0;
	rc = erase_releasing(db, tbl, id, err);
	sqlite3_free(tbl);
	return rc;
}

int sync_follow_incoming_merge(sqlite3 *db, sqlite3_changeset_iter *it, st_err *err)
{
	sqlite3_value *t = NULL, *from = NULL, *into = NULL;
	const char *tbl;

	if (sqlite3changeset_new(it, 0, &t) != SQLITE_OK || sqlite3changeset_new(it, 1, &from) ||
	    sqlite3changeset_new(it, 2, &into) != SQLITE_OK || !t || !from || !into)
		return 0;
	tbl = (const char *)sqlite3_value_text(t);
	if (!tbl || strcmp(tbl, "person") != 0)
		return 0;
	return sync_follow_merge(db, "person", sqlite3_value_int64(from), sqlite3_value_int64(into),
			    err);
}
