/* cli_import.c: `stemtui import programme FILE`,
 * `stemtui import people FILE [--expected SESSION]` and
 * `stemtui import codebook FILE`. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/progress_line.h"
#include "core/attendance.h"
#include "core/codebook.h"
#include "core/codebook_import.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/people_import.h"
#include "core/programme.h"
#include "core/programme_import.h"

static int import_programme(cli_ctx *ctx, const char *path)
{
	import_stats stats;
	st_err err;

	if (programme_import_file(ctx->db, path, &stats, &err) != 0) {
		cli_error("%s", err.msg);
		fprintf(stderr, "%s\n", _("Nothing was imported."));
		return EXIT_FAIL;
	}
	printf(_("%s: %d new, %d changed, %d unchanged sessions\n"), path,
	       stats.sessions_new, stats.sessions_changed, stats.sessions_unchanged);
	return EXIT_OK;
}

/* Prints each line of warnings as "stemtui: warning: line". */
static void print_warnings(const char *warnings)
{
	const char *line, *end;

	for (line = warnings; line && *line; line = *end ? end + 1 : end) {
		char *one;

		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		one = strndup(line, (size_t)(end - line));
		fprintf(stderr, _("%s: warning: %s\n"), PACKAGE, one ? one : "");
		free(one);
	}
}

static int import_people(cli_ctx *ctx, const char *path)
{
	people_import_stats stats = { 0 };
	cli_progress_line line;
	st_session s = { 0 };
	st_err err;
	int rc;

	if (ctx->opt.expected && cli_find_session(ctx, ctx->opt.expected, &s) != EXIT_OK) {
		fprintf(stderr, "%s\n", _("Nothing was imported."));
		return EXIT_FAIL;
	}
	cli_progress_line_start(&line, _("importing"), true);
	rc = people_import_csv_progress(ctx->db, path, (enum csv_encoding)ctx->opt.encoding,
					&ctx->roles, s.id, &line.progress, &stats, &err);
	cli_progress_line_end(&line);
	if (rc != 0) {
		cli_error("%s", err.msg);
		fprintf(stderr, "%s\n", _("Nothing was imported."));
		session_clear(&s);
		return EXIT_FAIL;
	}
	print_warnings(stats.warnings);
	free(stats.warnings);
	printf(ngettext("%s: %d person: %d new, %d already known\n",
			"%s: %d people: %d new, %d already known\n", (unsigned long)stats.rows),
	       path, stats.rows, stats.created, stats.existing);
	if (stats.left_out)
		printf(ngettext("%s: %d row left out (see the warning)\n",
				"%s: %d rows left out (see the warnings)\n",
				(unsigned long)stats.left_out), path, stats.left_out);
	if (s.id)
		printf(ngettext("%s: %d person added as expected\n",
				"%s: %d people added as expected\n", (unsigned long)stats.expected),
		       s.code, stats.expected);
	session_clear(&s);
	return EXIT_OK;
}

/* True when path ends in ext (ignoring case). */
static bool ends_with(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);

	return n >= e && strcasecmp(path + n - e, ext) == 0;
}

static int import_qdc(cli_ctx *ctx, const char *path)
{
	qdc_stats stats;
	char *warnings = NULL;
	st_err err;

	if (codebook_import_qdc(ctx->db, path, ctx->opt.replace, &stats, &warnings, &err) != 0) {
		cli_error("%s", err.msg);
		fprintf(stderr, "%s\n", _("Nothing was imported."));
		return EXIT_FAIL;
	}
	print_warnings(warnings);
	free(warnings);
	if (ctx->opt.replace) {
		printf(_("%s: %d added, %d changed, %d unchanged, %d removed factors\n"), path,
		       stats.added, stats.changed, stats.unchanged, stats.removed);
		return EXIT_OK;
	}
	printf(_("%s: %d added, %d changed, %d unchanged factors\n"), path, stats.added,
	       stats.changed, stats.unchanged);
	/* Merging is the default; say so, since a codebook from another tool
	 * usually means to be the whole codebook. */
	if (stats.others > 0)
		fprintf(stderr, ngettext("%s: %d factor that is not in the file was kept;"
					 " --replace removes it\n",
					 "%s: %d factors that are not in the file were kept;"
					 " --replace removes them\n", (unsigned long)stats.others),
			PACKAGE, stats.others);
	return EXIT_OK;
}

/* ---- what an INI codebook import added and changed ---------------------- */

/* A user's own codebook is never changed without saying so: an import
 * names each factor it added or changed (the starter codebook of a newer
 * stemtui reaches an existing database only this way).  The codebook is
 * read before and after; factors are matched by code, as the import
 * matches them. */

