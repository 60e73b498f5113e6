/*
 * The tier engine: pure. Given a program, one partner's facts and a window, it
 * decides the partner's qualified tier and explains every requirement: value,
 * threshold per tier, met or not, and the evidence that counted. No I/O, no
 * globals, no clock: the caller passes the as-of date.
 *
 * Semantics (docs/evaluation.md):
 * - qualified tier = the highest tier whose requirements, and those of every
 *   tier below it, are all met; -1 when the lowest tier's are not (the partner
 *   is not in good standing);
 * - performance (influence revenue, direct spend) is measured over the window;
 *   standing (agreements, solutions, stories, plans, support, mapping,
 *   commits) as of the as-of date.
 */
#ifndef CONSORT_ENGINE_H
#define CONSORT_ENGINE_H

#include "engine/facts.h"
#include "engine/program.h"

struct strbuf;

enum eval_mode {
	MODE_ANNUAL,
	MODE_MIDYEAR,
};

struct eval_window {
	enum eval_mode mode;
	int32_t from, to; /* performance window, both inclusive */
	int32_t as_of;	  /* standing date */
	int plan_year;	  /* the program year a GTM plan must be approved for */
};

/*
 * Fills a window: annual for program year `year` measures calendar year
 * year-1; mid-year measures the 365 days (program governance) ending on as_of.
 * Returns 0, or -1 with a reason in err (as-of before an annual window ends).
 */
int eval_window_annual(struct eval_window *w, const struct program *p, int year, int32_t as_of,
		       struct strbuf *err);
void eval_window_midyear(struct eval_window *w, const struct program *p, int32_t as_of);

/* Which facts array a requirement's evidence indexes point into. */
enum evidence_kind {
	EV_NONE,
	EV_AGREEMENT,
	EV_SOLUTION,
	EV_STORY,
	EV_DEAL,
	EV_SPEND,
	EV_COMMIT,
	EV_SUPPORT,
	EV_MAPPING,
	EV_PLAN,
};

/* One requirement's outcome for one partner. */
struct req_eval {
	const struct requirement *req;
	bool applies;	   /* the partner's motions and products are in scope */
	int64_t value;	   /* count, cents, or 0/1 */
	uint32_t met;	   /* tier bitmask: value reaches that tier's threshold */
	uint32_t required; /* tier bitmask: it must be met there (set, in scope, invited if
			      invite-only) */
	uint32_t missing_agreements; /* agreement kinds required but not in force */
	bool support_plan_active;    /* REQ_SUPPORT_PACKAGE: half of the check */
	enum evidence_kind ev_kind;
	size_t ev_off, ev_len; /* range in eval_result.evidence */
	/* A second range, for kinds that check two sorts of facts (the support
	 * package: ev_kind names the addendum, ev2_kind the support plans). */
	enum evidence_kind ev2_kind;
	size_t ev2_off, ev2_len;
};

struct eval_result {
	int current_tier;      /* from the facts */
	int plan_year;	       /* from the window, for the GTM plan's gap text */
	int qualified_tier;    /* -1 = not in good standing */
	uint32_t tiers_met;    /* tiers whose own requirements are all met */
	struct req_eval *reqs; /* one per program requirement, same order */
	int nreqs;
	size_t *evidence; /* indexes into the facts array named by ev_kind */
	size_t nevidence, evidence_alloc;
};

#define EVAL_RESULT_INIT                                                                           \
	{                                                                                          \
		0                                                                                  \
	}

/*
 * Evaluates one partner. `out` may be reused across partners (its buffers are
 * kept and overwritten); release it with eval_result_release(). Evidence
 * indexes point into `facts`, which must outlive any reading of them.
 */
void engine_evaluate(const struct program *p, const struct partner_facts *facts,
		     const struct eval_window *w, struct eval_result *out);

void eval_result_release(struct eval_result *r);

/* The tier the partner would move to: qualified + 1, or -1 at the top. */
int eval_next_tier(const struct program *p, const struct eval_result *r);

/* "up", "down" or "none", comparing the qualified tier with the current one. */
const char *eval_change(const struct eval_result *r);

/*
 * Appends, in words, what the partner lacks for `tier` (usually
 * eval_next_tier()), requirements in program order: "1 more published
 * customer success story; $120,000.00 more influenced ARR". Alternatives of a
 * group are joined with " or ". For a tier beyond the next one, what lower
 * tiers lack is included too (once per requirement, at its largest ask).
 * Appends nothing when nothing is lacking.
 */
void eval_gap_text(const struct program *p, const struct eval_result *r, int tier,
		   struct strbuf *out);

/*
 * Appends the one-requirement gap for `tier` ("$120,000.00 more influenced
 * ARR"); nothing if it is met or not required there.
 */
void eval_req_gap_text(const struct program *p, const struct eval_result *r,
		       const struct req_eval *e, int tier, struct strbuf *out);

/*
 * Whether the partner, not qualified for `tier`, is within `percent`% of it:
 * every requirement group it lacks for `tier` (at that tier or a lower one,
 * judged at the highest tier where it lacks: the largest ask) has a required
 * member measured in numbers (a count or dollars, not yes/no) whose value is
 * at least (100 - percent)% of its threshold there (an alternative of a group
 * is enough: the best revenue path counts). False when the partner qualifies
 * for `tier` or there is no such tier.
 */
bool eval_near_tier(const struct program *p, const struct eval_result *r, int tier, int percent);

/* Whether a requirement counts toward `tier` for this partner, and if met. */
bool eval_tier_met(const struct program *p, const struct eval_result *r, int tier);

#endif
