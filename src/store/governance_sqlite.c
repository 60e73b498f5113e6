/*
 * SQLite backend: enrollments, tier proposals, tier history and the
 * inactivity review.
 */
#include "util/common.h"

#include "store/sqlite_int.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static void enrollment_from_row(sqlite3_stmt *st, struct store_enrollment_row *r)
{
	r->partner_id = sqlite3_column_int64(st, 0);
	r->program_id = sqlite3_column_int64(st, 1);
	r->partner_key = sq_col_dup(st, 2);
	r->partner_name = sq_col_dup(st, 3);
	r->tier = sq_col_dup(st, 4);
	r->since = sq_col_dup(st, 5);
	r->invited = sq_col_dup(st, 6);
	r->active = sqlite3_column_int(st, 7) != 0;
}

/* Steps st to the end, collecting enrollment rows. */
static void fill_enrollment(sqlite3_stmt *st, void *elem)
{
	enrollment_from_row(st, elem);
}

static void free_enrollments(void *list, size_t n)
{
	store_enrollment_rows_free(list, n);
}

static int collect_enrollments(struct store *s, sqlite3_stmt *st, struct store_enrollment_row **out,
			       size_t *n, struct strbuf *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	*out = sq_collect(s, st, sizeof(**out), fill_enrollment, free_enrollments, n, &rc, err,
			  "cannot list enrollments");
	return rc;
}

#define ENROLLMENT_COLS                                                                            \
	"e.partner_id, e.program_id, p.key, p.name, e.tier, e.since, e.invited, p.active"

int store_enrollments(struct store *s, int64_t program_id, int64_t partner_id,
		      struct store_enrollment_row **out, size_t *n, struct strbuf *err)
{
	/*
	 * Two texts, not one with "?2 = 0 OR e.partner_id = ?2": that form cannot
	 * use the primary key, and one partner's enrollments would scan them all.
	 */
	static const char one_partner[] =
		"SELECT " ENROLLMENT_COLS
		" FROM enrollments e JOIN partners p ON p.id = e.partner_id "
		"WHERE e.partner_id = ?2 AND (?1 = 0 OR e.program_id = ?1) ORDER BY e.program_id";
	static const char every_partner[] =
		"SELECT " ENROLLMENT_COLS
		" FROM enrollments e JOIN partners p ON p.id = e.partner_id "
		"WHERE (?1 = 0 OR e.program_id = ?1) ORDER BY p.key, e.program_id";
	sqlite3_stmt *st = sq_stmt(s, partner_id ? one_partner : every_partner, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, program_id);
	if (partner_id)
		sqlite3_bind_int64(st, 2, partner_id);
	return collect_enrollments(s, st, out, n, err);
}

void store_enrollment_rows_free(struct store_enrollment_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].partner_key);
		free(rows[i].partner_name);
		free(rows[i].tier);
		free(rows[i].since);
		free(rows[i].invited);
	}
	free(rows);
}

int store_set_tier(struct store *s, int64_t partner_id, int64_t program_id, const char *tier,
		   const char *since, struct strbuf *err)
{
	static const char sql[] = "UPDATE enrollments SET tier = ?3, since = ?4 "
				  "WHERE partner_id = ?1 AND program_id = ?2";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_int64(st, 2, program_id);
	sq_bind_opt(st, 3, tier); /* NULL (or "") = not in good standing */
	sq_bind_text(st, 4, since);
	if (sq_exec_partner(s, st, partner_id, err, "cannot set tier"))
		return -1;
	if (sqlite3_changes(s->db) != 1) {
		strbuf_addf(err, "partner is not enrolled in this program");
		return -1;
	}
	return 0;
}

/* ---- proposals ---- */

int store_proposal_add(struct store *s, const struct store_proposal *p, int64_t *id,
		       struct strbuf *err)
{
	static const char sql[] =
		"INSERT INTO tier_proposals(partner_id, program_id, from_tier, to_tier, mode, "
		"window_from, window_to, as_of, explanation, status, created_at, run_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending', " NOW_SQL ", ?10)";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, p->partner_id);
	sqlite3_bind_int64(st, 2, p->program_id);
	sq_bind_opt(st, 3, p->from_tier);
	sq_bind_opt(st, 4, p->to_tier);
	sq_bind_text(st, 5, p->mode);
	sq_bind_text(st, 6, p->window_from);
	sq_bind_text(st, 7, p->window_to);
	sq_bind_text(st, 8, p->as_of);
	sq_bind_text(st, 9, p->explanation);
	sqlite3_bind_int64(st, 10, p->run_id);
	if (sq_exec_stmt(s, st, err, "cannot record proposal"))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_proposal_next_run(struct store *s, int64_t *run_id, struct strbuf *err)
{
	return sq_int64(s, "SELECT COALESCE(MAX(run_id), 0) + 1 FROM tier_proposals", run_id, err,
			"cannot number the evaluation run");
}

