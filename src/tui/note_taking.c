/* note_taking.c: taking co-creation notes during a session.
 *
 * The notes so far fill the screen, newest last; the editor below is
 * always ready.  Enter saves the note at once (committed); Ctrl-J starts
 * a new line.  What is typed but not saved is kept as a draft in the
 * database every two seconds, so a crash loses at most that much. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/db.h"
#include "core/drafts.h"
#include "core/i18n.h"
#include "core/note_kinds.h"
#include "core/notes.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/programme.h"
#include "core/tags.h"
#include "core/text.h"
#include "tui/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/editor.h"
#include "tui/export_dialog.h"
#include "tui/extedit.h"
#include "tui/factor_picker.h"
#include "tui/listview.h"
#include "tui/note_reader.h"
#include "tui/note_taking.h"
#include "tui/quicktags.h"
#include "tui/screen.h"
#include "tui/statusbar.h"
#include "tui/view.h"
#include "tui/writes.h"

#define EDITOR_ROWS 5
#define DRAFT_SECONDS 2
#define MAX_GROUPS 8
#define PROMPT_ROOM 30   /* columns the group prompt leaves for typing */
#define MAX_OFFERED 20   /* drafts offered back at start-up */

struct notes_view {
	struct view v;
	st_session session;
	long long edit_id;          /* the note being edited, 0 for a new one */
	bool opened_to_edit;        /* opened by another screen to edit edit_id */
	struct editor ed;
	int kind;                   /* index in note_kind_key */
	char group[128];
	long long about_person, about_org;
	char about[256];
	/* The new note's kind, group and about while another note is
	 * edited (the table the facilitator is at): the edit must not
	 * change them. */
	struct {
		int kind;
		char group[128];
		long long about_person, about_org;
		char about[256];
	} new_note;
	note_filter filter;
	struct listview lv;
	bool list_focus;
	long long last_saved;       /* the note saved last here: digits tag it
				       (negative: kept for the database, writes.h) */
	/* The digits 1-9 tag (target_note) rather than type: from saving a
	 * note (or F7) until a key goes into the editor.  Only while the
	 * editor is empty (tag_keys_on), and shown above it. */
	bool digits_tag;
	char draft_key[192];
	time_t draft_at;
	bool draft_waits;           /* the draft left is kept for the database */
	char title[512];
};

#define NV(v) ((struct notes_view *)(v))

static int src_fetch(void *ctx, const void *anchor, bool backward, void *out, int n,
		     st_err *err)
{
	struct notes_view *nv = ctx;

	return note_page(nv->v.app->db, &nv->filter, anchor, backward, out, n, err);
}

static void src_clear(void *row)
{
	note_clear(row);
}

static const struct listview_source note_source = {
	sizeof(st_note), src_fetch, src_clear, NULL, NULL,
};

static int list_height(const struct notes_view *nv)
{
	int h = nv->v.height - 3 - EDITOR_ROWS;

	return h < 1 ? 1 : h;
}

/* What is typed as a write of its draft (an empty text forgets it). */
static void draft_write(struct notes_view *nv, pending_write *w)
{
	memset(w, 0, sizeof *w);
	w->kind = PW_DRAFT;
	pending_write_text(w, 0, nv->draft_key);
	pending_write_text(w, 1, ed_blank(&nv->ed) ? "" : ed_text(&nv->ed));
	pending_write_text(w, 2, note_kind_key[nv->kind]);
	pending_write_text(w, 3, nv->group);
	w->what = strdup(_("the note being typed, as a draft"));
}

/* Keeps what is typed as a draft (or forgets the draft when nothing is),
 * while someone types: when the database is busy, or changes wait for it
 * (the draft must come after them), the editor stays dirty and the draft
 * is tried again at the next tick: busy is not an error, and a draft is
 * not worth a place in the queue while the text is still on screen. */
static void save_draft(struct notes_view *nv)
{
	sqlite3 *db = nv->v.app->db;
	pending_write w;
	st_err err;
	int rc;

	nv->draft_at = time(NULL);
	if (app_writes_waiting(nv->v.app))
		return;
	draft_write(nv, &w);
	db_set_wait(db, WRITE_BRIEF_WAIT_MS);
	rc = pending_apply(db, &w, NULL, &err);
	db_set_wait(db, -1);
	pending_write_clear(&w);
	if (rc == 0)
		ed_mark_clean(&nv->ed);
	else if (!db_busy(db))
		app_message(nv->v.app, true, "%s", err.msg);
}

/* True (and says so) when the database is read-only: nothing typed
 * could be kept, so nothing is typed. */
