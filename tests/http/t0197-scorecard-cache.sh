#!/bin/bash
# The scorecard cache (src/http/cache.c): a scorecard computed once answers
# again, for every caller the route admits, until the data under it changes;
# any change to data (through the API, or another process such as a CLI
# import) is seen at once; signing in and using tokens do not empty it; a
# failed write changes nothing; --cache-size 0 turns it off.
# shellcheck source=tests/http/lib.sh disable=SC2016
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

SC="/api/v1/partners/acme/scorecard?program=segment-2025&as_of=2025-01-15"
readers=()
ARR='.requirements[] | select(.key == "influence_revenue") | .value'

# "hits misses" from /metrics.
cache_counts() {
	local prev=$AS
	AS=anon
	req GET /metrics
	AS=$prev
	awk '$1 == "consort_cache_hits_total" { h = $2 } $1 == "consort_cache_misses_total" { m = $2 }
		END { print h, m }' "$OUT"
}
expect_counts() {
	local got
	got=$(cache_counts)
	[ "$got" = "$1" ] || fail "cache hits and misses: expected '$1', got '$got'"
}
generation() { sql "SELECT n FROM data_generation"; }
# scorecard [CALLER]: GET $SC, 200, its body kept in $T/$name.
scorecard() {
	AS=${2:-partner_manager}
	req GET "$SC"
	expect_status 200
	cp "$OUT" "$T/$1"
}
same() { cmp -s "$T/$1" "$T/$2" || fail "scorecards $1 and $2 differ"; }

expect_counts "0 0"
scorecard first
expect_json "$ARR" 380000.00
expect_counts "0 1"
# The same answer, byte for byte, from the cache: for the vendor and for the partner.
scorecard again
same first again
scorecard partner partner_user
same first partner
expect_counts "2 1"
# Another date or program is another entry.
AS=partner_manager
req GET "/api/v1/partners/acme/scorecard?program=segment-2025&as_of=2025-02-01"
expect_status 200
expect_counts "2 2"
# An unknown partner's 404 is not cached: asked twice, two misses.
for _ in 1 2; do
	req GET "/api/v1/partners/nope/scorecard?program=segment-2025&as_of=2025-01-15"
	expect_status 404
done
expect_counts "2 4"

# ---- a change through the API: the next scorecard is computed again ----
g=$(generation)
AS=partner_manager
req PUT /api/v1/partners/acme/deals/d-cache '{"account":"New Co","product":"segment","type":"new","stage":"closed_won","arr_usd":"20000","closed_on":"2024-12-01"}'
expect_status 201
[ "$(generation)" = $((g + 1)) ] || fail "a new deal did not count the data generation up"
scorecard after_put
expect_json "$ARR" 400000.00
expect_counts "2 5"
scorecard after_put_again
same after_put after_put_again
expect_counts "3 5"
# A deal of another partner counts too: a deal's key is unique across partners (an
# import may move it), so deals count the data generation, everyone's.
req PUT /api/v1/partners/globex/deals/d-cache-globex '{"account":"X","product":"segment","type":"new","stage":"closed_won","arr_usd":"5","closed_on":"2024-12-01"}'
expect_status 201
scorecard after_globex
same after_put after_globex
expect_counts "3 6"

# ---- another partner's own records: its generation, not everyone's ----
g=$(generation)
pg=$(sql "SELECT COALESCE((SELECT n FROM partner_generation WHERE partner_key = 'globex'), 0)")
req PUT /api/v1/partners/globex/solutions/sol-cache '{"name":"Cache","product":"segment","launched_on":"2024-06-01"}'
expect_status 201
[ "$(generation)" = "$g" ] || fail "a solution of globex counted everyone's generation up"
expect_sql "SELECT n FROM partner_generation WHERE partner_key = 'globex'" $((pg + 1))
scorecard after_globex_solution
same after_put after_globex_solution
expect_counts "4 6"
# acme's own: acme's scorecard is computed again, and shows it.
req PUT /api/v1/partners/acme/stories/story-cache '{"title":"Cache","customer":"C","published_on":"2024-06-01","url":"https://example.com/s"}'
expect_status 201
[ "$(generation)" = "$g" ] || fail "a story of acme counted everyone's generation up"
scorecard after_acme_story
cmp -s "$T/after_put" "$T/after_acme_story" && fail "acme's scorecard did not change with its story"
expect_jq '[.requirements[] | select(.key == "stories") | .evidence[] | .story] | index("story-cache") != null'
expect_counts "4 7"
scorecard after_acme_story_again
same after_acme_story after_acme_story_again
expect_counts "5 7"
req DELETE /api/v1/partners/acme/stories/story-cache
expect_status 204
scorecard after_delete
same after_put after_delete
expect_counts "5 8"

