/* test_actions.c: the one key table against the screens that use it.
 *
 * Help and the status line are generated from actions_table.h, so they
 * can only lie when a screen binds a key twice, or when the table names a
 * key for a screen whose act() does not carry it out.  Both are checked
 * here for every screen and mode in view_registry, and the text fields'
 * keys against the widgets themselves.  Then the one movement function
 * (lv_move) on in-memory lists: empty, one row, and longer than a screen. */
#include "config.h"

#include "../tap.h"
#include "tui/actions.h"
#include "tui/editor.h"
#include "tui/lineedit.h"
#include "tui/listview.h"
#include "tui/view.h"

/* What the app itself does on every screen (tui.c app_act), and Back,
 * which it does when the screen has nothing to clear first. */
static bool app_handles(enum action a)
{
	static const enum action app[] = {
		ACT_HELP, ACT_QUIT, ACT_REDRAW, ACT_PEOPLE, ACT_ORGS, ACT_REVIEW, ACT_FACTORS,
		ACT_CODEBOOK, ACT_BACK,
	};
	size_t i;

	for (i = 0; i < sizeof app / sizeof app[0]; i++)
		if (app[i] == a)
			return true;
	return false;
}

static const char *action_name(enum action a)
{
	static const char *const names[] = {
		"NONE",
#define ACTION(name, where, keys, label, help) #name,
#define ALSO(name, where, keys, label, help)
#include "tui/actions_table.h"
#undef ACTION
#undef ALSO
	};

	return a < ACT_COUNT ? names[a] : "?";
}

/* No key works for two actions where kind is shown. */
static void check_no_key_twice(unsigned kind, const char *screen)
{
	const struct action_info *t;
	int n, i, j, k, l, twice = 0;

	t = action_table(&n);
	for (i = 0; i < n; i++) {
		if (!(t[i].views & kind))
			continue;
		for (k = 0; k < 4 && t[i].keys[k]; k++) {
			if (!action_key_works(&t[i], kind, t[i].keys[k]))
				continue;
			for (j = i + 1; j < n; j++) {
				if (!(t[j].views & kind))
					continue;
				for (l = 0; l < 4 && t[j].keys[l]; l++) {
					char name[32];
					if (t[j].keys[l] != t[i].keys[k] ||
					    !action_key_works(&t[j], kind, t[j].keys[l]))
						continue;
					action_key_name(t[i].keys[k], name, sizeof name);
					diag("%s: %s is both %s and %s", screen, name,
					     action_name(t[i].action), action_name(t[j].action));
					twice++;
				}
			}
		}
	}
	ok(twice == 0, "%s (kind %#x): no key is bound twice", screen, kind);
}

/* Every screen row of the table for kind is carried out by the screen or
 * the app, and has a key that works there (or help lists it keyless). */
static void check_table_handled(const struct view_ops *ops, unsigned kind, const char *screen)
{
	const struct action_info *t;
	int n, i, missing = 0;

	t = action_table(&n);
	for (i = 0; i < n; i++) {
		if (!(t[i].views & kind & VIEW_SCREENS) || !action_first_key(&t[i], kind))
			continue;
		if (!app_handles(t[i].action) && !view_handles(ops, t[i].action)) {
			diag("%s: help names %s, which the screen does not handle",
			     screen, action_name(t[i].action));
			missing++;
		}
	}
	ok(missing == 0, "%s: every key its help names is handled", screen);
}

/* Every action the screen handles has a key there: none is dead. */
static void check_handles_reachable(const struct view_ops *ops, const char *screen)
{
	const enum action *h;
	int dead = 0, k;

	for (h = ops->handles; h && *h != ACT_NONE; h++) {
		bool reachable = false;
		for (k = 0; k < 3 && ops->kinds[k]; k++) {
			const struct action_info *t = action_row(*h, ops->kinds[k]);
			reachable |= t && action_first_key(t, ops->kinds[k]);
		}
		if (!reachable) {
			diag("%s handles %s, but no key there reaches it", screen, action_name(*h));
			dead++;
		}
	}
	ok(dead == 0, "%s: every action it handles has a key", screen);
}

