/* lang.c: see lang.h.  gettext consults LANGUAGE first, but only when
 * the LC_MESSAGES locale is not "C"; textdomain called again makes glibc
 * drop the translations it already looked up (as main.c's
 * apply_language does for the config's language). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/lang.h"

bool lang_known(const char *language)
{
	return language && (strcmp(language, "nl") == 0 || strcmp(language, "en") == 0);
}

const char *lang_current(void)
{
	/* TRANSLATORS: the language of this catalog, as an ISO 639-1 code
	   (for <html lang> and for choosing a draaiboek's introduction). */
	return strcmp(_("en"), "nl") == 0 ? "nl" : "en";
}

/* Makes gettext look its messages up again. */
static void forget_translations(void)
{
	const char *domain = textdomain(NULL);
	char *copy = domain ? strdup(domain) : NULL;

	if (copy)
		textdomain(copy);
	free(copy);
}

void lang_switch(const char *language, lang_saved *saved)
{
	const char *was = getenv("LANGUAGE"), *messages = setlocale(LC_MESSAGES, NULL);

	memset(saved, 0, sizeof *saved);
	if (!language || !*language)
		return;
	saved->switched = true;
	saved->language = was ? strdup(was) : NULL;
	saved->messages = messages ? strdup(messages) : NULL;
	setenv("LANGUAGE", language, 1);
	if (messages && (strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0))
		setlocale(LC_MESSAGES, "C.UTF-8");
	forget_translations();
}

void lang_restore(lang_saved *saved)
{
	if (!saved->switched)
		return;
	if (saved->language)
		setenv("LANGUAGE", saved->language, 1);
	else
		unsetenv("LANGUAGE");
	if (saved->messages)
		setlocale(LC_MESSAGES, saved->messages);
	forget_translations();
	free(saved->language);
	free(saved->messages);
	memset(saved, 0, sizeof *saved);
}
