/* tap.h: a tiny Test Anything Protocol writer for the C tests.
 *
 * Each check prints "ok N - name" or "not ok N - name" plus a diagnostic;
 * tap_done() prints the plan and returns the exit status.  Header-only so
 * every test program is one file. */
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

__attribute__((format(printf, 2, 3), unused))
static int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok((cond) ? 1 : 0, __VA_ARGS__)

#define is_int(got, want, name)                                                   \
	do {                                                                      \
		long long g_ = (long long)(got), w_ = (long long)(want);          \
		if (!tap_ok(g_ == w_, "%s", name))                                \
			printf("#   got %lld, want %lld\n", g_, w_);              \
	} while (0)

#define is_str(got, want, name)                                                   \
	do {                                                                      \
		const char *g_ = (got), *w_ = (want);                             \
		if (!tap_ok(g_ && w_ && strcmp(g_, w_) == 0, "%s", name))         \
			printf("#   got  \"%s\"\n#   want \"%s\"\n",              \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");           \
	} while (0)

#define has_str(got, want, name)                                                  \
	do {                                                                      \
		const char *g_ = (got), *w_ = (want);                             \
		if (!tap_ok(g_ && w_ && strstr(g_, w_) != NULL, "%s", name))      \
			printf("#   \"%s\"\n#   does not contain \"%s\"\n",       \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");           \
	} while (0)

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
