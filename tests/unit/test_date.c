/* test_date.c: ISO dates (full or month-only), weekdays, times, and dates
 * in words, in English and (with the build tree's catalog) in Dutch. */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "../tap.h"

static void skip(const char *name, const char *why)
{
	tap_n++;
	printf("ok %d - %s # SKIP %s\n", tap_n, name, why);
}

static st_date parse(const char *s)
{
	st_date d = { -1, -1, -1 };

	if (date_parse_iso(s, &d) != 0) {
		printf("Bail out! the fixture date %s does not parse\n", s);
		exit(99);
	}
	return d;
}

static void accepts(const char *s, int y, int m, int day, const char *name)
{
	st_date d = { -1, -1, -1 };
	int rc = date_parse_iso(s, &d);

	if (!ok(rc == 0 && d.year == y && d.month == m && d.day == day, "%s", name))
		diag("  \"%s\": rc %d, %d-%d-%d", s, rc, d.year, d.month, d.day);
}

static void rejects(const char *s, const char *name)
{
	st_date d = { 0, 0, 0 };

	is_int(date_parse_iso(s, &d), -1, name);
}

static void test_parse(void)
{
	st_date d;
	char buf[16];

	accepts("2017-11-09", 2017, 11, 9, "parse: a full date 2017-11-09");
	accepts("2018-11", 2018, 11, 0, "parse: a month-only date 2018-11 has day 0");
	accepts("2020-02-29", 2020, 2, 29, "parse: leap day 2020-02-29");
	accepts("2000-02-29", 2000, 2, 29, "parse: leap day 2000-02-29 (divisible by 400)");
	accepts("2018-12-31", 2018, 12, 31, "parse: the last day of the year");
	rejects("2019-02-29", "parse: 2019-02-29 is refused (2019 is not a leap year)");
	rejects("2100-02-29", "parse: 2100-02-29 is refused (century, not a leap year)");
	rejects("2017-11-31", "parse: 2017-11-31 is refused (November has 30 days)");
	rejects("2017-11-00", "parse: day 00 is refused");
	rejects("2017-13", "parse: month 13 is refused");
	rejects("2017-00", "parse: month 00 is refused");
	rejects("2017-13-01", "parse: month 13 with a day is refused");
	rejects("2017-1-9", "parse: 2017-1-9 is refused (two digits needed)");
	rejects("09-11-2017", "parse: 09-11-2017 (Belgian order) is refused");
	rejects("09/11/2017", "parse: 09/11/2017 is refused");
	rejects("2017-11-09 ", "parse: a trailing space is refused");
	rejects("2017-11-09x", "parse: trailing text is refused");
	rejects("2017-11-09T10:00", "parse: a date-time is refused");
	rejects(" 2017-11-09", "parse: a leading space is refused");
	rejects("2018-11-", "parse: a dangling - is refused");
	rejects("2017/11/09", "parse: slashes are refused");
	rejects("", "parse: the empty string is refused");

	d = parse("2018-11");
	date_format_iso(&d, buf, sizeof buf);
	is_str(buf, "2018-11", "format_iso: a month-only date stays YYYY-MM");
	d = parse("2017-11-09");
	date_format_iso(&d, buf, sizeof buf);
	is_str(buf, "2017-11-09", "format_iso: a full date is zero-padded YYYY-MM-DD");
}

