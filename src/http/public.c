/*
 * The public pages: server-rendered HTML (and one SVG), no JavaScript, no
 * external assets, crawlable, cached by shared caches for five minutes.
 *
 *   /partners              the directory of listed partners, searchable
 *   /partners/{slug}       one partner's listing
 *   /badges/{slug}.svg     the partner's tier badge
 *   /verify/{slug}         who the partner is and its current tiers, as of today
 *
 * The slug is the partner key. A partner is listed when it is active and,
 * in at least one program it is enrolled in, its current tier is one at
 * which the program grants the "partner_listing" benefit (an invite_only
 * grant counts when the enrollment is invited to that tier). Its badge is
 * that of its highest tier at which "tier_badge" is granted (same rule).
 *
 * Every value goes through util/html.h, which escapes by default: listing
 * text cannot inject markup.
 */
#include "util/common.h"

#include "core/programs.h"
#include "http/api.h"
#include "store/store_public.h"
#include "store/store_records.h"
#include "util/date.h"
#include "util/html.h"
#include "util/utf8.h"

#define PUBLIC_CACHE  "public, max-age=300"
#define PAGE_SIZE     20
#define MAX_PAGE      100000
#define BENEFIT_LIST  "partner_listing"
#define BENEFIT_BADGE "tier_badge"
#define HTML_TYPE     "text/html; charset=utf-8"
#define SVG_TYPE      "image/svg+xml"
#define RECORDS_SHOWN 100
#define EXCERPT_CHARS 160 /* a description's excerpt: the directory, the meta description */

/* ---- the listing rule ---- */

static const struct benefit *find_benefit(const struct program *p, const char *key)
{
	for (int i = 0; i < p->nbenefits; i++) {
		if (!strcmp(p->benefits[i].key, key))
			return &p->benefits[i];
	}
	return NULL;
}

/* Whether `tier` is in the ';'-separated list. */
static bool in_list(const char *list, const char *tier)
{
	size_t n = strlen(tier);

	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !memcmp(p, tier, n))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* Whether the program grants `benefit` at the tier (index t), given the invited list. */
static bool granted(const struct program *p, const char *benefit, int t, const char *invited)
{
	const struct benefit *b = find_benefit(p, benefit);

	if (!b || t < 0 || t >= p->ntiers)
		return false;
	if (b->grant[t] == GRANT_INCLUDED)
		return true;
	return b->grant[t] == GRANT_INVITE_ONLY && in_list(invited, p->tiers[t].key);
}

/* One enrollment of a partner (an element of store_public_partner()'s list), resolved. */
struct standing {
	const struct program *program; /* NULL when the program no longer parses */
	const char *program_key;
	const char *tier_key; /* NULL: not in good standing */
	int tier;	      /* index in program->tiers, -1 when none or unknown */
	const char *invited;
};

static struct standing standing_of(const struct catalog *cat, json_t *enrollment)
{
	struct standing s = {0};
	const char *key = json_string_value(json_object_get(enrollment, "program"));

	s.program_key = key ? key : "";
	s.tier_key = json_string_value(json_object_get(enrollment, "tier"));
	s.invited = json_string_value(json_object_get(enrollment, "invited"));
	s.program = catalog_find(cat, s.program_key, strlen(s.program_key), NULL);
	s.tier = s.program && s.tier_key ? program_tier_index(s.program, s.tier_key) : -1;
	return s;
}

static bool partner_listed(const struct catalog *cat, json_t *partner)
{
	size_t i;
	json_t *e;

	if (!json_is_true(json_object_get(partner, "active")))
		return false;
	json_array_foreach(json_object_get(partner, "enrollments"), i, e)
	{
		struct standing s = standing_of(cat, e);
		if (s.program && granted(s.program, BENEFIT_LIST, s.tier, s.invited))
			return true;
	}
	return false;
}

/* The enrollment whose tier earns the badge: the highest badge-eligible tier. */
static bool partner_badge(const struct catalog *cat, json_t *partner, struct standing *out)
{
	size_t i;
	json_t *e;
	bool found = false;

	if (!json_is_true(json_object_get(partner, "active")))
		return false;
	json_array_foreach(json_object_get(partner, "enrollments"), i, e)
	{
		struct standing s = standing_of(cat, e);
		if (!s.program || !granted(s.program, BENEFIT_BADGE, s.tier, s.invited))
			continue;
		if (!found || s.tier > out->tier) {
			*out = s;
			found = true;
		}
	}
	return found;
}

/*
 * The allowed [program, tier, invite_only] triples of store_public.h, as JSON
 * text: every tier of every program that grants the listing, narrowed to one
 * program and / or one tier key when given.
 */
