/* sync_snapshot.c: a database's content as changesets, in pieces
 * (sync_snapshot.h).
 *
 * A session records what is inserted into an empty copy of a table; the
 * rows of the table are copied into it a piece at a time, and each piece's
 * changeset is given away before the copy is emptied for the next.  So no
 * more than a piece is ever in memory, unlike sqlite3session_diff, which
 * holds the whole table. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/sync_snapshot.h"
#include "core/sync_tables.h"

int sync_snapshot_attach(sqlite3 *db, st_err *err)
{
	sqlite3_stmt *st;
	int i, rc = 0;

	if (db_exec_ints(db, "ATTACH ':memory:' AS sync_empty", NULL, 0, err) != 0)
		return -1;
	st = db_prepare(db, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
			err);
	for (i = 0; st && rc == 0 && i < sync_table_count; i++) {
		const char *sql, *cols;
		char *make;

		sqlite3_bind_text(st, 1, sync_tables[i].name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = st_err_set(err, _("the database lacks table %s"), sync_tables[i].name);
			break;
		}
		sql = (const char *)sqlite3_column_text(st, 0);
		cols = sql ? strchr(sql, '(') : NULL;
		make = cols ? sqlite3_mprintf("CREATE TABLE sync_empty.\"%w\" %s",
					      sync_tables[i].name, cols) : NULL;
		rc = make ? db_exec_ints(db, make, NULL, 0, err) : st_err_set(err, "%s", _("out of memory"));
		sqlite3_free(make);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (!st || rc != 0) {
		sync_snapshot_detach(db);
		return -1;
	}
	return 0;
}

void sync_snapshot_detach(sqlite3 *db)
{
	sqlite3_exec(db, "DETACH sync_empty", NULL, NULL, NULL);
}

/* The copying of one table. */
typedef struct copy {
	sqlite3 *db;
	const char *table;
	sqlite3_session *session;       /* recording the piece being made */
	sqlite3_stmt *insert;           /* a row into the empty copy */
	long long piece;                /* bytes a piece holds */
	sync_piece_fn take;
	void *ctx;
	st_err *err;
} copy;

static int piece_start(copy *c)
{
	if (sqlite3session_create(c->db, "sync_empty", &c->session) != SQLITE_OK)
		return st_err_set(c->err, "%s", _("out of memory"));
	if (sqlite3session_attach(c->session, c->table) != SQLITE_OK)
		return st_err_set(c->err, _("cannot read table %s for sync: %s"), c->table,
				  sqlite3_errmsg(c->db));
	return 0;
}

/* The piece recorded so far given to take, and the copy emptied (the
 * session gone first, so that emptying is not recorded). */
static int piece_end(copy *c)
{
	void *p = NULL;
	int n = 0, rc = 0;
	char *empty;

	if (sqlite3session_changeset(c->session, &n, &p) != SQLITE_OK)
		rc = db_error(c->db, c->err);
	else if (n > 0)
		rc = c->take(c->ctx, n, p, c->err);
	sqlite3_free(p);
	sqlite3session_delete(c->session);
	c->session = NULL;
	empty = sqlite3_mprintf("DELETE FROM sync_empty.\"%w\"", c->table);
	if (rc == 0)
		rc = empty ? db_exec_ints(c->db, empty, NULL, 0, c->err)
			   : st_err_set(c->err, "%s", _("out of memory"));
	sqlite3_free(empty);
	return rc;
}

/* The INSERT of a row of ncol values into the empty copy of the table. */
static int prepare_insert(copy *c, int ncol)
{
	char *sql = sqlite3_mprintf("INSERT INTO sync_empty.\"%w\" VALUES (?", c->table);
	int i;

	for (i = 1; sql && i < ncol; i++) {
		char *more = sqlite3_mprintf("%s, ?", sql);

		sqlite3_free(sql);
		sql = more;
	}
	if (sql) {
		char *all = sqlite3_mprintf("%s)", sql);

		sqlite3_free(sql);
		sql = all;
	}
	c->insert = sql ? db_prepare(c->db, sql, c->err) : NULL;
	if (!sql)
		st_err_set(c->err, "%s", _("out of memory"));
	sqlite3_free(sql);
	return c->insert ? 0 : -1;
}

/* Whether rows of the table refer to rows of the same table: then it goes
 * whole, so that no piece holds a row whose parent comes later. */
static int refers_to_itself(sqlite3 *db, const char *table, bool *yes, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM pragma_foreign_key_list(?1, 'main')"
					  " WHERE \"table\" = ?1", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	*yes = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Copies the SELECT's row into the empty copy, adding the bytes it holds
 * to *bytes. */
static int copy_row(copy *c, sqlite3_stmt *sel, int ncol, long long *bytes)
{
	int i;

	for (i = 0; i < ncol; i++) {
		sqlite3_bind_value(c->insert, i + 1, sqlite3_column_value(sel, i));
		*bytes += sqlite3_column_bytes(sel, i) + 9;
	}
	return db_step_reset(c->db, c->insert, c->err);
}

static int snapshot_table(copy *c)
{
	char *sql = sqlite3_mprintf("SELECT * FROM main.\"%w\"", c->table);
	sqlite3_stmt *sel = sql ? db_prepare(c->db, sql, c->err) : NULL;
	long long bytes = 0;
	bool whole = true;
	int ncol, step = SQLITE_DONE, rc;

	sqlite3_free(sql);
	if (!sel)
		return -1;
	ncol = sqlite3_column_count(sel);
	rc = refers_to_itself(c->db, c->table, &whole, c->err);
	if (rc == 0)
		rc = prepare_insert(c, ncol);
	if (rc == 0)
		rc = piece_start(c);
	while (rc == 0 && (step = sqlite3_step(sel)) == SQLITE_ROW) {
		rc = copy_row(c, sel, ncol, &bytes);
		if (rc == 0 && !whole && bytes >= c->piece) {
			bytes = 0;
			rc = piece_end(c);
			if (rc == 0)
				rc = piece_start(c);
		}
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_error(c->db, c->err);
	if (rc == 0)
		rc = piece_end(c);
	if (c->session)         /* left by an error */
		sqlite3session_delete(c->session);
	sqlite3_finalize(c->insert);
	sqlite3_finalize(sel);
	return rc;
}

int sync_snapshot_pieces(sqlite3 *db, long long piece, sync_piece_fn take, void *ctx,
			 st_err *err)
{
	int i, rc;

	/* The empty copies keep the tables' foreign keys, which their rows
	 * break (the parents were copied and emptied before); checked at the
	 * commit, when every copy is empty again. */
	rc = db_exec_ints(db, "PRAGMA defer_foreign_keys = ON", NULL, 0, err);
	for (i = 0; rc == 0 && i < sync_table_count; i++) {
		copy c = { db, sync_tables[i].name, NULL, NULL, piece, take, ctx, err };

		rc = snapshot_table(&c);
	}
	return rc;
}
