/* sync_field_time.c: when each field of a travelling row last changed
 * (sync_field_time.h). */
#include "config.h"

#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/sync_field_time.h"

#define PK_PARAM 11 /* the key's columns bind from ?11 on */

bool sync_field_time_own(const char *tbl, const char *col)
{
	static const char *const fields[][2] = {
		{ "attendance", "walk_in" },
	};
	size_t k;

	for (k = 0; k < sizeof fields / sizeof fields[0]; k++)
		if (strcmp(tbl, fields[k][0]) == 0 && strcmp(col, fields[k][1]) == 0)
			return true;
	return false;
}

/* The row's values as the change names them: an INSERT's new ones, the
 * old ones of the others (the key of an UPDATE is in them). */
static sqlite3_value *key_value(sqlite3_changeset_iter *it, int op, int i)
{
	sqlite3_value *v = NULL;

	if (op == SQLITE_INSERT)
		sqlite3changeset_new(it, i, &v);
	else
		sqlite3changeset_old(it, i, &v);
	return v;
}

char *sync_field_time_key(sqlite3_changeset_iter *it, int op)
{
	unsigned char *pk;
	int n, i;
	char *key = sqlite3_mprintf("%s", "");

	if (sqlite3changeset_pk(it, &pk, &n) != SQLITE_OK) {
		sqlite3_free(key);
		return NULL;
	}
	for (i = 0; i < n && key; i++) {
		sqlite3_value *v;

		if (!pk[i])
			continue;
		v = key_value(it, op, i);
		key = sqlite3_mprintf("%z%s%s", key, *key ? "/" : "",
				      v ? (const char *)sqlite3_value_text(v) : "");
	}
	return key;
}

/* The columns of table t here (sync_table_columns) and the index of its
 * time of change.  Returns how many, or -1 with err set. */
static int columns_of(sqlite3 *db, const sync_table *t, char *col[SYNC_COLS_MAX],
		      int pk[SYNC_COLS_MAX], int *stamp, st_err *err)
{
	int i, n = sync_table_columns(db, t->name, col, pk, err);

	*stamp = -1;
	for (i = 0; t->stamp && i < n; i++)
		if (col[i] && strcmp(col[i], t->stamp) == 0)
			*stamp = i;
	return n;
}

/* A change's row: its table's columns and its key. */
typedef struct field_row {
	sqlite3 *db;
	const sync_table *t;
	sqlite3_changeset_iter *it;
	int op, ncol, stamp;
	char *col[SYNC_COLS_MAX];
	int pk[SYNC_COLS_MAX];
	char *key;
} field_row;

static void row_free(field_row *r)
{
	sync_table_columns_free(r->col, r->ncol);
	r->ncol = 0;
	sqlite3_free(r->key);
}

/* 1 when the row was read, 0 when its table has no time of change (or
 * not the columns the change has), -1 with err set. */
static int row_read(field_row *r, st_err *err)
{
	const char *tab;
	int n, op, indirect;

	r->ncol = 0;
	r->key = NULL;
	if (!r->t->stamp || sqlite3changeset_op(r->it, &tab, &n, &op, &indirect) != SQLITE_OK)
		return 0;
	r->ncol = columns_of(r->db, r->t, r->col, r->pk, &r->stamp, err);
	if (r->ncol < 0) {
		r->ncol = 0;
		return -1;
	}
	if (r->ncol != n || r->stamp < 0) {
		row_free(r);
		return 0;
	}
	r->key = sync_field_time_key(r->it, r->op);
	if (!r->key) {
		row_free(r);
		return st_err_set(err, "%s", _("out of memory"));
	}
	return 1;
}

/* sql (sqlite3_free'd here; %s for the condition on the row's key)
 * prepared for the row: ?1 the table's name, ?2 the row's key, its key's
 * columns from ?11. */
static sqlite3_stmt *row_prepare(field_row *r, char *sql, st_err *err)
{
	char *where = NULL, *text;
	int i, k = 0;
	sqlite3_stmt *st;

	for (i = 0; i < r->ncol; i++)
		if (r->pk[i])
			where = sqlite3_mprintf("%z%s\"%w\" = ?%d", where, where ? " AND " : "",
						r->col[i], PK_PARAM + k++);
	text = where && sql ? sqlite3_mprintf(sql, where) : NULL;
	sqlite3_free(where);
	sqlite3_free(sql);
	if (!text) {
		st_err_set(err, "%s", _("out of memory"));
		return NULL;
	}
	st = db_prepare(r->db, text, err);
	sqlite3_free(text);
	for (i = 0, k = 0; st && i < r->ncol; i++)
		if (r->pk[i])
			sqlite3_bind_value(st, PK_PARAM + k++, key_value(r->it, r->op, i));
	if (st) {
		sqlite3_bind_text(st, 1, r->t->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, r->key, -1, SQLITE_STATIC);
	}
	return st;
}

