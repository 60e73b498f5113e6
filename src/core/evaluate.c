/*
 * Evaluation service: store facts (text) -> engine facts (days, cents,
 * program indexes) -> engine -> explanation JSON. Engine facts arrays are
 * laid out index for index like the store's, so an evidence index names the
 * same record in both.
 */
#include "util/common.h"

#include "core/accounts.h"
#include "core/evaluate.h"
#include "core/explain.h"
#include "core/programs.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/strbuf.h"

/* Reusable engine-facts buffers for one partner at a time. */
struct scratch {
	struct fact_agreement *agreements;
	struct fact_solution *solutions;
	struct fact_story *stories;
	struct fact_deal *deals;
	struct fact_spend *spend;
	struct fact_commit *commits;
	struct fact_period *support, *mapping;
	struct fact_plan *plans;
	size_t a_agreements, a_solutions, a_stories, a_deals, a_spend, a_commits, a_support,
		a_mapping, a_plans;
};

static void scratch_release(struct scratch *x)
{
	free(x->agreements);
	free(x->solutions);
	free(x->stories);
	free(x->deals);
	free(x->spend);
	free(x->commits);
	free(x->support);
	free(x->mapping);
	free(x->plans);
}

static int32_t day(const char *s)
{
	int32_t d;

	/* Stored dates were validated on the way in; anything else reads as none. */
	if (!s || !*s || date_parse(s, strlen(s), &d))
		return DATE_NONE;
	return d;
}

static enum deal_type deal_type(const char *t)
{
	if (!strcmp(t, "professional_services"))
		return DEAL_PROFESSIONAL_SERVICES;
	if (!strcmp(t, "upsell"))
		return DEAL_UPSELL;
	if (!strcmp(t, "renewal"))
		return DEAL_RENEWAL;
	return DEAL_NEW;
}

#define GROW(x, field, n) ALLOC_GROW((x)->field, (n) ? (n) : 1, (x)->a_##field)

/* Fills engine facts for partner fp of set fs, against program p. */
static void convert(const struct program *p, const struct facts_set *fs,
		    const struct facts_partner *fp, struct scratch *x, struct partner_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->key = fp->key;
	f->motions = program_list_mask(p, fp->motions, program_motion_index);
	f->products = program_list_mask(p, fp->products, program_product_index);
	f->current_tier = *fp->tier ? program_tier_index(p, fp->tier) : -1;
	f->invited = program_list_mask(p, fp->invited, program_tier_index);

	GROW(x, agreements, fp->nagreements);
	for (size_t i = 0; i < fp->nagreements; i++) {
		const struct facts_agreement *a = &fs->agreements[fp->agreements + i];
		x->agreements[i] = (struct fact_agreement){program_agreement_index(p, a->kind),
							   day(a->signed_on), day(a->expires_on)};
	}
	GROW(x, solutions, fp->nsolutions);
	for (size_t i = 0; i < fp->nsolutions; i++) {
		const struct facts_solution *s = &fs->solutions[fp->solutions + i];
		x->solutions[i] = (struct fact_solution){s->key,
							 program_product_index(p, s->product),
							 day(s->launched_on),
							 day(s->docs_on),
							 day(s->collateral_on),
							 day(s->reviewed_on)};
	}
	GROW(x, stories, fp->nstories);
	for (size_t i = 0; i < fp->nstories; i++) {
		const struct facts_story *s = &fs->stories[fp->stories + i];
		x->stories[i] = (struct fact_story){s->key, day(s->published_on)};
	}
	GROW(x, deals, fp->ndeals);
	for (size_t i = 0; i < fp->ndeals; i++) {
		const struct facts_deal *d = &fs->deals[fp->deals + i];
		x->deals[i] = (struct fact_deal){d->key,
						 program_product_index(p, d->product),
						 deal_type(d->type),
						 STAGE_CLOSED_WON, /* the store loads only those */
						 d->arr_cents,
						 day(d->closed_on)};
	}
	GROW(x, spend, fp->nspend);
	for (size_t i = 0; i < fp->nspend; i++) {
		const struct facts_spend *s = &fs->spend[fp->spend + i];
		int y = 0, m = 1;
		date_parse_month(s->month, strlen(s->month), &y, &m);
		x->spend[i] = (struct fact_spend){y * 12 + m - 1, s->amount_cents};
	}
	GROW(x, commits, fp->ncommits);
	for (size_t i = 0; i < fp->ncommits; i++) {
		const struct facts_commit *c = &fs->commits[fp->commits + i];
		x->commits[i] = (struct fact_commit){c->key, c->tcv_cents, day(c->signed_on),
						     day(c->start_on), day(c->end_on)};
	}
	GROW(x, support, fp->nsupport);
	for (size_t i = 0; i < fp->nsupport; i++) {
		const struct facts_period *s = &fs->support[fp->support + i];
		x->support[i] = (struct fact_period){day(s->start_on), day(s->end_on)};
	}
	GROW(x, mapping, fp->nmapping);
	for (size_t i = 0; i < fp->nmapping; i++) {
		const struct facts_period *s = &fs->mapping[fp->mapping + i];
		x->mapping[i] = (struct fact_period){day(s->start_on), day(s->end_on)};
	}
	GROW(x, plans, fp->nplans);
	for (size_t i = 0; i < fp->nplans; i++) {
		const struct facts_plan *s = &fs->plans[fp->plans + i];
		x->plans[i] = (struct fact_plan){s->year, day(s->approved_on)};
	}
	f->agreements = x->agreements;
	f->nagreements = fp->nagreements;
	f->solutions = x->solutions;
	f->nsolutions = fp->nsolutions;
	f->stories = x->stories;
	f->nstories = fp->nstories;
	f->deals = x->deals;
	f->ndeals = fp->ndeals;
	f->spend = x->spend;
	f->nspend = fp->nspend;
	f->commits = x->commits;
	f->ncommits = fp->ncommits;
	f->support = x->support;
	f->nsupport = fp->nsupport;
	f->mapping = x->mapping;
	f->nmapping = fp->nmapping;
	f->plans = x->plans;
	f->nplans = fp->nplans;
}