/* Help, back (but on the first screen) and quit work everywhere. */
static void check_always(unsigned kind, const char *screen, bool first)
{
	const struct action_info *help = action_row(ACT_HELP, kind);
	const struct action_info *back = action_row(ACT_BACK, kind);

	ok(help && action_first_key(help, kind), "%s: help has a key", screen);
	/* In a form Esc is the field's: it clears the text, then closes. */
	ok(first || (back && action_first_key(back, kind) == 27) ||
	   action_for_key(kind, 27) == ACT_ED_ESCAPE, "%s: Esc goes back", screen);
	ok(action_for_key(kind, KC(KEY_F(10))) == ACT_QUIT, "%s: F10 quits", screen);
	ok(action_for_key(kind, KC(KEY_F(1))) == ACT_HELP, "%s: F1 shows help", screen);
}

static void test_screens(void)
{
	int i, k;

	for (i = 0; view_registry[i]; i++) {
		const struct view_ops *ops = view_registry[i];
		char screen[64];

		for (k = 0; k < 3 && ops->kinds[k]; k++) {
			snprintf(screen, sizeof screen, "%s (mode %d)", ops->name, k);
			check_no_key_twice(ops->kinds[k], screen);
			check_table_handled(ops, ops->kinds[k], screen);
			if (ops != &help_ops)
				check_always(ops->kinds[k], screen, ops == &session_list_ops);
		}
		snprintf(screen, sizeof screen, "%s", ops->name);
		check_handles_reachable(ops, screen);
	}
	ok(i >= 17, "the registry has every screen and box (%d)", i);
}

/* Two suggestions, so that Tab has something to complete. */
static int suggest_two(void *ctx, const char *text, char **out, int max)
{
	(void)ctx;
	(void)text;
	if (max < 2)
		return 0;
	out[0] = strdup("tafel 1");
	out[1] = strdup("tafel 2");
	return 2;
}

/* Each key a field's help row names does something in that field. */
static void test_fields(void)
{
	const struct action_info *t;
	int n, i, k, dead = 0;

	t = action_table(&n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < 4 && t[i].keys[k]; k++) {
			struct editor ed;
			struct lineedit le;
			char name[32];

			action_key_name(t[i].keys[k], name, sizeof name);
			if (t[i].views & FIELD_EDITOR) {
				ed_init(&ed);
				ed_set(&ed, "een twee\ndrie");
				if (!ed_key(&ed, t[i].keys[k])) {
					diag("the editor does not take %s (%s)", name, action_name(t[i].action));
					dead++;
				}
				ed_free(&ed);
			}
			le_init(&le);
			le_set_suggest(&le, suggest_two, NULL);
			le_set(&le, "een twee");
			if ((t[i].views & FIELD_LINE) &&
			    le_key(&le, t[i].keys[k], LE_ALL_KEYS) == LE_NOT_MINE) {
				diag("a field does not take %s (%s)", name, action_name(t[i].action));
				dead++;
			}
			le_set(&le, "een twee");
			if ((t[i].views & FIELD_FILTER) && !le_type(&le, t[i].keys[k])) {
				diag("a filter does not take %s (%s)", name, action_name(t[i].action));
				dead++;
			}
		}
	}
	ok(dead == 0, "every key a field's help names works in that field");
}

static void test_field_keys(void)
{
	struct lineedit le;
	struct editor ed;

	le_init(&le);
	le_set(&le, "Zoë Van den Broeck");
	ok(le_type(&le, CTRL('u')) && le.len == 0, "Ctrl-U clears a filter field");
	le_set(&le, "Zoë Van den Broeck");
	ok(le_key(&le, CTRL('u'), LE_ALL_KEYS) == LE_CHANGED && le.len == 0,
	   "Ctrl-U clears a one-line field");
	le_set(&le, "Zoë Van");
	le_type(&le, CTRL('w'));
	is_str(le.utf8, "Zoë ", "Ctrl-W deletes the word before the cursor");
	ok(!le_type(&le, KC(KEY_LEFT)), "a filter field leaves Left to the list");
	ed_init(&ed);
	ed_set(&ed, "een");
	ok(ed_key(&ed, CTRL('u')) && ed_blank(&ed), "Ctrl-U empties a one-line note");
	ok(!ed_key(&ed, KC(KEY_F(4))), "the editor leaves F4 to the screen");
	ok(!ed_key(&ed, '\r'), "the editor leaves Enter (save) to the screen");
	ok(!ed_key(&ed, '\t'), "and Tab (the list)");
	ed_free(&ed);
}

