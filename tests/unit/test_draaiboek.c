/* test_draaiboek.c: what the draaiboek as a handout is made of (issue
 * 13): names out of a text (pseudonym.c), the language of one export
 * (lang.c), the SVG charts (svg_chart.c), and the document itself on a
 * small database: quotes only from quotes, observations marked, the
 * cap per factor, handvatten, the appendix, figures without zeros,
 * pseudonymised throughout, the interface's language back after an
 * export in another, and an introduction file checked before an export. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/draaiboek_intro.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/lang.h"
#include "core/notes.h"
#include "core/pseudonym.h"
#include "core/svg_chart.h"
#include "../tap.h"
#include "fixture.h"

static long long session, group_session;

static long long note(sqlite3 *db, long long in, const char *kind, const char *group,
		      const char *body, const char *at)
{
	return add_note_at(db, in, kind, group, "Leen Deprez", body, at);
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (; s && (s = strstr(s, what)); s++)
		n++;
	return n;
}

static char *draaiboek(sqlite3 *db, enum export_format fmt, const char *language, bool pseudo,
		       int quotes)
{
	export_options o = { .what = EXPORT_DRAAIBOEK, .format = fmt, .language = language,
			     .pseudonymise = pseudo, .quotes = quotes };

	return export_string(db, &o, NULL);
}

/* Two schools, people with a shared last name, a factor F1 under
 * category F with six enabler quotes, an enabler observation, a barrier
 * observation, an idea and an action; an untagged idea; a factor G1
 * raised only at a groeisessie without a school; an inspiratiesessie
 * without notes. */
static void build(sqlite3 *db)
{
	long long p = add_programme(db, "Prog", "2018-2019");
	long long regenboog = add_org(db, "school", "VBS De Regenboog");
	long long knipoog = add_org(db, "school", "Stedelijke Basisschool De Knipoog");
	long long f, f1, g, g1, n;
	char body[64], at[32];
	int i;

	add_person(db, "Zoë", "Van den Broeck", "leraar", regenboog, "");
	add_person(db, "Françoise", "Peeters", "leraar", knipoog, "");
	add_person(db, "Jan", "Peeters", "leraar", knipoog, "");
	add_person(db, "Leen", "Deprez", "onderzoeker", 0, "");
	add_session(db, p, "COP 01", "inspiratiesessie", "2017-11-09", regenboog);
	session = add_session(db, p, "COP 10", "focusgroep", "2018-11-08", regenboog);
	group_session = add_session(db, p, "COP 07", "groeisessie", "2018-05-31", 0);
	f = add_factor(db, 0, "F", "Categorie", "Def F");
	f1 = add_factor(db, f, "F1", "Factor een", "Def F1");
	g = add_factor(db, 0, "G", "Andere", "");
	g1 = add_factor(db, g, "G1", "Alleen groei", "");
	for (i = 1; i <= 6; i++) {
		snprintf(body, sizeof body, "Citaat %d van Zoë over De Knipoog", i);
		snprintf(at, sizeof at, "2018-11-08 10:0%d:00", i);
		tag(db, note(db, session, "quote", "VBS De Regenboog", body, at), f1, 1);
	}
	tag(db, note(db, session, "observation", "", "Het team van Françoise Peeters werkt samen",
		     "2018-11-08 11:00:00"), f1, 1);
	tag(db, note(db, session, "observation", "", "Peeters zegt dat er geen tijd is",
		     "2018-11-08 11:01:00"), f1, -1);
	tag(db, note(db, session, "idea", "", "Een STEM-kast per graad", "2018-11-08 11:02:00"), f1, 0);
	tag(db, note(db, session, "action", "", "Jan Peeters maakt een lijst", "2018-11-08 11:03:00"),
	    f1, 0);
	note(db, session, "idea", "", "Een idee zonder factor", "2018-11-08 11:04:00");
	note(db, session, "question", "", "Een vraag zonder factor", "2018-11-08 11:05:00");
	n = note(db, group_session, "observation", "tafel 1", "Tijd ontbreekt", "2018-05-31 10:00:00");
	tag(db, n, g1, -1);
}

