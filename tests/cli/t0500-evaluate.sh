#!/bin/bash
# evaluate: annual and mid-year windows, --as-of, --partner, the JSON shape,
# qualified tiers, requirement values, evidence and gap texts.
# shellcheck source=tests/cli/lib.sh disable=SC2016 # (literal $ in expected amounts)
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

load_fixtures
db_snapshot

annual=(evaluate --program segment-2025 --mode annual --year 2025 --as-of 2025-01-15)
midyear=(evaluate --program segment-2025 --mode midyear --as-of 2025-06-30)

# ---- annual, JSON ----
expect_ok "${annual[@]}" --format json
expect_stderr_empty
expect_json 'keys_unsorted | join(",")' "program,mode,window,as_of,program_year,partners"
expect_json '[.program, .mode, .window.from, .window.to, .as_of, .program_year] | map(tostring) | join(" ")' \
	"segment-2025 annual 2024-01-01 2024-12-31 2025-01-15 2025"
expect_json '[.partners[].partner] | join(",")' "acme,globex,initech,umbrella,hooli"
expect_jq 'all(.partners[]; keys_unsorted == ["partner","current_tier","qualified_tier","change","target_tier","requirements","next_tier"])'
expect_jq 'all(.partners[].requirements[]; keys_unsorted == ["key","name","kind","unit","applies","value","threshold","required","met","tiers","evidence","gap"])'
expect_jq 'all(.partners[]; (.next_tier == null) or (.next_tier | keys_unsorted == ["tier","gap"]))'
expect_json '[.partners[] | "\(.partner):\(.current_tier)>\(.qualified_tier):\(.change)"] | join(" ")' \
	"acme:registered>bronze:up globex:silver>gold:up initech:bronze>null:down umbrella:bronze>bronze:none hooli:registered>registered:none"

# acme: bronze on $380,000 of influenced ARR (professional services, open,
# lost and out-of-window deals do not count); silver is $120,000 away.
expect_json '.partners[0].next_tier.tier' silver
expect_json '.partners[0].next_tier.gap' '$120,000.00 more influenced ARR'
expect_json '.partners[0].target_tier' silver
acme_rev='.partners[0].requirements[] | select(.key == "influence_revenue")'
expect_json "$acme_rev | [.applies, .value, .threshold, .required, .met] | map(tostring) | join(\" \")" \
	"true 380000.00 500000.00 true false"
expect_json "$acme_rev | [.evidence[].deal] | join(\",\")" "d-acme-1,d-acme-2"
expect_json "$acme_rev | .evidence[1] | [.deal, .product, .type, .arr_usd, .closed_on] | join(\" \")" \
	"d-acme-2 segment upsell 130000.00 2024-11-30"
expect_json "$acme_rev | .gap" '$120,000.00 more influenced ARR'
expect_json "$acme_rev | .tiers | to_entries | map(\"\(.key)=\(.value.threshold)/\(.value.met)\") | join(\" \")" \
	"bronze=100000.00/true silver=500000.00/false gold=1000000.00/false"
expect_json '.partners[0].requirements[] | select(.key == "stories") | [.value, .threshold, .met] | map(tostring) | join(" ")' \
	"2 2 true"
expect_json '.partners[0].requirements[] | select(.key == "agreements") | .evidence[0] | [.agreement, .signed_on, (.expires_on | tostring)] | join(" ")' \
	"tos 2024-01-15 null"
# Not invited to silver: the invite-only requirements do not bind acme there.
expect_json '.partners[0].requirements[] | select(.key == "gtm_plan") | [.required, .met, .gap, .tiers.silver.invite_only, .tiers.silver.required] | map(tostring) | join(" ")' \
	"false false null true false"

