/*
 * Program definitions, CSV imports and agreement acceptances: the CLI's
 * program list/show/load and import commands (docs/cli.md) over HTTP, and
 * the partner's online acceptance of the Terms of Service.
 *
 * Validation problems (a definition, an import) answer 422 with the usual
 * error and a "problems" array: the CLI's "FILE:LINE: ..." messages, one per
 * item. Nothing is stored then.
 */
#include "util/common.h"

#include "core/governance.h"
#include "core/import.h"
#include "core/programs.h"
#include "core/terms.h"
#include "http/api.h"
#include "http/http_int.h"
#include "http/multipart.h"
#include "store/store.h"
#include "util/date.h"

/* At most this many problems in a 422 answer (import_csv() stops at 10,000 anyway). */
#define MAX_PROBLEMS 10000

/* The error in the common shape plus "problems": err's lines, each made valid UTF-8. */
static int fail_problems(struct http_request *r, const char *message, const struct strbuf *err)
{
	json_t *problems = json_array();
	const char *p = err->buf, *end = err->buf + err->len;
	struct strbuf line = STRBUF_INIT;

	while (p < end && json_array_size(problems) < MAX_PROBLEMS) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		strbuf_reset(&line);
		strbuf_add(&line, p, len);
		strbuf_rtrim(&line);
		http_utf8_sanitize(&line);
		if (line.len)
			json_array_append_new(problems, json_stringn(line.buf, line.len));
		p += len + 1;
	}
	strbuf_release(&line);
	http_fail(r, E_INVALID, NULL, "%s", message);
	json_object_set_new(r->json, "problems", problems);
	return 0;
}

/* Whether the request's Content-Type is `type` (any case, parameters allowed). */
static bool content_type_is(const struct http_request *r, const char *type)
{
	const char *ct = http_header(r, "Content-Type");
	size_t n = strlen(type);

	return ct && !strncasecmp(ct, type, n) && (!ct[n] || ct[n] == ';' || ct[n] == ' ');
}

/* ---- programs ---- */

int api_programs_list(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	json_t *list;

	if (programs_list(r->store, &list, &err))
		http_fail_err(r, E_INTERNAL, &err);
	else
		api_reply_list_page(r, list);
	strbuf_release(&err);
	return 0;
}

int api_program_get(struct http_request *r)
{
	struct strbuf err = STRBUF_INIT;
	struct program *p;
	int rc = program_fetch(r->store, http_param(r, "program"), &p, NULL, &err);

	if (rc == PROGRAM_UNKNOWN)
		http_fail(r, E_NOT_FOUND, "program", "no such program '%s'",
			  http_param(r, "program"));
	else if (rc)
		http_fail_err(r, E_INTERNAL, &err);
	else
		http_reply(r, 200, program_to_json(p));
	program_free(p);
	strbuf_release(&err);
	return 0;
}

/* What the audit log keeps of a definition: not the text, its outline. */
static json_t *program_outline(const struct program *p)
{
	json_t *tiers = json_array();

	for (int t = 0; t < p->ntiers; t++)
		json_array_append_new(tiers, json_string(p->tiers[t].key));
	return json_pack("{s:s, s:s, s:i, s:o}", "key", p->key, "name", p->name, "year", p->year,
			 "tiers", tiers);
}

int api_program_put(struct http_request *r)
{
	const char *key = http_param(r, "program");
	struct strbuf err = STRBUF_INIT, name = STRBUF_INIT;
	struct program *old = NULL, *p = NULL;
	json_t *before = NULL, *after = NULL;
	bool existed;
	int rc;

	if (!content_type_is(r, "application/yaml") && !content_type_is(r, "text/yaml") &&
	    !content_type_is(r, "application/x-yaml"))
		return http_fail(
			r, E_MEDIA_TYPE, NULL,
			"expected Content-Type: application/yaml (the program definition)");
	strbuf_addf(&name, "%s.yaml", key);
	if (store_begin(r->store, &err)) {
		http_fail_err(r, E_INTERNAL, &err);
		goto out;
	}
	/* Replaced or created? (A stored definition that no longer parses counts as replaced.) */
	existed = program_fetch(r->store, key, &old, NULL, &err) != PROGRAM_UNKNOWN;
	if (old)
		before = program_outline(old);
	strbuf_reset(&err);
	rc = program_load_text(r->store, name.buf, r->body.buf, r->body.len, &p, &err);
	if (rc == PROGRAM_INVALID) {
		struct strbuf msg = STRBUF_INIT;
		size_t n = 0;
		for (size_t i = 0; i < err.len; i++)
			n += err.buf[i] == '\n' || (i + 1 == err.len);
		strbuf_addf(&msg, "%zu problem%s in the program definition; nothing was stored", n,
			    n == 1 ? "" : "s");
		fail_problems(r, msg.buf, &err);
		strbuf_release(&msg);
	} else if (rc) {
		http_fail_err(r, E_INTERNAL, &err);
	} else if (strcmp(p->key, key)) {
		http_fail(r, E_INVALID, "key",
			  "%s: the definition's key '%s' is not '%s', the program in the path",
			  name.buf, p->key, key);
		rc = -1;
	} else if (audit_record(r->store, r->auth.email, "program.load", "program", key, before,
				(after = program_outline(p)), &err) ||
		   store_commit(r->store, &err)) {
		http_fail_err(r, E_INTERNAL, &err);
		rc = -1;
	} else {
		http_reply(r, existed ? 200 : 201, program_to_json(p));
	}
	if (rc)
		store_rollback(r->store);
out:
	program_free(old);
	program_free(p);
	json_decref(before);
	json_decref(after);
	strbuf_release(&name);
	strbuf_release(&err);
	return 0;
}

/* ---- imports ---- */