static void test_weekday(void)
{
	st_date d;

	d = parse("2017-11-09");
	is_int(date_weekday(&d), 4, "weekday: 2017-11-09 is a Thursday (4)");
	d = parse("2018-10-15");
	is_int(date_weekday(&d), 1, "weekday: 2018-10-15 is a Monday (1)");
	d = parse("2018-01-23");
	is_int(date_weekday(&d), 2, "weekday: 2018-01-23 (January) is a Tuesday (2)");
	d = parse("2020-02-29");
	is_int(date_weekday(&d), 6, "weekday: 2020-02-29 is a Saturday (6)");
	d = parse("2018-12-16");
	is_int(date_weekday(&d), 0, "weekday: 2018-12-16 is a Sunday (0)");
	d = parse("2018-11");
	is_int(date_weekday(&d), -1, "weekday: a month-only date has none (-1)");

	is_int(date_weekday_from_name("donderdag"), 4, "weekday name: donderdag is 4");
	is_int(date_weekday_from_name("Donderdag"), 4, "weekday name: Donderdag (capital) is 4");
	is_int(date_weekday_from_name("MAANDAG"), 1, "weekday name: MAANDAG is 1");
	is_int(date_weekday_from_name("zondag"), 0, "weekday name: zondag is 0");
	is_int(date_weekday_from_name("zaterdag"), 6, "weekday name: zaterdag is 6");
	is_int(date_weekday_from_name("thursday"), 4, "weekday name: thursday (English) is 4");
	is_int(date_weekday_from_name("Wednesday"), 3, "weekday name: Wednesday is 3");
	is_int(date_weekday_from_name("SUNDAY"), 0, "weekday name: SUNDAY is 0");
	is_int(date_weekday_from_name("donderdagen"), -1, "weekday name: donderdagen is not one");
	is_int(date_weekday_from_name("do"), -1, "weekday name: an abbreviation is not one");
	is_int(date_weekday_from_name("jeudi"), -1, "weekday name: French is not one");
	is_int(date_weekday_from_name(""), -1, "weekday name: the empty string is not one");

	is_str(date_weekday_name(4), "Thursday", "weekday_name: 4 is Thursday");
	is_str(date_weekday_name(0), "Sunday", "weekday_name: 0 is Sunday");
	is_str(date_weekday_name(7), "", "weekday_name: out of range is empty");
	is_str(date_weekday_name(-1), "", "weekday_name: -1 is empty");
}

static void test_time(void)
{
	int m = -1;

	ok(time_parse_hhmm("09:30", &m) == 0 && m == 570, "time: 09:30 is 570 minutes");
	m = -1;
	ok(time_parse_hhmm("00:00", &m) == 0 && m == 0, "time: 00:00 is 0");
	m = -1;
	ok(time_parse_hhmm("23:59", &m) == 0 && m == 1439, "time: 23:59 is 1439");
	m = -1;
	ok(time_parse_hhmm("13:00", &m) == 0 && m == 780, "time: 13:00 is 780");
	is_int(time_parse_hhmm("24:00", &m), -1, "time: 24:00 is refused");
	is_int(time_parse_hhmm("12:60", &m), -1, "time: 12:60 is refused");
	is_int(time_parse_hhmm("9:00", &m), -1, "time: 9:00 is refused (two digits)");
	is_int(time_parse_hhmm("09:3", &m), -1, "time: 09:3 is refused");
	is_int(time_parse_hhmm("0930", &m), -1, "time: 0930 is refused");
	is_int(time_parse_hhmm("09.30", &m), -1, "time: 09.30 is refused");
	is_int(time_parse_hhmm("09:30 ", &m), -1, "time: trailing space is refused");
	is_int(time_parse_hhmm("09:30:00", &m), -1, "time: seconds are refused");
	is_int(time_parse_hhmm("", &m), -1, "time: empty is refused");
}

static void test_compare(void)
{
	st_date a = parse("2018-10-15"), b = parse("2018-10-22"), month = parse("2018-11");
	st_date first = parse("2018-11-01"), last = parse("2018-11-30");
	st_date dec = parse("2018-12-19"), older = parse("2017-12-31"), same = parse("2018-10-15");

	ok(date_compare(&a, &b) < 0, "compare: 15 Oct before 22 Oct");
	ok(date_compare(&b, &a) > 0, "compare: 22 Oct after 15 Oct");
	is_int(date_compare(&a, &same), 0, "compare: equal dates are 0");
	ok(date_compare(&month, &first) < 0, "compare: 2018-11 before 2018-11-01");
	ok(date_compare(&last, &month) > 0, "compare: 2018-11-30 after 2018-11");
	ok(date_compare(&b, &month) < 0, "compare: 22 Oct before November");
	ok(date_compare(&month, &dec) < 0, "compare: November before 19 Dec");
	ok(date_compare(&older, &a) < 0, "compare: the year comes first");
	is_int(date_compare(&month, &month), 0, "compare: a month equals itself");
}

