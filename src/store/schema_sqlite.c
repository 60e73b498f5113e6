/*
 * SQLite migrations, numbered from 1 and applied in order by store_open(); the
 * version reached is recorded in schema_migrations. Never edit a released
 * migration: add the next one.
 */
#include "util/common.h"

#include "store/sqlite_int.h"

static const char *const migration_1 =
	"CREATE TABLE programs ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  definition TEXT NOT NULL,"
	"  loaded_at TEXT NOT NULL);"

	"CREATE TABLE partners ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  domain TEXT,"
	"  motions TEXT NOT NULL,"
	"  products TEXT NOT NULL,"
	"  region TEXT,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  deactivated_on TEXT,"
	"  deactivation_reason TEXT);"

	"CREATE TABLE enrollments ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  program_id INTEGER NOT NULL REFERENCES programs(id),"
	"  tier TEXT," /* NULL = not in good standing */
	"  since TEXT NOT NULL,"
	"  invited TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (partner_id, program_id));"
	"CREATE INDEX enrollments_program ON enrollments(program_id, partner_id);"

	"CREATE TABLE agreements ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  kind TEXT NOT NULL,"
	"  signed_on TEXT NOT NULL,"
	"  expires_on TEXT,"
	"  PRIMARY KEY (partner_id, kind));"

	"CREATE TABLE solutions ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  key TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  product TEXT NOT NULL,"
	"  launched_on TEXT, docs_on TEXT, collateral_on TEXT, reviewed_on TEXT,"
	"  PRIMARY KEY (partner_id, key));"

	"CREATE TABLE stories ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  key TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  customer TEXT,"
	"  published_on TEXT,"
	"  url TEXT,"
	"  PRIMARY KEY (partner_id, key));"

	"CREATE TABLE deals ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  account TEXT NOT NULL,"
	"  product TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  stage TEXT NOT NULL,"
	"  arr_cents INTEGER NOT NULL,"
	"  closed_on TEXT);"
	"CREATE INDEX deals_partner ON deals(partner_id, closed_on);"
	/* Covers the evaluation's read of every partner's closed-won deals in a window. */
	"CREATE INDEX deals_won ON deals(closed_on, partner_id, key, product, type, arr_cents) "
	"WHERE stage = 'closed_won';"

	"CREATE TABLE spend ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  month TEXT NOT NULL,"
	"  amount_cents INTEGER NOT NULL,"
	"  PRIMARY KEY (partner_id, month)) WITHOUT ROWID;"

	"CREATE TABLE commits ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  key TEXT NOT NULL,"
	"  tcv_cents INTEGER NOT NULL,"
	"  signed_on TEXT NOT NULL,"
	"  start_on TEXT NOT NULL,"
	"  end_on TEXT NOT NULL,"
	"  PRIMARY KEY (partner_id, key));"

	"CREATE TABLE support_plans ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  plan TEXT NOT NULL,"
	"  start_on TEXT NOT NULL,"
	"  end_on TEXT,"
	"  PRIMARY KEY (partner_id, plan, start_on));"

	"CREATE TABLE mapping ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  enabled_on TEXT NOT NULL,"
	"  disabled_on TEXT,"
	"  PRIMARY KEY (partner_id, enabled_on));"

	"CREATE TABLE plans ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  program_id INTEGER NOT NULL REFERENCES programs(id),"
	"  year INTEGER NOT NULL,"
	"  approved_on TEXT NOT NULL,"
	"  PRIMARY KEY (partner_id, program_id, year));"

	"CREATE TABLE activity ("
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  on_date TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  PRIMARY KEY (partner_id, on_date, kind)) WITHOUT ROWID;"

	"CREATE TABLE tier_proposals ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  program_id INTEGER NOT NULL REFERENCES programs(id),"
	"  from_tier TEXT,"
	"  to_tier TEXT,"
	"  mode TEXT NOT NULL,"
	"  window_from TEXT NOT NULL,"
	"  window_to TEXT NOT NULL,"
	"  as_of TEXT NOT NULL,"
	"  explanation TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'pending',"
	"  created_at TEXT NOT NULL,"
	"  decided_at TEXT,"
	"  decided_by TEXT);"
	"CREATE INDEX tier_proposals_partner ON tier_proposals(partner_id, program_id, status);"

	"CREATE TABLE tier_history ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  program_id INTEGER NOT NULL REFERENCES programs(id),"
	"  from_tier TEXT,"
	"  to_tier TEXT,"
	"  effective_on TEXT NOT NULL,"
	"  changed_by TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  proposal_id INTEGER REFERENCES tier_proposals(id),"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX tier_history_partner ON tier_history(partner_id, id);";

