/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include "sandbox.h"
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>
#include <libxml/xpath.h>
#include <libxslt/documents.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "parse.h"
#include "xmlmsg.h"
#include "sys.h"

/* XPath operations allowed per instruction allowed: the shipped templates
 * make about 4 per instruction. */
#define XPATH_OPS_PER_STEP 20

static _Thread_local sandbox *current;
static xsltDocLoaderFunc libxslt_loader;  /* libxslt's own, for threads outside a sandbox */

void sandbox_enter(sandbox *sb)
{
	sb->pending = D_INTERNAL;
	current = sb;
}

static void forget_blocks(sandbox *sb);

void sandbox_leave(void)
{
	forget_blocks(current);
	current = NULL;
}

/* ---- counted allocation --------------------------------------------------- */

/* Counts p (just allocated, or about to be freed: sign) for this thread's
 * transform, if one is bounded. */
static void count(void *p, int sign)
{
	sandbox *sb = current;
	if (p && sb && sb->max_memory)
		sb->memory += sign * (long long)malloc_usable_size(p);
}

/* A request that would take the transform past twice its bound fails at
 * once: one instruction may allocate a lot before the hook stops the
 * transform at the next (a string doubled), so the bound of the hook
 * alone would not hold. */
static int refused(size_t n)
{
	const sandbox *sb = current;
	return sb && sb->max_memory && sb->memory + (long long)n > 2 * (long long)sb->max_memory;
}

static void *counted_malloc(size_t n)
{
	if (refused(n))
		return NULL;
	void *p = malloc(n);
	count(p, 1);
	return p;
}

static void counted_free(void *p)
{
	count(p, -1);
	free(p);
}

static void *counted_realloc(void *p, size_t n)
{
	if (refused(n))
		return NULL;
	long long before = current && current->max_memory && p ? (long long)malloc_usable_size(p) : 0;
	void *q = realloc(p, n);
	if (q && current && current->max_memory)
		current->memory += (long long)malloc_usable_size(q) - before;
	return q;
}

static char *counted_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = counted_malloc(n);
	return d ? memcpy(d, s, n) : NULL;
}

/* ---- counted allocation over an application's allocator ----------------- */

/* Functions an application installed with xmlMemSetup may put a header
 * before each block (libxml2's own debug allocator does), so neither
 * malloc_usable_size nor a header of ours can be used: the size of each
 * block a bounded transform allocates is kept in a table of pointers,
 * open addressing with linear probing, in the libc's memory. A block
 * allocated before the transform and freed during it is not in the table
 * and not counted; one still alive at the end (the result) is forgotten
 * with the table. */
typedef struct sized_blocks {
	size_t cap, n;  /* cap: a power of two */
	struct sized_block { const void *p; size_t size; } *slot;
} sized_blocks;

static xmlFreeFunc app_free;
static xmlMallocFunc app_malloc;
static xmlReallocFunc app_realloc;

static size_t slot_of(const sized_blocks *t, const void *p)
{
	return (size_t)(((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull) & (t->cap - 1);
}

static int blocks_grow(sized_blocks *t)
{
	sized_blocks bigger = {.cap = t->cap ? 2 * t->cap : 1024};
	if (!(bigger.slot = calloc(bigger.cap, sizeof *bigger.slot)))
		return -1;
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slot[i].p)
			continue;
		size_t j = slot_of(&bigger, t->slot[i].p);
		while (bigger.slot[j].p)
			j = (j + 1) & (bigger.cap - 1);
		bigger.slot[j] = t->slot[i];
	}
	free(t->slot);
	bigger.n = t->n;
	*t = bigger;
	return 0;
}

static int blocks_put(sized_blocks *t, const void *p, size_t size)
{
	if (2 * (t->n + 1) > t->cap && blocks_grow(t) != 0)
		return -1;
	size_t i = slot_of(t, p);
	while (t->slot[i].p)
		i = (i + 1) & (t->cap - 1);
	t->slot[i] = (struct sized_block){p, size};
	t->n++;
	return 0;
}

