/* statusbar.c: the bottom line: a message, or the main keys of the view
 * on top (generated from the action table), or a prompt. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/lineedit.h"
#include "tui/screen.h"
#include "tui/statusbar.h"
#include "tui/view.h"
#include "tui/writes.h"

void app_message(struct tui_app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_is_error = error;
}

/* "key label" for the actions of this view that have a label, in table
 * order, as many whole ones as fit in room columns: a hint cut in half
 * ("x ex…") tells nothing, so one that does not fit gives way whole, and
 * the shorter ones after it still get their place (labels are longer in
 * Dutch: one long label must not push out every hint behind it). */
static void build_hints(struct view *v, unsigned kind, char *buf, size_t size, int room)
{
	const struct action_info *t;
	char key[32], hint[160];
	size_t len = 0;
	int n, i, k, used = 0, hw;

	buf[0] = '\0';
	t = action_table(&n);
	for (i = 0; i < n; i++) {
		if (!t[i].label || !(t[i].views & kind & VIEW_SCREENS) || t[i].action == ACT_HELP ||
		    t[i].action == ACT_QUIT || t[i].action == ACT_BACK ||
		    (v && v->offers && !v->offers(v, t[i].action)))
			continue;
		if (!(k = action_first_key(&t[i], kind)))
			continue;
		action_key_name(k, key, sizeof key);
		snprintf(hint, sizeof hint, "%s%s %s", len ? "  " : " ", key, _(t[i].label));
		hw = text_width(hint);
		if (used + hw > room || len + strlen(hint) >= size)
			continue;
		memcpy(buf + len, hint, strlen(hint) + 1);
		len += strlen(hint);
		used += hw;
	}
}

/* "  ? help  Esc back ", or on the first screen "  ? help  q quit ": the
 * keys that always work, as they work on this screen (? is text where
 * typing goes to a field, then F1 shows).  F10, which quits from every
 * screen, is in the help: the room is the screen's own keys'. */
static void always_hints(unsigned kind, bool first, char *buf, size_t size)
{
	/* Back on a screen opened from another, quit on the first. */
	const enum action always[] = { ACT_HELP, first ? ACT_QUIT : ACT_BACK };
	char key[32];
	size_t len = 0, i;
	int k;

	buf[0] = '\0';
	for (i = 0; i < sizeof always / sizeof always[0] && len < size; i++) {
		const struct action_info *t = action_row(always[i], kind);
		if (!t || !(k = action_first_key(t, kind)))
			continue;
		action_key_name(k, key, sizeof key);
		len += (size_t)snprintf(buf + len, size - len, "  %s %s", key, _(t->label));
	}
	if (len + 1 < size)
		strcat(buf, " ");
}

/* Quitting waits for the kept writes: what it waits for, above the
 * status line, and the keys on it. */
static void draw_quitting(struct tui_app *app)
{
	char line[512];
	int n = app_writes_waiting(app);

	snprintf(line, sizeof line, ngettext("Quitting as soon as the database is free: %d change "
					     "still waits for it",
					     "Quitting as soon as the database is free: %d changes "
					     "still wait for it", (unsigned long)n), n);
	draw_blank_row(stdscr, LINES - 2, screen_attr(UI_ACCENT) | A_BOLD);
	draw_text(stdscr, LINES - 2, 0, COLS, line, screen_attr(UI_ACCENT) | A_BOLD);
	draw_text(stdscr, LINES - 1, 0, COLS,
		  _("F10: quit now, saved at the next start  \xc2\xb7  another key: go on working"),
		  screen_attr(UI_STATUS) | A_BOLD);
}

