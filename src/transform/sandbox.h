/* SPDX-License-Identifier: Apache-2.0 */
/* What a template may read, and how long and how much it may run.
 *
 * A template is untrusted input (a town hall's staff or a provider writes
 * it). libxslt reads the files a stylesheet names (xsl:include and
 * xsl:import while compiling, document() while transforming) through one
 * loader for the whole process, and runs a transform with no bound of time
 * or memory. The sandbox of the load or transform running on this thread
 * (sandbox_enter … sandbox_leave: libxslt calls back within it, on the same
 * thread) decides instead:
 * - a file is read only under the templates folder: while compiling, in
 *   any template's folder (a template imports another); while
 *   transforming, only in the folders of the stylesheets the template is
 *   made of. A symbolic link is followed only when its target stays in
 *   that folder. The file is read with the project's safe reading
 *   (parse.h: no DTD, no entity, no network) and nothing of a refused file
 *   is read, so none of it can reach a message;
 * - a transform stops (its state XSLT_STATE_STOPPED, a diagnostic at the
 *   instruction it had reached) past the render's deadline, past a number
 *   of executed instructions that grows with the input, or past a memory
 *   bound; libxslt's depth and variable limits are set, XPath's operation
 *   limit too.
 * The memory is counted by libxml2's allocation functions, wrapped once
 * for the process (xmlGcMemSetup): an allocation is counted for the
 * sandbox of the thread that makes it. Over libxml2's default functions
 * (the process's malloc, whichever it is: glibc's, jemalloc, a
 * sanitizer's) a block's size is malloc_usable_size's; over functions an
 * application installed itself (xmlMemSetup before delib starts), which
 * may keep their own header, the wrapper remembers the size of each block
 * a bounded transform allocates, in a table of that transform. */
#ifndef DELIB_SANDBOX_H
#define DELIB_SANDBOX_H
#include <libxslt/xsltInternals.h>
#include <stdarg.h>
#include "diag.h"

#define SANDBOX_MAX_FOLDERS 8        /* templates one template may be made of (itself, imports) */
#define SANDBOX_DEPTH 400            /* nested template calls (libxslt: 3000; the default template: 12) */
#define SANDBOX_VARS 5000            /* variables alive at once (libxslt: 15000) */
/* [bytes] What one transform may allocate, when the render allows more or
 * sets no bound: 170,000 nodes of input (a table of 100,000 cells) take
 * 21 MB; a string doubled at each call is stopped in 0.4 s. */
#define SANDBOX_MEMORY ((size_t)64 << 20)

/* The stylesheet files whose instructions a transform executed, and at
 * which lines: the layout tree keeps the template line of each element it
 * holds, not the file (an importing template's, or default's). */
#define ORIGIN_FILES 16
#define ORIGIN_LINES 65536
typedef struct transform_origin {
	int n;
	const void *docs[ORIGIN_FILES];
	char *paths[ORIGIN_FILES];
	unsigned char *lines[ORIGIN_FILES];   /* ORIGIN_LINES / 8 bytes: a bit per line */
} transform_origin;

/* Where a diagnostic of the sandbox goes: the error function of the load
 * or transform (transform.c), which knows the template's line. */
typedef void (*sandbox_report)(void *user, const char *fmt, va_list ap);

typedef struct sandbox {
	const char *templates;     /* the templates folder, absolute */
	char folders[SANDBOX_MAX_FOLDERS][72];  /* template names readable at run time */
	int nfolders;
	int compiling;             /* loading a stylesheet: any template's folder may be read */
	sandbox_report report;     /* libxslt's and libxml2's messages on this thread */
	void *report_user;
	/* What the next located message of libxslt stands for: a refused file
	 * (libxslt then says "unable to load") or a stop of ours. */
	diag_code pending;         /* D_INTERNAL: none */
	char pending_text[700];
	int stopped;               /* a stop was reported: libxslt's follow-ups are dropped */
	/* Transform bounds (0: none). */
	double deadline;           /* [ms] monotonic_ms() clock */
	unsigned long max_steps, steps;  /* instructions executed */
	size_t max_memory;         /* [bytes] */
	int render_memory;         /* max_memory is the render's bound (render.memory), not the sandbox's */
	long long memory;          /* [bytes] allocated by libxml2/libxslt since the transform began */
	transform_origin *origin;  /* NULL: not recorded */
	const char *identity;      /* the template's template.xml (transform.h), or NULL */
	struct sized_blocks *blocks;  /* the blocks counted over an application's allocator, or NULL */
} sandbox;

/* A template name: letters, digits, '-', '_' (nothing that could leave
 * the templates folder), at most 64 bytes. */
int sandbox_name_ok(const char *name);
/* Installs the loader, the instruction hook, the message routing and the
 * counted allocation, once for the process. */
void sandbox_init(void);
/* sb becomes this thread's sandbox until sandbox_leave. */
void sandbox_enter(sandbox *sb);
void sandbox_leave(void);
/* Bounds a transform context made on this thread's sandbox: libxslt's
 * depth and variable limits, XPath's operations, the instruction hook;
 * steps is the number of instructions allowed. */
void sandbox_bound(sandbox *sb, xsltTransformContextPtr tc, unsigned long steps);
/* The template names whose folders a compiled stylesheet may read at run
 * time (attached to the sheet by transform_load, freed with it). */
void sandbox_keep_folders(const sandbox *sb, xsltStylesheetPtr sheet);
void sandbox_take_folders(sandbox *sb, xsltStylesheetPtr sheet);
void sandbox_free_folders(xsltStylesheetPtr sheet);
#endif
