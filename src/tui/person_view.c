/* person_view.c: one person: who they are, the schools they coach, and
 * every session they came to, across programmes; and the person form. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/coaching.h"
#include "core/date.h"
#include "core/person_match.h"
#include "core/programme.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/roles.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/listview.h"
#include "tui/picker.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "tui/writes.h"

#define MAX_HISTORY 200
#define MAX_SCHOOLS 32
#define MAX_SIMILAR 3

struct person_view {
	struct view v;
	long long id;
	st_person p;
	st_organisation schools[MAX_SCHOOLS];
	int nschools;
	att_history history[MAX_HISTORY];
	int nhistory, first;
	char title[512];
};

#define PSV(v) ((struct person_view *)(v))

static void load(struct person_view *pv)
{
	st_err err;
	int i;

	person_clear(&pv->p);
	for (i = 0; i < pv->nschools; i++)
		org_clear(&pv->schools[i]);
	pv->nschools = pv->nhistory = 0;
	if (person_get(pv->v.app->db, pv->id, &pv->p, &err) != 1)
		return;
	pv->nschools = coaching_schools(pv->v.app->db, pv->id, pv->schools, MAX_SCHOOLS, &err);
	pv->nhistory = attendance_history(pv->v.app->db, pv->id, pv->history, MAX_HISTORY, &err);
	if (pv->nschools < 0)
		pv->nschools = 0;
	if (pv->nhistory < 0)
		pv->nhistory = 0;
}

/* The page is one column of lines, scrolled as a whole from line
 * pv->first, so every school of a coach of many and every session of a
 * long history can be brought into view.  Lines before the first
 * session: the name, a blank, four fields, the schools, a blank, the
 * sessions' heading. */
static int page_lines(const struct person_view *pv)
{
	return 2 + 4 + pv->nschools + 2 + pv->nhistory;
}

/* The screen row of page line `line`, or -1 when it is scrolled out of
 * view. */
static int page_row(const struct person_view *pv, int line)
{
	int row = pv->v.top + line - pv->first;

	return row >= pv->v.top && row < pv->v.top + pv->v.height ? row : -1;
}

/* A "Label:  value" line; the label is left out for a list's later
 * lines (label NULL). */
static int draw_field(const struct person_view *pv, int line, const char *label,
		      const char *value)
{
	char l[128];
	int row = page_row(pv, line);

	if (row < 0)
		return line + 1;
	if (label) {
		snprintf(l, sizeof l, "%s:", label);
		draw_text(stdscr, row, 1, 16, l, screen_attr(UI_ACCENT));
	}
	draw_text(stdscr, row, 18, COLS - 19, value, 0);
	return line + 1;
}

/* The history's columns: date, code, kind, status (with the time of
 * arrival, as in the attendance screen), programme. */
enum { H_DATE, H_CODE, H_KIND, H_STATUS, H_PROGRAMME, H_COUNT };

static void history_cells(const att_history *h, char date[64], char status[128])
{
	st_date d;

	if (date_parse_iso(h->date, &d) == 0)
		date_format_short(&d, date, 64);
	else
		snprintf(date, 64, "%s", h->date);
	if (h->status == ATT_PRESENT && *h->arrived_at)
		snprintf(status, 128, "%s %s", att_status_label(h->status), h->arrived_at);
	else
		snprintf(status, 128, "%s", att_status_label(h->status));
}

/* Widths from the whole history (it is in memory), so the columns stay
 * put while the page scrolls: every column whole, the programme's name
 * taking what is left. */
static void history_columns(const struct person_view *pv, int width[H_COUNT])
{
	static const int prio[H_COUNT] = { H_STATUS, H_DATE, H_CODE, H_KIND, H_PROGRAMME };
	static const int min[H_COUNT] = { 8, 4, 6, 8, 8 };
	static const char *const no_head[H_COUNT] = { "", "", "", "", "" };
	int want[H_COUNT] = { 0 }, i;
	char date[64], status[128];

	for (i = 0; i < pv->nhistory; i++) {
		const att_history *h = &pv->history[i];
		history_cells(h, date, status);
		widen_to(&want[H_DATE], date);
		widen_to(&want[H_CODE], h->code);
		widen_to(&want[H_KIND], session_kind_short(h->kind));
		widen_to(&want[H_STATUS], status);
		widen_to(&want[H_PROGRAMME], h->programme);
	}
	fit_columns(no_head, want, min, H_COUNT, prio, H_PROGRAMME, COLS - 3, width);
}

