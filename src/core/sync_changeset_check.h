/* sync_changeset_check.h: whether a colleague's changeset can be handed
 * to SQLite at all.  SQLite reads a damaged changeset past its end or
 * for ever, and silently leaves out the changes of a table that has
 * another number of columns here (a file of another version of
 * stemtui): so every changeset that comes from a file is checked here
 * before anything else reads it (sync.c). */
#ifndef STEMTUI_SYNC_CHANGESET_CHECK_H
#define STEMTUI_SYNC_CHANGESET_CHECK_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/err.h"

/* Whether the len bytes at p are a changeset whose every record fits in
 * it and whose tables have the columns they have here (a table this
 * stemtui does not know is let through: it is skipped).  0, or -1 with
 * err set (name names the file). */
int sync_changeset_check(sqlite3 *db, const void *p, size_t len, const char *name,
			 st_err *err);

#endif
