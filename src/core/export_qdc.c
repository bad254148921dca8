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
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "core/db.h"
#include "core/export.h"
#include "core/factors.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "core/text.h"

#define QDC_NS "urn:QDA-XML:codebook:1.0"

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
	st_factor *tree = NULL;
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	int n = 0, i, open = 0, rc = -1, x = 0;
	char origin[64];

	if (!w) {
		st_err_set(err, "%s", _("out of memory"));
		goto done;
	}
	n = factor_tree_all(db, &tree, err);
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
	factors_free(tree, n);
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
	/* So that a codebook of thousands of codes imports in seconds, not
	 * minutes: nothing below searches a list for each code. */
	strmap *guids;        /* the file's GUIDs -> index in c */
	strmap *matched;      /* ids (decimal) of factors a code of the file became */
	strmap *taken;        /* codes a code of the file cannot get (choose_code) */
	strmap *tries;        /* a code made from a name -> the next number to try */
	long long *ids;       /* the file's factors' ids, sorted (in_file) */
	int nids;
	int *start;           /* first_position per parent index + 1; -1: not yet */
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
	strmap_free(q->guids);
	strmap_free(q->matched);
	strmap_free(q->taken);
	strmap_free(q->tries);
	free(q->ids);
	free(q->start);
}

/* The first XML error of the parse, kept instead of printed, and the line
 * of a document type declaration (0: none). */
static char xml_error[512];
static int doctype_line;

static void keep_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (xml_error[0] || !e || e->level < XML_ERR_ERROR)
		return;
	snprintf(xml_error, sizeof xml_error, "line %d: %s", e->line,
		 e->message ? e->message : "?");
	xml_error[strcspn(xml_error, "\n")] = '\0';
}

/* A document type stops the parse where it starts, before any of its
 * declarations is read: REFI-QDA files have none, and an entity declared
 * in one could make a small file take gigabytes. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external,
			   const xmlChar *system)
{
	xmlParserCtxtPtr parser = ctx;

	(void)name;
	(void)external;
	(void)system;
	doctype_line = parser->input && parser->input->line > 0 ? parser->input->line : 1;
	xmlStopParser(parser);
}

/* Only the five entities XML itself defines (&amp; &lt; ...) exist; any
 * other reference is an error, never looked up in a document type. */
static xmlEntityPtr predefined_only(void *ctx, const xmlChar *name)
{
	(void)ctx;
	return xmlGetPredefinedEntity(name);
}

/* Parses the file, opened here (a path is never a URL to fetch): no
 * network, no document type, no entity substituted (XML_PARSE_NOENT and
 * XML_PARSE_DTDLOAD are never set).  The document, or NULL with err set. */
static xmlDocPtr qdc_read(const struct qfile *q, st_err *err)
{
	int fd = open(q->path, O_RDONLY | O_CLOEXEC);
	xmlParserCtxtPtr parser;
	xmlDocPtr doc;

	if (fd < 0) {
		st_err_set(err, _("cannot read %s: %s"), q->path, strerror(errno));
		return NULL;
	}
	parser = xmlNewParserCtxt();
	if (!parser || !parser->sax) {
		xmlFreeParserCtxt(parser);
		close(fd);
		st_err_set(err, "%s", _("out of memory"));
		return NULL;
	}
	parser->sax->internalSubset = refuse_doctype;
	parser->sax->getEntity = predefined_only;
	xml_error[0] = '\0';
	doctype_line = 0;
	xmlSetStructuredErrorFunc(NULL, keep_error);
	doc = xmlCtxtReadFd(parser, fd, q->path, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			    XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(parser);
	close(fd);
	if (doctype_line) {
		xmlFreeDoc(doc);
		st_err_set(err, _("%s:%d: a document type (<!DOCTYPE ...>) is not allowed in a"
				  " REFI-QDA codebook"), q->path, doctype_line);
		return NULL;
	}
	if (!doc)
		st_err_set(err, _("%s: not an XML file (%s)"), q->path,
			   xml_error[0] ? xml_error : _("cannot be read"));
	return doc;
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

/* The trimmed value of attribute name of a Code into *out (NULL when the
 * Code has none).  0, or -1 when it is longer than a field may be. */
static int attr(const struct qfile *q, xmlNodePtr node, const char *name, char **out,
		st_err *err)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST name);
	char what[128];

	*out = NULL;
	if (!v)
		return 0;
	if (strlen((const char *)v) > TEXT_FIELD_MAX) {
		xmlFree(v);
		/* TRANSLATORS: the %s is the attribute's name (name, guid, color). */
		snprintf(what, sizeof what, _("attribute %s of a Code"), name);
		return text_field_too_long(err, q->path, (int)xmlGetLineNo(node), what);
	}
	*out = trimmed((const char *)v);
	xmlFree(v);
	return *out ? 0 : st_err_set(err, "%s", _("out of memory"));
}

