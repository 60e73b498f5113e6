/*
 * Login, logout, who am I; API tokens; invitations; users; the audit log.
 */
#include "util/common.h"

#include "http/api.h"
#include "http/http_int.h"
#include "store/store_accounts.h"

#define SESSION_COOKIE "consort_session"

static json_t *whoami(const struct auth *a)
{
	json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)a->user_id, "email", a->email,
			      "role", role_name(a->role));

	json_object_set_new(o, "partner",
			    a->partner_id ? json_string(a->partner_key) : json_null());
	if (!a->via_token)
		json_object_set_new(o, "csrf_token", json_string(a->csrf));
	return o;
}

static void set_session_cookie(struct http_request *r, const char *sid, int max_age)
{
	const struct http_config *c = http_current_config();
	char cookie[256];

	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
		 SESSION_COOKIE, sid, max_age, c->secure_cookies ? "; Secure" : "");
	http_add_header(r, "Set-Cookie", cookie);
}

int api_login(struct http_request *r)
{
	static const char *const fields[] = {"email", "password", NULL};
	const struct http_config *c = http_current_config();
	struct strbuf err = STRBUF_INIT;
	const char *email, *password;
	struct auth a = {0};
	char sid[65];
	int retry = 0, rc;
	json_t *body;

	if (http_json_body(r, fields, &body))
		return 0;
	if (http_body_string(r, body, "email", true, &email) ||
	    http_body_string(r, body, "password", true, &password)) {
		json_decref(body);
		return 0;
	}
	rc = session_login(r->store, &c->accounts, email, password, r->client_ip, &a, sid, &retry,
			   &err);
	if (rc == 0) {
		set_session_cookie(r, sid, c->accounts.session_max_age_seconds);
		http_reply(r, 200, whoami(&a));
	} else if (rc == -2) {
		char ra[16];
		snprintf(ra, sizeof(ra), "%d", retry);
		http_add_header(r, "Retry-After", ra);
		http_fail(r, E_THROTTLED, NULL, "too many failed logins: try again in %d second%s",
			  retry, retry == 1 ? "" : "s");
	} else if (err.len && strstr(err.buf, "invalid email or password")) {
		http_fail(r, E_UNAUTHENTICATED, NULL, "invalid email or password");
	} else {
		http_fail_err(r, E_INTERNAL, &err);
	}
	json_decref(body);
	strbuf_release(&err);
	return 0;
}

int api_logout(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;

	if (r->auth.via_token)
		return http_fail(r, E_BAD_REQUEST, NULL,
				 "API tokens have no session: revoke the token");
	if (session_logout(r->store, r->auth.session_id, &err)) {
		http_fail_err(r, E_INTERNAL, &err);
	} else {
		set_session_cookie(r, "", 0);
		http_reply(r, 204, NULL);
	}
	strbuf_release(&err);
	return 0;
}

int api_whoami(struct http_request *r)
{
	return http_reply(r, 200, whoami(&r->auth));
}

int api_tokens_list(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	json_t *list;

	if (tokens_list(r->store, &r->auth, &list, &err))
		http_fail_err(r, E_INTERNAL, &err);
	else
		http_reply(r, 200, json_pack("{s:o}", "items", list));
	strbuf_release(&err);
	return 0;
}

int api_tokens_create(struct http_request *r)
{
	static const char *const fields[] = {"name", "scope", NULL};
	struct strbuf err = STRBUF_INIT;
	const char *name, *scope;
	char token[80];
	int64_t id;
	json_t *body;

	if (http_json_body(r, fields, &body))
		return 0;
	if (http_body_string(r, body, "name", true, &name) ||
	    http_body_string(r, body, "scope", false, &scope))
		goto out;
	if (scope && strcmp(scope, "read") && strcmp(scope, "write")) {
		http_fail(r, E_INVALID, "scope", "invalid scope '%s': read or write", scope);
		goto out;
	}
	if (token_create(r->store, &r->auth, name, scope && !strcmp(scope, "write"), token, &id,
			 &err))
		http_fail_err(r, E_INVALID, &err);
	else
		http_reply(r, 201,
			   json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "name",
				     name, "scope", scope ? scope : "read", "token", token, "note",
				     "the token is shown only once: store it now"));
out:
	json_decref(body);
	strbuf_release(&err);
	return 0;
}

