/*
 * CSV import. Each kind is a table of typed columns plus two hooks: `check`
 * for rules that span columns, `put` to store a valid row. Rows are written
 * as they are validated, inside one transaction that is rolled back at the
 * end if any row was bad; after the first bad row the remaining rows are only
 * validated, so that every problem is reported in one run.
 */
#include "util/common.h"

#include "core/accounts.h"
#include "core/import.h"
#include "core/programs.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/money.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/utf8.h"

#include <threads.h>

#define MAX_COLS   12
#define MAX_TEXT   2000
#define MAX_KEY	   200
#define MAX_ERRORS 10000 /* reported; the count goes on */
#define MAX_LIST   PROGRAM_MAX_ITEMS

enum col_type {
	C_TEXT,
	C_KEY,
	C_PARTNER,
	C_PROGRAM,
	C_DATE,
	C_MONEY,
	C_MONTH,
	C_YEAR,
	C_MOTIONS,
	C_PRODUCTS,
	C_PRODUCT,
	C_TIER,	 /* checked against the row's program by the kind's hook */
	C_TIERS, /* ditto, a ';' list */
	C_AGREEMENT,
	C_DEAL_TYPE,
	C_DEAL_STAGE,
	C_URL,
	C_DOMAIN,
	C_DESCRIPTION, /* prose: import_check_description() */
};

struct column {
	const char *name;
	enum col_type type;
	bool required;
};

/* One validated field. */
struct value {
	const char *s; /* NUL-terminated copy, "" when empty */
	size_t len;
	int64_t i;   /* money cents, year, partner/program id */
	int32_t day; /* C_DATE; DATE_NONE when empty */
	const struct program *program;
	bool present; /* the column is in the file (or the record) */
};

struct import_ctx;

struct kind_spec {
	const char *kind;
	const char *columns; /* documented order, for messages */
	struct column cols[MAX_COLS];
	int key_cols[4]; /* natural key, for duplicates in one file; -1 ends */
	void (*check)(struct import_ctx *c, struct value *v);
	int (*put)(struct import_ctx *c, const struct value *v, struct strbuf *err);
};

struct import_ctx {
	struct store *store;
	struct catalog catalog;
	struct strmap *partners; /* key -> id */
	const char *filename;
	const struct kind_spec *spec;
	int map[MAX_COLS]; /* spec column -> field index in the file, -1 absent */
	unsigned line;
	bool row_bad;
	struct import_report *rep;
	struct strbuf *err;
	struct strbuf rowbuf;
	const char *first_bad; /* the first column with a problem */
};

/* Reports a problem with the current row: "FILE:LINE: COLUMN: problem". */
__attribute__((format(printf, 3, 4))) static void
row_error(struct import_ctx *c, const char *column, const char *fmt, ...)
{
	va_list ap;

	if (!c->row_bad)
		c->rep->errors++;
	c->row_bad = true;
	if (!c->first_bad)
		c->first_bad = column;
	if (c->rep->errors > MAX_ERRORS)
		return;
	/* One record (import_record) has no file: "COLUMN: problem". */
	if (c->filename)
		strbuf_addf(c->err, "%s:%u: ", c->filename, c->line);
	strbuf_addf(c->err, "%s: ", column);
	va_start(ap, fmt);
	strbuf_vaddf(c->err, fmt, ap);
	va_end(ap);
	strbuf_addch(c->err, '\n');
}

/* ---- kinds ---- */

static bool date_before(const struct value *a, const struct value *b)
{
	return a->day != DATE_NONE && b->day != DATE_NONE && a->day < b->day;
}

static void check_order(struct import_ctx *c, const struct value *v, int first, int later,
			bool strictly)
{
	const struct column *cols = c->spec->cols;

	if (date_before(&v[later], &v[first]) ||
	    (strictly && v[later].day != DATE_NONE && v[later].day == v[first].day))
		row_error(c, cols[later].name, "%s is %s %s (%s)", v[later].s,
			  strictly ? "not after" : "before", cols[first].name, v[first].s);
}

static int put_partner(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_partner p = {
		.key = (char *)v[0].s,
		.name = (char *)v[1].s,
		.domain = (char *)v[2].s,
		.motions = (char *)v[3].s,
		.products = (char *)v[4].s,
		.region = (char *)v[5].s,
		/* A file without the column leaves the descriptions as they are. */
		.description = (char *)v[6].s,
		.put_description = v[6].present,
	};
	struct store_partner got;
	int rc;

	if (store_partner_put(c->store, &p, err))
		return -1;
	/* Later rows of other kinds may reference it in the same run. */
	rc = store_partner_get(c->store, p.key, &got, err);
	if (rc == 1)
		strmap_put(c->partners, got.key, strlen(got.key), got.id);
	store_partner_release(&got);
	return rc == 1 ? 0 : -1;
}

