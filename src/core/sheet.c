/* sheet.c: see sheet.h.  CSV through emit.c; xlsx through libxlsxwriter. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/i18n.h"
#include "core/sheet.h"

/* A column is as wide as its widest cell (in characters) plus a margin,
 * but never wider than this: a note's text wraps in the cell instead of
 * making a column wider than the screen. */
#define WIDTH_MAX 60
/* The longest text a cell holds (Excel's limit); longer text is cut at a
 * character boundary. */
#define CELL_TEXT_MAX 32767

struct sheet {
	FILE *out;
	bool xlsx;
	enum csv_dialect csv;
	int col, ncols;
	long row;                      /* xlsx: the row being written (0: header) */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *date, *datetime, *time, *head;
	lxw_error error;               /* xlsx: the first write that failed */
	char path[4096];               /* xlsx: the workbook while it is written */
	unsigned char *width;          /* xlsx: per column, in characters */
};

/* The workbook being written, for sheet_abandon: a fixed buffer, since a
 * signal handler may not allocate (one workbook is written at a time). */
static char pending_path[4096];
static volatile sig_atomic_t pending_set;

void sheet_abandon(void)
{
	if (pending_set)
		unlink(pending_path);
}

/* Removes the workbook's temporary file (written, or given up). */
static void remove_workbook(sheet *s)
{
	pending_set = 0;
	unlink(s->path);
}

static bool is_xlsx(const sheet *s)
{
	return s->xlsx && s->ws;
}

/* Notes the first failed write of the workbook. */
static void check(sheet *s, lxw_error e)
{
	if (e != LXW_NO_ERROR && s->error == LXW_NO_ERROR)
		s->error = e;
}

/* The characters of the longest line of t, for the column width. */
static int text_width(const char *t)
{
	int w = 0, line = 0;

	for (; *t; t++) {
		if (*t == '\n') {
			line = 0;
		} else if (((unsigned char)*t & 0xC0) != 0x80 && ++line > w) {
			w = line;
		}
	}
	return w;
}

static void fit(sheet *s, int chars)
{
	if (s->width && s->col < s->ncols && chars > s->width[s->col])
		s->width[s->col] = (unsigned char)(chars > WIDTH_MAX ? WIDTH_MAX : chars);
}

