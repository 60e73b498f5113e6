/*
 * Storage interface. Services talk to the database only through these
 * functions and plain record structs: no SQL types or statements cross this
 * line, so a PostgreSQL backend can be added beside the SQLite one without
 * touching the services or the engine.
 *
 * Conventions: functions return 0 on success and -1 on failure with the
 * reason appended to `err` (when err is given); lookups return 1 when found
 * and 0 when not. Dates are "YYYY-MM-DD" text ("" or NULL = none), money is
 * int64 cents, lists are ';'-separated text. Strings in records filled by the
 * store belong to the record's owner struct (freed by its _release function).
 */
#ifndef CONSORT_STORE_H
#define CONSORT_STORE_H

#include <stdbool.h>
#include <stdint.h>

struct strbuf;
struct store;

/* Opens the database at path. With create, makes it (and applies the migrations);
 * without, fails with a hint to run `consort init` when the file is missing. */
int store_open(struct store **out, const char *path, bool create, struct strbuf *err);
void store_close(struct store *s);
/* The schema version recorded in the database. */
int store_schema_version(struct store *s);

/*
 * One transaction around every write; rollback is safe to call after a
 * failure. store_commit() counts a generation up when the transaction
 * changed data (not only sessions, tokens, sign-in failures or the audit
 * log): one partner's when it changed only that partner's own records,
 * else the data generation. A write outside a transaction is refused at its
 * commit, unless it is one of those side writes.
 */
int store_begin(struct store *s, struct strbuf *err);
int store_commit(struct store *s, struct strbuf *err);
void store_rollback(struct store *s);

/*
 * The generations as of the caller's snapshot (inside a read or write
 * transaction, the numbers that go with what it reads): the data
 * generation, counted up by every change but those to one partner's own
 * records, and the partner's (by key; 0 for none), counted up by those. A
 * result derived from the data about that partner is still right while both
 * hold, whichever process changes the database.
 */
struct store_generation {
	int64_t data, partner;
};
int store_generation(struct store *s, const char *partner_key, struct store_generation *out,
		     struct strbuf *err);

/*
 * A read transaction around several reads: one snapshot, and one WAL read lock
 * instead of one per statement. store_read_end() ends it (a no-op if none).
 */
int store_read_begin(struct store *s, struct strbuf *err);
void store_read_end(struct store *s);

/* Bulk mode for big imports: larger page cache, no per-row foreign key checks
 * (the import checks every reference itself). */
void store_tune_bulk(struct store *s);

/*
 * Loading into an empty table, inside a transaction: store_bulk_begin()
 * drops the table's secondary indexes when the table of `kind` (an import
 * kind) is empty, so that rows go in without index upkeep;
 * store_bulk_end() creates them again, each by one sort. A rollback
 * restores them too. Both do nothing when there is nothing to do.
 */
int store_bulk_begin(struct store *s, const char *kind, struct strbuf *err);
int store_bulk_end(struct store *s, struct strbuf *err);

/* ---- programs ---- */
struct store_program {
	int64_t id;
	char *key, *name, *definition, *loaded_at;
	int64_t revision; /* counted up by every store_program_put() of the key */
};
int store_program_put(struct store *s, const char *key, const char *name, const char *definition,
		      struct strbuf *err);
/* 1 found, 0 not found, -1 error. */
int store_program_get(struct store *s, const char *key, struct store_program *out,
		      struct strbuf *err);
/* A program's id and revision without its definition: 1 found, 0 not found, -1 error. */
int store_program_revision(struct store *s, const char *key, int64_t *id, int64_t *revision,
			   struct strbuf *err);
int store_program_list(struct store *s, struct store_program **out, size_t *n, struct strbuf *err);
void store_program_release(struct store_program *p);
void store_program_list_free(struct store_program *list, size_t n);

/* ---- partners ---- */
struct store_partner {
	int64_t id;
	char *key, *name, *domain, *motions, *products, *region;
	bool active;
	char *deactivated_on, *deactivation_reason;
	char *description; /* the public listing's text ("" = none) */
	/* store_partner_put(): whether to store `description`; else a known partner keeps its own
	 */
	bool put_description;
};
int store_partner_put(struct store *s, const struct store_partner *p, struct strbuf *err);
/* Sets (text) or clears (NULL or "") the partner's description. */
int store_partner_set_description(struct store *s, int64_t partner_id, const char *description,
				  struct strbuf *err);
