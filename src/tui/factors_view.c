/* factors_view.c: the factor overview: every factor with its figures
 * (notes tagged, sessions and schools where it came up, enabler against
 * barrier, by kind of session), a bar for the share at a glance, folding
 * categories, sorting by any column, its evidence (Enter) and the factors
 * tagged together with it (o); every coder's tags or one coder's (c), and
 * the agreement between coders (a, agreement_view.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agreement.h"
#include "core/codebook.h"
#include "core/codebook_snapshot.h"
#include "core/db.h"
#include "core/figures.h"
#include "core/i18n.h"
#include "core/programme.h"
#include "core/text.h"
#include "tui/agreement_view.h"
#include "tui/draw.h"
#include "tui/export_dialog.h"
#include "tui/factors_view.h"
#include "tui/listview.h"
#include "tui/notes_review.h"
#include "tui/picker.h"
#include "tui/screen.h"
#include "tui/view.h"

#define MAX_PROGRAMMES 64
#define BAR 6          /* the bar at its widest */
#define BAR_MIN 3      /* it gives way to names down to this */
#define CODE_MAX 12    /* a longer code is cut: the name says more */
/* Rows under the list: the selected factor whole (two), the legend. */
#define FOOT_ROWS 3

/* The orders of s, column by column from the left. */
enum sort_column {
	BY_TREE, BY_NAME, BY_NOTES, BY_SESSIONS, BY_SCHOOLS, BY_ENABLERS, BY_BARRIERS,
	BY_INSPIRATIE, BY_GROEI, BY_FOCUS, BY_UITWISSEL, BY_COUNT
};

/* For the title: "by notes" (N_ so the table can be static). */
static const char *const sort_words[BY_COUNT] = {
	N_("codebook order"), N_("by name"), N_("by notes"), N_("by sessions"),
	N_("by schools"), N_("by enablers"), N_("by barriers"), N_("by inspiration sessions"),
	N_("by growth sessions"), N_("by focus groups"), N_("by exchanges"),
};

struct factors_view {
	struct view v;
	codebook_snapshot cb;         /* the whole codebook and its figures */
	bool *folded;                 /* folded[i]: cb.f[i]'s branch is folded */
	int *shown;                   /* indexes of the rows shown, in order */
	int nshown;
	struct listview lv;           /* over shown[] */
	enum sort_column sort;
	bool reversed;                /* fewest first (Z to A for the name) */
	figure_filter filter;         /* filter.coder: NULL or coder */
	db_stamp loaded;              /* the database when cb was read */
	char coder[CODER_MAX];        /* the one coder whose tags count */
	char programme[128], title[512];
};

#define FV(v) ((struct factors_view *)(v))

static int count_shown(void *ctx)
{
	return ((struct factors_view *)ctx)->nshown;
}

/* The factor on the selected row, or NULL when none shows. */
static const st_factor *selected(const struct factors_view *fv)
{
	int k = lv_selected_index(&fv->lv);

	return k >= 0 ? &fv->cb.f[fv->shown[k]] : NULL;
}

static int figure(const factor_figures *g, enum sort_column c)
{
	switch (c) {
	case BY_NOTES: return g->notes;
	case BY_SESSIONS: return g->sessions;
	case BY_SCHOOLS: return g->schools;
	case BY_ENABLERS: return g->enablers;
	case BY_BARRIERS: return g->barriers;
	case BY_INSPIRATIE: case BY_GROEI: case BY_FOCUS: case BY_UITWISSEL:
		return g->by_kind[c - BY_INSPIRATIE];
	default: return 0;
	}
}

static struct factors_view *sorting;   /* for qsort's comparison */

/* Figures most first, names A to Z (reversed: the other way); ties in
 * codebook order either way. */
static int by_column(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b, d;
	char *x, *y;

	if (sorting->sort == BY_NAME) {
		x = text_fold(sorting->cb.f[i].name);
		y = text_fold(sorting->cb.f[j].name);
		d = x && y ? strcmp(x, y) : 0;
		free(x);
		free(y);
	} else {
		d = figure(&sorting->cb.fig[j], sorting->sort)
		    - figure(&sorting->cb.fig[i], sorting->sort);
	}
	if (d != 0)
		return sorting->reversed ? -d : d;
	return i - j;
}

/* Works out the rows shown: the tree minus folded branches, or, sorted by
 * a figure, every factor; factor sel_id stays selected. */
