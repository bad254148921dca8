/* pending.c: see pending.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/attendance.h"
#include "core/coaching.h"
#include "core/codebook.h"
#include "core/db.h"
#include "core/drafts.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/notes.h"
#include "core/organisation.h"
#include "core/pending.h"
#include "core/people.h"
#include "core/person_merge.h"
#include "core/state.h"
#include "core/tags.h"

#define JOURNAL_HEADER "stemtui pending writes 1\n"
#define JOURNAL_INFIX "-pending-"

static const char *str(const pending_write *w, int i)
{
	return w->s[i] ? w->s[i] : "";
}

void pending_write_clear(pending_write *w)
{
	int i;

	for (i = 0; i < PW_STRS; i++)
		free(w->s[i]);
	free(w->what);
	memset(w, 0, sizeof *w);
}

void pending_write_id(pending_write *w, int i, long long id)
{
	w->n[i] = id < 0 ? -id : id;
	if (id < 0)
		w->refs |= 1u << i;
	else
		w->refs &= ~(1u << i);
}

int pending_write_text(pending_write *w, int i, const char *text)
{
	char *copy = text ? strdup(text) : NULL;

	if (text && !copy)
		return -1;
	free(w->s[i]);
	w->s[i] = copy;
	return 0;
}

/* ---- carrying one out ------------------------------------------------------- */

static int apply_checkin(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	return attendance_set_at(db, w->n[0], w->n[1], (enum att_status)w->n[2], str(w, 0), err);
}

/* *made: the person the undo or redo concerned, 0 when there was none. */
static int apply_replay(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	long long who = 0;
	int rc = (w->kind == PW_REDO ? attendance_redo : attendance_undo)(db, w->n[0], &who, err);

	*made = rc > 0 ? who : 0;
	return rc < 0 ? -1 : 0;
}

static int apply_tag(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	/* s[0]: the coder, who tagged. */
	if (w->n[2] == PW_UNTAG)
		return tag_remove(db, w->n[0], w->n[1], str(w, 0), err);
	return tag_set(db, w->n[0], w->n[1], (int)w->n[2], str(w, 0), err);
}

static int apply_note(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	/* note_add and note_update only read the strings. */
	st_note n = {
		.id = w->n[0], .session_id = w->n[1], .about_person_id = w->n[2],
		.about_org_id = w->n[3], .kind = (char *)str(w, 0), .body = (char *)str(w, 1),
		.group_label = (char *)str(w, 2), .author = (char *)str(w, 3),
		.created_at = w->s[4] && *w->s[4] ? w->s[4] : NULL,
	};

	st_err ignored;
	int rc = n.id ? note_update(db, &n, err) : note_add(db, &n, err);

	if (rc != 0)
		return -1;
	*made = n.id;
	/* The draft it was typed in is obsolete now.  A draft saved for that
	 * key after Enter comes after this write (writes.h), so none newer
	 * goes; one that stays is only offered back. */
	if (*str(w, 5))
		draft_delete(db, str(w, 5), &ignored);
	return 0;
}

static int apply_trash(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	return (w->kind == PW_RESTORE ? note_restore : note_delete)(db, w->n[0], err);
}

static int apply_draft(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	st_draft d = { (char *)str(w, 0), (char *)str(w, 1), (char *)str(w, 2), (char *)str(w, 3),
		       NULL };

	(void)made;
	return draft_save(db, &d, err);
}

/* The person and the school they belong to, found by name or made, in one
 * transaction: a newcomer's new school is not left behind without them. */
static int apply_person(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	st_person p = {
		.id = w->n[0], .first_name = (char *)str(w, 0), .last_name = (char *)str(w, 1),
		.role = (char *)str(w, 2), .email = (char *)str(w, 4), .focus = (char *)str(w, 5),
	};
	int rc = db_begin(db, err);

	if (rc == 0 && *str(w, 3) && org_find(db, NULL, str(w, 3), &p.organisation_id, err) == 0)
		rc = org_find_or_create(db, "school", str(w, 3), "", "", "", &p.organisation_id, err);
	if (rc == 0)
		rc = person_save_in_tx(db, &p, err);
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) != 0)
		return -1;
	*made = p.id;
	return 0;
}

