/* programme.c: see programme.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/programme.h"
#include "core/text.h"

#define KIND_KEY(i, key) key,
const char *const session_kind_key[SESSION_KIND_COUNT] = { SESSION_KINDS(KIND_KEY, ) };
const char *const session_kind_label[SESSION_KIND_COUNT] = {
	N_("Inspiration session"), N_("Growth session"), N_("Focus group"),
	N_("Exchange session"),
};

const char *const session_kind_short_label[SESSION_KIND_COUNT] = {
	N_("Inspiration"), N_("Growth"), N_("Focus group"), N_("Exchange"),
};

int session_kind_index(const char *key)
{
	int i;

	for (i = 0; key && i < SESSION_KIND_COUNT; i++)
		if (strcmp(key, session_kind_key[i]) == 0)
			return i;
	return -1;
}

const char *session_kind_text(const char *key)
{
	int i = session_kind_index(key);

	return i >= 0 ? _(session_kind_label[i]) : key;
}

const char *session_kind_short(const char *key)
{
	int i = session_kind_index(key);

	return i >= 0 ? _(session_kind_short_label[i]) : key;
}

void session_date_text(const st_session *s, bool long_form, char *buf, size_t n)
{
	st_date d;

	if (date_parse_iso(s->date, &d) != 0)
		snprintf(buf, n, "%s", s->date);
	else if (long_form)
		date_format_long(&d, buf, n);
	else
		date_format_short(&d, buf, n);
}

void session_time_text(const st_session *s, const char *sep, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", s->start_time, *s->end_time ? sep : "", s->end_time);
}

void programme_clear(st_programme *p)
{
	free(p->name);
	free(p->school_year);
	free(p->description);
	memset(p, 0, sizeof *p);
}

void session_clear(st_session *s)
{
	char **field[] = {
		&s->code, &s->code_key, &s->kind, &s->title, &s->date, &s->start_time,
		&s->end_time, &s->venue, &s->street, &s->postcode, &s->city, &s->room,
		&s->report_title, &s->report_url, &s->host, &s->remark,
	};
	size_t i;

	for (i = 0; i < sizeof field / sizeof field[0]; i++)
		free(*field[i]);
	memset(s, 0, sizeof *s);
}

#define PROGRAMME_COLUMNS \
	"p.id, p.name, p.school_year, p.description," \
	" (SELECT count(*) FROM session s WHERE s.programme_id = p.id)"

static void programme_from_row(sqlite3_stmt *st, st_programme *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->name = db_column_strdup(st, 1);
	p->school_year = db_column_strdup(st, 2);
	p->description = db_column_strdup(st, 3);
	p->sessions = sqlite3_column_int(st, 4);
}

int programme_list(sqlite3 *db, st_programme *out, int max, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " PROGRAMME_COLUMNS " FROM programme p"
				      " ORDER BY p.school_year DESC, p.id DESC", err);
	int n = 0, rc = SQLITE_DONE;

	if (!st)
		return -1;
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		programme_from_row(st, &out[n++]);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		while (n > 0)
			programme_clear(&out[--n]);
		return db_error(db, err);
	}
	return n;
}

/* Runs a one-row programme query with text parameter 1; 1 / 0 / -1. */
static int programme_query_one(sqlite3 *db, const char *sql, const char *arg,
			       st_programme *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;

	if (!st)
		return -1;
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		programme_from_row(st, out);
	else if (rc != SQLITE_DONE)
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int programme_find(sqlite3 *db, const char *name, st_programme *out, st_err *err)
{
	int rc = programme_query_one(db, "SELECT " PROGRAMME_COLUMNS
				     " FROM programme p WHERE p.name = ?1", name, out, err);

	if (rc != 0)
		return rc;
	return programme_query_one(db, "SELECT " PROGRAMME_COLUMNS " FROM programme p"
				   " WHERE st_fold(p.name) = st_fold(?1)"
				   " OR p.school_year = ?1"
				   " ORDER BY p.school_year DESC, p.id DESC LIMIT 1",
				   name, out, err);
}

int programme_latest(sqlite3 *db, st_programme *out, st_err *err)
{
	return programme_query_one(db, "SELECT " PROGRAMME_COLUMNS " FROM programme p"
				   " ORDER BY p.school_year DESC, p.id DESC LIMIT 1",
				   NULL, out, err);
}

#define SESSION_COLUMNS \
	"s.id, s.programme_id, s.code, s.code_key, s.kind, s.title, s.date," \
	" s.start_time, s.end_time, s.venue, s.street, s.postcode, s.city, s.room," \
	" s.report_title, s.report_url, coalesce(o.name, ''), s.remark"
#define SESSION_FROM " FROM session s LEFT JOIN organisation o ON o.id = s.host_org_id"

static void session_from_row(sqlite3_stmt *st, st_session *s)
{
	char **field[] = {
		&s->code, &s->code_key, &s->kind, &s->title, &s->date, &s->start_time,
		&s->end_time, &s->venue, &s->street, &s->postcode, &s->city, &s->room,
		&s->report_title, &s->report_url, &s->host, &s->remark,
	};
	size_t i;

	s->id = sqlite3_column_int64(st, 0);
	s->programme_id = sqlite3_column_int64(st, 1);
	for (i = 0; i < sizeof field / sizeof field[0]; i++)
		*field[i] = db_column_strdup(st, (int)i + 2);
}

/* The WHERE clause shared by page, count and position: ?1 programme,
 * ?2 kind or NULL, ?8 folded search text or NULL, ?9 the natural key of a
 * code number or NULL. */
#define SESSION_WHERE \
	" WHERE s.programme_id = ?1 AND (?2 IS NULL OR s.kind = ?2)" \
	" AND (?8 IS NULL OR instr(st_fold(s.code || ' ' || s.title || ' ' ||" \
	" s.venue || ' ' || s.street || ' ' || s.city || ' ' || s.room || ' ' ||" \
	" coalesce(o.name, '')), ?8) > 0" \
	")" \
	" AND (?9 IS NULL OR instr(s.code_key, ?9) > 0)"

/* Keyset queries by sort, direction and whether there is an anchor (a
 * separate statement without one, so that SQLite can use the index range
 * for the row-value comparison).  ?3..?5 are the anchor's date, code_key
 * and id; ?7 the limit. */
#define PAGE(cond, order) "SELECT " SESSION_COLUMNS SESSION_FROM SESSION_WHERE cond \
	" ORDER BY " order " LIMIT ?7"
static const char *const page_sql[2][2][2] = {
	[SESSION_SORT_CODE] = {
		{ PAGE("", "s.code_key, s.id"),
		  PAGE(" AND (s.code_key, s.id) > (?4, ?5)", "s.code_key, s.id") },
		{ PAGE("", "s.code_key DESC, s.id DESC"),
		  PAGE(" AND (s.code_key, s.id) < (?4, ?5)", "s.code_key DESC, s.id DESC") },
	},
	[SESSION_SORT_DATE] = {
		{ PAGE("", "s.date, s.code_key, s.id"),
		  PAGE(" AND (s.date, s.code_key, s.id) > (?3, ?4, ?5)",
		       "s.date, s.code_key, s.id") },
		{ PAGE("", "s.date DESC, s.code_key DESC, s.id DESC"),
		  PAGE(" AND (s.date, s.code_key, s.id) < (?3, ?4, ?5)",
		       "s.date DESC, s.code_key DESC, s.id DESC") },
	},
};

static void bind_filter(sqlite3_stmt *st, const session_filter *f)
{
	sqlite3_bind_int64(st, 1, f->programme_id);
	db_bind_text_or_null(st, 2, f->kind);
	if (f->search && *f->search)
		sqlite3_bind_text(st, 8, text_fold(f->search), -1, free);
	if (f->code_number && *f->code_number)
		sqlite3_bind_text(st, 9, text_natural_key(f->code_number), -1, free);
}

static void bind_anchor(sqlite3_stmt *st, const st_session *anchor)
{
	if (!anchor)
		return;
	sqlite3_bind_text(st, 3, anchor->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, anchor->code_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, anchor->id);
}

int session_page(sqlite3 *db, const session_filter *f, const st_session *anchor,
		 bool backward, st_session *out, int n, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, page_sql[f->sort][backward][anchor != NULL], err);
	int got = 0, rc;

	if (!st)
		return -1;
	bind_filter(st, f);
	bind_anchor(st, anchor);
	sqlite3_bind_int(st, 7, n);
	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
		session_from_row(st, &out[got++]);
	sqlite3_finalize(st);
	/* Backward pages come nearest-first; show them in display order. */
	if (backward)
		db_reverse_rows(out, got, sizeof *out);
	return got;
}

