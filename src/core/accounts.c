/*
 * Accounts: users and roles, argon2id passwords, sessions, API tokens,
 * invitations, the login throttle, agreement acceptances and the audit log.
 *
 * Secrets (session ids, tokens, invitation codes) are 32 random bytes,
 * hex-encoded, returned to the caller once and stored only as the hex of
 * their BLAKE2b hash (crypto_generichash): a copy of the database does not
 * let anyone sign in. Every change is one transaction with its audit record;
 * the audit never holds a secret or a password hash.
 *
 * The slow part of a sign-in (argon2id, ~70 ms) runs outside any
 * transaction, so it never holds the database's write lock.
 */
#include "util/common.h"

#include <pthread.h>
#include <sodium.h>
#include <time.h>

#include "core/accounts.h"
#include "core/accounts_int.h"
#include "store/store.h"
#include "store/store_accounts.h"
#include "util/alloc.h"
#include "util/json.h"
#include "util/strbuf.h"
#include "util/utf8.h"

int64_t (*accounts_clock)(void);
bool accounts_weak_hashing;

/* Failures older than this do not count towards the login throttle. */
#define THROTTLE_WINDOW 3600
/*
 * Session activity and token use are written at most once a minute, so that
 * a busy client does not turn every read into a write: a session's idle
 * expiry is therefore exact to within this many seconds.
 */
#define TOUCH_INTERVAL 60
#define NAME_MAX_LEN   100

static const char *const role_names[] = {
	"admin",	 "partner_manager", "marketing", "finance", "solution_engineer",
	"partner_admin", "partner_user",
};
#define ROLE_LIST                                                                                  \
	"admin, partner_manager, marketing, finance, solution_engineer, partner_admin, "           \
	"partner_user"

/* ---- helpers ---- */

__attribute__((format(printf, 2, 3))) static int fail(struct strbuf *err, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		strbuf_vaddf(err, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Names the request field at fault (field may be NULL); returns -1. */
static int at_field(const char **field, const char *name)
{
	if (field)
		*field = name;
	return -1;
}

/* fail(), naming the request field at fault. */
__attribute__((format(printf, 4, 5))) static int fail_at(const char **field, const char *name,
							 struct strbuf *err, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		strbuf_vaddf(err, fmt, ap);
		va_end(ap);
	}
	return at_field(field, name);
}

static int64_t now(void)
{
	return accounts_clock ? accounts_clock() : (int64_t)time(NULL);
}

/* The same clock in milliseconds (the login throttle's). */
static int64_t now_ms(void)
{
	struct timespec ts;

	if (accounts_clock)
		return accounts_clock() * 1000;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Unix seconds as "YYYY-MM-DDTHH:MM:SSZ". */
static void iso_time(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm))
		out[0] = '\0';
}

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_status = -1;

static void sodium_start(void)
{
	sodium_status = sodium_init() < 0 ? -1 : 0;
}

/* libsodium is initialized once, by the first caller (thread-safe). */
static int crypto_ready(struct strbuf *err)
{
	pthread_once(&sodium_once, sodium_start);
	return sodium_status ? fail(err, "cannot initialize libsodium") : 0;
}

/* 32 random bytes as 64 hex digits. */
static void random_hex(char out[65])
{
	unsigned char b[32];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, 65, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

/* The stored form of a secret: the hex of its BLAKE2b-256 hash. */
static void secret_hash(const char *secret, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Exactly 64 lowercase hex digits, as random_hex() makes them. */
static bool is_hex64(const char *s)
{
	size_t i;

	if (!s)
		return false;
	for (i = 0; i < 64; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return s[64] == '\0';
}

static void set_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, json_text(v));
}

static void set_opt(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, json_opt_text(v));
}

static void set_int(json_t *o, const char *k, int64_t v)
{
	json_object_set_new(o, k, json_integer((json_int_t)v));
}

/*
 * Checks an email address's shape and writes it lowercased to out: one '@',
 * a local part of 1..64 printable ASCII characters without spaces or the
 * specials of RFC 5322, a domain of dot-separated labels of letters, digits
 * and hyphens with at least one dot; 254 characters at most.
 */
static int email_normalize(const char *email, char out[256], struct strbuf *err)
{
	const char *at;
	size_t len, local;
	bool dot = false;

	if (!email || !*email)
		return fail(err, "email is required");
	len = strlen(email);
	at = strchr(email, '@');
	if (len > 254 || !at || strchr(at + 1, '@'))
		goto bad;
	local = (size_t)(at - email);
	if (local < 1 || local > 64)
		goto bad;
	for (size_t i = 0; i < local; i++) {
		unsigned char ch = (unsigned char)email[i];
		if (ch <= ' ' || ch >= 0x7f || strchr("\"(),:;<>[\\]", ch))
			goto bad;
	}
	for (const char *p = at + 1, *label = at + 1;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || label[0] == '-' || p[-1] == '-')
				goto bad;
			if (*p == '\0')
				break;
			dot = true;
			label = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '-') {
			goto bad;
		}
	}
	if (!dot)
		goto bad;
	for (size_t i = 0; i <= len; i++)
		out[i] = (char)tolower((unsigned char)email[i]);
	return 0;
bad:
	return fail(err, "invalid email address '%s'", email);
}

/* A required name of 1..NAME_MAX_LEN bytes of UTF-8 without control characters. */
static int name_check(const char *what, const char *v, struct strbuf *err)
{
	size_t len = v ? strlen(v) : 0;

	if (!len)
		return fail(err, "%s is required", what);
	if (len > NAME_MAX_LEN)
		return fail(err, "%s is too long (at most %d bytes)", what, NAME_MAX_LEN);
	if (utf8_invalid_at(v, len) != len)
		return fail(err, "%s is not valid UTF-8", what);
	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)v[i] < ' ' || v[i] == 0x7f)
			return fail(err, "%s contains a control character", what);
	}
	return 0;
}

static void auth_fill(struct auth *a, const struct store_user *u)
{
	a->user_id = u->id;
	snprintf(a->email, sizeof(a->email), "%s", u->email);
	a->role = role_parse(u->role);
	a->partner_id = u->partner_id;
	snprintf(a->partner_key, sizeof(a->partner_key), "%s", u->partner_key);
}

