/* old_database.h: a database as an older stemtui left it, for the tests
 * of bringing one up to date (test_db_progress, and test_progress.sh
 * through tests/cli/make_old_db). */
#ifndef STEMTUI_TEST_OLD_DATABASE_H
#define STEMTUI_TEST_OLD_DATABASE_H

/* Makes path (replaced) a database of schema version (1 or more, below
 * the current one), by the released migrations, holding one programme,
 * one session and `notes` notes tagged with two factors, one under the
 * other (every note with the lower one, every second with the upper one
 * too): what the migrations that count figures count.  Bails out (exit
 * 99) when it cannot. */
void old_database(const char *path, int version, int notes);

#endif
