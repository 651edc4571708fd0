/* SPDX-License-Identifier: Apache-2.0 */
/* delib: the command-line front end. A thin caller of libdelib. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef DELIB_WITH_SERVE
#include <microhttpd.h>
#endif
#include "cli.h"
#include "sys.h"

static const char usage_text[] =
	"Usage : delib [--data-dir DOSSIER] COMMANDE [OPTION…] [ARGUMENT…]\n"
	"\n"
	"Les commandes :\n"
	"  render        rendre une délibération en PDF/A\n"
	"  validate      valider une délibération sans la rendre\n"
	"  templates     lister les modèles (nom et description) ; --check NOM : essayer un modèle\n"
	"  liste         rendre la liste des délibérations d'une séance\n"
	"  convocation   rendre la convocation et l'ordre du jour, des projets d'une séance\n"
	"  batch         rendre tout un dossier, en parallèle, sans refaire l'inchangé\n"
	"  serve         servir le rendu et la validation en HTTP\n"
	"  help          l'aide d'une commande : delib help COMMANDE (ou delib COMMANDE --help)\n"
	"\n"
	"  delib -V, --version   les versions de delib et des bibliothèques employées\n"
	"  delib -h, --help      cette aide\n"
	"\n"
	"Option commune : --data-dir DOSSIER, le dossier des données (schema/, templates/, fonts/) ;\n"
	"  par défaut $DELIB_DATADIR, sinon share/delib à côté de l'exécutable installé.\n"
	"\n"
	"Codes de retour : 0 fait, 1 entrée invalide, 2 mauvais usage, 3 erreur interne ou d'entrée-sortie.\n";

static const char render_help[] =
	"Usage : delib render ENTRÉE.xml [-o SORTIE.pdf] [--template NOM] [--draft] [--force]\n"
	"                    [--format text|json] [--dump-layout FICHIER] [--signature-tag]\n"
	"                    [--compare-with ARCHIVE.pdf]\n"
	"Rend une délibération en PDF/A-1b.\n"
	"  ENTRÉE.xml                  la délibération ; « - » : l'entrée standard\n"
	"  -o, --output SORTIE.pdf     le PDF ; « - » : la sortie standard (refusée sur un terminal) ;\n"
	"                              sans -o : ENTRÉE.pdf à côté de l'entrée (la sortie standard pour « - »)\n"
	"  -t, --template NOM          le modèle (« default » par défaut ; voir delib templates)\n"
	"  -d, --draft                 un projet : « PROJET » sur chaque page, ni signature ni bloc exécutoire\n"
	"  --force                     remplacer un fichier existant qui n'est pas un PDF\n"
	"  -f, --format text|json      la forme des diagnostics (json : sur la sortie standard,\n"
	"                              sur l'erreur standard quand le PDF va sur la sortie standard)\n"
	"  -L, --dump-layout FICHIER   un vidage texte des pages (« - » : la sortie standard) ;\n"
	"                              seul, sans -o, il n'écrit pas de PDF\n"
	"  -S, --signature-tag         le texte invisible #signature# sur la zone de signature\n"
	"  -C, --compare-with ARCHIVE  avertir quand polices ou modèle diffèrent d'un PDF archivé\n";

static const char validate_help[] =
	"Usage : delib validate ENTRÉE.xml [--format text|json] [--template NOM] [--draft]\n"
	"Valide une délibération (schéma, puis règles de droit) sans écrire de PDF.\n"
	"  ENTRÉE.xml                  la délibération ; « - » : l'entrée standard\n"
	"  -f, --format text|json      la forme des diagnostics, sur la sortie standard en json\n"
	"  -t, --template NOM          le modèle, dont les règles sont aussi vérifiées\n"
	"  -d, --draft                 un projet (les règles d'un projet)\n";

static const char liste_help[] =
	"Usage : delib liste DOSSIER -o LISTE.pdf [--template NOM] [--format text|json] [--force]\n"
	"Rend la liste des délibérations d'une séance, des fichiers *.xml du dossier.\n"
	"  -o, --output LISTE.pdf      le PDF à écrire\n"
	"  -t, --template NOM          le modèle (« default » par défaut)\n"
	"  -f, --format text|json      la forme des diagnostics (json : sur la sortie standard)\n"
	"  --force                     remplacer un fichier existant qui n'est pas un PDF\n";

static const char convocation_help[] =
	"Usage : delib convocation DOSSIER -o CONVOCATION.pdf [--template NOM] [--format text|json] [--force]\n"
	"Rend la convocation d'une séance et son ordre du jour, des projets (*.xml) du dossier.\n"
	"  -o, --output CONVOCATION.pdf  le PDF à écrire\n"
	"  -t, --template NOM            le modèle (« default » par défaut)\n"
	"  -f, --format text|json        la forme des diagnostics (json : sur la sortie standard)\n"
	"  --force                       remplacer un fichier existant qui n'est pas un PDF\n";

static const char templates_help[] =
	"Usage : delib templates\n"
	"        delib templates --check NOM [DOCUMENT.xml…]\n"
	"Liste les modèles du dossier des données, un par ligne : le nom, une tabulation, la description.\n"
	"\n"
	"  -c, --check NOM   essayer le modèle NOM sans rien écrire : chaque document (par défaut les exemples\n"
	"                    et le corpus des formulations du dossier des données, s'il les a) est rendu avec\n"
	"                    lui, définitif et en projet, ainsi que sa liste ou sa convocation ; ce que le modèle\n"
	"                    cause est dit une fois, à son fichier et à sa ligne. Code de retour 1 s'il y a une\n"
	"                    erreur.\n";

static const struct option templates_longs[] = {
	{"help", no_argument, 0, 'h'}, {"check", required_argument, 0, 'c'}, {0, 0, 0, 0}};

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

enum { OPT_FORCE = 256 }; /* a long option without a short form */