/* Checks that every ';'-item of column col is a tier of the row's program. */
static void check_tiers(struct import_ctx *c, const struct value *v, int program_col, int col)
{
	struct csv_field items[MAX_LIST];
	size_t n;
	char key[64];

	if (!v[program_col].program || !v[col].len)
		return;
	n = csv_split_list(v[col].s, v[col].len, ';', items, MAX_LIST);
	for (size_t i = 0; i < n && i < MAX_LIST; i++) {
		snprintf(key, sizeof(key), "%.*s", (int)items[i].len, items[i].ptr);
		if (items[i].len >= sizeof(key) ||
		    program_tier_index(v[program_col].program, key) < 0)
			row_error(c, c->spec->cols[col].name, "unknown tier '%.*s' in program '%s'",
				  (int)items[i].len, items[i].ptr, v[program_col].program->key);
	}
}

static void check_enrollment(struct import_ctx *c, struct value *v)
{
	check_tiers(c, v, 1, 2);
	check_tiers(c, v, 1, 4);
}

static int put_enrollment(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_enrollment r = {v[0].i, v[1].i, v[2].s, v[3].s, v[4].s};
	return store_put_enrollment(c->store, &r, err);
}

static void check_agreement(struct import_ctx *c, struct value *v)
{
	check_order(c, v, 2, 3, false);
}

static int put_agreement(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_agreement r = {v[0].i, v[1].s, v[2].s, v[3].s};
	return store_put_agreement(c->store, &r, err);
}

static int put_solution(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_solution r = {v[0].i, v[1].s, v[2].s, v[3].s, v[4].s, v[5].s, v[6].s, v[7].s};
	return store_put_solution(c->store, &r, err);
}

static int put_story(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_story r = {v[0].i, v[1].s, v[2].s, v[3].s, v[4].s, v[5].s};
	return store_put_story(c->store, &r, err);
}

static void check_deal(struct import_ctx *c, struct value *v)
{
	bool closed = !strcmp(v[5].s, "closed_won") || !strcmp(v[5].s, "closed_lost");

	/* Empty, not merely invalid: an invalid date has its own message already. */
	if (closed && v[7].len == 0)
		row_error(c, "closed_on", "missing value (required when stage is %s)", v[5].s);
}

static int put_deal(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_deal r = {
		.partner_id = v[1].i,
		.key = v[0].s,
		.account = v[2].s,
		.product = v[3].s,
		.type = v[4].s,
		.stage = v[5].s,
		.arr_cents = v[6].i,
		.closed_on = v[7].s,
	};
	return store_put_deal(c->store, &r, err);
}

static int put_spend(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_spend r = {v[0].i, v[1].s, v[2].i};
	return store_put_spend(c->store, &r, err);
}

static void check_commit(struct import_ctx *c, struct value *v)
{
	check_order(c, v, 4, 5, true);
}

static int put_commit(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_commit r = {v[0].i, v[1].s, v[3].s, v[4].s, v[5].s, v[2].i};
	return store_put_commit(c->store, &r, err);
}

static void check_support(struct import_ctx *c, struct value *v)
{
	check_order(c, v, 2, 3, false);
}

static int put_support(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_support r = {v[0].i, v[1].s, v[2].s, v[3].s};
	return store_put_support(c->store, &r, err);
}

static void check_mapping(struct import_ctx *c, struct value *v)
{
	check_order(c, v, 1, 2, true);
}

static int put_mapping(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_mapping r = {v[0].i, v[1].s, v[2].s};
	return store_put_mapping(c->store, &r, err);
}

static int put_plan(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_plan r = {v[0].i, v[1].i, (int)v[2].i, v[3].s};
	return store_put_plan(c->store, &r, err);
}

static int put_activity(struct import_ctx *c, const struct value *v, struct strbuf *err)
{
	struct store_activity r = {v[0].i, v[1].s, v[2].s};
	return store_put_activity(c->store, &r, err);
}

