/* Unit tests for util/date. */
#include "util/common.h"
#include "util/date.h"

#include <setjmp.h>
#include <cmocka.h>

/* Parses a literal that must be valid. */
static int32_t D(const char *s)
{
	int32_t day = DATE_NONE;

	assert_int_equal(date_parse(s, strlen(s), &day), 0);
	return day;
}

static bool parses(const char *s)
{
	int32_t day;

	return date_parse(s, strlen(s), &day) == 0;
}

static void assert_format(int32_t day, const char *want)
{
	char buf[11];

	date_format(day, buf);
	assert_string_equal(buf, want);
}

static void test_leap_years(void **state)
{
	assert_true(date_is_leap(2000));  /* divisible by 400 */
	assert_false(date_is_leap(1900)); /* century, not by 400 */
	assert_false(date_is_leap(2100));
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2023));
	assert_false(date_is_leap(2025));
	assert_true(date_is_leap(1600));
	assert_true(date_is_leap(0));
	assert_true(date_is_leap(-4));
	assert_false(date_is_leap(-1));
}

static void test_days_in_month(void **state)
{
	static const int want[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	for (int m = 1; m <= 12; m++)
		assert_int_equal(date_days_in_month(2023, m), want[m - 1]);
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2024, 0), 0);
	assert_int_equal(date_days_in_month(2024, 13), 0);
}

static void test_epoch_and_known_days(void **state)
{
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(date_from_ymd(2024, 2, 29), 19782);
	assert_int_equal(date_from_ymd(1900, 1, 1), -25567);
	assert_int_equal(date_from_ymd(9999, 12, 31), 2932896);
	assert_int_equal(date_from_ymd(0, 1, 1), -719528);

	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("2024-02-29"), 19782);
	assert_int_equal(D("9999-12-31"), 2932896);
	assert_int_equal(D("1900-01-01"), -25567);
}

static void test_ymd_carry(void **state)
{
	/* no validation: out-of-range values carry over */
	assert_int_equal(date_from_ymd(2024, 13, 1), date_from_ymd(2025, 1, 1));
	assert_int_equal(date_from_ymd(2024, 0, 1), date_from_ymd(2023, 12, 1));
	assert_int_equal(date_from_ymd(2024, -11, 1), date_from_ymd(2023, 1, 1));
	assert_int_equal(date_from_ymd(2024, 3, 0), date_from_ymd(2024, 2, 29));
	assert_int_equal(date_from_ymd(2024, 1, 32), date_from_ymd(2024, 2, 1));
	assert_int_equal(date_from_ymd(2024, 25, 1), date_from_ymd(2026, 1, 1));
}

/* Every day from 1600 to 2400 round-trips and is one after the previous. */
static void test_roundtrip_every_day(void **state)
{
	int32_t first = date_from_ymd(1600, 1, 1), last = date_from_ymd(2400, 12, 31);
	int py = 1599, pm = 12, pd = 31;

	for (int32_t day = first; day <= last; day++) {
		int y, m, d;

		date_to_ymd(day, &y, &m, &d);
		assert_int_equal(date_from_ymd(y, m, d), day);
		assert_true(m >= 1 && m <= 12);
		assert_true(d >= 1 && d <= date_days_in_month(y, m));
		if (d == 1) {
			assert_int_equal(pd, date_days_in_month(py, pm));
			assert_int_equal(m == 1 ? py + 1 : py, y);
			assert_int_equal(m == 1 ? 12 : m - 1, pm);
		} else {
			assert_int_equal(d, pd + 1);
			assert_int_equal(m, pm);
			assert_int_equal(y, py);
		}
		py = y;
		pm = m;
		pd = d;
	}
}

static void test_to_ymd_extremes(void **state)
{
	int y, m, d;

	date_to_ymd(0, &y, &m, &d);
	assert_int_equal(y, 1970);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	date_to_ymd(-1, &y, &m, &d);
	assert_int_equal(y, 1969);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
	date_to_ymd(2932896, &y, &m, &d);
	assert_int_equal(y, 9999);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
	/* the whole int32_t range stays exact */
	date_to_ymd(INT32_MAX, &y, &m, &d);
	assert_int_equal(date_from_ymd(y, m, d), INT32_MAX);
	date_to_ymd(INT32_MIN + 1, &y, &m, &d);
	assert_int_equal(date_from_ymd(y, m, d), INT32_MIN + 1);
}

