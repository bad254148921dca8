/* codebook_snapshot.h: the whole codebook with the figures of every
 * factor, read as one: what the factor overview, the factor list export,
 * the draaiboek and the `factors` command show.
 *
 * The tree and its figures are read inside one read transaction, so that
 * nothing another program writes meanwhile can come between them: the
 * screens, the exports and the command show the same factors for the
 * same filter by construction, and fig[i] always belongs to f[i]. */
#ifndef STEMTUI_CODEBOOK_SNAPSHOT_H
#define STEMTUI_CODEBOOK_SNAPSHOT_H

#include <sqlite3.h>

#include "core/codebook.h"
#include "core/err.h"
#include "core/figures.h"

typedef struct codebook_snapshot {
	int n;                   /* how many factors (at most FACTORS_MAX) */
	st_factor *f;            /* the codebook in tree order (factor_tree_all) */
	factor_figures *fig;     /* fig[i]: the figures of f[i] for the filter */
} codebook_snapshot;

/* Reads the snapshot for filter (NULL: all notes) into *out, its arrays
 * new (codebook_snapshot_free frees them; never NULL on success).
 * Returns out->n, or -1 with *out empty. */
int codebook_snapshot_read(sqlite3 *db, const figure_filter *filter, codebook_snapshot *out,
			   st_err *err);

/* Frees what s holds and empties it (an empty one is fine). */
void codebook_snapshot_free(codebook_snapshot *s);

#endif
