/* qdc_import.c: a REFI-QDA codebook, as qdc_read.c read it, written into
 * the factor codebook in one transaction (codebook_import_qdc, export.h).
 * In phases, each of which needs the one before: match each code of the
 * file to a factor (by GUID, else by stemtui code) or to none; check the
 * factors that are not in the file; park the matched factors' codes out
 * of the way, so that codes can swap, and choose each code of the file a
 * free one; insert the new factors, so that parents have ids; update
 * every factor of the file to what the file says; then remove the others
 * (--replace) or close the gaps in positions. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/export.h"
#include "core/codebook.h"
#include "core/guid.h"
#include "core/i18n.h"
#include "core/qdc.h"
#include "core/rowids.h"

/* The statements of an import, prepared once for all codes. */
struct qsql {
	sqlite3 *db;
	sqlite3_stmt *by_guid, *by_code, *guid_of, *code_of, *away, *insert, *same, *update;
};

static void qsql_free(struct qsql *s)
{
	sqlite3_finalize(s->by_guid);
	sqlite3_finalize(s->by_code);
	sqlite3_finalize(s->guid_of);
	sqlite3_finalize(s->code_of);
	sqlite3_finalize(s->away);
	sqlite3_finalize(s->insert);
	sqlite3_finalize(s->same);
	sqlite3_finalize(s->update);
}

static int qsql_prepare(struct qsql *s, sqlite3 *db, st_err *err)
{
	static const char same_sql[] =
		"SELECT parent_id IS nullif(?2, 0) AND ?12 IS ?3 AND name = ?4 AND definition = ?5"
		" AND inclusion = ?6 AND exclusion = ?7 AND colour = ?8 AND memo = ?9"
		" AND guid = ?10 AND position = ?11 FROM factor WHERE id = ?1";
	static const char update_sql[] =
		"UPDATE factor SET parent_id = nullif(?2, 0), code = ?3, name = ?4, definition = ?5,"
		" inclusion = ?6, exclusion = ?7, colour = ?8, memo = ?9, guid = ?10,"
		" position = ?11 WHERE id = ?1";

	memset(s, 0, sizeof *s);
	s->db = db;
	if ((s->by_guid = db_prepare(db, "SELECT id FROM factor WHERE guid = ?1 COLLATE NOCASE",
				     err)) &&
	    (s->by_code = db_prepare(db, "SELECT id FROM factor WHERE code = ?1 COLLATE NOCASE",
				     err)) &&
	    (s->guid_of = db_prepare(db, "SELECT guid FROM factor WHERE id = ?1", err)) &&
	    (s->code_of = db_prepare(db, "SELECT code FROM factor WHERE id = ?1", err)) &&
	    /* Moved out of the way: no valid code holds a space. */
	    (s->away = db_prepare(db, "UPDATE factor SET code = ' qdc ' || id WHERE id = ?1",
				  err)) &&
	    (s->insert = db_prepare(db, "INSERT INTO factor (id, code, name, guid)"
				    " VALUES (?4, ?1, ?2, ?3)", err)) &&
	    (s->same = db_prepare(db, same_sql, err)) &&
	    (s->update = db_prepare(db, update_sql, err)))
		return 0;
	qsql_free(s);
	return -1;
}

/* Runs st (reset, value bound to ?1) for one id: the id found, 0 when
 * none, -1 on error. */
static long long lookup(struct qsql *s, sqlite3_stmt *st, const char *value, st_err *err)
{
	long long id = 0;
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		id = db_error(s->db, err);
	sqlite3_reset(st);
	return id;
}

/* Runs st (reset, id bound to ?1) for one text: a new string ("" when no
 * row), or NULL. */