/* Removes p and gives its size; 0 when p is not there. Deletion shifts the
 * entries after it back, so that no probe sequence is broken. */
static size_t blocks_take(sized_blocks *t, const void *p)
{
	if (!t->cap)
		return 0;
	size_t i = slot_of(t, p);
	while (t->slot[i].p && t->slot[i].p != p)
		i = (i + 1) & (t->cap - 1);
	if (!t->slot[i].p)
		return 0;
	size_t size = t->slot[i].size;
	t->n--;
	for (size_t j = (i + 1) & (t->cap - 1); t->slot[j].p; j = (j + 1) & (t->cap - 1)) {
		size_t home = slot_of(t, t->slot[j].p);
		/* Moves j into the hole i unless its home lies cyclically in (i, j]. */
		if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
			t->slot[i] = t->slot[j];
			i = j;
		}
	}
	t->slot[i].p = NULL;
	return size;
}

/* The table of this thread's bounded transform, made on first use; NULL
 * when none is bounded. */
static sized_blocks *tracked_table(void)
{
	sandbox *sb = current;
	if (!sb || !sb->max_memory)
		return NULL;
	if (!sb->blocks)
		sb->blocks = calloc(1, sizeof *sb->blocks);
	return sb->blocks;
}

static void *tracked_malloc(size_t n)
{
	if (refused(n))
		return NULL;
	void *p = app_malloc(n);
	sized_blocks *t = p ? tracked_table() : NULL;
	if (t && blocks_put(t, p, n) != 0) {
		app_free(p);
		return NULL;  /* not counted, not given: the transform sees a memory error */
	}
	if (t)
		current->memory += (long long)n;
	return p;
}

static void tracked_free(void *p)
{
	sized_blocks *t = p && current && current->blocks ? current->blocks : NULL;
	if (t)
		current->memory -= (long long)blocks_take(t, p);
	app_free(p);
}

static void *tracked_realloc(void *p, size_t n)
{
	if (refused(n))
		return NULL;
	void *q = app_realloc(p, n);
	sized_blocks *t = q ? tracked_table() : NULL;
	if (!t)
		return q;
	current->memory -= p ? (long long)blocks_take(t, p) : 0;
	if (blocks_put(t, q, n) == 0)
		current->memory += (long long)n;
	else
		current->memory = 2 * (long long)current->max_memory;  /* untracked: stop the transform */
	return q;
}

static char *tracked_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = tracked_malloc(n);
	return d ? memcpy(d, s, n) : NULL;
}

static void install_counted_allocation(void)
{
	xmlFreeFunc f;
	xmlMallocFunc m;
	xmlReallocFunc r;
	xmlStrdupFunc s;
	if (xmlMemGet(&f, &m, &r, &s) != 0)
		return;
	if (f == free && m == malloc && r == realloc) {
		xmlGcMemSetup(counted_free, counted_malloc, counted_malloc, counted_realloc, counted_strdup);
		return;
	}
	app_free = f;
	app_malloc = m;
	app_realloc = r;
	xmlGcMemSetup(tracked_free, tracked_malloc, tracked_malloc, tracked_realloc, tracked_strdup);
}

static void forget_blocks(sandbox *sb)
{
	if (sb && sb->blocks) {
		free(sb->blocks->slot);
		free(sb->blocks);
		sb->blocks = NULL;
	}
}

/* ---- what may be read ----------------------------------------------------- */

/* Collapses ".", ".." and repeated slashes of an absolute path in place;
 * -1 when ".." would climb above the root. */
static int normalize(char *path)
{
	char *out = path, *in = path;
	while (*in) {
		while (*in == '/')
			in++;
		char *seg = in;
		while (*in && *in != '/')
			in++;
		size_t len = (size_t)(in - seg);
		if (len == 0 || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out == path)
				return -1;
			while (out > path && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, len);
		out += len;
	}
	if (out == path)
		*out++ = '/';
	*out = 0;
	return 0;
}

