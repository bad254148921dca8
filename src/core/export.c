/* export.c: see export.h.  The CSV and JSON exports (factors, evidence,
 * notes, attendance, people), the rows the list commands share, and the
 * atomic writing of a file.  The draaiboek is in export_draaiboek.c, the
 * REFI-QDA codebook in export_qdc.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/attendance.h"
#include "core/db.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/factors.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/walk.h"
#include "core/notes.h"
#include "core/people.h"
#include "core/programme.h"

#define COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

const char *const export_what_name[EXPORT_WHAT_COUNT] = {
	"factors", "evidence", "notes", "attendance", "people", "draaiboek", "codebook",
};
const char *const export_format_name[EXFMT_COUNT] = { "csv", "json", "md", "html", "qdc" };

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
		return format == EXFMT_QDC;
	case EXPORT_FACTORS: case EXPORT_EVIDENCE: case EXPORT_NOTES:
	case EXPORT_ATTENDANCE: case EXPORT_PEOPLE:
		return format == EXFMT_CSV || format == EXFMT_JSON;
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

void export_default_name(enum export_what what, enum export_format format,
			 const char *session_code, char *buf, int size)
{
	char code[128];

	name_part(what == EXPORT_PEOPLE ? NULL : session_code, code, sizeof code);
	if (what == EXPORT_CODEBOOK)
		snprintf(buf, (size_t)size, "stemtui-codebook.qdc");
	else
		snprintf(buf, (size_t)size, "stemtui-%s%s.%s", export_what_name[what], code,
			 export_format_name[format]);
}

/* Whether the export holds names of people (mode 0600). */
static bool has_names(enum export_what what)
{
	return what != EXPORT_FACTORS && what != EXPORT_CODEBOOK;
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

void export_csv_header(FILE *out, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		emit_csv_field(out, names[i], i == 0);
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

void export_note_csv(FILE *out, const st_note *n)
{
	const char *v[] = {
		n->programme, n->session_code, n->session_kind, n->session_date, n->created_at,
		n->updated_at, n->kind, n->group_label, n->about, n->author, n->body, n->tags,
	};
	char id[32];
	int i;

	snprintf(id, sizeof id, "%lld", n->id);
	emit_csv_field(out, id, true);
	for (i = 0; i < COUNT(v); i++)
		emit_csv_field(out, v[i], false);
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

void export_person_csv(FILE *out, const st_person *p, bool pseudonymise)
{
	char buf[32];

	if (pseudonymise) {
		person_pseudonym(p->id, buf, sizeof buf);
		emit_csv_field(out, buf, true);
	} else {
		snprintf(buf, sizeof buf, "%lld", p->id);
		emit_csv_field(out, buf, true);
		emit_csv_field(out, p->first_name, false);
		emit_csv_field(out, p->last_name, false);
	}
	emit_csv_field(out, p->role, false);
	emit_csv_field(out, p->organisation, false);
	if (!pseudonymise)
		emit_csv_field(out, p->email, false);
	emit_csv_field(out, p->focus, false);
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

void export_attendee_csv(FILE *out, const char *programme, const char *session,
			 const st_attendee *a, bool pseudonymise)
{
	char buf[32];

	emit_csv_field(out, programme, true);
	emit_csv_field(out, session, false);
	if (pseudonymise) {
		person_pseudonym(a->person.id, buf, sizeof buf);
		emit_csv_field(out, buf, false);
	} else {
		snprintf(buf, sizeof buf, "%lld", a->person.id);
		emit_csv_field(out, buf, false);
		emit_csv_field(out, a->person.first_name, false);
		emit_csv_field(out, a->person.last_name, false);
	}
	emit_csv_field(out, a->person.role, false);
	emit_csv_field(out, a->person.organisation, false);
	emit_csv_field(out, att_status_key(a->status), false);
	emit_csv_field(out, a->arrived_at, false);
	emit_csv_field(out, a->walk_in ? "no" : "yes", false);
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

static void figure_values(const factor_figures *x, int v[10])
{
	int i;

	v[0] = x->notes;
	v[1] = x->sessions;
	v[2] = x->schools;
	v[3] = x->enablers;
	v[4] = x->barriers;
	v[5] = x->neutral;
	for (i = 0; i < 4; i++)
		v[6 + i] = x->by_kind[i];
}

void export_factor_csv(FILE *out, const st_factor *tree, int n, int i, const factor_figures *x,
		       bool full)
{
	const st_factor *parent = find_factor(tree, n, tree[i].parent_id);
	char num[16], path[1024];
	int v[10], k;

	emit_csv_field(out, tree[i].code, true);
	emit_csv_field(out, tree[i].name, false);
	emit_csv_field(out, parent ? parent->code : "", false);
	snprintf(num, sizeof num, "%d", tree[i].depth);
	emit_csv_field(out, num, false);
	figure_values(x, v);
	for (k = 0; k < 10; k++) {
		snprintf(num, sizeof num, "%d", v[k]);
		emit_csv_field(out, num, false);
	}
	if (full) {
		factor_path(tree, n, i, path, sizeof path);
		emit_csv_field(out, path, false);
		emit_csv_field(out, tree[i].definition ? tree[i].definition : "", false);
	}
	emit_csv_end(out);
}

void export_factor_json(FILE *out, const st_factor *tree, int n, int i, const factor_figures *x,
			bool full)
{
	const st_factor *parent = find_factor(tree, n, tree[i].parent_id);
	char path[1024];
	int v[10], k;

	json_start(out, i == 0);
	emit_json_member(out, "code", tree[i].code, false, true);
	emit_json_member(out, "name", tree[i].name, false, false);
	emit_json_member(out, "parent", parent ? parent->code : NULL, true, false);
	fprintf(out, ", \"level\": %d", tree[i].depth);
	figure_values(x, v);
	for (k = 0; k < 10; k++)
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
	st_factor *tree;
	factor_figures *fig;
	int n = factor_tree_figures(db, &filter, &tree, &fig, err), i, rc = -1;

	if (n < 0)
		return -1;
	if (o->format == EXFMT_CSV)
		export_csv_header(out, export_factor_fields, COUNT(export_factor_fields));
	else
		fputc('[', out);
	for (i = 0; i < n; i++) {
		if (o->format == EXFMT_CSV)
			export_factor_csv(out, tree, n, i, &fig[i], true);
		else
			export_factor_json(out, tree, n, i, &fig[i], true);
		progress(o, i + 1, n);
	}
	if (o->format == EXFMT_JSON)
		json_end_array(out, n == 0);
	rc = 0;
	factors_free(tree, n);
	free(fig);
	return rc;
}

static const char *polarity_word(int polarity)
{
	return polarity > 0 ? "enabler" : polarity < 0 ? "barrier" : "neutral";
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
	char path[1024];
	long long rows = 0;
	int n = 0, i, k, rc = -1, step;

	n = factor_tree_all(db, &tree, err);
	if (n < 0) {
		n = 0;
		goto done;
	}
	st = db_prepare(db, sql, err);
	if (!st)
		goto done;
	if (o->format == EXFMT_CSV)
		export_csv_header(out, evidence_fields, COUNT(evidence_fields));
	else
		fputc('[', out);
	for (i = 0; i < n; i++) {
		factor_path(tree, n, i, path, sizeof path);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, tree[i].id);
		sqlite3_bind_int64(st, 2, o->programme_id);
		db_bind_text_or_null(st, 3, o->session_kind);
		sqlite3_bind_int64(st, 4, o->session_id);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *v[9];
			char id[32];

			for (k = 0; k < 8; k++) {
				const unsigned char *t = sqlite3_column_text(st, k + 2);

				v[k] = t ? (const char *)t : "";
			}
			snprintf(id, sizeof id, "%lld", (long long)sqlite3_column_int64(st, 1));
			if (o->format == EXFMT_CSV) {
				emit_csv_field(out, tree[i].code, true);
				emit_csv_field(out, tree[i].name, false);
				emit_csv_field(out, path, false);
				emit_csv_field(out, polarity_word(sqlite3_column_int(st, 0)), false);
				emit_csv_field(out, id, false);
				for (k = 0; k < 8; k++)
					emit_csv_field(out, v[k], false);
				emit_csv_end(out);
			} else {
				json_start(out, rows == 0);
				emit_json_member(out, "factor", tree[i].code, false, true);
				emit_json_member(out, "factor_name", tree[i].name, false, false);
				emit_json_member(out, "path", path, false, false);
				emit_json_member(out, "polarity",
						 polarity_word(sqlite3_column_int(st, 0)), false, false);
				json_number(out, "note_id", sqlite3_column_int64(st, 1), false);
				for (k = 0; k < 8; k++)
					emit_json_member(out, evidence_fields[5 + k], v[k],
							 k == 4 || k == 5, false);
				fputc('}', out);
			}
			rows++;
		}
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
	return rc;
}

/* What the list exports share while they walk their rows. */
struct list_export {
	sqlite3 *db;
	const export_options *o;
	FILE *out;
	note_filter notes;
	person_filter people;
	char code[64], programme[256];
	long long rows, total;
};

/* Counts a row written and reports progress now and then. */
static void row_done(struct list_export *x)
{
	if (++x->rows % 64 == 0)
		progress(x->o, x->rows, x->total);
}

/* Ends the list: "]" for JSON, and the last progress report. */
static int end_list(struct list_export *x, int rc)
{
	if (rc != 0)
		return rc;
	if (x->o->format == EXFMT_JSON)
		json_end_array(x->out, x->rows == 0);
	progress(x->o, x->rows, x->total);
	return 0;
}

static int fetch_notes(void *ctx, const void *anchor, void *out, int n, st_err *err)
{
	struct list_export *x = ctx;

	return note_page(x->db, &x->notes, anchor, false, out, n, err);
}

static int write_note(void *ctx, void *row, long long index)
{
	struct list_export *x = ctx;

	if (x->o->format == EXFMT_CSV)
		export_note_csv(x->out, row);
	else
		export_note_json(x->out, row, index == 0);
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
	struct list_export x = { .db = db, .o = o, .out = out };

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
	if (o->format == EXFMT_CSV)
		export_csv_header(out, export_note_fields, COUNT(export_note_fields));
	else
		fputc('[', out);
	return end_list(&x, walk_rows(&notes, &x, write_note, err));
}

static int fetch_people(void *ctx, const void *anchor, void *out, int n, st_err *err)
{
	struct list_export *x = ctx;

	return person_page(x->db, &x->people, anchor, false, out, n, err);
}

static int write_person(void *ctx, void *row, long long index)
{
	struct list_export *x = ctx;

	if (x->o->format == EXFMT_CSV)
		export_person_csv(x->out, row, x->o->pseudonymise);
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
	if (o->format == EXFMT_CSV) {
		if (o->pseudonymise)
			export_csv_header(out, export_people_fields_pseudo,
					  COUNT(export_people_fields_pseudo));
		else
			export_csv_header(out, export_people_fields, COUNT(export_people_fields));
	} else {
		fputc('[', out);
	}
	return end_list(&x, walk_rows(&people, &x, write_person, err));
}

/* The name of the session's programme into buf.  0, or -1. */
static int session_programme(sqlite3 *db, long long session_id, char *code, size_t csize,
			     char *programme, size_t psize, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT s.code, p.name FROM session s"
				      " JOIN programme p ON p.id = s.programme_id WHERE s.id = ?1", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
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

	if (x->o->format == EXFMT_CSV)
		export_attendee_csv(x->out, x->programme, x->code, row, x->o->pseudonymise);
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
	struct list_export x = { .db = db, .o = o, .out = out };

	if (o->session_id <= 0)
		return st_err_set(err, "%s", _("an attendance export needs a session"));
	if (session_programme(db, o->session_id, x.code, sizeof x.code, x.programme,
			      sizeof x.programme, err) != 0)
		return -1;
	if (o->format == EXFMT_CSV) {
		if (o->pseudonymise)
			export_csv_header(out, export_attendance_fields_pseudo,
					  COUNT(export_attendance_fields_pseudo));
		else
			export_csv_header(out, export_attendance_fields,
					  COUNT(export_attendance_fields));
	} else {
		fputc('[', out);
	}
	return end_list(&x, walk_rows(&attendees, &x, write_attendee, err));
}

int export_write(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	int rc;

	if ((unsigned)o->what >= EXPORT_WHAT_COUNT || (unsigned)o->format >= EXFMT_COUNT)
		return st_err_set(err, "%s", _("unknown export"));
	if (!export_supported(o->what, o->format))
		return st_err_set(err, _("%s cannot be exported as %s"), export_what_name[o->what],
				  export_format_name[o->format]);
	switch (o->what) {
	case EXPORT_FACTORS: rc = export_factors(db, o, out, err); break;
	case EXPORT_EVIDENCE: rc = export_evidence(db, o, out, err); break;
	case EXPORT_NOTES: rc = export_notes(db, o, out, err); break;
	case EXPORT_ATTENDANCE: rc = export_attendance(db, o, out, err); break;
	case EXPORT_PEOPLE: rc = export_people(db, o, out, err); break;
	case EXPORT_DRAAIBOEK: rc = export_draaiboek(db, o, out, err); break;
	default: rc = export_qdc(db, o, out, err); break;
	}
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		return write_error(err);
	return rc;
}

/* ---- writing a file atomically --------------------------------------------- */

/* Refuses path when it is the open database or its journal, WAL or
 * shared-memory file (the same file, however it is named): renaming an
 * export over it would destroy the database.  0, or -1 with err set. */
static int refuse_database(sqlite3 *db, const char *path, st_err *err)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	const char *name = sqlite3_db_filename(db, "main");
	struct stat target, file;
	char other[4200];
	size_t i;

	if (!name || !*name || stat(path, &target) != 0)
		return 0;
	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(other, sizeof other, "%s%s", name, suffix[i]);
		if (stat(other, &file) == 0 && file.st_dev == target.st_dev &&
		    file.st_ino == target.st_ino)
			return st_err_set(err, _("%s is the database stemtui has open, or one of its"
						 " files (%s); export to another file"), path, other);
	}
	return 0;
}

/* The file a write to path lands in: a link's target (a person who links
 * draaiboek.html into a shared folder means the file there), else path.
 * Caller frees. */
static char *write_target(const char *path)
{
	struct stat sb;
	char *real;

	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) && (real = realpath(path, NULL)))
		return real;
	return strdup(path);
}

