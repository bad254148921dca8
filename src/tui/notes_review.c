/* notes_review.c: the notes of all sessions, to read back after the
 * focus groups: filtered by programme, session, kind of session, kind of
 * note, group, school, author and dates; searched with full-text search
 * (matches highlighted); and the trash.  In the order of the session's
 * date (a note typed up later among its session's notes), or of entry;
 * each row's day shows where it differs from the row above's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/codebook.h"
#include "core/date.h"
#include "core/figures.h"
#include "core/i18n.h"
#include "core/note_fts.h"
#include "core/note_kinds.h"
#include "core/note_search.h"
#include "core/notes.h"
#include "core/organisation.h"
#include "core/programme.h"
#include "core/session_match.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/export_dialog.h"
#include "tui/factor_picker.h"
#include "tui/listview.h"
#include "tui/note_reader.h"
#include "tui/note_taking.h"
#include "tui/notes_review.h"
#include "tui/org_form.h"
#include "tui/review_queue.h"
#include "tui/screen.h"
#include "tui/statusbar.h"
#include "tui/view.h"
#include "tui/writes.h"

#define MAX_SPANS 64

enum { R_PROGRAMME, R_SESSION, R_SESSION_KIND, R_KIND, R_GROUP, R_SCHOOL, R_AUTHOR, R_FROM,
       R_TO, R_FACTOR, R_POLARITY, R_UNTAGGED, R_COUNT };

struct notes_review {
	struct view v;
	note_filter filter;
	char search[256];
	/* The filter form's fields, kept so that it opens as it was left. */
	struct form_field form[R_COUNT];
	const char *session_kinds[SESSION_KIND_COUNT + 1];
	const char *note_kinds[NOTE_KIND_COUNT + 1];
	const char *polarities[4], *untagged[2];
	char describe[512];
	struct listview lv;
	char title[768];
	/* The filter as the screen opened (a factor's evidence, a session's
	 * notes): Esc brings it back before it goes back to the opener. */
	struct {
		note_filter filter;
		char search[256];
		struct form_field form[R_COUNT];
		char describe[512];
	} opened;
};

#define RV(v) ((struct notes_review *)(v))

static int src_fetch(void *ctx, const void *anchor, bool backward, void *out, int n,
		     st_err *err)
{
	struct notes_review *rv = ctx;

	return note_page(rv->v.app->db, &rv->filter, anchor, backward, out, n, err);
}

static void src_clear(void *row)
{
	note_clear(row);
}

static long long src_count(void *ctx)
{
	struct notes_review *rv = ctx;

	/* Capped: an exact count of a million notes would cost every key. */
	return note_count_upto(rv->v.app->db, &rv->filter, NOTE_COUNT_CAP, NULL);
}

static const struct listview_source review_source = {
	sizeof(st_note), src_fetch, src_clear, src_count, NULL,
};

static int list_height(const struct notes_review *rv)
{
	return rv->v.height - 1 > 1 ? rv->v.height - 1 : 1;
}

/* The part of body to show in width columns: its start, or, when the
 * first match of the search lies beyond that, "…" and the text from a
 * little before the match (at most a quarter of the width, so that the
 * match itself shows in a narrow column).  Caller frees. */
static char *excerpt(const char *body, const char *search, int width)
{
	note_span first;
	char *fit = text_fit(body, width, true), *shifted;
	size_t from, lead = width >= 80 ? 20 : width > 0 ? (size_t)width / 4 : 0;

	if (!fit || !*search || note_match_spans(body, search, &first, 1) != 1 ||
	    first.end + 4 <= strlen(fit))
		return fit;
	free(fit);
	from = first.start > lead ? first.start - lead : 0;
	while (from > 0 && ((unsigned char)body[from] & 0xc0) == 0x80)
		from--;   /* not inside a character */
	shifted = malloc(strlen(body + from) + 4);
	if (!shifted)
		return NULL;
	sprintf(shifted, "\xe2\x80\xa6%s", body + from);
	fit = text_fit(shifted, width, true);
	free(shifted);
	return fit;
}

/* The day a note is ordered by, as stored: its session's date in the
 * order of the session's date, the day it was entered in entry order. */
