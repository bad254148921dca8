/* demo.h: fictional example data for the demo database. */
#ifndef STEMTUI_DEMO_H
#define STEMTUI_DEMO_H

#include <sqlite3.h>

#include "core/err.h"

/* Fills a new demo database (which already holds the shipped programme)
 * with fictional schools, people, coaches and attendance, in one
 * transaction.  0, or -1 with err set. */
int demo_seed(sqlite3 *db, st_err *err);

#endif
