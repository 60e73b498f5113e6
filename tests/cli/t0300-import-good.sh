#!/bin/bash
# Good imports of every kind; what lands in the database; BOM, CRLF, quoted
# commas and newlines; re-import updates instead of duplicating.
# shellcheck source=tests/cli/lib.sh disable=SC2016 # (literal $ in expected amounts)
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

expect_ok init
rows() { # the number of data rows of a fixture
	tail -n +2 "$FIXTURES/$1.csv" | grep -c .
}
for kind in partners enrollments agreements solutions stories deals spend commits \
	support mapping plans activity; do
	expect_ok import "$kind" "$FIXTURES/$kind.csv"
	expect_stdout_is "imported $(rows "$kind") $kind from $FIXTURES/$kind.csv"
	expect_stderr_empty
done

# One row per fixture row, in each table.
expect_sql "SELECT COUNT(*) FROM partners" 6
expect_sql "SELECT COUNT(*) FROM enrollments" 6
expect_sql "SELECT COUNT(*) FROM agreements" 9
expect_sql "SELECT COUNT(*) FROM solutions" 4
expect_sql "SELECT COUNT(*) FROM stories" 9
expect_sql "SELECT COUNT(*) FROM deals" 9
expect_sql "SELECT COUNT(*) FROM spend" 3
expect_sql "SELECT COUNT(*) FROM commits" 1
expect_sql "SELECT COUNT(*) FROM support_plans" 1
expect_sql "SELECT COUNT(*) FROM mapping" 1
expect_sql "SELECT COUNT(*) FROM plans" 1
expect_sql "SELECT COUNT(*) FROM activity" 3

# Values as stored: money as cents, empty optional fields as NULL.
expect_sql "SELECT key, name, quote(domain), motions, products, quote(region) FROM partners WHERE key = 'hooli'" \
	"hooli|Hooli|NULL|connect|segment|NULL"
expect_sql "SELECT key, arr_cents, type, stage, quote(closed_on) FROM deals WHERE key IN ('d-acme-2', 'd-acme-4', 'd-globex-2') ORDER BY key" \
	"d-acme-2|13000000|upsell|closed_won|'2024-11-30'
d-acme-4|50000000|new|open|NULL
d-globex-2|50000050|upsell|closed_won|'2024-09-09'"
expect_sql "SELECT month, amount_cents FROM spend ORDER BY month" "2024-06|10000000
2024-07|15000000
2025-01|12000050"
expect_sql "SELECT key, tcv_cents, signed_on, start_on, end_on FROM commits" \
	"c-2024|6000000000|2024-01-01|2024-02-01|2026-01-31"
expect_sql "SELECT e.tier, e.since, e.invited FROM enrollments e JOIN partners p ON p.id = e.partner_id WHERE p.key = 'umbrella'" \
	"bronze|2024-02-01|silver"
expect_sql "SELECT kind, quote(expires_on) FROM agreements a JOIN partners p ON p.id = a.partner_id WHERE p.key = 'stark' ORDER BY kind" \
	"partner_agreement|NULL
support_addendum|'2026-12-31'
tos|NULL"
expect_sql "SELECT year, approved_on FROM plans" "2025|2024-12-15"
expect_sql "SELECT quote(published_on), quote(url) FROM stories WHERE key = 'umbrella-draft'" "NULL|NULL"

# partner show counts each kind of record.
expect_ok partner show acme
expect_json '.records | to_entries | map("\(.key)=\(.value)") | join(" ")' \
	"agreements=1 solutions=1 stories=2 deals=7 spend=0 commits=0 support=0 mapping=0 plans=0 activity=1"
expect_ok partner show stark
expect_json '.records | to_entries | map("\(.key)=\(.value)") | join(" ")' \
	"agreements=3 solutions=1 stories=1 deals=0 spend=3 commits=1 support=1 mapping=0 plans=0 activity=0"
expect_ok partner show globex
expect_json '.records | to_entries | map("\(.key)=\(.value)") | join(" ")' \
	"agreements=2 solutions=1 stories=3 deals=2 spend=0 commits=0 support=0 mapping=1 plans=1 activity=1"

# Re-importing the same files changes no record; each import is audited.
records_snapshot
audited=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'import'")
for kind in partners enrollments agreements solutions stories deals spend commits \
	support mapping plans activity; do
	expect_ok import "$kind" "$FIXTURES/$kind.csv"
done
expect_records_unchanged
expect_sql "SELECT COUNT(*) - $audited FROM audit_log WHERE action = 'import'" 12
expect_sql "SELECT actor || ' ' || entity || ' ' || key || ' ' || json_extract(after, '\$.rows') FROM audit_log ORDER BY id DESC LIMIT 1" \
	"tester activity $FIXTURES/activity.csv 3"

