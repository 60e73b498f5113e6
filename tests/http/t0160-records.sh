#!/bin/bash
# Partners and their records beyond the happy path: a partner found by its
# exact key among many whose names contain it; conflicts; unknown partners
# and records; pagination; what the audit log keeps.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

# 501 partners named "Fizz ..." with keys before "zz": a substring search for "zz"
# has a full page of matches before partner zz itself.
{
	echo "key,name,domain,motions,products,region"
	for i in $(seq -w 1 501); do
		echo "a$i,Fizz $i,a$i.example,integrate,segment,NA"
	done
	echo "zz,Zed,zz.example,integrate,segment,NA"
} >many.csv
expect_ok import partners many.csv
as partner_manager
req GET /api/v1/partners/zz
expect_status 200
expect_json .name Zed
req PUT /api/v1/partners/zz '{"name":"Zed Two","motions":"integrate","products":"segment"}'
expect_status 200
expect_json .name "Zed Two"
req POST /api/v1/partners '{"key":"zz","name":"Again","motions":"integrate","products":"segment"}'
expect_status 409
expect_error conflict key
expect_sql "SELECT name FROM partners WHERE key = 'zz'" "Zed Two"
req GET '/api/v1/partners?q=zz&limit=500'
expect_status 200
expect_json .total 502
expect_json '.items | length' 500
expect_json .next_cursor 500
req GET '/api/v1/partners?q=zz&limit=500&cursor=500'
expect_status 200
expect_json '.items | map(.key) | join(",")' "a501,zz"
expect_json .next_cursor null

# Unknown partners and records: 404 naming the field.
for path in /api/v1/partners/nope /api/v1/partners/nope/deals /api/v1/partners/acme/deals/nope \
	/api/v1/partners/acme/plans/segment-2025/1999 /api/v1/partners/acme/enrollments/nope; do
	req GET "$path"
	expect_status 404
	expect_error not_found
done
req PUT /api/v1/partners/nope '{"name":"x"}'
expect_status 404
req DELETE /api/v1/partners/acme/deals/nope
expect_status 404

# Invalid values: 422 naming the field, nothing stored.
as finance
req PUT /api/v1/partners/acme/deals/d-new '{"account":"X","product":"segment","type":"new","stage":"closed_won","arr_usd":-5,"closed_on":"2025-01-01"}'
expect_status 422
expect_error validation_failed arr_usd
req PUT /api/v1/partners/acme/deals/d-new '{"account":"X","product":"segment","type":"new","stage":"closed_won","arr_usd":1.5,"closed_on":"2025-01-01"}'
expect_status 422
expect_error validation_failed arr_usd
req PUT /api/v1/partners/acme/deals/d-new '{"account":"X","product":"segment","type":"new","stage":"closed_won","arr_usd":"10","closed_on":"2025-02-30"}'
expect_status 422
expect_error validation_failed closed_on
expect_sql "SELECT COUNT(*) FROM deals WHERE key = 'd-new'" 0

# Deal keys are unique across partners: another partner's deal is not moved by a PUT
# under this one (409), and nothing changes.
g=$(sql "SELECT n FROM data_generation")
req PUT /api/v1/partners/globex/deals/d-acme-1 '{"account":"X","product":"segment","type":"new","stage":"closed_won","arr_usd":"1","closed_on":"2025-01-01"}'
expect_status 409
expect_error conflict key
expect_message "deal 'd-acme-1' belongs to partner 'acme', not 'globex': deal keys are unique across partners"
expect_sql "SELECT p.key || ' ' || d.arr_cents FROM deals d JOIN partners p ON p.id = d.partner_id WHERE d.key = 'd-acme-1'" "acme 25000000"
expect_sql "SELECT n FROM data_generation" "$g"