static char *text_of_id(sqlite3_stmt *st, long long id)
{
	char *v = NULL;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = db_column_strdup(st, 0);
	sqlite3_reset(st);
	return v ? v : strdup("");
}

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Sorts the ids the file's codes have now, for in_file. */
static int index_ids(struct qfile *q, st_err *err)
{
	int i;

	free(q->ids);
	q->nids = 0;
	q->ids = malloc(((size_t)q->n + 1) * sizeof *q->ids);
	if (!q->ids)
		return st_err_set(err, "%s", _("out of memory"));
	for (i = 0; i < q->n; i++)
		if (q->c[i].id)
			q->ids[q->nids++] = q->c[i].id;
	qsort(q->ids, (size_t)q->nids, sizeof *q->ids, cmp_id);
	return 0;
}

/* Whether factor id is one of the file's codes (as of index_ids). */
static bool in_file(const struct qfile *q, long long id)
{
	return q->nids && bsearch(&id, q->ids, (size_t)q->nids, sizeof id, cmp_id) != NULL;
}

/* Whether code is free: no factor outside the file's has it (their codes
 * are in q->taken), and no code of the file chosen before. */
static bool code_free(const struct qfile *q, const char *code)
{
	return strmap_get(q->taken, code) == NULL;
}

/* Gives q->c[i] the code cand, which is free.  0, or -1. */
static int take_code(struct qfile *q, int i, const char *cand, st_err *err)
{
	struct qcode *c = &q->c[i];

	if (c->code != cand) {
		free(c->code);
		c->code = strdup(cand);
	}
	if (!c->code || strmap_put(q->taken, c->code, i) != 0)
		return st_err_set(err, "%s", _("out of memory"));
	return 0;
}

/* A code made from the name: the initials of its words, or the first
 * three letters of a single word, upper case (ASCII letters and digits
 * only). */
static void code_from_name(const char *name, char *buf, size_t size)
{
	size_t n = 0, words = 0;
	const char *p;
	bool start = true;

	for (p = name; *p && n + 1 < size && n < 8; p++) {
		if (isalnum((unsigned char)*p)) {
			if (start) {
				buf[n++] = (char)toupper((unsigned char)*p);
				words++;
			}
			start = false;
		} else if (*p == ' ' || *p == '-' || *p == '/') {
			start = true;
		}
	}
	buf[n] = '\0';
	if (words == 1) {
		n = 0;
		for (p = name; *p && n < 3 && n + 1 < size; p++)
			if (isalnum((unsigned char)*p))
				buf[n++] = (char)toupper((unsigned char)*p);
		buf[n] = '\0';
	}
	if (n == 0)
		snprintf(buf, size, "C");
}

/* Sets q->c[i].code to a valid code no other factor has: the file's, else
 * the one the factor has (existing), else one made from its name, with a
 * number when that is taken (where the last search for that name's code
 * stopped: many codes can start with the same letters). */
static int choose_code(struct qfile *q, int i, const char *existing, st_err *err)
{
	struct qcode *c = &q->c[i];
	char base[FACTOR_CODE_MAX + 1], cand[FACTOR_CODE_MAX + 8];
	long long *tried, k;

	if (*c->code && !factor_code_ok(c->code)) {
		qdc_warn(q, _("%s: line %d: \"%s\" is not a valid stemtui code; another is made"),
			 q->path, c->line, c->code);
		c->code[0] = '\0';
	}
	if (*c->code) {
		if (code_free(q, c->code))
			return take_code(q, i, c->code, err);
		qdc_warn(q, _("%s: line %d: code %s already belongs to another factor;"
			      " another is made"), q->path, c->line, c->code);
	}
	if (existing && *existing && code_free(q, existing))
		return take_code(q, i, existing, err);
	code_from_name(c->name, base, sizeof base);
	tried = strmap_get(q->tries, base);
	for (k = tried ? *tried : 1; k < 100000; k++) {
		if (k == 1)
			snprintf(cand, sizeof cand, "%s", base);
		else
			snprintf(cand, sizeof cand, "%s%lld", base, k);
		if (code_free(q, cand))
			break;
	}
	if (k == 100000)
		return st_err_set(err, "%s", _("cannot make a code"));
	if (strmap_put(q->tries, base, k + 1) != 0)
		return st_err_set(err, "%s", _("out of memory"));
	return take_code(q, i, cand, err);
}

