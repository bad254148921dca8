/* writes.c: see writes.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/codebook.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/tags.h"
#include "tui/factor_picker.h"
#include "tui/view.h"
#include "tui/writes.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct flushing {
	struct tui_app *app;
	int failed;
};

/* A kept write the database refused once it was free (its note was
 * deleted meanwhile): said, since it is dropped. */
static void say_failed(void *ctx, const pending_write *w, const char *why)
{
	struct flushing *f = ctx;

	f->failed++;
	app_message(f->app, true, _("Not saved: %s: %s"), w->what ? w->what : "", why);
}

/* Applies what the database lets through now; true when something was. */
static bool flush_now(struct tui_app *app)
{
	struct flushing f = { app, 0 };
	int before = app->pending.n, applied;

	if (before == 0)
		return false;
	app->retry_at = now_ms() + WRITE_RETRY_MS;
	applied = pending_flush(&app->pending, app->db, WRITE_BRIEF_WAIT_MS, say_failed, &f);
	if (app->pending.n == 0 && applied > 0 && !f.failed)
		app_message(app, false, ngettext("The database is free again: the change that waited "
						 "is saved",
						 "The database is free again: the %d changes that "
						 "waited are saved", (unsigned long)applied), applied);
	return app->pending.n < before;
}

void app_writes_retry(struct tui_app *app)
{
	if (app->pending.n == 0 || now_ms() < app->retry_at || !flush_now(app))
		return;
	/* What the screen shows was read before those writes. */
	if (app->top && app->top->ops->resume)
		app->top->ops->resume(app->top);
	if (app->top)
		app_redraw(app);
}

/* Tries w at once, waiting briefly for another program; -1 with err when
 * the database refused it, 1 when it is only busy. */
static int try_now(struct tui_app *app, const pending_write *w, long long *made, st_err *err)
{
	bool busy;
	int rc;

	db_set_wait(app->db, WRITE_BRIEF_WAIT_MS);
	rc = pending_apply(app->db, w, made, err);
	busy = rc != 0 && db_busy(app->db);
	db_set_wait(app->db, -1);
	return busy ? 1 : rc;
}

enum write_result app_write(struct tui_app *app, pending_write *w, long long *made)
{
	long long id = 0, seq = 0;
	st_err err;
	int rc = 1;

	/* Kept writes go first: a new one waits behind them, in order. */
	if (app->pending.n > 0)
		flush_now(app);
	if (!pending_resolve(&app->pending, w)) {
		app_message(app, true, _("Not saved: %s: %s"), w->what ? w->what : "",
			    _("it belongs to a change that could not be saved"));
		pending_write_clear(w);
		return WRITE_FAILED;
	}
	if (app->pending.n == 0 && !w->refs)
		rc = try_now(app, w, &id, &err);
	if (rc <= 0) {
		if (rc < 0)
			app_message(app, true, "%s", err.msg);
		else if (made)
			*made = id;
		pending_write_clear(w);
		return rc < 0 ? WRITE_FAILED : WRITE_DONE;
	}
	if (w->what)
		app_message(app, false, _("Waiting for the database… kept: %s"), w->what);
	else
		app_message(app, false, "%s", _("Waiting for the database… the change is kept"));
	/* Kept in memory even when the journal cannot be written: say so. */
	if (pending_keep(&app->pending, w, &seq, &err) != 0)
		app_message(app, true, "%s", err.msg);
	app->retry_at = now_ms() + WRITE_RETRY_MS;
	if (made)
		*made = -seq;
	return WRITE_KEPT;
}

enum write_result app_note_trash(struct tui_app *app, long long note, bool trash)
{
	pending_write w = { .kind = trash ? PW_TRASH : PW_RESTORE, .n = { note } };
	char what[128];

	snprintf(what, sizeof what, trash ? _("note %lld to the trash") : _("note %lld restored"),
		 note);
	w.what = strdup(what);
	return app_write(app, &w, NULL);
}

enum write_result app_draft_forget(struct tui_app *app, const char *key)
{
	pending_write w = { .kind = PW_DRAFT };

	pending_write_text(&w, 0, key);
	w.what = strdup(_("a draft forgotten"));
	return app_write(app, &w, NULL);
}

/* "note 44: OR1+ Organisatie", "the new note: OR1 untagged". */
static void tag_what(long long note, const st_factor *f, int polarity, char *buf, size_t size)
{
	char which[64];

	if (note > 0)
		snprintf(which, sizeof which, _("note %lld"), note);
	else
		snprintf(which, sizeof which, "%s", _("the new note"));
	if (polarity == PW_UNTAG)
		snprintf(buf, size, _("%s: %s untagged"), which, f->code);
	else
		snprintf(buf, size, "%s: %s%s %s", which, f->code, factor_polarity_mark(polarity),
			 f->name);
}

enum write_result app_tag_note(struct tui_app *app, long long note, const st_factor *f,
			       int polarity)
{
	pending_write w = { .kind = PW_TAG, .n = { 0, f->id, polarity } };
	char what[256];

	pending_write_id(&w, 0, note);
	/* The coder: only this facilitator's tag changes. */
	pending_write_text(&w, 0, tag_coder_of(app->settings->facilitator));
	tag_what(note, f, polarity, what, sizeof what);
	w.what = strdup(what);
	return app_write(app, &w, NULL);
}

void app_writes_open(struct tui_app *app)
{
	st_err err;
	int taken;

	if (pending_init(&app->pending, app->db_path, &err) != 0) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	taken = pending_adopt(&app->pending, &err);
	if (taken < 0)
		app_message(app, true, "%s", err.msg);
	if (taken <= 0)
		return;
	flush_now(app);
	if (app->message_is_error)
		return;
	if (app->pending.n > 0)
		app_message(app, false, ngettext("A change kept when stemtui last stopped waits for "
						 "the database",
						 "%d changes kept when stemtui last stopped wait for "
						 "the database", (unsigned long)taken), taken);
	else
		app_message(app, false, ngettext("Saved the change kept when stemtui last stopped",
						 "Saved the %d changes kept when stemtui last stopped",
						 (unsigned long)taken), taken);
}

int app_writes_waiting(const struct tui_app *app)
{
	return app->pending.n;
}

void app_writes_close(struct tui_app *app)
{
	pending_free(&app->pending);
}

int app_tag_to_be(const struct tui_app *app, long long note, long long factor, int now)
{
	const pending_write *w = pending_last(&app->pending, PW_TAG, note < 0 ? -note : note,
					      note < 0, factor);

	return w ? (int)w->n[2] : now;
}

int app_checkin_to_be(const struct tui_app *app, long long session, long long person)
{
	const pending_write *w = pending_last(&app->pending, PW_CHECKIN, session, false, person);
	const pending_write *undo = pending_last(&app->pending, PW_UNDO, session, false, 0);
	const pending_write *redo = pending_last(&app->pending, PW_REDO, session, false, 0);

	if (!w || (undo && undo->seq > w->seq) || (redo && redo->seq > w->seq))
		return -1;
	return (int)w->n[2];
}

void app_writes_status(const struct tui_app *app, char *buf, size_t size)
{
	buf[0] = '\0';
	if (app->pending.n > 0)
		snprintf(buf, size, ngettext("Waiting for the database… %d change kept",
					     "Waiting for the database… %d changes kept",
					     (unsigned long)app->pending.n), app->pending.n);
}