# Re-importing changed rows updates them in place.
expect_ok import partners "$FIXTURES/partners-update.csv"
expect_stdout_is "imported 2 partners from $FIXTURES/partners-update.csv"
expect_sql "SELECT COUNT(*) FROM partners" 7
expect_sql "SELECT COUNT(*) FROM partners WHERE key = 'acme'" 1
expect_ok partner show acme
expect_json '[.name, .motions, .region] | join("|")' "Acme Analytics Inc.|integrate;connect|EMEA"
expect_json '.records.deals' 7 # records stay attached to the partner
expect_json '.enrollments[0].tier' registered

# The optional description column: text with line breaks and any script; a file
# without the column leaves descriptions as they are, an empty cell clears one.
printf 'key,name,motions,products,description\nacme,Acme Analytics Inc.,integrate;connect,segment,"Analytics for <b>teams</b>.\n\nSecond paragraph: caf\xc3\xa9, \xe6\x97\xa5\xe6\x9c\xac."\nhooli,Hooli,connect,segment,Hooli XYZ\n' >described.csv
expect_ok import partners described.csv
expect_sql "SELECT description FROM partners WHERE key = 'acme'" "Analytics for <b>teams</b>.

Second paragraph: café, 日本."
expect_ok partner show hooli
expect_json '.description' "Hooli XYZ"
expect_ok import partners "$FIXTURES/partners.csv"
expect_sql "SELECT COUNT(*) FROM partners WHERE description IS NOT NULL" 2
printf 'key,name,motions,products,description\nhooli,Hooli,connect,segment,\n' >undescribed.csv
expect_ok import partners undescribed.csv
expect_sql "SELECT quote(description) FROM partners WHERE key = 'hooli'" NULL
expect_ok partner show hooli
expect_json '.description | tostring' null
long=$(printf '%02000d' 0)
printf 'key,name,motions,products,description\nhooli,Hooli,connect,segment,%s\n' "$long" >long.csv
expect_ok import partners long.csv
expect_sql "SELECT length(description) FROM partners WHERE key = 'hooli'" 2000
expect_ok import partners "$FIXTURES/partners-update.csv"

expect_ok import deals "$FIXTURES/deals-update.csv"
expect_sql "SELECT COUNT(*) FROM deals" 10
expect_sql "SELECT stage, arr_cents, closed_on FROM deals WHERE key = 'd-acme-4'" "closed_won|15000000|2024-12-01"
expect_ok partner show acme
expect_json '.records.deals' 8

printf 'partner,program,tier,since,invited\nacme,segment-2025,bronze,2025-02-01,silver;gold\nacme,twilio-2023,registered,2025-02-01,\n' >enroll.csv
expect_ok import enrollments enroll.csv
expect_sql "SELECT COUNT(*) FROM enrollments" 7
expect_ok partner show acme
expect_json '[.enrollments[] | "\(.program)=\(.tier)/\(.since)/\(.invited)"] | join(" ")' \
	"segment-2025=bronze/2025-02-01/silver;gold twilio-2023=registered/2025-02-01/"

printf 'partner,agreement,signed_on,expires_on\ninitech,tos,2025-01-02,\n' >agree.csv
expect_ok import agreements agree.csv
expect_sql "SELECT COUNT(*) FROM agreements" 9
expect_sql "SELECT signed_on, quote(expires_on) FROM agreements WHERE kind = 'tos' AND partner_id = (SELECT id FROM partners WHERE key = 'initech')" \
	"2025-01-02|NULL"

printf 'partner,key,name,product,launched_on,docs_on,collateral_on,reviewed_on\nacme,acme-sync,Acme Sync 2,segment,2024-03-01,,,\n' >sol.csv
expect_ok import solutions sol.csv
expect_sql "SELECT COUNT(*) FROM solutions" 4
expect_sql "SELECT name, quote(docs_on) FROM solutions WHERE key = 'acme-sync'" "Acme Sync 2|NULL"

printf 'partner,key,title,customer,published_on,url\nacme,acme-s1,Retitled,,2024-05-02,\n' >story.csv
expect_ok import stories story.csv
expect_sql "SELECT COUNT(*) FROM stories" 9
expect_sql "SELECT title, published_on FROM stories WHERE key = 'acme-s1'" "Retitled|2024-05-02"

printf 'partner,month,amount_usd\nstark,2024-07,175000\nstark,2024-08,1\n' >spend.csv
expect_ok import spend spend.csv
expect_sql "SELECT COUNT(*) FROM spend" 4
expect_sql "SELECT amount_cents FROM spend WHERE month = '2024-07'" 17500000

