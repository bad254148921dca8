/* export_xlsx.c: the rows of the tabular exports (factors, evidence,
 * notes, attendance, people) in a worksheet (sheet.c), which export.c
 * walks as it walks those of their CSV: the same fields, typed (numbers,
 * dates, text), with headers and values (kinds, polarity, status, yes
 * and no) in the interface's language: hefboom and drempel in Dutch. */
#include "config.h"

#include <string.h>

#include "core/attendance.h"
#include "core/codebook.h"
#include "core/export.h"
#include "core/figures.h"
#include "core/i18n.h"
#include "core/note_kinds.h"
#include "core/notes.h"
#include "core/people.h"
#include "core/programme.h"
#include "core/sheet.h"

#define COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

/* The headers, as N_() labels, in the order of the CSV fields. */
static const char *const factor_labels[] = {
	N_("Code"), N_("Name"), N_("Parent"), N_("Level"), N_("Notes"), N_("Sessions"),
	N_("Schools"), N_("Enablers"), N_("Barriers"), N_("Neutral"),
	/* then the kinds of session, the path and the definition */
};
static const char *const evidence_labels[] = {
	N_("Factor"), N_("Factor name"), N_("Path"), N_("Polarity"), N_("Note"),
	N_("Programme"), N_("Session"), N_("Session kind"), N_("Date"), N_("School"),
	N_("Group"), N_("Kind"), N_("Text"),
};
static const char *const note_labels[] = {
	N_("Id"), N_("Programme"), N_("Session"), N_("Session kind"), N_("Date"),
	N_("Entered"), N_("Changed"), N_("Kind"), N_("Group"), N_("About"), N_("Author"),
	N_("Text"), N_("Tags"),
};
static const char *const person_labels[] = {
	N_("Id"), N_("First name"), N_("Last name"), N_("Role"), N_("Organisation"),
	N_("E-mail"), N_("Focus"),
};
static const char *const person_labels_pseudo[] = {
	N_("Code"), N_("Role"), N_("Organisation"), N_("Focus"),
};
static const char *const attendee_labels[] = {
	N_("Programme"), N_("Session"), N_("Person"), N_("First name"), N_("Last name"),
	N_("Role"), N_("Organisation"), N_("Status"), N_("Arrived"), N_("Registered"),
};
static const char *const attendee_labels_pseudo[] = {
	N_("Programme"), N_("Session"), N_("Code"), N_("Role"), N_("Organisation"),
	N_("Status"), N_("Arrived"), N_("Registered"),
};

/* The header of the worksheet of o->what: its labels translated. */
static void header(sheet *s, const export_options *o)
{
	const char *t[COUNT(factor_labels) + SESSION_KIND_COUNT + 2];
	const char *const *labels;
	int n, i;

	switch (o->what) {
	case EXPORT_FACTORS: labels = factor_labels; n = COUNT(factor_labels); break;
	case EXPORT_EVIDENCE: labels = evidence_labels; n = COUNT(evidence_labels); break;
	case EXPORT_NOTES: labels = note_labels; n = COUNT(note_labels); break;
	case EXPORT_PEOPLE:
		labels = o->pseudonymise ? person_labels_pseudo : person_labels;
		n = o->pseudonymise ? COUNT(person_labels_pseudo) : COUNT(person_labels);
		break;
	default:
		labels = o->pseudonymise ? attendee_labels_pseudo : attendee_labels;
		n = o->pseudonymise ? COUNT(attendee_labels_pseudo) : COUNT(attendee_labels);
		break;
	}
	for (i = 0; i < n; i++)
		t[i] = _(labels[i]);
	if (o->what == EXPORT_FACTORS) {
		for (i = 0; i < SESSION_KIND_COUNT; i++)
			t[n++] = session_kind_short(session_kind_key[i]);
		t[n++] = _("Path");
		t[n++] = _("Definition");
	}
	sheet_header(s, t, n);
}

sheet *export_xlsx_begin(const export_options *o, FILE *out, st_err *err)
{
	sheet *s = sheet_open(out, true, CSV_RFC4180, export_what_name[o->what], err);

	if (s)
		header(s, o);
	return s;
}

