/*
 * bench-gen: writes a deterministic synthetic partner data set as CSV files
 * (the columns of docs/import.md) for `make bench`.
 *
 *   bench-gen [--partners N] [--deals M] [--seed S] DIR
 *
 * Defaults: 100,000 partners, 10,000,000 deals, seed 1. Every partner is
 * enrolled in twilio-2023; deals close between 2023-01-01 and 2026-12-31.
 * The same arguments always produce the same bytes (one seeded PRNG per
 * file, no clock). Only libc: this program does not link with libconsort.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- PRNG: splitmix64 to seed, xoshiro256** to draw ---- */

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed * 0x100000001b3ULL + stream;

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n) (n small; the modulo bias is irrelevant here). */
static uint32_t below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability pct percent. */
static bool chance(struct rng *r, unsigned pct)
{
	return below(r, 100) < pct;
}

/* Uniform in [0, 1). */
static double unit(struct rng *r)
{
	return (double)(next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- dates as day numbers (days since 1970-01-01) ---- */

static int32_t days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* A day uniformly in [from, to]. */
static int32_t day_between(struct rng *r, int32_t from, int32_t to)
{
	return from + (int32_t)below(r, (uint32_t)(to - from + 1));
}

/* ---- buffered output ---- */

struct out {
	FILE *f;
	const char *path;
	char *buf;
	size_t len, cap;
	uint64_t rows;
};

static void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len) {
		fprintf(stderr, "bench-gen: cannot write %s: %s\n", o->path, strerror(errno));
		exit(1);
	}
	o->len = 0;
}

static void out_open(struct out *o, const char *dir, const char *name, const char *header)
{
	static char path[4096];
	int n = snprintf(path, sizeof(path), "%s/%s.csv", dir, name);

	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "bench-gen: output directory name too long\n");
		exit(1);
	}
	memset(o, 0, sizeof(*o));
	o->path = path;
	o->f = fopen(path, "w");
	if (!o->f) {
		fprintf(stderr, "bench-gen: cannot create %s: %s\n", path, strerror(errno));
		exit(1);
	}
	o->cap = 1 << 20;
	o->buf = malloc(o->cap);
	if (!o->buf) {
		fprintf(stderr, "bench-gen: out of memory\n");
		exit(1);
	}
	memcpy(o->buf, header, strlen(header));
	o->len = strlen(header);
	o->buf[o->len++] = '\n';
}

static void out_close(struct out *o)
{
	out_flush(o);
	if (fclose(o->f)) {
		fprintf(stderr, "bench-gen: cannot write %s: %s\n", o->path, strerror(errno));
		exit(1);
	}
	free(o->buf);
}

/* Ensures room for one more row (rows are far below 4 KiB). */
static void out_room(struct out *o)
{
	if (o->cap - o->len < 4096)
		out_flush(o);
}

