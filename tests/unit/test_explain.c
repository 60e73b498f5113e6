/*
 * Unit tests for core/explain: explain_write_json() must write, byte for
 * byte, what json_dumpf(explain_result(...), JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER) writes (the evaluate command prints the former; the
 * latter is the reference and what proposals store). A small database is
 * built in a temporary directory through the real import, with the bundled
 * programs and one program whose names need JSON escapes, and every partner
 * of several evaluations (annual, mid-year, one partner, with proposals) is
 * explained both ways and compared.
 */
#include "util/common.h"

#include <sqlite3.h>
#include <unistd.h>

#include "core/evaluate.h"
#include "core/explain.h"
#include "core/import.h"
#include "core/programs.h"
#include "store/store.h"
#include "util/date.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>

static char dir[] = "/tmp/consort-test-explain-XXXXXX";
static char db_path[64];

/* Names with quotes, backslashes, a slash, control characters and non-ASCII text. */
static const char escapes_program[] = "key: escapes\n"
				      "name: \"Esc \\\"quoted\\\" \\\\ back/slash\"\n"
				      "year: 2025\n"
				      "tiers:\n"
				      "  - {key: member, name: Member}\n"
				      "  - {key: elite, name: \"\\u00c9lite \\u65e5\\u672c\"}\n"
				      "products:\n"
				      "  - {key: segment, name: Twilio Segment}\n"
				      "motions:\n"
				      "  - {key: integrate, name: Integrate}\n"
				      "agreements:\n"
				      "  - {key: tos, name: \"Terms \\\"of\\\" Service\\t(tab)\"}\n"
				      "governance:\n"
				      "  program_year: calendar\n"
				      "  annual_window: previous_calendar_year\n"
				      "  midyear_window_days: 90\n"
				      "requirements:\n"
				      "  - key: agreements\n"
				      "    name: \"Terms \\\\ signed \\u00e9\"\n"
				      "    kind: agreements\n"
				      "    agreements: [tos]\n"
				      "    tiers: {member: true, elite: true}\n"
				      "  - key: stories\n"
				      "    name: \"Stories \\\"published\\\"\"\n"
				      "    kind: stories\n"
				      "    group: revenue\n"
				      "    tiers: {elite: 2}\n"
				      "  - key: influence_revenue\n"
				      "    name: \"Influence \\x01 revenue\"\n"
				      "    kind: influence_revenue\n"
				      "    group: revenue\n"
				      "    motions: [integrate]\n"
				      "    tiers: {elite: \"250000.50\"}\n"
				      "benefits:\n"
				      "  - key: portal\n"
				      "    name: Portal\n"
				      "    tiers: {member: included, elite: included}\n";

