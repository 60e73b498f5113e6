#!/bin/bash
# Every route's happy path, on one server; then the access log must show a
# 2xx answer for every route of `consort routes`, so a route added without a
# happy path here fails this test. Details of each area are in the other
# scripts; this one only proves each route works once as intended.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

# ---- operations ----
as anon
req GET /healthz
expect_status 200
req GET /readyz
expect_status 200
req GET /metrics
expect_status 200

# ---- public pages (globex is silver: listed, with a badge) ----
req GET /partners
expect_status 200
req GET /partners/globex
expect_status 200
req GET /badges/globex.svg
expect_status 200
req GET /verify/globex
expect_status 200

# ---- the web portal (t0800 has the details) ----
req GET /app
expect_status 200
req GET /app/partners/globex
expect_status 200
req GET /
expect_status 200
expect_header Content-Type "text/html; charset=utf-8"
grep -q 'href="/partners"' "$OUT" || fail "the home page does not link the directory"
grep -q 'href="/app/"' "$OUT" || fail "the home page does not link the portal"
grep -q 'href="/api/v1/openapi.json"' "$OUT" || fail "the home page does not link the API"

# ---- session ----
login admin # POST /api/v1/session
req GET /api/v1/session
expect_status 200
expect_json .email admin@consort.test

# ---- tokens ----
req GET /api/v1/tokens
expect_status 200
expect_jq '.items | type == "array"'
make_token admin write # POST /api/v1/tokens
req DELETE "/api/v1/tokens/$TOKEN_ID"
expect_status 204

# ---- users ----
req GET /api/v1/users
expect_status 200
expect_jq '.items | length >= 9'
req POST /api/v1/users "{\"email\":\"new.finance@consort.test\",\"role\":\"finance\",\"password\":\"$PASSWORD\"}"
expect_status 201

# ---- invitations ----
as partner_admin
req POST /api/v1/invitations '{"email":"colleague@acme.test","role":"partner_user"}'
expect_status 201
code=$(json .code)
as anon
req POST "/api/v1/invitations/$code/accept" "{\"password\":\"$PASSWORD\"}"
expect_status 201
as partner_admin
req POST /api/v1/invitations '{"email":"changed.mind@acme.test","role":"partner_user"}'
expect_status 201
invitation=$(json .id)
req GET /api/v1/invitations
expect_status 200
expect_jq "any(.items[]; .id == $invitation) and all(.items[]; has(\"code\") | not)"
req POST "/api/v1/invitations/$invitation/resend"
expect_status 201
invitation=$(json .id)
req DELETE "/api/v1/invitations/$invitation"
expect_status 204

# ---- audit ----
as admin
req GET /api/v1/audit
expect_status 200

# ---- partners and their records ----
as partner_manager
req GET '/api/v1/partners?q=ac&sort=name&limit=10'
expect_status 200
expect_jq 'any(.items[]; .key == "acme") and (.total | type == "number")'
req POST /api/v1/partners '{"key":"newco","name":"New Co","domain":"newco.example","motions":["integrate"],"products":"segment","region":"EMEA"}'
expect_status 201
expect_json .key newco
req GET /api/v1/partners/newco
expect_status 200
expect_json .name "New Co"
req PUT /api/v1/partners/newco '{"name":"New Co Ltd","motions":"integrate;connect","products":"segment"}'
expect_status 200
expect_json .name "New Co Ltd"
expect_json .description null
req PUT /api/v1/partners/newco/listing '{"description":"New Co makes new things."}'
expect_status 200
expect_json .description "New Co makes new things."
# Each record kind: create (PUT or POST), list, get, update, delete.
# KIND|ITEM PATH (after the kind, "" for collections)|BODY|WHO
while IFS='|' read -r kind item body who; do
	as "$who"
	base=/api/v1/partners/newco/$kind
	if [ -n "$item" ]; then
		req PUT "$base/$item" "$body"
		expect_status 201
		req PUT "$base/$item" "$body"
		expect_status 200 # the same again: an update
		req GET "$base/$item"
		expect_status 200
	else
		req POST "$base" "$body"
		expect_status 201
		req POST "$base" "$body"
		expect_status 200
	fi
	req GET "$base"
	expect_status 200
	expect_jq '.items | length == 1'
	if [ -n "$item" ]; then
		req DELETE "$base/$item"
		expect_status 204
		req GET "$base/$item"
		expect_status 404
	fi
done <<'RECORDS'
enrollments|segment-2025|{"tier":"registered","since":"2025-01-15"}|partner_manager
agreements|tos|{"signed_on":"2025-01-15"}|partner_manager
solutions|newco-sync|{"name":"Sync","product":"segment","launched_on":"2025-02-01"}|solution_engineer
stories|newco-s1|{"title":"A story","customer":"Foo","published_on":"2025-03-01","url":"https://newco.example/s1"}|marketing
deals|d-newco-1|{"account":"Foo","product":"segment","type":"new","stage":"closed_won","arr_usd":"1000.50","closed_on":"2025-03-01"}|finance
spend|2025-01|{"amount_usd":"5000"}|finance
commits|c-newco|{"tcv_usd":1000000,"signed_on":"2025-01-01","start_on":"2025-02-01","end_on":"2026-01-31"}|finance
plans|segment-2025/2025|{"approved_on":"2025-01-20"}|partner_manager
support||{"plan":"premier","start_on":"2025-01-01"}|solution_engineer
mapping||{"enabled_on":"2025-01-01"}|partner_manager
activity||{"on":"2025-02-10","kind":"webinar"}|partner_manager
RECORDS

