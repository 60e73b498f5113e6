#include "util/common.h"

#include "cli/cli.h"
#include "core/evaluate.h"
#include "core/explain.h"
#include "store/store.h"
#include "util/date.h"
#include "util/strbuf.h"

/*
 * Output is streamed: the header's fields, then each partner's result as it
 * is computed, so a full evaluation never holds every result in memory.
 * Partners' text gathers in `buf` and goes out in large writes.
 */
struct out {
	enum format fmt;
	bool started; /* the JSON header was written: the document must be closed */
	size_t n;
	struct strbuf buf;
};

#define OUT_CHUNK (1 << 20)

static void out_flush(struct out *o)
{
	if (o->buf.len)
		fwrite(o->buf.buf, 1, o->buf.len, stdout);
	strbuf_reset(&o->buf);
}

static int on_header(void *ctx, json_t *h)
{
	struct out *o = ctx;
	const char *key;
	json_t *v;
	bool first = true;

	o->started = true;
	if (o->fmt == FMT_JSON) {
		printf("{");
		json_object_foreach(h, key, v)
		{
			char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
			printf("%s\"%s\": %s", first ? "" : ", ", key, text ? text : "null");
			free(text);
			first = false;
		}
		printf(", \"partners\": [");
	} else {
		json_t *w = json_object_get(h, "window");
		printf("program %s, %s evaluation, window %s to %s, as of %s\n\n",
		       json_string_value(json_object_get(h, "program")),
		       json_string_value(json_object_get(h, "mode")),
		       json_string_value(json_object_get(w, "from")),
		       json_string_value(json_object_get(w, "to")),
		       json_string_value(json_object_get(h, "as_of")));
		printf("%-24s %-12s %-12s %-6s %s\n", "PARTNER", "CURRENT", "QUALIFIED", "CHANGE",
		       "TO REACH NEXT TIER");
	}
	return 0;
}

static int on_partner(void *ctx, const struct eval_outcome *e)
{
	struct out *o = ctx;
	const struct program *p = e->program;
	const struct eval_result *r = e->r;

	if (o->fmt == FMT_JSON) {
		strbuf_adds(&o->buf, o->n ? ",\n" : "\n");
		if (explain_write_json(&o->buf, p, e->facts, e->fp, e->f, r, e->proposal)) {
			/* Text jansson refuses: let it have its say, as it always had. */
			json_t *j = explain_result(p, e->facts, e->fp, e->f, r);
			if (e->proposal)
				json_object_set_new(j, "proposal", json_integer(e->proposal));
			out_flush(o);
			json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			json_decref(j);
		}
	} else {
		int next = eval_next_tier(p, r);
		char gap[512];
		if (next >= 0) {
			struct strbuf text = STRBUF_INIT;
			eval_gap_text(p, r, next, &text);
			snprintf(gap, sizeof(gap), "%s: %s", p->tiers[next].key,
				 text.len ? text.buf : "nothing more");
			strbuf_release(&text);
		} else {
			snprintf(gap, sizeof(gap), "top tier");
		}
		strbuf_addf(&o->buf, "%-24s %-12s %-12s %-6s %s\n", e->f->key,
			    r->current_tier >= 0 ? p->tiers[r->current_tier].key : "-",
			    r->qualified_tier >= 0 ? p->tiers[r->qualified_tier].key : "-",
			    eval_change(r), gap);
	}
	if (o->buf.len >= OUT_CHUNK)
		out_flush(o);
	o->n++;
	return 0;
}

int cmd_evaluate(const struct cli *c, int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT;
	struct eval_request req = {0};
	struct eval_summary sum;
	struct out o = {.buf = STRBUF_INIT};
	struct eval_sink sink = {on_header, on_partner, &o};
	struct store *s = NULL;
	struct args a;
	const char *mode, *year;
	char as_of[11];
	int rc;

	if (args_parse(&a, c, argc, argv, "program mode year as-of partner format", "propose"))
		return EXIT_USAGE;
	if (a.npos)
		return cli_usage(c, "unexpected argument '%s'", a.pos[0]);
	if (cli_format(c, &a, FMT_TABLE, &o.fmt))
		return EXIT_USAGE;
	req.program = args_get(&a, "program");
	mode = args_get(&a, "mode");
	year = args_get(&a, "year");
	if (!req.program)
		return cli_usage(c, "missing --program NAME");
	if (!mode)
		return cli_usage(c, "missing --mode annual|midyear");
	if (!strcmp(mode, "annual")) {
		char *end;
		long y;
		req.mode = MODE_ANNUAL;
		if (!year)
			return cli_usage(c, "--mode annual needs --year YYYY (the program year)");
		errno = 0;
		y = strtol(year, &end, 10);
		if (errno || *end || end == year || y < DATE_MIN_YEAR + 1 || y > DATE_MAX_YEAR)
			return cli_usage(c, "invalid --year '%s': expected YYYY", year);
		req.year = (int)y;
	} else if (!strcmp(mode, "midyear")) {
		req.mode = MODE_MIDYEAR;
		if (year)
			return cli_usage(c, "--year is for --mode annual; mid-year uses --as-of");
	} else {
		return cli_usage(c, "invalid --mode '%s': expected annual or midyear", mode);
	}
	if (cli_date(c, &a, "as-of", as_of))
		return EXIT_USAGE;
	date_parse(as_of, 10, &req.as_of);
	req.partner = args_get(&a, "partner");
	req.propose = args_flag(&a, "propose");
	req.actor = c->actor;
	if (cli_open(c, &s))
		return 1;
	rc = evaluate_run(s, &req, &sink, &sum, &err);
	out_flush(&o);
	strbuf_release(&o.buf);
	if (o.fmt == FMT_JSON && o.started)
		printf("\n]}\n");
	if (rc) {
		fflush(stdout);
		cli_error(err.buf);
	} else if (o.fmt == FMT_TABLE) {
		printf("\n%zu partner%s: %zu up, %zu down, %zu unchanged", sum.partners,
		       sum.partners == 1 ? "" : "s", sum.up, sum.down, sum.same);
		if (req.propose)
			printf("; %zu proposal%s recorded (see 'consort tier proposals')",
			       sum.proposals, sum.proposals == 1 ? "" : "s");
		printf("\n");
	} else if (req.propose) {
		fprintf(stderr, "%zu proposal%s recorded\n", sum.proposals,
			sum.proposals == 1 ? "" : "s");
	}
	strbuf_release(&err);
	store_close(s);
	return rc ? 1 : 0;
}