/* ---- roles ---- */

unsigned role_parse(const char *name)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(role_names); i++) {
		if (!strcmp(name, role_names[i]))
			return 1u << i;
	}
	return 0;
}

const char *role_name(unsigned role)
{
	for (size_t i = 0; i < ARRAY_SIZE(role_names); i++) {
		if (role == 1u << i)
			return role_names[i];
	}
	return "";
}

/*
 * The role named, and whether a partner goes with it: required for partner
 * roles, refused for vendor roles. *field (may be NULL): "role" or "partner"
 * on failure.
 */
static int role_check(const char *role, const char *partner, unsigned *out, const char **field,
		      struct strbuf *err)
{
	unsigned r = role_parse(role);
	bool has_partner = partner && *partner;

	if (!r)
		return fail_at(field, "role", err, "unknown role '%s' (one of " ROLE_LIST ")",
			       role ? role : "");
	if ((r & ROLES_PARTNER) && !has_partner)
		return fail_at(field, "partner", err, "role '%s' needs a partner", role);
	if ((r & ROLES_VENDOR) && has_partner)
		return fail_at(field, "partner", err,
			       "role '%s' is a vendor role and takes no partner", role);
	*out = r;
	return 0;
}

void accounts_config_defaults(struct accounts_config *c)
{
	c->session_idle_seconds = 30 * 60;
	c->session_max_age_seconds = 12 * 3600;
	c->invitation_hours = 72;
	c->throttle_free_failures = 3;
	c->throttle_max_delay = 300;
}

/* ---- passwords ---- */

int password_check(const char *password, struct strbuf *err)
{
	size_t len, chars = 0;

	if (!password || !*password)
		return fail(err, "password is required");
	len = strlen(password);
	if (utf8_invalid_at(password, len) != len)
		return fail(err, "password is not valid UTF-8");
	for (size_t i = 0; i < len; i++) {
		if (((unsigned char)password[i] & 0xc0) != 0x80)
			chars++;
	}
	if (chars < 12)
		return fail(err, "password must be at least 12 characters");
	if (chars > 1024)
		return fail(err, "password must be at most 1024 characters");
	return 0;
}

static unsigned long long pw_opslimit(void)
{
	return accounts_weak_hashing ? crypto_pwhash_OPSLIMIT_MIN
				     : crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

static size_t pw_memlimit(void)
{
	return accounts_weak_hashing ? crypto_pwhash_MEMLIMIT_MIN
				     : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct strbuf *err)
{
	_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");

	out[0] = '\0';
	if (crypto_ready(err))
		return -1;
	if (crypto_pwhash_str(out, password, strlen(password), pw_opslimit(), pw_memlimit()))
		return fail(err, "cannot hash password: out of memory");
	return 0;
}

bool password_verify(const char *hash, const char *password)
{
	if (crypto_ready(NULL) || !hash || !*hash || !password)
		return false;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/*
 * The work of a verification, for a sign-in whose account does not exist
 * or has no password, so that the answer takes as long as for a real one
 * and does not tell which accounts exist.
 */
static void password_dummy_work(const char *password)
{
	char h[crypto_pwhash_STRBYTES];

	if (crypto_pwhash_str(h, password, strlen(password), pw_opslimit(), pw_memlimit()) == 0)
		sodium_memzero(h, sizeof(h));
}

/*
 * After a successful verification: a new hash of the password in out when
 * the stored one was made with other limits (they were raised since), else "".
 */
static void password_upgrade(const char *hash, const char *password, char out[PASSWORD_HASH_MAX])
{
	out[0] = '\0';
	if (crypto_pwhash_str_needs_rehash(hash, pw_opslimit(), pw_memlimit()) == 1 &&
	    password_hash(password, out, NULL))
		out[0] = '\0';
}

/* ---- audit log ---- */

static char *dump(json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT) : NULL;
}

int audit_record(struct store *s, const char *actor, const char *action, const char *entity,
		 const char *key, json_t *before, json_t *after, struct strbuf *err)
{
	char at[21];
	struct store_audit a = {0};
	int rc;

	iso_time(now(), at);
	a.at = at;
	a.actor = (char *)(actor && *actor ? actor : "system");
	a.action = (char *)action;
	a.entity = (char *)entity;
	a.key = (char *)(key ? key : "");
	a.before = dump(before);
	a.after = dump(after);
	rc = store_audit_add(s, &a, err);
	free(a.before);
	free(a.after);
	return rc;
}

static json_t *parsed_or_null(const char *text)
{
	json_t *j = text && *text ? json_loads(text, 0, NULL) : NULL;

	return j ? j : json_null();
}

int audit_list(struct store *s, int64_t after, int limit, const char *entity, bool newest,
	       json_t **out, int64_t *last, struct strbuf *err)
{
	struct store_audit *list;
	size_t n;

	*out = NULL;
	*last = 0;
	if (limit <= 0)
		limit = 50;
	if (limit > 500)
		limit = 500;
	if (store_audit_list(s, after < 0 ? 0 : after, limit, entity && *entity ? entity : NULL,
			     newest, &list, &n, err))
		return -1;
	*out = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		set_int(o, "id", list[i].id);
		set_str(o, "at", list[i].at);
		set_str(o, "actor", list[i].actor);
		set_str(o, "action", list[i].action);
		set_str(o, "entity", list[i].entity);
		set_str(o, "key", list[i].key);
		json_object_set_new(o, "before", parsed_or_null(list[i].before));
		json_object_set_new(o, "after", parsed_or_null(list[i].after));
		json_array_append_new(*out, o);
		*last = list[i].id;
	}
	store_audit_list_free(list, n);
	return 0;
}

/* ---- users ---- */

/* A user as shown by the API and recorded in the audit: never the password hash. */
static json_t *user_json(const struct store_user *u)
{
	json_t *o = json_object();

	set_int(o, "id", u->id);
	set_str(o, "email", u->email);
	set_str(o, "role", u->role);
	set_opt(o, "partner", u->partner_key);
	json_object_set_new(o, "active", json_boolean(u->active));
	json_object_set_new(o, "password_set", json_boolean(u->password_hash && *u->password_hash));
	set_str(o, "created_at", u->created_at);
	set_str(o, "created_by", u->created_by);
	return o;
}

