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

/* The dialog's state: the exports and formats offered (the choices of the
 * form's first two fields, in these orders) and the file name last
 * filled in. */
struct export_ctx {
	struct form_field *f;
	enum export_what whats[EXPORT_WHAT_COUNT];
	enum export_format formats[EXFMT_COUNT];
	const char *what[EXPORT_WHAT_COUNT], *format[EXFMT_COUNT], *pseudo[2];
	bool path_typed;       /* the person edited the file name: never replaced */
};

static enum export_what chosen_what(const struct export_ctx *x)
{
	return x->whats[x->f[X_WHAT].choice];
}

static enum export_format chosen_format(const struct export_ctx *x)
{
	return x->formats[x->f[X_FORMAT].choice];
}

/* The usual file name in the home folder for what and the format, unless
 * the person typed a path of their own. */
static void refresh_path(struct export_ctx *x)
{
	char name[256], path[LINEEDIT_MAX * 4 + 1];
	const char *home = getenv("HOME");

	if (x->path_typed)
		return;
	export_default_name(chosen_what(x), chosen_format(x), name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", home && *home ? home : ".", name);
	le_set(&x->f[X_PATH].edit, path);
}

/* Offers the formats that fit the chosen export, keeping the one chosen
 * when it still fits (else the first, the usual one); Pseudonymise shows
 * only for the exports that have names to replace. */
static void offer_formats(struct export_ctx *x)
{
	enum export_what what = chosen_what(x);
	enum export_format was = x->f[X_FORMAT].nchoices ? chosen_format(x) : EXFMT_CSV;
	int i, n = 0;

	x->f[X_FORMAT].choice = 0;
	for (i = 0; i < EXFMT_COUNT; i++) {
		if (!export_supported(what, (enum export_format)i))
			continue;
		if ((enum export_format)i == was)
			x->f[X_FORMAT].choice = n;
		x->formats[n] = (enum export_format)i;
		x->format[n++] = format_label[i];
	}
	x->f[X_FORMAT].nchoices = n;
	x->f[X_PSEUDO].hidden = what != EXPORT_ATTENDANCE && what != EXPORT_PEOPLE;
}

/* The form's on_change: the formats, Pseudonymise and the default file
 * name follow the export and the format while the form is open, so the
 * file named is the file written. */
static void changed(void *ctx, struct form_field *form, int index)
{
	struct export_ctx *x = ctx;

	(void)form;
	if (index == X_PATH) {
		x->path_typed = true;
		return;
	}
	if (index == X_WHAT)
		offer_formats(x);
	refresh_path(x);
}

/* The exports this screen can make: attendance needs a session. */
static void offer_exports(struct export_ctx *x, const export_options *preset,
			  enum export_what start)
{
	int i, n = 0;

	x->f[X_WHAT].choice = 0;
	for (i = 0; i < EXPORT_WHAT_COUNT; i++) {
		if (i == EXPORT_ATTENDANCE && !(preset && preset->session_id))
			continue;
		if ((enum export_what)i == start)
			x->f[X_WHAT].choice = n;
		x->whats[n] = (enum export_what)i;
		x->what[n++] = _(what_label[i]);
	}
	x->f[X_WHAT].nchoices = n;
}

/* Checks the choices before writing; msg says what to change. */
static bool check(void *ctx, struct form_field *f, char *msg, size_t size)
{
	struct export_ctx *x = ctx;

	(void)f;
	if (!export_supported(chosen_what(x), chosen_format(x))) {
		snprintf(msg, size, _("%s cannot be written as %s: choose another format"),
			 _(what_label[chosen_what(x)]), format_label[chosen_format(x)]);
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
	struct export_ctx x;
	struct progress_state p = { 0, 0 };
	export_options o;
	struct stat sb;
	char question[LINEEDIT_MAX * 4 + 256], path[LINEEDIT_MAX * 4 + 1];
	st_err err;
	int i;

	memset(&x, 0, sizeof x);
	memset(f, 0, sizeof f);
	x.f = f;
	x.pseudo[0] = _("No: with names");
	x.pseudo[1] = _("Yes: codes instead of names, no e-mail");
	f[X_WHAT] = (struct form_field){ .label = N_("Export"), .type = FIELD_CHOICE,
					 .choice_labels = x.what, .on_change = changed, .ctx = &x };
	f[X_FORMAT] = (struct form_field){ .label = N_("Format"), .type = FIELD_CHOICE,
					   .choice_labels = x.format, .on_change = changed, .ctx = &x };
	f[X_PATH] = (struct form_field){ .label = N_("File"), .type = FIELD_TEXT, .required = true,
					 .show_end = true, .on_change = changed, .ctx = &x };
	f[X_PSEUDO] = (struct form_field){ .label = N_("Pseudonymise"), .type = FIELD_CHOICE,
					   .choice_labels = x.pseudo, .nchoices = 2 };
	for (i = 0; i < X_COUNT; i++)
		le_clear(&f[i].edit);
	offer_exports(&x, preset, what);
	offer_formats(&x);
	refresh_path(&x);
	for (;;) {
		if (!form_run(app, _("Export"), f, X_COUNT, check, &x))
			return;
		snprintf(path, sizeof path, "%s", text_trim(f[X_PATH].edit.utf8));
		if (stat(path, &sb) == 0) {
			snprintf(question, sizeof question, _("%s already exists.\nReplace it?"), path);
			if (dialog_ask(app, _("Export"), question, _("[y] replace it  [Esc] choose again"), "yj") == 27)
				continue;
		}
		o = preset ? *preset : (export_options){ 0 };
		o.what = chosen_what(&x);
		o.format = chosen_format(&x);
		o.pseudonymise = !f[X_PSEUDO].hidden && f[X_PSEUDO].choice == 1;
		if (!o.quotes)
			o.quotes = 3;
		o.progress = progress;
		o.progress_ctx = &p;
		draw_progress(0, 0, NULL);
		if (export_to_path(app->db, &o, path, &err) == 0)
			break;
		/* A folder that is not there, a read-only stick: say why in
		 * full, and go back to the form with its choices kept. */
		if (dialog_ask(app, _("Export"), err.msg, _("[Enter] change it  [Esc] cancel"), "\r\n") == 27)
			return;
	}
	/* The finished bar and where the file went stay until a key. */
	snprintf(question, sizeof question, _("Exported to %s \xe2\x80\x94 press a key"), path);
	draw_progress(p.total ? p.total : p.done, p.total, question);
	while (!screen_stop_requested() && !screen_read_key(&i))
		;
	app_message(app, false, _("Exported to %s"), path);
}
