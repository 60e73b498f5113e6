/*
 * SQLite backend: the program reports' aggregates (store_reports.h). Each is
 * one statement grouped in SQL, not a query per partner.
 */
#include "util/common.h"

#include "store/sqlite_int.h"
#include "store/store_reports.h"
#include "util/strbuf.h"

/* A malloc'd copy of a text column, NULL for NULL. */
static char *col_opt_dup(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NULL : sq_col_dup(st, col);
}

static void fill_totals(sqlite3_stmt *st, void *elem)
{
	struct store_tier_totals *t = elem;

	t->tier = col_opt_dup(st, 0);
	t->partners = sqlite3_column_int64(st, 1);
	t->influenced_cents = sqlite3_column_int64(st, 2);
	t->direct_cents = sqlite3_column_int64(st, 3);
}

static void free_totals(void *list, size_t n)
{
	store_tier_totals_free(list, n);
}

int store_report_tiers(struct store *s, int64_t program_id, const char *products, const char *from,
		       const char *to, struct store_tier_totals **out, size_t *n,
		       struct strbuf *err)
{
	/*
	 * ?1 program, ?2 its products (';'-list), ?3..?4 the window. Deals and spend are
	 * first summed per partner (the deals from a range of the covering partial index
	 * deals_won, ordered by closed_on), then each partner's sums joined to its
	 * enrollment: a million deals in a window cost one index range and a sort, not a
	 * million enrollment lookups. A spend month counts when its last day is in the
	 * window.
	 */
	static const char sql[] =
		"SELECT tier, SUM(n), SUM(influenced), SUM(direct) FROM ("
		" SELECT e.tier AS tier, 1 AS n, 0 AS influenced, 0 AS direct FROM enrollments e"
		"  JOIN partners p ON p.id = e.partner_id WHERE e.program_id = ?1 AND p.active = 1"
		" UNION ALL"
		" SELECT e.tier, 0, x.cents, 0 FROM ("
		"  SELECT partner_id, SUM(arr_cents) AS cents FROM deals"
		"  WHERE stage = 'closed_won' AND closed_on BETWEEN ?3 AND ?4"
		"  AND type <> 'professional_services'"
		"  AND instr(';' || ?2 || ';', ';' || product || ';') > 0 GROUP BY partner_id) x"
		"  JOIN enrollments e ON e.partner_id = x.partner_id AND e.program_id = ?1"
		"  JOIN partners p ON p.id = x.partner_id WHERE p.active = 1"
		" UNION ALL"
		" SELECT e.tier, 0, 0, x.cents FROM ("
		"  SELECT partner_id, SUM(amount_cents) AS cents FROM spend"
		"  WHERE month BETWEEN substr(?3, 1, 7) AND substr(?4, 1, 7)"
		"  AND date(month || '-01', '+1 month', '-1 day') BETWEEN ?3 AND ?4"
		"  GROUP BY partner_id) x"
		"  JOIN enrollments e ON e.partner_id = x.partner_id AND e.program_id = ?1"
		"  JOIN partners p ON p.id = x.partner_id WHERE p.active = 1"
		") GROUP BY tier";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, program_id);
	sq_bind_text(st, 2, products);
	sq_bind_text(st, 3, from);
	sq_bind_text(st, 4, to);
	*out = sq_collect(s, st, sizeof(**out), fill_totals, free_totals, n, &rc, err,
			  "cannot total the program's tiers");
	return rc;
}

void store_tier_totals_free(struct store_tier_totals *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i].tier);
	free(list);
}

static void fill_run_proposal(sqlite3_stmt *st, void *elem)
{
	struct store_run_proposal *p = elem;

	p->id = sqlite3_column_int64(st, 0);
	p->run_id = sqlite3_column_int64(st, 1);
	p->partner_key = sq_col_dup(st, 2);
	p->partner_name = sq_col_dup(st, 3);
	p->from_tier = col_opt_dup(st, 4);
	p->to_tier = col_opt_dup(st, 5);
	p->status = sq_col_dup(st, 6);
	p->mode = sq_col_dup(st, 7);
	p->as_of = sq_col_dup(st, 8);
	p->created_at = sq_col_dup(st, 9);
}

static void free_run_proposals(void *list, size_t n)
{
	store_run_proposals_free(list, n);
}

int store_report_last_run(struct store *s, int64_t program_id, struct store_run_proposal **out,
			  size_t *n, struct strbuf *err)
{
	static const char sql[] =
		"SELECT t.id, t.run_id, p.key, p.name, t.from_tier, t.to_tier, t.status, t.mode, "
		"t.as_of, t.created_at FROM tier_proposals t JOIN partners p ON p.id = "
		"t.partner_id "
		"WHERE t.program_id = ?1 AND t.run_id = (SELECT MAX(run_id) FROM tier_proposals "
		"WHERE program_id = ?1) ORDER BY t.id";
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, program_id);
	*out = sq_collect(s, st, sizeof(**out), fill_run_proposal, free_run_proposals, n, &rc, err,
			  "cannot read the last evaluation run");
	return rc;
}

void store_run_proposals_free(struct store_run_proposal *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].partner_key);
		free(list[i].partner_name);
		free(list[i].from_tier);
		free(list[i].to_tier);
		free(list[i].status);
		free(list[i].mode);
		free(list[i].as_of);
		free(list[i].created_at);
	}
	free(list);
}
