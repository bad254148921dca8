/* fuzz_people.c: `stemtui import people FILE [--expected SESSION]
 * [--encoding ENC]` (people_import.c, csv.c), with --expected COP 07 for
 * half the inputs and the encoding found out or given (by_turns).
 * Refused: the database is as it was.  Accepted: healthy; importing it
 * again creates nobody; people and the attendance export as valid CSV
 * (for scripts and for Excel) and JSON, with names and pseudonymised. */
#include "config.h"

#include <stdlib.h>

#include "core/people_import.h"
#include "core/roles.h"
#include "fuzz/fuzz.h"

/* The demo's COP 07, where people are expected. */
#define SESSION "(SELECT id FROM session WHERE code = 'COP 07')"

static const st_roles *shipped_roles(void)
{
	static st_roles roles;
	st_err err;

	if (!roles.n && (fuzz_dir(), roles_load(&roles, NULL, &err) != 0))
		fuzz_fail("cannot load the shipped roles: %s", err.msg);
	return &roles;
}

static long long session_id(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long id = 0;

	if (sqlite3_prepare_v2(db, "SELECT " SESSION, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!id)
		fuzz_fail("the demo database has no COP 07");
	return id;
}

static void exports_valid(sqlite3 *db, long long session)
{
	export_options o = { .session_id = session };
	enum export_format f;
	int pseudo;

	for (pseudo = 0; pseudo < 2; pseudo++) {
		o.pseudonymise = pseudo;
		for (f = EXFMT_CSV; f <= EXFMT_JSON; f++) {
			free(fuzz_export(db, EXPORT_PEOPLE, f, &o));
			free(fuzz_export(db, EXPORT_ATTENDANCE, f, &o));
		}
		o.csv = CSV_EXCEL;
		free(fuzz_export(db, EXPORT_PEOPLE, EXFMT_CSV, &o));
		free(fuzz_export(db, EXPORT_ATTENDANCE, EXFMT_CSV, &o));
		o.csv = CSV_RFC4180;
	}
}

/* The encoding of an input: found out for half of them, as the command
 * does by default; given as UTF-8 or Windows-1252 for a quarter each. */
static const enum csv_encoding by_turns[4] = { CSV_AUTO, CSV_AUTO, CSV_UTF8, CSV_WINDOWS_1252 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("people.csv", data, size);
	const st_roles *roles = shipped_roles();
	sqlite3 *db = fuzz_db(false);
	long long session = session_id(db), expected = fuzz_hash(data, size) & 1 ? session : 0;
	enum csv_encoding encoding = by_turns[fuzz_hash(data, size) / 2 % 4];
	people_import_stats stats = { 0 }, again = { 0 };
	st_err err;

	if (people_import_csv_as(db, path, encoding, roles, expected, &stats, &err) != 0) {
		fuzz_refused(db, fuzz_db_dump(false), "people", err.msg);
		free(stats.warnings);
		return 0;
	}
	fuzz_healthy(db, "people");
	if (people_import_csv_as(db, path, encoding, roles, expected, &again, &err) != 0)
		fuzz_fail("people: accepted once, refused the second time: %s", err.msg);
	if (again.created || again.expected)
		fuzz_fail("people: imported again, %d people created, %d newly expected", again.created,
			  again.expected);
	exports_valid(db, session);
	free(stats.warnings);
	free(again.warnings);
	fuzz_db_reset(false);
	return 0;
}
