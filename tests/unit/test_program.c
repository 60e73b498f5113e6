/*
 * Unit tests for engine/program: the bundled program definitions (checked
 * value by value against the guides) and the loader's error reports, which
 * are compared whole, "FILE:LINE: message" by line.
 */
#include "util/common.h"
#include "engine/program.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>

#define DOLLARS(d) ((int64_t)(d)*100)

static struct program *load_file(const char *path)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	struct program *p = NULL;

	if (file_read_all(path, &text, &err))
		fail_msg("%s", err.buf);
	if (program_parse(path, text.buf, text.len, &p, &err))
		fail_msg("%s does not load:\n%s", path, err.buf);
	assert_string_equal(err.buf, "");
	strbuf_release(&text);
	strbuf_release(&err);
	assert_non_null(p);
	return p;
}

/* Parses text as "t.yaml"; returns what program_parse() returned. */
static int parse(const char *text, struct program **p, struct strbuf *err)
{
	return program_parse("t.yaml", text, strlen(text), p, err);
}

/* text must be rejected with exactly the messages `want`. */
static void assert_rejects(const char *text, const char *want)
{
	struct strbuf err = STRBUF_INIT;
	struct program *p = (struct program *)&err; /* must come back NULL */

	if (parse(text, &p, &err) != -1)
		fail_msg("accepted:\n%s", text);
	assert_null(p);
	if (strcmp(err.buf, want))
		fail_msg("for:\n%s\ngot:\n%s\nwant:\n%s", text, err.buf, want);
	strbuf_release(&err);
}

static struct program *parse_ok(const char *text)
{
	struct strbuf err = STRBUF_INIT;
	struct program *p = NULL;

	if (parse(text, &p, &err))
		fail_msg("rejected:\n%s\n%s", text, err.buf);
	strbuf_release(&err);
	return p;
}

static const struct requirement *req(const struct program *p, const char *key)
{
	for (int i = 0; i < p->nreqs; i++) {
		if (!strcmp(p->reqs[i].key, key))
			return &p->reqs[i];
	}
	fail_msg("no requirement '%s' in %s", key, p->key);
	return NULL;
}

static const struct benefit *benefit(const struct program *p, const char *key)
{
	for (int i = 0; i < p->nbenefits; i++) {
		if (!strcmp(p->benefits[i].key, key))
			return &p->benefits[i];
	}
	fail_msg("no benefit '%s' in %s", key, p->key);
	return NULL;
}

static int tier(const struct program *p, const char *key)
{
	int t = program_tier_index(p, key);

	if (t < 0)
		fail_msg("no tier '%s' in %s", key, p->key);
	return t;
}

static uint32_t motions(const struct program *p, const char *a, const char *b)
{
	uint32_t m = 1u << program_motion_index(p, a);

	if (b)
		m |= 1u << program_motion_index(p, b);
	return m;
}

/* The requirement is set at tier with this threshold (and invite_only flag). */
static void assert_req_tier(const struct program *p, const char *rkey, const char *tkey,
			    int64_t threshold, bool invite_only)
{
	const struct req_tier *rt = &req(p, rkey)->tiers[tier(p, tkey)];

	if (!rt->set)
		fail_msg("%s: %s not set at %s", p->key, rkey, tkey);
	assert_int_equal(rt->threshold, threshold);
	assert_int_equal(rt->invite_only, invite_only);
}

static void assert_req_unset(const struct program *p, const char *rkey, const char *tkey)
{
	if (req(p, rkey)->tiers[tier(p, tkey)].set)
		fail_msg("%s: %s set at %s", p->key, rkey, tkey);
}

/* Grants at registered, bronze, silver, gold. */
static void assert_grants(const struct program *p, const char *bkey, enum benefit_grant r,
			  enum benefit_grant b, enum benefit_grant s, enum benefit_grant g)
{
	const struct benefit *x = benefit(p, bkey);

	assert_int_equal(x->grant[tier(p, "registered")], r);
	assert_int_equal(x->grant[tier(p, "bronze")], b);
	assert_int_equal(x->grant[tier(p, "silver")], s);
	assert_int_equal(x->grant[tier(p, "gold")], g);
}

