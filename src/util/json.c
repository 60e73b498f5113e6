#include "util/common.h"

#include "util/alloc.h"
#include "util/json.h"
#include "util/strbuf.h"
#include "util/utf8.h"

int json_write_string(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	char *d, *start;
	bool checked = false;
	int rc = 0;

	if (strbuf_avail(sb) < n * 6 + 2)
		strbuf_grow(sb, n * 6 + 2);
	d = start = sb->buf + sb->len;
	*d++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			if (c >= 0x80 && !checked) {
				checked = true;
				if (utf8_invalid_at(s, n) != n)
					rc = -1;
			}
			*d++ = (char)c;
			continue;
		}
		*d++ = '\\';
		switch (c) {
		case '"':
		case '\\':
			*d++ = (char)c;
			break;
		case '\b':
			*d++ = 'b';
			break;
		case '\f':
			*d++ = 'f';
			break;
		case '\n':
			*d++ = 'n';
			break;
		case '\r':
			*d++ = 'r';
			break;
		case '\t':
			*d++ = 't';
			break;
		default:
			*d++ = 'u';
			*d++ = '0';
			*d++ = '0';
			*d++ = hex[c >> 4];
			*d++ = hex[c & 15];
		}
	}
	*d++ = '"';
	sb->len += (size_t)(d - start);
	sb->buf[sb->len] = '\0';
	return rc;
}

json_t *json_text(const char *s)
{
	json_t *j = json_string(s ? s : "");
	char *t;

	if (j)
		return j;
	t = xstrdup(s);
	for (char *p = t; *p; p++) {
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	}
	j = json_string(t);
	free(t);
	return j;
}

json_t *json_opt_text(const char *s)
{
	return s && *s ? json_text(s) : json_null();
}