static const struct kind_spec kinds[] = {
	{"partners",
	 "key,name,domain,motions,products,region,description",
	 {{"key", C_KEY, true},
	  {"name", C_TEXT, true},
	  {"domain", C_DOMAIN, false},
	  {"motions", C_MOTIONS, true},
	  {"products", C_PRODUCTS, true},
	  {"region", C_TEXT, false},
	  {"description", C_DESCRIPTION, false}},
	 {0, -1},
	 NULL,
	 put_partner},
	{"enrollments",
	 "partner,program,tier,since,invited",
	 {{"partner", C_PARTNER, true},
	  {"program", C_PROGRAM, true},
	  {"tier", C_TIER, true},
	  {"since", C_DATE, true},
	  {"invited", C_TIERS, false}},
	 {0, 1, -1},
	 check_enrollment,
	 put_enrollment},
	{"agreements",
	 "partner,agreement,signed_on,expires_on",
	 {{"partner", C_PARTNER, true},
	  {"agreement", C_AGREEMENT, true},
	  {"signed_on", C_DATE, true},
	  {"expires_on", C_DATE, false}},
	 {0, 1, -1},
	 check_agreement,
	 put_agreement},
	{"solutions",
	 "partner,key,name,product,launched_on,docs_on,collateral_on,reviewed_on",
	 {{"partner", C_PARTNER, true},
	  {"key", C_KEY, true},
	  {"name", C_TEXT, true},
	  {"product", C_PRODUCT, true},
	  {"launched_on", C_DATE, false},
	  {"docs_on", C_DATE, false},
	  {"collateral_on", C_DATE, false},
	  {"reviewed_on", C_DATE, false}},
	 {0, 1, -1},
	 NULL,
	 put_solution},
	{"stories",
	 "partner,key,title,customer,published_on,url",
	 {{"partner", C_PARTNER, true},
	  {"key", C_KEY, true},
	  {"title", C_TEXT, true},
	  {"customer", C_TEXT, false},
	  {"published_on", C_DATE, false},
	  {"url", C_URL, false}},
	 {0, 1, -1},
	 NULL,
	 put_story},
	{"deals",
	 "key,partner,account,product,type,stage,arr_usd,closed_on",
	 {{"key", C_KEY, true},
	  {"partner", C_PARTNER, true},
	  {"account", C_TEXT, true},
	  {"product", C_PRODUCT, true},
	  {"type", C_DEAL_TYPE, true},
	  {"stage", C_DEAL_STAGE, true},
	  {"arr_usd", C_MONEY, true},
	  {"closed_on", C_DATE, false}},
	 {0, -1},
	 check_deal,
	 put_deal},
	{"spend",
	 "partner,month,amount_usd",
	 {{"partner", C_PARTNER, true}, {"month", C_MONTH, true}, {"amount_usd", C_MONEY, true}},
	 {0, 1, -1},
	 NULL,
	 put_spend},
	{"commits",
	 "partner,key,tcv_usd,signed_on,start_on,end_on",
	 {{"partner", C_PARTNER, true},
	  {"key", C_KEY, true},
	  {"tcv_usd", C_MONEY, true},
	  {"signed_on", C_DATE, true},
	  {"start_on", C_DATE, true},
	  {"end_on", C_DATE, true}},
	 {0, 1, -1},
	 check_commit,
	 put_commit},
	{"support",
	 "partner,plan,start_on,end_on",
	 {{"partner", C_PARTNER, true},
	  {"plan", C_KEY, true},
	  {"start_on", C_DATE, true},
	  {"end_on", C_DATE, false}},
	 {0, 1, 2, -1},
	 check_support,
	 put_support},
	{"mapping",
	 "partner,enabled_on,disabled_on",
	 {{"partner", C_PARTNER, true},
	  {"enabled_on", C_DATE, true},
	  {"disabled_on", C_DATE, false}},
	 {0, 1, -1},
	 check_mapping,
	 put_mapping},
	{"plans",
	 "partner,program,year,approved_on",
	 {{"partner", C_PARTNER, true},
	  {"program", C_PROGRAM, true},
	  {"year", C_YEAR, true},
	  {"approved_on", C_DATE, true}},
	 {0, 1, 2, -1},
	 NULL,
	 put_plan},
	{"activity",
	 "partner,on,kind",
	 {{"partner", C_PARTNER, true}, {"on", C_DATE, true}, {"kind", C_KEY, true}},
	 {0, 1, 2, -1},
	 NULL,
	 put_activity},
};

const char *const import_kinds[] = {"partners", "enrollments", "agreements", "solutions", "stories",
				    "deals",	"spend",       "commits",    "support",	  "mapping",
				    "plans",	"activity",    NULL};

static const struct kind_spec *find_kind(const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (!strcmp(kinds[i].kind, kind))
			return &kinds[i];
	}
	return NULL;
}

const char *import_columns(const char *kind)
{
	const struct kind_spec *k = find_kind(kind);
	return k ? k->columns : NULL;
}

static int ncols(const struct kind_spec *k)
{
	int n = 0;

	while (n < MAX_COLS && k->cols[n].name)
		n++;
	return n;
}

/* ---- field validation ---- */

static bool is_key_char(int ch)
{
	return isalnum(ch) || ch == '.' || ch == '_' || ch == '-' || ch == ':' || ch == '@';
}

static bool all_chars(const char *s, size_t len, bool (*ok)(int))
{
	for (size_t i = 0; i < len; i++) {
		if (!ok((unsigned char)s[i]))
			return false;
	}
	return true;
}

static bool is_digit_char(int ch)
{
	return ch >= '0' && ch <= '9';
}

static bool is_domain_char(int ch)
{
	return isalnum(ch) || ch == '.' || ch == '-';
}

static bool is_url_char(int ch)
{
	return ch > 0x20 && ch != 0x7f && ch != '"' && ch != '<' && ch != '>';
}

static bool one_of(const char *s, const char *const *set)
{
	for (; *set; set++) {
		if (!strcmp(s, *set))
			return true;
	}
	return false;
}