static char *allowed_pairs(const struct catalog *cat, const char *program, const char *tier)
{
	json_t *a = json_array();
	char *text;

	for (size_t i = 0; i < cat->n; i++) {
		const struct program *p = cat->programs[i];
		const struct benefit *b = find_benefit(p, BENEFIT_LIST);
		if (!b || (program && *program && strcmp(program, p->key)))
			continue;
		for (int t = 0; t < p->ntiers; t++) {
			if (b->grant[t] == GRANT_NONE ||
			    (tier && *tier && strcmp(tier, p->tiers[t].key)))
				continue;
			json_array_append_new(a, json_pack("[s, s, i]", p->key, p->tiers[t].key,
							   b->grant[t] == GRANT_INVITE_ONLY));
		}
	}
	text = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return text;
}

/* ---- names ---- */

static const char *tier_name(const struct standing *s)
{
	if (!s->tier_key)
		return "None";
	return s->tier >= 0 ? s->program->tiers[s->tier].name : s->tier_key;
}

static const char *program_name(const struct standing *s)
{
	return s->program ? s->program->name : s->program_key;
}

/* The name of a product (or motion) key in the first program that declares it, or the key. */
static const char *item_name(const struct catalog *cat, const char *key, bool product)
{
	for (size_t i = 0; i < cat->n; i++) {
		const struct program *p = cat->programs[i];
		int k = product ? program_product_index(p, key) : program_motion_index(p, key);
		if (k >= 0)
			return product ? p->products[k].name : p->motions[k].name;
	}
	return key;
}

/* Writes the names of a ';'-separated list of keys, comma-separated and escaped. */
static void list_names(struct strbuf *sb, const struct catalog *cat, const char *list, bool product)
{
	char key[128];
	bool first = true;

	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len && len < sizeof(key)) {
			memcpy(key, p, len);
			key[len] = '\0';
			if (!first)
				html_lit(sb, ", ");
			html_text(sb, item_name(cat, key, product));
			first = false;
		}
		p = end ? end + 1 : NULL;
	}
	if (first)
		html_lit(sb, "—");
}

/* ---- page frame ---- */

/* Percent-encodes a URL component (everything but unreserved characters). */
static void url_component(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			strbuf_addch(sb, *p);
		} else {
			strbuf_addch(sb, '%');
			strbuf_addch(sb, hex[*p >> 4]);
			strbuf_addch(sb, hex[*p & 15]);
		}
	}
}

/* href="PREFIX<slug>SUFFIX", the slug percent-encoded (PREFIX, SUFFIX literals). */
static void slug_href(struct strbuf *sb, const char *prefix, const char *slug, const char *suffix)
{
	struct strbuf url = STRBUF_INIT;

	strbuf_adds(&url, prefix);
	url_component(&url, slug);
	strbuf_adds(&url, suffix);
	html_lit(sb, " href=\"");
	html_attr(sb, url.buf);
	html_lit(sb, "\"");
	strbuf_release(&url);
}

static const char style[] =
	"<style>"
	":root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;"
	"--accent:#0b5cad}"
	"@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9da7b3;"
	"--line:#30363d;--accent:#58a6ff}}"
	"*{box-sizing:border-box}"
	"body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);"
	"background:var(--bg);overflow-wrap:anywhere}"
	"header,main,footer{max-width:60rem;margin:0 auto;padding:1rem}"
	"header{border-bottom:1px solid var(--line)}"
	"footer{color:var(--muted);font-size:.875rem;border-top:1px solid var(--line)}"
	"a{color:var(--accent)}"
	"h1{font-size:1.75rem;margin:.5rem 0}"
	"h2{font-size:1.25rem;margin:1.5rem 0 .5rem}"
	"form.search{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));"
	"gap:.75rem;align-items:end;margin:1rem 0}"
	"form.search label{display:flex;flex-direction:column;font-size:.875rem;"
	"color:var(--muted)}"
	"input,select,button{font:inherit;padding:.4rem;border:1px solid var(--muted);"
	"border-radius:.25rem;background:var(--bg);color:var(--fg)}"
	"button{background:var(--accent);color:var(--bg);border-color:var(--accent);cursor:pointer}"
	"ul.partners{list-style:none;padding:0}"
	"ul.partners li{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;"
	"margin:.5rem 0}"
	".meta{color:var(--muted);font-size:.875rem}"
	"dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}"
	"dt{font-weight:600}dd{margin:0}"
	"table{border-collapse:collapse;width:100%}"
	"th,td{text-align:left;padding:.4rem;border-bottom:1px solid var(--line)}"
	"nav.pages{display:flex;gap:1rem;align-items:center}"
	".badge{display:block;margin:.5rem 0}"
	"</style>";

/* Everything up to <main>; title and description are text (escaped). */
static void page_begin(struct strbuf *sb, const char *title, const char *description)
{
	html_lit(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		     "<title>");
	html_text(sb, title);
	html_lit(sb, " · Partner directory</title>\n<meta name=\"description\" content=\"");
	html_attr(sb, description);
	html_lit(sb, "\">\n");
	strbuf_add(sb, style, sizeof(style) - 1);
	html_lit(sb, "\n</head>\n<body>\n<header><nav aria-label=\"Site\"><a href=\"/partners\">"
		     "Partner directory</a></nav></header>\n<main>\n");
}

