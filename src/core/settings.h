/* settings.h: the configuration file, $XDG_CONFIG_HOME/stemtui/config.ini.
 *
 * Every key is optional.  A key the program does not know, or a value it
 * cannot use, becomes a warning (naming file, section and key) and the
 * default stays: a typo in the config never keeps a facilitator from
 * starting at the door of a session. */
#ifndef STEMTUI_SETTINGS_H
#define STEMTUI_SETTINGS_H

#include <stdbool.h>

#include "core/emit.h"
#include "core/err.h"

enum settings_colour_mode { COLOUR_AUTO, COLOUR_ALWAYS, COLOUR_NEVER };

/* Screen elements whose colours the config can set. */
enum ui_element {
	UI_TITLE,      /* the title bar */
	UI_HEADER,     /* column headers */
	UI_SELECTED,   /* the selected row */
	UI_STATUS,     /* the status line */
	UI_ACCENT,     /* codes, keys in help, highlights */
	UI_ELEMENT_COUNT
};

/* A colour: -1 is the terminal's default, 0..7 the ANSI colours. */
typedef struct ui_colour {
	short fg, bg;
} ui_colour;

/* A role the config adds ([roles] KEY = Label): its key as stored, and
 * its label, the same in every language. */
typedef struct settings_role {
	char *key, *label;
} settings_role;

/* A factor the config pins to a digit key ([digits] 7 = OR1): its code,
 * checked against the codebook only when the digits are chosen, so it
 * keeps its line for that warning. */
typedef struct settings_pin {
	char *code;   /* NULL: the digit follows the facilitator's use */
	int line;
} settings_pin;

#define SETTINGS_DIGITS 9
/* [general] database_wait: the default, and the most it may be (a day). */
#define SETTINGS_WAIT_DEFAULT 600
#define SETTINGS_WAIT_MAX 86400

typedef struct st_settings {
	char *database;     /* database path, or NULL for the XDG default */
	char *facilitator;  /* name written on notes */
	char *language;     /* "nl", "en", or NULL to follow the locale */
	char *programme;    /* programme to open first, or NULL for the newest */
	char *network;      /* the learning network, on the draaiboek's title page */
	char *sync_folder;  /* [network] folder: the folder shared for sync, or NULL */
	int database_wait;  /* seconds a command waits at most for another
			       program writing to the database */
	enum csv_dialect export_csv;  /* [export] csv: the CSV exports write */
	enum settings_colour_mode colour_mode;
	ui_colour colour[UI_ELEMENT_COUNT];
	settings_role *extra_roles;  /* [roles], in file order (roles.h) */
	int nextra_roles;
	settings_pin digit_pins[SETTINGS_DIGITS];  /* [digits]: [0] for the key 1 */
	char *path;         /* the file read, for warnings given later */
	char **warnings;    /* what was wrong with the file, translated */
	int nwarnings;
} st_settings;

/* Fills s with the defaults. */
void settings_defaults(st_settings *s);

/* Reads path into s (which holds the defaults).  A missing file is fine
 * unless `required` (given with --config); then it is an error, as is
 * one that is not a regular file (a device, a pipe).  A file that cannot
 * be parsed at all is one warning.  Returns 0, or -1 with err
 * set. */
int settings_load(st_settings *s, const char *path, bool required, st_err *err);

/* Frees what s holds. */
void settings_free(st_settings *s);

/* Name of a UI element as used in the [colours] section. */
const char *settings_element_name(enum ui_element e);

/* Parses a number of seconds for database_wait (0 to SETTINGS_WAIT_MAX)
 * into *out; -1 when text is not one. */
int settings_parse_seconds(const char *text, int *out);

/* Parses a colour name ("default", "black" .. "white"); -2 if unknown. */
short settings_parse_colour(const char *name);

#endif
