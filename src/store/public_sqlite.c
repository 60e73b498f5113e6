/*
 * SQLite backend: the public pages' reads. Every value is a bound parameter.
 * The directory is driven by its listing rule: the allowed (program, tier)
 * pairs, looked up through enrollments_program (program_id, partner_id), then
 * partners by primary key; the optional filters only narrow that set.
 */
#include "util/common.h"

#include "store/sqlite_int.h"
#include "store/store_public.h"
#include "util/strbuf.h"

static json_t *text_or_null(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return json_null();
	return json_string(sq_col(st, col));
}

int store_public_partner(struct store *s, const char *key, json_t **out, struct strbuf *err)
{
	static const char sql[] =
		"SELECT p.id, p.key, p.name, p.domain, p.motions, p.products, p.region, p.active, "
		"(SELECT json_group_array(json_object('program', g.key, 'tier', e.tier, "
		"'invited', e.invited)) FROM enrollments e JOIN programs g ON g.id = e.program_id "
		"WHERE e.partner_id = p.id), p.description FROM partners p WHERE p.key = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	if (!st)
		return -1;
	sq_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		json_t *enr = json_loads(sq_col(st, 8), 0, NULL);
		*out = json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:o, s:b, s:o}", "id",
				 (json_int_t)sqlite3_column_int64(st, 0), "key", sq_col(st, 1),
				 "name", sq_col(st, 2), "domain", text_or_null(st, 3), "motions",
				 sq_col(st, 4), "products", sq_col(st, 5), "region",
				 text_or_null(st, 6), "active", sqlite3_column_int(st, 7),
				 "enrollments", enr ? enr : json_array());
		if (*out)
			json_object_set_new(*out, "description", text_or_null(st, 9));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return *out ? 1 : sq_fail(s, err, "cannot read the partner");
	if (rc != SQLITE_DONE)
		return sq_fail(s, err, "cannot read the partner");
	return 0;
}

/* The ids of the partners the listing rule allows (?1: the allowed triples). */
#define LISTED_IDS                                                                                 \
	"SELECT e.partner_id FROM json_each(?1) j JOIN programs g ON g.key = "                     \
	"json_extract(j.value, '$[0]') JOIN enrollments e ON e.program_id = g.id AND e.tier = "    \
	"json_extract(j.value, '$[1]') WHERE json_extract(j.value, '$[2]') = 0 OR instr(';' || "   \
	"e.invited || ';', ';' || e.tier || ';') > 0"

#define DIRECTORY_WHERE                                                                            \
	" WHERE p.id IN (" LISTED_IDS ") AND p.active = 1"                                         \
	" AND (?2 IS NULL OR instr(lower(p.key), lower(?2)) > 0 OR "                               \
	"instr(lower(p.name), lower(?2)) > 0)"                                                     \
	" AND (?3 IS NULL OR instr(';' || p.motions || ';', ';' || ?3 || ';') > 0)"                \
	" AND (?4 IS NULL OR instr(';' || p.products || ';', ';' || ?4 || ';') > 0)"               \
	" AND (?5 IS NULL OR p.region = ?5)"

static void bind_directory(sqlite3_stmt *st, const char *allowed, const struct public_filter *f)
{
	sq_bind_text(st, 1, allowed);
	sq_bind_opt(st, 2, f->q);
	sq_bind_opt(st, 3, f->motion);
	sq_bind_opt(st, 4, f->product);
	sq_bind_opt(st, 5, f->region);
}

int store_public_directory(struct store *s, const char *allowed, const struct public_filter *f,
			   int64_t offset, int limit, json_t **items, int64_t *total,
			   struct strbuf *err)
{
	static const char count_sql[] = "SELECT COUNT(*) FROM partners p" DIRECTORY_WHERE;
	static const char sql[] =
		"SELECT p.key, p.name, p.domain, p.region, p.motions, p.products, "
		"(SELECT json_group_object(g.key, e.tier) FROM enrollments e JOIN programs g ON "
		"g.id = e.program_id WHERE e.partner_id = p.id), p.description FROM partners "
		"p" DIRECTORY_WHERE " ORDER BY p.name COLLATE NOCASE, p.key LIMIT ?7 OFFSET ?6";
	sqlite3_stmt *st;
	int rc;

	*items = NULL;
	*total = 0;
	st = sq_stmt(s, count_sql, err);
	if (!st)
		return -1;
	bind_directory(st, allowed, f);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return sq_fail(s, err, "cannot count the listed partners");

	st = sq_stmt(s, sql, err);
	if (!st)
		return -1;
	bind_directory(st, allowed, f);
	sqlite3_bind_int64(st, 6, offset);
	sqlite3_bind_int(st, 7, limit);
	*items = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *tiers = json_loads(sq_col(st, 6), 0, NULL);
		json_array_append_new(*items,
				      json_pack("{s:s, s:s, s:o, s:o, s:s, s:s, s:o, s:o}", "key",
						sq_col(st, 0), "name", sq_col(st, 1), "domain",
						text_or_null(st, 2), "region", text_or_null(st, 3),
						"motions", sq_col(st, 4), "products", sq_col(st, 5),
						"tiers", tiers ? tiers : json_object(),
						"description", text_or_null(st, 7)));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		json_decref(*items);
		*items = NULL;
		return sq_fail(s, err, "cannot list the listed partners");
	}
	return 0;
}

int store_public_regions(struct store *s, const char *allowed, json_t **out, struct strbuf *err)
{
	static const char sql[] =
		"SELECT DISTINCT p.region FROM partners p WHERE p.id IN (" LISTED_IDS
		") AND p.active = 1 AND p.region IS NOT NULL AND p.region <> '' "
		"ORDER BY p.region";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	if (!st)
		return -1;
	sq_bind_text(st, 1, allowed);
	*out = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(*out, json_string(sq_col(st, 0)));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		json_decref(*out);
		*out = NULL;
		return sq_fail(s, err, "cannot list the regions");
	}
	return 0;
}
