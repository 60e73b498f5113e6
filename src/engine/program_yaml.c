/*
 * program_parse(): reads a program definition (YAML, docs/program-format.md)
 * into a struct program, validating everything the engine relies on.
 *
 * The document is loaded whole with libfyaml, then walked once. Every problem
 * is recorded with its line and parsing goes on, so that one run reports them
 * all; the problems are sorted by line before they are written out as
 * "FILE:LINE: message". Nothing is resolved lazily: tier, product, motion and
 * agreement references become indexes and bitmasks here, so the engine never
 * looks at a key again.
 *
 * libfyaml 0.7.12 has no public start mark for a node, only for tokens: a
 * scalar's line comes from its token, a collection's from its first scalar,
 * and an empty collection or a null value borrows the line of its key.
 */
#include "util/common.h"

#include <libfyaml.h>

#include "engine/program.h"
#include "util/utf8.h"
#include "util/alloc.h"
#include "util/money.h"
#include "util/strbuf.h"

#define KEY_MAX_LEN	 64   /* keys are identifiers, not prose */
#define MIN_MONTHS_MAX	 1200 /* 100 years */
#define WINDOW_DAYS_MAX	 3660 /* 10 years */
#define EVERY_MONTHS_MAX 120
#define COUNT_MAX	 1000000
#define YEAR_MIN	 1900
#define YEAR_MAX	 9999

struct problem {
	int line;
	size_t seq; /* keeps problems of one line in the order found */
	char *msg;
};

/* One declared list: tiers, products, motions or agreement kinds. */
struct decl_list {
	const char *what;   /* "tier" */
	const char *plural; /* "tiers", also the top-level key */
	struct named items[PROGRAM_MAX_ITEMS];
	int n;
	int lines[PROGRAM_MAX_ITEMS];
	bool broken; /* had errors: do not report references to it as unknown */
};

struct parser {
	const char *filename;
	struct program *p;
	struct problem *problems;
	size_t nproblems, alloc;
	struct decl_list tiers, products, motions, agreements;
};

__attribute__((format(printf, 3, 4))) static void report(struct parser *ps, int line,
							 const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(ps->problems, ps->nproblems + 1, ps->alloc);
	ps->problems[ps->nproblems].line = line > 0 ? line : 1;
	ps->problems[ps->nproblems].seq = ps->nproblems;
	ps->problems[ps->nproblems].msg = strbuf_detach(&sb, NULL);
	ps->nproblems++;
}

