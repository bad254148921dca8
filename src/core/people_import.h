/* people_import.h: importing a sign-up list (CSV) of people. */
#ifndef STEMTUI_PEOPLE_IMPORT_H
#define STEMTUI_PEOPLE_IMPORT_H

#include <sqlite3.h>

#include "core/err.h"
#include "core/roles.h"

typedef struct people_import_stats {
	int rows, created, existing, expected;
} people_import_stats;

/* Imports path: UTF-8 CSV with a header row whose columns (any order) are
 * first_name, last_name, role, organisation, email, focus — or the Dutch
 * voornaam, achternaam, rol, organisatie, e-mail, focus (headings compared
 * ignoring case, accents and surrounding spaces; a space counts as "_",
 * so "First name" will do); first and last name are required, an unknown
 * or repeated column is an error.  Columns without a heading (a
 * spreadsheet's trailing commas) are allowed while they stay empty.  A
 * person already there (same folded name and organisation, or both
 * without) is reused as they are, not duplicated or changed.
 * Organisations are found or created as schools.  Roles must be known
 * (roles_find; empty means "andere").  Focus tags are separated by ";" or
 * ",".  A non-empty e-mail needs an "@".  When expected_session is not 0,
 * everyone in the file is registered as expected for it (someone already
 * registered keeps their status; this is not in the undo log).  All or
 * nothing: any bad row fails the whole import with "FILE:LINE: reason"
 * and the database unchanged.  stats (may be NULL): data rows, people
 * created, people found already there, new registrations.  0, or -1. */
int people_import_csv(sqlite3 *db, const char *path, const st_roles *roles,
		      long long expected_session, people_import_stats *stats, st_err *err);

#endif
