/*
 * Storage interface for accounts (core/accounts.c): users, sessions, API
 * tokens, invitations, the login throttle, the audit log and agreement
 * acceptances. Same conventions as store.h: 0 on success, -1 on failure with
 * the reason appended to err; lookups return 1 found, 0 not found, -1 error;
 * strings in records filled by the store are malloc'd and freed by the
 * record's _release (or the list's _free) function.
 *
 * The store never sees a secret: session ids, tokens and invitation codes
 * arrive already hashed (hex), passwords as argon2id strings. Session times
 * are unix seconds; every other time is ISO 8601 UTC text
 * ("2025-01-31T12:00:00Z") chosen by the caller, so that the service's clock
 * (injectable in tests) is the only clock.
 */
#ifndef CONSORT_STORE_ACCOUNTS_H
#define CONSORT_STORE_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;
struct store;

/* ---- users ---- */
struct store_user {
	int64_t id;
	char *email;
	char *password_hash; /* "" = no password */
	char *role;	     /* role name, e.g. "partner_admin" */
	int64_t partner_id;  /* 0 = none (vendor roles) */
	char *partner_key;   /* "" = none */
	bool active;
	char *created_at, *created_by;
};
/* Inserts u (id, partner_key ignored; "" password_hash = none) and sets *id. */
int store_user_add(struct store *s, const struct store_user *u, int64_t *id, struct strbuf *err);
/* By email, case-insensitively. */
int store_user_get_by_email(struct store *s, const char *email, struct store_user *out,
			    struct strbuf *err);
int store_user_get(struct store *s, int64_t id, struct store_user *out, struct strbuf *err);
/* Ordered by email; partner_id 0 = every user. */
int store_user_list(struct store *s, int64_t partner_id, struct store_user **out, size_t *n,
		    struct strbuf *err);
int store_user_set_password(struct store *s, int64_t id, const char *password_hash,
			    struct strbuf *err);
/* Active users with this role. */
int store_user_count_role(struct store *s, const char *role, int64_t *n, struct strbuf *err);
void store_user_release(struct store_user *u);
void store_user_list_free(struct store_user *list, size_t n);

/* ---- sessions ---- */
struct store_session {
	int64_t id, user_id;
	char *csrf, *client;
	int64_t created_at, last_seen, idle_expires, absolute_expires; /* unix seconds */
	struct store_user user;					       /* filled by the lookups */
};
/* Inserts ss (id and user ignored) under sid_hash and sets *id. */
int store_session_add(struct store *s, const struct store_session *ss, const char *sid_hash,
		      int64_t *id, struct strbuf *err);
/* The session with this sid hash, with its user. */
int store_session_get(struct store *s, const char *sid_hash, struct store_session *out,
		      struct strbuf *err);
int store_session_get_id(struct store *s, int64_t id, struct store_session *out,
			 struct strbuf *err);
/* Records activity: last_seen and the new idle expiry. */
int store_session_touch(struct store *s, int64_t id, int64_t last_seen, int64_t idle_expires,
			struct strbuf *err);
int store_session_delete(struct store *s, int64_t id, struct strbuf *err);
/* Ends every session of a user (after a password change). */
int store_session_delete_user(struct store *s, int64_t user_id, struct strbuf *err);
/* Deletes the sessions expired (idle or absolute) at `now`. */
int store_session_purge(struct store *s, int64_t now, struct strbuf *err);
void store_session_release(struct store_session *ss);

/* ---- API tokens ---- */
struct store_token {
	int64_t id, user_id;
	char *name;
	bool write;
	char *created_at, *last_used_at, *revoked_at; /* "" = never */
	struct store_user user;			      /* filled by the lookups */
};
int store_token_add(struct store *s, int64_t user_id, const char *name, const char *token_hash,
		    bool write, const char *created_at, int64_t *id, struct strbuf *err);
/* The token with this hash (revoked ones too), with its user. */
int store_token_get(struct store *s, const char *token_hash, struct store_token *out,
		    struct strbuf *err);
int store_token_get_id(struct store *s, int64_t id, struct store_token *out, struct strbuf *err);
/* Ordered by id; user_id 0 = every user's tokens. */
int store_token_list(struct store *s, int64_t user_id, struct store_token **out, size_t *n,
		     struct strbuf *err);
