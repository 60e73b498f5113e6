/*
 * Partners and their records over HTTP. Every record kind of the CSV import
 * is a resource under /api/v1/partners/{partner}/<kind>, with the same fields
 * as the CSV columns and the same validation (core/import.c's
 * import_record), so the API and the importer can never disagree. Every
 * write runs in one transaction with its audit entry (before and after).
 */
#include "util/common.h"

#include "core/accounts.h"
#include "core/governance.h"
#include "core/import.h"
#include "core/standing.h"
#include "http/api.h"
#include "http/http_int.h"
#include "store/store.h"
#include "store/store_records.h"
#include "util/date.h"
#include "util/money.h"
#include "util/strbuf.h"

#define MAX_FIELDS 12

/* How one kind maps onto URLs: the path parameters that are key columns. */
struct kind_map {
	const char *kind;
	const char *param1, *col1; /* path parameter -> CSV column, or NULL */
	const char *param2, *col2;
	const char *fields[MAX_FIELDS]; /* body fields (the other columns) */
};

static const struct kind_map kinds[] = {
	{"enrollments", "program", "program", NULL, NULL, {"tier", "since", "invited"}},
	{"agreements", "agreement", "agreement", NULL, NULL, {"signed_on", "expires_on"}},
	{"solutions",
	 "solution",
	 "key",
	 NULL,
	 NULL,
	 {"name", "product", "launched_on", "docs_on", "collateral_on", "reviewed_on"}},
	{"stories", "story", "key", NULL, NULL, {"title", "customer", "published_on", "url"}},
	{"deals",
	 "deal",
	 "key",
	 NULL,
	 NULL,
	 {"account", "product", "type", "stage", "arr_usd", "closed_on"}},
	{"spend", "month", "month", NULL, NULL, {"amount_usd"}},
	{"commits", "commit", "key", NULL, NULL, {"tcv_usd", "signed_on", "start_on", "end_on"}},
	{"support", NULL, NULL, NULL, NULL, {"plan", "start_on", "end_on"}},
	{"mapping", NULL, NULL, NULL, NULL, {"enabled_on", "disabled_on"}},
	{"plans", "program", "program", "year", "year", {"approved_on"}},
	{"activity", NULL, NULL, NULL, NULL, {"on", "kind"}},
};

static const struct kind_map *find_kind(const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (!strcmp(kinds[i].kind, kind))
			return &kinds[i];
	}
	return NULL;
}

/* The partner named by {partner}; answers 404 and returns -1 when unknown. */
static int path_partner(struct http_request *r, struct store_partner *p)
{
	struct strbuf err = STRBUF_INIT;
	const char *key = http_param(r, "partner");
	int rc = store_partner_get(r->store, key, p, &err);

	if (rc <= 0) {
		if (rc < 0)
			http_fail_err(r, E_INTERNAL, &err);
		else
			http_fail(r, E_NOT_FOUND, "partner", "no such partner '%s'", key);
	}
	strbuf_release(&err);
	return rc == 1 ? 0 : -1;
}

/*
 * A body value as the text of a CSV cell: strings as they are, integers in
 * decimal, lists of strings joined with ';', null as empty. Returns -1 (and
 * answers 422) for other types: money must be a string ("1234.50") or an
 * integer, never a binary float.
 */
static int cell_text(struct http_request *r, const char *name, json_t *v, struct strbuf *out)
{
	size_t i;
	json_t *item;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v))
		return strbuf_add(out, json_string_value(v), json_string_length(v));
	if (json_is_integer(v))
		return strbuf_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	if (json_is_array(v)) {
		json_array_foreach(v, i, item)
		{
			if (!json_is_string(item))
				goto bad;
			strbuf_addf(out, "%s%s", i ? ";" : "", json_string_value(item));
		}
		return 0;
	}
bad:
	http_fail(r, E_INVALID, name, "field '%s' must be a string%s", name,
		  json_is_real(v) ? " (write amounts as strings like \"1234.50\")" : "");
	return -1;
}

