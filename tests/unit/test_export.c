/* test_export.c: the exports against a fixture database built here: CSV
 * (quoting, formula neutralising, line breaks), JSON, the draaiboek in
 * Markdown and HTML (text stays text), the REFI-QDA codebook (exact
 * text, round trip through a fresh database, the Description packing,
 * import tolerance and refusals with the database untouched), atomic
 * writing with the right modes, CSV for a Belgian Excel, and the Dutch
 * default names and Description labels. */
#include "config.h"

#include <dirent.h>
#include <libintl.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/attendance.h"
#include "core/codebook.h"
#include "core/csv.h"
#include "core/db.h"
#include "core/export.h"
#include "core/notes.h"
#include "core/tags.h"
#include "core/text.h"
#include "../tap.h"
#include "fixture.h"

static const char *dir;
static long long ca, ca1, cb, session;

static long long save_factor(sqlite3 *db, long long parent, const char *code, const char *name,
			     const char *def, const char *inc, const char *exc, const char *memo,
			     const char *colour)
{
	st_factor f = { 0 };
	st_err err;

	f.code = (char *)code;
	f.name = (char *)name;
	f.definition = (char *)def;
	f.inclusion = (char *)inc;
	f.exclusion = (char *)exc;
	f.memo = (char *)memo;
	f.colour = (char *)colour;
	if (factor_save(db, &f, &err) != 0 || (parent && factor_move(db, f.id, parent, &err) != 0)) {
		printf("Bail out! factor %s: %s\n", code, err.msg);
		exit(99);
	}
	return f.id;
}

static long long add_note(sqlite3 *db, const char *kind, const char *group, const char *body)
{
	st_note n = { 0 };
	st_err err;

	n.session_id = session;
	n.kind = (char *)kind;
	n.group_label = (char *)group;
	n.body = (char *)body;
	n.author = (char *)"";
	if (note_add(db, &n, &err) != 0) {
		printf("Bail out! note: %s\n", err.msg);
		exit(99);
	}
	return n.id;
}

/* The fixture: one programme, one session, a category CA with factor CA1
 * (every text field filled), a top-level factor CB without notes, and
 * three notes on CA1: markup and a pipe (enabler, a quote), a formula
 * (barrier), accents and a line break (enabler). */
static void build_fixture(sqlite3 *db)
{
	long long n1, n2, n3;

	exec(db, "INSERT INTO programme (id, name, school_year) VALUES (1, 'P1', '2018-2019');"
		 "INSERT INTO session (id, programme_id, code, code_key, kind, date)"
		 " VALUES (1, 1, 'S 1', 's 0001', 'groeisessie', '2019-01-10');");
	session = 1;
	ca = save_factor(db, 0, "CA", "Categorie A", "Def A", "", "", "", "#112233");
	ca1 = save_factor(db, ca, "CA1", "Één", "Def 1", "Inc 1", "Exc 1", "Memo 1", "#AABBCC");
	cb = save_factor(db, 0, "CB", "Ander <b>&", "", "", "", "", "");
	n1 = add_note(db, "quote", "", "<script>alert(1)</script> | pipe");
	n2 = add_note(db, "observation", "", "=SUM(A1)");
	n3 = add_note(db, "observation", "tafel 3", "Zoë zegt:\nregel twee");
	tag(db, n1, ca1, 1);
	tag(db, n2, ca1, -1);
	tag(db, n3, ca1, 1);
	/* Equal created_at times order by id. */
	exec(db, "UPDATE note SET created_at = '2019-01-10 10:00:00', updated_at = '2019-01-10 10:00:00'");
}

/* The export as a string (malloc'd), or NULL with err. */
static char *export_text(sqlite3 *db, enum export_what what, enum export_format fmt, int quotes,
			 st_err *err)
{
	export_options o;

	memset(&o, 0, sizeof o);
	o.what = what;
	o.format = fmt;
	o.quotes = quotes;
	o.session_id = what == EXPORT_ATTENDANCE ? session : 0;
	return export_string(db, &o, err);
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (; s && (s = strstr(s, what)); s++)
		n++;
	return n;
}

static void test_names(void)
{
	char buf[64];

	is_int(export_what_from_name("draaiboek"), EXPORT_DRAAIBOEK, "what from name");
	is_int(export_what_from_name("nope"), -1, "unknown what");
	is_int(export_format_from_name("qdc"), EXFMT_QDC, "format from name");
	ok(export_supported(EXPORT_NOTES, EXFMT_CSV) && export_supported(EXPORT_NOTES, EXFMT_JSON) &&
	   !export_supported(EXPORT_NOTES, EXFMT_HTML), "notes: csv and json only");
	ok(export_supported(EXPORT_DRAAIBOEK, EXFMT_MD) && export_supported(EXPORT_DRAAIBOEK, EXFMT_HTML) &&
	   !export_supported(EXPORT_DRAAIBOEK, EXFMT_CSV), "draaiboek: md and html only");
	ok(export_supported(EXPORT_CODEBOOK, EXFMT_QDC) && !export_supported(EXPORT_CODEBOOK, EXFMT_JSON),
	   "codebook: not as json");
	export_default_name(EXPORT_FACTORS, EXFMT_CSV, NULL, buf, sizeof buf);
	is_str(buf, "stemtui-factors.csv", "default name of a factor list");
	export_default_name(EXPORT_CODEBOOK, EXFMT_QDC, "", buf, sizeof buf);
	is_str(buf, "stemtui-codebook.qdc", "default name of the codebook");
	export_default_name(EXPORT_ATTENDANCE, EXFMT_CSV, "COP 07", buf, sizeof buf);
	is_str(buf, "stemtui-attendance-COP-07.csv", "the attendance of a session names its code");
	export_default_name(EXPORT_NOTES, EXFMT_JSON, " Groei/sessie: \"3\" é ", buf, sizeof buf);
	is_str(buf, "stemtui-notes-Groei-sessie-3.json",
	       "  in characters safe in a file name, one - for each run of others");
	export_default_name(EXPORT_PEOPLE, EXFMT_CSV, "COP 07", buf, sizeof buf);
	is_str(buf, "stemtui-people.csv", "people are not limited to a session: no code");
	export_default_name(EXPORT_ATTENDANCE, EXFMT_CSV, "?!", buf, sizeof buf);
	is_str(buf, "stemtui-attendance.csv", "a code with nothing safe in it adds nothing");
}

