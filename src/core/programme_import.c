/* programme_import.c: see programme_import.h.
 *
 * Two steps: pi_parse reads and checks a whole file into a pi_file (whose
 * values point into the still open ini_file), and pi_write stores it.
 * Nothing is written before the whole file is known to be good, and the
 * writing happens inside one transaction, so a bad file, or a database
 * error halfway, leaves the database as it was. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/db.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/inifile.h"
#include "core/organisation.h"
#include "core/programme.h"
#include "core/programme_import.h"
#include "core/rowids.h"
#include "core/text.h"

/* Every key a section may hold; anything else is a typo to report. */
static const char *const pi_programme_key[] = {
	"name", "school_year", "description", NULL,
};
static const char *const pi_programme_key_list = "name, school_year, description";
static const char *const pi_session_key[] = {
	"code", "kind", "title", "date", "weekday", "start", "end", "venue",
	"street", "postcode", "city", "room", "report_title", "report_url",
	"remark", "host", NULL,
};
static const char *const pi_session_key_list =
	"code, kind, title, date, weekday, start, end, venue, street, postcode, "
	"city, room, report_title, report_url, remark, host";

/* The session values that are stored as they are, in the order of their
 * columns in PI_COLUMNS and of parameters ?4.. in the statements below. */
enum pi_col {
	PC_KIND, PC_TITLE, PC_DATE, PC_START, PC_END, PC_VENUE, PC_STREET,
	PC_POSTCODE, PC_CITY, PC_ROOM, PC_REPORT_TITLE, PC_REPORT_URL, PC_REMARK,
	PC_COUNT
};
static const char *const pi_col_key[PC_COUNT] = {
	"kind", "title", "date", "start", "end", "venue", "street", "postcode",
	"city", "room", "report_title", "report_url", "remark",
};

#define PI_COLUMNS "kind, title, date, start_time, end_time, venue, street," \
	" postcode, city, room, report_title, report_url, remark"

struct pi_session {
	const char *section;
	const char *code;
	char *code_key;              /* text_natural_key(code), stored */
	char *code_fold;             /* text_fold(code), for duplicates */
	const char *col[PC_COUNT];   /* "" when absent */
	const char *host;            /* "" when absent */
};

struct pi_file {
	ini_file *ini;
	const char *name, *school_year, *description;
	struct pi_session *session;
	int n;
};

static bool pi_is_session_section(const char *name)
{
	return strncmp(name, "session", 7) == 0;
}

