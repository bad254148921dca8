/* cli_sessions.c: `stemtui sessions`, the programme as text for scripts. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/emit.h"
#include "core/i18n.h"
#include "core/programme.h"
#include "core/walk.h"

/* Field names shared by the CSV header and the JSON keys (documented in
 * stemtui(1), so never renamed). */
static const char *const field_names[] = {
	"programme", "code", "kind", "title", "date", "start", "end", "venue",
	"street", "postcode", "city", "room", "report_title", "report_url", "host", "remark",
};
#define FIELD_COUNT (sizeof field_names / sizeof field_names[0])

static void session_fields(const st_programme *p, const st_session *s,
			   const char *out[FIELD_COUNT])
{
	const char *v[FIELD_COUNT] = {
		p->name, s->code, s->kind, s->title, s->date, s->start_time, s->end_time,
		s->venue, s->street, s->postcode, s->city, s->room, s->report_title,
		s->report_url, s->host, s->remark,
	};

	memcpy(out, v, sizeof v);
}

static void print_csv(const st_programme *p, const st_session *s)
{
	const char *v[FIELD_COUNT];
	size_t i;

	session_fields(p, s, v);
	for (i = 0; i < FIELD_COUNT; i++)
		emit_csv_field(stdout, v[i], i == 0);
	emit_csv_end(stdout);
}

static void print_json(const st_programme *p, const st_session *s, bool first)
{
	const char *v[FIELD_COUNT];
	size_t i;

	session_fields(p, s, v);
	fputs(first ? "\n  {" : ",\n  {", stdout);
	for (i = 0; i < FIELD_COUNT; i++)
		emit_json_member(stdout, field_names[i], v[i], i >= 5, i == 0);
	fputc('}', stdout);
}

static void print_table_header(void)
{
	cli_cell(_("Code"), 7);
	cli_cell(_("Kind"), 19);
	cli_cell(_("Date"), 15);
	cli_cell(_("Time"), 11);
	cli_cell(_("Venue"), 24);
	printf("%s\n", _("City"));
}

static void print_table_row(const st_session *s)
{
	char date[64], time[32];

	session_date_text(s, false, date, sizeof date);
	session_time_text(s, "-", time, sizeof time);
	cli_cell(s->code, 7);
	cli_cell(session_kind_text(s->kind), 19);
	cli_cell(date, 15);
	cli_cell(time, 11);
	cli_cell(*s->venue ? s->venue : s->street, 24);
	cli_cell_last(s->city);
}

/* Finds the programme named on the command line or in the config, or the
 * newest.  Returns an exit code. */
static int pick_programme(cli_ctx *ctx, st_programme *p)
{
	const char *name = ctx->opt.programme ? ctx->opt.programme : ctx->settings.programme;
	st_err err;
	int rc;

	rc = name ? programme_find(ctx->db, name, p, &err) : programme_latest(ctx->db, p, &err);
	/* A stale name in the config is a warning, as in the TUI: the
	 * programme may have been renamed or not imported on this laptop. */
	if (rc == 0 && name && !ctx->opt.programme) {
		cli_warning(_("the configuration names programme '%s', which the database does not "
			      "hold; showing the newest"), name);
		name = NULL;
		rc = programme_latest(ctx->db, p, &err);
	}
	if (rc < 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (rc == 0) {
		if (name)
			cli_error(_("no programme called '%s'"), name);
		else
			cli_error("%s", _("the database holds no programme yet: import one with 'stemtui import programme FILE'"));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cli_sessions_check(const cli_options *opt)
{
	if (opt->nargs > 1) {
		cli_error(_("'sessions' takes no arguments"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* What printing the sessions needs while it walks them. */
struct sessions_walk {
	cli_ctx *ctx;
	session_filter filter;
	st_programme programme;
	long long rows;
};

static int fetch_sessions(void *c, const void *anchor, void *out, int n, st_err *err)
{
	struct sessions_walk *w = c;

	return session_page(w->ctx->db, &w->filter, anchor, false, out, n, err);
}

static int print_session(void *c, void *row, long long index)
{
	struct sessions_walk *w = c;

	if (w->ctx->opt.output == FORMAT_CSV)
		print_csv(&w->programme, row);
	else if (w->ctx->opt.output == FORMAT_JSON)
		print_json(&w->programme, row, index == 0);
	else
		print_table_row(row);
	w->rows++;
	return 0;
}

static void clear_session(void *row)
{
	session_clear(row);
}

int cli_sessions(cli_ctx *ctx)
{
	static const struct walk_source sessions = { sizeof(st_session), fetch_sessions,
						     clear_session };
	struct sessions_walk w = { ctx, { .sort = SESSION_SORT_CODE }, { 0 }, 0 };
	int i, rc;
	st_err err;

	if ((rc = pick_programme(ctx, &w.programme)) != EXIT_OK)
		return rc;
	w.filter.programme_id = w.programme.id;
	if (ctx->opt.output == FORMAT_CSV) {
		for (i = 0; i < (int)FIELD_COUNT; i++)
			emit_csv_field(stdout, field_names[i], i == 0);
		emit_csv_end(stdout);
	} else if (ctx->opt.output == FORMAT_TABLE) {
		printf("%s\n", w.programme.name);
		print_table_header();
	} else {
		fputs("[", stdout);
	}
	rc = walk_rows(&sessions, &w, print_session, &err);
	if (ctx->opt.output == FORMAT_JSON)
		fputs(w.rows > 0 ? "\n]\n" : "]\n", stdout);
	programme_clear(&w.programme);
	if (rc != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;   /* main checks that the output was written */
}