/* The codes of the factors that are not the file's (those of the file are
 * moved out of the way by now) go into q->taken.  0, or -1. */
static int codes_taken(sqlite3 *db, struct qfile *q, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT code FROM factor", err);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (strmap_put(q->taken, (const char *)sqlite3_column_text(st, 0), 0) != 0) {
			sqlite3_finalize(st);
			return st_err_set(err, "%s", _("out of memory"));
		}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Appends "CODE (N)" to the list of tagged factors that would go, as long
 * as it fits in a message; *more counts those left off. */
static void list_tagged(char *list, size_t size, const char *code, int tags, int *more)
{
	size_t len = strlen(list);

	if (len + strlen(code) + 20 >= size) {
		(*more)++;
		return;
	}
	snprintf(list + len, size - len, "%s%s (%d)", len ? ", " : "", code, tags);
}

/* The factors of the database that are not in the file (q's ids known):
 * their ids (malloc'd, *n of them) in stats->others, and the tagged ones
 * listed in list.  0, or -1 with err set. */
static int others_find(sqlite3 *db, struct qfile *q, long long **ids, qdc_stats *stats,
		       char *list, size_t size, int *more, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT f.id, f.code, (SELECT count(*) FROM tag t"
				      " WHERE t.factor_id = f.id) FROM factor f ORDER BY f.code", err);
	long long *grown;
	int rc, cap = 0;

	*ids = NULL;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		int tags = sqlite3_column_int(st, 2);

		if (in_file(q, id))
			continue;
		if (stats->others == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(*ids, (size_t)cap * sizeof *grown);
			if (!grown) {
				sqlite3_finalize(st);
				return st_err_set(err, "%s", _("out of memory"));
			}
			*ids = grown;
		}
		(*ids)[stats->others++] = id;
		if (tags > 0)
			list_tagged(list, size, (const char *)sqlite3_column_text(st, 1), tags, more);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, err);
	return 0;
}

/* The factors of the database that are not in the file are counted in
 * stats->others.  With replace they are to go: refused, all of them
 * named, when a note is tagged with one (removing it would take evidence
 * away); else their codes are moved out of the way, so the file's codes
 * are free, and others_remove removes them once the file's factors hang
 * where the file says.  0, or -1 with err set. */
static int others_check(struct qsql *s, struct qfile *q, bool replace, qdc_stats *stats,
			st_err *err)
{
	long long *ids;
	char list[640] = "", extra[64] = "";
	int i, more = 0, rc = 0;

	if (others_find(s->db, q, &ids, stats, list, sizeof list, &more, err) != 0) {
		free(ids);
		return -1;
	}
	if (!replace || stats->others == 0) {
		free(ids);
		return 0;
	}
	if (*list) {
		free(ids);
		if (more)
			snprintf(extra, sizeof extra, _(" and %d more"), more);
		return st_err_set(err, _("%s: notes are tagged with factors that are not in the file:"
					 " %s%s (notes in brackets); merge them into a factor of the"
					 " file or delete them in the codebook first, or import"
					 " without --replace"), q->path, list, extra);
	}
	for (i = 0; rc == 0 && i < stats->others; i++) {
		sqlite3_bind_int64(s->away, 1, ids[i]);
		rc = db_step_reset(s->db, s->away, err);
	}
	free(ids);
	return rc;
}

/* Removes the factors that are not in the file (none of them tagged, see
 * others_check), deepest first, since a factor with factors below it
 * cannot go.  0, or -1 with err set. */
