/* help.c: the help screen, generated from the action table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/draw.h"
#include "tui/screen.h"
#include "tui/view.h"

struct help {
	struct view v;
	unsigned for_kind;   /* the view help was asked from */
	bool text_input;     /* there, letters are text: leave them out */
	int first;           /* first line shown, when it scrolls */
	int shown;           /* lines that fit */
	bool more;           /* lines below the screen */
};

/* The keys of row t as "↑, k". */
static void key_list(const struct action_info *t, bool text_input, char *buf, size_t n)
{
	char name[32];
	size_t len = 0;
	int k;

	buf[0] = '\0';
	for (k = 0; k < 4 && t->keys[k]; k++) {
		/* Enter is bound twice (CR and LF); show it once. */
		if (k > 0 && (t->keys[k] == '\r' || t->keys[k] == KC(KEY_ENTER)))
			continue;
		if (text_input && action_key_is_text(t->keys[k]))
			continue;
		action_key_name(t->keys[k], name, sizeof name);
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", len ? ", " : "", name);
	}
}

/* Rows of the table that apply to the view help was opened from. */
static int help_rows(const struct help *h, const struct action_info **rows, int max)
{
	const struct action_info *t;
	int n, i, count = 0;

	t = action_table(&n);
	for (i = 0; i < n && count < max; i++)
		if (t[i].views & h->for_kind)
			rows[count++] = &t[i];
	return count;
}

static void help_draw(struct view *v)
{
	struct help *h = (struct help *)v;
	const struct action_info *rows[ACT_COUNT * 2];
	int n = help_rows(h, rows, ACT_COUNT * 2), y, i;
	char keys[128];

	for (y = v->top; y < v->top + v->height; y++)
		draw_blank_row(stdscr, y, 0);
	draw_text(stdscr, v->top + 1, 2, COLS - 4, _("Keys on this screen"), A_BOLD);
	/* Keys counted from the top; End scrolls so the last one shows. */
	if (h->first > n - (v->height - 5))
		h->first = n - (v->height - 5) > 0 ? n - (v->height - 5) : 0;
	h->shown = v->height - 5;
	for (i = h->first, y = v->top + 3; i < n && y < v->top + v->height - 2; i++) {
		key_list(rows[i], h->text_input, keys, sizeof keys);
		if (!keys[0])
			continue;
		draw_text(stdscr, y, 2, 22, keys, screen_attr(UI_ACCENT));
		draw_text(stdscr, y, 25, COLS - 27, _(rows[i]->help), 0);
		y++;
	}
	h->more = i < n;
	if (h->more)
		draw_text(stdscr, v->top + v->height - 1, 2, COLS - 4,
			  _("More below: \xe2\x86\x93, PgDn or End"), screen_attr(UI_ACCENT));
	else if (y + 1 < v->top + v->height)
		draw_wrapped(stdscr, y + 1, 2, COLS - 4, v->top + v->height - y - 1,
			     _("Mouse: a click selects a row, a click on the selected row opens it, "
			       "the wheel scrolls."), 0);
}

static bool help_act(struct view *v, enum action a)
{
	struct help *h = (struct help *)v;

	switch (a) {
	case ACT_BACK: view_pop(v->app); return true;
	case ACT_DOWN: if (h->more) h->first++; return true;
	case ACT_PAGE_DOWN: if (h->more) h->first += h->shown > 1 ? h->shown - 1 : 1; return true;
	case ACT_UP: if (h->first > 0) h->first--; return true;
	case ACT_PAGE_UP: h->first = h->first > h->shown ? h->first - h->shown + 1 : 0; return true;
	case ACT_FIRST: h->first = 0; return true;
	case ACT_LAST: h->first = 1 << 20; return true;
	default: return false;
	}
}

static void help_close(struct view *v)
{
	free(v);
}

static const char *help_title(struct view *v)
{
	(void)v;
	return _("Help");
}

static const struct view_ops help_ops = {
	VIEW_HELP, help_draw, help_act, NULL, NULL, help_close, help_title, false, NULL, NULL,
};

struct view *help_open(struct tui_app *app, unsigned for_kind, bool text_input)
{
	struct help *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
	h->v.ops = &help_ops;
	h->v.app = app;
	h->for_kind = for_kind;
	h->text_input = text_input;
	return &h->v;
}
