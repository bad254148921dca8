/* dialog.c: see dialog.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/screen.h"

/* A box centred on the screen; NULL when the screen has no room. */
static WINDOW *open_box(int h, int w, const char *title)
{
	WINDOW *win;

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
	int key, w, h;
	WINDOW *win;

	for (;;) {
		/* As tall as the text needs (a long path must not push the
		 * question out of the box), within the screen. */
		w = COLS - 2 < 64 ? COLS - 2 : 64;
		h = wrapped_rows(text, w - 4) + 5;
		app_redraw(app);
		win = open_box(h, w, title);
		h = win ? getmaxy(win) : h;
		if (win) {
			draw_wrapped(win, 2, 2, getmaxx(win) - 4, h - 5, text, 0);
			draw_text(win, h - 2, 2, getmaxx(win) - 4, answers, screen_attr(UI_ACCENT));
			wrefresh(win);
			delwin(win);
		}
		if (screen_stop_requested())
			return 27;
		if (!screen_read_key(&key))
			continue;
		if (key == 27)
			return 27;
		if (!(key & KEY_FLAG) && key < 128 && key > 0 && strchr(keys, key))
			return key;
	}
}

/* The label column's width. */
static int label_width(const struct form_field *f, int n)
{
	int i, w = 0;

	for (i = 0; i < n; i++)
		if (text_width(_(f[i].label)) > w)
			w = text_width(_(f[i].label));
	return w + 2;
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
	if (f->type == FIELD_SUGGEST && focus && f->suggest && f->edit.len &&
	    f->suggest(f->ctx, f->edit.utf8, hint, sizeof hint) &&
	    strcmp(hint, f->edit.utf8) != 0) {
		snprintf(shown, sizeof shown, _("Tab: %s"), hint);
		draw_text(win, y + 1, 2 + lw, width, shown, screen_attr(UI_ACCENT));
	}
}

static void form_draw(struct tui_app *app, const char *title, struct form_field *f, int n,
		      int focus, const char *msg)
{
	int lw = label_width(f, n), w = 72, h = 2 * n + 6, i, width;
	WINDOW *win;

	app_redraw(app);
	win = open_box(h, w, title);
	if (!win)
		return;
	width = getmaxx(win) - 4 - lw;
	for (i = 0; i < n; i++)
		draw_field(win, 2 + 2 * i, lw, width, &f[i], i == focus);
	draw_text(win, getmaxy(win) - 3, 2, getmaxx(win) - 4, msg, screen_attr(UI_ACCENT) | A_BOLD);
	draw_text(win, getmaxy(win) - 2, 2, getmaxx(win) - 4,
		  _("Enter next/save  Tab take suggestion  Ctrl-S save  Esc cancel"), 0);
	if (f[focus].type != FIELD_CHOICE) {
		le_draw(&f[focus].edit, win, 2 + 2 * focus, 2 + lw, width, screen_attr(UI_SELECTED), true);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wrefresh(win);
	delwin(win);
}

/* Typing in a choice field selects the first choice starting with the
 * letters typed so far. */
static void choice_type(struct form_field *f, struct lineedit *typed, int key)
{
	int i;

	if (!le_type(typed, key))
		return;
	for (i = 0; i < f->nchoices; i++) {
		if (text_starts_with_folded(f->choice_labels[i], typed->utf8)) {
			f->choice = i;
			return;
		}
	}
	le_clear(typed);
}

static bool form_check(struct form_field *f, int n, char *msg, size_t size, int *focus,
		       bool (*check)(void *, struct form_field *, char *, size_t), void *ctx)
{
	int i;

	for (i = 0; i < n; i++) {
		if (f[i].required && f[i].type != FIELD_CHOICE && !*text_trim(f[i].edit.utf8)) {
			snprintf(msg, size, _("%s cannot be empty"), _(f[i].label));
			*focus = i;
			return false;
		}
	}
	return !check || check(ctx, f, msg, size);
}

bool form_run(struct tui_app *app, const char *title, struct form_field *f, int n,
	      bool (*check)(void *ctx, struct form_field *f, char *msg, size_t size),
	      void *ctx)
{
	struct lineedit typed;
	char msg[512] = "", hint[512];
	int focus = 0, key;

	le_clear(&typed);
	for (;;) {
		form_draw(app, title, f, n, focus, msg);
		if (screen_stop_requested())
			break;
		if (!screen_read_key(&key))
			continue;
		msg[0] = '\0';
		if (key == 27)
			break;
		if (key == CTRL('s') || ((key == '\r' || key == '\n' || key == KC(KEY_ENTER)) &&
					 focus == n - 1)) {
			if (form_check(f, n, msg, sizeof msg, &focus, check, ctx)) {
				curs_set(0);
				return true;
			}
			continue;
		}
		if (key == '\t' && f[focus].type == FIELD_SUGGEST && f[focus].suggest &&
		    f[focus].edit.len && f[focus].suggest(f[focus].ctx, f[focus].edit.utf8, hint, sizeof hint) &&
		    strcmp(hint, f[focus].edit.utf8) != 0) {
			le_set(&f[focus].edit, hint);
			continue;
		}
		if (key == '\t' || key == '\r' || key == '\n' || key == KC(KEY_ENTER) || key == KC(KEY_DOWN)) {
			focus = (focus + 1) % n;
			le_clear(&typed);
		} else if (key == KC(KEY_BTAB) || key == KC(KEY_UP)) {
			focus = (focus + n - 1) % n;
			le_clear(&typed);
		} else if (f[focus].type == FIELD_CHOICE) {
			if (key == KC(KEY_RIGHT) || key == ' ')
				f[focus].choice = (f[focus].choice + 1) % f[focus].nchoices;
			else if (key == KC(KEY_LEFT))
				f[focus].choice = (f[focus].choice + f[focus].nchoices - 1) % f[focus].nchoices;
			else
				choice_type(&f[focus], &typed, key);
		} else {
			le_key(&f[focus].edit, key);
		}
	}
	curs_set(0);
	return false;
}
