/*
 * Allocation wrappers that never return NULL.
 *
 * Running out of memory is not an error the program can report usefully, so
 * these print "consort: out of memory" to stderr and abort() instead of
 * returning NULL.  Everything they return is freed with free().
 */
#ifndef CONSORT_ALLOC_H
#define CONSORT_ALLOC_H

#include <stddef.h>

/* malloc(size); a request for 0 bytes still returns a unique pointer. */
void *xmalloc(size_t size);

/* calloc(n, size), zero-filled; aborts if n * size overflows. */
void *xcalloc(size_t n, size_t size);

/* realloc(ptr, size); ptr may be NULL.  A size of 0 returns a 1-byte block. */
void *xrealloc(void *ptr, size_t size);

/* A malloc'd copy of the NUL-terminated string s. */
char *xstrdup(const char *s);

/* A malloc'd, NUL-terminated copy of at most len bytes of s (stops at a NUL). */
char *xstrndup(const char *s, size_t len);

/*
 * Returns a * b, aborting on overflow.  Used by ALLOC_GROW; handy for any
 * element-count times element-size computation.
 */
size_t st_mult(size_t a, size_t b);

/* Growth policy shared by ALLOC_GROW and strbuf: x * 1.5 + 16. */
#define alloc_nr(x) (((x) + 16) * 3 / 2)

/*
 * Grows the array `ptr` so that it holds at least `nr` elements; `alloc` is
 * the variable holding its current capacity (in elements) and is updated.
 * Existing elements are kept; new ones are uninitialised.  `nr` and `alloc`
 * are evaluated more than once.  Typical use (git style):
 *
 *	ALLOC_GROW(list->items, list->nr + 1, list->alloc);
 *	list->items[list->nr++] = item;
 */
#define ALLOC_GROW(ptr, nr, alloc)                                                                 \
	do {                                                                                       \
		if ((nr) > (alloc)) {                                                              \
			if (alloc_nr(alloc) < (nr))                                                \
				(alloc) = (nr);                                                    \
			else                                                                       \
				(alloc) = alloc_nr(alloc);                                         \
			(ptr) = xrealloc((ptr), st_mult(sizeof(*(ptr)), (alloc)));                 \
		}                                                                                  \
	} while (0)

#endif
