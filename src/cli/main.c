/* main.c: start-up: locale, options, configuration, database; then either
 * a command or the full-screen interface. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/progress_line.h"
#include "core/codebook_import.h"
#include "core/db.h"
#include "core/demo.h"
#include "core/export.h"
#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/programme_import.h"
#include "tui/migration_bar.h"
#include "tui/tui.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", PACKAGE);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_warning(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("%s: warning: %s\n"), PACKAGE, msg);
}

/* The language the environment asks for ("nl_BE" of LANG=nl_BE.UTF-8),
 * as LC_ALL, LC_MESSAGES and LANG rank, into buf; "" when none. */
static void wanted_language(char *buf, size_t size)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v = NULL;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0] && !(v && *v); i++)
		v = getenv(vars[i]);
	snprintf(buf, size, "%s", v && *v ? v : "");
	buf[strcspn(buf, ".@")] = '\0';
}

/* Wide-character input and gettext both need a real locale; when the
 * environment gives only "C", or a locale this machine has not generated
 * (LANG=nl_BE.UTF-8 on a fresh Debian), fall back to C.UTF-8 so that "Zoë"
 * still types and shows; the language asked for then still applies,
 * through LANGUAGE, as `language = nl` in the config does. */
static void setup_locale(void)
{
	const char *ctype = setlocale(LC_ALL, "");
	char lang[64];

	if (!ctype || strcmp(setlocale(LC_CTYPE, NULL), "C") == 0 ||
	    strcmp(setlocale(LC_CTYPE, NULL), "POSIX") == 0) {
		setlocale(LC_CTYPE, "C.UTF-8");
		setlocale(LC_MESSAGES, "C.UTF-8");
		wanted_language(lang, sizeof lang);
		if (!ctype && *lang && strcmp(lang, "C") != 0 && strcmp(lang, "POSIX") != 0)
			setenv("LANGUAGE", lang, 0);
	}
	bindtextdomain(PACKAGE, fs_localedir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

/* `language` in the config overrides the locale's language.  LANGUAGE is
 * what gettext consults first; calling textdomain again makes glibc drop
 * the translations it already looked up. */
static void apply_language(const char *language)
{
	if (!language)
		return;
	setenv("LANGUAGE", language, 1);
	if (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	textdomain(PACKAGE);
}

/* --facilitator: who works now, for this run only, in place of the
 * config's facilitator (the author of new notes, the coder of tags).
 * Returns an exit code. */
static int apply_facilitator(cli_ctx *ctx, int rc)
{
	char *name;

	if (rc != EXIT_OK || !ctx->opt.facilitator)
		return rc;
	if (!(name = strdup(ctx->opt.facilitator))) {
		cli_error("%s", _("out of memory"));
		return EXIT_FAIL;
	}
	free(ctx->settings.facilitator);
	ctx->settings.facilitator = name;
	return EXIT_OK;
}

/* Loads the config (from --config or the XDG place) and applies its
 * language; loads it twice when the language changes so that its warnings
 * come out in that language.  Returns an exit code. */
static int read_settings(cli_ctx *ctx)
{
	char *path = ctx->opt.config ? strdup(ctx->opt.config) : fs_xdg_path("CONFIG", "config.ini");
	st_err err;
	int i;

	settings_defaults(&ctx->settings);
	if (!path)
		return EXIT_OK;
	if (settings_load(&ctx->settings, path, ctx->opt.config != NULL, &err) != 0) {
		cli_error("%s", err.msg);
		free(path);
		return EXIT_FAIL;
	}
	if (ctx->settings.language) {
		apply_language(ctx->settings.language);
		settings_free(&ctx->settings);
		settings_load(&ctx->settings, path, ctx->opt.config != NULL, &err);
	}
	for (i = 0; i < ctx->settings.nwarnings; i++)
		cli_warning("%s", ctx->settings.warnings[i]);
	free(path);
	return EXIT_OK;
}

/* The settings, with --facilitator applied. */
static int load_settings(cli_ctx *ctx)
{
	return apply_facilitator(ctx, read_settings(ctx));
}

/* The database path: --db, else --demo's own file, else the config's,
 * else $XDG_DATA_HOME/stemtui/stemtui.sqlite; *xdg tells whether it is
 * in the XDG data folder. */
static char *database_path(const cli_ctx *ctx, bool *xdg)
{
	*xdg = false;
	if (ctx->opt.db)
		return strdup(ctx->opt.db);
	*xdg = ctx->opt.demo || !ctx->settings.database;
	if (ctx->opt.demo)
		return fs_xdg_path("DATA", "demo.sqlite");
	if (ctx->settings.database)
		return strdup(ctx->settings.database);
	return fs_xdg_path("DATA", "stemtui.sqlite");
}

/* Removes a database this run created and could not fill, so the next
 * run creates it anew instead of finding an empty programme for good. */
static void discard_new_database(cli_ctx *ctx)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char path[4200];
	size_t i;

	db_close(ctx->db);
	ctx->db = NULL;
	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		/* A cut name would be another file: leave it. */
		if (snprintf(path, sizeof path, "%s%s", ctx->db_path, suffix[i]) < (int)sizeof path)
			unlink(path);
	}
}

/* Fills a database just created: the shipped programme, the starter
 * codebook and, for --demo, the fictional data.  Returns an exit code. */
static int seed_new_database(cli_ctx *ctx)
{
	st_err err;

	if (programme_import_shipped(ctx->db, &err) != 0) {
		cli_error(_("cannot load the shipped programme: %s"), err.msg);
		return EXIT_FAIL;
	}
	if (codebook_import_shipped(ctx->db, &err) != 0) {
		cli_error(_("cannot load the starter codebook: %s"), err.msg);
		return EXIT_FAIL;
	}
	if (ctx->opt.demo && demo_seed(ctx->db, &err) != 0) {
		cli_error(_("cannot fill the demo database: %s"), err.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* A write found another program writing to the database: say so once,
 * to a person at the terminal (a script's log needs no line a second). */
static void say_waiting(void *ctx)
{
	static bool said;

	(void)ctx;
	if (said || !isatty(STDERR_FILENO))
		return;
	said = true;
	fprintf(stderr, _("%s: waiting for another program that is writing to the database…\n"),
		PACKAGE);
}

/* Writes wait for another program as long as it makes progress, up to
 * --wait or database_wait seconds, and a minute at most without progress:
 * an import's last transaction is waited for, an idle sqlite3 shell not
 * for ever. */
#define WAIT_STALL_MS 60000
static void set_up_waiting(cli_ctx *ctx)
{
	int seconds = ctx->opt.wait_given ? ctx->opt.wait : ctx->settings.database_wait;

	ctx->wait.bound_ms = seconds * 1000;
	ctx->wait.stall_ms = ctx->wait.bound_ms < WAIT_STALL_MS ? ctx->wait.bound_ms : WAIT_STALL_MS;
	ctx->wait.said = say_waiting;
	db_wait_default(&ctx->wait);
}

/* db_open, showing how far bringing the schema up to date has got: a
 * bar for the full-screen interface (tui), else a line on stderr when it
 * is a terminal. */
static enum db_open_status open_showing_progress(cli_ctx *ctx, bool tui, bool *created,
						 st_err *err)
{
	enum db_open_status status;
	tui_migration_bar bar;
	cli_progress_line line;

	if (tui) {
		tui_migration_bar_init(&bar, &ctx->settings);
		status = db_open_progress(ctx->db_path, &ctx->db, created, &bar.progress, err);
		tui_migration_bar_end(&bar, status == DB_OPEN_OK);
		return status;
	}
	cli_progress_line_start(&line, _("updating the database"), false);
	status = db_open_progress(ctx->db_path, &ctx->db, created, &line.progress, err);
	cli_progress_line_end(&line);
	return status;
}

/* Opens the database; a new one gets the shipped programme and the
 * starter codebook, and a new
 * demo database (--demo) the fictional people and attendance too.  tui:
 * for the full-screen interface.  Returns an exit code. */
static int open_database(cli_ctx *ctx, bool tui)
{
	enum db_open_status status;
	bool created = false, xdg;
	st_err err;

	ctx->db_path = database_path(ctx, &xdg);
	if (!ctx->db_path) {
		cli_error("%s", _("cannot tell where to keep the database: set HOME or use --db"));
		return EXIT_FAIL;
	}
	if (xdg && fs_xdg_mkdir_parents("DATA", ctx->db_path, &err) != 0) {
		cli_error(_("%s; or use --db"), err.msg);
		return EXIT_FAIL;
	}
	if (xdg)
		fs_private_folder_of(ctx->db_path);
	status = open_showing_progress(ctx, tui, &created, &err);
	if (status != DB_OPEN_OK) {
		cli_error("%s", err.msg);
		return status == DB_OPEN_IO ? EXIT_FAIL : EXIT_DATABASE;
	}
	if (created && seed_new_database(ctx) != EXIT_OK) {
		discard_new_database(ctx);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* The commands, one line each: the options each takes (OPTS_*; others
 * are a usage error); check looks at the command line alone, prepare (or
 * NULL) runs with the configuration read, both before the database is
 * opened; run does the work. */
static const struct command {
	const char *name;
	unsigned options;
	int (*check)(const cli_options *opt);
	int (*prepare)(cli_ctx *ctx);
	int (*run)(cli_ctx *ctx);
} commands[] = {
	{ "sessions", OPTS_PROGRAMME | OPTS_FORMAT,
	  cli_sessions_check, NULL, cli_sessions },
	{ "people", OPTS_NAME | OPTS_ROLE | OPTS_FOCUS | OPTS_ORGANISATION | OPTS_FORMAT |
	  OPTS_PSEUDONYMISE | OPTS_DUPLICATES,
	  cli_people_check, cli_roles_prepare, cli_people },
	{ "attendance", OPTS_PROGRAMME | OPTS_FORMAT | OPTS_PSEUDONYMISE,
	  cli_attendance_check, cli_roles_prepare, cli_attendance },
	{ "checkin", OPTS_PROGRAMME | OPTS_STATUS,
	  cli_checkin_check, NULL, cli_checkin },
	{ "import", OPTS_EXPECTED | OPTS_PROGRAMME | OPTS_REPLACE | OPTS_ENCODING,
	  /* which import takes which: cli_import_check */
	  cli_import_check, cli_import_prepare, cli_import },
	{ "notes", OPTS_PROGRAMME | OPTS_SESSION | OPTS_KIND | OPTS_GROUP | OPTS_SEARCH |
	  OPTS_FORMAT | OPTS_MARKDOWN | OPTS_FACTOR | OPTS_POLARITY | OPTS_UNTAGGED | OPTS_ORDER,
	  cli_notes_check, NULL, cli_notes },
	{ "add-note", OPTS_PROGRAMME | OPTS_KIND | OPTS_GROUP,
	  cli_add_note_check, cli_add_note_prepare, cli_add_note },
	{ "factors", OPTS_PROGRAMME | OPTS_SESSION_KIND | OPTS_FORMAT | OPTS_CODER,
	  cli_factors_check, NULL, cli_factors },
	{ "tag", OPTS_REMOVE,
	  cli_tag_check, NULL, cli_tag },
	{ "agreement", OPTS_CODER | OPTS_PROGRAMME | OPTS_SESSION_KIND | OPTS_FORMAT,
	  cli_agreement_check, NULL, cli_agreement },
	{ "export", OPTS_FORMAT | OPTS_MARKDOWN | OPTS_EXPORT_FORMATS | OPTS_OUTPUT |
	  OPTS_PROGRAMME | OPTS_SESSION_KIND | OPTS_SESSION | OPTS_PSEUDONYMISE | OPTS_QUOTES |
	  OPTS_KIND | OPTS_GROUP | OPTS_SEARCH | OPTS_FACTOR | OPTS_POLARITY | OPTS_UNTAGGED |
	  OPTS_ORDER | OPTS_NAME | OPTS_ROLE | OPTS_FOCUS | OPTS_ORGANISATION | OPTS_CSV |
	  OPTS_LANGUAGE | OPTS_INTRO | OPTS_MATRIX | OPTS_CODER, cli_export_check, cli_roles_prepare,
	  cli_export },
	{ "check", OPTS_REPAIR,
	  cli_check_check, NULL, cli_check },
	{ "sync", 0,
	  cli_sync_check, NULL, cli_sync },
	{ "merge", 0,
	  cli_merge_check, NULL, cli_merge },
};

/* The command named on the command line, or NULL for none or an unknown
 * one (then *unknown is set). */
static const struct command *find_command(const cli_options *opt, bool *unknown)
{
	size_t i;

	*unknown = false;
	if (opt->nargs == 0)
		return NULL;
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(opt->args[0], commands[i].name) == 0)
			return &commands[i];
	*unknown = true;
	return NULL;
}

/* Checks the command line before anything is opened or created. */
static int check_command(const cli_options *opt, const struct command **cmd)
{
	bool unknown;

	*cmd = find_command(opt, &unknown);
	if (unknown) {
		cli_error(_("unknown command '%s'"), opt->args[0]);
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (!*cmd)   /* the full-screen interface */
		return options_check_allowed(opt, NULL, OPTS_PROGRAMME) == 0 ? EXIT_OK : EXIT_USAGE;
	if (options_check_allowed(opt, (*cmd)->name, (*cmd)->options) != 0)
		return EXIT_USAGE;
	return (*cmd)->check(opt);
}

/* TERM, HUP, INT during a command: leave no half-written export behind,
 * then end as the signal would have ended us. */
static void on_stop_signal(int sig)
{
	export_abandon();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void handle_stop_signals(void)
{
	static const int stop[] = { SIGTERM, SIGHUP, SIGINT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop_signal;
	for (i = 0; i < sizeof stop / sizeof stop[0]; i++)
		sigaction(stop[i], &sa, NULL);
}

/* rc, or EXIT_FAIL with a message when what was printed could not be
 * written (a full disk, a closed pipe): a script must not take a cut
 * list for the whole one.  Every command ends here, so none checks its
 * own output. */
static int check_output(int rc)
{
	if (rc != EXIT_OK)
		return rc;
	if (fflush(stdout) != 0) {
		cli_error(_("cannot write the output: %s"), strerror(errno));
		return EXIT_FAIL;
	}
	if (ferror(stdout)) {
		cli_error("%s", _("cannot write the output"));
		return EXIT_FAIL;
	}
	return rc;
}

/* A command that failed on a file SQLite finds damaged ends as a damaged
 * file found at open does; one that another program kept from writing,
 * with its own status, so a script can try again later. */
static int database_status(const cli_ctx *ctx, int rc)
{
	if (rc == EXIT_FAIL && ctx->db && db_error_is_damage(ctx->db))
		return EXIT_DATABASE;
	return rc == EXIT_FAIL && ctx->db && (db_busy(ctx->db) || db_was_busy()) ? EXIT_BUSY : rc;
}

/* True when the command writes data for programs on stdout (CSV, JSON,
 * Markdown, an export), which keeps the stored bytes; a table, a
 * confirmation or a count is for a person. */
static bool writes_data(const struct command *cmd, const cli_options *opt)
{
	return (cmd->options & OPTS_EXPORT_FORMATS) ||
	       ((cmd->options & OPTS_FORMAT) && opt->output != FORMAT_TABLE);
}

/* `stemtui complete WHAT [PREFIX]` (for the shell completions): the
 * commands, the options or formats of a command (WHAT "options" or
 * "formats", then the command, then the prefix; "formats export WHAT
 * PREFIX" those of one export), or cli_complete_values' lists.  Reads the configuration for the database's place, never creates
 * one; EXIT_USAGE, silently, for what it does not know. */
static int run_complete(cli_ctx *ctx)
{
	const char *what = ctx->opt.nargs > 1 ? ctx->opt.args[1] : "";
	const char *arg = ctx->opt.nargs > 2 ? ctx->opt.args[2] : NULL;
	const char *prefix = ctx->opt.nargs > 3 ? ctx->opt.args[3] : NULL;
	bool unknown, xdg;
	size_t i;
	int rc;

	if (strcmp(what, "commands") == 0) {
		for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (!arg || strncmp(commands[i].name, arg, strlen(arg)) == 0)
				printf("%s\n", commands[i].name);
		return check_output(EXIT_OK);
	}
	if (strcmp(what, "options") == 0 || strcmp(what, "formats") == 0) {
		const struct command *cmd = NULL;
		cli_options named = ctx->opt;

		named.nargs = arg ? 1 : 0;
		named.args = (char **)&arg;
		if (arg && *arg)
			cmd = find_command(&named, &unknown);
		if (what[0] == 'f' && ctx->opt.nargs > 4 && strcmp(arg, "export") == 0)
			cli_complete_export_formats(ctx->opt.args[3], ctx->opt.args[4]);
		else if (what[0] == 'o')
			options_print_names(cmd ? cmd->options : 0, prefix);
		else
			options_print_formats(cmd ? cmd->options : 0, prefix);
		return check_output(EXIT_OK);
	}
	if (load_settings(ctx) != EXIT_OK)
		return EXIT_FAIL;
	ctx->db_path = database_path(ctx, &xdg);
	rc = cli_complete_values(what, arg, ctx->db_path);
	free(ctx->db_path);
	ctx->db_path = NULL;
	settings_free(&ctx->settings);
	return check_output(rc);
}

static int run(int argc, char **argv)
{
	const struct command *cmd;
	cli_ctx ctx;
	int rc;

	memset(&ctx, 0, sizeof ctx);
	/* getopt starts its messages with argv[0]; every other message
	 * starts "stemtui:", whatever path the program was started by. */
	argv[0] = (char *)PACKAGE;
	if (options_parse(&ctx.opt, argc, argv) != 0)
		return EXIT_USAGE;
	if (ctx.opt.help) {
		options_print_help();
		return check_output(EXIT_OK);
	}
	if (ctx.opt.version) {
		cli_print_version();
		return check_output(EXIT_OK);
	}
	if (ctx.opt.nargs > 0 && strcmp(ctx.opt.args[0], "complete") == 0)
		return run_complete(&ctx);
	if ((rc = check_command(&ctx.opt, &cmd)) != EXIT_OK)
		return rc;
	/* Not for the full-screen interface: ncurses writes to the terminal
	 * itself, through draw.c, which neutralises what it draws. */
	if (cmd && cli_shield_stdout(writes_data(cmd, &ctx.opt)) != 0) {
		cli_error("%s", _("out of memory"));
		return EXIT_FAIL;
	}
	rc = load_settings(&ctx);
	if (rc == EXIT_OK && cmd && cmd->prepare)
		rc = cmd->prepare(&ctx);
	if (rc == EXIT_OK && cmd)
		set_up_waiting(&ctx);   /* the TUI keeps what waits itself */
	if (rc == EXIT_OK)
		rc = open_database(&ctx, !cmd);
	if (rc == EXIT_OK && cmd)
		handle_stop_signals();   /* the TUI has its own */
	if (rc == EXIT_OK)
		rc = cmd ? check_output(cmd->run(&ctx))
			 : tui_run(ctx.db, ctx.db_path, &ctx.settings, ctx.opt.programme);
	rc = database_status(&ctx, rc);
	db_close(ctx.db);
	db_wait_default(NULL);
	roles_free(&ctx.roles);
	free(ctx.note_text);
	free(ctx.db_path);
	settings_free(&ctx.settings);
	return rc;
}

int main(int argc, char **argv)
{
	int rc;

	fs_locate_program(argv[0]);
	setup_locale();
	/* Every message goes through the shield, from getopt's on. */
	if (cli_shield_stderr() != 0) {
		fprintf(stderr, "%s: %s\n", PACKAGE, _("out of memory"));
		return EXIT_FAIL;
	}
	rc = run(argc, argv);
	cli_unshield();
	return rc;
}