/* The start of the names of an export's temporary files: whose they are,
 * and short whatever the target's name (one of 255 bytes still fits). */
#define EXPORT_TEMP_KIND ".stemtui-export-"

/* A temporary file left by an export that was killed goes when its
 * writer is gone, or (another machine's) when nothing wrote it for this
 * long. */
#define EXPORT_TEMP_MAX_AGE 60

void export_remove_stale(const char *dir)
{
	fs_remove_stale(dir, EXPORT_TEMP_KIND, EXPORT_TEMP_MAX_AGE);
}

/* The temporary file being written, for export_abandon: a fixed buffer,
 * since a signal handler may not allocate. */
static char pending_tmp[4200];
static volatile sig_atomic_t pending_set;

void export_abandon(void)
{
	if (pending_set)
		unlink(pending_tmp);
}

/* Makes the temporary file for path in its folder (so that rename
 * replaces the target in one step), first removing what killed exports
 * left there.  Its name goes to tmp (size bytes) and pending_tmp.  The
 * file descriptor, or -1 with err set. */
static int make_temp(const char *path, char *tmp, size_t size, st_err *err)
{
	char *dir = fs_dirname(path);
	int fd;

	if (!dir)
		return st_err_set(err, "%s", _("out of memory"));
	export_remove_stale(dir);
	if (fs_temp_template(tmp, size, dir, EXPORT_TEMP_KIND) != 0) {
		errno = ENAMETOOLONG;
		fd = -1;
	} else {
		fd = mkstemp(tmp);
	}
	free(dir);
	if (fd < 0)
		return st_err_set(err, _("cannot create a file next to %s: %s"), path, strerror(errno));
	memcpy(pending_tmp, tmp, strlen(tmp) + 1);
	/* The whole name before the flag, as a handler would see it. */
	atomic_signal_fence(memory_order_seq_cst);
	pending_set = 1;
	return fd;
}