static int problem_cmp(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the problems by line, appends them to err and frees them. */
static void flush_problems(struct parser *ps, struct strbuf *err)
{
	if (ps->nproblems)
		qsort(ps->problems, ps->nproblems, sizeof(*ps->problems), problem_cmp);
	for (size_t i = 0; i < ps->nproblems; i++) {
		if (err)
			strbuf_addf(err, "%s:%d: %s\n", ps->filename, ps->problems[i].line,
				    ps->problems[i].msg);
		free(ps->problems[i].msg);
	}
	free(ps->problems);
	ps->problems = NULL;
	ps->nproblems = ps->alloc = 0;
}

/* The 1-based line where node n starts, or `fallback` when it has no token. */
static int node_line(struct fy_node *n, int fallback)
{
	void *it = NULL;
	struct fy_node_pair *pair;
	struct fy_node *child;
	const struct fy_mark *m;

	if (!n)
		return fallback;
	switch (fy_node_get_type(n)) {
	case FYNT_SCALAR:
		m = fy_token_start_mark(fy_node_get_scalar_token(n));
		return m ? m->line + 1 : fallback;
	case FYNT_MAPPING:
		pair = fy_node_mapping_iterate(n, &it);
		return pair ? node_line(fy_node_pair_key(pair), fallback) : fallback;
	case FYNT_SEQUENCE:
		child = fy_node_sequence_iterate(n, &it);
		return child ? node_line(child, fallback) : fallback;
	}
	return fallback;
}

/* Whether n is a scalar, a null value (no node or an empty plain scalar) excluded. */
static bool is_scalar(struct fy_node *n)
{
	return n && fy_node_get_type(n) == FYNT_SCALAR && !fy_node_is_null(n);
}

/*
 * The text of scalar n as a NUL-terminated string owned by the document, or
 * NULL when n is not a scalar or contains a NUL byte. A null value is "".
 */
static const char *scalar_text(struct fy_node *n)
{
	const char *s;
	size_t len = 0;

	if (!n || fy_node_is_null(n))
		return "";
	if (fy_node_get_type(n) != FYNT_SCALAR)
		return NULL;
	if (!fy_node_get_scalar(n, &len))
		return NULL;
	s = fy_node_get_scalar0(n);
	if (!s || strlen(s) != len)
		return NULL;
	return s;
}

/*
 * Reports every alias (`*name`) in the tree. The document is not resolved, so
 * an alias would otherwise read as a scalar holding the anchor's name; merge
 * keys and shared subtrees are not worth their surprises in a program file.
 */
static void reject_aliases(struct parser *ps, struct fy_node *n, int depth)
{
	void *it = NULL;
	struct fy_node_pair *pair;
	struct fy_node *child;

	if (!n || depth > 64)
		return;
	switch (fy_node_get_type(n)) {
	case FYNT_SCALAR:
		if (fy_node_get_style(n) == FYNS_ALIAS)
			report(ps, node_line(n, 1), "aliases are not supported");
		break;
	case FYNT_MAPPING:
		while ((pair = fy_node_mapping_iterate(n, &it))) {
			reject_aliases(ps, fy_node_pair_key(pair), depth + 1);
			reject_aliases(ps, fy_node_pair_value(pair), depth + 1);
		}
		break;
	case FYNT_SEQUENCE:
		while ((child = fy_node_sequence_iterate(n, &it)))
			reject_aliases(ps, child, depth + 1);
		break;
	}
}

/* One key of a mapping being read. */
struct field {
	const char *name;
	bool present;
	struct fy_node *node; /* the value; NULL when absent or null */
	int line;	      /* the key's line, 0 when absent */
};

/*
 * Reads mapping `map` (at `line`, for messages) into `f`: reports keys that
 * are not in f and values that are not scalars keyed by strings. Returns
 * false, with a report, when map is not a mapping at all.
 */
static bool read_fields(struct parser *ps, struct fy_node *map, int line, const char *where,
			struct field *f, size_t n)
{
	void *it = NULL;
	struct fy_node_pair *pair;

	if (!map || fy_node_get_type(map) != FYNT_MAPPING) {
		report(ps, node_line(map, line), "%s must be a mapping", where);
		return false;
	}
	while ((pair = fy_node_mapping_iterate(map, &it))) {
		struct fy_node *k = fy_node_pair_key(pair);
		int kline = node_line(k, line);
		const char *name = is_scalar(k) ? scalar_text(k) : NULL;
		size_t i;

		if (!name) {
			report(ps, kline, "keys in %s must be strings", where);
			continue;
		}
		for (i = 0; i < n; i++) {
			if (!strcmp(f[i].name, name))
				break;
		}
		if (i == n) {
			report(ps, kline, "unknown key '%s' in %s", name, where);
			continue;
		}
		f[i].present = true;
		f[i].node = fy_node_pair_value(pair);
		if (f[i].node && fy_node_is_null(f[i].node))
			f[i].node = NULL;
		f[i].line = kline;
	}
	return true;
}

static int field_line(const struct field *f)
{
	return node_line(f->node, f->line);
}

static bool require(struct parser *ps, const struct field *f, int line, const char *where)
{
	if (f->present)
		return true;
	report(ps, line, "missing key '%s' in %s", f->name, where);
	return false;
}

/*
 * The string value of field f, owned by the document: NULL when absent, or
 * after reporting a value that is not a string (or is empty, unless
 * allow_empty). A null value reads as "".
 */
static const char *get_string(struct parser *ps, const struct field *f, const char *where,
			      bool allow_empty)
{
	const char *s;

	if (!f->present)
		return NULL;
	if (f->node && fy_node_get_type(f->node) != FYNT_SCALAR) {
		report(ps, field_line(f), "'%s' in %s must be a string", f->name, where);
		return NULL;
	}
	s = scalar_text(f->node);
	if (!s) {
		report(ps, field_line(f), "'%s' in %s contains a NUL byte", f->name, where);
		return NULL;
	}
	if (!allow_empty && !*s) {
		report(ps, field_line(f), "empty '%s' in %s", f->name, where);
		return NULL;
	}
	return s;
}

/* A malloc'd copy of an optional string field; "" when absent or bad. */
static char *dup_string(struct parser *ps, const struct field *f, const char *where)
{
	const char *s = get_string(ps, f, where, true);

	return xstrdup(s ? s : "");
}

static bool valid_key(const char *s)
{
	size_t len = strlen(s);

	if (!len || len > KEY_MAX_LEN)
		return false;
	for (; *s; s++) {
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
			return false;
	}
	return true;
}

/* A key-like value (item keys, groups): non-empty letters, digits, '_', '-', '.'. */
static const char *get_key(struct parser *ps, const struct field *f, const char *where)
{
	const char *s = get_string(ps, f, where, false);

	if (s && !valid_key(s)) {
		report(ps, field_line(f),
		       "invalid %s '%s' in %s: use at most %d letters, digits, '_', '-' and '.'",
		       f->name, s, where, KEY_MAX_LEN);
		return NULL;
	}
	return s;
}

/* Parses all of s as a decimal number in [min, max]; digits only. */
static bool parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	int64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (max - (*s - '0')) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (v < min)
		return false;
	*out = v;
	return true;
}

/* An integer field in [min, max]; false when absent or after a report. */
static bool get_int(struct parser *ps, const struct field *f, const char *where, int min, int max,
		    int *out)
{
	const char *s;
	int64_t v;

	if (!f->present)
		return false;
	s = get_string(ps, f, where, false);
	if (!s)
		return false;
	if (!parse_int(s, min, max, &v)) {
		report(ps, field_line(f),
		       "invalid %s '%s' in %s: expected a whole number from %d to %d", f->name, s,
		       where, min, max);
		return false;
	}
	*out = (int)v;
	return true;
}

/* "true"/"false" in YAML 1.2's core schema spellings; -1 for anything else. */
static int parse_bool(const char *s)
{
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return 1;
	if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
		return 0;
	return -1;
}

