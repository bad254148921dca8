/* statusbar.h: the bottom line: a message, the main keys of the view on
 * top, or a question answered there. */
#ifndef STEMTUI_STATUSBAR_H
#define STEMTUI_STATUSBAR_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/lineedit.h"

struct tui_app;

/* Draws the status bar for the top view, with its message or key hints. */
void statusbar_draw(struct tui_app *app);

/* A question in the status bar, answered in a one-line field. */
struct prompt {
	const char *text;    /* the question */
	/* Called (may be NULL) after every change of the answer, so the
	 * caller can search as it is typed. */
	void (*on_change)(void *ctx, const char *answer);
	/* Writes (may be NULL) what the answer would mean now ("Enter:
	 * about Tine Vanhove") into out, shown above the status bar while
	 * it is typed. */
	void (*feedback)(void *ctx, const char *answer, char *out, size_t size);
	le_suggest_fn suggest;   /* what Tab completes from, or NULL */
	void *ctx;
};

/* Reads the answer to p in the status bar, as every one-line field does
 * (lineedit.h: Esc empties it first, then cancels; Tab completes; Ctrl-U
 * empties it).  Returns true when Enter accepted it, false when
 * cancelled (Esc on an empty answer, Ctrl-G).  buf holds the answer
 * (UTF-8). */
bool statusbar_ask(struct tui_app *app, const struct prompt *p, char *buf, int size);

/* statusbar_ask with only a question and on_change. */
bool statusbar_prompt(struct tui_app *app, const char *prompt, char *buf, int size,
		      void (*on_change)(void *ctx, const char *text), void *ctx);

#endif
