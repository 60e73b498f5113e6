/*
 * SQLite backend: loading the facts the tier engine reads, for one partner or
 * for every partner enrolled in a program. Each record kind is read with one
 * query (no per-partner round trips), then grouped by partner with a counting
 * sort, so a full evaluation costs one pass over each table.
 */
#include "util/common.h"

#include "store/sqlite_int.h"
#include "util/alloc.h"
#include "util/strbuf.h"
#include "util/strpool.h"

/*
 * How one record kind is read and where it lands in struct facts_set. Each
 * kind has two queries: for every partner (a scan; for deals, a range of the
 * covering index of closed-won deals) and for one partner (by its index).
 * Within a partner, rows keep a fixed order: by primary key (the tables are
 * clustered by it: WITHOUT ROWID), deals by id.
 */
struct kind_loader {
	const char *all; /* ?1 program id, ?3/?4 deal window */
	const char *one; /* the same for partner ?2 */
	size_t size;	 /* element size */
	size_t array;	 /* offsetof(struct facts_set, <array>) */
	size_t first;	 /* offsetof(struct facts_partner, <range start>) */
	size_t count;	 /* offsetof(struct facts_partner, <range length>) */
	void (*fill)(sqlite3_stmt *st, void *row, struct strpool *pool);
	/* > 0: `all` reads rows in another order; each partner's rows are then
	 * sorted by this integer column (the deal's id) */
	int order_col;
};

/* A column's text, copied into the pool ("" for NULL). */
static const char *column_str(sqlite3_stmt *st, int col, struct strpool *pool)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	return strpool_addn(pool, t, t ? (size_t)sqlite3_column_bytes(st, col) : 0);
}

#define STR(col) column_str(st, col, pool)

static void fill_agreement(sqlite3_stmt *st, void *row, struct strpool *pool)
{
	struct facts_agreement *a = row;
	a->kind = STR(1);
	a->signed_on = STR(2);
	a->expires_on = STR(3);
}

static void fill_solution(sqlite3_stmt *st, void *row, struct strpool *pool)
{
	struct facts_solution *s = row;
	s->key = STR(1);
	s->product = STR(2);
	s->launched_on = STR(3);
	s->docs_on = STR(4);
	s->collateral_on = STR(5);
	s->reviewed_on = STR(6);
}

static void fill_story(sqlite3_stmt *st, void *row, struct strpool *pool)
{
	struct facts_story *s = row;
	s->key = STR(1);
	s->published_on = STR(2);
}

static void fill_deal(sqlite3_stmt *st, void *row, struct strpool *pool)
{
	struct facts_deal *d = row;
	d->key = STR(1);
	d->product = STR(2);
	d->type = STR(3);
	d->closed_on = STR(4);
	d->arr_cents = sqlite3_column_int64(st, 5);
}

static void fill_spend(sqlite3_stmt *st, void *row, struct strpool *pool)
{
	struct facts_spend *s = row;
	s->month = STR(1);
	s->amount_cents = sqlite3_column_int64(st, 2);
}

static void fill_commit(sqlite3_stmt *st, void *row, struct strpool *pool)
{
	struct facts_commit *c = row;
	c->key = STR(1);
	c->signed_on = STR(2);
	c->start_on = STR(3);
	c->end_on = STR(4);
	c->tcv_cents = sqlite3_column_int64(st, 5);
}

static void fill_period(sqlite3_stmt *st, void *row, struct strpool *pool)
{
	struct facts_period *p = row;
	p->start_on = STR(1);
	p->end_on = STR(2);
}

static void fill_plan(sqlite3_stmt *st, void *row, struct strpool *pool)
{
	struct facts_plan *p = row;
	p->year = sqlite3_column_int(st, 1);
	p->approved_on = STR(2);
}

#define LOADER(type, array, first, count, fill)                                                    \
	sizeof(type), offsetof(struct facts_set, array), offsetof(struct facts_partner, first),    \
		offsetof(struct facts_partner, count), fill

