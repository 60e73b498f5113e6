#include "util/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "core/terms.h"
#include "util/strbuf.h"

/* Parses lit; returns 0 or -1 with the message in *msg (static). */
static int parse(const char *lit, struct terms *t, const char **msg)
{
	static struct strbuf err = STRBUF_INIT;
	int rc;

	strbuf_reset(&err);
	rc = terms_parse("t.md", lit, strlen(lit), t, &err);
	*msg = err.buf;
	return rc;
}

static void test_built_in(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct terms t;

	(void)state;
	assert_int_equal(terms_load(NULL, &t, &err), 0);
	assert_string_equal(t.version, "2026-01");
	assert_string_equal(t.title, "Partner Program Terms of Service");
	assert_true(!strncmp(t.body, "These Terms of Service", 22));
	assert_null(strstr(t.body, "Version:"));
	terms_release(&t);
	strbuf_release(&err);
}

static void test_good(void **state)
{
	struct terms t;
	const char *msg;

	(void)state;
	assert_int_equal(parse("Version:2.1_b-3\n#  Title  \nBody\n\n", &t, &msg), 0);
	assert_string_equal(t.version, "2.1_b-3");
	assert_string_equal(t.title, "Title");
	assert_string_equal(t.body, "Body");
	terms_release(&t);
	assert_int_equal(
		parse("\xef\xbb\xbfVersion: 7 \r\n\r\n\r\n# T\r\n\r\n## 1\r\nx\r\n", &t, &msg), 0);
	assert_string_equal(t.version, "7");
	assert_string_equal(t.title, "T");
	assert_string_equal(t.body, "## 1\r\nx");
	terms_release(&t);
}

static void test_bad(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"", "t.md:1: the first line must be 'Version: V'"},
		{"# T\nx\n", "t.md:1: the first line must be 'Version: V'"},
		{"version: 1\n# T\nx\n", "t.md:1: the first line must be 'Version: V'"},
		{"Version:\n# T\nx\n", "t.md:1: invalid version ''"},
		{"Version: a/b\n# T\nx\n", "t.md:1: invalid version 'a/b'"},
		{"Version: 1\nx\n", "t.md:2: expected the title"},
		{"Version: 1\n\n#\nx\n", "t.md:3: expected the title"},
		{"Version: 1\n#    \nx\n", "t.md:2: expected the title"},
		{"Version: 1\n# T\n", "t.md: the document has a title but no text"},
		{"Version: 1\n# T\n \n\t\n", "t.md: the document has a title but no text"},
		{"Version: 1\n# T\ncaf\xe9\n", "t.md: not a UTF-8 text file"},
	};
	struct terms t;
	const char *msg;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(parse(cases[i].text, &t, &msg), -1);
		if (!strstr(msg, cases[i].msg))
			fail_msg("case %zu: '%s' lacks '%s'", i, msg, cases[i].msg);
		assert_null(t.version);
	}
	/* 64 characters of version at most */
	assert_int_equal(
		parse("Version: 1234567890123456789012345678901234567890123456789012345678901234"
		      "\n# T\nx\n",
		      &t, &msg),
		0);
	terms_release(&t);
	assert_int_equal(
		parse("Version: 12345678901234567890123456789012345678901234567890123456789012345"
		      "\n# T\nx\n",
		      &t, &msg),
		-1);
	/* a NUL byte */
	{
		static const char nul[] = "Version: 1\n# T\nx\0y\n";
		struct strbuf err = STRBUF_INIT;
		assert_int_equal(terms_parse("t.md", nul, sizeof(nul) - 1, &t, &err), -1);
		strbuf_release(&err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_built_in),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