/*
 * Resolves a partner key to its id; "unknown partner" when absent (*field,
 * which may be NULL, is then "partner").
 */
static int partner_id_of(struct store *s, const char *key, int64_t *id, const char **field,
			 struct strbuf *err)
{
	struct store_partner p;
	int rc = store_partner_get(s, key, &p, err);

	if (rc == 0)
		return fail_at(field, "partner", err, "unknown partner '%s'", key);
	if (rc < 0)
		return -1;
	*id = p.id;
	store_partner_release(&p);
	return 0;
}

/*
 * Inserts a user inside the caller's transaction and audits it: email
 * normalized, role checked, hash an argon2id string or NULL. *out (may be
 * NULL) gets the user's JSON; *field (may be NULL) the request field at fault.
 */
static int user_insert(struct store *s, const char *email, const char *role, const char *partner,
		       const char *hash, const char *actor, int64_t *id, json_t **out,
		       const char **field, struct strbuf *err)
{
	struct store_user u = {0}, old;
	char at[21];
	json_t *j;
	int rc;

	if (partner && *partner && partner_id_of(s, partner, &u.partner_id, field, err))
		return -1;
	rc = store_user_get_by_email(s, email, &old, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		store_user_release(&old);
		return fail_at(field, "email", err, "a user with email '%s' already exists", email);
	}
	iso_time(now(), at);
	u.email = (char *)email;
	u.password_hash = (char *)(hash ? hash : "");
	u.role = (char *)role;
	u.partner_key = (char *)(partner ? partner : "");
	u.active = true;
	u.created_at = at;
	u.created_by = (char *)(actor && *actor ? actor : "system");
	if (store_user_add(s, &u, &u.id, err))
		return -1;
	j = user_json(&u);
	rc = audit_record(s, actor, "user.create", "user", email, NULL, j, err);
	if (rc == 0 && id)
		*id = u.id;
	if (rc == 0 && out)
		*out = j;
	else
		json_decref(j);
	return rc;
}

int user_add(struct store *s, const char *email, const char *role, const char *partner,
	     const char *password, const char *actor, int64_t *id, const char **field,
	     struct strbuf *err)
{
	char em[256], hash[PASSWORD_HASH_MAX] = "";
	unsigned r;

	if (id)
		*id = 0;
	at_field(field, NULL);
	if (email_normalize(email, em, err))
		return at_field(field, "email");
	if (role_check(role, partner, &r, field, err))
		return -1;
	if (password && password_check(password, err))
		return at_field(field, "password");
	if (password && password_hash(password, hash, err))
		return -1;
	if (store_begin(s, err))
		return -1;
	if (user_insert(s, em, role, partner, *hash ? hash : NULL, actor, id, NULL, field, err) ||
	    store_commit(s, err)) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int user_set_password(struct store *s, const char *email, const char *password, const char *actor,
		      struct strbuf *err)
{
	struct store_user u;
	char em[256], hash[PASSWORD_HASH_MAX];
	json_t *before = NULL, *after = NULL;
	int rc;

