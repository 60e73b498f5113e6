#!/bin/bash
# A partner's listing description: PUT /api/v1/partners/{partner}/listing (who
# may, validation, audit), the description in the partner's JSON, and partner
# updates and imports that leave it alone.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

# Unset: null in one partner and in the list.
as partner_manager
req GET /api/v1/partners/acme
expect_status 200
expect_jq 'has("description") and .description == null'
req GET '/api/v1/partners?q=acme'
expect_status 200
expect_jq '.items[0] | has("description") and .description == null'

# The partner's own admin writes it: the answer is the partner, as GET shows it.
TEXT='Acme turns events into <b>insight</b> & "action".

Second paragraph: café, 日本.'
as partner_admin
req PUT /api/v1/partners/acme/listing "$(jq -nc --arg d "$TEXT" '{description: $d}')"
expect_status 200
expect_json .key acme
expect_json .description "$TEXT"
expect_json '.tiers["segment-2025"]' registered
req GET /api/v1/partners/acme
expect_status 200
expect_json .description "$TEXT"
expect_sql "SELECT description FROM partners WHERE key = 'acme'" "$TEXT"
# ...audited with before and after.
as admin
req GET '/api/v1/audit?entity=partner'
expect_status 200
expect_jq 'any(.items[]; .action == "partner.listing" and .key == "acme"
	and .actor == "partner_admin@consort.test" and .before.description == null
	and .after.description == "Acme turns events into <b>insight</b> & \"action\".\n\nSecond paragraph: café, 日本.")'

# Marketing and partner managers may too; others may not (the matrix test covers every
# role); a partner admin only for its own partner (404, as if it did not exist).
as marketing
req PUT /api/v1/partners/globex/listing '{"description":"Globex: the customer data platform."}'
expect_status 200
expect_json .description "Globex: the customer data platform."
as partner_admin
req PUT /api/v1/partners/globex/listing '{"description":"hijacked"}'
expect_status 404
expect_error not_found partner
as partner_user
req PUT /api/v1/partners/acme/listing '{"description":"x"}'
expect_status 403
expect_sql "SELECT description FROM partners WHERE key = 'globex'" "Globex: the customer data platform."

# Validation: 422 naming the field, nothing changed.
as partner_manager
long=$(printf '%02001d' 0)
wide=$(for _ in $(seq 1 2000); do printf 'é'; done)
req PUT /api/v1/partners/acme/listing "{\"description\":\"$long\"}"
expect_status 422
expect_error validation_failed description
expect_message "description: too long (2001 characters, at most 2000)"
req PUT /api/v1/partners/acme/listing "{\"description\":\"$wide\"}" # 2,000 characters, 4,000 bytes
expect_status 200
req PUT /api/v1/partners/acme/listing "{\"description\":\"${wide}x\"}"
expect_status 422
expect_message "too long (2001 characters"
req PUT /api/v1/partners/acme/listing '{"description":"bell\u0007"}'
expect_status 422
expect_error validation_failed description
expect_message "control character 0x07"
req PUT /api/v1/partners/acme/listing '{"description":"tab\there,\r\nline breaks too"}'
expect_status 200
expect_json .description $'tab\there,\r\nline breaks too'
req PUT /api/v1/partners/acme/listing '{"description":42}'
expect_status 422
expect_error validation_failed description
req PUT /api/v1/partners/acme/listing '{}'
expect_status 422
expect_error validation_failed description
req PUT /api/v1/partners/acme/listing '{"description":"x","domain":"acme.example"}'
expect_status 400
expect_error unknown_field domain
req PUT /api/v1/partners/nope/listing '{"description":"x"}'
expect_status 404
expect_error not_found partner
expect_sql "SELECT description FROM partners WHERE key = 'acme'" $'tab\there,\r\nline breaks too'

# Updating the partner or importing partners without the column keeps it.
req PUT /api/v1/partners/acme '{"name":"Acme Analytics","motions":"integrate","products":"segment","domain":"acme.example.com","region":"NA"}'
expect_status 200
expect_json .description $'tab\there,\r\nline breaks too'
printf 'key,name,domain,motions,products,region\nacme,Acme Analytics,acme.example.com,integrate,segment,NA\n' \
	>"$T/partners.csv"
CTYPE=text/csv req POST /api/v1/imports/partners "@$T/partners.csv"
expect_status 200
expect_sql "SELECT description FROM partners WHERE key = 'acme'" $'tab\there,\r\nline breaks too'
# ...an import with the column sets it (an empty cell clears it).
printf 'key,name,motions,products,description\nacme,Acme Analytics,integrate,segment,From the import\nglobex,Globex Corporation,connect;integrate,segment,\n' \
	>"$T/partners.csv"
CTYPE=text/csv req POST /api/v1/imports/partners "@$T/partners.csv"
expect_status 200
req GET /api/v1/partners/acme
expect_json .description "From the import"
req GET /api/v1/partners/globex
expect_json .description null

# null, "" and blank text clear it.
for empty in null '""' '"  \n\t "'; do
	req PUT /api/v1/partners/acme/listing "{\"description\":$empty}"
	expect_status 200
	expect_json .description null
	expect_sql "SELECT quote(description) FROM partners WHERE key = 'acme'" NULL
	req PUT /api/v1/partners/acme/listing '{"description":"back"}'
	expect_status 200
done
