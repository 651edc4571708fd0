/* SPDX-License-Identifier: Apache-2.0 */
/* Why by hand: the record is in objects we write ourselves, uncompressed
 * (libharu compresses streams only), with fixed keys; scanning for them is
 * simpler and safer than linking a whole PDF parser for three fields. A PDF
 * from elsewhere simply has no record. */
#include "provenance.h"
#include <stdio.h>
#include <string.h>

static const unsigned char *find(const unsigned char *from, const unsigned char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (const unsigned char *p = from; p + n <= end; p++)
		if (*p == (unsigned char)needle[0] && memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* Copies the literal string that follows key, e.g. "/File (x.ttf)", into
 * out; returns the position after it, or NULL. */
static const unsigned char *read_value(const unsigned char *from, const unsigned char *end, const char *key,
                                       char *out, size_t cap)
{
	const unsigned char *p = find(from, end, key);
	if (!p)
		return NULL;
	p += strlen(key);
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= end || *p != '(')
		return NULL;
	size_t n = 0;
	for (p++; p < end && *p != ')'; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		if (n + 1 < cap)
			out[n++] = (char)*p;
	}
	out[n] = 0;
	return p < end ? p + 1 : NULL;
}

int provenance_read(const unsigned char *pdf, size_t size, provenance *out)
{
	memset(out, 0, sizeof *out);
	const unsigned char *end = pdf + size;
	const unsigned char *p = find(pdf, end, "/PieceInfo");
	p = p ? find(p, end, "/delib") : NULL;
	if (!p)
		return -1;
	const unsigned char *obj_end = find(p, end, "endobj");
	if (!obj_end)
		obj_end = end;
	if (!read_value(p, obj_end, "/Version", out->version, sizeof out->version) ||
	    !read_value(p, obj_end, "/Template", out->template_name, sizeof out->template_name) ||
	    !read_value(p, obj_end, "/TemplateSHA256", out->template_sha, sizeof out->template_sha))
		return -1;
	const unsigned char *f = find(p, obj_end, "/Fonts");
	while (f && out->nfonts < PROVENANCE_MAX_FONTS) {
		const unsigned char *next = find(f, obj_end, "/Family");
		if (!next)
			break;
		int i = out->nfonts;
		next = read_value(next, obj_end, "/Family", out->fonts[i].family, sizeof out->fonts[i].family);
		next = next ? read_value(next, obj_end, "/File", out->fonts[i].file, sizeof out->fonts[i].file) : NULL;
		next = next ? read_value(next, obj_end, "/SHA256", out->fonts[i].sha, sizeof out->fonts[i].sha) : NULL;
		if (!next)
			break;
		out->nfonts++;
		f = next;
	}
	return 0;
}

static int font_index(const provenance *p, const char *file)
{
	for (int i = 0; i < p->nfonts; i++)
		if (strcmp(p->fonts[i].file, file) == 0)
			return i;
	return -1;
}

void provenance_compare(const provenance *old, const provenance *now, diag_list *diags)
{
	if (strcmp(old->template_name, now->template_name) != 0)
		diag_add(diags, D_COMPARE_TEMPLATE_OTHER, 0, 0, old->template_name, now->template_name);
	else if (strcmp(old->template_sha, now->template_sha) != 0)
		diag_add(diags, D_COMPARE_TEMPLATE_CHANGED, 0, 0, now->template_name, now->template_sha, old->template_sha);
	for (int i = 0; i < now->nfonts; i++) {
		int j = font_index(old, now->fonts[i].file);
		if (j < 0)
			diag_add(diags, D_COMPARE_FONT_ADDED, 0, 0, now->fonts[i].file, now->fonts[i].family);
		else if (strcmp(old->fonts[j].sha, now->fonts[i].sha) != 0)
			diag_add(diags, D_COMPARE_FONT_CHANGED, 0, 0, now->fonts[i].file);
	}
	for (int j = 0; j < old->nfonts; j++)
		if (font_index(now, old->fonts[j].file) < 0)
			diag_add(diags, D_COMPARE_FONT_GONE, 0, 0, old->fonts[j].file, old->fonts[j].family);
	if (strcmp(old->version, now->version) != 0)
		diag_add(diags, D_COMPARE_VERSION, 0, 0, old->version, now->version);
}
