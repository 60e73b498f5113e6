/* The built web app (web/, Vite's output), embedded by scripts/embed-web. */
#ifndef CONSORT_HTTP_WEB_ASSETS_H
#define CONSORT_HTTP_WEB_ASSETS_H

#include <stddef.h>

struct web_asset {
	const char *path;  /* relative to the app's root: "index.html", "assets/index-1a2b.js" */
	const char *ctype; /* Content-Type */
	const unsigned char *data;
	size_t len;
	const unsigned char *gz; /* gzip copy, NULL when it would not be smaller */
	size_t gz_len;
};

extern const struct web_asset web_assets[]; /* sorted by path */
extern const size_t web_nassets;

#endif
