/*
 * Turns an engine result into the documented explanation JSON
 * (docs/evaluation.md): each requirement with value, thresholds per tier,
 * met or not, the evidence that counted, and the gap to the next tier.
 */
#ifndef CONSORT_CORE_EXPLAIN_H
#define CONSORT_CORE_EXPLAIN_H

#include <jansson.h>

#include "engine/engine.h"
#include "store/store.h"

struct strbuf;

/* A new JSON object for one partner's result; fs/fp name the evidence records. */
json_t *explain_result(const struct program *p, const struct facts_set *fs,
		       const struct facts_partner *fp, const struct partner_facts *f,
		       const struct eval_result *r);

/*
 * Appends to `out` exactly the text json_dumpf(explain_result(...),
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER) writes, with a last member
 * "proposal": N when proposal > 0 (as evaluate sets it), much faster. Returns
 * -1 with `out` unchanged when some text is not UTF-8 (jansson refuses such
 * text, so only explain_result() can say what it makes of it).
 */
int explain_write_json(struct strbuf *out, const struct program *p, const struct facts_set *fs,
		       const struct facts_partner *fp, const struct partner_facts *f,
		       const struct eval_result *r, int64_t proposal);

/* A requirement value or threshold: dollars as a "123.45" string, counts as integers,
 * booleans as true/false. */
json_t *threshold_json(enum req_unit unit, int64_t v);

#endif