/* The text of a Description, trimmed, into *out: its text and CDATA only
 * (an entity is never expanded: none can be declared), at most
 * TEXT_FIELD_MAX bytes.  0, or -1. */
static int description(const struct qfile *q, xmlNodePtr node, const char *code, char **out,
		       st_err *err)
{
	char *buf = calloc(1, 1), *grown, what[160];
	size_t len = 0, n;
	xmlNodePtr t;

	*out = NULL;
	for (t = node->children; buf && t; t = t->next) {
		if ((t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE) || !t->content)
			continue;
		n = strlen((const char *)t->content);
		if (len + n > TEXT_FIELD_MAX) {
			free(buf);
			snprintf(what, sizeof what, _("the Description of code \"%.60s\""), code);
			return text_field_too_long(err, q->path, (int)xmlGetLineNo(node), what);
		}
		grown = realloc(buf, len + n + 1);
		if (!grown)
			break;
		buf = grown;
		memcpy(buf + len, t->content, n + 1);
		len += n;
	}
	if (buf && !t && text_refuse_controls(buf, len, true, q->path, (int)xmlGetLineNo(node),
					      err) != 0) {
		free(buf);
		return -1;
	}
	*out = buf && !t ? trimmed(buf) : NULL;
	free(buf);
	return *out ? 0 : st_err_set(err, "%s", _("out of memory"));
}

/* Counts the Codes at and below node's children (*n), noting the line of
 * the first one past FACTORS_MAX: a file is refused whole before any of
 * it is read into memory. */
static void count_codes(xmlNodePtr node, int *n, int *line)
{
	xmlNodePtr child;

	for (child = node->children; child; child = child->next) {
		if (!is_qdc(child, "Code"))
			continue;
		if (++*n == FACTORS_MAX + 1)
			*line = (int)xmlGetLineNo(child);
		count_codes(child, n, line);
	}
}

/* The Code's attributes: name (required), GUID, colour, isCodable. */
static int read_attributes(struct qfile *q, xmlNodePtr node, struct qcode *c, st_err *err)
{
	char *guid = NULL, *colour = NULL, *codable = NULL;
	xmlNodePtr child;
	int rc = attr(q, node, "name", &c->name, err);

	if (rc == 0 && (!c->name || !*c->name))
		rc = st_err_set(err, _("%s: line %d: a Code without a name"), q->path, c->line);
	if (rc == 0)
		rc = text_refuse_controls(c->name, strlen(c->name), false, q->path, c->line, err);
	if (rc == 0)
		rc = attr(q, node, "guid", &guid, err);
	if (rc == 0)
		rc = attr(q, node, "color", &colour, err);
	if (rc == 0)
		rc = attr(q, node, "isCodable", &codable, err);
	if (rc != 0)
		goto done;
	c->guid = guid ? normal_guid(guid) : NULL;
	if (!c->guid) {
		warn(q, _("%s: line %d: code \"%s\" has no valid GUID (\"%s\"); it gets a new one"),
		     q->path, c->line, c->name, guid ? guid : "");
		c->guid = strdup("");
	}
	c->colour = colour && *colour ? normal_colour(colour) : strdup("");
	if (!c->colour) {
		warn(q, _("%s: line %d: colour \"%s\" of code \"%s\" is not #RRGGBB; left out"),
		     q->path, c->line, colour, c->name);
		c->colour = strdup("");
	}
	for (child = node->children; child; child = child->next)
		if (is_qdc(child, "Code"))
			break;
	if (codable && (strcmp(codable, "false") == 0 || strcmp(codable, "0") == 0) && !child)
		warn(q, _("%s: line %d: code \"%s\" is not codable but has no codes below it;"
			  " in stemtui it can be tagged"), q->path, c->line, c->name);
	if (!c->guid || !c->colour)
		rc = st_err_set(err, "%s", _("out of memory"));
done:
	free(guid);
	free(colour);
	free(codable);
	return rc;
}