/* The upload's file name for messages: its last path component, printable, else upload.csv. */
static void upload_name(const char *given, char out[256])
{
	const char *base = given;

	for (const char *c = given; *c; c++) {
		if (*c == '/' || *c == '\\')
			base = c + 1;
	}
	snprintf(out, 256, "%s", *base ? base : "upload.csv");
	for (char *c = out; *c; c++) {
		if ((unsigned char)*c < ' ' || *c == 0x7f)
			*c = '?';
	}
}

int api_import(struct http_request *r)
{
	const char *kind = http_param(r, "kind");
	struct strbuf err = STRBUF_INIT;
	struct import_report rep;
	struct multipart_part part;
	const char *data;
	size_t len;
	char filename[256];

	if (!import_columns(kind)) {
		struct strbuf kinds = STRBUF_INIT;
		for (size_t i = 0; import_kinds[i]; i++)
			strbuf_addf(&kinds, "%s%s", i ? ", " : "", import_kinds[i]);
		http_fail(r, E_NOT_FOUND, "kind", "unknown import kind '%s' (one of: %s)", kind,
			  kinds.buf);
		strbuf_release(&kinds);
		return 0;
	}
	if (content_type_is(r, "multipart/form-data")) {
		int rc = multipart_find(http_header(r, "Content-Type"), r->body.buf, r->body.len,
					"file", &part, &err);
		if (rc <= 0) {
			if (rc < 0)
				http_fail_err(r, E_BAD_REQUEST, &err);
			else
				http_fail(r, E_INVALID, "file",
					  "the upload has no part named 'file' (the CSV file)");
			strbuf_release(&err);
			return 0;
		}
		data = part.data;
		len = part.len;
		upload_name(part.filename, filename);
	} else if (content_type_is(r, "text/csv")) {
		data = r->body.buf;
		len = r->body.len;
		upload_name("", filename);
	} else {
		return http_fail(r, E_MEDIA_TYPE, NULL,
				 "expected Content-Type: multipart/form-data (the CSV in a part "
				 "named 'file') or text/csv");
	}
	if (import_csv(r->store, kind, filename, data, len, r->auth.email, &rep, &err)) {
		struct strbuf msg = STRBUF_INIT;
		if (rep.rows)
			strbuf_addf(&msg, "%zu of %zu row%s %s bad; nothing was imported",
				    rep.errors, rep.rows, rep.rows == 1 ? "" : "s",
				    rep.errors == 1 ? "is" : "are");
		else
			strbuf_adds(&msg, "the file cannot be imported; nothing was imported");
		fail_problems(r, msg.buf, &err);
		strbuf_release(&msg);
	} else {
		/* import_csv() audited it in its own transaction. */
		http_reply(r, 200,
			   json_pack("{s:s, s:I, s:b}", "kind", kind, "rows", (json_int_t)rep.rows,
				     "imported", 1));
	}
	strbuf_release(&err);
	return 0;
}

/* ---- agreements ---- */

/* The Terms of Service served (read at startup); answers 503 and returns NULL when none. */
static const struct terms *current_tos(struct http_request *r)
{
	const struct http_config *c = http_current_config();

	if (!c || !c->tos || !c->tos->version) {
		http_fail(r, E_UNAVAILABLE, NULL, "no Terms of Service document is configured");
		return NULL;
	}
	return c->tos;
}

int api_tos_get(struct http_request *r)
{
	const struct terms *t = current_tos(r);

	if (!t)
		return 0;
	return http_reply(r, 200,
			  json_pack("{s:s, s:s, s:s, s:s}", "agreement", "tos", "version",
				    t->version, "title", t->title, "body", t->body));
}

int api_tos_accept(struct http_request *r)
{
	static const char *const fields[] = {"document_version", NULL};
	struct strbuf err = STRBUF_INIT;
	const struct terms *tos;
	const char *version;
	json_t *body, *out;
	char today[11];
	int rc;

	if (http_json_body(r, fields, &body))
		return 0;
	if (http_body_string(r, body, "document_version", true, &version) ||
	    !(tos = current_tos(r)))
		goto out;
	/* Only the document the partner can be shown: GET /api/v1/agreements/tos. */
	if (strcmp(version, tos->version)) {
		http_fail(r, E_INVALID, "document_version",
			  "document_version '%s' is not the current Terms of Service (version %s): "
			  "read it at GET /api/v1/agreements/tos and accept that version",
			  version, tos->version);
		goto out;
	}
	date_format(date_today_utc(), today);
	rc = agreement_accept_signed(r->store, &r->auth, http_param(r, "partner"), "tos", version,
				     r->client_ip, today, &out, &err);
	if (rc == GOV_INVALID) {
		struct strbuf msg = STRBUF_INIT;
		strbuf_addbuf(&msg, &err);
		strbuf_rtrim(&msg);
		http_fail(r, E_INVALID, "document_version", "%s", msg.buf);
		strbuf_release(&msg);
	} else if (rc) {
		http_fail_err(r, E_INTERNAL, &err);
	} else {
		http_reply(r, 201, out);
	}
out:
	json_decref(body);
	strbuf_release(&err);
	return 0;
}

int api_acceptances_list(struct http_request *r)
{
	const char *partner = http_param(r, "partner");
	struct strbuf err = STRBUF_INIT;
	json_t *list;
	int rc = partner_known(r->store, partner, &err);

	if (rc == GOV_NO_PARTNER)
		http_fail(r, E_NOT_FOUND, "partner", "no such partner '%s'", partner);
	else if (rc || agreement_acceptances(r->store, partner, &list, &err))
		http_fail_err(r, E_INTERNAL, &err);
	else
		api_reply_list_page(r, list);
	strbuf_release(&err);
	return 0;
}
