/* sync.c: one network of laptops through a shared folder, or by merging
 * a database file (sync.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/sync.h"
#include "core/sync_capture.h"
#include "core/sync_changeset_check.h"
#include "core/sync_clash.h"
#include "core/sync_field_time.h"
#include "core/sync_snapshot.h"
#include "core/sync_tables.h"
#include "core/syncfile.h"

/* ---- Joining a network ---- */

static int piece_into_outbox(void *ctx, int n, const void *p, st_err *err)
{
	return sync_outbox_add(ctx, n, p, err);
}

/* Makes db a member of network_id, and puts everything it holds into its
 * outbox, in one transaction: a database is never in a network without
 * its first file to come. */
static int join_with_snapshot(sqlite3 *db, const char *network_id, st_err *err)
{
	int rc;

	if (sync_snapshot_attach(db, err) != 0)
		return -1;
	sync_capture_pause(db, true);
	rc = db_begin(db, err);
	if (rc == 0) {
		rc = syncid_join_in(db, network_id, err);
		if (rc == 0)
			rc = sync_snapshot_pieces(db, SYNC_SNAPSHOT_PIECE, piece_into_outbox, db, err);
		rc = rc == 0 ? db_commit(db, err) : (db_rollback(db), -1);
	}
	sync_capture_pause(db, false);
	sync_snapshot_detach(db);
	return rc;
}

/* The network id the folder names into id; *found false when it names
 * none yet. */
static int folder_network(const char *folder, char id[SYNCID_SIZE], bool *found, st_err *err)
{
	char *path = fs_join(folder, SYNC_NETWORK_FILE), buf[64];
	FILE *f;
	size_t len;

	*found = false;
	if (!path)
		return st_err_set(err, "%s", _("out of memory"));
	f = fopen(path, "r");
	if (!f) {
		int e = errno;

		/* The folder's path, which the facilitator gave, not the name alone. */
		if (e != ENOENT)
			st_err_set(err, _("cannot read %s: %s"), path, strerror(e));
		free(path);
		return e == ENOENT ? 0 : -1;
	}
	len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[len] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (!syncid_valid(buf)) {
		st_err_set(err, _("%s does not name a network: it should hold one id such as %s"),
			   path, "0b6e8d3c-5a41-4c2e-9f07-3d1e2a6b9c84");
		free(path);
		return -1;
	}
	free(path);
	memcpy(id, buf, SYNCID_SIZE);
	*found = true;
	return 0;
}

/* Names network_id in the folder, unless another laptop just did
 * (O_EXCL): then that one is read back. */
static int name_folder_network(const char *folder, char id[SYNCID_SIZE], st_err *err)
{
	char *path = fs_join(folder, SYNC_NETWORK_FILE), line[SYNCID_SIZE + 1];
	bool found;
	int fd, rc = 0;

	if (!path)
		return st_err_set(err, "%s", _("out of memory"));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd >= 0) {
		snprintf(line, sizeof line, "%s\n", id);
		if (fs_write_all(fd, line, strlen(line)) != 0 || fsync(fd) != 0)
			rc = st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		if (close(fd) != 0 && rc == 0)
			rc = st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		if (rc != 0)
			unlink(path);
	} else if (errno != EEXIST) {
		rc = st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
	}
	free(path);
	if (rc == 0 && fd < 0 && (folder_network(folder, id, &found, err) != 0 || !found))
		return -1;
	return rc;
}

/* The network of the folder and of db, made one: db joins the folder's,
 * or the folder is named after db's (or a new one). */
static int agree_on_network(sqlite3 *db, const char *folder, sync_report *r, st_err *err)
{
	syncid_self self;
	char net[SYNCID_SIZE];
	bool found;

	if (syncid_read_self(db, &self, err) != 0 || folder_network(folder, net, &found, err) != 0)
		return -1;
	if (found && *self.network_id && strcmp(net, self.network_id) != 0)
		return st_err_set(err, _("%s is the folder of another network than this database's: "
					 "a database syncs with the folder of its own network"),
				  folder);
	if (!found) {
		if (*self.network_id)
			memcpy(net, self.network_id, SYNCID_SIZE);
		else
			syncid_new_uuid(net);
		if (name_folder_network(folder, net, err) != 0)
			return -1;
	}
	memcpy(r->network_id, net, SYNCID_SIZE);
	if (*self.network_id)
		return 0;
	r->joined = true;
	return join_with_snapshot(db, net, err);
}

