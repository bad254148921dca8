/* export.c: see export.h.  The CSV, JSON and xlsx exports (factors,
 * evidence, notes, attendance, people) and the rows the list commands
 * share; the rows of a worksheet are in export_xlsx.c.  The draaiboek is
 * in export_draaiboek.c, the REFI-QDA codebook in export_qdc.c, the
 * codebook for people in export_codebook.c, the matrix in
 * export_matrix.c, the writing of a file whole or not at all in
 * outfile.c. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/codebook.h"
#include "core/codebook_snapshot.h"
#include "core/db.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/figures.h"
#include "core/i18n.h"
#include "core/lang.h"
#include "core/notes.h"
#include "core/outfile.h"
#include "core/people.h"
#include "core/programme.h"
#include "core/pseudonym.h"
#include "core/sheet.h"
#include "core/walk.h"

#define COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

const char *const export_what_name[EXPORT_WHAT_COUNT] = {
	"factors", "evidence", "notes", "attendance", "people", "draaiboek", "codebook", "matrix",
};
const char *const export_format_name[EXFMT_COUNT] = { "csv", "json", "md", "html", "qdc",
							"xlsx" };

int export_what_from_name(const char *name)
{
	int i;

	for (i = 0; name && i < EXPORT_WHAT_COUNT; i++)
		if (strcmp(name, export_what_name[i]) == 0)
			return i;
	return -1;
}

int export_format_from_name(const char *name)
{
	int i;

	for (i = 0; name && i < EXFMT_COUNT; i++)
		if (strcmp(name, export_format_name[i]) == 0)
			return i;
	return -1;
}

bool export_supported(enum export_what what, enum export_format format)
{
	switch (what) {
	case EXPORT_DRAAIBOEK:
		return format == EXFMT_MD || format == EXFMT_HTML;
	case EXPORT_CODEBOOK:
		return format != EXFMT_JSON;
	case EXPORT_FACTORS:
		return format == EXFMT_CSV || format == EXFMT_JSON || format == EXFMT_HTML ||
		       format == EXFMT_XLSX;
	case EXPORT_EVIDENCE: case EXPORT_NOTES:
	case EXPORT_ATTENDANCE: case EXPORT_PEOPLE: case EXPORT_MATRIX:
		return format == EXFMT_CSV || format == EXFMT_JSON || format == EXFMT_XLSX;
	default:
		return false;
	}
}

/* "-" and s with every run of characters other than ASCII letters,
 * digits and "_" made one "-" ("COP 07" -> "-COP-07"), none at its end;
 * "" for an empty s.  Such a name needs no quoting in a shell and is
 * valid on every file system a stick may have. */
static void name_part(const char *s, char *out, size_t size)
{
	size_t n = 1;
	bool gap = true;

	for (; s && *s && n + 2 < size; s++) {
		bool keep = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || *s == '_';
		if (keep)
			out[n++] = *s;
		else if (!gap)
			out[n++] = '-';
		gap = !keep;
	}
	while (n > 1 && out[n - 1] == '-')
		n--;
	out[0] = '-';
	out[n > 1 ? n : 0] = '\0';
}

/* The start of the default file names, in the interface's language
 * ("stemtui-aanwezigheid" in Dutch); one missing here is the command's
 * name in English. */
static const char *const default_stem[EXPORT_WHAT_COUNT] = {
	/* TRANSLATORS: the start of a default export file name: letters,
	 * digits and "-" only. */
	[EXPORT_FACTORS] = N_("stemtui-factors"),
	[EXPORT_EVIDENCE] = N_("stemtui-evidence"),
	[EXPORT_NOTES] = N_("stemtui-notes"),
	[EXPORT_ATTENDANCE] = N_("stemtui-attendance"),
	[EXPORT_PEOPLE] = N_("stemtui-people"),
	[EXPORT_DRAAIBOEK] = N_("stemtui-draaiboek"),
	[EXPORT_CODEBOOK] = N_("stemtui-codebook"),
};

