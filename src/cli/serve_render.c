/* SPDX-License-Identifier: Apache-2.0 */
/* delib serve: the render pool (see serve.h).
 *
 * N worker threads, each with its own delib_ctx (the API's rule: a context
 * is used by one thread at a time), created by the worker itself when it
 * starts and freed when it ends; a bounded FIFO of jobs; a watchdog thread.
 * Contexts are made at start rather than at a worker's first job: the first
 * requests do not pay for loading fonts, schemas and templates (and do not
 * run into the time limit for it), and a broken data folder stops the
 * service at start instead of failing requests.
 *
 * The time limit. Every job gets a deadline when it is queued (submission +
 * timeout). The render itself is given what is left of it
 * (delib_options.time_limit_ms): libdelib stops at its next stage, block or
 * page once it is past, so a worker is not held by a runaway document. The
 * watchdog answers the client at the deadline in any case: when it passes
 * before the worker has finished, the job gets the outcome JOB_TIMEOUT and
 * the connection answers 503 at once; a job still waiting in the queue is
 * skipped by the workers, and a render stopping late is freed unseen. The
 * memory of a render's layout is bounded too (delib_options.memory_limit,
 * RENDER_MEMORY_PER_BODY_BYTE times the body limit).
 *
 * Contexts are created and templates loaded under `load_lock`, one thread
 * at a time, as batch.c does in its main thread (libxslt's error function
 * is process-wide, but the one libdelib installs sends each thread's
 * messages to that thread's own load, src/transform/sandbox.c: the lock is
 * no longer needed for it and stays as the simple rule); each worker
 * compiles every part of every template at
 * start (delib_ctx_load_template), so renders never load one (unless there
 * are more templates than a context keeps: see render_one).
 *
 * Reloading the templates (SIGHUP, render_pool_reload): the new set is
 * first loaded into a trial context in the caller's thread; a template
 * that does not load refuses the whole set and the workers keep theirs.
 * Accepted, it becomes the pool's generation g+1. Each job is stamped with
 * the generation current when it is queued, and a worker builds a new
 * context only for a job of a later generation than its own (or when idle,
 * the queue empty): the queue being FIFO, jobs leave it in the order of
 * their generations, so every job queued before the reload — rendering or
 * still waiting — is rendered with the old templates, every job queued
 * after with the new. A worker whose new context fails keeps its old one
 * (logged). A context is only ever used by its worker, so no reference
 * counting is needed: the old one is freed by the worker that replaces it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "serve.h"
#include "sys.h"

struct render_job {
	render_pool *pool;
	int refs;              /* the caller's and the pool's; guarded by pool->lock */
	job_outcome outcome;   /* guarded by pool->lock */
	double deadline;       /* [ms] monotonic_ms() clock */
	char *body;
	size_t size;
	char template_name[65]; /* serve_template_name_ok: at most 64 */
	int draft;
	job_kind kind;
	unsigned long generation; /* of the templates when queued */
	render_done_fn on_done;
	void *cls;
	delib_status status;   /* set with outcome JOB_DONE */
	delib_result result;
	render_job *qnext;          /* queue of jobs waiting for a worker */
	render_job *wprev, *wnext;  /* jobs without an outcome, by deadline */
};

typedef struct worker {
	render_pool *pool;
	pthread_t thread;
	int started, done;     /* done guarded by pool->lock */
	unsigned long generation; /* of the templates loaded in its context */
} worker;

struct render_pool {
	pthread_mutex_t lock;
	pthread_cond_t work;   /* a job was queued, or the pool is stopping */
	pthread_cond_t tick;   /* the deadline list changed, or stopping */
	pthread_cond_t state;  /* a worker is ready, failed or ended */
	pthread_mutex_t load_lock;
	render_job *qhead, *qtail;
	render_job *whead, *wtail;
	int reserved;          /* jobs holding a place in the queue */
	int max_queue;
	int stopping;
	int ready, failed;     /* workers whose context is loaded / failed */
	unsigned timeout_ms;
	size_t memory_limit;   /* [bytes] layout memory of one render */
	const char *data_dir;
	char (*names)[65];     /* the templates to load, guarded by lock */
	int nnames;
	unsigned long generation; /* of names, guarded by lock */
	int busy;              /* workers rendering, guarded by lock */
	char err[512];         /* first worker failure */
	int nworkers;
	worker *workers;
	pthread_t watchdog;
	int watchdog_started;
};

