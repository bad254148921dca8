/* check.c: see check.h. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/check.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/session_kinds.h"

const char *check_item_name(enum check_item item)
{
	static const char *const names[CHECK_COUNT] = {
		N_("integrity"), N_("foreign keys"), N_("note search index"),
		N_("name search index"), N_("factor figures"), N_("kept keys"), N_("file modes"),
	};

	return _(names[item]);
}

bool check_item_repairable(enum check_item item)
{
	return item != CHECK_INTEGRITY && item != CHECK_FOREIGN_KEYS;
}

/* Sets r's detail for item from a printf format (replacing one set
 * before).  Returns -1 when memory runs out. */
__attribute__((format(printf, 3, 4)))
static int set_detail(check_report *r, enum check_item item, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (!s)
		return -1;
	free(r->detail[item]);
	r->detail[item] = strdup(s);
	sqlite3_free(s);
	return r->detail[item] ? 0 : -1;
}

/* ---- the file itself -------------------------------------------------- */

/* PRAGMA integrity_check: "ok", or up to 10 lines of what is wrong (the
 * first is shown). */
static int check_integrity(sqlite3 *db, check_report *r, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA integrity_check(10)", err);
	char first[512] = "";
	int rc, n = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);

		if (line && strcmp(line, "ok") == 0)
			continue;
		if (n++ == 0)
			snprintf(first, sizeof first, "%s", line ? line : "");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		/* Damage can stop the check itself. */
		if (!db_error_is_damage(db))
			return db_error(db, err);
		n = 1;
		snprintf(first, sizeof first, "%s", sqlite3_errmsg(db));
	}
	r->found[CHECK_INTEGRITY] = n;
	if (n && set_detail(r, CHECK_INTEGRITY, n > 1 ? _("damaged: %s (and more)") : _("damaged: %s"),
			    first) != 0)
		return st_err_set(err, _("out of memory"));
	return 0;
}

/* PRAGMA foreign_key_check: rows that refer to a row that is not there. */
static int check_foreign_keys(sqlite3 *db, check_report *r, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA foreign_key_check", err);
	char table[128] = "", parent[128] = "";
	long long rowid = 0;
	int rc, n = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ > 0)
			continue;
		snprintf(table, sizeof table, "%s", (const char *)sqlite3_column_text(st, 0));
		/* NULL for a table WITHOUT ROWID. */
		rowid = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 1);
		snprintf(parent, sizeof parent, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, err);
	r->found[CHECK_FOREIGN_KEYS] = n;
	if (n && rowid >= 0)
		snprintf(table + strlen(table), sizeof table - strlen(table), " %lld", rowid);
	if (n && set_detail(r, CHECK_FOREIGN_KEYS,
			    ngettext("%d row refers to a row that is not there (%s, to a %s)",
				     "%d rows refer to rows that are not there (the first: %s, to a %s)",
				     (unsigned long)n), n, table, parent) != 0)
		return st_err_set(err, _("out of memory"));
	return 0;
}

/* ---- full-text indexes -------------------------------------------------- */

/* Runs an FTS5 command ("INSERT INTO t(t, rank) VALUES('integrity-check',
 * 1)"): SQLITE_OK, SQLITE_CORRUPT when the index does not match its
 * content, or another code. */
static int fts_command(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) & 0xff;
}

/* Marks item as not checked because of the last error (a read-only file
 * cannot run the FTS5 check, which is written as an INSERT). */
static int skip_item(sqlite3 *db, check_report *r, enum check_item item, int rc, st_err *err)
{
	r->skipped[item] = true;
	if (rc == SQLITE_READONLY ? set_detail(r, item, "%s", _("not checked: the database is read-only"))
	    : set_detail(r, item, _("not checked: %s"), sqlite3_errmsg(db)))
		return st_err_set(err, _("out of memory"));
	return 0;
}

/* note_fts holds no text of its own (content = note): FTS5's check with
 * rank 1 compares the index with the notes. */
