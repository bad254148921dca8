/* actions.c: see actions.h. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/actions.h"

#define LISTS (VIEW_SESSIONS | VIEW_ATTENDANCE | VIEW_PEOPLE | VIEW_ORGS | VIEW_NOTES | \
	       VIEW_REVIEW | VIEW_FACTORS | VIEW_CODEBOOK)
#define NAV (LISTS | VIEW_DETAIL | VIEW_HELP | VIEW_PICKER | VIEW_PERSON | VIEW_ORG | VIEW_NOTE)
#define SUB (VIEW_DETAIL | VIEW_HELP | VIEW_PICKER | VIEW_ATTENDANCE | VIEW_PEOPLE | \
	     VIEW_PERSON | VIEW_ORGS | VIEW_ORG | VIEW_NOTES | VIEW_NOTE | VIEW_REVIEW | \
	     VIEW_QUEUE | VIEW_FACTORS | VIEW_CODEBOOK)
#define TOP (VIEW_SESSIONS | VIEW_DETAIL | VIEW_PEOPLE | VIEW_ORGS | VIEW_REVIEW | \
	     VIEW_FACTORS | VIEW_CODEBOOK)
#define NOTEISH (VIEW_NOTES | VIEW_NOTE | VIEW_REVIEW)
#define FILTERED (VIEW_PEOPLE | VIEW_ORGS)

/* On screens where typing filters (attendance, people, organisations),
 * letters are text, so every action there also has a control or
 * function key.  The order is each screen's order of importance: the
 * status line shows the hints that fit, most important first (undo
 * before excused at the door; edit and delete before move and merge in
 * the codebook), the help screen all. */
