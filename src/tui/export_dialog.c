/* export_dialog.c: exporting from the TUI: what (the matrix with its
 * columns), in which format (CSV for scripts or for Excel, as the
 * config's [export] csv says at first; an Excel workbook), to which file
 * (a sensible name is filled in, in the folder of the last export, else
 * the documents folder, else home), whose tags (every coder's, or one
 * coder's when the tags record several); an existing file is only
 * replaced after a question; a progress bar shows while it is written;
 * the status line says where it went. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/agreement.h"
#include "core/export.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/notes.h"
#include "core/programme.h"
#include "core/state.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/export_dialog.h"
#include "tui/screen.h"
#include "tui/writes.h"

static const char *const what_label[EXPORT_WHAT_COUNT] = {
	N_("Factor list"), N_("Evidence per factor"), N_("Notes"), N_("Attendance"),
	N_("People"), N_("Draaiboek"), N_("Codebook (REFI-QDA)"), N_("Factor matrix"),
};
/* The order the exports are offered in: the matrix, the factor list per
 * school or session, next to the factor list (and so the keys that reach
 * the others from the factor list stay the same). */
static const enum export_what offered[EXPORT_WHAT_COUNT] = {
	EXPORT_FACTORS, EXPORT_MATRIX, EXPORT_EVIDENCE, EXPORT_NOTES, EXPORT_ATTENDANCE,
	EXPORT_PEOPLE, EXPORT_DRAAIBOEK, EXPORT_CODEBOOK,
};
/* The matrix's columns, in the order of enum matrix_cols. */
static const char *const cols_label[MATRIX_COLS_COUNT] = {
	N_("Schools"), N_("Sessions"), N_("Session kinds"), N_("Programmes"),
};
static const char *const format_label[EXFMT_COUNT] = {
	"CSV", "JSON", "Markdown", "HTML", "REFI-QDA (.qdc)", "Excel (.xlsx)",
};
/* CSV is offered twice: as above, for scripts, and for a spreadsheet. */
#define FORMAT_CHOICES (EXFMT_COUNT + 1)
static const char excel_label[] = N_("CSV for Excel (;)");

/* Quotes before Pseudonymise and Language: the draaiboek's fields in the
 * order they were added, so the keys that reach one stay the same (the
 * matrix's Columns shows for the matrix only; Coder, the newest, last). */
enum { X_WHAT, X_SCOPE, X_COLS, X_FORMAT, X_PATH, X_QUOTES, X_PSEUDO, X_LANG, X_CODER, X_COUNT };

/* The coders the Coder field offers, after "Every coder". */
#define CODERS_MAX 64

/* The languages a draaiboek can be written in (the Language field's
 * choices): the interface's, or one of lang.h's. */
static const char *const language_code[] = { NULL, "nl", "en" };

/* Opened on a session (the browser, its notes), an export can be of that
 * session or of the whole network; the form says which. */
enum { SCOPE_SESSION, SCOPE_NETWORK };

/* The draaiboek's quotes per factor when nobody says (as the command's
 * --quotes), and the most. */
#define QUOTES_DEFAULT "3"
#define QUOTES_MAX 100

/* The dialog's state: the exports and formats offered (the choices of the
 * form's first two fields, in these orders; a CSV choice with its
 * dialect), where the file goes and whether its name was typed. */
struct export_ctx {
	struct form_field *f;
	enum export_what whats[EXPORT_WHAT_COUNT];
	enum export_format formats[FORMAT_CHOICES];
	enum csv_dialect dialects[FORMAT_CHOICES];
	enum csv_dialect csv;   /* the config's, chosen first */
	const char *what[EXPORT_WHAT_COUNT], *format[FORMAT_CHOICES], *pseudo[2], *scope[2];
	const char *language[3], *cols[MATRIX_COLS_COUNT];
	char only_session[96];  /* "Only COP 08" */
	char folder[PATH_MAX];  /* of the default file name */
	char code[64];          /* the session's code, for an export of one session */
	bool path_typed;        /* the person edited the file name: never replaced */
	coder_name coders[CODERS_MAX];      /* the Coder field's choices 1.. */
	const char *coder[CODERS_MAX + 1];   /* their labels, "Every coder" first */
	int ncoders;
	bool tag_filtered;      /* notes chosen by tags (every coder's): see offer_coder */
};

static enum export_what chosen_what(const struct export_ctx *x)
{
	return x->whats[x->f[X_WHAT].choice];
}

static enum export_format chosen_format(const struct export_ctx *x)
{
	return x->formats[x->f[X_FORMAT].choice];
}

