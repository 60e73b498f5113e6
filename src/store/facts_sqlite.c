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

/* How one record kind is read and where it lands in struct facts_set. */
struct kind_loader {
	const char *sql; /* ?1 program id, ?2 partner id (0 = all), ?3/?4 deal window */
	size_t size;	 /* element size */
	size_t array;	 /* offsetof(struct facts_set, <array>) */
	size_t first;	 /* offsetof(struct facts_partner, <range start>) */
	size_t count;	 /* offsetof(struct facts_partner, <range length>) */
	void (*fill)(sqlite3_stmt *st, void *row, struct strpool *pool);
};

#define STR(col) strpool_add(pool, (const char *)sqlite3_column_text(st, col))

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

#define ONE_OR_ALL " WHERE (?2 = 0 OR partner_id = ?2)"

static const struct kind_loader loaders[] = {
	{"SELECT partner_id, kind, signed_on, expires_on FROM agreements" ONE_OR_ALL,
	 sizeof(struct facts_agreement), offsetof(struct facts_set, agreements),
	 offsetof(struct facts_partner, agreements), offsetof(struct facts_partner, nagreements),
	 fill_agreement},
	{"SELECT partner_id, key, product, launched_on, docs_on, collateral_on, reviewed_on "
	 "FROM solutions" ONE_OR_ALL " ORDER BY partner_id, key",
	 sizeof(struct facts_solution), offsetof(struct facts_set, solutions),
	 offsetof(struct facts_partner, solutions), offsetof(struct facts_partner, nsolutions),
	 fill_solution},
	{"SELECT partner_id, key, published_on FROM stories" ONE_OR_ALL " ORDER BY partner_id, key",
	 sizeof(struct facts_story), offsetof(struct facts_set, stories),
	 offsetof(struct facts_partner, stories), offsetof(struct facts_partner, nstories),
	 fill_story},
	{"SELECT partner_id, key, product, type, closed_on, arr_cents FROM deals "
	 "WHERE (?2 = 0 OR partner_id = ?2) AND stage = 'closed_won' "
	 "AND closed_on BETWEEN ?3 AND ?4",
	 sizeof(struct facts_deal), offsetof(struct facts_set, deals),
	 offsetof(struct facts_partner, deals), offsetof(struct facts_partner, ndeals), fill_deal},
	{"SELECT partner_id, month, amount_cents FROM spend" ONE_OR_ALL, sizeof(struct facts_spend),
	 offsetof(struct facts_set, spend), offsetof(struct facts_partner, spend),
	 offsetof(struct facts_partner, nspend), fill_spend},
	{"SELECT partner_id, key, signed_on, start_on, end_on, tcv_cents FROM commits" ONE_OR_ALL,
	 sizeof(struct facts_commit), offsetof(struct facts_set, commits),
	 offsetof(struct facts_partner, commits), offsetof(struct facts_partner, ncommits),
	 fill_commit},
	{"SELECT partner_id, start_on, end_on FROM support_plans" ONE_OR_ALL,
	 sizeof(struct facts_period), offsetof(struct facts_set, support),
	 offsetof(struct facts_partner, support), offsetof(struct facts_partner, nsupport),
	 fill_period},
	{"SELECT partner_id, enabled_on, disabled_on FROM mapping" ONE_OR_ALL,
	 sizeof(struct facts_period), offsetof(struct facts_set, mapping),
	 offsetof(struct facts_partner, mapping), offsetof(struct facts_partner, nmapping),
	 fill_period},
	{"SELECT partner_id, year, approved_on FROM plans" ONE_OR_ALL " AND program_id = ?1",
	 sizeof(struct facts_plan), offsetof(struct facts_set, plans),
	 offsetof(struct facts_partner, plans), offsetof(struct facts_partner, nplans), fill_plan},
};

#define FIELD(base, off, type) (*(type *)((char *)(base) + (off)))

/*
 * Reads one kind's rows, keeps those of loaded partners, and lays them out
 * grouped by partner (stable: each partner's rows keep the query's order).
 */
static int load_kind(struct store *s, const struct kind_loader *k, struct facts_set *f,
		     const int32_t *index, int64_t max_id, int64_t program_id, int64_t partner_id,
		     const char *from, const char *to, struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, k->sql, err);
	char *rows = NULL, *sorted;
	int32_t *owner = NULL;
	size_t n = 0, alloc = 0, owner_alloc = 0, *next;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, program_id);
	sqlite3_bind_int64(st, 2, partner_id);
	if (sqlite3_bind_parameter_count(st) >= 3) {
		sq_bind_text(st, 3, from);
		sq_bind_text(st, 4, to);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id < 1 || id > max_id || index[id] < 0)
			continue;
		if (n + 1 > alloc) {
			alloc = alloc ? alloc * 2 : 256;
			rows = xrealloc(rows, alloc * k->size);
		}
		ALLOC_GROW(owner, n + 1, owner_alloc);
		k->fill(st, rows + n * k->size, f->pool);
		owner[n++] = index[id];
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(rows);
		free(owner);
		return sq_fail(s, err, "cannot load facts");
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
	for (size_t i = 0; i < n; i++)
		memcpy(sorted + next[owner[i]]++ * k->size, rows + i * k->size, k->size);
	FIELD(f, k->array, void *) = sorted;
	free(next);
	free(rows);
	free(owner);
	return 0;
}

int store_load_facts(struct store *s, int64_t program_id, int64_t partner_id,
		     const char *deals_from, const char *deals_to, struct facts_set *f,
		     struct strbuf *err)
{
	static const char sql[] =
		"SELECT p.id, p.key, p.motions, p.products, e.tier, e.invited "
		"FROM enrollments e JOIN partners p ON p.id = e.partner_id "
		"WHERE e.program_id = ?1 AND p.active = 1 AND (?2 = 0 OR p.id = ?2) ORDER BY p.id";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int32_t *index = NULL;
	int64_t max_id = 0;
	size_t alloc = 0;
	int rc;

	memset(f, 0, sizeof(*f));
	if (!st)
		return -1;
	f->pool = strpool_new();
	sqlite3_bind_int64(st, 1, program_id);
	sqlite3_bind_int64(st, 2, partner_id);
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

	/* Partner ids are dense integers: a direct id -> position table. */
	index = xmalloc((size_t)(max_id + 1) * sizeof(*index));
	for (int64_t i = 0; i <= max_id; i++)
		index[i] = -1;
	for (size_t i = 0; i < f->npartners; i++)
		index[f->partners[i].id] = (int32_t)i;

	for (size_t i = 0; i < ARRAY_SIZE(loaders); i++) {
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
