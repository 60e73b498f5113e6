/*
 * Evaluations, tier proposals and their decisions, leadership overrides, tier
 * history, benefits, the partner scorecard, the inactivity review and partner
 * deactivation: the CLI's evaluate, tier, benefits, review and partner
 * deactivate commands (docs/cli.md) over HTTP.
 *
 * Unknown names: a partner, program or proposal named in the path that does
 * not exist answers 404 not_found; one named in the body or the query string
 * answers 422 validation_failed. Either way `field` names it ("partner",
 * "program", "proposal"). A decided or stale proposal, or a partner already
 * deactivated, answers 409 conflict.
 *
 * Writes are audited: the governance services record their changes inside
 * their own transactions (core/governance.h); an evaluation that records
 * proposals is audited in a second, small transaction after it committed.
 */
#include "util/common.h"

#include "core/evaluate.h"
#include "core/explain.h"
#include "core/governance.h"
#include "core/programs.h"
#include "http/api.h"
#include "http/http_int.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/date.h"

/* Which names of a request came from its path (unknown ones: 404, else 422). */
#define PATH_PARTNER 1u
#define PATH_PROGRAM 2u

static int fail_with(struct http_request *r, enum api_error e, const char *field,
		     const struct strbuf *err)
{
	struct strbuf msg = STRBUF_INIT;
	char *hint;

	strbuf_addbuf(&msg, err);
	/* The services' hints name CLI commands: "unknown partner 'x' (see 'consort ...')". */
	hint = strstr(msg.buf, " (see 'consort ");
	if (hint)
		strbuf_setlen(&msg, (size_t)(hint - msg.buf));
	strbuf_rtrim(&msg);
	http_fail(r, e, field, "%s", msg.len ? msg.buf : "request failed");
	strbuf_release(&msg);
	return 0;
}

/* Answers a governance failure (core/governance.h: enum gov_failure). */
static int gov_fail(struct http_request *r, int rc, unsigned in_path, const char *invalid_field,
		    const struct strbuf *err)
{
	switch (rc) {
	case GOV_NO_PARTNER:
		return fail_with(r, (in_path & PATH_PARTNER) ? E_NOT_FOUND : E_INVALID, "partner",
				 err);
	case GOV_NO_PROGRAM:
		return fail_with(r, (in_path & PATH_PROGRAM) ? E_NOT_FOUND : E_INVALID, "program",
				 err);
	case GOV_NO_PROPOSAL:
		return fail_with(r, E_NOT_FOUND, "proposal", err);
	case GOV_INVALID:
		return fail_with(r, E_INVALID, invalid_field, err);
	case GOV_CONFLICT:
		return fail_with(r, E_CONFLICT, NULL, err);
	default:
		return fail_with(r, E_INTERNAL, NULL, err);
	}
}

int api_date_arg(struct http_request *r, const char *field, const char *v, char out[11],
		 int32_t *day)
{
	int32_t d = date_today_utc();

	if (v && date_parse(v, strlen(v), &d)) {
		http_fail(r, E_INVALID, field, "invalid %s '%s': expected YYYY-MM-DD", field, v);
		return -1;
	}
	date_format(d, out);
	if (day)
		*day = d;
	return 0;
}

/*
 * The program a partner's route is about: ?program=, else the one program
 * the partner is enrolled in. Answers (422 listing the programs when there
 * is not exactly one) and returns -1 otherwise; *out is the caller's to free.
 */
static int partner_program(struct http_request *r, const char *partner, char **out)
{
	const char *q = http_query(r, "program");
	struct strbuf err = STRBUF_INIT, names = STRBUF_INIT;
	json_t *list, *v;
	size_t i;
	int rc;

	*out = NULL;
	if (q) {
		*out = xstrdup(q);
		return 0;
	}
	rc = partner_programs(r->store, partner, &list, &err);
	if (rc) {
		gov_fail(r, rc, PATH_PARTNER, NULL, &err);
		strbuf_release(&err);
		return -1;
	}
	strbuf_release(&err);
	if (json_array_size(list) == 1) {
		*out = xstrdup(json_string_value(json_array_get(list, 0)));
		json_decref(list);
		return 0;
	}
	json_array_foreach(list, i, v)
		strbuf_addf(&names, "%s%s", i ? ", " : "", json_string_value(v));
	if (json_array_size(list))
		http_fail(r, E_INVALID, "program",
			  "partner '%s' is enrolled in several programs (%s): give ?program=",
			  partner, names.buf);
	else
		http_fail(r, E_INVALID, "program", "partner '%s' is not enrolled in any program",
			  partner);
	json_decref(list);
	strbuf_release(&names);
	return -1;
}

