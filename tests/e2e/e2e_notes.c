/* e2e_notes.c: co-creation notes in the real stemtui: typing notes with
 * Dutch and wide characters, a multi-line note, the external editor,
 * delete and restore, searching with highlighting, filtering to focus
 * groups, and a draft recovered after SIGKILL. */
#include "config.h"

#include <signal.h>
#include <sys/stat.h>

#include "core/db.h"
#include "core/drafts.h"
#include "core/notes.h"
#include "core/tags.h"
#include "e2e.h"

static sqlite3 *open_db(void)
{
	return e2e_open_db();
}

/* The body of the newest live note, or "" (a static copy). */
static const char *newest_note(void)
{
	static char body[4096];
	char *whole = e2e_newest_note();

	snprintf(body, sizeof body, "%s", whole ? whole : "");
	free(whole);
	return body;
}

static bool has_draft(void)
{
	st_draft d = { 0 };
	sqlite3 *db = open_db();
	st_err err;
	bool found = db && draft_newest(db, &d, &err) == 1 && d.body && strstr(d.body, "half");

	draft_clear_fields(&d);
	db_close(db);
	return found;
}

static vt *open_notes(const struct e2e_opts *o)
{
	return e2e_open_notes(o);
}

static void test_typing_notes(void)
{
	vt *t;

	e2e_new_home("notes-type");
	t = open_notes(&(struct e2e_opts){ 0 });
	e2e_shows(t, "No notes yet", "no notes yet");
	vt_type(t, "Draagvlak groeit als het team zelf kiest");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "Enter saves the note at once");
	is_str(newest_note(), "Draagvlak groeit als het team zelf kiest", "it is in the database");
	vt_type(t, "Zoë: ‘créativiteit’ en ideeën komen van de leerlingen");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 2 saved", "a note with Dutch accents is saved");
	e2e_shows(t, "créativiteit", "and shows in the list");
	vt_type(t, "Wide: 世界 and more");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 3 saved", "the note with wide characters is saved");
	e2e_shows(t, "Wide: 世界 and more", "wide characters show");
	is_str(newest_note(), "Wide: 世界 and more", "and are stored as typed");
	/* A multi-line note: Ctrl-J starts a new line. */
	vt_type(t, "Eerste regel");
	vt_type(t, "\n");
	vt_type(t, "tweede regel");
	e2e_shows(t, "tweede regel", "the editor shows the second line");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 4 saved", "the multi-line note is saved");
	is_str(newest_note(), "Eerste regel\ntweede regel", "with its line break");
	/* Kind and group. */
	vt_key(t, VT_F1);
	e2e_shows(t, "Keys on this screen", "F1 shows the help of the notes screen");
	vt_key(t, VT_ESC);
	vt_type(t, "\x14");   /* Ctrl-T: next kind */
	e2e_shows(t, "Kind: Quote", "Ctrl-T changes the kind");
	vt_type(t, "\x07");   /* Ctrl-G: group */
	e2e_shows(t, "Group or table", "Ctrl-G asks for the group");
	vt_type(t, "tafel 3");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Group: tafel 3", "the group is set");
	vt_type(t, "Wij hebben geen tijd in het lesrooster");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "tafel 3", "the note shows its group in the list");
	e2e_shows(t, "Quote", "and its kind");
	/* A paste: its line break stays text and its tab and letters are
	 * never commands (Tab would move to the list, d would delete). */
	vt_type(t, "\033[200~Plakken\tdoet\rgeen d of q\033[201~");
	e2e_shows(t, "geen d of q", "pasted text lands in the editor whole");
	e2e_shows(t, "Plakken doet", "a pasted tab is a space, not a command");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 6 saved", "and it is saved as one note");
	is_str(newest_note(), "Plakken doet\ngeen d of q", "with its pasted line break");
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "Esc goes back");
	e2e_quit(t);
}

static void test_external_editor(void)
{
	char editor[4300], env[4400];
	FILE *f;
	vt *t;

	e2e_new_home("notes-editor");
	snprintf(editor, sizeof editor, "%s/test-editor", e2e_home);
	f = fopen(editor, "w");
	fputs("#!/bin/sh\n# appends a line, as a person would in their editor\n"
	      "printf 'uit de editor\\n' >> \"$1\"\n", f);
	fclose(f);
	chmod(editor, 0700);
	snprintf(env, sizeof env, "%s", editor);
	setenv("VISUAL", env, 1);
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "begin");
	e2e_shows(t, "begin", "the text is typed");
	vt_type(t, "\x18");   /* Ctrl-X: the external editor */
	e2e_shows(t, "Back from the editor", "Ctrl-X runs $VISUAL and comes back");
	e2e_shows(t, "uit de editor", "with the text the editor wrote");
	ok(vt_altscreen(t), "the screen is restored after the editor");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "Enter saves it");
	is_str(newest_note(), "begin\nuit de editor", "the edited text is stored");
	vt_key(t, VT_ESC);
	e2e_quit(t);
	unsetenv("VISUAL");
}

/* The word shows underlined (a match in a list), and the cell two before
 * it does not. */
static bool word_underlined(vt *t, void *word)
{
	int row = vt_find_row(t, word), col = row >= 0 ? vt_find_col(t, row, word) : -1;

	return row >= 0 && vt_cell_underline(t, row, col) && !vt_cell_underline(t, row, col - 2);
}

/* The word shows in reverse video (a match in the full note). */
static bool word_reversed(vt *t, void *word)
{
	int row = vt_find_row(t, word), col = row >= 0 ? vt_find_col(t, row, word) : -1;

	return row >= 0 && vt_cell_reverse(t, row, col) && !vt_cell_reverse(t, row, col - 2);
}

