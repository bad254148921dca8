/* cli_factors.c: `stemtui factors` (the factor overview with its figures)
 * and `stemtui tag NOTE FACTOR[+|-]` (tagging a note from a script). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "core/codebook.h"
#include "core/codebook_snapshot.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/figures.h"
#include "core/i18n.h"
#include "core/notes.h"
#include "core/programme.h"
#include "core/tags.h"
#include "core/text.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* CSV header and JSON keys, in this order (documented in stemtui(1), so
 * never renamed).  The last four are the notes per session kind, in the
 * order of session_kind_key. */
static const char *const factor_fields[] = {
	"code", "name", "parent", "level", "notes", "sessions", "schools", "enablers",
	"barriers", "neutral", "inspiratie", "groei", "focus", "uitwissel",
};

/* Short column headings of the session kinds in the table: abbreviations
 * of their own, since the short labels ("Groeisessie") do not fit. */
static const char *const kind_heading[SESSION_KIND_COUNT] = {
	N_("Insp."), N_("Grow."), N_("Focus"), N_("Exch."),
};

enum { W_FACTOR = 44, W_NUM = 7 };

/* The short name of session kind i: its column ("focus" for focusgroep). */
static const char *kind_short(int i)
{
	return factor_fields[COUNT(factor_fields) - SESSION_KIND_COUNT + i];
}

/* The session kind key text means: a key ("focusgroep") or the short name
 * of its column ("focus"), any case; NULL when neither. */
static const char *kind_key(const char *text)
{
	int i;

	if (!text)
		return NULL;
	for (i = 0; i < SESSION_KIND_COUNT; i++)
		if (strcasecmp(text, session_kind_key[i]) == 0 || strcasecmp(text, kind_short(i)) == 0)
			return session_kind_key[i];
	return NULL;
}

static void list_session_kinds(void)
{
	int i;

	for (i = 0; i < SESSION_KIND_COUNT; i++)
		fprintf(stderr, "  %-16s %-10s %s\n", session_kind_key[i], kind_short(i),
			session_kind_text(session_kind_key[i]));
}

const char *cli_kind_key(const char *text)
{
	return kind_key(text);
}

