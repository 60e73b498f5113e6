/*
 * Unit tests for the response cache (src/http/cache.c): an entry answers
 * only at its generation; an older generation's entry is dropped when a
 * newer request meets it, a newer one is kept from an older writer; the
 * byte budget holds, evicting the least recently used first; a borrowed
 * body outlives its entry; size 0 is off.
 */
#include "util/common.h"

#include "http/http_int.h"
#include "store/store.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>

/* The cache has 64 shards, each with 1/64 of the budget; these keys share one. */
#define SHARDS 64

static int teardown(void **state)
{
	(void)state;
	http_cache_configure(0);
	return 0;
}

/* Generation n of the data, partner generation 0; gen2() both. */
static bool get2(const char *key, int64_t data, int64_t partner, struct strbuf *out)
{
	struct store_generation g = {data, partner};
	void *handle;
	size_t len;
	const char *body = http_cache_borrow(key, strlen(key), &g, &len, &handle);

	strbuf_reset(out);
	if (!body)
		return false;
	strbuf_add(out, body, len);
	http_cache_return(handle);
	return true;
}

static bool get(const char *key, int64_t gen, struct strbuf *out)
{
	return get2(key, gen, 0, out);
}

static void put2(const char *key, int64_t data, int64_t partner, const char *body)
{
	struct store_generation g = {data, partner};

	http_cache_put(key, strlen(key), &g, body, strlen(body));
}

static void put(const char *key, int64_t gen, const char *body)
{
	put2(key, gen, 0, body);
}

static void test_generations(void **state)
{
	struct strbuf out = STRBUF_INIT;
	struct http_cache_stats st;

	(void)state;
	http_cache_configure(1 << 20);
	assert_false(get("a", 1, &out));
	put("a", 1, "body at 1");
	assert_true(get("a", 1, &out));
	assert_string_equal(out.buf, "body at 1");
	/* Keys are bytes: a NUL inside counts. */
	{
		struct store_generation g1 = {1, 0};
		http_cache_put("a\0b", 3, &g1, "x", 1);
	}
	assert_true(get("a", 1, &out));
	assert_string_equal(out.buf, "body at 1");

	/* An older snapshot's writer does not replace a newer entry; its reader misses. */
	put("a", 2, "body at 2");
	put("a", 1, "stale");
	assert_false(get("a", 1, &out));
	assert_true(get("a", 2, &out));
	assert_string_equal(out.buf, "body at 2");

	/* A request at a newer generation drops the entry: it can never answer again. */
	assert_false(get("a", 3, &out));
	assert_false(get("a", 2, &out));
	http_cache_stats(&st);
	assert_int_equal(st.entries, 1); /* "a\0b" */
	assert_int_equal(st.hits, 3);
	assert_int_equal(st.misses, 4);
	assert_int_equal(st.max_bytes, 1 << 20);
	strbuf_release(&out);
}

/* The partner's generation counts like the data's: both must match. */
static void test_partner_generation(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	http_cache_configure(1 << 20);
	put2("p", 5, 2, "at 5/2");
	assert_true(get2("p", 5, 2, &out));
	assert_false(get2("p", 5, 1, &out)); /* an older snapshot: kept */
	assert_true(get2("p", 5, 2, &out));
	assert_false(get2("p", 4, 2, &out));
	assert_true(get2("p", 5, 2, &out));
	/* The partner's data changed: dropped. */
	assert_false(get2("p", 5, 3, &out));
	assert_false(get2("p", 5, 2, &out));
	put2("p", 5, 3, "at 5/3");
	put2("p", 5, 2, "stale");
	assert_true(get2("p", 5, 3, &out));
	assert_string_equal(out.buf, "at 5/3");
	/* Everyone's data changed: dropped too. */
	assert_false(get2("p", 6, 3, &out));
	assert_false(get2("p", 5, 3, &out));
	strbuf_release(&out);
}

/* n keys that fall in the same shard as "k0" (the cache's hash, brute-forced through stats). */
static void same_shard_keys(char keys[][16], int n)
{
	struct http_cache_stats st;
	int found = 0;

	/* A cache of one shard's worth per shard: 200 bytes each. */
	for (int i = 0; found < n && i < 100000; i++) {
		char k[16];
		snprintf(k, sizeof(k), "k%d", i);
		http_cache_configure(SHARDS * 200);
		put("k0", 1, "");
		put(k, 1,
		    "0123456789012345678901234567890123456789012345678901234567890123456789"
		    "0123456789012345678901234567890123456789");
		http_cache_stats(&st);
		/* The second entry pushed the first out only if they share the shard. */
		if (!strcmp(k, "k0") || st.entries == 1)
			snprintf(keys[found++], 16, "%s", k);
	}
	assert_int_equal(found, n);
}

