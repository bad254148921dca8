/* test_csv.c: reading CSV files: quoting, line ends, the byte-order mark,
 * line numbers, and the errors a broken file gives. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/text.h"
#include "../tap.h"
#include "fixture.h"

/* The whole file as text: each record "LINE:field|field|..." on a line,
 * with a line break inside a field shown as "\n"; or "ERROR: message"
 * after the records read before it. */
static char *read_all(const char *path)
{
	static char out[8192];
	csv_reader *r;
	st_err err = { "" };
	char **fields;
	int n, i, rc;
	size_t len;
	const char *c;

	out[0] = '\0';
	r = csv_open(path, &err);
	if (!r) {
		snprintf(out, sizeof out, "ERROR: %s", err.msg);
		return out;
	}
	while ((rc = csv_next(r, &fields, &n, &err)) > 0) {
		len = strlen(out);
		snprintf(out + len, sizeof out - len, "%d:", csv_line(r));
		for (i = 0; i < n; i++) {
			if (i) {
				len = strlen(out);
				snprintf(out + len, sizeof out - len, "|");
			}
			for (c = fields[i]; *c; c++) {
				len = strlen(out);
				snprintf(out + len, sizeof out - len, *c == '\n' ? "\\n" : "%c", *c);
			}
		}
		len = strlen(out);
		snprintf(out + len, sizeof out - len, "\n");
	}
	if (rc < 0) {
		len = strlen(out);
		snprintf(out + len, sizeof out - len, "ERROR: %s", err.msg);
	}
	csv_close(r);
	return out;
}

/* Reads text written as a file and compares the records with want. */
static void check(const char *name, const char *text, const char *want)
{
	const char *path = write_file(name, text);

	is_str(read_all(path), want, name);
}

/* Expects an error: records before it, then "FILE:LINE: ..." holding words. */
static void check_error(const char *name, const char *bytes, size_t n, const char *records,
			int line, const char *words)
{
	const char *path = write_file_bytes(name, bytes, n);
	char where[4200];
	const char *got = read_all(path), *error = strstr(got, "ERROR: ");

	snprintf(where, sizeof where, "ERROR: %s:%d: ", path, line);
	ok(error && strncmp(got, records, strlen(records)) == 0 &&
	   (size_t)(error - got) == strlen(records), "%s: the records before the error", name);
	has_str(got, where, "  the error names the file and line");
	has_str(got, words, "  and says why");
}

static void test_good(void)
{
	check("simple.csv", "a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n");
	check("quoted-comma.csv", "name,city\n\"Peeters, Jan\",Gent\n",
	      "1:name|city\n2:Peeters, Jan|Gent\n");
	check("doubled-quote.csv", "a,b\n\"say \"\"hi\"\"\",x\n",
	      "1:a|b\n2:say \"hi\"|x\n");
	check("embedded-newline.csv", "a,b\n\"two\nlines\",x\nnext,y\n",
	      "1:a|b\n2:two\\nlines|x\n4:next|y\n");
	check("embedded-crlf.csv", "a,b\r\n\"two\r\nlines\",x\r\nnext,y\r\n",
	      "1:a|b\n2:two\\nlines|x\n4:next|y\n");
	check("crlf.csv", "a,b\r\n1,2\r\n", "1:a|b\n2:1|2\n");
	check("bom.csv", "\xef\xbb\xbf" "first_name,last_name\nZo\xc3\xab,Peeters\n",
	      "1:first_name|last_name\n2:Zo\xc3\xab|Peeters\n");
	check("empty-fields.csv", "a,,c\n,,\n\"\",x,\n", "1:a||c\n2:||\n3:|x|\n");
	check("no-trailing-newline.csv", "a,b\n1,2", "1:a|b\n2:1|2\n");
	check("blank-line-at-end.csv", "a,b\n1,2\n\n", "1:a|b\n2:1|2\n");
	check("blank-line-between.csv", "a,b\n\n1,2\n", "1:a|b\n3:1|2\n");
	check("empty.csv", "", "");
	check("quote-inside-plain.csv", "a,b\n5\" disk,x\n", "1:a|b\n2:5\" disk|x\n");
	check("spaces-kept.csv", " a , b \n", "1: a | b \n");
}

