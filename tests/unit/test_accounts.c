/*
 * Unit tests for core/accounts: roles, user validation, passwords, sign-in
 * and its throttle, session expiry, API tokens, invitations, agreement
 * acceptances and the audit log. Each test gets a fresh in-memory database
 * with two partners, a clock it moves by hand (accounts_clock) and argon2id
 * at its minimum cost (accounts_weak_hashing), except the one test of the
 * real cost.
 */
#include "util/common.h"

#include "core/accounts.h"
#include "core/accounts_int.h"
#include "store/store.h"
#include "store/store_accounts.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>

#define T0 INT64_C(1735732800) /* 2025-01-01T12:00:00Z */
#define PW "correct horse battery"

static int64_t fake_now;

static int64_t fake_clock(void)
{
	return fake_now;
}

struct fixture {
	struct store *s;
	struct accounts_config c;
	struct strbuf err;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct store_partner acme = {
		.key = "acme", .name = "Acme", .motions = "integrate", .products = "segment"};
	struct store_partner beta = {
		.key = "beta", .name = "Beta", .motions = "integrate", .products = "segment"};

	strbuf_init(&f->err, 0);
	if (store_open(&f->s, ":memory:", true, &f->err) || store_begin(f->s, &f->err) ||
	    store_partner_put(f->s, &acme, &f->err) || store_partner_put(f->s, &beta, &f->err) ||
	    store_commit(f->s, &f->err)) {
		fprintf(stderr, "setup: %s\n", f->err.buf);
		return -1;
	}
	accounts_config_defaults(&f->c);
	accounts_clock = fake_clock;
	accounts_weak_hashing = true;
	fake_now = T0;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->s);
	strbuf_release(&f->err);
	free(f);
	return 0;
}

/* Expects the call to have returned `code` with err containing `want`, and resets err. */
#define assert_code(f, rc, code, want)                                                             \
	do {                                                                                       \
		assert_int_equal((rc), (code));                                                    \
		if (!strstr((f)->err.buf, (want)))                                                 \
			fail_msg("error '%s' lacks '%s'", (f)->err.buf, (want));                   \
		strbuf_reset(&(f)->err);                                                           \
	} while (0)
#define assert_err(f, rc, want) assert_code(f, rc, -1, want)

#define assert_ok(f, rc)                                                                           \
	do {                                                                                       \
		if ((rc) != 0)                                                                     \
			fail_msg("failed: %s", (f)->err.buf);                                      \
	} while (0)

static bool is_hex(const char *s, size_t len)
{
	if (strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!strchr("0123456789abcdef", s[i]))
			return false;
	}
	return true;
}

/* The audit records of one entity, as a JSON array (caller frees). */
static json_t *audit(struct fixture *f, const char *entity)
{
	json_t *out;
	int64_t last;

	assert_ok(f, audit_list(f->s, 0, 500, entity, false, &out, &last, &f->err));
	return out;
}

/* Whether some audit record of entity has this action. */
static bool audited(struct fixture *f, const char *entity, const char *action)
{
	json_t *list = audit(f, entity), *o;
	size_t i;
	bool found = false;

	json_array_foreach(list, i, o)
	{
		if (!strcmp(json_string_value(json_object_get(o, "action")), action))
			found = true;
	}
	json_decref(list);
	return found;
}

/* Signs in with a user made for the test; returns the auth. */
static void add_and_login(struct fixture *f, const char *email, const char *role,
			  const char *partner, struct auth *a)
{
	char sid[65];
	int retry;

	assert_ok(f, user_add(f->s, email, role, partner, PW, "test", NULL, NULL, &f->err));
	assert_ok(f, session_login(f->s, &f->c, email, PW, "127.0.0.1", a, sid, &retry, &f->err));
}

static void test_roles(void **state)
{
	static const char *const names[] = {"admin",	   "partner_manager",	"marketing",
					    "finance",	   "solution_engineer", "partner_admin",
					    "partner_user"};
	unsigned all = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		unsigned r = role_parse(names[i]);
		assert_int_not_equal(r, 0);
		assert_string_equal(role_name(r), names[i]);
		all |= r;
	}
	assert_int_equal(all, ROLES_ALL);
	assert_int_equal(role_parse("admin"), ROLE_ADMIN);
	assert_int_equal(role_parse("partner_user"), ROLE_PARTNER_USER);
	assert_int_equal(role_parse("Admin"), 0);
	assert_int_equal(role_parse(""), 0);
	assert_int_equal(role_parse(NULL), 0);
	assert_string_equal(role_name(0), "");
	assert_string_equal(role_name(ROLE_ADMIN | ROLE_FINANCE), "");
}

