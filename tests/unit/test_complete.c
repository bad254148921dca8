/* test_complete.c: complete_values, the words of the shell completions
 * from the database: read-only, nothing from a missing or foreign file
 * (and no file created), prefixes compared folded, session codes without
 * their spaces, words a terminal would not show as they are left out
 * (TAP). */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/complete.h"
#include "core/db.h"
#include "core/demo.h"
#include "core/codebook_import.h"
#include "core/programme_import.h"
#include "../tap.h"

/* The words, each followed by "|". */
static char words[8192];

static void collect(const char *word, void *arg)
{
	(void)arg;
	strncat(words, word, sizeof words - strlen(words) - 2);
	strcat(words, "|");
}

static const char *complete(const char *path, const char *kind, const char *prefix)
{
	words[0] = '\0';
	complete_values(path, kind, prefix, collect, NULL);
	return words;
}

int main(void)
{
	const char *dir = tap_tmpdir("test_complete");
	char path[4200], missing[4200], foreign[4200];
	sqlite3 *db = NULL;
	st_err err = { "" };
	struct stat sb;
	FILE *f;

	snprintf(path, sizeof path, "%s/demo.sqlite", dir);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK || programme_import_shipped(db, &err) != 0 ||
	    codebook_import_shipped(db, &err) != 0 || demo_seed(db, &err) != 0) {
		printf("Bail out! demo database: %s\n", err.msg);
		return 99;
	}
	/* Another program wrote a name with an escape sequence in it. */
	if (sqlite3_exec(db, "UPDATE person SET first_name = 'Fran' || char(27) || '[31m'"
			 " WHERE id = (SELECT max(id) FROM person)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_changes(db) != 1) {
		printf("Bail out! cannot store the escape sequence: %s\n", sqlite3_errmsg(db));
		return 99;
	}
	db_close(db);

	is_str(complete(path, "sessions", "cop1"), "COP10|COP11|COP12|COP13|",
	       "session codes without their space, case ignored, in code order");
	is_str(complete(path, "people", "francoise"), "Françoise Peeters|",
	       "a person's name, accents ignored");
	ok(strstr(complete(path, "people", NULL), "\033") == NULL,
	   "a name holding an escape sequence is left out");
	is_str(complete(path, "factors", "LD"), "LD|LD1|LD2|", "factor codes");
	has_str(complete(path, "programmes", NULL), "STEM++ 2017-2018|", "programme names");
	has_str(complete(path, "programmes", "2017"), "2017-2018|", "and school years");
	has_str(complete(path, "roles", "tech"), "techniekcoach|", "roles");
	is_str(complete(path, "no-such-list", NULL), "", "an unknown list gives nothing");
	ok(complete_kind_known("organisations") && !complete_kind_known("no-such-list"),
	   "complete_kind_known");

	snprintf(missing, sizeof missing, "%s/missing.sqlite", dir);
	is_str(complete(missing, "sessions", NULL), "", "a missing database gives nothing");
	ok(stat(missing, &sb) != 0, "and is not created");
	snprintf(foreign, sizeof foreign, "%s/foreign.sqlite", dir);
	if (sqlite3_open(foreign, &db) == SQLITE_OK)
		sqlite3_exec(db, "CREATE TABLE session (code TEXT, code_key TEXT);"
			     "INSERT INTO session VALUES ('X 1', 'x 1');", NULL, NULL, NULL);
	sqlite3_close(db);
	is_str(complete(foreign, "sessions", NULL), "", "another program's database gives nothing");
	f = fopen(foreign, "w");
	if (f) {
		fputs("not a database\n", f);
		fclose(f);
	}
	is_str(complete(foreign, "sessions", NULL), "", "nor does a file that is no database");
	return tap_done();
}
