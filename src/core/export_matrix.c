/* export_matrix.c: the matrix export: per factor (rows, in tree order)
 * and per school, session, session kind or programme (columns) how many
 * notes came up, how many of them as enablers and how many as barriers;
 * what a coordinator pivots by hand from the evidence otherwise.
 *
 * The figures are sums of fig_session (schema_figures.c), which the
 * triggers keep per (session, factor, the notes' organisation), or of
 * the same counted from one coder's tags (CODER_FIG_SESSION): one
 * statement for the columns and one for the cells, in tree order, read a
 * factor at a time; no note is read.  A note counts for a factor when it
 * is tagged with it or with one below it (once), as in the factor
 * overview; "school" is the note's organisation, else the session's host,
 * when that is a school (else the column "no school").  Pseudonymised,
 * the schools are "school A", "school B" (pseudonym.h) in the order they
 * were registered, not by name: an alphabetical order would tell which
 * letter is which school. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/factors_sql.h"
#include "core/i18n.h"
#include "core/programme.h"
#include "core/pseudonym.h"
#include "core/session_kinds.h"
#include "core/sheet.h"

const char *const matrix_cols_name[MATRIX_COLS_COUNT] = {
	"school", "session", "session-kind", "programme",
};

int matrix_cols_from_name(const char *name)
{
	int i;

	for (i = 0; name && i < MATRIX_COLS_COUNT; i++)
		if (strcmp(name, matrix_cols_name[i]) == 0)
			return i;
	return -1;
}

#define KIND_CASE(i, key) " WHEN '" key "' THEN " #i
/* One coder's (?4) figures, as fig_session holds every coder's: per
 * session, factor and the notes' organisation, counted from their tags
 * (tag_by_coder), a note once for its factor and each ancestor
 * (factor_anc). */
#define CODER_FIG_SESSION \
	"coder_fs(session_id, ancestor_id, about_org_id, notes, enablers, barriers) AS (" \
	" SELECT session_id, ancestor_id, about_org_id, count(*), sum(en), sum(ba) FROM (" \
	"  SELECT n.session_id, a.ancestor_id, coalesce(n.about_org_id, 0) AS about_org_id," \
	"  max(t.polarity = 1) AS en, max(t.polarity = -1) AS ba" \
	"  FROM tag t CROSS JOIN note n ON n.id = t.note_id AND +n.deleted_at IS NULL" \
	"  CROSS JOIN factor_anc a ON a.factor_id = t.factor_id" \
	"  WHERE t.coder = st_fold(?4) GROUP BY a.ancestor_id, t.note_id)" \
	" GROUP BY 1, 2, 3)"
/* The figures the matrix sums (a %s before MATRIX_FROM): fig_session,
 * or with o->coder coder_fs (CODER_FIG_SESSION, in the statement's WITH). */
static const char *figures_source(const export_options *o)
{
	return o->coder ? "coder_fs" : "fig_session";
}

/* The rows of the figures (fig_session, or coder_fs: the %s) that count,
 * with their session (s), programme (p) and school (o), filtered by ?1
 * programme, ?2 session kind, ?3 session. */
#define MATRIX_FROM \
	" FROM %s fs JOIN session s ON s.id = fs.session_id" \
	" JOIN programme p ON p.id = s.programme_id" \
	" LEFT JOIN organisation o ON o.id = coalesce(nullif(fs.about_org_id, 0), s.host_org_id)" \
	"  AND o.kind = 'school'" \
	" WHERE (?1 = 0 OR s.programme_id = ?1) AND (?2 IS NULL OR s.kind = ?2)" \
	" AND (?3 = 0 OR s.id = ?3) AND fs.notes > 0"

/* Per kind of column: its key (an integer), its label, and the order of
 * the columns. */
static const struct {
	const char *key, *label, *order;
} dims[MATRIX_COLS_COUNT] = {
	[MATRIX_SCHOOL] = { "coalesce(o.id, 0)", "o.name", "o.id IS NULL, o.name, o.id" },
	[MATRIX_SESSION] = { "s.id", "p.name || ' ' || s.code", "s.date, s.start_time, s.code, s.id" },
	[MATRIX_SESSION_KIND] = { "CASE s.kind" SESSION_KINDS(KIND_CASE, ) " ELSE 9 END", "s.kind",
				  "1" },
	[MATRIX_PROGRAMME] = { "p.id", "p.name", "p.name, p.id" },
};

struct column {
	long long key;
	char *label;
	int index;                /* its place in the matrix */
};

struct matrix {
	struct column *col;       /* in the matrix's order */
	struct column *by_key;    /* the same, sorted by key */
	int n;
};

static void bind_filter(sqlite3_stmt *st, const export_options *o)
{
	sqlite3_bind_int64(st, 1, o->programme_id);
	db_bind_text_or_null(st, 2, o->session_kind && *o->session_kind ? o->session_kind : NULL);
	sqlite3_bind_int64(st, 3, o->session_id);
	if (o->coder)
		sqlite3_bind_text(st, 4, o->coder, -1, SQLITE_STATIC);
}

