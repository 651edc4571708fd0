/* SPDX-License-Identifier: Apache-2.0 */
/* The pipeline behind the public API: parse → validate → transform →
 * layout → render, one context per thread. */
#define _GNU_SOURCE
#include "delib.h"
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "arena.h"
#include "check.h"
#include "diag.h"
#include "docname.h"
#include "dump.h"
#include "font.h"
#include "hash.h"
#include "hyph.h"
#include "layout.h"
#include "paginate.h"
#include "parse.h"
#include "provenance.h"
#include "liste.h"
#include "convocation_doc.h"
#include "namespaces.h"
#include "render_pdf.h"
#include "sys.h"
#include "sandbox.h"
#include "transform.h"
#include "tree.h"
#include "overrides.h"
#include "parts.h"

#define HYPHEN_FR "/usr/share/hyphen/hyph_fr.dic"
#define SRGB_PROFILE "/usr/share/color/icc/sRGB.icc"  /* Debian icc-profiles-free */
/* Stylesheets a context keeps compiled: every part (deliberation, liste,
 * convocation) of 8 templates. */
#define MAX_SHEETS 24
#define SHEET_DELIBERATION "deliberation.xsl"
#define SHEET_LIST "liste.xsl"
#define SHEET_CONVOCATION "convocation.xsl"
#define ARENA_KEEP (64u * 1024u * 1024u)  /* [bytes] layout memory a context keeps between renders */
_Static_assert(DELIB_FINGERPRINT_SIZE == HASH_HEX_SIZE, "a fingerprint is a SHA-256 in hex");

/* Where the data folder (schema/, templates/, fonts/) is looked for when the
 * caller names none (top CMakeLists.txt, cmake/install.cmake):
 * - DELIB_DATADIR_FROM_BIN, _FROM_LIB: the installed data folder relative to
 *   the folder of the executable or of libdelib.so, so that an installed
 *   tree can be moved as a whole (relocatable);
 * - DELIB_INSTALL_DATADIR: the configured prefix's data folder;
 * - DELIB_BUILD_DIR, DELIB_SOURCE_DIR: a program run from the build tree
 *   (its own file under DELIB_BUILD_DIR) uses the source tree; an installed
 *   one never does. */
#ifndef DELIB_DATADIR_FROM_BIN
#define DELIB_DATADIR_FROM_BIN "../share/delib"
#endif
#ifndef DELIB_DATADIR_FROM_LIB
#define DELIB_DATADIR_FROM_LIB "../share/delib"
#endif
#ifndef DELIB_INSTALL_DATADIR
#define DELIB_INSTALL_DATADIR "/usr/local/share/delib"
#endif

typedef struct cached_sheet {
	char name[72];
	char file[32];         /* deliberation.xsl or liste.xsl */
	xsltStylesheetPtr sheet;
	char fingerprint[HASH_HEX_SIZE];  /* "" until computed */
	char folder_sha[HASH_HEX_SIZE];   /* SHA-256 of the template's folder, recorded in PDFs */
	int folder_hashed;                /* folder_sha computed ("" when the folder is unreadable) */
	int identity;                     /* the template has a valid template.xml */
} cached_sheet;

struct delib_ctx {
	char *data_dir;
	font_lib *fonts;
	hyph *hyph;
	xmlSchemaPtr domain_schema, layout_schema, template_schema;
	cached_sheet sheets[MAX_SHEETS];
	int nsheets;
	arena mem;             /* layout memory, reused from one render to the next */
	arena scratch;         /* one paragraph's working memory (layout_inline.c) */
	pdf_cache *pdf;        /* subset fonts and compressor, reused from one render to the next */
};

static void set_err(char *err, size_t errlen, const char *msg, const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, "%s%s%s", msg, what ? " : " : "", what ? what : "");
}

/* The file this code was loaded from: libdelib.so, or the executable that
 * linked the library statically. 0 on failure. */
static int own_file(char *buf, size_t cap)
{
	Dl_info info;
	const char *name = NULL;
	/* The main program's dli_fname is its argv[0], maybe a bare name. */
	if (dladdr((void *)(uintptr_t)delib_ctx_new, &info) && info.dli_fname && strstr(info.dli_fname, ".so"))
		name = info.dli_fname;
	char *path = realpath(name ? name : "/proc/self/exe", NULL);
	if (!path)
		return 0;
	int ok = strlen(path) < cap;
	if (ok)
		strcpy(buf, path);
	free(path);
	return ok;
}

static int is_data_dir(const char *dir)
{
	char probe[4096];
	int n = snprintf(probe, sizeof probe, "%s/schema/deliberation.xsd", dir);
	return n > 0 && (size_t)n < sizeof probe && access(probe, R_OK) == 0;
}

/* dir, or dir/rel when rel is not NULL, made absolute without "..", into
 * buf if it is a data folder. */
static int try_dir(char *buf, size_t cap, const char *dir, const char *rel)
{
	int n = rel ? snprintf(buf, cap, "%s/%s", dir, rel) : snprintf(buf, cap, "%s", dir);
	if (n <= 0 || (size_t)n >= cap || !is_data_dir(buf))
		return 0;
	char *canonical = realpath(buf, NULL);
	int ok = canonical && strlen(canonical) < cap;
	if (ok)
		strcpy(buf, canonical);
	free(canonical);
	return ok;
}

size_t delib_versions(char *buf, size_t cap)
{
	char xml[32], xslt[32], fonts[128];
	xml_library_version(xml, sizeof xml);
	transform_library_version(xslt, sizeof xslt);
	font_library_versions(fonts, sizeof fonts);
	int n = snprintf(buf, buf ? cap : 0, "delib %s\nlibxml2 %s\nlibxslt %s\nlibharu %s\n%s", DELIB_VERSION, xml,
	                 xslt, pdf_library_version(), fonts);
	return n < 0 ? 0 : (size_t)n;
}

size_t delib_default_data_dir(char *buf, size_t cap)
{
	if (!buf || !cap)
		return 0;
	const char *env = getenv("DELIB_DATADIR");
	if (env && *env)
		return strlen(env) < cap ? strlen(strcpy(buf, env)) : 0;
	char self[4096];
	if (own_file(self, sizeof self)) {
		char *slash = strrchr(self, '/');
		*slash = 0;  /* realpath's result is absolute: a slash exists */
#ifdef DELIB_BUILD_DIR
		size_t nb = strlen(DELIB_BUILD_DIR);
		if (strncmp(self, DELIB_BUILD_DIR, nb) == 0 && (self[nb] == 0 || self[nb] == '/')
		    && try_dir(buf, cap, DELIB_SOURCE_DIR, NULL))
			return strlen(buf);
#endif
		if (try_dir(buf, cap, self, DELIB_DATADIR_FROM_BIN) || try_dir(buf, cap, self, DELIB_DATADIR_FROM_LIB))
			return strlen(buf);
	}
	/* Not found elsewhere: the configured prefix's, so that an error names it. */
	return (size_t)snprintf(buf, cap, "%s", DELIB_INSTALL_DATADIR) < cap ? strlen(buf) : 0;
}

