#!/bin/bash
# evaluate --propose, tier proposals | approve | reject, stale proposals,
# tier set (overrides), tier history.
# shellcheck source=tests/cli/lib.sh disable=SC2016 # (literal $ in expected amounts)
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

load_fixtures
annual=(evaluate --program segment-2025 --mode annual --year 2025 --as-of 2025-01-15)

# ---- proposals ----
expect_ok tier proposals
expect_stdout_is "ID  PARTNER  PROGRAM  FROM  TO  MODE  STATUS  GAP TO NEXT TIER"
expect_ok "${annual[@]}" --propose
expect_stdout_contains "5 partners: 2 up, 1 down, 2 unchanged; 3 proposals recorded (see 'consort tier proposals')"
# ...audited in the same transaction, by whom and how many
expect_sql "SELECT actor || ' ' || key || ' ' || json_extract(after, '\$.proposals') FROM audit_log WHERE action = 'evaluation.propose'" \
	"tester segment-2025 3"
expect_ok tier proposals
expect_stdout_is 'ID  PARTNER  PROGRAM       FROM        TO      MODE    STATUS   GAP TO NEXT TIER
1   acme     segment-2025  registered  bronze  annual  pending  $120,000.00 more influenced ARR
2   globex   segment-2025  silver      gold    annual  pending  -
3   initech  segment-2025  bronze      -       annual  pending  a signed Twilio Terms of Service'
# No change, no proposal; other partners' pending proposals stay.
expect_ok "${annual[@]}" --propose --partner umbrella
expect_stdout_contains "1 partner: 0 up, 0 down, 1 unchanged; 0 proposals recorded (see 'consort tier proposals')"
expect_ok tier proposals --format json
expect_json 'length' 3
expect_json '.[0] | [.id, .partner, .program, .from_tier, .to_tier, .mode, .window.from, .window.to, .as_of, .status, (.decided_at | tostring), (.decided_by | tostring)] | map(tostring) | join(" ")' \
	"1 acme segment-2025 registered bronze annual 2024-01-01 2024-12-31 2025-01-15 pending null null"
expect_json '.[0].next_tier.gap' '$120,000.00 more influenced ARR'
expect_json '.[2] | [.from_tier, (.to_tier | tostring)] | join(" ")' "bronze null"
expect_jq '.[0].created_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")'
# The proposal keeps the whole explanation it was made from.
sql "SELECT explanation FROM tier_proposals WHERE id = 1" >explanation.json
jq -e '.partner == "acme" and .qualified_tier == "bronze" and (.requirements | length) == 7' explanation.json >/dev/null ||
	fail "the stored explanation of proposal 1 is not the evaluation result"

# Proposing again supersedes what is still pending; JSON output names the new
# proposal of each changed partner and counts them on stderr.
expect_ok "${annual[@]}" --propose --format json
expect_stderr_is "3 proposals recorded"
expect_json '[.partners[] | "\(.partner)=\(.proposal)"] | join(" ")' \
	"acme=4 globex=5 initech=6 umbrella=null hooli=null"
expect_ok tier proposals --status superseded --format json
expect_json '[.[] | "\(.id):\(.status)"] | join(" ")' "1:superseded 2:superseded 3:superseded"
expect_ok tier proposals --format json
expect_json '[.[].id] | map(tostring) | join(",")' "4,5,6"
expect_ok tier proposals --status all --format json
expect_json 'length' 6
expect_ok tier proposals --program segment-2025 --format json
expect_json 'length' 3
expect_ok tier proposals --program twilio-2023 --format json
expect_json 'length' 0
expect_fail 1 tier proposals --program nope
expect_stderr_is "consort: error: unknown program 'nope'"
expect_fail 2 tier proposals --status open
expect_stderr_contains "consort tier: invalid --status 'open': expected pending, approved, rejected, superseded or all"

