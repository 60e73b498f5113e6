/*
 * Growable, NUL-terminated byte buffer with an optional size cap (git's
 * strbuf, curl's dynbuf).
 *
 * Invariants, after STRBUF_INIT or strbuf_init():
 *  - `buf` is never NULL.  Until the first growth it points to the shared,
 *    empty strbuf_slopbuf, which must never be written to or freed.
 *  - `buf[len]` is always '\0'; the content may itself contain NUL bytes.
 *  - `alloc` is the size of the malloc'd block (0 while on the slopbuf), so
 *    at most alloc - 1 bytes of content fit without growing.
 *  - `max`, when not 0, caps `len`: an add that would make len exceed max
 *    fails with -1 and leaves the buffer unchanged.  Set it directly after
 *    init (`sb.max = 1 << 20;`) or use STRBUF_INIT_MAX().
 *
 * Growth goes through xrealloc(), so running out of memory aborts; -1 from
 * an add function always means "the cap was hit".
 */
#ifndef CONSORT_STRBUF_H
#define CONSORT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;
	size_t len;
	size_t max;
	char *buf;
};

extern char strbuf_slopbuf[];

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		0, 0, 0, strbuf_slopbuf                                                            \
	}
/* Like STRBUF_INIT, with the content capped at `m` bytes. */
#define STRBUF_INIT_MAX(m)                                                                         \
	{                                                                                          \
		0, 0, (m), strbuf_slopbuf                                                          \
	}

/*
 * Initialises `sb` as empty with no cap.  When `hint` is not 0, room for
 * `hint` bytes of content is allocated up front.
 */
void strbuf_init(struct strbuf *sb, size_t hint);

/*
 * Frees the buffer and returns `sb` to the empty, unallocated state.  The cap
 * (`max`) is kept, so the buffer can be reused under the same limit.  Safe to
 * call more than once.
 */
void strbuf_release(struct strbuf *sb);

/*
 * Returns the content as a malloc'd, NUL-terminated string that the caller
 * frees (never NULL, even for an empty or never-grown buffer), storing its
 * length in *len when `len` is not NULL.  `sb` is left empty and unallocated,
 * with its cap kept, as after strbuf_release().
 */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/*
 * Makes room for `extra` more bytes of content without changing `len`.
 * Returns 0, or -1 (allocating nothing) if len + extra would exceed `max`.
 */
int strbuf_grow(struct strbuf *sb, size_t extra);

/* Bytes that can be appended at buf + len without growing. */
static inline size_t strbuf_avail(const struct strbuf *sb)
{
	return sb->alloc ? sb->alloc - sb->len - 1 : 0;
}

/*
 * Sets the length to `len` and writes the terminating NUL.  `len` must not
 * exceed the allocated room (len + strbuf_avail()); use it to shrink, or to
 * commit bytes written directly after strbuf_grow().
 */
void strbuf_setlen(struct strbuf *sb, size_t len);

/* Empties the buffer, keeping its allocation: same as strbuf_setlen(sb, 0). */
void strbuf_reset(struct strbuf *sb);

/*
 * Append functions.  Each returns 0, or -1 when the result would exceed
 * `max`, in which case nothing at all is appended.  `data` may point into
 * the buffer itself.
 */
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
/* Appends the NUL-terminated string `s`. */
int strbuf_adds(struct strbuf *sb, const char *s);
/* Appends the byte `c` (converted to unsigned char); '\0' is allowed. */
int strbuf_addch(struct strbuf *sb, int c);
/* Appends the content of `other`. */
int strbuf_addbuf(struct strbuf *sb, const struct strbuf *other);
/*
 * Appends printf-style formatted text.  Also returns -1, appending nothing,
 * if vsnprintf() itself fails (an encoding error).
 */
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/*
 * Removes ASCII whitespace (space, \t, \n, \v, \f, \r) from both ends;
 * strbuf_rtrim() and strbuf_ltrim() do one end each.
 */
void strbuf_trim(struct strbuf *sb);
void strbuf_rtrim(struct strbuf *sb);
void strbuf_ltrim(struct strbuf *sb);

#endif
