/* err.h: one error message carried out of the core to whoever shows it.
 *
 * The core never prints: it fills a st_err and returns non-zero, and the CLI
 * or TUI decides how the person sees it.  Messages are already translated. */
#ifndef STEMTUI_ERR_H
#define STEMTUI_ERR_H

#include <stddef.h>

#define ST_ERR_MAX 1024

typedef struct st_err {
	char msg[ST_ERR_MAX];
} st_err;

/* Sets err->msg from a printf format; err may be NULL (then nothing happens).
 * Always returns -1 so callers can write `return st_err_set(err, ...);`. */
int st_err_set(st_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Clears err->msg; err may be NULL. */
void st_err_clear(st_err *err);

#endif