static void page_end(struct strbuf *sb)
{
	html_lit(sb, "</main>\n<footer><p>Partner tiers are those of the partner programs, "
		     "as of today (UTC). <a href=\"/partners\">All partners</a></p></footer>\n"
		     "</body>\n</html>\n");
}

static int answer(struct http_request *r, int status, const char *ctype)
{
	r->status = status;
	r->ctype = ctype;
	r->cache_control = status == 200 ? PUBLIC_CACHE : NULL;
	return 0;
}

static int not_found_page(struct http_request *r, const char *what)
{
	strbuf_reset(&r->text);
	page_begin(&r->text, "Not found", what);
	html_lit(&r->text, "<h1>Not found</h1>\n<p>");
	html_text(&r->text, what);
	html_lit(&r->text, "</p>\n<p><a href=\"/partners\">Browse the partner directory</a></p>\n");
	page_end(&r->text);
	return answer(r, 404, HTML_TYPE);
}

/* Loads the catalog and the partner; 1 found, 0 answered 404, -1 answered an error. */
static int load_partner(struct http_request *r, struct catalog *cat, json_t **partner)
{
	struct strbuf err = STRBUF_INIT;
	const char *slug = http_param(r, "slug");
	int rc;

	*partner = NULL;
	if (catalog_load(r->store, cat, &err)) {
		http_fail_err(r, E_INTERNAL, &err);
		strbuf_release(&err);
		return -1;
	}
	rc = store_public_partner(r->store, slug ? slug : "", partner, &err);
	if (rc < 0)
		http_fail_err(r, E_INTERNAL, &err);
	strbuf_release(&err);
	return rc;
}

/* ---- the partner's presence, for the API ---- */

json_t *public_presence(struct http_request *r, const char *key)
{
	struct strbuf err = STRBUF_INIT, url = STRBUF_INIT;
	struct catalog cat;
	struct standing b;
	json_t *partner = NULL, *out = NULL;
	int rc;

	if (catalog_load(r->store, &cat, &err))
		goto out;
	rc = store_public_partner(r->store, key, &partner, &err);
	if (rc == 1) {
		bool listed = partner_listed(&cat, partner);
		out = json_object();
		json_object_set_new(out, "listed", json_boolean(listed));
		strbuf_addf(&url, "/partners/%s", key);
		json_object_set_new(out, "listing_url",
				    listed ? json_string(url.buf) : json_null());
		strbuf_reset(&url);
		strbuf_addf(&url, "/badges/%s.svg", key);
		json_object_set_new(out, "badge",
				    partner_badge(&cat, partner, &b)
					    ? json_pack("{s:s, s:s, s:s}", "program", b.program_key,
							"tier", b.tier_key, "url", url.buf)
					    : json_null());
	}
	catalog_release(&cat);
out:
	json_decref(partner);
	strbuf_release(&err);
	strbuf_release(&url);
	return out;
}

/* ---- /partners ---- */

struct option {
	const char *key, *name;
};

/* Adds key/name to opts (n of them, at most max) unless the key is there. */
static void option_add(struct option *opts, size_t *n, size_t max, const char *key,
		       const char *name)
{
	for (size_t i = 0; i < *n; i++) {
		if (!strcmp(opts[i].key, key))
			return;
	}
	if (*n < max)
		opts[(*n)++] = (struct option){key, name};
}

static void select_field(struct strbuf *sb, const char *id, const char *label,
			 const struct option *opts, size_t n, const char *selected)
{
	html_lit(sb, "<label for=\"f-");
	html_attr(sb, id);
	html_lit(sb, "\">");
	html_text(sb, label);
	html_lit(sb, " <select id=\"f-");
	html_attr(sb, id);
	html_lit(sb, "\" name=\"");
	html_attr(sb, id);
	html_lit(sb, "\"><option value=\"\">Any</option>");
	for (size_t i = 0; i < n; i++) {
		html_lit(sb, "<option value=\"");
		html_attr(sb, opts[i].key);
		html_lit(sb, "\"");
		if (selected && !strcmp(selected, opts[i].key))
			html_lit(sb, " selected");
		html_lit(sb, ">");
		html_text(sb, opts[i].name);
		html_lit(sb, "</option>");
	}
	html_lit(sb, "</select></label>\n");
}

static const char *const filter_names[] = {"q", "program", "product", "motion", "tier", "region"};

/* href="/partners?...&page=N" with the current filters. */
static void page_href(struct strbuf *sb, const char *const *values, int page)
{
	struct strbuf url = STRBUF_INIT;

	strbuf_adds(&url, "/partners?");
	for (size_t i = 0; i < ARRAY_SIZE(filter_names); i++) {
		if (!values[i] || !*values[i])
			continue;
		strbuf_adds(&url, filter_names[i]);
		strbuf_addch(&url, '=');
		url_component(&url, values[i]);
		strbuf_addch(&url, '&');
	}
	strbuf_addf(&url, "page=%d", page);
	html_lit(sb, " href=\"");
	html_attr(sb, url.buf);
	html_lit(sb, "\"");
	strbuf_release(&url);
}

