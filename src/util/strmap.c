#include "util/common.h"

#include "util/alloc.h"
#include "util/strmap.h"
#include "util/strpool.h"

struct slot {
	const char *key; /* NULL = empty */
	size_t len;
	uint64_t hash;
	int64_t value;
};

struct strmap {
	struct slot *slots;
	size_t cap, count; /* cap is a power of two */
	struct strpool *pool;
};

uint64_t strmap_hash(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ULL;
	}
	return h;
}

struct strmap *strmap_new(size_t hint)
{
	struct strmap *m = xcalloc(1, sizeof(*m));

	m->cap = 16;
	while (m->cap < hint * 2)
		m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	m->pool = strpool_new();
	return m;
}

void strmap_free(struct strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	strpool_free(m->pool);
	free(m);
}

static struct slot *find(struct slot *slots, size_t cap, const char *key, size_t len, uint64_t hash)
{
	size_t i = hash & (cap - 1);

	for (;;) {
		struct slot *s = &slots[i];
		if (!s->key || (s->hash == hash && s->len == len && !memcmp(s->key, key, len)))
			return s;
		i = (i + 1) & (cap - 1);
	}
}

static void grow(struct strmap *m)
{
	size_t cap = m->cap * 2;
	struct slot *slots = xcalloc(cap, sizeof(*slots));

	for (size_t i = 0; i < m->cap; i++) {
		struct slot *s = &m->slots[i];
		if (s->key)
			*find(slots, cap, s->key, s->len, s->hash) = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

int strmap_put(struct strmap *m, const char *key, size_t len, int64_t value)
{
	uint64_t hash = strmap_hash(key, len);
	struct slot *s;

	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	s = find(m->slots, m->cap, key, len, hash);
	if (s->key) {
		s->value = value;
		return 0;
	}
	s->key = strpool_addn(m->pool, key, len);
	s->len = len;
	s->hash = hash;
	s->value = value;
	m->count++;
	return 1;
}

int strmap_get(const struct strmap *m, const char *key, size_t len, int64_t *value)
{
	struct slot *s = find(m->slots, m->cap, key, len, strmap_hash(key, len));

	if (!s->key)
		return 0;
	*value = s->value;
	return 1;
}

size_t strmap_count(const struct strmap *m)
{
	return m->count;
}