static void put_s(struct out *o, const char *s)
{
	size_t n = strlen(s);

	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void put_c(struct out *o, char c)
{
	o->buf[o->len++] = c;
}

/* Unsigned decimal, zero-padded to at least `width` digits. */
static void put_u(struct out *o, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	while (n)
		o->buf[o->len++] = tmp[--n];
}

static void put_day(struct out *o, int32_t day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	put_u(o, (uint64_t)y, 4);
	put_c(o, '-');
	put_u(o, (uint64_t)m, 2);
	put_c(o, '-');
	put_u(o, (uint64_t)d, 2);
}

static void put_money(struct out *o, uint64_t cents)
{
	put_u(o, cents / 100, 1);
	put_c(o, '.');
	put_u(o, cents % 100, 2);
}

static void end_row(struct out *o)
{
	put_c(o, '\n');
	o->rows++;
}

/* ---- the data set ---- */

static const char *const motions[] = {"embed", "integrate", "connect"};
static const unsigned motion_pct[] = {35, 55, 40};
static const char *const products[] = {"cpaas", "segment", "flex", "engage"};
static const unsigned product_pct[] = {60, 35, 25, 15};
static const char *const regions[] = {"na", "emea", "apac", "latam", ""};
static const char *const words[] = {"Acme",   "Globex",	   "Initech",  "Umbrella",
				    "Hooli",  "Vandelay",  "Stark",    "Wayne",
				    "Tyrell", "Cyberdyne", "Soylent",  "Massive",
				    "Nimbus", "Quantum",   "Blue Sky", "Northwind"};
static const char *const suffixes[] = {"Labs", "Systems", "Software", "Cloud", "Networks"};

#define NWORDS	  (sizeof(words) / sizeof(words[0]))
#define NSUFFIXES (sizeof(suffixes) / sizeof(suffixes[0]))

/* Per-partner traits that later files depend on, drawn once. */
struct partner {
	uint8_t motions, products; /* bitmasks over the tables above */
	uint8_t tier;		   /* enrolled tier, 0 registered .. 3 gold */
	bool support_addendum;
};

static void put_partner_key(struct out *o, uint32_t i)
{
	put_c(o, 'p');
	put_u(o, i + 1, 7);
}

static void put_list(struct out *o, const char *const *names, unsigned mask, unsigned n)
{
	bool first = true;

	for (unsigned i = 0; i < n; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (!first)
			put_c(o, ';');
		put_s(o, names[i]);
		first = false;
	}
}

static unsigned draw_mask(struct rng *r, const unsigned *pct, unsigned n)
{
	unsigned mask = 0;

	for (unsigned i = 0; i < n; i++) {
		if (chance(r, pct[i]))
			mask |= 1u << i;
	}
	return mask ? mask : 1u << below(r, n);
}

/* A product of the partner's (the first set bit after a random start). */
static unsigned partner_product(struct rng *r, const struct partner *p)
{
	unsigned start = below(r, 4);

	for (unsigned k = 0; k < 4; k++) {
		unsigned i = (start + k) % 4;
		if (p->products & (1u << i))
			return i;
	}
	return 0;
}

static void gen_partners(const char *dir, struct partner *ps, uint32_t n, uint64_t seed)
{
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 1);
	out_open(&o, dir, "partners", "key,name,domain,motions,products,region");
	for (uint32_t i = 0; i < n; i++) {
		struct partner *p = &ps[i];
		bool quoted = chance(&r, 5);

		unsigned t = below(&r, 100);

		p->motions = (uint8_t)draw_mask(&r, motion_pct, 3);
		p->products = (uint8_t)draw_mask(&r, product_pct, 4);
		p->tier = t < 50 ? 0 : t < 80 ? 1 : t < 95 ? 2 : 3;
		out_room(&o);
		put_partner_key(&o, i);
		put_c(&o, ',');
		/* Some names need CSV quoting: "Acme Labs, Inc." */
		if (quoted)
			put_c(&o, '"');
		put_s(&o, words[below(&r, NWORDS)]);
		put_c(&o, ' ');
		put_s(&o, suffixes[below(&r, NSUFFIXES)]);
		put_c(&o, ' ');
		put_u(&o, i + 1, 1);
		if (quoted)
			put_s(&o, ", Inc.\"");
		put_c(&o, ',');
		if (!chance(&r, 10)) {
			put_partner_key(&o, i);
			put_s(&o, ".example.com");
		}
		put_c(&o, ',');
		put_list(&o, motions, p->motions, 3);
		put_c(&o, ',');
		put_list(&o, products, p->products, 4);
		put_c(&o, ',');
		put_s(&o, regions[below(&r, 5)]);
		end_row(&o);
	}
	out_close(&o);
}

static void gen_enrollments(const char *dir, const struct partner *ps, uint32_t n, uint64_t seed)
{
	static const char *const tiers[] = {"registered", "bronze", "silver", "gold"};
	int32_t from = days_from_civil(2023, 1, 1), to = days_from_civil(2025, 12, 31);
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 2);
	out_open(&o, dir, "enrollments", "partner,program,tier,since,invited");
	for (uint32_t i = 0; i < n; i++) {
		unsigned inv = below(&r, 100);

		out_room(&o);
		put_partner_key(&o, i);
		put_s(&o, ",twilio-2023,");
		put_s(&o, tiers[ps[i].tier]);
		put_c(&o, ',');
		put_day(&o, day_between(&r, from, to));
		put_c(&o, ',');
		if (inv < 6)
			put_s(&o, "silver");
		else if (inv < 8)
			put_s(&o, "silver;gold");
		end_row(&o);
	}
	out_close(&o);
}

