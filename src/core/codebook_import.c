/* codebook_import.c: reading a codebook INI file into the codebook.
 * See codebook_import.h.
 *
 * The codebook import follows programme_import.c: the whole file is read
 * and checked first (with "FILE:LINE: reason" errors), then written in one
 * transaction; what can only be checked against the database (a parent
 * defined there, a cycle through factors already stored, a GUID another
 * factor has) is checked inside that transaction, which is rolled back. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/codebook.h"
#include "core/codebook_import.h"
#include "core/db.h"
#include "core/factors_sql.h"
#include "core/fsutil.h"
#include "core/guid.h"
#include "core/i18n.h"
#include "core/inifile.h"
#include "core/rowids.h"
#include "core/strmap.h"

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
				f->code, factor_code_rule());
	first = cb_find(cf, f->code);
	if (first >= 0)
		return ini_error(err, ini, ini_line(ini, sec, "code"),
				_("code \"%s\" is used twice (first on line %d)"), f->code,
				ini_line(ini, cf->f[first].section, "code"));
	if (!*f->name)
		return ini_error(err, ini, ini_line(ini, sec, ini_get(ini, sec, "name") ? "name" : NULL),
				_("factor %s needs a name"), f->code);
	if (!factor_colour_ok(or_empty(f->colour)))
		return ini_error(err, ini, ini_line(ini, sec, "colour"),
				_("colour \"%s\" is not a colour (expected #RRGGBB, e.g. #1F77B4)"),
				f->colour);
	if (*f->guid && !guid_is_valid(f->guid))
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

/* The GUID of a factor the file gives none: its code's (guid_of_code),
 * unless a factor here has that one already (a factor that had this code
 * before it was renamed), then a new one. */
static int cb_code_guid(sqlite3 *db, const char *code, char *guid, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM factor WHERE guid = ?1 COLLATE NOCASE",
				      err);
	int rc;

	if (!st)
		return -1;
	guid_of_code(code, guid);
	sqlite3_bind_text(st, 1, guid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return guid_new(guid, err);
	return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* A new factor with placeholder values, to have an id parents can use. */
static int cb_insert(sqlite3 *db, struct cb_factor *f, st_err *err)
{
	char guid[GUID_SIZE];
	sqlite3_stmt *st;
	long long new_id;

	if (*f->guid)
		snprintf(guid, sizeof guid, "%s", f->guid);
	else if (cb_code_guid(db, f->code, guid, err) != 0)
		return -1;
	if (rowid_new(db, "factor", rowid_of_factor(f->code), &new_id, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO factor (id, code, name, guid) VALUES (?4, ?1, ?2, ?3)",
			err);
	if (!st)
		return -1;
	rowid_bind(st, 4, new_id);
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
		if (db_query_int(db, "WITH RECURSIVE up(id, n) AS ("
				 " SELECT parent_id, 1 FROM factor WHERE id = ?1"
				 " UNION ALL SELECT f.parent_id, up.n + 1 FROM up"
				 " JOIN factor f ON f.id = up.id WHERE up.id != ?1 AND up.n < 100000)"
				 " SELECT EXISTS (SELECT 1 FROM up WHERE id = ?1)", &cf->f[i].id, 1,
				 &found, err) != 0)
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

