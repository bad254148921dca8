/* export_qdc.c: the codebook as a REFI-QDA codebook (.qdc, namespace
 * urn:QDA-XML:codebook:1.0), written with libxml2's xmlTextWriter, and
 * read back with libxml2 (no network, no entity expansion).
 *
 * A factor becomes a Code: its GUID (stored, so the same in every
 * export), its name, isCodable false for a category (a factor with
 * children), its colour (#RRGGBB), and one Description packing the
 * stemtui code, definition, inclusion and exclusion notes and memo (see
 * qdc_pack_description).  Children nest inside their parent.  stemtui has
 * no sets, so there is no Sets element. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "core/db.h"
#include "core/export.h"
#include "core/factors.h"
#include "core/i18n.h"

#define QDC_NS "urn:QDA-XML:codebook:1.0"
#define MAX_FACTORS 4096

/* ---- the Description ---------------------------------------------------- */

static void append(char **buf, size_t *len, const char *s)
{
	size_t n = strlen(s);
	char *grown = realloc(*buf, *len + n + 1);

	if (!grown)
		return;
	memcpy(grown + *len, s, n + 1);
	*buf = grown;
	*len += n;
}

static void part(char **buf, size_t *len, const char *label, const char *s)
{
	if (!s || !*s)
		return;
	if (*len)
		append(buf, len, "\n\n");
	append(buf, len, label);
	append(buf, len, s);
}

char *qdc_pack_description(const st_factor *f)
{
	char *buf = calloc(1, 1);
	size_t len = 0;

	if (!buf)
		return NULL;
	part(&buf, &len, "Code: ", f->code);
	part(&buf, &len, "", f->definition);
	part(&buf, &len, "Inclusion: ", f->inclusion);
	part(&buf, &len, "Exclusion: ", f->exclusion);
	part(&buf, &len, "Memo: ", f->memo);
	return buf;
}

/* Cuts the part introduced by label off the end of rest (rest itself when
 * it starts with label, else after its last "\n\n" + label). */
static char *cut(char *rest, const char *label)
{
	size_t n = strlen(label);
	char *at = NULL, *p;

	if (strncmp(rest, label, n) == 0) {
		at = rest;
	} else {
		for (p = strstr(rest, "\n\n"); p; p = strstr(p + 1, "\n\n"))
			if (strncmp(p + 2, label, n) == 0)
				at = p;
	}
	if (!at)
		return strdup("");
	p = strdup(at + (at == rest ? 0 : 2) + n);
	*at = '\0';
	return p;
}

void qdc_unpack_description(const char *text, char **code, char **definition,
			    char **inclusion, char **exclusion, char **memo)
{
	char *rest = strdup(text ? text : ""), *nl;
	const char *body = rest;

	*code = strdup("");
	if (rest && strncmp(rest, "Code: ", 6) == 0) {
		nl = strchr(rest, '\n');
		free(*code);
		*code = nl ? strndup(rest + 6, (size_t)(nl - rest - 6)) : strdup(rest + 6);
		body = nl ? nl + 1 : "";
		if (*body == '\n')
			body++;
		memmove(rest, body, strlen(body) + 1);
	}
	if (!rest)
		rest = strdup("");
	*memo = cut(rest, "Memo: ");
	*exclusion = cut(rest, "Exclusion: ");
	*inclusion = cut(rest, "Inclusion: ");
	*definition = rest;
}

/* ---- export ---------------------------------------------------------------- */

/* A copy of s without the control characters XML 1.0 cannot hold. */
static char *xml_clean(const char *s)
{
	char *out = strdup(s ? s : ""), *o = out;
	const char *p;

	if (!out)
		return NULL;
	for (p = s ? s : ""; *p; p++)
		if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
			*o++ = *p;
	*o = '\0';
	return out;
}

static int write_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *v = xml_clean(value);
	int rc = v ? xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST v) : -1;

	free(v);
	return rc;
}

