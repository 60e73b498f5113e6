/*
 * Writing JSON text directly, for hot paths where building jansson objects
 * only to print them would cost more than the work itself.
 */
#ifndef CONSORT_JSON_H
#define CONSORT_JSON_H

#include <jansson.h>
#include <stddef.h>

struct strbuf;

/*
 * Text as a JSON string value. jansson refuses bytes that are not UTF-8 (a
 * Latin-1 CSV, a --reason typed in a Latin-1 terminal) and json_pack() would
 * then fail, losing a row from a list; such text is shown with '?' for each
 * byte outside ASCII instead. NULL reads as "".
 */
json_t *json_text(const char *s);
/* json_text(), or null for NULL and "". */
json_t *json_opt_text(const char *s);

/*
 * Appends s (n bytes) as a quoted JSON string, escaped as jansson escapes it
 * (no escaped '/', UTF-8 kept as is). Returns 0, or -1 when s is not valid
 * UTF-8 (the text is written anyway; the caller decides).
 */
int json_write_string(struct strbuf *sb, const char *s, size_t n);

#endif