static void order_day(const struct notes_review *rv, const st_note *n, char *buf, size_t size)
{
	if (rv->filter.order == NOTE_ORDER_SESSION)
		snprintf(buf, size, "%s", n->session_date);
	else
		snprintf(buf, size, "%.10s", n->created_at);
}

/* The day of row i, in the short form, where it differs from the row
 * above's ("" where it is the same), so that the days read as headings
 * of the rows below them. */
static void row_day(const struct notes_review *rv, int i, char *buf, size_t size)
{
	const st_note *n = lv_row(&rv->lv, i), *above = i > 0 ? lv_row(&rv->lv, i - 1) : NULL;
	char day[32], above_day[32] = "";

	order_day(rv, n, day, sizeof day);
	if (above)
		order_day(rv, above, above_day, sizeof above_day);
	buf[0] = '\0';
	if (strcmp(day, above_day) != 0)
		date_format_short_text(day, buf, size);
}

static void draw_row(struct notes_review *rv, int y, int i)
{
	const st_note *n = lv_row(&rv->lv, i);
	attr_t attr = i == rv->lv.sel ? screen_attr(UI_SELECTED) : 0;
	note_span spans[MAX_SPANS];
	char date[64], *fit;
	int nspans = 0, x, used;

	if (!n) {
		draw_blank_row(stdscr, y, 0);
		return;
	}
	row_day(rv, i, date, sizeof date);
	draw_text(stdscr, y, 0, COLS, "", attr);
	draw_text(stdscr, y, 1, 15, date, attr);
	draw_text(stdscr, y, 17, 7, n->session_code, draw_accent(attr));
	x = 25;
	if (rv->filter.factor_id) {
		/* Evidence: how it is tagged with this factor and the school
		 * take the place of the kind and of all its tags. */
		draw_text(stdscr, y, x, 1, factor_polarity_bits_mark(n->factor_polarity),
			  attr | A_BOLD);
		draw_text(stdscr, y, x + 2, 16, n->school, attr);
		x += 19;
	} else {
		draw_text(stdscr, y, x, 11, note_kind_label(n->kind), attr);
		x += 12;
	}
	used = draw_text_clip(stdscr, y, x, 12, n->group_label, attr | A_BOLD);
	x += used ? used + 1 : 0;
	if (*n->tags && !rv->filter.factor_id) {
		x += draw_text_clip(stdscr, y, x, 14, n->tags, draw_accent(attr));
		x++;
	}
	/* One row: cut with "…".  Fitting keeps the bytes of what it keeps,
	 * so the match ranges still point at the right text. */
	fit = excerpt(n->body, rv->search, COLS - x - 1);
	if (!fit)
		return;
	if (rv->search[0])
		nspans = note_match_spans(fit, rv->search, spans, MAX_SPANS);
	draw_marked(stdscr, y, x, COLS - x - 1, 0, 1, fit, spans, nspans, attr,
		    attr | A_BOLD | A_UNDERLINE);
	free(fit);
}

static void rv_draw(struct view *v)
{
	struct notes_review *rv = RV(v);
	int i;

	lv_set_height(&rv->lv, list_height(rv));
	draw_blank_row(stdscr, v->top, screen_attr(UI_HEADER) | A_BOLD);
	draw_text(stdscr, v->top, 1, COLS - 2, rv->describe[0] ? rv->describe
			: _("All notes (f filters, / searches, t shows the trash)"), screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < list_height(rv); i++)
		draw_row(rv, v->top + 1 + i, i);
	if (rv->lv.nrows == 0)
		draw_text(stdscr, v->top + 2, 2, COLS - 4, rv->filter.trash
			  ? _("The trash is empty.") : _("No notes match."), 0);
	if (rv->lv.error[0])
		app_message(v->app, true, "%s", rv->lv.error);
}