/* The columns and values of one record: path keys, partner, body fields. */
struct record {
	const char *names[MAX_FIELDS + 4];
	const char *values[MAX_FIELDS + 4];
	size_t n;
	struct strbuf text[MAX_FIELDS + 4];
};

static void record_release(struct record *rec)
{
	for (size_t i = 0; i < ARRAY_SIZE(rec->text); i++)
		strbuf_release(&rec->text[i]);
}

static void record_add(struct record *rec, const char *name, const char *value)
{
	rec->names[rec->n] = name;
	strbuf_adds(&rec->text[rec->n], value ? value : "");
	rec->n++;
}

/* Builds the record from the path and the body; -1 after answering an error. */
static int record_build(struct http_request *r, const struct kind_map *k, json_t *body,
			struct record *rec)
{
	for (size_t i = 0; i < ARRAY_SIZE(rec->text); i++)
		strbuf_init(&rec->text[i], 0);
	rec->n = 0;
	record_add(rec, "partner", http_param(r, "partner"));
	if (k->param1)
		record_add(rec, k->col1, http_param(r, k->param1));
	if (k->param2)
		record_add(rec, k->col2, http_param(r, k->param2));
	for (size_t i = 0; i < MAX_FIELDS && k->fields[i]; i++) {
		rec->names[rec->n] = k->fields[i];
		if (cell_text(r, k->fields[i], json_object_get(body, k->fields[i]),
			      &rec->text[rec->n]))
			return -1;
		rec->n++;
	}
	for (size_t i = 0; i < rec->n; i++)
		rec->values[i] = rec->text[i].buf;
	return 0;
}

/* The record's key parts as given in the path (or, for collection POSTs, the body). */
static void record_keys(const struct kind_map *k, const struct record *rec, const char **key,
			const char **key2)
{
	static const struct {
		const char *kind, *k1, *k2;
	} body_keys[] = {
		{"support", "plan", "start_on"},
		{"mapping", "enabled_on", NULL},
		{"activity", "on", "kind"},
	};

	*key = *key2 = NULL;
	for (size_t i = 0; i < rec->n; i++) {
		const char *n = rec->names[i];
		if (k->col1 && !strcmp(n, k->col1) && !*key)
			*key = rec->values[i];
		else if (k->col2 && !strcmp(n, k->col2))
			*key2 = rec->values[i];
		for (size_t b = 0; b < ARRAY_SIZE(body_keys); b++) {
			if (strcmp(body_keys[b].kind, k->kind))
				continue;
			if (!strcmp(n, body_keys[b].k1))
				*key = rec->values[i];
			else if (body_keys[b].k2 && !strcmp(n, body_keys[b].k2))
				*key2 = rec->values[i];
		}
	}
}

static void audit_key(struct strbuf *sb, const char *partner, const char *key, const char *key2)
{
	strbuf_addf(sb, "%s/%s%s%s", partner, key ? key : "", key2 ? "/" : "", key2 ? key2 : "");
}

/*
 * Deal keys are unique across partners (a CRM's opportunity ids): a PUT under
 * one partner of a deal another partner holds answers 409 instead of moving
 * it (an import of a CRM export does move it: the export says where it is).
 * 1 when it conflicts (answered), 0 when not, -1 on a storage error.
 */
static int deal_elsewhere(struct http_request *r, const struct store_partner *p, const char *key,
			  struct strbuf *err)
{
	char *owner = NULL;
	int rc = store_deal_owner(r->store, key, &owner, err);

	if (rc == 1)
		http_fail(r, E_CONFLICT, "key",
			  "deal '%s' belongs to partner '%s', not '%s': deal keys are unique "
			  "across partners",
			  key, owner, p->key);
	free(owner);
	return rc;
}