static void test_csv_json(sqlite3 *db)
{
	st_err err = { "" };
	char *s;

	s = export_text(db, EXPORT_EVIDENCE, EXFMT_CSV, 0, &err);
	is_str(s,
	       "factor,factor_name,path,polarity,note_id,programme,session,session_kind,date,school,"
	       "group,kind,text\r\n"
	       "CA1,Één,CA > CA1,enabler,1,P1,S 1,groeisessie,2019-01-10,,,quote,"
	       "<script>alert(1)</script> | pipe\r\n"
	       "CA1,Één,CA > CA1,barrier,2,P1,S 1,groeisessie,2019-01-10,,,observation,"
	       "\"'=SUM(A1)\"\r\n"
	       "CA1,Één,CA > CA1,enabler,3,P1,S 1,groeisessie,2019-01-10,,tafel 3,observation,"
	       "\"Zoë zegt:\nregel twee\"\r\n",
	       "evidence CSV: header, quoting, formula neutralised, line break kept in quotes");
	free(s);
	s = export_text(db, EXPORT_EVIDENCE, EXFMT_JSON, 0, &err);
	{
		const char *start = "[\n  {\"factor\": \"CA1\", \"factor_name\": \"Één\", \"path\":"
			" \"CA > CA1\", \"polarity\": \"enabler\", \"note_id\": 1, \"programme\": \"P1\","
			" \"session\": \"S 1\", \"session_kind\": \"groeisessie\", \"date\": \"2019-01-10\","
			" \"school\": null, \"group\": null, \"kind\": \"quote\", \"text\":"
			" \"<script>alert(1)</script> | pipe\"},\n";

		ok(s && strncmp(s, start, strlen(start)) == 0,
		   "evidence JSON: keys in their documented order");
		if (s && strncmp(s, start, strlen(start)) != 0)
			diag("%s", s);
	}
	has_str(s, "\"school\": null, \"group\": \"tafel 3\", \"kind\": \"observation\","
		" \"text\": \"Zoë zegt:\\nregel twee\"}\n]\n", "evidence JSON: escapes, null, end");
	free(s);
	s = export_text(db, EXPORT_FACTORS, EXFMT_CSV, 0, &err);
	has_str(s, "code,name,parent,level,notes,sessions,schools,enablers,barriers,neutral,"
		"inspiratie,groei,focus,uitwissel,path,definition\r\n", "factors CSV header");
	has_str(s, "\r\nCA1,Één,CA,1,3,1,", "factors CSV: CA1 under CA with 3 notes at 1 session");
	has_str(s, ",2,1,0,0,3,0,0,CA > CA1,Def 1\r\n", "factors CSV: figures, path, definition");
	has_str(s, "\r\nCB,Ander <b>&,,0,0,0,0,0,0,0,0,0,0,0,CB,\r\n", "factors CSV: a factor without notes");
	free(s);
	s = export_text(db, EXPORT_FACTORS, EXFMT_JSON, 0, &err);
	has_str(s, "{\"code\": \"CB\", \"name\": \"Ander <b>&\", \"parent\": null, \"level\": 0,"
		" \"notes\": 0", "factors JSON");
	free(s);
	s = export_text(db, EXPORT_NOTES, EXFMT_CSV, 0, &err);
	has_str(s, "id,programme,session,session_kind,date,created_at,updated_at,kind,group,about,"
		"author,text,tags\r\n", "notes CSV header (as stemtui notes)");
	has_str(s, "\r\n2,P1,S 1,groeisessie,2019-01-10,2019-01-10 10:00:00,2019-01-10 10:00:00,"
		"observation,,,,\"'=SUM(A1)\",CA1-\r\n", "notes CSV row");
	free(s);
	s = export_text(db, EXPORT_NOTES, EXFMT_JSON, 0, &err);
	has_str(s, "\"text\": \"<script>alert(1)</script> | pipe\", \"tags\": \"CA1+\"}", "notes JSON");
	free(s);
	s = export_text(db, EXPORT_PEOPLE, EXFMT_CSV, 0, &err);
	is_str(s, "id,first_name,last_name,role,organisation,email,focus\r\n", "people CSV: no people");
	free(s);
	s = export_text(db, EXPORT_ATTENDANCE, EXFMT_JSON, 0, &err);
	is_str(s, "[]\n", "attendance JSON: nobody registered");
	free(s);
	s = export_text(db, EXPORT_CODEBOOK, EXFMT_JSON, 0, &err);
	ok(s == NULL && strstr(err.msg, "codebook") && strstr(err.msg, "json"),
	   "a codebook as JSON is refused");
	free(s);
}

