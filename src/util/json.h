/*
 * Writing JSON text directly, for hot paths where building jansson objects
 * only to print them would cost more than the work itself.
 */
#ifndef CONSORT_JSON_H
#define CONSORT_JSON_H

#include <stddef.h>

struct strbuf;

/*
 * Appends s (n bytes) as a quoted JSON string, escaped as jansson escapes it
 * (no escaped '/', UTF-8 kept as is). Returns 0, or -1 when s is not valid
 * UTF-8 (the text is written anyway; the caller decides).
 */
int json_write_string(struct strbuf *sb, const char *s, size_t n);

#endif
