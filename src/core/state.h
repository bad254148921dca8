/* state.h: what this laptop remembers between runs that is neither the
 * network's data nor configuration, such as the folder of the last
 * export: a few keys with text values in the database (local_state). */
#ifndef STEMTUI_STATE_H
#define STEMTUI_STATE_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/err.h"

/* The key "export_folder": the folder the export dialog wrote to last. */
#define STATE_EXPORT_FOLDER "export_folder"

/* The value of key into out (size bytes; a longer one is not read):
 * 1 found, 0 not, -1 on error with err set. */
int state_get(sqlite3 *db, const char *key, char *out, size_t size, st_err *err);

/* Sets key to value, in a transaction of its own.  0, or -1 with err set. */
int state_set(sqlite3 *db, const char *key, const char *value, st_err *err);

#endif
