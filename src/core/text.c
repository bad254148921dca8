/* text.c: see text.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"

size_t text_utf8_end(const char *s, size_t n)
{
	size_t i = 0, used;
	uint32_t cp;

	while (i < n) {
		used = text_decode(s + i, n - i, &cp);
		/* text_decode reads a real U+FFFD as 3 bytes, a bad byte as 1. */
		if (used == 0 || (used == 1 && cp == 0xfffd))
			return i;
		i += used;
	}
	return n;
}

int text_field_too_long(st_err *err, const char *path, int line, const char *field)
{
	return st_err_set(err, _("%s:%d: %s is longer than %d bytes, the most a field may hold"),
			  path, line, field, TEXT_FIELD_MAX);
}

size_t text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t len, i;

	if (n == 0 || u[0] == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		len = 2;
		c = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3;
		c = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	if (len > n) {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past Unicode are invalid. */
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = c;
	return len;
}

size_t text_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static bool is_combining(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	       (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	       (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200b || cp == 0x200d;
}

/* Base letters of U+00C0..U+017F, lower case; a 2-letter entry is a
 * ligature that folds to two letters.  "" keeps the character. */
static const char *const latin_fold[] = {
	/* C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* D0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	/* E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* F0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	/* 100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* 110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* 120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* 130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* 140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* 150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* 160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* 170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Appends the folded form of cp to buf at *len (room ensured by caller). */
static void fold_cp(uint32_t cp, char *buf, size_t *len)
{
	if (is_combining(cp))
		return;
	/* Apostrophes are dropped: "dhondt" finds D'Hondt and D’Hondt, and
	 * the three sort together. */
	if (cp == '\'' || cp == 0x2019 || cp == 0x2018)
		return;
	if (cp < 0x80) {
		buf[(*len)++] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
		return;
	}
	if (cp >= 0xc0 && cp <= 0x17f && latin_fold[cp - 0xc0][0]) {
		const char *f = latin_fold[cp - 0xc0];
		while (*f)
			buf[(*len)++] = *f++;
		return;
	}
	/* Typographic quotes and dashes fold to their ASCII forms so that a
	 * search typed on any keyboard finds them. */
	switch (cp) {
	case 0x201c: case 0x201d: buf[(*len)++] = '"'; return;
	case 0x2013: case 0x2014: buf[(*len)++] = '-'; return;
	case 0x00a0: buf[(*len)++] = ' '; return;
	default: break;
	}
	*len += text_encode((uint32_t)towlower((wint_t)cp), buf + *len);
}

char *text_fold(const char *s)
{
	size_t n = strlen(s), i = 0, len = 0, used;
	/* A folded code point is never longer than 4 bytes, nor than 2 letters
	 * per input byte, so 4 bytes per input byte always suffice. */
	char *buf = malloc(n * 4 + 1);
	uint32_t cp;

	if (!buf)
		return NULL;
	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		fold_cp(cp, buf, &len);
		i += used;
	}
	buf[len] = '\0';
	return buf;
}

bool text_is_name_gap(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-';
}

/* The byte length of a no-break space or a Unicode hyphen (U+2010,
 * U+2011) at s, or 0. */
static size_t wide_name_gap(const char *s)
{
	if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
		return 2;
	if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x90 || (unsigned char)s[2] == 0x91))
		return 3;
	return 0;
}

size_t text_name_gap(const char *s)
{
	return text_is_name_gap(*s) ? 1 : wide_name_gap(s);
}

char *text_fold_name(const char *s)
{
	char *f = text_fold(s), *r, *w;
	size_t gap;

	if (!f)
		return NULL;
	for (r = w = f; *r;) {
		if ((gap = text_name_gap(r)) > 0)
			r += gap;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return f;
}

char *text_natural_key(const char *s)
{
	char *folded = text_fold(s), *out, *o;
	const char *p, *run;
	size_t digits;

	if (!folded)
		return NULL;
	out = malloc(strlen(folded) * 10 + 1);
	if (!out) {
		free(folded);
		return NULL;
	}
	o = out;
	for (p = folded; *p;) {
		if (*p < '0' || *p > '9') {
			*o++ = *p++;
			continue;
		}
		run = p;
		while (*p >= '0' && *p <= '9')
			p++;
		digits = (size_t)(p - run);
		for (; digits < 10; digits++)
			*o++ = '0';
		memcpy(o, run, (size_t)(p - run));
		o += p - run;
	}
	*o = '\0';
	free(folded);
	return out;
}

bool text_contains_folded(const char *haystack, const char *needle)
{
	char *h = text_fold(haystack), *n = text_fold(needle);
	bool found = h && n && strstr(h, n) != NULL;

	free(h);
	free(n);
	return found;
}

bool text_starts_with_folded(const char *s, const char *prefix)
{
	char *fs = text_fold(s), *fp = text_fold(prefix);
	bool found = fs && fp && strncmp(fs, fp, strlen(fp)) == 0;

	free(fs);
	free(fp);
	return found;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* The explicit bidirectional formatting characters: embeddings and
 * overrides (U+202A-U+202E), isolates (U+2066-U+2069) and the marks
 * (LRM, RLM, ALM).  A terminal that honours them reorders the rest of
 * the row, across the cells of other columns. */
static bool is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

uint32_t text_cp_shown(uint32_t cp)
{
	if (is_control(cp))
		return ' ';
	if (is_bidi_control(cp))
		return 0;
	return cp;
}

char *text_shown(const char *s)
{
	size_t n = strlen(s), i = 0, len = 0, used;
	/* An invalid byte shows as U+FFFD, 3 bytes; nothing grows more. */
	char *out = malloc(n * 3 + 1);
	uint32_t cp;

	if (!out)
		return NULL;
	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		cp = text_cp_shown(cp);
		if (cp)
			len += text_encode(cp, out + len);
		i += used;
	}
	out[len] = '\0';
	return out;
}

size_t text_control_at(const char *s, size_t n, bool breaks)
{
	size_t i = 0, used;
	uint32_t cp;

	while (i < n) {
		used = text_decode(s + i, n - i, &cp);
		if (used == 0)   /* a NUL */
			return i;
		if (text_cp_shown(cp) != cp && cp != '\t' && !(breaks && cp == '\n'))
			return i;
		i += used;
	}
	return n;
}

int text_refuse_controls(const char *s, size_t n, bool breaks, const char *path, int line,
			 st_err *err)
{
	size_t at = text_control_at(s, n, breaks), i;
	uint32_t cp = 0;

	if (at == n)
		return 0;
	for (i = 0; i < at; i++)
		line += s[i] == '\n';
	text_decode(s + at, n - at, &cp);
	return st_err_set(err, _("%s:%d: the text holds a control character (U+%04X): remove it"),
			  path, line, (unsigned)cp);
}

int text_cp_width(uint32_t cp)
{
	int w;

	if (is_control(cp) || is_bidi_control(cp))
		return 0;
	if (is_combining(cp))
		return 0;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* Outside a UTF-8 locale wcwidth knows nothing; fall back to the
	 * ranges that matter for names and notes. */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

size_t text_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int text_width(const char *s)
{
	size_t n = strlen(s), i = 0, used;
	uint32_t cp;
	int w = 0;

	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		w += text_cp_width(cp);
		i += used;
	}
	return w;
}

/* Copies into out the longest prefix of s that fits in `room` columns,
 * keeping combining marks with their base; returns the columns used and
 * sets *rest to where copying stopped. */
static int copy_prefix(const char *s, int room, char *out, size_t *olen,
		       const char **rest)
{
	size_t n = strlen(s), i = 0, used;
	uint32_t cp;
	int w = 0, cw;

	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		cp = text_cp_shown(cp);
		cw = text_cp_width(cp);
		if (w + cw > room)
			break;
		if (cp)
			*olen += text_encode(cp, out + *olen);
		w += cw;
		i += used;
	}
	*rest = s + i;
	return w;
}

char *text_fit(const char *s, int width, bool ellipsis)
{
	size_t olen = 0;
	const char *rest;
	char *out;
	int w;

	if (width < 0)
		width = 0;
	out = malloc(strlen(s) * 2 + (size_t)width + 4);
	if (!out)
		return NULL;
	w = copy_prefix(s, width, out, &olen, &rest);
	if (*rest && ellipsis && width > 0) {
		/* Cut again, one column shorter, to make room for the "…". */
		olen = 0;
		w = copy_prefix(s, width - 1, out, &olen, &rest);
		memcpy(out + olen, "\xe2\x80\xa6", 3);
		olen += 3;
		w++;
	}
	while (w < width) {
		out[olen++] = ' ';
		w++;
	}
	out[olen] = '\0';
	return out;
}

/* Columns s takes as text_fit shows it (text_cp_shown). */
static int fit_width(const char *s)
{
	size_t n = strlen(s), i = 0, used;
	uint32_t cp;
	int w = 0;

	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		w += text_cp_width(text_cp_shown(cp));
		i += used;
	}
	return w;
}

