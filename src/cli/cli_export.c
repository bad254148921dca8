/* cli_export.c: `stemtui export WHAT --format F [--csv KIND] [-o FILE]`:
 * factor lists, evidence, notes, attendance, people, the draaiboek and
 * the codebook, written by the core (export.c) to standard output or
 * atomically to a file. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/attendance.h"
#include "core/draaiboek_intro.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/lang.h"
#include "core/notes.h"
#include "core/people.h"
#include "core/programme.h"

/* The export format of --format (enum output_format), or -1 for table. */
static int export_format_of(const cli_options *opt)
{
	switch (opt->output) {
	case FORMAT_CSV: return EXFMT_CSV;
	case FORMAT_JSON: return EXFMT_JSON;
	case FORMAT_MD: return EXFMT_MD;
	case FORMAT_HTML: return EXFMT_HTML;
	case FORMAT_QDC: return EXFMT_QDC;
	case FORMAT_XLSX: return EXFMT_XLSX;
	default: return -1;
	}
}

/* The first format what can be written as: the default (the codebook's
 * is qdc, as it was before it could be written for people). */
static enum export_format default_format(enum export_what what)
{
	int f;

	if (what == EXPORT_CODEBOOK)
		return EXFMT_QDC;
	for (f = 0; f < EXFMT_COUNT; f++)
		if (export_supported(what, (enum export_format)f))
			return (enum export_format)f;
	return EXFMT_CSV;
}

/* "csv or json", "md or html", "qdc": the formats of what. */
static void formats_text(enum export_what what, char *buf, size_t size)
{
	int f, n = 0, total = 0;

	for (f = 0; f < EXFMT_COUNT; f++)
		total += export_supported(what, (enum export_format)f);
	buf[0] = '\0';
	for (f = 0; f < EXFMT_COUNT; f++) {
		if (!export_supported(what, (enum export_format)f))
			continue;
		if (n > 0)
			strncat(buf, n == total - 1 ? _(" or ") : ", ", size - strlen(buf) - 1);
		strncat(buf, export_format_name[f], size - strlen(buf) - 1);
		n++;
	}
}

static int usage(void)
{
	cli_error("%s", _("usage: stemtui export factors|evidence|notes|attendance|people|draaiboek|codebook"
			  "|matrix [--format F] [-o FILE]"));
	options_print_try_help();
	return EXIT_USAGE;
}

/* The options of what an export says and how (--pseudonymise,
 * --language, --intro), each for the exports it applies to. */