static void test_parse_valid(void **state)
{
	int y, m, d;

	date_to_ymd(D("2025-06-15"), &y, &m, &d);
	assert_int_equal(y, 2025);
	assert_int_equal(m, 6);
	assert_int_equal(d, 15);

	assert_true(parses("2000-02-29")); /* leap: divisible by 400 */
	assert_true(parses("2024-02-29"));
	assert_true(parses("2024-12-31"));
	assert_true(parses("2025-01-01"));
	assert_true(parses("1900-01-01")); /* lowest year */
	assert_true(parses("9999-12-31")); /* highest day */
	assert_true(parses("2024-04-30"));
	assert_int_equal(D("2025-01-01") - D("2024-12-31"), 1);
	assert_int_equal(D("2024-03-01") - D("2024-02-28"), 2);
	assert_int_equal(D("2023-03-01") - D("2023-02-28"), 1);

	/* only `len` bytes are read: no NUL needed */
	{
		int32_t day;

		assert_int_equal(date_parse("2024-01-31trailing", 10, &day), 0);
		assert_int_equal(day, D("2024-01-31"));
	}
}

static void test_parse_invalid(void **state)
{
	static const char *const bad[] = {
		"",
		"2024-02-30",
		"2023-02-29", /* not a leap year */
		"1900-02-29", /* century, not a leap year */
		"2100-02-29",
		"2024-04-31",
		"2024-13-01",
		"2024-00-10",
		"2024-01-00",
		"2024-01-32",
		"1899-12-31", /* below the year range */
		"0000-01-01",
		"2024-1-01", /* single-digit month */
		"2024-01-1",
		"24-01-01",
		"2024/01/01",
		"2024-01-01 ", /* trailing space */
		" 2024-01-01",
		"2024-01-01T00:00:00",
		"20240101",
		"2024-0a-01",
		"+024-01-01",
		"-024-01-01",
		"２０２４-01-01",
		"2024-01-+1",
	};
	int32_t day = 12345;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (date_parse(bad[i], strlen(bad[i]), &day) != -1)
			fail_msg("accepted '%s'", bad[i]);
	}
	assert_int_equal(day, 12345); /* untouched on failure */
	/* length shorter than the text */
	assert_int_equal(date_parse("2024-01-01", 9, &day), -1);
}

static void test_format(void **state)
{
	assert_format(0, "1970-01-01");
	assert_format(-1, "1969-12-31");
	assert_format(D("2024-02-29"), "2024-02-29");
	assert_format(D("9999-12-31"), "9999-12-31");
	assert_format(D("1900-01-01"), "1900-01-01");
	assert_format(date_from_ymd(5, 3, 7), "0005-03-07");
	assert_format(date_from_ymd(0, 1, 1), "0000-01-01");
	assert_format(DATE_NONE, "");
	/* out of the 4-digit range */
	assert_format(D("9999-12-31") + 1, "");
	assert_format(date_from_ymd(0, 1, 1) - 1, "");
	assert_format(INT32_MAX, "");

	/* format and parse agree on every day of a leap and a common year */
	for (int32_t day = D("2023-01-01"); day <= D("2024-12-31"); day++) {
		char buf[11];
		int32_t back;

		date_format(day, buf);
		assert_int_equal(date_parse(buf, strlen(buf), &back), 0);
		assert_int_equal(back, day);
	}
}

