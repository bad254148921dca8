/* outfile.h: an export written to the path a person gave, whole or not
 * at all.  "-" is standard output.  A new or regular file (through a
 * symbolic link: its target) is written to a temporary file in the same
 * folder (".stemtui-export-HOST-PID-XXXXXX"), which is then renamed over
 * it, so that an interrupted export never leaves a half-written file
 * where the old one was.  A device, pipe or socket (/dev/stdout, a named
 * pipe) is written to, not replaced; anything else that is not a file (a
 * folder) is refused, and so is the open database or one of its files.
 * The temporary files that killed exports left are removed: by a signal
 * handler (outfile_abandon), and by every export in its folder (and the
 * export dialog in the folders it offers). */
#ifndef STEMTUI_OUTFILE_H
#define STEMTUI_OUTFILE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"

/* Writes the whole content to out (given ctx).  0, or -1 with err set. */
typedef int (*outfile_fill)(void *ctx, FILE *out, st_err *err);

/* Writes what fill writes to path, as above; db is the open database,
 * never written over.  A new file gets mode 0600 when personal (it holds
 * names of people), else 0666 less the umask.  0, or -1 with err set
 * (and no file changed). */
int outfile_write(sqlite3 *db, const char *path, bool personal, outfile_fill fill, void *ctx,
		  st_err *err);

/* Removes the temporary file being written, if there is one: for the
 * handler of a signal that ends the program.  Async-signal-safe. */
void outfile_abandon(void);

/* Removes from dir the temporary files of killed exports (mode 0600,
 * possibly personal data): of an export that is gone, or untouched for
 * a minute. */
void outfile_remove_stale(const char *dir);

#endif
