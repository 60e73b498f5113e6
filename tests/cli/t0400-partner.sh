#!/bin/bash
# partner list | show KEY | deactivate KEY --reason TEXT [--on DATE]
# shellcheck source=tests/cli/lib.sh disable=SC2016 # (literal $ in expected amounts)
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

load_fixtures

# list, as a table (the default) and as JSON
expect_ok partner list
expect_stdout_is "KEY       NAME                MOTIONS            PRODUCTS    REGION  ACTIVE
acme      Acme Analytics      integrate          segment     NA      yes
globex    Globex Corporation  connect;integrate  segment     EMEA    yes
hooli     Hooli               connect            segment     -       yes
initech   Initech             integrate          segment     NA      yes
stark     Stark Messaging     embed              cpaas;flex  NA      yes
umbrella  Umbrella Data       embed              segment     APAC    yes"
expect_stderr_empty
expect_ok partner list --format table
expect_stdout_contains "umbrella  Umbrella Data       embed              segment     APAC    yes"
expect_ok partner list --format json
expect_json 'length' 6
expect_json '[.[].key] | join(",")' "acme,globex,hooli,initech,stark,umbrella"
expect_json '.[0] | [.key, .name, .domain, .motions, .products, .region, .active] | map(tostring) | join("|")' \
	"acme|Acme Analytics|acme.example.com|integrate|segment|NA|true"
expect_json '.[] | select(.key == "hooli") | [.domain, .region] | map(tostring) | join("|")' "null|null"
expect_json '.[] | select(.key == "umbrella") | .tiers["segment-2025"]' bronze
expect_json '.[] | select(.key == "stark") | .tiers | keys | join(",")' twilio-2023
expect_jq 'all(.[]; has("deactivated_on") | not)'

# show: JSON with enrollments and record counts
expect_ok partner show umbrella
expect_json '.key' umbrella
expect_json '.name' "Umbrella Data"
expect_json '.active' true
expect_json '.enrollments | length' 1
expect_json '.enrollments[0] | [.program, .tier, .since, .invited] | join("|")' \
	"segment-2025|bronze|2024-02-01|silver"
expect_json '.records.stories' 3
expect_json '.records.solutions' 1
expect_ok partner show umbrella --format json
expect_json '.key' umbrella
expect_ok partner show umbrella --format table
expect_stdout_contains '"key": "umbrella"'
expect_fail 1 partner show nobody
expect_stderr_is "consort: error: unknown partner 'nobody' (see 'consort partner list')"
expect_stdout_empty

# deactivate
db_snapshot
expect_fail 1 partner deactivate nobody --reason gone
expect_stderr_is "consort: error: unknown partner 'nobody' (see 'consort partner list')"
expect_fail 1 partner deactivate hooli --reason ""
expect_stderr_is "consort: error: a reason is required (--reason TEXT)"
expect_fail 2 partner deactivate hooli
expect_stderr_is "consort partner: deactivate needs --reason TEXT
(see 'consort help')"
expect_fail 2 partner deactivate hooli --reason gone --on 2025-02-30
expect_stderr_contains "consort partner: invalid --on '2025-02-30': expected YYYY-MM-DD"
expect_db_unchanged

expect_ok partner deactivate hooli --reason "no activity in 2025Q1" --on 2025-04-02
expect_stdout_is "deactivated hooli on 2025-04-02"
expect_ok partner show hooli
expect_json '[.active, .deactivated_on, .deactivation_reason] | map(tostring) | join("|")' \
	"false|2025-04-02|no activity in 2025Q1 (by tester)"
expect_ok partner list --format json
expect_json '.[] | select(.key == "hooli") | [.active, .deactivated_on] | map(tostring) | join("|")' "false|2025-04-02"
expect_json '[.[] | select(.active)] | length' 5
expect_ok partner list
expect_stdout_contains "hooli     Hooli               connect            segment     -       no"
expect_sql "SELECT active, deactivated_on FROM partners WHERE key = 'hooli'" "0|2025-04-02"

db_snapshot
expect_fail 1 partner deactivate hooli --reason again
expect_stderr_is "consort: error: partner 'hooli' is already deactivated (since 2025-04-02)"
expect_db_unchanged

# A deactivated partner is left out of evaluations and benefits.
expect_fail 1 evaluate --program segment-2025 --mode midyear --as-of 2025-06-30 --partner hooli
expect_stderr_is "consort: error: partner 'hooli' is not enrolled in program 'segment-2025' (or is deactivated)"
expect_ok evaluate --program segment-2025 --mode midyear --as-of 2025-06-30 --format json
expect_json '[.partners[].partner] | join(",")' "acme,globex,initech,umbrella"
expect_fail 1 benefits hooli --program segment-2025 --as-of 2025-06-30
expect_stderr_is "consort: error: partner 'hooli' is not enrolled in program 'segment-2025' (or is deactivated)"

# --actor names who did it; --on defaults to today (UTC).
expect_ok --actor alice partner deactivate stark --reason "left the program"
expect_stdout_is "deactivated stark on $(date -u +%F)"
expect_ok partner show stark
expect_json '.deactivation_reason' "left the program (by alice)"
CONSORT_ACTOR=bob run partner deactivate initech --reason merged --on 2025-05-05
expect_status 0
expect_ok partner show initech
expect_json '.deactivation_reason' "merged (by bob)"

# usage errors
expect_fail 2 partner
expect_stderr_is "consort partner: usage: consort partner list | show KEY | deactivate KEY --reason TEXT [--on DATE]
(see 'consort help')"
expect_fail 2 partner show
expect_fail 2 partner show acme globex
expect_fail 2 partner list extra
expect_fail 2 partner frob
expect_fail 2 partner list --format xml
expect_stderr_contains "consort partner: invalid --format 'xml': expected json or table"
expect_fail 2 partner list --verbose
expect_stderr_contains "consort partner: unknown option '--verbose'"
expect_fail 2 partner deactivate acme --reason
expect_stderr_contains "consort partner: option '--reason' needs a value"

# Names with line breaks (quoted in the CSV) stay on one table row.
expect_ok import partners "$FIXTURES/partners-special.csv"
expect_ok partner list
expect_stdout_contains "oscorp    Oscorp  Industries       connect; integrate  segment     -       yes"
[ "$(grep -c . "$OUT")" -eq 11 ] || fail "expected a header and 10 rows"

# Stored text that is not UTF-8 (a Latin-1 file, a Latin-1 --reason) is shown
# with '?', not dropped from lists and history.
sql "INSERT INTO partners(key, name, motions, products) VALUES ('latin', CAST(X'436166E9205341' AS TEXT), 'integrate', 'segment')"
printf 'partner,program,tier,since,invited\nlatin,segment-2025,registered,2024-01-01,\n' >latin-enroll.csv
expect_ok import enrollments latin-enroll.csv
expect_ok partner list --format json
expect_json '.[] | select(.key == "latin") | .name' "Caf? SA"
expect_ok partner show latin
expect_json '.name' "Caf? SA"
expect_ok review inactive --program segment-2025 --quarter 2025Q1 --format json
expect_json '[.inactive[].partner] | join(",")' latin
expect_json '.inactive[0].name' "Caf? SA"
expect_ok --actor "$(printf 'Jos\xe9')" tier set latin bronze --program segment-2025 \
	--reason "$(printf 'caf\xe9 deal')" --effective 2025-04-01
expect_ok tier history latin --format json
expect_json 'length' 1
expect_json '.[0] | [.changed_by, .reason] | join("|")' "Jos?|caf? deal"
