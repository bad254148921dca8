/* programme_import.h: reading a programme INI file into the database.
 *
 * The format is documented in stemtui(1), section PROGRAMME FILES.  A file
 * is checked whole before anything is written, and written in one
 * transaction: a file with any error changes nothing. */
#ifndef STEMTUI_PROGRAMME_IMPORT_H
#define STEMTUI_PROGRAMME_IMPORT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

typedef struct import_stats {
	bool programme_new;      /* the programme did not exist yet */
	int sessions_new;
	int sessions_changed;
	int sessions_unchanged;
} import_stats;

/* Imports the programme in path.  Importing the same file twice changes
 * nothing; a changed file updates the sessions it names and leaves other
 * sessions alone.  On error returns -1 with err as "FILE:LINE: reason" and
 * the database exactly as it was.  stats may be NULL. */
int programme_import_file(sqlite3 *db, const char *path, import_stats *stats,
			  st_err *err);

/* Imports every *.ini in the shipped programmes folder
 * (fs_datadir()/programmes), in name order, all in one transaction.
 * Used to fill a new database.  0, or -1 with err set. */
int programme_import_shipped(sqlite3 *db, st_err *err);

#endif