void export_default_name(enum export_what what, enum export_format format,
			 const char *session_code, char *buf, int size)
{
	char code[128], stem[64];

	name_part(what == EXPORT_PEOPLE || what == EXPORT_CODEBOOK ? NULL : session_code,
		  code, sizeof code);
	if (default_stem[what])
		snprintf(stem, sizeof stem, "%s", _(default_stem[what]));
	else
		snprintf(stem, sizeof stem, "stemtui-%s", export_what_name[what]);
	snprintf(buf, (size_t)size, "%s%s.%s", stem, code, export_format_name[format]);
}

/* Whether the export holds names of people (mode 0600); a spreadsheet
 * is made 0600 whatever it holds, as it is mailed on and opened
 * elsewhere. */
static bool has_names(enum export_what what, enum export_format format)
{
	return (what != EXPORT_FACTORS && what != EXPORT_CODEBOOK && what != EXPORT_MATRIX) ||
	       format == EXFMT_XLSX;
}

static void progress(const export_options *o, long long done, long long total)
{
	if (o->progress)
		o->progress(o->progress_ctx, done, total);
}

/* ---- rows -------------------------------------------------------------- */

const char *const export_note_fields[13] = {
	"id", "programme", "session", "session_kind", "date", "created_at", "updated_at",
	"kind", "group", "about", "author", "text", "tags",
};
const char *const export_people_fields[7] = {
	"id", "first_name", "last_name", "role", "organisation", "email", "focus",
};
const char *const export_people_fields_pseudo[4] = {
	"code", "role", "organisation", "focus",
};
const char *const export_attendance_fields[10] = {
	"programme", "session", "person_id", "first_name", "last_name", "role",
	"organisation", "status", "arrived_at", "registered",
};
const char *const export_attendance_fields_pseudo[8] = {
	"programme", "session", "code", "role", "organisation", "status", "arrived_at",
	"registered",
};
const char *const export_factor_fields[16] = {
	"code", "name", "parent", "level", "notes", "sessions", "schools", "enablers",
	"barriers", "neutral", "inspiratie", "groei", "focus", "uitwissel", "path", "definition",
};
static const char *const evidence_fields[] = {
	"factor", "factor_name", "path", "polarity", "note_id", "programme", "session",
	"session_kind", "date", "school", "group", "kind", "text",
};

void export_csv_header(FILE *out, enum csv_dialect d, const char *const *names, int n)
{
	int i;

	emit_csv_begin(out, d);
	for (i = 0; i < n; i++)
		emit_csv_cell(out, d, names[i], i == 0);
	emit_csv_end(out);
}

static void json_number(FILE *out, const char *key, long long value, bool first)
{
	if (!first)
		fputs(", ", out);
	emit_json_string(out, key);
	fprintf(out, ": %lld", value);
}

static void json_start(FILE *out, bool first)
{
	fputs(first ? "\n  {" : ",\n  {", out);
}

static void json_end_array(FILE *out, bool empty)
{
	fputs(empty ? "]\n" : "\n]\n", out);
}

/* Starts the rows of a tabular export: the CSV header (names), "[" for
 * JSON, or a worksheet with its header in the interface's language
 * (export_xlsx.c; *sh).  0, or -1 with err set. */
static int begin_rows(const export_options *o, FILE *out, const char *const *names, int n,
		      sheet **sh, st_err *err)
{
	*sh = NULL;
	if (o->format == EXFMT_XLSX)
		return (*sh = export_xlsx_begin(o, out, err)) ? 0 : -1;
	if (o->format == EXFMT_CSV)
		export_csv_header(out, o->csv, names, n);
	else
		fputc('[', out);
	return 0;
}

void export_note_csv(FILE *out, enum csv_dialect d, const st_note *n)
{
	const char *v[] = {
		n->programme, n->session_code, n->session_kind, n->session_date, n->created_at,
		n->updated_at, n->kind, n->group_label, n->about, n->author, n->body, n->tags,
	};
	char id[32];
	int i;

	snprintf(id, sizeof id, "%lld", n->id);
	emit_csv_cell(out, d, id, true);
	for (i = 0; i < COUNT(v); i++)
		emit_csv_cell(out, d, v[i], false);
	emit_csv_end(out);
}