/* Writes the export to a temporary file beside path, then renames it
 * over path: an interrupted export never leaves half a file there. */
static int write_atomically(sqlite3 *db, const export_options *o, const char *path, st_err *err)
{
	char tmp[sizeof pending_tmp];
	FILE *f;
	mode_t mask;
	int fd, rc;

	fd = make_temp(path, tmp, sizeof tmp, err);
	if (fd < 0)
		return -1;
	/* mkstemp makes 0600; a file without names gets what any new file
	 * gets (0666 less the umask), as the person has set up. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, has_names(o->what) ? 0600 : 0666 & ~mask) != 0 || !(f = fdopen(fd, "w"))) {
		st_err_set(err, _("cannot write %s: %s"), tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		pending_set = 0;
		return -1;
	}
	rc = export_write(db, o, f, err);
	if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0)) {
		st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		rc = -1;
	}
	if (fclose(f) != 0 && rc == 0) {
		st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlink(tmp);
	pending_set = 0;
	return rc;
}

/* Connects to the Unix socket at path (open() cannot): a stream socket
 * someone listens on.  The descriptor, or -1 with errno set. */
static int connect_socket(const char *path)
{
	struct sockaddr_un sa;
	int fd, saved;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (const struct sockaddr *)&sa, sizeof sa) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		fd = -1;
	}
	return fd;
}

