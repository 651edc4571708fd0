/* SPDX-License-Identifier: Apache-2.0 */
#include "parse.h"
#include "tree.h"
#include <errno.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "nfc.h"
#include "sys.h"
#include "xmlmsg.h"

/* What one parse or one validation collects: the diagnostics, and for the
 * parser the state of the SAX hooks that enforce the limits. */
typedef struct collector {
	diag_list *diags;
	diag_code code;
	int count;
	int fatal;                /* a fatal parser error was seen: the rest follows from it */
	int refused;              /* a hook stopped the parser (DTD, depth, element count) */
	int depth;                /* current element depth */
	long elements;            /* elements seen */
	size_t text;              /* [bytes] character data and attribute values seen */
	size_t run;               /* [bytes] of the text node being read */
	int run_line, run_col;    /* where it starts (the end of the last tag) */
	startElementNsSAX2Func start;      /* libxml2's own SAX2 handlers, called by ours */
	endElementNsSAX2Func end;
	charactersSAXFunc characters;
	ignorableWhitespaceSAXFunc whitespace;
	const char *xml;          /* the text being parsed, for positions */
	size_t size;
	int eof_line, eof_col;    /* where the text ends (0: not computed yet) */
	srcpos *pos;        /* schema validation: where elements start */
	xmlDocPtr doc;            /* schema validation: the document */
	const void *facet_node;   /* schema validation: node of the last facet error */
} collector;

#define MAX_DIAGS 50

/* ---- parser errors -------------------------------------------------------- */

static void on_parser_error(void *user, xmlErrorPtr e)
{
	collector *c = user;
	if (!e || e->level == XML_ERR_WARNING || c->count >= MAX_DIAGS || c->fatal || c->refused)
		return;
	if (e->code == XML_ERR_USER_STOP)
		return;
	char msg[1024];
	diag_code code = xmlmsg_parser(e, msg, sizeof msg);
	if (c->eof_line == 0)
		srcpos_line_col(c->xml, c->size, c->size, &c->eof_line, &c->eof_col);
	if (code == D_XML_SYNTAX && e->code != XML_ERR_DOCUMENT_EMPTY && e->line == c->eof_line &&
	    e->int2 >= c->eof_col - 1 && !strstr(msg, "tronqué"))
		strncat(msg, " ; le fichier s'arrête là : fichier tronqué ?", sizeof msg - strlen(msg) - 1);
	c->count++;
	if (e->level == XML_ERR_FATAL)
		c->fatal = 1;
	if (code == D_NOMEM)
		diag_add(c->diags, D_NOMEM, e->line, e->int2);
	else
		diag_add(c->diags, code, e->line > 0 ? e->line : 1, e->int2, msg);
}

/* Position of the start tag the parser has just read (its '<'), from the
 * text when the parser works on it directly (UTF-8), else libxml2's. The
 * start-element handler runs with the parser on the tag's closing ">" or
 * "/>"; no '<' can stand between it and the tag's start (attribute values
 * cannot hold one). */
static void start_tag_position(xmlParserCtxtPtr ctxt, const collector *c, int *line, int *col)
{
	*line = xmlSAX2GetLineNumber(ctxt);
	*col = xmlSAX2GetColumnNumber(ctxt);
	if (!ctxt->input || !ctxt->input->cur || !ctxt->input->base || ctxt->input->buf == NULL ||
	    ctxt->input->buf->encoder != NULL)
		return;
	size_t off = (size_t)ctxt->input->consumed + (size_t)(ctxt->input->cur - ctxt->input->base);
	if (off == 0 || off >= c->size || (c->xml[off] != '>' && c->xml[off] != '/'))
		return;
	while (off > 0 && c->xml[off] != '<')
		off--;
	if (c->xml[off] == '<')
		srcpos_line_col(c->xml, c->size, off, line, col);
}

static void refuse(xmlParserCtxtPtr ctxt, collector *c, diag_code code, int line, int col, const char *what)
{
	if (!c->refused && c->count < MAX_DIAGS) {
		c->count++;
		diag_add(c->diags, code, line, col, what);
	}
	c->refused = 1;
	xmlStopParser(ctxt);
}

/* A DOCTYPE is refused as soon as it is seen, before its internal subset is
 * read: no entity is ever declared, so none can be expanded (the "billion
 * laughs") or fetched (an external entity naming a local file). */
