/* Request accessors and response helpers for handlers (http.h). */
#include "util/common.h"

#include <microhttpd.h>

#include "http/http.h"
#include "http/http_int.h"
#include "util/utf8.h"

static const struct {
	int status;
	const char *code;
} errors[E_COUNT] = {
	[E_BAD_REQUEST] = {400, "bad_request"},
	[E_INVALID_JSON] = {400, "invalid_json"},
	[E_UNKNOWN_FIELD] = {400, "unknown_field"},
	[E_UNAUTHENTICATED] = {401, "unauthenticated"},
	[E_FORBIDDEN] = {403, "forbidden"},
	[E_CSRF] = {403, "csrf_failed"},
	[E_NOT_FOUND] = {404, "not_found"},
	[E_METHOD] = {405, "method_not_allowed"},
	[E_CONFLICT] = {409, "conflict"},
	[E_TOO_LARGE] = {413, "payload_too_large"},
	[E_MEDIA_TYPE] = {415, "unsupported_media_type"},
	[E_INVALID] = {422, "validation_failed"},
	[E_THROTTLED] = {429, "too_many_requests"},
	[E_HEADERS_TOO_LARGE] = {431, "headers_too_large"},
	[E_INTERNAL] = {500, "internal"},
	[E_UNAVAILABLE] = {503, "unavailable"},
};

int api_error_status(enum api_error e)
{
	return e < E_COUNT ? errors[e].status : 500;
}

const char *api_error_code(enum api_error e)
{
	return e < E_COUNT ? errors[e].code : "internal";
}

const char *http_param(const struct http_request *r, const char *name)
{
	for (int i = 0; i < r->nparams; i++) {
		if (!strcmp(r->param_names[i], name))
			return r->param_values[i];
	}
	return NULL;
}

const char *http_query(const struct http_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct query_each {
	int (*fn)(void *ctx, const char *name, const char *value);
	void *ctx;
	int rc;
};

static enum MHD_Result query_each(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *value)
{
	struct query_each *q = cls;

	(void)kind;
	q->rc = q->fn(q->ctx, key, value);
	return q->rc ? MHD_NO : MHD_YES;
}

int http_query_each(const struct http_request *r,
		    int (*fn)(void *ctx, const char *name, const char *value), void *ctx)
{
	struct query_each q = {fn, ctx, 0};

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_each, &q);
	return q.rc;
}

const char *http_header(const struct http_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(const struct http_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

int http_reply(struct http_request *r, int status, json_t *body)
{
	json_decref(r->json);
	r->json = body;
	r->status = status;
	return 0;
}

void http_utf8_sanitize(struct strbuf *s)
{
	size_t at = 0;

	while (at < s->len) {
		size_t bad = utf8_invalid_at(s->buf + at, s->len - at);
		if (bad == s->len - at)
			break;
		s->buf[at + bad] = '?';
		at += bad + 1;
	}
}

int http_fail(struct http_request *r, enum api_error e, const char *field, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	/* Messages quote paths and query values, which may be any bytes: JSON needs UTF-8. */
	http_utf8_sanitize(&msg);
	http_reply(r, api_error_status(e),
		   json_pack("{s:{s:s, s:s%, s:s?}}", "error", "code", api_error_code(e), "message",
			     msg.buf, msg.len, "field", field));
	strbuf_release(&msg);
	return 0;
}

int http_fail_err_at(struct http_request *r, enum api_error e, const char *field,
		     const struct strbuf *err)
{
	struct strbuf msg = STRBUF_INIT;

	strbuf_add(&msg, err->buf, err->len);
	strbuf_rtrim(&msg);
	http_fail(r, e, field, "%s", msg.len ? msg.buf : "request failed");
	strbuf_release(&msg);
	return 0;
}

int http_fail_err(struct http_request *r, enum api_error e, const struct strbuf *err)
{
	return http_fail_err_at(r, e, NULL, err);
}

void http_add_header(struct http_request *r, const char *name, const char *value)
{
	strbuf_addf(&r->headers, "%s: %s\n", name, value);
}

bool http_can_see_partner(const struct http_request *r, int64_t partner_id)
{
	if (r->auth.role & ROLES_VENDOR)
		return true;
	return r->auth.partner_id && r->auth.partner_id == partner_id;
}

int http_json_body_opt(struct http_request *r, const char *const *allowed, json_t **out)
{
	if (!r->body.len && !http_header(r, "Content-Type")) {
		*out = json_object();
		return 0;
	}
	return http_json_body(r, allowed, out);
}

int http_json_body(struct http_request *r, const char *const *allowed, json_t **out)
{
	const char *ctype = http_header(r, "Content-Type");
	json_error_t jerr;
	const char *key;
	json_t *v, *body;

	*out = NULL;
	if (!ctype || strncasecmp(ctype, "application/json", 16) ||
	    (ctype[16] && ctype[16] != ';' && ctype[16] != ' ')) {
		http_fail(r, E_MEDIA_TYPE, NULL, "expected Content-Type: application/json");
		return -1;
	}
	body = json_loadb(r->body.buf, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!body) {
		http_fail(r, E_INVALID_JSON, NULL, "malformed JSON at line %d, column %d: %s",
			  jerr.line, jerr.column, jerr.text);
		return -1;
	}
	if (!json_is_object(body)) {
		json_decref(body);
		http_fail(r, E_INVALID_JSON, NULL, "the body must be a JSON object");
		return -1;
	}
	json_object_foreach(body, key, v)
	{
		bool known = false;
		for (size_t i = 0; allowed && allowed[i]; i++)
			known |= !strcmp(allowed[i], key);
		if (!known) {
			http_fail(r, E_UNKNOWN_FIELD, key, "unknown field '%s'", key);
			json_decref(body);
			return -1;
		}
	}
	*out = body;
	return 0;
}

int http_body_string(struct http_request *r, json_t *body, const char *name, bool required,
		     const char **out)
{
	json_t *v = json_object_get(body, name);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required) {
			http_fail(r, E_INVALID, name, "missing field '%s'", name);
			return -1;
		}
		return 0;
	}
	if (!json_is_string(v)) {
		http_fail(r, E_INVALID, name, "field '%s' must be a string", name);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

int http_page_args(struct http_request *r, int64_t *after, int *limit)
{
	const char *l = http_query(r, "limit"), *c = http_query(r, "cursor");
	char *end;
	long long v;

	*after = 0;
	*limit = 50;
	if (l) {
		errno = 0;
		v = strtoll(l, &end, 10);
		if (errno || *end || end == l || v < 1 || v > 500) {
			http_fail(r, E_BAD_REQUEST, "limit", "invalid limit '%s': 1 to 500", l);
			return -1;
		}
		*limit = (int)v;
	}
	if (c) {
		errno = 0;
		v = strtoll(c, &end, 10);
		if (errno || *end || end == c || v < 0) {
			http_fail(r, E_BAD_REQUEST, "cursor", "invalid cursor '%s'", c);
			return -1;
		}
		*after = v;
	}
	return 0;
}

json_t *http_page(json_t *items, int limit, int64_t last)
{
	char cursor[32];
	bool more = json_array_size(items) >= (size_t)limit && last > 0;

	snprintf(cursor, sizeof(cursor), "%" PRId64, last);
	return json_pack("{s:o, s:o}", "items", items, "next_cursor",
			 more ? json_string(cursor) : json_null());
}
