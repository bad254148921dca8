/* e2e_network.c: the network screen in the real stemtui: reached from
 * the browser with W, it syncs with s through the folder the
 * configuration names and shows what came in from the colleague by her
 * name, while the database holds her note; a file that is not a sync
 * file is refused with a message; a list of what came in longer than the
 * screen moves with every movement key; without a folder in the
 * configuration it says how to set one, in English and in Dutch; two
 * factors given one code on two laptops wait as decisions, said in a
 * sentence, m merging one and x dismissing the other, in English and in
 * Dutch; Esc goes back to the browser (TAP). */
#include "config.h"

#include "core/codebook.h"
#include "e2e.h"

/* The rows of the list of what came in (under its heading and heads). */
#define NET_FIRST 9
#define NET_ROWS 14
#define NLOG 40

/* This laptop's configuration: An, and the folder (NULL: none). */
static void configure(const char *folder)
{
	char ini[4400];

	e2e_home_folder("config");
	e2e_home_folder("config/stemtui");
	snprintf(ini, sizeof ini, "[general]\nfacilitator = An\n");
	if (folder)
		snprintf(ini + strlen(ini), sizeof ini - strlen(ini),
			 "\n[network]\nfolder = %s/%s\n", e2e_home, folder);
	e2e_home_file("config/stemtui/config.ini", ini);
}

/* Runs stemtui with args as the colleague Griet, with her own
 * configuration and database in e2e_home; its exit status. */
static int as_griet(const char *args)
{
	char cmd[20000];

	snprintf(cmd, sizeof cmd, "HOME='%s' XDG_CONFIG_HOME='%s/griet-config' "
		 "XDG_DATA_HOME='%s/griet-data' '%s' %s >/dev/null 2>&1", e2e_home, e2e_home,
		 e2e_home, e2e_env("STEMTUI_BIN"), args);
	return WEXITSTATUS(system(cmd));
}

/* Griet takes a note at COP 07 on her laptop and syncs it to shared. */
static void griet_syncs_a_note(void)
{
	char args[4400];

	e2e_home_folder("griet-config");
	e2e_home_folder("griet-config/stemtui");
	e2e_home_file("griet-config/stemtui/config.ini", "[general]\nfacilitator = Griet\n");
	is_int(as_griet("add-note 'COP 07' 'Leerlingen ontwerpen zelf een proef'"), 0,
	       "Griet takes a note on her laptop");
	snprintf(args, sizeof args, "sync '%s/shared'", e2e_home);
	is_int(as_griet(args), 0, "and syncs it to the shared folder");
}

static vt *open_network(const char *language)
{
	vt *t = e2e_start(&(struct e2e_opts){ .language = language });

	e2e_shows(t, "COP 01", "the browser is up");
	vt_type(t, "W");
	return t;
}

static void test_sync_now(void)
{
	char *note;
	vt *t;

	e2e_new_home("network-sync");
	e2e_home_folder("shared");
	configure("shared");
	griet_syncs_a_note();
	t = open_network(NULL);
	e2e_shows(t, "not in a network yet", "W opens the network screen: in no network yet");
	e2e_shows(t, "/shared", "  the shared folder from the configuration");
	e2e_shows(t, "never", "  never synced");
	e2e_shows(t, "Nothing came in yet", "  nothing came in");
	vt_type(t, "s");
	e2e_shows(t, "From Griet: 1 note", "s syncs: the status bar says what came in from Griet");
	e2e_selected_is(t, "Griet", "the list shows what came in from Griet, by name");
	e2e_hides(t, "not in a network yet", "  the database is in the network now");
	e2e_hides(t, "never", "  and has a last sync");
	note = e2e_newest_note();
	is_str(note ? note : "(none)", "Leerlingen ontwerpen zelf een proef",
	       "the database holds Griet's note");
	free(note);

	/* Another colleague's file that is not a sync file at all. */
	e2e_home_file("shared/0b6e8d3c-5a41-4c2e-9f07-3d1e2a6b9c84-0000000001.stemsync",
			"no changeset here");
	vt_type(t, "s");
	e2e_shows(t, "1 file refused", "a damaged file is refused, with a message");
	e2e_shows(t, "0b6e8d3c", "  naming the file");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back to the browser");
	e2e_quit(t);
}

