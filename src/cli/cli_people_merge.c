/* cli_people_merge.c: `stemtui people --duplicates`, the groups of people
 * who look like the same person (person_merge.h), and `stemtui people
 * --merge A B`, which merges two of them into the one the rule keeps. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/people.h"
#include "core/person_match.h"
#include "core/person_merge.h"

/* Field names of the CSV header (stemtui(1), never renamed): the group's
 * number and why its people look alike ("name" or "email"), then those
 * of `people`. */
static const char *const dup_fields[] = {
	"group", "reason", "id", "first_name", "last_name", "role", "organisation", "email", "focus",
};
static const char *const dup_fields_pseudo[] = {
	"group", "reason", "code", "role", "organisation", "focus",
};
#define COUNT(a) (sizeof (a) / sizeof (a)[0])

int cli_people_merge_check(const cli_options *opt)
{
	const char *what = opt->merge ? "--merge" : "--duplicates";

	if (opt->merge && opt->duplicates) {
		cli_error(_("--duplicates and --merge do not go together"));
	} else if (opt->given & (OPTS_NAME | OPTS_ROLE | OPTS_FOCUS | OPTS_ORGANISATION)) {
		cli_error(_("%s does not take --name, --role, --focus or --organisation"), what);
	} else if (opt->merge && opt->given & (OPTS_FORMAT | OPTS_PSEUDONYMISE)) {
		cli_error(_("--merge does not take --format or --pseudonymise"));
	} else if (opt->merge && opt->nargs != 3) {
		cli_error(_("'people --merge' takes two people (their ids)"));
	} else if (opt->duplicates && opt->nargs > 1) {
		cli_error(_("'people --duplicates' takes no arguments"));
	} else {
		return EXIT_OK;
	}
	options_print_try_help();
	return EXIT_USAGE;
}

/* --- people --duplicates ------------------------------------------------ */

struct dup_walk {
	cli_ctx *ctx;
	int groups;
};

static const char *reason_key(enum dup_reason r)
{
	return r == DUP_EMAIL ? "email" : "name";
}

static const char *reason_label(enum dup_reason r)
{
	return r == DUP_EMAIL ? _("same e-mail") : _("same name");
}

static void dup_table_header(bool pseudo)
{
	cli_cell(_("Group"), 5);
	cli_cell(_("Why"), 12);
	if (pseudo) {
		cli_cell(_("Code"), 6);
		printf("%s\n", _("Organisation"));
		return;
	}
	cli_cell(_("Id"), 6);
	cli_cell(_("Name"), 24);
	cli_cell(_("Organisation"), 28);
	printf("%s\n", _("E-mail"));
}

static void dup_table_row(const cli_ctx *ctx, const person_dup_group *g, int i, int group)
{
	const st_person *p = &g->people[i];
	char buf[256];

	snprintf(buf, sizeof buf, "%d", group);
	cli_cell(buf, 5);
	cli_cell(reason_label(g->reason), 12);
	if (ctx->opt.pseudonymise) {
		person_pseudonym(p->id, buf, sizeof buf);
		cli_cell(buf, 6);
		cli_cell_last(p->organisation);
		return;
	}
	snprintf(buf, sizeof buf, "%lld", p->id);
	cli_cell(buf, 6);
	cli_sort_name(p, buf, sizeof buf);
	cli_cell(buf, 24);
	cli_cell(p->organisation, 28);
	cli_cell_last(p->email);
}

static void dup_csv_row(const cli_ctx *ctx, const person_dup_group *g, int i, int group)
{
	char num[32];

	snprintf(num, sizeof num, "%d", group);
	emit_csv_field(stdout, num, true);
	emit_csv_field(stdout, reason_key(g->reason), false);
	/* The person's own fields follow, as `people` writes them. */
	fputc(',', stdout);
	export_person_csv(stdout, CSV_RFC4180, &g->people[i], ctx->opt.pseudonymise);
}

