#include "util/common.h"

#include "core/accounts.h"
#include "core/governance.h"
#include "core/import.h"
#include "core/programs.h"
#include "store/store.h"
#include "store/store_records.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/json.h"
#include "util/strbuf.h"

/* Looks a partner up by key; GOV_NO_PARTNER ("unknown partner") when absent. */
static int find_partner(struct store *s, const char *key, struct store_partner *out,
			struct strbuf *err)
{
	int rc = store_partner_get(s, key, out, err);

	if (rc == 0)
		strbuf_addf(err, "unknown partner '%s' (see 'consort partner list')", key);
	return rc == 1 ? 0 : rc == 0 ? GOV_NO_PARTNER : GOV_ERROR;
}

/* Begins a transaction and finds the partner in it; rolled back when that fails. */
static int begin_with_partner(struct store *s, const char *key, struct store_partner *out,
			      struct strbuf *err)
{
	int rc;

	if (store_begin(s, err))
		return GOV_ERROR;
	if ((rc = find_partner(s, key, out, err)) != 0)
		store_rollback(s);
	return rc;
}

/* program_fetch(), failing with GOV_NO_PROGRAM when the program is unknown. */
static int fetch_program(struct store *s, const char *key, struct program **p, int64_t *id,
			 struct strbuf *err)
{
	int rc = program_fetch(s, key, p, id, err);

	return rc == 0 ? 0 : rc == PROGRAM_UNKNOWN ? GOV_NO_PROGRAM : GOV_ERROR;
}

/* A JSON object of key/value pairs, values stolen (NULL = null); NULL-terminated. */
static json_t *audit_obj(const char *key, ...)
{
	json_t *o = json_object();
	va_list ap;

	va_start(ap, key);
	for (; key; key = va_arg(ap, const char *)) {
		json_t *v = va_arg(ap, json_t *);
		json_object_set_new(o, key, v ? v : json_null());
	}
	va_end(ap);
	return o;
}

/* audit_record() with before and after stolen. */
static int audit(struct store *s, const char *actor, const char *action, const char *entity,
		 const char *key, json_t *before, json_t *after, struct strbuf *err)
{
	int rc = audit_record(s, actor, action, entity, key, before, after, err);

	json_decref(before);
	json_decref(after);
	return rc;
}

static json_t *proposal_json(const struct store_proposal *p, bool with_explanation)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:{s:s, s:s}, s:s, s:s, s:s}", "id",
			      (json_int_t)p->id, "partner", p->partner_key, "program",
			      p->program_key, "from_tier", json_opt_text(p->from_tier), "to_tier",
			      json_opt_text(p->to_tier), "mode", p->mode, "window", "from",
			      p->window_from, "to", p->window_to, "as_of", p->as_of, "status",
			      p->status, "created_at", p->created_at);

	json_object_set_new(o, "decided_at", json_opt_text(p->decided_at));
	json_object_set_new(o, "decided_by", json_opt_text(p->decided_by));
	if (with_explanation) {
		json_t *e = json_loads(p->explanation, 0, NULL);
		json_object_set_new(o, "explanation", e ? e : json_null());
	} else {
		json_t *e = json_loads(p->explanation, 0, NULL);
		json_t *next = e ? json_object_get(e, "next_tier") : NULL;
		/* The list shows the decision's one-line reason: the gap, or "meets". */
		json_object_set(o, "next_tier", next ? next : json_null());
		json_decref(e);
	}
	return o;
}

int tier_proposals(struct store *s, const char *status, const char *program, json_t **out,
		   struct strbuf *err)
{
	struct store_proposal *list;
	struct store_program sp;
	int64_t program_id = 0;
	size_t n;