static void test_pseudonym(sqlite3 *db)
{
	st_err err;
	pseudonymiser *p = pseudonymiser_new(db, &err);
	char *s;

	ok(p != NULL, "a pseudonymiser");
	if (!p)
		return;
	s = pseudonym_text(p, "Zoë Van den Broeck zei het aan Van den Broeck en Zoë.");
	is_str(s, "P001 zei het aan P001 en P001.", "full name, last name, first name: the code");
	free(s);
	s = pseudonym_text(p, "Peeters en Françoise Peeters");
	is_str(s, "[name] en P002", "a last name two people share: [name]; the full name: the code");
	free(s);
	s = pseudonym_text(p, "De Knipoog en VBS De Regenboog, De Regenboog, De Knipoog");
	is_str(s, "school A en school B, school B, school A",
	       "schools by letter in the order they come, the short name too");
	free(s);
	s = pseudonym_text(p, "Zoëtje, Jansen, Deprezzo, regenboog");
	is_str(s, "Zoëtje, Jansen, Deprezzo, regenboog", "only whole words, with their case");
	free(s);
	s = pseudonym_text(p, "Stedelijke Basisschool De Knipoog");
	is_str(s, "school A", "a school column: its letter, the same within one pseudonymiser");
	free(s);
	s = pseudonym_text(p, NULL);
	is_str(s, "", "no text: empty");
	free(s);
	pseudonymiser_free(p);
}

static void test_language(void)
{
	lang_saved saved;
	const char *was = lang_current();

	ok(lang_known("nl") && lang_known("en") && !lang_known("fr") && !lang_known(NULL),
	   "the languages an export can be written in");
	lang_switch("nl", &saved);
	is_str(lang_current(), "nl", "switched to Dutch");
	is_str(_("Contents"), "Inhoud", "  the catalog answers in Dutch");
	lang_restore(&saved);
	is_str(lang_current(), was, "restored: the interface's language again");
	lang_switch("en", &saved);
	is_str(_("Contents"), "Contents", "English");
	lang_restore(&saved);
	lang_switch(NULL, &saved);
	is_str(lang_current(), was, "NULL changes nothing");
	lang_restore(&saved);
}

static void test_svg(void)
{
	const char *series[] = { "helps & <more>", "hinders" };
	svg_row rows[] = { { "F1 Een heel lange naam van een factor die niet in de kolom past", { 3, 1 } },
			   { "G1", { 0, 2 } },
			   { "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", { 1, 1 } } };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	svg_bar_chart(f, "c1", "Title <x>", series, 2, rows, 3);
	fclose(f);
	ok(strncmp(buf, "<figure class=\"chart\">\n<svg", 27) == 0, "svg: a figure with an inline svg");
	has_str(buf, "<title>Title &lt;x&gt;</title>", "svg: an escaped title");
	has_str(buf, "helps &amp; &lt;more&gt;", "svg: escaped legend");
	is_int(count(buf, "<pattern id=\"c1-p"), 4, "svg: a pattern for each series, named by the chart");
	has_str(buf, "fill=\"url(#c1-p1)\"", "svg: bars filled with their pattern (black and white)");
	has_str(buf, ">3</text>", "svg: every bar has its number");
	has_str(buf, ">0</text>", "svg: a zero too, without a bar");
	has_str(buf, ">F1 Een heel lange naam van een factor\xe2\x80\xa6<", "svg: a long label cut, with \xe2\x80\xa6");
	ok(strstr(buf, ">\xc3\xa9") && count(strstr(buf, ">\xc3\xa9"), "\xc3\xa9") == 38 &&
	   strstr(buf, "\xc3\xa9\xe2\x80\xa6<"), "  after 38 characters, not bytes: UTF-8 kept whole");
	ok(!strstr(buf, "http"), "svg: no external reference");
	free(buf);
}

