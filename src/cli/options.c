/* options.c: see options.h.
 *
 * One table holds every option with its help line, so --help, getopt and
 * the man page's OPTIONS section cannot drift apart. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "core/csv.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/settings.h"

enum { OPT_DB = 'd', OPT_CONFIG = 'c', OPT_HELP = 'h', OPT_VERSION = 'V',
       OPT_FORMAT = 'f', OPT_PROGRAMME = 'p', OPT_OUTPUT = 'o', OPT_DEMO = 256, OPT_NAME,
       OPT_ROLE, OPT_FOCUS, OPT_ORGANISATION, OPT_STATUS, OPT_EXPECTED,
       OPT_PSEUDONYMISE, OPT_KIND, OPT_GROUP, OPT_SEARCH, OPT_SESSION,
       OPT_SESSION_KIND, OPT_FACTOR, OPT_POLARITY, OPT_UNTAGGED, OPT_REMOVE,
       OPT_QUOTES, OPT_REPLACE, OPT_ORDER, OPT_WAIT, OPT_REPAIR, OPT_ENCODING, OPT_CSV,
       OPT_LANGUAGE, OPT_INTRO, OPT_ROWS, OPT_COLS, OPT_FACILITATOR, OPT_CODER, OPT_CODERS,
       OPT_DUPLICATES, OPT_MERGE };

static const struct option_row {
	const char *name;
	int has_arg;
	int val;
	unsigned bit;      /* OPTS_* for an option of some commands, 0 for all */
	const char *arg;   /* name of the argument in --help */
	const char *help;
} option_rows[] = {
	{ "db",        required_argument, OPT_DB,        0, N_("PATH"), N_("use the database at PATH") },
	{ "config",    required_argument, OPT_CONFIG,    0, N_("PATH"), N_("read the configuration from PATH") },
	{ "demo",      no_argument,       OPT_DEMO,      0, NULL,       N_("use the demo database (kept apart from your own)") },
	{ "facilitator", required_argument, OPT_FACILITATOR, 0, N_("NAME"),
	  N_("who is working: the author of new notes and the coder of tags (instead of the config's)") },
	{ "programme", required_argument, OPT_PROGRAMME, OPTS_PROGRAMME, N_("NAME"), N_("the programme to use (name or school year)") },
	{ "format",    required_argument, OPT_FORMAT,    OPTS_FORMAT, N_("FMT"),
	  N_("output format: table, csv or json (notes: also md; export: see stemtui(1))") },
	{ "name",      required_argument, OPT_NAME,      OPTS_NAME, N_("TEXT"), N_("people: only those whose name contains TEXT") },
	{ "role",      required_argument, OPT_ROLE,      OPTS_ROLE, N_("ROLE"), N_("people: only those with this role (key or label)") },
	{ "focus",     required_argument, OPT_FOCUS,     OPTS_FOCUS, N_("TAG"), N_("people: only those with this focus tag") },
	{ "organisation", required_argument, OPT_ORGANISATION, OPTS_ORGANISATION, N_("NAME"),
	  N_("people: only those of this organisation") },
	{ "status",    required_argument, OPT_STATUS,    OPTS_STATUS, N_("STATUS"),
	  N_("checkin: present (the default), absent or excused") },
	{ "expected",  required_argument, OPT_EXPECTED,  OPTS_EXPECTED, N_("SESSION"),
	  N_("import people: register everyone as expected at SESSION") },
	{ "duplicates", no_argument,      OPT_DUPLICATES, OPTS_DUPLICATES, NULL,
	  N_("people: the groups of people who look like the same person") },
	{ "merge",     no_argument,       OPT_MERGE,     OPTS_DUPLICATES, NULL,
	  N_("people ID ID: merge two people into one (the older one stays)") },
	{ "pseudonymise", no_argument,    OPT_PSEUDONYMISE, OPTS_PSEUDONYMISE, NULL,
	  N_("people, attendance, export: codes (P017, school A) instead of names, no e-mail") },
	{ "session",   required_argument, OPT_SESSION,   OPTS_SESSION, N_("SESSION"),
	  N_("notes, export: only those taken at SESSION") },
	{ "kind",      required_argument, OPT_KIND,      OPTS_KIND, N_("KIND"),
	  N_("notes, add-note: observation, quote, idea, question, action") },
	{ "group",     required_argument, OPT_GROUP,     OPTS_GROUP, N_("GROUP"),
	  N_("notes, add-note: the group or table (\"tafel 3\")") },
	{ "search",    required_argument, OPT_SEARCH,    OPTS_SEARCH, N_("QUERY"),
	  N_("notes: only those with all these words (see stemtui(1))") },
	{ "factor",    required_argument, OPT_FACTOR,    OPTS_FACTOR, N_("CODE"),
	  N_("notes: only those tagged with this factor or one below it") },
	{ "polarity",  required_argument, OPT_POLARITY,  OPTS_POLARITY, N_("POL"),
	  N_("notes: only tags that are + (enabler), - (barrier) or 0 (neutral)") },
	{ "untagged",  no_argument,       OPT_UNTAGGED,  OPTS_UNTAGGED, NULL,
	  N_("notes: only those without any tag") },
	{ "order",     required_argument, OPT_ORDER,     OPTS_ORDER, N_("ORDER"),
	  N_("notes: session (by session date) or entered (by entry time, the default)") },
	{ "session-kind", required_argument, OPT_SESSION_KIND, OPTS_SESSION_KIND, N_("KIND"),
	  N_("factors, export: count only notes of sessions of this kind") },
	{ "coder",     required_argument, OPT_CODER,     OPTS_CODER, N_("NAME"),
	  N_("factors, export: only the tags of this coder") },
	{ "coders",    required_argument, OPT_CODERS,    OPTS_CODER, N_("A,B"),
	  N_("agreement: the two coders to compare (default: the two with most tags)") },
	{ "remove",    no_argument,       OPT_REMOVE,    OPTS_REMOVE, NULL,
	  N_("tag: remove the tag instead of setting it") },
	{ "replace",   no_argument,       OPT_REPLACE,   OPTS_REPLACE, NULL,
	  N_("import codebook FILE.qdc: remove the factors that are not in FILE") },
	{ "repair",    no_argument,       OPT_REPAIR,    OPTS_REPAIR, NULL,
	  N_("check: rebuild the search indexes, figures and keys found wrong") },
	{ "output",    required_argument, OPT_OUTPUT,    OPTS_OUTPUT, N_("FILE"),
	  N_("export: write to FILE (atomically); - or none for standard output") },
	{ "quotes",    required_argument, OPT_QUOTES,    OPTS_QUOTES, N_("N"),
	  N_("export draaiboek: up to N enabler and N barrier quotes per factor (3)") },
	{ "encoding",  required_argument, OPT_ENCODING,  OPTS_ENCODING, N_("ENC"),
	  N_("import people: utf-8 or windows-1252 (by default found out)") },
	{ "csv",       required_argument, OPT_CSV,       OPTS_CSV, N_("KIND"),
	  N_("export: CSV for scripts (rfc4180, the default) or a Belgian Excel (excel)") },
	{ "language",  required_argument, OPT_LANGUAGE,  OPTS_LANGUAGE, N_("LANG"),
	  N_("export draaiboek, factors: write it in nl or en (default: the interface's)") },
	{ "intro",     required_argument, OPT_INTRO,     OPTS_INTRO, N_("FILE"),
	  N_("export draaiboek: the introduction, from FILE") },
	{ "rows",      required_argument, OPT_ROWS,      OPTS_MATRIX, N_("WHAT"),
	  N_("export matrix: what the rows are: factor (the only one)") },
	{ "cols",      required_argument, OPT_COLS,      OPTS_MATRIX, N_("WHAT"),
	  N_("export matrix: school, session, session-kind or programme") },
	{ "wait",      required_argument, OPT_WAIT,      0, N_("SECONDS"),
	  N_("wait at most SECONDS for another program writing to the database (600)") },
	{ "help",      no_argument,       OPT_HELP,      0, NULL,       N_("show this help and exit") },
	{ "version",   no_argument,       OPT_VERSION,   0, NULL,       N_("show the version and exit") },
};
#define OPTION_COUNT (sizeof option_rows / sizeof option_rows[0])