static int others_remove(sqlite3 *db, struct qfile *q, qdc_stats *stats, st_err *err)
{
	static const char sql[] =
		"WITH RECURSIVE d(id, depth) AS (SELECT id, 0 FROM factor WHERE parent_id IS NULL"
		" UNION ALL SELECT f.id, d.depth + 1 FROM factor f JOIN d ON f.parent_id = d.id)"
		" SELECT id FROM d ORDER BY depth DESC";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	sqlite3_stmt *del = st ? db_prepare(db, "DELETE FROM factor WHERE id = ?1", err) : NULL;
	long long *ids = calloc((size_t)stats->others + 1, sizeof *ids);
	int n = 0, i, rc = 0;

	if (!del || !ids)
		rc = del ? st_err_set(err, "%s", _("out of memory")) : -1;
	/* Read them all first: deleting while reading the tree would change it. */
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);

		if (!in_file(q, id) && n < stats->others)
			ids[n++] = id;
	}
	for (i = 0; rc == 0 && i < n; i++) {
		sqlite3_bind_int64(del, 1, ids[i]);
		rc = db_step_reset(db, del, err);
	}
	if (rc == 0)
		stats->removed = n;
	sqlite3_finalize(st);
	sqlite3_finalize(del);
	free(ids);
	return rc;
}

/* Where the file's codes under parent (a factor id, 0 at the top) start:
 * after the factors already there that are not in the file, so a merged
 * codebook keeps the file's order after the existing one instead of
 * interleaving with it.  The position, or -1 with err set. */
static int first_position(sqlite3 *db, struct qfile *q, long long parent, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, position FROM factor"
				      " WHERE parent_id IS nullif(?1, 0)", err);
	int start = 0, rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, parent);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!in_file(q, sqlite3_column_int64(st, 0)) && sqlite3_column_int(st, 1) >= start)
			start = sqlite3_column_int(st, 1) + 1;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, err);
	return start;
}

/* Positions without gaps, 0, 1, 2 ... under each parent in the order
 * they are in (position, then id): what importing the exported file with
 * --replace gives, so that importing one's own export changes nothing.
 * A merge leaves gaps where codes of the file were before. */
static int close_position_gaps(sqlite3 *db, st_err *err)
{
	static const char sql[] =
		"UPDATE factor SET position = r.rank FROM (SELECT id, row_number() OVER"
		" (PARTITION BY parent_id ORDER BY position, id) - 1 AS rank FROM factor) r"
		" WHERE r.id = factor.id AND factor.position != r.rank";

	return db_exec_ints(db, sql, NULL, 0, err);
}

/* first_position for the parent of code i, worked out once per parent
 * (before any of the file's codes is moved under it). */
static int start_of(sqlite3 *db, struct qfile *q, int i, st_err *err)
{
	int p = q->c[i].parent + 1;

	if (q->start[p] < 0)
		q->start[p] = first_position(db, q, p ? q->c[p - 1].id : 0, err);
	return q->start[p];
}

/* Which factor code i is: the one with its GUID, else the one with its
 * stemtui code (that factor then takes the file's GUID) unless another
 * code of the file is that factor or has its GUID, else a new one. */
static int match(struct qsql *s, struct qfile *q, int i, st_err *err)
{
	struct qcode *c = &q->c[i];
	char key[32], *g;
	long long id = *c->guid ? lookup(s, s->by_guid, c->guid, err) : 0;

	if (id < 0)
		return -1;
	if (!id && *c->code) {
		id = lookup(s, s->by_code, c->code, err);
		if (id < 0)
			return -1;
		snprintf(key, sizeof key, "%lld", id);
		if (id && strmap_get(q->matched, key))
			id = 0;   /* already taken by a code of the file */
		if (id) {
			g = text_of_id(s->guid_of, id);
			if (!g)
				return st_err_set(err, "%s", _("out of memory"));
			if (*g && strmap_get(q->guids, g))
				id = 0;   /* the file gives its GUID to another code */
			free(g);
		}
	}
	c->id = id;
	c->is_new = id == 0;
	snprintf(key, sizeof key, "%lld", id);
	if (id && strmap_put(q->matched, key, i) != 0)
		return st_err_set(err, "%s", _("out of memory"));
	return 0;
}

