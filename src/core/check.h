/* check.h: checking a stemtui database, and rebuilding what is derived.
 *
 * Besides the data people entered, a stemtui database keeps things that
 * are derived from it by triggers: the full-text indexes (notes, names),
 * the figures of the factor overview (factor_anc and the fig_* tables)
 * and some keys (a note's author_key and session_date, a person's folded
 * names).  A program that wrote the file without those triggers (an old
 * sqlite3 shell, a restore gone wrong) or a bug can leave them out of
 * step: lists then miss rows and figures lie.  These can be rebuilt from
 * the data; a damaged file or a broken reference cannot. */
#ifndef STEMTUI_CHECK_H
#define STEMTUI_CHECK_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"

enum check_item {
	CHECK_INTEGRITY,     /* PRAGMA integrity_check: the file itself */
	CHECK_FOREIGN_KEYS,  /* PRAGMA foreign_key_check */
	CHECK_NOTE_INDEX,    /* note_fts against the notes */
	CHECK_NAME_INDEX,    /* person_name against the people */
	CHECK_FIGURES,       /* factor_anc and fig_* against a recount */
	CHECK_KEYS,          /* the keys triggers keep on notes and people */
	CHECK_FILE_MODES,    /* the database and its -wal and -shm private (0600) */
	CHECK_COUNT
};

typedef struct check_report {
	int found[CHECK_COUNT];      /* how much is wrong: rows, files; 0 when fine */
	char *detail[CHECK_COUNT];   /* what, in words (translated); NULL when fine */
	bool skipped[CHECK_COUNT];   /* could not be checked (detail says why) */
	bool repaired[CHECK_COUNT];  /* db_check_repair put it right */
} check_report;

/* The name of an item for a person ("figures"), translated. */
const char *check_item_name(enum check_item item);

/* Whether db_check_repair can put the item right (it rebuilds derived
 * things; a damaged file or a broken reference it cannot). */
bool check_item_repairable(enum check_item item);

/* Checks the database db, opened from path (for the file modes), into r
 * (free with check_report_free).  Writes nothing.  Slow: it reads every
 * row (about 4 s at 100 000 notes, see stemtui(1), CHECKING).  0, or -1
 * with err when the checks could not run at all. */
int db_check(sqlite3 *db, const char *path, check_report *r, st_err *err);

/* db_check, then, unless the file is damaged (CHECK_INTEGRITY), rebuilds
 * every repairable item found wrong in one transaction, checks again
 * inside it, and commits only when they are right; the file modes are
 * then made private.  r tells what was found and what was repaired.
 * 0, or -1 with err (the database as it was, unless only the file modes
 * could not be changed). */
int db_check_repair(sqlite3 *db, const char *path, check_report *r, st_err *err);

void check_report_free(check_report *r);

#endif