/* The commands of --help: the words in capitals (args) are translated,
 * as the options' are (--db=PAD), since the help beside them names them;
 * the command itself is typed as it is. */
static const struct command_row {
	const char *command;
	const char *args;   /* NULL: none to translate */
	const char *help;
} command_rows[] = {
	{ "sessions", NULL, N_("list the sessions of a programme") },
	{ "people", NULL, N_("list people (see --name, --role, --focus, --organisation)") },
	{ "people --duplicates", NULL, N_("list the people who look like the same person") },
	{ "people --merge ID ID", NULL, N_("merge two people entered twice into one") },
	{ "attendance", N_("SESSION"), N_("list who is registered for a session, and who came") },
	{ "checkin", N_("SESSION PERSON"), N_("mark a person present at a session (or --status)") },
	{ "import programme", N_("FILE"),
	  N_("import a programme file (see PROGRAMME FILES in stemtui(1))") },
	{ "import people", N_("FILE"), N_("import a sign-up list (see SIGN-UP LISTS in stemtui(1))") },
	{ "notes", NULL, N_("list co-creation notes (see --session, --kind, --group, --search)") },
	{ "add-note", N_("SESSION [TEXT]"),
	  N_("add a note; without TEXT, it is read from standard input") },
	{ "factors", NULL, N_("the critical success factors with their figures") },
	{ "tag", N_("NOTE FACTOR[+|-]"),
	  N_("tag a note with a factor: + enabler, - barrier, else neutral") },
	{ "agreement", NULL, N_("agreement between two coders per factor (percent, Cohen's kappa)") },
	{ "agreement disagreements", NULL,
	  N_("the notes where coders disagree on a factor's polarity") },
	{ "import codebook", N_("FILE"),
	  N_("import a codebook: INI (see CODEBOOK FILES in stemtui(1)) or REFI-QDA .qdc") },
	/* TRANSLATORS: the arguments of a command in --help; --format is
	 * typed as it is. */
	{ "export", N_("WHAT --format F"), N_("export factors, evidence, notes, attendance, people,"
					       " draaiboek, codebook or matrix") },
	{ "check", NULL, N_("check the database (see --repair; CHECKING in stemtui(1))") },
	{ "sync", N_("[FOLDER]"),
	  N_("send this database's changes to the shared folder, take in the others'") },
	{ "merge", N_("OTHER"), N_("bring in everything of a colleague's database file OTHER") },
};