static int check_note_index(sqlite3 *db, check_report *r, st_err *err)
{
	int rc = fts_command(db, "INSERT INTO note_fts (note_fts, rank) VALUES ('integrity-check', 1)");

	if (rc == SQLITE_CORRUPT) {
		r->found[CHECK_NOTE_INDEX] = 1;
		if (set_detail(r, CHECK_NOTE_INDEX, "%s", _("does not match the notes")) != 0)
			return st_err_set(err, _("out of memory"));
		return 0;
	}
	return rc == SQLITE_OK ? 0 : skip_item(db, r, CHECK_NOTE_INDEX, rc, err);
}

/* person_name keeps its own copy of each person's folded names (both
 * orders, see migration 9): the rows that differ from the people's
 * names, as (rowid, name). */
#define NAME_OF_PERSON \
	"st_fold_name(first_name) || st_fold_name(last_name) || char(10) ||" \
	" st_fold_name(last_name) || st_fold_name(first_name)"
#define NAME_ROWS_DIFFERING \
	"SELECT rowid FROM (SELECT rowid, name FROM person_name" \
	"  EXCEPT SELECT id, " NAME_OF_PERSON " FROM person)" \
	" UNION SELECT id FROM (SELECT id, " NAME_OF_PERSON " FROM person" \
	"  EXCEPT SELECT rowid, name FROM person_name)"

/* Counts what sql (one row, one integer) says into *out. */
static int count_rows(sqlite3 *db, const char *sql, int *out, st_err *err)
{
	return db_row_ints(db, sql, NULL, 0, out, 1, err);
}

static int check_name_index(sqlite3 *db, check_report *r, st_err *err)
{
	int rows = 0, rc = fts_command(db, "INSERT INTO person_name (person_name, rank)"
				       " VALUES ('integrity-check', 1)");
	bool index_bad = rc == SQLITE_CORRUPT;

	if (rc != SQLITE_OK && !index_bad)
		return skip_item(db, r, CHECK_NAME_INDEX, rc, err);
	if (count_rows(db, "SELECT count(*) FROM (" NAME_ROWS_DIFFERING ")", &rows, err) != 0)
		return -1;
	r->found[CHECK_NAME_INDEX] = rows + index_bad;
	if (rows && set_detail(r, CHECK_NAME_INDEX,
			       ngettext("%d entry differs from the person's name",
					"%d entries differ from the people's names", (unsigned long)rows),
			       rows) != 0)
		return st_err_set(err, _("out of memory"));
	if (index_bad && set_detail(r, CHECK_NAME_INDEX, "%s%s%s",
				    r->detail[CHECK_NAME_INDEX] ? r->detail[CHECK_NAME_INDEX] : "",
				    r->detail[CHECK_NAME_INDEX] ? "; " : "",
				    _("the index does not match its entries")) != 0)
		return st_err_set(err, _("out of memory"));
	return 0;
}

/* ---- figures ---------------------------------------------------------------- */

/* The k0..k3 of fig_total, one per session kind (session_kinds.h). */
#define KIND_COLUMN(i, key) " k" #i ","
#define KIND_SUM(i, key) "sum((s.kind = '" key "') * fs.notes),"
#define KIND_NOT_ZERO(i, key) "k" #i " OR "

/* What the tables the triggers of migrations 6, 7, 19 and 22 keep hold,
 * counted afresh from the factors, notes and tags: one CTE per table,
 * named as the table, so that inside a statement starting with RECOUNT
 * "fig_note" is the recount and "main.fig_note" the table.  The meaning
 * is that of schema_figures.c's comments; these are not the migrations' own
 * statements, which are frozen once released.  UNION in factor_anc ends
 * even on a loop of parents. */
