/*
 * Program governance: tier proposals and their approval, leadership overrides,
 * tier history, benefit entitlement, the quarterly inactivity review and
 * partner deactivation. Every function that writes runs one transaction and
 * records the change in the audit log (core/accounts.h) inside it, with
 * `actor` as who.
 */
#ifndef CONSORT_CORE_GOVERNANCE_H
#define CONSORT_CORE_GOVERNANCE_H

#include <jansson.h>
#include <stdint.h>

struct auth;
struct store;
struct strbuf;

/*
 * Every function returns 0 on success; on failure one of these, with the
 * reason in err, so that callers can tell a bad request from a broken store.
 */
enum gov_failure {
	GOV_ERROR = -1,	      /* storage (or other internal) failure */
	GOV_NO_PARTNER = -2,  /* unknown partner */
	GOV_NO_PROGRAM = -3,  /* unknown program */
	GOV_NO_PROPOSAL = -4, /* unknown proposal */
	GOV_INVALID = -5,     /* a bad value: tier, reason, quarter; not enrolled */
	GOV_CONFLICT =
		-6, /* the state forbids it: proposal decided or stale, partner deactivated */
};

/* Pending proposals (status NULL = all) as a JSON array. */
int tier_proposals(struct store *s, const char *status, const char *program, json_t **out,
		   struct strbuf *err);
/* One proposal, with the whole explanation it was made with ("explanation"). */
int tier_proposal(struct store *s, int64_t id, json_t **out, struct strbuf *err);
/* Applies a pending proposal: the enrollment moves to its tier, effective on `on`. */
int tier_approve(struct store *s, int64_t id, const char *actor, const char *on,
		 struct strbuf *err);
int tier_reject(struct store *s, int64_t id, const char *actor, struct strbuf *err);
/* Leadership discretion: sets the tier ("none" = not in good standing) with a reason. */
int tier_set(struct store *s, const char *partner, const char *program, const char *tier,
	     const char *reason, const char *actor, const char *on, struct strbuf *err);
int tier_history(struct store *s, const char *partner, json_t **out, struct strbuf *err);

/* Benefits of a partner in a program as of `on` ("YYYY-MM-DD"). */
int benefits_of(struct store *s, const char *partner, const char *program, const char *on,
		json_t **out, struct strbuf *err);

/* Partners at the program's reviewed tier with no activity in quarter "2025Q1". */
int review_inactive(struct store *s, const char *program, const char *quarter, json_t **out,
		    struct strbuf *err);

int partner_deactivate(struct store *s, const char *partner, const char *reason, const char *on,
		       const char *actor, struct strbuf *err);

/*
 * Sets the partner's public listing description (NULL, "" or only
 * whitespace clears it), checked by import_check_description() (GOV_INVALID
 * with the problem), audited as "partner.listing" with before and after.
 */
int partner_listing_set(struct store *s, const char *partner, const char *description,
			const char *actor, struct strbuf *err);

/* 0 when the partner exists, else GOV_NO_PARTNER (or GOV_ERROR). */
int partner_known(struct store *s, const char *partner, struct strbuf *err);
/* The keys of the programs a partner is enrolled in, as a JSON array. */
int partner_programs(struct store *s, const char *partner, json_t **out, struct strbuf *err);

/*
 * agreement_accept() (core/accounts.h), and in the same transaction: unless
 * an agreement of that kind is in force for the partner on `on`, stores it as
 * signed on `on` (no expiry), audited, so that evaluations see it. Failures
 * of agreement_accept() are GOV_INVALID (or GOV_NO_PARTNER).
 */
int agreement_accept_signed(struct store *s, const struct auth *a, const char *partner,
			    const char *agreement, const char *version, const char *client,
			    const char *on, json_t **out, struct strbuf *err);

/* Partner list / one partner's record with its enrollments and record counts. */
int partners_list(struct store *s, json_t **out, struct strbuf *err);
int partner_show(struct store *s, const char *partner, json_t **out, struct strbuf *err);

#endif