	*out = NULL;
	if (program) {
		int rc = store_program_get(s, program, &sp, err);
		if (rc <= 0) {
			if (rc == 0)
				strbuf_addf(err, "unknown program '%s'", program);
			return rc == 0 ? GOV_NO_PROGRAM : GOV_ERROR;
		}
		program_id = sp.id;
		store_program_release(&sp);
	}
	if (store_proposal_list(s, status, program_id, &list, &n, err))
		return GOV_ERROR;
	*out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(*out, proposal_json(&list[i], false));
	store_proposal_list_free(list, n);
	return 0;
}

int tier_proposal(struct store *s, int64_t id, json_t **out, struct strbuf *err)
{
	struct store_proposal p;
	int rc = store_proposal_get(s, id, &p, err);

	*out = NULL;
	if (rc <= 0) {
		if (rc == 0)
			strbuf_addf(err, "unknown proposal %" PRId64, id);
		return rc == 0 ? GOV_NO_PROPOSAL : GOV_ERROR;
	}
	*out = proposal_json(&p, true);
	store_proposal_release(&p);
	return *out ? 0 : GOV_ERROR;
}

/* Sets the tier and records the history row, inside the caller's transaction. */
static int change_tier(struct store *s, int64_t partner_id, int64_t program_id, const char *from,
		       const char *to, const char *on, const char *actor, const char *reason,
		       const char *source, int64_t proposal_id, struct strbuf *err)
{
	struct store_history h = {
		.partner_id = partner_id,
		.program_id = program_id,
		.proposal_id = proposal_id,
		.from_tier = (char *)from,
		.to_tier = (char *)to,
		.effective_on = (char *)on,
		.changed_by = (char *)actor,
		.reason = (char *)reason,
		.source = (char *)source,
	};

	if (store_set_tier(s, partner_id, program_id, to, on, err))
		return -1;
	return store_history_add(s, &h, err);
}

/* The partner's current tier in a program ("" = none), 1 if enrolled, 0 if not. */
static int current_tier(struct store *s, int64_t partner_id, int64_t program_id, char tier[64],
			struct strbuf *err)
{
	struct store_enrollment_row *rows;
	size_t n;

	tier[0] = '\0';
	if (store_enrollments(s, program_id, partner_id, &rows, &n, err))
		return -1;
	if (n)
		snprintf(tier, 64, "%s", rows[0].tier);
	store_enrollment_rows_free(rows, n);
	return n ? 1 : 0;
}

/* What the audit log keeps of a proposal, in a given status. */
static json_t *proposal_state(const struct store_proposal *p, const char *status)
{
	return audit_obj("partner", json_string(p->partner_key), "program",
			 json_string(p->program_key), "from_tier", json_opt_text(p->from_tier),
			 "to_tier", json_opt_text(p->to_tier), "status", json_string(status), NULL);
}

/*
 * Opens a decision's transaction and loads its proposal: 0 with p filled, or
 * a GOV_ code after rolling back (GOV_NO_PROPOSAL when there is none).
 */
static int begin_decision(struct store *s, int64_t id, struct store_proposal *p, struct strbuf *err)
{
	int rc;

	if (store_begin(s, err))
		return GOV_ERROR;
	rc = store_proposal_get(s, id, p, err);
	if (rc == 1)
		return 0;
	if (rc == 0)
		strbuf_addf(err, "unknown proposal %" PRId64, id);
	store_rollback(s);
	return rc == 0 ? GOV_NO_PROPOSAL : GOV_ERROR;
}