static void arrange_keeping(struct factors_view *fv, long long sel_id)
{
	int i, hide_depth = -1;
	int at = 0;

	fv->nshown = 0;
	for (i = 0; i < fv->cb.n; i++) {
		if (fv->sort == BY_TREE) {
			if (hide_depth >= 0 && fv->cb.f[i].depth > hide_depth)
				continue;
			hide_depth = fv->folded[i] ? fv->cb.f[i].depth : -1;
		}
		fv->shown[fv->nshown++] = i;
	}
	if (fv->sort != BY_TREE) {
		sorting = fv;
		qsort(fv->shown, (size_t)fv->nshown, sizeof fv->shown[0], by_column);
	}
	/* The factor selected stays selected, where it was on screen. */
	for (i = 0; i < fv->nshown; i++)
		if (fv->cb.f[fv->shown[i]].id == sel_id)
			at = i;
	lv_show_index(&fv->lv, at, fv->lv.sel);
}

/* The id of the factor on the selected row, 0 when none shows. */
static long long selected_id(const struct factors_view *fv)
{
	const st_factor *f = selected(fv);

	return f ? f->id : 0;
}

static void arrange(struct factors_view *fv)
{
	arrange_keeping(fv, selected_id(fv));
}

/* Whether factor id is among the n ids. */
static bool has_id(const long long *ids, int n, long long id)
{
	while (n > 0)
		if (ids[--n] == id)
			return true;
	return false;
}

/* Reads the codebook and its figures again; what is folded stays folded
 * (by factor: a factor added or removed moves the others). */
static void load(struct factors_view *fv)
{
	long long *was = calloc((size_t)fv->cb.n + 1, sizeof *was);
	long long keep = selected_id(fv);
	int i, nwas = 0;
	st_err err;

	for (i = 0; was && i < fv->cb.n; i++)
		if (fv->folded[i])
			was[nwas++] = fv->cb.f[i].id;
	codebook_snapshot_free(&fv->cb);
	free(fv->folded);
	free(fv->shown);
	fv->nshown = 0;
	fv->loaded = db_stamp_now(fv->v.app->db);
	if (codebook_snapshot_read(fv->v.app->db, &fv->filter, &fv->cb, &err) < 0)
		app_message(fv->v.app, true, "%s", err.msg);
	fv->folded = calloc(fv->cb.n > 0 ? (size_t)fv->cb.n : 1, sizeof *fv->folded);
	fv->shown = calloc(fv->cb.n > 0 ? (size_t)fv->cb.n : 1, sizeof *fv->shown);
	if (!fv->folded || !fv->shown)
		codebook_snapshot_free(&fv->cb);
	for (i = 0; i < fv->cb.n; i++)
		fv->folded[i] = has_id(was, nwas, fv->cb.f[i].id);
	free(was);
	arrange_keeping(fv, keep);
}

static const char *const head[] = {
	N_("Notes"), N_("Sess."), N_("Schools"), "+", "-",
};

/* Column widths, measured on what they show in the language shown: the
 * headers (translated), the codes, the largest figures and the names of
 * the rows shown; the name gets what is left after the figures, the bar
 * giving way first. */
struct layout { int code, name, num[5], kind[SESSION_KIND_COUNT], bar; };

/* Levels whose bars are scaled apart; deeper ones share the last. */
#define BAR_LEVELS 8

static int bar_level(const st_factor *f)
{
	return f->depth < BAR_LEVELS ? f->depth : BAR_LEVELS - 1;
}

static int list_rows(const struct factors_view *fv)
{
	int rows = fv->v.height - 1 - FOOT_ROWS;

	return rows > 1 ? rows : 1;
}

/* The column head of kind i: the first letter of its name ("G" for
 * Growth, "U" for Uitwisseling), so heads and legend always agree. */
static void kind_initial(int i, char *buf)
{
	const char *label = _(session_kind_short_label[i]);
	uint32_t cp;
	size_t n = text_decode(label, strlen(label), &cp);

	memcpy(buf, label, n);
	buf[n] = '\0';
}

/* Widens *width to the figure v. */
static void widen_to_figure(int *width, int v)
{
	char num[16];

	snprintf(num, sizeof num, "%d", v);
	widen_to(width, num);
}

/* The name cell of factor k: indented two columns a level in codebook
 * order (so a third level shows too), with the fold mark of a category. */