static void test_delete_restore_search(void)
{
	vt *t;

	e2e_new_home("notes-review");
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "Over créativiteit in de klas");
	vt_key(t, VT_ENTER);
	vt_type(t, "Nog een notitie");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 2 saved", "two notes saved");
	vt_key(t, VT_TAB);
	vt_key(t, VT_UP);
	vt_type(t, "d");
	e2e_shows(t, "moved to the trash", "d moves the selected note to the trash");
	e2e_hides(t, "Over créativiteit", "it leaves the list");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "back to the programme");
	vt_type(t, "R");
	e2e_shows(t, "Nog een notitie", "R reviews all notes");
	vt_type(t, "t");
	e2e_shows(t, "Trash", "t shows the trash");
	e2e_shows(t, "Over créativiteit", "with the deleted note");
	vt_type(t, "r");
	e2e_shows(t, "restored", "r restores it");
	vt_type(t, "t");
	e2e_shows(t, "Over créativiteit", "it is back among the notes");
	vt_type(t, "/");
	vt_type(t, "creativiteit");
	vt_key(t, VT_ENTER);
	e2e_hides(t, "Nog een notitie", "the search leaves out what does not match");
	e2e_shows(t, "Search: creativiteit", "the search is shown");
	ok(vt_wait_until(t, word_underlined, "créativiteit", WAIT),
	   "\"creativiteit\" finds \"créativiteit\" and highlights just the word");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1", "Enter reads the note whole");
	ok(vt_wait_until(t, word_reversed, "créativiteit", WAIT),
	   "the match is highlighted in the full note");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_hides(t, "Search: creativiteit", "Esc clears the search");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

static void test_focus_group_filter(void)
{
	vt *t;

	e2e_new_home("notes-filter");
	is_int(e2e_run("add-note 'COP 10' --group 'VBS De Regenboog' 'Focusgroep: de leerlijn ontbreekt'"), 0,
	       "a note at a focus group (CLI)");
	is_int(e2e_run("add-note 7 'Groeisessie: samen met ouders'"), 0, "a note at a groeisessie (CLI)");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "R");
	e2e_shows(t, "samen met ouders", "both notes are listed");
	e2e_shows(t, "de leerlijn ontb", "both notes are listed");
	vt_type(t, "f");
	e2e_shows(t, "Filter notes", "f opens the filter");
	vt_key(t, VT_DOWN);
	vt_key(t, VT_DOWN);
	vt_key(t, VT_RIGHT);
	vt_key(t, VT_RIGHT);
	vt_key(t, VT_RIGHT);
	e2e_shows(t, "Focus group", "the session kind is chosen with the arrows");
	vt_type(t, "\x13");   /* Ctrl-S */
	e2e_hides(t, "samen met ouders", "filtering to focus groups hides the groeisessie");
	e2e_shows(t, "de leerlijn ontb", "and keeps the focus group");
	e2e_shows(t, "Session kind: Focus group", "the filter is shown");
	vt_key(t, VT_ESC);
	e2e_shows(t, "samen met ouders", "Esc clears the filter");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

static bool draft_saved(vt *t, void *arg)
{
	(void)t;
	(void)arg;
	return has_draft();
}

static void test_draft_after_kill(void)
{
	vt *t;

	e2e_new_home("notes-draft");
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "Dit is een half getypte notitie over techniek");
	ok(vt_wait_until(t, draft_saved, NULL, 8000), "the unsaved text is kept as a draft within seconds");
	vt_kill(t, SIGKILL);
	is_int(vt_wait_exit(t, WAIT), 128 + SIGKILL, "stemtui is killed with SIGKILL");
	vt_free(t);
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "not saved", "the next start offers the draft back");
	e2e_shows(t, "half getypte", "showing its start");
	vt_type(t, "y");
	e2e_shows(t, "Notes  \xc2\xb7  COP 07", "going on with it opens the notes of its session");
	e2e_shows(t, "Dit is een half getypte notitie over techniek", "with the text in the editor");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "and it can be saved");
	is_str(newest_note(), "Dit is een half getypte notitie over techniek", "the recovered note is stored");
	ok(!has_draft(), "and the draft is gone");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* Keys that keep coming, never pausing long enough for the idle tick
 * (each word is typed as soon as the last one shows): the draft is still
 * kept every few seconds, so a kill loses at most that much. */
static void test_draft_while_typing(void)
{
	char word[32];
	bool kept = false;
	int i;
	vt *t;

	e2e_new_home("notes-draft-typing");
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "half ");
	for (i = 0; i < 2000 && !kept; i++) {
		snprintf(word, sizeof word, "w%d ", i);
		vt_type(t, word);
		word[strlen(word) - 1] = '\0';
		if (!vt_wait_text(t, word, WAIT))
			break;
		kept = has_draft();
	}
	if (!ok(kept, "a draft is kept while the typing goes on (after %d words)", i))
		vt_dump(t);
	vt_kill(t, SIGKILL);
	is_int(vt_wait_exit(t, WAIT), 128 + SIGKILL, "stemtui is killed with SIGKILL");
	vt_free(t);
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "not saved", "the next start offers the draft back");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc keeps it for later");
	e2e_quit(t);
}

/* A long paste (20 KB, with line breaks) arrives whole and is saved as
 * one note. */