static void test_user_add_validation(void **state)
{
	struct fixture *f = *state;
	static const char *const bad_emails[] = {
		"nobody",   "a@b",	"a b@x.com", "@x.com", "a@@x.com",	"a@x..com",
		"a@-x.com", "a@x.com.", "a@x_y.com", "",       "a@x.com@y.com",
	};
	int64_t id = 0;
	bool yes;

	for (size_t i = 0; i < ARRAY_SIZE(bad_emails); i++) {
		int rc = user_add(f->s, bad_emails[i], "admin", NULL, NULL, "test", &id, NULL,
				  &f->err);
		assert_err(f, rc, *bad_emails[i] ? "invalid email address" : "email is required");
	}
	assert_err(f, user_add(f->s, "x@example.com", "owner", NULL, NULL, "t", &id, NULL, &f->err),
		   "unknown role 'owner'");
	assert_err(f,
		   user_add(f->s, "x@example.com", "partner_user", NULL, NULL, "t", &id, NULL,
			    &f->err),
		   "role 'partner_user' needs a partner");
	assert_err(
		f,
		user_add(f->s, "x@example.com", "finance", "acme", NULL, "t", &id, NULL, &f->err),
		"role 'finance' is a vendor role and takes no partner");
	assert_err(f,
		   user_add(f->s, "x@example.com", "partner_user", "nope", NULL, "t", &id, NULL,
			    &f->err),
		   "unknown partner 'nope'");
	assert_err(f,
		   user_add(f->s, "x@example.com", "admin", NULL, "short", "t", &id, NULL, &f->err),
		   "at least 12 characters");
	/* Nothing was written by the failures. */
	json_t *list = audit(f, NULL);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	assert_ok(f, users_have_admin(f->s, &yes, &f->err));
	assert_false(yes);

	assert_ok(f, user_add(f->s, "Admin@Example.com", "admin", NULL, PW, "cli", &id, NULL,
			      &f->err));
	assert_true(id > 0);
	assert_err(
		f,
		user_add(f->s, "admin@example.COM", "finance", NULL, NULL, "t", &id, NULL, &f->err),
		"a user with email 'admin@example.com' already exists");
	assert_ok(f, user_add(f->s, "pu@acme.example", "partner_user", "acme", NULL, "cli", &id,
			      NULL, &f->err));
	assert_ok(f, users_have_admin(f->s, &yes, &f->err));
	assert_true(yes);

	list = audit(f, "user");
	assert_int_equal(json_array_size(list), 2);
	json_t *first = json_array_get(list, 0);
	assert_string_equal(json_string_value(json_object_get(first, "action")), "user.create");
	assert_string_equal(json_string_value(json_object_get(first, "actor")), "cli");
	assert_string_equal(json_string_value(json_object_get(first, "key")), "admin@example.com");
	assert_true(json_is_null(json_object_get(first, "before")));
	json_t *after = json_object_get(first, "after");
	assert_string_equal(json_string_value(json_object_get(after, "email")),
			    "admin@example.com");
	assert_true(json_is_true(json_object_get(after, "password_set")));
	assert_null(json_object_get(after, "password_hash"));
	char *dumped = json_dumps(list, 0);
	assert_null(strstr(dumped, "argon2"));
	free(dumped);
	json_decref(list);

	assert_ok(f, users_list(f->s, 0, &list, &f->err));
	assert_int_equal(json_array_size(list), 2);
	json_decref(list);
	struct store_partner p;
	assert_int_equal(store_partner_get(f->s, "acme", &p, &f->err), 1);
	assert_ok(f, users_list(f->s, p.id, &list, &f->err));
	store_partner_release(&p);
	assert_int_equal(json_array_size(list), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "partner")),
			    "acme");
	assert_true(json_is_false(json_object_get(json_array_get(list, 0), "password_set")));
	json_decref(list);
}

static void test_password_policy(void **state)
{
	struct fixture *f = *state;
	char longpw[1100];

	assert_err(f, password_check(NULL, &f->err), "password is required");
	assert_err(f, password_check("", &f->err), "password is required");
	assert_err(f, password_check("12345678901", &f->err), "at least 12 characters");
	assert_ok(f, password_check("123456789012", &f->err));
	/* Characters, not bytes: 11 two-byte characters are too few, 12 enough. */
	assert_err(f, password_check("ééééééééééé", &f->err), "at least 12 characters");
	assert_ok(f, password_check("éééééééééééé", &f->err));
	assert_err(f, password_check("abcdefghijk\xff", &f->err), "not valid UTF-8");
	memset(longpw, 'a', 1024);
	longpw[1024] = '\0';
	assert_ok(f, password_check(longpw, &f->err));
	longpw[1024] = 'a';
	longpw[1025] = '\0';
	assert_err(f, password_check(longpw, &f->err), "at most 1024 characters");
}

/* The real cost (argon2id, interactive limits): one hash, two verifications. */
static void test_password_hash(void **state)
{
	struct fixture *f = *state;
	char hash[PASSWORD_HASH_MAX];

	accounts_weak_hashing = false;
	assert_ok(f, password_hash(PW, hash, &f->err));
	accounts_weak_hashing = true;
	assert_non_null(strstr(hash, "$argon2id$"));
	assert_non_null(strstr(hash, "m=65536"));
	assert_true(password_verify(hash, PW));
	assert_false(password_verify(hash, PW "x"));
	assert_false(password_verify("", PW));
	assert_false(password_verify("garbage", PW));

	/* A hash made with lower limits is upgraded at the next sign-in. */
	struct store_user u;
	struct auth a;
	char sid[65];
	int retry;
	assert_ok(f,
		  user_add(f->s, "old@example.com", "admin", NULL, PW, "t", NULL, NULL, &f->err));
	accounts_weak_hashing = false;
	assert_ok(f, session_login(f->s, &f->c, "old@example.com", PW, NULL, &a, sid, &retry,
				   &f->err));
	accounts_weak_hashing = true;
	assert_int_equal(store_user_get_by_email(f->s, "old@example.com", &u, &f->err), 1);
	assert_non_null(strstr(u.password_hash, "m=65536"));
	assert_true(password_verify(u.password_hash, PW));
	store_user_release(&u);
}

