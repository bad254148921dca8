/* dialog.c: see dialog.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/screen.h"

/* A box centred on the screen; NULL when the screen has no room (too
 * small, app_redraw says so alone). */
static WINDOW *open_box(int h, int w, const char *title)
{
	WINDOW *win;

	if (!screen_big_enough())
		return NULL;
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	if (!win)
		return NULL;
	werase(win);
	box(win, 0, 0);
	draw_text_clip(win, 0, 2, w - 4, title, screen_attr(UI_HEADER) | A_BOLD);
	return win;
}

int dialog_ask(struct tui_app *app, const char *title, const char *text,
	       const char *answers, const char *keys)
{
	int key, w, h, ah;
	WINDOW *win;

	for (;;) {
		/* As wide as the answers need, up to the screen, and as tall as
		 * the text needs (a long path must not push the question out
		 * of the box): every answer shows whole, the way out (Esc)
		 * last, so none may be cut. */
		w = text_width(answers) + 4;
		w = w < 64 ? 64 : w > COLS - 2 ? COLS - 2 : w;
		ah = hint_rows(answers, w - 4);
		h = wrapped_rows(text, w - 4) + ah + 4;
		app_redraw(app);
		win = open_box(h, w, title);
		h = win ? getmaxy(win) : h;
		if (win) {
			draw_wrapped(win, 2, 2, getmaxx(win) - 4, h - 4 - ah, text, 0);
			draw_hints(win, h - 1 - ah, 2, getmaxx(win) - 4, ah, answers,
				   screen_attr(UI_ACCENT));
			wrefresh(win);
			delwin(win);
		}
		if (screen_stop_requested() || app->quit)
			return 27;
		if (!app_read_key(app, &key))
			continue;
		if (key == 27)
			return 27;
		/* F10 quits from a question too: it is answered as Esc. */
		if (action_for_key(VIEW_FORM, key) == ACT_QUIT) {
			app->quit = true;
			return 27;
		}
		if (!(key & KEY_FLAG) && key < 128 && key > 0 && strchr(keys, key))
			return key;
	}
}

/* The label column's width, hidden fields included, so the fields do
 * not jump sideways when one shows or hides. */
static int label_width(const struct form_field *f, int n)
{
	int i, w = 0;

	for (i = 0; i < n; i++)
		if (text_width(_(f[i].label)) > w)
			w = text_width(_(f[i].label));
	return w + 2;
}

/* The field after (step 1) or before (step -1) from that is not hidden,
 * going round; from itself when no other shows. */
static int next_shown(const struct form_field *f, int n, int from, int step)
{
	int i, k = from;

	for (i = 0; i < n; i++) {
		k = (k + step + n) % n;
		if (!f[k].hidden)
			return k;
	}
	return from;
}

static int last_shown(const struct form_field *f, int n)
{
	int k = n - 1;

	while (k > 0 && f[k].hidden)
		k--;
	return k;
}

static void draw_field(WINDOW *win, int y, int lw, int width, struct form_field *f, bool focus)
{
	attr_t attr = focus ? screen_attr(UI_SELECTED) : A_UNDERLINE;
	char hint[512], shown[600];

	draw_text(win, y, 2, lw, _(f->label), focus ? A_BOLD : 0);
	if (f->type == FIELD_CHOICE) {
		snprintf(shown, sizeof shown, "\xe2\x97\x82 %s \xe2\x96\xb8",
			 f->nchoices ? f->choice_labels[f->choice] : "");
		draw_text(win, y, 2 + lw, width, shown, attr);
		return;
	}
	/* Away from the cursor a field shows its start, cut with "…". */
	if (focus)
		le_draw(&f->edit, win, y, 2 + lw, width, attr, false);
	else if (f->show_end)
		draw_text_tail(win, y, 2 + lw, width, f->edit.utf8, attr);
	else
		draw_text(win, y, 2 + lw, width, f->edit.utf8, attr);
	if (focus && (le_hint(&f->edit, hint, sizeof hint), hint[0])) {
		snprintf(shown, sizeof shown, _("Tab: %s"), hint);
		draw_text(win, y + 1, 2 + lw, width, shown, screen_attr(UI_ACCENT));
	}
}

/* The index among the fields that show of field i. */
static int shown_index(const struct form_field *f, int i)
{
	int k, at = 0;

	for (k = 0; k < i; k++)
		at += !f[k].hidden;
	return at;
}

/* The keys that work in field f, for the form's bottom line: only what
 * applies (Esc says what it does now), so that it fits the box in Dutch
 * too. */
