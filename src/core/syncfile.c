/* syncfile.c: see syncfile.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/outfile.h"
#include "core/syncfile.h"

/* Where the fields of the header are (syncfile.h draws it). */
enum {
	OFF_MAGIC = 0,
	OFF_FORMAT = 8,
	OFF_SCHEMA = 12,
	OFF_NETWORK = 16,
	OFF_DATABASE = 32,
	OFF_SEQ = 48,
	OFF_LENGTH = 56,
	OFF_KIND = 64,
	OFF_CRC = 68,
};

/* Digits of the sequence number in a file's name, at least: names sort
 * in sequence order in a file manager. */
#define SEQ_DIGITS 10

/* ---- the checksum ------------------------------------------------------------ */

uint32_t syncfile_crc32(uint32_t crc, const void *data, size_t len)
{
	/* The table of the reflected polynomial, made on each call: 2 KiB
	 * of work against a file's worth, and no state shared between
	 * threads. */
	const unsigned char *p = data;
	uint32_t table[256], c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
	crc = ~crc;
	while (len--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* ---- the header --------------------------------------------------------------- */

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void put_u64(unsigned char *p, uint64_t v)
{
	put_u32(p, (uint32_t)(v >> 32));
	put_u32(p + 4, (uint32_t)v);
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get_u64(const unsigned char *p)
{
	return (uint64_t)get_u32(p) << 32 | get_u32(p + 4);
}

/* The checksum of a file: its header up to the checksum, then the payload. */
static uint32_t file_crc(const unsigned char *header, const void *payload, size_t len)
{
	return syncfile_crc32(syncfile_crc32(0, header, OFF_CRC), payload, len);
}

int syncfile_encode_header(const syncfile_header *h, const void *payload, size_t len,
			   unsigned char out[SYNCFILE_HEADER_SIZE], st_err *err)
{
	if (syncid_to_bytes(h->network_id, out + OFF_NETWORK) != 0 ||
	    syncid_to_bytes(h->database_id, out + OFF_DATABASE) != 0 || h->seq < 1 ||
	    h->kind == 0 || h->schema == 0 || (uint64_t)len > SYNCFILE_PAYLOAD_MAX)
		return st_err_set(err, _("cannot write sync file %lld of database %s: its header "
					 "is not valid"), h->seq, h->database_id);
	memcpy(out + OFF_MAGIC, SYNCFILE_MAGIC, 8);
	put_u32(out + OFF_FORMAT, SYNCFILE_FORMAT);
	put_u32(out + OFF_SCHEMA, h->schema);
	put_u64(out + OFF_SEQ, (uint64_t)h->seq);
	put_u64(out + OFF_LENGTH, (uint64_t)len);
	put_u32(out + OFF_KIND, h->kind);
	put_u32(out + OFF_CRC, file_crc(out, payload, len));
	return 0;
}

/* The checks of the frame, before the checksum can be computed: magic,
 * format (a newer one may be laid out otherwise), lengths.  SYNCFILE_OK,
 * or the refusal with err set; *payload_len gets the header's length. */
static enum syncfile_status check_frame(const unsigned char *buf, size_t len, const char *name,
					uint64_t *payload_len, st_err *err)
{
	uint32_t format;

	if (len > 0 && memcmp(buf, SYNCFILE_MAGIC, len < 8 ? len : 8) != 0) {
		st_err_set(err, _("%s is not a stemtui sync file"), name);
		return SYNCFILE_NOT_SYNC;
	}
	if (len < OFF_FORMAT + 4)
		goto cut_in_header;
	format = get_u32(buf + OFF_FORMAT);
	if (format == 0) {
		st_err_set(err, _("%s is damaged: its format version is 0"), name);
		return SYNCFILE_DAMAGED;
	}
	if (format > SYNCFILE_FORMAT) {
		st_err_set(err, _("%s was written by a newer stemtui (sync file format %lu; this "
				  "version reads up to %d): upgrade stemtui to apply it"),
			   name, (unsigned long)format, SYNCFILE_FORMAT);
		return SYNCFILE_NEWER_FORMAT;
	}
	if (len < SYNCFILE_HEADER_SIZE)
		goto cut_in_header;
	*payload_len = get_u64(buf + OFF_LENGTH);
	if (*payload_len > SYNCFILE_PAYLOAD_MAX) {
		st_err_set(err, _("%s is damaged: its header gives a length of %llu bytes"), name,
			   (unsigned long long)*payload_len);
		return SYNCFILE_DAMAGED;
	}
	if (len - SYNCFILE_HEADER_SIZE < *payload_len) {
		st_err_set(err, _("%s is incomplete: it has %llu bytes of the %llu it should have "
				  "(is it still being copied into the folder?)"), name,
			   (unsigned long long)len,
			   (unsigned long long)(*payload_len + SYNCFILE_HEADER_SIZE));
		return SYNCFILE_TRUNCATED;
	}
	if (len - SYNCFILE_HEADER_SIZE > *payload_len) {
		st_err_set(err, _("%s is damaged: it has %llu bytes more than its header says"), name,
			   (unsigned long long)(len - SYNCFILE_HEADER_SIZE - *payload_len));
		return SYNCFILE_DAMAGED;
	}
	return SYNCFILE_OK;
cut_in_header:
	st_err_set(err, _("%s is incomplete: it ends within its header, after %llu bytes (is it "
			  "still being copied into the folder?)"), name, (unsigned long long)len);
	return SYNCFILE_TRUNCATED;
}

/* The checks of the fields the checksum vouches for. */
static enum syncfile_status check_fields(const syncfile_header *h, const syncfile_expect *x,
					 const char *name, st_err *err)
{
	if (h->kind > SYNCFILE_KIND_CHANGESET) {
		st_err_set(err, _("%s was written by a newer stemtui (its content is of kind %lu, "
				  "which this version does not know): upgrade stemtui to apply it"),
			   name, (unsigned long)h->kind);
		return SYNCFILE_NEWER_FORMAT;
	}
	if (h->kind == 0 || h->schema == 0 || h->seq < 1) {
		st_err_set(err, _("%s is damaged: its header is not valid"), name);
		return SYNCFILE_DAMAGED;
	}
	if (h->schema > x->schema) {
		st_err_set(err, _("%s was written by a newer stemtui (schema %lu; this version "
				  "knows up to %lu): upgrade stemtui to apply it"), name,
			   (unsigned long)h->schema, (unsigned long)x->schema);
		return SYNCFILE_NEWER_SCHEMA;
	}
	/* SQLite would skip a table whose columns are not the changeset's
	 * without a word: refuse the file instead, whole. */
	if (h->schema < x->oldest) {
		st_err_set(err, _("%s was written by an older stemtui (schema %lu) whose changes "
				  "this version cannot apply (it reads schema %lu and later): the "
				  "colleague who wrote it should upgrade stemtui and sync again"), name,
			   (unsigned long)h->schema, (unsigned long)x->oldest);
		return SYNCFILE_OLDER_SCHEMA;
	}
	if (x->network_id && strcmp(h->network_id, x->network_id) != 0) {
		st_err_set(err, _("%s belongs to another network (%s; this database is in %s)"),
			   name, h->network_id, *x->network_id ? x->network_id : "-");
		return SYNCFILE_OTHER_NETWORK;
	}
	return SYNCFILE_OK;
}

enum syncfile_status syncfile_decode(const unsigned char *buf, size_t len,
				     const syncfile_expect *x, const char *name,
				     syncfile *out, st_err *err)
{
	enum syncfile_status status;
	uint64_t payload_len = 0, seq;

	memset(out, 0, sizeof *out);
	status = check_frame(buf, len, name, &payload_len, err);
	if (status != SYNCFILE_OK)
		return status;
	if (get_u32(buf + OFF_CRC) != file_crc(buf, buf + SYNCFILE_HEADER_SIZE, payload_len)) {
		st_err_set(err, _("%s is damaged: its checksum does not match what it holds (it "
				  "was changed after it was written)"), name);
		return SYNCFILE_DAMAGED;
	}
	seq = get_u64(buf + OFF_SEQ);
	out->h.format = get_u32(buf + OFF_FORMAT);
	out->h.schema = get_u32(buf + OFF_SCHEMA);
	out->h.kind = get_u32(buf + OFF_KIND);
	out->h.seq = seq > (uint64_t)LLONG_MAX ? 0 : (long long)seq;
	syncid_from_bytes(buf + OFF_NETWORK, out->h.network_id);
	syncid_from_bytes(buf + OFF_DATABASE, out->h.database_id);
	status = check_fields(&out->h, x, name, err);
	if (status == SYNCFILE_OK && payload_len > 0) {
		out->payload = malloc(payload_len);
		if (!out->payload) {
			st_err_set(err, _("cannot read %s: %s"), name, strerror(ENOMEM));
			status = SYNCFILE_IO;
		} else {
			memcpy(out->payload, buf + SYNCFILE_HEADER_SIZE, payload_len);
			out->payload_len = payload_len;
		}
	}
	if (status != SYNCFILE_OK)
		memset(out, 0, sizeof *out);
	return status;
}

void syncfile_free(syncfile *f)
{
	free(f->payload);
	memset(f, 0, sizeof *f);
}

/* ---- reading a file ----------------------------------------------------------- */

/* Reads the whole regular file at path into *buf (malloc'd) and *len.
 * SYNCFILE_OK, or the refusal with err set (one too large to be a sync
 * file is damaged, and not read). */
static enum syncfile_status slurp(const char *path, unsigned char **buf, size_t *len,
				  st_err *err)
{
	struct stat sb;
	size_t got = 0;
	ssize_t n;
	int fd;

	*buf = NULL;
	/* O_NONBLOCK: opening a named pipe does not wait for a writer. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		st_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
		goto io;
	}
	if (!S_ISREG(sb.st_mode)) {
		st_err_set(err, _("cannot read %s: it is not a regular file"), path);
		goto io;
	}
	if ((uint64_t)sb.st_size > SYNCFILE_HEADER_SIZE + SYNCFILE_PAYLOAD_MAX) {
		close(fd);
		st_err_set(err, _("%s is damaged: at %llu bytes it is larger than any sync file"),
			   path, (unsigned long long)sb.st_size);
		return SYNCFILE_DAMAGED;
	}
	/* One byte more than it has: a file that grows meanwhile is read
	 * as what it is then, and its checksum decides. */
	*buf = malloc((size_t)sb.st_size + 1);
	if (!*buf) {
		st_err_set(err, _("cannot read %s: %s"), path, strerror(ENOMEM));
		goto io;
	}
	while (got < (size_t)sb.st_size + 1 &&
	       (n = read(fd, *buf + got, (size_t)sb.st_size + 1 - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			st_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
			goto io;
		}
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return SYNCFILE_OK;
io:
	if (fd >= 0)
		close(fd);
	free(*buf);
	*buf = NULL;
	return SYNCFILE_IO;
}

/* The part of path after its last "/". */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

enum syncfile_status syncfile_read(const char *path, const syncfile_expect *x, syncfile *out,
				   st_err *err)
{
	enum syncfile_status status;
	unsigned char *buf;
	char id[SYNCID_SIZE];
	long long seq;
	size_t len = 0;

	memset(out, 0, sizeof *out);
	status = slurp(path, &buf, &len, err);
	if (status != SYNCFILE_OK)
		return status;
	status = syncfile_decode(buf, len, x, path, out, err);
	free(buf);
	if (status == SYNCFILE_OK && syncfile_parse_name(base_name(path), id, &seq) &&
	    (strcmp(id, out->h.database_id) != 0 || seq != out->h.seq)) {
		st_err_set(err, _("%s is damaged: its name says it is file %lld of database %s, but "
				  "it holds file %lld of database %s"), path, seq, id, out->h.seq,
			   out->h.database_id);
		syncfile_free(out);
		status = SYNCFILE_DAMAGED;
	}
	return status;
}

/* ---- names -------------------------------------------------------------------- */

char *syncfile_name(const char *database_id, long long seq)
{
	size_t size = strlen(database_id) + 32 + sizeof SYNCFILE_SUFFIX;
	char *name = malloc(size);

	if (name)
		snprintf(name, size, "%s-%0*lld" SYNCFILE_SUFFIX, database_id, SEQ_DIGITS, seq);
	return name;
}

bool syncfile_parse_name(const char *name, char id[SYNCID_SIZE], long long *seq)
{
	const char *p = name + SYNCID_SIZE;
	char *again, *end;
	long long n;
	bool same;

	if (strlen(name) < SYNCID_SIZE + SEQ_DIGITS + sizeof SYNCFILE_SUFFIX - 1 ||
	    name[SYNCID_SIZE - 1] != '-' || *p < '0' || *p > '9')
		return false;
	memcpy(id, name, SYNCID_SIZE - 1);
	id[SYNCID_SIZE - 1] = '\0';
	errno = 0;
	n = strtoll(p, &end, 10);
	if (!syncid_valid(id) || errno != 0 || n < 1 || strcmp(end, SYNCFILE_SUFFIX) != 0)
		return false;
	/* Only the one spelling syncfile_name gives: no two names of one file. */
	again = syncfile_name(id, n);
	same = again && strcmp(again, name) == 0;
	free(again);
	if (same)
		*seq = n;
	return same;
}

/* ---- writing a file ----------------------------------------------------------- */

struct fill_ctx {
	const char *path;
	const unsigned char *header;
	const void *payload;
	size_t len;
};

static int fill_file(void *arg, FILE *out, st_err *err)
{
	const struct fill_ctx *c = arg;

	if (fwrite(c->header, 1, SYNCFILE_HEADER_SIZE, out) != SYNCFILE_HEADER_SIZE ||
	    (c->len > 0 && fwrite(c->payload, 1, c->len, out) != c->len))
		return st_err_set(err, _("cannot write %s: %s"), c->path, strerror(errno));
	return 0;
}

int syncfile_write(sqlite3 *db, const char *folder, const syncfile_header *h,
		   const void *payload, size_t len, char **path, st_err *err)
{
	unsigned char header[SYNCFILE_HEADER_SIZE];
	struct fill_ctx c = { NULL, header, payload, len };
	struct stat sb;
	char *name, *full;
	int rc;

	if (path)
		*path = NULL;
	if (syncfile_encode_header(h, payload, len, header, err) != 0)
		return -1;
	if (stat(folder, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return st_err_set(err, _("cannot write to %s: it is not a folder"), folder);
	name = syncfile_name(h->database_id, h->seq);
	full = name ? fs_join(folder, name) : NULL;
	free(name);
	if (!full)
		return st_err_set(err, "%s", _("out of memory"));
	c.path = full;
	/* One database writes its numbers one at a time (under its write
	 * lock), so nothing else makes this name between the look and the
	 * rename. */
	if (lstat(full, &sb) == 0)
		rc = st_err_set(err, _("cannot write %s: it exists already, and a sync file is "
				       "never replaced"), full);
	else
		rc = outfile_write(db, full, true, fill_file, &c, err);
	if (rc == 0 && path)
		*path = full;
	else
		free(full);
	return rc;
}

/* ---- the folder --------------------------------------------------------------- */

static int by_database_seq(const void *a, const void *b)
{
	const syncfile_entry *x = a, *y = b;
	int c = strcmp(x->database_id, y->database_id);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Adds folder/name to l as a file of id, number seq.  0, or -1 when
 * memory runs out. */
static int add_entry(syncfile_list *l, int *cap, const char *folder, const char *name,
		     const char *id, long long seq)
{
	syncfile_entry *v;

	if (l->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		v = realloc(l->v, (size_t)*cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
	}
	l->v[l->n].path = fs_join(folder, name);
	if (!l->v[l->n].path)
		return -1;
	memcpy(l->v[l->n].database_id, id, SYNCID_SIZE);
	l->v[l->n].seq = seq;
	l->n++;
	return 0;
}

int syncfile_scan(const char *folder, syncfile_list *out, st_err *err)
{
	char id[SYNCID_SIZE], *path;
	struct dirent *e;
	struct stat sb;
	long long seq;
	int cap = 0, rc = 0;
	DIR *d;

	memset(out, 0, sizeof *out);
	d = opendir(folder);
	if (!d)
		return st_err_set(err, _("cannot read the folder %s: %s"), folder, strerror(errno));
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.' || !syncfile_parse_name(e->d_name, id, &seq))
			continue;
		path = fs_join(folder, e->d_name);
		if (!path) {
			rc = -1;
			break;
		}
		/* A folder or a pipe of that name is not a file to read. */
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
			rc = add_entry(out, &cap, folder, e->d_name, id, seq);
		free(path);
	}
	closedir(d);
	if (rc != 0) {
		syncfile_list_free(out);
		return st_err_set(err, "%s", _("out of memory"));
	}
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, by_database_seq);
	return 0;
}

/* Keeps, of the files of one colleague at l->v[from..to), those after the
 * last one applied up to the first missing one (moved down to l->n);
 * counts the ones after a gap as waiting, and drops the rest (all of
 * them when skip). */
static void keep_next(syncfile_list *l, int from, int to, long long last, bool skip)
{
	long long want = last + 1;
	int i;

	for (i = from; i < to; i++) {
		if (!skip && l->v[i].seq == want) {
			l->v[l->n++] = l->v[i];
			want++;
			continue;
		}
		if (!skip && l->v[i].seq > last)
			l->waiting++;
		free(l->v[i].path);
	}
}

int syncfile_pending(sqlite3 *db, const char *folder, syncfile_list *out, st_err *err)
{
	syncid_self self;
	long long last = 0;
	bool skip;
	int i, j, all, rc = 0;

	memset(out, 0, sizeof *out);
	if (syncid_read_self(db, &self, err) != 0 || syncfile_scan(folder, out, err) != 0)
		return -1;
	all = out->n;
	out->n = 0;
	/* Kept entries move down over those already looked at, never past
	 * the ones still to come: one pass, in place. */
	for (i = 0; i < all; i = j) {
		for (j = i; j < all && strcmp(out->v[j].database_id, out->v[i].database_id) == 0; j++)
			;
		/* Its own files are not applied; after an error, nothing is kept. */
		skip = rc != 0 || strcmp(out->v[i].database_id, self.database_id) == 0;
		if (!skip)
			skip = (rc = syncid_peer_last(db, out->v[i].database_id, &last, err)) != 0;
		keep_next(out, i, j, last, skip);
	}
	if (rc != 0)
		syncfile_list_free(out);
	return rc;
}

void syncfile_list_free(syncfile_list *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof *l);
}