static const struct kind_loader loaders[] = {
	{"SELECT partner_id, kind, signed_on, expires_on FROM agreements ORDER BY partner_id, kind",
	 "SELECT partner_id, kind, signed_on, expires_on FROM agreements WHERE partner_id = ?2 "
	 "ORDER BY partner_id, kind",
	 LOADER(struct facts_agreement, agreements, agreements, nagreements, fill_agreement), 0},
	{"SELECT partner_id, key, product, launched_on, docs_on, collateral_on, reviewed_on "
	 "FROM solutions ORDER BY partner_id, key",
	 "SELECT partner_id, key, product, launched_on, docs_on, collateral_on, reviewed_on "
	 "FROM solutions WHERE partner_id = ?2 ORDER BY partner_id, key",
	 LOADER(struct facts_solution, solutions, solutions, nsolutions, fill_solution), 0},
	{"SELECT partner_id, key, published_on FROM stories ORDER BY partner_id, key",
	 "SELECT partner_id, key, published_on FROM stories WHERE partner_id = ?2 "
	 "ORDER BY partner_id, key",
	 LOADER(struct facts_story, stories, stories, nstories, fill_story), 0},
	/* All partners: a range of the partial covering index deals_won (ordered by
	 * closed_on), re-sorted by id; one partner: deals_partner, in id order. */
	{"SELECT partner_id, key, product, type, closed_on, arr_cents, id FROM deals "
	 "WHERE stage = 'closed_won' AND closed_on BETWEEN ?3 AND ?4",
	 "SELECT partner_id, key, product, type, closed_on, arr_cents, id FROM deals "
	 "WHERE partner_id = ?2 AND stage = 'closed_won' AND closed_on BETWEEN ?3 AND ?4 "
	 "ORDER BY id",
	 LOADER(struct facts_deal, deals, deals, ndeals, fill_deal), 6},
	{"SELECT partner_id, month, amount_cents FROM spend ORDER BY partner_id, month",
	 "SELECT partner_id, month, amount_cents FROM spend WHERE partner_id = ?2 "
	 "ORDER BY partner_id, month",
	 LOADER(struct facts_spend, spend, spend, nspend, fill_spend), 0},
	{"SELECT partner_id, key, signed_on, start_on, end_on, tcv_cents FROM commits "
	 "ORDER BY partner_id, key",
	 "SELECT partner_id, key, signed_on, start_on, end_on, tcv_cents FROM commits "
	 "WHERE partner_id = ?2 ORDER BY partner_id, key",
	 LOADER(struct facts_commit, commits, commits, ncommits, fill_commit), 0},
	{"SELECT partner_id, start_on, end_on FROM support_plans ORDER BY partner_id, plan, "
	 "start_on",
	 "SELECT partner_id, start_on, end_on FROM support_plans WHERE partner_id = ?2 "
	 "ORDER BY partner_id, plan, start_on",
	 LOADER(struct facts_period, support, support, nsupport, fill_period), 0},
	{"SELECT partner_id, enabled_on, disabled_on FROM mapping ORDER BY partner_id, enabled_on",
	 "SELECT partner_id, enabled_on, disabled_on FROM mapping WHERE partner_id = ?2 "
	 "ORDER BY partner_id, enabled_on",
	 LOADER(struct facts_period, mapping, mapping, nmapping, fill_period), 0},
	{"SELECT partner_id, year, approved_on FROM plans WHERE program_id = ?1 "
	 "ORDER BY partner_id, year",
	 "SELECT partner_id, year, approved_on FROM plans WHERE partner_id = ?2 AND "
	 "program_id = ?1 ORDER BY partner_id, year",
	 LOADER(struct facts_plan, plans, plans, nplans, fill_plan), 0},
};

#define FIELD(base, off, type) (*(type *)((char *)(base) + (off)))

struct order_item {
	int64_t key;
	size_t at;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order_item *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

/* Sorts rows[0..n) (of `size` bytes) by keys[], unless they already are in order. */
static void sort_range(char *rows, int64_t *keys, size_t n, size_t size)
{
	struct order_item *items;
	char *tmp;
	size_t i;

	for (i = 1; i < n && keys[i - 1] <= keys[i]; i++)
		;
	if (i >= n)
		return;
	items = xmalloc(n * sizeof(*items));
	for (i = 0; i < n; i++)
		items[i] = (struct order_item){keys[i], i};
	qsort(items, n, sizeof(*items), order_cmp);
	tmp = xmalloc(n * size);
	for (i = 0; i < n; i++)
		memcpy(tmp + i * size, rows + items[i].at * size, size);
	memcpy(rows, tmp, n * size);
	free(tmp);
	free(items);
}

/*
 * Reads one kind's rows, keeps those of loaded partners, and lays them out
 * grouped by partner (stable: each partner's rows keep the query's order, or
 * the order_col order).
 */
static int load_kind(struct store *s, const struct kind_loader *k, struct facts_set *f,
		     const int32_t *index, int64_t max_id, int64_t program_id, int64_t partner_id,
		     const char *from, const char *to, struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, partner_id ? k->one : k->all, err);
	char *rows = NULL, *sorted;
	int32_t *owner = NULL;
	int64_t *keys = NULL, *sorted_keys = NULL;
	size_t n = 0, alloc = 0, *next;
	int rc, nparams;
	bool resort = k->order_col > 0 && !partner_id;

	if (!st)
		return -1;
	nparams = sqlite3_bind_parameter_count(st);
	if (nparams >= 1)
		sqlite3_bind_int64(st, 1, program_id);
	if (nparams >= 2)
		sqlite3_bind_int64(st, 2, partner_id);
	if (nparams >= 4) {
		sq_bind_text_static(st, 3, from);
		sq_bind_text_static(st, 4, to);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (partner_id ? id != partner_id || f->npartners != 1
			       : id < 1 || id > max_id || index[id] < 0)
			continue;
		if (n + 1 > alloc) {
			alloc = alloc ? alloc * 2 : 256;
			rows = xrealloc(rows, alloc * k->size);
			owner = xrealloc(owner, alloc * sizeof(*owner));
			if (resort)
				keys = xrealloc(keys, alloc * sizeof(*keys));
		}
		k->fill(st, rows + n * k->size, f->pool);
		if (resort)
			keys[n] = sqlite3_column_int64(st, k->order_col);
		owner[n++] = partner_id ? 0 : index[id];
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(rows);
		free(owner);
		free(keys);
		return sq_fail(s, err, "cannot load facts");
	}

