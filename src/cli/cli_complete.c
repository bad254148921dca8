/* cli_complete.c: `stemtui complete WHAT [PREFIX]`, the words the shell
 * completions (share/completion/) offer, one a line: the commands and
 * the options and formats of each (from the tables in main.c and
 * options.c, so they never fall behind; the formats of each export from
 * export.c), fixed values (kinds, statuses, the values of --rows, --cols,
 * --csv, --encoding and --language), and what the database holds
 * (core/complete.c).  Quick and quiet:
 * nothing on stderr for an unknown WHAT or a missing database, and never
 * a database created. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/attendance.h"
#include "core/complete.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/note_kinds.h"
#include "core/programme.h"

static void print_word(const char *word, void *prefix)
{
	const char *p = prefix;

	if (!p || strncmp(word, p, strlen(p)) == 0)
		printf("%s\n", word);
}

static void print_words(const char *const *words, int n, const char *prefix)
{
	int i;

	for (i = 0; i < n; i++)
		print_word(words[i], (void *)prefix);
}

/* The fixed lists: 0, or -1 when what is none of them. */
static int complete_fixed(const char *what, const char *prefix)
{
	static const char *const imports[] = { "programme", "people", "codebook" };
	static const char *const polarities[] = { "+", "-", "0" };
	static const char *const orders[] = { "session", "entered" };
	/* The values --encoding, --language and --rows take (csv.c, lang.c
	 * and options.c accept these; test_completion.sh checks that they
	 * do). */
	static const char *const encodings[] = { "auto", "utf-8", "windows-1252" };
	static const char *const languages[] = { "nl", "en" };
	static const char *const rows[] = { "factor" };
	const char *statuses[3];

	if (strcmp(what, "exports") == 0)
		print_words(export_what_name, EXPORT_WHAT_COUNT, prefix);
	else if (strcmp(what, "imports") == 0)
		print_words(imports, 3, prefix);
	else if (strcmp(what, "kinds") == 0)
		print_words(note_kind_key, NOTE_KIND_COUNT, prefix);
	else if (strcmp(what, "session-kinds") == 0)
		print_words(session_kind_key, SESSION_KIND_COUNT, prefix);
	else if (strcmp(what, "polarities") == 0)
		print_words(polarities, 3, prefix);
	else if (strcmp(what, "orders") == 0)
		print_words(orders, 2, prefix);
	else if (strcmp(what, "rows") == 0)
		print_words(rows, 1, prefix);
	else if (strcmp(what, "cols") == 0)
		print_words(matrix_cols_name, MATRIX_COLS_COUNT, prefix);
	else if (strcmp(what, "csv") == 0)
		print_words(csv_dialect_name, CSV_DIALECT_COUNT, prefix);
	else if (strcmp(what, "encodings") == 0)
		print_words(encodings, 3, prefix);
	else if (strcmp(what, "languages") == 0)
		print_words(languages, 2, prefix);
	else if (strcmp(what, "statuses") == 0) {
		statuses[0] = att_status_key(ATT_PRESENT);
		statuses[1] = att_status_key(ATT_ABSENT);
		statuses[2] = att_status_key(ATT_EXCUSED);
		print_words(statuses, 3, prefix);
	} else
		return -1;
	return 0;
}

void cli_complete_export_formats(const char *what, const char *prefix)
{
	int w = export_what_from_name(what), f;

	for (f = 0; w >= 0 && f < EXFMT_COUNT; f++)
		if (export_supported((enum export_what)w, (enum export_format)f))
			print_word(export_format_name[f], (void *)prefix);
}

/* Matches as complete_values does (folded), so print_word checks nothing
 * more. */
static void print_value(const char *word, void *arg)
{
	(void)arg;
	printf("%s\n", word);
}

int cli_complete_values(const char *what, const char *prefix, const char *db_path)
{
	if (complete_fixed(what, prefix) == 0)
		return EXIT_OK;
	if (!complete_kind_known(what))
		return EXIT_USAGE;
	complete_values(db_path, what, prefix, print_value, NULL);
	return EXIT_OK;
}
