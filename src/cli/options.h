/* options.h: the command line: one table of options, parsed with getopt_long. */
#ifndef STEMTUI_OPTIONS_H
#define STEMTUI_OPTIONS_H

#include <stdbool.h>

enum output_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

/* Options that belong to some commands only: each command says which it
 * takes (options_check_allowed), so "stemtui sessions --role x" is a usage
 * error instead of being ignored.  --db, --config, --demo, --help and
 * --version apply everywhere. */
enum {
	OPTS_PROGRAMME    = 1u << 0,
	OPTS_FORMAT       = 1u << 1,
	OPTS_NAME         = 1u << 2,
	OPTS_ROLE         = 1u << 3,
	OPTS_FOCUS        = 1u << 4,
	OPTS_ORGANISATION = 1u << 5,
	OPTS_STATUS       = 1u << 6,
	OPTS_EXPECTED     = 1u << 7,
	OPTS_PSEUDONYMISE = 1u << 8,
};

typedef struct cli_options {
	bool help, version, demo;
	const char *db;          /* --db */
	const char *config;      /* --config */
	const char *programme;   /* --programme */
	const char *format;      /* --format, as given */
	enum output_format output;
	const char *name;        /* --name: part of a person's name */
	const char *role;        /* --role: a role key or label */
	const char *focus;       /* --focus: a focus tag */
	const char *organisation;/* --organisation: part of its name */
	const char *status;      /* --status: present, absent or excused */
	const char *expected;    /* --expected: a session */
	bool pseudonymise;       /* --pseudonymise */
	unsigned given;          /* OPTS_* of the options given */
	int nargs;               /* the command and its arguments */
	char **args;
} cli_options;

/* Parses argv into o.  Returns 0, or 2 (usage error, message printed). */
int options_parse(cli_options *o, int argc, char **argv);

/* Checks that o holds no command option outside `allowed` (OPTS_*): 0,
 * or 2 with "option '--role' does not apply to 'sessions'" printed.
 * command is NULL for the full-screen interface. */
int options_check_allowed(const cli_options *o, const char *command, unsigned allowed);

/* Prints the --help text, generated from the option table. */
void options_print_help(void);

/* Prints "Try 'stemtui --help'." after a usage error. */
void options_print_try_help(void);

#endif
