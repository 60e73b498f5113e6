#include "util/common.h"

#include <pthread.h>

#include "core/explain.h"
#include "core/programs.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/file.h"
#include "util/money.h"
#include "util/strbuf.h"

int programs_install_bundled(struct store *s, struct strbuf *err)
{
	for (size_t i = 0; i < bundled_programs_count; i++) {
		const struct bundled_program *b = &bundled_programs[i];
		struct program *p = NULL;
		int rc;

		if (program_parse(b->name, b->text, b->len, &p, err))
			return -1;
		rc = store_program_put(s, p->key, p->name, b->text, err);
		program_free(p);
		if (rc)
			return -1;
	}
	return 0;
}

int program_validate_file(const char *path, struct program **out, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	int rc;

	*out = NULL;
	if (file_read_all(path, &text, err))
		return -1;
	rc = program_parse(path, text.buf, text.len, out, err);
	strbuf_release(&text);
	return rc;
}

/*
 * A new definition of a stored program must keep every tier its partners are
 * at: otherwise they would evaluate as having no tier, and no proposal for
 * them could ever be approved. Reports each partner at a missing tier.
 */
static int check_tiers_kept(struct store *s, const char *path, const struct program *p,
			    struct strbuf *err)
{
	struct store_program old;
	struct store_enrollment_row *rows;
	size_t n;
	int found, bad = 0;

	found = store_program_get(s, p->key, &old, err);
	if (found <= 0)
		return found;
	if (store_enrollments(s, old.id, 0, &rows, &n, err)) {
		store_program_release(&old);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!*rows[i].tier || program_tier_index(p, rows[i].tier) >= 0)
			continue;
		if (bad++)
			strbuf_addch(err, '\n');
		strbuf_addf(err,
			    "%s: cannot replace program '%s': partner '%s' is at tier '%s', which "
			    "it no longer has",
			    path, p->key, rows[i].partner_key, rows[i].tier);
	}
	store_enrollment_rows_free(rows, n);
	store_program_release(&old);
	return bad ? PROGRAM_INVALID : 0;
}

int program_load_text(struct store *s, const char *name, const char *text, size_t len,
		      struct program **out, struct strbuf *err)
{
	struct strbuf copy = STRBUF_INIT;
	const char *nul = memchr(text, '\0', len);
	int rc;

	*out = NULL;
	/* Stored as a C string: a NUL byte would cut the definition short. */
	if (nul) {
		unsigned line = 1;
		for (const char *c = text; c < nul; c++)
			line += *c == '\n';
		strbuf_addf(err, "%s:%u: contains a NUL byte\n", name, line);
		return PROGRAM_INVALID;
	}
	if (program_parse(name, text, len, out, err))
		return PROGRAM_INVALID;
	rc = check_tiers_kept(s, name, *out, err);
	if (!rc) {
		strbuf_add(&copy, text, len);
		rc = store_program_put(s, (*out)->key, (*out)->name, copy.buf, err);
	}
	if (rc) {
		program_free(*out);
		*out = NULL;
	}
	strbuf_release(&copy);
	return rc;
}

int program_load_file(struct store *s, const char *path, struct program **out, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	int rc;

	*out = NULL;
	if (file_read_all(path, &text, err))
		return -1;
	rc = program_load_text(s, path, text.buf, text.len, out, err);
	strbuf_release(&text);
	return rc;
}

int programs_list(struct store *s, json_t **out, struct strbuf *err)
{
	struct store_program *list;
	struct strbuf ignored = STRBUF_INIT;
	size_t n;

	*out = NULL;
	if (store_program_list(s, &list, &n, err))
		return -1;
	*out = json_array();
	for (size_t i = 0; i < n; i++) {
		struct program *p = NULL;
		json_t *o = json_pack("{s:s, s:s}", "key", list[i].key, "name", list[i].name);
		json_t *tiers = json_null(), *year = json_null();

		strbuf_reset(&ignored);
		if (program_parse(list[i].key, list[i].definition, strlen(list[i].definition), &p,
				  &ignored) == 0) {
			tiers = json_array();
			for (int t = 0; t < p->ntiers; t++)
				json_array_append_new(tiers, json_string(p->tiers[t].key));
			year = json_integer(p->year);
			program_free(p);
		}
		json_object_set_new(o, "year", year);
		json_object_set_new(o, "tiers", tiers);
		json_object_set_new(o, "loaded_at", json_string(list[i].loaded_at));
		json_array_append_new(*out, o);
	}
	store_program_list_free(list, n);
	strbuf_release(&ignored);
	return 0;
}

