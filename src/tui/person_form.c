/* person_form.c: what every screen that shows people offers for one
 * person: the person form (a new person, or one edited), with its checks
 * before saving (a new school typed, someone who looks the same already
 * known), and deleting a person after saying what goes with them.  Used
 * by the people list, the person screen and the attendance screen (a
 * newcomer at the door). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/person_match.h"
#include "core/roles.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/org_form.h"
#include "tui/person_form.h"
#include "tui/view.h"
#include "tui/writes.h"

#define MAX_SIMILAR 3
#define MAX_ROLES 64   /* the roles a form offers, at most */

/* ---- deleting ----------------------------------------------------------- */

void person_link_counts(int attendance, int coaching, char *records, size_t rn, char *links,
			size_t ln)
{
	snprintf(records, rn,
		 ngettext("%d attendance record", "%d attendance records", (unsigned long)attendance),
		 attendance);
	snprintf(links, ln, ngettext("%d coach link", "%d coach links", (unsigned long)coaching),
		 coaching);
}

/* The question before deleting p: what goes with them (counted with
 * ngettext, one count a phrase), the choice for the notes about them,
 * and what is not changed (notes that only mention the name). */
static void delete_question(const st_person *p, const person_impact *imp, char *text, size_t n)
{
	char records[128], links[128], notes[512];
	size_t len;

	person_link_counts(imp->attendance, imp->coaching, records, sizeof records, links,
			   sizeof links);
	len = (size_t)snprintf(text, n, _("Delete %s %s? This cannot be undone.\n"
					  "Removed with them: %s, %s."),
			       p->first_name, p->last_name, records, links);
	if (imp->notes_about && len < n) {
		snprintf(notes, sizeof notes,
			 ngettext("%d note is about them: [n] moves it to the trash too, [k] keeps it "
				  "without the link.",
				  "%d notes are about them: [n] moves them to the trash too, [k] keeps "
				  "them without the link.", (unsigned long)imp->notes_about),
			 imp->notes_about);
		len += (size_t)snprintf(text + len, n - len, "\n%s", notes);
	}
	if (imp->notes_mentioning && len < n) {
		snprintf(notes, sizeof notes,
			 ngettext("%d other note names them in its text or author: it is not changed.",
				  "%d other notes name them in their text or author: they are not "
				  "changed.", (unsigned long)imp->notes_mentioning),
			 imp->notes_mentioning);
		snprintf(text + len, n - len, "\n%s", notes);
	}
}

bool person_delete_asked(struct tui_app *app, long long id)
{
	person_impact imp;
	st_person p = { 0 };
	char text[2048];
	st_err err;
	bool done = false;
	int key;

	if (person_get(app->db, id, &p, &err) != 1 ||
	    person_delete_impact(app->db, id, &imp, &err) != 0) {
		app_message(app, true, "%s", err.msg);
		person_clear(&p);
		return false;
	}
	delete_question(&p, &imp, text, sizeof text);
	if (imp.notes_about)
		key = dialog_ask(app, _("Delete person"), text,
				 _("[n] trash the notes too  [k] keep the notes  [Esc] cancel"), "nk");
	else
		key = dialog_ask(app, _("Delete person"), text, _("[y] delete  [Esc] keep"), "yj");
	if (key != 27) {
		pending_write w = { .kind = PW_PERSON_DELETE, .n = { id, key == 'n' } };
		snprintf(text, sizeof text, _("%s %s deleted"), p.first_name, p.last_name);
		w.what = strdup(text);
		done = app_write(app, &w, NULL) == WRITE_DONE;
		if (done)
			app_message(app, false, _("Deleted %s %s"), p.first_name, p.last_name);
	}
	person_clear(&p);
	return done;
}

/* ---- the form ----------------------------------------------------------- */

enum { F_FIRST, F_LAST, F_ROLE, F_ORG, F_EMAIL, F_FOCUS, F_COUNT };

/* Splits "Françoise Peeters" into first and last name (the first word is
 * the first name: "Zoë Van den Broeck"). */
static void split_name(const char *name, struct form_field *f)
{
	char copy[256], *space;

	snprintf(copy, sizeof copy, "%s", name ? name : "");
	text_trim(copy);
	space = strchr(copy, ' ');
	if (space) {
		*space = '\0';
		le_set(&f[F_LAST].edit, text_trim(space + 1));
	}
	le_set(&f[F_FIRST].edit, copy);
}

/* The roles the form offers: those of roles.ini and the configuration,
 * and a person's own role when this laptop does not know it (one added in
 * a colleague's configuration, come in by sync), so that editing their
 * e-mail does not silently make them a teacher. */
struct role_choices {
	const char *key[MAX_ROLES + 1], *label[MAX_ROLES + 1];
	int n;
};

