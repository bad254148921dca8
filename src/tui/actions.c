/* actions.c: see actions.h. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/actions.h"

/* Sets of screens the rows of actions_table.h name. */
#define LISTS (VIEW_SESSIONS | VIEW_ATTENDANCE | VIEW_PEOPLE | VIEW_ORGS | VIEW_NOTES_LIST | \
	       VIEW_REVIEW | VIEW_FACTORS | VIEW_CODEBOOK | VIEW_PICKER | VIEW_TAGGER | VIEW_NETWORK)
/* Where the movement keys move a selection or scroll a page. */
#define NAV (LISTS | VIEW_HELP | VIEW_DETAIL | VIEW_PERSON | VIEW_NOTE)
/* Lists whose rows open with Enter. */
#define OPENS (VIEW_SESSIONS | VIEW_PICKER | VIEW_PEOPLE | VIEW_ORGS | VIEW_REVIEW | \
	       VIEW_FACTORS | VIEW_CODEBOOK | VIEW_NOTES_LIST | VIEW_NETWORK)
/* Screens opened from another one: Esc goes back (in a form Esc is the
 * field's: it clears the text first). */
#define SUB (VIEW_SCREENS & ~VIEW_SESSIONS & ~VIEW_FORM)
/* Screens where typing goes to a field: letters are text there. */
#define TYPING (VIEW_ATTENDANCE | VIEW_PEOPLE | VIEW_ORGS | VIEW_NOTES | VIEW_TAGGER)
/* Screens that open the others from the menu keys. */
#define TOP (VIEW_SESSIONS | VIEW_DETAIL | VIEW_PEOPLE | VIEW_ORGS | VIEW_REVIEW | \
	     VIEW_FACTORS | VIEW_CODEBOOK)
/* Where the selected thing can be edited and deleted. */
#define EDITS (VIEW_PEOPLE | VIEW_ORGS | VIEW_PERSON | VIEW_ORG | VIEW_NOTES_LIST | VIEW_NOTE | \
	       VIEW_REVIEW | VIEW_CODEBOOK)

#define K(...) { __VA_ARGS__ }

static const struct action_info table[] = {
#define ACTION(name, where, keys, label, help) { ACT_##name, where, keys, label, help },
#define ALSO ACTION
#include "tui/actions_table.h"
#undef ACTION
#undef ALSO
};

#define NROWS (sizeof table / sizeof table[0])

bool action_key_is_text(int key)
{
	return key == KC(KEY_BACKSPACE) || (!(key & KEY_FLAG) && key >= 32 && key != 127);
}

const struct action_info *action_table(int *count)
{
	*count = (int)(sizeof table / sizeof table[0]);
	return table;
}

/* True when kind has a field that takes printable keys as text. */
static bool kind_types(unsigned kind)
{
	return (kind & FIELDS) != 0;
}

bool action_key_works(const struct action_info *t, unsigned kind, int key)
{
	return !(kind_types(kind) && !(t->views & FIELDS) && action_key_is_text(key));
}

int action_first_key(const struct action_info *t, unsigned kind)
{
	int k;

	for (k = 0; k < 4 && t->keys[k]; k++)
		if (action_key_works(t, kind, t->keys[k]))
			return t->keys[k];
	return 0;
}

/* Row i applies where kind is shown: to its screen, or to its field. */
static bool applies(size_t i, unsigned kind)
{
	return (table[i].views & kind & VIEW_SCREENS) || (table[i].views & kind & FIELDS);
}

const struct action_info *action_row(enum action a, unsigned kind)
{
	size_t i;

	for (i = 0; i < NROWS; i++)
		if (table[i].action == a && applies(i, kind))
			return &table[i];
	return NULL;
}

/* The row of key among the field rows (fields) or the screen rows. */
static enum action lookup(unsigned kind, int key, bool fields)
{
	size_t i, k;

	for (i = 0; i < NROWS; i++) {
		if (!applies(i, kind) || ((table[i].views & FIELDS) != 0) != fields)
			continue;
		for (k = 0; k < 4 && table[i].keys[k]; k++)
			if (table[i].keys[k] == key && action_key_works(&table[i], kind, key))
				return table[i].action;
	}
	return ACT_NONE;
}

enum action action_for_key(unsigned kind, int key)
{
	enum action a = lookup(kind, key, true);

	return a != ACT_NONE ? a : lookup(kind, key, false);
}

void action_key_name(int key, char *buf, int size)
{
	static const struct { int key; const char *name; } named[] = {
		{ KC(KEY_UP), "\xe2\x86\x91" }, { KC(KEY_DOWN), "\xe2\x86\x93" },
		{ KC(KEY_LEFT), "\xe2\x86\x90" }, { KC(KEY_RIGHT), "\xe2\x86\x92" },
		{ KC(KEY_PPAGE), N_("PgUp") }, { KC(KEY_NPAGE), N_("PgDn") },
		{ KC(KEY_HOME), N_("Home") }, { KC(KEY_END), N_("End") },
		{ KC(KEY_ENTER), N_("Enter") }, { '\r', N_("Enter") },
		{ KC(KEY_BACKSPACE), N_("Backspace") }, { 27, N_("Esc") },
		{ ' ', N_("Space") }, { KC(KEY_DC), N_("Delete") }, { '\t', N_("Tab") }, { KEY_DIGITS, "1-9" },
		{ KC(KEY_BTAB), N_("Shift-Tab") },
		{ KX_CTRL_LEFT, N_("Ctrl-\xe2\x86\x90") }, { KX_CTRL_RIGHT, N_("Ctrl-\xe2\x86\x92") },
	};
	size_t i;

	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (named[i].key == key) {
			snprintf(buf, (size_t)size, "%s", _(named[i].name));
			return;
		}
	}
	if (key > 0 && key < 32)
		snprintf(buf, (size_t)size, "Ctrl-%c", key + '@');
	else if (key >= KC(KEY_F(1)) && key <= KC(KEY_F(12)))
		snprintf(buf, (size_t)size, "F%d", key - KC(KEY_F0));
	else if (key >= KC(KEY_F(13)) && key <= KC(KEY_F(24)))   /* xterm's Shift-F1..F12 */
		snprintf(buf, (size_t)size, _("Shift-F%d"), key - KC(KEY_F(12)));
	else if (!(key & KEY_FLAG))
		buf[text_encode((uint32_t)key, buf)] = '\0';
	else
		snprintf(buf, (size_t)size, "%s", keyname(key & ~KEY_FLAG));
}
