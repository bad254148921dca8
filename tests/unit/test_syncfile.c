/* test_syncfile.c: the sync identity of a database (syncid.h) and the
 * files laptops sync through (syncfile.h): their format, each reason a
 * file is refused whole, their mode and names, and which files of a
 * shared folder are still to be applied (TAP). */
#include "config.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db.h"
#include "core/sync_tables.h"
#include "core/syncfile.h"
#include "core/syncid.h"
#include "fixture.h"
#include "../tap.h"

static const char *dir;

#define NETWORK "5354454d-5359-4e43-8000-000000000001"
#define OTHER_NETWORK "5354454d-5359-4e43-8000-000000000002"
#define COLLEAGUE_A "aaaaaaaa-0000-4000-8000-000000000001"
#define COLLEAGUE_B "bbbbbbbb-0000-4000-8000-000000000002"

/* ---- helpers ------------------------------------------------------------ */

/* A real changeset, as the sync will carry: three rows inserted into a
 * table of a scratch database, recorded by a session.  Caller frees with
 * sqlite3_free. */
static void *make_changeset(int *len)
{
	sqlite3 *db;
	sqlite3_session *s;
	void *cs = NULL;

	*len = 0;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		exit(99);
	exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
	if (sqlite3session_create(db, "main", &s) != SQLITE_OK || sqlite3session_attach(s, "t") != SQLITE_OK) {
		printf("Bail out! sqlite3session: %s\n", sqlite3_errmsg(db));
		exit(99);
	}
	exec(db, "INSERT INTO t VALUES (1, 'één'), (2, 'twee'), (3, 'drie')");
	if (sqlite3session_changeset(s, len, &cs) != SQLITE_OK || *len <= 0)
		exit(99);
	sqlite3session_delete(s);
	sqlite3_close(db);
	return cs;
}

/* Applies changeset cs to a fresh scratch database and returns its rows
 * as "1=één,2=twee,..." (static buffer): the payload is the changeset. */
