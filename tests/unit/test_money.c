/* Unit tests for util/money. */
#include "util/common.h"
#include "util/money.h"

#include <setjmp.h>
#include <cmocka.h>

static int parse(const char *s, int64_t *cents)
{
	return money_parse(s, strlen(s), cents);
}

static void assert_parses(const char *s, int64_t want)
{
	int64_t cents = -1;

	if (parse(s, &cents) != 0)
		fail_msg("rejected '%s'", s);
	assert_int_equal(cents, want);
}

static void assert_rejects(const char *s, int code)
{
	int64_t cents = 777;
	int ret = parse(s, &cents);

	if (ret != code)
		fail_msg("'%s': got %d (%s), want %d", s, ret, money_parse_error(ret), code);
	assert_int_equal(cents, 777); /* untouched */
}

static void test_parse_valid(void **state)
{
	assert_parses("125000", 12500000);
	assert_parses("220000.50", 22000050);
	assert_parses("100000.00", 10000000); /* exact threshold value */
	assert_parses("0", 0);
	assert_parses("0.00", 0);
	assert_parses("0.01", 1); /* smallest non-zero amount */
	assert_parses("0.5", 50); /* one decimal is tens of cents */
	assert_parses("0.05", 5);
	assert_parses("1.1", 110);
	assert_parses("007", 700); /* leading zeros are harmless */
	assert_parses("1234567.89", 123456789);
	assert_parses("92233720368547758.07", INT64_MAX); /* largest amount */
	assert_parses("92233720368547758", 9223372036854775800);
	assert_parses("0000000000000000000000000000001", 100);
}

static void test_parse_len_bounded(void **state)
{
	int64_t cents = 0;

	/* only `len` bytes are read */
	assert_int_equal(money_parse("12.345", 4, &cents), 0);
	assert_int_equal(cents, 1230);
	assert_int_equal(money_parse("5,000", 1, &cents), 0);
	assert_int_equal(cents, 500);
	assert_int_equal(money_parse("5", 0, &cents), MONEY_ERR_EMPTY);
}

static void test_parse_rejects(void **state)
{
	assert_rejects("", MONEY_ERR_EMPTY);

	assert_rejects("-5", MONEY_ERR_NEGATIVE);
	assert_rejects("-0", MONEY_ERR_NEGATIVE);
	assert_rejects("-5.00", MONEY_ERR_NEGATIVE);
	assert_rejects("-$5", MONEY_ERR_NEGATIVE);

	assert_rejects("1.234", MONEY_ERR_DECIMALS);
	assert_rejects("0.001", MONEY_ERR_DECIMALS);
	assert_rejects("1.000", MONEY_ERR_DECIMALS);

	assert_rejects("+5", MONEY_ERR_SYNTAX);
	assert_rejects("$1,000", MONEY_ERR_SYNTAX);
	assert_rejects("$5", MONEY_ERR_SYNTAX);
	assert_rejects("1,000", MONEY_ERR_SYNTAX);
	assert_rejects("1e5", MONEY_ERR_SYNTAX);
	assert_rejects("1E5", MONEY_ERR_SYNTAX);
	assert_rejects("12.", MONEY_ERR_SYNTAX);
	assert_rejects(".5", MONEY_ERR_SYNTAX);
	assert_rejects(".", MONEY_ERR_SYNTAX);
	assert_rejects(" 5", MONEY_ERR_SYNTAX);
	assert_rejects("5 ", MONEY_ERR_SYNTAX);
	assert_rejects("5 000", MONEY_ERR_SYNTAX);
	assert_rejects("1.2.3", MONEY_ERR_SYNTAX);
	assert_rejects("1.2a", MONEY_ERR_SYNTAX);
	assert_rejects("1.23.", MONEY_ERR_SYNTAX);
	assert_rejects("abc", MONEY_ERR_SYNTAX);
	assert_rejects("5USD", MONEY_ERR_SYNTAX);
	assert_rejects("0x10", MONEY_ERR_SYNTAX);
	assert_rejects("inf", MONEY_ERR_SYNTAX);
	assert_rejects("NaN", MONEY_ERR_SYNTAX);
	assert_rejects("1,5", MONEY_ERR_SYNTAX);
	assert_rejects("\xEF\xBC\x95", MONEY_ERR_SYNTAX); /* fullwidth 5 */

	assert_rejects("92233720368547758.08", MONEY_ERR_RANGE); /* INT64_MAX + 1 cent */
	assert_rejects("92233720368547759", MONEY_ERR_RANGE);
	assert_rejects("92233720368547758.1", MONEY_ERR_RANGE);
	assert_rejects("100000000000000000", MONEY_ERR_RANGE);
	assert_rejects("99999999999999999999999999999", MONEY_ERR_RANGE);
	assert_rejects("9223372036854775808", MONEY_ERR_RANGE);

	/* an embedded NUL inside len is not a digit */
	{
		int64_t cents;

		/* "\000" is one NUL byte: the text is '5', NUL, '0' */
		assert_int_equal(money_parse("5\0000", 3, &cents), MONEY_ERR_SYNTAX);
	}
}