/* Match: each code of the file to the factor it is, or to none (a new
 * one); then the ids the file's codes have are indexed for in_file. */
static int match_codes(struct qsql *s, struct qfile *q, st_err *err)
{
	int i;

	for (i = 0; i < q->n; i++)
		if (match(s, q, i, err) != 0)
			return -1;
	return index_ids(q, err);
}

/* Park codes: the matched factors' present codes kept (old_code), then
 * moved out of the way, so that codes can swap. */
static int park_codes(struct qsql *s, struct qfile *q, st_err *err)
{
	int i;

	for (i = 0; i < q->n; i++) {
		if (q->c[i].is_new)
			continue;
		q->c[i].old_code = text_of_id(s->code_of, q->c[i].id);
		if (!q->c[i].old_code)
			return st_err_set(err, "%s", _("out of memory"));
		sqlite3_bind_int64(s->away, 1, q->c[i].id);
		if (db_step_reset(s->db, s->away, err) != 0)
			return -1;
	}
	return 0;
}

/* Then each code of the file chosen among those left free. */
static int choose_codes(struct qsql *s, struct qfile *q, st_err *err)
{
	int i;

	if (codes_taken(s->db, q, err) != 0)
		return -1;
	for (i = 0; i < q->n; i++)
		if (choose_code(q, i, q->c[i].old_code, err) != 0)
			return -1;
	return 0;
}

/* Insert: the new factors, with their code, name and GUID, so that
 * parents have ids; their ids indexed too. */
static int insert_new(struct qsql *s, struct qfile *q, st_err *err)
{
	char guid[GUID_SIZE];
	long long new_id;
	int i;

	for (i = 0; i < q->n; i++) {
		struct qcode *c = &q->c[i];

		if (!c->is_new)
			continue;
		if (!*c->guid) {
			if (guid_new(guid, err) != 0)
				return -1;
			free(c->guid);
			c->guid = strdup(guid);
			if (!c->guid)
				return st_err_set(err, "%s", _("out of memory"));
		}
		if (rowid_new(s->db, "factor", rowid_of_factor(c->code), &new_id, err) != 0)
			return -1;
		sqlite3_bind_text(s->insert, 1, c->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->insert, 2, c->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->insert, 3, c->guid, -1, SQLITE_STATIC);
		rowid_bind(s->insert, 4, new_id);
		if (db_step_reset(s->db, s->insert, err) != 0)
			return -1;
		c->id = sqlite3_last_insert_rowid(s->db);
	}
	return index_ids(q, err);
}

/* Binds what the file says of code c, under parent at position, to ?1
 * .. ?11 of the update (and of the statement that compares with it). */
static void bind_code(sqlite3_stmt *st, const struct qcode *c, long long parent, int position)
{
	const char *text[] = { c->code, c->name, c->definition, c->inclusion, c->exclusion,
			       c->colour, c->memo };
	int k;

	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int64(st, 2, parent);
	for (k = 0; k < 7; k++)
		sqlite3_bind_text(st, k + 3, text[k], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, c->guid, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, position);
}

/* Whether factor c->id is already what the file says, its code as it
 * was before it was parked (old_code): 1, 0, or -1 with err set. */
static int is_unchanged(struct qsql *s, const struct qcode *c, long long parent, int position,
			st_err *err)
{
	int rc, same = 0;

	bind_code(s->same, c, parent, position);
	sqlite3_bind_text(s->same, 12, c->old_code, -1, SQLITE_STATIC);
	rc = sqlite3_step(s->same);
	if (rc == SQLITE_ROW)
		same = sqlite3_column_int(s->same, 0);
	else
		db_error(s->db, err);
	sqlite3_reset(s->same);
	return rc == SQLITE_ROW ? same : -1;
}