/* A positive integer path parameter; answers 404 and returns -1 otherwise. */
int api_id_param(struct http_request *r, const char *name, int64_t *id)
{
	const char *v = http_param(r, name);
	char *end;

	errno = 0;
	*id = v ? strtoll(v, &end, 10) : 0;
	if (!v || errno || *end || end == v || *id <= 0) {
		http_fail(r, E_NOT_FOUND, name, "no such %s '%s'", name, v ? v : "");
		return -1;
	}
	return 0;
}

/*
 * Answers the failure of a token or invitation operation by its code: 404
 * about the path's `what` (-2: no such one, or not the caller's), 409 (-3:
 * revoked, accepted or expired already), else 500.
 */
static void fail_by_code(struct http_request *r, int rc, const char *what, struct strbuf *err)
{
	http_fail_err_at(r,
			 rc == -2   ? E_NOT_FOUND
			 : rc == -3 ? E_CONFLICT
				    : E_INTERNAL,
			 rc == -2 ? what : NULL, err);
}

/* Answers a revocation: 204, or its failure (fail_by_code()). */
static void revoked(struct http_request *r, int rc, const char *what, struct strbuf *err)
{
	if (rc == 0)
		http_reply(r, 204, NULL);
	else
		fail_by_code(r, rc, what, err);
}

int api_tokens_revoke(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	int64_t id;

	if (api_id_param(r, "token", &id))
		return 0;
	revoked(r, token_revoke(r->store, &r->auth, id, &err), "token", &err);
	strbuf_release(&err);
	return 0;
}

/* 201 with the invitation, its code and its link (shown only now). */
static void reply_invitation(struct http_request *r, json_t *out, const char *code)
{
	char link[160];

	snprintf(link, sizeof(link), "/app/invitations/%s", code);
	json_object_set_new(out, "code", json_string(code));
	json_object_set_new(out, "link", json_string(link));
	http_reply(r, 201, out);
}

int api_invitations_create(struct http_request *r)
{
	static const char *const fields[] = {"email", "role", "partner", NULL};
	const struct http_config *c = http_current_config();
	struct strbuf err = STRBUF_INIT;
	const char *email, *role, *partner, *field = NULL;
	char code[65];
	json_t *body, *out = NULL;
	int rc;

	if (http_json_body(r, fields, &body))
		return 0;
	if (http_body_string(r, body, "email", true, &email) ||
	    http_body_string(r, body, "role", true, &role) ||
	    http_body_string(r, body, "partner", false, &partner))
		goto out;
	/* Partner admins invite to their own partner; admins name it (none for vendor roles). */
	if (r->auth.role & ROLES_PARTNER) {
		if (partner && strcmp(partner, r->auth.partner_key)) {
			http_fail(r, E_FORBIDDEN, "partner",
				  "partner admins invite colleagues to their own partner only");
			goto out;
		}
		rc = invitation_create(r->store, &c->accounts, &r->auth, email, role, code, &out,
				       &field, &err);
	} else {
		rc = invitation_create_for(r->store, &c->accounts, &r->auth, partner, email, role,
					   code, &out, &field, &err);
	}
	if (rc)
		http_fail_err_at(r, E_INVALID, field, &err);
	else
		reply_invitation(r, out, code);
out:
	json_decref(body);
	strbuf_release(&err);
	return 0;
}

int api_invitations_resend(struct http_request *r)
{
	static const char *const no_fields[] = {NULL};
	const struct http_config *c = http_current_config();
	struct strbuf err = STRBUF_INIT;
	char code[65];
	json_t *body, *out = NULL;
	int64_t id;
	int rc;

	if (http_json_body_opt(r, no_fields, &body))
		return 0;
	json_decref(body);
	if (api_id_param(r, "invitation", &id))
		return 0;
	rc = invitation_resend(r->store, &c->accounts, &r->auth, id, code, &out, &err);
	if (rc == 0)
		reply_invitation(r, out, code);
	else
		fail_by_code(r, rc, "invitation", &err);
	strbuf_release(&err);
	return 0;
}

