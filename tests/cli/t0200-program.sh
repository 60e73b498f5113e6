#!/bin/bash
# program list | show NAME [--format json] | validate FILE | load FILE
# shellcheck source=tests/cli/lib.sh disable=SC2016 # (literal $ in expected amounts)
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

ROOT=$TEST_DIR/../..
cp "$FIXTURES/program-good.yaml" good.yaml
cp "$FIXTURES/program-bad.yaml" bad.yaml

expect_ok init

# list
expect_ok program list
expect_stdout_contains "KEY" "NAME" "TIERS" "LOADED" \
	"segment-2025  Twilio Segment Technology Partner Program  registered bronze silver gold" \
	"twilio-2023   Twilio Technology Partner Program          registered bronze silver gold"
expect_ok program list --format json
expect_json '[.[].key] | join(",")' "segment-2025,twilio-2023"
expect_json '.[0].tiers' "registered bronze silver gold"
expect_jq '.[0].loaded_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")'
expect_ok program list --format table
expect_stdout_contains "segment-2025"

# show
expect_ok program show segment-2025
expect_stdout_contains "segment-2025: Twilio Segment Technology Partner Program (2025)" \
	"Tiers: Registered Bronze Silver Gold" \
	"Influence revenue             bronze=100000.00  silver=500000.00  gold=1000000.00" \
	"Complete joint GTM business plan  silver=yes*  gold=yes" \
	"Referral fee                  registered  bronze  silver  gold  (needs a signed addendum)" \
	"Partner management            silver*  gold"
expect_ok program show segment-2025 --format json
expect_json '.key' segment-2025
expect_json '.year' 2025
expect_json '[.tiers[].key] | join(" ")' "registered bronze silver gold"
expect_json '[.requirements[].key] | join(" ")' \
	"agreements solution solution_materials stories gtm_plan account_mapping influence_revenue"
expect_json '.requirements[] | select(.key == "influence_revenue") | .tiers.silver.threshold' "500000.00"
expect_json '.requirements[] | select(.key == "influence_revenue") | .motions | join(",")' "integrate,connect"
expect_json '.requirements[] | select(.key == "gtm_plan") | .tiers.silver.invite_only' true
expect_json '.requirements[] | select(.key == "stories") | .tiers.gold.threshold' 3
expect_json '.benefits[] | select(.key == "referral_fee") | .prerequisites | join(",")' referral_addendum
expect_json '.benefits[] | select(.key == "partner_management") | .tiers.silver' invite_only
expect_json '.governance.midyear_window_days' 365
expect_json '.governance.inactivity_review.tier' registered
expect_ok program show twilio-2023 --format json
expect_json '.requirements[] | select(.key == "commit") | .min_months' 24
expect_json '[.requirements[] | select(.group == "revenue") | .key] | join(",")' \
	"direct_spend,commit,influence_revenue"
expect_fail 1 program show nope
expect_stderr_is "consort: error: unknown program 'nope' (see 'consort program list')"

