/* session_match.c: see session_match.h: finding the session a typed
 * code means, for the commands and the screens that take a code. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/i18n.h"
#include "core/programme.h"
#include "core/session_match.h"
#include "core/text.h"

/* session_resolve names at most this many sessions when it cannot choose. */
#define MATCH_LIST_MAX 5

/* The natural key of text without white space: "COP 07", "cop07" and
 * "cop 7" all give "cop0000000007". */
static char *code_key_compact(const char *text)
{
	char *copy = strdup(text), *r, *w, *key;

	if (!copy)
		return NULL;
	for (r = w = copy; *r; r++)
		if (*r != ' ' && *r != '\t')
			*w++ = *r;
	*w = '\0';
	key = text_natural_key(copy);
	free(copy);
	return key;
}

struct session_match {
	long long id;             /* the first match */
	long long exact_id;       /* the one match with the code as typed */
	int n, nexact;
	char names[ST_ERR_MAX];   /* "PROGRAMME CODE, ..." of the first ones */
	char exact_name[256];     /* "PROGRAMME CODE" of exact_id */
};

/* ?1 is the compact natural key of the text (see code_key_compact); ?2,
 * for a text of digits, its natural key, found in the code's: digit runs
 * are padded to ten places, so "7" finds "COP 07" (cop 0000000007) and
 * not "COP 17" or "COP 70".  ?3 is a programme, or 0 for every one; ?6 a
 * programme left out (0: none); ?5 the text folded without white space,
 * to tell "COP 1" from "COP 01". */
static const char match_sql[] =
	"SELECT s.id, pr.name, s.code,"
	" st_fold(replace(replace(s.code, ' ', ''), char(9), '')) = ?5"
	" FROM session s JOIN programme pr ON pr.id = s.programme_id"
	" WHERE (?3 = 0 OR s.programme_id = ?3) AND s.programme_id <> ?6"
	" AND (st_natural_key(replace(replace(s.code, ' ', ''), char(9), '')) = ?1"
	" OR instr(s.code_key, ?2) > 0)"
	" ORDER BY pr.school_year DESC, pr.id DESC, s.code_key, s.id LIMIT ?4";

static void add_match(struct session_match *m, sqlite3_stmt *st)
{
	size_t len = strlen(m->names);

	if (m->n < MATCH_LIST_MAX)
		snprintf(m->names + len, sizeof m->names - len, "%s%s %s", m->n ? ", " : "",
			 (const char *)sqlite3_column_text(st, 1),
			 (const char *)sqlite3_column_text(st, 2));
	else if (m->n == MATCH_LIST_MAX)
		snprintf(m->names + len, sizeof m->names - len, ", …");
	if (m->n == 0)
		m->id = sqlite3_column_int64(st, 0);
	if (sqlite3_column_int(st, 3) && m->nexact++ == 0) {
		m->exact_id = sqlite3_column_int64(st, 0);
		snprintf(m->exact_name, sizeof m->exact_name, "%s %s",
			 (const char *)sqlite3_column_text(st, 1),
			 (const char *)sqlite3_column_text(st, 2));
	}
	m->n++;
}

/* The matches in one programme (0: all).  Reads them all (a few at
 * most), so that the one exact code among them is found. */
static int find_sessions(sqlite3 *db, const char *key, const char *number, const char *typed,
			 long long programme_id, long long except_id, struct session_match *m,
			 st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, match_sql, err);
	int rc;

	memset(m, 0, sizeof *m);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	/* NULL never matches: instr(x, NULL) is NULL. */
	db_bind_text_or_null(st, 2, number);
	sqlite3_bind_int64(st, 3, programme_id);
	sqlite3_bind_int(st, 4, 1000);
	sqlite3_bind_text(st, 5, typed, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, except_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_match(m, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, err);
	/* "COP 1" beside "COP 01": the code as typed wins. */
	if (m->n > 1 && m->nexact == 1) {
		m->id = m->exact_id;
		m->n = 1;
		snprintf(m->names, sizeof m->names, "%s", m->exact_name);
	}
	return 0;
}

/* The newest programme's id, or 0 when there is none. */
static int newest_programme(sqlite3 *db, long long *id, st_err *err)
{
	st_programme p = { 0 };
	int rc = programme_latest(db, &p, err);

	*id = rc == 1 ? p.id : 0;
	programme_clear(&p);
	return rc < 0 ? -1 : 0;
}

/* Searches programme_id; without one the newest programme, and only when
 * nothing matches there, every programme.  *others gets the matches in
 * the other programmes when the newest one had one (to warn of them). */
static int resolve_in(sqlite3 *db, const char *key, const char *number, const char *typed,
		      long long programme_id, struct session_match *m,
		      struct session_match *others, st_err *err)
{
	long long newest = programme_id;

	memset(others, 0, sizeof *others);
	if (!programme_id && newest_programme(db, &newest, err) != 0)
		return -1;
	if (newest && find_sessions(db, key, number, typed, newest, 0, m, err) != 0)
		return -1;
	if (programme_id || (newest && m->n > 0))
		return programme_id || m->n != 1 ? 0
			: find_sessions(db, key, number, typed, 0, newest, others, err);
	return find_sessions(db, key, number, typed, 0, 0, m, err);
}

/* The text folded without white space (as match_sql's ?5), or NULL. */
static char *typed_code(const char *text)
{
	char *f = text_fold(text), *r, *w;

	if (!f)
		return NULL;
	for (r = w = f; *r; r++)
		if (*r != ' ' && *r != '\t')
			*w++ = *r;
	*w = '\0';
	return f;
}

int session_resolve(sqlite3 *db, const char *text, long long programme_id, long long *id,
		    st_err *err)
{
	char *trimmed = strdup(text ? text : ""), *key = NULL, *number = NULL, *typed = NULL;
	struct session_match m, others;
	int rc = -1;

	memset(&m, 0, sizeof m);
	memset(&others, 0, sizeof others);
	if (trimmed && *text_trim(trimmed)) {
		key = code_key_compact(trimmed);
		number = text_is_digits(trimmed) ? text_natural_key(trimmed) : NULL;
		typed = typed_code(trimmed);
	}
	if (!trimmed || (*trimmed && (!key || !typed || (text_is_digits(trimmed) && !number))))
		st_err_set(err, _("out of memory"));
	else
		rc = *trimmed ? resolve_in(db, key, number, typed, programme_id, &m, &others, err)
			      : 0;
	free(trimmed);
	free(key);
	free(number);
	free(typed);
	if (rc != 0)
		return -1;
	if (m.n == 0) {
		st_err_set(err, _("no session matches \"%s\""), text ? text : "");
		return 0;
	}
	if (m.n > 1) {
		st_err_set(err, _("\"%s\" matches several sessions: %s"), text, m.names);
		return 2;
	}
	*id = m.id;
	if (others.n > 0) {
		st_err_set(err, _("\"%s\" is taken as %s, of the newest programme; it also matches %s:"
				  " use --programme to choose"), text, m.names, others.names);
		return SESSION_FOUND_ELSEWHERE_TOO;
	}
	return 1;
}