static void test_draaiboek(sqlite3 *db)
{
	st_err err = { "" };
	char *s;

	s = export_text(db, EXPORT_DRAAIBOEK, EXFMT_MD, 1, &err);
	ok(s != NULL, "draaiboek md");
	ok(s && !strstr(s, "<script>") && !strstr(s, "<b>"), "md: no markup from the database");
	has_str(s, "&lt;script&gt;alert(1)&lt;/script&gt; \\| pipe", "md: markup and pipe escaped");
	has_str(s, "## CA · Categorie A\n\nDef A\n", "md: category heading and definition");
	/* Only the figures that are known and not zero (issue 13): no
	 * "(0 schools)" for notes of a session without a school, no "0
	 * neutral". */
	has_str(s, "### CA1 · Één\n\nDef 1\n\nCame up in 3 notes at 1 session: 2 as enabler,"
		" 1 as barrier.", "md: factor with its figures");
	has_str(s, "**Where:** S 1 (", "md: where it came up");
	/* A quote in quotation marks, an observation marked as one (issue 13). */
	is_int(count(s, "- “") + count(s, "- *Observation:*"), 2,
	       "md: --quotes 1 gives one enabler and one barrier quote");
	has_str(s, "- *Observation:* =SUM(A1) (S 1, Thu 10 Jan 2019)", "md: the barrier quote with its source, its date the way people read it");
	has_str(s, "**Programme:** P1", "md: the programme it is based on");
	has_str(s, "- S 1 · ", "md: the session it is based on");
	free(s);
	s = export_text(db, EXPORT_DRAAIBOEK, EXFMT_MD, 0, &err);
	is_int(count(s, "- “") + count(s, "- *Observation:*"), 3,
	       "md: by default up to three quotes of each");
	has_str(s, "Zoë zegt:  \n  regel twee", "md: a line break in a quote stays a line break");
	free(s);
	s = export_text(db, EXPORT_DRAAIBOEK, EXFMT_HTML, 0, &err);
	ok(s && strncmp(s, "<!DOCTYPE html>\n<html lang=", 26) == 0, "html: a standalone page");
	has_str(s, "<style>", "html: inline CSS");
	has_str(s, "@media print", "html: a print style");
	ok(s && !strstr(s, "http://") && !strstr(s, "https://") && !strstr(s, "<link") &&
	   !strstr(s, "<script"), "html: no external assets, no script");
	has_str(s, "&lt;script&gt;alert(1)&lt;/script&gt; | pipe", "html: note text escaped");
	has_str(s, "Ander &lt;b&gt;&amp;", "html: factor name escaped");
	has_str(s, "Zoë zegt:<br>\nregel twee", "html: line break");
	ok(s && strstr(s, "</body>\n</html>\n") != NULL, "html: complete");
	free(s);
}

/* import --replace: the codebook becomes the file's; factors that are not
 * in it go, unless notes are tagged with them. */
static void test_qdc_replace(sqlite3 *db, sqlite3 *db2)
{
	st_err err = { "" };
	qdc_stats stats;
	const char *before, *after;

	/* db2 holds CA > CA1, CB and ECO, none of them tagged. */
	write_file("only-cb.qdc", "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
		   "<Code guid=\"33333333-1111-4111-8111-111111111111\" name=\"Nieuw\""
		   " isCodable=\"true\"><Description>Code: NW</Description></Code>\n"
		   "<Code guid=\"D7AA29DA-519B-4946-9B90-253B6DB8FD0A\" name=\"Economy\""
		   " isCodable=\"true\"><Description>Code: ECO</Description></Code>\n"
		   "</Codes></CodeBook>\n");
	ok(codebook_import_qdc(db2, fixture_path("only-cb.qdc"), true, &stats, NULL, &err) == 0,
	   "replace: imports");
	if (err.msg[0])
		diag("%s", err.msg);
	ok(stats.added == 1 && stats.changed == 1 && stats.removed == 3,
	   "replace: one added, one changed (its position), three removed");
	after = query_text(db2, "SELECT group_concat(code || position, ' ') FROM"
			   " (SELECT code, position FROM factor ORDER BY position)");
	is_str(after, "NW0 ECO1", "replace: the codebook is the file's, in its order");
	/* db (the fixture) has notes tagged with CA1. */
	before = query_text(db, "SELECT group_concat(code || name || guid || position, '|') FROM factor");
	ok(codebook_import_qdc(db, fixture_path("only-cb.qdc"), true, &stats, NULL, &err) == -1 &&
	   strstr(err.msg, "CA1 (3)") && !strstr(err.msg, "CB ("),
	   "replace: refused when notes are tagged with a factor that would go, which is named");
	after = query_text(db, "SELECT group_concat(code || name || guid || position, '|') FROM factor");
	is_str(after, before, "replace: refused leaves the codebook untouched");
}

