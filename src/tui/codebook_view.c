/* codebook_view.c: the codebook of critical success factors as a tree:
 * add, edit (rename, definition, colour...), move under another factor,
 * merge two factors, delete with a choice of what happens to the tags. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/codebook_view.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/export_dialog.h"
#include "tui/listview.h"
#include "tui/picker.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "tui/writes.h"

struct codebook_view {
	struct view v;
	st_factor *f;                 /* the whole codebook */
	int n;
	struct listview lv;           /* over f[] */
	char title[128];
};

#define CV(v) ((struct codebook_view *)(v))
/* The index in f[] of the selected factor (valid when n > 0). */
#define SEL(cv) lv_selected_index(&(cv)->lv)

static int count_factors(void *ctx)
{
	return ((struct codebook_view *)ctx)->n;
}

static void load(struct codebook_view *cv)
{
	long long keep = cv->n && SEL(cv) >= 0 ? cv->f[SEL(cv)].id : 0;
	st_err err;
	int i, at = SEL(cv) >= 0 ? SEL(cv) : 0;

	factors_free(cv->f, cv->n);
	cv->n = factor_tree_all(cv->v.app->db, &cv->f, &err);
	if (cv->n < 0) {
		app_message(cv->v.app, true, "%s", err.msg);
		cv->n = 0;
	}
	/* The factor selected stays selected, where it was on screen. */
	for (i = 0; i < cv->n; i++)
		if (cv->f[i].id == keep)
			at = i;
	lv_show_index(&cv->lv, at, cv->lv.sel);
}

/* Rows under the list: a line, then the selected factor (its name and
 * definition). */
#define PANE_ROWS 5

static int list_rows(const struct codebook_view *cv)
{
	return cv->v.height - PANE_ROWS > 1 ? cv->v.height - PANE_ROWS : 1;
}

/* Under the list: the selected factor with its whole name (the row
 * above may cut it), then its definition, in `rows` rows from y. */
static void draw_selected(const st_factor *f, int y, int rows)
{
	char head[640];
	int used;

	snprintf(head, sizeof head, "%s  %s", f->code, f->name);
	used = draw_wrapped(stdscr, y, 1, COLS - 2, rows, head, A_BOLD);
	if (used < rows && f->definition)
		draw_wrapped(stdscr, y + used, 1, COLS - 2, rows - used, f->definition, 0);
}

static void cv_draw(struct view *v)
{
	struct codebook_view *cv = CV(v);
	int rows = list_rows(cv), i, y;
	char line[768];

	lv_set_height(&cv->lv, rows);
	for (i = 0, y = v->top; i < rows; i++, y++) {
		int k = lv_index(&cv->lv, i);
		attr_t attr;
		if (k < 0) {
			draw_blank_row(stdscr, y, 0);
			continue;
		}
		attr = i == cv->lv.sel ? screen_attr(UI_SELECTED) : (cv->f[k].depth == 0 ? A_BOLD : 0);
		snprintf(line, sizeof line, "%*s%-6s %s", cv->f[k].depth * 3, "", cv->f[k].code, cv->f[k].name);
		draw_text(stdscr, y, 0, COLS, "", attr);
		draw_text(stdscr, y, 1, COLS - 12, line, attr);
		draw_text(stdscr, y, COLS - 9, 8, cv->f[k].colour, attr);
	}
	mvwhline(stdscr, v->top + rows, 0, ACS_HLINE, COLS);
	for (y = v->top + rows + 1; y < v->top + v->height; y++)
		draw_blank_row(stdscr, y, 0);
	if (cv->n)
		draw_selected(&cv->f[SEL(cv)], v->top + rows + 1, v->height - rows - 1);
	else
		draw_text(stdscr, v->top + 1, 2, COLS - 4, _("The codebook is empty: N adds a category."), 0);
}

enum { C_CODE, C_NAME, C_DEFINITION, C_INCLUSION, C_EXCLUSION, C_COLOUR, C_MEMO, C_COUNT };

/* The form's fields as a write of factor id (0: a new one under parent),
 * its strings in the form's order (pending.h: PW_FACTOR). */
static void factor_write(struct form_field *f, long long id, long long parent, pending_write *w)
{
	char what[512];
	int i;

	memset(w, 0, sizeof *w);
	w->kind = PW_FACTOR;
	w->n[0] = id;
	w->n[1] = id ? 0 : parent;
	for (i = 0; i < C_COUNT; i++)
		pending_write_text(w, i, text_trim(f[i].edit.utf8));
	snprintf(what, sizeof what, "%.40s %.400s", f[C_CODE].edit.utf8, f[C_NAME].edit.utf8);
	w->what = strdup(what);
}

