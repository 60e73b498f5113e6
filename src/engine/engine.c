/*
 * The tier engine (see engine.h and docs/engine.md). Each requirement kind has
 * a measure function that computes the partner's value and records the facts
 * that counted; tier decisions then only compare values with thresholds.
 */
#include "util/common.h"

#include "engine/engine.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/money.h"
#include "util/strbuf.h"

#define BIT(i) (1u << (i))

int eval_window_annual(struct eval_window *w, const struct program *p, int year, int32_t as_of,
		       struct strbuf *err)
{
	(void)p;
	w->mode = MODE_ANNUAL;
	w->from = date_from_ymd(year - 1, 1, 1);
	w->to = date_from_ymd(year - 1, 12, 31);
	w->as_of = as_of;
	w->plan_year = year;
	if (as_of < w->to) {
		char a[11], t[11];
		date_format(as_of, a);
		date_format(w->to, t);
		strbuf_addf(err,
			    "as-of date %s is before the end of the annual window (%s) for program "
			    "year %d",
			    a, t, year);
		return -1;
	}
	return 0;
}

void eval_window_midyear(struct eval_window *w, const struct program *p, int32_t as_of)
{
	int days = p->governance.midyear_window_days > 0 ? p->governance.midyear_window_days : 365;
	int y, m, d;

	w->mode = MODE_MIDYEAR;
	w->to = as_of;
	w->from = date_add_days(as_of, -(days - 1));
	w->as_of = as_of;
	date_to_ymd(as_of, &y, &m, &d);
	w->plan_year = y;
}

static void ev_push(struct eval_result *r, size_t idx)
{
	ALLOC_GROW(r->evidence, r->nevidence + 1, r->evidence_alloc);
	r->evidence[r->nevidence++] = idx;
}

static bool on_or_before(int32_t day, int32_t as_of)
{
	return day != DATE_NONE && day <= as_of;
}

/* Valid through expires_on inclusive. */
static bool agreement_in_force(const struct fact_agreement *a, int32_t as_of)
{
	return on_or_before(a->signed_on, as_of) &&
	       (a->expires_on == DATE_NONE || a->expires_on >= as_of);
}

/* Agreement kinds (bitmask) of `wanted` in force on as_of; evidence pushed. */
static uint32_t agreements_in_force(const struct partner_facts *f, uint32_t wanted, int32_t as_of,
				    struct eval_result *r)
{
	uint32_t present = 0;

	for (size_t i = 0; i < f->nagreements; i++) {
		const struct fact_agreement *a = &f->agreements[i];
		if (a->kind < 0 || !(wanted & BIT(a->kind)) || !agreement_in_force(a, as_of))
			continue;
		present |= BIT(a->kind);
		ev_push(r, i);
	}
	return present;
}

/* a + b for amounts (never negative), saturating at INT64_MAX instead of overflowing. */
static int64_t add_cents(int64_t a, int64_t b)
{
	return b > INT64_MAX - a ? INT64_MAX : a + b;
}

