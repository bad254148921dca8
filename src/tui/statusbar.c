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
#include "tui/screen.h"
#include "tui/view.h"

void app_message(struct tui_app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_is_error = error;
}

/* The first key of action t that works in a view (where typing filters,
 * not a text key), or 0. */
static int first_key(const struct action_info *t, bool text_input)
{
	int k;

	for (k = 0; k < 4 && t->keys[k]; k++)
		if (!text_input || !action_key_is_text(t->keys[k]))
			return t->keys[k];
	return 0;
}

/* "key label" for the actions of this view that have a label, in table
 * order, as many whole ones as fit in room columns: a hint cut in half
 * ("x ex…") tells nothing, so one that does not fit gives way whole, and
 * the shorter ones after it still get their place (labels are longer in
 * Dutch: one long label must not push out every hint behind it). */
static void build_hints(struct view *v, char *buf, size_t size, int room)
{
	const struct view_ops *ops = v->ops;
	const struct action_info *t;
	char key[32], hint[160];
	size_t len = 0;
	int n, i, k, used = 0, hw;

	buf[0] = '\0';
	t = action_table(&n);
	for (i = 0; i < n; i++) {
		if (!t[i].label || !(t[i].views & ops->kind) || t[i].action == ACT_HELP ||
		    t[i].action == ACT_QUIT || (v->offers && !v->offers(v, t[i].action)))
			continue;
		if (!(k = first_key(&t[i], ops->text_input)))
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

/* "  ? help  q quit " in the keys that work in this view. */
static void always_hints(const struct view_ops *ops, char *buf, size_t size)
{
	static const enum action always[] = { ACT_HELP, ACT_QUIT };
	char key[32];
	size_t len = 0, i;
	int k;

	buf[0] = '\0';
	for (i = 0; i < 2 && len < size; i++) {
		const struct action_info *t = action_info(always[i]);
		if (!(t->views & ops->kind) || !(k = first_key(t, ops->text_input)))
			continue;
		action_key_name(k, key, sizeof key);
		len += (size_t)snprintf(buf + len, size - len, "  %s %s", key, _(t->label));
	}
	if (len + 1 < size)
		strcat(buf, " ");
}

void statusbar_draw(struct tui_app *app)
{
	attr_t attr = screen_attr(UI_STATUS);
	char hints[1024], tail[128];
	int y = LINES - 1, tw;

	if (app->message[0]) {
		draw_text(stdscr, y, 0, COLS, app->message,
			  app->message_is_error ? (attr | A_BOLD) : attr);
		return;
	}
	always_hints(app->top->ops, tail, sizeof tail);
	/* Help and quit always show; the other hints give way. */
	tw = text_width(tail);
	build_hints(app->top, hints, sizeof hints, COLS - tw);
	draw_text(stdscr, y, 0, COLS - tw, hints, attr);
	draw_text(stdscr, y, COLS - tw, tw, tail, attr);
}

/* Shows prompt and the end of the text being typed, with the cursor. */
static void draw_prompt(const char *prompt, const char *text)
{
	attr_t attr = screen_attr(UI_STATUS);
	int y = LINES - 1, used, room, tw;
	const char *shown = text;

	draw_blank_row(stdscr, y, attr);
	used = draw_text_clip(stdscr, y, 0, COLS - 1, prompt, attr);
	room = COLS - 1 - used;
	/* When the text is wider than the room, show its end. */
	while ((tw = text_width(shown)) > room && *shown) {
		uint32_t cp;
		shown += text_decode(shown, strlen(shown), &cp);
	}
	draw_text_clip(stdscr, y, used, room, shown, attr);
	screen_want_cursor(stdscr, y, used + (tw < room ? tw : room));
	screen_place_cursor();
}

/* Removes the last character (and any combining marks on it) of buf. */
static void delete_last(wchar_t *buf, int *len)
{
	*len = wtext_prev_char(buf, *len);
	buf[*len] = L'\0';
}

/* Writes the first len characters of text into buf as UTF-8. */
static void encode_text(const wchar_t *text, int len, char *buf, int size)
{
	size_t blen = 0;
	int i;

	for (i = 0; i < len && blen + 5 < (size_t)size; i++)
		blen += text_encode((uint32_t)text[i], buf + blen);
	buf[blen] = '\0';
}

bool statusbar_prompt(struct tui_app *app, const char *prompt, char *buf, int size,
		      void (*on_change)(void *ctx, const char *text), void *ctx)
{
	wchar_t text[256];
	int len = 0, key;
	bool accepted = false, done = false;

	buf[0] = '\0';
	text[0] = L'\0';
	app->message[0] = '\0';
	curs_set(1);
	while (!done && !screen_stop_requested()) {
		encode_text(text, len, buf, size);
		draw_prompt(prompt, buf);
		refresh();
		if (!screen_read_key(&key))
			continue;
		if (key == '\n' || key == '\r' || key == KC(KEY_ENTER)) {
			accepted = done = true;
		} else if (key == 27 || key == CTRL('g')) {
			done = true;
		} else if (key == KC(KEY_BACKSPACE)) {
			delete_last(text, &len);
		} else if (key == CTRL('u')) {
			len = 0;
			text[0] = L'\0';
		} else if (!(key & KEY_FLAG) && key >= 32 && len < 255) {
			text[len++] = (wchar_t)key;
			text[len] = L'\0';
		} else {
			continue;
		}
		encode_text(text, len, buf, size);
		if (!done && on_change)
			on_change(ctx, buf);
	}
	curs_set(0);
	return accepted;
}