static bool refuse_read_only(struct notes_view *nv)
{
	if (!db_read_only(nv->v.app->db))
		return false;
	app_message(nv->v.app, true, "%s", _("The database is read-only: no note can be written"));
	return true;
}

/* The draft keeps the kind and the group with the text: changing them is
 * a change to keep, as typing is. */
static void fields_changed(struct notes_view *nv)
{
	nv->ed.dirty = true;
}

/* Keeps the draft now, before the text leaves the screen, when something
 * changed since it was last kept (a note opened for editing and left as
 * it was needs none: it would come back at the next start as a note "not
 * saved"): kept for the database when it is busy, so leaving never waits
 * and loses nothing.  False when it cannot be kept at all (the message
 * says why). */
static bool draft_kept(struct notes_view *nv)
{
	pending_write w;
	enum write_result r;

	if (db_read_only(nv->v.app->db) || !nv->ed.dirty)
		return true;   /* read-only: nothing could be typed */
	draft_write(nv, &w);
	r = app_write(nv->v.app, &w, NULL);
	if (r == WRITE_FAILED)
		return false;
	nv->draft_waits = r == WRITE_KEPT && !ed_blank(&nv->ed);
	ed_mark_clean(&nv->ed);
	return true;
}

/* Keeps the draft when it is due: every DRAFT_SECONDS of changes, also
 * while keys keep coming (typing on, a paste), so a kill loses no more. */
static void save_draft_if_due(struct notes_view *nv)
{
	if (nv->ed.dirty && time(NULL) - nv->draft_at >= DRAFT_SECONDS)
		save_draft(nv);
}

/* True when a draft is kept for what the editor holds (in the database,
 * or waiting for it). */
static bool has_draft(struct notes_view *nv)
{
	st_draft d = { 0 };
	st_err err;
	bool found;

	if (nv->draft_waits)
		return true;
	found = draft_load(nv->v.app->db, nv->draft_key, &d, &err) == 1;
	draft_clear_fields(&d);
	return found;
}

/* Brings back a draft kept for this key, if any. */
static void restore_draft(struct notes_view *nv)
{
	st_draft d = { 0 };
	st_err err;
	char when[96];

	if (draft_load(nv->v.app->db, nv->draft_key, &d, &err) == 1 && d.body && *d.body) {
		ed_set(&nv->ed, d.body);
		ed_mark_clean(&nv->ed);
		if (d.kind && note_kind_index(d.kind) >= 0)
			nv->kind = note_kind_index(d.kind);
		if (d.group_label)
			snprintf(nv->group, sizeof nv->group, "%s", d.group_label);
		date_format_short_time_text(d.saved_at ? d.saved_at : "", when, sizeof when);
		app_message(nv->v.app, false, _("Brought back the text that was not saved (%s)"),
			    when);
	}
	draft_clear_fields(&d);
}

static const char *facilitator(const struct notes_view *nv)
{
	const char *f = nv->v.app->settings->facilitator;

	return f ? f : "";
}

/* Keeps the new note's fields while another note is edited. */
static void keep_new_note(struct notes_view *nv)
{
	nv->new_note.kind = nv->kind;
	nv->new_note.about_person = nv->about_person;
	nv->new_note.about_org = nv->about_org;
	snprintf(nv->new_note.group, sizeof nv->new_note.group, "%s", nv->group);
	snprintf(nv->new_note.about, sizeof nv->new_note.about, "%s", nv->about);
}

/* Back from an edit: the new note's fields as they were. */
static void restore_new_note(struct notes_view *nv)
{
	nv->kind = nv->new_note.kind;
	nv->about_person = nv->new_note.about_person;
	nv->about_org = nv->new_note.about_org;
	snprintf(nv->group, sizeof nv->group, "%s", nv->new_note.group);
	snprintf(nv->about, sizeof nv->about, "%s", nv->new_note.about);
}

/* Switches the editor to a new note, or to editing note id, as it is in
 * the database (start_note brings back its draft too).  A new note after
 * one saved keeps its kind and group, and is about nobody; back from an
 * edit, it has the kind, group and about it had before. */
