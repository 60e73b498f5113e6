/*
 * Money amounts as int64_t cents: no floating point anywhere.
 *
 * The text form accepted from users (CSV, API, CLI) is deliberately narrow:
 * plain digits with an optional '.' and one or two cent digits.  Anything
 * else is rejected with a reason from money_parse_error() rather than
 * guessed at.
 */
#ifndef CONSORT_MONEY_H
#define CONSORT_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* Negative results of money_parse(); pass them to money_parse_error(). */
enum money_parse_result {
	MONEY_OK = 0,
	MONEY_ERR_EMPTY = -1,	 /* "" */
	MONEY_ERR_NEGATIVE = -2, /* starts with '-' */
	MONEY_ERR_DECIMALS = -3, /* digits '.' and three or more digits */
	MONEY_ERR_SYNTAX = -4,	 /* anything else that is not digits[.d[d]] */
	MONEY_ERR_RANGE = -5,	 /* more than INT64_MAX cents */
};

/*
 * Parses exactly `len` bytes of `s` (no NUL needed) as an amount in dollars:
 * one or more ASCII digits, optionally followed by '.' and one or two digits.
 * "125000", "220000.50", "0.5" (50 cents) and "007" are accepted; "", "12.",
 * ".5", "+5", "-5", "$5", "1,000", " 5", "1e5" and "1.234" are not, nor any
 * amount above INT64_MAX cents (92233720368547758.07).
 * Returns 0 and sets *cents, or a negative enum money_parse_result leaving
 * *cents untouched.
 */
int money_parse(const char *s, size_t len, int64_t *cents);

/*
 * A short, lowercase, static description of a money_parse() result, suitable
 * after "invalid amount '...': ".  Unknown codes give "invalid amount".
 */
const char *money_parse_error(int code);

/*
 * Writes `cents` for display, with a dollar sign and thousands separators:
 * "$1,234,567.89", "$0.05", "-$5.00".  Every int64_t value fits in 32 bytes.
 */
void money_format(int64_t cents, char out[static 32]);

/*
 * Writes `cents` in the form money_parse() reads back: "1234567.89", "0.05";
 * negative values as "-5.00" (which money_parse() rejects).
 */
void money_format_plain(int64_t cents, char out[static 32]);

#endif
