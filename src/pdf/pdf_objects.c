/* SPDX-License-Identifier: Apache-2.0 */
#include "pdf_objects.h"
#include "delib.h"
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pdfa.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

/* XML-escapes s into a growing buffer. */
static void put_escaped(HPDF_Stream s, const char *text)
{
	for (const char *p = text; p && *p; p++) {
		switch (*p) {
		case '&': HPDF_Stream_WriteStr(s, "&amp;"); break;
		case '<': HPDF_Stream_WriteStr(s, "&lt;"); break;
		case '>': HPDF_Stream_WriteStr(s, "&gt;"); break;
		case '"': HPDF_Stream_WriteStr(s, "&quot;"); break;
		default: HPDF_Stream_Write(s, (const HPDF_BYTE *)p, 1); break;
		}
	}
}

static void put_element(HPDF_Stream s, const char *open, const char *value, const char *close)
{
	if (!value)
		return;
	HPDF_Stream_WriteStr(s, open);
	put_escaped(s, value);
	HPDF_Stream_WriteStr(s, close);
}

static HPDF_STATUS add_xmp(HPDF_Doc pdf, const pdfa_meta *m)
{
	HPDF_Dict md = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!md)
		return HPDF_FAILD_TO_ALLOC_MEM;
	/* PDF/A-1: the metadata stream is not filtered, so a reader can find it. */
	md->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Dict_AddName(md, "Type", "Metadata");
	HPDF_Dict_AddName(md, "Subtype", "XML");
	HPDF_Stream s = md->stream;
	HPDF_Stream_WriteStr(s, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	                        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	                        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	                        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	                        "<dc:format>application/pdf</dc:format>\n");
	put_element(s, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", m->title, "</rdf:li></rdf:Alt></dc:title>\n");
	put_element(s, "<dc:creator><rdf:Seq><rdf:li>", m->author, "</rdf:li></rdf:Seq></dc:creator>\n");
	put_element(s, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", m->subject,
	            "</rdf:li></rdf:Alt></dc:description>\n");
	put_element(s, "<dc:language><rdf:Bag><rdf:li>", m->lang, "</rdf:li></rdf:Bag></dc:language>\n");
	HPDF_Stream_WriteStr(s, "</rdf:Description>\n"
	                        "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
	put_element(s, "<pdf:Producer>", m->producer, "</pdf:Producer>\n");
	put_element(s, "<pdf:Keywords>", m->keywords, "</pdf:Keywords>\n");
	HPDF_Stream_WriteStr(s, "</rdf:Description>\n"
	                        "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	put_element(s, "<xmp:CreatorTool>", m->creator, "</xmp:CreatorTool>\n");
	if (m->date) {
		char when[64];
		snprintf(when, sizeof when, "%.10sT00:00:00+00:00", m->date);
		put_element(s, "<xmp:CreateDate>", when, "</xmp:CreateDate>\n");
		put_element(s, "<xmp:ModifyDate>", when, "</xmp:ModifyDate>\n");
	}
	HPDF_Stream_WriteStr(s, "</rdf:Description>\n"
	                        "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	                        "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
	                        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
	return HPDF_Dict_Add(pdf->catalog, "Metadata", md);
}

static HPDF_STATUS add_output_intent(HPDF_Doc pdf, const char *icc_path)
{
	FILE *f = fopen(icc_path, "rb");
	if (!f)
		return HPDF_FILE_OPEN_ERROR;
	HPDF_Dict icc = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_STATUS st = icc ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
	if (icc) {
		icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		HPDF_Dict_AddNumber(icc, "N", 3);
		unsigned char buf[8192];
		size_t n;
		while (st == HPDF_OK && (n = fread(buf, 1, sizeof buf, f)) > 0)
			st = HPDF_Stream_Write(icc->stream, buf, (HPDF_UINT)n);
	}
	fclose(f);
	return st != HPDF_OK ? st : HPDF_PDFA_AppendOutputIntents(pdf, "sRGB IEC61966-2.1", icc);
}

static HPDF_STATUS add_id(HPDF_Doc pdf, const uint8_t id[16])
{
	HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
	if (!arr)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, 16));
	HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, 16));
	return HPDF_Dict_Add(pdf->trailer, "ID", arr);
}

HPDF_STATUS pdfa_finish(HPDF_Doc pdf, const pdfa_meta *m, const uint8_t id[16], const char *icc_path)
{
	HPDF_STATUS st = add_xmp(pdf, m);
	if (st == HPDF_OK)
		st = add_output_intent(pdf, icc_path);
	if (st == HPDF_OK && m->lang)
		st = HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, m->lang, NULL));
	if (st == HPDF_OK)
		st = add_id(pdf, id);
	return st;
}