static void test_qdc(sqlite3 *db)
{
	st_err err = { "" };
	char *s, *s2, want[4096];
	const char *ga = query_text(db, "SELECT guid FROM factor WHERE code = 'CA'"),
		   *g1 = query_text(db, "SELECT guid FROM factor WHERE code = 'CA1'"),
		   *gb = query_text(db, "SELECT guid FROM factor WHERE code = 'CB'");
	char *code, *def, *inc, *exc, *memo, *warnings = NULL;
	qdc_stats stats;
	sqlite3 *db2;
	st_factor f = { 0 };
	FILE *out;

	snprintf(want, sizeof want,
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"%s %s\">\n"
		 "  <Codes>\n"
		 "    <Code guid=\"%s\" name=\"Categorie A\" isCodable=\"false\" color=\"#112233\">\n"
		 "      <Description>Code: CA\n\nDef A</Description>\n"
		 "      <Code guid=\"%s\" name=\"Één\" isCodable=\"true\" color=\"#AABBCC\">\n"
		 "        <Description>Code: CA1\n\nDef 1\n\nInclusion: Inc 1\n\nExclusion: Exc 1\n\n"
		 "Memo: Memo 1</Description>\n"
		 "      </Code>\n"
		 "    </Code>\n"
		 "    <Code guid=\"%s\" name=\"Ander &lt;b&gt;&amp;\" isCodable=\"true\">\n"
		 "      <Description>Code: CB</Description>\n"
		 "    </Code>\n"
		 "  </Codes>\n"
		 "</CodeBook>\n", PACKAGE, VERSION, ga, g1, gb);
	s = export_text(db, EXPORT_CODEBOOK, EXFMT_QDC, 0, &err);
	if (s && strstr(s, "<CodeBook origin"))
		/* libxml2 writes the namespace after the attributes. */
		snprintf(want, sizeof want,
			 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<CodeBook origin=\"%s %s\" xmlns=\"urn:QDA-XML:codebook:1.0\">\n"
			 "  <Codes>\n"
			 "    <Code guid=\"%s\" name=\"Categorie A\" isCodable=\"false\" color=\"#112233\">\n"
			 "      <Description>Code: CA\n\nDef A</Description>\n"
			 "      <Code guid=\"%s\" name=\"Één\" isCodable=\"true\" color=\"#AABBCC\">\n"
			 "        <Description>Code: CA1\n\nDef 1\n\nInclusion: Inc 1\n\nExclusion: Exc 1\n\n"
			 "Memo: Memo 1</Description>\n"
			 "      </Code>\n"
			 "    </Code>\n"
			 "    <Code guid=\"%s\" name=\"Ander &lt;b&gt;&amp;\" isCodable=\"true\">\n"
			 "      <Description>Code: CB</Description>\n"
			 "    </Code>\n"
			 "  </Codes>\n"
			 "</CodeBook>\n", PACKAGE, VERSION, ga, g1, gb);
	is_str(s, want, "qdc: the exact codebook (nesting, isCodable, colours, packed Description)");

	/* Round trip through a fresh database. */
	out = fopen(fixture_path("cb.qdc"), "w");
	if (out) {
		fputs(s ? s : "", out);
		fclose(out);
	}
	db2 = open_db("fresh.sqlite");
	ok(codebook_import_qdc(db2, fixture_path("cb.qdc"), false, &stats, &warnings, &err) == 0,
	   "qdc import into a fresh database");
	is_int(stats.added, 3, "three factors added");
	ok(warnings == NULL, "no warnings");
	s2 = export_text(db2, EXPORT_CODEBOOK, EXFMT_QDC, 0, &err);
	is_str(s2, s, "export, import, export: identical");
	free(s2);
	ok(codebook_import_qdc(db2, fixture_path("cb.qdc"), false, &stats, NULL, &err) == 0 &&
	   stats.unchanged == 3 && stats.changed == 0 && stats.added == 0,
	   "importing again changes nothing");
	is_int(query_int(db2, "SELECT count(*) FROM factor WHERE code IN ('CA', 'CA1', 'CB')"), 3,
	       "and the codes are still there");
	s2 = export_text(db2, EXPORT_CODEBOOK, EXFMT_QDC, 0, &err);
	is_str(s2, s, "export after importing twice: identical");
	free(s2);
	free(s);

	/* Description packing. */
	f.code = "X1";
	f.definition = "Regel\n\nNog een";
	f.inclusion = "";
	f.exclusion = "E";
	f.memo = "M";
	s = qdc_pack_description(&f);
	is_str(s, "Code: X1\n\nRegel\n\nNog een\n\nExclusion: E\n\nMemo: M", "pack");
	qdc_unpack_description(s, &code, &def, &inc, &exc, &memo);
	ok(strcmp(code, "X1") == 0 && strcmp(def, "Regel\n\nNog een") == 0 && *inc == '\0' &&
	   strcmp(exc, "E") == 0 && strcmp(memo, "M") == 0, "unpack gives the parts back");
	free(s); free(code); free(def); free(inc); free(exc); free(memo);
	qdc_unpack_description("Anything about jobs", &code, &def, &inc, &exc, &memo);
	ok(*code == '\0' && strcmp(def, "Anything about jobs") == 0,
	   "a foreign Description is the definition");
	free(code); free(def); free(inc); free(exc); free(memo);

	/* Tolerance: BOM, braced lower-case GUID, empty Sets, #RGB. */
	write_file("tolerant.qdc", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
		   "<Code guid=\"{d7aa29da-519b-4946-9b90-253b6db8fd0a}\" name=\"Economy\" isCodable=\"true\""
		   " color=\"#f0a\"><Description>Jobs</Description></Code>\n"
		   "</Codes><Sets></Sets></CodeBook>\n");
	ok(codebook_import_qdc(db2, fixture_path("tolerant.qdc"), false, &stats, NULL, &err) == 0,
	   "BOM, braced GUID and empty Sets tolerated");
	is_int(query_int(db2, "SELECT count(*) FROM factor WHERE guid = "
			 "'D7AA29DA-519B-4946-9B90-253B6DB8FD0A' AND code = 'ECO' AND colour = '#ff00aa'"
			 " AND definition = 'Jobs'"), 1,
	       "GUID upper case without braces, a code from the name, colour #RRGGBB");
	is_int(query_int(db2, "SELECT position FROM factor WHERE code = 'ECO'"), 2,
	       "a merged code comes after the factors already there (CA 0, CB 1)");
	test_qdc_replace(db, db2);

	/* Refusals, database untouched. */
	{
		long long before = query_int(db2, "SELECT count(*) FROM factor");
		const char *sum = query_text(db2, "SELECT group_concat(code || name || guid, '|') FROM factor");
		const char *after;

		write_file("notxml.qdc", "Code: VB1\nthis is not XML\n");
		ok(codebook_import_qdc(db2, fixture_path("notxml.qdc"), false, NULL, NULL, &err) == -1 &&
		   strstr(err.msg, "not an XML file"), "not XML: refused");
		write_file("ns.qdc", "<CodeBook xmlns=\"urn:QDA-XML:project:1.0\"><Codes>"
			   "<Code guid=\"11111111-1111-1111-1111-111111111111\" name=\"A\" isCodable=\"true\"/>"
			   "</Codes></CodeBook>");
		ok(codebook_import_qdc(db2, fixture_path("ns.qdc"), false, NULL, NULL, &err) == -1 &&
		   strstr(err.msg, "urn:QDA-XML:codebook:1.0"), "wrong namespace: refused");
		write_file("noname.qdc", "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
			   "<Code guid=\"11111111-1111-1111-1111-111111111111\" name=\"A\" isCodable=\"true\"/>\n"
			   "<Code guid=\"22222222-1111-1111-1111-111111111111\" isCodable=\"true\"/>\n"
			   "</Codes></CodeBook>");
		ok(codebook_import_qdc(db2, fixture_path("noname.qdc"), false, NULL, NULL, &err) == -1 &&
		   strstr(err.msg, "line 3") && strstr(err.msg, "without a name"),
		   "a Code without a name: refused, with its line");
		after = query_text(db2, "SELECT group_concat(code || name || guid, '|') FROM factor");
		ok(query_int(db2, "SELECT count(*) FROM factor") == before && strcmp(sum, after) == 0,
		   "the database is untouched by refused files");
	}
	db_close(db2);
}