/* ---- evaluations ---- */

/*
 * Collects an evaluation run. The whole response is built as text: the
 * header's members, then each partner's explanation as explain_write_json()
 * writes it (what the CLI prints), without a jansson tree per partner.
 * A scorecard (one) is one object: the header's members, then the partner's.
 */
struct collect {
	bool one;
	struct strbuf text;
	size_t n;
};

static int on_header(void *ctx, json_t *h)
{
	struct collect *c = ctx;
	char *text;

	text = json_dumps(h, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!text)
		return -1;
	/* The header's members, the object left open for "partners" or the partner's. */
	strbuf_add(&c->text, text, strlen(text) - 1);
	if (!c->one)
		strbuf_adds(&c->text, ",\"partners\":[");
	free(text);
	return 0;
}

static int on_partner(void *ctx, const struct eval_outcome *o)
{
	struct collect *c = ctx;
	json_t *j;
	char *text;

	size_t at;

	if (c->n++ || c->one)
		strbuf_addch(&c->text, ',');
	at = c->text.len;
	if (!explain_write_json(&c->text, o->program, o->facts, o->fp, o->f, o->r, o->proposal))
		goto written;
	/* Text jansson refuses (not UTF-8): the explanation as jansson makes it. */
	j = explain_result(o->program, o->facts, o->fp, o->f, o->r);
	if (j && o->proposal)
		json_object_set_new(j, "proposal", json_integer(o->proposal));
	text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	strbuf_adds(&c->text, text ? text : "null");
	free(text);
	json_decref(j);
written:
	/* One partner joins the header's object: its members without its '{'. */
	if (c->one && c->text.len > at && c->text.buf[at] == '{') {
		memmove(c->text.buf + at, c->text.buf + at + 1, c->text.len - at - 1);
		strbuf_setlen(&c->text, c->text.len - 1);
	}
	return 0;
}

static void collect_release(struct collect *c)
{
	strbuf_release(&c->text);
}

/* Answers 200 with the collected JSON text (moved into the response, not copied). */
static void reply_collected(struct http_request *r, struct collect *c)
{
	strbuf_release(&r->text);
	r->text = c->text;
	strbuf_init(&c->text, 0);
	r->ctype = "application/json";
	r->status = 200;
}

/* Whether the partner is enrolled in the program; answers 404/422 and returns -1 when not. */
static int check_enrolled(struct http_request *r, const char *partner, const char *program,
			  unsigned in_path)
{
	struct strbuf err = STRBUF_INIT;
	json_t *list, *v;
	size_t i;
	bool enrolled = false;
	int rc = partner_programs(r->store, partner, &list, &err);

	if (rc) {
		gov_fail(r, rc, in_path, NULL, &err);
		strbuf_release(&err);
		return -1;
	}
	json_array_foreach(list, i, v) enrolled |= !strcmp(json_string_value(v), program);
	json_decref(list);
	strbuf_release(&err);
	if (!enrolled) {
		http_fail(r, E_INVALID, (in_path & PATH_PARTNER) ? "program" : "partner",
			  "partner '%s' is not enrolled in program '%s'", partner, program);
		return -1;
	}
	return 0;
}

/* The run's program, parsed; answers 404/422 and returns NULL when unknown. */
static struct program *fetch(struct http_request *r, const char *program, unsigned in_path)
{
	struct strbuf err = STRBUF_INIT;
	struct program *p = NULL;
	int rc = program_fetch(r->store, program, &p, NULL, &err);

	if (rc) {
		fail_with(r,
			  rc != PROGRAM_UNKNOWN	   ? E_INTERNAL
			  : in_path & PATH_PROGRAM ? E_NOT_FOUND
						   : E_INVALID,
			  "program", &err);
		program_free(p);
		p = NULL;
	}
	strbuf_release(&err);
	return p;
}

/* Runs the evaluation; answers its failure and returns -1, or 0. */
static int run(struct http_request *r, const struct eval_request *req, struct collect *c,
	       struct eval_summary *sum, const char *partner_field)
{
	struct eval_sink sink = {on_header, on_partner, c};
	struct strbuf err = STRBUF_INIT;
	int rc = evaluate_run(r->store, req, &sink, sum, &err);

