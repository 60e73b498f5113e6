#!/bin/bash
# GET /api/v1/partners?standing=near_next|not_good&program=P[&as_of=D]: the
# program's mid-year evaluation narrows the search, with the other filters,
# the sort and the pages as usual, and each item says why ("standing").
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

P='program=segment-2025&as_of=2025-01-15'
keys='[.items[].key] | join(",")'

# segment-2025 as of 2025-01-15: acme (registered) qualifies for bronze, globex
# (silver) for gold, umbrella stays bronze (silver, to which it is invited, asks a GTM
# plan and account mapping: yes/no requirements), hooli stays registered (bronze lacks
# a solution, materials, a story, revenue), initech (bronze) lost its ToS: none.
as partner_manager
req GET "/api/v1/partners?standing=not_good&$P"
expect_status 200
expect_json "$keys" initech
expect_json .total 1
expect_json '.items[0].standing | [(.qualified_tier | tostring), .next_tier] | join(" ")' "null silver"
expect_jq '.items[0].standing.gap | startswith("a signed Twilio Terms of Service; ")'
expect_jq '.items[0].standing | keys == ["gap", "next_tier", "qualified_tier"]'
req GET "/api/v1/partners?standing=near_next&$P"
expect_status 200
expect_json .total 0
expect_json .items '[]'

# Registered partners with everything bronze asks but part of its $100,000 of
# influenced ARR: 95,000 and 90,000 are within 10%, 89,999.99 is not; a bronze
# partner with 460,000 of silver's 500,000 (and its second story).
{
	echo "key,name,domain,motions,products,region"
	for k in near95 near90 far89 silver92; do echo "$k,$k Inc,$k.example,integrate,segment,NA"; done
} >partners.csv
{
	echo "partner,program,tier,since,invited"
	for k in near95 near90 far89; do echo "$k,segment-2025,registered,2024-01-01,"; done
	echo "silver92,segment-2025,bronze,2024-01-01,"
} >enrollments.csv
{
	echo "partner,agreement,signed_on,expires_on"
	for k in near95 near90 far89 silver92; do echo "$k,tos,2024-01-01,"; done
} >agreements.csv
{
	echo "partner,key,name,product,launched_on,docs_on,collateral_on,reviewed_on"
	for k in near95 near90 far89 silver92; do echo "$k,$k-sol,Sol,segment,2024-02-01,2024-02-01,2024-02-01,"; done
} >solutions.csv
{
	echo "partner,key,title,customer,published_on,url"
	for k in near95 near90 far89 silver92; do echo "$k,$k-s1,Story,C,2024-03-01,"; done
	echo "silver92,silver92-s2,Story 2,C,2024-04-01,"
} >stories.csv
{
	echo "key,partner,account,product,type,stage,arr_usd,closed_on"
	echo "dn95,near95,A,segment,new,closed_won,95000,2024-06-01"
	echo "dn90,near90,A,segment,new,closed_won,90000,2024-06-01"
	echo "df89,far89,A,segment,new,closed_won,89999.99,2024-06-01"
	echo "df89s,far89,A,segment,professional_services,closed_won,50000,2024-06-01"
	echo "ds92,silver92,A,segment,upsell,closed_won,460000,2024-06-01"
} >deals.csv
for kind in partners enrollments agreements solutions stories deals; do
	CTYPE=text/csv req POST "/api/v1/imports/$kind" "@$kind.csv"
	expect_status 200
done

req GET "/api/v1/partners?standing=near_next&$P"
expect_status 200
expect_json "$keys" "near90,near95,silver92"
expect_json .total 3
expect_json '[.items[] | "\(.key):\(.tiers["segment-2025"])>\(.standing.next_tier) \(.standing.qualified_tier) \(.standing.gap)"] | join("|")' \
	'near90:registered>bronze registered $10,000.00 more influenced ARR|near95:registered>bronze registered $5,000.00 more influenced ARR|silver92:bronze>silver bronze $40,000.00 more influenced ARR'
# The engine's scorecard says the same.
req GET '/api/v1/partners/near95/scorecard?program=segment-2025&as_of=2025-01-15'
expect_status 200
expect_json '.next_tier | "\(.tier) \(.gap)"' 'bronze $5,000.00 more influenced ARR'

# With the other filters, the sort and the pages.
req GET "/api/v1/partners?standing=near_next&$P&tier=registered"
expect_json "$keys" "near90,near95"
req GET "/api/v1/partners?standing=near_next&$P&q=SILVER"
expect_json "$keys" "silver92"
req GET "/api/v1/partners?standing=near_next&$P&sort=-key&limit=2"
expect_json "$keys" "silver92,near95"
expect_json .total 3
expect_json .next_cursor 2
req GET "/api/v1/partners?standing=near_next&$P&sort=-key&limit=2&cursor=2"
expect_json "$keys" "near90"
expect_json .next_cursor null
req GET "/api/v1/partners?standing=near_next&$P&region=EMEA"
expect_json .total 0
# Without standing, no "standing" member.
req GET '/api/v1/partners?program=segment-2025&q=near'
expect_json "$keys" "near90,near95"
expect_jq 'all(.items[]; has("standing") | not)'

# The mid-year window of as_of: the deals of 2024-06-01 count up to 2025-05-31 and not
# from 2025-06-01. Deactivated partners are not evaluated; no tier at all is not good
# standing, whatever the partner qualifies for.
req GET '/api/v1/partners?standing=near_next&program=segment-2025&as_of=2025-05-31'
expect_json "$keys" "near90,near95,silver92"
req GET '/api/v1/partners?standing=near_next&program=segment-2025&as_of=2025-06-01'
expect_json .total 0
req POST /api/v1/partners/near90/deactivate '{"reason":"left"}'
expect_status 200
req PUT /api/v1/partners/hooli/tiers/segment-2025 '{"tier":"none","reason":"review"}'
expect_status 200
req GET "/api/v1/partners?standing=near_next&$P"
expect_json "$keys" "near95,silver92"
req GET "/api/v1/partners?standing=not_good&$P"
expect_json "$keys" "hooli,initech"
expect_json '.items[0].standing | [.qualified_tier, .next_tier] | join(" ")' "registered registered"
# Today by default (the fixtures' deals are older than a year by then).
req GET '/api/v1/partners?standing=not_good&program=segment-2025'
expect_status 200
expect_jq 'any(.items[]; .key == "hooli")'

# Bad requests: 422 naming the parameter.
req GET '/api/v1/partners?standing=near_next'
expect_status 422
expect_error validation_failed standing
expect_message "give ?program= too"
req GET '/api/v1/partners?standing=nearly&program=segment-2025'
expect_status 422
expect_error validation_failed standing
expect_message "expected near_next or not_good"
req GET '/api/v1/partners?standing=not_good&program=nope'
expect_status 422
expect_error validation_failed program
req GET '/api/v1/partners?standing=not_good&program=segment-2025&as_of=2025-13-01'
expect_status 422
expect_error validation_failed as_of
req GET '/api/v1/partners?as_of=2025-01-15'
expect_status 422
expect_error validation_failed as_of
