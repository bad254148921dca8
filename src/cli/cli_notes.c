/* cli_notes.c: `stemtui notes` and `stemtui add-note SESSION [TEXT]`: the
 * co-creation notes as text for people, scripts and reports (Markdown),
 * and capture from a script. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/attendance.h"
#include "core/codebook.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/note_kinds.h"
#include "core/notes.h"
#include "core/programme.h"
#include "core/text.h"
#include "core/walk.h"


/* Standard input longer than this is refused: a note is typed text. */
#define NOTE_TEXT_MAX (1024 * 1024)

/* Field names of the CSV header and the JSON keys (documented in
 * stemtui(1), so never renamed): shared with the export. */
#define note_fields export_note_fields
#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* Table column widths. */
enum { W_TIME = 16, W_SESSION = 7, W_KIND = 11, W_GROUP = 12 };

/* How a line break shows in the one-line table. */
#define LINE_BREAK " \u23ce "

/* Prints the kinds, one a line: key and label. */
static void list_kinds(void)
{
	int i;

	for (i = 0; i < NOTE_KIND_COUNT; i++)
		fprintf(stderr, "  %-12s %s\n", note_kind_key[i], note_kind_label(note_kind_key[i]));
}

/* --kind, when given, must be a kind: EXIT_OK or EXIT_USAGE. */
int cli_check_note_kind(const cli_options *opt)
{
	if (!opt->kind || note_kind_index(opt->kind) >= 0)
		return EXIT_OK;
	cli_error(_("unknown note kind '%s'; the kinds are:"), opt->kind);
	list_kinds();
	options_print_try_help();
	return EXIT_USAGE;
}

/* --- notes ---------------------------------------------------------------- */

/* The columns of the terminal stdout is, or 0 when it is not one. */
static int terminal_width(void)
{
	struct winsize ws;
	const char *env;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	env = getenv("COLUMNS");
	if (env && atoi(env) > 0)
		return atoi(env);
	return 80;
}

/* A new string: s on one line, each line break shown as LINE_BREAK and
 * CRs left out (other control characters are text_fit's and
 * cli_cell_last's to show). */