char *text_fit_right(const char *s, int width)
{
	int w = fit_width(s);
	char *fit, *out;
	size_t pad;

	if (w >= width)
		return text_fit(s, width, true);
	pad = (size_t)(width - w);
	fit = text_fit(s, w, false);
	if (!fit)
		return NULL;
	out = malloc(pad + strlen(fit) + 1);
	if (out) {
		memset(out, ' ', pad);
		strcpy(out + pad, fit);
	}
	free(fit);
	return out;
}

bool text_is_mark(uint32_t cp)
{
	return cp >= 0x300 && text_cp_width(cp) == 0;
}

int wtext_prev_char(const wchar_t *s, int i)
{
	if (i > 0)
		i--;
	while (i > 0 && text_is_mark((uint32_t)s[i]))
		i--;
	return i;
}

int wtext_next_char(const wchar_t *s, int len, int i)
{
	if (i < len)
		i++;
	while (i < len && text_is_mark((uint32_t)s[i]))
		i++;
	return i;
}

char *text_trim(char *s)
{
	char *start = s, *end;

	while (*start == ' ' || *start == '\t' || *start == '\r' || *start == '\n')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' ||
			       end[-1] == '\r' || end[-1] == '\n'))
		end--;
	*end = '\0';
	if (start != s)
		memmove(s, start, (size_t)(end - start) + 1);
	return s;
}

/* White space as a person sees it: ASCII, no-break and the Unicode
 * spaces, and the zero-width ones. */
static bool is_space_cp(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200b) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

char *text_clean(const char *s, bool one_line)
{
	size_t n = strlen(s), i = 0, len = 0, used;
	char *out = malloc(n * 3 + 1);   /* U+FFFD is 3 bytes for 1 */
	uint32_t cp;

	if (!out)
		return NULL;
	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		if (cp == '\r') {
			cp = '\n';
			if (s[i + 1] == '\n')
				used++;
		}
		i += used;
		if ((cp == '\n' || cp == '\t') && one_line)
			cp = ' ';
		if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp < 0xa0))
			continue;
		len += text_encode(cp, out + len);
	}
	out[len] = '\0';
	text_trim(out);
	return out;
}

bool text_is_blank(const char *s)
{
	size_t n = strlen(s), i = 0, used;
	uint32_t cp;

	while ((used = text_decode(s + i, n - i, &cp)) > 0) {
		if (!is_space_cp(cp))
			return false;
		i += used;
	}
	return true;
}

bool text_is_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}