/* "requirement 'influence_revenue'", or "requirement #3" when its key is unusable. */
static char *item_where(struct fy_node *item, const char *what, int index)
{
	struct strbuf sb = STRBUF_INIT;
	struct fy_node *k = NULL;
	const char *key = NULL;

	if (item && fy_node_get_type(item) == FYNT_MAPPING)
		k = fy_node_mapping_lookup_by_string(item, "key", 3);
	if (is_scalar(k))
		key = scalar_text(k);
	if (key && valid_key(key))
		strbuf_addf(&sb, "%s '%s'", what, key);
	else
		strbuf_addf(&sb, "%s #%d", what, index + 1);
	return strbuf_detach(&sb, NULL);
}

/* The sequence in field f, or NULL after a report (or when absent). */
static struct fy_node *get_list(struct parser *ps, const struct field *f, const char *where)
{
	if (!f->present)
		return NULL;
	if (!f->node || fy_node_get_type(f->node) != FYNT_SEQUENCE) {
		report(ps, field_line(f), "'%s' in %s must be a list", f->name, where);
		return NULL;
	}
	return f->node;
}

/* The mapping in field f, or NULL after a report (or when absent). */
static struct fy_node *get_map(struct parser *ps, const struct field *f, const char *where)
{
	if (!f->present)
		return NULL;
	if (!f->node || fy_node_get_type(f->node) != FYNT_MAPPING) {
		report(ps, field_line(f), "'%s' in %s must be a mapping", f->name, where);
		return NULL;
	}
	return f->node;
}

static int decl_index(const struct decl_list *d, const char *key)
{
	for (int i = 0; i < d->n; i++) {
		if (!strcmp(d->items[i].key, key))
			return i;
	}
	return -1;
}

/*
 * Reads one of the declared lists (tiers, products, motions, agreements): a
 * list of {key, name} mappings, at most PROGRAM_MAX_ITEMS, keys unique.
 */
static void parse_decl_list(struct parser *ps, const struct field *f, bool required,
			    struct decl_list *d)
{
	size_t before = ps->nproblems;
	struct fy_node *list, *item;
	void *it = NULL;
	int index = 0;

	if (!f->present) {
		if (required) {
			report(ps, 1, "missing key '%s' in program", f->name);
			d->broken = true;
		}
		return;
	}
	list = get_list(ps, f, "program");
	if (!list) {
		d->broken = true;
		return;
	}
	while ((item = fy_node_sequence_iterate(list, &it))) {
		int line = node_line(item, f->line);
		char *where;
		const char *key, *name;
		struct field fields[] = {{.name = "key"}, {.name = "name"}};

		if (index++ == PROGRAM_MAX_ITEMS) {
			report(ps, line, "too many %s: at most %d", d->plural, PROGRAM_MAX_ITEMS);
			break;
		}
		where = item_where(item, d->what, index - 1);
		if (!read_fields(ps, item, line, where, fields, ARRAY_SIZE(fields)))
			goto next;
		require(ps, &fields[0], line, where);
		require(ps, &fields[1], line, where);
		key = get_key(ps, &fields[0], where);
		name = get_string(ps, &fields[1], where, false);
		if (!key || !name)
			goto next;
		if (decl_index(d, key) >= 0) {
			report(ps, field_line(&fields[0]),
			       "duplicate %s '%s' (first declared on line %d)", d->what, key,
			       d->lines[decl_index(d, key)]);
			goto next;
		}
		d->items[d->n].key = xstrdup(key);
		d->items[d->n].name = xstrdup(name);
		d->lines[d->n] = field_line(&fields[0]);
		d->n++;
	next:
		free(where);
	}
	if (required && !index)
		report(ps, field_line(f), "'%s' in program must list at least one %s", f->name,
		       d->what);
	if (ps->nproblems != before)
		d->broken = true;
}

/* Resolves one reference to a declared item; -1 after a report. */
static int resolve(struct parser *ps, const struct decl_list *d, const char *key, int line,
		   const char *where)
{
	int i = decl_index(d, key);

	if (i < 0 && !d->broken)
		report(ps, line, "unknown %s '%s' in %s (not declared in '%s')", d->what, key,
		       where, d->plural);
	return i;
}

/*
 * A list of references to declared items, as a bitmask. Absent gives 0; an
 * empty list is an error, because 0 means "all" for motions and products.
 */
static uint32_t parse_refs(struct parser *ps, const struct field *f, const struct decl_list *d,
			   const char *where)
{
	struct fy_node *list = get_list(ps, f, where), *item;
	uint32_t mask = 0;
	void *it = NULL;

	if (!list)
		return 0;
	if (!fy_node_sequence_item_count(list)) {
		report(ps, field_line(f), "empty '%s' in %s: leave the key out instead", f->name,
		       where);
		return 0;
	}
	while ((item = fy_node_sequence_iterate(list, &it))) {
		int line = node_line(item, f->line);
		const char *key = is_scalar(item) ? scalar_text(item) : NULL;
		int i;

		if (!key) {
			report(ps, line, "'%s' in %s must list %s keys", f->name, where, d->what);
			continue;
		}
		i = resolve(ps, d, key, line, where);
		if (i < 0)
			continue;
		if (mask & (1u << i))
			report(ps, line, "duplicate %s '%s' in '%s' of %s", d->what, key, f->name,
			       where);
		mask |= 1u << i;
	}
	return mask;
}

