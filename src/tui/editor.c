/* editor.c: see editor.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/text.h"
#include "tui/actions.h"
#include "tui/editor.h"
#include "tui/screen.h"

/* A visual line: text[start, end) is shown; `next` is where the following
 * line starts (after a newline, or after the space a soft wrap broke at). */
struct vline { int start, end, next; };

/* Columns c takes as ed_draw shows it (a tab as a space, a bidi control
 * as nothing), so that the cursor lines up with the text. */
static int cwidth(wchar_t c)
{
	return text_cp_width(text_cp_shown((uint32_t)c));
}

static bool is_mark(wchar_t c)
{
	return text_is_mark((uint32_t)c);
}

void ed_init(struct editor *e)
{
	memset(e, 0, sizeof *e);
	e->goal_col = -1;
	e->width = 40;
}

void ed_free(struct editor *e)
{
	free(e->text);
	free(e->utf8);
	ed_init(e);
}

static bool reserve(struct editor *e, int n)
{
	wchar_t *t;
	int cap;

	if (n + 1 <= e->cap)
		return true;
	cap = e->cap ? e->cap : 256;
	while (cap < n + 1)
		cap *= 2;
	t = realloc(e->text, (size_t)cap * sizeof *t);
	if (!t)
		return false;
	e->text = t;
	e->cap = cap;
	return true;
}

static void changed(struct editor *e)
{
	e->dirty = true;
	free(e->utf8);
	e->utf8 = NULL;
}

void ed_set(struct editor *e, const char *utf8)
{
	size_t n = strlen(utf8), i = 0, used;
	uint32_t cp;

	e->len = e->cur = e->top = 0;
	if (!reserve(e, (int)n))
		return;
	while ((used = text_decode(utf8 + i, n - i, &cp)) > 0) {
		if (cp != '\r')
			e->text[e->len++] = (wchar_t)cp;
		i += used;
	}
	e->text[e->len] = L'\0';
	e->cur = e->len;
	e->goal_col = -1;
	changed(e);
}

const char *ed_text(struct editor *e)
{
	size_t n = 0;
	int i;

	if (e->utf8)
		return e->utf8;
	e->utf8 = malloc((size_t)e->len * 4 + 1);
	if (!e->utf8)
		return "";
	for (i = 0; i < e->len; i++)
		n += text_encode((uint32_t)e->text[i], e->utf8 + n);
	e->utf8[n] = '\0';
	return e->utf8;
}

bool ed_blank(const struct editor *e)
{
	int i;

	for (i = 0; i < e->len; i++)
		if (!iswspace((wint_t)e->text[i]))
			return false;
	return true;
}

void ed_mark_clean(struct editor *e)
{
	e->dirty = false;
}

/* Splits the text into visual lines of at most width columns, breaking
 * after the last space that fits (or inside a word longer than a line).
 * Returns how many lines (at least one); *lines is malloc'd. */
static int layout(const struct editor *e, int width, struct vline **lines)
{
	int n = 0, cap = 16, i = 0, start, cols, last_space;
	struct vline *l = malloc((size_t)cap * sizeof *l);

	if (width < 2)
		width = 2;
	if (!l)
		return 0;
	for (;;) {
		if (n == cap) {
			struct vline *m = realloc(l, (size_t)(cap *= 2) * sizeof *l);
			if (!m)
				break;
			l = m;
		}
		start = i;
		cols = 0;
		last_space = -1;
		while (i < e->len && e->text[i] != L'\n' && cols + cwidth(e->text[i]) <= width) {
			if (e->text[i] == L' ')
				last_space = i;
			cols += cwidth(e->text[i]);
			i++;
		}
		if (i >= e->len) {
			l[n++] = (struct vline){ start, e->len, e->len };
			break;
		}
		if (e->text[i] == L'\n') {
			l[n++] = (struct vline){ start, i, i + 1 };
			i++;
			continue;
		}
		/* Soft wrap: at the last space, else inside the word (never in
		 * the middle of a base and its marks). */
		while (i > start + 1 && is_mark(e->text[i]))
			i--;
		if (last_space >= start && last_space > start) {
			l[n++] = (struct vline){ start, last_space, last_space + 1 };
			i = last_space + 1;
		} else {
			l[n++] = (struct vline){ start, i, i };
		}
	}
	*lines = l;
	return n;
}

