/* export.c: see export.h.  The CSV, JSON and xlsx exports (factors,
 * evidence, notes, attendance, people); their rows, which the list
 * commands share, are in export_rows.c, a worksheet's in export_xlsx.c.
 * The draaiboek is in export_draaiboek.c, the REFI-QDA codebook in
 * export_qdc.c, the codebook for people in export_codebook.c, the matrix
 * in export_matrix.c, the writing of a file whole or not at all in
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
#include "core/export_rows.h"
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

/* ---- the exports -------------------------------------------------------- */

static int write_error(st_err *err)
{
	return st_err_set(err, _("cannot write the export: %s"), strerror(errno ? errno : EIO));
}

static int export_factors(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	figure_filter filter = { o->programme_id, o->session_kind, o->session_id, o->coder };
	codebook_snapshot cb;
	char path[1024];
	sheet *sh;
	int i;

	if (codebook_snapshot_read(db, &filter, &cb, err) < 0)
		return -1;
	if (export_begin_rows(o, out, export_factor_fields, COUNT(export_factor_fields), &sh, err) != 0) {
		codebook_snapshot_free(&cb);
		return -1;
	}
	for (i = 0; i < cb.n; i++) {
		if (sh) {
			export_factor_path(cb.f, cb.n, i, path, sizeof path);
			export_factor_xlsx(sh, cb.f, cb.n, i, &cb.fig[i], path);
		} else if (o->format == EXFMT_CSV)
			export_factor_csv(out, o->csv, cb.f, cb.n, i, &cb.fig[i], true);
		else
			export_factor_json(out, cb.f, cb.n, i, &cb.fig[i], true);
		progress(o, i + 1, cb.n);
	}
	if (o->format == EXFMT_JSON)
		export_json_end_array(out, cb.n == 0);
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

	export_json_start(out, first);
	emit_json_member(out, "factor", f->code, false, true);
	emit_json_member(out, "factor_name", f->name, false, false);
	emit_json_member(out, "path", path, false, false);
	emit_json_member(out, "polarity", polarity, false, false);
	export_json_number(out, "note_id", sqlite3_column_int64(st, 1), false);
	for (k = 0; k < 8; k++)
		emit_json_member(out, export_evidence_fields[5 + k], v[k], k == 4 || k == 5, false);
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
		/* one coder's tags (?5), else a note once per polarity, whatever
		 * the number of coders (coalesce reads the subquery only
		 * without ?5) */
		" AND t.coder = coalesce(st_fold(?5), (SELECT min(u.coder) FROM tag u"
		" WHERE u.note_id = t.note_id AND u.factor_id = t.factor_id"
		" AND u.polarity = t.polarity))"
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
	if (!st || export_begin_rows(o, out, export_evidence_fields, EXPORT_EVIDENCE_FIELDS, &sh,
				     err) != 0)
		goto done;
	for (i = 0; i < n; i++) {
		export_factor_path(tree, n, i, path, sizeof path);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, tree[i].id);
		sqlite3_bind_int64(st, 2, o->programme_id);
		db_bind_text_or_null(st, 3, o->session_kind);
		sqlite3_bind_int64(st, 4, o->session_id);
		if (o->coder)     /* "" is the unknown coder, not every coder */
			sqlite3_bind_text(st, 5, o->coder, -1, SQLITE_STATIC);
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			export_evidence_row(out, o, sh, st, &tree[i], path, rows++ == 0);
		if (step != SQLITE_DONE) {
			st_err_set(err, "%s", sqlite3_errmsg(db));
			goto done;
		}
		progress(o, i + 1, n);
	}
	if (o->format == EXFMT_JSON)
		export_json_end_array(out, rows == 0);
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
		export_json_end_array(x->out, x->rows == 0);
	if (rc == 0)
		progress(x->o, x->rows, x->total);
	return export_xlsx_end(x->sheet, rc, err);
}

static int write_note(void *ctx, const st_note *row)
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
		export_note_json(x->out, row, x->rows == 0);
	if (x->o->pseudo)
		pseudonym_note_free(&hidden);
	row_done(x);
	return 0;
}

/* The notes stream from one statement (note_each); they are counted
 * first only for a progress bar, as the count may read every note. */
static int export_notes(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	struct list_export x = { .db = db, .o = o, .out = out, .err = err };

	if (o->notes)
		x.notes = *o->notes;
	if (o->programme_id)
		x.notes.programme_id = o->programme_id;
	if (o->session_id)
		x.notes.session_id = o->session_id;
	if (o->session_kind)
		x.notes.session_kind = o->session_kind;
	x.notes.tags_coder = o->coder;
	if (o->progress && (x.total = note_count(db, &x.notes, err)) < 0)
		return -1;
	if (export_begin_rows(o, out, export_note_fields, COUNT(export_note_fields), &x.sheet, err) != 0)
		return -1;
	return end_list(&x, note_each(db, &x.notes, write_note, &x, err), err);
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
	if (export_begin_rows(o, out, o->pseudonymise ? export_people_fields_pseudo : export_people_fields,
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
	if (export_begin_rows(o, out,
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
