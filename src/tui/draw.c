/* draw.c: see draw.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/draw.h"
#include "tui/screen.h"

static void put(WINDOW *w, int y, int x, const char *s, attr_t attr)
{
	wattrset(w, attr);
	mvwaddstr(w, y, x, s);
	wattrset(w, A_NORMAL);
}

void draw_text(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	char *fit;

	if (width <= 0)
		return;
	fit = text_fit(text ? text : "", width, true);
	if (fit)
		put(w, y, x, fit, attr);
	free(fit);
}

void draw_text_tail(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	const char *tail = text ? text : "";
	size_t n = strlen(tail);
	uint32_t cp;
	char *shown;

	if (width <= 0)
		return;
	if (text_width(tail) <= width) {
		draw_text(w, y, x, width, tail, attr);
		return;
	}
	/* Drop characters from the start until the rest and "…" fit. */
	while (*tail && text_width(tail) > width - 1)
		tail += text_decode(tail, n - (size_t)(tail - text), &cp);
	shown = malloc(strlen(tail) + 4);
	if (!shown)
		return;
	memcpy(shown, "\xe2\x80\xa6", 3);
	strcpy(shown + 3, tail);
	draw_text(w, y, x, width, shown, attr);
	free(shown);
}

void draw_text_right(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	char *fit;

	if (width <= 0)
		return;
	fit = text_fit_right(text ? text : "", width);
	if (fit)
		put(w, y, x, fit, attr);
	free(fit);
}

int draw_text_clip(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	int used = text_width(text);

	if (used > width)
		used = width;
	draw_text(w, y, x, used, text, attr);
	return used;
}

void draw_cells(WINDOW *w, int y, const int *width, const char *const *cells, int n,
		attr_t attr)
{
	int x = 1, i;

	draw_text(w, y, 0, getmaxx(w), "", attr);
	for (i = 0; i < n; i++) {
		draw_text(w, y, x, width[i], cells[i], attr);
		x += width[i] + 1;
	}
}

attr_t draw_accent(attr_t row_attr)
{
	if (row_attr & A_COLOR)
		return row_attr | A_BOLD;
	return row_attr | screen_attr(UI_ACCENT);
}

void draw_blank_row(WINDOW *w, int y, attr_t attr)
{
	wmove(w, y, 0);
	whline(w, ' ' | attr, getmaxx(w));
}

/* The next item of a hint text from *p (items are two or more spaces
 * apart): its length in bytes, *p moved past it and the spaces after it.
 * 0 at the end. */
static size_t next_item(const char **p, const char **item)
{
	const char *s = *p, *end;

	while (*s == ' ')
		s++;
	*item = s;
	for (end = s; *end && !(end[0] == ' ' && end[1] == ' '); end++)
		;
	*p = end;
	return (size_t)(end - s);
}

/* Lays the items of text out in rows (see draw_hints), drawing them when
 * w is not NULL; returns the rows used. */
static int flow_hints(WINDOW *w, int y, int x, int width, int max_rows, const char *text,
		      attr_t attr)
{
	const char *p = text, *item;
	char row[1024], piece[512];
	size_t len, rlen = 0;
	int rows = 0, rw = 0, iw, k;

	row[0] = '\0';
	while (rows < max_rows && (len = next_item(&p, &item)) > 0) {
		snprintf(piece, sizeof piece, "%.*s", (int)len, item);
		iw = text_width(piece);
		if (rlen && rw + 2 + iw <= width && rlen + len + 3 < sizeof row) {
			rlen += (size_t)snprintf(row + rlen, sizeof row - rlen, "  %s", piece);
			rw += 2 + iw;
			continue;
		}
		if (rlen) {
			if (w)
				draw_text(w, y + rows, x, width, row, attr);
			rows++;
			rlen = 0;
			row[0] = '\0';
		}
		if (iw > width) {
			/* Too wide for any row: wrapped by words, on rows of its own. */
			k = w ? draw_wrapped(w, y + rows, x, width, max_rows - rows, piece, attr)
			      : wrapped_rows(piece, width);
			rows += k;
			rw = 0;
			continue;
		}
		rlen = (size_t)snprintf(row, sizeof row, "%s", piece);
		rw = iw;
	}
	if (rlen && rows < max_rows) {
		if (w)
			draw_text(w, y + rows, x, width, row, attr);
		rows++;
	}
	return rows;
}

int hint_rows(const char *text, int width)
{
	return flow_hints(NULL, 0, 0, width, 1 << 20, text, 0);
}

