/* SPDX-License-Identifier: Apache-2.0 */
/* delib — French council deliberations to signature-ready PDF.
 *
 * Public API of libdelib. A delib_ctx holds what is costly to load (fonts,
 * hyphenation patterns, the schemas, compiled templates); it is used by one
 * thread at a time, so batch workers and server threads each take their own.
 * Ownership: every *_new has a *_free that accepts NULL; buffers returned in a
 * delib_result belong to the result and are released by delib_result_free.
 */
#ifndef DELIB_H
#define DELIB_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DELIB_API __attribute__((visibility("default")))
#else
#define DELIB_API
#endif

#define DELIB_VERSION "0.1.0"
/* [bytes] The largest deliberation accepted; larger input is refused with
 * the diagnostic xml.limit (a caller streaming input reads at most one
 * byte more). */
#define DELIB_MAX_INPUT (64u * 1024u * 1024u)

/* Exit statuses of the CLI, also the status of every call. */
typedef enum delib_status {
	DELIB_OK = 0,        /* done */
	DELIB_INVALID = 1,   /* invalid input; diagnostics say why */
	DELIB_USAGE = 2,     /* bad call (unknown template, bad option) */
	DELIB_INTERNAL = 3   /* internal or I/O error */
} delib_status;

typedef enum delib_severity {
	DELIB_NOTE = 0,
	DELIB_WARNING = 1,
	DELIB_ERROR = 2
} delib_severity;

typedef struct delib_diag {
	const char *file;      /* input name as given by the caller */
	int line, column;      /* 1-based; 0 when unknown */
	delib_severity severity;
	const char *id;        /* stable identifier, e.g. "xml.schema" */
	const char *message;   /* French, for the user */
} delib_diag;

typedef struct delib_result {
	unsigned char *pdf;    /* the PDF bytes, or NULL; owned by the result */
	size_t pdf_size;       /* [bytes] */
	char *layout_dump;     /* text dump of the laid-out pages when asked for */
	int pages;             /* number of pages laid out */
	delib_diag *diags;     /* owned by the result */
	int ndiags;
	delib_severity worst;  /* worst severity among diags (DELIB_NOTE if none) */
} delib_result;

typedef struct delib_options {
	const char *source_name;   /* name used in diagnostics; "<entrée>" if NULL */
	const char *template_name; /* folder under the templates folder; "default" if NULL */
	int draft;                 /* render as a draft ("PROJET") */
	int want_pdf;              /* produce PDF bytes (0: validate/lay out only) */
	int want_layout_dump;      /* fill result.layout_dump */
	int signature_tag;         /* add an invisible "#signature#" text tag on the signature area */
	const char *compare_with;  /* an archived PDF: warn when the fonts or template it
	                              recorded differ from this render's (NULL: no check) */
	unsigned time_limit_ms;    /* [ms] stop a render that runs longer, at the next
	                              stage, element or page (diagnostic render.timeout,
	                              status DELIB_INTERNAL); 0: no limit */
	size_t memory_limit;       /* [bytes] bound of the layout memory, the part of a render
	                              that grows with the document (render.memory); 0: none */
} delib_options;

typedef struct delib_ctx delib_ctx;

/* data_dir holds schema/, templates/ and fonts/; NULL means the default of
 * delib_default_data_dir.
 * On failure returns NULL and, if err is not NULL, a French message in
 * err[0..errlen). */
DELIB_API delib_ctx *delib_ctx_new(const char *data_dir, char *err, size_t errlen);
DELIB_API void delib_ctx_free(delib_ctx *ctx);

/* The data folder used when none is given: $DELIB_DATADIR when set and not
 * empty; else share/delib beside the installed library or executable
 * (found relative to its own file, so an installed tree may be moved); else
 * the source tree, for a program run from the build tree; else the
 * configured prefix's share/delib. Writes it to buf (NUL-terminated) and
 * returns its length, or 0 when it does not fit in cap bytes. */
DELIB_API size_t delib_default_data_dir(char *buf, size_t cap);