#define RECOUNT \
	"WITH RECURSIVE" \
	" factor_anc(factor_id, ancestor_id) AS (SELECT id, id FROM factor" \
	"  UNION SELECT a.factor_id, f.parent_id FROM factor_anc a" \
	"  JOIN factor f ON f.id = a.ancestor_id WHERE f.parent_id IS NOT NULL)," \
	" fig_note(note_id, ancestor_id, enablers, barriers, tags) AS MATERIALIZED" \
	"  (SELECT t.note_id, a.ancestor_id, sum(t.polarity = 1), sum(t.polarity = -1), count(*)" \
	"  FROM tag t JOIN factor_anc a ON a.factor_id = t.factor_id GROUP BY 1, 2)," \
	" fig_session(session_id, ancestor_id, about_org_id, notes, enablers, barriers, neutral)" \
	"  AS MATERIALIZED (SELECT n.session_id, fn.ancestor_id, coalesce(n.about_org_id, 0)," \
	"  count(*), sum(fn.enablers > 0), sum(fn.barriers > 0)," \
	"  sum(fn.enablers = 0 AND fn.barriers = 0)" \
	"  FROM fig_note fn JOIN note n ON n.id = fn.note_id WHERE n.deleted_at IS NULL" \
	"  GROUP BY 1, 2, 3)," \
	" fig_session_notes(session_id, notes, tagged) AS (SELECT n.session_id, count(*)," \
	"  sum(EXISTS (SELECT 1 FROM fig_note fn WHERE fn.note_id = n.id)) FROM note n" \
	"  WHERE n.deleted_at IS NULL GROUP BY 1)," \
	" fig_total_org(ancestor_id, org_id, notes) AS MATERIALIZED (SELECT fs.ancestor_id," \
	"  coalesce(nullif(fs.about_org_id, 0), s.host_org_id) AS org, sum(fs.notes)" \
	"  FROM fig_session fs JOIN session s ON s.id = fs.session_id" \
	"  WHERE org IS NOT NULL GROUP BY 1, 2)," \
	" fig_total(ancestor_id, notes, enablers, barriers, neutral," SESSION_KINDS(KIND_COLUMN, ) \
	" sessions, schools) AS" \
	"  (SELECT fs.ancestor_id, sum(fs.notes), sum(fs.enablers), sum(fs.barriers)," \
	"  sum(fs.neutral), " SESSION_KINDS(KIND_SUM, " ") " count(DISTINCT fs.session_id)," \
	"  (SELECT count(*) FROM fig_total_org fo JOIN organisation o ON o.id = fo.org_id" \
	"  WHERE fo.ancestor_id = fs.ancestor_id AND o.kind = 'school')" \
	"  FROM fig_session fs JOIN session s ON s.id = fs.session_id GROUP BY 1)," \
	" scope_session(session_id, programme_id, kind) AS (SELECT id, programme_id, ''" \
	"  FROM session UNION ALL SELECT id, 0, kind FROM session)," \
	" fig_scope_org(programme_id, kind, ancestor_id, org_id, notes) AS MATERIALIZED" \
	"  (SELECT sc.programme_id, sc.kind, fs.ancestor_id," \
	"  coalesce(nullif(fs.about_org_id, 0), s.host_org_id) AS org, sum(fs.notes)" \
	"  FROM fig_session fs JOIN session s ON s.id = fs.session_id" \
	"  JOIN scope_session sc ON sc.session_id = s.id WHERE org IS NOT NULL" \
	"  GROUP BY 1, 2, 3, 4)," \
	" fig_scope(programme_id, kind, ancestor_id, notes, enablers, barriers, neutral," \
	SESSION_KINDS(KIND_COLUMN, ) " sessions, schools) AS" \
	"  (SELECT sc.programme_id, sc.kind, fs.ancestor_id, sum(fs.notes), sum(fs.enablers)," \
	"  sum(fs.barriers), sum(fs.neutral), " SESSION_KINDS(KIND_SUM, " ") \
	"  count(DISTINCT fs.session_id), (SELECT count(*) FROM fig_scope_org fo" \
	"  JOIN organisation o ON o.id = fo.org_id WHERE fo.programme_id = sc.programme_id" \
	"  AND fo.kind = sc.kind AND fo.ancestor_id = fs.ancestor_id AND o.kind = 'school')" \
	"  FROM fig_session fs JOIN session s ON s.id = fs.session_id" \
	"  JOIN scope_session sc ON sc.session_id = s.id GROUP BY 1, 2, 3)," \
	" fig_pair(ancestor_id, session_id, factor_id, notes) AS MATERIALIZED" \
	"  (SELECT a.ancestor_id, n.session_id, g.factor_id, count(DISTINCT n.id)" \
	"  FROM note n JOIN tag h ON h.note_id = n.id" \
	"  JOIN factor_anc a ON a.factor_id = h.factor_id JOIN tag g ON g.note_id = n.id" \
	"  WHERE n.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM factor_anc x" \
	"  WHERE x.factor_id = g.factor_id AND x.ancestor_id = a.ancestor_id) GROUP BY 1, 2, 3)," \
	" fig_pair_total(ancestor_id, factor_id, notes) AS (SELECT ancestor_id, factor_id," \
	"  sum(notes) FROM fig_pair GROUP BY 1, 2) "