# globex: gold, the top tier: no next tier.
expect_json '.partners[1] | [.qualified_tier, .target_tier, (.next_tier | tostring)] | join(" ")' "gold gold null"
expect_json '.partners[1].requirements[] | select(.key == "influence_revenue") | .value' "1200000.50"
expect_json '.partners[1].requirements[] | select(.key == "gtm_plan") | .evidence[0] | "\(.year) \(.approved_on)"' "2025 2024-12-15"
expect_json '.partners[1].requirements[] | select(.key == "account_mapping") | .evidence[0] | "\(.enabled_on) \(.disabled_on)"' "2024-01-01 null"
expect_json '.partners[1].requirements[] | select(.key == "stories") | .value' 3
expect_jq 'all(.partners[1].requirements[]; .gap == null)'

# initech: its Terms of Service expired: not in good standing.
expect_json '.partners[2] | [.current_tier, (.qualified_tier | tostring), .change, .next_tier.tier, .next_tier.gap] | join("|")' \
	"bronze|null|down|registered|a signed Twilio Terms of Service"
expect_json '.partners[2].requirements[] | select(.key == "agreements") | [.value, .met, (.evidence | length)] | map(tostring) | join(" ")' \
	"false false 0"

# umbrella: embed (influence revenue does not apply), invited to silver, so the
# invite-only plan and account mapping are what it lacks.
expect_json '.partners[3].next_tier.gap' "an approved joint GTM business plan for 2025; automated account mapping in place"
expect_json '.partners[3].requirements[] | select(.key == "influence_revenue") | [.applies, .required, .value] | map(tostring) | join(" ")' \
	"false false 0.00"
expect_json '.partners[3].requirements[] | select(.key == "gtm_plan") | [.required, .met, .gap, .tiers.silver.required] | map(tostring) | join("|")' \
	"true|false|an approved joint GTM business plan for 2025|true"
expect_json '.partners[3].requirements[] | select(.key == "stories") | [.evidence[].story] | join(",")' "umbrella-s1,umbrella-s2"

# hooli: registered, lacking everything bronze asks for.
expect_json '.partners[4].next_tier.gap' \
	'1 more launched joint solution; 1 more launched solution with finalized documentation and collateral; 1 more published customer success story; $100,000.00 more influenced ARR'

# ---- annual, table ----
expect_ok "${annual[@]}"
expect_stdout_is 'program segment-2025, annual evaluation, window 2024-01-01 to 2024-12-31, as of 2025-01-15

PARTNER                  CURRENT      QUALIFIED    CHANGE TO REACH NEXT TIER
acme                     registered   bronze       up     silver: $120,000.00 more influenced ARR
globex                   silver       gold         up     top tier
initech                  bronze       -            down   registered: a signed Twilio Terms of Service
umbrella                 bronze       bronze       none   silver: an approved joint GTM business plan for 2025; automated account mapping in place
hooli                    registered   registered   none   bronze: 1 more launched joint solution; 1 more launched solution with finalized documentation and collateral; 1 more published customer success story; $100,000.00 more influenced ARR

5 partners: 2 up, 1 down, 2 unchanged'
expect_ok "${annual[@]}" --format table
expect_stdout_contains "5 partners: 2 up, 1 down, 2 unchanged"

# ---- --partner ----
expect_ok "${annual[@]}" --partner acme --format json
expect_json '[.partners[].partner] | join(",")' acme
expect_json '.partners[0].next_tier.gap' '$120,000.00 more influenced ARR'
expect_ok "${annual[@]}" --partner umbrella
expect_stdout_contains "1 partner: 0 up, 0 down, 1 unchanged"
expect_fail 1 "${annual[@]}" --partner nobody
expect_stderr_is "consort: error: unknown partner 'nobody'"
expect_stdout_empty
expect_fail 1 "${annual[@]}" --partner stark
expect_stderr_is "consort: error: partner 'stark' is not enrolled in program 'segment-2025' (or is deactivated)"

# ---- mid-year: the trailing 365 days up to --as-of ----
expect_ok "${midyear[@]}" --format json
expect_json '[.mode, .window.from, .window.to, .as_of, .program_year] | map(tostring) | join(" ")' \
	"midyear 2024-07-01 2025-06-30 2025-06-30 2025"