static const struct {
	const char *kind, *csv;
} data[] = {
	{"partners", "key,name,domain,motions,products,region\n"
		     "acme,\"Acme, Inc.\",acme.example.com,embed;integrate,cpaas;flex,na\n"
		     "beta,Beta,,connect,segment,\n"
		     "gamma,Gamma,,integrate,engage;segment,emea\n"
		     "delta,Delta,,embed,cpaas,\n"
		     "omega,Omega,,integrate,segment,\n"
		     "zeta,Zeta,,integrate,segment,\n"},
	{"enrollments", "partner,program,tier,since,invited\n"
			"acme,twilio-2023,silver,2023-01-01,gold\n"
			"beta,twilio-2023,registered,2023-01-01,\n"
			"gamma,twilio-2023,bronze,2024-01-01,silver;gold\n"
			"delta,twilio-2023,gold,2022-01-01,\n"
			"omega,twilio-2023,registered,2022-01-01,\n"
			"acme,segment-2025,bronze,2024-01-01,\n"
			"beta,segment-2025,gold,2024-01-01,\n"
			"acme,escapes,member,2024-01-01,\n"
			"beta,escapes,elite,2024-01-01,\n"
			"omega,escapes,member,2024-01-01,\n"
			"zeta,escapes,elite,2024-01-01,\n"},
	{"agreements", "partner,agreement,signed_on,expires_on\n"
		       "acme,tos,2022-01-01,\n"
		       "acme,partner_agreement,2022-02-01,2027-01-01\n"
		       "acme,support_addendum,2023-01-01,\n"
		       "beta,tos,2022-03-01,\n"
		       "gamma,tos,2022-01-01,\n"
		       "gamma,partner_agreement,2022-01-01,2024-12-31\n"
		       "delta,tos,2021-01-01,\n"
		       "delta,partner_agreement,2021-01-01,\n"
		       "delta,support_addendum,2021-06-01,2030-01-01\n"
		       "delta,referral_addendum,2021-06-01,\n"
		       "omega,tos,2024-01-01,\n"},
	{"solutions", "partner,key,name,product,launched_on,docs_on,collateral_on,reviewed_on\n"
		      "acme,sol-1,One,cpaas,2023-01-01,2023-01-02,2023-01-03,2023-02-01\n"
		      "acme,sol-2,Two,flex,2024-05-01,,,\n"
		      "gamma,sol-a,Gamma solution,engage,,,,\n"
		      "delta,d1,D one,cpaas,2022-01-01,2022-01-01,2022-01-01,\n"},
	{"stories", "partner,key,title,customer,published_on,url\n"
		    "acme,s1,First,Customer A,2023-05-01,https://example.com/s1\n"
		    "acme,s2,Draft,,,\n"
		    "acme,s3,Third,Customer C,2025-03-01,\n"
		    "beta,b1,Beta story,,2024-02-02,\n"
		    "beta,b2,Beta story 2,,2024-03-03,\n"
		    "delta,s1,Delta,,2022-12-12,\n"
		    "delta,s2,Delta 2,,2023-12-12,\n"
		    "delta,s3,Delta 3,,2024-12-12,\n"},
	{"deals", "key,partner,account,product,type,stage,arr_usd,closed_on\n"
		  "D-1,acme,a1,cpaas,new,closed_won,0.01,2025-01-01\n"
		  "D-2,acme,a2,flex,upsell,closed_won,1000000.99,2025-12-31\n"
		  "D-3,acme,a3,cpaas,professional_services,closed_won,5000,2025-06-01\n"
		  "D-4,acme,a4,cpaas,renewal,closed_lost,70000,2025-06-01\n"
		  "D-5,acme,a5,cpaas,new,open,70000,\n"
		  "D-6,acme,a6,segment,renewal,closed_won,123.4,2024-12-31\n"
		  "D-7,gamma,g1,engage,new,closed_won,250000,2025-03-03\n"
		  "D-8,gamma,g2,segment,new,closed_won,250000.5,2025-04-04\n"
		  "D-9,beta,b1,segment,new,closed_won,99999.99,2024-06-30\n"
		  "D-10,omega,o1,segment,new,closed_won,400000,2025-02-02\n"
		  "D-11,omega,o2,segment,upsell,closed_won,7,2025-02-01\n"},
	{"spend", "partner,month,amount_usd\n"
		  "delta,2024-12,10\n"
		  "delta,2025-01,300000\n"
		  "delta,2025-06,5000000\n"
		  "delta,2025-12,0.5\n"},
	{"commits", "partner,key,tcv_usd,signed_on,start_on,end_on\n"
		    "delta,c1,60000000,2024-01-01,2024-01-01,2026-12-31\n"
		    "delta,c2,1,2025-01-01,2025-02-01,2025-03-01\n"},
	{"support", "partner,plan,start_on,end_on\n"
		    "acme,standard,2023-01-01,\n"
		    "delta,premium,2022-01-01,2025-06-30\n"
		    "delta,standard,2025-07-01,\n"},
	{"mapping", "partner,enabled_on,disabled_on\n"
		    "acme,2024-01-01,\n"
		    "delta,2023-01-01,2025-01-01\n"},
	{"plans", "partner,program,year,approved_on\n"
		  "acme,twilio-2023,2026,2025-12-01\n"
		  "delta,twilio-2023,2026,2026-01-10\n"
		  "delta,twilio-2023,2025,2024-12-10\n"},
};

static struct store *open_store(void)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;

	if (store_open(&s, db_path, false, &err))
		fail_msg("%s", err.buf);
	strbuf_release(&err);
	return s;
}

static int setup(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct import_report rep;
	struct program *p = NULL;
	struct store *s;

	if (!mkdtemp(dir))
		return -1;
	snprintf(db_path, sizeof(db_path), "%s/explain.db", dir);
	if (store_open(&s, db_path, true, &err) || store_begin(s, &err) ||
	    programs_install_bundled(s, &err) ||
	    program_parse("escapes.yaml", escapes_program, strlen(escapes_program), &p, &err) ||
	    store_program_put(s, p->key, p->name, escapes_program, &err) || store_commit(s, &err)) {
		fprintf(stderr, "setup: %s\n", err.buf);
		return -1;
	}
	program_free(p);
	for (size_t i = 0; i < ARRAY_SIZE(data); i++) {
		if (import_csv(s, data[i].kind, data[i].kind, data[i].csv, strlen(data[i].csv),
			       "test", &rep, &err)) {
			fprintf(stderr, "setup: import %s: %s\n", data[i].kind, err.buf);
			return -1;
		}
	}
	store_close(s);
	strbuf_release(&err);
	return 0;
}