/* The kept tables in the order their triggers feed each other, so that
 * putting one right (whose triggers then change the ones after it) comes
 * before those.  A row whose figures are all 0 counts as no row: the
 * triggers leave some behind (a factor whose last note went keeps its
 * fig_total row).  fig_total_org comes before fig_total: its triggers
 * count fig_total's schools (migration 19); likewise fig_scope_org
 * before fig_scope (22). */
static const struct kept_table {
	const char *name;
	const char *key;      /* its primary key */
	const char *counts;   /* true for a row that is not all zeros */
} kept_tables[] = {
	{ "factor_anc", "factor_id, ancestor_id", "true" },
	{ "fig_note", "note_id, ancestor_id", "tags OR enablers OR barriers" },
	{ "fig_session", "session_id, ancestor_id, about_org_id",
	  "notes OR enablers OR barriers OR neutral" },
	{ "fig_session_notes", "session_id", "notes OR tagged" },
	{ "fig_total_org", "ancestor_id, org_id", "notes" },
	{ "fig_total", "ancestor_id",
	  "notes OR enablers OR barriers OR neutral OR " SESSION_KINDS(KIND_NOT_ZERO, )
	  "sessions OR schools" },
	{ "fig_scope_org", "programme_id, kind, ancestor_id, org_id", "notes" },
	{ "fig_scope", "programme_id, kind, ancestor_id",
	  "notes OR enablers OR barriers OR neutral OR " SESSION_KINDS(KIND_NOT_ZERO, )
	  "sessions OR schools" },
	{ "fig_pair", "ancestor_id, session_id, factor_id", "notes" },
	{ "fig_pair_total", "ancestor_id, factor_id", "notes" },
};
#define KEPT_TABLES (int)(sizeof kept_tables / sizeof kept_tables[0])

/* The keys of t's rows that differ from the recount (missing, extra or
 * with other figures), as a SELECT after RECOUNT, into buf. */
static const char *differing_keys(const struct kept_table *t, char *buf, size_t size)
{
	snprintf(buf, size,
		 "SELECT %s FROM (SELECT * FROM main.%s WHERE (%s) EXCEPT SELECT * FROM %s WHERE (%s))"
		 " UNION SELECT %s FROM (SELECT * FROM %s WHERE (%s) EXCEPT SELECT * FROM main.%s"
		 " WHERE (%s))", t->key, t->name, t->counts, t->name, t->counts,
		 t->key, t->name, t->counts, t->name, t->counts);
	return buf;
}

/* How many rows of each kept table differ from the recount, into n[]. */
static int count_figures(sqlite3 *db, int *n, st_err *err)
{
	char keys[1024], sql[sizeof RECOUNT + sizeof keys + 64];
	int i;

	for (i = 0; i < KEPT_TABLES; i++) {
		snprintf(sql, sizeof sql, RECOUNT "SELECT count(*) FROM (%s)",
			 differing_keys(&kept_tables[i], keys, sizeof keys));
		if (count_rows(db, sql, &n[i], err) != 0)
			return -1;
	}
	return 0;
}

/* "fig_total 1, fig_pair 2": the tables with a count. */
static char *list_counts(const char *const *names, const int *n, int count)
{
	sqlite3_str *s = sqlite3_str_new(NULL);
	char *out;
	int i;

	for (i = 0; i < count; i++)
		if (n[i])
			sqlite3_str_appendf(s, "%s%s %d", sqlite3_str_length(s) ? ", " : "",
					    names[i], n[i]);
	out = sqlite3_str_finish(s);
	if (out) {
		char *copy = strdup(out);

		sqlite3_free(out);
		return copy;
	}
	return strdup("");
}

/* Sets found of item to the sum of the per-part counts n[] (parts named
 * names[]) and *list to their list (NULL when all are 0).  0, or -1. */
