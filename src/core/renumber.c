/* renumber.c: see renumber.h.
 *
 * How.  temp.renumber_T maps every old id of table T to its new one;
 * no new id is an old id of the same table, so that no UPDATE below
 * meets a row that still has the id it is given.  Then, with the foreign
 * keys checked only at the commit (defer_foreign_keys) and the triggers
 * off (they would count the figures again row by row, and the full-text
 * triggers fire on the text only), each table's ids are replaced, then
 * every column that holds them; the full-text indexes are rebuilt. */
#include "config.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/renumber.h"
#include "core/rowids.h"
#include "core/syncid.h"

/* The travelling tables, and how each one's rows are read for their new
 * ids: the id, then what the content id is made of. */
enum way { RANDOM, PROGRAMME, SESSION, ORGANISATION, FACTOR, LOG };
static const struct travelling {
	const char *table;
	enum way way;
	const char *rows;
} tables[] = {
	{ "programme", PROGRAMME, "SELECT id, name FROM programme ORDER BY id" },
	{ "organisation", ORGANISATION, "SELECT id, name, postcode FROM organisation ORDER BY id" },
	{ "session", SESSION, "SELECT s.id, p.name, s.code FROM session s"
	  " JOIN programme p ON p.id = s.programme_id ORDER BY s.id" },
	{ "person", RANDOM, "SELECT id FROM person ORDER BY id" },
	{ "factor", FACTOR, "SELECT id, code FROM factor ORDER BY id" },
	{ "note", RANDOM, "SELECT id FROM note ORDER BY id" },
	/* julianday('2020-01-01') is 2458849.5. */
	{ "attendance_log", LOG, "SELECT id, CAST((julianday(changed_at) - 2458849.5) * 86400000"
	  " AS INTEGER) FROM attendance_log ORDER BY id" },
};
#define TABLES (int)(sizeof tables / sizeof tables[0])

/* Every column that holds an id of a travelling table: the references
 * of the schema, then what the triggers keep (schema_figures.c). */
static const struct ref {
	const char *table, *column, *parent;
} refs[] = {
	{ "session", "programme_id", "programme" },
	{ "session", "host_org_id", "organisation" },
	{ "person", "organisation_id", "organisation" },
	{ "coaching", "school_id", "organisation" },
	{ "note", "about_org_id", "organisation" },
	{ "attendance", "session_id", "session" },
	{ "note", "session_id", "session" },
	{ "attendance_log", "session_id", "session" },
	{ "person_focus", "person_id", "person" },
	{ "coaching", "coach_id", "person" },
	{ "attendance", "person_id", "person" },
	{ "note", "about_person_id", "person" },
	{ "attendance_log", "person_id", "person" },
	{ "factor", "parent_id", "factor" },
	{ "tag", "factor_id", "factor" },
	{ "tag", "note_id", "note" },
	{ "factor_anc", "factor_id", "factor" },
	{ "factor_anc", "ancestor_id", "factor" },
	{ "fig_note", "note_id", "note" },
	{ "fig_note", "ancestor_id", "factor" },
	{ "fig_session", "session_id", "session" },
	{ "fig_session", "ancestor_id", "factor" },
	{ "fig_session", "about_org_id", "organisation" },   /* 0: none, kept */
	{ "fig_session_notes", "session_id", "session" },
	{ "fig_total", "ancestor_id", "factor" },
	{ "fig_total_org", "ancestor_id", "factor" },
	{ "fig_total_org", "org_id", "organisation" },
	{ "fig_pair", "ancestor_id", "factor" },
	{ "fig_pair", "session_id", "session" },
	{ "fig_pair", "factor_id", "factor" },
	{ "fig_pair_total", "ancestor_id", "factor" },
	{ "fig_scope", "programme_id", "programme" },        /* 0: a kind's, kept */
	{ "fig_scope", "ancestor_id", "factor" },
	{ "fig_scope_org", "programme_id", "programme" },
	{ "fig_scope_org", "ancestor_id", "factor" },
	{ "fig_scope_org", "org_id", "organisation" },
	{ "fig_pair_total", "factor_id", "factor" },
};
#define REFS (int)(sizeof refs / sizeof refs[0])

static int exec_sql(sqlite3 *db, const char *sql, st_err *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err);
	return 0;
}

/* The statements that fill the map of one table. */
struct mapping {
	sqlite3_stmt *rows, *taken, *add;
};

/* Whether id may be the new id of the row old: no other row has it now,
 * no row got it already. */