static void open_note(struct notes_view *nv, long long id)
{
	st_note n = { 0 };
	st_err err;
	bool was_editing = nv->edit_id != 0;

	if (id && !was_editing)
		keep_new_note(nv);
	nv->edit_id = 0;
	nv->digits_tag = false;
	ed_set(&nv->ed, "");
	nv->about_person = nv->about_org = 0;
	nv->about[0] = '\0';
	if (was_editing && !id)
		restore_new_note(nv);
	if (id && note_get(nv->v.app->db, id, &n, &err) == 1) {
		nv->edit_id = id;
		ed_set(&nv->ed, n.body);
		nv->kind = note_kind_index(n.kind) >= 0 ? note_kind_index(n.kind) : 0;
		snprintf(nv->group, sizeof nv->group, "%s", n.group_label);
		nv->about_person = n.about_person_id;
		nv->about_org = n.about_org_id;
		snprintf(nv->about, sizeof nv->about, "%s", n.about);
	}
	note_clear(&n);
	ed_mark_clean(&nv->ed);
	/* One draft per note or session and per facilitator: two people
	 * taking notes at one session on one database keep their own. */
	draft_key(nv->draft_key, sizeof nv->draft_key, nv->edit_id != 0,
		  nv->edit_id ? nv->edit_id : nv->session.id, facilitator(nv));
	nv->list_focus = false;
	nv->draft_waits = false;
}

static void start_note(struct notes_view *nv, long long id)
{
	open_note(nv, id);
	restore_draft(nv);
}

/* The note in the editor as a write; the time it is dated is now, also
 * when it waits for the database. */
static void note_write(struct notes_view *nv, pending_write *w)
{
	char now[32], what[128];
	time_t t = time(NULL);

	memset(w, 0, sizeof *w);
	w->kind = PW_NOTE;
	w->n[0] = nv->edit_id;
	w->n[1] = nv->session.id;
	w->n[2] = nv->about_person;
	w->n[3] = nv->about_org;
	strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", localtime(&t));
	pending_write_text(w, 0, note_kind_key[nv->kind]);
	pending_write_text(w, 1, ed_text(&nv->ed));
	pending_write_text(w, 2, nv->group);
	pending_write_text(w, 3, facilitator(nv));
	pending_write_text(w, 4, nv->edit_id ? "" : now);
	/* Once it is saved, its draft is no longer needed. */
	pending_write_text(w, 5, nv->draft_key);
	if (nv->edit_id)
		snprintf(what, sizeof what, _("note %lld"), nv->edit_id);
	else
		snprintf(what, sizeof what, "%s", _("the new note"));
	w->what = strdup(what);
}

/* Enter: the note is saved, or kept for the database while another
 * program writes to it; either way the editor is free for the next one,
 * and the digits tag the note just saved or kept. */
static void save_note(struct notes_view *nv)
{
	pending_write w;
	long long id = 0;
	enum write_result r;

	if (ed_blank(&nv->ed)) {
		app_message(nv->v.app, true, "%s", _("Type the note first; Ctrl-J starts a new line"));
		return;
	}
	note_write(nv, &w);
	r = app_write(nv->v.app, &w, &id);
	if (r == WRITE_FAILED) {
		/* Nothing is lost: the text stays in the editor and the draft. */
		save_draft(nv);
		return;
	}
	if (nv->edit_id)
		id = nv->edit_id;
	if (r == WRITE_DONE)
		app_message(nv->v.app, false, nv->edit_id ? _("Note %lld updated") : _("Note %lld saved"),
			    id);
	nv->last_saved = id;
	/* Not start_note: the draft of this key is the note just saved (or
	 * kept, and its draft goes with it). */
	open_note(nv, 0);
	nv->digits_tag = true;
	lv_end(&nv->lv);
}

static void nv_tick(struct view *v)
{
	save_draft_if_due(NV(v));
}

/* "Group or table (tafel 1, tafel 2, …): " with the labels used most that
 * fit with PROMPT_ROOM columns to spare, so that what is typed shows. */
static void group_prompt(struct notes_view *nv, char *prompt, size_t size)
{
	char *groups[MAX_GROUPS], more[256];
	st_err err;
	int n, i, shown = 0;

	n = note_groups(nv->v.app->db, nv->session.id, "", groups, MAX_GROUPS, &err);
	snprintf(prompt, size, "%s", _("Group or table"));
	for (i = 0; i < n; i++) {
		snprintf(more, sizeof more, "%s%s", i ? ", " : " (", groups[i]);
		if (shown == i && text_width(prompt) + text_width(more) + 5 <= COLS - PROMPT_ROOM &&
		    strlen(prompt) + strlen(more) + 8 < size) {
			strcat(prompt, more);
			shown++;
		}
		free(groups[i]);
	}
	if (shown < n && shown > 0)
		strcat(prompt, ", \xe2\x80\xa6");
	strcat(prompt, shown > 0 ? "): " : ": ");
}

/* The group labels Tab completes from, as the prompt lists them: this
 * session's first, then recent ones. */