	if (partner_id) {
		/* One partner: the rows, in the query's order, are the array. */
		FIELD(&f->partners[0], k->count, size_t) = n;
		FIELD(&f->partners[0], k->first, size_t) = 0;
		FIELD(f, k->array, void *) = rows ? rows : xmalloc(k->size);
		free(owner);
		free(keys);
		return 0;
	}

	/* Counting sort by partner: ranges first, then place rows. */
	next = xcalloc(f->npartners + 1, sizeof(*next));
	for (size_t i = 0; i < n; i++)
		FIELD(&f->partners[owner[i]], k->count, size_t)++;
	for (size_t p = 0, at = 0; p < f->npartners; p++) {
		FIELD(&f->partners[p], k->first, size_t) = at;
		next[p] = at;
		at += FIELD(&f->partners[p], k->count, size_t);
	}
	sorted = xmalloc((n ? n : 1) * k->size);
	if (resort)
		sorted_keys = xmalloc((n ? n : 1) * sizeof(*sorted_keys));
	for (size_t i = 0; i < n; i++) {
		size_t at = next[owner[i]]++;
		memcpy(sorted + at * k->size, rows + i * k->size, k->size);
		if (resort)
			sorted_keys[at] = keys[i];
	}
	if (resort) {
		for (size_t p = 0; p < f->npartners; p++) {
			size_t first = FIELD(&f->partners[p], k->first, size_t);
			sort_range(sorted + first * k->size, sorted_keys + first,
				   FIELD(&f->partners[p], k->count, size_t), k->size);
		}
	}
	FIELD(f, k->array, void *) = sorted;
	free(next);
	free(rows);
	free(owner);
	free(keys);
	free(sorted_keys);
	return 0;
}

int store_load_facts(struct store *s, int64_t program_id, const char *partner_key,
		     const char *deals_from, const char *deals_to, struct facts_set *f,
		     struct strbuf *err)
{
	static const char all_sql[] =
		"SELECT p.id, p.key, p.motions, p.products, e.tier, e.invited "
		"FROM enrollments e JOIN partners p ON p.id = e.partner_id "
		"WHERE e.program_id = ?1 AND p.active = 1 ORDER BY e.partner_id";
	static const char key_sql[] =
		"SELECT p.id, p.key, p.motions, p.products, e.tier, e.invited "
		"FROM partners p JOIN enrollments e ON e.partner_id = p.id AND e.program_id = ?1 "
		"WHERE p.key = ?2 AND p.active = 1";
	sqlite3_stmt *st = sq_stmt(s, partner_key ? key_sql : all_sql, err);
	const bool one = partner_key != NULL;
	int64_t partner_id = 0; /* one partner's id, once read */
	int32_t *index = NULL;
	int64_t max_id = 0;
	size_t alloc = 0;
	int rc;

	memset(f, 0, sizeof(*f));
	if (!st)
		return -1;
	f->pool = strpool_new();
	sqlite3_bind_int64(st, 1, program_id);
	if (partner_key)
		sqlite3_bind_text(st, 2, partner_key, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct facts_partner *p;
		struct strpool *pool = f->pool;
		ALLOC_GROW(f->partners, f->npartners + 1, alloc);
		p = &f->partners[f->npartners++];
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(st, 0);
		p->key = STR(1);
		p->motions = STR(2);
		p->products = STR(3);
		p->tier = STR(4);
		p->invited = STR(5);
		if (p->id > max_id)
			max_id = p->id;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sq_fail(s, err, "cannot load partners");
		goto fail;
	}
	if (one && f->npartners)
		partner_id = f->partners[0].id;

	/*
	 * Partner ids are dense integers: a direct id -> position table. One
	 * partner (the API's scorecard, benefits) needs none: every row its queries
	 * return is its own, and load_kind() then skips the grouping too.
	 */
	if (!one) {
		index = xmalloc((size_t)(max_id + 1) * sizeof(*index));
		for (int64_t i = 0; i <= max_id; i++)
			index[i] = -1;
		for (size_t i = 0; i < f->npartners; i++)
			index[f->partners[i].id] = (int32_t)i;
	}

	for (size_t i = 0; i < ARRAY_SIZE(loaders) && (f->npartners || !one); i++) {
		if (load_kind(s, &loaders[i], f, index, max_id, program_id, partner_id, deals_from,
			      deals_to, err))
			goto fail;
	}
	free(index);
	return 0;
fail:
	free(index);
	facts_set_release(f);
	return -1;
}

void facts_set_release(struct facts_set *f)
{
	free(f->partners);
	free(f->agreements);
	free(f->solutions);
	free(f->stories);
	free(f->deals);
	free(f->spend);
	free(f->commits);
	free(f->support);
	free(f->mapping);
	free(f->plans);
	strpool_free(f->pool);
	memset(f, 0, sizeof(*f));
}
