/* draw.c: see draw.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/draw.h"

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

void draw_blank_row(WINDOW *w, int y, attr_t attr)
{
	wmove(w, y, 0);
	whline(w, ' ' | attr, getmaxx(w));
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
		if (w + text_cp_width(cp) > width)
			return last_space ? last_space : (i ? i : used);
		w += text_cp_width(cp);
		i += used;
		if (cp == ' ')
			last_space = i;
	}
	return i;
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
		p += len;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
		rows++;
	}
	return rows;
}