static int suggest_group(void *ctx, const char *text, char **out, int max)
{
	struct notes_view *nv = ctx;
	st_err err;
	int n = note_groups(nv->v.app->db, nv->session.id, text, out, max, &err);

	return n > 0 ? n : 0;
}

/* F3: the group or table; an earlier label is reused when what is typed
 * is one, or the start of only one. */
static void ask_group(struct notes_view *nv)
{
	char *groups[2], prompt[512], text[128];
	struct prompt p = { prompt, NULL, NULL, suggest_group, nv };
	st_err err;
	int n, i;

	group_prompt(nv, prompt, sizeof prompt);
	if (!statusbar_ask(nv->v.app, &p, text, sizeof text))
		return;
	text_trim(text);
	fields_changed(nv);
	snprintf(nv->group, sizeof nv->group, "%s", text);
	if (!*text || note_group_spelling(nv->v.app->db, nv->session.id, text, nv->group,
					  sizeof nv->group, &err) != 0)
		return;
	/* The start of only one label is that label. */
	n = note_groups(nv->v.app->db, 0, text, groups, 2, &err);
	if (n == 1)
		snprintf(nv->group, sizeof nv->group, "%s", groups[0]);
	for (i = 0; i < (n > 0 ? n : 0); i++)
		free(groups[i]);
}

/* Whom an answer to "About" names. */
enum about_match { ABOUT_NOBODY, ABOUT_SEVERAL, ABOUT_PERSON, ABOUT_ORG };

struct about {
	enum about_match match;
	long long id;           /* the person's or the organisation's */
	char name[256];         /* as the note shows it */
	char org[256];          /* a person's organisation, or "" */
};

/* The one person whose name text matches, else an organisation whose
 * name has it; a.match says which, or that several people or nobody do. */
static void match_about(sqlite3 *db, const char *text, struct about *a)
{
	person_filter pf = { 0 };
	st_person people[2];
	st_organisation org = { 0 };
	st_err err;
	int n;

	memset(people, 0, sizeof people);
	memset(a, 0, sizeof *a);
	pf.name = text;
	n = person_page(db, &pf, NULL, false, people, 2, &err);
	if (n == 1) {
		a->match = ABOUT_PERSON;
		a->id = people[0].id;
		snprintf(a->name, sizeof a->name, "%s %s", people[0].first_name, people[0].last_name);
		snprintf(a->org, sizeof a->org, "%s", people[0].organisation);
	} else if (org_search(db, text, &org, 1, &err) == 1) {
		a->match = ABOUT_ORG;
		a->id = org.id;
		snprintf(a->name, sizeof a->name, "%s", org.name);
	} else {
		a->match = n > 1 ? ABOUT_SEVERAL : ABOUT_NOBODY;
	}
	while (n > 0)
		person_clear(&people[--n]);
	org_clear(&org);
}

/* What the answer names, or why it names nobody, into out. */
static void about_says(const struct about *a, const char *text, char *out, size_t size)
{
	switch (a->match) {
	case ABOUT_PERSON:
		if (*a->org) {
			snprintf(out, size, _("Enter: about %s, %s"), a->name, a->org);
			break;
		}
		/* fall through */
	case ABOUT_ORG:
		snprintf(out, size, _("Enter: about %s"), a->name);
		break;
	case ABOUT_SEVERAL:
		snprintf(out, size, _("Several people match \"%s\": type more of the name"), text);
		break;
	default:
		snprintf(out, size, _("Nobody and no school matches \"%s\""), text);
		break;
	}
}

/* While "About" is typed: whom Enter would link, as the people list
 * narrows while a name is typed. */
static void about_feedback(void *ctx, const char *answer, char *out, size_t size)
{
	struct notes_view *nv = ctx;
	char text[256];
	struct about a;

	snprintf(text, sizeof text, "%s", answer);
	if (!*text_trim(text)) {
		snprintf(out, size, "%s", _("Enter: about nobody"));
		return;
	}
	match_about(nv->v.app->db, text, &a);
	about_says(&a, text, out, size);
}

/* F4: the person or school the note is about (empty: none). */
static void ask_about(struct notes_view *nv)
{
	struct prompt p = { _("About (a person or school; empty for none): "), NULL,
			    about_feedback, NULL, nv };
	char text[256], why[MESSAGE_MAX];
	struct about a;

	if (!statusbar_ask(nv->v.app, &p, text, sizeof text))
		return;
	nv->about_person = nv->about_org = 0;
	nv->about[0] = '\0';
	if (!*text_trim(text))
		return;
	match_about(nv->v.app->db, text, &a);
	if (a.match == ABOUT_PERSON)
		nv->about_person = a.id;
	else if (a.match == ABOUT_ORG)
		nv->about_org = a.id;
	if (a.match == ABOUT_PERSON || a.match == ABOUT_ORG) {
		snprintf(nv->about, sizeof nv->about, "%s", a.name);
		return;
	}
	about_says(&a, text, why, sizeof why);
	app_message(nv->v.app, true, "%s", why);
}