static void name_cell(const struct factors_view *fv, int k, char *buf, size_t size)
{
	const st_factor *f = &fv->cb.f[k];
	bool tree = fv->sort == BY_TREE;

	snprintf(buf, size, "%*s%s%s", tree ? 2 * (f->depth < 8 ? f->depth : 8) : 0, "",
		 f->children && tree ? (fv->folded[k] ? "\xe2\x96\xb8 " : "\xe2\x96\xbe ") : "",
		 f->name);
}

static void lay_out(const struct factors_view *fv, struct layout *l)
{
	char name[512], initial[8];
	int i, c, k, fixed, want = 0, rows = list_rows(fv);

	memset(l, 0, sizeof *l);
	widen_to(&l->code, _("Code"));
	widen_to(&want, _("Factor"));
	for (c = 0; c < 5; c++)
		widen_to(&l->num[c], _(head[c]));
	for (c = 0; c < SESSION_KIND_COUNT; c++) {
		kind_initial(c, initial);
		widen_to(&l->kind[c], initial);
	}
	for (i = 0; i < fv->cb.n; i++) {
		widen_to(&l->code, fv->cb.f[i].code);
		for (c = 0; c < 5; c++)
			widen_to_figure(&l->num[c], figure(&fv->cb.fig[i], BY_NOTES + c));
		for (c = 0; c < SESSION_KIND_COUNT; c++)
			widen_to_figure(&l->kind[c], fv->cb.fig[i].by_kind[c]);
	}
	if (l->code > CODE_MAX)
		l->code = CODE_MAX;
	for (i = 0; i < rows && lv_index(&fv->lv, i) >= 0; i++) {
		name_cell(fv, fv->shown[lv_index(&fv->lv, i)], name, sizeof name);
		widen_to(&want, name);
	}
	/* Margins, the space after the code and after the name, and one
	 * before each figure and before the bar. */
	fixed = 1 + l->code + 1 + 1 + 1;
	for (c = 0; c < 5; c++)
		fixed += l->num[c] + 1;
	for (c = 0; c < SESSION_KIND_COUNT; c++)
		fixed += l->kind[c] + 1;
	k = COLS - fixed - want;
	l->bar = k >= BAR ? BAR : k >= BAR_MIN ? k : BAR_MIN;
	l->name = COLS - fixed - l->bar;
	if (l->name < 1)
		l->name = 1;
}

/* The x of the first figure column. */
static int figures_x(const struct layout *l)
{
	return 1 + l->code + 1 + l->name + 1;
}

static void draw_row(struct factors_view *fv, const struct layout *l, int y, int k,
		     const int *max_notes, bool selected)
{
	const st_factor *f = &fv->cb.f[k];
	const factor_figures *g = &fv->cb.fig[k];
	attr_t attr = selected ? screen_attr(UI_SELECTED) : (f->depth == 0 ? A_BOLD : 0);
	int x, i, len, m;
	char name[512], num[16], bar[BAR * 3 + 1];

	draw_text(stdscr, y, 0, COLS, "", attr);
	draw_text(stdscr, y, 1, l->code, f->code, attr | (selected ? 0 : screen_attr(UI_ACCENT)));
	name_cell(fv, k, name, sizeof name);
	draw_text(stdscr, y, 2 + l->code, l->name, name, attr);
	x = figures_x(l);
	for (i = 0; i < 5; i++) {
		snprintf(num, sizeof num, "%d", figure(g, BY_NOTES + i));
		draw_text_right(stdscr, y, x, l->num[i], num, attr);
		x += l->num[i] + 1;
	}
	for (i = 0; i < SESSION_KIND_COUNT; i++) {
		snprintf(num, sizeof num, "%d", g->by_kind[i]);
		draw_text_right(stdscr, y, x, l->kind[i], num, attr);
		x += l->kind[i] + 1;
	}
	/* The bar: this factor's notes against the most tagged one of its
	 * level, so categories compare with categories and factors with
	 * factors (a category holds the notes of all its factors). */
	m = max_notes[bar_level(f)];
	len = m ? (g->notes * l->bar + m - 1) / m : 0;
	bar[0] = '\0';
	for (i = 0; i < len && i < l->bar; i++)
		strcat(bar, "\xe2\x96\x88");
	draw_text(stdscr, y, x, l->bar, bar, attr | (selected ? 0 : screen_attr(UI_HEADER)));
}

