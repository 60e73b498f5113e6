/*
 * Unit tests for engine/engine: the tier engine run on the two bundled
 * programs (programs/twilio-2023.yaml, programs/segment-2025.yaml, loaded as
 * shipped) with facts written by hand. Every requirement kind is exercised at
 * its boundaries (dates one day either side, amounts one cent either side),
 * together with the qualified-tier rule, revenue alternatives, invite-only
 * obligations, windows, evidence and the gap text, compared whole.
 *
 * Unless a test says otherwise it runs the annual evaluation for the
 * program's own year: twilio-2023 measures 2022 as of 2023-01-15, and
 * segment-2025 measures 2024 (a leap year) as of 2025-01-15.
 */
#include "util/common.h"
#include "engine/engine.h"
#include "util/date.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>

#define DOLLARS(d) ((int64_t)(d)*100)
#define D(y, m, d) date_from_ymd((y), (m), (d))
#define BIT(i)	   (1u << (i))

/* Tier indexes of both programs (checked in setup). */
enum {
	NONE = -1,
	REGISTERED = 0,
	BRONZE = 1,
	SILVER = 2,
	GOLD = 3,
};

static struct program *twilio, *segment;

static struct program *load_file(const char *path)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	struct program *p = NULL;

	if (file_read_all(path, &text, &err))
		fail_msg("%s", err.buf);
	if (program_parse(path, text.buf, text.len, &p, &err))
		fail_msg("%s does not load:\n%s", path, err.buf);
	strbuf_release(&text);
	strbuf_release(&err);
	return p;
}

static int setup(void **state)
{
	static const char *const tiers[] = {"registered", "bronze", "silver", "gold"};

	twilio = load_file("programs/twilio-2023.yaml");
	segment = load_file("programs/segment-2025.yaml");
	for (int i = 0; i < 4; i++) {
		if (program_tier_index(twilio, tiers[i]) != i ||
		    program_tier_index(segment, tiers[i]) != i)
			return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	program_free(twilio);
	program_free(segment);
	return 0;
}

/* ---- fixture: one partner's facts, a window and a result ---- */

struct fx {
	const struct program *p;
	struct partner_facts f;
	struct fact_agreement agreements[8];
	struct fact_solution solutions[8];
	struct fact_story stories[8];
	struct fact_deal deals[16];
	struct fact_spend spend[16];
	struct fact_commit commits[8];
	struct fact_period support[4];
	struct fact_period mapping[4];
	struct fact_plan plans[8];
	struct eval_window w;
	struct eval_result r;
};

static void fx_annual(struct fx *x, int year, int32_t as_of)
{
	struct strbuf err = STRBUF_INIT;

	if (eval_window_annual(&x->w, x->p, year, as_of, &err))
		fail_msg("annual window: %s", err.buf);
	strbuf_release(&err);
}

static void fx_midyear(struct fx *x, int32_t as_of)
{
	eval_window_midyear(&x->w, x->p, as_of);
}

/* An empty partner (no motion, no product, no enrollment) of program p. */
static void fx_init(struct fx *x, const struct program *p)
{
	memset(x, 0, sizeof(*x));
	x->p = p;
	x->f.key = "acme";
	x->f.current_tier = -1;
	x->f.agreements = x->agreements;
	x->f.solutions = x->solutions;
	x->f.stories = x->stories;
	x->f.deals = x->deals;
	x->f.spend = x->spend;
	x->f.commits = x->commits;
	x->f.support = x->support;
	x->f.mapping = x->mapping;
	x->f.plans = x->plans;
	fx_annual(x, p->year, D(p->year, 1, 15));
}

static void fx_release(struct fx *x)
{
	eval_result_release(&x->r);
}

static int32_t as_of(const struct fx *x)
{
	return x->w.as_of;
}

/* Bitmask of a comma-separated list of keys, each resolved with idx(). */
static uint32_t mask(const struct program *p, int (*idx)(const struct program *, const char *),
		     const char *list)
{
	uint32_t m = 0;

	while (*list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);
		char key[64];
		int i;

		assert_true(len < sizeof(key));
		memcpy(key, list, len);
		key[len] = '\0';
		i = idx(p, key);
		if (i < 0)
			fail_msg("no '%s' in %s", key, p->key);
		m |= BIT(i);
		list += len + (end ? 1 : 0);
	}
	return m;
}

static void set_motions(struct fx *x, const char *list)
{
	x->f.motions = mask(x->p, program_motion_index, list);
}

static void set_products(struct fx *x, const char *list)
{
	x->f.products = mask(x->p, program_product_index, list);
}

static void invite(struct fx *x, int tier)
{
	x->f.invited |= BIT(tier);
}

/* kind NULL: a kind the program does not have (-1). */
static void add_agreement(struct fx *x, const char *kind, int32_t signed_on, int32_t expires_on)
{
	struct fact_agreement *a = &x->agreements[x->f.nagreements++];

	assert_true(x->f.nagreements <= ARRAY_SIZE(x->agreements));
	a->kind = kind ? program_agreement_index(x->p, kind) : -1;
	if (kind)
		assert_true(a->kind >= 0);
	a->signed_on = signed_on;
	a->expires_on = expires_on;
}

/* product NULL: not one of the program's products (-1). */
static void add_solution(struct fx *x, const char *product, int32_t launched, int32_t docs,
			 int32_t collateral)
{
	struct fact_solution *s = &x->solutions[x->f.nsolutions++];

	assert_true(x->f.nsolutions <= ARRAY_SIZE(x->solutions));
	s->key = "sol";
	s->product = product ? program_product_index(x->p, product) : -1;
	if (product)
		assert_true(s->product >= 0);
	s->launched_on = launched;
	s->docs_on = docs;
	s->collateral_on = collateral;
	s->reviewed_on = DATE_NONE;
}

static void add_story(struct fx *x, int32_t published)
{
	struct fact_story *s = &x->stories[x->f.nstories++];

	assert_true(x->f.nstories <= ARRAY_SIZE(x->stories));
	s->key = "story";
	s->published_on = published;
}

static void add_deal(struct fx *x, const char *product, enum deal_type type, enum deal_stage stage,
		     int64_t cents, int32_t closed)
{
	struct fact_deal *d = &x->deals[x->f.ndeals++];

	assert_true(x->f.ndeals <= ARRAY_SIZE(x->deals));
	d->key = "deal";
	d->product = product ? program_product_index(x->p, product) : -1;
	if (product)
		assert_true(d->product >= 0);
	d->type = type;
	d->stage = stage;
	d->arr_cents = cents;
	d->closed_on = closed;
}

/* A closed-won new Segment deal. */
static void add_won(struct fx *x, int64_t cents, int32_t closed)
{
	add_deal(x, "segment", DEAL_NEW, STAGE_CLOSED_WON, cents, closed);
}

static void add_spend(struct fx *x, int year, int month, int64_t cents)
{
	struct fact_spend *s = &x->spend[x->f.nspend++];

	assert_true(x->f.nspend <= ARRAY_SIZE(x->spend));
	s->month = year * 12 + (month - 1);
	s->amount_cents = cents;
}

static void add_commit(struct fx *x, int64_t tcv, int32_t signed_on, int32_t start, int32_t end)
{
	struct fact_commit *c = &x->commits[x->f.ncommits++];

	assert_true(x->f.ncommits <= ARRAY_SIZE(x->commits));
	c->key = "commit";
	c->tcv_cents = tcv;
	c->signed_on = signed_on;
	c->start_on = start;
	c->end_on = end;
}

static void add_support(struct fx *x, int32_t start, int32_t end)
{
	struct fact_period *s = &x->support[x->f.nsupport++];

	assert_true(x->f.nsupport <= ARRAY_SIZE(x->support));
	s->start_on = start;
	s->end_on = end;
}

static void add_mapping(struct fx *x, int32_t start, int32_t end)
{
	struct fact_period *m = &x->mapping[x->f.nmapping++];

	assert_true(x->f.nmapping <= ARRAY_SIZE(x->mapping));
	m->start_on = start;
	m->end_on = end;
}

static void add_plan(struct fx *x, int year, int32_t approved)
{
	struct fact_plan *p = &x->plans[x->f.nplans++];

	assert_true(x->f.nplans <= ARRAY_SIZE(x->plans));
	p->year = year;
	p->approved_on = approved;
}

/*
 * The standing every tier above registered asks for, long established: the
 * program's agreements, one launched Segment solution with its materials and
 * `nstories` published stories. Motion connect, product Segment: no support
 * package applies.
 */