/* ---- Jobs --------------------------------------------------------------- */

static void free_job(render_job *j)
{
	free(j->body);
	delib_result_free(&j->result);
	free(j);
}

/* Drops one reference; the caller holds pool->lock. Returns the job to free
 * (outside the lock) or NULL. */
static render_job *unref_locked(render_job *j)
{
	return --j->refs == 0 ? j : NULL;
}

static void unlink_deadline(render_pool *p, render_job *j)
{
	if (j->wprev)
		j->wprev->wnext = j->wnext;
	else
		p->whead = j->wnext;
	if (j->wnext)
		j->wnext->wprev = j->wprev;
	else
		p->wtail = j->wprev;
	j->wprev = j->wnext = NULL;
}

render_job *render_job_new(render_pool *p)
{
	render_job *j = calloc(1, sizeof *j);
	if (!j)
		return NULL;
	pthread_mutex_lock(&p->lock);
	int ok = !p->stopping && p->reserved < p->max_queue;
	if (ok)
		p->reserved++;
	pthread_mutex_unlock(&p->lock);
	if (!ok) {
		free(j);
		return NULL;
	}
	j->pool = p;
	j->refs = 2;
	return j;
}

void render_job_start(render_job *j, char *body, size_t size, const char *template_name, int draft, job_kind kind,
                      render_done_fn on_done, void *cls)
{
	render_pool *p = j->pool;
	j->body = body;
	j->size = size;
	snprintf(j->template_name, sizeof j->template_name, "%s", template_name);
	j->draft = draft;
	j->kind = kind;
	j->on_done = on_done;
	j->cls = cls;
	j->deadline = monotonic_ms() + p->timeout_ms;
	pthread_mutex_lock(&p->lock);
	j->generation = p->generation;
	if (p->qtail)
		p->qtail->qnext = j;
	else
		p->qhead = j;
	p->qtail = j;
	/* Same timeout for every job: appending keeps the list by deadline. */
	j->wprev = p->wtail;
	if (p->wtail)
		p->wtail->wnext = j;
	else
		p->whead = j;
	p->wtail = j;
	pthread_cond_signal(&p->work);
	pthread_cond_signal(&p->tick);
	pthread_mutex_unlock(&p->lock);
}

job_outcome render_job_outcome(render_job *j, delib_status *st, const delib_result **res)
{
	pthread_mutex_lock(&j->pool->lock);
	job_outcome o = j->outcome;
	pthread_mutex_unlock(&j->pool->lock);
	if (o == JOB_DONE) {
		*st = j->status;
		*res = &j->result;
	}
	return o;
}

void render_job_release(render_job *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&j->pool->lock);
	render_job *dead = unref_locked(j);
	pthread_mutex_unlock(&j->pool->lock);
	if (dead)
		free_job(dead);
}

/* ---- Workers ------------------------------------------------------------ */

/* Templates whose every part a context keeps compiled (libdelib's cache:
 * three parts each). With more, a render may have to load its own. */
#define PRELOADED_TEMPLATES 8

/* Loads a template's deliberation.xsl into ctx (under load_lock), or finds
 * it cached: with more templates than a context keeps, before each render. */
static delib_status load_deliberation_part(render_pool *p, delib_ctx *ctx, const char *name)
{
	char fp[DELIB_FINGERPRINT_SIZE];
	pthread_mutex_lock(&p->load_lock);
	delib_status st = delib_ctx_fingerprint(ctx, name, fp);
	pthread_mutex_unlock(&p->load_lock);
	return st;
}

