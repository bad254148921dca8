/* walk.c: see walk.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/walk.h"

/* Rows per read: enough to make each query worth it, few enough that a
 * page of notes stays small. */
#define WALK_PAGE 64

int walk_rows(const struct walk_source *src, void *ctx,
	      int (*each)(void *ctx, void *row, long long index), st_err *err)
{
	char *page = calloc(WALK_PAGE, src->row_size), *last = calloc(1, src->row_size);
	long long index = 0;
	bool have_last = false;
	int n, i, rc = 0;

	if (!page || !last) {
		free(page);
		free(last);
		return st_err_set(err, "%s", _("out of memory"));
	}
	do {
		n = src->fetch(ctx, have_last ? last : NULL, page, WALK_PAGE, err);
		if (n < 0)
			rc = -1;
		for (i = 0; i < n && rc == 0; i++)
			rc = each(ctx, page + (size_t)i * src->row_size, index++);
		if (n > 0) {
			/* Keep the last row as the next anchor; free the rest. */
			if (have_last)
				src->clear(last);
			memcpy(last, page + (size_t)(n - 1) * src->row_size, src->row_size);
			memset(page + (size_t)(n - 1) * src->row_size, 0, src->row_size);
			have_last = true;
		}
		for (i = 0; i < n; i++)
			src->clear(page + (size_t)i * src->row_size);
	} while (n == WALK_PAGE && rc == 0);
	if (have_last)
		src->clear(last);
	free(page);
	free(last);
	return rc;
}