/* The visual line the cursor is on. */
static int line_of(const struct vline *l, int n, int cur)
{
	int i;

	for (i = 0; i < n - 1; i++)
		if (cur < l[i].next && (cur <= l[i].end || l[i].next == l[i].end))
			return i;
	return n - 1;
}

static int col_of(const struct editor *e, const struct vline *l, int cur)
{
	int c = 0, i;

	for (i = l->start; i < cur && i < l->end; i++)
		c += cwidth(e->text[i]);
	return c;
}

static int prev_char(const struct editor *e, int i);

/* Index in line l nearest to column col. */
static int index_at_col(const struct editor *e, const struct vline *l, int col)
{
	int c = 0, i = l->start;

	while (i < l->end && c + cwidth(e->text[i]) <= col) {
		c += cwidth(e->text[i]);
		i++;
		while (i < l->end && is_mark(e->text[i]))
			i++;
	}
	/* A line wrapped inside a word ends where the next one starts: that
	 * index belongs to the next line, so stop one character short. */
	if (i == l->end && l->next == l->end && l->end < e->len && i > l->start)
		i = prev_char(e, i);
	return i;
}

static int prev_char(const struct editor *e, int i)
{
	return wtext_prev_char(e->text, i);
}

static int next_char(const struct editor *e, int i)
{
	return wtext_next_char(e->text, e->len, i);
}

static bool word_char(wchar_t c)
{
	return iswalnum((wint_t)c) || is_mark(c) || c > 0x7f;
}

static int prev_word(const struct editor *e, int i)
{
	while (i > 0 && !word_char(e->text[i - 1]))
		i--;
	while (i > 0 && word_char(e->text[i - 1]))
		i--;
	return i;
}

static int next_word(const struct editor *e, int i)
{
	while (i < e->len && !word_char(e->text[i]))
		i++;
	while (i < e->len && word_char(e->text[i]))
		i++;
	return i;
}

static void delete_range(struct editor *e, int from, int to)
{
	if (to <= from)
		return;
	memmove(e->text + from, e->text + to, (size_t)(e->len - to + 1) * sizeof *e->text);
	e->len -= to - from;
	e->cur = from;
	changed(e);
}

static void insert(struct editor *e, wchar_t c)
{
	if (!reserve(e, e->len + 1))
		return;
	memmove(e->text + e->cur + 1, e->text + e->cur, (size_t)(e->len - e->cur + 1) * sizeof *e->text);
	e->text[e->cur++] = c;
	e->len++;
	changed(e);
}

/* Up or down one visual line, aiming for goal_col. */
static void vertical(struct editor *e, int delta)
{
	struct vline *l;
	int n = layout(e, e->width, &l), at;

	if (n == 0)
		return;
	at = line_of(l, n, e->cur);
	if (e->goal_col < 0)
		e->goal_col = col_of(e, &l[at], e->cur);
	at += delta;
	if (at < 0)
		e->cur = 0;
	else if (at >= n)
		e->cur = e->len;
	else
		e->cur = index_at_col(e, &l[at], e->goal_col);
	free(l);
}

/* Start (or end) of the logical line: up to the newline. */
static int logical_edge(const struct editor *e, bool end)
{
	int i = e->cur;

	if (end) {
		while (i < e->len && e->text[i] != L'\n')
			i++;
	} else {
		while (i > 0 && e->text[i - 1] != L'\n')
			i--;
	}
	return i;
}

