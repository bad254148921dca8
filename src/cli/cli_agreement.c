/* cli_agreement.c: `stemtui agreement` (agreement between two coders per
 * factor: percent and Cohen's kappa) and `stemtui agreement
 * disagreements` (the notes where coders disagree on a factor's
 * polarity). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/agreement.h"
#include "core/emit.h"
#include "core/export_rows.h"
#include "core/i18n.h"
#include "core/text.h"

/* CSV header and JSON keys, in this order (documented in stemtui(1)). */
static const char *const agreement_fields[] = {
	"code", "name", "both", "agree", "percent", "kappa",
};
static const char *const disagreement_fields[] = {
	"note", "session", "date", "code", "name", "polarities", "text",
};

enum { W_FACTOR = 44, W_NUM = 7, W_SESSION = 12, W_CODE = 8, W_POLARITIES = 24 };

int cli_agreement_check(const cli_options *opt)
{
	if (opt->coder) {
		fprintf(stderr, _("%s: option '--%s' does not apply to '%s'\n"), PACKAGE, "coder",
			"agreement");
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->nargs > 2 || (opt->nargs == 2 && strcmp(opt->args[1], "disagreements") != 0)) {
		cli_error("%s", _("usage: stemtui agreement [disagreements] [--coders A,B]"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (opt->coders) {
		const char *comma = strchr(opt->coders, ',');

		if (!comma || comma == opt->coders || !comma[1] || strchr(comma + 1, ',')) {
			cli_error(_("--coders wants two names with a comma between them"
				    " (\"An,Bert\"), not '%s'"), opt->coders);
			options_print_try_help();
			return EXIT_USAGE;
		}
	}
	return cli_check_session_kind(opt);
}

/* v with decimals figures after a '.', whatever the locale (JSON and CSV
 * want a point; a table too, beside them). */
static void fixed(double v, int decimals, char *buf, size_t size)
{
	long long scale = decimals == 1 ? 10 : 1000;
	long long x = (long long)((v < 0 ? -v : v) * (double)scale + 0.5);

	snprintf(buf, size, "%s%lld.%0*lld", v < 0 && x ? "-" : "", x / scale, decimals,
		 x % scale);
}

static void num_cell(const char *s)
{
	char *fit = text_fit_right(s, W_NUM);

	printf(" %s", fit ? fit : s);
	free(fit);
}

static void table_row(const char *label, const agreement_row *r)
{
	char num[32], *fit = text_fit(label, W_FACTOR, true);

	fputs(fit ? fit : label, stdout);
	free(fit);
	snprintf(num, sizeof num, "%d", r->both);
	num_cell(num);
	snprintf(num, sizeof num, "%d", r->agree);
	num_cell(num);
	fixed(r->percent, 1, num, sizeof num);
	num_cell(num);
	if (r->has_kappa)
		fixed(r->kappa, 3, num, sizeof num);
	num_cell(r->has_kappa ? num : "-");
	fputc('\n', stdout);
}

static void print_table(const char *a, const char *b, const agreement_row *rows, int n,
			const agreement_row *total)
{
	const char *head[4] = { _("Both"), _("Agree"), "%", _("Kappa") };
	char left[512], *fit;
	int i, notes = n ? rows[0].both : 0;

	printf(ngettext("Coders %s and %s: %d note tagged by both\n",
			"Coders %s and %s: %d notes tagged by both\n", (unsigned long)notes),
	       a, b, notes);
	fit = text_fit(_("Factor"), W_FACTOR, true);
	fputs(fit ? fit : "", stdout);
	free(fit);
	for (i = 0; i < 4; i++)
		num_cell(head[i]);
	fputc('\n', stdout);
	for (i = 0; i < n; i++) {
		snprintf(left, sizeof left, "%*s%-5s %s", 2 * rows[i].depth, "", rows[i].code,
			 rows[i].name);
		table_row(left, &rows[i]);
	}
	table_row(_("Total (every note and factor)"), total);
}

static void csv_row(const agreement_row *r)
{
	char num[32];

	emit_csv_field(stdout, r->code, true);
	emit_csv_field(stdout, r->name, false);
	snprintf(num, sizeof num, "%d", r->both);
	emit_csv_field(stdout, num, false);
	snprintf(num, sizeof num, "%d", r->agree);
	emit_csv_field(stdout, num, false);
	fixed(r->percent, 1, num, sizeof num);
	emit_csv_field(stdout, num, false);
	if (r->has_kappa)
		fixed(r->kappa, 3, num, sizeof num);
	emit_csv_field(stdout, r->has_kappa ? num : "", false);
	emit_csv_end(stdout);
}

static void json_row(const agreement_row *r, bool first)
{
	char num[32];

	export_json_start(stdout, first);
	emit_json_member(stdout, "code", r->code, false, true);
	emit_json_member(stdout, "name", r->name, false, false);
	export_json_number(stdout, "both", r->both, false);
	export_json_number(stdout, "agree", r->agree, false);
	fixed(r->percent, 1, num, sizeof num);
	printf(", \"percent\": %s", num);
	if (r->has_kappa)
		fixed(r->kappa, 3, num, sizeof num);
	printf(", \"kappa\": %s}", r->has_kappa ? num : "null");
}

static void print_rows(enum output_format out, const char *a, const char *b,
		       const agreement_row *rows, int n, const agreement_row *total)
{
	int i;

	if (out == FORMAT_TABLE) {
		print_table(a, b, rows, n, total);
		return;
	}
	if (out == FORMAT_CSV) {
		for (i = 0; i < (int)(sizeof agreement_fields / sizeof agreement_fields[0]); i++)
			emit_csv_field(stdout, agreement_fields[i], i == 0);
		emit_csv_end(stdout);
	} else {
		fputs("[", stdout);
	}
	for (i = 0; i <= n; i++) {
		if (out == FORMAT_CSV)
			csv_row(i < n ? &rows[i] : total);
		else
			json_row(i < n ? &rows[i] : total, i == 0);
	}
	if (out == FORMAT_JSON)
		export_json_end_array(stdout, false);
}

/* The two coders: --coders, else the two with most tags (said on stderr
 * for a table, as a person reads it).  Returns an exit code. */
static int find_coders(cli_ctx *ctx, char a[CODER_MAX], char b[CODER_MAX])
{
	const char *comma = ctx->opt.coders ? strchr(ctx->opt.coders, ',') : NULL;
	st_err err;
	int coders;

	if (comma) {
		snprintf(a, CODER_MAX, "%.*s", (int)(comma - ctx->opt.coders), ctx->opt.coders);
		snprintf(b, CODER_MAX, "%s", comma + 1);
		return EXIT_OK;
	}
	coders = agreement_default_coders(ctx->db, a, b, &err);
	if (coders < 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (coders < 2) {
		cli_error(ngettext("agreement needs two coders, and the tags record %d; tags record"
				   " their coder from the facilitator in the config or --facilitator",
				   "agreement needs two coders, and the tags record %d; tags record"
				   " their coder from the facilitator in the config or --facilitator",
				   (unsigned long)coders), coders);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Where `agreement disagreements` is: its format and how many rows it
 * printed. */
struct listing {
	enum output_format out;
	int rows;
};

/* One line of `agreement disagreements`. */
static int print_disagreement(void *ctx, const disagreement *d)
{
	struct listing *l = ctx;
	enum output_format out = l->out;
	char id[32];

	snprintf(id, sizeof id, "%lld", d->note_id);
	if (out == FORMAT_CSV) {
		const char *cells[7] = { id, d->session, d->date, d->code, d->name, d->polarities,
					 d->body };
		int i;

		for (i = 0; i < 7; i++)
			emit_csv_field(stdout, cells[i], i == 0);
		emit_csv_end(stdout);
	} else if (out == FORMAT_JSON) {
		export_json_start(stdout, l->rows == 0);
		export_json_number(stdout, "note", d->note_id, true);
		emit_json_member(stdout, "session", d->session, false, false);
		emit_json_member(stdout, "date", d->date, false, false);
		emit_json_member(stdout, "code", d->code, false, false);
		emit_json_member(stdout, "name", d->name, false, false);
		emit_json_member(stdout, "polarities", d->polarities, false, false);
		emit_json_member(stdout, "text", d->body, false, false);
		fputs("}", stdout);
	} else {
		cli_cell(id, 6);
		cli_cell(d->session, W_SESSION);
		cli_cell(d->code, W_CODE);
		cli_cell(d->polarities, W_POLARITIES);
		cli_cell_last(d->body);
	}
	l->rows++;
	return 0;
}

/* `agreement disagreements`: among --coders, else every coder. */
static int run_disagreements(cli_ctx *ctx, agreement_options *o)
{
	enum output_format out = ctx->opt.output;
	struct listing l = { out, 0 };
	st_err err;
	int i, rc;

	if (out == FORMAT_CSV) {
		for (i = 0; i < 7; i++)
			emit_csv_field(stdout, disagreement_fields[i], i == 0);
		emit_csv_end(stdout);
	} else if (out == FORMAT_JSON) {
		fputs("[", stdout);
	}
	rc = agreement_disagreements(ctx->db, o, print_disagreement, &l, &err);
	if (rc != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (out == FORMAT_JSON)
		export_json_end_array(stdout, l.rows == 0);
	else if (out == FORMAT_TABLE)
		printf(ngettext("%d disagreement on polarity\n", "%d disagreements on polarity\n",
				(unsigned long)l.rows), l.rows);
	return EXIT_OK;
}

int cli_agreement(cli_ctx *ctx)
{
	agreement_options o = { .session_kind = cli_kind_key(ctx->opt.session_kind) };
	char a[CODER_MAX], b[CODER_MAX];
	agreement_row *rows, total;
	int n, rc;
	st_err err;

	if ((rc = cli_find_programme(ctx, &o.programme_id)) != EXIT_OK)
		return rc;
	if (ctx->opt.nargs == 2 && !ctx->opt.coders)
		return run_disagreements(ctx, &o);
	if ((rc = find_coders(ctx, a, b)) != EXIT_OK)
		return rc;
	o.coder_a = a;
	o.coder_b = b;
	if (ctx->opt.nargs == 2)
		return run_disagreements(ctx, &o);
	if (agreement_compute(ctx->db, &o, &rows, &n, &total, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	print_rows(ctx->opt.output, a, b, rows, n, &total);
	free(rows);
	return EXIT_OK;
}
