/* roles.c: see roles.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/inifile.h"
#include "core/roles.h"
#include "core/text.h"

bool role_key_ok(const char *key)
{
	if (!*key)
		return false;
	for (; *key; key++)
		if (!((*key >= 'a' && *key <= 'z') || (*key >= '0' && *key <= '9') || *key == '-'))
			return false;
	return true;
}

static int find_key(const st_roles *r, const char *key)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->role[i].key, key) == 0)
			return i;
	return -1;
}

/* Sets a role's labels, adding the role when the key is new. */
static int put_role(st_roles *r, const char *key, const char *nl, const char *en,
		    st_err *err)
{
	int i = find_key(r, key);
	st_role *grown, *role;
	char *k, *l_nl = strdup(nl), *l_en = strdup(en);

	if (!l_nl || !l_en)
		goto oom;
	if (i < 0) {
		grown = realloc(r->role, (size_t)(r->n + 1) * sizeof *grown);
		if (!grown)
			goto oom;
		r->role = grown;
		k = strdup(key);
		if (!k)
			goto oom;
		i = r->n++;
		r->role[i].key = k;
		r->role[i].label_nl = r->role[i].label_en = NULL;
	}
	role = &r->role[i];
	free(role->label_nl);
	free(role->label_en);
	role->label_nl = l_nl;
	role->label_en = l_en;
	return 0;
oom:
	free(l_nl);
	free(l_en);
	return st_err_set(err, _("out of memory"));
}

/* Every key in a role's section must be one we read. */
static int check_role_keys(const ini_file *ini, const char *sec, st_err *err)
{
	int i, n = ini_key_count(ini, sec);
	const char *key;

	for (i = 0; i < n; i++) {
		key = ini_key_name(ini, sec, i);
		if (strcmp(key, "label") != 0 && strcmp(key, "label_en") != 0)
			return ini_error(err, ini, ini_line(ini, sec, key),
					   _("unknown key \"%s\" in [%s] (expected label or label_en)"),
					   key, sec);
	}
	return 0;
}

static int read_role(st_roles *r, const ini_file *ini, int i, st_err *err)
{
	const char *sec = ini_section_name(ini, i), *key, *nl, *en;
	int line = ini_section_line(ini, i);

	if (strncmp(sec, "role ", 5) != 0)
		return ini_error(err, ini, line, _("unknown section [%s] (expected [role KEY])"),
				   sec);
	key = sec + 5;
	if (!role_key_ok(key))
		return ini_error(err, ini, line,
				   _("role key \"%s\" may hold only a-z, 0-9 and -"), key);
	if (check_role_keys(ini, sec, err) != 0)
		return -1;
	nl = ini_get(ini, sec, "label");
	if (!nl || !*nl)
		return ini_error(err, ini, line, _("[%s] needs a \"%s\""), sec, "label");
	en = ini_get(ini, sec, "label_en");
	return put_role(r, key, nl, en && *en ? en : nl, err);
}

static int read_roles_file(st_roles *r, const char *path, st_err *err)
{
	ini_file *ini = ini_open(path, err);
	int i, rc = 0;

	if (!ini)
		return -1;
	for (i = 0; i < ini_section_count(ini) && rc == 0; i++)
		rc = read_role(r, ini, i, err);
	if (rc == 0 && r->n == 0)
		rc = st_err_set(err, _("%s: no roles (expected [role KEY] sections)"), path);
	ini_close(ini);
	return rc;
}

int roles_load(st_roles *out, const st_settings *s, st_err *err)
{
	char *path = fs_join(fs_datadir(), "roles.ini");
	int rc, i;

	memset(out, 0, sizeof *out);
	if (!path)
		return st_err_set(err, _("out of memory"));
	rc = read_roles_file(out, path, err);
	free(path);
	/* A config role with a shipped key renames that role. */
	for (i = 0; rc == 0 && s && i < s->nextra_roles; i++)
		rc = put_role(out, s->extra_roles[i].key, s->extra_roles[i].label,
			      s->extra_roles[i].label, err);
	if (rc != 0)
		roles_free(out);
	return rc;
}

void roles_free(st_roles *r)
{
	int i;

	for (i = 0; i < r->n; i++) {
		free(r->role[i].key);
		free(r->role[i].label_nl);
		free(r->role[i].label_en);
	}
	free(r->role);
	memset(r, 0, sizeof *r);
}

static bool same_folded(const char *folded, const char *s)
{
	char *f = text_fold(s);
	bool same = f && strcmp(folded, f) == 0;

	free(f);
	return same;
}

int roles_find(const st_roles *r, const char *text)
{
	char *folded = text_fold(text ? text : "");
	int i, found = -1;

	if (!folded)
		return -1;
	text_trim(folded);
	for (i = 0; *folded && i < r->n && found < 0; i++)
		if (same_folded(folded, r->role[i].key) || same_folded(folded, r->role[i].label_nl) ||
		    same_folded(folded, r->role[i].label_en))
			found = i;
	free(folded);
	return found;
}

int roles_order(const st_roles *r, const char *key)
{
	int i = key ? find_key(r, key) : -1;

	return i < 0 ? r->n : i;
}

/* Whether the interface speaks Dutch: the catalog in effect says so. */
static bool interface_is_dutch(void)
{
	/* TRANSLATORS: the code of your language, as used for the role labels
	   in roles.ini: "nl" for Dutch (label), anything else for English
	   (label_en). */
	return strcmp(_("en"), "nl") == 0;
}

const char *roles_label(const st_roles *r, const char *key)
{
	int i = key ? find_key(r, key) : -1;

	if (i < 0)
		return key ? key : "";
	return interface_is_dutch() ? r->role[i].label_nl : r->role[i].label_en;
}
