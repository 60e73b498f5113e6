/*
 * The program model's small helpers: lookups by key, the requirement kinds'
 * names and units, and program_free(). Parsing lives in program_yaml.c.
 */
#include "util/common.h"

#include "engine/program.h"
#include "util/csv.h"

/* Indexed by enum req_kind: the file format's name and the unit. */
static const struct {
	const char *name;
	enum req_unit unit;
} req_kinds[REQ_KIND_COUNT] = {
	[REQ_AGREEMENTS] = {"agreements", UNIT_BOOL},
	[REQ_SOLUTION] = {"solution", UNIT_COUNT},
	[REQ_SOLUTION_MATERIALS] = {"solution_materials", UNIT_COUNT},
	[REQ_STORIES] = {"stories", UNIT_COUNT},
	[REQ_GTM_PLAN] = {"gtm_plan", UNIT_BOOL},
	[REQ_ACCOUNT_MAPPING] = {"account_mapping", UNIT_BOOL},
	[REQ_INFLUENCE_REVENUE] = {"influence_revenue", UNIT_CENTS},
	[REQ_DIRECT_SPEND] = {"direct_spend", UNIT_CENTS},
	[REQ_COMMIT] = {"commit", UNIT_CENTS},
	[REQ_SUPPORT_PACKAGE] = {"support_package", UNIT_BOOL},
};

static int named_index(const struct named *list, int n, const char *key)
{
	if (!key)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!strcmp(list[i].key, key))
			return i;
	}
	return -1;
}

int program_tier_index(const struct program *p, const char *key)
{
	if (!key)
		return -1;
	for (int i = 0; i < p->ntiers; i++) {
		if (!strcmp(p->tiers[i].key, key))
			return i;
	}
	return -1;
}

int program_product_index(const struct program *p, const char *key)
{
	return named_index(p->products, p->nproducts, key);
}

int program_motion_index(const struct program *p, const char *key)
{
	return named_index(p->motions, p->nmotions, key);
}

int program_agreement_index(const struct program *p, const char *key)
{
	return named_index(p->agreements, p->nagreements, key);
}

uint32_t program_list_mask(const struct program *p, const char *list,
			   int (*lookup)(const struct program *p, const char *key))
{
	struct csv_field items[PROGRAM_MAX_ITEMS];
	size_t n = csv_split_list(list, strlen(list), ';', items, PROGRAM_MAX_ITEMS);
	uint32_t mask = 0;
	char key[64];

	for (size_t i = 0; i < n && i < PROGRAM_MAX_ITEMS; i++) {
		int idx;
		if (items[i].len >= sizeof(key))
			continue; /* longer than any key: truncating could match another */
		memcpy(key, items[i].ptr, items[i].len);
		key[items[i].len] = '\0';
		idx = lookup(p, key);
		if (idx >= 0)
			mask |= 1u << idx;
	}
	return mask;
}

enum req_unit req_kind_unit(enum req_kind kind)
{
	if ((unsigned)kind >= REQ_KIND_COUNT)
		return UNIT_BOOL;
	return req_kinds[kind].unit;
}

const char *req_kind_name(enum req_kind kind)
{
	if ((unsigned)kind >= REQ_KIND_COUNT)
		return NULL;
	return req_kinds[kind].name;
}

int req_kind_parse(const char *name)
{
	if (!name)
		return -1;
	for (int k = 0; k < REQ_KIND_COUNT; k++) {
		if (!strcmp(req_kinds[k].name, name))
			return k;
	}
	return -1;
}

static void named_release(struct named *list, int n)
{
	for (int i = 0; i < n; i++) {
		free(list[i].key);
		free(list[i].name);
	}
}

void program_link_groups(struct program *p)
{
	for (int i = 0; i < p->nreqs; i++) {
		struct requirement *r = &p->reqs[i];
		r->group_leader = i;
		for (int j = 0; r->group && j < i; j++) {
			if (p->reqs[j].group && !strcmp(p->reqs[j].group, r->group)) {
				r->group_leader = j;
				break;
			}
		}
	}
}

struct program *program_ref(struct program *p)
{
	atomic_fetch_add(&p->refs, 1);
	return p;
}

void program_free(struct program *p)
{
	if (!p || atomic_fetch_sub(&p->refs, 1) > 1)
		return;
	free(p->key);
	free(p->name);
	free(p->source);
	for (int i = 0; i < p->ntiers; i++) {
		free(p->tiers[i].key);
		free(p->tiers[i].name);
	}
	named_release(p->products, p->nproducts);
	named_release(p->motions, p->nmotions);
	named_release(p->agreements, p->nagreements);
	for (int i = 0; i < p->nreqs; i++) {
		free(p->reqs[i].key);
		free(p->reqs[i].name);
		free(p->reqs[i].source);
		free(p->reqs[i].group);
	}
	free(p->reqs);
	for (int i = 0; i < p->nbenefits; i++) {
		free(p->benefits[i].key);
		free(p->benefits[i].name);
		free(p->benefits[i].source);
	}
	free(p->benefits);
	free(p->governance.source);
	free(p);
}
