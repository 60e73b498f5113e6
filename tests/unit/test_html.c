/* Unit tests for util/html: escaping by default, hostile text, URL attributes. */
#include "util/common.h"
#include "util/html.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>

#define FFFD "\xef\xbf\xbd"

static void text_is(const char *in, size_t len, const char *expected)
{
	struct strbuf sb = STRBUF_INIT;

	html_text_n(&sb, in, len);
	assert_string_equal(sb.buf, expected);
	strbuf_release(&sb);
}

#define TEXT(in, expected) text_is((in), sizeof(in) - 1, (expected))

static void test_plain_text(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	TEXT("", "");
	TEXT("Acme Analytics", "Acme Analytics");
	TEXT("tab\tnew\nline\r", "tab\tnew\nline\r");
	TEXT("Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	     "Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	html_text(&sb, NULL);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void test_hostile_text(void **state)
{
	(void)state;
	TEXT("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	TEXT("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
	TEXT("' onmouseover='x", "&#39; onmouseover=&#39;x");
	TEXT("a & b &amp; c", "a &amp; b &amp;amp; c");
	TEXT("</style><style>", "&lt;/style&gt;&lt;style&gt;");
	TEXT("<!-- -->", "&lt;!-- --&gt;");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	TEXT("ab\x80", "ab" FFFD);
	TEXT("Caf\xe9", "Caf" FFFD);
	TEXT("\xc0\xbc"
	     "script",
	     FFFD FFFD "script"); /* overlong '<' */
	TEXT("x\xe2\x82", "x" FFFD FFFD);
	TEXT("\xed\xa0\x80", FFFD FFFD FFFD); /* surrogate */
	TEXT("a\0b", "a" FFFD "b");
	TEXT("bell\x07 del\x7f", "bell" FFFD " del" FFFD);
	TEXT("c1\xc2\x85", "c1" FFFD); /* NEL, a C1 control */
	TEXT("nbsp\xc2\xa0", "nbsp\xc2\xa0");
}

static void test_attr(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	html_lit(&sb, "<img alt=\"");
	html_attr(&sb, "\" onerror=\"alert(1)");
	html_lit(&sb, "\">");
	assert_string_equal(sb.buf, "<img alt=\"&quot; onerror=&quot;alert(1)\">");
	strbuf_release(&sb);
}

static void test_url_ok(void **state)
{
	(void)state;
	assert_true(html_url_ok("https://acme.example"));
	assert_true(html_url_ok("http://acme.example/path?q=1&r=2#x"));
	assert_true(html_url_ok("HTTPS://ACME.EXAMPLE"));
	assert_false(html_url_ok(NULL));
	assert_false(html_url_ok(""));
	assert_false(html_url_ok("javascript:alert(1)"));
	assert_false(html_url_ok("JaVaScRiPt:alert(1)"));
	assert_false(html_url_ok(" javascript:alert(1)"));
	assert_false(html_url_ok("data:text/html,<script>alert(1)</script>"));
	assert_false(html_url_ok("vbscript:x"));
	assert_false(html_url_ok("//evil.example"));
	assert_false(html_url_ok("/relative"));
	assert_false(html_url_ok("https://"));
	assert_false(html_url_ok("https:///x"));
	assert_false(html_url_ok("https://a.example/\"onmouseover=\"x"));
	assert_false(html_url_ok("https://a.example/<script>"));
	assert_false(html_url_ok("https://a.example/ x"));
	assert_false(html_url_ok("https://a.example/\tx"));
	assert_false(html_url_ok("https://a.example/\\x"));
	assert_false(html_url_ok("https://a.example/\x80"));
}

static void test_url_attr(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_true(html_url_attr(&sb, "href", "https://acme.example/?a=1&b=2"));
	assert_string_equal(sb.buf, " href=\"https://acme.example/?a=1&amp;b=2\"");
	strbuf_reset(&sb);
	assert_false(html_url_attr(&sb, "href", "javascript:alert(1)"));
	assert_false(html_url_attr(&sb, "href", "https://x\"><script>"));
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),   cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_attr),
		cmocka_unit_test(test_url_ok),	     cmocka_unit_test(test_url_attr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
