/* Partners by standing (core/standing.h): an evaluation sink that keeps the matches. */
#include "util/common.h"

#include "core/evaluate.h"
#include "core/governance.h"
#include "core/programs.h"
#include "core/standing.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/json.h"
#include "util/strbuf.h"
#include "util/strmap.h"

int standing_parse(const char *name, enum standing_kind *out)
{
	if (!strcmp(name, "near_next"))
		*out = STANDING_NEAR_NEXT;
	else if (!strcmp(name, "not_good"))
		*out = STANDING_NOT_GOOD;
	else
		return -1;
	return 0;
}

struct collect {
	struct standing_set *set;
	enum standing_kind kind;
};

static int on_partner(void *ctx, const struct eval_outcome *o)
{
	struct collect *c = ctx;
	struct standing_set *set = c->set;
	const struct program *p = o->program;
	const struct eval_result *r = o->r;
	int current = r->current_tier, next = current + 1 < p->ntiers ? current + 1 : -1;
	struct standing_row *row;
	struct strbuf gap = STRBUF_INIT;
	bool match;

	if (c->kind == STANDING_NOT_GOOD)
		match = current < 0 || r->qualified_tier < current;
	else
		match = eval_near_tier(p, r, next, STANDING_NEAR_PERCENT);
	if (!match)
		return 0;
	eval_gap_text(p, r, next, &gap);
	ALLOC_GROW(set->rows, set->n + 1, set->alloc);
	row = &set->rows[set->n];
	row->key = xstrdup(o->fp->key);
	row->qualified = r->qualified_tier;
	row->next = next;
	row->gap = gap.len ? strbuf_detach(&gap, NULL) : NULL;
	strbuf_release(&gap);
	strmap_put(set->index, row->key, strlen(row->key), (int64_t)set->n);
	set->n++;
	return 0;
}

int standing_find(struct store *s, const char *program, enum standing_kind kind, int32_t as_of,
		  struct standing_set *out, struct strbuf *err)
{
	struct collect c = {out, kind};
	struct eval_sink sink = {NULL, on_partner, &c};
	struct eval_request req = {.program = program, .mode = MODE_MIDYEAR, .as_of = as_of};
	struct eval_summary sum;
	int rc;

	memset(out, 0, sizeof(*out));
	out->index = strmap_new(64);
	/* The tiers' keys (and is it known? evaluate_run() fails alike for an unknown program
	 * and a broken store) */
	rc = program_fetch(s, program, &out->program, NULL, err);
	if (rc)
		return rc == PROGRAM_UNKNOWN ? GOV_NO_PROGRAM : GOV_ERROR;
	if (evaluate_run(s, &req, &sink, &sum, err))
		return GOV_ERROR;
	out->evaluated = sum.partners;
	return 0;
}

char *standing_keys_json(const struct standing_set *set)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addch(&sb, '[');
	for (size_t i = 0; i < set->n; i++) {
		if (i)
			strbuf_addch(&sb, ',');
		json_write_string(&sb, set->rows[i].key, strlen(set->rows[i].key));
	}
	strbuf_addch(&sb, ']');
	return strbuf_detach(&sb, NULL);
}

static json_t *tier_key(const struct program *p, int t)
{
	return t >= 0 && t < p->ntiers ? json_string(p->tiers[t].key) : json_null();
}

json_t *standing_json(const struct standing_set *set, const char *key)
{
	const struct standing_row *row;
	int64_t i;

	if (!key || !strmap_get(set->index, key, strlen(key), &i))
		return NULL;
	row = &set->rows[i];
	return json_pack("{s:o, s:o, s:o}", "qualified_tier",
			 tier_key(set->program, row->qualified), "next_tier",
			 tier_key(set->program, row->next), "gap", json_opt_text(row->gap));
}

void standing_set_release(struct standing_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->rows[i].key);
		free(set->rows[i].gap);
	}
	free(set->rows);
	strmap_free(set->index);
	program_free(set->program);
	memset(set, 0, sizeof(*set));
}
