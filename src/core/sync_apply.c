/* sync_apply.c: a colleague's changes into this database (sync_apply.h).
 *
 * The changeset was checked first (sync_changeset_check.c).  SQLite's
 * sqlite3changeset_apply_v2 applies each change and calls on_conflict
 * when the row is not as the change expects.  The rules:
 *   - a row changed here and there (DATA, or an INSERT of a row that
 *     exists, CONFLICT): field by field, a field only one side changed
 *     takes that change; a field both changed takes the later change by
 *     the field's time of change (sync_field_time.h), or on a tie the
 *     larger value, so that every laptop decides alike whatever the
 *     order; the text of a note that lost is kept in note_revision;
 *   - a restore of a note not in the trash here: the colleague's trash
 *     it undoes has not come yet, and its file waits for the others
 *     (counts->absent, sync.c);
 *   - a row erased here (NOTFOUND): it stays erased;
 *   - a row erased there but changed here: it is erased (erasing wins);
 *   - a row that wants a unique value another row has here (a factor's
 *     code or GUID, a programme's name, a session's code): settled by
 *     the rule of sync_clash.h, and recorded in sync_decision; a change
 *     that breaks another rule of the schema: left out, and recorded
 *     there for a person to decide;
 *   - rows that point at a row erased or merged (FOREIGN_KEY), and
 *     erasures that rows here hold back: dealt with after the changeset
 *     (sync_follow.c: merges followed, erased rows' dependants gone as
 *     they would have gone here, tombstones honoured). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/sync_apply.h"
#include "core/sync_capture.h"
#include "core/sync_clash.h"
#include "core/sync_field_time.h"
#include "core/sync_follow.h"

typedef struct apply_ctx {
	sqlite3 *db;
	st_err *err;
	int failed;            /* a write of on_conflict failed: abort */
	int foreign_key;       /* rows point at rows that are gone */
	sync_counts *counts;
	sync_erasure *later;        /* erasures held back by rows that point at them */
	int nlater, maxlater;
} apply_ctx;

/* ---- Merging a row changed on both sides ---- */

/* Orders values as SQLite orders them (NULL, numbers, text, blobs), text
 * and blobs by their bytes: the same on every laptop. */
static int value_cmp(sqlite3_value *a, sqlite3_value *b)
{
	int ta = a ? sqlite3_value_type(a) : SQLITE_NULL;
	int tb = b ? sqlite3_value_type(b) : SQLITE_NULL;
	int la, lb, c;

	if (ta == SQLITE_FLOAT)
		ta = SQLITE_INTEGER;
	if (tb == SQLITE_FLOAT)
		tb = SQLITE_INTEGER;
	if (ta != tb) {
		static const int rank[] = { 0, 1, 1, 2, 3, 0 };

		return rank[ta] - rank[tb];
	}
	switch (ta) {
	case SQLITE_NULL:
		return 0;
	case SQLITE_INTEGER: {
		double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
		long long i = sqlite3_value_int64(a), j = sqlite3_value_int64(b);

		if (sqlite3_value_type(a) == SQLITE_INTEGER && sqlite3_value_type(b) == SQLITE_INTEGER)
			return (i > j) - (i < j);
		return (x > y) - (x < y);
	}
	default: {
		const void *pa = ta == SQLITE_TEXT ? (const void *)sqlite3_value_text(a)
						   : sqlite3_value_blob(a);
		const void *pb = tb == SQLITE_TEXT ? (const void *)sqlite3_value_text(b)
						   : sqlite3_value_blob(b);

		la = sqlite3_value_bytes(a);
		lb = sqlite3_value_bytes(b);
		c = la && lb ? memcmp(pa, pb, (size_t)(la < lb ? la : lb)) : 0;
		return c ? c : (la > lb) - (la < lb);
	}
	}
}

/* The row as the change has it and as it is here. */
typedef struct row_pair {
	int ncol, op;
	const sync_table *t;
	sqlite3 *db;
	st_err *err;
	char *key;                      /* the row's (sync_field_time_key) */
	int failed;                     /* reading a field's time failed */
	sqlite3_value *in[SYNC_COLS_MAX];    /* the change's new value, NULL: unchanged */
	sqlite3_value *old[SYNC_COLS_MAX];   /* the change's old value (UPDATE) */
	sqlite3_value *here[SYNC_COLS_MAX];  /* the row here */
	char *col[SYNC_COLS_MAX];
	int pk[SYNC_COLS_MAX];
} row_pair;