int tier_approve(struct store *s, int64_t id, const char *actor, const char *on, struct strbuf *err)
{
	struct store_proposal p;
	struct strbuf reason = STRBUF_INIT;
	char tier[64], key[32];
	json_t *after;
	int rc, ret = begin_decision(s, id, &p, err);

	if (ret)
		return ret;
	ret = GOV_ERROR;
	if (strcmp(p.status, "pending")) {
		strbuf_addf(err, "proposal %" PRId64 " is %s, not pending", id, p.status);
		ret = GOV_CONFLICT;
		goto fail_p;
	}
	rc = current_tier(s, p.partner_id, p.program_id, tier, err);
	if (rc < 0)
		goto fail_p;
	if (rc == 0) {
		strbuf_addf(err,
			    "proposal %" PRId64 " is stale: %s is no longer enrolled in %s; run "
			    "the evaluation again",
			    id, p.partner_key, p.program_key);
		ret = GOV_CONFLICT;
		goto fail_p;
	}
	if (strcmp(tier, p.from_tier)) {
		strbuf_addf(err,
			    "proposal %" PRId64 " is stale: %s is now %s, but the proposal was "
			    "made when it was %s; run the evaluation again",
			    id, p.partner_key, *tier ? tier : "not in good standing",
			    *p.from_tier ? p.from_tier : "not in good standing");
		ret = GOV_CONFLICT;
		goto fail_p;
	}
	strbuf_addf(&reason, "%s evaluation, window %s to %s, as of %s (proposal %" PRId64 ")",
		    p.mode, p.window_from, p.window_to, p.as_of, id);
	snprintf(key, sizeof(key), "%" PRId64, id);
	after = proposal_state(&p, "approved");
	json_object_set_new(after, "effective_on", json_string(on));
	if (change_tier(s, p.partner_id, p.program_id, p.from_tier, p.to_tier, on, actor,
			reason.buf, "approval", id, err) ||
	    store_proposal_decide(s, id, "approved", actor, err) ||
	    audit(s, actor, "proposal.approve", "tier_proposal", key, proposal_state(&p, "pending"),
		  after, err) ||
	    store_commit(s, err))
		goto fail_p;
	store_proposal_release(&p);
	strbuf_release(&reason);
	return 0;
fail_p:
	store_proposal_release(&p);
	strbuf_release(&reason);
	store_rollback(s);
	return ret;
}

int tier_reject(struct store *s, int64_t id, const char *actor, struct strbuf *err)
{
	struct store_proposal p;
	char key[32];
	int ret = begin_decision(s, id, &p, err);

	if (ret)
		return ret;
	snprintf(key, sizeof(key), "%" PRId64, id);
	if (strcmp(p.status, "pending")) {
		/* (The CLI's message since the first version; tier_approve() names the status.) */
		strbuf_addf(err, "proposal %" PRId64 " is not pending", id);
		ret = GOV_CONFLICT;
	} else if (store_proposal_decide(s, id, "rejected", actor, err) ||
		   audit(s, actor, "proposal.reject", "tier_proposal", key,
			 proposal_state(&p, "pending"), proposal_state(&p, "rejected"), err) ||
		   store_commit(s, err)) {
		ret = GOV_ERROR;
	} else {
		ret = 0;
	}
	store_proposal_release(&p);
	if (ret)
		store_rollback(s);
	return ret;
}

