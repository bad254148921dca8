/* picker.c: see picker.h. */
#include "config.h"

#include "core/i18n.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/picker.h"
#include "tui/screen.h"

struct picker {
	const char *title;
	const char *const *items;
	int n, sel, first;
	int y, x, h, w;    /* the box */
};

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
	if (p->sel < p->first)
		p->first = p->sel;
	if (p->sel >= p->first + p->h - 2)
		p->first = p->sel - (p->h - 3);
}

static void picker_draw(struct picker *p)
{
	WINDOW *win;
	int i;

	picker_layout(p);
	win = newwin(p->h, p->w, p->y, p->x);
	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	draw_text_clip(win, 0, 2, p->w - 4, p->title, screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < p->h - 2 && p->first + i < p->n; i++) {
		int k = p->first + i;
		draw_text(win, 1 + i, 1, p->w - 2, "", k == p->sel ? screen_attr(UI_SELECTED) : 0);
		draw_text(win, 1 + i, 2, p->w - 4, p->items[k],
			  k == p->sel ? screen_attr(UI_SELECTED) : 0);
	}
	wnoutrefresh(stdscr);
	wnoutrefresh(win);
	doupdate();
	delwin(win);
}

/* A click inside the box picks that item; returns its index or -1. */
static int picker_click(const struct picker *p)
{
	MEVENT ev;
	int row;

	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return -1;
	row = ev.y - p->y - 1;
	if (ev.x <= p->x || ev.x >= p->x + p->w - 1 || row < 0 || row >= p->h - 2 ||
	    p->first + row >= p->n)
		return -1;
	return p->first + row;
}

int picker_run(struct tui_app *app, const char *title, const char *const *items,
	       int n, int selected)
{
	struct picker p = { title, items, n, selected < 0 ? 0 : selected, 0, 0, 0, 0, 0 };
	int key, clicked;

	(void)app;
	if (n <= 0)
		return -1;
	for (;;) {
		picker_draw(&p);
		if (screen_stop_requested())
			return -1;
		if (!screen_read_key(&key))
			continue;
		switch (action_for_key(VIEW_PICKER, key)) {
		case ACT_UP: if (p.sel > 0) p.sel--; break;
		case ACT_DOWN: if (p.sel < n - 1) p.sel++; break;
		case ACT_PAGE_UP: p.sel = p.sel > p.h - 2 ? p.sel - (p.h - 2) : 0; break;
		case ACT_PAGE_DOWN: p.sel = p.sel + p.h - 2 < n ? p.sel + p.h - 2 : n - 1; break;
		case ACT_FIRST: p.sel = 0; break;
		case ACT_LAST: p.sel = n - 1; break;
		case ACT_OPEN: return p.sel;
		case ACT_BACK: case ACT_QUIT: return -1;
		default:
			if (key == KC(KEY_MOUSE) && (clicked = picker_click(&p)) >= 0)
				return clicked;
			if (key == KC(KEY_RESIZE)) {
				touchwin(stdscr);
				return -1;
			}
			break;
		}
	}
}