int draw_hints(WINDOW *w, int y, int x, int width, int max_rows, const char *text, attr_t attr)
{
	return flow_hints(w, y, x, width, max_rows, text, attr);
}

void widen_to(int *width, const char *text)
{
	int w = text_width(text ? text : "");

	if (w > *width)
		*width = w;
}

void fit_columns(const char *const *head, const int *want, const int *min, int n,
		 const int *prio, int fill, int room, int *width)
{
	int i, k, more;

	room -= n - 1;
	for (i = 0; i < n; i++) {
		width[i] = min[i];
		widen_to(&width[i], head[i]);
		room -= width[i];
	}
	for (k = 0; k < n && room > 0; k++) {
		i = prio[k];
		more = want[i] - width[i];
		if (more > room)
			more = room;
		if (more > 0) {
			width[i] += more;
			room -= more;
		}
	}
	if (room > 0)
		width[fill] += room;
}

/* Length in bytes of the longest run of whole words from s that fits in
 * width columns (at least one character, so long words still progress). */
static size_t line_fit(const char *s, int width)
{
	size_t n = strlen(s), i = 0, used, last_space = 0;
	uint32_t cp;
	int w = 0;

	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		if (cp == '\n')
			return i;
		if (w + text_cp_width(text_cp_shown(cp)) > width)
			return last_space ? last_space : (i ? i : used);
		w += text_cp_width(text_cp_shown(cp));
		i += used;
		if (cp == ' ')
			last_space = i;
	}
	return i;
}

/* The start of the row after the len bytes of p that fill one row. */
static const char *next_row(const char *p, size_t len)
{
	p += len;
	while (*p == ' ')
		p++;
	if (*p == '\n')
		p++;
	return p;
}

int wrapped_rows(const char *text, int width)
{
	const char *p = text;
	int rows = 0;

	for (; *p; rows++)
		p = next_row(p, line_fit(p, width));
	return rows;
}

int draw_wrapped(WINDOW *w, int y, int x, int width, int max_rows, const char *text,
		 attr_t attr)
{
	const char *p = text;
	int rows = 0;

	while (*p && rows < max_rows) {
		size_t len = line_fit(p, width);
		char *line = strndup(p, len);
		bool last = rows == max_rows - 1 && p[len] && p[len] != '\n';
		if (!line)
			break;
		if (last) {
			/* Out of rows: show there is more. */
			draw_text(w, y + rows, x, width, p, attr);
		} else {
			draw_text(w, y + rows, x, width, line, attr);
		}
		free(line);
		p = next_row(p, len);
		rows++;
	}
	return rows;
}

/* Puts bytes [from, to) of text at the cursor, each piece in attr or in
 * mark when it lies in a span. */
static void put_marked(WINDOW *w, const char *text, size_t from, size_t to,
		       const note_span *spans, int nspans, attr_t attr, attr_t mark)
{
	size_t i = from, used;
	uint32_t cp;
	char buf[8];
	int k;

	while (i < to && (used = text_decode(text + i, to - i, &cp)) > 0) {
		bool in = false;
		for (k = 0; k < nspans; k++)
			if (i >= spans[k].start && i < spans[k].end)
				in = true;
		cp = text_cp_shown(cp);
		buf[cp ? text_encode(cp, buf) : 0] = '\0';
		wattrset(w, in ? mark : attr);
		waddstr(w, buf);
		i += used;
	}
	wattrset(w, A_NORMAL);
}

int draw_marked(WINDOW *w, int y, int x, int width, int skip, int max_rows, const char *text,
		const note_span *spans, int nspans, attr_t attr, attr_t mark)
{
	size_t off = 0, len, total = strlen(text);
	int row = 0;

	if (width < 1)
		return 0;
	while (off < total || row == 0) {
		len = line_fit(text + off, width);
		if (row >= skip && row - skip < max_rows) {
			wmove(w, y + row - skip, x);
			put_marked(w, text, off, off + len, spans, nspans, attr, mark);
		}
		row++;
		off += len;
		while (off < total && text[off] == ' ')
			off++;
		if (off < total && text[off] == '\n')
			off++;
		if (len == 0 && off >= total)
			break;
	}
	return row;
}

void draw_label_value(WINDOW *w, int y, int label_width, const char *label, const char *value,
		      attr_t label_attr)
{
	char l[128];

	if (label) {
		snprintf(l, sizeof l, "%s:", label);
		draw_text(w, y, 1, label_width, l, label_attr);
	}
	draw_text(w, y, label_width + 2, getmaxx(w) - label_width - 3, value, 0);
}
