/* version.c: `stemtui --version`: the program's version and those of the
 * libraries it runs with (not the ones it was built against), with what
 * of SQLite it relies on, for bug reports. */
#include "config.h"

#include <curses.h>
#include <libxml/parser.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "cli/cli.h"
#include "core/i18n.h"

/* libxml2's xmlParserVersion is "20914" for 2.9.14. */
static void print_libxml2(void)
{
	long v = strtol(xmlParserVersion, NULL, 10);

	printf("libxml2 %ld.%ld.%ld\n", v / 10000, v / 100 % 100, v % 100);
}

void cli_print_version(void)
{
	const char *yes = _("yes"), *no = _("no");

	printf("%s %s\n", PACKAGE, VERSION);
	/* TRANSLATORS: FTS5 is SQLite's full-text search, the session
	 * extension its change sets; %s is "yes" or "no". */
	printf(_("SQLite %s (full-text search FTS5: %s, session extension: %s)\n"),
	       sqlite3_libversion(),
	       sqlite3_compileoption_used("ENABLE_FTS5") ? yes : no,
	       sqlite3_compileoption_used("ENABLE_SESSION") ? yes : no);
	printf("%s\n", curses_version());
	print_libxml2();
	printf("libxlsxwriter %s\n", lxw_version());
}