static void test_parse_error_text(void **state)
{
	assert_string_equal(money_parse_error(MONEY_ERR_EMPTY), "empty");
	assert_string_equal(money_parse_error(MONEY_ERR_NEGATIVE),
			    "negative amounts are not allowed");
	assert_string_equal(money_parse_error(MONEY_ERR_DECIMALS), "more than 2 decimal places");
	assert_string_equal(money_parse_error(MONEY_ERR_SYNTAX),
			    "not a number: use digits and an optional .cents, without $ or commas");
	assert_string_equal(money_parse_error(MONEY_ERR_RANGE), "amount too large");
	assert_string_equal(money_parse_error(-99), "invalid amount");
	assert_string_equal(money_parse_error(0), "ok");
}

static void assert_format(int64_t cents, const char *want, const char *want_plain)
{
	char buf[32];

	money_format(cents, buf);
	assert_string_equal(buf, want);
	money_format_plain(cents, buf);
	assert_string_equal(buf, want_plain);
}

static void test_format(void **state)
{
	assert_format(0, "$0.00", "0.00");
	assert_format(1, "$0.01", "0.01");
	assert_format(10, "$0.10", "0.10");
	assert_format(99, "$0.99", "0.99");
	assert_format(100, "$1.00", "1.00");
	assert_format(99999, "$999.99", "999.99");
	assert_format(100000, "$1,000.00", "1000.00");
	assert_format(10000000, "$100,000.00", "100000.00");
	assert_format(99999999, "$999,999.99", "999999.99");
	assert_format(123456789, "$1,234,567.89", "1234567.89");
	assert_format(-500, "-$5.00", "-5.00");
	assert_format(-1, "-$0.01", "-0.01");
	assert_format(-123456789, "-$1,234,567.89", "-1234567.89");
	assert_format(INT64_MAX, "$92,233,720,368,547,758.07", "92233720368547758.07");
	assert_format(INT64_MIN, "-$92,233,720,368,547,758.08", "-92233720368547758.08");
}

static void test_roundtrip(void **state)
{
	static const int64_t values[] = {
		0, 1, 9, 10, 99, 100, 101, 12345, 100000, 999999999, INT64_MAX - 1, INT64_MAX};

	for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
		char buf[32];
		int64_t back = -1;

		money_format_plain(values[i], buf);
		assert_int_equal(parse(buf, &back), 0);
		assert_int_equal(back, values[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),   cmocka_unit_test(test_parse_len_bounded),
		cmocka_unit_test(test_parse_rejects), cmocka_unit_test(test_parse_error_text),
		cmocka_unit_test(test_format),	      cmocka_unit_test(test_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