static const char *const deal_types[] = {"new", "upsell", "renewal", "professional_services", NULL};
static const char *const deal_stages[] = {"closed_won", "closed_lost", "open", NULL};

/* Validates a ';' list against a catalog vocabulary. */
static void check_list(struct import_ctx *c, const struct column *col, const struct value *v,
		       bool (*known)(const struct catalog *, const char *), const char *what)
{
	struct csv_field items[MAX_LIST];
	size_t n = csv_split_list(v->s, v->len, ';', items, MAX_LIST);
	char key[64];

	if (n == 0 && col->required) {
		row_error(c, col->name, "missing value (a ';'-separated list of %ss)", what);
		return;
	}
	if (n > MAX_LIST) {
		row_error(c, col->name, "too many items (at most %d)", MAX_LIST);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%.*s", (int)items[i].len, items[i].ptr);
		if (items[i].len >= sizeof(key) || !known(&c->catalog, key))
			row_error(c, col->name, "unknown %s '%.*s'", what, (int)items[i].len,
				  items[i].ptr);
	}
}

/* Validates one field; `v->s` is already a NUL-terminated copy. */
static void check_field(struct import_ctx *c, const struct column *col, struct value *v)
{
	int rc, y, m;

	v->day = DATE_NONE;
	if (v->len == 0) {
		if (col->required)
			row_error(c, col->name, "missing value");
		return;
	}
	{
		size_t bad = utf8_invalid_at(v->s, v->len);
		if (bad < v->len) {
			row_error(c, col->name,
				  "invalid UTF-8 (byte 0x%02x at character %zu): save the file as "
				  "UTF-8",
				  (unsigned char)v->s[bad], bad + 1);
			return;
		}
	}
	switch (col->type) {
	case C_TEXT:
		if (v->len > MAX_TEXT)
			row_error(c, col->name, "too long (%zu characters, at most %d)", v->len,
				  MAX_TEXT);
		break;
	case C_KEY:
		if (v->len > MAX_KEY || !all_chars(v->s, v->len, is_key_char))
			row_error(c, col->name,
				  "invalid key '%s': use at most %d letters, digits and . _ - : @",
				  v->s, MAX_KEY);
		break;
	case C_PARTNER:
		if (!strmap_get(c->partners, v->s, v->len, &v->i))
			row_error(c, col->name, "unknown partner '%s'", v->s);
		break;
	case C_PROGRAM:
		v->program = catalog_find(&c->catalog, v->s, v->len, &v->i);
		if (!v->program)
			row_error(c, col->name, "unknown program '%s'", v->s);
		break;
	case C_DATE:
		if (date_parse(v->s, v->len, &v->day))
			row_error(c, col->name, "invalid date '%s': expected YYYY-MM-DD", v->s);
		break;
	case C_MONEY:
		rc = money_parse(v->s, v->len, &v->i);
		if (rc)
			row_error(c, col->name, "invalid amount '%s': %s", v->s,
				  money_parse_error(rc));
		break;
	case C_MONTH:
		if (date_parse_month(v->s, v->len, &y, &m))
			row_error(c, col->name, "invalid month '%s': expected YYYY-MM", v->s);
		break;
	case C_YEAR:
		if (v->len != 4 || !all_chars(v->s, v->len, is_digit_char) || v->s[0] == '0') {
			row_error(c, col->name, "invalid year '%s': expected YYYY", v->s);
			break;
		}
		v->i = strtol(v->s, NULL, 10);
		break;
	case C_MOTIONS:
		check_list(c, col, v, catalog_has_motion, "motion");
		break;
	case C_PRODUCTS:
		check_list(c, col, v, catalog_has_product, "product");
		break;
	case C_PRODUCT:
		if (!catalog_has_product(&c->catalog, v->s))
			row_error(c, col->name, "unknown product '%s'", v->s);
		break;
	case C_TIER:
	case C_TIERS:
		break; /* the kind's check knows the program */
	case C_AGREEMENT:
		if (!catalog_has_agreement(&c->catalog, v->s))
			row_error(c, col->name, "unknown agreement kind '%s'", v->s);
		break;
	case C_DEAL_TYPE:
		if (!one_of(v->s, deal_types))
			row_error(c, col->name,
				  "invalid type '%s': expected new, upsell, renewal or "
				  "professional_services",
				  v->s);
		break;
	case C_DEAL_STAGE:
		if (!one_of(v->s, deal_stages))
			row_error(c, col->name,
				  "invalid stage '%s': expected closed_won, closed_lost or open",
				  v->s);
		break;
	case C_URL:
		if ((strncmp(v->s, "https://", 8) && strncmp(v->s, "http://", 7)) ||
		    v->len > MAX_TEXT || !all_chars(v->s, v->len, is_url_char))
			row_error(c, col->name, "invalid URL '%s': expected http:// or https://",
				  v->s);
		break;
	case C_DOMAIN:
		if (v->len > 253 || !all_chars(v->s, v->len, is_domain_char) ||
		    !strchr(v->s, '.') || v->s[0] == '.' || v->s[0] == '-')
			row_error(c, col->name,
				  "invalid domain '%s': expected a name like example.com", v->s);
		break;
	case C_DESCRIPTION: {
		struct strbuf why = STRBUF_INIT;
		if (import_check_description(v->s, v->len, &why))
			row_error(c, col->name, "%s", why.buf);
		strbuf_release(&why);
		break;
	}
	}
}

