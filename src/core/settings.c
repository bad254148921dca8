/* settings.c: see settings.h. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/codebook.h"
#include "core/i18n.h"
#include "core/inifile.h"
#include "core/roles.h"
#include "core/settings.h"
#include "core/text.h"

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const char *const element_names[UI_ELEMENT_COUNT] = {
	[UI_TITLE] = "title", [UI_HEADER] = "header", [UI_SELECTED] = "selected",
	[UI_STATUS] = "status", [UI_ACCENT] = "accent",
};

static const ui_colour default_colours[UI_ELEMENT_COUNT] = {
	[UI_TITLE] = { 7, 4 },      /* white on blue */
	[UI_HEADER] = { 4, -1 },    /* blue */
	[UI_SELECTED] = { 0, 6 },   /* black on cyan */
	[UI_STATUS] = { 0, 7 },     /* black on white */
	[UI_ACCENT] = { 3, -1 },    /* yellow */
};

/* Every key the file may hold, one line each: section, key, and how it is
 * read.  The [colours] element keys are matched separately. */
enum option_type { OPT_PATH, OPT_STRING, OPT_LANGUAGE, OPT_COLOUR_MODE, OPT_SECONDS,
		   OPT_CSV_DIALECT };
static const struct option {
	const char *section, *key;
	enum option_type type;
	size_t offset;
} options[] = {
	{ "general", "database",    OPT_PATH,        offsetof(st_settings, database) },
	{ "general", "facilitator", OPT_STRING,      offsetof(st_settings, facilitator) },
	{ "general", "language",    OPT_LANGUAGE,    offsetof(st_settings, language) },
	{ "general", "programme",   OPT_STRING,      offsetof(st_settings, programme) },
	{ "general", "network",     OPT_STRING,      offsetof(st_settings, network) },
	{ "general", "database_wait", OPT_SECONDS,   offsetof(st_settings, database_wait) },
	{ "colours", "enabled",     OPT_COLOUR_MODE, offsetof(st_settings, colour_mode) },
	{ "export",  "csv",         OPT_CSV_DIALECT, offsetof(st_settings, export_csv) },
	{ "network", "folder",      OPT_PATH,        offsetof(st_settings, sync_folder) },
};

const char *settings_element_name(enum ui_element e)
{
	return element_names[e];
}

