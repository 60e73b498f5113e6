#!/bin/bash
# benefits PARTNER --program P [--as-of D]; review inactive --program P --quarter YYYYQn
# shellcheck source=tests/cli/lib.sh disable=SC2016 # (literal $ in expected amounts)
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

load_fixtures
db_snapshot

# ---- benefits ----
expect_ok benefits acme --program segment-2025 --as-of 2025-03-01
expect_stdout_is "acme in segment-2025, tier registered, as of 2025-03-01

entitled  Access to partner portal
locked    Referral fee (requires a signed Partner referral addendum)
entitled  Self-serve training via portal
locked    Partner listing (requires Bronze tier)
locked    Partner tier badge (requires Bronze tier)
locked    Automated account mapping (requires Gold tier)
locked    Joint marketing (MDF) (requires Gold tier)
locked    Partner management (requires Silver tier with an invitation, or Gold tier)
locked    Product roadmap reviews (requires Silver tier with an invitation, or Gold tier)
locked    GTM resources (requires Silver tier with an invitation, or Gold tier)"
expect_ok benefits acme --program segment-2025 --as-of 2025-03-01 --format json
expect_json 'keys_unsorted | join(",")' "partner,program,tier,as_of,benefits"
expect_json '[.partner, .program, .tier, .as_of] | join(" ")' "acme segment-2025 registered 2025-03-01"
expect_jq 'all(.benefits[]; keys_unsorted == ["key","name","grant","status","reasons"])'
expect_json '[.benefits[].key] | join(",")' \
	"partner_portal,referral_fee,self_serve_training,partner_listing,tier_badge,account_mapping,mdf,partner_management,roadmap_reviews,gtm_resources"
# The referral fee is included at every tier but locked without the addendum.
expect_json '.benefits[] | select(.key == "referral_fee") | [.grant, .status, (.reasons | join(";"))] | join("|")' \
	"included|locked|requires a signed Partner referral addendum"
expect_json '[.benefits[] | select(.status == "entitled") | .key] | join(",")' "partner_portal,self_serve_training"

# With the referral addendum signed, it unlocks; not before it is signed, not
# after it expires.
printf 'partner,agreement,signed_on,expires_on\nacme,referral_addendum,2025-02-01,2025-12-31\n' >addendum.csv
expect_ok import agreements addendum.csv
expect_ok benefits acme --program segment-2025 --as-of 2025-03-01 --format json
expect_json '.benefits[] | select(.key == "referral_fee") | [.status, (.reasons | length)] | map(tostring) | join(" ")' "entitled 0"
expect_ok benefits acme --program segment-2025 --as-of 2025-12-31 --format json
expect_json '.benefits[] | select(.key == "referral_fee") | .status' entitled
expect_ok benefits acme --program segment-2025 --as-of 2025-01-31 --format json
expect_json '.benefits[] | select(.key == "referral_fee") | .status' locked
expect_ok benefits acme --program segment-2025 --as-of 2026-01-01 --format json
expect_json '.benefits[] | select(.key == "referral_fee") | .reasons[0]' "requires a signed Partner referral addendum"
expect_ok benefits acme --program segment-2025 --as-of 2025-03-01
expect_stdout_contains "entitled  Referral fee
"

# Invite-only benefits: silver without an invitation...
expect_ok benefits globex --program segment-2025 --as-of 2025-03-01
expect_stdout_contains "globex in segment-2025, tier silver, as of 2025-03-01" \
	"entitled  Referral fee" \
	"entitled  Partner listing" \
	"locked    Partner management (invite-only at Silver tier: requires an invitation (included at Gold))" \
	"locked    GTM resources (invite-only at Silver tier: requires an invitation (included at Gold))"
expect_ok benefits globex --program segment-2025 --as-of 2025-03-01 --format json
expect_json '.benefits[] | select(.key == "roadmap_reviews") | [.grant, .status, .reasons[0]] | join("|")' \
	"invite_only|locked|invite-only at Silver tier: requires an invitation (included at Gold)"