static int check_words(const cli_options *opt, int what, int format)
{
	if (opt->pseudonymise && (what == EXPORT_FACTORS || what == EXPORT_CODEBOOK)) {
		cli_error("%s", _("--pseudonymise is for 'export attendance', 'people', 'evidence',"
				  " 'notes', 'draaiboek' and 'matrix'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->language && what != EXPORT_DRAAIBOEK &&
	    !(what == EXPORT_FACTORS && format == EXFMT_HTML)) {
		cli_error("%s", _("--language is for 'export draaiboek' and 'export factors --format"
				  " html'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->language && !lang_known(opt->language)) {
		cli_error(_("unknown language '%s' (nl or en)"), opt->language);
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->intro && what != EXPORT_DRAAIBOEK) {
		cli_error("%s", _("--intro is for 'export draaiboek'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* --coder (one coder's tags) fits the exports that show tags or their
 * figures, and of the notes only the tags column: the notes' filters by
 * tag (--factor, --polarity, --untagged) read every coder's tags.
 * --coders is agreement's. */
static int check_coder(const cli_options *opt, int what, int format)
{
	if (opt->coders) {
		fprintf(stderr, _("%s: option '--%s' does not apply to '%s'\n"), PACKAGE, "coders",
			"export");
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (!opt->coder)
		return EXIT_OK;
	if (what == EXPORT_ATTENDANCE || what == EXPORT_PEOPLE ||
	    (what == EXPORT_CODEBOOK && format == EXFMT_QDC)) {
		cli_error("%s", _("--coder is for the exports with tags or figures: 'export factors',"
				  " 'evidence', 'notes', 'draaiboek', 'matrix' and 'codebook'"
				  " (not as qdc)"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (what == EXPORT_NOTES && (opt->factor || opt->polarity || opt->untagged)) {
		cli_error("%s", _("--coder limits the tags the notes show; --factor, --polarity and"
				  " --untagged choose notes by every coder's tags: not both"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Whether every option given fits the export what as format: each list
 * command's filter with its export, --csv with CSV, --quotes with the
 * draaiboek, a session for attendance, a known kind of session.
 * EXIT_OK, or EXIT_USAGE with a message. */
static int check_fit(const cli_options *opt, int what, int format)
{
	int i;

	/* The list commands' filters, each for what it filters. */
	if ((opt->kind || opt->group || opt->search || opt->factor || opt->polarity ||
	     opt->untagged || (opt->given & OPTS_ORDER)) && what != EXPORT_NOTES) {
		cli_error("%s", _("--kind, --group, --search, --factor, --polarity, --untagged and"
				  " --order are for 'export notes'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if ((opt->name || opt->role || opt->focus || opt->organisation) && what != EXPORT_PEOPLE) {
		cli_error("%s", _("--name, --role, --focus and --organisation are for 'export people'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (what == EXPORT_NOTES && cli_check_note_kind(opt) != EXIT_OK)
		return EXIT_USAGE;
	if (check_words(opt, what, format) != EXIT_OK || check_coder(opt, what, format) != EXIT_OK)
		return EXIT_USAGE;
	if (opt->csv >= 0 && format != EXFMT_CSV) {
		cli_error("%s", _("--csv is for an export as CSV (--format csv)"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if ((opt->given & OPTS_MATRIX) && what != EXPORT_MATRIX) {
		cli_error("%s", _("--rows and --cols are for 'export matrix'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (what == EXPORT_MATRIX && opt->cols < 0) {
		cli_error("%s", _("'export matrix' needs --cols school|session|session-kind|programme"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (format == EXFMT_XLSX && (!opt->output_path || strcmp(opt->output_path, "-") == 0) &&
	    isatty(STDOUT_FILENO)) {
		cli_error("%s", _("a spreadsheet (xlsx) is not for a terminal: use -o FILE.xlsx"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->quotes && what != EXPORT_DRAAIBOEK) {
		cli_error("%s", _("--quotes is for 'export draaiboek'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (what == EXPORT_ATTENDANCE && !opt->session) {
		cli_error("%s", _("'export attendance' needs --session SESSION"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if ((what == EXPORT_PEOPLE || what == EXPORT_CODEBOOK) &&
	    (opt->programme || opt->session || opt->session_kind)) {
		cli_error(_("'export %s' takes no --programme, --session or --session-kind"),
			  opt->args[1]);
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->session_kind && session_kind_index(opt->session_kind) < 0) {
		cli_error(_("unknown session kind '%s'; the kinds are:"), opt->session_kind);
		for (i = 0; i < SESSION_KIND_COUNT; i++)
			fprintf(stderr, "  %-18s %s\n", session_kind_key[i],
				session_kind_text(session_kind_key[i]));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_export_check(const cli_options *opt)
{
	char formats[64];
	int what, format, i;

	if (opt->nargs != 2)
		return usage();
	what = export_what_from_name(opt->args[1]);
	if (what < 0) {
		cli_error(_("cannot export '%s'; what can be exported:"), opt->args[1]);
		for (i = 0; i < EXPORT_WHAT_COUNT; i++)
			fprintf(stderr, "  %s\n", export_what_name[i]);
		options_print_try_help();
		return EXIT_USAGE;
	}
	format = opt->format ? export_format_of(opt) : (int)default_format((enum export_what)what);
	if (format < 0 || !export_supported((enum export_what)what, (enum export_format)format)) {
		formats_text((enum export_what)what, formats, sizeof formats);
		cli_error(_("'%s' cannot be exported as %s; use --format %s"), opt->args[1],
			  opt->format, formats);
		options_print_try_help();
		return EXIT_USAGE;
	}
	return check_fit(opt, what, format);
}

int cli_export(cli_ctx *ctx)
{
	const cli_options *opt = &ctx->opt;
	note_filter notes = { 0 };
	person_filter people = { 0 };
	export_options o;
	st_err err;
	int rc;

	memset(&o, 0, sizeof o);
	o.what = (enum export_what)export_what_from_name(opt->args[1]);
	o.format = opt->format ? (enum export_format)export_format_of(opt) : default_format(o.what);
	o.session_kind = opt->session_kind;
	o.pseudonymise = opt->pseudonymise;
	o.quotes = opt->quotes;
	o.cols = opt->cols >= 0 ? (enum matrix_cols)opt->cols : MATRIX_SCHOOL;
	/* --csv, else the config's [export] csv. */
	o.csv = opt->csv >= 0 ? (enum csv_dialect)opt->csv : ctx->settings.export_csv;
	o.language = opt->language;
	o.intro = opt->intro;
	o.network = ctx->settings.network;
	o.coder = opt->coder;
	if ((rc = cli_find_programme(ctx, &o.programme_id)) != EXIT_OK)
		return rc;
	if (opt->session) {
		if ((rc = cli_session_id(ctx, opt->session, &o.session_id)) != EXIT_OK)
			return rc;
	}
	if ((o.what == EXPORT_NOTES && (rc = cli_notes_filter(ctx, &notes)) != EXIT_OK) ||
	    (o.what == EXPORT_PEOPLE && (rc = cli_people_filter(ctx, &people)) != EXIT_OK))
		return rc;
	o.notes = &notes;
	o.people = &people;
	/* Standard output cannot be taken back: a draaiboek whose
	 * introduction cannot be used stops before its first line. */
	if (o.what == EXPORT_DRAAIBOEK && draaiboek_intro_check(o.intro, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (export_to_path(ctx->db, &o, opt->output_path ? opt->output_path : "-", &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