/* The filters in force, in words, for the line above the list. */
static void describe(struct notes_review *rv)
{
	size_t len = 0;
	int i;

	rv->describe[0] = '\0';
	if (rv->filter.trash)
		len += (size_t)snprintf(rv->describe + len, sizeof rv->describe - len, "%s", _("Trash"));
	if (rv->search[0] && len < sizeof rv->describe)
		len += (size_t)snprintf(rv->describe + len, sizeof rv->describe - len, _("%sSearch: %s"),
					len ? "  \xc2\xb7  " : "", rv->search);
	for (i = 0; i < R_COUNT && len < sizeof rv->describe; i++) {
		const struct form_field *f = &rv->form[i];
		const char *value = f->type == FIELD_CHOICE ? (f->choice ? f->choice_labels[f->choice] : "")
							    : f->edit.utf8;
		if (*value)
			len += (size_t)snprintf(rv->describe + len, sizeof rv->describe - len, "%s%s: %s",
						len ? "  \xc2\xb7  " : "", _(f->label), value);
	}
}

/* Reads the filter form into the filter; false with msg when a value
 * cannot be used. */
static bool apply_form(void *ctx, struct form_field *f, char *msg, size_t size)
{
	struct notes_review *rv = ctx;
	st_programme p = { 0 };
	st_organisation o = { 0 };
	long long id = 0;
	st_date d;
	st_err err;

	rv->filter.programme_id = rv->filter.session_id = rv->filter.org_id = 0;
	if (*f[R_PROGRAMME].edit.utf8) {
		if (programme_find(rv->v.app->db, f[R_PROGRAMME].edit.utf8, &p, &err) != 1) {
			snprintf(msg, size, _("No programme called \"%s\""), f[R_PROGRAMME].edit.utf8);
			return false;
		}
		rv->filter.programme_id = p.id;
		programme_clear(&p);
	}
	if (*f[R_SESSION].edit.utf8) {
		int found = session_resolve(rv->v.app->db, f[R_SESSION].edit.utf8,
					    rv->filter.programme_id, &id, &err);

		if (found != 1 && found != SESSION_FOUND_ELSEWHERE_TOO) {
			snprintf(msg, size, "%s", err.msg);
			return false;
		}
		rv->filter.session_id = id;
	}
	if (*f[R_SCHOOL].edit.utf8) {
		if (org_search(rv->v.app->db, f[R_SCHOOL].edit.utf8, &o, 1, &err) != 1) {
			snprintf(msg, size, _("No organisation matches \"%s\""), f[R_SCHOOL].edit.utf8);
			return false;
		}
		rv->filter.org_id = o.id;
		org_clear(&o);
	}
	if ((*f[R_FROM].edit.utf8 && (date_parse_iso(f[R_FROM].edit.utf8, &d) != 0 || !d.day)) ||
	    (*f[R_TO].edit.utf8 && (date_parse_iso(f[R_TO].edit.utf8, &d) != 0 || !d.day))) {
		snprintf(msg, size, "%s", _("Dates are written YYYY-MM-DD, e.g. 2018-10-15"));
		return false;
	}
	rv->filter.factor_id = 0;
	if (*f[R_FACTOR].edit.utf8) {
		st_factor fc = { 0 };
		if (factor_find_code(rv->v.app->db, text_trim(f[R_FACTOR].edit.utf8), &fc, &err) != 1) {
			snprintf(msg, size, _("No factor with code \"%s\""), f[R_FACTOR].edit.utf8);
			return false;
		}
		rv->filter.factor_id = fc.id;
		factor_clear(&fc);
	}
	{
		static const int polarity[4] = { NOTE_POLARITY_ANY, NOTE_POLARITY_ENABLER,
						 NOTE_POLARITY_BARRIER, NOTE_POLARITY_NEUTRAL };
		rv->filter.polarity = polarity[f[R_POLARITY].choice];
	}
	rv->filter.untagged = f[R_UNTAGGED].choice == 1;
	rv->filter.session_kind = f[R_SESSION_KIND].choice ? session_kind_key[f[R_SESSION_KIND].choice - 1] : NULL;
	rv->filter.kind = f[R_KIND].choice ? note_kind_key[f[R_KIND].choice - 1] : NULL;
	/* The form lives as long as the screen, so the filter points into it. */
	rv->filter.group_label = *f[R_GROUP].edit.utf8 ? f[R_GROUP].edit.utf8 : NULL;
	rv->filter.author = *f[R_AUTHOR].edit.utf8 ? f[R_AUTHOR].edit.utf8 : NULL;
	rv->filter.from = *f[R_FROM].edit.utf8 ? f[R_FROM].edit.utf8 : NULL;
	rv->filter.to = *f[R_TO].edit.utf8 ? f[R_TO].edit.utf8 : NULL;
	return true;
}