static int read_code(struct qfile *q, xmlNodePtr node, int parent, int position, st_err *err)
{
	struct qcode *c;
	xmlNodePtr child;
	char *desc = NULL, *text;
	int self, pos = 0;

	if (q->n == q->cap) {
		int cap = q->cap ? q->cap * 2 : 64;
		struct qcode *grown = realloc(q->c, (size_t)cap * sizeof *grown);

		if (!grown)
			return st_err_set(err, "%s", _("out of memory"));
		q->c = grown;
		q->cap = cap;
	}
	self = q->n++;
	c = &q->c[self];
	memset(c, 0, sizeof *c);
	c->parent = parent;
	c->position = position;
	c->line = (int)xmlGetLineNo(node);
	if (read_attributes(q, node, c, err) != 0)
		return -1;
	for (child = node->children; child; child = child->next) {
		if (child->type != XML_ELEMENT_NODE)
			continue;
		if (is_qdc(child, "Description")) {
			if (description(q, child, q->c[self].name, &text, err) != 0) {
				free(desc);
				return -1;
			}
			free(desc);
			desc = text;
		} else if (is_qdc(child, "Code")) {
			if (read_code(q, child, self, pos++, err) != 0) {
				free(desc);
				return -1;
			}
		} else {
			warn(q, _("%s: line %d: element %s is not kept"), q->path,
			     (int)xmlGetLineNo(child), (const char *)child->name);
		}
	}
	c = &q->c[self];   /* q->c may have moved */
	qdc_unpack_description(desc, &c->code, &c->definition, &c->inclusion, &c->exclusion,
			       &c->memo);
	free(desc);
	if (!c->code || !c->definition || !c->inclusion || !c->exclusion || !c->memo)
		return st_err_set(err, "%s", _("out of memory"));
	return 0;
}

/* Reads the Codes of the document; refuses more than FACTORS_MAX. */
static int read_codes(struct qfile *q, xmlNodePtr root, st_err *err)
{
	xmlNodePtr child, code;
	int rc = 0, pos = 0, count = 0, line = 0;

	for (child = root->children; child; child = child->next)
		if (is_qdc(child, "Codes"))
			count_codes(child, &count, &line);
	if (count > FACTORS_MAX)
		return st_err_set(err, _("%s:%d: too many codes (%d, at most %d)"), q->path, line,
				  count, FACTORS_MAX);
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
	return rc;
}

/* Refuses a GUID two codes of the file share; keeps them in q->guids. */
static int check_guids(struct qfile *q, st_err *err)
{
	long long *first;
	int i;

	q->guids = strmap_new();
	if (!q->guids)
		return st_err_set(err, "%s", _("out of memory"));
	for (i = 0; i < q->n; i++) {
		if (!*q->c[i].guid)
			continue;
		first = strmap_get(q->guids, q->c[i].guid);
		if (first)
			return st_err_set(err, _("%s: line %d: GUID %s is also the GUID of the"
						 " code on line %d"), q->path, q->c[i].line,
					  q->c[i].guid, q->c[*first].line);
		if (strmap_put(q->guids, q->c[i].guid, i) != 0)
			return st_err_set(err, "%s", _("out of memory"));
	}
	return 0;
}

