/*
 * The OpenAPI 3.1 document of the HTTP API (docs/openapi.json), embedded in
 * the binary at build time (scripts/embed-text writes build/gen/openapi.c)
 * and served at /api/v1/openapi.json. tests/openapi/check keeps it true to the
 * route table (routes.c).
 */
#ifndef CONSORT_HTTP_OPENAPI_H
#define CONSORT_HTTP_OPENAPI_H

#include <stddef.h>

extern const char openapi_json[];     /* NUL-terminated */
extern const size_t openapi_json_len; /* without the NUL */

#endif