int api_invitations_accept(struct http_request *r)
{
	static const char *const fields[] = {"password", NULL};
	struct strbuf err = STRBUF_INIT;
	const char *password;
	json_t *body, *out = NULL;

	if (http_json_body(r, fields, &body))
		return 0;
	if (!http_body_string(r, body, "password", true, &password)) {
		if (invitation_accept(r->store, http_param(r, "code"), password, &out, &err))
			http_fail_err(r, E_INVALID, &err);
		else
			http_reply(r, 201, out);
	}
	json_decref(body);
	strbuf_release(&err);
	return 0;
}

int api_invitations_list(struct http_request *r)
{
	static const char *const statuses[] = {"pending", "expired", "accepted", "revoked", "all"};
	const char *status = http_query(r, "status");
	struct strbuf err = STRBUF_INIT;
	json_t *list, *v;
	size_t i, k = 0;

	while (status && k < ARRAY_SIZE(statuses) && strcmp(status, statuses[k]))
		k++;
	if (status && k == ARRAY_SIZE(statuses))
		return http_fail(r, E_BAD_REQUEST, "status",
				 "invalid status '%s': pending, expired, accepted, revoked or all",
				 status);
	/* Without ?status=, the pending ones in their short form (as always); else with their
	 * state. */
	if ((status ? invitations_list : invitations_pending)(r->store, &r->auth, &list, &err)) {
		http_fail_err(r, E_INTERNAL, &err);
		strbuf_release(&err);
		return 0;
	}
	if (status && strcmp(status, "all")) {
		json_t *all = list;
		list = json_array();
		json_array_foreach(all, i, v)
		{
			if (!strcmp(json_string_value(json_object_get(v, "status")), status))
				json_array_append(list, v);
		}
		json_decref(all);
	}
	http_reply(r, 200, json_pack("{s:o}", "items", list));
	strbuf_release(&err);
	return 0;
}

int api_invitations_revoke(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	int64_t id;

	if (api_id_param(r, "invitation", &id))
		return 0;
	revoked(r, invitation_revoke(r->store, &r->auth, id, &err), "invitation", &err);
	strbuf_release(&err);
	return 0;
}

int api_users_list(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	json_t *list;

	if (users_list(r->store, (r->auth.role & ROLES_PARTNER) ? r->auth.partner_id : 0, &list,
		       &err))
		http_fail_err(r, E_INTERNAL, &err);
	else
		http_reply(r, 200, json_pack("{s:o}", "items", list));
	strbuf_release(&err);
	return 0;
}

int api_users_create(struct http_request *r)
{
	static const char *const fields[] = {"email", "role", "partner", "password", NULL};
	struct strbuf err = STRBUF_INIT;
	const char *email, *role, *partner, *password, *field = NULL;
	int64_t id;
	json_t *body;

	if (http_json_body(r, fields, &body))
		return 0;
	if (http_body_string(r, body, "email", true, &email) ||
	    http_body_string(r, body, "role", true, &role) ||
	    http_body_string(r, body, "partner", false, &partner) ||
	    http_body_string(r, body, "password", false, &password))
		goto out;
	if (user_add(r->store, email, role, partner, password, r->auth.email, &id, &field, &err)) {
		http_fail_err_at(r, strstr(err.buf, "already exists") ? E_CONFLICT : E_INVALID,
				 field, &err);
	} else {
		/* The user as stored (the email lowercased), not as typed. */
		struct store_user u;
		if (store_user_get(r->store, id, &u, &err) != 1) {
			http_fail_err(r, E_INTERNAL, &err);
		} else {
			http_reply(r, 201,
				   json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)id, "email",
					     u.email, "role", u.role, "partner",
					     *u.partner_key ? u.partner_key : NULL));
			store_user_release(&u);
		}
	}
out:
	json_decref(body);
	strbuf_release(&err);
	return 0;
}

int api_audit(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	int64_t after, last = 0;
	int limit;
	json_t *items;

	const char *order = http_query(r, "order");

	if (http_page_args(r, &after, &limit))
		return 0;
	if (order && strcmp(order, "asc") && strcmp(order, "desc"))
		return http_fail(r, E_BAD_REQUEST, "order",
				 "invalid order '%s': asc (oldest first) or desc", order);
	if (audit_list(r->store, after, limit, http_query(r, "entity"),
		       order && !strcmp(order, "desc"), &items, &last, &err))
		http_fail_err(r, E_INTERNAL, &err);
	else
		http_reply(r, 200, http_page(items, limit, last));
	strbuf_release(&err);
	return 0;
}