static int qdc_parse(struct qfile *q, st_err *err)
{
	xmlDocPtr doc = qdc_read(q, err);
	xmlNodePtr root;
	int rc;

	if (!doc)
		return -1;
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
	rc = read_codes(q, root, err);
	xmlFreeDoc(doc);
	if (rc == 0 && q->n == 0)
		rc = st_err_set(err, _("%s: the codebook has no codes"), q->path);
	return rc == 0 ? check_guids(q, err) : rc;
}

/* ---- writing to the database ---------------------------------------------------- */

/* The statements of an import, prepared once for all codes. */
struct qsql {
	sqlite3 *db;
	sqlite3_stmt *by_guid, *by_code, *guid_of, *code_of, *away, *insert, *same, *update;
};

static void qsql_free(struct qsql *s)
{
	sqlite3_finalize(s->by_guid);
	sqlite3_finalize(s->by_code);
	sqlite3_finalize(s->guid_of);
	sqlite3_finalize(s->code_of);
	sqlite3_finalize(s->away);
	sqlite3_finalize(s->insert);
	sqlite3_finalize(s->same);
	sqlite3_finalize(s->update);
}

static int qsql_prepare(struct qsql *s, sqlite3 *db, st_err *err)
{
	static const char same_sql[] =
		"SELECT parent_id IS nullif(?2, 0) AND ?12 IS ?3 AND name = ?4 AND definition = ?5"
		" AND inclusion = ?6 AND exclusion = ?7 AND colour = ?8 AND memo = ?9"
		" AND guid = ?10 AND position = ?11 FROM factor WHERE id = ?1";
	static const char update_sql[] =
		"UPDATE factor SET parent_id = nullif(?2, 0), code = ?3, name = ?4, definition = ?5,"
		" inclusion = ?6, exclusion = ?7, colour = ?8, memo = ?9, guid = ?10,"
		" position = ?11 WHERE id = ?1";

	memset(s, 0, sizeof *s);
	s->db = db;
	if ((s->by_guid = db_prepare(db, "SELECT id FROM factor WHERE guid = ?1 COLLATE NOCASE",
				     err)) &&
	    (s->by_code = db_prepare(db, "SELECT id FROM factor WHERE code = ?1 COLLATE NOCASE",
				     err)) &&
	    (s->guid_of = db_prepare(db, "SELECT guid FROM factor WHERE id = ?1", err)) &&
	    (s->code_of = db_prepare(db, "SELECT code FROM factor WHERE id = ?1", err)) &&
	    /* Moved out of the way: no valid code holds a space. */
	    (s->away = db_prepare(db, "UPDATE factor SET code = ' qdc ' || id WHERE id = ?1",
				  err)) &&
	    (s->insert = db_prepare(db, "INSERT INTO factor (code, name, guid) VALUES (?1, ?2, ?3)",
				    err)) &&
	    (s->same = db_prepare(db, same_sql, err)) &&
	    (s->update = db_prepare(db, update_sql, err)))
		return 0;
	qsql_free(s);
	return -1;
}

/* Runs st (reset, value bound to ?1) for one id: the id found, 0 when
 * none, -1 on error. */
static long long lookup(struct qsql *s, sqlite3_stmt *st, const char *value, st_err *err)
{
	long long id = 0;
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		id = st_err_set(err, "%s", sqlite3_errmsg(s->db));
	sqlite3_reset(st);
	return id;
}

/* Runs st (reset, id bound to ?1) for one text: a new string ("" when no
 * row), or NULL. */
static char *text_of_id(sqlite3_stmt *st, long long id)
{
	char *v = NULL;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = db_column_strdup(st, 0);
	sqlite3_reset(st);
	return v ? v : strdup("");
}