/*
 * Accounts (core/accounts.c): users, sessions, API tokens, invitations, the
 * login throttle, the audit log, and agreement acceptances. Secrets are
 * stored only as hashes (sid_hash, token_hash, code_hash: hex BLAKE2b) and
 * passwords only as argon2id strings. Session times are unix seconds (they
 * are compared on every request); the other times are ISO 8601 UTC text.
 */
static const char *const migration_2 =
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
	"  password_hash TEXT," /* NULL = no password yet */
	"  role TEXT NOT NULL,"
	"  partner_id INTEGER REFERENCES partners(id)," /* partner roles only */
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL);"
	"CREATE INDEX users_partner ON users(partner_id);"

	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  sid_hash TEXT NOT NULL UNIQUE,"
	"  csrf TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  idle_expires INTEGER NOT NULL,"
	"  absolute_expires INTEGER NOT NULL,"
	"  client TEXT);"
	"CREATE INDEX sessions_user ON sessions(user_id);"
	"CREATE INDEX sessions_expiry ON sessions(absolute_expires);"

	"CREATE TABLE api_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  name TEXT NOT NULL,"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  write INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL,"
	"  last_used_at TEXT,"
	"  revoked_at TEXT);"
	"CREATE INDEX api_tokens_user ON api_tokens(user_id);"

	"CREATE TABLE invitations ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER REFERENCES partners(id)," /* NULL for vendor roles */
	"  email TEXT NOT NULL COLLATE NOCASE,"
	"  role TEXT NOT NULL,"
	"  code_hash TEXT NOT NULL UNIQUE,"
	"  invited_by INTEGER NOT NULL REFERENCES users(id),"
	"  created_at TEXT NOT NULL,"
	"  expires_at TEXT NOT NULL,"
	"  accepted_at TEXT,"
	"  user_id INTEGER REFERENCES users(id));"
	"CREATE INDEX invitations_partner ON invitations(partner_id, id);"

	"CREATE TABLE login_failures ("
	"  key TEXT NOT NULL," /* "account:EMAIL" or "client:ADDRESS" */
	"  at INTEGER NOT NULL);"
	"CREATE INDEX login_failures_key ON login_failures(key, at);"
	"CREATE INDEX login_failures_at ON login_failures(at);"

	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  before TEXT," /* JSON */
	"  after TEXT);"
	"CREATE INDEX audit_log_entity ON audit_log(entity, id);"

	"CREATE TABLE agreement_acceptances ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  agreement TEXT NOT NULL,"
	"  document_version TEXT NOT NULL,"
	"  accepted_by TEXT NOT NULL," /* the user's email */
	"  accepted_at TEXT NOT NULL,"
	"  client TEXT);"
	"CREATE INDEX agreement_acceptances_partner ON agreement_acceptances(partner_id, "
	"agreement, "
	"id);";

/*
 * The partner's listing description (public pages, partners CSV), and the
 * evaluation run that made each tier proposal: every proposal recorded by one
 * proposing run shares its run_id (core/evaluate.c), so "the last run's
 * proposals" is one indexed lookup.
 *
 * Proposals made before this migration are numbered from their order: one
 * run's proposals have consecutive ids (one transaction) and the same
 * program, mode, as-of date and window, created moments apart. A proposal
 * starts a new run (its run_id is its own id) when one of those differs from
 * the previous proposal's, or it came more than a minute after it. (Two
 * identical runs within a minute of each other count as one.)
 */
