#include "util/common.h"

#include "core/explain.h"
#include "util/json.h"
#include "util/money.h"
#include "util/strbuf.h"
#include "util/utf8.h"

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

/*
 * ---- the same explanation, written as text ----
 *
 * A full evaluation explains every partner, and building each explanation as
 * jansson objects only to print it costs most of the run. explain_write_json()
 * writes the bytes json_dumpf(explain_result(...), JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER) would write, straight into a buffer: the same keys in
 * the same order, the same escaping and layout. tests/unit/test_explain.c
 * holds the two together.
 */

struct jw {
	struct strbuf *sb;
	bool bad; /* text that is not UTF-8, which jansson refuses */
};

/* "\n" and indentation, for depths up to 16. */
static const char newline_indent[] = "\n                                ";

static inline char *jw_room(struct jw *w, size_t n)
{
	if (strbuf_avail(w->sb) < n)
		strbuf_grow(w->sb, n);
	return w->sb->buf + w->sb->len;
}

static inline void jw_raw(struct jw *w, const char *s, size_t n)
{
	memcpy(jw_room(w, n), s, n);
	w->sb->len += n;
}

#define JW_LIT(w, lit) jw_raw((w), (lit), sizeof(lit) - 1)

/* The separator before a member at `depth`: "\n" or ",\n", then the indentation. */
static inline void jw_sep(struct jw *w, int depth, bool first)
{
	if (!first)
		JW_LIT(w, ",");
	jw_raw(w, newline_indent, 1 + 2 * (size_t)depth);
}

/* A quoted string, escaped as jansson does (no escaped '/', UTF-8 kept). */
static void jw_str(struct jw *w, const char *s)
{
	if (json_write_string(w->sb, s, strlen(s)))
		w->bad = true;
}

/* A member "key": with its separator; key is a literal needing no escapes. */
#define JW_KEY(w, depth, first, key)                                                               \
	do {                                                                                       \
		jw_sep((w), (depth), (first));                                                     \
		JW_LIT((w), "\"" key "\": ");                                                      \
	} while (0)

static void jw_opt_str(struct jw *w, const char *s)
{
	if (s && *s)
		jw_str(w, s);
	else
		JW_LIT(w, "null");
}

static void jw_bool(struct jw *w, bool b)
{
	if (b)
		JW_LIT(w, "true");
	else
		JW_LIT(w, "false");
}

static void jw_int(struct jw *w, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%" PRId64, v);

	jw_raw(w, buf, (size_t)n);
}

static void jw_money(struct jw *w, int64_t cents)
{
	char buf[32];

	money_format_plain(cents, buf);
	JW_LIT(w, "\"");
	jw_raw(w, buf, strlen(buf));
	JW_LIT(w, "\"");
}

static void jw_tier(struct jw *w, const struct program *p, int t)
{
	if (t >= 0)
		jw_str(w, p->tiers[t].key);
	else
		JW_LIT(w, "null");
}

/* threshold_json() as text. */
static void jw_threshold(struct jw *w, enum req_unit unit, int64_t v)
{
	switch (unit) {
	case UNIT_BOOL:
		jw_bool(w, v != 0);
		return;
	case UNIT_COUNT:
		jw_int(w, v);
		return;
	case UNIT_CENTS:
		jw_money(w, v);
		return;
	}
	JW_LIT(w, "null");
}

