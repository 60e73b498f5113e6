/*
 * Calendar dates as day numbers.
 *
 * A date is an int32_t count of days since 1970-01-01 (day 0) in the
 * proleptic Gregorian calendar; earlier dates are negative.  Day numbers are
 * plain integers: compare them with <, subtract them for a distance in days.
 * DATE_NONE marks "no date" (an open end, a missing value).
 *
 * Nothing here reads the clock except date_today_utc(), so everything else is
 * pure and can be used by the engine.
 */
#ifndef CONSORT_DATE_H
#define CONSORT_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DATE_NONE INT32_MIN

/* Smallest and largest year date_parse() and friends accept. */
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 9999

/* Gregorian leap year: divisible by 4, except centuries not divisible by 400. */
bool date_is_leap(int year);

/* Days in `month` (1..12) of `year`: 28..31; 0 if month is out of range. */
int date_days_in_month(int year, int month);

/*
 * The day number of y-m-d.  Nothing is validated; out-of-range values carry
 * over arithmetically: month 13 is January of y + 1, month 0 December of
 * y - 1, day 0 the last day of the previous month, day 32 of January is
 * February 1.
 */
int32_t date_from_ymd(int y, int m, int d);

/* Splits a day number (not DATE_NONE) into year, month (1..12), day (1..31). */
void date_to_ymd(int32_t day, int *y, int *m, int *d);

/*
 * Parses exactly `len` bytes of `s` (no NUL needed) as "YYYY-MM-DD": 10
 * characters, ASCII digits, year DATE_MIN_YEAR..DATE_MAX_YEAR, month 1..12
 * and a day that exists in that month (February 29 only in leap years).
 * Nothing else is accepted: no whitespace, no time part, no single-digit
 * month or day.  Returns 0 and sets *out, or -1 leaving *out untouched.
 */
int date_parse(const char *s, size_t len, int32_t *out);

/*
 * Writes `day` as "YYYY-MM-DD" plus NUL to `out`.  DATE_NONE, and any day
 * outside 0000-01-01..9999-12-31 (which do not fit the format), give "".
 */
void date_format(int32_t day, char out[static 11]);

/*
 * Parses exactly "YYYY-MM" (7 characters, year range as date_parse(),
 * month 01..12).  Returns 0 and sets *year and *month, or -1.
 */
int date_parse_month(const char *s, size_t len, int *year, int *month);

/*
 * Parses a calendar quarter written "YYYYQn" (6 characters, an uppercase
 * 'Q', n 1..4, year range as date_parse()), e.g. "2025Q1".  Returns 0 and
 * sets *from and *to to its first and last day, both inclusive (2025Q1 is
 * 2025-01-01..2025-03-31), or -1.
 */
int date_parse_quarter(const char *s, size_t len, int32_t *from, int32_t *to);

/*
 * day + n.  DATE_NONE stays DATE_NONE; a result outside the int32_t range
 * saturates to the nearest representable day (never DATE_NONE).
 */
int32_t date_add_days(int32_t day, int n);

/*
 * `day` moved by n calendar months, the day of month clamped to the length
 * of the target month: 2024-01-31 + 1 month is 2024-02-29, 2024-02-29 + 12
 * months is 2025-02-28.  DATE_NONE stays DATE_NONE.
 */
int32_t date_add_months(int32_t day, int n);

/*
 * Whole calendar months from `from` to `to`: the largest n such that
 * date_add_months(from, n) <= to.  2024-01-01 -> 2026-01-01 is 24,
 * 2024-01-15 -> 2026-01-14 is 23, 2024-01-31 -> 2024-02-29 is 1 (end of
 * month clamping).  0 when `to` is less than a month after `from`; when
 * `to` is before `from` the result is -date_months_between(to, from).
 * Neither may be DATE_NONE.
 */
int date_months_between(int32_t from, int32_t to);

/* Today's date in UTC.  The only function in this module that reads the clock. */
int32_t date_today_utc(void);

#endif
