/* codebook_import.h: reading a codebook INI file into the codebook.
 *
 * The format is documented in stemtui(1), section CODEBOOK FILES.  A file
 * is checked whole before anything is written, and written in one
 * transaction: a file with any error changes nothing. */
#ifndef STEMTUI_CODEBOOK_IMPORT_H
#define STEMTUI_CODEBOOK_IMPORT_H

#include <sqlite3.h>

#include "core/err.h"

/* Imports a codebook INI file (format in stemtui(1), CODEBOOK FILES):
 * all or nothing, errors as "FILE:LINE: reason"; factors are matched by
 * code, so importing twice changes nothing.  Returns 0, or -1. */
typedef struct codebook_stats { int added, changed, unchanged; } codebook_stats;
int codebook_import_ini(sqlite3 *db, const char *path, codebook_stats *stats, st_err *err);

/* Imports share/codebook/starter.ini (for a new database). */
int codebook_import_shipped(sqlite3 *db, st_err *err);

#endif
