/* output.c: how the commands print for people: table cells, and the
 * shields (core/shield.h) that keep control characters stored in the
 * database or read from a file off the terminal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/shield.h"
#include "core/text.h"

/* The streams the shields write to, once they are up. */
static FILE *plain_stdout, *plain_stderr;

void cli_cell(const char *s, int width)
{
	char *fit = text_fit(s ? s : "", width, true);

	fputs(fit ? fit : "", stdout);
	fputs("  ", stdout);
	free(fit);
}

void cli_cell_last(const char *s)
{
	char *shown = text_shown(s ? s : "");

	fputs(shown ? shown : "", stdout);
	fputc('\n', stdout);
	free(shown);
}

/* A shield over *stream in its place, buffered as mode says; -1 when out
 * of memory (then *stream is left as it was). */
static int shield(FILE **stream, FILE **plain, int mode)
{
	FILE *f = shield_open(*stream);

	if (!f || setvbuf(f, NULL, mode, BUFSIZ) != 0) {
		if (f)
			fclose(f);
		return -1;
	}
	*plain = *stream;
	*stream = f;
	return 0;
}

int cli_shield_stderr(void)
{
	/* Unbuffered, as stderr is: a message shows at once. */
	return shield(&stderr, &plain_stderr, _IONBF);
}

int cli_shield_stdout(bool data)
{
	bool terminal = isatty(STDOUT_FILENO);

	if (data && !terminal)
		return 0;
	return shield(&stdout, &plain_stdout, terminal ? _IOLBF : _IOFBF);
}

void cli_unshield(void)
{
	if (plain_stdout) {
		fclose(stdout);
		stdout = plain_stdout;
		plain_stdout = NULL;
	}
	if (plain_stderr) {
		fclose(stderr);
		stderr = plain_stderr;
		plain_stderr = NULL;
	}
}