# ...and with one (umbrella is invited to silver).
expect_ok tier set umbrella silver --program segment-2025 --reason "invited" --effective 2025-03-01
expect_ok benefits umbrella --program segment-2025 --as-of 2025-03-01 --format json
expect_json '[.benefits[] | select(.grant == "invite_only") | "\(.key)=\(.status)"] | join(" ")' \
	"partner_management=entitled roadmap_reviews=entitled gtm_resources=entitled"
expect_json '.benefits[] | select(.key == "mdf") | .reasons[0]' "requires Gold tier"
# Gold: every benefit but the referral fee (umbrella has no addendum).
expect_ok tier set umbrella gold --program segment-2025 --reason "test"
expect_ok benefits umbrella --program segment-2025 --format json
expect_json '[.benefits[] | select(.status == "locked") | .key] | join(",")' "referral_fee"
expect_json '.as_of' "$(date -u +%F)"

# Product-limited benefits (twilio-2023: the referral fee is Segment only).
expect_ok benefits stark --program twilio-2023 --as-of 2025-03-01
expect_stdout_contains "locked    Referral fee (Segment only) (only for partners with Twilio Segment; requires a signed Partner referral addendum)" \
	"locked    Partner solution review (requires Silver tier with an invitation, or Gold tier)"

# Not in good standing: no tier, no benefits.
expect_ok tier set initech none --program segment-2025 --reason "ToS expired"
expect_ok benefits initech --program segment-2025 --as-of 2025-03-01 --format json
expect_json '.tier | tostring' null
expect_jq 'all(.benefits[]; .status == "locked" and .reasons[0] == "not in good standing: no tier, no benefits")'
expect_ok benefits initech --program segment-2025 --as-of 2025-03-01
expect_stdout_contains "initech in segment-2025, tier -, as of 2025-03-01" \
	"locked    Referral fee (not in good standing: no tier, no benefits; requires a signed Partner referral addendum)"

db_snapshot
expect_fail 1 benefits nobody --program segment-2025
expect_stderr_is "consort: error: unknown partner 'nobody' (see 'consort partner list')"
expect_fail 1 benefits acme --program nope
expect_stderr_is "consort: error: unknown program 'nope' (see 'consort program list')"
expect_fail 1 benefits stark --program segment-2025
expect_stderr_is "consort: error: partner 'stark' is not enrolled in program 'segment-2025' (or is deactivated)"
expect_fail 2 benefits acme
expect_stderr_is "consort benefits: usage: consort benefits PARTNER --program P [--as-of DATE]
(see 'consort help')"
expect_fail 2 benefits --program segment-2025
expect_fail 2 benefits acme globex --program segment-2025
expect_fail 2 benefits acme --program segment-2025 --as-of 2025-3-1
expect_stderr_contains "consort benefits: invalid --as-of '2025-3-1': expected YYYY-MM-DD"
expect_fail 2 benefits acme --program segment-2025 --format html
expect_db_unchanged

# ---- review inactive ----
expect_ok review inactive --program segment-2025 --quarter 2025Q1
expect_stdout_is "registered partners of segment-2025 with no activity from 2025-01-01 to 2025-03-31:

PARTNER  NAME   SINCE       LAST ACTIVITY
hooli    Hooli  2024-05-01  2024-12-01

to deactivate one: consort partner deactivate KEY --reason TEXT"
expect_ok review inactive --program segment-2025 --quarter 2025Q1 --format json
expect_json 'keys_unsorted | join(",")' "program,quarter,tier,window,inactive"
expect_json '[.program, .quarter, .tier, .window.from, .window.to] | join(" ")' \
	"segment-2025 2025Q1 registered 2025-01-01 2025-03-31"
expect_json '.inactive | map("\(.partner)|\(.name)|\(.since)|\(.last_activity)") | join(" ")' \
	"hooli|Hooli|2024-05-01|2024-12-01"
