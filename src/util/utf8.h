/*
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates,
 * nothing above U+10FFFF.
 */
#ifndef CONSORT_UTF8_H
#define CONSORT_UTF8_H

#include <stddef.h>

/* The offset of the first byte that is not part of valid UTF-8, or len when all is valid. */
size_t utf8_invalid_at(const char *s, size_t len);

struct strbuf;

/*
 * Appends a one-line excerpt of the text s (UTF-8) to out: every run of
 * whitespace (line breaks included) becomes one space, leading and trailing
 * whitespace is dropped, and text longer than max_chars characters is cut
 * at the last space within them (mid-word when there is none) and ends with
 * "…". Never splits a character.
 */
void utf8_excerpt(struct strbuf *out, const char *s, size_t max_chars);

#endif
