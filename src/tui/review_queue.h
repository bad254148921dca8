/* review_queue.h: walking the untagged notes one by one, to tag them. */
#ifndef STEMTUI_REVIEW_QUEUE_H
#define STEMTUI_REVIEW_QUEUE_H

struct tui_app;
struct view;

/* The untagged notes the filter selects, one by one. */
struct note_filter;
struct view *review_queue_open(struct tui_app *app, const struct note_filter *f);

#endif
