/*
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates,
 * nothing above U+10FFFF.
 */
#ifndef CONSORT_UTF8_H
#define CONSORT_UTF8_H

#include <stddef.h>

/* The offset of the first byte that is not part of valid UTF-8, or len when all is valid. */
size_t utf8_invalid_at(const char *s, size_t len);

#endif
