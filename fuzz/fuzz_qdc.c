/* fuzz_qdc.c: `stemtui import codebook FILE.qdc [--replace]`
 * (export_qdc.c, libxml2), with --replace for half the inputs (by their
 * hash, so a mutation tries both).  Refused: the database is as it was.
 * Accepted: healthy; the codebook exports as valid REFI-QDA, and that
 * export imported again (with --replace) changes nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("codebook.qdc", data, size);
	bool replace = fuzz_hash(data, size) & 1;
	sqlite3 *db = fuzz_db(false);
	char *warnings = NULL, *qdc, *after;
	qdc_stats stats;
	st_err err;

	if (codebook_import_qdc(db, path, replace, &stats, &warnings, &err) != 0) {
		fuzz_refused(db, fuzz_db_dump(false), replace ? "qdc --replace" : "qdc", err.msg);
		free(warnings);
		return 0;
	}
	free(warnings);
	warnings = NULL;
	fuzz_healthy(db, "qdc");
	qdc = fuzz_export(db, EXPORT_CODEBOOK, EXFMT_QDC, NULL);
	after = fuzz_dump(db);
	fuzz_mark(db);
	if (codebook_import_qdc(db, fuzz_write("export.qdc", (const uint8_t *)qdc, strlen(qdc)), true,
				&stats, &warnings, &err) != 0)
		fuzz_fail("qdc: its own export is refused: %s", err.msg);
	if (stats.added || stats.changed || stats.removed)
		fuzz_fail("qdc: its own export imported again: %d added, %d changed, %d removed",
			  stats.added, stats.changed, stats.removed);
	fuzz_unchanged(db, after, "qdc: its own export imported again");
	free(fuzz_export(db, EXPORT_FACTORS, EXFMT_JSON, NULL));
	free(warnings);
	free(after);
	free(qdc);
	fuzz_db_reset(false);
	return 0;
}
