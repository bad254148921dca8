/* network_view.c: the network screen: this database in its network, the
 * folder it shares with the colleagues ([network] folder in the
 * configuration), when it last synced, what came in from whom (a list
 * read a page at a time from sync_log), the decisions waiting or the
 * note texts kept after a conflict, and a key that syncs now, with its
 * progress in the status bar. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/date.h"
#include "core/db.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/sync.h"
#include "core/sync_clash.h"
#include "core/sync_status.h"
#include "tui/draw.h"
#include "tui/listview.h"
#include "tui/network_view.h"
#include "tui/note_reader.h"
#include "tui/screen.h"
#include "tui/view.h"

/* The rows above the list: network, database, folder (two), last sync,
 * what waits, the list's heading, its column heads. */
#define HEAD_ROWS 8
#define LABEL_WIDTH 16

enum net_list { LIST_LOG, LIST_DECISIONS, LIST_REVISIONS };

struct network_view {
	struct view v;
	sync_status status;
	enum net_list list;
	struct listview lv;
	char *config_path;   /* where [network] folder is set */
};

#define NV(v) ((struct network_view *)(v))

/* ---- the two lists ---------------------------------------------------------- */

static int log_fetch(void *ctx, const void *anchor, bool backward, void *out, int n, st_err *err)
{
	return sync_log_page(NV(ctx)->v.app->db, anchor, backward, out, n, err);
}

static void log_release(void *row)
{
	sync_log_entry_clear(row);
}

static const struct listview_source log_source = {
	sizeof(sync_log_entry), log_fetch, log_release, NULL, NULL,
};

static int decision_fetch(void *ctx, const void *anchor, bool backward, void *out, int n,
			  st_err *err)
{
	return sync_decision_page(NV(ctx)->v.app->db, anchor, backward, out, n, err);
}

static void decision_release(void *row)
{
	sync_decision_entry_clear(row);
}

static const struct listview_source decision_source = {
	sizeof(sync_decision_entry), decision_fetch, decision_release, NULL, NULL,
};

static int revision_fetch(void *ctx, const void *anchor, bool backward, void *out, int n,
			  st_err *err)
{
	return note_revision_page(NV(ctx)->v.app->db, anchor, backward, out, n, err);
}

static void revision_release(void *row)
{
	note_revision_entry_clear(row);
}

static const struct listview_source revision_source = {
	sizeof(note_revision_entry), revision_fetch, revision_release, NULL, NULL,
};

static const struct listview_source *const list_source[] = {
	[LIST_LOG] = &log_source, [LIST_DECISIONS] = &decision_source,
	[LIST_REVISIONS] = &revision_source,
};

static int list_height(const struct network_view *nv)
{
	return nv->v.height - HEAD_ROWS > 1 ? nv->v.height - HEAD_ROWS : 1;
}

/* Shows list from its first row, with the status read again. */
static void show_list(struct network_view *nv, enum net_list list)
{
	st_err err;

	if (sync_status_read(nv->v.app->db, &nv->status, &err) != 0)
		app_message(nv->v.app, true, "%s", err.msg);
	lv_free(&nv->lv);
	nv->list = list;
	lv_init(&nv->lv, list_source[list], nv);
	nv->lv.height = list_height(nv);
	lv_home(&nv->lv);
}

/* ---- drawing -------------------------------------------------------------------- */

/* "do 3 dec 2026 14:05" of a stored time. */
static void when_text(const char *at, char *buf, size_t size)
{
	date_format_short_time_text(at, buf, size);
}

/* The folder, or how to set it (two rows). */
static void draw_folder(struct network_view *nv, int y)
{
	const char *folder = nv->v.app->settings->sync_folder;
	char where[4400];

	draw_label_value(stdscr, y, LABEL_WIDTH, _("Shared folder"), "", screen_attr(UI_ACCENT));
	draw_blank_row(stdscr, y + 1, 0);
	if (folder && *folder) {
		draw_text_tail(stdscr, y, LABEL_WIDTH + 2, COLS - LABEL_WIDTH - 3, folder, 0);
		return;
	}
	draw_text(stdscr, y, LABEL_WIDTH + 2, COLS - LABEL_WIDTH - 3,
		  _("none: set [network] folder = the folder you share"), A_BOLD);
	snprintf(where, sizeof where, _("in %s"), nv->config_path ? nv->config_path : "config.ini");
	draw_text_tail(stdscr, y + 1, LABEL_WIDTH + 2, COLS - LABEL_WIDTH - 3, where, 0);
}