/*
 * One tier's threshold of a requirement, given as a scalar: `true`/`false`
 * for yes/no kinds, a whole number for counts, dollars for money. Returns 1
 * when set, 0 when explicitly not set (false), -1 after a report.
 */
static int parse_threshold(struct parser *ps, const char *s, enum req_kind kind, int line,
			   const char *tier, const char *where, int64_t *out)
{
	int64_t v;
	int rc;

	switch (req_kind_unit(kind)) {
	case UNIT_BOOL:
		rc = parse_bool(s);
		if (rc < 0) {
			report(ps, line, "invalid value '%s' for tier '%s' in %s: expected true", s,
			       tier, where);
			return -1;
		}
		*out = 1;
		return rc;
	case UNIT_COUNT:
		if (!parse_int(s, 1, COUNT_MAX, &v)) {
			report(ps, line,
			       "invalid threshold '%s' for tier '%s' in %s: expected a whole "
			       "number "
			       "from 1 to %d",
			       s, tier, where, COUNT_MAX);
			return -1;
		}
		*out = v;
		return 1;
	case UNIT_CENTS:
		rc = money_parse(s, strlen(s), &v);
		if (rc < 0) {
			report(ps, line, "invalid threshold '%s' for tier '%s' in %s: %s", s, tier,
			       where, money_parse_error(rc));
			return -1;
		}
		if (!v) {
			report(ps, line,
			       "invalid threshold '%s' for tier '%s' in %s: must be greater than 0",
			       s, tier, where);
			return -1;
		}
		*out = v;
		return 1;
	}
	return -1;
}

/* One tier's setting of a requirement: a threshold or {threshold, invite_only}. */
static int parse_req_tier(struct parser *ps, struct fy_node *v, int line, enum req_kind kind,
			  const char *tier, const char *where, struct req_tier *out)
{
	struct field f[] = {{.name = "threshold"}, {.name = "invite_only"}};
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	char *twhere;
	int rc = -1, inv = 0;

	if (!v || fy_node_get_type(v) == FYNT_SEQUENCE) {
		report(ps, node_line(v, line),
		       "invalid value for tier '%s' in %s: expected a threshold or a mapping", tier,
		       where);
		return -1;
	}
	if (fy_node_get_type(v) == FYNT_SCALAR) {
		s = scalar_text(v);
		if (!s) {
			report(ps, line, "invalid value for tier '%s' in %s", tier, where);
			return -1;
		}
		rc = parse_threshold(ps, s, kind, node_line(v, line), tier, where, &out->threshold);
		out->set = rc > 0;
		return rc;
	}

	strbuf_addf(&sb, "tier '%s' of %s", tier, where);
	twhere = strbuf_detach(&sb, NULL);
	if (!read_fields(ps, v, line, twhere, f, ARRAY_SIZE(f)))
		goto out;
	/* Both keys are checked, so that one run reports both problems. */
	if (f[1].present) {
		s = get_string(ps, &f[1], twhere, false);
		inv = s ? parse_bool(s) : -1;
		if (s && inv < 0)
			report(ps, field_line(&f[1]),
			       "invalid invite_only '%s' in %s: expected true or false", s, twhere);
	}
	if (req_kind_unit(kind) == UNIT_BOOL) {
		if (f[0].present)
			report(ps, f[0].line,
			       "'threshold' in %s is not used by kind %s (a yes/no requirement)",
			       twhere, req_kind_name(kind));
		else
			rc = 1;
		out->threshold = 1;
	} else if (require(ps, &f[0], line, twhere)) {
		s = get_string(ps, &f[0], twhere, false);
		if (s)
			rc = parse_threshold(ps, s, kind, field_line(&f[0]), tier, where,
					     &out->threshold);
	}
	if (inv < 0)
		rc = -1;
	out->set = rc > 0;
	out->invite_only = rc > 0 && inv > 0;
out:
	free(twhere);
	return rc;
}

/* A requirement's or benefit's `tiers:` mapping; calls fn for each declared tier. */
typedef int (*tier_fn)(struct parser *ps, struct fy_node *v, int line, int tier, void *data,
		       const char *where);

/* Returns how many tiers fn set (returned > 0), or -1 when any had an error. */
static int parse_tier_map(struct parser *ps, const struct field *f, const char *where, tier_fn fn,
			  void *data)
{
	struct fy_node *map = get_map(ps, f, where);
	struct fy_node_pair *pair;
	void *it = NULL;
	int nset = 0;
	bool bad = false;
	char *twhere;
	struct strbuf sb = STRBUF_INIT;

	if (!map)
		return -1;
	strbuf_addf(&sb, "'tiers' of %s", where);
	twhere = strbuf_detach(&sb, NULL);
	while ((pair = fy_node_mapping_iterate(map, &it))) {
		struct fy_node *k = fy_node_pair_key(pair);
		int line = node_line(k, f->line);
		const char *key = is_scalar(k) ? scalar_text(k) : NULL;
		int t, rc;

		if (!key) {
			report(ps, line, "keys in %s must be tier keys", twhere);
			bad = true;
			continue;
		}
		t = resolve(ps, &ps->tiers, key, line, where);
		if (t < 0) {
			bad = true;
			continue;
		}
		rc = fn(ps, fy_node_pair_value(pair), line, t, data, where);
		if (rc < 0)
			bad = true;
		else if (rc > 0)
			nset++;
	}
	free(twhere);
	return bad ? -1 : nset;
}