static void field_hint(const struct form_field *f, char *buf, size_t size)
{
	const char *keys;

	switch (f->type) {
	case FIELD_CHOICE:
		keys = _("\xe2\x86\x90 \xe2\x86\x92 choose  Enter next/save  Ctrl-S save");
		break;
	case FIELD_SUGGEST:
		keys = _("Enter next/save  Tab complete  Ctrl-S save");
		break;
	default:
		keys = _("Enter next/save  Ctrl-S save");
		break;
	}
	snprintf(buf, size, "%s  %s", keys,
		 f->type != FIELD_CHOICE && f->edit.len ? _("Esc clear") : _("Esc cancel"));
}

/* The rows the keys line of the form takes: as many as the field whose
 * keys need most. */
static int keys_rows(const struct form_field *f, int n, int width)
{
	char keys[256];
	int i, rows = 1, r;

	for (i = 0; i < n; i++) {
		if (f[i].hidden)
			continue;
		field_hint(&f[i], keys, sizeof keys);
		if ((r = hint_rows(keys, width)) > rows)
			rows = r;
	}
	return rows;
}

/* Draws the form, as tall as its fields need within the screen; when
 * they do not all fit, it scrolls (*top, the first field shown, counted
 * among those that show) to keep the focused one in view, with ▲ and ▼
 * saying that more is above or below. */