/* The notes screen: F4 is About while typing, Edit in the list. */
static void test_notes_modes(void)
{
	unsigned typing = notes_ops.kinds[0], list = notes_ops.kinds[1];

	is_int(action_for_key(typing, KC(KEY_F(4))), ACT_NOTE_ABOUT, "F4 while typing: about");
	is_int(action_for_key(list, KC(KEY_F(4))), ACT_EDIT, "F4 in the list: edit");
	is_int(action_for_key(typing, CTRL('e')), ACT_ED_LINE_END, "Ctrl-E while typing: end of line");
	is_int(action_for_key(typing, 'q'), ACT_NONE, "q while typing is text");
	is_int(action_for_key(list, 'q'), ACT_BACK, "q in the list goes back");
	is_int(action_for_key(list, 'k'), ACT_UP, "k in the list moves up");
	is_int(action_for_key(typing, '\t'), ACT_FOCUS, "Tab goes to the list");
	is_int(action_for_key(list, '\t'), ACT_FOCUS, "and back");
	is_int(action_for_key(attendance_ops.kinds[0], CTRL('u')), ACT_ED_CLEAR,
	       "Ctrl-U at the door clears the name");
	is_int(action_for_key(session_list_ops.kinds[0], 'q'), ACT_QUIT, "q on the first screen quits");
	is_int(action_for_key(review_ops.kinds[0], 'q'), ACT_BACK, "q elsewhere goes back");
}

static int things = 0;

static int count_things(void *ctx)
{
	(void)ctx;
	return things;
}

static int sel(struct listview *lv)
{
	return lv_selected_index(lv);
}

/* Every movement on a list of n things, 10 on screen. */
static void test_moves(int n)
{
	struct listview lv;
	int last = n - 1;

	things = n;
	lv_init_indexed(&lv, count_things, NULL);
	lv_set_height(&lv, 10);
	lv_home(&lv);
	is_int(sel(&lv), n ? 0 : -1, "first row selected");
	ok(lv_move(&lv, ACT_UP), "Up is a move");
	is_int(sel(&lv), n ? 0 : -1, "Up at the top stays");
	lv_move(&lv, ACT_DOWN);
	is_int(sel(&lv), n > 1 ? 1 : last, "Down moves one row");
	lv_move(&lv, ACT_PAGE_DOWN);
	is_int(sel(&lv), n > 11 ? 11 : last, "PgDn moves a screen");
	lv_move(&lv, ACT_LAST);
	is_int(sel(&lv), last, "End goes to the last row");
	lv_move(&lv, ACT_DOWN);
	is_int(sel(&lv), last, "Down at the end stays");
	lv_move(&lv, ACT_PAGE_UP);
	is_int(sel(&lv), n > 10 ? last - 10 : (n ? 0 : -1), "PgUp moves a screen back");
	lv_move(&lv, ACT_UP);
	is_int(sel(&lv), n > 11 ? last - 11 : (n ? 0 : -1), "Up moves one row back");
	lv_move(&lv, ACT_FIRST);
	is_int(sel(&lv), n ? 0 : -1, "Home goes to the first row");
	lv_move(&lv, ACT_PAGE_UP);
	is_int(sel(&lv), n ? 0 : -1, "PgUp at the top stays");
	ok(!lv_move(&lv, ACT_OPEN), "Enter is not a move");
	lv_free(&lv);
}

static void test_page_move(void)
{
	int first = 0;

	page_move(&first, 50, 20, ACT_PAGE_DOWN);
	is_int(first, 19, "a page: PgDn keeps one line");
	page_move(&first, 50, 20, ACT_LAST);
	is_int(first, 30, "End shows the last line at the bottom");
	page_move(&first, 50, 20, ACT_DOWN);
	is_int(first, 30, "and no further");
	page_move(&first, 50, 20, ACT_FIRST);
	is_int(first, 0, "Home: the top");
	page_move(&first, 5, 20, ACT_PAGE_DOWN);
	is_int(first, 0, "a short page does not move");
}

int main(void)
{
	test_screens();
	test_fields();
	test_field_keys();
	test_notes_modes();
	diag("an empty list");
	test_moves(0);
	diag("one row");
	test_moves(1);
	diag("longer than a screen");
	test_moves(100);
	test_page_move();
	return tap_done();
}