	if (email_normalize(email, em, err) || password_check(password, err) ||
	    password_hash(password, hash, err))
		return -1;
	if (store_begin(s, err))
		return -1;
	rc = store_user_get_by_email(s, em, &u, err);
	if (rc <= 0) {
		if (rc == 0)
			fail(err, "unknown user '%s'", em);
		store_rollback(s);
		return -1;
	}
	before = user_json(&u);
	free(u.password_hash);
	u.password_hash = xstrdup(hash);
	after = user_json(&u);
	rc = -1;
	if (!store_user_set_password(s, u.id, hash, err) &&
	    !store_session_delete_user(s, u.id, err) &&
	    !audit_record(s, actor, "user.password", "user", em, before, after, err))
		rc = store_commit(s, err);
	if (rc)
		store_rollback(s);
	sodium_memzero(hash, sizeof(hash));
	json_decref(before);
	json_decref(after);
	store_user_release(&u);
	return rc;
}

int users_list(struct store *s, int64_t partner_id, json_t **out, struct strbuf *err)
{
	struct store_user *list;
	size_t n;

	*out = NULL;
	if (store_user_list(s, partner_id, &list, &n, err))
		return -1;
	*out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(*out, user_json(&list[i]));
	store_user_list_free(list, n);
	return 0;
}

int users_have_admin(struct store *s, bool *yes, struct strbuf *err)
{
	int64_t n;

	*yes = false;
	if (store_user_count_role(s, "admin", &n, err))
		return -1;
	*yes = n > 0;
	return 0;
}

/* ---- login throttle ---- */

/*
 * Milliseconds the next sign-in attempt for key must still wait at t (ms):
 * with n failures in the last THROTTLE_WINDOW seconds and n >= free,
 * 2^(n - free) seconds (at most max) after the last failure.
 */
static int throttle_wait(struct store *s, const struct accounts_config *c, const char *key,
			 int64_t t, int64_t *wait, struct strbuf *err)
{
	int64_t count, last, delay, n;

	if (store_login_failures(s, key, t - THROTTLE_WINDOW * 1000, &count, &last, err))
		return -1;
	if (!count || count < c->throttle_free_failures || c->throttle_max_delay <= 0)
		return 0;
	n = count - (c->throttle_free_failures > 0 ? c->throttle_free_failures : 0);
	delay = n >= 30 ? INT64_C(1) << 30 : INT64_C(1) << n;
	if (delay > c->throttle_max_delay)
		delay = c->throttle_max_delay;
	if (last + delay * 1000 - t > *wait)
		*wait = last + delay * 1000 - t;
	return 0;
}

/* ---- sessions ---- */

int session_login(struct store *s, const struct accounts_config *c, const char *email,
		  const char *password, const char *client, struct auth *a, char sid[65],
		  int *retry_after, struct strbuf *err)
{
	struct strbuf account_key = STRBUF_INIT, client_key = STRBUF_INIT;
	struct store_user u = {0};
	struct store_session ss = {0};
	char em[256] = "", sid_hash[65], at[21], rehash[PASSWORD_HASH_MAX] = "";
	int64_t t_ms = now_ms(), t = t_ms / 1000, wait = 0;
	bool ok = false;
	json_t *j = NULL;
	int rc = -1;

	memset(a, 0, sizeof(*a));
	sid[0] = '\0';
	*retry_after = 0;
	if (crypto_ready(err))
		return -1;
	if (!password)
		password = "";
	if (email_normalize(email, em, NULL))
		snprintf(em, sizeof(em), "%.200s", email ? email : "");
	strbuf_addf(&account_key, "account:%s", em);
	if (client && *client)
		strbuf_addf(&client_key, "client:%.200s", client);
	if (throttle_wait(s, c, account_key.buf, t_ms, &wait, err) ||
	    (client_key.len && throttle_wait(s, c, client_key.buf, t_ms, &wait, err)))
		goto out;
	if (wait > 0) {
		/* Whole seconds, rounded up: never sooner than the delay. */
		wait = (wait + 999) / 1000;
		*retry_after = wait > INT_MAX ? INT_MAX : (int)wait;
		fail(err, "too many failed sign-in attempts; try again in %d seconds",
		     *retry_after);
		rc = -2;
		goto out;
	}

	/* The slow part, outside the transaction. */
	if (strlen(password) <= 1024) {
		int got = store_user_get_by_email(s, em, &u, err);
		if (got < 0)
			goto out;
		if (got == 1 && *u.password_hash)
			ok = password_verify(u.password_hash, password);
		else
			password_dummy_work(password);
		if (ok)
			password_upgrade(u.password_hash, password, rehash);
		ok = ok && u.active && role_parse(u.role);
	}

	if (store_begin(s, err))
		goto out;
	if (!ok) {
		if (store_login_failure_add(s, account_key.buf, t_ms, err) ||
		    (client_key.len && store_login_failure_add(s, client_key.buf, t_ms, err)) ||
		    store_login_failures_purge(s, t_ms - THROTTLE_WINDOW * 1000, err) ||
		    store_commit(s, err))
			goto rollback;
		fail(err, "invalid email or password");
		goto out;
	}
	random_hex(sid);
	random_hex(a->csrf);
	secret_hash(sid, sid_hash);
	ss.user_id = u.id;
	ss.csrf = a->csrf;
	ss.client = (char *)client;
	ss.created_at = ss.last_seen = t;
	ss.absolute_expires = t + c->session_max_age_seconds;
	ss.idle_expires = t + c->session_idle_seconds;
	if (ss.idle_expires > ss.absolute_expires)
		ss.idle_expires = ss.absolute_expires;
	iso_time(ss.absolute_expires, at);
	j = json_pack("{s:s?, s:s}", "client", client && *client ? client : NULL, "expires_at", at);
	if (store_session_purge(s, t, err) || store_session_add(s, &ss, sid_hash, &ss.id, err) ||
	    store_login_failures_clear(s, account_key.buf, err) ||
	    (*rehash && store_user_set_password(s, u.id, rehash, err)) ||
	    audit_record(s, u.email, "session.login", "session", u.email, NULL, j, err) ||
	    store_commit(s, err))
		goto rollback;
	auth_fill(a, &u);
	a->session_id = ss.id;
	rc = 0;
	goto out;
rollback:
	store_rollback(s);
	sodium_memzero(sid, 65);
	memset(a, 0, sizeof(*a));
out:
	json_decref(j);
	sodium_memzero(rehash, sizeof(rehash));
	store_user_release(&u);
	strbuf_release(&account_key);
	strbuf_release(&client_key);
	return rc;
}

/*
 * How often an active session's idle expiry is moved forward: at most once a
 * minute (so most requests are not writes), more often for short idle timeouts.
 */
static int64_t touch_interval(const struct accounts_config *c)
{
	int64_t quarter = c->session_idle_seconds / 4;
	return quarter < TOUCH_INTERVAL ? quarter : TOUCH_INTERVAL;
}

int session_check_deferred(struct store *s, const struct accounts_config *c, const char *sid,
			   struct auth *a, struct strbuf *err)
{
	struct store_session ss;
	char hash[65];
	int64_t t;
	int rc;

	memset(a, 0, sizeof(*a));
	if (!is_hex64(sid))
		return 0;
	if (crypto_ready(err))
		return -1;
	secret_hash(sid, hash);
	rc = store_session_get(s, hash, &ss, err);
	if (rc <= 0)
		return rc;
	t = now();
	if (t >= ss.idle_expires || t >= ss.absolute_expires || !ss.user.active) {
		a->pending = AUTH_END_SESSION;
		a->pending_id = ss.id;
		rc = 0;
	} else if (t - ss.last_seen >= touch_interval(c)) {
		int64_t idle = t + c->session_idle_seconds;
		if (idle > ss.absolute_expires)
			idle = ss.absolute_expires;
		a->pending = AUTH_TOUCH_SESSION;
		a->pending_id = ss.id;
		a->pending_at = t;
		a->pending_until = idle;
	}
	if (rc == 1) {
		auth_fill(a, &ss.user);
		a->session_id = ss.id;
		snprintf(a->csrf, sizeof(a->csrf), "%s", ss.csrf);
	}
	store_session_release(&ss);
	return rc;
}

int session_check(struct store *s, const struct accounts_config *c, const char *sid, struct auth *a,
		  struct strbuf *err)
{
	int rc = session_check_deferred(s, c, sid, a, err);