	http_metrics_evaluations(sum->partners);
	switch (rc) {
	case 0:
		break;
	case EVAL_NO_PROGRAM:
		fail_with(r, E_INVALID, "program", &err);
		break;
	case EVAL_NO_PARTNER: /* the scorecard's {partner} (other callers check it first) */
		fail_with(r, E_NOT_FOUND, "partner", &err);
		break;
	case EVAL_NOT_ENROLLED:
		fail_with(r, E_INVALID, partner_field, &err);
		break;
	default:
		fail_with(r, E_INTERNAL, NULL, &err);
	}
	strbuf_release(&err);
	return rc ? -1 : 0;
}

int api_evaluations_run(struct http_request *r)
{
	static const char *const fields[] = {"program", "mode",	   "year", "as_of",
					     "partner", "propose", NULL};
	struct eval_request req = {0};
	struct eval_summary sum;
	struct collect c = {.text = STRBUF_INIT};
	struct program *p = NULL;
	struct strbuf err = STRBUF_INIT;
	const char *mode, *as_of_s;
	json_t *body, *year, *propose;
	char as_of[11];

	if (http_json_body(r, fields, &body))
		return 0;
	if (http_body_string(r, body, "program", true, &req.program) ||
	    http_body_string(r, body, "mode", true, &mode) ||
	    http_body_string(r, body, "as_of", false, &as_of_s) ||
	    http_body_string(r, body, "partner", false, &req.partner))
		goto out;
	year = json_object_get(body, "year");
	propose = json_object_get(body, "propose");
	if (year && json_is_null(year))
		year = NULL;
	if (!strcmp(mode, "annual")) {
		req.mode = MODE_ANNUAL;
		if (!year) {
			http_fail(r, E_INVALID, "year",
				  "mode annual needs year (the program year)");
			goto out;
		}
		if (!json_is_integer(year) || json_integer_value(year) <= DATE_MIN_YEAR ||
		    json_integer_value(year) > DATE_MAX_YEAR) {
			http_fail(r, E_INVALID, "year", "year must be an integer %d to %d",
				  DATE_MIN_YEAR + 1, DATE_MAX_YEAR);
			goto out;
		}
		req.year = (int)json_integer_value(year);
	} else if (!strcmp(mode, "midyear")) {
		req.mode = MODE_MIDYEAR;
		if (year) {
			http_fail(r, E_INVALID, "year",
				  "year is for mode annual; mid-year evaluations use as_of");
			goto out;
		}
	} else {
		http_fail(r, E_INVALID, "mode", "invalid mode '%s': expected annual or midyear",
			  mode);
		goto out;
	}
	if (propose && !json_is_null(propose) && !json_is_boolean(propose)) {
		http_fail(r, E_INVALID, "propose", "propose must be true or false");
		goto out;
	}
	req.propose = json_is_true(propose);
	if (api_date_arg(r, "as_of", as_of_s, as_of, &req.as_of))
		goto out;
	if (!(p = fetch(r, req.program, 0)))
		goto out;
	if (req.mode == MODE_ANNUAL) {
		struct eval_window w;
		if (eval_window_annual(&w, p, req.year, req.as_of, &err)) {
			fail_with(r, E_INVALID, "as_of", &err);
			goto out;
		}
	}
	if (req.partner && check_enrolled(r, req.partner, req.program, 0))
		goto out;
	req.actor = r->auth.email;
	if (run(r, &req, &c, &sum, "partner"))
		goto out;
	strbuf_adds(&c.text, "]}");
	reply_collected(r, &c);
out:
	program_free(p);
	collect_release(&c);
	strbuf_release(&err);
	json_decref(body);
	return 0;
}

/* ---- proposals ---- */

int api_reply_list_page(struct http_request *r, json_t *all)
{
	json_t *page;
	int64_t offset;
	int limit;

	if (http_page_args(r, &offset, &limit)) {
		json_decref(all);
		return 0;
	}
	page = json_array();
	for (size_t i = (size_t)offset;
	     i < json_array_size(all) && json_array_size(page) < (size_t)limit; i++)
		json_array_append(page, json_array_get(all, i));
	json_decref(all);
	return http_reply(r, 200, http_page(page, limit, offset + (int64_t)json_array_size(page)));
}

int api_proposals_list(struct http_request *r)
{
	const char *status = http_query(r, "status"), *program = http_query(r, "program");
	struct strbuf err = STRBUF_INIT;
	json_t *all;
	int rc;

	if (!status)
		status = "pending";
	if (strcmp(status, "pending") && strcmp(status, "approved") && strcmp(status, "rejected") &&
	    strcmp(status, "superseded") && strcmp(status, "all"))
		return http_fail(r, E_INVALID, "status",
				 "invalid status '%s': expected pending, approved, rejected, "
				 "superseded or all",
				 status);
	rc = tier_proposals(r->store, strcmp(status, "all") ? status : NULL, program, &all, &err);
	if (rc)
		gov_fail(r, rc, 0, NULL, &err);
	else
		api_reply_list_page(r, all);
	strbuf_release(&err);
	return 0;
}

