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
	/* The rows of partner ?1, fields named as the API's (filtered and ordered around it). */
	const char *base;
	/* The natural order, in those names. */
	const char *order;
	/* ?1 partner id, ?2 key, ?3 second key part */
	const char *get;
	const char *del;
	const char *money; /* the column holding cents, named as in the CSV, or NULL */
	/* The fields a list filters and sorts by (every one but "partner"), with their types. */
	struct {
		const char *name;
		enum record_field_type type;
	} fields[8];
};

#define FROM_P " JOIN partners p ON p.id = t.partner_id WHERE t.partner_id = ?1"

#define ENROLLMENTS                                                                                \
	"SELECT p.key AS partner, g.key AS program, t.tier, t.since, t.invited FROM enrollments "  \
	"t JOIN programs g ON g.id = t.program_id" FROM_P
#define AGREEMENTS                                                                                 \
	"SELECT p.key AS partner, t.kind AS agreement, t.signed_on, t.expires_on FROM "            \
	"agreements t" FROM_P
#define SOLUTIONS                                                                                  \
	"SELECT p.key AS partner, t.key, t.name, t.product, t.launched_on, t.docs_on, "            \
	"t.collateral_on, t.reviewed_on FROM solutions t" FROM_P
#define STORIES                                                                                    \
	"SELECT p.key AS partner, t.key, t.title, t.customer, t.published_on, t.url FROM "         \
	"stories t" FROM_P
#define DEALS                                                                                      \
	"SELECT t.key, p.key AS partner, t.account, t.product, t.type, t.stage, t.arr_cents "      \
	"AS arr_usd, t.closed_on FROM deals t" FROM_P
#define SPEND "SELECT p.key AS partner, t.month, t.amount_cents AS amount_usd FROM spend t" FROM_P
#define COMMITS                                                                                    \
	"SELECT p.key AS partner, t.key, t.tcv_cents AS tcv_usd, t.signed_on, t.start_on, "        \
	"t.end_on FROM commits t" FROM_P
#define SUPPORT "SELECT p.key AS partner, t.plan, t.start_on, t.end_on FROM support_plans t" FROM_P
#define MAPPING "SELECT p.key AS partner, t.enabled_on, t.disabled_on FROM mapping t" FROM_P
#define PLANS                                                                                      \
	"SELECT p.key AS partner, g.key AS program, t.year, t.approved_on FROM plans t JOIN "      \
	"programs g ON g.id = t.program_id" FROM_P
#define ACTIVITY "SELECT p.key AS partner, t.on_date AS \"on\", t.kind FROM activity t" FROM_P

static const struct kind_sql kinds[] = {
	{"enrollments",
	 ENROLLMENTS,
	 "program",
	 ENROLLMENTS " AND g.key = ?2",
	 "DELETE FROM enrollments WHERE partner_id = ?1 AND program_id = (SELECT id FROM "
	 "programs WHERE key = ?2)",
	 NULL,
	 {{"program", RF_TEXT}, {"tier", RF_TEXT}, {"since", RF_DATE}, {"invited", RF_TEXT}}},
	{"agreements",
	 AGREEMENTS,
	 "agreement",
	 AGREEMENTS " AND t.kind = ?2",
	 "DELETE FROM agreements WHERE partner_id = ?1 AND kind = ?2",
	 NULL,
	 {{"agreement", RF_TEXT}, {"signed_on", RF_DATE}, {"expires_on", RF_DATE}}},
	{"solutions",
	 SOLUTIONS,
	 "key",
	 SOLUTIONS " AND t.key = ?2",
	 "DELETE FROM solutions WHERE partner_id = ?1 AND key = ?2",
	 NULL,
	 {{"key", RF_TEXT},
	  {"name", RF_TEXT},
	  {"product", RF_TEXT},
	  {"launched_on", RF_DATE},
	  {"docs_on", RF_DATE},
	  {"collateral_on", RF_DATE},
	  {"reviewed_on", RF_DATE}}},
	{"stories",
	 STORIES,
	 "key",
	 STORIES " AND t.key = ?2",
	 "DELETE FROM stories WHERE partner_id = ?1 AND key = ?2",
	 NULL,
	 {{"key", RF_TEXT},
	  {"title", RF_TEXT},
	  {"customer", RF_TEXT},
	  {"published_on", RF_DATE},
	  {"url", RF_TEXT}}},
	{"deals",
	 DEALS,
	 "closed_on DESC, key",
	 DEALS " AND t.key = ?2",
	 "DELETE FROM deals WHERE partner_id = ?1 AND key = ?2",
	 "arr_usd",
	 {{"key", RF_TEXT},
	  {"account", RF_TEXT},
	  {"product", RF_TEXT},
	  {"type", RF_TEXT},
	  {"stage", RF_TEXT},
	  {"arr_usd", RF_MONEY},
	  {"closed_on", RF_DATE}}},
	{"spend",
	 SPEND,
	 "month DESC",
	 SPEND " AND t.month = ?2",
	 "DELETE FROM spend WHERE partner_id = ?1 AND month = ?2",
	 "amount_usd",
	 {{"month", RF_MONTH}, {"amount_usd", RF_MONEY}}},
	{"commits",
	 COMMITS,
	 "key",
	 COMMITS " AND t.key = ?2",
	 "DELETE FROM commits WHERE partner_id = ?1 AND key = ?2",
	 "tcv_usd",
	 {{"key", RF_TEXT},
	  {"tcv_usd", RF_MONEY},
	  {"signed_on", RF_DATE},
	  {"start_on", RF_DATE},
	  {"end_on", RF_DATE}}},
	{"support",
	 SUPPORT,
	 "start_on DESC, plan",
	 SUPPORT " AND t.plan = ?2 AND t.start_on = ?3",
	 "DELETE FROM support_plans WHERE partner_id = ?1 AND plan = ?2 AND start_on = ?3",
	 NULL,
	 {{"plan", RF_TEXT}, {"start_on", RF_DATE}, {"end_on", RF_DATE}}},
	{"mapping",
	 MAPPING,
	 "enabled_on DESC",
	 MAPPING " AND t.enabled_on = ?2",
	 "DELETE FROM mapping WHERE partner_id = ?1 AND enabled_on = ?2",
	 NULL,
	 {{"enabled_on", RF_DATE}, {"disabled_on", RF_DATE}}},
	{"plans",
	 PLANS,
	 "year DESC, program",
	 PLANS " AND g.key = ?2 AND t.year = ?3",
	 "DELETE FROM plans WHERE partner_id = ?1 AND program_id = (SELECT id FROM programs "
	 "WHERE key = ?2) AND year = ?3",
	 NULL,
	 {{"program", RF_TEXT}, {"year", RF_INT}, {"approved_on", RF_DATE}}},
	{"activity",
	 ACTIVITY,
	 "\"on\" DESC, kind",
	 ACTIVITY " AND t.on_date = ?2 AND t.kind = ?3",
	 "DELETE FROM activity WHERE partner_id = ?1 AND on_date = ?2 AND kind = ?3",
	 NULL,
	 {{"on", RF_DATE}, {"kind", RF_TEXT}}},
};

