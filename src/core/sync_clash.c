/* sync_clash.c: two rows that want one unique value, settled alike on
 * every laptop (sync_clash.h).
 *
 * Why the smaller id keeps the value and the other's is made from its
 * own id: the ids are the same on every laptop (rowids.h), so every
 * laptop picks the same row and writes the same value, whichever row it
 * had first; and since a row that gave way takes its value back once
 * it is free (settle), what a laptop holds depends on the rows it holds,
 * not on the order it heard of them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/sync_clash.h"
#include "core/sync_follow.h"
#include "core/sync_tables.h"

/* A UNIQUE rule of the schema (schema.c) a colleague's row can break:
 * column is unique within scope (another column, or the whole table);
 * key names the clash in sync_decision.what; merge: the two rows are
 * one thing (a GUID), merged rather than told apart; after: what
 * follows a new value of column (?1 the row). */
typedef struct clash_rule {
	const char *table, *column, *scope, *key;
	bool merge;
	const char *after;
} clash_rule;

static const clash_rule rules[] = {
	{ "factor", "guid", NULL, "guid", true, NULL },
	{ "factor", "code", NULL, "code", false, NULL },
	{ "programme", "name", NULL, "name", false, NULL },
	{ "session", "code", "programme_id", "session", false,
	  "UPDATE session SET code_key = st_natural_key(code) WHERE id = ?1" },
};
#define NRULES (int)(sizeof rules / sizeof rules[0])

/* The characters of a tag: lower-case, so it reads as a suffix, not as
 * a word of the code. */
static const char tag_digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

void sync_clash_yield(const char *value, long long id, char *out, size_t size)
{
	unsigned long long n = (unsigned long long)id;
	char tag[5];
	int i;

	/* The low digits: the ids are hashes or random (rowids.h), so these
	 * differ between two rows as much as any. */
	for (i = 3; i >= 0; i--) {
		tag[i] = tag_digits[n % 36];
		n /= 36;
	}
	tag[4] = '\0';
	snprintf(out, size, "%s~%s", value, tag);
}

static int column_index(int ncol, char *const *col, const char *name)
{
	int i;

	for (i = 0; name && i < ncol; i++)
		if (strcmp(col[i], name) == 0)
			return i;
	return -1;
}

/* ---- the rows of a rule --------------------------------------------------- */

/* The row other than id that holds value (within scope) into *holder
 * (0: none). */
static int holder_of(sqlite3 *db, const clash_rule *r, const char *value, long long scope,
		     long long id, long long *holder, st_err *err)
{
	char *sql = r->scope
		? sqlite3_mprintf("SELECT id FROM \"%w\" WHERE \"%w\" = ?1 AND id <> ?2"
				  " AND \"%w\" = ?3", r->table, r->column, r->scope)
		: sqlite3_mprintf("SELECT id FROM \"%w\" WHERE \"%w\" = ?1 AND id <> ?2",
				  r->table, r->column);
	sqlite3_stmt *st = sql ? db_prepare(db, sql, err) : NULL;
	int rc;

	sqlite3_free(sql);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, scope);
	rc = sqlite3_step(st);
	*holder = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Row id's value of the rule (malloc'd into *value) and scope, as they
 * are here; *value NULL when the row is not here. */
static int row_here(sqlite3 *db, const clash_rule *r, long long id, char **value,
		    long long *scope, st_err *err)
{
	char *sql = sqlite3_mprintf("SELECT \"%w\", %s FROM \"%w\" WHERE id = ?1", r->column,
				    r->scope ? r->scope : "0", r->table);
	sqlite3_stmt *st = sql ? db_prepare(db, sql, err) : NULL;
	int rc;

	sqlite3_free(sql);
	*value = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*value = db_column_strdup(st, 0);
		*scope = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Gives row id the value value (and what follows it). */
static int set_value(sqlite3 *db, const clash_rule *r, long long id, const char *value,
		     st_err *err)
{
	char *sql = sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = ?2 WHERE id = ?1", r->table,
				    r->column);
	sqlite3_stmt *st = sql ? db_prepare(db, sql, err) : NULL;

	sqlite3_free(sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	if (db_step_done(db, st, err) != 0)
		return -1;
	return r->after ? db_exec_ints(db, r->after, &id, 1, err) : 0;
}

/* A decision about row row_id: what = key TAB other TAB value TAB now. */
static int record(sqlite3 *db, const clash_rule *r, long long row_id, long long other,
		  const char *value, const char *now, long long *decisions, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO sync_decision (at, tbl, row_id, what) VALUES"
				      " (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), ?1, ?2,"
				      " ?3 || char(9) || ?4 || char(9) || ?5 || char(9) || ?6)", err);

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, r->table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, row_id);
	sqlite3_bind_text(st, 3, r->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, other);
	sqlite3_bind_text(st, 5, value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	(*decisions)++;
	return db_step_done(db, st, err);
}

