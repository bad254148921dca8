/* cli_people.c: `stemtui people`, `stemtui attendance SESSION` and
 * `stemtui checkin SESSION PERSON`: the people of the network and who came
 * to a session, as text for people and scripts, and check-in from a script
 * or a badge scanner. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/attendance.h"
#include "core/emit.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/organisation.h"
#include "core/people.h"
#include "core/person_match.h"
#include "core/session_match.h"
#include "core/walk.h"
#include "core/programme.h"
#include "core/roles.h"
#include "core/text.h"

#define ORG_CANDIDATES 6

/* Field names of the CSV header and the JSON keys (documented in
 * stemtui(1), so never renamed).  With --pseudonymise the names and the
 * e-mail address are left out and `code` (P017) takes their place.
 * Attendance has the export's (export.h). */
static const char *const people_fields[] = {
	"id", "first_name", "last_name", "role", "organisation", "email", "focus",
};
static const char *const people_fields_pseudo[] = {
	"code", "role", "organisation", "focus",
};
#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* --- Shared ------------------------------------------------------------- */

void cli_csv_header(const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		emit_csv_field(stdout, names[i], i == 0);
	emit_csv_end(stdout);
}

void cli_sort_name(const st_person *p, char *buf, size_t size)
{
	snprintf(buf, size, "%s, %s", p->last_name, p->first_name);
}

/* The focus tags "a,b" as "a, b" for people. */
static char *focus_text(const char *focus)
{
	size_t n = 0;
	const char *s;
	char *out, *o;

	for (s = focus ? focus : ""; *s; s++)
		n += *s == ',' ? 2 : 1;
	out = o = malloc(n + 1);
	if (!out)
		return NULL;
	for (s = focus ? focus : ""; *s; s++) {
		*o++ = *s;
		if (*s == ',')
			*o++ = ' ';
	}
	*o = '\0';
	return out;
}

int cli_find_programme(cli_ctx *ctx, long long *id)
{
	st_programme p = { 0 };
	st_err err;
	int rc;

	*id = 0;
	if (!ctx->opt.programme)
		return EXIT_OK;
	rc = programme_find(ctx->db, ctx->opt.programme, &p, &err);
	if (rc < 0)
		cli_error("%s", err.msg);
	else if (rc == 0)
		cli_error(_("no programme called '%s'"), ctx->opt.programme);
	*id = p.id;
	programme_clear(&p);
	return rc == 1 ? EXIT_OK : EXIT_FAIL;
}

int cli_session_id(cli_ctx *ctx, const char *text, long long *id)
{
	long long programme_id;
	st_err err;
	int rc;

	if ((rc = cli_find_programme(ctx, &programme_id)) != EXIT_OK)
		return rc;
	rc = session_resolve(ctx->db, text, programme_id, id, &err);
	if (rc == SESSION_FOUND_ELSEWHERE_TOO) {
		fprintf(stderr, _("%s: warning: %s\n"), PACKAGE, err.msg);
		return EXIT_OK;
	}
	if (rc == 1)
		return EXIT_OK;
	cli_error("%s", err.msg);   /* none, several, or an error */
	/* What to do about it, for a script's log as for a person. */
	if (rc == 2 && !ctx->opt.programme)
		fprintf(stderr, "%s\n", _("Say which programme with --programme NAME (its name or "
					   "school year)."));
	else if (rc == 2)
		fprintf(stderr, "%s\n", _("Type the session's whole code, as 'stemtui sessions' "
					   "shows it."));
	else if (rc == 0)
		fprintf(stderr, "%s\n", _("'stemtui sessions' lists the sessions (with --programme "
					   "NAME, those of another programme)."));
	return EXIT_FAIL;
}

void cli_person_hint(int rc)
{
	if (rc == 2)
		fprintf(stderr, "%s\n", _("Give more of the name, or the person's id (in brackets)."));
	else if (rc == 0)
		fprintf(stderr, "%s\n", _("'stemtui people --name TEXT' lists the people whose name "
					   "holds TEXT."));
}