static void draw_head(const struct factors_view *fv, const struct layout *l, int y)
{
	attr_t h = screen_attr(UI_HEADER) | A_BOLD;
	char initial[8];
	int i, x;

	draw_blank_row(stdscr, y, h);
	draw_text(stdscr, y, 1, l->code, _("Code"), h | (fv->sort == BY_TREE ? A_UNDERLINE : 0));
	draw_text(stdscr, y, 2 + l->code, l->name, _("Factor"),
		  h | (fv->sort == BY_NAME ? A_UNDERLINE : 0));
	x = figures_x(l);
	for (i = 0; i < 5; i++) {
		draw_text_right(stdscr, y, x, l->num[i], _(head[i]),
				h | (fv->sort == (enum sort_column)(BY_NOTES + i) ? A_UNDERLINE : 0));
		x += l->num[i] + 1;
	}
	for (i = 0; i < SESSION_KIND_COUNT; i++) {
		kind_initial(i, initial);
		draw_text_right(stdscr, y, x, l->kind[i], initial,
				h | (fv->sort == (enum sort_column)(BY_INSPIRATIE + i) ? A_UNDERLINE : 0));
		x += l->kind[i] + 1;
	}
}

/* Under the list: the selected factor, its name whole (wrapped when it
 * must be) and its definition; then what the figure columns mean. */
static void draw_foot(const struct factors_view *fv, int y)
{
	const st_factor *f = selected(fv);
	char text[1024], initials[40] = "", kinds[256] = "", initial[8];
	int i, used = 0;

	for (i = 0; i < FOOT_ROWS; i++)
		draw_blank_row(stdscr, y + i, 0);
	if (f) {
		snprintf(text, sizeof text, "%s  %s", f->code, f->name);
		used = draw_wrapped(stdscr, y, 1, COLS - 2, FOOT_ROWS - 1, text, A_BOLD);
		if (used < FOOT_ROWS - 1 && f->definition && *f->definition)
			draw_text(stdscr, y + used, 1, COLS - 2, f->definition, 0);
	}
	for (i = 0; i < SESSION_KIND_COUNT && i < 4; i++) {
		kind_initial(i, initial);
		snprintf(initials + strlen(initials), sizeof initials - strlen(initials), "%s%s",
			 i ? " " : "", initial);
		snprintf(kinds + strlen(kinds), sizeof kinds - strlen(kinds), "%s%s", i ? ", " : "",
			 _(session_kind_short_label[i]));
	}
	/* TRANSLATORS: the legend under the factor overview: the first %s
	 * is the column heads of the kinds of session ("I G F E"), the
	 * second their names ("Inspiration, Growth, ..."). */
	snprintf(text, sizeof text, _("+ enabler  - barrier  %s: %s"), initials, kinds);
	draw_text(stdscr, y + FOOT_ROWS - 1, 1, COLS - 2, text, screen_attr(UI_ACCENT));
}

static void fv_draw(struct view *v)
{
	struct factors_view *fv = FV(v);
	int rows = list_rows(fv), i, y, max_notes[BAR_LEVELS] = { 0 };
	struct layout l;

	for (i = 0; i < fv->cb.n; i++)
		if (fv->cb.fig[i].notes > max_notes[bar_level(&fv->cb.f[i])])
			max_notes[bar_level(&fv->cb.f[i])] = fv->cb.fig[i].notes;
	lv_set_height(&fv->lv, rows);
	lay_out(fv, &l);
	draw_head(fv, &l, v->top);
	for (i = 0, y = v->top + 1; i < rows; i++, y++) {
		if (lv_index(&fv->lv, i) < 0) {
			draw_blank_row(stdscr, y, 0);
			continue;
		}
		draw_row(fv, &l, y, fv->shown[lv_index(&fv->lv, i)], max_notes, i == fv->lv.sel);
	}
	draw_foot(fv, v->top + 1 + rows);
	if (fv->cb.n == 0)
		draw_text(stdscr, v->top + 2, 2, COLS - 4, _("The codebook is empty: K opens it."), 0);
}

/* The words for the title: "STEM++ 2017-2018  ·  Focus group". */
static void describe_filter(struct factors_view *fv, const char *programme)
{
	const char *kind = fv->filter.session_kind ? session_kind_text(fv->filter.session_kind) : "";

	snprintf(fv->programme, sizeof fv->programme, "%s%s%s", programme,
		 *programme && *kind ? "  \xc2\xb7  " : "", kind);
}