static void form_draw(struct tui_app *app, const char *title, struct form_field *f, int n,
		      int focus, const char *msg, int *top)
{
	int lw = label_width(f, n), w = COLS - 2 < 72 ? COLS - 2 : 72, h, i, k, width, slots;
	int shown, at, focus_y = 2, mr, kr;
	char keys[256];
	WINDOW *win;

	shown = shown_index(f, n);
	/* The message and the keys wrap rather than lose their end (Esc
	 * cancel comes last); the keys take the rows of the field that needs
	 * most, so the box keeps its size while the focus moves. */
	mr = *msg ? wrapped_rows(msg, w - 4) : 1;
	kr = keys_rows(f, n, w - 4);
	app_redraw(app);
	win = open_box(2 * shown + 4 + mr + kr, w, title);
	if (!win)
		return;
	h = getmaxy(win);
	w = getmaxx(win);
	/* Two rows a field (the second for a suggestion), then a blank row,
	 * the message and the keys. */
	slots = (h - 4 - mr - kr) / 2 > 0 ? (h - 4 - mr - kr) / 2 : 1;
	at = shown_index(f, focus);
	if (at < *top)
		*top = at;
	if (at >= *top + slots)
		*top = at - slots + 1;
	if (*top > shown - slots)
		*top = shown - slots > 0 ? shown - slots : 0;
	width = w - 4 - lw;
	for (i = 0, k = 0; i < n; i++) {
		if (f[i].hidden)
			continue;
		if (k >= *top && k < *top + slots) {
			if (i == focus)
				focus_y = 2 + 2 * (k - *top);
			draw_field(win, 2 + 2 * (k - *top), lw, width, &f[i], i == focus);
		}
		k++;
	}
	if (*top > 0)
		mvwaddstr(win, 2, w - 2, "\xe2\x96\xb2");
	if (*top + slots < shown)
		mvwaddstr(win, 2 + 2 * (slots - 1), w - 2, "\xe2\x96\xbc");
	draw_wrapped(win, h - 1 - kr - mr, 2, w - 4, mr, msg, screen_attr(UI_ACCENT) | A_BOLD);
	field_hint(&f[focus], keys, sizeof keys);
	draw_hints(win, h - 1 - kr, 2, w - 4, kr, keys, 0);
	if (f[focus].type != FIELD_CHOICE) {
		le_draw(&f[focus].edit, win, focus_y, 2 + lw, width, screen_attr(UI_SELECTED), true);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wrefresh(win);
	delwin(win);
}

/* Typing in a choice field selects the first choice starting with the
 * letters typed so far. */
static enum le_result choice_type(struct form_field *f, struct lineedit *typed, int key)
{
	int i;

	if (!le_type(typed, key))
		return LE_NOT_MINE;
	for (i = 0; i < f->nchoices; i++) {
		if (text_starts_with_folded(f->choice_labels[i], typed->utf8)) {
			f->choice = i;
			return LE_TAKEN;
		}
	}
	le_clear(typed);
	return LE_TAKEN;
}

/* A key for a choice field: another choice (Right, Space, Left, or its
 * first letters); it has no text to clear, so Esc closes. */
static enum le_result choice_key(struct form_field *f, struct lineedit *typed, int key)
{
	enum action a = action_for_key(VIEW_FORM | FIELD_CHOICES, key);

	if (a == ACT_BACK)
		return LE_CLOSE;
	if (f->nchoices <= 0)
		return LE_NOT_MINE;
	if (a == ACT_CHOICE_NEXT)
		f->choice = (f->choice + 1) % f->nchoices;
	else if (a == ACT_CHOICE_PREV)
		f->choice = (f->choice + f->nchoices - 1) % f->nchoices;
	else
		return choice_type(f, typed, key);
	return LE_TAKEN;
}

static const enum action form_handles[] = {
	ACT_FORM_SAVE, ACT_FORM_NEXT, ACT_FORM_PREV, ACT_NONE,
};

/* Only its keys: a form is a box drawn over the screen it serves. */
const struct view_ops form_ops = {
	.name = "form",
	.kinds = { VIEW_FORM | FIELD_LINE, VIEW_FORM | FIELD_CHOICES },
	.handles = form_handles,
};

/* Where a form is, for its keys (actions_table.h): a text field, or a
 * choice. */
static unsigned form_kind(const struct form_field *f)
{
	return VIEW_FORM | (f->type == FIELD_CHOICE ? FIELD_CHOICES : FIELD_LINE);
}

/* A key for the focused field: another choice, or editing its text (as
 * every one-line field does, lineedit.h).  Tells the field's on_change
 * when its value changed. */
static enum le_result field_key(struct form_field *form, int focus, struct lineedit *typed,
				int key)
{
	struct form_field *f = &form[focus];
	int choice = f->choice;
	enum le_result r;

	if (f->type == FIELD_CHOICE) {
		r = choice_key(f, typed, key);
		if (f->choice != choice && f->on_change)
			f->on_change(f->ctx, form, focus);
		return r;
	}
	r = le_key(&f->edit, key, LE_ALL_KEYS);
	if (r == LE_CHANGED && f->on_change)
		f->on_change(f->ctx, form, focus);
	return r;
}

static bool form_check(struct form_field *f, int n, char *msg, size_t size, int *focus,
		       bool (*check)(void *, struct form_field *, char *, size_t), void *ctx)
{
	int i;

	for (i = 0; i < n; i++) {
		if (f[i].required && !f[i].hidden && f[i].type != FIELD_CHOICE &&
		    !*text_trim(f[i].edit.utf8)) {
			snprintf(msg, size, _("%s cannot be empty"), _(f[i].label));
			*focus = i;
			return false;
		}
	}
	return !check || check(ctx, f, msg, size);
}

static bool is_enter(int key)
{
	return key == '\r' || key == '\n' || key == KC(KEY_ENTER);
}

bool form_run(struct tui_app *app, const char *title, struct form_field *f, int n,
	      bool (*check)(void *ctx, struct form_field *f, char *msg, size_t size),
	      void *ctx)
{
	struct lineedit typed;
	char msg[512] = "";
	int focus = f[0].hidden ? next_shown(f, n, 0, 1) : 0, key, top = 0, i;
	unsigned outer = app->modal_kind, kind;
	bool saved = false;
	enum le_result r;
	enum action a;

	le_init(&typed);
	for (i = 0; i < n; i++)
		le_set_suggest(&f[i].edit, f[i].type == FIELD_SUGGEST ? f[i].suggest : NULL, f[i].ctx);
	for (;;) {
		app->modal_kind = kind = form_kind(&f[focus]);
		form_draw(app, title, f, n, focus, msg, &top);
		if (screen_stop_requested() || app->quit)
			break;
		if (!app_read_key(app, &key))
			continue;
		msg[0] = '\0';
		a = action_for_key(kind, key);
		if (a == ACT_FORM_SAVE || (is_enter(key) && focus == last_shown(f, n))) {
			if ((saved = form_check(f, n, msg, sizeof msg, &focus, check, ctx)))
				break;
			continue;
		}
		r = field_key(f, focus, &typed, key);
		if (r == LE_CLOSE)
			break;
		if (r != LE_NOT_MINE) {
			/* on_change may have hidden the focused field. */
			if (f[focus].hidden)
				focus = next_shown(f, n, focus, 1);
			continue;
		}
		/* Tab with nothing to complete goes on, as in every form. */
		if (a == ACT_ED_COMPLETE)
			a = ACT_FORM_NEXT;
		if (a == ACT_FORM_NEXT || a == ACT_FORM_PREV) {
			focus = next_shown(f, n, focus, a == ACT_FORM_NEXT ? 1 : -1);
			le_clear(&typed);
		} else if (modal_common(app, a, kind)) {
			break;
		}
	}
	app->modal_kind = outer;
	curs_set(0);
	return saved;
}