static void fx_standing(struct fx *x, int nstories)
{
	add_agreement(x, "tos", D(2020, 1, 1), DATE_NONE);
	add_agreement(x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	add_solution(x, "segment", D(2020, 6, 1), D(2020, 5, 1), D(2020, 5, 15));
	for (int i = 0; i < nstories; i++)
		add_story(x, D(2020, 7, 1 + i));
	set_motions(x, "connect");
	set_products(x, "segment");
}

/* Gold's own extras: a GTM plan for the window's program year, account mapping. */
static void fx_gold_extras(struct fx *x)
{
	add_plan(x, x->w.plan_year, D(2020, 1, 1));
	add_mapping(x, D(2020, 1, 1), DATE_NONE);
}

static void run(struct fx *x)
{
	engine_evaluate(x->p, &x->f, &x->w, &x->r);
}

static const struct req_eval *rq(const struct fx *x, const char *key)
{
	for (int i = 0; i < x->r.nreqs; i++) {
		if (!strcmp(x->r.reqs[i].req->key, key))
			return &x->r.reqs[i];
	}
	fail_msg("no requirement '%s' in %s", key, x->p->key);
	return NULL;
}

/* The evidence indexes of a requirement, "0,2,5" ("" when none). */
static const char *ev(const struct fx *x, const char *key)
{
	static char buf[256];
	const struct req_eval *e = rq(x, key);
	size_t n = 0;

	buf[0] = '\0';
	assert_true(e->ev_off + e->ev_len <= x->r.nevidence);
	for (size_t i = 0; i < e->ev_len; i++) {
		int w = snprintf(buf + n, sizeof(buf) - n, "%s%zu", i ? "," : "",
				 x->r.evidence[e->ev_off + i]);
		assert_true(w > 0 && (size_t)w < sizeof(buf) - n);
		n += (size_t)w;
	}
	return buf;
}

static void assert_gap(const struct fx *x, int tier, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	eval_gap_text(x->p, &x->r, tier, &sb);
	if (strcmp(sb.buf, want))
		fail_msg("gap for tier %d:\n got: \"%s\"\nwant: \"%s\"", tier, sb.buf, want);
	strbuf_release(&sb);
}

static void assert_req_gap(const struct fx *x, const char *key, int tier, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	eval_req_gap_text(x->p, &x->r, rq(x, key), tier, &sb);
	if (strcmp(sb.buf, want))
		fail_msg("gap of %s for tier %d:\n got: \"%s\"\nwant: \"%s\"", key, tier, sb.buf,
			 want);
	strbuf_release(&sb);
}

static void assert_qualified(const struct fx *x, int tier)
{
	if (x->r.qualified_tier != tier)
		fail_msg("qualified tier %d, want %d (tiers met 0x%x)", x->r.qualified_tier, tier,
			 x->r.tiers_met);
}

/* ---- windows ---- */

static void test_window_annual_measures_previous_calendar_year(void **state)
{
	struct eval_window w;
	struct strbuf err = STRBUF_INIT;

	assert_int_equal(eval_window_annual(&w, twilio, 2023, D(2023, 1, 15), &err), 0);
	assert_string_equal(err.buf, "");
	assert_int_equal(w.mode, MODE_ANNUAL);
	assert_int_equal(w.from, D(2022, 1, 1));
	assert_int_equal(w.to, D(2022, 12, 31));
	assert_int_equal(w.as_of, D(2023, 1, 15));
	assert_int_equal(w.plan_year, 2023);

	assert_int_equal(eval_window_annual(&w, segment, 2025, D(2025, 3, 1), &err), 0);
	assert_int_equal(w.from, D(2024, 1, 1));
	assert_int_equal(w.to, D(2024, 12, 31));
	assert_int_equal(w.plan_year, 2025);
	assert_string_equal(err.buf, "");
	strbuf_release(&err);
}

static void test_window_annual_accepts_as_of_on_last_day_of_window(void **state)
{
	struct eval_window w;
	struct strbuf err = STRBUF_INIT;

	assert_int_equal(eval_window_annual(&w, twilio, 2023, D(2022, 12, 31), &err), 0);
	assert_string_equal(err.buf, "");
	assert_int_equal(w.as_of, D(2022, 12, 31));
	strbuf_release(&err);
}

static void test_window_annual_rejects_as_of_before_window_end(void **state)
{
	struct eval_window w;
	struct strbuf err = STRBUF_INIT;

	assert_int_equal(eval_window_annual(&w, twilio, 2023, D(2022, 12, 30), &err), -1);
	assert_string_equal(err.buf, "as-of date 2022-12-30 is before the end of the annual window "
				     "(2022-12-31) for program year 2023");
	strbuf_release(&err);
}

static void test_window_midyear_is_365_days_ending_on_as_of(void **state)
{
	struct eval_window w;

	eval_window_midyear(&w, twilio, D(2023, 6, 30));
	assert_int_equal(w.mode, MODE_MIDYEAR);
	assert_int_equal(w.from, D(2022, 7, 1));
	assert_int_equal(w.to, D(2023, 6, 30));
	assert_int_equal(w.as_of, D(2023, 6, 30));
	assert_int_equal(w.plan_year, 2023);
	assert_int_equal(w.to - w.from + 1, 365);
}

static void test_window_midyear_ending_on_leap_day(void **state)
{
	struct eval_window w;

	eval_window_midyear(&w, segment, D(2024, 2, 29));
	assert_int_equal(w.from, D(2023, 3, 2));
	assert_int_equal(w.to, D(2024, 2, 29));
	assert_int_equal(w.plan_year, 2024);
}

static void test_window_midyear_ending_the_year_after_a_leap_year(void **state)
{
	struct eval_window w;

	eval_window_midyear(&w, segment, D(2025, 2, 28));
	assert_int_equal(w.from, D(2024, 3, 1));
	assert_int_equal(w.to, D(2025, 2, 28));
	assert_int_equal(w.plan_year, 2025);
}

static void test_window_midyear_ending_dec31_of_a_leap_year(void **state)
{
	struct eval_window w;

	eval_window_midyear(&w, twilio, D(2024, 12, 31));
	assert_int_equal(w.from, D(2024, 1, 2));
	assert_int_equal(w.plan_year, 2024);
}

/* ---- agreements and good standing ---- */

static void test_no_tos_is_not_in_good_standing(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, NONE);
	assert_int_equal(x.r.tiers_met, 0);
	assert_int_equal(rq(&x, "agreements")->value, 0);
	assert_int_equal(rq(&x, "agreements")->missing_agreements,
			 BIT(program_agreement_index(twilio, "tos")));
	assert_string_equal(ev(&x, "agreements"), "0");
	assert_int_equal(eval_next_tier(twilio, &x.r), REGISTERED);
	assert_gap(&x, REGISTERED, "a signed Twilio Terms of Service");
	assert_string_equal(eval_change(&x.r), "none"); /* no enrollment, none qualified */
	fx_release(&x);
}

static void test_baseline_agreements_give_registered(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "tos", D(2020, 1, 1), DATE_NONE);
	add_agreement(&x, "partner_agreement", D(2021, 3, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, REGISTERED);
	assert_int_equal(x.r.tiers_met, BIT(REGISTERED));
	assert_int_equal(rq(&x, "agreements")->value, 1);
	assert_int_equal(rq(&x, "agreements")->missing_agreements, 0);
	assert_int_equal(rq(&x, "agreements")->ev_kind, EV_AGREEMENT);
	assert_string_equal(ev(&x, "agreements"), "0,1");
	assert_gap(&x, REGISTERED, "");
	assert_string_equal(eval_change(&x.r), "up");
	fx_release(&x);
}

static void test_no_agreements_gap_names_every_missing_kind(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	run(&x);
	assert_qualified(&x, NONE);
	assert_gap(&x, REGISTERED, "a signed Twilio Terms of Service and Partner agreement");
	assert_req_gap(&x, "agreements", REGISTERED,
		       "a signed Twilio Terms of Service and Partner agreement");
	fx_release(&x);
}

static void test_agreement_expiring_on_as_of_is_in_force(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "tos", D(2020, 1, 1), as_of(&x));
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, REGISTERED);
	assert_string_equal(ev(&x, "agreements"), "0,1");
	fx_release(&x);
}

static void test_agreement_expired_day_before_as_of_is_not_in_force(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "tos", D(2020, 1, 1), date_add_days(as_of(&x), -1));
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, NONE);
	assert_string_equal(ev(&x, "agreements"), "1");
	assert_gap(&x, REGISTERED, "a signed Twilio Terms of Service");
	fx_release(&x);
}

static void test_agreement_renewed_after_expiry_counts_the_renewal(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "tos", D(2020, 1, 1), D(2021, 12, 31));
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	add_agreement(&x, "tos", D(2022, 1, 1), D(2024, 12, 31));
	run(&x);
	assert_qualified(&x, REGISTERED);
	assert_string_equal(ev(&x, "agreements"), "1,2");
	fx_release(&x);
}

static void test_agreement_signed_on_as_of_is_in_force(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "tos", as_of(&x), DATE_NONE);
	add_agreement(&x, "partner_agreement", as_of(&x), DATE_NONE);
	run(&x);
	assert_qualified(&x, REGISTERED);
	fx_release(&x);
}

static void test_agreement_signed_after_as_of_is_not_in_force(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "tos", date_add_days(as_of(&x), 1), DATE_NONE);
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, NONE);
	assert_string_equal(ev(&x, "agreements"), "1");
	fx_release(&x);
}

static void test_unsigned_agreement_is_not_in_force(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "tos", DATE_NONE, DATE_NONE);
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, NONE);
	assert_gap(&x, REGISTERED, "a signed Twilio Terms of Service");
	fx_release(&x);
}

static void test_agreement_of_unknown_kind_is_ignored(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, NULL, D(2020, 1, 1), DATE_NONE);
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, NONE);
	assert_string_equal(ev(&x, "agreements"), "1");
	fx_release(&x);
}

static void test_unrelated_agreement_is_not_evidence(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "referral_addendum", D(2020, 1, 1), DATE_NONE);
	add_agreement(&x, "tos", D(2020, 1, 1), DATE_NONE);
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, REGISTERED);
	assert_string_equal(ev(&x, "agreements"), "1,2");
	fx_release(&x);
}

