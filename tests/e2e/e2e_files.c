/* e2e_files.c: the real stemtui and the files around it: a database that
 * cannot be written opens read-only, says so and refuses to change
 * anything; temporary files that killed exports left in the export
 * folders are removed at start. */
#include "config.h"

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/state.h"
#include "e2e.h"

static bool exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* Copies the file src to dst. */
static void copy_file(const char *src, const char *dst)
{
	char buf[65536];
	FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
	size_t n;

	while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	if (!in || !out || ferror(in) || fclose(out) != 0) {
		printf("Bail out! cannot copy %s to %s\n", src, dst);
		exit(99);
	}
	fclose(in);
}

/* True when a and b hold the same bytes. */
static bool same_file(const char *a, const char *b)
{
	char cmd[9000];

	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
	return system(cmd) == 0;
}

/* Makes folder, holding a copy of src as name, which this user cannot
 * write: mode 0555 (the file 0444) for a user; for root, whom modes do
 * not stop, a read-only tmpfs.  False when neither can be made. */
static bool read_only_copy(const char *src, const char *folder, const char *name)
{
	char dst[8500];
	bool root = geteuid() == 0;

	mkdir(folder, 0700);
	if (root && mount("tmpfs", folder, "tmpfs", 0, "size=16m") != 0)
		return false;
	snprintf(dst, sizeof dst, "%s/%s", folder, name);
	copy_file(src, dst);
	if (root)
		return mount(NULL, folder, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0;
	return chmod(dst, 0444) == 0 && chmod(folder, 0555) == 0;
}

static void undo_read_only(const char *folder)
{
	if (geteuid() == 0)
		umount2(folder, MNT_DETACH);
	else
		chmod(folder, 0700);
}

static void test_read_only(void)
{
	char demo[4200], folder[4200], path[4400], copy[4200];
	vt *t;

	e2e_new_home("files-read-only");
	if (e2e_run("--demo sessions") != 0) {
		printf("Bail out! cannot make the demo database\n");
		exit(99);
	}
	snprintf(demo, sizeof demo, "%s/data/stemtui/demo.sqlite", e2e_home);
	snprintf(copy, sizeof copy, "%s/demo-copy.sqlite", e2e_home);
	copy_file(demo, copy);
	snprintf(folder, sizeof folder, "%s/stick", e2e_home);
	snprintf(path, sizeof path, "%s/demo.sqlite", folder);
	if (!read_only_copy(demo, folder, "demo.sqlite")) {
		for (int i = 0; i < 11; i++)
			ok(1, "# SKIP cannot make a read-only folder here");
		return;
	}
	t = e2e_start(&(struct e2e_opts){ .args = { "--db", path } });
	e2e_shows(t, "COP 01", "a database in a folder that cannot be written opens");
	e2e_shows(t, " read-only  \xe2\x94\x82  STEM++", "the title says it is read-only");
	e2e_shows(t, "you can browse and export", "and the status line what that means");
	vt_type(t, "7c");
	e2e_shows(t, "Notes  \xc2\xb7  COP 07", "c opens the notes of COP 07, to read");
	vt_type(t, "x");
	e2e_shows(t, "The database is read-only: no note can be written",
		  "typing a note is refused with a message");
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "Esc goes back, nothing to keep");
	vt_type(t, "a");
	e2e_shows(t, "Attendance", "a opens the attendance, to read");
	vt_type(t, "Ruben\r");
	e2e_shows(t, "the database is read-only, nothing can be changed",
		  "a check-in is refused with a message");
	vt_key(t, VT_ESC);
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "back to the programme");
	vt_type(t, "Ws");
	e2e_shows(t, "The database is read-only: it cannot sync",
		  "the network screen refuses to sync, with a message");
	vt_key(t, VT_ESC);
	e2e_shows(t, "7/13", "back to the programme");
	e2e_quit(t);
	ok(same_file(path, copy), "the database is unchanged");
	undo_read_only(folder);
}

/* The temporary files of killed exports ("stemtui-export-HOST-PID-..."),
 * in the folder of the last export and the documents folder, are removed
 * at start when their writer is gone; a running writer's stays. */
static void test_stale_exports(void)
{
	char docs[4200], last[4200], path[4200], stale[2][4600], live[4600], host[256] = "";
	sqlite3 *db;
	st_err err;
	pid_t gone = fork();
	vt *t;

	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	e2e_new_home("files-stale");
	if (e2e_run("sessions") != 0 || !(db = e2e_open_db())) {
		printf("Bail out! cannot make the database\n");
		exit(99);
	}
	snprintf(docs, sizeof docs, "%s/Documenten", e2e_home);
	snprintf(last, sizeof last, "%s/laatste-export", e2e_home);
	mkdir(docs, 0700);
	mkdir(last, 0700);
	state_set(db, STATE_EXPORT_FOLDER, last, &err);
	db_close(db);
	snprintf(path, sizeof path, "%s/config", e2e_home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/config/user-dirs.dirs", e2e_home);
	e2e_write_text(path, "XDG_DOCUMENTS_DIR=\"$HOME/Documenten\"\n");
	gethostname(host, sizeof host - 1);
	snprintf(stale[0], sizeof stale[0], "%s/.stemtui-export-%s-%ld-abcdef", docs, host, (long)gone);
	snprintf(stale[1], sizeof stale[1], "%s/.stemtui-export-%s-%ld-ghijkl", last, host, (long)gone);
	snprintf(live, sizeof live, "%s/.stemtui-export-%s-%ld-mnopqr", docs, host, (long)getpid());
	e2e_write_text(stale[0], "Zoë Van den Broeck\n");
	e2e_write_text(stale[1], "Zoë Van den Broeck\n");
	e2e_write_text(live, "Zoë Van den Broeck\n");
	t = e2e_start(&(struct e2e_opts){ .args = { NULL } });
	e2e_shows(t, "COP 01", "the browser is up");
	ok(!exists(stale[0]), "a killed export's file in the documents folder is removed at start");
	ok(!exists(stale[1]), "so is one in the folder of the last export");
	ok(exists(live), "a running export's file stays");
	e2e_quit(t);
}

/* The value of name in the environment of process pid, or "" (static). */
static const char *env_of(pid_t pid, const char *name)
{
	static char buf[65536];
	char path[64];
	size_t n = strlen(name), got;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/environ", (long)pid);
	f = fopen(path, "rb");
	got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[got] = '\0';
	for (char *p = buf; p < buf + got; p += strlen(p) + 1)
		if (strncmp(p, name, n) == 0 && p[n] == '=')
			return p + n + 1;
	return "";
}

/* Two test runs on one machine at once must not share the folder of the
 * files being edited ($XDG_RUNTIME_DIR/stemtui): every program a test
 * starts gets the runtime folder of its own home. */
static void test_own_runtime_dir(void)
{
	char want[4300];
	vt *t;

	e2e_new_home("files-runtime");
	snprintf(want, sizeof want, "%s/run", e2e_home);
	t = e2e_start(&(struct e2e_opts){ .args = { NULL } });
	e2e_shows(t, "COP 01", "the browser is up");
	is_str(env_of(vt_pid(t), "XDG_RUNTIME_DIR"), want,
	       "stemtui runs with the runtime folder of its test's home");
	e2e_quit(t);
	/* make check gives each test program its own home too. */
	snprintf(want, sizeof want, "%s/home.", e2e_env("STEMTUI_TESTTMP"));
	ok(strncmp(e2e_env("HOME"), want, strlen(want)) == 0, "this test runs in a home of its own");
}

int main(void)
{
	test_read_only();
	test_stale_exports();
	test_own_runtime_dir();
	return tap_done();
}