int export_qdc(sqlite3 *db, const export_options *o, FILE *out, st_err *err)
{
	st_factor *tree = calloc(MAX_FACTORS, sizeof *tree);
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	int n = 0, i, open = 0, rc = -1, x = 0;
	char origin[64];

	if (!tree || !w) {
		st_err_set(err, "%s", _("out of memory"));
		goto done;
	}
	n = factor_tree(db, tree, MAX_FACTORS, err);
	if (n < 0) {
		n = 0;
		goto done;
	}
	if (n == 0) {
		/* The schema wants at least one Code. */
		st_err_set(err, "%s", _("the codebook is empty: there is nothing to export"));
		goto done;
	}
	snprintf(origin, sizeof origin, "%s %s", PACKAGE, VERSION);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	x |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
	x |= xmlTextWriterStartElementNS(w, NULL, BAD_CAST "CodeBook", BAD_CAST QDC_NS) < 0;
	x |= write_attr(w, "origin", origin) < 0;
	x |= xmlTextWriterStartElement(w, BAD_CAST "Codes") < 0;
	for (i = 0; i < n && !x; i++) {
		const st_factor *f = &tree[i];
		char *desc;

		for (; open > f->depth; open--)
			x |= xmlTextWriterEndElement(w) < 0;
		x |= xmlTextWriterStartElement(w, BAD_CAST "Code") < 0;
		open++;
		x |= write_attr(w, "guid", f->guid) < 0;
		x |= write_attr(w, "name", f->name) < 0;
		x |= write_attr(w, "isCodable", f->children > 0 ? "false" : "true") < 0;
		if (f->colour && *f->colour)
			x |= write_attr(w, "color", f->colour) < 0;
		desc = qdc_pack_description(f);
		if (desc) {
			char *clean = xml_clean(desc);

			x |= !clean || xmlTextWriterWriteElement(w, BAD_CAST "Description",
								 BAD_CAST clean) < 0;
			free(clean);
		}
		free(desc);
		if (o->progress)
			o->progress(o->progress_ctx, i + 1, n);
	}
	for (; open > 0; open--)
		x |= xmlTextWriterEndElement(w) < 0;
	x |= xmlTextWriterEndDocument(w) < 0;   /* closes Codes and CodeBook */
	xmlFreeTextWriter(w);
	w = NULL;
	if (x) {
		st_err_set(err, "%s", _("cannot write the codebook as XML"));
		goto done;
	}
	if (fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out) !=
	    (size_t)xmlBufferLength(buf)) {
		st_err_set(err, "%s", _("cannot write the export"));
		goto done;
	}
	rc = 0;
done:
	if (w)
		xmlFreeTextWriter(w);
	if (buf)
		xmlBufferFree(buf);
	for (i = 0; i < n; i++)
		factor_clear(&tree[i]);
	free(tree);
	return rc;
}

/* ---- import ----------------------------------------------------------------- */

struct qcode {
	char *guid;           /* normalised: upper case, no braces; "" when to be made */
	char *name, *code, *definition, *inclusion, *exclusion, *memo, *colour;
	int parent;           /* index in the list, -1 at the top */
	int position;
	int line;
	long long id;         /* the factor it becomes */
	char *old_code;       /* its code before the import (existing factors) */
	bool is_new, guid_changed;
};

struct qfile {
	const char *path;
	struct qcode *c;
	int n, cap;
	char *warnings;
	size_t wlen;
};

static void warn(struct qfile *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct qfile *q, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (!q->warnings)
		q->warnings = calloc(1, 1);
	if (!q->warnings)
		return;
	append(&q->warnings, &q->wlen, line);
	append(&q->warnings, &q->wlen, "\n");
}

static void qfile_free(struct qfile *q)
{
	int i;

	for (i = 0; i < q->n; i++) {
		struct qcode *c = &q->c[i];

		free(c->guid);
		free(c->name);
		free(c->code);
		free(c->definition);
		free(c->inclusion);
		free(c->exclusion);
		free(c->memo);
		free(c->colour);
		free(c->old_code);
	}
	free(q->c);
	free(q->warnings);
}

/* The first XML error of the parse, kept instead of printed. */
static char xml_error[512];

static void keep_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (xml_error[0] || !e || e->level < XML_ERR_ERROR)
		return;
	snprintf(xml_error, sizeof xml_error, "line %d: %s", e->line,
		 e->message ? e->message : "?");
	xml_error[strcspn(xml_error, "\n")] = '\0';
}