static int found_counts(check_report *r, enum check_item item, const char *const *names,
			const int *n, int count, char **list, st_err *err)
{
	int total = 0, i;

	for (i = 0; i < count; i++)
		total += n[i];
	r->found[item] = total;
	*list = NULL;
	if (total && !(*list = list_counts(names, n, count)))
		return st_err_set(err, _("out of memory"));
	return 0;
}

static int check_figures(sqlite3 *db, check_report *r, st_err *err)
{
	const char *names[KEPT_TABLES];
	int n[KEPT_TABLES], i, rc = 0;
	char *list;

	for (i = 0; i < KEPT_TABLES; i++)
		names[i] = kept_tables[i].name;
	if (count_figures(db, n, err) != 0 ||
	    found_counts(r, CHECK_FIGURES, names, n, KEPT_TABLES, &list, err) != 0)
		return -1;
	i = r->found[CHECK_FIGURES];
	if (list && set_detail(r, CHECK_FIGURES, ngettext("%d row differs from a recount (%s)",
							  "%d rows differ from a recount (%s)",
							  (unsigned long)i), i, list) != 0)
		rc = st_err_set(err, _("out of memory"));
	free(list);
	return rc;
}

/* ---- keys kept by triggers --------------------------------------------------- */

/* Columns a trigger derives from others of the same row (migrations 2, 5,
 * 8, 9), with what they should hold. */
static const struct kept_key {
	const char *table, *column, *value;
} kept_keys[] = {
	{ "note", "author_key", "st_fold(author)" },
	{ "note", "session_date", "(SELECT date FROM session s WHERE s.id = note.session_id)" },
	{ "person", "name_key", "st_fold(first_name) || ' ' || st_fold(last_name)" },
	{ "person", "first_last_key", "st_fold_name(first_name) || st_fold_name(last_name)" },
	{ "person", "last_first_key", "st_fold_name(last_name) || st_fold_name(first_name)" },
};
#define KEPT_KEYS (int)(sizeof kept_keys / sizeof kept_keys[0])

/* The condition on a row of k->table whose key is wrong (a note of a
 * session that is not there is the foreign key check's business). */
static const char *wrong_key(const struct kept_key *k, char *buf, size_t size)
{
	snprintf(buf, size, "%s IS NOT %s AND %s IS NOT NULL", k->column, k->value, k->value);
	return buf;
}

static int check_keys(sqlite3 *db, check_report *r, st_err *err)
{
	char names[KEPT_KEYS][64], where[256], sql[512];
	const char *name[KEPT_KEYS];
	int n[KEPT_KEYS], i, rc = 0;
	char *list;

	for (i = 0; i < KEPT_KEYS; i++) {
		snprintf(names[i], sizeof names[i], "%s.%s", kept_keys[i].table, kept_keys[i].column);
		name[i] = names[i];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s", kept_keys[i].table,
			 wrong_key(&kept_keys[i], where, sizeof where));
		if (count_rows(db, sql, &n[i], err) != 0)
			return -1;
	}
	if (found_counts(r, CHECK_KEYS, name, n, KEPT_KEYS, &list, err) != 0)
		return -1;
	i = r->found[CHECK_KEYS];
	if (list && set_detail(r, CHECK_KEYS,
			       ngettext("%d key differs from what it is kept from (%s)",
					"%d keys differ from what they are kept from (%s)",
					(unsigned long)i), i, list) != 0)
		rc = st_err_set(err, _("out of memory"));
	free(list);
	return rc;
}

/* ---- file modes ------------------------------------------------------------ */

static const char *const file_suffix[] = { "", "-wal", "-shm" };
#define FILE_SUFFIXES (int)(sizeof file_suffix / sizeof file_suffix[0])

/* The modes of the database and its -wal and -shm files (0 for one that
 * is not there or not a regular file), into mode[]. */
static void file_modes(const char *path, mode_t *mode)
{
	char name[4200];
	struct stat sb;
	int i;

	for (i = 0; i < FILE_SUFFIXES; i++) {
		mode[i] = 0;
		if (snprintf(name, sizeof name, "%s%s", path, file_suffix[i]) < (int)sizeof name &&
		    stat(name, &sb) == 0 && S_ISREG(sb.st_mode))
			mode[i] = sb.st_mode & 07777;
	}
}

