/* tap.h: a tiny Test Anything Protocol writer for the C tests.
 *
 * Each check prints "ok N - name" or "not ok N - name"; a failed one adds
 * where it is written ("#   at FILE:LINE") and, for is_int, is_str and
 * has_str, what it got and wanted.  tap_done() prints the plan and returns
 * the exit status.  Header-only: the unit, end-to-end and fuzz-replay
 * programs all include it. */
#ifndef STEMTUI_TAP_H
#define STEMTUI_TAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int tap_n, tap_failed;

/* One check: "ok N - name" or "not ok N - name"; on failure, where the
 * check is written ("#   at FILE:LINE") when file is not NULL. */
__attribute__((format(printf, 4, 0)))
static int tap_vcheck(const char *file, int line, int cond, const char *fmt, va_list ap)
{
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	printf("\n");
	if (!cond && file)
		printf("#   at %s:%d\n", file, line);
	fflush(stdout);
	return cond;
}

__attribute__((format(printf, 2, 3), unused))
static int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vcheck(NULL, 0, cond, fmt, ap);
	va_end(ap);
	return r;
}

__attribute__((format(printf, 4, 5), unused))
static int tap_ok_at(const char *file, int line, int cond, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vcheck(file, line, cond, fmt, ap);
	va_end(ap);
	return r;
}

__attribute__((unused))
static int tap_is_int(const char *file, int line, long long got, long long want, const char *name)
{
	if (tap_ok_at(file, line, got == want, "%s", name))
		return 1;
	printf("#   got %lld, want %lld\n", got, want);
	return 0;
}

__attribute__((unused))
static int tap_is_str(const char *file, int line, const char *got, const char *want,
		      const char *name)
{
	if (tap_ok_at(file, line, got && want && strcmp(got, want) == 0, "%s", name))
		return 1;
	printf("#   got  \"%s\"\n#   want \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
	return 0;
}

__attribute__((unused))
static int tap_has_str(const char *file, int line, const char *got, const char *want,
		       const char *name)
{
	if (tap_ok_at(file, line, got && want && strstr(got, want) != NULL, "%s", name))
		return 1;
	printf("#   \"%s\"\n#   does not contain \"%s\"\n", got ? got : "(null)",
	       want ? want : "(null)");
	return 0;
}

/* The checks a test writes.  Each is an expression that is true when the
 * check passed; a failure names the test's file and line. */
#define ok(cond, ...) tap_ok_at(__FILE__, __LINE__, (cond) ? 1 : 0, __VA_ARGS__)
#define is_int(got, want, name) \
	tap_is_int(__FILE__, __LINE__, (long long)(got), (long long)(want), name)
#define is_str(got, want, name) tap_is_str(__FILE__, __LINE__, got, want, name)
#define has_str(got, want, name) tap_has_str(__FILE__, __LINE__, got, want, name)

__attribute__((format(printf, 1, 2), unused))
static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* A fresh folder for this test's files, under $STEMTUI_TESTTMP (or /tmp).
 * Returned string is static. */
__attribute__((unused))
static const char *tap_tmpdir(const char *name)
{
	static char dir[4096];
	const char *base = getenv("STEMTUI_TESTTMP");
	char parent[4096];

	if (!base || !*base)
		base = "/tmp";
	snprintf(parent, sizeof parent, "%s", base);
	if (mkdir(parent, 0700) != 0 && errno != EEXIST) {
		perror(parent);
		exit(99);
	}
	if (snprintf(dir, sizeof dir, "%s/%s-XXXXXX", parent, name) >= (int)sizeof dir || !mkdtemp(dir)) {
		perror(dir);
		exit(99);
	}
	return dir;
}

__attribute__((unused))
static int tap_done(void)
{
	printf("1..%d\n", tap_n);
	if (tap_failed)
		printf("# %d of %d checks failed\n", tap_failed, tap_n);
	return tap_failed ? 1 : 0;
}

#endif