static void draw_history_row(const att_history *h, const int width[H_COUNT], int row)
{
	char date[64], status[128];
	int x = 2;

	history_cells(h, date, status);
	draw_blank_row(stdscr, row, 0);
	draw_text(stdscr, row, x, width[H_DATE], date, 0);
	x += width[H_DATE] + 1;
	draw_text(stdscr, row, x, width[H_CODE], h->code, screen_attr(UI_ACCENT));
	x += width[H_CODE] + 1;
	draw_text(stdscr, row, x, width[H_KIND], session_kind_short(h->kind), 0);
	x += width[H_KIND] + 1;
	draw_text(stdscr, row, x, width[H_STATUS], status, 0);
	x += width[H_STATUS] + 1;
	draw_text(stdscr, row, x, width[H_PROGRAMME], h->programme, 0);
}

static void psv_draw(struct view *v)
{
	struct person_view *pv = PSV(v);
	char line[512];
	int i, n = 0, row, width[H_COUNT];

	for (i = v->top; i < v->top + v->height; i++)
		draw_blank_row(stdscr, i, 0);
	if (!pv->p.first_name) {
		draw_text(stdscr, v->top + 1, 1, COLS - 2, _("This person no longer exists."), 0);
		return;
	}
	snprintf(line, sizeof line, "%s %s", pv->p.first_name, pv->p.last_name);
	if ((row = page_row(pv, n)) >= 0)
		draw_text(stdscr, row, 1, COLS - 2, line, A_BOLD);
	n += 2;
	n = draw_field(pv, n, _("Role"), roles_label(&v->app->roles, pv->p.role));
	n = draw_field(pv, n, _("Organisation"), pv->p.organisation);
	n = draw_field(pv, n, _("E-mail"), pv->p.email);
	n = draw_field(pv, n, _("Focus"), pv->p.focus);
	/* One school a line: on one line a fourth school was cut off. */
	for (i = 0; i < pv->nschools; i++)
		n = draw_field(pv, n, i ? NULL : _("Coaches"), pv->schools[i].name);
	n++;
	snprintf(line, sizeof line, ngettext("%d session", "%d sessions", (unsigned long)pv->nhistory),
		 pv->nhistory);
	if ((row = page_row(pv, n++)) >= 0)
		draw_text(stdscr, row, 1, COLS - 2, line, screen_attr(UI_HEADER) | A_BOLD);
	history_columns(pv, width);
	for (i = 0; i < pv->nhistory; i++, n++)
		if ((row = page_row(pv, n)) >= 0)
			draw_history_row(&pv->history[i], width, row);
}

/* Links a school typed by name, or unlinks it when already linked. */
static void coach_school(struct person_view *pv)
{
	const struct prompt p = { _("School this person coaches: "), NULL, NULL,
				  suggest_org_names, pv->v.app };
	char text[256], question[512];
	st_organisation o = { 0 };
	pending_write w;
	st_err err;
	int i;

	if (!statusbar_ask(pv->v.app, &p, text, sizeof text) || !*text)
		return;
	if (org_search(pv->v.app->db, text, &o, 1, &err) != 1) {
		app_message(pv->v.app, true, _("No organisation matches \"%s\""), text);
		return;
	}
	for (i = 0; i < pv->nschools && pv->schools[i].id != o.id; i++)
		;
	w = (pending_write){ .kind = i < pv->nschools ? PW_UNCOACH : PW_COACH, .n = { pv->id, o.id } };
	snprintf(question, sizeof question, i < pv->nschools ? _("%s no longer coached")
							     : _("%s coached"), o.name);
	w.what = strdup(question);
	if (i < pv->nschools) {
		snprintf(question, sizeof question, _("Stop linking %s as a school this person coaches?"), o.name);
		if (dialog_ask(pv->v.app, _("Coaching"), question, _("[y] yes  [Esc] no"), "yj") == 27)
			pending_write_clear(&w);
	}
	if (w.what)
		app_write(pv->v.app, &w, NULL);
	org_clear(&o);
	load(pv);
}

