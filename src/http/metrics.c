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

static atomic_ulong requests[MAX_ROUTES + 1][STATUSES];
static atomic_ulong latency[NBUCKETS + 1]; /* the last is +Inf */
static atomic_ulong latency_count;
static _Atomic double latency_sum;
static atomic_ulong evaluations;

void http_metrics_init(void)
{
	/* Counters are static and start at zero; nothing to do until they are per-server. */
}

void http_metrics_record(const struct route *route, int status, double ms)
{
	size_t idx = route ? (size_t)(route - http_routes) : http_nroutes;
	double secs = ms / 1000.0, old;
	size_t b = 0;

	if (idx > MAX_ROUTES)
		idx = MAX_ROUTES;
	if (status >= 0 && status < STATUSES)
		atomic_fetch_add(&requests[idx][status], 1);
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
	unsigned long cumulative = 0;

	strbuf_adds(out, "# HELP consort_http_requests_total HTTP requests by route and status.\n"
			 "# TYPE consort_http_requests_total counter\n");
	for (size_t i = 0; i <= http_nroutes && i <= MAX_ROUTES; i++) {
		for (int st = 0; st < STATUSES; st++) {
			unsigned long n = atomic_load(&requests[i][st]);
			if (!n)
				continue;
			strbuf_addf(out,
				    "consort_http_requests_total{method=\"%s\",route=\"%s\","
				    "status=\"%d\"} %lu\n",
				    i < http_nroutes ? http_routes[i].method : "",
				    i < http_nroutes ? http_routes[i].pattern : "unmatched", st, n);
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
}
