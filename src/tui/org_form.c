/* org_form.c: what every screen that shows organisations offers for
 * one: the organisation form (a new one, or one edited), deleting one
 * after saying what it takes with it, the names a field completes an
 * organisation with, and the label of its kind.  Used by the list of
 * schools and partners, the organisation screen, and (the completion) by
 * the person form and the screens that filter by organisation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/organisation.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/org_form.h"
#include "tui/statusbar.h"
#include "tui/view.h"
#include "tui/writes.h"

const char *org_kind_label(const char *kind)
{
	return strcmp(kind, "partner") == 0 ? _("Partner") : _("School");
}

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

/* The one organisation text names when it is no whole name: part of
 * exactly one.  Part of several is no answer (it would be whichever
 * sorts first: a coach linked to the wrong school); the message says to
 * type more.  1 with *o set, 0 with the message said, -1 on error. */
static int org_one_match(struct tui_app *app, const char *text, st_organisation *o, st_err *err)
{
	st_organisation found[2];
	int n;

	memset(found, 0, sizeof found);
	n = org_search(app->db, text, found, 2, err);
	if (n == 1) {
		*o = found[0];
		return 1;
	}
	if (n == 0)
		app_message(app, true, _("No organisation matches \"%s\""), text);
	else if (n > 1)
		app_message(app, true, _("Several organisations match \"%s\": type more of the name"),
			    text);
	org_clear(&found[0]);
	org_clear(&found[1]);
	return n < 0 ? -1 : 0;
}

int org_ask(struct tui_app *app, const char *question, st_organisation *o)
{
	const struct prompt p = { .text = question, .suggest = suggest_org_names, .ctx = app };
	char text[256];
	long long id;
	st_err err;
	int r;

	if (!statusbar_ask(app, &p, text, sizeof text))
		return -1;
	text_trim(text);
	if (!*text)
		return 0;
	/* A whole name (ignoring case and accents) is that organisation. */
	r = org_find(app->db, NULL, text, &id, &err);
	if (r == 1)
		r = org_get(app->db, id, o, &err);
	else if (r == 0)
		r = org_one_match(app, text, o, &err);
	if (r < 0)
		app_message(app, true, "%s", err.msg);
	return r == 1 ? 1 : -1;
}

/* ---- deleting ----------------------------------------------------------- */

/* The question before deleting o: what it takes with it, each count
 * with its own plural ("1 person loses", not "1 people lose"). */
static void delete_question(const st_organisation *o, const org_impact *imp, char *text,
			    size_t n)
{
	char people[256], coaches[128], sessions[128];

	snprintf(people, sizeof people,
		 ngettext("%d person loses their organisation (they stay)",
			  "%d people lose their organisation (they stay)", (unsigned long)imp->people),
		 imp->people);
	snprintf(coaches, sizeof coaches,
		 ngettext("%d coach link goes", "%d coach links go", (unsigned long)imp->coaches),
		 imp->coaches);
	snprintf(sessions, sizeof sessions,
		 ngettext("%d session loses its host school", "%d sessions lose their host school",
			  (unsigned long)imp->sessions_hosted),
		 imp->sessions_hosted);
	snprintf(text, n, _("Delete %s? %s, %s, %s."), o->name, people, coaches, sessions);
}

bool org_delete_asked(struct tui_app *app, long long id)
{
	st_organisation o = { 0 };
	org_impact imp;
	char text[1024];
	st_err err;
	bool done = false;

	if (org_get(app->db, id, &o, &err) != 1 || org_delete_impact(app->db, id, &imp, &err) != 0) {
		app_message(app, true, "%s", err.msg);
		org_clear(&o);
		return false;
	}
	delete_question(&o, &imp, text, sizeof text);
	if (dialog_ask(app, _("Delete organisation"), text, _("[y] delete  [Esc] keep"), "yj") != 27) {
		pending_write w = { .kind = PW_ORG_DELETE, .n = { id } };
		snprintf(text, sizeof text, _("%s deleted"), o.name);
		w.what = strdup(text);
		done = app_write(app, &w, NULL) == WRITE_DONE;
		if (done)
			app_message(app, false, _("Deleted %s"), o.name);
	}
	org_clear(&o);
	return done;
}

/* ---- the form ----------------------------------------------------------- */

enum { G_NAME, G_KIND, G_NETWORK, G_STREET, G_POSTCODE, G_CITY, G_COUNT };

long long org_form_run(struct tui_app *app, long long org_id)
{
	static const char *const kinds[] = { "school", "partner" };
	const char *kind_labels[2] = { org_kind_label(kinds[0]), org_kind_label(kinds[1]) };
	struct form_field f[G_COUNT];
	st_organisation o = { 0 };
	st_err err;
	long long id = 0;
	int i;

	memset(f, 0, sizeof f);
	f[G_NAME] = (struct form_field){ .label = N_("Name"), .type = FIELD_TEXT, .required = true };
	f[G_KIND] = (struct form_field){ .label = N_("Kind"), .type = FIELD_CHOICE,
					 .choice_labels = kind_labels, .nchoices = 2 };
	f[G_NETWORK] = (struct form_field){ .label = N_("Network"), .type = FIELD_TEXT };
	f[G_STREET] = (struct form_field){ .label = N_("Street"), .type = FIELD_TEXT };
	f[G_POSTCODE] = (struct form_field){ .label = N_("Postcode"), .type = FIELD_TEXT };
	f[G_CITY] = (struct form_field){ .label = N_("City"), .type = FIELD_TEXT };
	for (i = 0; i < G_COUNT; i++)
		le_clear(&f[i].edit);
	if (org_id && org_get(app->db, org_id, &o, &err) == 1) {
		le_set(&f[G_NAME].edit, o.name);
		f[G_KIND].choice = strcmp(o.kind, "partner") == 0;
		le_set(&f[G_NETWORK].edit, o.network);
		le_set(&f[G_STREET].edit, o.street);
		le_set(&f[G_POSTCODE].edit, o.postcode);
		le_set(&f[G_CITY].edit, o.city);
	}
	while (form_run(app, org_id ? _("Edit organisation") : _("New organisation"), f, G_COUNT,
			NULL, NULL)) {
		/* PW_ORG's strings: kind, then the form's text fields in order. */
		pending_write w = { .kind = PW_ORG, .n = { org_id } };
		static const int field[] = { G_NAME, G_NETWORK, G_STREET, G_POSTCODE, G_CITY };
		enum write_result r;

		pending_write_text(&w, 0, kinds[f[G_KIND].choice]);
		for (i = 0; i < (int)(sizeof field / sizeof field[0]); i++)
			pending_write_text(&w, i + 1, text_trim(f[field[i]].edit.utf8));
		w.what = strdup(f[G_NAME].edit.utf8);
		/* Refused (a name missing): the form stays, as it was. */
		r = app_write(app, &w, &id);
		if (r == WRITE_FAILED)
			continue;
		if (r == WRITE_DONE)
			app_message(app, false, _("Saved %s"), f[G_NAME].edit.utf8);
		else
			id = 0;
		break;
	}
	org_clear(&o);
	return id;
}