int api_proposal_get(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	json_t *out;
	int64_t id;
	int rc;

	if (api_id_param(r, "proposal", &id))
		return 0;
	rc = tier_proposal(r->store, id, &out, &err);
	if (rc)
		gov_fail(r, rc, 0, NULL, &err);
	else
		http_reply(r, 200, out);
	strbuf_release(&err);
	return 0;
}

/* Approves or rejects; answers the proposal as it is now (without its explanation). */
static int decide(struct http_request *r, bool approve)
{
	static const char *const approve_fields[] = {"effective", NULL};
	static const char *const reject_fields[] = {NULL};
	struct strbuf err = STRBUF_INIT;
	const char *effective = NULL;
	json_t *body, *out;
	char on[11];
	int64_t id;
	int rc;

	if (api_id_param(r, "proposal", &id) ||
	    http_json_body_opt(r, approve ? approve_fields : reject_fields, &body))
		return 0;
	if ((approve && http_body_string(r, body, "effective", false, &effective)) ||
	    api_date_arg(r, "effective", effective, on, NULL))
		goto out;
	rc = approve ? tier_approve(r->store, id, r->auth.email, on, &err)
		     : tier_reject(r->store, id, r->auth.email, &err);
	if (rc) {
		gov_fail(r, rc, 0, NULL, &err);
		goto out;
	}
	/* Decided: the answer must say so even if reading it back fails. */
	if (tier_proposal(r->store, id, &out, &err))
		out = json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
				approve ? "approved" : "rejected");
	json_object_del(out, "explanation");
	if (approve)
		json_object_set_new(out, "effective_on", json_string(on));
	http_reply(r, 200, out);
out:
	json_decref(body);
	strbuf_release(&err);
	return 0;
}

int api_proposal_approve(struct http_request *r)
{
	return decide(r, true);
}

int api_proposal_reject(struct http_request *r)
{
	return decide(r, false);
}

/* ---- a partner's tiers ---- */

int api_partner_tier_set(struct http_request *r)
{
	static const char *const fields[] = {"tier", "reason", "effective", NULL};
	const char *partner = http_param(r, "partner"), *program = http_param(r, "program");
	struct strbuf err = STRBUF_INIT;
	const char *tier, *reason, *effective;
	json_t *body;
	char on[11];
	int rc;

	if (http_json_body(r, fields, &body))
		return 0;
	if (http_body_string(r, body, "tier", true, &tier) ||
	    http_body_string(r, body, "reason", true, &reason) ||
	    http_body_string(r, body, "effective", false, &effective) ||
	    api_date_arg(r, "effective", effective, on, NULL))
		goto out;
	if (!*reason) {
		http_fail(r, E_INVALID, "reason", "a reason is required");
		goto out;
	}
	rc = tier_set(r->store, partner, program, tier, reason, r->auth.email, on, &err);
	if (rc)
		gov_fail(r, rc, PATH_PARTNER | PATH_PROGRAM,
			 strstr(err.buf, "unknown tier")   ? "tier"
			 : strstr(err.buf, "not enrolled") ? "program"
							   : NULL,
			 &err);
	else
		http_reply(r, 200,
			   json_pack("{s:s, s:s, s:o, s:s, s:s, s:s}", "partner", partner,
				     "program", program, "tier",
				     strcmp(tier, "none") ? json_string(tier) : json_null(),
				     "effective_on", on, "reason", reason, "changed_by",
				     r->auth.email));
out:
	json_decref(body);
	strbuf_release(&err);
	return 0;
}

int api_partner_tier_history(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	json_t *list;
	int rc = tier_history(r->store, http_param(r, "partner"), &list, &err);

	if (rc)
		gov_fail(r, rc, PATH_PARTNER, NULL, &err);
	else
		api_reply_list_page(r, list);
	strbuf_release(&err);
	return 0;
}

int api_partner_benefits(struct http_request *r)
{
	const char *partner = http_param(r, "partner");
	struct strbuf err = STRBUF_INIT;
	char *program = NULL;
	char on[11];
	json_t *out;
	int rc;

	if (api_date_arg(r, "as_of", http_query(r, "as_of"), on, NULL) ||
	    partner_program(r, partner, &program))
		goto out;
	rc = benefits_of(r->store, partner, program, on, &out, &err);
	if (rc)
		gov_fail(r, rc, PATH_PARTNER, "program", &err);
	else
		http_reply(r, 200, out);
out:
	free(program);
	strbuf_release(&err);
	return 0;
}