int export_xlsx_end(sheet *s, int rc, st_err *err)
{
	st_err dropped;

	if (!s)
		return rc;
	if (rc != 0) {
		sheet_close(s, &dropped);
		return rc;
	}
	return sheet_close(s, err);
}

const char *export_polarity_text(int polarity)
{
	return polarity > 0 ? _("enabler") : polarity < 0 ? _("barrier") : _("neutral");
}

/* A kind key as its label; an unknown key as it is. */
static const char *kind_text(const char *key)
{
	return key && note_kind_index(key) >= 0 ? note_kind_label(key) : key;
}

static const char *session_kind_or_key(const char *key)
{
	return key && session_kind_index(key) >= 0 ? session_kind_text(key) : key;
}

void export_factor_xlsx(sheet *s, const st_factor *tree, int n, int i, const factor_figures *x,
			const char *path)
{
	const st_factor *f = &tree[i], *parent = NULL;
	int v[FACTOR_FIGURE_VALUES], k;

	for (k = 0; k < n && f->parent_id; k++)
		if (tree[k].id == f->parent_id)
			parent = &tree[k];
	sheet_text(s, f->code);
	sheet_text(s, f->name);
	sheet_text(s, parent ? parent->code : NULL);
	sheet_int(s, f->depth);
	factor_figure_values(x, v);
	for (k = 0; k < FACTOR_FIGURE_VALUES; k++)
		sheet_int(s, v[k]);
	sheet_text(s, path);
	sheet_text(s, f->definition);
	sheet_end_row(s);
}

void export_evidence_xlsx(sheet *s, const st_factor *f, const char *path, int polarity,
			  long long note_id, const char *const v[8])
{
	sheet_text(s, f->code);
	sheet_text(s, f->name);
	sheet_text(s, path);
	sheet_text(s, export_polarity_text(polarity));
	sheet_int(s, note_id);
	sheet_text(s, v[0]);
	sheet_text(s, v[1]);
	sheet_text(s, session_kind_or_key(v[2]));
	sheet_date(s, v[3]);
	sheet_text(s, v[4]);
	sheet_text(s, v[5]);
	sheet_text(s, kind_text(v[6]));
	sheet_text(s, v[7]);
	sheet_end_row(s);
}

void export_note_xlsx(sheet *s, const st_note *n)
{
	sheet_int(s, n->id);
	sheet_text(s, n->programme);
	sheet_text(s, n->session_code);
	sheet_text(s, session_kind_or_key(n->session_kind));
	sheet_date(s, n->session_date);
	sheet_date(s, n->created_at);
	sheet_date(s, n->updated_at);
	sheet_text(s, kind_text(n->kind));
	sheet_text(s, n->group_label);
	sheet_text(s, n->about);
	sheet_text(s, n->author);
	sheet_text(s, n->body);
	sheet_text(s, n->tags);
	sheet_end_row(s);
}

/* A person as their code, or their id and name. */
static void person_cells(sheet *s, const st_person *p, bool pseudonymise)
{
	char code[32];

	if (pseudonymise) {
		person_pseudonym(p->id, code, sizeof code);
		sheet_text(s, code);
	} else {
		sheet_int(s, p->id);
		sheet_text(s, p->first_name);
		sheet_text(s, p->last_name);
	}
}

void export_person_xlsx(sheet *s, const st_person *p, bool pseudonymise)
{
	person_cells(s, p, pseudonymise);
	sheet_text(s, p->role);
	sheet_text(s, p->organisation);
	if (!pseudonymise)
		sheet_text(s, p->email);
	sheet_text(s, p->focus);
	sheet_end_row(s);
}

void export_attendee_xlsx(sheet *s, const char *programme, const char *session,
			  const st_attendee *a, bool pseudonymise)
{
	sheet_text(s, programme);
	sheet_text(s, session);
	person_cells(s, &a->person, pseudonymise);
	sheet_text(s, a->person.role);
	sheet_text(s, a->person.organisation);
	sheet_text(s, att_status_label(a->status));
	sheet_date(s, a->arrived_at);
	sheet_text(s, a->walk_in ? _("no") : _("yes"));
	sheet_end_row(s);
}