int settings_parse_seconds(const char *text, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (end == text || *end || errno || v < 0 || v > SETTINGS_WAIT_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

short settings_parse_colour(const char *name)
{
	short i;

	if (strcasecmp(name, "default") == 0)
		return -1;
	for (i = 0; i < 8; i++)
		if (strcasecmp(name, colour_names[i]) == 0)
			return i;
	return -2;
}

void settings_defaults(st_settings *s)
{
	memset(s, 0, sizeof *s);
	s->colour_mode = COLOUR_AUTO;
	s->database_wait = SETTINGS_WAIT_DEFAULT;
	memcpy(s->colour, default_colours, sizeof s->colour);
}

void settings_free(st_settings *s)
{
	int i;

	free(s->database);
	free(s->facilitator);
	free(s->language);
	free(s->programme);
	free(s->network);
	free(s->sync_folder);
	for (i = 0; i < s->nwarnings; i++)
		free(s->warnings[i]);
	free(s->warnings);
	for (i = 0; i < s->nextra_roles; i++) {
		free(s->extra_roles[i].key);
		free(s->extra_roles[i].label);
	}
	free(s->extra_roles);
	for (i = 0; i < SETTINGS_DIGITS; i++)
		free(s->digit_pins[i].code);
	free(s->path);
	settings_defaults(s);
}

__attribute__((format(printf, 2, 3)))
static void warn(st_settings *s, const char *fmt, ...)
{
	char buf[1024], **w;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	w = realloc(s->warnings, (size_t)(s->nwarnings + 1) * sizeof *w);
	if (!w)
		return;
	s->warnings = w;
	if ((w[s->nwarnings] = strdup(buf)) != NULL)
		s->nwarnings++;
}

/* Replaces the string at *slot with a copy of value. */
static void set_string(char **slot, const char *value)
{
	char *copy = strdup(value);

	if (!copy)
		return;
	free(*slot);
	*slot = copy;
}

/* Expands a leading "~/" to $HOME, so paths in the config read naturally. */
static char *expand_home(const char *value)
{
	const char *home = getenv("HOME");
	char *out;

	if (strncmp(value, "~/", 2) != 0 || !home)
		return strdup(value);
	out = malloc(strlen(home) + strlen(value));
	if (out)
		sprintf(out, "%s%s", home, value + 1);
	return out;
}

/* Reads one known option; bad values become warnings. */
static void apply_option(st_settings *s, const ini_file *ini, const struct option *o,
			 const char *value)
{
	void *slot = (char *)s + o->offset;
	char *path;
	int dialect;

	switch (o->type) {
	case OPT_STRING:
		set_string(slot, value);
		break;
	case OPT_PATH:
		path = expand_home(value);
		if (path && *path) {
			free(*(char **)slot);
			*(char **)slot = path;
		} else {
			free(path);
			warn(s, _("%s:%d: [%s] %s: a path cannot be empty"), ini_path(ini),
			     ini_line(ini, o->section, o->key), o->section, o->key);
		}
		break;
	case OPT_LANGUAGE:
		if (strcmp(value, "nl") == 0 || strcmp(value, "en") == 0)
			set_string(slot, value);
		else if (strcmp(value, "auto") != 0 && *value)
			warn(s, _("%s:%d: [%s] %s: \"%s\" is not a language stemtui has "
				  "(nl, en or auto)"), ini_path(ini), ini_line(ini, o->section, o->key),
			     o->section, o->key, value);
		break;
	case OPT_SECONDS:
		if (settings_parse_seconds(value, slot) != 0)
			warn(s, _("%s:%d: [%s] %s: \"%s\" should be a number of seconds from 0 "
				  "to %d"), ini_path(ini), ini_line(ini, o->section, o->key),
			     o->section, o->key, value, SETTINGS_WAIT_MAX);
		break;
	case OPT_CSV_DIALECT:
		dialect = csv_dialect_from_name(value);
		if (dialect >= 0)
			*(enum csv_dialect *)slot = (enum csv_dialect)dialect;
		else
			warn(s, _("%s:%d: [%s] %s: \"%s\" should be rfc4180 or excel"),
			     ini_path(ini), ini_line(ini, o->section, o->key), o->section, o->key,
			     value);
		break;
	case OPT_COLOUR_MODE:
		if (strcasecmp(value, "auto") == 0)
			s->colour_mode = COLOUR_AUTO;
		else if (strcasecmp(value, "yes") == 0 || strcasecmp(value, "true") == 0)
			s->colour_mode = COLOUR_ALWAYS;
		else if (strcasecmp(value, "no") == 0 || strcasecmp(value, "false") == 0)
			s->colour_mode = COLOUR_NEVER;
		else
			warn(s, _("%s:%d: [%s] %s: \"%s\" should be auto, yes or no"),
			     ini_path(ini), ini_line(ini, o->section, o->key), o->section, o->key,
			     value);
		break;
	}
}

/* Reads "fg" or "fg/bg" into c; -1 when a name is unknown. */
static int parse_colour_pair(const char *value, ui_colour *c)
{
	char buf[64], *slash;
	short fg, bg = -1;

	snprintf(buf, sizeof buf, "%s", value);
	slash = strchr(buf, '/');
	if (slash) {
		*slash = '\0';
		bg = settings_parse_colour(text_trim(slash + 1));
	}
	fg = settings_parse_colour(text_trim(buf));
	if (fg == -2 || bg == -2)
		return -1;
	c->fg = fg;
	c->bg = bg;
	return 0;
}

/* Handles [colours] <element> = fg[/bg]; returns false if key is none. */
static bool apply_colour(st_settings *s, const ini_file *ini, const char *key,
			 const char *value)
{
	int e;

	for (e = 0; e < UI_ELEMENT_COUNT; e++) {
		if (strcmp(key, element_names[e]) != 0)
			continue;
		if (parse_colour_pair(value, &s->colour[e]) != 0)
			warn(s, _("%s:%d: [colours] %s: \"%s\" is not a colour (use default, black, "
				  "red, green, yellow, blue, magenta, cyan or white, as fg or fg/bg)"),
			     ini_path(ini), ini_line(ini, "colours", key), key, value);
		return true;
	}
	return false;
}

static void add_role(st_settings *s, const char *key, const char *label)
{
	settings_role *grown = realloc(s->extra_roles,
				       (size_t)(s->nextra_roles + 1) * sizeof *grown);
	char *k, *l;

	if (!grown)
		return;
	s->extra_roles = grown;
	k = strdup(key);
	l = strdup(label);
	if (!k || !l) {
		free(k);
		free(l);
		return;
	}
	grown[s->nextra_roles].key = k;
	grown[s->nextra_roles].label = l;
	s->nextra_roles++;
}

/* [roles] KEY = Label: any key is a new role. */
static void apply_role(st_settings *s, const ini_file *ini, const char *key,
		       const char *value)
{
	int line = ini_line(ini, "roles", key);

	if (!role_key_ok(key))
		warn(s, _("%s:%d: [roles] %s: a role key may hold only a-z, 0-9 and - (ignored)"),
		     ini_path(ini), line, key);
	else if (!*value)
		warn(s, _("%s:%d: [roles] %s: the role needs a label (ignored)"), ini_path(ini),
		     line, key);
	else
		add_role(s, key, value);
}

/* [digits] 7 = OR1: a factor code pinned to a digit; empty leaves the
 * digit to the facilitator's use.  Whether the code is in the codebook is
 * known only once the database is open (the TUI says so then). */
static void apply_digit(st_settings *s, const ini_file *ini, const char *key,
			const char *value)
{
	int line = ini_line(ini, "digits", key), d, i;

	if (strlen(key) != 1 || key[0] < '1' || key[0] > '9') {
		warn(s, _("%s:%d: [digits] %s: the key must be a digit from 1 to 9 (ignored)"),
		     ini_path(ini), line, key);
		return;
	}
	if (!*value)
		return;
	if (!factor_code_ok(value)) {
		warn(s, _("%s:%d: [digits] %s: \"%s\" cannot be a factor code (ignored)"),
		     ini_path(ini), line, key, value);
		return;
	}
	for (i = 0; i < SETTINGS_DIGITS; i++) {
		if (s->digit_pins[i].code && strcasecmp(s->digit_pins[i].code, value) == 0) {
			warn(s, _("%s:%d: [digits] %s: %s is pinned to %d already (ignored)"),
			     ini_path(ini), line, key, value, i + 1);
			return;
		}
	}
	d = key[0] - '1';
	set_string(&s->digit_pins[d].code, value);
	s->digit_pins[d].line = line;
}

static void apply_key(st_settings *s, const ini_file *ini, const char *section,
		      const char *key)
{
	const char *value = ini_get(ini, section, key);
	size_t i;

	if (!value)
		value = "";
	for (i = 0; i < sizeof options / sizeof options[0]; i++) {
		if (strcmp(options[i].section, section) == 0 && strcmp(options[i].key, key) == 0) {
			apply_option(s, ini, &options[i], value);
			return;
		}
	}
	if (strcmp(section, "colours") == 0 && apply_colour(s, ini, key, value))
		return;
	if (strcmp(section, "roles") == 0) {
		apply_role(s, ini, key, value);
		return;
	}
	if (strcmp(section, "digits") == 0) {
		apply_digit(s, ini, key, value);
		return;
	}
	warn(s, _("%s:%d: [%s] %s: unknown key (ignored)"), ini_path(ini),
	     ini_line(ini, section, key), section, key);
}

int settings_load(st_settings *s, const char *path, bool required, st_err *err)
{
	ini_file *ini;
	st_err ierr;
	struct stat sb;
	int i, k;

	if (stat(path, &sb) != 0) {
		if (!required && errno == ENOENT)
			return 0;
		return st_err_set(err, _("cannot read config file %s: %s"), path, strerror(errno));
	}
	/* -c /dev/zero would never end, -c FIFO wait for a writer; in the
	 * usual place, ini_open refuses them too, which is a warning. */
	if (!S_ISREG(sb.st_mode) && required)
		return st_err_set(err, _("cannot read config file %s: it is not a regular file"), path);
	ini = ini_open(path, &ierr);
	if (!ini) {
		warn(s, _("%s (config file ignored)"), ierr.msg);
		return 0;
	}
	set_string(&s->path, path);
	for (i = 0; i < ini_section_count(ini); i++) {
		const char *section = ini_section_name(ini, i);
		if (strcmp(section, "general") != 0 && strcmp(section, "colours") != 0 &&
		    strcmp(section, "roles") != 0 && strcmp(section, "digits") != 0 &&
		    strcmp(section, "export") != 0 && strcmp(section, "network") != 0) {
			warn(s, _("%s:%d: [%s]: unknown section (ignored)"), path,
			     ini_section_line(ini, i), section);
			continue;
		}
		for (k = 0; k < ini_key_count(ini, section); k++)
			apply_key(s, ini, section, ini_key_name(ini, section, k));
	}
	ini_close(ini);
	return 0;
}
