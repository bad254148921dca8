/* progress.h: how far a long piece of work of the core has got, for a
 * caller that shows it (a progress line of the CLI, a bar of the TUI).
 * The core never draws: it calls report now and then. */
#ifndef STEMTUI_PROGRESS_H
#define STEMTUI_PROGRESS_H

/* report(ctx, done, total): done of total units so far (rows of a file,
 * or an estimate of the work of a migration).  total may be a guess;
 * done never goes back and never passes total, and the last call of a
 * piece of work that ends well has done == total.  A caller passes NULL
 * (or a NULL report) for no reports. */
typedef struct st_progress {
	void (*report)(void *ctx, long long done, long long total);
	void *ctx;
} st_progress;

#endif
