/*
 * An open-addressing hash map from strings to int64 values, for in-memory key
 * indexes (partner key -> id during an import; keys already seen in a file).
 * Keys are copied into the map.
 */
#ifndef CONSORT_STRMAP_H
#define CONSORT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap;

struct strmap *strmap_new(size_t hint);
void strmap_free(struct strmap *m);
/* Sets key to value; returns 1 if the key was new, 0 if it replaced a value. */
int strmap_put(struct strmap *m, const char *key, size_t len, int64_t value);
/* Returns 1 and sets *value when the key is present, else 0. */
int strmap_get(const struct strmap *m, const char *key, size_t len, int64_t *value);
size_t strmap_count(const struct strmap *m);

/* 64-bit FNV-1a, also used where only a hash is kept. */
uint64_t strmap_hash(const char *key, size_t len);

#endif
