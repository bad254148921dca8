/* factor_picker.c: tagging a note with factors.
 *
 * A box over the screen lists the codebook; typing narrows it by code,
 * name or definition (ignoring case and accents).  Enter tags or untags
 * the selected factor; Right and Left change the polarity (neutral,
 * enabler +, barrier -).  Every change is saved at once. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/factors.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/factor_picker.h"
#include "tui/lineedit.h"
#include "tui/screen.h"

#define MAX_FACTORS 512
#define MAX_TAGS 64

struct fpicker {
	struct tui_app *app;
	long long note_id;
	struct lineedit filter;
	st_factor f[MAX_FACTORS];
	int n, sel, first;
	st_tag tags[MAX_TAGS];
	int ntags;
};

static void load(struct fpicker *p)
{
	st_err err;
	int i;

	for (i = 0; i < p->n; i++)
		factor_clear(&p->f[i]);
	p->n = p->filter.len ? factor_search(p->app->db, p->filter.utf8, p->f, MAX_FACTORS, &err)
			     : factor_tree(p->app->db, p->f, MAX_FACTORS, &err);
	if (p->n < 0)
		p->n = 0;
	p->ntags = tag_list(p->app->db, p->note_id, p->tags, MAX_TAGS, &err);
	if (p->ntags < 0)
		p->ntags = 0;
	if (p->sel >= p->n)
		p->sel = p->n ? p->n - 1 : 0;
}

/* The polarity note has for factor id, or 2 when untagged. */
static int tag_of(const struct fpicker *p, long long id)
{
	int i;

	for (i = 0; i < p->ntags; i++)
		if (p->tags[i].factor_id == id)
			return p->tags[i].polarity;
	return 2;
}

const char *factor_polarity_mark(int polarity)
{
	return polarity > 0 ? "+" : polarity < 0 ? "-" : "\xc2\xb7";
}

const char *factor_polarity_bits_mark(int bits)
{
	if ((bits & TAG_HAS_ENABLER) && (bits & TAG_HAS_BARRIER))
		return "\xc2\xb1";
	if (bits & (TAG_HAS_ENABLER | TAG_HAS_BARRIER))
		return factor_polarity_mark(bits & TAG_HAS_ENABLER ? 1 : -1);
	return bits & TAG_HAS_NEUTRAL ? factor_polarity_mark(0) : "";
}

static void draw(struct fpicker *p)
{
	int h = LINES - 4, w = COLS - 6, rows, i, y, find_w;
	WINDOW *win;
	char line[768], mark[8], about[1024];
	bool cut = false;

	app_redraw(p->app);
	win = newwin(h, w, 2, 3);
	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	draw_text_clip(win, 0, 2, w - 4, _("Tag the note"), screen_attr(UI_HEADER) | A_BOLD);
	/* The field starts after its label, whatever its length ("Zoeken: "). */
	find_w = draw_text_clip(win, 1, 2, w - 12, _("Find: "), screen_attr(UI_ACCENT) | A_BOLD);
	rows = h - 7;
	if (p->sel < p->first)
		p->first = p->sel;
	if (p->sel >= p->first + rows)
		p->first = p->sel - rows + 1;
	for (i = 0, y = 2; i < rows; i++, y++) {
		int k = p->first + i, pol;
		attr_t attr;
		if (k >= p->n) {
			draw_text(win, y, 1, w - 2, "", 0);
			continue;
		}
		pol = tag_of(p, p->f[k].id);
		attr = k == p->sel ? screen_attr(UI_SELECTED) : 0;
		snprintf(mark, sizeof mark, "[%s]", pol == 2 ? " " : factor_polarity_mark(pol));
		snprintf(line, sizeof line, "%s %*s%-6s %s", mark, p->f[k].depth * 2, "", p->f[k].code,
			 p->f[k].name);
		draw_text(win, y, 1, w - 2, line, attr | (pol != 2 ? A_BOLD : 0));
		if (k == p->sel)
			cut = text_width(line) > w - 2;
	}
	if (p->n == 0)
		draw_text(win, 3, 3, w - 6, _("No factor matches."), 0);
	/* Below the list, the definition; first the whole name when the
	 * list cuts it. */
	if (p->sel < p->n) {
		const char *def = p->f[p->sel].definition ? p->f[p->sel].definition : "";

		snprintf(about, sizeof about, "%s%s%s", cut ? p->f[p->sel].name : "",
			 cut && *def ? ": " : "", def);
		draw_wrapped(win, h - 5, 2, w - 4, 2, about, screen_attr(UI_ACCENT));
	}
	draw_text(win, h - 3, 2, w - 4,
		  _("Enter tag/untag  \xe2\x86\x92 enabler +  \xe2\x86\x90 barrier -  (neutral in between)"), 0);
	draw_text(win, h - 2, 2, w - 4, _("Type to find by code, name or definition  Esc done"), 0);
	le_draw(&p->filter, win, 1, 2 + find_w, w - 4 - find_w, A_BOLD, true);
	curs_set(1);
	wrefresh(win);
	delwin(win);
}

/* Enter: tag (neutral) or untag the selected factor. */
static void toggle(struct fpicker *p)
{
	st_err err;
	int pol, rc;

	if (p->sel >= p->n)
		return;
	pol = tag_of(p, p->f[p->sel].id);
	rc = pol == 2 ? tag_set(p->app->db, p->note_id, p->f[p->sel].id, 0, &err)
		      : tag_remove(p->app->db, p->note_id, p->f[p->sel].id, &err);
	if (rc != 0)
		app_message(p->app, true, "%s", err.msg);
}

/* Right: towards enabler; Left: towards barrier (tagging when untagged). */
static void shift(struct fpicker *p, int dir)
{
	st_err err;
	int pol;

	if (p->sel >= p->n)
		return;
	pol = tag_of(p, p->f[p->sel].id);
	pol = pol == 2 ? dir : pol + dir;
	if (pol > 1)
		pol = 1;
	if (pol < -1)
		pol = -1;
	if (tag_set(p->app->db, p->note_id, p->f[p->sel].id, pol, &err) != 0)
		app_message(p->app, true, "%s", err.msg);
}

void factor_picker_run(struct tui_app *app, long long note_id)
{
	struct fpicker *p = calloc(1, sizeof *p);
	int key, i;

	if (!p)
		return;
	p->app = app;
	p->note_id = note_id;
	le_clear(&p->filter);
	load(p);
	for (;;) {
		draw(p);
		if (screen_stop_requested() || !screen_read_key(&key)) {
			if (screen_stop_requested())
				break;
			continue;
		}
		if (key == 27)
			break;
		if (key == KC(KEY_UP) && p->sel > 0)
			p->sel--;
		else if (key == KC(KEY_DOWN) && p->sel + 1 < p->n)
			p->sel++;
		else if (key == KC(KEY_PPAGE))
			p->sel = p->sel > 10 ? p->sel - 10 : 0;
		else if (key == KC(KEY_NPAGE))
			p->sel = p->sel + 10 < p->n ? p->sel + 10 : (p->n ? p->n - 1 : 0);
		else if (key == '\r' || key == '\n' || key == KC(KEY_ENTER))
			toggle(p);
		else if (key == KC(KEY_RIGHT))
			shift(p, 1);
		else if (key == KC(KEY_LEFT))
			shift(p, -1);
		else if (le_type(&p->filter, key))
			p->sel = p->first = 0;
		load(p);
	}
	curs_set(0);
	for (i = 0; i < p->n; i++)
		factor_clear(&p->f[i]);
	free(p);
}