int import_check_description(const char *s, size_t len, struct strbuf *err)
{
	size_t bad = utf8_invalid_at(s, len), chars = 0;

	if (bad < len) {
		strbuf_addf(err, "invalid UTF-8 (byte 0x%02x at character %zu)",
			    (unsigned char)s[bad], bad + 1);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch & 0xc0) != 0x80)
			chars++;
		if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f) {
			strbuf_addf(err,
				    "control character 0x%02x at character %zu (only tabs and "
				    "line breaks are allowed)",
				    ch, chars);
			return -1;
		}
	}
	if (chars > IMPORT_MAX_DESCRIPTION) {
		strbuf_addf(err, "too long (%zu characters, at most %d)", chars,
			    IMPORT_MAX_DESCRIPTION);
		return -1;
	}
	return 0;
}

/* ---- duplicate keys within one file ---- */

/*
 * Only a 64-bit hash of each key and its line are kept (16 bytes a slot, so a
 * 10-million-row file stays small). Two different keys sharing a hash would be
 * reported as a duplicate: at 10^7 rows the chance is about n^2/2^65, 3e-6.
 * A key's slot is random, so each row costs a cache miss: hash and line share
 * the slot (one miss, not two), and the table is sized for the file's lines
 * up front (no rehashing of millions of slots as it grows).
 */
struct seen_slot {
	uint64_t hash;
	uint32_t line; /* 0 = empty slot */
};

struct seen {
	struct seen_slot *slots;
	size_t cap, n;
};

static void seen_release(struct seen *s)
{
	free(s->slots);
}

static void seen_resize(struct seen *s, size_t cap)
{
	struct seen t = {0};

	t.cap = cap;
	t.slots = xcalloc(t.cap, sizeof(*t.slots));
	for (size_t i = 0; i < s->cap; i++) {
		size_t j;
		if (!s->slots[i].line)
			continue;
		for (j = s->slots[i].hash & (t.cap - 1); t.slots[j].line; j = (j + 1) & (t.cap - 1))
			;
		t.slots[j] = s->slots[i];
	}
	t.n = s->n;
	seen_release(s);
	*s = t;
}

/* Sizes the table for about `rows` keys (at most 3/4 full). */
static void seen_init(struct seen *s, size_t rows)
{
	size_t cap = 1024;

	memset(s, 0, sizeof(*s));
	while (cap / 4 * 3 < rows)
		cap *= 2;
	seen_resize(s, cap);
}

/* Records the key's hash; returns the earlier line with the same key, or 0. */
static unsigned seen_add(struct seen *s, uint64_t h, unsigned line)
{
	size_t j;

	if ((s->n + 1) * 4 > s->cap * 3)
		seen_resize(s, s->cap * 2);
	for (j = h & (s->cap - 1); s->slots[j].line; j = (j + 1) & (s->cap - 1)) {
		if (s->slots[j].hash == h)
			return s->slots[j].line;
	}
	s->slots[j].hash = h;
	s->slots[j].line = line;
	s->n++;
	return 0;
}

/* Lines in data (an upper bound of its rows). */
static size_t count_lines(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	size_t n = 1;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		n++;
		p++;
	}
	return n;
}

static uint64_t row_key_hash(const struct kind_spec *k, const struct value *v)
{
	uint64_t h = 0;

	for (int i = 0; i < 4 && k->key_cols[i] >= 0; i++) {
		const struct value *f = &v[k->key_cols[i]];
		h = h * 1099511628211ULL ^ strmap_hash(f->s, f->len);
	}
	return h;
}

static void key_text(const struct kind_spec *k, const struct value *v, struct strbuf *out)
{
	for (int i = 0; i < 4 && k->key_cols[i] >= 0; i++)
		strbuf_addf(out, "%s%s", i ? "," : "", v[k->key_cols[i]].s);
}

/* ---- the run ---- */

static void add_partner(void *ctx, const char *key, int64_t id)
{
	strmap_put(ctx, key, strlen(key), id);
}