/*
 * Parsed programs, shared by every thread: parsing the YAML costs more than a
 * whole one-partner evaluation, so a request parses only when the stored
 * program's (id, revision) differs from the one parsed last for that key
 * (every load counts the revision up, so a reload within the same second is
 * seen, by other processes too). Each entry holds one reference; callers get
 * their own and free it as before.
 */
#define CACHE_SLOTS 32

static struct {
	char *key;
	int64_t id, revision;
	struct program *program;
} cache[CACHE_SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static struct program *cache_get(const char *key, int64_t id, int64_t revision)
{
	struct program *p = NULL;

	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < CACHE_SLOTS && cache[i].key; i++) {
		if (!strcmp(cache[i].key, key) && cache[i].id == id &&
		    cache[i].revision == revision) {
			p = program_ref(cache[i].program);
			break;
		}
	}
	pthread_mutex_unlock(&cache_lock);
	return p;
}

static void cache_put(const struct store_program *sp, struct program *p)
{
	size_t i;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < CACHE_SLOTS && cache[i].key && strcmp(cache[i].key, sp->key); i++)
		;
	if (i == CACHE_SLOTS)
		i = 0; /* more programs than slots: the first one is parsed again when used */
	if (cache[i].key) {
		free(cache[i].key);
		program_free(cache[i].program); /* threads using it keep their references */
	}
	cache[i].key = xstrdup(sp->key);
	cache[i].id = sp->id;
	cache[i].revision = sp->revision;
	cache[i].program = program_ref(p);
	pthread_mutex_unlock(&cache_lock);
}

int program_fetch(struct store *s, const char *key, struct program **out, int64_t *id,
		  struct strbuf *err)
{
	struct store_program sp;
	int64_t pid, revision;
	int rc;

	*out = NULL;
	rc = store_program_revision(s, key, &pid, &revision, err);
	if (rc == 1 && (*out = cache_get(key, pid, revision))) {
		if (id)
			*id = pid;
		return 0;
	}
	if (rc >= 0)
		rc = store_program_get(s, key, &sp, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		strbuf_addf(err, "unknown program '%s' (see 'consort program list')", key);
		return PROGRAM_UNKNOWN;
	}
	rc = program_parse(sp.key, sp.definition, strlen(sp.definition), out, err);
	if (!rc)
		cache_put(&sp, *out);
	if (id)
		*id = sp.id;
	store_program_release(&sp);
	return rc;
}

static json_t *keys_json(const struct program *p, const struct named *items, int n, uint32_t mask)
{
	json_t *a = json_array();

	(void)p;
	for (int i = 0; i < n; i++) {
		if (mask & (1u << i))
			json_array_append_new(a, json_string(items[i].key));
	}
	return a;
}

static json_t *named_json(const struct named *items, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(
			a, json_pack("{s:s, s:s}", "key", items[i].key, "name", items[i].name));
	return a;
}

json_t *threshold_json(enum req_unit unit, int64_t v)
{
	char buf[32];

	switch (unit) {
	case UNIT_BOOL:
		return json_boolean(v != 0);
	case UNIT_COUNT:
		return json_integer(v);
	case UNIT_CENTS:
		money_format_plain(v, buf);
		return json_string(buf);
	}
	return json_null();
}

static const char *unit_name(enum req_unit u)
{
	return u == UNIT_BOOL ? "bool" : u == UNIT_COUNT ? "count" : "usd";
}