static void test_login(void **state)
{
	struct fixture *f = *state;
	struct auth a;
	char sid[65], sid2[65];
	int retry;

	assert_ok(f, user_add(f->s, "pa@acme.example", "partner_admin", "acme", PW, "t", NULL, NULL,
			      &f->err));
	assert_ok(f, user_add(f->s, "nopw@acme.example", "partner_user", "acme", NULL, "t", NULL,
			      NULL, &f->err));

	assert_ok(f, session_login(f->s, &f->c, "PA@acme.example", PW, "10.0.0.1", &a, sid, &retry,
				   &f->err));
	assert_true(is_hex(sid, 64));
	assert_true(is_hex(a.csrf, 64));
	assert_string_not_equal(sid, a.csrf);
	assert_true(a.user_id > 0);
	assert_true(a.session_id > 0);
	assert_string_equal(a.email, "pa@acme.example");
	assert_int_equal(a.role, ROLE_PARTNER_ADMIN);
	assert_string_equal(a.partner_key, "acme");
	assert_true(a.partner_id > 0);
	assert_false(a.via_token);
	assert_true(audited(f, "session", "session.login"));

	/* A second session gets other secrets. */
	assert_ok(f, session_login(f->s, &f->c, "pa@acme.example", PW, "10.0.0.1", &a, sid2, &retry,
				   &f->err));
	assert_string_not_equal(sid, sid2);

	assert_err(f,
		   session_login(f->s, &f->c, "pa@acme.example", "wrong password!", "10.0.0.2", &a,
				 sid, &retry, &f->err),
		   "invalid email or password");
	assert_int_equal(a.user_id, 0);
	assert_string_equal(sid, "");
	assert_err(f,
		   session_login(f->s, &f->c, "ghost@acme.example", PW, "10.0.0.3", &a, sid, &retry,
				 &f->err),
		   "invalid email or password");
	assert_err(f,
		   session_login(f->s, &f->c, "nopw@acme.example", "", "10.0.0.4", &a, sid, &retry,
				 &f->err),
		   "invalid email or password");
	assert_err(f,
		   session_login(f->s, &f->c, "not an email", PW, "10.0.0.5", &a, sid, &retry,
				 &f->err),
		   "invalid email or password");
}

static void test_throttle(void **state)
{
	struct fixture *f = *state;
	struct auth a;
	char sid[65];
	int retry, rc;

	f->c.throttle_free_failures = 2;
	f->c.throttle_max_delay = 300;
	assert_ok(f,
		  user_add(f->s, "u@example.com", "finance", NULL, PW, "t", NULL, NULL, &f->err));

	/* Two free failures, then the third attempt right after must wait, even with the right
	 * password. */
	for (int i = 0; i < 2; i++)
		assert_err(f,
			   session_login(f->s, &f->c, "u@example.com", "bad password 1", "c1", &a,
					 sid, &retry, &f->err),
			   "invalid email or password");
	rc = session_login(f->s, &f->c, "u@example.com", PW, "c1", &a, sid, &retry, &f->err);
	assert_int_equal(rc, -2);
	assert_int_equal(retry, 1);
	assert_non_null(strstr(f->err.buf, "too many failed sign-in attempts"));
	strbuf_reset(&f->err);
	assert_int_equal(a.user_id, 0);

	/* The delay doubles with each further failure: 1 s, then 2 s. */
	fake_now += 1;
	assert_err(f,
		   session_login(f->s, &f->c, "u@example.com", "bad password 1", "c2", &a, sid,
				 &retry, &f->err),
		   "invalid email or password");
	rc = session_login(f->s, &f->c, "u@example.com", PW, "c2", &a, sid, &retry, &f->err);
	assert_int_equal(rc, -2);
	assert_int_equal(retry, 2);
	strbuf_reset(&f->err);
	fake_now += 1;
	rc = session_login(f->s, &f->c, "u@example.com", PW, "c2", &a, sid, &retry, &f->err);
	assert_int_equal(rc, -2);
	assert_int_equal(retry, 1);
	strbuf_reset(&f->err);

	/* Once waited, the right password works and clears the account's failures. */
	fake_now += 1;
	assert_ok(f,
		  session_login(f->s, &f->c, "u@example.com", PW, "c3", &a, sid, &retry, &f->err));
	for (int i = 0; i < 2; i++)
		assert_err(f,
			   session_login(f->s, &f->c, "u@example.com", "bad password 2", "c4", &a,
					 sid, &retry, &f->err),
			   "invalid email or password");

	/* Per client address: failures for any accounts from one address add up. */
	assert_err(f,
		   session_login(f->s, &f->c, "x1@example.com", PW, "c9", &a, sid, &retry, &f->err),
		   "invalid email or password");
	assert_err(f,
		   session_login(f->s, &f->c, "x2@example.com", PW, "c9", &a, sid, &retry, &f->err),
		   "invalid email or password");
	rc = session_login(f->s, &f->c, "x3@example.com", PW, "c9", &a, sid, &retry, &f->err);
	assert_int_equal(rc, -2);
	assert_true(retry >= 1);
	strbuf_reset(&f->err);
	/* Another address is not held back by them. */
	assert_err(
		f,
		session_login(f->s, &f->c, "x3@example.com", PW, "c10", &a, sid, &retry, &f->err),
		"invalid email or password");

	/* The cap, and failures older than an hour no longer count. */
	f->c.throttle_max_delay = 4;
	fake_now += 10;
	for (int i = 0; i < 6; i++) {
		rc = session_login(f->s, &f->c, "cap@example.com", "bad password 3", "c11", &a, sid,
				   &retry, &f->err);
		strbuf_reset(&f->err);
		if (rc == -2)
			fake_now += retry;
	}
	rc = session_login(f->s, &f->c, "cap@example.com", PW, "c12", &a, sid, &retry, &f->err);
	assert_int_equal(rc, -2);
	assert_int_equal(retry, 4);
	strbuf_reset(&f->err);
	fake_now += 3601;
	assert_err(
		f,
		session_login(f->s, &f->c, "cap@example.com", PW, "c12", &a, sid, &retry, &f->err),
		"invalid email or password");
}