delib_ctx *delib_ctx_new(const char *data_dir, char *err, size_t errlen)
{
	char found[4096];
	if (!data_dir) {
		if (!delib_default_data_dir(found, sizeof found)) {
			set_err(err, errlen, "dossier de données introuvable (chemin trop long)", NULL);
			return NULL;
		}
		data_dir = found;
	}
	delib_ctx *ctx = calloc(1, sizeof *ctx);
	/* Absolute: fontconfig reads a relative configuration path against its
	 * own folder, not ours. */
	char *absolute = realpath(data_dir, NULL);
	if (!absolute) {
		free(ctx);
		set_err(err, errlen, "dossier de données introuvable", data_dir);
		return NULL;
	}
	if (!ctx || !(ctx->data_dir = absolute)) {
		free(absolute);
		free(ctx);
		set_err(err, errlen, "mémoire insuffisante", NULL);
		return NULL;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/schema/deliberation.xsd", ctx->data_dir);
	ctx->domain_schema = parse_load_schema(path);
	if (!ctx->domain_schema) {
		set_err(err, errlen, "schéma illisible", path);
		goto fail;
	}
	snprintf(path, sizeof path, "%s/schema/layout.xsd", ctx->data_dir);
	ctx->layout_schema = parse_load_schema(path);
	if (!ctx->layout_schema) {
		set_err(err, errlen, "schéma illisible", path);
		goto fail;
	}
	snprintf(path, sizeof path, "%s/schema/template.xsd", ctx->data_dir);
	ctx->template_schema = parse_load_schema(path);
	if (!ctx->template_schema) {
		set_err(err, errlen, "schéma illisible", path);
		goto fail;
	}
	snprintf(path, sizeof path, "%s/fonts/fonts.conf", ctx->data_dir);
	diag_list dl = {0};
	ctx->fonts = font_lib_new(path, &dl);
	diag_list_free(&dl);
	if (!ctx->fonts) {
		set_err(err, errlen, "configuration des polices illisible", path);
		goto fail;
	}
	ctx->pdf = pdf_cache_new();
	if (!ctx->pdf) {
		set_err(err, errlen, "mémoire insuffisante", NULL);
		goto fail;
	}
	const char *hy = getenv("DELIB_HYPHEN_DIC");
	ctx->hyph = hyph_new(hy ? hy : HYPHEN_FR);
	if (!ctx->hyph) {
		set_err(err, errlen, "motifs de césure introuvables (paquet hyphen-fr)", hy ? hy : HYPHEN_FR);
		goto fail;
	}
	return ctx;
fail:
	delib_ctx_free(ctx);
	return NULL;
}

void delib_ctx_free(delib_ctx *ctx)
{
	if (!ctx)
		return;
	for (int i = 0; i < ctx->nsheets; i++)
		transform_free(ctx->sheets[i].sheet);
	xmlSchemaFree(ctx->domain_schema);
	xmlSchemaFree(ctx->layout_schema);
	xmlSchemaFree(ctx->template_schema);
	font_lib_free(ctx->fonts);
	hyph_free(ctx->hyph);
	arena_free(&ctx->mem);
	arena_free(&ctx->scratch);
	pdf_cache_free(ctx->pdf);
	free(ctx->data_dir);
	free(ctx);
}

void delib_result_free(delib_result *res)
{
	if (!res)
		return;
	free(res->pdf);
	free(res->layout_dump);
	for (int i = 0; i < res->ndiags; i++) {
		free((char *)res->diags[i].message);
		free((char *)res->diags[i].file);
	}
	free(res->diags);
	memset(res, 0, sizeof *res);
}

static int hash_folder(hash_ctx *h, const char *dir);

static cached_sheet *find_sheet(delib_ctx *ctx, const char *name, const char *file)
{
	for (int i = 0; i < ctx->nsheets; i++)
		if (strcmp(ctx->sheets[i].name, name) == 0 && strcmp(ctx->sheets[i].file, file) == 0)
			return &ctx->sheets[i];
	return NULL;
}

/* Computed when a PDF is first written with the template, not when it is
 * loaded: validating does not record it. */
static void hash_template_folder(delib_ctx *ctx, cached_sheet *cs)
{
	if (cs->folder_hashed)
		return;
	cs->folder_hashed = 1;
	char path[4096];
	hash_ctx h;
	uint8_t digest[HASH_SIZE];
	snprintf(path, sizeof path, "%s/templates/%s", ctx->data_dir, cs->name);
	hash_init(&h);
	if (hash_folder(&h, path) != 0) {
		cs->folder_sha[0] = 0;
		return;
	}
	hash_final(&h, digest);
	hash_hex(digest, cs->folder_sha);
}

/* The template's template.xml, checked against schema/template.xsd: 1
 * valid, 0 none, -1 invalid (its diagnostics at its lines). */
static int check_identity(delib_ctx *ctx, const char *name, diag_list *dl)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/templates/%s/%s", ctx->data_dir, name, TRANSFORM_IDENTITY);
	if (access(path, R_OK) != 0)
		return 0;
	char *data;
	size_t size;
	const char *saved = dl->file;
	dl->file = path;
	int rc = -1;
	if (read_file(path, &data, &size, dl) == 0) {
		xmlDocPtr doc = parse_xml(data, size, path, dl);
		srcpos *pos = doc ? srcpos_new(data, size, doc) : NULL;
		if (doc && parse_validate_at(ctx->template_schema, doc, pos, D_XML_SCHEMA, dl) == 0)
			rc = 1;
		srcpos_free(pos);
		xmlFreeDoc(doc);
		free(data);
	}
	dl->file = saved;
	return rc;
}

