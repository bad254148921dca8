/* options.h: the command line: one table of options, parsed with getopt_long. */
#ifndef STEMTUI_OPTIONS_H
#define STEMTUI_OPTIONS_H

#include <stdbool.h>

enum output_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

typedef struct cli_options {
	bool help, version, demo;
	const char *db;          /* --db */
	const char *config;      /* --config */
	const char *programme;   /* --programme */
	const char *format;      /* --format, as given */
	enum output_format output;
	int nargs;               /* the command and its arguments */
	char **args;
} cli_options;

/* Parses argv into o.  Returns 0, or 2 (usage error, message printed). */
int options_parse(cli_options *o, int argc, char **argv);

/* Prints the --help text, generated from the option table. */
void options_print_help(void);

/* Prints "Try 'stemtui --help'." after a usage error. */
void options_print_try_help(void);

#endif
