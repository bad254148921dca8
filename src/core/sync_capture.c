/* sync_capture.c: this laptop's own changes into sync_outbox
 * (sync_capture.h). */
#include "config.h"

#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/rowids.h"
#include "core/sync_capture.h"
#include "core/sync_field_time.h"
#include "core/sync_tables.h"

/* The connections of this process that write (the TUI and the CLI have
 * one; the tests a few): what watches each. */
#define SLOTS 16

static struct slot {
	sqlite3 *db;
	sqlite3_session *session;
	int paused;
	bool prejoin;          /* not in a network: erasures only (below) */
} slots[SLOTS];

static struct slot *slot_of(sqlite3 *db, bool make)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].db == db)
			return &slots[i];
	for (i = 0; make && i < SLOTS; i++)
		if (!slots[i].db) {
			slots[i].db = db;
			return &slots[i];
		}
	return NULL;
}

int sync_capture_filter(void *unused, const char *name)
{
	(void)unused;
	return sync_table_find(name) != NULL;
}

/* The rows whose id in a network comes from their content (rowids.h),
 * which every laptop that loaded the shipped programme and codebook
 * shares, and which can be erased: a starter factor, a school. */
static int prejoin_filter(void *unused, const char *name)
{
	(void)unused;
	return strcmp(name, "factor") == 0 || strcmp(name, "organisation") == 0;
}

/* Whether db belongs to a network: 1, 0 when not, -1 when its schema
 * does not know sync yet (during its migrations). */