/* The dates of the English and Dutch checks. */
static const struct words {
	const char *iso;
	bool is_long;
	const char *en, *nl;
} words[] = {
	{ "2017-11-09", true, "Thursday 9 November 2017", "donderdag 9 november 2017" },
	{ "2018-11", true, "November 2018", "november 2018" },
	{ "2018-10-15", true, "Monday 15 October 2018", "maandag 15 oktober 2018" },
	{ "2018-05-18", true, "Friday 18 May 2018", "vrijdag 18 mei 2018" },
	{ "2017-11-09", false, "Thu 9 Nov 2017", "do 9 nov 2017" },
	{ "2018-11", false, "Nov 2018", "nov 2018" },
	{ "2018-10-22", false, "Mon 22 Oct 2018", "ma 22 okt 2018" },
	{ "2018-05-18", false, "Fri 18 May 2018", "vr 18 mei 2018" },
};
#define NWORDS (sizeof words / sizeof words[0])

static void format(const struct words *w, char *buf, size_t n)
{
	st_date d = parse(w->iso);

	if (w->is_long)
		date_format_long(&d, buf, n);
	else
		date_format_short(&d, buf, n);
}

static void test_words(bool dutch)
{
	char buf[128], name[160];
	size_t i;

	for (i = 0; i < NWORDS; i++) {
		format(&words[i], buf, sizeof buf);
		snprintf(name, sizeof name, "%s %s %s is \"%s\"", dutch ? "Dutch" : "English",
			 words[i].is_long ? "long" : "short", words[i].iso,
			 dutch ? words[i].nl : words[i].en);
		is_str(buf, dutch ? words[i].nl : words[i].en, name);
	}
	date_format_short_text("2018-05-31 11:05:00", buf, sizeof buf);
	is_str(buf, dutch ? "do 31 mei 2018" : "Thu 31 May 2018", "the day of a stored time");
	date_format_short_text("2018-11", buf, sizeof buf);
	is_str(buf, dutch ? "nov 2018" : "Nov 2018", "a stored month");
	date_format_short_text("2018-05-31", buf, sizeof buf);
	is_str(buf, dutch ? "do 31 mei 2018" : "Thu 31 May 2018", "a stored date");
	date_format_short_text("2018-05-31T11", buf, sizeof buf);
	is_str(buf, "2018-05-31T11", "anything else as it is");
	date_format_short_text("", buf, sizeof buf);
	is_str(buf, "", "nothing as nothing");
	date_format_short_time_text("2018-05-31 11:05:09", buf, sizeof buf);
	is_str(buf, dutch ? "do 31 mei 2018 11:05" : "Thu 31 May 2018 11:05",
	       "a stored time with its hour and minute");
	date_format_short_time_text("2018-05-31", buf, sizeof buf);
	is_str(buf, dutch ? "do 31 mei 2018" : "Thu 31 May 2018", "  a stored date without");
	date_format_short_time_text("2018-13-31 11:05:09", buf, sizeof buf);
	is_str(buf, "2018-13-31 11:05:09", "  anything else as it is");
	format(&words[0], buf, 10);
	ok(strlen(buf) == 9, "%s", dutch ? "Dutch long date is cut to fit a small buffer"
					 : "English long date is cut to fit a small buffer");
}

int main(void)
{
	const char *localedir = getenv("STEMTUI_LOCALEDIR");
	size_t i;

	/* No catalog bound and no LANGUAGE yet: the English source strings. */
	unsetenv("LANGUAGE");
	setlocale(LC_ALL, "C.UTF-8");
	test_parse();
	test_weekday();
	test_time();
	test_compare();
	test_words(false);

	if (!localedir || !*localedir) {
		for (i = 0; i <= NWORDS + 8; i++)
			skip("Dutch dates", "no catalog");
		return tap_done();
	}
	bindtextdomain("stemtui", localedir);
	bind_textdomain_codeset("stemtui", "UTF-8");
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "nl", 1);
	textdomain("stemtui");
	test_words(true);
	return tap_done();
}