/* Runs a count query with the filter (and anchor, if the SQL uses it). */
static long long count_query(sqlite3 *db, const char *sql, const session_filter *f,
			     const st_session *anchor, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	long long n = -1;

	if (!st)
		return -1;
	bind_filter(st, f);
	if (anchor)
		bind_anchor(st, anchor);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return n;
}

long long session_count(sqlite3 *db, const session_filter *f, st_err *err)
{
	return count_query(db, "SELECT count(*)" SESSION_FROM SESSION_WHERE, f, NULL, err);
}

long long session_position(sqlite3 *db, const session_filter *f,
			   const st_session *anchor, st_err *err)
{
	static const char *const sql[2] = {
		[SESSION_SORT_CODE] = "SELECT count(*)" SESSION_FROM SESSION_WHERE
				      " AND (s.code_key, s.id) < (?4, ?5)",
		[SESSION_SORT_DATE] = "SELECT count(*)" SESSION_FROM SESSION_WHERE
				      " AND (s.date, s.code_key, s.id) < (?3, ?4, ?5)",
	};

	return count_query(db, sql[f->sort], f, anchor, err);
}

int session_get(sqlite3 *db, long long id, st_session *out, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " SESSION_COLUMNS SESSION_FROM
				      " WHERE s.id = ?1", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		session_from_row(st, out);
	else if (rc != SQLITE_DONE)
		db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}
