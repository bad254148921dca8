/* test_csv.c: reading CSV files: quoting, line ends, the byte-order mark,
 * line numbers, and the errors a broken file gives; what a Belgian Excel
 * saves (semicolons, Windows-1252) and how the encoding is found. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/text.h"
#include "../tap.h"
#include "fixture.h"

/* The whole file read as encoding, as text: each record
 * "LINE:field|field|..." on a line, with a line break inside a field
 * shown as "\n"; or "ERROR: message" after the records read before it. */
static char *read_as(const char *path, enum csv_encoding encoding)
{
	static char out[8192];
	csv_reader *r;
	st_err err = { "" };
	char **fields;
	int n, i, rc;
	size_t len;
	const char *c;

	out[0] = '\0';
	r = csv_open_as(path, encoding, &err);
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

/* read_as as csv_open reads it: UTF-8. */
static char *read_all(const char *path)
{
	return read_as(path, CSV_UTF8);
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

/* ---- What a Belgian Excel saves --------------------------------------------- */

/* The separator comes from the header: the one it holds more of outside
 * quotes; a semicolon inside the rows' fields stays text. */
static void test_separator(void)
{
	check("semicolon.csv", "voornaam;achternaam;rol;organisatie\nAn;Peeters;leraar;\"De Bron, Gent\"\n",
	      "1:voornaam|achternaam|rol|organisatie\n2:An|Peeters|leraar|De Bron, Gent\n");
	check("semicolon-quoted.csv", "\"a\";\"b\"\n\"x;y\";z\n", "1:a|b\n2:x;y|z\n");
	check("comma-wins.csv", "a,b,\"c;d;e\"\n1,2;3,4\n", "1:a|b|c;d;e\n2:1|2;3|4\n");
	check("one-column.csv", "naam\nAn;B\n", "1:naam\n2:An;B\n");
	check("semicolon-after-blank-lines.csv", "\r\n\r\na;b\r\n1;2\r\n", "3:a|b\n4:1|2\n");
	check_error("semicolon-after-quote.csv", "a;b\n\"x\",y\n", 10, "1:a|b\n", 2,
		    "after the closing quote");
}

/* The fixture files Excel writes: "CSV UTF-8" (byte-order mark,
 * semicolons, CRLF) and "CSV (gescheiden door lijstscheidingsteken)"
 * (Windows-1252, semicolons, CRLF); and a file mixing UTF-8 with a byte
 * that is not, which CSV_AUTO refuses and --encoding decides. */
static void test_excel_files(void)
{
	const char *utf8 = data_path("csv/excel-utf8.csv"), *cp1252 = data_path("csv/excel-1252.csv");
	const char *mixed = data_path("csv/mixed-encodings.csv");
	char where[4300], *guessed;
	st_err err = { "" };
	csv_reader *r;

	is_str(read_as(utf8, CSV_AUTO),
	       "1:Voornaam|Achternaam|Rol|Organisatie|E-mail|Focus\n"
	       "2:Fran\xc3\xa7oise|Vermeulen|leraar|Basisschool De Regenboog|"
	       "francoise.vermeulen@example.org|robotica\n"
	       "3:Zo\xc3\xab|Dewilde|directie|Sint-Jozef; campus Noord||\n"
	       "4:Ward|Goossens||Basisschool De Regenboog||wetenschap, programmeren\n",
	       "Excel's CSV UTF-8: byte-order mark, semicolons, CRLF");
	r = csv_open_as(utf8, CSV_AUTO, &err);
	ok(r && csv_separator(r) == ';' && csv_encoding_of(r) == CSV_UTF8 && csv_guessed_line(r) == 0,
	   "  read as UTF-8 with ';', nothing guessed");
	csv_close(r);
	is_str(read_as(cp1252, CSV_AUTO),
	       "1:Voornaam|Achternaam|Rol|Organisatie|E-mail|Focus\n"
	       "2:Fran\xc3\xa7oise|Claes|leraar|Basisschool \xe2\x80\x99t Klavertje||\n"
	       "3:Zo\xc3\xab|Wouters|directie|Vrije Basisschool Sint-Maarten|"
	       "zoe.wouters@example.org|\n"
	       "4:Jef|Maes|techniekcoach|Scholengroep \xe2\x82\xac Samen||\n",
	       "Excel's Windows-1252 CSV: \"Fran\xc3\xa7oise\", \"Zo\xc3\xab\", \"\xe2\x80\x99\" and \"\xe2\x82\xac\" in UTF-8");
	r = csv_open_as(cp1252, CSV_AUTO, &err);
	ok(r && csv_separator(r) == ';' && csv_encoding_of(r) == CSV_WINDOWS_1252 &&
	   csv_guessed_line(r) == 2, "  read as Windows-1252, guessed from line 2 on");
	csv_close(r);
	guessed = strdup(read_as(cp1252, CSV_AUTO));
	is_str(read_as(cp1252, CSV_WINDOWS_1252), guessed ? guessed : "",
	       "  as --encoding windows-1252 reads it");
	free(guessed);
	snprintf(where, sizeof where, "ERROR: %s:2: ", cp1252);
	has_str(read_as(cp1252, CSV_UTF8), where, "--encoding utf-8: refused with FILE:LINE");
	has_str(read_as(cp1252, CSV_UTF8), "not valid UTF-8", "  saying why");

	snprintf(where, sizeof where, "ERROR: %s:3: the text is not valid UTF-8, though other text in"
		 " the file is", mixed);
	has_str(read_as(mixed, CSV_AUTO), where,
		"UTF-8 mixed with a byte that is not: refused at that byte's line");
	has_str(read_as(mixed, CSV_AUTO), "--encoding windows-1252", "  naming the way out");
	is_str(read_as(mixed, CSV_WINDOWS_1252),
	       "1:voornaam|achternaam\n2:Zo\xc3\x83\xc2\xab|Maes\n3:Fran\xc3\xa7oise|Maes\n",
	       "--encoding windows-1252 reads it so, as asked");
	snprintf(where, sizeof where, "1:voornaam|achternaam\n2:Zo\xc3\xab|Maes\nERROR: %s:3: ", mixed);
	has_str(read_as(mixed, CSV_UTF8), where, "--encoding utf-8 reads up to the byte, then refuses");
}

/* Converted text is checked as UTF-8 text is: the bytes Windows-1252
 * leaves unused are C1 controls, refused with their line; a field that
 * grows past TEXT_FIELD_MAX in UTF-8 is refused; the names. */
static void test_cp1252_checks(void)
{
	static const char unused[] = "a;b\n\"x\ny\x81\";z\n";
	size_t n = TEXT_FIELD_MAX / 2 + 1, i;
	char *text = malloc(n + 16), want[4300];
	const char *path;

	if (!text)
		exit(99);
	path = write_file_bytes("unused.csv", unused, sizeof unused - 1);
	snprintf(want, sizeof want, "1:a|b\nERROR: %s:3: ", path);
	has_str(read_as(path, CSV_WINDOWS_1252), want,
		"0x81 in Windows-1252: the records before it, then refused at its line");
	has_str(read_as(path, CSV_AUTO), "control character (U+0081)",
		"  as a control character, also when guessed");
	strcpy(text, "x\n");
	for (i = 2; i < n + 2; i++)
		text[i] = (char)0xe9;   /* é: two bytes in UTF-8 */
	text[i] = '\0';
	path = write_file("grows.csv", text);
	snprintf(want, sizeof want, "ERROR: %s:2: the field in column 1 (\"x\") is longer than", path);
	has_str(read_as(path, CSV_AUTO), want, "a field longer than TEXT_FIELD_MAX in UTF-8 is refused");
	text[n] = '\0';
	path = write_file("fits.csv", text);
	ok(strncmp(read_as(path, CSV_AUTO), "1:x\n2:\xc3\xa9\xc3\xa9", 10) == 0,
	   "  one that fits is read");
	free(text);
	is_int(csv_encoding_from_name("UTF-8"), CSV_UTF8, "--encoding UTF-8");
	is_int(csv_encoding_from_name("windows-1252"), CSV_WINDOWS_1252, "--encoding windows-1252");
	is_int(csv_encoding_from_name("cp1252"), CSV_WINDOWS_1252, "--encoding cp1252");
	is_int(csv_encoding_from_name("auto"), CSV_AUTO, "--encoding auto");
	is_int(csv_encoding_from_name("latin1"), -1, "--encoding latin1 is not one");
}

int main(void)
{
	fixture_start("csv");
	test_good();
	test_errors();
	test_long();
	test_limits();
	test_separator();
	test_excel_files();
	test_cp1252_checks();
	return tap_done();
}
