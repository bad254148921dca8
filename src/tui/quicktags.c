/* quicktags.c: see quicktags.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/factor_picker.h"
#include "tui/picker.h"
#include "tui/quicktags.h"
#include "tui/writes.h"
#include "tui/screen.h"

#define MAX_TAGS 64

/* The config's pins as factor ids (0 where none), saying in the status
 * line when one names no factor of the codebook. */
static void config_pins(struct tui_app *app, long long *ids)
{
	const st_settings *s = app->settings;
	const char *file;
	st_factor f = { 0 };
	st_err err;
	int i;

	for (i = 0; i < FACTOR_DIGITS; i++) {
		ids[i] = 0;
		if (!s->digit_pins[i].code)
			continue;
		if (factor_find_code(app->db, s->digit_pins[i].code, &f, &err) == 1) {
			ids[i] = f.id;
		} else {
			/* The folders are left out so that the rest fits. */
			file = s->path ? s->path : "config.ini";
			file = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
			app_message(app, true, _("%s:%d: [digits] %d: no factor %s in the codebook"
						 " (ignored)"), file, s->digit_pins[i].line, i + 1,
				    s->digit_pins[i].code);
		}
		factor_clear(&f);
	}
}

void quicktags_open(struct tui_app *app)
{
	struct quicktags *q = app->quicktags;
	long long keep[FACTOR_DIGITS];
	st_factor chosen[FACTOR_DIGITS];
	st_err err;
	int i;

	if (!q && !(q = app->quicktags = calloc(1, sizeof *q)))
		return;
	for (i = 0; i < FACTOR_DIGITS; i++)
		keep[i] = q->f[i].id;
	if (!q->chosen)
		config_pins(app, keep);
	if (factor_digit_keys(app->db, app->settings->facilitator, keep, chosen, &err) != 0) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	for (i = 0; i < FACTOR_DIGITS; i++) {
		factor_clear(&q->f[i]);
		q->f[i] = chosen[i];
	}
	q->chosen = true;
}

void quicktags_free(struct tui_app *app)
{
	int i;

	if (!app->quicktags)
		return;
	for (i = 0; i < FACTOR_DIGITS; i++)
		factor_clear(&app->quicktags->f[i]);
	free(app->quicktags);
	app->quicktags = NULL;
}

bool quicktags_key(struct tui_app *app, long long note_id, int key)
{
	st_tag tags[MAX_TAGS];
	const st_factor *f;
	st_err err;
	int i, n, pol = 2, next;

	if (key < '1' || key > '9')
		return false;
	f = app->quicktags ? &app->quicktags->f[key - '1'] : NULL;
	if (!f || !f->id || !note_id) {
		app_message(app, true, "%s", note_id ? _("No factor on that digit")
						     : _("No note to tag yet"));
		return true;
	}
	/* A note kept for the database (note_id < 0) has no tags there yet. */
	n = note_id > 0 ? tag_list(app->db, note_id, tag_coder_of(app->settings->facilitator), tags,
					   MAX_TAGS, &err) : 0;
	for (i = 0; i < n; i++)
		if (tags[i].factor_id == f->id)
			pol = tags[i].polarity;
	/* Pressed again while the last press waits for the database: the
	 * next step from where that one goes. */
	pol = app_tag_to_be(app, note_id, f->id, pol);
	/* untagged -> neutral -> enabler -> barrier -> untagged */
	next = pol == -1 ? PW_UNTAG : pol == PW_UNTAG ? 0 : pol == 0 ? 1 : -1;
	if (app_tag_note(app, note_id, f, next) != WRITE_DONE)
		return true;
	if (note_id < 0)   /* saved meanwhile: its id now */
		note_id = pending_made_id(&app->pending, -note_id);
	if (next == PW_UNTAG)
		app_message(app, false, _("Note %lld: %s untagged"), note_id, f->code);
	else
		app_message(app, false, _("Note %lld: %s%s %s"), note_id, f->code,
			    factor_polarity_mark(next), f->name);
	return true;
}

/* ---- pinning ---------------------------------------------------------------- */

/* The factor chosen in a list of the codebook for digit d (the one it has
 * selected), or 0. */
static long long choose_factor(struct tui_app *app, int d)
{
	st_factor *all = NULL;
	const char **items = NULL;
	char **labels = NULL, title[128];
	long long id = 0;
	st_err err;
	int total = factor_tree_all(app->db, &all, &err), n = total, i, current = 0, chosen;

	if (total < 0) {
		app_message(app, true, "%s", err.msg);
		return 0;
	}
	items = calloc((size_t)n + 1, sizeof *items);
	labels = calloc((size_t)n + 1, sizeof *labels);
	if (!items || !labels)
		n = 0;
	for (i = 0; i < n; i++) {
		labels[i] = malloc(strlen(all[i].code) + strlen(all[i].name) + 2 * all[i].depth + 4);
		if (labels[i])
			sprintf(labels[i], "%*s%s  %s", 2 * all[i].depth, "", all[i].code, all[i].name);
		items[i] = labels[i] ? labels[i] : all[i].code;
		if (all[i].id == app->quicktags->f[d].id)
			current = i;
	}
	snprintf(title, sizeof title, _("Digit %d: which factor?"), d + 1);
	app_redraw(app);   /* without the question box before it */
	chosen = picker_run(app, title, items, n, current);
	if (chosen >= 0)
		id = all[chosen].id;
	for (i = 0; labels && i < n; i++)
		free(labels[i]);
	free(labels);
	free(items);
	factors_free(all, total);
	return id;
}

