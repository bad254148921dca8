/* sync_status.h: what the network screen shows of this database in its
 * network: who it is, when it last synced, what came in from whom, the
 * decisions waiting and the note texts kept after a conflict.
 *
 * Read-only queries over the local sync tables that sync.c writes
 * (sync_self, sync_log, sync_member, sync_decision, note_revision).  The
 * lists are read a page at a time with keyset queries on their ids, so a
 * network that synced for years shows as fast as a new one. */
#ifndef STEMTUI_SYNC_STATUS_H
#define STEMTUI_SYNC_STATUS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/sync_apply.h"
#include "core/syncid.h"

/* A stored time, "YYYY-MM-DD HH:MM:SS" (local time), with its NUL. */
#define SYNC_TIME_SIZE 20

/* This database in its network, and how much each list holds. */
typedef struct sync_status {
	char database_id[SYNCID_SIZE];
	char network_id[SYNCID_SIZE];     /* "" when in no network yet */
	char last_sync[SYNC_TIME_SIZE];   /* "" when it never synced */
	long long received;               /* files applied here (sync_log) */
	long long decisions;              /* waiting (sync_decision) */
	long long revisions;              /* note texts kept (note_revision) */
} sync_status;

/* 0, or -1 with err set. */
int sync_status_read(sqlite3 *db, sync_status *out, st_err *err);

/* One colleague's file applied here (a row of sync_log). */
typedef struct sync_log_entry {
	long long id;
	char at[SYNC_TIME_SIZE];          /* when it was applied here */
	char database_id[SYNCID_SIZE];
	/* The colleague's facilitator name (sync_member), else the first 8
	 * characters of the database id. */
	char *colleague;
	long long seq;                    /* the file's number */
	long long n[SYNC_WHAT_COUNT];     /* notes, tags, check-ins, people, other */
} sync_log_entry;

/* Up to n entries after anchor (before it when backward; NULL: from the
 * start, or the end when backward), newest first, into out.  Their
 * count, or -1 with err set. */
int sync_log_page(sqlite3 *db, const sync_log_entry *anchor, bool backward,
		  sync_log_entry *out, int n, st_err *err);
void sync_log_entry_clear(sync_log_entry *e);

/* A change left out that needs a person's decision (sync_decision). */
typedef struct sync_decision_entry {
	long long id;
	char at[SYNC_TIME_SIZE];
	char *table;                      /* the table of the row */
	long long row_id;                 /* 0: none known */
	char *what;                       /* why: "constraint", or a clash
					     (sync_clash.h) */
	char *label;                      /* the row's name now ("": none) */
} sync_decision_entry;

/* As sync_log_page, oldest first: the order they came in. */
int sync_decision_page(sqlite3 *db, const sync_decision_entry *anchor, bool backward,
		       sync_decision_entry *out, int n, st_err *err);
void sync_decision_entry_clear(sync_decision_entry *e);

/* A note's text that lost to a newer edit on another laptop, kept for
 * its author (note_revision). */
typedef struct note_revision_entry {
	long long id;
	long long note_id;
	char kept_at[SYNC_TIME_SIZE];
	char *session_code;               /* the session of the note */
	char *author;                     /* the note's author */
	char *body;                       /* the text that lost */
} note_revision_entry;

/* As sync_log_page, newest first. */
int note_revision_page(sqlite3 *db, const note_revision_entry *anchor, bool backward,
		       note_revision_entry *out, int n, st_err *err);
void note_revision_entry_clear(note_revision_entry *e);

/* "4 notes, 7 tags, 2 check-ins" in the language shown: the kinds of n
 * (SYNC_WHAT_COUNT of them) with none left out, "nothing new" when all
 * are 0.  Into buf. */
void sync_counts_text(const long long *n, char *buf, size_t size);

#endif