static int open_workbook(sheet *s, const char *name, st_err *err)
{
	const char *dir = getenv("TMPDIR");
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	int fd;

	snprintf(s->path, sizeof s->path, "%s/stemtui-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	/* mkstemp: mode 0600, as the workbook may hold names until it is
	 * copied to its file and removed. */
	fd = mkstemp(s->path);
	if (fd < 0)
		return st_err_set(err, _("cannot write the export: %s"), strerror(errno));
	close(fd);
	memcpy(pending_path, s->path, sizeof pending_path);
	pending_set = 1;
	s->wb = workbook_new_opt(s->path, &opt);
	s->ws = s->wb ? workbook_add_worksheet(s->wb, name) : NULL;
	if (!s->ws) {
		if (s->wb)
			workbook_close(s->wb);
		remove_workbook(s);
		return st_err_set(err, "%s", _("cannot make the spreadsheet"));
	}
	s->date = workbook_add_format(s->wb);
	format_set_num_format(s->date, "yyyy-mm-dd");
	s->datetime = workbook_add_format(s->wb);
	format_set_num_format(s->datetime, "yyyy-mm-dd hh:mm:ss");
	s->time = workbook_add_format(s->wb);
	format_set_num_format(s->time, "hh:mm");
	s->head = workbook_add_format(s->wb);
	format_set_bold(s->head);
	return 0;
}

sheet *sheet_open(FILE *out, bool xlsx, enum csv_dialect d, const char *name, st_err *err)
{
	sheet *s = calloc(1, sizeof *s);

	if (!s) {
		st_err_set(err, "%s", _("out of memory"));
		return NULL;
	}
	s->out = out;
	s->xlsx = xlsx;
	s->csv = d;
	if (xlsx && open_workbook(s, name, err) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

void sheet_header(sheet *s, const char *const *names, int n)
{
	int i;

	if (n > LXW_COL_MAX)
		n = LXW_COL_MAX;
	s->ncols = n;
	if (is_xlsx(s) && !(s->width = calloc((size_t)n + 1, 1)))
		check(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
	if (!is_xlsx(s))
		emit_csv_begin(s->out, s->csv);
	for (i = 0; i < n; i++) {
		if (is_xlsx(s)) {
			check(s, worksheet_write_string(s->ws, 0, (lxw_col_t)i, names[i], s->head));
			s->col = i;
			/* room for the autofilter's button */
			fit(s, text_width(names[i]) + 3);
		} else {
			emit_csv_cell(s->out, s->csv, names[i], i == 0);
		}
	}
	sheet_end_row(s);
}

/* The next cell's position: false when it lies beyond what a worksheet
 * holds (the error is noted). */
static bool next_cell(sheet *s)
{
	if (s->row > LXW_ROW_MAX - 1 || s->col >= LXW_COL_MAX) {
		check(s, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
		return false;
	}
	return true;
}

/* Copies at most CELL_TEXT_MAX bytes of t, cut at a character boundary,
 * into a new string, or NULL when t is short enough. */
static char *cut_text(const char *t)
{
	size_t n = strlen(t);
	char *c;

	if (n <= CELL_TEXT_MAX)
		return NULL;
	n = CELL_TEXT_MAX;
	while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
		n--;
	c = malloc(n + 1);
	if (c) {
		memcpy(c, t, n);
		c[n] = '\0';
	}
	return c;
}

void sheet_text(sheet *s, const char *text)
{
	const char *t = text ? text : "";

	if (!is_xlsx(s)) {
		emit_csv_cell(s->out, s->csv, t, s->col == 0);
	} else if (*t && next_cell(s)) {
		char *cut = cut_text(t);

		check(s, worksheet_write_string(s->ws, (lxw_row_t)s->row, (lxw_col_t)s->col,
						cut ? cut : t, NULL));
		free(cut);
		fit(s, text_width(t) + 2);
	}
	s->col++;
}

void sheet_int(sheet *s, long long v)
{
	char num[32];

	snprintf(num, sizeof num, "%lld", v);
	if (!is_xlsx(s)) {
		emit_csv_cell(s->out, s->csv, num, s->col == 0);
	} else if (next_cell(s)) {
		check(s, worksheet_write_number(s->ws, (lxw_row_t)s->row, (lxw_col_t)s->col,
						(double)v, NULL));
		fit(s, (int)strlen(num) + 2);
	}
	s->col++;
}

/* Reads "2018-05-31", "2018-05-31 09:22:10" (or with a T) or "08:59" into
 * dt; which: 'd' date, 't' date and time, 'h' time of day.  0, or -1. */
static int parse_iso(const char *iso, lxw_datetime *dt, char *which)
{
	int n = 0;

	memset(dt, 0, sizeof *dt);
	if (sscanf(iso, "%4d-%2d-%2d%n", &dt->year, &dt->month, &dt->day, &n) == 3 &&
	    n == 10) {
		double sec = 0;
		int m = 0;

		if (iso[n] == '\0') {
			*which = 'd';
		} else if ((iso[n] == ' ' || iso[n] == 'T') &&
			   sscanf(iso + n + 1, "%2d:%2d:%lf%n", &dt->hour, &dt->min, &sec, &m) == 3
			   && iso[n + 1 + m] == '\0') {
			dt->sec = sec;
			*which = 't';
		} else {
			return -1;
		}
		return dt->year >= 1900 && dt->month >= 1 && dt->month <= 12 && dt->day >= 1 &&
		       dt->day <= 31 && dt->hour < 24 && dt->min < 60 ? 0 : -1;
	}
	if (sscanf(iso, "%2d:%2d%n", &dt->hour, &dt->min, &n) == 2 && n == 5 && !iso[n] &&
	    dt->hour >= 0 && dt->hour < 24 && dt->min >= 0 && dt->min < 60) {
		*which = 'h';
		return 0;
	}
	return -1;
}

void sheet_date(sheet *s, const char *iso)
{
	lxw_datetime dt;
	char which;

	if (!is_xlsx(s) || !iso || !*iso || parse_iso(iso, &dt, &which) != 0) {
		sheet_text(s, iso);
		return;
	}
	if (next_cell(s)) {
		lxw_row_t r = (lxw_row_t)s->row;
		lxw_col_t c = (lxw_col_t)s->col;

		/* A time of day is a fraction of a day, as Excel keeps it. */
		if (which == 'h')
			check(s, worksheet_write_number(s->ws, r, c,
							(dt.hour * 60 + dt.min) / 1440.0, s->time));
		else
			check(s, worksheet_write_datetime(s->ws, r, c, &dt,
							  which == 'd' ? s->date : s->datetime));
		fit(s, which == 'd' ? 12 : which == 'h' ? 7 : 21);
	}
	s->col++;
}

void sheet_end_row(sheet *s)
{
	if (!is_xlsx(s))
		emit_csv_end(s->out);
	s->row++;
	s->col = 0;
}

/* Appends the file at path to out.  0, or -1 with errno set. */
static int copy_file(const char *path, FILE *out)
{
	char buf[65536];
	FILE *in = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!in)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			rc = -1;
			break;
		}
	if (ferror(in))
		rc = -1;
	fclose(in);
	return rc;
}

/* Lays out the worksheet (frozen header, filter, widths), writes the
 * workbook and copies it to out.  0, or -1 with err set. */
static int close_workbook(sheet *s, st_err *err)
{
	lxw_error e;
	int i, rc = 0;

	worksheet_freeze_panes(s->ws, 1, 0);
	if (s->ncols > 0)
		check(s, worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)(s->row > 1 ? s->row - 1 : 1),
					      (lxw_col_t)(s->ncols - 1)));
	for (i = 0; s->width && i < s->ncols; i++)
		check(s, worksheet_set_column(s->ws, (lxw_col_t)i, (lxw_col_t)i,
					      s->width[i] > 8 ? s->width[i] : 8, NULL));
	e = workbook_close(s->wb);
	if (s->error != LXW_NO_ERROR || e != LXW_NO_ERROR) {
		lxw_error shown = s->error != LXW_NO_ERROR ? s->error : e;

		if (shown == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
			rc = st_err_set(err, "%s", _("too many rows or columns for a spreadsheet;"
						     " export as CSV instead"));
		else
			rc = st_err_set(err, _("cannot make the spreadsheet: %s"),
					lxw_strerror(shown));
	} else if (copy_file(s->path, s->out) != 0) {
		rc = st_err_set(err, _("cannot write the export: %s"),
				strerror(errno ? errno : EIO));
	}
	remove_workbook(s);
	return rc;
}

int sheet_close(sheet *s, st_err *err)
{
	int rc = 0;

	if (!s)
		return -1;
	if (is_xlsx(s))
		rc = close_workbook(s, err);
	free(s->width);
	free(s);
	return rc;
}
