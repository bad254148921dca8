/* codebook.c: reading the codebook: the tree, one factor, a search.
 * See codebook.h.
 *
 * The codebook is small (tens of factors, at most FACTORS_MAX), so the
 * tree is read whole and walked in C where that is simpler; tree order
 * comes from FACTOR_TREE_CTE (factors_sql.h). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/db.h"
#include "core/factors_sql.h"
#include "core/i18n.h"
#include "core/text.h"

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

int factor_read_rows(sqlite3 *db, sqlite3_stmt *st, st_factor *out, int max, st_err *err)
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
	got = factor_read_rows(db, st, out, max, err);
	sqlite3_finalize(st);
	return got;
}

void factors_free(st_factor *a, int n)
{
	while (a && n > 0)
		factor_clear(&a[--n]);
	free(a);
}

/* Reads every row of st (as factor_read_rows) into a new array, grown as
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
	got = factor_read_rows(db, st, out, 1, err);
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
