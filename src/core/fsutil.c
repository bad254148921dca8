/* fsutil.c: see fsutil.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/i18n.h"

/* Makes the missing folders above the file path, 0700, from byte `from`
 * of path on (the folders before it exist already). */
static int mkdir_parents_from(const char *path, size_t from, st_err *err)
{
	char *copy = strdup(path), *p;

	if (!copy)
		return st_err_set(err, _("out of memory"));
	for (p = copy + from; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			st_err_set(err, _("cannot create folder %s: %s"), copy, strerror(errno));
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

int fs_mkdir_parents(const char *path, st_err *err)
{
	/* From the second character: a leading "/" is the root, not a folder
	 * to make (and "" has no second character). */
	return mkdir_parents_from(path, *path ? 1 : 0, err);
}

static bool is_folder(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Length of dir without its trailing slashes (but "/" stays "/"). */
static size_t dir_length(const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	return n;
}

/* True when path lies inside the folder dir (or is dir). */
static bool is_inside(const char *path, const char *dir)
{
	size_t n = dir_length(dir);

	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

int fs_mkdir_below(const char *base, const char *path, st_err *err)
{
	size_t n = dir_length(base);

	if (!is_folder(base))
		return st_err_set(err, _("cannot create the folder for %s: %s does not exist"),
				  path, base);
	if (!is_inside(path, base))
		return st_err_set(err, _("cannot create the folder for %s: it is not inside %s"),
				  path, base);
	return mkdir_parents_from(path, n, err);
}

char *fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

int fs_xdg_mkdir_parents(const char *kind, const char *path, st_err *err)
{
	const char *home = getenv("HOME"), *env;
	char var[32], *parent = fs_dirname(path), *base;
	bool env_set, root_home, in_home;
	int rc;

	if (!parent)
		return st_err_set(err, _("out of memory"));
	/* Folders already there need no home folder to make them in. */
	rc = is_folder(parent) ? 1 : 0;
	free(parent);
	if (rc)
		return 0;
	snprintf(var, sizeof var, "XDG_%s_HOME", kind);
	env = getenv(var);
	env_set = env && env[0] == '/';
	root_home = home && home[0] == '/' && dir_length(home) == 1;
	in_home = home && *home && !(env_set && (root_home || !is_inside(env, home)));
	/* A home folder is made by whoever makes the account, never by
	 * stemtui: a wrong HOME (a service's "/", a typo) must not leave a
	 * trail of folders.  Outside the home folder, XDG_*_HOME is made
	 * only where its own folder exists. */
	if (in_home && root_home)
		return st_err_set(err, _("cannot create the folder for %s: the home folder is / "
					 "(set HOME, or %s)"), path, var);
	if (in_home && !is_folder(home))
		return st_err_set(err, _("cannot create the folder for %s: the home folder %s does "
					 "not exist (set HOME, or %s)"), path, home, var);
	base = in_home ? strdup(home) : env_set ? fs_dirname(env) : NULL;
	if (!base)
		return st_err_set(err, "%s", _("cannot tell where stemtui keeps its files: set HOME"));
	rc = fs_mkdir_below(base, path, err);
	free(base);
	return rc;
}

char *fs_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *out = malloc(n);

	if (out)
		snprintf(out, n, "%s/%s", dir, name);
	return out;
}

char *fs_xdg_path(const char *kind, const char *name)
{
	char var[32], *base, *dir, *out;
	const char *env, *home = getenv("HOME");

	snprintf(var, sizeof var, "XDG_%s_HOME", kind);
	env = getenv(var);
	if (env && env[0] == '/') {
		base = strdup(env);
	} else if (home && *home) {
		base = fs_join(home, strcmp(kind, "CONFIG") == 0 ? ".config" : ".local/share");
	} else {
		return NULL;
	}
	if (!base)
		return NULL;
	dir = fs_join(base, PACKAGE);
	free(base);
	if (!dir)
		return NULL;
	out = fs_join(dir, name);
	free(dir);
	return out;
}

/* The folder that value (from user-dirs.dirs, without its quotes) names:
 * "$HOME/x" or an absolute path; NULL for anything else. */
static char *user_dir(const char *value)
{
	const char *home = getenv("HOME");

	if (strncmp(value, "$HOME", 5) == 0 && (value[5] == '/' || !value[5]) && home && *home)
		return value[5] && value[6] ? fs_join(home, value + 6) : strdup(home);
	return value[0] == '/' ? strdup(value) : NULL;
}

/* XDG_DOCUMENTS_DIR="..." in user-dirs.dirs, or NULL. */
static char *documents_in_user_dirs(void)
{
	const char *env = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *path, line[4096], *dir = NULL, *end;
	FILE *f;

	if (env && env[0] == '/')
		path = fs_join(env, "user-dirs.dirs");
	else if (home && *home)
		path = fs_join(home, ".config/user-dirs.dirs");
	else
		return NULL;
	f = path ? fopen(path, "r") : NULL;
	free(path);
	while (f && !dir && fgets(line, sizeof line, f)) {
		if (strncmp(line, "XDG_DOCUMENTS_DIR=\"", 19) != 0 || !(end = strchr(line + 19, '"')))
			continue;
		*end = '\0';
		dir = user_dir(line + 19);
	}
	if (f)
		fclose(f);
	return dir;
}

char *fs_documents_dir(void)
{
	const char *env = getenv("XDG_DOCUMENTS_DIR");
	char *dir = env && env[0] == '/' ? strdup(env) : documents_in_user_dirs();
	struct stat sb;

	if (dir && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		free(dir);
		dir = NULL;
	}
	return dir;
}

/* Set by fs_locate_program when this process runs the very file `make`
 * built in the build folder. */
static bool from_build_tree;

#ifdef STEMTUI_BUILD_BINARY
/* The file this process runs from, stat'ed: Linux names it in
 * /proc/self/exe whatever path started it; elsewhere (or without /proc)
 * argv[0], a path when it holds a "/", else a name the shell found on
 * PATH, as execvp looks it up. */
static bool program_stat(const char *argv0, struct stat *st)
{
	const char *path, *p, *end;
	bool found = false;

	if (stat("/proc/self/exe", st) == 0)
		return true;
	if (!argv0 || !*argv0)
		return false;
	if (strchr(argv0, '/'))
		return stat(argv0, st) == 0;
	path = getenv("PATH");
	for (p = path; p && !found; p = *end ? end + 1 : NULL) {
		char *dir, *file;

		end = p + strcspn(p, ":");
		dir = end > p ? strndup(p, (size_t)(end - p)) : strdup(".");
		file = dir ? fs_join(dir, argv0) : NULL;
		found = file && access(file, X_OK) == 0 && stat(file, st) == 0 &&
			S_ISREG(st->st_mode);
		free(dir);
		free(file);
	}
	return found;
}
#endif

void fs_locate_program(const char *argv0)
{
#ifdef STEMTUI_BUILD_BINARY
	struct stat self, built;

	/* The same file (device and inode), not the same name: `make install`
	 * copies the program, so an installed one is another file and keeps
	 * to the installed data, even when the build folder is still there. */
	from_build_tree = stat(STEMTUI_BUILD_BINARY, &built) == 0 &&
			  program_stat(argv0, &self) &&
			  self.st_dev == built.st_dev && self.st_ino == built.st_ino;
#else
	(void)argv0;
#endif
}

bool fs_running_uninstalled(void)
{
	return from_build_tree;
}

const char *fs_datadir(void)
{
	const char *env = getenv("STEMTUI_DATADIR");

	if (env && *env)
		return env;
#ifdef STEMTUI_BUILD_DATADIR
	if (from_build_tree)
		return STEMTUI_BUILD_DATADIR;
#endif
	return PKGDATADIR;
}

const char *fs_localedir(void)
{
	const char *env = getenv("STEMTUI_LOCALEDIR");

	if (env && *env)
		return env;
#ifdef STEMTUI_BUILD_LOCALEDIR
	if (from_build_tree)
		return STEMTUI_BUILD_LOCALEDIR;
#endif
	return LOCALEDIR;
}

static bool is_executable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Output of fs_command_words, bounded by its end. */
struct words_out { char *at, *end; };

static bool put(struct words_out *o, char c)
{
	if (o->at >= o->end)
		return false;
	*o->at++ = c;
	return true;
}

/* One word of cmd at *p (not blank), up to a blank outside quotes, into o
 * (NUL-terminated); advances *p.  False when a quote is not closed or o
 * is full. */
static bool command_word(const char **p, struct words_out *o)
{
	const char *s = *p;
	bool ok = true;

	while (ok && *s && !is_blank(*s)) {
		if (*s == '\'') {
			for (s++; *s && *s != '\''; s++)
				ok = ok && put(o, *s);
			if (!*s)
				return false;
			s++;
		} else if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1] == '\n') {
					s++;
					continue;
				}
				if (*s == '\\' && s[1] && strchr("$`\"\\", s[1]))
					s++;
				ok = ok && put(o, *s);
			}
			if (!*s)
				return false;
			s++;
		} else if (*s == '\\' && s[1]) {
			/* Outside quotes it keeps the next character, and joins lines. */
			if (s[1] != '\n')
				ok = put(o, s[1]);
			s += 2;
		} else {
			ok = put(o, *s++);
		}
	}
	*p = s;
	return ok && put(o, '\0');
}