static const struct action_info table[] = {
	{ ACT_UP,          NAV, { KC(KEY_UP), 'k' },          NULL,            N_("move up") },
	{ ACT_DOWN,        NAV, { KC(KEY_DOWN), 'j' },        NULL,            N_("move down") },
	{ ACT_PAGE_UP,     NAV, { KC(KEY_PPAGE), CTRL('b') }, NULL,            N_("page up") },
	{ ACT_PAGE_DOWN,   NAV, { KC(KEY_NPAGE), CTRL('f'), ' ' }, NULL,       N_("page down") },
	{ ACT_FIRST,       NAV, { KC(KEY_HOME), 'g' },        NULL,            N_("go to the first line") },
	{ ACT_LAST,        NAV, { KC(KEY_END), 'G' },         NULL,            N_("go to the last line") },
	{ ACT_OPEN,        VIEW_SESSIONS | VIEW_PICKER | FILTERED | VIEW_REVIEW | VIEW_FACTORS | VIEW_CODEBOOK, { '\n', '\r', KC(KEY_ENTER) }, N_("open"), N_("open the selected row") },
	{ ACT_ATTENDANCE,  VIEW_SESSIONS | VIEW_DETAIL, { 'a' }, N_("attendance"), N_("check people in at the selected session") },
	{ ACT_NOTES,       VIEW_SESSIONS | VIEW_DETAIL, { 'c' }, N_("notes"), N_("take co-creation notes at the selected session") },
	{ ACT_PROGRAMME,   VIEW_SESSIONS, { 'p' },            N_("programme"), N_("switch to another programme") },
	{ ACT_FILTER_KIND, VIEW_SESSIONS, { 'f' },            N_("filter"),    N_("show only one kind of session") },
	{ ACT_SORT,        VIEW_SESSIONS, { 's' },            N_("sort"),      N_("sort by code or by date") },
	{ ACT_SEARCH,      VIEW_SESSIONS, { '/' },            N_("find"),      N_("find a session as you type; digits jump to a code") },
	{ ACT_PRESENT,     VIEW_ATTENDANCE, { '\n', '\r', KC(KEY_ENTER) }, N_("present"), N_("mark the selected person present (with the time)") },
	{ ACT_ABSENT,      VIEW_ATTENDANCE, { CTRL('a'), KC(KEY_F(5)) }, N_("absent"), N_("mark the selected person absent") },
	{ ACT_UNDO,        VIEW_ATTENDANCE, { CTRL('u'), KC(KEY_F(8)) }, N_("undo"), N_("undo the last change to this attendance") },
	{ ACT_EXCUSED,     VIEW_ATTENDANCE, { CTRL('e'), KC(KEY_F(6)) }, N_("excused"), N_("mark the selected person excused") },
	{ ACT_NEW,         VIEW_ATTENDANCE | FILTERED, { CTRL('n'), KC(KEY_F(7)) }, N_("new"), N_("add a new one (in attendance: a newcomer, checked in)") },
	{ ACT_PERSON,      VIEW_ATTENDANCE, { CTRL('o') },    NULL,            N_("open the selected person") },
	{ ACT_SAVE_NOTE,   VIEW_NOTES,    { '\r', KC(KEY_ENTER) }, N_("save"), N_("save the note (in the list: read the selected note); Ctrl-J starts a new line") },
	{ ACT_NOTE_KIND,   VIEW_NOTES,    { KC(KEY_F(2)), CTRL('t') }, N_("kind"), N_("the kind of note: observation, quote, idea, question, action") },
	{ ACT_NOTE_GROUP,  VIEW_NOTES,    { KC(KEY_F(3)), CTRL('g') }, N_("group"), N_("the group or table the note comes from") },
	{ ACT_NOTE_ABOUT,  VIEW_NOTES,    { KC(KEY_F(4)), CTRL('o') }, N_("about"), N_("the person or school the note is about") },
	{ ACT_EXTERNAL,    VIEW_NOTES,    { KC(KEY_F(5)), CTRL('x') }, N_("editor"), N_("write the note in $VISUAL or $EDITOR") },
	{ ACT_FOCUS,       VIEW_NOTES,    { '\t' },           N_("list"),      N_("switch between typing and the list of notes") },
	{ ACT_TAG,         VIEW_NOTES | VIEW_NOTE | VIEW_REVIEW | VIEW_QUEUE, { KC(KEY_F(6)), '#' }, N_("tag"), N_("tag the note with factors (in taking notes: the last one saved, or the one selected)") },
	{ ACT_NEXT,        VIEW_QUEUE,    { '\r', KC(KEY_ENTER), 'n', ' ' }, N_("next"), N_("the next untagged note") },
	{ ACT_QUEUE,       VIEW_SESSIONS | VIEW_DETAIL | VIEW_REVIEW, { 'u' }, N_("untagged"), N_("walk the untagged notes one by one (digits 1-9 tag)") },
	{ ACT_FOLD,        VIEW_FACTORS,  { 'z', '\t' }, N_("fold"), N_("fold or unfold the selected category") },
	{ ACT_COOCCUR,     VIEW_FACTORS,  { 'o' },            N_("together"),  N_("the factors tagged together with the selected one") },
	{ ACT_SORT_COLUMN, VIEW_FACTORS,  { 's' },            N_("sort"),      N_("sort by the next column, codebook order first") },
	{ ACT_SORT_REVERSE, VIEW_FACTORS, { 'S' },            NULL,            N_("reverse the order of the sorted column") },
	{ ACT_FIGURE_FILTER, VIEW_FACTORS, { 'f' },           N_("filter"),    N_("count only one programme, one kind of session, or both") },
	{ ACT_NEW_CHILD,   VIEW_CODEBOOK, { 'n', CTRL('n') }, N_("new"),       N_("add a factor under the selected one (N: a new category)") },
	{ ACT_NEW,         VIEW_CODEBOOK, { 'N' },            NULL,            N_("add a new top-level category") },
	{ ACT_FIND_NOTES,  VIEW_REVIEW,   { '/' },            N_("search"),    N_("search the notes: words, prefix*, \"a phrase\"") },
	{ ACT_FILTER_NOTES, VIEW_REVIEW,  { 'f' },            N_("filter"),    N_("filter by programme, session, kind, group, school, author, dates") },
	{ ACT_TRASH,       VIEW_REVIEW,   { 't' },            N_("trash"),     N_("show the trash (deleted notes), or the notes again") },
	{ ACT_RESTORE,     VIEW_REVIEW | VIEW_NOTE, { 'r' },  N_("restore"),   N_("restore the selected note from the trash") },
	{ ACT_EDIT,        FILTERED | VIEW_PERSON | VIEW_ORG | NOTEISH | VIEW_CODEBOOK, { 'e', CTRL('e'), KC(KEY_F(4)) }, N_("edit"), N_("edit the selected one") },
	{ ACT_DELETE,      FILTERED | VIEW_PERSON | VIEW_ORG | NOTEISH | VIEW_CODEBOOK, { 'd', CTRL('d'), KC(KEY_DC) }, N_("delete"), N_("delete the selected one (people, organisations, factors: asks first; notes go to the trash)") },
	{ ACT_MOVE,        VIEW_CODEBOOK, { 'm' },            N_("move"),      N_("move the selected factor under another one") },
	{ ACT_MERGE,       VIEW_CODEBOOK, { 'M' },            N_("merge"),     N_("merge the selected factor into another (its tags move there)") },
	{ ACT_COACH,       VIEW_PERSON,   { 'c' },            N_("coach"),     N_("link a school this techniekcoach coaches (or unlink it)") },
	{ ACT_FILTER_ROLE, VIEW_PEOPLE,   { CTRL('r') },      N_("role"),      N_("show only people with one role") },
	{ ACT_FILTER_FOCUS, VIEW_PEOPLE,  { CTRL('t') },      N_("focus"),     N_("show only people with one focus tag") },
	{ ACT_FILTER_ORG,  VIEW_PEOPLE,   { CTRL('g') },      N_("organisation"), N_("show only the people of one organisation") },
	{ ACT_BACK,        SUB,           { 27, KC(KEY_BACKSPACE), KC(KEY_LEFT) }, N_("back"), N_("go back (where typing filters: clear the text first)") },
	{ ACT_SHOW_ALL,    VIEW_SESSIONS, { 27 },             NULL,            N_("show every kind of session again") },
	{ ACT_REVIEW,      TOP & ~VIEW_REVIEW, { 'R', KC(KEY_F(9)) }, N_("review"), N_("review the notes of all sessions") },
	{ ACT_EXPORT,      VIEW_SESSIONS | VIEW_DETAIL | VIEW_FACTORS | VIEW_REVIEW | VIEW_CODEBOOK | VIEW_NOTES, { 'x', KC(KEY_F(8)) }, N_("export"), N_("export (factor list, evidence, notes, attendance, people, draaiboek, codebook)") },
	{ ACT_FACTORS,     TOP & ~VIEW_FACTORS, { 'F', KC(KEY_F(11)) }, N_("factors"), N_("the factor overview: which factors come back, where, and as what") },
	{ ACT_CODEBOOK,    TOP & ~VIEW_CODEBOOK, { 'K', KC(KEY_F(12)) }, N_("codebook"), N_("the codebook of factors: add, rename, move, merge, delete") },
	{ ACT_PEOPLE,      VIEW_SESSIONS | VIEW_DETAIL | VIEW_ORGS | VIEW_ORG, { 'P', KC(KEY_F(2)) }, N_("people"), N_("the people of the network") },
	{ ACT_ORGS,        VIEW_SESSIONS | VIEW_DETAIL | VIEW_PEOPLE | VIEW_PERSON, { 'O', KC(KEY_F(3)) }, N_("schools"), N_("schools and partner organisations") },
	{ ACT_SEARCH_NEXT, VIEW_SESSIONS, { 'n' },            NULL,            N_("find the next match") },
	{ ACT_SEARCH_PREV, VIEW_SESSIONS, { 'N' },            NULL,            N_("find the previous match") },
	{ ACT_HELP,        VIEW_ALL & ~(VIEW_HELP | VIEW_PICKER), { '?', KC(KEY_F(1)) }, N_("help"), N_("show this help") },
	{ ACT_REDRAW,      VIEW_ALL,      { CTRL('l') },      NULL,            N_("redraw the screen") },
	{ ACT_QUIT,        VIEW_ALL,      { 'q', KC(KEY_F(10)) }, N_("quit"),  N_("quit (from a sub-screen: go back)") },
};

