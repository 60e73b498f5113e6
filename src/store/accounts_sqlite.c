/*
 * SQLite backend: users, sessions, API tokens, invitations, the login
 * throttle, the audit log and agreement acceptances (store_accounts.h).
 */
#include "util/common.h"

#include "store/sqlite_int.h"
#include "store/store_accounts.h"
#include "util/alloc.h"
#include "util/strbuf.h"

/* Steps a statement expected to return one row; 1 row (left unreset), 0 none, -1 error. */
static int step_one(struct store *s, sqlite3_stmt *st, struct strbuf *err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_fail(s, err, what);
}

static void bind_id_opt(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, idx, id);
	else
		sqlite3_bind_null(st, idx);
}

/* ---- users ---- */

#define USER_COLS                                                                                  \
	"u.id, u.email, COALESCE(u.password_hash, ''), u.role, COALESCE(u.partner_id, 0), "        \
	"p.key, u.active, u.created_at, u.created_by"
#define USER_FROM " FROM users u LEFT JOIN partners p ON p.id = u.partner_id "

static void user_from_row(sqlite3_stmt *st, int c, struct store_user *u)
{
	u->id = sqlite3_column_int64(st, c);
	u->email = sq_col_dup(st, c + 1);
	u->password_hash = sq_col_dup(st, c + 2);
	u->role = sq_col_dup(st, c + 3);
	u->partner_id = sqlite3_column_int64(st, c + 4);
	u->partner_key = sq_col_dup(st, c + 5);
	u->active = sqlite3_column_int(st, c + 6) != 0;
	u->created_at = sq_col_dup(st, c + 7);
	u->created_by = sq_col_dup(st, c + 8);
}

