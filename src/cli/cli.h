/* cli.h: what the command-line commands share. */
#ifndef STEMTUI_CLI_H
#define STEMTUI_CLI_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "cli/options.h"
#include "core/db.h"
#include "core/roles.h"
#include "core/settings.h"

/* Exit codes, documented in stemtui(1). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,      /* something failed: the message says what */
	EXIT_USAGE = 2,     /* the command line was wrong */
	EXIT_DATABASE = 3,  /* the database cannot be opened: not ours, damaged, too new */
	EXIT_BUSY = 4,      /* another program kept the database longer than we wait */
	EXIT_CHECK = 4,     /* check found what check --repair puts right (same number, another command; the man page tells them apart) */
};

/* Everything a command needs: options, settings and the open database. */
typedef struct cli_ctx {
	cli_options opt;
	st_settings settings;
	st_roles roles;         /* loaded by the commands that need roles */
	const char *role_key;   /* --role as a role key (cli_roles_prepare) */
	char *db_path;
	sqlite3 *db;
	char *note_text;        /* add-note: the text (cli_add_note_prepare) */
	db_wait_policy wait;    /* how writes wait for another program */
} cli_ctx;

/* --version: stemtui's version, then SQLite's (with FTS5 and the session
 * extension), ncurses' and libxml2's, as this process runs with them. */
void cli_print_version(void);

/* `stemtui complete WHAT [PREFIX]` for the lists other than commands,
 * options and formats (main.c has those tables): the words of WHAT that
 * start with PREFIX, one a line, the database's from db_path, read-only.
 * EXIT_OK, or EXIT_USAGE (nothing printed) for an unknown WHAT. */
int cli_complete_values(const char *what, const char *prefix, const char *db_path);

/* `stemtui complete formats export WHAT PREFIX`: the formats export WHAT
 * can be written as (the draaiboek md and html only), one a line, that
 * start with PREFIX; nothing for a WHAT that is not an export. */
void cli_complete_export_formats(const char *what, const char *prefix);

/* Commands: each returns an exit code and prints its own errors.  The
 * _check functions look at the arguments alone, before any database is
 * opened, so a mistyped command line never creates one; they return
 * EXIT_OK or EXIT_USAGE (with the message printed). */
int cli_sessions_check(const cli_options *opt);
int cli_sessions(cli_ctx *ctx);
int cli_import_check(const cli_options *opt);
int cli_import_prepare(cli_ctx *ctx);
int cli_import(cli_ctx *ctx);
int cli_people_check(const cli_options *opt);
int cli_people(cli_ctx *ctx);
/* `people --duplicates` and `people --merge A B` (cli_people_merge.c),
 * which cli_people_check and cli_people hand over to. */
int cli_people_merge_check(const cli_options *opt);
int cli_people_duplicates(cli_ctx *ctx);
int cli_people_merge(cli_ctx *ctx);
int cli_attendance_check(const cli_options *opt);
int cli_attendance(cli_ctx *ctx);
int cli_checkin_check(const cli_options *opt);
int cli_checkin(cli_ctx *ctx);
int cli_notes_check(const cli_options *opt);
int cli_notes(cli_ctx *ctx);
int cli_factors_check(const cli_options *opt);
int cli_factors(cli_ctx *ctx);
int cli_tag_check(const cli_options *opt);
int cli_tag(cli_ctx *ctx);
int cli_agreement_check(const cli_options *opt);
int cli_agreement(cli_ctx *ctx);

/* --session-kind: usage error (EXIT_USAGE, the kinds listed) unless it
 * names a session kind, by key or short name; EXIT_OK.  cli_kind_key:
 * the key it names (NULL for NULL or none).  cli_factors.c. */
int cli_check_session_kind(const cli_options *opt);
const char *cli_kind_key(const char *text);
int cli_add_note_check(const cli_options *opt);
int cli_add_note(cli_ctx *ctx);
int cli_export_check(const cli_options *opt);
int cli_export(cli_ctx *ctx);
int cli_check_check(const cli_options *opt);
int cli_check(cli_ctx *ctx);
int cli_sync_check(const cli_options *opt);
int cli_sync(cli_ctx *ctx);
int cli_merge_check(const cli_options *opt);
int cli_merge(cli_ctx *ctx);

/* Reads the text of add-note (the arguments after SESSION, else all of
 * standard input) into ctx->note_text before the database is opened;
 * an empty text fails (EXIT_FAIL) and creates nothing. */
int cli_add_note_prepare(cli_ctx *ctx);

/* Runs after the configuration is read and before the database is opened
 * (so a usage error found here creates no database either): loads the
 * roles and checks --role against them.  Returns an exit code. */
int cli_roles_prepare(cli_ctx *ctx);

/* --programme as a programme id in *id (0 without --programme).  Returns
 * an exit code, with the message printed when there is no such programme. */
int cli_find_programme(cli_ctx *ctx, long long *id);

/* The one resolver of every command that takes a session: finds the
 * session a SESSION argument means ("COP 07", "cop07", "7") within
 * --programme when given, else as session_resolve does (the newest
 * programme first, warning on stderr when the text also names sessions of
 * other programmes), and sets *id.  Returns an exit code, with the message
 * printed when there is none or several, and a line saying what to do. */
int cli_session_id(cli_ctx *ctx, const char *text, long long *id);

/* After person_resolve found nobody (rc 0) or several (2) and its message
 * was printed: the line saying what to do, on stderr. */
void cli_person_hint(int rc);

/* cli_session_id, then reads the session into s (free with
 * session_clear). */
struct st_session;
int cli_find_session(cli_ctx *ctx, const char *text, struct st_session *s);

/* The filters of the list commands, from the options (programme,
 * session, factor, organisation looked up), shared by the list commands
 * and `export`.  Return an exit code (the message printed). */
struct note_filter;
struct person_filter;
int cli_notes_filter(cli_ctx *ctx, struct note_filter *f);
int cli_people_filter(cli_ctx *ctx, struct person_filter *f);
/* --kind names a note kind (else a usage error, kinds listed). */
int cli_check_note_kind(const cli_options *opt);

/* A CSV header line of the n field names (RFC 4180). */
void cli_csv_header(const char *const *names, size_t n);

/* "Last, First" into buf, for lists sorted by last name. */
struct st_person;
void cli_sort_name(const struct st_person *p, char *buf, size_t size);

/* Prints s cut or padded to width columns (text_fit), then two spaces. */
void cli_cell(const char *s, int width);

/* Prints s whole on one line (text_shown: control characters, line breaks
 * too, as spaces), then a line break: a table's last column. */
void cli_cell_last(const char *s);

/* What a command prints for a person (a table, a message, a
 * confirmation) is shown as text_cp_shown says, through a shield
 * (core/shield.h) put over the stream: stderr always, stdout unless data
 * (CSV, JSON, Markdown, an export: the stored bytes, for programs) goes
 * to a file or pipe; data on a terminal is read by a person.  Each
 * returns 0, or -1 when out of memory.  cli_unshield flushes the shields
 * and takes them down. */
int cli_shield_stderr(void);
int cli_shield_stdout(bool data);
void cli_unshield(void);

/* Prints "stemtui: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "stemtui: warning: message" to stderr. */
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