/* Edits factor id, or adds one under parent (id 0). */
static void edit(struct codebook_view *cv, long long id, long long parent)
{
	struct form_field f[C_COUNT];
	st_factor fc = { 0 };
	pending_write w;
	enum write_result r;
	st_err err;
	int i;

	memset(f, 0, sizeof f);
	f[C_CODE] = (struct form_field){ .label = N_("Code"), .type = FIELD_TEXT, .required = true };
	f[C_NAME] = (struct form_field){ .label = N_("Name"), .type = FIELD_TEXT, .required = true };
	f[C_DEFINITION] = (struct form_field){ .label = N_("Definition"), .type = FIELD_TEXT };
	f[C_INCLUSION] = (struct form_field){ .label = N_("Use when"), .type = FIELD_TEXT };
	f[C_EXCLUSION] = (struct form_field){ .label = N_("Not when"), .type = FIELD_TEXT };
	f[C_COLOUR] = (struct form_field){ .label = N_("Colour (#RRGGBB)"), .type = FIELD_TEXT };
	f[C_MEMO] = (struct form_field){ .label = N_("Memo"), .type = FIELD_TEXT };
	for (i = 0; i < C_COUNT; i++)
		le_clear(&f[i].edit);
	if (id && factor_get(cv->v.app->db, id, &fc, &err) == 1) {
		le_set(&f[C_CODE].edit, fc.code);
		le_set(&f[C_NAME].edit, fc.name);
		le_set(&f[C_DEFINITION].edit, fc.definition);
		le_set(&f[C_INCLUSION].edit, fc.inclusion);
		le_set(&f[C_EXCLUSION].edit, fc.exclusion);
		le_set(&f[C_COLOUR].edit, fc.colour);
		le_set(&f[C_MEMO].edit, fc.memo);
	}
	factor_clear(&fc);
	while (form_run(cv->v.app, id ? _("Edit factor") : _("New factor"), f, C_COUNT, NULL, NULL)) {
		factor_write(f, id, parent, &w);
		/* Refused (a code taken): the form stays, as it was. */
		r = app_write(cv->v.app, &w, NULL);
		if (r == WRITE_DONE)
			app_message(cv->v.app, false, _("Saved %s %s"), f[C_CODE].edit.utf8,
				    f[C_NAME].edit.utf8);
		if (r != WRITE_FAILED)
			break;
	}
	load(cv);
}

/* Picks another factor (for moving or merging); top adds "(top level)"
 * as the first choice, returned as 0.  -1 when cancelled. */
static long long pick_other(struct codebook_view *cv, const char *title, bool top)
{
	char **labels = calloc((size_t)cv->n + 1, sizeof *labels);
	const char **items = calloc((size_t)cv->n + 1, sizeof *items);
	long long *ids = calloc((size_t)cv->n + 1, sizeof *ids), id = -1;
	int i, n = 0, chosen;

	if (!labels || !items || !ids)
		goto done;
	if (top) {
		labels[n] = strdup(_("(top level)"));
		ids[n++] = 0;
	}
	for (i = 0; i < cv->n; i++) {
		const st_factor *f = &cv->f[i];
		size_t size = strlen(f->code) + strlen(f->name) + 2 * (size_t)f->depth + 2;

		if (i == SEL(cv))
			continue;
		labels[n] = malloc(size);
		if (labels[n])
			snprintf(labels[n], size, "%*s%s %s", f->depth * 2, "", f->code, f->name);
		ids[n++] = f->id;
	}
	for (i = 0; i < n; i++)
		items[i] = labels[i] ? labels[i] : "";
	chosen = picker_run(cv->v.app, title, items, n, 0);
	id = chosen < 0 ? -1 : ids[chosen];
done:
	for (i = 0; labels && i < n; i++)
		free(labels[i]);
	free(labels);
	free(items);
	free(ids);
	return id;
}

static void move_factor(struct codebook_view *cv)
{
	long long to = pick_other(cv, _("Move under"), true);
	pending_write w = { .kind = PW_FACTOR_MOVE };
	char what[128];

	if (to < 0)
		return;
	w.n[0] = cv->f[SEL(cv)].id;
	w.n[1] = to;
	snprintf(what, sizeof what, _("%s moved"), cv->f[SEL(cv)].code);
	w.what = strdup(what);
	app_write(cv->v.app, &w, NULL);
	load(cv);
}

/* What moving the tags does to notes tagged more than once, as sentences
 * to add to a question ("" when nothing). */
