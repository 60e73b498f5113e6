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

/* A new JSON object for one partner's result; fs/fp name the evidence records. */
json_t *explain_result(const struct program *p, const struct facts_set *fs,
		       const struct facts_partner *fp, const struct partner_facts *f,
		       const struct eval_result *r);

/* A requirement value or threshold: dollars as a "123.45" string, counts as integers,
 * booleans as true/false. */
json_t *threshold_json(enum req_unit unit, int64_t v);

#endif
