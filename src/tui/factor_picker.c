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

#include "core/codebook.h"
#include "core/i18n.h"
#include "core/notes.h"
#include "core/tags.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/factor_picker.h"
#include "tui/lineedit.h"
#include "tui/listview.h"
#include "tui/screen.h"
#include "tui/writes.h"

#define MAX_TAGS 64

struct fpicker {
	struct tui_app *app;
	long long note_id;
	char title[256];      /* "Tag note 44: the note's first words" */
	struct lineedit filter;
	st_factor *f;         /* the codebook, or what matches the filter: all of it */
	int n;
	struct listview lv;   /* over f[] */
	st_tag tags[MAX_TAGS];
	int ntags;
};

/* Where the picker is: the keys and help of VIEW_TAGGER (the arrows are
 * the list's and the polarity's; typing goes to the filter). */
#define TAGGER_KIND (VIEW_TAGGER | FIELD_FILTER)

static const enum action tagger_handles[] = {
	LIST_MOVES, ACT_TAG_TOGGLE, ACT_POLARITY_UP, ACT_POLARITY_DOWN, ACT_BACK, ACT_NONE,
};

/* Only its keys: the picker is a box drawn over the screen it serves. */
const struct view_ops tagger_ops = {
	.name = "tagger",
	.kinds = { TAGGER_KIND },
	.handles = tagger_handles,
};

static int count_factors(void *ctx)
{
	return ((struct fpicker *)ctx)->n;
}

/* The selected factor, or NULL when none shows. */
static const st_factor *selected(const struct fpicker *p)
{
	int k = lv_selected_index(&p->lv);

	return k >= 0 && k < p->n ? &p->f[k] : NULL;
}

static void load(struct fpicker *p)
{
	st_err err;

	factors_free(p->f, p->n);
	p->n = p->filter.len ? factor_search_all(p->app->db, p->filter.utf8, &p->f, &err)
			     : factor_tree_all(p->app->db, &p->f, &err);
	if (p->n < 0) {
		app_message(p->app, true, "%s", err.msg);
		p->n = 0;
	}
	/* The rows shown are indexes into f: read them again (the codebook
	 * may have changed under another program). */
	lv_reload(&p->lv);
	/* A note kept for the database (note_id < 0) has no tags there yet. */
	/* This facilitator's tags: the ones the picker changes. */
	p->ntags = p->note_id > 0 ? tag_list(p->app->db, p->note_id,
					     tag_coder_of(p->app->settings->facilitator), p->tags,
					     MAX_TAGS, &err) : 0;
	if (p->ntags < 0)
		p->ntags = 0;
}

/* The polarity note has for factor id, or PW_UNTAG when untagged: as it
 * will be once the tags kept for the database are saved. */
static int tag_of(const struct fpicker *p, long long id)
{
	int i, pol = PW_UNTAG;

	for (i = 0; i < p->ntags; i++)
		if (p->tags[i].factor_id == id)
			pol = p->tags[i].polarity;
	return app_tag_to_be(p->app, p->note_id, id, pol);
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
	int h = LINES - 4, w = COLS - 6, rows, i, y, find;
	WINDOW *win;
	char line[768], mark[8], about[1024];
	const st_factor *f;
	bool cut = false;

	app_redraw(p->app);
	win = newwin(h, w, 2, 3);
	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	draw_text_clip(win, 0, 2, w - 4, p->title, screen_attr(UI_HEADER) | A_BOLD);
	/* The field follows the label, whose width depends on the language. */
	find = 2 + draw_text_clip(win, 1, 2, w - 12, _("Find: "), screen_attr(UI_ACCENT) | A_BOLD);
	rows = h - 7;
	lv_set_height(&p->lv, rows);
	for (i = 0, y = 2; i < rows; i++, y++) {
		int k = lv_index(&p->lv, i), pol;
		attr_t attr;
		if (k < 0) {
			draw_text(win, y, 1, w - 2, "", 0);
			continue;
		}
		pol = tag_of(p, p->f[k].id);
		attr = i == p->lv.sel ? screen_attr(UI_SELECTED) : 0;
		snprintf(mark, sizeof mark, "[%s]", pol == PW_UNTAG ? " " : factor_polarity_mark(pol));
		snprintf(line, sizeof line, "%s %*s%-6s %s", mark, p->f[k].depth * 2, "", p->f[k].code,
			 p->f[k].name);
		draw_text(win, y, 1, w - 2, line, attr | (pol != 2 ? A_BOLD : 0));
		if (i == p->lv.sel)
			cut = text_width(line) > w - 2;
	}
	if (p->n == 0)
		draw_text(win, 3, 3, w - 6, _("No factor matches."), 0);
	/* Below the list, the definition; first the whole name when the
	 * list cuts it. */
	if ((f = selected(p)) != NULL) {
		const char *def = f->definition ? f->definition : "";

		snprintf(about, sizeof about, "%s%s%s", cut ? f->name : "", cut && *def ? ": " : "",
			 def);
		draw_wrapped(win, h - 5, 2, w - 4, 2, about, screen_attr(UI_ACCENT));
	}
	draw_text(win, h - 3, 2, w - 4,
		  _("Enter tag/untag  \xe2\x86\x92 enabler +  \xe2\x86\x90 barrier -  (neutral in between)"), 0);
	draw_text(win, h - 2, 2, w - 4, p->filter.len ? _("Type to find by code, name or definition  Esc clear")
						 : _("Type to find by code, name or definition  Esc done"), 0);
	le_draw(&p->filter, win, 1, find, w - 2 - find, A_BOLD, true);
	curs_set(1);
	wrefresh(win);
	delwin(win);
}