/* f: a programme and a kind of session can be chosen together (as with
 * `stemtui factors --programme P --session-kind K`): choosing one keeps
 * the other, "All notes" clears both.  The current ones are marked. */
static void pick_filter(struct factors_view *fv)
{
	st_programme progs[MAX_PROGRAMMES];
	static char labels[MAX_PROGRAMMES + SESSION_KIND_COUNT + 1][160];
	const char *items[MAX_PROGRAMMES + SESSION_KIND_COUNT + 1];
	char programme[128] = "";
	st_err err;
	int n, i, chosen, count = 0;
	bool on;

	n = programme_list(fv->v.app->db, progs, MAX_PROGRAMMES, &err);
	if (n < 0)
		n = 0;
	snprintf(labels[count++], sizeof labels[0], "  %s", _("All notes"));
	for (i = 0; i < n; i++) {
		on = progs[i].id == fv->filter.programme_id;
		snprintf(labels[count++], sizeof labels[0], "%s %s", on ? "\xe2\x80\xa2" : " ",
			 progs[i].name);
		if (on)
			snprintf(programme, sizeof programme, "%s", progs[i].name);
	}
	for (i = 0; i < SESSION_KIND_COUNT; i++) {
		on = fv->filter.session_kind && strcmp(fv->filter.session_kind, session_kind_key[i]) == 0;
		snprintf(labels[count++], sizeof labels[0], "%s %s", on ? "\xe2\x80\xa2" : " ",
			 _(session_kind_label[i]));
	}
	for (i = 0; i < count; i++)
		items[i] = labels[i];
	chosen = picker_run(fv->v.app, _("Count the notes of (a programme, a kind, or both)"),
			    items, count, 0);
	if (chosen == 0) {
		fv->filter.programme_id = 0;
		fv->filter.session_kind = NULL;
		programme[0] = '\0';
	} else if (chosen >= 1 && chosen <= n) {
		fv->filter.programme_id = progs[chosen - 1].id;
		snprintf(programme, sizeof programme, "%s", progs[chosen - 1].name);
	} else if (chosen > n) {
		fv->filter.session_kind = session_kind_key[chosen - 1 - n];
	}
	if (chosen >= 0) {
		describe_filter(fv, programme);
		load(fv);
	}
	for (i = 0; i < n; i++)
		programme_clear(&progs[i]);
}

#define MAX_CODERS 64

/* c: every coder's tags, then each coder's in turn (by name), then every
 * coder's again.  The coders are read afresh each time (a sync may have
 * brought one). */
static void next_coder(struct factors_view *fv)
{
	coder_name coders[MAX_CODERS];
	st_err err;
	int n = coder_list(fv->v.app->db, coders, MAX_CODERS, &err), i = 0;

	if (n < 0) {
		app_message(fv->v.app, true, "%s", err.msg);
		return;
	}
	if (fv->filter.coder)
		while (i < n && strcmp(coders[i].coder, fv->coder) != 0)
			i++;
	i = fv->filter.coder ? i + 1 : 0;
	if (i < n) {
		memcpy(fv->coder, coders[i].coder, sizeof fv->coder);
		fv->filter.coder = fv->coder;
	} else {
		fv->filter.coder = NULL;
	}
	if (n == 0)
		app_message(fv->v.app, false, "%s", _("No tags yet: every coder's tags count"));
	load(fv);
}

static void cooccurrence(struct factors_view *fv)
{
	factor_cooccur co[64];
	char lines[64][384], title[384];
	const char *items[64];
	const st_factor *f = selected(fv);
	st_err err;
	int n, i;

	if (!f)
		return;
	n = factor_cooccurrence(fv->v.app->db, f->id, &fv->filter, co, 64, &err);
	if (n <= 0) {
		app_message(fv->v.app, false, _("No other factor is tagged on the notes of %s"), f->code);
		return;
	}
	for (i = 0; i < n; i++) {
		snprintf(lines[i], sizeof lines[i], ngettext("%-6s %s  (%d note)", "%-6s %s  (%d notes)",
							     (unsigned long)co[i].notes),
			 co[i].code, co[i].name, co[i].notes);
		items[i] = lines[i];
	}
	snprintf(title, sizeof title, _("Tagged together with %s %s"), f->code, f->name);
	i = picker_run(fv->v.app, title, items, n, 0);
	if (i >= 0)
		view_push(fv->v.app, notes_review_open_factor(fv->v.app, co[i].factor_id, &fv->filter));
}

