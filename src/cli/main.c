/* SPDX-License-Identifier: Apache-2.0 */
/* delib: the command-line front end. A thin caller of libdelib. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "sys.h"

static const char usage_text[] =
	"Usage :\n"
	"  delib render ENTRÉE.xml -o SORTIE.pdf [--template NOM] [--draft] [--dump-layout FICHIER]\n"
	"               (« - » pour ENTRÉE : l'entrée standard ; -o - : la sortie standard)\n"
	"               [--signature-tag] [--compare-with ARCHIVE.pdf]\n"
	"  delib validate ENTRÉE.xml [--format text|json]\n"
	"  delib templates                (liste des modèles : nom et description)\n"
	"  delib liste DOSSIER -o LISTE.pdf [--template NOM]   (liste des délibérations d'une séance)\n"
	"  delib convocation DOSSIER -o CONVOCATION.pdf [--template NOM]   (convocation et ordre du jour, des projets d'une séance)\n"
	"  delib batch DOSSIER -o DOSSIER_SORTIE [-j N] [--shard I/N] [--report FICHIER.json] [--force] [--template NOM]\n"
	"  delib serve [--listen HÔTE:PORT] [--threads N] [--max-body OCTETS] [--render-timeout MS]\n"
	"  delib --version\n"
	"\n"
	"Option commune : --data-dir DOSSIER, le dossier des données (schema/, templates/, fonts/) ;\n"
	"  par défaut $DELIB_DATADIR, sinon share/delib à côté de l'exécutable installé.\n"
	"\n"
	"Codes de retour : 0 fait, 1 entrée invalide, 2 mauvais usage, 3 erreur interne ou d'entrée-sortie.\n";

static void usage(FILE *f) { fputs(usage_text, f); }

/* JSON made by a formatter with snprintf's contract (sized by a first
 * call with cap 0), written to f; "null" when out of memory. */
typedef size_t (*json_format)(const void *what, char *buf, size_t cap);

static void put_json(FILE *f, json_format format, const void *what)
{
	size_t n = format(what, NULL, 0);
	char *json = malloc(n + 1);
	if (json)
		format(what, json, n + 1);
	fputs(json ? json : "null", f);
	free(json);
}

static size_t format_string(const void *s, char *buf, size_t cap) { return json_quote(s, buf, cap); }
static size_t format_diag(const void *d, char *buf, size_t cap) { return delib_diag_format_json(d, buf, cap); }

void cli_json_string(FILE *f, const char *s) { put_json(f, format_string, s); }
void cli_json_diag(FILE *f, const delib_diag *d) { put_json(f, format_diag, d); }

void cli_print_diags(FILE *out, const delib_result *r, int json)
{
	if (json) {
		fprintf(out, "[");
		for (int i = 0; i < r->ndiags; i++) {
			fprintf(out, "%s\n  ", i ? "," : "");
			cli_json_diag(out, &r->diags[i]);
		}
		fprintf(out, "%s]\n", r->ndiags ? "\n" : "");
		return;
	}
	for (int i = 0; i < r->ndiags; i++) {
		char buf[2048];
		delib_diag_format(&r->diags[i], buf, sizeof buf);
		fprintf(out, "%s\n", buf);
	}
}

static int write_text(const char *path, const char *text)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	if (!f)
		return -1;
	fputs(text ? text : "", f);
	return f == stdout ? 0 : fclose(f);
}

typedef struct cli {
	const char *command, *input, *output, *dump, *format;
	delib_options opt;
} cli;