static json_t *window_json(const struct eval_request *req, const struct eval_window *w,
			   const struct program *p)
{
	char from[11], to[11], as_of[11];
	json_t *h;

	date_format(w->from, from);
	date_format(w->to, to);
	date_format(w->as_of, as_of);
	h = json_pack("{s:s, s:s, s:{s:s, s:s}, s:s}", "program", p->key, "mode",
		      req->mode == MODE_ANNUAL ? "annual" : "midyear", "window", "from", from, "to",
		      to, "as_of", as_of);
	json_object_set_new(h, "program_year", json_integer(w->plan_year));
	return h;
}

static int propose(struct store *s, const struct program *p, int64_t program_id, int64_t run_id,
		   const struct facts_set *fs, const struct facts_partner *fp,
		   const struct partner_facts *f, const struct eval_result *r,
		   const struct eval_window *w, int64_t *id, struct strbuf *err)
{
	struct store_proposal sp = {0};
	char from[11], to[11], as_of[11];
	char *explanation;
	json_t *result;
	int rc;

	date_format(w->from, from);
	date_format(w->to, to);
	date_format(w->as_of, as_of);
	if (store_proposal_supersede(s, fp->id, program_id, err))
		return -1;
	result = explain_result(p, fs, fp, f, r);
	explanation = json_dumps(result, JSON_COMPACT);
	json_decref(result);
	sp.partner_id = fp->id;
	sp.program_id = program_id;
	sp.run_id = run_id;
	sp.from_tier = r->current_tier >= 0 ? p->tiers[r->current_tier].key : NULL;
	sp.to_tier = r->qualified_tier >= 0 ? p->tiers[r->qualified_tier].key : NULL;
	sp.mode = w->mode == MODE_ANNUAL ? "annual" : "midyear";
	sp.window_from = from;
	sp.window_to = to;
	sp.as_of = as_of;
	sp.explanation = explanation ? explanation : "{}";
	rc = store_proposal_add(s, &sp, id, err);
	free(explanation);
	return rc;
}