int store_proposal_supersede(struct store *s, int64_t partner_id, int64_t program_id,
			     struct strbuf *err)
{
	static const char sql[] =
		"UPDATE tier_proposals SET status = 'superseded', decided_at = " NOW_SQL
		" WHERE partner_id = ?1 AND program_id = ?2 AND status = 'pending'";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_int64(st, 2, program_id);
	return sq_exec_stmt(s, st, err, "cannot supersede proposals");
}

#define PROPOSAL_COLS                                                                              \
	"t.id, t.partner_id, t.program_id, p.key, g.key, t.from_tier, t.to_tier, t.mode, "         \
	"t.window_from, t.window_to, t.as_of, t.explanation, t.status, t.created_at, "             \
	"t.decided_at, t.decided_by"
#define PROPOSAL_FROM                                                                              \
	" FROM tier_proposals t JOIN partners p ON p.id = t.partner_id "                           \
	"JOIN programs g ON g.id = t.program_id "

static void proposal_from_row(sqlite3_stmt *st, struct store_proposal *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->partner_id = sqlite3_column_int64(st, 1);
	p->program_id = sqlite3_column_int64(st, 2);
	p->partner_key = sq_col_dup(st, 3);
	p->program_key = sq_col_dup(st, 4);
	p->from_tier = sq_col_dup(st, 5);
	p->to_tier = sq_col_dup(st, 6);
	p->mode = sq_col_dup(st, 7);
	p->window_from = sq_col_dup(st, 8);
	p->window_to = sq_col_dup(st, 9);
	p->as_of = sq_col_dup(st, 10);
	p->explanation = sq_col_dup(st, 11);
	p->status = sq_col_dup(st, 12);
	p->created_at = sq_col_dup(st, 13);
	p->decided_at = sq_col_dup(st, 14);
	p->decided_by = sq_col_dup(st, 15);
}

static void fill_proposal(sqlite3_stmt *st, void *elem)
{
	proposal_from_row(st, elem);
}

static void free_proposals(void *list, size_t n)
{
	store_proposal_list_free(list, n);
}

int store_proposal_list(struct store *s, const char *status, int64_t program_id,
			struct store_proposal **out, size_t *n, struct strbuf *err)
{
	static const char sql[] =
		"SELECT " PROPOSAL_COLS PROPOSAL_FROM
		"WHERE (?1 IS NULL OR t.status = ?1) AND (?2 = 0 OR t.program_id = "
		"?2) ORDER BY t.id";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sq_bind_opt(st, 1, status);
	sqlite3_bind_int64(st, 2, program_id);
	*out = sq_collect(s, st, sizeof(**out), fill_proposal, free_proposals, n, &rc, err,
			  "cannot list proposals");
	return rc;
}

int store_proposal_get(struct store *s, int64_t id, struct store_proposal *out, struct strbuf *err)
{
	static const char sql[] = "SELECT " PROPOSAL_COLS PROPOSAL_FROM "WHERE t.id = ?1";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		proposal_from_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : sq_fail(s, err, "cannot read proposal");
}

int store_proposal_decide(struct store *s, int64_t id, const char *status, const char *by,
			  struct strbuf *err)
{
	static const char sql[] = "UPDATE tier_proposals SET status = ?2, decided_at = " NOW_SQL
				  ", decided_by = ?3 WHERE id = ?1 AND status = 'pending'";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_text(st, 2, status);
	sq_bind_text(st, 3, by);
	if (sq_exec_stmt(s, st, err, "cannot decide proposal"))
		return -1;
	if (sqlite3_changes(s->db) != 1) {
		strbuf_addf(err, "proposal %" PRId64 " is not pending", id);
		return -1;
	}
	return 0;
}

void store_proposal_release(struct store_proposal *p)
{
	free(p->partner_key);
	free(p->program_key);
	free(p->from_tier);
	free(p->to_tier);
	free(p->mode);
	free(p->window_from);
	free(p->window_to);
	free(p->as_of);
	free(p->explanation);
	free(p->status);
	free(p->created_at);
	free(p->decided_at);
	free(p->decided_by);
	memset(p, 0, sizeof(*p));
}