/* The row's columns and values (r->col: free_columns), or -1 with err
 * set and nothing to free. */
static int read_pair(sqlite3 *db, sqlite3_changeset_iter *it, row_pair *r, st_err *err)
{
	int i, n = sync_table_columns(db, r->t->name, r->col, r->pk, err);

	if (n < 0)
		return -1;
	if (n != r->ncol) {
		sync_table_columns_free(r->col, n);
		return st_err_set(err, _("table %s is not as the changes expect"), r->t->name);
	}
	for (i = 0; i < r->ncol; i++) {
		r->in[i] = r->old[i] = r->here[i] = NULL;
		sqlite3changeset_new(it, i, &r->in[i]);
		if (r->op == SQLITE_UPDATE)
			sqlite3changeset_old(it, i, &r->old[i]);
		sqlite3changeset_conflict(it, i, &r->here[i]);
	}
	return 0;
}

static int column_of(const row_pair *r, const char *name)
{
	int i;

	for (i = 0; name && i < r->ncol; i++)
		if (strcmp(r->col[i], name) == 0)
			return i;
	return -1;
}

/* Whether field i and the change have times to compare: the change
 * carries its row's new time, and the field is not one whose value alone
 * decides. */
static bool timed(const row_pair *r, int i)
{
	int s = column_of(r, r->t->stamp);

	return s >= 0 && i != s && r->in[s] && !sync_field_time_own(r->t->name, r->col[i]);
}

/* Whether the change wins a field both sides changed: the later time of
 * change of that field (sync_field_time.h), else (no time, or the same)
 * the larger value of it, so that every laptop decides alike.  A field
 * whose time is its value, and the row's time itself, go by value. */
static bool change_wins(row_pair *r, int i)
{
	int s = column_of(r, r->t->stamp), c = 0;
	char *at = NULL;

	if (timed(r, i)) {
		if (sync_field_time_get(r->db, r->t, r->key, r->col[i], &at, r->err) != 0)
			r->failed = 1;
		c = at ? strcmp((const char *)sqlite3_value_text(r->in[s]), at)
		       : value_cmp(r->in[s], r->here[s]);
		sqlite3_free(at);
	}
	return c != 0 ? c > 0 : value_cmp(r->in[i], r->here[i]) > 0;
}

/* Whether field i takes the change's value. */
static bool takes_change(row_pair *r, int i)
{
	if (r->pk[i] || !r->in[i] || value_cmp(r->in[i], r->here[i]) == 0)
		return false;
	/* With times, they decide even when the field is as the change
	 * found it: it may have changed here and back since (a trash and a
	 * restore), later than the change. */
	if (!timed(r, i) && r->op == SQLITE_UPDATE && r->old[i] &&
	    value_cmp(r->old[i], r->here[i]) == 0)
		return true;    /* unchanged here */
	return change_wins(r, i);
}

/* The text of a note that lost to the other side's, kept for its
 * author: the same on every laptop, whichever side it was on. */
static int keep_revision(apply_ctx *c, const row_pair *r, bool change_won)
{
	int body = column_of(r, "body"), at = column_of(r, "updated_at"), id = column_of(r, "id");
	sqlite3_value *const *lost = change_won ? r->here : r->in;
	sqlite3_stmt *st;

	if (body < 0 || at < 0 || id < 0 || !lost[body])
		return 0;
	st = db_prepare(c->db, "INSERT OR IGNORE INTO note_revision (note_id, body, updated_at,"
			       " kept_at) VALUES (?1, ?2, coalesce(?3, ''),"
			       " strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))", c->err);
	if (!st)
		return -1;
	sqlite3_bind_value(st, 1, r->here[id]);
	sqlite3_bind_value(st, 2, lost[body]);
	sqlite3_bind_value(st, 3, lost[at] ? lost[at] : r->here[at]);
	return db_step_done(c->db, st, c->err);
}