static void gen_agreements(const char *dir, struct partner *ps, uint32_t n, uint64_t seed)
{
	static const char *const kinds[] = {"tos", "partner_agreement", "support_addendum",
					    "referral_addendum"};
	static const unsigned pct[] = {97, 92, 60, 20};
	int32_t from = days_from_civil(2022, 1, 1), to = days_from_civil(2025, 12, 31);
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 3);
	out_open(&o, dir, "agreements", "partner,agreement,signed_on,expires_on");
	for (uint32_t i = 0; i < n; i++) {
		for (unsigned k = 0; k < 4; k++) {
			int32_t signed_on;
			if (!chance(&r, pct[k] + (k >= 2 ? 12u * ps[i].tier : 0)))
				continue;
			if (k == 2)
				ps[i].support_addendum = true;
			signed_on = day_between(&r, from, to);
			out_room(&o);
			put_partner_key(&o, i);
			put_c(&o, ',');
			put_s(&o, kinds[k]);
			put_c(&o, ',');
			put_day(&o, signed_on);
			put_c(&o, ',');
			/* Most never expire; some have already expired by 2026. */
			if (chance(&r, 15))
				put_day(&o, signed_on + 365 * (2 + (int32_t)below(&r, 4)));
			end_row(&o);
		}
	}
	out_close(&o);
}

static void gen_solutions(const char *dir, const struct partner *ps, uint32_t n, uint64_t seed)
{
	int32_t from = days_from_civil(2022, 1, 1), to = days_from_civil(2025, 12, 31);
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 4);
	out_open(&o, dir, "solutions",
		 "partner,key,name,product,launched_on,docs_on,collateral_on,reviewed_on");
	for (uint32_t i = 0; i < n; i++) {
		/* 0 to 3 solutions, more for higher tiers */
		unsigned c = below(&r, 10) + ps[i].tier;
		unsigned count = c < 2 ? 0 : c < 7 ? 1 : c < 10 ? 2 : 3;

		for (unsigned k = 1; k <= count; k++) {
			unsigned prod = partner_product(&r, &ps[i]);
			bool launched = chance(&r, 85);
			int32_t launch = day_between(&r, from, to);

			out_room(&o);
			put_partner_key(&o, i);
			put_s(&o, ",sol-");
			put_u(&o, k, 1);
			put_s(&o, ",");
			put_s(&o, words[below(&r, NWORDS)]);
			put_s(&o, " for Twilio ");
			put_s(&o, products[prod]);
			put_c(&o, ',');
			put_s(&o, products[prod]);
			put_c(&o, ',');
			if (launched)
				put_day(&o, launch);
			put_c(&o, ',');
			if (launched && chance(&r, 85))
				put_day(&o, launch - (int32_t)below(&r, 60));
			put_c(&o, ',');
			if (launched && chance(&r, 80))
				put_day(&o, launch + (int32_t)below(&r, 90));
			put_c(&o, ',');
			if (launched && chance(&r, 30))
				put_day(&o, launch + (int32_t)below(&r, 180));
			end_row(&o);
		}
	}
	out_close(&o);
}

static void gen_stories(const char *dir, const struct partner *ps, uint32_t n, uint64_t seed)
{
	int32_t from = days_from_civil(2022, 6, 1), to = days_from_civil(2026, 6, 30);
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 5);
	out_open(&o, dir, "stories", "partner,key,title,customer,published_on,url");
	for (uint32_t i = 0; i < n; i++) {
		unsigned count = 0;

		while (count < 6 && chance(&r, 60 + 10u * ps[i].tier))
			count++;
		for (unsigned k = 1; k <= count; k++) {
			out_room(&o);
			put_partner_key(&o, i);
			put_s(&o, ",story-");
			put_u(&o, k, 1);
			put_s(&o, ",How ");
			put_s(&o, words[below(&r, NWORDS)]);
			put_s(&o, " scaled customer engagement,");
			if (chance(&r, 80)) {
				put_s(&o, "Customer ");
				put_u(&o, below(&r, 1000000), 1);
			}
			put_c(&o, ',');
			if (chance(&r, 85))
				put_day(&o, day_between(&r, from, to));
			put_c(&o, ',');
			if (chance(&r, 90)) {
				put_s(&o, "https://example.com/stories/");
				put_partner_key(&o, i);
				put_c(&o, '-');
				put_u(&o, k, 1);
			}
			end_row(&o);
		}
	}
	out_close(&o);
}