void store_proposal_list_free(struct store_proposal *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_proposal_release(&list[i]);
	free(list);
}

/* ---- history ---- */

int store_history_add(struct store *s, const struct store_history *h, struct strbuf *err)
{
	static const char sql[] = "INSERT INTO tier_history(partner_id, program_id, from_tier, "
				  "to_tier, effective_on, "
				  "changed_by, reason, source, proposal_id, created_at) "
				  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " NOW_SQL ")";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, h->partner_id);
	sqlite3_bind_int64(st, 2, h->program_id);
	sq_bind_opt(st, 3, h->from_tier);
	sq_bind_opt(st, 4, h->to_tier);
	sq_bind_text(st, 5, h->effective_on);
	sq_bind_text(st, 6, h->changed_by);
	sq_bind_text(st, 7, h->reason);
	sq_bind_text(st, 8, h->source);
	if (h->proposal_id)
		sqlite3_bind_int64(st, 9, h->proposal_id);
	else
		sqlite3_bind_null(st, 9);
	return sq_exec_partner(s, st, h->partner_id, err, "cannot record tier history");
}

static void fill_history(sqlite3_stmt *st, void *elem)
{
	struct store_history *h = elem;

	h->id = sqlite3_column_int64(st, 0);
	h->partner_id = sqlite3_column_int64(st, 1);
	h->program_id = sqlite3_column_int64(st, 2);
	h->proposal_id = sqlite3_column_int64(st, 3);
	h->partner_key = sq_col_dup(st, 4);
	h->program_key = sq_col_dup(st, 5);
	h->from_tier = sq_col_dup(st, 6);
	h->to_tier = sq_col_dup(st, 7);
	h->effective_on = sq_col_dup(st, 8);
	h->changed_by = sq_col_dup(st, 9);
	h->reason = sq_col_dup(st, 10);
	h->source = sq_col_dup(st, 11);
	h->created_at = sq_col_dup(st, 12);
}

static void free_history(void *list, size_t n)
{
	store_history_list_free(list, n);
}

int store_history_list(struct store *s, int64_t partner_id, struct store_history **out, size_t *n,
		       struct strbuf *err)
{
	static const char sql[] =
		"SELECT h.id, h.partner_id, h.program_id, COALESCE(h.proposal_id, 0), p.key, "
		"g.key, "
		"h.from_tier, h.to_tier, h.effective_on, h.changed_by, h.reason, h.source, "
		"h.created_at FROM tier_history h JOIN partners p ON p.id = h.partner_id "
		"JOIN programs g ON g.id = h.program_id WHERE h.partner_id = ?1 ORDER BY h.id";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	*out = sq_collect(s, st, sizeof(**out), fill_history, free_history, n, &rc, err,
			  "cannot list tier history");
	return rc;
}

void store_history_list_free(struct store_history *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct store_history *h = &list[i];
		free(h->partner_key);
		free(h->program_key);
		free(h->from_tier);
		free(h->to_tier);
		free(h->effective_on);
		free(h->changed_by);
		free(h->reason);
		free(h->source);
		free(h->created_at);
	}
	free(list);
}

/* ---- inactivity ---- */

int store_inactive(struct store *s, int64_t program_id, const char *tier, const char *from,
		   const char *to, struct store_enrollment_row **out, size_t *n, struct strbuf *err)
{
	static const char sql[] =
		"SELECT " ENROLLMENT_COLS
		" FROM enrollments e JOIN partners p ON p.id = e.partner_id "
		"WHERE e.program_id = ?1 AND e.tier = ?2 AND p.active = 1 AND e.since <= ?4 "
		"AND NOT EXISTS ("
		"SELECT 1 FROM activity a WHERE a.partner_id = e.partner_id "
		"AND a.on_date BETWEEN ?3 AND ?4) ORDER BY p.key";
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, program_id);
	sq_bind_text(st, 2, tier);
	sq_bind_text(st, 3, from);
	sq_bind_text(st, 4, to);
	return collect_enrollments(s, st, out, n, err);
}

int store_last_activity(struct store *s, int64_t partner_id, const char *until, char out[11],
			struct strbuf *err)
{
	static const char sql[] =
		"SELECT MAX(on_date) FROM activity WHERE partner_id = ?1 AND on_date <= ?2";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	out[0] = '\0';
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, partner_id);
	sq_bind_text(st, 2, until);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, 11, "%s", sq_col(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : sq_fail(s, err, "cannot read activity");
}