/* When both sides changed a note's text, the one that lost is kept
 * (take: the fields that took the change). */
static int keep_lost_text(apply_ctx *c, const row_pair *r, const bool *take)
{
	int body = column_of(r, "body");

	if (strcmp(r->t->name, "note") != 0 || body < 0 || !r->in[body] ||
	    value_cmp(r->in[body], r->here[body]) == 0 ||
	    (r->op == SQLITE_UPDATE && r->old[body] && value_cmp(r->old[body], r->here[body]) == 0))
		return 0;
	return keep_revision(c, r, take[body]);
}

/* UPDATE t SET the fields that take the change (alt[i], when set,
 * instead of the change's value) WHERE its key. */
static int write_fields(apply_ctx *c, const row_pair *r, const bool *take, char *const *alt)
{
	char *sql = sqlite3_mprintf("UPDATE \"%w\" SET ", r->t->name), *where = NULL;
	int i, set = 0, k = 0, rc;
	sqlite3_stmt *st;

	for (i = 0; i < r->ncol && sql; i++)
		if (take[i])
			sql = sqlite3_mprintf("%z%s\"%w\" = ?", sql, set++ ? ", " : "", r->col[i]);
	if (!set) {
		/* The row here wins every field; a note's text that lost is
		 * still kept. */
		sqlite3_free(sql);
		return keep_lost_text(c, r, take);
	}
	for (i = 0; i < r->ncol && sql; i++)
		if (r->pk[i])
			where = sqlite3_mprintf("%z%s\"%w\" = ?", where, where ? " AND " : "",
						r->col[i]);
	sql = sqlite3_mprintf("%z WHERE %z", sql, where);
	st = sql ? db_prepare(c->db, sql, c->err) : NULL;
	sqlite3_free(sql);
	if (!st)
		return -1;
	for (i = 0; i < r->ncol; i++)
		if (take[i] && alt[i])
			sqlite3_bind_text(st, ++k, alt[i], -1, SQLITE_TRANSIENT);
		else if (take[i])
			sqlite3_bind_value(st, ++k, r->in[i]);
	for (i = 0; i < r->ncol; i++)
		if (r->pk[i])
			sqlite3_bind_value(st, ++k, r->here[i]);
	rc = db_step_done(c->db, st, c->err);
	return rc == 0 ? keep_lost_text(c, r, take) : rc;
}

/* The fields that take the change, written once a unique value they
 * take has room (sync_clash.h; the row may go into another). */
static int write_merge(apply_ctx *c, row_pair *r)
{
	bool take[SYNC_COLS_MAX] = { false }, gone = false;
	sqlite3_value *val[SYNC_COLS_MAX] = { NULL };
	char *alt[SYNC_COLS_MAX] = { NULL };
	int i, id = column_of(r, "id"), rc = 0;

	for (i = 0; i < r->ncol; i++)
		val[i] = (take[i] = takes_change(r, i)) ? r->in[i] : NULL;
	if (id >= 0)
		rc = sync_clash_room(c->db, r->t->name, sqlite3_value_int64(r->here[id]), r->ncol,
				     r->col, val, alt, &gone, &c->counts->decisions, c->err);
	if (rc == 0 && !gone)
		rc = write_fields(c, r, take, alt);
	for (i = 0; i < r->ncol; i++)
		free(alt[i]);
	return rc;
}

/* A status and its time of arrival are one fact, which the later change
 * decides; field by field, an absence could keep the arrival time of the
 * check-in it won over (only a status of present has one).  The same on
 * every laptop, since it depends on the merged row only. */
static int arrival_with_status(apply_ctx *c, const row_pair *r)
{
	int s = column_of(r, "session_id"), p = column_of(r, "person_id");
	sqlite3_stmt *st;

	if (s < 0 || p < 0)
		return 0;
	st = db_prepare(c->db, "UPDATE attendance SET arrived_at = NULL WHERE session_id = ?1"
			       " AND person_id = ?2 AND status <> 'present' AND arrived_at IS NOT NULL",
			c->err);
	if (!st)
		return -1;
	sqlite3_bind_value(st, 1, r->here[s]);
	sqlite3_bind_value(st, 2, r->here[p]);
	return db_step_done(c->db, st, c->err);
}