static void test_segment_good_standing_needs_only_tos(void **state)
{
	struct fx x;

	fx_init(&x, segment);
	add_agreement(&x, "tos", D(2024, 1, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, REGISTERED);
	fx_release(&x);

	fx_init(&x, segment);
	add_agreement(&x, "partner_agreement", D(2024, 1, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, NONE);
	assert_gap(&x, REGISTERED, "a signed Twilio Terms of Service");
	fx_release(&x);
}

/* ---- solutions ---- */

static void test_solution_counts_launched_on_or_before_as_of(void **state)
{
	struct fx x;
	int32_t t;

	fx_init(&x, twilio);
	t = as_of(&x);
	add_solution(&x, "cpaas", t, t, t);					      /* counts */
	add_solution(&x, "cpaas", date_add_days(t, 1), D(2022, 1, 1), D(2022, 1, 1)); /* future */
	add_solution(&x, "flex", DATE_NONE, D(2022, 1, 1), D(2022, 1, 1));   /* not launched */
	add_solution(&x, NULL, D(2022, 1, 1), D(2022, 1, 1), D(2022, 1, 1)); /* not a product */
	add_solution(&x, "segment", D(2021, 2, 1), DATE_NONE, DATE_NONE);    /* counts */
	run(&x);
	assert_int_equal(rq(&x, "solution")->value, 2);
	assert_int_equal(rq(&x, "solution")->ev_kind, EV_SOLUTION);
	assert_string_equal(ev(&x, "solution"), "0,4");
	assert_int_equal(rq(&x, "solution_materials")->value, 1);
	assert_string_equal(ev(&x, "solution_materials"), "0");
	fx_release(&x);
}

static void test_solution_materials_need_both_docs_and_collateral(void **state)
{
	struct fx x;
	int32_t t, late;

	fx_init(&x, twilio);
	t = as_of(&x);
	late = date_add_days(t, 1);
	add_agreement(&x, "tos", D(2020, 1, 1), DATE_NONE);
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	add_story(&x, D(2021, 1, 1));
	set_motions(&x, "connect");
	set_products(&x, "segment");
	add_won(&x, DOLLARS(100000), D(2022, 6, 1));
	add_solution(&x, "segment", D(2022, 1, 1), D(2022, 1, 1), DATE_NONE); /* docs only */
	add_solution(&x, "segment", D(2022, 1, 1), DATE_NONE, D(2022, 1, 1)); /* collateral only */
	add_solution(&x, "segment", D(2022, 1, 1), late, late);		 /* finalized after as_of */
	add_solution(&x, "segment", D(2022, 1, 1), D(2022, 1, 1), late); /* collateral late */
	add_solution(&x, "segment", late, D(2022, 1, 1), D(2022, 1, 1)); /* not launched yet */
	run(&x);
	assert_int_equal(rq(&x, "solution")->value, 4);
	assert_string_equal(ev(&x, "solution"), "0,1,2,3");
	assert_int_equal(rq(&x, "solution_materials")->value, 0);
	assert_string_equal(ev(&x, "solution_materials"), "");
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE,
		   "1 more launched solution with finalized documentation and collateral");

	/* both finalized on as_of: the materials are complete */
	add_solution(&x, "segment", D(2022, 1, 1), t, t);
	run(&x);
	assert_int_equal(rq(&x, "solution_materials")->value, 1);
	assert_string_equal(ev(&x, "solution_materials"), "5");
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_no_solution_gap_text(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "tos", D(2020, 1, 1), DATE_NONE);
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	add_story(&x, D(2021, 1, 1));
	set_motions(&x, "connect");
	set_products(&x, "segment");
	add_won(&x, DOLLARS(100000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE,
		   "1 more launched joint solution; 1 more launched solution with finalized "
		   "documentation and collateral");
	fx_release(&x);
}

/* ---- stories ---- */

static void test_stories_count_published_on_or_before_as_of(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_story(&x, DATE_NONE);		    /* unpublished */
	add_story(&x, date_add_days(as_of(&x), 1)); /* published after as_of */
	add_story(&x, as_of(&x));		    /* counts */
	add_story(&x, D(2019, 5, 1));		    /* counts: stories do not expire */
	run(&x);
	assert_int_equal(rq(&x, "stories")->value, 2);
	assert_int_equal(rq(&x, "stories")->ev_kind, EV_STORY);
	assert_string_equal(ev(&x, "stories"), "2,3");
	fx_release(&x);
}

static void test_unpublished_story_leaves_partner_registered(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 0);
	add_story(&x, DATE_NONE);
	add_story(&x, date_add_days(as_of(&x), 1));
	add_won(&x, DOLLARS(200000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "1 more published customer success story");
	fx_release(&x);
}

/* ---- the cumulative rule ---- */

static void test_gold_revenue_with_two_stories_is_silver(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	fx_gold_extras(&x);
	add_won(&x, DOLLARS(1000000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, SILVER);
	assert_int_equal(x.r.tiers_met, BIT(REGISTERED) | BIT(BRONZE) | BIT(SILVER));
	assert_int_equal(eval_next_tier(twilio, &x.r), GOLD);
	assert_gap(&x, GOLD, "1 more published customer success story");
	fx_release(&x);
}

/*
 * An embed partner of twilio-2023 (program year 2025) with everything gold
 * asks but revenue, and a running $50M commit: gold's own revenue row.
 */
static void fx_embed_gold_commit(struct fx *x)
{
	fx_init(x, twilio);
	fx_annual(x, 2025, D(2025, 1, 15));
	fx_standing(x, 3);
	set_motions(x, "embed");
	fx_gold_extras(x);
	add_commit(x, DOLLARS(50000000), D(2023, 12, 1), D(2024, 1, 1), D(2026, 12, 31));
}

static void test_gold_met_but_bronze_not_is_registered(void **state)
{
	/*
	 * An embed partner with a $50M commit but no spend meets gold's own
	 * requirements (the commit is gold's revenue row) and not bronze's ($250K
	 * spend): the qualified tier is the highest tier with every tier below it
	 * met.
	 */
	struct fx x;

	fx_embed_gold_commit(&x);
	run(&x);
	assert_int_equal(x.r.tiers_met, BIT(REGISTERED) | BIT(GOLD));
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "$250,000.00 more direct spend");
	assert_gap(&x, SILVER, "$5,000,000.00 more direct spend");
	/* gold's own revenue row (the commit) is met; silver's spend is what lacks */
	assert_gap(&x, GOLD, "$5,000,000.00 more direct spend");
	fx_release(&x);
}

/* ---- near the next tier (eval_near_tier) ---- */

static void test_near_tier_within_ten_percent_of_revenue(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	add_won(&x, DOLLARS(450000), D(2022, 6, 1)); /* silver asks $500,000: 90% */
	run(&x);
	assert_qualified(&x, BRONZE);
	assert_true(eval_near_tier(twilio, &x.r, SILVER, 10));
	assert_false(eval_near_tier(twilio, &x.r, SILVER, 9));
	assert_false(eval_near_tier(twilio, &x.r, BRONZE, 10)); /* qualified for it */
	assert_false(eval_near_tier(twilio, &x.r, -1, 10));
	assert_false(eval_near_tier(twilio, &x.r, 4, 10));
	x.deals[0].arr_cents = DOLLARS(450000) - 1;
	run(&x);
	assert_false(eval_near_tier(twilio, &x.r, SILVER, 10));
	fx_release(&x);
}

static void test_near_tier_counts_round_up(void **state)
{
	/* 1 story of the 2 silver asks is 50%; 90% of 2 is 1.8, so 2: not near */
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(500000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, BRONZE);
	assert_false(eval_near_tier(twilio, &x.r, SILVER, 10));
	assert_true(eval_near_tier(twilio, &x.r, SILVER, 50));
	fx_release(&x);
}

static void test_near_tier_takes_the_best_revenue_path(void **state)
{
	/* embed and connect: silver through $5M of spend or $500,000 of influence */
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	set_motions(&x, "embed,connect");
	add_won(&x, DOLLARS(100000), D(2022, 6, 1)); /* 20% of the influence path */
	add_spend(&x, 2022, 6, DOLLARS(4500000));    /* 90% of the spend path */
	run(&x);
	assert_qualified(&x, BRONZE);
	assert_true(eval_near_tier(twilio, &x.r, SILVER, 10));
	x.spend[0].amount_cents = DOLLARS(4400000);
	run(&x);
	assert_false(eval_near_tier(twilio, &x.r, SILVER, 10));
	fx_release(&x);
}

static void test_near_tier_not_with_a_yes_no_requirement_missing(void **state)
{
	/* gold: revenue at 95%, but no GTM plan nor account mapping */
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 3);
	add_won(&x, DOLLARS(950000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, SILVER);
	assert_false(eval_near_tier(twilio, &x.r, GOLD, 10));
	fx_gold_extras(&x);
	run(&x);
	assert_true(eval_near_tier(twilio, &x.r, GOLD, 10));
	fx_release(&x);
}

static void test_near_tier_includes_what_lower_tiers_lack(void **state)
{
	/*
	 * An embed partner with gold's $50M commit (gold's own revenue row, met)
	 * and spend short of silver's $5M: gold is judged on silver's spend.
	 */
	struct fx x;

	fx_embed_gold_commit(&x);
	add_spend(&x, 2024, 6, DOLLARS(4600000));
	run(&x);
	assert_qualified(&x, BRONZE);
	assert_true(eval_near_tier(twilio, &x.r, GOLD, 10));
	x.spend[0].amount_cents = DOLLARS(4400000);
	run(&x);
	assert_false(eval_near_tier(twilio, &x.r, GOLD, 10));
	assert_false(eval_near_tier(twilio, &x.r, SILVER, 10));
	fx_release(&x);
}

/* ---- GTM plan ---- */

static void test_gtm_plan_must_be_approved_for_the_program_year(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_plan(&x, 2022, D(2022, 2, 1));		 /* last year's */
	add_plan(&x, 2024, D(2023, 1, 2));		 /* next year's */
	add_plan(&x, 2023, date_add_days(as_of(&x), 1)); /* approved after as_of */
	add_plan(&x, 2023, DATE_NONE);			 /* not approved */
	run(&x);
	assert_int_equal(rq(&x, "gtm_plan")->value, 0);
	assert_int_equal(rq(&x, "gtm_plan")->ev_kind, EV_PLAN);
	assert_string_equal(ev(&x, "gtm_plan"), "");

	add_plan(&x, 2023, as_of(&x));
	run(&x);
	assert_int_equal(rq(&x, "gtm_plan")->value, 1);
	assert_string_equal(ev(&x, "gtm_plan"), "4");
	fx_release(&x);
}

static void test_gtm_plan_for_wrong_year_leaves_gold_partner_silver(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 3);
	add_mapping(&x, D(2020, 1, 1), DATE_NONE);
	add_plan(&x, 2022, D(2022, 1, 10));
	add_won(&x, DOLLARS(1000000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, SILVER);
	assert_gap(&x, GOLD, "an approved joint GTM business plan for 2023");
	assert_req_gap(&x, "gtm_plan", GOLD, "an approved joint GTM business plan for 2023");
	fx_release(&x);
}

static void test_gtm_plan_midyear_is_for_the_as_of_year(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_midyear(&x, D(2023, 6, 30));
	add_plan(&x, 2022, D(2022, 1, 10));
	run(&x);
	assert_int_equal(rq(&x, "gtm_plan")->value, 0);
	assert_int_equal(x.r.plan_year, 2023);

	add_plan(&x, 2023, D(2023, 6, 30));
	run(&x);
	assert_int_equal(rq(&x, "gtm_plan")->value, 1);
	assert_string_equal(ev(&x, "gtm_plan"), "1");
	fx_release(&x);
}

/* ---- account mapping ---- */

static void test_account_mapping_disabled_on_as_of_is_inactive(void **state)
{
	struct fx x;
	int32_t t;

	fx_init(&x, twilio);
	t = as_of(&x);
	add_mapping(&x, D(2022, 1, 1), t);		 /* disabled from as_of */
	add_mapping(&x, date_add_days(t, 1), DATE_NONE); /* enabled after as_of */
	add_mapping(&x, DATE_NONE, DATE_NONE);		 /* never enabled */
	run(&x);
	assert_int_equal(rq(&x, "account_mapping")->value, 0);
	assert_int_equal(rq(&x, "account_mapping")->ev_kind, EV_MAPPING);
	assert_string_equal(ev(&x, "account_mapping"), "");

	add_mapping(&x, D(2022, 1, 1), date_add_days(t, 1)); /* disabled the day after */
	run(&x);
	assert_int_equal(rq(&x, "account_mapping")->value, 1);
	assert_string_equal(ev(&x, "account_mapping"), "3");
	fx_release(&x);
}

static void test_account_mapping_enabled_on_as_of_is_active(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_mapping(&x, as_of(&x), DATE_NONE);
	run(&x);
	assert_int_equal(rq(&x, "account_mapping")->value, 1);
	assert_string_equal(ev(&x, "account_mapping"), "0");
	fx_release(&x);
}

static void test_account_mapping_disabled_on_as_of_blocks_gold(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 3);
	add_plan(&x, 2023, D(2022, 11, 1));
	add_mapping(&x, D(2021, 1, 1), as_of(&x));
	add_won(&x, DOLLARS(1000000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, SILVER);
	assert_gap(&x, GOLD, "automated account mapping in place");
	fx_release(&x);
}

/* ---- invite-only silver obligations ---- */

static void test_invited_silver_partner_without_plan_fails_silver(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	invite(&x, SILVER);
	add_won(&x, DOLLARS(500000), D(2022, 6, 1));
	run(&x);
	assert_int_equal(rq(&x, "gtm_plan")->required, BIT(SILVER) | BIT(GOLD));
	assert_int_equal(rq(&x, "account_mapping")->required, BIT(SILVER) | BIT(GOLD));
	assert_qualified(&x, BRONZE);
	assert_gap(&x, SILVER,
		   "an approved joint GTM business plan for 2023; automated account mapping in "
		   "place");

	/* with the plan only, mapping still lacks */
	add_plan(&x, 2023, D(2022, 12, 1));
	run(&x);
	assert_qualified(&x, BRONZE);
	assert_gap(&x, SILVER, "automated account mapping in place");

	add_mapping(&x, D(2022, 12, 1), DATE_NONE);
	run(&x);
	assert_qualified(&x, SILVER);
	assert_gap(&x, GOLD,
		   "1 more published customer success story; $500,000.00 more "
		   "influenced ARR");
	fx_release(&x);
}

static void test_uninvited_partner_passes_silver_without_plan_but_not_gold(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 3);
	add_won(&x, DOLLARS(1000000), D(2022, 6, 1));
	run(&x);
	assert_int_equal(rq(&x, "gtm_plan")->required, BIT(GOLD));
	assert_int_equal(rq(&x, "account_mapping")->required, BIT(GOLD));
	assert_qualified(&x, SILVER);
	assert_gap(&x, SILVER, "");
	assert_gap(&x, GOLD,
		   "an approved joint GTM business plan for 2023; automated account mapping in "
		   "place");
	/* not required at silver: no per-requirement gap there either */
	assert_req_gap(&x, "gtm_plan", SILVER, "");
	assert_req_gap(&x, "account_mapping", SILVER, "");
	fx_release(&x);
}

static void test_invitation_to_gold_does_not_impose_silver_obligations(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	invite(&x, GOLD);
	add_won(&x, DOLLARS(500000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, SILVER);
	fx_release(&x);
}

/* ---- influence revenue ---- */

static void test_influence_exactly_100k_meets_bronze(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(60000), D(2022, 3, 1));
	add_won(&x, DOLLARS(40000), D(2022, 9, 1));
	run(&x);
	assert_int_equal(rq(&x, "influence_revenue")->value, DOLLARS(100000));
	assert_int_equal(rq(&x, "influence_revenue")->ev_kind, EV_DEAL);
	assert_string_equal(ev(&x, "influence_revenue"), "0,1");
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_influence_one_cent_short_of_bronze(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(100000) - 1, D(2022, 3, 1));
	run(&x);
	assert_int_equal(rq(&x, "influence_revenue")->value, DOLLARS(100000) - 1);
	assert_int_equal(rq(&x, "influence_revenue")->met, 0);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "$0.01 more influenced ARR");
	fx_release(&x);
}

