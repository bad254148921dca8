/* tags.c: tagging notes with factors (one tag, a note's tags, their text
 * for a page of notes at once), and the factors of the digit keys, which
 * follow what a facilitator tags.  See tags.h. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/db.h"
#include "core/factors_sql.h"
#include "core/i18n.h"
#include "core/tags.h"

int tag_set(sqlite3 *db, long long note_id, long long factor_id, int polarity, const char *coder,
	    st_err *err)
{
	long long note;
	sqlite3_stmt *st;

	if (polarity < -1 || polarity > 1)
		return st_err_set(err, _("polarity %d is not -1, 0 or 1"), polarity);
	if (db_begin(db, err) != 0)
		return -1;
	/* 0: no such note, 1: live, 2: in the trash. */
	if (db_query_int(db, "SELECT coalesce((SELECT 1 + (deleted_at IS NOT NULL) FROM note"
			 " WHERE id = ?1), 0)", &note_id, 1, &note, err) != 0)
		goto fail;
	if (note == 0)
		st_err_set(err, _("there is no note with id %lld"), note_id);
	else if (note == 2)
		st_err_set(err, _("note %lld is in the trash: restore it first"), note_id);
	if (note != 1 || factor_check_exists(db, factor_id, err) != 0)
		goto fail;
	st = db_prepare(db, "INSERT INTO tag (note_id, factor_id, coder, polarity)"
			    " VALUES (?1, ?2, st_fold(?4), ?3) ON CONFLICT (note_id, factor_id, coder)"
			    " DO UPDATE SET polarity = excluded.polarity", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, note_id);
	sqlite3_bind_int64(st, 2, factor_id);
	sqlite3_bind_int(st, 3, polarity);
	sqlite3_bind_text(st, 4, coder ? coder : "", -1, SQLITE_STATIC);
	if (db_step_done(db, st, err) != 0)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return -1;
}

int tag_remove(sqlite3 *db, long long note_id, long long factor_id, const char *coder,
	       st_err *err)
{
	sqlite3_stmt *st;

	/* In a transaction like every write: its commit is what records the
	 * untagging for sync (sync_capture.h). */
	if (db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db, "DELETE FROM tag WHERE note_id = ?1 AND factor_id = ?2"
			    " AND coder = st_fold(?3)", err);
	if (st) {
		sqlite3_bind_int64(st, 1, note_id);
		sqlite3_bind_int64(st, 2, factor_id);
		sqlite3_bind_text(st, 3, coder ? coder : "", -1, SQLITE_STATIC);
	}
	if (!st || db_step_done(db, st, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int tag_list(sqlite3 *db, long long note_id, const char *coder, st_tag *out, int max,
	     st_err *err)
{
	sqlite3_stmt *st;
	int got = 0, rc = SQLITE_DONE;

	if (max <= 0)
		return 0;
	st = db_prepare(db, "WITH RECURSIVE " FACTOR_TREE_CTE
			" SELECT f.id, f.code, f.name, t.polarity, t.coder FROM tag t"
			" JOIN factor f ON f.id = t.factor_id JOIN tree ON tree.id = f.id"
			" WHERE t.note_id = ?1 AND (?2 IS NULL OR t.coder = st_fold(?2))"
			" ORDER BY tree.path, t.coder", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, note_id);
	if (coder)
		sqlite3_bind_text(st, 2, coder, -1, SQLITE_STATIC);
	while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[got].factor_id = sqlite3_column_int64(st, 0);
		snprintf(out[got].code, sizeof out[got].code, "%s", col_text(st, 1));
		snprintf(out[got].name, sizeof out[got].name, "%s", col_text(st, 2));
		out[got].polarity = sqlite3_column_int(st, 3);
		snprintf(out[got].coder, sizeof out[got].coder, "%s", col_text(st, 4));
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
	 * tags, so it must not run once per note.  Coders who agree show as
	 * one tag, coders who do not as one per polarity ("VB1+ VB1-"). */
	sqlite3_stmt *st = db_prepare(db, "WITH RECURSIVE " FACTOR_TREE_CTE
				      " SELECT DISTINCT t.note_id, f.code, t.polarity, tree.path"
				      " FROM tag t"
				      " JOIN factor f ON f.id = t.factor_id JOIN tree ON tree.id = f.id"
				      " WHERE t.note_id IN (SELECT value FROM json_each(?1))"
				      " ORDER BY t.note_id, tree.path, t.polarity DESC", err);
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
	got = factor_read_rows(db, st, out, max, err);
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

