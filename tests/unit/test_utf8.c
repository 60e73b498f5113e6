#include "util/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "util/strbuf.h"
#include "util/utf8.h"

#define CHECK(lit, want) assert_int_equal(utf8_invalid_at(lit, sizeof(lit) - 1), want)

static void test_valid_text(void **state)
{
	(void)state;
	CHECK("", 0);
	CHECK("plain ascii", 11);
	CHECK("caf\xc3\xa9", 5);      /* U+00E9 */
	CHECK("\xe2\x82\xac", 3);     /* U+20AC */
	CHECK("\xf0\x9f\x98\x80", 4); /* U+1F600 */
	CHECK("\xf4\x8f\xbf\xbf", 4); /* U+10FFFF, the last code point */
	CHECK("\xef\xbb\xbf"
	      "key",
	      6); /* a BOM is valid UTF-8 */
}

static void test_invalid_bytes(void **state)
{
	(void)state;
	CHECK("%e\xd3: ", 2);	      /* truncated sequence (libfyaml hang input) */
	CHECK("ab\x80", 2);	      /* lone continuation byte */
	CHECK("\xc0\xaf", 0);	      /* overlong '/' */
	CHECK("\xc1\xbf", 0);	      /* overlong */
	CHECK("\xe0\x80\xaf", 0);     /* overlong three-byte */
	CHECK("\xf0\x80\x80\xaf", 0); /* overlong four-byte */
	CHECK("\xed\xa0\x80", 0);     /* surrogate U+D800 */
	CHECK("\xf4\x90\x80\x80", 0); /* above U+10FFFF */
	CHECK("\xf5\x80\x80\x80", 0); /* invalid lead byte */
	CHECK("x\xe2\x82", 1);	      /* truncated at the end */
	CHECK("\xe2\x28\xa1", 0);     /* bad continuation */
	CHECK("Caf\xe9", 3);	      /* Latin-1 */
}

static void expect_excerpt(const char *s, size_t max, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "[");
	utf8_excerpt(&sb, s, max);
	assert_string_equal(sb.buf + 1, want);
	strbuf_release(&sb);
}

static void test_excerpt(void **state)
{
	(void)state;
	expect_excerpt("", 10, "");
	expect_excerpt(NULL, 10, "");
	expect_excerpt("  \n\t ", 10, "");
	expect_excerpt("short", 10, "short");
	expect_excerpt("exactly10!", 10, "exactly10!");
	expect_excerpt("  two\r\n\r\n  lines  ", 10, "two lines");
	expect_excerpt("hello world", 11, "hello world");
	expect_excerpt("hello world", 10, "hello\xe2\x80\xa6");
	expect_excerpt("hello world", 5, "hello\xe2\x80\xa6");
	expect_excerpt("hello world", 6, "hello\xe2\x80\xa6");
	expect_excerpt("one two three four", 13, "one two three\xe2\x80\xa6");
	expect_excerpt("one two three four", 12, "one two\xe2\x80\xa6");
	expect_excerpt("unbreakableword", 6, "unbrea\xe2\x80\xa6");
	/* Characters, not bytes: five two-byte characters fit in 5. */
	expect_excerpt("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5,
		       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	expect_excerpt("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5,
		       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6");
	expect_excerpt("\xf0\x9f\x98\x80 ab", 2, "\xf0\x9f\x98\x80\xe2\x80\xa6");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_text),
		cmocka_unit_test(test_invalid_bytes),
		cmocka_unit_test(test_excerpt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