# ---- approve ----
expect_ok tier approve 4 --effective 2025-02-01
expect_stdout_is "proposal 4 approved"
expect_ok partner show acme
expect_json '.enrollments[0] | "\(.tier) \(.since)"' "bronze 2025-02-01"
expect_ok tier proposals --status approved --format json
expect_json '.[0] | [.id, .status, .decided_by] | map(tostring) | join(" ")' "4 approved tester"
expect_jq '.[0].decided_at | test("^[0-9]{4}-")'
expect_ok tier history acme --format json
expect_json 'length' 1
expect_json '.[0] | [.partner, .program, .from_tier, .to_tier, .effective_on, .changed_by, .source, .proposal] | map(tostring) | join(" ")' \
	"acme segment-2025 registered bronze 2025-02-01 tester approval 4"
expect_json '.[0].reason' "annual evaluation, window 2024-01-01 to 2024-12-31, as of 2025-01-15 (proposal 4)"
expect_ok tier history acme
expect_stdout_is "EFFECTIVE   PROGRAM       FROM        TO      BY      SOURCE    REASON
2025-02-01  segment-2025  registered  bronze  tester  approval  annual evaluation, window 2024-01-01 to 2024-12-31, as of 2025-01-15 (proposal 4)"

db_snapshot
expect_fail 1 tier approve 4
expect_stderr_is "consort: error: proposal 4 is approved, not pending"
expect_fail 1 tier reject 4
expect_stderr_is "consort: error: proposal 4 is not pending"
expect_fail 1 tier approve 1
expect_stderr_is "consort: error: proposal 1 is superseded, not pending"
expect_fail 1 tier approve 99
expect_stderr_is "consort: error: unknown proposal 99"
expect_fail 1 tier reject 99
expect_stderr_is "consort: error: unknown proposal 99"
for id in 0 -1 abc 1x 99999999999999999999; do
	expect_fail 2 tier approve "$id"
	expect_stderr_is "consort tier: invalid proposal id '$id': expected a positive number
(see 'consort help')"
done
expect_fail 2 tier approve 5 --effective 2025-13-01
expect_stderr_contains "consort tier: invalid --effective '2025-13-01': expected YYYY-MM-DD"
expect_db_unchanged

# ---- reject ----
expect_ok --actor carol tier reject 6
expect_stdout_is "proposal 6 rejected"
expect_ok tier proposals --status rejected --format json
expect_json '.[0] | [.id, .partner, .decided_by] | map(tostring) | join(" ")' "6 initech carol"
expect_ok partner show initech
expect_json '.enrollments[0].tier' bronze
expect_ok tier history initech --format json
expect_json 'length' 0
expect_fail 1 tier approve 6
expect_stderr_is "consort: error: proposal 6 is rejected, not pending"

# ---- stale: the tier changed since the proposal (here by an import) ----
printf 'partner,program,tier,since,invited\nglobex,segment-2025,bronze,2023-06-01,\n' >globex.csv
expect_ok import enrollments globex.csv
db_snapshot
expect_fail 1 tier approve 5
expect_stderr_is "consort: error: proposal 5 is stale: globex is now bronze, but the proposal was made when it was silver; run the evaluation again"
expect_db_unchanged
expect_ok tier proposals --format json
expect_json '[.[] | "\(.id):\(.status)"] | join(" ")' "5:pending"
# Evaluating again replaces it with a fresh one, which applies.
expect_ok "${annual[@]}" --propose --partner globex --format json
expect_stderr_is "1 proposal recorded"
expect_json '.partners[0] | "\(.current_tier)>\(.qualified_tier) \(.proposal)"' "bronze>gold 7"
expect_ok --actor dave tier approve 7 --effective 2025-02-15
expect_ok partner show globex
expect_json '.enrollments[0].tier' gold
expect_ok tier proposals --status all --format json
expect_json '[.[] | select(.partner == "globex") | "\(.id):\(.status)"] | join(" ")' "2:superseded 5:superseded 7:approved"
expect_ok tier history globex --format json
expect_json '.[0] | [.from_tier, .to_tier, .changed_by, .proposal] | map(tostring) | join(" ")' "bronze gold dave 7"