static int check_file_modes(const char *path, check_report *r, st_err *err)
{
	sqlite3_str *s = sqlite3_str_new(NULL);
	mode_t mode[FILE_SUFFIXES];
	char *list;
	int i, n = 0;

	file_modes(path, mode);
	for (i = 0; i < FILE_SUFFIXES; i++) {
		if (!(mode[i] & 077))
			continue;
		sqlite3_str_appendf(s, "%s%s%s (%04o)", n++ ? ", " : "", path, file_suffix[i],
				    (unsigned)mode[i]);
	}
	list = sqlite3_str_finish(s);
	r->found[CHECK_FILE_MODES] = n;
	if (n && set_detail(r, CHECK_FILE_MODES, _("open to others, not 0600: %s"),
			    list ? list : "") != 0) {
		sqlite3_free(list);
		return st_err_set(err, _("out of memory"));
	}
	sqlite3_free(list);
	return 0;
}

/* ---- checking and repairing ------------------------------------------------- */

void check_report_free(check_report *r)
{
	int i;

	for (i = 0; i < CHECK_COUNT; i++)
		free(r->detail[i]);
	memset(r, 0, sizeof *r);
}

/* Marks the checks after the file's own as not run on a damaged file. */
static int skip_damaged(check_report *r, st_err *err)
{
	int i;

	for (i = CHECK_NOTE_INDEX; i < CHECK_FILE_MODES; i++) {
		r->skipped[i] = true;
		if (set_detail(r, i, "%s", _("not checked: the file is damaged")) != 0)
			return st_err_set(err, _("out of memory"));
	}
	return 0;
}

/* Every check of the database's content (not the file modes). */
static int check_content(sqlite3 *db, check_report *r, st_err *err)
{
	if (check_integrity(db, r, err) != 0 || check_foreign_keys(db, r, err) != 0)
		return -1;
	/* In a damaged file the other checks would read the damage. */
	if (r->found[CHECK_INTEGRITY])
		return skip_damaged(r, err);
	if (check_note_index(db, r, err) != 0 || check_name_index(db, r, err) != 0 ||
	    check_figures(db, r, err) != 0 || check_keys(db, r, err) != 0)
		return -1;
	return 0;
}

int db_check(sqlite3 *db, const char *path, check_report *r, st_err *err)
{
	memset(r, 0, sizeof *r);
	if (check_content(db, r, err) != 0 || check_file_modes(path, r, err) != 0) {
		check_report_free(r);
		return -1;
	}
	return 0;
}

static int exec_sql(sqlite3 *db, const char *sql, st_err *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err);
	return 0;
}

/* Puts the name index right: the index rebuilt from its entries, then
 * the entries that differ from the people's names replaced. */
static int repair_name_index(sqlite3 *db, st_err *err)
{
	static const char sql[] =
		"INSERT INTO person_name (person_name) VALUES ('rebuild');"
		"CREATE TEMP TABLE check_names AS " NAME_ROWS_DIFFERING ";"
		"DELETE FROM person_name WHERE rowid IN (SELECT * FROM temp.check_names);"
		"INSERT INTO person_name (rowid, name) SELECT id, " NAME_OF_PERSON
		" FROM person WHERE id IN (SELECT * FROM temp.check_names);"
		"DROP TABLE temp.check_names;";

	return exec_sql(db, sql, err);
}

/* Puts each kept table right, in the order of kept_tables: the rows whose
 * key differs from the recount are replaced by the recount's (the
 * triggers this fires change only tables put right after it). */
static int repair_figures(sqlite3 *db, st_err *err)
{
	char keys[1024], sql[2 * sizeof RECOUNT + 3 * sizeof keys];
	const struct kept_table *t;
	int i;

	for (i = 0; i < KEPT_TABLES; i++) {
		t = &kept_tables[i];
		snprintf(sql, sizeof sql,
			 "CREATE TEMP TABLE check_keys AS " RECOUNT "%s;"
			 "DELETE FROM main.%s WHERE (%s) IN (SELECT * FROM temp.check_keys);"
			 RECOUNT "INSERT INTO main.%s SELECT * FROM %s"
			 " WHERE (%s) AND (%s) IN (SELECT * FROM temp.check_keys);"
			 "DROP TABLE temp.check_keys;",
			 differing_keys(t, keys, sizeof keys), t->name, t->key,
			 t->name, t->name, t->counts, t->key);
		if (exec_sql(db, sql, err) != 0)
			return -1;
	}
	return 0;
}

