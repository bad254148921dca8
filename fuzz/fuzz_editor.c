/* fuzz_editor.c: the words of $VISUAL or $EDITOR (fs_command_words,
 * fsutil.c), which extedit.c runs without a shell.  Whatever the value:
 * -1, or at most max - 1 words inside the buffer, argv ending in NULL;
 * and the words, each put in single quotes and joined by spaces, split
 * again into the same words. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/fsutil.h"
#include "fuzz/fuzz.h"

#define MAX 16

/* Splits cmd; checks where the words are.  Returns how many, or -1. */
static int split(const char *cmd, char *buf, size_t size, char **argv)
{
	int n = fs_command_words(cmd, buf, size, argv, MAX), i;

	if (n < -1 || n > MAX - 1)
		fuzz_fail("editor: %d words", n);
	if (n < 0)
		return n;
	if (argv[n] != NULL)
		fuzz_fail("editor: argv[%d] is not NULL", n);
	for (i = 0; i < n; i++)
		if (!argv[i] || argv[i] < buf || argv[i] + strlen(argv[i]) >= buf + size)
			fuzz_fail("editor: word %d is not inside the buffer", i);
	return n;
}

/* The words quoted for sh: each in '...', a ' inside as '\''. */
static char *quote_words(char **argv, int n)
{
	size_t size = 1;
	char *out, *o;
	int i;

	for (i = 0; i < n; i++)
		size += 4 * strlen(argv[i]) + 3;
	o = out = malloc(size);
	if (!out)
		abort();
	for (i = 0; i < n; i++) {
		const char *c;

		if (i)
			*o++ = ' ';
		*o++ = '\'';
		for (c = argv[i]; *c; c++) {
			if (*c == '\'') {
				memcpy(o, "'\\''", 4);
				o += 4;
			} else {
				*o++ = *c;
			}
		}
		*o++ = '\'';
	}
	*o = '\0';
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cmd = fuzz_string(data, size), *buf = malloc(strlen(cmd) + 1), *quoted, *buf2;
	char *argv[MAX], *argv2[MAX];
	int n, n2, i;

	if (!buf)
		abort();
	n = split(cmd, buf, strlen(cmd) + 1, argv);
	if (n > 0) {
		quoted = quote_words(argv, n);
		buf2 = malloc(strlen(quoted) + 1);
		if (!buf2)
			abort();
		n2 = split(quoted, buf2, strlen(quoted) + 1, argv2);
		if (n2 != n)
			fuzz_fail("editor: %d words, quoted and split again %d", n, n2);
		for (i = 0; i < n && n2 == n; i++)
			if (strcmp(argv[i], argv2[i]) != 0)
				fuzz_fail("editor: word %d \"%s\", quoted and split again \"%s\"", i,
					  argv[i], argv2[i]);
		free(quoted);
		free(buf2);
	}
	free(buf);
	free(cmd);
	return 0;
}