static void assert_common_shape(const struct program *p)
{
	static const char *const tiers[] = {"registered", "bronze", "silver", "gold"};
	static const char *const names[] = {"Registered", "Bronze", "Silver", "Gold"};
	static const char *const motion_keys[] = {"embed", "integrate", "connect"};
	static const char *const agreements[] = {"tos", "partner_agreement", "referral_addendum",
						 "support_addendum"};

	assert_int_equal(p->ntiers, 4);
	for (int i = 0; i < 4; i++) {
		assert_string_equal(p->tiers[i].key, tiers[i]);
		assert_string_equal(p->tiers[i].name, names[i]);
	}
	assert_int_equal(p->nmotions, 3);
	for (int i = 0; i < 3; i++)
		assert_string_equal(p->motions[i].key, motion_keys[i]);
	assert_int_equal(p->nagreements, 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(p->agreements[i].key, agreements[i]);

	assert_int_equal(p->governance.midyear_window_days, 365);
	assert_int_equal(p->governance.inactivity_tier, 0);
	assert_int_equal(p->governance.inactivity_period_months, 3);
	assert_non_null(strstr(p->governance.source, "Program governance"));

	/* every item cites the guide */
	for (int i = 0; i < p->nreqs; i++) {
		if (!strstr(p->reqs[i].source, "p."))
			fail_msg("%s: requirement %s has no page citation", p->key, p->reqs[i].key);
	}
	for (int i = 0; i < p->nbenefits; i++) {
		if (!strstr(p->benefits[i].source, "p."))
			fail_msg("%s: benefit %s has no page citation", p->key, p->benefits[i].key);
	}
}

static void test_twilio_2023(void **state)
{
	struct program *p = load_file("programs/twilio-2023.yaml");
	const struct requirement *r;
	const char *products[] = {"cpaas", "segment", "flex", "engage"};

	assert_string_equal(p->key, "twilio-2023");
	assert_string_equal(p->name, "Twilio Technology Partner Program");
	assert_int_equal(p->year, 2023);
	assert_non_null(strstr(p->source, "April 2023"));
	assert_common_shape(p);
	assert_int_equal(p->nproducts, 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(p->products[i].key, products[i]);
	assert_int_equal(p->nreqs, 10);
	assert_int_equal(p->nbenefits, 11);

	/* baseline agreement: partner agreement and ToS at every tier (Silver's
	 * cell was lost in the PDF: cumulative) */
	r = req(p, "agreements");
	assert_int_equal(r->kind, REQ_AGREEMENTS);
	assert_int_equal(r->agreements, (1u << program_agreement_index(p, "partner_agreement")) |
						(1u << program_agreement_index(p, "tos")));
	assert_int_equal(r->motions, 0);
	assert_int_equal(r->products, 0);
	assert_null(r->group);
	assert_req_tier(p, "agreements", "registered", 1, false);
	assert_req_tier(p, "agreements", "silver", 1, false);
	assert_req_tier(p, "agreements", "gold", 1, false);

	assert_int_equal(req(p, "solution")->kind, REQ_SOLUTION);
	assert_req_unset(p, "solution", "registered");
	assert_req_tier(p, "solution", "bronze", 1, false);
	assert_req_tier(p, "solution", "silver", 1, false);
	assert_req_tier(p, "solution", "gold", 1, false);
	assert_int_equal(req(p, "solution_materials")->kind, REQ_SOLUTION_MATERIALS);
	assert_req_tier(p, "solution_materials", "silver", 1, false);

	assert_req_unset(p, "stories", "registered");
	assert_req_tier(p, "stories", "bronze", 1, false);
	assert_req_tier(p, "stories", "silver", 2, false);
	assert_req_tier(p, "stories", "gold", 3, false);

	assert_req_unset(p, "gtm_plan", "bronze");
	assert_req_tier(p, "gtm_plan", "silver", 1, true);
	assert_req_tier(p, "gtm_plan", "gold", 1, false);
	assert_req_tier(p, "account_mapping", "silver", 1, true);
	assert_req_tier(p, "account_mapping", "gold", 1, false);

	r = req(p, "direct_spend");
	assert_int_equal(r->kind, REQ_DIRECT_SPEND);
	assert_int_equal(r->motions, motions(p, "embed", NULL));
	assert_string_equal(r->group, "revenue");
	assert_req_tier(p, "direct_spend", "bronze", DOLLARS(250000), false);
	assert_req_tier(p, "direct_spend", "silver", DOLLARS(5000000), false);
	assert_req_unset(p, "direct_spend", "gold");

	r = req(p, "commit");
	assert_int_equal(r->kind, REQ_COMMIT);
	assert_int_equal(r->min_months, 24);
	assert_int_equal(r->motions, motions(p, "embed", NULL));
	assert_string_equal(r->group, "revenue");
	assert_req_unset(p, "commit", "silver");
	assert_req_tier(p, "commit", "gold", DOLLARS(50000000), false);

	r = req(p, "influence_revenue");
	assert_int_equal(r->kind, REQ_INFLUENCE_REVENUE);
	assert_int_equal(r->motions, motions(p, "integrate", "connect"));
	assert_string_equal(r->group, "revenue");
	assert_req_unset(p, "influence_revenue", "registered");
	assert_req_tier(p, "influence_revenue", "bronze", 10000000, false);
	assert_req_tier(p, "influence_revenue", "silver", 50000000, false);
	assert_req_tier(p, "influence_revenue", "gold", 100000000, false);

	r = req(p, "support_package");
	assert_int_equal(r->kind, REQ_SUPPORT_PACKAGE);
	assert_int_equal(r->motions, motions(p, "embed", "integrate"));
	assert_int_equal(r->products, (1u << program_product_index(p, "cpaas")) |
					      (1u << program_product_index(p, "flex")));
	assert_int_equal(r->agreements, 1u << program_agreement_index(p, "support_addendum"));
	assert_req_unset(p, "support_package", "registered");
	assert_req_tier(p, "support_package", "silver", 1, false);

	assert_grants(p, "partner_portal", GRANT_INCLUDED, GRANT_INCLUDED, GRANT_INCLUDED,
		      GRANT_INCLUDED);
	assert_grants(p, "referral_fee", GRANT_INCLUDED, GRANT_INCLUDED, GRANT_INCLUDED,
		      GRANT_INCLUDED);
	assert_int_equal(benefit(p, "referral_fee")->products,
			 1u << program_product_index(p, "segment"));
	assert_int_equal(benefit(p, "referral_fee")->prerequisites,
			 1u << program_agreement_index(p, "referral_addendum"));
	assert_grants(p, "self_serve_training", GRANT_INCLUDED, GRANT_INCLUDED, GRANT_INCLUDED,
		      GRANT_INCLUDED);
	assert_grants(p, "partner_listing", GRANT_NONE, GRANT_INCLUDED, GRANT_INCLUDED,
		      GRANT_INCLUDED);
	assert_grants(p, "tier_badge", GRANT_NONE, GRANT_INCLUDED, GRANT_INCLUDED, GRANT_INCLUDED);
	assert_grants(p, "account_mapping", GRANT_NONE, GRANT_NONE, GRANT_NONE, GRANT_INCLUDED);
	assert_grants(p, "solution_review", GRANT_NONE, GRANT_NONE, GRANT_INVITE_ONLY,
		      GRANT_INCLUDED);
	assert_int_equal(benefit(p, "solution_review")->products,
			 (1u << program_product_index(p, "cpaas")) |
				 (1u << program_product_index(p, "segment")) |
				 (1u << program_product_index(p, "flex")));
	assert_grants(p, "mdf", GRANT_NONE, GRANT_NONE, GRANT_NONE, GRANT_INCLUDED);
	assert_grants(p, "partner_management", GRANT_NONE, GRANT_NONE, GRANT_INVITE_ONLY,
		      GRANT_INCLUDED);
	assert_grants(p, "roadmap_reviews", GRANT_NONE, GRANT_NONE, GRANT_INVITE_ONLY,
		      GRANT_INCLUDED);
	assert_grants(p, "gtm_resources", GRANT_NONE, GRANT_NONE, GRANT_INVITE_ONLY,
		      GRANT_INCLUDED);
	assert_int_equal(benefit(p, "mdf")->products, 0);
	assert_int_equal(benefit(p, "mdf")->prerequisites, 0);

	program_free(p);
}

static void test_segment_2025(void **state)
{
	struct program *p = load_file("programs/segment-2025.yaml");
	const struct requirement *r;

	assert_string_equal(p->key, "segment-2025");
	assert_string_equal(p->name, "Twilio Segment Technology Partner Program");
	assert_int_equal(p->year, 2025);
	assert_common_shape(p);
	assert_int_equal(p->nproducts, 1);
	assert_string_equal(p->products[0].key, "segment");
	assert_int_equal(p->nreqs, 7);
	assert_int_equal(p->nbenefits, 10);

	r = req(p, "agreements");
	assert_int_equal(r->agreements, 1u << program_agreement_index(p, "tos"));
	assert_req_tier(p, "agreements", "registered", 1, false);
	assert_req_tier(p, "agreements", "gold", 1, false);
	assert_req_tier(p, "solution", "bronze", 1, false);
	assert_req_tier(p, "solution", "silver", 1, false);
	assert_req_tier(p, "solution_materials", "gold", 1, false);
	assert_req_tier(p, "stories", "bronze", 1, false);
	assert_req_tier(p, "stories", "silver", 2, false);
	assert_req_tier(p, "stories", "gold", 3, false);
	assert_req_tier(p, "gtm_plan", "silver", 1, true);
	assert_req_tier(p, "gtm_plan", "gold", 1, false);
	assert_req_tier(p, "account_mapping", "silver", 1, true);
	assert_req_unset(p, "account_mapping", "bronze");

	r = req(p, "influence_revenue");
	assert_int_equal(r->motions, motions(p, "integrate", "connect"));
	assert_req_tier(p, "influence_revenue", "bronze", DOLLARS(100000), false);
	assert_req_tier(p, "influence_revenue", "silver", DOLLARS(500000), false);
	assert_req_tier(p, "influence_revenue", "gold", DOLLARS(1000000), false);
	/* no direct revenue, commit or support package in 2025 */
	for (int i = 0; i < p->nreqs; i++) {
		assert_int_not_equal(p->reqs[i].kind, REQ_DIRECT_SPEND);
		assert_int_not_equal(p->reqs[i].kind, REQ_COMMIT);
		assert_int_not_equal(p->reqs[i].kind, REQ_SUPPORT_PACKAGE);
	}

	assert_grants(p, "partner_portal", GRANT_INCLUDED, GRANT_INCLUDED, GRANT_INCLUDED,
		      GRANT_INCLUDED);
	assert_grants(p, "referral_fee", GRANT_INCLUDED, GRANT_INCLUDED, GRANT_INCLUDED,
		      GRANT_INCLUDED);
	assert_int_equal(benefit(p, "referral_fee")->products, 0);
	assert_int_equal(benefit(p, "referral_fee")->prerequisites,
			 1u << program_agreement_index(p, "referral_addendum"));
	/* the guide contradicts itself; Bronze and above was chosen */
	assert_grants(p, "partner_listing", GRANT_NONE, GRANT_INCLUDED, GRANT_INCLUDED,
		      GRANT_INCLUDED);
	assert_grants(p, "tier_badge", GRANT_NONE, GRANT_INCLUDED, GRANT_INCLUDED, GRANT_INCLUDED);
	assert_grants(p, "account_mapping", GRANT_NONE, GRANT_NONE, GRANT_NONE, GRANT_INCLUDED);
	assert_grants(p, "mdf", GRANT_NONE, GRANT_NONE, GRANT_NONE, GRANT_INCLUDED);
	assert_grants(p, "partner_management", GRANT_NONE, GRANT_NONE, GRANT_INVITE_ONLY,
		      GRANT_INCLUDED);
	assert_grants(p, "roadmap_reviews", GRANT_NONE, GRANT_NONE, GRANT_INVITE_ONLY,
		      GRANT_INCLUDED);
	assert_grants(p, "gtm_resources", GRANT_NONE, GRANT_NONE, GRANT_INVITE_ONLY,
		      GRANT_INCLUDED);
	for (int i = 0; i < p->nbenefits; i++)
		assert_string_not_equal(p->benefits[i].key, "solution_review");

	program_free(p);
}

static void test_kinds(void **state)
{
	static const char *const names[REQ_KIND_COUNT] = {
		"agreements", "solution",	 "solution_materials", "stories",
		"gtm_plan",   "account_mapping", "influence_revenue",  "direct_spend",
		"commit",     "support_package",
	};

	for (int k = 0; k < REQ_KIND_COUNT; k++) {
		assert_string_equal(req_kind_name(k), names[k]);
		assert_int_equal(req_kind_parse(names[k]), k);
	}
	assert_null(req_kind_name(REQ_KIND_COUNT));
	assert_null(req_kind_name((enum req_kind) - 1));
	assert_int_equal(req_kind_parse("Stories"), -1);
	assert_int_equal(req_kind_parse(""), -1);
	assert_int_equal(req_kind_parse(NULL), -1);
	assert_int_equal(req_kind_unit(REQ_AGREEMENTS), UNIT_BOOL);
	assert_int_equal(req_kind_unit(REQ_GTM_PLAN), UNIT_BOOL);
	assert_int_equal(req_kind_unit(REQ_ACCOUNT_MAPPING), UNIT_BOOL);
	assert_int_equal(req_kind_unit(REQ_SUPPORT_PACKAGE), UNIT_BOOL);
	assert_int_equal(req_kind_unit(REQ_SOLUTION), UNIT_COUNT);
	assert_int_equal(req_kind_unit(REQ_SOLUTION_MATERIALS), UNIT_COUNT);
	assert_int_equal(req_kind_unit(REQ_STORIES), UNIT_COUNT);
	assert_int_equal(req_kind_unit(REQ_INFLUENCE_REVENUE), UNIT_CENTS);
	assert_int_equal(req_kind_unit(REQ_DIRECT_SPEND), UNIT_CENTS);
	assert_int_equal(req_kind_unit(REQ_COMMIT), UNIT_CENTS);
}

/*
 * Lines 1-11 of every test document below; requirements start on line 12.
 */
#define HEAD                                                                                       \
	"key: t\n"				    /*  1 */                                       \
	"name: Test\n"				    /*  2 */                                       \
	"tiers:\n"				    /*  3 */                                       \
	"  - {key: registered, name: Registered}\n" /*  4 */                                       \
	"  - {key: gold, name: Gold}\n"		    /*  5 */                                       \
	"motions: [{key: embed, name: Embed}]\n"    /*  6 */                                       \
	"governance:\n"				    /*  7 */                                       \
	"  program_year: calendar\n"		    /*  8 */                                       \
	"  annual_window: previous_calendar_year\n" /*  9 */                                       \
	"  midyear_window_days: 365\n"		    /* 10 */                                       \
	"requirements:\n"			    /* 11 */

static void test_minimal(void **state)
{
	struct program *p = parse_ok(HEAD "  - key: r\n"
					  "    name: R\n"
					  "    kind: influence_revenue\n"
					  "    tiers: {gold: \"220000.50\", registered: 7}\n");

	assert_string_equal(p->key, "t");
	assert_int_equal(p->year, 0);
	assert_string_equal(p->source, "");
	assert_int_equal(p->nproducts, 0);
	assert_int_equal(p->nagreements, 0);
	assert_int_equal(p->nbenefits, 0);
	assert_int_equal(p->governance.inactivity_tier, -1);
	assert_string_equal(p->governance.source, "");
	assert_int_equal(p->nreqs, 1);
	assert_string_equal(p->reqs[0].source, "");
	assert_null(p->reqs[0].group);
	/* tier order comes from `tiers:`, not from the order given here */
	assert_true(p->reqs[0].tiers[0].set);
	assert_int_equal(p->reqs[0].tiers[0].threshold, 700);
	assert_int_equal(p->reqs[0].tiers[1].threshold, 22000050);
	assert_int_equal(program_tier_index(p, "gold"), 1);
	assert_int_equal(program_tier_index(p, "platinum"), -1);
	assert_int_equal(program_motion_index(p, "embed"), 0);
	assert_int_equal(program_product_index(p, "embed"), -1);
	program_free(p);
	program_free(NULL);
}

static void test_tier_value_forms(void **state)
{
	struct program *p = parse_ok(HEAD "  - key: plan\n"
					  "    name: Plan\n"
					  "    kind: gtm_plan\n"
					  "    tiers:\n"
					  "      registered: false\n"
					  "      gold: {invite_only: true}\n"
					  "  - key: stories\n"
					  "    name: Stories\n"
					  "    kind: stories\n"
					  "    tiers:\n"
					  "      registered: {threshold: 2, invite_only: false}\n"
					  "      gold: {threshold: 5, invite_only: true}\n"
					  "  - key: commit\n"
					  "    name: Commit\n"
					  "    kind: commit\n"
					  "    motions: [embed]\n"
					  "    min_months: 36\n"
					  "    group: revenue\n"
					  "    tiers: {gold: 50000000}\n"
					  "benefits:\n"
					  "  - key: b\n"
					  "    name: B\n"
					  "    source: somewhere\n"
					  "    tiers: {registered: none, gold: invite_only}\n");

	assert_int_equal(p->nreqs, 3);
	assert_false(p->reqs[0].tiers[0].set);
	assert_true(p->reqs[0].tiers[1].set);
	assert_true(p->reqs[0].tiers[1].invite_only);
	assert_int_equal(p->reqs[0].tiers[1].threshold, 1);
	assert_int_equal(p->reqs[1].tiers[0].threshold, 2);
	assert_false(p->reqs[1].tiers[0].invite_only);
	assert_int_equal(p->reqs[1].tiers[1].threshold, 5);
	assert_true(p->reqs[1].tiers[1].invite_only);
	assert_int_equal(p->reqs[2].min_months, 36);
	assert_int_equal(p->reqs[2].motions, 1);
	assert_string_equal(p->reqs[2].group, "revenue");
	assert_int_equal(p->reqs[2].tiers[1].threshold, DOLLARS(50000000));
	assert_int_equal(p->benefits[0].grant[0], GRANT_NONE);
	assert_int_equal(p->benefits[0].grant[1], GRANT_INVITE_ONLY);
	assert_string_equal(p->benefits[0].source, "somewhere");
	program_free(p);
}

static void test_unknown_key(void **state)
{
	assert_rejects(HEAD "  - key: r\n"
			    "    name: R\n"
			    "    kind: stories\n"
			    "    colour: red\n"
			    "    tiers: {gold: 1}\n"
			    "owner: me\n",
		       "t.yaml:15: unknown key 'colour' in requirement 'r'\n"
		       "t.yaml:17: unknown key 'owner' in program\n");
	assert_rejects(HEAD "  - key: r\n"
			    "    name: R\n"
			    "    kind: stories\n"
			    "    tiers: {gold: {threshold: 1, invited: true}}\n",
		       "t.yaml:15: unknown key 'invited' in tier 'gold' of requirement 'r'\n");
}

static void test_unknown_references(void **state)
{
	assert_rejects(
		HEAD "  - key: r\n"
		     "    name: R\n"
		     "    kind: stories\n"
		     "    tiers: {gold: 1, platinum: 2}\n"
		     "  - key: s\n"
		     "    name: S\n"
		     "    kind: agreements\n"
		     "    motions: [embed, connect]\n"
		     "    products: [segment]\n"
		     "    agreements: [tos]\n"
		     "    tiers: {gold: true}\n"
		     "benefits:\n"
		     "  - key: b\n"
		     "    name: B\n"
		     "    prerequisites: [referral_addendum]\n"
		     "    tiers: {bronze: included}\n",
		"t.yaml:15: unknown tier 'platinum' in requirement 'r' (not declared in "
		"'tiers')\n"
		"t.yaml:19: unknown motion 'connect' in requirement 's' (not declared in "
		"'motions')\n"
		"t.yaml:20: unknown product 'segment' in requirement 's' (not declared in "
		"'products')\n"
		"t.yaml:21: unknown agreement 'tos' in requirement 's' (not declared in "
		"'agreements')\n"
		"t.yaml:26: unknown agreement 'referral_addendum' in benefit 'b' (not "
		"declared in 'agreements')\n"
		"t.yaml:27: unknown tier 'bronze' in benefit 'b' (not declared in 'tiers')\n");
	assert_rejects(
		"key: t\n"
		"name: T\n"
		"tiers: [{key: registered, name: Registered}]\n"
		"governance:\n"
		"  program_year: calendar\n"
		"  annual_window: previous_calendar_year\n"
		"  midyear_window_days: 365\n"
		"  inactivity_review: {tier: gold, every_months: 3}\n"
		"requirements: []\n",
		"t.yaml:8: unknown tier 'gold' in governance.inactivity_review (not declared "
		"in 'tiers')\n");
}

static void test_bad_thresholds(void **state)
{
	assert_rejects(HEAD "  - key: r\n"
			    "    name: R\n"
			    "    kind: influence_revenue\n"
			    "    tiers:\n"
			    "      registered: \"$1,000\"\n"
			    "      gold: -5\n",
		       "t.yaml:16: invalid threshold '$1,000' for tier 'registered' in requirement "
		       "'r': not a number: use digits and an optional .cents, without $ or commas\n"
		       "t.yaml:17: invalid threshold '-5' for tier 'gold' in requirement 'r': "
		       "negative amounts are not allowed\n");
	assert_rejects(HEAD "  - key: r\n"
			    "    name: R\n"
			    "    kind: direct_spend\n"
			    "    tiers: {registered: 0, gold: 1.234}\n",
		       "t.yaml:15: invalid threshold '0' for tier 'registered' in requirement 'r': "
		       "must be greater than 0\n"
		       "t.yaml:15: invalid threshold '1.234' for tier 'gold' in requirement 'r': "
		       "more than 2 decimal places\n");
	assert_rejects(
		HEAD "  - key: r\n"
		     "    name: R\n"
		     "    kind: stories\n"
		     "    tiers: {registered: -1, gold: 2.5}\n",
		"t.yaml:15: invalid threshold '-1' for tier 'registered' in requirement 'r': "
		"expected a whole number from 1 to 1000000\n"
		"t.yaml:15: invalid threshold '2.5' for tier 'gold' in requirement 'r': "
		"expected a whole number from 1 to 1000000\n");
	assert_rejects(
		HEAD "  - key: r\n"
		     "    name: R\n"
		     "    kind: gtm_plan\n"
		     "    tiers: {registered: yes, gold: {threshold: 1}}\n",
		"t.yaml:15: invalid value 'yes' for tier 'registered' in requirement 'r': "
		"expected true\n"
		"t.yaml:15: 'threshold' in tier 'gold' of requirement 'r' is not used by kind "
		"gtm_plan (a yes/no requirement)\n");
	assert_rejects(HEAD "  - key: r\n"
			    "    name: R\n"
			    "    kind: stories\n"
			    "    tiers:\n"
			    "      gold: {invite_only: true}\n",
		       "t.yaml:16: missing key 'threshold' in tier 'gold' of requirement 'r'\n");
	/* both problems of one tier are reported */
	assert_rejects(
		HEAD "  - key: r\n"
		     "    name: R\n"
		     "    kind: commit\n"
		     "    tiers:\n"
		     "      gold:\n"
		     "        threshold: \"1,000\"\n"
		     "        invite_only: maybe\n",
		"t.yaml:17: invalid threshold '1,000' for tier 'gold' in requirement 'r': not "
		"a number: use digits and an optional .cents, without $ or commas\n"
		"t.yaml:18: invalid invite_only 'maybe' in tier 'gold' of requirement 'r': "
		"expected true or false\n");
}

static void test_yaml_syntax_error(void **state)
{
	assert_rejects(HEAD "  - key: r\n"
			    "    name: R\n"
			    "    kind: stories\n"
			    "    tiers: {gold: 1\n",
		       "t.yaml:16: invalid YAML: missing comma in flow mapping\n");
	assert_rejects("key: t\n"
		       "name: \"T\n",
		       "t.yaml:2: invalid YAML: double-quoted scalar without closing quote\n");
	assert_rejects("key: t\nkey: u\n", "t.yaml:2: invalid YAML: duplicate key\n");
	assert_rejects("", "t.yaml:1: empty program definition\n");
	assert_rejects("# nothing\n", "t.yaml:1: empty program definition\n");
	assert_rejects("- a\n- b\n", "t.yaml:1: a program definition must be a mapping\n");
	assert_rejects("key: t\n---\nkey: u\n",
		       "t.yaml:2: more than one YAML document: a file holds one program\n");
	assert_rejects(HEAD "  - key: &k r\n"
			    "    name: *k\n",
		       "t.yaml:13: aliases are not supported\n");
}

/* Regression: libfyaml 0.7.12 looped forever on this input (fuzz/fuzz_program.c). */
static void test_invalid_utf8(void **state)
{
	(void)state;
	assert_rejects("%e\xd3: ", "t.yaml:1: invalid UTF-8 (byte 0xd3 at offset 2)\n");
	assert_rejects("key: t\nname: Caf\xe9\n",
		       "t.yaml:2: invalid UTF-8 (byte 0xe9 at offset 16)\n");
}

static void test_duplicates(void **state)
{
	assert_rejects(HEAD "  - key: r\n"
			    "    name: R\n"
			    "    kind: stories\n"
			    "    tiers: {gold: 1}\n"
			    "  - key: r\n"
			    "    name: R again\n"
			    "    kind: solution\n"
			    "    tiers: {gold: 1}\n",
		       "t.yaml:16: duplicate requirement 'r' (first defined on line 12)\n");
	assert_rejects(
		"key: t\n"
		"name: T\n"
		"tiers:\n"
		"  - {key: gold, name: Gold}\n"
		"  - {key: gold, name: Gold again}\n"
		"products: [{key: p, name: P}, {key: p, name: P}]\n"
		"governance: {program_year: calendar, annual_window: previous_calendar_year, "
		"midyear_window_days: 365}\n"
		"requirements: []\n"
		"benefits:\n"
		"  - {key: b, name: B, tiers: {gold: included}}\n"
		"  - {key: b, name: B, tiers: {gold: included}}\n",
		"t.yaml:5: duplicate tier 'gold' (first declared on line 4)\n"
		"t.yaml:6: duplicate product 'p' (first declared on line 6)\n"
		"t.yaml:11: duplicate benefit 'b' (first defined on line 10)\n");
}

static void test_missing_keys(void **state)
{
	assert_rejects(HEAD "  - key: r\n"
			    "    name: R\n"
			    "    kind: stories\n",
		       "t.yaml:12: missing key 'tiers' in requirement 'r'\n");
	assert_rejects(HEAD "  - name: R\n"
			    "    tiers: {}\n",
		       "t.yaml:12: missing key 'key' in requirement #1\n"
		       "t.yaml:12: missing key 'kind' in requirement #1\n");
	assert_rejects("{}\n", "t.yaml:1: missing key 'key' in program\n"
			       "t.yaml:1: missing key 'name' in program\n"
			       "t.yaml:1: missing key 'governance' in program\n"
			       "t.yaml:1: missing key 'requirements' in program\n"
			       "t.yaml:1: missing key 'tiers' in program\n");
	assert_rejects(
		"key: \"\"\n"
		"name:\n"
		"tiers: []\n"
		"governance:\n"
		"  program_year: fiscal\n"
		"  midyear_window_days: 0\n"
		"requirements: []\n",
		"t.yaml:1: empty 'key' in program\n"
		"t.yaml:2: empty 'name' in program\n"
		"t.yaml:3: 'tiers' in program must list at least one tier\n"
		"t.yaml:5: missing key 'annual_window' in governance\n"
		"t.yaml:5: unsupported program_year 'fiscal' in governance: expected calendar\n"
		"t.yaml:6: invalid midyear_window_days '0' in governance: expected a whole "
		"number from 1 to 3660\n");
}

static void test_requirement_rules(void **state)
{
	assert_rejects(
		HEAD "  - key: r\n"
		     "    name: R\n"
		     "    kind: revenue\n"
		     "    tiers: {gold: 1}\n",
		"t.yaml:14: unknown kind 'revenue' in requirement 'r' (expected one of "
		"agreements, solution, solution_materials, stories, gtm_plan, "
		"account_mapping, influence_revenue, direct_spend, commit, support_package)\n");
	assert_rejects(
		HEAD "  - key: r\n"
		     "    name: R\n"
		     "    kind: stories\n"
		     "    min_months: 24\n"
		     "    agreements: [x]\n"
		     "    tiers: {}\n"
		     "  - key: s\n"
		     "    name: S\n"
		     "    kind: support_package\n"
		     "    motions: []\n"
		     "    tiers: {registered: false}\n",
		"t.yaml:15: 'min_months' in requirement 'r' is only for kind commit\n"
		"t.yaml:16: 'agreements' in requirement 'r' is only for kinds agreements and "
		"support_package\n"
		"t.yaml:17: requirement 'r' is not set at any tier\n"
		"t.yaml:18: missing key 'agreements' in requirement 's' (required for kind "
		"support_package)\n"
		"t.yaml:21: empty 'motions' in requirement 's': leave the key out instead\n"
		"t.yaml:22: requirement 's' is not set at any tier\n");
	assert_rejects(
		HEAD "  - key: bad key\n"
		     "    name: R\n"
		     "    kind: commit\n"
		     "    min_months: 0\n"
		     "    group: [a]\n"
		     "    tiers: [gold]\n",
		"t.yaml:12: invalid key 'bad key' in requirement #1: use at most 64 letters, "
		"digits, '_', '-' and '.'\n"
		"t.yaml:15: invalid min_months '0' in requirement #1: expected a whole number "
		"from 1 to 1200\n"
		"t.yaml:16: 'group' in requirement #1 must be a string\n"
		"t.yaml:17: 'tiers' in requirement #1 must be a mapping\n");
	assert_rejects(HEAD "  - key: r\n"
			    "    name: R\n"
			    "    kind: stories\n"
			    "    tiers: {gold: 1}\n"
			    "benefits:\n"
			    "  - key: b\n"
			    "    name: B\n"
			    "    tiers: {registered: yes, gold: none}\n",
		       "t.yaml:19: invalid grant 'yes' for tier 'registered' in benefit 'b': "
		       "expected included, invite_only or none\n");
}

static void test_too_many(void **state)
{
	struct strbuf doc = STRBUF_INIT;
	const char *want = "t.yaml:36: too many tiers: at most 32\n";

	strbuf_adds(&doc, "key: t\nname: T\ntiers:\n");
	for (int i = 0; i < 33; i++)
		strbuf_addf(&doc, "  - {key: t%d, name: T%d}\n", i, i);
	strbuf_adds(&doc, "governance: {program_year: calendar, annual_window: "
			  "previous_calendar_year, midyear_window_days: 365}\n"
			  "requirements:\n"
			  "  - {key: r, name: R, kind: stories, tiers: {t32: 1}}\n");
	/* t32 is not reported as unknown: the tier list itself is wrong */
	assert_rejects(doc.buf, want);

	/* exactly 32 is fine */
	strbuf_reset(&doc);
	strbuf_adds(&doc, "key: t\nname: T\ntiers:\n");
	for (int i = 0; i < 32; i++)
		strbuf_addf(&doc, "  - {key: t%d, name: T%d}\n", i, i);
	strbuf_adds(&doc, "governance: {program_year: calendar, annual_window: "
			  "previous_calendar_year, midyear_window_days: 365}\n"
			  "requirements:\n"
			  "  - {key: r, name: R, kind: stories, tiers: {t31: 1}}\n");
	{
		struct program *p = parse_ok(doc.buf);
		assert_int_equal(p->ntiers, 32);
		assert_int_equal(p->reqs[0].tiers[31].threshold, 1);
		program_free(p);
	}
	strbuf_release(&doc);
}

/* The complete example of docs/program-format.md loads. */
static void test_doc_example(void **state)
{
	struct strbuf doc = STRBUF_INIT, err = STRBUF_INIT;
	struct program *p = NULL;
	const char *start, *end;

	if (file_read_all("docs/program-format.md", &doc, &err))
		fail_msg("%s", err.buf);
	start = strstr(doc.buf, "```yaml\n");
	assert_non_null(start);
	start += strlen("```yaml\n");
	end = strstr(start, "```\n");
	assert_non_null(end);
	if (program_parse("example", start, (size_t)(end - start), &p, &err))
		fail_msg("the example does not load:\n%s", err.buf);
	assert_string_equal(p->key, "example-2025");
	assert_int_equal(p->nreqs, 7);
	assert_int_equal(p->nbenefits, 3);
	program_free(p);
	strbuf_release(&doc);
	strbuf_release(&err);
}

static void test_null_err(void **state)
{
	struct program *p = NULL;

	assert_int_equal(program_parse("t.yaml", "key: [", 6, &p, NULL), -1);
	assert_null(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_twilio_2023),
		cmocka_unit_test(test_segment_2025),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_tier_value_forms),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_unknown_references),
		cmocka_unit_test(test_bad_thresholds),
		cmocka_unit_test(test_yaml_syntax_error),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_missing_keys),
		cmocka_unit_test(test_requirement_rules),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_doc_example),
		cmocka_unit_test(test_null_err),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
