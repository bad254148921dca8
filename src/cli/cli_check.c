/* cli_check.c: `stemtui check [--repair]`: the database checked item by
 * item (see core/check.h), one line each, then what to do. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/check.h"
#include "core/i18n.h"

int cli_check_check(const cli_options *opt)
{
	if (opt->nargs > 1) {
		cli_error(_("'check' takes no arguments"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* "name: ok", "name: what is wrong", with ": rebuilt" when --repair put
 * it right. */
static void print_item(const check_report *r, enum check_item i)
{
	const char *status = r->detail[i] ? r->detail[i] : _("ok");

	if (r->repaired[i])
		printf(_("%s: %s: put right\n"), check_item_name(i), status);
	else
		printf("%s: %s\n", check_item_name(i), status);
}

/* The last line and the exit status: 3 for what --repair cannot put
 * right, 4 for what it can (when it was not asked), 1 when a check could
 * not run, else 0.  On a database opened read-only --repair would be
 * refused: the line says so instead of sending the reader there. */
static int summary(const check_report *r, bool read_only)
{
	bool to_repair = false, skipped = false;
	int i;

	if (r->found[CHECK_INTEGRITY]) {
		printf("%s\n", _("The file is damaged: check --repair cannot put that right; "
				 "restore a copy of the database."));
		return EXIT_DATABASE;
	}
	if (r->found[CHECK_FOREIGN_KEYS]) {
		printf("%s\n", _("Rows refer to rows that are not there: check --repair cannot "
				 "put that right."));
		return EXIT_DATABASE;
	}
	for (i = 0; i < CHECK_COUNT; i++) {
		to_repair |= r->found[i] && !r->repaired[i];
		skipped |= r->skipped[i];
	}
	if (to_repair && read_only) {
		printf("%s\n", _("stemtui check --repair rebuilds what is wrong, but this database "
				 "is read-only: make the file and its folder writable, or repair a "
				 "copy."));
		return EXIT_CHECK;
	}
	if (to_repair) {
		printf("%s\n", _("stemtui check --repair rebuilds what is wrong."));
		return EXIT_CHECK;
	}
	if (skipped) {
		printf("%s\n", _("Some checks could not run."));
		return EXIT_FAIL;
	}
	for (i = 0; i < CHECK_COUNT; i++)
		if (r->repaired[i]) {
			printf("%s\n", _("Rebuilt what was wrong: the database is healthy now."));
			return EXIT_OK;
		}
	printf("%s\n", _("The database is healthy."));
	return EXIT_OK;
}

int cli_check(cli_ctx *ctx)
{
	check_report r;
	st_err err;
	int i, rc;

	rc = ctx->opt.repair ? db_check_repair(ctx->db, ctx->db_path, &r, &err)
			     : db_check(ctx->db, ctx->db_path, &r, &err);
	if (rc != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	printf(_("Database: %s\n"), ctx->db_path);
	for (i = 0; i < CHECK_COUNT; i++)
		print_item(&r, i);
	rc = summary(&r, db_read_only(ctx->db));
	check_report_free(&r);
	return rc;
}