static xsltStylesheetPtr get_sheet(delib_ctx *ctx, const char *name, const char *file, diag_list *dl)
{
	cached_sheet *found = find_sheet(ctx, name, file);
	if (found)
		return found->sheet;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/templates", ctx->data_dir);
	xsltStylesheetPtr s = transform_load(dir, name, file, dl);
	int identity = s ? check_identity(ctx, name, dl) : -1;
	if (identity < 0) {
		if (s)
			transform_free(s);
		return NULL;
	}
	/* A full cache recycles its last slot: the context stays bounded. */
	cached_sheet *slot = &ctx->sheets[ctx->nsheets < MAX_SHEETS ? ctx->nsheets++ : MAX_SHEETS - 1];
	if (slot->sheet)
		transform_free(slot->sheet);
	snprintf(slot->name, sizeof slot->name, "%s", name);
	snprintf(slot->file, sizeof slot->file, "%s", file);
	slot->fingerprint[0] = 0;
	slot->sheet = s;
	slot->folder_hashed = 0;
	slot->identity = identity;
	return s;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hashes the regular files of a folder, by sorted name (not recursive:
 * templates are flat folders). */
/* The hash of a folder's regular files: each name, then the file's own
 * SHA-256 through the digest cache (hash_file_digest), so that a cold
 * command does not read and hash the unchanged template and schema files
 * again (3.7 M instructions, 1.5 % of a cold render); any change of a
 * file's content still changes the result. */
static int hash_folder(hash_ctx *h, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	char *names[256];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 256)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, compare_names);
	int rc = 0;
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, names[i] ? names[i] : "");
		if (rc == 0 && names[i] && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			uint8_t digest[HASH_SIZE];
			hash_update(h, names[i], strlen(names[i]) + 1);
			rc = hash_file_digest(path, digest);
			hash_update(h, digest, sizeof digest);
		}
		free(names[i]);
	}
	return rc;
}

delib_status delib_ctx_fingerprint(delib_ctx *ctx, const char *template_name, char out[DELIB_FINGERPRINT_SIZE])
{
	const char *tname = template_name ? template_name : "default";
	diag_list dl = {0};
	xsltStylesheetPtr sheet = get_sheet(ctx, tname, SHEET_DELIBERATION, &dl);
	diag_list_free(&dl);
	if (!sheet)
		return DELIB_USAGE;
	cached_sheet *cs = find_sheet(ctx, tname, SHEET_DELIBERATION);
	if (cs && cs->fingerprint[0]) {
		memcpy(out, cs->fingerprint, HASH_HEX_SIZE);
		return DELIB_OK;
	}
	hash_ctx h;
	hash_init(&h);
	hash_update(&h, "delib " DELIB_VERSION, sizeof "delib " DELIB_VERSION);
	char path[4096];
	snprintf(path, sizeof path, "%s/schema", ctx->data_dir);
	int rc = hash_folder(&h, path);
	/* Every template folder, not only tname's: a template may import
	 * another (communautaire imports default). */
	delib_template_info *list;
	int n = delib_templates(ctx, &list);
	for (int i = 0; i < n && rc == 0; i++) {
		snprintf(path, sizeof path, "%s/templates/%s", ctx->data_dir, list[i].name);
		hash_update(&h, list[i].name, strlen(list[i].name) + 1);
		rc = hash_folder(&h, path);
	}
	delib_templates_free(list, n);
	rc = rc ? rc : n < 0 ? -1 : font_lib_fingerprint(ctx->fonts, &h);
	/* The program itself: an engine change without a new version number
	 * still changes the fingerprint (unreadable: the version stands alone).
	 * Its digest, remembered between runs as the fonts' are. */
	uint8_t exe[HASH_SIZE];
	if (hash_file_digest("/proc/self/exe", exe) == 0)
		hash_update(&h, exe, sizeof exe);
	if (rc != 0)
		return DELIB_INTERNAL;
	uint8_t digest[HASH_SIZE];
	hash_final(&h, digest);
	hash_hex(digest, out);
	if (cs)
		memcpy(cs->fingerprint, out, HASH_HEX_SIZE);
	return DELIB_OK;
}

void delib_pdf_name(const char *xml, size_t size, const char *fallback, char *buf, size_t cap)
{
	char name[160];
	xml_document_name(xml, size, fallback && *fallback ? fallback : "document", name, sizeof name);
	if (cap)
		snprintf(buf, cap, "%s", name);
}

static int is_draft(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *st = xmlGetProp(root, (const xmlChar *)"statut");
	int draft = st && strcmp((const char *)st, "projet") == 0;
	xmlFree(st);
	return draft;
}

/* Lays out the layout tree and, as asked, dumps and writes the PDF. Takes
 * the tree and frees it as soon as the pages are made: the pages own their
 * strings (page.h), and the tree's memory is not held while drawing. */
static int lay_out_and_render(delib_ctx *ctx, xmlDocPtr ldoc, const delib_options *opt, int draft,
                              cached_sheet *sheet, double deadline, diag_list *dl, delib_result *out)
{
	arena *mem = &ctx->mem;
	char resources[4096];
	snprintf(resources, sizeof resources, "%s/templates/%s", ctx->data_dir, sheet->name);
	layout_ctx lc = {.mem = mem, .scratch = &ctx->scratch, .fonts = ctx->fonts, .hyph = ctx->hyph, .diags = dl, .doc = ldoc,
	                 .resource_dir = resources, .deadline = deadline};
	mem->limit = opt->memory_limit;
	doc_pages pages = {0};
	int rc = layout_ctx_start(&lc) == 0 ? paginate_document(&lc, xmlDocGetRootElement(ldoc), &pages) : -1;
	xmlChar *date = xmlGetProp(xmlDocGetRootElement(ldoc), (const xmlChar *)"date");
	xmlFreeDoc(ldoc);
	if (rc == 0) {
		out->pages = pages.npages;
		if (opt->want_layout_dump && !(out->layout_dump = dump_pages(&pages, ctx->fonts)))
			rc = -1;
	}
	if (rc == 0 && opt->want_pdf) {
		const char *icc = getenv("DELIB_ICC_PROFILE");
		hash_template_folder(ctx, sheet);
		char template_file[4200];
		snprintf(template_file, sizeof template_file, "%s/%s", resources, sheet->file);
		pdf_options po = {.date = (const char *)date,
		                  .template_name = sheet->name,
		                  .template_sha256 = sheet->folder_sha,
		                  .template_file = template_file,
		                  .icc_path = icc ? icc : SRGB_PROFILE,
		                  .signature_field = !draft,
		                  .signature_tag = opt->signature_tag && !draft,
		                  .deadline = deadline,
		                  .cache = ctx->pdf};
		rc = render_pdf(&pages, ctx->fonts, &po, dl, &out->pdf, &out->pdf_size);
	}
	xmlFree(date);
	if (rc != 0 && !diag_has_error(dl))
		diag_add(dl, mem->failed ? D_NOMEM : D_INTERNAL, 0, 0, "mise en page impossible");
	mem->limit = 0;
	arena_reset(mem, ARENA_KEEP);
	return rc;
}

/* A domain document (a deliberation, or a séance's list) through the
 * template's stylesheet `file` to the layout, then pages and PDF. */
