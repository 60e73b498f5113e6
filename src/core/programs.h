/*
 * Program definitions as a service: the bundled programs, loading and
 * validating definition files, and reading a stored program back as a parsed
 * model. A "catalog" is every stored program, parsed, for validating imports
 * (known tiers, products, motions and agreement kinds).
 */
#ifndef CONSORT_CORE_PROGRAMS_H
#define CONSORT_CORE_PROGRAMS_H

#include <jansson.h>
#include <stdint.h>

#include "engine/program.h"

struct store;
struct strbuf;

/* A bundled definition, embedded in the binary at build time. */
struct bundled_program {
	const char *name; /* file name, "twilio-2023.yaml" */
	const char *text;
	size_t len;
};
extern const struct bundled_program bundled_programs[];
extern const size_t bundled_programs_count;

/* Stores every bundled program (inside the caller's transaction). */
int programs_install_bundled(struct store *s, struct strbuf *err);

/* Parses a definition file; problems as "FILE:LINE: what" lines in err. */
int program_validate_file(const char *path, struct program **out, struct strbuf *err);

/* Failures of the functions below besides -1 (storage): */
#define PROGRAM_INVALID (-2) /* the definition: "FILE:LINE: what" lines in err */
#define PROGRAM_UNKNOWN (-3) /* no such program */

/*
 * Validates and stores a definition (inside the caller's transaction): text
 * of len bytes, `name` standing for the file in messages. A stored program of
 * the same key is replaced, unless partners are at a tier the new definition
 * lacks (PROGRAM_INVALID, one line per partner).
 */
int program_load_text(struct store *s, const char *name, const char *text, size_t len,
		      struct program **out, struct strbuf *err);
/* The same for a definition file. */
int program_load_file(struct store *s, const char *path, struct program **out, struct strbuf *err);

/* Reads the stored program `key`, parsed; PROGRAM_UNKNOWN ("unknown program") when absent. */
int program_fetch(struct store *s, const char *key, struct program **out, int64_t *id,
		  struct strbuf *err);

/*
 * Every stored program, by key: {key, name, year, tiers: [keys], loaded_at}
 * (year and tiers null when the stored definition no longer parses).
 */
int programs_list(struct store *s, json_t **out, struct strbuf *err);

/* The whole definition as JSON (tiers, products, motions, agreements, requirements, benefits). */
json_t *program_to_json(const struct program *p);

struct catalog {
	struct program **programs;
	int64_t *ids;
	size_t n;
};
int catalog_load(struct store *s, struct catalog *c, struct strbuf *err);
void catalog_release(struct catalog *c);
/* The program with this key, or NULL (id in *id when found). */
const struct program *catalog_find(const struct catalog *c, const char *key, size_t len,
				   int64_t *id);
/* Whether any program declares a motion / product / agreement kind with this key. */
bool catalog_has_motion(const struct catalog *c, const char *key);
bool catalog_has_product(const struct catalog *c, const char *key);
bool catalog_has_agreement(const struct catalog *c, const char *key);

#endif