static void test_parse_month(void **state)
{
	int y = 0, m = 0;

	assert_int_equal(date_parse_month("2025-01", 7, &y, &m), 0);
	assert_int_equal(y, 2025);
	assert_int_equal(m, 1);
	assert_int_equal(date_parse_month("9999-12", 7, &y, &m), 0);
	assert_int_equal(y, 9999);
	assert_int_equal(m, 12);
	assert_int_equal(date_parse_month("1900-01", 7, &y, &m), 0);

	y = m = 77;
	assert_int_equal(date_parse_month("2025-13", 7, &y, &m), -1);
	assert_int_equal(date_parse_month("2025-00", 7, &y, &m), -1);
	assert_int_equal(date_parse_month("2025-1", 6, &y, &m), -1);
	assert_int_equal(date_parse_month("2025-01-01", 10, &y, &m), -1);
	assert_int_equal(date_parse_month("2025/01", 7, &y, &m), -1);
	assert_int_equal(date_parse_month("1899-12", 7, &y, &m), -1);
	assert_int_equal(date_parse_month("", 0, &y, &m), -1);
	assert_int_equal(date_parse_month("2025-01", 6, &y, &m), -1);
	assert_int_equal(y, 77);
	assert_int_equal(m, 77);
}

static void test_parse_quarter(void **state)
{
	int32_t from = 0, to = 0;

	assert_int_equal(date_parse_quarter("2025Q1", 6, &from, &to), 0);
	assert_int_equal(from, D("2025-01-01"));
	assert_int_equal(to, D("2025-03-31"));
	assert_int_equal(date_parse_quarter("2025Q2", 6, &from, &to), 0);
	assert_int_equal(from, D("2025-04-01"));
	assert_int_equal(to, D("2025-06-30"));
	assert_int_equal(date_parse_quarter("2025Q3", 6, &from, &to), 0);
	assert_int_equal(from, D("2025-07-01"));
	assert_int_equal(to, D("2025-09-30"));
	assert_int_equal(date_parse_quarter("2025Q4", 6, &from, &to), 0);
	assert_int_equal(from, D("2025-10-01"));
	assert_int_equal(to, D("2025-12-31"));
	/* Q1 of a leap year ends 03-31 all the same, and is one day longer */
	assert_int_equal(date_parse_quarter("2024Q1", 6, &from, &to), 0);
	assert_int_equal(to - from + 1, 91);
	assert_int_equal(date_parse_quarter("9999Q4", 6, &from, &to), 0);
	assert_int_equal(to, D("9999-12-31"));

	from = to = 5;
	assert_int_equal(date_parse_quarter("2025Q0", 6, &from, &to), -1);
	assert_int_equal(date_parse_quarter("2025Q5", 6, &from, &to), -1);
	assert_int_equal(date_parse_quarter("2025q1", 6, &from, &to), -1);
	assert_int_equal(date_parse_quarter("2025-Q1", 7, &from, &to), -1);
	assert_int_equal(date_parse_quarter("25Q1", 4, &from, &to), -1);
	assert_int_equal(date_parse_quarter("2025Q", 5, &from, &to), -1);
	assert_int_equal(date_parse_quarter("2025Q12", 7, &from, &to), -1);
	assert_int_equal(date_parse_quarter("1899Q4", 6, &from, &to), -1);
	assert_int_equal(date_parse_quarter("", 0, &from, &to), -1);
	assert_int_equal(from, 5);
	assert_int_equal(to, 5);
}

static void test_add_days(void **state)
{
	assert_int_equal(date_add_days(D("2024-12-31"), 1), D("2025-01-01"));
	assert_int_equal(date_add_days(D("2025-01-01"), -1), D("2024-12-31"));
	assert_int_equal(date_add_days(D("2024-02-28"), 1), D("2024-02-29"));
	assert_int_equal(date_add_days(D("2024-02-28"), 366), D("2025-02-28"));
	assert_int_equal(date_add_days(0, 0), 0);
	assert_int_equal(date_add_days(DATE_NONE, 5), DATE_NONE);
	/* saturates instead of overflowing, and never produces DATE_NONE */
	assert_int_equal(date_add_days(INT32_MAX - 1, 10), INT32_MAX);
	assert_int_equal(date_add_days(INT32_MIN + 2, -10), INT32_MIN + 1);
	assert_int_equal(date_add_days(0, INT_MIN), INT32_MIN + 1);
}