int store_token_used(struct store *s, int64_t id, const char *at, struct strbuf *err);
/* Revokes the token unless it already is; 1 revoked now, 0 already revoked. */
int store_token_revoke(struct store *s, int64_t id, const char *at, struct strbuf *err);
void store_token_release(struct store_token *t);
void store_token_list_free(struct store_token *list, size_t n);

/* ---- invitations ---- */
struct store_invitation {
	int64_t id;
	int64_t partner_id; /* 0 = none (vendor roles) */
	char *partner_key;  /* filled by the lookups */
	char *email, *role;
	int64_t invited_by;			     /* user id */
	char *invited_by_email;			     /* filled by the lookups */
	char *created_at, *expires_at, *accepted_at; /* accepted_at "" = pending */
	int64_t user_id;			     /* the user it created, 0 = none */
	char *revoked_at;			     /* "" = not revoked */
};
/* Inserts inv (id, keys, accepted_at, user_id ignored) under code_hash and sets *id. */
int store_invitation_add(struct store *s, const struct store_invitation *inv, const char *code_hash,
			 int64_t *id, struct strbuf *err);
int store_invitation_get(struct store *s, const char *code_hash, struct store_invitation *out,
			 struct strbuf *err);
int store_invitation_get_id(struct store *s, int64_t id, struct store_invitation *out,
			    struct strbuf *err);
/*
 * Ordered by id; partner_id 0 = every invitation. pending_at NULL = all of
 * them, else only those pending at that time: not accepted, not revoked, and
 * expiring after it.
 */
int store_invitation_list(struct store *s, int64_t partner_id, const char *pending_at,
			  struct store_invitation **out, size_t *n, struct strbuf *err);
/* Marks a pending (not accepted, not revoked) invitation accepted; 1 done, 0 it was not pending. */
int store_invitation_accept(struct store *s, int64_t id, int64_t user_id, const char *at,
			    struct strbuf *err);
/* Marks a pending invitation revoked; 1 done, 0 it was accepted or revoked already. */
int store_invitation_revoke(struct store *s, int64_t id, const char *at, struct strbuf *err);
void store_invitation_release(struct store_invitation *inv);
void store_invitation_list_free(struct store_invitation *list, size_t n);

/*
 * ---- login throttle: failed sign-ins by key ("account:EMAIL", "client:ADDRESS"),
 * timed in Unix milliseconds ----
 */
int store_login_failure_add(struct store *s, const char *key, int64_t at, struct strbuf *err);
/* Failures of key after `since`: their number and the time of the last (0 if none). */
int store_login_failures(struct store *s, const char *key, int64_t since, int64_t *count,
			 int64_t *last, struct strbuf *err);
int store_login_failures_clear(struct store *s, const char *key, struct strbuf *err);
/* Forgets failures at or before `before`. */
int store_login_failures_purge(struct store *s, int64_t before, struct strbuf *err);

/* ---- audit log ---- */
struct store_audit {
	int64_t id;
	char *at, *actor, *action, *entity, *key;
	char *before, *after; /* JSON text, "" = none */
};
/* Appends a record (id ignored; "" or NULL before/after = none). */
int store_audit_add(struct store *s, const struct store_audit *a, struct strbuf *err);
/*
 * At most limit records, entity NULL = all: oldest first with id > after, or
 * with newest, newest first with id < after (after 0 = from the newest).
 */
int store_audit_list(struct store *s, int64_t after, int limit, const char *entity, bool newest,
		     struct store_audit **out, size_t *n, struct strbuf *err);
void store_audit_list_free(struct store_audit *list, size_t n);

/* ---- agreement acceptances (e.g. the Terms of Service, accepted in the portal) ---- */
struct store_acceptance {
	int64_t id, partner_id;
	char *partner_key; /* filled by the lookups */
	char *agreement, *document_version, *accepted_by, *accepted_at, *client;
};
int store_acceptance_add(struct store *s, const struct store_acceptance *a, int64_t *id,
			 struct strbuf *err);
/* Ordered by id; partner_id 0 = every partner. */
int store_acceptance_list(struct store *s, int64_t partner_id, struct store_acceptance **out,
			  size_t *n, struct strbuf *err);
void store_acceptance_list_free(struct store_acceptance *list, size_t n);

#endif