static const struct kind_sql *find(const char *kind, struct strbuf *err)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (!strcmp(kinds[i].kind, kind))
			return &kinds[i];
	}
	if (err)
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

int store_record_field(const char *kind, const char *field)
{
	const struct kind_sql *k = find(kind, NULL);

	for (size_t i = 0; k && i < ARRAY_SIZE(k->fields) && k->fields[i].name; i++) {
		if (!strcmp(k->fields[i].name, field))
			return (int)k->fields[i].type;
	}
	return -1;
}

const char *store_record_fields(const char *kind, size_t i)
{
	const struct kind_sql *k = find(kind, NULL);

	return k && i < ARRAY_SIZE(k->fields) ? k->fields[i].name : NULL;
}

/*
 * "SELECT ... FROM (the kind's rows) WHERE filters": the field names come
 * from the kind's table (store_record_field() checked them), the values are
 * bound from ?2 on.
 */
static void filtered(struct strbuf *sql, const char *what, const struct kind_sql *k,
		     const struct record_query *q)
{
	strbuf_addf(sql, "SELECT %s FROM (%s)", what, k->base);
	for (size_t i = 0; i < q->nfilters; i++) {
		const struct record_filter *f = &q->filters[i];
		strbuf_addf(sql, " %s \"%s\" %s ?%zu", i ? "AND" : "WHERE", f->field,
			    f->op == '<'   ? "<="
			    : f->op == '>' ? ">="
					   : "=",
			    i + 2);
	}
}

static void bind_filters(sqlite3_stmt *st, const struct record_query *q)
{
	sqlite3_bind_int64(st, 1, q->partner_id);
	for (size_t i = 0; i < q->nfilters; i++) {
		const struct record_filter *f = &q->filters[i];
		if (f->text)
			sqlite3_bind_text(st, (int)i + 2, f->text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, (int)i + 2, f->num);
	}
}

static sqlite3_stmt *prepare(struct store *s, const struct strbuf *sql, struct strbuf *err)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, sql->buf, (int)sql->len, &st, NULL) != SQLITE_OK) {
		sq_fail(s, err, "cannot list records");
		return NULL;
	}
	return st;
}

int store_records_list(struct store *s, const char *kind, const struct record_query *q,
		       json_t **items, int64_t *total, struct strbuf *err)
{
	const struct kind_sql *k = find(kind, err);
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = -1, step;

	*items = NULL;
	*total = 0;
	if (!k)
		return -1;
	for (size_t i = 0; i < q->nfilters; i++) {
		if (store_record_field(kind, q->filters[i].field) < 0) {
			strbuf_addf(err, "no field '%s' in %s", q->filters[i].field, kind);
			return -1;
		}
	}
	if (q->sort && store_record_field(kind, q->sort) < 0) {
		strbuf_addf(err, "no field '%s' in %s", q->sort, kind);
		return -1;
	}
	filtered(&sql, "COUNT(*)", k, q);
	if (!(st = prepare(s, &sql, err)))
		goto out;
	bind_filters(st, q);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sq_fail(s, err, "cannot count records");
		goto out;
	}
	*total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);

	strbuf_reset(&sql);
	filtered(&sql, "*", k, q);
	/* The sort field, then the natural order: pages never overlap. */
	strbuf_adds(&sql, " ORDER BY ");
	if (q->sort)
		strbuf_addf(&sql, "\"%s\"%s, ", q->sort, q->desc ? " DESC" : "");
	strbuf_addf(&sql, "%s LIMIT ?%zu OFFSET ?%zu", k->order, q->nfilters + 2, q->nfilters + 3);
	if (!(st = prepare(s, &sql, err)))
		goto out;
	bind_filters(st, q);
	sqlite3_bind_int(st, (int)q->nfilters + 2, q->limit);
	sqlite3_bind_int64(st, (int)q->nfilters + 3, q->offset);
	*items = json_array();
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(*items, row_json(st, k->money));
	if (step != SQLITE_DONE) {
		json_decref(*items);
		*items = NULL;
		sq_fail(s, err, "cannot list records");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	strbuf_release(&sql);
	return rc;
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
	if (sq_exec_partner(s, st, partner_id, err, "cannot delete record"))
		return -1;
	return sqlite3_changes(s->db) > 0 ? 1 : 0;
}