/* PUT (item) or POST (collection): validate, upsert, audit, answer the stored record. */
static int record_put(struct http_request *r, const char *kind)
{
	const struct kind_map *k = find_kind(kind);
	const char *allowed[MAX_FIELDS + 1] = {0};
	struct strbuf err = STRBUF_INIT, akey = STRBUF_INIT;
	struct store_partner p = {0};
	struct record rec;
	const char *key, *key2, *field = NULL;
	json_t *body = NULL, *before = NULL, *after = NULL;
	bool created;
	int conflict = 0;

	for (size_t i = 0; i < MAX_FIELDS && k->fields[i]; i++)
		allowed[i] = k->fields[i];
	if (path_partner(r, &p) || http_json_body(r, allowed, &body))
		goto out;
	if (record_build(r, k, body, &rec)) {
		record_release(&rec);
		goto out;
	}
	record_keys(k, &rec, &key, &key2);
	if (store_begin(r->store, &err))
		goto fail;
	if (store_record_get(r->store, kind, p.id, key, key2, &before, &err) < 0)
		goto fail_tx;
	if (!before && !strcmp(kind, "deals"))
		conflict = deal_elsewhere(r, &p, key, &err);
	if (conflict < 0)
		goto fail_tx;
	if (conflict || import_record(r->store, kind, rec.names, rec.values, rec.n, &err, &field)) {
		store_rollback(r->store);
		if (!conflict)
			http_fail(r, E_INVALID, field, "%s", err.buf);
		goto done;
	}
	if (store_record_get(r->store, kind, p.id, key, key2, &after, &err) != 1)
		goto fail_tx;
	audit_key(&akey, p.key, key, key2);
	if (audit_record(r->store, r->auth.email, before ? "update" : "create", kind, akey.buf,
			 before, after, &err) ||
	    store_commit(r->store, &err))
		goto fail_tx;
	created = before == NULL;
	http_reply(r, created ? 201 : 200, json_incref(after));
	goto done;
fail_tx:
	store_rollback(r->store);
fail:
	http_fail_err(r, E_INTERNAL, &err);
done:
	record_release(&rec);
out:
	json_decref(body);
	json_decref(before);
	json_decref(after);
	store_partner_release(&p);
	strbuf_release(&akey);
	strbuf_release(&err);
	return 0;
}

#define MAX_FILTERS 16

/* A list's query: filters and sort from the query string (list_arg()). */
struct list_args {
	struct http_request *r;
	const char *kind;
	struct record_filter filters[MAX_FILTERS];
	size_t n;
	const char *sort;
	bool desc;
};