static void test_long_paste(void)
{
	enum { SIZE = 20000 };
	char *text = malloc(SIZE + 64), *paste = malloc(SIZE + 80), *stored;
	size_t len = 0;
	int i;
	vt *t;

	for (i = 0; len < SIZE; i++)
		len += (size_t)sprintf(text + len, i % 50 == 49 ? "regel%d\n" : "woord%d ", i);
	len += (size_t)sprintf(text + len, "EINDE");
	sprintf(paste, "\033[200~%s\033[201~", text);
	e2e_new_home("notes-paste");
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, paste);
	e2e_shows(t, "EINDE", "the end of a 20 KB paste shows in the editor");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "Enter saves it");
	stored = e2e_newest_note();
	ok(stored && strcmp(stored, text) == 0, "the note is stored whole (%zu bytes)", len);
	free(stored);
	free(text);
	free(paste);
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

struct cell { int row, col; };

static bool cursor_at(vt *t, void *arg)
{
	const struct cell *want = arg;
	int row, col;

	vt_cursor(t, &row, &col);
	return vt_cursor_visible(t) && row == want->row && col == want->col;
}

/* The terminal cursor is where the typing goes, though the title and the
 * status line are drawn after the editor; in a prompt it follows the text. */
static void test_cursor_in_editor(void)
{
	vt *t;

	e2e_new_home("notes-cursor");
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "abc");
	e2e_shows(t, " abc", "the text is typed");
	/* The editor's first row is 18 (title, 14 note rows, the quick tags,
	 * the meta line, the rule); it starts at column 1. */
	if (!ok(vt_wait_until(t, cursor_at, &(struct cell){ 18, 4 }, WAIT),
		"the cursor is after the typed text in the editor"))
		vt_dump(t);
	vt_type(t, "\x07");   /* Ctrl-G: group */
	e2e_shows(t, "Group or table", "Ctrl-G asks for the group");
	vt_type(t, "tafel");
	e2e_shows(t, "table: tafel", "the group is typed");
	if (!ok(vt_wait_until(t, cursor_at, &(struct cell){ 23, vt_find_col(t, 23, "tafel") + 5 }, WAIT),
		"in the prompt the cursor follows the text"))
		vt_dump(t);
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Group: tafel", "the group is set");
	if (!ok(vt_wait_until(t, cursor_at, &(struct cell){ 18, 4 }, WAIT),
		"and the cursor is back in the editor"))
		vt_dump(t);
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* Writes the config of e2e_home with this facilitator. */
static void set_facilitator(const char *name)
{
	char path[4300];
	FILE *f;

	snprintf(path, sizeof path, "%s/config", e2e_home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/config/stemtui", e2e_home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/config/stemtui/config.ini", e2e_home);
	f = fopen(path, "w");
	fprintf(f, "[general]\nfacilitator = %s\n", name);
	fclose(f);
}

/* Two facilitators on one database: the second is never offered (nor
 * able to discard) the first one's draft; the first still is. */
static void test_draft_of_another(void)
{
	vt *t;

	e2e_new_home("notes-draft-other");
	set_facilitator("Lies Peeters");
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "Een half getypte notitie van Lies");
	ok(vt_wait_until(t, draft_saved, NULL, 8000), "Lies's text is kept as a draft");
	vt_kill(t, SIGKILL);
	vt_wait_exit(t, WAIT);
	vt_free(t);
	set_facilitator("Arne Smets");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "Arne's stemtui starts");
	vt_wait_idle(t, WAIT);
	ok(vt_find_row(t, "not saved") < 0, "and does not offer him Lies's draft");
	e2e_quit(t);
	ok(has_draft(), "which is still there");
	set_facilitator("Lies Peeters");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "not saved", "Lies is offered her draft");
	e2e_shows(t, "COP 07", "naming its session");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc keeps it for later");
	e2e_quit(t);
}

/* Another program holds the database's write lock while a note is saved:
 * the typist sees no error and a screen that still answers, the note is
 * kept (the editor is free for the next one), and it is saved as soon as
 * the lock goes (more in e2e_locks.c). */
static void test_busy_database(void)
{
	sqlite3 *other;
	vt *t;

	e2e_new_home("notes-busy");
	t = open_notes(&(struct e2e_opts){ 0 });
	other = open_db();
	ok(other && sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK,
	   "another connection takes the write lock");
	vt_type(t, "Genoteerd terwijl een ander schrijft");
	e2e_shows(t, "terwijl een ander schrijft", "the note is typed");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Waiting for the database", "Enter says it waits for the database");
	ok(vt_find_row(t, "locked") < 0, "and shows no error");
	vt_type(t, "\x14");   /* Ctrl-T: next kind */
	e2e_shows(t, "Kind: Quote", "the screen still answers meanwhile");
	e2e_hides(t, "Genoteerd terwijl", "the note is kept: the editor is free for the next one");
	sqlite3_exec(other, "COMMIT", NULL, NULL, NULL);
	db_close(other);
	e2e_shows(t, "The database is free again", "once the lock goes the note is saved, without a key");
	is_str(newest_note(), "Genoteerd terwijl een ander schrijft", "it is in the database");
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "Esc goes back");
	e2e_quit(t);
}

/* Writes an editor script at path (mode 0700) running body, $last being
 * the file to edit. */
static void write_editor(const char *path, const char *body)
{
	FILE *f = fopen(path, "w");

	fprintf(f, "#!/bin/sh\nfor last; do :; done\n%s\n", body);
	fclose(f);
	chmod(path, 0700);
}

