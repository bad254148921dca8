/* lineedit.c: see lineedit.h. */
#include "config.h"

#include <string.h>

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

void le_clear(struct lineedit *e)
{
	e->len = e->cur = 0;
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

/* The start of the next word after the cursor. */
static int word_end(const struct lineedit *e)
{
	int i = e->cur;

	for (; i < e->len && e->text[i] == L' '; i++)
		;
	for (; i < e->len && e->text[i] != L' '; i++)
		;
	return i;
}

/* Carries out a field action; false for any other. */
static bool edit(struct lineedit *e, enum action a)
{
	switch (a) {
	case ACT_ED_BACKSPACE: delete_range(e, prev_char(e, e->cur), e->cur); break;
	case ACT_ED_DELETE: delete_range(e, e->cur, next_char(e, e->cur)); break;
	case ACT_ED_LEFT: e->cur = prev_char(e, e->cur); break;
	case ACT_ED_RIGHT: e->cur = next_char(e, e->cur); break;
	case ACT_ED_WORD_LEFT: e->cur = word_start(e); break;
	case ACT_ED_WORD_RIGHT: e->cur = word_end(e); break;
	case ACT_ED_LINE_START: e->cur = 0; break;
	case ACT_ED_LINE_END: e->cur = e->len; break;
	case ACT_ED_KILL: delete_range(e, e->cur, e->len); break;
	case ACT_ED_DELETE_WORD: delete_range(e, word_start(e), e->cur); break;
	case ACT_ED_CLEAR: delete_range(e, 0, e->cur); break;   /* as in the shell */
	default: return false;
	}
	sync_utf8(e);
	return true;
}

/* A printable key goes into the text; false for any other. */
static bool type(struct lineedit *e, int key)
{
	if ((key & KEY_FLAG) || key < 32 || key == 127)
		return false;
	insert(e, (wchar_t)key);
	sync_utf8(e);
	return true;
}

/* The keys are the FIELD_FILTER and FIELD_LINE rows of actions_table.h,
 * so the help screen lists exactly what a field does. */
bool le_type(struct lineedit *e, int key)
{
	return type(e, key) || edit(e, action_for_key(FIELD_FILTER, key));
}

bool le_key(struct lineedit *e, int key)
{
	return type(e, key) || edit(e, action_for_key(FIELD_LINE, key));
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