static int teardown(void **state)
{
	char path[96];

	snprintf(path, sizeof(path), "%s-wal", db_path);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", db_path);
	unlink(path);
	unlink(db_path);
	rmdir(dir);
	return 0;
}

struct check {
	size_t compared, refused;
	size_t escaped; /* outputs with every kind of escape and non-ASCII text */
};

/* Explains one outcome both ways and compares. */
static int check_partner(void *ctx, const struct eval_outcome *o)
{
	struct check *c = ctx;
	struct strbuf fast = STRBUF_INIT;
	json_t *j = explain_result(o->program, o->facts, o->fp, o->f, o->r);
	char *ref;

	if (o->proposal)
		json_object_set_new(j, "proposal", json_integer(o->proposal));
	ref = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	strbuf_adds(&fast, "prefix");
	if (explain_write_json(&fast, o->program, o->facts, o->fp, o->f, o->r, o->proposal)) {
		assert_string_equal(fast.buf, "prefix");
		c->refused++;
	} else {
		assert_non_null(ref);
		assert_string_equal(fast.buf + 6, ref);
		c->compared++;
		if (strstr(ref, "\\u0001") && strstr(ref, "\\\"") && strstr(ref, "\\\\") &&
		    strstr(ref, "\\t") && strstr(ref, "\u00e9"))
			c->escaped++;
	}
	free(ref);
	strbuf_release(&fast);
	return 0;
}

static void evaluate(struct store *s, const char *program, enum eval_mode mode, int year,
		     const char *as_of, const char *partner, bool propose, struct check *c)
{
	struct strbuf err = STRBUF_INIT;
	struct eval_request req = {0};
	struct eval_sink sink = {NULL, check_partner, c};
	struct eval_summary sum;

	req.program = program;
	req.mode = mode;
	req.year = year;
	assert_int_equal(date_parse(as_of, strlen(as_of), &req.as_of), 0);
	req.partner = partner;
	req.propose = propose;
	req.actor = "tester";
	if (evaluate_run(s, &req, &sink, &sum, &err))
		fail_msg("evaluate %s: %s", program, err.buf);
	if (propose)
		assert_true(sum.proposals > 0);
	strbuf_release(&err);
}

static void test_same_text(void **state)
{
	struct store *s = open_store();
	struct check c = {0};

	evaluate(s, "twilio-2023", MODE_ANNUAL, 2026, "2026-01-15", NULL, false, &c);
	assert_int_equal(c.compared, 5);
	evaluate(s, "twilio-2023", MODE_ANNUAL, 2025, "2025-02-01", NULL, false, &c);
	evaluate(s, "twilio-2023", MODE_MIDYEAR, 0, "2025-07-01", NULL, false, &c);
	evaluate(s, "twilio-2023", MODE_ANNUAL, 2026, "2026-01-15", "acme", false, &c);
	evaluate(s, "twilio-2023", MODE_ANNUAL, 2026, "2026-01-15", "delta", false, &c);
	evaluate(s, "segment-2025", MODE_ANNUAL, 2025, "2025-01-15", NULL, false, &c);
	evaluate(s, "segment-2025", MODE_MIDYEAR, 0, "2025-12-31", NULL, false, &c);
	evaluate(s, "escapes", MODE_ANNUAL, 2026, "2026-01-15", NULL, false, &c);
	evaluate(s, "escapes", MODE_MIDYEAR, 0, "2025-04-01", NULL, false, &c);
	assert_int_equal(c.refused, 0);
	assert_int_equal(c.compared, 29);
	assert_true(c.escaped > 0);
	store_close(s);
}

static void test_with_proposals(void **state)
{
	struct store *s = open_store();
	struct check c = {0};

	evaluate(s, "twilio-2023", MODE_ANNUAL, 2026, "2026-01-15", NULL, true, &c);
	evaluate(s, "escapes", MODE_ANNUAL, 2026, "2026-01-15", NULL, true, &c);
	assert_int_equal(c.refused, 0);
	assert_int_equal(c.compared, 9);
	store_close(s);
}

/* Text jansson refuses (not UTF-8) leaves the explanation to explain_result(). */
static void test_refuses_non_utf8(void **state)
{
	struct store *s;
	struct check c = {0};
	sqlite3 *db;

	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE deals SET key = 'D-\xff' WHERE key = 'D-10'",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	s = open_store();
	evaluate(s, "twilio-2023", MODE_ANNUAL, 2026, "2026-01-15", "omega", false, &c);
	assert_int_equal(c.refused, 1);
	evaluate(s, "twilio-2023", MODE_ANNUAL, 2026, "2026-01-15", "acme", false, &c);
	assert_int_equal(c.compared, 1);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_text),
		cmocka_unit_test(test_with_proposals),
		cmocka_unit_test(test_refuses_non_utf8),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
