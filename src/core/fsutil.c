/* fsutil.c: see fsutil.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/fsutil.h"
#include "core/i18n.h"

int fs_mkdir_parents(const char *path, st_err *err)
{
	char *copy = strdup(path), *p;

	if (!copy)
		return st_err_set(err, _("out of memory"));
	/* From the second character: a leading "/" is the root, not a folder
	 * to make (and "" has no second character). */
	for (p = *copy ? copy + 1 : copy; *p; p++) {
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

const char *fs_datadir(void)
{
	const char *env = getenv("STEMTUI_DATADIR");

	return env && *env ? env : PKGDATADIR;
}

const char *fs_localedir(void)
{
	const char *env = getenv("STEMTUI_LOCALEDIR");

	return env && *env ? env : LOCALEDIR;
}