/* $EDITOR may be a path with spaces; $VISUAL may quote its arguments. */
static void test_editor_command(void)
{
	char dir[4300], editor[4400], visual[9000];
	vt *t;

	e2e_new_home("notes-editor-space");
	snprintf(dir, sizeof dir, "%s/dir with space", e2e_home);
	mkdir(dir, 0700);
	snprintf(editor, sizeof editor, "%s/ed.sh", dir);
	write_editor(editor, "printf 'door ed.sh\\n' >> \"$last\"");
	snprintf(visual, sizeof visual, "%s/ed2.sh", dir);
	write_editor(visual, "printf 'args:%s|%s|%s\\n' \"$1\" \"$2\" \"$#\" >> \"$last\"");
	unsetenv("VISUAL");
	setenv("EDITOR", editor, 1);
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "begin");
	e2e_shows(t, "begin", "the text is typed");
	vt_type(t, "\x18");   /* Ctrl-X: the external editor */
	e2e_shows(t, "door ed.sh", "an $EDITOR in a folder with a space runs");
	vt_key(t, VT_ESC);
	e2e_quit(t);
	snprintf(visual, sizeof visual, "'%s/ed2.sh' --foo 'bar baz'", dir);
	setenv("VISUAL", visual, 1);
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "door ed.sh", "the draft is offered back");
	vt_type(t, "y");
	e2e_shows(t, "Notes  \xc2\xb7  COP 07", "going on with it");
	vt_type(t, "\x18");
	e2e_shows(t, "args:--foo|bar baz|3", "$VISUAL's quotes make its words, as in sh");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "Enter saves it");
	vt_key(t, VT_ESC);
	e2e_quit(t);
	unsetenv("VISUAL");
	unsetenv("EDITOR");
}

/* Ctrl-C in the external editor is the editor's: stemtui stays. */
static void test_editor_ctrl_c(void)
{
	char editor[4400];
	vt *t;

	e2e_new_home("notes-editor-sigint");
	snprintf(editor, sizeof editor, "%s/ed.sh", e2e_home);
	write_editor(editor, "trap 'printf \"na ctrl-c\\n\" >> \"$last\"; exit 0' INT\n"
		     "echo EDITOR WAITS\nwhile :; do sleep 1; done");
	setenv("VISUAL", editor, 1);
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "begin");
	e2e_shows(t, "begin", "the text is typed");
	vt_type(t, "\x18");   /* Ctrl-X: the external editor */
	e2e_shows(t, "EDITOR WAITS", "the editor runs");
	vt_type(t, "\x03");   /* Ctrl-C, to the foreground process group */
	e2e_shows(t, "Back from the editor", "the editor takes Ctrl-C and stemtui comes back");
	e2e_shows(t, "na ctrl-c", "with what the editor wrote");
	is_int(vt_wait_exit(t, 0), -1, "stemtui is still running");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "and saves the note");
	vt_key(t, VT_ESC);
	e2e_quit(t);
	unsetenv("VISUAL");
}

#define F7 "\033[18~"   /* what xterm sends for F7 */

/* The row above the editor starts with a highlighted "Tag note". */
static bool tag_label_highlighted(vt *t, void *unused)
{
	int r = vt_find_row(t, "Tag note");

	(void)unused;
	return r >= 0 && vt_find_col(t, r, "Tag note") == 0 &&
	       (vt_cell_reverse(t, r, 0) || vt_cell_bg(t, r, 0) == 6);
}

/* After a note is saved the digits tag it, and the row above the editor
 * says so, until a key goes into the note (or Enter): then 1-9 are text.
 * A tag the status line confirmed stays, however quickly typing goes on;
 * F7 (or Ctrl-N) turns the tag keys on again.  Nothing depends on time. */
static void test_digit_modes(void)
{
	char two[64], three[64], one[64], want[160];
	vt *t;

	e2e_new_home("notes-digit");
	t = open_notes(&(struct e2e_opts){ 0 });
	e2e_shows(t, "1-9 are text in the note", "before a note is saved here, 1-9 are text");
	vt_type(t, "Eerste notitie");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "a first note");
	e2e_shows(t, "Tag note 1:", "saving it turns the tag keys on, and says so");
	ok(vt_wait_until(t, tag_label_highlighted, NULL, WAIT), "  highlighted");
	ok(e2e_digit_code(t, 2, two, sizeof two) && e2e_digit_code(t, 3, three, sizeof three),
	   "  with the factors on the digits");
	/* The case of the issue: 2 2 2, then at once a note that starts
	 * with a digit. */
	vt_type(t, "222");
	snprintf(want, sizeof want, "Note 1: %s- ", two);
	e2e_shows(t, want, "2 2 2 makes the factor on 2 a barrier, and says so");
	vt_type(t, "3 leerlingen doen mee");
	e2e_shows(t, "leerlingen doen mee", "typing goes on at once");
	e2e_shows(t, "1-9 are text in the note  \xc2\xb7  F7: 1-9 tag note 1",
		  "the first key that types ends the tag keys, and the row says so");
	ok(vt_find_row(t, "3 leerlingen") < 0, "the 3, typed while the row said \"Tag note\", was a tag");
	snprintf(want, sizeof want, "%s- ", two);
	ok(strstr(e2e_tags_of(1), want) && strstr(e2e_tags_of(1), three) && !strstr(e2e_tags_of(1), "(error)"),
	   "the barrier confirmed is kept, and 3 added its tag (%s)", e2e_tags_of(1));
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 2 saved", "the next note is saved");
	ok(strstr(newest_note(), "leerlingen doen mee") != NULL, "  with the text typed");
	/* Digits as text: a key that types first, or Enter on the empty note. */
	e2e_shows(t, "Tag note 2:", "saving turns the tag keys on again");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "1-9 are text in the note", "Enter on the empty note turns them off");
	ok(vt_find_row(t, "Type the note first") < 0, "  without calling the note empty");
	vt_type(t, "33 leerlingen doen mee");
	e2e_shows(t, "33 leerlingen doen mee", "now a note may start with digits");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 3 saved", "it is saved");
	is_str(newest_note(), "33 leerlingen doen mee", "  whole, digits and all");
	is_str(e2e_tags_of(2), "", "  and the note before got no tag");
	/* Back to tagging with F7. */
	vt_type(t, "x");
	vt_key(t, VT_BACKSPACE);
	e2e_shows(t, "1-9 are text in the note", "a key that types turns the tag keys off");
	vt_type(t, F7);
	e2e_shows(t, "Tag note 3:", "F7 turns them on again");
	ok(e2e_digit_code(t, 1, one, sizeof one), "  with the factors on the digits");
	vt_type(t, "1");
	snprintf(want, sizeof want, "Note 3: %s", one);
	e2e_shows(t, want, "1 tags the note saved last");
	is_str(e2e_tags_of(3), one, "  in the database");
	vt_type(t, "\x0e");   /* Ctrl-N */
	e2e_shows(t, "1-9 are text in the note", "Ctrl-N turns them off");
	vt_type(t, "1");
	vt_type(t, F7);
	e2e_shows(t, "1-9 tag only while the note is empty",
		  "then 1 goes into the note: F7 says the tag keys need an empty one");
	is_str(e2e_tags_of(3), one, "  and 1 tagged nothing");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