static void test_session_expiry(void **state)
{
	struct fixture *f = *state;
	struct auth a, b;
	char sid[65];
	int retry;

	assert_ok(f,
		  user_add(f->s, "m@example.com", "marketing", NULL, PW, "t", NULL, NULL, &f->err));
	assert_ok(f,
		  session_login(f->s, &f->c, "m@example.com", PW, NULL, &a, sid, &retry, &f->err));

	assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 1);
	assert_int_equal(b.user_id, a.user_id);
	assert_int_equal(b.session_id, a.session_id);
	assert_string_equal(b.csrf, a.csrf);
	assert_int_equal(b.role, ROLE_MARKETING);
	assert_string_equal(b.partner_key, "");

	/* Idle: each use within 30 minutes moves the expiry. */
	fake_now += 29 * 60;
	assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 1);
	fake_now += 29 * 60;
	assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 1);
	fake_now += 30 * 60;
	assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 0);
	assert_int_equal(b.user_id, 0);
	fake_now -= 10 * 60; /* deleted, not merely expired */
	assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 0);

	/* Absolute: 12 hours, however active. */
	assert_ok(f,
		  session_login(f->s, &f->c, "m@example.com", PW, NULL, &a, sid, &retry, &f->err));
	int64_t start = fake_now;
	while (fake_now + 20 * 60 < start + 12 * 3600) {
		fake_now += 20 * 60;
		assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 1);
	}
	fake_now = start + 12 * 3600 - 1;
	assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 1);
	fake_now = start + 12 * 3600;
	assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 0);

	/* Malformed or unknown ids. */
	assert_int_equal(session_check(f->s, &f->c, NULL, &b, &f->err), 0);
	assert_int_equal(session_check(f->s, &f->c, "", &b, &f->err), 0);
	assert_int_equal(session_check(f->s, &f->c, "zz", &b, &f->err), 0);
	char other[65];
	memset(other, 'a', 64);
	other[64] = '\0';
	assert_int_equal(session_check(f->s, &f->c, other, &b, &f->err), 0);
	assert_string_equal(f->err.buf, "");
}

/* The deferred checks read only; auth_settle() does the write they call for. */
static void test_deferred_checks(void **state)
{
	struct fixture *f = *state;
	struct auth a, b;
	char sid[65], tok[80];
	int64_t id;
	int retry;

	assert_ok(f,
		  user_add(f->s, "d@example.com", "marketing", NULL, PW, "t", NULL, NULL, &f->err));
	assert_ok(f,
		  session_login(f->s, &f->c, "d@example.com", PW, NULL, &a, sid, &retry, &f->err));

	/* A use after 29 minutes refreshes the idle expiry only once settled. */
	fake_now += 29 * 60;
	assert_int_equal(session_check_deferred(f->s, &f->c, sid, &b, &f->err), 1);
	assert_int_equal(b.pending, AUTH_TOUCH_SESSION);
	fake_now += 2 * 60; /* 31 minutes after the last recorded use */
	assert_int_equal(session_check_deferred(f->s, &f->c, sid, &b, &f->err), 0);
	fake_now -= 2 * 60;
	assert_int_equal(session_check_deferred(f->s, &f->c, sid, &b, &f->err), 1);
	assert_ok(f, auth_settle(f->s, &b, &f->err));
	assert_int_equal(b.pending, AUTH_PENDING_NONE);
	fake_now += 2 * 60;
	assert_int_equal(session_check_deferred(f->s, &f->c, sid, &b, &f->err), 1);
	assert_ok(f, auth_settle(f->s, &b, &f->err));

	/* An expired session is deleted by the settle, not by the check. */
	fake_now += 31 * 60;
	assert_int_equal(session_check_deferred(f->s, &f->c, sid, &b, &f->err), 0);
	assert_int_equal(b.pending, AUTH_END_SESSION);
	fake_now -= 10 * 60;
	assert_int_equal(session_check_deferred(f->s, &f->c, sid, &b, &f->err), 1);
	fake_now += 10 * 60;
	assert_int_equal(session_check_deferred(f->s, &f->c, sid, &b, &f->err), 0);
	assert_ok(f, auth_settle(f->s, &b, &f->err));
	fake_now -= 10 * 60;
	assert_int_equal(session_check_deferred(f->s, &f->c, sid, &b, &f->err), 0);

	/* A token's first use is recorded by the settle. */
	assert_ok(f, token_create(f->s, &a, "ci", false, tok, &id, &f->err));
	assert_int_equal(token_check_deferred(f->s, tok, &b, &f->err), 1);
	assert_int_equal(b.pending, AUTH_TOUCH_TOKEN);
	assert_int_equal(b.pending_id, id);
	assert_int_equal(token_check_deferred(f->s, tok, &b, &f->err), 1);
	assert_int_equal(b.pending, AUTH_TOUCH_TOKEN); /* nothing recorded yet */
	assert_ok(f, auth_settle(f->s, &b, &f->err));
	assert_int_equal(token_check_deferred(f->s, tok, &b, &f->err), 1);
	assert_int_equal(b.pending, AUTH_PENDING_NONE); /* used within the minute */
}

