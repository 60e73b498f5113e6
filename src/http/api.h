/*
 * Handlers of the route table (routes.c), one file per resource
 * (api_<resource>.c). Each returns 0 after answering with http_reply() or
 * http_fail().
 */
#ifndef CONSORT_HTTP_API_H
#define CONSORT_HTTP_API_H

#include "http/http.h"

/* A positive integer path parameter; answers 404 and returns -1 otherwise. */
int api_id_param(struct http_request *r, const char *name, int64_t *id);
/*
 * A "YYYY-MM-DD" value (NULL: today, UTC) into out (and *day when given);
 * answers 422 naming `field` and returns -1 when it is not a date.
 */
int api_date_arg(struct http_request *r, const char *field, const char *v, char out[11],
		 int32_t *day);

/* api_system.c */
int api_healthz(struct http_request *r);
int api_readyz(struct http_request *r);
int api_metrics(struct http_request *r);
int api_openapi(struct http_request *r);

/* api_session.c */
int api_login(struct http_request *r);
int api_logout(struct http_request *r);
int api_whoami(struct http_request *r);
int api_tokens_list(struct http_request *r);
int api_tokens_create(struct http_request *r);
int api_tokens_revoke(struct http_request *r);
int api_invitations_create(struct http_request *r);
int api_invitations_accept(struct http_request *r);
int api_invitations_list(struct http_request *r);
int api_invitations_revoke(struct http_request *r);
int api_invitations_resend(struct http_request *r);
int api_users_list(struct http_request *r);
int api_users_create(struct http_request *r);
int api_audit(struct http_request *r);

/* api_governance.c: evaluations, proposals, tiers, benefits, scorecard, review */
/*
 * Answers one page of `all` (a whole list, stolen) as http_page() does, the
 * cursor an offset into the list; answers 400 for a bad ?limit or ?cursor.
 */
int api_reply_list_page(struct http_request *r, json_t *all);
int api_evaluations_run(struct http_request *r);
int api_proposals_list(struct http_request *r);
int api_proposal_get(struct http_request *r);
int api_proposal_approve(struct http_request *r);
int api_proposal_reject(struct http_request *r);
int api_partner_tier_set(struct http_request *r);
int api_partner_tier_history(struct http_request *r);
int api_partner_benefits(struct http_request *r);
int api_partner_scorecard(struct http_request *r);
int api_review_inactive(struct http_request *r);
int api_partner_deactivate(struct http_request *r);

/* api_reports.c: program reports */
int api_report_summary(struct http_request *r);

/* api_programs.c: programs, imports, agreement acceptances */
int api_programs_list(struct http_request *r);
int api_program_get(struct http_request *r);
int api_program_put(struct http_request *r);
int api_import(struct http_request *r);
int api_tos_get(struct http_request *r);
int api_tos_accept(struct http_request *r);
int api_acceptances_list(struct http_request *r);

/* public.c: the public pages (HTML and SVG, no authentication) */
int public_partners(struct http_request *r);
int public_partner(struct http_request *r);
int public_badge(struct http_request *r);
int public_verify(struct http_request *r);
/*
 * What the public pages show of the partner (the same rule): {"listed",
 * "listing_url" (null unless listed), "badge": {"program", "tier", "url"} or
 * null}; NULL for an unknown partner or a storage error.
 */
json_t *public_presence(struct http_request *r, const char *key);

/* web.c: the web portal's files */
int web_app(struct http_request *r);
int public_home(struct http_request *r);

/* api_records.c: partners and their records */
int api_partners_search(struct http_request *r);
int api_partners_create(struct http_request *r);
int api_partner_get(struct http_request *r);
int api_partner_update(struct http_request *r);
int api_partner_listing_put(struct http_request *r);
#define RECORD_HANDLERS(name)                                                                      \
	int api_##name##_list(struct http_request *r);                                             \
	int api_##name##_put(struct http_request *r);                                              \
	int api_##name##_get(struct http_request *r);                                              \
	int api_##name##_delete(struct http_request *r);
RECORD_HANDLERS(enrollments)
RECORD_HANDLERS(agreements)
RECORD_HANDLERS(solutions)
RECORD_HANDLERS(stories)
RECORD_HANDLERS(deals)
RECORD_HANDLERS(spend)
RECORD_HANDLERS(commits)
RECORD_HANDLERS(support)
RECORD_HANDLERS(mapping)
RECORD_HANDLERS(plans)
RECORD_HANDLERS(activity)

#endif
