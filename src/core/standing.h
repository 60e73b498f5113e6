/*
 * Partners by standing in a program, from the tier engine's mid-year
 * evaluation of the whole program (core/evaluate.h): those not in good
 * standing, and those near their next tier (docs/api.md, "Standing").
 */
#ifndef CONSORT_CORE_STANDING_H
#define CONSORT_CORE_STANDING_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct program;
struct store;
struct strbuf;
struct strmap;

enum standing_kind {
	/*
	 * Not qualified for the next tier (the one above the current tier; the lowest
	 * when there is none), but within STANDING_NEAR_PERCENT of it: engine.h,
	 * eval_near_tier().
	 */
	STANDING_NEAR_NEXT,
	/* Would move down (qualifies below the current tier), or enrolled without a tier. */
	STANDING_NOT_GOOD,
};

#define STANDING_NEAR_PERCENT 10

/* One matching partner. */
struct standing_row {
	char *key;
	int qualified; /* tier indexes of the program; -1 none */
	int next;      /* the tier above the current one (the lowest when none); -1 at the top */
	char *gap;     /* what lacks for `next`, in words; NULL when nothing does */
};

struct standing_set {
	struct program *program;
	struct standing_row *rows;
	size_t n, alloc;
	struct strmap *index; /* key -> row */
	size_t evaluated;     /* partners evaluated */
};

/* "near_next" or "not_good"; -1 for anything else. */
int standing_parse(const char *name, enum standing_kind *out);

/*
 * Evaluates every enrolled, active partner of `program` (mid-year, as of
 * `as_of`) and keeps those of `kind`. Returns 0, or GOV_NO_PROGRAM /
 * GOV_ERROR (core/governance.h) with the reason in err.
 */
int standing_find(struct store *s, const char *program, enum standing_kind kind, int32_t as_of,
		  struct standing_set *out, struct strbuf *err);

/* The matching partners' keys, a JSON array text (malloc'd). */
char *standing_keys_json(const struct standing_set *set);

/* {qualified_tier, next_tier, gap} of a matching partner, or NULL when it does not match. */
json_t *standing_json(const struct standing_set *set, const char *key);

void standing_set_release(struct standing_set *set);

#endif
