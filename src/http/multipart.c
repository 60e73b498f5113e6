/*
 * multipart/form-data parsing (multipart.h). A body is
 *
 *   [preamble CRLF] --B [padding] CRLF headers CRLF content
 *   CRLF --B [padding] CRLF headers CRLF content ... CRLF --B-- [epilogue]
 *
 * where B is the boundary, padding spaces and tabs, and headers lines ending
 * in CRLF. Content runs up to the next CRLF--B, which RFC 2046 forbids inside
 * it, so each part is found by one search and never copied.
 */
#include "util/common.h"

#include "http/multipart.h"
#include "util/strbuf.h"

static bool is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && is_ws(*p))
		p++;
	return p;
}

/* A bounded copy: text past size - 1 bytes is dropped and marked cut. */
struct text {
	char *buf;
	size_t size, len;
	bool cut;
};

static void text_reset(struct text *t)
{
	t->len = 0;
	t->buf[0] = '\0';
	t->cut = false;
}

static void text_addch(struct text *t, char c)
{
	if (t->len + 1 < t->size) {
		t->buf[t->len++] = c;
		t->buf[t->len] = '\0';
	} else {
		t->cut = true;
	}
}

/*
 * One "; name=value" parameter at *pp (up to end), the value a token or a
 * quoted string (backslash escapes undone). 1 with the parameter in n and v,
 * 0 at the end, -1 when malformed.
 */
static int next_param(const char **pp, const char *end, struct text *n, struct text *v)
{
	const char *p = skip_ws(*pp, end);

	text_reset(n);
	text_reset(v);
	if (p < end && *p == ';')
		p = skip_ws(p + 1, end);
	else if (p < end)
		return -1;
	if (p == end) { /* the end, or a trailing ';' */
		*pp = p;
		return 0;
	}
	while (p < end && *p != '=' && *p != ';' && *p != '"' && !is_ws(*p))
		text_addch(n, *p++);
	p = skip_ws(p, end);
	if (!n->len || p == end || *p != '=')
		return -1;
	p = skip_ws(p + 1, end);
	if (p < end && *p == '"') {
		for (p++;; p++) {
			if (p == end)
				return -1; /* unterminated */
			if (*p == '"')
				break;
			if (*p == '\\' && ++p == end)
				return -1;
			text_addch(v, *p);
		}
		p++;
	} else {
		while (p < end && *p != ';' && !is_ws(*p)) {
			if (*p == '"')
				return -1;
			text_addch(v, *p++);
		}
		if (!v->len)
			return -1;
	}
	*pp = p;
	return 1;
}

/* RFC 2046 bchars: these, and spaces but not at the end. */
static bool boundary_ok(const char *b, size_t len)
{
	static const char extra[] = "'()+_,-./:=? ";

	if (!len || len > MULTIPART_BOUNDARY_MAX || b[len - 1] == ' ')
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!isalnum((unsigned char)b[i]) && !strchr(extra, b[i]))
			return false;
	}
	return true;
}

int multipart_boundary(const char *content_type, char out[MULTIPART_BOUNDARY_MAX + 1],
		       struct strbuf *err)
{
	static const char type[] = "multipart/form-data";
	char nbuf[32], vbuf[MULTIPART_BOUNDARY_MAX + 2];
	struct text n = {nbuf, sizeof(nbuf), 0, false}, v = {vbuf, sizeof(vbuf), 0, false};
	const char *p, *end;
	bool found = false;
	int rc;

	out[0] = '\0';
	if (!content_type) {
		strbuf_adds(err, "no Content-Type: expected multipart/form-data");
		return -1;
	}
	end = content_type + strlen(content_type);
	p = skip_ws(content_type, end);
	if ((size_t)(end - p) < sizeof(type) - 1 || strncasecmp(p, type, sizeof(type) - 1) ||
	    (p[sizeof(type) - 1] && p[sizeof(type) - 1] != ';' && !is_ws(p[sizeof(type) - 1]))) {
		strbuf_adds(err, "expected Content-Type multipart/form-data");
		return -1;
	}
	p += sizeof(type) - 1;
	while ((rc = next_param(&p, end, &n, &v)) == 1) {
		if (n.cut || strcasecmp(nbuf, "boundary"))
			continue;
		if (found) {
			strbuf_adds(err, "multipart Content-Type with two boundary parameters");
			goto fail;
		}
		found = true;
		if (v.cut || !boundary_ok(vbuf, v.len)) {
			strbuf_adds(err, "invalid multipart boundary: 1 to 70 letters, digits and "
					 "'()+_,-./:=? (no space at the end)");
			goto fail;
		}
		memcpy(out, vbuf, v.len + 1);
	}
	if (rc < 0) {
		strbuf_adds(err, "malformed parameters in the multipart Content-Type");
		goto fail;
	}
	if (!found) {
		strbuf_adds(err, "multipart Content-Type without a boundary parameter");
		goto fail;
	}
	return 0;
fail:
	out[0] = '\0';
	return -1;
}