static bool pi_in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* "2017-2018": two years, the second one after the first. */
static bool pi_is_school_year(const char *s)
{
	int i;

	if (strlen(s) != 9 || s[4] != '-')
		return false;
	for (i = 0; i < 9; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return false;
	return atoi(s + 5) == atoi(s) + 1;
}

static bool pi_is_kind(const char *s)
{
	return session_kind_index(s) >= 0;
}

/* Value of an optional key, "" when absent. */
static const char *pi_optional(const ini_file *ini, const char *sec, const char *key)
{
	const char *v = ini_get(ini, sec, key);

	return v ? v : "";
}

/* Value of a required key; NULL with err set when it is missing or empty. */
static const char *pi_required(const ini_file *ini, const char *sec, const char *key,
			       st_err *err)
{
	const char *v = ini_get(ini, sec, key);

	if (!v) {
		ini_error(err, ini, ini_line(ini, sec, NULL), _("[%s] needs a \"%s\""), sec, key);
		return NULL;
	}
	if (!*v) {
		ini_error(err, ini, ini_line(ini, sec, key), _("\"%s\" in [%s] is empty"), key, sec);
		return NULL;
	}
	return v;
}

/* Refuses any key of sec that is not in allowed. */
static int pi_check_keys(const ini_file *ini, const char *sec,
			 const char *const *allowed, const char *allowed_list, st_err *err)
{
	int i, n = ini_key_count(ini, sec);
	const char *key;

	for (i = 0; i < n; i++) {
		key = ini_key_name(ini, sec, i);
		if (!pi_in_list(allowed, key))
			return ini_error(err, ini, ini_line(ini, sec, key),
					_("unknown key \"%s\" in [%s] (expected one of: %s)"),
					key, sec, allowed_list);
	}
	return 0;
}

/* Every section is [programme] or [session…]; there is exactly one of the
 * first (inifile refuses repeated sections) and at least one of the second. */
static int pi_check_sections(const ini_file *ini, st_err *err)
{
	int i, n = ini_section_count(ini), sessions = 0, programme_line = 0;
	const char *name;

	for (i = 0; i < n; i++) {
		name = ini_section_name(ini, i);
		if (strcmp(name, "programme") == 0)
			programme_line = ini_section_line(ini, i);
		else if (pi_is_session_section(name))
			sessions++;
		else
			return ini_error(err, ini, ini_section_line(ini, i),
					_("unknown section [%s] (expected [programme] or [session …])"),
					name);
	}
	if (!programme_line)
		return ini_error(err, ini, 1, _("the file has no [programme] section"));
	if (!sessions)
		return ini_error(err, ini, programme_line,
				_("the programme has no sessions (expected [session …] sections)"));
	return 0;
}

static int pi_parse_programme(struct pi_file *f, st_err *err)
{
	const ini_file *ini = f->ini;

	if (pi_check_keys(ini, "programme", pi_programme_key, pi_programme_key_list, err) != 0)
		return -1;
	f->name = pi_required(ini, "programme", "name", err);
	if (!f->name)
		return -1;
	f->school_year = pi_required(ini, "programme", "school_year", err);
	if (!f->school_year)
		return -1;
	if (!pi_is_school_year(f->school_year))
		return ini_error(err, ini, ini_line(ini, "programme", "school_year"),
				_("school_year \"%s\" is not a school year (expected YYYY-YYYY "
				  "with consecutive years, e.g. 2017-2018)"), f->school_year);
	f->description = pi_optional(ini, "programme", "description");
	return 0;
}

/* The weekday, when given, must be the date's: it catches a mistyped day
 * in a date copied from a letter or web page. */
static int pi_check_weekday(const ini_file *ini, const char *sec, const st_date *d,
			    const char *date, st_err *err)
{
	const char *name = pi_optional(ini, sec, "weekday");
	int line = ini_line(ini, sec, "weekday"), wd, actual;

	if (!*name)
		return 0;
	wd = date_weekday_from_name(name);
	if (wd < 0)
		return ini_error(err, ini, line, _("weekday \"%s\" is not a day of the week"), name);
	actual = date_weekday(d);
	if (actual < 0)
		return ini_error(err, ini, line,
				_("weekday \"%s\" is given, but date %s is only a month"),
				name, date);
	if (wd != actual)
		return ini_error(err, ini, line, _("weekday \"%s\" does not match %s, which is a %s"),
				name, date, _(date_weekday_name(actual)));
	return 0;
}

static int pi_check_date(const ini_file *ini, const char *sec, const char *date,
			 st_err *err)
{
	st_date d;

	if (date_parse_iso(date, &d) != 0)
		return ini_error(err, ini, ini_line(ini, sec, "date"),
				_("date \"%s\" is not a valid date (expected YYYY-MM-DD or YYYY-MM)"),
				date);
	return pi_check_weekday(ini, sec, &d, date, err);
}

/* Reads an optional time into *minutes (-1 when absent). */
static int pi_parse_time(const ini_file *ini, const char *sec, const char *key,
			 const char *value, int *minutes, st_err *err)
{
	*minutes = -1;
	if (!*value)
		return 0;
	if (time_parse_hhmm(value, minutes) != 0)
		return ini_error(err, ini, ini_line(ini, sec, key),
				_("%s \"%s\" is not a valid time (expected HH:MM, e.g. 09:30)"),
				key, value);
	return 0;
}

static int pi_check_times(const ini_file *ini, const char *sec, const struct pi_session *ps,
			  st_err *err)
{
	const char *start = ps->col[PC_START], *end = ps->col[PC_END];
	int from, to;

	if (pi_parse_time(ini, sec, "start", start, &from, err) != 0 ||
	    pi_parse_time(ini, sec, "end", end, &to, err) != 0)
		return -1;
	if (to >= 0 && from < 0)
		return ini_error(err, ini, ini_line(ini, sec, "end"),
				_("end %s is given without a start"), end);
	if (to >= 0 && to <= from)
		return ini_error(err, ini, ini_line(ini, sec, "end"),
				_("end %s is not after start %s"), end, start);
	return 0;
}

static int pi_check_url(const ini_file *ini, const char *sec, const char *url, st_err *err)
{
	if (!*url || strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0)
		return 0;
	return ini_error(err, ini, ini_line(ini, sec, "report_url"),
			_("report_url \"%s\" must start with http:// or https://"), url);
}

/* Fills ps from section sec and checks every value. */
static int pi_parse_session(const ini_file *ini, const char *sec, struct pi_session *ps,
			    st_err *err)
{
	int i;

	ps->section = sec;
	if (pi_check_keys(ini, sec, pi_session_key, pi_session_key_list, err) != 0)
		return -1;
	for (i = 0; i < PC_COUNT; i++)
		ps->col[i] = pi_optional(ini, sec, pi_col_key[i]);
	ps->host = pi_optional(ini, sec, "host");
	ps->code = pi_required(ini, sec, "code", err);
	if (!ps->code || !pi_required(ini, sec, "kind", err))
		return -1;
	if (!pi_is_kind(ps->col[PC_KIND]))
		return ini_error(err, ini, ini_line(ini, sec, "kind"),
				_("unknown session kind \"%s\" (expected inspiratiesessie, "
				  "groeisessie, focusgroep or uitwisselsessie)"), ps->col[PC_KIND]);
	if (!pi_required(ini, sec, "date", err) ||
	    pi_check_date(ini, sec, ps->col[PC_DATE], err) != 0 ||
	    pi_check_times(ini, sec, ps, err) != 0 ||
	    pi_check_url(ini, sec, ps->col[PC_REPORT_URL], err) != 0)
		return -1;
	ps->code_key = text_natural_key(ps->code);
	ps->code_fold = text_fold(ps->code);
	if (!ps->code_key || !ps->code_fold)
		return st_err_set(err, _("out of memory"));
	return 0;
}

/* Codes name sessions for people ("COP 07"), so two that differ only in
 * case or accents would be the same session to them. */
static int pi_check_unique_code(const ini_file *ini, const struct pi_session *all, int n,
				st_err *err)
{
	const struct pi_session *ps = &all[n];
	int i, line = ini_line(ini, ps->section, "code"), first;

	for (i = 0; i < n; i++) {
		if (strcmp(all[i].code_fold, ps->code_fold) != 0)
			continue;
		first = ini_line(ini, all[i].section, "code");
		if (strcmp(all[i].code, ps->code) == 0)
			return ini_error(err, ini, line,
					_("code \"%s\" is used twice (first on line %d)"),
					ps->code, first);
		return ini_error(err, ini, line,
				_("code \"%s\" is used twice (first on line %d, as \"%s\")"),
				ps->code, first, all[i].code);
	}
	return 0;
}

static int pi_parse_sessions(struct pi_file *f, st_err *err)
{
	int i, n = ini_section_count(f->ini);
	const char *sec;

	f->session = calloc((size_t)n, sizeof *f->session);
	if (!f->session)
		return st_err_set(err, _("out of memory"));
	for (i = 0; i < n; i++) {
		sec = ini_section_name(f->ini, i);
		if (!pi_is_session_section(sec))
			continue;
		/* Counted before checking so pi_free frees its strings. */
		f->n++;
		if (pi_parse_session(f->ini, sec, &f->session[f->n - 1], err) != 0 ||
		    pi_check_unique_code(f->ini, f->session, f->n - 1, err) != 0)
			return -1;
	}
	return 0;
}

static void pi_free(struct pi_file *f)
{
	int i;

	for (i = 0; i < f->n; i++) {
		free(f->session[i].code_key);
		free(f->session[i].code_fold);
	}
	free(f->session);
	ini_close(f->ini);
	memset(f, 0, sizeof *f);
}

/* Reads and checks the whole file; on failure err says where and why.
 * Call pi_free afterwards in either case. */
static int pi_parse(const char *path, struct pi_file *f, st_err *err)
{
	memset(f, 0, sizeof *f);
	f->ini = ini_open(path, err);
	if (!f->ini)
		return -1;
	if (pi_check_sections(f->ini, err) != 0 || pi_parse_programme(f, err) != 0)
		return -1;
	return pi_parse_sessions(f, err);
}

static int pi_insert_programme(sqlite3 *db, const struct pi_file *f, long long *id,
			       st_err *err)
{
	sqlite3_stmt *st;
	long long new_id;

	if (rowid_new(db, "programme", rowid_of_programme(f->name), &new_id, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO programme (id, name, school_year, description)"
			" VALUES (?4, ?1, ?2, ?3)", err);
	if (!st)
		return -1;
	rowid_bind(st, 4, new_id);
	sqlite3_bind_text(st, 1, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->school_year, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->description, -1, SQLITE_STATIC);
	if (db_step_done(db, st, err) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

static int pi_update_programme(sqlite3 *db, const struct pi_file *f, long long id,
			       st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE programme SET school_year = ?2,"
				      " description = ?3 WHERE id = ?1", err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, f->school_year, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->description, -1, SQLITE_STATIC);
	return db_step_done(db, st, err);
}

static const char *pi_column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Finds the programme by its exact name and brings it up to date, or
 * creates it. */
static int pi_write_programme(sqlite3 *db, const struct pi_file *f, long long *id,
			      import_stats *stats, st_err *err)
{
	sqlite3_stmt *st;
	bool same = false;
	int rc;

	st = db_prepare(db, "SELECT id, school_year, description FROM programme"
			    " WHERE name = ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, f->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		same = strcmp(pi_column_text(st, 1), f->school_year) == 0 &&
		       strcmp(pi_column_text(st, 2), f->description) == 0;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		stats->programme_new = true;
		return pi_insert_programme(db, f, id, err);
	}
	if (rc != SQLITE_ROW)
		return db_error(db, err);
	return same ? 0 : pi_update_programme(db, f, *id, err);
}

/* The host school, found or created with the session's address. */
static int pi_host_id(sqlite3 *db, const struct pi_session *ps, long long *id,
		      st_err *err)
{
	return org_find_or_create(db, "school", ps->host, ps->col[PC_STREET],
				  ps->col[PC_POSTCODE], ps->col[PC_CITY], id, err);
}

/* Compares a row selected by pi_find_session with ps. */
static bool pi_row_differs(sqlite3_stmt *st, const struct pi_session *ps,
			   bool has_host, long long host_id)
{
	int i;

	if (strcmp(pi_column_text(st, 0), ps->code_key) != 0)
		return true;
	for (i = 0; i < PC_COUNT; i++)
		if (strcmp(pi_column_text(st, i + 1), ps->col[i]) != 0)
			return true;
	if (sqlite3_column_type(st, PC_COUNT + 1) == SQLITE_NULL)
		return has_host;
	return !has_host || sqlite3_column_int64(st, PC_COUNT + 1) != host_id;
}

/* Looks the session up by programme and exact code: 0 absent, 1 stored
 * with these values, 2 stored with other values, -1 error. */
static int pi_find_session(sqlite3 *db, long long programme_id, const struct pi_session *ps,
			   bool has_host, long long host_id, st_err *err)
{
	sqlite3_stmt *st;
	int rc, found = 0;

	st = db_prepare(db, "SELECT code_key, " PI_COLUMNS ", host_org_id FROM session"
			    " WHERE programme_id = ?1 AND code = ?2", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, programme_id);
	sqlite3_bind_text(st, 2, ps->code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		found = pi_row_differs(st, ps, has_host, host_id) ? 2 : 1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return found;
}

/* Binds ?1 programme id, ?2 code, ?3 code key, ?4.. the columns, and the
 * host last; shared by the INSERT and the UPDATE. */
static void pi_bind_session(sqlite3_stmt *st, long long programme_id,
			    const struct pi_session *ps, bool has_host, long long host_id)
{
	int i;

	sqlite3_bind_int64(st, 1, programme_id);
	sqlite3_bind_text(st, 2, ps->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ps->code_key, -1, SQLITE_STATIC);
	/* Columns are NOT NULL DEFAULT '': bind "" as text, not NULL. */
	for (i = 0; i < PC_COUNT; i++)
		sqlite3_bind_text(st, i + 4, ps->col[i], -1, SQLITE_STATIC);
	if (has_host)
		sqlite3_bind_int64(st, PC_COUNT + 4, host_id);
	else
		sqlite3_bind_null(st, PC_COUNT + 4);
}

static int pi_store_session(sqlite3 *db, bool insert, long long programme_id,
			    const struct pi_session *ps, bool has_host, long long host_id,
			    st_err *err)
{
	static const char insert_sql[] =
		"INSERT INTO session (id, programme_id, code, code_key, " PI_COLUMNS ", host_org_id)"
		" VALUES (?18, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
		" ?17)";
	static const char update_sql[] =
		"UPDATE session SET code_key = ?3, kind = ?4, title = ?5, date = ?6,"
		" start_time = ?7, end_time = ?8, venue = ?9, street = ?10, postcode = ?11,"
		" city = ?12, room = ?13, report_title = ?14, report_url = ?15, remark = ?16,"
		" host_org_id = ?17 WHERE programme_id = ?1 AND code = ?2";
	sqlite3_stmt *st;
	long long new_id = 0;

	if (insert && rowid_new_session(db, programme_id, ps->code, &new_id, err) != 0)
		return -1;
	st = db_prepare(db, insert ? insert_sql : update_sql, err);
	if (!st)
		return -1;
	pi_bind_session(st, programme_id, ps, has_host, host_id);
	if (insert)
		rowid_bind(st, 18, new_id);
	return db_step_done(db, st, err);
}

/* Inserts or updates one session, counting what happened in stats; an
 * unchanged session is not written at all. */
static int pi_write_session(sqlite3 *db, long long programme_id, const struct pi_session *ps,
			    import_stats *stats, st_err *err)
{
	bool has_host = *ps->host != '\0';
	long long host_id = 0;
	int found;

	if (has_host && pi_host_id(db, ps, &host_id, err) != 0)
		return -1;
	found = pi_find_session(db, programme_id, ps, has_host, host_id, err);
	if (found < 0)
		return -1;
	if (found == 1) {
		stats->sessions_unchanged++;
		return 0;
	}
	if (pi_store_session(db, found == 0, programme_id, ps, has_host, host_id, err) != 0)
		return -1;
	if (found == 0)
		stats->sessions_new++;
	else
		stats->sessions_changed++;
	return 0;
}

/* Stores a checked file; the caller holds the transaction. */
static int pi_write(sqlite3 *db, const struct pi_file *f, import_stats *stats, st_err *err)
{
	long long programme_id = 0;
	char reason[ST_ERR_MAX];
	int i;

	if (pi_write_programme(db, f, &programme_id, stats, err) != 0)
		goto fail;
	for (i = 0; i < f->n; i++)
		if (pi_write_session(db, programme_id, &f->session[i], stats, err) != 0)
			goto fail;
	return 0;
fail:
	/* Say which file was being written when the database said no. */
	snprintf(reason, sizeof reason, "%s", err ? err->msg : "");
	return st_err_set(err, "%s: %s", ini_path(f->ini), reason);
}

/* Reads, checks and stores one file inside the caller's transaction. */
static int pi_import_in_transaction(sqlite3 *db, const char *path, import_stats *stats,
				    st_err *err)
{
	struct pi_file f;
	int rc;

	rc = pi_parse(path, &f, err);
	if (rc == 0)
		rc = pi_write(db, &f, stats, err);
	pi_free(&f);
	return rc;
}

int programme_import_file(sqlite3 *db, const char *path, import_stats *stats,
			  st_err *err)
{
	import_stats counted = { false, 0, 0, 0 };
	struct pi_file f;
	int rc;

	if (stats)
		*stats = counted;
	/* Checked before the transaction starts, so that a bad file never
	 * even holds up another writer. */
	rc = pi_parse(path, &f, err);
	if (rc == 0)
		rc = db_begin(db, err);
	if (rc == 0) {
		rc = pi_write(db, &f, &counted, err);
		if (rc == 0)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	pi_free(&f);
	if (rc == 0 && stats)
		*stats = counted;
	return rc;
}

static int pi_is_ini_name(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	/* Hidden files are editor and backup leftovers, like the shell's *.ini. */
	return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".ini") == 0;
}

/* Byte order, not the locale's: the import order must not depend on who runs it. */
static int pi_by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int pi_import_all(sqlite3 *db, const char *dir, struct dirent **names, int n,
			 st_err *err)
{
	import_stats ignored = { false, 0, 0, 0 };
	char *path;
	int i, rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		path = fs_join(dir, names[i]->d_name);
		if (!path)
			return st_err_set(err, _("out of memory"));
		rc = pi_import_in_transaction(db, path, &ignored, err);
		free(path);
	}
	return rc;
}

int programme_import_shipped(sqlite3 *db, st_err *err)
{
	struct dirent **names = NULL;
	char *dir = fs_join(fs_datadir(), "programmes");
	int n, i, rc;

	if (!dir)
		return st_err_set(err, _("out of memory"));
	n = scandir(dir, &names, pi_is_ini_name, pi_by_name);
	if (n < 0) {
		st_err_set(err, _("cannot read folder %s: %s"), dir, strerror(errno));
		free(dir);
		return -1;
	}
	rc = db_begin(db, err);
	if (rc == 0) {
		rc = pi_import_all(db, dir, names, n, err);
		if (rc == 0)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	return rc;
}