	return rc < 0 || auth_settle(s, a, err) ? -1 : rc;
}

int auth_settle(struct store *s, struct auth *a, struct strbuf *err)
{
	char at[21];
	int rc = 0;

	switch (a->pending) {
	case AUTH_PENDING_NONE:
		break;
	case AUTH_TOUCH_TOKEN:
		iso_time(a->pending_at, at);
		rc = store_token_used(s, a->pending_id, at, err);
		break;
	case AUTH_TOUCH_SESSION:
		rc = store_session_touch(s, a->pending_id, a->pending_at, a->pending_until, err);
		break;
	case AUTH_END_SESSION:
		rc = store_session_delete(s, a->pending_id, err);
		break;
	}
	a->pending = AUTH_PENDING_NONE;
	return rc ? -1 : 0;
}

int session_logout(struct store *s, int64_t session_id, struct strbuf *err)
{
	struct store_session ss;
	int rc = store_session_get_id(s, session_id, &ss, err);

	if (rc <= 0)
		return rc;
	rc = -1;
	if (!store_begin(s, err)) {
		if (!store_session_delete(s, session_id, err) &&
		    !audit_record(s, ss.user.email, "session.logout", "session", ss.user.email,
				  NULL, NULL, err) &&
		    !store_commit(s, err))
			rc = 0;
		else
			store_rollback(s);
	}
	store_session_release(&ss);
	return rc;
}

/* ---- API tokens ---- */

#define TOKEN_PREFIX "cst_"

static json_t *token_json(const struct store_token *t)
{
	json_t *o = json_object();

	set_int(o, "id", t->id);
	set_str(o, "name", t->name);
	set_str(o, "user", t->user.email);
	json_object_set_new(o, "write", json_boolean(t->write));
	set_str(o, "created_at", t->created_at);
	set_opt(o, "last_used_at", t->last_used_at);
	set_opt(o, "revoked_at", t->revoked_at);
	return o;
}

int token_create(struct store *s, const struct auth *a, const char *name, bool write, char out[80],
		 int64_t *id, struct strbuf *err)
{
	struct store_token t = {0};
	char hash[65], at[21], key[32];
	json_t *j;
	int rc = -1;

	out[0] = '\0';
	*id = 0;
	if (!a->user_id)
		return fail(err, "not signed in");
	if (name_check("token name", name, err) || crypto_ready(err))
		return -1;
	memcpy(out, TOKEN_PREFIX, sizeof(TOKEN_PREFIX) - 1);
	random_hex(out + sizeof(TOKEN_PREFIX) - 1);
	secret_hash(out, hash);
	iso_time(now(), at);
	if (store_begin(s, err))
		goto wipe;
	if (store_token_add(s, a->user_id, name, hash, write, at, &t.id, err))
		goto rollback;
	t.name = (char *)name;
	t.write = write;
	t.created_at = at;
	t.user.email = (char *)a->email;
	j = token_json(&t);
	snprintf(key, sizeof(key), "%" PRId64, t.id);
	rc = audit_record(s, a->email, "token.create", "api_token", key, NULL, j, err);
	json_decref(j);
	if (!rc)
		rc = store_commit(s, err);
	if (!rc) {
		*id = t.id;
		return 0;
	}
rollback:
	store_rollback(s);
wipe:
	sodium_memzero(out, 80);
	return -1;
}

int token_check_deferred(struct store *s, const char *token, struct auth *a, struct strbuf *err)
{
	struct store_token t;
	char hash[65], stale[21];
	int64_t tnow;
	int rc;

	memset(a, 0, sizeof(*a));
	if (!token)
		return 0;
	if (!strncasecmp(token, "Bearer ", 7))
		token += 7;
	while (*token == ' ')
		token++;
	if (strncmp(token, TOKEN_PREFIX, sizeof(TOKEN_PREFIX) - 1) ||
	    !is_hex64(token + sizeof(TOKEN_PREFIX) - 1))
		return 0;
	if (crypto_ready(err))
		return -1;
	secret_hash(token, hash);
	rc = store_token_get(s, hash, &t, err);
	if (rc <= 0)
		return rc;
	if (*t.revoked_at || !t.user.active) {
		store_token_release(&t);
		return 0;
	}
	tnow = now();
	iso_time(tnow - TOUCH_INTERVAL, stale);
	if (!*t.last_used_at || strcmp(t.last_used_at, stale) <= 0) {
		a->pending = AUTH_TOUCH_TOKEN;
		a->pending_id = t.id;
		a->pending_at = tnow;
	}
	auth_fill(a, &t.user);
	a->via_token = true;
	a->token_write = t.write;
	store_token_release(&t);
	return 1;
}

int token_check(struct store *s, const char *token, struct auth *a, struct strbuf *err)
{
	int rc = token_check_deferred(s, token, a, err);

	return rc < 0 || auth_settle(s, a, err) ? -1 : rc;
}

int tokens_list(struct store *s, const struct auth *a, json_t **out, struct strbuf *err)
{
	struct store_token *list;
	size_t n;

	*out = NULL;
	if (!a->user_id)
		return fail(err, "not signed in");
	if (store_token_list(s, (a->role & ROLE_ADMIN) ? 0 : a->user_id, &list, &n, err))
		return -1;
	*out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(*out, token_json(&list[i]));
	store_token_list_free(list, n);
	return 0;
}

int token_revoke(struct store *s, const struct auth *a, int64_t id, struct strbuf *err)
{
	struct store_token t;
	json_t *before = NULL, *after = NULL;
	char at[21], key[32];
	int rc;

	if (store_begin(s, err))
		return -1;
	rc = store_token_get_id(s, id, &t, err);
	if (rc == 0 || (rc == 1 && !(a->role & ROLE_ADMIN) && t.user_id != a->user_id)) {
		if (rc == 1)
			store_token_release(&t);
		store_rollback(s);
		fail(err, "unknown token");
		return -2;
	}
	if (rc < 0) {
		store_rollback(s);
		return -1;
	}
	iso_time(now(), at);
	rc = store_token_revoke(s, id, at, err);
	if (rc == 0) {
		fail(err, "token %" PRId64 " is already revoked", id);
		rc = -3;
	} else if (rc == 1) {
		before = token_json(&t);
		free(t.revoked_at);
		t.revoked_at = xstrdup(at);
		after = token_json(&t);
		snprintf(key, sizeof(key), "%" PRId64, id);
		rc = audit_record(s, a->email, "token.revoke", "api_token", key, before, after, err)
			     ? -1
			     : store_commit(s, err);
	}
	if (rc)
		store_rollback(s);
	json_decref(before);
	json_decref(after);
	store_token_release(&t);
	return rc;
}

/* ---- invitations ---- */

static const char *invitation_status(const struct store_invitation *inv, const char *now_iso)
{
	if (*inv->accepted_at)
		return "accepted";
	if (inv->revoked_at && *inv->revoked_at)
		return "revoked";
	return strcmp(now_iso, inv->expires_at) >= 0 ? "expired" : "pending";
}

/* A pending invitation as listed: who, for what, by whom, until when; never the code. */
static json_t *invitation_summary_json(const struct store_invitation *inv)
{
	json_t *o = json_object();

	set_int(o, "id", inv->id);
	set_opt(o, "partner", inv->partner_key);
	set_str(o, "email", inv->email);
	set_str(o, "role", inv->role);
	set_str(o, "invited_by", inv->invited_by_email);
	set_str(o, "created_at", inv->created_at);
	set_str(o, "expires_at", inv->expires_at);
	return o;
}

/* An invitation as shown and audited, with its state: never the code or its hash. */
static json_t *invitation_json(const struct store_invitation *inv, const char *now_iso)
{
	json_t *o = invitation_summary_json(inv);

	set_opt(o, "accepted_at", inv->accepted_at);
	set_opt(o, "revoked_at", inv->revoked_at);
	set_str(o, "status", invitation_status(inv, now_iso));
	return o;
}

/*
 * Whether an existing user may take an invitation for the same email: only
 * an account without a password, with the same role and partner (created by
 * an admin, waiting for its owner to choose a password).
 */
static bool user_awaits(const struct store_user *u, const char *role, int64_t partner_id)
{
	return !*u->password_hash && !strcmp(u->role, role) && u->partner_id == partner_id;
}

/* After a failure: the transaction rolled back, and the answer made so far dropped. */
static void rollback_out(struct store *s, json_t **out)
{
	store_rollback(s);
	json_decref(*out);
	*out = NULL;
}

/*
 * Inside the caller's transaction: a new invitation of em to role at
 * inv->partner_id / inv->partner_key (or none), by a, with a fresh code (in
 * code) and expiry; *out is it as shown (inv's times point into this call's
 * frame: use *out afterwards, and inv->id). -3 when a user has the email and
 * is not one awaiting it (user_awaits()), -1 when the store fails.
 */
static int invitation_insert(struct store *s, const struct accounts_config *c, const struct auth *a,
			     struct store_invitation *inv, const char *em, const char *role,
			     char code[65], json_t **out, const char **field, struct strbuf *err)
{
	struct store_user u;
	char hash[65], created[21], expires[21];
	int64_t t = now();
	int rc = store_user_get_by_email(s, em, &u, err);

	if (rc < 0)
		return -1;
	if (rc == 1) {
		bool awaits = user_awaits(&u, role, inv->partner_id);
		store_user_release(&u);
		if (!awaits) {
			fail_at(field, "email", err, "a user with email '%s' already exists", em);
			return -3;
		}
	}
	random_hex(code);
	secret_hash(code, hash);
	iso_time(t, created);
	iso_time(t + (int64_t)c->invitation_hours * 3600, expires);
	inv->email = (char *)em;
	inv->role = (char *)role;
	inv->invited_by = a->user_id;
	inv->invited_by_email = (char *)a->email;
	inv->created_at = created;
	inv->expires_at = expires;
	inv->accepted_at = (char *)"";
	inv->revoked_at = (char *)"";
	if (store_invitation_add(s, inv, hash, &inv->id, err)) {
		sodium_memzero(code, 65);
		return -1;
	}
	*out = invitation_json(inv, created);
	return 0;
}

int invitation_create_for(struct store *s, const struct accounts_config *c, const struct auth *a,
			  const char *partner, const char *email, const char *role, char code[65],
			  json_t **out, const char **field, struct strbuf *err)
{
	struct store_invitation inv = {0};
	char em[256], key[32];
	unsigned r;

	code[0] = '\0';
	*out = NULL;
	at_field(field, NULL);
	if (a->role & ROLE_PARTNER_ADMIN) {
		if (partner && *partner && strcmp(partner, a->partner_key))
			return fail_at(field, "partner", err,
				       "partner admins may invite users to their own partner only");
		partner = a->partner_key;
		r = role_parse(role);
		if (r && !(r & ROLES_PARTNER))
			return fail_at(field, "role", err,
				       "partner admins may invite partner_admin or partner_user "
				       "only, not '%s'",
				       role);
	} else if (!(a->role & ROLE_ADMIN)) {
		return fail(err, "only partner admins and admins may invite users");
	}
	if (email_normalize(email, em, err))
		return at_field(field, "email");
	if (role_check(role, partner, &r, field, err) || crypto_ready(err))
		return -1;
	if (store_begin(s, err))
		return -1;
	if (partner && *partner && partner_id_of(s, partner, &inv.partner_id, field, err))
		goto rollback;
	inv.partner_key = (char *)(partner ? partner : "");
	if (invitation_insert(s, c, a, &inv, em, role, code, out, field, err))
		goto rollback;
	snprintf(key, sizeof(key), "%" PRId64, inv.id);
	if (audit_record(s, a->email, "invitation.create", "invitation", key, NULL, *out, err) ||
	    store_commit(s, err))
		goto rollback;
	return 0;
rollback:
	rollback_out(s, out);
	sodium_memzero(code, 65);
	return -1;
}

int invitation_create(struct store *s, const struct accounts_config *c, const struct auth *a,
		      const char *email, const char *role, char code[65], json_t **out,
		      const char **field, struct strbuf *err)
{
	return invitation_create_for(s, c, a, NULL, email, role, code, out, field, err);
}

/*
 * Inside the caller's transaction, after the store recorded it: sets one of
 * inv's times (stamp: &inv->accepted_at or &inv->revoked_at) to `at`, audits
 * the invitation before and after as `action` by `actor`, and commits.
 */
static int invitation_stamp_commit(struct store *s, const char *actor, const char *action,
				   struct store_invitation *inv, char **stamp, const char *at,
				   struct strbuf *err)
{
	json_t *before = invitation_json(inv, at), *after;
	char key[32];
	int rc;