/* The decisions of rule r about row id go (it took its value back). */
static int forget(sqlite3 *db, const clash_rule *r, long long id, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM sync_decision WHERE tbl = ?1 AND row_id = ?2"
				      " AND what GLOB ?3 || char(9) || '*'", err);

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, r->table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_text(st, 3, r->key, -1, SQLITE_STATIC);
	return db_step_done(db, st, err);
}

/* Factor from into factor into, as a merge that came in is followed
 * (sync_follow.c): what points at from follows, what would then be there
 * twice goes with it, and the redirect leads what comes later. */
static int merge_factor(sqlite3 *db, long long from, long long into, st_err *err)
{
	if (sync_follow_merge(db, "factor", from, into, err) != 0 ||
	    db_exec_ints(db, "DELETE FROM tag WHERE factor_id = ?1", &from, 1, err) != 0 ||
	    db_exec_ints(db, "DELETE FROM factor WHERE id = ?1", &from, 1, err) != 0)
		return -1;
	return sync_record_merge(db, "factor", from, into, err);
}

/* ---- making room ----------------------------------------------------------- */

/* Row id wants value (within scope) by rule r. */
static int room_for(sqlite3 *db, const clash_rule *r, long long id, const char *value,
		    long long scope, char **alt, bool *gone, long long *decisions, st_err *err)
{
	char yielded[1024];
	long long h;

	if (holder_of(db, r, value, scope, id, &h, err) != 0)
		return -1;
	if (!h)
		return 0;
	if (r->merge) {
		long long from = h > id ? h : id, into = h > id ? id : h;

		*gone = from == id;
		return merge_factor(db, from, into, err) != 0 ? -1
			: record(db, r, into, from, value, "", decisions, err);
	}
	if (h > id) {
		sync_clash_yield(value, h, yielded, sizeof yielded);
		return set_value(db, r, h, yielded, err) != 0 ? -1
			: record(db, r, h, id, value, yielded, decisions, err);
	}
	sync_clash_yield(value, id, yielded, sizeof yielded);
	*alt = strdup(yielded);
	if (!*alt)
		return st_err_set(err, "%s", _("out of memory"));
	return record(db, r, id, h, value, yielded, decisions, err);
}

int sync_clash_room(sqlite3 *db, const char *table, long long id, int ncol, char *const *col,
		    sqlite3_value *const *val, char **alt, bool *gone, long long *decisions,
		    st_err *err)
{
	int k, rc = 0;

	*gone = false;
	for (k = 0; rc == 0 && !*gone && k < NRULES; k++) {
		const clash_rule *r = &rules[k];
		int c = column_index(ncol, col, r->column), s = column_index(ncol, col, r->scope);
		char *here = NULL;
		long long scope = 0;
		const unsigned char *value;

		if (strcmp(r->table, table) != 0 || c < 0 || (!val[c] && (s < 0 || !val[s])))
			continue;
		if (row_here(db, r, id, &here, &scope, err) != 0)
			return -1;
		if (s >= 0 && val[s])
			scope = sqlite3_value_int64(val[s]);
		value = val[c] ? sqlite3_value_text(val[c]) : (const unsigned char *)here;
		if (value)
			rc = room_for(db, r, id, (const char *)value, scope, &alt[c], gone, decisions,
				      err);
		free(here);
	}
	return rc;
}

/* ---- a change SQLite refused ------------------------------------------------ */

/* Writes the change: an INSERT of every column, or an UPDATE of those it
 * sets, val[i] or alt[i] instead. */