/* Runs a statement that returns no row (reset first, bound already). */
static int run(struct qsql *s, sqlite3_stmt *st, st_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : st_err_set(err, "%s", sqlite3_errmsg(s->db));
}

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Sorts the ids the file's codes have now, for in_file. */
static int index_ids(struct qfile *q, st_err *err)
{
	int i;

	free(q->ids);
	q->nids = 0;
	q->ids = malloc(((size_t)q->n + 1) * sizeof *q->ids);
	if (!q->ids)
		return st_err_set(err, "%s", _("out of memory"));
	for (i = 0; i < q->n; i++)
		if (q->c[i].id)
			q->ids[q->nids++] = q->c[i].id;
	qsort(q->ids, (size_t)q->nids, sizeof *q->ids, cmp_id);
	return 0;
}

/* Whether factor id is one of the file's codes (as of index_ids). */
static bool in_file(const struct qfile *q, long long id)
{
	return q->nids && bsearch(&id, q->ids, (size_t)q->nids, sizeof id, cmp_id) != NULL;
}

/* Whether code is free: no factor outside the file's has it (their codes
 * are in q->taken), and no code of the file chosen before. */
static bool code_free(const struct qfile *q, const char *code)
{
	return strmap_get(q->taken, code) == NULL;
}

/* Gives q->c[i] the code cand, which is free.  0, or -1. */
static int take_code(struct qfile *q, int i, const char *cand, st_err *err)
{
	struct qcode *c = &q->c[i];

	if (c->code != cand) {
		free(c->code);
		c->code = strdup(cand);
	}
	if (!c->code || strmap_put(q->taken, c->code, i) != 0)
		return st_err_set(err, "%s", _("out of memory"));
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

/* Sets q->c[i].code to a valid code no other factor has: the file's, else
 * the one the factor has (existing), else one made from its name, with a
 * number when that is taken (where the last search for that name's code
 * stopped: many codes can start with the same letters). */
static int choose_code(struct qfile *q, int i, const char *existing, st_err *err)
{
	struct qcode *c = &q->c[i];
	char base[FACTOR_CODE_MAX + 1], cand[FACTOR_CODE_MAX + 8];
	long long *tried, k;

	if (*c->code && !factor_code_ok(c->code)) {
		warn(q, _("%s: line %d: \"%s\" is not a valid stemtui code; another is made"),
		     q->path, c->line, c->code);
		c->code[0] = '\0';
	}
	if (*c->code) {
		if (code_free(q, c->code))
			return take_code(q, i, c->code, err);
		warn(q, _("%s: line %d: code %s already belongs to another factor; another is made"),
		     q->path, c->line, c->code);
	}
	if (existing && *existing && code_free(q, existing))
		return take_code(q, i, existing, err);
	code_from_name(c->name, base, sizeof base);
	tried = strmap_get(q->tries, base);
	for (k = tried ? *tried : 1; k < 100000; k++) {
		if (k == 1)
			snprintf(cand, sizeof cand, "%s", base);
		else
			snprintf(cand, sizeof cand, "%s%lld", base, k);
		if (code_free(q, cand))
			break;
	}
	if (k == 100000)
		return st_err_set(err, "%s", _("cannot make a code"));
	if (strmap_put(q->tries, base, k + 1) != 0)
		return st_err_set(err, "%s", _("out of memory"));
	return take_code(q, i, cand, err);
}

/* The codes of the factors that are not the file's (those of the file are
 * moved out of the way by now) go into q->taken.  0, or -1. */
static int codes_taken(sqlite3 *db, struct qfile *q, st_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT code FROM factor", err);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (strmap_put(q->taken, (const char *)sqlite3_column_text(st, 0), 0) != 0) {
			sqlite3_finalize(st);
			return st_err_set(err, "%s", _("out of memory"));
		}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : st_err_set(err, "%s", sqlite3_errmsg(db));
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
	long long *grown;
	int rc, cap = 0;

	*ids = NULL;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		int tags = sqlite3_column_int(st, 2);

		if (in_file(q, id))
			continue;
		if (stats->others == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(*ids, (size_t)cap * sizeof *grown);
			if (!grown) {
				sqlite3_finalize(st);
				return st_err_set(err, "%s", _("out of memory"));
			}
			*ids = grown;
		}
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
static int others_check(struct qsql *s, struct qfile *q, bool replace, qdc_stats *stats,
			st_err *err)
{
	long long *ids;
	char list[640] = "", extra[64] = "";
	int i, more = 0, rc = 0;

	if (others_find(s->db, q, &ids, stats, list, sizeof list, &more, err) != 0) {
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
	for (i = 0; rc == 0 && i < stats->others; i++) {
		sqlite3_bind_int64(s->away, 1, ids[i]);
		rc = run(s, s->away, err);
	}
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
static int close_position_gaps(struct qsql *s, st_err *err)
{
	static const char sql[] =
		"UPDATE factor SET position = r.rank FROM (SELECT id, row_number() OVER"
		" (PARTITION BY parent_id ORDER BY position, id) - 1 AS rank FROM factor) r"
		" WHERE r.id = factor.id AND factor.position != r.rank";

	sqlite3_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -1;
	rc = run(s, st, err);
	sqlite3_finalize(st);
	return rc;
}

/* first_position for the parent of code i, worked out once per parent
 * (before any of the file's codes is moved under it). */
static int start_of(sqlite3 *db, struct qfile *q, int i, st_err *err)
{
	int p = q->c[i].parent + 1;

	if (q->start[p] < 0)
		q->start[p] = first_position(db, q, p ? q->c[p - 1].id : 0, err);
	return q->start[p];
}

/* Which factor code i is: the one with its GUID, else the one with its
 * stemtui code (that factor then takes the file's GUID) unless another
 * code of the file is that factor or has its GUID, else a new one. */
static int match(struct qsql *s, struct qfile *q, int i, st_err *err)
{
	struct qcode *c = &q->c[i];
	char key[32], *g;
	long long id = *c->guid ? lookup(s, s->by_guid, c->guid, err) : 0;

	if (id < 0)
		return -1;
	if (!id && *c->code) {
		id = lookup(s, s->by_code, c->code, err);
		if (id < 0)
			return -1;
		snprintf(key, sizeof key, "%lld", id);
		if (id && strmap_get(q->matched, key))
			id = 0;   /* already taken by a code of the file */
		if (id) {
			g = text_of_id(s->guid_of, id);
			if (!g)
				return st_err_set(err, "%s", _("out of memory"));
			if (*g && strmap_get(q->guids, g))
				id = 0;   /* the file gives its GUID to another code */
			free(g);
		}
	}
	c->id = id;
	c->is_new = id == 0;
	snprintf(key, sizeof key, "%lld", id);
	if (id && strmap_put(q->matched, key, i) != 0)
		return st_err_set(err, "%s", _("out of memory"));
	return 0;
}

/* Codes: the factors' present codes kept (old_code), then moved out of
 * the way, so that codes can swap; then each code of the file chosen. */
static int choose_codes(struct qsql *s, struct qfile *q, st_err *err)
{
	int i;

	for (i = 0; i < q->n; i++) {
		if (q->c[i].is_new)
			continue;
		q->c[i].old_code = text_of_id(s->code_of, q->c[i].id);
		if (!q->c[i].old_code)
			return st_err_set(err, "%s", _("out of memory"));
		sqlite3_bind_int64(s->away, 1, q->c[i].id);
		if (run(s, s->away, err) != 0)
			return -1;
	}
	if (codes_taken(s->db, q, err) != 0)
		return -1;
	for (i = 0; i < q->n; i++)
		if (choose_code(q, i, q->c[i].old_code, err) != 0)
			return -1;
	return 0;
}

/* The new factors, inserted with their code, name and GUID, so that
 * parents have ids. */
static int insert_new(struct qsql *s, struct qfile *q, st_err *err)
{
	char guid[40];
	int i;

	for (i = 0; i < q->n; i++) {
		struct qcode *c = &q->c[i];

		if (!c->is_new)
			continue;
		if (!*c->guid) {
			if (new_guid(guid, err) != 0)
				return -1;
			free(c->guid);
			c->guid = strdup(guid);
			if (!c->guid)
				return st_err_set(err, "%s", _("out of memory"));
		}
		sqlite3_bind_text(s->insert, 1, c->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->insert, 2, c->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->insert, 3, c->guid, -1, SQLITE_STATIC);
		if (run(s, s->insert, err) != 0)
			return -1;
		c->id = sqlite3_last_insert_rowid(s->db);
	}
	return 0;
}

/* Writes code i where the file says, with its fields; counts it. */
static int write_code(struct qsql *s, struct qfile *q, int i, bool replace, qdc_stats *stats,
		      st_err *err)
{
	struct qcode *c = &q->c[i];
	const char *text[] = { c->code, c->name, c->definition, c->inclusion, c->exclusion,
			       c->colour, c->memo };
	long long parent = c->parent >= 0 ? q->c[c->parent].id : 0;
	int start = replace ? 0 : start_of(s->db, q, i, err), k, pass, same = 0;
	sqlite3_stmt *st;

	if (start < 0)
		return -1;
	if (!*c->guid) {
		/* An existing factor matched by code keeps its GUID. */
		free(c->guid);
		c->guid = text_of_id(s->guid_of, c->id);
		if (!c->guid)
			return st_err_set(err, "%s", _("out of memory"));
	}
	/* The update runs even when nothing changed: the code was moved out
	 * of the way above and must come back. */
	for (pass = 0; pass < 2; pass++) {
		st = pass == 0 ? s->same : s->update;
		sqlite3_bind_int64(st, 1, c->id);
		sqlite3_bind_int64(st, 2, parent);
		for (k = 0; k < 7; k++)
			sqlite3_bind_text(st, k + 3, text[k], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 10, c->guid, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 11, start + c->position);
		if (pass == 1)
			break;
		sqlite3_bind_text(st, 12, c->old_code, -1, SQLITE_STATIC);
		k = sqlite3_step(st);
		if (k == SQLITE_ROW)
			same = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (k != SQLITE_ROW)
			return st_err_set(err, "%s", sqlite3_errmsg(s->db));
	}
	if (run(s, s->update, err) != 0)
		return -1;
	if (c->is_new)
		stats->added++;
	else if (same)
		stats->unchanged++;
	else
		stats->changed++;
	return 0;
}

static int qdc_write(struct qsql *s, struct qfile *q, bool replace, qdc_stats *stats,
		     st_err *err)
{
	int i;

	q->matched = strmap_new();
	q->taken = strmap_new();
	q->tries = strmap_new();
	q->start = malloc(((size_t)q->n + 1) * sizeof *q->start);
	if (!q->matched || !q->taken || !q->tries || !q->start)
		return st_err_set(err, "%s", _("out of memory"));
	for (i = 0; i <= q->n; i++)
		q->start[i] = -1;
	for (i = 0; i < q->n; i++)
		if (match(s, q, i, err) != 0)
			return -1;
	if (index_ids(q, err) != 0 || others_check(s, q, replace, stats, err) != 0 ||
	    choose_codes(s, q, err) != 0 || insert_new(s, q, err) != 0 || index_ids(q, err) != 0)
		return -1;
	for (i = 0; i < q->n; i++)
		if (write_code(s, q, i, replace, stats, err) != 0)
			return -1;
	if (replace ? others_remove(s->db, q, stats, err) != 0 : close_position_gaps(s, err) != 0)
		return -1;
	return factor_count_check(s->db, q->path, err);
}

int codebook_import_qdc(sqlite3 *db, const char *path, bool replace, qdc_stats *stats,
			char **warnings, st_err *err)
{
	qdc_stats counted = { 0, 0, 0, 0, 0 };
	struct qsql s;
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
		rc = qsql_prepare(&s, db, err);
		if (rc == 0) {
			rc = qdc_write(&s, &q, replace, &counted, err);
			qsql_free(&s);
		}
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