static int is_free(sqlite3 *db, struct mapping *m, long long old, long long id, bool *free_,
		   st_err *err)
{
	int rc;

	sqlite3_bind_int64(m->taken, 1, id);
	sqlite3_bind_int64(m->taken, 2, old);
	rc = sqlite3_step(m->taken);
	*free_ = rc == SQLITE_ROW && sqlite3_column_int(m->taken, 0) == 0;
	sqlite3_reset(m->taken);
	if (rc != SQLITE_ROW)
		return db_error(db, err);
	return 0;
}

/* The id the content of the current row of m->rows asks for (0: none). */
static long long wanted_id(const struct travelling *t, sqlite3_stmt *rows, long long last,
			   const char *self)
{
	const char *a = (const char *)sqlite3_column_text(rows, 1);
	const char *b = (const char *)sqlite3_column_text(rows, 2);
	long long id;

	switch (t->way) {
	case PROGRAMME:
		return rowid_of_programme(a ? a : "");
	case SESSION:
		return rowid_of_session(a ? a : "", b ? b : "");
	case ORGANISATION:
		return rowid_of_organisation(a, b);
	case FACTOR:
		return rowid_of_factor(a ? a : "");
	case LOG:
		/* The log's order is kept: each after the one before; the low
		 * bits from the row, not random, so that joining again gives
		 * the same ids (rowid_of_row). */
		id = rowid_of_log_time(sqlite3_column_int64(rows, 1)) / 4096 * 4096 +
		     rowid_of_row(self, "attendance_log", sqlite3_column_int64(rows, 0)) % 4096;
		return id > last ? id : last + 1;
	case RANDOM:
		break;
	}
	return 0;
}

/* Fills m's map, one row of the table at a time. */
static int fill_map(sqlite3 *db, const struct travelling *t, struct mapping *m, const char *self,
		    st_err *err)
{
	long long old, id, last = 0;
	bool free_;
	int rc;

	while ((rc = sqlite3_step(m->rows)) == SQLITE_ROW) {
		old = sqlite3_column_int64(m->rows, 0);
		id = wanted_id(t, m->rows, last, self);
		if (id <= 0 || id >= ROWID_LIMIT)
			id = rowid_of_row(self, t->table, old);
		for (;;) {
			if (is_free(db, m, old, id, &free_, err) != 0)
				return -1;
			if (free_)
				break;
			/* The log must stay in order; anything else takes a
			 * random id (a content id taken by another row). */
			id = t->way == LOG ? id + 1 : rowid_random();
		}
		last = id;
		sqlite3_bind_int64(m->add, 1, old);
		sqlite3_bind_int64(m->add, 2, id);
		if (db_step_reset(db, m->add, err) != 0)
			return -1;
	}
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* temp.renumber_T for table t: every old id with its new one. */
static int make_map(sqlite3 *db, const struct travelling *t, const char *self, st_err *err)
{
	struct mapping m = { NULL, NULL, NULL };
	char sql[256];
	int rc = -1;

	snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS temp.renumber_%s;"
		 "CREATE TEMP TABLE renumber_%s (old INTEGER PRIMARY KEY,"
		 " new INTEGER NOT NULL UNIQUE)", t->table, t->table);
	if (exec_sql(db, sql, err) != 0)
		return -1;
	m.rows = db_prepare(db, t->rows, err);
	snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM main.%s WHERE id = ?1 AND id <> ?2)"
		 " OR EXISTS (SELECT 1 FROM temp.renumber_%s WHERE new = ?1)", t->table, t->table);
	if (m.rows)
		m.taken = db_prepare(db, sql, err);
	snprintf(sql, sizeof sql, "INSERT INTO temp.renumber_%s (old, new) VALUES (?1, ?2)",
		 t->table);
	if (m.taken)
		m.add = db_prepare(db, sql, err);
	if (m.add)
		rc = fill_map(db, t, &m, self, err);
	sqlite3_finalize(m.rows);
	sqlite3_finalize(m.taken);
	sqlite3_finalize(m.add);
	return rc;
}

/* Every id and every column that holds one takes its new value. */
static int move_ids(sqlite3 *db, st_err *err)
{
	char sql[256];
	int i;

	for (i = 0; i < TABLES; i++) {
		snprintf(sql, sizeof sql, "UPDATE main.%s SET id = m.new FROM temp.renumber_%s m"
			 " WHERE m.old = %s.id", tables[i].table, tables[i].table, tables[i].table);
		if (exec_sql(db, sql, err) != 0)
			return -1;
	}
	for (i = 0; i < REFS; i++) {
		snprintf(sql, sizeof sql, "UPDATE main.%s SET %s = m.new FROM temp.renumber_%s m"
			 " WHERE m.old = %s.%s", refs[i].table, refs[i].column, refs[i].parent,
			 refs[i].table, refs[i].column);
		if (exec_sql(db, sql, err) != 0)
			return -1;
	}
	return 0;
}