/* The keys are the FIELD_EDITOR rows of actions_table.h, so the help
 * screen lists exactly what the editor does. */
bool ed_key_changes(int key)
{
	switch (action_for_key(FIELD_EDITOR, key)) {
	case ACT_ED_NEWLINE: case ACT_ED_BACKSPACE: case ACT_ED_DELETE:
	case ACT_ED_DELETE_WORD: case ACT_ED_KILL: case ACT_ED_CLEAR:
		return true;
	case ACT_ED_UP: case ACT_ED_DOWN: case ACT_ED_LEFT: case ACT_ED_RIGHT:
	case ACT_ED_WORD_LEFT: case ACT_ED_WORD_RIGHT: case ACT_ED_LINE_START: case ACT_ED_LINE_END:
		return false;
	default:   /* as ed_key: a character is typed */
		return !((key & KEY_FLAG) || key < 32 || key == 127);
	}
}

bool ed_key(struct editor *e, int key)
{
	enum action a = action_for_key(FIELD_EDITOR, key);

	if (a == ACT_ED_UP || a == ACT_ED_DOWN) {
		vertical(e, a == ACT_ED_UP ? -1 : 1);
		return true;
	}
	switch (a) {
	case ACT_ED_NEWLINE: insert(e, L'\n'); break;
	case ACT_ED_BACKSPACE: delete_range(e, prev_char(e, e->cur), e->cur); break;
	case ACT_ED_DELETE: delete_range(e, e->cur, next_char(e, e->cur)); break;
	case ACT_ED_LEFT: e->cur = prev_char(e, e->cur); break;
	case ACT_ED_RIGHT: e->cur = next_char(e, e->cur); break;
	case ACT_ED_WORD_LEFT: e->cur = prev_word(e, e->cur); break;
	case ACT_ED_WORD_RIGHT: e->cur = next_word(e, e->cur); break;
	case ACT_ED_LINE_START: e->cur = logical_edge(e, false); break;
	case ACT_ED_LINE_END: e->cur = logical_edge(e, true); break;
	case ACT_ED_DELETE_WORD: delete_range(e, prev_word(e, e->cur), e->cur); break;
	case ACT_ED_KILL:
		delete_range(e, e->cur, logical_edge(e, true) > e->cur ? logical_edge(e, true)
								 : next_char(e, e->cur));
		break;
	case ACT_ED_CLEAR: delete_range(e, logical_edge(e, false), e->cur); break;
	default:
		if ((key & KEY_FLAG) || key < 32 || key == 127)
			return false;
		insert(e, (wchar_t)key);
		break;
	}
	e->goal_col = -1;
	return true;
}

void ed_draw(struct editor *e, WINDOW *w, int y, int x, int h, int width, bool focus)
{
	struct vline *l;
	int n, at, i, row;

	e->width = width > 2 ? width : 2;
	n = layout(e, e->width, &l);
	if (n == 0)
		return;
	at = line_of(l, n, e->cur);
	if (at < e->top)
		e->top = at;
	if (at >= e->top + h)
		e->top = at - h + 1;
	for (row = 0; row < h; row++) {
		wmove(w, y + row, x);
		for (i = 0; i < width; i++)
			waddch(w, ' ');
		if (e->top + row >= n)
			continue;
		wmove(w, y + row, x);
		for (i = l[e->top + row].start; i < l[e->top + row].end; i++) {
			wchar_t c[2] = { (wchar_t)text_cp_shown((uint32_t)e->text[i]), L'\0' };
			if (c[0])
				waddnwstr(w, c, 1);
		}
	}
	if (focus) {
		int col = col_of(e, &l[at], e->cur);
		/* At the end of a full line the cursor stays inside the box. */
		wmove(w, y + at - e->top, x + (col < width ? col : width - 1));
		screen_want_cursor(w, y + at - e->top, x + (col < width ? col : width - 1));
	}
	free(l);
}