static void shared_text(const factor_impact *imp, const char *into, char *buf, size_t size)
{
	int len;

	buf[0] = '\0';
	if (!imp->shared)
		return;
	len = snprintf(buf, size, ngettext(" %d note has more than one of these tags: it keeps one"
					   " on %s, where + or - wins over neutral.",
					   " %d notes have more than one of these tags: each keeps"
					   " one on %s, where + or - wins over neutral.",
					   (unsigned long)imp->shared), imp->shared, into);
	if (imp->conflicts && len >= 0 && (size_t)len < size)
		snprintf(buf + len, size - (size_t)len,
			 ngettext(" %d of them has + and -: you will choose what it gets.",
				  " %d of them have + and -: you will choose what they get.",
				  (unsigned long)imp->conflicts), imp->conflicts);
}

/* Asks which polarity the notes with + and - get on into: -1, 0 or 1;
 * 2 when the person stops.  0 without asking when there are none. */
static int ask_conflict(struct codebook_view *cv, const factor_impact *imp, const char *into)
{
	char text[512];
	int key;

	if (!imp->conflicts)
		return 0;
	snprintf(text, sizeof text, ngettext("%d note has + on one of these tags and - on another;"
					     " its one tag on %s can hold only one. Which?",
					     "%d notes have + on one of these tags and - on another;"
					     " their one tag on %s can hold only one. Which?",
					     (unsigned long)imp->conflicts), imp->conflicts, into);
	key = dialog_ask(cv->v.app, _("Conflicting polarities"), text,
			 _("[+] enabler  [-] barrier  [0] neutral  [Esc] stop"), "+-0");
	return key == '+' ? 1 : key == '-' ? -1 : key == '0' ? 0 : 2;
}

/* The factor with id among those loaded, or NULL. */
static const st_factor *loaded(const struct codebook_view *cv, long long id)
{
	int i;

	for (i = 0; i < cv->n; i++)
		if (cv->f[i].id == id)
			return &cv->f[i];
	return NULL;
}

/* "Merge VB1 ... into VB2 ...? Its 1 tag and 2 sub-factors move there
 * and VB1 is removed." with shared after it: each count with its own
 * plural ("1 tags" was English nowhere). */
static void merge_question(const st_factor *f, const st_factor *to, const factor_impact *imp,
			   const char *shared, char *buf, size_t size)
{
	char tags[128], subs[128];

	snprintf(tags, sizeof tags, ngettext("%d tag", "%d tags", (unsigned long)imp->tags),
		 imp->tags);
	snprintf(subs, sizeof subs, ngettext("%d sub-factor", "%d sub-factors",
					     (unsigned long)imp->descendants), imp->descendants);
	/* TRANSLATORS: the first %s %s is the factor merged, the second the
	 * one it goes into; then "1 tag" and "2 sub-factors". */
	snprintf(buf, size, _("Merge %s %s into %s %s? Its %s and %s move there and %s is removed.%s"),
		 f->code, f->name, to->code, to->name, tags, subs, f->code, shared);
}

/* "Delete VB1 ...? It has 1 tag. What happens to the tags?", with the
 * factors under it and their tags when it has any. */
static void delete_question(const st_factor *f, const factor_impact *imp, char *buf, size_t size)
{
	int len = snprintf(buf, size, ngettext("Delete %s %s? It has %d tag.",
					       "Delete %s %s? It has %d tags.",
					       (unsigned long)imp->tags), f->code, f->name, imp->tags);
	char tags[128];

	if (imp->descendants && len >= 0 && (size_t)len < size) {
		snprintf(tags, sizeof tags, ngettext("%d tag", "%d tags",
						     (unsigned long)imp->descendant_tags),
			 imp->descendant_tags);
		/* TRANSLATORS: the last %s is "3 tags". */
		len += snprintf(buf + len, size - (size_t)len,
				ngettext(" %d factor under it goes too, with %s.",
					 " %d factors under it go too, with %s.",
					 (unsigned long)imp->descendants), imp->descendants, tags);
	}
	if (len >= 0 && (size_t)len < size)
		snprintf(buf + len, size - (size_t)len, "%s", _(" What happens to the tags?"));
}

static void merge(struct codebook_view *cv)
{
	long long into = pick_other(cv, _("Merge into (its tags move there)"), false);
	const st_factor *f = &cv->f[SEL(cv)], *to = loaded(cv, into);
	pending_write w = { .kind = PW_FACTOR_MERGE };
	factor_impact imp;
	char text[1024], shared[512];
	st_err err;
	int pol;

	if (into <= 0 || !to)
		return;
	if (factor_merge_impact(cv->v.app->db, f->id, into, &imp, &err) != 0) {
		app_message(cv->v.app, true, "%s", err.msg);
		return;
	}
	shared_text(&imp, to->code, shared, sizeof shared);
	merge_question(f, to, &imp, shared, text, sizeof text);
	if (dialog_ask(cv->v.app, _("Merge factors"), text, _("[y] merge  [Esc] keep both"), "yj") == 27)
		return;
	pol = ask_conflict(cv, &imp, to->code);
	if (pol == 2)
		return;
	w.n[0] = f->id;
	w.n[1] = into;
	w.n[2] = pol;
	snprintf(text, sizeof text, _("%s merged into %s"), f->code, to->code);
	w.what = strdup(text);
	if (app_write(cv->v.app, &w, NULL) == WRITE_DONE)
		app_message(cv->v.app, false, "%s", _("Merged"));
	load(cv);
}

