/* factors.c: see factors.h.
 *
 * The codebook is small (tens of factors, at most FACTORS_MAX), so the
 * tree is read whole and walked in C where that is simpler; the figures,
 * which touch every note, are computed in one SQL statement and never
 * load notes into C.
 *
 * Tree order comes from a recursive CTE (FACTOR_TREE_CTE) that builds for
 * every factor a path of fixed-width (position, id) pairs from its top
 * level down; sorting by that path gives depth-first order with siblings
 * by position.
 *
 * The codebook import follows programme_import.c: the whole file is read
 * and checked first (with "FILE:LINE: reason" errors), then written in one
 * transaction; what can only be checked against the database (a parent
 * defined there, a cycle through factors already stored, a GUID another
 * factor has) is checked inside that transaction, which is rolled back. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/db.h"
#include "core/factors.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/inifile.h"
#include "core/strmap.h"
#include "core/text.h"

/* Every factor with its depth and its path (see above). */
#define FACTOR_TREE_CTE \
	"tree(id, depth, path) AS (" \
	" SELECT id, 0, printf('%010d.%019d', position, id) FROM factor WHERE parent_id IS NULL" \
	" UNION ALL" \
	" SELECT f.id, tree.depth + 1, tree.path || '/' || printf('%010d.%019d', f.position, f.id)" \
	" FROM factor f JOIN tree ON f.parent_id = tree.id)"

/* Factor :root and all its descendants. */
#define FACTOR_DESC_CTE(param) \
	"d(id) AS (SELECT " param " UNION" \
	" SELECT f.id FROM factor f JOIN d ON f.parent_id = d.id)"

#define FACTOR_COLUMNS \
	"f.id, coalesce(f.parent_id, 0), f.code, f.name, f.definition, f.inclusion," \
	" f.exclusion, f.colour, f.memo, f.guid, f.position"


static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Runs sql with ?1, ?2, ?3 bound to a, b, c (those it uses). */
static int exec3(sqlite3 *db, const char *sql, long long a, long long b, long long c,
		 st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	long long v[3] = { a, b, c };
	int i;

	if (!st)
		return -1;
	for (i = 0; i < 3 && i < sqlite3_bind_parameter_count(st); i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	return db_step_done(db, st, err);
}

static int exec2(sqlite3 *db, const char *sql, long long a, long long b, st_err *err)
{
	return exec3(db, sql, a, b, 0, err);
}

/* One integer from sql with ?1, ?2 bound; -1 on error (with err). */
static long long query2(sqlite3 *db, const char *sql, long long a, long long b, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	long long v = -1;

	if (!st)
		return -1;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return v;
}

void factor_clear(st_factor *f)
{
	char **field[] = {
		&f->code, &f->name, &f->definition, &f->inclusion, &f->exclusion,
		&f->colour, &f->memo, &f->guid,
	};
	size_t i;

	for (i = 0; i < sizeof field / sizeof field[0]; i++)
		free(*field[i]);
	memset(f, 0, sizeof *f);
}

/* Reads FACTOR_COLUMNS (then depth and children when with_tree). */
static void factor_from_row(sqlite3_stmt *st, st_factor *f, bool with_tree)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, 0);
	f->parent_id = sqlite3_column_int64(st, 1);
	f->code = db_column_strdup(st, 2);
	f->name = db_column_strdup(st, 3);
	f->definition = db_column_strdup(st, 4);
	f->inclusion = db_column_strdup(st, 5);
	f->exclusion = db_column_strdup(st, 6);
	f->colour = db_column_strdup(st, 7);
	f->memo = db_column_strdup(st, 8);
	f->guid = db_column_strdup(st, 9);
	f->position = sqlite3_column_int(st, 10);
	if (with_tree) {
		f->depth = sqlite3_column_int(st, 11);
		f->children = sqlite3_column_int(st, 12);
	}
}

/* Reads rows of FACTOR_COLUMNS, depth, children into out (up to max). */
static int read_factors(sqlite3 *db, sqlite3_stmt *st, st_factor *out, int max, st_err *err)
{
	int got = 0, rc = SQLITE_DONE;

	while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		factor_from_row(st, &out[got++], true);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, err);
		while (got > 0)
			factor_clear(&out[--got]);
		return -1;
	}
	return got;
}

#define TREE_SELECT \
	"WITH RECURSIVE " FACTOR_TREE_CTE \
	" SELECT " FACTOR_COLUMNS ", tree.depth," \
	" (SELECT count(*) FROM factor c WHERE c.parent_id = f.id)" \
	" FROM tree JOIN factor f ON f.id = tree.id"

int factor_tree(sqlite3 *db, st_factor *out, int max, st_err *err)
{
	sqlite3_stmt *st;
	int got;

	if (max <= 0)
		return 0;
	st = db_prepare(db, TREE_SELECT " ORDER BY tree.path", err);
	if (!st)
		return -1;
	got = read_factors(db, st, out, max, err);
	sqlite3_finalize(st);
	return got;
}

void factors_free(st_factor *a, int n)
{
	while (a && n > 0)
		factor_clear(&a[--n]);
	free(a);
}

/* Reads every row of st (as read_factors) into a new array, grown as
 * rows come (never a count first: the codebook may change in between).
 * Returns how many, or -1 with *out NULL. */
static int read_all_factors(sqlite3 *db, sqlite3_stmt *st, st_factor **out, st_err *err)
{
	st_factor *a = malloc(64 * sizeof *a), *grown;
	int n = 0, cap = 64, rc = SQLITE_DONE;

	while (a && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			grown = realloc(a, (size_t)cap * 2 * sizeof *a);
			if (!grown)
				break;
			a = grown;
			cap *= 2;
		}
		factor_from_row(st, &a[n++], true);
	}
	*out = NULL;
	if (!a || rc == SQLITE_ROW) {
		factors_free(a, n);
		return st_err_set(err, _("out of memory"));
	}
	if (rc != SQLITE_DONE) {
		factors_free(a, n);
		return db_error(db, err);
	}
	*out = a;
	return n;
}

int factor_tree_all(sqlite3 *db, st_factor **out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, TREE_SELECT " ORDER BY tree.path", err);
	int n;

	*out = NULL;
	if (!st)
		return -1;
	n = read_all_factors(db, st, out, err);
	sqlite3_finalize(st);
	return n;
}

static int get_where(sqlite3 *db, const char *where, long long id, const char *code,
		     st_factor *out, st_err *err)
{
	char sql[2048];
	sqlite3_stmt *st;
	int got;

	snprintf(sql, sizeof sql, "%s WHERE %s", TREE_SELECT, where);
	st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	if (code)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	got = read_factors(db, st, out, 1, err);
	sqlite3_finalize(st);
	return got;
}

int factor_get(sqlite3 *db, long long id, st_factor *out, st_err *err)
{
	return get_where(db, "f.id = ?1", id, NULL, out, err);
}

int factor_find_code(sqlite3 *db, const char *code, st_factor *out, st_err *err)
{
	return get_where(db, "f.code = ?1 COLLATE NOCASE", 0, or_empty(code), out, err);
}

/* How well f matches the folded text: 0 a code that starts with it, 1 a
 * code that holds it, 2 the name, 3 the definition, 4 not at all. */
