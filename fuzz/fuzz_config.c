/* fuzz_config.c: the configuration file (settings.c, inifile.c).  A
 * config is never refused (a typo must not keep anyone from starting):
 * whatever it holds gives settings within their ranges and warnings, and
 * the roles it adds load with the shipped ones and are found by key. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/roles.h"
#include "core/settings.h"
#include "fuzz/fuzz.h"

static void check_settings(const st_settings *s)
{
	int i;

	if (s->language && strcmp(s->language, "nl") != 0 && strcmp(s->language, "en") != 0)
		fuzz_fail("config: language \"%s\"", s->language);
	for (i = 0; i < UI_ELEMENT_COUNT; i++)
		if (s->colour[i].fg < -1 || s->colour[i].fg > 7 || s->colour[i].bg < -1 ||
		    s->colour[i].bg > 7)
			fuzz_fail("config: colour of %s is %d/%d", settings_element_name(i),
				  s->colour[i].fg, s->colour[i].bg);
	for (i = 0; i < SETTINGS_DIGITS; i++)
		if (s->digit_pins[i].code && !*s->digit_pins[i].code)
			fuzz_fail("config: digit %d pinned to an empty code", i + 1);
	for (i = 0; i < s->nwarnings; i++)
		if (!s->warnings[i] || !*s->warnings[i])
			fuzz_fail("config: an empty warning");
}

static void check_roles(const st_settings *s)
{
	st_roles roles;
	st_err err;
	int i;

	if (roles_load(&roles, s, &err) != 0)
		fuzz_fail("config: its roles keep the shipped ones from loading: %s", err.msg);
	for (i = 0; i < s->nextra_roles; i++)
		if (roles_find(&roles, s->extra_roles[i].key) < 0)
			fuzz_fail("config: role %s is not found by its key", s->extra_roles[i].key);
	roles_free(&roles);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("config.ini", data, size);
	st_settings s;
	st_err err;

	settings_defaults(&s);
	if (settings_load(&s, path, true, &err) != 0)
		fuzz_fail("config: refused: %s", err.msg);
	check_settings(&s);
	check_roles(&s);
	settings_free(&s);
	return 0;
}