int fs_command_words(const char *cmd, char *buf, size_t size, char **argv, int max)
{
	struct words_out o = { buf, buf + size };
	const char *p = cmd;
	int n = 0;

	if (max < 2 || size == 0)
		return -1;
	if (is_executable_file(cmd)) {
		if (strlen(cmd) >= size)
			return -1;
		argv[n++] = strcpy(buf, cmd);
		argv[n] = NULL;
		return n;
	}
	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			break;
		if (n == max - 1)
			return -1;
		argv[n++] = o.at;
		if (!command_word(&p, &o))
			return -1;
	}
	argv[n] = NULL;
	return n;
}

void fs_host_name(char *buf, size_t size)
{
	char host[256] = "";

	if (gethostname(host, sizeof host - 1) != 0 || !*host)
		snprintf(host, sizeof host, "localhost");
	host[strcspn(host, "/")] = '\0';
	snprintf(buf, size, "%s", host);
}

int fs_temp_template(char *buf, size_t size, const char *dir, const char *kind)
{
	char host[256];
	int n;

	fs_host_name(host, sizeof host);
	n = snprintf(buf, size, "%s/%s%s-%ld-XXXXXX", dir, kind, host, (long)getpid());
	return n >= 0 && (size_t)n < size ? 0 : -1;
}