/* Many long group labels at a session: the F3 prompt shows those that fit
 * and still leaves room for what is typed. */
static void test_group_prompt_room(void)
{
	char cmd[256];
	int i;
	vt *t;

	e2e_new_home("notes-group-prompt");
	for (i = 1; i <= 8; i++) {
		snprintf(cmd, sizeof cmd, "add-note 7 --group 'Basisschool De Lange Naam %d' 'notitie %d'", i, i);
		e2e_run(cmd);
	}
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "\x07");   /* Ctrl-G: group */
	e2e_shows(t, "Group or table (Basisschool De Lange Naam", "the prompt suggests labels");
	e2e_shows(t, "\xe2\x80\xa6):", "  and says there are more");
	vt_type(t, "een nieuwe groep");
	if (!ok(vt_wait_row_text(t, 23, "een nieuwe groep", WAIT), "what is typed shows in the prompt"))
		vt_dump(t);
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Group: een nieuwe groep", "and is the group");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

static bool status_has(vt *t, void *text)
{
	char *row = vt_row(t, E2E_ROWS - 1);
	bool has = strstr(row, text) != NULL;

	free(row);
	return has;
}

static bool status_lacks(vt *t, void *text)
{
	return !status_has(t, text);
}

/* "r restore" is offered only for a note in the trash. */
static void test_restore_hint(void)
{
	vt *t;

	e2e_new_home("notes-restore-hint");
	is_int(e2e_run("add-note 7 'Een notitie om te lezen'"), 0, "a note (CLI)");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "R");
	e2e_shows(t, "Een notitie om te lezen", "R lists it");
	ok(vt_wait_until(t, status_has, "t trash", WAIT) && status_lacks(t, "restore"),
	   "the review of live notes offers no restore");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "e edit", "Enter reads the note");
	ok(status_lacks(t, "restore"), "  a live note offers no restore");
	vt_key(t, VT_F1);
	e2e_shows(t, "Keys on this screen", "F1: its help");
	e2e_hides(t, "restore the selected note", "  which does not list restore either");
	vt_key(t, VT_ESC);
	e2e_shows(t, "e edit", "Esc: back to the note");
	vt_type(t, "d");
	e2e_shows(t, "moved to the trash", "d moves it to the trash");
	vt_key(t, VT_DOWN);   /* the message gives way to the hints */
	ok(vt_wait_until(t, status_has, "r restore", WAIT), "then it offers r restore");
	ok(status_lacks(t, "e edit"), "  and no longer edit");
	vt_type(t, "r");
	e2e_shows(t, "restored", "r restores it");
	vt_key(t, VT_DOWN);
	ok(vt_wait_until(t, status_has, "e edit", WAIT) && status_lacks(t, "restore"),
	   "  and the hint goes");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the browser");
	e2e_quit(t);
}

