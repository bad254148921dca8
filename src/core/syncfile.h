/* syncfile.h: the files laptops sync through, and the shared folder
 * that holds them.
 *
 * A sync file carries the changes one database made, as an SQLite
 * changeset (the payload, which this module never looks into), behind a
 * header that says whose changes they are and lets a reader refuse the
 * file whole before anything is applied.  All numbers are big-endian:
 *
 *     offset size
 *      0      8   magic "STEMSYNC"
 *      8      4   format version (SYNCFILE_FORMAT)
 *     12      4   schema version of the writer (its PRAGMA user_version)
 *     16     16   network id (a UUID, its 16 bytes)
 *     32     16   id of the database that wrote it
 *     48      8   sequence number (1, 2, ... per writing database)
 *     56      8   payload length in bytes
 *     64      4   payload kind (SYNCFILE_KIND_CHANGESET)
 *     68      4   CRC-32 (ISO-HDLC, as zlib and PNG) of bytes 0..67 and
 *                 the payload
 *     72          the payload
 *
 * In the shared folder a sync file is named
 * "<database id>-<sequence number, 10 digits or more>.stemsync"
 * (0b6e8d3c-5a41-4c2e-9f07-3d1e2a6b9c84-0000000007.stemsync): the
 * files of different databases never collide, and a database never
 * writes a number twice.  Anything else in the folder is not stemtui's
 * and is left alone: temporary files (their names start with "."),
 * copies a cloud client made ("... (1).stemsync"), other files.
 *
 * No ncurses here, and no SQL but syncfile_pending's reading of
 * syncid.h's tables. */
#ifndef STEMTUI_SYNCFILE_H
#define STEMTUI_SYNCFILE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/syncid.h"

#define SYNCFILE_MAGIC "STEMSYNC"
#define SYNCFILE_FORMAT 1
#define SYNCFILE_HEADER_SIZE 72
#define SYNCFILE_SUFFIX ".stemsync"
/* The one kind of payload of format 1: an SQLite changeset. */
#define SYNCFILE_KIND_CHANGESET 1
/* The largest payload written or read: far above what weeks of notes
 * make, and a bound on what a damaged length makes a reader allocate. */
#define SYNCFILE_PAYLOAD_MAX ((uint64_t)256 << 20)

/* What the header says. */
typedef struct syncfile_header {
	uint32_t format;                  /* written: always SYNCFILE_FORMAT */
	uint32_t schema;
	uint32_t kind;
	char network_id[SYNCID_SIZE];
	char database_id[SYNCID_SIZE];
	long long seq;
} syncfile_header;

/* A sync file read whole and found sound. */
typedef struct syncfile {
	syncfile_header h;
	unsigned char *payload;           /* malloc'd; NULL when empty */
	size_t payload_len;
} syncfile;

/* Why a file was refused.  Every refusal sets err naming the file. */
enum syncfile_status {
	SYNCFILE_OK = 0,
	SYNCFILE_IO,             /* cannot be read, or not a regular file */
	SYNCFILE_NOT_SYNC,       /* not a sync file at all (no magic) */
	SYNCFILE_TRUNCATED,      /* shorter than its header says (still arriving?) */
	SYNCFILE_DAMAGED,        /* checksum, length or a field is wrong */
	SYNCFILE_NEWER_FORMAT,   /* a format (or payload kind) this stemtui does not know */
	SYNCFILE_NEWER_SCHEMA,   /* written by a database of a newer schema */
	SYNCFILE_OLDER_SCHEMA,   /* of a schema whose travelling tables differ */
	SYNCFILE_OTHER_NETWORK,  /* of another network than the reader's */
};

/* What a reader accepts. */
typedef struct syncfile_expect {
	const char *network_id;  /* its network; NULL: any (to learn a folder's) */
	uint32_t schema;         /* the newest schema it knows (db_schema_version) */
	uint32_t oldest;         /* the oldest it can apply (SYNC_OLDEST_SCHEMA); 0: any */
} syncfile_expect;

/* CRC-32 (ISO-HDLC) of len bytes at data, continuing crc (0 to start). */
uint32_t syncfile_crc32(uint32_t crc, const void *data, size_t len);

/* The header of a file holding payload[0..len) into out (format set to
 * SYNCFILE_FORMAT, checksum computed).  0, or -1 with err set when h is
 * not one a sync file can hold (an id not syncid_valid, seq < 1, kind
 * or schema 0, a payload over SYNCFILE_PAYLOAD_MAX). */
int syncfile_encode_header(const syncfile_header *h, const void *payload, size_t len,
			   unsigned char out[SYNCFILE_HEADER_SIZE], st_err *err);

/* Checks the len bytes of a whole sync file at buf, named name in
 * messages, against x: on SYNCFILE_OK, out holds its header and a copy
 * of its payload (syncfile_free); otherwise out is empty and err says
 * why, naming name.  The order of the checks: magic, format, lengths,
 * checksum, then the fields the checksum vouches for (kind, schema,
 * sequence, network). */
enum syncfile_status syncfile_decode(const unsigned char *buf, size_t len,
				     const syncfile_expect *x, const char *name,
				     syncfile *out, st_err *err);

/* syncfile_decode of the file at path, which is read whole first.  When
 * its name is a sync file's name (syncfile_parse_name), the database id
 * and sequence number in its header must be those of the name (a file
 * renamed by hand is SYNCFILE_DAMAGED).  Nothing is written anywhere. */
enum syncfile_status syncfile_read(const char *path, const syncfile_expect *x, syncfile *out,
				   st_err *err);

void syncfile_free(syncfile *f);

/* The name of file seq of database_id in the shared folder; a new
 * string (NULL when memory runs out). */
char *syncfile_name(const char *database_id, long long seq);

/* Whether name (without a folder) is exactly a name syncfile_name
 * makes; if so its database id and sequence number go to id and seq. */
bool syncfile_parse_name(const char *name, char id[SYNCID_SIZE], long long *seq);

/* Writes a sync file of h and payload[0..len) into folder, named by
 * syncfile_name, mode 0600, atomically (outfile.h: a temporary file
 * renamed into place, so that a colleague never reads half of one).
 * A file of that name already there is never replaced: -1 with err
 * set.  db is the open database (never written over).  On success *path
 * (when not NULL) gets the new file's path, for the caller to free.
 * 0, or -1 with err set. */
int syncfile_write(sqlite3 *db, const char *folder, const syncfile_header *h,
		   const void *payload, size_t len, char **path, st_err *err);

/* A sync file found in the shared folder, by its name. */
typedef struct syncfile_entry {
	char *path;
	char database_id[SYNCID_SIZE];
	long long seq;
} syncfile_entry;

typedef struct syncfile_list {
	syncfile_entry *v;
	int n;
	int waiting;   /* syncfile_pending: files held back by a missing one */
} syncfile_list;

/* Every regular file in folder named as a sync file, ordered by
 * database id and then sequence number.  0, or -1 with err set (the
 * folder cannot be read). */
int syncfile_scan(const char *folder, syncfile_list *out, st_err *err);

/* The sync files in folder that db has yet to apply, in the order to
 * apply them: per colleague database (never db's own), those after the
 * last one applied here (syncid_peer_last), up to the first that is
 * missing; the ones after a missing file are only counted (waiting),
 * since a changeset builds on the ones before it.  0, or -1 with err
 * set. */
int syncfile_pending(sqlite3 *db, const char *folder, syncfile_list *out, st_err *err);

void syncfile_list_free(syncfile_list *l);

#endif
