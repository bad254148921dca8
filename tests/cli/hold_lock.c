/* hold_lock.c: another program holding a database's write lock, for the
 * tests of what stemtui does meanwhile.
 *
 *   hold_lock DB
 *
 * Takes the write lock of DB (BEGIN IMMEDIATE), prints "held" on standard
 * output, then holds it until a line or the end of standard input comes,
 * and lets it go (COMMIT).  The test says when: no timing is guessed.
 * Exits 0, or 1 when the lock cannot be taken. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	int c;

	if (argc != 2) {
		fprintf(stderr, "usage: hold_lock DB\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "hold_lock: %s\n", db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return 1;
	}
	printf("held\n");
	fflush(stdout);
	while ((c = getchar()) != EOF && c != '\n')
		;
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	return 0;
}
