/* The Terms of Service document (core/terms.h). */
#include "util/common.h"

#include "core/terms.h"
#include "util/alloc.h"
#include "util/file.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#define TERMS_MAX_BYTES (1 << 20)

static bool version_char(int ch)
{
	return isalnum(ch) || ch == '.' || ch == '_' || ch == '-';
}

/* The line at *p (without its line break); *p moves past it. */
static const char *next_line(const char **p, const char *end, size_t *len)
{
	const char *line = *p, *nl = memchr(line, '\n', (size_t)(end - line));

	*len = nl ? (size_t)(nl - line) : (size_t)(end - line);
	*p = nl ? nl + 1 : end;
	if (*len && line[*len - 1] == '\r')
		(*len)--;
	return line;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (!isspace((unsigned char)s[i]))
			return false;
	}
	return true;
}

int terms_parse(const char *where, const char *text, size_t len, struct terms *out,
		struct strbuf *err)
{
	const char *p = text, *end = text + len, *line, *v, *body;
	size_t n, vlen;
	unsigned lineno = 1;

	memset(out, 0, sizeof(*out));
	if (utf8_invalid_at(text, len) < len || memchr(text, '\0', len)) {
		strbuf_addf(err, "%s: not a UTF-8 text file", where);
		return -1;
	}
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	line = next_line(&p, end, &n);
	if (n < 8 || memcmp(line, "Version:", 8)) {
		strbuf_addf(err,
			    "%s:1: the first line must be 'Version: V' (the document's version)",
			    where);
		return -1;
	}
	for (v = line + 8; v < line + n && (*v == ' ' || *v == '\t'); v++)
		;
	for (vlen = (size_t)(line + n - v); vlen && isspace((unsigned char)v[vlen - 1]); vlen--)
		;
	for (size_t i = 0; i < vlen; i++) {
		if (!version_char((unsigned char)v[i]))
			vlen = 0;
	}
	if (!vlen || vlen > TERMS_MAX_VERSION) {
		strbuf_addf(err, "%s:1: invalid version '%.*s': 1 to %d letters, digits and . _ -",
			    where, (int)(line + n - v), v, TERMS_MAX_VERSION);
		return -1;
	}
	do {
		line = next_line(&p, end, &n);
		lineno++;
	} while (p < end && blank(line, n));
	if (n < 3 || memcmp(line, "# ", 2) || blank(line + 2, n - 2)) {
		strbuf_addf(err,
			    "%s:%u: expected the title, a heading '# Title', after the version",
			    where, lineno);
		return -1;
	}
	while (p < end && isspace((unsigned char)*p))
		p++;
	body = p;
	while (end > body && isspace((unsigned char)end[-1]))
		end--;
	if (end == body) {
		strbuf_addf(err, "%s: the document has a title but no text", where);
		return -1;
	}
	for (line += 2, n -= 2; n && isspace((unsigned char)*line); line++, n--)
		;
	while (n && isspace((unsigned char)line[n - 1]))
		n--;
	out->version = xstrndup(v, vlen);
	out->title = xstrndup(line, n);
	out->body = xstrndup(body, (size_t)(end - body));
	return 0;
}

int terms_load(const char *path, struct terms *out, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT_MAX(TERMS_MAX_BYTES);
	int rc;

	if (!path)
		return terms_parse("the built-in Terms of Service", terms_of_service_md,
				   terms_of_service_md_len, out, err);
	memset(out, 0, sizeof(*out));
	if (file_read_all(path, &text, err)) {
		strbuf_release(&text);
		return -1;
	}
	rc = terms_parse(path, text.buf, text.len, out, err);
	strbuf_release(&text);
	return rc;
}

void terms_release(struct terms *t)
{
	free(t->version);
	free(t->title);
	free(t->body);
	memset(t, 0, sizeof(*t));
}
