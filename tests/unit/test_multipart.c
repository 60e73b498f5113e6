/* Unit tests for http/multipart: the boundary parameter and finding a part. */
#include "util/common.h"
#include "http/multipart.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>

#define CT "multipart/form-data; boundary=XyZ"

/* multipart_find() over a copy of exactly the literal's bytes (no NUL after them). */
static int find(const char *ct, const char *body, size_t len, struct multipart_part *part,
		struct strbuf *err)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, body, len);
	strbuf_reset(err);
	rc = multipart_find(ct, copy, len, "file", part, err);
	/* data points into the body: check it while the copy lives */
	if (rc == 1) {
		assert_true(part->data >= copy && part->data + part->len <= copy + len);
		part->data = body + (part->data - copy);
	}
	free(copy);
	return rc;
}

#define FIND(ct, lit, part, err) find((ct), (lit), sizeof(lit) - 1, (part), (err))

static void assert_part(const struct multipart_part *p, const char *data, const char *filename)
{
	assert_int_equal(p->len, strlen(data));
	assert_memory_equal(p->data, data, p->len);
	assert_string_equal(p->filename, filename);
}

static void test_boundary(void **state)
{
	struct strbuf err = STRBUF_INIT;
	char b[MULTIPART_BOUNDARY_MAX + 1];

	(void)state;
	assert_int_equal(multipart_boundary(CT, b, &err), 0);
	assert_string_equal(b, "XyZ");
	assert_int_equal(multipart_boundary("Multipart/Form-Data;boundary=a-b_c", b, &err), 0);
	assert_string_equal(b, "a-b_c");
	/* quoted, with characters a token cannot hold, among other parameters */
	assert_int_equal(
		multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=\"a b:c=d?\"; x=y",
				   b, &err),
		0);
	assert_string_equal(b, "a b:c=d?");
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"q\\\"x\"", b, &err),
			 -1); /* '"' is not a boundary character */
	assert_int_equal(multipart_boundary("multipart/form-data ; boundary = abc ;", b, &err), 0);
	assert_string_equal(b, "abc");
	/* 70 characters are allowed, 71 are not */
	assert_int_equal(multipart_boundary("multipart/form-data; boundary="
					    "0123456789012345678901234567890123456789012345678901"
					    "234567890123456789",
					    b, &err),
			 0);
	assert_int_equal(strlen(b), 70);
	strbuf_reset(&err);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary="
					    "0123456789012345678901234567890123456789012345678901"
					    "2345678901234567890",
					    b, &err),
			 -1);
	assert_non_null(strstr(err.buf, "invalid multipart boundary"));

	static const char *const bad[] = {
		NULL,
		"",
		"text/csv",
		"multipart/form-dataX; boundary=a",
		"multipart/mixed; boundary=a",
		"multipart/form-data",
		"multipart/form-data; charset=utf-8",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=\"abc",
		"multipart/form-data; boundary=\"abc \"",
		"multipart/form-data; boundary=a; boundary=b",
		"multipart/form-data; boundary",
		"multipart/form-data; =abc",
		"multipart/form-data; boundary=a\"b",
		"multipart/form-data boundary=abc",
		"multipart/form-data; boundary=ab\xc3\xa9",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		strbuf_reset(&err);
		if (multipart_boundary(bad[i], b, &err) != -1)
			fail_msg("accepted '%s'", bad[i] ? bad[i] : "(null)");
		assert_true(err.len > 0);
		assert_string_equal(b, "");
	}
	strbuf_release(&err);
}

