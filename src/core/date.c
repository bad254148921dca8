/* date.c: see date.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/date.h"
#include "core/i18n.h"

static const char *const weekday_en[] = {
	N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
	N_("Thursday"), N_("Friday"), N_("Saturday"),
};
static const char *const weekday_abbr[] = {
	N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
};
/* The Dutch names are accepted in files whatever the interface language,
 * because the programmes are written in Dutch. */
static const char *const weekday_nl[] = {
	"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
};
static const char *const month_en[] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
	N_("December"),
};
static const char *const month_abbr[] = {
	N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
	N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
};

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Reads exactly `width` digits at s into *out; returns 0 or -1. */
static int read_digits(const char *s, int width, int *out)
{
	int v = 0, i;

	for (i = 0; i < width; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse_iso(const char *s, st_date *d)
{
	st_date r = { 0, 0, 0 };
	size_t n = strlen(s);

	if ((n != 7 && n != 10) || read_digits(s, 4, &r.year) != 0 || s[4] != '-' ||
	    read_digits(s + 5, 2, &r.month) != 0)
		return -1;
	if (n == 10 && (s[7] != '-' || read_digits(s + 8, 2, &r.day) != 0 || r.day == 0))
		return -1;
	if (r.year < 1900 || r.month < 1 || r.month > 12)
		return -1;
	if (r.day > days_in_month(r.year, r.month))
		return -1;
	*d = r;
	return 0;
}

void date_format_iso(const st_date *d, char *buf, size_t n)
{
	if (d->day)
		snprintf(buf, n, "%04d-%02d-%02d", d->year, d->month, d->day);
	else
		snprintf(buf, n, "%04d-%02d", d->year, d->month);
}

int date_weekday(const st_date *d)
{
	/* Sakamoto's method: valid for every Gregorian date. */
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int y = d->year;

	if (!d->day)
		return -1;
	if (d->month < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[d->month - 1] + d->day) % 7;
}

int date_weekday_from_name(const char *name)
{
	int i;

	for (i = 0; i < 7; i++)
		if (strcasecmp(name, weekday_nl[i]) == 0 || strcasecmp(name, weekday_en[i]) == 0)
			return i;
	return -1;
}

const char *date_weekday_name(int wd)
{
	return wd >= 0 && wd < 7 ? weekday_en[wd] : "";
}

void date_format_long(const st_date *d, char *buf, size_t n)
{
	if (!d->day) {
		/* TRANSLATORS: a date of which only the month is known: month, year. */
		snprintf(buf, n, _("%1$s %2$d"), _(month_en[d->month - 1]), d->year);
		return;
	}
	/* TRANSLATORS: a full date: weekday, day, month, year, as in
	   "Thursday 9 November 2017".  Reorder with %1$s..%4$d. */
	snprintf(buf, n, _("%1$s %2$d %3$s %4$d"), _(weekday_en[date_weekday(d)]),
		 d->day, _(month_en[d->month - 1]), d->year);
}

void date_format_short(const st_date *d, char *buf, size_t n)
{
	if (!d->day) {
		/* TRANSLATORS: a short month-only date: abbreviated month, year. */
		snprintf(buf, n, _("%1$s %2$d"), _(month_abbr[d->month - 1]), d->year);
		return;
	}
	/* TRANSLATORS: a short date: abbreviated weekday, day, abbreviated
	   month, year, as in "Thu 9 Nov 2017". */
	snprintf(buf, n, _("%1$s %2$d %3$s %4$d"), _(weekday_abbr[date_weekday(d)]),
		 d->day, _(month_abbr[d->month - 1]), d->year);
}

void date_format_short_text(const char *text, char *buf, size_t n)
{
	char day[11];
	st_date d;

	/* A stored time starts with its day: "YYYY-MM-DD HH:MM:SS". */
	snprintf(day, sizeof day, "%s", text);
	if (date_parse_iso(text, &d) == 0 ||
	    (strlen(text) > 10 && text[10] == ' ' && date_parse_iso(day, &d) == 0))
		date_format_short(&d, buf, n);
	else
		snprintf(buf, n, "%s", text);
}

void date_format_short_time_text(const char *text, char *buf, size_t n)
{
	char ymd[11], day[64];
	st_date d;

	snprintf(ymd, sizeof ymd, "%s", text);
	date_format_short_text(text, day, sizeof day);
	if (strlen(text) >= 16 && text[10] == ' ' && date_parse_iso(ymd, &d) == 0)
		snprintf(buf, n, "%s %.5s", day, text + 11);
	else
		snprintf(buf, n, "%s", day);
}

int time_parse_hhmm(const char *s, int *minutes)
{
	int h, m;

	if (strlen(s) != 5 || read_digits(s, 2, &h) != 0 || s[2] != ':' ||
	    read_digits(s + 3, 2, &m) != 0 || h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

st_date date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	st_date d = { 1970, 1, 1 };

	if (localtime_r(&now, &tm)) {
		d.year = tm.tm_year + 1900;
		d.month = tm.tm_mon + 1;
		d.day = tm.tm_mday;
	}
	return d;
}

int date_compare(const st_date *a, const st_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}