static void search_form(struct strbuf *sb, const struct catalog *cat, json_t *regions,
			const char *const *v)
{
	struct option opts[PROGRAM_MAX_ITEMS * 4];
	size_t n = 0;
	json_t *reg;
	size_t i;

	html_lit(sb, "<form class=\"search\" method=\"get\" action=\"/partners\" role=\"search\" "
		     "aria-label=\"Search partners\">\n<label for=\"f-q\">Name <input id=\"f-q\" "
		     "name=\"q\" type=\"search\" value=\"");
	html_attr(sb, v[0]);
	html_lit(sb, "\"></label>\n");
	for (size_t k = 0; k < cat->n; k++)
		option_add(opts, &n, ARRAY_SIZE(opts), cat->programs[k]->key,
			   cat->programs[k]->name);
	select_field(sb, "program", "Program", opts, n, v[1]);
	n = 0;
	for (size_t k = 0; k < cat->n; k++) {
		for (int j = 0; j < cat->programs[k]->nproducts; j++)
			option_add(opts, &n, ARRAY_SIZE(opts), cat->programs[k]->products[j].key,
				   cat->programs[k]->products[j].name);
	}
	select_field(sb, "product", "Product", opts, n, v[2]);
	n = 0;
	for (size_t k = 0; k < cat->n; k++) {
		for (int j = 0; j < cat->programs[k]->nmotions; j++)
			option_add(opts, &n, ARRAY_SIZE(opts), cat->programs[k]->motions[j].key,
				   cat->programs[k]->motions[j].name);
	}
	select_field(sb, "motion", "Motion", opts, n, v[3]);
	n = 0;
	for (size_t k = 0; k < cat->n; k++) {
		const struct program *p = cat->programs[k];
		const struct benefit *b = find_benefit(p, BENEFIT_LIST);
		for (int j = 0; b && j < p->ntiers; j++) {
			if (b->grant[j] != GRANT_NONE)
				option_add(opts, &n, ARRAY_SIZE(opts), p->tiers[j].key,
					   p->tiers[j].name);
		}
	}
	select_field(sb, "tier", "Tier", opts, n, v[4]);
	n = 0;
	json_array_foreach(regions, i, reg)
	{
		const char *s = json_string_value(reg);
		option_add(opts, &n, ARRAY_SIZE(opts), s, s);
	}
	select_field(sb, "region", "Region", opts, n, v[5]);
	html_lit(sb, "<button type=\"submit\">Search</button>\n</form>\n");
}

static void directory_item(struct strbuf *sb, const struct catalog *cat, json_t *p)
{
	const char *key = json_string_value(json_object_get(p, "key"));
	const char *region = json_string_value(json_object_get(p, "region"));
	const char *description = json_string_value(json_object_get(p, "description"));
	struct strbuf excerpt = STRBUF_INIT;
	json_t *tiers = json_object_get(p, "tiers"), *tier;
	const char *program;
	bool first = true;

	html_lit(sb, "<li><h2><a");
	slug_href(sb, "/partners/", key, "");
	html_lit(sb, ">");
	html_text(sb, json_string_value(json_object_get(p, "name")));
	html_lit(sb, "</a></h2>\n<p class=\"meta\">");
	json_object_foreach(tiers, program, tier)
	{
		json_t *e = json_pack("{s:s, s:o, s:s}", "program", program, "tier",
				      json_incref(tier), "invited", "");
		struct standing s = standing_of(cat, e);
		if (s.tier_key) {
			if (!first)
				html_lit(sb, "; ");
			html_text(sb, tier_name(&s));
			html_lit(sb, " partner, ");
			html_text(sb, program_name(&s));
			first = false;
		}
		json_decref(e);
	}
	if (region && *region) {
		html_lit(sb, " · ");
		html_text(sb, region);
	}
	html_lit(sb, "</p>\n");
	utf8_excerpt(&excerpt, description, EXCERPT_CHARS);
	if (excerpt.len) {
		html_lit(sb, "<p class=\"excerpt\">");
		html_text(sb, excerpt.buf);
		html_lit(sb, "</p>\n");
	}
	strbuf_release(&excerpt);
	html_lit(sb, "<p class=\"meta\">Products: ");
	list_names(sb, cat, json_string_value(json_object_get(p, "products")), true);
	html_lit(sb, " · Motions: ");
	list_names(sb, cat, json_string_value(json_object_get(p, "motions")), false);
	html_lit(sb, "</p></li>\n");
}