static void init_form(struct notes_review *rv)
{
	struct form_field *f = rv->form;
	int i;

	rv->session_kinds[0] = _("All kinds");
	for (i = 0; i < SESSION_KIND_COUNT; i++)
		rv->session_kinds[i + 1] = _(session_kind_label[i]);
	rv->note_kinds[0] = _("All kinds");
	for (i = 0; i < NOTE_KIND_COUNT; i++)
		rv->note_kinds[i + 1] = note_kind_label(note_kind_key[i]);
	f[R_PROGRAMME] = (struct form_field){ .label = N_("Programme"), .type = FIELD_TEXT };
	f[R_SESSION] = (struct form_field){ .label = N_("Session"), .type = FIELD_TEXT };
	f[R_SESSION_KIND] = (struct form_field){ .label = N_("Session kind"), .type = FIELD_CHOICE,
						 .choice_labels = rv->session_kinds,
						 .nchoices = SESSION_KIND_COUNT + 1 };
	f[R_KIND] = (struct form_field){ .label = N_("Note kind"), .type = FIELD_CHOICE,
					 .choice_labels = rv->note_kinds, .nchoices = NOTE_KIND_COUNT + 1 };
	f[R_GROUP] = (struct form_field){ .label = N_("Group"), .type = FIELD_TEXT };
	f[R_SCHOOL] = (struct form_field){ .label = N_("School"), .type = FIELD_SUGGEST,
					   .suggest = suggest_org_names, .ctx = rv->v.app };
	f[R_AUTHOR] = (struct form_field){ .label = N_("Author"), .type = FIELD_TEXT };
	f[R_FROM] = (struct form_field){ .label = N_("From (date)"), .type = FIELD_TEXT };
	f[R_TO] = (struct form_field){ .label = N_("To (date)"), .type = FIELD_TEXT };
	rv->polarities[0] = _("Any");
	rv->polarities[1] = _("Enabler (+)");
	rv->polarities[2] = _("Barrier (-)");
	rv->polarities[3] = _("Neutral");
	rv->untagged[0] = _("All notes");
	rv->untagged[1] = _("Only untagged notes");
	f[R_FACTOR] = (struct form_field){ .label = N_("Factor (code)"), .type = FIELD_TEXT };
	f[R_POLARITY] = (struct form_field){ .label = N_("Polarity"), .type = FIELD_CHOICE,
					     .choice_labels = rv->polarities, .nchoices = 4 };
	f[R_UNTAGGED] = (struct form_field){ .label = N_("Tagged"), .type = FIELD_CHOICE,
					     .choice_labels = rv->untagged, .nchoices = 2 };
	for (i = 0; i < R_COUNT; i++)
		le_clear(&f[i].edit);
}

/* Keeps the filter the screen opened with (the filter points into the
 * form and the search of this same struct, so copies stay valid). */
static void remember_opened(struct notes_review *rv)
{
	describe(rv);
	rv->opened.filter = rv->filter;
	memcpy(rv->opened.search, rv->search, sizeof rv->search);
	memcpy(rv->opened.form, rv->form, sizeof rv->form);
	memcpy(rv->opened.describe, rv->describe, sizeof rv->describe);
}

static void restore_opened(struct notes_review *rv)
{
	enum note_order order = rv->filter.order;   /* a way of reading, kept */

	rv->filter = rv->opened.filter;
	rv->filter.order = order;
	memcpy(rv->search, rv->opened.search, sizeof rv->search);
	memcpy(rv->form, rv->opened.form, sizeof rv->form);
}

/* While a search is typed: a prefix ("creat*") is looked up in the full-
 * text index's vocabulary as soon as its star is typed (note_fts_expand
 * keeps the answer for the connection), so that Enter finds it done and
 * the index pages it read in the cache.  Read cold, that lookup was most
 * of what the first screen of a prefix search cost (README,
 * Performance). */