/* Past the deadline of delib_options.time_limit_ms (0: none)? Reported. */
static int past_deadline(double deadline, diag_list *dl)
{
	if (deadline <= 0 || monotonic_ms() <= deadline)
		return 0;
	diag_add(dl, D_RENDER_TIMEOUT, 0, 0);
	return 1;
}

/* [bytes] What a transform may allocate: the render's bound, within the
 * sandbox's (a layout tree is a few megabytes; the render's bound is sized
 * for the layout of the largest documents). */
static size_t transform_memory(const delib_options *opt)
{
	return opt->memory_limit && opt->memory_limit < SANDBOX_MEMORY ? opt->memory_limit : SANDBOX_MEMORY;
}

/* The file a template diagnostic belongs to: the stylesheet whose
 * instruction at its line ran (an imported template's), else the
 * template's own. */
static const char *located_file(const transform_origin *origin, const delib_diag *d, const char *sheet_path)
{
	if (strcmp(d->file, sheet_path) != 0)
		return d->file;  /* libxslt named the file of the instruction */
	return d->line > 0 ? transform_origin_file(origin, d->line, sheet_path) : sheet_path;
}

/* Where a template's diagnostics may be placed. */
typedef struct template_places {
	const transform_origin *origin;  /* the lines the transform ran */
	const xsltStylesheet *sheet;     /* the part's stylesheet */
	const char *sheet_path;          /* its file */
	const char *identity;            /* the template's template.xml, or NULL */
} template_places;

/* The line and column of template.xml's fonts attribute that names
 * family; line 0 if none does. */
static void identity_font_place(const char *identity, const char *family, int *line, int *col)
{
	char *data;
	size_t size;
	diag_list ignored = {.file = identity};
	*line = *col = 0;
	if (!identity || read_file(identity, &data, &size, &ignored) != 0) {
		diag_list_free(&ignored);
		return;
	}
	xmlDocPtr doc = parse_xml(data, size, identity, &ignored);
	srcpos *pos = doc ? srcpos_new(data, size, doc) : NULL;
	for (xmlNodePtr c = pos ? xmlDocGetRootElement(doc)->children : NULL; c && !*line; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "fonts") != 0)
			continue;
		for (xmlAttrPtr a = c->properties; a && !*line; a = a->next)
			if (a->children && xmlStrEqual(a->children->content, (const xmlChar *)family))
				srcpos_find(pos, c, (const char *)a->name, line, col);
	}
	srcpos_free(pos);
	xmlFreeDoc(doc);
	free(data);
	diag_list_free(&ignored);
}

/* font.missing for family, first used by the layout element n: at the
 * line of the part's own stylesheet that names it (a variable, an
 * attribute), else of template.xml's fonts, else at the instruction that
 * wrote n (default's, for a family it received from a variable). */
static void missing_font(xmlNodePtr n, const char *family, const template_places *where, diag_list *dl)
{
	const char *saved = dl->file;
	int line = overrides_line_naming(where->sheet, family), col = 0;
	if (line) {
		dl->file = where->sheet_path;
	} else if (identity_font_place(where->identity, family, &line, &col), line) {
		dl->file = where->identity;
	} else {
		line = (int)xmlGetLineNo(n);
		dl->file = line > 0 ? transform_origin_file(where->origin, line, where->sheet_path) : where->sheet_path;
	}
	diag_add(dl, D_FONT_MISSING, line, col, family);
	dl->file = saved;
}

/* Every font family the layout tree names exists: else one font.missing
 * per family, at the template line that names it (missing_font). Checked
 * before the layout, which would substitute a face for each style
 * silently. */
static int check_fonts(delib_ctx *ctx, xmlDocPtr ldoc, const template_places *where, diag_list *dl)
{
	enum { MAX_FAMILIES = 32 };
	const xmlChar *seen[MAX_FAMILIES];
	int nseen = 0, missing = 0;
	xmlNodePtr root = xmlDocGetRootElement(ldoc), n = root;
	while (n) {
		xmlAttrPtr a = n->type == XML_ELEMENT_NODE ? xmlHasProp(n, (const xmlChar *)"font-family") : NULL;
		const xmlChar *fam = a && a->children ? a->children->content : NULL;
		int known = !fam;
		for (int i = 0; i < nseen && !known; i++)
			known = xmlStrEqual(seen[i], fam);
		if (!known && nseen < MAX_FAMILIES) {
			seen[nseen++] = fam;
			if (!font_family_known(ctx->fonts, (const char *)fam)) {
				missing_font(n, (const char *)fam, where, dl);
				missing++;
			}
		}
		n = tree_next(n, root, 0);
	}
	return missing;
}

/* The image diagnostics from index `from` on, written at the template's
 * own file (render_pdf.c knows the line, not the file), moved to the file
 * that drew the image; 1 if one of them is an error (the template's: a
 * missing or broken logo is a template error, exit status 1). */
static int located_image_errors(diag_list *dl, int from, const transform_origin *origin)
{
	int errors = 0;
	for (int i = from; i < dl->n; i++) {
		delib_diag *d = &dl->items[i];
		if (strncmp(d->id, "image.", 6) != 0)
			continue;
		errors += d->severity == DELIB_ERROR;
		const char *file = d->line > 0 ? transform_origin_file(origin, d->line, NULL) : NULL;
		char *copy = file ? strdup(file) : NULL;
		if (copy) {
			free((char *)d->file);
			d->file = copy;
		}
	}
	return errors > 0;
}

/* A template diagnostic, at file. A style that no element declares, used
 * by an imported stylesheet's element while the template's own file
 * redefines "styles": the fault is that redefinition, where the diagnostic
 * goes, naming the element's place. */
static void add_template_diag(diag_list *dl, const delib_diag *d, const char *file, const xsltStylesheet *sheet,
                              const char *sheet_path)
{
	int styles = strcmp(file, sheet_path) != 0 && diag_is(d, D_TEMPLATE_STYLE) &&
	                     strstr(d->message, "n'est défini par aucun élément « style »")
	                 ? transform_template_line(sheet, "styles")
	                 : 0;
	if (!styles) {
		diag_add_from(dl, d, file);
		return;
	}
	char message[6000];
	snprintf(message, sizeof message, "%s ; le modèle nommé « styles » de ce fichier remplace celui des feuilles "
	         "importées et ne le déclare pas (premier emploi : %s:%d)", d->message, file, d->line);
	delib_diag moved = *d;
	moved.line = styles;
	moved.message = message;
	diag_add_from(dl, &moved, sheet_path);
}

/* A template that fails is invalid input, as a deliberation is (one exit
 * status for every template error); a render stopped by its time limit or
 * by the machine stays an internal failure. */