	free(*stamp);
	*stamp = xstrdup(at);
	after = invitation_json(inv, at);
	snprintf(key, sizeof(key), "%" PRId64, inv->id);
	rc = audit_record(s, actor, action, "invitation", key, before, after, err) ||
			     store_commit(s, err)
		     ? -1
		     : 0;
	json_decref(before);
	json_decref(after);
	return rc;
}

int invitation_accept(struct store *s, const char *code, const char *password, json_t **out,
		      struct strbuf *err)
{
	struct store_invitation inv = {0};
	struct store_user u = {0};
	char hash[65], pw[PASSWORD_HASH_MAX] = "", at[21];
	json_t *before = NULL;
	int rc = -1, got;

	*out = NULL;
	if (!is_hex64(code))
		return fail(err, "unknown invitation code");
	if (password_check(password, err) || crypto_ready(err))
		return -1;
	secret_hash(code, hash);
	got = store_invitation_get(s, hash, &inv, err);
	if (got <= 0)
		return got == 0 ? fail(err, "unknown invitation code") : -1;
	iso_time(now(), at);
	if (*inv.accepted_at) {
		fail(err, "this invitation has already been used");
		goto out;
	}
	if (*inv.revoked_at) {
		fail(err, "this invitation was revoked at %s; ask for a new one", inv.revoked_at);
		goto out;
	}
	if (strcmp(at, inv.expires_at) >= 0) {
		fail(err, "this invitation expired at %s; ask for a new one", inv.expires_at);
		goto out;
	}
	/* The slow hash before the transaction. */
	if (password_hash(password, pw, err) || store_begin(s, err))
		goto out;
	got = store_user_get_by_email(s, inv.email, &u, err);
	if (got < 0)
		goto rollback;
	if (got == 1) {
		if (!user_awaits(&u, inv.role, inv.partner_id)) {
			fail(err, "a user with email '%s' already exists", inv.email);
			goto rollback;
		}
		before = user_json(&u);
		free(u.password_hash);
		u.password_hash = xstrdup(pw);
		*out = user_json(&u);
		if (store_user_set_password(s, u.id, pw, err) ||
		    audit_record(s, u.email, "user.password", "user", u.email, before, *out, err))
			goto rollback;
	} else if (user_insert(s, inv.email, inv.role, inv.partner_key, pw,
			       *inv.invited_by_email ? inv.invited_by_email : NULL, &u.id, out,
			       NULL, err)) {
		goto rollback;
	}
	got = store_invitation_accept(s, inv.id, u.id, at, err);
	if (got <= 0) {
		if (got == 0) /* accepted or revoked since it was read */
			fail(err, "this invitation has already been used or was revoked");
		goto rollback;
	}
	if (invitation_stamp_commit(s, inv.email, "invitation.accept", &inv, &inv.accepted_at, at,
				    err))
		goto rollback;
	rc = 0;
	goto out;
rollback:
	rollback_out(s, out);
out:
	sodium_memzero(pw, sizeof(pw));
	json_decref(before);
	store_user_release(&u);
	store_invitation_release(&inv);
	return rc;
}

/*
 * The invitations of the caller's partner (admins: all), oldest first: every
 * one with its state, or (pending) only the pending ones, as summaries.
 */
static int invitations_of(struct store *s, const struct auth *a, bool pending, json_t **out,
			  struct strbuf *err)
{
	struct store_invitation *list;
	char at[21];
	size_t n;