/* NLOG files from NLOG colleagues named "Collega 01".. in sync_log,
 * the newest last. */
static void fill_log(void)
{
	sqlite3 *db;
	char sql[512];
	int i;

	is_int(e2e_run("add-note 'COP 07' 'De nieuwe tekst van de notitie'"), 0,
	       "a database with a note");
	db = e2e_open_db();
	if (!db)
		return;
	if (sqlite3_exec(db, "INSERT INTO note_revision (note_id, body, updated_at, kept_at)"
			 " SELECT max(id), 'De oude tekst die verloor', '2026-12-01 09:00:00',"
			 " '2026-12-03 11:10:00' FROM note", NULL, NULL, NULL) != SQLITE_OK)
		diag("%s", sqlite3_errmsg(db));
	if (sqlite3_exec(db, "INSERT INTO sync_decision (at, tbl, row_id, what) VALUES"
			 " ('2026-12-03 11:00:00', 'factor', 101, 'constraint'),"
			 " ('2026-12-03 11:00:00', 'person', 7, 'constraint'),"
			 " ('2026-12-03 11:05:00', 'factor', 102, 'constraint')",
			 NULL, NULL, NULL) != SQLITE_OK)
		diag("%s", sqlite3_errmsg(db));
	for (i = 1; i <= NLOG; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO sync_member (database_id, facilitator) VALUES"
			 " ('%08d-0000-4000-8000-000000000000', 'Collega %02d');"
			 "INSERT INTO sync_log (at, database_id, seq, notes, tags) VALUES"
			 " ('2026-12-03 10:%02d:00', '%08d-0000-4000-8000-000000000000', 1, %d, 1)",
			 i, i, i, i, i);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			diag("%s", sqlite3_errmsg(db));
	}
	/* A name from another laptop is text, never a command to the
	 * terminal (this one would clear the screen): the neutraliser
	 * draws its escape as a space. */
	if (sqlite3_exec(db, "UPDATE sync_member SET facilitator = facilitator || char(27) || '[2J'"
			 " WHERE facilitator = 'Collega 40'", NULL, NULL, NULL) != SQLITE_OK)
		diag("%s", sqlite3_errmsg(db));
	db_close(db);
}