# ---- a failed write changes nothing, the cache answers on ----
g=$(generation)
req PUT /api/v1/partners/acme/deals/d-bad '{"account":"X","product":"segment","type":"new","stage":"closed_won","arr_usd":-5,"closed_on":"2025-01-01"}'
expect_status 422
[ "$(generation)" = "$g" ] || fail "a refused write counted the data generation up"
scorecard after_failure
expect_counts "6 8"

# ---- signing in, tokens and their use are side writes: the cache stays ----
g=$(generation)
tok=$(token admin read)
AS=partner_admin
req GET /api/v1/session
expect_status 200
AS="bearer:$tok"
req GET "$SC"
expect_status 200
cp "$OUT" "$T/by_token"
same after_put by_token
[ "$(generation)" = "$g" ] || fail "a sign-in or a token counted the data generation up"
expect_counts "7 8"

# ---- another process changes the data: seen at once ----
printf 'key,partner,account,product,type,stage,arr_usd,closed_on\nd-cli,acme,Cli Co,segment,new,closed_won,100000,2024-12-15\n' >cli-deals.csv
expect_ok import deals cli-deals.csv
scorecard after_cli
expect_json "$ARR" 500000.00
expect_counts "7 9"
# ...and a CLI evaluation that proposes tiers writes proposals: data, so a step too.
g=$(generation)
expect_ok evaluate --program segment-2025 --mode annual --year 2025 --as-of 2025-01-15 --propose
[ "$(generation)" -gt "$g" ] || fail "a proposing evaluation did not count the generation up"
scorecard after_propose
same after_cli after_propose
expect_counts "7 10"

# ---- read your writes, with readers filling the cache meanwhile ----
# Background readers ask for the same scorecard without pause (cache entries made
# from snapshots on either side of each write); after each write is answered, the
# next scorecard must show it.
as partner_manager
jar=$(_jar partner_manager)
for _ in 1 2 3; do
	(while :; do curl -s -o /dev/null -b "$jar" "$BASE$SC" || exit 0; done) &
	readers+=($!)
done
for i in $(seq 1 40); do
	req PUT /api/v1/partners/acme/deals/d-cache "{\"account\":\"New Co\",\"product\":\"segment\",\"type\":\"new\",\"stage\":\"closed_won\",\"arr_usd\":\"$i\",\"closed_on\":\"2024-12-01\"}"
	expect_status 200
	req GET "$SC"
	expect_status 200
	expect_json "$ARR" "$(printf '%d.00' $((480000 + i)))"
done
kill "${readers[@]}" 2>/dev/null
wait "${readers[@]}" 2>/dev/null || true
req PUT /api/v1/partners/acme/deals/d-cache '{"account":"New Co","product":"segment","type":"new","stage":"closed_won","arr_usd":"20000","closed_on":"2024-12-01"}'
expect_status 200
scorecard restored
same after_cli restored

# ---- --cache-size 0: no cache ----
stop_server
start_server --cache-size 0
scorecard off1
scorecard off2
same off1 off2
same after_cli off1
expect_counts "0 0"
req GET /metrics
grep -qx "consort_cache_max_bytes 0" "$OUT" || fail "consort_cache_max_bytes is not 0"

# ---- the setting: a size with K, M or G ----
expect_fail 1 serve --cache-size 12X
expect_stderr_contains "--cache-size: invalid cache-size '12X': expected a size from 0 to"
CONSORT_CACHE_SIZE=-1 expect_fail 1 serve
expect_stderr_contains "CONSORT_CACHE_SIZE: invalid cache-size '-1'"
expect_fail 1 serve --cache-size 2048G
expect_stderr_contains "invalid cache-size '2048G'"
stop_server
start_server --cache-size 1m
req GET /metrics
grep -qx "consort_cache_max_bytes 1048576" "$OUT" || fail "--cache-size 1m is not 1 MiB"
