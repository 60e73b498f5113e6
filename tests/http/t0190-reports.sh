#!/bin/bash
# GET /api/v1/reports/summary: partners and revenue by tier (active partners,
# the mid-year window, influenced vs direct as the engine counts them), the
# last proposing evaluation run, and bad requests.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

# by_tier as "tier:name:partners:influenced:direct" lines joined with spaces.
tiers='[.by_tier[] | "\(.tier):\(.name):\(.partners):\(.influenced_arr):\(.direct_arr)"] | join(" ")'

# The fixtures (segment-2025): globex silver, initech and umbrella bronze, acme and hooli
# registered. In the window 2024-01-17..2025-01-15, acme's closed-won deals but
# professional services come to 380,000 (d-acme-5 closed before it, d-acme-6 after,
# d-acme-3 is services, d-acme-4 open, d-acme-7 lost); globex's to 1,200,000.50. Spend:
# acme 1,000 (2024-05), globex 2,000 (2024-07).
as finance
req GET '/api/v1/reports/summary?program=segment-2025&as_of=2025-01-15'
expect_status 200
expect_jq 'keys_unsorted == ["program", "as_of", "window", "by_tier", "last_evaluation"]'
expect_json '[.program, .as_of, .window.from, .window.to] | join(" ")' \
	"segment-2025 2025-01-15 2024-01-17 2025-01-15"
expect_json "$tiers" "gold:Gold:0:0.00:0.00 silver:Silver:1:1200000.50:2000.00 bronze:Bronze:2:0.00:0.00 registered:Registered:2:380000.00:1000.00 null:No tier:0:0.00:0.00"
# The last run: the template's annual evaluation as of 2025-01-15, with proposals.
expect_json '.last_evaluation | [.as_of, .mode, .up, .down, (.proposals | length)] | map(tostring) | join(" ")' \
	"2025-01-15 annual 2 1 3"
expect_jq '.last_evaluation.created_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")'
expect_json '[.last_evaluation.proposals[] | "\(.partner)|\(.partner_name)|\(.from_tier)>\(.to_tier)|\(.status)"] | join(" ")' \
	"acme|Acme Analytics|registered>bronze|pending globex|Globex Corporation|silver>gold|pending initech|Initech|bronze>null|pending"
expect_jq '[.last_evaluation.proposals[].id] | all(type == "number")'

# The same numbers as the engine's mid-year evaluation on that day.
as partner_manager
req POST /api/v1/evaluations '{"program":"segment-2025","mode":"midyear","as_of":"2025-01-15"}'
expect_status 200
expect_json '[.partners[] | select(.partner == "acme" or .partner == "globex") | .requirements[] | select(.key == "influence_revenue") | .value] | join(" ")' \
	"380000.00 1200000.50"

# Deals outside the program's products do not count; a later day moves the window
# (d-acme-6, 200,000 on 2025-03-15, comes in; d-acme-1, 2024-04-10, goes out).
as finance
req PUT /api/v1/partners/acme/deals/d-acme-cpaas '{"account":"X","product":"cpaas","type":"new","stage":"closed_won","arr_usd":"5000","closed_on":"2024-12-01"}'
expect_status 201
req GET '/api/v1/reports/summary?program=segment-2025&as_of=2025-04-15'
expect_status 200
expect_json '[.window.from, .window.to] | join(" ")' "2024-04-16 2025-04-15"
expect_json '.by_tier[] | select(.tier == "registered") | .influenced_arr' "330000.00"

# Only active partners; partners without a tier under "No tier".
as partner_manager
req PUT /api/v1/partners/initech/tiers/segment-2025 '{"tier":"none","reason":"lapsed"}'
expect_status 200
req POST /api/v1/partners/globex/deactivate '{"reason":"left"}'
expect_status 200
as marketing
req GET '/api/v1/reports/summary?program=segment-2025&as_of=2025-01-15'
expect_status 200
expect_json "$tiers" "gold:Gold:0:0.00:0.00 silver:Silver:0:0.00:0.00 bronze:Bronze:1:0.00:0.00 registered:Registered:2:380000.00:1000.00 null:No tier:1:0.00:0.00"

# A newer proposing run replaces the last evaluation; decisions show in its statuses.
as partner_manager
req POST /api/v1/evaluations '{"program":"segment-2025","mode":"midyear","as_of":"2025-01-15","propose":true}'
expect_status 200
req GET '/api/v1/reports/summary?program=segment-2025&as_of=2025-01-15'
expect_json '.last_evaluation | [.mode, .up, .down] | map(tostring) | join(" ")' "midyear 1 0"
expect_json '[.last_evaluation.proposals[] | "\(.partner):\(.from_tier)>\(.to_tier)"] | join(" ")' \
	"acme:registered>bronze"
id=$(json '.last_evaluation.proposals[0].id')
req POST "/api/v1/proposals/$id/approve" '{}'
expect_status 200
# A run that proposes nothing is no run.
req POST /api/v1/evaluations '{"program":"segment-2025","mode":"midyear","as_of":"2025-01-15","propose":true,"partner":"hooli"}'
expect_status 200
as solution_engineer
req GET '/api/v1/reports/summary?program=segment-2025&as_of=2025-01-15'
expect_json '[.last_evaluation.proposals[] | "\(.partner):\(.status)"] | join(" ")' "acme:approved"
expect_json '.by_tier[] | select(.tier == "bronze") | .partners' 2

# twilio-2023: no proposal ever (null), its products (cpaas counts there), direct spend
# of the months that end inside the window.
req GET '/api/v1/reports/summary?program=twilio-2023&as_of=2025-01-15'
expect_status 200
expect_json '.last_evaluation' null
expect_json '[.by_tier[].tier] | map(tostring) | join(" ")' "gold silver bronze registered null"
expect_json '.by_tier[] | select(.tier == "registered") | [.partners, .influenced_arr, .direct_arr] | map(tostring) | join(" ")' \
	"1 0.00 250000.00"
req GET '/api/v1/reports/summary?program=twilio-2023&as_of=2025-01-31'
expect_json '.by_tier[] | select(.tier == "registered") | .direct_arr' "370000.50"

# Today by default.
req GET '/api/v1/reports/summary?program=twilio-2023'
expect_status 200
expect_json .as_of "$(date -u +%F)"
expect_json .window.to "$(date -u +%F)"

# Bad requests: 422 naming the parameter; partners may not.
for q in '' '?program=' '?as_of=2025-01-15'; do
	req GET "/api/v1/reports/summary$q"
	expect_status 422
	expect_error validation_failed program
done
req GET '/api/v1/reports/summary?program=nope'
expect_status 422
expect_error validation_failed program
expect_message "unknown program 'nope'"
req GET '/api/v1/reports/summary?program=segment-2025&as_of=2025-02-30'
expect_status 422
expect_error validation_failed as_of
as partner_admin
req GET '/api/v1/reports/summary?program=segment-2025'
expect_status 403