struct req_ctx {
	struct requirement *req;
	int kind; /* -1 when unknown */
};

static int req_tier_fn(struct parser *ps, struct fy_node *v, int line, int tier, void *data,
		       const char *where)
{
	struct req_ctx *ctx = data;

	if (v && fy_node_is_null(v))
		v = NULL;
	if (ctx->kind < 0) /* unknown kind, already reported: check tier keys only */
		return 0;
	return parse_req_tier(ps, v, line, (enum req_kind)ctx->kind, ps->tiers.items[tier].key,
			      where, &ctx->req->tiers[tier]);
}

enum {
	R_KEY,
	R_NAME,
	R_KIND,
	R_SOURCE,
	R_MOTIONS,
	R_PRODUCTS,
	R_AGREEMENTS,
	R_GROUP,
	R_MIN_MONTHS,
	R_TIERS,
	R_NFIELDS
};

static bool kind_has_agreements(int kind)
{
	return kind == REQ_AGREEMENTS || kind == REQ_SUPPORT_PACKAGE;
}

static void parse_requirement(struct parser *ps, struct fy_node *item, int line, int index,
			      int *key_lines)
{
	struct field f[R_NFIELDS] = {
		[R_KEY] = {.name = "key"},
		[R_NAME] = {.name = "name"},
		[R_KIND] = {.name = "kind"},
		[R_SOURCE] = {.name = "source"},
		[R_MOTIONS] = {.name = "motions"},
		[R_PRODUCTS] = {.name = "products"},
		[R_AGREEMENTS] = {.name = "agreements"},
		[R_GROUP] = {.name = "group"},
		[R_MIN_MONTHS] = {.name = "min_months"},
		[R_TIERS] = {.name = "tiers"},
	};
	struct program *p = ps->p;
	struct requirement *req = &p->reqs[p->nreqs];
	char *where = item_where(item, "requirement", index);
	const char *key, *name, *kind, *group;
	int k = -1, nset;

	memset(req, 0, sizeof(*req));
	if (!read_fields(ps, item, line, where, f, ARRAY_SIZE(f)))
		goto out;
	require(ps, &f[R_KEY], line, where);
	require(ps, &f[R_NAME], line, where);
	require(ps, &f[R_KIND], line, where);
	require(ps, &f[R_TIERS], line, where);
	key = get_key(ps, &f[R_KEY], where);
	name = get_string(ps, &f[R_NAME], where, false);
	kind = get_string(ps, &f[R_KIND], where, false);
	if (kind) {
		k = req_kind_parse(kind);
		if (k < 0) {
			struct strbuf names = STRBUF_INIT;
			for (int i = 0; i < REQ_KIND_COUNT; i++)
				strbuf_addf(&names, "%s%s", i ? ", " : "", req_kind_name(i));
			report(ps, field_line(&f[R_KIND]),
			       "unknown kind '%s' in %s (expected one of %s)", kind, where,
			       names.buf);
			strbuf_release(&names);
		}
	}
	if (k >= 0)
		req->kind = (enum req_kind)k;
	if (key) {
		for (int i = 0; i < p->nreqs; i++) {
			if (!strcmp(p->reqs[i].key, key)) {
				report(ps, field_line(&f[R_KEY]),
				       "duplicate requirement '%s' (first defined on line %d)", key,
				       key_lines[i]);
				key = NULL;
				break;
			}
		}
	}
	req->source = dup_string(ps, &f[R_SOURCE], where);
	req->motions = parse_refs(ps, &f[R_MOTIONS], &ps->motions, where);
	req->products = parse_refs(ps, &f[R_PRODUCTS], &ps->products, where);
	if (f[R_AGREEMENTS].present && k >= 0 && !kind_has_agreements(k))
		report(ps, f[R_AGREEMENTS].line,
		       "'agreements' in %s is only for kinds agreements and support_package",
		       where);
	else
		req->agreements = parse_refs(ps, &f[R_AGREEMENTS], &ps->agreements, where);
	if (!f[R_AGREEMENTS].present && kind_has_agreements(k))
		report(ps, line, "missing key 'agreements' in %s (required for kind %s)", where,
		       kind);
	if (f[R_GROUP].present) {
		group = get_key(ps, &f[R_GROUP], where);
		if (group)
			req->group = xstrdup(group);
	}
	if (f[R_MIN_MONTHS].present) {
		if (k >= 0 && k != REQ_COMMIT)
			report(ps, f[R_MIN_MONTHS].line,
			       "'min_months' in %s is only for kind commit", where);
		else
			get_int(ps, &f[R_MIN_MONTHS], where, 1, MIN_MONTHS_MAX, &req->min_months);
	}
	if (f[R_TIERS].present) {
		struct req_ctx ctx = {req, k};
		nset = parse_tier_map(ps, &f[R_TIERS], where, req_tier_fn, &ctx);
		if (!nset && k >= 0)
			report(ps, field_line(&f[R_TIERS]), "%s is not set at any tier", where);
	}
out:
	/* Keep the requirement only when complete, so that program_free() can
	 * free it and the engine never sees a half-read one. */
	if (key && name && k >= 0 && f[R_TIERS].present) {
		req->key = xstrdup(key);
		req->name = xstrdup(name);
		key_lines[p->nreqs] = field_line(&f[R_KEY]);
		p->nreqs++;
	} else {
		free(req->source);
		free(req->group);
		memset(req, 0, sizeof(*req));
	}
	free(where);
}

