/* codebook_edit.c: changing the codebook: saving a factor (adding or
 * renaming it), moving it, merging two, deleting one with or without its
 * tags, and what a merge or a delete would touch.  See codebook.h.
 *
 * Every change is one transaction; tags follow their factor (merge_tags)
 * so that nothing a note was tagged with is lost silently. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/db.h"
#include "core/factors_sql.h"
#include "core/guid.h"
#include "core/rowids.h"
#include "core/sync_tables.h"
#include "core/i18n.h"

/* The position after the last child of parent (0: top level). */
static long long next_position(sqlite3 *db, long long parent, st_err *err)
{
	long long pos;

	if (db_query_int(db, "SELECT coalesce(max(position), -1) + 1 FROM factor"
			 " WHERE parent_id IS nullif(?1, 0)", &parent, 1, &pos, err) != 0)
		return -1;
	return pos;
}

/* 1 when id is ancestor (or the same as) of other, 0 when not, -1 error. */
static int is_within(sqlite3 *db, long long root, long long other, st_err *err)
{
	long long ids[2] = { root, other }, v;

	if (db_query_int(db, "WITH RECURSIVE " FACTOR_DESC_CTE("?1")
			 " SELECT EXISTS (SELECT 1 FROM d WHERE id = ?2)", ids, 2, &v, err) != 0)
		return -1;
	return (int)v;
}