/* Writes name: a REFI-QDA codebook of n codes, one a line from line 3
 * (Code i: GUID ...-i, name "Code i", stemtui code Q<i>), numbered from
 * first.  Returns the path. */
static const char *write_codes(const char *name, int n, int first)
{
	const char *path = fixture_path(name);
	FILE *f = fopen(path, "w");
	int i;

	if (!f) {
		printf("Bail out! cannot write %s\n", path);
		exit(99);
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n", f);
	for (i = first; i < first + n; i++)
		fprintf(f, "<Code guid=\"5E5E5E5E-0000-4000-8000-%012d\" name=\"Code %d\""
			" isCodable=\"true\"><Description>Code: Q%d</Description></Code>\n", i, i, i);
	fputs("</Codes></CodeBook>\n", f);
	if (fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(99);
	}
	return path;
}

/* The codebook as text, to see that a refused import changed nothing. */
static const char *codebook_dump(sqlite3 *db)
{
	return query_text(db, "SELECT count(*) || ':' || coalesce(group_concat(id || code || name"
			  " || guid || definition || position || coalesce(parent_id, ''), '|'), '')"
			  " FROM factor");
}

/* A codebook from NVivo or ATLAS.ti can have thousands of codes: past 4096
 * the reader crashed (a realloc'd pointer was dropped).  Up to FACTORS_MAX
 * they import whole, more are refused whole. */
static void test_qdc_large(void)
{
	sqlite3 *db = open_db("large.sqlite");
	st_err err = { "" };
	qdc_stats stats;
	const char *before, *after;
	char *s, want[4300];
	const char *path;

	path = write_codes("large-5000.qdc", 5000, 0);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == 0,
	   "a codebook of 5000 codes imports");
	if (err.msg[0])
		diag("%s", err.msg);
	is_int(stats.added, 5000, "  all 5000 of them");
	is_int(query_int(db, "SELECT count(*) FROM factor WHERE code GLOB 'Q*'"), 5000,
	       "  5000 factors with their codes");
	is_int(query_int(db, "SELECT position FROM factor WHERE code = 'Q4999'"), 4999,
	       "  the last one last");
	s = export_text(db, EXPORT_CODEBOOK, EXFMT_QDC, 0, &err);
	ok(s && strstr(s, "name=\"Code 4999\"") && strstr(s, "name=\"Code 0\""),
	   "  and the export holds them all");
	free(s);

	/* More than FACTORS_MAX in the file: refused before anything is read. */
	path = write_codes("large-max.qdc", FACTORS_MAX + 1, 100000);
	before = codebook_dump(db);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == -1,
	   "a codebook of FACTORS_MAX + 1 codes is refused");
	snprintf(want, sizeof want, "%s:%d: too many codes (%d, at most %d)", path,
		 FACTORS_MAX + 3, FACTORS_MAX + 1, FACTORS_MAX);
	is_str(err.msg, want, "  saying how many, the most, and where the first too many is");
	after = codebook_dump(db);
	is_str(after, before, "  nothing imported");

	/* Within the limit, but with the factors already there too many. */
	path = write_codes("large-more.qdc", FACTORS_MAX - 4999, 200000);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == -1,
	   "a merge that would take the codebook past FACTORS_MAX is refused");
	snprintf(want, sizeof want, "%s: too many factors: the codebook would have %d (at most %d)",
		 path, FACTORS_MAX + 1, FACTORS_MAX);
	is_str(err.msg, want, "  saying how many it would have");
	after = codebook_dump(db);
	is_str(after, before, "  nothing imported");
	db_close(db);
}

/* A document type could declare entities that expand a small file into
 * gigabytes (or read other files): REFI-QDA files have none, so any is
 * refused; no entity is ever substituted, and no field may be longer
 * than TEXT_FIELD_MAX bytes. */
