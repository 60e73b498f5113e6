/* Program reports (core/reports.h). */
#include "util/common.h"

#include "core/governance.h"
#include "core/programs.h"
#include "core/reports.h"
#include "engine/engine.h"
#include "store/store_reports.h"
#include "util/date.h"
#include "util/json.h"
#include "util/money.h"
#include "util/strbuf.h"

static json_t *dollars(int64_t cents)
{
	char buf[32];

	money_format_plain(cents, buf);
	return json_string(buf);
}

static json_t *tier_entry(const char *key, const char *name, const struct store_tier_totals *t)
{
	return json_pack("{s:o, s:s, s:I, s:o, s:o}", "tier", key ? json_string(key) : json_null(),
			 "name", name, "partners", (json_int_t)(t ? t->partners : 0),
			 "influenced_arr", dollars(t ? t->influenced_cents : 0), "direct_arr",
			 dollars(t ? t->direct_cents : 0));
}

/* The totals of tier `key` (NULL: no tier), or NULL when no partner is at it. */
static const struct store_tier_totals *totals_of(const struct store_tier_totals *list, size_t n,
						 const char *key)
{
	for (size_t i = 0; i < n; i++) {
		if (key ? list[i].tier && !strcmp(list[i].tier, key) : !list[i].tier)
			return &list[i];
	}
	return NULL;
}

static json_t *by_tier(const struct program *p, const struct store_tier_totals *list, size_t n)
{
	json_t *a = json_array();

	for (int t = p->ntiers - 1; t >= 0; t--)
		json_array_append_new(a, tier_entry(p->tiers[t].key, p->tiers[t].name,
						    totals_of(list, n, p->tiers[t].key)));
	json_array_append_new(a, tier_entry(NULL, "No tier", totals_of(list, n, NULL)));
	return a;
}

static int tier_rank(const struct program *p, const char *key)
{
	return key ? program_tier_index(p, key) : -1;
}

static json_t *last_evaluation(const struct program *p, const struct store_run_proposal *list,
			       size_t n)
{
	json_t *proposals = json_array();
	int64_t up = 0, down = 0;

	if (!n) {
		json_decref(proposals);
		return json_null();
	}
	for (size_t i = 0; i < n; i++) {
		const struct store_run_proposal *r = &list[i];
		int from = tier_rank(p, r->from_tier), to = tier_rank(p, r->to_tier);
		up += to > from;
		down += to < from;
		json_array_append_new(proposals,
				      json_pack("{s:I, s:o, s:o, s:o, s:o, s:s}", "id",
						(json_int_t)r->id, "partner",
						json_text(r->partner_key), "partner_name",
						json_text(r->partner_name), "from_tier",
						json_opt_text(r->from_tier), "to_tier",
						json_opt_text(r->to_tier), "status", r->status));
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:o}", "run", (json_int_t)list[0].run_id,
			 "as_of", list[0].as_of, "mode", list[0].mode, "created_at",
			 list[0].created_at, "up", (json_int_t)up, "down", (json_int_t)down,
			 "proposals", proposals);
}

int report_summary(struct store *s, const char *program, int32_t as_of, json_t **out,
		   struct strbuf *err)
{
	struct program *p = NULL;
	struct store_tier_totals *totals = NULL;
	struct store_run_proposal *run = NULL;
	struct strbuf products = STRBUF_INIT;
	struct eval_window w;
	size_t ntotals = 0, nrun = 0;
	int64_t program_id;
	char from[11], to[11], day[11];
	int rc = program_fetch(s, program, &p, &program_id, err);

	*out = NULL;
	if (rc)
		return rc == PROGRAM_UNKNOWN ? GOV_NO_PROGRAM : GOV_ERROR;
	eval_window_midyear(&w, p, as_of);
	date_format(w.from, from);
	date_format(w.to, to);
	date_format(as_of, day);
	for (int i = 0; i < p->nproducts; i++)
		strbuf_addf(&products, "%s%s", i ? ";" : "", p->products[i].key);
	rc = GOV_ERROR;
	if (store_report_tiers(s, program_id, products.buf, from, to, &totals, &ntotals, err) ||
	    store_report_last_run(s, program_id, &run, &nrun, err))
		goto out;
	*out = json_pack("{s:s, s:s, s:{s:s, s:s}, s:o, s:o}", "program", p->key, "as_of", day,
			 "window", "from", from, "to", to, "by_tier", by_tier(p, totals, ntotals),
			 "last_evaluation", last_evaluation(p, run, nrun));
	rc = *out ? 0 : GOV_ERROR;
	if (rc)
		strbuf_adds(err, "cannot write the report");
out:
	store_run_proposals_free(run, nrun);
	store_tier_totals_free(totals, ntotals);
	strbuf_release(&products);
	program_free(p);
	return rc;
}
