/*
 * Routing and access control. Every route in the table declares who may call
 * it; this file is the only place that enforces it:
 *   1. match the path (404) and the method (405, with Allow);
 *   2. authenticate, unless the route is public: "Authorization: Bearer"
 *      API token, else the session cookie (401);
 *   3. the caller's role must be one the route allows (403);
 *   4. state-changing routes: read-only tokens are refused (403), and
 *      cookie-authenticated calls must echo the session's CSRF token in
 *      X-CSRF-Token (403 csrf_failed);
 *   5. partner-scoped routes: partner users only for their own {partner}
 *      (404, so that other partners' existence is not revealed).
 */
#include "util/common.h"

#include <sodium.h>

#include "http/http.h"
#include "http/http_int.h"
#include "store/store.h"
#include "util/alloc.h"

#define SESSION_COOKIE "consort_session"

/*
 * Matches path against pattern, capturing {name} segments into r. With tail,
 * a {name} that ends the pattern takes the rest of the path, slashes included.
 */
static bool match(struct http_request *r, const char *pattern, const char *path, bool capture,
		  bool tail)
{
	const char *p = pattern, *u = path;
	int n = 0;

	while (*p && *u) {
		if (*p == '{') {
			const char *pe = strchr(p, '}'), *ue = strchr(u, '/'), *se;
			size_t len = ue ? (size_t)(ue - u) : strlen(u), slen;
			if (!pe || n == HTTP_MAX_PARAMS)
				return false;
			if (tail && !pe[1])
				len = strlen(u);
			/*
			 * A literal suffix within the segment ("{slug}.svg"): the segment
			 * must end with it, and the parameter is what comes before.
			 */
			se = strchr(pe + 1, '/');
			slen = se ? (size_t)(se - pe - 1) : strlen(pe + 1);
			if (len <= slen || memcmp(u + len - slen, pe + 1, slen))
				return false;
			len -= slen;
			if (capture) {
				r->param_names[n] = p + 1; /* up to '}': compared by length below */
				r->param_values[n] = xstrndup(u, len);
			}
			n++;
			p = pe + 1;
			u += len;
			continue;
		}
		if (*p != *u)
			return false;
		p++;
		u++;
	}
	if (tail && !*u && *p == '{' && strchr(p, '}') && !strchr(p, '}')[1] &&
	    n < HTTP_MAX_PARAMS) {
		/* "/app/" against "/app/{path}": the tail is empty. */
		if (capture) {
			r->param_names[n] = p + 1;
			r->param_values[n] = xstrdup("");
		}
		n++;
		p = strchr(p, '}') + 1;
	}
	if (*p || *u)
		return false;
	if (capture)
		r->nparams = n;
	return true;
}

static int authenticate(struct http_request *r)
{
	const struct http_config *c = http_current_config();
	const char *authz = http_header(r, "Authorization");
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	if (authz) {
		if (strncasecmp(authz, "Bearer ", 7)) {
			http_fail(r, E_UNAUTHENTICATED, NULL,
				  "unsupported Authorization scheme: use 'Bearer TOKEN'");
			return -1;
		}
		rc = token_check_deferred(r->store, authz + 7, &r->auth, &err);
		if (rc != 1)
			http_fail(r, rc < 0 ? E_INTERNAL : E_UNAUTHENTICATED, NULL, "%s",
				  rc < 0 ? "cannot check the token"
					 : "invalid or revoked API token");
	} else {
		const char *sid = http_cookie(r, SESSION_COOKIE);
		if (sid)
			rc = session_check_deferred(r->store, &c->accounts, sid, &r->auth, &err);
		if (rc != 1)
			http_fail(r, rc < 0 ? E_INTERNAL : E_UNAUTHENTICATED, NULL, "%s",
				  rc < 0 ? "cannot check the session"
				  : sid	 ? "session expired or logged out: log in again"
					 : "authentication required: log in or send an API token");
	}
	strbuf_release(&err);
	return rc == 1 ? 0 : -1;
}

/* Whether the X-CSRF-Token header is the session's token (compared in constant time). */
static bool csrf_ok(const char *given, const char *expected)
{
	size_t n = strlen(expected);

	return given && n && strlen(given) == n && !sodium_memcmp(given, expected, n);
}

