/*
 * Storage interface, continued: the aggregates of the program reports
 * (core/reports.h), each one query over the whole program, never a loop over
 * partners.
 */
#ifndef CONSORT_STORE_REPORTS_H
#define CONSORT_STORE_REPORTS_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct strbuf;

/* One current tier of a program's enrolled, active partners, and their revenue. */
struct store_tier_totals {
	char *tier; /* the enrollments' tier; NULL: no tier */
	int64_t partners;
	/* ARR of closed-won deals closed in [from, to], professional services excluded, whose
	 * product is in the ';'-list `products`: what the engine counts as influence revenue */
	int64_t influenced_cents;
	/* spend of the months that end in [from, to]: the engine's direct spend */
	int64_t direct_cents;
};

/* One row per tier (in no particular order); `products` is the program's, ';'-separated. */
int store_report_tiers(struct store *s, int64_t program_id, const char *products, const char *from,
		       const char *to, struct store_tier_totals **out, size_t *n,
		       struct strbuf *err);
void store_tier_totals_free(struct store_tier_totals *list, size_t n);

/* A proposal of an evaluation run, with its partner's name. */
struct store_run_proposal {
	int64_t id, run_id;
	char *partner_key, *partner_name, *from_tier, *to_tier, *status, *mode, *as_of,
		*created_at; /* tiers: NULL for none */
};

/*
 * The proposals of the program's latest evaluation run that recorded any
 * (the highest run id), in the order they were made; none: *n is 0.
 */
int store_report_last_run(struct store *s, int64_t program_id, struct store_run_proposal **out,
			  size_t *n, struct strbuf *err);
void store_run_proposals_free(struct store_run_proposal *list, size_t n);

#endif
