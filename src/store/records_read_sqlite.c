/*
 * SQLite backend: reading and deleting partner records for the API. Each kind
 * is a row of SQL literals; rows come back as JSON objects whose fields are
 * the kind's CSV columns (docs/import.md), money as "123.45" strings.
 */
#include "util/common.h"

#include "store/sqlite_int.h"
#include "store/store_records.h"
#include "util/money.h"
#include "util/strbuf.h"

struct kind_sql {
	const char *kind;
	/* ?1 partner id, ?2 offset, ?3 limit */
	const char *list;
	/* ?1 partner id, ?2 key, ?3 second key part */
	const char *get;
	const char *del;
	const char *money; /* the column holding cents, named as in the CSV, or NULL */
};

#define FROM_P " JOIN partners p ON p.id = t.partner_id WHERE t.partner_id = ?1"
#define PAGE   " LIMIT ?3 OFFSET ?2"

static const struct kind_sql kinds[] = {
	{"enrollments",
	 "SELECT p.key AS partner, g.key AS program, t.tier, t.since, t.invited FROM enrollments "
	 "t JOIN programs g ON g.id = t.program_id" FROM_P " ORDER BY g.key" PAGE,
	 "SELECT p.key AS partner, g.key AS program, t.tier, t.since, t.invited FROM enrollments "
	 "t JOIN programs g ON g.id = t.program_id" FROM_P " AND g.key = ?2",
	 "DELETE FROM enrollments WHERE partner_id = ?1 AND program_id = (SELECT id FROM "
	 "programs WHERE key = ?2)",
	 NULL},
	{"agreements",
	 "SELECT p.key AS partner, t.kind AS agreement, t.signed_on, t.expires_on FROM "
	 "agreements t" FROM_P " ORDER BY t.kind" PAGE,
	 "SELECT p.key AS partner, t.kind AS agreement, t.signed_on, t.expires_on FROM "
	 "agreements t" FROM_P " AND t.kind = ?2",
	 "DELETE FROM agreements WHERE partner_id = ?1 AND kind = ?2", NULL},
	{"solutions",
	 "SELECT p.key AS partner, t.key, t.name, t.product, t.launched_on, t.docs_on, "
	 "t.collateral_on, t.reviewed_on FROM solutions t" FROM_P " ORDER BY t.key" PAGE,
	 "SELECT p.key AS partner, t.key, t.name, t.product, t.launched_on, t.docs_on, "
	 "t.collateral_on, t.reviewed_on FROM solutions t" FROM_P " AND t.key = ?2",
	 "DELETE FROM solutions WHERE partner_id = ?1 AND key = ?2", NULL},
	{"stories",
	 "SELECT p.key AS partner, t.key, t.title, t.customer, t.published_on, t.url FROM "
	 "stories t" FROM_P " ORDER BY t.key" PAGE,
	 "SELECT p.key AS partner, t.key, t.title, t.customer, t.published_on, t.url FROM "
	 "stories t" FROM_P " AND t.key = ?2",
	 "DELETE FROM stories WHERE partner_id = ?1 AND key = ?2", NULL},
	{"deals",
	 "SELECT t.key, p.key AS partner, t.account, t.product, t.type, t.stage, t.arr_cents "
	 "AS arr_usd, t.closed_on FROM deals t" FROM_P " ORDER BY t.closed_on DESC, t.key" PAGE,
	 "SELECT t.key, p.key AS partner, t.account, t.product, t.type, t.stage, t.arr_cents "
	 "AS arr_usd, t.closed_on FROM deals t" FROM_P " AND t.key = ?2",
	 "DELETE FROM deals WHERE partner_id = ?1 AND key = ?2", "arr_usd"},
	{"spend",
	 "SELECT p.key AS partner, t.month, t.amount_cents AS amount_usd FROM spend t" FROM_P
	 " ORDER BY t.month DESC" PAGE,
	 "SELECT p.key AS partner, t.month, t.amount_cents AS amount_usd FROM spend t" FROM_P
	 " AND t.month = ?2",
	 "DELETE FROM spend WHERE partner_id = ?1 AND month = ?2", "amount_usd"},
	{"commits",
	 "SELECT p.key AS partner, t.key, t.tcv_cents AS tcv_usd, t.signed_on, t.start_on, "
	 "t.end_on FROM commits t" FROM_P " ORDER BY t.key" PAGE,
	 "SELECT p.key AS partner, t.key, t.tcv_cents AS tcv_usd, t.signed_on, t.start_on, "
	 "t.end_on FROM commits t" FROM_P " AND t.key = ?2",
	 "DELETE FROM commits WHERE partner_id = ?1 AND key = ?2", "tcv_usd"},
	{"support",
	 "SELECT p.key AS partner, t.plan, t.start_on, t.end_on FROM support_plans t" FROM_P
	 " ORDER BY t.start_on DESC, t.plan" PAGE,
	 "SELECT p.key AS partner, t.plan, t.start_on, t.end_on FROM support_plans t" FROM_P
	 " AND t.plan = ?2 AND t.start_on = ?3",
	 "DELETE FROM support_plans WHERE partner_id = ?1 AND plan = ?2 AND start_on = ?3", NULL},
	{"mapping",
	 "SELECT p.key AS partner, t.enabled_on, t.disabled_on FROM mapping t" FROM_P
	 " ORDER BY t.enabled_on DESC" PAGE,
	 "SELECT p.key AS partner, t.enabled_on, t.disabled_on FROM mapping t" FROM_P
	 " AND t.enabled_on = ?2",
	 "DELETE FROM mapping WHERE partner_id = ?1 AND enabled_on = ?2", NULL},
	{"plans",
	 "SELECT p.key AS partner, g.key AS program, t.year, t.approved_on FROM plans t JOIN "
	 "programs g ON g.id = t.program_id" FROM_P " ORDER BY t.year DESC, g.key" PAGE,
	 "SELECT p.key AS partner, g.key AS program, t.year, t.approved_on FROM plans t JOIN "
	 "programs g ON g.id = t.program_id" FROM_P " AND g.key = ?2 AND t.year = ?3",
	 "DELETE FROM plans WHERE partner_id = ?1 AND program_id = (SELECT id FROM programs "
	 "WHERE key = ?2) AND year = ?3",
	 NULL},
	{"activity",
	 "SELECT p.key AS partner, t.on_date AS \"on\", t.kind FROM activity t" FROM_P
	 " ORDER BY t.on_date DESC, t.kind" PAGE,
	 "SELECT p.key AS partner, t.on_date AS \"on\", t.kind FROM activity t" FROM_P
	 " AND t.on_date = ?2 AND t.kind = ?3",
	 "DELETE FROM activity WHERE partner_id = ?1 AND on_date = ?2 AND kind = ?3", NULL},
};