static void gen_deals(const char *dir, const struct partner *ps, uint32_t n, uint64_t ndeals,
		      uint64_t seed)
{
	static const char *const types[] = {"new", "upsell", "renewal", "professional_services"};
	static const char *const stages[] = {"closed_won", "closed_lost", "open"};
	int32_t from = days_from_civil(2023, 1, 1), to = days_from_civil(2026, 12, 31);
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 6);
	out_open(&o, dir, "deals", "key,partner,account,product,type,stage,arr_usd,closed_on");
	for (uint64_t i = 0; i < ndeals; i++) {
		unsigned t = below(&r, 100), s = below(&r, 100), size = below(&r, 100);
		uint32_t p;
		uint64_t cents;

		/* 40% of deals go to a few large partners (u^2 skew), the rest by tier. */
		if (chance(&r, 40)) {
			double u = unit(&r);
			p = (uint32_t)(u * u * n);
		} else {
			/* Higher tiers sell more: accept a draw with odds (tier + 1) / 4. */
			p = below(&r, n);
			for (int k = 0; k < 3 && below(&r, 4) > ps[p].tier; k++)
				p = below(&r, n);
		}
		if (p >= n)
			p = n - 1;
		if (size < 70)
			cents = 50000 + next(&r) % 1950000; /* $500 - $20,000 */
		else if (size < 95)
			cents = 2000000 + next(&r) % 8000000; /* $20,000 - $100,000 */
		else
			cents = 10000000 + next(&r) % 40000000; /* $100,000 - $500,000 */
		s = s < 55 ? 0 : s < 80 ? 1 : 2;

		out_room(&o);
		put_c(&o, 'd');
		put_u(&o, i + 1, 9);
		put_c(&o, ',');
		put_partner_key(&o, p);
		put_s(&o, ",acct-");
		put_u(&o, below(&r, 5000000), 7);
		put_c(&o, ',');
		put_s(&o, products[partner_product(&r, &ps[p])]);
		put_c(&o, ',');
		put_s(&o, types[t < 40 ? 0 : t < 65 ? 1 : t < 90 ? 2 : 3]);
		put_c(&o, ',');
		put_s(&o, stages[s]);
		put_c(&o, ',');
		put_money(&o, cents);
		put_c(&o, ',');
		if (s != 2 || chance(&r, 30))
			put_day(&o, day_between(&r, from, to));
		end_row(&o);
	}
	out_close(&o);
}

/* Monthly spend for a third of the embed partners, 2024-01 to 2025-12. */
static void gen_spend(const char *dir, const struct partner *ps, uint32_t n, uint64_t seed)
{
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 7);
	out_open(&o, dir, "spend", "partner,month,amount_usd");
	for (uint32_t i = 0; i < n; i++) {
		uint64_t base;
		if (!(ps[i].motions & 1) || !chance(&r, 33))
			continue;
		base = 100000 + next(&r) % (chance(&r, 10) ? 60000000 : 4000000);
		for (int m = 0; m < 24; m++) {
			out_room(&o);
			put_partner_key(&o, i);
			put_c(&o, ',');
			put_u(&o, (uint64_t)(2024 + m / 12), 4);
			put_c(&o, '-');
			put_u(&o, (uint64_t)(m % 12 + 1), 2);
			put_c(&o, ',');
			put_money(&o, base / 2 + next(&r) % base);
			end_row(&o);
		}
	}
	out_close(&o);
}

/* A multi-year commit for a few embed partners. */
static void gen_commits(const char *dir, const struct partner *ps, uint32_t n, uint64_t seed)
{
	int32_t from = days_from_civil(2023, 1, 1), to = days_from_civil(2025, 12, 31);
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 8);
	out_open(&o, dir, "commits", "partner,key,tcv_usd,signed_on,start_on,end_on");
	for (uint32_t i = 0; i < n; i++) {
		int32_t signed_on, start;
		int y, m, d;
		if (!(ps[i].motions & 1) || !chance(&r, 5))
			continue;
		signed_on = day_between(&r, from, to);
		start = signed_on + (int32_t)below(&r, 30);
		civil_from_days(start, &y, &m, &d);
		out_room(&o);
		put_partner_key(&o, i);
		put_s(&o, ",commit-1,");
		put_money(&o, 1000000000 + next(&r) % 7000000000);
		put_c(&o, ',');
		put_day(&o, signed_on);
		put_c(&o, ',');
		put_day(&o, start);
		put_c(&o, ',');
		/* 12 to 48 months, ending the day before the anniversary */
		put_day(&o, days_from_civil(y + 1 + (int)below(&r, 4), m, 1) - 1);
		end_row(&o);
	}
	out_close(&o);
}

