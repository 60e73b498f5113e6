#!/bin/bash
# consort init, the missing-database hint, --db and CONSORT_DB, help/version,
# global usage errors.
# shellcheck source=tests/cli/lib.sh disable=SC2016 # (literal $ in expected amounts)
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

hint="consort: error: database 'consort.db' does not exist; run 'consort init' to create it"

# Every command that needs the database fails with the hint and creates nothing.
while read -r line; do
	# shellcheck disable=SC2086
	expect_fail 1 $line
	expect_stderr_is "$hint"
	expect_stdout_empty
	expect_no_file consort.db
done <<'CMDS'
program list
program list --format json
program show segment-2025
program load programs/none.yaml
partner list
partner show acme
partner deactivate acme --reason gone
evaluate --program segment-2025 --mode annual --year 2025 --as-of 2025-01-15
evaluate --program segment-2025 --mode midyear --as-of 2025-06-30
tier proposals
tier approve 1
tier reject 1
tier set acme gold --program segment-2025 --reason because
tier history acme
benefits acme --program segment-2025 --as-of 2025-03-01
review inactive --program segment-2025 --quarter 2025Q1
CMDS

# An import of a real file also asks for init (the file is readable).
expect_fail 1 import partners "$FIXTURES/partners.csv"
expect_stderr_is "$hint"
expect_no_file consort.db

# Validation needs no database.
expect_ok program validate "$TEST_DIR/../../programs/segment-2025.yaml"
expect_no_file consort.db

# init creates the database with the bundled programs.
expect_ok init
expect_stdout_is "created consort.db (schema version 9) with 2 bundled programs"
expect_stderr_empty
[ -f consort.db ] || fail "init did not create consort.db"
expect_sql "SELECT key FROM programs ORDER BY key" "segment-2025
twilio-2023"
expect_sql "SELECT MAX(version) FROM schema_migrations" "9"
for t in partners enrollments agreements solutions stories deals spend commits \
	support_plans mapping plans activity tier_proposals tier_history users sessions api_tokens \
	invitations login_failures audit_log agreement_acceptances; do
	expect_sql "SELECT COUNT(*) FROM $t" "0"
done

# A second init updates and keeps data.
expect_ok import partners "$FIXTURES/partners.csv"
expect_ok init
expect_stdout_is "updated consort.db (schema version 9) with 2 bundled programs"
expect_sql "SELECT COUNT(*) FROM partners" "6"
expect_sql "SELECT COUNT(*) FROM programs" "2"
expect_fail 2 init extra
expect_stderr_contains "consort init: unexpected argument 'extra'" "(see 'consort help')"

# --db PATH
mkdir sub
expect_ok --db sub/other.db init
expect_stdout_is "created sub/other.db (schema version 9) with 2 bundled programs"
expect_ok --db sub/other.db partner list --format json
expect_json 'length' 0
expect_ok partner list --format json
expect_json 'length' 6
expect_fail 1 --db sub/missing.db partner list
expect_stderr_is "consort: error: database 'sub/missing.db' does not exist; run 'consort init' to create it"
expect_no_file sub/missing.db
expect_fail 1 --db nodir/x.db init
expect_stderr_contains "consort: error: cannot open database 'nodir/x.db'"
# --db=PATH as --db PATH (and --actor=NAME)
expect_ok --db=sub/third.db init
expect_stdout_is "created sub/third.db (schema version 9) with 2 bundled programs"
expect_ok --db=sub/third.db --actor=alice import partners "$FIXTURES/partners.csv"
expect_ok --db sub/third.db partner deactivate acme --reason gone --on 2025-01-01
expect_ok --db=sub/third.db --actor=bob partner deactivate hooli --reason gone --on 2025-01-01
expect_ok --db=sub/third.db partner show hooli
expect_json '.deactivation_reason' "gone (by bob)"
expect_ok --db=sub/third.db partner show acme
expect_json '.deactivation_reason' "gone (by tester)"
expect_ok partner show acme
expect_json '.active' true
expect_fail 2 --db= partner list
expect_stderr_is "consort: option '--db' needs a value
(see 'consort help')"
expect_fail 2 --actor= partner list
expect_stderr_contains "consort: option '--actor' needs a value"
expect_fail 2 --dbx=a.db partner list
expect_stderr_contains "consort: unknown option '--dbx=a.db'"
expect_fail 2 --db
expect_stderr_contains "consort: option '--db' needs a value"
expect_fail 2 --db "" init
expect_stderr_contains "consort: option '--db' needs a value"

# CONSORT_DB, and --db wins over it.
CONSORT_DB=sub/other.db run partner list --format json
expect_status 0
expect_json 'length' 0
CONSORT_DB=sub/other.db run --db consort.db partner list --format json
expect_json 'length' 6
CONSORT_DB=sub/env.db run init
expect_stdout_is "created sub/env.db (schema version 9) with 2 bundled programs"
CONSORT_DB=sub/nope.db run program list
expect_status 1
expect_stderr_is "consort: error: database 'sub/nope.db' does not exist; run 'consort init' to create it"
# An empty CONSORT_DB means the default.
CONSORT_DB='' run partner list --format json
expect_json 'length' 6

# help, version
expect_ok help
expect_stdout_contains "usage: consort [--db PATH] [--actor NAME] COMMAND [ARGS]" \
	"review inactive --program P --quarter YYYYQn"
expect_ok --help
expect_stdout_contains "usage: consort"
expect_ok version
expect_stdout_is "consort 0.1.0"
expect_ok --version
expect_stdout_is "consort 0.1.0"

# Global usage errors exit 2; with no command the usage goes to stderr.
expect_fail 2
expect_stderr_contains "usage: consort"
expect_stdout_empty
expect_fail 2 frobnicate
expect_stderr_is "consort: unknown command 'frobnicate'
(see 'consort help')"
expect_fail 2 --bogus partner list
expect_stderr_contains "consort: unknown option '--bogus'"
expect_fail 2 --actor
expect_stderr_contains "consort: option '--actor' needs a value"