static void test_influence_counts_deals_closed_in_the_annual_window(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(900000), D(2021, 12, 31)); /* the year before */
	add_won(&x, DOLLARS(50000), D(2022, 1, 1));    /* first day */
	add_won(&x, DOLLARS(50000), D(2022, 12, 31));  /* last day */
	add_won(&x, DOLLARS(900000), D(2023, 1, 1));   /* next year, before as_of */
	run(&x);
	assert_int_equal(rq(&x, "influence_revenue")->value, DOLLARS(100000));
	assert_string_equal(ev(&x, "influence_revenue"), "1,2");
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_influence_excludes_services_lost_open_and_foreign_deals(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	add_deal(&x, "cpaas", DEAL_NEW, STAGE_CLOSED_WON, DOLLARS(40000), D(2022, 2, 1));
	add_deal(&x, "segment", DEAL_PROFESSIONAL_SERVICES, STAGE_CLOSED_WON, DOLLARS(900000),
		 D(2022, 2, 1));
	add_deal(&x, "flex", DEAL_UPSELL, STAGE_CLOSED_WON, DOLLARS(30000), D(2022, 3, 1));
	add_deal(&x, "segment", DEAL_NEW, STAGE_CLOSED_LOST, DOLLARS(900000), D(2022, 4, 1));
	add_deal(&x, "segment", DEAL_NEW, STAGE_OPEN, DOLLARS(900000), D(2022, 5, 1));
	add_deal(&x, "engage", DEAL_RENEWAL, STAGE_CLOSED_WON, DOLLARS(30000) - 1, D(2022, 6, 1));
	add_deal(&x, NULL, DEAL_NEW, STAGE_CLOSED_WON, DOLLARS(900000), D(2022, 7, 1));
	add_deal(&x, "segment", DEAL_NEW, STAGE_CLOSED_WON, DOLLARS(900000), DATE_NONE);
	run(&x);
	assert_int_equal(rq(&x, "influence_revenue")->value, DOLLARS(100000) - 1);
	assert_string_equal(ev(&x, "influence_revenue"), "0,2,5");
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "$0.01 more influenced ARR");

	add_won(&x, 1, D(2022, 8, 1));
	run(&x);
	assert_string_equal(ev(&x, "influence_revenue"), "0,2,5,8");
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_influence_midyear_window_first_and_last_day(void **state)
{
	struct fx x;
	int32_t t = D(2023, 6, 30);

	fx_init(&x, twilio);
	fx_midyear(&x, t);
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(900000), date_add_days(t, -365)); /* one day too early */
	add_won(&x, DOLLARS(50000), date_add_days(t, -364));  /* first day */
	add_won(&x, DOLLARS(50000), t);			      /* last day */
	add_won(&x, DOLLARS(900000), date_add_days(t, 1));    /* after as_of */
	run(&x);
	assert_int_equal(rq(&x, "influence_revenue")->value, DOLLARS(100000));
	assert_string_equal(ev(&x, "influence_revenue"), "1,2");
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_influence_midyear_window_ending_on_leap_day(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_midyear(&x, D(2024, 2, 29));
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(900000), D(2023, 3, 1));
	add_won(&x, DOLLARS(50000), D(2023, 3, 2));
	add_won(&x, DOLLARS(50000), D(2024, 2, 29));
	add_won(&x, DOLLARS(900000), D(2024, 3, 1));
	run(&x);
	assert_string_equal(ev(&x, "influence_revenue"), "1,2");
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_influence_midyear_window_after_leap_year(void **state)
{
	struct fx x;

	fx_init(&x, segment);
	fx_midyear(&x, D(2025, 2, 28));
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(900000), D(2024, 2, 29));
	add_won(&x, DOLLARS(50000), D(2024, 3, 1));
	add_won(&x, DOLLARS(50000), D(2025, 2, 28));
	run(&x);
	assert_int_equal(rq(&x, "influence_revenue")->value, DOLLARS(100000));
	assert_string_equal(ev(&x, "influence_revenue"), "1,2");
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_influence_does_not_apply_to_embed_only_partner(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	set_motions(&x, "embed");
	add_won(&x, DOLLARS(1000000), D(2022, 6, 1));
	run(&x);
	assert_false(rq(&x, "influence_revenue")->applies);
	assert_int_equal(rq(&x, "influence_revenue")->required, 0);
	assert_true(rq(&x, "direct_spend")->applies);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "$250,000.00 more direct spend");
	fx_release(&x);
}