static int in_network(sqlite3 *db)
{
	sqlite3_stmt *st;
	int yes = -1;

	if (sqlite3_prepare_v2(db, "SELECT network_id IS NOT NULL FROM sync_self WHERE one = 1",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return yes;
}

int sync_capture_begin(sqlite3 *db, st_err *err)
{
	struct slot *s = slot_of(db, true);
	int member;

	if (!s)
		return st_err_set(err, "%s", _("too many databases open at once"));
	if (s->paused || (member = in_network(db)) < 0)
		return 0;
	if (sqlite3session_create(db, "main", &s->session) != SQLITE_OK) {
		s->session = NULL;
		return st_err_set(err, "%s", _("cannot record the changes for sync: out of memory"));
	}
	/* Before joining, only what erases a row other laptops share: the
	 * tombstone goes with the first sync (sync_capture.h). */
	s->prejoin = !member;
	sqlite3session_table_filter(s->session, member ? sync_capture_filter : prejoin_filter,
				    NULL);
	if (sqlite3session_attach(s->session, NULL) != SQLITE_OK) {
		sync_capture_end(db);
		return db_error(db, err);
	}
	return 0;
}

/* A tag's factor and coder into ?3 and ?4 of st; NULL for other rows. */
static void bind_tag_key(sqlite3_stmt *st, const sync_table *t, sqlite3_changeset_iter *it,
			 int op)
{
	sqlite3_value *v[2] = { NULL, NULL };
	int i;

	for (i = 0; strcmp(t->name, "tag") == 0 && i < 2; i++)
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, i + 1, &v[i]);
		else
			sqlite3changeset_old(it, i + 1, &v[i]);
	for (i = 0; i < 2; i++)
		if (v[i])
			sqlite3_bind_value(st, 3 + i, v[i]);
		else
			sqlite3_bind_null(st, 3 + i);
}

/* What the commit adds to the transaction's changes: tombstones for the
 * rows it erases, none any more for the rows it creates (a tag made
 * again after its untagging is there again everywhere, sync_tables.h), the time of
 * change of the rows it edits.  *wrote tells whether anything was
 * written. */
static int keep_tombstones(sqlite3 *db, int n, void *p, bool *wrote, st_err *err)
{
	/* ?3 and ?4: a tag's factor and coder (NULL for other rows).  The
	 * tags of a factor erased or merged away go without one: the
	 * factor's tombstone or merge says where they went (and an untagging
	 * follows a merge, sync_tombstone_erase).  A tag made again takes
	 * away the untagging of the tags merged into it as well. */
	static const char *const sql[2] = {
		"INSERT OR REPLACE INTO sync_tombstone (tbl, row_id, at)"
		" SELECT ?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
		" WHERE ?3 IS NULL OR EXISTS (SELECT 1 FROM factor WHERE id = ?3)",
		"DELETE FROM sync_tombstone WHERE row_id = ?2 AND (tbl = ?1 OR tbl IN"
		" (SELECT 'tag/' || from_id || '/' || ?4 FROM sync_redirect"
		"  WHERE tbl = 'factor' AND into_id = ?3))",
	};
	sqlite3_changeset_iter *it;
	sqlite3_stmt *st[2] = { NULL, NULL };
	int rc = 0;

	*wrote = false;
	if (sqlite3changeset_start(&it, n, p) != SQLITE_OK)
		return db_error(db, err);
	while (rc == 0 && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		const sync_table *t;
		int ncol, op, indirect, k;
		long long id;
		char *tbl;

		sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
		t = sync_table_find(tab);
		if (t && op == SQLITE_UPDATE) {
			/* The row's new time is the time of the fields the
			 * transaction changed (sync_field_time.h). */
			rc = sync_field_time_base(db, t, it, op, NULL, err);
			if (rc == 0)
				rc = sync_field_time_stamp_row(db, t, it, op, err);
			if (rc == 0)
				rc = sync_field_time_changed(db, t, it, op, NULL, err);
			*wrote |= sync_field_time_at_commit(t);
			continue;
		}
		/* A tag made has the time of its making: against an
		 * untagging made elsewhere, the later wins (sync_tables.h). */
		if (t && op == SQLITE_INSERT && strcmp(t->name, "tag") == 0 &&
		    (rc = sync_field_time_stamp_row(db, t, it, op, err)) != 0)
			break;
		if (!t || (k = sync_tombstone_of(t, it, op, &tbl, &id)) == 0)
			continue;
		if (k < 0) {
			rc = st_err_set(err, "%s", _("out of memory"));
			break;
		}
		k = op == SQLITE_DELETE ? 0 : 1;
		if (!st[k] && !(st[k] = db_prepare(db, sql[k], err))) {
			sqlite3_free(tbl);
			rc = -1;
			break;
		}
		sqlite3_bind_text(st[k], 1, tbl, -1, sqlite3_free);
		sqlite3_bind_int64(st[k], 2, id);
		bind_tag_key(st[k], t, it, op);
		rc = db_step_reset(db, st[k], err);
		*wrote = true;
	}
	sqlite3changeset_finalize(it);
	sqlite3_finalize(st[0]);
	sqlite3_finalize(st[1]);
	return rc;
}

int sync_outbox_add(sqlite3 *db, int n, const void *p, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO sync_outbox (changeset) VALUES (?1)", err);

	if (!st)
		return -1;
	sqlite3_bind_blob(st, 1, p, n, SQLITE_STATIC);
	return db_step_done(db, st, err);
}

/* Text of column name of the row a DELETE erased ("" when none). */
static const char *erased_text(sqlite3 *db, sqlite3_changeset_iter *it, const char *table,
			       const char *name)
{
	sqlite3_value *v = NULL;
	int i = sync_table_column(db, table, name);
	const char *text;

	if (i < 0 || sqlite3changeset_old(it, i, &v) != SQLITE_OK || !v)
		return "";
	text = (const char *)sqlite3_value_text(v);
	return text ? text : "";
}

/* The id the row a DELETE of table erased will never have in a network
 * (its content id, rowids.h; 0: none). */
static long long erased_content_id(sqlite3 *db, sqlite3_changeset_iter *it, const char *table)
{
	if (strcmp(table, "factor") == 0)
		return rowid_of_factor(erased_text(db, it, table, "code"));
	if (strcmp(table, "organisation") == 0) {
		char *name = sqlite3_mprintf("%s", erased_text(db, it, table, "name"));
		long long id = name ? rowid_of_organisation(name, erased_text(db, it, table,
									      "postcode")) : 0;

		sqlite3_free(name);
		return id;
	}
	return 0;
}

/* Before joining: the rows other laptops share that the transaction
 * erased get a tombstone under the id they would have had in a network
 * (joining drops the tombstone of a row made again meanwhile,
 * sync_capture_joined). */
static int keep_prejoin_tombstones(sqlite3 *db, int n, void *p, st_err *err)
{
	sqlite3_changeset_iter *it;
	sqlite3_stmt *st;
	int rc = 0;

	if (sqlite3changeset_start(&it, n, p) != SQLITE_OK)
		return db_error(db, err);
	/* Not for a row there again under that id: joining renumbers every
	 * row (an erasure and an insertion to the session). */
	st = db_prepare(db, "INSERT OR REPLACE INTO sync_tombstone (tbl, row_id, at)"
			    " SELECT ?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE NOT EXISTS"
			    " (SELECT 1 FROM factor WHERE ?1 = 'factor' AND id = ?2 UNION ALL"
			    " SELECT 1 FROM organisation WHERE ?1 = 'organisation' AND id = ?2)", err);
	while (st && rc == 0 && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, indirect;
		long long id;

		sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
		if (op != SQLITE_DELETE || (id = erased_content_id(db, it, tab)) == 0)
			continue;
		sqlite3_bind_text(st, 1, tab, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, id);
		rc = db_step_reset(db, st, err);
	}
	sqlite3changeset_finalize(it);
	sqlite3_finalize(st);
	return st ? rc : -1;
}

int sync_capture_joined(sqlite3 *db, st_err *err)
{
	return db_exec_ints(db, "DELETE FROM sync_tombstone WHERE (tbl = 'factor' AND row_id IN"
			    " (SELECT id FROM factor)) OR (tbl = 'organisation' AND row_id IN"
			    " (SELECT id FROM organisation))", NULL, 0, err);
}

int sync_capture_commit(sqlite3 *db, st_err *err)
{
	struct slot *s = slot_of(db, false);
	void *p = NULL;
	int n = 0, rc;
	bool wrote;

	if (!s || !s->session)
		return 0;
	if (sqlite3session_changeset(s->session, &n, &p) != SQLITE_OK)
		return db_error(db, err);
	if (s->prejoin) {
		rc = n > 0 ? keep_prejoin_tombstones(db, n, p, err) : 0;
		sqlite3_free(p);
		return rc;
	}
	rc = n > 0 ? keep_tombstones(db, n, p, &wrote, err) : 0;
	if (rc == 0 && n > 0 && wrote) {
		/* The tombstones travel too: take the changeset again. */
		sqlite3_free(p);
		p = NULL;
		if (sqlite3session_changeset(s->session, &n, &p) != SQLITE_OK)
			rc = db_error(db, err);
	}
	if (rc == 0 && n > 0)
		rc = sync_outbox_add(db, n, p, err);
	sqlite3_free(p);
	return rc;
}

void sync_capture_end(sqlite3 *db)
{
	struct slot *s = slot_of(db, false);

	if (s && s->session) {
		sqlite3session_delete(s->session);
		s->session = NULL;
		s->prejoin = false;
	}
}

void sync_capture_pause(sqlite3 *db, bool paused)
{
	struct slot *s = slot_of(db, true);

	if (s)
		s->paused += paused ? 1 : -1;
}

void sync_capture_forget(sqlite3 *db)
{
	struct slot *s = slot_of(db, false);

	if (s) {
		sync_capture_end(db);
		memset(s, 0, sizeof *s);
	}
}