static enum csv_dialect chosen_dialect(const struct export_ctx *x)
{
	return x->dialects[x->f[X_FORMAT].choice];
}

/* True when the export is of the one session it was opened on. */
static bool of_session(const struct export_ctx *x)
{
	if (!*x->code)
		return false;
	return chosen_what(x) == EXPORT_ATTENDANCE ||
	       (!x->f[X_SCOPE].hidden && x->f[X_SCOPE].choice == SCOPE_SESSION);
}

/* The scope is asked where it can be either: not for attendance (always
 * one session), people or the codebook (never).  A session's notes are
 * that session's by default; the factor list, the evidence and the
 * draaiboek describe the whole network unless asked otherwise. */
static void offer_scope(struct export_ctx *x)
{
	enum export_what what = chosen_what(x);

	x->f[X_SCOPE].hidden = !*x->code || what == EXPORT_ATTENDANCE || what == EXPORT_PEOPLE ||
			       what == EXPORT_CODEBOOK;
	x->f[X_SCOPE].choice = what == EXPORT_NOTES ? SCOPE_SESSION : SCOPE_NETWORK;
}

/* The usual file name for what and the format in the default folder,
 * unless the person typed a path of their own. */
static void refresh_path(struct export_ctx *x)
{
	char name[256], path[sizeof x->folder + sizeof name];

	if (x->path_typed)
		return;
	export_default_name(chosen_what(x), chosen_format(x), of_session(x) ? x->code : "", name,
			    sizeof name);
	snprintf(path, sizeof path, "%s/%s", x->folder, name);
	le_set(&x->f[X_PATH].edit, path);
}