static const char *const format_names[] = { "table", "csv", "json", "md", "html", "qdc", "xlsx" };

static int parse_format(const char *s, enum output_format *out)
{
	int i;

	for (i = 0; i < (int)(sizeof format_names / sizeof format_names[0]); i++) {
		if (strcmp(s, format_names[i]) == 0) {
			*out = (enum output_format)i;
			return 0;
		}
	}
	return -1;
}

void options_print_try_help(void)
{
	fprintf(stderr, _("Try '%s --help' for more information.\n"), PACKAGE);
}

/* Applies one parsed option whose value must be checked: 0, or 2 (with
 * a message) on a bad value or an option that is not one. */
static int apply_checked(cli_options *o, int c)
{
	switch (c) {
	case OPT_QUOTES: {
		char *end;
		long v = strtol(optarg, &end, 10);

		if (end == optarg || *end || v < 1 || v > 100) {
			fprintf(stderr, _("%s: --quotes wants a number from 1 to 100, not '%s'\n"),
				PACKAGE, optarg);
			return 2;
		}
		o->quotes = (int)v;
		break;
	}
	case OPT_WAIT:
		if (settings_parse_seconds(optarg, &o->wait) != 0) {
			fprintf(stderr, _("%s: --wait wants a number of seconds from 0 to %d, not '%s'\n"),
				PACKAGE, SETTINGS_WAIT_MAX, optarg);
			return 2;
		}
		o->wait_given = true;
		break;
	case OPT_ENCODING:
		o->encoding = csv_encoding_from_name(optarg);
		if (o->encoding < 0) {
			fprintf(stderr, _("%s: --encoding wants utf-8, windows-1252 or auto, not '%s'\n"),
				PACKAGE, optarg);
			return 2;
		}
		break;
	case OPT_CSV:
		o->csv = csv_dialect_from_name(optarg);
		if (o->csv < 0) {
			fprintf(stderr, _("%s: --csv wants rfc4180 or excel, not '%s'\n"), PACKAGE,
				optarg);
			return 2;
		}
		break;
	case OPT_ROWS:
		if (strcmp(optarg, "factor") != 0) {
			fprintf(stderr, _("%s: --rows wants factor, not '%s'\n"), PACKAGE, optarg);
			return 2;
		}
		break;
	case OPT_COLS:
		o->cols = matrix_cols_from_name(optarg);
		if (o->cols < 0) {
			fprintf(stderr, _("%s: --cols wants school, session, session-kind or programme,"
					  " not '%s'\n"), PACKAGE, optarg);
			return 2;
		}
		break;
	case OPT_ORDER:
		if (strcmp(optarg, "session") != 0 && strcmp(optarg, "entered") != 0) {
			fprintf(stderr, _("%s: --order wants session or entered, not '%s'\n"),
				PACKAGE, optarg);
			return 2;
		}
		o->order_session = strcmp(optarg, "session") == 0;
		break;
	case OPT_FORMAT:
		o->format = optarg;
		if (parse_format(optarg, &o->output) != 0) {
			fprintf(stderr, _("%s: unknown format '%s' (use table, csv, json, md, html, qdc or xlsx)\n"),
				PACKAGE, optarg);
			return 2;
		}
		break;
	default:
		return 2;
	}
	return 0;
}

