/* people_import.h: importing a sign-up list (CSV) of people. */
#ifndef STEMTUI_PEOPLE_IMPORT_H
#define STEMTUI_PEOPLE_IMPORT_H

#include <sqlite3.h>

#include "core/csv.h"
#include "core/err.h"
#include "core/progress.h"
#include "core/roles.h"

typedef struct people_import_stats {
	int rows, created, existing, expected;
	int left_out;             /* rows naming one of several namesakes */
	char *warnings;           /* "FILE:LINE: ..." lines, or NULL; caller frees */
} people_import_stats;

/* Imports path: CSV, read as csv_open_as reads it in encoding (commas or
 * semicolons; UTF-8 or Windows-1252, which CSV_AUTO tells apart: a file
 * read as Windows-1252 that way gets a warning first, naming the line of
 * its first byte that is not UTF-8), with a header row whose columns (any
 * order) are first_name, last_name, role, organisation, email, focus — or the Dutch
 * voornaam, achternaam, rol, organisatie, e-mail, focus (headings compared
 * ignoring case, accents and surrounding spaces; a space counts as "_",
 * so "First name" will do); first and last name are required, an unknown
 * or repeated column is an error.  Columns without a heading (a
 * spreadsheet's trailing commas) are allowed while they stay empty.  A
 * person already there (same folded name and organisation, or both
 * without) is reused as they are, not duplicated or changed.  When the row
 * names no organisation, or one that is not known yet (a school spelled
 * otherwise), and exactly one person of that folded name exists, that
 * person is reused (and the unknown organisation not added: a warning
 * says so); when several do, the row cannot tell which: it is left out
 * with a warning.  A row whose known organisation has nobody of that name
 * while someone elsewhere has it adds a new person, with a warning.
 * Warnings are "FILE:LINE: ..." lines in stats->warnings.
 * Organisations are found or created as schools.  Roles must be known
 * (roles_find; empty means "andere").  Focus tags are separated by ";" or
 * ",".  A non-empty e-mail needs an "@".  When expected_session is not 0,
 * everyone in the file is registered as expected for it (someone already
 * registered keeps their status; this is not in the undo log).  All or
 * nothing: any bad row fails the whole import with "FILE:LINE: reason"
 * and the database unchanged.  While the rows are worked out the
 * database is only read (another program writes meanwhile); the write
 * lock is taken for the last, short transaction that stores them, and the
 * work is done again when a person or organisation changed in between.
 * stats (may be NULL): data rows, people
 * created, people found already there, new registrations, rows left out,
 * warnings (free them).  0, or -1. */
int people_import_csv_as(sqlite3 *db, const char *path, enum csv_encoding encoding,
			 const st_roles *roles, long long expected_session,
			 people_import_stats *stats, st_err *err);

/* people_import_csv_as, reporting through progress (may be NULL) how far
 * it has got: done of total rows of the file, where a row counts half
 * when worked out and half when stored; the last report, when it ends
 * well, is done == total. */
int people_import_csv_progress(sqlite3 *db, const char *path, enum csv_encoding encoding,
			       const st_roles *roles, long long expected_session,
			       const st_progress *progress, people_import_stats *stats,
			       st_err *err);

/* people_import_csv_as for a file in UTF-8 (CSV_UTF8). */
int people_import_csv(sqlite3 *db, const char *path, const st_roles *roles,
		      long long expected_session, people_import_stats *stats, st_err *err);

#endif
