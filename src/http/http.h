/*
 * The HTTP entry point: a libmicrohttpd server, one route table
 * (routes.c), and the request/response API handlers use. A handler reads the
 * request, calls services in src/core/, and answers with http_reply() or
 * http_fail(); it never talks SQL and never decides authorization on its own:
 * every route declares who may call it and the dispatcher enforces it before
 * the handler runs (see docs/api.md).
 */
#ifndef CONSORT_HTTP_H
#define CONSORT_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/accounts.h"
#include "util/strbuf.h"

struct store;
struct http_request;

/* ---- errors: one table, one shape {"error":{"code","message","field"}} ---- */
enum api_error {
	E_BAD_REQUEST,	     /* 400 bad_request */
	E_INVALID_JSON,	     /* 400 invalid_json */
	E_UNKNOWN_FIELD,     /* 400 unknown_field */
	E_UNAUTHENTICATED,   /* 401 unauthenticated */
	E_FORBIDDEN,	     /* 403 forbidden */
	E_CSRF,		     /* 403 csrf_failed */
	E_NOT_FOUND,	     /* 404 not_found */
	E_METHOD,	     /* 405 method_not_allowed */
	E_CONFLICT,	     /* 409 conflict */
	E_TOO_LARGE,	     /* 413 payload_too_large */
	E_MEDIA_TYPE,	     /* 415 unsupported_media_type */
	E_INVALID,	     /* 422 validation_failed */
	E_THROTTLED,	     /* 429 too_many_requests */
	E_HEADERS_TOO_LARGE, /* 431 headers_too_large */
	E_INTERNAL,	     /* 500 internal */
	E_UNAVAILABLE,	     /* 503 unavailable */
	E_COUNT
};
int api_error_status(enum api_error e);
const char *api_error_code(enum api_error e);

/* ---- routes ---- */
enum route_flags {
	R_PUBLIC = 1 << 0, /* no authentication */
	R_WRITE = 1 << 1,  /* changes state: CSRF for cookies, write scope for tokens */
	/*
	 * Partner users may call it only for their own partner: the {partner}
	 * path parameter must be theirs (else 404, whether or not it exists).
	 */
	R_PARTNER_SCOPED = 1 << 2,
	/* The pattern's last {param} takes the rest of the path, slashes included. */
	R_TAIL = 1 << 3,
};

struct route {
	const char *method;  /* "GET", "POST", "PUT", "PATCH", "DELETE" */
	const char *pattern; /* "/api/v1/partners/{partner}/deals/{deal}" */
	int (*handler)(struct http_request *r);
	unsigned roles; /* role bitmask (core/accounts.h); ignored for R_PUBLIC */
	unsigned flags;
	const char *summary; /* one line, also in the OpenAPI document */
};
extern const struct route http_routes[];
extern const size_t http_nroutes;

/* ---- the request, as handlers see it ---- */
#define HTTP_MAX_PARAMS 4

struct http_request {
	const char *method;
	const char *path; /* without the query string */
	const struct route *route;
	const char *param_names[HTTP_MAX_PARAMS];
	char *param_values[HTTP_MAX_PARAMS]; /* decoded path parameters */
	int nparams;
	struct strbuf body;
	char client_ip[64];
	struct auth auth;    /* who is calling (auth.user_id 0 = nobody) */
	struct store *store; /* this worker thread's connection */

	/* the response */
	int status;
	json_t *json;	    /* JSON body, or NULL */
	struct strbuf text; /* any other body */
	const char *ctype;  /* content type of `text` (or of `fixed`) */
	/*
	 * A body in memory that outlives the request (embedded files), sent
	 * instead of text; with fixed_release, a borrowed one (a cached
	 * scorecard), handed back with fixed_release(fixed_ctx) once sent.
	 */
	const void *fixed;
	size_t fixed_len;
	void (*fixed_release)(void *ctx);
	void *fixed_ctx;
	struct strbuf headers; /* extra "Name: value\n" lines */
	/* Cache-Control of a successful (2xx) answer; NULL = "no-store" (errors always are) */
	const char *cache_control;

