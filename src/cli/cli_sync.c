/* cli_sync.c: `stemtui sync [FOLDER]` and `stemtui merge OTHER`: what
 * went out, what came in from whom, what was refused and what waits for
 * a decision (core/sync.h). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/progress_line.h"
#include "core/i18n.h"
#include "core/sync.h"
#include "core/sync_status.h"

int cli_sync_check(const cli_options *opt)
{
	if (opt->nargs > 2) {
		cli_error(_("'sync' takes one folder at most"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_merge_check(const cli_options *opt)
{
	if (opt->nargs != 2) {
		cli_error(_("'merge' takes the database file of a colleague"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* "4 notes, 7 tags, 12 check-ins, 2 people, 1 other change" (the
 * kinds with none left out; sync_status.h). */
static void print_counts(const sync_counts *c)
{
	char text[512];

	sync_counts_text(c->n, text, sizeof text);
	printf("%s", text);
}

static void print_from(const sync_from *f)
{
	if (f->facilitator && *f->facilitator)
		printf(_("From %s: "), f->facilitator);
	else
		printf(_("From database %.8s: "), f->database_id);
	print_counts(&f->counts);
	printf(ngettext(" (%d file)\n", " (%d files)\n", (unsigned long)f->files), f->files);
}

/* The report; its exit code: 1 when a file was refused.  After a sync
 * that failed (failed) it says what was done before, never that there
 * was nothing to do. */
static int print_report(const sync_report *r, const char *folder, bool failed)
{
	int i;

	if (r->joined)
		printf(_("This database joined network %s.\n"), r->network_id);
	if (folder && r->written_seq && r->written_first != r->written_seq)
		printf(ngettext("Wrote files %lld to %lld with %lld change to %s.\n",
				"Wrote files %lld to %lld with %lld changes to %s.\n",
				(unsigned long)r->written_changes),
		       r->written_first, r->written_seq, r->written_changes, folder);
	else if (folder && r->written_seq)
		printf(ngettext("Wrote file %lld with %lld change to %s.\n",
				"Wrote file %lld with %lld changes to %s.\n",
				(unsigned long)r->written_changes),
		       r->written_seq, r->written_changes, folder);
	for (i = 0; i < r->nfrom; i++)
		print_from(&r->from[i]);
	if (folder && !failed && !r->written_seq && r->nfrom == 0 && r->nrefused == 0)
		printf("%s\n", _("Nothing new to send or to take in."));
	if (r->waiting)
		printf(ngettext("%d file waits for one that has not arrived yet.\n",
				"%d files wait for one that has not arrived yet.\n",
				(unsigned long)r->waiting), r->waiting);
	if (r->decisions)
		printf(ngettext("%lld decision waits: in stemtui, W opens the network screen and d "
				"lists it (m merges two factors that had one code, x keeps both).\n",
				"%lld decisions wait: in stemtui, W opens the network screen and d "
				"lists them (m merges two factors that had one code, x keeps both).\n",
				(unsigned long)r->decisions), r->decisions);
	for (i = 0; i < r->nrefused; i++)
		cli_error("%s", r->refused[i]);
	return r->nrefused ? EXIT_FAIL : EXIT_OK;
}

int cli_sync(cli_ctx *ctx)
{
	cli_progress_line line;
	const char *folder = ctx->opt.nargs > 1 ? ctx->opt.args[1] : ctx->settings.sync_folder;
	sync_report r;
	st_err err;
	int rc;

	if (!folder || !*folder) {
		cli_error("%s", _("which folder? Give it (stemtui sync FOLDER), or set folder in "
				  "the [network] section of the configuration"));
		return EXIT_USAGE;
	}
	/* A line on a terminal while the colleagues' files are applied. */
	cli_progress_line_start(&line, _("applying the colleagues' files"), false);
	rc = sync_folder(ctx->db, folder, ctx->settings.facilitator, &line.progress, &r, &err);
	cli_progress_line_end(&line);
	if (rc != 0) {
		print_report(&r, folder, true);
		cli_error("%s", err.msg);
		sync_report_free(&r);
		return db_was_busy() ? EXIT_BUSY : EXIT_FAIL;
	}
	rc = print_report(&r, folder, false);
	sync_report_free(&r);
	return rc;
}

int cli_merge(cli_ctx *ctx)
{
	sync_report r;
	st_err err;
	int rc;

	if (sync_merge(ctx->db, ctx->opt.args[1], &r, &err) != 0) {
		cli_error("%s", err.msg);
		sync_report_free(&r);
		return db_was_busy() ? EXIT_BUSY : EXIT_FAIL;
	}
	rc = print_report(&r, NULL, false);
	sync_report_free(&r);
	return rc;
}