static delib_status template_status(const diag_list *dl)
{
	for (int i = 0; i < dl->n; i++)
		if (diag_is(&dl->items[i], D_RENDER_TIMEOUT) || diag_is(&dl->items[i], D_RENDER_MEMORY) ||
		    diag_is(&dl->items[i], D_NOMEM) ||
		    diag_is(&dl->items[i], D_INTERNAL))
			return DELIB_INTERNAL;
	return DELIB_INVALID;
}

static delib_status transform_and_render(delib_ctx *ctx, xmlDocPtr doc, const char *file, int draft,
                                         const delib_options *opt, double deadline, diag_list *dl,
                                         delib_result *out)
{
	if (past_deadline(deadline, dl))
		return DELIB_INTERNAL;
	const char *tname = opt->template_name ? opt->template_name : "default";
	char sheet_path[4096];
	snprintf(sheet_path, sizeof sheet_path, "%s/templates/%s/%s", ctx->data_dir, tname, file);
	diag_list sdl = {.file = sheet_path};
	xsltStylesheetPtr sheet = get_sheet(ctx, tname, file, &sdl);
	int unknown = sdl.n && diag_is(&sdl.items[0], D_TEMPLATE_UNKNOWN);
	for (int i = 0; i < sdl.n; i++)
		diag_add_from(dl, &sdl.items[i], unknown ? dl->file : sdl.items[i].file);
	diag_list_free(&sdl);
	if (!sheet)
		return unknown ? DELIB_USAGE : template_status(dl);
	if (sheet->doc && sheet->doc->URL)  /* default's, for a part the template inherits */
		snprintf(sheet_path, sizeof sheet_path, "%s", (const char *)sheet->doc->URL);
	diag_list tdl = {.file = sheet_path};
	char templates[4200];
	snprintf(templates, sizeof templates, "%s/templates", ctx->data_dir);
	char identity[4300];
	cached_sheet *cs = find_sheet(ctx, tname, file);
	snprintf(identity, sizeof identity, "%s/%s/%s", templates, tname, TRANSFORM_IDENTITY);
	transform_limits lim = {.templates_dir = templates, .deadline = deadline, .memory = transform_memory(opt),
	                        .render_memory = transform_memory(opt) < SANDBOX_MEMORY,
	                        .identity = cs && cs->identity ? identity : NULL};
	transform_origin *origin = transform_origin_new();
	xmlDocPtr ldoc = transform_apply(sheet, doc, draft, &lim, origin, &tdl);
	if (ldoc && (parse_check_root(ldoc, "document", NS_LAYOUT, &tdl) != 0 ||
	             parse_validate(ctx->layout_schema, ldoc, D_TEMPLATE_LAYOUT, &tdl) != 0)) {
		xmlFreeDoc(ldoc);
		ldoc = NULL;
	}
	if (ldoc)
		layout_check_style_refs(ldoc, &tdl);  /* warnings: an unknown style is ignored */
	/* Template diagnostics name the template, not the deliberation (libxslt
	 * keeps the template's line on the elements it writes). */
	for (int i = 0; i < tdl.n; i++)
		add_template_diag(dl, &tdl.items[i], located_file(origin, &tdl.items[i], sheet_path), sheet, sheet_path);
	diag_list_free(&tdl);
	if (ldoc) {
		int line = (int)xmlGetLineNo(xmlDocGetRootElement(ldoc));
		const char *root_file = line > 0 ? transform_origin_file(origin, line, sheet_path) : sheet_path;
		if (strcmp(file, SHEET_DELIBERATION) == 0)
			parts_check(doc, ldoc, draft, sheet, sheet_path, root_file, dl);
		else
			parts_check_seance(doc, ldoc, sheet, sheet_path, root_file, dl);
	}
	template_places where = {origin, sheet, sheet_path, lim.identity};
	if (ldoc && check_fonts(ctx, ldoc, &where, dl) != 0) {
		xmlFreeDoc(ldoc);
		ldoc = NULL;
	}
	if (!ldoc) {
		transform_origin_free(origin);
		return template_status(dl);
	}
	if (past_deadline(deadline, dl)) {
		transform_origin_free(origin);
		xmlFreeDoc(ldoc);
		return DELIB_INTERNAL;
	}
	int before = dl->n;
	int rc = lay_out_and_render(ctx, ldoc, opt, draft, find_sheet(ctx, tname, file), deadline, dl, out);
	int image_error = located_image_errors(dl, before, origin);
	transform_origin_free(origin);
	return rc == 0 ? DELIB_OK : image_error ? DELIB_INVALID : DELIB_INTERNAL;
}

/* Checks a deliberation against the schema, then the law's rules
 * (check.c); non-zero when it is invalid. */
static int check_deliberation(delib_ctx *ctx, xmlDocPtr doc, srcpos *pos, int draft, diag_list *dl)
{
	return parse_validate_at(ctx->domain_schema, doc, pos, D_XML_SCHEMA, dl) != 0 ||
	       check_document(doc, pos, draft, dl) > 0;
}

/* Parses and checks a deliberation: schema, then the law's rules
 * (check.c), diagnostics pointing into the source text (srcpos.h). A draft
 * skips the rules of a final act. NULL when it is invalid. */
