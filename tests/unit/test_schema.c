/* test_schema.c: released migrations are frozen (TAP).
 *
 * A database that reached version N ran migrations 0..N-1 as they were
 * then; editing one of them afterwards would give databases of the same
 * version different schemas.  So each released migration's SQL is pinned
 * here by a hash, and a change to it fails this test.
 *
 * Adding a migration (a new entry at the end of src/core/schema.c's list)
 * needs nothing here at first: the test passes and prints the new
 * migration's hash.  When it is released (merged to main), add that line
 * to `pins` below, e.g.
 *     { 10, 0x0123456789abcdefULL },   -- 10 -> 11: what it does
 * Never change a pin: write a new migration instead. */
#include "config.h"

#include <stdint.h>

#include "core/schema.h"
#include "../tap.h"

/* FNV-1a, 64 bits: stable, and enough to notice an edit (nobody is
 * trying to forge a migration). */
static uint64_t fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static const struct pin {
	int from;        /* the migration from version `from` to from + 1 */
	uint64_t hash;   /* fnv1a of its SQL */
} pins[] = {
	{ 0, 0x5806b8d7efdf05dbULL },   /* 0 -> 1: the whole domain */
	{ 1, 0xe40711bb01edf38fULL },   /* 1 -> 2: names at the door, undo log */
	{ 2, 0x4d4b12d6b2490aeaULL },   /* 2 -> 3: notes' full-text index, drafts */
	{ 3, 0x61b6cb271e4d533fULL },   /* 3 -> 4: names without spaces and hyphens */
	{ 4, 0x91fd8a6a601fa7afULL },   /* 4 -> 5: author_key */
	{ 5, 0x04cf09a26386d092ULL },   /* 5 -> 6: the figures (fig_*) */
	{ 6, 0xdebbe4380268d49fULL },   /* 6 -> 7: co-occurrence (fig_pair) */
	{ 7, 0x1c25782aa69b6444ULL },   /* 7 -> 8: session_date */
	{ 8, 0xc9ebd21547e6a824ULL },   /* 8 -> 9: walk-ins, redo, name prefixes */
	{ 9, 0x677986cf919ca4c6ULL },   /* 9 -> 10: local_state */
	{ 10, 0x2b560e929d9ded39ULL },  /* 10 -> 11: codes and GUIDs on indexes that ignore case */
	{ 11, 0x3eb599f9b64b6151ULL },  /* 11 -> 12: roster_version */
	{ 12, 0x1b36f3936df8ed97ULL },  /* 12 -> 13: sync_self, sync_peer */
	{ 13, 0x0ce48c811de3d6a6ULL },  /* 13 -> 14: person_name_start (type-ahead, 1-2 letters) */
	{ 14, 0xa9c428bcc30e8fc4ULL },  /* 14 -> 15: sync (outbox, tombstones, redirects, changed_at) */
	{ 15, 0x42ab1288c977a5a9ULL },  /* 15 -> 16: tags record their coder */
	{ 16, 0x2784fd54efaf147eULL },  /* 16 -> 17: note indexes justified, person_by_email */
	{ 17, 0x64c6ba380cf338b1ULL },  /* 17 -> 18: sync_field_time (when each field changed) */
	{ 18, 0x7a49750c31c86525ULL },  /* 18 -> 19: schools, fig_session_notes, authors, trash */
	{ 19, 0xed8305ad0c086f8bULL },  /* 19 -> 20: tag.changed_at (a tag's time of change, sync) */
	{ 20, 0x60ae2c590e409dc3ULL },  /* 20 -> 21: person name keys written once */
	{ 21, 0xf3956cf23cc730a7ULL },  /* 21 -> 22: figures per programme and kind; sync's order */
};
#define NPINS (int)(sizeof pins / sizeof pins[0])

int main(void)
{
	int n = schema_migration_count(), i;

	ok(n >= NPINS, "no released migration was removed (%d migrations, %d pinned)", n, NPINS);
	for (i = 0; i < NPINS && i < n; i++) {
		uint64_t h = fnv1a(schema_migration(pins[i].from));

		if (!ok(h == pins[i].hash, "migration %d -> %d is as released", pins[i].from,
			pins[i].from + 1))
			diag("its SQL hashes to 0x%016llxULL, pinned 0x%016llxULL: a released "
			     "migration must not change; undo the edit and add a new migration",
			     (unsigned long long)h, (unsigned long long)pins[i].hash);
	}
	for (i = NPINS; i < n; i++)
		ok(schema_migration(i) != NULL,
		   "migration %d -> %d is new (not pinned yet; once released add "
		   "{ %d, 0x%016llxULL } to pins in tests/unit/test_schema.c)",
		   i, i + 1, i, (unsigned long long)fnv1a(schema_migration(i)));
	ok(schema_migration(n) == NULL && schema_migration(-1) == NULL,
	   "there is no migration past the last one");
	return tap_done();
}