static HPDF_Array rect_array(HPDF_MMgr mmgr, float x0, float y0, float x1, float y1)
{
	HPDF_Array a = HPDF_Array_New(mmgr);
	if (a) {
		HPDF_Array_AddReal(a, x0);
		HPDF_Array_AddReal(a, y0);
		HPDF_Array_AddReal(a, x1);
		HPDF_Array_AddReal(a, y1);
	}
	return a;
}

static HPDF_Array dict_array(HPDF_MMgr mmgr, HPDF_Dict dict, const char *key)
{
	HPDF_Array a = HPDF_Dict_GetItem(dict, key, HPDF_OCLASS_ARRAY);
	if (!a) {
		a = HPDF_Array_New(mmgr);
		if (a && HPDF_Dict_Add(dict, key, a) != HPDF_OK)
			return NULL;
	}
	return a;
}

HPDF_STATUS pdf_add_signature_field(HPDF_Doc pdf, HPDF_Page page, float x, float y, float w, float h,
                                    const char *name, HPDF_Dict *widget)
{
	HPDF_MMgr mmgr = pdf->mmgr;
	/* The appearance: an empty form XObject, as PDF/A wants one for every
	 * visible annotation; the signer replaces it. */
	HPDF_Dict ap = HPDF_DictStream_New(mmgr, pdf->xref);
	HPDF_Dict field = HPDF_Dict_New(mmgr);
	HPDF_Dict apdict = HPDF_Dict_New(mmgr);
	if (!ap || !field || !apdict || HPDF_Xref_Add(pdf->xref, field) != HPDF_OK)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Dict_AddName(ap, "Type", "XObject");
	HPDF_Dict_AddName(ap, "Subtype", "Form");
	HPDF_Dict_Add(ap, "BBox", rect_array(mmgr, 0, 0, w, h));
	HPDF_Dict_Add(apdict, "N", ap);
	*widget = field;
	HPDF_Dict_AddName(field, "Type", "Annot");
	HPDF_Dict_AddName(field, "Subtype", "Widget");
	HPDF_Dict_AddName(field, "FT", "Sig");
	HPDF_Dict_Add(field, "T", HPDF_String_New(mmgr, name, HPDF_GetEncoder(pdf, "UTF-8")));
	HPDF_Dict_Add(field, "Rect", rect_array(mmgr, x, y, x + w, y + h));
	HPDF_Dict_AddNumber(field, "F", 4);  /* Print */
	HPDF_Dict_Add(field, "P", page);
	HPDF_STATUS st = HPDF_Dict_Add(field, "AP", apdict);
	HPDF_Array annots = dict_array(mmgr, page, "Annots");
	if (st != HPDF_OK || !annots)
		return st != HPDF_OK ? st : HPDF_FAILD_TO_ALLOC_MEM;
	st = HPDF_Array_Add(annots, field);
	HPDF_Dict form = HPDF_Dict_GetItem(pdf->catalog, "AcroForm", HPDF_OCLASS_DICT);
	if (!form) {
		form = HPDF_Dict_New(mmgr);
		if (!form || HPDF_Dict_Add(pdf->catalog, "AcroForm", form) != HPDF_OK)
			return HPDF_FAILD_TO_ALLOC_MEM;
		HPDF_Dict_AddNumber(form, "SigFlags", 3);  /* signatures exist, append only */
	}
	HPDF_Array fields = dict_array(mmgr, form, "Fields");
	return st != HPDF_OK ? st : fields ? HPDF_Array_Add(fields, field) : HPDF_FAILD_TO_ALLOC_MEM;
}

static HPDF_String text(HPDF_MMgr mmgr, const char *s) { return HPDF_String_New(mmgr, s ? s : "", NULL); }