int store_user_add(struct store *s, const struct store_user *u, int64_t *id, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO users(email, password_hash, role, partner_id, "
		"active, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sq_bind_text(st, 1, u->email);
	sq_bind_opt(st, 2, u->password_hash);
	sq_bind_text(st, 3, u->role);
	bind_id_opt(st, 4, u->partner_id);
	sqlite3_bind_int(st, 5, u->active);
	sq_bind_text(st, 6, u->created_at);
	sq_bind_text(st, 7, u->created_by);
	if (sq_exec_stmt(s, st, err, "cannot store user"))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* Runs a one-user lookup bound by the caller. */
static int user_get(struct store *s, sqlite3_stmt *st, struct store_user *out, struct strbuf *err)
{
	int rc = step_one(s, st, err, "cannot read user");

	if (rc == 1) {
		user_from_row(st, 0, out);
		sqlite3_reset(st);
	}
	return rc;
}

int store_user_get_by_email(struct store *s, const char *email, struct store_user *out,
			    struct strbuf *err)
{
	static const char sql[] = "SELECT " USER_COLS USER_FROM "WHERE u.email = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sq_bind_text(st, 1, email);
	return user_get(s, st, out, err);
}

int store_user_get(struct store *s, int64_t id, struct store_user *out, struct strbuf *err)
{
	static const char sql[] = "SELECT " USER_COLS USER_FROM "WHERE u.id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return user_get(s, st, out, err);
}

static void fill_user(sqlite3_stmt *st, void *elem)
{
	user_from_row(st, 0, elem);
}

static void free_users(void *list, size_t n)
{
	store_user_list_free(list, n);
}

int store_user_list(struct store *s, int64_t partner_id, struct store_user **out, size_t *n,
		    struct strbuf *err)
{
	static const char sql[] =
		"SELECT " USER_COLS USER_FROM "WHERE ?1 = 0 OR u.partner_id = ?1 ORDER BY u.email";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	*out = sq_collect(s, st, sizeof(**out), fill_user, free_users, n, &rc, err,
			  "cannot list users");
	return rc;
}

int store_user_set_password(struct store *s, int64_t id, const char *password_hash,
			    struct strbuf *err)
{
	static const char sql[] = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_opt(st, 2, password_hash);
	return sq_exec_stmt(s, st, err, "cannot set password");
}

int store_user_count_role(struct store *s, const char *role, int64_t *n, struct strbuf *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM users WHERE role = ?1 AND active = 1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*n = 0;
	if (!st)
		return -1;
	sq_bind_text(st, 1, role);
	rc = step_one(s, st, err, "cannot count users");
	if (rc == 1) {
		*n = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

void store_user_release(struct store_user *u)
{
	free(u->email);
	free(u->password_hash);
	free(u->role);
	free(u->partner_key);
	free(u->created_at);
	free(u->created_by);
	memset(u, 0, sizeof(*u));
}

void store_user_list_free(struct store_user *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_user_release(&list[i]);
	free(list);
}

/* ---- sessions ---- */

#define SESSION_COLS                                                                               \
	"se.id, se.user_id, se.csrf, se.client, se.created_at, se.last_seen, se.idle_expires, "    \
	"se.absolute_expires, " USER_COLS
#define SESSION_FROM                                                                               \
	" FROM sessions se JOIN users u ON u.id = se.user_id "                                     \
	"LEFT JOIN partners p ON p.id = u.partner_id "

static int session_get(struct store *s, sqlite3_stmt *st, struct store_session *out,
		       struct strbuf *err)
{
	int rc = step_one(s, st, err, "cannot read session");

	if (rc != 1)
		return rc;
	out->id = sqlite3_column_int64(st, 0);
	out->user_id = sqlite3_column_int64(st, 1);
	out->csrf = sq_col_dup(st, 2);
	out->client = sq_col_dup(st, 3);
	out->created_at = sqlite3_column_int64(st, 4);
	out->last_seen = sqlite3_column_int64(st, 5);
	out->idle_expires = sqlite3_column_int64(st, 6);
	out->absolute_expires = sqlite3_column_int64(st, 7);
	user_from_row(st, 8, &out->user);
	sqlite3_reset(st);
	return 1;
}

int store_session_add(struct store *s, const struct store_session *ss, const char *sid_hash,
		      int64_t *id, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO sessions(user_id, sid_hash, csrf, created_at, last_seen, "
		"idle_expires, "
		"absolute_expires, client) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, ss->user_id);
	sq_bind_text(st, 2, sid_hash);
	sq_bind_text(st, 3, ss->csrf);
	sqlite3_bind_int64(st, 4, ss->created_at);
	sqlite3_bind_int64(st, 5, ss->last_seen);
	sqlite3_bind_int64(st, 6, ss->idle_expires);
	sqlite3_bind_int64(st, 7, ss->absolute_expires);
	sq_bind_opt(st, 8, ss->client);
	if (sq_exec_side(s, st, err, "cannot store session"))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_session_get(struct store *s, const char *sid_hash, struct store_session *out,
		      struct strbuf *err)
{
	static const char sql[] = "SELECT " SESSION_COLS SESSION_FROM "WHERE se.sid_hash = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sq_bind_text(st, 1, sid_hash);
	return session_get(s, st, out, err);
}

int store_session_get_id(struct store *s, int64_t id, struct store_session *out, struct strbuf *err)
{
	static const char sql[] = "SELECT " SESSION_COLS SESSION_FROM "WHERE se.id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return session_get(s, st, out, err);
}

int store_session_touch(struct store *s, int64_t id, int64_t last_seen, int64_t idle_expires,
			struct strbuf *err)
{
	static const char sql[] =
		"UPDATE sessions SET last_seen = ?2, idle_expires = ?3 WHERE id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, last_seen);
	sqlite3_bind_int64(st, 3, idle_expires);
	return sq_exec_side(s, st, err, "cannot refresh session");
}

int store_session_delete(struct store *s, int64_t id, struct strbuf *err)
{
	static const char sql[] = "DELETE FROM sessions WHERE id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return sq_exec_side(s, st, err, "cannot delete session");
}

int store_session_delete_user(struct store *s, int64_t user_id, struct strbuf *err)
{
	static const char sql[] = "DELETE FROM sessions WHERE user_id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	return sq_exec_side(s, st, err, "cannot delete sessions");
}

int store_session_purge(struct store *s, int64_t now, struct strbuf *err)
{
	static const char sql[] =
		"DELETE FROM sessions WHERE absolute_expires <= ?1 OR idle_expires <= ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	return sq_exec_side(s, st, err, "cannot purge sessions");
}

void store_session_release(struct store_session *ss)
{
	free(ss->csrf);
	free(ss->client);
	store_user_release(&ss->user);
	memset(ss, 0, sizeof(*ss));
}

/* ---- API tokens ---- */

#define TOKEN_COLS                                                                                 \
	"t.id, t.user_id, t.name, t.write, t.created_at, t.last_used_at, t.revoked_at, " USER_COLS
#define TOKEN_FROM                                                                                 \
	" FROM api_tokens t JOIN users u ON u.id = t.user_id "                                     \
	"LEFT JOIN partners p ON p.id = u.partner_id "

static void token_from_row(sqlite3_stmt *st, struct store_token *t)
{
	t->id = sqlite3_column_int64(st, 0);
	t->user_id = sqlite3_column_int64(st, 1);
	t->name = sq_col_dup(st, 2);
	t->write = sqlite3_column_int(st, 3) != 0;
	t->created_at = sq_col_dup(st, 4);
	t->last_used_at = sq_col_dup(st, 5);
	t->revoked_at = sq_col_dup(st, 6);
	user_from_row(st, 7, &t->user);
}

int store_token_add(struct store *s, int64_t user_id, const char *name, const char *token_hash,
		    bool write, const char *created_at, int64_t *id, struct strbuf *err)
{
	static const char sql[] = "INSERT INTO api_tokens(user_id, name, token_hash, write, "
				  "created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	sq_bind_text(st, 2, name);
	sq_bind_text(st, 3, token_hash);
	sqlite3_bind_int(st, 4, write);
	sq_bind_text(st, 5, created_at);
	if (sq_exec_side(s, st, err, "cannot store token"))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int token_get(struct store *s, sqlite3_stmt *st, struct store_token *out, struct strbuf *err)
{
	int rc = step_one(s, st, err, "cannot read token");

	if (rc == 1) {
		token_from_row(st, out);
		sqlite3_reset(st);
	}
	return rc;
}

int store_token_get(struct store *s, const char *token_hash, struct store_token *out,
		    struct strbuf *err)
{
	static const char sql[] = "SELECT " TOKEN_COLS TOKEN_FROM "WHERE t.token_hash = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sq_bind_text(st, 1, token_hash);
	return token_get(s, st, out, err);
}

int store_token_get_id(struct store *s, int64_t id, struct store_token *out, struct strbuf *err)
{
	static const char sql[] = "SELECT " TOKEN_COLS TOKEN_FROM "WHERE t.id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return token_get(s, st, out, err);
}

static void fill_token(sqlite3_stmt *st, void *elem)
{
	token_from_row(st, elem);
}

static void free_tokens(void *list, size_t n)
{
	store_token_list_free(list, n);
}

int store_token_list(struct store *s, int64_t user_id, struct store_token **out, size_t *n,
		     struct strbuf *err)
{
	static const char sql[] =
		"SELECT " TOKEN_COLS TOKEN_FROM "WHERE ?1 = 0 OR t.user_id = ?1 ORDER BY t.id";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	*out = sq_collect(s, st, sizeof(**out), fill_token, free_tokens, n, &rc, err,
			  "cannot list tokens");
	return rc;
}

int store_token_used(struct store *s, int64_t id, const char *at, struct strbuf *err)
{
	static const char sql[] = "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, at);
	return sq_exec_side(s, st, err, "cannot record token use");
}

int store_token_revoke(struct store *s, int64_t id, const char *at, struct strbuf *err)
{
	static const char sql[] =
		"UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, at);
	if (sq_exec_side(s, st, err, "cannot revoke token"))
		return -1;
	return sqlite3_changes(s->db) == 1;
}

void store_token_release(struct store_token *t)
{
	free(t->name);
	free(t->created_at);
	free(t->last_used_at);
	free(t->revoked_at);
	store_user_release(&t->user);
	memset(t, 0, sizeof(*t));
}

void store_token_list_free(struct store_token *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_token_release(&list[i]);
	free(list);
}

/* ---- invitations ---- */

#define INVITATION_COLS                                                                            \
	"i.id, COALESCE(i.partner_id, 0), p.key, i.email, i.role, i.invited_by, u.email, "         \
	"i.created_at, i.expires_at, i.accepted_at, COALESCE(i.user_id, 0), i.revoked_at"
#define INVITATION_FROM                                                                            \
	" FROM invitations i LEFT JOIN partners p ON p.id = i.partner_id "                         \
	"LEFT JOIN users u ON u.id = i.invited_by "

static void invitation_from_row(sqlite3_stmt *st, struct store_invitation *inv)
{
	inv->id = sqlite3_column_int64(st, 0);
	inv->partner_id = sqlite3_column_int64(st, 1);
	inv->partner_key = sq_col_dup(st, 2);
	inv->email = sq_col_dup(st, 3);
	inv->role = sq_col_dup(st, 4);
	inv->invited_by = sqlite3_column_int64(st, 5);
	inv->invited_by_email = sq_col_dup(st, 6);
	inv->created_at = sq_col_dup(st, 7);
	inv->expires_at = sq_col_dup(st, 8);
	inv->accepted_at = sq_col_dup(st, 9);
	inv->user_id = sqlite3_column_int64(st, 10);
	inv->revoked_at = sq_col_dup(st, 11);
}

int store_invitation_add(struct store *s, const struct store_invitation *inv, const char *code_hash,
			 int64_t *id, struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO invitations(partner_id, email, role, code_hash, invited_by, "
		"created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	bind_id_opt(st, 1, inv->partner_id);
	sq_bind_text(st, 2, inv->email);
	sq_bind_text(st, 3, inv->role);
	sq_bind_text(st, 4, code_hash);
	sqlite3_bind_int64(st, 5, inv->invited_by);
	sq_bind_text(st, 6, inv->created_at);
	sq_bind_text(st, 7, inv->expires_at);
	if (sq_exec_stmt(s, st, err, "cannot store invitation"))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* Steps a bound invitation lookup: 1 found (out filled), 0 none, -1 error. */
static int invitation_get(struct store *s, sqlite3_stmt *st, struct store_invitation *out,
			  struct strbuf *err)
{
	int rc = step_one(s, st, err, "cannot read invitation");

	if (rc == 1) {
		invitation_from_row(st, out);
		sqlite3_reset(st);
	}
	return rc;
}

int store_invitation_get(struct store *s, const char *code_hash, struct store_invitation *out,
			 struct strbuf *err)
{
	static const char sql[] =
		"SELECT " INVITATION_COLS INVITATION_FROM "WHERE i.code_hash = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sq_bind_text(st, 1, code_hash);
	return invitation_get(s, st, out, err);
}

int store_invitation_get_id(struct store *s, int64_t id, struct store_invitation *out,
			    struct strbuf *err)
{
	static const char sql[] = "SELECT " INVITATION_COLS INVITATION_FROM "WHERE i.id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return invitation_get(s, st, out, err);
}

static void fill_invitation(sqlite3_stmt *st, void *elem)
{
	invitation_from_row(st, elem);
}

static void free_invitations(void *list, size_t n)
{
	store_invitation_list_free(list, n);
}

int store_invitation_list(struct store *s, int64_t partner_id, const char *pending_at,
			  struct store_invitation **out, size_t *n, struct strbuf *err)
{
	static const char sql[] =
		"SELECT " INVITATION_COLS INVITATION_FROM
		"WHERE (?1 = 0 OR i.partner_id = ?1) AND (?2 IS NULL OR (i.accepted_at IS NULL "
		"AND i.revoked_at IS NULL AND i.expires_at > ?2)) ORDER BY i.id";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	if (pending_at)
		sq_bind_text(st, 2, pending_at);
	else
		sqlite3_bind_null(st, 2);
	*out = sq_collect(s, st, sizeof(**out), fill_invitation, free_invitations, n, &rc, err,
			  "cannot list invitations");
	return rc;
}

int store_invitation_accept(struct store *s, int64_t id, int64_t user_id, const char *at,
			    struct strbuf *err)
{
	static const char sql[] = "UPDATE invitations SET accepted_at = ?3, user_id = ?2 "
				  "WHERE id = ?1 AND accepted_at IS NULL AND revoked_at IS NULL";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	sq_bind_text(st, 3, at);
	if (sq_exec_stmt(s, st, err, "cannot accept invitation"))
		return -1;
	return sqlite3_changes(s->db) == 1;
}

int store_invitation_revoke(struct store *s, int64_t id, const char *at, struct strbuf *err)
{
	static const char sql[] = "UPDATE invitations SET revoked_at = ?2 "
				  "WHERE id = ?1 AND accepted_at IS NULL AND revoked_at IS NULL";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, at);
	if (sq_exec_stmt(s, st, err, "cannot revoke invitation"))
		return -1;
	return sqlite3_changes(s->db) == 1;
}

void store_invitation_release(struct store_invitation *inv)
{
	free(inv->partner_key);
	free(inv->email);
	free(inv->role);
	free(inv->invited_by_email);
	free(inv->created_at);
	free(inv->expires_at);
	free(inv->accepted_at);
	free(inv->revoked_at);
	memset(inv, 0, sizeof(*inv));
}

void store_invitation_list_free(struct store_invitation *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_invitation_release(&list[i]);
	free(list);
}

/* ---- login throttle ---- */

int store_login_failure_add(struct store *s, const char *key, int64_t at, struct strbuf *err)
{
	static const char sql[] = "INSERT INTO login_failures(key, at) VALUES (?1, ?2)";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sq_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, at);
	return sq_exec_side(s, st, err, "cannot record failed sign-in");
}

int store_login_failures(struct store *s, const char *key, int64_t since, int64_t *count,
			 int64_t *last, struct strbuf *err)
{
	static const char sql[] = "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM login_failures "
				  "WHERE key = ?1 AND at > ?2";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*count = 0;
	*last = 0;
	if (!st)
		return -1;
	sq_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, since);
	rc = step_one(s, st, err, "cannot read failed sign-ins");
	if (rc == 1) {
		*count = sqlite3_column_int64(st, 0);
		*last = sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

int store_login_failures_clear(struct store *s, const char *key, struct strbuf *err)
{
	static const char sql[] = "DELETE FROM login_failures WHERE key = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sq_bind_text(st, 1, key);
	return sq_exec_side(s, st, err, "cannot clear failed sign-ins");
}

int store_login_failures_purge(struct store *s, int64_t before, struct strbuf *err)
{
	static const char sql[] = "DELETE FROM login_failures WHERE at <= ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, before);
	return sq_exec_side(s, st, err, "cannot purge failed sign-ins");
}

/* ---- audit log ---- */

int store_audit_add(struct store *s, const struct store_audit *a, struct strbuf *err)
{
	static const char sql[] = "INSERT INTO audit_log(at, actor, action, entity, key, before, "
				  "after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sq_bind_text(st, 1, a->at);
	sq_bind_text(st, 2, a->actor);
	sq_bind_text(st, 3, a->action);
	sq_bind_text(st, 4, a->entity);
	sq_bind_text(st, 5, a->key);
	sq_bind_opt(st, 6, a->before);
	sq_bind_opt(st, 7, a->after);
	return sq_exec_side(s, st, err, "cannot record audit entry");
}

static void fill_audit(sqlite3_stmt *st, void *elem)
{
	struct store_audit *a = elem;

	a->id = sqlite3_column_int64(st, 0);
	a->at = sq_col_dup(st, 1);
	a->actor = sq_col_dup(st, 2);
	a->action = sq_col_dup(st, 3);
	a->entity = sq_col_dup(st, 4);
	a->key = sq_col_dup(st, 5);
	a->before = sq_col_dup(st, 6);
	a->after = sq_col_dup(st, 7);
}

static void free_audit(void *list, size_t n)
{
	store_audit_list_free(list, n);
}

int store_audit_list(struct store *s, int64_t after, int limit, const char *entity, bool newest,
		     struct store_audit **out, size_t *n, struct strbuf *err)
{
	static const char oldest_first[] =
		"SELECT id, at, actor, action, entity, key, before, after "
		"FROM audit_log WHERE id > ?1 AND (?3 IS NULL OR entity = ?3) "
		"ORDER BY id LIMIT ?2";
	/* Newest first: the cursor is the last id seen, 0 for the newest entries. */
	static const char newest_first[] =
		"SELECT id, at, actor, action, entity, key, before, after "
		"FROM audit_log WHERE (?1 = 0 OR id < ?1) AND (?3 IS NULL OR entity = ?3) "
		"ORDER BY id DESC LIMIT ?2";
	sqlite3_stmt *st = sq_stmt(s, newest ? newest_first : oldest_first, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, limit);
	sq_bind_opt(st, 3, entity);
	*out = sq_collect(s, st, sizeof(**out), fill_audit, free_audit, n, &rc, err,
			  "cannot list audit log");
	return rc;
}

void store_audit_list_free(struct store_audit *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct store_audit *a = &list[i];
		free(a->at);
		free(a->actor);
		free(a->action);
		free(a->entity);
		free(a->key);
		free(a->before);
		free(a->after);
	}
	free(list);
}

/* ---- agreement acceptances ---- */

int store_acceptance_add(struct store *s, const struct store_acceptance *a, int64_t *id,
			 struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO agreement_acceptances(partner_id, agreement, document_version, "
		"accepted_by, accepted_at, client) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, a->partner_id);
	sq_bind_text(st, 2, a->agreement);
	sq_bind_text(st, 3, a->document_version);
	sq_bind_text(st, 4, a->accepted_by);
	sq_bind_text(st, 5, a->accepted_at);
	sq_bind_opt(st, 6, a->client);
	if (sq_exec_partner(s, st, a->partner_id, err, "cannot record acceptance"))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static void fill_acceptance(sqlite3_stmt *st, void *elem)
{
	struct store_acceptance *a = elem;

	a->id = sqlite3_column_int64(st, 0);
	a->partner_id = sqlite3_column_int64(st, 1);
	a->partner_key = sq_col_dup(st, 2);
	a->agreement = sq_col_dup(st, 3);
	a->document_version = sq_col_dup(st, 4);
	a->accepted_by = sq_col_dup(st, 5);
	a->accepted_at = sq_col_dup(st, 6);
	a->client = sq_col_dup(st, 7);
}

static void free_acceptances(void *list, size_t n)
{
	store_acceptance_list_free(list, n);
}

int store_acceptance_list(struct store *s, int64_t partner_id, struct store_acceptance **out,
			  size_t *n, struct strbuf *err)
{
	static const char sql[] =
		"SELECT a.id, a.partner_id, p.key, a.agreement, a.document_version, "
		"a.accepted_by, a.accepted_at, a.client FROM agreement_acceptances a "
		"JOIN partners p ON p.id = a.partner_id WHERE ?1 = 0 OR a.partner_id = ?1 "
		"ORDER BY a.id";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	*out = sq_collect(s, st, sizeof(**out), fill_acceptance, free_acceptances, n, &rc, err,
			  "cannot list acceptances");
	return rc;
}

void store_acceptance_list_free(struct store_acceptance *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct store_acceptance *a = &list[i];
		free(a->partner_key);
		free(a->agreement);
		free(a->document_version);
		free(a->accepted_by);
		free(a->accepted_at);
		free(a->client);
	}
	free(list);
}
