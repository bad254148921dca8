/* cli_import.c: `stemtui import programme FILE`. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
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

int cli_import_check(const cli_options *opt)
{
	if (opt->nargs != 3 || strcmp(opt->args[1], "programme") != 0) {
		cli_error("%s", _("usage: stemtui import programme FILE"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_import(cli_ctx *ctx)
{
	return import_programme(ctx, ctx->opt.args[2]);
}
