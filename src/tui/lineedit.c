/* lineedit.c: see lineedit.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/actions.h"
#include "tui/draw.h"
#include "tui/lineedit.h"
#include "tui/screen.h"

static void sync_utf8(struct lineedit *e)
{
	size_t n = 0;
	int i;

	for (i = 0; i < e->len && n + 5 < sizeof e->utf8; i++)
		n += text_encode((uint32_t)e->text[i], e->utf8 + n);
	e->utf8[n] = '\0';
}

void le_set_suggest(struct lineedit *e, le_suggest_fn fn, void *ctx)
{
	e->suggest = fn;
	e->suggest_ctx = ctx;
	e->cycle = -1;
}

void le_init(struct lineedit *e)
{
	le_set_suggest(e, NULL, NULL);
	le_clear(e);
}

void le_clear(struct lineedit *e)
{
	e->len = e->cur = 0;
	e->cycle = -1;
	e->text[0] = L'\0';
	e->utf8[0] = '\0';
}

void le_set(struct lineedit *e, const char *utf8)
{
	size_t n = strlen(utf8), i = 0, used;
	uint32_t cp;

	le_clear(e);
	while ((used = text_decode(utf8 + i, n - i, &cp)) > 0 && e->len < LINEEDIT_MAX - 1) {
		e->text[e->len++] = (wchar_t)cp;
		i += used;
	}
	e->text[e->len] = L'\0';
	e->cur = e->len;
	sync_utf8(e);
}

/* A combining mark belongs to the character before it: the cursor never
 * stops between them. */
static int prev_char(const struct lineedit *e, int i)
{
	return wtext_prev_char(e->text, i);
}

static int next_char(const struct lineedit *e, int i)
{
	return wtext_next_char(e->text, e->len, i);
}

static void delete_range(struct lineedit *e, int from, int to)
{
	if (to <= from)
		return;
	memmove(e->text + from, e->text + to, (size_t)(e->len - to + 1) * sizeof *e->text);
	e->len -= to - from;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
}

static bool insert(struct lineedit *e, wchar_t c)
{
	if (e->len >= LINEEDIT_MAX - 1)
		return false;
	memmove(e->text + e->cur + 1, e->text + e->cur, (size_t)(e->len - e->cur + 1) * sizeof *e->text);
	e->text[e->cur++] = c;
	e->len++;
	return true;
}

/* The suggestions for what Tab completes from: the text typed, or while
 * going round them, the text they were for.  Returns how many. */
static int suggestions(struct lineedit *e, char **out)
{
	if (!e->suggest)
		return 0;
	if (e->cycle < 0) {
		if (strlen(e->utf8) >= sizeof e->stem)
			return 0;
		memcpy(e->stem, e->utf8, strlen(e->utf8) + 1);
	}
	return e->suggest(e->suggest_ctx, e->stem, out, LE_SUGGESTIONS);
}

static void free_all(char **s, int n)
{
	while (n > 0)
		free(s[--n]);
}

/* The start the n strings share, whole characters only, into out. */
static void common_start(char *const *s, int n, char *out, size_t size)
{
	size_t len = strlen(s[0]);
	int i;

	for (i = 1; i < n; i++) {
		size_t k = 0;
		while (k < len && s[i][k] == s[0][k])
			k++;
		len = k;
	}
	while (len > 0 && (s[0][len] & 0xc0) == 0x80)
		len--;
	if (len >= size)
		len = 0;
	memcpy(out, s[0], len);
	out[len] = '\0';
}

static size_t count_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += (*s & 0xc0) != 0x80;
	return n;
}

/* Tab: the one suggestion; else the start they share when it says more
 * than what was typed; else the next of them, going round. */
static enum le_result complete(struct lineedit *e)
{
	char *s[LE_SUGGESTIONS], shared[LE_STEM_MAX];
	const char *to;
	enum le_result r = LE_NOT_MINE;
	int n = suggestions(e, s), cycle = e->cycle;

	if (n <= 0)
		return LE_NOT_MINE;
	common_start(s, n, shared, sizeof shared);
	if (n == 1)
		to = s[0];
	else if (cycle < 0 && text_starts_with_folded(shared, e->stem) &&
		 count_chars(shared) > count_chars(e->stem))
		to = shared;
	else
		to = s[cycle = (cycle + 1) % n];
	if (strcmp(to, e->utf8) != 0) {
		le_set(e, to);
		e->cycle = cycle;
		r = LE_CHANGED;
	}
	free_all(s, n);
	return r;
}

