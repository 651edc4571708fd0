/*
 * delib-layout-dump — lays out one case of the golden layout corpus
 * (tests/corpus/layout/README.md) and prints the text dump of its pages,
 * the one `delib render --dump-layout` writes (src/page/dump.c).
 *
 *   delib-layout-dump [-d DIAGFILE] CASE.xml
 *
 * CASE.xml is a document of the layout vocabulary (schema/layout.xsd),
 * checked against the schema first; its images resolve in its own folder.
 * The dump goes to stdout; the layout's diagnostics, one per line as the
 * CLI prints them (`CASE.xml:line:col: severity: message [id]`), go to
 * DIAGFILE (created, empty when there are none), else to stderr.
 * Exit status: 0 laid out (diagnostics or not), 1 the case cannot be laid
 * out (not well-formed, not valid, layout failed), 2 usage or I/O error.
 * Fonts, hyphenation and the schema come from DELIB_DATADIR (else the
 * source folder), as for the unit tests (tests/unit/layout_fixture.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "delib.h"
#include "dump.h"
#include "layout_fixture.h"

/* The whole file in a malloc'd buffer, or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *s = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n + 4096 > cap) {
			char *t = realloc(s, cap = (cap + 4096) * 2);
			if (!t)
				break;
			s = t;
		}
		size_t got = fread(s + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f) || !s;
	fclose(f);
	if (bad) {
		free(s);
		return NULL;
	}
	*len = n;
	return s;
}

static int write_diags(const diag_list *dl, FILE *out)
{
	for (int i = 0; i < dl->n; i++) {
		char line[2048];
		delib_diag_format(&dl->items[i], line, sizeof line);
		fprintf(out, "%s\n", line);
	}
	return ferror(out) ? -1 : 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: delib-layout-dump [-d DIAGFILE] CASE.xml\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *diag_path = NULL, *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			diag_path = argv[++i];
		else if (argv[i][0] == '-' || path)
			return usage();
		else
			path = argv[i];
	}
	if (!path)
		return usage();

	/* Diagnostics name the case by its file name; images resolve beside it. */
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char dir[4096];
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");

	size_t len = 0;
	char *xml = slurp(path, &len);
	if (!xml) {
		fprintf(stderr, "delib-layout-dump: cannot read %s\n", path);
		return 2;
	}
	if (fixture_load() != 0) {
		free(xml);
		return 2;
	}
	int status = 0;
	run r;
	if (lay_out_doc(&r, xml, len, name, dir) != 0) {
		status = 1;
	} else {
		char *d = dump_pages(&r.pages, S.fonts);
		FILE *df = diag_path ? fopen(diag_path, "w") : stderr;
		if (!d || !df || fputs(d, stdout) == EOF || fflush(stdout) != 0 || write_diags(&r.diags, df) != 0) {
			fprintf(stderr, "delib-layout-dump: cannot write the dump or the diagnostics of %s\n", path);
			status = 2;
		}
		if (df && df != stderr && fclose(df) != 0)
			status = 2;
		free(d);
	}
	run_free(&r);
	fixture_unload();
	free(xml);
	return status;
}