static void external_editor(struct notes_view *nv)
{
	st_err err;
	char *text;

	if (refuse_read_only(nv))
		return;
	text = extedit_run(ed_text(&nv->ed), &err);
	if (!text) {
		app_message(nv->v.app, true, "%s", err.msg);
		return;
	}
	ed_set(&nv->ed, text);
	free(text);
	save_draft(nv);
	app_message(nv->v.app, false, "%s", _("Back from the editor: Enter saves the note"));
}

static void delete_selected(struct notes_view *nv)
{
	st_note *n = lv_selected(&nv->lv);

	if (!n)
		return;
	if (app_note_trash(nv->v.app, n->id, true) == WRITE_DONE)
		app_message(nv->v.app, false,
			    _("Note %lld moved to the trash (the review screen, t, restores it)"), n->id);
	lv_reload(&nv->lv);
}

/* The note the digits and F6 tag: the one selected in the list, else the
 * one saved last here, else the newest. */
static long long target_note(struct notes_view *nv)
{
	const st_note *n;
	long long made;

	if (nv->list_focus && (n = lv_selected(&nv->lv)) != NULL)
		return n->id;
	/* A note kept for the database has its id once it is saved. */
	if (nv->last_saved < 0 &&
	    (made = pending_made_id(&nv->v.app->pending, -nv->last_saved)) > 0)
		nv->last_saved = made;
	if (nv->last_saved)
		return nv->last_saved;
	n = lv_row(&nv->lv, nv->lv.nrows - 1);
	return n ? n->id : 0;
}

/* Typing a note, or moving in the list of notes: each has its keys. */
static unsigned nv_mode(struct view *v)
{
	return NV(v)->list_focus ? VIEW_NOTES_LIST : VIEW_NOTES | FIELD_EDITOR;
}

/* True while 1-9 tag the target note rather than type (the editor has
 * the focus). */
static bool tag_keys_on(struct notes_view *nv)
{
	return nv->digits_tag && ed_blank(&nv->ed);
}

/* F7: 1-9 tag the target note, or, when they do, type again. */
static void switch_digits(struct notes_view *nv)
{
	if (tag_keys_on(nv))
		nv->digits_tag = false;
	else if (!ed_blank(&nv->ed))
		app_message(nv->v.app, true, "%s",
			    _("1-9 tag only while the note is empty: Enter saves it first"));
	else if (!target_note(nv))
		app_message(nv->v.app, true, "%s", _("No note to tag yet"));
	else
		nv->digits_tag = true;
}

static bool nv_act(struct view *v, enum action a)
{
	struct notes_view *nv = NV(v);
	st_note *sel = lv_selected(&nv->lv);

	if (lv_move(&nv->lv, a))
		return true;
	switch (a) {
	case ACT_SAVE_NOTE: save_note(nv); break;
	case ACT_OPEN:
		if (sel)
			view_push(v->app, note_reader_open(v->app, sel->id, NULL));
		break;
	case ACT_NOTE_KIND:
		nv->kind = (nv->kind + 1) % NOTE_KIND_COUNT;
		fields_changed(nv);
		break;
	case ACT_NOTE_GROUP: ask_group(nv); break;
	case ACT_NOTE_ABOUT: ask_about(nv); break;
	case ACT_EXTERNAL: external_editor(nv); break;
	case ACT_FOCUS:
		nv->list_focus = !nv->list_focus && nv->lv.nrows > 0;
		if (!nv->lv.nrows)
			app_message(v->app, false, "%s", _("No notes at this session yet: the list is empty"));
		break;
	case ACT_EDIT:
		if (sel && draft_kept(nv)) {
			start_note(nv, sel->id);
			nv->opened_to_edit = false;   /* begun here: Esc comes back here */
		}
		break;
	case ACT_DELETE: delete_selected(nv); break;
	case ACT_EXPORT: {
		export_options o = { .session_id = nv->session.id };
		if (nv->ed.dirty)
			save_draft(nv);
		export_dialog_run(v->app, EXPORT_NOTES, &o);
		break;
	}
	case ACT_TAG:
		if (target_note(nv)) {
			factor_picker_run(v->app, target_note(nv));
			lv_reload(&nv->lv);
		}
		break;
	case ACT_DIGIT_MODE: switch_digits(nv); break;
	case ACT_PIN_DIGIT: quicktags_pin(v->app); break;
	case ACT_BACK:
		if (nv->list_focus) {
			nv->list_focus = false;
			break;
		}
		if (!draft_kept(nv))
			break;
		/* An edit begun in the list goes back to a new note; one this
		 * screen was opened for (from a note, the review) goes back to
		 * the screen that opened it. */
		if (nv->edit_id && !nv->opened_to_edit) {
			start_note(nv, 0);
			break;
		}
		if (has_draft(nv))
			app_message(v->app, false, "%s", _("The note you did not save is kept as a draft"));
		view_pop(v->app);
		break;
	default:
		return false;
	}
	return true;
}

