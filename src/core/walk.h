/* walk.h: reading every row of a keyset-paged list, a page at a time.
 *
 * The list commands and the exports go through whole lists (all notes of
 * a programme, all people) without holding them: each page is read after
 * the last row of the page before, handed on row by row, and freed. */
#ifndef STEMTUI_WALK_H
#define STEMTUI_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct walk_source {
	size_t row_size;
	/* Reads up to n rows after anchor (from the start when NULL), in
	 * order, into out; returns how many, or -1 with err set.  The *_page
	 * functions of the models, with their filter in ctx. */
	int (*fetch)(void *ctx, const void *anchor, void *out, int n, st_err *err);
	/* Frees what a row owns. */
	void (*clear)(void *row);
};

/* Calls each(ctx, row, index) for every row src gives, in order.
 * Returns 0; -1 with err set when a read fails; or the first non-zero
 * value each returned (which stops the walk). */
int walk_rows(const struct walk_source *src, void *ctx,
	      int (*each)(void *ctx, void *row, long long index), st_err *err);

#endif