int store_partner_get(struct store *s, const char *key, struct store_partner *out,
		      struct strbuf *err);
int store_partner_list(struct store *s, struct store_partner **out, size_t *n, struct strbuf *err);
void store_partner_release(struct store_partner *p);
void store_partner_list_free(struct store_partner *list, size_t n);
int store_partner_deactivate(struct store *s, int64_t partner_id, const char *on,
			     const char *reason, struct strbuf *err);

/* Calls fn(key, id) for every partner (to build an in-memory key index). */
int store_partner_keys(struct store *s, void (*fn)(void *ctx, const char *key, int64_t id),
		       void *ctx, struct strbuf *err);

/* ---- records (import) ---- */
struct store_enrollment {
	int64_t partner_id, program_id;
	const char *tier, *since, *invited;
};
struct store_agreement {
	int64_t partner_id;
	const char *kind, *signed_on, *expires_on;
};
struct store_solution {
	int64_t partner_id;
	const char *key, *name, *product, *launched_on, *docs_on, *collateral_on, *reviewed_on;
};
struct store_story {
	int64_t partner_id;
	const char *key, *title, *customer, *published_on, *url;
};
struct store_deal {
	int64_t partner_id;
	const char *key, *account, *product, *type, *stage, *closed_on;
	int64_t arr_cents;
};
struct store_spend {
	int64_t partner_id;
	const char *month; /* YYYY-MM */
	int64_t amount_cents;
};
struct store_commit {
	int64_t partner_id;
	const char *key, *signed_on, *start_on, *end_on;
	int64_t tcv_cents;
};
struct store_support {
	int64_t partner_id;
	const char *plan, *start_on, *end_on;
};
struct store_mapping {
	int64_t partner_id;
	const char *enabled_on, *disabled_on;
};
struct store_plan {
	int64_t partner_id, program_id;
	int year;
	const char *approved_on;
};
struct store_activity {
	int64_t partner_id;
	const char *on, *kind;
};

/* Insert or update by natural key (see docs/import.md for each kind's key). */
int store_put_enrollment(struct store *s, const struct store_enrollment *r, struct strbuf *err);
int store_put_agreement(struct store *s, const struct store_agreement *r, struct strbuf *err);
int store_put_solution(struct store *s, const struct store_solution *r, struct strbuf *err);
int store_put_story(struct store *s, const struct store_story *r, struct strbuf *err);
int store_put_deal(struct store *s, const struct store_deal *r, struct strbuf *err);
int store_put_spend(struct store *s, const struct store_spend *r, struct strbuf *err);
int store_put_commit(struct store *s, const struct store_commit *r, struct strbuf *err);
int store_put_support(struct store *s, const struct store_support *r, struct strbuf *err);
int store_put_mapping(struct store *s, const struct store_mapping *r, struct strbuf *err);
int store_put_plan(struct store *s, const struct store_plan *r, struct strbuf *err);
int store_put_activity(struct store *s, const struct store_activity *r, struct strbuf *err);

/* ---- enrollments ---- */
struct store_enrollment_row {
	int64_t partner_id, program_id;
	char *partner_key, *partner_name, *tier, *since, *invited;
	bool active;
};
int store_enrollments(struct store *s, int64_t program_id, int64_t partner_id /* 0 = all */,
		      struct store_enrollment_row **out, size_t *n, struct strbuf *err);
void store_enrollment_rows_free(struct store_enrollment_row *rows, size_t n);
int store_set_tier(struct store *s, int64_t partner_id, int64_t program_id, const char *tier,
		   const char *since, struct strbuf *err);

/*
 * ---- facts for evaluation ----
 * Every record of the kinds the engine reads, for one partner or for every
 * partner enrolled in a program, grouped by partner. Deals are limited to
 * those that can count: closed-won, closed inside [deals_from, deals_to].
 */