/* Records a proposing run in the audit log, inside its transaction. */
static int audit_evaluation(struct store *s, const struct eval_request *req,
			    const struct program *p, const struct eval_window *w,
			    const struct eval_summary *sum, struct strbuf *err)
{
	char as_of[11];
	json_t *after;
	int rc;

	date_format(w->as_of, as_of);
	after = json_pack("{s:s, s:s, s:s, s:o, s:I}", "program", p->key, "mode",
			  req->mode == MODE_ANNUAL ? "annual" : "midyear", "as_of", as_of,
			  "partner", req->partner ? json_string(req->partner) : json_null(),
			  "proposals", (json_int_t)sum->proposals);
	if (req->mode == MODE_ANNUAL)
		json_object_set_new(after, "year", json_integer(req->year));
	rc = audit_record(s, req->actor ? req->actor : "unknown", "evaluation.propose", "program",
			  p->key, NULL, after, err);
	json_decref(after);
	return rc;
}

int evaluate_run(struct store *s, const struct eval_request *req, const struct eval_sink *sink,
		 struct eval_summary *sum, struct strbuf *err)
{
	struct program *p = NULL;
	struct facts_set fs = {0};
	struct eval_result r = EVAL_RESULT_INIT;
	struct scratch x = {0};
	struct eval_window w;
	int64_t program_id = 0, run_id = 0;
	char from[11], to[11];
	json_t *header;
	int ret = -1;
	bool in_tx = false;

	memset(sum, 0, sizeof(*sum));
	ret = program_fetch(s, req->program, &p, &program_id, err);
	if (ret)
		return ret == PROGRAM_UNKNOWN ? EVAL_NO_PROGRAM : -1;
	ret = -1;
	if (req->mode == MODE_ANNUAL) {
		if (eval_window_annual(&w, p, req->year, req->as_of, err))
			goto out;
	} else {
		eval_window_midyear(&w, p, req->as_of);
	}
	date_format(w.from, from);
	date_format(w.to, to);
	/* One partner: by key, its id looked up only to explain an empty answer. */
	if (store_load_facts(s, program_id, req->partner, from, to, &fs, err))
		goto out;
	if (req->partner && fs.npartners == 0) {
		struct store_partner sp;
		int found = store_partner_get(s, req->partner, &sp, err);
		if (found < 0)
			goto out;
		if (!found) {
			strbuf_addf(err, "unknown partner '%s'", req->partner);
			ret = EVAL_NO_PARTNER;
			goto out;
		}
		store_partner_release(&sp);
		strbuf_addf(err, "partner '%s' is not enrolled in program '%s' (or is deactivated)",
			    req->partner, req->program);
		ret = EVAL_NOT_ENROLLED;
		goto out;
	}
	if (req->propose) {
		if (store_begin(s, err))
			goto out;
		in_tx = true;
		if (store_proposal_next_run(s, &run_id, err))
			goto out;
	}

	header = window_json(req, &w, p);
	if (sink->header && sink->header(sink->ctx, header)) {
		json_decref(header);
		goto out;
	}
	json_decref(header);

	for (size_t i = 0; i < fs.npartners; i++) {
		struct partner_facts f;
		struct eval_outcome o = {p, &fs, &fs.partners[i], &f, &r, 0};

		convert(p, &fs, &fs.partners[i], &x, &f);
		engine_evaluate(p, &f, &w, &r);
		sum->partners++;
		if (r.qualified_tier > r.current_tier)
			sum->up++;
		else if (r.qualified_tier < r.current_tier)
			sum->down++;
		else
			sum->same++;
		if (req->propose && r.qualified_tier != r.current_tier) {
			if (propose(s, p, program_id, run_id, &fs, &fs.partners[i], &f, &r, &w,
				    &o.proposal, err))
				goto out;
			sum->proposals++;
		}
		if (sink->partner && sink->partner(sink->ctx, &o))
			goto out;
	}
	if (in_tx) {
		if (audit_evaluation(s, req, p, &w, sum, err) || store_commit(s, err))
			goto out;
		in_tx = false;
	}
	ret = 0;
out:
	if (in_tx)
		store_rollback(s);
	eval_result_release(&r);
	scratch_release(&x);
	facts_set_release(&fs);
	program_free(p);
	return ret;
}
