/* SPDX-License-Identifier: Apache-2.0 */
/* delib templates --check NAME: a template tried on reference documents
 * without writing anything. Each document renders to a PDF in memory with
 * the template (the extract, final and as a draft; the list from each
 * voted deliberation; the convocation from each projet), and what the
 * template causes is printed once, however many documents show it: the
 * diagnostics whose file is not the document's. A document that is itself
 * invalid (a case of the wording corpus made to fail) says nothing of the
 * template and is skipped. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "sys.h"

#define MAX_SEEN 200

typedef struct check_state {
	char *seen[MAX_SEEN];  /* diagnostics printed: "file:line:id:message without its digits" */
	int nseen;
	int errors, warnings, documents, skipped;
} check_state;

/* Prints the template's diagnostics of r not printed yet. */
static void report(check_state *cs, const delib_result *r, const char *document)
{
	for (int i = 0; i < r->ndiags; i++) {
		const delib_diag *d = &r->diags[i];
		if (!d->file || strcmp(d->file, document) == 0 || d->severity == DELIB_NOTE)
			continue;
		/* One cause, one place: its file, line, id and message, but for
		 * the figures (the message may count what differs from one
		 * document to the next); two causes at one line stay two. */
		char key[1600], line[2048];
		int n = snprintf(key, sizeof key, "%s:%d:%s:", d->file, d->line, d->id);
		for (const char *c = d->message; c && *c && n > 0 && (size_t)n + 1 < sizeof key; c++)
			if (*c < '0' || *c > '9')
				key[n++] = *c;
		key[n < (int)sizeof key ? n : (int)sizeof key - 1] = 0;
		int k = 0;
		while (k < cs->nseen && strcmp(cs->seen[k], key) != 0)
			k++;
		if (k < cs->nseen)
			continue;
		if (cs->nseen < MAX_SEEN)
			cs->seen[cs->nseen++] = strdup(key);
		delib_diag_format(d, line, sizeof line);
		fprintf(stderr, "%s\n", line);
		cs->errors += d->severity == DELIB_ERROR;
		cs->warnings += d->severity == DELIB_WARNING;
	}
}

/* Whether the document alone is at fault (an error of its own file). */
static int document_invalid(const delib_result *r, const char *document)
{
	for (int i = 0; i < r->ndiags; i++)
		if (r->diags[i].severity == DELIB_ERROR && r->diags[i].file && strcmp(r->diags[i].file, document) == 0)
			return 1;
	return 0;
}

static int is_projet(const char *xml)
{
	return strstr(xml, "statut=\"projet\"") != NULL;
}

/* One document through every part of the template it can go through. */
static void check_document(delib_ctx *ctx, check_state *cs, const char *name, const char *path)
{
	char *xml;
	size_t size;
	if (sys_read_file(path, DELIB_MAX_INPUT, &xml, &size) != 0) {
		fprintf(stderr, "delib templates : « %s » illisible ; ignoré\n", path);
		return;
	}
	const char *paths[] = {path};
	int projet = is_projet(xml);
	for (int draft = 0; draft <= 1; draft++) {
		delib_options opt = {.source_name = path, .template_name = name, .want_pdf = 1, .draft = draft,
		                     .memory_limit = CLI_MEMORY_LIMIT};
		delib_result r;
		delib_render_memory(ctx, xml, size, &opt, &r);
		if (document_invalid(&r, path)) {
			cs->skipped += !draft;
			delib_result_free(&r);
			break;
		}
		cs->documents += !draft;
		report(cs, &r, path);
		delib_result_free(&r);
		if (draft)
			continue;
		opt.source_name = NULL;
		if (projet)
			delib_render_convocation(ctx, paths, 1, NULL, &opt, &r);
		else
			delib_render_list(ctx, paths, 1, NULL, &opt, &r);
		report(cs, &r, path);
		delib_result_free(&r);
	}
	free(xml);
}

static int compare_strings(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The .xml files of dir, sorted (the order of the report). */
static int xml_files(const char *dir, char ***out)
{
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		if (n == cap) {
			char **grown = realloc(*out, sizeof **out * (size_t)(cap = cap ? 2 * cap : 32));
			if (!grown)
				break;
			*out = grown;
		}
		char *p = malloc(strlen(dir) + len + 2);
		if (p)
			sprintf(p, "%s/%s", dir, e->d_name);
		(*out)[n] = p;
		n += p != NULL;
	}
	closedir(d);
	if (n)
		qsort(*out, (size_t)n, sizeof **out, compare_strings);
	return n;
}

static void check_folder(delib_ctx *ctx, check_state *cs, const char *name, const char *dir)
{
	char **files;
	int n = xml_files(dir, &files);
	for (int i = 0; i < n; i++) {
		check_document(ctx, cs, name, files[i]);
		free(files[i]);
	}
	free(files);
}

static int template_exists(delib_ctx *ctx, const char *name)
{
	delib_template_info *list;
	int n = delib_templates(ctx, &list), found = 0;
	for (int i = 0; i < n && !found; i++)
		found = strcmp(list[i].name, name) == 0;
	delib_templates_free(list, n);
	return found;
}

int templates_check(const char *name, char **files, int nfiles)
{
	delib_ctx *ctx = cli_ctx_new();
	if (!ctx)
		return DELIB_INTERNAL;
	if (!template_exists(ctx, name)) {
		delib_ctx_free(ctx);
		return cli_usage_error("templates", "modèle « %s » introuvable dans le dossier des modèles (voir delib "
		                       "templates)", name);
	}
	check_state cs = {0};
	for (int i = 0; i < nfiles; i++)
		check_document(ctx, &cs, name, files[i]);
	if (nfiles == 0) {
		/* The reference documents of the data folder: the samples and the
		 * wording corpus, installed under samples/ (cmake/install.cmake),
		 * or where the source tree keeps them. */
		static const char *const folders[] = {"samples", "samples/wording", "tests/corpus/wording"};
		char data[4096], dir[4200];
		delib_default_data_dir(data, sizeof data);
		for (size_t i = 0; i < sizeof folders / sizeof *folders; i++) {
			snprintf(dir, sizeof dir, "%s/%s", data, folders[i]);
			check_folder(ctx, &cs, name, dir);
		}
	}
	delib_ctx_free(ctx);
	for (int i = 0; i < cs.nseen; i++)
		free(cs.seen[i]);
	if (cs.documents == 0) {
		fprintf(stderr, "delib templates : aucun document à essayer ; donnez-en (delib templates --check %s "
		        "FICHIER.xml…)\n", name);
		return DELIB_USAGE;
	}
	printf("modèle « %s » : %d document%s essayé%s, %d erreur%s, %d avertissement%s\n", name, cs.documents,
	       cs.documents > 1 ? "s" : "", cs.documents > 1 ? "s" : "", cs.errors, cs.errors > 1 ? "s" : "",
	       cs.warnings, cs.warnings > 1 ? "s" : "");
	return cs.errors ? DELIB_INVALID : DELIB_OK;
}