static int search_rank(const st_factor *f, const char *want)
{
	if (!*want || text_starts_with_folded(f->code, want))
		return 0;
	if (text_contains_folded(f->code, want))
		return 1;
	if (text_contains_folded(f->name, want))
		return 2;
	return text_contains_folded(f->definition, want) ? 3 : 4;
}

int factor_search_all(sqlite3 *db, const char *text, st_factor **out, st_err *err)
{
	st_factor *all, *hit;
	char *want;
	int n, i, rank, got = 0;

	*out = NULL;
	n = factor_tree_all(db, &all, err);
	if (n < 0)
		return -1;
	want = text_fold(or_empty(text));
	hit = calloc((size_t)n + 1, sizeof *hit);
	if (!want || !hit) {
		free(want);
		free(hit);
		factors_free(all, n);
		return st_err_set(err, _("out of memory"));
	}
	text_trim(want);
	for (rank = 0; rank < 4; rank++) {
		for (i = 0; i < n; i++) {
			if (all[i].code && search_rank(&all[i], want) == rank) {
				hit[got++] = all[i];
				memset(&all[i], 0, sizeof all[i]);
			}
		}
	}
	free(want);
	factors_free(all, n);
	*out = hit;
	return got;
}

int factor_search(sqlite3 *db, const char *text, st_factor *out, int max, st_err *err)
{
	st_factor *hit;
	int n = factor_search_all(db, text, &hit, err), i;

	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (i < max)
			out[i] = hit[i];
		else
			factor_clear(&hit[i]);
	}
	free(hit);
	return n < max ? n : max > 0 ? max : 0;
}

/* ---- checks and GUIDs ------------------------------------------------------ */

bool factor_code_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > FACTOR_CODE_MAX || s[n - 1] == '+' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return false;
	return true;
}

static const char *code_rule(void)
{
	return _("a code is 1 to 32 characters without spaces, not ending in + or -");
}

