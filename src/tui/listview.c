/* listview.c: see listview.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/lineedit.h"
#include "tui/listview.h"

#define ROW(lv, i) ((lv)->rows + (size_t)(i) * (lv)->src->row_size)

void lv_init(struct listview *lv, const struct listview_source *src, void *ctx)
{
	memset(lv, 0, sizeof *lv);
	lv->src = src;
	lv->ctx = ctx;
	lv->height = 1;
}

static void clear_rows(struct listview *lv, int from, int to)
{
	int i;

	for (i = from; i < to; i++)
		lv->src->release(ROW(lv, i));
}

void lv_free(struct listview *lv)
{
	clear_rows(lv, 0, lv->nrows);
	free(lv->rows);
	lv->rows = NULL;
	lv->nrows = lv->cap = lv->sel = 0;
}

void *lv_row(const struct listview *lv, int i)
{
	return i >= 0 && i < lv->nrows ? ROW(lv, i) : NULL;
}

void *lv_selected(const struct listview *lv)
{
	return lv_row(lv, lv->sel);
}

static bool reserve(struct listview *lv, int n)
{
	char *r;

	if (n <= lv->cap)
		return true;
	r = realloc(lv->rows, (size_t)n * lv->src->row_size);
	if (!r)
		return false;
	lv->rows = r;
	lv->cap = n;
	return true;
}

/* Reads up to n rows next to anchor into a fresh buffer (*out, to free);
 * returns how many, 0 on error (kept in lv->error). */
static int fetch(struct listview *lv, const void *anchor, bool backward, int n, char **out)
{
	st_err err;
	int got;

	*out = calloc((size_t)(n > 0 ? n : 1), lv->src->row_size);
	if (!*out || n <= 0)
		return 0;
	got = lv->src->fetch(lv->ctx, anchor, backward, *out, n, &err);
	if (got < 0) {
		memcpy(lv->error, err.msg, sizeof lv->error);
		return 0;
	}
	return got;
}

/* The selected row's place in the whole list, for "3/40". */
static void update_position(struct listview *lv)
{
	lv->position = lv->nrows && lv->src->position ? lv->src->position(lv->ctx, lv_selected(lv))
						      : lv->sel;
}

/* Counts the rows again: only when what the list shows may have changed
 * (a new read from the top, the end or around a row), never on a mere
 * move, so moving stays instant however long the list is. */
static void update_total(struct listview *lv)
{
	lv->total = lv->src->count ? lv->src->count(lv->ctx) : lv->nrows;
	update_position(lv);
}

static void clamp(struct listview *lv)
{
	if (lv->sel >= lv->nrows)
		lv->sel = lv->nrows - 1;
	if (lv->sel < 0)
		lv->sel = 0;
}

/* Replaces the window with the given rows (taking them over). */
static void set_rows(struct listview *lv, char *first, int nfirst, char *second, int nsecond)
{
	size_t rs = lv->src->row_size;

	clear_rows(lv, 0, lv->nrows);
	lv->nrows = 0;
	if (!reserve(lv, nfirst + nsecond > 0 ? nfirst + nsecond : 1)) {
		free(first);
		free(second);
		return;
	}
	if (nfirst > 0)
		memcpy(lv->rows, first, (size_t)nfirst * rs);
	if (nsecond > 0)
		memcpy(lv->rows + (size_t)nfirst * rs, second, (size_t)nsecond * rs);
	lv->nrows = nfirst + nsecond;
	free(first);
	free(second);
}

void lv_home(struct listview *lv)
{
	char *page;
	int n;

	lv->error[0] = '\0';
	n = fetch(lv, NULL, false, lv->height, &page);
	set_rows(lv, page, n, NULL, 0);
	lv->sel = 0;
	update_total(lv);
}

void lv_end(struct listview *lv)
{
	char *page;
	int n;

	lv->error[0] = '\0';
	n = fetch(lv, NULL, true, lv->height, &page);
	set_rows(lv, page, n, NULL, 0);
	lv->sel = n - 1;
	clamp(lv);
	update_total(lv);
}

/* Fills the window around the row that `keep` (a copy, owned by the
 * caller) stood on, `at` rows from the top.  It reads one row more than
 * it shows above keep, and reads forward from that row: so the forward
 * read returns keep itself when it still exists, or the row that took
 * its place. */
