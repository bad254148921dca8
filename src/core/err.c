/* err.c: see err.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/err.h"

int st_err_set(st_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void st_err_clear(st_err *err)
{
	if (err)
		err->msg[0] = '\0';
}