/* Applies one parsed option; 0, or 2 on a bad value. */
static int apply(cli_options *o, int c)
{
	switch (c) {
	case OPT_DB: o->db = optarg; break;
	case OPT_CONFIG: o->config = optarg; break;
	case OPT_FACILITATOR: o->facilitator = optarg; break;
	case OPT_CODER: o->coder = optarg; break;
	case OPT_CODERS: o->coders = optarg; break;
	case OPT_DEMO: o->demo = true; break;
	case OPT_PROGRAMME: o->programme = optarg; break;
	case OPT_HELP: o->help = true; break;
	case OPT_VERSION: o->version = true; break;
	case OPT_NAME: o->name = optarg; break;
	case OPT_ROLE: o->role = optarg; break;
	case OPT_FOCUS: o->focus = optarg; break;
	case OPT_ORGANISATION: o->organisation = optarg; break;
	case OPT_STATUS: o->status = optarg; break;
	case OPT_EXPECTED: o->expected = optarg; break;
	case OPT_PSEUDONYMISE: o->pseudonymise = true; break;
	case OPT_DUPLICATES: o->duplicates = true; break;
	case OPT_MERGE: o->merge = true; break;
	case OPT_LANGUAGE: o->language = optarg; break;
	case OPT_INTRO: o->intro = optarg; break;
	case OPT_KIND: o->kind = optarg; break;
	case OPT_GROUP: o->group = optarg; break;
	case OPT_SEARCH: o->search = optarg; break;
	case OPT_SESSION: o->session = optarg; break;
	case OPT_SESSION_KIND: o->session_kind = optarg; break;
	case OPT_FACTOR: o->factor = optarg; break;
	case OPT_POLARITY: o->polarity = optarg; break;
	case OPT_UNTAGGED: o->untagged = true; break;
	case OPT_REMOVE: o->remove = true; break;
	case OPT_REPLACE: o->replace = true; break;
	case OPT_REPAIR: o->repair = true; break;
	case OPT_OUTPUT: o->output_path = optarg; break;
	default:
		return apply_checked(o, c);
	}
	return 0;
}

int options_parse(cli_options *o, int argc, char **argv)
{
	struct option longopts[OPTION_COUNT + 1];
	char shortopts[2 * OPTION_COUNT + 1];
	size_t i, n = 0;
	int c;

	/* getopt_long permutes, so options may follow the command
	 * ("stemtui sessions --format csv"). */
	memset(o, 0, sizeof *o);
	o->encoding = CSV_AUTO;
	o->csv = -1;
	o->cols = -1;
	memset(longopts, 0, sizeof longopts);
	for (i = 0; i < OPTION_COUNT; i++) {
		longopts[i].name = option_rows[i].name;
		longopts[i].has_arg = option_rows[i].has_arg;
		longopts[i].val = option_rows[i].val;
		if (option_rows[i].val < 256) {
			shortopts[n++] = (char)option_rows[i].val;
			if (option_rows[i].has_arg)
				shortopts[n++] = ':';
		}
	}
	shortopts[n] = '\0';
	opterr = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (apply(o, c) != 0) {
			options_print_try_help();
			return 2;
		}
		for (i = 0; i < OPTION_COUNT; i++)
			if (option_rows[i].val == c)
				o->given |= option_rows[i].bit;
	}
	o->nargs = argc - optind;
	o->args = argv + optind;
	return 0;
}