static int benefit_tier_fn(struct parser *ps, struct fy_node *v, int line, int tier, void *data,
			   const char *where)
{
	struct benefit *b = data;
	const char *s = is_scalar(v) ? scalar_text(v) : NULL;
	const char *tkey = ps->tiers.items[tier].key;

	if (!s) {
		report(ps, node_line(v, line),
		       "invalid grant for tier '%s' in %s: expected included, invite_only or none",
		       tkey, where);
		return -1;
	}
	if (!strcmp(s, "included"))
		b->grant[tier] = GRANT_INCLUDED;
	else if (!strcmp(s, "invite_only"))
		b->grant[tier] = GRANT_INVITE_ONLY;
	else if (!strcmp(s, "none"))
		b->grant[tier] = GRANT_NONE;
	else {
		report(ps, node_line(v, line),
		       "invalid grant '%s' for tier '%s' in %s: expected included, invite_only or "
		       "none",
		       s, tkey, where);
		return -1;
	}
	return b->grant[tier] != GRANT_NONE;
}

enum {
	B_KEY,
	B_NAME,
	B_SOURCE,
	B_PRODUCTS,
	B_PREREQUISITES,
	B_TIERS,
	B_NFIELDS
};

static void parse_benefit(struct parser *ps, struct fy_node *item, int line, int index,
			  int *key_lines)
{
	struct field f[B_NFIELDS] = {
		[B_KEY] = {.name = "key"},
		[B_NAME] = {.name = "name"},
		[B_SOURCE] = {.name = "source"},
		[B_PRODUCTS] = {.name = "products"},
		[B_PREREQUISITES] = {.name = "prerequisites"},
		[B_TIERS] = {.name = "tiers"},
	};
	struct program *p = ps->p;
	struct benefit *b = &p->benefits[p->nbenefits];
	char *where = item_where(item, "benefit", index);
	const char *key = NULL, *name = NULL;
	int nset;

	memset(b, 0, sizeof(*b));
	if (!read_fields(ps, item, line, where, f, ARRAY_SIZE(f)))
		goto out;
	require(ps, &f[B_KEY], line, where);
	require(ps, &f[B_NAME], line, where);
	require(ps, &f[B_TIERS], line, where);
	key = get_key(ps, &f[B_KEY], where);
	name = get_string(ps, &f[B_NAME], where, false);
	if (key) {
		for (int i = 0; i < p->nbenefits; i++) {
			if (!strcmp(p->benefits[i].key, key)) {
				report(ps, field_line(&f[B_KEY]),
				       "duplicate benefit '%s' (first defined on line %d)", key,
				       key_lines[i]);
				key = NULL;
				break;
			}
		}
	}
	b->source = dup_string(ps, &f[B_SOURCE], where);
	b->products = parse_refs(ps, &f[B_PRODUCTS], &ps->products, where);
	b->prerequisites = parse_refs(ps, &f[B_PREREQUISITES], &ps->agreements, where);
	if (f[B_TIERS].present) {
		nset = parse_tier_map(ps, &f[B_TIERS], where, benefit_tier_fn, b);
		if (!nset)
			report(ps, field_line(&f[B_TIERS]), "%s is not granted at any tier", where);
	}
out:
	if (key && name && f[B_TIERS].present) {
		b->key = xstrdup(key);
		b->name = xstrdup(name);
		key_lines[p->nbenefits] = field_line(&f[B_KEY]);
		p->nbenefits++;
	} else {
		free(b->source);
		memset(b, 0, sizeof(*b));
	}
	free(where);
}

/*
 * Reads the `requirements:` (or, when !reqs, `benefits:`) list into the
 * program's array, sized for every item up front; only complete items are
 * kept in it.
 */
static void parse_rule_list(struct parser *ps, const struct field *f, bool reqs)
{
	struct fy_node *list = get_list(ps, f, "program"), *item;
	void *it = NULL;
	int *key_lines, n, index = 0;

	if (!list)
		return;
	n = fy_node_sequence_item_count(list);
	if (n <= 0)
		return;
	if (reqs)
		ps->p->reqs = xcalloc((size_t)n, sizeof(*ps->p->reqs));
	else
		ps->p->benefits = xcalloc((size_t)n, sizeof(*ps->p->benefits));
	key_lines = xcalloc((size_t)n, sizeof(*key_lines));
	while (index < n && (item = fy_node_sequence_iterate(list, &it))) {
		int line = node_line(item, f->line);

		if (reqs)
			parse_requirement(ps, item, line, index, key_lines);
		else
			parse_benefit(ps, item, line, index, key_lines);
		index++;
	}
	free(key_lines);
}

enum {
	G_PROGRAM_YEAR,
	G_ANNUAL_WINDOW,
	G_MIDYEAR_WINDOW_DAYS,
	G_INACTIVITY_REVIEW,
	G_SOURCE,
	G_NFIELDS
};

