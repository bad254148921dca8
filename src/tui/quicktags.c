/* quicktags.c: see quicktags.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
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

void quicktags_draw(const struct quicktags *q, int y, attr_t attr)
{
	char line[1024];
	size_t len = 0;
	int i;

	line[0] = '\0';
	for (i = 0; i < q->n && len < sizeof line; i++)
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%d %s %s", i ? "  " : "",
					i + 1, q->f[i].code, q->f[i].name);
	draw_text(stdscr, y, 0, COLS, line, attr);
}
