/*
 * The program model: one technology partner program (tiers, products, motions,
 * agreement kinds, benefits, requirements, governance), as loaded from a
 * program definition file (docs/program-format.md). Pure data; the engine
 * reads it, nothing in it does I/O.
 *
 * Sets of products, motions and tiers are bitmasks over the program's own
 * ordered lists (at most 32 of each), so that a partner's facts can be
 * matched against a requirement with one AND.
 */
#ifndef CONSORT_PROGRAM_H
#define CONSORT_PROGRAM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define PROGRAM_MAX_ITEMS 32 /* tiers, products, motions, agreement kinds */

/* What a requirement measures. */
enum req_kind {
	REQ_AGREEMENTS,		/* every listed agreement kind signed and not expired */
	REQ_SOLUTION,		/* number of launched joint solutions */
	REQ_SOLUTION_MATERIALS, /* launched solutions with docs and collateral finalized */
	REQ_STORIES,		/* number of published customer success stories */
	REQ_GTM_PLAN,		/* joint GTM business plan approved for the program year */
	REQ_ACCOUNT_MAPPING,	/* automated account mapping active on the as-of date */
	REQ_INFLUENCE_REVENUE,	/* ARR of closed-won deals in the window, in cents */
	REQ_DIRECT_SPEND,	/* direct spend of the months in the window, in cents */
	REQ_COMMIT,		/* TCV of a running multi-year commit, in cents */
	REQ_SUPPORT_PACKAGE,	/* active support plan and signed support addendum */
	REQ_KIND_COUNT
};

/* How a requirement's value and threshold read. */
enum req_unit {
	UNIT_BOOL,  /* value 0 or 1, threshold 1 */
	UNIT_COUNT, /* a number of things */
	UNIT_CENTS, /* US dollars, in cents */
};

/* How a benefit is granted at one tier. */
enum benefit_grant {
	GRANT_NONE = 0,
	GRANT_INCLUDED,
	GRANT_INVITE_ONLY, /* only for partners invited to that tier */
};

struct tier {
	char *key;  /* "registered" */
	char *name; /* "Registered" */
};

struct named {
	char *key;
	char *name;
};

/* A requirement's setting at one tier. */
struct req_tier {
	bool set;	   /* the requirement applies at this tier */
	bool invite_only;  /* ...but only to partners invited to this tier */
	int64_t threshold; /* count, cents, or 1 for UNIT_BOOL */
};

struct requirement {
	char *key;    /* "influence_revenue" */
	char *name;   /* "Influence revenue" */
	char *source; /* citation of the guide's section */
	enum req_kind kind;
	uint32_t motions;    /* applies to partners with any of these motions; 0 = all */
	uint32_t products;   /* ...and any of these products; 0 = all */
	uint32_t agreements; /* REQ_AGREEMENTS: kinds required; REQ_SUPPORT_PACKAGE: the addendum */
	int min_months;	     /* REQ_COMMIT: minimum term in months */
	/*
	 * Requirements with the same non-NULL group are alternatives: at a tier, the
	 * group is met when any member that applies to the partner is met ("a
	 * partner with several motions qualifies through any one motion's revenue
	 * path").
	 */
	char *group;
	/* Index of the first requirement of the same group; its own index when
	 * ungrouped. Set by program_parse(). */
	int group_leader;
	struct req_tier tiers[PROGRAM_MAX_ITEMS]; /* indexed like program.tiers */
};

struct benefit {
	char *key;
	char *name;
	char *source;
	enum benefit_grant grant[PROGRAM_MAX_ITEMS]; /* indexed like program.tiers */
	uint32_t products;	/* only for partners with any of these products; 0 = all */
	uint32_t prerequisites; /* agreement kinds that must be signed and active */
};

struct governance {
	/* Program year = calendar year; annual evaluation uses the previous one. */
	int midyear_window_days;      /* trailing window ending on the as-of date: 365 */
	int inactivity_tier;	      /* tier index reviewed for inactivity (registered) */
	int inactivity_period_months; /* 3: quarterly */
	char *source;
};

struct program {
	/* References: program_parse() gives 1, program_ref() adds one, program_free()
	 * drops one and frees at zero (a parsed program is shared read-only). */
	atomic_int refs;
	char *key;  /* "twilio-2023" */
	char *name; /* "Twilio Technology Partner Program" */
	int year;   /* the guide's year, informational */
	char *source;
	struct tier tiers[PROGRAM_MAX_ITEMS]; /* ordered lowest first */
	int ntiers;
	struct named products[PROGRAM_MAX_ITEMS];
	int nproducts;
	struct named motions[PROGRAM_MAX_ITEMS];
	int nmotions;
	struct named agreements[PROGRAM_MAX_ITEMS];
	int nagreements;
	struct requirement *reqs;
	int nreqs;
	struct benefit *benefits;
	int nbenefits;
	struct governance governance;
};

/* Returns the index of the tier/product/motion/agreement kind named key, or -1. */
int program_tier_index(const struct program *p, const char *key);
int program_product_index(const struct program *p, const char *key);
int program_motion_index(const struct program *p, const char *key);
int program_agreement_index(const struct program *p, const char *key);

/*
 * The bitmask of a ';'-separated list of keys ("integrate;connect") looked up
 * with one of the index functions above; unknown and over-long keys are left
 * out.
 */
uint32_t program_list_mask(const struct program *p, const char *list,
			   int (*lookup)(const struct program *p, const char *key));

/* The unit a requirement kind is measured in. */
enum req_unit req_kind_unit(enum req_kind kind);
/* "influence_revenue" etc. (the file format's names); NULL for an invalid kind. */
const char *req_kind_name(enum req_kind kind);
/* Returns the kind for a file-format name, or -1. */
int req_kind_parse(const char *name);

/*
 * Parses a program definition (YAML, docs/program-format.md) from memory.
 * `filename` is used in messages only. On success returns 0 and a program the
 * caller frees with program_free(). On failure returns -1 and appends
 * "FILENAME:LINE: what is wrong" lines to err (every problem found, one per line).
 */
struct strbuf;
int program_parse(const char *filename, const char *text, size_t len, struct program **out,
		  struct strbuf *err);

/* Sets every requirement's group_leader (program_parse() does it). */
void program_link_groups(struct program *p);

/* Takes another reference to a program (returns it). */
struct program *program_ref(struct program *p);

/* Drops a reference; the last one frees the program and everything it owns.
 * NULL is a no-op. */
void program_free(struct program *p);

#endif
