/* extedit.c: see extedit.h. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/i18n.h"
#include "tui/extedit.h"

#define MAX_ARGS 16

/* The start of the names of the files being edited. */
#define EDIT_KIND "note-"

static int write_file(const char *path, int fd, const char *text, st_err *err)
{
	size_t len = strlen(text);

	if (fs_write_all(fd, text, len) != 0)
		return st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
	/* Editors like a final newline; it is taken off again on reading. */
	if (len && text[len - 1] != '\n' && write(fd, "\n", 1) != 1)
		return st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
	return 0;
}

static char *read_file(const char *path, st_err *err)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, len = 0, got;

	if (!f) {
		st_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	do {
		char *more = realloc(buf, cap += 4096);
		if (!more) {
			free(buf);
			fclose(f);
			st_err_set(err, "%s", _("out of memory"));
			return NULL;
		}
		buf = more;
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	fclose(f);
	buf[len] = '\0';
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return buf;
}

/* Ctrl-C and Ctrl-\\ in the editor go to the whole foreground process
 * group: they are the editor's, so stemtui ignores them until it is back
 * (old[] keeps what to restore). */
static const int editor_signals[] = { SIGINT, SIGQUIT };
#define NSIGNALS (sizeof editor_signals / sizeof editor_signals[0])

static void ignore_editor_signals(struct sigaction old[NSIGNALS])
{
	struct sigaction ign;
	size_t i;

	memset(&ign, 0, sizeof ign);
	sigemptyset(&ign.sa_mask);
	ign.sa_handler = SIG_IGN;
	for (i = 0; i < NSIGNALS; i++)
		sigaction(editor_signals[i], &ign, &old[i]);
}

static void restore_editor_signals(const struct sigaction old[NSIGNALS])
{
	size_t i;

	for (i = 0; i < NSIGNALS; i++)
		sigaction(editor_signals[i], &old[i], NULL);
}

/* Runs argv on path with the terminal handed over; the exit status, or
 * -1 when it could not be started. */
static int run_editor(char **argv, int argc, const char *path)
{
	struct sigaction old[NSIGNALS];
	pid_t pid;
	int status;

	argv[argc] = (char *)path;
	argv[argc + 1] = NULL;
	def_prog_mode();
	endwin();
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	ignore_editor_signals(old);
	pid = fork();
	if (pid == 0) {
		/* An ignored signal stays ignored across exec: the editor gets
		 * the defaults back. */
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	restore_editor_signals(old);
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (pid < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The private folder of the files being edited (a note may name people,
 * and a kill can leave one behind): $XDG_RUNTIME_DIR/stemtui, which the
 * system empties at logout, else stemtui's data folder.  Caller frees;
 * NULL when neither is known. */
static char *edit_folder(void)
{
	const char *run = getenv("XDG_RUNTIME_DIR");

	if (run && run[0] == '/')
		return fs_join(run, "stemtui");
	return fs_xdg_path("DATA", "editing");
}

/* Makes the folder of edit_folder for the file path: inside the runtime
 * folder, or the data folder inside an existing home folder (never the
 * system's folders themselves).  0, or -1 with err set. */
static int make_edit_folder(const char *path, st_err *err)
{
	const char *run = getenv("XDG_RUNTIME_DIR");

	if (run && run[0] == '/')
		return fs_mkdir_below(run, path, err);
	return fs_xdg_mkdir_parents("DATA", path, err);
}

/* "FOLDER/note-HOST-PID-XXXXXX" (host and pid tell whose it is) in path,
 * with the folder made (0700).  0, or -1 with err set. */
static int edit_template(char *path, size_t size, st_err *err)
{
	char *dir = edit_folder();
	int rc;

	if (!dir)
		return st_err_set(err, "%s", _("no folder for the note to edit: set HOME"));
	rc = fs_temp_template(path, size, dir, EDIT_KIND);
	if (rc != 0)
		st_err_set(err, _("the name of the folder %s is too long"), dir);
	free(dir);
	return rc == 0 ? make_edit_folder(path, err) : -1;
}

void extedit_remove_stale(void)
{
	char *dir = edit_folder();

	/* Only of a stemtui that is gone, however old: another may be
	 * editing now, for as long as it likes. */
	if (dir)
		fs_remove_stale(dir, EDIT_KIND, -1);
	free(dir);
}

char *extedit_run(const char *text, st_err *err)
{
	const char *cmd = getenv("VISUAL");
	char path[4096], buf[4096], *argv[MAX_ARGS + 2], *result = NULL;
	int fd, argc, rc;

	if (!cmd || !*cmd)
		cmd = getenv("EDITOR");
	if (!cmd || !*cmd)
		cmd = "vi";
	/* Two places left in argv: the file, then NULL. */
	argc = fs_command_words(cmd, buf, sizeof buf, argv, MAX_ARGS);
	if (argc < 0) {
		st_err_set(err, _("cannot understand the editor command %s (a quote not closed?)"), cmd);
		return NULL;
	}
	if (argc == 0) {
		st_err_set(err, "%s", _("no editor: set VISUAL or EDITOR"));
		return NULL;
	}
	if (edit_template(path, sizeof path, err) != 0)
		return NULL;
	fd = mkstemp(path);   /* mode 0600: a note may name people */
	if (fd < 0) {
		st_err_set(err, _("cannot create %s: %s"), path, strerror(errno));
		return NULL;
	}
	if (write_file(path, fd, text, err) != 0) {
		close(fd);
		unlink(path);
		return NULL;
	}
	close(fd);
	rc = run_editor(argv, argc, path);
	if (rc == 0)
		result = read_file(path, err);
	else if (rc == 127 || rc < 0)
		st_err_set(err, _("cannot run the editor %s"), argv[0]);
	else
		st_err_set(err, _("the editor %s stopped with status %d: the note is as it was"),
			   argv[0], rc);
	unlink(path);
	return result;
}
