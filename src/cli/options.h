/* options.h: the command line: one table of options, parsed with getopt_long. */
#ifndef STEMTUI_OPTIONS_H
#define STEMTUI_OPTIONS_H

#include <stdbool.h>

/* FORMAT_MD (Markdown) is for `notes` and `export` only: a command takes
 * it when its options include OPTS_MARKDOWN; FORMAT_HTML, FORMAT_QDC and
 * FORMAT_XLSX are for `export` only (OPTS_EXPORT_FORMATS). */
enum output_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON, FORMAT_MD, FORMAT_HTML, FORMAT_QDC,
		     FORMAT_XLSX };

/* Options that belong to some commands only: each command says which it
 * takes (options_check_allowed), so "stemtui sessions --role x" is a usage
 * error instead of being ignored.  --db, --config, --demo, --facilitator,
 * --wait, --help and --version apply everywhere. */
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
	OPTS_KIND         = 1u << 9,
	OPTS_GROUP        = 1u << 10,
	OPTS_SEARCH       = 1u << 11,
	OPTS_SESSION      = 1u << 12,
	/* Not an option: the command takes --format md. */
	OPTS_MARKDOWN     = 1u << 13,
	OPTS_SESSION_KIND = 1u << 14,
	OPTS_FACTOR       = 1u << 15,
	OPTS_POLARITY     = 1u << 16,
	OPTS_UNTAGGED     = 1u << 17,
	OPTS_REMOVE       = 1u << 18,
	OPTS_OUTPUT       = 1u << 19,
	OPTS_QUOTES       = 1u << 20,
	/* Not an option: the command takes --format html and qdc. */
	OPTS_EXPORT_FORMATS = 1u << 21,
	OPTS_REPLACE      = 1u << 22,
	OPTS_ORDER        = 1u << 23,
	OPTS_REPAIR       = 1u << 24,
	OPTS_ENCODING     = 1u << 25,
	OPTS_CSV          = 1u << 26,
	OPTS_LANGUAGE     = 1u << 27,
	OPTS_INTRO        = 1u << 28,
	OPTS_MATRIX       = 1u << 29,   /* --rows, --cols */
	OPTS_CODER        = 1u << 30,   /* --coder (factors), --coders (agreement) */
	OPTS_DUPLICATES   = 1u << 31,   /* --duplicates, --merge (people) */
};

typedef struct cli_options {
	bool help, version, demo;
	const char *db;          /* --db */
	const char *config;      /* --config */
	const char *facilitator; /* --facilitator: who works (notes' author, tags' coder) */
	const char *coder;       /* --coder: figures of one coder's tags */
	const char *coders;      /* --coders A,B: the two coders agreement compares */
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
	const char *kind;        /* --kind: a note kind (key, English or Dutch) */
	const char *group;       /* --group: a note's group or table */
	const char *search;      /* --search: words to find in notes */
	const char *session;     /* --session: a session, as for attendance */
	const char *session_kind;/* --session-kind: a session kind key */
	const char *factor;      /* --factor: a factor code */
	const char *polarity;    /* --polarity: +, - or 0 (as given) */
	bool untagged;           /* --untagged */
	bool remove;             /* --remove (tag) */
	bool replace;            /* --replace (import codebook FILE.qdc) */
	bool repair;             /* --repair (check) */
	bool duplicates;         /* --duplicates (people) */
	bool merge;              /* --merge (people A B) */
	const char *output_path; /* -o, --output: a file, "-" for standard output */
	int quotes;              /* --quotes (export draaiboek); 0 when not given */
	int encoding;            /* --encoding (import people): an enum
				    csv_encoding; CSV_AUTO when not given */
	int csv;                 /* --csv (export): an enum csv_dialect, or -1 */
	const char *language;    /* --language: nl or en (export draaiboek, factors) */
	const char *intro;       /* --intro: the draaiboek's introduction file */
	int cols;                /* --cols (export matrix): an enum matrix_cols, or -1 */
	bool order_session;      /* --order session (notes, export notes); else
				    --order entered or none: by entry time */
	int wait;                /* --wait: seconds, when wait_given */
	bool wait_given;
	unsigned given;          /* OPTS_* of the options given */
	int nargs;               /* the command and its arguments */
	char **args;
} cli_options;

/* Parses argv into o.  Returns 0, or 2 (usage error, message printed). */
int options_parse(cli_options *o, int argc, char **argv);

/* Checks that o holds no command option outside `allowed` (OPTS_*), and
 * no --format md unless allowed has OPTS_MARKDOWN: 0, or 2 with "option
 * '--role' does not apply to 'sessions'" printed.  command is NULL for the
 * full-screen interface. */
int options_check_allowed(const cli_options *o, const char *command, unsigned allowed);

/* Prints the --help text, generated from the option table. */
void options_print_help(void);

/* Prints "Try 'stemtui --help'." after a usage error. */
void options_print_try_help(void);

/* For `stemtui complete`: the long options a command takes ("--db", one
 * a line; allowed as in options_check_allowed), and the --format values
 * it takes; each only those that start with prefix (NULL: all). */
void options_print_names(unsigned allowed, const char *prefix);
void options_print_formats(unsigned allowed, const char *prefix);

#endif
