#include "parse.h"
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libxml2's messages end with a newline and are English; keep the text but
 * trim it, inside a French sentence from the catalogue. */
static void add_xml_error(diag_list *diags, diag_code code, const xmlError *e)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "?");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = 0;
	diag_code c = code;
	if (e->domain == XML_FROM_PARSER || e->domain == XML_FROM_IO) {
		if (e->code == XML_ERR_INVALID_CHAR || e->code == XML_ERR_INVALID_ENCODING ||
		    e->code == XML_ERR_UNKNOWN_ENCODING || e->code == XML_ERR_UNSUPPORTED_ENCODING)
			c = D_XML_ENCODING;
		else if (e->code == XML_ERR_ENTITY_LOOP ||
		         e->code == XML_ERR_INTERNAL_ERROR)
			c = D_XML_LIMIT;
	}
	diag_add(diags, c, e->line, e->int2, msg);
}

typedef struct collector {
	diag_list *diags;
	diag_code code;
	int count;
} collector;

static void on_structured_error(void *user, xmlErrorPtr e)
{
	collector *c = user;
	if (!e || e->level == XML_ERR_WARNING || c->count >= 50)
		return;
	c->count++;
	add_xml_error(c->diags, c->code, e);
}

xmlDocPtr parse_xml(const char *data, size_t size, const char *url, diag_list *diags)
{
	if (size == 0) {
		diag_add(diags, D_XML_EMPTY, 1, 1);
		return NULL;
	}
	if (size > DELIB_MAX_INPUT) {
		char what[128];
		snprintf(what, sizeof what, "fichier de %zu octets (au plus %u)", size, DELIB_MAX_INPUT);
		diag_add(diags, D_XML_LIMIT, 1, 1, what);
		return NULL;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_add(diags, D_NOMEM, 0, 0);
		return NULL;
	}
	collector col = {diags, D_XML_SYNTAX, 0};
	xmlSetStructuredErrorFunc(&col, on_structured_error);
	/* No NOENT (entities are not substituted), no DTDLOAD, no network: an
	 * external entity can never pull a local file into the document. The
	 * default limits stay on (no XML_PARSE_HUGE): depth 256, bounded
	 * entity amplification. */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)size, url, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc && (doc->intSubset || doc->extSubset)) {
		xmlDtdPtr dtd = doc->intSubset ? doc->intSubset : doc->extSubset;
		diag_add(diags, D_XML_DTD, xmlGetLineNo((xmlNodePtr)dtd) > 0 ? (int)xmlGetLineNo((xmlNodePtr)dtd) : 1, 1,
		         "une déclaration <!DOCTYPE> n'est pas admise dans une délibération");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && col.count == 0)
		diag_add(diags, D_XML_SYNTAX, 1, 1, "document illisible");
	xmlFreeParserCtxt(ctxt);
	return doc;
}

int parse_check_root(xmlDocPtr doc, const char *name, const char *ns, diag_list *diags)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root && strcmp((const char *)root->name, name) == 0 && root->ns && strcmp((const char *)root->ns->href, ns) == 0)
		return 0;
	char shown[256];
	snprintf(shown, sizeof shown, "%s%s%s%s", root ? (const char *)root->name : "(aucun)",
	         root && root->ns ? " {" : "", root && root->ns ? (const char *)root->ns->href : "",
	         root && root->ns ? "}" : "");
	diag_add(diags, D_XML_ROOT, root ? (int)xmlGetLineNo(root) : 1, 1, shown, ns);
	return -1;
}

int parse_validate(xmlSchemaPtr schema, xmlDocPtr doc, diag_code code, diag_list *diags)
{
	xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
	if (!v) {
		diag_add(diags, D_NOMEM, 0, 0);
		return -1;
	}
	collector col = {diags, code, 0};
	xmlSchemaSetValidStructuredErrors(v, on_structured_error, &col);
	int rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	if (rc != 0 && col.count == 0)
		diag_add(diags, code, 0, 0, "document non valide");
	return rc == 0 ? 0 : -1;
}

xmlSchemaPtr parse_load_schema(const char *path)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
	if (!pc)
		return NULL;
	xmlSchemaPtr s = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	return s;
}

int read_file(const char *path, char **data, size_t *size, diag_list *diags)
{
	*data = NULL;
	*size = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		char what[1024];
		snprintf(what, sizeof what, "%s : %s", path, strerror(errno));
		diag_add(diags, D_IO_READ, 0, 0, what);
		return -1;
	}
	size_t cap = 64 * 1024, len = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (len == cap) {
			if (cap > DELIB_MAX_INPUT) {
				len = cap;  /* parse_xml reports the size limit */
				break;
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		if (n == 0)
			break;
		len += n;
	}
	int err = ferror(f);
	fclose(f);
	if (!buf || err) {
		free(buf);
		diag_add(diags, D_IO_READ, 0, 0, path);
		return -1;
	}
	*data = buf;
	*size = len;
	return 0;
}
