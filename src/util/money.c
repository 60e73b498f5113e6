#include "util/common.h"
#include "util/money.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int money_parse(const char *s, size_t len, int64_t *cents)
{
	size_t i = 0, int_end, frac_len = 0;
	int64_t whole = 0, frac = 0;

	if (!len)
		return MONEY_ERR_EMPTY;
	if (s[0] == '-')
		return MONEY_ERR_NEGATIVE;
	while (i < len && is_digit(s[i]))
		i++;
	int_end = i;
	if (!int_end)
		return MONEY_ERR_SYNTAX;
	if (i < len) {
		if (s[i++] != '.')
			return MONEY_ERR_SYNTAX;
		while (i < len && is_digit(s[i]))
			i++;
		frac_len = i - int_end - 1;
		if (i < len || !frac_len)
			return MONEY_ERR_SYNTAX;
		if (frac_len > 2)
			return MONEY_ERR_DECIMALS;
	}

	for (i = 0; i < int_end; i++) {
		int digit = s[i] - '0';

		if (whole > (INT64_MAX - digit) / 10)
			return MONEY_ERR_RANGE;
		whole = whole * 10 + digit;
	}
	if (frac_len) {
		frac = (s[int_end + 1] - '0') * 10;
		if (frac_len == 2)
			frac += s[int_end + 2] - '0';
	}
	if (whole > (INT64_MAX - frac) / 100)
		return MONEY_ERR_RANGE;
	*cents = whole * 100 + frac;
	return 0;
}

const char *money_parse_error(int code)
{
	switch (code) {
	case MONEY_OK:
		return "ok";
	case MONEY_ERR_EMPTY:
		return "empty";
	case MONEY_ERR_NEGATIVE:
		return "negative amounts are not allowed";
	case MONEY_ERR_DECIMALS:
		return "more than 2 decimal places";
	case MONEY_ERR_SYNTAX:
		return "not a number: use digits and an optional .cents, without $ or commas";
	case MONEY_ERR_RANGE:
		return "amount too large";
	}
	return "invalid amount";
}

/*
 * Shared by both formats: writes [-][$]dollars.cc, with a ',' every three
 * dollar digits when `grouped`.  Built backwards from the end of a local
 * buffer; the longest result, "-$92,233,720,368,547,758.08", is 27 bytes.
 */
static void format_cents(int64_t cents, bool grouped, char out[static 32])
{
	char tmp[32];
	char *p = tmp + sizeof(tmp);
	/* magnitude as unsigned, so that INT64_MIN does not overflow */
	uint64_t mag = cents < 0 ? 0 - (uint64_t)cents : (uint64_t)cents;
	uint64_t dollars = mag / 100;
	int digits = 0;

	*--p = '\0';
	*--p = (char)('0' + mag % 10);
	*--p = (char)('0' + mag / 10 % 10);
	*--p = '.';
	do {
		if (grouped && digits && digits % 3 == 0)
			*--p = ',';
		*--p = (char)('0' + dollars % 10);
		dollars /= 10;
		digits++;
	} while (dollars);
	if (grouped)
		*--p = '$';
	if (cents < 0)
		*--p = '-';
	memcpy(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

void money_format(int64_t cents, char out[static 32])
{
	format_cents(cents, true, out);
}

void money_format_plain(int64_t cents, char out[static 32])
{
	format_cents(cents, false, out);
}
