/*
 * bench-one: times one partner's evaluation in-process, without what the CLI
 * adds around it (process start, dynamic linking, opening the database).
 *
 *   bench-one DB PROGRAM PARTNER [RUNS]
 *
 * Times, RUNS times each (default 200) after a warm-up, the annual 2026
 * evaluation as of 2026-01-15 (evaluate_run: the program's definition read
 * and parsed, the partner's facts loaded, the engine, the explanation JSON
 * written to memory), then the program's load alone; prints the mean and the
 * minimum of each, and the difference of the minimums.
 */
#include "util/common.h"

#include <time.h>

#include "core/evaluate.h"
#include "core/explain.h"
#include "core/programs.h"
#include "store/store.h"
#include "util/date.h"
#include "util/strbuf.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int on_header(void *ctx, json_t *header)
{
	(void)ctx;
	(void)header;
	return 0;
}

static int on_partner(void *ctx, const struct eval_outcome *o)
{
	struct strbuf *out = ctx;

	strbuf_reset(out);
	if (explain_write_json(out, o->program, o->facts, o->fp, o->f, o->r, o->proposal)) {
		json_t *j = explain_result(o->program, o->facts, o->fp, o->f, o->r);
		char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		strbuf_adds(out, text ? text : "");
		free(text);
		json_decref(j);
	}
	return 0;
}

struct timing {
	double sum, min;
};

static void stat_add(struct timing *s, double ms)
{
	s->sum += ms;
	if (s->min == 0 || ms < s->min)
		s->min = ms;
}

int main(int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT, json = STRBUF_INIT;
	struct eval_sink sink = {on_header, on_partner, &json};
	struct eval_request req = {0};
	struct eval_summary sum;
	struct timing eval = {0}, load = {0};
	struct store *s;
	long runs = argc > 4 ? strtol(argv[4], NULL, 10) : 200;

	if (argc < 4 || runs < 1) {
		fprintf(stderr, "usage: bench-one DB PROGRAM PARTNER [RUNS]\n");
		return 2;
	}
	if (store_open(&s, argv[1], false, &err)) {
		fprintf(stderr, "bench-one: %s\n", err.buf);
		return 1;
	}
	req.program = argv[2];
	req.mode = MODE_ANNUAL;
	req.year = 2026;
	req.as_of = date_from_ymd(2026, 1, 15);
	req.partner = argv[3];
	for (long i = -5; i < runs; i++) {
		double t0 = now_ms();
		if (evaluate_run(s, &req, &sink, &sum, &err)) {
			fprintf(stderr, "bench-one: %s\n", err.buf);
			return 1;
		}
		if (i >= 0)
			stat_add(&eval, now_ms() - t0);
	}
	for (long i = -5; i < runs; i++) {
		struct program *p;
		double t0 = now_ms();
		if (program_fetch(s, req.program, &p, NULL, &err)) {
			fprintf(stderr, "bench-one: %s\n", err.buf);
			return 1;
		}
		program_free(p);
		if (i >= 0)
			stat_add(&load, now_ms() - t0);
	}
	printf("evaluate_run %.3f ms mean, %.3f ms min (%zu bytes of JSON); program load alone "
	       "%.3f ms mean, %.3f ms min; the rest %.3f ms (difference of the minimums)\n",
	       eval.sum / (double)runs, eval.min, json.len, load.sum / (double)runs, load.min,
	       eval.min - load.min);
	strbuf_release(&json);
	strbuf_release(&err);
	store_close(s);
	return 0;
}