expect_json '[.partners[] | "\(.partner):\(.qualified_tier)"] | join(" ")' \
	"acme:bronze globex:silver initech:null umbrella:bronze hooli:registered"
# acme: d-acme-2 (2024-11-30) and d-acme-6 (2025-03-15) fall in the window.
expect_json '.partners[0].requirements[] | select(.key == "influence_revenue") | [.value, ([.evidence[].deal] | join(","))] | join(" ")' \
	"330000.00 d-acme-2,d-acme-6"
expect_json '.partners[0].next_tier.gap' '$170,000.00 more influenced ARR'
# globex: only the September deal is left: silver, not gold.
expect_json '.partners[1] | [.change, .next_tier.tier, .next_tier.gap] | join("|")' \
	'none|gold|$499,999.50 more influenced ARR'
expect_ok "${midyear[@]}"
expect_stdout_contains "program segment-2025, midyear evaluation, window 2024-07-01 to 2025-06-30, as of 2025-06-30" \
	"globex                   silver       silver       none   gold: \$499,999.50 more influenced ARR" \
	"5 partners: 1 up, 1 down, 3 unchanged"
# The window moves with --as-of: on 2024-12-31 it is calendar 2024 (a leap year).
expect_ok evaluate --program segment-2025 --mode midyear --as-of 2024-12-31 --partner acme --format json
expect_json '"\(.window.from) \(.window.to)"' "2024-01-02 2024-12-31"
expect_json '.partners[0].requirements[] | select(.key == "influence_revenue") | .value' "380000.00"
# Facts dated after --as-of do not count (stories published later, mapping not yet on).
expect_ok evaluate --program segment-2025 --mode midyear --as-of 2024-03-01 --format json
expect_json '.partners[] | select(.partner == "acme") | .requirements[] | select(.key == "stories") | .value' 0
expect_json '.partners[] | select(.partner == "acme") | .qualified_tier' registered

# twilio-2023, mid-year: stark, an embed partner with direct spend, a commit
# and a support package.
expect_ok evaluate --program twilio-2023 --mode midyear --as-of 2025-06-30 --format json
expect_json '[.partners[].partner] | join(",")' stark
expect_json '.partners[0] | [.current_tier, .qualified_tier, .change, .next_tier.tier, .next_tier.gap] | join("|")' \
	'registered|bronze|up|silver|1 more published customer success story; $4,729,999.50 more direct spend'
spend='.partners[0].requirements[] | select(.key == "direct_spend")'
expect_json "$spend | [.group, .value, .threshold] | join(\" \")" "revenue 270000.50 5000000.00"
expect_json "$spend | [.evidence[] | \"\(.month)=\(.amount_usd)\"] | join(\",\")" "2024-07=150000.00,2025-01=120000.50"
expect_json '.partners[0].requirements[] | select(.key == "commit") | [.value, .evidence[0].commit, (.threshold | tostring)] | join(" ")' \
	"60000000.00 c-2024 null"
expect_json '.partners[0].requirements[] | select(.key == "support_package") | [.value, .met] | map(tostring) | join(" ")' "true true"
expect_json '.partners[0].requirements[] | select(.key == "influence_revenue") | .applies' false

# ---- the as-of date ----
expect_fail 1 evaluate --program segment-2025 --mode annual --year 2025 --as-of 2024-12-30
expect_stderr_is "consort: error: as-of date 2024-12-30 is before the end of the annual window (2024-12-31) for program year 2025"
expect_ok evaluate --program segment-2025 --mode annual --year 2025 --as-of 2024-12-31 --format json
expect_json '.as_of' 2024-12-31
# Without --as-of: today (UTC).
today=$(date -u +%F)
expect_ok evaluate --program segment-2025 --mode midyear --format json
expect_json '"\(.as_of) \(.window.to)"' "$today $today"
expect_ok evaluate --program segment-2025 --mode annual --year 2020 --format json
expect_json '"\(.as_of) \(.window.from) \(.window.to)"' "$today 2019-01-01 2019-12-31"
# (no revenue in 2019; everything else is judged as of today)
expect_json '[.partners[].qualified_tier] | map(tostring) | join(",")' "registered,registered,null,bronze,registered"
# --name=value works as --name value
expect_ok evaluate --program=segment-2025 --mode=midyear --as-of=2025-06-30 --partner=acme --format=json
expect_json '.partners[0].next_tier.gap' '$170,000.00 more influenced ARR'

