/*
 * Unit tests for the generations (store_generation()): a committed change to
 * data counts the data generation up, once per transaction, or only the
 * partner's when the transaction changed nothing but that partner's own
 * records; side writes (sessions, tokens, sign-in failures, the audit log)
 * and rolled-back or empty transactions count nothing; a write outside a
 * transaction that is not a side write is refused and leaves the data as it
 * was. The server's scorecard cache is only as right as these rules.
 */
#include "util/common.h"

#include "store/store.h"
#include "store/store_accounts.h"
#include "store/store_records.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>

struct fixture {
	struct store *s;
	struct strbuf err;
	int64_t user;
};

/* One fixture at a time: cmocka runs the tests one after another. */
static struct fixture fixture;

static int setup(void **state)
{
	struct fixture *f = &fixture;
	struct store_user u = {.email = "a@example.com", .password_hash = "", .role = "admin"};

	strbuf_init(&f->err, 0);
	if (store_open(&f->s, ":memory:", true, &f->err) || store_begin(f->s, &f->err) ||
	    store_user_add(f->s, &u, &f->user, &f->err) || store_commit(f->s, &f->err)) {
		fprintf(stderr, "setup: %s\n", f->err.buf);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(fixture.s);
	strbuf_release(&fixture.err);
	memset(&fixture, 0, sizeof(fixture));
	return 0;
}

/* The data generation; partner_gen(): a partner's own. */
static int64_t generation(struct fixture *f)
{
	struct store_generation g;

	assert_int_equal(store_generation(f->s, NULL, &g, &f->err), 0);
	assert_int_equal(g.partner, 0);
	return g.data;
}

static int64_t partner_gen(struct fixture *f, const char *key)
{
	struct store_generation g;

	assert_int_equal(store_generation(f->s, key, &g, &f->err), 0);
	return g.partner;
}

static int put_partner(struct fixture *f, const char *key, const char *name)
{
	struct store_partner p = {.key = (char *)key,
				  .name = (char *)name,
				  .motions = "integrate",
				  .products = "segment"};

	return store_partner_put(f->s, &p, &f->err);
}

static int partner_name(struct fixture *f, const char *key, char *out, size_t size)
{
	struct store_partner p;
	int rc = store_partner_get(f->s, key, &p, &f->err);

	if (rc == 1) {
		snprintf(out, size, "%s", p.name);
		store_partner_release(&p);
	}
	return rc;
}

static void test_data_changes_count(void **state)
{
	struct fixture *f = *state;
	int64_t g = generation(f);

	/* One transaction, several rows: one step. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_partner(f, "acme", "Acme"), 0);
	assert_int_equal(put_partner(f, "beta", "Beta"), 0);
	/* Inside the transaction the reader does not see its own step until the commit. */
	assert_int_equal(generation(f), g);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g + 1);

	/* An update of the same row is a change too. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_partner(f, "acme", "Acme Corp"), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g + 2);
}

static void test_no_change_no_count(void **state)
{
	struct fixture *f = *state;
	int64_t g = generation(f);

	/* An empty transaction. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g);

	/* A rolled-back one. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_partner(f, "gone", "Gone"), 0);
	store_rollback(f->s);
	assert_int_equal(generation(f), g);
}

static void test_side_writes(void **state)
{
	struct fixture *f = *state;
	struct store_session ss = {.user_id = f->user,
				   .csrf = "c",
				   .client = "127.0.0.1",
				   .created_at = 1,
				   .last_seen = 1,
				   .idle_expires = 100,
				   .absolute_expires = 1000};
	struct store_audit a = {.actor = "a@example.com",
				.action = "session.login",
				.entity = "session",
				.key = "a@example.com"};
	int64_t g = generation(f), sid, tid;

	/* Outside a transaction: each statement commits alone, and is allowed. */
	assert_int_equal(store_token_add(f->s, f->user, "ci", "hash", false, "2025-01-01T00:00:00Z",
					 &tid, &f->err),
			 0);
	assert_int_equal(store_token_used(f->s, tid, "2025-01-02T00:00:00Z", &f->err), 0);
	assert_int_equal(store_login_failure_add(f->s, "a@example.com", 5, &f->err), 0);
	assert_int_equal(generation(f), g);

	/* A transaction of side writes only (signing in: a session and its audit entry). */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(store_session_add(f->s, &ss, "sid", &sid, &f->err), 0);
	assert_int_equal(store_audit_add(f->s, &a, &f->err), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g);
	assert_int_equal(store_session_touch(f->s, sid, 2, 200, &f->err), 0);
	assert_int_equal(generation(f), g);

	/* Side writes with a change to data: the change counts. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(store_audit_add(f->s, &a, &f->err), 0);
	assert_int_equal(put_partner(f, "acme", "Acme"), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g + 1);
}

static int64_t partner_id(struct fixture *f, const char *key)
{
	struct store_partner p;
	int64_t id;

	assert_int_equal(store_partner_get(f->s, key, &p, &f->err), 1);
	id = p.id;
	store_partner_release(&p);
	return id;
}

static int put_solution(struct fixture *f, int64_t partner, const char *key)
{
	struct store_solution sol = {.partner_id = partner,
				     .key = key,
				     .name = "Sync",
				     .product = "segment",
				     .launched_on = "2025-01-01"};

	return store_put_solution(f->s, &sol, &f->err);
}

/*
 * A change to one partner's own records counts that partner's generation up,
 * not everyone's; two partners', a deal or anything else counts everyone's.
 */
static void test_partner_changes(void **state)
{
	struct fixture *f = *state;
	struct store_deal deal = {.key = "d1",
				  .account = "A",
				  .product = "segment",
				  .type = "new",
				  .stage = "closed_won",
				  .closed_on = "2025-01-01",
				  .arr_cents = 100};
	struct store_audit a = {.actor = "a@example.com", .action = "x", .entity = "y", .key = "z"};
	int64_t acme, beta, g;

	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_partner(f, "acme", "Acme"), 0);
	assert_int_equal(put_partner(f, "beta", "Beta"), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	acme = partner_id(f, "acme");
	beta = partner_id(f, "beta");
	g = generation(f);
	assert_int_equal(partner_gen(f, "acme"), 0);
	assert_int_equal(partner_gen(f, "nobody"), 0);

	/* One partner's record, with an audit entry: that partner's generation. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_solution(f, acme, "s1"), 0);
	assert_int_equal(store_audit_add(f->s, &a, &f->err), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g);
	assert_int_equal(partner_gen(f, "acme"), 1);
	assert_int_equal(partner_gen(f, "beta"), 0);
	/* Deleting one of its records, too; deleting nothing, nothing. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(store_record_delete(f->s, "solutions", acme, "s1", NULL, &f->err), 1);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(partner_gen(f, "acme"), 2);
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(store_record_delete(f->s, "solutions", acme, "s1", NULL, &f->err), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(partner_gen(f, "acme"), 2);
	assert_int_equal(generation(f), g);

	/* Two partners' records in one transaction: everyone's. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_solution(f, acme, "s2"), 0);
	assert_int_equal(put_solution(f, beta, "s2"), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g + 1);
	assert_int_equal(partner_gen(f, "acme"), 2);
	assert_int_equal(partner_gen(f, "beta"), 0);

	/* A deal (its key is unique across partners: an upsert may move it): everyone's. */
	deal.partner_id = acme;
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(store_put_deal(f->s, &deal, &f->err), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g + 2);

	/* A partner's record and another change (here, the partner row itself): everyone's. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_solution(f, beta, "s3"), 0);
	assert_int_equal(put_partner(f, "beta", "Beta Two"), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g + 3);
	assert_int_equal(partner_gen(f, "beta"), 0);

	/* Rolled back: nothing. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_solution(f, beta, "s4"), 0);
	store_rollback(f->s);
	assert_int_equal(partner_gen(f, "beta"), 0);
	assert_int_equal(generation(f), g + 3);
}

static void test_write_outside_transaction_refused(void **state)
{
	struct fixture *f = *state;
	char name[32];
	int64_t g;

	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_partner(f, "acme", "Acme"), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	g = generation(f);

	/* A data write in autocommit would change data without counting: refused, undone. */
	assert_int_equal(put_partner(f, "acme", "Renamed"), -1);
	assert_non_null(strstr(f->err.buf, "cannot store partner"));
	assert_int_equal(put_partner(f, "newco", "New"), -1);
	assert_int_equal(partner_name(f, "acme", name, sizeof(name)), 1);
	assert_string_equal(name, "Acme");
	assert_int_equal(partner_name(f, "newco", name, sizeof(name)), 0);
	assert_int_equal(generation(f), g);

	/* The connection works on afterwards. */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(put_partner(f, "newco", "New"), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(generation(f), g + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_data_changes_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_change_no_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_side_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partner_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_outside_transaction_refused, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
