/* sync_tables.c: the tables that travel (sync_tables.h). */
#include "config.h"

#include <string.h>

#include "core/db.h"
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
	{ "tag", NULL, false, SYNC_WHAT_TAGS },
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