# 2024Q4: hooli was active (December), acme was not.
expect_ok review inactive --program segment-2025 --quarter 2024Q4 --format json
expect_json '[.window.from, .window.to, (.inactive | map(.partner) | join(","))] | join(" ")' \
	"2024-10-01 2024-12-31 acme"
# No activity ever: last_activity is null (twilio-2023 reviews its registered partners).
expect_ok review inactive --program twilio-2023 --quarter 2025Q1 --format json
expect_json '.inactive | map("\(.partner) \(.last_activity)") | join(",")' "stark null"
expect_ok review inactive --program twilio-2023 --quarter 2025Q1
expect_stdout_contains "stark    Stark Messaging  2023-01-10  -"
# The quarter's bounds: the last day counts, the next day does not; the last
# activity shown is the last one up to the quarter's end, not a later one.
printf 'partner,on,kind\nstark,2025-04-01,webinar\n' >april.csv
expect_ok import activity april.csv
expect_ok review inactive --program twilio-2023 --quarter 2025Q1 --format json
expect_json '.inactive | map("\(.partner) \(.last_activity)") | join(",")' "stark null"
printf 'partner,on,kind\nstark,2024-11-30,webinar\n' >november.csv
expect_ok import activity november.csv
expect_ok review inactive --program twilio-2023 --quarter 2025Q1 --format json
expect_json '.inactive | map("\(.partner) \(.last_activity)") | join(",")' "stark 2024-11-30"
printf 'partner,on,kind\nstark,2025-03-31,portal_login\n' >march.csv
expect_ok import activity march.csv
expect_ok review inactive --program twilio-2023 --quarter 2025Q1 --format json
expect_json '.inactive | length' 0
expect_ok review inactive --program twilio-2023 --quarter 2025Q1
expect_stdout_contains "PARTNER  NAME  SINCE  LAST ACTIVITY"
# Partners enrolled after the quarter are not reviewed for it (acme enrolled
# 2024-01-15, hooli 2024-05-01).
expect_ok review inactive --program segment-2025 --quarter 2023Q1 --format json
expect_json '.inactive | map(.partner) | join(",")' ""
expect_ok review inactive --program segment-2025 --quarter 2024Q1 --format json
expect_json '.inactive | map(.partner) | join(",")' "acme"
# Only the program's review tier (registered) is reviewed.
expect_ok review inactive --program segment-2025 --quarter 2024Q3 --format json
expect_json '.inactive | map(.partner) | join(",")' "acme,hooli"

# Deactivating a reviewed partner takes it off the list.
expect_ok partner deactivate hooli --reason "no activity in 2025Q1" --on 2025-04-02
expect_ok review inactive --program segment-2025 --quarter 2025Q1 --format json
expect_json '.inactive | length' 0

expect_ok program load "$FIXTURES/program-good.yaml"
db_snapshot
expect_fail 1 review inactive --program test-2025 --quarter 2025Q1
expect_stderr_is "consort: error: program 'test-2025' defines no inactivity review"
for q in 2025Q5 2025Q0 2025-Q1 25Q1 2025q1 2025Q1x; do
	expect_fail 1 review inactive --program segment-2025 --quarter "$q"
	expect_stderr_is "consort: error: invalid quarter '$q': expected YYYYQn, e.g. 2025Q1"
done
expect_fail 1 review inactive --program nope --quarter 2025Q1
expect_stderr_is "consort: error: unknown program 'nope' (see 'consort program list')"
expect_fail 2 review inactive --program segment-2025
expect_stderr_is "consort review: usage: consort review inactive --program P --quarter YYYYQn
(see 'consort help')"
expect_fail 2 review inactive --quarter 2025Q1
expect_fail 2 review active --program segment-2025 --quarter 2025Q1
expect_fail 2 review
expect_fail 2 review inactive --program segment-2025 --quarter 2025Q1 --format text
expect_stderr_contains "consort review: invalid --format 'text': expected json or table"
expect_db_unchanged