/* Checks f's fields; 0, or -1. */
static int check_fields(sqlite3 *db, const st_factor *f, st_err *err)
{
	const char *code = or_empty(f->code), *name = or_empty(f->name);
	sqlite3_stmt *st;
	int rc;

	if (!*code)
		return st_err_set(err, "%s", _("a factor needs a code"));
	if (!factor_code_ok(code))
		return st_err_set(err, _("code \"%s\" is not valid: %s"), code, factor_code_rule());
	if (!*name)
		return st_err_set(err, "%s", _("a factor needs a name"));
	if (!factor_colour_ok(or_empty(f->colour)))
		return st_err_set(err, _("colour \"%s\" is not a colour (expected #RRGGBB, e.g."
					 " #1F77B4)"), f->colour);
	st = db_prepare(db, "SELECT code FROM factor WHERE code = ?1 COLLATE NOCASE AND id != ?2",
			err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, f->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		st_err_set(err, _("code \"%s\" is already used by factor %s: choose another code"),
			   code, (const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE)
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void bind_fields(sqlite3_stmt *st, const st_factor *f)
{
	sqlite3_bind_text(st, 2, or_empty(f->code), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, or_empty(f->name), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, or_empty(f->definition), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, or_empty(f->inclusion), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, or_empty(f->exclusion), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, or_empty(f->colour), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, or_empty(f->memo), -1, SQLITE_STATIC);
}

static int insert_factor(sqlite3 *db, const st_factor *f, long long *id, st_err *err)
{
	char guid[GUID_SIZE];
	long long pos, new_id;
	sqlite3_stmt *st;

	if (f->parent_id && factor_check_exists(db, f->parent_id, err) != 0)
		return -1;
	if (f->guid && *f->guid) {
		if (!guid_is_valid(f->guid))
			return st_err_set(err, _("GUID \"%s\" is not valid (expected 8-4-4-4-12"
						 " hexadecimal digits)"), f->guid);
		snprintf(guid, sizeof guid, "%s", f->guid);
	} else if (guid_new(guid, err) != 0) {
		return -1;
	}
	pos = next_position(db, f->parent_id, err);
	if (pos < 0 || rowid_new(db, "factor", rowid_of_factor(or_empty(f->code)), &new_id, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO factor (id, parent_id, code, name, definition, inclusion,"
			    " exclusion, colour, memo, guid, position)"
			    " VALUES (?11, nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", err);
	if (!st)
		return -1;
	rowid_bind(st, 11, new_id);
	sqlite3_bind_int64(st, 1, f->parent_id);
	bind_fields(st, f);
	sqlite3_bind_text(st, 9, guid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 10, pos);
	if (db_step_done(db, st, err) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

static int update_factor(sqlite3 *db, const st_factor *f, st_err *err)
{
	sqlite3_stmt *st;

	if (factor_check_exists(db, f->id, err) != 0)
		return -1;
	st = db_prepare(db, "UPDATE factor SET code = ?2, name = ?3, definition = ?4,"
			    " inclusion = ?5, exclusion = ?6, colour = ?7, memo = ?8 WHERE id = ?1",
			err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, f->id);
	bind_fields(st, f);
	return db_step_done(db, st, err);
}

/* How many factors the codebook has, or -1. */
static long long factor_count(sqlite3 *db, st_err *err)
{
	long long n;

	return db_query_int(db, "SELECT count(*) FROM factor", NULL, 0, &n, err) == 0 ? n : -1;
}

int factor_count_check(sqlite3 *db, const char *path, st_err *err)
{
	long long n = factor_count(db, err);

	if (n < 0)
		return -1;
	if (n > FACTORS_MAX)
		return st_err_set(err, _("%s: too many factors: the codebook would have %lld"
					 " (at most %d)"), path, n, FACTORS_MAX);
	return 0;
}

/* A new factor must leave room under FACTORS_MAX.  0, or -1. */
static int check_room(sqlite3 *db, st_err *err)
{
	long long n = factor_count(db, err);

	if (n < 0)
		return -1;
	if (n >= FACTORS_MAX)
		return st_err_set(err, _("the codebook is full (%lld factors): merge or delete"
					 " some first"), n);
	return 0;
}

int factor_save(sqlite3 *db, st_factor *f, st_err *err)
{
	long long id = f->id;
	int rc;

	if (db_begin(db, err) != 0)
		return -1;
	rc = check_fields(db, f, err);
	if (rc == 0 && !f->id)
		rc = check_room(db, err);
	if (rc == 0)
		rc = f->id ? update_factor(db, f, err) : insert_factor(db, f, &id, err);
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) != 0)
		return -1;
	f->id = id;
	return 0;
}

int factor_move(sqlite3 *db, long long id, long long new_parent, st_err *err)
{
	long long pos;
	int within, rc = -1;

	if (db_begin(db, err) != 0)
		return -1;
	if (factor_check_exists(db, id, err) != 0 || (new_parent && factor_check_exists(db, new_parent, err) != 0))
		goto out;
	if (new_parent) {
		within = is_within(db, id, new_parent, err);
		if (within < 0)
			goto out;
		if (within) {
			st_err_set(err, "%s", _("a factor cannot be moved under itself or one of"
						" its own sub-factors"));
			goto out;
		}
	}
	pos = next_position(db, new_parent, err);
	if (pos < 0)
		goto out;
	rc = db_exec_ints(db, "UPDATE factor SET parent_id = nullif(?2, 0), position = ?3"
			  " WHERE id = ?1", (long long[]){ id, new_parent, pos }, 3, err);
out:
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* The factors whose tags become one tag on ?2: ?1 and ?2 (a merge), or
 * ?1 with its descendants and ?2 (a delete that moves the tags). */
#define MERGE_ONE "s(id) AS (SELECT ?1 UNION SELECT ?2)"
#define MERGE_TREE FACTOR_DESC_CTE("?1") ", s(id) AS (SELECT id FROM d UNION SELECT ?2)"

/* Per note tagged with one of them and coder who tagged it: whether one of
 * those tags is +1 (en), one is -1 (ba), and how many there are.  Each
 * coder keeps a tag of their own. */
#define MERGE_PER_NOTE \
	" per(note_id, coder, en, ba, n) AS (SELECT note_id, coder, max(polarity = 1)," \
	"  max(polarity = -1), count(*) FROM tag WHERE factor_id IN (SELECT id FROM s)" \
	"  GROUP BY note_id, coder)"

/* Makes the tags of the factors of set (MERGE_ONE or MERGE_TREE) one tag
 * per note on into.  Its polarity is what the tags agree on, a neutral tag
 * giving way to a + or -; a note with both + and - (a true conflict, which
 * one tag cannot hold) gets conflict_polarity, which the person chose after
 * being told how many there are.  Done for all notes at once, so the
 * outcome does not depend on the order of the factors.  Inside a
 * transaction. */
static int merge_tags(sqlite3 *db, const char *set, long long from, long long into,
		      int conflict_polarity, st_err *err)
{
	char upsert[1024], drop[512];

	snprintf(upsert, sizeof upsert, "WITH RECURSIVE %s," MERGE_PER_NOTE
		 " INSERT INTO tag (note_id, factor_id, coder, polarity) SELECT note_id, ?2, coder,"
		 " CASE WHEN en AND ba THEN ?3 WHEN en THEN 1 WHEN ba THEN -1 ELSE 0 END"
		 " FROM per WHERE true ON CONFLICT (note_id, factor_id, coder)"
		 " DO UPDATE SET polarity = excluded.polarity", set);
	snprintf(drop, sizeof drop, "WITH RECURSIVE %s DELETE FROM tag"
		 " WHERE factor_id IN (SELECT id FROM s) AND factor_id != ?2", set);
	if (conflict_polarity < -1 || conflict_polarity > 1)
		return st_err_set(err, _("polarity %d is not -1, 0 or 1"), conflict_polarity);
	if (db_exec_ints(db, upsert, (long long[]){ from, into, conflict_polarity }, 3, err) != 0 ||
	    db_exec_ints(db, drop, (long long[]){ from, into }, 2, err) != 0)
		return -1;
	return 0;
}

/* Fills out->shared and out->conflicts for merging the tags of set into
 * into (see merge_tags). */
static int merge_counts(sqlite3 *db, const char *set, long long from, long long into,
			factor_impact *out, st_err *err)
{
	char sql[1024];
	long long params[2] = { from, into };
	int n[2] = { 0, 0 };

	snprintf(sql, sizeof sql, "WITH RECURSIVE %s," MERGE_PER_NOTE " SELECT"
		 " (SELECT count(*) FROM per WHERE n > 1),"
		 " (SELECT count(*) FROM per WHERE en AND ba)", set);
	if (db_row_ints(db, sql, params, 2, n, 2, err) != 0)
		return -1;
	out->shared = n[0];
	out->conflicts = n[1];
	return 0;
}

int factor_merge_impact(sqlite3 *db, long long from, long long into, factor_impact *out,
			st_err *err)
{
	int n[2] = { 0, 0 };

	memset(out, 0, sizeof *out);
	if (factor_check_exists(db, from, err) != 0 || factor_check_exists(db, into, err) != 0 ||
	    db_row_ints(db, "SELECT (SELECT count(*) FROM tag WHERE factor_id = ?1),"
			" (SELECT count(*) FROM factor WHERE parent_id = ?1)", &from, 1, n, 2,
			err) != 0)
		return -1;
	out->tags = n[0];
	out->descendants = n[1];
	return merge_counts(db, MERGE_ONE, from, into, out, err);
}

int factor_merge(sqlite3 *db, long long from, long long into, int conflict_polarity,
		 st_err *err)
{
	long long base;
	int within, rc = -1;

	if (from == into)
		return st_err_set(err, "%s", _("a factor cannot be merged into itself"));
	if (db_begin(db, err) != 0)
		return -1;
	if (factor_check_exists(db, from, err) != 0 || factor_check_exists(db, into, err) != 0)
		goto out;
	within = is_within(db, from, into, err);
	if (within < 0)
		goto out;
	if (within) {
		st_err_set(err, "%s", _("a factor cannot be merged into one of its own sub-factors"));
		goto out;
	}
	base = next_position(db, into, err);
	if (base < 0 || merge_tags(db, MERGE_ONE, from, into, conflict_polarity, err) != 0)
		goto out;
	/* The children keep their order, after those of into. */
	if (db_exec_ints(db, "UPDATE factor SET parent_id = ?2, position = position + ?3"
			 " WHERE parent_id = ?1", (long long[]){ from, into, base }, 3, err) != 0)
		goto out;
	rc = db_exec_ints(db, "DELETE FROM factor WHERE id = ?1", &from, 1, err);
	if (rc == 0)
		rc = sync_record_merge(db, "factor", from, into, err);
out:
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int factor_delete_impact(sqlite3 *db, long long id, long long reassign_to, factor_impact *out,
			 st_err *err)
{
	int n[3] = { 0, 0, 0 };

	memset(out, 0, sizeof *out);
	if (factor_check_exists(db, id, err) != 0 ||
	    db_row_ints(db, "WITH RECURSIVE " FACTOR_DESC_CTE("?1") " SELECT"
			" (SELECT count(*) FROM tag WHERE factor_id = ?1),"
			" (SELECT count(*) - 1 FROM d),"
			" (SELECT count(*) FROM tag WHERE factor_id IN (SELECT id FROM d)"
			"  AND factor_id != ?1)", &id, 1, n, 3, err) != 0)
		return -1;
	out->tags = n[0];
	out->descendants = n[1];
	out->descendant_tags = n[2];
	if (!reassign_to)
		return 0;
	return merge_counts(db, MERGE_TREE, id, reassign_to, out, err);
}

/* The ids of id and its descendants, allocated. */
static int subtree_ids(sqlite3 *db, long long id, long long **ids, int *n, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "WITH RECURSIVE " FACTOR_DESC_CTE("?1")
				      " SELECT id FROM d", err);
	long long *grown;
	int cap = 0, rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			grown = realloc(*ids, (size_t)cap * sizeof **ids);
			if (!grown) {
				sqlite3_finalize(st);
				return st_err_set(err, _("out of memory"));
			}
			*ids = grown;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, err);
	return 0;
}

static int delete_in_tx(sqlite3 *db, long long id, long long reassign_to, bool delete_tags,
			int conflict_polarity, st_err *err)
{
	factor_impact imp;
	long long *ids = NULL;
	int n = 0, i, within, rc = -1;

	if (factor_delete_impact(db, id, 0, &imp, err) != 0)
		return -1;
	if (reassign_to) {
		if (factor_check_exists(db, reassign_to, err) != 0)
			return -1;
		within = is_within(db, id, reassign_to, err);
		if (within < 0)
			return -1;
		if (within)
			return st_err_set(err, "%s", _("the tags cannot move to the factor being deleted"
						       " or one of its sub-factors"));
	} else if (!delete_tags && imp.tags + imp.descendant_tags > 0) {
		return st_err_set(err, _("the factor and its sub-factors have %d tags: move them to"
					 " another factor or delete them"),
				  imp.tags + imp.descendant_tags);
	}
	if (reassign_to && merge_tags(db, MERGE_TREE, id, reassign_to, conflict_polarity, err) != 0)
		return -1;
	if (subtree_ids(db, id, &ids, &n, err) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (!reassign_to && db_exec_ints(db, "DELETE FROM tag WHERE factor_id = ?1", &ids[i], 1,
						 err) != 0)
			goto out;
		/* Cut the links first: parent_id is ON DELETE RESTRICT. */
		if (db_exec_ints(db, "UPDATE factor SET parent_id = NULL WHERE id = ?1", &ids[i], 1,
				 err) != 0)
			goto out;
	}
	/* With its tags moved, the factor and its sub-factors went into
	 * reassign_to as in a merge: the tags another laptop makes on them
	 * follow there too (sync_record_merge). */
	for (i = 0; i < n; i++)
		if (db_exec_ints(db, "DELETE FROM factor WHERE id = ?1", &ids[i], 1, err) != 0 ||
		    (reassign_to && sync_record_merge(db, "factor", ids[i], reassign_to, err) != 0))
			goto out;
	rc = 0;
out:
	free(ids);
	return rc;
}

int factor_delete(sqlite3 *db, long long id, long long reassign_to, bool delete_tags,
		  int conflict_polarity, st_err *err)
{
	if (db_begin(db, err) != 0)
		return -1;
	if (delete_in_tx(db, id, reassign_to, delete_tags, conflict_polarity, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

