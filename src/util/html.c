/* The escaping HTML writer (see html.h). */
#include "util/common.h"

#include "util/html.h"
#include "util/utf8.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* One valid UTF-8 sequence or ASCII byte at s[0..n), escaped. */
static void put_escaped(struct strbuf *sb, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;

		switch (c) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				rep = REPLACEMENT;
			else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
				 (unsigned char)s[i + 1] <= 0x9f) {
				/* C1 control (U+0080..U+009F): two bytes */
				strbuf_add(sb, s + start, i - start);
				strbuf_adds(sb, REPLACEMENT);
				i++;
				start = i + 1;
				continue;
			}
			break;
		}
		if (rep) {
			strbuf_add(sb, s + start, i - start);
			strbuf_adds(sb, rep);
			start = i + 1;
		}
	}
	strbuf_add(sb, s + start, n - start);
}

void html_text_n(struct strbuf *sb, const char *s, size_t len)
{
	while (len) {
		size_t ok = utf8_invalid_at(s, len);
		put_escaped(sb, s, ok);
		if (ok == len)
			break;
		/* one invalid byte at a time */
		strbuf_adds(sb, REPLACEMENT);
		s += ok + 1;
		len -= ok + 1;
	}
}

void html_text(struct strbuf *sb, const char *s)
{
	if (s)
		html_text_n(sb, s, strlen(s));
}

void html_attr(struct strbuf *sb, const char *s)
{
	html_text(sb, s);
}

bool html_url_ok(const char *s)
{
	size_t skip;

	if (!s)
		return false;
	if (!strncasecmp(s, "https://", 8))
		skip = 8;
	else if (!strncasecmp(s, "http://", 7))
		skip = 7;
	else
		return false;
	/* a host: something before the path, and not a second slash */
	if (!s[skip] || s[skip] == '/' || s[skip] == '?' || s[skip] == '#')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '\'' || *p == '<' || *p == '>' ||
		    *p == '\\' || *p == '`')
			return false;
	}
	return utf8_invalid_at(s, strlen(s)) == strlen(s);
}

bool html_url_attr(struct strbuf *sb, const char *name, const char *url)
{
	if (!html_url_ok(url))
		return false;
	strbuf_addch(sb, ' ');
	strbuf_adds(sb, name);
	html_lit(sb, "=\"");
	html_attr(sb, url);
	strbuf_addch(sb, '"');
	return true;
}