int api_partner_scorecard(struct http_request *r)
{
	const char *partner = http_param(r, "partner");
	struct eval_request req = {0};
	struct eval_summary sum;
	struct collect c = {.one = true, .text = STRBUF_INIT};
	char *program = NULL;
	char as_of[11];
	struct strbuf key = STRBUF_INIT, err = STRBUF_INIT;
	struct store_generation gen;

	/*
	 * The evaluation looks the partner and the program up itself (unknown
	 * partner: 404; unknown program: 422), so the hot path asks once.
	 */
	if (api_date_arg(r, "as_of", http_query(r, "as_of"), as_of, &req.as_of) ||
	    partner_program(r, partner, &program))
		goto out;
	/*
	 * The same for every caller the route admits: by program, partner and
	 * date, good while the generations of this snapshot (the data's and
	 * the partner's) hold.
	 */
	strbuf_addf(&key, "scorecard%c%s%c%s%c%s", 0, program, 0, partner, 0, as_of);
	if (store_generation(r->store, partner, &gen, &err)) {
		fail_with(r, E_INTERNAL, NULL, &err);
		goto out;
	}
	r->fixed = http_cache_borrow(key.buf, key.len, &gen, &r->fixed_len, &r->fixed_ctx);
	if (r->fixed) {
		r->fixed_release = http_cache_return;
		r->ctype = "application/json";
		r->status = 200;
		goto out;
	}
	req.program = program;
	req.mode = MODE_MIDYEAR;
	req.partner = partner;
	req.actor = r->auth.email;
	if (run(r, &req, &c, &sum, "program"))
		goto out;
	if (c.n != 1) {
		http_fail(r, E_INTERNAL, NULL, "the evaluation returned no result");
		goto out;
	}
	/* The run's program, window and date, then the partner's result: written as text. */
	http_cache_put(key.buf, key.len, &gen, c.text.buf, c.text.len);
	reply_collected(r, &c);
out:
	free(program);
	collect_release(&c);
	strbuf_release(&key);
	strbuf_release(&err);
	return 0;
}

/* ---- review and deactivation ---- */

int api_review_inactive(struct http_request *r)
{
	const char *program = http_query(r, "program"), *quarter = http_query(r, "quarter");
	struct strbuf err = STRBUF_INIT;
	int32_t from, to;
	json_t *out;
	int rc;

	if (!program)
		return http_fail(r, E_INVALID, "program", "missing ?program=");
	if (!quarter)
		return http_fail(r, E_INVALID, "quarter",
				 "missing ?quarter= (YYYYQn, e.g. 2025Q1)");
	if (date_parse_quarter(quarter, strlen(quarter), &from, &to))
		return http_fail(r, E_INVALID, "quarter",
				 "invalid quarter '%s': expected YYYYQn, e.g. 2025Q1", quarter);
	rc = review_inactive(r->store, program, quarter, &out, &err);
	if (rc)
		gov_fail(r, rc, 0, "program", &err);
	else
		http_reply(r, 200, out);
	strbuf_release(&err);
	return 0;
}

int api_partner_deactivate(struct http_request *r)
{
	static const char *const fields[] = {"reason", "on", NULL};
	const char *partner = http_param(r, "partner");
	struct strbuf err = STRBUF_INIT;
	const char *reason, *on_s;
	json_t *body;
	char on[11];
	int rc;

	if (http_json_body_opt(r, fields, &body))
		return 0;
	if (http_body_string(r, body, "reason", true, &reason) ||
	    http_body_string(r, body, "on", false, &on_s) || api_date_arg(r, "on", on_s, on, NULL))
		goto out;
	if (!*reason) {
		http_fail(r, E_INVALID, "reason", "a reason is required");
		goto out;
	}
	rc = partner_deactivate(r->store, partner, reason, on, r->auth.email, &err);
	if (rc)
		gov_fail(r, rc, PATH_PARTNER, "reason", &err);
	else
		http_reply(r, 200,
			   json_pack("{s:s, s:b, s:s, s:s, s:s}", "partner", partner, "active", 0,
				     "deactivated_on", on, "reason", reason, "deactivated_by",
				     r->auth.email));
out:
	json_decref(body);
	strbuf_release(&err);
	return 0;
}