static int64_t measure(const struct requirement *req, const struct partner_facts *f,
		       const struct eval_window *w, struct eval_result *r, struct req_eval *e)
{
	int32_t as_of = w->as_of;
	int64_t v = 0;

	switch (req->kind) {
	case REQ_AGREEMENTS: {
		uint32_t present = agreements_in_force(f, req->agreements, as_of, r);
		e->ev_kind = EV_AGREEMENT;
		e->missing_agreements = req->agreements & ~present;
		return e->missing_agreements == 0;
	}
	case REQ_SOLUTION:
	case REQ_SOLUTION_MATERIALS:
		e->ev_kind = EV_SOLUTION;
		for (size_t i = 0; i < f->nsolutions; i++) {
			const struct fact_solution *s = &f->solutions[i];
			if (s->product < 0 || !on_or_before(s->launched_on, as_of))
				continue;
			if (req->kind == REQ_SOLUTION_MATERIALS &&
			    !(on_or_before(s->docs_on, as_of) &&
			      on_or_before(s->collateral_on, as_of)))
				continue;
			v++;
			ev_push(r, i);
		}
		return v;
	case REQ_STORIES:
		e->ev_kind = EV_STORY;
		for (size_t i = 0; i < f->nstories; i++) {
			if (on_or_before(f->stories[i].published_on, as_of)) {
				v++;
				ev_push(r, i);
			}
		}
		return v;
	case REQ_GTM_PLAN:
		e->ev_kind = EV_PLAN;
		for (size_t i = 0; i < f->nplans; i++) {
			if (f->plans[i].year == w->plan_year &&
			    on_or_before(f->plans[i].approved_on, as_of)) {
				v = 1;
				ev_push(r, i);
			}
		}
		return v;
	case REQ_ACCOUNT_MAPPING:
		e->ev_kind = EV_MAPPING;
		for (size_t i = 0; i < f->nmapping; i++) {
			const struct fact_period *m = &f->mapping[i];
			if (on_or_before(m->start_on, as_of) &&
			    (m->end_on == DATE_NONE || m->end_on > as_of)) {
				v = 1;
				ev_push(r, i);
			}
		}
		return v;
	case REQ_INFLUENCE_REVENUE:
		e->ev_kind = EV_DEAL;
		for (size_t i = 0; i < f->ndeals; i++) {
			const struct fact_deal *d = &f->deals[i];
			if (d->stage != STAGE_CLOSED_WON || d->type == DEAL_PROFESSIONAL_SERVICES ||
			    d->product < 0 || d->closed_on < w->from || d->closed_on > w->to)
				continue;
			v = add_cents(v, d->arr_cents);
			ev_push(r, i);
		}
		return v;
	case REQ_DIRECT_SPEND:
		/* A month counts when it ends inside the window (a complete month). */
		e->ev_kind = EV_SPEND;
		for (size_t i = 0; i < f->nspend; i++) {
			int y = f->spend[i].month / 12, m = f->spend[i].month % 12 + 1;
			int32_t last = date_from_ymd(y, m, date_days_in_month(y, m));
			if (last < w->from || last > w->to)
				continue;
			v = add_cents(v, f->spend[i].amount_cents);
			ev_push(r, i);
		}
		return v;
	case REQ_COMMIT:
		/* The largest commit signed, running on as_of and long enough. */
		e->ev_kind = EV_COMMIT;
		for (size_t i = 0; i < f->ncommits; i++) {
			const struct fact_commit *c = &f->commits[i];
			if (!on_or_before(c->signed_on, as_of) ||
			    !on_or_before(c->start_on, as_of) || c->end_on == DATE_NONE ||
			    c->end_on < as_of ||
			    date_months_between(c->start_on, date_add_days(c->end_on, 1)) <
				    req->min_months)
				continue;
			if (c->tcv_cents > v)
				v = c->tcv_cents;
			ev_push(r, i);
		}
		return v;
	case REQ_SUPPORT_PACKAGE: {
		uint32_t present;
		e->ev_kind = EV_AGREEMENT;
		present = agreements_in_force(f, req->agreements, as_of, r);
		e->missing_agreements = req->agreements & ~present;
		e->ev2_kind = EV_SUPPORT;
		e->ev2_off = r->nevidence;
		for (size_t i = 0; i < f->nsupport; i++) {
			const struct fact_period *s = &f->support[i];
			if (on_or_before(s->start_on, as_of) &&
			    (s->end_on == DATE_NONE || s->end_on >= as_of)) {
				e->support_plan_active = true;
				ev_push(r, i);
			}
		}
		e->ev2_len = r->nevidence - e->ev2_off;
		return e->support_plan_active && e->missing_agreements == 0;
	}
	case REQ_KIND_COUNT:
		break;
	}
	return 0;
}

/*
 * Whether the group led by requirement `lead` is required at `tier` and, if
 * so, whether any required member is met there.
 */
static bool group_required(const struct program *p, const struct eval_result *r, int lead, int tier,
			   bool *met)
{
	bool required = false;

	*met = false;
	for (int i = lead; i < p->nreqs; i++) {
		const struct req_eval *e = &r->reqs[i];
		if (p->reqs[i].group_leader != lead || !(e->required & BIT(tier)))
			continue;
		required = true;
		if (e->met & BIT(tier))
			*met = true;
	}
	return required;
}

