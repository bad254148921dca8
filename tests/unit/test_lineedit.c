/* test_lineedit.c: the one-line field every prompt, form and filter uses
 * (src/tui/lineedit.c), without a terminal: typing and editing, Ctrl-U,
 * the Esc rule (clear first, then close) and Tab completion (the start
 * the suggestions share, then each in turn). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/actions.h"
#include "tui/lineedit.h"
#include "tui/listview.h"
#include "../tap.h"

static const char *const labels[] = {
	"tafel 1", "tafel 2", "plenum", "café noir", "cafè crème", NULL,
};

/* The labels that start with text (ignoring case and accents). */
static int suggest_labels(void *ctx, const char *text, char **out, int max)
{
	int i, n = 0;

	(void)ctx;
	for (i = 0; labels[i] && n < max; i++)
		if (text_starts_with_folded(labels[i], text))
			out[n++] = strdup(labels[i]);
	return n;
}

static void type(struct lineedit *e, const char *ascii)
{
	for (; *ascii; ascii++)
		le_key(e, (unsigned char)*ascii, LE_ALL_KEYS);
}

static void test_editing(void)
{
	struct lineedit e;

	le_init(&e);
	type(&e, "tafel drie");
	is_str(e.utf8, "tafel drie", "characters are typed");
	is_int(le_key(&e, KC(KEY_BACKSPACE), LE_ALL_KEYS), LE_CHANGED, "Backspace changes the text");
	is_str(e.utf8, "tafel dri", "  deleting the last character");
	is_int(le_key(&e, CTRL('w'), LE_ALL_KEYS), LE_CHANGED, "Ctrl-W");
	is_str(e.utf8, "tafel ", "  deletes the word before the cursor");
	is_int(le_key(&e, KC(KEY_LEFT), LE_TEXT_KEYS), LE_NOT_MINE,
	       "Left is the screen's where the arrows move a list");
	is_int(le_key(&e, KC(KEY_LEFT), LE_ALL_KEYS), LE_TAKEN, "else it moves the cursor");
	is_int(e.cur, 5, "  one character left");
	is_int(le_key(&e, CTRL('a'), LE_TEXT_KEYS), LE_NOT_MINE,
	       "Ctrl-A is the screen's there too (absent, in attendance)");
	le_set(&e, "e\xcc\x81\xe4\xb8\x96");   /* e + combining acute, a wide character */
	le_key(&e, KC(KEY_BACKSPACE), LE_ALL_KEYS);
	le_key(&e, KC(KEY_BACKSPACE), LE_ALL_KEYS);
	is_str(e.utf8, "", "Backspace takes a character with its combining mark");
	is_int(le_key(&e, KC(KEY_F(5)), LE_ALL_KEYS), LE_NOT_MINE, "a function key is not the field's");
	is_int(le_key(&e, '\n', LE_ALL_KEYS), LE_NOT_MINE, "nor is Enter");
}

static void test_clear_and_esc(void)
{
	struct lineedit e;

	le_init(&e);
	type(&e, "xy");
	is_int(le_key(&e, CTRL('u'), LE_TEXT_KEYS), LE_CHANGED, "Ctrl-U, also among the text keys");
	is_str(e.utf8, "", "  clears the field");
	is_int(le_key(&e, CTRL('u'), LE_TEXT_KEYS), LE_TAKEN,
	       "Ctrl-U on an empty field is still the field's: it never falls through");
	ok(le_type(&e, CTRL('u')), "le_type takes it too");
	type(&e, "xy");
	is_int(le_key(&e, 27, LE_ALL_KEYS), LE_CHANGED, "Esc with text typed");
	is_str(e.utf8, "", "  clears it");
	is_int(e.cur, 0, "  cursor at the start");
	is_int(le_key(&e, 27, LE_ALL_KEYS), LE_CLOSE, "Esc on the empty field closes");
	type(&e, "z");
	is_int(le_key(&e, 27, LE_TEXT_KEYS), LE_NOT_MINE,
	       "a filter leaves Esc to its screen, whose Back clears the text first");
	ok(!le_type(&e, 27), "  le_type too");
}

