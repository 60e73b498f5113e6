/*
 * Prometheus metrics: requests by route and status, a latency histogram, and
 * evaluations run. Lock-free counters, rendered in the text exposition format.
 */
#include "util/common.h"

#include <stdatomic.h>

#include "http/http.h"
#include "http/http_int.h"

#define MAX_ROUTES 256
#define STATUSES   600

static const double buckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
				 0.05,	 0.1,	0.25,	0.5,   1,    2.5};
#define NBUCKETS ARRAY_SIZE(buckets)

/* Routed requests by route; the others (404, 405, refused before routing) by method. */
static const char *const methods[] = {"GET",   "HEAD",	 "POST",    "PUT",
				      "PATCH", "DELETE", "OPTIONS", "other"};
#define NMETHODS ARRAY_SIZE(methods)
static atomic_ulong requests[MAX_ROUTES][STATUSES];
static atomic_ulong unmatched[NMETHODS][STATUSES];
static atomic_ulong latency[NBUCKETS + 1]; /* the last is +Inf */
static atomic_ulong latency_count;
static _Atomic double latency_sum;
static atomic_ulong evaluations;

void http_metrics_init(void)
{
	/* Counters are static and start at zero; nothing to do until they are per-server. */
}

void http_metrics_record(const struct route *route, const char *method, int status, double ms)
{
	double secs = ms / 1000.0, old;
	size_t b = 0;

	if (status >= 0 && status < STATUSES) {
		size_t idx = route ? (size_t)(route - http_routes) : 0;
		if (route && idx < MAX_ROUTES) {
			atomic_fetch_add(&requests[idx][status], 1);
		} else if (!route) {
			size_t m = 0;
			while (m < NMETHODS - 1 && strcmp(methods[m], method ? method : ""))
				m++;
			atomic_fetch_add(&unmatched[m][status], 1);
		}
	}
	while (b < NBUCKETS && secs > buckets[b])
		b++;
	atomic_fetch_add(&latency[b], 1);
	atomic_fetch_add(&latency_count, 1);
	old = atomic_load(&latency_sum);
	while (!atomic_compare_exchange_weak(&latency_sum, &old, old + secs))
		;
}

void http_metrics_evaluations(size_t n)
{
	atomic_fetch_add(&evaluations, n);
}

void http_metrics_render(struct strbuf *out)
{
	struct http_cache_stats cs;
	unsigned long cumulative = 0;

	strbuf_adds(out, "# HELP consort_http_requests_total HTTP requests by route and status.\n"
			 "# TYPE consort_http_requests_total counter\n");
	for (size_t i = 0; i < http_nroutes && i < MAX_ROUTES; i++) {
		for (int st = 0; st < STATUSES; st++) {
			unsigned long n = atomic_load(&requests[i][st]);
			if (n)
				strbuf_addf(
					out,
					"consort_http_requests_total{method=\"%s\",route=\"%s\","
					"status=\"%d\"} %lu\n",
					http_routes[i].method, http_routes[i].pattern, st, n);
		}
	}
	for (size_t m = 0; m < NMETHODS; m++) {
		for (int st = 0; st < STATUSES; st++) {
			unsigned long n = atomic_load(&unmatched[m][st]);
			if (n)
				strbuf_addf(out,
					    "consort_http_requests_total{method=\"%s\",route="
					    "\"unmatched\","
					    "status=\"%d\"} %lu\n",
					    methods[m], st, n);
		}
	}
	strbuf_adds(out, "# HELP consort_http_request_duration_seconds Time to answer a request.\n"
			 "# TYPE consort_http_request_duration_seconds histogram\n");
	for (size_t b = 0; b <= NBUCKETS; b++) {
		cumulative += atomic_load(&latency[b]);
		if (b < NBUCKETS)
			strbuf_addf(out,
				    "consort_http_request_duration_seconds_bucket{le=\"%g\"} %lu\n",
				    buckets[b], cumulative);
		else
			strbuf_addf(
				out,
				"consort_http_request_duration_seconds_bucket{le=\"+Inf\"} %lu\n",
				cumulative);
	}
	strbuf_addf(out, "consort_http_request_duration_seconds_sum %.6f\n",
		    atomic_load(&latency_sum));
	strbuf_addf(out, "consort_http_request_duration_seconds_count %lu\n",
		    atomic_load(&latency_count));
	strbuf_addf(out,
		    "# HELP consort_evaluations_total Partner evaluations run by the API.\n"
		    "# TYPE consort_evaluations_total counter\n"
		    "consort_evaluations_total %lu\n",
		    atomic_load(&evaluations));
	http_cache_stats(&cs);
	strbuf_addf(
		out,
		"# HELP consort_cache_hits_total Scorecards answered from the response cache.\n"
		"# TYPE consort_cache_hits_total counter\n"
		"consort_cache_hits_total %lu\n"
		"# HELP consort_cache_misses_total Scorecards computed: not in the cache, or "
		"the data changed since.\n"
		"# TYPE consort_cache_misses_total counter\n"
		"consort_cache_misses_total %lu\n"
		"# HELP consort_cache_entries Responses in the cache.\n"
		"# TYPE consort_cache_entries gauge\n"
		"consort_cache_entries %zu\n"
		"# HELP consort_cache_bytes Bytes the cache holds, of consort_cache_max_bytes.\n"
		"# TYPE consort_cache_bytes gauge\n"
		"consort_cache_bytes %zu\n"
		"# HELP consort_cache_max_bytes The cache's size (--cache-size).\n"
		"# TYPE consort_cache_max_bytes gauge\n"
		"consort_cache_max_bytes %zu\n",
		cs.hits, cs.misses, cs.entries, cs.bytes, cs.max_bytes);
}