/* Writes the export straight into a device, pipe or socket (-o
 * /dev/stdout, a named pipe a script reads): these are streams, never
 * files to replace. */
static int write_stream(sqlite3 *db, const export_options *o, const char *path,
			bool is_socket, st_err *err)
{
	FILE *f;
	int fd, rc;

	fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == ENXIO && is_socket)
		fd = connect_socket(path);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rc = export_write(db, o, f, err);
	if (fclose(f) != 0 && rc == 0)
		rc = st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
	return rc;
}

/* How an export reaches path: a new or regular file (also through a
 * link) is replaced atomically, a device, pipe or socket written to;
 * anything else is refused (-1 with err set). */
enum way { WAY_REPLACE, WAY_STREAM, WAY_SOCKET };

static int way_to(const char *path, enum way *way, st_err *err)
{
	struct stat sb;
	char target[4096];
	ssize_t n;

	*way = WAY_REPLACE;
	if (lstat(path, &sb) != 0)
		return 0;   /* a new file; or the temporary file says why not */
	if (stat(path, &sb) != 0) {
		n = readlink(path, target, sizeof target - 1);
		target[n > 0 ? n : 0] = '\0';
		return st_err_set(err, _("cannot export to %s: it is a link to %s, which is not there"),
				  path, target);
	}
	if (S_ISREG(sb.st_mode))
		return 0;
	*way = S_ISSOCK(sb.st_mode) ? WAY_SOCKET : WAY_STREAM;
	if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode))
		return 0;
	return st_err_set(err, _("cannot export to %s: it is not a file (give a file name, or a "
				 "device or pipe such as /dev/stdout)"), path);
}

int export_to_path(sqlite3 *db, const export_options *o, const char *given, st_err *err)
{
	enum way way;
	char *path;
	int rc;

	if (!given || !*given)
		return st_err_set(err, "%s", _("no file to export to"));
	if (strcmp(given, "-") == 0)
		return export_write(db, o, stdout, err);
	if (refuse_database(db, given, err) != 0 || way_to(given, &way, err) != 0)
		return -1;
	if (way != WAY_REPLACE)
		return write_stream(db, o, given, way == WAY_SOCKET, err);
	if (!(path = write_target(given)))
		return st_err_set(err, "%s", _("out of memory"));
	rc = write_atomically(db, o, path, err);
	free(path);
	return rc;
}
