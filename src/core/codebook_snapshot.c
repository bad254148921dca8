/* codebook_snapshot.c: the codebook with the figures of every factor,
 * read as one.  See codebook_snapshot.h.
 *
 * The tree (factor_tree_all) and the figures (factor_figures_all) are two
 * statements: between them another program could add, move or delete a
 * factor, and the figures would no longer line up with the tree.  Both
 * are read inside one read transaction instead, in which SQLite (WAL)
 * shows the database as it was at the first read, whatever is committed
 * meanwhile; a writer is not held up by it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/codebook_snapshot.h"
#include "core/db.h"
#include "core/i18n.h"

/* Begins a read transaction, unless db is in a transaction already (that
 * one then holds the reads together).  1 when it began one, 0 when not,
 * -1 with err set. */
static int begin_read(sqlite3 *db, st_err *err)
{
	if (!sqlite3_get_autocommit(db))
		return 0;
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err);
	return 1;
}

/* The two reads, into s.  0, or -1. */
static int read_tree_and_figures(sqlite3 *db, const figure_filter *filter, codebook_snapshot *s,
				 st_err *err)
{
	int n = factor_tree_all(db, &s->f, err);

	if (n < 0)
		return -1;
	s->n = n;
	s->fig = calloc((size_t)n + 1, sizeof *s->fig);
	if (!s->fig)
		return st_err_set(err, "%s", _("out of memory"));
	return factor_figures_all(db, filter, s->fig, n, err) < 0 ? -1 : 0;
}

int codebook_snapshot_read(sqlite3 *db, const figure_filter *filter, codebook_snapshot *out,
			   st_err *err)
{
	int own, rc;

	memset(out, 0, sizeof *out);
	own = begin_read(db, err);
	if (own < 0)
		return -1;
	rc = read_tree_and_figures(db, filter, out, err);
	if (own) {
		/* Ends the reading; nothing was written, so nothing is lost
		 * when the end fails. */
		if (rc == 0 && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			rc = db_error(db, err);
		db_rollback(db);
	}
	if (rc != 0) {
		codebook_snapshot_free(out);
		return -1;
	}
	return out->n;
}

void codebook_snapshot_free(codebook_snapshot *s)
{
	factors_free(s->f, s->n);
	free(s->fig);
	memset(s, 0, sizeof *s);
}