static const char *scoped_partner(const struct http_request *r)
{
	return http_param(r, "partner");
}

static void allow_header(struct http_request *r)
{
	struct strbuf allow = STRBUF_INIT;

	for (size_t i = 0; i < http_nroutes; i++) {
		if (match(r, http_routes[i].pattern, r->path, false, http_routes[i].flags & R_TAIL))
			strbuf_addf(&allow, "%s%s", allow.len ? ", " : "", http_routes[i].method);
	}
	http_add_header(r, "Allow", allow.buf);
	strbuf_release(&allow);
}

/* Access checks (authentication, role, write scope, CSRF, partner scope), then the handler. */
static void serve(struct http_request *r, const struct route *route)
{
	if (!(route->flags & R_PUBLIC)) {
		if (authenticate(r))
			return;
		if (!(route->roles & r->auth.role)) {
			http_fail(r, E_FORBIDDEN, NULL, "your role (%s) may not %s %s",
				  role_name(r->auth.role), route->method, route->pattern);
			return;
		}
		if (strcmp(route->method, "GET")) {
			if (r->auth.via_token && !r->auth.token_write) {
				http_fail(r, E_FORBIDDEN, NULL,
					  "this API token is read-only: create a write token");
				return;
			}
			if (!r->auth.via_token) {
				if (!csrf_ok(http_header(r, "X-CSRF-Token"), r->auth.csrf)) {
					http_fail(
						r, E_CSRF, NULL,
						"missing or wrong X-CSRF-Token header (get it from "
						"GET /api/v1/session)");
					return;
				}
			}
		}
		if ((route->flags & R_PARTNER_SCOPED) && (r->auth.role & ROLES_PARTNER)) {
			const char *p = scoped_partner(r);
			if (!p || strcmp(p, r->auth.partner_key)) {
				http_fail(r, E_NOT_FOUND, "partner", "no such partner");
				return;
			}
		}
	}
	if (route->handler(r) && r->status < 400)
		http_fail(r, E_INTERNAL, NULL, "internal error");
}

void http_dispatch(struct http_request *r)
{
	const struct route *route = NULL;
	bool path_known = false;
	const char *method = !strcmp(r->method, "HEAD") ? "GET" : r->method;

	for (size_t i = 0; i < http_nroutes && !route; i++) {
		if (!match(r, http_routes[i].pattern, r->path, false,
			   http_routes[i].flags & R_TAIL))
			continue;
		path_known = true;
		if (!strcmp(http_routes[i].method, method))
			route = &http_routes[i];
	}
	if (!route) {
		if (path_known) {
			allow_header(r);
			http_fail(r, E_METHOD, NULL, "method %s not allowed on %s", r->method,
				  r->path);
		} else {
			http_fail(r, E_NOT_FOUND, NULL, "no such resource: %s", r->path);
		}
		return;
	}
	r->route = route;
	match(r, route->pattern, r->path, true, route->flags & R_TAIL);
	for (int i = 0; i < r->nparams; i++) {
		/* Names are kept as pointers into the pattern; give handlers plain names. */
		const char *end = strchr(r->param_names[i], '}');
		char *name = xstrndup(r->param_names[i], (size_t)(end - r->param_names[i]));
		r->param_names[i] = name;
		r->owned_names |= 1u << i;
	}

	/*
	 * A GET runs in one read transaction, authentication included: a
	 * consistent snapshot, and one WAL read lock for all its queries instead
	 * of one per statement. (Other methods change state and open their own
	 * write transactions.) What authentication writes (a session's idle
	 * expiry, a token's last use) waits until after it: auth_settle().
	 */
	if (strcmp(route->method, "GET")) {
		serve(r, route);
	} else {
		struct strbuf err = STRBUF_INIT;
		if (store_read_begin(r->store, &err)) {
			http_fail(r, E_UNAVAILABLE, NULL, "database busy: try again");
		} else {
			serve(r, route);
			store_read_end(r->store);
		}
		strbuf_release(&err);
	}
	if (r->auth.pending) {
		struct strbuf err = STRBUF_INIT;
		if (auth_settle(r->store, &r->auth, &err))
			fprintf(stderr, "consort: cannot record the session's or token's use: %s\n",
				err.buf);
		strbuf_release(&err);
	}
}