/* delib's version and those of the libraries it runs with (the ones loaded,
 * not the headers it was built against), one per line:
 *   "delib 0.1.0\nlibxml2 2.9.14\nlibxslt 1.1.35\nlibharu 2.4.3\n
 *    HarfBuzz 6.0.0\nfontconfig 2.14.1\n"
 * snprintf's contract: writes at most cap bytes, NUL-terminated when cap > 0,
 * and returns the length the whole text needs (call with cap 0 to size it).
 * Thread-safe; needs no delib_ctx. */
DELIB_API size_t delib_versions(char *buf, size_t cap);

/* The file name to save a document's PDF under, from its XML:
 * "deliberation-NUMERO.pdf" for a deliberation, "convocation-AAAA-MM-JJ.pdf"
 * for a <projets> body and "liste-AAAA-MM-JJ.pdf" for a <deliberations> body
 * (the séance of its first deliberation); "FALLBACK.pdf" when the text does
 * not say (not XML, another root, no numero). Only [A-Za-z0-9._-]: safe as a
 * file name and in an HTTP header. Reads only the head of the text, with
 * the same precautions as a render; validates nothing. snprintf's contract
 * for buf and cap. Thread-safe; needs no delib_ctx. */
DELIB_API void delib_pdf_name(const char *xml, size_t size, const char *fallback, char *buf, size_t cap);

/* Renders one deliberation held in memory. The result is always filled
 * (diagnostics even on failure); release it with delib_result_free. */
DELIB_API delib_status delib_render_memory(delib_ctx *ctx, const char *xml, size_t size,
                                           const delib_options *opt, delib_result *out);

/* Reads in_path, renders, and writes out_path atomically (temporary file in
 * the same folder, then rename): a failure never leaves a partial file and
 * never replaces an existing one. out_path may be NULL (validate only).
 * out_path must be a regular file or not exist: a device, FIFO, socket,
 * folder, symbolic link or the input itself is refused before any work
 * (diagnostic io.output, DELIB_USAGE). */
DELIB_API delib_status delib_render_file(delib_ctx *ctx, const char *in_path, const char *out_path,
                                         const delib_options *opt, delib_result *out);

DELIB_API void delib_result_free(delib_result *res);

/* The list of the deliberations of one séance (mandatory since 1 July
 * 2022: number, object, outcome of each), from the séance's deliberation
 * files, through the template's liste.xsl, into a PDF with the same fonts
 * and PDF/A qualities. Every file is validated; they must all belong to the
 * same séance of the same collectivity, with distinct numbers. Entries come
 * in the order of their numbers. The PDF is written atomically to out_path
 * when it is not NULL. */
DELIB_API delib_status delib_render_list(delib_ctx *ctx, const char *const *paths, int npaths, const char *out_path,
                                         const delib_options *opt, delib_result *out);

/* The convocation of one séance (CGCT L2121-10 to L2121-12, L3121-19,
 * L4132-18) from the projets of its affairs, through the template's
 * convocation.xsl: the body, date, hour, place, public or not, the urgency
 * if declared, the ordre du jour in the order of the numbers, the president
 * who convenes, and — where the law asks for it (communes of 3,500
 * inhabitants and more, EPCI with such a commune, départements, régions) —
 * the note explicative de synthèse built from each projet's exposé. Every
 * file is validated; they must belong to the same séance of the same
 * collectivity (each other one is reported at its file and line), with
 * distinct numbers. Same PDF/A qualities as a render; written atomically to
 * out_path when it is not NULL. */
DELIB_API delib_status delib_render_convocation(delib_ctx *ctx, const char *const *paths, int npaths,
                                                const char *out_path, const delib_options *opt, delib_result *out);

/* The most projets one <projets> document may hold (diagnostic
 * projets.nombre beyond): a séance's ordre du jour, with room to spare. */