static const char *const migration_3 =
	"ALTER TABLE partners ADD COLUMN description TEXT;"
	"ALTER TABLE tier_proposals ADD COLUMN run_id INTEGER;"
	"UPDATE tier_proposals SET run_id = r.run FROM ("
	"  SELECT id, MAX(CASE WHEN starts THEN id END) OVER (ORDER BY id) AS run FROM ("
	"    SELECT id, (LAG(id) OVER w IS NULL OR LAG(program_id) OVER w <> program_id"
	"      OR LAG(mode) OVER w <> mode OR LAG(as_of) OVER w <> as_of"
	"      OR LAG(window_from) OVER w <> window_from OR LAG(window_to) OVER w <> window_to"
	"      OR strftime('%s', created_at) - strftime('%s', LAG(created_at) OVER w) > 60)"
	"      AS starts FROM tier_proposals WINDOW w AS (ORDER BY id))) r "
	"WHERE r.id = tier_proposals.id;"
	"CREATE INDEX tier_proposals_run ON tier_proposals(program_id, run_id);";

/*
 * The small partner-keyed tables clustered by their primary key (WITHOUT
 * ROWID): one partner's rows are one B-tree range, read with one seek instead
 * of an index seek then a table lookup per row (the scorecard reads every one
 * of them for one partner). Rows are copied as they are; their order within a
 * partner is now the key's (they were read in import order).
 */
#define RECLUSTER(table, columns, body)                                                            \
	"CREATE TABLE " table "_new (" body ") WITHOUT ROWID;"                                     \
	"INSERT INTO " table "_new (" columns ") SELECT " columns " FROM " table ";"               \
	"DROP TABLE " table ";"                                                                    \
	"ALTER TABLE " table "_new RENAME TO " table ";"

static const char *const migration_4 = RECLUSTER(
	"enrollments", "partner_id, program_id, tier, since, invited",
	"  partner_id INTEGER NOT NULL REFERENCES partners(id),"
	"  program_id INTEGER NOT NULL REFERENCES programs(id),"
	"  tier TEXT,"
	"  since TEXT NOT NULL,"
	"  invited TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (partner_id, program_id)") "CREATE INDEX enrollments_program ON "
						  "enrollments(program_id, partner_id);" RECLUSTER(
							  "agreements",
							  "partner_id, kind, signed_on, expires_on",
							  "  partner_id INTEGER NOT NULL "
							  "REFERENCES partners(id),"
							  "  kind TEXT NOT NULL,"
							  "  signed_on TEXT NOT NULL,"
							  "  expires_on TEXT,"
							  "  PRIMARY KEY (partner_id, kind)")
							  RECLUSTER("solutions",
								    "partner_id, key, name, "
								    "product, launched_on, "
								    "docs_on, collateral_on, "
								    "reviewed_on",
								    "  partner_id INTEGER NOT NULL "
								    "REFERENCES partners(id),"
								    "  key TEXT NOT NULL,"
								    "  name TEXT NOT NULL,"
								    "  product TEXT NOT NULL,"
								    "  launched_on TEXT, docs_on "
								    "TEXT, collateral_on TEXT, "
								    "reviewed_on TEXT,"
								    "  PRIMARY KEY (partner_id, "
								    "key)") RECLUSTER("stories",
										      "partner_id, "
										      "key, title, "
										      "customer, "
										      "published_"
										      "on, url",
										      "  "
										      "partner_id "
										      "INTEGER NOT "
										      "NULL "
										      "REFERENCES "
										      "partners(id)"
										      ","
										      "  key TEXT "
										      "NOT NULL,"
										      "  title "
										      "TEXT NOT "
										      "NULL,"
										      "  customer "
										      "TEXT,"
										      "  "
										      "published_"
										      "on TEXT,"
										      "  url TEXT,"
										      "  PRIMARY "
										      "KEY "
										      "(partner_id,"
										      " key)")
								  RECLUSTER(
									  "commits",
									  "partner_id, key, "
									  "tcv_cents, signed_on, "
									  "start_on, end_on",
									  "  partner_id INTEGER "
									  "NOT NULL REFERENCES "
									  "partners(id),"
									  "  key TEXT NOT NULL,"
									  "  tcv_cents INTEGER NOT "
									  "NULL,"
									  "  signed_on TEXT NOT "
									  "NULL,"
									  "  start_on TEXT NOT "
									  "NULL,"
									  "  end_on TEXT NOT NULL,"
									  "  PRIMARY KEY "
									  "(partner_id, key)")
									  RECLUSTER("support_plans",
										    "partner_id, "
										    "plan, "
										    "start_on, "
										    "end_on",
										    "  partner_id "
										    "INTEGER NOT "
										    "NULL "
										    "REFERENCES "
										    "partners(id),"
										    "  plan TEXT "
										    "NOT NULL,"
										    "  start_on "
										    "TEXT NOT NULL,"
										    "  end_on TEXT,"
										    "  PRIMARY KEY "
										    "(partner_id, "
										    "plan, "
										    "start_on)")
										  RECLUSTER(
											  "mapping",
											  "partner_"
											  "id, "
											  "enabled_"
											  "on, "
											  "disabled"
											  "_on",
											  "  "
											  "partner_"
											  "id "
											  "INTEGER "
											  "NOT "
											  "NULL "
											  "REFERENC"
											  "ES "
											  "partners"
											  "(id),"
											  "  "
											  "enabled_"
											  "on TEXT "
											  "NOT "
											  "NULL,"
											  "  "
											  "disabled"
											  "_on "
											  "TEXT,"
											  "  "
											  "PRIMARY "
											  "KEY "
											  "(partner"
											  "_id, "
											  "enabled_"
											  "on)")
											  RECLUSTER(
												  "plans",
												  "partner_"
												  "id, "
												  "program_"
												  "id, "
												  "year, "
												  "approved"
												  "_on",
												  "  "
												  "partner_"
												  "id "
												  "INTEGER "
												  "NOT "
												  "NULL "
												  "REFERENC"
												  "ES "
												  "partners"
												  "(id),"
												  "  "
												  "program_"
												  "id "
												  "INTEGER "
												  "NOT "
												  "NULL "
												  "REFERENC"
												  "ES "
												  "programs"
												  "(id),"
												  "  year "
												  "INTEGER "
												  "NOT "
												  "NULL,"
												  "  "
												  "approved"
												  "_on "
												  "TEXT "
												  "NOT "
												  "NULL,"
												  "  "
												  "PRIMARY "
												  "KEY "
												  "(partner"
												  "_id, "
												  "program_"
												  "id, "
												  "year)");