/* Writes code i where the file says, with its fields; counts it. */
static int write_code(struct qsql *s, struct qfile *q, int i, bool replace, qdc_stats *stats,
		      st_err *err)
{
	struct qcode *c = &q->c[i];
	long long parent = c->parent >= 0 ? q->c[c->parent].id : 0;
	int start = replace ? 0 : start_of(s->db, q, i, err), same;

	if (start < 0)
		return -1;
	if (!*c->guid) {
		/* An existing factor matched by code keeps its GUID. */
		free(c->guid);
		c->guid = text_of_id(s->guid_of, c->id);
		if (!c->guid)
			return st_err_set(err, "%s", _("out of memory"));
	}
	same = is_unchanged(s, c, parent, start + c->position, err);
	if (same < 0)
		return -1;
	/* The update runs even when nothing changed: the code was parked
	 * and must come back. */
	bind_code(s->update, c, parent, start + c->position);
	if (db_step_reset(s->db, s->update, err) != 0)
		return -1;
	if (c->is_new)
		stats->added++;
	else if (same)
		stats->unchanged++;
	else
		stats->changed++;
	return 0;
}

/* Update: every factor of the file made what the file says. */
static int update_codes(struct qsql *s, struct qfile *q, bool replace, qdc_stats *stats,
			st_err *err)
{
	int i;

	for (i = 0; i < q->n; i++)
		if (write_code(s, q, i, replace, stats, err) != 0)
			return -1;
	return 0;
}

/* The maps the phases look codes up in, empty, and no start known. */
static int lookups_new(struct qfile *q, st_err *err)
{
	int i;

	q->matched = strmap_new();
	q->taken = strmap_new();
	q->tries = strmap_new();
	q->start = malloc(((size_t)q->n + 1) * sizeof *q->start);
	if (!q->matched || !q->taken || !q->tries || !q->start)
		return st_err_set(err, "%s", _("out of memory"));
	for (i = 0; i <= q->n; i++)
		q->start[i] = -1;
	return 0;
}

/* The file's codes written into the database (inside the caller's
 * transaction), phase after phase: see the top of this file. */
static int import_codes(struct qsql *s, struct qfile *q, bool replace, qdc_stats *stats,
			st_err *err)
{
	if (lookups_new(q, err) != 0 || match_codes(s, q, err) != 0 ||
	    others_check(s, q, replace, stats, err) != 0 || park_codes(s, q, err) != 0 ||
	    choose_codes(s, q, err) != 0 || insert_new(s, q, err) != 0 ||
	    update_codes(s, q, replace, stats, err) != 0)
		return -1;
	if (replace ? others_remove(s->db, q, stats, err) != 0
		    : close_position_gaps(s->db, err) != 0)
		return -1;
	return factor_count_check(s->db, q->path, err);
}

int codebook_import_qdc(sqlite3 *db, const char *path, bool replace, qdc_stats *stats,
			char **warnings, st_err *err)
{
	qdc_stats counted = { 0, 0, 0, 0, 0 };
	struct qsql s;
	struct qfile q;
	int rc;

	memset(&q, 0, sizeof q);
	q.path = path;
	if (stats)
		*stats = counted;
	if (warnings)
		*warnings = NULL;
	rc = qdc_parse(&q, err);
	if (rc == 0)
		rc = db_begin(db, err);
	if (rc == 0) {
		rc = qsql_prepare(&s, db, err);
		if (rc == 0) {
			rc = import_codes(&s, &q, replace, &counted, err);
			qsql_free(&s);
		}
		if (rc == 0)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	if (rc == 0 && stats)
		*stats = counted;
	if (rc == 0 && warnings) {
		*warnings = q.warnings;
		q.warnings = NULL;
	}
	qfile_free(&q);
	return rc;
}