int cli_check_session_kind(const cli_options *opt)
{
	if (opt->session_kind && !kind_key(opt->session_kind)) {
		cli_error(_("unknown session kind '%s'; the kinds are:"), opt->session_kind);
		list_session_kinds();
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_factors_check(const cli_options *opt)
{
	if (opt->nargs > 1) {
		cli_error(_("'factors' takes no arguments"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->coders) {
		fprintf(stderr, _("%s: option '--%s' does not apply to '%s'\n"), PACKAGE, "coders",
			"factors");
		options_print_try_help();
		return EXIT_USAGE;
	}
	return cli_check_session_kind(opt);
}

static void num_cell(const char *s)
{
	char *fit = text_fit_right(s, W_NUM);

	printf(" %s", fit ? fit : s);
	free(fit);
}

static void table_header(void)
{
	const char *num[6] = { _("Notes"), _("Sess."), _("Schools"), "+", "-", "0" };
	char *fit = text_fit(_("Factor"), W_FACTOR, true);
	int i;

	fputs(fit ? fit : "", stdout);
	free(fit);
	for (i = 0; i < 6; i++)
		num_cell(num[i]);
	for (i = 0; i < SESSION_KIND_COUNT; i++)
		num_cell(_(kind_heading[i]));
	fputc('\n', stdout);
}

static void table_row(const st_factor *f, const factor_figures *x)
{
	char left[512], num[16], *fit;
	int v[FACTOR_FIGURE_VALUES], i;

	snprintf(left, sizeof left, "%*s%-5s %s", 2 * f->depth, "", f->code, f->name);
	fit = text_fit(left, W_FACTOR, true);
	fputs(fit ? fit : left, stdout);
	free(fit);
	factor_figure_values(x, v);
	for (i = 0; i < FACTOR_FIGURE_VALUES; i++) {
		snprintf(num, sizeof num, "%d", v[i]);
		num_cell(num);
	}
	fputc('\n', stdout);
}

static void csv_row(const st_factor *tree, int n, int i, const factor_figures *x)
{
	export_factor_csv(stdout, CSV_RFC4180, tree, n, i, x, false);
}

static void json_row(const st_factor *tree, int n, int i, const factor_figures *x)
{
	export_factor_json(stdout, tree, n, i, x, false);
}

int cli_factors(cli_ctx *ctx)
{
	figure_filter filter = { .session_kind = ctx->opt.session_kind
						   ? kind_key(ctx->opt.session_kind) : NULL,
				 .coder = ctx->opt.coder };
	codebook_snapshot cb;
	enum output_format out = ctx->opt.output;
	int n, i, rc;
	st_err err;

	if ((rc = cli_find_programme(ctx, &filter.programme_id)) != EXIT_OK)
		return rc;
	n = codebook_snapshot_read(ctx->db, &filter, &cb, &err);
	if (n < 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (out == FORMAT_CSV) {
		for (i = 0; i < (int)COUNT(factor_fields); i++)
			emit_csv_field(stdout, factor_fields[i], i == 0);
		emit_csv_end(stdout);
	} else if (out == FORMAT_JSON) {
		fputs("[", stdout);
	} else {
		table_header();
	}
	for (i = 0; i < n; i++) {
		if (out == FORMAT_CSV)
			csv_row(cb.f, n, i, &cb.fig[i]);
		else if (out == FORMAT_JSON)
			json_row(cb.f, n, i, &cb.fig[i]);
		else
			table_row(&cb.f[i], &cb.fig[i]);
	}
	if (out == FORMAT_JSON)
		fputs(n ? "\n]\n" : "]\n", stdout);
	else if (out == FORMAT_TABLE)
		printf(ngettext("%d factor\n", "%d factors\n", (unsigned long)n), n);
	codebook_snapshot_free(&cb);
	return EXIT_OK;
}

/* --- tag ------------------------------------------------------------------- */

static int tag_usage(void)
{
	cli_error("%s", _("usage: stemtui tag NOTE-ID FACTOR-CODE[+|-] [--remove]"));
	options_print_try_help();
	return EXIT_USAGE;
}

/* A positive decimal id, or 0. */
static long long parse_id(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0)
		return 0;
	return v;
}

int cli_tag_check(const cli_options *opt)
{
	if (opt->nargs != 3 || !*opt->args[2])
		return tag_usage();
	if (!parse_id(opt->args[1])) {
		cli_error(_("'%s' is not a note id (a number, as 'stemtui notes --format csv'"
			    " shows)"), opt->args[1]);
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* 1 when coder tagged note_id with factor_id, 0 when not, -1 on error. */
static int has_tag(sqlite3 *db, long long note_id, long long factor_id, const char *coder,
		   st_err *err)
{
	st_tag tags[256];
	int n = tag_list(db, note_id, coder, tags, 256, err), i;

	for (i = 0; i < n; i++)
		if (tags[i].factor_id == factor_id)
			return 1;
	return n < 0 ? -1 : 0;
}

int cli_tag(cli_ctx *ctx)
{
	long long note_id = parse_id(ctx->opt.args[1]);
	/* Who tags: the config's facilitator or --facilitator. */
	const char *coder = tag_coder_of(ctx->settings.facilitator);
	char code[256], tags[1024];
	st_factor f = { 0 };
	st_note note = { 0 };
	int polarity = 0, rc;
	size_t len;
	st_err err;

	snprintf(code, sizeof code, "%s", ctx->opt.args[2]);
	len = strlen(code);
	if (len > 1 && (code[len - 1] == '+' || code[len - 1] == '-')) {
		polarity = code[len - 1] == '+' ? 1 : -1;
		code[len - 1] = '\0';
	}
	rc = note_get(ctx->db, note_id, &note, &err);
	if (rc == 1 && *note.deleted_at) {
		/* Also for --remove: the trash is left as it was. */
		cli_error(_("note %lld is in the trash: restore it first"), note_id);
		rc = -2;
	}
	note_clear(&note);
	if (rc == 0)
		cli_error(_("there is no note with id %lld"), note_id);
	else if (rc == -1)
		cli_error("%s", err.msg);
	if (rc != 1)
		return EXIT_FAIL;
	rc = factor_find_code(ctx->db, code, &f, &err);
	if (rc == 0)
		cli_error(_("there is no factor with code '%s' (see 'stemtui factors')"), code);
	else if (rc < 0)
		cli_error("%s", err.msg);
	if (rc != 1)
		return EXIT_FAIL;
	if (ctx->opt.remove && (rc = has_tag(ctx->db, note_id, f.id, coder, &err)) != 1) {
		if (rc == 0 && has_tag(ctx->db, note_id, f.id, NULL, &err) == 1)
			cli_error(_("note %lld is tagged with %s by other coders only: nothing of"
				    " yours to remove (see --facilitator)"), note_id, f.code);
		else if (rc == 0)
			cli_error(_("note %lld is not tagged with %s: nothing to remove"), note_id, f.code);
		else
			cli_error("%s", err.msg);
		factor_clear(&f);
		return EXIT_FAIL;
	}
	rc = ctx->opt.remove ? tag_remove(ctx->db, note_id, f.id, coder, &err)
			     : tag_set(ctx->db, note_id, f.id, polarity, coder, &err);
	factor_clear(&f);
	if (rc == 0)
		rc = tag_text(ctx->db, note_id, tags, sizeof tags, &err);
	if (rc != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	/* The note's tags after the change. */
	printf(_("note %lld: %s\n"), note_id, *tags ? tags : _("no tags"));
	return EXIT_OK;
}
