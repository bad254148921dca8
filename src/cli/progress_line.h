/* progress_line.h: a line on stderr that shows how far a long piece of
 * work has got ("stemtui: importing: 3000/10000 rows", "stemtui: updating
 * the database: 42%"), redrawn in place, for a person at a terminal.
 * When stderr is not a terminal nothing is written: a script's log and
 * the output of a command stay exactly as they were.  The line is
 * cleared when the work ends. */
#ifndef STEMTUI_PROGRESS_LINE_H
#define STEMTUI_PROGRESS_LINE_H

#include <stdbool.h>

#include "core/progress.h"

typedef struct cli_progress_line {
	st_progress progress;   /* to pass to the core: report is NULL off a terminal */
	const char *what;       /* what is under way, translated */
	bool rows;              /* done/total rows; else a percentage */
	char shown[128];        /* the text on the line, "" when none */
} cli_progress_line;

/* Sets line up for what (kept, not copied); rows: the units are rows of
 * a file, else the line shows a percentage. */
void cli_progress_line_start(cli_progress_line *line, const char *what, bool rows);

/* Clears the line from the terminal, if one was drawn. */
void cli_progress_line_end(cli_progress_line *line);

#endif