void statusbar_draw(struct tui_app *app)
{
	attr_t attr = screen_attr(UI_STATUS);
	char hints[1024], tail[128], waiting[256];
	int y = LINES - 1, tw, ww;

	if (app->quit_waits) {
		draw_quitting(app);
		return;
	}
	if (app->message[0]) {
		draw_text(stdscr, y, 0, COLS, app->message,
			  app->message_is_error ? (attr | A_BOLD) : attr);
		return;
	}
	/* Writes kept for the database say so first, then the keys that fit. */
	app_writes_status(app, waiting, sizeof waiting);
	ww = draw_text_clip(stdscr, y, 0, COLS, waiting, attr | A_BOLD);
	if (ww)
		ww += draw_text_clip(stdscr, y, ww, COLS - ww, " ", attr);
	/* A box over the screen (a picker, a form) has keys of its own. */
	if (app->modal_kind) {
		always_hints(app->modal_kind, false, tail, sizeof tail);
		tw = text_width(tail);
		build_hints(NULL, app->modal_kind, hints, sizeof hints, COLS - tw - ww);
	} else {
		always_hints(view_kind(app->top), !app->top->below, tail, sizeof tail);
		tw = text_width(tail);
		build_hints(app->top, view_kind(app->top), hints, sizeof hints, COLS - tw - ww);
	}
	draw_text(stdscr, y, ww, COLS - tw - ww, hints, attr);
	draw_text(stdscr, y, COLS - tw, tw, tail, attr);
}

/* Shows prompt and the text being typed (scrolled to the cursor), and
 * above it what the text would mean when the prompt says (feedback). */
static void draw_prompt(const char *prompt, const struct lineedit *e, const char *feedback)
{
	attr_t attr = screen_attr(UI_STATUS);
	int y = LINES - 1, used;

	if (feedback)
		draw_text(stdscr, y - 1, 0, COLS, feedback, screen_attr(UI_ACCENT) | A_BOLD);
	draw_blank_row(stdscr, y, attr);
	used = draw_text_clip(stdscr, y, 0, COLS - 1, prompt, attr);
	le_draw(e, stdscr, y, used, COLS - 1 - used, attr, true);
	screen_place_cursor();
}

/* Copies the UTF-8 text src into buf, cut at a whole character. */
static void copy_whole_chars(char *buf, int size, const char *src)
{
	int n = (int)strlen(src);

	if (n >= size)
		for (n = size - 1; n > 0 && (src[n] & 0xc0) == 0x80; n--)
			;
	memcpy(buf, src, (size_t)n);
	buf[n] = '\0';
}

/* After each change of the answer: the caller follows it, and the line
 * above says what it would mean. */
static void answer_changed(const struct prompt *p, const char *text, char *feedback, size_t size)
{
	if (p->on_change)
		p->on_change(p->ctx, text);
	if (p->feedback)
		p->feedback(p->ctx, text, feedback, size);
}

bool statusbar_ask(struct tui_app *app, const struct prompt *p, char *buf, int size)
{
	struct lineedit e;
	char feedback[MESSAGE_MAX] = "";
	bool accepted = false, done = false;
	enum le_result r;
	int key;

	le_init(&e);
	le_set_suggest(&e, p->suggest, p->ctx);
	app->message[0] = '\0';
	if (p->feedback)
		p->feedback(p->ctx, "", feedback, sizeof feedback);
	curs_set(1);
	while (!done && !screen_stop_requested()) {
		draw_prompt(p->text, &e, p->feedback ? feedback : NULL);
		refresh();
		if (!screen_read_key(&key))
			continue;
		if (key == '\n' || key == '\r' || key == KC(KEY_ENTER)) {
			accepted = done = true;
		} else if (key == CTRL('g')) {
			done = true;
		} else if ((r = le_key(&e, key, LE_ALL_KEYS)) == LE_CLOSE) {
			done = true;
		} else if (r == LE_CHANGED) {
			copy_whole_chars(buf, size, e.utf8);
			answer_changed(p, buf, feedback, sizeof feedback);
		} else if (r == LE_NOT_MINE) {
			/* F1 shows the field's keys, F10 quits (the answer is
			 * then not taken). */
			done = modal_common(app, action_for_key(VIEW_FORM | FIELD_LINE, key),
					    VIEW_FORM | FIELD_LINE);
		}
	}
	copy_whole_chars(buf, size, e.utf8);
	curs_set(0);
	return accepted;
}

bool statusbar_prompt(struct tui_app *app, const char *prompt, char *buf, int size,
		      void (*on_change)(void *ctx, const char *text), void *ctx)
{
	const struct prompt p = { prompt, on_change, NULL, NULL, ctx };

	return statusbar_ask(app, &p, buf, size);
}