static void test_influence_applies_to_integrate_and_connect(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	set_motions(&x, "integrate");
	add_won(&x, DOLLARS(100000), D(2022, 6, 1));
	run(&x);
	assert_true(rq(&x, "influence_revenue")->applies);
	assert_false(rq(&x, "direct_spend")->applies);
	assert_false(rq(&x, "commit")->applies);
	assert_int_equal(rq(&x, "influence_revenue")->required,
			 BIT(BRONZE) | BIT(SILVER) | BIT(GOLD));
	assert_int_equal(rq(&x, "influence_revenue")->met, BIT(BRONZE));
	assert_qualified(&x, BRONZE);

	set_motions(&x, "connect");
	run(&x);
	assert_true(rq(&x, "influence_revenue")->applies);
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

/* ---- direct spend ---- */

static void test_direct_spend_counts_months_of_the_annual_window(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	set_motions(&x, "embed");
	add_spend(&x, 2021, 12, DOLLARS(9000000));
	add_spend(&x, 2022, 1, DOLLARS(100000));
	add_spend(&x, 2022, 12, DOLLARS(150000));
	add_spend(&x, 2023, 1, DOLLARS(9000000));
	run(&x);
	assert_int_equal(rq(&x, "direct_spend")->value, DOLLARS(250000));
	assert_int_equal(rq(&x, "direct_spend")->ev_kind, EV_SPEND);
	assert_string_equal(ev(&x, "direct_spend"), "1,2");
	assert_qualified(&x, BRONZE);
	assert_gap(&x, SILVER,
		   "1 more published customer success story; $4,750,000.00 more direct spend");
	fx_release(&x);
}

static void test_direct_spend_one_cent_short_of_bronze(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	set_motions(&x, "embed");
	add_spend(&x, 2022, 7, DOLLARS(250000) - 1);
	run(&x);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "$0.01 more direct spend");
	fx_release(&x);
}

static void test_direct_spend_midyear_counts_months_ending_in_window(void **state)
{
	struct fx x;

	/* window 2022-06-16 .. 2023-06-15 */
	fx_init(&x, twilio);
	fx_midyear(&x, D(2023, 6, 15));
	assert_int_equal(x.w.from, D(2022, 6, 16));
	add_spend(&x, 2022, 5, 1);  /* ends 2022-05-31: before */
	add_spend(&x, 2022, 6, 10); /* ends 2022-06-30: inside */
	add_spend(&x, 2023, 5, 20); /* ends 2023-05-31: inside */
	add_spend(&x, 2023, 6, 40); /* ends 2023-06-30: after as_of */
	run(&x);
	assert_int_equal(rq(&x, "direct_spend")->value, 30);
	assert_string_equal(ev(&x, "direct_spend"), "1,2");

	/* as of a month's last day, that month is complete and counts */
	fx_midyear(&x, D(2023, 6, 30));
	run(&x);
	assert_int_equal(rq(&x, "direct_spend")->value, 60);
	assert_string_equal(ev(&x, "direct_spend"), "2,3");
	fx_release(&x);
}

static void test_direct_spend_february_of_a_leap_year(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_midyear(&x, D(2024, 2, 28));
	add_spend(&x, 2024, 2, 1);
	add_spend(&x, 2023, 3, 2);
	add_spend(&x, 2023, 2, 4);
	run(&x);
	/* February 2024 ends on the 29th, after as_of; Feb 2023 ends before the window */
	assert_string_equal(ev(&x, "direct_spend"), "1");

	fx_midyear(&x, D(2024, 2, 29));
	run(&x);
	assert_string_equal(ev(&x, "direct_spend"), "0,1");
	assert_int_equal(rq(&x, "direct_spend")->value, 3);
	fx_release(&x);
}

static void test_embed_partner_spend_tiers(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 3);
	set_motions(&x, "embed");
	fx_gold_extras(&x);
	for (int m = 1; m <= 10; m++)
		add_spend(&x, 2022, m, DOLLARS(500000));
	run(&x);
	assert_int_equal(rq(&x, "direct_spend")->value, DOLLARS(5000000));
	assert_int_equal(rq(&x, "direct_spend")->met, BIT(BRONZE) | BIT(SILVER));
	assert_qualified(&x, SILVER);
	assert_gap(&x, GOLD, "a running commit of at least $50,000,000.00 over 24+ months");
	fx_release(&x);
}

/* ---- multi-year commit ---- */

static void test_commit_of_exactly_24_months_counts(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_annual(&x, 2025, D(2025, 1, 15));
	set_motions(&x, "embed");
	add_commit(&x, DOLLARS(50000000), D(2023, 12, 1), D(2024, 1, 1), D(2025, 12, 31));
	run(&x);
	assert_int_equal(rq(&x, "commit")->value, DOLLARS(50000000));
	assert_int_equal(rq(&x, "commit")->ev_kind, EV_COMMIT);
	assert_string_equal(ev(&x, "commit"), "0");
	assert_int_equal(rq(&x, "commit")->met, BIT(GOLD));
	fx_release(&x);
}

static void test_commit_of_23_months_does_not_count(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_annual(&x, 2025, D(2025, 1, 15));
	set_motions(&x, "embed");
	add_commit(&x, DOLLARS(90000000), D(2023, 12, 1), D(2024, 1, 1), D(2025, 12, 30));
	run(&x);
	assert_int_equal(rq(&x, "commit")->value, 0);
	assert_string_equal(ev(&x, "commit"), "");
	assert_int_equal(rq(&x, "commit")->met, 0);
	fx_release(&x);
}

static void test_commit_must_be_signed_and_running_on_as_of(void **state)
{
	struct fx x;
	int32_t t = D(2025, 1, 15);

	fx_init(&x, twilio);
	fx_annual(&x, 2025, t);
	set_motions(&x, "embed");
	/* 0: signed the day after as_of */
	add_commit(&x, DOLLARS(90000000), date_add_days(t, 1), D(2024, 1, 1), D(2027, 12, 31));
	/* 1: starts the day after as_of */
	add_commit(&x, DOLLARS(90000000), D(2024, 1, 1), date_add_days(t, 1), D(2028, 12, 31));
	/* 2: ended the day before as_of */
	add_commit(&x, DOLLARS(90000000), D(2022, 1, 1), D(2022, 1, 1), date_add_days(t, -1));
	/* 3: no end */
	add_commit(&x, DOLLARS(90000000), D(2024, 1, 1), D(2024, 1, 1), DATE_NONE);
	/* 4: unsigned */
	add_commit(&x, DOLLARS(90000000), DATE_NONE, D(2024, 1, 1), D(2027, 12, 31));
	/* 5: ends on as_of, exactly 24 months (2023-01-16 .. 2025-01-15) */
	add_commit(&x, DOLLARS(10000000), D(2023, 1, 1), D(2023, 1, 16), t);
	/* 6: signed and started on as_of, 36 months */
	add_commit(&x, DOLLARS(60000000), t, t, D(2028, 1, 14));
	/* 7: smaller, counts too */
	add_commit(&x, DOLLARS(20000000), D(2024, 1, 1), D(2024, 1, 1), D(2026, 12, 31));
	run(&x);
	assert_int_equal(rq(&x, "commit")->value, DOLLARS(60000000));
	assert_string_equal(ev(&x, "commit"), "5,6,7");
	fx_release(&x);
}

static void test_commit_value_is_the_largest_not_the_sum(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_annual(&x, 2025, D(2025, 1, 15));
	set_motions(&x, "embed");
	add_commit(&x, DOLLARS(30000000), D(2024, 1, 1), D(2024, 1, 1), D(2025, 12, 31));
	add_commit(&x, DOLLARS(30000000), D(2024, 1, 1), D(2024, 1, 1), D(2025, 12, 31));
	run(&x);
	assert_int_equal(rq(&x, "commit")->value, DOLLARS(30000000));
	assert_int_equal(rq(&x, "commit")->met, 0);
	fx_release(&x);
}

static void test_embed_partner_reaches_gold_with_spend_and_commit(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_annual(&x, 2025, D(2025, 1, 15));
	fx_standing(&x, 3);
	set_motions(&x, "embed");
	fx_gold_extras(&x);
	x.f.current_tier = SILVER;
	add_spend(&x, 2024, 6, DOLLARS(5000000));
	add_commit(&x, DOLLARS(50000000) - 1, D(2023, 12, 1), D(2024, 1, 1), D(2025, 12, 31));
	run(&x);
	assert_qualified(&x, SILVER);
	assert_string_equal(eval_change(&x.r), "none");
	assert_gap(&x, GOLD, "a running commit of at least $50,000,000.00 over 24+ months");
	assert_req_gap(&x, "commit", GOLD,
		       "a running commit of at least $50,000,000.00 over 24+ months");

	x.commits[0].tcv_cents = DOLLARS(50000000);
	run(&x);
	assert_qualified(&x, GOLD);
	assert_int_equal(x.r.tiers_met, 0xf);
	assert_string_equal(eval_change(&x.r), "up");
	assert_int_equal(eval_next_tier(twilio, &x.r), -1);
	assert_gap(&x, GOLD, "");
	fx_release(&x);
}