static const char *apply_changeset(const void *cs, int len)
{
	static char rows[256];
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t n = 0;

	rows[0] = '\0';
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		exit(99);
	exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
	if (sqlite3changeset_apply_v2(db, len, (void *)cs, NULL, NULL, NULL, NULL, NULL, 0) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, "SELECT id || '=' || body FROM t ORDER BY id", -1,
					   &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW && n < sizeof rows - 64)
			n += (size_t)snprintf(rows + n, sizeof rows - n, "%s%s", n ? "," : "",
					      (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return rows;
}

static syncfile_header header_of(const char *database_id, long long seq)
{
	syncfile_header h;

	memset(&h, 0, sizeof h);
	h.schema = (uint32_t)db_schema_version();
	h.kind = SYNCFILE_KIND_CHANGESET;
	snprintf(h.network_id, sizeof h.network_id, "%s", NETWORK);
	snprintf(h.database_id, sizeof h.database_id, "%s", database_id);
	h.seq = seq;
	return h;
}

/* A whole sync file in memory: header and payload. */
struct image {
	unsigned char *bytes;
	size_t len;
};

static struct image make_image(const syncfile_header *h, const void *payload, size_t len)
{
	struct image im;
	st_err err = { "" };

	im.len = SYNCFILE_HEADER_SIZE + len;
	im.bytes = malloc(im.len);
	if (!im.bytes || syncfile_encode_header(h, payload, len, im.bytes, &err) != 0) {
		printf("Bail out! encoding a header: %s\n", err.msg);
		exit(99);
	}
	memcpy(im.bytes + SYNCFILE_HEADER_SIZE, payload, len);
	return im;
}

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Sets the checksum of im to what its bytes give, as a writer of that
 * (newer, or altered) header would. */
static void reseal(struct image *im)
{
	uint32_t crc = syncfile_crc32(0, im->bytes, 68);

	put_u32(im->bytes + 68, syncfile_crc32(crc, im->bytes + SYNCFILE_HEADER_SIZE,
					       im->len - SYNCFILE_HEADER_SIZE));
}

/* What a reader in NETWORK of this schema accepts. */
static syncfile_expect expected(void)
{
	syncfile_expect x = { NETWORK, (uint32_t)db_schema_version(), SYNC_OLDEST_SCHEMA };

	return x;
}

/* ---- the identity of a database -------------------------------------------- */

static void test_identity(void)
{
	sqlite3 *db = open_db("id.sqlite"), *other = open_db("id-other.sqlite");
	syncid_self self, again, theirs;
	st_err err = { "" };
	char first[SYNCID_SIZE];
	unsigned char bytes[SYNCID_BYTES];

	is_int(syncid_read_self(db, &self, &err), 0, "a new database has a sync identity");
	ok(syncid_valid(self.database_id), "  its id is a UUID (%s)", self.database_id);
	is_int(self.database_id[14], '4', "  a random one (version 4)");
	is_str(self.network_id, "", "  in no network yet");
	is_int(self.next_seq, 1, "  its first sync file will be number 1");
	syncid_read_self(other, &theirs, &err);
	ok(strcmp(self.database_id, theirs.database_id) != 0, "another database has another id");
	memcpy(first, self.database_id, sizeof first);
	db_close(db);
	db = open_db("id.sqlite");
	syncid_read_self(db, &again, &err);
	is_str(again.database_id, first, "the id is made once: reopening keeps it");

	ok(syncid_to_bytes(first, bytes) == 0, "an id converts to its 16 bytes");
	syncid_from_bytes(bytes, again.database_id);
	is_str(again.database_id, first, "  and back");
	ok(!syncid_valid("5354454D-5359-4E43-8000-000000000001"), "upper case is not an id");
	ok(!syncid_valid("5354454d-5359-4e43-8000-00000000001"), "nor one digit short");
	ok(!syncid_valid("5354454d-5359-4e43-8000-0000000000012"), "nor one more");
	ok(!syncid_valid("5354454d5-359-4e43-8000-000000000001"), "nor a misplaced hyphen");
	ok(syncid_to_bytes("{5354454d-5359-4e43-8000-000000000001}", bytes) != 0,
	   "  which do not convert");

	is_int(syncid_join(db, NETWORK, &err), 0, "a database joins a network");
	syncid_read_self(db, &self, &err);
	is_str(self.network_id, NETWORK, "  and belongs to it");
	is_int(syncid_join(db, NETWORK, &err), 0, "joining it again is nothing");
	is_int(syncid_join(db, OTHER_NETWORK, &err), -1, "joining another is refused");
	has_str(err.msg, OTHER_NETWORK, "  naming it");
	syncid_read_self(db, &self, &err);
	is_str(self.network_id, NETWORK, "  and it stays in its own");
	is_int(syncid_join(other, "not-a-network", &err), -1, "a network id that is no UUID is refused");
	has_str(err.msg, "not-a-network", "  naming it");
	db_close(other);
	db_close(db);
}

static void test_migration(void)
{
	sqlite3 *db = open_db("v12.sqlite");
	syncid_self self;
	st_err err = { "" };

	/* A database as stemtui 12 left it, with a person in it: without
	 * what migrations 21 -> 22, 19 -> 20, 18 -> 19, 17 -> 18, 16 -> 17, 14 -> 15 and
	 * 13 -> 14 made. */
	exec(db, UNDO_MIGRATION_22);
	exec(db, "DROP TABLE sync_member; DROP TABLE sync_tombstone; DROP TABLE sync_redirect;"
		 " DROP TABLE sync_outbox; DROP TABLE sync_log; DROP TABLE sync_decision;"
		 " DROP TABLE note_revision; ALTER TABLE attendance_log DROP COLUMN origin; ALTER TABLE sync_self DROP COLUMN last_sync;"
		 " ALTER TABLE programme DROP COLUMN changed_at;"
		 " ALTER TABLE organisation DROP COLUMN changed_at;"
		 " ALTER TABLE session DROP COLUMN changed_at;"
		 " ALTER TABLE person DROP COLUMN changed_at;"
		 " ALTER TABLE factor DROP COLUMN changed_at; ALTER TABLE tag DROP COLUMN changed_at;");
	exec(db, "DROP TRIGGER person_name_start_insert; DROP TRIGGER person_name_start_update;"
		 " DROP TRIGGER person_name_start_delete; DROP TABLE person_name_start;"
		 " DROP INDEX note_live_by_session_kind; DROP INDEX note_trash_by_created;"
		 " DROP INDEX person_by_email; DROP TABLE sync_field_time; CREATE INDEX note_by_created ON note(created_at, id);"
		 " CREATE INDEX note_by_group ON note(group_label);"
		 " DROP TABLE sync_self; DROP TABLE sync_peer;"
		 " DROP TRIGGER fig_school_insert; DROP TRIGGER fig_school_delete;"
		 " DROP TRIGGER fig_school_kind; DROP TRIGGER fig_school_new;"
		 " DROP TRIGGER fig_school_gone; DROP INDEX note_trash_by_session_date;"
		 " DROP TRIGGER fig_notes_insert; DROP TRIGGER fig_notes_delete;"
		 " DROP TRIGGER fig_notes_moved; DROP TRIGGER fig_notes_session_gone;"
		 " DROP TRIGGER fig_notes_tagged; DROP TRIGGER fig_notes_untagged;"
		 " DROP TABLE fig_session_notes; DROP INDEX note_live_by_author;"
		 " ALTER TABLE fig_total DROP COLUMN schools; PRAGMA user_version = 12;"
			 "INSERT INTO person (first_name, last_name, sort_key, role, created_at)"
			 " VALUES ('An', 'Peeters', '', 'teacher', '2026-01-01')");
	db_close(db);
	db = open_db("v12.sqlite");
	is_int(query_int(db, "PRAGMA user_version"), db_schema_version(),
	       "a database of schema 12 is brought up to date");
	is_int(syncid_read_self(db, &self, &err), 0, "  and has a sync identity");
	ok(syncid_valid(self.database_id), "  an id of its own");
	is_int(query_int(db, "SELECT count(*) FROM person WHERE last_name = 'Peeters'"), 1,
	       "  and nothing else changed");
	is_int(query_int(db, "SELECT count(*) FROM sync_self"), 1, "sync_self has one row");
	ok(sqlite3_exec(db, "INSERT INTO sync_self (one, database_id) VALUES (2, st_uuid())", NULL,
			NULL, NULL) != SQLITE_OK, "  and cannot get a second");
	is_int(query_int(db, "SELECT st_uuid() <> st_uuid()"), 1, "st_uuid() is new on every call");
	db_close(db);
}

static void test_sequences(void)
{
	sqlite3 *db = open_db("seq.sqlite");
	st_err err = { "" };
	long long seq = 0, last = -1;

	db_begin(db, NULL);
	is_int(syncid_take_seq(db, &seq, &err), 0, "a sync file takes a number");
	is_int(seq, 1, "  the first is 1");
	syncid_take_seq(db, &seq, &err);
	is_int(seq, 2, "  the next 2");
	db_rollback(db);
	db_begin(db, NULL);
	syncid_take_seq(db, &seq, &err);
	is_int(seq, 1, "numbers taken in a transaction rolled back are taken again");
	db_commit(db, NULL);
	db_begin(db, NULL);
	syncid_take_seq(db, &seq, &err);
	is_int(seq, 2, "  and those committed are not");
	db_commit(db, NULL);

	is_int(syncid_peer_last(db, COLLEAGUE_A, &last, &err), 0, "a colleague never seen");
	is_int(last, 0, "  has had nothing applied");
	db_begin(db, NULL);
	is_int(syncid_peer_applied(db, COLLEAGUE_A, 1, &err), 0, "their file 1 is recorded as applied");
	is_int(syncid_peer_applied(db, COLLEAGUE_A, 1, &err), -1, "  a second time is refused");
	has_str(err.msg, COLLEAGUE_A, "  naming the colleague");
	is_int(syncid_peer_applied(db, COLLEAGUE_A, 3, &err), -1, "file 3 before file 2 is refused");
	is_int(syncid_peer_applied(db, COLLEAGUE_A, 2, &err), 0, "file 2 is recorded");
	db_commit(db, NULL);
	syncid_peer_last(db, COLLEAGUE_A, &last, &err);
	is_int(last, 2, "  the last applied is 2");
	syncid_peer_last(db, COLLEAGUE_B, &last, &err);
	is_int(last, 0, "  and another colleague's is their own");
	is_int(syncid_peer_applied(db, "nobody", 1, &err), -1, "a database id that is no UUID is refused");
	db_close(db);
}

/* ---- the file format ------------------------------------------------------------ */

static void test_format(void)
{
	sqlite3 *db = open_db("fmt.sqlite");
	syncfile_header h = header_of(COLLEAGUE_A, 7);
	syncfile_expect x = expected();
	syncfile f;
	st_err err = { "" };
	char *path = NULL, *name;
	void *cs;
	int cslen;
	struct stat sb;
	unsigned char *bytes;
	FILE *in;

	is_int(syncfile_crc32(0, "123456789", 9), 0xCBF43926u, "the checksum is CRC-32 (check value)");
	name = syncfile_name(COLLEAGUE_A, 7);
	is_str(name, COLLEAGUE_A "-0000000007.stemsync", "file 7 of a database is named by both");
	free(name);
	name = syncfile_name(COLLEAGUE_A, 12345678901LL);
	is_str(name, COLLEAGUE_A "-12345678901.stemsync", "  a number of more digits has them all");
	free(name);

	cs = make_changeset(&cslen);
	umask(022);
	is_int(syncfile_write(db, dir, &h, cs, (size_t)cslen, &path, &err), 0, "a sync file is written");
	has_str(path, COLLEAGUE_A "-0000000007.stemsync", "  under its name");
	ok(path && stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "  mode 0600 whatever the umask");
	umask(0);
	h.seq = 8;
	syncfile_write(db, dir, &h, cs, (size_t)cslen, NULL, &err);
	name = syncfile_name(COLLEAGUE_A, 8);
	ok(stat(fixture_path(name), &sb) == 0 && (sb.st_mode & 0777) == 0600, "  also with umask 0");
	free(name);
	umask(022);

	/* The bytes as syncfile.h draws them. */
	bytes = calloc(1, SYNCFILE_HEADER_SIZE + (size_t)cslen + 1);
	in = fopen(path, "rb");
	ok(in && fread(bytes, 1, SYNCFILE_HEADER_SIZE + (size_t)cslen + 1, in) ==
	   SYNCFILE_HEADER_SIZE + (size_t)cslen, "the file is the header and the payload");
	if (in)
		fclose(in);
	ok(memcmp(bytes, "STEMSYNC", 8) == 0, "  it starts with the magic");
	ok(bytes[11] == 1 && bytes[8] == 0, "  then the format, 1, big-endian");
	is_int(bytes[15], db_schema_version(), "  the schema");
	ok(bytes[55] == 7 && bytes[48] == 0, "  the sequence number at 48");
	ok(bytes[63] == (unsigned char)cslen, "  the payload's length at 56");
	ok(memcmp(bytes + SYNCFILE_HEADER_SIZE, cs, (size_t)cslen) == 0, "  the payload as given");
	free(bytes);

	is_int(syncfile_read(path, &x, &f, &err), SYNCFILE_OK, "it reads back");
	is_str(f.h.network_id, NETWORK, "  network id");
	is_str(f.h.database_id, COLLEAGUE_A, "  database id");
	is_int(f.h.seq, 7, "  sequence number");
	is_int(f.h.schema, db_schema_version(), "  schema version");
	is_int(f.h.format, SYNCFILE_FORMAT, "  format");
	is_int(f.h.kind, SYNCFILE_KIND_CHANGESET, "  kind");
	is_int(f.payload_len, cslen, "  payload length");
	ok(f.payload && memcmp(f.payload, cs, (size_t)cslen) == 0, "  payload");
	is_str(apply_changeset(f.payload, (int)f.payload_len), "1=één,2=twee,3=drie",
	       "  which SQLite applies as the changeset it was");
	syncfile_free(&f);

	is_int(syncfile_write(db, dir, &h, cs, (size_t)cslen, NULL, &err), -1,
	       "a sync file is never replaced");
	has_str(err.msg, "0000000008.stemsync", "  the message names it");
	h.seq = 9;
	is_int(syncfile_write(db, path, &h, cs, (size_t)cslen, NULL, &err), -1,
	       "a folder that is a file is refused");
	h.seq = 0;
	is_int(syncfile_write(db, dir, &h, cs, (size_t)cslen, NULL, &err), -1,
	       "sequence number 0 is not written");
	h = header_of("not-an-id", 1);
	is_int(syncfile_write(db, dir, &h, cs, (size_t)cslen, NULL, &err), -1,
	       "nor a database id that is no UUID");
	h = header_of(COLLEAGUE_B, 1);
	free(path);
	is_int(syncfile_write(db, dir, &h, NULL, 0, &path, &err), 0,
	       "a file without changes is written");
	is_int(syncfile_read(path, &x, &f, &err), SYNCFILE_OK, "  and read back");
	ok(f.payload == NULL && f.payload_len == 0, "  empty");
	syncfile_free(&f);
	free(path);
	sqlite3_free(cs);
	db_close(db);
}

static void test_names(void)
{
	static const char *const not_ours[] = {
		COLLEAGUE_A "-7.stemsync",                     /* not the one spelling */
		COLLEAGUE_A "-0000000000.stemsync",            /* number 0 */
		COLLEAGUE_A "-+000000007.stemsync",
		COLLEAGUE_A "-0000000007 (1).stemsync",        /* a cloud's conflict copy */
		COLLEAGUE_A "-0000000007.stemsync.part",
		COLLEAGUE_A "-99999999999999999999.stemsync",  /* past 64 bits */
		"AAAAAAAA-0000-4000-8000-000000000001-0000000007.stemsync",
		"aaaaaaaa-0000-4000-8000-00000000000-00000000007.stemsync",
		".stemtui-export-host-12-AbCdEf",
		"notes.txt",
		"",
	};
	char id[SYNCID_SIZE];
	long long seq = 0;
	size_t i;

	ok(syncfile_parse_name(COLLEAGUE_A "-0000000007.stemsync", id, &seq), "a sync file's name parses");
	is_str(id, COLLEAGUE_A, "  its database id");
	is_int(seq, 7, "  its number");
	ok(syncfile_parse_name(COLLEAGUE_A "-12345678901.stemsync", id, &seq) && seq == 12345678901LL,
	   "  a long number too");
	for (i = 0; i < sizeof not_ours / sizeof not_ours[0]; i++)
		ok(!syncfile_parse_name(not_ours[i], id, &seq), "\"%s\" is not a sync file's name",
		   not_ours[i]);
}

/* ---- refusals -------------------------------------------------------------------- */

/* Reads im saved as file `name` in dir: the status, with err naming it. */
static enum syncfile_status read_image(const struct image *im, size_t len, const char *name,
				       const syncfile_expect *x, st_err *err)
{
	char file[4200];
	const char *path;
	syncfile f;
	enum syncfile_status s;

	snprintf(file, sizeof file, "refused/%s", name);
	path = write_file_bytes(file, (const char *)im->bytes, len);
	s = syncfile_read(path, x, &f, err);
	if (s != SYNCFILE_OK && (f.payload || f.payload_len || !strstr(err->msg, path)))
		return (enum syncfile_status)-1;   /* a refusal must name the file, return nothing */
	syncfile_free(&f);
	return s;
}

static void test_truncated(const struct image *im)
{
	syncfile_expect x = expected();
	st_err err = { "" };
	syncfile f;
	size_t len, cuts[] = { SYNCFILE_HEADER_SIZE, SYNCFILE_HEADER_SIZE + 1, 0, 0 };
	int bad = 0, i;

	cuts[2] = SYNCFILE_HEADER_SIZE + (im->len - SYNCFILE_HEADER_SIZE) / 2;
	cuts[3] = im->len - 1;
	for (len = 0; len < SYNCFILE_HEADER_SIZE; len++)
		if (read_image(im, len, "cut.stemsync", &x, &err) != SYNCFILE_TRUNCATED) {
			bad++;
			diag("cut to %zu bytes: %s", len, err.msg);
		}
	is_int(bad, 0, "a file cut short anywhere in its header is refused as incomplete");
	has_str(err.msg, "cut.stemsync", "  the message names the file");
	for (i = 0; i < 4; i++) {
		is_int(read_image(im, cuts[i], "cut.stemsync", &x, &err), SYNCFILE_TRUNCATED,
		       "a file cut short in its payload is refused as incomplete");
	}
	has_str(err.msg, "incomplete", "  saying so");
	is_int(syncfile_decode(im->bytes, im->len - 1, &x, "memory", &f, &err), SYNCFILE_TRUNCATED,
	       "  decoding bytes in memory too");
}

static void test_altered(const struct image *im)
{
	syncfile_expect x = expected();
	st_err err = { "" };
	struct image copy = { malloc(im->len + 1), im->len };
	size_t i;
	int accepted = 0;

	for (i = 0; i < im->len; i++) {
		memcpy(copy.bytes, im->bytes, im->len);
		copy.bytes[i] ^= 0xff;
		if (read_image(&copy, copy.len, "flip.stemsync", &x, &err) <= SYNCFILE_OK) {
			accepted++;
			diag("byte %zu flipped: accepted", i);
		}
	}
	is_int(accepted, 0, "a file with any one byte changed is refused");
	memcpy(copy.bytes, im->bytes, im->len);
	copy.bytes[im->len - 1] ^= 0x01;
	is_int(read_image(&copy, copy.len, "flip.stemsync", &x, &err), SYNCFILE_DAMAGED,
	       "a change in the payload is damage");
	has_str(err.msg, "checksum", "  the checksum says so");
	memcpy(copy.bytes, im->bytes, im->len);
	copy.bytes[im->len] = 0;
	is_int(read_image(&copy, copy.len + 1, "longer.stemsync", &x, &err), SYNCFILE_DAMAGED,
	       "a byte more than the header says is damage");
	copy.len = 12;
	memcpy(copy.bytes, "# my notes\n\n", 12);
	is_int(read_image(&copy, copy.len, "notes.stemsync", &x, &err), SYNCFILE_NOT_SYNC,
	       "a file that is no sync file is refused");
	free(copy.bytes);
}

static void test_newer_and_foreign(const void *cs, size_t cslen)
{
	syncfile_expect x = expected();
	syncfile_header h = header_of(COLLEAGUE_A, 1);
	st_err err = { "" };
	struct image im;
	char path[4200];

	h.schema = (uint32_t)db_schema_version() + 1;
	im = make_image(&h, cs, cslen);
	is_int(read_image(&im, im.len, "schema.stemsync", &x, &err), SYNCFILE_NEWER_SCHEMA,
	       "a file of a newer schema is refused");
	has_str(err.msg, "newer", "  as written by a newer stemtui");
	free(im.bytes);

	h.schema = SYNC_OLDEST_SCHEMA - 1;
	im = make_image(&h, cs, cslen);
	is_int(read_image(&im, im.len, "old.stemsync", &x, &err), SYNCFILE_OLDER_SCHEMA,
	       "a file of a schema whose travelling tables differ is refused");
	has_str(err.msg, "older stemtui (schema 19)", "  as written by an older stemtui, named");
	free(im.bytes);

	h.schema = SYNC_OLDEST_SCHEMA;
	im = make_image(&h, cs, cslen);
	is_int(read_image(&im, im.len, "oldest.stemsync", &x, &err), SYNCFILE_OK,
	       "a file of the oldest schema it reads is read");
	free(im.bytes);

	h.schema = (uint32_t)db_schema_version();
	im = make_image(&h, cs, cslen);
	put_u32(im.bytes + 8, SYNCFILE_FORMAT + 1);
	reseal(&im);
	is_int(read_image(&im, im.len, "format.stemsync", &x, &err), SYNCFILE_NEWER_FORMAT,
	       "a file of a newer format is refused");
	has_str(err.msg, "format", "  saying so");
	put_u32(im.bytes + 8, SYNCFILE_FORMAT);
	put_u32(im.bytes + 64, SYNCFILE_KIND_CHANGESET + 1);
	reseal(&im);
	is_int(read_image(&im, im.len, "kind.stemsync", &x, &err), SYNCFILE_NEWER_FORMAT,
	       "  and one whose content is of a kind not known yet");
	free(im.bytes);

	snprintf(h.network_id, sizeof h.network_id, "%s", OTHER_NETWORK);
	im = make_image(&h, cs, cslen);
	is_int(read_image(&im, im.len, "other.stemsync", &x, &err), SYNCFILE_OTHER_NETWORK,
	       "a file of another network is refused");
	has_str(err.msg, OTHER_NETWORK, "  naming that network");
	x.network_id = NULL;
	is_int(read_image(&im, im.len, "other.stemsync", &x, &err), SYNCFILE_OK,
	       "  a reader of any network (learning a folder's) takes it");
	free(im.bytes);

	x = expected();
	h = header_of(COLLEAGUE_A, 3);
	im = make_image(&h, cs, cslen);
	snprintf(path, sizeof path, "%s-0000000004.stemsync", COLLEAGUE_A);
	is_int(read_image(&im, im.len, path, &x, &err), SYNCFILE_DAMAGED,
	       "file 3 under the name of file 4 is refused");
	has_str(err.msg, "name", "  saying its name does not fit");
	snprintf(path, sizeof path, "%s-0000000003.stemsync", COLLEAGUE_A);
	is_int(read_image(&im, im.len, path, &x, &err), SYNCFILE_OK, "  under its own name it reads");
	free(im.bytes);

	snprintf(path, sizeof path, "%s/refused/missing.stemsync", dir);
	{
		syncfile f;

		is_int(syncfile_read(path, &x, &f, &err), SYNCFILE_IO, "a missing file is refused");
		has_str(err.msg, "missing.stemsync", "  naming it");
		snprintf(path, sizeof path, "%s/refused", dir);
		is_int(syncfile_read(path, &x, &f, &err), SYNCFILE_IO, "a folder is refused");
	}
}

static void test_refusals(void)
{
	static const char *const tables[] = {
		"SELECT * FROM sync_self", "SELECT * FROM sync_peer", "SELECT * FROM person",
		"SELECT * FROM note", "SELECT * FROM tag",
	};
	sqlite3 *db = open_db("refusals.sqlite");
	syncfile_header h = header_of(COLLEAGUE_A, 1);
	struct image im;
	void *cs;
	int cslen, changes;
	char *before, *after;
	st_err err = { "" };

	mkdir(fixture_path("refused"), 0700);
	syncid_join(db, NETWORK, &err);
	before = dump_rows(db, tables, sizeof tables / sizeof tables[0]);
	changes = sqlite3_total_changes(db);
	cs = make_changeset(&cslen);
	im = make_image(&h, cs, (size_t)cslen);
	test_truncated(&im);
	test_altered(&im);
	test_newer_and_foreign(cs, (size_t)cslen);
	after = dump_rows(db, tables, sizeof tables / sizeof tables[0]);
	ok(sqlite3_total_changes(db) == changes && strcmp(before, after) == 0,
	   "reading refused files changes nothing in the database (its dump is the same)");
	free(before);
	free(after);
	free(im.bytes);
	sqlite3_free(cs);
	db_close(db);
}

/* ---- the shared folder -------------------------------------------------------------- */

static void put_file(sqlite3 *db, const char *folder, const char *id, long long seq)
{
	syncfile_header h = header_of(id, seq);
	st_err err = { "" };

	if (syncfile_write(db, folder, &h, "x", 1, NULL, &err) != 0) {
		printf("Bail out! %s\n", err.msg);
		exit(99);
	}
}

static void test_folder(void)
{
	sqlite3 *db = open_db("folder.sqlite");
	char folder[4000], path[4200];
	syncfile_list l;
	syncid_self self;
	st_err err = { "" };
	long long seq;
	int i;

	snprintf(folder, sizeof folder, "%s/shared", dir);
	mkdir(folder, 0700);
	syncid_read_self(db, &self, &err);
	/* Written out of order: the listing orders by number, not by name
	 * or by time. */
	put_file(db, folder, COLLEAGUE_A, 100);
	for (seq = 10; seq >= 1; seq--)
		put_file(db, folder, COLLEAGUE_A, seq);
	put_file(db, folder, COLLEAGUE_B, 1);
	put_file(db, folder, COLLEAGUE_B, 3);
	put_file(db, folder, self.database_id, 1);
	put_file(db, folder, self.database_id, 2);
	/* What is not stemtui's, or not finished. */
	write_file("shared/.stemtui-export-host-12-AbCdEf", "half");
	write_file("shared/" COLLEAGUE_A "-0000000011 (1).stemsync", "copy");
	write_file("shared/notes.txt", "mine");
	mkdir(fixture_path("shared/" COLLEAGUE_B "-0000000012.stemsync"), 0700);

	is_int(syncfile_scan(folder, &l, &err), 0, "the shared folder is listed");
	is_int(l.n, 11 + 2 + 2, "  every sync file, and nothing else");
	for (i = 0; i < l.n && strcmp(l.v[i].database_id, COLLEAGUE_A) != 0; i++)
		;
	ok(i + 10 < l.n && l.v[i].seq == 1 && l.v[i + 9].seq == 10 && l.v[i + 10].seq == 100,
	   "  in order of number per database (1 .. 10, 100)");
	for (i = 1; i < l.n; i++)
		if (strcmp(l.v[i - 1].database_id, l.v[i].database_id) > 0)
			break;
	ok(i == l.n, "  databases in order of id");
	has_str(l.n ? l.v[0].path : NULL, folder, "  each with its path");
	syncfile_list_free(&l);

	db_begin(db, NULL);
	for (seq = 1; seq <= 3; seq++)
		syncid_peer_applied(db, COLLEAGUE_A, seq, &err);
	db_commit(db, NULL);
	is_int(syncfile_pending(db, folder, &l, &err), 0, "the files still to apply are listed");
	ok(l.n == 8, "  colleague A's 4 .. 10 and colleague B's 1 (%d)", l.n);
	ok(l.n == 8 && strcmp(l.v[0].database_id, COLLEAGUE_A) == 0 && l.v[0].seq == 4 &&
	   l.v[6].seq == 10 && strcmp(l.v[7].database_id, COLLEAGUE_B) == 0 && l.v[7].seq == 1,
	   "  each colleague's in order, from the one after the last applied");
	is_int(l.waiting, 2, "  A's 100 and B's 3 wait for the files before them");
	syncfile_list_free(&l);
	db_begin(db, NULL);
	syncid_peer_applied(db, COLLEAGUE_B, 1, &err);
	db_commit(db, NULL);
	syncfile_pending(db, folder, &l, &err);
	is_int(l.n, 7, "a colleague's file applied is no longer listed");
	syncfile_list_free(&l);

	snprintf(path, sizeof path, "%s/missing", dir);
	is_int(syncfile_scan(path, &l, &err), -1, "a missing folder is an error");
	has_str(err.msg, path, "  naming it");
	is_int(syncfile_pending(db, path, &l, &err), -1, "  also for what is pending");
	db_close(db);
}

/* FNV-1a of s, as test_schema pins migrations. */
static uint64_t fnv_of(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The columns of the travelling tables (name, declared type, place in the
 * primary key), a line each. */
static char *travelling_shape(sqlite3 *db)
{
	sqlite3_stmt *st;
	char *shape = sqlite3_mprintf("%s", "");
	int i;

	for (i = 0; i < sync_table_count && shape; i++) {
		sqlite3_prepare_v2(db, "SELECT group_concat(name || ' ' || type || ' ' || pk, ', ')"
				   " FROM pragma_table_info(?1)", -1, &st, NULL);
		sqlite3_bind_text(st, 1, sync_tables[i].name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			char *more = sqlite3_mprintf("%s# %s: %s\n", shape, sync_tables[i].name,
						     (const char *)sqlite3_column_text(st, 0));

			sqlite3_free(shape);
			shape = more;
		}
		sqlite3_finalize(st);
	}
	return shape;
}

/* A migration that changes a travelling table must say whether sync files
 * of older schemas still apply (SYNC_OLDEST_SCHEMA): this pin of the
 * tables' shape fails until whoever wrote it has decided. */
#define SHAPE_PIN 0x76f1da85a774fa56ULL  /* schema 20 */
static void test_travelling_shape(void)
{
	sqlite3 *db = open_db("shape.sqlite");
	char *shape = travelling_shape(db);

	ok(SYNC_OLDEST_SCHEMA <= db_schema_version(), "the oldest schema sync reads is one we know");
	if (!ok(fnv_of(shape) == SHAPE_PIN, "the travelling tables are as pinned (when a migration"
		" changes them, it raises SYNC_OLDEST_SCHEMA to its version; then pin"
		" 0x%016llx)", (unsigned long long)fnv_of(shape)))
		printf("%s", shape);
	sqlite3_free(shape);
	db_close(db);
}

/* A table's columns as they are here, which the checking of a file's
 * changes and the merging of a row go by. */
static void test_table_columns(void)
{
	sqlite3 *db = open_db("columns.sqlite");
	char *col[SYNC_COLS_MAX], got[256] = "";
	int pk[SYNC_COLS_MAX], n, i;
	st_err err = { "" };

	n = sync_table_columns(db, "sync_redirect", col, pk, &err);
	for (i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s%s", i ? "," : "", col[i],
			 pk[i] ? "*" : "");
	is_str(got, "tbl*,from_id*,into_id", "a table's columns, in order, its key's marked");
	sync_table_columns_free(col, n);
	is_int(sync_table_columns(db, "no_such_table", col, pk, &err), 0, "a table not here has none");
	db_close(db);
}

int main(void)
{
	dir = fixture_start("syncfile");
	test_identity();
	test_migration();
	test_sequences();
	test_format();
	test_names();
	test_refusals();
	test_folder();
	test_travelling_shape();
	test_table_columns();
	return tap_done();
}