static int write_change(sqlite3 *db, const char *table, int op, long long id, int ncol,
			char *const *col, const int *pk, sqlite3_value *const *val,
			char *const *alt, st_err *err)
{
	char *sql = NULL, *marks = NULL;
	sqlite3_stmt *st;
	int i, k = 0;

	for (i = 0; i < ncol; i++) {
		if (op == SQLITE_INSERT) {
			sql = sqlite3_mprintf("%z%s\"%w\"", sql, i ? ", " : "", col[i]);
			marks = sqlite3_mprintf("%z%s?", marks, i ? ", " : "");
		} else if (!pk[i] && val[i]) {
			sql = sqlite3_mprintf("%z%s\"%w\" = ?", sql, k++ ? ", " : "", col[i]);
		}
	}
	if (!sql)
		return 0;
	sql = op == SQLITE_INSERT
		? sqlite3_mprintf("INSERT INTO \"%w\" (%z) VALUES (%z)", table, sql, marks)
		: sqlite3_mprintf("UPDATE \"%w\" SET %z WHERE id = ?", table, sql);
	st = sql ? db_prepare(db, sql, err) : NULL;
	sqlite3_free(sql);
	if (!st)
		return -1;
	for (i = k = 0; i < ncol; i++) {
		if (op != SQLITE_INSERT && (pk[i] || !val[i]))
			continue;
		if (alt[i])
			sqlite3_bind_text(st, ++k, alt[i], -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_value(st, ++k, val[i]);
	}
	if (op != SQLITE_INSERT)
		sqlite3_bind_int64(st, ++k, id);
	return db_step_done(db, st, err);
}

/* What follows the values written (a session's code_key). */
static int after_write(sqlite3 *db, const char *table, long long id, st_err *err)
{
	int k;

	for (k = 0; k < NRULES; k++)
		if (rules[k].after && strcmp(rules[k].table, table) == 0 &&
		    db_exec_ints(db, rules[k].after, &id, 1, err) != 0)
			return -1;
	return 0;
}

int sync_clash_take(sqlite3 *db, const char *table, sqlite3_changeset_iter *it, int ncol,
		    char *const *col, const int *pk, long long *decisions, st_err *err)
{
	sqlite3_value *val[64] = { NULL }, *idv = NULL;
	char *alt[64] = { NULL };
	const char *tab;
	int op, indirect, n, i, idc = column_index(ncol, col, "id"), rc;
	long long before = *decisions, id;
	bool gone = false;

	sqlite3changeset_op(it, &tab, &n, &op, &indirect);
	if (idc < 0 || ncol > 64 || (op != SQLITE_INSERT && op != SQLITE_UPDATE))
		return 0;
	for (i = 0; i < ncol; i++)
		sqlite3changeset_new(it, i, &val[i]);
	if (op == SQLITE_INSERT)
		idv = val[idc];
	else
		sqlite3changeset_old(it, idc, &idv);
	if (!idv)
		return 0;
	id = sqlite3_value_int64(idv);
	rc = sync_clash_room(db, table, id, ncol, col, val, alt, &gone, decisions, err);
	if (rc == 0 && *decisions == before)
		rc = 0;         /* no unique value clashes: another rule is broken */
	else if (rc == 0)
		rc = gone || (write_change(db, table, op, id, ncol, col, pk, val, alt, err) == 0 &&
			      after_write(db, table, id, err) == 0) ? 1 : -1;
	for (i = 0; i < ncol; i++)
		free(alt[i]);
	return rc;
}

/* ---- settling ------------------------------------------------------------------ */

/* Row id, whose value is value (within scope), takes back the value it
 * gave way for, when it has the smallest id of those wanting it. */
static int take_back(sqlite3 *db, const clash_rule *r, long long id, const char *value,
		     long long scope, long long *decisions, st_err *err)
{
	const char *tilde = strrchr(value, '~');
	char yielded[1024], *base;
	long long h;
	int rc;

	if (!tilde)
		return 0;
	base = strndup(value, (size_t)(tilde - value));
	if (!base)
		return st_err_set(err, "%s", _("out of memory"));
	sync_clash_yield(base, id, yielded, sizeof yielded);
	rc = strcmp(yielded, value) != 0 ? 0 : holder_of(db, r, base, scope, id, &h, err);
	if (rc == 0 && strcmp(yielded, value) == 0 && (!h || h > id)) {
		if (h) {
			sync_clash_yield(base, h, yielded, sizeof yielded);
			rc = set_value(db, r, h, yielded, err) != 0 ||
			     record(db, r, h, id, base, yielded, decisions, err) != 0 ? -1 : 0;
		}
		if (rc == 0)
			rc = set_value(db, r, id, base, err) != 0 || forget(db, r, id, err) != 0
				? -1 : 0;
	}
	free(base);
	return rc;
}

static int settle_rule(sqlite3 *db, const clash_rule *r, long long *decisions, st_err *err)
{
	char *sql = sqlite3_mprintf("SELECT id, \"%w\", %s FROM \"%w\" WHERE \"%w\" GLOB '*~*'"
				    " ORDER BY id", r->column, r->scope ? r->scope : "0",
				    r->table, r->column);
	sqlite3_stmt *st = sql ? db_prepare(db, sql, err) : NULL;
	int rc = 0, step;

	sqlite3_free(sql);
	if (!st)
		return -1;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		char *value = db_column_strdup(st, 1);

		rc = value ? take_back(db, r, sqlite3_column_int64(st, 0), value,
				       sqlite3_column_int64(st, 2), decisions, err)
			   : st_err_set(err, "%s", _("out of memory"));
		free(value);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_error(db, err);
	sqlite3_finalize(st);
	if (rc != 0)
		return -1;
	/* A row merged away or erased leaves nothing to decide. */
	sql = sqlite3_mprintf("DELETE FROM sync_decision WHERE tbl = '%q' AND what GLOB '%q\t*'"
			      " AND row_id NOT IN (SELECT id FROM \"%w\")", r->table, r->key,
			      r->table);
	rc = sql ? db_exec_ints(db, sql, NULL, 0, err) : st_err_set(err, "%s", _("out of memory"));
	sqlite3_free(sql);
	return rc;
}

int sync_clash_settle(sqlite3 *db, long long *decisions, st_err *err)
{
	int k;

	for (k = 0; k < NRULES; k++)
		if (!rules[k].merge && settle_rule(db, &rules[k], decisions, err) != 0)
			return -1;
	return 0;
}

/* ---- deciding ------------------------------------------------------------------ */

/* A decision's what, split: key, the other row, the value both wanted,
 * the value the row has now ("" after a merge). */
typedef struct clash_what {
	char key[16];
	long long other;
	char value[512], now[512];
} clash_what;

static bool read_what(const char *what, clash_what *w)
{
	const char *p = what ? strchr(what, '\t') : NULL, *q, *r;

	memset(w, 0, sizeof *w);
	if (!p || (size_t)(p - what) >= sizeof w->key)
		return false;
	memcpy(w->key, what, (size_t)(p - what));
	w->other = strtoll(p + 1, NULL, 10);
	q = strchr(p + 1, '\t');
	r = q ? strchr(q + 1, '\t') : NULL;
	if (!r)
		return false;
	snprintf(w->value, sizeof w->value, "%.*s", (int)(r - q - 1), q + 1);
	snprintf(w->now, sizeof w->now, "%s", r + 1);
	return true;
}

bool sync_decision_describe(const sync_decision_entry *e, char *buf, size_t size)
{
	const char *label = e->label && *e->label ? e->label : "?";
	clash_what w;

	if (!read_what(e->what, &w))
		return false;
	if (strcmp(w.key, "code") == 0)
		snprintf(buf, size, _("Two factors had code %s: \"%s\" is now %s"), w.value, label,
			 w.now);
	else if (strcmp(w.key, "guid") == 0)
		snprintf(buf, size, _("Two factors were one factor of a codebook (GUID %s): they "
				      "are one now, \"%s\""), w.value, label);
	else if (strcmp(w.key, "session") == 0)
		snprintf(buf, size, _("Two sessions of a programme had code %s: one is now %s"),
			 w.value, w.now);
	else if (strcmp(w.key, "name") == 0)
		snprintf(buf, size, _("Two programmes were named %s: one is now %s"), w.value,
			 w.now);
	else
		return false;
	return true;
}

bool sync_decision_can_merge(const sync_decision_entry *e)
{
	clash_what w;

	return e->table && strcmp(e->table, "factor") == 0 && read_what(e->what, &w) &&
	       strcmp(w.key, "code") == 0;
}

static int decision_get(sqlite3 *db, long long id, sync_decision_entry *e, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT tbl, row_id, what FROM sync_decision"
				      " WHERE id = ?1", err);
	int rc;

	memset(e, 0, sizeof *e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		e->id = id;
		e->table = db_column_strdup(st, 0);
		e->row_id = sqlite3_column_int64(st, 1);
		e->what = db_column_strdup(st, 2);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return st_err_set(err, "%s", _("that decision is no longer waiting"));
	return rc == SQLITE_ROW ? 0 : db_error(db, err);
}

int sync_decision_merge(sqlite3 *db, long long id, st_err *err)
{
	sync_decision_entry e;
	clash_what w;
	int rc;

	if (decision_get(db, id, &e, err) != 0)
		return -1;
	if (!sync_decision_can_merge(&e) || !read_what(e.what, &w))
		rc = st_err_set(err, "%s", _("only two factors that had one code can be merged here"));
	else
		rc = factor_merge(db, e.row_id, w.other, 0, err);
	sync_decision_entry_clear(&e);
	return rc == 0 ? sync_decision_dismiss(db, id, err) : -1;
}

int sync_decision_dismiss(sqlite3 *db, long long id, st_err *err)
{
	if (db_begin(db, err) != 0)
		return -1;
	if (db_exec_ints(db, "DELETE FROM sync_decision WHERE id = ?1", &id, 1, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}