/* A GUID as 8-4-4-4-12 upper-case hexadecimal, braces removed; NULL when
 * it is not one. */
static char *normal_guid(const char *s)
{
	char buf[40];
	size_t n = strlen(s), i;

	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 38 && s[0] == '{' && s[37] == '}')
		s++, n -= 2;
	if (n != 36)
		return NULL;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return NULL;
			buf[i] = '-';
		} else if (isxdigit((unsigned char)s[i])) {
			buf[i] = (char)toupper((unsigned char)s[i]);
		} else {
			return NULL;
		}
	}
	buf[36] = '\0';
	return strdup(buf);
}

/* "#RRGGBB" of "#RGB" or "#RRGGBB"; NULL when it is neither. */
static char *normal_colour(const char *s)
{
	char buf[8];
	size_t n = strlen(s), i;

	if (s[0] != '#' || (n != 4 && n != 7))
		return NULL;
	for (i = 1; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return NULL;
	if (n == 7)
		return strdup(s);
	snprintf(buf, sizeof buf, "#%c%c%c%c%c%c", s[1], s[1], s[2], s[2], s[3], s[3]);
	return strdup(buf);
}

static bool is_qdc(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
	       strcmp((const char *)node->ns->href, QDC_NS) == 0 &&
	       strcmp((const char *)node->name, name) == 0;
}

/* Trimmed copy of s. */
static char *trimmed(const char *s)
{
	size_t n;

	while (*s && isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return strndup(s, n);
}

static char *attr(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST name);
	char *s;

	if (!v)
		return NULL;
	s = trimmed((const char *)v);
	xmlFree(v);
	return s;
}

static int read_code(struct qfile *q, xmlNodePtr node, int parent, int position, st_err *err)
{
	struct qcode *c;
	xmlNodePtr child;
	char *guid, *colour, *codable, *desc = NULL;
	int self, pos = 0;

	if (q->n == q->cap) {
		int cap = q->cap ? q->cap * 2 : 64;
		struct qcode *grown = realloc(q->c, (size_t)cap * sizeof *grown);

		if (!grown || cap > MAX_FACTORS)
			return st_err_set(err, "%s", _("the codebook has too many codes"));
		q->c = grown;
		q->cap = cap;
	}
	self = q->n++;
	c = &q->c[self];
	memset(c, 0, sizeof *c);
	c->parent = parent;
	c->position = position;
	c->line = (int)xmlGetLineNo(node);
	c->name = attr(node, "name");
	if (!c->name || !*c->name)
		return st_err_set(err, _("%s: line %d: a Code without a name"), q->path, c->line);
	guid = attr(node, "guid");
	c->guid = guid ? normal_guid(guid) : NULL;
	if (!c->guid) {
		warn(q, _("%s: line %d: code \"%s\" has no valid GUID (\"%s\"); it gets a new one"),
		     q->path, c->line, c->name, guid ? guid : "");
		c->guid = strdup("");
	}
	free(guid);
	colour = attr(node, "color");
	c->colour = colour && *colour ? normal_colour(colour) : strdup("");
	if (!c->colour) {
		warn(q, _("%s: line %d: colour \"%s\" of code \"%s\" is not #RRGGBB; left out"),
		     q->path, c->line, colour, c->name);
		c->colour = strdup("");
	}
	free(colour);
	codable = attr(node, "isCodable");
	for (child = node->children; child; child = child->next)
		if (is_qdc(child, "Code"))
			break;
	if (codable && (strcmp(codable, "false") == 0 || strcmp(codable, "0") == 0) && !child)
		warn(q, _("%s: line %d: code \"%s\" is not codable but has no codes below it;"
			  " in stemtui it can be tagged"), q->path, c->line, c->name);
	free(codable);
	for (child = node->children; child; child = child->next) {
		if (child->type != XML_ELEMENT_NODE)
			continue;
		if (is_qdc(child, "Description")) {
			xmlChar *t = xmlNodeGetContent(child);

			free(desc);
			desc = trimmed(t ? (const char *)t : "");
			xmlFree(t);
		} else if (is_qdc(child, "Code")) {
			if (read_code(q, child, self, pos++, err) != 0) {
				free(desc);
				return -1;
			}
			c = &q->c[self];   /* q->c may have moved */
		} else {
			warn(q, _("%s: line %d: element %s is not kept"), q->path,
			     (int)xmlGetLineNo(child), (const char *)child->name);
		}
	}
	c = &q->c[self];
	qdc_unpack_description(desc, &c->code, &c->definition, &c->inclusion, &c->exclusion,
			       &c->memo);
	free(desc);
	if (!c->code || !c->definition || !c->inclusion || !c->exclusion || !c->memo)
		return st_err_set(err, "%s", _("out of memory"));
	return 0;
}

static int qdc_parse(struct qfile *q, st_err *err)
{
	xmlDocPtr doc;
	xmlNodePtr root, child, code;
	int rc = 0, pos = 0, i, j;

	xml_error[0] = '\0';
	xmlSetStructuredErrorFunc(NULL, keep_error);
	doc = xmlReadFile(q->path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc)
		return st_err_set(err, _("%s: not an XML file (%s)"), q->path,
				  xml_error[0] ? xml_error : _("cannot be read"));
	root = xmlDocGetRootElement(doc);
	if (!is_qdc(root, "CodeBook")) {
		st_err_set(err, _("%s: not a REFI-QDA codebook: the root element is %s%s%s%s,"
				  " not CodeBook in namespace %s"), q->path,
			   root && root->ns ? "{" : "",
			   root && root->ns ? (const char *)root->ns->href : "",
			   root && root->ns ? "}" : "", root ? (const char *)root->name : "?",
			   QDC_NS);
		xmlFreeDoc(doc);
		return -1;
	}
	for (child = root->children; child && rc == 0; child = child->next) {
		if (child->type != XML_ELEMENT_NODE)
			continue;
		if (is_qdc(child, "Codes")) {
			for (code = child->children; code && rc == 0; code = code->next) {
				if (is_qdc(code, "Code"))
					rc = read_code(q, code, -1, pos++, err);
				else if (code->type == XML_ELEMENT_NODE)
					warn(q, _("%s: line %d: element %s is not kept"), q->path,
					     (int)xmlGetLineNo(code), (const char *)code->name);
			}
		} else if (is_qdc(child, "Sets")) {
			int sets = 0;

			for (code = child->children; code; code = code->next)
				sets += is_qdc(code, "Set");
			if (sets)
				warn(q, ngettext("%s: %d set is not kept (stemtui has no sets)",
						 "%s: %d sets are not kept (stemtui has no sets)",
						 (unsigned long)sets), q->path, sets);
		} else {
			warn(q, _("%s: line %d: element %s is not kept"), q->path,
			     (int)xmlGetLineNo(child), (const char *)child->name);
		}
	}
	xmlFreeDoc(doc);
	if (rc == 0 && q->n == 0)
		rc = st_err_set(err, _("%s: the codebook has no codes"), q->path);
	for (i = 0; rc == 0 && i < q->n; i++)
		for (j = i + 1; *q->c[i].guid && j < q->n; j++)
			if (strcmp(q->c[i].guid, q->c[j].guid) == 0)
				rc = st_err_set(err, _("%s: line %d: GUID %s is also the GUID of the"
						       " code on line %d"), q->path, q->c[j].line,
						q->c[j].guid, q->c[i].line);
	return rc;
}

/* ---- writing to the database ---------------------------------------------------- */

static long long lookup(sqlite3 *db, const char *sql, const char *value, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	long long id = 0;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		id = st_err_set(err, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return id;
}

/* Whether code is free: no factor outside the file's has it, and no code
 * of the file before index upto. */
static int code_free(sqlite3 *db, struct qfile *q, int upto, const char *code, st_err *err)
{
	sqlite3_stmt *st;
	long long other;
	int i, rc;

	for (i = 0; i < upto; i++)
		if (strcasecmp(q->c[i].code, code) == 0)
			return 0;
	st = db_prepare(db, "SELECT id FROM factor WHERE code = ?1 COLLATE NOCASE", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	other = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_err_set(err, "%s", sqlite3_errmsg(db));
	if (!other)
		return 1;
	for (i = 0; i < q->n; i++)
		if (q->c[i].id == other)
			return 1;   /* a factor of the file: it gets its own code */
	return 0;
}

/* A code made from the name: the initials of its words, or the first
 * three letters of a single word, upper case (ASCII letters and digits
 * only). */
static void code_from_name(const char *name, char *buf, size_t size)
{
	size_t n = 0, words = 0;
	const char *p;
	bool start = true;

	for (p = name; *p && n + 1 < size && n < 8; p++) {
		if (isalnum((unsigned char)*p)) {
			if (start) {
				buf[n++] = (char)toupper((unsigned char)*p);
				words++;
			}
			start = false;
		} else if (*p == ' ' || *p == '-' || *p == '/') {
			start = true;
		}
	}
	buf[n] = '\0';
	if (words == 1) {
		n = 0;
		for (p = name; *p && n < 3 && n + 1 < size; p++)
			if (isalnum((unsigned char)*p))
				buf[n++] = (char)toupper((unsigned char)*p);
		buf[n] = '\0';
	}
	if (n == 0)
		snprintf(buf, size, "C");
}

/* Sets q->c[i].code to a valid code no other factor has. */
static int choose_code(sqlite3 *db, struct qfile *q, int i, const char *existing, st_err *err)
{
	struct qcode *c = &q->c[i];
	char base[FACTOR_CODE_MAX + 1], cand[FACTOR_CODE_MAX + 8];
	int k, rc;

	if (*c->code && !factor_code_ok(c->code)) {
		warn(q, _("%s: line %d: \"%s\" is not a valid stemtui code; another is made"),
		     q->path, c->line, c->code);
		c->code[0] = '\0';
	}
	if (*c->code) {
		rc = code_free(db, q, i, c->code, err);
		if (rc < 0)
			return -1;
		if (rc)
			return 0;
		warn(q, _("%s: line %d: code %s already belongs to another factor; another is made"),
		     q->path, c->line, c->code);
	}
	if (existing && *existing) {
		rc = code_free(db, q, i, existing, err);
		if (rc < 0)
			return -1;
		if (rc) {
			free(c->code);
			c->code = strdup(existing);
			return c->code ? 0 : st_err_set(err, "%s", _("out of memory"));
		}
	}
	code_from_name(c->name, base, sizeof base);
	for (k = 1; k < 100000; k++) {
		if (k == 1)
			snprintf(cand, sizeof cand, "%s", base);
		else
			snprintf(cand, sizeof cand, "%s%d", base, k);
		rc = code_free(db, q, i, cand, err);
		if (rc < 0)
			return -1;
		if (rc) {
			free(c->code);
			c->code = strdup(cand);
			return c->code ? 0 : st_err_set(err, "%s", _("out of memory"));
		}
	}
	return st_err_set(err, "%s", _("cannot make a code"));
}

static char *existing_code(sqlite3 *db, long long id)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT code FROM factor WHERE id = ?1", NULL);
	char *s = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = db_column_strdup(st, 0);
	sqlite3_finalize(st);
	return s;
}

static int exec_sql(sqlite3 *db, const char *sql, st_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		st_err_set(err, "%s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* A new version 4 GUID, upper case.  0, or -1. */
static int new_guid(char *buf, st_err *err)
{
	unsigned char b[16];
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got = f ? fread(b, 1, sizeof b, f) : 0;

	if (f)
		fclose(f);
	if (got != sizeof b)
		return st_err_set(err, "%s", _("cannot read random bytes for a new GUID"));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(buf, 37, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-"
		 "%02X%02X%02X%02X%02X%02X", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
		 b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
	return 0;
}

/* Whether factor id is one of the file's codes. */
static bool in_file(const struct qfile *q, long long id)
{
	int i;

	for (i = 0; i < q->n; i++)
		if (q->c[i].id == id)
			return true;
	return false;
}

/* Appends "CODE (N)" to the list of tagged factors that would go, as long
 * as it fits in a message; *more counts those left off. */
static void list_tagged(char *list, size_t size, const char *code, int tags, int *more)
{
	size_t len = strlen(list);

	if (len + strlen(code) + 20 >= size) {
		(*more)++;
		return;
	}
	snprintf(list + len, size - len, "%s%s (%d)", len ? ", " : "", code, tags);
}

/* The factors of the database that are not in the file (q's ids known):
 * their ids (malloc'd, *n of them) in stats->others, and the tagged ones
 * listed in list.  0, or -1 with err set. */
static int others_find(sqlite3 *db, struct qfile *q, long long **ids, qdc_stats *stats,
		       char *list, size_t size, int *more, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT f.id, f.code, (SELECT count(*) FROM tag t"
				      " WHERE t.factor_id = f.id) FROM factor f ORDER BY f.code", err);
	int rc;

	*ids = NULL;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0), *grown;
		int tags = sqlite3_column_int(st, 2);

		if (in_file(q, id))
			continue;
		grown = realloc(*ids, (size_t)(stats->others + 1) * sizeof *grown);
		if (!grown) {
			sqlite3_finalize(st);
			return st_err_set(err, "%s", _("out of memory"));
		}
		*ids = grown;
		(*ids)[stats->others++] = id;
		if (tags > 0)
			list_tagged(list, size, (const char *)sqlite3_column_text(st, 1), tags, more);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_err_set(err, "%s", sqlite3_errmsg(db));
	return 0;
}

/* The factors of the database that are not in the file are counted in
 * stats->others.  With replace they are to go: refused, all of them
 * named, when a note is tagged with one (removing it would take evidence
 * away); else their codes are moved out of the way, so the file's codes
 * are free, and others_remove removes them once the file's factors hang
 * where the file says.  0, or -1 with err set. */
static int others_check(sqlite3 *db, struct qfile *q, bool replace, qdc_stats *stats,
			st_err *err)
{
	sqlite3_stmt *away;
	long long *ids;
	char list[640] = "", extra[64] = "";
	int i, more = 0, rc;

	if (others_find(db, q, &ids, stats, list, sizeof list, &more, err) != 0) {
		free(ids);
		return -1;
	}
	if (!replace || stats->others == 0) {
		free(ids);
		return 0;
	}
	if (*list) {
		free(ids);
		if (more)
			snprintf(extra, sizeof extra, _(" and %d more"), more);
		return st_err_set(err, _("%s: notes are tagged with factors that are not in the file:"
					 " %s%s (notes in brackets); merge them into a factor of the"
					 " file or delete them in the codebook first, or import"
					 " without --replace"), q->path, list, extra);
	}
	away = db_prepare(db, "UPDATE factor SET code = ' qdc ' || id WHERE id = ?1", err);
	rc = away ? 0 : -1;
	for (i = 0; rc == 0 && i < stats->others; i++) {
		sqlite3_reset(away);
		sqlite3_bind_int64(away, 1, ids[i]);
		if (sqlite3_step(away) != SQLITE_DONE)
			rc = st_err_set(err, "%s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(away);
	free(ids);
	return rc;
}

/* Removes the factors that are not in the file (none of them tagged, see
 * others_check), deepest first, since a factor with factors below it
 * cannot go.  0, or -1 with err set. */
static int others_remove(sqlite3 *db, struct qfile *q, qdc_stats *stats, st_err *err)
{
	static const char sql[] =
		"WITH RECURSIVE d(id, depth) AS (SELECT id, 0 FROM factor WHERE parent_id IS NULL"
		" UNION ALL SELECT f.id, d.depth + 1 FROM factor f JOIN d ON f.parent_id = d.id)"
		" SELECT id FROM d ORDER BY depth DESC";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	sqlite3_stmt *del = st ? db_prepare(db, "DELETE FROM factor WHERE id = ?1", err) : NULL;
	long long *ids = calloc((size_t)stats->others + 1, sizeof *ids);
	int n = 0, i, rc = 0;

	if (!del || !ids)
		rc = del ? st_err_set(err, "%s", _("out of memory")) : -1;
	/* Read them all first: deleting while reading the tree would change it. */
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);

		if (!in_file(q, id) && n < stats->others)
			ids[n++] = id;
	}
	for (i = 0; rc == 0 && i < n; i++) {
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, ids[i]);
		if (sqlite3_step(del) != SQLITE_DONE)
			rc = st_err_set(err, "%s", sqlite3_errmsg(db));
	}
	if (rc == 0)
		stats->removed = n;
	sqlite3_finalize(st);
	sqlite3_finalize(del);
	free(ids);
	return rc;
}

/* Where the file's codes under parent (a factor id, 0 at the top) start:
 * after the factors already there that are not in the file, so a merged
 * codebook keeps the file's order after the existing one instead of
 * interleaving with it.  The position, or -1 with err set. */
static int first_position(sqlite3 *db, struct qfile *q, long long parent, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id, position FROM factor"
				      " WHERE parent_id IS nullif(?1, 0)", err);
	int start = 0, rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, parent);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!in_file(q, sqlite3_column_int64(st, 0)) && sqlite3_column_int(st, 1) >= start)
			start = sqlite3_column_int(st, 1) + 1;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_err_set(err, "%s", sqlite3_errmsg(db));
	return start;
}