/* A digit 1-9 while the tag keys are on tags the target note.  False
 * for other keys: then a digit is text. */
static bool tag_digit(struct notes_view *nv, int key)
{
	if (key < '1' || key > '9' || screen_pasting() || !tag_keys_on(nv))
		return false;
	quicktags_key(nv->v.app, target_note(nv), key);
	lv_reload(&nv->lv);
	return true;
}

/* The editor takes every key it knows while it has the focus, but for
 * the digits 1-9 while they tag (so tagging costs one key). */
static bool nv_key(struct view *v, int key)
{
	struct notes_view *nv = NV(v);

	if (nv->list_focus) {
		if (screen_pasting() || !quicktags_key(v->app, target_note(nv), key))
			return false;
		lv_reload(&nv->lv);
		return true;
	}
	if (tag_digit(nv, key))
		return true;
	/* Enter on the empty note: done tagging, 1-9 type from now on. */
	if (tag_keys_on(nv) && (key == '\r' || key == KC(KEY_ENTER))) {
		nv->digits_tag = false;
		return true;
	}
	if (ed_key_changes(key) && refuse_read_only(nv))
		return true;
	if (!ed_key(&nv->ed, key))
		return false;
	nv->digits_tag = false;   /* a key went into the note: 1-9 are text now */
	/* The main loop ticks only after a pause: one may never come. */
	save_draft_if_due(nv);
	return true;
}

/* The day note row i was entered, in the short form, where it differs
 * from the day of the row above (for the top row: from the session's
 * date, which the title shows), else "": a note typed up days later
 * shows its day, so every row's day is known. */
static void row_day(const struct notes_view *nv, int i, char *buf, size_t size)
{
	const st_note *n = lv_row(&nv->lv, i), *above = i > 0 ? lv_row(&nv->lv, i - 1) : NULL;
	const char *above_day = above ? above->created_at : nv->session.date;

	buf[0] = '\0';
	if (n && strncmp(n->created_at, above_day, 10) != 0)
		date_format_short_text(n->created_at, buf, size);
}

/* Columns of the day before the time: none when every row on screen is
 * of the session's day, else the widest day shown and a space. */
static int day_width(const struct notes_view *nv, int rows)
{
	char day[64];
	int i, w = 0;

	for (i = 0; i < rows; i++) {
		row_day(nv, i, day, sizeof day);
		if (text_width(day) > w)
			w = text_width(day);
	}
	return w ? w + 1 : 0;
}

/* "09:12  Idea  tafel 3  first line of the text", after the day where it
 * changes ("ma 5 jan 2026 05:31  Idea ..."); dw columns for the day. */
static void draw_note_row(struct notes_view *nv, int y, int i, int dw)
{
	const st_note *n = lv_row(&nv->lv, i);
	attr_t attr = nv->list_focus && i == nv->lv.sel ? screen_attr(UI_SELECTED) : 0;
	char time[8] = "", day[64], line[1024];
	int x, left = 19 + dw;

	if (!n) {
		draw_blank_row(stdscr, y, 0);
		return;
	}
	if (strlen(n->created_at) >= 16)
		snprintf(time, sizeof time, "%.5s", n->created_at + 11);
	row_day(nv, i, day, sizeof day);
	draw_text(stdscr, y, 0, COLS, "", attr);
	if (dw)
		draw_text(stdscr, y, 1, dw - 1, day, draw_accent(attr));
	draw_text(stdscr, y, 1 + dw, 5, time, draw_accent(attr));
	draw_text(stdscr, y, 7 + dw, 11, note_kind_label(n->kind), attr);
	x = left + draw_text_clip(stdscr, y, left, 14, n->group_label, attr | A_BOLD);
	if (*n->tags) {
		x += x > left;
		x += draw_text_clip(stdscr, y, x, 16, n->tags, draw_accent(attr));
	}
	snprintf(line, sizeof line, "%s", n->body);
	for (char *p = line; *p; p++)
		if (*p == '\n')
			*p = ' ';
	draw_text(stdscr, y, x + (x > left), COLS - x - 2, line, attr);
}

