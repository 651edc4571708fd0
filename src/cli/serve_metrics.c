/* SPDX-License-Identifier: Apache-2.0 */
/* delib serve: the counters of GET /metrics (serve.h), in Prometheus text
 * format 0.0.4. Fixed tables of C11 atomics, so that counting costs a few
 * relaxed additions and no lock, in the HTTP threads, the gate and the
 * workers alike; a scrape reads them one by one (a scrape is not a
 * snapshot, which Prometheus does not ask for). */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include "serve.h"

static const char *const ROUTES[] = {"/",          "/healthz",     "/v1/templates", "/v1/render",
                                     "/v1/validate", "/v1/convocation", "/v1/liste",    "/v1/openapi.json",
                                     "/metrics",   "other",        "gate"};
#define NROUTES (sizeof ROUTES / sizeof *ROUTES)
static const unsigned STATUSES[] = {200, 400, 404, 405, 408, 411, 413, 414, 415, 422, 431, 500, 501, 503, 505};
#define NSTATUSES (sizeof STATUSES / sizeof *STATUSES)
/* [s] upper bounds of the render duration buckets; +Inf besides */
static const double BUCKETS[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
#define NBUCKETS (sizeof BUCKETS / sizeof *BUCKETS)
static const char *const OUTCOMES[] = {"ok", "invalid", "timeout", "memory", "error"};
#define NOUTCOMES (sizeof OUTCOMES / sizeof *OUTCOMES)

static atomic_ulong requests[NROUTES][NSTATUSES + 1]; /* the last: another status */
static atomic_ulong hist[NROUTES][NBUCKETS + 1];      /* not cumulative; summed when written */
static atomic_ullong hist_sum_us[NROUTES];
static atomic_ulong renders[NOUTCOMES];

static size_t route_index(const char *route)
{
	for (size_t i = 0; i < NROUTES; i++)
		if (strcmp(ROUTES[i], route) == 0)
			return i;
	return NROUTES - 2; /* other */
}

void serve_metrics_request(const char *route, unsigned status)
{
	size_t s = 0;
	while (s < NSTATUSES && STATUSES[s] != status)
		s++;
	atomic_fetch_add_explicit(&requests[route_index(route)][s], 1, memory_order_relaxed);
}

static void count_outcome(const char *outcome)
{
	for (size_t i = 0; i < NOUTCOMES; i++)
		if (strcmp(OUTCOMES[i], outcome) == 0)
			atomic_fetch_add_explicit(&renders[i], 1, memory_order_relaxed);
}

void serve_metrics_render(const char *route, double seconds, const char *outcome)
{
	size_t r = route_index(route), b = 0;
	while (b < NBUCKETS && seconds > BUCKETS[b])
		b++;
	atomic_fetch_add_explicit(&hist[r][b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&hist_sum_us[r], (unsigned long long)(seconds * 1e6), memory_order_relaxed);
	if (outcome)
		count_outcome(outcome);
}

void serve_metrics_render_timeout(void) { count_outcome("timeout"); }

static unsigned long get(atomic_ulong *a) { return atomic_load_explicit(a, memory_order_relaxed); }

static void write_requests(sbuf *b)
{
	sbuf_puts(b, "# HELP delib_http_requests_total Requêtes HTTP traitées, par route et par statut.\n"
	             "# TYPE delib_http_requests_total counter\n");
	for (size_t r = 0; r < NROUTES; r++)
		for (size_t s = 0; s <= NSTATUSES; s++) {
			unsigned long n = get(&requests[r][s]);
			if (!n)
				continue;
			if (s < NSTATUSES)
				sbuf_printf(b, "delib_http_requests_total{route=\"%s\",status=\"%u\"} %lu\n", ROUTES[r],
				            STATUSES[s], n);
			else
				sbuf_printf(b, "delib_http_requests_total{route=\"%s\",status=\"other\"} %lu\n", ROUTES[r], n);
		}
}

/* One histogram per route that renders; empty ones too, so that a
 * dashboard finds the series from the start. */
static void write_histogram(sbuf *b)
{
	sbuf_puts(b, "# HELP delib_render_duration_seconds Durée des rendus dans les fils de rendu (attente exclue).\n"
	             "# TYPE delib_render_duration_seconds histogram\n");
	for (size_t r = 3; r <= 6; r++) { /* render, validate, convocation, liste */
		unsigned long cum = 0;
		for (size_t k = 0; k <= NBUCKETS; k++) {
			cum += get(&hist[r][k]);
			if (k < NBUCKETS)
				sbuf_printf(b, "delib_render_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n", ROUTES[r],
				            BUCKETS[k], cum);
			else
				sbuf_printf(b, "delib_render_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n", ROUTES[r],
				            cum);
		}
		sbuf_printf(b, "delib_render_duration_seconds_sum{route=\"%s\"} %.6f\n", ROUTES[r],
		            (double)atomic_load_explicit(&hist_sum_us[r], memory_order_relaxed) / 1e6);
		sbuf_printf(b, "delib_render_duration_seconds_count{route=\"%s\"} %lu\n", ROUTES[r], cum);
	}
}

static void gauge(sbuf *b, const char *name, const char *help, long value)
{
	sbuf_printf(b, "# HELP %s %s\n# TYPE %s gauge\n%s %ld\n", name, help, name, name, value);
}

char *serve_metrics_text(const serve_gauges *g, size_t *len)
{
	sbuf b = {0};
	sbuf_printf(&b, "# HELP delib_build_info Version du service.\n# TYPE delib_build_info gauge\n"
	                "delib_build_info{version=\"%s\"} 1\n", DELIB_VERSION);
	write_requests(&b);
	write_histogram(&b);
	sbuf_puts(&b, "# HELP delib_renders_total Rendus et validations terminés, par issue.\n"
	              "# TYPE delib_renders_total counter\n");
	for (size_t i = 0; i < NOUTCOMES; i++)
		sbuf_printf(&b, "delib_renders_total{outcome=\"%s\"} %lu\n", OUTCOMES[i], get(&renders[i]));
	gauge(&b, "delib_queue_depth", "Rendus en attente d'un fil de rendu.", g->queued);
	gauge(&b, "delib_workers_busy", "Fils de rendu occupés.", g->busy);
	gauge(&b, "delib_workers", "Fils de rendu.", g->workers);
	gauge(&b, "delib_requests_in_flight", "Requêtes commencées et non terminées.", g->in_flight);
	gauge(&b, "delib_templates_generation", "Génération des modèles (1 au démarrage, +1 par rechargement).",
	      (long)g->generation);
	sbuf_printf(&b, "# HELP delib_templates_reload_failures_total Rechargements de modèles refusés.\n"
	                "# TYPE delib_templates_reload_failures_total counter\n"
	                "delib_templates_reload_failures_total %lu\n", g->reloads_failed);
	return sbuf_take(&b, len);
}
