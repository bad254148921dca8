/* migration_bar.c: see migration_bar.h. */
#include "config.h"

#include <curses.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "tui/draw.h"
#include "tui/migration_bar.h"
#include "tui/screen.h"

#define BAR_WIDTH_MAX 60

/* The title, the bar and the percentage, in the middle of the screen. */
static void draw_bar(const tui_migration_bar *bar)
{
	int width = COLS - 4 < BAR_WIDTH_MAX ? COLS - 4 : BAR_WIDTH_MAX;
	int y = LINES / 2 - 1, x = (COLS - width) / 2, filled, i;
	char percent[16];

	if (width < 10 || LINES < 3)
		return;
	erase();
	draw_text(stdscr, y, x, width, _("Bringing the database up to date…"), A_BOLD);
	filled = (width - 2) * bar->percent / 100;
	mvaddch(y + 1, x, '[');
	for (i = 0; i < width - 2; i++)
		addch(i < filled ? ('#' | screen_attr(UI_ACCENT)) : '.');
	addch(']');
	snprintf(percent, sizeof percent, "%d%%", bar->percent);
	draw_text(stdscr, y + 2, x, width, percent, A_NORMAL);
	refresh();
}

static void report(void *ctx, long long done, long long total)
{
	tui_migration_bar *bar = ctx;
	int percent = total > 0 ? (int)(done * 100 / total) : 100;

	if (!bar->started) {
		/* Off a terminal tui_run says why it cannot start, after this. */
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
		    screen_init(bar->settings) != 0) {
			bar->progress.report = NULL;
			return;
		}
		bar->started = true;
	}
	if (percent == bar->percent)
		return;
	bar->percent = percent;
	draw_bar(bar);
}

void tui_migration_bar_init(tui_migration_bar *bar, const st_settings *settings)
{
	memset(bar, 0, sizeof *bar);
	bar->settings = settings;
	bar->percent = -1;
	bar->progress.report = report;
	bar->progress.ctx = bar;
}

void tui_migration_bar_end(tui_migration_bar *bar, bool opened)
{
	if (bar->started && !opened)
		screen_end();
}