static void dup_json_group(const cli_ctx *ctx, const person_dup_group *g, int group)
{
	int i;

	fputs(group == 1 ? "\n  {" : ",\n  {", stdout);
	printf("\"group\": %d, ", group);
	emit_json_member(stdout, "reason", reason_key(g->reason), false, true);
	fputs(", \"people\": [", stdout);
	for (i = 0; i < g->n; i++)
		export_person_json(stdout, &g->people[i], ctx->opt.pseudonymise, i == 0);
	fputs("]}", stdout);
}

static int print_group(void *c, const person_dup_group *g, st_err *err)
{
	struct dup_walk *w = c;
	int i;

	(void)err;
	w->groups++;
	if (w->ctx->opt.output == FORMAT_JSON) {
		dup_json_group(w->ctx, g, w->groups);
		return 0;
	}
	for (i = 0; i < g->n; i++) {
		if (w->ctx->opt.output == FORMAT_CSV)
			dup_csv_row(w->ctx, g, i, w->groups);
		else
			dup_table_row(w->ctx, g, i, w->groups);
	}
	return 0;
}

int cli_people_duplicates(cli_ctx *ctx)
{
	enum output_format out = ctx->opt.output;
	struct dup_walk w = { ctx, 0 };
	st_err err;
	int rc;

	if (out == FORMAT_CSV && ctx->opt.pseudonymise)
		cli_csv_header(dup_fields_pseudo, COUNT(dup_fields_pseudo));
	else if (out == FORMAT_CSV)
		cli_csv_header(dup_fields, COUNT(dup_fields));
	else if (out == FORMAT_TABLE)
		dup_table_header(ctx->opt.pseudonymise);
	else
		fputs("[", stdout);
	rc = person_duplicate_groups(ctx->db, print_group, &w, &err);
	if (out == FORMAT_JSON)
		fputs(w.groups ? "\n]\n" : "]\n", stdout);
	else if (out == FORMAT_TABLE && rc == 0 && w.groups == 0)
		printf("%s\n", _("No two people look like the same person."));
	else if (out == FORMAT_TABLE && rc == 0)
		printf(ngettext("%d group of people who look like the same person; the first of"
				" each is the one 'people --merge' keeps\n",
				"%d groups of people who look like the same person; the first of"
				" each is the one 'people --merge' keeps\n", (unsigned long)w.groups),
		       w.groups);
	if (rc != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* --- people --merge A B ---------------------------------------------------- */

/* The person an argument names (an id, or a name only one has). */
static int find_person(cli_ctx *ctx, const char *text, st_person *p)
{
	st_err err;
	int rc = person_resolve(ctx->db, text, p, &err);

	if (rc == 1)
		return EXIT_OK;
	cli_error("%s", err.msg);
	cli_person_hint(rc);
	return EXIT_FAIL;
}

static void say_merged(const st_person *keep, const st_person *gone, const person_merge_impact *m)
{
	printf(_("Merged %s %s (%lld) into %s %s (%lld), the one entered first.\n"),
	       gone->first_name, gone->last_name, gone->id, keep->first_name, keep->last_name,
	       keep->id);
	printf(_("Moved: attendance rows %d (combined with a row at the same session: %d),"
		 " notes about them %d, coach links %d, focus tags %d.\n"),
	       m->attendance, m->combined, m->notes, m->coaching, m->focus);
}

int cli_people_merge(cli_ctx *ctx)
{
	st_person a = { 0 }, b = { 0 };
	person_merge_impact m;
	st_err err;
	int rc = find_person(ctx, ctx->opt.args[1], &a);

	if (rc == EXIT_OK)
		rc = find_person(ctx, ctx->opt.args[2], &b);
	if (rc == EXIT_OK && person_merge(ctx->db, a.id, b.id, &m, &err) != 0) {
		cli_error("%s", err.msg);
		rc = EXIT_FAIL;
	}
	if (rc == EXIT_OK)
		say_merged(m.keep == a.id ? &a : &b, m.keep == a.id ? &b : &a, &m);
	person_clear(&a);
	person_clear(&b);
	return rc;
}
