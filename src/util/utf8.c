#include "util/common.h"

#include "util/strbuf.h"
#include "util/utf8.h"

size_t utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i];
		size_t n;
		unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			if (c == 0xe0)
				lo = 0xa0; /* overlong */
			else if (c == 0xed)
				hi = 0x9f; /* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			if (c == 0xf0)
				lo = 0x90; /* overlong */
			else if (c == 0xf4)
				hi = 0x8f; /* above U+10FFFF */
		} else {
			return i;
		}
		if (len - i <= n || p[i + 1] < lo || p[i + 1] > hi)
			return i;
		for (size_t k = 2; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
		}
		i += n + 1;
	}
	return len;
}

void utf8_excerpt(struct strbuf *out, const char *s, size_t max_chars)
{
	size_t start = out->len, chars = 0, cut = 0;
	bool space = false, cut_at_space = false;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isspace(c)) {
			space = out->len > start;
			continue;
		}
		if ((c & 0xc0) != 0x80) {
			/* A new character (and the space before it) would make max_chars + 1. */
			if (chars + space >= max_chars) {
				/* Mid-word: back to the last space, if any. */
				if (space || !cut_at_space)
					cut = out->len;
				strbuf_setlen(out, cut);
				strbuf_adds(out, "\xe2\x80\xa6"); /* … */
				return;
			}
			if (space) {
				cut = out->len;
				cut_at_space = true;
				strbuf_addch(out, ' ');
				chars++;
				space = false;
			}
			chars++;
		}
		strbuf_addch(out, (char)c);
	}
}