/* The question before deleting p: what goes with them (counted with
 * ngettext, one count a phrase), the choice for the notes about them,
 * and what is not changed (notes that only mention the name). */
static void delete_question(const st_person *p, const person_impact *imp, char *text, size_t n)
{
	char records[128], links[128], notes[512];
	size_t len;

	snprintf(records, sizeof records,
		 ngettext("%d attendance record", "%d attendance records", (unsigned long)imp->attendance),
		 imp->attendance);
	snprintf(links, sizeof links,
		 ngettext("%d coach link", "%d coach links", (unsigned long)imp->coaching),
		 imp->coaching);
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

static bool psv_act(struct view *v, enum action a)
{
	struct person_view *pv = PSV(v);

	if (page_move(&pv->first, page_lines(pv), pv->v.height, a))
		return true;
	switch (a) {
	case ACT_EDIT:
		if (person_form_run(v->app, pv->id, NULL) > 0)
			load(pv);
		return true;
	case ACT_DELETE:
		if (person_delete_asked(v->app, pv->id))
			view_pop(v->app);
		return true;
	case ACT_COACH: coach_school(pv); return true;
	default: return false;
	}
}

static const char *psv_title(struct view *v)
{
	struct person_view *pv = PSV(v);

	snprintf(pv->title, sizeof pv->title, _("Person  ·  %s %s"),
		 pv->p.first_name ? pv->p.first_name : "", pv->p.last_name ? pv->p.last_name : "");
	return pv->title;
}

static void psv_close(struct view *v)
{
	struct person_view *pv = PSV(v);
	int i;

	person_clear(&pv->p);
	for (i = 0; i < pv->nschools; i++)
		org_clear(&pv->schools[i]);
	free(pv);
}

static const enum action psv_handles[] = {
	LIST_MOVES, ACT_COACH, ACT_EDIT, ACT_DELETE, ACT_NONE,
};

const struct view_ops person_ops = {
	.name = "person",
	.kinds = { VIEW_PERSON },
	.handles = psv_handles,
	.draw = psv_draw,
	.act = psv_act,
	.close = psv_close,
	.title = psv_title,
};

struct view *person_view_open(struct tui_app *app, long long person_id)
{
	struct person_view *pv = calloc(1, sizeof *pv);

	if (!pv)
		return NULL;
	pv->v.ops = &person_ops;
	pv->v.app = app;
	pv->id = person_id;
	load(pv);
	return &pv->v;
}

/* ---- the form ----------------------------------------------------------- */

enum { F_FIRST, F_LAST, F_ROLE, F_ORG, F_EMAIL, F_FOCUS, F_COUNT };

int suggest_org_names(void *ctx, const char *text, char **out, int max)
{
	struct tui_app *app = ctx;
	st_organisation o[LE_SUGGESTIONS];
	st_err err;
	int n, i, k = 0, starting = 0;

	if (!*text || max <= 0)
		return 0;
	memset(o, 0, sizeof o);
	n = org_search(app->db, text, o, max < LE_SUGGESTIONS ? max : LE_SUGGESTIONS, &err);
	/* Best first: the names that start with text lead. */
	while (starting < n && text_starts_with_folded(o[starting].name, text))
		starting++;
	for (i = 0; i < n; i++) {
		if ((i < starting || !starting) && (out[k] = strdup(o[i].name)))
			k++;
		org_clear(&o[i]);
	}
	return k;
}

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

static void fill_form(struct tui_app *app, struct form_field *f, const st_person *p)
{
	int i;

	le_set(&f[F_FIRST].edit, p->first_name);
	le_set(&f[F_LAST].edit, p->last_name);
	le_set(&f[F_ORG].edit, p->organisation);
	le_set(&f[F_EMAIL].edit, p->email);
	le_set(&f[F_FOCUS].edit, p->focus);
	for (i = 0; i < app->roles.n; i++)
		if (strcmp(app->roles.role[i].key, p->role) == 0)
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

/* Before a new person is made: someone who looks the same?  Returns the
 * id to use instead, 0 to go on creating, -1 to go back to the form. */
static long long check_duplicate(struct tui_app *app, struct form_field *f)
{
	st_person similar[MAX_SIMILAR];
	char text[1024];
	st_err err;
	long long chosen = 0;
	int n, i, key;

	memset(similar, 0, sizeof similar);
	n = person_similar(app->db, f[F_FIRST].edit.utf8, f[F_LAST].edit.utf8, 0, similar,
			   MAX_SIMILAR, &err);
	if (n <= 0)
		return 0;
	snprintf(text, sizeof text, _("%s %s looks like %s %s (%s), who is already known. "
				      "Use that person, or add a new one anyway?"),
		 f[F_FIRST].edit.utf8, f[F_LAST].edit.utf8, similar[0].first_name,
		 similar[0].last_name, *similar[0].organisation ? similar[0].organisation
								: roles_label(&app->roles, similar[0].role));
	key = dialog_ask(app, _("Maybe a duplicate"), text,
			 _("[u] use the known person  [a] add anyway  [Esc] back to the form"), "ua");
	if (key == 'u')
		chosen = similar[0].id;
	else if (key == 27)
		chosen = -1;
	for (i = 0; i < n; i++)
		person_clear(&similar[i]);
	return chosen;
}

/* The form's fields as a write of person_id (0: a new person), with the
 * organisation by name: the write finds it, or makes it a new school
 * (the form asked first). */
static void person_write(struct tui_app *app, struct form_field *f, long long person_id,
			 pending_write *w)
{
	char what[512];

	memset(w, 0, sizeof *w);
	w->kind = PW_PERSON;
	w->n[0] = person_id;
	pending_write_text(w, 0, text_trim(f[F_FIRST].edit.utf8));
	pending_write_text(w, 1, text_trim(f[F_LAST].edit.utf8));
	pending_write_text(w, 2, app->roles.n ? app->roles.role[f[F_ROLE].choice].key : "andere");
	pending_write_text(w, 3, text_trim(f[F_ORG].edit.utf8));
	pending_write_text(w, 4, text_trim(f[F_EMAIL].edit.utf8));
	pending_write_text(w, 5, f[F_FOCUS].edit.utf8);
	snprintf(what, sizeof what, "%.200s %.200s", f[F_FIRST].edit.utf8, f[F_LAST].edit.utf8);
	w->what = strdup(what);
}

long long person_form_run(struct tui_app *app, long long person_id, const char *name)
{
	struct form_field f[F_COUNT];
	const char *roles[64];
	st_person p = { 0 };
	pending_write w;
	enum write_result r;
	st_err err;
	long long id = 0, other;
	int i;

	memset(f, 0, sizeof f);
	for (i = 0; i < app->roles.n && i < 64; i++)
		roles[i] = roles_label(&app->roles, app->roles.role[i].key);
	f[F_FIRST] = (struct form_field){ .label = N_("First name"), .type = FIELD_TEXT, .required = true };
	f[F_LAST] = (struct form_field){ .label = N_("Last name"), .type = FIELD_TEXT, .required = true };
	f[F_ROLE] = (struct form_field){ .label = N_("Role"), .type = FIELD_CHOICE,
					 .choice_labels = roles, .nchoices = i };
	f[F_ORG] = (struct form_field){ .label = N_("Organisation"), .type = FIELD_SUGGEST,
					.suggest = suggest_org_names, .ctx = app };
	f[F_EMAIL] = (struct form_field){ .label = N_("E-mail"), .type = FIELD_TEXT };
	f[F_FOCUS] = (struct form_field){ .label = N_("Focus (commas)"), .type = FIELD_TEXT };
	for (i = 0; i < F_COUNT; i++)
		le_clear(&f[i].edit);
	if (person_id && person_get(app->db, person_id, &p, &err) == 1)
		fill_form(app, f, &p);
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
		person_write(app, f, person_id, &w);
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