static void parse_governance(struct parser *ps, const struct field *gf)
{
	struct field f[G_NFIELDS] = {
		[G_PROGRAM_YEAR] = {.name = "program_year"},
		[G_ANNUAL_WINDOW] = {.name = "annual_window"},
		[G_MIDYEAR_WINDOW_DAYS] = {.name = "midyear_window_days"},
		[G_INACTIVITY_REVIEW] = {.name = "inactivity_review"},
		[G_SOURCE] = {.name = "source"},
	};
	struct field r[] = {{.name = "tier"}, {.name = "every_months"}};
	struct governance *g = &ps->p->governance;
	const char *where = "governance", *rwhere = "governance.inactivity_review", *s;
	int line = field_line(gf);

	g->inactivity_tier = -1;
	if (!get_map(ps, gf, "program"))
		return;
	read_fields(ps, gf->node, gf->line, where, f, ARRAY_SIZE(f));
	for (int i = 0; i < G_INACTIVITY_REVIEW; i++)
		require(ps, &f[i], line, where);
	s = get_string(ps, &f[G_PROGRAM_YEAR], where, false);
	if (s && strcmp(s, "calendar"))
		report(ps, field_line(&f[G_PROGRAM_YEAR]),
		       "unsupported program_year '%s' in governance: expected calendar", s);
	s = get_string(ps, &f[G_ANNUAL_WINDOW], where, false);
	if (s && strcmp(s, "previous_calendar_year"))
		report(ps, field_line(&f[G_ANNUAL_WINDOW]),
		       "unsupported annual_window '%s' in governance: expected "
		       "previous_calendar_year",
		       s);
	get_int(ps, &f[G_MIDYEAR_WINDOW_DAYS], where, 1, WINDOW_DAYS_MAX, &g->midyear_window_days);
	g->source = dup_string(ps, &f[G_SOURCE], where);
	if (!f[G_INACTIVITY_REVIEW].present)
		return;
	line = field_line(&f[G_INACTIVITY_REVIEW]);
	if (!get_map(ps, &f[G_INACTIVITY_REVIEW], where))
		return;
	read_fields(ps, f[G_INACTIVITY_REVIEW].node, line, rwhere, r, ARRAY_SIZE(r));
	require(ps, &r[0], line, rwhere);
	require(ps, &r[1], line, rwhere);
	s = get_key(ps, &r[0], rwhere);
	if (s)
		g->inactivity_tier = resolve(ps, &ps->tiers, s, field_line(&r[0]), rwhere);
	get_int(ps, &r[1], rwhere, 1, EVERY_MONTHS_MAX, &g->inactivity_period_months);
	if (g->inactivity_tier < 0 || !g->inactivity_period_months) {
		g->inactivity_tier = -1;
		g->inactivity_period_months = 0;
	}
}

enum {
	P_KEY,
	P_NAME,
	P_YEAR,
	P_SOURCE,
	P_TIERS,
	P_PRODUCTS,
	P_MOTIONS,
	P_AGREEMENTS,
	P_GOVERNANCE,
	P_REQUIREMENTS,
	P_BENEFITS,
	P_NFIELDS
};

static void move_decl(struct named *to, int *n, struct decl_list *d)
{
	memcpy(to, d->items, sizeof(d->items[0]) * (size_t)d->n);
	*n = d->n;
	d->n = 0;
}

static void parse_program(struct parser *ps, struct fy_node *root)
{
	struct field f[P_NFIELDS] = {
		[P_KEY] = {.name = "key"},
		[P_NAME] = {.name = "name"},
		[P_YEAR] = {.name = "year"},
		[P_SOURCE] = {.name = "source"},
		[P_TIERS] = {.name = "tiers"},
		[P_PRODUCTS] = {.name = "products"},
		[P_MOTIONS] = {.name = "motions"},
		[P_AGREEMENTS] = {.name = "agreements"},
		[P_GOVERNANCE] = {.name = "governance"},
		[P_REQUIREMENTS] = {.name = "requirements"},
		[P_BENEFITS] = {.name = "benefits"},
	};
	struct program *p = ps->p;
	const char *where = "program", *s;
	int line = node_line(root, 1);

	if (fy_node_get_type(root) != FYNT_MAPPING) {
		report(ps, line, "a program definition must be a mapping");
		return;
	}
	read_fields(ps, root, line, where, f, ARRAY_SIZE(f));
	require(ps, &f[P_KEY], 1, where);
	require(ps, &f[P_NAME], 1, where);
	require(ps, &f[P_GOVERNANCE], 1, where);
	require(ps, &f[P_REQUIREMENTS], 1, where);

	s = get_key(ps, &f[P_KEY], where);
	p->key = xstrdup(s ? s : "");
	s = get_string(ps, &f[P_NAME], where, false);
	p->name = xstrdup(s ? s : "");
	if (f[P_YEAR].present)
		get_int(ps, &f[P_YEAR], where, YEAR_MIN, YEAR_MAX, &p->year);
	p->source = dup_string(ps, &f[P_SOURCE], where);

	/* Declarations first: everything below refers to them. */
	parse_decl_list(ps, &f[P_TIERS], true, &ps->tiers);
	parse_decl_list(ps, &f[P_PRODUCTS], false, &ps->products);
	parse_decl_list(ps, &f[P_MOTIONS], false, &ps->motions);
	parse_decl_list(ps, &f[P_AGREEMENTS], false, &ps->agreements);

	p->governance.inactivity_tier = -1;
	if (f[P_GOVERNANCE].present)
		parse_governance(ps, &f[P_GOVERNANCE]);
	parse_rule_list(ps, &f[P_REQUIREMENTS], true);
	parse_rule_list(ps, &f[P_BENEFITS], false);

	for (int i = 0; i < ps->tiers.n; i++) {
		p->tiers[i].key = ps->tiers.items[i].key;
		p->tiers[i].name = ps->tiers.items[i].name;
	}
	p->ntiers = ps->tiers.n;
	ps->tiers.n = 0;
	move_decl(p->products, &p->nproducts, &ps->products);
	move_decl(p->motions, &p->nmotions, &ps->motions);
	move_decl(p->agreements, &p->nagreements, &ps->agreements);
}