/* Whether the change restores a note that is not in the trash here: its
 * writer restored a trash made by a colleague whose change is not
 * applied here yet. */
static bool restores_unseen_trash(const row_pair *r)
{
	int d = column_of(r, "deleted_at");

	return strcmp(r->t->name, "note") == 0 && r->op == SQLITE_UPDATE && d >= 0 && r->old[d] &&
	       sqlite3_value_type(r->old[d]) != SQLITE_NULL && r->here[d] &&
	       sqlite3_value_type(r->here[d]) == SQLITE_NULL;
}

/* Whether the change takes no field of the row here. */
static bool takes_nothing(row_pair *r)
{
	int i;

	for (i = 0; i < r->ncol; i++)
		if (takes_change(r, i))
			return false;
	return true;
}

static int merge_row(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it,
		     int ncol, int op)
{
	row_pair r;
	int rc, s;

	if (ncol > SYNC_COLS_MAX)
		return SQLITE_CHANGESET_ABORT;
	r.ncol = ncol;
	r.op = op;
	r.t = t;
	r.db = c->db;
	r.err = c->err;
	r.failed = 0;
	if (!(r.key = sync_field_time_key(it, op)) || read_pair(c->db, it, &r, c->err) != 0) {
		sqlite3_free(r.key);
		c->failed = 1;
		return SQLITE_CHANGESET_ABORT;
	}
	/* The fields the change does not carry keep the time the row has
	 * until now (sync_field_time.h); a row the change takes nothing of
	 * needs nothing (the same row, or an older copy merged again). */
	s = column_of(&r, t->stamp);
	rc = takes_nothing(&r) ? 0 : sync_field_time_base(c->db, t, it, op,
							   s >= 0 ? r.here[s] : NULL, c->err);
	/* Its file waits for the others, as for a row not here (sync.c):
	 * the trash comes first, then its restore, wherever they are. */
	if (restores_unseen_trash(&r))
		c->counts->absent++;
	if (rc == 0)
		rc = write_merge(c, &r);
	if (rc == 0 && strcmp(t->name, "attendance") == 0)
		rc = arrival_with_status(c, &r);
	sync_table_columns_free(r.col, ncol);
	sqlite3_free(r.key);
	if (rc != 0 || r.failed) {
		c->failed = 1;
		return SQLITE_CHANGESET_ABORT;
	}
	return SQLITE_CHANGESET_OMIT;
}

static void record_decision(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it,
			    int op)
{
	sqlite3_value *v = NULL;
	sqlite3_stmt *st;

	if (op == SQLITE_DELETE)
		sqlite3changeset_old(it, 0, &v);
	else
		sqlite3changeset_new(it, 0, &v);
	st = db_prepare(c->db, "INSERT INTO sync_decision (at, tbl, row_id, what) VALUES"
			       " (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), ?1, ?2,"
			       " 'constraint')", c->err);
	if (!st) {
		c->failed = 1;
		return;
	}
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	if (v && sqlite3_value_type(v) == SQLITE_INTEGER)
		sqlite3_bind_value(st, 2, v);
	if (db_step_done(c->db, st, c->err) != 0)
		c->failed = 1;
	c->counts->decisions++;
}

/* An erasure that rows here hold back (a factor with tags or below-
 * factors here, whose ON DELETE is RESTRICT), for after the changeset,
 * when the merges it may bring are known (sync_erase_held_back). */
static int erase_later(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it)
{
	sqlite3_value *v = NULL;

	if (sqlite3changeset_old(it, 0, &v) != SQLITE_OK || !v)
		return SQLITE_CHANGESET_OMIT;
	if (c->nlater == c->maxlater) {
		int max = c->maxlater ? 2 * c->maxlater : 16;
		sync_erasure *e = sqlite3_realloc64(c->later, (sqlite3_uint64)max * sizeof *e);

		if (!e) {
			c->failed = 1;
			st_err_set(c->err, "%s", _("out of memory"));
			return SQLITE_CHANGESET_ABORT;
		}
		c->later = e;
		c->maxlater = max;
	}
	c->later[c->nlater].t = t;
	c->later[c->nlater++].id = sqlite3_value_int64(v);
	return SQLITE_CHANGESET_OMIT;
}