static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *public_id, const xmlChar *system_id)
{
	(void)name;
	(void)public_id;
	(void)system_id;
	xmlParserCtxtPtr ctxt = ctx;
	collector *c = ctxt->_private;
	int line = xmlSAX2GetLineNumber(ctxt), col = 0;
	size_t off = srcpos_find_doctype(c->xml, c->size);
	if (off != (size_t)-1)
		srcpos_line_col(c->xml, c->size, off, &line, &col);
	refuse(ctxt, c, D_XML_DTD, line, col,
	       "une déclaration <!DOCTYPE> n'est pas admise (ni DTD, ni entités)");
}

static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                             int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                             const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	collector *c = ctxt->_private;
	if (c->refused)
		return;
	c->depth++;
	c->elements++;
	c->run = 0;
	size_t longest = 0;
	for (int i = 0; i < nb_attributes; i++) {
		size_t len = (size_t)(attributes[i * 5 + 4] - attributes[i * 5 + 3]);
		c->text += len;
		longest = len > longest ? len : longest;
	}
	const char *what = NULL;
	char buf[160];
	if (c->depth > DELIB_MAX_DEPTH)
		snprintf(buf, sizeof buf, "éléments imbriqués sur plus de %d niveaux", DELIB_MAX_DEPTH), what = buf;
	else if (c->elements > DELIB_MAX_ELEMENTS)
		snprintf(buf, sizeof buf, "plus de %d éléments", DELIB_MAX_ELEMENTS), what = buf;
	else if (longest > DELIB_MAX_VALUE)
		snprintf(buf, sizeof buf, "valeur d'attribut de plus de %u octets", DELIB_MAX_VALUE), what = buf;
	else if (c->text > DELIB_MAX_TEXT)
		snprintf(buf, sizeof buf, "plus de %u octets de texte", DELIB_MAX_TEXT), what = buf;
	if (what) {
		int line, col;
		start_tag_position(ctxt, c, &line, &col);
		refuse(ctxt, c, D_XML_LIMIT, line, col, what);
		return;
	}
	c->start(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted, attributes);
	c->run_line = xmlSAX2GetLineNumber(ctxt);
	c->run_col = xmlSAX2GetColumnNumber(ctxt);
}

/* Text counts against the limits: one text node, and the whole document. */
static int text_ok(xmlParserCtxtPtr ctxt, collector *c, int len)
{
	if (c->refused)
		return 0;
	c->run += (size_t)len;
	c->text += (size_t)len;
	if (c->run <= DELIB_MAX_VALUE && c->text <= DELIB_MAX_TEXT)
		return 1;
	char what[160];
	if (c->run > DELIB_MAX_VALUE)
		snprintf(what, sizeof what, "texte d'un seul tenant de plus de %u octets", DELIB_MAX_VALUE);
	else
		snprintf(what, sizeof what, "plus de %u octets de texte", DELIB_MAX_TEXT);
	refuse(ctxt, c, D_XML_LIMIT, c->run_line, c->run_col, what);
	return 0;
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	collector *c = ctxt->_private;
	if (text_ok(ctxt, c, len) && c->characters)
		c->characters(ctx, ch, len);
}

static void on_whitespace(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	collector *c = ctxt->_private;
	if (text_ok(ctxt, c, len) && c->whitespace)
		c->whitespace(ctx, ch, len);
}

static void on_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	collector *c = ctxt->_private;
	if (c->refused)
		return;
	c->depth--;
	c->run = 0;
	c->end(ctx, localname, prefix, uri);
	c->run_line = xmlSAX2GetLineNumber(ctxt);
	c->run_col = xmlSAX2GetColumnNumber(ctxt);
}

/* The text nodes and attribute values under n composed to NFC (nfc.h)
 * where they hold a character that may change. */
static void compose_nfc(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content && nfc_needed((const char *)n->content, strlen((const char *)n->content))) {
			char *c = nfc_compose((const char *)n->content);
			if (c)
				xmlNodeSetContent(n, (const xmlChar *)c);
			free(c);
		}
		if (n->type == XML_ELEMENT_NODE) {
			for (xmlAttrPtr a = n->properties; a; a = a->next)
				compose_nfc(a->children);
			compose_nfc(n->children);
		}
	}
}