static int parse_args(int argc, char **argv, cli *c)
{
	static const struct option longs[] = {
		{"output", required_argument, 0, 'o'}, {"template", required_argument, 0, 't'},
		{"draft", no_argument, 0, 'd'},        {"dump-layout", required_argument, 0, 'L'},
		{"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'},
		{"compare-with", required_argument, 0, 'C'}, {"signature-tag", no_argument, 0, 'S'},
		{0, 0, 0, 0}};
	memset(c, 0, sizeof *c);
	c->format = "text";
	c->opt.memory_limit = CLI_MEMORY_LIMIT;
	c->command = argv[0];
	optind = 1;
	int ch;
	while ((ch = getopt_long(argc, argv, "o:t:dL:f:hC:S", longs, NULL)) != -1) {
		switch (ch) {
		case 'o': c->output = optarg; break;
		case 't': c->opt.template_name = optarg; break;
		case 'd': c->opt.draft = 1; break;
		case 'L': c->dump = optarg; break;
		case 'f': c->format = optarg; break;
		case 'C': c->opt.compare_with = optarg; break;
		case 'S': c->opt.signature_tag = 1; break;
		case 'h': usage(stdout); exit(0);
		default: return -1;
		}
	}
	if (optind != argc - 1)
		return -1;
	c->input = argv[optind];
	if (strcmp(c->format, "text") != 0 && strcmp(c->format, "json") != 0)
		return -1;
	return 0;
}

delib_ctx *cli_ctx_new(void)
{
	char err[512];
	delib_ctx *ctx = delib_ctx_new(NULL, err, sizeof err);
	if (!ctx)
		fprintf(stderr, "delib: %s\n", err);
	return ctx;
}

static int is_stdio(const char *path) { return path && strcmp(path, "-") == 0; }

/* A render whose input or output is "-", standard input or output: through
 * memory, as the library's file call takes paths (and checks them). */
static delib_status render_streams(delib_ctx *ctx, cli *c, int validate, delib_result *r)
{
	memset(r, 0, sizeof *r);
	if (!validate && is_stdio(c->output) && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "delib: -o - écrirait le PDF sur le terminal ; redirigez la sortie "
		                "(delib render ... -o - > fichier.pdf)\n");
		return DELIB_USAGE;
	}
	const char *refusal = !validate && c->output && !is_stdio(c->output) ? sys_output_refusal(c->output, NULL) : NULL;
	if (refusal) {
		fprintf(stderr, "delib: sortie « %s » refusée : %s ; rien n'a été écrit [io.output]\n", c->output, refusal);
		return DELIB_USAGE;
	}
	const char *in = is_stdio(c->input) ? "/dev/stdin" : c->input;
	char *xml;
	size_t size;
	if (sys_read_file(in, DELIB_MAX_INPUT, &xml, &size) == -1) {
		fprintf(stderr, "delib: lecture impossible de %s : %s\n", is_stdio(c->input) ? "l'entrée standard" : c->input,
		        sys_strerror(errno));
		return DELIB_INTERNAL;
	}
	if (!c->opt.source_name)
		c->opt.source_name = is_stdio(c->input) ? "<entrée standard>" : c->input;
	c->opt.want_pdf = !validate && c->output;
	/* More than DELIB_MAX_INPUT bytes read: the library says xml.limit. */
	delib_status st = delib_render_memory(ctx, xml, size, &c->opt, r);
	free(xml);
	if (st != DELIB_OK || !c->opt.want_pdf)
		return st;
	if (!is_stdio(c->output)) {  /* standard input to a file, written as the library would */
		if (sys_write_atomic(c->output, r->pdf, r->pdf_size, SYS_SYNC) != 0) {
			fprintf(stderr, "delib: écriture impossible de %s : %s ; aucun fichier n'a été modifié\n", c->output,
			        sys_strerror(errno));
			return DELIB_INTERNAL;
		}
	} else if (fwrite(r->pdf, 1, r->pdf_size, stdout) != r->pdf_size || fflush(stdout) != 0) {
		fprintf(stderr, "delib: écriture impossible sur la sortie standard : %s\n", sys_strerror(errno));
		return DELIB_INTERNAL;
	}
	return st;
}

static int run_one(cli *c, int validate)
{
	delib_ctx *ctx = cli_ctx_new();
	if (!ctx)
		return DELIB_INTERNAL;
	c->opt.want_layout_dump = c->dump != NULL;
	delib_result r;
	int streams = is_stdio(c->input) || (!validate && is_stdio(c->output));
	delib_status st = streams ? render_streams(ctx, c, validate, &r)
	                          : delib_render_file(ctx, c->input, validate ? NULL : c->output, &c->opt, &r);
	int json = validate && strcmp(c->format, "json") == 0;
	cli_print_diags(json ? stdout : stderr, &r, json);
	if (r.layout_dump && c->dump && write_text(c->dump, r.layout_dump) != 0) {
		fprintf(stderr, "delib: écriture impossible de %s\n", c->dump);
		st = DELIB_INTERNAL;
	}
	delib_result_free(&r);
	delib_ctx_free(ctx);
	return (int)st;
}

int cmd_render(int argc, char **argv)
{
	cli c;
	if (parse_args(argc, argv, &c) != 0 || (!c.output && !c.dump)) {
		usage(stderr);
		return DELIB_USAGE;
	}
	return run_one(&c, 0);
}

