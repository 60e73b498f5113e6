#!/bin/bash
# Bad input: every problem reported as FILE:LINE: COLUMN: what is wrong, the
# whole file rejected, and the database left exactly as it was.
# shellcheck source=tests/cli/lib.sh disable=SC2016 # (literal $ in expected amounts)
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

load_fixtures
db_snapshot

# reject KIND FILE EXPECTED-STDERR [EXIT]
reject() {
	expect_fail "${4:-1}" import "$1" "$2"
	expect_stderr_is "$3"
	expect_stdout_empty
	expect_db_unchanged
}

money_syntax="not a number: use digits and an optional .cents, without \$ or commas"

# ---- money, and a mix of good and bad rows: nothing is imported ----
cp "$FIXTURES/deals-bad.csv" bad.csv
reject deals bad.csv "consort: error: bad.csv:3: arr_usd: invalid amount '-5': negative amounts are not allowed
consort: error: bad.csv:4: arr_usd: invalid amount '\$1000': $money_syntax
consort: error: bad.csv:5: arr_usd: invalid amount '1,000': $money_syntax
consort: error: bad.csv:6: arr_usd: invalid amount '10.555': more than 2 decimal places
consort: error: bad.csv:7: arr_usd: invalid amount '99999999999999999999': amount too large
consort: error: bad.csv:8: arr_usd: invalid amount '1e5': $money_syntax
consort: error: bad.csv:9: arr_usd: invalid amount '.50': $money_syntax
consort: error: bad.csv:10: arr_usd: invalid amount '5.': $money_syntax
consort: error: bad.csv:11: arr_usd: invalid amount ' 5': $money_syntax
consort: error: bad.csv:12: arr_usd: missing value
consort: error: bad.csv:13: partner: unknown partner 'nobody'
consort: error: bad.csv:14: product: unknown product 'voice'
consort: error: bad.csv:14: type: invalid type 'newish': expected new, upsell, renewal or professional_services
consort: error: bad.csv:14: stage: invalid stage 'won': expected closed_won, closed_lost or open
consort: error: bad.csv:15: key: duplicate key 'd-ok-1' (first on line 2)
consort: error: bad.csv:16: closed_on: missing value (required when stage is closed_won)
consort: 14 of 15 rows are bad; nothing was imported"
expect_sql "SELECT COUNT(*) FROM deals WHERE key = 'd-ok-1'" 0

# One bad row among good ones.
printf 'partner,month,amount_usd\nstark,2024-09,100\nstark,2024-10,-0.01\nstark,2024-11,200\n' >spend.csv
reject spend spend.csv "consort: error: spend.csv:3: amount_usd: invalid amount '-0.01': negative amounts are not allowed
consort: 1 of 3 rows are bad; nothing was imported"
# The largest amount is accepted, one cent more is not.
printf 'partner,month,amount_usd\nstark,2024-09,92233720368547758.08\n' >max.csv
reject spend max.csv "consort: error: max.csv:2: amount_usd: invalid amount '92233720368547758.08': amount too large
consort: 1 of 1 rows are bad; nothing was imported"
printf 'partner,key,tcv_usd,signed_on,start_on,end_on\nstark,c9,12.3x,2024-01-01,2024-02-01,2026-01-31\nstark,c10,-100,2024-01-01,2024-02-01,2026-01-31\n' >commits.csv
reject commits commits.csv "consort: error: commits.csv:2: tcv_usd: invalid amount '12.3x': $money_syntax
consort: error: commits.csv:3: tcv_usd: invalid amount '-100': negative amounts are not allowed
consort: 2 of 2 rows are bad; nothing was imported"

