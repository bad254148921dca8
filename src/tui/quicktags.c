/* quicktags.c: see quicktags.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/factor_picker.h"
#include "tui/quicktags.h"
#include "tui/screen.h"

#define MAX_TAGS 64

void quicktags_load(struct tui_app *app, struct quicktags *q)
{
	st_err err;

	quicktags_free(q);
	q->n = factor_most_used(app->db, app->settings->facilitator, q->f, 9, &err);
	if (q->n < 0)
		q->n = 0;
}

void quicktags_free(struct quicktags *q)
{
	int i;

	for (i = 0; i < q->n; i++)
		factor_clear(&q->f[i]);
	q->n = 0;
}

bool quicktags_key(struct tui_app *app, struct quicktags *q, long long note_id, int key)
{
	st_tag tags[MAX_TAGS];
	const st_factor *f;
	st_err err;
	int i, n, pol = 2, rc;

	if (key < '1' || key > '9')
		return false;
	if (key - '1' >= q->n || !note_id) {
		app_message(app, true, "%s", note_id ? _("No factor on that digit")
						     : _("No note to tag yet"));
		return true;
	}
	f = &q->f[key - '1'];
	n = tag_list(app->db, note_id, tags, MAX_TAGS, &err);
	for (i = 0; i < n; i++)
		if (tags[i].factor_id == f->id)
			pol = tags[i].polarity;
	/* untagged -> neutral -> enabler -> barrier -> untagged */
	if (pol == -1)
		rc = tag_remove(app->db, note_id, f->id, &err);
	else
		rc = tag_set(app->db, note_id, f->id, pol == 2 ? 0 : pol == 0 ? 1 : -1, &err);
	if (rc != 0) {
		app_message(app, true, "%s", err.msg);
		return true;
	}
	if (pol == -1)
		app_message(app, false, _("Note %lld: %s untagged"), note_id, f->code);
	else
		app_message(app, false, _("Note %lld: %s%s %s"), note_id, f->code,
			    factor_polarity_mark(pol == 2 ? 0 : pol == 0 ? 1 : -1), f->name);
	return true;
}

/* The columns the nine take with names cut to name_w (0: codes only). */
static int line_width(const struct quicktags *q, int name_w)
{
	int i, w = 0, nw;

	for (i = 0; i < q->n; i++) {
		nw = text_width(q->f[i].name);
		w += (i ? 2 : 0) + 2 + text_width(q->f[i].code);
		if (name_w > 0)
			w += 1 + (nw < name_w ? nw : name_w);
	}
	return w;
}

/* A name cut shorter than this says too little to be worth the room. */
#define NAME_MIN 8

/* The widest cut of the names with which all nine fit in cols; 0 when
 * only the codes fit. */
static int fitting_name_width(const struct quicktags *q, int cols)
{
	int w, widest = 0, i;

	for (i = 0; i < q->n; i++)
		if (text_width(q->f[i].name) > widest)
			widest = text_width(q->f[i].name);
	for (w = widest; w >= NAME_MIN; w--)
		if (line_width(q, w) <= cols)
			return w;
	return 0;
}

void quicktags_draw(const struct quicktags *q, int y, attr_t attr)
{
	char line[1024];
	size_t len = 0;
	int i, name_w = fitting_name_width(q, COLS - 1);
	char *name;

	line[0] = '\0';
	for (i = 0; i < q->n && len < sizeof line; i++) {
		/* text_fit pads to the width: only for names that are cut. */
		name = name_w && text_width(q->f[i].name) > name_w
		       ? text_fit(q->f[i].name, name_w, true) : NULL;
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%d %s%s%s", i ? "  " : "",
					i + 1, q->f[i].code, name_w ? " " : "",
					name ? name : name_w ? q->f[i].name : "");
		free(name);
	}
	draw_text(stdscr, y, 0, COLS, line, attr);
}