int tier_set(struct store *s, const char *partner, const char *program, const char *tier,
	     const char *reason, const char *actor, const char *on, struct strbuf *err)
{
	struct store_partner sp;
	struct program *p = NULL;
	struct strbuf key = STRBUF_INIT;
	int64_t program_id;
	char from[64];
	const char *to = tier;
	json_t *after;
	int rc;

	if (!reason || !*reason) {
		strbuf_adds(err, "a reason is required (--reason TEXT)");
		return GOV_INVALID;
	}
	if ((rc = find_partner(s, partner, &sp, err)) != 0)
		return rc;
	if ((rc = fetch_program(s, program, &p, &program_id, err)) != 0)
		goto out;
	if (!strcmp(tier, "none")) {
		to = NULL;
	} else if (program_tier_index(p, tier) < 0) {
		strbuf_addf(err, "unknown tier '%s' in program '%s' (tiers:", tier, program);
		for (int t = 0; t < p->ntiers; t++)
			strbuf_addf(err, " %s", p->tiers[t].key);
		strbuf_adds(err, ", or none)");
		rc = GOV_INVALID;
		goto out;
	}
	rc = GOV_ERROR;
	if (store_begin(s, err))
		goto out;
	switch (current_tier(s, sp.id, program_id, from, err)) {
	case 1:
		break;
	case 0:
		strbuf_addf(err, "partner '%s' is not enrolled in program '%s'", partner, program);
		rc = GOV_INVALID;
		/* fall through */
	default:
		store_rollback(s);
		goto out;
	}
	strbuf_addf(&key, "%s/%s", sp.key, p->key);
	after = audit_obj("tier", json_opt_text(to), "effective_on", json_string(on), "reason",
			  json_text(reason), NULL);
	if (change_tier(s, sp.id, program_id, from, to, on, actor, reason, "override", 0, err) ||
	    store_proposal_supersede(s, sp.id, program_id, err) ||
	    audit(s, actor, "tier.set", "enrollment", key.buf,
		  audit_obj("tier", json_opt_text(from), NULL), after, err) ||
	    store_commit(s, err)) {
		store_rollback(s);
		goto out;
	}
	rc = 0;
out:
	strbuf_release(&key);
	program_free(p);
	store_partner_release(&sp);
	return rc;
}

int tier_history(struct store *s, const char *partner, json_t **out, struct strbuf *err)
{
	struct store_partner sp;
	struct store_history *h;
	size_t n;
	int rc;

	*out = NULL;
	if ((rc = find_partner(s, partner, &sp, err)) != 0)
		return rc;
	if (store_history_list(s, sp.id, &h, &n, err)) {
		store_partner_release(&sp);
		return GOV_ERROR;
	}
	*out = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:s, s:s}", "id",
				      (json_int_t)h[i].id, "partner", h[i].partner_key, "program",
				      h[i].program_key, "from_tier", json_opt_text(h[i].from_tier),
				      "to_tier", json_opt_text(h[i].to_tier), "effective_on",
				      h[i].effective_on, "changed_by", json_text(h[i].changed_by),
				      "reason", json_text(h[i].reason), "source", h[i].source,
				      "recorded_at", h[i].created_at);
		json_object_set_new(o, "proposal",
				    h[i].proposal_id ? json_integer(h[i].proposal_id)
						     : json_null());
		json_array_append_new(*out, o);
	}
	store_history_list_free(h, n);
	store_partner_release(&sp);
	return 0;
}

/* ---- benefits ---- */

static void names_of(struct strbuf *sb, const struct named *items, int n, uint32_t mask,
		     const char *sep)
{
	bool first = true;

	for (int i = 0; i < n; i++) {
		if (!(mask & (1u << i)))
			continue;
		strbuf_addf(sb, "%s%s", first ? "" : sep, items[i].name);
		first = false;
	}
}

/* Agreement kinds in force on `on` (signed on or before, not expired). */
static uint32_t agreements_in_force(const struct program *p, const struct facts_set *fs,
				    const char *on)
{
	uint32_t mask = 0;

	if (!fs->npartners)
		return 0;
	for (size_t i = 0; i < fs->partners[0].nagreements; i++) {
		const struct facts_agreement *a = &fs->agreements[fs->partners[0].agreements + i];
		int k = program_agreement_index(p, a->kind);
		if (k >= 0 && strcmp(a->signed_on, on) <= 0 &&
		    (!*a->expires_on || strcmp(a->expires_on, on) >= 0))
			mask |= 1u << k;
	}
	return mask;
}

