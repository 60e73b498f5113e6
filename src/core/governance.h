/*
 * Program governance: tier proposals and their approval, leadership overrides,
 * tier history, benefit entitlement, the quarterly inactivity review and
 * partner deactivation. Every function that writes runs one transaction.
 */
#ifndef CONSORT_CORE_GOVERNANCE_H
#define CONSORT_CORE_GOVERNANCE_H

#include <jansson.h>
#include <stdint.h>

struct store;
struct strbuf;

/* Pending proposals (status NULL = all) as a JSON array. */
int tier_proposals(struct store *s, const char *status, const char *program, json_t **out,
		   struct strbuf *err);
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

/* Partner list / one partner's record with its enrollments and record counts. */
int partners_list(struct store *s, json_t **out, struct strbuf *err);
int partner_show(struct store *s, const char *partner, json_t **out, struct strbuf *err);

#endif