# ---- unknown partner or program ----
printf 'partner,agreement,signed_on,expires_on\nacme,tos,2024-01-01,\nghost,tos,2024-01-01,\n' >agreements.csv
reject agreements agreements.csv "consort: error: agreements.csv:3: partner: unknown partner 'ghost'
consort: 1 of 2 rows are bad; nothing was imported"
printf 'partner,program,tier,since,invited\nacme,segment-2026,gold,2024-01-01,\nacme,segment-2025,platinum,2024-01-01,silver;diamond\nghost,twilio-2023,gold,2024-01-01,\n' >enrollments.csv
reject enrollments enrollments.csv "consort: error: enrollments.csv:2: program: unknown program 'segment-2026'
consort: error: enrollments.csv:3: tier: unknown tier 'platinum' in program 'segment-2025'
consort: error: enrollments.csv:3: invited: unknown tier 'diamond' in program 'segment-2025'
consort: error: enrollments.csv:4: partner: unknown partner 'ghost'
consort: 3 of 3 rows are bad; nothing was imported"
printf 'partner,program,year,approved_on\nglobex,nope,2025,2024-01-01\nglobex,segment-2025,25,2024-01-01\nglobex,segment-2025,0999,2024-01-01\n' >plans.csv
reject plans plans.csv "consort: error: plans.csv:2: program: unknown program 'nope'
consort: error: plans.csv:3: year: invalid year '25': expected YYYY
consort: error: plans.csv:4: year: invalid year '0999': expected YYYY
consort: 3 of 3 rows are bad; nothing was imported"
# A partner is known only once its partners file is imported: not from a
# partners row of another kind's file.
printf 'partner,on,kind\nnewco,2025-01-01,webinar\n' >activity.csv
reject activity activity.csv "consort: error: activity.csv:2: partner: unknown partner 'newco'
consort: 1 of 1 rows are bad; nothing was imported"

# ---- dates ----
printf 'partner,agreement,signed_on,expires_on\nacme,referral_addendum,2024-02-30,\nacme,partner_agreement,2023-02-29,\nhooli,referral_addendum,2024/06/01,\nhooli,partner_agreement,24-06-01,\nglobex,partner_agreement,2024-1-01,\numbrella,referral_addendum,2024-06-01,2024-05-31\numbrella,partner_agreement,,\nstark,referral_addendum,2024-00-10,2024-13-01\n' >dates.csv
reject agreements dates.csv "consort: error: dates.csv:2: signed_on: invalid date '2024-02-30': expected YYYY-MM-DD
consort: error: dates.csv:3: signed_on: invalid date '2023-02-29': expected YYYY-MM-DD
consort: error: dates.csv:4: signed_on: invalid date '2024/06/01': expected YYYY-MM-DD
consort: error: dates.csv:5: signed_on: invalid date '24-06-01': expected YYYY-MM-DD
consort: error: dates.csv:6: signed_on: invalid date '2024-1-01': expected YYYY-MM-DD
consort: error: dates.csv:7: expires_on: 2024-05-31 is before signed_on (2024-06-01)
consort: error: dates.csv:8: signed_on: missing value
consort: error: dates.csv:9: signed_on: invalid date '2024-00-10': expected YYYY-MM-DD
consort: error: dates.csv:9: expires_on: invalid date '2024-13-01': expected YYYY-MM-DD
consort: 8 of 8 rows are bad; nothing was imported"
printf 'partner,month,amount_usd\nstark,2024-13,5\nstark,2024-1,5\nstark,202401,5\nstark,1899-12,5\n' >months.csv
reject spend months.csv "consort: error: months.csv:2: month: invalid month '2024-13': expected YYYY-MM
consort: error: months.csv:3: month: invalid month '2024-1': expected YYYY-MM
consort: error: months.csv:4: month: invalid month '202401': expected YYYY-MM
consort: error: months.csv:5: month: invalid month '1899-12': expected YYYY-MM
consort: 4 of 4 rows are bad; nothing was imported"
printf 'partner,key,tcv_usd,signed_on,start_on,end_on\nstark,c1,100,2024-01-01,2024-01-01,2024-01-01\nstark,c2,100,2024-01-01,2024-01-01,2023-12-31\n' >order.csv
reject commits order.csv "consort: error: order.csv:2: end_on: 2024-01-01 is not after start_on (2024-01-01)
consort: error: order.csv:3: end_on: 2023-12-31 is not after start_on (2024-01-01)
consort: 2 of 2 rows are bad; nothing was imported"
printf 'partner,plan,start_on,end_on\nstark,basic,2024-01-01,2023-01-01\n' >support.csv
reject support support.csv "consort: error: support.csv:2: end_on: 2023-01-01 is before start_on (2024-01-01)
consort: 1 of 1 rows are bad; nothing was imported"
printf 'partner,enabled_on,disabled_on\nglobex,2024-05-01,2024-05-01\n' >mapping.csv
reject mapping mapping.csv "consort: error: mapping.csv:2: disabled_on: 2024-05-01 is not after enabled_on (2024-05-01)
consort: 1 of 1 rows are bad; nothing was imported"

