/* export_qdc.c: the codebook as a REFI-QDA codebook (.qdc, namespace
 * urn:QDA-XML:codebook:1.0), written with libxml2's xmlTextWriter.  It is
 * read back by qdc_read.c and qdc_import.c.
 *
 * A factor becomes a Code: its GUID (stored, so the same in every
 * export), its name, isCodable false for a category (a factor with
 * children), its colour (#RRGGBB), and one Description packing the
 * stemtui code, definition, inclusion and exclusion notes and memo (see
 * qdc_pack_description).  Children nest inside their parent.  stemtui has
 * no sets, so there is no Sets element. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "core/export.h"
#include "core/codebook.h"
#include "core/i18n.h"
#include "core/qdc.h"

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

/* Opens the Code of factor f, with its attributes and Description; the
 * caller closes it once the factors below it are written inside it.
 * Nonzero when the writer failed. */
static int start_code(xmlTextWriterPtr w, const st_factor *f)
{
	char *desc;
	int x = 0;

	x |= xmlTextWriterStartElement(w, BAD_CAST "Code") < 0;
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
	return x;
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
		for (; open > tree[i].depth; open--)
			x |= xmlTextWriterEndElement(w) < 0;
		x |= start_code(w, &tree[i]);
		open++;
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