static void search_typed(void *ctx, const char *text)
{
	struct notes_review *rv = ctx;
	char *query, *words;

	if (!strchr(text, '*') || !(query = note_search_query(text)))
		return;
	words = note_fts_expand(rv->v.app->db, query);
	free(query);
	free(words);
}

static bool rv_act(struct view *v, enum action a)
{
	struct notes_review *rv = RV(v);
	st_note *sel = lv_selected(&rv->lv);
	char text[256];

	if (lv_move(&rv->lv, a))
		return true;
	switch (a) {
	case ACT_OPEN:
		if (sel)
			view_push(v->app, note_reader_open(v->app, sel->id, rv->search));
		return true;
	case ACT_EDIT:
		if (sel && !rv->filter.trash)
			view_push(v->app, note_taking_open(v->app, sel->session_id, sel->id));
		return true;
	case ACT_DELETE:
		if (sel && !rv->filter.trash && app_note_trash(v->app, sel->id, true) == WRITE_DONE)
			app_message(v->app, false, _("Note %lld moved to the trash"), sel->id);
		lv_reload(&rv->lv);
		return true;
	case ACT_RESTORE:
		if (sel && rv->filter.trash && app_note_trash(v->app, sel->id, false) == WRITE_DONE)
			app_message(v->app, false, _("Note %lld restored"), sel->id);
		lv_reload(&rv->lv);
		return true;
	case ACT_TRASH:
		rv->filter.trash = !rv->filter.trash;
		break;
	case ACT_NOTE_ORDER:
		/* The selected note stays selected, where it is in the other
		 * order (the title says which). */
		rv->filter.order = rv->filter.order == NOTE_ORDER_SESSION ? NOTE_ORDER_ENTERED
									  : NOTE_ORDER_SESSION;
		lv_reload(&rv->lv);
		return true;
	case ACT_TAG:
		if (sel && !rv->filter.trash) {
			factor_picker_run(v->app, sel->id);
			lv_reload(&rv->lv);
		}
		return true;
	case ACT_EXPORT: {
		/* The notes as the screen shows them: every filter and the search. */
		export_options o = { .programme_id = rv->filter.programme_id,
				     .session_kind = rv->filter.session_kind,
				     .session_id = rv->filter.session_id,
				     .notes = &rv->filter };
		export_dialog_run(v->app, rv->filter.factor_id ? EXPORT_EVIDENCE : EXPORT_NOTES, &o);
		return true;
	}
	case ACT_QUEUE:
		view_push(v->app, review_queue_open(v->app, &rv->filter));
		return true;
	case ACT_FIND_NOTES:
		if (!statusbar_prompt(v->app, _("Search notes: "), text, sizeof text, search_typed,
				      rv))
			return true;
		snprintf(rv->search, sizeof rv->search, "%s", text_trim(text));
		rv->filter.search = rv->search[0] ? rv->search : NULL;
		break;
	case ACT_FILTER_NOTES:
		if (!form_run(v->app, _("Filter notes"), rv->form, R_COUNT, apply_form, rv))
			return true;
		break;
	case ACT_BACK:
		/* As opened: the app goes back to the screen that opened it. */
		if (strcmp(rv->describe, rv->opened.describe) == 0)
			return false;
		restore_opened(rv);
		break;
	default:
		return false;
	}
	describe(rv);
	lv_end(&rv->lv);
	return true;
}

static void rv_mouse(struct view *v, const MEVENT *ev)
{
	if (lv_mouse(&RV(v)->lv, ev, v->top + 1))
		rv_act(v, ACT_OPEN);
}

static const char *rv_title(struct view *v)
{
	struct notes_review *rv = RV(v);
	const char *order = rv->filter.order == NOTE_ORDER_SESSION ? _("by session date")
								   : _("by entry time");

	if (rv->lv.total > NOTE_COUNT_CAP)   /* counted only that far */
		snprintf(rv->title, sizeof rv->title, _("Notes  ·  %lld+  ·  %s"),
			 (long long)NOTE_COUNT_CAP, order);
	else
		snprintf(rv->title, sizeof rv->title, _("Notes  ·  %lld  ·  %s"), rv->lv.total,
			 order);
	return rv->title;
}