static void test_qdc_hostile(void)
{
	static const char head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
	static const char open[] = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
		"<Code guid=\"6E6E6E6E-0000-4000-8000-000000000001\" name=\"Boom\" isCodable=\"true\">"
		"<Description>";
	static const char close[] = "</Description></Code>\n</Codes></CodeBook>\n";
	sqlite3 *db = open_db("hostile.sqlite");
	size_t size = 4 * TEXT_FIELD_MAX, len;
	char *text = malloc(size), want[4300];
	const char *before, *after;
	const char *path;
	st_err err = { "" };
	qdc_stats stats;
	int i;

	if (!text)
		exit(99);
	before = codebook_dump(db);
	/* A thousand references to an entity of a thousand bytes. */
	len = (size_t)snprintf(text, size, "%s<!DOCTYPE CodeBook [<!ENTITY a \"", head);
	for (i = 0; i < 1000; i++)
		text[len++] = 'A';
	len += (size_t)snprintf(text + len, size - len, "\">]>\n%s", open);
	for (i = 0; i < 1000; i++)
		len += (size_t)snprintf(text + len, size - len, "&a;");
	snprintf(text + len, size - len, "%s", close);
	path = write_file("entity.qdc", text);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == -1,
	   "a document type with an entity is refused");
	snprintf(want, sizeof want, "%s:2: a document type (<!DOCTYPE ...>) is not allowed", path);
	has_str(err.msg, want, "  with FILE:LINE");
	after = codebook_dump(db);
	is_str(after, before, "  nothing imported");

	snprintf(text, size, "%s<!DOCTYPE CodeBook SYSTEM \"file:///etc/passwd\">\n%sx%s", head,
		 open, close);
	path = write_file("external.qdc", text);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == -1 &&
	   strstr(err.msg, ":2: a document type"), "an external document type is refused");
	snprintf(text, size, "%s<!DOCTYPE CodeBook>\n%sx%s", head, open, close);
	path = write_file("plain-doctype.qdc", text);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == -1 &&
	   strstr(err.msg, ":2: a document type"), "any document type is refused");
	snprintf(text, size, "%s%s&a;%s", head, open, close);
	path = write_file("undeclared.qdc", text);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == -1 &&
	   strstr(err.msg, "not an XML file"), "a reference to an undeclared entity is refused");

	/* Fields: at most TEXT_FIELD_MAX bytes, the Description as the file
	 * has it. */
	len = (size_t)snprintf(text, size, "%s%s", head, open);
	memset(text + len, 'x', TEXT_FIELD_MAX);
	snprintf(text + len + TEXT_FIELD_MAX, size - len - TEXT_FIELD_MAX, "%s", close);
	path = write_file("desc-max.qdc", text);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == 0 &&
	   query_int(db, "SELECT length(definition) FROM factor WHERE name = 'Boom'") ==
	   TEXT_FIELD_MAX, "a Description of TEXT_FIELD_MAX bytes imports");
	if (err.msg[0])
		diag("%s", err.msg);
	before = codebook_dump(db);
	memset(text + len, 'y', TEXT_FIELD_MAX);
	snprintf(text + len + TEXT_FIELD_MAX, size - len - TEXT_FIELD_MAX, "y%s", close);
	path = write_file("desc-long.qdc", text);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == -1,
	   "a Description of one byte more is refused");
	snprintf(want, sizeof want, "%s:3: the Description of code \"Boom\" is longer than %d bytes",
		 path, TEXT_FIELD_MAX);
	has_str(err.msg, want, "  naming the field and the limit, with FILE:LINE");
	len = (size_t)snprintf(text, size, "%s<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
			       "<Code isCodable=\"true\" name=\"", head);
	memset(text + len, 'n', TEXT_FIELD_MAX + 1);
	snprintf(text + len + TEXT_FIELD_MAX + 1, size - len - TEXT_FIELD_MAX - 1, "\"/>%s",
		 "\n</Codes></CodeBook>\n");
	path = write_file("name-long.qdc", text);
	ok(codebook_import_qdc(db, path, false, &stats, NULL, &err) == -1,
	   "a name of TEXT_FIELD_MAX + 1 bytes is refused");
	snprintf(want, sizeof want, "%s:3: attribute name of a Code is longer than %d bytes", path,
		 TEXT_FIELD_MAX);
	has_str(err.msg, want, "  naming the attribute");
	after = codebook_dump(db);
	is_str(after, before, "  nothing imported by the refused files");
	free(text);
	db_close(db);
}

