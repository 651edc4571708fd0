/* SPDX-License-Identifier: Apache-2.0 */
/* The file name a document's PDF is saved under, read from the head of its
 * XML with libxml2's streaming reader: the root element (and its numero),
 * or for a séance body the first <seance> it holds; reading stops there,
 * so a long body costs no more than its first lines. No network, no
 * external DTD loaded, no entity substituted (a body with a DOCTYPE is
 * refused by the render anyway, xml.dtd); anything unexpected just leaves
 * the generic name. */
#include "docname.h"
#include <libxml/xmlreader.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "namespaces.h"

/* libxml2's messages about a broken body are not wanted here: the render
 * reports the same body with positions. */
static void ignore_error(void *user, xmlError *err)
{
	(void)user;
	(void)err;
}

static int safe_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
	       c == '-';
}

/* "stem-value.pdf" with value reduced to [A-Za-z0-9._-] (unsafe bytes
 * become '-'): safe in a file name and in a Content-Disposition header. */
static void name_with(const char *stem, const xmlChar *value, char *out, size_t cap)
{
	char v[65];
	size_t n = 0;
	for (const xmlChar *p = value; p && *p && n < sizeof v - 1; p++)
		v[n++] = safe_char(*p) ? (char)*p : '-';
	v[n] = 0;
	if (n)
		snprintf(out, cap, "%s-%s.pdf", stem, v);
	else
		snprintf(out, cap, "%s.pdf", stem);
}

static int is_domain_element(xmlTextReaderPtr r, const char *name)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && ns &&
	       strcmp((const char *)ns, NS_DELIBERATION) == 0 &&
	       strcmp((const char *)xmlTextReaderConstLocalName(r), name) == 0;
}

/* The date of the first <seance> after the reader's position, or NULL
 * (caller frees). Bounded: at most the first 2 000 nodes are read. */
static xmlChar *first_seance_date(xmlTextReaderPtr r)
{
	for (int i = 0; i < 2000 && xmlTextReaderRead(r) == 1; i++)
		if (is_domain_element(r, "seance"))
			return xmlTextReaderGetAttribute(r, (const xmlChar *)"date");
	return NULL;
}

/* The stem of the root (its kind of document), or NULL for another root. */
static const char *stem_of_root(xmlTextReaderPtr r)
{
	if (is_domain_element(r, "deliberation"))
		return "deliberation";
	if (is_domain_element(r, "projets"))
		return "convocation";
	if (is_domain_element(r, "deliberations"))
		return "liste";
	return NULL;
}

void xml_document_name(const char *data, size_t size, const char *fallback, char *out, size_t cap)
{
	snprintf(out, cap, "%s.pdf", fallback);
	if (size > (size_t)INT_MAX)
		return;
	xmlTextReaderPtr r = xmlReaderForMemory(data, (int)size, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                                                   XML_PARSE_NOWARNING);
	if (!r)
		return;
	xmlTextReaderSetStructuredErrorHandler(r, ignore_error, NULL);
	int rc;
	while ((rc = xmlTextReaderRead(r)) == 1 && xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
		;
	const char *stem = rc == 1 ? stem_of_root(r) : NULL;
	if (stem) {
		xmlChar *value = strcmp(stem, "deliberation") == 0 ? xmlTextReaderGetAttribute(r, (const xmlChar *)"numero")
		                                                   : first_seance_date(r);
		name_with(stem, value, out, cap);
		xmlFree(value);
	}
	xmlFreeTextReader(r);
}
