/* picker.c: see picker.h. */
#include "config.h"

#include "core/i18n.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/listview.h"
#include "tui/picker.h"
#include "tui/screen.h"
#include "tui/statusbar.h"

struct picker {
	const char *title;
	const char *const *items;
	int n;
	struct listview lv;   /* over items */
	int y, x, h, w;       /* the box */
};

/* The keys the picker takes (actions_table.h, VIEW_PICKER); the rest of
 * the ops are unused: a picker is drawn over the screen it serves. */
static const enum action picker_handles[] = { LIST_MOVES, ACT_OPEN, ACT_NONE };

const struct view_ops picker_ops = {
	.name = "picker",
	.kinds = { VIEW_PICKER },
	.handles = picker_handles,
};

static int count_items(void *ctx)
{
	return ((struct picker *)ctx)->n;
}

/* Fits the box to the items and the screen. */
static void picker_layout(struct picker *p)
{
	int i, w = text_width(p->title) + 4;

	for (i = 0; i < p->n; i++)
		if (text_width(p->items[i]) + 6 > w)
			w = text_width(p->items[i]) + 6;
	p->w = w < COLS - 4 ? w : COLS - 4;
	p->h = p->n + 2 < LINES - 4 ? p->n + 2 : LINES - 4;
	p->y = (LINES - p->h) / 2;
	p->x = (COLS - p->w) / 2;
	lv_set_height(&p->lv, p->h - 2);
}

/* The box over the screen, and the status line with the picker's keys
 * (not those of the screen below, which do not work while it shows). */
static void picker_draw(struct tui_app *app, struct picker *p)
{
	WINDOW *win;
	int i, k;

	picker_layout(p);
	/* Too small: app_redraw says so alone. */
	if (!screen_big_enough())
		return;
	win = newwin(p->h, p->w, p->y, p->x);
	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	draw_text_clip(win, 0, 2, p->w - 4, p->title, screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < p->h - 2 && (k = lv_index(&p->lv, i)) >= 0; i++) {
		attr_t attr = i == p->lv.sel ? screen_attr(UI_SELECTED) : 0;
		draw_text(win, 1 + i, 1, p->w - 2, "", attr);
		draw_text(win, 1 + i, 2, p->w - 4, p->items[k], attr);
	}
	statusbar_draw(app);
	wnoutrefresh(stdscr);
	wnoutrefresh(win);
	doupdate();
	delwin(win);
}

/* A click inside the box selects an item, or picks it when it was
 * selected already (as in the lists); true when picked. */
static bool picker_click(struct picker *p)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || ev.x <= p->x || ev.x >= p->x + p->w - 1)
		return false;
	return lv_mouse(&p->lv, &ev, p->y + 1);
}

int picker_run(struct tui_app *app, const char *title, const char *const *items,
	       int n, int selected)
{
	struct picker p = { .title = title, .items = items, .n = n };
	int key, chosen = -1;
	enum action a;

	if (n <= 0)
		return -1;
	lv_init_indexed(&p.lv, count_items, &p);
	picker_layout(&p);
	lv_show_index(&p.lv, selected < 0 ? 0 : selected, p.lv.height / 2);
	app->modal_kind = VIEW_PICKER;
	for (;;) {
		picker_draw(app, &p);
		if (screen_stop_requested() || app->quit)
			break;
		if (!app_read_key(app, &key))
			continue;
		a = action_for_key(VIEW_PICKER, key);
		if (lv_move(&p.lv, a))
			continue;
		if (a == ACT_OPEN || (key == KC(KEY_MOUSE) && picker_click(&p))) {
			chosen = lv_selected_index(&p.lv);
			break;
		}
		/* A resize keeps the picker open, its selection kept: the
		 * screen below is drawn again at the new size, the box over it. */
		if (key == KC(KEY_RESIZE)) {
			app_redraw(app);
			continue;
		}
		if (modal_common(app, a, VIEW_PICKER)) {
			touchwin(stdscr);
			break;
		}
	}
	app->modal_kind = 0;
	lv_free(&p.lv);
	return chosen;
}