static int apply_person_delete(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	return person_delete(db, w->n[0], w->n[1] != 0, err);
}

static int apply_person_merge(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	person_merge_impact m;

	if (person_merge(db, w->n[0], w->n[1], &m, err) != 0)
		return -1;
	*made = m.keep;
	return 0;
}

static int apply_org(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	st_organisation o = {
		.id = w->n[0], .kind = (char *)str(w, 0), .name = (char *)str(w, 1),
		.network = (char *)str(w, 2), .street = (char *)str(w, 3),
		.postcode = (char *)str(w, 4), .city = (char *)str(w, 5),
	};

	if (org_save(db, &o, err) != 0)
		return -1;
	*made = o.id;
	return 0;
}

static int apply_org_delete(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	return org_delete(db, w->n[0], err);
}

static int apply_coach(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	return (w->kind == PW_UNCOACH ? coaching_unlink : coaching_link)(db, w->n[0], w->n[1], err);
}

static int apply_factor(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	st_factor f = {
		.id = w->n[0], .parent_id = w->n[1], .code = (char *)str(w, 0),
		.name = (char *)str(w, 1), .definition = (char *)str(w, 2),
		.inclusion = (char *)str(w, 3), .exclusion = (char *)str(w, 4),
		.colour = (char *)str(w, 5), .memo = (char *)str(w, 6),
	};

	if (factor_save(db, &f, err) != 0)
		return -1;
	*made = f.id;
	return 0;
}

static int apply_factor_move(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	return factor_move(db, w->n[0], w->n[1], err);
}

static int apply_factor_merge(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	return factor_merge(db, w->n[0], w->n[1], (int)w->n[2], err);
}

static int apply_factor_delete(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	return factor_delete(db, w->n[0], w->n[1], w->n[2] != 0, (int)w->n[3], err);
}

static int apply_state(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	(void)made;
	return state_set(db, str(w, 0), str(w, 1), err);
}

/* Each kind: its name in the journal and how it is carried out. */
static const struct pending_kind_info {
	const char *name;
	int (*apply)(sqlite3 *db, const pending_write *w, long long *made, st_err *err);
} kinds[PW_KINDS] = {
	[PW_CHECKIN] = { "checkin", apply_checkin },
	[PW_UNDO] = { "undo", apply_replay },
	[PW_REDO] = { "redo", apply_replay },
	[PW_TAG] = { "tag", apply_tag },
	[PW_NOTE] = { "note", apply_note },
	[PW_TRASH] = { "trash", apply_trash },
	[PW_RESTORE] = { "restore", apply_trash },
	[PW_DRAFT] = { "draft", apply_draft },
	[PW_PERSON] = { "person", apply_person },
	[PW_PERSON_DELETE] = { "person-delete", apply_person_delete },
	[PW_ORG] = { "organisation", apply_org },
	[PW_ORG_DELETE] = { "organisation-delete", apply_org_delete },
	[PW_COACH] = { "coach", apply_coach },
	[PW_UNCOACH] = { "uncoach", apply_coach },
	[PW_FACTOR] = { "factor", apply_factor },
	[PW_FACTOR_MOVE] = { "factor-move", apply_factor_move },
	[PW_FACTOR_MERGE] = { "factor-merge", apply_factor_merge },
	[PW_FACTOR_DELETE] = { "factor-delete", apply_factor_delete },
	[PW_STATE] = { "state", apply_state },
	[PW_PERSON_MERGE] = { "person-merge", apply_person_merge },
};