/* The local path a URI names (file: or no scheme), unescaped, into buf;
 * else a French reason. */
static const char *local_path(const char *uri, char *buf, size_t cap)
{
	xmlURIPtr u = xmlParseURI(uri);
	const char *why = NULL;
	if (!u)
		why = "adresse illisible";
	else if (u->scheme && strcmp(u->scheme, "file") != 0)
		why = "un modèle ne lit rien par le réseau";
	else if (u->server && *u->server && strcmp(u->server, "localhost") != 0)
		why = "un modèle ne lit rien par le réseau";
	else if (!u->path || u->path[0] != '/' || strlen(u->path) >= cap)
		why = "hors du dossier des modèles";
	else
		snprintf(buf, cap, "%s", u->path);
	xmlFreeURI(u);
	return why;
}

int sandbox_name_ok(const char *name)
{
	if (!name || !*name || strlen(name) > 64)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_'))
			return 0;
	return 1;
}

static int allowed_name(const sandbox *sb, const char *name)
{
	if (sb->compiling)
		return sandbox_name_ok(name);
	for (int i = 0; i < sb->nfolders; i++)
		if (strcmp(sb->folders[i], name) == 0)
			return 1;
	return 0;
}

/* Whether real (a resolved path) lies in the folder templates/name. */
static int really_inside(const sandbox *sb, const char *name, const char *real)
{
	char folder[PATH_MAX + 80];
	snprintf(folder, sizeof folder, "%s/%s", sb->templates, name);
	char *root = realpath(folder, NULL);
	size_t n = root ? strlen(root) : 0;
	int ok = root && strncmp(real, root, n) == 0 && real[n] == '/';
	free(root);
	return ok;
}

/* Checks that uri names a regular file of a readable template folder:
 * its path into path, its template's name into name; else a French reason. */
static const char *resolve(const sandbox *sb, const char *uri, char *path, size_t cap, char name[72])
{
	const char *why = local_path(uri, path, cap);
	if (why)
		return why;
	size_t n = strlen(sb->templates);
	if (normalize(path) != 0)
		return "hors du dossier des modèles";
	/* The identity is the engine's file, as the template's parts are: it
	 * may be a link (a data folder assembled from links), not a template's
	 * choice. It is still read safely. */
	if (sb->identity && strcmp(path, sb->identity) == 0 && !sb->compiling)
		return NULL;
	if (strncmp(path, sb->templates, n) != 0 || path[n] != '/')
		return "hors du dossier des modèles";
	const char *rest = path + n + 1, *slash = strchr(rest, '/');
	if (!slash || (size_t)(slash - rest) >= 72)
		return "hors du dossier d'un modèle";
	snprintf(name, 72, "%.*s", (int)(slash - rest), rest);
	if (!allowed_name(sb, name))
		return sb->compiling ? "hors du dossier d'un modèle"
		                     : "hors des dossiers du modèle et des modèles qu'il importe";
	char *real = realpath(path, NULL);
	struct stat st;
	int inside = real && really_inside(sb, name, real) && stat(real, &st) == 0;
	int regular = inside && S_ISREG(st.st_mode);
	free(real);
	if (!real)
		return "fichier introuvable";
	if (!inside)
		return "lien symbolique qui sort du dossier du modèle";
	return regular ? NULL : "ce n'est pas un fichier ordinaire";
}

/* The name shown for a URI: relative to the templates folder when inside. */
static const char *shown(const sandbox *sb, const char *uri)
{
	size_t n = strlen(sb->templates);
	const char *p = strncmp(uri, "file://", 7) == 0 ? uri + 7 : uri;
	return strncmp(p, sb->templates, n) == 0 && p[n] == '/' ? p + n + 1 : uri;
}

/* A refused or failed load: the next located message of libxslt (its
 * "unable to load" while compiling; ours, at the instruction, while
 * transforming: document() fails silently) says why. */
