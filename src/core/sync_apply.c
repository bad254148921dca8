/* sync_apply.c: a colleague's changes into this database (sync_apply.h).
 *
 * SQLite's sqlite3changeset_apply_v2 applies each change and calls
 * on_conflict when the row is not as the change expects.  The rules:
 *   - a row changed here and there (DATA, or an INSERT of a row that
 *     exists, CONFLICT): field by field, a field only one side changed
 *     takes that change; a field both changed takes the later change by
 *     the row's time of change (sync_tables.h), or on a tie the larger
 *     value, so that every laptop decides alike whatever the order;
 *     the text of a note that lost is kept in note_revision;
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
 *   - rows that point at a row erased or merged (FOREIGN_KEY): after the
 *     changeset, they follow a merge (sync_redirect), or go with the
 *     erased row as they would have here; a note is never erased so:
 *     a note whose session is gone refuses the whole file.
 * Then a row the changeset creates that has a tombstone here is erased
 * again, and a tombstone that came in erases its row. */
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

#define COLS_MAX 64

typedef struct erasure {
	const sync_table *t;
	long long id;
} erasure;

typedef struct apply_ctx {
	sqlite3 *db;
	st_err *err;
	int failed;            /* a write of on_conflict failed: abort */
	int foreign_key;       /* rows point at rows that are gone */
	sync_counts *counts;
	erasure *later;        /* erasures held back by rows that point at them */
	int nlater, maxlater;
} apply_ctx;

static void free_columns(char *col[COLS_MAX], int n)
{
	while (n-- > 0)
		sqlite3_free(col[n]);
}

/* The columns of table name here: their names (sqlite3_free'd by the
 * caller with free_columns) and whether each is in the primary key.
 * Returns how many, or -1 with err set: a read cut short (an I/O error)
 * is not a table with fewer columns. */
static int table_columns(sqlite3 *db, const char *name, char *col[COLS_MAX],
			 int pk[COLS_MAX], st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid",
				      err);
	int n = 0, rc = SQLITE_DONE;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (n < COLS_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		col[n] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
		pk[n] = sqlite3_column_int(st, 1) > 0;
		n++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, err);
		free_columns(col, n);
		n = -1;
	}
	sqlite3_finalize(st);
	return n;
}

/* ---- Checking a changeset before SQLite reads it ---- */

/* An SQLite varint at *p (at most 9 bytes, not past end) into *v. */
static int get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 9 && *p < end; i++) {
		unsigned char b = *(*p)++;

		if (i == 8) {
			*v = (*v << 8) | b;
			return 0;
		}
		*v = (*v << 7) | (b & 0x7f);
		if (!(b & 0x80))
			return 0;
	}
	return -1;
}