/* Maps the header row to the spec's columns; false when it is unusable. */
static bool map_header(struct import_ctx *c, struct csv_field *f, size_t n)
{
	const struct kind_spec *k = c->spec;
	int nc = ncols(k);
	bool ok = true;

	for (int i = 0; i < nc; i++)
		c->map[i] = -1;
	for (size_t j = 0; j < n; j++) {
		int found = -1;
		for (int i = 0; i < nc; i++) {
			if (strlen(k->cols[i].name) == f[j].len &&
			    !memcmp(k->cols[i].name, f[j].ptr, f[j].len))
				found = i;
		}
		if (found < 0) {
			strbuf_addf(c->err, "%s:%u: unknown column '%.*s' (columns of %s: %s)\n",
				    c->filename, c->line, (int)f[j].len, f[j].ptr, k->kind,
				    k->columns);
			ok = false;
		} else if (c->map[found] >= 0) {
			strbuf_addf(c->err, "%s:%u: column '%s' appears twice\n", c->filename,
				    c->line, k->cols[found].name);
			ok = false;
		} else {
			c->map[found] = (int)j;
		}
	}
	for (int i = 0; i < nc; i++) {
		if (c->map[i] < 0 && k->cols[i].required) {
			strbuf_addf(c->err, "%s:%u: missing column '%s' (columns of %s: %s)\n",
				    c->filename, c->line, k->cols[i].name, k->kind, k->columns);
			ok = false;
		}
	}
	return ok;
}

/*
 * ---- storing on a second thread ----
 *
 * Reading and validating rows and storing them take comparable time, so for
 * every kind but partners (storing a partner also updates c->partners, which
 * only the main thread touches) the rows to store go, in batches, to a writer
 * thread that owns the store until the file is read. What is stored, and every message, is as
 * without it: rows are stored in file order, and after a storage failure the
 * run reports it as if it had stopped at that row.
 */
#define BATCH_ROWS 2048
#define NBATCHES   4

struct batch {
	size_t n;
	bool ready;	 /* filled, not yet stored */
	struct value *v; /* BATCH_ROWS rows of MAX_COLS values */
	size_t *off;	 /* offsets of the values' text in `text` */
	unsigned line[BATCH_ROWS];
	size_t rows[BATCH_ROWS]; /* rep->rows once the row was read */
	struct strbuf text;
};

struct writer {
	struct import_ctx *c;
	struct batch batches[NBATCHES];
	size_t fill, drain;
	mtx_t lock;
	cnd_t changed;
	bool done, failed;
	unsigned fail_line;
	size_t fail_rows;
	struct strbuf err; /* the failure's message */
	thrd_t thread;
};

static int writer_main(void *arg)
{
	struct writer *w = arg;
	const struct kind_spec *k = w->c->spec;
	bool failed = false;

	mtx_lock(&w->lock);
	for (;;) {
		struct batch *b = &w->batches[w->drain];
		while (!b->ready && !w->done)
			cnd_wait(&w->changed, &w->lock);
		if (!b->ready)
			break;
		mtx_unlock(&w->lock);
		for (size_t i = 0; i < b->n && !failed; i++) {
			if (k->put(w->c, &b->v[i * MAX_COLS], &w->err)) {
				failed = true;
				w->fail_line = b->line[i];
				w->fail_rows = b->rows[i];
			}
		}
		mtx_lock(&w->lock);
		b->ready = false;
		b->n = 0;
		strbuf_reset(&b->text);
		w->failed = failed;
		w->drain = (w->drain + 1) % NBATCHES;
		cnd_broadcast(&w->changed);
	}
	mtx_unlock(&w->lock);
	return 0;
}

static bool writer_start(struct writer *w, struct import_ctx *c)
{
	memset(w, 0, sizeof(*w));
	w->c = c;
	strbuf_init(&w->err, 0);
	for (int i = 0; i < NBATCHES; i++) {
		w->batches[i].v = xcalloc(BATCH_ROWS * MAX_COLS, sizeof(struct value));
		w->batches[i].off = xcalloc(BATCH_ROWS * MAX_COLS, sizeof(size_t));
		strbuf_init(&w->batches[i].text, 0);
	}
	if (mtx_init(&w->lock, mtx_plain) != thrd_success)
		goto fail;
	if (cnd_init(&w->changed) != thrd_success) {
		mtx_destroy(&w->lock);
		goto fail;
	}
	if (thrd_create(&w->thread, writer_main, w) != thrd_success) {
		cnd_destroy(&w->changed);
		mtx_destroy(&w->lock);
		goto fail;
	}
	return true;
fail:
	for (int i = 0; i < NBATCHES; i++) {
		free(w->batches[i].v);
		free(w->batches[i].off);
		strbuf_release(&w->batches[i].text);
	}
	strbuf_release(&w->err);
	return false;
}

/* Hands the batch being filled to the writer; false once the writer has failed. */
static bool writer_push(struct writer *w)
{
	struct batch *b = &w->batches[w->fill];
	bool ok;

	for (size_t i = 0; i < b->n * MAX_COLS; i++) {
		if (b->v[i].s)
			b->v[i].s = b->text.buf + b->off[i];
	}
	mtx_lock(&w->lock);
	b->ready = true;
	w->fill = (w->fill + 1) % NBATCHES;
	cnd_broadcast(&w->changed);
	while (w->batches[w->fill].ready && !w->failed)
		cnd_wait(&w->changed, &w->lock);
	ok = !w->failed;
	mtx_unlock(&w->lock);
	return ok;
}