static void role_choices(const st_roles *r, const char *own, struct role_choices *c)
{
	int i;

	for (c->n = 0; c->n < r->n && c->n < MAX_ROLES; c->n++) {
		c->key[c->n] = r->role[c->n].key;
		c->label[c->n] = roles_label(r, r->role[c->n].key);
	}
	for (i = 0; i < c->n && own && strcmp(c->key[i], own) != 0; i++)
		;
	if (own && *own && i == c->n) {
		c->key[c->n] = own;
		c->label[c->n++] = roles_label(r, own);
	}
}

static void fill_form(const struct role_choices *roles, struct form_field *f, const st_person *p)
{
	int i;

	le_set(&f[F_FIRST].edit, p->first_name);
	le_set(&f[F_LAST].edit, p->last_name);
	le_set(&f[F_ORG].edit, p->organisation);
	le_set(&f[F_EMAIL].edit, p->email);
	le_set(&f[F_FOCUS].edit, p->focus);
	for (i = 0; i < roles->n; i++)
		if (strcmp(roles->key[i], p->role) == 0)
			f[F_ROLE].choice = i;
}

/* The answers of the new-school question, the suggestion's name cut so
 * that "[Esc] back" still fits the line dialog_ask gives them (the box is
 * at most 64 columns, less its borders and margins). */
static void new_org_answers(const char *suggestion, char *out, size_t n)
{
	int room = (COLS - 2 < 64 ? COLS - 2 : 64) - 4, over;
	char *cut;

	snprintf(out, n, _("[y] create  [t] use %s  [Esc] back"), suggestion);
	over = text_width(out) - room;
	if (over <= 0 || text_width(suggestion) - over < 4)
		return;
	cut = text_fit(suggestion, text_width(suggestion) - over, true);
	if (cut)
		snprintf(out, n, _("[y] create  [t] use %s  [Esc] back"), cut);
	free(cut);
}

/* The form's check: an organisation typed that is no existing name
 * (ignoring case and accents) would become a new school on saving, and
 * half a name typed with the suggestion showing must not make one
 * without asking.  Asks, and puts the suggestion in the field when it is
 * chosen.  False (the form stays open as it was) for Esc or an error. */
static bool confirm_new_org(void *ctx, struct form_field *f, char *msg, size_t size)
{
	struct tui_app *app = ctx;
	struct form_field *org = &f[F_ORG];
	char name[sizeof org->edit.utf8], *suggestion = NULL, text[sizeof name + 256], answers[512];
	long long id;
	st_err err;
	int known, key;

	snprintf(name, sizeof name, "%s", org->edit.utf8);
	text_trim(name);
	if (!*name)
		return true;
	known = org_find(app->db, NULL, name, &id, &err);
	if (known < 0)
		snprintf(msg, size, "%s", err.msg);
	if (known != 0)
		return known > 0;
	suggest_org_names(app, name, &suggestion, 1);
	snprintf(text, sizeof text, _("No school called '%s' yet. Create it?"), name);
	if (suggestion)
		new_org_answers(suggestion, answers, sizeof answers);
	else
		snprintf(answers, sizeof answers, "%s", _("[y] create  [Esc] back"));
	key = dialog_ask(app, _("New school"), text, answers, suggestion ? "yjt" : "yj");
	if (key == 't')
		le_set(&org->edit, suggestion);
	free(suggestion);
	return key != 27;
}

/* What tells a known person apart: their organisation, else their role. */
static const char *told_apart(struct tui_app *app, const st_person *p)
{
	return *p->organisation ? p->organisation : roles_label(&app->roles, p->role);
}

/* The question when several known people look like the one typed (two
 * Ilse Maes at two schools): each on a line with its digit, so that the
 * right one can be chosen, not only the nearest.  Keys: the digits, a. */
static void several_question(struct tui_app *app, struct form_field *f, const st_person *similar,
			     int n, char *text, size_t size, char *keys)
{
	size_t len = (size_t)snprintf(text, size, _("%s %s looks like people already known:"),
				      f[F_FIRST].edit.utf8, f[F_LAST].edit.utf8);
	int i;

	for (i = 0; i < n && len < size; i++) {
		len += (size_t)snprintf(text + len, size - len, "\n[%d] %s %s (%s)", i + 1,
					similar[i].first_name, similar[i].last_name,
					told_apart(app, &similar[i]));
		keys[i] = (char)('1' + i);
	}
	if (len < size)
		snprintf(text + len, size - len, "\n%s", _("Use one of them, or add a new one anyway?"));
	keys[i] = 'a';
	keys[i + 1] = '\0';
}

/* Before a new person is made: someone who looks the same?  Returns the
 * id to use instead, 0 to go on creating, -1 to go back to the form. */