/* A support plan for most partners that signed the support addendum. */
static void gen_support(const char *dir, const struct partner *ps, uint32_t n, uint64_t seed)
{
	int32_t from = days_from_civil(2022, 1, 1), to = days_from_civil(2025, 12, 31);
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 9);
	out_open(&o, dir, "support", "partner,plan,start_on,end_on");
	for (uint32_t i = 0; i < n; i++) {
		int32_t start;
		if (!ps[i].support_addendum || !chance(&r, 90))
			continue;
		start = day_between(&r, from, to);
		out_room(&o);
		put_partner_key(&o, i);
		put_s(&o, chance(&r, 70) ? ",standard," : ",premium,");
		put_day(&o, start);
		put_c(&o, ',');
		if (chance(&r, 25))
			put_day(&o, start + 365 + (int32_t)below(&r, 730));
		end_row(&o);
	}
	out_close(&o);
}

static void gen_mapping(const char *dir, uint32_t n, uint64_t seed)
{
	int32_t from = days_from_civil(2023, 1, 1), to = days_from_civil(2025, 12, 31);
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 10);
	out_open(&o, dir, "mapping", "partner,enabled_on,disabled_on");
	for (uint32_t i = 0; i < n; i++) {
		int32_t on;
		if (!chance(&r, 12))
			continue;
		on = day_between(&r, from, to);
		out_room(&o);
		put_partner_key(&o, i);
		put_c(&o, ',');
		put_day(&o, on);
		put_c(&o, ',');
		if (chance(&r, 20))
			put_day(&o, on + 1 + (int32_t)below(&r, 400));
		end_row(&o);
	}
	out_close(&o);
}

static void gen_plans(const char *dir, uint32_t n, uint64_t seed)
{
	int32_t from = days_from_civil(2025, 10, 1), to = days_from_civil(2026, 1, 31);
	struct out o;
	struct rng r;

	rng_seed(&r, seed, 11);
	out_open(&o, dir, "plans", "partner,program,year,approved_on");
	for (uint32_t i = 0; i < n; i++) {
		if (!chance(&r, 10))
			continue;
		out_room(&o);
		put_partner_key(&o, i);
		put_s(&o, ",twilio-2023,2026,");
		put_day(&o, day_between(&r, from, to));
		end_row(&o);
	}
	out_close(&o);
}

static void usage(void)
{
	fprintf(stderr, "usage: bench-gen [--partners N] [--deals M] [--seed S] DIR\n");
	exit(2);
}

static uint64_t number(const char *opt, const char *s, uint64_t max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max) {
		fprintf(stderr, "bench-gen: invalid %s '%s' (1 to %" PRIu64 ")\n", opt, s, max);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	uint64_t npartners = 100000, ndeals = 10000000, seed = 1;
	const char *dir = NULL;
	struct partner *ps;
	uint32_t n;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--partners") && i + 1 < argc)
			npartners = number("--partners", argv[++i], 9999999);
		else if (!strcmp(argv[i], "--deals") && i + 1 < argc)
			ndeals = number("--deals", argv[++i], 999999999);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = number("--seed", argv[++i], UINT64_MAX);
		else if (argv[i][0] == '-' || dir)
			usage();
		else
			dir = argv[i];
	}
	if (!dir)
		usage();
	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "bench-gen: cannot create %s: %s\n", dir, strerror(errno));
		return 1;
	}
	n = (uint32_t)npartners;
	ps = calloc(n, sizeof(*ps));
	if (!ps) {
		fprintf(stderr, "bench-gen: out of memory\n");
		return 1;
	}
	gen_partners(dir, ps, n, seed);
	gen_enrollments(dir, ps, n, seed);
	gen_agreements(dir, ps, n, seed);
	gen_solutions(dir, ps, n, seed);
	gen_stories(dir, ps, n, seed);
	gen_deals(dir, ps, n, ndeals, seed);
	gen_spend(dir, ps, n, seed);
	gen_commits(dir, ps, n, seed);
	gen_support(dir, ps, n, seed);
	gen_mapping(dir, n, seed);
	gen_plans(dir, n, seed);
	free(ps);
	return 0;
}
