#include "util/common.h"
#include "util/alloc.h"

static void die_oom(void)
{
	fputs("consort: out of memory\n", stderr);
	abort();
}

size_t st_mult(size_t a, size_t b)
{
	if (b && a > SIZE_MAX / b)
		die_oom();
	return a * b;
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p;

	if (!n || !size)
		n = size = 1;
	st_mult(n, size);
	p = calloc(n, size);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t len)
{
	const char *nul = memchr(s, '\0', len);
	char *p;

	if (nul)
		len = (size_t)(nul - s);
	if (len == SIZE_MAX)
		die_oom();
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