/* Sets when note id was entered, straight in the database. */
static void set_entered(long long id, const char *at)
{
	sqlite3 *db = open_db();
	char sql[256];

	snprintf(sql, sizeof sql, "UPDATE note SET created_at = '%s' WHERE id = %lld", at, id);
	if (!db || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		diag("cannot set the time of note %lld", id);
	db_close(db);
}

/* The row showing words[0] also shows words[1]. */
static bool row_shows(vt *t, void *arg)
{
	const char *const *words = arg;
	int r = vt_find_row(t, words[0]);
	char *row;
	bool has;

	if (r < 0)
		return false;
	row = vt_row(t, r);
	has = strstr(row, words[1]) != NULL;
	free(row);
	return has;
}

static void e2e_row_shows(vt *t, const char *text, const char *also, const char *name)
{
	const char *words[2] = { text, also };

	if (!ok(vt_wait_until(t, row_shows, (void *)words, WAIT), "%s", name)) {
		diag("expected \"%s\" on the row of \"%s\"", also, text);
		vt_dump(t);
	}
}

/* words[0] shows on a row above words[1]. */
static bool shows_above(vt *t, void *arg)
{
	const char *const *words = arg;
	int a = vt_find_row(t, words[0]), b = vt_find_row(t, words[1]);

	return a >= 0 && b >= 0 && a < b;
}

static void e2e_above(vt *t, const char *first, const char *second, const char *name)
{
	const char *words[2] = { first, second };

	if (!ok(vt_wait_until(t, shows_above, (void *)words, WAIT), "%s", name))
		vt_dump(t);
}

/* Three notes: one of COP 10 (November 2018) written on 8 November; two
 * of COP 07 (31 May 2018), one written on the day, one typed up on
 * 5 January 2026.  The notes screen shows the day where it changes; the
 * review orders by session date (31 May before November) and says so, and
 * o orders by entry time. */
static void order_of_notes(const char *language)
{
	bool nl = language != NULL;
	vt *t;

	e2e_new_home(nl ? "notes-order-nl" : "notes-order");
	is_int(e2e_run("add-note 'COP 10' 'Focusgroep: de leerlijn ontbreekt'"), 0,
	       "a note at COP 10 (November 2018)");
	is_int(e2e_run("add-note 7 'Groeisessie: samen met ouders'"), 0, "two at COP 07 (31 May 2018)");
	is_int(e2e_run("add-note 7 'Achteraf uitgetypt: een gedeelde map'"), 0, "  (CLI)");
	set_entered(1, "2018-11-08 10:00:00");
	set_entered(2, "2018-05-31 11:05:00");
	set_entered(3, "2026-01-05 05:31:00");
	t = e2e_start(&(struct e2e_opts){ .language = language });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "7");
	e2e_selected_is(t, "COP 07", "7 selects COP 07");
	vt_type(t, "c");
	e2e_shows(t, nl ? "Notities  \xc2\xb7  COP 07" : "Notes  \xc2\xb7  COP 07",
		  "c opens the notes of COP 07");
	e2e_row_shows(t, "Achteraf uitgetypt", nl ? "ma 5 jan 2026" : "Mon 5 Jan 2026",
		      "the notes screen: a note typed up later shows its day");
	e2e_row_shows(t, "Achteraf uitgetypt", "05:31", "  and its time");
	e2e_row_shows(t, "samen met ouders", "11:05", "a note of the session's day its time");
	e2e_above(t, "samen met ouders", "Achteraf uitgetypt", "  above the later one");
	ok(!row_shows(t, (void *)(const char *[]){ "samen met ouders", "2018" }),
	   "  without a day: the title shows it");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the browser");
	vt_type(t, "R");
	e2e_shows(t, nl ? "op sessiedatum" : "by session date",
		  "the review says its order: by session date");
	e2e_above(t, "samen met ouders", "de leerlijn ontbreekt", "31 May 2018 comes before Nov 2018");
	e2e_above(t, "Achteraf uitgetypt", "de leerlijn ontbreekt",
		  "  also the note of 31 May typed up in 2026");
	e2e_row_shows(t, "samen met ouders", nl ? "do 31 mei 2018" : "Thu 31 May 2018",
		      "  the first row shows its session's day");
	e2e_row_shows(t, "de leerlijn ontbreekt", nl ? "nov 2018" : "Nov 2018",
		      "  and the row where it changes");
	ok(!row_shows(t, (void *)(const char *[]){ "Achteraf uitgetypt", "2018" }),
	   "  a row of the same day as the one above shows none");
	vt_type(t, "o");
	e2e_shows(t, nl ? "op invoertijd" : "by entry time", "o orders by entry time, and says so");
	e2e_above(t, "de leerlijn ontbreekt", "Achteraf uitgetypt",
		  "  Nov 2018 then comes before the note typed up in 2026");
	e2e_above(t, "samen met ouders", "de leerlijn ontbreekt", "  after the one of 31 May 2018");
	e2e_row_shows(t, "de leerlijn ontbreekt", nl ? "do 8 nov 2018" : "Thu 8 Nov 2018",
		      "  each row shows the day it was entered");
	e2e_row_shows(t, "Achteraf uitgetypt", nl ? "ma 5 jan 2026" : "Mon 5 Jan 2026", "  2026 too");
	vt_type(t, "o");
	e2e_shows(t, nl ? "op sessiedatum" : "by session date", "o again: by session date");
	e2e_above(t, "Achteraf uitgetypt", "de leerlijn ontbreekt", "  in that order again");
	vt_key(t, VT_ESC);
	e2e_quit(t);
}

static void test_order_of_notes(void)
{
	order_of_notes(NULL);
	order_of_notes("nl");
}

/* How many files are in folder (-1: it cannot be read). */
static int files_in(const char *folder)
{
	char cmd[4400];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof cmd, "ls -A '%s' 2>/dev/null | wc -l", folder);
	p = popen(cmd, "r");
	if (p && fscanf(p, "%d", &n) != 1)
		n = -1;
	if (p)
		pclose(p);
	return n;
}

static bool folder_empty(vt *t, void *folder)
{
	(void)t;
	return files_in(folder) == 0;
}

/* The file a note is edited in is private to the user, not in /tmp, and
 * one a kill left behind is removed at the next start. */