bool action_key_is_text(int key)
{
	return key == KC(KEY_BACKSPACE) || (!(key & KEY_FLAG) && key >= 32 && key != 127);
}

const struct action_info *action_table(int *count)
{
	*count = (int)(sizeof table / sizeof table[0]);
	return table;
}

const struct action_info *action_info(enum action a)
{
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].action == a)
			return &table[i];
	return NULL;
}

enum action action_for_key(unsigned view, int key)
{
	size_t i, k;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (!(table[i].views & view))
			continue;
		for (k = 0; k < 4 && table[i].keys[k]; k++)
			if (table[i].keys[k] == key)
				return table[i].action;
	}
	return ACT_NONE;
}

void action_key_name(int key, char *buf, int size)
{
	static const struct { int key; const char *name; } named[] = {
		{ KC(KEY_UP), "\xe2\x86\x91" }, { KC(KEY_DOWN), "\xe2\x86\x93" },
		{ KC(KEY_LEFT), "\xe2\x86\x90" }, { KC(KEY_RIGHT), "\xe2\x86\x92" },
		{ KC(KEY_PPAGE), N_("PgUp") }, { KC(KEY_NPAGE), N_("PgDn") },
		{ KC(KEY_HOME), N_("Home") }, { KC(KEY_END), N_("End") },
		{ KC(KEY_ENTER), N_("Enter") }, { '\n', N_("Enter") }, { '\r', N_("Enter") },
		{ KC(KEY_BACKSPACE), N_("Backspace") }, { 27, N_("Esc") },
		{ ' ', N_("Space") }, { KC(KEY_DC), N_("Delete") },
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
	else if (!(key & KEY_FLAG))
		buf[text_encode((uint32_t)key, buf)] = '\0';
	else
		snprintf(buf, (size_t)size, "%s", keyname(key & ~KEY_FLAG));
}