static xmlDocPtr load_deliberation(delib_ctx *ctx, const char *xml, size_t size, const char *name, int draft_asked,
                                   diag_list *dl, int *draft)
{
	xmlDocPtr doc = parse_xml(xml, size, name, dl);
	if (!doc)
		return NULL;
	srcpos *pos = srcpos_new(xml, size, doc);
	*draft = draft_asked || is_draft(doc);
	int invalid = parse_check_root_at(doc, pos, "deliberation", NS_DELIBERATION, dl) != 0 ||
	              check_deliberation(ctx, doc, pos, *draft, dl) != 0;
	srcpos_free(pos);
	if (invalid) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static delib_status run(delib_ctx *ctx, const char *xml, size_t size, const delib_options *opt, double deadline,
                        diag_list *dl, delib_result *out)
{
	int draft;
	xmlDocPtr doc = load_deliberation(ctx, xml, size, opt->source_name, opt->draft, dl, &draft);
	if (!doc)
		return DELIB_INVALID;
	delib_status st = transform_and_render(ctx, doc, SHEET_DELIBERATION, draft, opt, deadline, dl, out);
	xmlFreeDoc(doc);
	return st;
}

/* Compares the provenance this render recorded with an archived PDF's. */
static void compare_with_archive(const char *path, const delib_result *out, diag_list *dl)
{
	char *old = NULL;
	size_t size = 0;
	if (read_file(path, &old, &size, dl) != 0)
		return;
	provenance was, now;
	if (provenance_read((const unsigned char *)old, size, &was) != 0)
		diag_add(dl, D_COMPARE_NONE, 0, 0, path);
	else if (provenance_read(out->pdf, out->pdf_size, &now) == 0)
		provenance_compare(&was, &now, dl);
	free(old);
}

static void move_diags(diag_list *dl, delib_result *out)
{
	out->diags = dl->items;
	out->ndiags = dl->n;
	out->worst = dl->worst;
	memset(dl, 0, sizeof *dl);
}

/* A failed call hands back its diagnostics and no PDF. */
static delib_status finish_result(delib_status st, diag_list *dl, delib_result *out)
{
	if (st != DELIB_OK) {
		free(out->pdf);
		out->pdf = NULL;
		out->pdf_size = 0;
	}
	move_diags(dl, out);
	return st;
}

/* Compiles one part of a template (its diagnostics under the name
 * "TEMPLATE/PART", the file they are about); 1 when it is compiled. */
static int load_part(delib_ctx *ctx, const char *tname, const char *part, diag_list *dl)
{
	char file[160];
	snprintf(file, sizeof file, "%s/%s", tname, part);
	dl->file = file;  /* copied by each diag_add */
	int ok = get_sheet(ctx, tname, part, dl) != NULL;
	dl->file = tname;
	return ok;
}

/* A part a template may lack (liste.xsl, convocation.xsl): compiled when it
 * has it, its own or, with a template.xml, default's (transform.h); a
 * template without it renders no such document. 0 when compiled or
 * absent, -1 with its diagnostics in dl when it does not compile. */
static int load_optional_part(delib_ctx *ctx, const char *tname, const char *part, diag_list *dl)
{
	diag_list tried = {.file = tname};
	int ok = load_part(ctx, tname, part, &tried);
	int absent = !ok && tried.n == 1 && diag_is(&tried.items[0], D_TEMPLATE_NO_PART);
	for (int i = 0; !absent && i < tried.n; i++)
		diag_add_from(dl, &tried.items[i], tried.items[i].file);
	diag_list_free(&tried);
	return ok || absent ? 0 : -1;
}

delib_status delib_ctx_load_template(delib_ctx *ctx, const char *template_name, delib_result *out)
{
	static const char *const optional[] = {SHEET_LIST, SHEET_CONVOCATION};
	const char *tname = template_name ? template_name : "default";
	memset(out, 0, sizeof *out);
	diag_list dl = {.file = tname};
	if (!load_part(ctx, tname, SHEET_DELIBERATION, &dl))
		/* Unknown (template.unknown), or its deliberation.xsl does not compile. */
		return finish_result(dl.n && diag_is(&dl.items[0], D_TEMPLATE_UNKNOWN) ? DELIB_USAGE : DELIB_INVALID, &dl,
		                     out);
	delib_status st = DELIB_OK;
	for (size_t i = 0; i < sizeof optional / sizeof *optional; i++)
		if (load_optional_part(ctx, tname, optional[i], &dl) != 0)
			st = DELIB_INVALID;
	return finish_result(st, &dl, out);
}

delib_status delib_render_memory(delib_ctx *ctx, const char *xml, size_t size, const delib_options *opt,
                                 delib_result *out)
{
	delib_options none = {0};
	if (!opt)
		opt = &none;
	memset(out, 0, sizeof *out);
	diag_list dl = {.file = opt->source_name ? opt->source_name : "<entrée>"};
	double deadline = opt->time_limit_ms ? monotonic_ms() + opt->time_limit_ms : 0;
	delib_status st = run(ctx, xml, size, opt, deadline, &dl, out);
	if (st == DELIB_OK && diag_has_error(&dl))
		st = DELIB_INVALID;
	if (st == DELIB_OK && opt->compare_with && out->pdf)
		compare_with_archive(opt->compare_with, out, &dl);
	return finish_result(st, &dl, out);
}

/* Writes the PDF atomically and durably (sys_write_atomic, SYS_SYNC): a
 * render is one file a user waits for, on disk once the call returns. */
static int write_atomically(const char *path, const unsigned char *data, size_t size, diag_list *dl)
{
	if (sys_write_atomic(path, data, size, SYS_SYNC) == 0)
		return 0;
	diag_add(dl, D_IO_WRITE, 0, 0, path, sys_strerror(errno));
	return -1;
}

delib_status delib_render_file(delib_ctx *ctx, const char *in_path, const char *out_path, const delib_options *opt,
                               delib_result *out)
{
	delib_options o = opt ? *opt : (delib_options){0};
	if (!o.source_name)
		o.source_name = in_path;
	o.want_pdf = out_path != NULL;
	memset(out, 0, sizeof *out);
	diag_list dl = {.file = o.source_name};
	const char *refusal = out_path ? sys_output_refusal(out_path, in_path) : NULL;
	if (refusal) {
		diag_add(&dl, D_IO_OUTPUT, 0, 0, out_path, refusal);
		move_diags(&dl, out);
		return DELIB_USAGE;
	}
	char *data;
	size_t size;
	int rr = read_file(in_path, &data, &size, &dl);
	if (rr != 0) {
		move_diags(&dl, out);
		return rr == -2 ? DELIB_INVALID : DELIB_INTERNAL;  /* -2: larger than the limit */
	}
	delib_status st = delib_render_memory(ctx, data, size, &o, out);
	free(data);
	if (st == DELIB_OK && out_path) {
		dl.file = o.source_name;
		if (write_atomically(out_path, out->pdf, out->pdf_size, &dl) != 0) {
			/* Append the I/O diagnostic to the result's list. */
			int n = out->ndiags + dl.n;
			delib_diag *items = realloc(out->diags, sizeof *items * (size_t)n);
			if (items) {
				memcpy(items + out->ndiags, dl.items, sizeof *items * (size_t)dl.n);
				out->diags = items;
				out->ndiags = n;
				out->worst = DELIB_ERROR;
				free(dl.items);
			} else {
				diag_list_free(&dl);
			}
			return DELIB_INTERNAL;
		}
	}
	diag_list_free(&dl);
	return st;
}

/* a/b into out; -1 when it does not fit (the path is then not used). */
static int path_join(char *out, size_t cap, const char *a, const char *b)
{
	int n = snprintf(out, cap, "%s/%s", a, b);
	return n >= 0 && (size_t)n < cap ? 0 : -1;
}

static int compare_templates(const void *a, const void *b)
{
	return strcmp(((const delib_template_info *)a)->name, ((const delib_template_info *)b)->name);
}

/* The description of templates/NAME/template.xml, read safely. */
static char *template_description(const char *dir)
{
	char path[4096];
	if (path_join(path, sizeof path, dir, "template.xml") != 0)
		return strdup("");
	char *data;
	size_t size;
	diag_list dl = {0};
	char *desc = NULL;
	if (read_file(path, &data, &size, &dl) == 0) {
		xmlDocPtr doc = parse_xml(data, size, path, &dl);
		xmlChar *d = doc ? xmlGetProp(xmlDocGetRootElement(doc), (const xmlChar *)"description") : NULL;
		desc = strdup(d ? (const char *)d : "");
		xmlFree(d);
		xmlFreeDoc(doc);
		free(data);
	}
	diag_list_free(&dl);
	return desc ? desc : strdup("");
}

int delib_templates(delib_ctx *ctx, delib_template_info **out)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/templates", ctx->data_dir);
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int n = 0, cap = 0;
	delib_template_info *list = NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		char folder[4096], sheet[4096], identity[4096];
		if (!transform_name_ok(e->d_name) || path_join(folder, sizeof folder, dir, e->d_name) != 0 ||
		    path_join(sheet, sizeof sheet, folder, SHEET_DELIBERATION) != 0 ||
		    path_join(identity, sizeof identity, folder, TRANSFORM_IDENTITY) != 0 ||
		    (access(sheet, R_OK) != 0 && access(identity, R_OK) != 0))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			delib_template_info *grown = realloc(list, sizeof *list * (size_t)cap);
			if (!grown)
				break;
			list = grown;
		}
		list[n].name = strdup(e->d_name);
		list[n].description = template_description(folder);
		n++;
	}
	closedir(d);
	if (n)
		qsort(list, (size_t)n, sizeof *list, compare_templates);
	*out = list;
	return n;
}

