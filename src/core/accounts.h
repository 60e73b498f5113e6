/*
 * Accounts: users and roles, passwords (argon2id), sessions, API tokens,
 * partner invitations, login throttling, and the audit log. Secrets (session
 * ids, tokens, invitation codes) are 256-bit random values shown once and
 * stored only as hashes; passwords only as argon2id strings.
 */
#ifndef CONSORT_CORE_ACCOUNTS_H
#define CONSORT_CORE_ACCOUNTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct store;
struct strbuf;

enum role {
	ROLE_ADMIN = 1 << 0,
	ROLE_PARTNER_MANAGER = 1 << 1,
	ROLE_MARKETING = 1 << 2,
	ROLE_FINANCE = 1 << 3,
	ROLE_SOLUTION_ENGINEER = 1 << 4,
	ROLE_PARTNER_ADMIN = 1 << 5,
	ROLE_PARTNER_USER = 1 << 6,
};
#define ROLES_VENDOR                                                                               \
	(ROLE_ADMIN | ROLE_PARTNER_MANAGER | ROLE_MARKETING | ROLE_FINANCE | ROLE_SOLUTION_ENGINEER)
#define ROLES_PARTNER (ROLE_PARTNER_ADMIN | ROLE_PARTNER_USER)
#define ROLES_ALL     (ROLES_VENDOR | ROLES_PARTNER)

/* "admin" -> ROLE_ADMIN; 0 when unknown. */
unsigned role_parse(const char *name);
const char *role_name(unsigned role);

/* Who is calling. */
struct auth {
	int64_t user_id; /* 0 = not authenticated */
	char email[256];
	unsigned role;
	int64_t partner_id; /* partner roles only */
	char partner_key[201];
	bool via_token;
	bool token_write;   /* the token's scope allows writes */
	int64_t session_id; /* via a session cookie */
	char csrf[65];	    /* the session's CSRF token (hex) */
	/* The write a *_check_deferred() left for auth_settle(); none when NONE. */
	enum {
		AUTH_PENDING_NONE,
		AUTH_TOUCH_TOKEN,
		AUTH_TOUCH_SESSION,
		AUTH_END_SESSION
	} pending;
	int64_t pending_id, pending_at, pending_until;
};

struct accounts_config {
	int session_idle_seconds;    /* 1800 */
	int session_max_age_seconds; /* 43200 */
	int invitation_hours;	     /* 72 */
	int throttle_free_failures;  /* failures before delays start: 3 */
	int throttle_max_delay;	     /* seconds: 300 */
};
void accounts_config_defaults(struct accounts_config *c);

/*
 * Creates a user (role and, for partner roles, the partner key). Password may
 * be NULL: the account then has no password until an invitation is accepted.
 * On failure, *field (field may be NULL) names the argument at fault:
 * "email" (bad, or a user has it already), "role", "partner" (missing,
 * unknown, or given with a vendor role) or "password"; NULL when none was
 * (the store failed).
 */
int user_add(struct store *s, const char *email, const char *role, const char *partner,
	     const char *password, const char *actor, int64_t *id, const char **field,
	     struct strbuf *err);
int users_list(struct store *s, int64_t partner_id /* 0 = all */, json_t **out, struct strbuf *err);
/* Whether any admin exists (the first-run bootstrap creates one when not). */
int users_have_admin(struct store *s, bool *yes, struct strbuf *err);

/* Password policy: at least 12 characters, at most 1024. */
int password_check(const char *password, struct strbuf *err);

/* An argon2id string of the password (crypto_pwhash_str, interactive limits). */
#define PASSWORD_HASH_MAX 128
int password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct strbuf *err);
/* Whether password matches the argon2id string. */
bool password_verify(const char *hash, const char *password);
/* Sets (or resets) a user's password after password_check(); ends the user's sessions. */
int user_set_password(struct store *s, const char *email, const char *password, const char *actor,
		      struct strbuf *err);

/*
 * Login. On success fills *a, returns the new session id (hex, shown once) in
 * sid and its CSRF token in a->csrf. Throttling: after a few failures for the
 * account or for the client address, further attempts must wait (growing
 * delays); *retry_after is then set and -2 returned. Wrong credentials: -1
 * with "invalid email or password".
 */
int session_login(struct store *s, const struct accounts_config *c, const char *email,
		  const char *password, const char *client, struct auth *a, char sid[65],
		  int *retry_after, struct strbuf *err);
/* Resolves a session cookie; 1 valid (fills *a, refreshes idle expiry), 0 not. */
int session_check(struct store *s, const struct accounts_config *c, const char *sid, struct auth *a,
		  struct strbuf *err);
/*
 * The same checks, reading only: the write they call for (refreshing the idle
 * expiry, deleting an expired session, recording a token's last use) is left
 * in a->pending for auth_settle(), so a request can authenticate inside its
 * read transaction and write after it.
 */
int session_check_deferred(struct store *s, const struct accounts_config *c, const char *sid,
			   struct auth *a, struct strbuf *err);
int token_check_deferred(struct store *s, const char *token, struct auth *a, struct strbuf *err);
/* Does the write a deferred check left (if any); 0 or -1. */
int auth_settle(struct store *s, struct auth *a, struct strbuf *err);
int session_logout(struct store *s, int64_t session_id, struct strbuf *err);

/* Creates an API token for the user; the token (shown once) in out. */
int token_create(struct store *s, const struct auth *a, const char *name, bool write, char out[80],
		 int64_t *id, struct strbuf *err);