/* Compiles every part of a template into ctx (under load_lock): a broken
 * liste.xsl or convocation.xsl is found at start or at SIGHUP, not by the
 * first request that needs it. 0, or -1 with a French message in err
 * naming the first problem (its template file and line). */
static int load_template(render_pool *p, delib_ctx *ctx, const char *name, char *err, size_t errlen)
{
	delib_result res;
	pthread_mutex_lock(&p->load_lock);
	delib_status st = delib_ctx_load_template(ctx, name, &res);
	pthread_mutex_unlock(&p->load_lock);
	if (st != DELIB_OK) {
		char why[400] = "";
		for (int i = 0; i < res.ndiags && !why[0]; i++)
			if (res.diags[i].severity == DELIB_ERROR)
				delib_diag_format(&res.diags[i], why, sizeof why);
		snprintf(err, errlen, "le modèle « %s » ne se charge pas%s%s", name, why[0] ? " : " : "", why);
	}
	delib_result_free(&res);
	return st == DELIB_OK ? 0 : -1;
}

/* A context with every template of names[0, n) loaded (all their parts,
 * the first PRELOADED_TEMPLATES); NULL with a French message in err. */
static delib_ctx *build_context(render_pool *p, char (*names)[65], int n, char *err, size_t errlen)
{
	pthread_mutex_lock(&p->load_lock);
	delib_ctx *ctx = delib_ctx_new(p->data_dir, err, errlen);
	pthread_mutex_unlock(&p->load_lock);
	for (int i = 0; ctx && i < n; i++) {
		int bad = i < PRELOADED_TEMPLATES ? load_template(p, ctx, names[i], err, errlen) != 0
		                                  : load_deliberation_part(p, ctx, names[i]) != DELIB_OK;
		if (bad) {
			if (i >= PRELOADED_TEMPLATES)
				snprintf(err, errlen, "le modèle « %s » ne se charge pas", names[i]);
			delib_ctx_free(ctx);
			ctx = NULL;
		}
	}
	return ctx;
}

/* The pool's names and generation, copied under its lock. */
static char (*snapshot_names(render_pool *p, int *n, unsigned long *gen))[65]
{
	pthread_mutex_lock(&p->lock);
	char(*copy)[65] = malloc(sizeof *copy * (size_t)(p->nnames ? p->nnames : 1));
	if (copy)
		memcpy(copy, p->names, sizeof *copy * (size_t)p->nnames);
	*n = copy ? p->nnames : 0;
	*gen = p->generation;
	pthread_mutex_unlock(&p->lock);
	return copy;
}

static delib_ctx *worker_context(render_pool *p, worker *w)
{
	char err[512] = "";
	int n;
	char(*names)[65] = snapshot_names(p, &n, &w->generation);
	delib_ctx *ctx = names ? build_context(p, names, n, err, sizeof err) : NULL;
	if (!names)
		snprintf(err, sizeof err, "mémoire insuffisante");
	free(names);
	pthread_mutex_lock(&p->lock);
	if (ctx)
		p->ready++;
	else if (p->failed++ == 0)
		snprintf(p->err, sizeof p->err, "%s", err);
	pthread_cond_broadcast(&p->state);
	pthread_mutex_unlock(&p->lock);
	return ctx;
}

/* Every part of the first PRELOADED_TEMPLATES templates is compiled when
 * the context is made: their renders load nothing and run side by side.
 * Beyond, a context's cache may have to compile a part at render time:
 * a deliberation's is loaded under load_lock first, and a convocation or a
 * list (one request per séance) runs whole under the lock, since libdelib
 * has no call to load only those parts ahead. */