static int repair_keys(sqlite3 *db, st_err *err)
{
	char where[256], sql[768];
	int i;

	for (i = 0; i < KEPT_KEYS; i++) {
		snprintf(sql, sizeof sql, "UPDATE %s SET %s = %s WHERE %s", kept_keys[i].table,
			 kept_keys[i].column, kept_keys[i].value,
			 wrong_key(&kept_keys[i], where, sizeof where));
		if (exec_sql(db, sql, err) != 0)
			return -1;
	}
	return 0;
}

/* Makes the database's files private, keeping the owner's bits. */
static int repair_file_modes(const char *path, st_err *err)
{
	mode_t mode[FILE_SUFFIXES];
	char name[4200];
	int i;

	file_modes(path, mode);
	for (i = 0; i < FILE_SUFFIXES; i++) {
		if (!(mode[i] & 077))
			continue;
		snprintf(name, sizeof name, "%s%s", path, file_suffix[i]);
		if (chmod(name, mode[i] & ~(mode_t)077) != 0)
			return st_err_set(err, _("cannot make %s private: %s"), name, strerror(errno));
	}
	return 0;
}

/* Rebuilds, inside the open transaction, what r found wrong. */
static int repair_content(sqlite3 *db, const check_report *r, st_err *err)
{
	if (r->found[CHECK_NOTE_INDEX] &&
	    exec_sql(db, "INSERT INTO note_fts (note_fts) VALUES ('rebuild')", err) != 0)
		return -1;
	if (r->found[CHECK_NAME_INDEX] && repair_name_index(db, err) != 0)
		return -1;
	if (r->found[CHECK_FIGURES] && repair_figures(db, err) != 0)
		return -1;
	if (r->found[CHECK_KEYS] && repair_keys(db, err) != 0)
		return -1;
	return 0;
}

/* Whether any item db_check_repair rebuilds in the database was found
 * wrong. */
static bool content_to_repair(const check_report *r)
{
	int i;

	for (i = 0; i < CHECK_COUNT; i++)
		if (i != CHECK_FILE_MODES && check_item_repairable(i) && r->found[i])
			return true;
	return false;
}

/* Rebuilds what r found, checks again and commits, or rolls back with
 * err when the check still finds something (a bug: say so). */
static int repair_in_transaction(sqlite3 *db, check_report *r, st_err *err)
{
	check_report again;
	int i;

	if (repair_content(db, r, err) != 0)
		return -1;
	memset(&again, 0, sizeof again);
	if (check_content(db, &again, err) != 0) {
		check_report_free(&again);
		return -1;
	}
	for (i = 0; i < CHECK_COUNT; i++) {
		if (i == CHECK_FILE_MODES || !check_item_repairable(i) || !r->found[i])
			continue;
		if (again.found[i]) {
			st_err_set(err, _("the %s are still wrong after rebuilding them: %s"),
				   check_item_name(i), again.detail[i] ? again.detail[i] : "");
			check_report_free(&again);
			return -1;
		}
		r->repaired[i] = true;
	}
	check_report_free(&again);
	return 0;
}

int db_check_repair(sqlite3 *db, const char *path, check_report *r, st_err *err)
{
	if (db_begin(db, err) != 0)
		return -1;
	memset(r, 0, sizeof *r);
	if (check_content(db, r, err) != 0)
		goto fail;
	/* A damaged file is left as it is: nothing to commit. */
	if (r->found[CHECK_INTEGRITY])
		db_rollback(db);
	else if (content_to_repair(r) && repair_in_transaction(db, r, err) != 0)
		goto fail;
	else if (db_commit(db, err) != 0)
		goto fail;
	if (check_file_modes(path, r, err) != 0)
		goto fail_report;
	if (r->found[CHECK_FILE_MODES]) {
		if (repair_file_modes(path, err) != 0)
			goto fail_report;
		r->repaired[CHECK_FILE_MODES] = true;
	}
	return 0;
fail:
	db_rollback(db);
fail_report:
	check_report_free(r);
	return -1;
}