static const struct kind_sql *find(const char *kind, struct strbuf *err)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (!strcmp(kinds[i].kind, kind))
			return &kinds[i];
	}
	strbuf_addf(err, "unknown record kind '%s'", kind);
	return NULL;
}

/* The current row as an object: column names as fields, NULL as null. */
static json_t *row_json(sqlite3_stmt *st, const char *money)
{
	json_t *o = json_object();
	int n = sqlite3_column_count(st);

	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(st, i);
		json_t *v;
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_NULL:
			v = json_null();
			break;
		case SQLITE_INTEGER:
			if (money && !strcmp(name, money)) {
				char buf[32];
				money_format_plain(sqlite3_column_int64(st, i), buf);
				v = json_string(buf);
			} else {
				v = json_integer(sqlite3_column_int64(st, i));
			}
			break;
		default:
			/* Imports reject invalid UTF-8; anything else reads as null. */
			v = json_stringn((const char *)sqlite3_column_text(st, i),
					 (size_t)sqlite3_column_bytes(st, i));
			break;
		}
		json_object_set_new(o, name, v ? v : json_null());
	}
	return o;
}

int store_records_list(struct store *s, const char *kind, int64_t partner_id, int64_t offset,
		       int limit, json_t **items, struct strbuf *err)
{
	const struct kind_sql *k = find(kind, err);
	sqlite3_stmt *st;
	int rc;

	*items = NULL;
	if (!k || !(st = sq_stmt(s, k->list, err)))
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_int64(st, 2, offset);
	sqlite3_bind_int(st, 3, limit);
	*items = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(*items, row_json(st, k->money));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		json_decref(*items);
		*items = NULL;
		return sq_fail(s, err, "cannot list records");
	}
	return 0;
}

int store_record_get(struct store *s, const char *kind, int64_t partner_id, const char *key,
		     const char *key2, json_t **out, struct strbuf *err)
{
	const struct kind_sql *k = find(kind, err);
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (!k || !(st = sq_stmt(s, k->get, err)))
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	sq_bind_text(st, 2, key);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sq_bind_text(st, 3, key2);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = row_json(st, k->money);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : sq_fail(s, err, "cannot read record");
}

static void fill_key(sqlite3_stmt *st, void *out)
{
	*(char **)out = sq_col_dup(st, 0);
}

int store_deal_owner(struct store *s, const char *key, char **partner_key, struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(
		s,
		"SELECT p.key FROM deals d JOIN partners p ON p.id = d.partner_id WHERE d.key = ?1",
		err);

	*partner_key = NULL;
	if (!st)
		return -1;
	sq_bind_text(st, 1, key);
	return sq_one(s, st, fill_key, partner_key, err, "cannot read deal");
}

int store_record_delete(struct store *s, const char *kind, int64_t partner_id, const char *key,
			const char *key2, struct strbuf *err)
{
	const struct kind_sql *k = find(kind, err);
	sqlite3_stmt *st;

	if (!k || !(st = sq_stmt(s, k->del, err)))
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	sq_bind_text(st, 2, key);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sq_bind_text(st, 3, key2);
	if (sq_exec_stmt(s, st, err, "cannot delete record"))
		return -1;
	return sqlite3_changes(s->db) > 0 ? 1 : 0;
}