# ---- duplicate keys within one file ----
printf 'key,name,domain,motions,products,region\nnewco,New Co,,integrate,segment,\nacme2,Acme 2,,integrate,segment,\nnewco,New Co again,,connect,segment,\n' >dup-partners.csv
reject partners dup-partners.csv "consort: error: dup-partners.csv:4: key: duplicate key 'newco' (first on line 2)
consort: 1 of 3 rows are bad; nothing was imported"
expect_sql "SELECT COUNT(*) FROM partners WHERE key IN ('newco', 'acme2')" 0
printf 'partner,month,amount_usd\nstark,2024-03,5\nstark,2024-04,5\nstark,2024-03,6\n' >dup-spend.csv
reject spend dup-spend.csv "consort: error: dup-spend.csv:4: partner: duplicate key 'stark,2024-03' (first on line 2)
consort: 1 of 3 rows are bad; nothing was imported"
printf 'partner,plan,start_on,end_on\nstark,premier,2024-01-01,\nstark,premier,2024-01-01,2024-12-31\n' >dup-support.csv
reject support dup-support.csv "consort: error: dup-support.csv:3: partner: duplicate key 'stark,premier,2024-01-01' (first on line 2)
consort: 1 of 2 rows are bad; nothing was imported"
printf 'partner,on,kind\nacme,2025-01-01,webinar\nacme,2025-01-01,webinar\n' >dup-activity.csv
reject activity dup-activity.csv "consort: error: dup-activity.csv:3: partner: duplicate key 'acme,2025-01-01,webinar' (first on line 2)
consort: 1 of 2 rows are bad; nothing was imported"
printf 'partner,program,tier,since,invited\nacme,segment-2025,bronze,2024-01-01,\nacme,twilio-2023,bronze,2024-01-01,\nacme,segment-2025,silver,2024-01-01,\n' >dup-enroll.csv
reject enrollments dup-enroll.csv "consort: error: dup-enroll.csv:4: partner: duplicate key 'acme,segment-2025' (first on line 2)
consort: 1 of 3 rows are bad; nothing was imported"
# The same key for two partners is no duplicate: solutions are keyed by partner.
printf 'partner,key,name,product,launched_on,docs_on,collateral_on,reviewed_on\nacme,shared,S,segment,,,,\nhooli,shared,S,segment,,,,\nacme,shared,S2,segment,,,,\n' >dup-solutions.csv
reject solutions dup-solutions.csv "consort: error: dup-solutions.csv:4: partner: duplicate key 'acme,shared' (first on line 2)
consort: 1 of 3 rows are bad; nothing was imported"

# ---- other field checks ----
printf 'key,name,domain,motions,products,region\nbad/key,N,,integrate,segment,\nk2,N,-x.com,;,segment,\nk3,N,x,integrate;teleport,segment;voice,\nk4,,x.example,integrate,,\n' >fields.csv
reject partners fields.csv "consort: error: fields.csv:2: key: invalid key 'bad/key': use at most 200 letters, digits and . _ - : @
consort: error: fields.csv:3: domain: invalid domain '-x.com': expected a name like example.com
consort: error: fields.csv:3: motions: missing value (a ';'-separated list of motions)
consort: error: fields.csv:4: domain: invalid domain 'x': expected a name like example.com
consort: error: fields.csv:4: motions: unknown motion 'teleport'
consort: error: fields.csv:4: products: unknown product 'voice'
consort: error: fields.csv:5: name: missing value
consort: error: fields.csv:5: products: missing value
consort: 4 of 4 rows are bad; nothing was imported"
long=$(printf '%02001d' 0)
printf 'key,name,domain,motions,products,region\nlongname,%s,,integrate,segment,\n' "$long" >long.csv
reject partners long.csv "consort: error: long.csv:2: name: too long (2001 characters, at most 2000)
consort: 1 of 1 rows are bad; nothing was imported"
# Descriptions: at most 2,000 characters (not bytes), UTF-8, no control characters
# but tabs and line breaks.
long=$(printf '%02001d' 0)
wide=$(for _ in $(seq 1 2000); do printf '\xc3\xa9'; done)
printf 'key,name,motions,products,description\nd1,D,integrate,segment,%s\nd2,D,integrate,segment,%s\nd3,D,integrate,segment,"a\tb\r\nc"\nd4,D,integrate,segment,bell\x07\nd5,D,integrate,segment,caf\xe9\n' \
	"$long" "$wide" >descriptions.csv