static void test_logout(void **state)
{
	struct fixture *f = *state;
	struct auth a, b;
	char sid[65];
	int retry;

	assert_ok(f, user_add(f->s, "se@example.com", "solution_engineer", NULL, PW, "t", NULL,
			      NULL, &f->err));
	assert_ok(f,
		  session_login(f->s, &f->c, "se@example.com", PW, "c", &a, sid, &retry, &f->err));
	assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 1);
	assert_ok(f, session_logout(f->s, a.session_id, &f->err));
	assert_int_equal(session_check(f->s, &f->c, sid, &b, &f->err), 0);
	assert_true(audited(f, "session", "session.logout"));
	/* Logging out twice is harmless. */
	assert_ok(f, session_logout(f->s, a.session_id, &f->err));
}

static void test_tokens(void **state)
{
	struct fixture *f = *state;
	struct auth owner, other, admin, b;
	char tok[80], wtok[80], bearer[100];
	int64_t id, wid;
	json_t *list;

	add_and_login(f, "pm@example.com", "partner_manager", NULL, &owner);
	add_and_login(f, "pu@beta.example", "partner_user", "beta", &other);
	add_and_login(f, "root@example.com", "admin", NULL, &admin);

	assert_err(f, token_create(f->s, &owner, "", false, tok, &id, &f->err),
		   "token name is required");
	struct auth nobody = {0};
	assert_err(f, token_create(f->s, &nobody, "ci", false, tok, &id, &f->err), "not signed in");

	assert_ok(f, token_create(f->s, &owner, "ci read", false, tok, &id, &f->err));
	assert_int_equal(strncmp(tok, "cst_", 4), 0);
	assert_true(is_hex(tok + 4, 64));
	assert_ok(f, token_create(f->s, &owner, "ci write", true, wtok, &wid, &f->err));
	assert_string_not_equal(tok, wtok);

	assert_int_equal(token_check(f->s, tok, &b, &f->err), 1);
	assert_true(b.via_token);
	assert_false(b.token_write);
	assert_int_equal(b.user_id, owner.user_id);
	assert_int_equal(b.role, ROLE_PARTNER_MANAGER);
	assert_int_equal(b.session_id, 0);
	snprintf(bearer, sizeof(bearer), "Bearer %s", wtok);
	assert_int_equal(token_check(f->s, bearer, &b, &f->err), 1);
	assert_true(b.token_write);

	/* Unknown or malformed. */
	assert_int_equal(token_check(f->s, NULL, &b, &f->err), 0);
	assert_int_equal(token_check(f->s, "cst_", &b, &f->err), 0);
	assert_int_equal(token_check(f->s, tok + 4, &b, &f->err), 0);
	char forged[80];
	snprintf(forged, sizeof(forged), "%s", tok);
	forged[10] = forged[10] == 'a' ? 'b' : 'a';
	assert_int_equal(token_check(f->s, forged, &b, &f->err), 0);
	assert_int_equal(b.user_id, 0);

	/* Last use: recorded, and written again only after a minute. */
	assert_ok(f, tokens_list(f->s, &owner, &list, &f->err));
	assert_int_equal(json_array_size(list), 2);
	assert_string_equal(
		json_string_value(json_object_get(json_array_get(list, 0), "last_used_at")),
		"2025-01-01T12:00:00Z");
	assert_true(json_is_true(json_object_get(json_array_get(list, 1), "write")));
	assert_null(json_object_get(json_array_get(list, 0), "token_hash"));
	json_decref(list);
	fake_now += 30;
	assert_int_equal(token_check(f->s, tok, &b, &f->err), 1);
	assert_ok(f, tokens_list(f->s, &owner, &list, &f->err));
	assert_string_equal(
		json_string_value(json_object_get(json_array_get(list, 0), "last_used_at")),
		"2025-01-01T12:00:00Z");
	json_decref(list);
	fake_now += 31;
	assert_int_equal(token_check(f->s, tok, &b, &f->err), 1);
	assert_ok(f, tokens_list(f->s, &owner, &list, &f->err));
	assert_string_equal(
		json_string_value(json_object_get(json_array_get(list, 0), "last_used_at")),
		"2025-01-01T12:01:01Z");
	json_decref(list);

	/* Lists: one's own, admins all. */
	assert_ok(f, tokens_list(f->s, &other, &list, &f->err));
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	assert_ok(f, tokens_list(f->s, &admin, &list, &f->err));
	assert_int_equal(json_array_size(list), 2);
	json_decref(list);

	/* Revocation: not by another user, by the owner once, by an admin. */
	assert_code(f, token_revoke(f->s, &other, id, &f->err), -2, "unknown token");
	assert_code(f, token_revoke(f->s, &owner, 9999, &f->err), -2, "unknown token");
	assert_ok(f, token_revoke(f->s, &owner, id, &f->err));
	assert_int_equal(token_check(f->s, tok, &b, &f->err), 0);
	assert_code(f, token_revoke(f->s, &owner, id, &f->err), -3, "already revoked");
	assert_ok(f, token_revoke(f->s, &admin, wid, &f->err));
	assert_int_equal(token_check(f->s, wtok, &b, &f->err), 0);

	assert_true(audited(f, "api_token", "token.create"));
	assert_true(audited(f, "api_token", "token.revoke"));
	list = audit(f, NULL);
	char *dumped = json_dumps(list, 0);
	assert_null(strstr(dumped, tok + 4));
	assert_null(strstr(dumped, wtok + 4));
	free(dumped);
	json_decref(list);
}