/* An input document, its text composed to NFC as it is received: every
 * later stage (rules, templates, charts, layout) sees "é" as one
 * character whatever form the file had. The raw bytes are scanned first:
 * most documents have no character that may change (in another encoding
 * than UTF-8 the bytes say nothing: every text is looked at). */
xmlDocPtr parse_xml(const char *data, size_t size, const char *url, diag_list *diags)
{
	xmlDocPtr doc = parse_xml_dict(data, size, url, NULL, diags);
	int utf8 = doc && (!doc->encoding || xmlStrcasecmp(doc->encoding, (const xmlChar *)"UTF-8") == 0);
	if (doc && (!utf8 || nfc_needed(data, size)))
		compose_nfc(doc->children);
	return doc;
}

xmlDocPtr parse_xml_dict(const char *data, size_t size, const char *url, xmlDictPtr dict, diag_list *diags)
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
	if (dict) {
		xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(dict);
	}
	collector col = {.diags = diags, .code = D_XML_SYNTAX, .xml = data, .size = size};
	ctxt->_private = &col;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = NULL;
	col.start = ctxt->sax->startElementNs;
	col.end = ctxt->sax->endElementNs;
	col.characters = ctxt->sax->characters;
	col.whitespace = ctxt->sax->ignorableWhitespace;
	ctxt->sax->startElementNs = on_start_element;
	ctxt->sax->endElementNs = on_end_element;
	ctxt->sax->characters = on_characters;
	ctxt->sax->ignorableWhitespace = on_whitespace;
	xmlSetStructuredErrorFunc(&col, on_parser_error);
	/* No NOENT (entities are not substituted), no DTDLOAD, no network, and
	 * the DOCTYPE hook above stops the parser before any declaration: an
	 * external entity can never pull a local file into the document. The
	 * default limits of libxml2 stay on (no XML_PARSE_HUGE); depth, element
	 * count and text have our own, lower limits (the hooks above). COMPACT
	 * stores short texts (most table cells) inside their node, one
	 * allocation fewer each: nothing modifies a parsed deliberation; a
	 * stylesheet's documents (dict given) are not compacted, libxslt
	 * rewrites their texts. */
	int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | (dict ? 0 : XML_PARSE_COMPACT);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)size, url, NULL, options);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc && (col.refused || col.count > 0 || doc->intSubset || doc->extSubset)) {
		if (!col.refused && col.count == 0)
			diag_add(diags, D_XML_DTD, 1, 1, "une déclaration <!DOCTYPE> n'est pas admise");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && col.count == 0 && !col.refused)
		diag_add(diags, D_XML_SYNTAX, 1, 1, "document illisible");
	xmlFreeParserCtxt(ctxt);
	return doc;
}

int parse_check_root_at(xmlDocPtr doc, srcpos *pos, const char *name, const char *ns, diag_list *diags)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root && strcmp((const char *)root->name, name) == 0 && root->ns && strcmp((const char *)root->ns->href, ns) == 0)
		return 0;
	char qname[200] = "", qns[200] = "", shown[512];
	if (root)
		xmlmsg_quote((const char *)root->name, 80, qname, sizeof qname);
	if (root && root->ns)
		xmlmsg_quote((const char *)root->ns->href, 80, qns, sizeof qns);
	if (!root)
		snprintf(shown, sizeof shown, "(aucun)");
	else if (!root->ns)
		snprintf(shown, sizeof shown, "« %s » (sans espace de noms)", qname);
	else
		snprintf(shown, sizeof shown, "« %s » de l'espace de noms « %s »", qname, qns);
	int line = root ? (int)xmlGetLineNo(root) : 1, col = 0;
	if (root && pos)
		srcpos_find(pos, root, NULL, &line, &col);
	diag_add(diags, D_XML_ROOT, line, col, shown, name, ns);
	return -1;
}

int parse_check_root(xmlDocPtr doc, const char *name, const char *ns, diag_list *diags)
{
	return parse_check_root_at(doc, NULL, name, ns, diags);
}

/* ---- schema errors -------------------------------------------------------- */

/* libxml2 reports a keyref error with no node, the line where the start
 * tag of the referring element ends, and the key's value: find that element
 * (its name is the message's subject) and the attribute holding the value. */