	*out = NULL;
	if (!(a->role & (ROLE_ADMIN | ROLE_PARTNER_ADMIN)))
		return fail(err, "only partner admins and admins may see invitations");
	iso_time(now(), at);
	if (store_invitation_list(s, (a->role & ROLE_ADMIN) ? 0 : a->partner_id,
				  pending ? at : NULL, &list, &n, err))
		return -1;
	*out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(*out, pending ? invitation_summary_json(&list[i])
						    : invitation_json(&list[i], at));
	store_invitation_list_free(list, n);
	return 0;
}

int invitations_list(struct store *s, const struct auth *a, json_t **out, struct strbuf *err)
{
	return invitations_of(s, a, false, out, err);
}

int invitations_pending(struct store *s, const struct auth *a, json_t **out, struct strbuf *err)
{
	return invitations_of(s, a, true, out, err);
}

/*
 * In the caller's transaction, the invitation a may act on (inv zeroed when
 * there is none): 0; -2 none, or another partner's (as unknown as a missing
 * one, to partner admins); -1 the store failed.
 */
static int invitation_find(struct store *s, const struct auth *a, int64_t id,
			   struct store_invitation *inv, struct strbuf *err)
{
	int rc = store_invitation_get_id(s, id, inv, err);

	if (rc < 0)
		return -1;
	if (rc == 0 || (!(a->role & ROLE_ADMIN) && inv->partner_id != a->partner_id)) {
		fail(err, "unknown invitation %" PRId64, id);
		return -2;
	}
	return 0;
}

int invitation_revoke(struct store *s, const struct auth *a, int64_t id, struct strbuf *err)
{
	struct store_invitation inv;
	char at[21];
	int rc;

	if (!(a->role & (ROLE_ADMIN | ROLE_PARTNER_ADMIN)))
		return fail(err, "only partner admins and admins may revoke invitations");
	if (store_begin(s, err))
		return -1;
	if ((rc = invitation_find(s, a, id, &inv, err)))
		goto rollback;
	iso_time(now(), at);
	if (*inv.accepted_at || *inv.revoked_at || strcmp(at, inv.expires_at) >= 0) {
		fail(err, "invitation %" PRId64 " is not pending: it was %s", id,
		     *inv.accepted_at  ? "accepted already"
		     : *inv.revoked_at ? "revoked already"
				       : "expired already");
		rc = -3;
		goto rollback;
	}
	rc = store_invitation_revoke(s, id, at, err);
	if (rc == 0) {
		fail(err, "invitation %" PRId64 " is not pending: it was accepted or revoked", id);
		rc = -3;
		goto rollback;
	}
	if (rc < 0)
		goto rollback;
	rc = -1;
	if (invitation_stamp_commit(s, a->email, "invitation.revoke", &inv, &inv.revoked_at, at,
				    err))
		goto rollback;
	rc = 0;
	goto out;
rollback:
	store_rollback(s);
out:
	store_invitation_release(&inv);
	return rc;
}

int invitation_resend(struct store *s, const struct accounts_config *c, const struct auth *a,
		      int64_t id, char code[65], json_t **out, struct strbuf *err)
{
	struct store_invitation inv, fresh = {0};
	json_t *before = NULL;
	char at[21], key[32];
	int rc;

	code[0] = '\0';
	*out = NULL;
	if (!(a->role & (ROLE_ADMIN | ROLE_PARTNER_ADMIN)))
		return fail(err, "only partner admins and admins may resend invitations");
	if (crypto_ready(err) || store_begin(s, err))
		return -1;
	if ((rc = invitation_find(s, a, id, &inv, err)))
		goto rollback;
	rc = -3;
	if (*inv.accepted_at) {
		fail(err, "invitation %" PRId64 " was accepted already", id);
		goto rollback;
	}
	if (*inv.revoked_at) {
		fail(err, "invitation %" PRId64 " was revoked: invite the person again", id);
		goto rollback;
	}
	rc = -1;
	iso_time(now(), at);
	before = invitation_json(&inv, at);
	/* A pending invitation's link stops working: only the new one does. */
	if (strcmp(at, inv.expires_at) < 0 && store_invitation_revoke(s, id, at, err) != 1) {
		if (!err->len)
			fail(err, "invitation %" PRId64 " changed meanwhile; try again", id);
		goto rollback;
	}
	fresh.partner_id = inv.partner_id;
	fresh.partner_key = inv.partner_key;
	rc = invitation_insert(s, c, a, &fresh, inv.email, inv.role, code, out, NULL, err);
	if (rc)
		goto rollback;
	rc = -1;
	json_object_set_new(*out, "replaces", json_integer(id));
	snprintf(key, sizeof(key), "%" PRId64, id);
	if (audit_record(s, a->email, "invitation.resend", "invitation", key, before, *out, err) ||
	    store_commit(s, err))
		goto rollback;
	rc = 0;
	goto out;
rollback:
	rollback_out(s, out);
	sodium_memzero(code, 65);
out:
	json_decref(before);
	store_invitation_release(&inv);
	return rc;
}

/* ---- agreement acceptances ---- */

static json_t *acceptance_json(const struct store_acceptance *a)
{
	json_t *o = json_object();

	set_int(o, "id", a->id);
	set_str(o, "partner", a->partner_key);
	set_str(o, "agreement", a->agreement);
	set_str(o, "document_version", a->document_version);
	set_str(o, "accepted_by", a->accepted_by);
	set_str(o, "accepted_at", a->accepted_at);
	set_opt(o, "client", a->client);
	return o;
}

int agreement_accept_with(struct store *s, const struct auth *a, const char *partner,
			  const char *agreement, const char *version, const char *client,
			  int (*also)(struct store *s, int64_t partner_id, void *ctx,
				      struct strbuf *err),
			  void *ctx, json_t **out, struct strbuf *err)
{
	struct store_acceptance acc = {0};
	struct strbuf key = STRBUF_INIT;
	char at[21];
	int rc = -1;

	*out = NULL;
	if (!a->user_id) {
		fail(err, "not signed in");
		return -2;
	}
	if (a->role & ROLES_PARTNER) {
		if (partner && *partner && strcmp(partner, a->partner_key)) {
			fail(err, "partner users may accept agreements for their own partner only");
			return -2;
		}
		partner = a->partner_key;
	} else if (!partner || !*partner) {
		fail(err, "partner is required");
		return -2;
	}
	if (name_check("agreement", agreement, err) || name_check("document version", version, err))
		return -2;
	if (store_begin(s, err))
		return -1;
	if (a->role & ROLES_PARTNER) {
		acc.partner_id = a->partner_id;
	} else {
		struct store_partner p;
		int found = store_partner_get(s, partner, &p, err);
		if (found <= 0) {
			if (found == 0) {
				fail(err, "unknown partner '%s'", partner);
				rc = -2;
			}
			goto rollback;
		}
		acc.partner_id = p.id;
		store_partner_release(&p);
	}
	iso_time(now(), at);
	acc.partner_key = (char *)partner;
	acc.agreement = (char *)agreement;
	acc.document_version = (char *)version;
	acc.accepted_by = (char *)a->email;
	acc.accepted_at = at;
	acc.client = (char *)client;
	if (store_acceptance_add(s, &acc, &acc.id, err))
		goto rollback;
	*out = acceptance_json(&acc);
	strbuf_addf(&key, "%s/%s", partner, agreement);
	if (audit_record(s, a->email, "agreement.accept", "agreement_acceptance", key.buf, NULL,
			 *out, err))
		goto rollback;
	if (also && (rc = also(s, acc.partner_id, ctx, err)) != 0)
		goto rollback;
	rc = -1;
	if (store_commit(s, err))
		goto rollback;
	strbuf_release(&key);
	return 0;
rollback:
	store_rollback(s);
	strbuf_release(&key);
	json_decref(*out);
	*out = NULL;
	return rc;
}

int agreement_accept(struct store *s, const struct auth *a, const char *partner,
		     const char *agreement, const char *version, const char *client, json_t **out,
		     struct strbuf *err)
{
	return agreement_accept_with(s, a, partner, agreement, version, client, NULL, NULL, out,
				     err)
		       ? -1
		       : 0;
}

int agreement_acceptances(struct store *s, const char *partner, json_t **out, struct strbuf *err)
{
	struct store_acceptance *list;
	int64_t partner_id = 0;
	size_t n;

	*out = NULL;
	if (partner && *partner && partner_id_of(s, partner, &partner_id, NULL, err))
		return -1;
	if (store_acceptance_list(s, partner_id, &list, &n, err))
		return -1;
	*out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(*out, acceptance_json(&list[i]));
	store_acceptance_list_free(list, n);
	return 0;
}
