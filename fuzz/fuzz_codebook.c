/* fuzz_codebook.c: `stemtui import codebook FILE.ini` (factors.c,
 * inifile.c).  Refused: the database is as it was.  Accepted: healthy;
 * importing it again changes nothing; the codebook exports as valid
 * REFI-QDA, which imports into an empty database and exports again the
 * same; the factors export as valid CSV and JSON. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/codebook_import.h"
#include "fuzz/fuzz.h"

/* The codebook of db as .qdc imports into a database without one and
 * comes out the same. */
static void qdc_roundtrip(sqlite3 *db, const char *what)
{
	char *qdc = fuzz_export(db, EXPORT_CODEBOOK, EXFMT_QDC, NULL), *again, *warnings = NULL;
	sqlite3 *empty = fuzz_db(true);
	qdc_stats stats;
	st_err err;

	if (codebook_import_qdc(empty, fuzz_write("export.qdc", (const uint8_t *)qdc, strlen(qdc)),
				false, &stats, &warnings, &err) != 0)
		fuzz_fail("%s: its own .qdc export is refused: %s", what, err.msg);
	fuzz_healthy(empty, what);
	again = fuzz_export(empty, EXPORT_CODEBOOK, EXFMT_QDC, NULL);
	if (strcmp(qdc, again) != 0)
		fuzz_fail("%s: exported, imported and exported again, the .qdc differs", what);
	free(warnings);
	free(qdc);
	free(again);
	fuzz_db_reset(true);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("codebook.ini", data, size);
	sqlite3 *db = fuzz_db(false);
	codebook_stats stats, again;
	char *after;
	st_err err;

	if (codebook_import_ini(db, path, &stats, &err) != 0) {
		fuzz_refused(db, fuzz_db_dump(false), "codebook", err.msg);
		return 0;
	}
	fuzz_healthy(db, "codebook");
	after = fuzz_dump(db);
	fuzz_mark(db);
	if (codebook_import_ini(db, path, &again, &err) != 0)
		fuzz_fail("codebook: accepted once, refused the second time: %s", err.msg);
	if (again.added || again.changed)
		fuzz_fail("codebook: imported again, %d added and %d changed", again.added, again.changed);
	fuzz_unchanged(db, after, "codebook: imported again");
	free(after);
	free(fuzz_export(db, EXPORT_FACTORS, EXFMT_CSV, NULL));
	free(fuzz_export(db, EXPORT_FACTORS, EXFMT_JSON, NULL));
	free(fuzz_export(db, EXPORT_EVIDENCE, EXFMT_JSON, NULL));
	qdc_roundtrip(db, "codebook");
	fuzz_db_reset(false);
	return 0;
}