static json_t *benefit_json(const struct program *p, const struct benefit *b, int tier,
			    uint32_t invited, uint32_t products, uint32_t signed_kinds)
{
	json_t *o = json_object(), *reasons = json_array();
	struct strbuf sb = STRBUF_INIT;
	enum benefit_grant g = tier >= 0 ? b->grant[tier] : GRANT_NONE;
	int lowest = -1, lowest_included = -1;

	for (int t = p->ntiers - 1; t >= 0; t--) {
		if (b->grant[t] != GRANT_NONE)
			lowest = t;
		if (b->grant[t] == GRANT_INCLUDED)
			lowest_included = t;
	}
	json_object_set_new(o, "key", json_string(b->key));
	json_object_set_new(o, "name", json_string(b->name));
	json_object_set_new(o, "grant",
			    json_string(g == GRANT_INCLUDED	 ? "included"
					: g == GRANT_INVITE_ONLY ? "invite_only"
								 : "none"));
	if (tier < 0) {
		json_array_append_new(reasons,
				      json_string("not in good standing: no tier, no benefits"));
	} else if (g == GRANT_NONE) {
		strbuf_reset(&sb);
		if (lowest >= 0 && b->grant[lowest] == GRANT_INVITE_ONLY)
			strbuf_addf(&sb, "requires %s tier with an invitation",
				    p->tiers[lowest].name);
		else if (lowest >= 0)
			strbuf_addf(&sb, "requires %s tier", p->tiers[lowest].name);
		else
			strbuf_adds(&sb, "not offered at any tier");
		if (lowest_included > lowest)
			strbuf_addf(&sb, ", or %s tier", p->tiers[lowest_included].name);
		json_array_append_new(reasons, json_string(sb.buf));
	} else if (g == GRANT_INVITE_ONLY && !(invited & (1u << tier))) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "invite-only at %s tier: requires an invitation",
			    p->tiers[tier].name);
		if (lowest_included > tier)
			strbuf_addf(&sb, " (included at %s)", p->tiers[lowest_included].name);
		json_array_append_new(reasons, json_string(sb.buf));
	}
	if (b->products && !(b->products & products)) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, "only for partners with ");
		names_of(&sb, p->products, p->nproducts, b->products, " or ");
		json_array_append_new(reasons, json_string(sb.buf));
	}
	if (b->prerequisites & ~signed_kinds) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, "requires a signed ");
		names_of(&sb, p->agreements, p->nagreements, b->prerequisites & ~signed_kinds,
			 " and ");
		json_array_append_new(reasons, json_string(sb.buf));
	}
	json_object_set_new(o, "status",
			    json_string(json_array_size(reasons) ? "locked" : "entitled"));
	json_object_set_new(o, "reasons", reasons);
	strbuf_release(&sb);
	return o;
}

int benefits_of(struct store *s, const char *partner, const char *program, const char *on,
		json_t **out, struct strbuf *err)
{
	struct store_partner sp;
	struct program *p = NULL;
	struct facts_set fs = {0};
	int64_t program_id;
	int tier;
	uint32_t invited, products, signed_kinds;
	json_t *list;
	int rc;

	*out = NULL;
	if ((rc = find_partner(s, partner, &sp, err)) != 0)
		return rc;
	if ((rc = fetch_program(s, program, &p, &program_id, err)) != 0)
		goto out;
	rc = GOV_ERROR;
	if (store_load_facts(s, program_id, sp.key, on, on, &fs, err))
		goto out;
	if (!fs.npartners) {
		strbuf_addf(err, "partner '%s' is not enrolled in program '%s' (or is deactivated)",
			    partner, program);
		rc = GOV_INVALID;
		goto out;
	}
	tier = *fs.partners[0].tier ? program_tier_index(p, fs.partners[0].tier) : -1;
	invited = program_list_mask(p, fs.partners[0].invited, program_tier_index);
	products = program_list_mask(p, fs.partners[0].products, program_product_index);
	signed_kinds = agreements_in_force(p, &fs, on);
	list = json_array();
	for (int i = 0; i < p->nbenefits; i++)
		json_array_append_new(list, benefit_json(p, &p->benefits[i], tier, invited,
							 products, signed_kinds));
	*out = json_pack("{s:s, s:s, s:o, s:s, s:o}", "partner", sp.key, "program", p->key, "tier",
			 json_opt_text(fs.partners[0].tier), "as_of", on, "benefits", list);
	rc = 0;
out:
	facts_set_release(&fs);
	program_free(p);
	store_partner_release(&sp);
	return rc;
}