static xmlNodePtr find_keyref_node(xmlDocPtr doc, const xmlError *e, const char *key, char *attr, size_t cap,
                                   int *has_attr)
{
	char elem[128];
	if (!doc || e->line <= 0 || xmlmsg_schema_subject(e, elem, sizeof elem, NULL, 0) != 0)
		return NULL;
	const char *local = strrchr(elem, '}') ? strrchr(elem, '}') + 1 : elem;
	xmlNodePtr root = xmlDocGetRootElement(doc), n = root;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && xmlGetLineNo(n) == e->line && strcmp((const char *)n->name, local) == 0) {
			for (xmlAttrPtr a = n->properties; a; a = a->next) {
				xmlChar *v = xmlNodeListGetString(doc, a->children, 1);
				int hit = v && strcmp((const char *)v, key) == 0;
				xmlFree(v);
				if (hit) {
					snprintf(attr, cap, "%s", (const char *)a->name);
					*has_attr = 1;
					break;
				}
			}
			return n;
		}
		n = tree_next(n, root, 0);
	}
	return NULL;
}

static void on_schema_error(void *user, xmlErrorPtr e)
{
	collector *c = user;
	if (!e || e->level == XML_ERR_WARNING || c->count >= MAX_DIAGS)
		return;
	/* libxml2 follows a facet error ("[facet 'pattern'] …") with "'x' is not
	 * a valid value of the type": one problem, one diagnostic. */
	if (xmlmsg_is_type_error(e) && e->node && e->node == c->facet_node)
		return;
	c->facet_node = xmlmsg_is_facet(e) ? e->node : NULL;
	char msg[1024];
	if (xmlmsg_schema(e, msg, sizeof msg) != 0)
		return;
	int line = e->line, col = 0;
	char attr[128], key[256];
	int has_attr = xmlmsg_schema_subject(e, NULL, 0, attr, sizeof attr) == 0 && attr[0];
	xmlNodePtr node = (xmlNodePtr)e->node;
	if (!node && xmlmsg_schema_key(e, key, sizeof key) == 0)
		node = find_keyref_node(c->doc, e, key, attr, sizeof attr, &has_attr);
	if (node && c->pos)
		srcpos_find(c->pos, node, has_attr ? attr : NULL, &line, &col);
	if (line <= 0)
		line = e->line;
	c->count++;
	diag_add(c->diags, c->code, line, col, msg);
}

int parse_validate_at(xmlSchemaPtr schema, xmlDocPtr doc, srcpos *pos, diag_code code, diag_list *diags)
{
	xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
	if (!v) {
		diag_add(diags, D_NOMEM, 0, 0);
		return -1;
	}
	collector col = {.diags = diags, .code = code, .pos = pos, .doc = doc};
	xmlSchemaSetValidStructuredErrors(v, on_schema_error, &col);
	int rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	if (rc != 0 && col.count == 0)
		diag_add(diags, code, 0, 0, "document non valide");
	return rc == 0 ? 0 : -1;
}

int parse_validate(xmlSchemaPtr schema, xmlDocPtr doc, diag_code code, diag_list *diags)
{
	return parse_validate_at(schema, doc, NULL, code, diags);
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
	int rc = sys_read_file(path, DELIB_MAX_INPUT, data, size);
	char what[1200];
	if (rc == SYS_TOO_LARGE) {
		/* A regular file is refused from its size, a stream once past it. */
		int streamed = *size == (size_t)DELIB_MAX_INPUT + 1;
		snprintf(what, sizeof what, "« %s » : fichier de %s%zu octets (au plus %u)", path, streamed ? "plus de " : "",
		         streamed ? (size_t)DELIB_MAX_INPUT : *size, DELIB_MAX_INPUT);
		diag_add(diags, D_XML_LIMIT, 1, 1, what);
		*size = 0;
		return -2;
	}
	if (rc != 0) {
		snprintf(what, sizeof what, "%s : %s", path, sys_strerror(errno));
		diag_add(diags, D_IO_READ, 0, 0, what);
		return -1;
	}
	return 0;
}

int xml_library_version(char *buf, size_t cap)
{
	int v = atoi(xmlParserVersion); /* "20914": the library's, not the headers' */
	return snprintf(buf, cap, "%d.%d.%d", v / 10000, v / 100 % 100, v % 100);
}
