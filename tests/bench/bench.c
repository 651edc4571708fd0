/* SPDX-License-Identifier: Apache-2.0 */
/* delib-bench: throughput and scaling benchmark of libdelib.
 *
 *   delib-bench [--runs N] [--warmup K] FILE.xml...
 *   delib-bench --scaling [--rows 10,100,1000,10000] [--sample FILE.xml]
 *               [--min-time S] [--warmup K] [--write-xml DIR] [--no-rowspan]
 *
 * One delib_ctx is created (and its creation timed) and reused for every
 * render, as a batch worker would. Output is plain text, one "key: value"
 * per line (the scaling table is also prefixed so that it can be grepped).
 * See tests/bench/README.md for the meaning of each figure. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "delib.h"

#define DEFAULT_RUNS 50
#define DEFAULT_WARMUP 3
#define DEFAULT_SAMPLE "samples/2021-10-14-22.xml"
#define DEFAULT_ROWS "10,100,1000,10000"

/* ------------------------------------------------------------------ */
/* Small utilities                                                     */
/* ------------------------------------------------------------------ */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double peak_rss_mib(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1.0;
	return (double)ru.ru_maxrss / 1024.0; /* Linux: KiB */
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "delib-bench: out of memory\n");
		exit(3);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "delib-bench: out of memory\n");
		exit(3);
	}
	return q;
}