#define DELIB_MAX_PROJETS 200
/* The same convocation from projets held in memory, as a service receives
 * them: one XML document whose root is <projets> in the domain namespace
 * (schema/deliberation.xsd), holding 1 to DELIB_MAX_PROJETS <deliberation>
 * elements, each what a projet file holds. The text is parsed once;
 * diagnostics give lines and columns in it, under opt->source_name. Another
 * root is xml.root, no projet projets.vide, too many projets.nombre (all
 * DELIB_INVALID); then the same checks and PDF as delib_render_convocation
 * (opt->want_pdf asks for the bytes). Nothing is written. */
DELIB_API delib_status delib_render_convocation_memory(delib_ctx *ctx, const char *xml, size_t size,
                                                       const delib_options *opt, delib_result *out);

/* The list of one séance's deliberations from a body held in memory: one
 * XML document whose root is <deliberations> in the domain namespace,
 * holding 1 to DELIB_MAX_PROJETS <deliberation> elements, each what a
 * deliberation file holds. As delib_render_convocation_memory otherwise:
 * another root is xml.root, none liste.vide, too many liste.nombre (all
 * DELIB_INVALID); then the checks and the PDF of delib_render_list. */
DELIB_API delib_status delib_render_list_memory(delib_ctx *ctx, const char *xml, size_t size,
                                                const delib_options *opt, delib_result *out);

#define DELIB_FINGERPRINT_SIZE 65  /* 64 hex digits and a NUL */
/* SHA-256, as 64 hex digits in out, of everything besides the deliberation
 * that a render depends on: delib's version and executable, the schemas,
 * the templates folder (templates import one another) and every font file
 * the font configuration offers. Computed once per context and template. Returns DELIB_OK, or DELIB_USAGE for an unknown
 * template, DELIB_INTERNAL when a file cannot be read. */
DELIB_API delib_status delib_ctx_fingerprint(delib_ctx *ctx, const char *template_name, char out[DELIB_FINGERPRINT_SIZE]);

/* Compiles every part of a template into the context ahead of its first
 * use: deliberation.xsl, and liste.xsl and convocation.xsl when the folder
 * has them. A server loads its templates at start (and at each reload) so
 * that no request pays for it and a broken part is found at once, not at
 * the first convocation. The diagnostics (template.*, with the template's
 * file and line) go into *out, which is always filled (release it with
 * delib_result_free). Returns DELIB_OK; DELIB_USAGE for an unknown
 * template; DELIB_INVALID when a part does not compile. */
DELIB_API delib_status delib_ctx_load_template(delib_ctx *ctx, const char *template_name, delib_result *out);

/* The templates of the templates folder: each folder holding a
 * deliberation.xsl, with the description its template.xml gives. Returns
 * the number of entries (sorted by name) in *out, or -1; free the list with
 * delib_templates_free. */
typedef struct delib_template_info {
	char *name;
	char *description;  /* French, one line; "" when the folder has none */
} delib_template_info;
DELIB_API int delib_templates(delib_ctx *ctx, delib_template_info **out);
DELIB_API void delib_templates_free(delib_template_info *list, int n);

/* "file:line:col: erreur: message [id]" into buf; returns the length written. */
DELIB_API size_t delib_diag_format(const delib_diag *d, char *buf, size_t cap);
/* The French name of a severity: "erreur", "avertissement", "note". */
DELIB_API const char *delib_severity_name(delib_severity s);

/* One diagnostic as a JSON object, on one line and without white space:
 *   {"file":…,"line":N,"column":N,"severity":"error|warning|note","id":…,"message":…}
 * (severity as a stable English key, for programs; the French name is
 * delib_severity_name's). The output is always valid JSON in valid UTF-8,
 * whatever the strings hold: a byte that is not valid UTF-8 (RFC 3629: no
 * overlong form, no surrogate, nothing past U+10FFFF; a file name may hold
 * anything) becomes U+FFFD, control characters are escaped. NULL strings
 * read as "". Like snprintf: writes at most cap - 1 bytes and a NUL into
 * buf (cap 0: nothing, buf may be NULL) and returns the length of the whole
 * object, so that a first call with cap 0 gives the size to allocate
 * (that length + 1). */
DELIB_API size_t delib_diag_format_json(const delib_diag *d, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
