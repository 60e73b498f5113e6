/*
 * SQLite backend: programs, partners and the imported record kinds. Every
 * statement is a literal with bound parameters (?N), cached per connection.
 */
#include "util/common.h"

#include "store/sqlite_int.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* ---- programs ---- */

int store_program_put(struct store *s, const char *key, const char *name, const char *definition,
		      struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO programs(key, name, definition, loaded_at) VALUES (?1, ?2, "
		"?3, " NOW_SQL ") ON CONFLICT(key) DO UPDATE SET name = excluded.name, "
		"definition = excluded.definition, loaded_at = excluded.loaded_at, "
		"revision = programs.revision + 1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sq_bind_text(st, 1, key);
	sq_bind_text(st, 2, name);
	sq_bind_text(st, 3, definition);
	return sq_exec_stmt(s, st, err, "cannot store program");
}

static void program_from_row(sqlite3_stmt *st, struct store_program *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->key = sq_col_dup(st, 1);
	p->name = sq_col_dup(st, 2);
	p->definition = sq_col_dup(st, 3);
	p->loaded_at = sq_col_dup(st, 4);
	p->revision = sqlite3_column_int64(st, 5);
}

static void fill_program(sqlite3_stmt *st, void *elem)
{
	program_from_row(st, elem);
}

int store_program_get(struct store *s, const char *key, struct store_program *out,
		      struct strbuf *err)
{
	static const char sql[] = "SELECT id, key, name, definition, loaded_at, revision "
				  "FROM programs WHERE key = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sq_bind_text(st, 1, key);
	return sq_one(s, st, fill_program, out, err, "cannot read program");
}

struct revision {
	int64_t *id, *revision;
};

static void fill_revision(sqlite3_stmt *st, void *out)
{
	const struct revision *r = out;

	*r->id = sqlite3_column_int64(st, 0);
	*r->revision = sqlite3_column_int64(st, 1);
}

int store_program_revision(struct store *s, const char *key, int64_t *id, int64_t *revision,
			   struct strbuf *err)
{
	static const char sql[] = "SELECT id, revision FROM programs WHERE key = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	struct revision r = {id, revision};

	if (!st)
		return -1;
	sq_bind_text(st, 1, key);
	return sq_one(s, st, fill_revision, &r, err, "cannot read program");
}

static void free_programs(void *list, size_t n)
{
	store_program_list_free(list, n);
}

int store_program_list(struct store *s, struct store_program **out, size_t *n, struct strbuf *err)
{
	static const char sql[] =
		"SELECT id, key, name, definition, loaded_at, revision FROM programs ORDER BY key";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	*out = sq_collect(s, st, sizeof(**out), fill_program, free_programs, n, &rc, err,
			  "cannot list programs");
	return rc;
}

void store_program_release(struct store_program *p)
{
	free(p->key);
	free(p->name);
	free(p->definition);
	free(p->loaded_at);
	memset(p, 0, sizeof(*p));
}

void store_program_list_free(struct store_program *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_program_release(&list[i]);
	free(list);
}

/* ---- partners ---- */

int store_partner_put(struct store *s, const struct store_partner *p, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO partners(key, name, domain, motions, products, region, description) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(key) DO UPDATE SET "
		"name = excluded.name, domain = excluded.domain, motions = excluded.motions, "
		"products = excluded.products, region = excluded.region, description = CASE WHEN "
		"?8 THEN excluded.description ELSE partners.description END";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sq_bind_text(st, 1, p->key);
	sq_bind_text(st, 2, p->name);
	sq_bind_opt(st, 3, p->domain);
	sq_bind_text(st, 4, p->motions);
	sq_bind_text(st, 5, p->products);
	sq_bind_opt(st, 6, p->region);
	sq_bind_opt(st, 7, p->put_description ? p->description : NULL);
	sqlite3_bind_int(st, 8, p->put_description);
	return sq_exec_stmt(s, st, err, "cannot store partner");
}

int store_partner_set_description(struct store *s, int64_t partner_id, const char *description,
				  struct strbuf *err)
{
	static const char sql[] = "UPDATE partners SET description = ?2 WHERE id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	sq_bind_opt(st, 2, description);
	return sq_exec_partner(s, st, partner_id, err, "cannot store the partner's description");
}

#define PARTNER_COLS                                                                               \
	"id, key, name, domain, motions, products, region, active, deactivated_on, "               \
	"deactivation_reason, description"

static void partner_from_row(sqlite3_stmt *st, struct store_partner *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->key = sq_col_dup(st, 1);
	p->name = sq_col_dup(st, 2);
	p->domain = sq_col_dup(st, 3);
	p->motions = sq_col_dup(st, 4);
	p->products = sq_col_dup(st, 5);
	p->region = sq_col_dup(st, 6);
	p->active = sqlite3_column_int(st, 7) != 0;
	p->deactivated_on = sq_col_dup(st, 8);
	p->deactivation_reason = sq_col_dup(st, 9);
	p->description = sq_col_dup(st, 10);
}

int store_partner_get(struct store *s, const char *key, struct store_partner *out,
		      struct strbuf *err)
{
	static const char sql[] = "SELECT " PARTNER_COLS " FROM partners WHERE key = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sq_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		partner_from_row(st, out);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_fail(s, err, "cannot read partner");
}

static void fill_partner(sqlite3_stmt *st, void *elem)
{
	partner_from_row(st, elem);
}

static void free_partners(void *list, size_t n)
{
	store_partner_list_free(list, n);
}

int store_partner_list(struct store *s, struct store_partner **out, size_t *n, struct strbuf *err)
{
	static const char sql[] = "SELECT " PARTNER_COLS " FROM partners ORDER BY key";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	*out = sq_collect(s, st, sizeof(**out), fill_partner, free_partners, n, &rc, err,
			  "cannot list partners");
	return rc;
}

void store_partner_release(struct store_partner *p)
{
	free(p->key);
	free(p->name);
	free(p->domain);
	free(p->motions);
	free(p->products);
	free(p->region);
	free(p->deactivated_on);
	free(p->deactivation_reason);
	free(p->description);
	memset(p, 0, sizeof(*p));
}

void store_partner_list_free(struct store_partner *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_partner_release(&list[i]);
	free(list);
}

int store_partner_deactivate(struct store *s, int64_t partner_id, const char *on,
			     const char *reason, struct strbuf *err)
{
	static const char sql[] = "UPDATE partners SET active = 0, deactivated_on = ?2, "
				  "deactivation_reason = ?3 WHERE id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	sq_bind_text(st, 2, on);
	sq_bind_text(st, 3, reason);
	return sq_exec_partner(s, st, partner_id, err, "cannot deactivate partner");
}

int store_partner_keys(struct store *s, void (*fn)(void *ctx, const char *key, int64_t id),
		       void *ctx, struct strbuf *err)
{
	static const char sql[] = "SELECT key, id FROM partners";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sq_col(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_fail(s, err, "cannot list partner keys");
}

/* ---- record kinds ---- */

int store_put_enrollment(struct store *s, const struct store_enrollment *r, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO enrollments(partner_id, program_id, tier, since, invited) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(partner_id, program_id) DO UPDATE SET "
		"tier = excluded.tier, since = excluded.since, invited = excluded.invited";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sqlite3_bind_int64(st, 2, r->program_id);
	sq_bind_text_static(st, 3, r->tier);
	sq_bind_text_static(st, 4, r->since);
	sq_bind_text_static(st, 5, r->invited);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store enrollment");
}

int store_put_agreement(struct store *s, const struct store_agreement *r, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO agreements(partner_id, kind, signed_on, expires_on) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT(partner_id, kind) DO UPDATE SET "
		"signed_on = excluded.signed_on, expires_on = excluded.expires_on";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sq_bind_text_static(st, 2, r->kind);
	sq_bind_text_static(st, 3, r->signed_on);
	sq_bind_opt_static(st, 4, r->expires_on);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store agreement");
}

int store_put_solution(struct store *s, const struct store_solution *r, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO solutions(partner_id, key, name, product, launched_on, docs_on, "
		"collateral_on, reviewed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
		"ON CONFLICT(partner_id, key) DO UPDATE SET name = excluded.name, "
		"product = excluded.product, launched_on = excluded.launched_on, "
		"docs_on = excluded.docs_on, collateral_on = excluded.collateral_on, "
		"reviewed_on = excluded.reviewed_on";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sq_bind_text_static(st, 2, r->key);
	sq_bind_text_static(st, 3, r->name);
	sq_bind_text_static(st, 4, r->product);
	sq_bind_opt_static(st, 5, r->launched_on);
	sq_bind_opt_static(st, 6, r->docs_on);
	sq_bind_opt_static(st, 7, r->collateral_on);
	sq_bind_opt_static(st, 8, r->reviewed_on);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store solution");
}

int store_put_story(struct store *s, const struct store_story *r, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO stories(partner_id, key, title, customer, published_on, url) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(partner_id, key) DO UPDATE SET "
		"title = excluded.title, customer = excluded.customer, "
		"published_on = excluded.published_on, url = excluded.url";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sq_bind_text_static(st, 2, r->key);
	sq_bind_text_static(st, 3, r->title);
	sq_bind_opt_static(st, 4, r->customer);
	sq_bind_opt_static(st, 5, r->published_on);
	sq_bind_opt_static(st, 6, r->url);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store story");
}

int store_put_deal(struct store *s, const struct store_deal *r, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO deals(key, partner_id, account, product, type, stage, arr_cents, "
		"closed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(key) DO UPDATE SET "
		"partner_id = excluded.partner_id, account = excluded.account, "
		"product = excluded.product, type = excluded.type, stage = excluded.stage, "
		"arr_cents = excluded.arr_cents, closed_on = excluded.closed_on";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sq_bind_text_static(st, 1, r->key);
	sqlite3_bind_int64(st, 2, r->partner_id);
	sq_bind_text_static(st, 3, r->account);
	sq_bind_text_static(st, 4, r->product);
	sq_bind_text_static(st, 5, r->type);
	sq_bind_text_static(st, 6, r->stage);
	sqlite3_bind_int64(st, 7, r->arr_cents);
	sq_bind_opt_static(st, 8, r->closed_on);
	return sq_exec_stmt(s, st, err, "cannot store deal");
}

int store_put_spend(struct store *s, const struct store_spend *r, struct strbuf *err)
{
	static const char sql[] = "INSERT INTO spend(partner_id, month, amount_cents) "
				  "VALUES (?1, ?2, ?3) ON CONFLICT(partner_id, month) DO UPDATE "
				  "SET amount_cents = excluded.amount_cents";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sq_bind_text_static(st, 2, r->month);
	sqlite3_bind_int64(st, 3, r->amount_cents);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store spend");
}

int store_put_commit(struct store *s, const struct store_commit *r, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO commits(partner_id, key, tcv_cents, signed_on, start_on, end_on) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(partner_id, key) DO UPDATE SET "
		"tcv_cents = excluded.tcv_cents, signed_on = excluded.signed_on, "
		"start_on = excluded.start_on, end_on = excluded.end_on";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sq_bind_text_static(st, 2, r->key);
	sqlite3_bind_int64(st, 3, r->tcv_cents);
	sq_bind_text_static(st, 4, r->signed_on);
	sq_bind_text_static(st, 5, r->start_on);
	sq_bind_text_static(st, 6, r->end_on);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store commit");
}

int store_put_support(struct store *s, const struct store_support *r, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO support_plans(partner_id, plan, start_on, end_on) VALUES (?1, ?2, ?3, "
		"?4) ON CONFLICT(partner_id, plan, start_on) DO UPDATE SET end_on = "
		"excluded.end_on";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sq_bind_text_static(st, 2, r->plan);
	sq_bind_text_static(st, 3, r->start_on);
	sq_bind_opt_static(st, 4, r->end_on);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store support plan");
}

int store_put_mapping(struct store *s, const struct store_mapping *r, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO mapping(partner_id, enabled_on, disabled_on) VALUES (?1, ?2, ?3) "
		"ON CONFLICT(partner_id, enabled_on) DO UPDATE SET disabled_on = "
		"excluded.disabled_on";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sq_bind_text_static(st, 2, r->enabled_on);
	sq_bind_opt_static(st, 3, r->disabled_on);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store account mapping");
}

int store_put_plan(struct store *s, const struct store_plan *r, struct strbuf *err)
{
	static const char sql[] = "INSERT INTO plans(partner_id, program_id, year, approved_on) "
				  "VALUES (?1, ?2, ?3, ?4) "
				  "ON CONFLICT(partner_id, program_id, year) DO UPDATE SET "
				  "approved_on = excluded.approved_on";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sqlite3_bind_int64(st, 2, r->program_id);
	sqlite3_bind_int(st, 3, r->year);
	sq_bind_text_static(st, 4, r->approved_on);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store business plan");
}

int store_put_activity(struct store *s, const struct store_activity *r, struct strbuf *err)
{
	static const char sql[] = "INSERT INTO activity(partner_id, on_date, kind) VALUES (?1, ?2, "
				  "?3) ON CONFLICT DO NOTHING";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->partner_id);
	sq_bind_text_static(st, 2, r->on);
	sq_bind_text_static(st, 3, r->kind);
	return sq_exec_partner(s, st, r->partner_id, err, "cannot store activity");
}

/* ---- bulk loading ---- */

/* The table of each import kind (fixed names: never built from input). */
static const struct {
	const char *kind, *table;
} kind_tables[] = {
	{"partners", "partners"},     {"enrollments", "enrollments"},
	{"agreements", "agreements"}, {"solutions", "solutions"},
	{"stories", "stories"},	      {"deals", "deals"},
	{"spend", "spend"},	      {"commits", "commits"},
	{"support", "support_plans"}, {"mapping", "mapping"},
	{"plans", "plans"},	      {"activity", "activity"},
};

void sq_bulk_forget(struct store *s)
{
	for (int i = 0; i < s->nbulk_indexes; i++)
		free(s->bulk_indexes[i]);
	free(s->bulk_indexes);
	s->bulk_indexes = NULL;
	s->nbulk_indexes = 0;
}

int store_bulk_begin(struct store *s, const char *kind, struct strbuf *err)
{
	static const char list_sql[] = "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
				       "AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name";
	const char *table = NULL;
	sqlite3_stmt *st;
	char *sql;
	int rc, empty;
	size_t alloc = 0;

	for (size_t i = 0; i < ARRAY_SIZE(kind_tables); i++) {
		if (!strcmp(kind_tables[i].kind, kind))
			table = kind_tables[i].table;
	}
	if (!table || s->nbulk_indexes)
		return 0;
	sql = sqlite3_mprintf("SELECT NOT EXISTS (SELECT 1 FROM \"%w\")", table);
	rc = sql ? sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return sq_fail(s, err, "cannot prepare statement");
	rc = sqlite3_step(st);
	empty = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sq_fail(s, err, "cannot read table");
	if (!empty)
		return 0;

	/* The secondary indexes (not those of PRIMARY KEY and UNIQUE: no sql). */
	st = sq_stmt(s, list_sql, err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(s->bulk_indexes, (size_t)s->nbulk_indexes + 2, alloc);
		s->bulk_indexes[s->nbulk_indexes++] = sq_col_dup(st, 0);
		s->bulk_indexes[s->nbulk_indexes++] = sq_col_dup(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sq_bulk_forget(s);
		return sq_fail(s, err, "cannot list indexes");
	}
	for (int i = 0; i < s->nbulk_indexes; i += 2) {
		sql = sqlite3_mprintf("DROP INDEX \"%w\"", s->bulk_indexes[i]);
		rc = sql ? sqlite3_exec(s->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
		if (rc != SQLITE_OK) {
			sq_fail(s, err, "cannot drop index");
			sq_bulk_forget(s);
			return -1;
		}
	}
	return 0;
}

/*
 * CREATE INDEX sorts the keys in runs of at most the page cache size, and
 * with store_tune_bulk()'s temp_store=FILE and threads=2 sorts and merges
 * runs on a helper thread. Runs that fit the CPU caches sort several times
 * faster than one run of the whole table, so the page cache is made small
 * while the indexes are built (its dirty pages go to the WAL, as they would
 * at commit), then restored.
 */
#define SORT_CACHE_SQL "PRAGMA cache_size=-4096"

int store_bulk_end(struct store *s, struct strbuf *err)
{
	char *restore = NULL;
	sqlite3_stmt *st;
	int rc = 0;

	if (!s->nbulk_indexes)
		return 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA cache_size", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			restore = sqlite3_mprintf("PRAGMA cache_size=%lld",
						  (long long)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
	}
	if (restore)
		sqlite3_exec(s->db, SORT_CACHE_SQL, NULL, NULL, NULL);
	for (int i = 0; i < s->nbulk_indexes; i += 2) {
		if (sqlite3_exec(s->db, s->bulk_indexes[i + 1], NULL, NULL, NULL) != SQLITE_OK) {
			rc = sq_fail(s, err, "cannot create index");
			break;
		}
	}
	if (restore)
		sqlite3_exec(s->db, restore, NULL, NULL, NULL);
	sqlite3_free(restore);
	if (!rc)
		sq_bulk_forget(s);
	return rc;
}

int store_count(struct store *s, const char *kind, int64_t partner_id, int64_t *n,
		struct strbuf *err)
{
	/* One literal per kind: table names are never built from input. */
	static const struct {
		const char *kind, *sql;
	} counts[] = {
		{"enrollments", "SELECT COUNT(*) FROM enrollments WHERE partner_id = ?1"},
		{"agreements", "SELECT COUNT(*) FROM agreements WHERE partner_id = ?1"},
		{"solutions", "SELECT COUNT(*) FROM solutions WHERE partner_id = ?1"},
		{"stories", "SELECT COUNT(*) FROM stories WHERE partner_id = ?1"},
		{"deals", "SELECT COUNT(*) FROM deals WHERE partner_id = ?1"},
		{"spend", "SELECT COUNT(*) FROM spend WHERE partner_id = ?1"},
		{"commits", "SELECT COUNT(*) FROM commits WHERE partner_id = ?1"},
		{"support", "SELECT COUNT(*) FROM support_plans WHERE partner_id = ?1"},
		{"mapping", "SELECT COUNT(*) FROM mapping WHERE partner_id = ?1"},
		{"plans", "SELECT COUNT(*) FROM plans WHERE partner_id = ?1"},
		{"activity", "SELECT COUNT(*) FROM activity WHERE partner_id = ?1"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(counts); i++) {
		sqlite3_stmt *st;
		int rc;
		if (strcmp(counts[i].kind, kind))
			continue;
		st = sq_stmt(s, counts[i].sql, err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, partner_id);
		rc = sqlite3_step(st);
		*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		return rc == SQLITE_ROW ? 0 : sq_fail(s, err, "cannot count records");
	}
	strbuf_addf(err, "unknown record kind '%s'", kind);
	return -1;
}
