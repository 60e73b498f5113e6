/*
 * One partner's facts, as the tier engine sees them: plain arrays filled by the
 * caller (from storage, or by hand in tests). Dates are day numbers
 * (util/date.h), DATE_NONE when absent; money is int64 cents. The engine only
 * reads facts; whoever fills them owns the memory.
 *
 * Program-specific values are resolved by the caller against the program being
 * evaluated: tier indexes, and the motion/product/agreement bitmasks.
 */
#ifndef CONSORT_FACTS_H
#define CONSORT_FACTS_H

#include <stdbool.h>
#include <stdint.h>

enum deal_type {
	DEAL_NEW,
	DEAL_UPSELL,
	DEAL_RENEWAL,
	DEAL_PROFESSIONAL_SERVICES,
};

enum deal_stage {
	STAGE_OPEN,
	STAGE_CLOSED_WON,
	STAGE_CLOSED_LOST,
};

struct fact_agreement {
	int kind; /* program agreement index; -1 when the program has no such kind */
	int32_t signed_on;
	int32_t expires_on; /* valid through this day; DATE_NONE = no expiry */
};

struct fact_solution {
	const char *key;
	int product; /* program product index, -1 = not one of the program's products */
	int32_t launched_on, docs_on, collateral_on, reviewed_on;
};

struct fact_story {
	const char *key;
	int32_t published_on; /* DATE_NONE = not published */
};

struct fact_deal {
	const char *key;
	int product; /* program product index, -1 = not one of the program's products */
	enum deal_type type;
	enum deal_stage stage;
	int64_t arr_cents;
	int32_t closed_on;
};

struct fact_spend {
	int month; /* year * 12 + (month - 1) */
	int64_t amount_cents;
};

struct fact_commit {
	const char *key;
	int64_t tcv_cents;
	int32_t signed_on, start_on, end_on; /* end_on inclusive */
};

struct fact_period {
	int32_t start_on; /* enabled / started on */
	int32_t end_on;	  /* support: last active day; mapping: disabled from this day */
};

struct fact_plan {
	int year;
	int32_t approved_on;
};

struct partner_facts {
	const char *key;
	uint32_t motions;  /* program motion bitmask */
	uint32_t products; /* program product bitmask */
	int current_tier;  /* tier index of the enrollment; -1 when none */
	uint32_t invited;  /* tier bitmask of invitations */

	const struct fact_agreement *agreements;
	size_t nagreements;
	const struct fact_solution *solutions;
	size_t nsolutions;
	const struct fact_story *stories;
	size_t nstories;
	const struct fact_deal *deals;
	size_t ndeals;
	const struct fact_spend *spend;
	size_t nspend;
	const struct fact_commit *commits;
	size_t ncommits;
	const struct fact_period *support;
	size_t nsupport;
	const struct fact_period *mapping;
	size_t nmapping;
	const struct fact_plan *plans; /* this program's plans only */
	size_t nplans;
};

#endif
