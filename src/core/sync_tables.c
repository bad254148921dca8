/* sync_tables.c: the tables that travel, their columns here and the
 * tombstones of their rows (sync_tables.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/sync_tables.h"

const sync_table sync_tables[] = {
	{ "programme", "changed_at", true, SYNC_WHAT_OTHER },
	{ "organisation", "changed_at", true, SYNC_WHAT_PEOPLE },
	{ "session", "changed_at", true, SYNC_WHAT_OTHER },
	{ "person", "changed_at", true, SYNC_WHAT_PEOPLE },
	{ "person_focus", NULL, false, SYNC_WHAT_PEOPLE },
	{ "coaching", NULL, false, SYNC_WHAT_PEOPLE },
	{ "attendance", "updated_at", false, SYNC_WHAT_CHECKINS },
	{ "attendance_log", NULL, true, SYNC_WHAT_CHECKINS },
	{ "factor", "changed_at", true, SYNC_WHAT_OTHER },
	{ "note", "updated_at", true, SYNC_WHAT_NOTES },
	{ "tag", "changed_at", false, SYNC_WHAT_TAGS },
	{ "sync_member", "changed_at", false, SYNC_WHAT_OTHER },
	{ "sync_tombstone", NULL, false, SYNC_WHAT_OTHER },
	{ "sync_redirect", NULL, false, SYNC_WHAT_OTHER },
};

const int sync_table_count = (int)(sizeof sync_tables / sizeof sync_tables[0]);

const sync_table *sync_table_find(const char *name)
{
	int i;

	for (i = 0; name && i < sync_table_count; i++)
		if (strcmp(sync_tables[i].name, name) == 0)
			return &sync_tables[i];
	return NULL;
}

int sync_table_column(sqlite3 *db, const char *name, const char *col)
{
	sqlite3_stmt *st;
	int i = -1;

	if (sqlite3_prepare_v2(db, "SELECT cid FROM pragma_table_info(?1) WHERE name = ?2", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		i = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return i;
}

int sync_table_columns(sqlite3 *db, const char *name, char *col[SYNC_COLS_MAX],
		       int pk[SYNC_COLS_MAX], st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid",
				      err);
	int n = 0, rc = SQLITE_DONE;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (n < SYNC_COLS_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		col[n] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
		pk[n] = sqlite3_column_int(st, 1) > 0;
		n++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, err);
		sync_table_columns_free(col, n);
		n = -1;
	}
	sqlite3_finalize(st);
	return n;
}

void sync_table_columns_free(char *col[SYNC_COLS_MAX], int n)
{
	while (n-- > 0)
		sqlite3_free(col[n]);
}

/* The value of column i of the row a change is about. */
static sqlite3_value *key_value(sqlite3_changeset_iter *it, int op, int i)
{
	sqlite3_value *v = NULL;

	if ((op == SQLITE_INSERT ? sqlite3changeset_new(it, i, &v)
				 : sqlite3changeset_old(it, i, &v)) != SQLITE_OK)
		return NULL;
	return v;
}

/* A tag's columns (schema_coders_migration): note_id, factor_id, coder,
 * polarity. */
#define TAG_PREFIX "tag/"

int sync_tombstone_of(const sync_table *t, sqlite3_changeset_iter *it, int op, char **tbl,
		      long long *row_id)
{
	sqlite3_value *id = key_value(it, op, 0), *factor, *coder;

	*tbl = NULL;
	if (!id || sqlite3_value_type(id) != SQLITE_INTEGER)
		return 0;
	*row_id = sqlite3_value_int64(id);
	if (t->tombstoned) {
		*tbl = sqlite3_mprintf("%s", t->name);
		return *tbl ? 1 : -1;
	}
	if (strcmp(t->name, "tag") != 0)
		return 0;
	factor = key_value(it, op, 1);
	coder = key_value(it, op, 2);
	if (!factor || !coder || sqlite3_value_type(factor) != SQLITE_INTEGER ||
	    sqlite3_value_type(coder) != SQLITE_TEXT)
		return 0;
	*tbl = sqlite3_mprintf(TAG_PREFIX "%lld/%s", sqlite3_value_int64(factor),
			       (const char *)sqlite3_value_text(coder));
	return *tbl ? 1 : -1;
}

/* The tag a tombstone's name names: its factor and coder (a pointer into
 * tbl).  0, or -1 when tbl names no tag. */
static int tag_of_tombstone(const char *tbl, long long *factor, const char **coder)
{
	int end = 0;

	if (strncmp(tbl, TAG_PREFIX, strlen(TAG_PREFIX)) != 0 ||
	    sscanf(tbl + strlen(TAG_PREFIX), "%lld/%n", factor, &end) != 1 || end == 0)
		return -1;
	*coder = tbl + strlen(TAG_PREFIX) + end;
	return 0;
}