# ---- a program with no enrolled partner ----
expect_ok program load "$FIXTURES/program-good.yaml"
db_snapshot
expect_ok evaluate --program test-2025 --mode midyear --as-of 2025-06-30 --format json
expect_json '"\(.window.from) \(.window.to) \(.partners | length)"' "2025-04-02 2025-06-30 0"
expect_ok evaluate --program test-2025 --mode midyear --as-of 2025-06-30
expect_stdout_contains "0 partners: 0 up, 0 down, 0 unchanged"

# Evaluating without --propose records nothing.
expect_db_unchanged

# ---- amounts near the limit add up without overflowing ----
printf 'key,partner,account,product,type,stage,arr_usd,closed_on\nbig-1,hooli,Big,segment,new,closed_won,92233720368547758.07,2024-06-01\nbig-2,hooli,Big,segment,new,closed_won,92233720368547758.07,2024-06-02\n' >big.csv
expect_ok import deals big.csv
expect_ok "${annual[@]}" --partner hooli --format json
expect_json '.partners[0].requirements[] | select(.key == "influence_revenue") | [.value, .met] | map(tostring) | join(" ")' \
	"92233720368547758.07 true"
printf 'partner,month,amount_usd\nstark,2025-02,92233720368547758.07\nstark,2025-03,92233720368547758.07\n' >bigspend.csv
expect_ok import spend bigspend.csv
expect_ok evaluate --program twilio-2023 --mode midyear --as-of 2025-06-30 --format json
expect_json '.partners[0].requirements[] | select(.key == "direct_spend") | .value' "92233720368547758.07"

# ---- errors ----
expect_fail 1 evaluate --program nope --mode midyear --as-of 2025-06-30
expect_stderr_is "consort: error: unknown program 'nope' (see 'consort program list')"
expect_stdout_empty
usage() { # ARGS... then the expected message
	local msg=${*: -1}
	expect_fail 2 "${@:1:$#-1}"
	expect_stderr_is "consort evaluate: $msg
(see 'consort help')"
	expect_stdout_empty
}
usage evaluate --mode midyear "missing --program NAME"
usage evaluate --program segment-2025 "missing --mode annual|midyear"
usage evaluate --program segment-2025 --mode yearly "invalid --mode 'yearly': expected annual or midyear"
usage evaluate --program segment-2025 --mode annual "--mode annual needs --year YYYY (the program year)"
usage evaluate --program segment-2025 --mode annual --year 25x "invalid --year '25x': expected YYYY"
usage evaluate --program segment-2025 --mode annual --year 1900 "invalid --year '1900': expected YYYY"
usage evaluate --program segment-2025 --mode midyear --year 2025 "--year is for --mode annual; mid-year uses --as-of"
usage evaluate --program segment-2025 --mode midyear --as-of 2025-02-29 "invalid --as-of '2025-02-29': expected YYYY-MM-DD"
usage evaluate --program segment-2025 --mode midyear --as-of 30/06/2025 "invalid --as-of '30/06/2025': expected YYYY-MM-DD"
usage evaluate --program segment-2025 --mode midyear --format csv "invalid --format 'csv': expected json or table"
usage evaluate --program segment-2025 --mode midyear acme "unexpected argument 'acme'"
usage evaluate --program segment-2025 --mode midyear --partner "option '--partner' needs a value"
usage evaluate --program segment-2025 --mode midyear --dry-run "unknown option '--dry-run'"
usage evaluate --program segment-2025 --program twilio-2023 --mode midyear "option '--program' given twice"
usage evaluate --program segment-2025 --mode midyear --propose=yes "unknown option '--propose=yes'"