/* Positions without gaps, 0, 1, 2 ... under each parent in the order
 * they are in (position, then id): what importing the exported file with
 * --replace gives, so that importing one's own export changes nothing.
 * A merge leaves gaps where codes of the file were before. */
static int close_position_gaps(sqlite3 *db, st_err *err)
{
	static const char sql[] =
		"UPDATE factor SET position = r.rank FROM (SELECT id, row_number() OVER"
		" (PARTITION BY parent_id ORDER BY position, id) - 1 AS rank FROM factor) r"
		" WHERE r.id = factor.id AND factor.position != r.rank";

	return exec_sql(db, sql, err);
}

static int qdc_write(sqlite3 *db, struct qfile *q, bool replace, qdc_stats *stats,
		     st_err *err)
{
	static const char same_sql[] =
		"SELECT parent_id IS nullif(?2, 0) AND ?12 IS ?3 AND name = ?4 AND definition = ?5"
		" AND inclusion = ?6 AND exclusion = ?7 AND colour = ?8 AND memo = ?9"
		" AND guid = ?10 AND position = ?11 FROM factor WHERE id = ?1";
	static const char update_sql[] =
		"UPDATE factor SET parent_id = nullif(?2, 0), code = ?3, name = ?4, definition = ?5,"
		" inclusion = ?6, exclusion = ?7, colour = ?8, memo = ?9, guid = ?10,"
		" position = ?11 WHERE id = ?1";
	sqlite3_stmt *st;
	char guid[40], tmp[128], **old;
	int i, k, pass, same;
	long long id;

	/* Which factor each code is: the one with its GUID, else the one with
	 * its stemtui code (that factor then takes the file's GUID), else a
	 * new one. */
	for (i = 0; i < q->n; i++) {
		struct qcode *c = &q->c[i];

		id = *c->guid ? lookup(db, "SELECT id FROM factor WHERE guid = ?1 COLLATE NOCASE",
				       c->guid, err) : 0;
		if (id < 0)
			return -1;
		if (!id && *c->code) {
			id = lookup(db, "SELECT id FROM factor WHERE code = ?1 COLLATE NOCASE", c->code,
				    err);
			if (id < 0)
				return -1;
			for (k = 0; id && k < q->n; k++)
				if (q->c[k].id == id)
					id = 0;   /* already taken by a code of the file */
			/* Its own GUID must not be one the file gives another code. */
			if (id) {
				char *g = NULL;
				sqlite3_stmt *gs = db_prepare(db, "SELECT guid FROM factor WHERE id = ?1",
							      err);

				if (!gs)
					return -1;
				sqlite3_bind_int64(gs, 1, id);
				if (sqlite3_step(gs) == SQLITE_ROW)
					g = db_column_strdup(gs, 0);
				sqlite3_finalize(gs);
				for (k = 0; g && k < q->n; k++)
					if (strcasecmp(q->c[k].guid, g) == 0)
						id = 0;
				free(g);
			}
		}
		c->id = id;
		c->is_new = id == 0;
	}
	if (others_check(db, q, replace, stats, err) != 0)
		return -1;
	/* Codes: the factors' present codes kept, then moved out of the way,
	 * so that codes can swap. */
	old = calloc((size_t)q->n, sizeof *old);
	if (!old)
		return st_err_set(err, "%s", _("out of memory"));
	for (i = 0; i < q->n; i++) {
		if (q->c[i].is_new)
			continue;
		old[i] = existing_code(db, q->c[i].id);
		snprintf(tmp, sizeof tmp, "UPDATE factor SET code = ' qdc %lld' WHERE id = %lld",
			 q->c[i].id, q->c[i].id);
		if (exec_sql(db, tmp, err) != 0)
			break;
	}
	for (k = 0; i == q->n && k < q->n; k++)
		if (choose_code(db, q, k, old[k], err) != 0)
			break;
	for (pass = 0; pass < q->n; pass++)
		q->c[pass].old_code = old[pass];
	free(old);
	if (i != q->n || k != q->n)
		return -1;
	/* New factors, so that parents have ids. */
	for (i = 0; i < q->n; i++) {
		struct qcode *c = &q->c[i];

		if (!c->is_new)
			continue;
		if (!*c->guid) {
			if (new_guid(guid, err) != 0)
				return -1;
			free(c->guid);
			c->guid = strdup(guid);
		}
		st = db_prepare(db, "INSERT INTO factor (code, name, guid) VALUES (?1, ?2, ?3)", err);
		if (!st)
			return -1;
		sqlite3_bind_text(st, 1, c->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, c->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c->guid, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			st_err_set(err, "%s", sqlite3_errmsg(db));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
		c->id = sqlite3_last_insert_rowid(db);
	}
	for (i = 0; i < q->n; i++) {
		struct qcode *c = &q->c[i];
		const char *text[] = { c->code, c->name, c->definition, c->inclusion, c->exclusion,
				       c->colour, c->memo };
		long long parent = c->parent >= 0 ? q->c[c->parent].id : 0;
		int start = replace ? 0 : first_position(db, q, parent, err);
		char *stored_guid = NULL;

		if (start < 0)
			return -1;

		if (!*c->guid) {
			/* An existing factor matched by code keeps its GUID. */
			sqlite3_stmt *gs = db_prepare(db, "SELECT guid FROM factor WHERE id = ?1", err);

			if (!gs)
				return -1;
			sqlite3_bind_int64(gs, 1, c->id);
			if (sqlite3_step(gs) == SQLITE_ROW)
				stored_guid = db_column_strdup(gs, 0);
			sqlite3_finalize(gs);
			free(c->guid);
			c->guid = stored_guid ? stored_guid : strdup("");
		}
		same = 0;
		for (pass = 0; pass < 2; pass++) {
			st = db_prepare(db, pass == 0 ? same_sql : update_sql, err);
			if (!st)
				return -1;
			sqlite3_bind_int64(st, 1, c->id);
			sqlite3_bind_int64(st, 2, parent);
			for (k = 0; k < 7; k++)
				sqlite3_bind_text(st, k + 3, text[k], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 10, c->guid, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 11, start + c->position);
			if (pass == 0)
				sqlite3_bind_text(st, 12, c->old_code, -1, SQLITE_STATIC);
			k = sqlite3_step(st);
			if (pass == 0 && k == SQLITE_ROW)
				same = sqlite3_column_int(st, 0);
			sqlite3_finalize(st);
			/* The update runs even when nothing changed: the code was
			 * moved out of the way above and must come back. */
			if ((pass == 0 && k != SQLITE_ROW) || (pass == 1 && k != SQLITE_DONE))
				return st_err_set(err, "%s", sqlite3_errmsg(db));
		}
		if (c->is_new)
			stats->added++;
		else if (same)
			stats->unchanged++;
		else
			stats->changed++;
	}
	return replace ? others_remove(db, q, stats, err) : close_position_gaps(db, err);
}

int codebook_import_qdc(sqlite3 *db, const char *path, bool replace, qdc_stats *stats,
			char **warnings, st_err *err)
{
	qdc_stats counted = { 0, 0, 0, 0, 0 };
	struct qfile q;
	int rc;

	memset(&q, 0, sizeof q);
	q.path = path;
	if (stats)
		*stats = counted;
	if (warnings)
		*warnings = NULL;
	rc = qdc_parse(&q, err);
	if (rc == 0)
		rc = db_begin(db, err);
	if (rc == 0) {
		rc = qdc_write(db, &q, replace, &counted, err);
		if (rc == 0)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	if (rc == 0 && stats)
		*stats = counted;
	if (rc == 0 && warnings) {
		*warnings = q.warnings;
		q.warnings = NULL;
	}
	qfile_free(&q);
	return rc;
}