static void test_simple(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct multipart_part p;

	(void)state;
	assert_int_equal(
		FIND(CT,
		     "--XyZ\r\n"
		     "Content-Disposition: form-data; name=\"file\"; filename=\"deals.csv\"\r\n"
		     "Content-Type: text/csv\r\n"
		     "\r\n"
		     "key,partner\r\nD1,acme\r\n"
		     "\r\n--XyZ--\r\n",
		     &p, &err),
		1);
	assert_part(&p, "key,partner\r\nD1,acme\r\n", "deals.csv");
	assert_string_equal(p.ctype, "text/csv");

	/* the part among others, with a preamble, padding and an epilogue; no filename */
	assert_int_equal(FIND(CT,
			      "This is the preamble.\r\n"
			      "--XyZ \t\r\n"
			      "Content-Disposition: form-data; name=\"note\"\r\n"
			      "\r\n"
			      "hello\r\n"
			      "--XyZ\r\n"
			      "content-disposition: FORM-DATA; NAME=file\r\n"
			      "X-Other: whatever: it is\r\n"
			      "\r\n"
			      "a,b\n1,2\n"
			      "\r\n--XyZ\r\n"
			      "Content-Disposition: form-data; name=\"files\"; filename=\"x\"\r\n"
			      "\r\n"
			      "not this\r\n"
			      "--XyZ--",
			      &p, &err),
			 1);
	assert_part(&p, "a,b\n1,2\n", "");
	assert_string_equal(p.ctype, "");

	/* an empty file, and a part without headers before it */
	assert_int_equal(
		FIND(CT,
		     "--XyZ\r\n"
		     "\r\n"
		     "anonymous\r\n"
		     "--XyZ\r\n"
		     "Content-Disposition: form-data; filename=\"e.csv\"; name=\"file\"\r\n"
		     "\r\n"
		     "\r\n--XyZ--\r\n",
		     &p, &err),
		1);
	assert_part(&p, "", "e.csv");
	strbuf_release(&err);
}

static void test_crlf_and_content(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct multipart_part p;

	(void)state;
	/* content may hold the boundary without the CRLF-- before it, bare LFs and NULs */
	assert_int_equal(FIND(CT,
			      "--XyZ\r\n"
			      "Content-Disposition: form-data; name=\"file\"\r\n"
			      "\r\n"
			      "XyZ --XyZ\n--XyZ\r-XyZ\0end\r\n\r\n"
			      "\r\n--XyZ--",
			      &p, &err),
			 1);
	assert_int_equal(p.len, sizeof("XyZ --XyZ\n--XyZ\r-XyZ\0end\r\n\r\n") - 1);
	assert_memory_equal(p.data, "XyZ --XyZ\n--XyZ\r-XyZ\0end\r\n\r\n", p.len);

	/* LF-only line ends are not multipart */
	assert_int_equal(FIND(CT,
			      "--XyZ\n"
			      "Content-Disposition: form-data; name=\"file\"\n"
			      "\n"
			      "a\n"
			      "--XyZ--\n",
			      &p, &err),
			 -1);
	assert_non_null(strstr(err.buf, "malformed multipart body"));
	strbuf_release(&err);
}

static void test_filename(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct multipart_part p;
	char long_name[400];
	struct strbuf body = STRBUF_INIT;

	(void)state;
	assert_int_equal(FIND(CT,
			      "--XyZ\r\n"
			      "Content-Disposition: form-data; name=\"file\"; "
			      "filename=\"a \\\"quoted\\\"; name=x.csv\"\r\n"
			      "\r\n"
			      "1\r\n--XyZ--",
			      &p, &err),
			 1);
	assert_part(&p, "1", "a \"quoted\"; name=x.csv");

	/* a long file name is cut, not refused */
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	strbuf_addf(&body,
		    "--XyZ\r\nContent-Disposition: form-data; name=file; filename=\"%s\"\r\n\r\n"
		    "1\r\n--XyZ--",
		    long_name);
	assert_int_equal(find(CT, body.buf, body.len, &p, &err), 1);
	assert_int_equal(strlen(p.filename), sizeof(p.filename) - 1);
	strbuf_release(&body);
	strbuf_release(&err);
}

