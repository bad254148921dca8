/* progress_line.c: see progress_line.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/progress_line.h"
#include "core/i18n.h"

/* Redraws the line when its text changes: a report every thousandth of
 * the work is more than a terminal needs to see. */
static void report(void *ctx, long long done, long long total)
{
	cli_progress_line *line = ctx;
	char text[sizeof line->shown];

	if (line->rows)
		snprintf(text, sizeof text, _("%s: %lld/%lld rows"), line->what, done, total);
	else
		snprintf(text, sizeof text, _("%s: %d%%"), line->what,
			 total > 0 ? (int)(done * 100 / total) : 100);
	if (strcmp(text, line->shown) == 0)
		return;
	snprintf(line->shown, sizeof line->shown, "%s", text);
	/* \r and "erase to the end of the line": the new text may be shorter. */
	fprintf(stderr, "\r%s: %s\033[K", PACKAGE, text);
	fflush(stderr);
}

void cli_progress_line_start(cli_progress_line *line, const char *what, bool rows)
{
	memset(line, 0, sizeof *line);
	line->what = what;
	line->rows = rows;
	line->progress.ctx = line;
	line->progress.report = isatty(STDERR_FILENO) ? report : NULL;
}

void cli_progress_line_end(cli_progress_line *line)
{
	if (!*line->shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	line->shown[0] = '\0';
}
