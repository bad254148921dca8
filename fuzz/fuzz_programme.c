/* fuzz_programme.c: `stemtui import programme FILE` (programme_import.c,
 * inifile.c).  Refused: the database is as it was.  Accepted: healthy;
 * importing the same file again changes nothing; every session of every
 * programme comes back from a CSV round trip and exports as valid JSON
 * and CSV. */
#include "config.h"

#include <stdlib.h>

#include "core/programme.h"
#include "core/programme_import.h"
#include "fuzz/fuzz.h"

#define PAGE 50

/* The fields `stemtui sessions` writes, through a CSV round trip. */
static void roundtrip_session(const st_programme *p, const st_session *s)
{
	const char *v[] = {
		p->name, s->code, s->kind, s->title, s->date, s->start_time, s->end_time,
		s->venue, s->street, s->postcode, s->city, s->room, s->report_title,
		s->report_url, s->host, s->remark,
	};

	fuzz_csv_roundtrip(v, (int)(sizeof v / sizeof v[0]));
}

/* Every session of programme p, a page at a time. */
static void roundtrip_programme(sqlite3 *db, const st_programme *p)
{
	session_filter f = { .programme_id = p->id };
	st_session page[PAGE], anchor = { 0 };
	st_err err;
	int n, i, seen = 0;
	bool first = true;

	do {
		n = session_page(db, &f, first ? NULL : &anchor, false, page, PAGE, &err);
		if (n < 0)
			fuzz_fail("programme: listing its sessions fails: %s", err.msg);
		if (!first)
			session_clear(&anchor);
		for (i = 0; i < n; i++) {
			roundtrip_session(p, &page[i]);
			if (i < n - 1)
				session_clear(&page[i]);
		}
		if (n > 0)
			anchor = page[n - 1];
		seen += n;
		first = false;
	} while (n == PAGE);
	if (!first && n > 0)
		session_clear(&anchor);
	if (seen != p->sessions)
		fuzz_fail("programme %s: %d sessions listed, %d counted", p->name, seen, p->sessions);
}

static void exports_valid(sqlite3 *db)
{
	st_programme p[64];
	st_err err;
	int n = programme_list(db, p, 64, &err), i;

	if (n < 0)
		fuzz_fail("programme: listing the programmes fails: %s", err.msg);
	for (i = 0; i < n; i++) {
		roundtrip_programme(db, &p[i]);
		programme_clear(&p[i]);
	}
	free(fuzz_export(db, EXPORT_NOTES, EXFMT_JSON, NULL));
	free(fuzz_export(db, EXPORT_NOTES, EXFMT_CSV, NULL));
	free(fuzz_export(db, EXPORT_DRAAIBOEK, EXFMT_HTML, NULL));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("programme.ini", data, size);
	sqlite3 *db = fuzz_db(false);
	import_stats stats, again;
	char *after;
	st_err err;

	if (programme_import_file(db, path, &stats, &err) != 0) {
		fuzz_refused(db, fuzz_db_dump(false), "programme", err.msg);
		return 0;
	}
	fuzz_healthy(db, "programme");
	after = fuzz_dump(db);
	fuzz_mark(db);
	if (programme_import_file(db, path, &again, &err) != 0)
		fuzz_fail("programme: accepted once, refused the second time: %s", err.msg);
	if (again.sessions_new || again.sessions_changed || again.programme_new)
		fuzz_fail("programme: imported again, %d new and %d changed sessions", again.sessions_new,
			  again.sessions_changed);
	fuzz_unchanged(db, after, "programme: imported again");
	free(after);
	exports_valid(db);
	fuzz_db_reset(false);
	return 0;
}