void le_hint(struct lineedit *e, char *buf, size_t size)
{
	char *s[LE_SUGGESTIONS];
	size_t len = 0, add;
	int n = suggestions(e, s), i;

	buf[0] = '\0';
	/* Only what is there already: nothing to complete. */
	for (i = n == 1 && strcmp(s[0], e->utf8) == 0; i < n; i++) {
		/* Room for this one, and for ", …" when more follow. */
		add = strlen(s[i]) + (i ? 2 : 0) + (i < n - 1 ? 6 : 1);
		if (len + add > size) {
			if (len + 6 <= size)
				snprintf(buf + len, size - len, "%s\xe2\x80\xa6", i ? ", " : "");
			break;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", s[i]);
	}
	free_all(s, n);
}

/* The start of the word before the cursor (spaces before it too). */
static int word_start(const struct lineedit *e)
{
	int i;

	for (i = e->cur; i > 0 && e->text[i - 1] == L' '; i--)
		;
	for (; i > 0 && e->text[i - 1] != L' '; i--)
		;
	return i;
}

/* The end of the word after the cursor. */
static int word_end(const struct lineedit *e)
{
	int i = e->cur;

	for (; i < e->len && e->text[i] == L' '; i++)
		;
	for (; i < e->len && e->text[i] != L' '; i++)
		;
	return i;
}

/* Moves the cursor; LE_TAKEN, or LE_NOT_MINE for an action that is not a
 * move. */
static enum le_result move_cursor(struct lineedit *e, enum action a)
{
	switch (a) {
	case ACT_ED_LEFT: e->cur = prev_char(e, e->cur); break;
	case ACT_ED_RIGHT: e->cur = next_char(e, e->cur); break;
	case ACT_ED_WORD_LEFT: e->cur = word_start(e); break;
	case ACT_ED_WORD_RIGHT: e->cur = word_end(e); break;
	case ACT_ED_LINE_START: e->cur = 0; break;
	case ACT_ED_LINE_END: e->cur = e->len; break;
	default: return LE_NOT_MINE;
	}
	return LE_TAKEN;
}

/* Carries out a field action; the result as for le_key. */
static enum le_result apply(struct lineedit *e, enum action a)
{
	int len = e->len;

	switch (a) {
	case ACT_ED_BACKSPACE: delete_range(e, prev_char(e, e->cur), e->cur); break;
	case ACT_ED_DELETE: delete_range(e, e->cur, next_char(e, e->cur)); break;
	case ACT_ED_KILL: delete_range(e, e->cur, e->len); break;
	case ACT_ED_DELETE_WORD: delete_range(e, word_start(e), e->cur); break;
	case ACT_ED_CLEAR: delete_range(e, 0, e->cur); break;   /* as in the shell */
	case ACT_ED_ESCAPE:
		if (!e->len)
			return LE_CLOSE;
		delete_range(e, 0, e->len);
		break;
	case ACT_ED_COMPLETE:
		return complete(e);
	default:
		return move_cursor(e, a);
	}
	if (e->len == len)
		return LE_TAKEN;
	sync_utf8(e);
	return LE_CHANGED;
}

/* The keys are the FIELD_LINE rows of actions_table.h, or where the
 * arrows mean something else (a list, the picker's polarity) the
 * FIELD_FILTER ones, so the help lists exactly what a field does. */
enum le_result le_key(struct lineedit *e, int key, enum le_keys keys)
{
	if (key != '\t')
		e->cycle = -1;
	if (!(key & KEY_FLAG) && key >= 32 && key != 127) {
		if (!insert(e, (wchar_t)key))
			return LE_TAKEN;
		sync_utf8(e);
		return LE_CHANGED;
	}
	return apply(e, action_for_key(keys == LE_ALL_KEYS ? FIELD_LINE : FIELD_FILTER, key));
}

bool le_type(struct lineedit *e, int key)
{
	enum le_result r = le_key(e, key, LE_TEXT_KEYS);

	return r == LE_CHANGED || r == LE_TAKEN;
}

/* Columns c takes as draw_text shows it. */
static int shown_width(wchar_t c)
{
	return text_cp_width(text_cp_shown((uint32_t)c));
}

void le_draw(const struct lineedit *e, WINDOW *w, int y, int x, int width, attr_t attr,
	     bool focus)
{
	char buf[LINEEDIT_MAX * 4 + 1];
	int first = 0, cols = 0, i;
	size_t n = 0;

	/* Scroll so that the cursor fits: drop characters from the left. */
	for (i = 0; i < e->cur; i++)
		cols += shown_width(e->text[i]);
	while (cols > width - 1 && first < e->cur) {
		cols -= shown_width(e->text[first]);
		first = next_char(e, first);
	}
	for (i = first; i < e->len && n + 5 < sizeof buf; i++)
		n += text_encode((uint32_t)e->text[i], buf + n);
	buf[n] = '\0';
	draw_text(w, y, x, width, buf, attr);
	if (focus) {
		wmove(w, y, x + cols);
		screen_want_cursor(w, y, x + cols);
	}
}