/* A change to a row that is not here: erased here (its tombstone says
 * so, and it stays erased), or not arrived yet (counts->absent: the
 * caller may apply another colleague's changes first, sync.c). */
static void count_absent(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it,
			 int op)
{
	bool yes = false;

	if (sync_change_tombstoned(c->db, t, it, op, &yes, c->err) != 0)
		c->failed = 1;
	if (!yes)
		c->counts->absent++;
}

/* A row that wants a unique value another row has here (sync_clash.h):
 * 1 written, 0 another rule is broken, -1 failed. */
static int take_clash(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it, int ncol)
{
	char *col[SYNC_COLS_MAX];
	int pk[SYNC_COLS_MAX], n = sync_table_columns(c->db, t->name, col, pk, c->err), rc;

	if (n < 0) {
		c->failed = 1;
		return -1;
	}
	rc = n != ncol ? 0 : sync_clash_take(c->db, t->name, it, ncol, col, pk,
					     &c->counts->decisions, c->err);
	sync_table_columns_free(col, n);
	if (rc < 0)
		c->failed = 1;
	return rc;
}

/* Whether an erasure of a tag or of an untagging (its tombstone) is older
 * than the row here: tagged again since, or untagged again since.  Then
 * the row stays, and the times of the tag and the untagging decide
 * (sync_tombstone_erase); everywhere else, erasing wins. */
static bool erasure_older(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it)
{
	sqlite3_value *was = NULL, *here = NULL;
	int i = -1;

	if (strcmp(t->name, "tag") == 0)
		i = sync_field_time_stamp(c->db, t);
	else if (strcmp(t->name, "sync_tombstone") == 0)
		i = sync_table_column(c->db, t->name, "at");
	if (i < 0 || sqlite3changeset_old(it, i, &was) != SQLITE_OK ||
	    sqlite3changeset_conflict(it, i, &here) != SQLITE_OK || !was || !here)
		return false;
	return value_cmp(here, was) > 0;
}

/* An untagging made again (its tombstone's time moved) of a tag tagged
 * again here since: the tombstone is made again here too, and its time
 * and the tag's decide (sync_follow.c). */
static int untagging_again(apply_ctx *c, sqlite3_changeset_iter *it)
{
	sqlite3_value *v[3] = { NULL, NULL, NULL };
	sqlite3_stmt *st;
	int i;

	for (i = 0; i < 2; i++)
		sqlite3changeset_old(it, i, &v[i]);
	sqlite3changeset_new(it, 2, &v[2]);
	if (!v[0] || !v[1] || !v[2])
		return SQLITE_CHANGESET_OMIT;
	st = db_prepare(c->db, "INSERT OR REPLACE INTO sync_tombstone (tbl, row_id, at)"
			       " VALUES (?1, ?2, ?3)", c->err);
	for (i = 0; st && i < 3; i++)
		sqlite3_bind_value(st, i + 1, v[i]);
	if (!st || db_step_done(c->db, st, c->err) != 0) {
		c->failed = 1;
		return SQLITE_CHANGESET_ABORT;
	}
	return SQLITE_CHANGESET_OMIT;
}

/* Whether the tag an UPDATE changes was untagged here (else it has not
 * come yet, or went with its note or factor: count_absent). */
static bool untagged_here(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it)
{
	bool yes = false;

	if (sync_change_tombstoned(c->db, t, it, SQLITE_UPDATE, &yes, c->err) != 0)
		c->failed = 1;
	return yes;
}

/* A tag changed (its polarity) later than its untagging here: it is
 * there again, as on the laptops that had the untagging after it
 * (sync_tombstone_erase), and the untagging goes.  Else, or when the tag
 * went otherwise (its note or factor), it stays away. */