/*
 * A program's revision, counted up by every load: the parsed-program cache
 * (core/programs.c) asks for (id, revision) instead of reading and comparing
 * the whole definition on every request.
 */
static const char *const migration_5 =
	"ALTER TABLE programs ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;";

/*
 * Invitations can be revoked (core/accounts.c invitation_revoke): a revoked
 * invitation can no longer be accepted. NULL = not revoked.
 */
static const char *const migration_6 = "ALTER TABLE invitations ADD COLUMN revoked_at TEXT;";

/*
 * The data generation: counted up by every committed transaction that
 * changes data (store_commit()), in that transaction, so a reader sees the
 * number that goes with its snapshot. Caches of derived results (the
 * server's scorecards) keep the number they were computed at and are good
 * while it holds. Writes to tables that nothing derived reads (sessions,
 * tokens, sign-in failures, the audit log) do not count it up.
 */
static const char *const migration_7 = "CREATE TABLE data_generation ("
				       " id INTEGER PRIMARY KEY CHECK (id = 1),"
				       " n INTEGER NOT NULL);"
				       "INSERT INTO data_generation (id, n) VALUES (1, 0);";

/*
 * Failed sign-ins are timed in milliseconds (they were in seconds): the
 * throttle's delays run from the failure itself, not from the start of its
 * second, so the first delay is a whole second instead of 0 to 1.
 */
static const char *const migration_8 = "UPDATE login_failures SET at = at * 1000;";

/*
 * A partner's own generation (store_commit()): counted up instead of the
 * data generation by a transaction that changed only that partner's own
 * records, so results derived for other partners stay good. By key (keys
 * never change): a reader by key seeks this small table only, not also the
 * partners' key index.
 */
static const char *const migration_9 = "CREATE TABLE partner_generation ("
				       " partner_key TEXT PRIMARY KEY,"
				       " n INTEGER NOT NULL) WITHOUT ROWID;";

const char *const sqlite_migrations[] = {
	migration_1, migration_2, migration_3, migration_4, migration_5,
	migration_6, migration_7, migration_8, migration_9,
};

const int sqlite_nmigrations = (int)ARRAY_SIZE(sqlite_migrations);