static void render_one(render_pool *p, delib_ctx *ctx, render_job *j, delib_status *st, delib_result *res)
{
	int beyond_cache = p->nnames > PRELOADED_TEMPLATES;
	if (beyond_cache)
		load_deliberation_part(p, ctx, j->template_name);
	int locked = beyond_cache && (j->kind == JOB_CONVOCATION || j->kind == JOB_LISTE);
	if (locked)
		pthread_mutex_lock(&p->load_lock);
	double left = j->deadline - monotonic_ms();
	delib_options opt = {.source_name = "<requête>",
	                     .template_name = j->template_name,
	                     .draft = j->draft,
	                     .want_pdf = j->kind != JOB_VALIDATE,
	                     .time_limit_ms = left > 1 ? (unsigned)left : 1,
	                     .memory_limit = p->memory_limit};
	if (j->kind == JOB_CONVOCATION)
		*st = delib_render_convocation_memory(ctx, j->body, j->size, &opt, res);
	else if (j->kind == JOB_LISTE)
		*st = delib_render_list_memory(ctx, j->body, j->size, &opt, res);
	else
		*st = delib_render_memory(ctx, j->body, j->size, &opt, res);
	if (locked)
		pthread_mutex_unlock(&p->load_lock);
}

/* Takes the next job to render, skipping those already answered (timed out
 * in the queue). NULL when the pool stops and the queue is empty, or when
 * the worker must load newer templates first (*reload set): the next job
 * is of a later generation than its context, or it is idle and the
 * templates changed. */