/* The search indexes (and person_name_start) under the new ids (their
 * triggers were off), the
 * keys of drafts, and a change of the roster for an import of a sign-up
 * list that worked out its rows under the old ids (people_import.c). */
static int follow_ids(sqlite3 *db, st_err *err)
{
	static const char sql[] =
		"INSERT INTO note_fts (note_fts) VALUES ('rebuild');"
		"CREATE TEMP TABLE renumber_names AS SELECT rowid AS r, name FROM person_name;"
		"DELETE FROM person_name;"
		"INSERT INTO person_name (rowid, name) SELECT coalesce(m.new, n.r), n.name"
		"  FROM temp.renumber_names n LEFT JOIN temp.renumber_person m ON m.old = n.r;"
		"DROP TABLE temp.renumber_names;"
		/* person_name_start: the people whose name a word starts
		 * with (no new id is an old one, so no row meets another). */
		"UPDATE person_name_start SET person_id = m.new FROM temp.renumber_person m"
		"  WHERE m.old = person_name_start.person_id;"
		/* draft_key: "note:ID:FACILITATOR", "session:ID:FACILITATOR" (or
		 * without ":FACILITATOR", as older versions wrote them). */
		"UPDATE draft SET key = 'note:' || m.new || substr(key, length('note:' || m.old) + 1)"
		"  FROM temp.renumber_note m WHERE key GLOB 'note:[0-9]*'"
		"  AND m.old = CAST(substr(key, 6) AS INTEGER)"
		"  AND (key = 'note:' || m.old OR key GLOB 'note:' || m.old || ':*');"
		"UPDATE draft SET key = 'session:' || m.new"
		"  || substr(key, length('session:' || m.old) + 1)"
		"  FROM temp.renumber_session m WHERE key GLOB 'session:[0-9]*'"
		"  AND m.old = CAST(substr(key, 9) AS INTEGER)"
		"  AND (key = 'session:' || m.old OR key GLOB 'session:' || m.old || ':*');"
		"UPDATE roster_version SET n = n + 1;";

	return exec_sql(db, sql, err);
}

static int drop_maps(sqlite3 *db, st_err *err)
{
	char sql[96];
	int i;

	for (i = 0; i < TABLES; i++) {
		snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS temp.renumber_%s", tables[i].table);
		if (exec_sql(db, sql, err) != 0)
			return -1;
	}
	return 0;
}

/* Whether a journal of pending writes, path-pending-XXXXXX (pending.h),
 * is beside the database at path: its writes name the old ids.  Out of
 * memory counts as one, so that the renumbering waits. */
static bool journal_beside(const char *path)
{
	size_t n = strlen(path), i, j = 0;
	char *pattern = malloc(2 * n + sizeof "-pending-??????");
	glob_t g;
	int rc;

	if (!pattern)
		return true;
	for (i = 0; i < n; i++) {
		if (strchr("*?[\\", path[i]))
			pattern[j++] = '\\';
		pattern[j++] = path[i];
	}
	strcpy(pattern + j, "-pending-??????");
	rc = glob(pattern, 0, NULL, &g);
	free(pattern);
	if (rc == 0)
		globfree(&g);
	return rc == 0 || rc == GLOB_NOSPACE;
}

int syncid_renumber_in(sqlite3 *db, st_err *err)
{
	const char *path = sqlite3_db_filename(db, "main");
	int triggers = 1, rc = 0, i;
	syncid_self self;

	if (path && *path && journal_beside(path))
		return st_err_set(err, _("%s has writes waiting to be applied (a journal of pending "
					 "writes beside it): open it in stemtui so they are "
					 "applied, then try again"), path);
	if (syncid_read_self(db, &self, err) != 0 ||
	    exec_sql(db, "PRAGMA defer_foreign_keys = ON", err) != 0)
		return -1;
	for (i = 0; i < TABLES && rc == 0; i++)
		rc = make_map(db, &tables[i], self.database_id, err);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &triggers);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	if (rc == 0)
		rc = move_ids(db, err);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, triggers, (int *)NULL);
	if (rc == 0)
		rc = follow_ids(db, err);
	if (rc == 0)
		rc = drop_maps(db, err);
	return rc;
}

int syncid_renumber(sqlite3 *db, st_err *err)
{
	if (db_begin(db, err) != 0)
		return -1;
	if (syncid_renumber_in(db, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}