int sync_field_time_get(sqlite3 *db, const sync_table *t, const char *key, const char *col,
			char **at, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT at FROM sync_field_time WHERE tbl = ?1"
				      " AND row_key = ?2 AND col IN (?3, '') ORDER BY col DESC LIMIT 1",
				      err);
	int rc;

	*at = NULL;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, col, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*at = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, err);
}

int sync_field_time_base(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
			 int op, sqlite3_value *stamp, st_err *err)
{
	field_row r = { db, t, it, op, 0, -1, { NULL }, { 0 }, NULL };
	sqlite3_stmt *st;
	int rc = row_read(&r, err);

	if (rc <= 0)
		return rc;
	/* An UPDATE that moves the time says what it was. */
	if (!stamp && op == SQLITE_UPDATE)
		sqlite3changeset_old(it, r.stamp, &stamp);
	st = row_prepare(&r, sqlite3_mprintf("INSERT OR IGNORE INTO sync_field_time (tbl, row_key,"
					     " col, at) SELECT ?1, ?2, '', coalesce(?3, \"%w\")"
					     " FROM \"%w\" WHERE %%s", r.col[r.stamp], t->name),
			 err);
	if (st) {
		if (stamp)
			sqlite3_bind_value(st, 3, stamp);
		rc = db_step_done(db, st, err);
	} else {
		rc = -1;
	}
	row_free(&r);
	return rc;
}

/* Whether the row has a time of its own fields here already: an INSERT
 * of a row that was here (merged field by field) has one, a row made by
 * the change has none and needs none. */
static int has_times(field_row *r, bool *yes, st_err *err)
{
	sqlite3_stmt *st = db_prepare(r->db, "SELECT 1 FROM sync_field_time WHERE tbl = ?1"
				      " AND row_key = ?2 AND col = ''", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, r->t->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(r->db, err);
}

/* Field i of the row takes the time stamp (NULL: the row's own now) if
 * it holds the change's value, unless its time is later. */
static int field_changed(field_row *r, int i, sqlite3_value *stamp, st_err *err)
{
	sqlite3_value *v = NULL;
	sqlite3_stmt *st;
	char *sql;

	if (sqlite3changeset_new(r->it, i, &v) != SQLITE_OK || !v)
		return 0;
	sql = sqlite3_mprintf("INSERT INTO sync_field_time (tbl, row_key, col, at)"
			      " SELECT ?1, ?2, ?3, max(coalesce(?4, \"%w\"), coalesce((SELECT f.at"
			      " FROM sync_field_time f WHERE f.tbl = ?1 AND f.row_key = ?2"
			      " AND f.col IN (?3, '') ORDER BY f.col DESC LIMIT 1), ''))"
			      " FROM \"%w\" WHERE \"%w\" IS ?5 AND %%s"
			      " ON CONFLICT (tbl, row_key, col) DO UPDATE SET at = excluded.at",
			      r->col[r->stamp], r->t->name, r->col[i]);
	st = row_prepare(r, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 3, r->col[i], -1, SQLITE_STATIC);
	if (stamp)
		sqlite3_bind_value(st, 4, stamp);
	sqlite3_bind_value(st, 5, v);
	return db_step_done(r->db, st, err);
}

int sync_field_time_changed(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
			    int op, sqlite3_value *stamp, st_err *err)
{
	field_row r = { db, t, it, op, 0, -1, { NULL }, { 0 }, NULL };
	bool yes = true;
	int i, rc = row_read(&r, err);

	if (rc <= 0)
		return rc;
	rc = op == SQLITE_INSERT ? has_times(&r, &yes, err) : 0;
	for (i = 0; rc == 0 && yes && i < r.ncol; i++)
		if (!r.pk[i] && i != r.stamp && !sync_field_time_own(t->name, r.col[i]))
			rc = field_changed(&r, i, stamp, err);
	row_free(&r);
	return rc;
}

bool sync_field_time_at_commit(const sync_table *t)
{
	return t->stamp && strcmp(t->stamp, "changed_at") == 0 &&
	       (t->tombstoned || strcmp(t->name, "tag") == 0);
}

int sync_field_time_stamp_row(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
			      int op, st_err *err)
{
	field_row r = { db, t, it, op, 0, -1, { NULL }, { 0 }, NULL };
	sqlite3_stmt *st;
	int rc;

	if (!sync_field_time_at_commit(t))
		return 0;
	rc = row_read(&r, err);
	if (rc <= 0)
		return rc;
	/* Later than the time the row has, even within one millisecond: a
	 * time the change left as it was would not travel with it. */
	st = row_prepare(&r, sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = strftime(?3,"
					     " max(julianday('now'), coalesce(julianday(\"%w\")"
					     " + 1.0 / 86400000, 0))) WHERE %%s", t->name,
					     r.col[r.stamp], r.col[r.stamp]),
			 err);
	if (st) {
		sqlite3_bind_text(st, 3, "%Y-%m-%dT%H:%M:%fZ", -1, SQLITE_STATIC);
		rc = db_step_done(db, st, err);
	} else {
		rc = -1;
	}
	row_free(&r);
	return rc;
}

/* A field the file's UPDATE does not carry that changed since the row's
 * time before it (changed and back between two files: a trash and its
 * restore) is as unchanged on the laptops that apply the file: it takes
 * again the time of the fields without one of their own. */
static int forget_unsent(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
			 st_err *err)
{
	field_row r = { db, t, it, SQLITE_UPDATE, 0, -1, { NULL }, { 0 }, NULL };
	sqlite3_value *was = NULL, *v;
	sqlite3_stmt *st = NULL;
	int i, rc = row_read(&r, err);

	if (rc <= 0)
		return rc;
	rc = 0;
	if (sqlite3changeset_old(it, r.stamp, &was) == SQLITE_OK && was)
		st = db_prepare(db, "DELETE FROM sync_field_time WHERE tbl = ?1 AND row_key = ?2"
				    " AND col = ?3 AND at > ?4", err);
	for (i = 0; st && rc == 0 && i < r.ncol; i++) {
		v = NULL;
		if (r.pk[i] || i == r.stamp || (sqlite3changeset_new(it, i, &v) == SQLITE_OK && v))
			continue;
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, r.key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, r.col[i], -1, SQLITE_STATIC);
		sqlite3_bind_value(st, 4, was);
		rc = db_step_reset(db, st, err);
	}
	sqlite3_finalize(st);
	row_free(&r);
	return rc;
}