static void test_eviction(void **state)
{
	char keys[4][16], body[101];
	struct strbuf out = STRBUF_INIT;
	struct http_cache_stats st;

	(void)state;
	same_shard_keys(keys, 4);
	memset(body, 'x', 100);
	body[100] = 0;
	/* Per shard: 600 bytes, room for a few 100-byte bodies with their keys and headers. */
	http_cache_configure(SHARDS * 600);
	put(keys[0], 1, body);
	put(keys[1], 1, body);
	put(keys[2], 1, body);
	http_cache_stats(&st);
	assert_int_equal(st.entries, 3);
	assert_true(st.bytes <= 600);
	/* keys[0] used last: keys[1] is the least recent and goes first. */
	assert_true(get(keys[0], 1, &out));
	put(keys[3], 1, body);
	http_cache_stats(&st);
	assert_true(st.bytes <= 600);
	assert_false(get(keys[1], 1, &out));
	assert_true(get(keys[0], 1, &out));
	assert_true(get(keys[3], 1, &out));

	/* A body larger than a shard's budget is not kept (and evicts nothing). */
	http_cache_stats(&st);
	{
		size_t before = st.entries;
		char big[700];
		memset(big, 'y', sizeof(big) - 1);
		big[sizeof(big) - 1] = 0;
		put(keys[1], 1, big);
		http_cache_stats(&st);
		assert_int_equal(st.entries, before);
		assert_false(get(keys[1], 1, &out));
	}
	strbuf_release(&out);
}

static void test_off(void **state)
{
	struct strbuf out = STRBUF_INIT;
	struct http_cache_stats st;

	(void)state;
	http_cache_configure(0);
	put("a", 1, "body");
	assert_false(get("a", 1, &out));
	http_cache_stats(&st);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.max_bytes, 0);
	/* Configuring again empties it. */
	http_cache_configure(1 << 20);
	put("a", 1, "body");
	http_cache_configure(1 << 20);
	assert_false(get("a", 1, &out));
	strbuf_release(&out);
}

/* A borrowed body outlives its entry's eviction, dropping and the cache's end. */
static void test_borrowed(void **state)
{
	struct store_generation g1 = {1, 0}, g2 = {2, 0};
	void *h1, *h2;
	size_t len;
	const char *b1, *b2;

	(void)state;
	http_cache_configure(1 << 20);
	put("k", 1, "first body");
	b1 = http_cache_borrow("k", 1, &g1, &len, &h1);
	assert_non_null(b1);
	assert_int_equal(len, 10);
	/* A newer generation drops the entry; the borrower still reads it. */
	assert_null(http_cache_borrow("k", 1, &g2, &len, &h2));
	assert_null(h2);
	put("k", 2, "second body");
	b2 = http_cache_borrow("k", 1, &g2, &len, &h2);
	assert_non_null(b2);
	http_cache_configure(0); /* the cache ends: both still borrowed */
	assert_memory_equal(b1, "first body", 10);
	assert_memory_equal(b2, "second body", 11);
	http_cache_return(h1);
	http_cache_return(h2);
	http_cache_return(NULL);
}

/* Many keys: the tables grow, every entry stays reachable. */
static void test_many(void **state)
{
	struct strbuf out = STRBUF_INIT;
	char key[32], body[32];

	(void)state;
	http_cache_configure(64 << 20);
	for (int i = 0; i < 20000; i++) {
		snprintf(key, sizeof(key), "scorecard/p%07d", i);
		snprintf(body, sizeof(body), "{\"n\":%d}", i);
		put(key, 7, body);
	}
	for (int i = 0; i < 20000; i += 97) {
		snprintf(key, sizeof(key), "scorecard/p%07d", i);
		snprintf(body, sizeof(body), "{\"n\":%d}", i);
		assert_true(get(key, 7, &out));
		assert_string_equal(out.buf, body);
	}
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_generations, teardown),
		cmocka_unit_test_teardown(test_partner_generation, teardown),
		cmocka_unit_test_teardown(test_borrowed, teardown),
		cmocka_unit_test_teardown(test_eviction, teardown),
		cmocka_unit_test_teardown(test_off, teardown),
		cmocka_unit_test_teardown(test_many, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