static void refuse(sandbox *sb, void *ctxt, xsltLoadType type, const char *uri, const char *why)
{
	char what[400];
	xmlmsg_quote(shown(sb, uri), 200, what, sizeof what);
	sb->pending = D_TEMPLATE_SANDBOX;
	snprintf(sb->pending_text, sizeof sb->pending_text, "%s\n%s", what, why);
	if (type == XSLT_LOAD_DOCUMENT)
		xsltTransformError(ctxt, NULL, NULL, "delib: refused\n");
}

/* Reads a file already checked, with the project's safe parser; the first
 * problem becomes the reason. */
static xmlDocPtr read_checked(sandbox *sb, const char *path, xmlDictPtr dict, void *ctxt, xsltLoadType type,
                              const char *uri)
{
	diag_list dl = {.file = path};
	char *data = NULL;
	size_t size = 0;
	xmlDocPtr doc = NULL;
	if (read_file(path, &data, &size, &dl) == 0) {
		doc = parse_xml_dict(data, size, path, dict, &dl);
		free(data);
	}
	if (!doc) {
		char why[600];
		if (dl.n)
			snprintf(why, sizeof why, "ligne %d : %s", dl.items[0].line, dl.items[0].message);
		else
			snprintf(why, sizeof why, "illisible");
		refuse(sb, ctxt, type, uri, why);
	}
	diag_list_free(&dl);
	return doc;
}

static void remember_folder(sandbox *sb, const char *name)
{
	for (int i = 0; i < sb->nfolders; i++)
		if (strcmp(sb->folders[i], name) == 0)
			return;
	if (sb->nfolders < SANDBOX_MAX_FOLDERS)
		snprintf(sb->folders[sb->nfolders++], sizeof sb->folders[0], "%s", name);
}

static xmlDocPtr sandbox_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt, xsltLoadType type)
{
	sandbox *sb = current;
	if (!sb)
		return libxslt_loader(uri, dict, options, ctxt, type);
	char path[PATH_MAX + 80], name[72];
	const char *why = resolve(sb, (const char *)uri, path, sizeof path, name);
	if (why) {
		refuse(sb, ctxt, type, (const char *)uri, why);
		return NULL;
	}
	xmlDocPtr doc = read_checked(sb, path, dict, ctxt, type, (const char *)uri);
	if (doc && type != XSLT_LOAD_DOCUMENT)
		remember_folder(sb, name);
	return doc;
}

/* ---- the instruction hook ------------------------------------------------- */

static void stop(sandbox *sb, xsltTransformContextPtr tc, xmlNodePtr inst, diag_code code, const char *text)
{
	sb->pending = code;
	snprintf(sb->pending_text, sizeof sb->pending_text, "%s", text);
	xsltTransformError(tc, NULL, inst, "delib: stopped\n");
	sb->stopped = 1;
	tc->state = XSLT_STATE_STOPPED;
}

/* Notes that the instruction at line of doc ran. */
static void note_origin(transform_origin *o, const xmlNode *inst)
{
	long line = inst->doc ? xmlGetLineNo(inst) : -1;
	if (line <= 0 || line >= ORIGIN_LINES)
		return;
	int i = 0;
	while (i < o->n && o->docs[i] != inst->doc)
		i++;
	if (i == o->n) {
		if (o->n == ORIGIN_FILES || !inst->doc->URL ||
		    !(o->lines[i] = calloc(ORIGIN_LINES / 8, 1)) ||
		    !(o->paths[i] = strdup((const char *)inst->doc->URL))) {
			free(o->lines[i]);
			o->lines[i] = NULL;
			return;
		}
		o->docs[o->n++] = inst->doc;
	}
	o->lines[i][line / 8] |= (unsigned char)(1u << (line % 8));
}