static void rv_close(struct view *v)
{
	lv_free(&RV(v)->lv);
	free(v);
}

/* Back from a screen above: show what changed there. */
static void rv_resume(struct view *v)
{
	lv_reload(&RV(v)->lv);
}

/* In the trash notes are restored; elsewhere edited, deleted, tagged. */
static bool rv_offers(struct view *v, enum action a)
{
	if (a == ACT_RESTORE)
		return RV(v)->filter.trash;
	/* The untagged notes (u) are live ones, never those in the trash. */
	if (a == ACT_EDIT || a == ACT_TAG || a == ACT_DELETE || a == ACT_QUEUE)
		return !RV(v)->filter.trash;
	return true;
}

static const enum action rv_handles[] = {
	LIST_MOVES, ACT_OPEN, ACT_EDIT, ACT_DELETE, ACT_RESTORE, ACT_TRASH, ACT_TAG, ACT_EXPORT,
	ACT_QUEUE, ACT_FIND_NOTES, ACT_FILTER_NOTES, ACT_NOTE_ORDER, ACT_BACK, ACT_NONE,
};

const struct view_ops review_ops = {
	.name = "review",
	.kinds = { VIEW_REVIEW },
	.handles = rv_handles,
	.draw = rv_draw,
	.act = rv_act,
	.mouse = rv_mouse,
	.close = rv_close,
	.title = rv_title,
	.resume = rv_resume,
};

/* Sets the programme, session kind and session fields of the filter form
 * to those of within, so that the line above the list says them and the
 * form opens with them. */
static void form_from_figures(struct notes_review *rv, const figure_filter *within)
{
	st_programme progs[64];
	st_session s = { 0 };
	st_err err;
	int n, i;

	n = within->programme_id ? programme_list(rv->v.app->db, progs, 64, &err) : 0;
	for (i = 0; i < n; i++) {
		if (progs[i].id == within->programme_id)
			le_set(&rv->form[R_PROGRAMME].edit, progs[i].name);
		programme_clear(&progs[i]);
	}
	if (within->session_id && session_get(rv->v.app->db, within->session_id, &s, &err) == 1)
		le_set(&rv->form[R_SESSION].edit, s.code);
	session_clear(&s);
	i = within->session_kind ? session_kind_index(within->session_kind) : -1;
	if (i >= 0) {
		rv->form[R_SESSION_KIND].choice = i + 1;
		rv->filter.session_kind = session_kind_key[i];
	}
}

struct view *notes_review_open_factor(struct tui_app *app, long long factor_id,
				      const figure_filter *within)
{
	struct view *v = notes_review_open(app);
	struct notes_review *rv = RV(v);
	st_factor f = { 0 };
	st_err err;

	if (!v)
		return NULL;
	rv->filter.factor_id = factor_id;
	if (factor_get(app->db, factor_id, &f, &err) == 1)
		le_set(&rv->form[R_FACTOR].edit, f.code);
	factor_clear(&f);
	if (within) {
		rv->filter.programme_id = within->programme_id;
		rv->filter.session_id = within->session_id;
		form_from_figures(rv, within);
	}
	remember_opened(rv);
	lv_end(&rv->lv);
	return v;
}

struct view *notes_review_open(struct tui_app *app)
{
	struct notes_review *rv = calloc(1, sizeof *rv);

	if (!rv)
		return NULL;
	rv->v.ops = &review_ops;
	rv->v.offers = rv_offers;
	rv->v.app = app;
	rv->v.height = LINES - 2;
	init_form(rv);
	rv->filter.polarity = NOTE_POLARITY_ANY;
	/* A note typed up later stays among its session's notes ("o" orders
	 * by entry time). */
	rv->filter.order = NOTE_ORDER_SESSION;
	lv_init(&rv->lv, &review_source, rv);
	rv->lv.height = list_height(rv);
	remember_opened(rv);
	lv_end(&rv->lv);
	return &rv->v;
}