/* The order of the columns: as dims says, the schools by id when
 * pseudonymised (see above). */
static const char *column_order(const export_options *o)
{
	return o->pseudo && o->cols == MATRIX_SCHOOL ? "o.id IS NULL, o.id" : dims[o->cols].order;
}

/* The label of a column: in a spreadsheet for people (a session kind's
 * name, "geen school"), in CSV and JSON for scripts (its key, "(no
 * school)"); a school's pseudonym when pseudonymised. */
static char *column_label(const export_options *o, sqlite3_stmt *st)
{
	const char *t = (const char *)sqlite3_column_text(st, 1);
	bool xlsx = o->format == EXFMT_XLSX;

	if (o->pseudo && o->cols == MATRIX_SCHOOL && t)
		t = pseudonym_org(o->pseudo, sqlite3_column_int64(st, 0));
	else if (xlsx && o->cols == MATRIX_SESSION_KIND && t && session_kind_index(t) >= 0)
		t = session_kind_text(t);
	if (!t)
		t = xlsx ? _("(no school)") : "(no school)";
	return strdup(t);
}

static int by_key(const void *a, const void *b)
{
	long long x = ((const struct column *)a)->key, y = ((const struct column *)b)->key;

	return (x > y) - (x < y);
}

static void matrix_free(struct matrix *m)
{
	int i;

	for (i = 0; i < m->n; i++)
		free(m->col[i].label);
	free(m->col);
	free(m->by_key);
	memset(m, 0, sizeof *m);
}

/* Reads the columns: those with notes for the filter.  0, or -1. */
static int read_columns(sqlite3 *db, const export_options *o, struct matrix *m, st_err *err)
{
	char sql[2048];
	sqlite3_stmt *st;
	int rc, cap = 0;

	/* A key stands for one label and one place in the order (a session
	 * its code and date), so they may be read from any row of its group. */
	snprintf(sql, sizeof sql, "%sSELECT %s, %s" MATRIX_FROM " GROUP BY 1 ORDER BY %s",
		 o->coder ? "WITH " CODER_FIG_SESSION " " : "", dims[o->cols].key,
		 dims[o->cols].label, figures_source(o), column_order(o));
	st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	bind_filter(st, o);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->n == cap) {
			struct column *c = realloc(m->col, sizeof *c * (size_t)(cap = cap * 2 + 16));

			if (!c)
				break;
			m->col = c;
		}
		m->col[m->n].key = sqlite3_column_int64(st, 0);
		m->col[m->n].index = m->n;
		m->col[m->n].label = column_label(o, st);
		m->n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_err_set(err, "%s", rc == SQLITE_ROW ? _("out of memory") : sqlite3_errmsg(db));
	m->by_key = malloc(sizeof *m->by_key * (size_t)(m->n + 1));
	if (!m->by_key)
		return st_err_set(err, "%s", _("out of memory"));
	if (m->n)
		memcpy(m->by_key, m->col, sizeof *m->by_key * (size_t)m->n);
	qsort(m->by_key, (size_t)m->n, sizeof *m->by_key, by_key);
	return 0;
}

/* The place of the column with key, or -1. */
static int column_of(const struct matrix *m, long long key)
{
	struct column k = { .key = key }, *c;

	c = m->n ? bsearch(&k, m->by_key, (size_t)m->n, sizeof k, by_key) : NULL;
	return c ? c->index : -1;
}

/* What the matrix is written to: a sheet (csv, xlsx) or JSON. */
struct out {
	FILE *f;
	sheet *s;
	long long rows;
};

static int header(const export_options *o, const struct matrix *m, struct out *w, st_err *err)
{
	static const char *const fields[3] = { "notes", "enablers", "barriers" };
	static const char *const labels[3] = { N_("Notes"), N_("Enablers"), N_("Barriers") };
	bool xlsx = o->format == EXFMT_XLSX;
	const char **names;
	char **made;
	int i, k, n = 3 + 3 * m->n;

	if (o->format == EXFMT_JSON) {
		fprintf(w->f, "{\"rows\": \"factor\", \"cols\": \"%s\", \"columns\": [",
			matrix_cols_name[o->cols]);
		for (i = 0; i < m->n; i++) {
			if (i)
				fputs(", ", w->f);
			emit_json_string(w->f, m->col[i].label);
		}
		fputs("],\n \"factors\": [", w->f);
		return 0;
	}
	w->s = sheet_open(w->f, xlsx, o->csv, "matrix", err);
	names = calloc((size_t)n, sizeof *names);
	made = calloc((size_t)n, sizeof *made);
	if (!w->s || !names || !made) {
		free(names);
		free(made);
		return w->s ? st_err_set(err, "%s", _("out of memory")) : -1;
	}
	names[0] = xlsx ? _("Code") : "code";
	names[1] = xlsx ? _("Name") : "name";
	names[2] = xlsx ? _("Level") : "level";
	for (i = 0; i < m->n; i++)
		for (k = 0; k < 3; k++) {
			char buf[1024];

			snprintf(buf, sizeof buf, "%s: %s", m->col[i].label,
				 xlsx ? _(labels[k]) : fields[k]);
			names[3 + 3 * i + k] = made[3 + 3 * i + k] = strdup(buf);
			if (!made[3 + 3 * i + k])
				names[3 + 3 * i + k] = "";
		}
	sheet_header(w->s, names, n);
	for (i = 0; i < n; i++)
		free(made[i]);
	free(names);
	free(made);
	return 0;
}

