/*
 * Evaluation runs: load a program and the facts of its enrolled partners,
 * run the tier engine on each, explain each result as JSON
 * (docs/evaluation.md), and optionally record tier-change proposals.
 */
#ifndef CONSORT_CORE_EVALUATE_H
#define CONSORT_CORE_EVALUATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "engine/engine.h"

struct store;
struct strbuf;

struct eval_request {
	const char *program;
	enum eval_mode mode;
	int year;	     /* annual: the program year evaluated */
	int32_t as_of;	     /* standing date */
	const char *partner; /* NULL = every enrolled, active partner */
	bool propose;	     /* record proposals for changes */
	const char *actor;
};

struct eval_summary {
	size_t partners, up, down, same, proposals;
};

/* One partner's outcome: the engine's result and the facts its evidence names. */
struct eval_outcome {
	const struct program *program;
	const struct facts_set *facts;
	const struct facts_partner *fp;
	const struct partner_facts *f;
	const struct eval_result *r;
	int64_t proposal; /* the proposal recorded for it (--propose), else 0 */
};

/*
 * Called once with the run's header (program, mode, window, as_of; no
 * "partners" yet), then once per partner with its outcome, which the sink
 * explains (core/explain.h: explain_write_json(), explain_result(); an
 * explanation carries "proposal" when one was recorded). The sink borrows
 * both; return non-zero to stop the run.
 */
struct eval_sink {
	int (*header)(void *ctx, json_t *header);
	int (*partner)(void *ctx, const struct eval_outcome *o);
	void *ctx;
};

/*
 * Runs the evaluation. 0, or a failure with its message in err: one of the
 * EVAL_* codes when the request names what is not there, -1 otherwise.
 */
enum {
	EVAL_NO_PROGRAM = -2,	/* unknown program */
	EVAL_NO_PARTNER = -3,	/* unknown partner */
	EVAL_NOT_ENROLLED = -4, /* the partner is not enrolled (or is deactivated) */
};
int evaluate_run(struct store *s, const struct eval_request *req, const struct eval_sink *sink,
		 struct eval_summary *sum, struct strbuf *err);

#endif