static bool fv_act(struct view *v, enum action a)
{
	struct factors_view *fv = FV(v);
	const st_factor *sel = selected(fv);

	if (lv_move(&fv->lv, a))
		return true;
	switch (a) {
	case ACT_FOLD:
		if (sel && sel->children && fv->sort == BY_TREE) {
			fv->folded[sel - fv->cb.f] = !fv->folded[sel - fv->cb.f];
			arrange(fv);
		}
		break;
	case ACT_SORT_COLUMN:
		fv->sort = (fv->sort + 1) % BY_COUNT;
		arrange(fv);
		break;
	case ACT_SORT_REVERSE:
		/* Codebook order upside down would put factors above their
		 * category. */
		if (fv->sort == BY_TREE) {
			app_message(v->app, false, "%s", _("s sorts by a column first; S then reverses it"));
			break;
		}
		fv->reversed = !fv->reversed;
		arrange(fv);
		break;
	case ACT_FIGURE_FILTER: pick_filter(fv); break;
	case ACT_OPEN:
		if (sel)
			view_push(v->app, notes_review_open_factor(v->app, sel->id, &fv->filter));
		break;
	case ACT_COOCCUR: if (sel) cooccurrence(fv); break;
	case ACT_CODER: next_coder(fv); break;
	case ACT_AGREEMENT: agreement_view_run(v->app, &fv->filter); break;
	case ACT_EXPORT: {
		export_options o = { .programme_id = fv->filter.programme_id,
				     .session_kind = fv->filter.session_kind,
				     .coder = fv->filter.coder };
		export_dialog_run(v->app, EXPORT_FACTORS, &o);
		break;
	}
	default: return false;
	}
	return true;
}

static const char *fv_title(struct view *v)
{
	struct factors_view *fv = FV(v);

	char order[128], coder[CODER_MAX + 64] = "";

	if (fv->filter.coder)
		snprintf(coder, sizeof coder, _("  \xc2\xb7  coder %s"),
			 *fv->coder ? fv->coder : _("(unknown)"));
	if (fv->sort == BY_TREE)
		snprintf(order, sizeof order, "%s", _(sort_words[BY_TREE]));
	else if (fv->sort == BY_NAME)
		snprintf(order, sizeof order, fv->reversed ? _("%s, Z to A") : _("%s, A to Z"),
			 _(sort_words[BY_NAME]));
	else
		snprintf(order, sizeof order, fv->reversed ? _("%s, fewest first") : _("%s, most first"),
			 _(sort_words[fv->sort]));
	snprintf(fv->title, sizeof fv->title, _("Factors  \xc2\xb7  %s%s  \xc2\xb7  %s"),
		 fv->programme[0] ? fv->programme : _("all notes"), coder, order);
	return fv->title;
}

static void fv_close(struct view *v)
{
	struct factors_view *fv = FV(v);

	codebook_snapshot_free(&fv->cb);
	free(fv->folded);
	free(fv->shown);
	lv_free(&fv->lv);
	free(fv);
}

/* Coming back from the codebook or from tagging shows fresh figures; from
 * reading a factor's notes, when nothing changed, the figures it shows
 * (reading them costs more than a frame at a million notes). */
static void fv_resume(struct view *v)
{
	struct factors_view *fv = FV(v);

	if (!db_stamp_same(fv->loaded, db_stamp_now(v->app->db)))
		load(fv);
}

static const enum action fv_handles[] = {
	LIST_MOVES, ACT_OPEN, ACT_COOCCUR, ACT_EXPORT, ACT_FIGURE_FILTER, ACT_FOLD, ACT_SORT_COLUMN, ACT_SORT_REVERSE,
	ACT_CODER, ACT_AGREEMENT, ACT_NONE,
};

const struct view_ops factors_ops = {
	.name = "factors",
	.kinds = { VIEW_FACTORS },
	.handles = fv_handles,
	.draw = fv_draw,
	.act = fv_act,
	.close = fv_close,
	.title = fv_title,
	.resume = fv_resume,
};

struct view *factors_view_open(struct tui_app *app)
{
	struct factors_view *fv = calloc(1, sizeof *fv);

	if (!fv)
		return NULL;
	fv->v.ops = &factors_ops;
	fv->v.app = app;
	fv->v.height = LINES - 2;
	lv_init_indexed(&fv->lv, count_shown, fv);
	fv->lv.height = fv->v.height - 1;
	load(fv);
	return &fv->v;
}
