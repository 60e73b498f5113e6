/*
 * Fuzz target: the multipart/form-data parser on any bytes. The input's first
 * line is the Content-Type, the rest the body (no newline: all of it is the
 * body of "multipart/form-data; boundary=B"). A found part must lie inside
 * the body, a failure must say why, and nothing may be read outside the input.
 */
#include "util/common.h"

#include "http/multipart.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl = memchr(in, '\n', size);
	struct strbuf err = STRBUF_INIT, ctype = STRBUF_INIT;
	struct multipart_part part;
	const char *body = in;
	size_t len = size;
	int rc;

	if (nl) {
		strbuf_add(&ctype, in, (size_t)(nl - in));
		body = nl + 1;
		len = size - (size_t)(body - in);
	} else {
		strbuf_adds(&ctype, "multipart/form-data; boundary=B");
	}
	/* A private copy of the body: reads past its end are caught by ASan. */
	{
		char *copy = malloc(len ? len : 1);
		if (!copy)
			return 0;
		memcpy(copy, body, len);
		rc = multipart_find(ctype.buf, copy, len, "file", &part, &err);
		if (rc == 1) {
			if (part.data < copy || part.len > len || part.data + part.len > copy + len)
				abort();
			if (strlen(part.filename) >= sizeof(part.filename) ||
			    strlen(part.ctype) >= sizeof(part.ctype))
				abort();
		} else if (rc == 0 ? err.len != 0 || part.data
				   : rc != -1 || !err.len || part.data) {
			abort();
		}
		free(copy);
	}
	strbuf_release(&ctype);
	strbuf_release(&err);
	return 0;
}