/* evidence_json() as text: an element of "evidence" (array depth 3). */
static void jw_evidence(struct jw *w, const struct facts_set *fs, const struct facts_partner *fp,
			enum evidence_kind k, size_t i, bool first)
{
	jw_sep(w, 4, first);
	switch (k) {
	case EV_AGREEMENT: {
		const struct facts_agreement *a = &fs->agreements[fp->agreements + i];
		JW_LIT(w, "{");
		JW_KEY(w, 5, true, "agreement");
		jw_str(w, a->kind);
		JW_KEY(w, 5, false, "signed_on");
		jw_str(w, a->signed_on);
		JW_KEY(w, 5, false, "expires_on");
		jw_opt_str(w, a->expires_on);
		break;
	}
	case EV_SOLUTION: {
		const struct facts_solution *s = &fs->solutions[fp->solutions + i];
		JW_LIT(w, "{");
		JW_KEY(w, 5, true, "solution");
		jw_str(w, s->key);
		JW_KEY(w, 5, false, "product");
		jw_str(w, s->product);
		JW_KEY(w, 5, false, "launched_on");
		jw_opt_str(w, s->launched_on);
		JW_KEY(w, 5, false, "docs_on");
		jw_opt_str(w, s->docs_on);
		JW_KEY(w, 5, false, "collateral_on");
		jw_opt_str(w, s->collateral_on);
		break;
	}
	case EV_STORY: {
		const struct facts_story *s = &fs->stories[fp->stories + i];
		JW_LIT(w, "{");
		JW_KEY(w, 5, true, "story");
		jw_str(w, s->key);
		JW_KEY(w, 5, false, "published_on");
		jw_opt_str(w, s->published_on);
		break;
	}
	case EV_DEAL: {
		const struct facts_deal *d = &fs->deals[fp->deals + i];
		JW_LIT(w, "{");
		JW_KEY(w, 5, true, "deal");
		jw_str(w, d->key);
		JW_KEY(w, 5, false, "product");
		jw_str(w, d->product);
		JW_KEY(w, 5, false, "type");
		jw_str(w, d->type);
		JW_KEY(w, 5, false, "arr_usd");
		jw_money(w, d->arr_cents);
		JW_KEY(w, 5, false, "closed_on");
		jw_str(w, d->closed_on);
		break;
	}
	case EV_SPEND: {
		const struct facts_spend *s = &fs->spend[fp->spend + i];
		JW_LIT(w, "{");
		JW_KEY(w, 5, true, "month");
		jw_str(w, s->month);
		JW_KEY(w, 5, false, "amount_usd");
		jw_money(w, s->amount_cents);
		break;
	}
	case EV_COMMIT: {
		const struct facts_commit *c = &fs->commits[fp->commits + i];
		JW_LIT(w, "{");
		JW_KEY(w, 5, true, "commit");
		jw_str(w, c->key);
		JW_KEY(w, 5, false, "tcv_usd");
		jw_money(w, c->tcv_cents);
		JW_KEY(w, 5, false, "signed_on");
		jw_str(w, c->signed_on);
		JW_KEY(w, 5, false, "start_on");
		jw_str(w, c->start_on);
		JW_KEY(w, 5, false, "end_on");
		jw_str(w, c->end_on);
		break;
	}
	case EV_SUPPORT: {
		const struct facts_period *s = &fs->support[fp->support + i];
		JW_LIT(w, "{");
		JW_KEY(w, 5, true, "start_on");
		jw_str(w, s->start_on);
		JW_KEY(w, 5, false, "end_on");
		jw_opt_str(w, s->end_on);
		break;
	}
	case EV_MAPPING: {
		const struct facts_period *s = &fs->mapping[fp->mapping + i];
		JW_LIT(w, "{");
		JW_KEY(w, 5, true, "enabled_on");
		jw_str(w, s->start_on);
		JW_KEY(w, 5, false, "disabled_on");
		jw_opt_str(w, s->end_on);
		break;
	}
	case EV_PLAN: {
		const struct facts_plan *s = &fs->plans[fp->plans + i];
		JW_LIT(w, "{");
		JW_KEY(w, 5, true, "year");
		jw_int(w, s->year);
		JW_KEY(w, 5, false, "approved_on");
		jw_str(w, s->approved_on);
		break;
	}
	case EV_NONE:
	default:
		JW_LIT(w, "null");
		return;
	}
	jw_sep(w, 4, true);
	JW_LIT(w, "}");
}

