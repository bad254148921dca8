/* dialog.h: modal boxes over the screen: a question with a few answers,
 * and a form of fields to fill in. */
#ifndef STEMTUI_DIALOG_H
#define STEMTUI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/lineedit.h"
#include "tui/view.h"

/* Shows title and text (wrapped) with the answers, e.g. "[y] yes  [n] no",
 * until one of the keys in `keys` is pressed; returns that key, or 27
 * for Esc (always a way out). */
int dialog_ask(struct tui_app *app, const char *title, const char *text,
	       const char *answers, const char *keys);

enum field_type {
	FIELD_TEXT,     /* free text */
	FIELD_CHOICE,   /* one of a list: Left/Right, or type its first letters */
	FIELD_SUGGEST,  /* free text with suggestions Tab completes from */
};

struct form_field {
	const char *label;
	enum field_type type;
	bool required;
	bool show_end;                       /* a path: away from the cursor, show its end */
	struct lineedit edit;                /* TEXT and SUGGEST */
	const char *const *choice_labels;    /* CHOICE */
	int nchoices, choice;
	/* SUGGEST: what Tab completes from (see lineedit.h). */
	le_suggest_fn suggest;
	/* Called (may be NULL) after the person changed this field's value
	 * (another choice, the text edited), with the whole form and this
	 * field's index, so other fields can follow while the form is open
	 * (a default file name, the choices that fit, fields shown or
	 * hidden). */
	void (*on_change)(void *ctx, struct form_field *form, int index);
	void *ctx;                           /* for suggest and on_change */
	bool hidden;                         /* not shown and skipped (does not apply now) */
};

/* Runs a form: Up/Down or Tab move between the fields that are not
 * hidden (Tab first completes from the suggestions), scrolling them when
 * they do not all fit on the screen, Enter moves on and on the last
 * field saves, Ctrl-S saves from anywhere; Esc empties the text of the
 * field, and on an empty one (or a choice) cancels.  Before saving,
 * required fields that show must not be empty and check (may be NULL) may
 * refuse with a message shown in the form.  Returns true when saved. */
bool form_run(struct tui_app *app, const char *title, struct form_field *f, int n,
	      bool (*check)(void *ctx, struct form_field *f, char *msg, size_t size),
	      void *ctx);

#endif
