/* fuzz_roles.c: roles.ini as roles_load reads it (roles.c, inifile.c):
 * the shipped list a packager or an administrator may change.  Refused:
 * a message naming the file.  Accepted: every role has a key of a-z,
 * 0-9 and -, two labels, and is found by its key. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/roles.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char datadir[4200];
	st_roles roles;
	st_err err;
	int i;

	if (!*datadir) {
		snprintf(datadir, sizeof datadir, "%s/roles", fuzz_dir());
		mkdir(datadir, 0700);
	}
	fuzz_write("roles/roles.ini", data, size);
	setenv("STEMTUI_DATADIR", datadir, 1);
	if (roles_load(&roles, NULL, &err) != 0) {
		if (!strstr(err.msg, "roles.ini"))
			fuzz_fail("roles: refused without naming the file: %s", err.msg);
		return 0;
	}
	if (roles.n < 1)
		fuzz_fail("roles: accepted without a role");
	for (i = 0; i < roles.n; i++) {
		const st_role *r = &roles.role[i];

		if (!*r->key || strspn(r->key, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(r->key))
			fuzz_fail("roles: a role key \"%s\"", r->key);
		if (!*r->label_nl || !*r->label_en)
			fuzz_fail("roles: role %s without a label", r->key);
		if (roles_find(&roles, r->key) < 0)
			fuzz_fail("roles: role %s is not found by its key", r->key);
		if (roles_order(&roles, r->key) != i)
			fuzz_fail("roles: role %s is not in its place", r->key);
	}
	roles_free(&roles);
	return 0;
}
