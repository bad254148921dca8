/* note_kinds.c: see note_kinds.h.  Pure text: no SQLite, so the words a
 * person may type for a kind are one list for the CLI, the screens and
 * saving a note. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/note_kinds.h"
#include "core/text.h"

const char *const note_kind_key[NOTE_KIND_COUNT] = {
	"observation", "quote", "idea", "question", "action",
};
static const char *const kind_label[NOTE_KIND_COUNT] = {
	N_("Observation"), N_("Quote"), N_("Idea"), N_("Question"), N_("Action"),
};
/* The Dutch words, accepted wherever a kind is typed, in any language. */
static const char *const kind_dutch[NOTE_KIND_COUNT] = {
	"observatie", "citaat", "idee", "vraag", "actie",
};

int note_kind_index(const char *text)
{
	char *want, *label;
	int i, found = -1;

	if (!text)
		return -1;
	want = text_fold(text);
	if (!want)
		return -1;
	text_trim(want);
	for (i = 0; i < NOTE_KIND_COUNT && found < 0; i++) {
		label = text_fold(kind_label[i]);
		if (strcmp(want, note_kind_key[i]) == 0 || strcmp(want, kind_dutch[i]) == 0 ||
		    (label && strcmp(want, label) == 0))
			found = i;
		free(label);
	}
	free(want);
	return found;
}

const char *note_kind_label(const char *key)
{
	int i;

	for (i = 0; key && i < NOTE_KIND_COUNT; i++)
		if (strcmp(key, note_kind_key[i]) == 0)
			return _(kind_label[i]);
	return key ? key : "";
}