# ---- record lists: filters, sort, total ----
keys='[.items[].key] | join(",")'
# The natural order (newest first, open deals without a date last) and the total.
req GET /api/v1/partners/acme/deals
expect_status 200
expect_json "$keys" "d-acme-6,d-acme-2,d-acme-3,d-acme-7,d-acme-1,d-acme-5,d-acme-4"
expect_json .total 7
# Exact matches, date and amount ranges (inclusive), combined.
req GET '/api/v1/partners/acme/deals?stage=closed_won&closed_on_from=2024-01-01&closed_on_to=2024-11-30'
expect_status 200
expect_json "$keys" "d-acme-2,d-acme-3,d-acme-1"
expect_json .total 3
req GET '/api/v1/partners/acme/deals?arr_usd_from=130000&arr_usd_to=250000.00&sort=arr_usd'
expect_status 200
expect_json "$keys" "d-acme-2,d-acme-6,d-acme-1"
req GET '/api/v1/partners/acme/deals?type=new&sort=-arr_usd&limit=2'
expect_status 200
expect_json "$keys" "d-acme-4,d-acme-5"
expect_json .total 4
expect_json .next_cursor 2
req GET '/api/v1/partners/acme/deals?type=new&sort=-arr_usd&limit=2&cursor=2'
expect_status 200
expect_json "$keys" "d-acme-7,d-acme-1"
expect_json .next_cursor null
req GET '/api/v1/partners/acme/deals?account=Nobody'
expect_status 200
expect_json .items '[]'
expect_json .total 0
# Other kinds: months, years.
as admin
req GET '/api/v1/partners/acme/spend?month_from=2024-01&month_to=2024-12'
expect_status 200
expect_json .total "$(sql "SELECT COUNT(*) FROM spend s JOIN partners p ON p.id = s.partner_id
	WHERE p.key = 'acme' AND month BETWEEN '2024-01' AND '2024-12'")"
req GET '/api/v1/partners/acme/plans?year=1999'
expect_status 200
expect_json .total 0
as finance
# Bad arguments: 400 naming the argument, never a 500.
req GET '/api/v1/partners/acme/deals?colour=red'
expect_status 400
expect_error bad_request colour
expect_message "unknown parameter 'colour' for deals: filter by key, account, product, type, stage, arr_usd, closed_on (FIELD=VALUE; FIELD_from, FIELD_to on dates and amounts), sort=[-]FIELD, limit, cursor"
req GET '/api/v1/partners/acme/deals?partner=globex'
expect_status 400
expect_error bad_request partner
req GET '/api/v1/partners/acme/deals?stage_from=a'
expect_status 400
expect_error bad_request stage_from
req GET '/api/v1/partners/acme/deals?closed_on_from=2024-13-01'
expect_status 400
expect_message "invalid closed_on_from '2024-13-01': expected YYYY-MM-DD"
req GET '/api/v1/partners/acme/deals?arr_usd_to=lots'
expect_status 400
expect_message "invalid arr_usd_to 'lots': expected an amount in dollars, e.g. 2500.50"
req GET '/api/v1/partners/acme/deals?stage='
expect_status 400
expect_error bad_request stage
req GET '/api/v1/partners/acme/deals?sort=-colour'
expect_status 400
expect_error bad_request sort
req GET '/api/v1/partners/acme/deals?sort=arr_usd%22%20--'
expect_status 400
expect_error bad_request sort
req GET "/api/v1/partners/acme/deals?account=$(printf "x%%27%%20OR%%201=1%%20--")"
expect_status 200
expect_json .total 0

# Changes are audited with before and after.
req PUT /api/v1/partners/acme/deals/d-acme-1 '{"account":"Foo Inc","product":"segment","type":"new","stage":"closed_won","arr_usd":"260000","closed_on":"2024-04-10"}'
expect_status 200
as admin
req GET '/api/v1/audit?entity=deals'
expect_status 200
expect_jq 'any(.items[]; .key == "acme/d-acme-1" and .actor == "finance@consort.test"
	and .before.arr_usd == "250000.00" and .after.arr_usd == "260000.00")'
