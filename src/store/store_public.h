/*
 * Storage interface, continued: the reads of the public pages (partner
 * directory, listing, badge, verification). Which tiers of which program
 * allow a listing is decided by the caller from the program definitions and
 * passed in as `allowed`: a JSON array text of [program key, tier key,
 * invite_only (0 or 1)] triples; an invite_only tier counts only for
 * enrollments whose invited list (';'-separated) holds that tier.
 */
#ifndef CONSORT_STORE_PUBLIC_H
#define CONSORT_STORE_PUBLIC_H

#include <jansson.h>
#include <stdint.h>

struct store;
struct strbuf;

/*
 * One partner by key: {id, key, name, domain, motions, products, region,
 * active, enrollments: [{program, tier, invited}], description} (domain,
 * region, tier, description may be null). 1 found, 0 not, -1 error.
 */
int store_public_partner(struct store *s, const char *key, json_t **out, struct strbuf *err);

/* Directory filters besides `allowed`: each NULL for any. */
struct public_filter {
	const char *q; /* substring of key or name, case-insensitive */
	const char *motion, *product, *region;
};

/*
 * One page of the active partners with at least one enrollment in `allowed`,
 * by name: each {key, name, domain, region, motions, products,
 * tiers: {program: tier}, description}; *total counts every match.
 */
int store_public_directory(struct store *s, const char *allowed, const struct public_filter *f,
			   int64_t offset, int limit, json_t **items, int64_t *total,
			   struct strbuf *err);

/* The distinct regions of the partners store_public_directory() lists, sorted. */
int store_public_regions(struct store *s, const char *allowed, json_t **out, struct strbuf *err);

#endif