int pending_apply(sqlite3 *db, const pending_write *w, long long *made, st_err *err)
{
	long long id = 0;

	if (w->kind < 0 || w->kind >= PW_KINDS)
		return st_err_set(err, _("unknown kind of change %d"), (int)w->kind);
	if (w->refs)
		return st_err_set(err, "%s", _("it belongs to a change that could not be saved"));
	if (kinds[w->kind].apply(db, w, &id, err) != 0)
		return -1;
	if (made)
		*made = id;
	return 0;
}

/* ---- the journal ------------------------------------------------------------ */

/* A growing line of text. */
struct line {
	char *buf;
	size_t len, cap;
	bool failed;     /* memory ran out */
};

/* Appends n bytes of s to l. */
static void line_add(struct line *l, const char *s, size_t n)
{
	char *grown;

	if (l->failed)
		return;
	if (l->len + n + 1 > l->cap) {
		grown = realloc(l->buf, (l->len + n + 1) * 2);
		if (!grown) {
			l->failed = true;
			return;
		}
		l->buf = grown;
		l->cap = (l->len + n + 1) * 2;
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
	l->buf[l->len] = '\0';
}

/* Appends a tab and s, with tab, line break, carriage return and
 * backslash escaped: a field of one line. */
static void line_field(struct line *l, const char *s)
{
	line_add(l, "\t", 1);
	for (; *s; s++) {
		const char *esc = *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r"
				  : *s == '\\' ? "\\\\" : NULL;
		line_add(l, esc ? esc : s, esc ? 2 : 1);
	}
}

/* The journal line of w: "keep SEQ KIND REFS N0..N3 WHAT S0..S6", tab
 * separated.  Caller frees; NULL when memory runs out. */
static char *keep_line(const pending_write *w)
{
	struct line l = { 0 };
	char head[256];
	int i;

	snprintf(head, sizeof head, "keep\t%lld\t%s\t%u\t%lld\t%lld\t%lld\t%lld", w->seq,
		 kinds[w->kind].name, w->refs, w->n[0], w->n[1], w->n[2], w->n[3]);
	line_add(&l, head, strlen(head));
	line_field(&l, w->what ? w->what : "");
	for (i = 0; i < PW_STRS; i++)
		line_field(&l, str(w, i));
	line_add(&l, "\n", 1);
	if (l.failed) {
		free(l.buf);
		return NULL;
	}
	return l.buf;
}

/* Undoes line_field's escapes in place. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*out++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

static int kind_named(const char *name)
{
	int k;

	for (k = 0; k < PW_KINDS; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}

/* Reads a "keep" line (without "keep\t") into w; -1 when it is not one
 * (a line cut short by a crash, a kind from a newer stemtui). */
static int parse_keep(char *text, pending_write *w)
{
	char *field[6 + PW_NUMS + PW_STRS], *p = text;
	int nf = 0, i, kind;

	memset(w, 0, sizeof *w);
	while (nf < (int)(sizeof field / sizeof field[0])) {
		field[nf++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = '\0';
	}
	/* seq, kind, refs, the numbers, what, the strings */
	if (nf != 4 + PW_NUMS + PW_STRS || (kind = kind_named(field[1])) < 0)
		return -1;
	w->kind = (enum pending_kind)kind;
	w->seq = atoll(field[0]);
	w->refs = (unsigned)strtoul(field[2], NULL, 10);
	for (i = 0; i < PW_NUMS; i++)
		w->n[i] = atoll(field[3 + i]);
	unescape(field[3 + PW_NUMS]);
	w->what = strdup(field[3 + PW_NUMS]);
	for (i = 0; i < PW_STRS; i++) {
		unescape(field[4 + PW_NUMS + i]);
		w->s[i] = strdup(field[4 + PW_NUMS + i]);
		if (!w->s[i]) {
			pending_write_clear(w);
			return -1;
		}
	}
	return 0;
}

/* Writes all of text to fd and makes it durable; -1 with errno. */
static int write_durably(int fd, const char *text)
{
	if (fs_write_all(fd, text, strlen(text)) != 0)
		return -1;
#if HAVE_DECL_FDATASYNC
	return fdatasync(fd);
#else
	return fsync(fd);   /* macOS declares no fdatasync */
#endif
}

/* Makes this queue's journal, locked, with its header.  The lock waits:
 * between mkstemp and flock another program's pending_adopt may hold the
 * new, empty file for a moment, and leaves it as it found it. */
static int open_journal(pending_queue *q, st_err *err)
{
	size_t n = strlen(q->db_path) + sizeof JOURNAL_INFIX + 6;
	char *path = malloc(n);
	int fd;

	if (!path)
		return st_err_set(err, "%s", _("out of memory"));
	snprintf(path, n, "%s" JOURNAL_INFIX "XXXXXX", q->db_path);
	fd = mkstemp(path);
	if (fd < 0 || flock(fd, LOCK_EX) != 0 || write_durably(fd, JOURNAL_HEADER) != 0) {
		st_err_set(err, _("cannot keep the changes in %s: %s"), path, strerror(errno));
		if (fd >= 0) {
			unlink(path);
			close(fd);
		}
		free(path);
		return -1;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	q->journal = path;
	q->fd = fd;
	return 0;
}

/* Adds text to the journal (made when there is none yet). */
static int journal_add(pending_queue *q, const char *text, st_err *err)
{
	if (q->fd < 0 && open_journal(q, err) != 0)
		return -1;
	if (write_durably(q->fd, text) != 0)
		return st_err_set(err, _("cannot keep the changes in %s: %s"), q->journal,
				  strerror(errno));
	return 0;
}

/* Nothing is pending: the journal goes. */
static void journal_drop(pending_queue *q)
{
	if (q->fd < 0)
		return;
	unlink(q->journal);
	close(q->fd);
	q->fd = -1;
	free(q->journal);
	q->journal = NULL;
}

/* ---- the queue -------------------------------------------------------------- */

int pending_init(pending_queue *q, const char *db_path, st_err *err)
{
	memset(q, 0, sizeof *q);
	q->fd = -1;
	q->db_path = strdup(db_path);
	if (!q->db_path)
		return st_err_set(err, "%s", _("out of memory"));
	return 0;
}

void pending_free(pending_queue *q)
{
	int i;

	if (q->n == 0)
		journal_drop(q);
	else if (q->fd >= 0)
		close(q->fd);   /* its lock goes with it: the next start takes them */
	for (i = 0; i < q->n; i++)
		pending_write_clear(&q->w[i]);
	free(q->w);
	free(q->made);
	free(q->journal);
	free(q->db_path);
	memset(q, 0, sizeof *q);
	q->fd = -1;
}

long long pending_made_id(const pending_queue *q, long long seq)
{
	int i;

	for (i = 0; i < q->nmade; i++)
		if (q->made[i].seq == seq)
			return q->made[i].id;
	return 0;
}

static bool is_pending(const pending_queue *q, long long seq)
{
	int i;

	for (i = 0; i < q->n; i++)
		if (q->w[i].seq == seq)
			return true;
	return false;
}

bool pending_resolve(const pending_queue *q, pending_write *w)
{
	long long id;
	int i;

	for (i = 0; i < PW_NUMS; i++) {
		if (!(w->refs & (1u << i)))
			continue;
		if ((id = pending_made_id(q, w->n[i])) > 0)
			pending_write_id(w, i, id);
		else if (!is_pending(q, w->n[i]))
			return false;
	}
	return true;
}

/* Remembers that write seq made id, and puts id in the writes that wait
 * for it. */
static void record_made(pending_queue *q, long long seq, long long id)
{
	struct pending_made *grown;
	int i;

	if (id <= 0)
		return;
	if (q->nmade == q->capmade) {
		grown = realloc(q->made, (size_t)(q->capmade * 2 + 8) * sizeof *grown);
		if (!grown)
			return;
		q->made = grown;
		q->capmade = q->capmade * 2 + 8;
	}
	q->made[q->nmade++] = (struct pending_made){ seq, id };
	for (i = 0; i < q->n; i++)
		pending_resolve(q, &q->w[i]);
}

/* Appends w to the queue in memory (taking it over). */
static int queue_add(pending_queue *q, pending_write *w)
{
	pending_write *grown;

	if (q->n == q->cap) {
		grown = realloc(q->w, (size_t)(q->cap * 2 + 8) * sizeof *grown);
		if (!grown)
			return -1;
		q->w = grown;
		q->cap = q->cap * 2 + 8;
	}
	q->w[q->n++] = *w;
	memset(w, 0, sizeof *w);
	return 0;
}

int pending_keep(pending_queue *q, pending_write *w, long long *seq, st_err *err)
{
	char *line;
	int rc;

	pending_resolve(q, w);
	w->seq = ++q->last_seq;
	if (seq)
		*seq = w->seq;
	line = keep_line(w);
	rc = line ? journal_add(q, line, err) : st_err_set(err, "%s", _("out of memory"));
	free(line);
	if (queue_add(q, w) != 0) {
		pending_write_clear(w);
		return st_err_set(err, "%s", _("out of memory"));
	}
	return rc;
}

/* The first write is done (applied, or dropped): out of the queue and,
 * with the id it made, marked done in the journal. */
static void done_first(pending_queue *q, long long made)
{
	char line[64];
	st_err err;
	long long seq = q->w[0].seq;

	pending_write_clear(&q->w[0]);
	memmove(q->w, q->w + 1, (size_t)(q->n - 1) * sizeof *q->w);
	q->n--;
	record_made(q, seq, made);
	if (q->n == 0) {
		journal_drop(q);
		return;
	}
	snprintf(line, sizeof line, "done\t%lld\t%lld\n", seq, made);
	journal_add(q, line, &err);
}

int pending_flush(pending_queue *q, sqlite3 *db, int wait_ms,
		  void (*failed)(void *ctx, const pending_write *w, const char *why), void *ctx)
{
	long long made;
	st_err err;
	int applied = 0, rc;

	db_set_wait(db, wait_ms);
	while (q->n > 0) {
		made = 0;
		rc = pending_apply(db, &q->w[0], &made, &err);
		if (rc != 0 && db_busy(db))
			break;
		if (rc != 0 && failed)
			failed(ctx, &q->w[0], err.msg);
		applied += rc == 0;
		done_first(q, rc == 0 ? made : 0);
	}
	db_set_wait(db, -1);
	return applied;
}

const pending_write *pending_last(const pending_queue *q, enum pending_kind kind, long long n0,
				  bool n0_ref, long long n1)
{
	int i;

	for (i = q->n - 1; i >= 0; i--) {
		const pending_write *w = &q->w[i];
		if (w->kind == kind && w->n[0] == n0 && !(w->refs & 1u) == !n0_ref && w->n[1] == n1)
			return w;
	}
	return NULL;
}

/* ---- journals left behind ---------------------------------------------------- */

/* A write read from a journal left behind. */
struct old_write {
	pending_write w;         /* (moved into the queue when taken) */
	long long seq;           /* its number in the old journal */
	bool done;               /* applied before its program ended */
	long long made;          /* the id it made then */
	long long new_seq;       /* its number in the queue taking it over */
};

static struct old_write *old_write_of(struct old_write *old, int n, long long seq)
{
	int i;

	for (i = 0; i < n; i++)
		if (old[i].seq == seq)
			return &old[i];
	return NULL;
}

/* Reads the journal f: every write kept, and which were applied.  Returns
 * how many, into *out (caller frees each write and the array). */
static int read_journal(FILE *f, struct old_write **out)
{
	struct old_write *old = NULL, *grown, *o;
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;
	long long seq, id;
	int n = 0;

	*out = NULL;
	if (getline(&text, &cap, f) <= 0 || strcmp(text, JOURNAL_HEADER) != 0) {
		free(text);
		return 0;
	}
	while ((len = getline(&text, &cap, f)) > 0 && text[len - 1] == '\n') {
		/* (a last line without its line break was cut short) */
		text[len - 1] = '\0';
		if (sscanf(text, "done\t%lld\t%lld", &seq, &id) == 2 &&
		    (o = old_write_of(old, n, seq)) != NULL) {
			o->done = true;
			o->made = id;
		}
		if (strncmp(text, "keep\t", 5) != 0 || !(grown = realloc(old, (size_t)(n + 1) * sizeof *old)))
			continue;
		old = grown;
		memset(&old[n], 0, sizeof old[n]);
		if (parse_keep(text + 5, &old[n].w) == 0) {
			old[n].seq = old[n].w.seq;
			n++;
		}
	}
	free(text);
	*out = old;
	return n;
}

/* The writes of a journal left behind that were not applied, in order,
 * into q: renumbered after q's, a reference to one applied replaced by
 * the id it made, one to a write that is not there left unresolvable.
 * Returns how many. */
static int take_over(pending_queue *q, FILE *f, st_err *err)
{
	struct old_write *old, *target;
	int n = read_journal(f, &old), taken = 0, k, i;

	for (k = 0; k < n; k++) {
		pending_write *w = &old[k].w;
		if (old[k].done) {
			pending_write_clear(w);
			continue;
		}
		for (i = 0; i < PW_NUMS; i++) {
			if (!(w->refs & (1u << i)))
				continue;
			target = old_write_of(old, k, w->n[i]);
			if (target && target->done && target->made > 0)
				pending_write_id(w, i, target->made);
			else if (target && !target->done)
				pending_write_id(w, i, -target->new_seq);
			else
				w->n[i] = 0;   /* no write has number 0 */
		}
		pending_keep(q, w, &old[k].new_seq, err);
		taken++;
	}
	free(old);
	return taken;
}

/* True when name is a journal of the database whose file name is base. */
static bool is_journal_of(const char *name, const char *base)
{
	size_t n = strlen(base);

	return strncmp(name, base, n) == 0 && strncmp(name + n, JOURNAL_INFIX,
						   sizeof JOURNAL_INFIX - 1) == 0 &&
	       strlen(name + n + sizeof JOURNAL_INFIX - 1) == 6;
}

/* Takes over the journal at path when no program holds it; how many
 * writes it held.  Unlocked is not enough: an empty file is a journal its
 * program is making (mkstemp, then flock: it waits for us), and one with
 * no name left was taken over by another program between our open and
 * our lock.  Both stay theirs. */
static int adopt_one(pending_queue *q, const char *path, st_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), taken;
	struct stat sb;
	FILE *f;

	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0 || fstat(fd, &sb) != 0 || sb.st_size == 0 ||
	    sb.st_nlink == 0 || !(f = fdopen(fd, "r"))) {
		close(fd);   /* its program still runs, or it is another's */
		return 0;
	}
	taken = take_over(q, f, err);
	/* Ours now (written to our journal first): the old file goes. */
	unlink(path);
	fclose(f);
	return taken;
}

int pending_adopt(pending_queue *q, st_err *err)
{
	char *dir = strdup(q->db_path), *slash, *path;
	const char *base;
	struct dirent *e;
	DIR *d;
	int taken = 0;

	if (!dir)
		return st_err_set(err, "%s", _("out of memory"));
	slash = strrchr(dir, '/');
	base = slash ? slash + 1 : dir;
	if (slash)
		*slash = '\0';
	d = opendir(slash ? (*dir ? dir : "/") : ".");
	while (d && (e = readdir(d)) != NULL) {
		if (!is_journal_of(e->d_name, base))
			continue;
		path = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (!path)
			break;
		sprintf(path, "%s%s%s", slash ? dir : "", slash ? "/" : "", e->d_name);
		/* Our own journal is locked by us: it is never taken. */
		if (!q->journal || strcmp(path, q->journal) != 0)
			taken += adopt_one(q, path, err);
		free(path);
	}
	if (d)
		closedir(d);
	free(dir);
	return taken;
}
