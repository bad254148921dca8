/* date.h: calendar dates that may be only a month, and times of day.
 *
 * Stored and exchanged as ISO 8601 ("2017-11-09", or "2018-11" when only
 * the month is known); shown to people in their language ("donderdag 9
 * november 2017").  Names are translated with gettext, not taken from the
 * C library's locale, so Dutch dates work without a generated nl_BE locale. */
#ifndef STEMTUI_DATE_H
#define STEMTUI_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct st_date {
	int year;
	int month;  /* 1..12 */
	int day;    /* 1..31, or 0 when only the month is known */
} st_date;

/* Parses "YYYY-MM-DD" or "YYYY-MM" exactly (no trailing text) into *d and
 * checks that the day exists in that month.  Returns 0, or -1. */
int date_parse_iso(const char *s, st_date *d);

/* Writes the ISO form of d into buf (at least 11 bytes). */
void date_format_iso(const st_date *d, char *buf, size_t n);

/* Day of the week, 0 = Sunday .. 6 = Saturday; -1 when only the month is known. */
int date_weekday(const st_date *d);

/* Reads a weekday name, Dutch or English, any case ("Donderdag",
 * "thursday"); returns 0 = Sunday .. 6, or -1 when it is not one. */
int date_weekday_from_name(const char *name);

/* English name of a weekday (0 = Sunday), as used in messages. */
const char *date_weekday_name(int wd);

/* The long form in the current language: "donderdag 9 november 2017", or
 * "november 2018" for a month.  Writes into buf. */
void date_format_long(const st_date *d, char *buf, size_t n);

/* The short form for lists: "do 9 nov 2017", or "nov 2018". */
void date_format_short(const st_date *d, char *buf, size_t n);

/* The short form of a stored ISO date ("2018-11": "nov 2018"), or of the
 * day of a stored time ("2018-05-31 11:05:00": "do 31 mei 2018"); the
 * text itself when it is neither.  Writes into buf. */
void date_format_short_text(const char *text, char *buf, size_t n);

/* The short form of a stored time with its hour and minute ("2026-12-03
 * 14:05:09": "do 3 dec 2026 14:05"); a stored date without a time as
 * date_format_short_text.  Writes into buf. */
void date_format_short_time_text(const char *text, char *buf, size_t n);

/* Parses a time "HH:MM" (00:00..23:59) into minutes since midnight;
 * returns 0, or -1. */
int time_parse_hhmm(const char *s, int *minutes);

/* Today's date in local time. */
st_date date_today(void);

/* Compares two dates, month-only dates before any day of that month. */
int date_compare(const st_date *a, const st_date *b);

#endif