/* One factor's row: cell[3 * c + 0..2] the notes, enablers and barriers
 * of column c. */
static void factor_row(const export_options *o, struct out *w, const char *code,
		       const char *name, int level, const int *cell, int ncols)
{
	int i;

	if (o->format == EXFMT_JSON) {
		fputs(w->rows ? ",\n  {" : "\n  {", w->f);
		emit_json_member(w->f, "code", code, false, true);
		emit_json_member(w->f, "name", name, false, false);
		fprintf(w->f, ", \"level\": %d, \"cells\": [", level);
		for (i = 0; i < ncols; i++)
			fprintf(w->f, "%s{\"notes\": %d, \"enablers\": %d, \"barriers\": %d}",
				i ? ", " : "", cell[3 * i], cell[3 * i + 1], cell[3 * i + 2]);
		fputs("]}", w->f);
	} else {
		sheet_text(w->s, code);
		sheet_text(w->s, name);
		sheet_int(w->s, level);
		for (i = 0; i < 3 * ncols; i++)
			sheet_int(w->s, cell[i]);
		sheet_end_row(w->s);
	}
	w->rows++;
}

/* Walks the factors in tree order with their cells (one statement: a row
 * per factor and column with notes, and one per factor without any) and
 * writes a row per factor.  0, or -1. */
static int write_rows(sqlite3 *db, const export_options *o, const struct matrix *m,
		      struct out *w, st_err *err)
{
	char sql[4096];
	sqlite3_stmt *st;
	int *cell = calloc((size_t)(3 * m->n + 3), sizeof *cell);
	long long current = 0;
	char *code = NULL, *name = NULL;
	int level = 0, rc;

	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE %s,%s"
		 " m AS (SELECT fs.ancestor_id AS fid, %s AS k, sum(fs.notes) AS n,"
		 "  sum(fs.enablers) AS e, sum(fs.barriers) AS b" MATRIX_FROM " GROUP BY 1, 2)"
		 " SELECT tree.id, f.code, f.name, tree.depth, m.k, m.n, m.e, m.b"
		 " FROM tree JOIN factor f ON f.id = tree.id LEFT JOIN m ON m.fid = tree.id"
		 " ORDER BY tree.path", FACTOR_TREE_CTE, o->coder ? " " CODER_FIG_SESSION "," : "",
		 dims[o->cols].key, figures_source(o));
	st = cell ? db_prepare(db, sql, err) : NULL;
	if (!st) {
		free(cell);
		return cell ? -1 : st_err_set(err, "%s", _("out of memory"));
	}
	bind_filter(st, o);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		int c;

		if (id != current) {
			if (current)
				factor_row(o, w, code, name, level, cell, m->n);
			free(code);
			free(name);
			code = db_column_strdup(st, 1);
			name = db_column_strdup(st, 2);
			level = sqlite3_column_int(st, 3);
			memset(cell, 0, sizeof *cell * (size_t)(3 * m->n + 3));
			current = id;
		}
		c = sqlite3_column_type(st, 4) == SQLITE_NULL
			? -1 : column_of(m, sqlite3_column_int64(st, 4));
		if (c >= 0) {
			cell[3 * c] = sqlite3_column_int(st, 5);
			cell[3 * c + 1] = sqlite3_column_int(st, 6);
			cell[3 * c + 2] = sqlite3_column_int(st, 7);
		}
	}
	if (rc == SQLITE_DONE && current)
		factor_row(o, w, code, name, level, cell, m->n);
	if (rc != SQLITE_DONE)
		st_err_set(err, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	free(code);
	free(name);
	free(cell);
	return rc == SQLITE_DONE ? 0 : -1;
}

int export_matrix(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	struct matrix m = { 0 };
	struct out w = { .f = out };
	st_err ignored;
	bool own = sqlite3_get_autocommit(db) != 0;
	int rc = -1;

	if ((unsigned)o->cols >= MATRIX_COLS_COUNT)
		return st_err_set(err, "%s", _("unknown export"));
	/* The columns and the cells are read in one read transaction, so that
	 * a note written meanwhile cannot make a cell without its column. */
	if (own && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err);
	if (read_columns(db, o, &m, err) == 0 && header(o, &m, &w, err) == 0 &&
	    write_rows(db, o, &m, &w, err) == 0)
		rc = 0;
	if (own)
		db_rollback(db);    /* nothing was written */
	if (o->format == EXFMT_JSON) {
		if (rc == 0)
			fputs(w.rows ? "\n ]\n}\n" : "]\n}\n", out);
	} else if (w.s) {
		rc = rc == 0 ? sheet_close(w.s, err) : (sheet_close(w.s, &ignored), -1);
	}
	matrix_free(&m);
	return rc;
}