static int file_mode(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

/* Files in dir whose name starts with prefix. */
static int leftovers(const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	if (d)
		closedir(d);
	return n;
}

static void test_atomic(sqlite3 *db)
{
	export_options o;
	st_err err;
	char *s;

	memset(&o, 0, sizeof o);
	o.what = EXPORT_NOTES;
	o.format = EXFMT_CSV;
	ok(export_to_path(db, &o, fixture_path("notes.csv"), &err) == 0, "notes to a file");
	is_int(file_mode(fixture_path("notes.csv")), 0600, "notes: mode 0600 (names)");
	o.what = EXPORT_FACTORS;
	umask(022);
	ok(export_to_path(db, &o, fixture_path("factors.csv"), &err) == 0, "factors to a file");
	is_int(file_mode(fixture_path("factors.csv")), 0644, "factors: mode 0644 (umask 022)");
	umask(002);
	ok(export_to_path(db, &o, fixture_path("factors.csv"), &err) == 0, "factors again");
	is_int(file_mode(fixture_path("factors.csv")), 0664, "factors: mode 0664 with umask 002");
	o.what = EXPORT_NOTES;
	ok(export_to_path(db, &o, fixture_path("notes.csv"), &err) == 0 &&
	   file_mode(fixture_path("notes.csv")) == 0600, "notes: 0600 whatever the umask");
	umask(022);
	o.what = EXPORT_CODEBOOK;
	o.format = EXFMT_QDC;
	ok(export_to_path(db, &o, fixture_path("codebook.qdc"), &err) == 0, "codebook to a file");
	is_int(file_mode(fixture_path("codebook.qdc")), 0644, "codebook: mode 0644 (umask 022)");
	o.what = EXPORT_DRAAIBOEK;
	o.format = EXFMT_HTML;
	ok(export_to_path(db, &o, fixture_path("draaiboek.html"), &err) == 0, "draaiboek to a file");
	is_int(file_mode(fixture_path("draaiboek.html")), 0600, "draaiboek: mode 0600 (quotes)");

	/* A failing export leaves the old file and no temporary file. */
	write_file("old.csv", "the old file\n");
	o.what = EXPORT_ATTENDANCE;   /* without a session: fails after the temp file is made */
	o.format = EXFMT_CSV;
	ok(export_to_path(db, &o, fixture_path("old.csv"), &err) == -1, "a failing export fails");
	s = read_file(fixture_path("old.csv"));
	is_str(s, "the old file\n", "the old file survives");
	free(s);
	/* Failing midway: the database closes under a statement. */
	o.what = EXPORT_EVIDENCE;
	exec(db, "CREATE TEMP VIEW x AS SELECT 1");
	o.session_kind = "groeisessie";
	exec(db, "ALTER TABLE tag RENAME TO tag_gone");
	ok(export_to_path(db, &o, fixture_path("old.csv"), &err) == -1, "an export whose query fails fails");
	exec(db, "ALTER TABLE tag_gone RENAME TO tag");
	s = read_file(fixture_path("old.csv"));
	is_str(s, "the old file\n", "the old file survives that too");
	free(s);
	is_int(leftovers(".old.csv."), 0, "no temporary file is left behind");
	o.what = EXPORT_FACTORS;
	o.session_kind = NULL;
	ok(export_to_path(db, &o, fixture_path("old.csv"), &err) == 0, "a good export replaces it");
	s = read_file(fixture_path("old.csv"));
	ok(strncmp(s, "code,name,", 10) == 0, "with the new content");
	free(s);
	is_int(leftovers(".old.csv."), 0, "and leaves no temporary file either");
	ok(export_to_path(db, &o, fixture_path("no/such/folder/x.csv"), &err) == -1 && *err.msg,
	   "a folder that does not exist: an error");
}

/* The export as a string with the given CSV dialect (malloc'd), or NULL. */
static char *export_csv(sqlite3 *db, enum export_what what, enum csv_dialect d)
{
	export_options o = { .what = what, .format = EXFMT_CSV, .csv = d };
	st_err err;

	return export_string(db, &o, &err);
}

/* Reads the CSV file at path with the importer's reader: every record as
 * "field|field\n"; "ERROR" on an error. */
static char *read_back(const char *path, char *sep)
{
	static char out[16384];
	csv_reader *r;
	st_err err;
	char **fields;
	int n, i, rc;
	size_t len;

	out[0] = '\0';
	r = csv_open(path, &err);
	if (!r)
		return strcpy(out, "ERROR");
	*sep = csv_separator(r);
	while ((rc = csv_next(r, &fields, &n, &err)) > 0)
		for (i = 0; i < n; i++) {
			len = strlen(out);
			snprintf(out + len, sizeof out - len, "%s%s", fields[i], i + 1 < n ? "|" : "\n");
		}
	csv_close(r);
	return rc < 0 ? strcpy(out, "ERROR") : out;
}

/* CSV for a Belgian Excel: a byte-order mark, semicolons, CRLF; a field
 * holding a semicolon or a comma quoted, the formula guard as in RFC
 * 4180; read back with semicolons it holds what the RFC 4180 file holds. */
static void test_csv_excel(sqlite3 *db)
{
	static const enum export_what tabular[] = {
		EXPORT_FACTORS, EXPORT_EVIDENCE, EXPORT_NOTES, EXPORT_ATTENDANCE, EXPORT_PEOPLE,
	};
	char *s, *rfc, path[2][4300], sep[2], *want;
	size_t i;
	int k;

	long long person = add_person(db, "Zoë", "Claes", "leraar", 0, "robotica, wetenschap");
	st_err err;

	if (attendance_set_at(db, session, person, ATT_PRESENT, "08:59", &err) != 0) {
		printf("Bail out! attendance: %s\n", err.msg);
		exit(99);
	}
	tag(db, add_note(db, "idea", "", "Tijd; draagvlak, geld"), ca1, 0);
	s = export_csv(db, EXPORT_EVIDENCE, CSV_EXCEL);
	is_str(s,
	       "\xef\xbb\xbf" "factor;factor_name;path;polarity;note_id;programme;session;session_kind;"
	       "date;school;group;kind;text\r\n"
	       "CA1;Één;CA > CA1;enabler;1;P1;S 1;groeisessie;2019-01-10;;;quote;"
	       "<script>alert(1)</script> | pipe\r\n"
	       "CA1;Één;CA > CA1;barrier;2;P1;S 1;groeisessie;2019-01-10;;;observation;"
	       "\"'=SUM(A1)\"\r\n"
	       "CA1;Één;CA > CA1;enabler;3;P1;S 1;groeisessie;2019-01-10;;tafel 3;observation;"
	       "\"Zoë zegt:\nregel twee\"\r\n"
	       "CA1;Één;CA > CA1;neutral;4;P1;S 1;groeisessie;2019-01-10;;;idea;"
	       "\"Tijd; draagvlak, geld\"\r\n",
	       "evidence for Excel: BOM, semicolons, CRLF, quoted ; and , and the formula guard");
	free(s);
	s = export_csv(db, EXPORT_PEOPLE, CSV_EXCEL);
	has_str(s, "\r\n1;Zoë;Claes;leraar;;;\"robotica,wetenschap\"\r\n",
		"people for Excel: the focus tags quoted for their comma");
	free(s);
	s = export_csv(db, EXPORT_EVIDENCE, CSV_RFC4180);
	has_str(s, ",idea,\"Tijd; draagvlak, geld\"\r\n", "  RFC 4180 quotes it for the comma");
	ok(s && strncmp(s, "factor,", 7) == 0, "  and starts without a byte-order mark");
	free(s);
	for (i = 0; i < sizeof tabular / sizeof tabular[0]; i++) {
		for (k = 0; k < 2; k++) {
			export_options o = { .what = tabular[i], .format = EXFMT_CSV,
					     .csv = k ? CSV_EXCEL : CSV_RFC4180, .session_id = session };

			snprintf(path[k], sizeof path[k], "%s/%s-%s.csv", dir, export_what_name[tabular[i]],
				 csv_dialect_name[k]);
			if (export_to_path(db, &o, path[k], &err) != 0)
				diag("%s", err.msg);
		}
		rfc = strdup(read_back(path[0], &sep[0]));
		want = read_back(path[1], &sep[1]);
		ok(rfc && strcmp(rfc, "ERROR") != 0 && strcmp(rfc, want) == 0 && sep[0] == ',' &&
		   sep[1] == ';', "%s: the Excel file read back with ';' holds what the RFC 4180 one does",
		   export_what_name[tabular[i]]);
		free(rfc);
	}
	is_int(csv_dialect_from_name("excel"), CSV_EXCEL, "--csv excel");
	is_int(csv_dialect_from_name("rfc4180"), CSV_RFC4180, "--csv rfc4180");
	is_int(csv_dialect_from_name("Excel"), -1, "  names are lower case");
}

/* In Dutch, the default file names and the labels in a .qdc Description
 * are Dutch, and a Description reads back in either language. */
static void language(const char *lang)
{
	if (lang)
		setenv("LANGUAGE", lang, 1);
	else
		unsetenv("LANGUAGE");
	setlocale(LC_ALL, "C.UTF-8");
	textdomain("stemtui");    /* makes gettext forget what it looked up */
}

/* Whether Description s unpacks to f's parts. */
static bool unpacks_to(const char *s, const st_factor *f)
{
	char *code, *def, *inc, *exc, *memo;
	bool same;

	qdc_unpack_description(s, &code, &def, &inc, &exc, &memo);
	same = strcmp(code, f->code) == 0 && strcmp(def, f->definition) == 0 &&
	       strcmp(inc, f->inclusion) == 0 && strcmp(exc, f->exclusion) == 0 &&
	       strcmp(memo, f->memo) == 0;
	free(code); free(def); free(inc); free(exc); free(memo);
	return same;
}

static void test_dutch(void)
{
	const char *localedir = getenv("STEMTUI_LOCALEDIR");
	st_factor f = { .code = "X1", .definition = "Regel", .inclusion = "I", .exclusion = "E",
			.memo = "M" };
	char buf[256], *s;

	if (!localedir || !*localedir) {
		printf("ok %d - Dutch names and labels # SKIP no catalog\n", ++tap_n);
		return;
	}
	bindtextdomain("stemtui", localedir);
	bind_textdomain_codeset("stemtui", "UTF-8");
	language("nl");
	export_default_name(EXPORT_ATTENDANCE, EXFMT_CSV, "COP 07", buf, sizeof buf);
	is_str(buf, "stemtui-aanwezigheid-COP-07.csv", "Dutch: the attendance's default name");
	export_default_name(EXPORT_NOTES, EXFMT_JSON, NULL, buf, sizeof buf);
	is_str(buf, "stemtui-notities.json", "Dutch: notes");
	export_default_name(EXPORT_FACTORS, EXFMT_CSV, NULL, buf, sizeof buf);
	is_str(buf, "stemtui-factoren.csv", "Dutch: factors");
	export_default_name(EXPORT_DRAAIBOEK, EXFMT_HTML, NULL, buf, sizeof buf);
	is_str(buf, "stemtui-draaiboek.html", "Dutch: the draaiboek");
	export_default_name(EXPORT_CODEBOOK, EXFMT_QDC, NULL, buf, sizeof buf);
	is_str(buf, "stemtui-codeboek.qdc", "Dutch: the codebook");

	s = qdc_pack_description(&f);
	is_str(s, "Code: X1\n\nRegel\n\nInclusie: I\n\nExclusie: E\n\nMemo: M",
	       "Dutch: the Description's labels are Dutch");
	language(NULL);
	ok(unpacks_to(s, &f), "a Dutch Description reads back in English");
	free(s);
	s = qdc_pack_description(&f);
	is_str(s, "Code: X1\n\nRegel\n\nInclusion: I\n\nExclusion: E\n\nMemo: M",
	       "English again: English labels");
	language("nl");
	ok(unpacks_to(s, &f), "an English Description reads back in Dutch");
	free(s);
	language(NULL);
}

int main(void)
{
	sqlite3 *db;

	setlocale(LC_ALL, "C.UTF-8");
	dir = fixture_start("export");
	db = open_db("fixture.sqlite");
	build_fixture(db);
	test_names();
	test_csv_json(db);
	test_draaiboek(db);
	test_qdc(db);
	test_qdc_large();
	test_qdc_hostile();
	test_atomic(db);
	test_csv_excel(db);
	test_dutch();
	db_close(db);
	return tap_done();
}
