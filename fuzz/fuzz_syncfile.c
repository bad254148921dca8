/* fuzz_syncfile.c: a sync file as a colleague's laptop (or a damaged
 * shared folder) hands it over (syncfile.c).  Refused: a message naming
 * the file, and nothing handed on.  Accepted: the header is sound (ids,
 * number, schema, network) and is byte for byte the one syncfile.c
 * writes for what it says, the payload is the rest of the file, and
 * reading it from a file says the same as decoding the bytes.  Its
 * payload then goes where sync takes it: sync_changeset_check against the
 * demo database, and, when that lets it through (SQLite 3.40's own reading
 * of a damaged changeset can loop for ever, which the check stops:
 * tests/data/fuzz/syncfile), sync_apply_in inside a transaction that is
 * rolled back, after which the database must be as it was.
 *
 * A checksum stops nearly every mutation at the door, so for half of the
 * inputs (by their hash) the target first sets the checksum to what the
 * bytes give, as a writer of those bytes would: the checks behind it
 * get fuzzed too. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/sync_apply.h"
#include "core/sync_changeset_check.h"
#include "core/syncfile.h"
#include "fuzz/fuzz.h"

/* The network of the seeds (fuzz/seeds/syncfile). */
#define NETWORK "5354454d-5359-4e43-8000-000000000001"

static void reseal(uint8_t *data, size_t size)
{
	uint32_t crc = syncfile_crc32(syncfile_crc32(0, data, 68), data + SYNCFILE_HEADER_SIZE,
				      size - SYNCFILE_HEADER_SIZE);

	data[68] = (uint8_t)(crc >> 24);
	data[69] = (uint8_t)(crc >> 16);
	data[70] = (uint8_t)(crc >> 8);
	data[71] = (uint8_t)crc;
}

/* The properties of an accepted file. */
static void check_accepted(const uint8_t *data, size_t size, const syncfile *f,
			   const syncfile_expect *x)
{
	unsigned char again[SYNCFILE_HEADER_SIZE];
	st_err err;

	if (!syncid_valid(f->h.database_id) || !syncid_valid(f->h.network_id) || f->h.seq < 1)
		fuzz_fail("syncfile: accepted ids %s, %s, number %lld", f->h.network_id,
			  f->h.database_id, f->h.seq);
	if (strcmp(f->h.network_id, x->network_id) != 0 || f->h.schema > x->schema ||
	    f->h.schema < 1 || f->h.format != SYNCFILE_FORMAT || f->h.kind != SYNCFILE_KIND_CHANGESET)
		fuzz_fail("syncfile: accepted network %s, schema %lu, format %lu, kind %lu",
			  f->h.network_id, (unsigned long)f->h.schema, (unsigned long)f->h.format,
			  (unsigned long)f->h.kind);
	if (f->payload_len != size - SYNCFILE_HEADER_SIZE ||
	    (f->payload_len && memcmp(f->payload, data + SYNCFILE_HEADER_SIZE, f->payload_len) != 0))
		fuzz_fail("syncfile: the payload is not the rest of the file");
	if (syncfile_encode_header(&f->h, f->payload, f->payload_len, again, &err) != 0)
		fuzz_fail("syncfile: an accepted header cannot be written: %s", err.msg);
	if (memcmp(again, data, SYNCFILE_HEADER_SIZE) != 0)
		fuzz_fail("syncfile: an accepted header is not the one written for what it says");
}

/* The payload checked and applied to the demo database, and rolled back:
 * a refusal names the file, and nothing of it stays either way. */
static void check_applied(const syncfile *f)
{
	sqlite3 *db = fuzz_db(false);
	sync_counts counts;
	st_err err;

	memset(&counts, 0, sizeof counts);
	if (sync_changeset_check(db, f->payload, f->payload_len, "input.stemsync", &err) != 0) {
		if (!strstr(err.msg, "input.stemsync"))
			fuzz_fail("syncfile: a changeset refused without naming the file: %s", err.msg);
		return;
	}
	if (db_begin(db, &err) != 0)
		fuzz_fail("syncfile: cannot begin: %s", err.msg);
	sync_apply_in(db, f->payload, f->payload_len, &counts, &err);
	db_rollback(db);
	if (sqlite3_get_autocommit(db) == 0)
		fuzz_fail("syncfile: a transaction is left open after applying");
	fuzz_unchanged(db, fuzz_db_dump(false), "syncfile: a changeset applied and rolled back");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Any older schema: the seeds are of older ones, and sync_changeset_check
	 * is what stops changes a table here cannot take. */
	syncfile_expect x = { NETWORK, (uint32_t)db_schema_version(), 0 };
	enum syncfile_status status, from_file;
	uint8_t *copy = malloc(size + 1);
	syncfile f, g;
	st_err err, err2;
	const char *path;

	if (!copy)
		abort();
	memcpy(copy, data, size);
	if (size >= SYNCFILE_HEADER_SIZE && fuzz_hash(data, size) % 2)
		reseal(copy, size);
	status = syncfile_decode(copy, size, &x, "input.stemsync", &f, &err);
	if (status != SYNCFILE_OK) {
		if (!strstr(err.msg, "input.stemsync"))
			fuzz_fail("syncfile: refused without naming the file: %s", err.msg);
		if (f.payload || f.payload_len)
			fuzz_fail("syncfile: refused, yet a payload is handed on");
	} else {
		check_accepted(copy, size, &f, &x);
		check_applied(&f);
	}
	path = fuzz_write("input.stemsync", copy, size);
	from_file = syncfile_read(path, &x, &g, &err2);
	if (from_file != status)
		fuzz_fail("syncfile: decoding says %d, reading the file %d (%s)", (int)status,
			  (int)from_file, err2.msg);
	syncfile_free(&g);
	syncfile_free(&f);
	free(copy);
	return 0;
}
