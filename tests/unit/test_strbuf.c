/* Unit tests for util/strbuf and util/alloc. */
#include "util/common.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>

static void check_invariants(const struct strbuf *sb)
{
	assert_non_null(sb->buf);
	assert_int_equal(sb->buf[sb->len], '\0');
	if (sb->alloc)
		assert_true(sb->len < sb->alloc);
	else
		assert_ptr_equal(sb->buf, strbuf_slopbuf);
	if (sb->max)
		assert_true(sb->len <= sb->max);
}

static void test_init_empty(void **state)
{
	struct strbuf a = STRBUF_INIT, b;

	check_invariants(&a);
	assert_int_equal(a.len, 0);
	assert_string_equal(a.buf, "");

	strbuf_init(&b, 0);
	check_invariants(&b);
	assert_int_equal(b.alloc, 0);

	strbuf_init(&b, 100);
	assert_true(b.alloc >= 101);
	assert_int_equal(b.len, 0);
	check_invariants(&b);
	strbuf_release(&b);
	check_invariants(&b);
	assert_int_equal(b.alloc, 0);

	/* release and reset of a never-grown buffer do nothing harmful */
	strbuf_release(&a);
	strbuf_reset(&a);
	strbuf_trim(&a);
	check_invariants(&a);
	assert_string_equal(strbuf_slopbuf, "");
}

static void test_add_and_grow(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(strbuf_adds(&sb, "hello"), 0);
	assert_int_equal(strbuf_addch(&sb, ','), 0);
	assert_int_equal(strbuf_add(&sb, " world!!!", 6), 0);
	assert_string_equal(sb.buf, "hello, world");
	assert_int_equal(sb.len, 12);
	check_invariants(&sb);

	/* many small appends cross several reallocations */
	strbuf_reset(&sb);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(strbuf_addch(&sb, 'a' + i % 26), 0);
	assert_int_equal(sb.len, 10000);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(sb.buf[i], 'a' + i % 26);
	check_invariants(&sb);

	/* adding nothing is fine, even to an unallocated buffer */
	strbuf_release(&sb);
	assert_int_equal(strbuf_add(&sb, NULL, 0), 0);
	assert_int_equal(strbuf_adds(&sb, ""), 0);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_embedded_nul(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, "a\0b", 3);
	strbuf_addch(&sb, '\0');
	assert_int_equal(sb.len, 4);
	assert_memory_equal(sb.buf, "a\0b\0", 5);
	/* addch takes an int and stores it as a byte */
	strbuf_reset(&sb);
	strbuf_addch(&sb, 0xE9);
	assert_int_equal((unsigned char)sb.buf[0], 0xE9);
	strbuf_release(&sb);
}

static void test_add_from_self(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "abcdefgh");
	/* appending the buffer to itself must survive the realloc */
	for (int i = 0; i < 6; i++)
		assert_int_equal(strbuf_add(&sb, sb.buf, sb.len), 0);
	assert_int_equal(sb.len, 8 << 6);
	for (size_t i = 0; i < sb.len; i++)
		assert_int_equal(sb.buf[i], "abcdefgh"[i % 8]);
	strbuf_addbuf(&sb, &sb);
	assert_int_equal(sb.len, 8 << 7);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_addf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char big[1000];

	assert_int_equal(strbuf_addf(&sb, "%d-%s-%05.1f", 42, "x", 2.25), 0);
	assert_string_equal(sb.buf, "42-x-002.2");
	assert_int_equal(strbuf_addf(&sb, "%s", ""), 0);
	assert_string_equal(sb.buf, "42-x-002.2");

	/* output longer than the spare room forces the second vsnprintf */
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	strbuf_reset(&sb);
	assert_int_equal(strbuf_addf(&sb, "<%s>", big), 0);
	assert_int_equal(sb.len, sizeof(big) + 1);
	assert_int_equal(sb.buf[0], '<');
	assert_int_equal(sb.buf[sb.len - 1], '>');
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_max_cap(void **state)
{
	struct strbuf sb = STRBUF_INIT_MAX(5);

	assert_int_equal(strbuf_adds(&sb, "abc"), 0);
	/* would make 6 bytes: refused, nothing added */
	assert_int_equal(strbuf_adds(&sb, "def"), -1);
	assert_string_equal(sb.buf, "abc");
	assert_int_equal(strbuf_addf(&sb, "%s", "def"), -1);
	assert_string_equal(sb.buf, "abc");
	assert_int_equal(sb.len, 3);
	/* exactly up to the cap is fine */
	assert_int_equal(strbuf_adds(&sb, "de"), 0);
	assert_string_equal(sb.buf, "abcde");
	assert_int_equal(strbuf_addch(&sb, 'f'), -1);
	assert_int_equal(strbuf_addf(&sb, "%c", 'f'), -1);
	assert_int_equal(strbuf_grow(&sb, 1), -1);
	assert_int_equal(strbuf_add(&sb, "", 0), 0);
	assert_string_equal(sb.buf, "abcde");
	check_invariants(&sb);

	/* the cap survives release and detach */
	strbuf_release(&sb);
	assert_int_equal(sb.max, 5);
	assert_int_equal(strbuf_adds(&sb, "123456"), -1);
	assert_int_equal(sb.len, 0);
	check_invariants(&sb);

	/* a huge length must not wrap around the cap check */
	assert_int_equal(strbuf_add(&sb, "x", SIZE_MAX), -1);
	assert_int_equal(strbuf_grow(&sb, SIZE_MAX), -1);

	/* addf into an unallocated capped buffer */
	assert_int_equal(strbuf_addf(&sb, "%d", 123456), -1);
	assert_string_equal(sb.buf, "");
	assert_int_equal(strbuf_addf(&sb, "%d", 12345), 0);
	assert_string_equal(sb.buf, "12345");
	strbuf_release(&sb);

	/* a cap set on an already-grown buffer */
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "0123456789");
	sb.max = 12;
	assert_int_equal(strbuf_adds(&sb, "ab"), 0);
	assert_int_equal(strbuf_addch(&sb, 'c'), -1);
	strbuf_release(&sb);
}