static void test_invitations(void **state)
{
	struct fixture *f = *state;
	struct auth pa, mk, admin, a;
	char code[65], code2[65], sid[65];
	json_t *out, *list;
	int retry;

	add_and_login(f, "pa@acme.example", "partner_admin", "acme", &pa);
	add_and_login(f, "mk@example.com", "marketing", NULL, &mk);
	add_and_login(f, "root@example.com", "admin", NULL, &admin);

	/* Who may invite whom. */
	assert_err(f,
		   invitation_create(f->s, &f->c, &mk, "n@acme.example", "partner_user", code, &out,
				     NULL, &f->err),
		   "only partner admins and admins may invite");
	assert_err(f,
		   invitation_create(f->s, &f->c, &pa, "n@acme.example", "finance", code, &out,
				     NULL, &f->err),
		   "partner_admin or partner_user only");
	assert_err(f,
		   invitation_create_for(f->s, &f->c, &pa, "beta", "n@acme.example", "partner_user",
					 code, &out, NULL, &f->err),
		   "their own partner only");
	assert_err(f,
		   invitation_create(f->s, &f->c, &pa, "bad", "partner_user", code, &out, NULL,
				     &f->err),
		   "invalid email address");
	assert_err(f,
		   invitation_create(f->s, &f->c, &pa, "mk@example.com", "partner_user", code, &out,
				     NULL, &f->err),
		   "a user with email 'mk@example.com' already exists");
	assert_null(out);

	assert_ok(f, invitation_create(f->s, &f->c, &pa, "New@Acme.example", "partner_user", code,
				       &out, NULL, &f->err));
	assert_true(is_hex(code, 64));
	assert_string_equal(json_string_value(json_object_get(out, "email")), "new@acme.example");
	assert_string_equal(json_string_value(json_object_get(out, "partner")), "acme");
	assert_string_equal(json_string_value(json_object_get(out, "role")), "partner_user");
	assert_string_equal(json_string_value(json_object_get(out, "invited_by")),
			    "pa@acme.example");
	assert_string_equal(json_string_value(json_object_get(out, "expires_at")),
			    "2025-01-04T12:00:00Z");
	assert_string_equal(json_string_value(json_object_get(out, "status")), "pending");
	json_decref(out);

	/* Acceptance. */
	assert_err(f, invitation_accept(f->s, code, "short", &out, &f->err),
		   "at least 12 characters");
	char wrong[65];
	memset(wrong, 'f', 64);
	wrong[64] = '\0';
	assert_err(f, invitation_accept(f->s, wrong, PW, &out, &f->err), "unknown invitation code");
	assert_err(f, invitation_accept(f->s, "nope", PW, &out, &f->err),
		   "unknown invitation code");
	fake_now += 3600;
	assert_ok(f, invitation_accept(f->s, code, PW, &out, &f->err));
	assert_string_equal(json_string_value(json_object_get(out, "email")), "new@acme.example");
	assert_string_equal(json_string_value(json_object_get(out, "partner")), "acme");
	assert_string_equal(json_string_value(json_object_get(out, "created_by")),
			    "pa@acme.example");
	json_decref(out);
	assert_ok(f, session_login(f->s, &f->c, "new@acme.example", PW, "c", &a, sid, &retry,
				   &f->err));
	assert_int_equal(a.role, ROLE_PARTNER_USER);
	assert_string_equal(a.partner_key, "acme");
	assert_err(f, invitation_accept(f->s, code, PW, &out, &f->err), "already been used");

	/* Expiry: 72 hours. */
	assert_ok(f, invitation_create(f->s, &f->c, &pa, "late@acme.example", "partner_admin",
				       code2, &out, NULL, &f->err));
	json_decref(out);
	fake_now += 72 * 3600;
	assert_err(f, invitation_accept(f->s, code2, PW, &out, &f->err),
		   "this invitation expired at 2025-01-04T13:00:00Z");
	assert_null(out);

	/* Admins invite to any partner, and vendor roles without one. */
	assert_ok(f, invitation_create_for(f->s, &f->c, &admin, NULL, "fin@example.com", "finance",
					   code2, &out, NULL, &f->err));
	assert_true(json_is_null(json_object_get(out, "partner")));
	json_decref(out);
	assert_ok(f, invitation_accept(f->s, code2, PW, &out, &f->err));
	assert_string_equal(json_string_value(json_object_get(out, "role")), "finance");
	json_decref(out);

	/* A user made without a password gets it through an invitation. */
	assert_ok(f, user_add(f->s, "first@beta.example", "partner_admin", "beta", NULL, "root",
			      NULL, NULL, &f->err));
	assert_err(f,
		   invitation_create_for(f->s, &f->c, &admin, "beta", "first@beta.example",
					 "partner_user", code2, &out, NULL, &f->err),
		   "already exists");
	assert_ok(f, invitation_create_for(f->s, &f->c, &admin, "beta", "first@beta.example",
					   "partner_admin", code2, &out, NULL, &f->err));
	json_decref(out);
	assert_ok(f, invitation_accept(f->s, code2, PW, &out, &f->err));
	assert_true(json_is_true(json_object_get(out, "password_set")));
	json_decref(out);
	assert_ok(f, session_login(f->s, &f->c, "first@beta.example", PW, "c", &a, sid, &retry,
				   &f->err));
	assert_string_equal(a.partner_key, "beta");

	/* Lists: a partner admin sees their partner's, admins all. */
	assert_ok(f, invitations_list(f->s, &pa, &list, &f->err));
	assert_int_equal(json_array_size(list), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "status")),
			    "accepted");
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 1), "status")),
			    "expired");
	json_decref(list);
	assert_ok(f, invitations_list(f->s, &admin, &list, &f->err));
	assert_int_equal(json_array_size(list), 4);
	json_decref(list);
	assert_err(f, invitations_list(f->s, &mk, &list, &f->err), "only partner admins");

	assert_true(audited(f, "invitation", "invitation.create"));
	assert_true(audited(f, "invitation", "invitation.accept"));
	assert_true(audited(f, "user", "user.password"));
	list = audit(f, NULL);
	char *dumped = json_dumps(list, 0);
	assert_null(strstr(dumped, code));
	assert_null(strstr(dumped, code2));
	assert_null(strstr(dumped, "argon2"));
	free(dumped);
	json_decref(list);
}