	/* private to src/http/ */
	void *conn; /* the libmicrohttpd connection */
	bool too_large;
	bool answered;	      /* a response was queued */
	unsigned owned_names; /* param_names[i] allocated */
	int64_t started_ns;
	size_t response_bytes;
};

/* A path parameter by name ("partner"), or NULL. */
const char *http_param(const struct http_request *r, const char *name);
/* A query string argument, or NULL. */
const char *http_query(const struct http_request *r, const char *name);
/* Calls fn for every query string argument in order (value NULL for "?name"), until it
 * returns nonzero; returns that, or 0. */
int http_query_each(const struct http_request *r,
		    int (*fn)(void *ctx, const char *name, const char *value), void *ctx);
/* A request header, or NULL. */
const char *http_header(const struct http_request *r, const char *name);
/* A cookie, or NULL. */
const char *http_cookie(const struct http_request *r, const char *name);

/*
 * Parses the body as a JSON object (Content-Type application/json) whose
 * keys are all in `allowed` (NULL-terminated). On failure answers the error
 * (415, 400 invalid_json or unknown_field) and returns -1; the handler then
 * just returns 0.
 */
int http_json_body(struct http_request *r, const char *const *allowed, json_t **out);
/* The same, where the body is optional: none at all (nor a Content-Type) counts as {}. */
int http_json_body_opt(struct http_request *r, const char *const *allowed, json_t **out);

/* A string member of a JSON body; required ones answer 422 when missing. */
int http_body_string(struct http_request *r, json_t *body, const char *name, bool required,
		     const char **out);

/* Answers `status` with `body` (stolen; NULL = no body). Returns 0. */
int http_reply(struct http_request *r, int status, json_t *body);
/* Answers an error in the common shape; field may be NULL. Returns 0. */
__attribute__((format(printf, 4, 5))) int http_fail(struct http_request *r, enum api_error e,
						    const char *field, const char *fmt, ...);
/* Answers a service failure: the message in err, as `e` (422 unless given). */
int http_fail_err(struct http_request *r, enum api_error e, const struct strbuf *err);
/* The same, naming the field at fault (may be NULL). */
int http_fail_err_at(struct http_request *r, enum api_error e, const char *field,
		     const struct strbuf *err);
/* Adds a response header. */
void http_add_header(struct http_request *r, const char *name, const char *value);

/*
 * Whether the caller may see this partner's records: vendor roles always,
 * partner roles only their own partner. Handlers of routes that reach partner
 * records by something other than the {partner} parameter must call it.
 */
bool http_can_see_partner(const struct http_request *r, int64_t partner_id);

/* ---- pagination: ?limit=N&cursor=C over a JSON array ---- */
/*
 * Reads ?limit (default 50, at most 500) and ?cursor (an opaque position
 * from the previous page). Answers 400 and returns -1 when malformed.
 */
int http_page_args(struct http_request *r, int64_t *after, int *limit);
/* {"items": items, "next_cursor": "..." or null}; `last` is the last item's position. */
json_t *http_page(json_t *items, int limit, int64_t last);

/* ---- the server ---- */
struct http_config {
	const char *listen; /* "127.0.0.1:8080" */
	const char *db_path;
	int threads;		/* worker threads; 0 = number of CPUs */
	size_t max_body;	/* bytes; larger bodies get 413 */
	size_t max_header;	/* bytes of request line + headers; larger get 431 */
	int request_timeout;	/* seconds of inactivity before a connection is dropped */
	int shutdown_grace;	/* seconds in-flight requests get after SIGTERM */
	bool secure_cookies;	/* behind TLS: cookies get Secure */
	const char *access_log; /* path, "-" for stderr, NULL for none */
	size_t cache_size;	/* bytes of cached scorecards; 0 = no cache */
	struct accounts_config accounts;
	const char *tos_file;	 /* the Terms of Service document (core/terms.h); NULL: built in */
	const struct terms *tos; /* that document, read at startup (cmd_serve); NULL: none */
};
void http_config_defaults(struct http_config *c);

/* Runs until SIGTERM/SIGINT; returns 0 after a clean shutdown, -1 on error. */
int http_serve(const struct http_config *c, struct strbuf *err);

#endif