void delib_templates_free(delib_template_info *list, int n)
{
	for (int i = 0; list && i < n; i++) {
		free(list[i].name);
		free(list[i].description);
	}
	free(list);
}

static void free_entries(liste_entry *entries, int n)
{
	for (int i = 0; i < n; i++)
		xmlFreeDoc(entries[i].doc);
	free(entries);
}

/* Reads and validates every deliberation of the list; -1 if one is invalid. */
static int load_entries(delib_ctx *ctx, const char *const *paths, int n, diag_list *dl, liste_entry *entries)
{
	int failed = 0;
	for (int i = 0; i < n; i++) {
		char *data;
		size_t size;
		int draft;
		const char *saved = dl->file;
		dl->file = paths[i];
		xmlDocPtr doc = NULL;
		if (read_file(paths[i], &data, &size, dl) == 0) {
			doc = load_deliberation(ctx, data, size, paths[i], 0, dl, &draft);
			free(data);
		}
		dl->file = saved;
		if (!doc) {
			failed = 1;
			continue;
		}
		entries[i].doc = doc;
		entries[i].name = paths[i];
		entries[i].numero = (const char *)xmlHasProp(xmlDocGetRootElement(doc), (const xmlChar *)"numero")->children->content;
	}
	return failed ? -1 : 0;
}

/* What a document made from the files of one séance (its list, its
 * convocation) takes: how the files are checked together and turned into
 * the document its template reads. */
typedef struct seance_doc_kind {
	const char *name;                                  /* for diagnostics without a file */
	int (*check)(liste_entry *entries, int n, diag_list *dl);
	xmlDocPtr (*document)(const liste_entry *entries, int n);
	const char *sheet;
} seance_doc_kind;

/* The séance document of entries already loaded and valid one by one:
 * checked together, built, rendered, written to out_path when not NULL. */
static delib_status render_entries(delib_ctx *ctx, liste_entry *entries, int n, const char *out_path,
                                   const delib_options *o, const seance_doc_kind *kind, double deadline,
                                   diag_list *dl, delib_result *out)
{
	if (kind->check(entries, n, dl) != 0)
		return DELIB_INVALID;
	xmlDocPtr doc = kind->document(entries, n);
	if (!doc) {
		diag_add(dl, D_NOMEM, 0, 0);
		return DELIB_INTERNAL;
	}
	delib_status st = transform_and_render(ctx, doc, kind->sheet, 0, o, deadline, dl, out);
	xmlFreeDoc(doc);
	if (st == DELIB_OK && out_path && write_atomically(out_path, out->pdf, out->pdf_size, dl) != 0)
		st = DELIB_INTERNAL;
	return st;
}

static delib_status render_seance_doc(delib_ctx *ctx, const char *const *paths, int npaths, const char *out_path,
                                      const delib_options *opt, const seance_doc_kind *kind, delib_result *out)
{
	delib_options o = opt ? *opt : (delib_options){0};
	o.want_pdf = o.want_pdf || out_path != NULL;
	double deadline = o.time_limit_ms ? monotonic_ms() + o.time_limit_ms : 0;
	memset(out, 0, sizeof *out);
	diag_list dl = {.file = out_path ? out_path : kind->name};
	delib_status st = DELIB_INVALID;
	const char *refusal = NULL;
	for (int i = 0; out_path && i < npaths && !refusal; i++)
		refusal = sys_output_refusal(out_path, paths[i]);
	if (!refusal && out_path && npaths <= 0)
		refusal = sys_output_refusal(out_path, NULL);
	if (refusal) {
		diag_add(&dl, D_IO_OUTPUT, 0, 0, out_path, refusal);
		return finish_result(DELIB_USAGE, &dl, out);
	}
	liste_entry *entries = calloc((size_t)(npaths > 0 ? npaths : 1), sizeof *entries);
	if (npaths <= 0) {
		diag_add(&dl, D_LISTE_EMPTY, 0, 0);
		st = DELIB_USAGE;
	} else if (!entries) {
		diag_add(&dl, D_NOMEM, 0, 0);
		st = DELIB_INTERNAL;
	} else if (load_entries(ctx, paths, npaths, &dl, entries) == 0) {
		st = render_entries(ctx, entries, npaths, out_path, &o, kind, deadline, &dl, out);
	}
	if (entries)
		free_entries(entries, npaths);
	return finish_result(st, &dl, out);
}

static int is_projet(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "deliberation") == 0 && n->ns &&
	       strcmp((const char *)n->ns->href, NS_DELIBERATION) == 0;
}

/* A body that holds the deliberations of one séance: <projets> for a
 * convocation, <deliberations> for a list. */
typedef struct seance_body {
	const char *root;    /* its root element, in the domain namespace */
	const char *label;   /* "le projet", before "de la ligne N" */
	int empty, many;     /* diag ids: no deliberation, too many */
} seance_body;

static const seance_body PROJETS = {"projets", "le projet", D_PROJETS_EMPTY, D_PROJETS_MANY};
static const seance_body DELIBERATIONS = {"deliberations", "la délibération", D_LISTE_EMPTY,
                                          D_LISTE_MANY};