bool eval_tier_met(const struct program *p, const struct eval_result *r, int tier)
{
	for (int i = 0; i < p->nreqs; i++) {
		bool met;
		if (p->reqs[i].group_leader != i)
			continue; /* judged with its group's leader */
		if (group_required(p, r, i, tier, &met) && !met)
			return false;
	}
	return true;
}

void engine_evaluate(const struct program *p, const struct partner_facts *f,
		     const struct eval_window *w, struct eval_result *r)
{
	if (r->nreqs < p->nreqs || !r->reqs) {
		free(r->reqs);
		r->reqs = xcalloc(p->nreqs ? (size_t)p->nreqs : 1, sizeof(*r->reqs));
	}
	r->nreqs = p->nreqs;
	r->nevidence = 0;
	r->current_tier = f->current_tier;
	r->plan_year = w->plan_year;

	for (int i = 0; i < p->nreqs; i++) {
		const struct requirement *req = &p->reqs[i];
		struct req_eval *e = &r->reqs[i];

		memset(e, 0, sizeof(*e));
		e->req = req;
		e->applies = (!req->motions || (req->motions & f->motions)) &&
			     (!req->products || (req->products & f->products));
		e->ev_off = r->nevidence;
		e->value = measure(req, f, w, r, e);
		/* A second range, when there is one, follows the first. */
		e->ev_len = (e->ev2_kind != EV_NONE ? e->ev2_off : r->nevidence) - e->ev_off;
		for (int t = 0; t < p->ntiers; t++) {
			const struct req_tier *rt = &req->tiers[t];
			if (!rt->set)
				continue;
			if (e->value >= rt->threshold)
				e->met |= BIT(t);
			if (e->applies && (!rt->invite_only || (f->invited & BIT(t))))
				e->required |= BIT(t);
		}
	}

	r->tiers_met = 0;
	r->qualified_tier = -1;
	for (int t = 0; t < p->ntiers; t++) {
		if (eval_tier_met(p, r, t))
			r->tiers_met |= BIT(t);
	}
	while (r->qualified_tier + 1 < p->ntiers && (r->tiers_met & BIT(r->qualified_tier + 1)))
		r->qualified_tier++;
}

void eval_result_release(struct eval_result *r)
{
	free(r->reqs);
	free(r->evidence);
	memset(r, 0, sizeof(*r));
}

int eval_next_tier(const struct program *p, const struct eval_result *r)
{
	return r->qualified_tier + 1 < p->ntiers ? r->qualified_tier + 1 : -1;
}

const char *eval_change(const struct eval_result *r)
{
	if (r->qualified_tier > r->current_tier)
		return "up";
	if (r->qualified_tier < r->current_tier)
		return "down";
	return "none";
}

static void add_count(struct strbuf *out, int64_t n, const char *one, const char *many)
{
	strbuf_addf(out, "%" PRId64 " more %s", n, n == 1 ? one : many);
}

static void add_names(struct strbuf *out, const struct program *p, uint32_t kinds)
{
	bool first = true;

	for (int k = 0; k < p->nagreements; k++) {
		if (!(kinds & BIT(k)))
			continue;
		strbuf_addf(out, "%s%s", first ? "" : " and ", p->agreements[k].name);
		first = false;
	}
}

/* The gap of one requirement against one tier's threshold, in words. */
static void req_gap_at(const struct program *p, const struct req_eval *e, int tier, int plan_year,
		       struct strbuf *out)
{
	const struct requirement *req = e->req;
	int64_t short_by = req->tiers[tier].threshold - e->value;
	char money[32];