/* Network, database, folder, last sync, what waits. */
static void draw_head(struct network_view *nv, int y)
{
	const sync_status *s = &nv->status;
	char buf[320], decisions[128], revisions[128];

	draw_label_value(stdscr, y, LABEL_WIDTH, _("Network id"),
			 *s->network_id ? s->network_id : _("not in a network yet"),
			 screen_attr(UI_ACCENT));
	draw_label_value(stdscr, y + 1, LABEL_WIDTH, _("This database"), s->database_id,
			 screen_attr(UI_ACCENT));
	draw_folder(nv, y + 2);
	if (*s->last_sync)
		when_text(s->last_sync, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "%s", _("never"));
	draw_label_value(stdscr, y + 4, LABEL_WIDTH, _("Last sync"), buf, screen_attr(UI_ACCENT));
	snprintf(decisions, sizeof decisions, ngettext("%lld decision", "%lld decisions",
						       (unsigned long)s->decisions), s->decisions);
	snprintf(revisions, sizeof revisions,
		 ngettext("%lld note text kept after a conflict",
			  "%lld note texts kept after a conflict", (unsigned long)s->revisions),
		 s->revisions);
	snprintf(buf, sizeof buf, "%s  \xc2\xb7  %s", decisions, revisions);
	draw_label_value(stdscr, y + 5, LABEL_WIDTH, _("Waiting"), buf, screen_attr(UI_ACCENT));
}

/* What came in: when, from whom, then the figures right-aligned (the
 * number of the file is left out: the colleague's name needs the room
 * more, in Dutch above all). */
enum { C_WHEN, C_WHO, C_NOTES, C_TAGS, C_CHECKINS, C_PEOPLE, C_OTHER, C_COUNT };

static void log_cells(const sync_log_entry *e, char cell[C_COUNT][128])
{
	int i;

	when_text(e->at, cell[C_WHEN], sizeof cell[C_WHEN]);
	snprintf(cell[C_WHO], sizeof cell[C_WHO], "%s", e->colleague ? e->colleague : "");
	for (i = 0; i < SYNC_WHAT_COUNT; i++)
		snprintf(cell[C_NOTES + i], sizeof cell[0], "%lld", e->n[i]);
}

/* One row of cells one space apart from column 1; the figures (from
 * C_NOTES on) right-aligned. */
static void draw_log_row(int y, const int *width, char cell[C_COUNT][128], attr_t attr)
{
	int x = 1, i;

	draw_blank_row(stdscr, y, attr);
	for (i = 0; i < C_COUNT; i++) {
		if (i >= C_NOTES)
			draw_text_right(stdscr, y, x, width[i], cell[i], attr);
		else
			draw_text(stdscr, y, x, width[i], cell[i], attr);
		x += width[i] + 1;
	}
}

static void draw_log(struct network_view *nv, int y)
{
	const char *head[C_COUNT] = { _("When"), _("Colleague"), _("Notes"), _("Tags"),
				      _("Check-ins"), _("People"), _("Other") };
	static const int prio[C_COUNT] = { C_NOTES, C_TAGS, C_CHECKINS, C_PEOPLE, C_OTHER, C_WHEN,
					   C_WHO };
	int want[C_COUNT] = { 0 }, min[C_COUNT] = { 0 }, width[C_COUNT], i, k;
	char cell[C_COUNT][128];

	for (i = 0; i < list_height(nv); i++) {
		const sync_log_entry *e = lv_row(&nv->lv, i);
		if (!e)
			continue;
		log_cells(e, cell);
		for (k = 0; k < C_COUNT; k++)
			widen_to(&want[k], cell[k]);
	}
	min[C_WHO] = 8;
	fit_columns(head, want, min, C_COUNT, prio, C_WHO, COLS - 2, width);
	for (k = 0; k < C_COUNT; k++)
		snprintf(cell[k], sizeof cell[k], "%s", head[k]);
	draw_log_row(y, width, cell, screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < list_height(nv); i++) {
		const sync_log_entry *e = lv_row(&nv->lv, i);
		if (!e) {
			draw_blank_row(stdscr, y + 1 + i, 0);
			continue;
		}
		log_cells(e, cell);
		draw_log_row(y + 1 + i, width, cell,
			     i == nv->lv.sel ? screen_attr(UI_SELECTED) : 0);
	}
}

