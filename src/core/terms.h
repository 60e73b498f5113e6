/*
 * The Terms of Service partners accept online. The document is Markdown:
 * its first line is "Version: V" (the version an acceptance records), then
 * a "# Title" heading, then the body. docs/terms-of-service.md is embedded in
 * the binary at build time (scripts/embed-text writes
 * build/gen/terms_of_service.c); `consort serve --tos-file FILE` serves
 * another document instead (docs/configuration.md).
 */
#ifndef CONSORT_CORE_TERMS_H
#define CONSORT_CORE_TERMS_H

#include <stddef.h>

struct strbuf;

/* docs/terms-of-service.md as built into the binary. */
extern const char terms_of_service_md[];     /* NUL-terminated */
extern const size_t terms_of_service_md_len; /* without the NUL */

#define TERMS_MAX_VERSION 64

struct terms {
	char *version; /* "2026-01": letters, digits, '.', '_', '-' */
	char *title;   /* the heading's text */
	char *body;    /* Markdown: everything after the heading, blank lines trimmed */
};

/*
 * Parses a document (`where` names it in messages). Returns 0, or -1 with
 * "WHERE:LINE: problem" in err: not UTF-8, no "Version: V" first line, an
 * invalid version, no "# Title" heading after it, an empty body.
 */
int terms_parse(const char *where, const char *text, size_t len, struct terms *out,
		struct strbuf *err);

/* Reads and parses the document at path; NULL parses the built-in one. */
int terms_load(const char *path, struct terms *out, struct strbuf *err);

void terms_release(struct terms *t);

#endif