static void test_detach(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *s;

	/* never grown: still a fresh malloc'd "" */
	s = strbuf_detach(&sb, &len);
	assert_non_null(s);
	assert_ptr_not_equal(s, strbuf_slopbuf);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);

	strbuf_adds(&sb, "payload");
	s = strbuf_detach(&sb, &len);
	assert_string_equal(s, "payload");
	assert_int_equal(len, 7);
	check_invariants(&sb);
	assert_int_equal(sb.alloc, 0);
	assert_int_equal(sb.len, 0);
	free(s);

	strbuf_adds(&sb, "again");
	s = strbuf_detach(&sb, NULL);
	assert_string_equal(s, "again");
	free(s);
}

static void test_setlen_reset(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "abcdef");
	strbuf_setlen(&sb, 3);
	assert_string_equal(sb.buf, "abc");
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	assert_true(sb.alloc > 0); /* reset keeps the allocation */

	/* write directly after grow, then commit with setlen */
	assert_int_equal(strbuf_grow(&sb, 100), 0);
	assert_true(strbuf_avail(&sb) >= 100);
	memcpy(sb.buf, "direct", 6);
	strbuf_setlen(&sb, 6);
	assert_string_equal(sb.buf, "direct");
	strbuf_release(&sb);
}

static void test_trim(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, " \t\r\n\v\f middle  x \n\r");
	strbuf_trim(&sb);
	assert_string_equal(sb.buf, "middle  x");
	assert_int_equal(sb.len, 9);

	strbuf_reset(&sb);
	strbuf_adds(&sb, " \t \n ");
	strbuf_trim(&sb);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);

	strbuf_reset(&sb);
	strbuf_adds(&sb, "none");
	strbuf_trim(&sb);
	assert_string_equal(sb.buf, "none");

	/* only ASCII whitespace: a UTF-8 no-break space (C2 A0) stays */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "\xC2\xA0x ");
	strbuf_trim(&sb);
	assert_string_equal(sb.buf, "\xC2\xA0x");

	strbuf_reset(&sb);
	strbuf_adds(&sb, "  left");
	strbuf_rtrim(&sb);
	assert_string_equal(sb.buf, "  left");
	strbuf_ltrim(&sb);
	assert_string_equal(sb.buf, "left");
	strbuf_release(&sb);
}

static void test_xalloc(void **state)
{
	char *s = xstrdup("hello");
	char *t = xstrndup("hello", 3);
	char *u = xstrndup("hi", 10); /* stops at the NUL */
	char *z = xcalloc(16, 4);
	void *m = xmalloc(0);

	assert_string_equal(s, "hello");
	assert_string_equal(t, "hel");
	assert_string_equal(u, "hi");
	for (int i = 0; i < 64; i++)
		assert_int_equal(z[i], 0);
	assert_non_null(m);
	m = xrealloc(m, 100);
	assert_non_null(m);
	free(s);
	free(t);
	free(u);
	free(z);
	free(m);
	assert_int_equal(st_mult(3, 7), 21);
	assert_int_equal(st_mult(0, SIZE_MAX), 0);
}

static void test_alloc_grow(void **state)
{
	int *items = NULL;
	size_t nr = 0, alloc = 0;

	for (int i = 0; i < 1000; i++) {
		ALLOC_GROW(items, nr + 1, alloc);
		assert_true(alloc >= nr + 1);
		items[nr++] = i;
	}
	for (int i = 0; i < 1000; i++)
		assert_int_equal(items[i], i);
	/* growing to a large size at once jumps straight there */
	ALLOC_GROW(items, 100000, alloc);
	assert_true(alloc >= 100000);
	items[99999] = 7;
	/* no shrinking, no change when already big enough */
	{
		size_t before = alloc;

		ALLOC_GROW(items, 10, alloc);
		assert_int_equal(alloc, before);
	}
	free(items);

	/* first growth from zero follows the (x + 16) * 3 / 2 rule */
	items = NULL;
	alloc = 0;
	ALLOC_GROW(items, 1, alloc);
	assert_int_equal(alloc, 24);
	free(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_empty),   cmocka_unit_test(test_add_and_grow),
		cmocka_unit_test(test_embedded_nul), cmocka_unit_test(test_add_from_self),
		cmocka_unit_test(test_addf),	     cmocka_unit_test(test_max_cap),
		cmocka_unit_test(test_detach),	     cmocka_unit_test(test_setlen_reset),
		cmocka_unit_test(test_trim),	     cmocka_unit_test(test_xalloc),
		cmocka_unit_test(test_alloc_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