/* "key, account, ..., closed_on": the kind's fields, for messages (the caller frees it). */
static char *field_names(const char *kind)
{
	struct strbuf sb = STRBUF_INIT;
	const char *f;

	for (size_t i = 0; (f = store_record_fields(kind, i)); i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", f);
	return strbuf_detach(&sb, NULL);
}

/* The value of a filter on a field of type t, checked; -1 (answered) when invalid. */
static int filter_value(struct list_args *a, const char *name, int t, const char *v,
			struct record_filter *f)
{
	size_t len = strlen(v);
	const char *expected = "1 to 1000 characters";
	int32_t day;
	int y, m;
	char *end;

	f->text = v;
	switch (t) {
	case RF_TEXT:
		if (len && len <= 1000)
			return 0;
		break;
	case RF_DATE:
		if (!date_parse(v, len, &day))
			return 0;
		expected = "YYYY-MM-DD";
		break;
	case RF_MONTH:
		if (!date_parse_month(v, len, &y, &m))
			return 0;
		expected = "YYYY-MM";
		break;
	case RF_MONEY:
		f->text = NULL;
		if (!money_parse(v, len, &f->num))
			return 0;
		expected = "an amount in dollars, e.g. 2500.50";
		break;
	case RF_INT:
		f->text = NULL;
		errno = 0;
		f->num = strtoll(v, &end, 10);
		if (len && !*end && !errno)
			return 0;
		expected = "a whole number";
		break;
	}
	if (t == RF_TEXT)
		http_fail(a->r, E_BAD_REQUEST, name, "invalid %s: expected %s", name, expected);
	else
		http_fail(a->r, E_BAD_REQUEST, name, "invalid %s '%s': expected %s", name, v,
			  expected);
	return -1;
}

/*
 * One query argument of a record list: limit and cursor (read elsewhere),
 * sort=[-]FIELD, FIELD=VALUE, or FIELD_from / FIELD_to (inclusive) on dates,
 * months, years and amounts.
 */
static int list_arg(void *ctx, const char *name, const char *value)
{
	struct list_args *a = ctx;
	struct strbuf field = STRBUF_INIT;
	struct record_filter *f = &a->filters[a->n];
	char *names;
	size_t len = strlen(name);
	int t = -1;

	if (!strcmp(name, "limit") || !strcmp(name, "cursor"))
		return 0;
	if (!strcmp(name, "sort")) {
		const char *v = value ? value : "";
		a->desc = *v == '-';
		a->sort = v + a->desc;
		if (store_record_field(a->kind, a->sort) >= 0)
			return 0;
		names = field_names(a->kind);
		http_fail(a->r, E_BAD_REQUEST, "sort",
			  "invalid sort '%s': one of %s, with - before it for descending", v,
			  names);
		free(names);
		return -1;
	}
	if (a->n == MAX_FILTERS) {
		http_fail(a->r, E_BAD_REQUEST, name, "at most %d filters", MAX_FILTERS);
		return -1;
	}
	f->op = '=';
	strbuf_adds(&field, name);
	if ((t = store_record_field(a->kind, name)) < 0 && len > 5 &&
	    (!strcmp(name + len - 5, "_from") || !strcmp(name + len - 3, "_to"))) {
		f->op = name[len - 1] == 'm' ? '>' : '<';
		strbuf_setlen(&field, len - (f->op == '>' ? 5 : 3));
		t = store_record_field(a->kind, field.buf);
		if (t == RF_TEXT)
			t = -1;
	}
	if (t < 0) {
		names = field_names(a->kind);
		http_fail(a->r, E_BAD_REQUEST, name,
			  "unknown parameter '%s' for %s: filter by %s (FIELD=VALUE; FIELD_from, "
			  "FIELD_to on dates and amounts), sort=[-]FIELD, limit, cursor",
			  name, a->kind, names);
		free(names);
	} else if (filter_value(a, name, t, value ? value : "", f)) {
		t = -1;
	}
	/* The field's name lives in the kind's table (the argument's may end in _from). */
	for (size_t i = 0; t >= 0 && (f->field = store_record_fields(a->kind, i)); i++) {
		if (!strcmp(f->field, field.buf))
			break;
	}
	strbuf_release(&field);
	if (t < 0)
		return -1;
	a->n++;
	return 0;
}

static int record_list(struct http_request *r, const char *kind)
{
	struct strbuf err = STRBUF_INIT;
	struct store_partner p = {0};
	struct list_args a = {.r = r, .kind = kind};
	struct record_query q = {0};
	int64_t total, end;
	json_t *items, *page;

	if (http_page_args(r, &q.offset, &q.limit) || http_query_each(r, list_arg, &a) ||
	    path_partner(r, &p))
		goto out;
	q.partner_id = p.id;
	q.filters = a.filters;
	q.nfilters = a.n;
	q.sort = a.sort;
	q.desc = a.desc;
	if (store_records_list(r->store, kind, &q, &items, &total, &err)) {
		http_fail_err(r, E_INTERNAL, &err);
		goto out;
	}
	end = q.offset + (int64_t)json_array_size(items);
	page = http_page(items, q.limit, end);
	/* With the total known, the last page says so even when it is full. */
	if (end >= total)
		json_object_set_new(page, "next_cursor", json_null());
	json_object_set_new(page, "total", json_integer(total));
	http_reply(r, 200, page);
out:
	store_partner_release(&p);
	strbuf_release(&err);
	return 0;
}

static int record_get(struct http_request *r, const char *kind)
{
	const struct kind_map *k = find_kind(kind);
	struct strbuf err = STRBUF_INIT;
	struct store_partner p = {0};
	json_t *row;
	int rc;

	if (path_partner(r, &p))
		goto out;
	rc = store_record_get(r->store, kind, p.id, http_param(r, k->param1),
			      k->param2 ? http_param(r, k->param2) : NULL, &row, &err);
	if (rc < 0)
		http_fail_err(r, E_INTERNAL, &err);
	else if (rc == 0)
		http_fail(r, E_NOT_FOUND, k->param1, "no such %s '%s' for partner '%s'", k->param1,
			  http_param(r, k->param1), p.key);
	else
		http_reply(r, 200, row);
out:
	store_partner_release(&p);
	strbuf_release(&err);
	return 0;
}

static int record_delete(struct http_request *r, const char *kind)
{
	const struct kind_map *k = find_kind(kind);
	struct strbuf err = STRBUF_INIT, akey = STRBUF_INIT;
	struct store_partner p = {0};
	const char *key = http_param(r, k->param1),
		   *key2 = k->param2 ? http_param(r, k->param2) : NULL;
	json_t *before = NULL;
	int rc;

	if (path_partner(r, &p))
		goto out;
	if (store_begin(r->store, &err))
		goto fail;
	rc = store_record_get(r->store, kind, p.id, key, key2, &before, &err);
	if (rc == 0) {
		store_rollback(r->store);
		http_fail(r, E_NOT_FOUND, k->param1, "no such %s '%s' for partner '%s'", k->param1,
			  key, p.key);
		goto out;
	}
	audit_key(&akey, p.key, key, key2);
	if (rc < 0 || store_record_delete(r->store, kind, p.id, key, key2, &err) < 0 ||
	    audit_record(r->store, r->auth.email, "delete", kind, akey.buf, before, NULL, &err) ||
	    store_commit(r->store, &err)) {
		store_rollback(r->store);
		goto fail;
	}
	http_reply(r, 204, NULL);
	goto out;
fail:
	http_fail_err(r, E_INTERNAL, &err);
out:
	json_decref(before);
	store_partner_release(&p);
	strbuf_release(&akey);
	strbuf_release(&err);
	return 0;
}

/* One small handler per kind and verb, so the route table stays explicit. */
#define KIND_HANDLERS(name)                                                                        \
	int api_##name##_list(struct http_request *r)                                              \
	{                                                                                          \
		return record_list(r, #name);                                                      \
	}                                                                                          \
	int api_##name##_put(struct http_request *r)                                               \
	{                                                                                          \
		return record_put(r, #name);                                                       \
	}
#define ITEM_HANDLERS(name)                                                                        \
	int api_##name##_get(struct http_request *r)                                               \
	{                                                                                          \
		return record_get(r, #name);                                                       \
	}                                                                                          \
	int api_##name##_delete(struct http_request *r)                                            \
	{                                                                                          \
		return record_delete(r, #name);                                                    \
	}

KIND_HANDLERS(enrollments)
ITEM_HANDLERS(enrollments)
KIND_HANDLERS(agreements)
ITEM_HANDLERS(agreements)
KIND_HANDLERS(solutions)
ITEM_HANDLERS(solutions)
KIND_HANDLERS(stories)
ITEM_HANDLERS(stories)
KIND_HANDLERS(deals)
ITEM_HANDLERS(deals)
KIND_HANDLERS(spend)
ITEM_HANDLERS(spend)
KIND_HANDLERS(commits)
ITEM_HANDLERS(commits)
KIND_HANDLERS(support)
KIND_HANDLERS(mapping)
KIND_HANDLERS(plans)
ITEM_HANDLERS(plans)
KIND_HANDLERS(activity)

/* ---- partners ---- */

static const char *const partner_fields[] = {"key",	 "name",   "domain", "motions",
					     "products", "region", NULL};

/*
 * ?standing=near_next|not_good (with ?program=, and ?as_of= for the day):
 * narrows the search to the partners the program's mid-year evaluation finds
 * so (core/standing.h) and gives each its "standing". Answers (422) and
 * returns -1 when the arguments are wrong.
 */
static int standing_arg(struct http_request *r, const char *program, struct standing_set *set,
			char **keys)
{
	const char *standing = http_query(r, "standing"), *as_of = http_query(r, "as_of");
	struct strbuf err = STRBUF_INIT;
	enum standing_kind kind;
	char day[11];
	int32_t d;
	int rc;

	*keys = NULL;
	if (!standing) {
		if (as_of)
			http_fail(r, E_INVALID, "as_of",
				  "as_of is the day of a standing evaluation: give ?standing= too");
		return as_of ? -1 : 0;
	}
	if (standing_parse(standing, &kind)) {
		http_fail(r, E_INVALID, "standing",
			  "invalid standing '%s': expected near_next or not_good", standing);
		return -1;
	}
	if (!program || !*program) {
		http_fail(r, E_INVALID, "standing",
			  "standing is about one program's tiers: give ?program= too");
		return -1;
	}
	if (api_date_arg(r, "as_of", as_of, day, &d))
		return -1;
	rc = standing_find(r->store, program, kind, d, set, &err);
	http_metrics_evaluations(set->evaluated);
	if (rc == GOV_NO_PROGRAM)
		http_fail(r, E_INVALID, "program", "unknown program '%s'", program);
	else if (rc)
		http_fail_err(r, E_INTERNAL, &err);
	else
		*keys = standing_keys_json(set);
	strbuf_release(&err);
	return rc ? -1 : 0;
}

int api_partners_search(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	struct partner_filter f = {
		.q = http_query(r, "q"),
		.program = http_query(r, "program"),
		.tier = http_query(r, "tier"),
		.motion = http_query(r, "motion"),
		.product = http_query(r, "product"),
		.region = http_query(r, "region"),
		.active = -1,
		.sort = http_query(r, "sort"),
	};
	const char *active = http_query(r, "active");
	struct standing_set set = {0};
	char *keys = NULL;
	int64_t offset, total;
	int limit;
	size_t i;
	json_t *items, *it;

	if (http_page_args(r, &offset, &limit))
		return 0;
	if (active) {
		if (strcmp(active, "true") && strcmp(active, "false"))
			return http_fail(r, E_BAD_REQUEST, "active",
					 "active must be true or false");
		f.active = !strcmp(active, "true");
	}
	if (standing_arg(r, f.program, &set, &keys))
		goto out;
	f.keys = keys;
	if (store_partner_search(r->store, &f, offset, limit, &items, &total, &err)) {
		http_fail_err(r, strstr(err.buf, "invalid sort") ? E_BAD_REQUEST : E_INTERNAL,
			      &err);
	} else {
		json_t *page = http_page(items, limit, offset + (int64_t)json_array_size(items));
		if (keys) {
			json_array_foreach(items, i, it)
			{
				const char *key = json_string_value(json_object_get(it, "key"));
				json_t *st = standing_json(&set, key);
				json_object_set_new(it, "standing", st ? st : json_null());
			}
		}
		json_object_set_new(page, "total", json_integer(total));
		http_reply(r, 200, page);
	}
out:
	free(keys);
	standing_set_release(&set);
	strbuf_release(&err);
	return 0;
}

static json_t *partner_json(struct http_request *r, const char *key)
{
	struct strbuf err = STRBUF_INIT;
	struct partner_filter f = {.active = -1};
	json_t *items = NULL, *one = NULL;
	int64_t total;

	/*
	 * The search gives the canonical shape (with tiers), by exact key: a substring
	 * search (q) could have more than one page of matches before this key.
	 */
	f.key = key;
	if (!store_partner_search(r->store, &f, 0, 1, &items, &total, &err)) {
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it)
		{
			if (!strcmp(json_string_value(json_object_get(it, "key")), key))
				one = json_incref(it);
		}
	}
	json_decref(items);
	strbuf_release(&err);
	return one;
}

int api_partner_get(struct http_request *r)
{
	json_t *p = partner_json(r, http_param(r, "partner")), *presence;

	if (!p)
		return http_fail(r, E_NOT_FOUND, "partner", "no such partner '%s'",
				 http_param(r, "partner"));
	presence = public_presence(r, http_param(r, "partner"));
	if (!presence) {
		json_decref(p);
		return http_fail(r, E_INTERNAL, NULL, "cannot read the partner's public listing");
	}
	json_object_set_new(p, "public", presence);
	return http_reply(r, 200, p);
}

/* POST /partners (key in the body) and PUT /partners/{partner} (key in the path). */
static int partner_write(struct http_request *r, const char *path_key)
{
	struct strbuf err = STRBUF_INIT;
	struct record rec;
	const char *field = NULL, *key;
	json_t *body = NULL, *before = NULL, *after = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(rec.text); i++)
		strbuf_init(&rec.text[i], 0);
	rec.n = 0;
	if (http_json_body(r, path_key ? partner_fields + 1 : partner_fields, &body))
		goto out;
	for (size_t i = 0; partner_fields[i]; i++) {
		rec.names[rec.n] = partner_fields[i];
		if (i == 0 && path_key)
			strbuf_adds(&rec.text[rec.n], path_key);
		else if (cell_text(r, partner_fields[i], json_object_get(body, partner_fields[i]),
				   &rec.text[rec.n]))
			goto out;
		rec.n++;
	}
	for (size_t i = 0; i < rec.n; i++)
		rec.values[i] = rec.text[i].buf;
	key = rec.values[0];
	if (store_begin(r->store, &err))
		goto fail;
	before = partner_json(r, key);
	if (path_key && !before) {
		store_rollback(r->store);
		http_fail(r, E_NOT_FOUND, "partner", "no such partner '%s'", key);
		goto out;
	}
	if (!path_key && before) {
		store_rollback(r->store);
		http_fail(r, E_CONFLICT, "key",
			  "partner '%s' already exists: PUT /api/v1/partners/%s", key, key);
		goto out;
	}
	if (import_record(r->store, "partners", rec.names, rec.values, rec.n, &err, &field)) {
		store_rollback(r->store);
		http_fail(r, E_INVALID, field, "%s", err.buf);
		goto out;
	}
	after = partner_json(r, key);
	if (!after ||
	    audit_record(r->store, r->auth.email, before ? "update" : "create", "partners", key,
			 before, after, &err) ||
	    store_commit(r->store, &err)) {
		store_rollback(r->store);
		goto fail;
	}
	http_reply(r, before ? 200 : 201, json_incref(after));
	goto out;
fail:
	http_fail_err(r, E_INTERNAL, &err);
out:
	record_release(&rec);
	json_decref(body);
	json_decref(before);
	json_decref(after);
	strbuf_release(&err);
	return 0;
}

int api_partners_create(struct http_request *r)
{
	return partner_write(r, NULL);
}

int api_partner_update(struct http_request *r)
{
	return partner_write(r, http_param(r, "partner"));
}

/*
 * PUT /partners/{partner}/listing {"description"}: the partner's own words
 * on its public listing page (null or "" clears them).
 */
int api_partner_listing_put(struct http_request *r)
{
	static const char *const fields[] = {"description", NULL};
	const char *key = http_param(r, "partner"), *description;
	struct strbuf err = STRBUF_INIT;
	json_t *body, *after;
	int rc;

	if (http_json_body(r, fields, &body))
		return 0;
	if (!json_object_get(body, "description")) {
		http_fail(r, E_INVALID, "description",
			  "missing field 'description' (null or \"\" clears it)");
		goto out;
	}
	if (http_body_string(r, body, "description", false, &description))
		goto out;
	rc = partner_listing_set(r->store, key, description, r->auth.email, &err);
	if (rc == GOV_NO_PARTNER)
		http_fail(r, E_NOT_FOUND, "partner", "no such partner '%s'", key);
	else if (rc == GOV_INVALID)
		http_fail(r, E_INVALID, "description", "description: %s", err.buf);
	else if (rc)
		http_fail_err(r, E_INTERNAL, &err);
	else if (!(after = partner_json(r, key)))
		http_fail(r, E_INTERNAL, NULL,
			  "the description was stored, but the partner cannot "
			  "be read back");
	else
		http_reply(r, 200, after);
out:
	json_decref(body);
	strbuf_release(&err);
	return 0;
}