reject partners descriptions.csv "consort: error: descriptions.csv:2: description: too long (2001 characters, at most 2000)
consort: error: descriptions.csv:6: description: control character 0x07 at character 5 (only tabs and line breaks are allowed)
consort: error: descriptions.csv:7: description: invalid UTF-8 (byte 0xe9 at character 4): save the file as UTF-8
consort: 3 of 5 rows are bad; nothing was imported"
printf 'partner,agreement,signed_on,expires_on\nacme,nda,2024-01-01,\n' >kind.csv
reject agreements kind.csv "consort: error: kind.csv:2: agreement: unknown agreement kind 'nda'
consort: 1 of 1 rows are bad; nothing was imported"
printf 'partner,key,title,customer,published_on,url\nacme,st1,T,C,2024-01-01,ftp://x.example\nacme,st2,T,C,2024-01-01,https://x y\nacme,st 3,,C,2024-01-01,https://ok.example\n' >stories.csv
reject stories stories.csv "consort: error: stories.csv:2: url: invalid URL 'ftp://x.example': expected http:// or https://
consort: error: stories.csv:3: url: invalid URL 'https://x y': expected http:// or https://
consort: error: stories.csv:4: key: invalid key 'st 3': use at most 200 letters, digits and . _ - : @
consort: error: stories.csv:4: title: missing value
consort: 3 of 3 rows are bad; nothing was imported"
printf 'partner,on,kind\nacme,2025-01-01,web inar\n' >kind2.csv
reject activity kind2.csv "consort: error: kind2.csv:2: kind: invalid key 'web inar': use at most 200 letters, digits and . _ - : @
consort: 1 of 1 rows are bad; nothing was imported"

# ---- malformed CSV ----
printf 'key,name,domain,motions,products,region\nacme,"Acme" Inc,,integrate,segment,\nfoo,Foo,,integrate,segment\nbar,Bar,,integrate,segment,NA,extra\n' >malformed.csv
reject partners malformed.csv "consort: error: malformed.csv:2: row: unexpected character after closing quote
consort: error: malformed.csv:3: row: expected 6 fields, found 5
consort: error: malformed.csv:4: row: expected 6 fields, found 7
consort: 3 of 3 rows are bad; nothing was imported"
printf 'key,name,domain,motions,products,region\nnewco,New Co,,integrate,segment,\nacme,"Acme\n' >unterminated.csv
reject partners unterminated.csv "consort: error: unterminated.csv:3: row: unterminated quoted field
consort: 1 of 2 rows are bad; nothing was imported"
expect_sql "SELECT COUNT(*) FROM partners WHERE key = 'newco'" 0

# ---- headers and empty files ----
printf '' >empty.csv
reject partners empty.csv "consort: error: empty.csv: empty file (expected a header row: key,name,domain,motions,products,region,description)"
printf '\xef\xbb\xbf\r\n\r\n' >bom-empty.csv
reject partners bom-empty.csv "consort: error: bom-empty.csv: empty file (expected a header row: key,name,domain,motions,products,region,description)"
printf 'partner,month,amount_usd,extra\nstark,2024-03,5,x\n' >extra.csv
reject spend extra.csv "consort: error: extra.csv:1: unknown column 'extra' (columns of spend: partner,month,amount_usd)"
printf 'partner,amount_usd,partner\n' >twice.csv
reject spend twice.csv "consort: error: twice.csv:1: column 'partner' appears twice
consort: error: twice.csv:1: missing column 'month' (columns of spend: partner,month,amount_usd)"
printf 'key,name\nnewco,New Co\n' >few.csv
reject partners few.csv "consort: error: few.csv:1: missing column 'motions' (columns of partners: key,name,domain,motions,products,region,description)
consort: error: few.csv:1: missing column 'products' (columns of partners: key,name,domain,motions,products,region,description)"
printf 'Key,Name,Motions,Products\n' >case.csv
expect_fail 1 import partners case.csv
expect_stderr_contains "case.csv:1: unknown column 'Key' (columns of partners: key,name,domain,motions,products,region,description)"
expect_db_unchanged

