/* export_dialog.c: exporting from the TUI: what, in which format, to
 * which file (a sensible name is filled in); an existing file is only
 * replaced after a question; a progress bar shows while it is written;
 * the path is shown at the end. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/export.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/export_dialog.h"
#include "tui/screen.h"

static const char *const what_label[EXPORT_WHAT_COUNT] = {
	N_("Factor list"), N_("Evidence per factor"), N_("Notes"), N_("Attendance"),
	N_("People"), N_("Draaiboek"), N_("Codebook (REFI-QDA)"),
};
static const char *const format_label[EXFMT_COUNT] = {
	"CSV", "JSON", "Markdown", "HTML", "REFI-QDA (.qdc)",
};

enum { X_WHAT, X_FORMAT, X_PATH, X_PSEUDO, X_COUNT };

struct export_ctx {
	struct tui_app *app;
	struct form_field *f;
	const char *what[EXPORT_WHAT_COUNT], *format[EXFMT_COUNT], *pseudo[2];
	char default_path[1200];
};

/* Fills in the usual file name when the path is still the default one
 * (so changing what or the format changes the name, but a typed path
 * stays). */
static void refresh_path(struct export_ctx *x)
{
	char name[256], path[1200];
	const char *home = getenv("HOME");

	export_default_name((enum export_what)x->f[X_WHAT].choice,
			    (enum export_format)x->f[X_FORMAT].choice, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", home && *home ? home : ".", name);
	if (!x->f[X_PATH].edit.len || strcmp(x->f[X_PATH].edit.utf8, x->default_path) == 0) {
		le_set(&x->f[X_PATH].edit, path);
		snprintf(x->default_path, sizeof x->default_path, "%s", path);
	}
}

/* Checks the choices before writing; msg says what to change. */
static bool check(void *ctx, struct form_field *f, char *msg, size_t size)
{
	(void)ctx;
	if (!export_supported((enum export_what)f[X_WHAT].choice, (enum export_format)f[X_FORMAT].choice)) {
		snprintf(msg, size, _("%s cannot be written as %s: choose another format"),
			 _(what_label[f[X_WHAT].choice]), format_label[f[X_FORMAT].choice]);
		return false;
	}
	return true;
}

/* The progress bar, in a box over the screen; footer (may be NULL) is
 * a last line, such as where the file went. */
static void draw_progress(long long done, long long total, const char *footer)
{
	int w = COLS - 10 < 70 ? COLS - 10 : 70, filled, i;
	WINDOW *win = newwin(6, w, LINES / 2 - 3, (COLS - w) / 2);
	char line[64];

	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	draw_text_clip(win, 0, 2, w - 4, _("Exporting"), screen_attr(UI_HEADER) | A_BOLD);
	filled = total > 0 ? (int)(done * (w - 4) / total) : (int)(done % (w - 4));
	wmove(win, 2, 2);
	for (i = 0; i < w - 4; i++)
		waddstr(win, i < filled ? "\xe2\x96\x88" : "\xc2\xb7");
	if (total > 0)
		snprintf(line, sizeof line, "%lld / %lld", done, total);
	else
		snprintf(line, sizeof line, "%lld", done);
	draw_text(win, 3, 2, w - 4, line, 0);
	if (footer)
		draw_text(win, 4, 2, w - 4, footer, A_BOLD);
	wrefresh(win);
	delwin(win);
}

struct progress_state {
	long long done, total;
};

static void progress(void *ctx, long long done, long long total)
{
	struct progress_state *p = ctx;

	p->done = done;
	p->total = total;
	draw_progress(done, total, NULL);
}

void export_dialog_run(struct tui_app *app, enum export_what what, const export_options *preset)
{
	struct form_field f[X_COUNT];
	struct export_ctx x = { app, f, { 0 }, { 0 }, { 0 }, "" };
	struct progress_state p = { 0, 0 };
	export_options o;
	struct stat sb;
	char question[1400], path[1200];
	st_err err;
	int i;

	for (i = 0; i < EXPORT_WHAT_COUNT; i++)
		x.what[i] = _(what_label[i]);
	for (i = 0; i < EXFMT_COUNT; i++)
		x.format[i] = format_label[i];
	x.pseudo[0] = _("No: with names");
	x.pseudo[1] = _("Yes: codes instead of names, no e-mail");
	memset(f, 0, sizeof f);
	f[X_WHAT] = (struct form_field){ .label = N_("Export"), .type = FIELD_CHOICE,
					 .choice_labels = x.what, .nchoices = EXPORT_WHAT_COUNT,
					 .choice = what };
	f[X_FORMAT] = (struct form_field){ .label = N_("Format"), .type = FIELD_CHOICE,
					   .choice_labels = x.format, .nchoices = EXFMT_COUNT };
	f[X_PATH] = (struct form_field){ .label = N_("File"), .type = FIELD_TEXT, .required = true,
					 .show_end = true };
	f[X_PSEUDO] = (struct form_field){ .label = N_("Pseudonymise"), .type = FIELD_CHOICE,
					   .choice_labels = x.pseudo, .nchoices = 2 };
	for (i = 0; i < X_COUNT; i++)
		le_clear(&f[i].edit);
	/* The first format that fits what is exported. */
	for (i = 0; i < EXFMT_COUNT && !export_supported(what, (enum export_format)i); i++)
		;
	f[X_FORMAT].choice = i < EXFMT_COUNT ? i : 0;
	refresh_path(&x);
	for (;;) {
		if (!form_run(app, _("Export"), f, X_COUNT, check, &x))
			return;
		/* What or the format changed: the default name follows. */
		refresh_path(&x);
		snprintf(path, sizeof path, "%s", text_trim(f[X_PATH].edit.utf8));
		if (stat(path, &sb) == 0) {
			snprintf(question, sizeof question, _("%s already exists. Replace it?"), path);
			if (dialog_ask(app, _("Export"), question, _("[y] replace it  [Esc] choose again"), "yj") == 27)
				continue;
		}
		break;
	}
	o = preset ? *preset : (export_options){ 0 };
	o.what = (enum export_what)f[X_WHAT].choice;
	o.format = (enum export_format)f[X_FORMAT].choice;
	o.pseudonymise = f[X_PSEUDO].choice == 1;
	if (!o.quotes)
		o.quotes = 3;
	o.progress = progress;
	o.progress_ctx = &p;
	draw_progress(0, 0, NULL);
	if (export_to_path(app->db, &o, path, &err) != 0) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	/* The finished bar and where the file went stay until a key. */
	snprintf(question, sizeof question, _("Exported to %s \xe2\x80\x94 press a key"), path);
	draw_progress(p.total ? p.total : p.done, p.total, question);
	while (!screen_stop_requested() && !screen_read_key(&i))
		;
	app_message(app, false, _("Exported to %s"), path);
}
