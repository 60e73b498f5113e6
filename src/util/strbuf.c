#include "util/common.h"
#include "util/alloc.h"
#include "util/strbuf.h"

/*
 * The shared empty buffer of every unallocated strbuf.  Nothing writes to it:
 * strbuf_setlen() skips the NUL store while alloc is 0.
 */
char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->alloc = sb->len = sb->max = 0;
	sb->buf = strbuf_slopbuf;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb->alloc = sb->len = 0;
	sb->buf = strbuf_slopbuf;
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;

	if (len)
		*len = sb->len;
	if (!sb->alloc) {
		res = xmalloc(1);
		res[0] = '\0';
	} else {
		res = sb->buf;
	}
	sb->alloc = sb->len = 0;
	sb->buf = strbuf_slopbuf;
	return res;
}

/* Grows the allocation so that `extra` more content bytes fit; no cap check. */
static void grow_alloc(struct strbuf *sb, size_t extra)
{
	size_t need;
	bool fresh = !sb->alloc;

	if (extra > SIZE_MAX - sb->len - 1) {
		fputs("consort: out of memory\n", stderr);
		abort();
	}
	need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	if (fresh)
		sb->buf = NULL;
	ALLOC_GROW(sb->buf, need, sb->alloc);
	if (fresh)
		sb->buf[0] = '\0';
}

static bool over_max(const struct strbuf *sb, size_t extra)
{
	return sb->max && (extra > sb->max || sb->len > sb->max - extra);
}

int strbuf_grow(struct strbuf *sb, size_t extra)
{
	if (over_max(sb, extra))
		return -1;
	grow_alloc(sb, extra);
	return 0;
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (len > (sb->alloc ? sb->alloc - 1 : 0)) {
		fputs("consort: BUG: strbuf_setlen beyond allocation\n", stderr);
		abort();
	}
	sb->len = len;
	if (sb->alloc)
		sb->buf[len] = '\0';
}

void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

int strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	const char *p = data;

	if (!len)
		return 0;
	if (over_max(sb, len))
		return -1;
	if (sb->alloc && p >= sb->buf && p < sb->buf + sb->alloc) {
		/* Appending from ourselves: the block may move when it grows. */
		size_t off = (size_t)(p - sb->buf);

		grow_alloc(sb, len);
		p = sb->buf + off;
	} else {
		grow_alloc(sb, len);
	}
	memcpy(sb->buf + sb->len, p, len);
	strbuf_setlen(sb, sb->len + len);
	return 0;
}

int strbuf_adds(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int strbuf_addch(struct strbuf *sb, int c)
{
	if (over_max(sb, 1))
		return -1;
	if (!strbuf_avail(sb))
		grow_alloc(sb, 1);
	sb->buf[sb->len++] = (char)(unsigned char)c;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_addbuf(struct strbuf *sb, const struct strbuf *other)
{
	return strbuf_add(sb, other->buf, other->len);
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return ret;
}

int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	/* Never format into the slopbuf: give it a real block first. */
	if (!sb->alloc)
		grow_alloc(sb, 64);
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, strbuf_avail(sb) + 1, fmt, cp);
	va_end(cp);
	if (n < 0 || over_max(sb, (size_t)n)) {
		sb->buf[sb->len] = '\0';
		return -1;
	}
	if ((size_t)n > strbuf_avail(sb)) {
		grow_alloc(sb, (size_t)n);
		va_copy(cp, ap);
		n = vsnprintf(sb->buf + sb->len, strbuf_avail(sb) + 1, fmt, cp);
		va_end(cp);
		if (n < 0 || (size_t)n > strbuf_avail(sb)) {
			sb->buf[sb->len] = '\0';
			return -1;
		}
	}
	strbuf_setlen(sb, sb->len + (size_t)n);
	return 0;
}

static bool is_ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

void strbuf_rtrim(struct strbuf *sb)
{
	size_t len = sb->len;

	while (len && is_ascii_space(sb->buf[len - 1]))
		len--;
	strbuf_setlen(sb, len);
}

void strbuf_ltrim(struct strbuf *sb)
{
	size_t skip = 0;

	while (skip < sb->len && is_ascii_space(sb->buf[skip]))
		skip++;
	if (!skip)
		return;
	memmove(sb->buf, sb->buf + skip, sb->len - skip);
	strbuf_setlen(sb, sb->len - skip);
}

void strbuf_trim(struct strbuf *sb)
{
	strbuf_rtrim(sb);
	strbuf_ltrim(sb);
}