static void load_around(struct listview *lv, const void *keep, int at)
{
	size_t rs = lv->src->row_size;
	char *before, *after, *more, *joined;
	int nb, na, nm, skip = 0;

	if (at > lv->height - 1)
		at = lv->height - 1;
	if (at < 0)
		at = 0;
	nb = fetch(lv, keep, true, at + 1, &before);
	skip = nb == at + 1;
	/* Fewer rows above than asked (near the top): more below instead. */
	na = fetch(lv, nb > 0 ? before + (size_t)(nb - 1) * rs : NULL, false,
		   lv->height - (nb - skip), &after);
	if (skip)   /* the extra row was only the anchor: not shown */
		lv->src->release(before);
	/* Near the end: show more rows from above instead of blank lines. */
	if (nb - skip + na < lv->height && nb - skip + na > 0) {
		const char *first = nb - skip > 0 ? before + (size_t)skip * rs : after;
		nm = fetch(lv, first, true, lv->height - (nb - skip) - na, &more);
		joined = nm > 0 ? realloc(more, (size_t)(nm + nb) * rs) : NULL;
		if (joined) {
			if (nb - skip > 0)
				memcpy(joined + (size_t)nm * rs, before + (size_t)skip * rs,
				       (size_t)(nb - skip) * rs);
			free(before);
			before = joined;
			nb = nm + nb - skip;
			skip = 0;
		} else {
			for (; nm > 0; nm--)
				lv->src->release(more + (size_t)(nm - 1) * rs);
			free(more);
		}
	}
	if (skip)
		memmove(before, before + rs, (size_t)(nb - 1) * rs);
	nb -= skip;
	set_rows(lv, before, nb, after, na);
	lv->sel = nb;
	clamp(lv);
	update_total(lv);
}

void lv_show(struct listview *lv, const void *row, int at)
{
	lv->error[0] = '\0';
	load_around(lv, row, at);
}

void lv_reload(struct listview *lv)
{
	char *keep;

	lv->error[0] = '\0';
	if (lv->nrows == 0) {
		lv_home(lv);
		return;
	}
	keep = malloc(lv->src->row_size);
	if (!keep)
		return;
	/* Take the selected row out of the window so set_rows does not free
	 * it while it is still the anchor. */
	memcpy(keep, lv_selected(lv), lv->src->row_size);
	memset(lv_selected(lv), 0, lv->src->row_size);
	load_around(lv, keep, lv->sel);
	lv->src->release(keep);
	free(keep);
}

void lv_set_height(struct listview *lv, int height)
{
	if (height < 1)
		height = 1;
	if (height == lv->height)
		return;
	lv->height = height;
	lv_reload(lv);
}

/* Reads up to n rows past one end of the window, dropping as many from
 * the other end as needed to keep one screen; the selection stays on the
 * same row.  Returns how many places the window moved. */
static int scroll_window(struct listview *lv, bool down, int n)
{
	size_t rs = lv->src->row_size;
	char *more;
	int got, drop;

	if (lv->nrows == 0)
		return 0;
	got = fetch(lv, ROW(lv, down ? lv->nrows - 1 : 0), !down, n, &more);
	drop = lv->nrows + got - lv->height;
	if (drop < 0)
		drop = 0;
	if (got == 0 || !reserve(lv, lv->nrows + got)) {
		char *p;
		for (p = more; got > 0; got--, p += rs)
			lv->src->release(p);
		free(more);
		return 0;
	}
	if (down) {
		clear_rows(lv, 0, drop);
		memmove(lv->rows, ROW(lv, drop), (size_t)(lv->nrows - drop) * rs);
		memcpy(ROW(lv, lv->nrows - drop), more, (size_t)got * rs);
		lv->sel -= drop;
	} else {
		clear_rows(lv, lv->nrows - drop, lv->nrows);
		memmove(ROW(lv, got), lv->rows, (size_t)(lv->nrows - drop) * rs);
		memcpy(lv->rows, more, (size_t)got * rs);
		lv->sel += got;
	}
	lv->nrows += got - drop;
	free(more);
	return down ? drop : got;
}

void lv_line(struct listview *lv, bool down)
{
	if (down && lv->sel + 1 >= lv->nrows)
		scroll_window(lv, true, 1);
	else if (!down && lv->sel == 0)
		scroll_window(lv, false, 1);
	lv->sel += down ? 1 : -1;
	clamp(lv);
	update_position(lv);
}

/* The window moves a screen and the selection keeps its place on screen,
 * as in less and tig; at the ends it goes as far as there are rows. */
