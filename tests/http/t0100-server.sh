#!/bin/bash
# The server itself: health, readiness, metrics, 404 and 405 (with Allow) for
# every path of the route table, the error shape, common headers, the access
# log, the listen address, configuration errors, the first-run admin.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

# ---- health and readiness ----
req GET /healthz
expect_status 200
expect_json .status ok
expect_header Content-Type application/json
expect_header Cache-Control no-store
expect_header X-Content-Type-Options nosniff

req HEAD /healthz
expect_status 200
expect_header Content-Type application/json

req GET /readyz
expect_status 200
expect_json .status ready
expect_json .schema "$(sql "SELECT MAX(version) FROM schema_migrations")"

# Query strings are ignored by routes that take none.
req GET '/healthz?verbose=1&x=%00'
expect_status 200

# ---- 404: unknown paths, in the error shape (req checks the shape of every error) ----
for path in /nope /api /api/v1 /api/v1/ /api/v1/nope /healthz/ //healthz /api/v1/tokens/ \
	/api/v1/session/extra '/api/v1/%zz' '/%ff' '/api/v1/tokens/%ff/x' '/caf%c3%a9'; do
	req GET "$path"
	expect_status 404
	expect_error not_found
done
req GET /nope
expect_message "/nope"
req POST /nope '{}'
expect_status 404
req DELETE /api/v1/nope
expect_status 404

# A non-UTF-8 path still gets a JSON error (the message shows the bad byte as '?').
req GET '/bad%ffpath'
expect_status 404
expect_message "/bad?path"

# ---- 405 with Allow, for every path of the route table ----
declare -A methods_of=()
while IFS='|' read -r method path _; do
	methods_of[$path]+="$method "
done < <(routes_table)
for path in "${!methods_of[@]}"; do
	other=""
	for m in PATCH PUT DELETE POST GET; do
		if [[ " ${methods_of[$path]}" != *" $m "* ]]; then
			other=$m
			break
		fi
	done
	[ -n "$other" ] || continue
	url=$(fill_path "$path" A)
	body=""
	! has_body "$other" || body='{}'
	req "$other" "$url" "$body"
	expect_status 405
	expect_error method_not_allowed
	allow=$(header Allow)
	for m in ${methods_of[$path]}; do
		[[ ", $allow, " == *", $m, "* ]] || fail "Allow '$allow' of $path lacks $m"
	done
	[[ ", $allow, " != *", $other, "* ]] || fail "Allow '$allow' of $path lists $other"
done
# Methods the server does not know at all.
for m in BREW TRACE OPTIONS; do
	req "$m" /healthz
	expect_status 405 400 501
done

# ---- metrics ----
req GET /api/v1/nowhere
req GET /healthz
as admin
req DELETE /api/v1/tokens/999999
expect_status 404
as anon
req GET /metrics
expect_status 200
expect_header Content-Type "text/plain; version=0.0.4"
metrics() { grep -qF "$1" "$OUT" || fail "metrics lack: $1"; }
metrics '# TYPE consort_http_requests_total counter'
metrics 'consort_http_requests_total{method="GET",route="/healthz",status="200"}'
metrics 'consort_http_requests_total{method="GET",route="/readyz",status="200"}'
metrics 'consort_http_requests_total{method="POST",route="/api/v1/session",status="200"}'
metrics 'consort_http_requests_total{method="DELETE",route="/api/v1/tokens/{token}",status="404"}'
metrics 'consort_http_requests_total{method="GET",route="unmatched",status="404"}'
# A 405 is unmatched too, counted under its own method.
req PATCH /healthz
expect_status 405
req GET /metrics
metrics 'consort_http_requests_total{method="PATCH",route="unmatched",status="405"}'
metrics '# TYPE consort_http_request_duration_seconds histogram'
metrics 'consort_http_request_duration_seconds_bucket{le="0.005"}'
metrics 'consort_http_request_duration_seconds_sum '
metrics '# TYPE consort_evaluations_total counter'
metrics 'consort_evaluations_total '
# Every sample line is NAME{LABELS} VALUE or NAME VALUE with a numeric value.
sample_re='^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.e+-]+$'
grep -v '^#' "$OUT" | grep -Evq "$sample_re" &&
	fail "malformed metric line: $(grep -v '^#' "$OUT" | grep -Ev "$sample_re" | head -n1)"
# Buckets are cumulative, +Inf equals the count, and the count covers every request so far.
awk '/^consort_http_request_duration_seconds_bucket/ { if ($2 < prev) bad = 1; prev = $2; inf = $2 }
	/^consort_http_request_duration_seconds_count/ { count = $2 }
	END { exit !(bad == 0 && inf == count && count >= 10) }' "$OUT" ||
	fail "histogram buckets not cumulative or +Inf != count"
# Counters move by one per request.
# (A request is counted when its response has been sent: poll a little.)
healthz_count() {
	sed -n 's/^consort_http_requests_total{method="GET",route="\/healthz",status="200"} //p' "$OUT"
}
n1=$(healthz_count)
req GET /healthz
for i in $(seq 1 50); do
	req GET /metrics
	n2=$(healthz_count)
	[ "$n2" -eq "$n1" ] || break
	sleep 0.02
