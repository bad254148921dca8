/* e2e_notes_walk.c: what a facilitator's walk through the programme and
 * the note taking found: the selected note readable in colour. */
#include "config.h"

#include "core/db.h"
#include "e2e.h"

#define SELECTED_BG 6   /* the selection's background (cyan) */

/* For vt_wait_until: the row showing text (a note's) is selected, and
 * every cell before the text, the day and the time with it, is in the
 * selection's colours and readable (not in the same colour as its
 * background). */
static bool selected_row_readable(vt *t, void *text)
{
	int row = vt_find_row(t, text), col = row < 0 ? -1 : vt_find_col(t, row, text), c;

	if (col < 0 || vt_cell_bg(t, row, col) != SELECTED_BG)
		return false;
	for (c = 1; c < col; c++)
		if (vt_cell_bg(t, row, c) != SELECTED_BG || vt_cell_fg(t, row, c) == SELECTED_BG)
			return false;
	return true;
}

/* In colour, the note selected in the list of a session's notes shows its
 * day, time and tags: they were black on black (two colour pairs ORed). */
static void test_selected_note_readable(void)
{
	vt *t;

	e2e_new_home("notes-walk-colour");
	is_int(e2e_run("add-note 7 'Eerste notitie'"), 0, "a note (CLI)");
	is_int(e2e_run("add-note 7 'Tweede notitie'"), 0, "another (CLI)");
	is_int(e2e_run("tag 2 LD2+"), 0, "tagged (CLI)");
	t = e2e_open_notes(&(struct e2e_opts){ .colour = true });
	e2e_shows(t, "Tweede notitie", "the notes are listed");
	vt_key(t, VT_TAB);
	if (!ok(vt_wait_until(t, selected_row_readable, "Tweede notitie", WAIT),
		"Tab: the selected note's day, time and tags are readable in the selection's colours"))
		vt_dump(t);
	vt_key(t, VT_UP);
	if (!ok(vt_wait_until(t, selected_row_readable, "Eerste notitie", WAIT),
		"  also on the row above"))
		vt_dump(t);
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the browser");
	e2e_quit(t);
}

int main(void)
{
	test_selected_note_readable();
	return tap_done();
}