int public_partners(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	struct catalog cat;
	const char *v[ARRAY_SIZE(filter_names)];
	const char *page_arg = http_query(r, "page");
	struct public_filter f;
	char *all = NULL, *allowed = NULL;
	json_t *items = NULL, *regions = NULL, *p;
	int64_t total = 0;
	int page = 1, pages;
	size_t i;
	struct strbuf *sb = &r->text;

	for (i = 0; i < ARRAY_SIZE(filter_names); i++)
		v[i] = http_query(r, filter_names[i]);
	f = (struct public_filter){.q = v[0], .product = v[2], .motion = v[3], .region = v[5]};
	if (page_arg) {
		char *end;
		long n = strtol(page_arg, &end, 10);
		if (*end || end == page_arg || n < 1 || n > MAX_PAGE)
			return not_found_page(r, "There is no such page of the directory.");
		page = (int)n;
	}
	if (catalog_load(r->store, &cat, &err)) {
		http_fail_err(r, E_INTERNAL, &err);
		strbuf_release(&err);
		return 0;
	}
	all = allowed_pairs(&cat, NULL, NULL);
	allowed = allowed_pairs(&cat, v[1], v[4]);
	if (!all || !allowed || store_public_regions(r->store, all, &regions, &err) ||
	    store_public_directory(r->store, allowed, &f, (int64_t)(page - 1) * PAGE_SIZE,
				   PAGE_SIZE, &items, &total, &err)) {
		http_fail_err(r, E_INTERNAL, &err);
		goto out;
	}
	pages = total ? (int)((total + PAGE_SIZE - 1) / PAGE_SIZE) : 1;

	page_begin(sb, "Partners", "Find technology partners by product, motion, tier and region.");
	html_lit(sb, "<h1>Partner directory</h1>\n");
	search_form(sb, &cat, regions, v);
	html_lit(sb, "<p class=\"meta\">");
	strbuf_addf(sb, "%" PRId64 " partner%s", total, total == 1 ? "" : "s");
	if (pages > 1)
		strbuf_addf(sb, ", page %d of %d", page, pages);
	html_lit(sb, "</p>\n");
	if (!json_array_size(items)) {
		html_lit(sb, "<p>No partner matches.</p>\n");
	} else {
		html_lit(sb, "<ul class=\"partners\">\n");
		json_array_foreach(items, i, p) directory_item(sb, &cat, p);
		html_lit(sb, "</ul>\n");
	}
	if (pages > 1) {
		html_lit(sb, "<nav class=\"pages\" aria-label=\"Pagination\">");
		if (page > 1) {
			html_lit(sb, "<a rel=\"prev\"");
			page_href(sb, v, page - 1);
			html_lit(sb, ">Previous</a>");
		}
		strbuf_addf(sb, "<span>Page %d of %d</span>", page, pages);
		if (page < pages) {
			html_lit(sb, "<a rel=\"next\"");
			page_href(sb, v, page + 1);
			html_lit(sb, ">Next</a>");
		}
		html_lit(sb, "</nav>\n");
	}
	page_end(sb);
	answer(r, 200, HTML_TYPE);
out:
	free(all);
	free(allowed);
	json_decref(items);
	json_decref(regions);
	catalog_release(&cat);
	strbuf_release(&err);
	return 0;
}

/* ---- /partners/{slug} ---- */

static bool published(const char *on, const char *today)
{
	return on && *on && strcmp(on, today) <= 0;
}

static int records(struct http_request *r, const char *kind, int64_t id, json_t **items)
{
	struct strbuf err = STRBUF_INIT;
	struct record_query q = {.partner_id = id, .limit = RECORDS_SHOWN};
	int64_t total;
	int rc = store_records_list(r->store, kind, &q, items, &total, &err);

	if (rc)
		http_fail_err(r, E_INTERNAL, &err);
	strbuf_release(&err);
	return rc;
}

static void badge_img(struct strbuf *sb, const char *slug, const struct standing *b)
{
	struct strbuf alt = STRBUF_INIT;

	strbuf_addf(&alt, "%s partner, %s", tier_name(b), program_name(b));
	html_lit(sb, "<img class=\"badge\" width=\"240\" height=\"56\" src=\"");
	{
		struct strbuf url = STRBUF_INIT;
		strbuf_adds(&url, "/badges/");
		url_component(&url, slug);
		strbuf_adds(&url, ".svg");
		html_attr(sb, url.buf);
		strbuf_release(&url);
	}
	html_lit(sb, "\" alt=\"");
	html_attr(sb, alt.buf);
	html_lit(sb, "\">\n");
	strbuf_release(&alt);
}

