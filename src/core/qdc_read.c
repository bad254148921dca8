/* qdc_read.c: a REFI-QDA codebook (.qdc) read into a list of Codes
 * (struct qfile, qdc.h) with libxml2, hardened against what a file from
 * elsewhere may hold: no network, no document type, no entity expanded,
 * no field longer than TEXT_FIELD_MAX, at most FACTORS_MAX codes.  What
 * cannot be kept (sets, unknown elements, a GUID or colour that is not
 * one) becomes a warning; a file that is not a codebook is refused with
 * the line that says why.  qdc_import.c writes the list into the
 * database. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "core/export.h"
#include "core/codebook.h"
#include "core/guid.h"
#include "core/i18n.h"
#include "core/qdc.h"
#include "core/text.h"

void qdc_warn(struct qfile *q, const char *fmt, ...)
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
	qdc_append(&q->warnings, &q->wlen, line);
	qdc_append(&q->warnings, &q->wlen, "\n");
}

void qfile_free(struct qfile *q)
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
static xmlDocPtr read_document(const struct qfile *q, st_err *err)
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
	c->guid = guid ? guid_normalised(guid) : NULL;
	if (!c->guid) {
		qdc_warn(q, _("%s: line %d: code \"%s\" has no valid GUID (\"%s\");"
			      " it gets a new one"), q->path, c->line, c->name, guid ? guid : "");
		c->guid = strdup("");
	}
	c->colour = colour && *colour ? normal_colour(colour) : strdup("");
	if (!c->colour) {
		qdc_warn(q, _("%s: line %d: colour \"%s\" of code \"%s\" is not #RRGGBB; left out"),
			 q->path, c->line, colour, c->name);
		c->colour = strdup("");
	}
	for (child = node->children; child; child = child->next)
		if (is_qdc(child, "Code"))
			break;
	if (codable && (strcmp(codable, "false") == 0 || strcmp(codable, "0") == 0) && !child)
		qdc_warn(q, _("%s: line %d: code \"%s\" is not codable but has no codes below it;"
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
			qdc_warn(q, _("%s: line %d: element %s is not kept"), q->path,
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
					qdc_warn(q, _("%s: line %d: element %s is not kept"),
						 q->path, (int)xmlGetLineNo(code),
						 (const char *)code->name);
			}
		} else if (is_qdc(child, "Sets")) {
			int sets = 0;

			for (code = child->children; code; code = code->next)
				sets += is_qdc(code, "Set");
			if (sets)
				qdc_warn(q, ngettext("%s: %d set is not kept"
						     " (stemtui has no sets)",
						     "%s: %d sets are not kept"
						     " (stemtui has no sets)",
						     (unsigned long)sets), q->path, sets);
		} else {
			qdc_warn(q, _("%s: line %d: element %s is not kept"), q->path,
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

int qdc_parse(struct qfile *q, st_err *err)
{
	xmlDocPtr doc = read_document(q, err);
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