static void test_errors(void)
{
	static const char unclosed[] = "a,b\n1,2\n\"open,x\nmore\n";
	static const char after[] = "a,b\n\"x\"y,z\n";
	static const char bad_utf8[] = "a,b\n1,2\nok,caf\xe9\n";
	static const char bad_utf8_quoted[] = "a,b\n\"line\nand \xff\",x\n";
	static const char nul[] = "a,b\n1,\0002\n";
	static const char osc[] = "a,b\n1,2\nEve\x1b]0;pwned\x07,x\n";
	static const char c1_quoted[] = "a,b\n\"line\nand \xc2\x9b" "31m\",x\n";
	static const char bidi[] = "a,b\n\xe2\x80\xae" "Peeters,x\n";
	static const char tab[] = "a,b\n\"x\ty\",z\n";
	st_err err = { "" };

	check_error("unclosed.csv", unclosed, sizeof unclosed - 1, "1:a|b\n2:1|2\n", 3,
		    "not closed");
	check_error("after-quote.csv", after, sizeof after - 1, "1:a|b\n", 2,
		    "after the closing quote");
	check_error("latin1.csv", bad_utf8, sizeof bad_utf8 - 1, "1:a|b\n2:1|2\n", 3, "UTF-8");
	check_error("latin1-quoted.csv", bad_utf8_quoted, sizeof bad_utf8_quoted - 1, "1:a|b\n",
		    3, "UTF-8");
	check_error("nul.csv", nul, sizeof nul - 1, "1:a|b\n", 2, "UTF-8");
	check_error("osc.csv", osc, sizeof osc - 1, "1:a|b\n2:1|2\n", 3, "control character (U+001B)");
	check_error("c1-quoted.csv", c1_quoted, sizeof c1_quoted - 1, "1:a|b\n", 3,
		    "control character (U+009B)");
	check_error("bidi.csv", bidi, sizeof bidi - 1, "1:a|b\n", 2, "control character (U+202E)");
	check("tab.csv", tab, "1:a|b\n2:x\ty|z\n");
	ok(csv_open("/nonexistent/x.csv", &err) == NULL, "a missing file cannot be opened");
	has_str(err.msg, "/nonexistent/x.csv", "  the error names it");
}

/* A file long enough to need the buffers to grow: 1000 fields (the
 * most a record may have) of 199 bytes. */
static void test_long(void)
{
	size_t n = 200000, i;
	char *text = malloc(n + 64), **fields;
	const char *path;
	csv_reader *r;
	st_err err;
	int nf = 0, rc;

	if (!text)
		exit(99);
	for (i = 0; i < n; i++)
		text[i] = i % 200 == 199 ? ',' : 'x';
	strcpy(text + n - 1, "\nb\n");
	path = write_file("long.csv", text);
	r = csv_open(path, &err);
	rc = r ? csv_next(r, &fields, &nf, &err) : -1;
	is_int(rc, 1, "a long record reads");
	is_int(nf, 1000, "  with all its fields");
	rc = r ? csv_next(r, &fields, &nf, &err) : -1;
	ok(rc == 1 && nf == 1 && strcmp(fields[0], "b") == 0 && csv_line(r) == 2,
	   "  and the record after it on line 2");
	is_int(r ? csv_next(r, &fields, &nf, &err) : -1, 0, "  then the end");
	is_int(r ? csv_next(r, &fields, &nf, &err) : -1, 0, "  and the end again");
	csv_close(r);
	free(text);
}

/* Reads the file at path: the number of records before an error (*err
 * set) or the end. */
static int count_records(const char *path, st_err *err)
{
	csv_reader *r = csv_open(path, err);
	char **fields;
	int n = 0, nf, rc;

	while (r && (rc = csv_next(r, &fields, &nf, err)) > 0)
		n++;
	csv_close(r);
	return n;
}

/* No field holds more than TEXT_FIELD_MAX bytes and no record more than
 * 1000 fields: a file cannot make the reader hold gigabytes. */
static void test_limits(void)
{
	size_t big = TEXT_FIELD_MAX + 1, i;
	char *text = malloc(big + 64), want[4300];
	const char *path;
	st_err err = { "" };

	if (!text)
		exit(99);
	/* Exactly the most a field may hold, quoted, on line 2. */
	strcpy(text, "first_name,email\na,\"");
	for (i = strlen(text); i < 20 + TEXT_FIELD_MAX; i++)
		text[i] = 'x';
	strcpy(text + i, "\"\n");
	path = write_file("field-max.csv", text);
	is_int(count_records(path, &err), 2, "a field of TEXT_FIELD_MAX bytes reads");
	/* One byte more: refused with the line and the column's heading. */
	text[i] = 'x';
	strcpy(text + i + 1, "\"\n");
	path = write_file("field-long.csv", text);
	err.msg[0] = '\0';
	is_int(count_records(path, &err), 1, "a field one byte longer is refused");
	snprintf(want, sizeof want, "%s:2: the field in column 2 (\"email\") is longer than"
		 " 65536 bytes", path);
	has_str(err.msg, want, "  with the line, the column and the limit");
	/* 1001 fields. */
	strcpy(text, "a");
	for (i = 0; i < 1000; i++)
		strcat(text, ",");
	strcat(text, "\n");
	path = write_file("fields.csv", text);
	err.msg[0] = '\0';
	is_int(count_records(path, &err), 0, "a record of 1001 fields is refused");
	snprintf(want, sizeof want, "%s:1: a record has more than 1000 fields", path);
	has_str(err.msg, want, "  with its line");
	free(text);
}

int main(void)
{
	fixture_start("csv");
	test_good();
	test_errors();
	test_long();
	test_limits();
	return tap_done();
}