int review_inactive(struct store *s, const char *program, const char *quarter, json_t **out,
		    struct strbuf *err)
{
	struct program *p = NULL;
	struct store_enrollment_row *rows = NULL;
	int64_t program_id;
	int32_t from, to;
	char f[11], t[11];
	const char *tier;
	size_t n = 0;
	json_t *list;
	int rc;

	*out = NULL;
	if (date_parse_quarter(quarter, strlen(quarter), &from, &to)) {
		strbuf_addf(err, "invalid quarter '%s': expected YYYYQn, e.g. 2025Q1", quarter);
		return GOV_INVALID;
	}
	if ((rc = fetch_program(s, program, &p, &program_id, err)) != 0)
		return rc;
	if (p->governance.inactivity_tier < 0) {
		strbuf_addf(err, "program '%s' defines no inactivity review", program);
		program_free(p);
		return GOV_INVALID;
	}
	tier = p->tiers[p->governance.inactivity_tier].key;
	date_format(from, f);
	date_format(to, t);
	if (store_inactive(s, program_id, tier, f, t, &rows, &n, err)) {
		program_free(p);
		return GOV_ERROR;
	}
	list = json_array();
	for (size_t i = 0; i < n; i++) {
		char last[11];
		if (store_last_activity(s, rows[i].partner_id, t, last, err)) {
			json_decref(list);
			store_enrollment_rows_free(rows, n);
			program_free(p);
			return GOV_ERROR;
		}
		json_array_append_new(
			list, json_pack("{s:s, s:o, s:s, s:o}", "partner", rows[i].partner_key,
					"name", json_text(rows[i].partner_name), "since",
					rows[i].since, "last_activity", json_opt_text(last)));
	}
	*out = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:o}", "program", p->key, "quarter",
			 quarter, "tier", tier, "window", "from", f, "to", t, "inactive", list);
	store_enrollment_rows_free(rows, n);
	program_free(p);
	return 0;
}

int partner_deactivate(struct store *s, const char *partner, const char *reason, const char *on,
		       const char *actor, struct strbuf *err)
{
	struct store_partner sp;
	struct strbuf why = STRBUF_INIT;
	int rc;

	if (!reason || !*reason) {
		strbuf_adds(err, "a reason is required (--reason TEXT)");
		return GOV_INVALID;
	}
	if ((rc = begin_with_partner(s, partner, &sp, err)) != 0)
		return rc;
	if (!sp.active) {
		strbuf_addf(err, "partner '%s' is already deactivated (since %s)", partner,
			    sp.deactivated_on);
		rc = GOV_CONFLICT;
	} else {
		strbuf_addf(&why, "%s (by %s)", reason, actor);
		rc = store_partner_deactivate(s, sp.id, on, why.buf, err) ||
				     audit(s, actor, "partner.deactivate", "partner", sp.key,
					   audit_obj("active", json_true(), NULL),
					   audit_obj("active", json_false(), "deactivated_on",
						     json_string(on), "reason", json_text(reason),
						     NULL),
					   err) ||
				     store_commit(s, err)
			     ? GOV_ERROR
			     : 0;
	}
	if (rc)
		store_rollback(s);
	strbuf_release(&why);
	store_partner_release(&sp);
	return rc;
}

/* Whether s is empty or only whitespace. */
static bool blank(const char *s)
{
	for (; s && *s; s++) {
		if (!isspace((unsigned char)*s))
			return false;
	}
	return true;
}