# validate: the bundled files and a good custom one
for f in "$ROOT"/programs/*.yaml; do
	expect_ok program validate "$f"
done
expect_stdout_contains "twilio-2023.yaml: ok (program 'twilio-2023', 4 tiers, 10 requirements, 11 benefits)"
expect_ok program validate good.yaml
expect_stdout_is "good.yaml: ok (program 'test-2025', 2 tiers, 3 requirements, 2 benefits)"

# validate: every problem, as file:line: what is wrong
bad_text="consort: error: bad.yaml:6: duplicate tier 'member' (first declared on line 4)
consort: error: bad.yaml:8: unsupported program_year 'fiscal' in governance: expected calendar
consort: error: bad.yaml:14: unknown kind 'storiez' in requirement 'stories' (expected one of agreements, solution, solution_materials, stories, gtm_plan, account_mapping, influence_revenue, direct_spend, commit, support_package)
consort: error: bad.yaml:19: invalid threshold '-5' for tier 'member' in requirement 'revenue': negative amounts are not allowed
consort: error: bad.yaml:19: invalid threshold '\$1,000' for tier 'elite' in requirement 'revenue': not a number: use digits and an optional .cents, without \$ or commas
consort: error: bad.yaml:23: unknown key 'colour' in requirement 'deals'
consort: error: bad.yaml:24: invalid threshold '0' for tier 'elite' in requirement 'deals': expected a whole number from 1 to 1000000"
expect_fail 1 program validate bad.yaml
expect_stderr_is "$bad_text"
expect_stdout_empty

printf 'key: x\nname: [oops\n' >syntax.yaml
expect_fail 1 program validate syntax.yaml
expect_stderr_contains "consort: error: syntax.yaml:3: invalid YAML:"

sed 's/^    tiers: {elite: 2}$/    tiers: {elite: 2, platinum: 3}/' good.yaml >undeclared.yaml
expect_fail 1 program validate undeclared.yaml
expect_stderr_is "consort: error: undeclared.yaml:35: unknown tier 'platinum' in requirement 'stories' (not declared in 'tiers')"

grep -v '^name:' good.yaml >noname.yaml
expect_fail 1 program validate noname.yaml
expect_stderr_contains "noname.yaml:1: missing key 'name'"

expect_fail 1 program validate missing.yaml
expect_stderr_is "consort: error: cannot open 'missing.yaml': No such file or directory"

# load: a bad file is rejected and nothing changes
db_snapshot
expect_fail 1 program load bad.yaml
expect_stderr_is "$bad_text"
expect_db_unchanged
expect_fail 1 program load missing.yaml
expect_stderr_contains "cannot open 'missing.yaml'"
expect_db_unchanged

# load: a new program
expect_ok program load good.yaml
expect_stdout_is "loaded program 'test-2025' from good.yaml"
expect_ok program list --format json
expect_json '[.[].key] | join(",")' "segment-2025,test-2025,twilio-2023"
expect_json '.[] | select(.key == "test-2025") | .tiers' "member elite"
expect_ok program show test-2025 --format json
expect_json '.requirements[] | select(.key == "influence_revenue") | .tiers.elite.threshold' "250000.50"
expect_json '.benefits[] | select(.key == "advisory") | .tiers.elite' invite_only
expect_json '.governance.midyear_window_days' 90
# the file is stored as is
expect_sql "SELECT definition = CAST(readfile('good.yaml') AS TEXT) FROM programs WHERE key = 'test-2025'" 1

# load: again, changed: updated in place, not duplicated
sed 's/^name: Test Partner Program$/name: Test Partner Program v2/' good.yaml >good2.yaml
expect_ok program load good2.yaml
expect_sql "SELECT COUNT(*) FROM programs WHERE key = 'test-2025'" 1
expect_sql "SELECT name FROM programs WHERE key = 'test-2025'" "Test Partner Program v2"

# load: an edited bundled program changes what evaluation uses
expect_ok import partners "$FIXTURES/partners.csv"
expect_ok import enrollments "$FIXTURES/enrollments.csv"

# load: a definition that drops a tier partners are at is refused, nothing changes
printf 'partner,program,tier,since,invited\nacme,test-2025,elite,2025-01-01,\n' >elite.csv
expect_ok import enrollments elite.csv
sed 's/elite/vip/g' good2.yaml >renamed.yaml
db_snapshot
expect_fail 1 program load renamed.yaml
expect_stderr_is "consort: error: renamed.yaml: cannot replace program 'test-2025': partner 'acme' is at tier 'elite', which it no longer has"
expect_db_unchanged
expect_ok import agreements "$FIXTURES/agreements.csv"
expect_ok import solutions "$FIXTURES/solutions.csv"
expect_ok import stories "$FIXTURES/stories.csv"
expect_ok import deals "$FIXTURES/deals.csv"
expect_ok evaluate --program segment-2025 --mode annual --year 2025 --as-of 2025-01-15 \
	--partner acme --format json
expect_json '.partners[0].qualified_tier' bronze
sed 's/tiers: {bronze: 100000, silver: 500000, gold: 1000000}/tiers: {bronze: 100000, silver: 380000, gold: 1000000}/' \
	"$ROOT/programs/segment-2025.yaml" >segment-edited.yaml
cmp -s segment-edited.yaml "$ROOT/programs/segment-2025.yaml" && fail "sed did not edit the program"
expect_ok program load segment-edited.yaml
expect_stdout_is "loaded program 'segment-2025' from segment-edited.yaml"
expect_ok program show segment-2025 --format json
expect_json '.requirements[] | select(.key == "influence_revenue") | .tiers.silver.threshold' "380000.00"
expect_ok evaluate --program segment-2025 --mode annual --year 2025 --as-of 2025-01-15 \
	--partner acme --format json
expect_json '.partners[0].qualified_tier' silver
expect_json '.partners[0].next_tier.tier' gold

# init puts the bundled definition back
expect_ok init
expect_ok program show segment-2025 --format json
expect_json '.requirements[] | select(.key == "influence_revenue") | .tiers.silver.threshold' "500000.00"
expect_sql "SELECT COUNT(*) FROM programs" 3

# usage errors
expect_fail 2 program
expect_stderr_contains "consort program: usage: consort program list|show NAME|validate FILE|load FILE"
expect_fail 2 program frob
expect_fail 2 program show
expect_stderr_contains "usage: consort program show NAME [--format json|table]"
expect_fail 2 program validate
expect_stderr_contains "usage: consort program validate FILE"
expect_fail 2 program load
expect_stderr_contains "usage: consort program load FILE"
expect_fail 2 program list --format yaml
expect_stderr_contains "consort program: invalid --format 'yaml': expected json or table"
expect_fail 2 program list --format
expect_stderr_contains "option '--format' needs a value"
expect_fail 2 program list --color
expect_stderr_contains "consort program: unknown option '--color'"
expect_fail 2 program list --format json --format table
expect_stderr_contains "option '--format' given twice"
