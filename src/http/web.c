/*
 * The web portal: the single-page app built from web/ (scripts/embed-web puts
 * it in the binary) and served under /app/. Hashed files under assets/ are
 * cached for a year; every other path under /app/ is one of the app's own
 * pages, so it answers index.html and the app's router takes over.
 */
#include "util/common.h"

#include "http/api.h"
#include "http/http_int.h"
#include "http/web_assets.h"

#define IMMUTABLE "public, max-age=31536000, immutable"
#define CSP                                                                                        \
	"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "          \
	"connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "         \
	"form-action 'self'"

static int by_path(const void *key, const void *elem)
{
	return strcmp(key, ((const struct web_asset *)elem)->path);
}

static const struct web_asset *find(const char *path)
{
	return bsearch(path, web_assets, web_nassets, sizeof(web_assets[0]), by_path);
}

/* Whether Accept-Encoding lists gzip without refusing it (";q=0"). */
static bool accepts_gzip(const struct http_request *r)
{
	const char *ae = http_header(r, "Accept-Encoding"), *g, *q;

	if (!ae || !(g = strstr(ae, "gzip")))
		return false;
	g += 4;
	while (*g == ' ')
		g++;
	if (*g != ';')
		return true;
	q = strstr(g, "q=");
	return !q || strtod(q + 2, NULL) > 0;
}

static int serve(struct http_request *r, const struct web_asset *a, const char *cache)
{
	if (a->gz) {
		http_add_header(r, "Vary", "Accept-Encoding");
		if (accepts_gzip(r)) {
			http_add_header(r, "Content-Encoding", "gzip");
			r->fixed = a->gz;
			r->fixed_len = a->gz_len;
		}
	}
	if (!r->fixed) {
		r->fixed = a->data;
		r->fixed_len = a->len;
	}
	r->ctype = a->ctype;
	r->cache_control = cache;
	r->status = 200;
	return 0;
}

static int serve_index(struct http_request *r)
{
	const struct web_asset *a = find("index.html");

	if (!a)
		return http_fail(r, E_NOT_FOUND, NULL,
				 "the web portal is not built into this binary");
	http_add_header(r, "Content-Security-Policy", CSP);
	http_add_header(r, "X-Frame-Options", "DENY");
	http_add_header(r, "Referrer-Policy", "same-origin");
	return serve(r, a, "no-cache");
}

int web_app(struct http_request *r)
{
	const char *path = http_param(r, "path");
	const struct web_asset *a;

	if (!path || !*path || !strcmp(path, "index.html"))
		return serve_index(r);
	a = find(path);
	if (!strncmp(path, "assets/", 7)) {
		if (!a)
			return http_fail(r, E_NOT_FOUND, NULL, "no such file: /app/%s", path);
		return serve(r, a, IMMUTABLE);
	}
	if (a)
		return serve(r, a, "public, max-age=3600");
	return serve_index(r);
}
