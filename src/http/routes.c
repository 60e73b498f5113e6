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
	{"GET", "/api/v1/openapi.json", api_openapi, 0, R_PUBLIC, "This OpenAPI document"},

	/* the public pages (public.c): HTML and SVG for anyone, the slug being the partner key */
	{"GET", "/", public_home, 0, R_PUBLIC, "The home page: where to go"},
	{"GET", "/partners", public_partners, 0, R_PUBLIC,
	 "Partner directory page (q, program, product, motion, tier, region, page)"},
	{"GET", "/partners/{slug}", public_partner, 0, R_PUBLIC, "A partner's listing page"},
	{"GET", "/badges/{slug}.svg", public_badge, 0, R_PUBLIC, "A partner's tier badge (SVG)"},
	{"GET", "/verify/{slug}", public_verify, 0, R_PUBLIC,
	 "Verification page: who the partner is and its current tiers"},
	/* the web portal (web.c): a single-page app; its pages log in through the API */
	{"GET", "/app", web_app, 0, R_PUBLIC, "The web portal"},
	{"GET", "/app/{path}", web_app, 0, R_PUBLIC | R_TAIL,
	 "The web portal's files and pages (any path under /app/)"},

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
	{"POST", "/api/v1/invitations", api_invitations_create, AD | ROLE_PARTNER_ADMIN, W,
	 "Invite a colleague (returns the invitation link)"},
	{"GET", "/api/v1/invitations", api_invitations_list, AD | ROLE_PARTNER_ADMIN, 0,
	 "Invitations, pending unless ?status= (partner admins: their partner's)"},
	{"DELETE", "/api/v1/invitations/{invitation}", api_invitations_revoke,
	 AD | ROLE_PARTNER_ADMIN, W, "Revoke a pending invitation"},
	{"POST", "/api/v1/invitations/{invitation}/resend", api_invitations_resend,
	 AD | ROLE_PARTNER_ADMIN, W, "Send a pending or expired invitation again (a new link)"},
	{"POST", "/api/v1/invitations/{code}/accept", api_invitations_accept, 0, R_PUBLIC,
	 "Accept an invitation, setting a password"},
	{"GET", "/api/v1/audit", api_audit, AD, 0, "The audit log"},

	/*
	 * programs, imports, evaluations, governance (api_programs.c, api_governance.c).
	 * Before the partner records: .../agreements/acceptances must not be taken for
	 * the agreement of kind "acceptances".
	 */
	{"GET", "/api/v1/programs", api_programs_list, A, 0, "Loaded programs"},
	{"GET", "/api/v1/programs/{program}", api_program_get, A, 0,
	 "A program's tiers, requirements and benefits"},
	{"PUT", "/api/v1/programs/{program}", api_program_put, AD, W,
	 "Validate and store (or replace) a program definition (YAML body)"},
	{"POST", "/api/v1/imports/{kind}", api_import, PM | ROLE_FINANCE, W,
	 "Import a CSV file of records (multipart part 'file', or text/csv); all or nothing"},
	{"POST", "/api/v1/evaluations", api_evaluations_run, PM, W,
	 "Run the tier engine (annual or mid-year), optionally recording proposals"},
	{"GET", "/api/v1/proposals", api_proposals_list, PM, 0,
	 "Tier-change proposals (status, program)"},
	{"GET", "/api/v1/proposals/{proposal}", api_proposal_get, PM, 0,
	 "One proposal, with its explanation"},
	{"POST", "/api/v1/proposals/{proposal}/approve", api_proposal_approve, PM, W,
	 "Apply a pending proposal"},
	{"POST", "/api/v1/proposals/{proposal}/reject", api_proposal_reject, PM, W,
	 "Reject a pending proposal"},
	{"PUT", "/api/v1/partners/{partner}/tiers/{program}", api_partner_tier_set, PM, S | W,
	 "Set a partner's tier by leadership discretion (tier may be none)"},
	{"GET", "/api/v1/partners/{partner}/tier-history", api_partner_tier_history, A, S,
	 "Every tier change of a partner"},
	{"GET", "/api/v1/partners/{partner}/benefits", api_partner_benefits, A, S,
	 "A partner's entitled and locked benefits, with the reasons"},
	{"GET", "/api/v1/partners/{partner}/scorecard", api_partner_scorecard, A, S,
	 "A partner's standing and gap to the next tier (mid-year evaluation)"},
	{"GET", "/api/v1/reviews/inactive", api_review_inactive, PM, 0,
	 "Partners at the reviewed tier with no activity in a quarter"},
	{"GET", "/api/v1/reports/summary", api_report_summary, V, 0,
	 "A program's partners and revenue by tier, and its last evaluation run"},
	{"POST", "/api/v1/partners/{partner}/deactivate", api_partner_deactivate, PM, S | W,
	 "Deactivate a partner (left out of evaluations)"},
	{"GET", "/api/v1/agreements/tos", api_tos_get, A, 0,
	 "The current Terms of Service document (what partner admins accept)"},
	{"POST", "/api/v1/partners/{partner}/agreements/tos/accept", api_tos_accept,
	 ROLE_PARTNER_ADMIN, S | W, "Accept the Terms of Service for the partner"},
	{"GET", "/api/v1/partners/{partner}/agreements/acceptances", api_acceptances_list, A, S,
	 "The partner's agreement acceptances"},

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
	 "Search partners (q, program, tier, motion, product, region, active, standing, sort)"},
	{"POST", "/api/v1/partners", api_partners_create, PM, W, "Create a partner"},
	{"GET", "/api/v1/partners/{partner}", api_partner_get, A, S, "One partner, with its tiers"},
	{"PUT", "/api/v1/partners/{partner}", api_partner_update, PM, S | W, "Update a partner"},
	{"PUT", "/api/v1/partners/{partner}/listing", api_partner_listing_put,
	 PM | ROLE_MARKETING | ROLE_PARTNER_ADMIN, S | W,
	 "Set the partner's description on its public listing"},
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
