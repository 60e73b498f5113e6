/*
 * A string arena: many small strings copied into large blocks and freed all
 * at once. Used where a query returns millions of short strings (facts for a
 * full evaluation) and one malloc each would dominate.
 */
#ifndef CONSORT_STRPOOL_H
#define CONSORT_STRPOOL_H

#include <stddef.h>

struct strpool;

struct strpool *strpool_new(void);
/* Frees the pool and every string it gave out; NULL is a no-op. */
void strpool_free(struct strpool *p);
/* Copies len bytes plus a NUL into the pool; NULL s gives "" (len ignored). */
const char *strpool_addn(struct strpool *p, const char *s, size_t len);
const char *strpool_add(struct strpool *p, const char *s);

#endif