static void test_editor_file_private(void)
{
	char run[4300], tmp[4300], editor[4400], file[4600], cmd[9300];
	struct stat st;
	vt *t;

	e2e_new_home("notes-editor-file");
	snprintf(run, sizeof run, "%s/run", e2e_home);
	mkdir(run, 0700);
	snprintf(tmp, sizeof tmp, "%s/tmp", e2e_home);
	mkdir(tmp, 0700);
	snprintf(editor, sizeof editor, "%s/ed.sh", e2e_home);
	/* The editor says where its file is, in a few words: a whole path
	 * would wrap at 80 columns wherever the tests run. */
	write_editor(editor, "case \"$last\" in \"$XDG_RUNTIME_DIR\"/stemtui/note-*) echo EDITING-IN-RUNTIME-DIR;;"
		     " *) echo \"EDITING-ELSEWHERE $last\";; esac\nwhile :; do sleep 1; done");
	setenv("VISUAL", editor, 1);
	setenv("XDG_RUNTIME_DIR", run, 1);
	setenv("TMPDIR", tmp, 1);
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "Over Zoë van VBS De Regenboog");
	e2e_shows(t, "Over Zoë", "the text is typed");
	vt_type(t, "\x18");   /* Ctrl-X: the external editor */
	e2e_shows(t, "EDITING-IN-RUNTIME-DIR", "the note is edited in $XDG_RUNTIME_DIR/stemtui");
	snprintf(file, sizeof file, "%s/stemtui", run);
	ok(stat(file, &st) == 0 && (st.st_mode & 0777) == 0700, "  a folder only its user can enter");
	snprintf(cmd, sizeof cmd, "test \"$(stat -c %%a '%s'/stemtui/note-*)\" = 600", run);
	ok(system(cmd) == 0, "  a file only its user can read");
	is_int(files_in(tmp), 0, "  nothing in $TMPDIR");
	vt_kill(t, SIGKILL);
	vt_wait_exit(t, WAIT);
	vt_free(t);
	is_int(files_in(file), 1, "a kill leaves the file behind");
	t = e2e_start(&(struct e2e_opts){ 0 });
	ok(vt_wait_until(t, folder_empty, file, WAIT), "the next start removes it");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "the browser is up");
	e2e_quit(t);
	unsetenv("VISUAL");
	unsetenv("XDG_RUNTIME_DIR");
	unsetenv("TMPDIR");
}

struct row_was { int row; char *text; };

/* For vt_wait_until: the row no longer shows what it did. */
static bool row_differs(vt *t, void *arg)
{
	const struct row_was *w = arg;
	char *row = vt_row(t, w->row);
	bool differs = strcmp(row, w->text) != 0;

	free(row);
	return differs;
}

/* Opens help with key, pages through it to the row of keys, and checks
 * that it says what; then closes the help. */
static void help_says(vt *t, enum vt_key key, const char *keys, const char *what,
		      const char *name)
{
	const char *words[] = { keys, what };
	struct row_was was = { 4, NULL };   /* the first entry's row */
	bool found = false;
	int page;

	vt_key(t, key);
	e2e_shows(t, "Keys on this screen", "the help opens");
	for (page = 0; page < 5 && !found; page++) {
		found = vt_wait_until(t, row_shows, (void *)words, WAIT / 5);
		if (found || vt_find_row(t, "More below") < 0)
			break;
		was.text = vt_row(t, was.row);
		vt_key(t, VT_PGDN);
		vt_wait_until(t, row_differs, &was, WAIT);
		free(was.text);
	}
	if (!ok(found, "%s", name))
		vt_dump(t);
	vt_key(t, VT_ESC);
	e2e_hides(t, "Keys on this screen", "Esc closes the help");
}

/* Where Esc does more than go back, the help says what it does: in the
 * list of notes it goes back to typing, in the review it first drops the
 * search, filters and trash, on the people screen it clears the name and
 * then the filters. */
static void test_help_on_esc(void)
{
	vt *t;

	e2e_new_home("notes-help-esc");
	t = open_notes(&(struct e2e_opts){ 0 });
	vt_type(t, "Een notitie");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1 saved", "a note is saved");
	vt_key(t, VT_TAB);
	e2e_shows(t, "Tab type", "Tab goes to the list");
	help_says(t, VT_F1, "Esc, q, Backspace", "back to typing the note",
		  "list of notes: help says Esc goes back to typing");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Enter save", "and so it does");
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "Esc while typing goes back to the programme");
	vt_type(t, "R");
	e2e_shows(t, "Een notitie", "R reviews the notes");
	help_says(t, VT_F1, "Esc, q, Backspace", "first drop the search",
		  "review: help says Esc first drops the search, filters and trash");
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "back to the programme");
	vt_type(t, "P");
	e2e_shows(t, "People", "P lists the people");
	help_says(t, VT_F1, "Esc ", "then the role",
		  "people: help says Esc clears the name, then the filters");
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "back to the programme");
	e2e_quit(t);
}

/* In the trash the status line offers r restore, in either language:
 * the untagged notes (u), which are never in the trash, give way. */
static void test_trash_offers_restore(const char *language, const char *restore)
{
	char home[64];
	vt *t;

	snprintf(home, sizeof home, "notes-trash-hint-%s", language);
	e2e_new_home(home);
	is_int(e2e_run("add-note 7 'Een notitie voor de prullenbak'"), 0, "a note (CLI)");
	t = e2e_start(&(struct e2e_opts){ .language = language });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "R");
	e2e_shows(t, "Een notitie voor de prullenbak", "R lists it");
	vt_type(t, "d");
	e2e_hides(t, "Een notitie voor de prullenbak", "d moves it to the trash");
	vt_type(t, "t");
	e2e_shows(t, "Een notitie voor de prullenbak", "t shows the trash with it");
	vt_key(t, VT_DOWN);   /* a message gives way to the hints */
	if (!ok(vt_wait_until(t, status_has, (void *)restore, WAIT), "%s: the trash offers %s",
		language, restore))
		vt_dump(t);
	vt_type(t, "r");
	e2e_hides(t, "Een notitie voor de prullenbak", "r restores it");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "back to the browser");
	e2e_quit(t);
}