static bool is_folder(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Where the file goes unless the person says otherwise: the folder of
 * the last export (this laptop's, kept in the database), while it is
 * there; else the documents folder; else home. */
static void default_folder(sqlite3 *db, char *out, size_t size)
{
	const char *home = getenv("HOME");
	char *docs;
	st_err err;

	if (state_get(db, STATE_EXPORT_FOLDER, out, size, &err) == 1 && is_folder(out))
		return;
	docs = fs_documents_dir();
	snprintf(out, size, "%s", docs ? docs : home && *home ? home : ".");
	free(docs);
}

void export_dialog_remove_stale(sqlite3 *db)
{
	char folder[PATH_MAX], *docs = fs_documents_dir();
	st_err err;

	if (state_get(db, STATE_EXPORT_FOLDER, folder, sizeof folder, &err) == 1)
		export_remove_stale(folder);
	if (docs)
		export_remove_stale(docs);
	free(docs);
}

/* Remembers the folder path was written to, as an absolute path, for
 * the next export's default. */
static void remember_folder(struct tui_app *app, const char *path)
{
	char folder[LINEEDIT_MAX * 4 + 1], *slash, *full;
	pending_write w = { .kind = PW_STATE };

	snprintf(folder, sizeof folder, "%s", path);
	slash = strrchr(folder, '/');
	if (slash)
		*(slash == folder ? slash + 1 : slash) = '\0';
	full = realpath(slash ? folder : ".", NULL);
	if (!full)
		return;
	pending_write_text(&w, 0, STATE_EXPORT_FOLDER);
	pending_write_text(&w, 1, full);
	w.what = strdup(_("the folder of the last export"));
	app_write(app, &w, NULL);
	free(full);
}

/* The session's code, for the file name of an export of one session. */
static void session_code(sqlite3 *db, const export_options *preset, char *out, size_t size)
{
	st_session s = { 0 };
	st_err err;

	out[0] = '\0';
	if (preset && preset->session_id && session_get(db, preset->session_id, &s, &err) == 1)
		snprintf(out, size, "%s", s.code);
	session_clear(&s);
}

/* The quotes per factor the Quotes field asks for, or 0 when it is not a
 * number from 1 to QUOTES_MAX. */
static int quotes_wanted(const struct form_field *f)
{
	const char *s = f->edit.utf8;
	char *end;
	long v = strtol(s, &end, 10);

	while (*end == ' ')
		end++;
	return end != s && !*end && v >= 1 && v <= QUOTES_MAX ? (int)v : 0;
}

/* Adds a format to the choices, chosen when it is the one that was. */
static void offer_format(struct export_ctx *x, enum export_format format, enum csv_dialect d,
			 enum export_format was, enum csv_dialect was_d)
{
	int n = x->f[X_FORMAT].nchoices++;

	if (format == was && d == was_d)
		x->f[X_FORMAT].choice = n;
	x->formats[n] = format;
	x->dialects[n] = d;
	x->format[n] = d == CSV_EXCEL ? _(excel_label) : format_label[format];
}

/* Language shows for what is written in words: the draaiboek, and the
 * factor list as a page. */
static void offer_language(struct export_ctx *x)
{
	enum export_what what = chosen_what(x);

	x->f[X_LANG].hidden = what != EXPORT_DRAAIBOEK &&
			      !(what == EXPORT_FACTORS && chosen_format(x) == EXFMT_HTML);
}

/* Pseudonymise shows for the exports that have names to replace: not the
 * factor list or the codebook, and the matrix only with a column per
 * school. */
static void offer_pseudonymise(struct export_ctx *x)
{
	enum export_what what = chosen_what(x);

	x->f[X_PSEUDO].hidden = what == EXPORT_FACTORS || what == EXPORT_CODEBOOK ||
				(what == EXPORT_MATRIX && x->f[X_COLS].choice != MATRIX_SCHOOL);
}

/* Offers the formats that fit the chosen export, keeping the one chosen
 * when it still fits (else the first, the usual one; CSV as the config
 * says at first; the codebook's REFI-QDA file, which it was before it
 * could be written for people, first and chosen); Pseudonymise shows
 * only for the exports that have names to replace, Quotes only for the
 * draaiboek, Language for the draaiboek and the factor list as HTML. */
static void offer_formats(struct export_ctx *x)
{
	enum export_what what = chosen_what(x);
	bool first = x->f[X_FORMAT].nchoices == 0;
	enum export_format was = first ? EXFMT_CSV : chosen_format(x);
	enum csv_dialect was_d = first ? x->csv : chosen_dialect(x);
	int i;

	x->f[X_FORMAT].choice = 0;
	x->f[X_FORMAT].nchoices = 0;
	if (what == EXPORT_CODEBOOK) {
		offer_format(x, EXFMT_QDC, CSV_RFC4180, EXFMT_QDC, CSV_RFC4180);
		was = EXFMT_QDC;
	}
	for (i = 0; i < EXFMT_COUNT; i++) {
		if (!export_supported(what, (enum export_format)i) ||
		    (what == EXPORT_CODEBOOK && i == EXFMT_QDC))
			continue;
		offer_format(x, (enum export_format)i, CSV_RFC4180, was, was_d);
		if (i == EXFMT_CSV)
			offer_format(x, EXFMT_CSV, CSV_EXCEL, was, was_d);
	}
	x->f[X_COLS].hidden = what != EXPORT_MATRIX;
	offer_pseudonymise(x);
	x->f[X_QUOTES].hidden = what != EXPORT_DRAAIBOEK;
	offer_language(x);
}

/* Coder shows when the tags record more than one coder, for the exports
 * that show tags or their figures: not attendance, people or the REFI-QDA
 * codebook; nor notes chosen by a tag (the screen's filter by factor or
 * polarity reads every coder's tags, as the command refuses). */
static void offer_coder(struct export_ctx *x)
{
	enum export_what what = chosen_what(x);

	x->f[X_CODER].hidden = x->ncoders < 2 || what == EXPORT_ATTENDANCE ||
			       what == EXPORT_PEOPLE ||
			       (what == EXPORT_CODEBOOK && chosen_format(x) == EXFMT_QDC) ||
			       (what == EXPORT_NOTES && x->tag_filtered);
}

/* The coders the tags record, as the Coder field's choices, with the
 * preset's chosen (the factor overview's coder), else every coder. */
static void read_coders(struct export_ctx *x, sqlite3 *db, const export_options *preset)
{
	const struct note_filter *nf = preset ? preset->notes : NULL;
	st_err err;
	int i;

	x->ncoders = coder_list(db, x->coders, CODERS_MAX, &err);
	if (x->ncoders < 0)
		x->ncoders = 0;
	x->coder[0] = _("Every coder");
	for (i = 0; i < x->ncoders; i++) {
		x->coder[i + 1] = *x->coders[i].coder ? x->coders[i].coder : _("(unknown)");
		if (preset && preset->coder && strcmp(preset->coder, x->coders[i].coder) == 0)
			x->f[X_CODER].choice = i + 1;
	}
	x->f[X_CODER].nchoices = x->ncoders + 1;
	x->tag_filtered = nf && (nf->factor_id || nf->polarity || nf->untagged);
}

/* The coder whose tags the export shows, or NULL for every coder's. */
static const char *chosen_coder(const struct export_ctx *x)
{
	int c = x->f[X_CODER].choice;

	return x->f[X_CODER].hidden || c <= 0 || c > x->ncoders ? NULL : x->coders[c - 1].coder;
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
	if (index == X_WHAT) {
		offer_formats(x);
		offer_scope(x);
	}
	if (index == X_FORMAT)
		offer_language(x);
	if (index == X_WHAT || index == X_FORMAT)
		offer_coder(x);
	if (index == X_COLS)
		offer_pseudonymise(x);
	refresh_path(x);
}

/* The exports this screen can make: attendance needs a session. */
static void offer_exports(struct export_ctx *x, const export_options *preset,
			  enum export_what start)
{
	int i, n = 0;

	x->f[X_WHAT].choice = 0;
	for (i = 0; i < EXPORT_WHAT_COUNT; i++) {
		if (offered[i] == EXPORT_ATTENDANCE && !(preset && preset->session_id))
			continue;
		if (offered[i] == start)
			x->f[X_WHAT].choice = n;
		x->whats[n] = offered[i];
		x->what[n++] = _(what_label[offered[i]]);
	}
	x->f[X_WHAT].nchoices = n;
}

/* Checks the choices before writing; msg says what to change. */
static bool check(void *ctx, struct form_field *f, char *msg, size_t size)
{
	struct export_ctx *x = ctx;

	if (!export_supported(chosen_what(x), chosen_format(x))) {
		snprintf(msg, size, _("%s cannot be written as %s: choose another format"),
			 _(what_label[chosen_what(x)]), format_label[chosen_format(x)]);
		return false;
	}
	if (!f[X_QUOTES].hidden && !quotes_wanted(&f[X_QUOTES])) {
		snprintf(msg, size, _("Quotes per factor: a number from 1 to %d"), QUOTES_MAX);
		return false;
	}
	return true;
}

/* The progress bar, in a box over the screen. */
static void progress(void *ctx, long long done, long long total)
{
	int w = COLS - 10 < 70 ? COLS - 10 : 70, filled, i;
	WINDOW *win = newwin(6, w, LINES / 2 - 3, (COLS - w) / 2);
	char line[64];

	(void)ctx;
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
	wrefresh(win);
	delwin(win);
}

/* The file typed, with a leading "~/" as the home folder, as a shell
 * would read it (there is no shell here to do it: "~/Documenten/x.csv"
 * was a folder "~" that is not there). */
static void file_path(const char *typed, char *out, size_t size)
{
	const char *home = getenv("HOME");

	if (typed[0] == '~' && typed[1] == '/' && home && *home)
		snprintf(out, size, "%s%s", home, typed + 1);
	else
		snprintf(out, size, "%s", typed);
}

/* Where the file went stays in the status line; the next key is the
 * screen's, not swallowed by a box waiting for it.  A path too long for
 * the line loses the start of its folder ("…/focusgroepen/bewijs.csv"),
 * never the file's name, which the line would cut at its end. */
static void say_exported(struct tui_app *app, const char *path)
{
	int room = COLS - 1 - text_width(_("Exported to %s")) + 2;   /* without "%s" */
	const char *tail = path;
	size_t n = strlen(path);
	char *shown;
	uint32_t cp;

	if (room < 2 || text_width(path) <= room) {
		app_message(app, false, _("Exported to %s"), path);
		return;
	}
	while (*tail && text_width(tail) > room - 1)
		tail += text_decode(tail, n - (size_t)(tail - path), &cp);
	shown = malloc(strlen(tail) + 4);
	if (!shown) {
		app_message(app, false, _("Exported to %s"), path);
		return;
	}
	sprintf(shown, "\xe2\x80\xa6%s", tail);
	app_message(app, false, _("Exported to %s"), shown);
	free(shown);
}

/* Opens the form with what chosen and the fields as they start. */
static void dialog_init(struct export_ctx *x, struct form_field *f, sqlite3 *db,
			enum export_what what, const export_options *preset, enum csv_dialect csv)
{
	int i;

	memset(x, 0, sizeof *x);
	memset(f, 0, sizeof *f * X_COUNT);
	x->f = f;
	x->pseudo[0] = _("No: with names");
	x->pseudo[1] = _("Yes: codes instead of names, no e-mail");
	x->language[0] = _("The interface's");
	x->language[1] = "Nederlands";
	x->language[2] = "English";
	for (i = 0; i < MATRIX_COLS_COUNT; i++)
		x->cols[i] = _(cols_label[i]);
	f[X_WHAT] = (struct form_field){ .label = N_("Export"), .type = FIELD_CHOICE,
					 .choice_labels = x->what, .on_change = changed, .ctx = x };
	f[X_SCOPE] = (struct form_field){ .label = N_("Of"), .type = FIELD_CHOICE,
					  .choice_labels = x->scope, .nchoices = 2, .on_change = changed,
					  .ctx = x };
	f[X_COLS] = (struct form_field){ .label = N_("Columns"), .type = FIELD_CHOICE,
					 .choice_labels = x->cols, .nchoices = MATRIX_COLS_COUNT,
					 .on_change = changed, .ctx = x };
	f[X_FORMAT] = (struct form_field){ .label = N_("Format"), .type = FIELD_CHOICE,
					   .choice_labels = x->format, .on_change = changed, .ctx = x };
	f[X_PATH] = (struct form_field){ .label = N_("File"), .type = FIELD_TEXT, .required = true,
					 .show_end = true, .on_change = changed, .ctx = x };
	f[X_PSEUDO] = (struct form_field){ .label = N_("Pseudonymise"), .type = FIELD_CHOICE,
					   .choice_labels = x->pseudo, .nchoices = 2 };
	f[X_QUOTES] = (struct form_field){ .label = N_("Quotes per factor"), .type = FIELD_TEXT };
	f[X_LANG] = (struct form_field){ .label = N_("Language"), .type = FIELD_CHOICE,
					 .choice_labels = x->language, .nchoices = 3 };
	f[X_CODER] = (struct form_field){ .label = N_("Coder"), .type = FIELD_CHOICE,
					  .choice_labels = x->coder };
	for (i = 0; i < X_COUNT; i++)
		le_clear(&f[i].edit);
	le_set(&f[X_QUOTES].edit, QUOTES_DEFAULT);
	default_folder(db, x->folder, sizeof x->folder);
	session_code(db, preset, x->code, sizeof x->code);
	x->csv = csv;
	snprintf(x->only_session, sizeof x->only_session, _("Only %s"), x->code);
	x->scope[SCOPE_SESSION] = x->only_session;
	x->scope[SCOPE_NETWORK] = _("The whole network");
	read_coders(x, db, preset);
	offer_exports(x, preset, what);
	offer_formats(x);
	offer_scope(x);
	offer_coder(x);
	refresh_path(x);
}

void export_dialog_run(struct tui_app *app, enum export_what what, const export_options *preset)
{
	struct form_field f[X_COUNT];
	struct export_ctx x;
	export_options o;
	struct stat sb;
	char question[LINEEDIT_MAX * 4 + 256], path[LINEEDIT_MAX * 4 + 1];
	st_err err;

	dialog_init(&x, f, app->db, what, preset, app->settings->export_csv);
	for (;;) {
		if (!form_run(app, _("Export"), f, X_COUNT, check, &x))
			return;
		file_path(text_trim(f[X_PATH].edit.utf8), path, sizeof path);
		if (stat(path, &sb) == 0) {
			snprintf(question, sizeof question, _("%s already exists.\nReplace it?"), path);
			if (dialog_ask(app, _("Export"), question, _("[y] replace it  [Esc] choose again"), "yj") == 27)
				continue;
		}
		o = preset ? *preset : (export_options){ 0 };
		o.what = chosen_what(&x);
		o.format = chosen_format(&x);
		o.csv = chosen_dialect(&x);
		o.pseudonymise = !f[X_PSEUDO].hidden && f[X_PSEUDO].choice == 1;
		o.quotes = quotes_wanted(&f[X_QUOTES]);
		o.language = f[X_LANG].hidden ? NULL : language_code[f[X_LANG].choice];
		o.cols = (enum matrix_cols)f[X_COLS].choice;
		o.coder = chosen_coder(&x);
		o.network = app->settings ? app->settings->network : NULL;
		/* Opened on a session, for the whole network: no session, and
		 * not the browser's programme either. */
		if (*x.code && !of_session(&x))
			o.session_id = o.programme_id = 0;
		o.progress = progress;
		progress(NULL, 0, 0);
		if (export_to_path(app->db, &o, path, &err) == 0)
			break;
		/* A folder that is not there, a read-only stick: say why in
		 * full, and go back to the form with its choices kept. */
		if (dialog_ask(app, _("Export"), err.msg, _("[Enter] change it  [Esc] cancel"), "\r\n") == 27)
			return;
	}
	remember_folder(app, path);
	say_exported(app, path);
}
