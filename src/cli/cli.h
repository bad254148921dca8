/* cli.h: what the command-line commands share. */
#ifndef STEMTUI_CLI_H
#define STEMTUI_CLI_H

#include <sqlite3.h>
#include <stdbool.h>

#include "cli/options.h"
#include "core/settings.h"

/* Exit codes, documented in stemtui(1). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,      /* something failed: the message says what */
	EXIT_USAGE = 2,     /* the command line was wrong */
	EXIT_DATABASE = 3,  /* the database cannot be opened: not ours, damaged, too new */
};

/* Everything a command needs: options, settings and the open database. */
typedef struct cli_ctx {
	cli_options opt;
	st_settings settings;
	char *db_path;
	sqlite3 *db;
} cli_ctx;

/* Commands: each returns an exit code and prints its own errors.  The
 * _check functions look at the arguments alone, before any database is
 * opened, so a mistyped command line never creates one; they return
 * EXIT_OK or EXIT_USAGE (with the message printed). */
int cli_sessions_check(const cli_options *opt);
int cli_sessions(cli_ctx *ctx);
int cli_import_check(const cli_options *opt);
int cli_import(cli_ctx *ctx);

/* Prints "stemtui: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