/* Steps over one record of ncol values. */
static int skip_record(const unsigned char **p, const unsigned char *end, int ncol)
{
	int i;

	for (i = 0; i < ncol; i++) {
		uint64_t len;

		if (*p >= end)
			return -1;
		switch (*(*p)++) {
		case 0: case 5:                 /* undefined, NULL */
			break;
		case 1: case 2:                 /* integer, real */
			if (end - *p < 8)
				return -1;
			*p += 8;
			break;
		case 3: case 4:                 /* text, blob */
			if (get_varint(p, end, &len) != 0 || len > (uint64_t)(end - *p))
				return -1;
			*p += len;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/* Reads a table header ('T' done): its columns and name. */
static int table_header(const unsigned char **p, const unsigned char *end, int *ncol,
			const char **name)
{
	uint64_t n;
	const unsigned char *nul;

	if (get_varint(p, end, &n) != 0 || n == 0 || n > COLS_MAX || n > (uint64_t)(end - *p))
		return -1;
	*ncol = (int)n;
	*p += n;
	nul = memchr(*p, 0, (size_t)(end - *p));
	if (!nul)
		return -1;
	*name = (const char *)*p;
	*p = nul + 1;
	return 0;
}

/* 0 when table name has ncol columns here (or does not travel), 1 when
 * not, -1 with err set when they cannot be read. */
static int table_fits(sqlite3 *db, const char *name, int ncol, st_err *err)
{
	char *col[COLS_MAX];
	int pk[COLS_MAX], n;

	if (!sync_table_find(name))
		return 0;
	n = table_columns(db, name, col, pk, err);
	if (n < 0)
		return -1;
	free_columns(col, n);
	return n == ncol ? 0 : 1;
}

int sync_changeset_check(sqlite3 *db, const void *data, size_t len, const char *name,
			 st_err *err)
{
	const unsigned char *p = data, *end;
	int ncol = 0;
	const char *table = NULL;
	bool bad = false;
	int fits;

	if (len == 0)                   /* no changes (and maybe no buffer) */
		return 0;
	end = p + len;
	while (p < end && !bad) {
		unsigned char op = *p++;

		if (op == 'T') {
			if (table_header(&p, end, &ncol, &table) != 0) {
				bad = true;
				break;
			}
			if ((fits = table_fits(db, table, ncol, err)) < 0)
				return -1;
			if (fits > 0)
				return st_err_set(err, _("%s changes table %s with %d columns, which has "
							 "another number of columns here: it was "
							 "written by another version of stemtui"),
						  name, table, ncol);
			continue;
		}
		if (!table || (op != SQLITE_INSERT && op != SQLITE_DELETE && op != SQLITE_UPDATE) ||
		    p >= end) {
			bad = true;
			break;
		}
		p++;                            /* indirect */
		bad = skip_record(&p, end, ncol) != 0 ||
		      (op == SQLITE_UPDATE && skip_record(&p, end, ncol) != 0);
	}
	if (bad || (len > 0 && !table))
		return st_err_set(err, _("%s is damaged: its changes do not read as SQLite "
					 "changes"), name);
	return 0;
}

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
	sqlite3_value *in[COLS_MAX];    /* the change's new value, NULL: unchanged */
	sqlite3_value *old[COLS_MAX];   /* the change's old value (UPDATE) */
	sqlite3_value *here[COLS_MAX];  /* the row here */
	char *col[COLS_MAX];
	int pk[COLS_MAX];
} row_pair;

/* The row's columns and values (r->col: free_columns), or -1 with err
 * set and nothing to free. */
static int read_pair(sqlite3 *db, sqlite3_changeset_iter *it, row_pair *r, st_err *err)
{
	int i, n = table_columns(db, r->t->name, r->col, r->pk, err);

	if (n < 0)
		return -1;
	if (n != r->ncol) {
		free_columns(r->col, n);
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

/* Whether the change wins a field both sides changed: the later time of
 * change of that field (sync_field_time.h), else (no time, or the same)
 * the larger value of it, so that every laptop decides alike.  A field
 * whose time is its value, and the row's time itself, go by value. */
/* Whether field i and the change have times to compare: the change
 * carries its row's new time, and the field is not one whose value alone
 * decides. */
static bool timed(const row_pair *r, int i)
{
	int s = column_of(r, r->t->stamp);

	return s >= 0 && i != s && r->in[s] && !sync_field_time_own(r->t->name, r->col[i]);
}

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
	bool take[COLS_MAX] = { false }, gone = false;
	sqlite3_value *val[COLS_MAX] = { NULL };
	char *alt[COLS_MAX] = { NULL };
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

/* Whether every field the change carries is as it is here. */
static bool same_row(const row_pair *r)
{
	int i;

	for (i = 0; i < r->ncol; i++)
		if (r->in[i] && value_cmp(r->in[i], r->here[i]) != 0)
			return false;
	return true;
}

static int merge_row(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it,
		     int ncol, int op)
{
	row_pair r;
	int rc, s;

	if (ncol > COLS_MAX)
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
	 * until now (sync_field_time.h); a row that is here as the change
	 * has it needs nothing (a merge of the same file again). */
	s = column_of(&r, t->stamp);
	rc = same_row(&r) ? 0 : sync_field_time_base(c->db, t, it, op, s >= 0 ? r.here[s] : NULL,
						     c->err);
	/* Its file waits for the others, as for a row not here (sync.c):
	 * the trash comes first, then its restore, wherever they are. */
	if (restores_unseen_trash(&r))
		c->counts->absent++;
	if (rc == 0)
		rc = write_merge(c, &r);
	if (rc == 0 && strcmp(t->name, "attendance") == 0)
		rc = arrival_with_status(c, &r);
	free_columns(r.col, ncol);
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
 * when the merges it may bring are known (erase_held_back). */
static int erase_later(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it)
{
	sqlite3_value *v = NULL;

	if (sqlite3changeset_old(it, 0, &v) != SQLITE_OK || !v)
		return SQLITE_CHANGESET_OMIT;
	if (c->nlater == c->maxlater) {
		int max = c->maxlater ? 2 * c->maxlater : 16;
		erasure *e = sqlite3_realloc64(c->later, (sqlite3_uint64)max * sizeof *e);

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

/* Whether the row a change is about has a tombstone here. */
static int change_tombstoned(sqlite3 *db, const sync_table *t, sqlite3_changeset_iter *it,
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

/* A change to a row that is not here: erased here (its tombstone says
 * so, and it stays erased), or not arrived yet (counts->absent: the
 * caller may apply another colleague's changes first, sync.c). */
static void count_absent(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it,
			 int op)
{
	bool yes = false;

	if (change_tombstoned(c->db, t, it, op, &yes, c->err) != 0)
		c->failed = 1;
	if (!yes)
		c->counts->absent++;
}

/* A row that wants a unique value another row has here (sync_clash.h):
 * 1 written, 0 another rule is broken, -1 failed. */
static int take_clash(apply_ctx *c, const sync_table *t, sqlite3_changeset_iter *it, int ncol)
{
	char *col[COLS_MAX];
	int pk[COLS_MAX], n = table_columns(c->db, t->name, col, pk, c->err), rc;

	if (n < 0) {
		c->failed = 1;
		return -1;
	}
	rc = n != ncol ? 0 : sync_clash_take(c->db, t->name, it, ncol, col, pk,
					     &c->counts->decisions, c->err);
	free_columns(col, n);
	if (rc < 0)
		c->failed = 1;
	return rc;
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
			return SQLITE_CHANGESET_REPLACE;
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
		count_absent(c, t, it, op);
		return c->failed ? SQLITE_CHANGESET_ABORT : SQLITE_CHANGESET_OMIT;
	}
}

static int only_travelling(void *unused, const char *name)
{
	(void)unused;
	return sync_table_find(name) != NULL;
}

/* ---- After the changeset ---- */

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

static int follow_merge(sqlite3 *db, const char *target, long long from, long long into,
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

			rc = follow_merge(db, strcmp(tbl, "person") == 0 ? "person" : "factor",
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

static int follow_missing_rows(sqlite3 *db, st_err *err)
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

/* The erasures held back: a factor's tags and below-factors here follow
 * its merge if there is one, else they are released (erase_releasing);
 * then it is erased.  What still holds one back (a note of an erased
 * session) refuses the file (follow_missing_rows says so). */
static int erase_held_back(apply_ctx *c)
{
	int i;

	if (c->nlater > 0 && follow_all_merges(c->db, c->err) != 0)
		return -1;
	for (i = 0; i < c->nlater; i++)
		if (erase_releasing(c->db, c->later[i].t->name, c->later[i].id, c->err) != 0)
			return -1;
	return 0;
}

/* One INSERT of the changeset, after it was applied: a row created with
 * a tombstone here (a copy older than its erasure) is erased again; a
 * tombstone that came in erases its row. */
static int honour_tombstone(sqlite3 *db, sqlite3_changeset_iter *it, const sync_table *t,
			    st_err *err)
{
	sqlite3_value *a = NULL, *b = NULL;
	char *tbl;
	long long id;
	bool yes;
	int rc;

	if (strcmp(t->name, "sync_tombstone") == 0) {
		if (sqlite3changeset_new(it, 0, &a) != SQLITE_OK ||
		    sqlite3changeset_new(it, 1, &b) != SQLITE_OK || !a || !b)
			return 0;
		return erase_releasing(db, (const char *)sqlite3_value_text(a),
				       sqlite3_value_int64(b), err);
	}
	if (change_tombstoned(db, t, it, SQLITE_INSERT, &yes, err) != 0)
		return -1;
	if (!yes || sync_tombstone_of(t, it, SQLITE_INSERT, &tbl, &id) <= 0)
		return 0;
	rc = erase_releasing(db, tbl, id, err);
	sqlite3_free(tbl);
	return rc;
}

/* A merge of people the changeset brings, followed before the changes
 * are applied: otherwise erasing the person merged away would erase with
 * it the check-ins written here about them (ON DELETE CASCADE).  A
 * factor's merge is followed after them (erase_held_back,
 * follow_missing_rows: its ON DELETE is RESTRICT, so nothing goes with
 * it): followed before, it moved a tag the same changes remove, which
 * then stayed on the factor merged into here only. */
static int follow_incoming_merge(sqlite3 *db, sqlite3_changeset_iter *it, st_err *err)
{
	sqlite3_value *t = NULL, *from = NULL, *into = NULL;
	const char *tbl;

	if (sqlite3changeset_new(it, 0, &t) != SQLITE_OK || sqlite3changeset_new(it, 1, &from) ||
	    sqlite3changeset_new(it, 2, &into) != SQLITE_OK || !t || !from || !into)
		return 0;
	tbl = (const char *)sqlite3_value_text(t);
	if (!tbl || strcmp(tbl, "person") != 0)
		return 0;
	return follow_merge(db, "person", sqlite3_value_int64(from), sqlite3_value_int64(into),
			    err);
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
				rc = follow_incoming_merge(db, it, err);
		} else {
			if (op == SQLITE_INSERT)
				rc = honour_tombstone(db, it, t, err);
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
	if (!c.failed && rc == SQLITE_OK && erase_held_back(&c) != 0)
		c.failed = 1;
	sqlite3_free(c.later);
	/* Only then, since it reads whole tables. */
	if (!c.failed && rc == SQLITE_OK && (c.foreign_key || c.nlater > 0) &&
	    (db_exec_ints(db, "PRAGMA defer_foreign_keys = ON", NULL, 0, err) != 0 ||
	     follow_missing_rows(db, err) != 0))
		c.failed = 1;
	if (!c.failed && rc == SQLITE_OK && walk(db, p, len, counts, true, err) != 0)
		c.failed = 1;
	if (!c.failed && rc == SQLITE_OK && sync_clash_settle(db, &counts->decisions, err) != 0)
		c.failed = 1;
	return c.failed || rc != SQLITE_OK ? -1 : 0;
}

int sync_follow_merge(sqlite3 *db, const char *target, long long from, long long into,
		      st_err *err)
{
	return follow_merge(db, target, from, into, err);
}