/* A row the file creates: its fields' time is the row's, as on every
 * laptop that applies the file. */
static int forget_row(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
		      st_err *err)
{
	sqlite3_stmt *st;
	char *key = sync_field_time_key(it, SQLITE_INSERT);

	if (!key)
		return st_err_set(err, "%s", _("out of memory"));
	st = db_prepare(db, "DELETE FROM sync_field_time WHERE tbl = ?1 AND row_key = ?2", err);
	if (st) {
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, key, -1, sqlite3_free);
		return db_step_done(db, st, err);
	}
	sqlite3_free(key);
	return -1;
}

int sync_field_time_stamp(sqlite3 *db, const sync_table *t)
{
	return t->stamp ? sync_table_column(db, t->name, t->stamp) : -1;
}

/* The time an UPDATE of the file gives its fields: its row's new time of
 * change (none: the fields keep theirs, a trash's own time). */
static sqlite3_value *change_time(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it)
{
	sqlite3_value *v = NULL;
	int i = sync_field_time_stamp(db, t);

	if (i >= 0)
		sqlite3changeset_new(it, i, &v);
	return v;
}

int sync_field_time_sent(sqlite3 *db, const void *p, int n, st_err *err)
{
	sqlite3_changeset_iter *it;
	int rc = 0;

	if (n == 0)
		return 0;
	if (sqlite3changeset_start(&it, n, (void *)p) != SQLITE_OK)
		return db_error(db, err);
	while (rc == 0 && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, indirect;
		const sync_table *t;
		sqlite3_value *at;

		sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
		t = sync_table_find(tab);
		if (!t || !t->stamp)
			continue;
		if (op == SQLITE_INSERT)
			rc = forget_row(db, t, it, err);
		else if (op == SQLITE_UPDATE && (at = change_time(db, t, it)) &&
			 (rc = sync_field_time_changed(db, t, it, op, at, err)) == 0)
			rc = forget_unsent(db, t, it, err);
	}
	sqlite3changeset_finalize(it);
	return rc;
}
