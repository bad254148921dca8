/* duplicates.c: see duplicates.h.  Used by the people list (F5, F6). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/people.h"
#include "core/person_merge.h"
#include "tui/dialog.h"
#include "tui/duplicates.h"
#include "tui/person_form.h"
#include "tui/picker.h"
#include "tui/writes.h"

#define MAX_OF_PERSON 32

/* "Zoë Van den Broeck (Sint-Jozefscollege, zoe@sjc.be)": who a person is,
 * with what tells two of one name apart. */
static void describe(const st_person *p, char *buf, size_t n)
{
	const char *org = p->organisation ? p->organisation : "";
	const char *mail = p->email ? p->email : "";

	if (*org && *mail)
		snprintf(buf, n, "%s %s (%s, %s)", p->first_name, p->last_name, org, mail);
	else if (*org || *mail)
		snprintf(buf, n, "%s %s (%s)", p->first_name, p->last_name, *org ? org : mail);
	else
		snprintf(buf, n, "%s %s", p->first_name, p->last_name);
}

/* The question before merging: who stays (the one entered first), who
 * goes, and what moves, counted. */
static void merge_question(const st_person *keep, const st_person *gone,
			   const person_merge_impact *m, char *text, size_t n)
{
	char who_keep[512], who_gone[512], records[128], notes[128], links[128];

	describe(keep, who_keep, sizeof who_keep);
	describe(gone, who_gone, sizeof who_gone);
	person_link_counts(m->attendance, m->coaching, records, sizeof records, links,
			   sizeof links);
	snprintf(notes, sizeof notes,
		 ngettext("%d note about them", "%d notes about them", (unsigned long)m->notes),
		 m->notes);
	snprintf(text, n, _("Merge these two into one person? This cannot be undone.\n"
			    "Stays: %s, entered first.\n"
			    "Goes: %s.\n"
			    "Moved to the one who stays: %s (%d at a session both have: the more"
			    " telling status is kept), %s, %s. An empty e-mail or organisation is"
			    " filled in."),
		 who_keep, who_gone, records, m->combined, notes, links);
}

/* Asks, then merges a and b.  True when merged. */
static bool merge_asked(struct tui_app *app, long long a, long long b)
{
	person_merge_impact m;
	st_person keep = { 0 }, gone = { 0 };
	char text[2048];
	st_err err;
	bool done = false;

	if (person_merge_impact_of(app->db, a, b, &m, &err) != 0 ||
	    person_get(app->db, m.keep, &keep, &err) != 1 ||
	    person_get(app->db, m.gone, &gone, &err) != 1) {
		app_message(app, true, "%s", err.msg);
	} else {
		merge_question(&keep, &gone, &m, text, sizeof text);
		if (dialog_ask(app, _("Merge people"), text, _("[y] merge  [Esc] keep both"), "yj") != 27) {
			pending_write w = { .kind = PW_PERSON_MERGE, .n = { m.keep, m.gone } };

			snprintf(text, sizeof text, _("%s %s merged into %s %s"), gone.first_name,
				 gone.last_name, keep.first_name, keep.last_name);
			w.what = strdup(text);
			done = app_write(app, &w, NULL) == WRITE_DONE;
			if (done)
				app_message(app, false, "%s", text);
		}
	}
	person_clear(&keep);
	person_clear(&gone);
	return done;
}

bool duplicates_of_person(struct tui_app *app, long long id)
{
	st_person me = { 0 }, found[MAX_OF_PERSON];
	char labels[MAX_OF_PERSON][512];
	const char *items[MAX_OF_PERSON];
	char title[512];
	st_err err;
	int n, i, chosen;
	bool done = false;

	memset(found, 0, sizeof found);
	if (person_get(app->db, id, &me, &err) != 1 ||
	    (n = person_duplicates_of(app->db, id, found, MAX_OF_PERSON, &err)) < 0) {
		app_message(app, true, "%s", err.msg);
		person_clear(&me);
		return false;
	}
	if (n == 0)
		app_message(app, false, _("Nobody looks like %s %s."), me.first_name, me.last_name);
	for (i = 0; i < n; i++) {
		describe(&found[i], labels[i], sizeof labels[i]);
		items[i] = labels[i];
	}
	snprintf(title, sizeof title, _("Merge %s %s with"), me.first_name, me.last_name);
	if (n > 0 && (chosen = picker_run(app, title, items, n, 0)) >= 0)
		done = merge_asked(app, id, found[chosen].id);
	for (i = 0; i < n; i++)
		person_clear(&found[i]);
	person_clear(&me);
	return done;
}

/* The pairs of every group: the one kept with each of the others. */
struct pairs {
	int n;
	long long a[DUP_MAX_PAIRS], b[DUP_MAX_PAIRS];
	char label[DUP_MAX_PAIRS][512];
};

static int add_pairs(void *ctx, const person_dup_group *g, st_err *err)
{
	struct pairs *p = ctx;
	char one[240], two[240];
	int i;

	(void)err;
	for (i = 1; i < g->n; i++) {
		if (p->n == DUP_MAX_PAIRS)
			return 1;   /* enough for a list: stop reading */
		describe(&g->people[0], one, sizeof one);
		describe(&g->people[i], two, sizeof two);
		/* Why first: a long pair is cut at the end. */
		snprintf(p->label[p->n], sizeof p->label[0], "%s: %s  =  %s",
			 g->reason == DUP_EMAIL ? _("same e-mail") : _("same name"), one, two);
		p->a[p->n] = g->people[0].id;
		p->b[p->n] = g->people[i].id;
		p->n++;
	}
	return 0;
}

bool duplicates_all(struct tui_app *app)
{
	struct pairs *p = calloc(1, sizeof *p);
	const char **items = calloc(DUP_MAX_PAIRS, sizeof *items);
	st_err err;
	int i, chosen = -1;
	bool done = false;

	if (!p || !items) {
		app_message(app, true, "%s", _("out of memory"));
	} else if (person_duplicate_groups(app->db, add_pairs, p, &err) < 0) {
		app_message(app, true, "%s", err.msg);
	} else if (p->n == 0) {
		app_message(app, false, "%s", _("No two people look like the same person."));
	} else {
		for (i = 0; i < p->n; i++)
			items[i] = p->label[i];
		chosen = picker_run(app, _("People who look like the same person"), items, p->n, 0);
		done = chosen >= 0 && merge_asked(app, p->a[chosen], p->b[chosen]);
	}
	free(items);
	free(p);
	return done;
}