static void test_scroll(void)
{
	vt *t;

	e2e_new_home("network-scroll");
	e2e_list_first = NET_FIRST;
	e2e_list_rows = NET_ROWS;
	configure("shared");
	fill_log();
	t = open_network(NULL);
	e2e_selected_is(t, "Collega 40 [2J", "the newest file first, selected; the escape in the "
			"colleague's name drawn as a space");
	vt_key(t, VT_DOWN);
	e2e_selected_is(t, "Collega 39", "Down");
	vt_type(t, "j");
	e2e_selected_is(t, "Collega 38", "j");
	vt_key(t, VT_UP);
	e2e_selected_is(t, "Collega 39", "Up");
	vt_type(t, "k");
	e2e_selected_is(t, "Collega 40", "k");
	vt_key(t, VT_PGDN);
	e2e_selected_is(t, "Collega 26", "PgDn: a screen further, beyond the rows read first");
	vt_key(t, VT_PGUP);
	e2e_selected_is(t, "Collega 40", "PgUp");
	vt_type(t, "\x06");
	e2e_selected_is(t, "Collega 26", "Ctrl-F");
	vt_type(t, "\x02");
	e2e_selected_is(t, "Collega 40", "Ctrl-B");
	vt_type(t, " ");
	e2e_selected_is(t, "Collega 26", "Space");
	vt_key(t, VT_END);
	e2e_selected_is(t, "Collega 01", "End: the oldest file");
	e2e_hides(t, "Collega 40", "  the newest is off the screen");
	vt_key(t, VT_HOME);
	e2e_selected_is(t, "Collega 40", "Home");
	vt_type(t, "G");
	e2e_selected_is(t, "Collega 01", "G");
	vt_type(t, "g");
	e2e_selected_is(t, "Collega 40", "g");
	e2e_shows(t, "3 decisions", "the decisions waiting are counted");
	vt_type(t, "d");
	e2e_shows(t, "Decisions waiting, oldest first", "d shows the decisions waiting");
	e2e_selected_is(t, "the factor 101: left out", "  the oldest first, saying what and why");
	e2e_shows(t, "the person 7: left out", "  each one");
	vt_key(t, VT_DOWN);
	e2e_selected_is(t, "the person 7", "  Down moves in them");
	vt_key(t, VT_TAB);
	e2e_shows(t, "What came in from whom", "Tab shows what came in again");
	e2e_selected_is(t, "Collega 40", "  from its first row");
	e2e_shows(t, "1 note text kept after a conflict", "the texts kept are counted");
	vt_type(t, "v");
	e2e_shows(t, "Note texts kept after a conflict", "v shows the note texts kept");
	e2e_selected_is(t, "De oude tekst die verloor", "  with the text that lost");
	e2e_selected_is(t, "COP 07", "  and the note's session");
	vt_key(t, VT_ENTER);
	e2e_shows(t, "De nieuwe tekst van de notitie", "Enter opens the note as it is now");
	vt_key(t, VT_ESC);
	e2e_shows(t, "Note texts kept after a conflict", "Esc: back to the texts kept");
	vt_type(t, "v");
	e2e_shows(t, "What came in from whom", "v again: what came in");
	vt_type(t, "q");
	e2e_shows(t, "COP 01", "q goes back to the browser");
	e2e_quit(t);
}

/* No [network] folder: the screen says where to set it, s says so too. */
static void test_no_folder(const char *language)
{
	bool nl = language != NULL;
	vt *t;

	e2e_new_home(nl ? "network-none-nl" : "network-none");
	configure(NULL);
	t = open_network(language);
	e2e_shows(t, nl ? "nog in geen netwerk" : "not in a network yet",
		  nl ? "Dutch: in geen netwerk" : "the network screen");
	e2e_shows(t, nl ? "geen: zet [network] folder =" : "none: set [network] folder =",
		  "  no shared folder, and the key that sets it");
	e2e_shows(t, "in ~/config/stemtui/config.ini", "  in the configuration file");
	vt_type(t, "s");
	e2e_shows(t, nl ? "Geen gedeelde map: zet [network] folder in ~/config/stemtui/config.ini"
		  : "No shared folder: set [network] folder in ~/config/stemtui/config.ini",
		  "  s says no folder is set, and where to set it, whole at 80 columns");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back to the browser");
	e2e_quit(t);
}

/* A folder in the configuration that is not there. */
static void test_folder_missing(void)
{
	vt *t;

	e2e_new_home("network-missing");
	configure("not-there");
	t = open_network(NULL);
	e2e_shows(t, "/not-there", "the folder of the configuration");
	vt_type(t, "s");
	e2e_shows(t, "Cannot sync: the shared folder is not there",
		  "s with a folder that is not there says so");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back to the browser");
	e2e_quit(t);
}

/* A factor of db given code to (from an existing one) or new. */
static void give_code(sqlite3 *db, const char *from, const char *to)
{
	st_factor f;
	st_err err = { "" };
	int found;

	memset(&f, 0, sizeof f);
	found = from ? factor_find_code(db, from, &f, &err) : 0;
	if (found == 1) {
		free(f.code);
		f.code = strdup(to);
	} else {
		f.code = strdup(to);
		f.name = strdup("Griets factor");
	}
	if (found < 0 || factor_save(db, &f, &err) != 0)
		diag("%s", err.msg);
	factor_clear(&f);
}