/* The tag the tombstone tbl of note row_id names is erased unless it
 * was tagged again later than the untagging (its time of change, stamped
 * at the commit of its tagging): then the tombstone goes, on every
 * laptop alike, whichever came first.  An untagging made before its
 * writer heard of the factor's merge follows the tag into the factor it
 * went into, as the tag did. */
static int erase_tag(sqlite3 *db, const char *tbl, long long row_id, long long factor,
		     const char *coder, st_err *err)
{
#define THE_TAG "note_id = ?1 AND coder = ?3 AND (factor_id = ?2 OR factor_id =" \
		" (SELECT into_id FROM sync_redirect WHERE tbl = 'factor' AND from_id = ?2))"
	/* Its untaggings: its own, and those of the tags merged into it. */
#define UNTAGGINGS "row_id = ?1 AND (tbl = ?4 OR tbl IN (SELECT 'tag/' || from_id || '/' || ?3" \
		   " FROM sync_redirect WHERE tbl = 'factor' AND into_id = ?2))"
	static const char *const sql[2] = {
		"DELETE FROM tag WHERE " THE_TAG " AND changed_at <= coalesce((SELECT max(at)"
		" FROM sync_tombstone WHERE " UNTAGGINGS "), changed_at)",
		"DELETE FROM sync_tombstone WHERE " UNTAGGINGS " AND EXISTS"
		" (SELECT 1 FROM tag WHERE " THE_TAG " AND changed_at > sync_tombstone.at)",
	};
#undef UNTAGGINGS
#undef THE_TAG
	sqlite3_stmt *st;
	int i, rc = 0;

	for (i = 0; rc == 0 && i < 2; i++) {
		st = db_prepare(db, sql[i], err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, row_id);
		sqlite3_bind_int64(st, 2, factor);
		sqlite3_bind_text(st, 3, coder, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, tbl, -1, SQLITE_STATIC);
		rc = db_step_done(db, st, err);
	}
	return rc;
}

int sync_tombstone_erase(sqlite3 *db, const char *tbl, long long row_id, st_err *err)
{
	const sync_table *t = sync_table_find(tbl);
	const char *coder;
	long long factor;
	char *sql;
	int rc;

	if (t && t->tombstoned) {
		/* The name is one of sync_tables', never the file's. */
		sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE id = ?1", t->name);
		if (!sql)
			return st_err_set(err, "%s", _("out of memory"));
		rc = db_exec_ints(db, sql, &row_id, 1, err);
		sqlite3_free(sql);
		return rc;
	}
	if (!tbl || tag_of_tombstone(tbl, &factor, &coder) != 0)
		return 0;
	return erase_tag(db, tbl, row_id, factor, coder, err);
}

int sync_tombstone_here(sqlite3 *db, const char *tbl, long long row_id, bool *yes,
			st_err *err)
{
	/* A tag's untagging made before its writer heard of the factor's
	 * merge is the untagging of the tag in the factor it went into. */
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM sync_tombstone WHERE row_id = ?2"
					  " AND (tbl = ?1 OR tbl IN (SELECT 'tag/' || from_id || '/' || ?4"
					  "  FROM sync_redirect WHERE tbl = 'factor' AND into_id = ?3))",
				      err);
	const char *coder;
	long long factor;
	int rc;

	*yes = false;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, row_id);
	if (tag_of_tombstone(tbl, &factor, &coder) == 0) {
		sqlite3_bind_int64(st, 3, factor);
		sqlite3_bind_text(st, 4, coder, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, err);
}

int sync_change_tombstoned(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
			   int op, bool *yes, st_err *err)
{
	char *tbl;
	long long id;
	int k = sync_tombstone_of(t, it, op, &tbl, &id), rc;

	*yes = false;
	if (k <= 0)
		return k < 0 ? st_err_set(err, "%s", _("out of memory")) : 0;
	rc = sync_tombstone_here(db, tbl, id, yes, err);
	sqlite3_free(tbl);
	return rc;
}

int sync_record_merge(sqlite3 *db, const char *table, long long from, long long into,
		      st_err *err)
{
	sqlite3_stmt *st;
	long long in_network;

	/* Outside a network ids are the database's own: a new row may get
	 * the freed one, and joining renumbers them all. */
	if (db_query_int(db, "SELECT network_id IS NOT NULL FROM sync_self WHERE one = 1", NULL, 0,
			 &in_network, err) != 0)
		return -1;
	if (!in_network)
		return 0;
	st = db_prepare(db, "UPDATE sync_redirect SET into_id = ?3 WHERE tbl = ?1 AND into_id = ?2",
			err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, into);
	if (db_step_done(db, st, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT OR REPLACE INTO sync_redirect (tbl, from_id, into_id)"
			    " VALUES (?1, ?2, ?3)", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, into);
	return db_step_done(db, st, err);
}