int partner_listing_set(struct store *s, const char *partner, const char *description,
			const char *actor, struct strbuf *err)
{
	struct store_partner sp;
	int rc;

	if (blank(description))
		description = NULL;
	if (description && import_check_description(description, strlen(description), err))
		return GOV_INVALID;
	if ((rc = begin_with_partner(s, partner, &sp, err)) != 0)
		return rc;
	if (store_partner_set_description(s, sp.id, description, err) ||
	    audit(s, actor, "partner.listing", "partner", sp.key,
		  audit_obj("description", json_opt_text(sp.description), NULL),
		  audit_obj("description", json_opt_text(description), NULL), err) ||
	    store_commit(s, err)) {
		store_rollback(s);
		rc = GOV_ERROR;
	}
	store_partner_release(&sp);
	return rc;
}

static json_t *partner_json(const struct store_partner *p)
{
	json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:b}", "key", p->key, "name",
			      json_text(p->name), "domain", json_opt_text(p->domain), "motions",
			      json_text(p->motions), "products", json_text(p->products), "region",
			      json_opt_text(p->region), "active", p->active);

	json_object_set_new(o, "description", json_opt_text(p->description));
	if (!p->active) {
		json_object_set_new(o, "deactivated_on", json_opt_text(p->deactivated_on));
		json_object_set_new(o, "deactivation_reason",
				    json_opt_text(p->deactivation_reason));
	}
	return o;
}

static const char *program_key_of(const struct store_program *programs, size_t n, int64_t id)
{
	for (size_t j = 0; j < n; j++) {
		if (programs[j].id == id)
			return programs[j].key;
	}
	return "";
}

int partners_list(struct store *s, json_t **out, struct strbuf *err)
{
	struct store_partner *list = NULL;
	struct store_enrollment_row *rows = NULL;
	struct store_program *programs = NULL;
	size_t n = 0, nrows = 0, nprograms = 0;
	int rc = -1;

	*out = NULL;
	if (store_partner_list(s, &list, &n, err) ||
	    store_enrollments(s, 0, 0, &rows, &nrows, err) ||
	    store_program_list(s, &programs, &nprograms, err))
		goto out;
	*out = json_array();
	/* Both lists are ordered by partner key: merge each partner's tiers in. */
	for (size_t i = 0, j = 0; i < n; i++) {
		json_t *o = partner_json(&list[i]), *tiers = json_object();
		while (j < nrows && strcmp(rows[j].partner_key, list[i].key) < 0)
			j++;
		for (; j < nrows && !strcmp(rows[j].partner_key, list[i].key); j++)
			json_object_set_new(tiers,
					    program_key_of(programs, nprograms, rows[j].program_id),
					    json_opt_text(rows[j].tier));
		json_object_set_new(o, "tiers", tiers);
		json_array_append_new(*out, o);
	}
	rc = 0;
out:
	store_program_list_free(programs, nprograms);
	store_enrollment_rows_free(rows, nrows);
	store_partner_list_free(list, n);
	return rc;
}

int partner_show(struct store *s, const char *partner, json_t **out, struct strbuf *err)
{
	static const char *const kinds[] = {"agreements", "solutions", "stories", "deals",
					    "spend",	  "commits",   "support", "mapping",
					    "plans",	  "activity"};
	struct store_partner sp;
	struct store_enrollment_row *rows;
	struct store_program *programs;
	size_t n, nprograms;
	json_t *o, *enr, *counts;

	int rc;

	*out = NULL;
	if ((rc = find_partner(s, partner, &sp, err)) != 0)
		return rc;
	if (store_enrollments(s, 0, sp.id, &rows, &n, err)) {
		store_partner_release(&sp);
		return GOV_ERROR;
	}
	if (store_program_list(s, &programs, &nprograms, err)) {
		store_enrollment_rows_free(rows, n);
		store_partner_release(&sp);
		return GOV_ERROR;
	}
	o = partner_json(&sp);
	enr = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *pkey = program_key_of(programs, nprograms, rows[i].program_id);
		json_array_append_new(enr, json_pack("{s:s, s:o, s:s, s:s}", "program", pkey,
						     "tier", json_opt_text(rows[i].tier), "since",
						     rows[i].since, "invited", rows[i].invited));
	}
	json_object_set_new(o, "enrollments", enr);
	counts = json_object();
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		int64_t c = 0;
		if (store_count(s, kinds[i], sp.id, &c, err)) {
			json_decref(o);
			json_decref(counts);
			o = NULL;
			break;
		}
		json_object_set_new(counts, kinds[i], json_integer(c));
	}
	if (o)
		json_object_set_new(o, "records", counts);
	store_program_list_free(programs, nprograms);
	store_enrollment_rows_free(rows, n);
	store_partner_release(&sp);
	*out = o;
	return o ? 0 : GOV_ERROR;
}

