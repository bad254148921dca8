/* db_trace.h: an optional log of every SQL statement a connection runs,
 * with its time, for the keystroke benchmark (bench/bench_keys.c).
 *
 * Off unless the environment variable STEMTUI_TRACE_SQL names a file: then
 * each statement, when it finishes, appends one line "MICROSECONDS<TAB>SQL"
 * (the statement's text as prepared, parameters not filled in, so no typed
 * name or search reaches the file; newlines in it become spaces) and the
 * line is flushed at once, so a reader sees it as soon as the statement is
 * done. */
#ifndef STEMTUI_DB_TRACE_H
#define STEMTUI_DB_TRACE_H

#include <sqlite3.h>

/* Starts the trace on db when STEMTUI_TRACE_SQL is set; does nothing
 * otherwise, or when the file cannot be opened. */
void db_trace_start(sqlite3 *db);

#endif