/* A table the person knows by what it holds. */
static const char *table_noun(const char *table)
{
	static const struct { const char *table, *noun; } nouns[] = {
		{ "programme", N_("the programme") }, { "organisation", N_("the organisation") },
		{ "session", N_("the session") }, { "person", N_("the person") },
		{ "attendance", N_("the check-in") }, { "factor", N_("the factor") },
		{ "note", N_("the note") }, { "tag", N_("the tag") },
	};
	size_t i;

	for (i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
		if (strcmp(nouns[i].table, table) == 0)
			return _(nouns[i].noun);
	return table;
}

static void draw_decision_row(int y, const sync_decision_entry *e, int when_width, attr_t attr)
{
	char when[96], what[1400];
	const char *why = strcmp(e->what, "constraint") == 0
		? _("left out: it breaks a rule here (a code or name another row has)") : e->what;

	when_text(e->at, when, sizeof when);
	/* A clash of a unique value is said whole (sync_clash.h). */
	if (!sync_decision_describe(e, what, sizeof what)) {
		if (e->row_id)
			snprintf(what, sizeof what, "%s %lld: %s", table_noun(e->table), e->row_id,
				 why);
		else
			snprintf(what, sizeof what, "%s: %s", table_noun(e->table), why);
	}
	draw_blank_row(stdscr, y, attr);
	draw_text(stdscr, y, 1, when_width, when, attr);
	draw_text(stdscr, y, when_width + 2, COLS - when_width - 3, what, attr);
}

static void draw_decisions(struct network_view *nv, int y)
{
	int when_width = 0, i;
	char when[96];

	widen_to(&when_width, _("When"));
	for (i = 0; i < list_height(nv); i++) {
		const sync_decision_entry *e = lv_row(&nv->lv, i);
		if (e) {
			when_text(e->at, when, sizeof when);
			widen_to(&when_width, when);
		}
	}
	draw_blank_row(stdscr, y, screen_attr(UI_HEADER) | A_BOLD);
	draw_text(stdscr, y, 1, when_width, _("When"), screen_attr(UI_HEADER) | A_BOLD);
	draw_text(stdscr, y, when_width + 2, COLS - when_width - 3, _("What needs a decision"),
		  screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < list_height(nv); i++) {
		const sync_decision_entry *e = lv_row(&nv->lv, i);
		if (e)
			draw_decision_row(y + 1 + i, e, when_width,
					  i == nv->lv.sel ? screen_attr(UI_SELECTED) : 0);
		else
			draw_blank_row(stdscr, y + 1 + i, 0);
	}
}

/* The texts kept: when, the note's session and author, the text that
 * lost (the rest of the row). */
enum { R_WHEN, R_SESSION, R_AUTHOR, R_TEXT, R_COUNT };

static void revision_cells(const note_revision_entry *e, char cell[R_COUNT][128])
{
	when_text(e->kept_at, cell[R_WHEN], sizeof cell[R_WHEN]);
	snprintf(cell[R_SESSION], sizeof cell[0], "%s", e->session_code ? e->session_code : "");
	snprintf(cell[R_AUTHOR], sizeof cell[0], "%s", e->author ? e->author : "");
}

static void draw_revisions(struct network_view *nv, int y)
{
	const char *head[R_COUNT] = { _("Kept"), _("Session"), _("Author"),
				      _("The text that lost to a newer edit") };
	static const int prio[R_COUNT] = { R_WHEN, R_SESSION, R_AUTHOR, R_TEXT };
	int want[R_COUNT] = { 0 }, min[R_COUNT] = { 0, 0, 0, 20 }, width[R_COUNT], i, k;
	char cell[R_COUNT][128];
	const char *cells[R_COUNT] = { cell[R_WHEN], cell[R_SESSION], cell[R_AUTHOR], NULL };

	for (i = 0; i < list_height(nv); i++) {
		const note_revision_entry *e = lv_row(&nv->lv, i);
		if (!e)
			continue;
		revision_cells(e, cell);
		for (k = 0; k < R_TEXT; k++)
			widen_to(&want[k], cell[k]);
	}
	fit_columns(head, want, min, R_COUNT, prio, R_TEXT, COLS - 2, width);
	draw_cells(stdscr, y, width, head, R_COUNT, screen_attr(UI_HEADER) | A_BOLD);
	for (i = 0; i < list_height(nv); i++) {
		const note_revision_entry *e = lv_row(&nv->lv, i);
		if (!e) {
			draw_blank_row(stdscr, y + 1 + i, 0);
			continue;
		}
		revision_cells(e, cell);
		cells[R_TEXT] = e->body ? e->body : "";
		draw_cells(stdscr, y + 1 + i, width, cells, R_COUNT,
			   i == nv->lv.sel ? screen_attr(UI_SELECTED) : 0);
	}
}

/* Each list's heading, and what it says when empty. */
static const char *list_heading(enum net_list list)
{
	switch (list) {
	case LIST_DECISIONS:
		/* One row of 80 columns, in Dutch too: cut, it lost its keys. */
		return _("Decisions waiting, oldest first (m: merge, x: keep both, d: what came in)");
	case LIST_REVISIONS:
		return _("Note texts kept after a conflict, newest first (Enter: the note as it is now)");
	default: return _("What came in from whom, newest first (d: decisions, v: texts kept)");
	}
}

static const char *list_empty(enum net_list list)
{
	switch (list) {
	case LIST_DECISIONS: return _("No decision waits.");
	case LIST_REVISIONS: return _("No note text was kept: no note lost to a newer edit.");
	default: return _("Nothing came in yet: s syncs now.");
	}
}

static void nv_draw(struct view *v)
{
	struct network_view *nv = NV(v);
	int y = v->top, list_y = v->top + HEAD_ROWS - 2;

	lv_set_height(&nv->lv, list_height(nv));
	draw_head(nv, y);
	draw_blank_row(stdscr, list_y, 0);
	draw_text(stdscr, list_y, 1, COLS - 2, list_heading(nv->list),
		  screen_attr(UI_ACCENT) | A_BOLD);
	if (nv->list == LIST_LOG)
		draw_log(nv, list_y + 1);
	else if (nv->list == LIST_DECISIONS)
		draw_decisions(nv, list_y + 1);
	else
		draw_revisions(nv, list_y + 1);
	if (nv->lv.nrows == 0)
		draw_text(stdscr, list_y + 3, 2, COLS - 4, list_empty(nv->list), 0);
	if (nv->lv.error[0])
		app_message(v->app, true, "%s", nv->lv.error);
	curs_set(0);
}

/* ---- syncing now --------------------------------------------------------------- */

/* "file 3 of 12" and a bar in the status bar, drawn at once. */
static void show_progress(void *ctx, long long done, long long total)
{
	struct tui_app *app = ctx;
	char bar[3 * 20 + 1] = "";
	int i, full = total > 0 ? (int)(done * 20 / total) : 20;

	for (i = 0; i < 20; i++)
		strcat(bar, i < full ? "\xe2\x96\x88" : "\xe2\x96\x91");
	app_message(app, false, _("Syncing: file %d of %d %s"), (int)done, (int)total, bar);
	app_redraw(app);
}

/* Appends printf(fmt) to buf (of size) after what it holds. */
static void append(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* What the sync did, in one line, what matters most first (the status
 * bar cuts the end): what came in from whom, what waits, what went out,
 * the network joined. */
static void summary(const sync_report *r, char *buf, size_t size)
{
	char counts[256];
	int i;

	buf[0] = '\0';
	for (i = 0; i < r->nfrom; i++) {
		const sync_from *f = &r->from[i];
		sync_counts_text(f->counts.n, counts, sizeof counts);
		if (f->facilitator && *f->facilitator)
			append(buf, size, _("From %s: %s. "), f->facilitator, counts);
		else
			append(buf, size, _("From %.8s: %s. "), f->database_id, counts);
	}
	if (!r->written_seq && r->nfrom == 0)
		append(buf, size, "%s ", _("Nothing new to send or to take in."));
	if (r->decisions)
		append(buf, size, ngettext("%lld decision waits (d). ", "%lld decisions wait (d). ",
					   (unsigned long)r->decisions), r->decisions);
	if (r->waiting)
		append(buf, size, ngettext("%d file waits for one not here yet. ",
					   "%d files wait for one not here yet. ",
					   (unsigned long)r->waiting), r->waiting);
	if (r->written_seq)
		append(buf, size, ngettext("Sent %lld change. ", "Sent %lld changes. ",
					   (unsigned long)r->written_changes), r->written_changes);
	if (r->joined)
		append(buf, size, "%s", _("Joined the network of the shared folder."));
}

/* A refusal without the folder it names in front of the file: the
 * name of the file is what tells whose it is. */
static const char *in_folder(const char *msg, const char *folder)
{
	size_t n = strlen(folder);

	while (n > 1 && folder[n - 1] == '/')
		n--;
	return strncmp(msg, folder, n) == 0 && msg[n] == '/' ? msg + n + 1 : msg;
}

/* The refusals first (they need doing something), then the summary. */
static void report_sync(struct tui_app *app, const char *folder, const sync_report *r)
{
	char line[MESSAGE_MAX];

	summary(r, line, sizeof line);
	if (r->nrefused == 0) {
		app_message(app, false, "%s", line);
		return;
	}
	app_message(app, true, ngettext("%d file refused: %s%s %s", "%d files refused: %s%s %s",
					(unsigned long)r->nrefused), r->nrefused,
		    in_folder(r->refused[0], folder),
		    r->nrefused > 1 ? _(" (and more: stemtui sync says which)") : "", line);
}

static void sync_now(struct network_view *nv)
{
	struct tui_app *app = nv->v.app;
	const char *folder = app->settings->sync_folder;
	st_progress progress = { show_progress, app };
	struct stat sb;
	sync_report r;
	st_err err;

	if (db_read_only(app->db)) {
		app_message(app, true, "%s", _("The database is read-only: it cannot sync"));
		return;
	}
	if (!folder || !*folder) {
		/* Short: the file's path must fit 80 columns after it. */
		app_message(app, true, _("No shared folder: set [network] folder in %s"),
			    nv->config_path ? nv->config_path : "config.ini");
		return;
	}
	/* sync_folder says so too, but with the folder first, which a long
	 * path pushes off the status bar. */
	if (stat(folder, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		app_message(app, true, _("Cannot sync: the shared folder is not there (is the stick "
					 "in, the cloud folder synced?): %s"), folder);
		return;
	}
	app_message(app, false, _("Syncing with %s..."), folder);
	app_redraw(app);
	if (sync_folder(app->db, folder, app->settings->facilitator, &progress, &r, &err) != 0)
		app_message(app, true, _("Sync failed: %s"), err.msg);
	else
		report_sync(app, folder, &r);
	sync_report_free(&r);
	show_list(nv, nv->list);
}

/* ---- deciding ------------------------------------------------------------------ */

/* m on a decision: the factor that gave way goes into the one that kept
 * the code; x: the decision goes, both stay. */
static void decide(struct network_view *nv, bool merge)
{
	const sync_decision_entry *e = lv_selected(&nv->lv);
	struct tui_app *app = nv->v.app;
	st_err err;
	int rc;

	if (nv->list != LIST_DECISIONS || !e)
		return;
	if (merge && !sync_decision_can_merge(e)) {
		app_message(app, true, "%s", _("Only two factors that had one code can be merged: "
					       "x keeps both"));
		return;
	}
	rc = merge ? sync_decision_merge(app->db, e->id, &err)
		   : sync_decision_dismiss(app->db, e->id, &err);
	if (rc != 0) {
		app_message(app, true, merge ? _("Cannot merge: %s") : _("Cannot dismiss: %s"),
			    err.msg);
		return;
	}
	app_message(app, false, "%s", merge ? _("Merged: one factor has the code now.")
					    : _("Dismissed: both are kept as they are."));
	if (sync_status_read(app->db, &nv->status, &err) != 0)
		app_message(app, true, "%s", err.msg);
	lv_reload(&nv->lv);
}

/* ---- the screen ------------------------------------------------------------------ */

static bool nv_act(struct view *v, enum action a)
{
	struct network_view *nv = NV(v);

	if (lv_move(&nv->lv, a))
		return true;
	switch (a) {
	case ACT_SYNC_NOW: sync_now(nv); return true;
	case ACT_DECISIONS:
		show_list(nv, nv->list == LIST_DECISIONS ? LIST_LOG : LIST_DECISIONS);
		return true;
	case ACT_REVISIONS:
		show_list(nv, nv->list == LIST_REVISIONS ? LIST_LOG : LIST_REVISIONS);
		return true;
	case ACT_MERGE:
	case ACT_DISMISS:
		decide(nv, a == ACT_MERGE);
		return true;
	case ACT_OPEN:
		if (nv->list != LIST_REVISIONS || !lv_selected(&nv->lv))
			return false;
		view_push(v->app, note_reader_open(v->app,
			  ((const note_revision_entry *)lv_selected(&nv->lv))->note_id, NULL));
		return true;
	default: return false;
	}
}

static void nv_mouse(struct view *v, const MEVENT *ev)
{
	if (lv_mouse(&NV(v)->lv, ev, v->top + HEAD_ROWS))
		nv_act(v, ACT_OPEN);
}

/* Enter opens a note only from the texts kept; m and x act on the
 * decisions only, m on a factor's code only. */
static bool nv_offers(struct view *v, enum action a)
{
	struct network_view *nv = NV(v);
	const sync_decision_entry *e;

	switch (a) {
	case ACT_OPEN: return nv->list == LIST_REVISIONS;
	case ACT_DISMISS: return nv->list == LIST_DECISIONS && lv_selected(&nv->lv);
	case ACT_MERGE:
		e = nv->list == LIST_DECISIONS ? lv_selected(&nv->lv) : NULL;
		return e && sync_decision_can_merge(e);
	default: return true;
	}
}

static const char *nv_title(struct view *v)
{
	(void)v;
	return _("Network and sync");
}

static void nv_close(struct view *v)
{
	struct network_view *nv = NV(v);

	lv_free(&nv->lv);
	free(nv->config_path);
	free(nv);
}

/* Another program (stemtui sync in a shell) may have synced. */
static void nv_resume(struct view *v)
{
	struct network_view *nv = NV(v);
	st_err err;

	if (sync_status_read(v->app->db, &nv->status, &err) != 0)
		app_message(v->app, true, "%s", err.msg);
	lv_reload(&nv->lv);
}

static const enum action nv_handles[] = {
	LIST_MOVES, ACT_OPEN, ACT_SYNC_NOW, ACT_DECISIONS, ACT_REVISIONS, ACT_MERGE, ACT_DISMISS,
	ACT_NONE,
};

const struct view_ops network_ops = {
	.name = "network",
	.kinds = { VIEW_NETWORK },
	.handles = nv_handles,
	.draw = nv_draw,
	.act = nv_act,
	.mouse = nv_mouse,
	.close = nv_close,
	.title = nv_title,
	.resume = nv_resume,
};

/* The configuration file, read or to write, with the home folder as
 * "~" (the path is shown in a row of its own). */
static char *config_path(const st_settings *settings)
{
	char *path = settings->path ? strdup(settings->path) : fs_xdg_path("CONFIG", "config.ini");
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;
	char *shown;

	if (!path || n < 2 || strncmp(path, home, n) != 0 || path[n] != '/')
		return path ? path : strdup("config.ini");
	shown = malloc(strlen(path) - n + 2);
	if (shown)
		snprintf(shown, strlen(path) - n + 2, "~%s", path + n);
	free(path);
	return shown;
}

struct view *network_view_open(struct tui_app *app)
{
	struct network_view *nv = calloc(1, sizeof *nv);

	if (!nv)
		return NULL;
	nv->v.ops = &network_ops;
	nv->v.app = app;
	nv->v.height = LINES - 2;
	nv->v.top = 1;
	nv->v.offers = nv_offers;
	nv->config_path = config_path(app->settings);
	show_list(nv, LIST_LOG);
	return &nv->v;
}