int partner_known(struct store *s, const char *partner, struct strbuf *err)
{
	struct store_partner sp;
	int rc = find_partner(s, partner, &sp, err);

	if (!rc)
		store_partner_release(&sp);
	return rc;
}

int partner_programs(struct store *s, const char *partner, json_t **out, struct strbuf *err)
{
	struct store_partner sp;
	struct store_enrollment_row *rows = NULL;
	struct store_program *programs = NULL;
	size_t n = 0, nprograms = 0;
	int rc;

	*out = NULL;
	if ((rc = find_partner(s, partner, &sp, err)) != 0)
		return rc;
	rc = GOV_ERROR;
	if (store_enrollments(s, 0, sp.id, &rows, &n, err) ||
	    store_program_list(s, &programs, &nprograms, err))
		goto out;
	*out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			*out, json_string(program_key_of(programs, nprograms, rows[i].program_id)));
	rc = 0;
out:
	store_program_list_free(programs, nprograms);
	store_enrollment_rows_free(rows, n);
	store_partner_release(&sp);
	return rc;
}

/* ---- agreements accepted online ---- */

struct sign {
	const char *partner, *agreement, *on, *actor;
};

/* Inside the acceptance's transaction: the agreement signed on `on`, unless one is in force. */
static int sign_agreement(struct store *s, int64_t partner_id, void *ctx, struct strbuf *err)
{
	const struct sign *g = ctx;
	struct store_agreement a = {partner_id, g->agreement, g->on, NULL};
	struct strbuf key = STRBUF_INIT;
	json_t *old = NULL;
	int rc = store_record_get(s, "agreements", partner_id, g->agreement, NULL, &old, err);

	if (rc < 0)
		return -1;
	if (rc == 1) {
		const char *from = json_string_value(json_object_get(old, "signed_on"));
		const char *until = json_string_value(json_object_get(old, "expires_on"));
		if (from && strcmp(from, g->on) <= 0 &&
		    (!until || !*until || strcmp(until, g->on) >= 0)) {
			json_decref(old);
			return 0; /* in force: kept as it was signed */
		}
	}
	strbuf_addf(&key, "%s/%s", g->partner, g->agreement);
	rc = store_put_agreement(s, &a, err) ||
			     audit(s, g->actor, "agreement.sign", "agreement", key.buf, old,
				   audit_obj("partner", json_string(g->partner), "agreement",
					     json_string(g->agreement), "signed_on",
					     json_string(g->on), "expires_on", NULL, NULL),
				   err)
		     ? -1
		     : 0;
	strbuf_release(&key);
	return rc;
}

int agreement_accept_signed(struct store *s, const struct auth *a, const char *partner,
			    const char *agreement, const char *version, const char *client,
			    const char *on, json_t **out, struct strbuf *err)
{
	struct sign g = {(a->role & ROLES_PARTNER) ? a->partner_key : partner, agreement, on,
			 a->email};
	int rc = agreement_accept_with(s, a, partner, agreement, version, client, sign_agreement,
				       &g, out, err);

	return rc == 0 ? 0 : rc == -2 ? GOV_INVALID : GOV_ERROR;
}
