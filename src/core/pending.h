/* pending.h: writes kept while another program holds the database.
 *
 * Only one program at a time can write to an SQLite database.  While
 * another one does (a long import, a second stemtui, a badge scanner), a
 * check-in, a tag or a note decided in the full-screen interface must not
 * be lost, nor make the facilitator wait: it becomes a pending write, kept
 * in order in memory and in a journal file beside the database, and
 * applied as soon as the database is free.
 *
 * A pending write is a kind with a few numbers and strings, so that the
 * journal can hold it.  A number that is an id a pending write will make
 * (the id of a newcomer not saved yet) is a reference to that write (its
 * bit in `refs`), so that checking the newcomer in can be kept before the
 * newcomer exists.
 *
 * The journal, DB-pending-XXXXXX beside the database DB (mode 0600), holds
 * one line per write kept and one per write applied ("done", with the id
 * it made).  It is locked (flock) while its program runs; a journal no
 * program holds (and not empty: an empty one is still being made) was
 * left by one that ended before its writes could be
 * applied (the person quit anyway, a crash, a flat battery), and the next
 * queue opened on that database takes its writes over (pending_adopt).
 * A write is marked done after it committed: a crash between the two
 * applies it again at the next start, which for most writes (a check-in,
 * a tag, a status) changes nothing. */
#ifndef STEMTUI_PENDING_H
#define STEMTUI_PENDING_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

enum pending_kind {
	PW_CHECKIN,        /* n: session, person, status; s: arrival time "HH:MM" */
	PW_UNDO,           /* n: session: undo its last check-in change */
	PW_REDO,           /* n: session */
	PW_TAG,            /* n: note, factor, polarity (-1, 0, 1; PW_UNTAG);
			      s: the coder (the facilitator) */
	PW_NOTE,           /* n: id (0: new), session, about person, about organisation;
			      s: kind, body, group, author, created_at, the key of
			      its draft (forgotten once it is saved); makes its id */
	PW_TRASH,          /* n: note */
	PW_RESTORE,        /* n: note */
	PW_DRAFT,          /* s: key, body (empty: forget the draft), kind, group */
	PW_PERSON,         /* n: id (0: new); s: first name, last name, role,
			      organisation (a name: an unknown one becomes a new
			      school), e-mail, focus; makes the person's id */
	PW_PERSON_DELETE,  /* n: id, trash the notes about them (0/1) */
	PW_ORG,            /* n: id (0: new); s: kind, name, network, street,
			      postcode, city; makes its id */
	PW_ORG_DELETE,     /* n: id */
	PW_COACH,          /* n: coach, school */
	PW_UNCOACH,        /* n: coach, school */
	PW_FACTOR,         /* n: id (0: new), parent; s: code, name, definition,
			      inclusion, exclusion, colour, memo; makes its id */
	PW_FACTOR_MOVE,    /* n: id, new parent */
	PW_FACTOR_MERGE,   /* n: from, into, polarity for conflicts */
	PW_FACTOR_DELETE,  /* n: id, tags move to (0: none), delete the tags, polarity */
	PW_STATE,          /* s: key, value (state.h) */
	PW_PERSON_MERGE,   /* n: two people, merged into the one kept (person_merge.h) */
	PW_KINDS
};

#define PW_UNTAG 2         /* PW_TAG's polarity that removes the tag */
#define PW_NUMS 4
#define PW_STRS 7

typedef struct pending_write {
	enum pending_kind kind;
	long long n[PW_NUMS];
	unsigned refs;           /* bit i: n[i] is the seq of a write before
				    this one, meaning the id that one makes */
	char *s[PW_STRS];        /* owned; NULL reads as "" */
	char *what;              /* owned: what it does, for people ("Jan
				    Peeters: present"); may be NULL */
	long long seq;           /* its number in its queue (pending_keep) */
} pending_write;

/* Frees what w holds (not w) and zeroes it. */
void pending_write_clear(pending_write *w);

/* Sets n[i] to id, or, for an id that is a reference (negative: -seq, as
 * pending_keep's callers hand them out), to that reference. */
void pending_write_id(pending_write *w, int i, long long id);

/* Sets s[i] to a copy of text (NULL: none); -1 when memory runs out. */
int pending_write_text(pending_write *w, int i, const char *text);

/* Carries w out in one transaction; *made (may be NULL) gets the id a
 * write that makes one made (for an undo or redo: the person it concerned,
 * 0 when there was nothing to undo).  w must hold no reference.  0, or -1 with
 * err set (db_busy tells a database that is only busy). */
int pending_apply(sqlite3 *db, const pending_write *w, long long *made, st_err *err);

typedef struct pending_queue {
	pending_write *w;        /* in order */
	int n, cap;
	long long last_seq;
	struct pending_made { long long seq, id; } *made;   /* applied this run */
	int nmade, capmade;
	char *db_path;
	char *journal;           /* NULL until something is kept */
	int fd;                  /* the journal, locked; -1 */
} pending_queue;

/* An empty queue for the database at db_path (nothing is created yet). */
int pending_init(pending_queue *q, const char *db_path, st_err *err);

/* Lets the queue go: writes still pending stay in its journal for the
 * next program (pending_adopt); an empty journal is removed. */
void pending_free(pending_queue *q);

/* Takes over the writes of journals beside the database that no running
 * program holds, in the order they were kept, into q (and its journal),
 * and removes those files.  Returns how many writes it took, or -1 with
 * err set (what could be read is taken all the same). */
int pending_adopt(pending_queue *q, st_err *err);

/* Puts w after the writes kept (taking over its strings; w is zeroed),
 * replacing references to writes applied already by the ids they made,
 * and writes it to the journal before returning.  *seq (may be NULL) is
 * its number.  0; -1 with err set when the journal cannot be written (w
 * is kept in memory all the same: it is not lost while this program
 * runs). */
int pending_keep(pending_queue *q, pending_write *w, long long *seq, st_err *err);

/* Replaces in w the references to writes applied already by the ids they
 * made.  False when w names a write that is neither applied nor pending
 * (it failed): w cannot be carried out. */
bool pending_resolve(const pending_queue *q, pending_write *w);

/* Applies the kept writes in order, each waiting at most wait_ms for the
 * database, until one finds it still busy: that one and those after it
 * stay.  A write that fails for another reason (its note was deleted
 * meanwhile) is dropped, and failed (may be NULL) is told why.  Returns
 * how many were applied. */
int pending_flush(pending_queue *q, sqlite3 *db, int wait_ms,
		  void (*failed)(void *ctx, const pending_write *w, const char *why), void *ctx);

/* The last kept write of kind whose n[0] and n[1] are these (n0 being the
 * seq of a kept write when n0_ref), or NULL: screens show what the kept
 * writes will change (a tag, a check-in). */
const pending_write *pending_last(const pending_queue *q, enum pending_kind kind, long long n0,
				  bool n0_ref, long long n1);

/* The id write seq made, when it was applied this run; else 0. */
long long pending_made_id(const pending_queue *q, long long seq);

#endif
