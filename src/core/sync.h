/* sync.h: several facilitators' laptops as one network, through a
 * folder they share (a synced cloud folder, a network share, a USB
 * stick), or by merging a colleague's database file.
 *
 * `stemtui sync FOLDER`:
 *   1. The folder names its network in the file "stemtui-network" (a
 *      UUID; written by the first laptop that syncs there).  A database
 *      that belongs to no network joins that one: its rows take their
 *      network ids (rowids.h), and everything it holds goes into its
 *      first sync file.
 *   2. This database's changes not yet in the folder (sync_outbox,
 *      sync_capture.h) go into its next sync file (syncfile.h).
 *   3. Every colleague's files not yet applied here are applied, each in
 *      one transaction of its own, in order (sync_apply.h).
 * Each step can be cut off anywhere (SIGKILL) and done again: a file is
 * written whole or not at all, applied whole or not at all, and
 * recorded as applied in the transaction that applies it. */
#ifndef STEMTUI_SYNC_H
#define STEMTUI_SYNC_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"
#include "core/progress.h"
#include "core/sync_apply.h"
#include "core/syncid.h"

/* The file in the shared folder that names its network. */
#define SYNC_NETWORK_FILE "stemtui-network"
/* A sync file takes changes up to about this many bytes (the changes of
 * one transaction are never split): the first sync of a large database
 * writes several files, each read and applied whole. */
#define SYNC_FILE_BUDGET ((long long)64 << 20)

/* What came in from one colleague database. */
typedef struct sync_from {
	char database_id[SYNCID_SIZE];
	char *facilitator;       /* as they call themselves; "" when unknown */
	int files;
	sync_counts counts;
} sync_from;

/* What a sync (or merge) did. */
typedef struct sync_report {
	bool joined;             /* this database joined the network now */
	char network_id[SYNCID_SIZE];
	long long written_first; /* the numbers of the first and the last file */
	long long written_seq;   /* written (several for a large first sync); 0: none */
	long long written_changes;
	sync_from *from;         /* per colleague database that sent something */
	int nfrom;
	int waiting;             /* files held back by a missing one */
	char **refused;          /* a message per file refused */
	int nrefused;
	long long decisions;     /* waiting in sync_decision */
} sync_report;

/* `stemtui sync FOLDER` (above), as facilitator (may be NULL or "": then
 * this database's name for itself stays as it is).  A file refused
 * (damaged, of another network, of a newer stemtui) is named in
 * report->refused and the others still go; -1 with err set only when the
 * sync as a whole cannot go on (the folder, the database).  The report
 * is filled in either case (sync_report_free).  progress (or NULL) hears
 * of each colleague's file applied: done of total files. */
int sync_folder(sqlite3 *db, const char *folder, const char *facilitator,
		const st_progress *progress, sync_report *report, st_err *err);

/* `stemtui merge OTHER`: brings in everything of the stemtui database
 * at other_path by the rules of sync, leaving the file untouched (it is
 * read from a copy).  Two databases of no network make one; a database
 * of another network is refused.  What comes in travels on to the
 * network with this database's next sync.  0, or -1 with err set. */
int sync_merge(sqlite3 *db, const char *other_path, sync_report *report, st_err *err);

void sync_report_free(sync_report *r);

#endif