/* "Tag note 44:" (brief: "Note 44:"); for a note kept for the database,
 * whose id is not known yet, "Tag the note that waits:" ("Waiting
 * note:"). */
static void tag_label(long long id, bool brief, char *buf, size_t size)
{
	if (id < 0)
		snprintf(buf, size, "%s", brief ? _("Waiting note:") : _("Tag the note that waits:"));
	else
		snprintf(buf, size, brief ? _("Note %lld:") : _("Tag note %lld:"), id);
}

/* The row above the editor says what 1-9 do now: "Tag note 44:"
 * highlighted, with the nine factors, or "1-9 are text in the note". */
static void draw_digit_row(struct notes_view *nv, int y)
{
	struct tui_app *app = nv->v.app;
	long long id = target_note(nv);
	char label[256], key[32];
	int w;

	draw_blank_row(stdscr, y, 0);
	if (nv->list_focus || tag_keys_on(nv)) {
		tag_label(id, false, label, sizeof label);
		if (text_width(label) + 1 + quicktags_codes_width(app) > COLS - 1)
			tag_label(id, true, label, sizeof label);
		w = draw_text_clip(stdscr, y, 0, COLS, label, screen_attr(UI_SELECTED) | A_BOLD);
		quicktags_draw(app, y, w + 1, COLS - w - 1, screen_attr(UI_ACCENT) | A_BOLD);
		return;
	}
	action_key_name(action_row(ACT_DIGIT_MODE, VIEW_NOTES)->keys[0], key, sizeof key);
	if (id < 0)
		snprintf(label, sizeof label, _("1-9 are text in the note  \xc2\xb7  %s: 1-9 tag the note that waits"),
			 key);
	else if (id)
		snprintf(label, sizeof label, _("1-9 are text in the note  \xc2\xb7  %s: 1-9 tag note %lld"),
			 key, id);
	else
		snprintf(label, sizeof label, "%s", _("1-9 are text in the note"));
	draw_text(stdscr, y, 0, COLS, label, screen_attr(UI_ACCENT));
}

static void nv_draw(struct view *v)
{
	struct notes_view *nv = NV(v);
	int lh = list_height(nv), y = v->top, i, dw;
	char meta[768];

	lv_set_height(&nv->lv, lh);
	dw = day_width(nv, lh);
	for (i = 0; i < lh; i++)
		draw_note_row(nv, y + i, i, dw);
	if (nv->lv.nrows == 0)
		draw_text(stdscr, y + 1, 2, COLS - 4,
			  _("No notes yet at this session: type one below and press Enter."), 0);
	y += lh;
	draw_digit_row(nv, y++);
	snprintf(meta, sizeof meta, _("%s  Kind: %s (F2)  Group: %s (F3)  About: %s (F4)"),
		 nv->edit_id ? _("Editing the note:") : _("New note:"),
		 note_kind_label(note_kind_key[nv->kind]), *nv->group ? nv->group : "\xe2\x80\x94",
		 *nv->about ? nv->about : "\xe2\x80\x94");
	draw_text(stdscr, y, 0, COLS, meta, screen_attr(UI_HEADER) | A_BOLD);
	mvwhline(stdscr, y + 1, 0, ACS_HLINE, COLS);
	if (nv->lv.error[0])
		app_message(v->app, true, "%s", nv->lv.error);
	ed_draw(&nv->ed, stdscr, y + 2, 1, EDITOR_ROWS, COLS - 2, !nv->list_focus);
}

static const char *nv_title(struct view *v)
{
	struct notes_view *nv = NV(v);
	char date[64];

	session_date_text(&nv->session, false, date, sizeof date);
	snprintf(nv->title, sizeof nv->title, _("Notes  ·  %s  ·  %s  ·  %s"),
		 nv->session.code, nv->session.title, date);
	return nv->title;
}

static void nv_close(struct view *v)
{
	struct notes_view *nv = NV(v);

	/* Quitting (F10, a signal) keeps what was typed since the last tick,
	 * for the database now or in the journal for the next start: the
	 * database is still open, the views close first. */
	draft_kept(nv);
	curs_set(0);
	ed_free(&nv->ed);
	lv_free(&nv->lv);
	session_clear(&nv->session);
	free(nv);
}