/* Queues a valid row for storing; false once the writer has failed. */
static bool writer_add(struct writer *w, const struct value *v, int nc, unsigned line, size_t rows)
{
	struct batch *b = &w->batches[w->fill];
	struct value *dst = &b->v[b->n * MAX_COLS];
	size_t *off = &b->off[b->n * MAX_COLS];

	for (int i = 0; i < nc; i++) {
		dst[i] = v[i];
		off[i] = b->text.len;
		strbuf_add(&b->text, v[i].s, v[i].len);
		strbuf_addch(&b->text, '\0');
	}
	b->line[b->n] = line;
	b->rows[b->n] = rows;
	if (++b->n < BATCH_ROWS)
		return true;
	return writer_push(w);
}

/* Stores what is queued and stops the writer; false when it failed. */
static bool writer_finish(struct writer *w)
{
	bool failed;

	mtx_lock(&w->lock);
	failed = w->failed;
	mtx_unlock(&w->lock);
	/* Unless the writer failed, the batch at `fill` is the one being filled. */
	if (!failed && w->batches[w->fill].n)
		writer_push(w);
	mtx_lock(&w->lock);
	w->done = true;
	cnd_broadcast(&w->changed);
	mtx_unlock(&w->lock);
	thrd_join(w->thread, NULL);
	return !w->failed;
}

static void writer_release(struct writer *w)
{
	cnd_destroy(&w->changed);
	mtx_destroy(&w->lock);
	for (int i = 0; i < NBATCHES; i++) {
		free(w->batches[i].v);
		free(w->batches[i].off);
		strbuf_release(&w->batches[i].text);
	}
	strbuf_release(&w->err);
}

/*
 * Validates (and, while the file is clean, stores or queues for the writer w)
 * one data row. Non-zero on a storage failure (the writer's: reported later).
 */
static int import_row(struct import_ctx *c, struct csv_field *f, size_t n, size_t nheader,
		      struct seen *seen, struct writer *w)
{
	const struct kind_spec *k = c->spec;
	int nc = ncols(k);
	struct value v[MAX_COLS];
	size_t off[MAX_COLS];
	unsigned dup;

	c->row_bad = false;
	if (n != nheader) {
		row_error(c, "row", "expected %zu fields, found %zu", nheader, n);
		return 0;
	}
	/* NUL-terminated copies of the fields, in one buffer reused across rows. */
	strbuf_reset(&c->rowbuf);
	memset(v, 0, sizeof(v));
	for (int i = 0; i < nc; i++) {
		const struct csv_field *src = c->map[i] >= 0 ? &f[c->map[i]] : NULL;
		off[i] = c->rowbuf.len;
		if (src) {
			strbuf_add(&c->rowbuf, src->ptr, src->len);
			v[i].len = src->len;
			v[i].present = true;
		}
		strbuf_addch(&c->rowbuf, '\0');
	}
	for (int i = 0; i < nc; i++) {
		v[i].s = c->rowbuf.buf + off[i];
		check_field(c, &k->cols[i], &v[i]);
	}
	if (k->check)
		k->check(c, v);
	dup = seen_add(seen, row_key_hash(k, v), c->line);
	if (dup) {
		struct strbuf key = STRBUF_INIT;
		key_text(k, v, &key);
		row_error(c, k->cols[k->key_cols[0]].name, "duplicate key '%s' (first on line %u)",
			  key.buf, dup);
		strbuf_release(&key);
	}
	if (c->row_bad || c->rep->errors)
		return 0;
	if (w)
		return writer_add(w, v, nc, c->line, c->rep->rows) ? 0 : -1;
	return k->put(c, v, c->err);
}

/* Records the import in the audit log, inside its transaction. */
static int audit_import(struct store *s, const char *actor, const char *kind, const char *filename,
			const struct import_report *rep, struct strbuf *err)
{
	json_t *after = json_pack("{s:s, s:s, s:I}", "kind", kind, "file", filename, "rows",
				  (json_int_t)rep->rows);
	int rc = audit_record(s, actor ? actor : "unknown", "import", kind, filename, NULL, after,
			      err);

	json_decref(after);
	return rc;
}

