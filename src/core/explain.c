#include "util/common.h"

#include "core/explain.h"
#include "util/money.h"
#include "util/strbuf.h"

static const char *unit_name(enum req_unit u)
{
	return u == UNIT_BOOL ? "bool" : u == UNIT_COUNT ? "count" : "usd";
}

static json_t *opt_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *money_json(int64_t cents)
{
	char buf[32];

	money_format_plain(cents, buf);
	return json_string(buf);
}

/* The evidence record named by index i of the partner's range of kind k. */
static json_t *evidence_json(const struct facts_set *fs, const struct facts_partner *fp,
			     const struct partner_facts *f, enum evidence_kind k, size_t i)
{
	switch (k) {
	case EV_AGREEMENT: {
		const struct facts_agreement *a = &fs->agreements[fp->agreements + i];
		return json_pack("{s:s, s:s, s:o}", "agreement", a->kind, "signed_on", a->signed_on,
				 "expires_on", opt_str(a->expires_on));
	}
	case EV_SOLUTION: {
		const struct facts_solution *s = &fs->solutions[fp->solutions + i];
		return json_pack("{s:s, s:s, s:o, s:o, s:o}", "solution", s->key, "product",
				 s->product, "launched_on", opt_str(s->launched_on), "docs_on",
				 opt_str(s->docs_on), "collateral_on", opt_str(s->collateral_on));
	}
	case EV_STORY: {
		const struct facts_story *s = &fs->stories[fp->stories + i];
		return json_pack("{s:s, s:o}", "story", s->key, "published_on",
				 opt_str(s->published_on));
	}
	case EV_DEAL: {
		const struct facts_deal *d = &fs->deals[fp->deals + i];
		return json_pack("{s:s, s:s, s:s, s:o, s:s}", "deal", d->key, "product", d->product,
				 "type", d->type, "arr_usd", money_json(d->arr_cents), "closed_on",
				 d->closed_on);
	}
	case EV_SPEND: {
		const struct facts_spend *s = &fs->spend[fp->spend + i];
		return json_pack("{s:s, s:o}", "month", s->month, "amount_usd",
				 money_json(s->amount_cents));
	}
	case EV_COMMIT: {
		const struct facts_commit *c = &fs->commits[fp->commits + i];
		return json_pack("{s:s, s:o, s:s, s:s, s:s}", "commit", c->key, "tcv_usd",
				 money_json(c->tcv_cents), "signed_on", c->signed_on, "start_on",
				 c->start_on, "end_on", c->end_on);
	}
	case EV_SUPPORT: {
		const struct facts_period *s = &fs->support[fp->support + i];
		return json_pack("{s:s, s:o}", "start_on", s->start_on, "end_on",
				 opt_str(s->end_on));
	}
	case EV_MAPPING: {
		const struct facts_period *s = &fs->mapping[fp->mapping + i];
		return json_pack("{s:s, s:o}", "enabled_on", s->start_on, "disabled_on",
				 opt_str(s->end_on));
	}
	case EV_PLAN: {
		const struct facts_plan *s = &fs->plans[fp->plans + i];
		return json_pack("{s:i, s:s}", "year", s->year, "approved_on", s->approved_on);
	}
	case EV_NONE:
		break;
	}
	(void)f;
	return json_null();
}

static json_t *tier_json(const struct program *p, int t)
{
	return t >= 0 ? json_string(p->tiers[t].key) : json_null();
}

json_t *explain_result(const struct program *p, const struct facts_set *fs,
		       const struct facts_partner *fp, const struct partner_facts *f,
		       const struct eval_result *r)
{
	int next = eval_next_tier(p, r);
	int target = next >= 0 ? next : r->qualified_tier;
	json_t *o = json_object(), *reqs = json_array();
	struct strbuf gap = STRBUF_INIT;

	json_object_set_new(o, "partner", json_string(f->key));
	json_object_set_new(o, "current_tier", tier_json(p, r->current_tier));
	json_object_set_new(o, "qualified_tier", tier_json(p, r->qualified_tier));
	json_object_set_new(o, "change", json_string(eval_change(r)));
	json_object_set_new(o, "target_tier", tier_json(p, target));

	for (int i = 0; i < r->nreqs; i++) {
		const struct req_eval *e = &r->reqs[i];
		const struct requirement *req = e->req;
		enum req_unit unit = req_kind_unit(req->kind);
		json_t *jr = json_object(), *tiers = json_object(), *ev = json_array();

		json_object_set_new(jr, "key", json_string(req->key));
		json_object_set_new(jr, "name", json_string(req->name));
		json_object_set_new(jr, "kind", json_string(req_kind_name(req->kind)));
		json_object_set_new(jr, "unit", json_string(unit_name(unit)));
		if (req->group)
			json_object_set_new(jr, "group", json_string(req->group));
		json_object_set_new(jr, "applies", json_boolean(e->applies));
		json_object_set_new(jr, "value", threshold_json(unit, e->value));
		if (target >= 0 && req->tiers[target].set) {
			json_object_set_new(jr, "threshold",
					    threshold_json(unit, req->tiers[target].threshold));
			json_object_set_new(jr, "required",
					    json_boolean(e->required & (1u << target)));
			json_object_set_new(jr, "met", json_boolean(e->met & (1u << target)));
		} else {
			json_object_set_new(jr, "threshold", json_null());
			json_object_set_new(jr, "required", json_false());
			json_object_set_new(jr, "met", json_null());
		}
		for (int t = 0; t < p->ntiers; t++) {
			const struct req_tier *rt = &req->tiers[t];
			if (!rt->set)
				continue;
			json_object_set_new(tiers, p->tiers[t].key,
					    json_pack("{s:o, s:b, s:b, s:b}", "threshold",
						      threshold_json(unit, rt->threshold),
						      "invite_only", rt->invite_only, "required",
						      (e->required >> t) & 1, "met",
						      (e->met >> t) & 1));
		}
		json_object_set_new(jr, "tiers", tiers);
		for (size_t k = 0; k < e->ev_len; k++)
			json_array_append_new(ev, evidence_json(fs, fp, f, e->ev_kind,
								r->evidence[e->ev_off + k]));
		for (size_t k = 0; k < e->ev2_len; k++)
			json_array_append_new(ev, evidence_json(fs, fp, f, e->ev2_kind,
								r->evidence[e->ev2_off + k]));
		json_object_set_new(jr, "evidence", ev);
		strbuf_reset(&gap);
		if (next >= 0)
			eval_req_gap_text(p, r, e, next, &gap);
		json_object_set_new(jr, "gap", gap.len ? json_string(gap.buf) : json_null());
		json_array_append_new(reqs, jr);
	}
	json_object_set_new(o, "requirements", reqs);

	if (next >= 0) {
		strbuf_reset(&gap);
		eval_gap_text(p, r, next, &gap);
		json_object_set_new(
			o, "next_tier",
			json_pack("{s:s, s:s}", "tier", p->tiers[next].key, "gap", gap.buf));
	} else {
		json_object_set_new(o, "next_tier", json_null());
	}
	strbuf_release(&gap);
	return o;
}