# ---- BOM, CRLF, quoted commas and newlines in bad files: exact line numbers,
# no stray CR in messages ----
printf '\xef\xbb\xbfpartner,month,amount_usd\r\nstark,2024-09,"1,000"\r\nstark,2024-10,12.345\r\nstark,2024-11,5\r\nstark,2024-12,5\r\nstark,2025-13,5\r\n' >bom-crlf.csv
reject spend bom-crlf.csv "consort: error: bom-crlf.csv:2: amount_usd: invalid amount '1,000': $money_syntax
consort: error: bom-crlf.csv:3: amount_usd: invalid amount '12.345': more than 2 decimal places
consort: error: bom-crlf.csv:6: month: invalid month '2025-13': expected YYYY-MM
consort: 3 of 5 rows are bad; nothing was imported"
LC_ALL=C grep -q "$(printf '\r')" "$ERR" && fail "a CR in the error text"
printf 'key,partner,account,product,type,stage,arr_usd,closed_on\r\nd-x1,acme,"Multi\r\nline, account",segment,new,closed_won,-5,2024-01-01\r\nd-x2,acme,"A ""quoted"", account",segment,new,closed_won,5,2024-12-31\r\nd-x3,acme,"two\n\nblank lines",segment,new,open,5.5.5,\r\n' >quoted.csv
reject deals quoted.csv "consort: error: quoted.csv:2: arr_usd: invalid amount '-5': negative amounts are not allowed
consort: error: quoted.csv:5: arr_usd: invalid amount '5.5.5': $money_syntax
consort: 2 of 3 rows are bad; nothing was imported"
# A BOM anywhere but at the very start is data.
printf 'partner,month,amount_usd\n\xef\xbb\xbfstark,2024-03,5\n' >bom-middle.csv
reject spend bom-middle.csv "consort: error: bom-middle.csv:2: partner: unknown partner '$(printf '\xef\xbb\xbf')stark'
consort: 1 of 1 rows are bad; nothing was imported"

# ---- the command itself ----
reject spendings spend.csv "consort: error: unknown import kind 'spendings' (one of: partners, enrollments, agreements, solutions, stories, deals, spend, commits, support, mapping, plans, activity)" 2
reject spend missing.csv "consort: error: cannot open 'missing.csv': No such file or directory"
mkdir adir
expect_fail 1 import spend adir
expect_stderr_contains "consort: error:" "adir"
expect_db_unchanged
expect_fail 2 import spend
expect_stderr_contains "consort import: usage: consort import KIND FILE (KIND: partners, enrollments, agreements, solutions, stories, deals, spend, commits, support, mapping, plans, activity)"
expect_fail 2 import
expect_fail 2 import spend a.csv b.csv
expect_fail 2 import spend spend.csv --force
expect_stderr_contains "consort import: unknown option '--force'"
expect_db_unchanged

# Regression: an invalid close date on a closed deal is one problem, not also
# "missing value".
printf 'key,partner,account,product,type,stage,arr_usd,closed_on\nd-bd,acme,A,segment,new,closed_won,5,2024-02-30\n' >baddate.csv
reject deals baddate.csv "consort: error: baddate.csv:2: closed_on: invalid date '2024-02-30': expected YYYY-MM-DD
consort: 1 of 1 rows are bad; nothing was imported"

# Text must be UTF-8 (a Latin-1 export is refused, with the byte and where).
printf 'key,name,domain,motions,products,region\nlatin,Caf\xe9 Corp,cafe.com,integrate,segment,EMEA\n' >latin1.csv
reject partners latin1.csv "consort: error: latin1.csv:2: name: invalid UTF-8 (byte 0xe9 at character 4): save the file as UTF-8
consort: 1 of 1 rows are bad; nothing was imported"