static char *one_line(const char *s)
{
	size_t n = 0;
	const char *p;
	char *out, *o;

	for (p = s; *p; p++)
		n += *p == '\n' ? sizeof LINE_BREAK : 1;
	out = o = malloc(n + 1);
	if (!out)
		return NULL;
	for (p = s; *p; p++) {
		if (*p == '\n') {
			memcpy(o, LINE_BREAK, sizeof LINE_BREAK - 1);
			o += sizeof LINE_BREAK - 1;
		} else if (*p == '\r') {
			continue;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* "YYYY-MM-DD HH:MM" of a stored time. */
static void minute(const char *at, char *buf, size_t n)
{
	snprintf(buf, n, "%.16s", at ? at : "");
}

static void table_header(void)
{
	cli_cell(_("Time"), W_TIME);
	cli_cell(_("Session"), W_SESSION);
	cli_cell(_("Kind"), W_KIND);
	cli_cell(_("Group"), W_GROUP);
	printf("%s\n", _("Text"));
}

static void table_row(const st_note *n, int columns)
{
	int rest = columns - (W_TIME + W_SESSION + W_KIND + W_GROUP + 8);
	char at[32], *text = one_line(n->body), *fit;

	minute(n->created_at, at, sizeof at);
	cli_cell(at, W_TIME);
	cli_cell(n->session_code, W_SESSION);
	cli_cell(note_kind_label(n->kind), W_KIND);
	cli_cell(n->group_label, W_GROUP);
	if (columns > 0 && text) {
		/* On a terminal, one note is one screen line. */
		fit = text_fit(text, rest > 1 ? rest : 1, true);
		if (fit)
			text_trim(fit);
		free(text);
		text = fit;
	}
	cli_cell_last(text);
	free(text);
}

static void csv_row(const st_note *n)
{
	export_note_csv(stdout, CSV_RFC4180, n);
}

static void json_row(const st_note *n, bool first)
{
	export_note_json(stdout, n, first);
}

/* --- Markdown --- */

static void md_inline(const char *s)
{
	emit_md_inline(stdout, s);
}

/* The note's text, indented under its list item. */
static void md_body(const char *body)
{
	emit_md_block(stdout, body, "  ", false);
	fputs("\n\n", stdout);
}

/* What the Markdown output remembers between notes. */
struct md_state {
	long long session_id;
	char *programme;
	char session_date[16];
};

/* Starts a section for the note's programme and session when they change. */
static void md_headings(cli_ctx *ctx, const st_note *n, struct md_state *md)
{
	st_session s = { 0 };
	char date[128];
	st_err err;

	if (!md->programme || strcmp(md->programme, n->programme) != 0) {
		free(md->programme);
		md->programme = strdup(n->programme);
		fputs("# ", stdout);
		md_inline(n->programme);
		fputs("\n\n", stdout);
		md->session_id = 0;
	}
	if (md->session_id == n->session_id)
		return;
	md->session_id = n->session_id;
	snprintf(md->session_date, sizeof md->session_date, "%s", n->session_date);
	fputs("## ", stdout);
	md_inline(n->session_code);
	if (session_get(ctx->db, n->session_id, &s, &err) == 1) {
		session_date_text(&s, true, date, sizeof date);
		fputs(" · ", stdout);
		md_inline(*s.title ? s.title : session_kind_text(s.kind));
		fputs(" · ", stdout);
		md_inline(date);
	}
	fputs("\n\n", stdout);
	session_clear(&s);
}

static void md_note(cli_ctx *ctx, const st_note *n, struct md_state *md)
{
	char buf[512];
	size_t datelen;

	md_headings(ctx, n, md);
	datelen = strlen(md->session_date);
	printf("- **%s**", note_kind_label(n->kind));
	if (*n->group_label) {
		fputs(" · ", stdout);
		md_inline(n->group_label);
	}
	/* The time alone when the note was taken on the session's day. */
	fputs(" · ", stdout);
	if (datelen == 10 && strncmp(n->created_at, md->session_date, datelen) == 0)
		snprintf(buf, sizeof buf, "%.5s", n->created_at + (strlen(n->created_at) > 11 ? 11 : 0));
	else
		minute(n->created_at, buf, sizeof buf);
	md_inline(buf);
	/* A focus group's notes are often grouped by the school they are
	 * about: the name once is enough. */
	if (*n->about && strcmp(n->about, n->group_label) != 0) {
		fputs(" · ", stdout);
		snprintf(buf, sizeof buf, _("about %s"), n->about);
		md_inline(buf);
	}
	if (*n->author) {
		fputs(" · ", stdout);
		snprintf(buf, sizeof buf, _("by %s"), n->author);
		md_inline(buf);
	}
	fputs("\n\n", stdout);
	md_body(n->body);
}

/* --- the list --- */

int cli_notes_check(const cli_options *opt)
{
	if (opt->nargs > 1) {
		cli_error(_("'notes' takes no arguments"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->polarity && strcmp(opt->polarity, "+") != 0 && strcmp(opt->polarity, "-") != 0 &&
	    strcmp(opt->polarity, "0") != 0) {
		cli_error(_("unknown polarity '%s' (use + for enabler, - for barrier, 0 for neutral)"),
			  opt->polarity);
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->untagged && (opt->factor || opt->polarity)) {
		cli_error("%s", _("--untagged cannot go with --factor or --polarity"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return cli_check_note_kind(opt);
}

int cli_notes_filter(cli_ctx *ctx, note_filter *f)
{
	st_err err;
	int rc;

	if ((rc = cli_find_programme(ctx, &f->programme_id)) != EXIT_OK)
		return rc;
	if (ctx->opt.session && (rc = cli_session_id(ctx, ctx->opt.session, &f->session_id)) != EXIT_OK)
		return rc;
	if (ctx->opt.factor) {
		st_factor fac = { 0 };

		rc = factor_find_code(ctx->db, ctx->opt.factor, &fac, &err);
		if (rc < 0)
			cli_error("%s", err.msg);
		else if (rc == 0)
			cli_error(_("there is no factor with code '%s' (see 'stemtui factors')"),
				  ctx->opt.factor);
		f->factor_id = fac.id;
		factor_clear(&fac);
		if (rc != 1)
			return EXIT_FAIL;
	}
	if (ctx->opt.polarity)
		f->polarity = *ctx->opt.polarity == '+' ? NOTE_POLARITY_ENABLER :
			      *ctx->opt.polarity == '-' ? NOTE_POLARITY_BARRIER : NOTE_POLARITY_NEUTRAL;
	f->untagged = ctx->opt.untagged;
	if (ctx->opt.kind)
		f->kind = note_kind_key[note_kind_index(ctx->opt.kind)];
	f->group_label = ctx->opt.group;
	f->search = ctx->opt.search;
	f->order = ctx->opt.order_session ? NOTE_ORDER_SESSION : NOTE_ORDER_ENTERED;
	return EXIT_OK;
}

/* What printing the notes needs while it walks them. */
struct notes_walk {
	cli_ctx *ctx;
	note_filter filter;
	struct md_state md;
	int columns;
	long long rows;
};

static int fetch_notes(void *c, const void *anchor, void *out, int n, st_err *err)
{
	struct notes_walk *w = c;

	return note_page(w->ctx->db, &w->filter, anchor, false, out, n, err);
}

static int print_note(void *c, void *row, long long index)
{
	struct notes_walk *w = c;

	switch (w->ctx->opt.output) {
	case FORMAT_CSV: csv_row(row); break;
	case FORMAT_JSON: json_row(row, index == 0); break;
	case FORMAT_MD: md_note(w->ctx, row, &w->md); break;
	default: table_row(row, w->columns); break;
	}
	w->rows++;
	return 0;
}

static void clear_note(void *row)
{
	note_clear(row);
}

int cli_notes(cli_ctx *ctx)
{
	static const struct walk_source notes = { sizeof(st_note), fetch_notes, clear_note };
	enum output_format out = ctx->opt.output;
	struct notes_walk w = { .ctx = ctx };
	int i, rc;
	st_err err;

	w.columns = out == FORMAT_TABLE ? terminal_width() : 0;
	if ((rc = cli_notes_filter(ctx, &w.filter)) != EXIT_OK)
		return rc;
	if (out == FORMAT_CSV) {
		for (i = 0; i < (int)COUNT(note_fields); i++)
			emit_csv_field(stdout, note_fields[i], i == 0);
		emit_csv_end(stdout);
	} else if (out == FORMAT_TABLE) {
		table_header();
	} else if (out == FORMAT_JSON) {
		fputs("[", stdout);
	}
	rc = walk_rows(&notes, &w, print_note, &err);
	if (out == FORMAT_JSON)
		fputs(w.rows ? "\n]\n" : "]\n", stdout);
	else if (out == FORMAT_TABLE && rc == 0)
		printf(ngettext("%lld note\n", "%lld notes\n", (unsigned long)w.rows), w.rows);
	free(w.md.programme);
	if (rc != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* --- add-note --------------------------------------------------------------- */

int cli_add_note_check(const cli_options *opt)
{
	if (opt->nargs < 2) {
		cli_error("%s", _("usage: stemtui add-note SESSION [--kind KIND] [--group GROUP] [TEXT]"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return cli_check_note_kind(opt);
}

/* The words after SESSION, joined with spaces. */
static char *join_args(const cli_options *opt)
{
	size_t n = 1;
	char *out;
	int i;

	for (i = 2; i < opt->nargs; i++)
		n += strlen(opt->args[i]) + 1;
	out = malloc(n);
	if (!out)
		return NULL;
	out[0] = '\0';
	for (i = 2; i < opt->nargs; i++) {
		if (i > 2)
			strcat(out, " ");
		strcat(out, opt->args[i]);
	}
	return out;
}

/* All of standard input, without NUL bytes.  NULL with the message
 * printed on failure. */
static char *read_stdin(void)
{
	size_t len = 0, cap = 4096, got, i, w;
	char *buf = malloc(cap), *grown;

	if (!buf) {
		cli_error("%s", _("out of memory"));
		return NULL;
	}
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "%s\n", _("Type the note, then Ctrl-D on a line of its own."));
	for (;;) {
		if (cap - len < 2) {
			if (cap > NOTE_TEXT_MAX) {
				cli_error("%s", _("the text is too long for a note"));
				free(buf);
				return NULL;
			}
			grown = realloc(buf, cap * 2);
			if (!grown) {
				cli_error("%s", _("out of memory"));
				free(buf);
				return NULL;
			}
			buf = grown;
			cap *= 2;
		}
		got = fread(buf + len, 1, cap - len - 1, stdin);
		if (got == 0)
			break;
		for (i = 0, w = len; i < got; i++)
			if (buf[len + i] != '\0')
				buf[w++] = buf[len + i];
		len = w;
	}
	if (ferror(stdin)) {
		cli_error("%s", _("cannot read standard input"));
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/* Offset of the first byte of s that is not valid UTF-8, or -1. */
static long invalid_utf8_at(const char *s)
{
	size_t n = strlen(s), i = 0, used;
	uint32_t cp;

	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		/* A real U+FFFD takes 3 bytes; an invalid byte reads as it in 1. */
		if (used == 1 && cp == 0xFFFD)
			return (long)i;
		i += used;
	}
	return -1;
}

/* Reads the text before the database is opened, so that an empty note
 * (or one that is not UTF-8, which would be stored damaged) creates
 * nothing. */
int cli_add_note_prepare(cli_ctx *ctx)
{
	const char *p;

	ctx->note_text = ctx->opt.nargs > 2 ? join_args(&ctx->opt) : read_stdin();
	if (!ctx->note_text) {
		if (ctx->opt.nargs > 2)
			cli_error("%s", _("out of memory"));
		return EXIT_FAIL;
	}
	if (invalid_utf8_at(ctx->note_text) >= 0) {
		cli_error(_("the text is not valid UTF-8 (byte %ld): save it as UTF-8 and try again"),
			  invalid_utf8_at(ctx->note_text) + 1);
		return EXIT_FAIL;
	}
	for (p = ctx->note_text; *p; p++)
		if (!(*p == ' ' || (*p >= '\t' && *p <= '\r')))
			return EXIT_OK;
	cli_error("%s", _("a note needs some text"));
	return EXIT_FAIL;
}

int cli_add_note(cli_ctx *ctx)
{
	char group[512];
	st_note n = { 0 };
	long long id = 0;
	st_err err;
	int rc;

	if ((rc = cli_session_id(ctx, ctx->opt.args[1], &id)) != EXIT_OK)
		return rc;
	/* note_add only reads these strings. */
	n.session_id = id;
	n.kind = (char *)(ctx->opt.kind ? ctx->opt.kind : "");
	n.body = ctx->note_text;
	n.group_label = (char *)(ctx->opt.group ? ctx->opt.group : "");
	/* "Tafel 2" typed again is the "tafel 2" already there, as in the TUI. */
	if (*n.group_label && note_group_spelling(ctx->db, id, n.group_label, group, sizeof group,
						  &err) == 1)
		n.group_label = group;
	n.author = ctx->settings.facilitator ? ctx->settings.facilitator : (char *)"";
	if (note_add(ctx->db, &n, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	printf("%lld\n", n.id);
	return EXIT_OK;
}