/* What a part's headers say about it. */
struct part_head {
	bool form_data, named; /* Content-Disposition form-data, with the name wanted */
	struct text filename, ctype;
};

static int disposition(const char *p, const char *end, const char *want, struct part_head *h)
{
	char nbuf[32], vbuf[256];
	struct text n = {nbuf, sizeof(nbuf), 0, false}, v = {vbuf, sizeof(vbuf), 0, false};
	const char *t = p;
	int rc;

	while (p < end && *p != ';' && !is_ws(*p))
		p++;
	h->form_data = (size_t)(p - t) == 9 && !strncasecmp(t, "form-data", 9);
	h->named = false;
	text_reset(&h->filename);
	while ((rc = next_param(&p, end, &n, &v)) == 1) {
		if (n.cut)
			continue;
		if (!strcasecmp(nbuf, "name"))
			h->named = !v.cut && !strcmp(vbuf, want);
		else if (!strcasecmp(nbuf, "filename")) {
			text_reset(&h->filename);
			for (size_t i = 0; i < v.len; i++)
				text_addch(&h->filename, vbuf[i]);
		}
	}
	return rc;
}

/* One header line [p, end) of a part. */
static int header(const char *p, const char *end, const char *want, struct part_head *h)
{
	const char *colon = memchr(p, ':', (size_t)(end - p));
	const char *v;
	size_t nlen;

	if (!colon || colon == p)
		return -1;
	nlen = (size_t)(colon - p);
	v = skip_ws(colon + 1, end);
	while (end > v && is_ws(end[-1]))
		end--;
	if (nlen == 19 && !strncasecmp(p, "Content-Disposition", 19))
		return disposition(v, end, want, h) < 0 ? -1 : 0;
	if (nlen == 12 && !strncasecmp(p, "Content-Type", 12)) {
		text_reset(&h->ctype);
		for (; v < end; v++)
			text_addch(&h->ctype, *v);
	}
	return 0;
}

static int find_part(const char *content_type, const char *body, size_t len, const char *name,
		     struct multipart_part *out, struct strbuf *err)
{
	char boundary[MULTIPART_BOUNDARY_MAX + 1], delim[MULTIPART_BOUNDARY_MAX + 5];
	const char *end = body + len, *p, *q;
	size_t dlen, nparts = 0;
	int found = 0;

	memset(out, 0, sizeof(*out));
	if (multipart_boundary(content_type, boundary, err))
		return -1;
	/* delim is CRLF--B; the opening one may lack the CRLF at the very start. */
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2)) {
		p = body + dlen - 2;
	} else {
		q = len ? memmem(body, len, delim, dlen) : NULL;
		if (!q) {
			strbuf_adds(err, "malformed multipart body: no opening boundary line");
			return -1;
		}
		p = q + dlen;
	}
	for (;;) {
		char fbuf[sizeof(out->filename)], cbuf[sizeof(out->ctype)];
		struct part_head h = {.filename = {fbuf, sizeof(fbuf), 0, false},
				      .ctype = {cbuf, sizeof(cbuf), 0, false}};

		/* p is just past a delimiter: "--" closes, else padding and CRLF. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;
		p = skip_ws(p, end);
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
			strbuf_addf(err, "malformed multipart body: %s after boundary line %zu",
				    end - p < 2 ? "the body ends" : "no CRLF", nparts + 1);
			return -1;
		}
		p += 2;
		nparts++;
		text_reset(&h.filename);
		text_reset(&h.ctype);
		for (;;) {
			const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
			if (!eol) {
				strbuf_addf(
					err,
					"malformed multipart body: the headers of part %zu do not "
					"end with an empty line (truncated?)",
					nparts);
				return -1;
			}
			if (eol == p) {
				p += 2;
				break;
			}
			if (header(p, eol, name, &h)) {
				strbuf_addf(err,
					    "malformed multipart body: bad header line in part %zu",
					    nparts);
				return -1;
			}
			p = eol + 2;
		}
		q = memmem(p, (size_t)(end - p), delim, dlen);
		if (!q) {
			strbuf_addf(
				err,
				"malformed multipart body: part %zu does not end with a boundary "
				"line (truncated?)",
				nparts);
			return -1;
		}
		if (h.form_data && h.named) {
			if (found) {
				strbuf_addf(err, "malformed multipart body: two parts named '%s'",
					    name);
				return -1;
			}
			found = 1;
			out->data = p;
			out->len = (size_t)(q - p);
			memcpy(out->filename, fbuf, h.filename.len + 1);
			memcpy(out->ctype, cbuf, h.ctype.len + 1);
		}
		p = q + dlen;
	}
	return found;
}

int multipart_find(const char *content_type, const char *body, size_t len, const char *name,
		   struct multipart_part *out, struct strbuf *err)
{
	int rc = find_part(content_type, body, len, name, out, err);

	if (rc != 1)
		memset(out, 0, sizeof(*out));
	return rc;
}