/* ---- partner support package ---- */

/* A connect-or-integrate partner with everything bronze asks for but support. */
static void fx_bronze_cpaas(struct fx *x, const char *motions)
{
	fx_standing(x, 1);
	set_motions(x, motions);
	set_products(x, "cpaas");
	add_deal(x, "cpaas", DEAL_NEW, STAGE_CLOSED_WON, DOLLARS(100000), D(2022, 6, 1));
}

static void test_support_package_required_for_integrate_cpaas_partner(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_bronze_cpaas(&x, "integrate");
	run(&x);
	assert_true(rq(&x, "support_package")->applies);
	assert_int_equal(rq(&x, "support_package")->required,
			 BIT(BRONZE) | BIT(SILVER) | BIT(GOLD));
	assert_false(rq(&x, "support_package")->support_plan_active);
	assert_int_equal(rq(&x, "support_package")->missing_agreements,
			 BIT(program_agreement_index(twilio, "support_addendum")));
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE,
		   "an active partner support plan and a signed Partner Support Addendum");

	add_support(&x, D(2022, 1, 1), DATE_NONE);
	add_agreement(&x, "support_addendum", D(2022, 1, 1), DATE_NONE);
	run(&x);
	assert_true(rq(&x, "support_package")->support_plan_active);
	assert_int_equal(rq(&x, "support_package")->value, 1);
	assert_int_equal(rq(&x, "support_package")->ev_kind, EV_AGREEMENT);
	assert_string_equal(ev(&x, "support_package"), "2");
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_support_plan_ending_on_as_of_is_active(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_bronze_cpaas(&x, "integrate");
	add_agreement(&x, "support_addendum", D(2022, 1, 1), DATE_NONE);
	add_support(&x, D(2022, 1, 1), as_of(&x));
	run(&x);
	assert_true(rq(&x, "support_package")->support_plan_active);
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_support_plan_ended_day_before_as_of_is_inactive(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_bronze_cpaas(&x, "integrate");
	add_agreement(&x, "support_addendum", D(2022, 1, 1), DATE_NONE);
	add_support(&x, D(2022, 1, 1), date_add_days(as_of(&x), -1));
	add_support(&x, date_add_days(as_of(&x), 1), DATE_NONE); /* starts after as_of */
	run(&x);
	assert_false(rq(&x, "support_package")->support_plan_active);
	assert_int_equal(rq(&x, "support_package")->missing_agreements, 0);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "an active partner support plan");
	assert_req_gap(&x, "support_package", BRONZE, "an active partner support plan");

	add_support(&x, as_of(&x), as_of(&x)); /* a one-day plan: as_of itself */
	run(&x);
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_support_package_needs_addendum_in_force(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_bronze_cpaas(&x, "integrate");
	add_support(&x, D(2022, 1, 1), DATE_NONE);
	add_agreement(&x, "support_addendum", D(2021, 1, 1), date_add_days(as_of(&x), -1));
	add_agreement(&x, "support_addendum", DATE_NONE, DATE_NONE);
	run(&x);
	assert_true(rq(&x, "support_package")->support_plan_active);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "a signed Partner Support Addendum");
	fx_release(&x);
}

static void test_support_package_not_required_for_connect_only_partner(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_bronze_cpaas(&x, "connect");
	run(&x);
	assert_false(rq(&x, "support_package")->applies);
	assert_int_equal(rq(&x, "support_package")->required, 0);
	assert_qualified(&x, BRONZE);
	assert_req_gap(&x, "support_package", BRONZE, "");
	fx_release(&x);
}

static void test_support_package_not_required_for_segment_only_partner(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	set_motions(&x, "embed,integrate");
	set_products(&x, "segment");
	add_won(&x, DOLLARS(100000), D(2022, 6, 1));
	run(&x);
	assert_false(rq(&x, "support_package")->applies);
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_support_package_required_for_embed_flex_partner(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	set_motions(&x, "embed");
	set_products(&x, "segment,flex");
	add_spend(&x, 2022, 3, DOLLARS(250000));
	run(&x);
	assert_true(rq(&x, "support_package")->applies);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE,
		   "an active partner support plan and a signed Partner Support Addendum");
	fx_release(&x);
}

/* ---- partners with several motions: revenue alternatives ---- */

static void test_embed_integrate_partner_qualifies_via_influence_when_spend_short(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	set_motions(&x, "embed,integrate");
	add_spend(&x, 2022, 3, DOLLARS(100000));
	add_won(&x, DOLLARS(500000), D(2022, 6, 1));
	run(&x);
	assert_int_equal(rq(&x, "direct_spend")->met, 0);
	assert_int_equal(rq(&x, "influence_revenue")->met, BIT(BRONZE) | BIT(SILVER));
	assert_qualified(&x, SILVER);
	fx_release(&x);
}

static void test_embed_integrate_partner_qualifies_via_spend_when_influence_short(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	set_motions(&x, "embed,integrate");
	add_spend(&x, 2022, 3, DOLLARS(5000000));
	add_won(&x, DOLLARS(50000), D(2022, 6, 1));
	run(&x);
	assert_int_equal(rq(&x, "influence_revenue")->met, 0);
	assert_qualified(&x, SILVER);
	fx_release(&x);
}

