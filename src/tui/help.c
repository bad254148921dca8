/* help.c: the help screen, generated from the action table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/draw.h"
#include "tui/help.h"
#include "tui/screen.h"
#include "tui/view.h"

struct help {
	struct view v;
	unsigned for_kind;   /* the screen (and field) help was asked from */
	/* That screen, when help is about it (not a box over it): an action
	 * it does not offer now (restore, for a note not in the trash) is
	 * left out, as on its status line. */
	struct view *from;
	int first;           /* first line shown, when it scrolls */
	int shown;           /* lines that fit */
	int drawn;           /* entries shown from first (one may take two lines) */
	bool more;           /* lines below the screen */
};

/* The keys of row t that work where kind is shown, as "↑, k". */
static void key_list(const struct action_info *t, unsigned kind, char *buf, size_t n)
{
	char name[32];
	size_t len = 0;
	int k;

	buf[0] = '\0';
	for (k = 0; k < 4 && t->keys[k]; k++) {
		/* Enter is bound as CR, LF and the keypad's Enter: show it once.
		 * (LF alone is Ctrl-J, the editor's new line.) */
		if (k > 0 && (t->keys[k] == '\r' || t->keys[k] == '\n' || t->keys[k] == KC(KEY_ENTER)))
			continue;
		if (!action_key_works(t, kind, t->keys[k]))
			continue;
		action_key_name(t->keys[k], name, sizeof name);
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", len ? ", " : "", name);
	}
}

/* The rows of the table for the screen help was opened from, then those
 * of its text field; each with a key that works there.  A NULL row is
 * the heading above the field's keys. */
static int help_rows(const struct help *h, const struct action_info **rows, int max)
{
	const struct action_info *t;
	char keys[128];
	int n, i, pass, count = 0;

	t = action_table(&n);
	for (pass = 0; pass < 2; pass++) {
		unsigned bits = h->for_kind & (pass ? FIELDS : VIEW_SCREENS);
		if (pass && bits && count < max)
			rows[count++] = NULL;
		for (i = 0; i < n && count < max; i++) {
			if (!(t[i].views & bits) ||
			    (h->from && h->from->offers && !h->from->offers(h->from, t[i].action)))
				continue;
			key_list(&t[i], h->for_kind, keys, sizeof keys);
			if (keys[0])
				rows[count++] = &t[i];
		}
	}
	return count;
}

static const char mouse_note[] =
	N_("Mouse: a click selects a row, a click on the selected row opens it, the wheel scrolls.");

#define HELP_KEYS_X 2
#define HELP_KEYS_W 22
#define HELP_TEXT_X (HELP_KEYS_X + HELP_KEYS_W + 1)

/* Screen rows row r takes: its description wraps rather than being cut. */
static int entry_height(const struct action_info *r)
{
	int h = r ? wrapped_rows(_(r->help), COLS - HELP_TEXT_X - 2) : 2;

	return h > 0 ? h : 1;
}

/* The first entry to show so that the last one ends at the bottom of
 * room rows: where End scrolls to, and how far Down may go. */
static int last_first(const struct action_info **rows, int n, int room)
{
	int i = n, used = 0;

	while (i > 0 && used + entry_height(rows[i - 1]) <= room)
		used += entry_height(rows[--i]);
	return i;
}

static void help_draw(struct view *v)
{
	struct help *h = (struct help *)v;
	const struct action_info *rows[ACT_COUNT * 2];
	int n = help_rows(h, rows, ACT_COUNT * 2), y, i, eh, end_first;
	int bottom = v->top + v->height - 2;
	char keys[128];

	for (y = v->top; y < v->top + v->height; y++)
		draw_blank_row(stdscr, y, 0);
	draw_text(stdscr, v->top + 1, 2, COLS - 4, _("Keys on this screen"), A_BOLD);
	h->shown = v->height - 5;
	/* At the end, the mouse note below the keys shows whole too. */
	end_first = last_first(rows, n, h->shown - 1 - wrapped_rows(_(mouse_note), COLS - 4));
	if (h->first > end_first)
		h->first = end_first;
	for (i = h->first, y = v->top + 3; i < n && y + (eh = entry_height(rows[i])) <= bottom; i++) {
		if (!rows[i]) {
			draw_text(stdscr, y + 1, 2, COLS - 4, _("Typing in the field"), A_BOLD);
			y += eh;
			continue;
		}
		key_list(rows[i], h->for_kind, keys, sizeof keys);
		draw_text(stdscr, y, HELP_KEYS_X, HELP_KEYS_W, keys, screen_attr(UI_ACCENT));
		draw_wrapped(stdscr, y, HELP_TEXT_X, COLS - HELP_TEXT_X - 2, eh, _(rows[i]->help), 0);
		y += eh;
	}
	h->drawn = i - h->first;
	/* The mouse note is part of the page: when it would be cut, there
	 * is more below, and End shows it whole. */
	h->more = i < n || y + 1 + wrapped_rows(_(mouse_note), COLS - 4) > v->top + v->height;
	if (h->more)
		draw_text(stdscr, v->top + v->height - 1, 2, COLS - 4,
			  _("More below: \xe2\x86\x93, PgDn or End"), screen_attr(UI_ACCENT));
	else if (y + 1 < v->top + v->height)
		draw_wrapped(stdscr, y + 1, 2, COLS - 4, v->top + v->height - y - 1, _(mouse_note), 0);
}

/* A page is counted in entries, not lines (a description may wrap): the
 * last entry shown comes to the top (PgDn), or the first goes to the
 * bottom (PgUp), so paging never skips one. */
static bool help_act(struct view *v, enum action a)
{
	struct help *h = (struct help *)v;
	const struct action_info *rows[ACT_COUNT * 2];
	int up;

	switch (a) {
	case ACT_DOWN: if (h->more) h->first++; return true;
	case ACT_PAGE_DOWN: if (h->more) h->first += h->drawn > 1 ? h->drawn - 1 : 1; return true;
	case ACT_UP: if (h->first > 0) h->first--; return true;
	case ACT_PAGE_UP:
		/* End may not have been drawn yet: first is past the rows. */
		up = help_rows(h, rows, ACT_COUNT * 2);
		if (h->first >= up)
			h->first = up > 0 ? up - 1 : 0;
		up = last_first(rows, h->first + 1, h->shown);
		h->first = up < h->first ? up : h->first > 0 ? h->first - 1 : 0;
		return true;
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

static const enum action help_handles[] = {
	LIST_MOVES, ACT_NONE,
};

const struct view_ops help_ops = {
	.name = "help",
	.kinds = { VIEW_HELP },
	.handles = help_handles,
	.draw = help_draw,
	.act = help_act,
	.close = help_close,
	.title = help_title,
};

struct view *help_open(struct tui_app *app, unsigned for_kind)
{
	struct help *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
	h->v.ops = &help_ops;
	h->v.app = app;
	h->for_kind = for_kind;
	if (app->top && !app->modal_kind && view_kind(app->top) == for_kind)
		h->from = app->top;
	return &h->v;
}