void lv_page(struct listview *lv, bool down)
{
	int at = lv->sel, moved = scroll_window(lv, down, lv->height);

	lv->sel = down ? at + (lv->height - moved) : at - (lv->height - moved);
	clamp(lv);
	update_position(lv);
}

void lv_lines(struct listview *lv, int n)
{
	for (; n > 0; n--)
		lv_line(lv, true);
	for (; n < 0; n++)
		lv_line(lv, false);
}

bool lv_select(struct listview *lv, int i)
{
	if (i < 0 || i >= lv->nrows)
		return false;
	lv->sel = i;
	update_position(lv);
	return true;
}

bool lv_move(struct listview *lv, enum action a)
{
	switch (a) {
	case ACT_UP: lv_line(lv, false); return true;
	case ACT_DOWN: lv_line(lv, true); return true;
	case ACT_PAGE_UP: lv_page(lv, false); return true;
	case ACT_PAGE_DOWN: lv_page(lv, true); return true;
	case ACT_FIRST: lv_home(lv); return true;
	case ACT_LAST: lv_end(lv); return true;
	default: return false;
	}
}

bool lv_filter_type(struct listview *lv, struct lineedit *name, int key)
{
	if (!le_type(name, key))
		return false;
	lv_home(lv);
	return true;
}

bool lv_filter_clear(struct listview *lv, struct lineedit *name)
{
	if (!name->len)
		return false;
	le_clear(name);
	lv_home(lv);
	return true;
}

bool page_move(int *first, int total, int room, enum action a)
{
	int last = total - room > 0 ? total - room : 0, step = room > 1 ? room - 1 : 1;

	switch (a) {
	case ACT_UP: *first -= 1; break;
	case ACT_DOWN: *first += 1; break;
	case ACT_PAGE_UP: *first -= step; break;
	case ACT_PAGE_DOWN: *first += step; break;
	case ACT_FIRST: *first = 0; break;
	case ACT_LAST: *first = last; break;
	default: return false;
	}
	if (*first > last)
		*first = last;
	if (*first < 0)
		*first = 0;
	return true;
}

#define WHEEL_ROWS 3

bool lv_mouse(struct listview *lv, const MEVENT *ev, int first_y)
{
	int row = ev->y - first_y;

	if (ev->bstate & BUTTON4_PRESSED) {
		lv_lines(lv, -WHEEL_ROWS);
		return false;
	}
	if (ev->bstate & BUTTON5_PRESSED) {
		lv_lines(lv, WHEEL_ROWS);
		return false;
	}
	if (!(ev->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)) ||
	    row < 0 || row >= lv->height)
		return false;
	/* A click on the row already selected opens it, as a double click. */
	if (row == lv->sel || (ev->bstate & BUTTON1_DOUBLE_CLICKED))
		return lv_select(lv, row);
	lv_select(lv, row);
	return false;
}

/* The source of an indexed list: rows are ints, anchors indices. */
static int indexed_fetch(void *ctx, const void *anchor, bool backward, void *out, int n,
			 st_err *err)
{
	struct listview *lv = ctx;
	int total = lv->count_things(lv->things), from, to, i, *rows = out;

	(void)err;
	if (backward) {
		to = anchor ? *(const int *)anchor : total;
		if (to > total)
			to = total;
		from = to - n > 0 ? to - n : 0;
	} else {
		from = anchor ? *(const int *)anchor + 1 : 0;
		to = from + n < total ? from + n : total;
	}
	for (i = from; i < to; i++)
		rows[i - from] = i;
	return to > from ? to - from : 0;
}

static void indexed_clear(void *row)
{
	(void)row;
}

static long long indexed_count(void *ctx)
{
	struct listview *lv = ctx;

	return lv->count_things(lv->things);
}

static long long indexed_position(void *ctx, const void *row)
{
	(void)ctx;
	return row ? *(const int *)row : 0;
}

static const struct listview_source indexed_source = {
	sizeof(int), indexed_fetch, indexed_clear, indexed_count, indexed_position,
};

void lv_init_indexed(struct listview *lv, int (*count)(void *ctx), void *ctx)
{
	lv_init(lv, &indexed_source, lv);
	lv->count_things = count;
	lv->things = ctx;
}

int lv_index(const struct listview *lv, int i)
{
	const int *row = lv_row(lv, i);

	return row ? *row : -1;
}

int lv_selected_index(const struct listview *lv)
{
	return lv_index(lv, lv->sel);
}

void lv_show_index(struct listview *lv, int index, int at)
{
	lv_show(lv, &index, at);
}
