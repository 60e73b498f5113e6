/* Internals of src/http/ shared between its files. */
#ifndef CONSORT_HTTP_INT_H
#define CONSORT_HTTP_INT_H

#include "http/http.h"

struct store_generation;

/* Matches the route, authenticates, checks access, runs the handler. */
void http_dispatch(struct http_request *r);

const struct http_config *http_current_config(void);
/* Replaces every byte that is not part of valid UTF-8 with '?' (for JSON text). */
void http_utf8_sanitize(struct strbuf *s);
int64_t http_now_ns(void);

void http_metrics_init(void);
/* Counts a finished request (route NULL: unmatched, counted by its method). */
void http_metrics_record(const struct route *route, const char *method, int status, double ms);
/* Counts partner evaluations run by the API. */
void http_metrics_evaluations(size_t n);
/* Prometheus text exposition of every counter. */
void http_metrics_render(struct strbuf *out);

/*
 * The response cache (cache.c): bodies of answers derived from the data, by
 * key, each good while the generations it was computed at hold
 * (store_generation() in the request's snapshot). http_cache_configure()
 * empties it and sets its size (0 = off); the server calls it at start and
 * stop. Thread-safe.
 */
void http_cache_configure(size_t max_bytes);
/*
 * The body cached under key at generation gen, or NULL: borrowed (no copy)
 * until http_cache_return(*handle), even if the cache drops it meanwhile.
 */
const char *http_cache_borrow(const char *key, size_t klen, const struct store_generation *gen,
			      size_t *len, void **handle);
void http_cache_return(void *handle);
void http_cache_put(const char *key, size_t klen, const struct store_generation *gen,
		    const char *body, size_t blen);
struct http_cache_stats {
	unsigned long hits, misses;
	size_t entries, bytes, max_bytes;
};
void http_cache_stats(struct http_cache_stats *st);

#endif