	switch (req->kind) {
	case REQ_AGREEMENTS:
		strbuf_adds(out, "a signed ");
		add_names(out, p, e->missing_agreements);
		return;
	case REQ_SOLUTION:
		add_count(out, short_by, "launched joint solution", "launched joint solutions");
		return;
	case REQ_SOLUTION_MATERIALS:
		add_count(out, short_by,
			  "launched solution with finalized documentation and collateral",
			  "launched solutions with finalized documentation and collateral");
		return;
	case REQ_STORIES:
		add_count(out, short_by, "published customer success story",
			  "published customer success stories");
		return;
	case REQ_GTM_PLAN:
		strbuf_addf(out, "an approved joint GTM business plan for %d", plan_year);
		return;
	case REQ_ACCOUNT_MAPPING:
		strbuf_adds(out, "automated account mapping in place");
		return;
	case REQ_INFLUENCE_REVENUE:
		money_format(short_by, money);
		strbuf_addf(out, "%s more influenced ARR", money);
		return;
	case REQ_DIRECT_SPEND:
		money_format(short_by, money);
		strbuf_addf(out, "%s more direct spend", money);
		return;
	case REQ_COMMIT:
		money_format(req->tiers[tier].threshold, money);
		strbuf_addf(out, "a running commit of at least %s over %d+ months", money,
			    req->min_months);
		return;
	case REQ_SUPPORT_PACKAGE:
		if (!e->support_plan_active)
			strbuf_adds(out, "an active partner support plan");
		if (e->missing_agreements) {
			strbuf_adds(out, e->support_plan_active ? "a signed " : " and a signed ");
			add_names(out, p, e->missing_agreements);
		}
		return;
	case REQ_KIND_COUNT:
		break;
	}
	strbuf_adds(out, req->name);
}

/* The highest tier <= `tier` where e is required and not met, or -1. */
static int lacking_tier(const struct req_eval *e, int tier)
{
	for (int t = tier; t >= 0; t--) {
		if ((e->required & BIT(t)) && !(e->met & BIT(t)))
			return t;
	}
	return -1;
}

void eval_req_gap_text(const struct program *p, const struct eval_result *r,
		       const struct req_eval *e, int tier, struct strbuf *out)
{
	if (tier < 0 || !(e->required & BIT(tier)) || (e->met & BIT(tier)))
		return;
	req_gap_at(p, e, tier, r->plan_year, out);
}

void eval_gap_text(const struct program *p, const struct eval_result *r, int tier,
		   struct strbuf *out)
{
	bool first = true;

	if (tier < 0)
		return;
	/*
	 * Each group (an ungrouped requirement is a group of one) is walked from
	 * `tier` down: at every tier where it lacks, the members lacking there and
	 * not yet named are named, as alternatives. Thresholds grow with the tier,
	 * so the first mention of a member is its largest ask.
	 */
	for (int i = 0; i < p->nreqs; i++) {
		uint32_t named = 0; /* members named, by bit of (j - i) */

		if (p->reqs[i].group_leader != i)
			continue;
		for (int u = tier; u >= 0; u--) {
			bool met, alt = false;

			if (!group_required(p, r, i, u, &met) || met)
				continue;
			for (int j = i; j < p->nreqs && j - i < 32; j++) {
				const struct req_eval *e = &r->reqs[j];
				if (p->reqs[j].group_leader != i || lacking_tier(e, u) != u ||
				    (named & (1u << (j - i))))
					continue;
				if (!alt && !first)
					strbuf_adds(out, "; ");
				strbuf_adds(out, alt ? " or " : "");
				req_gap_at(p, e, u, r->plan_year, out);
				named |= 1u << (j - i);
				alt = true;
				first = false;
			}
		}
	}
}

/* Whether value reaches (100 - percent)% of threshold, rounding the share up. */
static bool within(int64_t value, int64_t threshold, int percent)
{
	/* threshold * percent / 100, exactly and without overflow */
	int64_t slack = threshold / 100 * percent + threshold % 100 * percent / 100;

	return value >= threshold - slack;
}

bool eval_near_tier(const struct program *p, const struct eval_result *r, int tier, int percent)
{
	if (tier < 0 || tier >= p->ntiers || r->qualified_tier >= tier)
		return false;
	for (int i = 0; i < p->nreqs; i++) {
		bool met, near = false;
		int u;

		if (p->reqs[i].group_leader != i)
			continue;
		/* The largest ask: the highest tier up to `tier` where the group lacks. */
		for (u = tier; u >= 0; u--) {
			if (group_required(p, r, i, u, &met) && !met)
				break;
		}
		if (u < 0)
			continue;
		for (int j = i; j < p->nreqs && !near; j++) {
			const struct req_eval *e = &r->reqs[j];
			if (p->reqs[j].group_leader != i || !(e->required & BIT(u)) ||
			    req_kind_unit(p->reqs[j].kind) == UNIT_BOOL)
				continue;
			near = within(e->value, p->reqs[j].tiers[u].threshold, percent);
		}
		if (!near)
			return false;
	}
	return true;
}