static void test_complete(void)
{
	struct lineedit e;
	char hint[64];

	le_init(&e);
	type(&e, "ta");
	is_int(le_key(&e, '\t', LE_ALL_KEYS), LE_NOT_MINE, "without suggestions Tab is not the field's");
	le_set_suggest(&e, suggest_labels, NULL);
	le_hint(&e, hint, sizeof hint);
	is_str(hint, "tafel 1, tafel 2", "the hint lists what Tab offers");
	is_int(le_key(&e, '\t', LE_ALL_KEYS), LE_CHANGED, "Tab");
	is_str(e.utf8, "tafel ", "  completes the start the suggestions share");
	le_key(&e, '\t', LE_ALL_KEYS);
	is_str(e.utf8, "tafel 1", "Tab again: the first suggestion");
	le_key(&e, '\t', LE_ALL_KEYS);
	is_str(e.utf8, "tafel 2", "  then the next");
	le_hint(&e, hint, sizeof hint);
	is_str(hint, "tafel 1, tafel 2", "  the hint still lists them all");
	le_key(&e, '\t', LE_ALL_KEYS);
	is_str(e.utf8, "tafel 1", "  and round again");
	type(&e, "0");
	is_str(e.utf8, "tafel 10", "typing ends the round");
	is_int(le_key(&e, '\t', LE_ALL_KEYS), LE_NOT_MINE, "nothing fits: Tab is not the field's (a form moves on)");
	le_set(&e, "PL");
	is_int(le_key(&e, '\t', LE_ALL_KEYS), LE_CHANGED, "one suggestion");
	is_str(e.utf8, "plenum", "  is taken whole, in its own case");
	is_int(le_key(&e, '\t', LE_ALL_KEYS), LE_NOT_MINE, "Tab again: nothing more to complete");
	le_hint(&e, hint, sizeof hint);
	is_str(hint, "", "  and no hint");
	le_set(&e, "c");
	le_key(&e, '\t', LE_ALL_KEYS);
	is_str(e.utf8, "caf", "the start shared stops before a character that differs (é, è)");
	le_set(&e, "ta");
	le_hint(&e, hint, 16);
	is_str(hint, "tafel 1, \xe2\x80\xa6", "a hint too long for its room is cut with \xe2\x80\xa6");
	le_key(&e, '\t', LE_ALL_KEYS);
	le_key(&e, '\t', LE_ALL_KEYS);
	le_key(&e, 27, LE_ALL_KEYS);
	is_str(e.utf8, "", "Esc clears a completed field like any other");
}

/* Every key the action table gives a one-line field does what it says on
 * a field with text, and the ones that move the cursor are left to the
 * list where the field is a type-to-find filter. */
static void test_bindings(void)
{
	const struct action_info *t;
	struct lineedit e;
	int n, i, k, keys = 0;

	t = action_table(&n);
	le_init(&e);
	le_set_suggest(&e, suggest_labels, NULL);
	for (i = 0; i < n; i++) {
		if (!(t[i].views & FIELD_LINE))
			continue;
		for (k = 0; k < 4 && t[i].keys[k]; k++, keys++) {
			le_set(&e, "ta");
			e.cur = 1;
			if (t[i].action == ACT_ED_LEFT || t[i].action == ACT_ED_LINE_START ||
			    t[i].action == ACT_ED_WORD_LEFT || t[i].action == ACT_ED_CLEAR)
				e.cur = 2;
			if (t[i].action == ACT_ED_RIGHT || t[i].action == ACT_ED_LINE_END ||
			    t[i].action == ACT_ED_WORD_RIGHT)
				e.cur = 0;
			if (!ok(le_key(&e, t[i].keys[k], LE_ALL_KEYS) != LE_NOT_MINE, "key %#x: %s",
				t[i].keys[k], t[i].help))
				continue;
			if (!(t[i].views & FIELD_FILTER)) {
				le_set(&e, "ta");
				ok(le_key(&e, t[i].keys[k], LE_TEXT_KEYS) == LE_NOT_MINE,
				   "  not a filter's key: left to the list");
			}
		}
	}
	ok(keys >= 10, "the table names the field's keys (%d)", keys);
}

static int filtered_things(void *ctx)
{
	(void)ctx;
	return 40;
}

/* A list narrowed by a name typed above it (attendance, people,
 * organisations): what the name takes starts the list again from its
 * first row; Esc empties the name first, and only an empty one lets Esc
 * go back. */
static void test_list_filter(void)
{
	struct listview lv;
	struct lineedit name;

	le_clear(&name);
	lv_init_indexed(&lv, filtered_things, NULL);
	lv_set_height(&lv, 10);
	lv_home(&lv);
	lv_move(&lv, ACT_PAGE_DOWN);
	ok(!lv_filter_type(&lv, &name, KC(KEY_DOWN)), "Down is not the name's: left to the list");
	is_int(lv_selected_index(&lv), 10, "  the selection stays");
	ok(lv_filter_type(&lv, &name, 't'), "a letter goes to the name");
	is_str(name.utf8, "t", "  the name has it");
	is_int(lv_selected_index(&lv), 0, "  the list starts again from its first row");
	lv_move(&lv, ACT_DOWN);
	ok(lv_filter_clear(&lv, &name), "Esc with a name empties it");
	is_str(name.utf8, "", "  the name is empty");
	is_int(lv_selected_index(&lv), 0, "  the list starts again from its first row");
	ok(!lv_filter_clear(&lv, &name), "Esc with an empty name is not the list's: go back");
	lv_free(&lv);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_editing();
	test_clear_and_esc();
	test_complete();
	test_bindings();
	test_list_filter();
	return tap_done();
}
