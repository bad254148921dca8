/* organisation.h: schools and partner organisations. */
#ifndef STEMTUI_ORGANISATION_H
#define STEMTUI_ORGANISATION_H

#include <sqlite3.h>

#include "core/err.h"

/* Finds the organisation of this kind ("school" or "partner") whose name
 * matches `name` ignoring case and accents, or creates it with the given
 * address; fills in an address it lacked.  Sets *id.  Does not begin or
 * commit: call it inside the caller's transaction.  0, or -1 with err set. */
int org_find_or_create(sqlite3 *db, const char *kind, const char *name,
		       const char *street, const char *postcode, const char *city,
		       long long *id, st_err *err);

#endif
