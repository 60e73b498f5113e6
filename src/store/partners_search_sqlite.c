/*
 * SQLite backend: partner search. Every filter is a bound parameter that is
 * either NULL (no filter) or a value; each sort order is its own SQL literal.
 */
#include "util/common.h"

#include "store/sqlite_int.h"
#include "store/store_records.h"
#include "util/strbuf.h"

#define PARTNER_WHERE                                                                              \
	" WHERE (?1 IS NULL OR instr(lower(p.key), lower(?1)) > 0 OR "                             \
	"instr(lower(p.name), lower(?1)) > 0)"                                                     \
	" AND (?2 IS NULL AND ?3 IS NULL OR EXISTS (SELECT 1 FROM enrollments e JOIN programs "    \
	"g ON g.id = e.program_id WHERE e.partner_id = p.id AND (?2 IS NULL OR g.key = ?2) AND "   \
	"(?3 IS NULL OR (?3 = 'none' AND e.tier IS NULL) OR e.tier = ?3)))"                        \
	" AND (?4 IS NULL OR instr(';' || p.motions || ';', ';' || ?4 || ';') > 0)"                \
	" AND (?5 IS NULL OR instr(';' || p.products || ';', ';' || ?5 || ';') > 0)"               \
	" AND (?6 IS NULL OR p.region = ?6)"                                                       \
	" AND (?7 < 0 OR p.active = ?7)"                                                           \
	" AND (?10 IS NULL OR p.key = ?10)"                                                        \
	" AND (?11 IS NULL OR p.key IN (SELECT value FROM json_each(?11)))"

#define PARTNER_SELECT                                                                             \
	"SELECT p.key, p.name, p.domain, p.motions, p.products, p.region, p.active, "              \
	"(SELECT json_group_object(g.key, e.tier) FROM enrollments e JOIN programs g ON g.id = "   \
	"e.program_id WHERE e.partner_id = p.id), p.description, p.deactivated_on, "               \
	"p.deactivation_reason FROM partners p" PARTNER_WHERE

static const struct {
	const char *sort, *sql;
} orders[] = {
	{"key", PARTNER_SELECT " ORDER BY p.key LIMIT ?9 OFFSET ?8"},
	{"-key", PARTNER_SELECT " ORDER BY p.key DESC LIMIT ?9 OFFSET ?8"},
	{"name", PARTNER_SELECT " ORDER BY p.name COLLATE NOCASE, p.key LIMIT ?9 OFFSET ?8"},
	{"-name",
	 PARTNER_SELECT " ORDER BY p.name COLLATE NOCASE DESC, p.key DESC LIMIT ?9 OFFSET ?8"},
};

static const char count_sql[] = "SELECT COUNT(*) FROM partners p" PARTNER_WHERE;

static void bind_filter(sqlite3_stmt *st, const struct partner_filter *f)
{
	sq_bind_opt(st, 1, f->q);
	sq_bind_opt(st, 2, f->program);
	sq_bind_opt(st, 3, f->tier);
	sq_bind_opt(st, 4, f->motion);
	sq_bind_opt(st, 5, f->product);
	sq_bind_opt(st, 6, f->region);
	sqlite3_bind_int(st, 7, f->active);
	sq_bind_opt(st, 10, f->key);
	sq_bind_opt(st, 11, f->keys);
}

static json_t *text_or_null(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return json_null();
	return json_string(sq_col(st, col));
}

int store_partner_search(struct store *s, const struct partner_filter *f, int64_t offset, int limit,
			 json_t **items, int64_t *total, struct strbuf *err)
{
	const char *sql = NULL;
	sqlite3_stmt *st;
	int rc;

	*items = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(orders); i++) {
		if (!strcmp(orders[i].sort, f->sort ? f->sort : "key"))
			sql = orders[i].sql;
	}
	if (!sql) {
		strbuf_addf(err, "invalid sort '%s': key, -key, name or -name", f->sort);
		return -1;
	}
	st = sq_stmt(s, count_sql, err);
	if (!st)
		return -1;
	bind_filter(st, f);
	rc = sqlite3_step(st);
	*total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return sq_fail(s, err, "cannot count partners");

	st = sq_stmt(s, sql, err);
	if (!st)
		return -1;
	bind_filter(st, f);
	sqlite3_bind_int64(st, 8, offset);
	sqlite3_bind_int(st, 9, limit);
	*items = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *tiers = json_loads(sq_col(st, 7), 0, NULL);
		json_t *o = json_pack(
			"{s:s, s:s, s:o, s:s, s:s, s:o, s:b, s:o, s:o}", "key", sq_col(st, 0),
			"name", sq_col(st, 1), "domain", text_or_null(st, 2), "motions",
			sq_col(st, 3), "products", sq_col(st, 4), "region", text_or_null(st, 5),
			"active", sqlite3_column_int(st, 6), "tiers", tiers ? tiers : json_object(),
			"description", text_or_null(st, 8));
		/* A deactivated partner says when and why (as `partner show` does). */
		if (!sqlite3_column_int(st, 6)) {
			json_object_set_new(o, "deactivated_on", text_or_null(st, 9));
			json_object_set_new(o, "deactivation_reason", text_or_null(st, 10));
		}
		json_array_append_new(*items, o);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		json_decref(*items);
		*items = NULL;
		return sq_fail(s, err, "cannot search partners");
	}
	return 0;
}