static bool colour_ok(const char *s)
{
	int i;

	if (!*s)
		return true;
	if (strlen(s) != 7 || s[0] != '#')
		return false;
	for (i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* 8-4-4-4-12 hexadecimal digits. */
static bool guid_ok(const char *s)
{
	int i;

	if (strlen(s) != 36)
		return false;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

/* A version 4 GUID from /dev/urandom, upper case, 8-4-4-4-12 (the form
 * REFI-QDA uses) into buf (at least 37 bytes).  0, or -1. */
static int make_guid(char *buf, st_err *err)
{
	unsigned char b[16];
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got = f ? fread(b, 1, sizeof b, f) : 0;

	if (f)
		fclose(f);
	if (got != sizeof b)
		return st_err_set(err, "%s", _("cannot read random bytes for a new GUID"));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);   /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
	snprintf(buf, 37, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-"
		 "%02X%02X%02X%02X%02X%02X", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
		 b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
	return 0;
}

/* The position after the last child of parent (0: top level). */
static long long next_position(sqlite3 *db, long long parent, st_err *err)
{
	return query2(db, "SELECT coalesce(max(position), -1) + 1 FROM factor"
			  " WHERE parent_id IS nullif(?1, 0)", parent, 0, err);
}

/* 1 when id is ancestor (or the same as) of other, 0 when not, -1 error. */
static int is_within(sqlite3 *db, long long root, long long other, st_err *err)
{
	long long v = query2(db, "WITH RECURSIVE " FACTOR_DESC_CTE("?1")
			     " SELECT EXISTS (SELECT 1 FROM d WHERE id = ?2)", root, other, err);

	return v < 0 ? -1 : (int)v;
}

static int check_exists(sqlite3 *db, long long id, st_err *err)
{
	long long v = query2(db, "SELECT EXISTS (SELECT 1 FROM factor WHERE id = ?1)", id, 0, err);

	if (v < 0)
		return -1;
	if (!v)
		return st_err_set(err, _("there is no factor with id %lld"), id);
	return 0;
}

/* ---- saving ------------------------------------------------------------------ */

/* Checks f's fields; 0, or -1. */
static int check_fields(sqlite3 *db, const st_factor *f, st_err *err)
{
	const char *code = or_empty(f->code), *name = or_empty(f->name);
	sqlite3_stmt *st;
	int rc;

	if (!*code)
		return st_err_set(err, "%s", _("a factor needs a code"));
	if (!factor_code_ok(code))
		return st_err_set(err, _("code \"%s\" is not valid: %s"), code, code_rule());
	if (!*name)
		return st_err_set(err, "%s", _("a factor needs a name"));
	if (!colour_ok(or_empty(f->colour)))
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
		st_err_set(err, _("code \"%s\" is already used by factor %s"), code,
			   (const char *)sqlite3_column_text(st, 0));
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
	char guid[40];
	long long pos;
	sqlite3_stmt *st;

	if (f->parent_id && check_exists(db, f->parent_id, err) != 0)
		return -1;
	if (f->guid && *f->guid) {
		if (!guid_ok(f->guid))
			return st_err_set(err, _("GUID \"%s\" is not valid (expected 8-4-4-4-12"
						 " hexadecimal digits)"), f->guid);
		snprintf(guid, sizeof guid, "%s", f->guid);
	} else if (make_guid(guid, err) != 0) {
		return -1;
	}
	pos = next_position(db, f->parent_id, err);
	if (pos < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO factor (parent_id, code, name, definition, inclusion,"
			    " exclusion, colour, memo, guid, position)"
			    " VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", err);
	if (!st)
		return -1;
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

	if (check_exists(db, f->id, err) != 0)
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
	return query2(db, "SELECT count(*) FROM factor", 0, 0, err);
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
	if (check_exists(db, id, err) != 0 || (new_parent && check_exists(db, new_parent, err) != 0))
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
	rc = exec3(db, "UPDATE factor SET parent_id = nullif(?2, 0), position = ?3 WHERE id = ?1",
		   id, new_parent, pos, err);
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

/* Per note tagged with one of them: whether one of those tags is +1 (en),
 * one is -1 (ba), and how many there are. */
#define MERGE_PER_NOTE \
	" per(note_id, en, ba, n) AS (SELECT note_id, max(polarity = 1), max(polarity = -1)," \
	"  count(*) FROM tag WHERE factor_id IN (SELECT id FROM s) GROUP BY note_id)"

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
		 " INSERT INTO tag (note_id, factor_id, polarity) SELECT note_id, ?2,"
		 " CASE WHEN en AND ba THEN ?3 WHEN en THEN 1 WHEN ba THEN -1 ELSE 0 END"
		 " FROM per WHERE true"
		 " ON CONFLICT (note_id, factor_id) DO UPDATE SET polarity = excluded.polarity", set);
	snprintf(drop, sizeof drop, "WITH RECURSIVE %s DELETE FROM tag"
		 " WHERE factor_id IN (SELECT id FROM s) AND factor_id != ?2", set);
	if (conflict_polarity < -1 || conflict_polarity > 1)
		return st_err_set(err, _("polarity %d is not -1, 0 or 1"), conflict_polarity);
	if (exec3(db, upsert, from, into, conflict_polarity, err) != 0 ||
	    exec2(db, drop, from, into, err) != 0)
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
	if (check_exists(db, from, err) != 0 || check_exists(db, into, err) != 0 ||
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
	if (check_exists(db, from, err) != 0 || check_exists(db, into, err) != 0)
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
	if (exec3(db, "UPDATE factor SET parent_id = ?2, position = position + ?3"
		      " WHERE parent_id = ?1", from, into, base, err) != 0)
		goto out;
	rc = exec2(db, "DELETE FROM factor WHERE id = ?1", from, 0, err);
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
	if (check_exists(db, id, err) != 0 ||
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
		if (check_exists(db, reassign_to, err) != 0)
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
		if (!reassign_to && exec2(db, "DELETE FROM tag WHERE factor_id = ?1", ids[i], 0,
					  err) != 0)
			goto out;
		/* Cut the links first: parent_id is ON DELETE RESTRICT. */
		if (exec2(db, "UPDATE factor SET parent_id = NULL WHERE id = ?1", ids[i], 0, err) != 0)
			goto out;
	}
	for (i = 0; i < n; i++)
		if (exec2(db, "DELETE FROM factor WHERE id = ?1", ids[i], 0, err) != 0)
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

/* ---- codebook import ---------------------------------------------------------- */

static const char *const cb_keys[] = {
	"code", "name", "parent", "definition", "inclusion", "exclusion", "colour", "memo",
	"guid", NULL,
};
static const char *const cb_key_list =
	"code, name, parent, definition, inclusion, exclusion, colour, memo, guid";

struct cb_factor {
	const char *section;
	const char *code, *name, *parent, *definition, *inclusion, *exclusion, *colour, *memo,
		*guid;
	int position;          /* among its siblings in the file */
	long long id;          /* in the database (while writing) */
	bool is_new;
};

struct cb_file {
	ini_file *ini;
	struct cb_factor *f;
	int n;
	strmap *codes;         /* code -> index in f */
	strmap *guids;         /* GUID -> index in f */
};

static const char *cb_optional(const ini_file *ini, const char *sec, const char *key)
{
	const char *v = ini_get(ini, sec, key);

	return v ? v : "";
}

/* libiniparser ends an unquoted value at ; or # (a comment), so
 * "colour = #1F77B4" would silently read as no colour: refuse that. */
static int cb_check_comment(const ini_file *ini, const char *sec, const char *key, st_err *err)
{
	const char *v = ini_raw(ini, sec, key);

	if (!v || *v == '"' || *v == '\'' || !strpbrk(v, ";#"))
		return 0;
	return ini_error(err, ini, ini_line(ini, sec, key), _("the value of \"%s\" holds ; or #,"
					" which would start a comment: put the value in double quotes"), key);
}

/* The index of the factor of the file with code, or -1. */
static int cb_find(const struct cb_file *cf, const char *code)
{
	long long *i = strmap_get(cf->codes, code);

	return i ? (int)*i : -1;
}

static int cb_parse_factor(struct cb_file *cf, const char *sec, st_err *err)
{
	const ini_file *ini = cf->ini;
	struct cb_factor *f = &cf->f[cf->n];
	int i, n = ini_key_count(ini, sec), first;
	const char *key;
	long long *same;

	memset(f, 0, sizeof *f);
	f->section = sec;
	for (i = 0; i < n; i++) {
		key = ini_key_name(ini, sec, i);
		for (first = 0; cb_keys[first] && strcmp(cb_keys[first], key) != 0; first++)
			;
		if (!cb_keys[first])
			return ini_error(err, ini, ini_line(ini, sec, key),
					_("unknown key \"%s\" in [%s] (expected one of: %s)"),
					key, sec, cb_key_list);
		if (cb_check_comment(ini, sec, key, err) != 0)
			return -1;
	}
	f->code = cb_optional(ini, sec, "code");
	f->name = cb_optional(ini, sec, "name");
	f->parent = cb_optional(ini, sec, "parent");
	/* NULL when the key is left out: an existing factor keeps its value. */
	f->definition = ini_get(ini, sec, "definition");
	f->inclusion = ini_get(ini, sec, "inclusion");
	f->exclusion = ini_get(ini, sec, "exclusion");
	f->colour = ini_get(ini, sec, "colour");
	f->memo = ini_get(ini, sec, "memo");
	f->guid = cb_optional(ini, sec, "guid");
	if (!ini_get(ini, sec, "code"))
		return ini_error(err, ini, ini_line(ini, sec, NULL), _("[%s] needs a \"%s\""), sec,
				"code");
	if (!factor_code_ok(f->code))
		return ini_error(err, ini, ini_line(ini, sec, "code"), _("code \"%s\" is not valid: %s"),
				f->code, code_rule());
	first = cb_find(cf, f->code);
	if (first >= 0)
		return ini_error(err, ini, ini_line(ini, sec, "code"),
				_("code \"%s\" is used twice (first on line %d)"), f->code,
				ini_line(ini, cf->f[first].section, "code"));
	if (!*f->name)
		return ini_error(err, ini, ini_line(ini, sec, ini_get(ini, sec, "name") ? "name" : NULL),
				_("factor %s needs a name"), f->code);
	if (!colour_ok(or_empty(f->colour)))
		return ini_error(err, ini, ini_line(ini, sec, "colour"),
				_("colour \"%s\" is not a colour (expected #RRGGBB, e.g. #1F77B4)"),
				f->colour);
	if (*f->guid && !guid_ok(f->guid))
		return ini_error(err, ini, ini_line(ini, sec, "guid"),
				_("GUID \"%s\" is not valid (expected 8-4-4-4-12 hexadecimal digits)"),
				f->guid);
	same = *f->guid ? strmap_get(cf->guids, f->guid) : NULL;
	if (same)
		return ini_error(err, ini, ini_line(ini, sec, "guid"),
				_("GUID %s is used twice (first on line %d)"), f->guid,
				ini_line(ini, cf->f[*same].section, "guid"));
	if (*f->parent && strcasecmp(f->parent, f->code) == 0)
		return ini_error(err, ini, ini_line(ini, sec, "parent"),
				_("factor %s cannot be its own parent"), f->code);
	if (strmap_put(cf->codes, f->code, cf->n) != 0 ||
	    (*f->guid && strmap_put(cf->guids, f->guid, cf->n) != 0))
		return st_err_set(err, _("out of memory"));
	cf->n++;
	return 0;
}

/* Positions: the order of the file among factors with the same parent
 * (counted per parent, ignoring case as the codes are). */
static int cb_positions(struct cb_file *cf, st_err *err)
{
	strmap *next = strmap_new();
	long long *k;
	int i;

	for (i = 0; next && i < cf->n; i++) {
		k = strmap_get(next, cf->f[i].parent);
		cf->f[i].position = k ? (int)*k : 0;
		if (strmap_put(next, cf->f[i].parent, cf->f[i].position + 1) != 0)
			break;
	}
	strmap_free(next);
	return next && i == cf->n ? 0 : st_err_set(err, _("out of memory"));
}

static int cb_parse(const char *path, struct cb_file *cf, st_err *err)
{
	int i, n;
	const char *sec;

	memset(cf, 0, sizeof *cf);
	cf->ini = ini_open(path, err);
	if (!cf->ini)
		return -1;
	n = ini_section_count(cf->ini);
	if (n > FACTORS_MAX)
		return ini_error(err, cf->ini, ini_section_line(cf->ini, FACTORS_MAX),
				 _("too many factors (%d, at most %d)"), n, FACTORS_MAX);
	cf->f = calloc((size_t)n + 1, sizeof *cf->f);
	cf->codes = strmap_new();
	cf->guids = strmap_new();
	if (!cf->f || !cf->codes || !cf->guids)
		return st_err_set(err, _("out of memory"));
	for (i = 0; i < n; i++) {
		sec = ini_section_name(cf->ini, i);
		if (strncmp(sec, "factor", 6) != 0 || (sec[6] != '\0' && sec[6] != ' '))
			return ini_error(err, cf->ini, ini_section_line(cf->ini, i),
					_("unknown section [%s] (expected [factor …])"), sec);
		if (cb_parse_factor(cf, sec, err) != 0)
			return -1;
	}
	if (cf->n == 0)
		return ini_error(err, cf->ini, 1, "%s",
				_("the file has no factors (expected [factor …] sections)"));
	return cb_positions(cf, err);
}

static void cb_free(struct cb_file *cf)
{
	free(cf->f);
	strmap_free(cf->codes);
	strmap_free(cf->guids);
	ini_close(cf->ini);
	memset(cf, 0, sizeof *cf);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Finds f by code: sets f->id and f->is_new.  0, or -1. */
static int cb_lookup(sqlite3 *db, struct cb_factor *f, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM factor WHERE code = ?1 COLLATE NOCASE",
				      err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, f->code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	f->is_new = rc == SQLITE_DONE;
	f->id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return 0;
}

/* The id the parent code means: a factor of the file or of the database;
 * 0 for none.  -1 with a line-numbered error when there is no such factor. */
static long long cb_parent_id(sqlite3 *db, const struct cb_file *cf, const struct cb_factor *f,
			      st_err *err)
{
	int i = *f->parent ? cb_find(cf, f->parent) : -1;
	sqlite3_stmt *st;
	long long id = -1;
	int rc;

	if (!*f->parent)
		return 0;
	if (i >= 0)
		return cf->f[i].id;
	st = db_prepare(db, "SELECT id FROM factor WHERE code = ?1 COLLATE NOCASE", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, f->parent, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return ini_error(err, cf->ini, ini_line(cf->ini, f->section, "parent"),
				_("parent \"%s\" is not a factor of this file or of the codebook"),
				f->parent);
	if (rc != SQLITE_ROW)
		return db_error(db, err);
	return id;
}

/* A GUID another factor already has. */
static int cb_check_guid(sqlite3 *db, const struct cb_file *cf, const struct cb_factor *f,
			 st_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!*f->guid)
		return 0;
	st = db_prepare(db, "SELECT code FROM factor WHERE guid = ?1 COLLATE NOCASE AND id != ?2",
			err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, f->guid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, f->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ini_error(err, cf->ini, ini_line(cf->ini, f->section, "guid"),
			 _("GUID %s already belongs to factor %s"), f->guid, col_text(st, 0));
	else if (rc != SQLITE_DONE)
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The two statements that write a factor of the file, prepared once for
 * the whole file (each preparation compiles the codebook's triggers). */
struct cb_sql { sqlite3_stmt *same, *update; };

static int cb_sql_prepare(sqlite3 *db, struct cb_sql *s, st_err *err)
{
	/* The code (?3, not used) stays as stored: the file matched it
	 * ignoring case, and a code is renamed in the codebook, not by an
	 * import.  A key left out (NULL) keeps the stored value. */
	static const char same_sql[] =
		"SELECT parent_id IS nullif(?2, 0) AND name = ?4"
		" AND definition = coalesce(?5, definition) AND inclusion = coalesce(?6, inclusion)"
		" AND exclusion = coalesce(?7, exclusion) AND colour = coalesce(?8, colour)"
		" AND memo = coalesce(?9, memo) AND (?10 = '' OR guid = ?10) AND position = ?11"
		" FROM factor WHERE id = ?1";
	static const char update_sql[] =
		"UPDATE factor SET parent_id = nullif(?2, 0), name = ?4,"
		" definition = coalesce(?5, definition), inclusion = coalesce(?6, inclusion),"
		" exclusion = coalesce(?7, exclusion), colour = coalesce(?8, colour),"
		" memo = coalesce(?9, memo), guid = CASE WHEN ?10 = '' THEN guid ELSE ?10 END,"
		" position = ?11 WHERE id = ?1";

	s->same = db_prepare(db, same_sql, err);
	s->update = s->same ? db_prepare(db, update_sql, err) : NULL;
	if (s->update)
		return 0;
	sqlite3_finalize(s->same);
	return -1;
}

/* Writes one factor (its id known, new ones already inserted): 1 when
 * something changed, 0 when not, -1 on error. */
static int cb_write_factor(sqlite3 *db, const struct cb_file *cf, const struct cb_sql *s,
			   const struct cb_factor *f, st_err *err)
{
	long long parent = cb_parent_id(db, cf, f, err);
	const char *text[] = { f->code, f->name, f->definition, f->inclusion, f->exclusion,
			       f->colour, f->memo, f->guid };
	sqlite3_stmt *st;
	int pass, i, rc, same = 0;

	if (parent < 0 || cb_check_guid(db, cf, f, err) != 0)
		return -1;
	for (pass = 0; pass < 2; pass++) {
		st = pass == 0 ? s->same : s->update;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, f->id);
		sqlite3_bind_int64(st, 2, parent);
		for (i = 0; i < 8; i++)
			sqlite3_bind_text(st, i + 3, text[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 11, f->position);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			same = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (rc != (pass == 0 ? SQLITE_ROW : SQLITE_DONE))
			return db_error(db, err);
		if (pass == 0 && same && !f->is_new)
			return 0;
	}
	return 1;
}

/* A new factor with placeholder values, to have an id parents can use. */
static int cb_insert(sqlite3 *db, struct cb_factor *f, st_err *err)
{
	char guid[40];
	sqlite3_stmt *st;

	if (*f->guid)
		snprintf(guid, sizeof guid, "%s", f->guid);
	else if (make_guid(guid, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO factor (code, name, guid) VALUES (?1, ?2, ?3)", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, f->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, guid, -1, SQLITE_STATIC);
	if (db_step_done(db, st, err) != 0)
		return -1;
	f->id = sqlite3_last_insert_rowid(db);
	return 0;
}

/* After writing: a factor of the file that is (now) its own ancestor. */
static int cb_check_cycles(sqlite3 *db, const struct cb_file *cf, st_err *err)
{
	int i;
	long long found;

	for (i = 0; i < cf->n; i++) {
		found = query2(db, "WITH RECURSIVE up(id, n) AS ("
				   " SELECT parent_id, 1 FROM factor WHERE id = ?1"
				   " UNION ALL SELECT f.parent_id, up.n + 1 FROM up"
				   " JOIN factor f ON f.id = up.id WHERE up.id != ?1 AND up.n < 100000)"
				   " SELECT EXISTS (SELECT 1 FROM up WHERE id = ?1)", cf->f[i].id, 0, err);
		if (found < 0)
			return -1;
		if (found)
			return ini_error(err, cf->ini, ini_line(cf->ini, cf->f[i].section, "parent"),
					_("parent \"%s\" makes a loop: factor %s would be under itself"),
					cf->f[i].parent, cf->f[i].code);
	}
	return 0;
}

static int cb_write(sqlite3 *db, struct cb_file *cf, codebook_stats *stats, st_err *err)
{
	struct cb_sql s;
	int i, rc = 0;

	for (i = 0; i < cf->n; i++)
		if (cb_lookup(db, &cf->f[i], err) != 0)
			return -1;
	for (i = 0; i < cf->n; i++)
		if (cf->f[i].is_new && (cb_check_guid(db, cf, &cf->f[i], err) != 0 ||
					cb_insert(db, &cf->f[i], err) != 0))
			return -1;
	if (cb_sql_prepare(db, &s, err) != 0)
		return -1;
	for (i = 0; i < cf->n && rc >= 0; i++) {
		rc = cb_write_factor(db, cf, &s, &cf->f[i], err);
		if (rc < 0)
			break;
		if (cf->f[i].is_new)
			stats->added++;
		else if (rc == 1)
			stats->changed++;
		else
			stats->unchanged++;
	}
	sqlite3_finalize(s.same);
	sqlite3_finalize(s.update);
	if (rc < 0 || cb_check_cycles(db, cf, err) != 0)
		return -1;
	return factor_count_check(db, ini_path(cf->ini), err);
}

int codebook_import_ini(sqlite3 *db, const char *path, codebook_stats *stats, st_err *err)
{
	codebook_stats counted = { 0, 0, 0 };
	struct cb_file cf;
	int rc;

	if (stats)
		*stats = counted;
	rc = cb_parse(path, &cf, err);
	if (rc == 0)
		rc = db_begin(db, err);
	if (rc == 0) {
		rc = cb_write(db, &cf, &counted, err);
		if (rc == 0)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	cb_free(&cf);
	if (rc == 0 && stats)
		*stats = counted;
	return rc;
}

int codebook_import_shipped(sqlite3 *db, st_err *err)
{
	char *path = fs_join(fs_datadir(), "codebook/starter.ini");
	int rc;

	if (!path)
		return st_err_set(err, _("out of memory"));
	rc = codebook_import_ini(db, path, NULL, err);
	free(path);
	return rc;
}

/* ---- tags --------------------------------------------------------------------- */

int tag_set(sqlite3 *db, long long note_id, long long factor_id, int polarity, st_err *err)
{
	long long note;
	sqlite3_stmt *st;

	if (polarity < -1 || polarity > 1)
		return st_err_set(err, _("polarity %d is not -1, 0 or 1"), polarity);
	if (db_begin(db, err) != 0)
		return -1;
	/* 0: no such note, 1: live, 2: in the trash. */
	note = query2(db, "SELECT coalesce((SELECT 1 + (deleted_at IS NOT NULL) FROM note"
		      " WHERE id = ?1), 0)", note_id, 0, err);
	if (note == 0)
		st_err_set(err, _("there is no note with id %lld"), note_id);
	else if (note == 2)
		st_err_set(err, _("note %lld is in the trash: restore it first"), note_id);
	if (note != 1 || check_exists(db, factor_id, err) != 0)
		goto fail;
	st = db_prepare(db, "INSERT INTO tag (note_id, factor_id, polarity) VALUES (?1, ?2, ?3)"
			    " ON CONFLICT (note_id, factor_id) DO UPDATE SET polarity = excluded.polarity",
			err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, note_id);
	sqlite3_bind_int64(st, 2, factor_id);
	sqlite3_bind_int(st, 3, polarity);
	if (db_step_done(db, st, err) != 0)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return -1;
}

int tag_remove(sqlite3 *db, long long note_id, long long factor_id, st_err *err)
{
	return exec2(db, "DELETE FROM tag WHERE note_id = ?1 AND factor_id = ?2", note_id,
		     factor_id, err);
}

int tag_list(sqlite3 *db, long long note_id, st_tag *out, int max, st_err *err)
{
	sqlite3_stmt *st;
	int got = 0, rc = SQLITE_DONE;

	if (max <= 0)
		return 0;
	st = db_prepare(db, "WITH RECURSIVE " FACTOR_TREE_CTE
			" SELECT f.id, f.code, f.name, t.polarity FROM tag t"
			" JOIN factor f ON f.id = t.factor_id JOIN tree ON tree.id = f.id"
			" WHERE t.note_id = ?1 ORDER BY tree.path", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, note_id);
	while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[got].factor_id = sqlite3_column_int64(st, 0);
		snprintf(out[got].code, sizeof out[got].code, "%s", col_text(st, 1));
		snprintf(out[got].name, sizeof out[got].name, "%s", col_text(st, 2));
		out[got].polarity = sqlite3_column_int(st, 3);
		got++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return got;
}

/* The n ids as a JSON array, "[3,17,42]", for `IN (SELECT value FROM
 * json_each(?))`: one statement for a page of notes instead of one per
 * note.  A new string, or NULL when out of memory. */
static char *json_ids(const long long *ids, int n)
{
	char *out = malloc((size_t)n * 21 + 3);
	int i, len = 0;

	if (!out)
		return NULL;
	len += sprintf(out, "[");
	for (i = 0; i < n; i++)
		len += sprintf(out + len, "%s%lld", i ? "," : "", ids[i]);
	sprintf(out + len, "]");
	return out;
}

/* Appends "CODE+" (with a space before all but the first) to *out. */
static int append_tag(char **out, const char *code, int polarity)
{
	size_t len = *out ? strlen(*out) : 0;
	char *grown = realloc(*out, len + strlen(code) + 3);

	if (!grown)
		return -1;
	snprintf(grown + len, strlen(code) + 3, "%s%s%s", len ? " " : "", code,
		 polarity > 0 ? "+" : polarity < 0 ? "-" : "");
	*out = grown;
	return 0;
}

int tag_texts(sqlite3 *db, const long long *note_ids, int n, char **out, st_err *err)
{
	/* One query for the whole page (the ids as a JSON array): the tree
	 * walk that orders the tags costs more than reading a note's few
	 * tags, so it must not run once per note. */
	sqlite3_stmt *st = db_prepare(db, "WITH RECURSIVE " FACTOR_TREE_CTE
				      " SELECT t.note_id, f.code, t.polarity FROM tag t"
				      " JOIN factor f ON f.id = t.factor_id JOIN tree ON tree.id = f.id"
				      " WHERE t.note_id IN (SELECT value FROM json_each(?1))"
				      " ORDER BY t.note_id, tree.path", err);
	char *ids = json_ids(note_ids, n);
	int i, rc = SQLITE_DONE;

	for (i = 0; i < n; i++)
		out[i] = NULL;
	if (!st || !ids) {
		sqlite3_finalize(st);
		free(ids);
		return st ? st_err_set(err, "%s", _("out of memory")) : -1;
	}
	sqlite3_bind_text(st, 1, ids, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		for (i = 0; i < n && note_ids[i] != id; i++)
			;
		if (i < n && append_tag(&out[i], col_text(st, 1), sqlite3_column_int(st, 2)) != 0)
			break;
	}
	for (i = 0; rc == SQLITE_DONE && i < n; i++)
		if (!out[i] && !(out[i] = strdup("")))
			break;
	sqlite3_finalize(st);
	free(ids);
	if (rc == SQLITE_DONE && i == n)
		return 0;
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		st_err_set(err, "%s", _("out of memory"));
	else
		db_error(db, err);
	for (i = 0; i < n; i++) {
		free(out[i]);
		out[i] = NULL;
	}
	return -1;
}

int tag_polarities_within(sqlite3 *db, long long factor_id, const long long *note_ids, int n,
			  int *out, st_err *err)
{
	/* One query for the whole page, the ids as a JSON array, as tag_texts. */
	sqlite3_stmt *st = db_prepare(db, "WITH RECURSIVE " FACTOR_DESC_CTE("?2")
				      " SELECT note_id, max(polarity = 1) + 2 * max(polarity = -1)"
				      "  + 4 * (max(polarity != 0) = 0) FROM tag"
				      " WHERE note_id IN (SELECT value FROM json_each(?1))"
				      " AND factor_id IN (SELECT id FROM d) GROUP BY note_id", err);
	char *ids = json_ids(note_ids, n);
	int i, rc;

	for (i = 0; i < n; i++)
		out[i] = 0;
	if (!st || !ids) {
		sqlite3_finalize(st);
		free(ids);
		return st ? st_err_set(err, "%s", _("out of memory")) : -1;
	}
	sqlite3_bind_text(st, 1, ids, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, factor_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		for (i = 0; i < n; i++)
			if (note_ids[i] == id)
				out[i] = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	free(ids);
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

int tag_polarity_within(sqlite3 *db, long long note_id, long long factor_id, st_err *err)
{
	int bits;

	return tag_polarities_within(db, factor_id, &note_id, 1, &bits, err) == 0 ? bits : -1;
}

int tag_text(sqlite3 *db, long long note_id, char *buf, int size, st_err *err)
{
	char *text, *cut;

	if (size <= 0)
		return 0;
	if (tag_texts(db, &note_id, 1, &text, err) != 0)
		return -1;
	/* Only whole tags when buf is too small. */
	while (strlen(text) >= (size_t)size && (cut = strrchr(text, ' ')))
		*cut = '\0';
	snprintf(buf, (size_t)size, "%s", strlen(text) < (size_t)size ? text : "");
	free(text);
	return 0;
}

/* The digit keys follow what a facilitator tags now: the factors of the
 * newest MOST_USED_NOTES live notes (theirs, or everyone's), read newest
 * first from note_by_author_key or note_by_deleted_created, so the cost
 * does not grow with the database (it runs when a screen with digit keys
 * opens). */
#define MOST_USED_NOTES 2000
#define ST_STR_(x) #x
#define ST_STR(x) ST_STR_(x)
#define MOST_USED_ALL \
	" recent(id) AS (SELECT id FROM note WHERE deleted_at IS NULL" \
	"  ORDER BY created_at DESC, id DESC LIMIT " ST_STR(MOST_USED_NOTES) ")"
#define MOST_USED_MINE \
	" recent(id) AS (SELECT id FROM note WHERE author_key = st_fold(?1)" \
	"  AND +deleted_at IS NULL ORDER BY created_at DESC, id DESC" \
	"  LIMIT " ST_STR(MOST_USED_NOTES) ")"

/* True (1) when the newest notes of author have a tag, 0, or -1. */
static int author_has_tags(sqlite3 *db, const char *author, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "WITH" MOST_USED_MINE " SELECT EXISTS (SELECT 1"
				      " FROM recent CROSS JOIN tag t ON t.note_id = recent.id)", err);
	int has = -1;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, author, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		has = sqlite3_column_int(st, 0);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return has;
}

int factor_most_used(sqlite3 *db, const char *author, st_factor *out, int max, st_err *err)
{
#define MOST_USED_SQL(recent) \
	"WITH RECURSIVE " FACTOR_TREE_CTE "," recent "," \
	" used(id, c) AS (SELECT t.factor_id, count(*) FROM recent" \
	"  CROSS JOIN tag t ON t.note_id = recent.id GROUP BY t.factor_id)" \
	" SELECT " FACTOR_COLUMNS ", tree.depth," \
	" (SELECT count(*) FROM factor c WHERE c.parent_id = f.id) AS children" \
	" FROM tree JOIN factor f ON f.id = tree.id LEFT JOIN used u ON u.id = f.id" \
	" ORDER BY u.c IS NULL, u.c DESC, children > 0, tree.path LIMIT ?2"
	sqlite3_stmt *st;
	int mine = 0, got;

	if (max <= 0)
		return 0;
	if (author && *author && (mine = author_has_tags(db, author, err)) < 0)
		return -1;
	st = db_prepare(db, mine ? MOST_USED_SQL(MOST_USED_MINE) : MOST_USED_SQL(MOST_USED_ALL),
			err);
	if (!st)
		return -1;
	if (mine)
		sqlite3_bind_text(st, 1, author, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max);
	got = read_factors(db, st, out, max, err);
	sqlite3_finalize(st);
	return got;
#undef MOST_USED_SQL
}

/* True when one of out[0..n-1] is factor id. */
static bool digit_holds(const st_factor *out, int n, long long id)
{
	int i;

	for (i = 0; i < n; i++)
		if (out[i].id == id)
			return true;
	return false;
}

/* Gives every digit without a factor the next of used[0..n-1] that no
 * digit holds (moving it out of used). */
static void fill_digits(st_factor *out, st_factor *used, int n)
{
	int i, next = 0;

	for (i = 0; i < FACTOR_DIGITS; i++) {
		if (out[i].id)
			continue;
		while (next < n && digit_holds(out, FACTOR_DIGITS, used[next].id))
			next++;
		if (next == n)
			return;
		out[i] = used[next];
		memset(&used[next++], 0, sizeof used[0]);
	}
}

int factor_digit_keys(sqlite3 *db, const char *author, const long long *keep, st_factor *out,
		      st_err *err)
{
	/* Enough to fill every digit whatever the nine kept hold. */
	st_factor used[2 * FACTOR_DIGITS];
	int i, n = 0, rc = 0;

	memset(out, 0, FACTOR_DIGITS * sizeof *out);
	for (i = 0; i < FACTOR_DIGITS && keep && rc >= 0; i++)
		if (keep[i] && !digit_holds(out, i, keep[i]))
			rc = factor_get(db, keep[i], &out[i], err);
	if (rc >= 0)
		n = factor_most_used(db, author, used, 2 * FACTOR_DIGITS, err);
	if (rc >= 0 && n >= 0)
		fill_digits(out, used, n);
	for (i = 0; i < n; i++)
		factor_clear(&used[i]);
	if (rc >= 0 && n >= 0)
		return 0;
	for (i = 0; i < FACTOR_DIGITS; i++)
		factor_clear(&out[i]);
	return -1;
}

/* ---- figures ---------------------------------------------------------------- */

/* The notes a figure counts: live, at a session that passes the filter.
 * The WHERE clause is put together from these fixed fragments, only those
 * the filter needs, so that a filtered figure starts from the session
 * (its primary key, or session_by_code for a programme) and reaches its
 * notes through note_by_session: a condition like (:session = 0 OR
 * s.id = :session) can use no index.  The joins are CROSS JOINs so the
 * planner keeps that order whatever it guesses about deleted_at (without
 * ANALYZE it takes "deleted_at IS NULL" for selective; it holds for 99%
 * of notes), and +n.deleted_at keeps it from the deleted_at index. */
#define FIGURE_NOTES_FROM \
	" session s CROSS JOIN note n ON n.session_id = s.id AND +n.deleted_at IS NULL"
#define FIGURE_BY_PROGRAMME " AND s.programme_id = :programme"
#define FIGURE_BY_KIND " AND s.kind = :kind"
#define FIGURE_BY_SESSION " AND s.id = :session"

/* The WHERE conditions (each starting " AND ") for filter f, after "WHERE
 * true", into buf. */
static const char *figure_where(const figure_filter *f, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", f && f->programme_id ? FIGURE_BY_PROGRAMME : "",
		 f && f->session_kind && *f->session_kind ? FIGURE_BY_KIND : "",
		 f && f->session_id ? FIGURE_BY_SESSION : "");
	return buf;
}

/* Binds the parameters figure_where put in (those it left out are not in
 * the statement). */
static void bind_figure_filter(sqlite3_stmt *st, const figure_filter *f)
{
	int i = sqlite3_bind_parameter_index(st, ":programme");

	if (i > 0)
		sqlite3_bind_int64(st, i, f->programme_id);
	i = sqlite3_bind_parameter_index(st, ":kind");
	if (i > 0)
		sqlite3_bind_text(st, i, f->session_kind, -1, SQLITE_STATIC);
	i = sqlite3_bind_parameter_index(st, ":session");
	if (i > 0)
		sqlite3_bind_int64(st, i, f->session_id);
}

/* Reads the rows of a figures statement (factor id and the ten figures in
 * factor_figures order) into out, up to max.  Returns how many, or -1. */
static int read_figures(sqlite3 *db, sqlite3_stmt *st, factor_figures *out, int max,
			st_err *err)
{
	int got = 0, rc = SQLITE_DONE, i;

	while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		factor_figures *x = &out[got++];

		x->factor_id = sqlite3_column_int64(st, 0);
		x->notes = sqlite3_column_int(st, 1);
		x->sessions = sqlite3_column_int(st, 2);
		x->schools = sqlite3_column_int(st, 3);
		x->enablers = sqlite3_column_int(st, 4);
		x->barriers = sqlite3_column_int(st, 5);
		x->neutral = sqlite3_column_int(st, 6);
		for (i = 0; i < 4; i++)
			x->by_kind[i] = sqlite3_column_int(st, 7 + i);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return got;
}

/* Every factor in tree order with the figures of fig (fid and the
 * figures), 0 where fig has no row. */
#define FIGURES_TAIL \
	" SELECT tree.id, coalesce(fig.notes, 0), coalesce(fig.sessions, 0)," \
	" coalesce(fig.schools, 0), coalesce(fig.en, 0), coalesce(fig.ba, 0)," \
	" coalesce(fig.neutral, 0), coalesce(fig.k0, 0), coalesce(fig.k1, 0)," \
	" coalesce(fig.k2, 0), coalesce(fig.k3, 0)" \
	" FROM tree LEFT JOIN fig ON fig.fid = tree.id ORDER BY tree.path"

/* Runs head, the filter's conditions and tail as one figures statement
 * (see read_figures). */
static int run_figures(sqlite3 *db, const char *head, const char *tail, const figure_filter *f,
		       factor_figures *out, int max, st_err *err)
{
	static const figure_filter none = { 0 };
	char sql[4096], where[256];
	sqlite3_stmt *st;

	if (max <= 0)
		return 0;
	if (!f)
		f = &none;
	snprintf(sql, sizeof sql, "%s%s%s", head, figure_where(f, where, sizeof where), tail);
	st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	bind_figure_filter(st, f);
	return read_figures(db, st, out, max, err);
}

int factor_figures_recount(sqlite3 *db, const figure_filter *f, factor_figures *out, int max,
			   st_err *err)
{
	/* anc maps every factor to itself and each of its ancestors; a tag
	 * counts for every factor its factor is mapped to.  per_note has one
	 * row per (factor, note): a note counts as an enabler of F when one
	 * of its tags on F or below is +1, as a barrier when one is -1 (it can
	 * be both), and as neutral when all of them are 0. */
	static const char head[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE ","
		" anc(factor_id, ancestor_id) AS (SELECT id, id FROM factor"
		"  UNION ALL SELECT anc.factor_id, f.parent_id FROM anc"
		"  JOIN factor f ON f.id = anc.ancestor_id WHERE f.parent_id IS NOT NULL),"
		" per_note AS (SELECT anc.ancestor_id AS fid, t.note_id, n.session_id AS sid,"
		"  s.kind AS kind, CASE WHEN o.kind = 'school' THEN o.id END AS school,"
		"  max(t.polarity = 1) AS en, max(t.polarity = -1) AS ba"
		"  FROM" FIGURE_NOTES_FROM
		"  CROSS JOIN tag t ON t.note_id = n.id CROSS JOIN anc ON anc.factor_id = t.factor_id"
		"  LEFT JOIN organisation o ON o.id = coalesce(n.about_org_id, s.host_org_id)"
		"  WHERE true";
	static const char tail[] =
		"  GROUP BY anc.ancestor_id, t.note_id),"
		" fig AS (SELECT fid, count(*) AS notes, count(DISTINCT sid) AS sessions,"
		"  count(DISTINCT school) AS schools, sum(en) AS en, sum(ba) AS ba,"
		"  sum(en = 0 AND ba = 0) AS neutral,"
		"  sum(kind = 'inspiratiesessie') AS k0, sum(kind = 'groeisessie') AS k1,"
		"  sum(kind = 'focusgroep') AS k2, sum(kind = 'uitwisselsessie') AS k3"
		"  FROM per_note GROUP BY fid)"
		FIGURES_TAIL;

	return run_figures(db, head, tail, f, out, max, err);
}

int factor_figures_all(sqlite3 *db, const figure_filter *f, factor_figures *out, int max,
		       st_err *err)
{
	/* Filtered: fig_session (see schema.c) holds the figures per
	 * (session, factor, the notes' organisation): sums of its rows, and
	 * the distinct sessions and schools among them.  The school of a row is
	 * its organisation, else the session's host, when that is a school. */
	static const char head[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE ","
		" fig AS (SELECT fs.ancestor_id AS fid, sum(fs.notes) AS notes,"
		"  count(DISTINCT fs.session_id) AS sessions,"
		"  count(DISTINCT CASE WHEN o.kind = 'school' THEN o.id END) AS schools,"
		"  sum(fs.enablers) AS en, sum(fs.barriers) AS ba, sum(fs.neutral) AS neutral,"
		"  sum(CASE WHEN s.kind = 'inspiratiesessie' THEN fs.notes ELSE 0 END) AS k0,"
		"  sum(CASE WHEN s.kind = 'groeisessie' THEN fs.notes ELSE 0 END) AS k1,"
		"  sum(CASE WHEN s.kind = 'focusgroep' THEN fs.notes ELSE 0 END) AS k2,"
		"  sum(CASE WHEN s.kind = 'uitwisselsessie' THEN fs.notes ELSE 0 END) AS k3"
		"  FROM session s CROSS JOIN fig_session fs ON fs.session_id = s.id"
		"  LEFT JOIN organisation o ON o.id = coalesce(nullif(fs.about_org_id, 0), s.host_org_id)"
		"  WHERE true";
	static const char tail[] = "  GROUP BY fs.ancestor_id)" FIGURES_TAIL;
	/* All notes: fig_total has the sums, fig_total_org one row per
	 * (factor, organisation) with notes. */
	static const char total[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE ","
		" fig AS (SELECT t.ancestor_id AS fid, t.notes, t.sessions,"
		"  (SELECT count(*) FROM fig_total_org fo JOIN organisation o ON o.id = fo.org_id"
		"   WHERE fo.ancestor_id = t.ancestor_id AND o.kind = 'school') AS schools,"
		"  t.enablers AS en, t.barriers AS ba, t.neutral, t.k0, t.k1, t.k2, t.k3"
		"  FROM fig_total t WHERE true";

	if (!f || (!f->programme_id && !(f->session_kind && *f->session_kind) && !f->session_id))
		return run_figures(db, total, ")" FIGURES_TAIL, NULL, out, max, err);
	return run_figures(db, head, tail, f, out, max, err);
}

int factor_tree_figures(sqlite3 *db, const figure_filter *f, st_factor **tree,
			factor_figures **fig, st_err *err)
{
	int n = factor_tree_all(db, tree, err), got;

	*fig = NULL;
	if (n < 0)
		return -1;
	/* One more than the tree: a factor added in between shows. */
	*fig = calloc((size_t)n + 1, sizeof **fig);
	got = *fig ? factor_figures_all(db, f, *fig, n + 1, err)
		   : st_err_set(err, _("out of memory"));
	if (got >= 0 && got != n)
		got = st_err_set(err, "%s", _("the codebook changed while reading"));
	if (got < 0) {
		factors_free(*tree, n);
		free(*fig);
		*tree = NULL;
		*fig = NULL;
		return -1;
	}
	return n;
}

/* Where factor_cooccurrence_recount (the query the kept fig_pair figures
 * are checked against) starts: from the tags of the factor (by
 * tag_by_factor), or, filtered by session or programme, from the notes
 * of those sessions (note_by_session covers them).  Neither reads the
 * note rows: a note is live when it is not in the trash, the few notes
 * note_by_deleted_created holds with a deleted_at (an index on them is
 * made once per statement), which costs far less than looking up the
 * hundred thousand notes of a big factor. */
#define COOC_BY_FACTOR \
	" FROM d CROSS JOIN tag t1 ON t1.factor_id = d.id"
#define COOC_BY_SESSION \
	" FROM session s CROSS JOIN note n ON n.session_id = s.id" \
	" CROSS JOIN tag t1 ON t1.note_id = n.id AND t1.factor_id IN (SELECT id FROM d)"

/* Reads the rows of a co-occurrence statement (factor id, code, name,
 * notes) into out, up to max.  Returns how many, or -1. */
static int read_cooccur(sqlite3 *db, sqlite3_stmt *st, factor_cooccur *out, int max,
			st_err *err)
{
	int got = 0, rc = SQLITE_DONE;

	while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[got].factor_id = sqlite3_column_int64(st, 0);
		snprintf(out[got].code, sizeof out[got].code, "%s", col_text(st, 1));
		snprintf(out[got].name, sizeof out[got].name, "%s", col_text(st, 2));
		out[got].notes = sqlite3_column_int(st, 3);
		got++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return got;
}

int factor_cooccurrence(sqlite3 *db, long long id, const figure_filter *f, factor_cooccur *out,
			int max, st_err *err)
{
	/* fig_pair (see schema.c) holds per (factor on or below id, session)
	 * the notes shared with each factor outside id; fig_pair_total the
	 * same for all sessions. */
	static const char head[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE ","
		" hit(fid, c) AS (SELECT p.factor_id, sum(p.notes) FROM session s"
		"  CROSS JOIN fig_pair p ON p.ancestor_id = :id AND p.session_id = s.id WHERE true";
	static const char tail[] = "  GROUP BY p.factor_id)"
		" SELECT f.id, f.code, f.name, hit.c FROM hit"
		" JOIN factor f ON f.id = hit.fid JOIN tree ON tree.id = f.id"
		" WHERE hit.c > 0 ORDER BY hit.c DESC, tree.path LIMIT :max";
	static const char total[] =
		"WITH RECURSIVE " FACTOR_TREE_CTE
		" SELECT f.id, f.code, f.name, p.notes FROM fig_pair_total p"
		" JOIN factor f ON f.id = p.factor_id JOIN tree ON tree.id = f.id"
		" WHERE p.ancestor_id = :id AND p.notes > 0 ORDER BY p.notes DESC, tree.path LIMIT :max";
	char sql[sizeof head + sizeof tail + 256], where[256];
	sqlite3_stmt *st;

	if (max <= 0)
		return 0;
	if (!f || (!f->programme_id && !(f->session_kind && *f->session_kind) && !f->session_id))
		st = db_prepare(db, total, err);
	else {
		snprintf(sql, sizeof sql, "%s%s%s", head, figure_where(f, where, sizeof where), tail);
		st = db_prepare(db, sql, err);
	}
	if (!st)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), id);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":max"), max);
	if (f)
		bind_figure_filter(st, f);
	return read_cooccur(db, st, out, max, err);
}

int factor_cooccurrence_recount(sqlite3 *db, long long id, const figure_filter *f,
				factor_cooccur *out, int max, st_err *err)
{
	/* hit has one row per tag t2 outside d on a note tagged (t1) within
	 * d; a note tagged twice within d is there twice, hence DISTINCT. */
	static const char head[] =
		"WITH RECURSIVE " FACTOR_DESC_CTE(":id") ","
		" " FACTOR_TREE_CTE ","
		" hit(fid, note_id) AS (SELECT t2.factor_id, t1.note_id";
	static const char join[] =
		" CROSS JOIN tag t2 ON t2.note_id = t1.note_id"
		" WHERE t2.factor_id NOT IN (SELECT id FROM d)"
		" AND t1.note_id NOT IN (SELECT id FROM note WHERE deleted_at IS NOT NULL)";
	static const char by_session_kind[] =
		" AND (SELECT kind FROM session WHERE id = (SELECT session_id FROM note"
		"  WHERE id = t1.note_id)) = :kind";
	static const char tail[] = ")"
		" SELECT f.id, f.code, f.name, count(DISTINCT hit.note_id) AS c FROM hit"
		" JOIN factor f ON f.id = hit.fid JOIN tree ON tree.id = f.id"
		" GROUP BY f.id ORDER BY c DESC, min(tree.path) LIMIT :max";
	static const figure_filter none = { 0 };
	char sql[sizeof head + sizeof COOC_BY_SESSION + sizeof join + sizeof by_session_kind +
		 sizeof tail + 256], where[256];
	sqlite3_stmt *st;
	bool by_session;

	if (max <= 0)
		return 0;
	if (!f)
		f = &none;
	/* Only a kind of session: from the factor, with the kind looked up
	 * per note (a kind spans every programme). */
	by_session = f->session_id || f->programme_id;
	snprintf(sql, sizeof sql, "%s%s%s%s%s", head, by_session ? COOC_BY_SESSION : COOC_BY_FACTOR,
		 join, by_session ? figure_where(f, where, sizeof where)
		 : f->session_kind && *f->session_kind ? by_session_kind : "", tail);
	st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), id);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":max"), max);
	bind_figure_filter(st, f);
	return read_cooccur(db, st, out, max, err);
}