int cli_find_session(cli_ctx *ctx, const char *text, st_session *s)
{
	long long id = 0;
	st_err err;
	int rc;

	if ((rc = cli_session_id(ctx, text, &id)) != EXIT_OK)
		return rc;
	rc = session_get(ctx->db, id, s, &err);
	if (rc == 1)
		return EXIT_OK;
	if (rc == 0)
		st_err_set(&err, _("the session is gone"));
	cli_error("%s", err.msg);
	return EXIT_FAIL;
}

int cli_roles_prepare(cli_ctx *ctx)
{
	st_err err;
	int i;

	if (roles_load(&ctx->roles, &ctx->settings, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	if (!ctx->opt.role)
		return EXIT_OK;
	i = roles_find(&ctx->roles, ctx->opt.role);
	if (i >= 0) {
		ctx->role_key = ctx->roles.role[i].key;
		return EXIT_OK;
	}
	cli_error(_("unknown role '%s'; the roles are:"), ctx->opt.role);
	for (i = 0; i < ctx->roles.n; i++)
		fprintf(stderr, "  %-24s %s\n", ctx->roles.role[i].key,
			roles_label(&ctx->roles, ctx->roles.role[i].key));
	options_print_try_help();
	return EXIT_USAGE;
}

/* --- people --------------------------------------------------------------- */

/* Finds the one organisation --organisation means: the one whose name is
 * the text (ignoring case and accents), else the only one containing it.
 * Returns an exit code, with the candidates printed when there are
 * several. */
static int find_organisation(cli_ctx *ctx, long long *id)
{
	st_organisation found[ORG_CANDIDATES];
	const char *text = ctx->opt.organisation;
	char *want = text_fold(text), *have;
	bool exact = false;
	st_err err;
	int n, i;

	memset(found, 0, sizeof found);
	n = org_search(ctx->db, text, found, ORG_CANDIDATES, &err);
	if (n < 0) {
		cli_error("%s", err.msg);
		free(want);
		return EXIT_FAIL;
	}
	if (n > 0) {
		have = text_fold(found[0].name);
		exact = want && have && strcmp(want, have) == 0;
		free(have);
	}
	free(want);
	if (n == 1 || exact) {
		*id = found[0].id;
	} else if (n == 0) {
		cli_error(_("no organisation matches '%s'"), text);
	} else {
		cli_error(_("'%s' matches several organisations:"), text);
		for (i = 0; i < n && i < ORG_CANDIDATES - 1; i++)
			fprintf(stderr, "  %s\n", found[i].name);
		if (n == ORG_CANDIDATES)
			fputs("  ...\n", stderr);
	}
	for (i = 0; i < n; i++)
		org_clear(&found[i]);
	return (n == 1 || exact) ? EXIT_OK : EXIT_FAIL;
}

static void people_table_header(bool pseudo)
{
	if (pseudo)
		cli_cell(_("Code"), 6);
	else
		cli_cell(_("Name"), 24);
	cli_cell(_("Role"), 22);
	cli_cell(_("Organisation"), 28);
	if (pseudo) {
		printf("%s\n", _("Focus"));
	} else {
		cli_cell(_("Focus"), 24);
		printf("%s\n", _("E-mail"));
	}
}

static void people_table_row(const cli_ctx *ctx, const st_person *p)
{
	char name[256], *focus = focus_text(p->focus);

	if (ctx->opt.pseudonymise) {
		person_pseudonym(p->id, name, sizeof name);
		cli_cell(name, 6);
	} else {
		cli_sort_name(p, name, sizeof name);
		cli_cell(name, 24);
	}
	cli_cell(roles_label(&ctx->roles, p->role), 22);
	cli_cell(p->organisation, 28);
	/* The e-mail address comes last, so that it is never cut. */
	if (ctx->opt.pseudonymise) {
		cli_cell_last(focus);
	} else {
		cli_cell(focus, 24);
		cli_cell_last(p->email);
	}
	free(focus);
}

static void people_csv_row(const cli_ctx *ctx, const st_person *p)
{
	export_person_csv(stdout, CSV_RFC4180, p, ctx->opt.pseudonymise);
}

static void people_json_row(const cli_ctx *ctx, const st_person *p, bool first)
{
	export_person_json(stdout, p, ctx->opt.pseudonymise, first);
}

int cli_people_check(const cli_options *opt)
{
	if (opt->duplicates || opt->merge)
		return cli_people_merge_check(opt);
	if (opt->nargs > 1) {
		cli_error(_("'people' takes no arguments"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_people_filter(cli_ctx *ctx, person_filter *f)
{
	memset(f, 0, sizeof *f);
	f->name = ctx->opt.name;
	f->role = ctx->role_key;
	f->focus = ctx->opt.focus;
	return ctx->opt.organisation ? find_organisation(ctx, &f->organisation_id) : EXIT_OK;
}

/* What printing a list of people or attendees needs while it walks it. */
struct people_walk {
	cli_ctx *ctx;
	person_filter filter;
	st_session *session;       /* attendance only */
	const char *programme;     /* attendance only */
	long long rows;
};

static int fetch_people(void *c, const void *anchor, void *out, int n, st_err *err)
{
	struct people_walk *w = c;

	return person_page(w->ctx->db, &w->filter, anchor, false, out, n, err);
}

static int print_person(void *c, void *row, long long index)
{
	struct people_walk *w = c;

	if (w->ctx->opt.output == FORMAT_CSV)
		people_csv_row(w->ctx, row);
	else if (w->ctx->opt.output == FORMAT_JSON)
		people_json_row(w->ctx, row, index == 0);
	else
		people_table_row(w->ctx, row);
	w->rows++;
	return 0;
}

static void clear_person(void *row)
{
	person_clear(row);
}

int cli_people(cli_ctx *ctx)
{
	static const struct walk_source people = { sizeof(st_person), fetch_people, clear_person };
	enum output_format out = ctx->opt.output;
	struct people_walk w = { .ctx = ctx };
	int rc;
	st_err err;

	if (ctx->opt.duplicates)
		return cli_people_duplicates(ctx);
	if (ctx->opt.merge)
		return cli_people_merge(ctx);
	if ((rc = cli_people_filter(ctx, &w.filter)) != EXIT_OK)
		return rc;
	w.filter.by_code = ctx->opt.pseudonymise;
	if (out == FORMAT_CSV) {
		if (ctx->opt.pseudonymise)
			cli_csv_header(people_fields_pseudo, COUNT(people_fields_pseudo));
		else
			cli_csv_header(people_fields, COUNT(people_fields));
	} else if (out == FORMAT_TABLE) {
		people_table_header(ctx->opt.pseudonymise);
	} else {
		fputs("[", stdout);
	}
	rc = walk_rows(&people, &w, print_person, &err);
	if (out == FORMAT_JSON)
		fputs(w.rows ? "\n]\n" : "]\n", stdout);
	else if (out == FORMAT_TABLE && rc == 0)
		printf(ngettext("%lld person\n", "%lld people\n", (unsigned long)w.rows), w.rows);
	if (rc != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* --- attendance --------------------------------------------------------- */

/* The name of the programme with this id, into buf ("" if not found). */
static int programme_name(sqlite3 *db, long long id, char *buf, size_t size)
{
	st_programme list[64];
	st_err err;
	int n, i;

	buf[0] = '\0';
	memset(list, 0, sizeof list);
	n = programme_list(db, list, 64, &err);
	if (n < 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	for (i = 0; i < n; i++) {
		if (list[i].id == id)
			snprintf(buf, size, "%s", list[i].name);
		programme_clear(&list[i]);
	}
	return EXIT_OK;
}

static void attendance_table_header(const st_session *s, const char *programme, bool pseudo)
{
	char date[64];

	session_date_text(s, false, date, sizeof date);
	printf("%s  %s  %s  %s\n", s->code, *s->title ? s->title : session_kind_text(s->kind),
	       date, programme);
	if (pseudo)
		cli_cell(_("Code"), 6);
	else
		cli_cell(_("Name"), 24);
	cli_cell(_("Status"), 15);
	cli_cell(_("Arrived"), 10);
	cli_cell(_("Role"), 22);
	printf("%s\n", _("Organisation"));
}

static void attendance_table_row(const cli_ctx *ctx, const st_attendee *a)
{
	char name[256];

	if (ctx->opt.pseudonymise) {
		person_pseudonym(a->person.id, name, sizeof name);
		cli_cell(name, 6);
	} else {
		cli_sort_name(&a->person, name, sizeof name);
		cli_cell(name, 24);
	}
	cli_cell(attendee_status_label(a), 15);
	cli_cell(a->arrived_at, 10);
	cli_cell(roles_label(&ctx->roles, a->person.role), 22);
	cli_cell_last(a->person.organisation);
}

static void attendance_csv_row(const cli_ctx *ctx, const char *programme,
			       const st_session *s, const st_attendee *a)
{
	export_attendee_csv(stdout, CSV_RFC4180, programme, s->code, a,
			    ctx->opt.pseudonymise);
}

static void attendance_json_row(const cli_ctx *ctx, const char *programme,
				const st_session *s, const st_attendee *a, bool first)
{
	export_attendee_json(stdout, programme, s->code, a, ctx->opt.pseudonymise, first);
}

/* ", and 2 walk-ins" and the end of the line. */
static void walk_ins_line_end(int walk_ins)
{
	if (walk_ins)
		printf(ngettext(", and %d walk-in", ", and %d walk-ins", (unsigned long)walk_ins),
		       walk_ins);
	putchar('\n');
}

/* "12 present of 40 registered (3 absent, 2 excused), and 2 walk-ins",
 * then per role. */
static int attendance_summary(cli_ctx *ctx, long long session_id)
{
	att_counts c;
	st_err err;
	int i;

	memset(&c, 0, sizeof c);
	if (attendance_counts(ctx->db, session_id, &c, &err) != 0) {
		cli_error("%s", err.msg);
		return EXIT_FAIL;
	}
	printf(_("%d present of %d registered (%d absent, %d excused)"),
	       c.present, c.registered, c.absent, c.excused);
	walk_ins_line_end(c.walk_ins);
	attendance_counts_order(&c, &ctx->roles);
	for (i = 0; i < c.nroles; i++) {
		printf(_("  %s: %d of %d"), roles_label(&ctx->roles, c.by_role[i].role),
		       c.by_role[i].present, c.by_role[i].registered);
		walk_ins_line_end(c.by_role[i].walk_ins);
	}
	return EXIT_OK;
}

int cli_attendance_check(const cli_options *opt)
{
	if (opt->nargs != 2) {
		cli_error("%s", _("usage: stemtui attendance SESSION"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int fetch_attendees(void *c, const void *anchor, void *out, int n, st_err *err)
{
	struct people_walk *w = c;

	if (w->ctx->opt.pseudonymise)
		return attendance_page_by_code(w->ctx->db, w->session->id, anchor, out, n, err);
	return attendance_page(w->ctx->db, w->session->id, NULL, anchor, false, out, n, err);
}

static int print_attendee(void *c, void *row, long long index)
{
	struct people_walk *w = c;

	if (w->ctx->opt.output == FORMAT_CSV)
		attendance_csv_row(w->ctx, w->programme, w->session, row);
	else if (w->ctx->opt.output == FORMAT_JSON)
		attendance_json_row(w->ctx, w->programme, w->session, row, index == 0);
	else
		attendance_table_row(w->ctx, row);
	w->rows++;
	return 0;
}

static void clear_attendee(void *row)
{
	attendee_clear(row);
}

int cli_attendance(cli_ctx *ctx)
{
	static const struct walk_source attendees = { sizeof(st_attendee), fetch_attendees,
						      clear_attendee };
	enum output_format out = ctx->opt.output;
	st_session s = { 0 };
	char programme[256];
	struct people_walk w = { .ctx = ctx, .session = &s, .programme = programme };
	int rc;
	st_err err;

	if ((rc = cli_find_session(ctx, ctx->opt.args[1], &s)) != EXIT_OK)
		return rc;
	if ((rc = programme_name(ctx->db, s.programme_id, programme, sizeof programme)) != EXIT_OK) {
		session_clear(&s);
		return rc;
	}
	if (out == FORMAT_CSV) {
		if (ctx->opt.pseudonymise)
			cli_csv_header(export_attendance_fields_pseudo,
				   COUNT(export_attendance_fields_pseudo));
		else
			cli_csv_header(export_attendance_fields, COUNT(export_attendance_fields));
	} else if (out == FORMAT_TABLE) {
		attendance_table_header(&s, programme, ctx->opt.pseudonymise);
	} else {
		fputs("[", stdout);
	}
	if (walk_rows(&attendees, &w, print_attendee, &err) != 0) {
		cli_error("%s", err.msg);
		rc = EXIT_FAIL;
	} else if (out == FORMAT_JSON) {
		fputs(w.rows ? "\n]\n" : "]\n", stdout);
	} else if (out == FORMAT_TABLE) {
		rc = attendance_summary(ctx, s.id);
	}
	session_clear(&s);
	return rc;
}

/* --- checkin -------------------------------------------------------------- */

static enum att_status checkin_status(const char *text)
{
	static const enum att_status allowed[] = { ATT_PRESENT, ATT_ABSENT, ATT_EXCUSED };
	size_t i;

	if (!text)
		return ATT_PRESENT;
	for (i = 0; i < COUNT(allowed); i++)
		if (strcmp(text, att_status_key(allowed[i])) == 0)
			return allowed[i];
	return ATT_NONE;
}

int cli_checkin_check(const cli_options *opt)
{
	if (opt->nargs != 3) {
		cli_error("%s", _("usage: stemtui checkin SESSION PERSON [--status present|absent|excused]"));
		options_print_try_help();
		return EXIT_USAGE;
	}
	if (checkin_status(opt->status) == ATT_NONE) {
		cli_error(_("unknown status '%s' (use present, absent or excused)"), opt->status);
		options_print_try_help();
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* The arrival time stamped for the person at the session, into buf
 * ("" when none).  Returns 0 or -1. */
static int arrival_time(sqlite3 *db, long long session_id, long long person_id,
			char *buf, size_t size, st_err *err)
{
	enum { MAX_HISTORY = 1000 };
	att_history *h = calloc(MAX_HISTORY, sizeof *h);
	int n, i;

	buf[0] = '\0';
	if (!h)
		return st_err_set(err, "%s", _("out of memory"));
	n = attendance_history(db, person_id, h, MAX_HISTORY, err);
	for (i = 0; i < n; i++)
		if (h[i].session_id == session_id)
			snprintf(buf, size, "%s", h[i].arrived_at);
	free(h);
	return n < 0 ? -1 : 0;
}

int cli_checkin(cli_ctx *ctx)
{
	enum att_status status = checkin_status(ctx->opt.status);
	const char *who = ctx->opt.args[2];
	st_session s = { 0 };
	st_person p = { 0 };
	char name[256], at[16];
	st_err err;
	int rc;

	if ((rc = cli_find_session(ctx, ctx->opt.args[1], &s)) != EXIT_OK)
		return rc;
	rc = person_resolve(ctx->db, who, &p, &err);
	if (rc != 1) {
		cli_error("%s", err.msg);   /* nobody, several, or an error */
		cli_person_hint(rc);
		session_clear(&s);
		return EXIT_FAIL;
	}
	snprintf(name, sizeof name, "%s %s", p.first_name, p.last_name);
	rc = EXIT_OK;
	if (attendance_set(ctx->db, s.id, p.id, status, &err) != 0 ||
	    arrival_time(ctx->db, s.id, p.id, at, sizeof at, &err) != 0) {
		cli_error("%s", err.msg);
		rc = EXIT_FAIL;
	} else if (status == ATT_PRESENT) {
		printf(_("%s: %s present at %s\n"), s.code, name, at);
	} else if (status == ATT_ABSENT) {
		printf(_("%s: %s absent\n"), s.code, name);
	} else {
		printf(_("%s: %s excused\n"), s.code, name);
	}
	person_clear(&p);
	session_clear(&s);
	return rc;
}
