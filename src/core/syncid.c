/* syncid.c: see syncid.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <uuid/uuid.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/renumber.h"
#include "core/sync_capture.h"
#include "core/syncid.h"

void syncid_new_uuid(char out[SYNCID_SIZE])
{
	uuid_t u;

	uuid_generate_random(u);
	uuid_unparse_lower(u, out);
}

bool syncid_valid(const char *s)
{
	int i;

	if (!s || strlen(s) != SYNCID_SIZE - 1)
		return false;
	for (i = 0; i < SYNCID_SIZE - 1; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!s[i] || !strchr("0123456789abcdef", s[i])) {
			return false;
		}
	}
	return true;
}

int syncid_to_bytes(const char *text, unsigned char out[SYNCID_BYTES])
{
	uuid_t u;

	if (!syncid_valid(text) || uuid_parse(text, u) != 0)
		return -1;
	memcpy(out, u, SYNCID_BYTES);
	return 0;
}

void syncid_from_bytes(const unsigned char bytes[SYNCID_BYTES], char out[SYNCID_SIZE])
{
	uuid_t u;

	memcpy(u, bytes, SYNCID_BYTES);
	uuid_unparse_lower(u, out);
}

/* Copies column i, an id or NULL, into out ("" for NULL). */
static void column_id(sqlite3_stmt *st, int i, char out[SYNCID_SIZE])
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	snprintf(out, SYNCID_SIZE, "%s", s ? s : "");
}

int syncid_read_self(sqlite3 *db, syncid_self *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT database_id, network_id, next_seq"
				      " FROM sync_self WHERE one = 1", err);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		column_id(st, 0, out->database_id);
		column_id(st, 1, out->network_id);
		out->next_seq = sqlite3_column_int64(st, 2);
	} else if (rc == SQLITE_DONE) {
		/* Only another program can have removed the row. */
		st_err_set(err, _("%s is damaged: it has no sync identity (the row of sync_self); "
				  "restore it from a backup"), sqlite3_db_filename(db, "main"));
	} else {
		db_error(db, err);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int syncid_join_in(sqlite3 *db, const char *network_id, st_err *err)
{
	syncid_self self;
	sqlite3_stmt *st;

	if (syncid_read_self(db, &self, err) != 0)
		return -1;
	if (strcmp(self.network_id, network_id) == 0)
		return 0;
	if (*self.network_id)
		return st_err_set(err, _("this database belongs to network %s, not to %s: a "
					 "database syncs with one network only"),
				  self.network_id, network_id);
	st = db_prepare(db, "UPDATE sync_self SET network_id = ?1 WHERE one = 1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, network_id, -1, SQLITE_STATIC);
	if (db_step_done(db, st, err) != 0)
		return -1;
	/* Its rows take the ids of the network (rowids.h); then a tombstone
	 * made before joining whose row is there again goes. */
	if (syncid_renumber_in(db, err) != 0)
		return -1;
	return sync_capture_joined(db, err);
}

int syncid_join(sqlite3 *db, const char *network_id, st_err *err)
{
	if (!syncid_valid(network_id))
		return st_err_set(err, _("%s is not a network id (a UUID such as %s)"), network_id,
				  "0b6e8d3c-5a41-4c2e-9f07-3d1e2a6b9c84");
	if (db_begin(db, err) != 0)
		return -1;
	if (syncid_join_in(db, network_id, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int syncid_take_seq(sqlite3 *db, long long *seq, st_err *err)
{
	if (db_query_int(db, "SELECT next_seq FROM sync_self WHERE one = 1", NULL, 0, seq, err) != 0)
		return -1;
	return db_exec_ints(db, "UPDATE sync_self SET next_seq = next_seq + 1 WHERE one = 1",
			    NULL, 0, err);
}

int syncid_peer_last(sqlite3 *db, const char *database_id, long long *last, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT last_seq FROM sync_peer WHERE database_id = ?1",
				      err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, database_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int syncid_peer_applied(sqlite3 *db, const char *database_id, long long seq, st_err *err)
{
	sqlite3_stmt *st;
	long long last;

	if (!syncid_valid(database_id))
		return st_err_set(err, _("%s is not a database id"), database_id);
	if (syncid_peer_last(db, database_id, &last, err) != 0)
		return -1;
	if (seq != last + 1)
		return st_err_set(err, _("file %lld of database %s cannot be recorded as applied: "
					 "the last one applied is %lld"), seq, database_id, last);
	st = db_prepare(db, "INSERT INTO sync_peer (database_id, last_seq, applied_at)"
			    " VALUES (?1, ?2, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))"
			    " ON CONFLICT (database_id) DO UPDATE SET last_seq = excluded.last_seq,"
			    " applied_at = excluded.applied_at", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, database_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, seq);
	return db_step_done(db, st, err);
}