/* Which argument failed: user_add() and invitation_create_for() name it. */
static void test_error_fields(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *email, *role, *partner, *password, *field;
	} cases[] = {
		{"nope", "finance", NULL, NULL, "email"},
		{"x@example.com", "owner", NULL, NULL, "role"},
		{"x@example.com", "partner_user", NULL, NULL, "partner"},
		{"x@example.com", "finance", "acme", NULL, "partner"},
		{"x@example.com", "partner_user", "nope", NULL, "partner"},
		{"x@example.com", "finance", NULL, "short", "password"},
		{"root@example.com", "finance", NULL, NULL, "email"},
	};
	struct auth admin, pa;
	const char *field;
	char code[65];
	json_t *out;

	add_and_login(f, "root@example.com", "admin", NULL, &admin);
	add_and_login(f, "pa@acme.example", "partner_admin", "acme", &pa);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		field = "unset";
		assert_int_equal(user_add(f->s, cases[i].email, cases[i].role, cases[i].partner,
					  cases[i].password, "t", NULL, &field, &f->err),
				 -1);
		assert_string_equal(field, cases[i].field);
		strbuf_reset(&f->err);
		if (cases[i].password)
			continue;
		field = "unset";
		assert_int_equal(invitation_create_for(f->s, &f->c, &admin, cases[i].partner,
						       cases[i].email, cases[i].role, code, &out,
						       &field, &f->err),
				 -1);
		assert_string_equal(field, cases[i].field);
		strbuf_reset(&f->err);
	}
	/* A partner admin's own limits. */
	assert_int_equal(invitation_create(f->s, &f->c, &pa, "n@acme.example", "finance", code,
					   &out, &field, &f->err),
			 -1);
	assert_string_equal(field, "role");
	assert_int_equal(invitation_create_for(f->s, &f->c, &pa, "beta", "n@acme.example",
					       "partner_user", code, &out, &field, &f->err),
			 -1);
	assert_string_equal(field, "partner");
	strbuf_reset(&f->err);
	/* Success leaves it NULL. */
	assert_ok(f, user_add(f->s, "ok@example.com", "finance", NULL, NULL, "t", NULL, &field,
			      &f->err));
	assert_null(field);
}

static json_t *pending(struct fixture *f, const struct auth *a)
{
	json_t *list;

	assert_ok(f, invitations_pending(f->s, a, &list, &f->err));
	return list;
}

static void test_invitation_revoke(void **state)
{
	struct fixture *f = *state;
	struct auth pa, pb, admin, mk;
	char code[65], code2[65], code3[65];
	int64_t id, id2;
	json_t *out, *list;

	add_and_login(f, "pa@acme.example", "partner_admin", "acme", &pa);
	add_and_login(f, "pb@beta.example", "partner_admin", "beta", &pb);
	add_and_login(f, "root@example.com", "admin", NULL, &admin);
	add_and_login(f, "mk@example.com", "marketing", NULL, &mk);
	assert_ok(f, invitation_create(f->s, &f->c, &pa, "one@acme.example", "partner_user", code,
				       &out, NULL, &f->err));
	id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	assert_ok(f, invitation_create(f->s, &f->c, &pa, "two@acme.example", "partner_user", code2,
				       &out, NULL, &f->err));
	id2 = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	assert_ok(f, invitation_create_for(f->s, &f->c, &admin, NULL, "fin@example.com", "finance",
					   code3, &out, NULL, &f->err));
	json_decref(out);

	/* Pending lists: the partner's for a partner admin, every one for admins; no secrets. */
	list = pending(f, &pa);
	assert_int_equal(json_array_size(list), 2);
	out = json_array_get(list, 0);
	assert_int_equal(json_object_size(out), 7);
	assert_string_equal(json_string_value(json_object_get(out, "email")), "one@acme.example");
	assert_string_equal(json_string_value(json_object_get(out, "partner")), "acme");
	assert_string_equal(json_string_value(json_object_get(out, "invited_by")),
			    "pa@acme.example");
	json_decref(list);
	list = pending(f, &pb);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	list = pending(f, &admin);
	assert_int_equal(json_array_size(list), 3);
	assert_true(json_is_null(json_object_get(json_array_get(list, 2), "partner")));
	json_decref(list);
	assert_int_equal(invitations_pending(f->s, &mk, &list, &f->err), -1);
	strbuf_reset(&f->err);

	/* Another partner's admin cannot see it: unknown; nor can other roles revoke. */
	assert_int_equal(invitation_revoke(f->s, &pb, id, &f->err), -2);
	strbuf_reset(&f->err);
	assert_int_equal(invitation_revoke(f->s, &pa, 9999, &f->err), -2);
	strbuf_reset(&f->err);
	assert_int_equal(invitation_revoke(f->s, &mk, id, &f->err), -1);
	strbuf_reset(&f->err);

	/* Revoked: gone from the list, cannot be accepted, cannot be revoked again. */
	fake_now += 60;
	assert_ok(f, invitation_revoke(f->s, &pa, id, &f->err));
	assert_int_equal(invitation_revoke(f->s, &admin, id, &f->err), -3);
	assert_non_null(strstr(f->err.buf, "revoked already"));
	strbuf_reset(&f->err);
	assert_err(f, invitation_accept(f->s, code, PW, &out, &f->err),
		   "this invitation was revoked at 2025-01-01T12:01:00Z");
	assert_null(out);
	list = pending(f, &pa);
	assert_int_equal(json_array_size(list), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 0), "id")), id2);
	json_decref(list);
	assert_ok(f, invitations_list(f->s, &pa, &list, &f->err));
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "status")),
			    "revoked");
	json_decref(list);
	assert_true(audited(f, "invitation", "invitation.revoke"));

	/* Accepted and expired invitations are not pending: not listed, not revoked. */
	assert_ok(f, invitation_accept(f->s, code2, PW, &out, &f->err));
	json_decref(out);
	assert_int_equal(invitation_revoke(f->s, &admin, id2, &f->err), -3);
	assert_non_null(strstr(f->err.buf, "accepted already"));
	strbuf_reset(&f->err);
	list = pending(f, &pa);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	fake_now += 72 * 3600;
	list = pending(f, &admin);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	assert_int_equal(invitation_revoke(f->s, &admin, id2 + 1, &f->err), -3);
	assert_non_null(strstr(f->err.buf, "expired already"));
	strbuf_reset(&f->err);
}