# ---- tier set ----
expect_ok "${annual[@]}" --propose --partner initech
expect_ok tier proposals --format json
expect_json '[.[] | "\(.id):\(.partner)"] | join(" ")' "8:initech"
expect_ok tier set initech none --program segment-2025 --reason "Terms of Service expired" --effective 2025-03-01
expect_stdout_is "initech is now none in segment-2025 (effective 2025-03-01)"
# "none" is stored as NULL: no tier, not in good standing
expect_sql "SELECT quote(e.tier) FROM enrollments e JOIN partners p ON p.id = e.partner_id JOIN programs g ON g.id = e.program_id WHERE p.key = 'initech' AND g.key = 'segment-2025'" "NULL"
# ...which supersedes the partner's pending proposal
expect_ok tier proposals --status superseded --program segment-2025 --format json
expect_jq 'any(.[]; .id == 8)'
expect_ok tier proposals --format json
expect_json 'length' 0
expect_ok partner show initech
expect_json '.enrollments[0] | "\(.tier) \(.since)"' "null 2025-03-01"
expect_ok tier history initech --format json
expect_json '.[0] | [.from_tier, .to_tier, .effective_on, .changed_by, .reason, .source, .proposal] | map(tostring) | join("|")' \
	"bronze|null|2025-03-01|tester|Terms of Service expired|override|null"
expect_ok partner list --format json
expect_json '.[] | select(.key == "initech") | .tiers["segment-2025"] | tostring' null

# From no tier back to one, through a proposal: initech signs the ToS again.
printf 'partner,agreement,signed_on,expires_on\ninitech,tos,2025-03-10,\n' >tos.csv
expect_ok import agreements tos.csv
expect_ok evaluate --program segment-2025 --mode midyear --as-of 2025-03-15 --partner initech --propose --format json
expect_json '.partners[0] | [(.current_tier | tostring), .qualified_tier, .change, .proposal] | map(tostring) | join(" ")' \
	"null registered up 9"
expect_ok tier proposals --format json
expect_json '.[0] | [(.from_tier | tostring), .to_tier, .mode, .window.from, .window.to] | join(" ")' \
	"null registered midyear 2024-03-16 2025-03-15"
expect_ok tier approve 9 --effective 2025-03-16
expect_ok partner show initech
expect_json '.enrollments[0].tier' registered
expect_ok tier history initech
expect_stdout_contains "2025-03-01  segment-2025  bronze  -           tester  override  Terms of Service expired" \
	"2025-03-16  segment-2025  -       registered  tester  approval  midyear evaluation, window 2024-03-16 to 2025-03-15, as of 2025-03-15 (proposal 9)"

expect_ok --actor erin tier set umbrella silver --program segment-2025 --reason "invited; plan in review"
expect_stdout_is "umbrella is now silver in segment-2025 (effective $(date -u +%F))"
expect_ok tier history umbrella --format json
expect_json '.[0] | [.from_tier, .to_tier, .changed_by, .reason, .effective_on] | join("|")' \
	"bronze|silver|erin|invited; plan in review|$(date -u +%F)"
expect_ok tier set umbrella silver --program=segment-2025 --reason=again --effective=2025-04-01
expect_ok tier history umbrella --format json
expect_json 'length' 2
expect_json '.[1] | "\(.from_tier)>\(.to_tier) \(.reason)"' "silver>silver again"