int import_csv(struct store *s, const char *kind, const char *filename, const char *data,
	       size_t len, const char *actor, struct import_report *rep, struct strbuf *err)
{
	struct import_ctx c = {.store = s, .filename = filename, .rep = rep, .err = err};
	struct csv_reader r;
	struct csv_field *f;
	struct seen seen = {0};
	struct writer writer, *w = NULL;
	size_t n, nheader = 0, err_start = err->len;
	int rc, ret = -1;
	bool header_ok;

	memset(rep, 0, sizeof(*rep));
	c.spec = find_kind(kind);
	if (!c.spec) {
		strbuf_addf(err, "unknown import kind '%s' (one of: ", kind);
		for (size_t i = 0; import_kinds[i]; i++)
			strbuf_addf(err, "%s%s", i ? ", " : "", import_kinds[i]);
		strbuf_adds(err, ")\n");
		return -1;
	}
	strbuf_init(&c.rowbuf, 256);
	csv_reader_init(&r, data, len);
	rc = csv_next(&r, &f, &n, err);
	c.line = csv_line(&r);
	if (rc <= 0) {
		if (rc == 0)
			strbuf_addf(err, "%s: empty file (expected a header row: %s)\n", filename,
				    c.spec->columns);
		goto out_noload;
	}
	header_ok = map_header(&c, f, n);
	nheader = n;
	if (!header_ok)
		goto out_noload;

	if (catalog_load(s, &c.catalog, err))
		goto out_noload;
	seen_init(&seen, count_lines(data, len));
	c.partners = strmap_new(1024);
	if (store_partner_keys(s, add_partner, c.partners, err) || store_begin(s, err))
		goto out;
	if (store_bulk_begin(s, kind, err)) {
		store_rollback(s);
		goto out;
	}
	if (strcmp(kind, "partners") && writer_start(&writer, &c))
		w = &writer;
	for (;;) {
		struct strbuf csv_err = STRBUF_INIT;
		rc = csv_next(&r, &f, &n, &csv_err);
		c.line = csv_line(&r);
		if (rc == 0) {
			strbuf_release(&csv_err);
			break;
		}
		rep->rows++;
		if (rc < 0) {
			c.row_bad = false;
			row_error(&c, "row", "%s", csv_err.buf);
			strbuf_release(&csv_err);
			continue;
		}
		strbuf_release(&csv_err);
		if (import_row(&c, f, n, nheader, &seen, w)) {
			if (w)
				break; /* the writer failed: below */
			/* A storage failure, not bad input: stop here. */
			strbuf_addf(err, " (%s:%u)\n", filename, c.line);
			store_rollback(s);
			goto out;
		}
	}
	if (w) {
		bool stored = writer_finish(w);
		if (!stored) {
			/* As if the run had stopped at the row that failed. */
			strbuf_setlen(err, err_start);
			strbuf_addbuf(err, &w->err);
			strbuf_addf(err, " (%s:%u)\n", filename, w->fail_line);
			rep->rows = w->fail_rows;
			rep->errors = 0;
		}
		writer_release(w);
		if (!stored) {
			store_rollback(s);
			goto out;
		}
	}
	if (rep->errors) {
		if (rep->errors > MAX_ERRORS)
			strbuf_addf(err, "%s: ... %zu bad rows in all, the first %d shown\n",
				    filename, rep->errors, MAX_ERRORS);
		store_rollback(s);
		goto out;
	}
	if (store_bulk_end(s, err) || audit_import(s, actor, kind, filename, rep, err) ||
	    store_commit(s, err)) {
		store_rollback(s);
		goto out;
	}
	ret = 0;
out:
	catalog_release(&c.catalog);
	strmap_free(c.partners);
out_noload:
	if (ret && !rep->errors)
		rep->errors = 1;
	seen_release(&seen);
	csv_reader_release(&r);
	strbuf_release(&c.rowbuf);
	return ret;
}

int import_record(struct store *s, const char *kind, const char *const *names,
		  const char *const *values, size_t n, struct strbuf *err, const char **field)
{
	struct import_report rep = {0};
	struct import_ctx c = {.store = s, .rep = &rep, .err = err};
	struct value v[MAX_COLS];
	int nc, rc = -1;

	*field = NULL;
	c.spec = find_kind(kind);
	if (!c.spec) {
		strbuf_addf(err, "unknown record kind '%s'", kind);
		return -1;
	}
	nc = ncols(c.spec);
	memset(v, 0, sizeof(v));
	for (int i = 0; i < nc; i++) {
		v[i].s = "";
		for (size_t j = 0; j < n; j++) {
			if (!strcmp(names[j], c.spec->cols[i].name)) {
				v[i].s = values[j];
				v[i].len = strlen(values[j]);
				v[i].present = true;
			}
		}
	}
	if (catalog_load(s, &c.catalog, err))
		return -1;
	/* Only the partners this record names, not the whole index a file needs. */
	c.partners = strmap_new(4);
	for (int i = 0; i < nc; i++) {
		struct store_partner p;
		if (c.spec->cols[i].type != C_PARTNER || !v[i].len)
			continue;
		if (store_partner_get(s, v[i].s, &p, err) < 0)
			goto out;
		if (p.key)
			strmap_put(c.partners, p.key, strlen(p.key), p.id);
		store_partner_release(&p);
	}
	for (int i = 0; i < nc; i++)
		check_field(&c, &c.spec->cols[i], &v[i]);
	if (c.spec->check)
		c.spec->check(&c, v);
	if (!c.row_bad)
		rc = c.spec->put(&c, v, err);
	strbuf_rtrim(err);
	*field = c.first_bad;
out:
	catalog_release(&c.catalog);
	strmap_free(c.partners);
	return rc;
}