int cmd_validate(int argc, char **argv)
{
	cli c;
	if (parse_args(argc, argv, &c) != 0) {
		usage(stderr);
		return DELIB_USAGE;
	}
	return run_one(&c, 1);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.xml files of a folder (not recursive), sorted; NULL on error. */
static char **xml_files(const char *dir, int *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **list = NULL;
	int cap = 0;
	*n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char **grown = realloc(list, sizeof *list * (size_t)cap);
			if (!grown)
				break;
			list = grown;
		}
		size_t size = strlen(dir) + len + 2;
		list[*n] = malloc(size);
		if (list[*n])
			snprintf(list[(*n)++], size, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(list, (size_t)*n, sizeof *list, compare_strings);
	return list ? list : calloc(1, sizeof *list);
}

typedef delib_status (*folder_render)(delib_ctx *, const char *const *, int, const char *, const delib_options *,
                                      delib_result *);

/* delib liste|convocation DOSSIER -o OUT.pdf: one PDF from a folder's files. */
static int render_folder(int argc, char **argv, folder_render render)
{
	cli c;
	if (parse_args(argc, argv, &c) != 0 || !c.output) {
		usage(stderr);
		return DELIB_USAGE;
	}
	int n = 0;
	char **files = xml_files(c.input, &n);
	if (!files) {
		fprintf(stderr, "delib: dossier illisible : %s\n", c.input);
		return DELIB_INTERNAL;
	}
	delib_ctx *ctx = cli_ctx_new();
	int st = DELIB_INTERNAL;
	if (ctx) {
		delib_result r;
		st = render(ctx, (const char *const *)files, n, c.output, &c.opt, &r);
		cli_print_diags(stderr, &r, 0);
		delib_result_free(&r);
		delib_ctx_free(ctx);
	}
	for (int i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return st;
}

/* delib liste DOSSIER -o liste.pdf: the list of a séance's deliberations. */
static int cmd_liste(int argc, char **argv)
{
	return render_folder(argc, argv, delib_render_list);
}

/* delib convocation DOSSIER -o convocation.pdf: the convocation of a
 * séance, from the projets of its affairs. */
static int cmd_convocation(int argc, char **argv)
{
	return render_folder(argc, argv, delib_render_convocation);
}

/* delib templates: one template per line, its name and description. */
static int cmd_templates(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		usage(stderr);
		return DELIB_USAGE;
	}
	delib_ctx *ctx = cli_ctx_new();
	if (!ctx)
		return DELIB_INTERNAL;
	delib_template_info *list;
	int n = delib_templates(ctx, &list);
	for (int i = 0; i < n; i++)
		printf("%s\t%s\n", list[i].name, list[i].description);
	delib_templates_free(list, n);
	delib_ctx_free(ctx);
	if (n < 0) {
		fprintf(stderr, "delib: dossier des modèles illisible\n");
		return DELIB_INTERNAL;
	}
	return DELIB_OK;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{"templates", cmd_templates},
	{"liste", cmd_liste},
	{"convocation", cmd_convocation},
	{"render", cmd_render},
	{"validate", cmd_validate},
	{"batch", cmd_batch},
	{"serve", cmd_serve},
};

/* --data-dir DIR (or --data-dir=DIR), anywhere before "--", for every
 * command: taken out of argv and passed on as DELIB_DATADIR, which
 * libdelib (delib_default_data_dir) and the service's workers read.
 * Returns the new argc, or -1 when the folder is missing. */
static int take_data_dir(int argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *dir = NULL;
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--data-dir") == 0) {
			if (i + 1 == argc)
				return -1;
			dir = argv[++i];
		} else if (strncmp(argv[i], "--data-dir=", 11) == 0) {
			dir = argv[i] + 11;
		}
		if (!dir) {
			argv[out++] = argv[i];
			continue;
		}
		if (!*dir || setenv("DELIB_DATADIR", dir, 1) != 0)
			return -1;
	}
	argv[out] = NULL;
	return out;
}

const char *cli_data_dir(void)
{
	static char dir[4096];
	if (!dir[0] && !delib_default_data_dir(dir, sizeof dir))
		snprintf(dir, sizeof dir, ".");
	return dir;
}

#ifndef DELIB_WITH_SERVE
/* Built with -DDELIB_SERVE=OFF (no libmicrohttpd): the command is known but absent. */
int cmd_serve(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "delib: la commande « serve » n'est pas construite dans cet exécutable "
	                "(reconstruire avec libmicrohttpd et -DDELIB_SERVE=ON)\n");
	return DELIB_USAGE;
}
#endif

int main(int argc, char **argv)
{
	argc = take_data_dir(argc, argv);
	if (argc < 0) {
		fprintf(stderr, "delib: --data-dir attend un dossier\n");
		usage(stderr);
		return DELIB_USAGE;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("delib %s\n", DELIB_VERSION);
		return 0;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; argc >= 2 && i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	usage(stderr);
	return DELIB_USAGE;
}