/* This database's name for itself (its facilitator), which travels. */
static int name_member(sqlite3 *db, const char *facilitator, st_err *err)
{
	syncid_self self;
	sqlite3_stmt *st;

	if (!facilitator || !*facilitator)
		return 0;
	if (syncid_read_self(db, &self, err) != 0 || db_begin(db, err) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO sync_member (database_id, facilitator, changed_at)"
			    " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
			    " ON CONFLICT (database_id) DO UPDATE SET facilitator = excluded.facilitator,"
			    " changed_at = excluded.changed_at"
			    " WHERE facilitator IS NOT excluded.facilitator", err);
	if (st) {
		sqlite3_bind_text(st, 1, self.database_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, facilitator, -1, SQLITE_STATIC);
	}
	if (!st || db_step_done(db, st, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* ---- This database's changes into the folder ---- */

/* The outbox rows of file seq (0: those given to no file yet, up to
 * row last) as one changeset (*p: sqlite3_free; *n 0 when they cancel
 * out). */
static int outbox_changeset(sqlite3 *db, long long seq, long long last, int *n, void **p,
			    st_err *err)
{
	sqlite3_changegroup *g;
	sqlite3_stmt *st;
	int rc = 0, step;

	*n = 0;
	*p = NULL;
	if (sqlite3changegroup_new(&g) != SQLITE_OK)
		return st_err_set(err, "%s", _("out of memory"));
	st = db_prepare(db, "SELECT changeset FROM sync_outbox WHERE seq IS ?1 AND id <= ?2"
			    " ORDER BY id", err);
	if (st && seq)
		sqlite3_bind_int64(st, 1, seq);
	if (st)
		sqlite3_bind_int64(st, 2, seq ? INT64_MAX : last);
	while (st && rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3changegroup_add(g, sqlite3_column_bytes(st, 0),
					   (void *)sqlite3_column_blob(st, 0)) != SQLITE_OK)
			rc = st_err_set(err, "%s", _("this database's record of its changes is damaged "
						     "(sync_outbox)"));
	if (st && rc == 0 && step != SQLITE_DONE)
		rc = db_error(db, err);
	if (st && rc == 0 && sqlite3changegroup_output(g, n, p) != SQLITE_OK)
		rc = st_err_set(err, "%s", _("out of memory"));
	sqlite3_finalize(st);
	sqlite3changegroup_delete(g);
	return st ? rc : -1;
}

/* The last outbox row given to no file yet that the next file takes:
 * rows in order, as many as fit in SYNC_FILE_BUDGET bytes, at least one
 * (0: none). */
static int next_file_rows(sqlite3 *db, long long *last, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, length(changeset) FROM sync_outbox"
					  " WHERE seq IS NULL ORDER BY id", err);
	long long size = 0;
	int rc;

	*last = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size += sqlite3_column_int64(st, 1);
		if (*last && size > SYNC_FILE_BUDGET)
			break;
		*last = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* Gives the changes given to no file yet the number of the next file
 * (*seq; 0 when there is nothing to send). */
static int assign_next_file(sqlite3 *db, long long *seq, st_err *err)
{
	long long last = 0, ids[2];
	void *p = NULL;
	int n = 0, rc;

	*seq = 0;
	if (db_begin(db, err) != 0)
		return -1;
	rc = next_file_rows(db, &last, err);
	if (rc == 0 && last)
		rc = outbox_changeset(db, 0, last, &n, &p, err);
	if (rc == 0 && last && n > 0)
		rc = sync_field_time_sent(db, p, n, err);
	sqlite3_free(p);
	if (rc == 0 && last && n == 0)
		rc = db_exec_ints(db, "DELETE FROM sync_outbox WHERE seq IS NULL AND id <= ?1", &last,
				  1, err);
	else if (rc == 0 && last && (rc = syncid_take_seq(db, seq, err)) == 0) {
		ids[0] = *seq;
		ids[1] = last;
		rc = db_exec_ints(db, "UPDATE sync_outbox SET seq = ?1 WHERE seq IS NULL AND id <= ?2",
				  ids, 2, err);
	}
	return rc == 0 ? db_commit(db, err) : (db_rollback(db), -1);
}

static long long count_changes(const void *p, int n)
{
	sqlite3_changeset_iter *it;
	long long k = 0;

	if (sqlite3changeset_start(&it, n, (void *)p) != SQLITE_OK)
		return 0;
	while (sqlite3changeset_next(it) == SQLITE_ROW)
		k++;
	sqlite3changeset_finalize(it);
	return k;
}

/* Whether the file at path is already the one to write (a sync cut off
 * after writing it and before recording so). */
static bool already_written(const char *path, const syncfile_expect *x, const void *p, int n)
{
	syncfile f;
	st_err ignored;
	bool same;

	if (syncfile_read(path, x, &f, &ignored) != SYNCFILE_OK)
		return false;
	same = f.payload_len == (size_t)n && (n == 0 || memcmp(f.payload, p, (size_t)n) == 0);
	syncfile_free(&f);
	return same;
}

/* Writes file seq into the folder, then forgets its changes here. */
static int write_file(sqlite3 *db, const char *folder, long long seq, sync_report *r,
		      st_err *err)
{
	syncid_self self;
	syncfile_header h;
	syncfile_expect x;
	char *name = NULL, *path = NULL;
	void *p = NULL;
	int n = 0, rc;
	struct stat sb;

	if (syncid_read_self(db, &self, err) != 0 || outbox_changeset(db, seq, 0, &n, &p, err) != 0)
		return -1;
	memset(&h, 0, sizeof h);
	h.schema = (uint32_t)db_schema_version();
	h.kind = SYNCFILE_KIND_CHANGESET;
	memcpy(h.network_id, self.network_id, SYNCID_SIZE);
	memcpy(h.database_id, self.database_id, SYNCID_SIZE);
	h.seq = seq;
	x.network_id = self.network_id;
	x.schema = h.schema;
	x.oldest = SYNC_OLDEST_SCHEMA;
	name = syncfile_name(self.database_id, seq);
	path = name ? fs_join(folder, name) : NULL;
	if (!path)
		rc = st_err_set(err, "%s", _("out of memory"));
	else if (lstat(path, &sb) == 0 && already_written(path, &x, p, n))
		rc = 0;
	else
		rc = syncfile_write(db, folder, &h, p, (size_t)n, NULL, err);
	if (rc == 0) {
		if (!r->written_first)
			r->written_first = seq;
		r->written_seq = seq;
		r->written_changes += count_changes(p, n);
		if ((rc = db_begin(db, err)) == 0)
			rc = db_exec_ints(db, "DELETE FROM sync_outbox WHERE seq = ?1", &seq, 1, err) == 0
				     ? db_commit(db, err) : (db_rollback(db), -1);
	}
	sqlite3_free(p);
	free(name);
	free(path);
	return rc;
}

/* Every change of this database not yet in the folder goes there: first
 * a file numbered but not written (a sync cut off), then the rest. */
static int send_changes(sqlite3 *db, const char *folder, sync_report *r, st_err *err)
{
	long long seq;

	sync_capture_pause(db, true);
	for (;;) {
		if (db_query_int(db, "SELECT coalesce(min(seq), 0) FROM sync_outbox", NULL, 0, &seq,
				 err) != 0)
			break;
		if (seq == 0 && assign_next_file(db, &seq, err) != 0)
			break;
		if (seq == 0 && db_query_int(db, "SELECT count(*) FROM sync_outbox", NULL, 0, &seq,
					      err) == 0 && seq > 0) {
			seq = 0;        /* changes that cancelled out: the rest */
			continue;
		}
		if (seq == 0) {
			sync_capture_pause(db, false);
			return 0;
		}
		if (write_file(db, folder, seq, r, err) != 0)
			break;
	}
	sync_capture_pause(db, false);
	return -1;
}

/* ---- Colleagues' changes into this database ---- */

static sync_from *from_of(sync_report *r, const char *database_id)
{
	sync_from *f;
	int i;

	for (i = 0; i < r->nfrom; i++)
		if (strcmp(r->from[i].database_id, database_id) == 0)
			return &r->from[i];
	f = realloc(r->from, (size_t)(r->nfrom + 1) * sizeof *f);
	if (!f)
		return NULL;
	r->from = f;
	f = &r->from[r->nfrom++];
	memset(f, 0, sizeof *f);
	memcpy(f->database_id, database_id, SYNCID_SIZE);
	return f;
}

static void add_counts(sync_from *from, const sync_counts *c)
{
	int i;

	from->files++;
	for (i = 0; i < SYNC_WHAT_COUNT; i++)
		from->counts.n[i] += c->n[i];
	from->counts.decisions += c->decisions;
}

static void refuse(sync_report *r, const char *msg)
{
	char **v = realloc(r->refused, (size_t)(r->nrefused + 1) * sizeof *v);

	if (!v)
		return;
	r->refused = v;
	v[r->nrefused] = strdup(msg);
	if (v[r->nrefused])
		r->nrefused++;
}

static int log_applied(sqlite3 *db, const syncfile_header *h, const sync_counts *c,
		       st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO sync_log (at, database_id, seq, notes, tags,"
					  " checkins, people, other) VALUES (strftime('%Y-%m-%d"
					  " %H:%M:%S', 'now', 'localtime'), ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				      err);
	int i;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, h->database_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, h->seq);
	for (i = 0; i < SYNC_WHAT_COUNT; i++)
		sqlite3_bind_int64(st, 3 + i, c->n[i]);
	return db_step_done(db, st, err);
}

/* Applies one sound file in a transaction of its own, recorded as
 * applied in it.  *skipped: another stemtui applied it meanwhile.
 * *waits (when strict): it changes rows that are not here and have no
 * tombstone, or makes rows point at such rows: rows another colleague's
 * file not applied yet may bring (its changes are not applied). */
static int apply_file(sqlite3 *db, const syncfile *f, bool strict, sync_counts *c,
		      bool *skipped, bool *waits, st_err *err)
{
	long long last;
	int rc;

	*skipped = *waits = false;
	sync_capture_pause(db, true);
	rc = db_begin(db, err);
	if (rc == 0) {
		rc = syncid_peer_last(db, f->h.database_id, &last, err);
		if (rc == 0 && last >= f->h.seq)
			*skipped = true;
		else if (rc == 0)
			rc = sync_apply_in(db, f->payload, f->payload_len, c, err);
		*waits = rc == 0 && !*skipped && strict && c->absent > 0;
		if (rc == 0 && !*skipped && !*waits &&
		    (rc = syncid_peer_applied(db, f->h.database_id, f->h.seq, err)) == 0)
			rc = log_applied(db, &f->h, c, err);
		rc = rc == 0 && !*skipped && !*waits ? db_commit(db, err) : (db_rollback(db), rc);
	}
	sync_capture_pause(db, false);
	return rc;
}

/* How taking a file went. */
enum taken { TAKEN, WAITS, REFUSED };

/* Reads, checks and applies one file of the folder (strict:
 * apply_file); *absent: how many of its changes wait for rows. */
static enum taken take_file(sqlite3 *db, const syncfile_entry *e, const syncfile_expect *x,
			    bool strict, sync_report *r, long long *absent)
{
	syncfile f;
	sync_counts c;
	sync_from *from;
	st_err err;
	bool skipped, waits = false;
	int rc = -1;

	memset(&c, 0, sizeof c);
	if (syncfile_read(e->path, x, &f, &err) != SYNCFILE_OK) {
		refuse(r, err.msg);
		return REFUSED;
	}
	if (sync_changeset_check(db, f.payload, f.payload_len, e->path, &err) != 0) {
		refuse(r, err.msg);
	} else if ((rc = apply_file(db, &f, strict, &c, &skipped, &waits, &err)) != 0) {
		char msg[sizeof err.msg + 256];

		snprintf(msg, sizeof msg, _("%s was not applied: %s"), e->path, err.msg);
		refuse(r, msg);
	} else if (!skipped && !waits && (from = from_of(r, f.h.database_id)) != NULL) {
		add_counts(from, &c);
	}
	syncfile_free(&f);
	*absent = c.absent;
	return rc != 0 ? REFUSED : waits ? WAITS : TAKEN;
}

enum file_state { PENDING, DONE, HELD };

/* File i of l takes its turn: the files of one database in order, none
 * after one not done. */
static bool turn_of(const syncfile_list *l, const char *state, int i)
{
	return state[i] == PENDING && (i == 0 || state[i - 1] == DONE ||
				       strcmp(l->v[i - 1].database_id, l->v[i].database_id) != 0);
}

/* Takes file i; a file refused holds back the later files of its
 * database (they build on it).  Whether it was done or held. */
static bool take_turn(sqlite3 *db, const syncfile_list *l, int i, const syncfile_expect *x,
		      bool strict, char *state, sync_report *r, long long *absent)
{
	int j;

	switch (take_file(db, &l->v[i], x, strict, r, &absent[i])) {
	case TAKEN:
		state[i] = DONE;
		return true;
	case WAITS:
		return false;
	case REFUSED:
		break;
	}
	for (j = i; j < l->n && strcmp(l->v[j].database_id, l->v[i].database_id) == 0; j++) {
		state[j] = HELD;
		r->waiting += j > i;
	}
	return true;
}

/* Whether waiting file a was written before b (by the time the folder
 * gives it; the same time: the one waiting for fewer rows).  A file can
 * wait only for files written before it: the first written of those
 * that wait waits for rows no file left brings. */
static bool written_before(const syncfile_entry *a, const syncfile_entry *b, long long absent_a,
			   long long absent_b)
{
	struct stat sa, sb;

	if (stat(a->path, &sa) == 0 && stat(b->path, &sb) == 0) {
		if (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec)
			return sa.st_mtim.tv_sec < sb.st_mtim.tv_sec;
		if (sa.st_mtim.tv_nsec != sb.st_mtim.tv_nsec)
			return sa.st_mtim.tv_nsec < sb.st_mtim.tv_nsec;
	}
	return absent_a < absent_b;
}

/* The files of every colleague not applied yet.  A file written after
 * its writer applied another colleague's file may change rows that one
 * brings (a note's edit, a tag's removal): it waits until no other
 * file can go, so that the files are applied in an order their writers
 * could have made; when every file left waits, the first written of
 * them goes as it is (the rows it changes were erased here: no file
 * left can bring them), and the others try again. */
static int take_files(sqlite3 *db, const char *folder, const st_progress *progress,
		      sync_report *r, st_err *err)
{
	syncid_self self;
	syncfile_list l;
	syncfile_expect x;
	char *state;
	long long *absent;
	int i, done = 0, fewest;
	bool moved;

	if (syncid_read_self(db, &self, err) != 0 || syncfile_pending(db, folder, &l, err) != 0)
		return -1;
	x.network_id = self.network_id;
	x.schema = (uint32_t)db_schema_version();
	x.oldest = SYNC_OLDEST_SCHEMA;
	r->waiting = l.waiting;
	state = calloc((size_t)l.n + 1, 1);
	absent = calloc((size_t)l.n + 1, sizeof *absent);
	if (!state || !absent) {
		free(state);
		free(absent);
		syncfile_list_free(&l);
		return st_err_set(err, "%s", _("out of memory"));
	}
	do {
		moved = false;
		fewest = -1;
		for (i = 0; i < l.n; i++) {
			if (!turn_of(&l, state, i))
				continue;
			if (take_turn(db, &l, i, &x, true, state, r, absent))
				moved = true;
			else if (fewest < 0 || written_before(&l.v[i], &l.v[fewest], absent[i],
							      absent[fewest]))
				fewest = i;
		}
		if (!moved && fewest >= 0)
			moved = take_turn(db, &l, fewest, &x, false, state, r, absent);
		for (i = done = 0; i < l.n; i++)
			done += state[i] != PENDING;
		if (progress && progress->report && moved)
			progress->report(progress->ctx, done, l.n);
	} while (moved);
	free(state);
	free(absent);
	syncfile_list_free(&l);
	return 0;
}

/* The colleagues' names, the time of this sync, the decisions waiting. */
static int finish_report(sqlite3 *db, sync_report *r, bool stamp, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT facilitator FROM sync_member WHERE database_id = ?1",
				      err);
	long long added = 0;
	int i;

	for (i = 0; st && i < r->nfrom; i++) {
		sqlite3_bind_text(st, 1, r->from[i].database_id, -1, SQLITE_STATIC);
		r->from[i].facilitator = strdup(sqlite3_step(st) == SQLITE_ROW
			? (const char *)sqlite3_column_text(st, 0) : "");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (!st)
		return -1;
	/* This laptop's own edits may have freed a value a row gave way
	 * for: settled as the colleagues settle them when the edits come in
	 * (sync_clash.h), not recorded, since each of them does the same. */
	sync_capture_pause(db, true);
	i = stamp ? db_begin(db, err) : 0;
	if (i == 0 && stamp)
		i = sync_clash_settle(db, &added, err) == 0 &&
		    db_exec_ints(db, "UPDATE sync_self SET last_sync = strftime('%Y-%m-%d %H:%M:%S',"
				 " 'now', 'localtime')", NULL, 0, err) == 0
			? db_commit(db, err) : (db_rollback(db), -1);
	sync_capture_pause(db, false);
	return i == 0 ? db_query_int(db, "SELECT count(*) FROM sync_decision", NULL, 0,
				     &r->decisions, err) : -1;
}

int sync_folder(sqlite3 *db, const char *folder, const char *facilitator,
		const st_progress *progress, sync_report *report, st_err *err)
{
	struct stat sb;

	memset(report, 0, sizeof *report);
	if (stat(folder, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return st_err_set(err, _("%s is not a folder: give the folder you share with the "
					 "other facilitators"), folder);
	if (agree_on_network(db, folder, report, err) != 0 ||
	    name_member(db, facilitator, err) != 0 ||
	    send_changes(db, folder, report, err) != 0 ||
	    take_files(db, folder, progress, report, err) != 0)
		return -1;
	return finish_report(db, report, true, err);
}

void sync_report_free(sync_report *r)
{
	int i;

	for (i = 0; i < r->nfrom; i++)
		free(r->from[i].facilitator);
	for (i = 0; i < r->nrefused; i++)
		free(r->refused[i]);
	free(r->from);
	free(r->refused);
	memset(r, 0, sizeof *r);
}

/* ---- Merging a database file ---- */

/* The files SQLite keeps beside a database in WAL mode. */
static const char *const beside[] = { "-wal", "-shm" };

/* Which of them are beside path now (bit i: beside[i]). */
static int files_beside(const char *path)
{
	char side[4200];
	int i, there = 0;

	for (i = 0; i < 2; i++) {
		snprintf(side, sizeof side, "%s%s", path, beside[i]);
		if (access(side, F_OK) == 0)
			there |= 1 << i;
	}
	return there;
}

/* Removes those of them that reading path made (not in there): a
 * read-only connection to a database in WAL mode makes them and cannot
 * take them away, and OTHER is left as it was. */
static void remove_made_beside(const char *path, int there)
{
	char side[4200];
	int i;

	for (i = 0; i < 2; i++) {
		snprintf(side, sizeof side, "%s%s", path, beside[i]);
		if (!(there & 1 << i))
			unlink(side);
	}
}

/* A private copy of the database at path (read through SQLite, so a
 * database in WAL mode is read whole), opened and brought to this
 * stemtui's schema: *copy_path names it, for unlink_copy. */
static int open_copy(const char *db_dir, const char *path, sqlite3 **out, char *copy_path,
		     size_t size, st_err *err)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b = NULL;
	int fd, rc = -1, step = SQLITE_ERROR, there = files_beside(path);
	struct stat sb;
	bool created;

	*out = NULL;
	*copy_path = '\0';
	if (access(path, R_OK) != 0 || stat(path, &sb) != 0)
		return st_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return st_err_set(err, _("cannot read %s: it is not a regular file"), path);
	if (fs_temp_template(copy_path, size, db_dir, ".stemtui-merge-") != 0 ||
	    (fd = mkstemp(copy_path)) < 0) {
		*copy_path = '\0';
		return st_err_set(err, _("cannot make a copy of %s in %s: %s"), path, db_dir,
				  strerror(errno));
	}
	close(fd);
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_open_v2(copy_path, &dst, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    (b = sqlite3_backup_init(dst, "main", src, "main")) != NULL) {
		step = sqlite3_backup_step(b, -1);
		rc = step == SQLITE_DONE ? 0 : -1;
		sqlite3_backup_finish(b);
	}
	/* The backup's error is the step's: src's handle says "not an error". */
	if (rc != 0 && (step & 0xff) == SQLITE_NOTADB)
		st_err_set(err, _("%s is not a stemtui database (not an SQLite file)"), path);
	else if (rc != 0)
		st_err_set(err, _("cannot read %s: %s"), path,
			   b ? sqlite3_errstr(step) : sqlite3_errmsg(src ? src : dst));
	sqlite3_close(src);
	remove_made_beside(path, there);
	sqlite3_close(dst);
	if (rc == 0 && db_open(copy_path, out, &created, err) != DB_OPEN_OK)
		rc = -1;
	if (rc == 0 && created) {
		rc = st_err_set(err, _("%s is not a stemtui database"), path);
	}
	return rc;
}

static void unlink_copy(sqlite3 *copy, const char *copy_path)
{
	char side[4200];

	db_close(copy);
	if (!*copy_path)
		return;
	unlink(copy_path);
	snprintf(side, sizeof side, "%s-wal", copy_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", copy_path);
	unlink(side);
}

/* The two databases in one network: the one they share, or the one
 * either has (the other joins it), or a new one. */
static int same_network(sqlite3 *db, sqlite3 *other, const char *path, sync_report *r,
			st_err *err)
{
	syncid_self mine, theirs;

	if (syncid_read_self(db, &mine, err) != 0 || syncid_read_self(other, &theirs, err) != 0)
		return -1;
	if (strcmp(mine.database_id, theirs.database_id) == 0)
		return st_err_set(err, _("%s is this database itself (or a copy of it): there is "
					 "nothing to merge"), path);
	if (*mine.network_id && *theirs.network_id && strcmp(mine.network_id, theirs.network_id))
		return st_err_set(err, _("%s belongs to another network than this database: "
					 "databases of two networks cannot be merged"), path);
	if (*mine.network_id)
		memcpy(r->network_id, mine.network_id, SYNCID_SIZE);
	else if (*theirs.network_id)
		memcpy(r->network_id, theirs.network_id, SYNCID_SIZE);
	else
		syncid_new_uuid(r->network_id);
	if (!*mine.network_id) {
		r->joined = true;
		if (join_with_snapshot(db, r->network_id, err) != 0)
			return -1;
	}
	return *theirs.network_id ? 0 : syncid_join(other, r->network_id, err);
}

/* Where the pieces of a colleague's database go. */
typedef struct merge_into {
	sqlite3 *db;
	const char *name;       /* the colleague's file, for messages */
	sync_counts counts;
} merge_into;

static int apply_piece(void *ctx, int n, const void *p, st_err *err)
{
	merge_into *m = ctx;

	if (sync_changeset_check(m->db, p, (size_t)n, m->name, err) != 0)
		return -1;
	return sync_apply_in(m->db, p, (size_t)n, &m->counts, err);
}

/* Everything of other applied here in one transaction, a piece at a time
 * (sync_snapshot.h), recorded as this database's own changes (they travel
 * on with its next sync).  other is a private copy: its transaction only
 * reads, and is rolled back. */
static int bring_in(sqlite3 *db, sqlite3 *other, const char *name, sync_report *r, st_err *err)
{
	syncid_self theirs;
	merge_into m;
	sync_from *from;
	int rc;

	memset(&m, 0, sizeof m);
	m.db = db;
	m.name = name;
	if (syncid_read_self(other, &theirs, err) != 0 || sync_snapshot_attach(other, err) != 0)
		return -1;
	rc = db_begin(other, err);
	if (rc == 0 && (rc = db_begin(db, err)) == 0) {
		rc = sync_snapshot_pieces(other, SYNC_SNAPSHOT_PIECE, apply_piece, &m, err);
		rc = rc == 0 ? db_commit(db, err) : (db_rollback(db), -1);
	}
	db_rollback(other);
	sync_snapshot_detach(other);
	if (rc == 0 && (from = from_of(r, theirs.database_id)) != NULL)
		add_counts(from, &m.counts);
	return rc;
}

int sync_merge(sqlite3 *db, const char *other_path, sync_report *report, st_err *err)
{
	char *dir = fs_dirname(sqlite3_db_filename(db, "main")), copy_path[4096];
	sqlite3 *other = NULL;
	int rc;

	memset(report, 0, sizeof *report);
	if (!dir)
		return st_err_set(err, "%s", _("out of memory"));
	rc = open_copy(dir, other_path, &other, copy_path, sizeof copy_path, err);
	free(dir);
	if (rc == 0)
		rc = same_network(db, other, other_path, report, err);
	if (rc == 0)
		rc = bring_in(db, other, other_path, report, err);
	unlink_copy(other, copy_path);
	if (rc == 0)
		rc = finish_report(db, report, false, err);
	return rc;
}