int options_check_allowed(const cli_options *o, const char *command, unsigned allowed)
{
	size_t i;

	for (i = 0; i < OPTION_COUNT; i++) {
		const struct option_row *r = &option_rows[i];

		if (!(o->given & r->bit) || (allowed & r->bit))
			continue;
		if (command)
			fprintf(stderr, _("%s: option '--%s' does not apply to '%s'\n"),
				PACKAGE, r->name, command);
		else
			fprintf(stderr, _("%s: option '--%s' needs a command\n"), PACKAGE, r->name);
		options_print_try_help();
		return 2;
	}
	if ((o->output == FORMAT_HTML || o->output == FORMAT_QDC || o->output == FORMAT_XLSX) &&
	    o->format &&
	    !(allowed & OPTS_EXPORT_FORMATS)) {
		fprintf(stderr, _("%s: --format %s is only for 'export' (use table, csv or json)\n"),
			PACKAGE, o->format);
		options_print_try_help();
		return 2;
	}
	if (o->output == FORMAT_MD && command && !(allowed & OPTS_MARKDOWN)) {
		fprintf(stderr, _("%s: --format md is only for 'notes' and 'export' (use table, csv or json"
				  " with '%s')\n"), PACKAGE, command);
		options_print_try_help();
		return 2;
	}
	return 0;
}

void options_print_names(unsigned allowed, const char *prefix)
{
	char word[64];
	size_t i;

	for (i = 0; i < OPTION_COUNT; i++) {
		if (option_rows[i].bit && !(allowed & option_rows[i].bit))
			continue;
		snprintf(word, sizeof word, "--%s", option_rows[i].name);
		if (!prefix || strncmp(word, prefix, strlen(prefix)) == 0)
			printf("%s\n", word);
	}
}

void options_print_formats(unsigned allowed, const char *prefix)
{
	int i;

	if (!(allowed & OPTS_FORMAT))
		return;
	for (i = FORMAT_TABLE; i <= FORMAT_XLSX; i++) {
		/* export writes files for programs: no table */
		if ((i == FORMAT_TABLE && (allowed & OPTS_EXPORT_FORMATS)) ||
		    (i == FORMAT_MD && !(allowed & OPTS_MARKDOWN)) ||
		    ((i == FORMAT_HTML || i == FORMAT_QDC || i == FORMAT_XLSX) &&
		     !(allowed & OPTS_EXPORT_FORMATS)))
			continue;
		if (!prefix || strncmp(format_names[i], prefix, strlen(prefix)) == 0)
			printf("%s\n", format_names[i]);
	}
}

void options_print_help(void)
{
	char left[64];
	size_t i;

	printf(_("Usage: %s [OPTION]... [COMMAND [ARGUMENT]...]\n"), PACKAGE);
	printf("%s\n\n", _("The programme, attendance and co-creation notes of a STEM learning network."));
	printf("%s\n\n", _("Without a command, opens the full-screen interface."));
	printf("%s\n", _("Commands:"));
	for (i = 0; i < sizeof command_rows / sizeof command_rows[0]; i++) {
		const struct command_row *r = &command_rows[i];

		snprintf(left, sizeof left, "%s%s%s", r->command, r->args ? " " : "",
			 r->args ? _(r->args) : "");
		printf("  %-26s %s\n", left, _(r->help));
	}
	printf("\n%s\n", _("Options:"));
	for (i = 0; i < OPTION_COUNT; i++) {
		const struct option_row *r = &option_rows[i];
		int len = r->val < 256 ? snprintf(left, sizeof left, "-%c, --%s", r->val, r->name)
				       : snprintf(left, sizeof left, "    --%s", r->name);
		if (r->arg)
			snprintf(left + len, sizeof left - (size_t)len, "=%s", _(r->arg));
		printf("  %-26s %s\n", left, _(r->help));
	}
	printf("\n%s\n", _("Exit status: 0 on success, 1 on failure, 2 for a wrong command line,\n"
			   "3 when the database cannot be opened or is damaged, 4 when another program\n"
			   "kept the database longer than --wait, or when check finds what\n"
			   "check --repair puts right."));
	printf(_("See stemtui(1) for the configuration file and the programme file format.\n"));
}
