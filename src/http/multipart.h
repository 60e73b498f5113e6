/*
 * multipart/form-data (RFC 7578 over RFC 2046) over a buffered body: the
 * boundary from the Content-Type, then the one part a handler wants (a file
 * upload), without copying it. Strict about structure (CRLF line ends,
 * delimiters, a closing delimiter), lenient about what it does not need
 * (preamble, epilogue, unknown headers and parameters).
 */
#ifndef CONSORT_HTTP_MULTIPART_H
#define CONSORT_HTTP_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

#define MULTIPART_BOUNDARY_MAX 70 /* RFC 2046 */

struct multipart_part {
	const char *data; /* the part's content, inside the body */
	size_t len;
	char filename[256]; /* the filename parameter, "" when none (cut at 255 bytes) */
	char ctype[128];    /* the part's Content-Type, "" when none (cut at 127 bytes) */
};

/*
 * The boundary of a "multipart/form-data; boundary=..." Content-Type (the
 * parameter a token or a quoted string, any case, any other parameters
 * ignored). Returns 0 with the boundary in out, or -1 with the reason in err.
 */
int multipart_boundary(const char *content_type, char out[MULTIPART_BOUNDARY_MAX + 1],
		       struct strbuf *err);

/*
 * Finds the part of `body` (len bytes, a multipart/form-data body whose
 * Content-Type is content_type) with Content-Disposition form-data and
 * name="`name`". Returns 1 with *out filled, 0 when the body is well formed
 * but has no such part, -1 with the reason in err when it is malformed: a bad
 * Content-Type, no opening delimiter, part headers not ended by an empty
 * line, a part not closed by a delimiter (a truncated body), no closing
 * delimiter, or two parts of that name.
 */
int multipart_find(const char *content_type, const char *body, size_t len, const char *name,
		   struct multipart_part *out, struct strbuf *err);

#endif