static void test_agreements(void **state)
{
	struct fixture *f = *state;
	struct auth pu, pm;
	json_t *out, *list;

	add_and_login(f, "pu@acme.example", "partner_user", "acme", &pu);
	add_and_login(f, "pm@example.com", "partner_manager", NULL, &pm);

	assert_err(f,
		   agreement_accept(f->s, &pu, "beta", "tos", "2025-01", "1.2.3.4", &out, &f->err),
		   "their own partner only");
	assert_err(f, agreement_accept(f->s, &pu, NULL, "", "2025-01", NULL, &out, &f->err),
		   "agreement is required");
	assert_err(f, agreement_accept(f->s, &pm, NULL, "tos", "2025-01", NULL, &out, &f->err),
		   "partner is required");
	assert_err(f, agreement_accept(f->s, &pm, "nope", "tos", "2025-01", NULL, &out, &f->err),
		   "unknown partner 'nope'");

	assert_ok(f, agreement_accept(f->s, &pu, NULL, "tos", "2025-01", "1.2.3.4", &out, &f->err));
	assert_string_equal(json_string_value(json_object_get(out, "partner")), "acme");
	assert_string_equal(json_string_value(json_object_get(out, "accepted_by")),
			    "pu@acme.example");
	assert_string_equal(json_string_value(json_object_get(out, "accepted_at")),
			    "2025-01-01T12:00:00Z");
	json_decref(out);
	assert_ok(f, agreement_accept(f->s, &pm, "beta", "tos", "2025-02", NULL, &out, &f->err));
	json_decref(out);

	assert_ok(f, agreement_acceptances(f->s, "acme", &list, &f->err));
	assert_int_equal(json_array_size(list), 1);
	assert_string_equal(
		json_string_value(json_object_get(json_array_get(list, 0), "document_version")),
		"2025-01");
	json_decref(list);
	assert_ok(f, agreement_acceptances(f->s, NULL, &list, &f->err));
	assert_int_equal(json_array_size(list), 2);
	json_decref(list);
	assert_true(audited(f, "agreement_acceptance", "agreement.accept"));
}

static void test_audit_paging(void **state)
{
	struct fixture *f = *state;
	json_t *page, *all;
	int64_t last, prev = 0;
	size_t total = 0;

	for (int i = 0; i < 5; i++) {
		char email[64];
		snprintf(email, sizeof(email), "u%d@example.com", i);
		assert_ok(f,
			  user_add(f->s, email, "finance", NULL, NULL, "t", NULL, NULL, &f->err));
	}
	json_t *rec = json_object();
	json_object_set_new(rec, "n", json_integer(1));
	assert_ok(f,
		  audit_record(f->s, "someone", "thing.poke", "thing", "k1", rec, NULL, &f->err));
	json_decref(rec);

	/* Oldest first, the cursor is the last id. */
	do {
		assert_ok(f, audit_list(f->s, prev, 2, "user", false, &page, &last, &f->err));
		for (size_t i = 0; i < json_array_size(page); i++) {
			int64_t id =
				json_integer_value(json_object_get(json_array_get(page, i), "id"));
			assert_true(id > prev);
			prev = id;
		}
		total += json_array_size(page);
		if (json_array_size(page))
			assert_int_equal(last, prev);
		else
			assert_int_equal(last, 0);
		json_decref(page);
	} while (last);
	assert_int_equal(total, 5);

	/* Newest first, the cursor continues below the last id. */
	prev = INT64_MAX;
	total = 0;
	int64_t cursor = 0;
	do {
		assert_ok(f, audit_list(f->s, cursor, 2, "user", true, &page, &last, &f->err));
		for (size_t i = 0; i < json_array_size(page); i++) {
			int64_t id =
				json_integer_value(json_object_get(json_array_get(page, i), "id"));
			assert_true(id < prev);
			prev = id;
		}
		total += json_array_size(page);
		json_decref(page);
		cursor = last;
	} while (last);
	assert_int_equal(total, 5);

	all = audit(f, NULL);
	assert_int_equal(json_array_size(all), 6);
	json_t *poke = json_array_get(all, 5);
	assert_string_equal(json_string_value(json_object_get(poke, "action")), "thing.poke");
	assert_string_equal(json_string_value(json_object_get(poke, "at")), "2025-01-01T12:00:00Z");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(poke, "before"), "n")),
			 1);
	assert_true(json_is_null(json_object_get(poke, "after")));
	json_decref(all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test_setup_teardown(test_user_add_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_hash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deferred_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_logout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invitations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invitation_revoke, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agreements, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_paging, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