/* Whole file into memory; NULL (and a message) on failure. */
static char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "delib-bench: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap) {
			if (ferror(f)) {
				fprintf(stderr, "delib-bench: %s: read error\n", path);
				fclose(f);
				free(buf);
				return NULL;
			}
			break;
		}
		cap *= 2;
		buf = xrealloc(buf, cap + 1);
	}
	fclose(f);
	buf[n] = '\0';
	*size = n;
	return buf;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static double percentile(const double *sorted, size_t n, double p)
{
	if (n == 0)
		return 0.0;
	size_t rank = (size_t)ceil(p / 100.0 * (double)n);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

static double mean_of(const double *v, size_t n)
{
	double s = 0.0;
	for (size_t i = 0; i < n; i++)
		s += v[i];
	return n ? s / (double)n : 0.0;
}

static void print_machine(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	char model[256] = "unknown";
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (f) {
		char line[512];
		while (fgets(line, sizeof line, f)) {
			if (strncmp(line, "model name", 10) == 0 || strncmp(line, "Model", 5) == 0 ||
			    strncmp(line, "Hardware", 8) == 0) {
				char *colon = strchr(line, ':');
				if (!colon)
					continue;
				colon++;
				while (*colon == ' ' || *colon == '\t')
					colon++;
				size_t len = strcspn(colon, "\n");
				if (len >= sizeof model)
					len = sizeof model - 1;
				memcpy(model, colon, len);
				model[len] = '\0';
				break;
			}
		}
		fclose(f);
	}
	printf("cpus: %ld\n", cpus);
	printf("cpu_model: %s\n", model);
}

static void print_diags(const delib_result *r)
{
	for (int i = 0; i < r->ndiags; i++) {
		char buf[2048];
		delib_diag_format(&r->diags[i], buf, sizeof buf);
		fprintf(stderr, "%s\n", buf);
	}
}

/* One render, timed. Returns 0 on success; on failure prints the
 * diagnostics and returns -1. The result is released here unless keep. */
static int render_once(delib_ctx *ctx, const char *xml, size_t size, const char *name, double *ms,
                       delib_result *keep)
{
	delib_options opt = {.source_name = name, .want_pdf = 1};
	delib_result res;
	double t0 = now_s();
	delib_status st = delib_render_memory(ctx, xml, size, &opt, &res);
	double t1 = now_s();
	*ms = (t1 - t0) * 1e3;
	if (st != DELIB_OK || !res.pdf) {
		fprintf(stderr, "delib-bench: %s: render failed (status %d)\n", name, (int)st);
		print_diags(&res);
		delib_result_free(&res);
		return -1;
	}
	if (keep)
		*keep = res;
	else
		delib_result_free(&res);
	return 0;
}

static delib_ctx *make_ctx(void)
{
	char err[1024] = "";
	double t0 = now_s();
	delib_ctx *ctx = delib_ctx_new(NULL, err, sizeof err);
	double t1 = now_s();
	if (!ctx) {
		fprintf(stderr, "delib-bench: delib_ctx_new failed: %s\n", err);
		return NULL;
	}
	printf("ctx_new_ms: %.2f\n", (t1 - t0) * 1e3);
	printf("peak_rss_after_ctx_mib: %.1f\n", peak_rss_mib());
	return ctx;
}

/* ------------------------------------------------------------------ */
/* Files mode                                                          */
/* ------------------------------------------------------------------ */

typedef struct input {
	const char *path;
	char *xml;
	size_t size;
} input;

static void print_stats(const char *prefix, const double *sorted, size_t n, double total_s, long docs,
                        long pages)
{
	printf("%s.renders: %ld\n", prefix, docs);
	printf("%s.seconds: %.3f\n", prefix, total_s);
	printf("%s.docs_per_s: %.2f\n", prefix, total_s > 0 ? (double)docs / total_s : 0.0);
	printf("%s.pages_per_s: %.2f\n", prefix, total_s > 0 ? (double)pages / total_s : 0.0);
	printf("%s.ms_per_doc_mean: %.3f\n", prefix, mean_of(sorted, n));
	printf("%s.ms_per_doc_p50: %.3f\n", prefix, percentile(sorted, n, 50));
	printf("%s.ms_per_doc_p95: %.3f\n", prefix, percentile(sorted, n, 95));
	printf("%s.ms_per_doc_min: %.3f\n", prefix, n ? sorted[0] : 0.0);
	printf("%s.ms_per_doc_max: %.3f\n", prefix, n ? sorted[n - 1] : 0.0);
	printf("%s.ms_per_page: %.3f\n", prefix, pages > 0 ? total_s * 1e3 / (double)pages : 0.0);
}

static int run_files(int nfiles, char **paths, long runs, long warmup)
{
	input *in = xmalloc(sizeof *in * (size_t)nfiles);
	for (int i = 0; i < nfiles; i++) {
		in[i].path = paths[i];
		in[i].xml = read_file(paths[i], &in[i].size);
		if (!in[i].xml) {
			for (int j = 0; j < i; j++)
				free(in[j].xml);
			free(in);
			return 3;
		}
	}

	print_machine();
	printf("mode: files\n");
	printf("runs: %ld\n", runs);
	printf("warmup: %ld\n", warmup);
	delib_ctx *ctx = make_ctx();
	if (!ctx) {
		for (int i = 0; i < nfiles; i++)
			free(in[i].xml);
		free(in);
		return 3;
	}

	int rc = 0;
	double *all = xmalloc(sizeof *all * (size_t)runs * (size_t)nfiles);
	size_t nall = 0;
	double total_s = 0.0;
	long total_docs = 0, total_pages = 0;
	double *t = xmalloc(sizeof *t * (size_t)runs);

	for (int i = 0; i < nfiles && rc == 0; i++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "file%d", i + 1);
		printf("%s.path: %s\n", prefix, in[i].path);
		printf("%s.xml_bytes: %zu\n", prefix, in[i].size);

		double ms;
		delib_result res;
		/* One reference render (the first one) gives pages, PDF size and
		 * diagnostics count; for the first file it also shows the cost of
		 * what the context loads lazily (template compilation, fonts). */
		if (render_once(ctx, in[i].xml, in[i].size, in[i].path, &ms, &res) != 0) {
			rc = 1;
			break;
		}
		printf("%s.first_render_ms: %.3f\n", prefix, ms);
		for (long w = 1; w < warmup && rc == 0; w++)
			if (render_once(ctx, in[i].xml, in[i].size, in[i].path, &ms, NULL) != 0)
				rc = 1;
		if (rc != 0) {
			delib_result_free(&res);
			break;
		}
		int pages = res.pages;
		size_t pdf_size = res.pdf_size;
		int ndiags = res.ndiags;
		delib_result_free(&res);

		double file_s = 0.0;
		for (long r = 0; r < runs; r++) {
			if (render_once(ctx, in[i].xml, in[i].size, in[i].path, &t[r], NULL) != 0) {
				rc = 1;
				break;
			}
			file_s += t[r] / 1e3;
		}
		if (rc != 0)
			break;
		memcpy(all + nall, t, sizeof *t * (size_t)runs);
		nall += (size_t)runs;
		qsort(t, (size_t)runs, sizeof *t, cmp_double);

		printf("%s.pages: %d\n", prefix, pages);
		printf("%s.pdf_bytes: %zu\n", prefix, pdf_size);
		printf("%s.pdf_kib: %.1f\n", prefix, (double)pdf_size / 1024.0);
		printf("%s.diagnostics: %d\n", prefix, ndiags);
		print_stats(prefix, t, (size_t)runs, file_s, runs, (long)pages * runs);
		printf("%s.peak_rss_mib: %.1f\n", prefix, peak_rss_mib());
		total_s += file_s;
		total_docs += runs;
		total_pages += (long)pages * runs;
	}

	if (rc == 0) {
		qsort(all, nall, sizeof *all, cmp_double);
		printf("total.files: %d\n", nfiles);
		print_stats("total", all, nall, total_s, total_docs, total_pages);
		printf("total.pages: %ld\n", total_pages);
	}
	printf("peak_rss_mib: %.1f\n", peak_rss_mib());

	free(t);
	free(all);
	delib_ctx_free(ctx);
	for (int i = 0; i < nfiles; i++)
		free(in[i].xml);
	free(in);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Scaling mode: synthetic annex with one table of R rows              */
/* ------------------------------------------------------------------ */

typedef struct sbuf {
	char *p;
	size_t n, cap;
} sbuf;

static void sb_addn(sbuf *b, const char *s, size_t len)
{
	if (b->n + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (b->n + len + 1 > cap)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, len);
	b->n += len;
	b->p[b->n] = '\0';
}

static void sb_add(sbuf *b, const char *s) { sb_addn(b, s, strlen(s)); }

static void sb_int(sbuf *b, long v)
{
	char tmp[32];
	int len = snprintf(tmp, sizeof tmp, "%ld", v);
	sb_addn(b, tmp, (size_t)len);
}

/* splitmix64: fixed seed, so every run (and every machine) generates the
 * same text. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static long rng_range(long lo, long hi) { return lo + (long)(rng_next() % (uint64_t)(hi - lo + 1)); }

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Vocabulary of the "Point d'étape" table of the sample (section 3). */
static const char *const enjeux[] = {
	"Emploi / insertion",
	"Éducation / Réussite éducative",
	"Santé et accès aux droits",
	"Cadre de vie et renouvellement urbain",
	"Tranquillité publique et prévention de la délinquance",
	"Cohésion sociale",
	"Culture, sport et loisirs",
	"Citoyenneté et participation des habitants",
};

static const char *const starters[] = {
	"Mise en œuvre", "Renforcement", "Déploiement", "Poursuite", "Consolidation", "Reconduction",
	"Amélioration", "Développement", "Accompagnement", "Soutien", "Organisation", "Mise en place",
	"Élaboration", "Reprise", "Évaluation", "Animation",
};

static const char *const words[] = {
	"du", "de", "la", "le", "des", "les", "aux", "et", "en", "pour", "dans", "avec", "sur", "par",
	"projet", "dispositif", "actions", "quartiers", "habitants", "jeunes", "familles", "publics",
	"accompagnement", "insertion", "emploi", "formation", "Mission locale", "convention",
	"partenaires", "associations", "structures", "municipales", "centres socioculturels",
	"prioritaires", "géographie", "contrat de ville", "Métropole", "Département", "Région",
	"l'État", "éducation nationale", "cité éducative", "petite enfance", "parentalité",
	"numérique", "apprentissage", "langue", "santé", "prévention", "médiation", "logement",
	"renouvellement", "urbain", "tranquillité", "publique", "culture", "sport", "citoyenneté",
	"participation", "conseils citoyens", "crise sanitaire", "confinement", "difficultés",
	"rencontres", "institutionnelles", "organisées", "repérés", "intégrés", "bénéficié",
	"proposés", "réalisées", "prévue", "recrutement", "chargé de mission", "diagnostic",
	"territoire", "programme", "thématiques", "retenues", "acteurs", "locaux", "leviers",
	"capacités", "d'accueil", "collectifs", "réguliers", "professionnelles", "interculturalité",
	"développement", "communication", "fréquentation", "structure", "ateliers", "démarches",
	"administratives", "calendrier", "supplémentaires", "financement", "subvention", "bilan",
	"caractéristiques", "amélioration", "appel à projets", "chantiers", "citoyens", "clauses",
	"sociales", "heures", "contrats", "entreprises", "bailleurs", "résidentialisation",
	"équipements", "scolaires", "périscolaires", "réussite", "décrochage", "mentorat",
	"aide aux devoirs", "égalité", "droits", "femmes", "seniors", "isolement", "solidarité",
};

static const char *const numbers[] = {
	"3", "5", "6", "12", "20", "35", "54", "135", "160", "634", "1 247", "2019", "2020", "2021",
};

static const char *const punct[] = {",", ",", " ;", " :", "."};

/* Appends a sentence-like text of about nwords words. */
static void gen_text(sbuf *b, long nwords, int numbered, long number)
{
	if (numbered) {
		sb_int(b, number);
		sb_add(b, "- ");
	}
	sb_add(b, starters[rng_next() % COUNT(starters)]);
	long used = 2;
	int cap_next = 0;
	while (used < nwords) {
		sb_add(b, " ");
		const char *w;
		uint64_t k = rng_next() % 100;
		if (k < 6)
			w = numbers[rng_next() % COUNT(numbers)];
		else
			w = words[rng_next() % COUNT(words)];
		if (cap_next) {
			/* Start a new sentence with a starter (already capitalised). */
			w = starters[rng_next() % COUNT(starters)];
			cap_next = 0;
			used++;
		}
		sb_add(b, w);
		used++;
		if (used < nwords - 3 && rng_next() % 100 < 10) {
			const char *p = punct[rng_next() % COUNT(punct)];
			sb_add(b, p);
			if (p[0] == '.')
				cap_next = 1;
		}
	}
	sb_add(b, ".");
}

/* The sample's deliberation part: everything before "<annexe". */
static char *sample_prefix(const char *path, size_t *len)
{
	size_t size;
	char *xml = read_file(path, &size);
	if (!xml)
		return NULL;
	char *p = xml;
	while ((p = strstr(p, "<annexe")) != NULL) {
		char c = p[7];
		if (c == ' ' || c == '>' || c == '\t' || c == '\n' || c == '\r' || c == '/')
			break;
		p += 7;
	}
	if (!p) {
		/* No annex: cut before the closing root tag instead. */
		p = strstr(xml, "</deliberation>");
		if (!p) {
			fprintf(stderr, "delib-bench: %s: neither <annexe nor </deliberation> found\n", path);
			free(xml);
			return NULL;
		}
	}
	/* Back up to the start of the line to keep indentation tidy. */
	while (p > xml && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	*len = (size_t)(p - xml);
	xml[*len] = '\0';
	return xml;
}

/* Builds the whole deliberation with an annex table of `rows` body rows:
 * 4 columns as in section 3 of the sample, the first column spanning groups
 * of 3 to 6 rows (cellule/@lignes), 1 to ~40 words per cell. */
static void build_doc(sbuf *b, const char *prefix, size_t prefix_len, long rows, int rowspan)
{
	rng_state = UINT64_C(0x0DE11B2021101422);
	b->n = 0;
	sb_addn(b, prefix, prefix_len);
	sb_add(b, "  <annexe titre=\"Rapport sur la mise en œuvre de la politique de la Ville - tableau de ");
	sb_int(b, rows);
	sb_add(b, " lignes\">\n"
	          "    <section numero=\"1\" titre=\"Point d'étape\">\n"
	          "      <para>Le tableau ci-dessous présente, pour chaque enjeu prioritaire, les actions, "
	          "le point d'étape et les perspectives.</para>\n"
	          "      <tableau taille-police=\"8\">\n"
	          "        <colonne largeur=\"11.32%\"/>\n"
	          "        <colonne largeur=\"19.18%\"/>\n"
	          "        <colonne largeur=\"47.17%\"/>\n"
	          "        <colonne largeur=\"22.33%\"/>\n"
	          "        <entete>\n"
	          "          <ligne>\n"
	          "            <cellule>Enjeux prioritaires</cellule>\n"
	          "            <cellule>Actions</cellule>\n"
	          "            <cellule>Point d'étape</cellule>\n"
	          "            <cellule>Perspectives</cellule>\n"
	          "          </ligne>\n"
	          "        </entete>\n"
	          "        <corps>\n");
	long group_left = 0, action = 0, group = 0;
	for (long r = 0; r < rows; r++) {
		sb_add(b, "          <ligne>\n");
		if (group_left == 0) {
			long span = rng_range(3, 6);
			if (!rowspan)
				span = 1;
			if (span > rows - r)
				span = rows - r;
			group_left = span;
			action = 0;
			sb_add(b, "            <cellule");
			if (span > 1) {
				sb_add(b, " lignes=\"");
				sb_int(b, span);
				sb_add(b, "\"");
			}
			sb_add(b, ">");
			sb_add(b, enjeux[group % (long)COUNT(enjeux)]);
			sb_add(b, "</cellule>\n");
			group++;
		}
		group_left--;
		action++;
		sb_add(b, "            <cellule>");
		gen_text(b, rng_range(5, 18), 1, action);
		sb_add(b, "</cellule>\n            <cellule>");
		gen_text(b, rng_range(12, 42), 1, action);
		sb_add(b, "</cellule>\n            <cellule>");
		gen_text(b, rng_range(3, 16), 1, action);
		sb_add(b, "</cellule>\n          </ligne>\n");
	}
	sb_add(b, "        </corps>\n"
	          "      </tableau>\n"
	          "    </section>\n"
	          "  </annexe>\n"
	          "</deliberation>\n");
}

typedef struct scale_point {
	long rows;
	int pages;
	long runs;
	size_t xml_bytes, pdf_bytes;
	double ms_mean, ms_p50, ms_min;
} scale_point;

static int parse_rows(const char *s, long **out, int *n)
{
	*n = 0;
	*out = NULL;
	const char *p = s;
	while (*p) {
		char *end;
		errno = 0;
		long v = strtol(p, &end, 10);
		if (end == p || errno || v <= 0)
			return -1;
		*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
		(*out)[(*n)++] = v;
		p = end;
		if (*p == ',')
			p++;
		else if (*p)
			return -1;
	}
	return *n ? 0 : -1;
}

static int run_scaling(const char *rows_spec, const char *sample, double min_time, long warmup, const char *xml_dir,
                       int rowspan)
{
	long *rows;
	int nrows;
	if (parse_rows(rows_spec, &rows, &nrows) != 0) {
		fprintf(stderr, "delib-bench: bad --rows list: %s\n", rows_spec);
		free(rows);
		return 2;
	}
	size_t prefix_len;
	char *prefix = sample_prefix(sample, &prefix_len);
	if (!prefix) {
		free(rows);
		return 3;
	}

	print_machine();
	printf("mode: scaling\n");
	printf("sample: %s\n", sample);
	printf("min_time_s: %.2f\n", min_time);
	printf("rowspan: %s\n", rowspan ? "yes (first column spans 3-6 rows)" : "no (every row is its own group)");
	printf("min_runs: 3\n");
	printf("warmup: %ld\n", warmup);
	delib_ctx *ctx = make_ctx();
	if (!ctx) {
		free(prefix);
		free(rows);
		return 3;
	}

	scale_point *pts = xmalloc(sizeof *pts * (size_t)nrows);
	sbuf doc = {0};
	int rc = 0;
	size_t tcap = 64;
	double *t = xmalloc(sizeof *t * tcap);

	for (int i = 0; i < nrows && rc == 0; i++) {
		scale_point *pt = &pts[i];
		memset(pt, 0, sizeof *pt);
		pt->rows = rows[i];
		build_doc(&doc, prefix, prefix_len, rows[i], rowspan);
		pt->xml_bytes = doc.n;
		char name[64];
		snprintf(name, sizeof name, "<scaling-%ld-rows>", rows[i]);
		if (xml_dir) {
			char path[4096];
			snprintf(path, sizeof path, "%s/scaling-%ld.xml", xml_dir, rows[i]);
			FILE *f = fopen(path, "wb");
			if (!f || fwrite(doc.p, 1, doc.n, f) != doc.n || fclose(f) != 0) {
				fprintf(stderr, "delib-bench: cannot write %s\n", path);
				rc = 3;
				break;
			}
		}

		double ms;
		delib_result res;
		for (long w = 0; w < warmup && rc == 0; w++)
			if (render_once(ctx, doc.p, doc.n, name, &ms, NULL) != 0)
				rc = 1;
		if (rc != 0)
			break;
		long n = 0;
		double elapsed = 0.0;
		while (n < 3 || elapsed < min_time) {
			if (n == 0) {
				if (render_once(ctx, doc.p, doc.n, name, &ms, &res) != 0) {
					rc = 1;
					break;
				}
				pt->pages = res.pages;
				pt->pdf_bytes = res.pdf_size;
				delib_result_free(&res);
			} else if (render_once(ctx, doc.p, doc.n, name, &ms, NULL) != 0) {
				rc = 1;
				break;
			}
			if ((size_t)n == tcap) {
				tcap *= 2;
				t = xrealloc(t, sizeof *t * tcap);
			}
			t[n++] = ms;
			elapsed += ms / 1e3;
		}
		if (rc != 0)
			break;
		qsort(t, (size_t)n, sizeof *t, cmp_double);
		pt->runs = n;
		pt->ms_mean = mean_of(t, (size_t)n);
		pt->ms_p50 = percentile(t, (size_t)n, 50);
		pt->ms_min = t[0];
		fprintf(stderr, "delib-bench: %ld rows: %ld runs, %.1f ms/doc\n", pt->rows, n, pt->ms_p50);
	}

	if (rc == 0) {
		printf("scaling: %8s %6s %5s %10s %10s %10s %10s %9s %9s\n", "rows", "pages", "runs",
		       "ms_per_doc", "ms_doc_min", "ms_per_row", "pages_per_s", "pdf_kib", "xml_kib");
		for (int i = 0; i < nrows; i++) {
			const scale_point *pt = &pts[i];
			printf("scaling: %8ld %6d %5ld %10.2f %10.2f %10.4f %10.2f %9.1f %9.1f\n", pt->rows, pt->pages,
			       pt->runs, pt->ms_p50, pt->ms_min, pt->ms_p50 / (double)pt->rows,
			       pt->ms_mean > 0 ? (double)pt->pages * 1e3 / pt->ms_mean : 0.0,
			       (double)pt->pdf_bytes / 1024.0, (double)pt->xml_bytes / 1024.0);
		}
		/* Linearity: ms/row of the largest size over that at 1000 rows (or
		 * at the largest size below it when 1000 was not asked for). */
		int big = 0, ref = -1;
		for (int i = 1; i < nrows; i++)
			if (rows[i] > rows[big])
				big = i;
		for (int i = 0; i < nrows; i++)
			if (rows[i] == 1000 && i != big)
				ref = i;
		if (ref < 0)
			for (int i = 0; i < nrows; i++)
				if (rows[i] < rows[big] && (ref < 0 || rows[i] > rows[ref]))
					ref = i;
		if (ref >= 0) {
			double a = pts[big].ms_p50 / (double)pts[big].rows;
			double c = pts[ref].ms_p50 / (double)pts[ref].rows;
			double ratio = a / c;
			/* Marginal cost per row between the two sizes removes the fixed
			 * cost of the deliberation pages. */
			double marginal = (pts[big].ms_p50 - pts[ref].ms_p50) / (double)(pts[big].rows - pts[ref].rows);
			printf("linearity (ms/row at %ld / at %ld): %.2f\n", pts[big].rows, pts[ref].rows, ratio);
			printf("marginal_ms_per_row (%ld..%ld): %.4f\n", pts[ref].rows, pts[big].rows, marginal);
			printf("linearity_verdict: %s\n", ratio > 1.5 ? "super-linear" : ratio < 0.67 ? "sub-linear (fixed cost dominates)" : "linear");
		} else {
			printf("linearity: n/a (need two sizes)\n");
		}
	}
	printf("peak_rss_mib: %.1f\n", peak_rss_mib());

	free(t);
	free(doc.p);
	free(pts);
	delib_ctx_free(ctx);
	free(prefix);
	free(rows);
	return rc;
}

/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
	fputs("Usage:\n"
	      "  delib-bench [--runs N] [--warmup K] FILE.xml...\n"
	      "  delib-bench --scaling [--rows 10,100,1000,10000] [--sample FILE.xml]\n"
	      "              [--min-time S] [--warmup K] [--write-xml DIR] [--no-rowspan]\n"
	      "\n"
	      "Files mode renders each file N times (default 50) after K warm-up renders (default 3).\n"
	      "Scaling mode renders generated deliberations whose annex holds one table of R rows,\n"
	      "each size repeated until it has taken at least S seconds (default 1) and 3 runs\n"
	      "(warm-up default 1). --write-xml saves the generated documents as DIR/scaling-R.xml.\n"
	      "--no-rowspan drops the first column's row spans (every row stands alone).\n",
	      f);
}

static int parse_long(const char *s, long min, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < min)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	long runs = DEFAULT_RUNS, warmup = -1;
	int scaling = 0, rowspan = 1;
	const char *rows = DEFAULT_ROWS, *sample = DEFAULT_SAMPLE, *xml_dir = NULL;
	double min_time = 1.0;
	char **files = xmalloc(sizeof *files * (size_t)(argc > 0 ? argc : 1));
	int nfiles = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int has_value = i + 1 < argc;
		if (strcmp(a, "--runs") == 0 && has_value) {
			if (parse_long(argv[++i], 1, &runs) != 0)
				goto bad;
		} else if (strcmp(a, "--warmup") == 0 && has_value) {
			if (parse_long(argv[++i], 0, &warmup) != 0)
				goto bad;
		} else if (strcmp(a, "--scaling") == 0) {
			scaling = 1;
		} else if (strcmp(a, "--no-rowspan") == 0) {
			rowspan = 0;
		} else if (strcmp(a, "--rows") == 0 && has_value) {
			rows = argv[++i];
		} else if (strcmp(a, "--sample") == 0 && has_value) {
			sample = argv[++i];
		} else if (strcmp(a, "--write-xml") == 0 && has_value) {
			xml_dir = argv[++i];
		} else if (strcmp(a, "--min-time") == 0 && has_value) {
			char *end;
			min_time = strtod(argv[++i], &end);
			if (*end || min_time < 0)
				goto bad;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			free(files);
			return 0;
		} else if (a[0] == '-' && a[1] == '-') {
			goto bad;
		} else {
			files[nfiles++] = argv[i];
		}
	}

	int rc;
	if (scaling) {
		if (nfiles)
			goto bad;
		rc = run_scaling(rows, sample, min_time, warmup < 0 ? 1 : warmup, xml_dir, rowspan);
	} else {
		if (!nfiles)
			goto bad;
		rc = run_files(nfiles, files, runs, warmup < 0 ? DEFAULT_WARMUP : warmup);
	}
	free(files);
	return rc;

bad:
	usage(stderr);
	free(files);
	return 2;
}