/* Called by libxslt before each instruction of a bounded transform. */
static void on_instruction(xmlNodePtr inst, xmlNodePtr node, xsltTemplatePtr templ, xsltTransformContextPtr tc)
{
	(void)node;
	(void)templ;
	sandbox *sb = current;
	if (!sb || sb->stopped || tc->state == XSLT_STATE_STOPPED)
		return;
	if (sb->origin && inst)
		note_origin(sb->origin, inst);
	char text[300];
	if (++sb->steps > sb->max_steps) {
		snprintf(text, sizeof text,
		         "le modèle a exécuté plus de %lu instructions pour ce document : des boucles imbriquées sur "
		         "tout le document, ou une récursion sans fin ?", sb->max_steps);
		stop(sb, tc, inst, D_TEMPLATE_LIMIT, text);
	} else if (sb->max_memory && sb->memory > (long long)sb->max_memory && sb->render_memory) {
		stop(sb, tc, inst, D_RENDER_MEMORY, "");
	} else if (sb->max_memory && sb->memory > (long long)sb->max_memory) {
		snprintf(text, sizeof text,
		         "le modèle a alloué plus de %zu Mio pendant la transformation : une chaîne doublée à chaque "
		         "appel, ou des copies du document entier ?", sb->max_memory >> 20);
		stop(sb, tc, inst, D_TEMPLATE_LIMIT, text);
	} else if (sb->deadline > 0 && (sb->steps & 255) == 0 && monotonic_ms() > sb->deadline) {
		stop(sb, tc, inst, D_RENDER_TIMEOUT, "");
	}
}

static int on_call(xsltTemplatePtr templ, xmlNodePtr source)
{
	(void)templ;
	(void)source;
	return 0;  /* nothing to drop after the call */
}

/* libxslt's debugger interface: the only hook it calls at every
 * instruction (xsltSetDebuggerCallbacks takes these three). */
static struct {
	xsltHandleDebuggerCallback handler;
	xsltAddCallCallback add;
	xsltDropCallCallback drop;
} hooks = {on_instruction, on_call, NULL};

/* ---- messages ------------------------------------------------------------- */

/* libxslt's process-wide error function: forwarded to this thread's
 * sandbox, else to standard error as libxslt would. */
static void route(void *user, const char *fmt, ...)
{
	(void)user;
	va_list ap;
	va_start(ap, fmt);
	if (current && current->report)
		current->report(current->report_user, fmt, ap);
	else
		vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static void init_once(void)
{
	libxslt_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(sandbox_loader);
	xsltSetDebuggerCallbacks(3, &hooks);
	xsltSetGenericErrorFunc(NULL, route);
	install_counted_allocation();
}

void sandbox_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, init_once);
}

void sandbox_bound(sandbox *sb, xsltTransformContextPtr tc, unsigned long steps)
{
	sb->max_steps = steps;
	sb->steps = 0;
	sb->memory = 0;
	sb->stopped = 0;
	tc->maxTemplateDepth = SANDBOX_DEPTH;
	tc->maxTemplateVars = SANDBOX_VARS;
	tc->xpathCtxt->opLimit = steps * XPATH_OPS_PER_STEP;
	tc->xpathCtxt->opCount = 0;
	tc->debugStatus = XSLT_DEBUG_RUN;  /* calls on_instruction; the process-wide status stays off */
}

/* ---- the folders a compiled template may read ----------------------------- */

typedef struct kept_folders {
	int n;
	char names[SANDBOX_MAX_FOLDERS][72];
} kept_folders;

void sandbox_keep_folders(const sandbox *sb, xsltStylesheetPtr sheet)
{
	kept_folders *k = calloc(1, sizeof *k);
	if (!k)
		return;  /* document() then reads nothing: refused, not widened */
	k->n = sb->nfolders;
	memcpy(k->names, sb->folders, sizeof k->names);
	sheet->_private = k;
}

void sandbox_take_folders(sandbox *sb, xsltStylesheetPtr sheet)
{
	const kept_folders *k = sheet->_private;
	sb->nfolders = k ? k->n : 0;
	if (k)
		memcpy(sb->folders, k->names, sizeof sb->folders);
}

void sandbox_free_folders(xsltStylesheetPtr sheet)
{
	if (sheet) {
		free(sheet->_private);
		sheet->_private = NULL;
	}
}