static const enum action nv_handles[] = {
	LIST_MOVES, ACT_OPEN, ACT_SAVE_NOTE, ACT_NOTE_KIND, ACT_NOTE_GROUP, ACT_NOTE_ABOUT,
	ACT_EXTERNAL, ACT_FOCUS, ACT_EDIT, ACT_DELETE, ACT_EXPORT, ACT_TAG, ACT_DIGIT_MODE,
	ACT_PIN_DIGIT, ACT_BACK,
	ACT_TAG_DIGIT,   /* the key hook reads the digits themselves */
	ACT_NONE,
};

const struct view_ops notes_ops = {
	.name = "notes",
	.kinds = { VIEW_NOTES | FIELD_EDITOR, VIEW_NOTES_LIST },
	.mode = nv_mode,
	.handles = nv_handles,
	.draw = nv_draw,
	.act = nv_act,
	.key = nv_key,
	.close = nv_close,
	.title = nv_title,
	.tick = nv_tick,
};

struct view *note_taking_open(struct tui_app *app, long long session_id, long long edit_id)
{
	struct notes_view *nv = calloc(1, sizeof *nv);
	st_err err;

	if (!nv)
		return NULL;
	nv->v.ops = &notes_ops;
	nv->v.app = app;
	nv->v.height = LINES - 2;
	if (session_get(app->db, session_id, &nv->session, &err) != 1) {
		app_message(app, true, "%s", _("This session no longer exists."));
		free(nv);
		return NULL;
	}
	ed_init(&nv->ed);
	nv->filter.session_id = session_id;
	nv->draft_at = time(NULL);
	lv_init(&nv->lv, &note_source, nv);
	nv->lv.height = list_height(nv);
	lv_end(&nv->lv);
	quicktags_open(app);
	start_note(nv, edit_id);
	nv->opened_to_edit = nv->edit_id != 0;
	return &nv->v;
}

/* "COP 07" for a draft of a new note, "note 12, COP 07" for an edit;
 * *session_id and *note_id (0 for a new note) say what to open. */
static void draft_place(struct tui_app *app, const char *key, char *buf, size_t size,
			long long *session_id, long long *note_id)
{
	st_session s = { 0 };
	st_note n = { 0 };
	st_err err;

	*session_id = *note_id = 0;
	buf[0] = '\0';
	if (sscanf(key, "note:%lld:", note_id) == 1 && note_get(app->db, *note_id, &n, &err) == 1) {
		*session_id = n.session_id;
		snprintf(buf, size, _("note %lld, %s"), *note_id, n.session_code);
	} else if (sscanf(key, "session:%lld:", session_id) == 1 &&
		   session_get(app->db, *session_id, &s, &err) == 1) {
		*note_id = 0;
		snprintf(buf, size, "%s", s.code);
	} else {
		*session_id = *note_id = 0;
	}
	note_clear(&n);
	session_clear(&s);
}

/* Asks about one draft: 'y' go on, 'd' discard, 'n' the next one, Esc. */
static int ask_draft(struct tui_app *app, const st_draft *d, const char *place, int i, int n)
{
	char text[1024], title[128], when[96], *start = text_fit(d->body, 60, true);

	date_format_short_time_text(d->saved_at ? d->saved_at : "", when, sizeof when);
	snprintf(text, sizeof text, _("A note you were typing (%s, %s) was not saved: \"%s\". "
				      "Go on with it?"), place, when, start ? text_trim(start) : "");
	free(start);
	if (n == 1)
		snprintf(title, sizeof title, "%s", _("Unsaved note"));
	else
		snprintf(title, sizeof title, _("Unsaved note %d of %d"), i + 1, n);
	if (i + 1 < n)
		return dialog_ask(app, title, text,
				  _("[y] go on with it  [d] discard it  [n] next  [Esc] later"), "yjdn");
	return dialog_ask(app, title, text, _("[y] go on with it  [d] discard it  [Esc] later"), "yjd");
}

void notes_offer_drafts(struct tui_app *app)
{
	st_draft d[MAX_OFFERED];
	long long session_id, note_id;
	char place[256];
	st_err err;
	int n, i, key = 0;

	n = draft_list_own(app->db, app->settings->facilitator, d, MAX_OFFERED, &err);
	for (i = 0; i < n && key != 27 && key != 'y' && key != 'j'; i++) {
		draft_place(app, d[i].key, place, sizeof place, &session_id, &note_id);
		if (!session_id)
			continue;   /* its session or note is gone: nothing to open */
		key = ask_draft(app, &d[i], place, i, n);
		if (key == 'd')
			app_draft_forget(app, d[i].key);
		else if (key == 'y' || key == 'j')
			view_push(app, note_taking_open(app, session_id, note_id));
		app_redraw(app);
	}
	while (n > 0)
		draft_clear_fields(&d[--n]);
}