/* "NAME is a Bronze partner of PROGRAM." for the page's description and lead paragraph. */
static void describe(struct strbuf *out, const struct catalog *cat, json_t *partner)
{
	const char *region = json_string_value(json_object_get(partner, "region"));
	size_t i;
	json_t *e;
	bool first = true;

	strbuf_adds(out, json_string_value(json_object_get(partner, "name")));
	json_array_foreach(json_object_get(partner, "enrollments"), i, e)
	{
		struct standing s = standing_of(cat, e);
		if (!s.program || !granted(s.program, BENEFIT_LIST, s.tier, s.invited))
			continue;
		strbuf_addf(out, "%s %s partner of %s", first ? " is a" : " and a", tier_name(&s),
			    program_name(&s));
		first = false;
	}
	if (region && *region)
		strbuf_addf(out, ", in %s", region);
	strbuf_adds(out, ".");
}

/* The partner's own description: a paragraph per block of lines between blank lines. */
static void paragraphs(struct strbuf *sb, const char *text)
{
	const char *p = text, *para = NULL, *para_end = NULL;

	for (;;) {
		const char *nl = strchr(p, '\n'), *end = nl ? nl : p + strlen(p), *c;
		bool blank = true;
		for (c = p; c < end && blank; c++)
			blank = isspace((unsigned char)*c);
		if (!blank) {
			if (!para)
				para = p;
			para_end = end;
		}
		if ((blank || !nl) && para) {
			while (para_end > para && isspace((unsigned char)para_end[-1]))
				para_end--;
			html_lit(sb, "<p>");
			html_text_n(sb, para, (size_t)(para_end - para));
			html_lit(sb, "</p>\n");
			para = NULL;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
}

int public_partner(struct http_request *r)
{
	struct catalog cat;
	json_t *partner = NULL, *solutions = NULL, *stories = NULL, *x, *enr;
	struct strbuf desc = STRBUF_INIT, meta = STRBUF_INIT, *sb = &r->text;
	struct standing badge;
	const char *slug = http_param(r, "slug"), *domain, *region, *product, *own;
	char today[11];
	int64_t id;
	size_t i;
	bool has_own;
	int rc = load_partner(r, &cat, &partner);

	if (rc <= 0) {
		if (rc == 0)
			not_found_page(r, "There is no partner listing here.");
		goto out;
	}
	if (!partner_listed(&cat, partner)) {
		not_found_page(r, "There is no partner listing here.");
		goto out;
	}
	id = json_integer_value(json_object_get(partner, "id"));
	if (records(r, "solutions", id, &solutions) || records(r, "stories", id, &stories))
		goto out;
	date_format(date_today_utc(), today);
	domain = json_string_value(json_object_get(partner, "domain"));
	region = json_string_value(json_object_get(partner, "region"));
	own = json_string_value(json_object_get(partner, "description"));
	describe(&desc, &cat, partner);
	/* The partner's own words when it wrote some, else the sentence made from its tiers. */
	utf8_excerpt(&meta, own, EXCERPT_CHARS);
	has_own = meta.len > 0;
	if (!has_own)
		strbuf_addbuf(&meta, &desc);

	page_begin(sb, json_string_value(json_object_get(partner, "name")), meta.buf);
	html_lit(sb, "<article>\n<h1>");
	html_text(sb, json_string_value(json_object_get(partner, "name")));
	html_lit(sb, "</h1>\n");
	if (partner_badge(&cat, partner, &badge))
		badge_img(sb, slug, &badge);
	if (has_own) {
		html_lit(sb, "<div class=\"description\">\n");
		paragraphs(sb, own);
		html_lit(sb, "</div>\n");
	} else {
		html_lit(sb, "<p>");
		html_text(sb, desc.buf);
		html_lit(sb, "</p>\n");
	}
	html_lit(sb, "<dl>\n<dt>Website</dt><dd>");
	if (domain && *domain) {
		struct strbuf url = STRBUF_INIT;
		strbuf_adds(&url, "https://");
		strbuf_adds(&url, domain);
		if (html_url_ok(url.buf)) {
			html_lit(sb, "<a");
			html_url_attr(sb, "href", url.buf);
			html_lit(sb, " rel=\"nofollow noopener\">");
			html_text(sb, domain);
			html_lit(sb, "</a>");
		} else {
			html_text(sb, domain);
		}
		strbuf_release(&url);
	} else {
		html_lit(sb, "—");
	}
	html_lit(sb, "</dd>\n<dt>Region</dt><dd>");
	if (region && *region)
		html_text(sb, region);
	else
		html_lit(sb, "—");
	html_lit(sb, "</dd>\n<dt>Tiers</dt><dd>");
	{
		bool first = true;
		json_array_foreach(json_object_get(partner, "enrollments"), i, enr)
		{
			struct standing s = standing_of(&cat, enr);
			if (!s.tier_key)
				continue;
			if (!first)
				html_lit(sb, "; ");
			html_text(sb, tier_name(&s));
			html_lit(sb, ", ");
			html_text(sb, program_name(&s));
			first = false;
		}
		if (first)
			html_lit(sb, "—");
	}
	html_lit(sb, "</dd>\n<dt>Products</dt><dd>");
	list_names(sb, &cat, json_string_value(json_object_get(partner, "products")), true);
	html_lit(sb, "</dd>\n<dt>Motions</dt><dd>");
	list_names(sb, &cat, json_string_value(json_object_get(partner, "motions")), false);
	html_lit(sb, "</dd>\n</dl>\n<section aria-labelledby=\"solutions\">\n"
		     "<h2 id=\"solutions\">Solutions</h2>\n");
	{
		bool any = false;
		json_array_foreach(solutions, i, x)
		{
			if (!published(json_string_value(json_object_get(x, "launched_on")), today))
				continue;
			if (!any)
				html_lit(sb, "<ul>\n");
			any = true;
			html_lit(sb, "<li>");
			html_text(sb, json_string_value(json_object_get(x, "name")));
			html_lit(sb, " <span class=\"meta\">(");
			product = json_string_value(json_object_get(x, "product"));
			html_text(sb, item_name(&cat, product ? product : "", true));
			html_lit(sb, ")</span></li>\n");
		}
		if (any)
			html_lit(sb, "</ul>\n");
		else
			html_lit(sb, "<p>No launched solution yet.</p>\n");
	}
	html_lit(sb, "</section>\n<section aria-labelledby=\"stories\">\n"
		     "<h2 id=\"stories\">Customer stories</h2>\n");
	{
		bool any = false;
		json_array_foreach(stories, i, x)
		{
			const char *url = json_string_value(json_object_get(x, "url"));
			const char *customer = json_string_value(json_object_get(x, "customer"));
			if (!published(json_string_value(json_object_get(x, "published_on")),
				       today))
				continue;
			if (!any)
				html_lit(sb, "<ul>\n");
			any = true;
			html_lit(sb, "<li>");
			if (html_url_ok(url)) {
				html_lit(sb, "<a");
				html_url_attr(sb, "href", url);
				html_lit(sb, " rel=\"nofollow noopener\">");
				html_text(sb, json_string_value(json_object_get(x, "title")));
				html_lit(sb, "</a>");
			} else {
				html_text(sb, json_string_value(json_object_get(x, "title")));
			}
			if (customer && *customer) {
				html_lit(sb, " <span class=\"meta\">— ");
				html_text(sb, customer);
				html_lit(sb, "</span>");
			}
			html_lit(sb, "</li>\n");
		}
		if (any)
			html_lit(sb, "</ul>\n");
		else
			html_lit(sb, "<p>No published story yet.</p>\n");
	}
	html_lit(sb, "</section>\n<p><a");
	slug_href(sb, "/verify/", slug, "");
	html_lit(sb, ">Verify this partner's current tier</a></p>\n</article>\n");
	page_end(sb);
	answer(r, 200, HTML_TYPE);
out:
	strbuf_release(&desc);
	strbuf_release(&meta);
	json_decref(partner);
	json_decref(solutions);
	json_decref(stories);
	catalog_release(&cat);
	return 0;
}

/* ---- /badges/{slug}.svg ---- */

static const char *tier_color(const char *tier)
{
	if (!strcmp(tier, "gold"))
		return "#8a6d00";
	if (!strcmp(tier, "silver"))
		return "#59626e";
	if (!strcmp(tier, "bronze"))
		return "#8c4f1f";
	return "#0b5cad";
}

int public_badge(struct http_request *r)
{
	struct catalog cat;
	json_t *partner = NULL;
	struct standing b;
	struct strbuf label = STRBUF_INIT, *sb = &r->text;
	int rc = load_partner(r, &cat, &partner);

	if (rc < 0)
		goto out;
	if (rc == 0 || !partner_badge(&cat, partner, &b)) {
		strbuf_reset(sb);
		html_lit(sb,
			 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"56\" "
			 "viewBox=\"0 0 240 56\" role=\"img\" aria-label=\"No badge\">"
			 "<title>No badge</title><rect width=\"240\" height=\"56\" rx=\"8\" "
			 "fill=\"#eaeef2\"/><text x=\"120\" y=\"34\" text-anchor=\"middle\" "
			 "font-family=\"system-ui,sans-serif\" font-size=\"14\" "
			 "fill=\"#57606a\">No badge</text></svg>\n");
		answer(r, 404, SVG_TYPE);
		goto out;
	}
	strbuf_addf(&label, "%s partner, %s", tier_name(&b), program_name(&b));
	html_lit(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
		     "xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"56\" "
		     "viewBox=\"0 0 240 56\" role=\"img\" aria-label=\"");
	html_attr(sb, label.buf);
	html_lit(sb, "\"><title>");
	html_text(sb, label.buf);
	html_lit(sb, "</title><rect width=\"240\" height=\"56\" rx=\"8\" fill=\"");
	html_attr(sb, tier_color(b.tier_key));
	html_lit(sb, "\"/><text x=\"120\" y=\"25\" text-anchor=\"middle\" "
		     "font-family=\"system-ui,sans-serif\" font-size=\"18\" font-weight=\"700\" "
		     "fill=\"#fff\">");
	html_text(sb, tier_name(&b));
	html_lit(sb, " partner</text><text x=\"120\" y=\"44\" text-anchor=\"middle\" "
		     "font-family=\"system-ui,sans-serif\" font-size=\"11\" fill=\"#fff\" "
		     "textLength=\"224\" lengthAdjust=\"spacingAndGlyphs\">");
	html_text(sb, program_name(&b));
	html_lit(sb, "</text></svg>\n");
	answer(r, 200, SVG_TYPE);
out:
	strbuf_release(&label);
	json_decref(partner);
	catalog_release(&cat);
	return 0;
}

/* ---- /verify/{slug} ---- */

int public_verify(struct http_request *r)
{
	struct catalog cat;
	json_t *partner = NULL, *e;
	struct strbuf title = STRBUF_INIT, *sb = &r->text;
	const char *slug = http_param(r, "slug"), *name, *domain;
	char today[11];
	bool good = false;
	size_t i;
	int rc = load_partner(r, &cat, &partner);

	if (rc <= 0) {
		if (rc == 0)
			not_found_page(r, "There is no such partner.");
		goto out;
	}
	if (!json_is_true(json_object_get(partner, "active"))) {
		not_found_page(r, "There is no such partner.");
		goto out;
	}
	date_format(date_today_utc(), today);
	name = json_string_value(json_object_get(partner, "name"));
	domain = json_string_value(json_object_get(partner, "domain"));
	json_array_foreach(json_object_get(partner, "enrollments"), i, e)
	{
		if (json_string_value(json_object_get(e, "tier")))
			good = true;
	}
	strbuf_addf(&title, "Verify %s", name);
	page_begin(sb, title.buf, "A partner's current tier in each partner program, as of today.");
	html_lit(sb, "<h1>");
	html_text(sb, title.buf);
	html_lit(sb, "</h1>\n<p>As of <time datetime=\"");
	html_attr(sb, today);
	html_lit(sb, "\">");
	html_text(sb, today);
	html_lit(sb, "</time> (UTC), ");
	html_text(sb, name);
	if (good)
		html_lit(sb, " is a partner <strong>in good standing</strong>.</p>\n");
	else
		html_lit(sb, " is <strong>not in good standing</strong> in any program.</p>\n");
	html_lit(sb, "<dl>\n<dt>Partner</dt><dd>");
	html_text(sb, name);
	html_lit(sb, "</dd>\n<dt>Domain</dt><dd>");
	if (domain && *domain)
		html_text(sb, domain);
	else
		html_lit(sb, "—");
	html_lit(sb, "</dd>\n</dl>\n<table>\n<caption>Current tiers</caption>\n<thead><tr>"
		     "<th scope=\"col\">Program</th><th scope=\"col\">Tier</th>"
		     "<th scope=\"col\">Standing</th></tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(partner, "enrollments"), i, e)
	{
		struct standing s = standing_of(&cat, e);
		html_lit(sb, "<tr><td>");
		html_text(sb, program_name(&s));
		html_lit(sb, "</td><td>");
		html_text(sb, tier_name(&s));
		html_lit(sb, "</td><td>");
		if (s.tier_key)
			html_lit(sb, "In good standing");
		else
			html_lit(sb, "Not in good standing");
		html_lit(sb, "</td></tr>\n");
	}
	html_lit(sb, "</tbody>\n</table>\n");
	if (partner_listed(&cat, partner)) {
		html_lit(sb, "<p><a");
		slug_href(sb, "/partners/", slug, "");
		html_lit(sb, ">The partner's listing</a></p>\n");
	}
	page_end(sb);
	answer(r, 200, HTML_TYPE);
out:
	strbuf_release(&title);
	json_decref(partner);
	catalog_release(&cat);
	return 0;
}

/*
 * The home page, until the portal takes it: where to go. Public and static:
 * the directory, the API and its OpenAPI document, and the operations URLs.
 */
int public_home(struct http_request *r)
{
	struct strbuf *sb = &r->text;

	strbuf_reset(sb);
	page_begin(sb, "Consort", "Consort: partner program management.");
	html_lit(sb,
		 "<h1>Consort</h1>\n"
		 "<p>Partner program management: tiers, benefits, requirements and the partners "
		 "who meet them.</p>\n<ul>\n"
		 "<li><a href=\"/app/\">Partner portal</a>: partners and the partnerships team "
		 "sign in here</li>\n"
		 "<li><a href=\"/partners\">Partner directory</a>: listed partners, their "
		 "solutions and tier badges</li>\n"
		 "<li><a href=\"/api/v1/openapi.json\">HTTP API</a> (OpenAPI 3.1): sign in with "
		 "<code>POST /api/v1/session</code> or use an API token</li>\n"
		 "<li><a href=\"/healthz\">Health</a> and <a href=\"/metrics\">metrics</a></li>\n"
		 "</ul>\n");
	page_end(sb);
	return answer(r, 200, HTML_TYPE);
}
