/*
 * Storage interface, continued: reading and deleting one partner's records of
 * a kind (the CSV import kinds: enrollments, agreements, solutions, stories,
 * deals, spend, commits, support, mapping, plans, activity) for the API.
 * Rows come back as JSON objects whose fields are the kind's CSV columns,
 * money as "123.45" strings; the same shape for every backend.
 */
#ifndef CONSORT_STORE_RECORDS_H
#define CONSORT_STORE_RECORDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct store;
struct strbuf;

/* The fields of a kind's records that lists filter and sort by, and how they compare. */
enum record_field_type {
	RF_TEXT,  /* exact match */
	RF_DATE,  /* YYYY-MM-DD: exact, or a range */
	RF_MONTH, /* YYYY-MM: exact, or a range */
	RF_MONEY, /* cents (the field's "123.45" in JSON): a range */
	RF_INT	  /* exact, or a range */
};
/* The type of a kind's field (every field but "partner"), or -1 when it has none so named. */
int store_record_field(const char *kind, const char *field);
/* The kind's i-th such field, NULL past the last: for listing them in messages. */
const char *store_record_fields(const char *kind, size_t i);

/* One condition: field = value, or >= ('>') or <= ('<'); text, or num (money: cents). */
struct record_filter {
	const char *field;
	char op; /* '=', '>', '<' */
	const char *text;
	int64_t num;
};
struct record_query {
	int64_t partner_id;
	const struct record_filter *filters;
	size_t nfilters;
	const char *sort; /* a field, NULL = the kind's natural order */
	bool desc;
	int64_t offset;
	int limit;
};
/*
 * One page of a partner's records of a kind matching every filter, ordered by
 * the sort field (then the kind's natural order), and how many match in all.
 */
int store_records_list(struct store *s, const char *kind, const struct record_query *q,
		       json_t **items, int64_t *total, struct strbuf *err);
/*
 * One record by its key within the partner (key2: the second part of
 * two-part keys, e.g. support plan + start_on; else NULL). 1 found, 0 not, -1 error.
 */
int store_record_get(struct store *s, const char *kind, int64_t partner_id, const char *key,
		     const char *key2, json_t **out, struct strbuf *err);
/*
 * The partner a deal's key belongs to (deal keys are unique across partners):
 * 1 with *partner_key malloc'd, 0 no such deal, -1 error.
 */
int store_deal_owner(struct store *s, const char *key, char **partner_key, struct strbuf *err);
/* 1 deleted, 0 there was none, -1 error. */
int store_record_delete(struct store *s, const char *kind, int64_t partner_id, const char *key,
			const char *key2, struct strbuf *err);

/* Partner search for the API and portal: every filter optional (NULL = any). */
struct partner_filter {
	const char *key;     /* exactly this key */
	const char *q;	     /* substring of key or name, case-insensitive */
	const char *program; /* enrolled in this program... */
	const char *tier;    /* ...at this tier ("none" = not in good standing) */
	const char *motion, *product, *region;
	int active;	  /* -1 any, 0 deactivated, 1 active */
	const char *sort; /* "key" (default), "-key", "name", "-name" */
	const char *keys; /* a JSON array text of partner keys: only those */
};
/*
 * One page of partners, each {key, name, domain, motions, products, region,
 * active, tiers: {program: tier}, description}; *total counts every match.
 */
int store_partner_search(struct store *s, const struct partner_filter *f, int64_t offset, int limit,
			 json_t **items, int64_t *total, struct strbuf *err);

#endif