void export_note_json(FILE *out, const st_note *n, bool first)
{
	json_start(out, first);
	json_number(out, "id", n->id, true);
	emit_json_member(out, "programme", n->programme, false, false);
	emit_json_member(out, "session", n->session_code, false, false);
	emit_json_member(out, "session_kind", n->session_kind, false, false);
	emit_json_member(out, "date", n->session_date, false, false);
	emit_json_member(out, "created_at", n->created_at, false, false);
	emit_json_member(out, "updated_at", n->updated_at, false, false);
	emit_json_member(out, "kind", n->kind, false, false);
	emit_json_member(out, "group", n->group_label, true, false);
	emit_json_member(out, "about", n->about, true, false);
	emit_json_member(out, "author", n->author, true, false);
	emit_json_member(out, "text", n->body, false, false);
	emit_json_member(out, "tags", n->tags, false, false);
	fputc('}', out);
}

/* Writes the focus tags "a,b" as a JSON array of strings. */
static void json_focus(FILE *out, const char *focus)
{
	const char *s = focus ? focus : "", *comma;
	bool first = true;

	fputc('[', out);
	while (*s) {
		size_t len;
		char *tag;

		comma = strchr(s, ',');
		len = comma ? (size_t)(comma - s) : strlen(s);
		tag = strndup(s, len);
		if (len > 0 && tag) {
			if (!first)
				fputs(", ", out);
			emit_json_string(out, tag);
			first = false;
		}
		free(tag);
		s += len + (comma ? 1 : 0);
	}
	fputc(']', out);
}

void export_person_csv(FILE *out, enum csv_dialect d, const st_person *p, bool pseudonymise)
{
	char buf[32];

	if (pseudonymise) {
		person_pseudonym(p->id, buf, sizeof buf);
		emit_csv_cell(out, d, buf, true);
	} else {
		snprintf(buf, sizeof buf, "%lld", p->id);
		emit_csv_cell(out, d, buf, true);
		emit_csv_cell(out, d, p->first_name, false);
		emit_csv_cell(out, d, p->last_name, false);
	}
	emit_csv_cell(out, d, p->role, false);
	emit_csv_cell(out, d, p->organisation, false);
	if (!pseudonymise)
		emit_csv_cell(out, d, p->email, false);
	emit_csv_cell(out, d, p->focus, false);
	emit_csv_end(out);
}

void export_person_json(FILE *out, const st_person *p, bool pseudonymise, bool first)
{
	char code[32];

	json_start(out, first);
	if (pseudonymise) {
		person_pseudonym(p->id, code, sizeof code);
		emit_json_member(out, "code", code, false, true);
	} else {
		json_number(out, "id", p->id, true);
		emit_json_member(out, "first_name", p->first_name, false, false);
		emit_json_member(out, "last_name", p->last_name, false, false);
	}
	emit_json_member(out, "role", p->role, false, false);
	emit_json_member(out, "organisation", p->organisation, true, false);
	if (!pseudonymise)
		emit_json_member(out, "email", p->email, true, false);
	fputs(", ", out);
	emit_json_string(out, "focus");
	fputs(": ", out);
	json_focus(out, p->focus);
	fputc('}', out);
}

void export_attendee_csv(FILE *out, enum csv_dialect d, const char *programme,
			 const char *session, const st_attendee *a, bool pseudonymise)
{
	char buf[32];

	emit_csv_cell(out, d, programme, true);
	emit_csv_cell(out, d, session, false);
	if (pseudonymise) {
		person_pseudonym(a->person.id, buf, sizeof buf);
		emit_csv_cell(out, d, buf, false);
	} else {
		snprintf(buf, sizeof buf, "%lld", a->person.id);
		emit_csv_cell(out, d, buf, false);
		emit_csv_cell(out, d, a->person.first_name, false);
		emit_csv_cell(out, d, a->person.last_name, false);
	}
	emit_csv_cell(out, d, a->person.role, false);
	emit_csv_cell(out, d, a->person.organisation, false);
	emit_csv_cell(out, d, att_status_key(a->status), false);
	emit_csv_cell(out, d, a->arrived_at, false);
	emit_csv_cell(out, d, a->walk_in ? "no" : "yes", false);
	emit_csv_end(out);
}