/* Puts factor id on digit d; a digit that had it gets d's factor. */
static void pin(struct tui_app *app, int d, long long id)
{
	struct quicktags *q = app->quicktags;
	st_factor f = { 0 }, old;
	st_err err = { "" };
	int e;

	for (e = 0; e < FACTOR_DIGITS && q->f[e].id != id; e++)
		;
	if (e < FACTOR_DIGITS && e != d) {
		old = q->f[d];
		q->f[d] = q->f[e];
		q->f[e] = old;
		app_message(app, false, _("Digits %d and %d changed places: %d is %s, %d is %s, until"
					  " you quit"), d + 1, e + 1, d + 1, q->f[d].code, e + 1,
			    q->f[e].id ? q->f[e].code : "\xe2\x80\x94");
		return;
	}
	if (e == FACTOR_DIGITS) {
		if (factor_get(app->db, id, &f, &err) != 1) {
			app_message(app, true, "%s", err.msg);
			return;
		}
		factor_clear(&q->f[d]);
		q->f[d] = f;
	}
	app_message(app, false, _("Digit %d is %s now, until you quit (config.ini: [digits] %d = %s"
				  " keeps it)"), d + 1, q->f[d].code, d + 1, q->f[d].code);
}

/* "1 LD2  2 OR1 ... 9 BO1" into buf. */
static void codes_line(const struct quicktags *q, char *buf, size_t size)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < FACTOR_DIGITS && len < size; i++)
		if (q->f[i].id)
			len += (size_t)snprintf(buf + len, size - len, "%s%d %s", len ? "  " : "",
						i + 1, q->f[i].code);
}

void quicktags_pin(struct tui_app *app)
{
	char text[1024], now[512];
	long long id;
	int key;

	if (!app->quicktags)
		return;
	codes_line(app->quicktags, now, sizeof now);
	snprintf(text, sizeof text, _("Now: %s.  Which digit gets another factor?  It keeps it until"
				      " you quit; [digits] in config.ini pins it for good."), now);
	key = dialog_ask(app, _("Pin a factor to a digit"), text, _("[1-9] the digit  [Esc] cancel"),
			 "123456789");
	if (key == 27)
		return;
	id = choose_factor(app, key - '1');
	if (id)
		pin(app, key - '1', id);
}

/* ---- drawing ---------------------------------------------------------------- */

/* The columns the nine take with names cut to name_w (0: codes only). */
static int line_width(const struct quicktags *q, int name_w)
{
	int i, w = 0, nw;

	for (i = 0; i < FACTOR_DIGITS; i++) {
		if (!q->f[i].id)
			continue;
		nw = text_width(q->f[i].name);
		w += (w ? 2 : 0) + 2 + text_width(q->f[i].code);
		if (name_w > 0)
			w += 1 + (nw < name_w ? nw : name_w);
	}
	return w;
}

int quicktags_codes_width(struct tui_app *app)
{
	return app->quicktags ? line_width(app->quicktags, 0) : 0;
}

/* A name cut shorter than this says too little to be worth the room. */
#define NAME_MIN 8

/* The widest cut of the names with which all nine fit in cols; 0 when
 * only the codes fit. */
static int fitting_name_width(const struct quicktags *q, int cols)
{
	int w, widest = 0, i;

	for (i = 0; i < FACTOR_DIGITS; i++)
		if (q->f[i].id && text_width(q->f[i].name) > widest)
			widest = text_width(q->f[i].name);
	for (w = widest; w >= NAME_MIN; w--)
		if (line_width(q, w) <= cols)
			return w;
	return 0;
}

void quicktags_draw(struct tui_app *app, int y, int x, int width, attr_t attr)
{
	const struct quicktags *q = app->quicktags;
	char line[1024];
	size_t len = 0;
	int i, name_w;
	char *name;

	if (!q || width <= 0)
		return;
	name_w = fitting_name_width(q, width - 1);
	line[0] = '\0';
	for (i = 0; i < FACTOR_DIGITS && len < sizeof line; i++) {
		if (!q->f[i].id)
			continue;
		/* text_fit pads to the width: only for names that are cut. */
		name = name_w && text_width(q->f[i].name) > name_w
		       ? text_fit(q->f[i].name, name_w, true) : NULL;
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%d %s%s%s", len ? "  " : "",
					i + 1, q->f[i].code, name_w ? " " : "",
					name ? name : name_w ? q->f[i].name : "");
		free(name);
	}
	draw_text(stdscr, y, x, width, line, attr);
}
