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

/* partners and their records (api_records.c); fields = the CSV columns */
#define MONEY (ROLE_ADMIN | ROLE_PARTNER_MANAGER | ROLE_FINANCE | P)
#define REC(kind, item, readers, writers)                                                          \
	{"GET", "/api/v1/partners/{partner}/" #kind, api_##kind##_list, readers,                   \
	 S,	"List the partner's " #kind},                                                      \
		{"GET",                                                                            \
		 "/api/v1/partners/{partner}/" #kind "/" item,                                     \
		 api_##kind##_get,                                                                 \
		 readers,                                                                          \
		 S,                                                                                \
		 "One of the partner's " #kind},                                                   \
		{"PUT", "/api/v1/partners/{partner}/" #kind "/" item,  api_##kind##_put, writers,  \
		 S | W, "Create or update one of the partner's " #kind},                           \
	{                                                                                          \
		"DELETE", "/api/v1/partners/{partner}/" #kind "/" item, api_##kind##_delete,       \
			writers, S | W, "Delete one of the partner's " #kind                       \
	}
#define REC_COLLECTION(kind, readers, writers)                                                     \
	{"GET", "/api/v1/partners/{partner}/" #kind, api_##kind##_list, readers,                   \
	 S,	"List the partner's " #kind},                                                      \
	{                                                                                          \
		"POST", "/api/v1/partners/{partner}/" #kind, api_##kind##_put, writers, S | W,     \
			"Add or update one of the partner's " #kind                                \
	}
	{"GET", "/api/v1/partners", api_partners_search, V, 0,
	 "Search partners (q, program, tier, motion, product, region, active, sort)"},
	{"POST", "/api/v1/partners", api_partners_create, PM, W, "Create a partner"},
	{"GET", "/api/v1/partners/{partner}", api_partner_get, A, S, "One partner, with its tiers"},
	{"PUT", "/api/v1/partners/{partner}", api_partner_update, PM, S | W, "Update a partner"},
	REC(enrollments, "{program}", A, PM),
	REC(agreements, "{agreement}", A, PM),
	REC(solutions, "{solution}", A, PM | ROLE_SOLUTION_ENGINEER | P),
	REC(stories, "{story}", A, PM | ROLE_MARKETING | P),
	REC(deals, "{deal}", MONEY, PM | ROLE_FINANCE),
	REC(spend, "{month}", MONEY, AD | ROLE_FINANCE),
	REC(commits, "{commit}", MONEY, AD | ROLE_FINANCE),
	REC_COLLECTION(support, A, PM | ROLE_SOLUTION_ENGINEER),
	REC_COLLECTION(mapping, A, PM),
	REC(plans, "{program}/{year}", A, PM),
	REC_COLLECTION(activity, A, PM),
};

const size_t http_nroutes = ARRAY_SIZE(http_routes);
