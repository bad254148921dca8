/* sync_fixture.h: what the tests of sync (test_sync, test_sync_clash,
 * test_sync_erasures, test_sync_property, ...) share: a clock the tests
 * set (SQLite's 'now', which every time the core writes comes from),
 * laptops that start from the shipped programme and codebook, syncing
 * one through a folder, three laptops of one test and their folder, and
 * the canonical dump of
 * what travels (every row of the tables of sync_tables.c, ordered by
 * their primary key), which is equal on two laptops exactly when they
 * hold the same content.
 *
 * Setup helpers bail out (exit 99) when they fail, as in fixture.h. */
#ifndef STEMTUI_TEST_SYNC_FIXTURE_H
#define STEMTUI_TEST_SYNC_FIXTURE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/err.h"
#include "core/sync.h"

/* Makes SQLite's 'now' the test clock for every connection opened after
 * (a copy of the default VFS whose time is the clock's, and whose
 * randomness is clock_seed's), set to
 * 2026-03-02 09:00:00 UTC; SQLite's temporary files go to the scratch
 * folder.  Once per test program, after fixture_start, before opening. */
void clock_install(void);

/* SQLite's randomness (the random ids of rows) made from seed from now
 * on: a test run again with its seed makes the same ids. */
void clock_seed(unsigned long long seed);

/* In a child just forked: randomness of its own, so that children at
 * once do not name their temporary files alike (clock_install). */
void clock_fork_child(void);

/* Moves the clock on by ms milliseconds (0: stays). */
void clock_tick(long long ms);

/* A new database name in the scratch folder holding the shipped
 * programme and codebook, as a facilitator starts. */
sqlite3 *laptop_new(const char *name);

/* sync_folder of db through folder as facilitator who; the refusals go
 * to diag.  The number of files refused, or -1 when the sync failed
 * whole (its message to diag).  report (may be NULL) gets the report,
 * for the caller to free. */
int laptop_sync(sqlite3 *db, const char *folder, const char *who, sync_report *report);

/* ---- three laptops of one test ---- */

#define LAPTOPS 3

/* Who works on each: Anna, Bert, Carla. */
extern const char *const laptop_who[LAPTOPS];

/* A name made as printf makes it (for a test's files and checks; eight
 * live at once). */
const char *test_name(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The folder name made in the scratch folder, for laptops to share; its
 * path (freed at exit). */
const char *shared_folder(const char *name);

/* Three new laptops (laptop_new) in files PREFIX-anna.db, PREFIX-bert.db
 * and PREFIX-carla.db, with database ids in the order of their names: a
 * sync applies the colleagues' files by database id, so Anna's go
 * before Bert's.  They join a network at their first sync. */
void laptops_new(sqlite3 *lap[LAPTOPS], const char *prefix);

/* The laptops sync through folder in order (a string of laptop numbers:
 * "01201" is Anna, Bert, Carla, then Anna and Bert again, after which
 * each has every file), the clock moving on by tick_ms after each.
 * Whether none failed or refused a file (laptop_sync says which). */
bool laptops_sync(sqlite3 *const lap[LAPTOPS], const char *folder, const char *order,
		  long long tick_ms);

/* Whether the laptops hold the same content (travelling_dump); the first
 * difference to diag. */
bool laptops_alike(sqlite3 *const lap[LAPTOPS]);

void laptops_close(sqlite3 *lap[LAPTOPS]);

/* What a step of the core returned: on a failure (rc < 0), bail out
 * saying what failed. */
void must(int rc, const char *what, const st_err *err);

/* A note of author with text body in session, written on db (bails out
 * when it cannot be); the clock moves on a second.  Its id. */
long long laptop_note(sqlite3 *db, long long session, const char *author, const char *body);

/* ---- dumps ---- */

/* The canonical dump of the travelling tables of db (freed at exit). */
const char *travelling_dump(sqlite3 *db);

/* Every row of every table of db but sync_log (which records when the
 * sync ran), ordered: whether anything at all changed (freed at exit). */
const char *whole_dump(sqlite3 *db);

/* The names of the tables a changeset of n bytes at p changes, in its
 * order, comma-separated (freed at exit); "(unreadable)" when SQLite
 * cannot read it. */
const char *changeset_tables(const void *p, int n);

/* The strings the dumps above keep, freed back to a mark: for a test
 * that makes thousands of dumps. */
int sync_fixture_mark(void);
void sync_fixture_release(int mark);

#endif