static void test_embed_integrate_partner_mixing_paths_across_tiers(void **state)
{
	/* bronze through spend, silver through influence: each tier its own path */
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	set_motions(&x, "embed,integrate");
	add_spend(&x, 2022, 3, DOLLARS(250000));
	add_won(&x, DOLLARS(500000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, SILVER);
	fx_release(&x);
}

static void test_embed_integrate_partner_short_on_both_lists_alternatives(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	set_motions(&x, "embed,integrate");
	add_spend(&x, 2022, 3, DOLLARS(200000));
	add_won(&x, DOLLARS(60000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "$50,000.00 more direct spend or $40,000.00 more influenced ARR");
	/* the per-requirement text has no alternatives */
	assert_req_gap(&x, "direct_spend", BRONZE, "$50,000.00 more direct spend");
	assert_req_gap(&x, "influence_revenue", BRONZE, "$40,000.00 more influenced ARR");
	assert_req_gap(&x, "commit", BRONZE, "");
	fx_release(&x);
}

static void test_embed_integrate_partner_gold_gap_lists_commit_or_influence(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 3);
	set_motions(&x, "embed,integrate");
	fx_gold_extras(&x);
	add_spend(&x, 2022, 3, DOLLARS(5000000));
	add_won(&x, DOLLARS(600000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, SILVER);
	assert_gap(&x, GOLD,
		   "a running commit of at least $50,000,000.00 over 24+ months or $400,000.00 "
		   "more influenced ARR");

	add_won(&x, DOLLARS(400000), D(2022, 7, 1));
	run(&x);
	assert_qualified(&x, GOLD);
	fx_release(&x);
}

static void test_partner_without_motion_has_no_revenue_requirement(void **state)
{
	/* no motion recorded: none of the motion-scoped rows applies */
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	x.f.motions = 0;
	run(&x);
	assert_false(rq(&x, "direct_spend")->applies);
	assert_false(rq(&x, "influence_revenue")->applies);
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

/* ---- change, next tier, gap text ---- */

static void test_eval_change_up_down_none(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	add_won(&x, DOLLARS(500000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, SILVER);

	x.f.current_tier = BRONZE;
	run(&x);
	assert_int_equal(x.r.current_tier, BRONZE);
	assert_string_equal(eval_change(&x.r), "up");
	x.f.current_tier = SILVER;
	run(&x);
	assert_string_equal(eval_change(&x.r), "none");
	x.f.current_tier = GOLD;
	run(&x);
	assert_string_equal(eval_change(&x.r), "down");
	x.f.current_tier = -1;
	run(&x);
	assert_string_equal(eval_change(&x.r), "up");

	/* losing good standing is a move down */
	fx_release(&x);
	fx_init(&x, twilio);
	x.f.current_tier = REGISTERED;
	run(&x);
	assert_qualified(&x, NONE);
	assert_string_equal(eval_change(&x.r), "down");
	fx_release(&x);
}

static void test_eval_next_tier(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	run(&x);
	assert_int_equal(eval_next_tier(twilio, &x.r), REGISTERED);
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(100000), D(2022, 6, 1));
	run(&x);
	assert_int_equal(eval_next_tier(twilio, &x.r), SILVER);
	fx_release(&x);
}

static void test_gap_text_bronze_partner_to_silver(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(300000), D(2022, 4, 1));
	add_won(&x, DOLLARS(80000), D(2022, 10, 1));
	run(&x);
	assert_qualified(&x, BRONZE);
	assert_int_equal(eval_next_tier(twilio, &x.r), SILVER);
	/* requirements in the program's order: stories come before revenue */
	assert_gap(&x, SILVER,
		   "1 more published customer success story; $120,000.00 more influenced ARR");
	assert_req_gap(&x, "influence_revenue", SILVER, "$120,000.00 more influenced ARR");
	assert_req_gap(&x, "stories", SILVER, "1 more published customer success story");
	assert_req_gap(&x, "influence_revenue", BRONZE, "");
	assert_req_gap(&x, "stories", -1, "");
	fx_release(&x);
}

static void test_gap_text_bronze_partner_to_gold(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(380000), D(2022, 4, 1));
	run(&x);
	assert_gap(&x, GOLD,
		   "2 more published customer success stories; an approved joint GTM business plan "
		   "for 2023; automated account mapping in place; $620,000.00 more influenced ARR");
	fx_release(&x);
}

static void test_gap_text_appends_and_is_empty_when_nothing_lacks(void **state)
{
	struct fx x;
	struct strbuf sb = STRBUF_INIT;

	fx_init(&x, twilio);
	fx_standing(&x, 3);
	fx_gold_extras(&x);
	add_won(&x, DOLLARS(1000000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, GOLD);
	assert_int_equal(eval_next_tier(twilio, &x.r), -1);
	assert_gap(&x, -1, "");
	assert_gap(&x, GOLD, "");
	assert_gap(&x, BRONZE, "");

	x.stories[2].published_on = DATE_NONE;
	run(&x);
	strbuf_adds(&sb, "gold: ");
	eval_gap_text(twilio, &x.r, GOLD, &sb);
	assert_string_equal(sb.buf, "gold: 1 more published customer success story");
	strbuf_release(&sb);
	fx_release(&x);
}

static void test_gap_text_plural_and_singular_counts(void **state)
{
	struct fx x;

	fx_init(&x, twilio);
	add_agreement(&x, "tos", D(2020, 1, 1), DATE_NONE);
	add_agreement(&x, "partner_agreement", D(2020, 1, 1), DATE_NONE);
	set_motions(&x, "connect");
	add_won(&x, DOLLARS(1000000), D(2022, 6, 1));
	fx_gold_extras(&x);
	run(&x);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, GOLD,
		   "1 more launched joint solution; 1 more launched solution with finalized "
		   "documentation and collateral; 3 more published customer success stories");
	fx_release(&x);
}

static void test_gap_text_beyond_next_tier_reports_lower_tier_spend(void **state)
{
	/*
	 * Regression: for a requirement group, the gap once named only the members
	 * lacking at the highest tier where the group lacks. An embed partner with
	 * no spend and no commit asked what gold needs was told only about the
	 * commit: direct spend is not a gold row, so the $5,000,000.00 of spend
	 * that bronze and silver (and so gold, by the cumulative rule) need was
	 * never mentioned.
	 */
	struct fx x;
	struct strbuf sb = STRBUF_INIT;
	char got[256];
	bool spend, commit;

	fx_init(&x, twilio);
	fx_annual(&x, 2025, D(2025, 1, 15));
	fx_standing(&x, 3);
	set_motions(&x, "embed");
	fx_gold_extras(&x);
	run(&x);
	assert_qualified(&x, REGISTERED);
	eval_gap_text(twilio, &x.r, GOLD, &sb);
	spend = strstr(sb.buf, "$5,000,000.00 more direct spend") != NULL;
	commit = strstr(sb.buf, "a running commit of at least $50,000,000.00 over 24+ months");
	snprintf(got, sizeof(got), "%s", sb.buf);
	/* released before asserting, so that a failure leaks nothing under ASan */
	strbuf_release(&sb);
	fx_release(&x);
	if (!spend || !commit)
		fail_msg("gap for gold omits part of the revenue path: \"%s\"", got);
}

/* ---- segment-2025 ---- */

static void test_segment_gold_partner(void **state)
{
	struct fx x;

	fx_init(&x, segment);
	add_agreement(&x, "tos", D(2023, 1, 1), DATE_NONE);
	add_solution(&x, "segment", D(2023, 6, 1), D(2023, 5, 1), D(2023, 5, 2));
	add_story(&x, D(2023, 9, 1));
	add_story(&x, D(2024, 2, 29));
	add_story(&x, D(2025, 1, 15));
	add_plan(&x, 2025, D(2024, 12, 15));
	add_mapping(&x, D(2024, 3, 1), DATE_NONE);
	set_motions(&x, "integrate");
	set_products(&x, "segment");
	x.f.current_tier = BRONZE;
	add_won(&x, DOLLARS(400000), D(2024, 1, 1));
	add_won(&x, DOLLARS(350000), D(2024, 2, 29));
	add_won(&x, DOLLARS(250000), D(2024, 12, 31));
	add_won(&x, DOLLARS(500000), D(2025, 1, 1));
	run(&x);
	assert_int_equal(x.r.nreqs, segment->nreqs);
	assert_int_equal(rq(&x, "influence_revenue")->value, DOLLARS(1000000));
	assert_string_equal(ev(&x, "influence_revenue"), "0,1,2");
	assert_string_equal(ev(&x, "stories"), "0,1,2");
	assert_string_equal(ev(&x, "gtm_plan"), "0");
	assert_string_equal(ev(&x, "account_mapping"), "0");
	assert_qualified(&x, GOLD);
	assert_int_equal(x.r.tiers_met, 0xf);
	assert_string_equal(eval_change(&x.r), "up");
	assert_int_equal(eval_next_tier(segment, &x.r), -1);

	/* one cent less in the window: silver, and the gap says so */
	x.deals[2].arr_cents -= 1;
	run(&x);
	assert_qualified(&x, SILVER);
	assert_gap(&x, GOLD, "$0.01 more influenced ARR");
	fx_release(&x);
}

static void test_segment_influence_boundaries(void **state)
{
	struct fx x;

	fx_init(&x, segment);
	fx_standing(&x, 1);
	add_won(&x, DOLLARS(99999), D(2024, 1, 1));
	add_won(&x, 99, D(2024, 12, 31));
	add_won(&x, 1, D(2025, 1, 1));
	add_won(&x, 1, D(2023, 12, 31));
	run(&x);
	assert_int_equal(rq(&x, "influence_revenue")->value, DOLLARS(100000) - 1);
	assert_qualified(&x, REGISTERED);
	assert_gap(&x, BRONZE, "$0.01 more influenced ARR");

	add_won(&x, 1, D(2024, 7, 1));
	run(&x);
	assert_qualified(&x, BRONZE);
	assert_string_equal(ev(&x, "influence_revenue"), "0,1,4");
	fx_release(&x);
}

static void test_segment_has_no_support_package_or_direct_revenue(void **state)
{
	struct fx x;

	fx_init(&x, segment);
	fx_standing(&x, 1);
	set_motions(&x, "embed,integrate");
	set_products(&x, "segment");
	add_won(&x, DOLLARS(100000), D(2024, 6, 1));
	run(&x);
	for (int i = 0; i < x.r.nreqs; i++) {
		enum req_kind k = x.r.reqs[i].req->kind;
		assert_true(k != REQ_SUPPORT_PACKAGE && k != REQ_DIRECT_SPEND && k != REQ_COMMIT);
	}
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_segment_embed_only_partner_has_no_revenue_requirement(void **state)
{
	struct fx x;

	fx_init(&x, segment);
	fx_standing(&x, 1);
	set_motions(&x, "embed");
	run(&x);
	assert_false(rq(&x, "influence_revenue")->applies);
	assert_qualified(&x, BRONZE);
	fx_release(&x);
}

static void test_segment_invited_silver_partner_needs_plan_and_mapping(void **state)
{
	struct fx x;

	fx_init(&x, segment);
	fx_standing(&x, 2);
	invite(&x, SILVER);
	add_won(&x, DOLLARS(500000), D(2024, 6, 1));
	add_plan(&x, 2024, D(2024, 1, 10)); /* last program year's plan */
	run(&x);
	assert_qualified(&x, BRONZE);
	assert_gap(&x, SILVER,
		   "an approved joint GTM business plan for 2025; automated account mapping in "
		   "place");

	x.f.invited = 0;
	run(&x);
	assert_qualified(&x, SILVER);
	assert_gap(&x, GOLD,
		   "1 more published customer success story; an approved joint GTM business plan "
		   "for 2025; automated account mapping in place; $500,000.00 more influenced ARR");
	fx_release(&x);
}

/* ---- evidence bookkeeping and result reuse ---- */

static void test_evidence_ranges_are_contiguous_in_requirement_order(void **state)
{
	struct fx x;
	size_t off = 0;

	fx_init(&x, twilio);
	fx_standing(&x, 3);
	fx_gold_extras(&x);
	set_motions(&x, "embed,integrate");
	set_products(&x, "cpaas");
	add_agreement(&x, "support_addendum", D(2020, 1, 1), DATE_NONE);
	add_support(&x, D(2020, 1, 1), DATE_NONE);
	add_spend(&x, 2022, 1, DOLLARS(1));
	add_won(&x, DOLLARS(1000000), D(2022, 6, 1));
	run(&x);
	assert_qualified(&x, GOLD);
	assert_int_equal(x.r.nreqs, twilio->nreqs);
	for (int i = 0; i < x.r.nreqs; i++) {
		const struct req_eval *e = &x.r.reqs[i];
		assert_ptr_equal(e->req, &twilio->reqs[i]);
		assert_int_equal(e->ev_off, off);
		off += e->ev_len;
		if (e->ev2_kind != EV_NONE) {
			/* the second range (support plans) follows the first */
			assert_int_equal(e->ev2_off, off);
			off += e->ev2_len;
		}
	}
	assert_int_equal(off, x.r.nevidence);
	assert_int_equal(rq(&x, "support_package")->ev_kind, EV_AGREEMENT);
	assert_int_equal(rq(&x, "support_package")->ev2_kind, EV_SUPPORT);
	assert_int_equal(rq(&x, "support_package")->ev2_len, 1);
	assert_int_equal(x.r.evidence[rq(&x, "support_package")->ev2_off], 0);
	assert_string_equal(ev(&x, "support_package"), "2");
	assert_string_equal(ev(&x, "agreements"), "0,1");
	assert_string_equal(ev(&x, "direct_spend"), "0");
	assert_string_equal(ev(&x, "commit"), "");
	fx_release(&x);
}

static void test_result_reused_across_partners_and_programs(void **state)
{
	struct fx rich, poor, seg;
	struct eval_result r = EVAL_RESULT_INIT;

	fx_init(&rich, twilio);
	fx_standing(&rich, 3);
	fx_gold_extras(&rich);
	for (int i = 0; i < 12; i++)
		add_won(&rich, DOLLARS(100000), D(2022, i + 1, 1));

	fx_init(&poor, twilio);
	add_agreement(&poor, "tos", D(2020, 1, 1), DATE_NONE);

	fx_init(&seg, segment);
	fx_standing(&seg, 1);
	add_won(&seg, DOLLARS(100000), D(2024, 6, 1));

	engine_evaluate(twilio, &rich.f, &rich.w, &r);
	assert_int_equal(r.qualified_tier, GOLD);
	assert_int_equal(r.nreqs, twilio->nreqs);
	engine_evaluate(twilio, &poor.f, &poor.w, &r);
	assert_int_equal(r.qualified_tier, NONE);
	assert_int_equal(r.nevidence, 1); /* only the ToS: nothing left over */
	assert_int_equal(r.reqs[0].ev_len, 1);
	for (int i = 1; i < r.nreqs; i++)
		assert_int_equal(r.reqs[i].ev_len, 0);
	engine_evaluate(segment, &seg.f, &seg.w, &r);
	assert_int_equal(r.nreqs, segment->nreqs);
	assert_int_equal(r.qualified_tier, BRONZE);
	engine_evaluate(twilio, &rich.f, &rich.w, &r);
	assert_int_equal(r.nreqs, twilio->nreqs);
	assert_int_equal(r.qualified_tier, GOLD);
	rich.r = r; /* read it through the fixture's helpers */
	assert_string_equal(ev(&rich, "influence_revenue"), "0,1,2,3,4,5,6,7,8,9,10,11");
	assert_int_equal(rq(&rich, "influence_revenue")->value, DOLLARS(1200000));
	eval_result_release(&rich.r);
	eval_result_release(&rich.r); /* twice is harmless */
}

static void test_evaluate_is_repeatable(void **state)
{
	struct fx x;
	struct eval_result first;

	fx_init(&x, twilio);
	fx_standing(&x, 2);
	add_won(&x, DOLLARS(700000), D(2022, 6, 1));
	run(&x);
	first = x.r;
	first.reqs = NULL; /* keep scalars only */
	run(&x);
	assert_int_equal(x.r.qualified_tier, first.qualified_tier);
	assert_int_equal(x.r.tiers_met, first.tiers_met);
	assert_int_equal(x.r.nevidence, first.nevidence);
	fx_release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_annual_measures_previous_calendar_year),
		cmocka_unit_test(test_window_annual_accepts_as_of_on_last_day_of_window),
		cmocka_unit_test(test_window_annual_rejects_as_of_before_window_end),
		cmocka_unit_test(test_window_midyear_is_365_days_ending_on_as_of),
		cmocka_unit_test(test_window_midyear_ending_on_leap_day),
		cmocka_unit_test(test_window_midyear_ending_the_year_after_a_leap_year),
		cmocka_unit_test(test_window_midyear_ending_dec31_of_a_leap_year),
		cmocka_unit_test(test_no_tos_is_not_in_good_standing),
		cmocka_unit_test(test_baseline_agreements_give_registered),
		cmocka_unit_test(test_no_agreements_gap_names_every_missing_kind),
		cmocka_unit_test(test_agreement_expiring_on_as_of_is_in_force),
		cmocka_unit_test(test_agreement_expired_day_before_as_of_is_not_in_force),
		cmocka_unit_test(test_agreement_renewed_after_expiry_counts_the_renewal),
		cmocka_unit_test(test_agreement_signed_on_as_of_is_in_force),
		cmocka_unit_test(test_agreement_signed_after_as_of_is_not_in_force),
		cmocka_unit_test(test_unsigned_agreement_is_not_in_force),
		cmocka_unit_test(test_agreement_of_unknown_kind_is_ignored),
		cmocka_unit_test(test_unrelated_agreement_is_not_evidence),
		cmocka_unit_test(test_segment_good_standing_needs_only_tos),
		cmocka_unit_test(test_solution_counts_launched_on_or_before_as_of),
		cmocka_unit_test(test_solution_materials_need_both_docs_and_collateral),
		cmocka_unit_test(test_no_solution_gap_text),
		cmocka_unit_test(test_stories_count_published_on_or_before_as_of),
		cmocka_unit_test(test_unpublished_story_leaves_partner_registered),
		cmocka_unit_test(test_gold_revenue_with_two_stories_is_silver),
		cmocka_unit_test(test_near_tier_within_ten_percent_of_revenue),
		cmocka_unit_test(test_near_tier_counts_round_up),
		cmocka_unit_test(test_near_tier_takes_the_best_revenue_path),
		cmocka_unit_test(test_near_tier_not_with_a_yes_no_requirement_missing),
		cmocka_unit_test(test_near_tier_includes_what_lower_tiers_lack),
		cmocka_unit_test(test_gold_met_but_bronze_not_is_registered),
		cmocka_unit_test(test_gtm_plan_must_be_approved_for_the_program_year),
		cmocka_unit_test(test_gtm_plan_for_wrong_year_leaves_gold_partner_silver),
		cmocka_unit_test(test_gtm_plan_midyear_is_for_the_as_of_year),
		cmocka_unit_test(test_account_mapping_disabled_on_as_of_is_inactive),
		cmocka_unit_test(test_account_mapping_enabled_on_as_of_is_active),
		cmocka_unit_test(test_account_mapping_disabled_on_as_of_blocks_gold),
		cmocka_unit_test(test_invited_silver_partner_without_plan_fails_silver),
		cmocka_unit_test(test_uninvited_partner_passes_silver_without_plan_but_not_gold),
		cmocka_unit_test(test_invitation_to_gold_does_not_impose_silver_obligations),
		cmocka_unit_test(test_influence_exactly_100k_meets_bronze),
		cmocka_unit_test(test_influence_one_cent_short_of_bronze),
		cmocka_unit_test(test_influence_counts_deals_closed_in_the_annual_window),
		cmocka_unit_test(test_influence_excludes_services_lost_open_and_foreign_deals),
		cmocka_unit_test(test_influence_midyear_window_first_and_last_day),
		cmocka_unit_test(test_influence_midyear_window_ending_on_leap_day),
		cmocka_unit_test(test_influence_midyear_window_after_leap_year),
		cmocka_unit_test(test_influence_does_not_apply_to_embed_only_partner),
		cmocka_unit_test(test_influence_applies_to_integrate_and_connect),
		cmocka_unit_test(test_direct_spend_counts_months_of_the_annual_window),
		cmocka_unit_test(test_direct_spend_one_cent_short_of_bronze),
		cmocka_unit_test(test_direct_spend_midyear_counts_months_ending_in_window),
		cmocka_unit_test(test_direct_spend_february_of_a_leap_year),
		cmocka_unit_test(test_embed_partner_spend_tiers),
		cmocka_unit_test(test_commit_of_exactly_24_months_counts),
		cmocka_unit_test(test_commit_of_23_months_does_not_count),
		cmocka_unit_test(test_commit_must_be_signed_and_running_on_as_of),
		cmocka_unit_test(test_commit_value_is_the_largest_not_the_sum),
		cmocka_unit_test(test_embed_partner_reaches_gold_with_spend_and_commit),
		cmocka_unit_test(test_support_package_required_for_integrate_cpaas_partner),
		cmocka_unit_test(test_support_plan_ending_on_as_of_is_active),
		cmocka_unit_test(test_support_plan_ended_day_before_as_of_is_inactive),
		cmocka_unit_test(test_support_package_needs_addendum_in_force),
		cmocka_unit_test(test_support_package_not_required_for_connect_only_partner),
		cmocka_unit_test(test_support_package_not_required_for_segment_only_partner),
		cmocka_unit_test(test_support_package_required_for_embed_flex_partner),
		cmocka_unit_test(
			test_embed_integrate_partner_qualifies_via_influence_when_spend_short),
		cmocka_unit_test(
			test_embed_integrate_partner_qualifies_via_spend_when_influence_short),
		cmocka_unit_test(test_embed_integrate_partner_mixing_paths_across_tiers),
		cmocka_unit_test(test_embed_integrate_partner_short_on_both_lists_alternatives),
		cmocka_unit_test(test_embed_integrate_partner_gold_gap_lists_commit_or_influence),
		cmocka_unit_test(test_partner_without_motion_has_no_revenue_requirement),
		cmocka_unit_test(test_eval_change_up_down_none),
		cmocka_unit_test(test_eval_next_tier),
		cmocka_unit_test(test_gap_text_bronze_partner_to_silver),
		cmocka_unit_test(test_gap_text_bronze_partner_to_gold),
		cmocka_unit_test(test_gap_text_appends_and_is_empty_when_nothing_lacks),
		cmocka_unit_test(test_gap_text_plural_and_singular_counts),
		cmocka_unit_test(test_gap_text_beyond_next_tier_reports_lower_tier_spend),
		cmocka_unit_test(test_segment_gold_partner),
		cmocka_unit_test(test_segment_influence_boundaries),
		cmocka_unit_test(test_segment_has_no_support_package_or_direct_revenue),
		cmocka_unit_test(test_segment_embed_only_partner_has_no_revenue_requirement),
		cmocka_unit_test(test_segment_invited_silver_partner_needs_plan_and_mapping),
		cmocka_unit_test(test_evidence_ranges_are_contiguous_in_requirement_order),
		cmocka_unit_test(test_result_reused_across_partners_and_programs),
		cmocka_unit_test(test_evaluate_is_repeatable),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
