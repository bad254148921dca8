/* drafts.c: see drafts.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/drafts.h"
#include "core/i18n.h"
#include "core/text.h"

/* The local time, as notes are stamped (notes.c). */
#define NOW_SQL "strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

void draft_clear_fields(st_draft *d)
{
	free(d->key);
	free(d->body);
	free(d->kind);
	free(d->group_label);
	free(d->saved_at);
	memset(d, 0, sizeof *d);
}

int draft_save(sqlite3 *db, const st_draft *d, st_err *err)
{
	sqlite3_stmt *st;

	if (!d->key || !*d->key)
		return st_err_set(err, "%s", _("a draft needs a key"));
	/* Nothing typed: nothing to keep. */
	if (text_is_blank(or_empty(d->body)))
		return draft_delete(db, d->key, err);
	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO draft (key, body, kind, group_label, saved_at, seq)"
			    " VALUES (?1, ?2, ?3, ?4, " NOW_SQL ","
			    " (SELECT coalesce(max(seq), 0) + 1 FROM draft))"
			    " ON CONFLICT (key) DO UPDATE SET body = excluded.body,"
			    " kind = excluded.kind, group_label = excluded.group_label,"
			    " saved_at = excluded.saved_at, seq = excluded.seq", err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_text(st, 1, d->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, d->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, or_empty(d->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, or_empty(d->group_label), -1, SQLITE_STATIC);
	if (db_step_done(db, st, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Copies a row of DRAFT_COLUMNS. */
static void draft_from_row(sqlite3_stmt *st, st_draft *out)
{
	out->key = db_column_strdup(st, 0);
	out->body = db_column_strdup(st, 1);
	out->kind = db_column_strdup(st, 2);
	out->group_label = db_column_strdup(st, 3);
	out->saved_at = db_column_strdup(st, 4);
}

static int read_draft(sqlite3 *db, sqlite3_stmt *st, st_draft *out, st_err *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		draft_from_row(st, out);
	} else if (rc != SQLITE_DONE) {
		db_error(db, err);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

#define DRAFT_COLUMNS "key, body, kind, group_label, saved_at"

int draft_load(sqlite3 *db, const char *key, st_draft *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " DRAFT_COLUMNS " FROM draft WHERE key = ?1",
				      err);

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, or_empty(key), -1, SQLITE_STATIC);
	return read_draft(db, st, out, err);
}

int draft_newest(sqlite3 *db, st_draft *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " DRAFT_COLUMNS " FROM draft"
				      " ORDER BY seq DESC LIMIT 1", err);

	if (!st)
		return -1;
	return read_draft(db, st, out, err);
}

void draft_key(char *buf, size_t size, bool note, long long id, const char *facilitator)
{
	snprintf(buf, size, "%s:%lld:%s", note ? "note" : "session", id, or_empty(facilitator));
}

int draft_list_own(sqlite3 *db, const char *facilitator, st_draft *out, int max, st_err *err)
{
	/* The name is what follows the second colon (the id has none). */
	sqlite3_stmt *st = db_prepare(db, "SELECT " DRAFT_COLUMNS " FROM draft"
				      " WHERE (key GLOB 'session:[0-9]*:*' OR key GLOB 'note:[0-9]*:*')"
				      " AND substr(key, instr(key, ':') + 1"
				      " + instr(substr(key, instr(key, ':') + 1), ':')) = ?1"
				      " ORDER BY seq DESC LIMIT ?2", err);
	int n = 0, rc = SQLITE_DONE;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, or_empty(facilitator), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max);
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		draft_from_row(st, &out[n++]);
	if (n < max && rc != SQLITE_DONE) {
		db_error(db, err);
		while (n > 0)
			draft_clear_fields(&out[--n]);
		n = -1;
	}
	sqlite3_finalize(st);
	return n;
}

int draft_delete(sqlite3 *db, const char *key, st_err *err)
{
	sqlite3_stmt *st;

	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db, "DELETE FROM draft WHERE key = ?1", err);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_text(st, 1, or_empty(key), -1, SQLITE_STATIC);
	if (db_step_done(db, st, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}
