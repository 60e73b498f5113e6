/*
 * The route table: every endpoint, who may call it, and how. The dispatcher
 * (dispatch.c) enforces the roles and flags; the OpenAPI document
 * (docs/openapi.json, served at /api/v1/openapi.json) lists the same routes,
 * which a test checks.
 */
#include "util/common.h"

#include "http/api.h"

#define V  ROLES_VENDOR
#define P  ROLES_PARTNER
#define A  ROLES_ALL
#define AD ROLE_ADMIN
#define PM (ROLE_ADMIN | ROLE_PARTNER_MANAGER)
#define W  R_WRITE
#define S  R_PARTNER_SCOPED

const struct route http_routes[] = {
	/* operations */
	{"GET", "/healthz", api_healthz, 0, R_PUBLIC, "Liveness"},
	{"GET", "/readyz", api_readyz, 0, R_PUBLIC, "Readiness: the database answers"},
	{"GET", "/metrics", api_metrics, 0, R_PUBLIC, "Prometheus metrics"},

	/* session, tokens, users, invitations, audit */
	{"POST", "/api/v1/session", api_login, 0, R_PUBLIC, "Log in (sets the session cookie)"},
	{"GET", "/api/v1/session", api_whoami, A, 0, "Who am I, with the CSRF token"},
	{"DELETE", "/api/v1/session", api_logout, A, W, "Log out"},
	{"GET", "/api/v1/tokens", api_tokens_list, A, 0, "My API tokens"},
	{"POST", "/api/v1/tokens", api_tokens_create, A, W, "Create an API token (shown once)"},
	{"DELETE", "/api/v1/tokens/{token}", api_tokens_revoke, A, W, "Revoke an API token"},
	{"GET", "/api/v1/users", api_users_list, AD | ROLE_PARTNER_ADMIN, 0,
	 "Users (partner admins: their team)"},
	{"POST", "/api/v1/users", api_users_create, AD, W, "Create a user"},
	{"POST", "/api/v1/invitations", api_invitations_create, ROLE_PARTNER_ADMIN, W,
	 "Invite a colleague (returns the invitation link)"},
	{"POST", "/api/v1/invitations/{code}/accept", api_invitations_accept, 0, R_PUBLIC,
	 "Accept an invitation, setting a password"},
	{"GET", "/api/v1/audit", api_audit, AD, 0, "The audit log"},
};

const size_t http_nroutes = ARRAY_SIZE(http_routes);