void export_attendee_json(FILE *out, const char *programme, const char *session,
			  const st_attendee *a, bool pseudonymise, bool first)
{
	char code[32];

	json_start(out, first);
	emit_json_member(out, "programme", programme, false, true);
	emit_json_member(out, "session", session, false, false);
	if (pseudonymise) {
		person_pseudonym(a->person.id, code, sizeof code);
		emit_json_member(out, "code", code, false, false);
	} else {
		json_number(out, "person_id", a->person.id, false);
		emit_json_member(out, "first_name", a->person.first_name, false, false);
		emit_json_member(out, "last_name", a->person.last_name, false, false);
	}
	emit_json_member(out, "role", a->person.role, false, false);
	emit_json_member(out, "organisation", a->person.organisation, true, false);
	emit_json_member(out, "status", att_status_key(a->status), false, false);
	emit_json_member(out, "arrived_at", a->arrived_at, true, false);
	fputs(a->walk_in ? ", \"registered\": false}" : ", \"registered\": true}", out);
}

static const st_factor *find_factor(const st_factor *tree, int n, long long id)
{
	int i;

	for (i = 0; id && i < n; i++)
		if (tree[i].id == id)
			return &tree[i];
	return NULL;
}

/* "VB > VB1": the codes from the top down to tree[i]. */
static void factor_path(const st_factor *tree, int n, int i, char *buf, size_t size)
{
	const st_factor *chain[64];
	const st_factor *f = &tree[i];
	int depth = 0, k;
	size_t len = 0;

	while (f && depth < 64) {
		chain[depth++] = f;
		f = find_factor(tree, n, f->parent_id);
	}
	buf[0] = '\0';
	for (k = depth - 1; k >= 0 && len < size; k--) {
		int w = snprintf(buf + len, size - len, "%s%s", k == depth - 1 ? "" : " > ",
				 chain[k]->code);
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

void export_factor_csv(FILE *out, enum csv_dialect d, const st_factor *tree, int n, int i,
		       const factor_figures *x, bool full)
{
	const st_factor *parent = find_factor(tree, n, tree[i].parent_id);
	char num[16], path[1024];
	int v[FACTOR_FIGURE_VALUES], k;

	emit_csv_cell(out, d, tree[i].code, true);
	emit_csv_cell(out, d, tree[i].name, false);
	emit_csv_cell(out, d, parent ? parent->code : "", false);
	snprintf(num, sizeof num, "%d", tree[i].depth);
	emit_csv_cell(out, d, num, false);
	factor_figure_values(x, v);
	for (k = 0; k < FACTOR_FIGURE_VALUES; k++) {
		snprintf(num, sizeof num, "%d", v[k]);
		emit_csv_cell(out, d, num, false);
	}
	if (full) {
		factor_path(tree, n, i, path, sizeof path);
		emit_csv_cell(out, d, path, false);
		emit_csv_cell(out, d, tree[i].definition ? tree[i].definition : "", false);
	}
	emit_csv_end(out);
}

void export_factor_json(FILE *out, const st_factor *tree, int n, int i, const factor_figures *x,
			bool full)
{
	const st_factor *parent = find_factor(tree, n, tree[i].parent_id);
	char path[1024];
	int v[FACTOR_FIGURE_VALUES], k;

	json_start(out, i == 0);
	emit_json_member(out, "code", tree[i].code, false, true);
	emit_json_member(out, "name", tree[i].name, false, false);
	emit_json_member(out, "parent", parent ? parent->code : NULL, true, false);
	fprintf(out, ", \"level\": %d", tree[i].depth);
	factor_figure_values(x, v);
	for (k = 0; k < FACTOR_FIGURE_VALUES; k++)
		fprintf(out, ", \"%s\": %d", export_factor_fields[4 + k], v[k]);
	if (full) {
		factor_path(tree, n, i, path, sizeof path);
		emit_json_member(out, "path", path, false, false);
		emit_json_member(out, "definition", tree[i].definition, false, false);
	}
	fputc('}', out);
}

/* ---- the exports -------------------------------------------------------- */

static int write_error(st_err *err)
{
	return st_err_set(err, _("cannot write the export: %s"), strerror(errno ? errno : EIO));
}

static int export_factors(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	figure_filter filter = { o->programme_id, o->session_kind, o->session_id };
	codebook_snapshot cb;
	char path[1024];
	sheet *sh;
	int i;

	if (codebook_snapshot_read(db, &filter, &cb, err) < 0)
		return -1;
	if (begin_rows(o, out, export_factor_fields, COUNT(export_factor_fields), &sh, err) != 0) {
		codebook_snapshot_free(&cb);
		return -1;
	}
	for (i = 0; i < cb.n; i++) {
		if (sh) {
			factor_path(cb.f, cb.n, i, path, sizeof path);
			export_factor_xlsx(sh, cb.f, cb.n, i, &cb.fig[i], path);
		} else if (o->format == EXFMT_CSV)
			export_factor_csv(out, o->csv, cb.f, cb.n, i, &cb.fig[i], true);
		else
			export_factor_json(out, cb.f, cb.n, i, &cb.fig[i], true);
		progress(o, i + 1, cb.n);
	}
	if (o->format == EXFMT_JSON)
		json_end_array(out, cb.n == 0);
	codebook_snapshot_free(&cb);
	return export_xlsx_end(sh, 0, err);
}

static const char *polarity_word(int polarity)
{
	return polarity > 0 ? "enabler" : polarity < 0 ? "barrier" : "neutral";
}

static void export_evidence_json(FILE *out, sqlite3_stmt *st, const st_factor *f,
				 const char *path, const char *polarity, const char *const *v,
				 bool first)
{
	int k;

	json_start(out, first);
	emit_json_member(out, "factor", f->code, false, true);
	emit_json_member(out, "factor_name", f->name, false, false);
	emit_json_member(out, "path", path, false, false);
	emit_json_member(out, "polarity", polarity, false, false);
	json_number(out, "note_id", sqlite3_column_int64(st, 1), false);
	for (k = 0; k < 8; k++)
		emit_json_member(out, evidence_fields[5 + k], v[k], k == 4 || k == 5, false);
	fputc('}', out);
}

/* One row of the evidence export: factor f (at path) and the note of the
 * current row of st (see export_evidence's query); to sh when the export
 * is a workbook. */
static void export_evidence_row(FILE *out, const export_options *o, sheet *sh, sqlite3_stmt *st,
				const st_factor *f, const char *path, bool first)
{
	const char *v[8], *polarity = polarity_word(sqlite3_column_int(st, 0));
	char id[32], *hidden[8] = { NULL };
	int k;

	for (k = 0; k < 8; k++) {
		const unsigned char *t = sqlite3_column_text(st, k + 2);

		v[k] = t ? (const char *)t : "";
		/* school, group and text name people and schools */
		if (o->pseudo && (k == 4 || k == 5 || k == 7) &&
		    (hidden[k] = pseudonym_text(o->pseudo, v[k])))
			v[k] = hidden[k];
	}
	snprintf(id, sizeof id, "%lld", (long long)sqlite3_column_int64(st, 1));
	if (sh) {
		export_evidence_xlsx(sh, f, path, sqlite3_column_int(st, 0),
				     sqlite3_column_int64(st, 1), v);
	} else if (o->format == EXFMT_CSV) {
		emit_csv_cell(out, o->csv, f->code, true);
		emit_csv_cell(out, o->csv, f->name, false);
		emit_csv_cell(out, o->csv, path, false);
		emit_csv_cell(out, o->csv, polarity, false);
		emit_csv_cell(out, o->csv, id, false);
		for (k = 0; k < 8; k++)
			emit_csv_cell(out, o->csv, v[k], false);
		emit_csv_end(out);
	} else {
		export_evidence_json(out, st, f, path, polarity, v, first);
	}
	for (k = 0; k < 8; k++)
		free(hidden[k]);
}

/* The tagged notes per factor in tree order, then by the time of the note. */
static int export_evidence(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	static const char sql[] =
		"SELECT t.polarity, n.id, p.name, s.code, s.kind, s.date,"
		" coalesce(ao.name, ho.name, ''), n.group_label, n.kind, n.body"
		" FROM tag t JOIN note n ON n.id = t.note_id"
		" JOIN session s ON s.id = n.session_id JOIN programme p ON p.id = s.programme_id"
		" LEFT JOIN organisation ao ON ao.id = n.about_org_id"
		" LEFT JOIN organisation ho ON ho.id = s.host_org_id"
		" WHERE t.factor_id = ?1 AND n.deleted_at IS NULL"
		" AND (?2 = 0 OR s.programme_id = ?2) AND (?3 IS NULL OR s.kind = ?3)"
		" AND (?4 = 0 OR s.id = ?4)"
		" ORDER BY n.created_at, n.id";
	st_factor *tree = NULL;
	sqlite3_stmt *st = NULL;
	sheet *sh = NULL;
	char path[1024];
	long long rows = 0;
	int n = 0, i, rc = -1, step;

	n = factor_tree_all(db, &tree, err);
	if (n < 0) {
		n = 0;
		goto done;
	}
	st = db_prepare(db, sql, err);
	if (!st || begin_rows(o, out, evidence_fields, COUNT(evidence_fields), &sh, err) != 0)
		goto done;
	for (i = 0; i < n; i++) {
		factor_path(tree, n, i, path, sizeof path);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, tree[i].id);
		sqlite3_bind_int64(st, 2, o->programme_id);
		db_bind_text_or_null(st, 3, o->session_kind);
		sqlite3_bind_int64(st, 4, o->session_id);
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			export_evidence_row(out, o, sh, st, &tree[i], path, rows++ == 0);
		if (step != SQLITE_DONE) {
			st_err_set(err, "%s", sqlite3_errmsg(db));
			goto done;
		}
		progress(o, i + 1, n);
	}
	if (o->format == EXFMT_JSON)
		json_end_array(out, rows == 0);
	rc = 0;
done:
	sqlite3_finalize(st);
	factors_free(tree, n);
	return export_xlsx_end(sh, rc, err);
}

/* What the list exports share while they walk their rows. */
struct list_export {
	sqlite3 *db;
	const export_options *o;
	FILE *out;
	sheet *sheet;               /* xlsx */
	note_filter notes;
	person_filter people;
	char code[64], programme[256];
	long long rows, total;
	st_err *err;
};

/* Counts a row written and reports progress now and then. */
static void row_done(struct list_export *x)
{
	if (++x->rows % 64 == 0)
		progress(x->o, x->rows, x->total);
}

/* Ends the list: "]" for JSON, the workbook for xlsx, and the last
 * progress report. */
static int end_list(struct list_export *x, int rc, st_err *err)
{
	if (rc == 0 && x->o->format == EXFMT_JSON)
		json_end_array(x->out, x->rows == 0);
	if (rc == 0)
		progress(x->o, x->rows, x->total);
	return export_xlsx_end(x->sheet, rc, err);
}

static int fetch_notes(void *ctx, const void *anchor, void *out, int n, st_err *err)
{
	struct list_export *x = ctx;

	return note_page(x->db, &x->notes, anchor, false, out, n, err);
}

static int write_note(void *ctx, void *row, long long index)
{
	struct list_export *x = ctx;
	st_note hidden;

	if (x->o->pseudo) {
		if (pseudonym_note(x->o->pseudo, row, &hidden) != 0)
			return st_err_set(x->err, "%s", _("out of memory"));
		row = &hidden;
	}
	if (x->sheet)
		export_note_xlsx(x->sheet, row);
	else if (x->o->format == EXFMT_CSV)
		export_note_csv(x->out, x->o->csv, row);
	else
		export_note_json(x->out, row, index == 0);
	if (x->o->pseudo)
		pseudonym_note_free(&hidden);
	row_done(x);
	return 0;
}

static void clear_note(void *row)
{
	note_clear(row);
}

static int export_notes(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	static const struct walk_source notes = { sizeof(st_note), fetch_notes, clear_note };
	struct list_export x = { .db = db, .o = o, .out = out, .err = err };

	if (o->notes)
		x.notes = *o->notes;
	if (o->programme_id)
		x.notes.programme_id = o->programme_id;
	if (o->session_id)
		x.notes.session_id = o->session_id;
	if (o->session_kind)
		x.notes.session_kind = o->session_kind;
	if ((x.total = note_count(db, &x.notes, err)) < 0)
		return -1;
	if (begin_rows(o, out, export_note_fields, COUNT(export_note_fields), &x.sheet, err) != 0)
		return -1;
	return end_list(&x, walk_rows(&notes, &x, write_note, err), err);
}

static int fetch_people(void *ctx, const void *anchor, void *out, int n, st_err *err)
{
	struct list_export *x = ctx;

	return person_page(x->db, &x->people, anchor, false, out, n, err);
}

static int write_person(void *ctx, void *row, long long index)
{
	struct list_export *x = ctx;

	if (x->sheet)
		export_person_xlsx(x->sheet, row, x->o->pseudonymise);
	else if (x->o->format == EXFMT_CSV)
		export_person_csv(x->out, x->o->csv, row, x->o->pseudonymise);
	else
		export_person_json(x->out, row, x->o->pseudonymise, index == 0);
	row_done(x);
	return 0;
}

static void clear_person(void *row)
{
	person_clear(row);
}

static int export_people(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	static const struct walk_source people = { sizeof(st_person), fetch_people, clear_person };
	struct list_export x = { .db = db, .o = o, .out = out };

	if (o->people)
		x.people = *o->people;
	x.people.by_code = o->pseudonymise;
	if ((x.total = person_count(db, &x.people, err)) < 0)
		return -1;
	if (begin_rows(o, out, o->pseudonymise ? export_people_fields_pseudo : export_people_fields,
		       o->pseudonymise ? COUNT(export_people_fields_pseudo)
				       : COUNT(export_people_fields), &x.sheet, err) != 0)
		return -1;
	return end_list(&x, walk_rows(&people, &x, write_person, err), err);
}

/* The name of the session's programme into buf.  0, or -1. */
static int session_programme(sqlite3 *db, long long session_id, char *code, size_t csize,
			     char *programme, size_t psize, st_err *err)
{
	sqlite3_stmt *st = db_prepare_ints(db, "SELECT s.code, p.name FROM session s JOIN programme p"
					   " ON p.id = s.programme_id WHERE s.id = ?1", &session_id, 1,
					   err);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(code, csize, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(programme, psize, "%s", (const char *)sqlite3_column_text(st, 1));
	} else if (rc == SQLITE_DONE) {
		st_err_set(err, _("there is no session with id %lld"), session_id);
	} else {
		st_err_set(err, "%s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int fetch_attendees(void *ctx, const void *anchor, void *out, int n, st_err *err)
{
	struct list_export *x = ctx;

	if (x->o->pseudonymise)
		return attendance_page_by_code(x->db, x->o->session_id, anchor, out, n, err);
	return attendance_page(x->db, x->o->session_id, NULL, anchor, false, out, n, err);
}

static int write_attendee(void *ctx, void *row, long long index)
{
	struct list_export *x = ctx;
	st_attendee *a = row;
	char *organisation = a->person.organisation;

	/* Role and school together tell who it is at a small school. */
	if (x->o->pseudo) {
		a->person.organisation = pseudonym_text(x->o->pseudo, organisation);
		if (!a->person.organisation) {
			a->person.organisation = organisation;
			return st_err_set(x->err, "%s", _("out of memory"));
		}
		free(organisation);
	}

	if (x->sheet)
		export_attendee_xlsx(x->sheet, x->programme, x->code, row, x->o->pseudonymise);
	else if (x->o->format == EXFMT_CSV)
		export_attendee_csv(x->out, x->o->csv, x->programme, x->code, row,
				    x->o->pseudonymise);
	else
		export_attendee_json(x->out, x->programme, x->code, row, x->o->pseudonymise,
				     index == 0);
	row_done(x);
	return 0;
}

static void clear_attendee(void *row)
{
	attendee_clear(row);
}

static int export_attendance(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	static const struct walk_source attendees = { sizeof(st_attendee), fetch_attendees,
						      clear_attendee };
	struct list_export x = { .db = db, .o = o, .out = out, .err = err };

	if (o->session_id <= 0)
		return st_err_set(err, "%s", _("an attendance export needs a session"));
	if (session_programme(db, o->session_id, x.code, sizeof x.code, x.programme,
			      sizeof x.programme, err) != 0)
		return -1;
	if (begin_rows(o, out,
		       o->pseudonymise ? export_attendance_fields_pseudo : export_attendance_fields,
		       o->pseudonymise ? COUNT(export_attendance_fields_pseudo)
				       : COUNT(export_attendance_fields), &x.sheet, err) != 0)
		return -1;
	return end_list(&x, walk_rows(&attendees, &x, write_attendee, err), err);
}

/* The export in o's language, with the names replaced when asked. */
static int export_write_as(sqlite3 *db, const export_options *o, FILE *out, st_err *err);

int export_write(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	export_options with = *o;
	lang_saved saved;
	int rc;

	if (o->language && !lang_known(o->language))
		return st_err_set(err, _("unknown language '%s' (nl or en)"), o->language);
	if (o->pseudonymise && o->what != EXPORT_PEOPLE && o->what != EXPORT_FACTORS &&
	    o->what != EXPORT_CODEBOOK && !(with.pseudo = pseudonymiser_new(db, err)))
		return -1;
	lang_switch(o->language, &saved);
	rc = export_write_as(db, &with, out, err);
	lang_restore(&saved);
	pseudonymiser_free(with.pseudo);
	return rc;
}

static int export_write_as(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	int rc;

	if ((unsigned)o->what >= EXPORT_WHAT_COUNT || (unsigned)o->format >= EXFMT_COUNT ||
	    (unsigned)o->csv >= CSV_DIALECT_COUNT)
		return st_err_set(err, "%s", _("unknown export"));
	if (!export_supported(o->what, o->format))
		return st_err_set(err, _("%s cannot be exported as %s"), export_what_name[o->what],
				  export_format_name[o->format]);
	switch (o->what) {
	case EXPORT_FACTORS:
		rc = o->format == EXFMT_HTML ? export_factors_html(db, o, out, err)
					     : export_factors(db, o, out, err);
		break;
	case EXPORT_EVIDENCE: rc = export_evidence(db, o, out, err); break;
	case EXPORT_NOTES: rc = export_notes(db, o, out, err); break;
	case EXPORT_ATTENDANCE: rc = export_attendance(db, o, out, err); break;
	case EXPORT_PEOPLE: rc = export_people(db, o, out, err); break;
	case EXPORT_DRAAIBOEK: rc = export_draaiboek(db, o, out, err); break;
	case EXPORT_MATRIX: rc = export_matrix(db, o, out, err); break;
	default:
		rc = o->format == EXFMT_QDC ? export_qdc(db, o, out, err)
					    : export_codebook(db, o, out, err);
		break;
	}
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		return write_error(err);
	return rc;
}

/* ---- writing to a path (outfile.c) ------------------------------------------ */

struct export_fill {
	sqlite3 *db;
	const export_options *o;
};

static int fill_export(void *ctx, FILE *out, st_err *err)
{
	const struct export_fill *x = ctx;

	return export_write(x->db, x->o, out, err);
}

int export_to_path(sqlite3 *db, const export_options *o, const char *path, st_err *err)
{
	struct export_fill x = { db, o };

	return outfile_write(db, path, has_names(o->what, o->format), fill_export, &x, err);
}

void export_abandon(void)
{
	outfile_abandon();
	sheet_abandon();
}

void export_remove_stale(const char *dir)
{
	outfile_remove_stale(dir);
}