db_snapshot
expect_fail 1 tier set umbrella platinum --program segment-2025 --reason x
expect_stderr_is "consort: error: unknown tier 'platinum' in program 'segment-2025' (tiers: registered bronze silver gold, or none)"
expect_fail 1 tier set stark gold --program segment-2025 --reason x
expect_stderr_is "consort: error: partner 'stark' is not enrolled in program 'segment-2025'"
expect_fail 1 tier set nobody gold --program segment-2025 --reason x
expect_stderr_is "consort: error: unknown partner 'nobody' (see 'consort partner list')"
expect_fail 1 tier set umbrella gold --program nope --reason x
expect_stderr_is "consort: error: unknown program 'nope' (see 'consort program list')"
expect_fail 1 tier set umbrella gold --program segment-2025 --reason ""
expect_stderr_is "consort: error: a reason is required (--reason TEXT)"
expect_fail 2 tier set umbrella gold --program segment-2025
expect_stderr_is "consort tier: usage: consort tier set PARTNER TIER --program P --reason TEXT [--effective DATE]
(see 'consort help')"
expect_fail 2 tier set umbrella gold --reason x
expect_fail 2 tier set umbrella --program segment-2025 --reason x
expect_fail 2 tier set umbrella gold --program segment-2025 --reason x --effective 2025-04-31
expect_stderr_contains "consort tier: invalid --effective '2025-04-31': expected YYYY-MM-DD"
expect_db_unchanged

# ---- history ----
expect_ok tier history hooli
expect_stdout_is "EFFECTIVE  PROGRAM  FROM  TO  BY  SOURCE  REASON"
expect_ok tier history hooli --format json
expect_stdout_is "[]"
expect_fail 1 tier history nobody
expect_stderr_is "consort: error: unknown partner 'nobody' (see 'consort partner list')"
expect_sql "SELECT COUNT(*) FROM tier_history" 6

# ---- evaluation runs: the proposals of one proposing run share its run id ----
runs="SELECT group_concat(id || ':' || run_id, ' ') FROM (SELECT id, run_id FROM tier_proposals ORDER BY id)"
expect_sql "$runs" "1:1 2:1 3:1 4:2 5:2 6:2 7:3 8:4 9:5"
# A database made before migration 3 (no run ids, no descriptions): its proposals are
# numbered from their order, parameters and times (a new run after a minute's pause).
sql "UPDATE tier_proposals SET created_at = CASE WHEN id <= 3 THEN '2025-01-15T10:00:00Z'
	WHEN id <= 6 THEN '2025-01-15T10:05:00Z' WHEN id = 7 THEN '2025-01-15T10:05:30Z'
	ELSE '2025-03-15T09:00:00Z' END"
sql "DROP INDEX tier_proposals_run; ALTER TABLE tier_proposals DROP COLUMN run_id;
	ALTER TABLE partners DROP COLUMN description; ALTER TABLE programs DROP COLUMN revision;
	ALTER TABLE invitations DROP COLUMN revoked_at; DROP TABLE data_generation;
	DROP TABLE partner_generation;
	DELETE FROM schema_migrations WHERE version >= 3"
expect_ok partner list
expect_sql "SELECT MAX(version) FROM schema_migrations" 9
expect_sql "SELECT COUNT(*) FROM pragma_table_info('invitations') WHERE name = 'revoked_at'" 1
expect_sql "$runs" "1:1 2:1 3:1 4:4 5:4 6:4 7:4 8:8 9:9"
expect_sql "SELECT COUNT(*) FROM partners WHERE description IS NULL" 6

# ---- usage ----
expect_fail 2 tier
expect_stderr_is "consort tier: usage: consort tier proposals [--program P] [--status S] | approve ID | reject ID | set PARTNER TIER --program P --reason TEXT | history PARTNER
(see 'consort help')"
expect_fail 2 tier approve
expect_fail 2 tier reject 1 2
expect_fail 2 tier history
expect_fail 2 tier proposals extra
expect_fail 2 tier promote acme
expect_fail 2 tier proposals --format yaml
expect_stderr_contains "consort tier: invalid --format 'yaml': expected json or table"
