/* fixture.h: what the unit tests share to set up and look at a test
 * database and its files: the scratch folder, opening a database in it,
 * SQL that must work (exec, insert), one value of a query, a dump of
 * tables to compare before and after, an export as a string, fixture
 * files, the shipped data folder, plain-SQL rows (programme, session),
 * rows the core must save (organisation, person, factor, tag), and
 * reading a keyset-paged list whole or one page at a time.
 *
 * Setup helpers bail out (exit 99) when they fail: a broken fixture is not
 * a failed check.  Strings returned as `const char *` stay valid until the
 * test program ends (they are freed at exit), so a check can compare two of
 * them without copying either. */
#ifndef STEMTUI_TEST_FIXTURE_H
#define STEMTUI_TEST_FIXTURE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/export.h"

/* ---- the scratch folder and its files ---------------------------------- */

/* Makes this test's scratch folder (tap_tmpdir) and makes it the one
 * open_db, fixture_path and write_file use; returns it. */
const char *fixture_start(const char *name);

/* dir/name in the scratch folder. */
const char *fixture_path(const char *name);

/* Writes text (or n bytes) to name in the scratch folder; returns the path. */
const char *write_file(const char *name, const char *text);
const char *write_file_bytes(const char *name, const char *bytes, size_t n);

/* The whole file as a new string ("" when it cannot be read); the caller
 * frees it. */
char *read_file(const char *path);

/* The C.UTF-8 locale, no LANGUAGE, and the build's catalog when
 * STEMTUI_LOCALEDIR says where it is: what a test of translated text
 * starts from. */
void fixture_locale(void);

/* Sets STEMTUI_DATADIR to the source tree's share folder when make check
 * did not (a test run by hand from the build folder). */
void find_datadir(void);

/* tests/data/name in the source tree (STEMTUI_SRCDIR, as make check sets
 * it; else the build folder's parent): the fixture files kept there. */
const char *data_path(const char *name);

/* A growing string: buf_add appends (bailing out when memory runs out). */
struct buf {
	char *s;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s);

/* ---- SQL ---------------------------------------------------------------- */

/* db_open of name in the scratch folder. */
sqlite3 *open_db(const char *name);

/* Runs sql (any number of statements). */
void exec(sqlite3 *db, const char *sql);

/* What migration 21 -> 22 made (schema_scopes.c), for a test that takes a
 * database back to an older schema (fig_factor_delete stays: it is
 * migration 6's, made again). */
#define UNDO_MIGRATION_22 \
	"DROP TRIGGER fig_scope_moved; DROP TRIGGER fig_scope_school_kind;" \
	" DROP TRIGGER fig_scope_school_new; DROP TRIGGER fig_scope_school_gone;" \
	" DROP TABLE fig_scope_org; DROP TABLE fig_scope; DROP TRIGGER fig_scope_insert;" \
	" DROP TRIGGER fig_scope_update; DROP TRIGGER fig_scope_delete;" \
	" DROP TRIGGER fig_scope_org_update; DROP TRIGGER fig_note_arrived;"

/* exec, then the new row's id. */
long long insert(sqlite3 *db, const char *sql);

/* The first column of the first row; -12345 when sql does not prepare
 * (with a diagnostic) or gives no row. */
long long query_int(sqlite3 *db, const char *sql);

/* The first column of the first row as text: "(none)" without a row,
 * "(null)" for NULL, "(error)" when sql does not prepare.  The _with form
 * binds arg to ?1. */
const char *query_text(sqlite3 *db, const char *sql);
const char *query_text_with(sqlite3 *db, const char *sql, const char *arg);

/* A database made by the released migrations 0 .. version - 1 alone (as an
 * older stemtui left it), without db_open, filled with fill (SQL, may be
 * NULL); name in the scratch folder, mode 0600.  Returns its path. */
const char *old_database(const char *name, int version, const char *fill);

/* What stemtui check (db_check) finds wrong in db: the count, each with a
 * diagnostic naming it; -1 (with a diagnostic) when it cannot run.  0
 * means every kept figure, index and key equals its recount. */
int check_finds(sqlite3 *db);

/* Every row of each query, one a line, columns joined by "|", NULL as \N:
 * two dumps are equal exactly when none of those rows changed.  The caller
 * frees it. */
char *dump_rows(sqlite3 *db, const char *const *queries, size_t n);

/* What export_write writes for o, as a string the caller frees; NULL when
 * it fails, with the reason in err, or as a diagnostic ("# export: ...")
 * when err is NULL. */
char *export_string(sqlite3 *db, const export_options *o, st_err *err);

/* ---- rows ------------------------------------------------------------ */

/* Plain SQL, as another program could write them; the new row's id.
 * A session's code_key is st_natural_key(code); host 0 is no host. */
long long add_programme(sqlite3 *db, const char *name, const char *school_year);
long long add_session(sqlite3 *db, long long programme, const char *code, const char *kind,
		      const char *date, long long host);

/* Through the core (org_save, person_save, factor_save, tag_set), which
 * must accept them; the new row's id. */
long long add_org(sqlite3 *db, const char *kind, const char *name);
long long add_person(sqlite3 *db, const char *first, const char *last, const char *role,
		     long long org, const char *focus);
long long add_factor(sqlite3 *db, long long parent, const char *code, const char *name,
		     const char *definition);
void tag(sqlite3 *db, long long note, long long factor, int polarity);
/* A note (note_add) entered at created_at ("YYYY-MM-DD HH:MM:SS"). */
long long add_note_at(sqlite3 *db, long long session, const char *kind, const char *group,
		      const char *author, const char *body, const char *created_at);

/* ---- keyset-paged lists -------------------------------------------------- */

/* One kind of list read a page at a time (note_page, person_page, ...). */
struct pager {
	size_t row_size;
	/* Up to n rows after anchor (before it when backward; NULL: from the
	 * start) into rows; their count, or -1 with err. */
	int (*page)(const void *filter, const void *anchor, bool backward, void *rows, int n,
		    st_err *err);
	void (*clear)(void *row);
	/* What a check compares of a row (its id, its code, its name). */
	void (*label)(const void *row, char *out, size_t size);
};

/* The labels of one page of up to n rows from anchor, comma-separated;
 * "ERROR: message" when the page fails. */
const char *page_labels(const struct pager *p, const void *filter, const void *anchor,
			bool backward, int n);

/* The labels of the whole list read n rows at a time, forward or backward
 * (each page before the first row of the one before), in display order:
 * equal to one big page when paging loses and repeats nothing. */
const char *paged_labels(const struct pager *p, const void *filter, bool backward, int n);

#endif