struct facts_partner {
	int64_t id;
	const char *key, *motions, *products, *tier, *invited;
	/* ranges into the arrays of struct facts_set */
	size_t agreements, nagreements, solutions, nsolutions, stories, nstories, deals, ndeals,
		spend, nspend, commits, ncommits, support, nsupport, mapping, nmapping, plans,
		nplans;
};
struct facts_agreement {
	const char *kind, *signed_on, *expires_on;
};
struct facts_solution {
	const char *key, *product, *launched_on, *docs_on, *collateral_on, *reviewed_on;
};
struct facts_story {
	const char *key, *published_on;
};
struct facts_deal {
	const char *key, *product, *type, *closed_on;
	int64_t arr_cents;
};
struct facts_spend {
	const char *month;
	int64_t amount_cents;
};
struct facts_commit {
	const char *key, *signed_on, *start_on, *end_on;
	int64_t tcv_cents;
};
struct facts_period {
	const char *start_on, *end_on;
};
struct facts_plan {
	int year;
	const char *approved_on;
};
struct facts_set {
	struct facts_partner *partners;
	size_t npartners;
	struct facts_agreement *agreements;
	struct facts_solution *solutions;
	struct facts_story *stories;
	struct facts_deal *deals;
	struct facts_spend *spend;
	struct facts_commit *commits;
	struct facts_period *support, *mapping;
	struct facts_plan *plans;
	struct strpool *pool; /* owns every string above */
};
/*
 * The facts of every active partner enrolled in the program, or of the one
 * whose key is partner_key (none when it is not enrolled or not active).
 */
int store_load_facts(struct store *s, int64_t program_id, const char *partner_key,
		     const char *deals_from, const char *deals_to, struct facts_set *out,
		     struct strbuf *err);
void facts_set_release(struct facts_set *f);

/* ---- governance ---- */
struct store_proposal {
	int64_t id, partner_id, program_id;
	int64_t run_id; /* the proposing evaluation run that made it */
	char *partner_key, *program_key, *from_tier, *to_tier, *mode, *window_from, *window_to,
		*as_of, *explanation, *status, *created_at, *decided_at, *decided_by;
};
int store_proposal_add(struct store *s, const struct store_proposal *p, int64_t *id,
		       struct strbuf *err);
/* A new evaluation run id for the proposals of one run (inside its transaction). */
int store_proposal_next_run(struct store *s, int64_t *run_id, struct strbuf *err);
/* Supersedes older pending proposals of the same partner and program. */
int store_proposal_supersede(struct store *s, int64_t partner_id, int64_t program_id,
			     struct strbuf *err);
int store_proposal_list(struct store *s, const char *status /* NULL = all */,
			int64_t program_id /* 0 = all */, struct store_proposal **out, size_t *n,
			struct strbuf *err);
int store_proposal_get(struct store *s, int64_t id, struct store_proposal *out, struct strbuf *err);
int store_proposal_decide(struct store *s, int64_t id, const char *status, const char *by,
			  struct strbuf *err);
void store_proposal_release(struct store_proposal *p);
void store_proposal_list_free(struct store_proposal *list, size_t n);

struct store_history {
	int64_t id, partner_id, program_id, proposal_id;
	char *partner_key, *program_key, *from_tier, *to_tier, *effective_on, *changed_by, *reason,
		*source, *created_at;
};
int store_history_add(struct store *s, const struct store_history *h, struct strbuf *err);
int store_history_list(struct store *s, int64_t partner_id, struct store_history **out, size_t *n,
		       struct strbuf *err);
void store_history_list_free(struct store_history *list, size_t n);

/* Partners enrolled in the program at `tier` on or before `to`, with no activity in [from, to]. */
int store_inactive(struct store *s, int64_t program_id, const char *tier, const char *from,
		   const char *to, struct store_enrollment_row **out, size_t *n,
		   struct strbuf *err);
/* The last activity date of a partner on or before `until` ("" when none). */
int store_last_activity(struct store *s, int64_t partner_id, const char *until, char out[11],
			struct strbuf *err);

/* Row counts per record kind, for `partner show` and reports. */
int store_count(struct store *s, const char *kind, int64_t partner_id, int64_t *n,
		struct strbuf *err);

#endif