# ---- programs ----
as anon
req GET /api/v1/openapi.json
expect_status 200
expect_jq '.openapi | startswith("3.")'
as marketing
req GET /api/v1/programs
expect_status 200
expect_jq 'any(.items[]; .key == "segment-2025")'
req GET /api/v1/programs/segment-2025
expect_status 200
expect_json .key segment-2025
as admin
CTYPE=application/yaml req PUT /api/v1/programs/test-2025 "@$FIXTURES/program-good.yaml"
expect_status 201
expect_json .key test-2025
CTYPE=application/yaml req PUT /api/v1/programs/test-2025 "@$FIXTURES/program-good.yaml"
expect_status 200 # replaced
# The server's parsed copy follows every replacement, even within the same second.
req GET /api/v1/programs/test-2025
expect_json .name "Test Partner Program"
sed 's/^name: Test Partner Program$/name: Renamed Partner Program/' "$FIXTURES/program-good.yaml" \
	>"$T/renamed.yaml"
CTYPE=application/yaml req PUT /api/v1/programs/test-2025 "@$T/renamed.yaml"
expect_status 200
req GET /api/v1/programs/test-2025
expect_json .name "Renamed Partner Program"
CTYPE=application/yaml req PUT /api/v1/programs/test-2025 "@$FIXTURES/program-good.yaml"
expect_status 200
req GET /api/v1/programs/test-2025
expect_json .name "Test Partner Program"

# ---- imports: a CSV file, as text/csv or a multipart upload ----
as partner_manager
printf 'key,name,domain,motions,products,region\nimpco,Imp Co,imp.example,integrate,segment,NA\n' \
	>"$T/partners.csv"
CTYPE=text/csv req POST /api/v1/imports/partners "@$T/partners.csv"
expect_status 200
expect_json .rows 1
req POST /api/v1/imports/partners "" -F "file=@$T/partners.csv;type=text/csv"
expect_status 200
req GET /api/v1/partners/impco
expect_status 200

# ---- evaluations and proposals ----
req GET /api/v1/proposals
expect_status 200
expect_jq '.items | length >= 2'
req GET "/api/v1/proposals/${PARAM_A[proposal]}"
expect_status 200
req POST "/api/v1/proposals/${PARAM_A[proposal]}/approve" '{}'
expect_status 200
expect_json .status approved
req POST "/api/v1/proposals/${PARAM_B[proposal]}/reject"
expect_status 200
expect_json .status rejected
req POST /api/v1/evaluations \
	'{"program":"segment-2025","mode":"annual","year":2025,"as_of":"2025-01-15"}'
expect_status 200
req GET '/api/v1/reviews/inactive?program=segment-2025&quarter=2025Q1'
expect_status 200
as marketing
req GET '/api/v1/reports/summary?program=segment-2025&as_of=2025-01-15'
expect_status 200
expect_jq '(.by_tier | length) == 5 and (.last_evaluation.proposals | length) >= 1'
as partner_manager

# ---- a partner's tiers, benefits, scorecard, agreements, deactivation ----
req PUT /api/v1/partners/acme/tiers/segment-2025 '{"tier":"silver","reason":"leadership call"}'
expect_status 200
expect_json .tier silver
as partner_user
req GET /api/v1/partners/acme/tier-history
expect_status 200
req GET /api/v1/partners/acme/benefits
expect_status 200
req GET /api/v1/partners/acme/scorecard
expect_status 200
as partner_admin
req GET /api/v1/agreements/tos
expect_status 200
expect_json .agreement tos
tos_version=$(json .version)
req POST /api/v1/partners/acme/agreements/tos/accept "{\"document_version\":\"$tos_version\"}"
expect_status 201
req GET /api/v1/partners/acme/agreements/acceptances
expect_status 200
expect_jq 'any(.items[]; .accepted_by == "partner_admin@consort.test")'
as partner_manager
req POST /api/v1/partners/newco/deactivate '{"reason":"left the program"}'
expect_status 200
expect_json .active false
req GET /api/v1/partners/newco
expect_status 200
expect_jq '.active == false and (.deactivation_reason | startswith("left the program")) and (.deactivated_on | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))'
req GET /api/v1/partners/globex
expect_jq 'has("deactivated_on") | not'

# ---- logout last ----
req DELETE /api/v1/session
expect_status 204

# ---- every route of the table had a 2xx answer ----
for i in $(seq 1 50); do # the last line is written once its response is sent
	[ "$(tail -n 1 "$ACCESS_LOG" | jq -r .status)" != 204 ] || break
	sleep 0.02
done
missing=""
while IFS='|' read -r method path _; do
	jq -se --arg m "$method" --arg p "$path" 'any(.[]; .route == $p
		and (.method == $m or (.method == "HEAD" and $m == "GET"))
		and .status >= 200 and .status < 300)' "$ACCESS_LOG" >/dev/null ||
		missing+="
    $method $path"
done < <(routes_table)
[ -z "$missing" ] ||
	fail "no happy path for these routes: add one to tests/http/t0150-happy-paths.sh:$missing"
