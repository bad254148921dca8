/* tui.h: the full-screen interface. */
#ifndef STEMTUI_TUI_H
#define STEMTUI_TUI_H

#include <sqlite3.h>

#include "core/settings.h"

/* Runs the interface on db until the person quits or a termination signal
 * arrives; the terminal is always restored.  programme names the one to
 * show first (NULL: the config's, else the newest).  Returns an exit code:
 * 0, 1 when the terminal cannot be used, 128 + N after signal N. */
int tui_run(sqlite3 *db, const char *db_path, const st_settings *settings,
	    const char *programme);

#endif