static void test_missing_part(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct multipart_part p;

	(void)state;
	assert_int_equal(
		FIND(CT,
		     "--XyZ\r\n"
		     "Content-Disposition: form-data; name=\"upload\"; filename=\"a.csv\"\r\n"
		     "\r\n"
		     "1\r\n--XyZ--\r\n",
		     &p, &err),
		0);
	assert_int_equal(err.len, 0);
	assert_null(p.data);
	/* a name that only starts like it, or not form-data */
	assert_int_equal(FIND(CT,
			      "--XyZ\r\n"
			      "Content-Disposition: form-data; name=\"file2\"\r\n\r\n1\r\n"
			      "--XyZ\r\n"
			      "Content-Disposition: attachment; name=\"file\"\r\n\r\n1\r\n"
			      "--XyZ--",
			      &p, &err),
			 0);
	/* no parts at all */
	assert_int_equal(FIND(CT, "--XyZ--\r\n", &p, &err), 0);
	strbuf_release(&err);
}

static void test_malformed(void **state)
{
	static const struct {
		const char *body, *want;
	} cases[] = {
		{"", "no opening boundary"},
		{"hello", "no opening boundary"},
		{"--XyZW\r\n\r\n1\r\n--XyZ--", "no CRLF"},
		{"--XyZ", "the body ends"},
		{"--XyZ\r", "the body ends"},
		{"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n", "do not end"},
		{"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n1,2\r\n",
		 "does not end with a boundary"},
		{"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n1,2\r\n--Xy",
		 "does not end with a boundary"},
		{"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n1,2\r\n--XyZ",
		 "the body ends"},
		{"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n1,2\r\n--XyZ\r\n",
		 "do not end"},
		{"--XyZ\r\nno colon here\r\n\r\n1\r\n--XyZ--", "bad header line"},
		{"--XyZ\r\n: empty name\r\n\r\n1\r\n--XyZ--", "bad header line"},
		{"--XyZ\r\nContent-Disposition: form-data; name=\"file\r\n\r\n1\r\n--XyZ--",
		 "bad header line"},
		{"--XyZ\r\nContent-Disposition: form-data; name\r\n\r\n1\r\n--XyZ--",
		 "bad header line"},
		{"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n1\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n2\r\n--XyZ--",
		 "two parts named 'file'"},
		{"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZxy",
		 "no CRLF"},
	};
	struct strbuf err = STRBUF_INIT;
	struct multipart_part p;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int rc = find(CT, cases[i].body, strlen(cases[i].body), &p, &err);
		if (rc != -1 || !strstr(err.buf, cases[i].want))
			fail_msg("case %zu: rc %d, error '%s', want '%s'", i, rc, err.buf,
				 cases[i].want);
		assert_null(p.data);
	}
	/* a bad Content-Type fails before the body is looked at */
	assert_int_equal(FIND("text/csv", "--XyZ--", &p, &err), -1);
	assert_non_null(strstr(err.buf, "multipart/form-data"));
	strbuf_release(&err);
}

/* Every prefix of a valid body is either the part, found, or malformed: never a crash. */
static void test_truncations(void **state)
{
	static const char body[] =
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n"
		"\r\n"
		"k\r\n"
		"--XyZ--\r\n";
	struct strbuf err = STRBUF_INIT;
	struct multipart_part p;

	(void)state;
	for (size_t len = 0; len < sizeof(body) - 1; len++) {
		int rc = find(CT, body, len, &p, &err);
		/* complete from the closing "--" on */
		assert_int_equal(rc, len >= sizeof(body) - 1 - 2 ? 1 : -1);
	}
	assert_int_equal(FIND(CT, body, &p, &err), 1);
	assert_part(&p, "k", "f");
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary),	 cmocka_unit_test(test_simple),
		cmocka_unit_test(test_crlf_and_content), cmocka_unit_test(test_filename),
		cmocka_unit_test(test_missing_part),	 cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_truncations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