/* True when the database holds a draft, whoever typed it. */
static bool any_draft(void)
{
	st_draft d = { 0 };
	sqlite3 *db = open_db();
	st_err err;
	bool found = db && draft_newest(db, &d, &err) == 1;

	draft_clear_fields(&d);
	db_close(db);
	return found;
}

#define F2 "\033OQ"      /* what xterm sends for F2 */
#define F10 "\033[21~"   /* and for F10 */

/* A note opened for editing and left as it was leaves no draft (the next
 * start would offer it back as a note "not saved"); a change, even of the
 * kind only, is kept as one. */
static void test_untouched_edit_no_draft(void)
{
	vt *t;

	e2e_new_home("notes-edit-no-draft");
	is_int(e2e_run("add-note 7 'Een notitie om te herlezen'"), 0, "a note (CLI)");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "R");
	e2e_shows(t, "Een notitie om te herlezen", "R lists it");
	vt_type(t, "e");
	e2e_shows(t, "Editing the note", "e opens it for editing");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Editing the note", "Esc leaves it as it was");
	ok(!any_draft(), "  and no draft is kept of it");
	vt_type(t, F10);
	is_int(vt_wait_exit(t, WAIT), 0, "F10 quits");
	vt_free(t);
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the next start");
	vt_wait_idle(t, WAIT);
	ok(vt_find_row(t, "Unsaved note") < 0, "  offers no unsaved note");
	vt_type(t, "R");
	e2e_shows(t, "Een notitie om te herlezen", "R lists it again");
	vt_type(t, "e");
	e2e_shows(t, "Editing the note", "e opens it for editing");
	vt_type(t, F2);
	e2e_shows(t, "Kind: Quote", "F2 changes its kind");
	vt_key(t, VT_ESC);
	e2e_hides(t, "Editing the note", "Esc leaves it unsaved");
	ok(any_draft(), "  and the change is kept as a draft");
	vt_type(t, F10);
	is_int(vt_wait_exit(t, WAIT), 0, "F10 quits");
	vt_free(t);
	e2e_no_sanitizer_report();
}

/* Esc from a note opened for editing by another screen (the review, a
 * note being read) goes back to that screen, with its selection; an edit
 * begun in the notes' own list goes back to a new note there. */
static void test_edit_goes_back(void)
{
	vt *t;

	e2e_new_home("notes-edit-back");
	is_int(e2e_run("add-note 7 'Eerste notitie'"), 0, "a note (CLI)");
	is_int(e2e_run("add-note 7 'Tweede notitie'"), 0, "another (CLI)");
	t = e2e_start(&(struct e2e_opts){ 0 });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "R");
	e2e_shows(t, "Notes  \xc2\xb7  2", "R reviews the two notes");
	vt_key(t, VT_UP);
	e2e_selected_is(t, "Eerste notitie", "Up selects the first");
	vt_type(t, "e");
	e2e_shows(t, "Editing the note", "e opens it for editing");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Notes  \xc2\xb7  2", "Esc goes back to the review");
	e2e_selected_is(t, "Eerste notitie", "  with the same note selected");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Note 1", "Enter reads it");
	vt_type(t, "e");
	e2e_shows(t, "Editing the note", "e opens it for editing");
	vt_key(t, VT_ESC);
	e2e_shows(t, "F6 tag  e edit", "Esc goes back to the note being read");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Notes  \xc2\xb7  2", "and Esc again to the review");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "and to the browser");
	vt_type(t, "7");
	vt_type(t, "c");
	e2e_shows(t, "New note", "c opens the notes of COP 07");
	vt_key(t, VT_TAB);
	vt_type(t, "e");
	e2e_shows(t, "Editing the note", "e in the list edits the selected note");
	vt_key(t, VT_ESC);
	e2e_shows(t, "New note", "Esc goes back to a new note there");
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "Esc again to the browser");
	e2e_quit(t);
}

/* A search shows each note from a little before its match, so that the
 * match itself shows whole even in the narrow column beside a group and
 * tags. */
static void test_search_shows_match(void)
{
	const char *cop07[] = { "COP 07", "lesrooster" }, *cop09[] = { "COP 09", "lesrooster" };
	vt *t;

	e2e_new_home("notes-search-excerpt");
	t = e2e_start(&(struct e2e_opts){ .args = { "--demo" } });
	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "R");
	e2e_shows(t, "All notes", "R reviews the demo's notes");
	vt_type(t, "/");
	vt_type(t, "lesrooster");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "Search: lesrooster", "the search is shown");
	if (!ok(vt_wait_until(t, row_shows, (void *)cop07, WAIT), "COP 07's note shows the match whole"))
		vt_dump(t);
	ok(vt_wait_until(t, row_shows, (void *)cop09, WAIT), "  and so does COP 09's");
	vt_key(t, VT_ESC);
	e2e_shows(t, "All notes", "Esc drops the search");
	vt_key(t, VT_ESC);
	e2e_shows(t, "1/13", "and goes back");
	e2e_quit(t);
}

int main(void)
{
	test_search_shows_match();
	test_edit_goes_back();
	test_untouched_edit_no_draft();
	test_trash_offers_restore("en", "r restore");
	test_trash_offers_restore("nl", "r terugzetten");
	test_help_on_esc();
	test_order_of_notes();
	test_editor_file_private();
	test_restore_hint();
	test_group_prompt_room();
	test_digit_modes();
	test_editor_ctrl_c();
	test_editor_command();
	test_busy_database();
	test_draft_of_another();
	test_cursor_in_editor();
	test_long_paste();
	test_draft_while_typing();
	test_typing_notes();
	test_external_editor();
	test_delete_restore_search();
	test_focus_group_filter();
	test_draft_after_kill();
	return tap_done();
}
