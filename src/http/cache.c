/*
 * The response cache: the bodies of answers derived from the data (a
 * partner's scorecard), by key, each with the generations it was computed
 * at (store_generation(): the data's and the partner's). An entry answers a
 * request whose snapshot has the same generations; any committed change to
 * data counts one of them up, in whichever process, so an entry is never
 * served after the data under it changed.
 *
 * Bounded by bytes (--cache-size): 64 shards, each with its own lock, a
 * chained hash table and a least-recently-used list, evicting from the
 * tail. An entry of an older generation than a request's is dropped when
 * that request meets it (it can never answer again).
 */
#include "util/common.h"

#include <pthread.h>
#include <stdatomic.h>

#include "http/http_int.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#define SHARDS 64

struct entry {
	struct entry *chain;	   /* the bucket's next */
	struct entry *prev, *next; /* recency: most recent at the head */
	uint64_t hash;
	atomic_int refs; /* the cache's own while it holds it, and one per borrower */
	struct store_generation gen;
	size_t klen, blen;
	char data[]; /* the key, then the body */
};

struct shard {
	pthread_mutex_t lock;
	struct entry **buckets;
	size_t nbuckets, count, bytes;
	struct entry *head, *tail;
};

static struct shard shards[SHARDS];
static size_t shard_limit; /* bytes per shard; 0 = the cache is off */
static atomic_ulong hits, misses;

static uint64_t hash_key(const char *key, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 0x100000001b3u;
	return h ^ (h >> 29);
}

static size_t entry_size(const struct entry *e)
{
	return sizeof(*e) + e->klen + e->blen;
}

static struct entry **slot(struct shard *sh, uint64_t hash)
{
	return &sh->buckets[(hash >> 6) & (sh->nbuckets - 1)];
}

static void list_unlink(struct shard *sh, struct entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		sh->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		sh->tail = e->prev;
}

static void list_push(struct shard *sh, struct entry *e)
{
	e->prev = NULL;
	e->next = sh->head;
	if (sh->head)
		sh->head->prev = e;
	sh->head = e;
	if (!sh->tail)
		sh->tail = e;
}

static void release(struct entry *e)
{
	if (atomic_fetch_sub(&e->refs, 1) == 1)
		free(e);
}

/* Takes e out of the shard (its table and its list); freed once no request borrows it. */
static void drop(struct shard *sh, struct entry *e)
{
	struct entry **p = slot(sh, e->hash);

	while (*p != e)
		p = &(*p)->chain;
	*p = e->chain;
	list_unlink(sh, e);
	sh->count--;
	sh->bytes -= entry_size(e);
	release(e);
}

static struct entry *find(struct shard *sh, uint64_t hash, const char *key, size_t klen)
{
	for (struct entry *e = *slot(sh, hash); e; e = e->chain) {
		if (e->hash == hash && e->klen == klen && !memcmp(e->data, key, klen))
			return e;
	}
	return NULL;
}

/* Doubles the table when it holds more entries than buckets. */
static void grow(struct shard *sh)
{
	size_t n = sh->nbuckets ? sh->nbuckets * 2 : 64;
	struct entry **old = sh->buckets;
	size_t oldn = sh->nbuckets;

	if (sh->count < sh->nbuckets)
		return;
	sh->buckets = xcalloc(n, sizeof(*sh->buckets));
	sh->nbuckets = n;
	for (size_t i = 0; i < oldn; i++) {
		struct entry *e = old[i], *next;
		for (; e; e = next) {
			struct entry **p = slot(sh, e->hash);
			next = e->chain;
			e->chain = *p;
			*p = e;
		}
	}
	free(old);
}

void http_cache_configure(size_t max_bytes)
{
	static bool initialized;

	if (!initialized) {
		for (size_t i = 0; i < SHARDS; i++)
			pthread_mutex_init(&shards[i].lock, NULL);
		initialized = true;
	}
	for (size_t i = 0; i < SHARDS; i++) {
		struct shard *sh = &shards[i];
		pthread_mutex_lock(&sh->lock);
		while (sh->head)
			drop(sh, sh->head);
		free(sh->buckets);
		sh->buckets = NULL;
		sh->nbuckets = 0;
		pthread_mutex_unlock(&sh->lock);
	}
	shard_limit = max_bytes / SHARDS;
	atomic_store(&hits, 0);
	atomic_store(&misses, 0);
}

/* Whether generation a is older than b in either part (both only ever grow). */
static bool older(const struct store_generation *a, const struct store_generation *b)
{
	return a->data < b->data || a->partner < b->partner;
}

static bool same(const struct store_generation *a, const struct store_generation *b)
{
	return a->data == b->data && a->partner == b->partner;
}

const char *http_cache_borrow(const char *key, size_t klen, const struct store_generation *gen,
			      size_t *len, void **handle)
{
	uint64_t h = hash_key(key, klen);
	struct shard *sh = &shards[h % SHARDS];
	struct entry *e;
	const char *body = NULL;

	*len = 0;
	*handle = NULL;
	if (!shard_limit)
		return NULL;
	pthread_mutex_lock(&sh->lock);
	e = sh->nbuckets ? find(sh, h, key, klen) : NULL;
	if (e && same(&e->gen, gen)) {
		list_unlink(sh, e);
		list_push(sh, e);
		atomic_fetch_add(&e->refs, 1);
		body = e->data + e->klen;
		*len = e->blen;
		*handle = e;
	} else if (e && older(&e->gen, gen)) {
		drop(sh, e); /* the data changed since: it can never answer again */
	}
	pthread_mutex_unlock(&sh->lock);
	atomic_fetch_add(body ? &hits : &misses, 1);
	return body;
}

void http_cache_return(void *handle)
{
	if (handle)
		release(handle);
}

void http_cache_put(const char *key, size_t klen, const struct store_generation *gen,
		    const char *body, size_t blen)
{
	uint64_t h = hash_key(key, klen);
	struct shard *sh = &shards[h % SHARDS];
	struct entry *e, *old;

	if (!shard_limit || sizeof(*e) + klen + blen > shard_limit)
		return;
	e = xmalloc(sizeof(*e) + klen + blen);
	e->hash = h;
	atomic_init(&e->refs, 1);
	e->gen = *gen;
	e->klen = klen;
	e->blen = blen;
	memcpy(e->data, key, klen);
	memcpy(e->data + klen, body, blen);

	pthread_mutex_lock(&sh->lock);
	old = sh->nbuckets ? find(sh, h, key, klen) : NULL;
	if (old && !older(&old->gen, gen)) {
		/* As new or newer already (a reader with an older snapshot computed this one). */
		pthread_mutex_unlock(&sh->lock);
		free(e);
		return;
	}
	if (old)
		drop(sh, old);
	grow(sh);
	e->chain = *slot(sh, h);
	*slot(sh, h) = e;
	list_push(sh, e);
	sh->count++;
	sh->bytes += entry_size(e);
	while (sh->bytes > shard_limit)
		drop(sh, sh->tail);
	pthread_mutex_unlock(&sh->lock);
}

void http_cache_stats(struct http_cache_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->hits = atomic_load(&hits);
	st->misses = atomic_load(&misses);
	st->max_bytes = shard_limit * SHARDS;
	for (size_t i = 0; i < SHARDS; i++) {
		pthread_mutex_lock(&shards[i].lock);
		st->entries += shards[i].count;
		st->bytes += shards[i].bytes;
		pthread_mutex_unlock(&shards[i].lock);
	}
}