static render_job *next_job(render_pool *p, worker *w, int *reload)
{
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->qhead && !p->stopping && w->generation == p->generation)
			pthread_cond_wait(&p->work, &p->lock);
		*reload = !p->stopping && (p->qhead ? p->qhead->generation > w->generation : w->generation != p->generation);
		render_job *j = *reload ? NULL : p->qhead;
		if (!j)
			break;
		p->qhead = j->qnext;
		if (!p->qhead)
			p->qtail = NULL;
		p->reserved--;
		if (j->outcome == JOB_PENDING) {
			p->busy++;
			pthread_mutex_unlock(&p->lock);
			return j;
		}
		render_job *dead = unref_locked(j);
		pthread_mutex_unlock(&p->lock);
		if (dead)
			free_job(dead);
		pthread_mutex_lock(&p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static const char *kind_route(job_kind k)
{
	switch (k) {
	case JOB_VALIDATE: return "/v1/validate";
	case JOB_CONVOCATION: return "/v1/convocation";
	case JOB_LISTE: return "/v1/liste";
	default: return "/v1/render";
	}
}

static int has_id(const delib_result *r, const char *id)
{
	for (int i = 0; i < r->ndiags; i++)
		if (strcmp(r->diags[i].id, id) == 0)
			return 1;
	return 0;
}

static const char *outcome_name(delib_status st, const delib_result *r)
{
	switch (st) {
	case DELIB_OK: return "ok";
	case DELIB_INVALID: return "invalid";
	default: return has_id(r, "render.timeout") ? "timeout" : has_id(r, "render.memory") ? "memory" : "error";
	}
}

static void finish_job(render_pool *p, render_job *j, job_outcome o, delib_status st, delib_result *res,
                       double seconds)
{
	pthread_mutex_lock(&p->lock);
	p->busy--;
	int answer = j->outcome == JOB_PENDING;
	/* A render the watchdog answered was counted as a timeout there. */
	serve_metrics_render(kind_route(j->kind), seconds, answer ? outcome_name(st, res) : NULL);
	if (answer) {
		j->outcome = o;
		j->status = st;
		j->result = *res;
		unlink_deadline(p, j);
		pthread_cond_signal(&p->tick);
	}
	free(j->body);  /* not needed any more: free it early */
	j->body = NULL;
	pthread_mutex_unlock(&p->lock);
	if (answer)
		j->on_done(j->cls);
	else
		delib_result_free(res);  /* the watchdog answered 503 already */
	pthread_mutex_lock(&p->lock);
	render_job *dead = unref_locked(j);
	pthread_mutex_unlock(&p->lock);
	if (dead)
		free_job(dead);
}

/* A new context for the pool's current templates in place of *ctx; on
 * failure the old one stays (and the failure is logged). */
static void reload_context(render_pool *p, worker *w, delib_ctx **ctx)
{
	char err[512] = "";
	int n;
	char(*names)[65] = snapshot_names(p, &n, &w->generation);
	delib_ctx *fresh = names ? build_context(p, names, n, err, sizeof err) : NULL;
	free(names);
	if (!fresh) {
		fprintf(stderr, "delib serve : un fil de rendu garde ses modèles précédents : %s\n",
		        err[0] ? err : "mémoire insuffisante");
		return;
	}
	delib_ctx_free(*ctx);
	*ctx = fresh;
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	render_pool *p = w->pool;
	delib_ctx *ctx = worker_context(p, w);  /* this thread's own */
	render_job *j;
	int reload;
	while ((j = next_job(p, w, &reload)) || reload) {
		if (!j) {
			reload_context(p, w, &ctx);
			continue;
		}
		delib_result res = {0};
		delib_status st = DELIB_INTERNAL;
		double t0 = monotonic_ms();
		if (ctx)
			render_one(p, ctx, j, &st, &res);
		finish_job(p, j, ctx ? JOB_DONE : JOB_NO_CONTEXT, st, &res, (monotonic_ms() - t0) / 1000.0);
	}
	delib_ctx_free(ctx);
	pthread_mutex_lock(&p->lock);
	w->done = 1;
	pthread_cond_broadcast(&p->state);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* ---- Watchdog ----------------------------------------------------------- */

static void *watchdog_main(void *arg)
{
	render_pool *p = arg;
	pthread_mutex_lock(&p->lock);
	while (!p->stopping || p->whead) {
		render_job *j = p->whead;
		if (!j) {
			pthread_cond_wait(&p->tick, &p->lock);
			continue;
		}
		double left = j->deadline - monotonic_ms();
		if (left > 0) {
			struct timespec ts = timespec_after(CLOCK_MONOTONIC, left);
			pthread_cond_timedwait(&p->tick, &p->lock, &ts);
			continue;
		}
		j->outcome = JOB_TIMEOUT;
		unlink_deadline(p, j);
		serve_metrics_render_timeout();
		/* The job stays alive: the connection holds its reference until
		 * the response is sent, and the callback touches only cls. */
		render_done_fn fn = j->on_done;
		void *cls = j->cls;
		pthread_mutex_unlock(&p->lock);
		fn(cls);
		pthread_mutex_lock(&p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* ---- Pool --------------------------------------------------------------- */

static int init_sync(render_pool *p)
{
	pthread_condattr_t ca;
	if (pthread_condattr_init(&ca) != 0)
		return -1;
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	int rc = pthread_mutex_init(&p->lock, NULL) | pthread_mutex_init(&p->load_lock, NULL) |
	         pthread_cond_init(&p->work, NULL) | pthread_cond_init(&p->tick, &ca) |
	         pthread_cond_init(&p->state, NULL);
	pthread_condattr_destroy(&ca);
	return rc ? -1 : 0;
}

/* The pool's names from t; the caller holds lock (or the pool is new). */
static int set_names(render_pool *p, const serve_templates *t)
{
	char(*names)[65] = calloc((size_t)(t->n ? t->n : 1), sizeof *names);
	if (!names)
		return -1;
	for (int i = 0; i < t->n; i++)
		snprintf(names[i], sizeof names[i], "%s", t->items[i].name);
	free(p->names);
	p->names = names;
	p->nnames = t->n;
	return 0;
}

int render_pool_reload(render_pool *p, const serve_templates *t, char *err, size_t errlen)
{
	char(*names)[65] = calloc((size_t)(t->n ? t->n : 1), sizeof *names);
	if (!names) {
		snprintf(err, errlen, "mémoire insuffisante");
		return -1;
	}
	for (int i = 0; i < t->n; i++)
		snprintf(names[i], sizeof names[i], "%s", t->items[i].name);
	delib_ctx *trial = build_context(p, names, t->n, err, errlen);
	free(names);
	if (!trial)
		return -1;
	delib_ctx_free(trial);
	pthread_mutex_lock(&p->lock);
	int rc = set_names(p, t);
	if (rc == 0) {
		p->generation++;
		pthread_cond_broadcast(&p->work); /* idle workers reload now */
	}
	pthread_mutex_unlock(&p->lock);
	if (rc != 0)
		snprintf(err, errlen, "mémoire insuffisante");
	return rc;
}

void render_pool_stats(render_pool *p, int *queued, int *busy, int *workers, unsigned long *generation)
{
	pthread_mutex_lock(&p->lock);
	*queued = p->reserved;
	*busy = p->busy;
	*workers = p->nworkers;
	*generation = p->generation;
	pthread_mutex_unlock(&p->lock);
}

render_pool *render_pool_new(const char *data_dir, const serve_templates *templates, int nworkers, int max_queue,
                             unsigned timeout_ms, size_t memory_limit, char *err, size_t errlen)
{
	render_pool *p = calloc(1, sizeof *p);
	if (!p || !(p->workers = calloc((size_t)nworkers, sizeof *p->workers)) || init_sync(p) != 0) {
		if (p)
			free(p->workers);
		free(p);
		snprintf(err, errlen, "mémoire insuffisante");
		return NULL;
	}
	p->data_dir = data_dir;
	if (set_names(p, templates) != 0) {
		render_pool_free(p, 0);
		snprintf(err, errlen, "mémoire insuffisante");
		return NULL;
	}
	p->generation = 1;
	p->max_queue = max_queue;
	p->timeout_ms = timeout_ms;
	p->memory_limit = memory_limit;
	p->nworkers = nworkers;
	int started = 0;
	for (int i = 0; i < nworkers; i++) {
		p->workers[i].pool = p;
		p->workers[i].started = pthread_create(&p->workers[i].thread, NULL, worker_main, &p->workers[i]) == 0;
		started += p->workers[i].started;
	}
	p->watchdog_started = pthread_create(&p->watchdog, NULL, watchdog_main, p) == 0;
	pthread_mutex_lock(&p->lock);
	while (p->ready + p->failed < started)
		pthread_cond_wait(&p->state, &p->lock);
	int ok = p->failed == 0 && started == nworkers && p->watchdog_started;
	if (!ok)
		snprintf(err, errlen, "%s", p->failed ? p->err : "création des fils de rendu impossible");
	pthread_mutex_unlock(&p->lock);
	if (!ok) {
		render_pool_free(p, 0);
		return NULL;
	}
	return p;
}

/* Waits until every started worker has ended, or until deadline [ms]. */
static void wait_workers(render_pool *p, double deadline)
{
	pthread_mutex_lock(&p->lock);
	for (;;) {
		int running = 0;
		for (int i = 0; i < p->nworkers; i++)
			running += p->workers[i].started && !p->workers[i].done;
		double left = deadline - monotonic_ms();
		if (!running || left <= 0)
			break;
		struct timespec ts = timespec_after(CLOCK_REALTIME, left); /* p->state uses the default clock */
		pthread_cond_timedwait(&p->state, &p->lock, &ts);
	}
	pthread_mutex_unlock(&p->lock);
}

int render_pool_free(render_pool *p, unsigned wait_ms)
{
	if (!p)
		return 0;
	pthread_mutex_lock(&p->lock);
	p->stopping = 1;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->tick);
	pthread_mutex_unlock(&p->lock);
	wait_workers(p, monotonic_ms() + wait_ms);
	int left = 0;
	for (int i = 0; i < p->nworkers; i++) {
		if (!p->workers[i].started)
			continue;
		pthread_mutex_lock(&p->lock);
		int done = p->workers[i].done;
		pthread_mutex_unlock(&p->lock);
		if (done)
			pthread_join(p->workers[i].thread, NULL);
		else
			left++;
	}
	if (p->watchdog_started && left == 0)
		pthread_join(p->watchdog, NULL);
	if (left)  /* threads still use the pool: leave it to the process's exit */
		return left;
	pthread_mutex_destroy(&p->lock);
	pthread_mutex_destroy(&p->load_lock);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->tick);
	pthread_cond_destroy(&p->state);
	free(p->workers);
	free(p->names);
	free(p);
	return 0;
}