/* Delete: the person chooses what happens to the tags; nothing goes
 * without being said. */
static void delete_factor(struct codebook_view *cv)
{
	const st_factor *f = &cv->f[SEL(cv)], *up = loaded(cv, f->parent_id);
	pending_write w;
	factor_impact imp;
	char text[1536], shared[512];
	st_err err;
	int key, pol;

	if (factor_delete_impact(cv->v.app->db, f->id, f->parent_id, &imp, &err) != 0) {
		app_message(cv->v.app, true, "%s", err.msg);
		return;
	}
	shared_text(&imp, up ? up->code : "", shared, sizeof shared);
	delete_question(f, &imp, text, sizeof text);
	if (*shared && strlen(text) + strlen(shared) + 32 < sizeof text)
		snprintf(text + strlen(text), sizeof text - strlen(text), _(" Moving them up:%s"),
			 shared);
	key = dialog_ask(cv->v.app, _("Delete factor"), text, f->parent_id
			 ? _("[p] move the tags to the factor above  [t] delete the tags  [Esc] keep it")
			 : _("[t] delete the tags  [Esc] keep it"), f->parent_id ? "pt" : "t");
	if (key == 'p') {
		pol = ask_conflict(cv, &imp, up ? up->code : "");
		if (pol == 2)
			return;
		w = (pending_write){ .kind = PW_FACTOR_DELETE, .n = { f->id, f->parent_id, 0, pol } };
	} else if (key == 't') {
		w = (pending_write){ .kind = PW_FACTOR_DELETE, .n = { f->id, 0, 1, 0 } };
	} else {
		return;
	}
	snprintf(text, sizeof text, _("%s deleted"), f->code);
	w.what = strdup(text);
	if (app_write(cv->v.app, &w, NULL) == WRITE_DONE)
		app_message(cv->v.app, false, "%s", _("Deleted"));
	load(cv);
}

static bool cv_act(struct view *v, enum action a)
{
	struct codebook_view *cv = CV(v);

	if (lv_move(&cv->lv, a))
		return true;
	switch (a) {
	case ACT_EDIT: case ACT_OPEN: if (cv->n) edit(cv, cv->f[SEL(cv)].id, 0); break;
	case ACT_NEW_CHILD: edit(cv, 0, cv->n ? cv->f[SEL(cv)].id : 0); break;
	case ACT_NEW: edit(cv, 0, 0); break;
	case ACT_MOVE: if (cv->n) move_factor(cv); break;
	case ACT_MERGE: if (cv->n) merge(cv); break;
	case ACT_DELETE: if (cv->n) delete_factor(cv); break;
	case ACT_EXPORT: export_dialog_run(v->app, EXPORT_CODEBOOK, NULL); break;
	default: return false;
	}
	return true;
}

static const char *cv_title(struct view *v)
{
	struct codebook_view *cv = CV(v);

	snprintf(cv->title, sizeof cv->title, _("Codebook  \xc2\xb7  %d factors"), cv->n);
	return cv->title;
}

static void cv_close(struct view *v)
{
	struct codebook_view *cv = CV(v);

	factors_free(cv->f, cv->n);
	lv_free(&cv->lv);
	free(cv);
}

static const enum action cv_handles[] = {
	LIST_MOVES, ACT_OPEN, ACT_EDIT, ACT_DELETE, ACT_EXPORT, ACT_MERGE, ACT_MOVE, ACT_NEW, ACT_NEW_CHILD, ACT_NONE,
};

const struct view_ops codebook_ops = {
	.name = "codebook",
	.kinds = { VIEW_CODEBOOK },
	.handles = cv_handles,
	.draw = cv_draw,
	.act = cv_act,
	.close = cv_close,
	.title = cv_title,
};

struct view *codebook_view_open(struct tui_app *app)
{
	struct codebook_view *cv = calloc(1, sizeof *cv);

	if (!cv)
		return NULL;
	cv->v.ops = &codebook_ops;
	cv->v.app = app;
	lv_init_indexed(&cv->lv, count_factors, cv);
	cv->lv.height = LINES - 6;
	load(cv);
	return &cv->v;
}