printf 'partner,key,tcv_usd,signed_on,start_on,end_on\nstark,c-2024,65000000,2024-01-01,2024-02-01,2027-01-31\n' >commit.csv
expect_ok import commits commit.csv
expect_sql "SELECT COUNT(*) FROM commits" 1
expect_sql "SELECT tcv_cents, end_on FROM commits" "6500000000|2027-01-31"

printf 'partner,plan,start_on,end_on\nstark,premier,2023-01-10,2025-12-31\nstark,premier,2026-01-01,\n' >support.csv
expect_ok import support support.csv
expect_sql "SELECT start_on, quote(end_on) FROM support_plans ORDER BY start_on" "2023-01-10|'2025-12-31'
2026-01-01|NULL"

printf 'partner,enabled_on,disabled_on\nglobex,2024-01-01,2025-06-30\n' >mapping.csv
expect_ok import mapping mapping.csv
expect_sql "SELECT enabled_on, disabled_on FROM mapping" "2024-01-01|2025-06-30"

printf 'partner,program,year,approved_on\nglobex,segment-2025,2025,2024-12-20\nglobex,segment-2025,2026,2025-12-01\n' >plans.csv
expect_ok import plans plans.csv
expect_sql "SELECT year, approved_on FROM plans ORDER BY year" "2025|2024-12-20
2026|2025-12-01"

expect_ok import activity "$FIXTURES/activity.csv"
expect_sql "SELECT COUNT(*) FROM activity" 3

# A header-only file imports nothing, successfully; blank lines are skipped.
printf 'partner,on,kind\n' >header-only.csv
expect_ok import activity header-only.csv
expect_stdout_is "imported 0 activity from header-only.csv"
printf 'partner,on,kind\n\nhooli,2025-03-01,webinar\n\n\n' >blank-lines.csv
expect_ok import activity blank-lines.csv
expect_stdout_is "imported 1 activity from blank-lines.csv"
expect_sql "SELECT COUNT(*) FROM activity" 4

# UTF-8 BOM, CRLF line endings, columns in another order, an optional column
# left out, quoted commas, a quoted CRLF newline, doubled quotes, a blank line
# and no final newline.
cp "$FIXTURES/partners-special.csv" "$FIXTURES/deals-special.csv" "$FIXTURES/agreements-bom.csv" .
expect_ok import partners partners-special.csv
expect_stdout_is "imported 4 partners from partners-special.csv"
expect_sql "SELECT COUNT(*) FROM partners" 11
expect_ok partner show wayne
expect_json '[.key, .name, .domain, .motions, .products, (.region | tostring)] | join("|")' \
	"wayne|Wayne Enterprises, Inc.|wayne.example|integrate|segment|null"
expect_ok partner show oscorp
expect_jq '.name == "Oscorp\r\nIndustries"'
expect_json '.motions' "connect; integrate"
expect_json '.domain | tostring' null
expect_ok partner show lexcorp
expect_json '.name' 'Lex "Luthor" Corp'
expect_json '.products' "cpaas;flex"
expect_ok partner show planet
expect_json '.name' "Daily Planet"
expect_json '.domain' "planet.example"

expect_ok import deals deals-special.csv
expect_stdout_is "imported 3 deals from deals-special.csv"
expect_sql "SELECT key, account, arr_cents, quote(closed_on) FROM deals WHERE partner_id IN (SELECT id FROM partners WHERE key IN ('wayne', 'planet')) ORDER BY key" \
	"d-planet-1|Metropolis|0|NULL
d-wayne-1|Gotham, City of|100050|'2024-02-29'
d-wayne-2|Arkham
Asylum|9999|'2024-12-31'"

expect_ok import agreements agreements-bom.csv
expect_stdout_is "imported 2 agreements from agreements-bom.csv"
expect_sql "SELECT p.key, a.kind, a.signed_on, quote(a.expires_on) FROM agreements a JOIN partners p ON p.id = a.partner_id WHERE p.key IN ('wayne', 'planet') ORDER BY p.key" \
	"planet|tos|2024-02-01|'2026-01-31'
wayne|tos|2024-01-01|NULL"

# The same BOM/CRLF files again: no record changes.
records_snapshot
expect_ok import partners partners-special.csv
expect_ok import deals deals-special.csv
expect_ok import agreements agreements-bom.csv
expect_records_unchanged

# A partners file may be followed, in the same database, by records of the
# new partners; a file's rows are all-or-nothing, so a partner and its records
# come in two files.
printf 'key,name,domain,motions,products,region\nsolo,Solo,,embed,cpaas,\n' >solo.csv
printf 'partner,program,tier,since,invited\nsolo,twilio-2023,registered,2025-01-01,\n' >solo-enroll.csv
expect_ok import partners solo.csv
expect_ok import enrollments solo-enroll.csv
expect_ok partner show solo
expect_json '.enrollments[0].program' twilio-2023