int explain_write_json(struct strbuf *out, const struct program *p, const struct facts_set *fs,
		       const struct facts_partner *fp, const struct partner_facts *f,
		       const struct eval_result *r, int64_t proposal)
{
	int next = eval_next_tier(p, r);
	int target = next >= 0 ? next : r->qualified_tier;
	struct jw w = {out, false};
	struct strbuf gap = STRBUF_INIT;
	size_t start = out->len;

	JW_LIT(&w, "{");
	JW_KEY(&w, 1, true, "partner");
	jw_str(&w, f->key);
	JW_KEY(&w, 1, false, "current_tier");
	jw_tier(&w, p, r->current_tier);
	JW_KEY(&w, 1, false, "qualified_tier");
	jw_tier(&w, p, r->qualified_tier);
	JW_KEY(&w, 1, false, "change");
	jw_str(&w, eval_change(r));
	JW_KEY(&w, 1, false, "target_tier");
	jw_tier(&w, p, target);
	JW_KEY(&w, 1, false, "requirements");
	JW_LIT(&w, "[");
	for (int i = 0; i < r->nreqs; i++) {
		const struct req_eval *e = &r->reqs[i];
		const struct requirement *req = e->req;
		enum req_unit unit = req_kind_unit(req->kind);
		const char *kind = req_kind_name(req->kind);
		bool first;

		jw_sep(&w, 2, i == 0);
		JW_LIT(&w, "{");
		JW_KEY(&w, 3, true, "key");
		jw_str(&w, req->key);
		JW_KEY(&w, 3, false, "name");
		jw_str(&w, req->name);
		if (!kind) {
			w.bad = true; /* json_string(NULL) fails: leave it to jansson */
			break;
		}
		JW_KEY(&w, 3, false, "kind");
		jw_str(&w, kind);
		JW_KEY(&w, 3, false, "unit");
		jw_str(&w, unit_name(unit));
		if (req->group) {
			JW_KEY(&w, 3, false, "group");
			jw_str(&w, req->group);
		}
		JW_KEY(&w, 3, false, "applies");
		jw_bool(&w, e->applies);
		JW_KEY(&w, 3, false, "value");
		jw_threshold(&w, unit, e->value);
		if (target >= 0 && req->tiers[target].set) {
			JW_KEY(&w, 3, false, "threshold");
			jw_threshold(&w, unit, req->tiers[target].threshold);
			JW_KEY(&w, 3, false, "required");
			jw_bool(&w, e->required & (1u << target));
			JW_KEY(&w, 3, false, "met");
			jw_bool(&w, e->met & (1u << target));
		} else {
			JW_KEY(&w, 3, false, "threshold");
			JW_LIT(&w, "null");
			JW_KEY(&w, 3, false, "required");
			JW_LIT(&w, "false");
			JW_KEY(&w, 3, false, "met");
			JW_LIT(&w, "null");
		}
		JW_KEY(&w, 3, false, "tiers");
		JW_LIT(&w, "{");
		first = true;
		for (int t = 0; t < p->ntiers; t++) {
			const struct req_tier *rt = &req->tiers[t];
			if (!rt->set)
				continue;
			jw_sep(&w, 4, first);
			jw_str(&w, p->tiers[t].key);
			JW_LIT(&w, ": {");
			JW_KEY(&w, 5, true, "threshold");
			jw_threshold(&w, unit, rt->threshold);
			JW_KEY(&w, 5, false, "invite_only");
			jw_bool(&w, rt->invite_only);
			JW_KEY(&w, 5, false, "required");
			jw_bool(&w, (e->required >> t) & 1);
			JW_KEY(&w, 5, false, "met");
			jw_bool(&w, (e->met >> t) & 1);
			jw_sep(&w, 4, true);
			JW_LIT(&w, "}");
			first = false;
		}
		if (!first)
			jw_sep(&w, 3, true);
		JW_LIT(&w, "}");
		JW_KEY(&w, 3, false, "evidence");
		JW_LIT(&w, "[");
		for (size_t k = 0; k < e->ev_len; k++)
			jw_evidence(&w, fs, fp, e->ev_kind, r->evidence[e->ev_off + k], k == 0);
		for (size_t k = 0; k < e->ev2_len; k++)
			jw_evidence(&w, fs, fp, e->ev2_kind, r->evidence[e->ev2_off + k],
				    k == 0 && e->ev_len == 0);
		if (e->ev_len || e->ev2_len)
			jw_sep(&w, 3, true);
		JW_LIT(&w, "]");
		JW_KEY(&w, 3, false, "gap");
		strbuf_reset(&gap);
		if (next >= 0)
			eval_req_gap_text(p, r, e, next, &gap);
		if (gap.len)
			jw_str(&w, gap.buf);
		else
			JW_LIT(&w, "null");
		jw_sep(&w, 2, true);
		JW_LIT(&w, "}");
	}
	if (r->nreqs)
		jw_sep(&w, 1, true);
	JW_LIT(&w, "]");
	JW_KEY(&w, 1, false, "next_tier");
	if (next >= 0) {
		strbuf_reset(&gap);
		eval_gap_text(p, r, next, &gap);
		JW_LIT(&w, "{");
		JW_KEY(&w, 2, true, "tier");
		jw_str(&w, p->tiers[next].key);
		JW_KEY(&w, 2, false, "gap");
		jw_str(&w, gap.buf);
		jw_sep(&w, 1, true);
		JW_LIT(&w, "}");
	} else {
		JW_LIT(&w, "null");
	}
	if (proposal > 0) {
		JW_KEY(&w, 1, false, "proposal");
		jw_int(&w, proposal);
	}
	jw_sep(&w, 0, true);
	JW_LIT(&w, "}");
	strbuf_release(&gap);
	if (w.bad) {
		strbuf_setlen(out, start);
		return -1;
	}
	out->buf[out->len] = '\0';
	return 0;
}