static int retagged_later(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it)
{
	static const char sql[] =
		"INSERT INTO tag (note_id, factor_id, coder, polarity, changed_at)"
		" SELECT ?1, ?2, ?3, coalesce(?4, 0), ?5 FROM sync_tombstone"
		" WHERE tbl = ?6 AND row_id = ?1 AND at < ?5"
		" AND EXISTS (SELECT 1 FROM note WHERE id = ?1)"
		" AND EXISTS (SELECT 1 FROM factor WHERE id = ?2)";
	sqlite3_value *v[5] = { NULL, NULL, NULL, NULL, NULL };
	int pos[5] = { sync_table_column(c->db, "tag", "note_id"),
		       sync_table_column(c->db, "tag", "factor_id"),
		       sync_table_column(c->db, "tag", "coder"),
		       sync_table_column(c->db, "tag", "polarity"),
		       sync_field_time_stamp(c->db, t) };
	sqlite3_stmt *st;
	char *tomb;
	long long id;
	int i, k = sync_tombstone_of(t, it, SQLITE_UPDATE, &tomb, &id);

	if (k <= 0)
		return k < 0 ? (c->failed = 1, SQLITE_CHANGESET_ABORT) : SQLITE_CHANGESET_OMIT;
	/* The key from the old values (an UPDATE's), the rest from the new. */
	for (i = 0; i < 5; i++)
		if (pos[i] >= 0 && i < 3)
			sqlite3changeset_old(it, pos[i], &v[i]);
		else if (pos[i] >= 0)
			sqlite3changeset_new(it, pos[i], &v[i]);
	st = v[0] && v[1] && v[2] && v[4] ? db_prepare(c->db, sql, c->err) : NULL;
	for (i = 0; st && i < 5; i++)
		if (v[i])
			sqlite3_bind_value(st, i + 1, v[i]);
	if (st)
		sqlite3_bind_text(st, 6, tomb, -1, SQLITE_STATIC);
	if (st && (db_step_done(c->db, st, c->err) != 0 ||
		   sync_tombstone_erase(c->db, tomb, id, c->err) != 0))
		c->failed = 1;
	sqlite3_free(tomb);
	return c->failed ? SQLITE_CHANGESET_ABORT : SQLITE_CHANGESET_OMIT;
}

static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	apply_ctx *c = ctx;
	const char *tab;
	const sync_table *t;
	int ncol, op, indirect;

	if (kind == SQLITE_CHANGESET_FOREIGN_KEY) {
		c->foreign_key = 1;
		c->counts->absent++;
		return SQLITE_CHANGESET_OMIT;
	}
	sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
	t = sync_table_find(tab);
	if (!t)
		return SQLITE_CHANGESET_OMIT;
	switch (kind) {
	case SQLITE_CHANGESET_DATA:
		if (op == SQLITE_DELETE)
			return erasure_older(c, t, it) ? SQLITE_CHANGESET_OMIT
						       : SQLITE_CHANGESET_REPLACE;
		return merge_row(c, t, it, ncol, op);
	case SQLITE_CHANGESET_CONFLICT:
		return merge_row(c, t, it, ncol, op);
	case SQLITE_CHANGESET_CONSTRAINT:
		if (op == SQLITE_DELETE && t->tombstoned)
			return erase_later(c, t, it);
		switch (take_clash(c, t, it, ncol)) {
		case 1: return SQLITE_CHANGESET_OMIT;
		case -1: return SQLITE_CHANGESET_ABORT;
		}
		record_decision(c, t, it, op);
		return c->failed ? SQLITE_CHANGESET_ABORT : SQLITE_CHANGESET_OMIT;
	default:                                /* NOTFOUND: erased here */
		if (op == SQLITE_UPDATE && strcmp(t->name, "sync_tombstone") == 0)
			return untagging_again(c, it);
		if (op == SQLITE_UPDATE && strcmp(t->name, "tag") == 0 && untagged_here(c, t, it))
			return retagged_later(c, t, it);
		count_absent(c, t, it, op);
		return c->failed ? SQLITE_CHANGESET_ABORT : SQLITE_CHANGESET_OMIT;
	}
}

static int only_travelling(void *unused, const char *name)
{
	(void)unused;
	return sync_table_find(name) != NULL;
}