/* Enter: tag (neutral) or untag the selected factor. */
static void toggle(struct fpicker *p)
{
	const st_factor *f = selected(p);

	if (f)
		app_tag_note(p->app, p->note_id, f, tag_of(p, f->id) == PW_UNTAG ? 0 : PW_UNTAG);
}

/* Right: towards enabler; Left: towards barrier (tagging when untagged). */
static void shift(struct fpicker *p, int dir)
{
	const st_factor *f = selected(p);
	int pol;

	if (!f)
		return;
	pol = tag_of(p, f->id);
	pol = pol == PW_UNTAG ? dir : pol + dir;
	if (pol > 1)
		pol = 1;
	if (pol < -1)
		pol = -1;
	app_tag_note(p->app, p->note_id, f, pol);
}

/* The title names the note being tagged, by its number and first words
 * (the first line; the box cuts it with "…"). */
static void name_note(struct fpicker *p)
{
	st_note n = { 0 };
	st_err err;
	char words[200];

	words[0] = '\0';
	if (p->note_id < 0) {
		snprintf(p->title, sizeof p->title, "%s",
			 _("Tag the new note (it waits for the database)"));
		return;
	}
	if (note_get(p->app->db, p->note_id, &n, &err) == 1)
		snprintf(words, sizeof words, "%.*s", (int)strcspn(n.body, "\r\n"), n.body);
	note_clear(&n);
	snprintf(p->title, sizeof p->title, _("Tag note %lld: %s"), p->note_id, words);
}

/* A key that is not the filter's: move, tag, change the polarity, Esc,
 * help, quit.  False when the picker closes. */
static bool list_key(struct fpicker *p, int key)
{
	enum action a = action_for_key(TAGGER_KIND, key);

	if (lv_move(&p->lv, a))
		return true;
	switch (a) {
	case ACT_TAG_TOGGLE: toggle(p); break;
	case ACT_POLARITY_UP: shift(p, 1); break;
	case ACT_POLARITY_DOWN: shift(p, -1); break;
	case ACT_BACK:
		/* Esc clears what is typed first, as in every field. */
		if (!p->filter.len)
			return false;
		le_clear(&p->filter);
		load(p);
		lv_home(&p->lv);
		break;
	default:
		return !modal_common(p->app, a, TAGGER_KIND);
	}
	return true;
}

void factor_picker_run(struct tui_app *app, long long note_id)
{
	struct fpicker *p = calloc(1, sizeof *p);
	enum le_result r;
	int key;

	if (!p)
		return;
	p->app = app;
	p->note_id = note_id;
	name_note(p);
	le_clear(&p->filter);
	lv_init_indexed(&p->lv, count_factors, p);
	load(p);
	lv_home(&p->lv);
	app->modal_kind = TAGGER_KIND;
	for (;;) {
		draw(p);
		if (screen_stop_requested() || !screen_read_key(&key)) {
			if (screen_stop_requested())
				break;
			/* Tags kept for the database go as soon as it is free. */
			app_writes_retry(app);
			load(p);
			continue;
		}
		/* Typing narrows the list; the arrows are the list's. */
		r = le_key(&p->filter, key, LE_TEXT_KEYS);
		if (r == LE_CHANGED) {
			load(p);
			lv_home(&p->lv);
			continue;
		}
		if (r == LE_NOT_MINE && !list_key(p, key))
			break;
		load(p);   /* the tags as they are now */
	}
	app->modal_kind = 0;
	lv_free(&p->lv);
	curs_set(0);
	factors_free(p->f, p->n);
	free(p);
}
