/* roles.h: the roles a person can have at a session.
 *
 * The list ships in share/roles.ini ([role KEY] sections with a Dutch
 * `label` and an English `label_en`) and can be extended in the config
 * ([roles] KEY = Label).  Keys are what the database stores. */
#ifndef STEMTUI_ROLES_H
#define STEMTUI_ROLES_H

#include <stdbool.h>

#include "core/err.h"
#include "core/settings.h"

typedef struct st_role {
	char *key;        /* "leraar", "techniekcoach", ... */
	char *label_nl;   /* "Leraar" */
	char *label_en;   /* "Teacher" */
} st_role;

typedef struct st_roles {
	st_role *role;
	int n;
} st_roles;

/* Loads fs_datadir()/roles.ini, then adds the config's extra roles (in
 * s->extra_roles).  A malformed roles.ini is an error ("FILE:LINE:
 * reason").  0, or -1 with err set. */
int roles_load(st_roles *out, const st_settings *s, st_err *err);

/* Whether key can be a role's key: it is stored in the database and typed
 * on the command line, so lower-case letters, digits and hyphens only. */
bool role_key_ok(const char *key);

void roles_free(st_roles *r);

/* Index of the role whose key, or Dutch or English label, matches text
 * ignoring case and accents ("Techniekcoach", "teacher"); -1 if none. */
int roles_find(const st_roles *r, const char *text);

/* The place of a role key in the list (roles.ini order, then the
 * config's), or r->n when the key is not listed: for showing figures per
 * role in the same order everywhere. */
int roles_order(const st_roles *r, const char *key);

/* The label of a role key in the interface language (Dutch when the
 * current gettext language is nl), or the key itself when unknown. */
const char *roles_label(const st_roles *r, const char *key);

#endif
