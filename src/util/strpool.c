#include "util/common.h"

#include "util/alloc.h"
#include "util/strpool.h"

#define BLOCK_SIZE (256 * 1024)

struct block {
	struct block *next;
	size_t used, size;
	char data[];
};

struct strpool {
	struct block *head;
};

struct strpool *strpool_new(void)
{
	return xcalloc(1, sizeof(struct strpool));
}

void strpool_free(struct strpool *p)
{
	if (!p)
		return;
	while (p->head) {
		struct block *next = p->head->next;
		free(p->head);
		p->head = next;
	}
	free(p);
}

const char *strpool_addn(struct strpool *p, const char *s, size_t len)
{
	struct block *b = p->head;
	char *dst;

	if (!s)
		return "";
	if (!b || b->size - b->used < len + 1) {
		size_t size = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = p->head;
		p->head = b;
	}
	dst = b->data + b->used;
	memcpy(dst, s, len);
	dst[len] = '\0';
	b->used += len + 1;
	return dst;
}

const char *strpool_add(struct strpool *p, const char *s)
{
	return strpool_addn(p, s, s ? strlen(s) : 0);
}