/* True when the file name (of a file kind+HOST-PID-XXXXXX) is stale.  A
 * file of another process on this machine is stale when that process is
 * gone, and only then: while it lives it may still be writing, however
 * long that takes (a large export to a slow drive, a stopped program, a
 * second test run beside this one), so age never removes it.  Another
 * machine's file (a shared drive), whose pid says nothing here, and one
 * with this process's own pid (left by an earlier program of that pid)
 * are stale when last written more than max_age seconds ago (never, for
 * max_age < 0). */
static bool is_stale(const char *name, const char *mine, const struct stat *sb, int max_age)
{
	size_t n = strlen(mine);
	long pid;

	if (strncmp(name, mine, n) == 0 && sscanf(name + n, "%ld-", &pid) == 1 && pid > 0 &&
	    pid != (long)getpid())
		return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
	return max_age >= 0 && time(NULL) - sb->st_mtime > max_age;
}

void fs_remove_stale(const char *dir, const char *kind, int max_age)
{
	char mine[300], host[256], *path;
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat sb;

	fs_host_name(host, sizeof host);
	snprintf(mine, sizeof mine, "%s%s-", kind, host);
	while (d && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, kind, strlen(kind)) != 0 || !(path = fs_join(dir, e->d_name)))
			continue;
		/* Only this person's own files, never what a link points at. */
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid() &&
		    is_stale(e->d_name, mine, &sb, max_age))
			unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
}

int fs_write_all(int fd, const char *buf, size_t n)
{
	size_t done = 0;
	ssize_t got;

	while (done < n) {
		got = write(fd, buf + done, n - done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got == 0)
				errno = EIO;
			return -1;
		}
		done += (size_t)got;
	}
	return 0;
}

void fs_private_folder_of(const char *path)
{
	char *dir = fs_dirname(path);
	struct stat sb;

	if (dir && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == geteuid() &&
	    (sb.st_mode & 077))
		(void)chmod(dir, sb.st_mode & 0700);
	free(dir);
}