static long long check_duplicate(struct tui_app *app, struct form_field *f)
{
	st_person similar[MAX_SIMILAR];
	char text[2048], answers[256], keys[MAX_SIMILAR + 2];
	st_err err;
	long long chosen = 0;
	int n, i, key;

	memset(similar, 0, sizeof similar);
	n = person_similar(app->db, f[F_FIRST].edit.utf8, f[F_LAST].edit.utf8, 0, similar,
			   MAX_SIMILAR, &err);
	if (n <= 0)
		return 0;
	if (n == 1) {
		snprintf(text, sizeof text, _("%s %s looks like %s %s (%s), who is already known. "
					      "Use that person, or add a new one anyway?"),
			 f[F_FIRST].edit.utf8, f[F_LAST].edit.utf8, similar[0].first_name,
			 similar[0].last_name, told_apart(app, &similar[0]));
		snprintf(answers, sizeof answers, "%s",
			 _("[u] use the known person  [a] add anyway  [Esc] back to the form"));
		snprintf(keys, sizeof keys, "ua");
	} else {
		several_question(app, f, similar, n, text, sizeof text, keys);
		snprintf(answers, sizeof answers,
			 _("[1-%d] use that person  [a] add anyway  [Esc] back to the form"), n);
	}
	key = dialog_ask(app, _("Maybe a duplicate"), text, answers, keys);
	if (key == 'u')
		chosen = similar[0].id;
	else if (key >= '1' && key < '1' + n)
		chosen = similar[key - '1'].id;
	else if (key == 27)
		chosen = -1;
	for (i = 0; i < n; i++)
		person_clear(&similar[i]);
	return chosen;
}

/* The form's fields as a write of person_id (0: a new person), with the
 * organisation by name: the write finds it, or makes it a new school
 * (the form asked first). */
static void person_write(const struct role_choices *roles, struct form_field *f,
			 long long person_id, pending_write *w)
{
	char what[512];

	memset(w, 0, sizeof *w);
	w->kind = PW_PERSON;
	w->n[0] = person_id;
	pending_write_text(w, 0, text_trim(f[F_FIRST].edit.utf8));
	pending_write_text(w, 1, text_trim(f[F_LAST].edit.utf8));
	pending_write_text(w, 2, roles->n ? roles->key[f[F_ROLE].choice] : "andere");
	pending_write_text(w, 3, text_trim(f[F_ORG].edit.utf8));
	pending_write_text(w, 4, text_trim(f[F_EMAIL].edit.utf8));
	pending_write_text(w, 5, f[F_FOCUS].edit.utf8);
	snprintf(what, sizeof what, "%.200s %.200s", f[F_FIRST].edit.utf8, f[F_LAST].edit.utf8);
	w->what = strdup(what);
}

long long person_form_run(struct tui_app *app, long long person_id, const char *name)
{
	struct form_field f[F_COUNT];
	struct role_choices roles;
	st_person p = { 0 };
	pending_write w;
	enum write_result r;
	st_err err;
	long long id = 0, other;
	int i, found = person_id ? person_get(app->db, person_id, &p, &err) : 0;

	memset(f, 0, sizeof f);
	role_choices(&app->roles, found == 1 ? p.role : NULL, &roles);
	f[F_FIRST] = (struct form_field){ .label = N_("First name"), .type = FIELD_TEXT, .required = true };
	f[F_LAST] = (struct form_field){ .label = N_("Last name"), .type = FIELD_TEXT, .required = true };
	f[F_ROLE] = (struct form_field){ .label = N_("Role"), .type = FIELD_CHOICE,
					 .choice_labels = roles.label, .nchoices = roles.n };
	f[F_ORG] = (struct form_field){ .label = N_("Organisation"), .type = FIELD_SUGGEST,
					.suggest = suggest_org_names, .ctx = app };
	f[F_EMAIL] = (struct form_field){ .label = N_("E-mail"), .type = FIELD_TEXT };
	f[F_FOCUS] = (struct form_field){ .label = N_("Focus (commas)"), .type = FIELD_TEXT };
	for (i = 0; i < F_COUNT; i++)
		le_clear(&f[i].edit);
	if (found == 1)
		fill_form(&roles, f, &p);
	else
		split_name(name, f);
	while (form_run(app, person_id ? _("Edit person") : _("New person"), f, F_COUNT,
			confirm_new_org, app)) {
		if (!person_id && (other = check_duplicate(app, f)) != 0) {
			if (other < 0)
				continue;
			id = other;
			break;
		}
		person_write(&roles, f, person_id, &w);
		/* Refused (no first name): the form stays, as it was. */
		r = app_write(app, &w, &id);
		if (r == WRITE_FAILED)
			continue;
		if (r == WRITE_DONE)
			app_message(app, false, _("Saved %s %s"), f[F_FIRST].edit.utf8, f[F_LAST].edit.utf8);
		if (person_id)
			id = r == WRITE_DONE ? person_id : 0;
		break;
	}
	person_clear(&p);
	return id;
}