/* What the root holds besides deliberations, reported as the schema would:
 * it is not validated as a whole, since each deliberation declares its
 * members' xs:ID and the same ids come back in every one. Returns the
 * count. */
static int stray_content(xmlNodePtr root, srcpos *pos, diag_list *dl)
{
	const char *rn = (const char *)root->name;
	int errors = 0;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		int line = (int)xmlGetLineNo(c), col = 0;
		char what[200];
		if (c->type == XML_ELEMENT_NODE && !is_projet(c)) {
			srcpos_find(pos, c, NULL, &line, &col);
			snprintf(what, sizeof what, "élément « %.80s » inattendu : « %s » ne contient que des éléments "
			         "« deliberation »", (const char *)c->name, rn);
		} else if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c)) {
			snprintf(what, sizeof what, "texte inattendu : « %s » ne contient que des éléments « deliberation »", rn);
		} else {
			continue;
		}
		diag_add(dl, D_XML_SCHEMA, line, col, what);
		errors++;
	}
	return errors;
}

/* The deliberations of the body's root, counted within bounds: their
 * number, or -1 (reported at the root, or at what is not a deliberation). */
static int count_projets(xmlNodePtr root, const seance_body *kind, srcpos *pos, diag_list *dl)
{
	int n = 0;
	for (xmlNodePtr c = root->children; c; c = c->next)
		n += is_projet(c);
	int line, col;
	srcpos_find(pos, root, NULL, &line, &col);
	if (n == 0)
		diag_add(dl, kind->empty, line, col);
	else if (n > DELIB_MAX_PROJETS)
		diag_add(dl, kind->many, line, col, n, DELIB_MAX_PROJETS);
	if (n == 0 || n > DELIB_MAX_PROJETS)
		return -1;
	return stray_content(root, pos, dl) ? -1 : n;
}

/* One projet of the body, copied into its own document (the copy keeps
 * libxml2's lines; columns come from the whole text's index) and checked
 * against the schema and the law's rules as a projet file is. NULL when
 * it breaks one. */
static xmlDocPtr split_projet(delib_ctx *ctx, xmlNodePtr projet, srcpos *whole, diag_list *dl)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr copy = doc ? xmlDocCopyNode(projet, doc, 1) : NULL;
	srcpos *part = copy ? srcpos_new_part(whole, projet, doc) : NULL;
	if (!part) {
		xmlFreeNode(copy);
		xmlFreeDoc(doc);
		diag_add(dl, D_NOMEM, 0, 0);
		return NULL;
	}
	xmlDocSetRootElement(doc, copy);
	int invalid = check_deliberation(ctx, doc, part, is_draft(doc), dl) != 0;
	srcpos_free(part);
	if (invalid) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* The entries of a <projets> or <deliberations> body: parsed once, its
 * root and its content checked, then each deliberation split off and
 * checked. The number of entries, or -1 when anything is invalid
 * (*entries is then freed). */
static int load_projets(delib_ctx *ctx, const char *xml, size_t size, const seance_body *kind, diag_list *dl,
                        liste_entry **entries)
{
	*entries = NULL;
	xmlDocPtr whole = parse_xml(xml, size, dl->file, dl);
	if (!whole)
		return -1;
	srcpos *pos = srcpos_new(xml, size, whole);
	xmlNodePtr root = xmlDocGetRootElement(whole);
	int n = parse_check_root_at(whole, pos, kind->root, NS_DELIBERATION, dl) == 0 ? count_projets(root, kind, pos, dl)
	                                                                               : -1;
	if (n > 0 && !(*entries = calloc((size_t)n, sizeof **entries))) {
		diag_add(dl, D_NOMEM, 0, 0);
		n = -1;
	}
	int i = 0, failed = 0;
	for (xmlNodePtr c = n > 0 ? root->children : NULL; c; c = c->next) {
		if (!is_projet(c) || i == n)
			continue;
		liste_entry *e = &(*entries)[i++];
		int line, col;
		srcpos_find(pos, c, NULL, &line, &col);
		snprintf(e->label, sizeof e->label, "%s de la ligne %d", kind->label, line);
		e->name = dl->file;
		if (!(e->doc = split_projet(ctx, c, pos, dl)))
			failed = 1;
		else
			e->numero = dom_attr(xmlDocGetRootElement(e->doc), "numero");
	}
	srcpos_free(pos);
	xmlFreeDoc(whole);
	if (failed) {
		free_entries(*entries, n);
		*entries = NULL;
		n = -1;
	}
	return n;
}

static const seance_doc_kind LIST = {"<liste>", liste_check, liste_document, SHEET_LIST};

delib_status delib_render_list(delib_ctx *ctx, const char *const *paths, int npaths, const char *out_path,
                               const delib_options *opt, delib_result *out)
{
	return render_seance_doc(ctx, paths, npaths, out_path, opt, &LIST, out);
}

static const seance_doc_kind CONVOCATION = {"<convocation>", convocation_check, convocation_document,
                                            SHEET_CONVOCATION};

delib_status delib_render_convocation(delib_ctx *ctx, const char *const *paths, int npaths, const char *out_path,
                                      const delib_options *opt, delib_result *out)
{
	return render_seance_doc(ctx, paths, npaths, out_path, opt, &CONVOCATION, out);
}

/* A séance document from one body in memory (see delib.h). */
static delib_status render_seance_memory(delib_ctx *ctx, const char *xml, size_t size, const delib_options *opt,
                                         const seance_body *body, const seance_doc_kind *kind, delib_result *out)
{
	delib_options o = opt ? *opt : (delib_options){0};
	double deadline = o.time_limit_ms ? monotonic_ms() + o.time_limit_ms : 0;
	memset(out, 0, sizeof *out);
	diag_list dl = {.file = o.source_name ? o.source_name : "<entrée>"};
	liste_entry *entries;
	int n = load_projets(ctx, xml, size, body, &dl, &entries);
	delib_status st = DELIB_INVALID;
	if (n > 0) {
		st = render_entries(ctx, entries, n, NULL, &o, kind, deadline, &dl, out);
		free_entries(entries, n);
	}
	if (st == DELIB_OK && diag_has_error(&dl))
		st = DELIB_INVALID;
	return finish_result(st, &dl, out);
}

delib_status delib_render_convocation_memory(delib_ctx *ctx, const char *xml, size_t size, const delib_options *opt,
                                             delib_result *out)
{
	return render_seance_memory(ctx, xml, size, opt, &PROJETS, &CONVOCATION, out);
}

delib_status delib_render_list_memory(delib_ctx *ctx, const char *xml, size_t size, const delib_options *opt,
                                      delib_result *out)
{
	return render_seance_memory(ctx, xml, size, opt, &DELIBERATIONS, &LIST, out);
}
