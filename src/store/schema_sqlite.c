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

const char *const sqlite_migrations[] = {
	migration_1,
};

const int sqlite_nmigrations = (int)ARRAY_SIZE(sqlite_migrations);