static void test_document(sqlite3 *db)
{
	char *s = draaiboek(db, EXFMT_MD, "en", false, 0);
	const char *p;

	ok(s != NULL, "draaiboek md");
	if (!s)
		return;
	ok((p = strstr(s, "# Draaiboek")) && (p = strstr(p, "## Contents")) &&
	   (p = strstr(p, "## Introduction")) && (p = strstr(p, "## F · Categorie")) &&
	   (p = strstr(p, "## Appendix")), "title, contents, introduction, categories, appendix");
	is_int(count(s, "- “Citaat"), 3, "up to three quotes of a kind by default");
	has_str(s, "- “Citaat 1 van Zoë over De Knipoog” (COP 10, Thu 8 Nov 2018, VBS De Regenboog)",
		"a quote in quotation marks, the oldest first, with its source");
	ok(!strstr(s, "*Observation:* Het team"), "the quotes fill the cap before any observation");
	has_str(s, "**What hinders:**\n\n- *Observation:* Peeters zegt", "a barrier observation, marked");
	has_str(s, "**Handvatten (ideas and actions):**\n\n- *Idea:* Een STEM-kast per graad",
		"handvatten: the idea");
	has_str(s, "- *Action:* Jan Peeters maakt een lijst", "  and the action");
	has_str(s, "### Ideas and actions not yet linked to a factor\n\n- *Idea:* Een idee zonder factor",
		"the appendix: the untagged idea");
	ok(!strstr(s, "Een vraag zonder factor"), "  not the untagged question");
	has_str(s, "- COP 01 · Inspiration session · Thu 9 Nov 2017 · no notes",
		"  every session, the inspiratiesessie without notes too");
	has_str(s, "Came up in 1 note at 1 session: 1 as barrier.",
		"a factor raised only at a groeisessie: no '0 schools', no zeros");
	ok(!strstr(s, "(0 schools)") && !strstr(s, " 0 as "), "no zero figure anywhere");
	has_str(s, "Came up in 10 notes at 1 session (1 school): 7 as enabler, 1 as barrier, 2 as neutral.",
		"the figures with the school where it is known");
	free(s);
	s = draaiboek(db, EXFMT_MD, "en", false, 7);
	is_int(count(s, "- “Citaat"), 6, "--quotes 7: every quote");
	has_str(s, "- *Observation:* Het team van Françoise Peeters", "  then the observation");
	free(s);
	s = draaiboek(db, EXFMT_MD, "nl", false, 0);
	has_str(s, "## Inhoud", "in Dutch with --language nl");
	has_str(s, "Kwam ter sprake in 1 notitie op 1 sessie: 1 keer als drempel.", "  its figures");
	free(s);
}

static void test_pseudonymised(sqlite3 *db)
{
	char *s = draaiboek(db, EXFMT_HTML, "en", true, 7);

	ok(s != NULL, "pseudonymised html");
	if (!s)
		return;
	ok(!strstr(s, "Zoë") && !strstr(s, "Peeters") && !strstr(s, "Françoise") &&
	   !strstr(s, "Regenboog") && !strstr(s, "Knipoog") && !strstr(s, "Deprez"),
	   "no name of a person or a school left");
	has_str(s, "Citaat 1 van P001 over school A</q> <span class=\"source\">(COP 10, Thu 8 Nov 2018, school B)",
		"names in the text and the group replaced, schools by letter");
	has_str(s, "Het team van P002 werkt samen", "a full name: the code");
	has_str(s, "[name] zegt dat er geen tijd is", "a shared last name: [name]");
	has_str(s, "<strong>Facilitators:</strong> P004", "the facilitator by code");
	is_int(count(s, "<svg"), 2, "two charts");
	free(s);
}

/* draaiboek_intro_check: what every file a person writes must be, said
 * with the file and the line before anything is written. */
static void test_intro_check(void)
{
	st_err err;

	is_int(draaiboek_intro_check(NULL, &err), 0, "no introduction given: nothing to check");
	is_int(draaiboek_intro_check(write_file("intro.md", "Zoë en Françoise\n\n- één\n"), &err),
	       0, "UTF-8 text is fine");
	is_int(draaiboek_intro_check(fixture_path("none.md"), &err), -1, "a file that is not there");
	has_str(err.msg, "cannot read the introduction", "  is said");
	is_int(draaiboek_intro_check(fixture_path(""), &err), -1, "a folder");
	has_str(err.msg, "cannot read the introduction", "  is refused");
	is_int(draaiboek_intro_check(write_file("latin1.md", "Ok\nZo\353\n"), &err), -1,
	       "Latin-1");
	has_str(err.msg, "latin1.md:2: the text is not valid UTF-8", "  with its line");
	is_int(draaiboek_intro_check(write_file("esc.md", "\033]0;x\007\n"), &err), -1,
	       "an escape sequence");
	has_str(err.msg, "esc.md:1: the text holds a control character (U+001B)", "  with its line");
	is_int(draaiboek_intro_check("/dev/null", &err), 0, "a device is left for the export");
}

int main(void)
{
	sqlite3 *db;

	fixture_locale();
	find_datadir();
	fixture_start("draaiboek");
	db = open_db("draaiboek.sqlite");
	build(db);
	test_pseudonym(db);
	if (getenv("STEMTUI_LOCALEDIR"))
		test_language();
	else
		ok(1, "# SKIP the language of an export: no catalog (STEMTUI_LOCALEDIR)");
	test_svg();
	test_document(db);
	test_pseudonymised(db);
	test_intro_check();
	db_close(db);
	return tap_done();
}
