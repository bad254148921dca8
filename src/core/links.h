/* links.h: the rows a write links to (a note's session, person and
 * school; an attendee's session and person; a coach and their school),
 * checked before the write, so that a missing one is named instead of
 * refused with SQLite's bare "FOREIGN KEY constraint failed". */
#ifndef STEMTUI_LINKS_H
#define STEMTUI_LINKS_H

#include <sqlite3.h>

#include "core/err.h"

enum link_table { LINK_SESSION, LINK_PERSON, LINK_ORGANISATION };

typedef struct st_link {
	enum link_table table;
	long long id;
} st_link;

/* The most links one call checks. */
#define LINKS_MAX 4

/* 0 when every row of links[0..n) exists (n may be 0); else -1 with err
 * naming the first that does not ("there is no person with id 7"), or
 * SQLite's reason.  One query, inside the caller's transaction if any. */
int links_check(sqlite3 *db, const st_link *links, int n, st_err *err);

#endif