HPDF_STATUS pdf_add_piece_info(HPDF_Doc pdf, HPDF_Page page, const char *date, const char *template_name,
                               const char *template_sha256, const font_record *fonts, int nfonts)
{
	HPDF_MMgr mmgr = pdf->mmgr;
	HPDF_Dict info = HPDF_Dict_New(mmgr), app = HPDF_Dict_New(mmgr), priv = HPDF_Dict_New(mmgr);
	HPDF_Array list = HPDF_Array_New(mmgr);
	if (!info || !app || !priv || !list)
		return HPDF_FAILD_TO_ALLOC_MEM;
	char when[32];
	snprintf(when, sizeof when, "D:%.4s%.2s%.2s000000+00'00'", date ? date : "2000", date ? date + 5 : "01",
	         date ? date + 8 : "01");
	HPDF_Dict_Add(app, "LastModified", text(mmgr, when));
	HPDF_Dict_Add(app, "Private", priv);
	HPDF_Dict_Add(priv, "Version", text(mmgr, "delib " DELIB_VERSION));
	HPDF_Dict_Add(priv, "Template", text(mmgr, template_name));
	HPDF_Dict_Add(priv, "TemplateSHA256", text(mmgr, template_sha256));
	for (int i = 0; i < nfonts; i++) {
		HPDF_Dict f = HPDF_Dict_New(mmgr);
		if (!f)
			return HPDF_FAILD_TO_ALLOC_MEM;
		HPDF_Dict_Add(f, "Family", text(mmgr, fonts[i].family));
		HPDF_Dict_Add(f, "File", text(mmgr, fonts[i].file));
		HPDF_Dict_Add(f, "SHA256", text(mmgr, fonts[i].sha256));
		HPDF_Array_Add(list, f);
	}
	HPDF_Dict_Add(priv, "Fonts", list);
	HPDF_Dict_Add(info, "delib", app);
	return HPDF_Dict_Add(page, "PieceInfo", info);
}

HPDF_STATUS pdf_set_outline_dest(HPDF_Outline outline, HPDF_Page page, float top)
{
	/* A direct [page /FitH top] array: libharu's destinations are indirect
	 * objects, which PDFBox (and so Preflight) cannot read as /Dest. */
	HPDF_Array dest = HPDF_Array_New(outline->mmgr);
	if (!dest)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Array_Add(dest, page);
	HPDF_Array_AddName(dest, "FitH");
	HPDF_Array_AddReal(dest, top);
	return HPDF_Dict_Add(outline, "Dest", dest);
}

/* libharu 2.3.0 compresses every stream at zlib's default level (6) when it
 * saves, and it has no setting for the level: a fifth of a document's
 * time. We compress content streams and embedded fonts ourselves at a
 * faster level (the files grow by a few per cent), mark the stream
 * uncompressed so that libharu copies the bytes as they are, and write the
 * /Filter key through the dictionary's write hook, which libharu calls
 * after its own keys (for an uncompressed stream it removes /Filter). */
static HPDF_STATUS write_flate_filter(HPDF_Dict obj, HPDF_Stream stream)
{
	(void)obj;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

struct pdf_deflater {
	struct libdeflate_compressor *c;
	unsigned char *out;
	size_t cap;
};

pdf_deflater *pdf_deflater_new(int level)
{
	pdf_deflater *d = calloc(1, sizeof *d);
	if (d && !(d->c = libdeflate_alloc_compressor(level))) {
		free(d);
		d = NULL;
	}
	return d;
}

void pdf_deflater_free(pdf_deflater *d)
{
	if (!d)
		return;
	libdeflate_free_compressor(d->c);
	free(d->out);
	free(d);
}

int pdf_deflate(pdf_deflater *d, const void *raw, size_t size, const unsigned char **out, size_t *out_size)
{
	size_t need = libdeflate_zlib_compress_bound(d->c, size);
	if (need > d->cap) {
		unsigned char *grown = realloc(d->out, need);
		if (!grown)
			return -1;
		d->out = grown;
		d->cap = need;
	}
	size_t n = libdeflate_zlib_compress(d->c, raw, size, d->out, d->cap);
	if (n == 0)
		return -1;
	*out = d->out;
	*out_size = n;
	return 0;
}

HPDF_STATUS pdf_set_deflated(HPDF_Dict dict, const void *data, size_t size)
{
	HPDF_Stream s = dict->stream;
	if (!s || size > UINT32_MAX)
		return HPDF_INVALID_STREAM;
	HPDF_MemStream_FreeData(s);
	HPDF_STATUS st = HPDF_Stream_Write(s, data, (HPDF_UINT)size);
	dict->filter = HPDF_STREAM_FILTER_NONE;  /* libharu must not compress it again at save */
	dict->write_fn = write_flate_filter;
	return st;
}

HPDF_STATUS pdf_put_deflated(pdf_deflater *d, HPDF_Dict dict, const void *raw, size_t size)
{
	const unsigned char *z;
	size_t zsize;
	if (pdf_deflate(d, raw, size, &z, &zsize) != 0)
		return HPDF_ZLIB_ERROR;
	return pdf_set_deflated(dict, z, zsize);
}