done
[ "$n2" -eq $((n1 + 1)) ] || fail "healthz counter went from $n1 to $n2 after one request"

# ---- the access log: one JSON line per request, no query strings, no secrets ----
as admin
req GET '/api/v1/audit?limit=1&entity=user'
expect_status 200
make_token admin read
as "bearer:$TOKEN"
req GET /api/v1/session
expect_status 200
as anon
req GET /healthz
# Lines are written when the response has been sent: wait for the last one.
for i in $(seq 1 50); do
	[ "$(tail -n 1 "$ACCESS_LOG" | jq -r .route)" != /healthz ] || break
	sleep 0.02
done
jq -e . "$ACCESS_LOG" >/dev/null || fail "the access log is not JSON lines"
jq -se 'all(.[]; has("ts") and has("method") and has("path") and has("route") and has("status")
	and has("ms") and has("bytes") and has("client"))' "$ACCESS_LOG" >/dev/null ||
	fail "access log lines lack fields"
jq -se 'any(.[]; .path == "/api/v1/audit" and .route == "/api/v1/audit" and .status == 200
	and .user == "admin@consort.test" and .client == "127.0.0.1")' "$ACCESS_LOG" >/dev/null ||
	fail "no access log line for GET /api/v1/audit by admin"
jq -se 'any(.[]; .path == "/api/v1/tokens/999999" and .route == "/api/v1/tokens/{token}"
	and .status == 404)' "$ACCESS_LOG" >/dev/null || fail "no access log line for the 404 token"
jq -se 'any(.[]; .path == "/bad?path" or (.path | startswith("/bad")))' "$ACCESS_LOG" \
	>/dev/null || fail "no access log line for the non-UTF-8 path"
! grep -q 'limit=1' "$ACCESS_LOG" || fail "the access log has a query string"
for secret in "$PASSWORD" "$TOKEN" "$(session_id admin)" "$(cat "$JARS/admin.csrf")"; do
	! grep -qF "$secret" "$ACCESS_LOG" "$SERVER_ERR" || fail "a secret is in the logs: $secret"
done

# ---- one server per port: a second one on the same address must not start ----
last_cmd="consort serve --listen 127.0.0.1:$PORT (a second server)"
status=0
timeout 10 "$CONSORT" serve --listen "127.0.0.1:$PORT" --access-log second.log \
	>"$OUT" 2>"$ERR" </dev/null || status=$?
cat "$ERR" >>"${TEST_STDERR_LOG:-/dev/null}"
[ "$status" -eq 1 ] || fail "a second server on port $PORT exited $status (expected 1)"
expect_stderr_contains "cannot listen on 127.0.0.1:$PORT"
req GET /healthz
expect_status 200

# ---- configuration errors stop the server before it listens ----
expect_fail 1 serve --threads x
expect_stderr_contains "--threads: invalid threads 'x'"
expect_fail 1 serve --max-body 10
expect_stderr_contains "--max-body: invalid max-body '10'"
expect_fail 1 serve --listen nowhere
expect_stderr_contains "invalid listen address 'nowhere'"
expect_fail 1 serve --listen 127.0.0.1:0
expect_fail 2 serve --no-such-flag 1
expect_fail 2 serve extra
printf 'listen = 127.0.0.1:1\n# comment\nnope = 1\nthreads = many\n' >bad.conf
expect_fail 1 serve --config bad.conf
expect_stderr_contains "bad.conf:3: unknown setting 'nope'" "bad.conf:4: invalid threads 'many'"
CONSORT_THREADS=abc expect_fail 1 serve
expect_stderr_contains "CONSORT_THREADS: invalid threads 'abc'"
expect_fail 1 --db missing.db serve
expect_no_file missing.db

# ---- settings from a file, the environment and flags (flags win) ----
printf 'max-body = 1024\nsession-idle-seconds = 600\n' >small.conf
start_server --config small.conf
big=$(jq -nc --arg n "$(head -c 1500 /dev/zero | tr '\0' a)" '{name: $n}')
as admin
req POST /api/v1/tokens "$big"
expect_status 413
expect_error payload_too_large
stop_server
CONSORT_MAX_BODY=1024 start_server --config small.conf --max-body 4096
as admin
req POST /api/v1/tokens "$big"
expect_status 422 # too long a name: the body got through
stop_server
use_server 1

# ---- first run: no admin in the database, one is created with a random password ----
CONSORT_DB=fresh.db run init
expect_status 0
CONSORT_DB=fresh.db CONSORT_BOOTSTRAP_ADMIN=boot@consort.test start_server
pw=$(cat "$SERVER_ERR".failed "$SERVER_ERR" 2>/dev/null |
	sed -n "s/.*created admin 'boot@consort.test' with password \([0-9a-f]*\) .*/\1/p")
[ ${#pw} -ge 16 ] || fail "no bootstrap password in the server's stderr"
as anon
req POST /api/v1/session "{\"email\":\"boot@consort.test\",\"password\":\"$pw\"}"
expect_status 200
expect_json .role admin
stop_server
# ... once only.
CONSORT_DB=fresh.db start_server
! grep -q "first run" "$SERVER_ERR" || fail "a second bootstrap admin"
stop_server
