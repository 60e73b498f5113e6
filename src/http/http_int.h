/* Internals of src/http/ shared between its files. */
#ifndef CONSORT_HTTP_INT_H
#define CONSORT_HTTP_INT_H

#include "http/http.h"

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

#endif