static void test_add_months(void **state)
{
	assert_int_equal(date_add_months(D("2024-01-15"), 1), D("2024-02-15"));
	assert_int_equal(date_add_months(D("2024-01-31"), 1), D("2024-02-29"));
	assert_int_equal(date_add_months(D("2023-01-31"), 1), D("2023-02-28"));
	assert_int_equal(date_add_months(D("2024-02-29"), 12), D("2025-02-28"));
	assert_int_equal(date_add_months(D("2024-02-29"), 48), D("2028-02-29"));
	assert_int_equal(date_add_months(D("2024-12-31"), 1), D("2025-01-31"));
	assert_int_equal(date_add_months(D("2024-03-31"), -1), D("2024-02-29"));
	assert_int_equal(date_add_months(D("2024-01-01"), -1), D("2023-12-01"));
	assert_int_equal(date_add_months(D("2024-01-01"), -25), D("2021-12-01"));
	assert_int_equal(date_add_months(D("2024-05-31"), 0), D("2024-05-31"));
	assert_int_equal(date_add_months(D("1900-03-31"), -1), date_from_ymd(1900, 2, 28));
	assert_int_equal(date_add_months(DATE_NONE, 3), DATE_NONE);
	assert_int_equal(date_add_months(0, INT_MAX), INT32_MAX);
	assert_int_equal(date_add_months(0, INT_MIN), INT32_MIN + 1);
}

static void test_months_between(void **state)
{
	assert_int_equal(date_months_between(D("2024-01-01"), D("2026-01-01")), 24);
	assert_int_equal(date_months_between(D("2024-01-15"), D("2026-01-14")), 23);
	assert_int_equal(date_months_between(D("2024-01-15"), D("2026-01-15")), 24);
	assert_int_equal(date_months_between(D("2024-01-15"), D("2026-01-16")), 24);
	assert_int_equal(date_months_between(D("2024-01-01"), D("2024-01-01")), 0);
	assert_int_equal(date_months_between(D("2024-01-01"), D("2024-01-31")), 0);
	assert_int_equal(date_months_between(D("2024-01-01"), D("2024-02-01")), 1);
	assert_int_equal(date_months_between(D("2024-12-31"), D("2025-01-01")), 0);
	assert_int_equal(date_months_between(D("2024-12-01"), D("2025-01-01")), 1);
	/* end of month: Jan 31 + 1 month is the last day of February */
	assert_int_equal(date_months_between(D("2024-01-31"), D("2024-02-28")), 0);
	assert_int_equal(date_months_between(D("2024-01-31"), D("2024-02-29")), 1);
	assert_int_equal(date_months_between(D("2023-01-31"), D("2023-02-28")), 1);
	assert_int_equal(date_months_between(D("2024-01-31"), D("2024-03-30")), 1);
	assert_int_equal(date_months_between(D("2024-01-31"), D("2024-03-31")), 2);
	assert_int_equal(date_months_between(D("2024-02-29"), D("2025-02-28")), 12);
	assert_int_equal(date_months_between(D("2024-03-31"), D("2024-04-30")), 1);
	/* backwards is the negation */
	assert_int_equal(date_months_between(D("2026-01-01"), D("2024-01-01")), -24);
	assert_int_equal(date_months_between(D("2026-01-14"), D("2024-01-15")), -23);
	assert_int_equal(date_months_between(D("1900-01-01"), D("9999-12-31")), 8099 * 12 + 11);

	/* agrees with date_add_months for every start day of 2024 */
	for (int32_t from = D("2024-01-01"); from <= D("2024-12-31"); from++) {
		for (int32_t to = from; to <= from + 800; to += 7) {
			int n = date_months_between(from, to);

			assert_true(date_add_months(from, n) <= to);
			assert_true(date_add_months(from, n + 1) > to);
		}
	}
}

static void test_today(void **state)
{
	int32_t today = date_today_utc();

	/* sanity: after this code was written, before the format runs out */
	assert_true(today >= D("2025-01-01"));
	assert_true(today <= D("9999-12-31"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_epoch_and_known_days),
		cmocka_unit_test(test_ymd_carry),
		cmocka_unit_test(test_roundtrip_every_day),
		cmocka_unit_test(test_to_ymd_extremes),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_parse_month),
		cmocka_unit_test(test_parse_quarter),
		cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_months_between),
		cmocka_unit_test(test_today),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