static void discard_diag_output(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
	(void)diag;
	(void)user;
	(void)buf;
	(void)len;
}

/* Reports the YAML syntax errors libfyaml collected; at least one problem. */
static void report_syntax(struct parser *ps, struct fy_diag *diag)
{
	struct fy_diag_error *e;
	void *it = NULL;
	size_t before = ps->nproblems;

	while ((e = fy_diag_errors_iterate(diag, &it))) {
		if (e->type >= FYET_ERROR)
			report(ps, e->line, "invalid YAML: %s", e->msg ? e->msg : "syntax error");
	}
	if (ps->nproblems == before)
		report(ps, 1, "invalid YAML");
}

static void decl_release(struct decl_list *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->items[i].key);
		free(d->items[i].name);
	}
	d->n = 0;
}

int program_parse(const char *filename, const char *text, size_t len, struct program **out,
		  struct strbuf *err)
{
	struct parser ps = {
		.filename = filename,
		.tiers = {.what = "tier", .plural = "tiers"},
		.products = {.what = "product", .plural = "products"},
		.motions = {.what = "motion", .plural = "motions"},
		.agreements = {.what = "agreement", .plural = "agreements"},
	};
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag = NULL;
	struct fy_parser *fyp = NULL;
	struct fy_document *fyd = NULL, *extra = NULL;
	struct fy_node *root;
	int ret = -1;

	*out = NULL;
	ps.p = xcalloc(1, sizeof(*ps.p));
	atomic_init(&ps.p->refs, 1);
	ps.p->governance.inactivity_tier = -1;

	/*
	 * YAML is Unicode text. Checked here, before libfyaml sees the bytes:
	 * libfyaml 0.7.12 loops forever on invalid UTF-8 inside a directive
	 * ("%e\xd3: ", found by fuzz/fuzz_program.c).
	 */
	{
		size_t bad = utf8_invalid_at(text, len);
		if (bad < len) {
			unsigned line = 1;
			for (size_t i = 0; i < bad; i++)
				line += text[i] == '\n';
			report(&ps, (int)line, "invalid UTF-8 (byte 0x%02x at offset %zu)",
			       (unsigned char)text[bad], bad);
			goto out;
		}
	}

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = discard_diag_output;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	if (!diag)
		goto oom;
	fy_diag_set_collect_errors(diag, true);
	{
		struct fy_parse_cfg cfg = {
			.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG,
			.diag = diag,
		};
		fyp = fy_parser_create(&cfg);
	}
	if (!fyp || fy_parser_set_string(fyp, text, len))
		goto oom;

	fyd = fy_parse_load_document(fyp);
	if (!fyd) {
		if (fy_parser_get_stream_error(fyp))
			report_syntax(&ps, diag);
		else
			report(&ps, 1, "empty program definition");
		goto out;
	}
	extra = fy_parse_load_document(fyp);
	if (extra) {
		const struct fy_mark *m =
			fy_document_state_start_mark(fy_document_get_document_state(extra));
		report(&ps, m ? m->line + 1 : 1,
		       "more than one YAML document: a file holds one program");
		goto out;
	}
	if (fy_parser_get_stream_error(fyp)) {
		report_syntax(&ps, diag);
		goto out;
	}
	root = fy_document_root(fyd);
	if (!root) {
		report(&ps, 1, "empty program definition");
		goto out;
	}
	reject_aliases(&ps, root, 0);
	if (ps.nproblems)
		goto out;
	parse_program(&ps, root);
	if (!ps.nproblems) {
		program_link_groups(ps.p);
		*out = ps.p;
		ps.p = NULL;
		ret = 0;
	}
	goto out;

oom:
	report(&ps, 1, "cannot set up the YAML parser");
out:
	if (extra)
		fy_parse_document_destroy(fyp, extra);
	if (fyd)
		fy_parse_document_destroy(fyp, fyd);
	if (fyp)
		fy_parser_destroy(fyp);
	/* fy_diag_destroy(), unlike fy_diag_unref(), frees the collected errors */
	if (diag)
		fy_diag_destroy(diag);
	decl_release(&ps.tiers);
	decl_release(&ps.products);
	decl_release(&ps.motions);
	decl_release(&ps.agreements);
	program_free(ps.p);
	flush_problems(&ps, err);
	return ret;
}
