#include "util/common.h"
#include "util/date.h"

#include <time.h>

/*
 * Howard Hinnant's days_from_civil / civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html): the year is shifted
 * to start on March 1 so that the leap day comes last, and split into 400-year
 * eras of exactly 146097 days.  Branch-light, no tables, exact for every
 * proleptic Gregorian date.  int64_t throughout so that no int32_t input can
 * overflow the intermediate values.
 */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;				       /* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	       /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;					     /* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);		     /* [0, 365] */
	mp = (5 * doy + 2) / 153;				     /* [0, 11] */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int32_t clamp_day(int64_t day)
{
	if (day > INT32_MAX)
		return INT32_MAX;
	if (day <= INT32_MIN)
		return INT32_MIN + 1; /* never DATE_NONE */
	return (int32_t)day;
}

bool date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && date_is_leap(year))
		return 29;
	return dim[month - 1];
}

int32_t date_from_ymd(int y, int m, int d)
{
	int64_t months = (int64_t)m - 1;
	int64_t carry = floor_div(months, 12);

	return (int32_t)(days_from_civil((int64_t)y + carry, months - carry * 12 + 1, 1) + d - 1);
}

void date_to_ymd(int32_t day, int *y, int *m, int *d)
{
	int64_t year;

	civil_from_days(day, &year, m, d);
	*y = (int)year;
}

/* Reads `n` ASCII digits at `s` into *out; -1 if any is not a digit. */
static int parse_digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int parse_year(const char *s, int *year)
{
	if (parse_digits(s, 4, year) < 0 || *year < DATE_MIN_YEAR || *year > DATE_MAX_YEAR)
		return -1;
	return 0;
}

int date_parse(const char *s, size_t len, int32_t *out)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (parse_year(s, &y) < 0 || parse_digits(s + 5, 2, &m) < 0 ||
	    parse_digits(s + 8, 2, &d) < 0)
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

static void put_digits(char *out, int v, int n)
{
	while (n--) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void date_format(int32_t day, char out[static 11])
{
	int y, m, d;

	/* 0000-01-01 and 9999-12-31: DATE_NONE is below both */
	if (day < -719528 || day > 2932896) {
		out[0] = '\0';
		return;
	}
	date_to_ymd(day, &y, &m, &d);
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

int date_parse_month(const char *s, size_t len, int *year, int *month)
{
	int y, m;

	if (len != 7 || s[4] != '-')
		return -1;
	if (parse_year(s, &y) < 0 || parse_digits(s + 5, 2, &m) < 0 || m < 1 || m > 12)
		return -1;
	*year = y;
	*month = m;
	return 0;
}

int date_parse_quarter(const char *s, size_t len, int32_t *from, int32_t *to)
{
	int y, q;

	if (len != 6 || s[4] != 'Q')
		return -1;
	if (parse_year(s, &y) < 0 || parse_digits(s + 5, 1, &q) < 0 || q < 1 || q > 4)
		return -1;
	*from = date_from_ymd(y, 3 * q - 2, 1);
	*to = date_from_ymd(y, 3 * q + 1, 1) - 1;
	return 0;
}

int32_t date_add_days(int32_t day, int n)
{
	if (day == DATE_NONE)
		return DATE_NONE;
	return clamp_day((int64_t)day + n);
}

int32_t date_add_months(int32_t day, int n)
{
	int64_t y, total, ny;
	int m, d, nm, dim;

	if (day == DATE_NONE)
		return DATE_NONE;
	civil_from_days(day, &y, &m, &d);
	total = y * 12 + (m - 1) + n;
	ny = floor_div(total, 12);
	nm = (int)(total - ny * 12) + 1;
	/* Only February's length depends on the year, and the leap rule repeats every 400. */
	dim = date_days_in_month((int)(ny % 400), nm);
	if (d > dim)
		d = dim;
	return clamp_day(days_from_civil(ny, nm, d));
}

int date_months_between(int32_t from, int32_t to)
{
	int64_t y1, y2, n;
	int m1, d1, m2, d2;

	if (to < from)
		return -date_months_between(to, from);
	civil_from_days(from, &y1, &m1, &d1);
	civil_from_days(to, &y2, &m2, &d2);
	n = (y2 - y1) * 12 + (m2 - m1);
	/* date_add_months(from, n) lands in to's month, on day min(d1, length of that month). */
	if (d1 > d2 && d2 < date_days_in_month((int)(y2 % 400), m2))
		n--;
	return (int)n;
}

int32_t date_today_utc(void)
{
	time_t now = time(NULL);

	return clamp_day(floor_div((int64_t)now, 86400));
}
