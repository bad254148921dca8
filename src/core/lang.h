/* lang.h: the language of one piece of output, apart from the
 * interface's.
 *
 * A draaiboek is written for a school team in the language they read,
 * whatever the laptop that writes it speaks: its strings come from the
 * catalog of that language for as long as it is being written, and the
 * interface speaks its own language again afterwards. */
#ifndef STEMTUI_LANG_H
#define STEMTUI_LANG_H

#include <stdbool.h>

/* The languages an export can be written in: "nl" and "en". */
bool lang_known(const char *language);

/* The language gettext's messages are in now, "nl" or "en" (the
 * catalog's own answer, so it is right whatever set it). */
const char *lang_current(void);

/* What lang_switch changed, for lang_restore. */
typedef struct lang_saved {
	bool switched;
	char *language;   /* LANGUAGE before, or NULL when it was not set */
	char *messages;   /* the LC_MESSAGES locale before */
} lang_saved;

/* Makes gettext answer in language ("nl", "en"; NULL or "" changes
 * nothing) until lang_restore(saved).  Works under any locale, "C"
 * included. */
void lang_switch(const char *language, lang_saved *saved);
void lang_restore(lang_saved *saved);

#endif
