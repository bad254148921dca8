/* export_rows.c: the rows of the tabular exports and of the list
 * commands: the field names, one note, person, attendee or factor as CSV
 * or JSON, and how a table of rows starts (see export_rows.h); the rows
 * of a worksheet are in export_xlsx.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/codebook.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/export_rows.h"
#include "core/figures.h"
#include "core/notes.h"
#include "core/people.h"
#include "core/sheet.h"

#define COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

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
const char *const export_evidence_fields[EXPORT_EVIDENCE_FIELDS] = {
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

void export_json_number(FILE *out, const char *key, long long value, bool first)
{
	if (!first)
		fputs(", ", out);
	emit_json_string(out, key);
	fprintf(out, ": %lld", value);
}

void export_json_start(FILE *out, bool first)
{
	fputs(first ? "\n  {" : ",\n  {", out);
}

void export_json_end_array(FILE *out, bool empty)
{
	fputs(empty ? "]\n" : "\n]\n", out);
}

/* Starts the rows of a tabular export: the CSV header (names), "[" for
 * JSON, or a worksheet with its header in the interface's language
 * (export_xlsx.c; *sh).  0, or -1 with err set. */
int export_begin_rows(const export_options *o, FILE *out, const char *const *names, int n,
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
	export_json_start(out, first);
	export_json_number(out, "id", n->id, true);
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

	export_json_start(out, first);
	if (pseudonymise) {
		person_pseudonym(p->id, code, sizeof code);
		emit_json_member(out, "code", code, false, true);
	} else {
		export_json_number(out, "id", p->id, true);
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

	export_json_start(out, first);
	emit_json_member(out, "programme", programme, false, true);
	emit_json_member(out, "session", session, false, false);
	if (pseudonymise) {
		person_pseudonym(a->person.id, code, sizeof code);
		emit_json_member(out, "code", code, false, false);
	} else {
		export_json_number(out, "person_id", a->person.id, false);
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
void export_factor_path(const st_factor *tree, int n, int i, char *buf, size_t size)
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
		export_factor_path(tree, n, i, path, sizeof path);
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

	export_json_start(out, i == 0);
	emit_json_member(out, "code", tree[i].code, false, true);
	emit_json_member(out, "name", tree[i].name, false, false);
	emit_json_member(out, "parent", parent ? parent->code : NULL, true, false);
	fprintf(out, ", \"level\": %d", tree[i].depth);
	factor_figure_values(x, v);
	for (k = 0; k < FACTOR_FIGURE_VALUES; k++)
		fprintf(out, ", \"%s\": %d", export_factor_fields[4 + k], v[k]);
	if (full) {
		export_factor_path(tree, n, i, path, sizeof path);
		emit_json_member(out, "path", path, false, false);
		emit_json_member(out, "definition", tree[i].definition, false, false);
	}
	fputc('}', out);
}