typedef struct cli {
	const char *command, *input, *output, *dump, *format;
	int force, json;
	delib_options opt;
} cli;

/* What a subcommand accepts: its options, its help, and the name of its one
 * argument, said when it is missing. */
typedef struct cmd_spec {
	const char *help, *shorts, *input_name;
	const struct option *longs;
} cmd_spec;

static const struct option render_longs[] = {
	{"output", required_argument, 0, 'o'},       {"template", required_argument, 0, 't'},
	{"draft", no_argument, 0, 'd'},              {"dump-layout", required_argument, 0, 'L'},
	{"format", required_argument, 0, 'f'},       {"compare-with", required_argument, 0, 'C'},
	{"signature-tag", no_argument, 0, 'S'},      {"force", no_argument, 0, OPT_FORCE},
	{"help", no_argument, 0, 'h'},               {0, 0, 0, 0}};
static const struct option validate_longs[] = {
	{"template", required_argument, 0, 't'}, {"draft", no_argument, 0, 'd'},
	{"format", required_argument, 0, 'f'},   {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
static const struct option folder_longs[] = {
	{"output", required_argument, 0, 'o'}, {"template", required_argument, 0, 't'},
	{"format", required_argument, 0, 'f'}, {"force", no_argument, 0, OPT_FORCE},
	{"help", no_argument, 0, 'h'},         {0, 0, 0, 0}};

static const cmd_spec render_spec = {render_help, "o:t:dL:f:C:Sh", "fichier d'entrée", render_longs};
static const cmd_spec validate_spec = {validate_help, "t:df:h", "fichier d'entrée", validate_longs};
static const cmd_spec liste_spec = {liste_help, "o:t:f:h", "dossier d'entrée", folder_longs};
static const cmd_spec convocation_spec = {convocation_help, "o:t:f:h", "dossier d'entrée", folder_longs};

/* The one operand, and --format's value. */
static int check_operands(int argc, char **argv, const cmd_spec *spec, cli *c)
{
	if (optind == argc) {
		cli_usage_error(c->command, "%s manquant", spec->input_name);
		return -1;
	}
	if (optind < argc - 1) {
		cli_usage_error(c->command, "argument en trop « %s » (une seule entrée)", argv[optind + 1]);
		return -1;
	}
	c->input = argv[optind];
	c->json = strcmp(c->format, "json") == 0;
	if (!c->json && strcmp(c->format, "text") != 0) {
		cli_usage_error(c->command, "--format attend « text » ou « json », pas « %s »", c->format);
		return -1;
	}
	return 0;
}

/* 0: parsed; 1: help written on standard output (exit 0); -1: a wrong
 * word, said on standard error (exit 2). */
static int parse_args(int argc, char **argv, const cmd_spec *spec, cli *c)
{
	memset(c, 0, sizeof *c);
	c->format = "text";
	c->opt.memory_limit = CLI_MEMORY_LIMIT;
	c->command = argv[0];
	optind = 1;
	int ch;
	while ((ch = cli_getopt(argc, argv, spec->shorts, spec->longs)) != -1) {
		switch (ch) {
		case 'o': c->output = optarg; break;
		case 't': c->opt.template_name = optarg; break;
		case 'd': c->opt.draft = 1; break;
		case 'L': c->dump = optarg; break;
		case 'f': c->format = optarg; break;
		case 'C': c->opt.compare_with = optarg; break;
		case 'S': c->opt.signature_tag = 1; break;
		case OPT_FORCE: c->force = 1; break;
		case 'h': fputs(spec->help, stdout); return 1;
		default: return -1;
		}
	}
	return check_operands(argc, argv, spec, c);
}

/* The exit status of a parse_args result that stops the command. */
static int parse_status(int parsed) { return parsed > 0 ? DELIB_OK : DELIB_USAGE; }

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
		fprintf(stderr, "delib render : le PDF irait sur la sortie standard, qui est un terminal ; redirigez-la "
		                "(delib render ... > fichier.pdf) ou donnez -o FICHIER.pdf\n");
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

/* Whether writing a PDF over out is refused here: an existing regular file
 * that does not start with "%PDF-" (the source under another name, a
 * report…) is most likely a slip of the name, so it takes --force. An
 * empty file is no loss (mktemp's). What the library refuses itself (the
 * input, a link, a device) is left to it, with its own reason. */
static int output_not_pdf(const char *out, const char *in)
{
	struct stat st;
	if (!out || is_stdio(out) || sys_output_refusal(out, in) || lstat(out, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size == 0)
		return 0;
	char head[5];
	FILE *f = fopen(out, "rb");
	int pdf = f && fread(head, 1, sizeof head, f) == sizeof head && memcmp(head, "%PDF-", 5) == 0;
	if (f)
		fclose(f);
	return !pdf;
}

/* The refusal of a non-PDF output as the library's io.output diagnostic,
 * in the form asked for. */
static int refuse_not_pdf(const cli *c, const char *source)
{
	char message[4200];
	snprintf(message, sizeof message,
	         "sortie « %s » refusée : ce fichier existe et n'est pas un PDF (--force pour le remplacer) ; "
	         "rien n'a été écrit", c->output);
	delib_diag d = {.file = source, .severity = DELIB_ERROR, .id = "io.output", .message = message};
	delib_result r = {.diags = &d, .ndiags = 1, .worst = DELIB_ERROR};
	cli_print_diags(c->json ? stdout : stderr, &r, c->json);
	return DELIB_USAGE;
}

/* Diagnostics in JSON go to standard output, as validate's, unless the PDF
 * itself does; in text, to standard error. */
static FILE *diag_stream(const cli *c, int validate)
{
	return c->json && (validate || !is_stdio(c->output)) ? stdout : stderr;
}

static int run_one(cli *c, int validate)
{
	const char *in = is_stdio(c->input) ? NULL : c->input;
	if (!validate && !c->force && output_not_pdf(c->output, in))
		return refuse_not_pdf(c, in ? in : "<entrée standard>");
	delib_ctx *ctx = cli_ctx_new();
	if (!ctx)
		return DELIB_INTERNAL;
	c->opt.want_layout_dump = c->dump != NULL;
	delib_result r;
	int streams = is_stdio(c->input) || (!validate && is_stdio(c->output));
	delib_status st = streams ? render_streams(ctx, c, validate, &r)
	                          : delib_render_file(ctx, c->input, validate ? NULL : c->output, &c->opt, &r);
	cli_print_diags(diag_stream(c, validate), &r, c->json);
	if (r.layout_dump && c->dump && write_text(c->dump, r.layout_dump) != 0) {
		fprintf(stderr, "delib: écriture impossible de %s\n", c->dump);
		st = DELIB_INTERNAL;
	}
	delib_result_free(&r);
	delib_ctx_free(ctx);
	return (int)st;
}

/* render without -o: ENTRÉE.pdf beside the input (its .xml replaced, or
 * .pdf added); standard output for standard input, as a filter. */
static char *default_output(const char *input)
{
	if (is_stdio(input))
		return strdup("-");
	size_t len = strlen(input);
	if (len > 4 && strcasecmp(input + len - 4, ".xml") == 0)
		len -= 4;
	char *out = malloc(len + 5);
	if (out)
		snprintf(out, len + 5, "%.*s.pdf", (int)len, input);
	return out;
}

int cmd_render(int argc, char **argv)
{
	cli c;
	int parsed = parse_args(argc, argv, &render_spec, &c);
	if (parsed)
		return parse_status(parsed);
	char *derived = NULL;
	if (!c.output && !c.dump) { /* --dump-layout alone asks for the dump only */
		if (!(derived = default_output(c.input)))
			return DELIB_INTERNAL;
		c.output = derived;
	}
	int st = run_one(&c, 0);
	free(derived);
	return st;
}

int cmd_validate(int argc, char **argv)
{
	cli c;
	int parsed = parse_args(argc, argv, &validate_spec, &c);
	return parsed ? parse_status(parsed) : run_one(&c, 1);
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
static int render_folder(int argc, char **argv, const cmd_spec *spec, folder_render render)
{
	cli c;
	int parsed = parse_args(argc, argv, spec, &c);
	if (parsed)
		return parse_status(parsed);
	if (!c.output)
		return cli_usage_error(c.command, "sortie manquante (-o FICHIER.pdf)");
	if (!c.force && output_not_pdf(c.output, NULL))
		return refuse_not_pdf(&c, c.input);
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
		cli_print_diags(c.json ? stdout : stderr, &r, c.json);
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
	return render_folder(argc, argv, &liste_spec, delib_render_list);
}

/* delib convocation DOSSIER -o convocation.pdf: the convocation of a
 * séance, from the projets of its affairs. */
static int cmd_convocation(int argc, char **argv)
{
	return render_folder(argc, argv, &convocation_spec, delib_render_convocation);
}

/* delib templates: one template per line, its name and description. */
static int cmd_templates(int argc, char **argv)
{
	optind = 1;
	int ch;
	const char *check = NULL;
	while ((ch = cli_getopt(argc, argv, "hc:", templates_longs)) != -1) {
		if (ch == 'c') {
			check = optarg;
			continue;
		}
		if (ch != 'h')
			return DELIB_USAGE;
		fputs(templates_help, stdout);
		return DELIB_OK;
	}
	if (check)
		return templates_check(check, argv + optind, argc - optind);
	if (optind < argc)
		return cli_usage_error("templates", "argument en trop « %s » (la commande n'en prend pas)", argv[optind]);
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

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{"render", cmd_render},           {"validate", cmd_validate}, {"templates", cmd_templates},
	{"liste", cmd_liste},             {"convocation", cmd_convocation}, {"batch", cmd_batch},
	{"serve", cmd_serve},
};
enum { NCOMMANDS = sizeof commands / sizeof *commands };

static int (*command_named(const char *name))(int, char **)
{
	for (int i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return commands[i].run;
	return NULL;
}

/* "commande inconnue « rendre » ; vouliez-vous dire « render » ?" */
static int unknown_command(const char *caller, const char *name)
{
	const char *names[NCOMMANDS + 1];
	for (int i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	names[NCOMMANDS] = "help";
	const char *near = cli_suggest(name, names, caller ? NCOMMANDS : NCOMMANDS + 1);
	fprintf(stderr, "delib%s%s : commande inconnue « %s »", caller ? " " : "", caller ? caller : "", name);
	if (near)
		fprintf(stderr, " ; vouliez-vous dire « %s » ?", near);
	fputs("\nLes commandes : render, validate, templates, liste, convocation, batch, serve ; aide : delib --help\n",
	      stderr);
	return DELIB_USAGE;
}

/* delib help [COMMAND]: the overview, or the command's own help, which each
 * command writes for --help. */
static int cmd_help(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return DELIB_OK;
	}
	if (argc > 2)
		return cli_usage_error("help", "argument en trop « %s » (une seule commande)", argv[2]);
	int (*run)(int, char **) = command_named(argv[1]);
	if (!run)
		return unknown_command("help", argv[1]);
	static char help_option[] = "--help";
	char *help_argv[] = {argv[1], help_option, NULL};
	return run(2, help_argv);
}

/* delib -V: delib's version and the libraries' it runs with. */
static int print_versions(void)
{
	size_t n = delib_versions(NULL, 0);
	char *text = malloc(n + 1);
	if (!text)
		return DELIB_INTERNAL;
	delib_versions(text, n + 1);
	fputs(text, stdout);
	free(text);
#ifdef DELIB_WITH_SERVE
	printf("libmicrohttpd %s\n", MHD_get_version());
#endif
	return DELIB_OK;
}

/* A word before the command: only -h, -V and their long forms. */
static int global_option(const char *arg)
{
	if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0)
		return print_versions();
	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
		usage(stdout);
		return DELIB_OK;
	}
	static const char *const globals[] = {"--help", "--version", "--data-dir"};
	const char *near = strncmp(arg, "--", 2) == 0 ? cli_suggest(arg, globals, 3) : NULL;
	fprintf(stderr, "delib : option inconnue « %s »", arg);
	if (near)
		fprintf(stderr, " ; vouliez-vous dire « %s » ?", near);
	fputs("\nAide : delib --help\n", stderr);
	return DELIB_USAGE;
}

int main(int argc, char **argv)
{
	opterr = 0; /* every getopt message is ours, in French (args.c) */
	argc = take_data_dir(argc, argv);
	if (argc < 0) {
		fprintf(stderr, "delib : --data-dir attend un dossier\nAide : delib --help\n");
		return DELIB_USAGE;
	}
	if (argc < 2) {
		fputs("delib : commande manquante\n\n", stderr);
		usage(stderr);
		return DELIB_USAGE;
	}
	if (argv[1][0] == '-' && argv[1][1])
		return global_option(argv[1]);
	if (strcmp(argv[1], "help") == 0)
		return cmd_help(argc - 1, argv + 1);
	int (*run)(int, char **) = command_named(argv[1]);
	return run ? run(argc - 1, argv + 1) : unknown_command(NULL, argv[1]);
}