/* Resolves "Bearer ..." tokens; 1 valid (fills *a, records last use), 0 not. */
int token_check(struct store *s, const char *token, struct auth *a, struct strbuf *err);
int tokens_list(struct store *s, const struct auth *a, json_t **out, struct strbuf *err);
/*
 * Revokes a token of the caller (admins: any). 0; -2 no such token (or
 * another user's: "unknown token"); -3 it is revoked already; -1 the store
 * failed.
 */
int token_revoke(struct store *s, const struct auth *a, int64_t id, struct strbuf *err);

/* A partner admin invites a colleague; the secret code (shown once) in code. */
int invitation_create(struct store *s, const struct accounts_config *c, const struct auth *a,
		      const char *email, const char *role, char code[65], json_t **out,
		      const char **field, struct strbuf *err);
/*
 * The same for a given partner (NULL for vendor roles). Partner admins may
 * invite partner_admin and partner_user to their own partner only; admins
 * may invite any role to any partner. The invitee's email must not belong to
 * a user yet, unless that user has no password and the same role and partner
 * (accepting then sets the password). The code expires after
 * c->invitation_hours. On failure, *field (field may be NULL) names the
 * argument at fault, as user_add() does ("email", "role", "partner"), or NULL.
 */
int invitation_create_for(struct store *s, const struct accounts_config *c, const struct auth *a,
			  const char *partner, const char *email, const char *role, char code[65],
			  json_t **out, const char **field, struct strbuf *err);
/*
 * Accepts an invitation: creates the user with the password (out: the user).
 * Accepted, revoked and expired invitations are refused.
 */
int invitation_accept(struct store *s, const char *code, const char *password, json_t **out,
		      struct strbuf *err);
/*
 * Invitations of the caller's partner (admins: all), oldest first, with
 * "accepted_at", "revoked_at" and "status" (pending, accepted, revoked or expired).
 */
int invitations_list(struct store *s, const struct auth *a, json_t **out, struct strbuf *err);
/*
 * The pending invitations (not accepted, not revoked, not expired) of the
 * caller's partner (admins: every one), oldest first: id, email, role,
 * partner (null for vendor roles), invited_by, created_at, expires_at.
 */
int invitations_pending(struct store *s, const struct auth *a, json_t **out, struct strbuf *err);
/*
 * Revokes a pending invitation, audited as "invitation.revoke": admins any,
 * partner admins their own partner's. Returns 0; -2 no such invitation (or
 * another partner's); -3 it is not pending (accepted, revoked or expired:
 * the message says which); -1 the store failed.
 */
int invitation_revoke(struct store *s, const struct auth *a, int64_t id, struct strbuf *err);
/*
 * Sends an invitation again: a new one to the same email, role and partner,
 * by a, with a fresh code (in code, shown once) and expiry; the old one, if
 * still pending, is revoked so that only the new link works. For pending and
 * expired invitations; audited as "invitation.resend" (the old one before,
 * the new one after, with "replaces"). Admins any, partner admins their own
 * partner's. Returns 0; -2 no such invitation (or another partner's); -3 it
 * was accepted or revoked, or its email now belongs to a user; -1 the store
 * failed.
 */
int invitation_resend(struct store *s, const struct accounts_config *c, const struct auth *a,
		      int64_t id, char code[65], json_t **out, struct strbuf *err);

/* ---- agreement acceptances (the portal's Terms of Service click) ---- */
/*
 * Records that the caller accepted `version` of `agreement` for a partner:
 * partner users for their own partner (partner NULL or theirs), vendor users
 * for the partner named. Audited; out: the acceptance.
 */
int agreement_accept(struct store *s, const struct auth *a, const char *partner,
		     const char *agreement, const char *version, const char *client, json_t **out,
		     struct strbuf *err);
/*
 * The same, and also(s, partner_id, ctx, err) inside the acceptance's
 * transaction (also NULL: nothing more); its failure undoes the acceptance.
 * Returns 0; -2 when the request is at fault (a missing or bad value, an
 * unknown partner, another partner's agreement); -1 when the store failed;
 * or what `also` returned (non-zero).
 */
int agreement_accept_with(struct store *s, const struct auth *a, const char *partner,
			  const char *agreement, const char *version, const char *client,
			  int (*also)(struct store *s, int64_t partner_id, void *ctx,
				      struct strbuf *err),
			  void *ctx, json_t **out, struct strbuf *err);
/* Acceptances, oldest first; partner NULL = every partner. */
int agreement_acceptances(struct store *s, const char *partner, json_t **out, struct strbuf *err);

/* ---- audit log ---- */
/*
 * Records a change: who, what (action, entity, key), before and after (JSON text or NULL).
 * Call it inside the transaction of the change it records; before and after
 * stay the caller's. Never pass secrets or hashes.
 */
int audit_record(struct store *s, const char *actor, const char *action, const char *entity,
		 const char *key, json_t *before, json_t *after, struct strbuf *err);
/*
 * Audit records oldest first (ascending id): those with id > after (0 = from
 * the start), at most limit (1..500, default 50 when <= 0), of one entity
 * ("user", "session", "api_token", "invitation", "agreement_acceptance", ...)
 * or all (NULL). With newest, newest first instead: those with id < after
 * (0 = from the newest). *last is the id of the last record returned (0 =
 * none): the cursor of the next page.
 */
int audit_list(struct store *s, int64_t after, int limit, const char *entity, bool newest,
	       json_t **out, int64_t *last, struct strbuf *err);

#endif