static int by_code(const void *a, const void *b)
{
	return strcasecmp((*(const st_factor *const *)a)->code, (*(const st_factor *const *)b)->code);
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool factor_differs(const st_factor *a, const st_factor *b)
{
	return a->parent_id != b->parent_id || a->position != b->position ||
	       !same_text(a->name, b->name) || !same_text(a->definition, b->definition) ||
	       !same_text(a->inclusion, b->inclusion) || !same_text(a->exclusion, b->exclusion) ||
	       !same_text(a->colour, b->colour) || !same_text(a->memo, b->memo);
}

/* Prints "  added: CODE  Name" for each factor not in before[0..n), then
 * "  changed: CODE  Name" for each that differs, in codebook order.  Quiet
 * when the codebook cannot be read again: the summary line was printed. */
static void say_what_changed(cli_ctx *ctx, const st_factor *before, int n)
{
	const st_factor **sorted = NULL, *key, *const *hit;
	st_factor *after = NULL;
	st_err err;
	int m, i, pass;

	m = factor_tree_all(ctx->db, &after, &err);
	if (m < 0 || (n > 0 && !(sorted = malloc((size_t)n * sizeof *sorted)))) {
		factors_free(after, m < 0 ? 0 : m);
		return;
	}
	for (i = 0; i < n; i++)
		sorted[i] = &before[i];
	if (n > 0)
		qsort(sorted, (size_t)n, sizeof *sorted, by_code);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < m; i++) {
			key = &after[i];
			hit = n > 0 ? bsearch(&key, sorted, (size_t)n, sizeof *sorted, by_code) : NULL;
			if (pass == 0 && !hit)
				printf(_("  added: %s  %s\n"), after[i].code, after[i].name);
			else if (pass == 1 && hit && factor_differs(*hit, &after[i]))
				printf(_("  changed: %s  %s\n"), after[i].code, after[i].name);
		}
	free(sorted);
	factors_free(after, m);
}

static int import_codebook(cli_ctx *ctx, const char *path)
{
	codebook_stats stats;
	st_factor *before = NULL;
	st_err err;
	int n;

	/* A REFI-QDA codebook (.qdc) is XML; a project (.qdpx) is a zip
	 * archive stemtui does not read. */
	if (ends_with(path, ".qdc") || ends_with(path, ".xml"))
		return import_qdc(ctx, path);
	if (ends_with(path, ".qdpx")) {
		cli_error(_("%s is a REFI-QDA project; export its codebook as .qdc and import that"),
			  path);
		fprintf(stderr, "%s\n", _("Nothing was imported."));
		return EXIT_FAIL;
	}
	n = factor_tree_all(ctx->db, &before, &err);
	if (n < 0 || codebook_import_ini(ctx->db, path, &stats, &err) != 0) {
		cli_error("%s", err.msg);
		fprintf(stderr, "%s\n", _("Nothing was imported."));
		factors_free(before, n < 0 ? 0 : n);
		return EXIT_FAIL;
	}
	printf(_("%s: %d added, %d changed, %d unchanged factors\n"), path, stats.added,
	       stats.changed, stats.unchanged);
	if (stats.added > 0 || stats.changed > 0)
		say_what_changed(ctx, before, n);
	factors_free(before, n);
	return EXIT_OK;
}

static int import_usage(void)
{
	cli_error("%s", _("usage: stemtui import programme FILE\n"
			  "   or: stemtui import people FILE [--expected SESSION] [--encoding ENC]\n"
			  "   or: stemtui import codebook FILE"));
	options_print_try_help();
	return EXIT_USAGE;
}

int cli_import_check(const cli_options *opt)
{
	if (opt->nargs != 3)
		return import_usage();
	/* Only the REFI-QDA import can replace the codebook (the INI import
	 * merges). */
	if (opt->replace && (strcmp(opt->args[1], "codebook") != 0 ||
			     !(ends_with(opt->args[2], ".qdc") || ends_with(opt->args[2], ".xml")))) {
		cli_error("%s", _("--replace is for 'import codebook FILE.qdc'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if ((opt->given & OPTS_ENCODING) && strcmp(opt->args[1], "people") != 0) {
		cli_error("%s", _("--encoding is for 'import people'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (strcmp(opt->args[1], "people") == 0 && (opt->expected || !opt->programme))
		return EXIT_OK;
	if (strcmp(opt->args[1], "people") != 0 && strcmp(opt->args[1], "programme") != 0 && strcmp(opt->args[1], "codebook") != 0)
		return import_usage();
	if (opt->expected || opt->programme) {
		cli_error("%s", opt->expected ? _("--expected is for 'import people'")
				: _("--programme is for 'import people --expected'"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_import_prepare(cli_ctx *ctx)
{
	return strcmp(ctx->opt.args[1], "people") == 0 ? cli_roles_prepare(ctx) : EXIT_OK;
}

int cli_import(cli_ctx *ctx)
{
	if (strcmp(ctx->opt.args[1], "people") == 0)
		return import_people(ctx, ctx->opt.args[2]);
	if (strcmp(ctx->opt.args[1], "codebook") == 0)
		return import_codebook(ctx, ctx->opt.args[2]);
	return import_programme(ctx, ctx->opt.args[2]);
}
