/* shield.c: see shield.h.  A stdio stream of glibc's fopencookie, so
 * that printf, fputs and the exporters' writers all go through it
 * unchanged. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/shield.h"
#include "core/text.h"

struct shield {
	FILE *to;
	char held[4];      /* the start of a character the last write cut */
	size_t nheld;
	bool cr;           /* a CR came last: kept only when a line feed follows */
	char out[1024];    /* what goes to `to`, written a block at a time */
	size_t nout;
};

/* The bytes of the UTF-8 sequence that byte c starts; 1 when c starts none. */
static size_t sequence_length(unsigned char c)
{
	if (c < 0xc2 || c > 0xf4)
		return 1;
	return c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* True when s[0..n) are all continuation bytes. */
static bool continues(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			return false;
	return true;
}

static void put_out(struct shield *sh)
{
	fwrite(sh->out, 1, sh->nout, sh->to);
	sh->nout = 0;
}

static void put_cp(struct shield *sh, uint32_t cp)
{
	if (sizeof sh->out - sh->nout < 8)
		put_out(sh);
	/* CR LF ends a CSV record; a CR alone would return over the line. */
	if (sh->cr) {
		sh->cr = false;
		sh->out[sh->nout++] = cp == '\n' ? '\r' : ' ';
	}
	if (cp == '\r') {
		sh->cr = true;
		return;
	}
	if (cp != '\n')
		cp = text_cp_shown(cp);
	if (cp)
		sh->nout += text_encode(cp, sh->out + sh->nout);
}

/* Writes the code points of s[0..n); unless at_end, stops before a
 * character that the next write completes.  Returns the bytes used. */
static size_t put_text(struct shield *sh, const char *s, size_t n, bool at_end)
{
	size_t i = 0, used;
	uint32_t cp;

	while (i < n) {
		if (!at_end && sequence_length((unsigned char)s[i]) > n - i &&
		    continues(s + i + 1, n - i - 1))
			break;
		used = text_decode(s + i, n - i, &cp);
		if (used == 0) {   /* a NUL */
			cp = 0;
			used = 1;
		}
		put_cp(sh, cp);
		i += used;
	}
	return i;
}

static bool flushed(struct shield *sh)
{
	put_out(sh);
	return fflush(sh->to) == 0 && !ferror(sh->to);
}

static ssize_t shield_write(void *cookie, const char *buf, size_t size)
{
	struct shield *sh = cookie;
	char *joined = NULL;
	const char *s = buf;
	size_t n = size, used;

	if (sh->nheld) {
		joined = malloc(sh->nheld + size);
		if (!joined)
			return 0;
		memcpy(joined, sh->held, sh->nheld);
		memcpy(joined + sh->nheld, buf, size);
		s = joined;
		n += sh->nheld;
	}
	used = put_text(sh, s, n, false);
	/* At most 3 bytes: put_text stops only inside a character. */
	sh->nheld = n - used;
	memcpy(sh->held, s + used, sh->nheld);
	free(joined);
	return flushed(sh) ? (ssize_t)size : 0;
}

static int shield_close(void *cookie)
{
	struct shield *sh = cookie;
	bool ok;

	put_text(sh, sh->held, sh->nheld, true);
	if (sh->cr)
		sh->out[sh->nout++] = ' ';
	ok = flushed(sh);
	free(sh);
	return ok ? 0 : EOF;
}

FILE *shield_open(FILE *to)
{
	static const cookie_io_functions_t io = { .write = shield_write, .close = shield_close };
	struct shield *sh = calloc(1, sizeof *sh);
	FILE *f;

	if (!sh)
		return NULL;
	sh->to = to;
	f = fopencookie(sh, "w", io);
	if (!f)
		free(sh);
	return f;
}
