/* migration_bar.h: the bar the full-screen interface shows while the
 * database is brought up to date as it opens (db_open_progress), before
 * any screen can be drawn: at a network's scale that takes seconds. */
#ifndef STEMTUI_MIGRATION_BAR_H
#define STEMTUI_MIGRATION_BAR_H

#include <stdbool.h>

#include "core/progress.h"
#include "core/settings.h"

typedef struct tui_migration_bar {
	st_progress progress;          /* to pass to db_open_progress */
	const st_settings *settings;
	bool started;                  /* curses was started for the bar */
	int percent;                   /* shown, or -1 */
} tui_migration_bar;

/* Sets bar up; curses starts at the first report (none comes when there
 * is nothing to migrate), and only on a terminal. */
void tui_migration_bar_init(tui_migration_bar *bar, const st_settings *settings);

/* After db_open_progress: when opening failed, ends curses, so that the
 * message about it is seen; else leaves it to tui_run, which starts from
 * the screen as it is. */
void tui_migration_bar_end(tui_migration_bar *bar, bool opened);

#endif