/* The fields the change wrote here take its time (sync_field_time.h):
 * an UPDATE's new time of change, an INSERT's (of a row that was here). */
static int keep_field_times(sqlite3 *db, sqlite3_changeset_iter *it, const sync_table *t,
			    int op, st_err *err)
{
	unsigned char *pk;
	sqlite3_value *at = NULL;
	int n, s;

	if (!t->stamp || (op != SQLITE_UPDATE && op != SQLITE_INSERT) ||
	    sqlite3changeset_pk(it, &pk, &n) != SQLITE_OK)
		return 0;
	s = sync_field_time_stamp(db, t);
	if (s < 0 || sqlite3changeset_new(it, s, &at) != SQLITE_OK || !at)
		return 0;
	if (op == SQLITE_UPDATE && sync_field_time_base(db, t, it, op, NULL, err) != 0)
		return -1;
	return sync_field_time_changed(db, t, it, op, at, err);
}

/* Before: counts what the changeset brings and follows its merges;
 * after: honours its tombstones. */
static int walk(sqlite3 *db, const void *p, size_t len, sync_counts *counts, bool after,
		st_err *err)
{
	sqlite3_changeset_iter *it;
	int rc = 0;

	if (sqlite3changeset_start(&it, (int)len, (void *)p) != SQLITE_OK)
		return st_err_set(err, "%s", _("the changes cannot be read"));
	while (rc == 0 && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, indirect;
		const sync_table *t;

		sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
		t = sync_table_find(tab);
		if (!t)
			continue;
		if (!after) {
			counts->n[t->what]++;
			if (op == SQLITE_INSERT && strcmp(t->name, "sync_redirect") == 0)
				rc = sync_follow_incoming_merge(db, it, err);
		} else {
			if (op == SQLITE_INSERT || op == SQLITE_UPDATE)
				rc = sync_honour_tombstone(db, it, t, op, err);
			if (rc == 0)
				rc = keep_field_times(db, it, t, op, err);
		}
	}
	sqlite3changeset_finalize(it);
	return rc;
}

int sync_apply_in(sqlite3 *db, const void *p, size_t len, sync_counts *counts, st_err *err)
{
	apply_ctx c = { db, err, 0, 0, counts, NULL, 0, 0 };
	int rc;

	if (len == 0)
		return 0;
	if (len > INT32_MAX)
		return st_err_set(err, "%s", _("these changes are too large to apply at once"));
	/* Rows may point at rows that come later in the changes, or that a
	 * merge moves: the schema's rules are checked at the commit. */
	if (db_exec_ints(db, "PRAGMA defer_foreign_keys = ON", NULL, 0, err) != 0 ||
	    walk(db, p, len, counts, false, err) != 0)
		return -1;
	rc = sqlite3changeset_apply_v2(db, (int)len, (void *)p, only_travelling, on_conflict, &c,
				       NULL, NULL, 0);
	/* SQLite's last words after a failure are those of the ROLLBACK TO
	 * of its savepoint ("no such savepoint" when the error rolled back
	 * the whole transaction): the cause is rc. */
	if (!c.failed && rc != SQLITE_OK)
		db_error_rc(db, rc, err);
	if (!c.failed && rc == SQLITE_OK && sync_erase_held_back(db, c.later, c.nlater, err) != 0)
		c.failed = 1;
	sqlite3_free(c.later);
	/* Only then, since it reads whole tables. */
	if (!c.failed && rc == SQLITE_OK && (c.foreign_key || c.nlater > 0) &&
	    (db_exec_ints(db, "PRAGMA defer_foreign_keys = ON", NULL, 0, err) != 0 ||
	     sync_follow_missing_rows(db, err) != 0))
		c.failed = 1;
	if (!c.failed && rc == SQLITE_OK && sync_follow_factor_links(db, err) != 0)
		c.failed = 1;
	if (!c.failed && rc == SQLITE_OK && walk(db, p, len, counts, true, err) != 0)
		c.failed = 1;
	if (!c.failed && rc == SQLITE_OK && sync_clash_settle(db, &counts->decisions, err) != 0)
		c.failed = 1;
	return c.failed || rc != SQLITE_OK ? -1 : 0;
}