json_t *program_to_json(const struct program *p)
{
	json_t *o = json_object(), *tiers = json_array(), *reqs = json_array(),
	       *bens = json_array();

	json_object_set_new(o, "key", json_string(p->key));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "year", json_integer(p->year));
	if (p->source)
		json_object_set_new(o, "source", json_string(p->source));
	for (int t = 0; t < p->ntiers; t++)
		json_array_append_new(tiers, json_pack("{s:s, s:s}", "key", p->tiers[t].key, "name",
						       p->tiers[t].name));
	json_object_set_new(o, "tiers", tiers);
	json_object_set_new(o, "products", named_json(p->products, p->nproducts));
	json_object_set_new(o, "motions", named_json(p->motions, p->nmotions));
	json_object_set_new(o, "agreements", named_json(p->agreements, p->nagreements));

	for (int i = 0; i < p->nreqs; i++) {
		const struct requirement *r = &p->reqs[i];
		enum req_unit unit = req_kind_unit(r->kind);
		json_t *jr = json_object(), *jt = json_object();

		json_object_set_new(jr, "key", json_string(r->key));
		json_object_set_new(jr, "name", json_string(r->name));
		json_object_set_new(jr, "kind", json_string(req_kind_name(r->kind)));
		json_object_set_new(jr, "unit", json_string(unit_name(unit)));
		if (r->group)
			json_object_set_new(jr, "group", json_string(r->group));
		json_object_set_new(jr, "motions",
				    keys_json(p, p->motions, p->nmotions, r->motions));
		json_object_set_new(jr, "products",
				    keys_json(p, p->products, p->nproducts, r->products));
		if (r->agreements)
			json_object_set_new(
				jr, "agreements",
				keys_json(p, p->agreements, p->nagreements, r->agreements));
		if (r->kind == REQ_COMMIT)
			json_object_set_new(jr, "min_months", json_integer(r->min_months));
		for (int t = 0; t < p->ntiers; t++) {
			if (!r->tiers[t].set)
				continue;
			json_object_set_new(jt, p->tiers[t].key,
					    json_pack("{s:o, s:b}", "threshold",
						      threshold_json(unit, r->tiers[t].threshold),
						      "invite_only", r->tiers[t].invite_only));
		}
		json_object_set_new(jr, "tiers", jt);
		if (r->source)
			json_object_set_new(jr, "source", json_string(r->source));
		json_array_append_new(reqs, jr);
	}
	json_object_set_new(o, "requirements", reqs);

	for (int i = 0; i < p->nbenefits; i++) {
		const struct benefit *b = &p->benefits[i];
		json_t *jb = json_object(), *jt = json_object();

		json_object_set_new(jb, "key", json_string(b->key));
		json_object_set_new(jb, "name", json_string(b->name));
		for (int t = 0; t < p->ntiers; t++) {
			if (b->grant[t] != GRANT_NONE)
				json_object_set_new(jt, p->tiers[t].key,
						    json_string(b->grant[t] == GRANT_INCLUDED
									? "included"
									: "invite_only"));
		}
		json_object_set_new(jb, "tiers", jt);
		json_object_set_new(jb, "products",
				    keys_json(p, p->products, p->nproducts, b->products));
		json_object_set_new(jb, "prerequisites",
				    keys_json(p, p->agreements, p->nagreements, b->prerequisites));
		if (b->source)
			json_object_set_new(jb, "source", json_string(b->source));
		json_array_append_new(bens, jb);
	}
	json_object_set_new(o, "benefits", bens);
	json_object_set_new(o, "governance",
			    json_pack("{s:s, s:s, s:i, s:{s:s, s:i}}", "program_year", "calendar",
				      "annual_window", "previous_calendar_year",
				      "midyear_window_days", p->governance.midyear_window_days,
				      "inactivity_review", "tier",
				      p->governance.inactivity_tier >= 0
					      ? p->tiers[p->governance.inactivity_tier].key
					      : "",
				      "every_months", p->governance.inactivity_period_months));
	return o;
}

int catalog_load(struct store *s, struct catalog *c, struct strbuf *err)
{
	struct store_program *list;
	size_t n;

	memset(c, 0, sizeof(*c));
	if (store_program_list(s, &list, &n, err))
		return -1;
	c->programs = xcalloc(n ? n : 1, sizeof(*c->programs));
	c->ids = xcalloc(n ? n : 1, sizeof(*c->ids));
	for (size_t i = 0; i < n; i++) {
		if (program_parse(list[i].key, list[i].definition, strlen(list[i].definition),
				  &c->programs[c->n], err)) {
			store_program_list_free(list, n);
			catalog_release(c);
			return -1;
		}
		c->ids[c->n++] = list[i].id;
	}
	store_program_list_free(list, n);
	return 0;
}

void catalog_release(struct catalog *c)
{
	for (size_t i = 0; i < c->n; i++)
		program_free(c->programs[i]);
	free(c->programs);
	free(c->ids);
	memset(c, 0, sizeof(*c));
}

const struct program *catalog_find(const struct catalog *c, const char *key, size_t len,
				   int64_t *id)
{
	for (size_t i = 0; i < c->n; i++) {
		const char *k = c->programs[i]->key;
		if (strlen(k) == len && !memcmp(k, key, len)) {
			if (id)
				*id = c->ids[i];
			return c->programs[i];
		}
	}
	return NULL;
}

bool catalog_has_motion(const struct catalog *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++) {
		if (program_motion_index(c->programs[i], key) >= 0)
			return true;
	}
	return false;
}

bool catalog_has_product(const struct catalog *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++) {
		if (program_product_index(c->programs[i], key) >= 0)
			return true;
	}
	return false;
}

bool catalog_has_agreement(const struct catalog *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++) {
		if (program_agreement_index(c->programs[i], key) >= 0)
			return true;
	}
	return false;
}