/* An gives TM3 and TM2 the codes XY1 and XY2 while Griet adds factors
 * XY1 and XY2 on her laptop; both sync (the factors have other ids). */
static void two_laptops_give_one_code(void)
{
	char path[4400];
	sqlite3 *db;
	st_err err;

	e2e_home_folder("shared");
	configure("shared");
	griet_syncs_a_note();
	is_int(e2e_run("sync"), 0, "An's laptop joins the network");
	db = e2e_open_db();
	if (db) {
		give_code(db, "TM3", "XY1");
		give_code(db, "TM2", "XY2");
		db_close(db);
	}
	snprintf(path, sizeof path, "%s/griet-data/stemtui/stemtui.sqlite", e2e_home);
	if (db_open(path, &db, NULL, &err) != DB_OPEN_OK) {
		diag("%s", err.msg);
		return;
	}
	give_code(db, NULL, "XY1");
	give_code(db, NULL, "XY2");
	db_close(db);
	snprintf(path, sizeof path, "sync '%s/shared'", e2e_home);
	is_int(as_griet(path), 0, "Griet syncs her factors");
}

/* The factors whose code starts with code on An's laptop. */
static long long factors_coded(const char *code)
{
	sqlite3 *db = e2e_open_db();
	sqlite3_stmt *st;
	long long n = -1;

	if (db && sqlite3_prepare_v2(db, "SELECT count(*) FROM factor WHERE code = ?1"
				     " OR code GLOB ?1 || '~*'", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	db_close(db);
	return n;
}

static void test_decisions(const char *language)
{
	bool nl = language != NULL;
	const char *xy1 = "code XY1";
	const char *two = nl ? "Twee factoren hadden code XY" : "Two factors had code XY";
	char *row;
	vt *t;

	e2e_new_home(nl ? "network-decide-nl" : "network-decide");
	e2e_list_first = NET_FIRST;
	e2e_list_rows = NET_ROWS;
	two_laptops_give_one_code();
	t = open_network(language);
	vt_type(t, "s");
	e2e_shows(t, nl ? "2 beslissingen" : "2 decisions", "s syncs: two decisions wait");
	vt_type(t, "d");
	e2e_selected_is(t, two, "d: the first decision, in a sentence naming the code");
	e2e_shows(t, nl ? "(m: samenvoegen, x: beide houden, d: wat binnenkwam)"
		      : "(m: merge, x: keep both, d: what came in)",
		  "  the heading above them whole, with its keys");
	row = vt_row(t, e2e_selected_row(t));
	if (!strstr(row, xy1))
		vt_key(t, VT_DOWN);
	free(row);
	e2e_selected_is(t, xy1, "  the one about XY1 selected");
	e2e_shows(t, "XY1~", "  saying the code the factor that gave way has now");
	e2e_shows(t, nl ? "m samenvoegen" : "m merge", "  the status line offers m");
	e2e_shows(t, nl ? "x beide houden" : "x keep both", "  and x");
	vt_type(t, "m");
	e2e_shows(t, nl ? "Samengevoegd" : "Merged", "m merges, and says so");
	e2e_hides(t, xy1, "  the decision is gone");
	is_int(factors_coded("XY1"), 1, "  one factor XY1 is left");
	e2e_selected_is(t, "code XY2", "the other decision is selected");
	vt_type(t, "x");
	e2e_shows(t, nl ? "Er wacht geen beslissing" : "No decision waits",
		  "x dismisses it: no decision waits");
	is_int(factors_coded("XY2"), 2, "  both factors XY2 are kept");
	vt_key(t, VT_ESC);
	e2e_shows(t, "COP 01", "Esc goes back to the browser");
	e2e_quit(t);
	e2e_list_first = LIST_FIRST;
	e2e_list_rows = LIST_ROWS;
}

int main(void)
{
	test_sync_now();
	test_scroll();
	test_no_folder(NULL);
	test_no_folder("nl");
	test_folder_missing();
	test_decisions(NULL);
	test_decisions("nl");
	return tap_done();
}
